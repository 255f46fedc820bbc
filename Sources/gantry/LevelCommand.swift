import ArgumentParser
import Foundation
import GantryScheduling

/// `gantry level FILE`: the resource-leveled schedule of a PSPLIB instance.
struct Level: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Level a PSPLIB instance (.sm or .rcp): the shortest schedule found within the resource capacities.",
        discussion: """
            Runs the improving search (an activity-list genetic algorithm with forward-backward improvement, one \
            thread) until the time limit or until the makespan reaches the critical-path bound, then prints every \
            activity's start and finish (jobs numbered as in the file) and the makespan. The same file and seed \
            give the same schedule whenever the search stops on the schedule budget (--max-schedules); a time \
            limit stops it wherever the machine has got to. Notes go to standard error.

            Examples:
              gantry level j301_1.sm
              gantry level j12014_1.sm --time-limit 0.25 --json
              gantry level pat1.rcp --max-schedules 5000 --seed 7
            """)

    @Argument(help: ArgumentHelp("A PSPLIB .sm file (j30, j60, j90, j120) or a Patterson .rcp file.", valueName: "file"))
    var file: String

    @Option(help: ArgumentHelp("Stop the search after this many seconds (default 1).", valueName: "seconds"))
    var timeLimit: Double = 1

    @Option(help: ArgumentHelp("Stop the search after this many schedules (default: no limit).", valueName: "count"))
    var maxSchedules: Int?

    @Option(help: ArgumentHelp("Seed of the search's random numbers (default 1).", valueName: "n"))
    var seed: UInt64 = 1

    @Flag(help: "Print JSON: makespan, cpm_lower_bound, schedules, starts (job → start) and feasible.")
    var json = false

    func validate() throws {
        guard timeLimit > 0 else { throw ValidationError("--time-limit must be more than 0 seconds") }
        if let maxSchedules, maxSchedules < 1 { throw ValidationError("--max-schedules must be at least 1") }
    }

    func run() throws {
        let loaded = try PSPLIBInput.load(file)
        let leveler: Leveler
        do { leveler = try Leveler(loaded.instance) } catch { throw CLIError("\(file): \(error)") }
        let stop = Deadline(seconds: timeLimit)
        let result = leveler.improve(LevelingOptions(seed: seed, maxSchedules: maxSchedules ?? .max), shouldStop: stop.passed)
        let feasible = FeasibilityCheck.isFeasible(result.starts, in: loaded.instance)
        progress("\(loaded.name): \(loaded.jobs) jobs, \(loaded.capacities.count) resources; makespan \(result.makespan), "
             + "critical-path bound \(result.criticalPathLength), \(result.schedulesGenerated) schedules in "
             + String(format: "%.3f s", stop.elapsed))
        if json {
            let starts = result.starts.enumerated().map { "\"\($0.offset + 1)\":\($0.element)" }.joined(separator: ",")
            say("{\"makespan\":\(result.makespan),\"cpm_lower_bound\":\(result.criticalPathLength),"
                + "\"schedules\":\(result.schedulesGenerated),\"starts\":{\(starts)},\"feasible\":\(feasible)}")
        } else {
            say("activity  start  finish")
            let order = result.starts.indices.sorted { (result.starts[$0], $0) < (result.starts[$1], $1) }
            for j in order {
                say(String(format: "%8d  %5d  %6d", j + 1, result.starts[j], result.starts[j] + loaded.instance.durations[j]))
            }
            say("makespan \(result.makespan) (critical-path bound \(result.criticalPathLength), "
                + "\(result.schedulesGenerated) schedules\(feasible ? "" : ", INFEASIBLE"))")
        }
        if !feasible { throw ExitCode(2) }
    }
}

/// Reading PSPLIB files for `level` and `bench psplib`, with errors a user can act on.
enum PSPLIBInput {
    static func load(_ path: String) throws -> PSPLIBFile {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw CLIError("cannot read \(path): \(error.localizedDescription)")
        }
        do {
            return try PSPLIBFile.parse(text, name: (path as NSString).lastPathComponent)
        } catch {
            throw CLIError("\(error)")
        }
    }
}

/// A wall-clock budget, read by the engine only through `passed`.
final class Deadline: Sendable {
    private let start = ContinuousClock.now
    private let end: ContinuousClock.Instant

    init(seconds: Double) {
        end = start.advanced(by: .nanoseconds(Int64(min(seconds, 1e9) * 1e9)))
    }

    func passed() -> Bool { ContinuousClock.now >= end }

    var elapsed: Double {
        let d = ContinuousClock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
}

/// A line on standard error (progress and notes), so standard output stays clean for results.
func progress(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
