import Foundation
import GantryScheduling
import Testing

/// The PSPLIB data folder (`../shared/data/psplib`) and its bounds.
enum PSPLIBData {
    static var directory: URL { PSPLIB.directory }
    static var available: Bool { PSPLIB.available }

    static func files(_ set: String) -> [URL] {
        let folder = directory.appendingPathComponent(set)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".sm") || $0.hasSuffix(".rcp") }.sorted().map { folder.appendingPathComponent($0) }
    }

    static func load(_ url: URL) throws -> PSPLIBFile {
        try PSPLIBFile.parse(String(contentsOf: url, encoding: .utf8), name: url.lastPathComponent)
    }

    /// `bounds.csv`: instance → (cpm_lb, lb, ub).
    static func bounds() throws -> [String: (cpm: Int, lb: Int, ub: Int)] {
        let text = try String(contentsOf: directory.appendingPathComponent("bounds.csv"), encoding: .utf8)
        var out: [String: (Int, Int, Int)] = [:]
        for line in text.split(whereSeparator: \.isNewline).dropFirst() {
            let f = line.split(separator: ",")
            if f.count >= 6, let c = Int(f[3]), let l = Int(f[4]), let u = Int(f[5]) { out[String(f[1])] = (c, l, u) }
        }
        return out
    }

    /// `patterson/optimum.csv`: file name → optimum.
    static func pattersonOptima() throws -> [String: Int] {
        let text = try String(contentsOf: directory.appendingPathComponent("patterson/optimum.csv"), encoding: .utf8)
        var out: [String: Int] = [:]
        for line in text.split(whereSeparator: \.isNewline).dropFirst() {
            let f = line.split(separator: ",")
            if f.count >= 2, let v = Int(f[1].trimmingCharacters(in: .whitespaces)) { out[String(f[0])] = v }
        }
        return out
    }
}

@Suite("RCPSP oracles (DOMAIN.md §3.2, §3.3; domain cases 17–19)")
struct RCPSPOracleTests {
    /// Case 17: one resource of capacity 3, A..E = 0..4.
    static let mini: RCPSPInstance = {
        let d = [3, 2, 2, 4, 1]
        return RCPSPInstance(
            durations: d, capacities: [3], demands: [2, 2, 1, 2, 3],
            precedences: [.finishToStart(0, 2, durations: d), .finishToStart(1, 3, durations: d),
                          .finishToStart(2, 4, durations: d), .finishToStart(3, 4, durations: d)])
    }()

    @Test("case 17: serial and parallel LFT give B 0, A 2, C 5, D 5, E 9 (makespan 10, the optimum)")
    func mini() throws {
        let leveler = try Leveler(Self.mini)
        #expect(leveler.criticalPathLength == 7)
        #expect(leveler.priorityValues(.lft) == [4, 2, 6, 6, 7])
        for scheme in GenerationScheme.allCases {
            let r = leveler.singlePass(rule: .lft, scheme: scheme)
            #expect(r.starts == [2, 0, 5, 5, 9], "\(scheme)")
            #expect(r.makespan == 10)
        }
        let best = leveler.improve(LevelingOptions(maxSchedules: 200))
        #expect(best.makespan == 10)
        #expect(FeasibilityCheck.violations(of: best.starts, in: Self.mini).isEmpty)
    }

    @Test("case 19: j301_1 parallel LFT is 43 with the published starts, serial LFT 49")
    func j301LFT() throws {
        guard PSPLIBData.available else { return }
        let file = try PSPLIBData.load(PSPLIBData.directory.appendingPathComponent("j30/j301_1.sm"))
        #expect(file.capacities == [12, 13, 4, 12])
        let leveler = try Leveler(file.instance)
        #expect(leveler.criticalPathLength == 38)
        let parallel = leveler.singlePass(rule: .lft, scheme: .parallel)
        let expected: [String: Int] = [
            "1": 0, "3": 0, "4": 0, "8": 4, "2": 4, "13": 4, "7": 4, "10": 6, "5": 9, "18": 10, "9": 12, "11": 12,
            "15": 12, "12": 13, "16": 13, "19": 13, "27": 15, "14": 16, "29": 19, "26": 21, "17": 23, "20": 26,
            "22": 29, "21": 29, "6": 31, "25": 33, "28": 33, "23": 36, "31": 36, "24": 38, "30": 41, "32": 43,
        ]
        #expect(parallel.makespan == 43)
        for (job, start) in expected { #expect(parallel.starts[Int(job)! - 1] == start, "job \(job)") }
        #expect(leveler.singlePass(rule: .lft, scheme: .serial).makespan == 49)
    }

    @Test("§3.3 table: j301_1 single passes (regression values)", arguments: [
        (PriorityRule.lft, 49, 43), (.lst, 46, 46), (.mts, 49, 43), (.spt, 57, 45), (.activityOrder, 49, 61),
    ])
    func j301Table(rule: PriorityRule, serial: Int, parallel: Int) throws {
        guard PSPLIBData.available else { return }
        let file = try PSPLIBData.load(PSPLIBData.directory.appendingPathComponent("j30/j301_1.sm"))
        let leveler = try Leveler(file.instance)
        let s = leveler.singlePass(rule: rule, scheme: .serial), p = leveler.singlePass(rule: rule, scheme: .parallel)
        #expect(s.makespan == serial)
        #expect(p.makespan == parallel)
        #expect(FeasibilityCheck.isFeasible(s.starts, in: file.instance))
        #expect(FeasibilityCheck.isFeasible(p.starts, in: file.instance))
    }

    @Test("case 18: the improving search finds j301_1's optimum 43 and never goes below it")
    func j301Optimum() throws {
        guard PSPLIBData.available else { return }
        let file = try PSPLIBData.load(PSPLIBData.directory.appendingPathComponent("j30/j301_1.sm"))
        let r = try Leveler(file.instance).improve(LevelingOptions(seed: 7, maxSchedules: 2000))
        #expect(r.makespan == 43)
        #expect(FeasibilityCheck.violations(of: r.starts, in: file.instance).isEmpty)
    }
}
