import Foundation
import Testing

/// `gantry intake queue` and `gantry inbox` run as a script runs them, on a demo database.
@Suite("gantry intake and inbox")
struct GovernanceCommandTests {
    @Test("the queue of a demo portfolio is ranked by score; the PMO director's inbox lists the requests waiting; unknown names are refused by name")
    func queueAndInbox() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gantry-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("demo.sqlite").path
        let demo = try ScheduleCommandTests.run(["demo", "--database", db, "--log-level", "warning"])
        #expect(demo.status == 0, "\(demo.err)")
        let portfolios = try ScheduleCommandTests.run(["intake", "queue", "--portfolio", "NOPE", "--database", db, "--log-level", "warning"])
        #expect(portfolios.status != 0)
        #expect(portfolios.err.contains("'NOPE'"))

        // The demo has three portfolios, DIG, INF and CX; the intake demo fills the first two.
        var ranked: [[String: Any]] = []
        for code in ["DIG", "INF", "CX"] {
            let r = try ScheduleCommandTests.run(["intake", "queue", "--portfolio", code, "--json", "--database", db, "--log-level", "warning"])
            guard r.status == 0, let doc = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any],
                  let entries = doc["entries"] as? [[String: Any]], !entries.isEmpty else { continue }
            ranked = entries
            break
        }
        #expect(!ranked.isEmpty, "a demo portfolio has pending requests")
        let scores = ranked.compactMap { $0["score"] as? Double }
        #expect(scores == scores.sorted(by: >), "ranked by score, highest first")
        #expect(ranked.compactMap { $0["rank"] as? Int } == Array(1...scores.count))

        let inbox = try ScheduleCommandTests.run(["inbox", "--user", "dana.director", "--json", "--database", db, "--log-level", "warning"])
        #expect(inbox.status == 0, "\(inbox.err)")
        let items = try #require((try JSONSerialization.jsonObject(with: Data(inbox.out.utf8)) as? [String: Any])?["items"] as? [[String: Any]])
        let kinds = Set(items.compactMap { $0["kind"] as? String })
        #expect(kinds.contains("request_review") && kinds.contains("request_decision"), "\(kinds)")
        let nobody = try ScheduleCommandTests.run(["inbox", "--user", "nobody", "--database", db, "--log-level", "warning"])
        #expect(nobody.status != 0 && nobody.err.contains("'nobody'"))
    }
}
