import Foundation
import GantryAnalytics
import GantryModel
import Testing

/// Case 39 [policy from the public EVA deck] and DOMAIN.md §7.
@Suite("RAG rules")
struct RAGPolicyTests {
    @Test(
        "case 39: default bands on the worst of SPI and CPI give G, A, A, R, R",
        arguments: [
            (0.95, 0.95, Health.green),
            (0.949, 0.949, .amber),
            (0.85, 0.85, .amber),
            (0.849, 0.849, .red),
            (0.97, 0.84, .red),
        ]
    )
    func case39(spi: Double, cpi: Double, expected: Health) {
        let assessment = RAGPolicy.default.assessment(of: RAGSignals(schedulePerformanceIndex: spi, costPerformanceIndex: cpi))
        #expect(assessment.status == expected)
    }

    @Test("the colour carries its reasons, in words")
    func reasons() {
        let assessment = RAGPolicy.default.assessment(of: RAGSignals(schedulePerformanceIndex: 0.84, costPerformanceIndex: 0.97))
        #expect(assessment.status == .red)
        #expect(assessment.reasons.map(\.text) == ["SPI 0.84 below 0.85 → red", "CPI 0.97 at or above 0.95 → green"])
        #expect(assessment.decidingReasons.map(\.signal) == [.schedulePerformanceIndex])
        let nearly = RAGPolicy.default.assessment(of: RAGSignals(schedulePerformanceIndex: 0.849, costPerformanceIndex: 0.949))
        #expect(nearly.reasons.map(\.text) == [
            "SPI 0.849 below 0.85 → red", "CPI 0.949 below 0.95, at or above 0.85 → amber",
        ])
    }

    @Test("bands are configuration, and a bad configuration is refused")
    func configuredBands() throws {
        let strict = RAGPolicy(indexBands: try RAGBands(greenMinimum: 1.0, amberMinimum: 0.9), overdueMilestones: nil, openHighRisks: nil)
        #expect(strict.assessment(of: RAGSignals(schedulePerformanceIndex: 0.97, costPerformanceIndex: 1.1)).status == .amber)
        #expect(RAGBands.default.greenMinimum == 0.95 && RAGBands.default.amberMinimum == 0.85)
        #expect(throws: AnalyticsError.self) { try RAGBands(greenMinimum: 0.8, amberMinimum: 0.9) }
        #expect(throws: AnalyticsError.self) { try CountThresholds(amberAt: 3, redAt: 1) }
    }

    @Test("a stored policy round-trips, and stored nonsense is refused when read")
    func storedPolicy() throws {
        let data = try JSONEncoder().encode(RAGPolicy.default)
        #expect(try JSONDecoder().decode(RAGPolicy.self, from: data) == .default)
        let inverted = Data(#"{"greenMinimum":0.8,"amberMinimum":0.9}"#.utf8)
        #expect(throws: AnalyticsError.self) { try JSONDecoder().decode(RAGBands.self, from: inverted) }
        let blank = Data(#"{"status":"red","comment":" "}"#.utf8)
        #expect(throws: AnalyticsError.self) { try JSONDecoder().decode(RAGOverride.self, from: blank) }
    }

    @Test("overdue milestones and open high risks can darken the colour, and say so")
    func extraSignals() throws {
        let signals = RAGSignals(schedulePerformanceIndex: 1.0, costPerformanceIndex: 1.0, overdueMilestones: 1, openHighRisks: 3)
        let assessment = RAGPolicy.default.assessment(of: signals)
        #expect(assessment.status == .red)
        #expect(assessment.decidingReasons.map(\.text) == ["open high risks 3 at or above 3 → red"])
        #expect(assessment.reasons.contains { $0.text == "overdue milestones 1 at or above 1, below 3 → amber" })
        let indicesOnly = RAGPolicy(overdueMilestones: nil, openHighRisks: nil)
        #expect(indicesOnly.assessment(of: signals).status == .green)
    }

    @Test("with nothing to judge the colour is unknown, and says what is missing")
    func unknown() {
        let assessment = RAGPolicy.default.assessment(of: RAGSignals())
        #expect(assessment.status == .unknown)
        #expect(assessment.reasons.map(\.text) == ["SPI not available", "CPI not available"])
        let costOnly = RAGPolicy.default.assessment(of: RAGSignals(costPerformanceIndex: 0.9))
        #expect(costOnly.status == .amber)
    }

    @Test("a manual override needs a comment")
    func override() throws {
        #expect(throws: AnalyticsError(code: "override_comment_required", message: "an override of the RAG status needs a comment saying why")) {
            try RAGOverride(status: .green, comment: "  \n")
        }
        #expect(throws: AnalyticsError.self) { try RAGOverride(status: .unknown, comment: "why") }
        let override = try RAGOverride(status: .amber, comment: " Supplier recovered the slip \n")
        #expect(override.status == .amber)
        #expect(override.comment == "Supplier recovered the slip")
    }

    @Test("the IPA delivery confidence scale has five points, each defined (§7)")
    func deliveryConfidence() {
        #expect(DeliveryConfidence.allCases.map(\.label) == ["Green", "Amber/Green", "Amber", "Amber/Red", "Red"])
        #expect(DeliveryConfidence.amberRed.rawValue == "amber_red")
        #expect(DeliveryConfidence.allCases.allSatisfy { !$0.definition.isEmpty })
        #expect(DeliveryConfidence.red.definition.contains("unachievable"))
    }
}
