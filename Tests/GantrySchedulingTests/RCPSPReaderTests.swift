import Foundation
import GantryScheduling
import Testing

@Suite("PSPLIB reader", .enabled(if: PSPLIBData.available, "needs ../shared/data/psplib"))
struct RCPSPReaderTests {
    @Test("every .sm file reads, and its critical path is as long as its MPM-Time header", arguments: ["j30", "j60", "j90", "j120"])
    func sm(set: String) throws {
        let files = PSPLIBData.files(set)
        let bounds = try PSPLIBData.bounds()
        #expect(files.count >= 240)
        let jobs = ["j30": 32, "j60": 62, "j90": 92, "j120": 122][set]!
        for url in files {
            let file = try PSPLIBData.load(url)
            let name = url.deletingPathExtension().lastPathComponent
            #expect(file.format == .sm)
            #expect(file.jobs == jobs, "\(name)")
            #expect(file.capacities.count == 4)
            let mpm = try #require(file.mpmTime, "\(name) has MPM-Time")
            let cpm = try Leveler(file.instance).criticalPathLength
            #expect(cpm == mpm, "\(name)")
            if let b = bounds[name] { #expect(cpm == b.cpm, "\(name) cpm_lb") }
        }
    }

    @Test("every Patterson .rcp file reads, with its optimum no shorter than its critical path")
    func patterson() throws {
        let files = PSPLIBData.files("patterson")
        let optima = try PSPLIBData.pattersonOptima()
        #expect(files.count == 110)
        for url in files {
            let file = try PSPLIBData.load(url)
            #expect(file.format == .rcp)
            #expect(file.mpmTime == nil)
            let optimum = try #require(optima[url.lastPathComponent], "\(url.lastPathComponent) in optimum.csv")
            #expect(try Leveler(file.instance).criticalPathLength <= optimum)
        }
    }

    @Test("j301_1: header fields and the first job's links")
    func header() throws {
        let file = try PSPLIBData.load(PSPLIBData.directory.appendingPathComponent("j30/j301_1.sm"))
        #expect(file.jobs == 32)
        #expect(file.horizon == 158)
        #expect(file.mpmTime == 38)
        #expect(file.capacities == [12, 13, 4, 12])
        #expect(file.instance.durations.prefix(4) == [0, 8, 4, 6])
        #expect(file.instance.precedences.prefix(3).map(\.to) == [1, 2, 3])
        #expect(file.instance.demand(2, 0) == 10)
    }
}

@Suite("PSPLIB reader: broken input names the line and what it expected")
struct RCPSPReaderErrorTests {
    static let sm = """
        jobs (incl. supersource/sink ):  3
        horizon                       :  5
          - renewable                 :  1   R
          - nonrenewable              :  0   N
        PRECEDENCE RELATIONS:
        jobnr.    #modes  #successors   successors
           1        1          1           2
           2        1          1           3
           3        1          0
        REQUESTS/DURATIONS:
        jobnr. mode duration  R 1
        ------------------------------------------------------------------------
          1      1     0       0
          2      1     4       2
          3      1     0       0
        RESOURCEAVAILABILITIES:
          R 1
            3
        """

    @Test("a small well-formed .sm reads (no project line: no MPM-Time)")
    func good() throws {
        let file = try PSPLIBFile.parse(Self.sm, name: "t.sm")
        #expect(file.jobs == 3)
        #expect(file.mpmTime == nil)
        #expect(file.instance.durations == [0, 4, 0])
        #expect(try Leveler(file.instance).improve().makespan == 4)
    }

    @Test("broken .sm", arguments: [
        ("           2        1          1           9", 8, "successor numbers 1…3"),
        ("           2        1          3           3", 8, "job 2: 3 successors"),
        ("          2      1     x       2", 14, "job 2: jobnr. mode duration and 1 resource requests"),
        ("            3 4", 18, "1 resource capacities"),
        ("           2        2          1           3", 8, "job 2 with 1 mode"),
    ])
    func brokenSM(replacement: String, line: Int, expected: String) throws {
        var lines = Self.sm.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[line - 1] = replacement
        let error = #expect(throws: PSPLIBError.self) { try PSPLIBFile.parse(lines.joined(separator: "\n"), name: "t.sm") }
        #expect(error?.line == line)
        #expect(error?.expected.hasPrefix(expected) == true, "\(String(describing: error))")
    }

    @Test("a .sm whose links loop is refused, naming the loop")
    func loop() throws {
        let looped = Self.sm.replacingOccurrences(of: "   3        1          0", with: "   3        1          1           2")
        let error = #expect(throws: PSPLIBError.self) { try PSPLIBFile.parse(looped, name: "t.sm") }
        #expect(error?.found.contains("dependency_cycle") == true)
    }

    @Test("broken .rcp", arguments: [
        ("2 1\n3\n0 0 1 2\n", 4, "job 2: duration"),
        ("2 1\n3\n0 0 1 5\n1 1 0\n", 3, "job 1: successor numbers 1…2"),
        ("2 1\n3\n0 0 1 2\n1 x 0\n", 4, "whole numbers"),
        ("2 1\n3\n0 0 1 2\n1 1 0\n7\n", 5, "end of file after 2 jobs"),
        ("2 1\n3\n0 0 1 2\n1 4 0\n", 5, "a schedulable instance"),
    ])
    func brokenRCP(text: String, line: Int, expected: String) throws {
        let error = #expect(throws: PSPLIBError.self) { try PSPLIBFile.parse(text, name: "t.rcp") }
        #expect(error?.line == line, "\(String(describing: error))")
        #expect(error?.expected.hasPrefix(expected) == true, "\(String(describing: error))")
    }

    @Test("a well-formed .rcp reads; CRLF line ends are fine")
    func goodRCP() throws {
        let file = try PSPLIBFile.parse("3 1\r\n2\r\n0 0 2 2 3\r\n2 2 1 3\r\n0 0 0\r\n", name: "t.rcp")
        #expect(file.jobs == 3)
        #expect(file.capacities == [2])
        #expect(file.instance.precedences.count == 3)
        #expect(try Leveler(file.instance).criticalPathLength == 2)
    }
}
