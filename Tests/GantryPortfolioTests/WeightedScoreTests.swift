import GantryPortfolio
import Testing

/// DOMAIN.md §5.1: strategic fit 0.4, NPV 0.3, risk (inverted) 0.2, compliance 0.1, every rating on 0–10.
@Suite("Weighted scoring model (DOMAIN.md §5.1)")
struct WeightedScoreTests {
    /// The §5.1 model. The risk column in §5.1 is already inverted (7 means low risk); here risk is entered raw
    /// (lower is better), so P1's risk 7 is entered as a raw risk of 3.
    static func model(weights: [Double] = [0.4, 0.3, 0.2, 0.1]) throws -> WeightedScore {
        try WeightedScore(criteria: [
            .init(key: "fit", name: "Strategic fit", weight: weights[0]),
            .init(key: "npv", name: "NPV", weight: weights[1]),
            .init(key: "risk", name: "Risk", weight: weights[2], direction: .lowerIsBetter),
            .init(key: "compliance", name: "Compliance", weight: weights[3]),
        ])
    }

    static func ratings(_ fit: Double, _ npv: Double, _ invertedRisk: Double, _ compliance: Double) -> [String: Double] {
        ["fit": fit, "npv": npv, "risk": 10 - invertedRisk, "compliance": compliance]
    }

    static let requests: [WeightedScore.Candidate<String>] = [
        .init(id: "P1", ratings: ratings(8, 6, 7, 5)),
        .init(id: "P2", ratings: ratings(6, 9, 5, 9)),
        .init(id: "P3", ratings: ratings(9, 4, 8, 6)),
    ]

    @Test("P1, P2 and P3 score 6.9, 7.0 and 7.0", arguments: [("P1", 6.9), ("P2", 7.0), ("P3", 7.0)])
    func scores(id: String, expected: Double) throws {
        let request = try #require(Self.requests.first { $0.id == id })
        #expect(abs(try Self.model().score(request.ratings).score - expected) < 1e-9)
    }

    @Test("weights are normalised: 4, 3, 2, 1 is the same model as 0.4, 0.3, 0.2, 0.1")
    func normalisedWeights() throws {
        let model = try Self.model(weights: [4, 3, 2, 1])
        #expect(model.weights.map { ($0 * 1e12).rounded() / 1e12 } == [0.4, 0.3, 0.2, 0.1])
        #expect(abs(model.weights.reduce(0, +) - 1) < 1e-12)
        #expect(abs(try model.score(Self.requests[0].ratings).score - 6.9) < 1e-9)
    }

    @Test("the tie between P2 and P3 (both 7.0) goes to P3 on strategic fit; P1 is last")
    func ranking() throws {
        let ranked = try Self.model().ranking(of: Self.requests)
        #expect(ranked.map(\.id) == ["P3", "P2", "P1"])
        #expect(ranked.map(\.rank) == [1, 2, 3])
        #expect(ranked.map(\.aheadOfNextBy) == [.firstCriterion, .score, nil])
    }

    @Test("equal score and first criterion: the lower cost goes first, an unknown cost last, then the id")
    func costThenID() throws {
        let model = try Self.model()
        let same = Self.ratings(8, 6, 7, 5)
        let ranked = try model.ranking(of: [
            .init(id: "D", ratings: same), .init(id: "C", ratings: same, cost: 50),
            .init(id: "B", ratings: same, cost: 20), .init(id: "A", ratings: same),
        ])
        #expect(ranked.map(\.id) == ["B", "C", "A", "D"])
        #expect(ranked.map(\.aheadOfNextBy) == [.cost, .cost, .id, nil])
    }

    @Test("the breakdown explains each criterion's contribution, and the contributions add up to the score")
    func explanation() throws {
        let breakdown = try Self.model().score(Self.requests[0].ratings)
        #expect(breakdown.contributions.map(\.points).map { ($0 * 1e9).rounded() / 1e9 } == [3.2, 1.8, 1.4, 0.5])
        #expect(abs(breakdown.contributions.map(\.points).reduce(0, +) - breakdown.score) < 1e-12)
        #expect(breakdown.explanation[0] == "Strategic fit: 8 on 0–10, higher is better → 0.8 × weight 0.4 = 3.2 points")
        #expect(breakdown.explanation[2] == "Risk: 3 on 0–10, lower is better, inverted → 0.7 × weight 0.2 = 1.4 points")
        #expect(breakdown.explanation.last == "score = 6.9 on 0–10")
    }

    @Test("scales other than 0–10 are normalised first: NPV in $k on 0–500 and cost inverted")
    func otherScales() throws {
        let model = try WeightedScore(criteria: [
            .init(key: "npv", weight: 1, scale: 0...500),
            .init(key: "cost", weight: 1, scale: 100...300, direction: .lowerIsBetter),
        ], scoreScale: 0...100)
        // npv 400 → 0.8; cost 150 → (300 − 150)/200 = 0.75; (0.8 + 0.75)/2 · 100 = 77.5
        #expect(abs(try model.score(["npv": 400, "cost": 150]).score - 77.5) < 1e-9)
    }

    static let refused: [(String, [Double], [String: Double])] = [
        ("negative_weight", [0.4, -0.3, 0.2, 0.1], ["fit": 1.0, "npv": 1, "risk": 1, "compliance": 1]),
        ("zero_weights", [0, 0, 0, 0], ["fit": 1, "npv": 1, "risk": 1, "compliance": 1]),
        ("missing_rating", [0.4, 0.3, 0.2, 0.1], ["fit": 1, "npv": 1, "risk": 1]),
        ("rating_out_of_scale", [0.4, 0.3, 0.2, 0.1], ["fit": 11, "npv": 1, "risk": 1, "compliance": 1]),
        ("unknown_criterion", [0.4, 0.3, 0.2, 0.1], ["fit": 1, "npv": 1, "risk": 1, "compliance": 1, "x": 1]),
    ]

    @Test("a negative weight, all-zero weights, a missing or out-of-scale rating are refused with a code",
          arguments: refused)
    func refusals(code: String, weights: [Double], ratings: [String: Double]) {
        #expect { _ = try Self.model(weights: weights).score(ratings) } throws: { ($0 as? PortfolioError)?.code == code }
    }
}
