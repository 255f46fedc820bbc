import GantryModel

/// A network compiled for the passes: flat arrays indexed by activity and by link, incoming and outgoing links
/// in compressed rows, summaries with their children, and one topological order (predecessors and parts first).
/// Links into a summary are given to every non-summary activity under it; links out of a summary stay on it.
public struct CompiledNetwork: Sendable {
    public let count: Int
    let isSummary: [Bool]
    var duration: [Int64]
    let parent: [Int32]
    let childStart: [Int32]
    let children: [Int32]

    // Links, after summaries were expanded; `source` is the input link each one came from.
    let linkFrom: [Int32]
    let linkTo: [Int32]
    let linkType: [DependencyType]
    let linkLag: [Int64]
    let linkElapsed: [Bool]
    let linkSource: [Int32]
    /// Whose calendar counts the link's working lag (`Options.lagCalendar`): an activity, or -1 for the project
    /// calendar.
    let linkLagAnchor: [Int32]

    let inStart: [Int32]
    let inLinks: [Int32]
    let outStart: [Int32]
    let outLinks: [Int32]

    /// Every activity, each after its predecessors and a summary after its parts.
    let order: [Int32]
    /// What compiling found (dropped links, unknown calendars); the schedule reports them.
    public let diagnostics: [ScheduleDiagnostic]

    public var linkCount: Int { linkFrom.count }

    /// Compiles a network; a dependency cycle is the one failure that leaves nothing to schedule.
    public init(_ input: ScheduleInput) throws(ScheduleFailure) {
        let n = input.activities.count
        var notes: [ScheduleDiagnostic] = []
        count = n
        var summary = [Bool](repeating: false, count: n)
        var dur = [Int64](repeating: 0, count: n)
        var par = [Int32](repeating: -1, count: n)
        for (i, a) in input.activities.enumerated() {
            summary[i] = a.kind == .summary
            dur[i] = a.kind == .leaf ? max(0, a.duration) : 0
        }
        for (i, a) in input.activities.enumerated() {
            guard let p = a.parent else { continue }
            if p >= 0 && p < n && p != i && summary[p] {
                par[i] = Int32(p)
            } else {
                notes.append(ScheduleDiagnostic(
                    .invalidLink, .warning,
                    "\(a.name) names a parent that is not a summary activity; it is scheduled at the top level",
                    activities: [i]))
            }
        }
        isSummary = summary
        duration = dur
        parent = par

        // Children in compressed rows.
        var cStart = [Int32](repeating: 0, count: n + 1)
        for i in 0..<n where par[i] >= 0 { cStart[Int(par[i]) + 1] += 1 }
        for i in 0..<n { cStart[i + 1] += cStart[i] }
        var cFill = cStart
        var kids = [Int32](repeating: 0, count: Int(cStart[n]))
        for i in 0..<n where par[i] >= 0 {
            let p = Int(par[i])
            kids[Int(cFill[p])] = Int32(i)
            cFill[p] += 1
        }
        childStart = cStart
        children = kids

        func isAncestor(_ a: Int, of b: Int) -> Bool {
            var x = Int(par[b]), steps = 0
            while x >= 0 && steps <= n {
                if x == a { return true }
                x = Int(par[x]); steps += 1
            }
            return false
        }
        func leaves(under s: Int) -> [Int] {
            var out: [Int] = [], stack = [s]
            while let x = stack.popLast() {
                for k in Int(cStart[x])..<Int(cStart[x + 1]) {
                    let c = Int(kids[k])
                    if summary[c] { stack.append(c) } else { out.append(c) }
                }
            }
            return out.sorted()
        }

        var from: [Int32] = [], to: [Int32] = [], type: [DependencyType] = [], lag: [Int64] = []
        var elapsed: [Bool] = [], source: [Int32] = [], anchor: [Int32] = []
        from.reserveCapacity(input.links.count); to.reserveCapacity(input.links.count)
        type.reserveCapacity(input.links.count); lag.reserveCapacity(input.links.count)
        elapsed.reserveCapacity(input.links.count); source.reserveCapacity(input.links.count)
        anchor.reserveCapacity(input.links.count)
        let lagCalendar = input.options.lagCalendar
        let names = input.activities.map(\.name)
        for (li, link) in input.links.enumerated() {
            let f = link.from, t = link.to
            guard f >= 0, f < n, t >= 0, t < n else {
                notes.append(ScheduleDiagnostic(.invalidLink, .error, "link \(li) refers to an activity that does not exist"))
                continue
            }
            guard f != t else {
                throw ScheduleFailure(ScheduleDiagnostic(
                    .dependencyCycle, .error, "the links form a loop: \(names[f]) → \(names[f])", activities: [f, f]))
            }
            if isAncestor(f, of: t) || isAncestor(t, of: f) {
                notes.append(ScheduleDiagnostic(
                    .invalidLink, .error, "\(names[f]) → \(names[t]) links a summary to one of its own parts",
                    activities: [f, t]))
                continue
            }
            var lagValue: Int64 = 0, isElapsed = false
            switch link.lag {
            case .working(let m): lagValue = m
            case .elapsed(let m): lagValue = m; isElapsed = true
            case .percent(let p): lagValue = Int64((p / 100 * Double(dur[f])).rounded())
            }
            let targets = summary[t] ? leaves(under: t) : [t]
            for target in targets {
                from.append(Int32(f)); to.append(Int32(target)); type.append(link.type); lag.append(lagValue)
                elapsed.append(isElapsed); source.append(Int32(li))
                switch lagCalendar {
                case .predecessor: anchor.append(Int32(f))
                case .successor: anchor.append(Int32(target))
                case .project: anchor.append(-1)
                }
            }
        }
        linkFrom = from; linkTo = to; linkType = type; linkLag = lag; linkElapsed = elapsed; linkSource = source
        linkLagAnchor = anchor

        // Incoming and outgoing links in compressed rows (counting sort keeps input order within a row).
        let m = from.count
        var iStart = [Int32](repeating: 0, count: n + 1)
        var oStart = [Int32](repeating: 0, count: n + 1)
        for l in 0..<m {
            iStart[Int(to[l]) + 1] += 1
            oStart[Int(from[l]) + 1] += 1
        }
        for i in 0..<n {
            iStart[i + 1] += iStart[i]
            oStart[i + 1] += oStart[i]
        }
        var iFill = iStart, oFill = oStart
        var iList = [Int32](repeating: 0, count: m), oList = [Int32](repeating: 0, count: m)
        for l in 0..<m {
            let t = Int(to[l]), f = Int(from[l])
            iList[Int(iFill[t])] = Int32(l); iFill[t] += 1
            oList[Int(oFill[f])] = Int32(l); oFill[f] += 1
        }
        inStart = iStart; inLinks = iList; outStart = oStart; outLinks = oList

        // Kahn's algorithm, first in first out: links and part → summary edges.
        var indegree = [Int32](repeating: 0, count: n)
        for i in 0..<n {
            indegree[i] = (iStart[i + 1] - iStart[i]) + (cStart[i + 1] - cStart[i])
        }
        var queue = [Int32]()
        queue.reserveCapacity(n)
        for i in 0..<n where indegree[i] == 0 { queue.append(Int32(i)) }
        var head = 0
        while head < queue.count {
            let j = Int(queue[head]); head += 1
            for k in Int(oStart[j])..<Int(oStart[j + 1]) {
                let s = Int(to[Int(oList[k])])
                indegree[s] -= 1
                if indegree[s] == 0 { queue.append(Int32(s)) }
            }
            let p = Int(par[j])
            if p >= 0 {
                indegree[p] -= 1
                if indegree[p] == 0 { queue.append(Int32(p)) }
            }
        }
        guard queue.count == n else {
            var edges: [(from: Int, to: Int)] = (0..<m).map { (Int(from[$0]), Int(to[$0])) }
            for i in 0..<n where par[i] >= 0 { edges.append((i, Int(par[i]))) }
            var cycle: [Int] = []
            if case .cycle(let c) = TopologicalOrder.of(PrecedenceGraph(count: n, edges: edges)) { cycle = c }
            let path = cycle.map { names[$0] }.joined(separator: " → ")
            throw ScheduleFailure(ScheduleDiagnostic(
                .dependencyCycle, .error, "the links form a loop: \(path)", activities: cycle))
        }
        order = queue
        diagnostics = notes
    }

    func incoming(_ j: Int) -> Range<Int> { Int(inStart[j])..<Int(inStart[j + 1]) }
    func outgoing(_ j: Int) -> Range<Int> { Int(outStart[j])..<Int(outStart[j + 1]) }

    /// One link out of an activity, as the passes read it: the successor, the type, and the lag with the
    /// calendar it runs on (`TimeAxis.after`'s `elapsed` and `anchor`).
    struct OutLink {
        var successor: Int
        var type: DependencyType
        var lag: Int64
        var elapsed: Bool
        var anchor: Int
        /// The link hangs off this activity's start (start-to-start, start-to-finish).
        var fromStart: Bool { type == .startToStart || type == .startToFinish }
        /// The link reaches the successor's start (finish-to-start, start-to-start).
        var toStart: Bool { type == .finishToStart || type == .startToStart }
    }

    /// The `k`-th entry of the outgoing links (`outgoing(j)`), as the passes read it.
    @inline(__always) func outLink(_ k: Int) -> OutLink {
        let l = Int(outLinks[k])
        return OutLink(successor: Int(linkTo[l]), type: linkType[l], lag: linkLag[l], elapsed: linkElapsed[l],
                       anchor: Int(linkLagAnchor[l]))
    }
    func childRange(_ j: Int) -> Range<Int> { Int(childStart[j])..<Int(childStart[j + 1]) }
}
