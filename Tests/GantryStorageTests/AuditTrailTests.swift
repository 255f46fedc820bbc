import Foundation
import GantryModel
import GantryServices
import GantryStorage
import Testing

/// The audit trail on a real store: every change through the services leaves one line in its own transaction.
@Suite("Audit trail")
struct AuditTrailTests {
    static let t0 = Timestamp.at("2026-11-28T09:00:00.000Z")

    @Test("create, update and delete are recorded with who, when, before and after; a refused change leaves nothing",
          arguments: Backend.available)
    func lines(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let catalog = Catalog(store: store, clock: FixedClock(time: Self.t0))
            let audit = Audit(store: store)
            let director = try await catalog.create(
                User(username: "dana", displayName: "Dana", role: .pmoDirector, createdAt: Self.t0, updatedAt: Self.t0), .system)
            let dana = Caller.user(director)
            let pf = try await catalog.create(Portfolio(code: "PF", name: "Old name", createdAt: Self.t0, updatedAt: Self.t0), dana)
            _ = try await catalog.update(Portfolio.self, pf.id, dana) { $0.name = "New, \"quoted\" name" }
            await #expect(throws: ServiceError.self) {
                _ = try await catalog.update(Portfolio.self, pf.id, dana) { $0.code = "" }  // invalid: refused
            }
            try await catalog.delete(Portfolio.self, pf.id, dana)

            let (lines, next) = try await audit.entries(AuditQuery(kind: "portfolio"), dana)
            #expect(next == nil)
            #expect(lines.map(\.action) == ["delete", "update", "create"])  // newest first, the refusal absent
            #expect(lines.allSatisfy { $0.userId == director.id && $0.recordId == pf.id.rawValue && $0.at == Self.t0 })
            let update = lines[1]
            #expect(update.before?.contains("\"Old name\"") == true)
            #expect(update.after?.contains("New, \\\"quoted\\\" name") == true)
            #expect(lines[0].after == nil && lines[2].before == nil)
            // The user was created by the system: no user id on that line.
            let userLines = try await audit.entries(AuditQuery(kind: "user"), dana).items
            #expect(userLines.count == 1 && userLines[0].userId == nil)

            // Paging: one line at a time, newest first.
            let first = try await audit.entries(AuditQuery(kind: "portfolio", limit: 1), dana)
            let second = try await audit.entries(AuditQuery(kind: "portfolio", before: first.nextCursor, limit: 1), dana)
            #expect(first.items.map(\.action) == ["delete"] && second.items.map(\.action) == ["update"])
            #expect(try await audit.entries(AuditQuery(action: "update"), dana).items.count == 1)

            // CSV: a header, one row per line, fields with commas and quotes quoted (RFC 4180).
            let csv = try await audit.csv(AuditQuery(kind: "portfolio"), dana)
            let rows = csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(rows.first == "id,at,user_id,action,kind,record_id,summary,before,after")
            #expect(rows.count == 4)
            #expect(csv.contains(",\"{\"\""))  // the JSON field is quoted, its quotes doubled
            #expect(csv.contains("\"\"code\"\":\"\"PF\"\""))

            // Only the admin and the PMO read it.
            let pm = try await catalog.create(
                User(username: "pat", displayName: "Pat", role: .projectManager, createdAt: Self.t0, updatedAt: Self.t0), .system)
            await #expect(throws: ServiceError.self) { _ = try await audit.entries(AuditQuery(), .user(pm)) }
        }
    }
}
