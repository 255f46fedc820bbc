/// A problem with one field of a request, named the way the API names it (`project_id`, `lag`).
public struct FieldProblem: Sendable, Hashable, Codable {
    public var field: String
    public var message: String

    public init(field: String, message: String) { self.field = field; self.message = message }
}

/// Every way a use case can refuse, with a stable code; the edges map codes to HTTP statuses and exit codes.
public struct ServiceError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        case invalid            // 422: the request is understood but a value is wrong
        case badRequest         // 400: the request itself is malformed
        case notFound           // 404
        case conflict           // 409: duplicates, cycles, records still in use
        case versionMismatch    // 412: If-Match named an older version
        case forbidden          // 403
        case unauthenticated    // 401
        case dependencyCycle    // 409, with the cycle named
        case tooLarge           // 413: an upload over the limit
    }

    public var code: Code
    public var message: String
    public var problems: [FieldProblem]

    public init(_ code: Code, _ message: String, problems: [FieldProblem] = []) {
        self.code = code; self.message = message; self.problems = problems
    }

    public static func invalid(_ problems: [FieldProblem]) -> ServiceError {
        let summary = problems.map { "\($0.field): \($0.message)" }.joined(separator: "; ")
        return ServiceError(.invalid, summary, problems: problems)
    }

    public static func invalid(field: String, _ message: String) -> ServiceError {
        invalid([FieldProblem(field: field, message: message)])
    }

    public static func notFound<E: Entity>(_ type: E.Type, _ id: E.ID) -> ServiceError {
        ServiceError(.notFound, "\(E.kindName) \(id) does not exist")
    }

    public var description: String { "\(code.rawValue): \(message)" }
}

public import GantryModel
