import GantryModel

/// The per-activity facts that only some activities have (constraints, deadlines, manual and actual dates),
/// converted to the axis the passes run on. Most activities have none, so they are kept apart from the arrays
/// every pass walks: `index[j]` is -1 or a position in `rules`.
struct ActivityRules {
    static let none = Int64.min

    struct Rule {
        var constraint: ScheduleInput.ConstraintKind = .asap
        var constraintValue: Int64 = ActivityRules.none
        /// `ScheduleInput.Activity.softConstraint`.
        var soft = false
        var deadline: Int64 = ActivityRules.none
        var manualStart: Int64 = ActivityRules.none
        var manualFinish: Int64 = ActivityRules.none
        var actualStart: Int64 = ActivityRules.none
        var actualFinish: Int64 = ActivityRules.none
        var remaining: Int64 = ActivityRules.none
        /// `ScheduleInput.Activity.secondaryConstraint` and its date on the axis.
        var secondary: ScheduleInput.ConstraintKind = .asap
        var secondaryValue: Int64 = ActivityRules.none
        /// `ScheduleInput.Activity.expectedFinish` and `resume` on the axis.
        var expectedFinish: Int64 = ActivityRules.none
        var resume: Int64 = ActivityRules.none
        /// `ScheduleInput.Activity.externalEarlyStart` and `externalLateFinish` on the axis.
        var externalStart: Int64 = ActivityRules.none
        var externalFinish: Int64 = ActivityRules.none

        var isStarted: Bool { actualStart != ActivityRules.none }
        var isFinished: Bool { actualFinish != ActivityRules.none }
        /// Started and not finished.
        var isUnderWay: Bool { isStarted && !isFinished }
        var isManual: Bool { manualStart != ActivityRules.none || manualFinish != ActivityRules.none }
    }

    var index: [Int32]
    var rules: [Rule]
    var hasALAP: Bool

    @inline(__always) func rule(_ j: Int) -> Rule? {
        let r = index[j]
        return r < 0 ? nil : rules[Int(r)]
    }
}

extension ActivityRules.Rule {
    /// The working time left on a started activity of `duration` whose remaining work resumes at `resume`: the
    /// remaining duration it records, or else what its actual start to `resume` has not used.
    func left<Axis: TimeAxis>(_ j: Int, duration: Int64, resume: Int64, axis: Axis) -> Int64 {
        remaining != ActivityRules.none ? remaining : max(0, duration - axis.span(j, from: actualStart, to: resume))
    }

    /// The working time from the actual start, and from the actual finish, to the status date: how much of a
    /// lag from them has run (zero where there is no such date, or it is after the status date).
    func run<Axis: TimeAxis>(_ j: Int, until status: Int64?, axis: Axis) -> LagRun {
        guard let status, isStarted else { return LagRun(sinceStart: 0, sinceFinish: 0) }
        let sinceStart = actualStart < status ? axis.span(j, from: actualStart, to: status) : 0
        let sinceFinish = isFinished && actualFinish < status ? axis.span(j, from: actualFinish, to: status) : 0
        return LagRun(sinceStart: max(0, sinceStart), sinceFinish: max(0, sinceFinish))
    }
}

/// How much of a working lag from an activity's actual start or finish has run by the status date.
struct LagRun {
    var sinceStart: Int64
    var sinceFinish: Int64

    /// What of `lag` still holds the successor back: less the part run since the actual start (a link from the
    /// activity's start) or finish (from its finish).
    func left(_ lag: Int64, fromStart: Bool) -> Int64 { lag - (fromStart ? sinceStart : sinceFinish) }
}
