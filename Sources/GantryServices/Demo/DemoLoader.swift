public import GantryModel

/// Loads `DemoData` into an empty database: one transaction per project, every user with the same generated
/// password (printed by the caller), so a new user can sign in as any role.
public struct DemoLoader: Sendable {
    let store: any Store
    let clock: any Clock
    let secrets: any Secrets

    public init(store: any Store, clock: any Clock, secrets: any Secrets) {
        self.store = store
        self.clock = clock
        self.secrets = secrets
    }

    public struct Result: Sendable {
        public var password: String
        public var users: [User]
        public var projects: Int
        public var activities: Int
        public var dependencies: Int
    }

    /// Demo users are recognised by this e-mail domain (`.invalid` is reserved: no real address ends so).
    public static let emailDomain = "@demo.gantry.invalid"

    /// Gives every demo user one new password, so a demo database can always be signed in to again.
    /// Returns nil, changing nothing, when the database holds no demo users.
    public func refreshPasswords() async throws -> Result? {
        let users = try await store.read { try await $0.list(User.self, ListQuery()) }
            .filter { $0.email?.hasSuffix(Self.emailDomain) == true }
        guard !users.isEmpty else { return nil }
        let password = String(secrets.newToken().prefix(16))
        let digest = secrets.hashPassword(password)
        try await store.write { s in for u in users { try await s.setPasswordDigest(digest, for: u.id) } }
        return Result(password: password, users: users, projects: 0, activities: 0, dependencies: 0)
    }

    /// Whether the database has no users and no portfolios yet.
    public func isEmpty() async throws -> Bool {
        try await store.read { s in
            let users = try await s.count(User.self, [:])
            let portfolios = try await s.count(Portfolio.self, [:])
            return users == 0 && portfolios == 0
        }
    }

    /// Loads the demo; `progress` is told after each project.
    public func load(_ data: DemoData, progress: @Sendable (String) -> Void = { _ in }) async throws -> Result {
        let now = clock.now()
        let password = String(secrets.newToken().prefix(16))
        let digest = secrets.hashPassword(password)

        let (users, calendarId, portfolioIds, programIds, resourceIds) = try await store.write { s in
            var users: [String: User] = [:]
            for u in data.users {
                let user = try await s.insert(User(username: u.username, displayName: u.displayName,
                                                   email: u.username + Self.emailDomain, role: u.role,
                                                   createdAt: now, updatedAt: now))
                try await s.setPasswordDigest(digest, for: user.id)
                users[u.username] = user
            }
            var calendar = data.calendar
            calendar.createdAt = now; calendar.updatedAt = now
            let calendarId = try await s.insert(calendar).id
            var resourceIds: [Resource.ID] = []
            for var r in data.resources {
                r.createdAt = now; r.updatedAt = now; r.calendarId = calendarId
                if r.name == DemoData.teamMemberResource { r.userId = users["tom.team"]?.id }
                resourceIds.append(try await s.insert(r).id)
            }
            var portfolioIds: [Portfolio.ID] = []
            for p in data.portfolios {
                portfolioIds.append(try await s.insert(Portfolio(
                    code: p.code, name: p.name, description: p.description, ownerId: users[p.owner]?.id,
                    governanceMode: p.mode, createdAt: now, updatedAt: now)).id)
            }
            var programIds: [Program.ID] = []
            for p in data.programs {
                programIds.append(try await s.insert(Program(
                    portfolioId: portfolioIds[p.portfolio], code: p.code, name: p.name, managerId: users[p.manager]?.id,
                    createdAt: now, updatedAt: now)).id)
            }
            return (users, calendarId, portfolioIds, programIds, resourceIds)
        }
        progress("users, calendar, \(data.resources.count) resources, \(data.portfolios.count) portfolios, \(data.programs.count) programs")

        var activityTotal = 0, linkTotal = 0
        for (n, p) in data.projects.enumerated() {
            try await store.write { s in
                let project = try await s.insert(Project(
                    portfolioId: portfolioIds[p.portfolio], programId: p.program.map { programIds[$0] }, code: p.code,
                    name: p.name, description: p.description, managerId: users[p.manager]?.id, state: p.state,
                    health: p.health, startDate: p.activities.map(\.start).min(), finishDate: p.activities.map(\.finish).max(),
                    calendarId: calendarId, createdAt: now, updatedAt: now))
                var ids: [Activity.ID] = []
                for (k, a) in p.activities.enumerated() {
                    // Every third task carries a three-point estimate for the risk analysis. No progress yet: it is
                    // recorded once the plan is saved as the baseline (DemoMoney).
                    let estimated = a.kind == .leaf && a.days > 1 && k % 3 == 0
                    ids.append(try await s.insert(Activity(
                        projectId: project.id, parentId: a.parent.map { ids[$0] }, position: a.position, code: a.code,
                        name: a.name, kind: a.kind, duration: .days(Double(a.days)), percentComplete: 0,
                        plannedStart: a.start, plannedFinish: a.finish,
                        optimisticDuration: estimated ? .days((Double(a.days) * 0.8).rounded(.down)) : nil,
                        pessimisticDuration: estimated ? .days((Double(a.days) * 1.6).rounded(.up)) : nil,
                        createdAt: now, updatedAt: now)).id)
                }
                for l in p.links {
                    _ = try await s.insert(Dependency(
                        projectId: project.id, predecessorId: ids[l.from], successorId: ids[l.to], type: l.type,
                        lag: .days(Double(l.lagDays)), createdAt: now, updatedAt: now))
                }
                // A small team per project, each on several tasks, so parallel work can overload someone.
                if !resourceIds.isEmpty {
                    let team = (0..<4).map { resourceIds[(n * 3 + $0) % resourceIds.count] }
                    for (k, a) in p.activities.enumerated() where a.kind == .leaf {
                        _ = try await s.insert(Assignment(
                            projectId: project.id, activityId: ids[k], resourceId: team[k % team.count], units: 100,
                            createdAt: now, updatedAt: now))
                    }
                }
                _ = try await Scheduling.reschedule(project.id, in: s, at: now)
            }
            activityTotal += p.activities.count
            linkTotal += p.links.count
            progress("project \(n + 1)/\(data.projects.count): \(p.code) \(p.name) (\(p.activities.count) activities)")
        }
        try await store.write { s in
            try await DemoCapacity.load(in: s, today: now.date, at: now)
            try await DemoCapacity.loadUnplannedProjects(in: s, portfolios: portfolioIds, managers: users, calendar: calendarId,
                                                         today: now.date, at: now)
        }
        progress("capacity: catalogues, teams, absences, background load, two projects staffed by allocations")
        let money = try await DemoMoney(store: store, clock: clock).load(users: users)
        progress("money: cost rates, exchange rates, \(money.baselines) baselines with budgets and funding, "
            + "\(money.timesheets) timesheets, \(money.expenses) expenses, progress with \(money.snapshots) earned value snapshots")
        try await store.write { s in
            try await DemoIntake.load(users: users, portfolios: portfolioIds, in: s, at: now)
            try await DemoGlossary.load(in: s, at: now)
        }
        progress("intake: scoring models and \(DemoIntake.proposals.count) requests")
        try await DemoGates.load(in: store, today: now.date, at: now)
        try await RAIDDemo(store: store, clock: clock).load()
        try await DemoStatusReports(store: store, clock: clock).load(users: Array(users.values))
        return Result(password: password, users: data.users.compactMap { users[$0.username] },
                      projects: data.projects.count + DemoData.unplannedProjectCodes.count,
                      activities: activityTotal, dependencies: linkTotal)
    }
}
