import Foundation
import GantryModel
import GantryServices
import GantryStorage
import Testing

/// SQLite's statements run in-line on the calling task (`SQLiteHandle`): values keep their type and their text,
/// one connection serves one statement at a time under many tasks, its kept statements can be dropped and made
/// again, and SQLite's own refusals still reach the caller as the errors the store promises.
@Suite("SQLite in-line connections")
struct SQLiteInlineTests {
    static let t0 = Timestamp.at("2026-12-07T09:00:00.000Z")

    @Test("an empty text stays empty (not NULL), and text, whole and fractional numbers come back as they went in")
    func values() async throws {
        try await TestDatabase.with(.sqlite) { store, _ in
            let text = "Ünïcødé ✓ 'single' \"double\" \\ back\tslash — 日本語 \u{1F680}"
            let made = try await store.write { s in
                try await s.insert(Portfolio(code: "PF-E", name: text, description: "", ragGreenMinimum: 0.1 + 0.2,
                                             ragOverdueMilestonesAmberAt: Int(Int32.max) + 7, createdAt: Self.t0, updatedAt: Self.t0))
            }
            let read = try #require(try await store.read { try await $0.get(Portfolio.self, made.id) })
            #expect(read.description == "")
            #expect(read.name == text)
            #expect(read.ragGreenMinimum == 0.1 + 0.2)
            #expect(read.ragOverdueMilestonesAmberAt == Int(Int32.max) + 7)
            #expect(read == made)
        }
    }

    @Test("many tasks reading and writing at once on one file: every write lands, every read answers")
    func concurrent() async throws {
        try await TestDatabase.with(.sqlite) { store, _ in
            let writers = 8, each = 25
            let counts = try await withThrowingTaskGroup(of: Int.self) { group in
                for w in 0..<writers {
                    group.addTask {
                        for k in 0..<each {
                            _ = try await store.write { s in
                                try await s.insert(Portfolio(code: "W\(w)-\(k)", name: "writer \(w) #\(k)",
                                                             createdAt: Self.t0, updatedAt: Self.t0))
                            }
                        }
                        return -1
                    }
                    group.addTask {
                        var last = 0
                        for _ in 0..<each {
                            let n = try await store.read { try await $0.count(Portfolio.self, [:]) }
                            #expect(n >= last, "a later read saw fewer rows than an earlier one")
                            last = n
                        }
                        return last
                    }
                }
                var seen: [Int] = []
                for try await n in group where n >= 0 { seen.append(n) }
                return seen
            }
            #expect(counts.allSatisfy { $0 <= writers * each })
            #expect(try await store.read { try await $0.count(Portfolio.self, [:]) } == writers * each)
        }
    }

    @Test("past the number of statements a connection keeps, the kept ones are dropped and made again")
    func statementCache() async throws {
        try await TestDatabase.with(.sqlite) { store, _ in
            // 300 distinct statements (each a new text) on the writer, more than the 256 it keeps.
            for k in 0..<300 { try await store.administer("CREATE TABLE scratch_\(k) (x INTEGER)") }
            let made = try await store.write { s in
                try await s.insert(Portfolio(code: "PF-C", name: "after", createdAt: Self.t0, updatedAt: Self.t0))
            }
            #expect(try await store.read { try await $0.get(Portfolio.self, made.id) }?.name == "after")
            for k in 0..<300 { try await store.administer("DROP TABLE scratch_\(k)") }
        }
    }

    @Test("SQLite's refusal of a duplicate key is a conflict naming the key, and the transaction stores nothing")
    func duplicateKey() async throws {
        try await TestDatabase.with(.sqlite) { store, _ in
            await #expect {
                try await store.write { s in
                    _ = try await s.insert(Portfolio(code: "PF-D", name: "first", createdAt: Self.t0, updatedAt: Self.t0))
                    _ = try await s.insert(Portfolio(code: "PF-D", name: "second", createdAt: Self.t0, updatedAt: Self.t0))
                }
            } throws: { error in
                guard let e = error as? ServiceError else { return false }
                return e.code == .conflict && e.message.contains("UNIQUE") && e.message.contains("code")
            }
            let stored = try await store.read { try await $0.count(Portfolio.self, [:]) }
            #expect(stored == 0)
        }
    }

    @Test("a malformed statement is refused with SQLite's message and the statement named")
    func badStatement() async throws {
        try await TestDatabase.with(.sqlite) { store, _ in
            await #expect {
                try await store.administer("SELEKT 1")
            } throws: { error in
                let text = String(describing: error)
                return text.contains("syntax error") && text.contains("SELEKT 1")
            }
            try await store.ping()
        }
    }
}
