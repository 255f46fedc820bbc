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
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        appendISO(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `description`'s text to `bytes`.
    func appendISO(to bytes: inout [UInt8]) {
        let day = date
        let dayMillis = millisecondsSinceEpoch - Int64(day.daysSinceEpoch) * 86_400_000
        day.appendISO(to: &bytes)
        bytes.append(UInt8(ascii: "T"))
        appendDigits(&bytes, Int(dayMillis / 3_600_000), 2)
        bytes.append(UInt8(ascii: ":"))
        appendDigits(&bytes, Int(dayMillis / 60_000 % 60), 2)
        bytes.append(UInt8(ascii: ":"))
        appendDigits(&bytes, Int(dayMillis / 1000 % 60), 2)
        bytes.append(UInt8(ascii: "."))
        appendDigits(&bytes, Int(dayMillis % 1000), 3)
        bytes.append(UInt8(ascii: "Z"))
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fff]Z` (any number of fraction digits; milliseconds are kept).
    public init?(iso text: String) {
        var text = text
        let parsed: Int64? = text.withUTF8 { b -> Int64? in
            guard b.count >= 20, b[10] == UInt8(ascii: "T"), b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"),
                  b[b.count - 1] == UInt8(ascii: "Z"),
                  let date = CalendarDate(isoBytes: UnsafeBufferPointer(rebasing: b[0..<10])),
                  let h = number(b, 11, 2), let m = number(b, 14, 2), let s = number(b, 17, 2),
                  h < 24, m < 60, s < 61
            else { return nil }
            var ms = 0
            if b.count > 20 {
                guard b[19] == UInt8(ascii: "."), b.count > 21 else { return nil }
                for k in 20..<(b.count - 1) where !(b[k] >= 0x30 && b[k] <= 0x39) { return nil }
                // Milliseconds: the first three fraction digits, padded with zeros (`.5` is 500 ms).
                let digits = b.count - 21
                for k in 0..<3 { ms = ms * 10 + (k < digits ? Int(b[20 + k] - 0x30) : 0) }
            } else if b.count != 20 {
                return nil
            }
            return Int64(date.daysSinceEpoch) * 86_400_000 + Int64(h) * 3_600_000 + Int64(m) * 60_000 + Int64(s) * 1000 + Int64(ms)
        }
        guard let parsed else { return nil }
        millisecondsSinceEpoch = parsed
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

/// The value of `count` ASCII digits at `offset`, or nil when any is not a digit (no signs: `Int("+1")` would
/// parse, but a sign is not part of an ISO 8601 field).
func number(_ b: UnsafeBufferPointer<UInt8>, _ offset: Int, _ count: Int) -> Int? {
    guard count > 0, count <= 18, offset + count <= b.count else { return nil }
    var n = 0
    for k in offset..<(offset + count) {
        let d = b[k]
        guard d >= 0x30 && d <= 0x39 else { return nil }
        n = n * 10 + Int(d - 0x30)
    }
    return n
}

/// Appends `value` as exactly `width` decimal digits (zero-padded; `value` must fit).
func appendDigits(_ bytes: inout [UInt8], _ value: Int, _ width: Int) {
    var divisor = 1
    for _ in 1..<width { divisor *= 10 }
    var v = value
    while divisor > 0 {
        bytes.append(0x30 + UInt8(v / divisor % 10))
        v %= divisor
        divisor /= 10
    }
}

extension Int64 {
    func floorDivided(by divisor: Int64) -> Int64 {
        let q = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? q - 1 : q
    }
}
