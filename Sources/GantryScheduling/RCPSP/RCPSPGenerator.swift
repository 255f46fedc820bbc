/// The serial and parallel schedule generation schemes over one compiled network, with their working memory:
/// per-resource remaining capacity by period (one flat buffer, grown when a schedule runs past it) and the start
/// times. Made once per search and reused for every schedule, so generating a schedule allocates nothing.
final class RCPSPGenerator {
    let net: RCPSPNetwork
    /// `free[k * length + t]`.
    private(set) var free: UnsafeMutablePointer<Int32>
    private(set) var length: Int
    /// Periods `0..<dirty` of `free` may differ from the base profile.
    private var dirty = 0
    let starts: UnsafeMutablePointer<Int>
    private let placed: UnsafeMutablePointer<Bool>
    /// Schedules generated so far.
    var count = 0

    init(_ network: RCPSPNetwork) {
        net = network
        var sum = 0
        for d in network.durations { sum += d }
        length = max(network.baseLength, min(sum, 1 << 16)) + 1
        free = .allocate(capacity: max(1, network.m * length))
        starts = .allocate(capacity: max(1, network.n))
        placed = .allocate(capacity: max(1, network.n))
        fill(from: 0, to: length)
    }

    deinit {
        free.deallocate()
        starts.deallocate()
        placed.deallocate()
    }

    private func fill(from: Int, to: Int) {
        for k in 0..<net.m {
            let row = free + k * length
            for t in from..<to { row[t] = net.baseCapacity(k, t) }
        }
    }

    /// Makes room for periods up to `needed` (exclusive).
    private func grow(to needed: Int) {
        var newLength = length
        while newLength < needed { newLength *= 2 }
        let bigger = UnsafeMutablePointer<Int32>.allocate(capacity: net.m * newLength)
        for k in 0..<net.m {
            (bigger + k * newLength).update(from: free + k * length, count: length)
        }
        free.deallocate()
        free = bigger
        let old = length
        length = newLength
        fill(from: old, to: newLength)
    }

    private func reset() {
        if dirty > 0 { fill(from: 0, to: min(dirty, length)) }
        dirty = 0
        for j in 0..<net.n where net.fixed[j] >= 0 { starts[j] = net.fixed[j] }
    }

    /// The earliest start allowed by release time and the links from activities already placed.
    @inline(__always)
    private func precedenceStart(_ j: Int) -> Int {
        var t = net.release[j]
        net.predFrom.withUnsafeBufferPointer { from in
            net.predDelta.withUnsafeBufferPointer { delta in
                for q in net.predStart[j]..<net.predStart[j + 1] {
                    let v = starts[from[q]] + delta[q]
                    if v > t { t = v }
                }
            }
        }
        return t
    }

    /// Whether activity j fits the remaining capacity over `[t, t + d)`; if not, the first start worth trying next.
    @inline(__always)
    private func firstConflict(_ j: Int, at t: Int, duration d: Int) -> Int? {
        if t + d > length { grow(to: t + d) }
        let rs = net.resStart[j], re = net.resStart[j + 1]
        for q in rs..<re {
            let k = Int(net.resK[q]), r = net.resR[q]
            let row = free + k * length
            var u = t + d - 1
            while u >= t {
                if row[u] < r { return u + 1 }
                u -= 1
            }
        }
        return nil
    }

    @inline(__always)
    private func place(_ j: Int, at t: Int, duration d: Int) {
        starts[j] = t
        if d == 0 { return }
        for q in net.resStart[j]..<net.resStart[j + 1] {
            let k = Int(net.resK[q]), r = net.resR[q]
            let row = free + k * length
            for u in t..<(t + d) { row[u] -= r }
        }
        if t + d > dirty { dirty = t + d }
    }

    /// Serial scheme: activities in list order (the list must respect the links; fixed activities in it are
    /// skipped), each at the earliest period where its links and the remaining capacity over its whole duration
    /// allow. Returns the makespan; the starts are in `starts`.
    func serial(_ list: UnsafeBufferPointer<Int>) -> Int {
        count += 1
        reset()
        var makespan = net.fixedMakespan
        let hasFixed = net.hasFixed
        for j in list {
            if hasFixed, net.fixed[j] >= 0 { continue }
            let d = net.durations[j]
            var t = precedenceStart(j)
            if d > 0 {
                while let next = firstConflict(j, at: t, duration: d) { t = next }
            }
            place(j, at: t, duration: d)
            if t + d > makespan { makespan = t + d }
        }
        return makespan
    }

    func serial(_ list: [Int]) -> Int { list.withUnsafeBufferPointer { serial($0) } }

    /// Parallel scheme: walks the decision times (finishes, release of links, profile changes); at each, starts
    /// every activity whose links allow it and that fits from then for its whole duration, best rank first
    /// (`rank[j]` smaller is better), repeating at the same time while zero-duration activities release others.
    func parallel(rank: [Int]) -> Int {
        count += 1
        reset()
        let n = net.n
        var remaining = [Int](repeating: 0, count: n)
        var ready = [Int](repeating: 0, count: n)
        var eligible: [Int] = []
        var active: [Int] = []   // finish times of started activities
        var left = 0
        for j in 0..<n {
            placed[j] = false
            remaining[j] = net.predStart[j + 1] - net.predStart[j]
            ready[j] = net.release[j]
        }
        func release(_ j: Int) {
            for q in net.succStart[j]..<net.succStart[j + 1] {
                let s = net.succTo[q]
                ready[s] = max(ready[s], starts[j] + net.succDelta[q])
                remaining[s] -= 1
                if remaining[s] == 0, !placed[s] { eligible.append(s) }
            }
        }
        var makespan = net.fixedMakespan
        for j in 0..<n where net.fixed[j] >= 0 {
            placed[j] = true
            active.append(starts[j] + net.durations[j])
        }
        for j in 0..<n where net.fixed[j] >= 0 { release(j) }
        eligible.removeAll()
        for j in 0..<n where !placed[j] {
            left += 1
            if remaining[j] == 0 { eligible.append(j) }
        }
        var t = 0
        while left > 0 {
            var again = true
            while again {
                again = false
                // A snapshot in rank order; activities released during the pass wait for the next pass.
                let candidates = eligible.sorted { rank[$0] < rank[$1] }
                for j in candidates {
                    let d = net.durations[j]
                    guard ready[j] <= t, d == 0 || firstConflict(j, at: t, duration: d) == nil else { continue }
                    place(j, at: t, duration: d)
                    placed[j] = true
                    left -= 1
                    makespan = max(makespan, t + d)
                    release(j)
                    if d == 0 { again = true } else { active.append(t + d) }
                }
                eligible.removeAll { placed[$0] }
            }
            if left == 0 { break }
            var next = Int.max
            for f in active where f > t { next = min(next, f) }
            for j in eligible where ready[j] > t { next = min(next, ready[j]) }
            for c in net.profileChanges where c > t { next = min(next, c); break }
            if next == Int.max { next = t + 1 }
            active.removeAll { $0 <= next }
            t = next
        }
        return makespan
    }

    /// The starts of the last schedule.
    var startTimes: [Int] { Array(UnsafeBufferPointer(start: starts, count: net.n)) }
}
