public import GantryModel
public import GantryGovernance

/// What the services know about a kind of record beyond its shape: whose permission it needs, what makes it
/// valid, what a delete must refuse or take along, and which list filters it offers.
public protocol ManagedEntity: Entity {
    /// The permission subject of a record, with the ownership facts loaded through the session.
    static func subject(of record: Self, in session: any StoreSession) async throws -> Subject
    /// Checks a record about to be stored (`existing` is the stored one on update). Throws `invalid` or `conflict`.
    static func validate(_ record: Self, existing: Self?, in session: any StoreSession) async throws
    /// Refuses the delete (`conflict`, naming what still uses the record) or deletes what belongs to it.
    static func prepareDelete(_ record: Self, in session: any StoreSession) async throws
    /// The list filters this kind accepts: the API's name for each, and whether it takes a reference or a state.
    static var filters: [String: FilterKind] { get }
    /// The subject used to decide who may list records of this kind.
    static var listSubject: Subject { get }
    /// Runs in the same transaction after a record was created, changed or deleted.
    static func didChange(_ record: Self, in session: any StoreSession) async throws
    /// Rules about who may make this particular change, beyond the permission policy's per-record decision (a
    /// portfolio's governance mode is the PMO director's to change). Throws `forbidden` with the reason.
    static func authorize(change record: Self, from existing: Self, by caller: Caller) throws
    /// The same, for rules that read the store (a gate's criteria follow the portfolio's governance mode). By default
    /// it asks `authorize(change:from:by:)`.
    static func authorize(change record: Self, from existing: Self, by caller: Caller, in session: any StoreSession) async throws
    /// Runs in the write's transaction before a record is validated and stored (`existing` is the stored one on
    /// update): fills in what the service derives (computed fields, who made it) and applies rules that need the
    /// caller. Throws `forbidden`, `invalid` or `conflict` with the reason.
    static func prepare(_ record: inout Self, existing: Self?, by caller: Caller, in session: any StoreSession) async throws
    /// Rules about who may delete this particular record, beyond the permission policy. Throws `forbidden`.
    static func authorize(delete record: Self, by caller: Caller, in session: any StoreSession) async throws
}

public enum FilterKind: Sendable, Hashable {
    /// A reference to another record by id (`portfolio_id=3`); `none` filters for no reference.
    case reference
    /// One of the listed values (`state=active`).
    case oneOf([String])
    /// Any text, matched exactly (`role=Architect`).
    case text
    /// Free text found anywhere in these fields, ignoring case (`q=vendor`).
    case search([String])
}

extension ManagedEntity {
    public static func authorize(change record: Self, from existing: Self, by caller: Caller) throws {}
    public static func authorize(change record: Self, from existing: Self, by caller: Caller,
                                 in session: any StoreSession) async throws {
        try authorize(change: record, from: existing, by: caller)
    }
    public static func prepareDelete(_ record: Self, in session: any StoreSession) async throws {}
    public static func didChange(_ record: Self, in session: any StoreSession) async throws {}
    public static func prepare(_ record: inout Self, existing: Self?, by caller: Caller,
                               in session: any StoreSession) async throws {}
    public static func authorize(delete record: Self, by caller: Caller, in session: any StoreSession) async throws {}
}

func refuseIfUsed<R: Entity, E: Entity>(_ record: R, by user: E.Type, _ filters: [String: FilterValue], as noun: String,
                             in session: any StoreSession) async throws {
    let n = try await session.count(E.self, filters)
    if n > 0 {
        throw ServiceError(.conflict, "\(R.kindName) \(record.id) is still used by \(n) \(noun); move or delete them first")
    }
}

func ensureUnique<E: Entity>(_ record: E, _ filters: [String: FilterValue], _ message: String,
                             in session: any StoreSession) async throws {
    let matches = try await session.list(E.self, ListQuery(filters: filters, limit: 2))
    // The field at fault is the filter that holds text (the code or the name); ids only scope it.
    let fields = filters.filter { if case .text = $0.value { true } else { false } }.keys.sorted()
    if matches.contains(where: { $0.id != record.id }) {
        throw ServiceError(.conflict, message, problems: fields.map { FieldProblem(field: $0, message: message) })
    }
}

extension User: ManagedEntity {
    public static func subject(of record: User, in session: any StoreSession) async throws -> Subject {
        .user(id: record.id)
    }
    public static let listSubject = Subject.user(id: nil)
    public static let filters: [String: FilterKind] = ["role": .oneOf(Role.allCases.map(\.rawValue))]

    public static func validate(_ r: User, existing: User?, in session: any StoreSession) async throws {
        var c = Checks()
        c.text("username", r.username, max: 64)
        if r.username.unicodeScalars.contains(where: {
            !(($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") || $0 == "." || $0 == "_" || $0 == "-")
        }) {
            c.fail("username", "username may hold only lowercase letters, digits, '.', '_' and '-'")
        }
        c.text("display_name", r.displayName, max: 200)
        if let email = r.email {
            c.text("email", email, max: 254)
            if !email.contains("@") { c.fail("email", "email '\(email)' is not an address (no '@')") }
        }
        try c.throwIfAny()
        try await ensureUnique(r, ["username": .text(r.username)], "a user named '\(r.username)' already exists", in: session)
    }

    public static func prepareDelete(_ r: User, in session: any StoreSession) async throws {
        try await refuseIfUsed(r, by: Portfolio.self, ["owner_id": .int(r.id.rawValue)], as: "portfolios as owner", in: session)
        try await refuseIfUsed(r, by: Project.self, ["manager_id": .int(r.id.rawValue)], as: "projects as manager", in: session)
        try await refuseIfUsed(r, by: Program.self, ["manager_id": .int(r.id.rawValue)], as: "programs as manager", in: session)
        // Their training and certification records go with them.
        _ = try await session.delete(TrainingRecord.self, where: ["user_id": .int(r.id.rawValue)])
    }
}

extension Portfolio: ManagedEntity {
    public static func subject(of r: Portfolio, in session: any StoreSession) async throws -> Subject {
        .portfolio(ownerId: r.ownerId)
    }

    /// The governance mode is changed only by the administrator or the PMO director (GovernanceModeChange); a
    /// portfolio manager may edit the rest of the portfolios they own. The audit trail records the change.
    public static func authorize(change r: Portfolio, from existing: Portfolio, by caller: Caller) throws {
        guard r.governanceMode != existing.governanceMode, case .user(let actor) = caller else { return }
        if case .failure(let refusal) = GovernanceModeChange.decide(
            to: r.governanceMode, from: existing.governanceMode, by: WorkflowActor(actor, relations: [])) {
            throw ServiceError(.forbidden, "Not allowed: \(refusal.reason).")
        }
    }
    public static let listSubject = Subject.portfolio(ownerId: nil)
    public static let filters: [String: FilterKind] = [
        "owner_id": .reference, "governance_mode": .oneOf(GovernanceMode.allCases.map(\.rawValue)),
    ]

    public static func validate(_ r: Portfolio, existing: Portfolio?, in session: any StoreSession) async throws {
        var c = Checks()
        c.code("code", r.code)
        c.text("name", r.name, max: 200)
        c.text("description", r.description, max: 10_000, required: false)
        checkChangeThresholds(r, &c)
        checkRAGPolicy(r, &c)
        try await c.exists("owner_id", r.ownerId, User.self, in: session)
        try c.throwIfAny()
        try await ensureUnique(r, ["code": .text(r.code)], "a portfolio with code '\(r.code)' already exists", in: session)
    }

    public static func prepareDelete(_ r: Portfolio, in session: any StoreSession) async throws {
        try await refuseIfUsed(r, by: Project.self, ["portfolio_id": .int(r.id.rawValue)], as: "projects", in: session)
        try await refuseIfUsed(r, by: Program.self, ["portfolio_id": .int(r.id.rawValue)], as: "programs", in: session)
    }
}

extension Program: ManagedEntity {
    public static func subject(of r: Program, in session: any StoreSession) async throws -> Subject {
        .program(portfolioOwnerId: try await session.get(Portfolio.self, r.portfolioId)?.ownerId)
    }
    public static let listSubject = Subject.program(portfolioOwnerId: nil)
    public static let filters: [String: FilterKind] = [
        "portfolio_id": .reference, "manager_id": .reference, "state": .oneOf(LifecycleState.allCases.map(\.rawValue)),
    ]

    public static func validate(_ r: Program, existing: Program?, in session: any StoreSession) async throws {
        var c = Checks()
        c.code("code", r.code)
        c.text("name", r.name, max: 200)
        c.text("description", r.description, max: 10_000, required: false)
        try await c.exists("portfolio_id", r.portfolioId, Portfolio.self, in: session)
        try await c.exists("manager_id", r.managerId, User.self, in: session)
        try c.throwIfAny()
        try await ensureUnique(r, ["portfolio_id": .int(r.portfolioId.rawValue), "code": .text(r.code)],
                               "portfolio \(r.portfolioId) already has a program with code '\(r.code)'", in: session)
    }

    public static func prepareDelete(_ r: Program, in session: any StoreSession) async throws {
        try await refuseIfUsed(r, by: Project.self, ["program_id": .int(r.id.rawValue)], as: "projects", in: session)
    }
}

extension Project: ManagedEntity {
    public static func subject(of r: Project, in session: any StoreSession) async throws -> Subject {
        .project(portfolioOwnerId: try await session.get(Portfolio.self, r.portfolioId)?.ownerId, managerId: r.managerId)
    }
    public static let listSubject = Subject.project(portfolioOwnerId: nil, managerId: nil)

    /// Who may assign a project's manager follows the portfolio's mode (ModeRules): the portfolio's owner or the
    /// PMO, and in a directive portfolio the PMO alone.
    public static func authorize(change r: Project, from existing: Project, by caller: Caller,
                                 in session: any StoreSession) async throws {
        guard let manager = r.managerId, manager != existing.managerId, case .user(let actor) = caller else { return }
        try await requireAssignable(manager, replacing: existing.managerId, in: existing.portfolioId, by: actor, in: session)
    }
    /// Naming a manager when a project is made follows the same rule as changing one.
    public static func prepare(_ r: inout Project, existing: Project?, by caller: Caller, in session: any StoreSession) async throws {
        guard existing == nil, let manager = r.managerId, case .user(let actor) = caller else { return }
        try await requireAssignable(manager, replacing: nil, in: r.portfolioId, by: actor, in: session)
    }
    /// ModeRules' verdict on `actor` making `manager` the manager of a project of `portfolioId` in place of
    /// `current`, refused at `manager_id`.
    static func requireAssignable(_ manager: User.ID, replacing current: User.ID?, in portfolioId: Portfolio.ID,
                                  by actor: Actor, in session: any StoreSession) async throws {
        let portfolio = try await session.get(Portfolio.self, portfolioId)
        var relations: Set<ProjectRelation> = []
        if portfolio?.ownerId == actor.userId { relations.insert(.portfolioOwner) }
        if let current, current == actor.userId { relations.insert(.projectManager) }
        if case .failure(let refusal) = ModeRules.assignProjectManager(
            manager, replacing: current, by: WorkflowActor(actor, relations: relations),
            mode: portfolio?.governanceMode ?? .supportive) {
            throw refusal.serviceError(field: "manager_id")
        }
    }
    public static let filters: [String: FilterKind] = [
        "portfolio_id": .reference, "program_id": .reference, "manager_id": .reference,
        "state": .oneOf(LifecycleState.allCases.map(\.rawValue)), "health": .oneOf(Health.allCases.map(\.rawValue)),
    ]

    public static func validate(_ r: Project, existing: Project?, in session: any StoreSession) async throws {
        var c = Checks()
        c.code("code", r.code)
        c.text("name", r.name, max: 200)
        c.text("description", r.description, max: 10_000, required: false)
        try await c.exists("portfolio_id", r.portfolioId, Portfolio.self, in: session)
        try await c.exists("manager_id", r.managerId, User.self, in: session)
        try await c.exists("calendar_id", r.calendarId, WorkCalendar.self, in: session)
        if let programId = r.programId {
            if let program = try await session.get(Program.self, programId) {
                if program.portfolioId != r.portfolioId {
                    c.fail("program_id", "program \(programId) belongs to portfolio \(program.portfolioId), not to portfolio \(r.portfolioId)")
                }
            } else {
                c.fail("program_id", "program_id: program \(programId) does not exist")
            }
        }
        if let s = r.startDate, let f = r.finishDate, f < s {
            c.fail("finish_date", "finish_date \(f) is before start_date \(s)")
        }
        if r.criticalFloat.isElapsed || r.criticalFloat.value < 0 || r.criticalFloat.minutes() > 60 * 24 * 366 {
            c.fail("critical_float", "critical_float is a working duration from 0 up to a year, like 0d or 2d (it is \(r.criticalFloat))")
        }
        try c.throwIfAny()
        try await ensureUnique(r, ["code": .text(r.code)], "a project with code '\(r.code)' already exists", in: session)
    }

    /// A project takes its schedule with it.
    public static func prepareDelete(_ r: Project, in session: any StoreSession) async throws {
        _ = try await session.delete(Assignment.self, where: ["project_id": .int(r.id.rawValue)])
        _ = try await session.delete(ProjectAllocation.self, where: ["project_id": .int(r.id.rawValue)])
        _ = try await session.delete(LessonLearned.self, where: ["project_id": .int(r.id.rawValue)])
        _ = try await session.delete(ProjectPhase.self, where: ["project_id": .int(r.id.rawValue)])
        _ = try await session.delete(StatusReport.self, where: ["project_id": .int(r.id.rawValue)])
        try await deleteRAIDAndChanges(of: r.id, in: session)
        _ = try await session.delete(Dependency.self, where: ["project_id": .int(r.id.rawValue)])
        _ = try await session.delete(Activity.self, where: ["project_id": .int(r.id.rawValue)])
    }
}

func scheduleSubject(_ projectId: Project.ID, in session: any StoreSession) async throws -> Subject {
    guard let project = try await session.get(Project.self, projectId) else {
        return .schedule(portfolioOwnerId: nil, managerId: nil)
    }
    return try await scheduleSubject(project, in: session)
}

/// The same for a project already read.
func scheduleSubject(_ project: Project, in session: any StoreSession) async throws -> Subject {
    let owner = try await session.get(Portfolio.self, project.portfolioId)?.ownerId
    return .schedule(portfolioOwnerId: owner, managerId: project.managerId)
}

extension Activity: ManagedEntity {
    public static func subject(of r: Activity, in session: any StoreSession) async throws -> Subject {
        try await scheduleSubject(r.projectId, in: session)
    }
    public static let listSubject = Subject.schedule(portfolioOwnerId: nil, managerId: nil)
    public static let filters: [String: FilterKind] = [
        "project_id": .reference, "parent_id": .reference, "kind": .oneOf(ActivityKind.allCases.map(\.rawValue)),
        "constraint_type": .oneOf(SchedulingConstraint.allCases.map(\.rawValue)),
    ]

    public static func validate(_ r: Activity, existing: Activity?, in session: any StoreSession) async throws {
        var c = Checks()
        c.code("code", r.code, max: 64)
        c.text("name", r.name, max: 200)
        c.range("percent_complete", r.percentComplete, 0...100)
        if let p = r.physicalPercentComplete { c.range("physical_percent_complete", p, 0...100) }
        if r.fixedCostMinor < 0 { c.fail("fixed_cost_minor", "fixed_cost_minor must not be negative (it is \(r.fixedCostMinor))") }
        // A summary's cost is its activities' (a baseline costs leaves only): a fixed cost of its own would be left
        // out of the budget. One it had before this rule stays until changed.
        if r.kind == .summary && r.fixedCostMinor != 0 && !(existing?.kind == .summary && existing?.fixedCostMinor == r.fixedCostMinor) {
            c.fail("fixed_cost_minor", "\(r.code) is a summary, whose cost is the sum of its activities': it has no fixed cost of its own (fixed_cost_minor is \(r.fixedCostMinor)); give it to one of its activities")
        }
        if r.position < 0 { c.fail("position", "position must not be negative") }
        if r.duration.value < 0 { c.fail("duration", "duration must not be negative (it is \(r.duration))") }
        if r.duration.minutes() > 60 * 24 * 366 * 50 { c.fail("duration", "duration \(r.duration) is longer than 50 years") }
        if r.kind == .milestone && r.duration.value != 0 {
            c.fail("duration", "a milestone has no duration (it is \(r.duration)); make it a leaf activity or set 0d")
        }
        if let s = r.plannedStart, let f = r.plannedFinish, f < s {
            c.fail("planned_finish", "planned_finish \(f) is before planned_start \(s)")
        }
        if let existing, existing.projectId != r.projectId {
            c.fail("project_id", "an activity cannot move to another project")
        }
        if r.constraintType.isDated && r.constraintDate == nil {
            c.fail("constraint_date", "a \(r.constraintType.rawValue) constraint needs a constraint_date (yyyy-MM-ddTHH:mm)")
        }
        if let s = r.actualStart, let f = r.actualFinish, f < s {
            c.fail("actual_finish", "actual_finish \(f) is before actual_start \(s)")
        }
        if r.actualFinish != nil && r.actualStart == nil {
            c.fail("actual_start", "an activity with an actual_finish needs an actual_start")
        }
        if let o = r.optimisticDuration, o.value < 0 || o.minutes() > r.duration.minutes() {
            c.fail("optimistic_duration", "optimistic_duration \(o) must be between 0 and the duration \(r.duration)")
        }
        if let p = r.pessimisticDuration, p.minutes() < r.duration.minutes() || p.minutes() > 60 * 24 * 366 * 50 {
            c.fail("pessimistic_duration", "pessimistic_duration \(p) must be at least the duration \(r.duration) and under 50 years")
        }
        if let notes = r.notes, notes.count > 20_000 { c.fail("notes", "notes are \(notes.count) characters long; keep them under 20000") }
        if !(0...1000).contains(r.priority) { c.fail("priority", "priority must be between 0 and 1000 (it is \(r.priority))") }
        if r.manuallyScheduled && (r.plannedStart == nil || r.plannedFinish == nil) {
            c.fail("manually_scheduled", "a manually scheduled activity needs planned_start and planned_finish")
        }
        // References and the code are looked up only when new or changed: a stored activity's were checked
        // when stored, and what they name cannot be deleted while it is named.
        if existing?.projectId != r.projectId { try await c.exists("project_id", r.projectId, Project.self, in: session) }
        if existing?.calendarId != r.calendarId { try await c.exists("calendar_id", r.calendarId, WorkCalendar.self, in: session) }
        if let parentId = r.parentId, existing?.parentId != r.parentId {
            if let parent = try await session.get(Activity.self, parentId) {
                if parent.projectId != r.projectId {
                    c.fail("parent_id", "activity \(parentId) belongs to project \(parent.projectId), not to project \(r.projectId)")
                } else if parent.kind != .summary {
                    c.fail("parent_id", "activity \(parentId) is a \(parent.kind.rawValue); only a summary activity can have children")
                } else if existing != nil {
                    // The new parent must not be the activity itself or one of its descendants.
                    var cursor: Activity? = parent
                    var steps = 0
                    while let a = cursor, steps < 10_000 {
                        if a.id == r.id { c.fail("parent_id", "activity \(parentId) is \(r.id) itself or below it in the WBS"); break }
                        cursor = try await a.parentId.asyncMap { try await session.get(Activity.self, $0) } ?? nil
                        steps += 1
                    }
                }
            } else {
                c.fail("parent_id", "parent_id: activity \(parentId) does not exist")
            }
        }
        if let existing, existing.kind == .summary, r.kind != .summary,
           try await session.count(Activity.self, ["parent_id": .int(r.id.rawValue)]) > 0 {
            c.fail("kind", "activity \(r.id) has children; it stays a summary until they move or go")
        }
        try c.throwIfAny()
        if existing?.code != r.code || existing?.projectId != r.projectId {
            try await ensureUnique(r, ["project_id": .int(r.projectId.rawValue), "code": .text(r.code)],
                                   "project \(r.projectId) already has an activity with code '\(r.code)'", in: session)
        }
    }

    /// Any change to an activity changes its project's schedule.
    public static func didChange(_ r: Activity, in session: any StoreSession) async throws {
        try await session.bumpScheduleRevision(of: r.projectId)
    }

    /// An activity with children is refused; a leaf takes its links with it.
    public static func prepareDelete(_ r: Activity, in session: any StoreSession) async throws {
        try await refuseIfUsed(r, by: Activity.self, ["parent_id": .int(r.id.rawValue)], as: "child activities", in: session)
        _ = try await session.delete(Dependency.self, where: ["predecessor_id": .int(r.id.rawValue)])
        _ = try await session.delete(Dependency.self, where: ["successor_id": .int(r.id.rawValue)])
        _ = try await session.delete(Assignment.self, where: ["activity_id": .int(r.id.rawValue)])
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        switch self {
        case .some(let w): return try await transform(w)
        case .none: return nil
        }
    }
}

extension WorkCalendar: ManagedEntity {
    public static func subject(of r: WorkCalendar, in session: any StoreSession) async throws -> Subject { .calendar }
    public static let listSubject = Subject.calendar
    public static let filters: [String: FilterKind] = [:]

    public static func validate(_ r: WorkCalendar, existing: WorkCalendar?, in session: any StoreSession) async throws {
        var c = Checks()
        c.text("name", r.name, max: 200)
        if let problem = r.week.problem { c.fail("week", problem) }
        if r.exceptions.count > 5000 { c.fail("exceptions", "at most 5000 exceptions (there are \(r.exceptions.count))") }
        for (i, e) in r.exceptions.enumerated() {
            if e.to < e.from { c.fail("exceptions[\(i)].to", "exception '\(e.name)' ends (\(e.to)) before it starts (\(e.from))") }
            if e.name.count > 200 { c.fail("exceptions[\(i)].name", "name must be at most 200 characters") }
            for (a, b) in zip(e.working, e.working.dropFirst()) where b.start < a.end {
                c.fail("exceptions[\(i)].working", "\(b) overlaps or comes before \(a)")
            }
        }
        try c.throwIfAny()
        try await ensureUnique(r, ["name": .text(r.name)], "a calendar named '\(r.name)' already exists", in: session)
    }

    public static func prepareDelete(_ r: WorkCalendar, in session: any StoreSession) async throws {
        let id = FilterValue.int(r.id.rawValue)
        try await refuseIfUsed(r, by: Project.self, ["calendar_id": id], as: "projects", in: session)
        try await refuseIfUsed(r, by: Activity.self, ["calendar_id": id], as: "activities", in: session)
        try await refuseIfUsed(r, by: Resource.self, ["calendar_id": id], as: "resources", in: session)
    }
}

extension Resource: ManagedEntity {
    public static func subject(of r: Resource, in session: any StoreSession) async throws -> Subject { .resource }
    public static let listSubject = Subject.resource
    public static let filters: [String: FilterKind] = [
        "kind": .oneOf(ResourceKind.allCases.map(\.rawValue)), "role": .text, "user_id": .reference,
        "team_id": .reference, "org_unit": .text,
    ]

    public static func validate(_ r: Resource, existing: Resource?, in session: any StoreSession) async throws {
        var c = Checks()
        c.text("name", r.name, max: 200)
        c.text("role", r.role, max: 100, required: false)
        checkSkills(r.skills, &c)
        c.text("org_unit", r.orgUnit, max: 200, required: false)
        if let hours = r.capacityHoursPerWeek {
            c.range("capacity_hours_per_week", hours, 0...168)
        }
        c.range("capacity_percent", r.capacityPercent, 0...100)
        if r.costRateMinor < 0 { c.fail("cost_rate_minor", "cost_rate_minor must not be negative") }
        if r.currency.count != 3 || !r.currency.unicodeScalars.allSatisfy({ $0 >= "A" && $0 <= "Z" }) {
            c.fail("currency", "currency '\(r.currency)' is not an ISO 4217 code like EUR or USD")
        }
        c.range("max_units", r.maxUnits, 0...100_000)
        if r.maxUnits == 0 { c.fail("max_units", "max_units must be above 0") }
        try await c.exists("user_id", r.userId, User.self, in: session)
        try await c.exists("calendar_id", r.calendarId, WorkCalendar.self, in: session)
        if let team = r.teamId {
            if r.kind == .team {
                c.fail("team_id", "resource \(r.name) is a team; teams do not nest: list the people in the team instead")
            } else if team == r.id {
                c.fail("team_id", "a resource cannot be its own team")
            } else if let t = try await session.get(Resource.self, team) {
                if t.kind != .team { c.fail("team_id", "team_id: resource \(team) (\(t.name)) is a \(t.kind.rawValue), not a team") }
            } else {
                c.fail("team_id", "team_id: resource \(team) does not exist")
            }
        }
        if let existing, existing.kind == .team, r.kind != .team,
           try await session.count(Resource.self, ["team_id": .int(r.id.rawValue)]) > 0 {
            c.fail("kind", "resource \(r.id) is a team with members; take them out of the team before changing its kind")
        }
        try c.throwIfAny()
    }

    /// A resource still assigned to work, allocated to a project or with team members is refused; its absences and
    /// background load go with it.
    public static func prepareDelete(_ r: Resource, in session: any StoreSession) async throws {
        let id = FilterValue.int(r.id.rawValue)
        try await refuseIfUsed(r, by: Assignment.self, ["resource_id": id], as: "assignments", in: session)
        try await refuseIfUsed(r, by: ProjectAllocation.self, ["resource_id": id], as: "project allocations", in: session)
        try await refuseIfUsed(r, by: Resource.self, ["team_id": id], as: "team members", in: session)
        _ = try await session.delete(Absence.self, where: ["resource_id": id])
        _ = try await session.delete(BackgroundLoad.self, where: ["resource_id": id])
    }
}
