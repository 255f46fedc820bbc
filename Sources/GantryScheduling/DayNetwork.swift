/// A precedence network measured in whole working days: the minimal engine the foundation needs to give plans
/// dates. Indices are positions in `durations`; times are working-day offsets from the project start, half-open
/// (an activity of duration d that starts at s finishes at s + d; an FS+0 successor may start at s + d).
public struct DayNetwork: Sendable {
    public struct Link: Sendable, Hashable {
        public var from: Int
        public var to: Int
        public var type: LinkType
        public var lag: Int

        public init(from: Int, to: Int, type: LinkType, lag: Int = 0) {
            self.from = from; self.to = to; self.type = type; self.lag = lag
        }
    }

    public enum LinkType: Sendable, Hashable { case finishToStart, startToStart, finishToFinish, startToFinish }

    public var durations: [Int]
    public var links: [Link]

    public init(durations: [Int], links: [Link]) {
        self.durations = durations
        self.links = links
    }
}

/// Early and late times of every activity, and its total float, in working days.
public struct DaySchedule: Sendable, Equatable {
    public var earlyStart: [Int]
    public var earlyFinish: [Int]
    public var lateStart: [Int]
    public var lateFinish: [Int]
    public var makespan: Int

    public init(earlyStart: [Int], earlyFinish: [Int], lateStart: [Int], lateFinish: [Int], makespan: Int) {
        self.earlyStart = earlyStart; self.earlyFinish = earlyFinish; self.lateStart = lateStart
        self.lateFinish = lateFinish; self.makespan = makespan
    }

    public var totalFloat: [Int] { zip(lateStart, earlyStart).map { $0 - $1 } }
}

public enum DayScheduleError: Error, Equatable, Sendable {
    /// The links close a loop; the indices are the loop in link order, the first repeated at the end.
    case dependencyCycle([Int])
}

extension DayNetwork {
    /// Forward and backward pass over the four link types. No activity starts before day 0.
    public func criticalPathSchedule() throws(DayScheduleError) -> DaySchedule {
        let n = durations.count
        let graph = PrecedenceGraph(count: n, edges: links.map { ($0.from, $0.to) })
        let order: [Int]
        switch TopologicalOrder.of(graph) {
        case .ordered(let o): order = o
        case .cycle(let c): throw .dependencyCycle(c)
        }
        var incoming = Array(repeating: [Link](), count: n)
        var outgoing = Array(repeating: [Link](), count: n)
        for link in links {
            incoming[link.to].append(link)
            outgoing[link.from].append(link)
        }
        var es = Array(repeating: 0, count: n)
        for j in order {
            var start = 0
            for l in incoming[j] {
                let p = l.from
                let bound: Int
                switch l.type {
                case .finishToStart: bound = es[p] + durations[p] + l.lag
                case .startToStart: bound = es[p] + l.lag
                case .finishToFinish: bound = es[p] + durations[p] + l.lag - durations[j]
                case .startToFinish: bound = es[p] + l.lag - durations[j]
                }
                start = max(start, bound)
            }
            es[j] = start
        }
        let ef = (0..<n).map { es[$0] + durations[$0] }
        let makespan = ef.max() ?? 0
        var lf = Array(repeating: makespan, count: n)
        for j in order.reversed() {
            var finish = makespan
            for l in outgoing[j] {
                let s = l.to
                let ls = lf[s] - durations[s]
                let bound: Int
                switch l.type {
                case .finishToStart: bound = ls - l.lag
                case .startToStart: bound = ls - l.lag + durations[j]
                case .finishToFinish: bound = lf[s] - l.lag
                case .startToFinish: bound = lf[s] - l.lag + durations[j]
                }
                finish = min(finish, bound)
            }
            lf[j] = finish
        }
        let ls = (0..<n).map { lf[$0] - durations[$0] }
        return DaySchedule(earlyStart: es, earlyFinish: ef, lateStart: ls, lateFinish: lf, makespan: makespan)
    }
}
