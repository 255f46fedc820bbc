import GantryAnalytics
import Testing

/// Expected values are DOMAIN.md §5.4 and domain-cases.json (cases 32 and 35), copied, not computed here.
@Suite("Finance: NPV, IRR, MIRR, payback")
struct FinanceTests {
    /// Case 32 [S numpy-financial docstring].
    static let case32: [Double] = [-40_000, 5_000, 8_000, 12_000, 30_000]

    @Test("NPV puts the first flow at t = 0 by default and says so (case 32; numpy-financial tests)")
    func npvAtTimeZero() throws {
        let npv = try #require(NetPresentValue(rate: 0.08, cashFlows: Self.case32))
        #expect(abs(npv.value - 3065.22267) < 1e-5)
        #expect(npv.convention == .firstFlowAtTimeZero)
        #expect(npv.rate == 0.08)
        let other = try #require(NetPresentValue(rate: 0.05, cashFlows: [-15_000, 1_500, 2_500, 3_500, 4_500, 6_000]))
        #expect(abs(other.value - 122.894855) < 1e-6)
    }

    @Test("the spreadsheet convention discounts the first flow one period (§5.4 VBA example)")
    func npvSpreadsheet() throws {
        let npv = try #require(
            NetPresentValue(rate: 0.0625, cashFlows: [-70_000, 22_000, 25_000, 28_000, 31_000], convention: .firstFlowDiscounted)
        )
        #expect(abs(npv.value - 19_312.57) < 0.01)
        #expect(npv.convention == .firstFlowDiscounted)
        #expect(!npv.convention.explanation.isEmpty)
    }

    @Test("NPV is absent at a rate of −100 % or below")
    func npvUndefined() {
        #expect(NetPresentValue(rate: -1, cashFlows: Self.case32) == nil)
        #expect(NetPresentValue(rate: 0.08, cashFlows: [.nan]) == nil)
    }

    @Test(
        "IRR matches the §5.4 oracles",
        arguments: [
            ([-150_000, 15_000, 25_000, 35_000, 45_000, 60_000], 0.05243, 5e-5), // numpy-financial tests [S]
            ([-40_000, 5_000, 8_000, 12_000, 30_000], 0.10582, 5e-5), // case 32 [D]
            ([-70_000, 12_000, 15_000, 18_000, 21_000, 26_000], 0.0866, 5e-5), // Excel IRR doc [D]
            ([-70_000, 12_000, 15_000, 18_000, 21_000], -0.0212, 5e-5), // Excel IRR doc, first five flows [D]
        ] as [([Double], Double, Double)]
    )
    func irr(flows: [Double], expected: Double, tolerance: Double) throws {
        let irr = try #require(InternalRateOfReturn(cashFlows: flows))
        #expect(abs(irr.rate - expected) < tolerance)
    }

    @Test("IRR is absent when the signs never change (§5.4 IRR rules)")
    func irrWithoutSignChange() {
        #expect(InternalRateOfReturn(cashFlows: [100, 200, 300]) == nil)
        #expect(InternalRateOfReturn(cashFlows: [-100, -200, 0]) == nil)
        #expect(InternalRateOfReturn(cashFlows: []) == nil)
    }

    /// §5.4: with several sign changes numpy-financial picks the root closest to zero. For −100, +230, −132 the
    /// NPV is zero where 100y² − 230y + 132 = 0, y = 1 + r: y = 1.1 or 1.2 (proved by hand), so 10 % wins over 20 %.
    @Test("with several IRRs the one closest to zero is returned")
    func irrClosestToZero() throws {
        let irr = try #require(InternalRateOfReturn(cashFlows: [-100, 230, -132]))
        #expect(abs(irr.rate - 0.10) < 1e-9)
    }

    @Test("MIRR finances the negatives and reinvests the positives (case 35)")
    func mirr() throws {
        let mirr = try #require(
            ModifiedInternalRateOfReturn(
                cashFlows: [-4_500, -800, 800, 800, 600, 600, 800, 800, 700, 3_000], financeRate: 0.08, reinvestRate: 0.055
            )
        )
        #expect(abs(mirr.rate - 0.0666) < 5e-5)
        #expect(ModifiedInternalRateOfReturn(cashFlows: [1, 2, 3], financeRate: 0.08, reinvestRate: 0.05) == nil)
    }

    @Test("simple payback 3.5 and discounted payback 3.861 (case 32)")
    func payback() throws {
        let simple = try #require(PaybackPeriod(cashFlows: Self.case32))
        #expect(abs(simple.periods - 3.5) < 1e-9)
        #expect(simple.discountRate == nil)
        let discounted = try #require(PaybackPeriod(cashFlows: Self.case32, discountRate: 0.08))
        #expect(abs(discounted.periods - 3.861) < 1e-3)
        #expect(discounted.discountRate == 0.08)
    }

    @Test("payback is absent when the investment is never recovered (§5.4 payback rule)")
    func paybackNever() {
        #expect(PaybackPeriod(cashFlows: [-40_000, 5_000, 8_000]) == nil)
        // Recovered undiscounted (3.5) but not at 50 %: the discounted flows never repay 40,000.
        #expect(PaybackPeriod(cashFlows: Self.case32, discountRate: 0.5) == nil)
    }

    @Test("a business case nets its costs and benefits per period and appraises them (case 32)")
    func businessCase() throws {
        let businessCase = BusinessCase(costs: [40_000], benefits: [0, 5_000, 8_000, 12_000, 30_000])
        #expect(businessCase.netFlows == Self.case32)
        let appraisal = businessCase.appraisal(discountRate: 0.08)
        let npv = try #require(appraisal.netPresentValue)
        #expect(abs(npv.value - 3065.22267) < 1e-5)
        #expect(npv.convention == .firstFlowAtTimeZero)
        #expect(abs(try #require(appraisal.internalRateOfReturn).rate - 0.10582) < 5e-5)
        #expect(abs(try #require(appraisal.payback).periods - 3.5) < 1e-9)
        #expect(abs(try #require(appraisal.discountedPayback).periods - 3.861) < 1e-3)
        #expect(appraisal.modifiedInternalRateOfReturn != nil)
    }
}
