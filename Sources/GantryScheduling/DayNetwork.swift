import GantryModel

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
    /// The critical path engine on plain day units (no calendar). No activity starts before day 0.
    public func criticalPathSchedule() throws(DayScheduleError) -> DaySchedule {
        let schedule: CriticalPathSchedule
        do {
            schedule = try scheduleInput.criticalPath()
        } catch {
            throw .dependencyCycle(error.diagnostic.activities)
        }
        return DaySchedule(
            earlyStart: schedule.earlyStart.map { Int($0) }, earlyFinish: schedule.earlyFinish.map { Int($0) },
            lateStart: schedule.lateStart.map { Int($0) }, lateFinish: schedule.lateFinish.map { Int($0) },
            makespan: Int(schedule.makespan))
    }

    /// The same network as the engine's input, one unit a day.
    public var scheduleInput: ScheduleInput {
        ScheduleInput(
            activities: durations.enumerated().map { i, d in
                ScheduleInput.Activity(name: String(i), duration: Int64(d), kind: d == 0 ? .milestone : .leaf)
            },
            links: links.map { l in
                let type: DependencyType = switch l.type {
                case .finishToStart: .finishToStart
                case .startToStart: .startToStart
                case .finishToFinish: .finishToFinish
                case .startToFinish: .startToFinish
                }
                return ScheduleInput.Link(from: l.from, to: l.to, type: type, lag: .working(Int64(l.lag)))
            })
    }
}
