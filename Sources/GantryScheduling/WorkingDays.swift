public import GantryModel

/// Counts working days on a calendar from a start date: the bridge from day offsets to dates for plans.
/// A day is working when its weekly pattern (or an exception covering it) has working time.
public struct WorkingDays: Sendable {
    public let calendar: WorkCalendar

    public init(calendar: WorkCalendar) { self.calendar = calendar }

    public func isWorking(_ date: CalendarDate) -> Bool {
        if let exception = calendar.exceptions.last(where: { $0.from <= date && date <= $0.to }) {
            return !exception.working.isEmpty
        }
        return !calendar.week[date.weekday].isEmpty
    }

    /// The first working day on or after `date`.
    public func firstWorking(onOrAfter date: CalendarDate) -> CalendarDate {
        var d = date
        var guardDays = 0
        while !isWorking(d) && guardDays < 3660 {
            d = d.adding(days: 1)
            guardDays += 1
        }
        return d
    }

    /// The date of working-day offset `offset` counted from the first working day on or after `start`
    /// (offset 0 is that first working day).
    public func date(offset: Int, from start: CalendarDate) -> CalendarDate {
        var d = firstWorking(onOrAfter: start)
        var remaining = offset
        while remaining > 0 {
            d = firstWorking(onOrAfter: d.adding(days: 1))
            remaining -= 1
        }
        return d
    }
}
