import Foundation
import GantryServices
import Hummingbird
import NIOCore

/// RFC 9457 problem details: what went wrong, in a form both people and programs can read.
struct Problem: Encodable, Sendable {
    var type: String
    var title: String
    var status: Int
    var detail: String
    var instance: String?
    /// Field-level problems, each naming the field (`name`, `exceptions[2].to`).
    var errors: [FieldProblem]?
    var requestId: String?

    enum CodingKeys: String, CodingKey {
        case type, title, status, detail, instance, errors
        case requestId = "request_id"
    }

    static let typeBase = "https://gantry.dev/problems/"

    init(status: HTTPResponse.Status, code: String, detail: String, errors: [FieldProblem]? = nil,
         instance: String? = nil, requestId: String? = nil) {
        self.type = Self.typeBase + code
        self.title = status.reasonPhrase
        self.status = status.code
        self.detail = detail
        self.errors = errors?.isEmpty == true ? nil : errors
        self.instance = instance
        self.requestId = requestId
    }

    init(_ error: ServiceError, instance: String?, requestId: String?) {
        self.init(status: error.code.httpStatus, code: error.code.problemCode, detail: error.message,
                  errors: error.problems, instance: instance, requestId: requestId)
    }

    func response() -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(self)) ?? Data(#"{"title":"Internal Server Error","status":500}"#.utf8)
        return Response(
            status: HTTPResponse.Status(code: status),
            headers: [.contentType: "application/problem+json"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

extension ServiceError.Code {
    var httpStatus: HTTPResponse.Status {
        switch self {
        case .invalid: .unprocessableContent
        case .badRequest: .badRequest
        case .notFound: .notFound
        case .conflict, .dependencyCycle: .conflict
        case .versionMismatch: .preconditionFailed
        case .forbidden: .forbidden
        case .unauthenticated: .unauthorized
        case .tooLarge: .contentTooLarge
        }
    }

    var problemCode: String {
        switch self {
        case .invalid: "invalid"
        case .badRequest: "bad-request"
        case .notFound: "not-found"
        case .conflict: "conflict"
        case .dependencyCycle: "dependency-cycle"
        case .versionMismatch: "version-mismatch"
        case .forbidden: "forbidden"
        case .unauthenticated: "unauthenticated"
        case .tooLarge: "too-large"
        }
    }
}
