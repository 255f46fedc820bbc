import GantryModel

/// The per-activity facts that only some activities have (constraints, deadlines, manual and actual dates),
/// converted to the axis the passes run on. Most activities have none, so they are kept apart from the arrays
/// every pass walks: `index[j]` is -1 or a position in `rules`.
struct ActivityRules {
    static let none = Int64.min

    struct Rule {
        var constraint: ScheduleInput.ConstraintKind = .asap
        var constraintValue: Int64 = ActivityRules.none
        var deadline: Int64 = ActivityRules.none
        var manualStart: Int64 = ActivityRules.none
        var manualFinish: Int64 = ActivityRules.none
        var actualStart: Int64 = ActivityRules.none
        var actualFinish: Int64 = ActivityRules.none
        var remaining: Int64 = ActivityRules.none

        var isStarted: Bool { actualStart != ActivityRules.none }
        var isFinished: Bool { actualFinish != ActivityRules.none }
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
}
