import GantryModel
import GantryServices
import GantryStorage
import Testing

@Suite("Schedule revisions")
struct ScheduleRevisionTests {
    @Test("a project's schedule revision starts at 0, grows by one per bump, per project, and rolls back with its transaction",
          arguments: Backend.available)
    func revisions(backend: Backend) async throws {
        try await TestDatabase.with(backend, migrated: true) { store, _ in
            let a = Project.ID(41), b = Project.ID(42)
            #expect(try await store.read { try await $0.scheduleRevision(of: a) } == 0)
            try await store.write { s in
                try await s.bumpScheduleRevision(of: a)
                try await s.bumpScheduleRevision(of: a)
                try await s.bumpScheduleRevision(of: b)
            }
            #expect(try await store.read { try await $0.scheduleRevision(of: a) } == 2)
            #expect(try await store.read { try await $0.scheduleRevision(of: b) } == 1)
            struct Abort: Error {}
            await #expect(throws: Abort.self) {
                try await store.write { s in
                    try await s.bumpScheduleRevision(of: a)
                    throw Abort()
                }
            }
            #expect(try await store.read { try await $0.scheduleRevision(of: a) } == 2)
        }
    }
}
