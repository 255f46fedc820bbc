import ArgumentParser
import Foundation
import GantryModel

extension Bench {
    /// `gantry bench interchange`: `gantry verify` side by side with MPXJ's schedulers on the public corpus —
    /// agreement with the stored dates, and the time and memory of the whole process.
    struct InterchangeBench: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "interchange",
            abstract: "gantry verify against MPXJ (mpxj_oracle.py compare): agreement, time and memory, side by side.",
            discussion: """
                Runs, each as a child process under /usr/bin/time (wall seconds and peak resident memory of the \
                whole process, so start-up counts on both sides):
                  1. gantry verify CORPUS --json, and python3 ORACLE compare CORPUS --json;
                  2. both on the largest file of the corpus;
                  3. with --generate N: gantry verify on a generated N-task MS Project XML file (a WBS of summary \
                     tasks, links of all four types with lags, a second calendar with holidays) written to a \
                     temporary folder — its stored dates are placeholders, so only time and memory count there.

                Agreement is the share of leaf tasks whose every compared field equals the stored one, per corpus \
                folder (mspdi = native MS Project XML, mspdi-derived, xer, gan, p6xml) for Gantry and for MPXJ, \
                and the files where MPXJ agrees fully with Gantry's figure beside them. MPXJ counts manually \
                scheduled tasks as leaf tasks, so Gantry's leaf and manual tasks are added here; MPXJ does not \
                compare Critical, Gantry does. A third column gives Gantry's agreement without the tasks whose \
                stored late finish their own file's project finish contradicts (stale_late_finish in gantry verify \
                --help); MPXJ's report does not name tasks, so its figure is over all tasks only.

                Build in release first: swift build -c release --product gantry.

                Examples:
                  gantry bench interchange
                  gantry bench interchange --generate 100000 --json
                """)

        @Option(help: ArgumentHelp("The corpus folder (default ../shared/data/schedules).", valueName: "dir"))
        var corpus: String = "../shared/data/schedules"

        @Option(help: ArgumentHelp("MPXJ's comparison script (default ../shared/tools/mpxj_oracle.py).", valueName: "path"))
        var oracle: String = "../shared/tools/mpxj_oracle.py"

        @Option(help: ArgumentHelp("Also generate an N-task MSPDI file and time gantry verify on it.", valueName: "n"))
        var generate: Int?

        @Option(help: ArgumentHelp("Write the generated file here and keep it (default: a temporary file).", valueName: "path"))
        var generatedPath: String?

        @Flag(help: "Skip MPXJ (only Gantry's figures).")
        var skipMpxj = false

        @Flag(help: "Also run MPXJ on the generated file.")
        var mpxjOnGenerated = false

        @Flag(help: "Print JSON.")
        var json = false

        struct Measured: Encodable {
            var seconds: Double
            var peakMemoryMb: Double
            var exitCode: Int32
        }

        struct Side: Encodable {
            var leafTasks: Int
            var agreeAll: Int
            var agreePct: Double
        }

        struct GroupRow: Encodable {
            var group: String
            var gantry: Side
            var mpxj: Side?
            /// Gantry's, without the tasks whose stored late finish the file contradicts.
            var gantryConsistent: Side
        }

        struct FullFile: Encodable {
            var file: String
            var leafTasks: Int
            var gantryAgreeAll: Int
            var mpxjAgreeAll: Int
        }

        struct Output: Encodable {
            var corpusGantry: Measured
            var corpusMpxj: Measured?
            var groups: [GroupRow]
            var filesMpxjAgreesFully: [FullFile]
            var largestFile: String
            var largestGantry: Measured
            var largestMpxj: Measured?
            var generatedTasks: Int?
            var generatedGantry: Measured?
            var generatedMpxj: Measured?
        }

        func run() throws {
            let me = try executablePath()
            let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("gantry-bench-\(getpid())")
            try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: tmp) }

            progress("gantry verify \(corpus)")
            let oursJSON = tmp.appendingPathComponent("gantry.json").path
            let corpusGantry = try measure([me, "verify", corpus, "--json"], stdout: oursJSON)
            let ours = try parseOurs(oursJSON)

            var corpusMpxj: Measured?
            var theirs: [String: (leaf: Int, agree: Int, full: Bool)] = [:]
            if !skipMpxj {
                progress("mpxj_oracle.py compare \(corpus)")
                let theirsJSON = tmp.appendingPathComponent("mpxj.json").path
                corpusMpxj = try measure(["python3", oracle, "compare", corpus, "--json", theirsJSON],
                                         stdout: tmp.appendingPathComponent("mpxj.log").path)
                theirs = try parseMPXJ(theirsJSON, corpus: corpus)
            }

            // Per corpus folder.
            var groups: [String: (GroupTally, GroupTally, GroupTally)] = [:]
            for (file, o) in ours {
                let g = group(of: file)
                groups[g, default: (GroupTally(), GroupTally(), GroupTally())].0.add(o.leaf, o.agree)
                groups[g]!.2.add(o.leaf - o.stale, o.agree - o.staleAgree)
                if let t = theirs[file] { groups[g]!.1.add(t.leaf, t.agree) }
            }
            let groupRows = groups.keys.sorted().map { g in
                GroupRow(group: g, gantry: groups[g]!.0.side, mpxj: skipMpxj ? nil : groups[g]!.1.side,
                         gantryConsistent: groups[g]!.2.side)
            } + [GroupRow(group: "total", gantry: groups.values.reduce(GroupTally()) { $0 + $1.0 }.side,
                          mpxj: skipMpxj ? nil : groups.values.reduce(GroupTally()) { $0 + $1.1 }.side,
                          gantryConsistent: groups.values.reduce(GroupTally()) { $0 + $1.2 }.side)]
            let full = theirs.filter { $0.value.full }.keys.sorted().map { f in
                FullFile(file: f, leafTasks: theirs[f]!.leaf, gantryAgreeAll: ours[f]?.agree ?? 0, mpxjAgreeAll: theirs[f]!.agree)
            }

            // The largest file.
            let files = try VerifyRunner.files(at: [corpus])
            let largest = files.max { size($0) < size($1) } ?? corpus
            progress("largest file: \(largest) (\(size(largest) / 1024) KB)")
            let largestGantry = try measure([me, "verify", largest, "--json"], stdout: "/dev/null")
            let largestMpxj = skipMpxj ? nil : try measure(["python3", oracle, "compare", largest], stdout: "/dev/null")

            var generatedGantry: Measured?, generatedMpxj: Measured?
            if let n = generate {
                let path = generatedPath ?? tmp.appendingPathComponent("generated-\(n).xml").path
                progress("writing a \(n)-task MSPDI file")
                try Data(MSPDIGenerator(tasks: n).xml().utf8).write(to: URL(fileURLWithPath: path))
                progress("gantry verify on it (\(size(path) / 1_048_576) MB)")
                generatedGantry = try measure([me, "verify", path, "--json"], stdout: "/dev/null")
                if mpxjOnGenerated { generatedMpxj = try measure(["python3", oracle, "compare", path], stdout: "/dev/null") }
            }

            let out = Output(corpusGantry: corpusGantry, corpusMpxj: corpusMpxj, groups: groupRows,
                             filesMpxjAgreesFully: full, largestFile: largest, largestGantry: largestGantry,
                             largestMpxj: largestMpxj, generatedTasks: generate, generatedGantry: generatedGantry,
                             generatedMpxj: generatedMpxj)
            if json {
                say(try jsonText(out))
                return
            }
            say("agreement (leaf tasks agreeing on every compared field)")
            say("group            gantry                    mpxj                      gantry without stale late finishes")
            for r in groupRows {
                say(VerifyRunner.padRight(r.group, 16) + " " + VerifyRunner.padRight(text(r.gantry), 25) + " "
                    + VerifyRunner.padRight(r.mpxj.map(text) ?? "-", 25) + " " + text(r.gantryConsistent))
            }
            let below = full.filter { $0.gantryAgreeAll < $0.leafTasks }
            say("files where MPXJ agrees fully: \(full.count); Gantry agrees fully on \(full.count - below.count)")
            for f in below { say("  below MPXJ: \(f.file) \(f.gantryAgreeAll)/\(f.leafTasks)") }
            say()
            say("whole process            seconds   peak MB")
            say(row("corpus gantry", corpusGantry))
            if let m = corpusMpxj { say(row("corpus mpxj", m)) }
            say(row("largest gantry", largestGantry))
            if let m = largestMpxj {
                say(row("largest mpxj", m))
                say(String(format: "largest file: gantry %.1f× faster, %.1f%% of MPXJ's memory",
                           m.seconds / max(largestGantry.seconds, 1e-3), 100 * largestGantry.peakMemoryMb / max(m.peakMemoryMb, 1e-3)))
            }
            if let g = generatedGantry { say(row("generated \(generate ?? 0)", g)) }
            if let m = generatedMpxj { say(row("generated mpxj", m)) }
        }

        struct GroupTally {
            var leaf = 0, agree = 0
            mutating func add(_ l: Int, _ a: Int) { leaf += l; agree += a }
            static func + (a: GroupTally, b: GroupTally) -> GroupTally { GroupTally(leaf: a.leaf + b.leaf, agree: a.agree + b.agree) }
            var side: Side { Side(leafTasks: leaf, agreeAll: agree, agreePct: leaf == 0 ? 0 : (1000 * Double(agree) / Double(leaf)).rounded() / 10) }
        }

        func text(_ s: Side) -> String { String(format: "%5.1f%% (%d/%d)", s.agreePct, s.agreeAll, s.leafTasks) }
        func row(_ name: String, _ m: Measured) -> String {
            VerifyRunner.padRight(name, 24) + String(format: " %8.2f  %8.1f", m.seconds, m.peakMemoryMb)
                + (m.exitCode == 0 ? "" : "  (exit \(m.exitCode))")
        }

        /// A corpus-relative key: `mspdi/file.xml`.
        func key(_ path: String) -> String {
            let parts = path.split(separator: "/")
            return parts.suffix(2).joined(separator: "/")
        }
        func group(of key: String) -> String { String(key.split(separator: "/").first ?? "") }

        func size(_ path: String) -> Int {
            ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
        }

        func parseOurs(_ path: String) throws -> [String: (leaf: Int, agree: Int, stale: Int, staleAgree: Int)] {
            guard let data = FileManager.default.contents(atPath: path),
                  let doc = try JSONSerialization.jsonObject(with: data) as? [String: Any],
                  let files = doc["files"] as? [[String: Any]] else { throw CLIError("gantry verify wrote no JSON to \(path)") }
            var out: [String: (leaf: Int, agree: Int, stale: Int, staleAgree: Int)] = [:]
            for f in files {
                guard let file = f["file"] as? String else { continue }
                // MPXJ counts manual tasks as leaf tasks; Gantry counts them apart: add them for the side by side.
                out[key(file)] = (((f["leaf_tasks"] as? Int) ?? 0) + ((f["manual_tasks"] as? Int) ?? 0),
                                  ((f["agree_all"] as? Int) ?? 0) + ((f["manual_agree_all"] as? Int) ?? 0),
                                  (f["stale_tasks"] as? Int) ?? 0, (f["stale_agree_all"] as? Int) ?? 0)
            }
            return out
        }

        func parseMPXJ(_ path: String, corpus: String) throws -> [String: (leaf: Int, agree: Int, full: Bool)] {
            guard let data = FileManager.default.contents(atPath: path),
                  let rows = try JSONSerialization.jsonObject(with: data) as? [[String: Any]] else {
                throw CLIError("mpxj_oracle.py wrote no JSON to \(path)")
            }
            var out: [String: (leaf: Int, agree: Int, full: Bool)] = [:]
            for r in rows {
                guard let file = r["file"] as? String else { continue }
                let leaf = (r["leaf_tasks"] as? Int) ?? 0, agree = (r["leaf_all_fields_agree"] as? Int) ?? 0
                out[key(file)] = (leaf, agree, (r["file_agrees"] as? Bool) ?? false)
            }
            return out
        }

        func executablePath() throws -> String {
            if let p = Bundle.main.executablePath { return p }
            throw CLIError("cannot tell where the gantry executable is")
        }

        /// Runs a command under /usr/bin/time: wall seconds and peak resident memory of the whole child process.
        func measure(_ command: [String], stdout: String) throws -> Measured {
            let timeFile = FileManager.default.temporaryDirectory.appendingPathComponent("gantry-time-\(getpid())").path
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/time")
            p.arguments = ["-f", "%e %M", "-o", timeFile] + command
            if stdout == "/dev/null" {
                // Never createFile here: Foundation writes it atomically, replacing the device with a plain file.
                p.standardOutput = FileHandle.nullDevice
            } else {
                FileManager.default.createFile(atPath: stdout, contents: nil)
                p.standardOutput = FileHandle(forWritingAtPath: stdout)
            }
            p.standardError = FileHandle.nullDevice
            try p.run()
            p.waitUntilExit()
            let text = (try? String(contentsOfFile: timeFile, encoding: .utf8)) ?? ""
            try? FileManager.default.removeItem(atPath: timeFile)
            // The last line is the figures (earlier lines are /usr/bin/time's note on a non-zero exit).
            let last = text.split(separator: "\n").last.map(String.init) ?? ""
            let parts = last.split(separator: " ")
            guard parts.count == 2, let s = Double(parts[0]), let kb = Double(parts[1]) else {
                throw CLIError("could not measure \(command.joined(separator: " ")): \(text)")
            }
            return Measured(seconds: s, peakMemoryMb: (kb / 1024 * 10).rounded() / 10, exitCode: p.terminationStatus)
        }
    }
}

/// Writes a synthetic MS Project XML file of N tasks for timing: a WBS (one summary per 20 tasks, a summary per
/// 10 of those), links of all four types with working, elapsed and negative lags, the Standard calendar and a
/// second one with holidays that a tenth of the tasks use. Deterministic (a fixed linear congruential sequence).
struct MSPDIGenerator {
    var tasks: Int

    func xml() -> String {
        var rng: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ n: Int) -> Int {
            rng = rng &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((rng >> 33) % UInt64(max(1, n)))
        }
        var out = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Project xmlns="http://schemas.microsoft.com/project">
            <SaveVersion>14</SaveVersion><Name>generated-\(tasks).xml</Name><ScheduleFromStart>1</ScheduleFromStart>
            <StartDate>2024-01-08T08:00:00</StartDate><CalendarUID>1</CalendarUID><MinutesPerDay>480</MinutesPerDay>
            <MinutesPerWeek>2400</MinutesPerWeek><DaysPerMonth>20</DaysPerMonth><HonorConstraints>1</HonorConstraints>
            <Calendars>

            """
        func calendar(_ uid: Int, _ name: String, base: Int?, holidays: [String]) -> String {
            var c = "<Calendar><UID>\(uid)</UID><Name>\(name)</Name><IsBaseCalendar>\(base == nil ? 1 : 0)</IsBaseCalendar>"
            if let base { c += "<BaseCalendarUID>\(base)</BaseCalendarUID>" }
            c += "<WeekDays>"
            if base == nil {
                c += "<WeekDay><DayType>1</DayType><DayWorking>0</DayWorking></WeekDay>"
                for d in 2...6 {
                    c += "<WeekDay><DayType>\(d)</DayType><DayWorking>1</DayWorking><WorkingTimes>"
                        + "<WorkingTime><FromTime>08:00:00</FromTime><ToTime>12:00:00</ToTime></WorkingTime>"
                        + "<WorkingTime><FromTime>13:00:00</FromTime><ToTime>17:00:00</ToTime></WorkingTime></WorkingTimes></WeekDay>"
                }
                c += "<WeekDay><DayType>7</DayType><DayWorking>0</DayWorking></WeekDay>"
            }
            for h in holidays {
                c += "<WeekDay><DayType>0</DayType><DayWorking>0</DayWorking><TimePeriod><FromDate>\(h)T00:00:00</FromDate>"
                    + "<ToDate>\(h)T23:59:00</ToDate></TimePeriod></WeekDay>"
            }
            return c + "</WeekDays></Calendar>\n"
        }
        var holidays: [String] = []
        for year in 2024...2034 { holidays += ["\(year)-01-01", "\(year)-05-01", "\(year)-12-25", "\(year)-12-26"] }
        out += calendar(1, "Standard", base: nil, holidays: holidays)
        out += calendar(2, "Site", base: 1, holidays: (2024...2034).map { "\($0)-08-15" })
        out += "</Calendars>\n<Tasks>\n"

        // Rows: every 200 rows a level-1 summary, every 20 a level-2 summary, the rest leaf tasks at level 3.
        var uid = 0
        var leafUIDs: [Int] = []
        var lines: [String] = []
        lines.reserveCapacity(tasks)
        var l1 = 0, l2 = 0
        while uid < tasks {
            uid += 1
            if (uid - 1) % 200 == 0 {
                l1 += 1; l2 = 0
                lines.append("<Task><UID>\(uid)</UID><ID>\(uid)</ID><Name>Phase \(l1)</Name><OutlineLevel>1</OutlineLevel>"
                             + "<OutlineNumber>\(l1)</OutlineNumber><Summary>1</Summary><Start>2024-01-08T08:00:00</Start>"
                             + "<Finish>2024-01-08T17:00:00</Finish></Task>")
                continue
            }
            if (uid - 1) % 20 == 0 {
                l2 += 1
                lines.append("<Task><UID>\(uid)</UID><ID>\(uid)</ID><Name>Package \(l1).\(l2)</Name><OutlineLevel>2</OutlineLevel>"
                             + "<OutlineNumber>\(l1).\(l2)</OutlineNumber><Summary>1</Summary><Start>2024-01-08T08:00:00</Start>"
                             + "<Finish>2024-01-08T17:00:00</Finish></Task>")
                continue
            }
            let days = 1 + next(10)
            let milestone = next(25) == 0
            var t = "<Task><UID>\(uid)</UID><ID>\(uid)</ID><Name>Task \(uid)</Name><OutlineLevel>3</OutlineLevel>"
                + "<OutlineNumber>\(l1).\(l2).\(uid)</OutlineNumber><Summary>0</Summary>"
                + "<Milestone>\(milestone ? 1 : 0)</Milestone><Duration>PT\(milestone ? 0 : days * 8)H0M0S</Duration>"
                + "<DurationFormat>7</DurationFormat><Start>2024-01-08T08:00:00</Start><Finish>2024-01-08T17:00:00</Finish>"
                + "<ConstraintType>0</ConstraintType>"
            if next(10) == 0 { t += "<CalendarUID>2</CalendarUID>" }
            // One to three predecessors among the previous 60 leaf tasks: FS mostly, then SS, FF and SF.
            if !leafUIDs.isEmpty {
                for _ in 0..<(1 + next(3)) {
                    let p = leafUIDs[max(0, leafUIDs.count - 1 - next(60))]
                    let kind = next(20)
                    let type = kind < 14 ? 1 : kind < 17 ? 3 : kind < 19 ? 0 : 2   // FS, SS, FF, SF (MSPDI codes)
                    let lagDays = next(7) - 2
                    let elapsed = next(15) == 0
                    t += "<PredecessorLink><PredecessorUID>\(p)</PredecessorUID><Type>\(type)</Type>"
                        + "<LinkLag>\(lagDays * (elapsed ? 14400 : 4800))</LinkLag><LagFormat>\(elapsed ? 8 : 7)</LagFormat></PredecessorLink>"
                }
            }
            lines.append(t + "</Task>")
            leafUIDs.append(uid)
        }
        out += lines.joined(separator: "\n")
        out += "\n</Tasks>\n</Project>\n"
        return out
    }
}
