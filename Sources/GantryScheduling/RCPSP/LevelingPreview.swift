/// What leveling would change, activity by activity, and why — a preview the caller applies or discards.
public struct LevelingMove: Sendable, Equatable {
    public enum Reason: Sendable, Equatable {
        /// A predecessor (itself moved) pushed the activity: `S[activity] ≥ S[from] + delta`.
        case predecessor(Int)
        /// The resource had too little capacity left (after the other activities' leveled times) to start the
        /// activity any earlier.
        case resource(Int)
    }

    public var activity: Int
    /// Resource-free early start.
    public var from: Int
    /// Leveled start.
    public var to: Int
    public var delay: Int { to - from }
    public var reasons: [Reason]
}

extension Leveler {
    /// Every activity whose leveled start differs from its resource-free early start, in activity order.
    /// A predecessor reason names the link that sets the precedence-feasible start when that start is later than
    /// the early start; resource reasons name the resources that would be over capacity if the activity started
    /// at its precedence-feasible start (the others kept at their leveled times).
    public func moves(_ result: LevelingResult) -> [LevelingMove] {
        let starts = result.starts
        let n = instance.activityCount, m = instance.resourceCount
        guard starts.count == n else { return [] }
        var moves: [LevelingMove] = []
        var load: [[Int]] = []
        for j in 0..<n where starts[j] != forward.earlyStart[j] {
            var reasons: [LevelingMove.Reason] = []
            var bound = instance.release(j), driver: Int?
            for p in instance.precedences where p.to == j && starts[p.from] + p.delta > bound {
                bound = starts[p.from] + p.delta
                driver = p.from
            }
            if let driver, bound > forward.earlyStart[j] { reasons.append(.predecessor(driver)) }
            if starts[j] > bound, instance.durations[j] > 0 {
                if load.isEmpty { load = loads(starts) }
                for k in 0..<m where instance.demand(j, k) > 0 {
                    let over = (bound..<(bound + instance.durations[j])).contains { t in
                        var used = t < load[k].count ? load[k][t] : 0
                        if t >= starts[j], t < starts[j] + instance.durations[j] { used -= instance.demand(j, k) }
                        return used + instance.demand(j, k) > instance.capacity(k, at: t)
                    }
                    if over { reasons.append(.resource(k)) }
                }
            }
            moves.append(LevelingMove(activity: j, from: forward.earlyStart[j], to: starts[j], reasons: reasons))
        }
        return moves
    }

    private func loads(_ starts: [Int]) -> [[Int]] {
        let end = instance.makespan(of: starts)
        var load = [[Int]](repeating: [Int](repeating: 0, count: end), count: instance.resourceCount)
        for j in 0..<instance.activityCount {
            for k in 0..<instance.resourceCount where instance.demand(j, k) > 0 {
                for t in starts[j]..<(starts[j] + instance.durations[j]) { load[k][t] += instance.demand(j, k) }
            }
        }
        return load
    }
}
