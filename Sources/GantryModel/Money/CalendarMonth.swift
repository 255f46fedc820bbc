/// A month of the Gregorian calendar, `yyyy-MM`: the period of an exchange rate, a budget or a roll-up.
public struct CalendarMonth: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    /// `nil` unless `year` is 1…9999 and `month` 1…12.
    public init?(year: Int, month: Int) {
        guard (1...9999).contains(year), (1...12).contains(month) else { return nil }
        self.year = year
        self.month = month
    }

    /// The month a day falls in.
    public init(_ day: CalendarDate) {
        year = day.year
        month = day.month
    }

    /// `"2026-07"`.
    public var description: String {
        let y = String(year), m = String(month)
        return String(repeating: "0", count: max(0, 4 - y.count)) + y + "-" + (m.count == 1 ? "0" : "") + m
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { (lhs.year, lhs.month) < (rhs.year, rhs.month) }

    /// Reads `"2026-07"`; nil for anything else.
    public init?(parsing text: some StringProtocol) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
              parts.allSatisfy({ $0.allSatisfy { $0 >= "0" && $0 <= "9" } }),
              let y = Int(parts[0]), let m = Int(parts[1]) else { return nil }
        self.init(year: y, month: m)
    }

    /// The first and last day of the month.
    public var firstDay: CalendarDate { CalendarDate(year: year, month: month, day: 1)! }
    public var lastDay: CalendarDate { next.firstDay.adding(days: -1) }
    public var dayCount: Int { next.firstDay.daysSinceEpoch - firstDay.daysSinceEpoch }

    /// The month after this one (December's is January of the next year).
    public var next: CalendarMonth {
        month == 12 ? CalendarMonth(year: year + 1, month: 1)! : CalendarMonth(year: year, month: month + 1)!
    }

    /// Months from `self` through `last`, both included (empty when `last` is earlier).
    public func through(_ last: CalendarMonth) -> [CalendarMonth] {
        var months: [CalendarMonth] = []
        var m = self
        while m <= last { months.append(m); m = m.next }
        return months
    }

    /// "July 2026".
    public var longName: String {
        let names = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                     "October", "November", "December"]
        return "\(names[month - 1]) \(year)"
    }
}

/// Encoded as its text, `"2026-07"`.
extension CalendarMonth {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let text = try c.decode(String.self)
        guard let month = CalendarMonth(parsing: text) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "'\(text)' is not a month (YYYY-MM)")
        }
        self = month
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
