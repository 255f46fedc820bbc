import Foundation
import GantryModel
import GantryServices
import Hummingbird
import NIOCore

/// The JSON wire format: snake_case keys (the same names as the database columns), ISO dates, keys sorted, and
/// strict reading that names the field at fault. Records go through `JSONValueEncoder`/`JSONValueDecoder`.
enum Wire {
    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) throws -> Response {
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        let bytes = try JSONValueEncoder().encode(value).serialized()
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// Reads a request body that must be one JSON object.
    static func object(from request: Request, context: GantryContext) async throws -> [String: JSONValue] {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: context.maxUploadSize)
        } catch {
            throw ServiceError(.badRequest, "the request body is larger than \(context.maxUploadSize) bytes")
        }
        if buffer.readableBytes == 0 { throw ServiceError(.badRequest, "the request body is empty; send a JSON object") }
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: Data(buffer.readableBytesView))
        } catch let DecodingError.dataCorrupted(context) {
            let underlying = (context.underlyingError as? NSError)?.userInfo[NSDebugDescriptionErrorKey] as? String
            throw ServiceError(.badRequest, "the request body is not valid JSON: \(underlying ?? context.debugDescription)")
        } catch {
            throw ServiceError(.badRequest, "the request body is not valid JSON: \(error)")
        }
        guard case .object(let object) = value else {
            throw ServiceError(.badRequest, "the request body must be a JSON object, not \(value.typeName)")
        }
        return object
    }

    /// The JSON object form of a value (for merging a partial update into a stored record).
    static func object(of value: some Encodable) throws -> [String: JSONValue] {
        guard case .object(let o) = try JSONValueEncoder().encode(value) else { return [:] }
        return o
    }

    /// Decodes a record from a JSON object, turning the decoder's complaint into a field-level problem.
    static func decode<T: Decodable>(_ type: T.Type, from object: [String: JSONValue]) throws -> T {
        do {
            return try JSONValueDecoder().decode(T.self, from: .object(object))
        } catch let error as DecodingError {
            throw ServiceError.invalid([problem(error, in: object)])
        }
    }

    static func problem(_ error: DecodingError, in object: [String: JSONValue]) -> FieldProblem {
        func path(_ codingPath: [any CodingKey]) -> String {
            var out = ""
            for key in codingPath {
                if let i = key.intValue { out += "[\(i)]" } else { out += (out.isEmpty ? "" : ".") + snakeCase(key.stringValue) }
            }
            return out.isEmpty ? "body" : out
        }
        func found(_ codingPath: [any CodingKey]) -> String {
            guard let first = codingPath.first, let value = object[snakeCase(first.stringValue)] else { return "" }
            return codingPath.count == 1 ? ", found \(value.typeName)" : ""
        }
        switch error {
        case .typeMismatch(let type, let c):
            let field = path(c.codingPath)
            return FieldProblem(field: field, message: "\(field) must be \(describe(type))\(found(c.codingPath))")
        case .valueNotFound(let type, let c):
            let field = path(c.codingPath)
            return FieldProblem(field: field, message: "\(field) must be \(describe(type)), not null")
        case .keyNotFound(let key, let c):
            let field = path(c.codingPath + [key])
            return FieldProblem(field: field, message: "\(field) is required")
        case .dataCorrupted(let c):
            let field = path(c.codingPath)
            return FieldProblem(field: field, message: "\(field): \(c.debugDescription)")
        @unknown default:
            return FieldProblem(field: "body", message: "\(error)")
        }
    }

    static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Bool.Type: return "true or false"
        case is Int.Type, is Int64.Type: return "an integer"
        case is Double.Type: return "a number"
        default:
            let name = String(describing: type)
            if name.hasPrefix("Array") { return "an array" }
            if name.hasPrefix("Dictionary") { return "an object" }
            return "a string"  // enums, dates, durations and ids-as-text are strings on the wire
        }
    }

    static func snakeCase(_ camel: String) -> String { JSONValueDecoder.snakeCase(camel) }

    /// The wire names of a type's stored properties, read off an instance.
    static func fieldNames(of value: Any) -> [String] {
        Mirror(reflecting: value).children.compactMap { $0.label.map(snakeCase) }
    }
}
