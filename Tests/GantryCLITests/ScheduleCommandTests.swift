import Foundation
import Testing

/// `gantry schedule` run as a user runs it: the built executable, a real PSPLIB file, its output read back.
@Suite("gantry schedule")
struct ScheduleCommandTests {
    static let data = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/data/psplib")

    static let launching = NSLock()

    /// The `gantry` executable beside the test bundle, started with `posix_spawn` (Foundation's `Process.run` crashed
    /// a CI run inside its own memcpy while other tests opened and closed files), its output read back.
    static func run(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        let bin = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        var exe = bin.appendingPathComponent("gantry")
        if !FileManager.default.fileExists(atPath: exe.path) {
            exe = bin.deletingLastPathComponent().appendingPathComponent("gantry")
        }
        // Output and errors go to files, read once the command has ended: no pipe can fill up and stall it.
        let dir = FileManager.default.temporaryDirectory
        let outPath = dir.appendingPathComponent("gantry-out-\(UUID().uuidString)").path
        let errPath = dir.appendingPathComponent("gantry-err-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: outPath); try? FileManager.default.removeItem(atPath: errPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv: [UnsafeMutablePointer<CChar>?] = ([exe.path] + arguments).map { strdup($0) } + [nil]
        defer { for a in argv { free(a) } }
        var pid: pid_t = 0
        let spawned = launching.withLock { posix_spawn(&pid, exe.path, &actions, nil, argv, environ) }
        guard spawned == 0 else { throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "posix_spawn \(exe.path): \(spawned)"]) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        // WIFEXITED: the low 7 bits are 0; the exit code is the next 8. A signal reads as 128 + its number.
        let code: Int32 = status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        let out = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        let err = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        return (code, out, err)
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
