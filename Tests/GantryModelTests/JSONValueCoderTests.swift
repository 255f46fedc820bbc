import Foundation
import GantryModel
import Testing

@Suite("JSON value encoder and decoder")
struct JSONValueCoderTests {
    static let t = Timestamp(iso: "2026-11-28T16:20:00.250Z")!

    @Test("a record round-trips through a tree with snake_case keys")
    func roundTrip() throws {
        let calendar = WorkCalendar(
            id: .init(4), version: 2, name: "Four \"day\" week\nwith a tab\t and é",
            exceptions: [CalendarException(name: "Christmas", from: CalendarDate(year: 2026, month: 12, day: 24)!,
                                           to: CalendarDate(year: 2026, month: 12, day: 26)!)],
            createdAt: Self.t, updatedAt: Self.t)
        let tree = try JSONValueEncoder().encode(calendar)
        guard case .object(let fields) = tree else { Issue.record("not an object"); return }
        #expect(Set(fields.keys) == ["id", "version", "name", "week", "exceptions", "created_at", "updated_at"])
        #expect(fields["created_at"] == .string("2026-11-28T16:20:00.250Z"))
        #expect(try JSONValueDecoder().decode(WorkCalendar.self, from: tree) == calendar)
    }

    @Test("JSON text is read into the same tree the decoder makes, each value once; bad text is refused with its offset")
    func parsing() throws {
        let text = #" { "a": [1, -2, 3.5, 1e3, true, false, null], "s": "q\"\\\/\n\t\u00e9\ud83d\ude00é", "o": {}, "e": [] } "#
        let parsed = try JSONValue(parsing: text)
        #expect(parsed == .object([
            "a": .array([.int(1), .int(-2), .double(3.5), .double(1000), .bool(true), .bool(false), .null]),
            "s": .string("q\"\\/\n\té😀é"), "o": .object([:]), "e": .array([]),
        ]))
        let calendar = WorkCalendar(id: .init(4), version: 2, name: "Four \"day\" week\nwith é", createdAt: Self.t, updatedAt: Self.t)
        let json = String(decoding: try JSONEncoder().encode(try JSONValueEncoder().encode(calendar)), as: UTF8.self)
        #expect(try JSONValueDecoder().decode(WorkCalendar.self, from: JSONValue(parsing: json)) == calendar)
        for bad in ["", "{", "[1,]", "{\"a\" 1}", "tru", "\"open", "1 2", "-", "\"\\x\""] {
            #expect(throws: JSONValue.ParseError.self) { try JSONValue(parsing: bad) }
        }
    }

    /// An activity as the audit trail kept it before the P6 fields existed (undo reads such snapshots back): it
    /// still reads, with no P6 fields set; and one with them round-trips.
    @Test("an activity written before the P6 fields reads with their defaults; one with them round-trips")
    func activityBeforeP6Fields() throws {
        var a = Activity(id: .init(7), projectId: .init(1), code: "A1", name: "Design", kind: .milestone,
                         createdAt: Self.t, updatedAt: Self.t)
        guard case .object(var old) = try JSONValueEncoder().encode(a) else { Issue.record("not an object"); return }
        #expect(old["soft_constraint"] == .bool(false) && old["finish_milestone"] == .bool(false))
        for key in ["soft_constraint", "finish_milestone", "secondary_constraint_type", "secondary_constraint_date",
                    "expected_finish", "suspend_date", "resume_date", "derived_dates"] {
            old.removeValue(forKey: key)
        }
        let read = try JSONValueDecoder().decode(Activity.self, from: .object(old))
        #expect(read == a)
        a.finishMilestone = true
        a.softConstraint = true
        a.secondaryConstraintType = .finishNoLaterThan
        a.secondaryConstraintDate = try LocalDateTime(iso: "2027-03-01T17:00")
        a.derivedDates = .levelOfEffort
        #expect(try JSONValueDecoder().decode(Activity.self, from: try JSONValueEncoder().encode(a)) == a)
    }

    @Test("the serialized text is JSON that Foundation reads back to the same value")
    func serializedIsJSON() throws {
        let value: JSONValue = ["a": "quote \" backslash \\ newline \n control \u{01} ünïcode", "b": [.int(1), .double(2.5), true, .null], "c": ["z": .int(1), "y": .int(2)],
                                 "d": "\"escapes at both ends\t", "e": "", "f": "\u{1F}\u{7F}✓ plain run"]
        let text = value.serialized()
        #expect(try JSONDecoder().decode(JSONValue.self, from: Data(text)) == value)
        #expect(String(decoding: text, as: UTF8.self).hasPrefix(#"{"a":"#))  // keys sorted
    }

    @Test("integral doubles are written as integers and read back as doubles")
    func numbers() throws {
        let r = Resource(name: "R", maxUnits: 100, createdAt: Self.t, updatedAt: Self.t)
        let tree = try JSONValueEncoder().encode(r)
        if case .object(let o) = tree { #expect(o["max_units"] == .int(100)) }
        #expect(try JSONValueDecoder().decode(Resource.self, from: tree).maxUnits == 100)
    }

    struct Named: Decodable { var name: String }

    @Test("a wrong type is a typed error with the field's path")
    func errors() {
        let bad: JSONValue = ["name": .int(5)]
        #expect {
            _ = try JSONValueDecoder().decode(Named.self, from: bad)
        } throws: { error in
            guard case DecodingError.typeMismatch(_, let context) = error else { return false }
            return context.codingPath.map(\.stringValue) == ["name"]
        }
    }
}
