import GantryScheduling
import Testing

/// Generated instances (seeded, replayable): all four link types with lags (negative distances included), release
/// times, per-period capacity profiles, fixed activities and priorities.
@Suite("Leveling invariants on generated instances")
struct RCPSPPropertyTests {
    static func instance(seed: UInt64) -> RCPSPInstance {
        var rng = SplitMix64(seed: seed)
        let n = rng.int(in: 5...40), m = rng.int(in: 1...3)
        let durations = (0..<n).map { _ in rng.int(in: 0...6) }
        let capacities = (0..<m).map { _ in rng.int(in: 4...10) }
        var demands: [Int] = []
        for _ in 0..<n { for k in 0..<m { demands.append(rng.int(in: 0...6) <= 2 ? 0 : rng.int(in: 1...capacities[k])) } }
        // Two fixed activities at most, without predecessors, small demands (they never overload on their own).
        var fixed = [Int?](repeating: nil, count: n)
        for j in [0, n / 2] where rng.int(in: 0...1) == 1 {
            fixed[j] = rng.int(in: 0...8)
            for k in 0..<m { demands[j * m + k] = min(demands[j * m + k], capacities[k] / 4) }
        }
        var links: [RCPSPInstance.Precedence] = []
        for to in 1..<n where fixed[to] == nil {
            for _ in 0..<rng.int(in: 0...2) {
                let from = rng.int(in: 0...(to - 1)), lag = rng.int(in: -2...3)
                switch rng.int(in: 0...3) {
                case 0: links.append(.finishToStart(from, to, durations: durations, lag: lag))
                case 1: links.append(.startToStart(from, to, lag: lag))
                case 2: links.append(.finishToFinish(from, to, durations: durations, lag: lag))
                default: links.append(.startToFinish(from, to, durations: durations, lag: lag))
                }
            }
        }
        // A capacity profile on the first resource: dips for the first periods, never below half.
        let profile = (0..<rng.int(in: 0...20)).map { _ in rng.int(in: (capacities[0] + 1) / 2...capacities[0] + 2) }
        let releases = (0..<n).map { _ in rng.int(in: 0...3) == 0 ? rng.int(in: 0...10) : 0 }
        let priorities = (0..<n).map { _ in rng.int(in: 0...4) == 0 ? 1 : 0 }
        return RCPSPInstance(
            durations: durations, capacities: capacities, demands: demands, precedences: links,
            capacityProfiles: [profile] + Array(repeating: nil, count: m - 1), releaseTimes: releases, fixedStarts: fixed,
            priorities: priorities)
    }

    @Test("every single pass and the search respect links, releases, fixed starts and every period's capacity", arguments: 0..<60)
    func invariants(seed: UInt64) throws {
        let inst = Self.instance(seed: seed)
        let leveler = try Leveler(inst)
        for rule in PriorityRule.allCases {
            for scheme in GenerationScheme.allCases {
                let r = leveler.singlePass(rule: rule, scheme: scheme)
                #expect(FeasibilityCheck.violations(of: r.starts, in: inst).isEmpty, "seed \(seed) \(rule) \(scheme)")
                #expect(r.makespan >= leveler.criticalPathLength)
            }
        }
        let best = leveler.improve(LevelingOptions(seed: seed, maxSchedules: 200))
        #expect(FeasibilityCheck.violations(of: best.starts, in: inst).isEmpty, "seed \(seed)")
        #expect(best.makespan == inst.makespan(of: best.starts))
        #expect(best.makespan >= leveler.criticalPathLength)
        for j in 0..<inst.activityCount { if let f = inst.fixedStart(j) { #expect(best.starts[j] == f) } }
        // No worse than the best single pass it starts from.
        #expect(best.makespan <= leveler.singlePass(rule: .lft, scheme: .serial).makespan)
    }

    @Test("same instance and seed → the same schedule; the schedule budget is kept", arguments: [3, 17, 42] as [UInt64])
    func determinism(seed: UInt64) throws {
        let leveler = try Leveler(Self.instance(seed: seed &+ 1000))
        let a = leveler.improve(LevelingOptions(seed: seed, maxSchedules: 500))
        let b = leveler.improve(LevelingOptions(seed: seed, maxSchedules: 500))
        #expect(a == b)
        #expect(a.schedulesGenerated <= 503)
    }

    @Test("shouldStop ends the search early")
    func stop() throws {
        let leveler = try Leveler(Self.instance(seed: 5))
        var asked = 0
        let r = leveler.improve(LevelingOptions(maxSchedules: .max)) { asked += 1; return asked > 3 }
        #expect(asked == 4)
        #expect(r.schedulesGenerated < 1000)
    }

    @Test("a capacity profile is respected period by period")
    func profile() throws {
        // One resource: capacity 1, 1, 0, 1 in periods 0–3, 2 after; activities of 2 periods needing 1, 1 and 2.
        // Activity 1 cannot start before 3 (period 2 has no capacity), 2 needs both units: from 5.
        let inst = RCPSPInstance(
            durations: [2, 2, 2], capacities: [2], demands: [1, 1, 2], precedences: [], capacityProfiles: [[1, 1, 0, 1]])
        let leveler = try Leveler(inst)
        for scheme in GenerationScheme.allCases {
            let r = leveler.singlePass(rule: .activityOrder, scheme: scheme)
            #expect(FeasibilityCheck.violations(of: r.starts, in: inst).isEmpty, "\(scheme)")
            #expect(r.starts == [0, 3, 5], "\(scheme)")
        }
        #expect(leveler.improve(LevelingOptions(maxSchedules: 100)).makespan == 7)
    }
}
