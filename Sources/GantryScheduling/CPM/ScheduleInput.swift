public import GantryModel

/// Everything the critical path method needs (a network given without calendars uses plain units instead of
/// wall minutes: PSPLIB periods, textbook days), as values: activities and links by index, compiled calendars,
/// the project start and an optional status date. Dates are wall minutes; durations and working lags are
/// working minutes of the activity's calendar (or units when no calendar is given).
public struct ScheduleInput: Sendable {
    public var activities: [Activity]
    public var links: [Link]
    /// Index 0 is the project calendar. Empty: time is continuous and every number is a unit.
    public var calendars: [CompiledCalendar]
    public var projectStart: WallMinute
    /// Progress is stated at this instant: work not yet done is scheduled from it.
    public var statusDate: WallMinute?
    public var options: Options

    public init(activities: [Activity], links: [Link], calendars: [CompiledCalendar] = [], projectStart: WallMinute = 0,
                statusDate: WallMinute? = nil, options: Options = Options()) {
        self.activities = activities; self.links = links; self.calendars = calendars
        self.projectStart = projectStart; self.statusDate = statusDate; self.options = options
    }

    public struct Options: Sendable, Hashable {
        /// MS Project's "tasks will always honor their constraint dates" (default true): a hard constraint holds
        /// and a conflicting link shows as negative float. False: links win and a `constraint_conflict` is reported.
        public var constraintsBeatLinks: Bool
        /// An activity is critical when its total float is at or below this many working minutes.
        public var criticalFloat: Int64
        /// Whose calendar counts a working lag: the predecessor's (Primavera's default), the successor's (what
        /// MS Project does) or the project calendar (index 0; a P6 scheduling option).
        public var lagCalendar: LagCalendar
        /// MS Project's rule for an activity without predecessors: a start- or finish-no-earlier-than constraint
        /// sets its early dates even before the project start (MS Project stores such tasks there). By default
        /// the project start is a floor for every activity.
        public var constraintsBeforeProjectStart: Bool
        /// Primavera's retained logic: the remaining work of an activity under way resumes at the status date or
        /// once its links allow, whichever is later (an out-of-sequence start does not free it from predecessors
        /// that have not finished). Off: it resumes at the status date whatever its links say (P6's progress
        /// override, and how MS Project treats work under way).
        public var retainedLogic: Bool
        /// P6's "must finish by": the date late dates work back from. An activity nothing follows has it as its late
        /// finish, even when that is before its early finish (negative float). Nil: the project's early finish.
        public var finishBy: WallMinute?
        /// Whether a start- or finish-no-later-than constraint moves early dates back when links start the
        /// activity later (MS Project honouring its constraints). Primavera's never do: only the late dates take
        /// them, with negative float.
        public var noLaterThanMovesEarlyDates: Bool
        /// Primavera's logic through progressed work. Forward, a completed activity takes no time but sits where
        /// its predecessors' logic puts it (the status date, or later behind a predecessor not yet done, when its
        /// progress was out of sequence), and passes that date on to its successors instead of its actual finish
        /// wherever that (with the lag) falls before the status date; its actual dates stay its start and finish,
        /// the logic date is `CriticalPathSchedule.completedLogic`. Backward, a completed activity's late start
        /// and finish are one date, the earliest its successors allow (their late start, or late finish across
        /// finish-to-finish and start-to-finish links; lags do not count), work under way keeps its remaining
        /// duration between its late start and finish (and is held by links on its start for that much), and a
        /// working lag from work started (or finished) before the status date holds back only what of it has not
        /// run by then. Off: successors follow the actual dates, and predecessors the actual start of a completed
        /// activity and the whole span of one under way.
        public var progressedLogic: Bool
        /// P6's "compute total float from the project's end date": late dates work back from this date when it is
        /// after the early finish (the project's scheduled end), else from the early finish. Nil: the early finish.
        /// A must-finish-by date (`finishBy`) takes precedence.
        public var floatFrom: WallMinute?
        /// How free float is counted: MS Project's, kept within total float (the default), or Primavera's.
        public var freeFloat: FreeFloatRule
        /// P6's progress override: completed work holds its successors back no further than the status date, even
        /// when its actual finish (or start) is recorded after it (a lag runs from the earlier of the two), and
        /// limits neither its predecessors' late dates nor their free float; nor does work started out of sequence,
        /// across the link to its start it was started against. (jaggelas_test.xer: a finish
        /// milestone done at 17:00 on the data date, whose successors P6 starts at the data date, 09:40; an
        /// activity not started before work done in January, which P6 late-finishes in July.)
        public var completedUntilStatusDate = false
        /// How total float is counted: MS Project's (start float until work starts, then finish float), or
        /// Primavera's project option (`sched_float_type`): start float, finish float, or the smaller of the two.
        public var totalFloat: TotalFloatRule = .startThenFinish
        /// P6's "make open-ended activities critical": an activity that nothing follows is critical, whatever its
        /// float.
        public var openEndsCritical = false
        /// P6's "critical activities are those on the longest path": critical is the chain of driving links that
        /// ends at the project's finish (`CriticalPathSchedule.longestPath`), not a float threshold.
        public var criticalByLongestPath = false

        public init(constraintsBeatLinks: Bool = true, criticalFloat: Int64 = 0, lagCalendar: LagCalendar = .predecessor,
                    constraintsBeforeProjectStart: Bool = false, retainedLogic: Bool = false, finishBy: WallMinute? = nil,
                    noLaterThanMovesEarlyDates: Bool = true, progressedLogic: Bool = false, floatFrom: WallMinute? = nil,
                    freeFloat: FreeFloatRule = .withinTotal) {
            self.constraintsBeatLinks = constraintsBeatLinks; self.criticalFloat = criticalFloat
            self.lagCalendar = lagCalendar; self.constraintsBeforeProjectStart = constraintsBeforeProjectStart
            self.retainedLogic = retainedLogic; self.finishBy = finishBy
            self.noLaterThanMovesEarlyDates = noLaterThanMovesEarlyDates
            self.progressedLogic = progressedLogic; self.floatFrom = floatFrom
            self.freeFloat = freeFloat
        }
    }

    /// How free float is counted. `withinTotal`: the least slack before a successor's early date moves, kept
    /// within [0, total float] (MS Project). `primavera`: P6's — none for completed work or a must-finish-on
    /// activity, work under way counted from where its remaining work starts, no slack across a start-to-start
    /// link from work already started, and only kept from going negative (negative total float can have free
    /// float).
    public enum FreeFloatRule: String, Sendable, Hashable, CaseIterable {
        case withinTotal, primavera
    }

    /// How total float is counted (see `Options.totalFloat`; the model's rule); completed work has none.
    public typealias TotalFloatRule = GantryModel.TotalFloatRule

    /// An activity whose dates are not scheduled by its links but derived from other activities' once they are
    /// (Primavera's level-of-effort and WBS-summary activities; the model's kinds). Nothing is scheduled from it:
    /// links to and from it only shape its own dates.
    public typealias Derived = DerivedDates

    /// The calendar a working lag is counted on. A 24-hour lag calendar is an elapsed lag (`Lag.elapsed`).
    public enum LagCalendar: String, Sendable, Hashable, CaseIterable {
        case predecessor, successor, project
    }

    /// Scheduling constraints, with MS Project's names (`PjConstraint`).
    public typealias ConstraintKind = SchedulingConstraint

    public struct Activity: Sendable, Hashable {
        /// How diagnostics and explanations name the activity (its code or id).
        public var name: String
        public var kind: ActivityKind
        /// Working minutes (elapsed minutes when `elapsed`); milestones and summaries ignore it.
        public var duration: Int64
        public var elapsed: Bool
        public var calendar: Int
        /// The summary this activity belongs to (an index of a `.summary` activity).
        public var parent: Int?
        public var constraint: ConstraintKind
        public var constraintDate: WallMinute?
        /// A must-start-on or must-finish-on constraint that is P6's "Start On" or "Finish On" rather than
        /// mandatory: early dates no earlier than the date, late dates no later, links free to move the activity.
        public var softConstraint = false
        /// A milestone that marks a finish (P6's finish milestone): its late date is the end of working time
        /// (Friday 17:00), where a start milestone's is the start of it (Monday 08:00).
        public var finishMilestone = false
        /// A finish the activity should meet; it limits late dates and is reported when missed.
        public var deadline: WallMinute?
        /// Manually scheduled: the activity keeps these dates whatever its links say.
        public var manualStart: WallMinute?
        public var manualFinish: WallMinute?
        public var actualStart: WallMinute?
        public var actualFinish: WallMinute?
        /// Working minutes still to do at the status date for a started activity (default: all of `duration`
        /// less the working time from its actual start to the status date).
        public var remaining: Int64?
        /// Primavera's secondary constraint: a second limit beside `constraint`. Start- or finish-no-earlier-than
        /// limits the early dates; start- or finish-no-later-than the late dates (P6's "on or before"); other kinds
        /// are not secondary constraints P6 has and are ignored.
        public var secondaryConstraint: ConstraintKind = .asap
        public var secondaryConstraintDate: WallMinute?
        /// Primavera's expected finish (used when the project uses expected finish dates): the early finish of
        /// work not finished becomes this date when it is after the status date and the early start, and no
        /// finish-to-finish or start-to-finish link sets the finish; the duration follows.
        public var expectedFinish: WallMinute?
        /// Primavera's resume date of work under way that was suspended: its remaining work starts no earlier.
        public var resume: WallMinute?
        /// A level-of-effort or WBS-summary activity (`Derived`): its dates come from other activities'.
        public var derived: Derived?
        /// What links to other projects allow (P6's external early start and external late finish, which an export
        /// keeps in place of those links): the activity starts no earlier, and finishes no later on its late dates.
        public var externalEarlyStart: WallMinute?
        public var externalLateFinish: WallMinute?

        public init(name: String, duration: Int64, kind: ActivityKind = .leaf, elapsed: Bool = false, calendar: Int = 0,
                    parent: Int? = nil, constraint: ConstraintKind = .asap, constraintDate: WallMinute? = nil,
                    deadline: WallMinute? = nil) {
            self.name = name; self.duration = duration; self.kind = kind; self.elapsed = elapsed
            self.calendar = calendar; self.parent = parent; self.constraint = constraint
            self.constraintDate = constraintDate; self.deadline = deadline
        }
    }

    public enum Lag: Sendable, Hashable {
        /// Working minutes on the lag calendar (`Options.lagCalendar`: by default the predecessor's).
        case working(Int64)
        /// Wall-clock minutes: nights, weekends and holidays count.
        case elapsed(Int64)
        /// A percentage of the predecessor's duration (50 → half of it), in working time.
        case percent(Double)

        public static let zero = Lag.working(0)
    }

    public struct Link: Sendable, Hashable {
        public var from: Int
        public var to: Int
        public var type: DependencyType
        public var lag: Lag

        public init(from: Int, to: Int, type: DependencyType = .finishToStart, lag: Lag = .zero) {
            self.from = from; self.to = to; self.type = type; self.lag = lag
        }
    }
}

extension ScheduleInput.Options {
    /// Counts working lags on the calendar a project names (a 24-hour lag calendar is the predecessor's here: its
    /// lags are elapsed ones, `Lag.elapsed`, which the caller makes).
    public mutating func countLags(on calendar: LagCalendar) {
        switch calendar {
        case .predecessor, .twentyFourHour: lagCalendar = .predecessor
        case .successor: lagCalendar = .successor
        case .project: lagCalendar = .project
        }
    }

    /// Sets the options that make the schedule follow `rules`: MS Project's (the defaults), or Primavera P6's —
    /// no-later-than constraints on late dates only and P6's free float, and under retained logic (`.p6`) logic
    /// held and carried through progressed work (`retainedLogic`, `progressedLogic`); under progress override
    /// work under way resumes at the status date and completed work holds nothing back; under actual dates work
    /// under way resumes at the status date and completed work holds its successors until its actual finish.
    public mutating func follow(_ rules: SchedulingRules) {
        let p6 = rules.isPrimavera
        retainedLogic = rules == .p6
        progressedLogic = rules == .p6
        noLaterThanMovesEarlyDates = !p6
        freeFloat = p6 ? .primavera : .withinTotal
        completedUntilStatusDate = rules == .p6ProgressOverride
    }
}

extension ScheduleInput.Activity {
    /// P6's suspend and resume dates: work suspended by the status date resumes no earlier than its resume date,
    /// when that is after the status date (before it, the pause is over and changes no date).
    public mutating func suspend(at suspended: WallMinute?, resumingAt resume: WallMinute?, statusDate: WallMinute?) {
        guard let suspended, let resume, let statusDate, resume > suspended, suspended <= statusDate, resume > statusDate
        else { return }
        self.resume = resume
    }
}
