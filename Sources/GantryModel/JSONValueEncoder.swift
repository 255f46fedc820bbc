/// Encodes an `Encodable` into a `JSONValue` tree with snake_case keys, and writes JSON text from a tree: the fast
/// path for records going to a column or to the wire. Foundation's `JSONEncoder` with `.convertToSnakeCase`
/// converts every key of every object again; this converts each distinct key once per encoder.
public final class JSONValueEncoder {
    private var keyNames: [String: String] = [:]

    public init() {}

    public func encode<T: Encodable>(_ value: T) throws -> JSONValue {
        let root = Box()
        try encodeValue(value, self, into: root, [])
        return root.finish()
    }

    func name(_ key: any CodingKey) -> String {
        if let known = keyNames[key.stringValue] { return known }
        let converted = JSONValueDecoder.snakeCase(key.stringValue)
        keyNames[key.stringValue] = converted
        return converted
    }
}

/// A slot a container writes into; containers nest by sharing boxes.
private final class Box {
    var value: JSONValue?
    var object: [(String, Box)] = []
    var array: [Box] = []
    enum Kind { case none, object, array }
    var kind = Kind.none

    /// The finished value: nested containers are folded in on the way out.
    func finish() -> JSONValue {
        switch kind {
        case .object:
            var dict: [String: JSONValue] = [:]
            dict.reserveCapacity(object.count)
            for (k, b) in object { dict[k] = b.finish() }
            return .object(dict)
        case .array: return .array(array.map { $0.finish() })
        case .none: return value ?? .null
        }
    }
}

private final class TreeEncoder: Encoder {
    let encoder: JSONValueEncoder
    let codingPath: [any CodingKey]
    let target: Box
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(encoder: JSONValueEncoder, codingPath: [any CodingKey], target: Box) {
        self.encoder = encoder
        self.codingPath = codingPath
        self.target = target
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        target.kind = .object
        return KeyedEncodingContainer(KeyedTreeEncoder<Key>(encoder: encoder, box: target, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        target.kind = .array
        return UnkeyedTreeEncoder(encoder: encoder, box: target, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleTreeEncoder(encoder: encoder, box: target, codingPath: codingPath)
    }
}

private func encodeValue<T: Encodable>(_ value: T, _ encoder: JSONValueEncoder, into box: Box, _ path: [any CodingKey]) throws {
    switch value {
    case let v as String: box.value = .string(v)
    case let v as Int: box.value = .int(Int64(v))
    case let v as Int64: box.value = .int(v)
    case let v as Bool: box.value = .bool(v)
    case let v as Double: box.value = try double(v, path)
    case let v as JSONValue: box.value = v
    default:
        try value.encode(to: TreeEncoder(encoder: encoder, codingPath: path, target: box))
    }
}

private func double(_ v: Double, _ path: [any CodingKey]) throws -> JSONValue {
    guard v.isFinite else {
        throw EncodingError.invalidValue(v, .init(codingPath: path, debugDescription: "\(v) is not a JSON number"))
    }
    if v == v.rounded(), abs(v) < 9e15 { return .int(Int64(v)) }
    return .double(v)
}

private struct KeyedTreeEncoder<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: JSONValueEncoder
    let box: Box
    let codingPath: [any CodingKey]

    private func slot(_ key: Key) -> Box {
        let b = Box()
        box.object.append((encoder.name(key), b))
        return b
    }

    mutating func encodeNil(forKey key: Key) throws { slot(key).value = .null }
    mutating func encode(_ value: Bool, forKey key: Key) throws { slot(key).value = .bool(value) }
    mutating func encode(_ value: String, forKey key: Key) throws { slot(key).value = .string(value) }
    mutating func encode(_ value: Double, forKey key: Key) throws { slot(key).value = try double(value, codingPath + [key]) }
    mutating func encode(_ value: Int, forKey key: Key) throws { slot(key).value = .int(Int64(value)) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { slot(key).value = .int(value) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try encodeValue(value, encoder, into: slot(key), codingPath + [key])
    }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let b = slot(key)
        b.kind = .object
        return KeyedEncodingContainer(KeyedTreeEncoder<NestedKey>(encoder: encoder, box: b, codingPath: codingPath + [key]))
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let b = slot(key)
        b.kind = .array
        return UnkeyedTreeEncoder(encoder: encoder, box: b, codingPath: codingPath + [key])
    }
    mutating func superEncoder() -> any Encoder { TreeEncoder(encoder: encoder, codingPath: codingPath, target: slot(Key(stringValue: "super")!)) }
    mutating func superEncoder(forKey key: Key) -> any Encoder {
        TreeEncoder(encoder: encoder, codingPath: codingPath + [key], target: slot(key))
    }
}

private struct IndexKey: CodingKey {
    var stringValue: String { String(intValue!) }
    var intValue: Int?
    init(_ i: Int) { intValue = i }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.intValue = intValue }
}

private struct UnkeyedTreeEncoder: UnkeyedEncodingContainer {
    let encoder: JSONValueEncoder
    let box: Box
    let codingPath: [any CodingKey]
    var count: Int { box.array.count }

    private func slot() -> Box {
        let b = Box()
        box.array.append(b)
        return b
    }

    mutating func encodeNil() throws { slot().value = .null }
    mutating func encode(_ value: String) throws { slot().value = .string(value) }
    mutating func encode(_ value: Bool) throws { slot().value = .bool(value) }
    mutating func encode(_ value: Int) throws { slot().value = .int(Int64(value)) }
    mutating func encode(_ value: Double) throws { slot().value = try double(value, codingPath) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        try encodeValue(value, encoder, into: slot(), codingPath + [IndexKey(count)])
    }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let b = slot()
        b.kind = .object
        return KeyedEncodingContainer(KeyedTreeEncoder<NestedKey>(encoder: encoder, box: b, codingPath: codingPath))
    }
    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let b = slot()
        b.kind = .array
        return UnkeyedTreeEncoder(encoder: encoder, box: b, codingPath: codingPath)
    }
    mutating func superEncoder() -> any Encoder { TreeEncoder(encoder: encoder, codingPath: codingPath, target: slot()) }
}

private struct SingleTreeEncoder: SingleValueEncodingContainer {
    let encoder: JSONValueEncoder
    let box: Box
    let codingPath: [any CodingKey]

    mutating func encodeNil() throws { box.value = .null }
    mutating func encode(_ value: Bool) throws { box.value = .bool(value) }
    mutating func encode(_ value: String) throws { box.value = .string(value) }
    mutating func encode(_ value: Double) throws { box.value = try double(value, codingPath) }
    mutating func encode(_ value: Int) throws { box.value = .int(Int64(value)) }
    mutating func encode(_ value: Int64) throws { box.value = .int(value) }
    mutating func encode<T: Encodable>(_ value: T) throws { try encodeValue(value, encoder, into: box, codingPath) }
}

extension JSONValue {
    /// Compact JSON text with object keys sorted, so equal values always print the same.
    public func serialized() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        write(into: &out)
        return out
    }

    public func write(into out: inout [UInt8]) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .int(let i): out.append(contentsOf: String(i).utf8)
        case .double(let d):
            if d.isFinite { out.append(contentsOf: String(d).utf8) } else { out.append(contentsOf: "null".utf8) }
        case .string(let s): JSONValue.writeString(s, into: &out)
        case .array(let a):
            out.append(UInt8(ascii: "["))
            for (i, v) in a.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                v.write(into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let o):
            out.append(UInt8(ascii: "{"))
            for (i, k) in o.keys.sorted().enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                JSONValue.writeString(k, into: &out)
                out.append(UInt8(ascii: ":"))
                o[k]!.write(into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    public static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = s
        text.withUTF8 { bytes in
            // Runs of bytes that need no escape are copied at once.
            var run = 0
            for i in 0..<bytes.count {
                let b = bytes[i]
                guard b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") || b < 0x20 else { continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<i]))
                run = i + 1
                switch b {
                case UInt8(ascii: "\""): out.append(contentsOf: [0x5C, 0x22])
                case UInt8(ascii: "\\"): out.append(contentsOf: [0x5C, 0x5C])
                case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
                case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
                case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
                default:
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]])
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<bytes.count]))
        }
        out.append(UInt8(ascii: "\""))
    }
}

/// Writes JSON text straight to bytes, for the hottest answers whose shape is fixed (the plan editor's changed
/// rows): no tree, no `Codable` boxes. The caller writes an object's keys in sorted order, as `serialized()` prints
/// them, and numbers follow the encoder's rule (a whole `Double` prints as an integer), so the text is the same as
/// `JSONValueEncoder().encode(value).serialized()` gives; a test of each use holds the two together.
public struct JSONTextWriter {
    public private(set) var bytes: [UInt8] = []
    /// Per open object or array: whether something was written in it already (so the next needs a comma).
    private var written: [Bool] = []
    private var afterKey = false

    public init(capacity: Int = 1024) { bytes.reserveCapacity(capacity) }

    private mutating func startValue() {
        if afterKey { afterKey = false; return }
        guard let last = written.last else { return }
        if last { bytes.append(UInt8(ascii: ",")) }
        written[written.count - 1] = true
    }

    public mutating func key(_ k: String) {
        if let last = written.last {
            if last { bytes.append(UInt8(ascii: ",")) }
            written[written.count - 1] = true
        }
        JSONValue.writeString(k, into: &bytes)
        bytes.append(UInt8(ascii: ":"))
        afterKey = true
    }

    public mutating func beginObject() { startValue(); bytes.append(UInt8(ascii: "{")); written.append(false) }
    public mutating func endObject() { bytes.append(UInt8(ascii: "}")); written.removeLast() }
    public mutating func beginArray() { startValue(); bytes.append(UInt8(ascii: "[")); written.append(false) }
    public mutating func endArray() { bytes.append(UInt8(ascii: "]")); written.removeLast() }

    public mutating func string(_ s: String) { startValue(); JSONValue.writeString(s, into: &bytes) }
    public mutating func int(_ i: Int64) { startValue(); bytes.append(contentsOf: String(i).utf8) }
    public mutating func int(_ i: Int) { int(Int64(i)) }
    public mutating func bool(_ b: Bool) { startValue(); bytes.append(contentsOf: (b ? "true" : "false").utf8) }
    /// A whole number prints as an integer, as the encoder makes it; a value that is not finite prints as null.
    public mutating func double(_ d: Double) {
        startValue()
        if !d.isFinite {
            bytes.append(contentsOf: "null".utf8)
        } else if d == d.rounded(), abs(d) < 9e15 {
            bytes.append(contentsOf: String(Int64(d)).utf8)
        } else {
            bytes.append(contentsOf: String(d).utf8)
        }
    }

    /// A local date-time as its `formatted()` text, a timestamp as its `description`, written without making
    /// the string first (they need no escaping).
    public mutating func dateTime(_ v: LocalDateTime) {
        startValue(); bytes.append(UInt8(ascii: "\"")); v.appendISO(to: &bytes); bytes.append(UInt8(ascii: "\""))
    }
    public mutating func timestamp(_ t: Timestamp) {
        startValue(); bytes.append(UInt8(ascii: "\"")); t.appendISO(to: &bytes); bytes.append(UInt8(ascii: "\""))
    }

    /// `key` and the string, or nothing when nil (as synthesized `Codable` leaves out a nil optional).
    public mutating func string(_ k: String, _ s: String?) { if let s { key(k); string(s) } }
    public mutating func dateTime(_ k: String, _ v: LocalDateTime?) { if let v { key(k); dateTime(v) } }
    public mutating func int(_ k: String, _ i: Int64?) { if let i { key(k); int(i) } }
    public mutating func double(_ k: String, _ d: Double?) { if let d { key(k); double(d) } }
}
