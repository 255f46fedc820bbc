import Foundation
import GantryModel
import Testing

@Suite("JSON values")
struct JSONValueTests {
    static let values: [JSONValue] = [
        .null, .bool(true), .bool(false), .int(0), .int(1), .int(-7), .int(Int64.max), .int(Int64.min),
        .double(2.5), .double(-0.125), .double(1e-7), .string(""), .string("héllo \"quoted\" \\ /\n"),
        .array([]), .array([.int(1), .string("a"), .null, .bool(false), .double(0.5)]),
        .object([:]),
        .object(["name": .string("Gantry"), "week": .object(["monday": .array([.string("08:00-12:00")])]),
                 "skills": .array([.string("Swift")]), "ok": .bool(true), "n": .int(3), "camelCase": .null]),
    ]

    @Test("every kind of value survives a JSON round trip unchanged", arguments: values)
    func roundTrip(value: JSONValue) throws {
        let data = try JSONEncoder().encode(value)
        #expect(try JSONDecoder().decode(JSONValue.self, from: data) == value)
    }

    @Test("numbers stay numbers and booleans stay booleans")
    func numbersAndBooleans() throws {
        let decoded = try JSONDecoder().decode(JSONValue.self, from: Data("[0, 1, true, false, 2.5, 3]".utf8))
        #expect(decoded == .array([.int(0), .int(1), .bool(true), .bool(false), .double(2.5), .int(3)]))
    }

    @Test("decoding reads each JSON type into its case")
    func decodesText() throws {
        let text = #"{"a": null, "b": "x", "c": [1, {"d": -2.25}]}"#
        let decoded = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        #expect(decoded == .object(["a": .null, "b": .string("x"), "c": .array([.int(1), .object(["d": .double(-2.25)])])]))
    }

    @Test("a value names its JSON type for messages")
    func typeNames() {
        #expect(JSONValue.null.typeName == "null")
        #expect(JSONValue.bool(true).typeName == "a boolean")
        #expect(JSONValue.int(1).typeName == "a number")
        #expect(JSONValue.double(1.5).typeName == "a number")
        #expect(JSONValue.string("").typeName == "a string")
        #expect(JSONValue.array([]).typeName == "an array")
        #expect(JSONValue.object([:]).typeName == "an object")
    }
}

@Suite("Typed identifiers")
struct EntityIDTests {
    @Test("ids of different kinds are different types even with the same number")
    func typing() {
        let project = Project.ID(7)
        let activity = Activity.ID(7)
        #expect(project.rawValue == activity.rawValue)
        #expect(!((project as Any) is Activity.ID))
        #expect((project as Any) is Project.ID)
        #expect(Project.ID.self != Activity.ID.self)
        #expect(ObjectIdentifier(User.ID.self) != ObjectIdentifier(Portfolio.ID.self))
    }

    @Test("an id encodes as a bare integer and decodes back")
    func codable() throws {
        let ids = [Project.ID(42), Project.ID(-1), Project.ID(Int64.max)]
        let data = try JSONEncoder().encode(ids)
        #expect(String(decoding: data, as: UTF8.self) == "[42,-1,\(Int64.max)]")
        #expect(try JSONDecoder().decode([Project.ID].self, from: data) == ids)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Project.ID].self, from: Data(#"["42"]"#.utf8)) }
    }

    @Test("ids compare and print by their number")
    func comparison() {
        #expect(Activity.ID(2) < Activity.ID(10))
        #expect(Activity.ID(rawValue: 5) == Activity.ID(5))
        #expect(Activity.ID(12).description == "12")
        #expect(Set([Activity.ID(1), Activity.ID(1), Activity.ID(2)]).count == 2)
    }

    @Test("entities name their kind for messages")
    func kindNames() {
        #expect(User.kindName == "user")
        #expect(Portfolio.kindName == "portfolio")
        #expect(Program.kindName == "program")
        #expect(Project.kindName == "project")
        #expect(Activity.kindName == "activity")
        #expect(Dependency.kindName == "dependency")
        #expect(WorkCalendar.kindName == "calendar")
        #expect(Resource.kindName == "resource")
    }
}
