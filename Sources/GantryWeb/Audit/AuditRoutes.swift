import Foundation
import GantryModel
import GantryServices
import Hummingbird
import NIOCore

/// The audit trail over the API: `GET /api/v1/audit` (JSON, newest first, paged) and `GET /api/v1/audit.csv`.
struct AuditRoutes: Sendable {
    let backend: Backend

    struct Line: Encodable {
        var id: Int64
        var at: Timestamp
        var userId: Int64?
        var action: String
        var kind: String
        var recordId: Int64
        var summary: String
        var before: JSONValue?
        var after: JSONValue?
    }

    struct Document: Encodable {
        var items: [Line]
        var nextCursor: String?
    }

    func register(on api: RouterGroup<GantryContext>) {
        let audit = backend.audit
        api.get("audit") { request, context in
            let query = try Self.query(request)
            let page = try await audit.entries(query, try context.caller())
            let lines = page.items.map { r in
                Line(id: r.id, at: r.at, userId: r.userId?.rawValue, action: r.action, kind: r.kind, recordId: r.recordId,
                     summary: r.summary, before: r.before.flatMap(Self.json), after: r.after.flatMap(Self.json))
            }
            return try Wire.response(Document(items: lines, nextCursor: page.nextCursor.map(Cursor.encode)))
        }
        api.get("audit.csv") { request, context in
            let text = try await audit.csv(try Self.query(request), try context.caller())
            return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8",
                                                   .contentDisposition: "attachment; filename=\"gantry-audit.csv\""],
                            body: .init(byteBuffer: ByteBuffer(string: text)))
        }
    }

    static func json(_ text: String) -> JSONValue? { try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) }

    static func query(_ request: Request) throws -> AuditQuery {
        var q = AuditQuery(limit: 50)
        for (rawKey, rawValue) in request.uri.queryParameters {
            let key = String(rawKey)
            let value = String(rawValue).removingPercentEncoding ?? String(rawValue)
            if value.isEmpty && ["kind", "action", "record_id", "user_id"].contains(key) { continue }  // a form's "any"
            func id() throws -> Int64 {
                guard let n = Int64(value), n > 0 else { throw ServiceError.invalid(field: key, "\(key) must be a positive id") }
                return n
            }
            func time() throws -> Timestamp {
                guard let t = Timestamp(iso: value) else {
                    throw ServiceError.invalid(field: key, "\(key) '\(value)' is not an ISO 8601 timestamp like 2026-11-28T09:00:00Z")
                }
                return t
            }
            switch key {
            case "kind": q.kind = value
            case "action": q.action = value
            case "record_id": q.recordId = try id()
            case "user_id": q.userId = User.ID(try id())
            case "since": q.since = try time()
            case "until": q.until = try time()
            case "limit": q.limit = try APIRoutes.pageLimit(value, max: 500)
            case "cursor": q.before = try APIRoutes.cursor(value)
            default:
                throw ServiceError.invalid(field: key, "\(key) is not a filter of the audit log; use kind, record_id, user_id, action, since, until, limit, cursor")
            }
        }
        return q
    }

    static func openAPIPaths() -> [String: JSONValue] {
        let parameters: JSONValue = .array([
            OpenAPI.parameter("kind", "query", "Only lines about this kind of record (activity, project, …)"),
            OpenAPI.parameter("record_id", "query", "Only lines about this record", type: "integer"),
            OpenAPI.parameter("user_id", "query", "Only changes by this user", type: "integer"),
            OpenAPI.parameter("action", "query", "create, update, delete, schedule, level, or a workflow action: convert, close, reopen, submit, approve, reject, defer, withdraw"),
            OpenAPI.parameter("since", "query", "From this time (ISO 8601)"),
            OpenAPI.parameter("until", "query", "Before this time (ISO 8601)"),
            OpenAPI.parameter("limit", "query", "At most this many lines (1–500, default 50)", type: "integer"),
            OpenAPI.parameter("cursor", "query", "next_cursor of the previous page"),
        ])
        let line: JSONValue = .object(["type": "object", "properties": .object([
            "id": ["type": "integer"], "at": ["type": "string"], "user_id": .object(["type": .array(["integer", "null"])]),
            "action": ["type": "string"], "kind": ["type": "string"], "record_id": ["type": "integer"],
            "summary": ["type": "string"],
        ])])
        let invalid = OpenAPI.problemResponse("A filter is wrong; the problem names it")
        return [
            "/api/v1/audit": .object(["get": .object([
                "summary": "The audit trail, newest first: who changed what and when, with the record before and after",
                "operationId": "audit", "tags": ["audit"], "parameters": parameters,
                "responses": .object([
                    "200": OpenAPI.response("Audit lines", .object(["type": "object", "properties": .object([
                        "items": .object(["type": "array", "items": line]),
                        "next_cursor": .object(["type": .array(["string", "null"])]),
                    ])])),
                    "422": invalid,
                ]),
            ])]),
            "/api/v1/audit.csv": .object(["get": .object([
                "summary": "The audit trail as CSV, with the same filters", "operationId": "audit_csv", "tags": ["audit"],
                "parameters": parameters,
                "responses": .object([
                    "200": .object(["description": "CSV", "content": .object(["text/csv": .object(["schema": ["type": "string"]])])]),
                    "422": invalid,
                ]),
            ])]),
        ]
    }
}
