import GantryModel
import GantryServices
import GantryStorage
import Testing

/// The record use cases (Sources/GantryServices/Core/Catalog.swift) on a real store, with a fixed clock.
@Suite("Catalog on a real store")
struct CatalogTests {
    static let created = Timestamp.at("2026-11-28T09:00:00.000Z")
    static let edited = Timestamp.at("2026-11-28T10:30:00.250Z")

    /// A project with activities A1 Design, A2 Build, A3 Test and the links A1 → A2 → A3.
    static func chain(_ catalog: Catalog) async throws -> (Project, [Activity], [Dependency]) {
        let portfolio = try await catalog.create(
            Portfolio(code: "PF", name: "Portfolio", createdAt: created, updatedAt: created), .system)
        let project = try await catalog.create(
            Project(portfolioId: portfolio.id, code: "P", name: "Project", createdAt: created, updatedAt: created), .system)
        var activities: [Activity] = []
        for (i, name) in ["Design", "Build", "Test"].enumerated() {
            activities.append(try await catalog.create(
                Activity(projectId: project.id, position: i, code: "A\(i + 1)", name: name, duration: .days(2),
                         createdAt: created, updatedAt: created), .system))
        }
        var links: [Dependency] = []
        for (p, s) in [(0, 1), (1, 2)] {
            links.append(try await catalog.create(
                Dependency(projectId: project.id, predecessorId: activities[p].id, successorId: activities[s].id,
                           createdAt: created, updatedAt: created), .system))
        }
        return (project, activities, links)
    }

    @Test("a dependency that closes a loop is refused, naming the loop from the activity being linked to",
          arguments: Backend.available)
    func cycle(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let catalog = Catalog(store: store, clock: FixedClock(time: Self.created))
            let (project, a, _) = try await Self.chain(catalog)
            // A3 → A1 closes A1 → A2 → A3 → A1. The loop is named starting where the user links to (A1), in link
            // order, with the first activity repeated at the end (Dependency.closedCycle's documented contract).
            let error = await #expect(throws: ServiceError.self) {
                _ = try await catalog.create(
                    Dependency(projectId: project.id, predecessorId: a[2].id, successorId: a[0].id, type: .startToStart,
                               createdAt: Self.created, updatedAt: Self.created), .system)
            }
            #expect(error?.code == .dependencyCycle)
            #expect(error?.message.hasSuffix("A1 Design → A2 Build → A3 Test → A1 Design") == true, "\(String(describing: error?.message))")
            let ids = [a[0], a[1], a[2], a[0]].map(\.id.description).joined(separator: " → ")
            #expect(error?.problems == [FieldProblem(field: "successor_id", message: "closes the cycle " + ids)])
            #expect(try await store.read { try await $0.count(Dependency.self, [:]) } == 2, "the refused link was not stored")

            // A link that only shortcuts the chain is fine: A1 → A3.
            let shortcut = try await catalog.create(
                Dependency(projectId: project.id, predecessorId: a[0].id, successorId: a[2].id,
                           createdAt: Self.created, updatedAt: Self.created), .system)
            #expect(shortcut.version == 1)
        }
    }

    @Test("a loop of two activities is named from the one linked to", arguments: Backend.available)
    func shortCycle(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let catalog = Catalog(store: store, clock: FixedClock(time: Self.created))
            let (project, a, _) = try await Self.chain(catalog)
            let error = await #expect(throws: ServiceError.self) {
                _ = try await catalog.create(
                    Dependency(projectId: project.id, predecessorId: a[2].id, successorId: a[1].id,
                               createdAt: Self.created, updatedAt: Self.created), .system)
            }
            #expect(error?.code == .dependencyCycle)
            #expect(error?.message.hasSuffix("A2 Build → A3 Test → A2 Build") == true, "\(String(describing: error?.message))")
        }
    }

    @Test("create stamps the clock's time; update with the current version bumps it and a stale one is refused",
          arguments: Backend.available)
    func versions(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let catalog = Catalog(store: store, clock: FixedClock(time: Self.created))
            let draft = Portfolio(code: "PF", name: "Before", createdAt: .at("2000-01-01T00:00:00Z"),
                                  updatedAt: .at("2000-01-01T00:00:00Z"))
            let portfolio = try await catalog.create(draft, .system)
            #expect(portfolio.version == 1)
            #expect(portfolio.createdAt == Self.created && portfolio.updatedAt == Self.created)

            let later = Catalog(store: store, clock: FixedClock(time: Self.edited))
            let updated = try await later.update(Portfolio.self, portfolio.id, .system, ifVersion: 1) { $0.name = "After" }
            #expect(updated.version == 2)
            #expect(updated.name == "After")
            #expect(updated.createdAt == Self.created && updated.updatedAt == Self.edited)
            #expect(try await catalog.get(Portfolio.self, portfolio.id, .system) == updated)

            let stale = await #expect(throws: ServiceError.self) {
                _ = try await later.update(Portfolio.self, portfolio.id, .system, ifVersion: 1) { $0.name = "Lost" }
            }
            #expect(stale?.code == .versionMismatch)
            let staleDelete = await #expect(throws: ServiceError.self) {
                try await later.delete(Portfolio.self, portfolio.id, .system, ifVersion: 1)
            }
            #expect(staleDelete?.code == .versionMismatch)
            #expect(try await catalog.get(Portfolio.self, portfolio.id, .system) == updated, "nothing changed")

            // Without ifVersion the update applies to whatever is stored.
            #expect(try await later.update(Portfolio.self, portfolio.id, .system) { $0.description = "x" }.version == 3)
            try await later.delete(Portfolio.self, portfolio.id, .system, ifVersion: 3)
            let gone = await #expect(throws: ServiceError.self) { _ = try await catalog.get(Portfolio.self, portfolio.id, .system) }
            #expect(gone?.code == .notFound)
        }
    }

    @Test("a duplicate code through the catalog is a conflict", arguments: Backend.available)
    func duplicateCode(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let catalog = Catalog(store: store, clock: FixedClock(time: Self.created))
            _ = try await catalog.create(Portfolio(code: "PF", name: "One", createdAt: Self.created, updatedAt: Self.created), .system)
            let error = await #expect(throws: ServiceError.self) {
                _ = try await catalog.create(Portfolio(code: "PF", name: "Two", createdAt: Self.created, updatedAt: Self.created), .system)
            }
            #expect(error?.code == .conflict)
            #expect(try await catalog.list(Portfolio.self, .system, ListQuery()).items.map(\.name) == ["One"])
        }
    }

    @Test("a page of a list carries the cursor of the next page while there is one", arguments: Backend.available)
    func paging(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let catalog = Catalog(store: store, clock: FixedClock(time: Self.created))
            var made: [Portfolio] = []
            for i in 0..<5 {
                made.append(try await catalog.create(
                    Portfolio(code: "PF\(i)", name: "P\(i)", createdAt: Self.created, updatedAt: Self.created), .system))
            }
            let first = try await catalog.list(Portfolio.self, .system, ListQuery(limit: 2))
            #expect(first.items == Array(made[0..<2]))
            #expect(first.nextCursor == made[1].id.rawValue)
            let second = try await catalog.list(Portfolio.self, .system, ListQuery(after: first.nextCursor, limit: 2))
            #expect(second.items == Array(made[2..<4]))
            let third = try await catalog.list(Portfolio.self, .system, ListQuery(after: second.nextCursor, limit: 2))
            #expect(third.items == [made[4]])
            #expect(third.nextCursor == nil)
        }
    }
}
