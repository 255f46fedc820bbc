import GantryModel
import GantryServices
import GantryStorage
import Testing

/// Readable stand-ins for the real secrets: the loader's logic, not bcrypt, is under test here.
struct PlainSecrets: Secrets {
    func newToken() -> String { "token-\(Int.random(in: 0..<1_000_000_000))" }
    func digest(_ token: String) -> String { "d:" + token }
    func hashPassword(_ password: String) -> String { "h:" + password }
    func verifyPassword(_ password: String, hash: String) -> Bool { hash == "h:" + password }
}

@Suite("Demo loader")
struct DemoLoaderTests {
    static let today = CalendarDate(year: 2026, month: 11, day: 28)!

    @Test("an empty database takes the demo; loading again only gives the demo users a new password")
    func loadThenRefresh() async throws {
        try await TestDatabase.with(.sqlite) { store, _ in
            let loader = DemoLoader(store: store, clock: FixedClock(time: .at("2026-11-28T12:00:00Z")), secrets: PlainSecrets())
            #expect(try await loader.refreshPasswords() == nil)  // nothing to refresh on an empty database
            #expect(try await loader.isEmpty())
            let data = DemoData.generate(today: Self.today)
            let loaded = try await loader.load(data)
            #expect(try await !loader.isEmpty())
            // The generated projects, and the two the capacity demo staffs by allocations, without a plan.
            #expect(loaded.projects == data.projects.count + DemoData.unplannedProjectCodes.count)
            #expect(try await store.read { try await $0.count(Activity.self, [:]) } == loaded.activities)

            let refreshed = try #require(try await loader.refreshPasswords())
            #expect(refreshed.password != loaded.password)
            #expect(Set(refreshed.users.map(\.username)) == Set(data.users.map(\.username)))
            let admin = try #require(try await store.read { try await $0.passwordDigest(username: "admin") })
            #expect(admin.1 == "h:" + refreshed.password)
            #expect(try await store.read { try await $0.count(Project.self, [:]) } == loaded.projects)  // no second copy
        }
    }

    @Test("a database that is not the demo is left alone")
    func notTheDemo() async throws {
        try await TestDatabase.with(.sqlite) { store, _ in
            let accounts = Accounts(store: store, clock: FixedClock(time: .at("2026-11-28T12:00:00Z")), secrets: PlainSecrets())
            _ = try await accounts.createUser(username: "alice", displayName: "Alice", email: "alice@example.org",
                                              role: .admin, password: "a long password", .system)
            let loader = DemoLoader(store: store, clock: FixedClock(time: .at("2026-11-28T12:00:00Z")), secrets: PlainSecrets())
            #expect(try await !loader.isEmpty())
            #expect(try await loader.refreshPasswords() == nil)
            #expect(try await store.read { try await $0.passwordDigest(username: "alice") }?.1 == "h:a long password")
        }
    }
}
