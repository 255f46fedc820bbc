import ArgumentParser
import Foundation
import GantryModel
import GantryScheduling

extension Bench {
    /// `gantry bench cpm`: how fast the critical path engine is, on PSPLIB files and on generated networks.
    struct CPMBench: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cpm",
            abstract: "Time the critical path engine: per PSPLIB instance, and on generated networks up to a million activities.",
            discussion: """
                For PSPLIB files (--psplib, a folder or files), each instance is parsed and compiled once, then the \
                forward pass, backward pass and floats run --repeat times; the figure is the mean per instance.

                For generated networks (--sizes), each has N activities and 3N links of all four types with lags \
                from -2 to +3 days, durations of 1 to 10 days in working minutes, on the standard working-week \
                calendar with holidays. Reported per size: compile (links sorted into rows, topological order), \
                passes (forward, backward, floats and criticality, on working minutes), dates (the same plus \
                conversion of every date to wall time and the longest path), and the process's peak memory.

                Build in release first: swift build -c release --product gantry.

                Examples:
                  gantry bench cpm --psplib ../shared/data/psplib/j120
                  gantry bench cpm --sizes 10000,100000,1000000 --json
                """)

        @Option(help: ArgumentHelp("PSPLIB instances: folders or files.", valueName: "path"))
        var psplib: [String] = []

        @Option(help: ArgumentHelp("Generated network sizes, comma-separated (default 10000,100000,1000000).", valueName: "n,n"))
        var sizes: String = "10000,100000,1000000"

        @Option(help: "Repetitions per PSPLIB instance (default 200) or per generated network (default 3; the best counts).")
        var `repeat`: Int?

        @Flag(help: "Print JSON.")
        var json = false

        struct Row: Encodable {
            var name: String
            var activities: Int
            var links: Int
            var compileMs: Double
            var passesMs: Double
            var datesMs: Double
            var peakMemoryMb: Double
            /// Memory the compiled network and one run of the passes add on top of the input (peak RSS growth).
            var passesMemoryMb: Double
        }

        struct PSPLIBRow: Encodable {
            var set: String
            var instances: Int
            var meanMicrosecondsPerInstance: Double
            var p95MicrosecondsPerInstance: Double
        }

        func run() throws {
            var sets: [PSPLIBRow] = []
            for path in psplib {
                let files = try PSPLIBInput.files(at: path)
                var perInstance: [Double] = []
                for file in files {
                    let loaded = try PSPLIBInput.load(file)
                    let input = loaded.instance.scheduleInput()
                    let network = try input.compiledOrThrow()
                    let reps = self.repeat ?? 200
                    var sink: Int64 = 0
                    let t = Self.seconds {
                        for _ in 0..<reps { sink &+= input.times(compiled: network).length }
                    }
                    if sink == -1 { print(sink) }
                    perInstance.append(t / Double(reps) * 1e6)
                }
                perInstance.sort()
                let row = PSPLIBRow(
                    set: URL(fileURLWithPath: path).lastPathComponent, instances: perInstance.count,
                    meanMicrosecondsPerInstance: perInstance.reduce(0, +) / Double(max(1, perInstance.count)),
                    p95MicrosecondsPerInstance: perInstance.isEmpty ? 0 : perInstance[min(perInstance.count - 1, Int(Double(perInstance.count) * 0.95))])
                sets.append(row)
                if !json {
                    say(String(format: "%@: %d instances, CPM %.2f µs per instance (p95 %.2f µs), parse excluded",
                               row.set, row.instances, row.meanMicrosecondsPerInstance, row.p95MicrosecondsPerInstance))
                }
            }
            var rows: [Row] = []
            let counts = sizes.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            if !json && !counts.isEmpty {
                say("activities      links   compile ms   passes ms   with dates ms   compile+passes MB   process peak MB")
            }
            for n in counts where n > 0 {
                FileHandle.standardError.write(Data("generating \(n) activities…\n".utf8))
                let input = try Self.generated(n, seed: 42)
                // Memory: the growth of the peak resident size while compiling and running the passes once.
                let before = Self.memoryMB("VmRSS:")
                Self.resetPeakMemory()
                var extra: Double = 0
                do {
                    let once = try input.compiledOrThrow()
                    let t = input.times(compiled: once)
                    extra = Self.memoryMB("VmHWM:") - before
                    if t.length == -1 { print(t.length) }
                }
                var compile = Double.infinity, passes = Double.infinity, dates = Double.infinity
                var network: CompiledNetwork? = nil
                for _ in 0..<(self.repeat ?? 3) {
                    compile = min(compile, Self.seconds { network = try? input.compiledOrThrow() })
                    guard let network else { throw CLIError("the generated network did not compile") }
                    var sink: Int64 = 0
                    passes = min(passes, Self.seconds { sink &+= input.times(compiled: network).length })
                    dates = min(dates, Self.seconds { sink &+= input.criticalPath(compiled: network).makespan })
                    if sink == -1 { print(sink) }
                }
                let row = Row(name: "generated", activities: n, links: input.links.count, compileMs: compile * 1000,
                              passesMs: passes * 1000, datesMs: dates * 1000, peakMemoryMb: Self.memoryMB("VmHWM:"),
                              passesMemoryMb: extra)
                rows.append(row)
                if !json {
                    say(String(format: "%10d %10d %12.1f %11.1f %15.1f %19.0f %17.0f", n, row.links, row.compileMs,
                               row.passesMs, row.datesMs, row.passesMemoryMb, row.peakMemoryMb))
                }
            }
            if json {
                struct Report: Encodable { var psplib: [PSPLIBRow]; var generated: [Row] }
                say(try jsonText(Report(psplib: sets, generated: rows)))
            }
        }

        static func seconds(_ body: () throws -> Void) rethrows -> Double {
            let clock = ContinuousClock()
            let start = clock.now
            try body()
            let d = clock.now - start
            return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
        }

        /// A line of /proc/self/status (Linux: VmRSS, VmHWM), in MB; 0 where it cannot be read.
        static func memoryMB(_ key: String) -> Double {
            guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
                  let line = text.split(separator: "\n").first(where: { $0.hasPrefix(key) }) else { return 0 }
            let kb = Double(line.split(separator: " ").dropFirst().first ?? "0") ?? 0
            return kb / 1024
        }

        /// Resets VmHWM to the current resident size (Linux `clear_refs` 5), so a later peak is this step's.
        static func resetPeakMemory() {
            if let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") {
                handle.write(Data("5".utf8))
                try? handle.close()
            }
        }

        /// N activities, 3N links of the four types with lags, each link to an activity up to 60 places later.
        static func generated(_ n: Int, seed: UInt64) throws -> ScheduleInput {
            var rng = SeededRandom(seed: seed)
            let day: Int64 = 480
            let start = CalendarDate(iso: "2026-01-05")!
            var holidays: [CalendarException] = []
            for year in 2026...2400 {
                for (m, d) in [(1, 1), (12, 25)] {
                    if let date = CalendarDate(year: year, month: m, day: d) {
                        holidays.append(CalendarException(name: "holiday", from: date, to: date))
                    }
                }
            }
            let calendar = try CompiledCalendar(week: .standard, exceptions: holidays, from: start,
                                                through: CalendarDate(year: 2400, month: 12, day: 31)!, minutesPerDay: 480)
            var activities: [ScheduleInput.Activity] = []
            activities.reserveCapacity(n)
            for i in 0..<n {
                activities.append(.init(name: "A\(i)", duration: Int64(1 + rng.below(10)) * day))
            }
            let types: [DependencyType] = [.finishToStart, .startToStart, .finishToFinish, .startToFinish]
            var links: [ScheduleInput.Link] = []
            links.reserveCapacity(3 * n)
            for i in 0..<n {
                for _ in 0..<3 {
                    let j = i + 1 + rng.below(60)
                    guard j < n else { continue }
                    let lag = Int64(rng.below(6) - 2) * day
                    links.append(.init(from: i, to: j, type: types[rng.below(4)], lag: .working(lag)))
                }
            }
            return ScheduleInput(activities: activities, links: links, calendars: [calendar],
                                 projectStart: WallTime.instant(start, minuteOfDay: 480))
        }
    }
}

extension ScheduleInput {
    func compiledOrThrow() throws -> CompiledNetwork {
        do { return try CompiledNetwork(self) } catch { throw CLIError("\(error)") }
    }
}

extension PSPLIBInput {
    /// The instance files at a path: the file itself, or the .sm and .rcp files of a folder in natural order
    /// (j301_2 before j301_10).
    static func files(at path: String) throws -> [String] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw CLIError("no such file or folder: \(path)")
        }
        let url = URL(fileURLWithPath: path).standardizedFileURL
        guard isFolder.boolValue else { return [url.path] }
        return try FileManager.default.contentsOfDirectory(atPath: url.path)
            .filter { $0.hasSuffix(".sm") || $0.hasSuffix(".rcp") }
            .sorted { $0.compare($1, options: .numeric) == .orderedAscending }
            .map { url.appendingPathComponent($0).path }
    }
}
