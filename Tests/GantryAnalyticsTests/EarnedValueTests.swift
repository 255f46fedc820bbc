import GantryAnalytics
import Testing

/// Expected values are DOMAIN.md §1.2–§1.4 and domain-cases.json (cases 1–6), copied, not computed here.
@Suite("Earned value")
struct EarnedValueTests {
    static func close(_ actual: Double?, _ expected: Double, _ tolerance: Double = 1e-6) -> Bool {
        guard let actual else { return false }
        return abs(actual - expected) <= tolerance
    }

    @Test("case 1 [S PRA tests]: AC from a cumulative series")
    func case1() throws {
        let ev = try #require(
            EarnedValue(
                budgetAtCompletion: 100_000, plannedFractions: [0.1, 0.2, 0.4, 0.7, 1.0], period: 3, percentComplete: 0.35,
                actualCosts: .cumulative([9_000, 18_000, 36_000, 70_000, 100_000])
            )
        )
        #expect(Self.close(ev.plannedValue, 40_000))
        #expect(Self.close(ev.earnedValue, 35_000))
        #expect(ev.actualCost == 36_000)
        #expect(Self.close(ev.scheduleVariance, -5_000))
        #expect(Self.close(ev.costVariance, -1_000))
        #expect(Self.close(ev.schedulePerformanceIndex, 0.875))
        #expect(Self.close(ev.costPerformanceIndex, 0.9722222))
    }

    @Test("case 2 [S PRA book]: AC from period costs, the four EACs, ETC, VAC, both TCPIs")
    func case2() throws {
        let ev = try #require(
            EarnedValue(
                budgetAtCompletion: 500_000, plannedFractions: [0.10, 0.25, 0.50, 0.75, 1.0], period: 3,
                percentComplete: 0.4, actualCosts: .perPeriod([45_000, 110_000, 135_000])
            )
        )
        #expect(Self.close(ev.plannedValue, 250_000))
        #expect(Self.close(ev.earnedValue, 200_000))
        #expect(Self.close(ev.actualCost, 290_000))
        #expect(Self.close(ev.scheduleVariance, -50_000))
        #expect(Self.close(ev.costVariance, -90_000))
        #expect(Self.close(ev.schedulePerformanceIndex, 0.8))
        #expect(Self.close(ev.costPerformanceIndex, 0.6896552))
        #expect(Self.close(ev.estimateAtCompletion(.typical), 725_000, 1e-4))
        #expect(Self.close(ev.estimateAtCompletion(.atypical), 590_000, 1e-4))
        #expect(Self.close(ev.estimateAtCompletion(.costAndSchedule), 833_750, 1e-4))
        #expect(Self.close(ev.estimateToComplete(.typical), 435_000, 1e-4))
        #expect(Self.close(ev.varianceAtCompletion(.typical), -225_000, 1e-4))
        #expect(Self.close(ev.toCompletePerformanceIndex(), 1.4285714))
        #expect(Self.close(ev.toCompletePerformanceIndex(.estimate(.typical)), 0.6896552))
        // §1.2 extension [D]: a bottom-up ETC of 410,000 gives EAC 700,000 and VAC −200,000.
        #expect(Self.close(ev.estimateAtCompletion(.bottomUp(estimateToComplete: 410_000)), 700_000))
        #expect(Self.close(ev.varianceAtCompletion(.bottomUp(estimateToComplete: 410_000)), -200_000))
    }

    @Test("case 3 [S PRA tests]: the EAC formulas on given indices, TCPI and VAC")
    func case3() {
        // EAC typical with BAC 100k and CPI 0.8 (EV and AC play no part in BAC / CPI).
        #expect(Self.close(EstimateMethod.typical.estimate(
            budgetAtCompletion: 100_000, earnedValue: 0, actualCost: 0,
            costPerformanceIndex: 0.8, schedulePerformanceIndex: nil
        ), 125_000, 1e-4))
        #expect(Self.close(EstimateMethod.atypical.estimate(
            budgetAtCompletion: 100_000, earnedValue: 35_000, actualCost: 63_000,
            costPerformanceIndex: nil, schedulePerformanceIndex: nil
        ), 128_000, 1e-4))
        #expect(Self.close(EstimateMethod.costAndSchedule.estimate(
            budgetAtCompletion: 100_000, earnedValue: 35_000, actualCost: 63_000,
            costPerformanceIndex: 0.8, schedulePerformanceIndex: 0.9
        ), 153_277.7778, 1e-4))
        // PV is not part of TCPI or VAC.
        let ev = EarnedValue(budgetAtCompletion: 100_000, plannedValue: 40_000, earnedValue: 35_000, actualCost: 40_000)
        #expect(Self.close(ev.toCompletePerformanceIndex(.budget), 1.0833333))
        #expect(Self.close(ev.toCompletePerformanceIndex(.amount(120_000)), 0.8125))
        #expect(ev.varianceAtCompletion(estimateAtCompletion: 120_000) == -20_000)
    }

    @Test("case 4 [S public test]: the cost side of the earned-schedule example")
    func case4CostSide() {
        let ev = EarnedValue(budgetAtCompletion: 100, plannedValue: 60, earnedValue: 45, actualCost: 55)
        #expect(ev.scheduleVariance == -15)
        #expect(Self.close(ev.schedulePerformanceIndex, 0.75))
        #expect(Self.close(ev.costPerformanceIndex, 0.8182, 1e-4))
        #expect(Self.close(ev.toCompletePerformanceIndex(), 1.2222222, 1e-4))
        #expect(Self.close(ev.estimateAtCompletion(.typical), 122.2222, 1e-4))
        #expect(Self.close(ev.estimateAtCompletion(.costAndSchedule), 144.6296, 1e-4))
        #expect(Self.close(ev.estimateAtCompletion(.atypical), 110, 1e-4))
        #expect(Self.close(ev.toCompletePerformanceIndex(.estimate(.atypical)), 1.0, 1e-4))
    }

    @Test("undefined indices are absent, never NaN (DESIGN.md)")
    func undefined() {
        let start = EarnedValue(budgetAtCompletion: 100, plannedValue: 0, earnedValue: 0, actualCost: 0)
        #expect(start.schedulePerformanceIndex == nil)
        #expect(start.costPerformanceIndex == nil)
        #expect(start.estimateAtCompletion(.typical) == nil)
        #expect(start.estimateAtCompletion(.costAndSchedule) == nil)
        #expect(start.estimateAtCompletion(.atypical) == 100)
        let spent = EarnedValue(budgetAtCompletion: 100, plannedValue: 50, earnedValue: 40, actualCost: 100)
        #expect(spent.toCompletePerformanceIndex() == nil)
    }

    @Test("a cost series totals through a period, either way it is given (§1.3 PRA ac())")
    func costSeries() {
        #expect(CostSeries.cumulative([9_000, 27_000, 63_000]).total(through: 2) == 27_000)
        #expect(CostSeries.perPeriod([9_000, 18_000, 36_000]).total(through: 3) == 63_000)
        #expect(CostSeries.perPeriod([9_000]).total(through: 0) == 0)
        #expect(CostSeries.perPeriod([9_000]).total(through: 2) == nil)
    }
}

@Suite("Earned schedule")
struct EarnedScheduleTests {
    @Test("case 4 [S public test]: ES 2.5, SPI(t), SV(t), IEAC(t), TSPI")
    func case4() throws {
        let es = try #require(EarnedSchedule(plannedValue: .perPeriod([10, 20, 30, 20, 20]), earnedValue: 45, actualTime: 3))
        #expect(abs(es.earnedSchedule - 2.5) < 1e-9)
        #expect(es.plannedDuration == 5)
        #expect(EarnedValueTests.close(es.schedulePerformanceIndex, 0.8333333))
        #expect(abs(es.scheduleVariance - -0.5) < 1e-9)
        #expect(EarnedValueTests.close(es.independentEstimateAtCompletion, 6.0))
        #expect(EarnedValueTests.close(es.toCompleteSchedulePerformanceIndex, 1.25))
    }

    @Test(
        "case 5 [S public test]: ES at the edges, capped at PD",
        arguments: zip([0.0, 5, 30, 80, 100, 120], [0.0, 0.5, 2, 3.5, 4, 4])
    )
    func case5(earnedValue: Double, expected: Double) throws {
        let es = try #require(EarnedSchedule(plannedValue: .cumulative([10, 30, 60, 100]), earnedValue: earnedValue, actualTime: 2))
        #expect(abs(es.earnedSchedule - expected) < 1e-9)
    }

    @Test("case 5 [S public test]: on a flat stretch the later period counts")
    func case5Flat() throws {
        let es = try #require(EarnedSchedule(plannedValue: .cumulative([10, 10, 20]), earnedValue: 10, actualTime: 2))
        #expect(es.earnedSchedule == 2)
    }

    @Test("case 6 [D Lipke]: a late finish has SPI 1 but SPI(t) 0.714")
    func case6() throws {
        let es = try #require(EarnedSchedule(plannedValue: .cumulative([20, 40, 60, 80, 100]), earnedValue: 100, actualTime: 7))
        #expect(es.earnedSchedule == 5)
        #expect(EarnedValueTests.close(es.schedulePerformanceIndex, 0.7142857))
        #expect(es.scheduleVariance == -2)
        // PV after the planned finish is the whole baseline; AC plays no part in SPI.
        let ev = EarnedValue(budgetAtCompletion: 100, plannedValue: 100, earnedValue: 100, actualCost: 100)
        #expect(ev.schedulePerformanceIndex == 1.0)
    }

    @Test("§1.2 [D]: ES 2.6 and IEAC(t) 5.769 on the PRA book's baseline")
    func bookBaseline() throws {
        let es = try #require(
            EarnedSchedule(plannedValue: .cumulative([50_000, 125_000, 250_000, 375_000, 500_000]), earnedValue: 200_000, actualTime: 3)
        )
        #expect(abs(es.earnedSchedule - 2.6) < 1e-9)
        #expect(EarnedValueTests.close(es.schedulePerformanceIndex, 0.8667, 1e-4))
        #expect(abs(es.scheduleVariance - -0.4) < 1e-9)
        #expect(EarnedValueTests.close(es.independentEstimateAtCompletion, 5.769, 1e-3))
    }

    @Test("undefined time indices are absent")
    func undefined() throws {
        let es = try #require(EarnedSchedule(plannedValue: .cumulative([10, 20]), earnedValue: 0, actualTime: 0))
        #expect(es.schedulePerformanceIndex == nil)
        #expect(es.independentEstimateAtCompletion == nil)
        #expect(EarnedSchedule(plannedValue: .cumulative([]), earnedValue: 0, actualTime: 1) == nil)
        #expect(EarnedSchedule(plannedValue: .cumulative([10, 20]), earnedValue: -1, actualTime: 1) == nil)
        let atEnd = try #require(EarnedSchedule(plannedValue: .cumulative([10, 20]), earnedValue: 15, actualTime: 2))
        #expect(atEnd.toCompleteSchedulePerformanceIndex == nil)
    }
}
