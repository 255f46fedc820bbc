import GantryModel
import GantryServices
import GantryStorage
import Testing

/// Lessons learned, the glossary and training records through the catalog on a real store.
@Suite("Knowledge records")
struct KnowledgeTests {
    static let t = Timestamp.at("2026-11-28T09:00:00.000Z")

    @Test("q finds lessons across projects, ignoring case, with % and _ taken literally", arguments: Backend.available)
    func search(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let catalog = Catalog(store: store, clock: FixedClock(time: Self.t))
            let pf = try await catalog.create(Portfolio(code: "PF", name: "P", createdAt: Self.t, updatedAt: Self.t), .system)
            var projects: [Project] = []
            for code in ["A", "B"] {
                projects.append(try await catalog.create(
                    Project(portfolioId: pf.id, code: code, name: code, createdAt: Self.t, updatedAt: Self.t), .system))
            }
            let lessons: [(Int, String, String)] = [
                (0, "Vendor lead times", "Order long-lead items at the planning gate"),
                (1, "VENDOR contracts", "Agree penalties up front"),
                (1, "Estimating", "Add 20% contingency for integration"),
                (0, "Testing", "Keep test_data apart from production"),
            ]
            for (p, title, recommendation) in lessons {
                _ = try await catalog.create(LessonLearned(
                    projectId: projects[p].id, category: "delivery", title: title, recommendation: recommendation,
                    createdAt: Self.t, updatedAt: Self.t), .system)
            }
            func titles(_ q: String) async throws -> [String] {
                try await catalog.all(LessonLearned.self, .system, ["q": .search(["title", "recommendation"], q)]).map(\.title).sorted()
            }
            #expect(try await titles("vendor") == ["VENDOR contracts", "Vendor lead times"])
            #expect(try await titles("20%") == ["Estimating"])
            #expect(try await titles("%") == ["Estimating"])  // % is a character, not a wildcard
            #expect(try await titles("e_t") == [])  // _ is a character too: as a wildcard it would match "test"
            #expect(try await titles("test_data") == ["Testing"])
            #expect(try await titles("nothing like this") == [])
            // A project's lessons go with it.
            try await catalog.delete(Project.self, projects[1].id, .system)
            #expect(try await titles("vendor") == ["Vendor lead times"])
        }
    }
}
