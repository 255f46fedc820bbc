import Foundation
import GantryScheduling
import Testing

/// PSPLIB single-mode instances (Kolisch & Sprecher 1996) from `../shared/data/psplib` (shared/README.md): every
/// `.sm` header's `MPM-Time` is the critical-path length, and `bounds.csv` repeats it as `cpm_lb`. Both are
/// published values, a free oracle for the forward pass on networks of 32 activities.
enum PSPLIB {
    static let directory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/data/psplib")

    static var available: Bool { FileManager.default.fileExists(atPath: directory.appendingPathComponent("j30").path) }

    struct Instance {
        var name: String
        var network: DayNetwork
        var mpmTime: Int
    }

    static func instances() throws -> [Instance] {
        let j30 = directory.appendingPathComponent("j30")
        let files = try FileManager.default.contentsOfDirectory(atPath: j30.path).filter { $0.hasSuffix(".sm") }.sorted()
        return try files.map { try parse(name: String($0.dropLast(3)), text: String(contentsOf: j30.appendingPathComponent($0), encoding: .utf8)) }
    }

    static func parse(name: String, text: String) throws -> Instance {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.split(separator: " ").map(String.init) }
        func index(after prefix: String) throws -> Int {
            guard let i = lines.firstIndex(where: { $0.joined(separator: " ").hasPrefix(prefix) }) else {
                throw ParseError(message: "\(name): no line starting '\(prefix)'")
            }
            return i + 1
        }
        // "pronr. #jobs rel.date duedate tardcost MPM-Time" then one row.
        let project = lines[try index(after: "pronr.")]
        guard let mpm = project.last.flatMap({ Int($0) }) else { throw ParseError(message: "\(name): no MPM-Time") }
        var successors: [[Int]] = []
        var row = try index(after: "jobnr. #modes #successors")
        while let job = lines[row].first.flatMap({ Int($0) }) {
            let count = Int(lines[row][2]) ?? 0
            successors.append(lines[row][3..<(3 + count)].compactMap { Int($0) }.map { $0 - 1 })
            precondition(job == successors.count)
            row += 1
        }
        var durations: [Int] = []
        row = try index(after: "jobnr. mode duration") + 1  // skip the dashed line
        while durations.count < successors.count, let _ = lines[row].first.flatMap({ Int($0) }) {
            durations.append(Int(lines[row][2]) ?? 0)
            row += 1
        }
        guard durations.count == successors.count else { throw ParseError(message: "\(name): durations missing") }
        let links = successors.enumerated().flatMap { from, succ in
            succ.map { DayNetwork.Link(from: from, to: $0, type: .finishToStart) }
        }
        return Instance(name: name, network: DayNetwork(durations: durations, links: links), mpmTime: mpm)
    }

    struct ParseError: Error { var message: String }

    /// `set,instance,jobs,cpm_lb,lb,ub,closed` → instance: cpm_lb.
    static func cpmBounds() throws -> [String: Int] {
        let text = try String(contentsOf: directory.appendingPathComponent("bounds.csv"), encoding: .utf8)
        var bounds: [String: Int] = [:]
        for line in text.split(whereSeparator: \.isNewline).dropFirst() {  // the file has CRLF line ends
            let f = line.split(separator: ",")
            if f.count >= 4, let v = Int(f[3]) { bounds[String(f[1])] = v }
        }
        return bounds
    }
}

@Suite("PSPLIB critical-path lengths", .enabled(if: PSPLIB.available, "needs ../shared/data/psplib"))
struct PSPLIBTests {
    @Test("every j30 instance's critical path is as long as its published MPM-Time")
    func j30() throws {
        let instances = try PSPLIB.instances()
        let bounds = try PSPLIB.cpmBounds()
        try #require(instances.count >= 200, "the j30 set holds 240 instances")
        try #require(bounds.count >= 1000, "bounds.csv lists every instance")
        for instance in instances {
            let s = try instance.network.criticalPathSchedule()
            #expect(s.makespan == instance.mpmTime, "\(instance.name)")
            #expect(s.makespan == bounds[instance.name], "\(instance.name) cpm_lb")
            #expect(s.totalFloat.min() == 0)
        }
        // DOMAIN.md §8 case 18: j301_1 has CPM length 38.
        let j301 = try #require(instances.first { $0.name == "j301_1" })
        #expect(try j301.network.criticalPathSchedule().makespan == 38)
    }
}
