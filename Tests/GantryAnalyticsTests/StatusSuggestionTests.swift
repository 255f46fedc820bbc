import GantryAnalytics
import GantryModel
import Testing

/// The RAG a status report suggests: DOMAIN.md §1 (EV, PV, SPI, CPI) and §7 / case 39 (bands on the worst of SPI
/// and CPI), with overdue milestones and open high risks as count signals (amber from 1, red from 3).
@Suite("Status report suggestion")
struct StatusSuggestionTests {
    /// One item of weight 1 planned complete: EV / PV is the fraction done.
    static func suggestion(spi: Double, cpi: Double? = nil, overdue: Int = 0, risks: Int = 0) -> StatusSuggestion {
        StatusSuggestion(.init(items: [ProgressItem(weight: 1, plannedFraction: 1, fractionComplete: spi)],
                               weightsAreMoney: true, actualCost: cpi.map { spi / $0 }, overdueMilestones: overdue,
                               openHighRisks: risks))
    }

    @Test("case 39: bands G ≥ 0.95, A ≥ 0.85, R below on the schedule; overall is the worst of SPI and CPI",
          arguments: [(0.95, Health.green), (0.949, .amber), (0.85, .amber), (0.849, .red)])
    func bands(spi: Double, expected: Health) {
        let s = Self.suggestion(spi: spi)
        #expect(s.schedule.status == expected)
        #expect(s.overall.status == expected)
        #expect(s.cost.status == .unknown)  // no actual cost: CPI not available
    }

    @Test("case 39: SPI 0.97 with CPI 0.84 is red overall, green on schedule, red on cost")
    func worstOf() {
        let s = Self.suggestion(spi: 0.97, cpi: 0.84)
        #expect(s.schedule.status == .green)
        #expect(s.cost.status == .red)
        #expect(s.overall.status == .red)
        #expect(s.overall.decidingReasons.map(\.signal) == [.costPerformanceIndex])
    }

    @Test("case 1 (PRA tests): BAC 100k, PV 40k, EV 35k, AC 36k → SPI 0.875 amber, CPI 0.9722 green, overall amber")
    func case1() throws {
        let s = StatusSuggestion(.init(items: [ProgressItem(weight: 100_000, plannedFraction: 0.4, fractionComplete: 0.35)],
                                       weightsAreMoney: true, actualCost: 36_000))
        #expect(abs(s.earnedValue.plannedValue - 40_000) < 0.01)
        #expect(abs(s.earnedValue.earnedValue - 35_000) < 0.01)
        #expect(abs(try #require(s.schedulePerformanceIndex) - 0.875) < 1e-6)
        #expect(abs(try #require(s.costPerformanceIndex) - 0.9722222) < 1e-6)
        #expect(s.schedule.status == .amber && s.cost.status == .green && s.overall.status == .amber)
        #expect(s.schedule.reasons.map(\.text) == ["SPI 0.88 below 0.95, at or above 0.85 → amber",
                                                   "overdue milestones 0 below 1 → green"])
    }

    @Test("case 2 (PRA book): PV 250k, EV 200k, AC 290k → SPI 0.8 and CPI 0.6897, both red")
    func case2() throws {
        let s = StatusSuggestion(.init(items: [ProgressItem(weight: 500_000, plannedFraction: 0.5, fractionComplete: 0.4)],
                                       weightsAreMoney: true, actualCost: 290_000))
        #expect(abs(try #require(s.schedulePerformanceIndex) - 0.8) < 1e-6)
        #expect(abs(try #require(s.costPerformanceIndex) - 0.6896552) < 1e-6)
        #expect(s.schedule.status == .red && s.cost.status == .red && s.overall.status == .red)
    }

    @Test("PV and EV are the sum of weight × planned and weight × done; BAC the sum of weights")
    func weighted() throws {
        // 30 days planned complete and half done, 10 days not yet planned and half done: PV 30, EV 20.
        let s = StatusSuggestion(.init(items: [
            ProgressItem(weight: 30, plannedFraction: 1, fractionComplete: 0.5),
            ProgressItem(weight: 10, plannedFraction: 0, fractionComplete: 0.5),
            ProgressItem(weight: 0, plannedFraction: 1, fractionComplete: 0),  // a milestone weighs nothing
        ], weightsAreMoney: false, actualCost: 1_000))
        #expect(s.earnedValue.budgetAtCompletion == 40 && s.earnedValue.plannedValue == 30 && s.earnedValue.earnedValue == 20)
        #expect(abs(try #require(s.schedulePerformanceIndex) - 2.0 / 3) < 1e-9)
        #expect(s.schedule.status == .red)
        // Working days are not money: the actual cost gives no CPI.
        #expect(s.costPerformanceIndex == nil)
        #expect(s.cost.status == .unknown)
        #expect(s.cost.reasons.map(\.text) == ["CPI not available: the plan has no costed assignments"])
    }

    @Test("nothing planned yet: SPI is absent, not infinite, and the schedule is not judged on it")
    func nothingPlanned() {
        let s = StatusSuggestion(.init(items: [ProgressItem(weight: 5, plannedFraction: 0, fractionComplete: 0.2)],
                                       weightsAreMoney: true))
        #expect(s.schedulePerformanceIndex == nil)
        #expect(s.schedule.status == .green)  // only the overdue milestones (0) are judged
        #expect(s.cost.reasons.map(\.text) == ["CPI not available: no actual cost entered"])
        let none = StatusSuggestion(.init(items: [], weightsAreMoney: true, actualCost: 0))
        #expect(none.costPerformanceIndex == nil)
        #expect(none.cost.reasons.map(\.text) == ["CPI not available: the actual cost is 0"])
    }

    @Test("overdue milestones and open high risks are count signals: amber from 1, red from 3",
          arguments: [(0, Health.green), (1, .amber), (2, .amber), (3, .red)])
    func signals(count: Int, expected: Health) {
        let late = Self.suggestion(spi: 1.0, cpi: 1.0, overdue: count)
        #expect(late.schedule.status == expected && late.overall.status == expected)
        #expect(late.risk.status == .green)
        let risky = Self.suggestion(spi: 1.0, cpi: 1.0, risks: count)
        #expect(risky.risk.status == expected && risky.overall.status == expected)
        #expect(risky.schedule.status == .green && risky.cost.status == .green)
    }

    @Test("every dimension says why, with only its own signals")
    func reasonsPerDimension() {
        let s = Self.suggestion(spi: 0.9, cpi: 1.0, overdue: 1, risks: 0)
        #expect(s.schedule.reasons.map(\.signal) == [.schedulePerformanceIndex, .overdueMilestones])
        #expect(s.cost.reasons.map(\.signal) == [.costPerformanceIndex])
        #expect(s.risk.reasons.map(\.signal) == [.openHighRisks])
        #expect(s.overall.reasons.count == 4)
        #expect(s.overall.status == .amber)
    }

    @Test("an override of the suggestion needs a comment (DOMAIN.md §7: record why a colour was set)")
    func override() throws {
        let suggested = Self.suggestion(spi: 0.8).overall.status
        #expect(suggested == .red)
        #expect(throws: AnalyticsError.self) { try RAGOverride(status: .amber, comment: "  ") }
        #expect(try RAGOverride(status: .amber, comment: " recovery plan approved ").comment == "recovery plan approved")
    }

    /// Ten working days, Mon 2026-11-02 to Fri 2026-11-13, on a Monday-to-Friday week.
    @Test("the planned fraction counts working days from the start to the status date",
          arguments: [("2026-10-30", 0.0), ("2026-11-02", 0.1), ("2026-11-04", 0.3), ("2026-11-07", 0.5),
                      ("2026-11-08", 0.5), ("2026-11-12", 0.9), ("2026-11-13", 1.0), ("2026-12-01", 1.0)])
    func plannedFraction(statusDate: String, expected: Double) {
        let weekdays = { (d: CalendarDate) in !d.weekday.isWeekend }
        let fraction = ProgressItem.plannedFraction(start: CalendarDate(iso: "2026-11-02")!, finish: CalendarDate(iso: "2026-11-13")!,
                                                    statusDate: CalendarDate(iso: statusDate)!, isWorking: weekdays)
        #expect(abs(fraction - expected) < 1e-9)
    }

    @Test("a span without working days counts calendar days; a milestone is done on its day")
    func plannedFractionEdges() {
        let never = { (_: CalendarDate) in false }
        let sat = CalendarDate(iso: "2026-11-07")!, sun = CalendarDate(iso: "2026-11-08")!
        #expect(ProgressItem.plannedFraction(start: sat, finish: sun, statusDate: sat, isWorking: never) == 0.5)
        #expect(ProgressItem.plannedFraction(start: sat, finish: sat, statusDate: sat, isWorking: never) == 1)
    }
}
