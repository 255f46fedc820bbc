public import GantryModel

/// A schedule as another tool wrote it, read into values: what MS Project, Primavera P6 or GanttProject stored,
/// in one shape for every format (MPXJ's layout: one reader and one writer per format over this model).
///
/// Dates are local wall-clock date-times, as the files hold them. Durations keep the minutes and the unit the file
/// gave, so a writer can give them back as they came. The dates the authoring tool computed (early and late dates,
/// slack, critical) are kept apart in `Task.stored`: they are the oracle `gantry verify` compares our engine with.
///
/// Pure values: readers take bytes and return this; nothing here reads a file, a clock or the engine.
public struct ProjectFile: Sendable, Hashable {
    public enum Format: String, Sendable, Hashable, Codable, CaseIterable {
        /// MS Project XML (namespace `http://schemas.microsoft.com/project`).
        case mspdi
        /// Primavera P6 XER export.
        case xer
        /// GanttProject `.gan`.
        case ganttProject = "gan"
        /// Primavera P6 XML (`APIBusinessObjects`).
        case p6xml
    }

    public var format: Format
    public var name: String
    /// The tool that wrote the file, as the file says ("Microsoft Project 2019", "Primavera P6 18.8").
    public var application: String
    /// Where scheduling starts: MSPDI `StartDate`, XER `plan_start_date`, the earliest GanttProject start.
    public var start: LocalDateTime?
    public var finish: LocalDateTime?
    /// P6's "must finish by" (XER `plan_end_date`, P6 XML `MustFinishByDate`): late dates work back from it.
    public var mustFinishBy: LocalDateTime? = nil
    /// Progress is stated at this instant: MSPDI `StatusDate`, XER `last_recalc_date` (the data date).
    public var statusDate: LocalDateTime?
    /// MS Project can schedule from the finish; kept as data (Gantry schedules forward).
    public var scheduleFromStart: Bool
    public var minutesPerDay: Int
    public var minutesPerWeek: Int
    public var daysPerMonth: Int
    /// MS Project's "tasks will always honor their constraint dates".
    public var honorConstraints: Bool
    /// The project calendar (a `Calendar.uid`).
    public var calendarUID: String?
    /// Which calendar a working-time lag is counted on.
    public var lagCalendar: LagCalendar
    /// Currency code when the file names one ("EUR", "USD").
    public var currency: String?
    /// The authoring tool's scheduling options that have no field of their own, under the tool's names (P6's
    /// `SCHEDOPTIONS.sched_retained_logic` = "Y", `PROJECT.critical_path_type` = "CT_TotFloat"): kept so the
    /// import summary and `gantry verify` can say which settings the stored dates were computed under.
    public var schedulingOptions: [String: String]
    public var calendars: [Calendar]
    /// In file order; `parentUID` gives the outline.
    public var tasks: [Task]
    public var links: [Link]
    public var resources: [Resource]
    public var assignments: [Assignment]
    /// What the reader noticed: repaired or skipped data, each naming the element and line where known.
    public var notices: [Notice]
    /// What the file holds that Gantry does not model, by name ("extended attributes", "timephased data"), with
    /// how many. Reported in the import summary, never silently dropped.
    public var unmodelled: [String: Int]

    public init(format: Format, name: String = "", application: String = "", start: LocalDateTime? = nil,
                finish: LocalDateTime? = nil, statusDate: LocalDateTime? = nil, scheduleFromStart: Bool = true,
                minutesPerDay: Int = 480, minutesPerWeek: Int = 2400, daysPerMonth: Int = 20,
                honorConstraints: Bool = true, calendarUID: String? = nil, lagCalendar: LagCalendar = .successor,
                currency: String? = nil, schedulingOptions: [String: String] = [:], calendars: [Calendar] = [],
                tasks: [Task] = [], links: [Link] = [], resources: [Resource] = [], assignments: [Assignment] = [],
                notices: [Notice] = [], unmodelled: [String: Int] = [:]) {
        self.format = format; self.name = name; self.application = application; self.start = start
        self.finish = finish; self.statusDate = statusDate; self.scheduleFromStart = scheduleFromStart
        self.minutesPerDay = minutesPerDay; self.minutesPerWeek = minutesPerWeek; self.daysPerMonth = daysPerMonth
        self.honorConstraints = honorConstraints; self.calendarUID = calendarUID; self.lagCalendar = lagCalendar
        self.currency = currency; self.schedulingOptions = schedulingOptions; self.calendars = calendars; self.tasks = tasks; self.links = links
        self.resources = resources; self.assignments = assignments; self.notices = notices
        self.unmodelled = unmodelled
    }

    /// Which calendar counts a working-time lag. MS Project counts it on the successor's calendar; P6 lets the
    /// project choose (`SCHEDOPTIONS.sched_calendar_on_relationship_lag`).
    /// Whose calendar counts a link's lag (the model's choices).
    public typealias LagCalendar = GantryModel.LagCalendar

    // MARK: Durations

    /// A length of time as a file stores it: minutes (of working time, or wall-clock when `elapsed`), with the
    /// unit the file shows it in and whether it is an estimate (MS Project's "?").
    public struct Duration: Sendable, Hashable, Codable {
        public var minutes: Double
        public var unit: Unit
        public var elapsed: Bool
        public var estimated: Bool

        public init(minutes: Double, unit: Unit = .days, elapsed: Bool = false, estimated: Bool = false) {
            self.minutes = minutes; self.unit = unit; self.elapsed = elapsed; self.estimated = estimated
        }

        public static let zero = Duration(minutes: 0)

        public enum Unit: String, Sendable, Hashable, Codable, CaseIterable {
            case minutes, hours, days, weeks, months, percent
        }
    }

    // MARK: Calendars

    /// A calendar as the file defines it: a base calendar, or one derived from a base that overrides some days.
    public struct Calendar: Sendable, Hashable {
        public var uid: String
        public var name: String
        /// For a derived calendar (a resource's, or a task calendar based on another): the calendar it inherits.
        public var baseUID: String?
        /// Working times per weekday; `nil` for a day the calendar inherits from its base (or, with no base, the
        /// standard day). An empty array is a day off.
        public var week: [Weekday: [TimeRange]]
        /// Exceptions, recurring ones expanded to their dates unless they recur every year on one date.
        public var exceptions: [CalendarException]

        public init(uid: String, name: String, baseUID: String? = nil, week: [Weekday: [TimeRange]] = [:],
                    exceptions: [CalendarException] = []) {
            self.uid = uid; self.name = name; self.baseUID = baseUID; self.week = week; self.exceptions = exceptions
        }
    }

    // MARK: Tasks

    public struct Task: Sendable, Hashable {
        public var uid: String
        /// The row number the tool showed (MS Project's ID); `nil` when the format has none.
        public var rowID: Int?
        /// The identifier people know the task by when it is not a row number: P6's Activity ID (`task_code`,
        /// "A1000"). Empty when the format has none.
        public var code: String
        public var name: String
        /// The outline code the tool showed ("1.2.3"); empty when it had none.
        public var wbs: String
        public var outlineLevel: Int
        /// The summary task this one sits under.
        public var parentUID: String?
        public var summary: Bool
        public var milestone: Bool
        /// MS Project's manually scheduled task: it keeps `start`/`finish` whatever its links say.
        public var manual: Bool
        /// MS Project's blank row.
        public var isNull: Bool
        /// An inactive task is kept but does not take part in scheduling.
        public var active: Bool
        /// A task that stands for one in another project (MS Project's external task); kept as data.
        public var external: Bool
        public var duration: Duration?
        public var constraint: SchedulingConstraint
        public var constraintDate: LocalDateTime?
        public var deadline: LocalDateTime?
        /// 0–1000 (MS Project's scale).
        public var priority: Int
        public var percentComplete: Double
        public var actualStart: LocalDateTime?
        public var actualFinish: LocalDateTime?
        public var actualDuration: Duration?
        public var remainingDuration: Duration?
        /// The task's own calendar (a `Calendar.uid`); `nil` uses the project's (or its resources').
        public var calendarUID: String?
        /// When set, the task's calendar alone rules: its resources' calendars are ignored.
        public var ignoreResourceCalendar: Bool
        /// P6's activity type (`TT_Task`, `TT_LOE`, `TT_Rsrc`, …) or MS Project's task type, as data.
        public var type: String
        /// A level-of-effort or WBS-summary activity (P6's `TT_LOE`, `TT_WBS`): dates derived, not scheduled.
        public var derivedDates: DerivedDates? {
            type == "TT_LOE" ? .levelOfEffort : type == "TT_WBS" ? .wbsSummary : nil
        }
        /// P6's "Start On" and "Finish On" (not mandatory): the constraint date bounds the dates each way — early
        /// dates no earlier, late dates no later — and links may still move the activity (negative float), where a
        /// mandatory one holds the date.
        public var softConstraint: Bool = false
        /// P6's secondary constraint and its date: a second limit beside `constraint` (start or finish on or before
        /// limits the late dates, on or after the early dates).
        public var secondaryConstraint: SchedulingConstraint? = nil
        public var secondaryConstraintDate: LocalDateTime? = nil
        /// The constraints P6 takes as a secondary constraint.
        public static let secondaryConstraintKinds: Set<SchedulingConstraint> = [
            .startNoEarlierThan, .startNoLaterThan, .finishNoEarlierThan, .finishNoLaterThan]
        /// P6's suspend and resume dates: work under way paused; its remaining work starts no earlier than the
        /// resume date.
        public var suspendDate: LocalDateTime? = nil
        public var resumeDate: LocalDateTime? = nil
        public var suspended: Bool { suspendDate != nil }
        /// P6's external early start and external late finish: what links to activities of other projects allow.
        public var externalEarlyStart: LocalDateTime? = nil
        public var externalLateFinish: LocalDateTime? = nil
        /// P6's expected finish: when the work under way is expected to end (P6's scheduler can take its remaining
        /// duration from it; the task then has no free float).
        public var expectedFinish: LocalDateTime? = nil
        /// The scheduled start and finish the file stores.
        public var start: LocalDateTime?
        public var finish: LocalDateTime?
        /// What the authoring tool computed: the oracle.
        public var stored: Stored
        /// Working periods when the task was split (MS Project's splits), kept as data: Gantry schedules a task as
        /// one piece, so a split task is one of the known-hard cases.
        public var splits: [Period]
        /// Whether the file holds timephased data for the task (known-hard for verification).
        public var timephased: Bool
        /// Effort-driven / resource-dependent: the task's dates follow its resources (known-hard).
        public var resourceDriven: Bool
        public var baselines: [Baseline]
        public var notes: String

        public init(uid: String, rowID: Int? = nil, code: String = "", name: String, wbs: String = "", outlineLevel: Int = 1,
                    parentUID: String? = nil, summary: Bool = false, milestone: Bool = false, manual: Bool = false,
                    isNull: Bool = false, active: Bool = true, external: Bool = false, duration: Duration? = nil,
                    constraint: SchedulingConstraint = .asap, constraintDate: LocalDateTime? = nil,
                    deadline: LocalDateTime? = nil, priority: Int = 500, percentComplete: Double = 0,
                    actualStart: LocalDateTime? = nil, actualFinish: LocalDateTime? = nil,
                    actualDuration: Duration? = nil, remainingDuration: Duration? = nil, calendarUID: String? = nil,
                    ignoreResourceCalendar: Bool = false, type: String = "", start: LocalDateTime? = nil,
                    finish: LocalDateTime? = nil, stored: Stored = Stored(), splits: [Period] = [],
                    timephased: Bool = false, resourceDriven: Bool = false, baselines: [Baseline] = [],
                    notes: String = "") {
            self.uid = uid; self.rowID = rowID; self.code = code; self.name = name; self.wbs = wbs; self.outlineLevel = outlineLevel
            self.parentUID = parentUID; self.summary = summary; self.milestone = milestone; self.manual = manual
            self.isNull = isNull; self.active = active; self.external = external; self.duration = duration
            self.constraint = constraint; self.constraintDate = constraintDate; self.deadline = deadline
            self.priority = priority; self.percentComplete = percentComplete; self.actualStart = actualStart
            self.actualFinish = actualFinish; self.actualDuration = actualDuration
            self.remainingDuration = remainingDuration; self.calendarUID = calendarUID
            self.ignoreResourceCalendar = ignoreResourceCalendar; self.type = type; self.start = start
            self.finish = finish; self.stored = stored; self.splits = splits; self.timephased = timephased
            self.resourceDriven = resourceDriven; self.baselines = baselines; self.notes = notes
        }
    }

    /// The schedule the authoring tool computed for a task, as stored. Slack is in working minutes (MSPDI stores
    /// tenths of a minute, XER hours: readers convert), with the unit the tool showed it in.
    public struct Stored: Sendable, Hashable {
        public var earlyStart: LocalDateTime?
        public var earlyFinish: LocalDateTime?
        public var lateStart: LocalDateTime?
        public var lateFinish: LocalDateTime?
        public var totalSlack: Duration?
        public var freeSlack: Duration?
        public var critical: Bool?

        public init(earlyStart: LocalDateTime? = nil, earlyFinish: LocalDateTime? = nil,
                    lateStart: LocalDateTime? = nil, lateFinish: LocalDateTime? = nil, totalSlack: Duration? = nil,
                    freeSlack: Duration? = nil, critical: Bool? = nil) {
            self.earlyStart = earlyStart; self.earlyFinish = earlyFinish; self.lateStart = lateStart
            self.lateFinish = lateFinish; self.totalSlack = totalSlack; self.freeSlack = freeSlack
            self.critical = critical
        }
    }

    public struct Period: Sendable, Hashable, Codable {
        public var start: LocalDateTime
        public var finish: LocalDateTime
        public init(start: LocalDateTime, finish: LocalDateTime) { self.start = start; self.finish = finish }
    }

    /// One of MS Project's baselines 0–10 (P6 keeps baselines as separate projects; XER has none inline).
    public struct Baseline: Sendable, Hashable {
        public var number: Int
        public var start: LocalDateTime?
        public var finish: LocalDateTime?
        public var duration: Duration?
        /// Work in minutes.
        public var work: Double?
        /// Cost in the project's currency (major units).
        public var cost: Double?

        public init(number: Int, start: LocalDateTime? = nil, finish: LocalDateTime? = nil,
                    duration: Duration? = nil, work: Double? = nil, cost: Double? = nil) {
            self.number = number; self.start = start; self.finish = finish; self.duration = duration
            self.work = work; self.cost = cost
        }
    }

    // MARK: Links

    public struct Link: Sendable, Hashable {
        public var predecessorUID: String
        public var successorUID: String
        public var type: DependencyType
        public var lag: Lag
        /// For a link to a task in another project: the project and task the file names. Kept as data; such a
        /// link does not take part in scheduling.
        public var crossProject: String?

        public init(predecessorUID: String, successorUID: String, type: DependencyType = .finishToStart,
                    lag: Lag = .zero, crossProject: String? = nil) {
            self.predecessorUID = predecessorUID; self.successorUID = successorUID; self.type = type
            self.lag = lag; self.crossProject = crossProject
        }
    }

    /// A link's lag (negative for a lead): working minutes, wall-clock minutes (`elapsed`), or a percentage of the
    /// predecessor's duration, with the unit the tool showed it in.
    public struct Lag: Sendable, Hashable {
        public enum Amount: Sendable, Hashable {
            case working(minutes: Double)
            case elapsed(minutes: Double)
            case percent(Double)
        }
        public var amount: Amount
        /// The unit the file showed (MSPDI `LagFormat`); `.percent` for a percentage lag.
        public var unit: Duration.Unit

        public init(_ amount: Amount, unit: Duration.Unit = .days) { self.amount = amount; self.unit = unit }
        public static let zero = Lag(.working(minutes: 0))
    }

    // MARK: Resources

    public struct Resource: Sendable, Hashable {
        public enum Kind: String, Sendable, Hashable, Codable, CaseIterable { case work, material, cost }

        public var uid: String
        public var name: String
        public var kind: Kind
        public var initials: String
        public var group: String
        public var email: String
        /// Percent: 100 is one full-time person.
        public var maxUnits: Double
        public var calendarUID: String?
        /// Standard rate per hour (per unit for material), in the project's currency (major units).
        public var standardRate: Double
        public var overtimeRate: Double
        public var costPerUse: Double
        /// A generic resource (a role placeholder) rather than a named person.
        public var generic: Bool

        public init(uid: String, name: String, kind: Kind = .work, initials: String = "", group: String = "",
                    email: String = "", maxUnits: Double = 100, calendarUID: String? = nil, standardRate: Double = 0,
                    overtimeRate: Double = 0, costPerUse: Double = 0, generic: Bool = false) {
            self.uid = uid; self.name = name; self.kind = kind; self.initials = initials; self.group = group
            self.email = email; self.maxUnits = maxUnits; self.calendarUID = calendarUID
            self.standardRate = standardRate; self.overtimeRate = overtimeRate; self.costPerUse = costPerUse
            self.generic = generic
        }
    }

    public struct Assignment: Sendable, Hashable {
        public var uid: String
        public var taskUID: String
        public var resourceUID: String
        /// Percent: 100 is full time.
        public var units: Double
        /// Work in minutes.
        public var work: Double?
        public var actualWork: Double?
        public var remainingWork: Double?
        /// Baseline work in minutes, by baseline number.
        public var baselineWork: [Int: Double]
        /// How the work is spread over the assignment's span, as MSPDI's `WorkContour` code: 0 flat (the default),
        /// 1 back loaded, 2 front loaded, 3 double peak, 4 early peak, 5 late peak, 6 bell, 7 turtle, 8 contoured
        /// (shaped by hand in timephased data).
        public var workContour: Int

        public init(uid: String, taskUID: String, resourceUID: String, units: Double = 100, work: Double? = nil,
                    actualWork: Double? = nil, remainingWork: Double? = nil, baselineWork: [Int: Double] = [:],
                    workContour: Int = 0) {
            self.uid = uid; self.taskUID = taskUID; self.resourceUID = resourceUID; self.units = units
            self.work = work; self.actualWork = actualWork; self.remainingWork = remainingWork
            self.baselineWork = baselineWork; self.workContour = workContour
        }
    }

    // MARK: Notices

    /// Something a reader repaired, skipped or could not model, with where it was.
    public struct Notice: Sendable, Hashable, Codable, CustomStringConvertible {
        /// The element or table and field ("Task UID 12 / Duration", "TASKPRED line 88").
        public var element: String
        public var line: Int?
        public var message: String

        public init(element: String, line: Int? = nil, message: String) {
            self.element = element; self.line = line; self.message = message
        }

        public var description: String { "\(element)\(line.map { " (line \($0))" } ?? ""): \(message)" }
    }
}

/// Why a file cannot be read: what is wrong and where (the element or table, and the line when known). Thrown for
/// a file that cannot be imported at all; what can be repaired becomes a `ProjectFile.Notice` instead.
public struct InterchangeError: Error, Sendable, Hashable, CustomStringConvertible {
    public var element: String
    public var line: Int?
    public var message: String

    public init(element: String, line: Int? = nil, _ message: String) {
        self.element = element; self.line = line; self.message = message
    }

    public var description: String {
        (element.isEmpty ? "" : element) + (line.map { " (line \($0))" } ?? "") + (element.isEmpty && line == nil ? "" : ": ")
            + message
    }
}

extension ProjectFile {
    /// Whether the file is Primavera P6's (XER or P6 XML).
    public var isPrimavera: Bool { format == .xer || format == .p6xml }

    /// Whether the P6 project schedules out-of-sequence progress with progress override (XER
    /// `sched_progress_override` Y, or P6 XML `OutOfSequenceScheduleType` "Progress Override") rather than
    /// retained logic, P6's default.
    public var progressOverride: Bool {
        schedulingOptions["sched_progress_override"] == "Y"
            || schedulingOptions["OutOfSequenceScheduleType"]?.lowercased().contains("override") == true
    }

    /// Whether the P6 project uses expected finish dates (XER `sched_use_expect_end_flag`, P6 XML
    /// `UseExpectedFinishDates`).
    public var useExpectedFinish: Bool { isPrimavera && (Self.yes(schedulingOptions["sched_use_expect_end_flag"])
        || Self.yes(schedulingOptions["UseExpectedFinishDates"])) }

    /// Whether the P6 project makes open-ended activities (nothing follows them) critical (XER
    /// `sched_open_critical_flag`, P6 XML `MakeOpenEndedActivitiesCritical`).
    public var openEndsCritical: Bool { isPrimavera && (Self.yes(schedulingOptions["sched_open_critical_flag"])
        || Self.yes(schedulingOptions["MakeOpenEndedActivitiesCritical"])) }

    /// How the P6 project computes total float: start float, finish float (P6's default) or the smallest (XER
    /// `sched_float_type` FT_SS, FT_FF, FT_Min; P6 XML `ComputeTotalFloatType`).
    public var totalFloat: TotalFloatRule {
        let xer = schedulingOptions["sched_float_type"], xml = schedulingOptions["ComputeTotalFloatType"]?.lowercased() ?? ""
        if xer == "FT_SS" || xml.hasPrefix("start float") { return .start }
        if xer == "FT_Min" || xml.hasPrefix("smallest") { return .smallest }
        return .finish
    }

    /// Whether the P6 project calls the activities on the longest path critical (XER `critical_path_type`
    /// CT_DrivPath, P6 XML `CriticalActivityPathType` "Longest Path") rather than those within a float threshold.
    public var criticalByLongestPath: Bool {
        isPrimavera && (schedulingOptions["critical_path_type"] == "CT_DrivPath"
            || schedulingOptions["CriticalActivityPathType"]?.lowercased() == "longest path")
    }

    static func yes(_ v: String?) -> Bool { v == "Y" || v == "1" || v?.lowercased() == "true" }

    /// Whether the P6 project schedules out-of-sequence progress by actual dates (XER: neither retained logic nor
    /// progress override; P6 XML `OutOfSequenceScheduleType` "Actual Dates").
    public var actualDates: Bool {
        (schedulingOptions["sched_retained_logic"] == "N" && schedulingOptions["sched_progress_override"] == "N")
            || schedulingOptions["OutOfSequenceScheduleType"]?.lowercased().contains("actual") == true
    }

    /// Whose rules the file's dates were computed by: P6's (with its out-of-sequence option) or MS Project's.
    public var schedulingRules: SchedulingRules {
        !isPrimavera ? .msProject : progressOverride ? .p6ProgressOverride : actualDates ? .p6ActualDates : .p6
    }
}
