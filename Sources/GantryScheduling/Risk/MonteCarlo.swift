import GantryModel

/// Schedule risk: a seeded Monte Carlo over the network (DOMAIN.md §4.1). Each iteration draws every estimated
/// activity's duration, runs the critical path engine on the compiled network, and records the project length
/// and which activities were critical. Same input and seed → the same result on every machine.
public struct MonteCarlo: Sendable {
    public struct Options: Sendable, Hashable {
        public var iterations: Int
        public var seed: UInt64
        public var histogramBins: Int

        public init(iterations: Int = 10_000, seed: UInt64 = 1, histogramBins: Int = 20) {
            self.iterations = max(1, iterations); self.seed = seed; self.histogramBins = max(1, histogramBins)
        }
    }

    public struct Bin: Sendable, Hashable {
        public var lower: Double
        public var upper: Double
        public var count: Int
    }

    public struct Result: Sendable, Hashable {
        public var iterations: Int
        /// The project length with every duration at its input value, in the network's units.
        public var deterministic: Double
        public var mean: Double
        public var p50: Double
        public var p80: Double
        public var p90: Double
        public var histogram: [Bin]
        /// Per activity: the share of iterations in which it was critical.
        public var criticality: [Double]

        /// The length finished by with probability `p` (linear interpolation between order statistics).
        public let sortedLengths: [Double]
        public func quantile(_ p: Double) -> Double { MonteCarlo.quantile(sortedLengths, p) }
    }

    public let input: ScheduleInput
    /// One per activity; nil keeps the activity's duration fixed. In the units of `duration`.
    public let estimates: [ThreePointEstimate?]
    public let options: Options

    public init(input: ScheduleInput, estimates: [ThreePointEstimate?], options: Options = Options()) {
        self.input = input; self.estimates = estimates; self.options = options
    }

    /// Without calendars the units are whole numbers of periods; draws are kept to a thousandth of one.
    var scale: Int64 { input.calendars.isEmpty ? 1000 : 1 }

    public func run() throws(ScheduleFailure) -> Result {
        let scaled = scaledInput()
        let network = try CompiledNetwork(scaled)
        let s = Double(scale)
        let deterministic = Double(scaled.criticalPath(compiled: network).makespan) / s
        var rng = SeededRandom(seed: options.seed)
        var lengths = [Double]()
        lengths.reserveCapacity(options.iterations)
        var criticalCount = [Int](repeating: 0, count: network.count)
        let leaves = estimates.indices.filter { i in
            i < network.count && estimates[i] != nil && !network.isSummary[i] && input.activities[i].kind == .leaf
        }
        scaled.repeatedTimes(compiled: network, count: options.iterations, draw: { durations in
            for i in leaves { durations[i] = max(0, Int64((estimates[i]!.sample(&rng) * s).rounded())) }
        }, record: { length, critical in
            lengths.append(Double(length) / s)
            for i in critical.indices where critical[i] { criticalCount[i] += 1 }
        })
        lengths.sort()
        let n = Double(lengths.count)
        let mean = lengths.reduce(0, +) / n
        return Result(
            iterations: lengths.count, deterministic: deterministic, mean: mean,
            p50: Self.quantile(lengths, 0.5), p80: Self.quantile(lengths, 0.8), p90: Self.quantile(lengths, 0.9),
            histogram: Self.histogram(lengths, bins: options.histogramBins),
            criticality: criticalCount.map { Double($0) / n }, sortedLengths: lengths)
    }

    /// Classic PERT: durations at their means, the longest path's variance summed, a normal approximation.
    public func pert() throws(ScheduleFailure) -> (estimate: PERTPathEstimate, path: [Int]) {
        var means = scaledInput()
        for i in means.activities.indices {
            if let e = estimate(i) { means.activities[i].duration = Int64((e.mean * Double(scale)).rounded()) }
        }
        let schedule = try means.criticalPath()
        let variance = schedule.longestPath.reduce(0.0) { $0 + (estimate($1)?.variance ?? 0) }
        let mean = schedule.longestPath.reduce(0.0) { $0 + (estimate($1)?.mean ?? Double(input.activities[$1].duration)) }
        return (PERTPathEstimate(mean: mean, variance: variance), schedule.longestPath)
    }

    private func estimate(_ i: Int) -> ThreePointEstimate? { estimates.indices.contains(i) ? estimates[i] : nil }

    /// The input in the units the draws are made in (a thousandth of a period without calendars).
    private func scaledInput() -> ScheduleInput {
        let k = scale
        var out = input
        guard k != 1 else { return out }
        for i in out.activities.indices { out.activities[i].duration *= k }
        func scaled(_ t: WallMinute?) -> WallMinute? { t.map { $0 * k } }
        out.projectStart *= k
        out.statusDate = scaled(out.statusDate)
        for i in out.activities.indices {
            out.activities[i].constraintDate = scaled(out.activities[i].constraintDate)
            out.activities[i].deadline = scaled(out.activities[i].deadline)
            out.activities[i].manualStart = scaled(out.activities[i].manualStart)
            out.activities[i].manualFinish = scaled(out.activities[i].manualFinish)
            out.activities[i].actualStart = scaled(out.activities[i].actualStart)
            out.activities[i].actualFinish = scaled(out.activities[i].actualFinish)
            out.activities[i].remaining = out.activities[i].remaining.map { $0 * k }
        }
        for l in out.links.indices {
            switch out.links[l].lag {
            case .working(let m): out.links[l].lag = .working(m * k)
            case .elapsed(let m): out.links[l].lag = .elapsed(m * k)
            case .percent: break
            }
        }
        out.options.criticalFloat *= k
        return out
    }

    static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        guard let first = sorted.first else { return 0 }
        guard sorted.count > 1 else { return first }
        let h = Double(sorted.count - 1) * min(1, max(0, p))
        let lo = Int(h.rounded(.down)), hi = min(lo + 1, sorted.count - 1)
        return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
    }

    static func histogram(_ sorted: [Double], bins: Int) -> [Bin] {
        guard let lo = sorted.first, let hi = sorted.last else { return [] }
        guard hi > lo else { return [Bin(lower: lo, upper: hi, count: sorted.count)] }
        let width = (hi - lo) / Double(bins)
        var counts = [Int](repeating: 0, count: bins)
        for x in sorted { counts[min(bins - 1, Int((x - lo) / width))] += 1 }
        return counts.enumerated().map { Bin(lower: lo + Double($0) * width, upper: lo + Double($0 + 1) * width, count: $1) }
    }
}
