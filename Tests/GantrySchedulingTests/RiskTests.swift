import GantryModel
import GantryScheduling
import Testing

@Suite("Schedule risk: three-point estimates, PERT and Monte Carlo")
struct RiskTests {
    /// Case 20 [S Taha-style notes]: te = (a + 4m + b)/6, σ² = ((b − a)/6)².
    @Test("PERT means and variances of (2,5,8), (5,7,12), (4,6,10)")
    func pertFormulas() throws {
        let triples = [(2.0, 5.0, 8.0), (5, 7, 12), (4, 6, 10)]
        let expectedMean = [5, 7.5, 6.3333], expectedVar = [1, 1.3611, 1.0]
        for (k, t) in triples.enumerated() {
            let e = try #require(ThreePointEstimate(t.0, t.1, t.2, shape: .pert))
            #expect(abs(e.mean - expectedMean[k]) < 1e-4)
            #expect(abs(e.variance - expectedVar[k]) < 1e-4)
        }
        #expect(ThreePointEstimate(5, 4, 6) == nil)
    }

    /// Case 23 [X closed form vs scipy]: triangular quantiles.
    @Test("triangular quantiles of tri(5,10,15) and tri(2,4,12)")
    func triangularQuantiles() {
        let cases: [((Double, Double, Double), [Double])] = [
            ((5, 10, 15), [10.0, 11.837722, 12.763932]), ((2, 4, 12), [5.675445, 8.0, 9.171573]),
        ]
        for ((a, m, b), expected) in cases {
            for (p, q) in zip([0.5, 0.8, 0.9], expected) {
                #expect(abs(ThreePointEstimate.triangularQuantile(p, a: a, m: m, b: b) - q) < 1e-6, "\(a),\(m),\(b) at \(p)")
            }
        }
        // Case 25 [D analytic]: the max of two iid draws has quantile Q(√p).
        #expect(abs(ThreePointEstimate.triangularQuantile(0.5.squareRoot(), a: 2, m: 4, b: 12) - 7.159395) < 1e-5)
        #expect(abs(ThreePointEstimate.triangularQuantile(0.8.squareRoot(), a: 2, m: 4, b: 12) - 9.09383) < 1e-5)
    }

    /// Case 21 [S mean 20.83 + D]: the Taha event network, arcs as activities, an arc i-j before every arc j-k.
    @Test("Taha's PERT network: mean 20.83 on 1-2-3-4-5-6, σ² 3.8056, P(T ≤ 25) 0.9837, P80 22.475")
    func tahaNetwork() throws {
        let arcs: [(String, Double, Double, Double)] = [
            ("12", 2, 5, 8), ("13", 1, 4, 7), ("23", 0, 0, 0), ("24", 2, 4, 6), ("26", 5, 7, 12),
            ("34", 3, 5, 10), ("35", 3, 6, 9), ("45", 4, 6, 10), ("46", 2, 5, 8), ("56", 2, 4, 6),
        ]
        let activities = arcs.map { ScheduleInput.Activity(name: $0.0, duration: Int64($0.2)) }
        var links: [ScheduleInput.Link] = []
        for (i, a) in arcs.enumerated() {
            for (j, b) in arcs.enumerated() where a.0.last == b.0.first { links.append(.init(from: i, to: j)) }
        }
        let estimates = arcs.map { ThreePointEstimate($0.1, $0.2, $0.3, shape: .pert) }
        let mc = MonteCarlo(input: ScheduleInput(activities: activities, links: links), estimates: estimates)
        let (pert, path) = try mc.pert()
        #expect(abs(pert.mean - 20.8333) < 1e-3)
        #expect(path.map { arcs[$0].0 } == ["12", "23", "34", "45", "56"])
        #expect(abs(pert.variance - 3.8056) < 1e-3)
        #expect(abs(pert.probability(finishingBy: 25) - 0.9837) < 1e-3)
        #expect(abs(pert.quantile(0.8) - 22.4752) < 1e-3)
    }

    /// Case 24 [X numerical convolution]: two triangular activities in series, N = 100,000.
    @Test("a serial sum of tri(2,4,12) and tri(5,10,15): mean 16, P50 15.886, P80 18.557 (±0.1)")
    func serialSum() throws {
        let input = ScheduleInput(
            activities: [.init(name: "A", duration: 4), .init(name: "B", duration: 10)], links: [.init(from: 0, to: 1)])
        let r = try MonteCarlo(
            input: input,
            estimates: [ThreePointEstimate(2, 4, 12, shape: .triangular), ThreePointEstimate(5, 10, 15, shape: .triangular)],
            options: .init(iterations: 100_000, seed: 12345)).run()
        #expect(abs(r.mean - 16) < 0.05)
        #expect(abs(r.p50 - 15.886) < 0.1)
        #expect(abs(r.p80 - 18.557) < 0.1)
        #expect(abs(r.p90 - 19.976) < 0.1)
        #expect(r.deterministic == 14)
        #expect(r.criticality == [1, 1])
        #expect(r.histogram.map(\.count).reduce(0, +) == 100_000)
    }

    /// Case 25 [D analytic]: merge bias — two parallel iid tri(2,4,12) paths finish later than either.
    @Test("the max of two parallel tri(2,4,12): P50 7.159, P80 9.094, above the single path's P80 of 8")
    func mergeBias() throws {
        let input = ScheduleInput(activities: [.init(name: "A", duration: 4), .init(name: "B", duration: 4)], links: [])
        let tri = ThreePointEstimate(2, 4, 12, shape: .triangular)
        let r = try MonteCarlo(input: input, estimates: [tri, tri], options: .init(iterations: 100_000, seed: 7)).run()
        #expect(abs(r.p50 - 7.1594) < 0.1)
        #expect(abs(r.p80 - 9.0938) < 0.1)
        #expect(r.p80 > 8.0)
        // Each path is the longer one about half the time.
        for c in r.criticality { #expect(abs(c - 0.5) < 0.02) }
    }

    @Test("the same seed gives the same result; another seed another one")
    func seeded() throws {
        let input = ScheduleInput(
            activities: [.init(name: "A", duration: 4), .init(name: "B", duration: 10)], links: [.init(from: 0, to: 1)])
        let est = [ThreePointEstimate(2, 4, 12), ThreePointEstimate(5, 10, 15)]
        let a = try MonteCarlo(input: input, estimates: est, options: .init(iterations: 2000, seed: 3)).run()
        let b = try MonteCarlo(input: input, estimates: est, options: .init(iterations: 2000, seed: 3)).run()
        let c = try MonteCarlo(input: input, estimates: est, options: .init(iterations: 2000, seed: 4)).run()
        #expect(a == b)
        #expect(a.sortedLengths != c.sortedLengths)
        // PERT-beta draws stay inside [a, b].
        #expect(a.sortedLengths.first! >= 7 && a.sortedLengths.last! <= 27)
    }
}
