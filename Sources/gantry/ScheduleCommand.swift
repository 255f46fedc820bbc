import ArgumentParser
import Foundation
import GantryScheduling

/// `gantry schedule FILE`: the critical-path schedule of a network file, critical path first.
struct Schedule: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The critical-path schedule of a PSPLIB file (.sm or .rcp), critical path first.",
        discussion: """
            Runs the forward and backward pass (resources are ignored; `gantry level` respects them) and prints \
            the critical path, the makespan in the file's periods, then every activity's early and late start and \
            finish, total and free float. Jobs are numbered as in the file; time is zero-based and half-open (an \
            activity of duration d that starts at s finishes at s + d).

            Examples:
              gantry schedule j301_1.sm
              gantry schedule j301_1.sm --json | jq .critical_path
            """)

    @Argument(help: ArgumentHelp("A PSPLIB .sm file (j30, j60, j90, j120) or a Patterson .rcp file.", valueName: "file"))
    var file: String

    @Flag(help: "Print JSON: makespan, critical_path (job numbers in order), activities and diagnostics.")
    var json = false

    func run() throws {
        let loaded = try PSPLIBInput.load(file)
        let input = loaded.instance.scheduleInput()
        let s: CriticalPathSchedule
        do { s = try input.criticalPath() } catch { throw CLIError("\(file): \(error)") }
        let ids = input.activities.map(\.name)
        if json {
            let report = Report(
                file: loaded.name, makespan: s.makespan, criticalPath: s.longestPath.map { Int(ids[$0]) ?? $0 + 1 },
                activities: ids.indices.map { i in
                    Report.Row(id: Int(ids[i]) ?? i + 1, duration: input.activities[i].duration,
                               earlyStart: s.earlyStart[i], earlyFinish: s.earlyFinish[i], lateStart: s.lateStart[i],
                               lateFinish: s.lateFinish[i], totalFloat: s.totalFloat[i], freeFloat: s.freeFloat[i],
                               critical: s.critical[i])
                },
                diagnostics: s.diagnostics.map { .init(code: $0.code.rawValue, message: $0.message) })
            say(try jsonText(report))
            return
        }
        say("\(loaded.name): \(ids.count) jobs, makespan \(s.makespan) periods"
            + (loaded.mpmTime.map { " (file's MPM-Time \($0))" } ?? ""))
        say("critical path: " + s.longestPath.map { ids[$0] }.joined(separator: " → "))
        for d in s.diagnostics { say("\(d.severity.rawValue): \(d.code.rawValue): \(d.message)") }
        say()
        say("   job  dur     ES     EF     LS     LF     TF     FF  critical")
        let order = ids.indices.sorted { (s.earlyStart[$0], $0) < (s.earlyStart[$1], $1) }
        for i in order {
            let cells = [s.earlyStart[i], s.earlyFinish[i], s.lateStart[i], s.lateFinish[i], s.totalFloat[i], s.freeFloat[i]]
            say(pad(ids[i], 6) + " " + pad(String(input.activities[i].duration), 4)
                + cells.map { " " + pad(String($0), 6) }.joined() + (s.critical[i] ? "  yes" : ""))
        }
    }

    private func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }

    /// The `--json` document.
    struct Report: Encodable {
        struct Row: Encodable {
            var id: Int
            var duration: Int64
            var earlyStart, earlyFinish, lateStart, lateFinish, totalFloat, freeFloat: Int64
            var critical: Bool
        }
        struct Diagnostic: Encodable { var code, message: String }
        var file: String
        var makespan: Int64
        var criticalPath: [Int]
        var activities: [Row]
        var diagnostics: [Diagnostic]
    }
}
