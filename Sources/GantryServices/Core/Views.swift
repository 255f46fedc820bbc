public import GantryModel

/// A portfolio with its programs and its projects, grouped the way the portfolio page shows them.
public struct PortfolioOverview: Sendable {
    public var portfolio: Portfolio
    public var owner: User?
    public var programs: [Program]
    public var projects: [Project]
    public var managers: [User.ID: User]

    public func projects(in program: Program.ID?) -> [Project] { projects.filter { $0.programId == program } }

    public var healthCounts: [Health: Int] { Dictionary(grouping: projects, by: \.health).mapValues(\.count) }
}

/// A project's schedule in WBS order: each activity with its depth in the hierarchy, and the links between them.
public struct ProjectSchedule: Sendable {
    public struct Row: Sendable {
        public var activity: Activity
        public var depth: Int
        public var predecessors: [Dependency]
    }

    public var rows: [Row]
    public var dependencies: [Dependency]
    /// The schedule revision this was read at (see `Views.planStamp`).
    public var revision: Int64

    /// Activities in WBS order: parents before children, siblings by position then id. Orphans (a parent in
    /// another project, which validation prevents) are appended at the top level.
    public static func wbsOrder(_ activities: [Activity]) -> [(Activity, Int)] {
        let children = Dictionary(grouping: activities, by: \.parentId)
        let known = Set(activities.map(\.id))
        var out: [(Activity, Int)] = []
        out.reserveCapacity(activities.count)
        func walk(_ parent: Activity.ID?, _ depth: Int) {
            let kids = (children[parent] ?? []).sorted { ($0.position, $0.id) < ($1.position, $1.id) }
            for kid in kids {
                out.append((kid, depth))
                if depth < 64 { walk(kid.id, depth + 1) }
            }
        }
        walk(nil, 0)
        for a in activities where a.parentId.map({ !known.contains($0) }) ?? false {
            out.append((a, 0))
        }
        return out
    }
}

/// Read models for the pages: one read each, permission checked like the records they show.
public struct Views: Sendable {
    let store: any Store
    let catalog: Catalog

    public init(store: any Store, catalog: Catalog) {
        self.store = store
        self.catalog = catalog
    }

    /// Every portfolio the caller may see, with its number of projects and its owner.
    public func portfolios(_ caller: Caller) async throws -> [(Portfolio, projectCount: Int, owner: User?)] {
        let portfolios = try await catalog.all(Portfolio.self, caller, [:])
        let projects = try await catalog.all(Project.self, caller, [:])
        let counts = Dictionary(grouping: projects, by: \.portfolioId).mapValues(\.count)
        // Owners' names are shown to everyone who sees the portfolio, whether or not they may list users.
        let users = try await store.read { try await $0.list(User.self, ListQuery()) }
        let byId = Dictionary(uniqueKeysWithValues: users.map { ($0.id, $0) })
        return portfolios.map { ($0, counts[$0.id] ?? 0, $0.ownerId.flatMap { byId[$0] }) }
    }

    /// Every active user's id, name and role, for the pickers of a form (a request's sponsor, a new project's
    /// manager). Names are shown to everyone signed in, as on the portfolio pages.
    public func directory(_ caller: Caller) async throws -> [User] {
        guard caller.userId != nil || caller == .system else { throw ServiceError(.unauthenticated, "sign in first") }
        return try await store.read { try await $0.list(User.self, ListQuery()) }.filter(\.active)
    }

    public func portfolio(_ id: Portfolio.ID, _ caller: Caller) async throws -> PortfolioOverview {
        let portfolio = try await catalog.get(Portfolio.self, id, caller)
        let programs = try await catalog.all(Program.self, caller, ["portfolio_id": .int(id.rawValue)])
        let projects = try await catalog.all(Project.self, caller, ["portfolio_id": .int(id.rawValue)])
        let users = try await store.read { try await $0.list(User.self, ListQuery()) }
        let byId = Dictionary(uniqueKeysWithValues: users.map { ($0.id, $0) })
        return PortfolioOverview(
            portfolio: portfolio, owner: portfolio.ownerId.flatMap { byId[$0] }, programs: programs,
            projects: projects, managers: byId)
    }

    /// A project with what its page shows around the schedule, and the schedule revision it was read at.
    public func projectHeader(_ id: Project.ID, _ caller: Caller) async throws -> ProjectHeader {
        let project = try await catalog.get(Project.self, id, caller)
        return try await store.read { session in
            guard let portfolio = try await session.get(Portfolio.self, project.portfolioId) else {
                throw ServiceError.notFound(Portfolio.self, project.portfolioId)
            }
            return ProjectHeader(
                project: project, portfolio: portfolio,
                program: try await project.programId.asyncMap { try await session.get(Program.self, $0) } ?? nil,
                manager: try await project.managerId.asyncMap { try await session.get(User.self, $0) } ?? nil,
                revision: try await session.scheduleRevision(of: id))
        }
    }

    /// A project and what identifies the current version of its plan: the project's own version and its schedule
    /// revision. Cheap (two small reads), so clients and caches can tell whether a plan changed without reading it.
    public func planStamp(_ id: Project.ID, _ caller: Caller) async throws -> (project: Project, stamp: PlanStamp) {
        let project = try await catalog.get(Project.self, id, caller)
        let revision = try await store.read { try await $0.scheduleRevision(of: id) }
        return (project, PlanStamp(project: id, projectVersion: project.version, revision: revision))
    }

    /// The activities and links of a project read by `projectHeader` or `planStamp`, in WBS order.
    public func schedule(of project: Project, _ caller: Caller) async throws -> ProjectSchedule {
        let id = project.id
        return try await store.read { session in
            try await caller.requireView(Activity.listSubject) { try await scheduleSubject(id, in: session) }
            let revision = try await session.scheduleRevision(of: id)
            let filter: [String: FilterValue] = ["project_id": .int(id.rawValue)]
            let activities = try await session.list(Activity.self, ListQuery(filters: filter))
            let dependencies = try await session.list(Dependency.self, ListQuery(filters: filter))
            let incoming = Dictionary(grouping: dependencies, by: \.successorId)
            let rows = ProjectSchedule.wbsOrder(activities).map {
                ProjectSchedule.Row(activity: $0.0, depth: $0.1, predecessors: incoming[$0.0.id] ?? [])
            }
            return ProjectSchedule(rows: rows, dependencies: dependencies, revision: revision)
        }
    }
}

/// A version of a project's plan: it changes whenever the project or any of its activities or links changes.
public struct PlanStamp: Sendable, Hashable {
    public var project: Project.ID
    public var projectVersion: Int
    public var revision: Int64

    /// The stamp of a schedule read for a project: its revision with the project's version.
    public init(project: Project, schedule: ProjectSchedule) {
        self.init(project: project.id, projectVersion: project.version, revision: schedule.revision)
    }

    init(project: Project.ID, projectVersion: Int, revision: Int64) {
        self.project = project
        self.projectVersion = projectVersion
        self.revision = revision
    }

    /// As an HTTP entity tag.
    public var etag: String { "\"p\(projectVersion)s\(revision)\"" }
}


/// A project and what its page shows around the schedule.
public struct ProjectHeader: Sendable {
    public var project: Project
    public var portfolio: Portfolio
    public var program: Program?
    public var manager: User?
    /// The schedule revision when this was read: the schedule to show with it is the one at this revision.
    public var revision: Int64
}
