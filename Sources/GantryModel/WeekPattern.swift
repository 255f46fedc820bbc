/// A span of working time within a day, in minutes after midnight, half-open: `[start, end)`.
public struct TimeRange: Hashable, Sendable, Codable, CustomStringConvertible {
    public var start: Int
    public var end: Int

    public init(start: Int, end: Int) { self.start = start; self.end = end }

    /// `08:00-12:00` style.
    public init?(text: String) {
        let parts = text.split(separator: "-")
        guard parts.count == 2, let s = TimeRange.minutes(parts[0]), let e = TimeRange.minutes(parts[1]), s < e
        else { return nil }
        self.init(start: s, end: e)
    }

    static func minutes(_ hhmm: Substring) -> Int? {
        let p = hhmm.split(separator: ":")
        guard p.count == 2, p[0].count == 2, p[1].count == 2, let h = Int(p[0]), let m = Int(p[1]),
              (0...24).contains(h), (0..<60).contains(m), h * 60 + m <= 1440 else { return nil }
        return h * 60 + m
    }

    public var minutes: Int { end - start }

    public var description: String {
        func f(_ x: Int) -> String {
            let h = x / 60, m = x % 60
            return (h < 10 ? "0" : "") + String(h) + ":" + (m < 10 ? "0" : "") + String(m)
        }
        return "\(f(start))-\(f(end))"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let r = TimeRange(text: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(text)' is not a time range like 08:00-12:00 (start before end)")
        }
        self = r
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// The working times of each weekday; a day with no ranges is not worked.
public struct WeekPattern: Hashable, Sendable, Codable {
    public var monday: [TimeRange]
    public var tuesday: [TimeRange]
    public var wednesday: [TimeRange]
    public var thursday: [TimeRange]
    public var friday: [TimeRange]
    public var saturday: [TimeRange]
    public var sunday: [TimeRange]

    public init(monday: [TimeRange], tuesday: [TimeRange], wednesday: [TimeRange], thursday: [TimeRange],
                friday: [TimeRange], saturday: [TimeRange], sunday: [TimeRange]) {
        self.monday = monday; self.tuesday = tuesday; self.wednesday = wednesday; self.thursday = thursday
        self.friday = friday; self.saturday = saturday; self.sunday = sunday
    }

    /// Monday to Friday, 08:00–12:00 and 13:00–17:00: MS Project's standard calendar.
    public static let standard: WeekPattern = {
        let day = [TimeRange(start: 480, end: 720), TimeRange(start: 780, end: 1020)]
        return WeekPattern(monday: day, tuesday: day, wednesday: day, thursday: day, friday: day, saturday: [], sunday: [])
    }()

    /// Every day, all day.
    public static let allDay: WeekPattern = {
        let day = [TimeRange(start: 0, end: 1440)]
        return WeekPattern(monday: day, tuesday: day, wednesday: day, thursday: day, friday: day, saturday: day, sunday: day)
    }()

    public subscript(day: Weekday) -> [TimeRange] {
        switch day {
        case .monday: monday
        case .tuesday: tuesday
        case .wednesday: wednesday
        case .thursday: thursday
        case .friday: friday
        case .saturday: saturday
        case .sunday: sunday
        }
    }

    /// The first problem with the pattern (overlapping or unordered ranges), naming the day.
    public var problem: String? {
        for day in Weekday.allCases {
            let ranges = self[day]
            for (a, b) in zip(ranges, ranges.dropFirst()) where b.start < a.end {
                return "\(day.rawValue): \(b) overlaps or comes before \(a)"
            }
        }
        return nil
    }
}

/// A change to the weekly pattern on a run of days: a holiday (no ranges) or different working times, once or
/// every year.
public struct CalendarException: Hashable, Sendable, Codable {
    /// How an exception repeats. Absent (`nil`) means once, on the dates given.
    public enum Recurrence: String, Hashable, Sendable, Codable, CaseIterable {
        /// On the same month and day every year, from the year of `from` on (Dec 25 every year). An endpoint on
        /// Feb 29 falls on Feb 28 in a common year; a run that crosses New Year (Dec 24 – Jan 1) stays one run.
        case yearly
    }

    public var name: String
    public var from: CalendarDate
    public var to: CalendarDate
    /// Empty for a non-working exception; otherwise the working times on those days.
    public var working: [TimeRange]
    /// `nil` for a one-off exception; `.yearly` for one that comes back every year. Encoded as `"recurrence":
    /// "yearly"` and left out when `nil`, so records written before the field existed read as one-off.
    public var recurrence: Recurrence?

    public init(name: String, from: CalendarDate, to: CalendarDate, working: [TimeRange] = [],
                recurrence: Recurrence? = nil) {
        self.name = name; self.from = from; self.to = to; self.working = working; self.recurrence = recurrence
    }

    private enum CodingKeys: String, CodingKey { case name, from, to, working, recurrence }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        from = try c.decode(CalendarDate.self, forKey: .from)
        to = try c.decode(CalendarDate.self, forKey: .to)
        working = try c.decodeIfPresent([TimeRange].self, forKey: .working) ?? []
        recurrence = try c.decodeIfPresent(Recurrence.self, forKey: .recurrence)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(from, forKey: .from)
        try c.encode(to, forKey: .to)
        try c.encode(working, forKey: .working)
        try c.encodeIfPresent(recurrence, forKey: .recurrence)
    }
}
