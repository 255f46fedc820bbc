import GantryAnalytics
import Testing

@Suite("Performance indices")
struct PerformanceIndexTests {
    /// DESIGN.md: a ratio that is undefined (CPI with AC = 0) is absent, never NaN. Case 1 [S PRA tests]: SPI 0.875.
    @Test("a ratio is absent when undefined, and exact otherwise")
    func ratio() {
        #expect(PerformanceIndex.ratio(35_000, 40_000) == 0.875)
        #expect(PerformanceIndex.ratio(1, 0) == nil)
        #expect(PerformanceIndex.ratio(.nan, 1) == nil)
        #expect(PerformanceIndex.ratio(1, .infinity) == nil)
    }
}
