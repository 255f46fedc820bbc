public import GantryModel
public import GantryGovernance

/// The record pages' use cases beyond the catalog's: a project made with its template in one transaction, and what
/// uses a resource or a calendar. Permissions, rules and the audit trail are the catalog's and the templates' own.
public struct Records: Sendable {
    let store: any Store
    let clock: any Clock

    public init(store: any Store, clock: any Clock) {
        self.store = store
        self.clock = clock
    }

    /// Creates a project as `Catalog.create` does and, when a template is named, gives it the template's phases,
    /// gates and WBS skeleton the way an approved intake request does, all in one transaction: a refused template
    /// leaves no project behind. Returns the project as stored after the template (its report cadence).
    public func createProject(_ draft: Project, template templateId: ProjectTemplate.ID?, _ caller: Caller) async throws
        -> Project
    {
        let now = clock.now()
        return try await store.write { session in
            let saved = try await Catalog.insert(draft, by: caller, at: now, in: session)
            guard let templateId else { return saved }
            try caller.require(.create, try await scheduleSubject(saved.id, in: session))
            try await ProjectTemplates.instantiate(TemplateRef(templateId.rawValue), into: saved, by: caller, at: now,
                                                   in: session)
            return try await session.get(Project.self, saved.id) ?? saved
        }
    }

    /// A resource with the work it is assigned to, grouped by project.
    public func resourceUse(_ id: Resource.ID, _ caller: Caller) async throws -> ResourceUse {
        let resource = try await Catalog(store: store, clock: clock).get(Resource.self, id, caller)
        return try await store.read { session in
            try await caller.requireView(Assignment.listSubject) { .schedule(portfolioOwnerId: nil, managerId: nil) }
            let assignments = try await session.list(Assignment.self, ListQuery(filters: ["resource_id": .int(id.rawValue)]))
            var groups: [Project.ID: [ResourceUse.Work]] = [:]
            for a in assignments {
                guard let activity = try await session.get(Activity.self, a.activityId) else { continue }
                groups[a.projectId, default: []].append(ResourceUse.Work(assignment: a, activity: activity))
            }
            var projects: [ResourceUse.ProjectWork] = []
            for (projectId, work) in groups {
                guard let project = try await session.get(Project.self, projectId) else { continue }
                projects.append(ResourceUse.ProjectWork(
                    project: project, work: work.sorted { ($0.activity.code, $0.activity.id) < ($1.activity.code, $1.activity.id) }))
            }
            let byResource: [String: FilterValue] = ["resource_id": .int(id.rawValue)]
            var allocations: [(allocation: ProjectAllocation, project: Project)] = []
            for a in try await session.list(ProjectAllocation.self, ListQuery(filters: byResource)) {
                if let project = try await session.get(Project.self, a.projectId) { allocations.append((a, project)) }
            }
            return ResourceUse(
                resource: resource,
                calendar: try await resource.calendarId.asyncMap { try await session.get(WorkCalendar.self, $0) } ?? nil,
                user: try await resource.userId.asyncMap { try await session.get(User.self, $0) } ?? nil,
                projects: projects.sorted { $0.project.code < $1.project.code },
                team: try await resource.teamId.asyncMap { try await session.get(Resource.self, $0) } ?? nil,
                members: resource.kind == .team
                    ? try await session.list(Resource.self, ListQuery(filters: ["team_id": .int(id.rawValue)])) : [],
                absences: try await session.list(Absence.self, ListQuery(filters: byResource))
                    .sorted { ($0.firstDay, $0.id) < ($1.firstDay, $1.id) },
                backgroundLoads: try await session.list(BackgroundLoad.self, ListQuery(filters: byResource)),
                allocations: allocations.sorted { ($0.allocation.firstDay, $0.allocation.id) < ($1.allocation.firstDay, $1.allocation.id) })
        }
    }

    /// A calendar with the projects, activities and resources that use it.
    public func calendarUse(_ id: WorkCalendar.ID, _ caller: Caller) async throws -> CalendarUse {
        let calendar = try await Catalog(store: store, clock: clock).get(WorkCalendar.self, id, caller)
        return try await store.read { session in
            let filter: [String: FilterValue] = ["calendar_id": .int(id.rawValue)]
            let projects = try await session.list(Project.self, ListQuery(filters: filter))
            let activities = try await session.list(Activity.self, ListQuery(filters: filter))
            let resources = try await session.list(Resource.self, ListQuery(filters: filter))
            var owners: [Project.ID: Project] = Dictionary(uniqueKeysWithValues: projects.map { ($0.id, $0) })
            for a in activities where owners[a.projectId] == nil {
                owners[a.projectId] = try await session.get(Project.self, a.projectId)
            }
            return CalendarUse(
                calendar: calendar, projects: projects.sorted { $0.code < $1.code },
                activities: activities.sorted { ($0.projectId, $0.code) < ($1.projectId, $1.code) }
                    .map { ($0, owners[$0.projectId]) },
                resources: resources.sorted { $0.name < $1.name })
        }
    }
}

/// What `Records.resourceUse` reads.
public struct ResourceUse: Sendable {
    public struct Work: Sendable {
        public var assignment: Assignment
        public var activity: Activity
    }
    public struct ProjectWork: Sendable {
        public var project: Project
        public var work: [Work]
    }
    public var resource: Resource
    public var calendar: WorkCalendar?
    public var user: User?
    public var projects: [ProjectWork]
    /// The team it belongs to, and for a team its members.
    public var team: Resource?
    public var members: [Resource]
    public var absences: [Absence]
    public var backgroundLoads: [BackgroundLoad]
    /// Project allocations naming this resource, with their projects.
    public var allocations: [(allocation: ProjectAllocation, project: Project)]
}

/// What `Records.calendarUse` reads.
public struct CalendarUse: Sendable {
    public var calendar: WorkCalendar
    public var projects: [Project]
    public var activities: [(activity: Activity, project: Project?)]
    public var resources: [Resource]

    public var isUsed: Bool { !projects.isEmpty || !activities.isEmpty || !resources.isEmpty }
}

/// The changes a record page offers, for asking the permission policy before showing a button or a form.
public enum RecordChange: Sendable {
    case create, update, delete

    var action: Action {
        switch self {
        case .create: .create
        case .update: .update
        case .delete: .delete
        }
    }
}

extension Caller {
    /// Why the caller may not make `change` on a record with this subject, or nil when they may. For pages that
    /// show a button only to those who may; the use cases check again on their own.
    func refusal(_ change: RecordChange, _ subject: Subject) -> String? {
        do { try require(change.action, subject); return nil } catch { return error.message }
    }

    /// Portfolios: a new one (`portfolio` nil) or this one.
    public func refusal(_ change: RecordChange, portfolio: Portfolio?) -> String? {
        refusal(change, .portfolio(ownerId: portfolio?.ownerId))
    }

    /// Programs in `portfolio`.
    public func refusal(_ change: RecordChange, programIn portfolio: Portfolio) -> String? {
        refusal(change, .program(portfolioOwnerId: portfolio.ownerId))
    }

    /// Projects in `portfolio`: a new one (`project` nil) or this one.
    public func refusal(_ change: RecordChange, project: Project?, in portfolio: Portfolio) -> String? {
        refusal(change, .project(portfolioOwnerId: portfolio.ownerId, managerId: project?.managerId))
    }

    /// Calendars.
    public func refusal(calendar change: RecordChange) -> String? { refusal(change, .calendar) }

    /// Resources.
    public func refusal(resource change: RecordChange) -> String? { refusal(change, .resource) }

    /// A person's absences (the person is the user the resource stands for).
    public func refusal(absenceOf person: User.ID?, _ change: RecordChange) -> String? {
        refusal(change, .absence(personId: person))
    }

    /// The PMO's standards: templates, the glossary, the skill and role catalogues, capacity settings, scenarios.
    public func refusal(standards change: RecordChange) -> String? { refusal(change, .standards) }

    /// A project's budget, funding and progress snapshots.
    public func refusal(financesOf project: Project, in portfolio: Portfolio?, _ change: RecordChange) -> String? {
        refusal(change, .finances(portfolioOwnerId: portfolio?.ownerId, managerId: project.managerId))
    }

    /// An expense on a project, entered by `submitter`.
    public func refusal(expenseOn project: Project, in portfolio: Portfolio?, by submitter: User.ID?, _ change: RecordChange) -> String? {
        refusal(change, .expense(submitterId: submitter, portfolioOwnerId: portfolio?.ownerId, managerId: project.managerId))
    }

    /// A project's schedule and allocations.
    public func refusal(scheduleOf project: Project, in portfolio: Portfolio?, _ change: RecordChange) -> String? {
        refusal(change, .schedule(portfolioOwnerId: portfolio?.ownerId, managerId: project.managerId))
    }

    /// Why the caller may not assign `project`'s manager under its portfolio's governance mode (`ModeRules`, as
    /// `Project.authorize(change:)` applies it), or nil when they may.
    public func managerAssignmentRefusal(_ project: Project, in portfolio: Portfolio) -> String? {
        guard case .user(let actor) = self else { return nil }
        var relations: Set<ProjectRelation> = []
        if portfolio.ownerId == actor.userId { relations.insert(.portfolioOwner) }
        if project.managerId == actor.userId { relations.insert(.projectManager) }
        let someone = User.ID(Int64.max)
        if case .failure(let refusal) = ModeRules.assignProjectManager(
            someone, replacing: project.managerId, by: WorkflowActor(actor, relations: relations),
            mode: portfolio.governanceMode) {
            return refusal.reason
        }
        return nil
    }
}
