import Foundation
import Testing

/// `gantry bench money` on a tiny organisation: it runs end to end and reports its figures (the timings themselves
/// are for release builds, not for tests).
@Suite("gantry bench money")
struct MoneyBenchTests {
    @Test("a tiny run reads, computes, approves a week and agrees with the product's roll-up")
    func smoke() throws {
        let r = try ScheduleCommandTests.run(["bench", "money", "--projects", "3", "--activities", "6", "--people", "4",
                                              "--weeks", "3", "--repeat", "1", "--json"])
        #expect(r.status == 0, "\(r.err)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        #expect(doc["projects_measured"] as? Int == 3)
        #expect(doc["approved_people"] as? Int == 4)
        #expect((doc["lines_approved"] as? Int ?? 0) > 0)
        for key in ["read_ms", "compute_ms", "approve_ms", "service_ms"] { #expect(doc[key] is Double, "\(key)") }
        #expect(doc["status_date"] as? String == "2025-01-24")
    }
}
