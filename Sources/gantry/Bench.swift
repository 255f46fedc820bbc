import ArgumentParser
import Foundation
import GantryScheduling
import Hummingbird
import Logging

/// Benchmark helpers. `gantry bench bare-server` serves one JSON route on a bare Hummingbird router (no
/// middleware, no database): the ceiling Gantry's own routes are measured against by `scripts/bench-http.sh`.
/// `gantry bench psplib` levels PSPLIB instance sets and compares with their bounds (`scripts/bench-psplib.sh`).
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Benchmark helpers (see scripts/bench-http.sh and scripts/bench-psplib.sh).",
        subcommands: [BareServer.self, PSPLIBBench.self, CPMBench.self, GovernanceBench.self, InterchangeBench.self, CapacityBench.self,
                      MoneyBench.self])

    struct BareServer: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "bare-server",
            abstract: "Serve GET /bare (a small JSON document) on a bare Hummingbird router, for comparison.")

        @Option(help: "The port to listen on.")
        var port: Int = 8081

        func run() async throws {
            let router = Router()
            router.get("bare") { _, _ in
                Response(status: .ok, headers: [.contentType: "application/json"],
                         body: .init(byteBuffer: ByteBuffer(string: #"{"status":"ok"}"#)))
            }
            var logger = Logger(label: "bare")
            logger.logLevel = .warning
            let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)), logger: logger)
            try await app.runService()
        }
    }

    struct PSPLIBBench: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "psplib",
            abstract: "Level PSPLIB instance sets (one thread each) and report the gaps to their bounds.",
            discussion: """
                Every PATH is an instance file or a folder of them; the set is named after the folder (j30, j120, \
                patterson…). Bounds come from --bounds, else from bounds.csv beside the set folders \
                (set,instance,jobs,cpm_lb,lb,ub,closed) or optimum.csv inside the folder (problem,optimum). Every \
                schedule is checked by the independent feasibility checker; a violation counts as infeasible.

                Per set: instances, mean % above ub (best known) and above the critical-path bound, how many reach \
                ub, infeasible (must be 0), mean and p95 seconds per instance, schedules generated. A search stops \
                at the time limit or as soon as it reaches the instance's lb. Progress goes to standard error.

                Examples:
                  gantry bench psplib ../shared/data/psplib/j30 --time-limit 1
                  gantry bench psplib ../shared/data/psplib/j120 --time-limit 0.25 --json
                  gantry bench psplib ../shared/data/psplib/j120 --single-pass LFT --scheme parallel
                """)

        @Argument(help: ArgumentHelp("Instance files (.sm, .rcp) or folders of them.", valueName: "path"))
        var paths: [String]

        @Option(help: ArgumentHelp("A bounds CSV (set,instance,jobs,cpm_lb,lb,ub,closed).", valueName: "csv"))
        var bounds: String?

        @Option(help: ArgumentHelp("Seconds per instance for the improving search (default 1).", valueName: "seconds"))
        var timeLimit: Double = 1

        @Option(help: ArgumentHelp("Schedules per instance for the improving search (default: no limit).", valueName: "count"))
        var maxSchedules: Int?

        @Option(help: ArgumentHelp("Seed of the search (default 1).", valueName: "n"))
        var seed: UInt64 = 1

        @Option(help: ArgumentHelp(
            "Measure one priority-rule pass instead of the search: LFT, LST, MSLK, MTS, GRPW, SPT or ID.", valueName: "rule"))
        var singlePass: String?

        @Option(help: ArgumentHelp("Scheme of --single-pass: serial or parallel (default serial).", valueName: "scheme"))
        var scheme: String = "serial"

        @Flag(help: "Print JSON: {\"sets\": {NAME: {instances, mean_gap_ub_pct, mean_gap_cpm_pct, at_ub, infeasible, mean_seconds, p95_seconds, schedules}}}.")
        var json = false

        func validate() throws {
            guard timeLimit > 0 else { throw ValidationError("--time-limit must be more than 0 seconds") }
            if let singlePass, PriorityRule(rawValue: singlePass.uppercased()) == nil {
                throw ValidationError("--single-pass '\(singlePass)' is not one of \(PriorityRule.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard GenerationScheme(rawValue: scheme) != nil else { throw ValidationError("--scheme must be serial or parallel") }
        }

        struct Bound { var cpm: Int?; var lb: Int?; var ub: Int? }

        struct SetReport {
            var name: String
            var instances = 0
            var gapUB: [Double] = []
            var gapCPM: [Double] = []
            var atUB = 0
            var infeasible = 0
            var seconds: [Double] = []
            var schedules = 0

            var p95: Double {
                guard !seconds.isEmpty else { return 0 }
                let sorted = seconds.sorted()
                return sorted[max(0, Int((0.95 * Double(sorted.count)).rounded(.up)) - 1)]
            }
            static func mean(_ x: [Double]) -> Double { x.isEmpty ? 0 : x.reduce(0, +) / Double(x.count) }
        }

        func run() throws {
            var sets: [(name: String, files: [String], folder: String)] = []
            for path in paths {
                let files = try PSPLIBInput.files(at: path)
                let url = URL(fileURLWithPath: path).standardizedFileURL
                let folder = files == [url.path] ? url.deletingLastPathComponent() : url
                let name = folder.lastPathComponent
                if let i = sets.firstIndex(where: { $0.name == name }) { sets[i].files += files } else { sets.append((name, files, folder.path)) }
            }
            var reports: [SetReport] = []
            for set in sets {
                let known = try loadBounds(set: set.name, folder: set.folder)
                var report = SetReport(name: set.name)
                for (i, path) in set.files.enumerated() {
                    let file = try PSPLIBInput.load(path)
                    let leveler: Leveler
                    do { leveler = try Leveler(file.instance) } catch { throw CLIError("\(path): \(error)") }
                    let key = (file.name as NSString).deletingPathExtension
                    let bound = known[key] ?? known[file.name] ?? Bound()
                    let clock = Deadline(seconds: timeLimit)
                    var result: LevelingResult
                    var seconds: Double
                    if let rule = singlePass.flatMap({ PriorityRule(rawValue: $0.uppercased()) }) {
                        let scheme = GenerationScheme(rawValue: scheme)!
                        // Repeat the pass so the time per pass is measurable.
                        let repeats = 20
                        result = leveler.singlePass(rule: rule, scheme: scheme)
                        for _ in 1..<repeats { result = leveler.singlePass(rule: rule, scheme: scheme) }
                        seconds = clock.elapsed / Double(repeats)
                        result.schedulesGenerated = 1
                    } else {
                        let options = LevelingOptions(seed: seed, maxSchedules: maxSchedules ?? .max, lowerBound: bound.lb)
                        result = leveler.improve(options, shouldStop: clock.passed)
                        seconds = clock.elapsed
                    }
                    let feasible = FeasibilityCheck.isFeasible(result.starts, in: file.instance)
                        && file.instance.makespan(of: result.starts) == result.makespan
                    let cpm = bound.cpm ?? result.criticalPathLength
                    report.instances += 1
                    if !feasible { report.infeasible += 1 }
                    report.seconds.append(seconds)
                    report.schedules += result.schedulesGenerated
                    if cpm > 0 { report.gapCPM.append(100 * Double(result.makespan - cpm) / Double(cpm)) }
                    if let ub = bound.ub {
                        report.gapUB.append(100 * Double(result.makespan - ub) / Double(ub))
                        if result.makespan <= ub { report.atUB += 1 }
                    }
                    progress("\(set.name) \(i + 1)/\(set.files.count) \(key): \(result.makespan)"
                             + (bound.ub.map { " (ub \($0))" } ?? "") + (feasible ? "" : " INFEASIBLE")
                             + String(format: " %.3f s, %d schedules", seconds, result.schedulesGenerated))
                }
                reports.append(report)
            }
            if json {
                let body = reports.map { r in
                    String(format: "\"%@\":{\"instances\":%d,\"mean_gap_ub_pct\":%.4f,\"mean_gap_cpm_pct\":%.4f,\"at_ub\":%d,"
                           + "\"infeasible\":%d,\"mean_seconds\":%.6f,\"p95_seconds\":%.6f,\"schedules\":%d}",
                           r.name, r.instances, SetReport.mean(r.gapUB), SetReport.mean(r.gapCPM), r.atUB, r.infeasible,
                           SetReport.mean(r.seconds), r.p95, r.schedules)
                }
                say("{\"sets\":{\(body.joined(separator: ","))}}")
            } else {
                say("set        instances  % above ub  % above cpm  at ub  infeasible  mean s    p95 s     schedules")
                for r in reports {
                    say(String(format: "%-10@ %9d  %10.3f  %11.2f  %5d  %10d  %8.5f  %8.5f  %d",
                               r.name, r.instances, SetReport.mean(r.gapUB), SetReport.mean(r.gapCPM), r.atUB, r.infeasible,
                               SetReport.mean(r.seconds), r.p95, r.schedules))
                    if r.gapUB.count < r.instances { say("  (\(r.instances - r.gapUB.count) instances without a known ub)") }
                }
            }
            if reports.contains(where: { $0.infeasible > 0 }) { throw ExitCode(2) }
        }

        /// j301_1 < j301_2 < j3010_1 and pat2 < pat10.
        /// instance → bounds, from --bounds, bounds.csv beside the set folder, or optimum.csv inside it.
        func loadBounds(set: String, folder: String) throws -> [String: Bound] {
            var out: [String: Bound] = [:]
            let parent = URL(fileURLWithPath: folder).deletingLastPathComponent()
            let csv = bounds ?? parent.appendingPathComponent("bounds.csv").path
            if FileManager.default.fileExists(atPath: csv) {
                guard let text = try? String(contentsOfFile: csv, encoding: .utf8) else { throw CLIError("cannot read \(csv)") }
                for line in text.split(whereSeparator: \.isNewline).dropFirst() {
                    let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                    guard f.count >= 6 else { continue }
                    if f[0] != set, bounds == nil { continue }
                    out[f[1]] = Bound(cpm: Int(f[3]), lb: Int(f[4]), ub: Int(f[5]))
                }
            }
            let optimum = URL(fileURLWithPath: folder).appendingPathComponent("optimum.csv").path
            if bounds == nil, let text = try? String(contentsOfFile: optimum, encoding: .utf8) {
                for line in text.split(whereSeparator: \.isNewline).dropFirst() {
                    let f = line.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                    guard f.count >= 2, let v = Int(f[1]) else { continue }
                    out[f[0]] = Bound(cpm: nil, lb: v, ub: v)
                }
            }
            return out
        }
    }
}
