import Foundation
import Testing

/// `gantry capacity` run as a script runs it, on a demo database.
@Suite("gantry capacity")
struct CapacityCommandTests {
    @Test("--json gives per role and week the hours and a utilisation that is (committed + background) / supply; a drill-down adds up to its cell; bad options are named")
    func forecast() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gantry-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("demo.sqlite").path
        let demo = try ScheduleCommandTests.run(["demo", "--database", db, "--log-level", "warning"])
        #expect(demo.status == 0, "\(demo.err)")

        let r = try ScheduleCommandTests.run(["capacity", "--portfolio", "DIG", "--portfolio", "INF", "--from", "2027-01-04",
                                              "--to", "2027-03-28", "--by", "role", "--json", "--database", db, "--log-level", "warning"])
        #expect(r.status == 0, "\(r.err)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        #expect(doc["portfolios"] as? [String] == ["DIG", "INF"])
        #expect(doc["by"] as? String == "role" && doc["per"] as? String == "week")
        let groups = try #require(doc["groups"] as? [[String: Any]])
        let developer = try #require(groups.first { $0["key"] as? String == "Developer" })
        let weeks = try #require(developer["periods"] as? [[String: Any]])
        // 4 January to 28 March 2027 is twelve whole ISO weeks, W01 to W12.
        #expect(weeks.compactMap { $0["period"] as? String } == (1...12).map { String(format: "2027-W%02d", $0) })
        for w in weeks {
            let supply = try #require(w["supply_hours"] as? Double), demand = try #require(w["demand_hours"] as? Double)
            let background = try #require(w["background_hours"] as? Double)
            #expect(w["pipeline_hours"] is Double)
            if supply > 0 {
                let pct = try #require(w["utilisation_pct"] as? Double)
                // Hours are rounded to 0.1 h in the document, so the percentage agrees to within that rounding.
                #expect(abs(pct - (demand + background) / supply * 100) < 0.5, "\(w)")
            } else {
                #expect(w["utilisation_pct"] == nil)
            }
        }

        let drill = try ScheduleCommandTests.run(["capacity", "--from", "2027-01-04", "--to", "2027-03-28", "--by", "role", "--json",
                                                  "--drill", "Developer", "--period", "2027-W03", "--database", db, "--log-level", "warning"])
        #expect(drill.status == 0, "\(drill.err)")
        let cell = try #require(try JSONSerialization.jsonObject(with: Data(drill.out.utf8)) as? [String: Any])
        let committed = try #require(cell["committed"] as? [[String: Any]])
        let total = try #require((cell["cell"] as? [String: Any])?["demand_hours"] as? Double)
        #expect(!committed.isEmpty)
        #expect(abs(committed.compactMap { $0["hours"] as? Double }.reduce(0, +) - total) < 0.05 * Double(committed.count) + 0.05)

        let bad = try ScheduleCommandTests.run(["capacity", "--by", "colour", "--database", db])
        #expect(bad.status != 0 && bad.err.contains("colour"))
        let unknown = try ScheduleCommandTests.run(["capacity", "--portfolio", "NOPE", "--database", db, "--log-level", "warning"])
        #expect(unknown.status != 0 && unknown.err.contains("'NOPE'"))
        let reversed = try ScheduleCommandTests.run(["capacity", "--from", "2027-03-01", "--to", "2027-01-01", "--database", db, "--log-level", "warning"])
        #expect(reversed.status != 0 && reversed.err.contains("before it starts"))
    }
}
