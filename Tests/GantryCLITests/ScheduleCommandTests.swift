import Foundation
import Testing

/// `gantry schedule` run as a user runs it: the built executable, a real PSPLIB file, its output read back.
@Suite("gantry schedule")
struct ScheduleCommandTests {
    static let data = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/data/psplib")

    static let launching = NSLock()

    /// The `gantry` executable beside the test bundle.
    static func run(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        let bin = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        var exe = bin.appendingPathComponent("gantry")
        if !FileManager.default.fileExists(atPath: exe.path) {
            exe = bin.deletingLastPathComponent().appendingPathComponent("gantry")
        }
        let process = Process()
        process.executableURL = exe
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        // One launch at a time: Foundation's Process.run is not safe to call from several test threads at once.
        launching.lock()
        defer { launching.unlock() }
        try process.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    @Test("--json gives the makespan the file's MPM-Time states and a critical path from source to sink",
          .enabled(if: FileManager.default.fileExists(atPath: data.path)))
    func json() throws {
        let file = Self.data.appendingPathComponent("j30/j301_1.sm").path
        let r = try Self.run(["schedule", file, "--json"])
        #expect(r.status == 0, "\(r.err)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        #expect(doc["makespan"] as? Int == 38)  // DOMAIN.md §3.3: MPM-Time 38
        let path = try #require(doc["critical_path"] as? [Int])
        #expect(path.first == 1 && path.last == 32)
        let rows = try #require(doc["activities"] as? [[String: Any]])
        #expect(rows.count == 32)
        for row in rows where path.contains(row["id"] as? Int ?? -1) { #expect(row["total_float"] as? Int == 0) }
        let text = try Self.run(["schedule", file])
        #expect(text.out.contains("critical path: 1 → "))
    }

    @Test("a missing or broken file is refused with a message naming it")
    func refusals() throws {
        let missing = try Self.run(["schedule", "/nonexistent/x.sm"])
        #expect(missing.status != 0)
        #expect(missing.err.contains("/nonexistent/x.sm"))
        let broken = FileManager.default.temporaryDirectory.appendingPathComponent("broken-\(UUID().uuidString).sm")
        try "PRECEDENCE RELATIONS:\njobnr.\n1 1 two\n".write(to: broken, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: broken) }
        let bad = try Self.run(["schedule", broken.path])
        #expect(bad.status != 0)
        #expect(bad.err.contains(broken.lastPathComponent))
    }
}
