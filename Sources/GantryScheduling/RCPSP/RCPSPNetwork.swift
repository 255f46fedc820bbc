/// An instance compiled for the schedule generators: flat arrays, predecessor and successor lists in compressed
/// rows, the non-zero demands of every activity, the capacity profile minus what fixed activities use, and the
/// resource-free early and late starts. One network per direction: the backward network of forward–backward
/// improvement reverses every link (`S'[from] ≥ S'[to] + delta + d[to] − d[from]`).
struct RCPSPNetwork: Sendable {
    let n: Int
    let m: Int
    let durations: [Int]
    let release: [Int]
    /// -1: the activity may move.
    let fixed: [Int]
    let hasFixed: Bool
    let predStart: [Int], predFrom: [Int], predDelta: [Int]
    let succStart: [Int], succTo: [Int], succDelta: [Int]
    let resStart: [Int], resK: [Int32], resR: [Int32]
    /// Capacity per resource from period `baseLength` on.
    let tail: [Int32]
    /// `base[k * baseLength + t]`: capacity left in period t once fixed activities are placed.
    let base: [Int32]
    let baseLength: Int
    /// Periods at which the base profile changes (sorted), for the parallel scheme.
    let profileChanges: [Int]
    let topoOrder: [Int]
    let topoIndex: [Int]
    /// Some delta is negative: a list sorted by time must be re-sorted into link order.
    let needsRepair: Bool
    /// Finish of the latest fixed activity (0 without fixed activities).
    let fixedMakespan: Int
    let earlyStart: [Int]
    let lateStart: [Int]
    /// The resource-free critical-path length.
    let criticalPathLength: Int

    /// Compiles a validated instance (forward), or its mirror image (backward: links reversed, no release times,
    /// no fixed activities, constant capacities).
    init(_ instance: RCPSPInstance, backward: Bool = false) {
        let n = instance.activityCount, m = instance.resourceCount
        self.n = n
        self.m = m
        durations = instance.durations
        var links = instance.precedences
        if backward {
            links = links.map {
                RCPSPInstance.Precedence(from: $0.to, to: $0.from, delta: $0.delta + instance.durations[$0.to] - instance.durations[$0.from])
            }
        }
        release = backward ? Array(repeating: 0, count: n) : (0..<n).map(instance.release)
        fixed = backward ? Array(repeating: -1, count: n) : (0..<n).map { instance.fixedStart($0) ?? -1 }
        hasFixed = fixed.contains { $0 >= 0 }
        needsRepair = links.contains { $0.delta < 0 }

        func rows(_ key: (RCPSPInstance.Precedence) -> Int, _ other: (RCPSPInstance.Precedence) -> Int) -> ([Int], [Int], [Int]) {
            var start = [Int](repeating: 0, count: n + 1)
            for l in links { start[key(l) + 1] += 1 }
            for j in 0..<n { start[j + 1] += start[j] }
            var fill = start
            var to = [Int](repeating: 0, count: links.count), delta = [Int](repeating: 0, count: links.count)
            for l in links {
                to[fill[key(l)]] = other(l)
                delta[fill[key(l)]] = l.delta
                fill[key(l)] += 1
            }
            return (start, to, delta)
        }
        (predStart, predFrom, predDelta) = rows(\.to, \.from)
        (succStart, succTo, succDelta) = rows(\.from, \.to)

        var resStart = [0], resK: [Int32] = [], resR: [Int32] = []
        for j in 0..<n {
            for k in 0..<m where instance.demand(j, k) > 0 {
                resK.append(Int32(k))
                resR.append(Int32(instance.demand(j, k)))
            }
            resStart.append(resK.count)
        }
        self.resStart = resStart
        self.resK = resK
        self.resR = resR

        // The base profile covers every profile period and every fixed activity.
        tail = instance.capacities.map { Int32(clamping: $0) }
        var length = 0
        if !backward {
            for k in 0..<m where k < instance.capacityProfiles.count { length = max(length, instance.capacityProfiles[k]?.count ?? 0) }
            for j in 0..<n where fixed[j] >= 0 { length = max(length, fixed[j] + durations[j]) }
        }
        baseLength = length
        var base = [Int32](repeating: 0, count: m * length)
        var changes = Set<Int>()
        for k in 0..<m {
            for t in 0..<length { base[k * length + t] = Int32(clamping: instance.capacity(k, at: t)) }
        }
        var fixedEnd = 0
        for j in 0..<n where fixed[j] >= 0 {
            fixedEnd = max(fixedEnd, fixed[j] + durations[j])
            for q in resStart[j]..<resStart[j + 1] {
                for t in fixed[j]..<(fixed[j] + durations[j]) { base[Int(resK[q]) * length + t] -= resR[q] }
            }
        }
        if length > 0 {
            for k in 0..<m {
                var previous = Int32.min
                for t in 0..<length where base[k * length + t] != previous {
                    changes.insert(t)
                    previous = base[k * length + t]
                }
                if tail[k] != previous { changes.insert(length) }
            }
        }
        self.base = base
        profileChanges = changes.sorted()
        fixedMakespan = fixedEnd

        let order = RCPSPTopology.order(count: n, precedences: links) ?? Array(0..<n)
        topoOrder = order
        var index = [Int](repeating: 0, count: n)
        for (i, j) in order.enumerated() { index[j] = i }
        topoIndex = index

        // Resource-free early starts (fixed activities stay put), then late starts against the CPM length.
        var es = release
        for j in order {
            if fixed[j] >= 0 { es[j] = fixed[j]; continue }
            for q in predStart[j]..<predStart[j + 1] { es[j] = max(es[j], es[predFrom[q]] + predDelta[q]) }
        }
        var length2 = 0
        for j in 0..<n { length2 = max(length2, es[j] + durations[j]) }
        let d = instance.durations
        var ls = (0..<n).map { length2 - d[$0] }
        for j in order.reversed() {
            if fixed[j] >= 0 { ls[j] = fixed[j]; continue }
            for q in succStart[j]..<succStart[j + 1] { ls[j] = min(ls[j], ls[succTo[q]] - succDelta[q]) }
        }
        earlyStart = es
        lateStart = ls
        criticalPathLength = length2
    }

    /// Capacity of resource k in period t before any movable activity is placed.
    @inline(__always)
    func baseCapacity(_ k: Int, _ t: Int) -> Int32 {
        t < baseLength ? base[k * baseLength + t] : tail[k]
    }
}
