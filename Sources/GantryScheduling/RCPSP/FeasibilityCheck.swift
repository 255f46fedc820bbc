/// Checks a schedule against an instance from first principles — every link, every release time and fixed
/// start, and the load of every resource in every period — sharing no code with the schedule generators, so it
/// catches their mistakes.
public enum FeasibilityCheck {
    public enum Violation: Sendable, Equatable, CustomStringConvertible {
        /// `S[to] ≥ S[from] + delta` fails.
        case precedence(from: Int, to: Int, required: Int, actual: Int)
        /// Resource over capacity in a period.
        case capacity(resource: Int, period: Int, load: Int, capacity: Int)
        case beforeRelease(activity: Int, start: Int, release: Int)
        case fixedMoved(activity: Int, start: Int, fixed: Int)
        case wrongCount(expected: Int, actual: Int)

        public var description: String {
            switch self {
            case .precedence(let f, let t, let r, let a): "activity \(t) starts at \(a), its link from \(f) needs ≥ \(r)"
            case .capacity(let k, let p, let l, let c): "resource \(k) in period \(p): load \(l) > capacity \(c)"
            case .beforeRelease(let j, let s, let r): "activity \(j) starts at \(s) before its release \(r)"
            case .fixedMoved(let j, let s, let f): "activity \(j) starts at \(s), fixed at \(f)"
            case .wrongCount(let e, let a): "\(a) starts for \(e) activities"
            }
        }
    }

    /// Every violation of `starts` (empty: feasible).
    public static func violations(of starts: [Int], in instance: RCPSPInstance) -> [Violation] {
        let n = instance.durations.count
        guard starts.count == n else { return [.wrongCount(expected: n, actual: starts.count)] }
        var found: [Violation] = []
        for link in instance.precedences where starts[link.to] < starts[link.from] + link.delta {
            found.append(.precedence(from: link.from, to: link.to, required: starts[link.from] + link.delta, actual: starts[link.to]))
        }
        for j in 0..<n {
            let release = j < instance.releaseTimes.count ? instance.releaseTimes[j] : 0
            let fixed = j < instance.fixedStarts.count ? instance.fixedStarts[j] : nil
            // A fixed start overrides the release time.
            if starts[j] < max(0, fixed == nil ? release : 0) { found.append(.beforeRelease(activity: j, start: starts[j], release: max(0, release))) }
            if let f = fixed, starts[j] != f {
                found.append(.fixedMoved(activity: j, start: starts[j], fixed: f))
            }
        }
        // Load per resource and period: add each activity's demand over its periods.
        var end = 0
        for j in 0..<n { end = max(end, starts[j] + instance.durations[j]) }
        let m = instance.capacities.count
        for k in 0..<m {
            var load = [Int](repeating: 0, count: end)
            for j in 0..<n {
                let r = instance.demands[j * m + k]
                if r == 0 { continue }
                var t = max(0, starts[j])
                while t < starts[j] + instance.durations[j] {
                    load[t] += r
                    t += 1
                }
            }
            for t in 0..<end {
                var cap = instance.capacities[k]
                if k < instance.capacityProfiles.count, let profile = instance.capacityProfiles[k], t < profile.count { cap = profile[t] }
                if load[t] > cap { found.append(.capacity(resource: k, period: t, load: load[t], capacity: cap)) }
            }
        }
        return found
    }

    public static func isFeasible(_ starts: [Int], in instance: RCPSPInstance) -> Bool {
        violations(of: starts, in: instance).isEmpty
    }
}
