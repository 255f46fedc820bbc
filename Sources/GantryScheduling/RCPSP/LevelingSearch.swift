import GantryModel

/// The improving search behind ``Leveler/improve(_:shouldStop:)``: an activity-list genetic algorithm
/// (Hartmann 1998: two-point crossover, adjacent-swap mutation, serial decoding, elitist survival) in which every
/// list is improved by forward–backward justification (Valls, Ballestín & Quintanilla 2005) before it joins the
/// population. The justified list replaces the child, so the population carries improved schedules. When the
/// population stalls it is rebuilt around the best list.
struct LevelingSearch {
    let forward: RCPSPNetwork
    let backward: RCPSPNetwork
    let fwd: RCPSPGenerator
    let bwd: RCPSPGenerator
    let priorities: [Int]
    let options: LevelingOptions
    let n: Int
    let lowerBound: Int
    var rng: SeededRandom

    var bestStarts: [Int]
    var bestMakespan = Int.max
    private var bucket: [Int] = []
    private var scratch: [Int]
    private var taken: [Int]
    private var stamp = 0
    private var lft: [Int]

    init(leveler: Leveler, options: LevelingOptions) {
        forward = leveler.forward
        backward = leveler.backward
        fwd = RCPSPGenerator(forward)
        bwd = RCPSPGenerator(backward)
        priorities = leveler.instance.priorities
        self.options = options
        n = forward.n
        lowerBound = max(forward.criticalPathLength, options.lowerBound ?? 0)
        rng = SeededRandom(seed: options.seed)
        bestStarts = forward.earlyStart
        scratch = [Int](repeating: 0, count: forward.n)
        taken = [Int](repeating: 0, count: forward.n)
        lft = forward.ruleValues(.lft)
    }

    var schedules: Int { fwd.count + bwd.count }

    private var done: Bool { bestMakespan <= lowerBound || schedules >= options.maxSchedules }

    private mutating func record(_ makespan: Int) {
        if makespan < bestMakespan {
            bestMakespan = makespan
            for j in 0..<n { bestStarts[j] = fwd.starts[j] }
        }
    }

    /// Sorts activities by `time(j)` ascending (counting sort), ties in `sequence` order, into `out`.
    private static func sortByTime(_ out: inout [Int], _ bucket: inout [Int], n: Int, maxTime: Int, sequence: [Int], time: (Int) -> Int) {
        if bucket.count < maxTime + 2 { bucket = [Int](repeating: 0, count: maxTime + 2) }
        for t in 0...(maxTime + 1) { bucket[t] = 0 }
        for j in 0..<n { bucket[time(j) + 1] += 1 }
        for t in 0...maxTime { bucket[t + 1] += bucket[t] }
        for j in sequence {
            let t = time(j)
            out[bucket[t]] = j
            bucket[t] += 1
        }
    }

    /// Decodes `list`, then justifies: right (backward pass by decreasing finish) and left again (forward pass by
    /// increasing start of the right-justified schedule), while that shortens the schedule. `list` becomes the
    /// list of the best schedule found; returns its makespan.
    mutating func evaluate(_ list: inout [Int]) -> Int {
        var makespan = fwd.serial(list)
        record(makespan)
        var rounds = 0
        while rounds < 4, !done {
            rounds += 1
            // Backward: latest finish first; links reversed.
            let T = makespan
            let fStarts = fwd.starts, d = forward.durations
            Self.sortByTime(&scratch, &bucket, n: n, maxTime: T, sequence: backward.topoOrder) { T - (fStarts[$0] + d[$0]) }
            if backward.needsRepair { scratch = backward.list(rank: positions(scratch)) }
            let backMakespan = bwd.serial(scratch)
            // Forward: earliest start in the right-justified schedule first.
            let bStarts = bwd.starts
            Self.sortByTime(&scratch, &bucket, n: n, maxTime: backMakespan, sequence: forward.topoOrder) { backMakespan - bStarts[$0] - d[$0] }
            if forward.needsRepair { scratch = forward.list(rank: positions(scratch)) }
            let next = fwd.serial(scratch)
            record(next)
            if next > makespan { break }
            swap(&list, &scratch)
            if next == makespan { break }
            makespan = next
        }
        return makespan
    }

    private func positions(_ list: [Int]) -> [Int] {
        var p = [Int](repeating: 0, count: n)
        for (i, j) in list.enumerated() { p[j] = i }
        return p
    }

    /// A list drawn by regret-based biased random sampling on LFT (Kolisch & Drexl 1996).
    mutating func sampledList() -> [Int] {
        var remaining = (0..<n).map { forward.predStart[$0 + 1] - forward.predStart[$0] }
        var eligible = (0..<n).filter { remaining[$0] == 0 }
        var list: [Int] = []
        list.reserveCapacity(n)
        var weights: [Int] = []
        while !eligible.isEmpty {
            var worst = Int.min
            for j in eligible { worst = max(worst, lft[j]) }
            weights.removeAll(keepingCapacity: true)
            var total = 0
            for j in eligible {
                let w = worst - lft[j] + 1
                total += w
                weights.append(total)
            }
            let r = rng.below(total)
            var pick = 0
            while weights[pick] <= r { pick += 1 }
            let j = eligible[pick]
            eligible.swapAt(pick, eligible.count - 1)
            eligible.removeLast()
            list.append(j)
            for q in forward.succStart[j]..<forward.succStart[j + 1] {
                let s = forward.succTo[q]
                remaining[s] -= 1
                if remaining[s] == 0 { eligible.append(s) }
            }
        }
        return list
    }

    /// Hartmann's two-point crossover: mother's head, then father's order for the middle, then mother's order.
    mutating func crossover(_ mother: [Int], _ father: [Int], into child: inout [Int]) {
        stamp += 1
        var q1 = rng.below(n + 1), q2 = rng.below(n + 1)
        if q1 > q2 { swap(&q1, &q2) }
        var i = 0
        while i < q1 { child[i] = mother[i]; taken[mother[i]] = stamp; i += 1 }
        var f = 0
        while i < q2 {
            while taken[father[f]] == stamp { f += 1 }
            child[i] = father[f]; taken[father[f]] = stamp; i += 1
        }
        var m = 0
        while i < n {
            while taken[mother[m]] == stamp { m += 1 }
            child[i] = mother[m]; taken[mother[m]] = stamp; i += 1
        }
    }

    /// Swaps neighbours with probability `rate` when no link joins them.
    mutating func mutate(_ list: inout [Int], rate: Double) {
        guard n > 1 else { return }
        for i in 0..<(n - 1) where rng.unit() < rate {
            let a = list[i], b = list[i + 1]
            var linked = false
            for q in forward.succStart[a]..<forward.succStart[a + 1] where forward.succTo[q] == b { linked = true; break }
            if !linked { list.swapAt(i, i + 1) }
        }
    }

    static func hash(_ list: [Int]) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for j in list { h = (h ^ UInt64(truncatingIfNeeded: j)) &* 0x100_0000_01b3 }
        return h
    }

    mutating func run(shouldStop: () -> Bool) -> LevelingResult {
        defer { _ = 0 }
        let result = { (s: LevelingSearch) in
            LevelingResult(
                starts: s.bestStarts, makespan: s.bestMakespan, schedulesGenerated: s.schedules,
                criticalPathLength: s.forward.criticalPathLength)
        }
        var lastCheck = 0
        func stop(_ s: inout LevelingSearch) -> Bool {
            if s.done { return true }
            if s.schedules - lastCheck >= 32 {
                lastCheck = s.schedules
                return shouldStop()
            }
            return false
        }
        guard n > 0 else {
            return LevelingResult(starts: [], makespan: 0, schedulesGenerated: 0, criticalPathLength: 0)
        }
        let size = options.populationSize > 0 ? options.populationSize : (n <= 60 ? 40 : 60)

        // Start population: rule lists, then sampled lists.
        var lists: [[Int]] = []
        var makespans: [Int] = []
        var hashes = Set<UInt64>()
        func add(_ list: [Int], _ s: inout LevelingSearch) {
            var l = list
            let ms = s.evaluate(&l)
            let h = Self.hash(l)
            if hashes.insert(h).inserted {
                lists.append(l)
                makespans.append(ms)
            }
        }
        for rule in [PriorityRule.lft, .lst, .mts, .grpw, .mslk] {
            add(forward.list(rank: forward.ranks(values: forward.ruleValues(rule), priorities: priorities)), &self)
            if stop(&self) { return result(self) }
        }
        var attempts = 0
        while lists.count < size, attempts < 4 * size {
            attempts += 1
            add(sampledList(), &self)
            if stop(&self) { return result(self) }
        }

        var child = [Int](repeating: 0, count: n)
        var stall = 0
        var lastBest = bestMakespan
        let mutation = 0.05
        while true {
            let count = lists.count
            var childLists: [[Int]] = []
            var childMakespans: [Int] = []
            for _ in 0..<max(2, count) {
                // Binary tournaments.
                let a = rng.below(count), b = rng.below(count)
                let mother = makespans[a] <= makespans[b] ? a : b
                let c = rng.below(count), d = rng.below(count)
                let father = makespans[c] <= makespans[d] ? c : d
                crossover(lists[mother], lists[father], into: &child)
                mutate(&child, rate: mutation)
                var l = child
                let ms = evaluate(&l)
                let h = Self.hash(l)
                if hashes.insert(h).inserted {
                    childLists.append(l)
                    childMakespans.append(ms)
                }
                if stop(&self) { return result(self) }
            }
            // Survival of the best `size` of parents and children (children win ties: they are newer).
            let all = lists + childLists
            let allMs = makespans + childMakespans
            let order = all.indices.sorted {
                if allMs[$0] != allMs[$1] { return allMs[$0] < allMs[$1] }
                return $0 > $1
            }
            let keep = order.prefix(size)
            lists = keep.map { all[$0] }
            makespans = keep.map { allMs[$0] }
            hashes = Set(lists.map(Self.hash))

            if bestMakespan < lastBest {
                lastBest = bestMakespan
                stall = 0
            } else {
                stall += 1
            }
            if stall >= 25 {
                // Restart: keep the best list, refill with fresh samples.
                stall = 0
                lists = [lists[0]]
                makespans = [makespans[0]]
                hashes = Set(lists.map(Self.hash))
                var tries = 0
                while lists.count < size, tries < 4 * size {
                    tries += 1
                    add(sampledList(), &self)
                    if stop(&self) { return result(self) }
                }
            }
        }
    }
}
