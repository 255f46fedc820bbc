import ArgumentParser
import Testing
@testable import gantry

/// `gantry level` and `gantry bench psplib` parse what their help promises and refuse the rest.
@Suite("Command line: level and bench psplib")
struct LevelCommandTests {
    @Test("level takes a file, a time limit, a schedule budget, a seed and --json")
    func level() throws {
        let command = try #require(try Gantry.parseAsRoot(["level", "j301_1.sm", "--time-limit", "0.5", "--seed", "7", "--max-schedules", "900", "--json"]) as? Level)
        #expect(command.file == "j301_1.sm")
        #expect(command.timeLimit == 0.5)
        #expect(command.seed == 7)
        #expect(command.maxSchedules == 900)
        #expect(command.json)
        let defaults = try #require(try Gantry.parseAsRoot(["level", "x.rcp"]) as? Level)
        #expect(defaults.timeLimit == 1)
        #expect(defaults.seed == 1)
        #expect(!defaults.json)
    }

    @Test("bench psplib takes paths, bounds, a time limit and a single-pass rule")
    func bench() throws {
        let command = try #require(try Gantry.parseAsRoot([
            "bench", "psplib", "data/j30", "data/j120", "--bounds", "b.csv", "--time-limit", "2", "--single-pass", "lft",
            "--scheme", "parallel", "--json",
        ]) as? Bench.PSPLIBBench)
        #expect(command.paths == ["data/j30", "data/j120"])
        #expect(command.bounds == "b.csv")
        #expect(command.timeLimit == 2)
        #expect(command.singlePass == "lft")
        #expect(command.scheme == "parallel")
        #expect(command.json)
    }

    @Test("bench capacity takes the organisation's size and --json; the defaults are issue 14's organisation")
    func benchCapacity() throws {
        let command = try #require(try Gantry.parseAsRoot(["bench", "capacity", "--projects", "20", "--weeks", "26", "--repeat", "2", "--json"])
            as? Bench.CapacityBench)
        #expect(command.projects == 20 && command.weeks == 26 && command.repeat == 2 && command.json)
        let defaults = try #require(try Gantry.parseAsRoot(["bench", "capacity"]) as? Bench.CapacityBench)
        #expect(defaults.projects == 500 && defaults.activities == 200 && defaults.weeks == 104)
        #expect(Bench.CapacityBench.helpMessage().contains("gantry bench capacity --projects 100"))
    }

    @Test("refusals", arguments: [
        ["level"], ["level", "a.sm", "--time-limit", "0"], ["level", "a.sm", "--max-schedules", "0"],
        ["bench", "psplib"], ["bench", "psplib", "x", "--single-pass", "FASTEST"], ["bench", "psplib", "x", "--scheme", "diagonal"],
        ["bench", "capacity", "--projects", "0"], ["bench", "capacity", "--weeks", "-1"],
    ])
    func refusals(arguments: [String]) {
        #expect(throws: (any Error).self) { try Gantry.parseAsRoot(arguments) }
    }

    @Test("help teaches: examples and the JSON fields")
    func help() {
        let level = Level.helpMessage()
        #expect(level.contains("gantry level j301_1.sm"))
        #expect(level.contains("--time-limit"))
        let bench = Bench.PSPLIBBench.helpMessage()
        #expect(bench.contains("mean_gap_ub_pct"))
        #expect(bench.contains("bounds.csv"))
    }
}
