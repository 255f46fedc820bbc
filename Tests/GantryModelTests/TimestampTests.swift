import Foundation
import GantryModel
import Testing

@Suite("Timestamps")
struct TimestampTests {
    /// Milliseconds since the epoch, worked by hand: 2026-11-28 is day 20785 (see CalendarDateTests), so 16:20 that
    /// day is 20785 × 86 400 000 + 16 × 3 600 000 + 20 × 60 000 = 1 795 882 800 000. Apollo 11 landed on
    /// 1969-07-20 at 20:17:40 UTC: day −165, so −165 × 86 400 000 + 73 060 000 = −14 182 940 000.
    static let known: [(String, Int64)] = [
        ("1970-01-01T00:00:00.000Z", 0),
        ("2026-11-28T16:20:00.000Z", 1_795_882_800_000),
        ("2026-11-28T16:20:00.123Z", 1_795_882_800_123),
        ("1969-12-31T23:59:59.999Z", -1),
        ("1969-12-31T00:00:00.000Z", -86_400_000),
        ("1969-07-20T20:17:40.000Z", -14_182_940_000),
        ("2000-02-29T23:59:59.500Z", 951_868_799_500),
    ]

    @Test("ISO text and milliseconds since the epoch are the same instant", arguments: known)
    func roundTrip(text: String, millis: Int64) throws {
        let parsed = try #require(Timestamp(iso: text))
        #expect(parsed.millisecondsSinceEpoch == millis)
        #expect(Timestamp(millisecondsSinceEpoch: millis).description == text)
    }

    @Test("a timestamp before 1970 keeps its date and time of day")
    func negativeEpoch() {
        let t = Timestamp(millisecondsSinceEpoch: -1)
        #expect(t.date.description == "1969-12-31")
        #expect(t.description == "1969-12-31T23:59:59.999Z")
        #expect(Timestamp(millisecondsSinceEpoch: -86_400_001).description == "1969-12-30T23:59:59.999Z")
        #expect(Timestamp(millisecondsSinceEpoch: -86_400_000).date.description == "1969-12-31")
    }

    @Test("fractions of a second are optional and read as milliseconds", arguments: [
        ("2026-01-02T03:04:05Z", 0), ("2026-01-02T03:04:05.5Z", 500), ("2026-01-02T03:04:05.05Z", 50),
        ("2026-01-02T03:04:05.007Z", 7),
    ])
    func fractions(text: String, millis: Int64) throws {
        // 2026-01-02 is day 20455 (2026-01-01 is 20454); 03:04:05 is 11 045 s into the day.
        let base: Int64 = 20455 * 86_400_000 + 11_045_000
        #expect(try #require(Timestamp(iso: text)).millisecondsSinceEpoch == base + millis)
    }

    @Test("text that is not a UTC timestamp is refused", arguments: [
        "", "2026-11-28", "2026-11-28T16:20:00", "2026-11-28 16:20:00Z", "2026-11-28T16:20Z", "2026-11-28T24:00:00Z",
        "2026-11-28T16:60:00Z", "2026-02-30T00:00:00Z", "2026-11-28T16:20:00+01:00", "2026-11-28T-1:20:00Z",
        "2026-11-28T16:-5:00Z", "2026-11-28T16:20:-1Z", "2026-11-28T16:20:00.-5Z", "2026-11-28Tab:cd:efZ",
    ])
    func refused(text: String) {
        #expect(Timestamp(iso: text) == nil)
    }

    @Test("adding seconds moves the instant and orders it later")
    func adding() throws {
        let t = try #require(Timestamp(iso: "2026-12-31T23:59:30.000Z"))
        let later = t.adding(seconds: 45)
        #expect(later.description == "2027-01-01T00:00:15.000Z")
        #expect(t < later)
        #expect(t.adding(seconds: -60).description == "2026-12-31T23:58:30.000Z")
    }

    @Test("a timestamp encodes as ISO text and decodes back; bad text fails to decode")
    func codable() throws {
        let t = Timestamp(millisecondsSinceEpoch: -14_182_940_000)
        let data = try JSONEncoder().encode([t])
        #expect(String(decoding: data, as: UTF8.self) == #"["1969-07-20T20:17:40.000Z"]"#)
        #expect(try JSONDecoder().decode([Timestamp].self, from: data) == [t])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([Timestamp].self, from: Data(#"["1969-07-20 20:17:40"]"#.utf8))
        }
    }

    @Test("text timestamps sort in the same order as the instants")
    func textSorts() {
        let instants: [Int64] = [-86_400_001, -1, 0, 1, 999, 1000, 86_399_999, 1_795_882_800_000]
        let texts = instants.map { Timestamp(millisecondsSinceEpoch: $0).description }
        #expect(texts == texts.sorted())
    }
}
