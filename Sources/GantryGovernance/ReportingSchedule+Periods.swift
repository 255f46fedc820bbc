public import GantryModel

/// Reporting periods aligned to the calendar, and the period a day falls in.
///
/// Gantry aligns every project's periods the same way, so reports of different projects cover the same weeks or
/// months: a month starts on its 1st, a week on Monday, a two-week period on every other Monday counted from
/// Monday 2000-01-03. `aligned(_:from:graceDays:)` anchors a schedule on the period that holds a day (a
/// project's start), so `check` counts the reports due from that period on.
extension ReportingSchedule {
    /// The origin two-week periods are counted from: Monday 2000-01-03.
    static let biweeklyOrigin = CalendarDate(year: 2000, month: 1, day: 3)!

    /// A schedule whose first period is the aligned period that holds `date`.
    public static func aligned(_ cadence: Cadence, from date: CalendarDate, graceDays: Int = 0) -> ReportingSchedule {
        let anchor: CalendarDate
        switch cadence {
        case .monthly:
            anchor = CalendarDate(year: date.year, month: date.month, day: 1)!
        case .weekly:
            anchor = date.adding(days: -Self.daysSinceMonday(date))
        case .biweekly:
            let days = date.daysSinceEpoch - biweeklyOrigin.daysSinceEpoch
            anchor = date.adding(days: -Self.floorMod(days, 14))
        }
        return ReportingSchedule(cadence: cadence, anchor: anchor, graceDays: graceDays)
    }

    /// The index of the period that holds `date` (negative before the anchor).
    public func index(containing date: CalendarDate) -> Int {
        var index: Int
        switch cadence {
        case .weekly: index = Self.floorDiv(date.daysSinceEpoch - anchor.daysSinceEpoch, 7)
        case .biweekly: index = Self.floorDiv(date.daysSinceEpoch - anchor.daysSinceEpoch, 14)
        case .monthly: index = (date.year * 12 + date.month) - (anchor.year * 12 + anchor.month)
        }
        // Months are uneven (an anchor on the 31st starts some periods on the 30th): settle on the exact one.
        while periodStart(index) > date { index -= 1 }
        while periodStart(index + 1) <= date { index += 1 }
        return index
    }

    /// The period that holds `date`: its first day and the first day after it (half-open).
    public func period(containing date: CalendarDate) -> (start: CalendarDate, end: CalendarDate) {
        let index = index(containing: date)
        return (periodStart(index), periodStart(index + 1))
    }

    /// The day a report for the period ending (exclusive) on `end` is due.
    public func dueDate(periodEnd end: CalendarDate) -> CalendarDate { end.adding(days: graceDays) }

    static func daysSinceMonday(_ date: CalendarDate) -> Int {
        let order: [Weekday] = [.monday, .tuesday, .wednesday, .thursday, .friday, .saturday, .sunday]
        return order.firstIndex(of: date.weekday) ?? 0
    }

    static func floorDiv(_ a: Int, _ b: Int) -> Int { (a - floorMod(a, b)) / b }
    static func floorMod(_ a: Int, _ b: Int) -> Int { ((a % b) + b) % b }
}
