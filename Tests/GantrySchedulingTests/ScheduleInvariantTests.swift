import GantryScheduling
import Testing

enum RandomNetworks {
    static let types: [DayNetwork.LinkType] = [.finishToStart, .startToStart, .finishToFinish, .startToFinish]

    /// An acyclic network with 1…25 activities (some milestones), links of all four types with lags from −4 to +6,
    /// sometimes two links between one pair. Links follow a hidden random order, so index order is no help.
    static func make(_ rng: inout SplitMix64) -> DayNetwork {
        let n = rng.int(in: 1...25)
        let durations = (0..<n).map { _ in rng.int(in: 0...5) == 0 ? 0 : rng.int(in: 1...9) }
        let rank = rng.permutation(n)
        var links: [DayNetwork.Link] = []
        for _ in 0..<rng.int(in: 0...(n * 2)) {
            let a = rng.int(in: 0...(n - 1)), b = rng.int(in: 0...(n - 1))
            guard rank[a] < rank[b] else { continue }
            links.append(.init(from: a, to: b, type: types[rng.int(in: 0...3)], lag: rng.int(in: -4...6)))
        }
        return DayNetwork(durations: durations, links: links)
    }

    /// The earliest start of the successor that a link allows, given the predecessor's start (DOMAIN.md §2.1).
    static func startBound(_ l: DayNetwork.Link, _ es: [Int], _ d: [Int]) -> Int {
        switch l.type {
        case .finishToStart: es[l.from] + d[l.from] + l.lag
        case .startToStart: es[l.from] + l.lag
        case .finishToFinish: es[l.from] + d[l.from] + l.lag - d[l.to]
        case .startToFinish: es[l.from] + l.lag - d[l.to]
        }
    }
}

@Suite("Schedule invariants on generated networks")
struct ScheduleInvariantTests {
    @Test("early and late schedules keep every link, float is never negative and something is critical",
          arguments: 0..<300)
    func invariants(seed: Int) throws {
        var rng = SplitMix64(seed: UInt64(seed))
        let network = RandomNetworks.make(&rng)
        let d = network.durations
        let s = try network.criticalPathSchedule()
        let n = d.count

        #expect(s.makespan == s.earlyFinish.max())
        for i in 0..<n {
            #expect(s.earlyStart[i] >= 0, "activity \(i) starts before the project")
            #expect(s.earlyFinish[i] == s.earlyStart[i] + d[i])
            #expect(s.lateFinish[i] == s.lateStart[i] + d[i])
            #expect(s.lateStart[i] >= s.earlyStart[i], "late start before early start for \(i)")
            #expect(s.lateFinish[i] <= s.makespan)
            #expect(s.totalFloat[i] >= 0)
        }
        #expect(s.totalFloat.min() == 0, "some activity has zero total float")

        for l in network.links {
            // In the early schedule…
            #expect(s.earlyStart[l.to] >= RandomNetworks.startBound(l, s.earlyStart, d), "early: \(l) in seed \(seed)")
            // …and in the late one.
            #expect(s.lateStart[l.to] >= RandomNetworks.startBound(l, s.lateStart, d), "late: \(l) in seed \(seed)")
        }

        // Early starts are as early as possible: each is the project start or pinned by one of its links.
        for j in 0..<n {
            let bounds = network.links.filter { $0.to == j }.map { RandomNetworks.startBound($0, s.earlyStart, d) }
            #expect(s.earlyStart[j] == max(0, bounds.max() ?? 0), "activity \(j) could start earlier (seed \(seed))")
        }
        // Late finishes are as late as possible: each is the project finish or pinned by one of its links.
        for i in 0..<n {
            let outgoing = network.links.filter { $0.from == i }
            let latest = outgoing.map { l -> Int in
                let ls = s.lateStart[l.to], lf = s.lateFinish[l.to]
                switch l.type {
                case .finishToStart: return ls - l.lag
                case .startToStart: return ls - l.lag + d[i]
                case .finishToFinish: return lf - l.lag
                case .startToFinish: return lf - l.lag + d[i]
                }
            }
            #expect(s.lateFinish[i] == min(s.makespan, latest.min() ?? s.makespan), "activity \(i) (seed \(seed))")
        }
    }

    @Test("a generated network with a loop is refused with a loop of its own links", arguments: 0..<50)
    func loops(seed: Int) throws {
        var rng = SplitMix64(seed: UInt64(seed) &+ 90_000)
        var network = RandomNetworks.make(&rng)
        let closing = network.links.randomElement(using: &rng) ?? .init(from: 0, to: 0, type: .finishToStart)
        network.links.append(.init(from: closing.to, to: closing.from, type: .finishToStart, lag: -100))
        do {
            _ = try network.criticalPathSchedule()
            Issue.record("a network with a loop was scheduled")
        } catch .dependencyCycle(let cycle) {
            try #require(cycle.count >= 2)
            #expect(cycle.first == cycle.last)
            let pairs = Set(network.links.map { [$0.from, $0.to] })
            for (a, b) in zip(cycle, cycle.dropFirst()) { #expect(pairs.contains([a, b]), "\(a) → \(b)") }
        }
    }
}
