import ArgumentParser
import Foundation
import GantryInterchange
import GantryModel
import GantryServices

/// `gantry verify FILE|DIR`: Gantry's engine against the dates MS Project, Primavera P6 or GanttProject stored.
struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Re-schedule project files with Gantry's engine and compare with the dates the files store.",
        discussion: """
            Each file (MS Project XML, Primavera P6 XER or XML, GanttProject .gan; a folder is searched for .xml, \
            .xer and .gan files) is read and re-scheduled by Gantry's engine the way its tool schedules: MS Project \
            from the project start (lags on the successor's calendar, resource-driven tasks by their assignments), \
            P6 from its data date for work not yet done (lags on the calendar its scheduling options name), \
            GanttProject from each task's own start pushed by its dependencies. Then, task by task, Gantry's values \
            are compared with what the tool stored:

            - dates (start, finish, early_start, early_finish, late_start, late_finish) are equal when less than \
            one working minute apart on the task's calendar: 17:00 and the next working day's 08:00 are one instant;
            - slack (total_slack, free_slack) is compared in the unit the file shows it in, truncated to two \
            decimals;
            - critical is the flag the file stores.

            A field is compared only when the file stores it. A leaf task agrees when every compared field does; \
            the agreement is the share of leaf tasks that agree. Summary tasks (roll-ups) and manually scheduled \
            tasks are counted apart; null, inactive and external tasks are left out. Known-hard categories are \
            counted per file: split, resource_driven, timephased, elapsed_duration, elapsed_lag, in_progress, \
            resource_calendar, level_of_effort, external_link, secondary_constraint, suspended, stale_late_finish: \
            the kinds of task where schedulers part most often, so a report can say where misses come from (P6's \
            level of effort, WBS summaries, secondary constraints and suspended work are scheduled by P6's rules; \
            MS Project's splits and contoured work are not reproduced exactly). These are the rules MPXJ's own \
            comparison uses (../shared/tools/mpxj_oracle.py compare), plus Critical, which is compared only where \
            the file stores the task's slack or late dates (a file without them was not calculated).

            stale_late_finish names a task whose stored late finish its own file contradicts: MS Project gives a \
            task that nothing follows, with no deadline or finish-limiting constraint, the project finish as its \
            late finish, and the file's project finish is the latest finish of its tasks, yet the task stores \
            another. Such dates were saved from an earlier calculation. They stay in the agreement figures; the \
            totals also give the agreement of leaf and manual tasks without them.

            Output: per file, the leaf tasks, how many agree on every field, and the agreement per field; then \
            the totals per format and overall. --detail lists every differing field (task, field, stored, ours, \
            known-hard categories). A file that cannot be read or scheduled shows its error and counts zero \
            agreement.

            --json prints {"totals": {"leaf_tasks", "agree_all", "agree_pct", "by_field": {"start": pct, ...}, \
            "summary_tasks", "summary_agree_all", "manual_tasks", "manual_agree_all", "stale_tasks", \
            "stale_agree_all", "consistent_tasks", "consistent_agree_all", "consistent_agree_pct" (leaf and manual \
            tasks without the stale ones), "files", "errors", "by_format": {FORMAT: {...}}}, "files": [{"file", \
            "format", "leaf_tasks", "agree_all", "agree_pct", "summary_tasks", "summary_agree_all", \
            "manual_tasks", "manual_agree_all", "stale_tasks", "stale_agree_all", "by_field", "hard_cases", \
            "error", "notes", "mismatches" (with --detail)}]}. Percentages are 0–100; a field never compared is \
            left out.

            Examples:
              gantry verify plan.xml --detail
              gantry verify ../shared/data/schedules --json > agreement.json
            """)

    @Argument(help: ArgumentHelp("Project files or folders of them.", valueName: "file|dir"))
    var paths: [String]

    @Flag(help: "Print JSON (see above).")
    var json = false

    @Flag(help: "List every differing field of every task.")
    var detail = false

    @Option(help: ArgumentHelp("Which project of a P6 file that holds several: its id or short name (XER), Id or ObjectId (P6 XML). Default: the exported project with the most activities.", valueName: "id|code"))
    var project: String?

    func run() throws {
        let files = try VerifyRunner.files(at: paths)
        guard !files.isEmpty else { throw CLIError("no .xml, .xer or .gan files under \(paths.joined(separator: ", "))") }
        var rows: [VerifyRunner.FileRow] = []
        for (n, path) in files.enumerated() {
            if files.count > 1 { progress("[\(n + 1)/\(files.count)] \(path)") }
            rows.append(VerifyRunner.verify(path: path, detail: detail, project: project))
        }
        let report = VerifyRunner.Report(rows: rows, detail: detail)
        if json {
            say(try report.jsonText())
        } else {
            for line in report.textLines() { say(line) }
        }
    }
}

/// Reading, verifying and reporting, shared by `gantry verify` and `gantry bench interchange`.
enum VerifyRunner {
    static let extensions: Set<String> = ["xml", "xer", "gan"]

    /// The files at the paths: a file as given, a folder searched (depth first, sorted) for .xml, .xer and .gan.
    static func files(at paths: [String]) throws -> [String] {
        var out: [String] = []
        let fm = FileManager.default
        for path in paths {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir) else { throw CLIError("\(path): no such file or folder") }
            if !isDir.boolValue { out.append(path); continue }
            guard let walker = fm.enumerator(atPath: path) else { throw CLIError("\(path): cannot list the folder") }
            var found: [String] = []
            while let rel = walker.nextObject() as? String {
                let ext = (rel as NSString).pathExtension.lowercased()
                if extensions.contains(ext) { found.append((path as NSString).appendingPathComponent(rel)) }
            }
            out += found.sorted()
        }
        return out
    }

    /// Reads a file from disk with the reader for its format.
    static func read(path: String, project: String? = nil) throws -> ProjectFile {
        guard let data = FileManager.default.contents(atPath: path) else { throw CLIError("cannot read the file") }
        return try ProjectFileReader.read(data, project: project)
    }

    struct FileRow {
        var path: String
        /// The folder the file sits in (`mspdi`, `mspdi-derived`, `xer`…): how the corpus groups files.
        var group: String
        var format: String
        var agreement: ScheduleVerification.FileAgreement?
        var error: String?
        var seconds: Double
    }

    static func verify(path: String, detail: Bool, project: String? = nil) -> FileRow {
        let clock = Deadline(seconds: 1e9)
        let group = URL(fileURLWithPath: path).deletingLastPathComponent().lastPathComponent
        let file: ProjectFile
        do { file = try read(path: path, project: project) } catch {
            return FileRow(path: path, group: group, format: sniffedFormat(path) ?? "unknown", agreement: nil,
                           error: "\(error)", seconds: clock.elapsed)
        }
        let a = ScheduleVerification.verify(file, mismatchLimit: detail ? .max : 0)
        return FileRow(path: path, group: group, format: file.format.rawValue, agreement: a, error: a.error,
                       seconds: clock.elapsed)
    }

    static func sniffedFormat(_ path: String) -> String? {
        guard let h = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? h.close() }
        let head = h.readData(ofLength: 4096)
        return (try? FormatSniffer.format(of: head))?.rawValue
    }

    /// Totals over a set of files.
    struct Totals {
        var files = 0
        var errors = 0
        var leaf = ScheduleVerification.TaskTally()
        var summary = ScheduleVerification.TaskTally()
        var manual = ScheduleVerification.TaskTally()
        var stale = ScheduleVerification.TaskTally()
        var byField: [ScheduleVerification.Field: ScheduleVerification.Tally] = [:]
        var hard: [ScheduleVerification.HardCase: ScheduleVerification.TaskTally] = [:]

        mutating func add(_ row: FileRow) {
            files += 1
            if row.error != nil { errors += 1 }
            guard let a = row.agreement else { return }
            leaf = leaf + a.leaf; summary = summary + a.summary; manual = manual + a.manual; stale = stale + a.stale
            for (f, t) in a.byField { byField[f] = (byField[f] ?? .init()) + t }
            for (h, t) in a.hardCases { hard[h] = (hard[h] ?? .init()) + t }
        }

        /// Leaf and manual tasks together (MPXJ counts a manual task as a leaf task), less those whose stored late
        /// finish the file itself contradicts.
        var consistent: ScheduleVerification.TaskTally {
            let all = leaf + manual
            return .init(tasks: all.tasks - stale.tasks, agreeAll: all.agreeAll - stale.agreeAll)
        }
    }

    struct Report {
        var rows: [FileRow]
        var detail: Bool

        var totals: Totals { rows.reduce(into: Totals()) { $0.add($1) } }
        func totals(where keep: (FileRow) -> Bool) -> Totals { rows.filter(keep).reduce(into: Totals()) { $0.add($1) } }
        var formats: [String] { Array(Set(rows.map(\.format))).sorted() }

        func textLines() -> [String] {
            var out: [String] = []
            let fields = ScheduleVerification.Field.allCases
            let header = "leaf  agree      %  " + fields.map { VerifyRunner.pad(short($0), 6) }.joined(separator: " ") + "  summary  manual"
            let width = min(48, max(12, rows.map { display($0.path).count }.max() ?? 12))
            out.append(VerifyRunner.padRight("file", width) + " format  " + header)
            for r in rows {
                let name = VerifyRunner.padRight(display(r.path), width) + " " + VerifyRunner.padRight(r.format, 6) + "  "
                guard let a = r.agreement, r.error == nil else {
                    out.append(name + "error: " + (r.error ?? "unknown"))
                    continue
                }
                out.append(name + line(leaf: a.leaf, byField: a.byField, summary: a.summary, manual: a.manual))
                if detail {
                    for m in a.mismatches {
                        let id = m.rowID.map { "ID \($0)" } ?? "UID \(m.taskUID)"
                        let hard = m.hardCases.isEmpty ? "" : "  [" + m.hardCases.map(\.rawValue).joined(separator: ", ") + "]"
                        out.append("    \(m.role == .leaf ? "" : m.role.rawValue + " ")\(id) \(m.name.prefix(40)): \(m.field.rawValue) stored \(m.stored), ours \(m.ours)\(hard)")
                    }
                    for n in a.notes.prefix(20) { out.append("    note: \(n)") }
                }
            }
            out.append("")
            for f in formats {
                let t = totals { $0.format == f }
                out.append(VerifyRunner.padRight("total \(f) (\(t.files) files, \(t.errors) errors)", width) + "         "
                           + line(leaf: t.leaf, byField: t.byField, summary: t.summary, manual: t.manual))
            }
            let t = totals
            out.append(VerifyRunner.padRight("total (\(t.files) files, \(t.errors) errors)", width) + "         "
                       + line(leaf: t.leaf, byField: t.byField, summary: t.summary, manual: t.manual))
            if !t.hard.isEmpty {
                out.append("known-hard leaf tasks (agree/tasks): " + ScheduleVerification.HardCase.allCases.compactMap { h in
                    t.hard[h].map { "\(h.rawValue) \($0.agreeAll)/\($0.tasks)" }
                }.joined(separator: ", "))
            }
            if t.stale.tasks > 0 {
                let all = t.leaf + t.manual, c = t.consistent
                out.append("stale_late_finish: \(t.stale.tasks) leaf and manual tasks store a late finish their own file's "
                           + "project finish contradicts (\(t.stale.agreeAll) agree). Leaf and manual tasks: "
                           + "\(all.agreeAll)/\(all.tasks) (\(String(format: "%.1f", all.percent ?? 0)) %); without those: "
                           + "\(c.agreeAll)/\(c.tasks) (\(String(format: "%.1f", c.percent ?? 0)) %)")
            }
            return out
        }

        private func line(leaf: ScheduleVerification.TaskTally, byField: [ScheduleVerification.Field: ScheduleVerification.Tally],
                          summary: ScheduleVerification.TaskTally, manual: ScheduleVerification.TaskTally) -> String {
            let pct = leaf.percent.map { String(format: "%5.1f", $0) } ?? "    -"
            let cells = ScheduleVerification.Field.allCases.map { f in
                VerifyRunner.pad(byField[f]?.percent.map { String(format: "%.1f", $0) } ?? "-", 6)
            }
            return VerifyRunner.pad(String(leaf.tasks), 4) + "  " + VerifyRunner.pad(String(leaf.agreeAll), 5) + "  " + pct + "  "
                + cells.joined(separator: " ") + "  " + VerifyRunner.pad("\(summary.agreeAll)/\(summary.tasks)", 7) + "  "
                + VerifyRunner.pad("\(manual.agreeAll)/\(manual.tasks)", 6)
        }

        private func short(_ f: ScheduleVerification.Field) -> String {
            switch f {
            case .start: "start"
            case .finish: "finish"
            case .earlyStart: "ES"
            case .earlyFinish: "EF"
            case .lateStart: "LS"
            case .lateFinish: "LF"
            case .totalSlack: "TS"
            case .freeSlack: "FS"
            case .critical: "crit"
            }
        }

        private func display(_ path: String) -> String {
            let parts = path.split(separator: "/")
            return parts.suffix(2).joined(separator: "/")
        }

        // MARK: JSON

        struct TotalsJSON: Encodable {
            var files: Int
            var errors: Int
            var leafTasks: Int
            var agreeAll: Int
            var agreePct: Double
            var byField: [String: Double]
            var summaryTasks: Int
            var summaryAgreeAll: Int
            var manualTasks: Int
            var manualAgreeAll: Int
            var staleTasks: Int
            var staleAgreeAll: Int
            var consistentTasks: Int
            var consistentAgreeAll: Int
            var consistentAgreePct: Double
            var hardCases: [String: [String: Int]]
            var byFormat: [String: TotalsJSON]?
        }

        struct MismatchJSON: Encodable {
            var uid: String
            var id: Int?
            var name: String
            var role: String
            var field: String
            var stored: String
            var ours: String
            var hardCases: [String]
        }

        struct FileJSON: Encodable {
            var file: String
            var group: String
            var format: String
            var leafTasks: Int
            var agreeAll: Int
            var agreePct: Double
            var summaryTasks: Int
            var summaryAgreeAll: Int
            var manualTasks: Int
            var manualAgreeAll: Int
            var staleTasks: Int
            var staleAgreeAll: Int
            var byField: [String: Double]
            var hardCases: [String: [String: Int]]
            var error: String?
            var notes: [String]
            var seconds: Double
            var mismatches: [MismatchJSON]?
        }

        struct Document: Encodable {
            var totals: TotalsJSON
            var files: [FileJSON]
        }

        static func percents(_ byField: [ScheduleVerification.Field: ScheduleVerification.Tally]) -> [String: Double] {
            var out: [String: Double] = [:]
            for (f, t) in byField { if let p = t.percent { out[f.rawValue] = round2(p) } }
            return out
        }

        static func hard(_ h: [ScheduleVerification.HardCase: ScheduleVerification.TaskTally]) -> [String: [String: Int]] {
            var out: [String: [String: Int]] = [:]
            for (k, v) in h { out[k.rawValue] = ["tasks": v.tasks, "agree_all": v.agreeAll] }
            return out
        }

        static func round2(_ x: Double) -> Double { (x * 100).rounded() / 100 }

        static func json(_ t: Totals, byFormat: [String: TotalsJSON]? = nil) -> TotalsJSON {
            TotalsJSON(files: t.files, errors: t.errors, leafTasks: t.leaf.tasks, agreeAll: t.leaf.agreeAll,
                       agreePct: round2(t.leaf.percent ?? 0), byField: percents(t.byField), summaryTasks: t.summary.tasks,
                       summaryAgreeAll: t.summary.agreeAll, manualTasks: t.manual.tasks, manualAgreeAll: t.manual.agreeAll,
                       staleTasks: t.stale.tasks, staleAgreeAll: t.stale.agreeAll, consistentTasks: t.consistent.tasks,
                       consistentAgreeAll: t.consistent.agreeAll, consistentAgreePct: round2(t.consistent.percent ?? 0),
                       hardCases: hard(t.hard), byFormat: byFormat)
        }

        var document: Document {
            var byFormat: [String: TotalsJSON] = [:]
            for f in formats { byFormat[f] = Self.json(totals { $0.format == f }) }
            let files = rows.map { r -> FileJSON in
                let a = r.agreement
                return FileJSON(
                    file: r.path, group: r.group, format: r.format, leafTasks: a?.leaf.tasks ?? 0,
                    agreeAll: a?.leaf.agreeAll ?? 0, agreePct: Self.round2(a?.leaf.percent ?? 0),
                    summaryTasks: a?.summary.tasks ?? 0, summaryAgreeAll: a?.summary.agreeAll ?? 0,
                    manualTasks: a?.manual.tasks ?? 0, manualAgreeAll: a?.manual.agreeAll ?? 0,
                    staleTasks: a?.stale.tasks ?? 0, staleAgreeAll: a?.stale.agreeAll ?? 0, byField: Self.percents(a?.byField ?? [:]), hardCases: Self.hard(a?.hardCases ?? [:]), error: r.error,
                    notes: Array((a?.notes ?? []).prefix(50)), seconds: Self.round2(r.seconds * 1000) / 1000,
                    mismatches: detail ? (a?.mismatches ?? []).map {
                        MismatchJSON(uid: $0.taskUID, id: $0.rowID, name: $0.name, role: $0.role.rawValue,
                                     field: $0.field.rawValue, stored: $0.stored, ours: $0.ours,
                                     hardCases: $0.hardCases.map(\.rawValue))
                    } : nil)
            }
            return Document(totals: Self.json(totals, byFormat: byFormat), files: files)
        }

        func jsonText() throws -> String {
            try gantry.jsonText(document)
        }
    }

    static func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }

    static func padRight(_ text: String, _ width: Int) -> String {
        text.count >= width ? String(text.prefix(width)) : text + String(repeating: " ", count: width - text.count)
    }
}
