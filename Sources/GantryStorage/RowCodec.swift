import Foundation
import GantryModel
import SQLKit
import SQLiteKit

/// Turns records into column values and rows back into records, through their JSON form: a record's JSON keys
/// are its column names (snake_case), so the wire format and the schema cannot drift apart.
struct RowCodec: Sendable {
    /// The record's fields as column → SQL value, for the table's columns (not `id`, not `version`).
    static func values<E: Entity>(of record: E, table: Table) throws -> [(String, any SQLExpression)] {
        let json = try JSONValueEncoder().encode(record)
        guard case .object(let fields) = json else { throw StorageError("\(E.self) did not encode as an object") }
        return try table.columns.map { column in
            (column.name, try sqlValue(fields[column.name] ?? .null, column))
        }
    }

    static func sqlValue(_ value: JSONValue, _ column: Column) throws -> any SQLExpression {
        switch (column.type, value) {
        case (_, .null): return SQLLiteral.null
        case (.int, .int(let i)): return SQLBind(i)
        case (.double, .int(let i)): return SQLBind(Double(i))
        case (.double, .double(let d)): return SQLBind(d)
        case (.text, .string(let s)): return SQLBind(s)
        case (.bool, .bool(let b)): return SQLBind(b)
        case (.json, _):
            return SQLBind(String(decoding: value.serialized(), as: UTF8.self))
        default:
            throw StorageError("column \(column.name) cannot hold \(value.typeName)")
        }
    }

    /// Reads a record from a row of its table.
    static func record<E: Entity>(_ type: E.Type, from row: any SQLRow, table: Table) throws -> E {
        var fields: [String: JSONValue] = [
            "id": .int(try row.decode(column: "id", as: Int64.self)),
            "version": .int(try row.decode(column: "version", as: Int64.self)),
        ]
        let inline = row as? SQLiteResultRow
        for column in table.columns {
            // SQLite's values as stored, without a decoder per column; anything unusual goes the general way.
            if let inline, let value = inline.value(column.name).flatMap({ Self.jsonValue($0, column) }) {
                fields[column.name] = value
                continue
            }
            switch column.type {
            case .int: fields[column.name] = try row.decode(column: column.name, as: Int64?.self).map(JSONValue.int) ?? .null
            case .double: fields[column.name] = try row.decode(column: column.name, as: Double?.self).map(JSONValue.double) ?? .null
            case .text: fields[column.name] = try row.decode(column: column.name, as: String?.self).map(JSONValue.string) ?? .null
            case .bool: fields[column.name] = try row.decode(column: column.name, as: Bool?.self).map(JSONValue.bool) ?? .null
            case .json:
                if let text = try row.decode(column: column.name, as: String?.self) {
                    fields[column.name] = try JSONValue(parsing: text)
                } else {
                    fields[column.name] = .null
                }
            }
        }
        return try JSONValueDecoder().decode(E.self, from: .object(fields))
    }

    /// A SQLite value as the column's JSON, when it is of the column's type (booleans as 0 or 1), the way
    /// SQLiteKit's decoder reads it; nil for anything else.
    static func jsonValue(_ data: SQLiteData, _ column: Column) -> JSONValue? {
        switch (column.type, data) {
        case (_, .null): .null
        case (.int, .integer(let n)): .int(Int64(n))
        case (.double, .float(let d)): .double(d)
        case (.double, .integer(let n)): .double(Double(n))
        case (.text, .text(let text)): .string(text)
        case (.bool, .integer(0)): .bool(false)
        case (.bool, .integer(1)): .bool(true)
        default: nil
        }
    }
}

/// A storage failure that is Gantry's fault or the database's, not the user's (mapped to 500 / exit code 1).
struct StorageError: Error, CustomStringConvertible {
    var description: String
    init(_ message: String) { description = message }
}
