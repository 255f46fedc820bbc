/// A date and a time of day in local wall time, with no zone and no daylight saving: what a constraint date,
/// a deadline or an actual start is. Stored as minutes since 1970-01-01T00:00 (the scheduling engine's
/// `WallMinute`); written `yyyy-MM-ddTHH:mm`.
public struct LocalDateTime: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var minutesSinceEpoch: Int64

    public init(minutesSinceEpoch: Int64) { self.minutesSinceEpoch = minutesSinceEpoch }

    /// `minuteOfDay` minutes after the midnight that starts `date` (1440 is the next midnight).
    public init(date: CalendarDate, minuteOfDay: Int = 0) {
        minutesSinceEpoch = Int64(date.daysSinceEpoch) * 1440 + Int64(minuteOfDay)
    }

    /// The day the instant falls on and its minute of day (0..<1440).
    public var components: (date: CalendarDate, minuteOfDay: Int) {
        let t = minutesSinceEpoch
        let day = t >= 0 ? t / 1440 : -((-t - 1) / 1440) - 1
        return (CalendarDate(daysSinceEpoch: Int(day)), Int(t - day * 1440))
    }

    public var date: CalendarDate { components.date }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.minutesSinceEpoch < rhs.minutesSinceEpoch }

    /// Why a text is not a local date and time.
    public struct ParseError: Error, Hashable, Sendable, CustomStringConvertible {
        /// The text that was given.
        public var text: String
        /// What is wrong with it.
        public var reason: String
        public var description: String { "'\(text)' is not a local date and time like 2018-02-26T08:00: \(reason)" }
    }

    /// Parses `yyyy-MM-ddTHH:mm` (a space instead of `T` is accepted; `24:00` is the next midnight).
    /// The error says which part is wrong.
    public init(iso text: some StringProtocol) throws(ParseError) {
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
        self.init(date: date, minuteOfDay: h * 60 + m)
    }

    /// `2018-02-26T08:00`. With `endOfDay`, midnight is written as the end of the day before
    /// (`2018-02-26T24:00` rather than `2018-02-27T00:00`), the way a finish is shown to people.
    public func formatted(endOfDay: Bool = false) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16)
        appendISO(to: &bytes, endOfDay: endOfDay)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `formatted(endOfDay:)`'s text to `bytes`.
    func appendISO(to bytes: inout [UInt8], endOfDay: Bool = false) {
        var (date, minute) = components
        if endOfDay && minute == 0 {
            date = date.adding(days: -1)
            minute = 1440
        }
        date.appendISO(to: &bytes)
        bytes.append(UInt8(ascii: "T"))
        appendDigits(&bytes, minute / 60, 2)
        bytes.append(UInt8(ascii: ":"))
        appendDigits(&bytes, minute % 60, 2)
    }

    public var description: String { formatted() }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do { try self.init(iso: text) } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(formatted())
    }
}
