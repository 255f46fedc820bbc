/// Decodes a `Decodable` straight from a `JSONValue` tree, without going through JSON text: the fast path from a
/// database row (already split into typed columns) to a record. Keys are looked up in snake_case
/// (`percentComplete` reads `percent_complete`), as Gantry's wire format and columns are named.
///
/// Errors are the standard `DecodingError`s with the coding path, so callers can name the field at fault.
public struct JSONValueDecoder: Sendable {
    public init() {}

    public func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
        try T(from: TreeDecoder(value: value, codingPath: []))
    }

    /// `percentComplete` → `percent_complete`; `ownerId` → `owner_id`.
    public static func snakeCase(_ key: String) -> String {
        // Swift property names are ASCII in practice: convert bytes, and fall back to scalars otherwise.
        // Most keys are one lower-case word (`name`, `code`): nothing to convert.
        if !key.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A || $0 >= 0x80 }) { return key }
        if key.utf8.allSatisfy({ $0 < 0x80 }) {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(key.utf8.count + 4)
            for b in key.utf8 {
                if b >= 0x41 && b <= 0x5A {
                    if !bytes.isEmpty { bytes.append(0x5F) }
                    bytes.append(b + 0x20)
                } else {
                    bytes.append(b)
                }
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        var out = ""
        for scalar in key.unicodeScalars {
            if scalar.properties.isUppercase {
                if !out.isEmpty { out.append("_") }
                out.append(contentsOf: String(scalar).lowercased())
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

private struct TreeKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(stringValue: String) { self.stringValue = stringValue; intValue = nil }
    init(intValue: Int) { stringValue = String(intValue); self.intValue = intValue }
}

private struct TreeDecoder: Decoder {
    let value: JSONValue
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let object) = value else {
            throw DecodingError.typeMismatch([String: Any].self, .init(codingPath: codingPath, debugDescription: "expected an object, found \(value.typeName)"))
        }
        return KeyedDecodingContainer(KeyedTree<Key>(object: object, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let array) = value else {
            throw DecodingError.typeMismatch([Any].self, .init(codingPath: codingPath, debugDescription: "expected an array, found \(value.typeName)"))
        }
        return UnkeyedTree(array: array, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { SingleTree(value: value, codingPath: codingPath) }
}

/// The conversions every container shares: a JSON value to a Swift primitive, or a typed error.
private enum Primitive {
    static func mismatch<T>(_ type: T.Type, _ value: JSONValue, _ path: [any CodingKey]) -> DecodingError {
        if value == .null {
            return .valueNotFound(type, .init(codingPath: path, debugDescription: "expected \(T.self), found null"))
        }
        return .typeMismatch(type, .init(codingPath: path, debugDescription: "expected \(T.self), found \(value.typeName)"))
    }

    static func bool(_ v: JSONValue, _ path: [any CodingKey]) throws -> Bool {
        if case .bool(let b) = v { return b }
        throw mismatch(Bool.self, v, path)
    }

    static func string(_ v: JSONValue, _ path: [any CodingKey]) throws -> String {
        if case .string(let s) = v { return s }
        throw mismatch(String.self, v, path)
    }

    static func double(_ v: JSONValue, _ path: [any CodingKey]) throws -> Double {
        switch v {
        case .double(let d): return d
        case .int(let i): return Double(i)
        default: throw mismatch(Double.self, v, path)
        }
    }

    static func integer<T: FixedWidthInteger>(_ type: T.Type, _ v: JSONValue, _ path: [any CodingKey]) throws -> T {
        switch v {
        case .int(let i):
            if let x = T(exactly: i) { return x }
        case .double(let d):
            if let x = T(exactly: d) { return x }
        default: break
        }
        throw mismatch(T.self, v, path)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ v: JSONValue, _ path: [any CodingKey]) throws -> T {
        switch type {
        case is String.Type: return try string(v, path) as! T
        case is Int.Type: return try integer(Int.self, v, path) as! T
        case is Int64.Type: return try integer(Int64.self, v, path) as! T
        case is Double.Type: return try double(v, path) as! T
        case is Bool.Type: return try bool(v, path) as! T
        case is JSONValue.Type: return v as! T
        default: return try T(from: TreeDecoder(value: v, codingPath: path))
        }
    }
}

private struct KeyedTree<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let object: [String: JSONValue]
    let codingPath: [any CodingKey]

    var allKeys: [Key] { object.keys.compactMap { Key(stringValue: $0) } }

    private func name(_ key: Key) -> String { JSONValueDecoder.snakeCase(key.stringValue) }

    private func value(_ key: Key) throws -> JSONValue {
        guard let v = object[name(key)] else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "\(name(key)) is missing"))
        }
        return v
    }

    func contains(_ key: Key) -> Bool { object[name(key)] != nil }
    func decodeNil(forKey key: Key) throws -> Bool { (object[name(key)] ?? .null) == .null }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try Primitive.bool(value(key), codingPath + [key]) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try Primitive.string(value(key), codingPath + [key]) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try Primitive.double(value(key), codingPath + [key]) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try Primitive.integer(Int.self, value(key), codingPath + [key]) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try Primitive.integer(Int64.self, value(key), codingPath + [key]) }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try Primitive.decode(T.self, value(key), codingPath + [key]) }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try TreeDecoder(value: value(key), codingPath: codingPath + [key]).container(keyedBy: type)
    }
    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try TreeDecoder(value: value(key), codingPath: codingPath + [key]).unkeyedContainer()
    }
    func superDecoder() throws -> any Decoder { TreeDecoder(value: .object(object), codingPath: codingPath) }
    func superDecoder(forKey key: Key) throws -> any Decoder { TreeDecoder(value: try value(key), codingPath: codingPath + [key]) }
}

private struct UnkeyedTree: UnkeyedDecodingContainer {
    let array: [JSONValue]
    let codingPath: [any CodingKey]
    var currentIndex = 0

    init(array: [JSONValue], codingPath: [any CodingKey]) { self.array = array; self.codingPath = codingPath }

    var count: Int? { array.count }
    var isAtEnd: Bool { currentIndex >= array.count }

    private mutating func next<T>(_ type: T.Type) throws -> (JSONValue, [any CodingKey]) {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(type, .init(codingPath: codingPath, debugDescription: "the array has only \(array.count) elements"))
        }
        defer { currentIndex += 1 }
        return (array[currentIndex], codingPath + [TreeKey(intValue: currentIndex)])
    }

    mutating func decodeNil() throws -> Bool {
        if !isAtEnd, array[currentIndex] == .null { currentIndex += 1; return true }
        return false
    }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let (v, path) = try next(type)
        return try Primitive.decode(T.self, v, path)
    }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        let (v, path) = try next([String: Any].self)
        return try TreeDecoder(value: v, codingPath: path).container(keyedBy: type)
    }
    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let (v, path) = try next([Any].self)
        return try TreeDecoder(value: v, codingPath: path).unkeyedContainer()
    }
    mutating func superDecoder() throws -> any Decoder {
        let (v, path) = try next(Any.self)
        return TreeDecoder(value: v, codingPath: path)
    }
}

private struct SingleTree: SingleValueDecodingContainer {
    let value: JSONValue
    let codingPath: [any CodingKey]

    func decodeNil() -> Bool { value == .null }
    func decode(_ type: Bool.Type) throws -> Bool { try Primitive.bool(value, codingPath) }
    func decode(_ type: String.Type) throws -> String { try Primitive.string(value, codingPath) }
    func decode(_ type: Double.Type) throws -> Double { try Primitive.double(value, codingPath) }
    func decode(_ type: Int.Type) throws -> Int { try Primitive.integer(Int.self, value, codingPath) }
    func decode(_ type: Int64.Type) throws -> Int64 { try Primitive.integer(Int64.self, value, codingPath) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try Primitive.decode(T.self, value, codingPath) }
}
