public import GantryModel

/// An instant in local wall time: minutes since 1970-01-01T00:00, with no time zone and no daylight saving.
/// The scheduling engine's dates are these; `WallTime` converts them to days, minutes of day and text.
public typealias WallMinute = Int64

/// Conversions between `WallMinute` and dates, minutes of day and the text form `yyyy-MM-ddTHH:mm`.
public enum WallTime {
    /// Minutes in a day.
    public static let minutesPerDay: Int64 = 1440

    /// The instant `minuteOfDay` minutes after midnight at the start of `date` (1440 is the next midnight).
    public static func instant(_ date: CalendarDate, minuteOfDay: Int = 0) -> WallMinute {
        Int64(date.daysSinceEpoch) * minutesPerDay + Int64(minuteOfDay)
    }

    /// The day an instant falls in (days since 1970-01-01, negative before), rounding toward the past.
    public static func day(of t: WallMinute) -> Int64 {
        t >= 0 ? t / minutesPerDay : -((-t - 1) / minutesPerDay) - 1
    }

    /// The date and the minute of day (0..<1440) of an instant.
    public static func components(of t: WallMinute) -> (date: CalendarDate, minuteOfDay: Int) {
        let d = day(of: t)
        return (CalendarDate(daysSinceEpoch: Int(d)), Int(t - d * minutesPerDay))
    }

    /// The date an instant falls on; with `endOfDay`, midnight counts as the end of the day before (a finish).
    public static func date(of t: WallMinute, endOfDay: Bool = false) -> CalendarDate {
        components(of: endOfDay ? t - 1 : t).date
    }

    /// `2018-02-26T08:00`. With `endOfDay`, an instant at midnight is written as the end of the previous day
    /// (`2018-02-26T24:00` rather than `2018-02-27T00:00`), the way a finish is shown to people.
    public static func format(_ t: WallMinute, endOfDay: Bool = false) -> String {
        var (date, minute) = components(of: t)
        if endOfDay && minute == 0 {
            date = date.adding(days: -1)
            minute = 1440
        }
        let h = minute / 60, m = minute % 60
        return date.description + "T" + (h < 10 ? "0" : "") + String(h) + ":" + (m < 10 ? "0" : "") + String(m)
    }

    /// Why a text is not a wall time.
    public struct ParseError: Error, Hashable, Sendable, CustomStringConvertible {
        /// The text that was given.
        public var text: String
        /// What is wrong with it.
        public var reason: String
        public var description: String { "'\(text)' is not a local date and time like 2018-02-26T08:00: \(reason)" }
    }

    /// Parses `yyyy-MM-ddTHH:mm` (a space instead of `T` is accepted; `24:00` is the next midnight).
    /// The error says which part is wrong.
    public static func parse(_ text: some StringProtocol) throws(ParseError) -> WallMinute {
        let s = String(text)
        func fail(_ reason: String) -> ParseError { ParseError(text: s, reason: reason) }
        let chars = Array(s.utf8)
        guard chars.count == 16 else {
            throw fail("expected 16 characters (yyyy-MM-ddTHH:mm), found \(chars.count)")
        }
        guard chars[10] == UInt8(ascii: "T") || chars[10] == UInt8(ascii: " ") else {
            throw fail("expected 'T' between the date and the time")
        }
        let datePart = String(decoding: chars[0..<10], as: UTF8.self)
        guard let date = CalendarDate(iso: datePart) else {
            throw fail("'\(datePart)' is not an existing date in the form yyyy-MM-dd")
        }
        func twoDigits(_ at: Int) -> Int? {
            let a = chars[at], b = chars[at + 1]
            guard (48...57).contains(a), (48...57).contains(b) else { return nil }
            return Int(a - 48) * 10 + Int(b - 48)
        }
        guard chars[13] == UInt8(ascii: ":"), let h = twoDigits(11), let m = twoDigits(14) else {
            throw fail("the time must be HH:mm with two digits each")
        }
        guard h <= 24 else { throw fail("hour \(h) is past 24") }
        guard m < 60 else { throw fail("minute \(m) is past 59") }
        guard h < 24 || m == 0 else { throw fail("24:\(m < 10 ? "0" : "")\(m) is past the end of the day; only 24:00 is allowed") }
        return instant(date, minuteOfDay: h * 60 + m)
    }
}
