import Foundation
import GantryAnalytics
import GantryModel
import Testing

/// Planned value by day from budgets spread over working days, exactly; values worked by hand in each comment.
@Suite("Time-phased planned value")
struct TimePhasedCostTests {
    static func day(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }
    static func eur(_ minor: Int64) -> Money { Money(minorUnits: minor, currency: .eur) }
    /// Monday 2026-06-29 to Friday 2026-07-03, and the next Monday and Tuesday.
    static let week = ["2026-06-29", "2026-06-30", "2026-07-01", "2026-07-02", "2026-07-03"].map(day)

    /// A (EUR 400.00 over Monday 06-29 to Thursday 07-02) and a milestone M (EUR 50.00 on Friday 07-03).
    static func activityAndMilestone() throws -> TimePhasedCost {
        try TimePhasedCost([
            .init(budget: eur(40_000), workingDays: Array(week.prefix(4))),
            .init(budget: eur(5_000), workingDays: [week[4]]),
        ], currency: .eur)
    }

    /// EUR 1,000.00 over three days is 100,000 cents: 33,333 a day and one cent left, which goes to the first day:
    /// 333.34, 333.33, 333.33, adding up to 1,000.00 exactly.
    @Test("a budget spread over working days adds up to the budget exactly, the remainder on the first days")
    func spread() throws {
        let plan = try TimePhasedCost([.init(budget: Self.eur(100_000), workingDays: Array(Self.week.prefix(3)))], currency: .eur)
        #expect(plan.days.map(\.minorUnits) == [33_334, 33_333, 33_333])
        #expect(plan.total == Self.eur(100_000))
    }

    /// A (EUR 400.00 over Mon 06-29 to Thu 07-02, 100.00 a day) and a milestone M (EUR 50.00 on Fri 07-03). PV
    /// through Tue 06-30 is 200.00; through Fri 07-03, 450.00. By month: June 200.00 (two days of A), July 250.00
    /// (two days of A and M); cumulative 200.00, 450.00.
    @Test("planned value through a day, by month and cumulative by month")
    func months() throws {
        let plan = try Self.activityAndMilestone()
        #expect(plan.cumulative(through: Self.day("2026-06-30")) == Self.eur(20_000))
        #expect(plan.cumulative(through: Self.day("2026-07-03")) == Self.eur(45_000))
        #expect(plan.cumulative(through: Self.day("2026-06-28")) == Self.eur(0))
        #expect(plan.byMonth.map(\.month.description) == ["2026-06", "2026-07"])
        #expect(plan.byMonth.map(\.planned) == [Self.eur(20_000), Self.eur(25_000)])
        #expect(plan.cumulativeByMonth == [Self.eur(20_000), Self.eur(45_000)])
    }

    /// The same plan read by earned schedule at the end of July with EV 200.00: PV reached 200.00 at the end of June
    /// (period 1) and 450.00 at the end of July, so ES = 1 + (200 − 200) / (450 − 200) = 1 month, one month behind.
    @Test("its monthly series feeds earned schedule")
    func earnedSchedule() throws {
        let plan = try Self.activityAndMilestone()
        let es = try #require(try ExactEarnedSchedule(cumulativePlannedValue: plan.cumulativeByMonth, earnedValue: Self.eur(20_000), actualTime: 2))
        #expect(es.earnedSchedule == 1)
        #expect(es.scheduleVariance == -1)
    }

    @Test("a budget in another currency, or with no day to be planned on, is refused by name")
    func refusals() throws {
        let usd = try #require(try? Currency("USD"))
        let mixed = #expect(throws: MoneyError.self) {
            _ = try TimePhasedCost([.init(budget: Money(minorUnits: 100, currency: usd), workingDays: Self.week)], currency: .eur)
        }
        #expect(mixed?.code == "currency_mismatch" && mixed?.message.contains("USD") == true && mixed?.message.contains("EUR") == true)
        let dayless = #expect(throws: MoneyError.self) {
            _ = try TimePhasedCost([.init(budget: Self.eur(100), workingDays: [])], currency: .eur)
        }
        #expect(dayless?.code == "no_working_day")
    }
}
