import GantryGovernance
import GantryModel
import Testing

/// Calendar-aligned reporting periods: months from the 1st, weeks from Monday, two weeks from every other Monday
/// counted from Monday 2000-01-03; half-open, like every interval in Gantry.
@Suite("Reporting periods")
struct ReportingPeriodsTests {
    static func day(_ text: String) -> CalendarDate { CalendarDate(iso: text)! }

    @Test("the period that holds a day", arguments: [
        (ReportingSchedule.Cadence.monthly, "2026-11-28", "2026-11-01", "2026-12-01"),
        (.monthly, "2026-11-01", "2026-11-01", "2026-12-01"),
        (.monthly, "2026-12-31", "2026-12-01", "2027-01-01"),
        (.monthly, "2028-02-29", "2028-02-01", "2028-03-01"),
        (.weekly, "2026-11-28", "2026-11-23", "2026-11-30"),  // a Saturday: the week from Monday the 23rd
        (.weekly, "2026-11-23", "2026-11-23", "2026-11-30"),
        (.weekly, "2026-11-29", "2026-11-23", "2026-11-30"),  // Sunday still belongs to that week
        (.biweekly, "2000-01-03", "2000-01-03", "2000-01-17"),
        (.biweekly, "2000-01-16", "2000-01-03", "2000-01-17"),
        (.biweekly, "2000-01-02", "1999-12-20", "2000-01-03"),  // before the origin
        (.biweekly, "2026-11-28", "2026-11-16", "2026-11-30"),
    ])
    func period(cadence: ReportingSchedule.Cadence, date: String, start: String, end: String) {
        let schedule = ReportingSchedule.aligned(cadence, from: Self.day(date))
        #expect(schedule.anchor == Self.day(start))
        #expect(schedule.periodStart(1) == Self.day(end))
        // Any schedule of that cadence, anchored elsewhere, finds the same period.
        let other = ReportingSchedule.aligned(cadence, from: Self.day("2024-03-13"))
        let found = other.period(containing: Self.day(date))
        #expect(found.start == Self.day(start) && found.end == Self.day(end))
    }

    @Test("indices count whole periods from the anchor, negative before it")
    func indices() {
        let monthly = ReportingSchedule.aligned(.monthly, from: Self.day("2026-09-10"))
        #expect(monthly.anchor == Self.day("2026-09-01"))
        #expect(monthly.index(containing: Self.day("2026-09-30")) == 0)
        #expect(monthly.index(containing: Self.day("2026-11-28")) == 2)
        #expect(monthly.index(containing: Self.day("2026-08-31")) == -1)
        #expect(monthly.index(containing: Self.day("2025-09-01")) == -12)
        let weekly = ReportingSchedule.aligned(.weekly, from: Self.day("2026-11-25"))
        #expect(weekly.index(containing: Self.day("2026-11-22")) == -1)
        #expect(weekly.index(containing: Self.day("2026-12-07")) == 2)
    }

    @Test("a monthly schedule anchored on the 31st settles on the exact period in short months")
    func monthEnds() {
        let schedule = ReportingSchedule(cadence: .monthly, anchor: Self.day("2026-01-31"))
        let february = schedule.period(containing: Self.day("2026-03-15"))
        #expect(february.start == Self.day("2026-02-28") && february.end == Self.day("2026-03-31"))
        #expect(schedule.period(containing: Self.day("2026-03-31")).start == Self.day("2026-03-31"))
    }

    @Test("a report is due the grace days after its period ends; an aligned schedule counts the periods from the start")
    func dueAndLate() {
        let schedule = ReportingSchedule.aligned(.monthly, from: Self.day("2026-09-10"), graceDays: 5)
        #expect(schedule.dueDate(periodEnd: Self.day("2026-10-01")) == Self.day("2026-10-06"))
        let check = schedule.check(lastCoveredPeriodEnd: nil, today: Self.day("2026-11-28"), mode: .controlling)
        #expect(check.due == .overdue(periodEnd: Self.day("2026-10-01"), dueOn: Self.day("2026-10-06"), daysLate: 53,
                                      missedPeriods: 2))
        let covered = schedule.check(lastCoveredPeriodEnd: Self.day("2026-11-01"), today: Self.day("2026-11-28"), mode: .controlling)
        #expect(covered.due == .onTime(periodEnd: Self.day("2026-12-01"), dueOn: Self.day("2026-12-06")))
    }
}
