/// A duration that keeps the unit it was given in and whether it is working time or elapsed time.
///
/// Written the way schedulers write it: `5d` (five working days), `3.5h`, `90m`, `2w`, and with an `e` before the
/// unit for elapsed time that ignores calendars (`3ed` is three calendar days, nights and weekends included).
/// A lag may be negative (`-2d`, a lead).
public struct WorkDuration: Hashable, Sendable, Codable, CustomStringConvertible {
    public enum Unit: String, Sendable, Codable, CaseIterable {
        case minutes = "m", hours = "h", days = "d", weeks = "w"
    }

    public var value: Double
    public var unit: Unit
    public var isElapsed: Bool

    public init(_ value: Double, _ unit: Unit, elapsed: Bool = false) {
        self.value = value
        self.unit = unit
        self.isElapsed = elapsed
    }

    public static let zero = WorkDuration(0, .days)
    public static func days(_ n: Double) -> WorkDuration { WorkDuration(n, .days) }

    /// Minutes of working time (or of elapsed time when `isElapsed`), with the project's conventions for how long
    /// a working day and week are (MS Project's defaults: 480 and 2400). Elapsed days are always 1440 minutes.
    public func minutes(perDay: Int = 480, perWeek: Int = 2400) -> Double {
        switch (unit, isElapsed) {
        case (.minutes, _): return value
        case (.hours, _): return value * 60
        case (.days, false): return value * Double(perDay)
        case (.days, true): return value * 1440
        case (.weeks, false): return value * Double(perWeek)
        case (.weeks, true): return value * 10080
        }
    }

    public var description: String {
        let number = value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
        return number + (isElapsed ? "e" : "") + unit.rawValue
    }

    /// Parses `5d`, `-2d`, `3.5h`, `90m`, `2w`, `3ed`; `nil` for anything else.
    public init?(text: String) {
        var rest = Substring(text.trimmingSpaces())
        guard let unitChar = rest.popLast(), let unit = Unit(rawValue: String(unitChar)) else { return nil }
        var elapsed = false
        if rest.last == "e" {
            elapsed = true
            rest = rest.dropLast()
        }
        guard !rest.isEmpty, let value = Double(rest), value.isFinite else { return nil }
        self.init(value, unit, elapsed: elapsed)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = WorkDuration(text: text) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "'\(text)' is not a duration; write a number and a unit: 5d, 3.5h, 90m, 2w, or 3ed for elapsed days")
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
