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
        LocalDateTime(minutesSinceEpoch: t).components
    }

    /// The date an instant falls on; with `endOfDay`, midnight counts as the end of the day before (a finish).
    public static func date(of t: WallMinute, endOfDay: Bool = false) -> CalendarDate {
        components(of: endOfDay ? t - 1 : t).date
    }

    /// `2018-02-26T08:00`; with `endOfDay`, midnight is written `24:00` of the day before (a finish).
    public static func format(_ t: WallMinute, endOfDay: Bool = false) -> String {
        LocalDateTime(minutesSinceEpoch: t).formatted(endOfDay: endOfDay)
    }

    /// Why a text is not a wall time.
    public typealias ParseError = LocalDateTime.ParseError

    /// Parses `yyyy-MM-ddTHH:mm` (a space instead of `T` is accepted; `24:00` is the next midnight).
    public static func parse(_ text: some StringProtocol) throws(ParseError) -> WallMinute {
        try LocalDateTime(iso: text).minutesSinceEpoch
    }
}
