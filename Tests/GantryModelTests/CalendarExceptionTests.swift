import Foundation
import GantryModel
import Testing

@Suite("Calendar exceptions on the wire")
struct CalendarExceptionTests {
    static let christmas = CalendarDate(year: 2026, month: 12, day: 25)!

    @Test("an exception stored before recurrence existed reads as a one-off")
    func oldRecordsDecode() throws {
        let old = try JSONDecoder().decode(JSONValue.self, from: Data(#"{"name":"Christmas","from":"2026-12-25","to":"2026-12-25","working":[]}"#.utf8))
        let e = try JSONValueDecoder().decode(CalendarException.self, from: old)
        #expect(e == CalendarException(name: "Christmas", from: Self.christmas, to: Self.christmas))
        #expect(e.recurrence == nil)
        // Foundation's decoder (other clients) agrees.
        let viaFoundation = try JSONDecoder().decode(CalendarException.self, from: Data(#"{"name":"X","from":"2026-12-25","to":"2026-12-25","working":["08:00-12:00"]}"#.utf8))
        #expect(viaFoundation.recurrence == nil && viaFoundation.working == [TimeRange(start: 480, end: 720)])
    }

    @Test("a yearly exception round-trips; a one-off one is written without the field")
    func recurrenceRoundTrips() throws {
        let yearly = CalendarException(name: "Christmas", from: Self.christmas, to: Self.christmas, recurrence: .yearly)
        let tree = try JSONValueEncoder().encode(yearly)
        #expect(tree["recurrence"] == .string("yearly"))
        #expect(try JSONValueDecoder().decode(CalendarException.self, from: tree) == yearly)
        let once = try JSONValueEncoder().encode(CalendarException(name: "Once", from: Self.christmas, to: Self.christmas))
        guard case .object(let fields) = once else { Issue.record("not an object"); return }
        #expect(Set(fields.keys) == ["name", "from", "to", "working"])
    }

    @Test("a holiday may leave out its working times; an unknown recurrence is refused")
    func lenientAndStrict() throws {
        let short = try JSONDecoder().decode(JSONValue.self, from: Data(#"{"name":"Day off","from":"2026-12-25","to":"2026-12-25"}"#.utf8))
        #expect(try JSONValueDecoder().decode(CalendarException.self, from: short).working == [])
        let weekly = try JSONDecoder().decode(JSONValue.self, from: Data(#"{"name":"X","from":"2026-12-25","to":"2026-12-25","recurrence":"weekly"}"#.utf8))
        #expect(throws: DecodingError.self) { try JSONValueDecoder().decode(CalendarException.self, from: weekly) }
    }
}

private extension JSONValue {
    subscript(key: String) -> JSONValue? {
        guard case .object(let o) = self else { return nil }
        return o[key]
    }
}
