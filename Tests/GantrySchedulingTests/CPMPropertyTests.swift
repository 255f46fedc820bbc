import GantryModel
import GantryScheduling
import Testing

/// Invariants of the engine on generated networks on a working calendar with holidays (seeded, reproducible).
@Suite("Critical path engine invariants on generated calendar networks")
struct CPMPropertyTests {
    static let types: [DependencyType] = [.finishToStart, .startToStart, .finishToFinish, .startToFinish]

    static func network(seed: Int) throws -> (ScheduleInput, CompiledCalendar) {
        var rng = SplitMix64(seed: UInt64(seed) &+ 7_000)
        let holidays = (0..<rng.int(in: 0...12)).map { _ in
            CalendarDate(iso: "2018-03-01")!.adding(days: rng.int(in: 0...200))
        }
        let calendar = try CompiledCalendar(
            week: .standard, exceptions: holidays.map { CalendarException(name: "h", from: $0, to: $0) },
            from: CalendarDate(iso: "2018-01-01")!, through: CalendarDate(iso: "2019-12-31")!, minutesPerDay: 480)
        let n = rng.int(in: 1...30)
        let rank = rng.permutation(n)
        var activities: [ScheduleInput.Activity] = (0..<n).map { i in
            let d = rng.int(in: 0...5) == 0 ? 0 : rng.int(in: 1...40) * 60
            return .init(name: "a\(i)", duration: Int64(d), kind: d == 0 ? .milestone : .leaf)
        }
        for i in 0..<n where rng.int(in: 0...6) == 0 {
            activities[i].constraint = .startNoEarlierThan
            activities[i].constraintDate = try WallTime.parse("2018-03-05T08:00") + Int64(rng.int(in: 0...30)) * 1440
        }
        var links: [ScheduleInput.Link] = []
        for _ in 0..<rng.int(in: 0...(n * 2)) {
            let a = rng.int(in: 0...(n - 1)), b = rng.int(in: 0...(n - 1))
            guard rank[a] < rank[b] else { continue }
            links.append(.init(from: a, to: b, type: types[rng.int(in: 0...3)],
                               lag: .working(Int64(rng.int(in: -16...24)) * 60)))
        }
        let input = ScheduleInput(activities: activities, links: links, calendars: [calendar],
                                  projectStart: try WallTime.parse("2018-03-01T08:00"))
        return (input, calendar)
    }

    @Test("every link and lag holds in working time, floats are consistent, the longest path is tight and critical",
          arguments: 0..<200)
    func invariants(seed: Int) throws {
        let (input, cal) = try Self.network(seed: seed)
        let s = try input.criticalPath()
        func w(_ t: WallMinute) -> Int64 { cal.working(at: t) }
        for l in input.links {
            guard case .working(let lag) = l.lag else { continue }
            let (p, q) = (l.from, l.to)
            switch l.type {
            case .finishToStart: #expect(w(s.earlyStart[q]) >= w(s.earlyFinish[p]) + lag, "seed \(seed)")
            case .startToStart: #expect(w(s.earlyStart[q]) >= w(s.earlyStart[p]) + lag, "seed \(seed)")
            case .finishToFinish: #expect(w(s.earlyFinish[q]) >= w(s.earlyFinish[p]) + lag, "seed \(seed)")
            case .startToFinish: #expect(w(s.earlyFinish[q]) >= w(s.earlyStart[p]) + lag, "seed \(seed)")
            }
            // Late dates keep the links too.
            switch l.type {
            case .finishToStart: #expect(w(s.lateStart[q]) >= w(s.lateFinish[p]) + lag, "seed \(seed)")
            case .startToStart: #expect(w(s.lateStart[q]) >= w(s.lateStart[p]) + lag, "seed \(seed)")
            case .finishToFinish: #expect(w(s.lateFinish[q]) >= w(s.lateFinish[p]) + lag, "seed \(seed)")
            case .startToFinish: #expect(w(s.lateFinish[q]) >= w(s.lateStart[p]) + lag, "seed \(seed)")
            }
        }
        for i in input.activities.indices {
            let d = input.activities[i].duration
            #expect(w(s.earlyFinish[i]) - w(s.earlyStart[i]) == d, "duration of \(i), seed \(seed)")
            #expect(s.earlyStart[i] >= input.projectStart)
            #expect(s.freeFloat[i] >= 0 && s.freeFloat[i] <= max(0, s.totalFloat[i]), "seed \(seed)")
            #expect(s.totalFloat[i] >= 0, "no late constraint, so no negative float (seed \(seed))")
            #expect(s.totalFloat[i] == w(s.lateStart[i]) - w(s.earlyStart[i]))
            #expect(s.critical[i] == (s.totalFloat[i] <= 0))
            #expect(s.earlyFinish[i] <= s.projectFinish)
        }
        #expect(s.projectFinish == s.earlyFinish.max())
        #expect(s.makespan == w(s.projectFinish) - w(input.projectStart))
        // The longest path ends at the finish and every step on it is critical.
        if let last = s.longestPath.last {
            #expect(s.earlyFinish[last] == s.projectFinish)
            for i in s.longestPath { #expect(s.critical[i], "seed \(seed)") }
        }
        #expect(try input.criticalPath() == s)
    }
}
