/// A resource-constrained project scheduling problem (RCPSP) in index form: activities `0..<activityCount`,
/// renewable resources `0..<resourceCount`, whole periods. Times are half-open: an activity of duration d that
/// starts at s occupies the periods s, s+1, …, s+d−1 and finishes at s+d.
///
/// Precedence is a generalized minimal start-to-start distance `S[to] ≥ S[from] + delta`. A PSPLIB finish-to-start
/// link has `delta = d[from]`; a product maps its links and lags onto delta (``Precedence/finishToStart(_:_:durations:lag:)``
/// and its siblings). Delta may be negative; the links must not close a loop.
public struct RCPSPInstance: Sendable, Equatable {
    /// `S[to] ≥ S[from] + delta`.
    public struct Precedence: Sendable, Hashable {
        public var from: Int
        public var to: Int
        public var delta: Int

        public init(from: Int, to: Int, delta: Int) {
            self.from = from; self.to = to; self.delta = delta
        }

        /// FS+lag: the successor starts `lag` after the predecessor finishes.
        public static func finishToStart(_ from: Int, _ to: Int, durations: [Int], lag: Int = 0) -> Precedence {
            Precedence(from: from, to: to, delta: durations[from] + lag)
        }
        /// SS+lag: the successor starts `lag` after the predecessor starts.
        public static func startToStart(_ from: Int, _ to: Int, lag: Int = 0) -> Precedence {
            Precedence(from: from, to: to, delta: lag)
        }
        /// FF+lag: the successor finishes `lag` after the predecessor finishes.
        public static func finishToFinish(_ from: Int, _ to: Int, durations: [Int], lag: Int = 0) -> Precedence {
            Precedence(from: from, to: to, delta: durations[from] + lag - durations[to])
        }
        /// SF+lag: the successor finishes `lag` after the predecessor starts.
        public static func startToFinish(_ from: Int, _ to: Int, durations: [Int], lag: Int = 0) -> Precedence {
            Precedence(from: from, to: to, delta: lag - durations[to])
        }
    }

    /// Duration of every activity in periods (≥ 0).
    public var durations: [Int]
    /// Capacity of every resource; with a profile, the capacity from the end of the profile on.
    public var capacities: [Int]
    /// Optional per-period capacity of a resource (a resource calendar): `capacityProfiles[k]![t]` for
    /// `t < count`, `capacities[k]` after. Empty, or one entry per resource.
    public var capacityProfiles: [[Int]?]
    /// Demands, row by activity: `demands[j * resourceCount + k]`.
    public var demands: [Int]
    public var precedences: [Precedence]
    /// Earliest start of every activity (0 when empty).
    public var releaseTimes: [Int]
    /// "Do not level": an activity with a fixed start keeps it (it still uses its resources). Empty, or one
    /// entry per activity.
    public var fixedStarts: [Int?]
    /// Higher is scheduled first; a tie-breaker before the priority rule. Empty, or one entry per activity.
    public var priorities: [Int]

    public init(
        durations: [Int], capacities: [Int], demands: [Int], precedences: [Precedence],
        capacityProfiles: [[Int]?] = [], releaseTimes: [Int] = [], fixedStarts: [Int?] = [], priorities: [Int] = []
    ) {
        self.durations = durations
        self.capacities = capacities
        self.demands = demands
        self.precedences = precedences
        self.capacityProfiles = capacityProfiles
        self.releaseTimes = releaseTimes
        self.fixedStarts = fixedStarts
        self.priorities = priorities
    }

    /// Builds an instance from demand rows (`demands[j][k]`).
    public init(
        durations: [Int], capacities: [Int], demandRows: [[Int]], precedences: [Precedence],
        capacityProfiles: [[Int]?] = [], releaseTimes: [Int] = [], fixedStarts: [Int?] = [], priorities: [Int] = []
    ) {
        self.init(
            durations: durations, capacities: capacities, demands: demandRows.flatMap { $0 }, precedences: precedences,
            capacityProfiles: capacityProfiles, releaseTimes: releaseTimes, fixedStarts: fixedStarts, priorities: priorities)
    }

    public var activityCount: Int { durations.count }
    public var resourceCount: Int { capacities.count }

    public func demand(_ activity: Int, _ resource: Int) -> Int { demands[activity * resourceCount + resource] }

    /// The capacity of `resource` in period `t`.
    public func capacity(_ resource: Int, at t: Int) -> Int {
        if resource < capacityProfiles.count, let profile = capacityProfiles[resource], t >= 0, t < profile.count {
            return profile[t]
        }
        return capacities[resource]
    }

    public func release(_ activity: Int) -> Int { activity < releaseTimes.count ? releaseTimes[activity] : 0 }
    public func fixedStart(_ activity: Int) -> Int? { activity < fixedStarts.count ? fixedStarts[activity] : nil }
    public func priority(_ activity: Int) -> Int { activity < priorities.count ? priorities[activity] : 0 }

    /// The latest start of the schedule: the finish of the last activity (0 for an empty schedule).
    public func makespan(of starts: [Int]) -> Int {
        var end = 0
        for j in starts.indices { end = max(end, starts[j] + durations[j]) }
        return end
    }
}

/// Why an instance cannot be scheduled. `code` is stable; `activity`/`resource` name what is wrong.
public struct RCPSPError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case negativeDuration = "negative_duration"
        case negativeCapacity = "negative_capacity"
        case negativeDemand = "negative_demand"
        case demandExceedsCapacity = "demand_exceeds_capacity"
        case shapeMismatch = "shape_mismatch"
        case unknownActivity = "unknown_activity"
        case selfLink = "self_link"
        case dependencyCycle = "dependency_cycle"
        case negativeTime = "negative_time"
    }

    public var code: Code
    public var message: String
    public var activity: Int?
    public var resource: Int?
    /// For a cycle: the activities in order, the first repeated at the end.
    public var cycle: [Int]

    public init(_ code: Code, _ message: String, activity: Int? = nil, resource: Int? = nil, cycle: [Int] = []) {
        self.code = code; self.message = message; self.activity = activity; self.resource = resource; self.cycle = cycle
    }

    public var description: String { "\(code.rawValue): \(message)" }
}

extension RCPSPInstance {
    /// Checks shapes, signs, that every demand fits its resource's long-run capacity and that the links form no
    /// loop. Returns the first problem found, naming the activity or resource (0-based).
    public func validate() throws(RCPSPError) {
        let n = activityCount, m = resourceCount
        guard demands.count == n * m else {
            throw RCPSPError(.shapeMismatch, "demands hold \(demands.count) values, expected \(n) activities × \(m) resources")
        }
        guard capacityProfiles.isEmpty || capacityProfiles.count == m else {
            throw RCPSPError(.shapeMismatch, "capacityProfiles has \(capacityProfiles.count) entries, expected \(m)")
        }
        for (name, count) in [("releaseTimes", releaseTimes.count), ("fixedStarts", fixedStarts.count), ("priorities", priorities.count)]
        where count != 0 && count != n {
            throw RCPSPError(.shapeMismatch, "\(name) has \(count) entries, expected \(n)")
        }
        for k in 0..<m {
            if capacities[k] < 0 { throw RCPSPError(.negativeCapacity, "resource \(k) has capacity \(capacities[k])", resource: k) }
            if k < capacityProfiles.count, let p = capacityProfiles[k], let t = p.firstIndex(where: { $0 < 0 }) {
                throw RCPSPError(.negativeCapacity, "resource \(k) has capacity \(p[t]) in period \(t)", resource: k)
            }
        }
        for j in 0..<n {
            if durations[j] < 0 { throw RCPSPError(.negativeDuration, "activity \(j) has duration \(durations[j])", activity: j) }
            if release(j) < 0 { throw RCPSPError(.negativeTime, "activity \(j) has release time \(release(j))", activity: j) }
            if let f = fixedStart(j), f < 0 { throw RCPSPError(.negativeTime, "activity \(j) has fixed start \(f)", activity: j) }
            for k in 0..<m {
                let r = demand(j, k)
                if r < 0 { throw RCPSPError(.negativeDemand, "activity \(j) demands \(r) of resource \(k)", activity: j, resource: k) }
                if r > capacities[k], durations[j] > 0, fixedStart(j) == nil {
                    throw RCPSPError(
                        .demandExceedsCapacity, "activity \(j) demands \(r) of resource \(k), whose capacity is \(capacities[k])",
                        activity: j, resource: k)
                }
            }
        }
        for p in precedences {
            guard p.from >= 0, p.from < n, p.to >= 0, p.to < n else {
                throw RCPSPError(.unknownActivity, "link \(p.from) → \(p.to) names an activity outside 0..<\(n)")
            }
            if p.from == p.to { throw RCPSPError(.selfLink, "activity \(p.from) is linked to itself", activity: p.from) }
        }
        if let c = RCPSPTopology.cycle(count: n, precedences: precedences) {
            throw RCPSPError(
                .dependencyCycle, "the links close a loop: " + c.map(String.init).joined(separator: " → "),
                activity: c.first, cycle: c)
        }
    }
}
