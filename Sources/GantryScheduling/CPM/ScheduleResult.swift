/// Something the scheduler found that a user should know, with a stable code a client can act on and the
/// activities it concerns (indices into the input), in order where order matters (a cycle).
public struct ScheduleDiagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable, CaseIterable, Codable {
        /// The links close a loop; `activities` names it in link order, the first repeated at the end.
        case dependencyCycle = "dependency_cycle"
        /// Links win over a constraint (option) and the constraint could not be met.
        case constraintConflict = "constraint_conflict"
        /// Constraints win over links (default) and some activities have negative total float.
        case negativeFloat = "negative_float"
        /// The activity's early finish is after its deadline.
        case deadlineMissed = "deadline_missed"
        /// A manually scheduled activity starts before its links allow.
        case manualDateConflict = "manual_date_conflict"
        /// A link that cannot be used (to a missing activity, between a summary and its own part).
        case invalidLink = "invalid_link"
        /// A dated constraint without its date; the activity is scheduled as soon as possible.
        case constraintMissingDate = "constraint_missing_date"
        /// Actual dates that cannot be right (finish before start, finish without start).
        case invalidActuals = "invalid_actuals"
        /// An activity refers to a calendar that does not exist; the project calendar is used.
        case unknownCalendar = "unknown_calendar"
        /// A link would start the activity before the project start (a start-to-finish link, or a lead longer
        /// than its predecessor); it is held at the project start. `activities`: the activity, then the
        /// predecessor of that link.
        case startBeforeProjectStart = "start_before_project_start"
    }

    public enum Severity: String, Sendable, Hashable, Codable { case error, warning, info }

    public var code: Code
    public var severity: Severity
    public var message: String
    public var activities: [Int]

    public init(_ code: Code, _ severity: Severity, _ message: String, activities: [Int] = []) {
        self.code = code; self.severity = severity; self.message = message; self.activities = activities
    }

    public var description: String { "\(code.rawValue): \(message)" }
}

/// A schedule that could not be computed at all (a dependency cycle); the diagnostic says why.
public struct ScheduleFailure: Error, Sendable, Hashable, CustomStringConvertible {
    public var diagnostic: ScheduleDiagnostic
    public init(_ diagnostic: ScheduleDiagnostic) { self.diagnostic = diagnostic }
    public var description: String { diagnostic.description }
}

/// What set an activity's early start: the answer to "why does this start then?".
public enum ScheduleDriver: Sendable, Hashable {
    case projectStart
    case statusDate
    /// The link (an index into the input's links) whose bound was the latest.
    case link(Int)
    case constraint
    case actualStart
    case manual
    /// Scheduled as late as possible: at its late start.
    case asLateAsPossible
    /// A summary: the earliest of its parts.
    case rollup
}

/// The critical-path schedule of a network: early and late dates (wall minutes, or units without calendars),
/// floats in working minutes of each activity's own calendar, criticality, drivers and the longest path.
public struct CriticalPathSchedule: Sendable, Hashable {
    public var earlyStart: [WallMinute]
    public var earlyFinish: [WallMinute]
    public var lateStart: [WallMinute]
    public var lateFinish: [WallMinute]
    public var totalFloat: [Int64]
    /// Never above total float while that is positive; zero when total float is negative (as MS Project stores).
    public var freeFloat: [Int64]
    public var critical: [Bool]
    public var driver: [ScheduleDriver]
    /// The chain of driving links that ends at the latest finish, first activity first.
    public var longestPath: [Int]
    public var projectStart: WallMinute
    public var projectFinish: WallMinute
    public var diagnostics: [ScheduleDiagnostic]

    /// The project's length in the network's units (working minutes of the project calendar, or periods).
    public var makespan: Int64
    /// With `ScheduleInput.Options.progressedLogic`: each completed activity's logic date (what P6
    /// stores as its early start and finish), nil for the others; empty without the option.
    public var completedLogic: [WallMinute?] = []
    /// Where the remaining work of each activity under way starts at the status date (the data date, or later
    /// behind links under retained logic), nil for the others; empty when no activity is under way. A derived
    /// activity (`ScheduleInput.Derived`) has its remaining early start here while its `earlyStart` is its start.
    public var remainingStart: [WallMinute?] = []
}

/// The passes' results on the network's own time axis (see `ScheduleInput.times(compiled:)`): no dates.
public struct NetworkTimes: Sendable, Hashable {
    public var earlyStart: [Int64]
    public var earlyFinish: [Int64]
    public var lateStart: [Int64]
    public var lateFinish: [Int64]
    public var totalFloat: [Int64]
    public var freeFloat: [Int64]
    public var critical: [Bool]
    public var driver: [ScheduleDriver]
    /// The project start and finish on the axis; `finish - start` is the project's length.
    public var start: Int64
    public var finish: Int64
    /// The project's length in working minutes of the project calendar (or units without calendars).
    public var length: Int64
    public var diagnostics: [ScheduleDiagnostic]
    /// `CriticalPathSchedule.completedLogic` on the axis (`ActivityRules.none` where there is none).
    var completedLogic: [Int64] = []
    /// `CriticalPathSchedule.remainingStart` on the axis (empty, or `ActivityRules.none` where there is none).
    var remainingStart: [Int64] = []
}
