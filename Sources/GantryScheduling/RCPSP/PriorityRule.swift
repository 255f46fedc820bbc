/// Priority rules for the single-pass schedule generation schemes (Kolisch 1996). Each gives every activity a
/// value; the smallest value goes first, ties by the smallest index. An activity's own priority (higher first)
/// comes before the rule value.
public enum PriorityRule: String, CaseIterable, Sendable {
    /// Minimum latest finish time (CPM, against the critical-path length).
    case lft = "LFT"
    /// Minimum latest start time.
    case lst = "LST"
    /// Minimum slack (latest minus earliest start).
    case mslk = "MSLK"
    /// Most total successors (direct and indirect).
    case mts = "MTS"
    /// Greatest rank positional weight: own duration plus the durations of the direct successors.
    case grpw = "GRPW"
    /// Shortest processing time.
    case spt = "SPT"
    /// Activity order (the index), the "ID only" order.
    case activityOrder = "ID"
}

/// A schedule generation scheme: serial (active schedules, may fill earlier gaps) or parallel (non-delay).
public enum GenerationScheme: String, CaseIterable, Sendable {
    case serial
    case parallel
}

extension RCPSPNetwork {
    /// The rule's value for every activity (smaller goes first).
    func ruleValues(_ rule: PriorityRule) -> [Int] {
        switch rule {
        case .lft: return (0..<n).map { lateStart[$0] + durations[$0] }
        case .lst: return lateStart
        case .mslk: return (0..<n).map { lateStart[$0] - earlyStart[$0] }
        case .spt: return durations
        case .activityOrder: return Array(0..<n)
        case .grpw:
            return (0..<n).map { j in
                var w = durations[j]
                for q in succStart[j]..<succStart[j + 1] { w += durations[succTo[q]] }
                return -w
            }
        case .mts:
            // Successor sets as bit rows, built in reverse link order.
            let words = (n + 63) / 64
            var bits = [UInt64](repeating: 0, count: n * words)
            var total = [Int](repeating: 0, count: n)
            for j in topoOrder.reversed() {
                for q in succStart[j]..<succStart[j + 1] {
                    let s = succTo[q]
                    bits[j * words + s / 64] |= 1 << UInt64(s % 64)
                    for w in 0..<words { bits[j * words + w] |= bits[s * words + w] }
                }
                var c = 0
                for w in 0..<words { c += bits[j * words + w].nonzeroBitCount }
                total[j] = c
            }
            return total.map { -$0 }
        }
    }

    /// `rank[j]`: the position of j when activities are sorted by (priority descending, value, index).
    func ranks(values: [Int], priorities: [Int]) -> [Int] {
        let order = (0..<n).sorted {
            let pa = priorities.isEmpty ? 0 : priorities[$0], pb = priorities.isEmpty ? 0 : priorities[$1]
            if pa != pb { return pa > pb }
            if values[$0] != values[$1] { return values[$0] < values[$1] }
            return $0 < $1
        }
        var rank = [Int](repeating: 0, count: n)
        for (i, j) in order.enumerated() { rank[j] = i }
        return rank
    }

    /// An activity list in link order: at every step the eligible activity (all predecessors listed) with the
    /// smallest rank — what the serial scheme picks with a priority rule.
    func list(rank: [Int]) -> [Int] {
        var remaining = (0..<n).map { predStart[$0 + 1] - predStart[$0] }
        var heap = MinHeap()
        for j in 0..<n where remaining[j] == 0 { heap.push(rank[j] * n + j) }
        var list: [Int] = []
        list.reserveCapacity(n)
        while let key = heap.pop() {
            let j = key % n
            list.append(j)
            for q in succStart[j]..<succStart[j + 1] {
                let s = succTo[q]
                remaining[s] -= 1
                if remaining[s] == 0 { heap.push(rank[s] * n + s) }
            }
        }
        return list
    }
}
