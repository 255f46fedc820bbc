import GantryPortfolio
import Testing

/// DOMAIN.md §5.2 and §8 cases 27–29 (weights ±0.0005 as §8 states).
@Suite("AHP pairwise comparison (DOMAIN.md §5.2, cases 27–29)")
struct PairwiseComparisonTests {
    static let leader = try! PairwiseComparison(
        labels: ["Experience", "Education", "Charisma", "Age"], upperTriangle: [[4, 3, 7], [1.0 / 3, 3], [5]])
    static let car = try! PairwiseComparison(
        labels: ["Cost", "Safety", "Style", "Capacity"], upperTriangle: [[3, 7, 3], [9, 1], [1.0 / 7]])

    @Test("case 27, leader criteria: Experience .548, Charisma .270, Education .127, Age .056; λmax 4.1184; CR 0.044")
    func leaderCriteria() throws {
        let result = Self.leader.weights()
        for (label, expected) in [("Experience", 0.548), ("Charisma", 0.270), ("Education", 0.127), ("Age", 0.056)] {
            #expect(abs(try #require(result.weight(of: label)) - expected) <= 0.0005, "\(label)")
        }
        #expect(abs(result.weights.reduce(0, +) - 1) < 1e-12)
        #expect(abs(result.lambdaMax - 4.1184) <= 0.00005)
        #expect(result.randomIndex == 0.90)
        #expect(abs(try #require(result.consistencyRatio) - 0.044) <= 0.0005)
        #expect(result.isConsistent && result.warning == nil)
    }

    @Test("case 28, car criteria: Cost .510, Safety .234, Capacity .215, Style .041; CI .0664")
    func carCriteria() throws {
        let result = Self.car.weights()
        for (label, expected) in [("Cost", 0.510), ("Safety", 0.234), ("Capacity", 0.215), ("Style", 0.041)] {
            #expect(abs(try #require(result.weight(of: label)) - expected) <= 0.0005, "\(label)")
        }
        #expect(abs(result.consistencyIndex - 0.0664) <= 0.00005)
    }

    @Test("case 28: the same matrix has CR 0.074 with Saaty 1980 and 0.080 with Donegan–Dodd",
          arguments: [(RandomIndexTable.saaty1980, 0.074), (.doneganDodd, 0.080)])
    func carConsistencyByTable(table: RandomIndexTable, expected: Double) throws {
        let result = Self.car.weights(randomIndex: table)
        #expect(abs(try #require(result.consistencyRatio) - expected) <= 0.0005)
        #expect(result.randomIndexTable == table.name)
    }

    @Test("case 29: a consistent 3×3 matrix gives w = (4/7, 2/7, 1/7), λmax = 3 and CR = 0")
    func consistentMatrix() throws {
        let ahp = try PairwiseComparison(labels: ["a", "b", "c"], matrix: [[1, 2, 4], [0.5, 1, 2], [0.25, 0.5, 1]])
        let result = ahp.weights()
        for (w, expected) in zip(result.weights, [4.0 / 7, 2.0 / 7, 1.0 / 7]) { #expect(abs(w - expected) <= 1e-6) }
        #expect(abs(result.lambdaMax - 3) <= 1e-6)
        #expect(abs(try #require(result.consistencyRatio)) <= 1e-6)
    }

    @Test("case 29: the Saaty 1980 random index for n = 3…10 is .58 .90 1.12 1.24 1.32 1.41 1.45 1.49")
    func randomIndexTable() {
        #expect((3...10).map { RandomIndexTable.saaty1980.randomIndex(order: $0) }
                == [0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49])
    }

    @Test("the geometric mean is a named approximation: car Cost .5042 against the eigenvector's .5101 (§5.2)")
    func geometricMean() throws {
        let approximation = Self.car.weights(method: .geometricMean)
        let exact = Self.car.weights(method: .principalEigenvector)
        #expect(approximation.method == .geometricMean)
        #expect(abs(try #require(approximation.weight(of: "Cost")) - 0.5042) <= 0.00005)
        #expect(abs(try #require(exact.weight(of: "Cost")) - 0.5101) <= 0.00005)
    }

    @Test("n ≤ 2 is consistent by definition: CR = 0 whatever the judgement")
    func twoItems() throws {
        let result = try PairwiseComparison(labels: ["x", "y"], upperTriangle: [[9]]).weights()
        #expect(result.consistencyRatio == 0 && result.isConsistent)
        #expect(abs(result.weights[0] - 0.9) < 1e-12)
    }

    @Test("above the 0.10 threshold the result is not consistent and the warning names the worst judgement")
    func inconsistent() throws {
        // a > b, b > c, but c strongly over a: a circular preference.
        let ahp = try PairwiseComparison(labels: ["a", "b", "c"], upperTriangle: [[3, 1.0 / 5], [3]])
        let result = ahp.weights()
        #expect(try #require(result.consistencyRatio) > 0.10)
        #expect(!result.isConsistent)
        let warning = try #require(result.warning)
        #expect(warning.hasPrefix("The judgements are inconsistent: CR "))
        #expect(warning.contains("above 0.1 (random index saaty_1980, n = 3)"))
        #expect(result.mostInconsistent != nil)
        // The threshold is a setting: at 2.0 the same matrix is accepted.
        #expect(ahp.weights(threshold: 2).isConsistent)
    }

    @Test("the car matrix is consistent at 0.10 but not at a stricter 0.05")
    func thresholdIsConfigurable() {
        #expect(Self.car.weights().isConsistent)
        #expect(!Self.car.weights(threshold: 0.05).isConsistent)
    }

    static let badMatrices: [(String, [[Double]])] = [
        ("not_reciprocal", [[1, 2, 4], [0.5, 1, 2], [0.25, 0.4, 1]]),
        ("invalid_judgement", [[1, 12, 4], [1.0 / 12, 1, 2], [0.25, 0.5, 1]]),
        ("invalid_judgement", [[1, -2, 4], [-0.5, 1, 2], [0.25, 0.5, 1]]),
        ("not_reciprocal", [[2, 2, 4], [0.5, 1, 2], [0.25, 0.5, 1]]),
    ]

    @Test("judgements that are not reciprocal, not positive or off the 1/9–9 scale are refused",
          arguments: badMatrices)
    func refusals(code: String, matrix: [[Double]]) {
        #expect { _ = try PairwiseComparison(labels: ["a", "b", "c"], matrix: matrix) } throws: {
            ($0 as? PortfolioError)?.code == code
        }
    }
}
