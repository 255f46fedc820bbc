import Foundation
import Testing

/// `gantry verify` run as a user runs it: the JSON document the issue asks for, and an unreadable file that counts
/// zero agreement instead of stopping the run.
@Suite("gantry verify")
struct VerifyCommandTests {
    static let schedules = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/data/schedules")

    @Test("--json has totals (leaf_tasks, agree_all, agree_pct, by_field) and per file its format and error",
          .enabled(if: FileManager.default.fileExists(atPath: schedules.path)))
    func json() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("verify-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        // A real XER file (P6 computed its dates) and a file that is not a schedule at all.
        try FileManager.default.copyItem(at: Self.schedules.appendingPathComponent("xer/mpxj_calendar-invalid-8.4.xer"),
                                         to: dir.appendingPathComponent("a.xer"))
        try "not a schedule".write(to: dir.appendingPathComponent("b.xml"), atomically: true, encoding: .utf8)

        let r = try ScheduleCommandTests.run(["verify", dir.path, "--json"])
        #expect(r.status == 0, "\(r.err)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        let totals = try #require(doc["totals"] as? [String: Any])
        // The XER file holds 12 activities with stored dates (TASK rows of mpxj_calendar-invalid-8.4.xer).
        #expect(totals["leaf_tasks"] as? Int == 12)
        #expect(totals["agree_all"] is Int && totals["agree_pct"] is Double)
        let byField = try #require(totals["by_field"] as? [String: Double])
        #expect(byField["start"] != nil && byField["finish"] != nil)
        let files = try #require(doc["files"] as? [[String: Any]])
        #expect(files.count == 2)
        let bad = try #require(files.first { ($0["file"] as? String)?.hasSuffix("b.xml") == true })
        #expect(bad["error"] is String && bad["leaf_tasks"] as? Int == 0 && bad["agree_all"] as? Int == 0)
        let good = try #require(files.first { ($0["file"] as? String)?.hasSuffix("a.xer") == true })
        #expect(good["format"] as? String == "xer" && good["error"] == nil)
    }

    @Test("a file whose stored late finishes contradict its project finish has them counted as stale, in the file and the totals",
          .enabled(if: FileManager.default.fileExists(atPath: schedules.path)))
    func stale() throws {
        // mpxj_mspdiduration.xml: tasks 1–4 follow nothing and store a late finish of Tue 2009-04-21 17:00, while
        // the file's project finish (FinishDate, Task 10's finish) is Fri 2009-04-24 08:00.
        let path = Self.schedules.appendingPathComponent("mspdi/mpxj_mspdiduration.xml").path
        let r = try ScheduleCommandTests.run(["verify", path, "--json"])
        #expect(r.status == 0, "\(r.err)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        let totals = try #require(doc["totals"] as? [String: Any])
        #expect(totals["stale_tasks"] as? Int == 4)
        let consistent = try #require(totals["consistent_tasks"] as? Int)
        #expect(consistent == (totals["leaf_tasks"] as? Int ?? 0) + (totals["manual_tasks"] as? Int ?? 0) - 4)
        let file = try #require((doc["files"] as? [[String: Any]])?.first)
        #expect(file["stale_tasks"] as? Int == 4)
        let text = try ScheduleCommandTests.run(["verify", path])
        #expect(text.out.contains("stale_late_finish: 4"), "\(text.out)")
    }

    @Test("--help says what is compared and within what tolerance")
    func help() throws {
        let r = try ScheduleCommandTests.run(["verify", "--help"])
        #expect(r.out.contains("working minute") && r.out.contains("total_slack") && r.out.contains("--json"))
    }
}
