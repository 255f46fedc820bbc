import GantryPortfolio
import Testing

/// DOMAIN.md §5.3 and §8 case 31: six projects (value, cost in $k, FTE), solved with CP-SAT.
@Suite("Portfolio selection and efficient frontier (DOMAIN.md §5.3, case 31)")
struct PortfolioSelectionTests {
    typealias Selection = PortfolioSelection<String>
    static let fte = Selection.Bucket(role: "FTE")

    static func sixProjects(budget: Double?, fte: Double? = nil) -> Selection {
        let table: [(String, Double, Double, Double)] = [
            ("A", 90, 40, 3), ("B", 60, 30, 2), ("C", 50, 20, 2), ("D", 40, 25, 1), ("E", 30, 10, 1), ("F", 20, 15, 2),
        ]
        return Selection(candidates: table.map { .init(id: $0.0, value: $0.1, cost: $0.2, demand: [Self.fte: $0.3]) },
                         budget: budget, capacity: fte.map { [Self.fte: $0] } ?? [:])
    }

    @Test("budget 100: A, B, C, E for 230 (cost 100, 8 FTE)")
    func budget100() throws {
        let result = try Self.sixProjects(budget: 100).optimal()
        #expect(result.status == .optimal)
        #expect(result.selected == ["A", "B", "C", "E"])
        #expect(result.value == 230 && result.cost == 100)
    }

    @Test("budget 100 and FTE ≤ 5: A, D, E for 160")
    func budget100FTE5() throws {
        let result = try Self.sixProjects(budget: 100, fte: 5).optimal()
        #expect(result.selected == ["A", "D", "E"])
        #expect(result.value == 160)
        #expect(result.usage == [Self.fte: 5])
    }

    @Test("budget 100, FTE ≤ 5 and F forced in: B, D, F for 120")
    func forcedIn() throws {
        var selection = Self.sixProjects(budget: 100, fte: 5)
        selection.decisions["F"] = .forcedIn
        let result = try selection.optimal()
        #expect(result.selected == ["B", "D", "F"])
        #expect(result.value == 120)
    }

    @Test("budget 90: the optimum is A, B, C for 200; greedy by value/cost takes A, C, E, F for 190")
    func greedyIsNotOptimal() throws {
        let selection = Self.sixProjects(budget: 90)
        let optimal = try selection.optimal()
        let greedy = try selection.greedyByRatio()
        #expect(optimal.selected == ["A", "B", "C"] && optimal.value == 200)
        #expect(greedy.selected == ["A", "C", "E", "F"] && greedy.value == 190)
    }

    @Test("the efficient frontier for B = 0, 10, …, 140 is case 31's, non-decreasing and flat from 100 to 110")
    func frontier() throws {
        let frontier = try EfficientFrontier(Self.sixProjects(budget: nil), budgets: stride(from: 0.0, through: 140, by: 10))
        #expect(frontier.points.map(\.budget) == Array(stride(from: 0.0, through: 140, by: 10)))
        #expect(frontier.points.map(\.value) == [0, 30, 50, 80, 90, 120, 140, 170, 180, 200, 230, 230, 250, 270, 290])
        #expect(frontier.points.allSatisfy { $0.result.status == .optimal && $0.result.cost <= $0.budget })
    }

    @Test("forced-in projects over the budget: infeasible, naming them and the overrun")
    func forcedInOverBudget() throws {
        var selection = Self.sixProjects(budget: 50)
        selection.decisions = ["A": .forcedIn, "F": .forcedIn, "E": .forcedOut]
        let result = try selection.optimal()
        #expect(result.status == .infeasible && result.selected.isEmpty)
        #expect(result.infeasibilities.map(\.code) == ["forced_in_over_budget"])
        #expect(result.infeasibilities.first?.projects == ["A", "F"])
        #expect(result.infeasibilities.first?.message == "forced-in projects A (40), F (15) cost 55, over the budget of 50 by 5")
    }

    @Test("forced-in projects over a capacity: infeasible, naming the role, the period and the projects")
    func forcedInOverCapacity() throws {
        var selection = Self.sixProjects(budget: 100, fte: 4)
        selection.decisions = ["A": .forcedIn, "B": .forcedIn]
        let result = try selection.optimal()
        #expect(result.infeasibilities.map(\.code) == ["forced_in_over_capacity"])
        #expect(result.infeasibilities.first?.message
                == "forced-in projects A (3), B (2) need 5 of FTE in period 0, over its capacity of 4 by 1")
    }

    @Test("contradictory decisions are infeasible: excluded pair both forced in; a forced-in project requiring a forced-out one")
    func contradictoryDecisions() throws {
        var selection = Self.sixProjects(budget: 200)
        selection.decisions = ["A": .forcedIn, "B": .forcedIn, "D": .forcedIn, "E": .forcedOut]
        selection.exclusions = [("A", "B")]
        selection.requirements = [(project: "D", requires: "E")]
        let result = try selection.optimal()
        #expect(result.status == .infeasible)
        #expect(Set(result.infeasibilities.map(\.code)) == ["forced_in_excluded", "forced_in_requires_forced_out"])
        #expect(result.infeasibilities.contains { $0.message == "E is required by forced-in D but is forced out" })
    }

    @Test("'p requires q' and mutual exclusion change the budget-100 optimum")
    func dependencies() throws {
        // A requires D, and B excludes C: the best is A, D, C, E (value 210, cost 95) rather than A, B, C, E.
        var selection = Self.sixProjects(budget: 100)
        selection.requirements = [(project: "A", requires: "D")]
        selection.exclusions = [("B", "C")]
        let result = try selection.optimal()
        #expect(result.selected == ["A", "C", "D", "E"] && result.value == 210)
        // Forcing D out takes A out with it.
        selection.decisions["D"] = .forcedOut
        #expect(try !selection.optimal().selected.contains("A"))
    }

    @Test("a search stopped at its node limit says so and still returns a feasible selection (the greedy one here)")
    func nodeLimit() throws {
        let result = try Self.sixProjects(budget: 90).optimal(nodeLimit: 1)
        #expect(result.status == .nodeLimitReached)
        #expect(result.selected == ["A", "C", "E", "F"] && result.cost <= 90)
    }

    @Test("malformed input throws: a duplicate id, a negative cost, a rule naming an unknown project",
          arguments: ["duplicate_candidate", "invalid_cost", "unknown_project"])
    func malformed(code: String) {
        var selection = Self.sixProjects(budget: 100)
        switch code {
        case "duplicate_candidate": selection.candidates.append(.init(id: "A", value: 1, cost: 1))
        case "invalid_cost": selection.candidates[0].cost = -1
        default: selection.requirements = [(project: "A", requires: "Z")]
        }
        #expect { _ = try selection.optimal() } throws: { ($0 as? PortfolioError)?.code == code }
    }

    @Test("the optimum equals exhaustive search on seeded random portfolios with capacity and rules")
    func matchesExhaustiveSearch() throws {
        var rng = SplitMix(seed: 31)
        for _ in 0..<150 {
            let n = Int(rng.next() % 9) + 3
            let periods = [Selection.Bucket(role: "dev", period: 0), Selection.Bucket(role: "dev", period: 1)]
            let candidates = (0..<n).map { i in
                Selection.Candidate(id: "P\(i)", value: Double(rng.next() % 50), cost: Double(rng.next() % 30),
                                    demand: [periods[0]: Double(rng.next() % 4), periods[1]: Double(rng.next() % 4)])
            }
            var selection = Selection(candidates: candidates, budget: Double(rng.next() % 120),
                                      capacity: [periods[0]: Double(rng.next() % 10), periods[1]: 8])
            selection.requirements = [(project: "P0", requires: "P1")]
            selection.exclusions = [("P1", "P2")]
            let result = try selection.optimal()
            var best = 0.0
            for mask in 0..<(1 << n) {
                let chosen = (0..<n).filter { mask & (1 << $0) != 0 }
                if mask & 1 != 0 && mask & 2 == 0 { continue }
                if mask & 2 != 0 && mask & 4 != 0 { continue }
                guard chosen.reduce(0, { $0 + candidates[$1].cost }) <= selection.budget! else { continue }
                guard periods.allSatisfy({ p in chosen.reduce(0, { $0 + candidates[$1].demand[p]! }) <= selection.capacity[p]! })
                else { continue }
                best = max(best, chosen.reduce(0) { $0 + candidates[$1].value })
            }
            #expect(result.status == .optimal)
            #expect(result.value == best)
            #expect(try selection.optimal() == result, "the same input gives the same selection")
        }
    }
}

/// A small seeded generator (SplitMix64) so generated portfolios are the same on every run.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
