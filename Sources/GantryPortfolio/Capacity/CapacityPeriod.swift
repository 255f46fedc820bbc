public import GantryModel

/// The length of a forecast's columns.
public enum CapacityPeriodKind: String, Hashable, Sendable, Codable, CaseIterable {
    /// ISO 8601 weeks, Monday to Sunday, labelled `2027-W05` (the ISO week-numbering year may differ from the
    /// calendar year around New Year).
    case week
    /// Calendar months, labelled `2027-03`.
    case month
}

/// One column of a forecast: a week or a month, cut to the forecast's range at either end.
public struct CapacityPeriod: Hashable, Sendable, Codable {
    public var kind: CapacityPeriodKind
    /// The first and last day of the period that lie in the forecast's range (both included).
    public var first: CalendarDate
    public var last: CalendarDate
    /// `2027-W05` or `2027-03`.
    public var label: String
    /// Whether the range cuts the period (its first or last day is not the whole week's or month's).
    public var isPartial: Bool

    public init(kind: CapacityPeriodKind, first: CalendarDate, last: CalendarDate, label: String, isPartial: Bool) {
        self.kind = kind; self.first = first; self.last = last; self.label = label; self.isPartial = isPartial
    }

    /// The periods that cover `first…last` (both included), in order; empty when `last` is before `first`.
    public static func periods(_ kind: CapacityPeriodKind, from first: CalendarDate,
                               through last: CalendarDate) -> [CapacityPeriod] {
        var result: [CapacityPeriod] = []
        var day = first.daysSinceEpoch
        let end = last.daysSinceEpoch
        while day <= end {
            let date = CalendarDate(daysSinceEpoch: day)
            let (start, length, label) = Self.enclosing(kind, date)
            let periodLast = min(start + length - 1, end)
            result.append(CapacityPeriod(
                kind: kind, first: date, last: CalendarDate(daysSinceEpoch: periodLast), label: label,
                isPartial: day != start || periodLast != start + length - 1))
            day = periodLast + 1
        }
        return result
    }

    /// The whole period around `date`: its first day (days since the epoch), its length in days and its label.
    static func enclosing(_ kind: CapacityPeriodKind, _ date: CalendarDate) -> (Int, Int, String) {
        switch kind {
        case .week:
            let weekdayIndex = Weekday.allCases.firstIndex(of: date.weekday)!  // Monday 0 … Sunday 6
            let monday = date.daysSinceEpoch - weekdayIndex
            let thursday = CalendarDate(daysSinceEpoch: monday + 3)
            let january1 = CalendarDate(year: thursday.year, month: 1, day: 1)!
            let week = (thursday.daysSinceEpoch - january1.daysSinceEpoch) / 7 + 1
            return (monday, 7, "\(pad(thursday.year, 4))-W\(pad(week, 2))")
        case .month:
            let firstOfMonth = CalendarDate(year: date.year, month: date.month, day: 1)!
            return (firstOfMonth.daysSinceEpoch, CalendarDate.daysIn(month: date.month, year: date.year),
                    "\(pad(date.year, 4))-\(pad(date.month, 2))")
        }
    }
}

func pad(_ n: Int, _ width: Int) -> String {
    let text = String(n)
    return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
}
