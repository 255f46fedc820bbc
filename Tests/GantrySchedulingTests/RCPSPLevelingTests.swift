import Foundation
import GantryScheduling
import Testing

@Suite("Leveling PSPLIB instances: feasible and never below the lower bound", .enabled(if: PSPLIBData.available, "needs ../shared/data/psplib"))
struct RCPSPLevelingTests {
    @Test("every j30 instance, 300 schedules each")
    func j30() throws {
        let bounds = try PSPLIBData.bounds()
        for url in PSPLIBData.files("j30") {
            let file = try PSPLIBData.load(url)
            let name = url.deletingPathExtension().lastPathComponent
            let b = try #require(bounds[name])
            let r = try Leveler(file.instance).improve(LevelingOptions(maxSchedules: 300))
            #expect(FeasibilityCheck.violations(of: r.starts, in: file.instance).isEmpty, "\(name)")
            #expect(r.makespan == file.instance.makespan(of: r.starts))
            #expect(r.makespan >= b.lb, "\(name)")
            #expect(r.schedulesGenerated <= 300 + 3)
        }
    }

    @Test("a sample of j120 (every 15th), 300 schedules each")
    func j120() throws {
        let bounds = try PSPLIBData.bounds()
        for (i, url) in PSPLIBData.files("j120").enumerated() where i % 15 == 0 {
            let file = try PSPLIBData.load(url)
            let name = url.deletingPathExtension().lastPathComponent
            let r = try Leveler(file.instance).improve(LevelingOptions(maxSchedules: 300))
            #expect(FeasibilityCheck.violations(of: r.starts, in: file.instance).isEmpty, "\(name)")
            #expect(r.makespan >= bounds[name]!.lb, "\(name)")
        }
    }

    @Test("every Patterson instance, 300 schedules each, never below its optimum")
    func patterson() throws {
        let optima = try PSPLIBData.pattersonOptima()
        var atOptimum = 0
        for url in PSPLIBData.files("patterson") {
            let file = try PSPLIBData.load(url)
            let r = try Leveler(file.instance).improve(LevelingOptions(maxSchedules: 300))
            #expect(FeasibilityCheck.violations(of: r.starts, in: file.instance).isEmpty, "\(url.lastPathComponent)")
            let optimum = optima[url.lastPathComponent]!
            #expect(r.makespan >= optimum, "\(url.lastPathComponent)")
            if r.makespan == optimum { atOptimum += 1 }
        }
        #expect(atOptimum >= 90)
    }

    @Test("single passes of every rule and scheme on j30 are feasible")
    func singlePasses() throws {
        for url in PSPLIBData.files("j30").prefix(40) {
            let file = try PSPLIBData.load(url)
            let leveler = try Leveler(file.instance)
            for rule in PriorityRule.allCases {
                for scheme in GenerationScheme.allCases {
                    let r = leveler.singlePass(rule: rule, scheme: scheme)
                    #expect(FeasibilityCheck.isFeasible(r.starts, in: file.instance), "\(url.lastPathComponent) \(rule) \(scheme)")
                }
            }
        }
    }
}

@Suite("Leveling preview and validation")
struct RCPSPPreviewTests {
    @Test("case 17's preview: who moves, by how much, and why")
    func preview() throws {
        let leveler = try Leveler(RCPSPOracleTests.mini)
        let result = leveler.singlePass(rule: .lft, scheme: .serial)
        let moves = leveler.moves(result)
        #expect(moves.map(\.activity) == [0, 2, 3, 4])
        #expect(moves.map(\.from) == [0, 3, 2, 6])
        #expect(moves.map(\.to) == [2, 5, 5, 9])
        #expect(moves.map(\.delay) == [2, 2, 3, 3])
        #expect(moves.map(\.reasons) == [[.resource(0)], [.predecessor(0)], [.resource(0)], [.predecessor(3)]])
    }

    @Test("validation names what is wrong")
    func validation() {
        let d = [1, 1, 1]
        let loop = RCPSPInstance(
            durations: d, capacities: [1], demands: [0, 0, 0],
            precedences: [.finishToStart(0, 1, durations: d), .finishToStart(1, 2, durations: d), .startToStart(2, 1)])
        #expect(throws: RCPSPError.self) { try Leveler(loop) }
        do { try loop.validate() } catch {
            #expect(error.code == .dependencyCycle)
            #expect(error.cycle == [1, 2, 1])
        }
        let big = RCPSPInstance(durations: [2], capacities: [3, 1], demands: [1, 2], precedences: [])
        do { try big.validate() } catch {
            #expect(error.code == .demandExceedsCapacity)
            #expect(error.activity == 0)
            #expect(error.resource == 1)
        }
        let shape = RCPSPInstance(durations: [2], capacities: [3], demands: [1, 2], precedences: [])
        #expect(throws: RCPSPError(.shapeMismatch, "demands hold 2 values, expected 1 activities × 1 resources")) { try shape.validate() }
    }

    @Test("link types map to start-to-start distances")
    func links() {
        let d = [5, 3]
        #expect(RCPSPInstance.Precedence.finishToStart(0, 1, durations: d, lag: 2).delta == 7)
        #expect(RCPSPInstance.Precedence.startToStart(0, 1, lag: 2).delta == 2)
        #expect(RCPSPInstance.Precedence.finishToFinish(0, 1, durations: d, lag: 1).delta == 3)
        #expect(RCPSPInstance.Precedence.startToFinish(0, 1, durations: d, lag: 1).delta == -2)
    }

    @Test("the checker catches a capacity overload and a broken link")
    func checker() {
        let inst = RCPSPOracleTests.mini
        let v = FeasibilityCheck.violations(of: [0, 0, 3, 2, 6], in: inst)
        #expect(v.contains(.capacity(resource: 0, period: 0, load: 4, capacity: 3)))
        let w = FeasibilityCheck.violations(of: [2, 0, 4, 5, 9], in: inst)
        #expect(w == [.precedence(from: 0, to: 2, required: 5, actual: 4)])
    }
}
