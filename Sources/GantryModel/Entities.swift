/// A person who signs in to Gantry. The password hash is not part of the value: it never leaves the store.
public struct User: Entity, Hashable {
    public typealias ID = EntityID<User>
    public static let kindName = "user"
    public var id: ID
    public var version: Int
    public var username: String
    public var displayName: String
    public var email: String?
    public var role: Role
    public var active: Bool
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(id: ID = ID(0), version: Int = 1, username: String, displayName: String, email: String? = nil,
                role: Role, active: Bool = true, createdAt: Timestamp, updatedAt: Timestamp) {
        self.id = id; self.version = version; self.username = username; self.displayName = displayName
        self.email = email; self.role = role; self.active = active; self.createdAt = createdAt; self.updatedAt = updatedAt
    }
}

/// The top of the hierarchy: a portfolio of programs and projects governed in one mode.
public struct Portfolio: Entity, Hashable {
    public typealias ID = EntityID<Portfolio>
    public static let kindName = "portfolio"
    public var id: ID
    public var version: Int
    public var code: String
    public var name: String
    public var description: String
    public var ownerId: User.ID?
    public var governanceMode: GovernanceMode
    /// In a controlling portfolio, a change request whose cost impact is above this (minor units, by its size)
    /// needs a PMO role's approval.
    public var changeCostThresholdMinor: Int64
    /// Likewise for a schedule impact above this many calendar days.
    public var changeScheduleThresholdDays: Int
    /// The portfolio's RAG policy for suggested status colours: an index (SPI, CPI) is green at or above the green
    /// minimum, amber at or above the amber minimum, red below (default 0.95 / 0.85)…
    public var ragGreenMinimum: Double
    public var ragAmberMinimum: Double
    /// …and overdue milestones and open high risks turn amber and red at these counts (default 1 and 3).
    public var ragOverdueMilestonesAmberAt: Int
    public var ragOverdueMilestonesRedAt: Int
    public var ragOpenHighRisksAmberAt: Int
    public var ragOpenHighRisksRedAt: Int
    /// The currency its programs and projects roll up in, through the PMO's exchange rates by month.
    public var reportingCurrency: Currency = .eur
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(id: ID = ID(0), version: Int = 1, code: String, name: String, description: String = "",
                ownerId: User.ID? = nil, governanceMode: GovernanceMode = .supportive,
                changeCostThresholdMinor: Int64 = 1_000_000, changeScheduleThresholdDays: Int = 10,
                ragGreenMinimum: Double = 0.95, ragAmberMinimum: Double = 0.85, ragOverdueMilestonesAmberAt: Int = 1,
                ragOverdueMilestonesRedAt: Int = 3, ragOpenHighRisksAmberAt: Int = 1, ragOpenHighRisksRedAt: Int = 3,
                createdAt: Timestamp, updatedAt: Timestamp) {
        self.id = id; self.version = version; self.code = code; self.name = name; self.description = description
        self.ownerId = ownerId; self.governanceMode = governanceMode
        self.changeCostThresholdMinor = changeCostThresholdMinor
        self.changeScheduleThresholdDays = changeScheduleThresholdDays
        self.ragGreenMinimum = ragGreenMinimum; self.ragAmberMinimum = ragAmberMinimum
        self.ragOverdueMilestonesAmberAt = ragOverdueMilestonesAmberAt; self.ragOverdueMilestonesRedAt = ragOverdueMilestonesRedAt
        self.ragOpenHighRisksAmberAt = ragOpenHighRisksAmberAt; self.ragOpenHighRisksRedAt = ragOpenHighRisksRedAt
        self.createdAt = createdAt; self.updatedAt = updatedAt
    }
}

/// An optional grouping of related projects inside a portfolio.
public struct Program: Entity, Hashable {
    public typealias ID = EntityID<Program>
    public static let kindName = "program"
    public var id: ID
    public var version: Int
    public var portfolioId: Portfolio.ID
    public var code: String
    public var name: String
    public var description: String
    public var managerId: User.ID?
    public var state: LifecycleState
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(id: ID = ID(0), version: Int = 1, portfolioId: Portfolio.ID, code: String, name: String,
                description: String = "", managerId: User.ID? = nil, state: LifecycleState = .active,
                createdAt: Timestamp, updatedAt: Timestamp) {
        self.id = id; self.version = version; self.portfolioId = portfolioId; self.code = code; self.name = name
        self.description = description; self.managerId = managerId; self.state = state
        self.createdAt = createdAt; self.updatedAt = updatedAt
    }
}

public struct Project: Entity, Hashable {
    public typealias ID = EntityID<Project>
    public static let kindName = "project"
    public var id: ID
    public var version: Int
    public var portfolioId: Portfolio.ID
    public var programId: Program.ID?
    public var code: String
    public var name: String
    public var description: String
    public var managerId: User.ID?
    public var state: LifecycleState
    public var health: Health
    public var startDate: CalendarDate?
    public var finishDate: CalendarDate?
    public var calendarId: WorkCalendar.ID?
    /// Progress is reported as of this day (its end): work not done is scheduled after it.
    public var statusDate: CalendarDate?
    /// MS Project's "tasks will always honor their constraint dates": true, constraints beat links (conflicts
    /// show as negative float); false, links win and a conflict is reported.
    public var honorConstraints: Bool
    /// An activity is critical when its total float is at or below this (default 0).
    public var criticalFloat: WorkDuration
    /// How often the project reports its status (monthly unless the PMO says otherwise).
    public var reportCadence: ReportCadence
    /// Whose scheduling rules the project's schedule follows: MS Project's (the default) or Primavera P6's (a
    /// project imported from P6 keeps them, so its schedule is the one P6 computed).
    public var schedulingRules: SchedulingRules
    /// Whose calendar counts a link's lag; nil: the rules' own (the successor's in MS Project, the predecessor's in
    /// P6). P6 projects choose it (`sched_calendar_on_relationship_lag`).
    public var lagCalendar: LagCalendar?
    /// How total float is counted; nil: the rules' own (MS Project's start float until work starts, P6's finish
    /// float). P6 projects choose it (`sched_float_type`).
    public var totalFloat: TotalFloatRule?
    /// P6's "make open-ended activities critical": an activity nothing follows is critical whatever its float.
    public var openEndsCritical: Bool
    /// P6's "critical activities are on the longest path" rather than within a float threshold.
    public var criticalByLongestPath: Bool
    /// P6's "use expected finish dates": an activity's expected finish sets its early finish.
    public var useExpectedFinish: Bool
    /// P6's "must finish by": late dates work back from it rather than from the early finish.
    public var mustFinishBy: LocalDateTime?
    /// The currency of the project's budget, costs and earned value (programs and portfolios roll up in a
    /// reporting currency through the PMO's exchange rates).
    public var currency: Currency = .eur
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(id: ID = ID(0), version: Int = 1, portfolioId: Portfolio.ID, programId: Program.ID? = nil,
                code: String, name: String, description: String = "", managerId: User.ID? = nil,
                state: LifecycleState = .proposed, health: Health = .unknown, startDate: CalendarDate? = nil,
                finishDate: CalendarDate? = nil, calendarId: WorkCalendar.ID? = nil, statusDate: CalendarDate? = nil,
                honorConstraints: Bool = true, criticalFloat: WorkDuration = .zero,
                reportCadence: ReportCadence = .monthly, schedulingRules: SchedulingRules = .msProject,
                lagCalendar: LagCalendar? = nil, totalFloat: TotalFloatRule? = nil, openEndsCritical: Bool = false,
                criticalByLongestPath: Bool = false,
                useExpectedFinish: Bool = false, mustFinishBy: LocalDateTime? = nil,
                createdAt: Timestamp, updatedAt: Timestamp) {
        self.id = id; self.version = version; self.portfolioId = portfolioId; self.programId = programId
        self.code = code; self.name = name; self.description = description; self.managerId = managerId
        self.state = state; self.health = health; self.startDate = startDate; self.finishDate = finishDate
        self.calendarId = calendarId; self.statusDate = statusDate; self.honorConstraints = honorConstraints
        self.criticalFloat = criticalFloat; self.reportCadence = reportCadence; self.schedulingRules = schedulingRules
        self.lagCalendar = lagCalendar; self.totalFloat = totalFloat; self.openEndsCritical = openEndsCritical
        self.criticalByLongestPath = criticalByLongestPath
        self.useExpectedFinish = useExpectedFinish; self.mustFinishBy = mustFinishBy
        self.createdAt = createdAt; self.updatedAt = updatedAt
    }
}

/// Whose calendar counts a link's working lag.
public enum LagCalendar: String, CaseIterable, Sendable, Codable {
    case predecessor, successor, project
    /// Lags run on a 24-hour calendar: nights, weekends and holidays count.
    case twentyFourHour = "24_hour"

    public var label: String {
        switch self {
        case .predecessor: "The predecessor's calendar"
        case .successor: "The successor's calendar"
        case .project: "The project's calendar"
        case .twentyFourHour: "A 24-hour calendar"
        }
    }

    public init(from decoder: any Decoder) throws { self = try decodeCase(from: decoder) }
}

/// How total float is counted.
public enum TotalFloatRule: String, CaseIterable, Sendable, Codable {
    /// Late start less early start (late finish less early finish once work has started): MS Project's.
    case startThenFinish = "start_then_finish"
    /// P6's start float, finish float, or the smallest of the two.
    case start, finish, smallest

    public var label: String {
        switch self {
        case .startThenFinish: "Start float, finish float once started (MS Project)"
        case .start: "Start float"
        case .finish: "Finish float"
        case .smallest: "The smaller of start and finish float"
        }
    }

    public init(from decoder: any Decoder) throws { self = try decodeCase(from: decoder) }
}

/// An activity whose dates are derived from other activities' rather than scheduled (Primavera P6's types).
public enum DerivedDates: String, CaseIterable, Sendable, Codable {
    /// Level of effort: spans its links (from what its start links allow to what its finish links need).
    case levelOfEffort = "level_of_effort"
    /// WBS summary: spans the unfinished activities of the WBS node it sits in.
    case wbsSummary = "wbs_summary"

    public var label: String {
        switch self {
        case .levelOfEffort: "Level of effort"
        case .wbsSummary: "WBS summary"
        }
    }

    public init(from decoder: any Decoder) throws { self = try decodeCase(from: decoder) }
}

/// Whose rules a project's schedule follows.
/// - `msProject`: MS Project's. The status date is the end of its day; work under way resumes after it, or at
///   its actual start when that is later; successors follow actual dates; free float is kept within total float.
/// - `p6`: Primavera P6's with retained logic. The status date is P6's data date, the start of its day; remaining
///   work resumes there and waits for unfinished predecessors; completed work passes its predecessors' logic on
///   (`ScheduleInput.Options.progressedLogic`); no-later-than constraints limit late dates only; P6's free float.
/// - `p6ProgressOverride`: the same with P6's progress override: work under way resumes at the data date
///   whatever its predecessors, and completed work holds nothing back.
/// - `p6ActualDates`: P6's actual dates: work under way resumes at the data date whatever its predecessors, and
///   completed work holds its successors until its actual finish, even one after the data date.
public enum SchedulingRules: String, CaseIterable, Sendable, Codable {
    case msProject = "ms_project"
    case p6 = "p6"
    case p6ProgressOverride = "p6_progress_override"
    /// P6's "actual dates": as progress override, but completed work holds its successors until its actual finish,
    /// even one recorded after the data date.
    case p6ActualDates = "p6_actual_dates"

    public var isPrimavera: Bool { self != .msProject }

    /// How people read it.
    public var label: String {
        switch self {
        case .msProject: "MS Project"
        case .p6: "Primavera P6 (retained logic)"
        case .p6ProgressOverride: "Primavera P6 (progress override)"
        case .p6ActualDates: "Primavera P6 (actual dates)"
        }
    }

    public init(from decoder: any Decoder) throws { self = try decodeCase(from: decoder) }
}

/// A unit of work in a project's WBS. Never called `Task`: that name belongs to Swift concurrency.
public struct Activity: Entity, Hashable {
    public typealias ID = EntityID<Activity>
    public static let kindName = "activity"
    public var id: ID
    public var version: Int
    public var projectId: Project.ID
    /// The summary activity this one sits under; `nil` at the top of the WBS.
    public var parentId: Activity.ID?
    /// Position among its siblings (0, 1, 2, ...): the WBS order.
    public var position: Int
    public var code: String
    public var name: String
    public var kind: ActivityKind
    public var duration: WorkDuration
    public var percentComplete: Double
    /// The scheduled start and finish days: set by scheduling, or by hand when `manuallyScheduled`.
    public var plannedStart: CalendarDate?
    public var plannedFinish: CalendarDate?
    public var calendarId: WorkCalendar.ID?
    public var constraintType: SchedulingConstraint
    public var constraintDate: LocalDateTime?
    /// A finish the activity should meet; missing it shows as negative float.
    public var deadline: LocalDateTime?
    public var actualStart: LocalDateTime?
    public var actualFinish: LocalDateTime?
    /// Three-point estimate for schedule risk: `duration` is the most likely.
    public var optimisticDuration: WorkDuration?
    public var pessimisticDuration: WorkDuration?
    /// Leveling order, 0–1000 (MS Project's scale): higher is leveled first.
    public var priority: Int
    /// Leveling never moves this activity.
    public var doNotLevel: Bool
    /// Set when a leveling preview is applied: the activity starts no earlier than this.
    public var leveledStart: LocalDateTime?
    /// Keeps `planned_start` / `planned_finish` whatever its links say.
    public var manuallyScheduled: Bool
    /// Free text the plan's people keep on the activity (the plan editor's Notes column).
    public var notes: String?
    /// P6's Start On / Finish On: a must-start-on or must-finish-on date that bounds the dates each way (early no
    /// earlier, late no later) while links may still move the activity; a mandatory one holds the date.
    public var softConstraint: Bool = false
    /// A milestone that marks a finish (P6's finish milestone): at the end of working time, where a start
    /// milestone sits at its beginning.
    public var finishMilestone: Bool = false
    /// P6's secondary constraint: a second limit beside `constraintType` (start or finish on or before, which
    /// limits the late dates, or on or after, which limits the early dates).
    public var secondaryConstraintType: SchedulingConstraint? = nil
    public var secondaryConstraintDate: LocalDateTime? = nil
    /// P6's expected finish: where the project uses expected finish dates, the early finish of unfinished work.
    public var expectedFinish: LocalDateTime? = nil
    /// P6's suspend and resume dates of work under way: its remaining work starts no earlier than the resume date.
    public var suspendDate: LocalDateTime? = nil
    public var resumeDate: LocalDateTime? = nil
    /// Level of effort or WBS summary: dates derived from other activities, not scheduled (nothing follows from them).
    public var derivedDates: DerivedDates? = nil
    /// What links to activities of other projects allow (P6's external early start and late finish): the activity
    /// starts no earlier, and its late finish is no later.
    public var externalEarlyStart: LocalDateTime? = nil
    public var externalLateFinish: LocalDateTime? = nil
    /// A cost of the activity beside its resources' work (materials, a supplier's fixed price), in minor units of
    /// the project's currency: part of its budget at completion.
    public var fixedCostMinor: Int64 = 0
    /// The share of the work physically done (0–100), where it is measured apart from the duration's %; earned
    /// value uses it when set.
    public var physicalPercentComplete: Double? = nil
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(id: ID = ID(0), version: Int = 1, projectId: Project.ID, parentId: Activity.ID? = nil,
                position: Int = 0, code: String, name: String, kind: ActivityKind = .leaf,
                duration: WorkDuration = .zero, percentComplete: Double = 0, plannedStart: CalendarDate? = nil,
                plannedFinish: CalendarDate? = nil, calendarId: WorkCalendar.ID? = nil,
                constraintType: SchedulingConstraint = .asap, constraintDate: LocalDateTime? = nil,
                deadline: LocalDateTime? = nil, actualStart: LocalDateTime? = nil, actualFinish: LocalDateTime? = nil,
                optimisticDuration: WorkDuration? = nil, pessimisticDuration: WorkDuration? = nil, priority: Int = 500,
                doNotLevel: Bool = false, leveledStart: LocalDateTime? = nil, manuallyScheduled: Bool = false,
                notes: String? = nil, createdAt: Timestamp, updatedAt: Timestamp) {
        self.id = id; self.version = version; self.projectId = projectId; self.parentId = parentId
        self.position = position; self.code = code; self.name = name; self.kind = kind; self.duration = duration
        self.percentComplete = percentComplete; self.plannedStart = plannedStart; self.plannedFinish = plannedFinish
        self.calendarId = calendarId; self.constraintType = constraintType; self.constraintDate = constraintDate
        self.deadline = deadline; self.actualStart = actualStart; self.actualFinish = actualFinish
        self.optimisticDuration = optimisticDuration; self.pessimisticDuration = pessimisticDuration
        self.priority = priority; self.doNotLevel = doNotLevel; self.leveledStart = leveledStart
        self.manuallyScheduled = manuallyScheduled; self.notes = notes
        self.createdAt = createdAt; self.updatedAt = updatedAt
    }

    /// Decoded field by field so that a record written before the P6 fields existed (an audit entry's snapshot
    /// that undo reads back) still reads, with their defaults.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(ID.self, forKey: .id)
        version = try c.decode(Int.self, forKey: .version)
        projectId = try c.decode(Project.ID.self, forKey: .projectId)
        parentId = try c.decodeIfPresent(Activity.ID.self, forKey: .parentId)
        position = try c.decode(Int.self, forKey: .position)
        code = try c.decode(String.self, forKey: .code)
        name = try c.decode(String.self, forKey: .name)
        kind = try c.decode(ActivityKind.self, forKey: .kind)
        duration = try c.decode(WorkDuration.self, forKey: .duration)
        percentComplete = try c.decode(Double.self, forKey: .percentComplete)
        plannedStart = try c.decodeIfPresent(CalendarDate.self, forKey: .plannedStart)
        plannedFinish = try c.decodeIfPresent(CalendarDate.self, forKey: .plannedFinish)
        calendarId = try c.decodeIfPresent(WorkCalendar.ID.self, forKey: .calendarId)
        constraintType = try c.decode(SchedulingConstraint.self, forKey: .constraintType)
        constraintDate = try c.decodeIfPresent(LocalDateTime.self, forKey: .constraintDate)
        deadline = try c.decodeIfPresent(LocalDateTime.self, forKey: .deadline)
        actualStart = try c.decodeIfPresent(LocalDateTime.self, forKey: .actualStart)
        actualFinish = try c.decodeIfPresent(LocalDateTime.self, forKey: .actualFinish)
        optimisticDuration = try c.decodeIfPresent(WorkDuration.self, forKey: .optimisticDuration)
        pessimisticDuration = try c.decodeIfPresent(WorkDuration.self, forKey: .pessimisticDuration)
        priority = try c.decode(Int.self, forKey: .priority)
        doNotLevel = try c.decode(Bool.self, forKey: .doNotLevel)
        leveledStart = try c.decodeIfPresent(LocalDateTime.self, forKey: .leveledStart)
        manuallyScheduled = try c.decode(Bool.self, forKey: .manuallyScheduled)
        notes = try c.decodeIfPresent(String.self, forKey: .notes)
        softConstraint = try c.decodeIfPresent(Bool.self, forKey: .softConstraint) ?? false
        finishMilestone = try c.decodeIfPresent(Bool.self, forKey: .finishMilestone) ?? false
        secondaryConstraintType = try c.decodeIfPresent(SchedulingConstraint.self, forKey: .secondaryConstraintType)
        secondaryConstraintDate = try c.decodeIfPresent(LocalDateTime.self, forKey: .secondaryConstraintDate)
        expectedFinish = try c.decodeIfPresent(LocalDateTime.self, forKey: .expectedFinish)
        suspendDate = try c.decodeIfPresent(LocalDateTime.self, forKey: .suspendDate)
        resumeDate = try c.decodeIfPresent(LocalDateTime.self, forKey: .resumeDate)
        derivedDates = try c.decodeIfPresent(DerivedDates.self, forKey: .derivedDates)
        externalEarlyStart = try c.decodeIfPresent(LocalDateTime.self, forKey: .externalEarlyStart)
        externalLateFinish = try c.decodeIfPresent(LocalDateTime.self, forKey: .externalLateFinish)
        fixedCostMinor = try c.decodeIfPresent(Int64.self, forKey: .fixedCostMinor) ?? 0
        physicalPercentComplete = try c.decodeIfPresent(Double.self, forKey: .physicalPercentComplete)
        createdAt = try c.decode(Timestamp.self, forKey: .createdAt)
        updatedAt = try c.decode(Timestamp.self, forKey: .updatedAt)
    }
}

/// A precedence link between two activities of one project, with a lag (negative for a lead).
public struct Dependency: Entity, Hashable {
    public typealias ID = EntityID<Dependency>
    public static let kindName = "dependency"
    public var id: ID
    public var version: Int
    public var projectId: Project.ID
    public var predecessorId: Activity.ID
    public var successorId: Activity.ID
    public var type: DependencyType
    public var lag: WorkDuration
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(id: ID = ID(0), version: Int = 1, projectId: Project.ID, predecessorId: Activity.ID,
                successorId: Activity.ID, type: DependencyType = .finishToStart, lag: WorkDuration = .zero,
                createdAt: Timestamp, updatedAt: Timestamp) {
        self.id = id; self.version = version; self.projectId = projectId; self.predecessorId = predecessorId
        self.successorId = successorId; self.type = type; self.lag = lag; self.createdAt = createdAt; self.updatedAt = updatedAt
    }
}

/// A working-time calendar: the working intervals of each weekday and the exceptions to them.
public struct WorkCalendar: Entity, Hashable {
    public typealias ID = EntityID<WorkCalendar>
    public static let kindName = "calendar"
    public var id: ID
    public var version: Int
    public var name: String
    public var week: WeekPattern
    public var exceptions: [CalendarException]
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(id: ID = ID(0), version: Int = 1, name: String, week: WeekPattern = .standard,
                exceptions: [CalendarException] = [], createdAt: Timestamp, updatedAt: Timestamp) {
        self.id = id; self.version = version; self.name = name; self.week = week; self.exceptions = exceptions
        self.createdAt = createdAt; self.updatedAt = updatedAt
    }
}

/// A person, a generic role, a team or a non-human resource that work can be assigned to.
public struct Resource: Entity, Hashable {
    public typealias ID = EntityID<Resource>
    public static let kindName = "resource"
    public var id: ID
    public var version: Int
    public var name: String
    public var kind: ResourceKind
    /// The job role ("Business analyst"); for a generic resource, the role it stands for.
    public var role: String
    /// Skills with their levels (1 aware … 5 expert).
    public var skills: [SkillLevel]
    /// Cost per hour in minor units of `currency` (cents for EUR/USD).
    public var costRateMinor: Int64
    public var currency: String
    /// Maximum units as a percentage: 100 is one full-time person, 300 three of a role; for a non-human resource its
    /// numeric limit × 100 (three test benches = 300).
    public var maxUnits: Double
    public var userId: User.ID?
    public var calendarId: WorkCalendar.ID?
    /// The organisation unit ("Engineering / Mobile"); empty when none.
    public var orgUnit: String
    /// The team (a resource of kind `team`) this one belongs to: a team's capacity is its members'.
    public var teamId: Resource.ID?
    /// Hours a regular week given to project work; nil to give `capacityPercent` of the calendar instead.
    public var capacityHoursPerWeek: Double?
    /// The share of the calendar's working time given to project work, when `capacityHoursPerWeek` is nil.
    public var capacityPercent: Double
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(id: ID = ID(0), version: Int = 1, name: String, kind: ResourceKind = .person, role: String = "",
                skills: [SkillLevel] = [], costRateMinor: Int64 = 0, currency: String = "EUR", maxUnits: Double = 100,
                userId: User.ID? = nil, calendarId: WorkCalendar.ID? = nil, orgUnit: String = "",
                teamId: Resource.ID? = nil, capacityHoursPerWeek: Double? = nil, capacityPercent: Double = 100,
                createdAt: Timestamp, updatedAt: Timestamp) {
        self.id = id; self.version = version; self.name = name; self.kind = kind; self.role = role
        self.skills = skills; self.costRateMinor = costRateMinor; self.currency = currency; self.maxUnits = maxUnits
        self.userId = userId; self.calendarId = calendarId; self.orgUnit = orgUnit; self.teamId = teamId
        self.capacityHoursPerWeek = capacityHoursPerWeek; self.capacityPercent = capacityPercent
        self.createdAt = createdAt; self.updatedAt = updatedAt
    }
}

/// A resource working on an activity: `units` is a percentage of the resource (100 is full time; a role with
/// max units 300 can give 300).
public struct Assignment: Entity, Hashable {
    public typealias ID = EntityID<Assignment>
    public static let kindName = "assignment"
    public var id: ID
    public var version: Int
    public var projectId: Project.ID
    public var activityId: Activity.ID
    public var resourceId: Resource.ID
    public var units: Double
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(id: ID = ID(0), version: Int = 1, projectId: Project.ID, activityId: Activity.ID,
                resourceId: Resource.ID, units: Double = 100, createdAt: Timestamp, updatedAt: Timestamp) {
        self.id = id; self.version = version; self.projectId = projectId; self.activityId = activityId
        self.resourceId = resourceId; self.units = units; self.createdAt = createdAt; self.updatedAt = updatedAt
    }
}

/// A lesson learned on a project (PMBOK's lessons learned register): kept through the project, searchable across
/// the portfolio when new projects start.
public struct LessonLearned: Entity, Hashable {
    public typealias ID = EntityID<LessonLearned>
    public static let kindName = "lesson"
    public var id: ID
    public var version: Int
    public var projectId: Project.ID
    /// Free category ("vendor management", "estimating"); a template can suggest them.
    public var category: String
    public var title: String
    public var description: String
    public var impact: String
    public var recommendation: String
    public var ownerId: User.ID?
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(id: ID = ID(0), version: Int = 1, projectId: Project.ID, category: String = "", title: String,
                description: String = "", impact: String = "", recommendation: String = "", ownerId: User.ID? = nil,
                createdAt: Timestamp, updatedAt: Timestamp) {
        self.id = id; self.version = version; self.projectId = projectId; self.category = category; self.title = title
        self.description = description; self.impact = impact; self.recommendation = recommendation
        self.ownerId = ownerId; self.createdAt = createdAt; self.updatedAt = updatedAt
    }
}

public enum TrainingKind: String, CaseIterable, Sendable, Codable {
    case training, certification
}

/// A course someone took or a certification they hold, with when it expires.
public struct TrainingRecord: Entity, Hashable {
    public typealias ID = EntityID<TrainingRecord>
    public static let kindName = "training_record"
    public var id: ID
    public var version: Int
    public var userId: User.ID
    public var kind: TrainingKind
    /// The course or certification ("PMP", "Scheduling with Gantry").
    public var title: String
    public var provider: String
    public var completedOn: CalendarDate?
    public var expiresOn: CalendarDate?
    public var credentialId: String
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(id: ID = ID(0), version: Int = 1, userId: User.ID, kind: TrainingKind = .training, title: String,
                provider: String = "", completedOn: CalendarDate? = nil, expiresOn: CalendarDate? = nil,
                credentialId: String = "", createdAt: Timestamp, updatedAt: Timestamp) {
        self.id = id; self.version = version; self.userId = userId; self.kind = kind; self.title = title
        self.provider = provider; self.completedOn = completedOn; self.expiresOn = expiresOn
        self.credentialId = credentialId; self.createdAt = createdAt; self.updatedAt = updatedAt
    }
}

/// A term of the PMO's standard language, with its definition, shown where the term appears.
public struct GlossaryTerm: Entity, Hashable {
    public typealias ID = EntityID<GlossaryTerm>
    public static let kindName = "glossary_term"
    public var id: ID
    public var version: Int
    public var term: String
    public var definition: String
    /// Other spellings or abbreviations that mean the same ("RAID log" for "RAID").
    public var aliases: [String]
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(id: ID = ID(0), version: Int = 1, term: String, definition: String, aliases: [String] = [],
                createdAt: Timestamp, updatedAt: Timestamp) {
        self.id = id; self.version = version; self.term = term; self.definition = definition; self.aliases = aliases
        self.createdAt = createdAt; self.updatedAt = updatedAt
    }
}
