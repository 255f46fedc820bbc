/// An instant, in whole milliseconds since 1970-01-01T00:00:00Z. Encoded as ISO 8601 in UTC
/// (`2026-11-28T16:20:00.000Z`), which also sorts correctly as text.
public struct Timestamp: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let millisecondsSinceEpoch: Int64

    public init(millisecondsSinceEpoch: Int64) { self.millisecondsSinceEpoch = millisecondsSinceEpoch }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.millisecondsSinceEpoch < rhs.millisecondsSinceEpoch }

    public var date: CalendarDate {
        CalendarDate(daysSinceEpoch: Int(millisecondsSinceEpoch.floorDivided(by: 86_400_000)))
    }

    public func adding(seconds: Int64) -> Timestamp {
        Timestamp(millisecondsSinceEpoch: millisecondsSinceEpoch + seconds * 1000)
    }

    public var description: String {
        let dayMillis = millisecondsSinceEpoch - Int64(date.daysSinceEpoch) * 86_400_000
        let h = dayMillis / 3_600_000, m = dayMillis / 60_000 % 60, s = dayMillis / 1000 % 60, ms = dayMillis % 1000
        func pad(_ n: Int64, _ w: Int) -> String {
            let t = String(n)
            return String(repeating: "0", count: max(0, w - t.count)) + t
        }
        return "\(date)T\(pad(h, 2)):\(pad(m, 2)):\(pad(s, 2)).\(pad(ms, 3))Z"
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fff]Z`.
    public init?(iso text: String) {
        guard text.count >= 20, text.hasSuffix("Z") else { return nil }
        let chars = Array(text)
        guard chars[10] == "T", let date = CalendarDate(iso: String(chars[0..<10])) else { return nil }
        let time = String(chars[11..<(chars.count - 1)])
        let hms = time.split(separator: ":")
        guard hms.count == 3, hms.allSatisfy({ $0.allSatisfy { $0.isASCIIDigit || $0 == "." } }),
              let h = Int64(hms[0]), let m = Int64(hms[1]), h < 24, m < 60 else { return nil }
        let secParts = hms[2].split(separator: ".")
        guard let s = Int64(secParts[0]), s < 61 else { return nil }
        var ms: Int64 = 0
        if secParts.count == 2 {
            let frac = String(secParts[1].prefix(3))
            guard let f = Int64(frac) else { return nil }
            ms = f * Int64([1, 100, 10, 1][frac.count])
        }
        millisecondsSinceEpoch = Int64(date.daysSinceEpoch) * 86_400_000 + h * 3_600_000 + m * 60_000 + s * 1000 + ms
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = Timestamp(iso: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(text)' is not a UTC timestamp like 2026-11-28T16:20:00Z")
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension Int64 {
    func floorDivided(by divisor: Int64) -> Int64 {
        let q = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? q - 1 : q
    }
}
