import Foundation
import GantryModel
import GantryServices
import GantryStorage
import Testing

/// The one storage contract, run on every available database (`Backend.available`): what `Store` and
/// `StoreSession` promise in Sources/GantryServices/Core/Ports.swift.
@Suite("Storage contract")
struct StorageContractTests {
    static let t0 = Timestamp.at("2026-11-28T16:20:00.123Z")
    static let t1 = Timestamp.at("2026-11-29T08:00:00.000Z")

    // MARK: migrations

    @Test("migrating applies the schema once; a second migrate, even after reopening, applies nothing",
          arguments: Backend.available)
    func migrateIsIdempotent(backend: Backend) async throws {
        try await TestDatabase.with(backend, migrated: false) { store, url in
            #expect(store.kind == backend.rawValue)
            try await store.ping()
            let first = try await store.migrate()
            #expect(first.first == "0001_foundation")
            #expect(Set(first).count == first.count)
            #expect(try await store.migrate() == [])
            #expect(try await store.read { try await $0.count(User.self, [:]) } == 0)

            let reopened = try await SQLStore.open(url: url, logger: TestDatabase.logger)
            let again = try await reopened.migrate()
            await reopened.close()
            #expect(again == [])
        }
    }

    // MARK: round trips

    /// One record of every kind with every field set to something other than its default.
    struct Full {
        var user: User
        var portfolio: Portfolio
        var program: Program
        var calendar: WorkCalendar
        var project: Project
        var summary: Activity
        var leaf: Activity
        var milestone: Activity
        var dependency: Dependency
        var resource: Resource
    }

    static func insertFull(_ s: any StoreSession) async throws -> Full {
        let user = try await s.insert(User(
            username: "ada", displayName: "Ada Lovelace", email: "ada@example.org", role: .pmoAnalyst, active: false,
            createdAt: t0, updatedAt: t1))
        let portfolio = try await s.insert(Portfolio(
            code: "PF-1", name: "Digital", description: "Everything \"digital\", with commas; and quotes'",
            ownerId: user.id, governanceMode: .directive, createdAt: t0, updatedAt: t1))
        let program = try await s.insert(Program(
            portfolioId: portfolio.id, code: "PRG.1", name: "Platform", description: "Shared services",
            managerId: user.id, state: .onHold, createdAt: t0, updatedAt: t1))
        var week = WeekPattern.standard
        week.friday = [TimeRange(start: 480, end: 720)]
        week.saturday = [TimeRange(start: 540, end: 780)]
        let calendar = try await s.insert(WorkCalendar(
            name: "Operations", week: week,
            exceptions: [
                CalendarException(name: "Winter break", from: .at("2026-12-24"), to: .at("2027-01-01")),
                CalendarException(name: "Release Sunday", from: .at("2027-02-07"), to: .at("2027-02-07"),
                                  working: [TimeRange(start: 600, end: 720), TimeRange(start: 780, end: 900)]),
            ],
            createdAt: t0, updatedAt: t1))
        let project = try await s.insert(Project(
            portfolioId: portfolio.id, programId: program.id, code: "P-1", name: "Ledger", description: "Rewrite",
            managerId: user.id, state: .active, health: .amber, startDate: .at("2027-01-04"),
            finishDate: .at("2027-06-30"), calendarId: calendar.id, createdAt: t0, updatedAt: t1))
        let summary = try await s.insert(Activity(
            projectId: project.id, position: 0, code: "1", name: "Phase 1", kind: .summary, duration: .zero,
            createdAt: t0, updatedAt: t1))
        let leaf = try await s.insert(Activity(
            projectId: project.id, parentId: summary.id, position: 1, code: "1.1", name: "Design",
            kind: .leaf, duration: WorkDuration(3.5, .hours), percentComplete: 37.5, plannedStart: .at("2027-01-04"),
            plannedFinish: .at("2027-01-05"), calendarId: calendar.id, createdAt: t0, updatedAt: t1))
        let milestone = try await s.insert(Activity(
            projectId: project.id, parentId: summary.id, position: 2, code: "1.2", name: "Sign-off",
            kind: .milestone, duration: WorkDuration(3, .days, elapsed: true), percentComplete: 50,
            createdAt: t0, updatedAt: t1))
        let dependency = try await s.insert(Dependency(
            projectId: project.id, predecessorId: leaf.id, successorId: milestone.id, type: .startToFinish,
            lag: WorkDuration(-2, .days), createdAt: t0, updatedAt: t1))
        let resource = try await s.insert(Resource(
            name: "Senior developer", kind: .role, role: "Developer", skills: [SkillLevel("Swift", level: 5), SkillLevel("PostgreSQL", level: 2), SkillLevel("Ünïcode, \"quoted\"", level: 1)],
            costRateMinor: 9_550, currency: "USD", maxUnits: 250.5, userId: user.id, calendarId: calendar.id,
            orgUnit: "Engineering / Mobile", capacityHoursPerWeek: 32.5, capacityPercent: 80, createdAt: t0, updatedAt: t1))
        return Full(user: user, portfolio: portfolio, program: program, calendar: calendar, project: project,
                    summary: summary, leaf: leaf, milestone: milestone, dependency: dependency, resource: resource)
    }

    static func expectStored<E: Entity & Equatable>(_ record: E, in store: SQLStore) async throws {
        #expect(record.id.rawValue > 0, "\(E.kindName) got an id")
        #expect(record.version == 1, "\(E.kindName) starts at version 1")
        let fetched = try await store.read { try await $0.get(E.self, record.id) }
        #expect(fetched == record, "\(E.kindName) reads back as written")
        let listed = try await store.read { try await $0.list(E.self, ListQuery()) }
        #expect(listed.contains(record), "\(E.kindName) is listed")
    }

    @Test("every kind of record keeps every field through insert, get and list", arguments: Backend.available)
    func fullRoundTrip(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let f = try await store.write { try await Self.insertFull($0) }
            try await Self.expectStored(f.user, in: store)
            try await Self.expectStored(f.portfolio, in: store)
            try await Self.expectStored(f.program, in: store)
            try await Self.expectStored(f.calendar, in: store)
            try await Self.expectStored(f.project, in: store)
            try await Self.expectStored(f.summary, in: store)
            try await Self.expectStored(f.leaf, in: store)
            try await Self.expectStored(f.milestone, in: store)
            try await Self.expectStored(f.dependency, in: store)
            try await Self.expectStored(f.resource, in: store)
            // Field by field where a silent conversion could hide: JSON columns, doubles, elapsed durations.
            let calendar = try #require(try await store.read { try await $0.get(WorkCalendar.self, f.calendar.id) })
            #expect(calendar.week.saturday.map(\.description) == ["09:00-13:00"])
            #expect(calendar.exceptions.map(\.name) == ["Winter break", "Release Sunday"])
            #expect(calendar.exceptions[1].working.map(\.description) == ["10:00-12:00", "13:00-15:00"])
            let resource = try #require(try await store.read { try await $0.get(Resource.self, f.resource.id) })
            #expect(resource.skills == [SkillLevel("Swift", level: 5), SkillLevel("PostgreSQL", level: 2),
                                        SkillLevel("Ünïcode, \"quoted\"", level: 1)])
            #expect(resource.orgUnit == "Engineering / Mobile" && resource.capacityHoursPerWeek == 32.5
                    && resource.capacityPercent == 80 && resource.teamId == nil)
            #expect(resource.maxUnits == 250.5)
            let milestone = try #require(try await store.read { try await $0.get(Activity.self, f.milestone.id) })
            #expect(milestone.duration.isElapsed && milestone.duration.description == "3ed")
            #expect(milestone.percentComplete == 50)
            let dependency = try #require(try await store.read { try await $0.get(Dependency.self, f.dependency.id) })
            #expect(dependency.lag.description == "-2d" && dependency.type == .startToFinish)
            // Ids are per table and distinct within one.
            let activities = try await store.read { try await $0.list(Activity.self, ListQuery()) }
            #expect(Set(activities.map(\.id)).count == 3)
        }
    }

    @Test("optional fields left out come back as nil, empty lists as empty", arguments: Backend.available)
    func minimalRoundTrip(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let records = try await store.write { s in
                let user = try await s.insert(User(username: "bob", displayName: "Bob", role: .requester,
                                                   createdAt: Self.t0, updatedAt: Self.t0))
                let portfolio = try await s.insert(Portfolio(code: "PF", name: "P", createdAt: Self.t0, updatedAt: Self.t0))
                let program = try await s.insert(Program(portfolioId: portfolio.id, code: "G", name: "G",
                                                         createdAt: Self.t0, updatedAt: Self.t0))
                let calendar = try await s.insert(WorkCalendar(name: "Standard", createdAt: Self.t0, updatedAt: Self.t0))
                let project = try await s.insert(Project(portfolioId: portfolio.id, code: "P", name: "P",
                                                         createdAt: Self.t0, updatedAt: Self.t0))
                let activity = try await s.insert(Activity(projectId: project.id, code: "A", name: "A",
                                                           createdAt: Self.t0, updatedAt: Self.t0))
                let other = try await s.insert(Activity(projectId: project.id, code: "B", name: "B",
                                                        createdAt: Self.t0, updatedAt: Self.t0))
                let dependency = try await s.insert(Dependency(projectId: project.id, predecessorId: activity.id,
                                                               successorId: other.id, createdAt: Self.t0, updatedAt: Self.t0))
                let resource = try await s.insert(Resource(name: "R", createdAt: Self.t0, updatedAt: Self.t0))
                return (user, portfolio, program, calendar, project, activity, dependency, resource)
            }
            try await Self.expectStored(records.0, in: store)
            try await Self.expectStored(records.1, in: store)
            try await Self.expectStored(records.2, in: store)
            try await Self.expectStored(records.3, in: store)
            try await Self.expectStored(records.4, in: store)
            try await Self.expectStored(records.5, in: store)
            try await Self.expectStored(records.6, in: store)
            try await Self.expectStored(records.7, in: store)
            let user = try #require(try await store.read { try await $0.get(User.self, records.0.id) })
            #expect(user.email == nil && user.active)
            let project = try #require(try await store.read { try await $0.get(Project.self, records.4.id) })
            #expect(project.programId == nil && project.managerId == nil && project.startDate == nil
                    && project.finishDate == nil && project.calendarId == nil)
            let resource = try #require(try await store.read { try await $0.get(Resource.self, records.7.id) })
            #expect(resource.skills == [] && resource.userId == nil && resource.calendarId == nil && resource.maxUnits == 100)
            let calendar = try #require(try await store.read { try await $0.get(WorkCalendar.self, records.3.id) })
            #expect(calendar.exceptions == [] && calendar.week == .standard)
            #expect(try await store.read { try await $0.get(User.self, User.ID(records.0.id.rawValue + 1000)) } == nil)
        }
    }

    // MARK: lists and counts

    /// Seven projects: even-numbered ones in portfolio A, odd ones in B; projects 0 and 1 in a program.
    static func insertProjects(_ s: any StoreSession) async throws -> (Portfolio, Portfolio, Program, [Project]) {
        let a = try await s.insert(Portfolio(code: "A", name: "A", createdAt: t0, updatedAt: t0))
        let b = try await s.insert(Portfolio(code: "B", name: "B", createdAt: t0, updatedAt: t0))
        let program = try await s.insert(Program(portfolioId: a.id, code: "G", name: "G", createdAt: t0, updatedAt: t0))
        var projects: [Project] = []
        for i in 0..<7 {
            projects.append(try await s.insert(Project(
                portfolioId: i % 2 == 0 ? a.id : b.id, programId: i < 2 ? program.id : nil, code: "P-\(i)",
                name: "Project \(i)", health: i == 3 ? .red : .green, createdAt: t0, updatedAt: t0)))
        }
        return (a, b, program, projects)
    }

    @Test("lists filter by column, run in id order and page with a cursor and a limit", arguments: Backend.available)
    func listing(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let (a, b, program, p) = try await store.write { try await Self.insertProjects($0) }
            func list(_ q: ListQuery) async throws -> [String] {
                try await store.read { try await $0.list(Project.self, q) }.map(\.code)
            }
            #expect(p.map(\.id) == p.map(\.id).sorted(), "ids increase with each insert")
            #expect(try await list(ListQuery()) == ["P-0", "P-1", "P-2", "P-3", "P-4", "P-5", "P-6"])
            #expect(try await list(ListQuery(filters: ["portfolio_id": .int(a.id.rawValue)])) == ["P-0", "P-2", "P-4", "P-6"])
            #expect(try await list(ListQuery(filters: ["portfolio_id": .int(b.id.rawValue)])) == ["P-1", "P-3", "P-5"])
            #expect(try await list(ListQuery(filters: ["program_id": .isNull])) == ["P-2", "P-3", "P-4", "P-5", "P-6"])
            #expect(try await list(ListQuery(filters: ["program_id": .int(program.id.rawValue)])) == ["P-0", "P-1"])
            #expect(try await list(ListQuery(filters: ["code": .text("P-3")])) == ["P-3"])
            #expect(try await list(ListQuery(filters: ["health": .text("red"), "portfolio_id": .int(b.id.rawValue)])) == ["P-3"])
            #expect(try await list(ListQuery(filters: ["health": .text("red"), "portfolio_id": .int(a.id.rawValue)])) == [])
            #expect(try await list(ListQuery(limit: 3)) == ["P-0", "P-1", "P-2"])
            #expect(try await list(ListQuery(after: p[2].id.rawValue, limit: 3)) == ["P-3", "P-4", "P-5"])
            #expect(try await list(ListQuery(after: p[6].id.rawValue)) == [])
            #expect(try await list(ListQuery(filters: ["portfolio_id": .int(a.id.rawValue)], after: p[2].id.rawValue, limit: 2))
                    == ["P-4", "P-6"])

            // Paging with the cursor visits every record once.
            var seen: [String] = []
            var cursor: Int64? = nil
            while true {
                let query = ListQuery(after: cursor, limit: 2)
                let page = try await store.read { try await $0.list(Project.self, query) }
                if page.isEmpty { break }
                seen += page.map(\.code)
                cursor = page.last?.id.rawValue
            }
            #expect(seen == p.map(\.code))

            await #expect(throws: (any Error).self, "an unknown column is refused, not ignored") {
                _ = try await store.read { try await $0.list(Project.self, ListQuery(filters: ["nope": .int(1)])) }
            }
        }
    }

    @Test("insertAll stores many records in order: ids increase in the order given, every field kept, and a duplicate refuses the whole write",
          arguments: Backend.available)
    func insertingMany(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let (_, _, _, projects) = try await store.write { try await Self.insertProjects($0) }
            let project = projects[0]
            let t0 = Self.t0
            // More rows than one statement takes, with fields that differ row by row.
            let n = 1_000
            let drafts = (0..<n).map { i in
                Activity(projectId: project.id, position: i, code: "A\(i)", name: "Activity \(i), \"quoted\"",
                         kind: i % 7 == 0 ? .milestone : .leaf, duration: .days(Double(i % 7 == 0 ? 0 : i % 9 + 1)),
                         percentComplete: Double(i % 101), priority: 1 + i % 999, createdAt: t0, updatedAt: t0)
            }
            let stored = try await store.write { try await $0.insertAll(drafts) }
            #expect(stored.count == n)
            #expect(stored.map(\.id) == stored.map(\.id).sorted() && Set(stored.map(\.id)).count == n)
            #expect(stored.allSatisfy { $0.version == 1 })
            let read = try await store.read { try await $0.list(Activity.self, ListQuery(filters: ["project_id": .int(project.id.rawValue)])) }
            #expect(read.count == n)
            // Each id holds the record given at that place, field for field.
            for (s, r) in zip(stored, read) {
                #expect(s.id == r.id && s == r, "\(s.code) → \(r.code)")
            }
            #expect(try await store.write { try await $0.insertAll([Activity]()) }.isEmpty)

            // A duplicate code anywhere in the list: nothing of that write is kept.
            let before = try await store.read { try await $0.count(Activity.self, [:]) }
            let clash = (0..<450).map { i in
                Activity(projectId: project.id, code: i == 440 ? "A3" : "B\(i)", name: "B", createdAt: t0, updatedAt: t0)
            }
            await #expect(throws: (any Error).self) { _ = try await store.write { try await $0.insertAll(clash) } }
            #expect(try await store.read { try await $0.count(Activity.self, [:]) } == before)
        }
    }

    @Test("count counts what the filters select", arguments: Backend.available)
    func counting(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let (a, b, _, _) = try await store.write { try await Self.insertProjects($0) }
            func count(_ f: [String: FilterValue]) async throws -> Int {
                try await store.read { try await $0.count(Project.self, f) }
            }
            #expect(try await count([:]) == 7)
            #expect(try await count(["portfolio_id": .int(a.id.rawValue)]) == 4)
            #expect(try await count(["portfolio_id": .int(b.id.rawValue)]) == 3)
            #expect(try await count(["program_id": .isNull]) == 5)
            #expect(try await count(["health": .text("amber")]) == 0)
            #expect(try await store.read { try await $0.count(Portfolio.self, [:]) } == 2)
            #expect(try await store.read { try await $0.count(Activity.self, [:]) } == 0)
        }
    }

    // MARK: updates and deletes

    @Test("an update naming the stored version bumps it; a stale one returns nil and changes nothing",
          arguments: Backend.available)
    func optimisticUpdate(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let f = try await store.write { try await Self.insertFull($0) }
            var change = f.project
            change.name = "Ledger v2"
            change.health = .red
            change.programId = nil
            change.finishDate = .at("2027-09-30")
            change.updatedAt = Self.t1
            let saved = try await Self.update(change, expected: 1, in: store)
            #expect(saved?.version == 2)
            var expected = change
            expected.version = 2
            #expect(try await store.read { try await $0.get(Project.self, f.project.id) } == expected)

            var stale = f.project
            stale.name = "Lost update"
            #expect(try await Self.update(stale, expected: 1, in: store) == nil)
            #expect(try await store.read { try await $0.get(Project.self, f.project.id) } == expected, "nothing changed")

            var next = expected
            next.description = "third"
            #expect(try await Self.update(next, expected: 2, in: store)?.version == 3)
            #expect(try await store.read { try await $0.get(Project.self, f.project.id) }?.description == "third")

            var missing = f.project
            missing.id = Project.ID(f.project.id.rawValue + 1000)
            #expect(try await Self.update(missing, expected: 1, in: store) == nil)
            #expect(try await store.read { try await $0.count(Project.self, [:]) } == 1)

            // JSON columns update too.
            var calendar = f.calendar
            calendar.exceptions = []
            calendar.week = .allDay
            #expect(try await Self.update(calendar, expected: 1, in: store)?.version == 2)
            let stored = try await store.read { try await $0.get(WorkCalendar.self, f.calendar.id) }
            #expect(stored?.exceptions == [] && stored?.week == .allDay)
        }
    }

    @Test("delete removes one record; delete(where:) removes exactly the matches", arguments: Backend.available)
    func deleting(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let (a, _, _, p) = try await store.write { try await Self.insertProjects($0) }
            #expect(try await store.write { try await $0.delete(Project.self, p[3].id) })
            #expect(try await store.read { try await $0.get(Project.self, p[3].id) } == nil)
            #expect(try await store.write { try await $0.delete(Project.self, p[3].id) } == false, "already gone")

            let removed = try await store.write { try await $0.delete(Project.self, where: ["portfolio_id": .int(a.id.rawValue)]) }
            #expect(removed == 4)
            #expect(try await store.read { try await $0.list(Project.self, ListQuery()) }.map(\.code) == ["P-1", "P-5"])
            #expect(try await store.write { try await $0.delete(Project.self, where: ["code": .text("nothing")]) } == 0)
            #expect(try await store.read { try await $0.count(Portfolio.self, [:]) } == 2, "other tables untouched")
        }
    }

    // MARK: transactions

    struct Abort: Error, Equatable {}

    @Test("a write whose body throws leaves nothing of what it did", arguments: Backend.available)
    func rollback(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let f = try await store.write { try await Self.insertFull($0) }
            let before = try await Self.counts(store)
            await #expect(throws: Abort.self) {
                try await store.write { s in
                    _ = try await s.insert(User(username: "ghost", displayName: "Ghost", role: .admin,
                                                createdAt: Self.t0, updatedAt: Self.t0))
                    _ = try await s.insert(Portfolio(code: "GHOST", name: "Ghost", createdAt: Self.t0, updatedAt: Self.t0))
                    var renamed = f.portfolio
                    renamed.name = "Renamed"
                    _ = try await s.update(renamed, expectedVersion: 1)
                    _ = try await s.delete(Activity.self, where: ["project_id": .int(f.project.id.rawValue)])
                    try await s.insertSession(SessionRecord(tokenDigest: "ghost", userId: f.user.id, csrfToken: "c",
                                                            expiresAt: Self.t1, createdAt: Self.t0))
                    try await s.setPasswordDigest("ghost-digest", for: f.user.id)
                    throw Abort()
                }
            }
            #expect(try await Self.counts(store) == before)
            #expect(try await store.read { try await $0.get(Portfolio.self, f.portfolio.id) } == f.portfolio)
            #expect(try await store.read { try await $0.session(tokenDigest: "ghost") } == nil)
            #expect(try await store.read { try await $0.passwordDigest(username: "ada") }?.1 != "ghost-digest")
            #expect(try await store.read { try await $0.list(User.self, ListQuery(filters: ["username": .text("ghost")])) } == [])

            // The store still writes after a rollback.
            let later = try await store.write {
                try await $0.insert(Portfolio(code: "LATER", name: "Later", createdAt: Self.t0, updatedAt: Self.t0))
            }
            #expect(try await store.read { try await $0.get(Portfolio.self, later.id) } == later)
        }
    }

    @Test("concurrent writes are all kept", arguments: Backend.available)
    func concurrentWrites(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let ids = try await withThrowingTaskGroup(of: Int64.self) { group in
                for i in 0..<24 {
                    group.addTask {
                        try await store.write {
                            try await $0.insert(Resource(name: "R\(i)", createdAt: Self.t0, updatedAt: Self.t0)).id.rawValue
                        }
                    }
                }
                return try await group.reduce(into: [Int64]()) { $0.append($1) }
            }
            #expect(Set(ids).count == 24)
            let names = try await store.read { try await $0.list(Resource.self, ListQuery()) }.map(\.name)
            #expect(Set(names) == Set((0..<24).map { "R\($0)" }))
        }
    }

    // MARK: unique indexes

    @Test("a duplicate on a unique index is a conflict, and nothing of that write is kept", arguments: Backend.available)
    func uniqueIndexes(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let f = try await store.write { try await Self.insertFull($0) }
            let other = try await store.write {
                try await $0.insert(Portfolio(code: "OTHER", name: "Other", createdAt: Self.t0, updatedAt: Self.t0))
            }
            let otherProject = try await store.write {
                try await $0.insert(Project(portfolioId: other.id, code: "P-2", name: "Other", createdAt: Self.t0, updatedAt: Self.t0))
            }
            let t0 = Self.t0
            let duplicates: [(String, @Sendable (any StoreSession) async throws -> Void)] = [
                ("username", { _ = try await $0.insert(User(username: "ada", displayName: "Twin", role: .admin, createdAt: t0, updatedAt: t0)) }),
                ("portfolio code", { _ = try await $0.insert(Portfolio(code: "PF-1", name: "Twin", createdAt: t0, updatedAt: t0)) }),
                ("program code in its portfolio", {
                    _ = try await $0.insert(Program(portfolioId: f.portfolio.id, code: "PRG.1", name: "Twin", createdAt: t0, updatedAt: t0))
                }),
                ("project code", { _ = try await $0.insert(Project(portfolioId: other.id, code: "P-1", name: "Twin", createdAt: t0, updatedAt: t0)) }),
                ("activity code in its project", {
                    _ = try await $0.insert(Activity(projectId: f.project.id, code: "1.1", name: "Twin", createdAt: t0, updatedAt: t0))
                }),
                ("dependency pair", {
                    _ = try await $0.insert(Dependency(projectId: f.project.id, predecessorId: f.leaf.id, successorId: f.milestone.id,
                                                       type: .finishToStart, createdAt: t0, updatedAt: t0))
                }),
                ("calendar name", { _ = try await $0.insert(WorkCalendar(name: "Operations", createdAt: t0, updatedAt: t0)) }),
                ("session digest", {
                    try await $0.insertSession(SessionRecord(tokenDigest: "s1", userId: f.user.id, csrfToken: "c", expiresAt: t0, createdAt: t0))
                }),
                ("token digest", {
                    try await $0.insertToken(APITokenRecord(tokenDigest: "k1", userId: f.user.id, name: "ci", createdAt: t0))
                }),
                ("a rename onto an existing code", {
                    var renamed = otherProject
                    renamed.code = "P-1"
                    _ = try await $0.update(renamed, expectedVersion: 1)
                }),
            ]
            try await store.write { s in
                try await s.insertSession(SessionRecord(tokenDigest: "s1", userId: f.user.id, csrfToken: "c", expiresAt: t0, createdAt: t0))
                try await s.insertToken(APITokenRecord(tokenDigest: "k1", userId: f.user.id, name: "ci", createdAt: t0))
            }
            let before = try await Self.counts(store)
            for (name, duplicate) in duplicates {
                let error = await #expect(throws: ServiceError.self, "\(name)") {
                    try await store.write { s in
                        // Something valid first: it must be rolled back with the duplicate.
                        _ = try await s.insert(Resource(name: "side effect", createdAt: t0, updatedAt: t0))
                        try await duplicate(s)
                    }
                }
                #expect(error?.code == .conflict, "\(name)")
            }
            #expect(try await Self.counts(store) == before)
            #expect(try await store.read { try await $0.get(Project.self, otherProject.id) }?.code == "P-2")

            // The same code is fine in another scope.
            let ok = try await store.write { s in
                try await s.insert(Program(portfolioId: other.id, code: "PRG.1", name: "Same code elsewhere", createdAt: t0, updatedAt: t0))
            }
            #expect(ok.id.rawValue > 0)
            _ = try await store.write { s in
                try await s.insert(Activity(projectId: otherProject.id, code: "1.1", name: "Same code elsewhere", createdAt: t0, updatedAt: t0))
            }
        }
    }

    static func update<E: Entity>(_ record: E, expected: Int, in store: SQLStore) async throws -> E? {
        try await store.write { try await $0.update(record, expectedVersion: expected) }
    }

    static func counts(_ store: SQLStore) async throws -> [Int] {
        try await store.read { s in
            [try await s.count(User.self, [:]), try await s.count(Portfolio.self, [:]), try await s.count(Program.self, [:]),
             try await s.count(Project.self, [:]), try await s.count(Activity.self, [:]), try await s.count(Dependency.self, [:]),
             try await s.count(WorkCalendar.self, [:]), try await s.count(Resource.self, [:])]
        }
    }

    // MARK: accounts

    @Test("sessions are found by digest with every field, and are gone once deleted", arguments: Backend.available)
    func sessions(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let f = try await store.write { try await Self.insertFull($0) }
            let session = SessionRecord(tokenDigest: "d1gest", userId: f.user.id, csrfToken: "csrf-token-1",
                                        expiresAt: .at("2026-11-29T04:20:00.123Z"), createdAt: .at("1969-07-20T20:17:40.000Z"))
            let second = SessionRecord(tokenDigest: "other", userId: f.user.id, csrfToken: "csrf-2",
                                       expiresAt: Self.t1, createdAt: Self.t0)
            try await store.write { s in
                try await s.insertSession(session)
                try await s.insertSession(second)
            }
            #expect(try await store.read { try await $0.session(tokenDigest: "d1gest") } == session)
            #expect(try await store.read { try await $0.session(tokenDigest: "unknown") } == nil)
            try await store.write { try await $0.deleteSession(tokenDigest: "d1gest") }
            #expect(try await store.read { try await $0.session(tokenDigest: "d1gest") } == nil)
            #expect(try await store.read { try await $0.session(tokenDigest: "other") } == second, "only that session went")
            try await store.write { try await $0.deleteSession(tokenDigest: "never-existed") }
        }
    }

    @Test("API tokens are found by digest with every field", arguments: Backend.available)
    func apiTokens(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let f = try await store.write { try await Self.insertFull($0) }
            let token = APITokenRecord(tokenDigest: "abc123", userId: f.user.id, name: "CI pipeline", createdAt: Self.t0)
            try await store.write { try await $0.insertToken(token) }
            #expect(try await store.read { try await $0.token(digest: "abc123") } == token)
            #expect(try await store.read { try await $0.token(digest: "ABC123") } == nil, "digests match exactly")
        }
    }

    @Test("a password digest is kept beside its user and never in the record", arguments: Backend.available)
    func passwords(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let f = try await store.write { try await Self.insertFull($0) }
            let none = try #require(try await store.read { try await $0.passwordDigest(username: "ada") })
            #expect(none.0 == f.user && none.1 == "", "no password set yet")
            try await store.write { try await $0.setPasswordDigest("$2b$12$digest", for: f.user.id) }
            let set = try #require(try await store.read { try await $0.passwordDigest(username: "ada") })
            #expect(set.0 == f.user && set.1 == "$2b$12$digest")
            #expect(try await store.read { try await $0.passwordDigest(username: "nobody") } == nil)
            #expect(try await store.read { try await $0.get(User.self, f.user.id) } == f.user)
        }
    }
}
