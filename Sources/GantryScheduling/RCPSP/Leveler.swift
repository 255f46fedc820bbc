/// Resource leveling (resource-constrained scheduling) of one validated instance: single-pass priority-rule
/// schedules and an improving search (an activity-list genetic algorithm with forward–backward improvement).
/// Values in, values out: nothing reads a clock; a time limit comes in as `shouldStop`.
public struct Leveler: Sendable {
    public let instance: RCPSPInstance
    let forward: RCPSPNetwork
    let backward: RCPSPNetwork

    public init(_ instance: RCPSPInstance) throws(RCPSPError) {
        try instance.validate()
        self.instance = instance
        forward = RCPSPNetwork(instance)
        backward = RCPSPNetwork(instance, backward: true)
    }

    /// The resource-free critical-path length: a lower bound on any leveled makespan.
    public var criticalPathLength: Int { forward.criticalPathLength }
    /// Resource-free early starts (release times and fixed starts included).
    public var earlyStarts: [Int] { forward.earlyStart }
    /// Resource-free late starts against the critical-path length.
    public var lateStarts: [Int] { forward.lateStart }

    /// The rule's value for every activity (smaller is scheduled first).
    public func priorityValues(_ rule: PriorityRule) -> [Int] { forward.ruleValues(rule) }

    /// One schedule from a priority rule: activity priority first, then the rule value, then the smallest index.
    public func singlePass(rule: PriorityRule, scheme: GenerationScheme) -> LevelingResult {
        let generator = RCPSPGenerator(forward)
        let rank = forward.ranks(values: forward.ruleValues(rule), priorities: instance.priorities)
        let makespan: Int
        switch scheme {
        case .serial: makespan = generator.serial(forward.list(rank: rank))
        case .parallel: makespan = generator.parallel(rank: rank)
        }
        return LevelingResult(
            starts: generator.startTimes, makespan: makespan, schedulesGenerated: generator.count,
            criticalPathLength: forward.criticalPathLength)
    }

    /// Serial-scheme decoding of an activity list (it must respect the links).
    public func schedule(activityList: [Int]) -> LevelingResult {
        let generator = RCPSPGenerator(forward)
        let makespan = generator.serial(activityList)
        return LevelingResult(
            starts: generator.startTimes, makespan: makespan, schedulesGenerated: 1, criticalPathLength: forward.criticalPathLength)
    }

    /// The improving search. Stops at the first of: `options.maxSchedules` schedules generated, `shouldStop()`
    /// returning true (asked every few dozen schedules), or a makespan equal to the lower bound (the larger of
    /// the critical-path length and `options.lowerBound`). Same instance, options and stop points → same result.
    public func improve(_ options: LevelingOptions = LevelingOptions(), shouldStop: () -> Bool = { false }) -> LevelingResult {
        var search = LevelingSearch(leveler: self, options: options)
        return search.run(shouldStop: shouldStop)
    }
}

/// The budget and knobs of the improving search.
public struct LevelingOptions: Sendable, Equatable {
    public var seed: UInt64
    /// At most this many schedules (each serial pass, forward or backward, counts one).
    public var maxSchedules: Int
    /// Stop once the makespan reaches this (a known lower bound); the critical-path length is always used.
    public var lowerBound: Int?
    /// Activity lists kept by the genetic algorithm (0: chosen from the instance size).
    public var populationSize: Int
    /// Activity priorities (higher first) bias the start population; the search itself minimises the makespan.
    public init(seed: UInt64 = 1, maxSchedules: Int = 5000, lowerBound: Int? = nil, populationSize: Int = 0) {
        self.seed = seed
        self.maxSchedules = maxSchedules
        self.lowerBound = lowerBound
        self.populationSize = populationSize
    }
}

/// A leveled schedule. Nothing is applied: ``moves(in:)`` says what would change and why.
public struct LevelingResult: Sendable, Equatable {
    public var starts: [Int]
    public var makespan: Int
    public var schedulesGenerated: Int
    /// The resource-free critical-path length.
    public var criticalPathLength: Int

    public init(starts: [Int], makespan: Int, schedulesGenerated: Int, criticalPathLength: Int) {
        self.starts = starts
        self.makespan = makespan
        self.schedulesGenerated = schedulesGenerated
        self.criticalPathLength = criticalPathLength
    }

    public func finish(_ activity: Int, in instance: RCPSPInstance) -> Int { starts[activity] + instance.durations[activity] }
}
