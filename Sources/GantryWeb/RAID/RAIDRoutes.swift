import Foundation
import GantryModel
import GantryServices
import Hummingbird
import Logging

/// The RAID log's and change control's actions over the API: a risk's convert, close and reopen; a change request's
/// submit, approve, reject, defer and withdraw; the portfolio-wide RAID view; a baseline's variance. Each action is
/// `POST /api/v1/<collection>/{id}/<verb>` with a JSON body (or none); a refusal is a problem that says why.
struct RAIDRoutes: Sendable {
    let backend: Backend

    struct Conversion: Encodable {
        var risk: Risk
        var issue: ProjectIssue
    }

    struct RAIDDocument: Encodable {
        struct Item: Encodable {
            var type: String
            var id: Int64
            var projectId: Int64
            var projectCode: String
            var title: String
            var status: String
            var ownerId: Int64?
            var ownerName: String?
            var score: Int?
            var level: String?
            var due: CalendarDate?
            var updatedAt: Timestamp
        }
        var portfolioId: Int64
        var sort: String
        var order: String
        var items: [Item]
    }

    struct VarianceDocument: Encodable {
        struct Row: Encodable {
            var activityId: Int64
            var code: String
            var name: String
            var change: String
            var baselineStart: CalendarDate?
            var baselineFinish: CalendarDate?
            var currentStart: CalendarDate?
            var currentFinish: CalendarDate?
            var startSlipDays: Int?
            var finishSlipDays: Int?
        }
        var baselineId: Int64
        var projectId: Int64
        var name: String
        var activities: [Row]
    }

    func register(on api: RouterGroup<GantryContext>) {
        let raid = backend.raid, changes = backend.changes
        api.post("risks/:id/convert") { request, context in
            let id = Risk.ID(try APIRoutes.id(context))
            let body = try await Self.body(request, context, allowed: ["severity"])
            var severity: IssueSeverity?
            if let text = try Self.text(body, "severity") {
                guard let s = IssueSeverity(rawValue: text) else {
                    throw ServiceError.invalid(field: "severity", "severity '\(text)' is not one of: "
                        + IssueSeverity.allCases.map(\.rawValue).joined(separator: ", "))
                }
                severity = s
            }
            let (risk, issue) = try await raid.convert(id, severity: severity, try context.caller())
            context.logger.info("risk converted", metadata: ["risk": .stringConvertible(id), "issue": .stringConvertible(issue.id)])
            return try Wire.response(Conversion(risk: risk, issue: issue))
        }
        api.post("risks/:id/close") { request, context in
            let id = Risk.ID(try APIRoutes.id(context))
            let body = try await Self.body(request, context, allowed: ["reason"])
            let risk = try await raid.close(id, reason: try Self.text(body, "reason") ?? "", try context.caller())
            return try Wire.response(risk, headers: [.eTag: APIRoutes.etag(risk.version)])
        }
        api.post("risks/:id/reopen") { request, context in
            let id = Risk.ID(try APIRoutes.id(context))
            _ = try await Self.body(request, context, allowed: [])
            let risk = try await raid.reopen(id, try context.caller())
            return try Wire.response(risk, headers: [.eTag: APIRoutes.etag(risk.version)])
        }
        for action in ChangeControl.Action.allCases {
            let allowed: Set<String> = switch action {
            case .approve: ["baseline_name"]
            case .reject, .defer: ["reason"]
            case .submit, .withdraw: []
            }
            api.post(RouterPath(stringLiteral: "change-requests/:id/\(action.rawValue)")) { request, context in
                let id = ChangeRequest.ID(try APIRoutes.id(context))
                let body = try await Self.body(request, context, allowed: allowed)
                let saved = try await changes.act(
                    action, on: id, reason: try Self.text(body, "reason"),
                    baseline: try Self.text(body, "baseline_name").map { .named($0) } ?? .asRequested, try context.caller())
                context.logger.info("change request \(action.rawValue)", metadata: ["change_request": .stringConvertible(id),
                                                                                   "status": .string(saved.status.rawValue)])
                return try Wire.response(saved, headers: [.eTag: APIRoutes.etag(saved.version)])
            }
        }
        api.get("portfolios/:id/raid") { request, context in
            let id = Portfolio.ID(try APIRoutes.id(context))
            let query = try RAIDQuery(parameters: Self.parameters(request))
            let view = try await raid.portfolioView(id, query, try context.caller())
            return try Wire.response(RAIDDocument(
                portfolioId: id.rawValue, sort: query.sort.rawValue, order: query.ascending ? "asc" : "desc",
                items: view.items.map {
                    RAIDDocument.Item(type: $0.type.rawValue, id: $0.id, projectId: $0.projectId.rawValue,
                                      projectCode: $0.projectCode, title: $0.title, status: $0.status,
                                      ownerId: $0.ownerId?.rawValue, ownerName: $0.ownerName, score: $0.score,
                                      level: $0.level, due: $0.due, updatedAt: $0.updatedAt)
                }))
        }
        api.get("baselines/:id/variance") { _, context in
            let id = Baseline.ID(try APIRoutes.id(context))
            let (baseline, rows) = try await changes.variance(of: id, try context.caller())
            return try Wire.response(VarianceDocument(
                baselineId: baseline.id.rawValue, projectId: baseline.projectId.rawValue, name: baseline.name,
                activities: rows.map {
                    VarianceDocument.Row(activityId: $0.activityId.rawValue, code: $0.code, name: $0.name,
                                         change: $0.change.rawValue, baselineStart: $0.baselineStart,
                                         baselineFinish: $0.baselineFinish, currentStart: $0.currentStart,
                                         currentFinish: $0.currentFinish, startSlipDays: $0.startSlipDays,
                                         finishSlipDays: $0.finishSlipDays)
                }))
        }
    }

    /// The query parameters, decoded, in order.
    static func parameters(_ request: Request) -> [(String, String)] {
        request.uri.queryParameters.map { key, value in
            (String(key), String(value).removingPercentEncoding ?? String(value))
        }
    }

    /// An action's JSON body: none at all is an empty one; keys the action does not take are refused by name.
    static func body(_ request: Request, _ context: GantryContext, allowed: Set<String>) async throws -> [String: JSONValue] {
        guard let length = request.headers[.contentLength], length != "0" else { return [:] }
        let body = try await Wire.object(from: request, context: context)
        let unknown = body.keys.filter { !allowed.contains($0) }.sorted()
        if !unknown.isEmpty {
            throw ServiceError.invalid(unknown.map {
                FieldProblem(field: $0, message: "\($0) is not taken by this action"
                    + (allowed.isEmpty ? "; send no body" : "; it takes: \(allowed.sorted().joined(separator: ", "))"))
            })
        }
        return body
    }

    /// A text field of an action's body: a string, or absent or null.
    static func text(_ body: [String: JSONValue], _ key: String) throws -> String? {
        switch body[key] {
        case nil, .null?: return nil
        case .string(let s)?: return s
        case let other?: throw ServiceError.invalid(field: key, "\(key) must be a string, found \(other.typeName)")
        }
    }

    /// The paths above for the OpenAPI document.
    static func openAPIPaths() -> [String: JSONValue] {
        func idParameter(_ what: String) -> JSONValue {
            OpenAPI.parameter("id", "path", "The \(what)'s id", type: "integer", required: true)
        }
        func body(_ properties: [String: JSONValue], required: [String] = []) -> JSONValue {
            .object(["required": .bool(!required.isEmpty), "content": .object(["application/json": .object(["schema": .object([
                "type": "object", "properties": .object(properties), "additionalProperties": false,
            ].merging(required.isEmpty ? [:] : ["required": .array(required.map(JSONValue.string))]) { a, _ in a })])])])
        }
        func op(_ summary: String, _ id: String, _ tag: String, _ responses: [String: JSONValue],
                body: JSONValue? = nil, parameters: [JSONValue] = []) -> JSONValue {
            var o: [String: JSONValue] = ["summary": .string(summary), "operationId": .string(id), "tags": .array([.string(tag)]),
                                          "responses": .object(responses)]
            if let body { o["requestBody"] = body }
            if !parameters.isEmpty { o["parameters"] = .array(parameters) }
            return .object(o)
        }
        let reason: JSONValue = .object(["type": "string", "description": "Why; kept with the record"])
        let risk = OpenAPI.response("The risk after the action", ["$ref": "#/components/schemas/Risk"])
        let change = OpenAPI.response("The change request after the action", ["$ref": "#/components/schemas/ChangeRequest"])
        let refused = OpenAPI.problemResponse("Not allowed for the caller (their role, their relation to the project, or the governance mode); the detail says why and nothing changed")
        let wrongState = OpenAPI.problemResponse("The action does not apply in the record's current state (or a baseline of that name exists); nothing changed")
        let invalid = OpenAPI.problemResponse("A required reason or name is missing, or a field is wrong; the problem names it")
        let stale = OpenAPI.problemResponse("The record changed meanwhile; reload it and try again")
        var paths: [String: JSONValue] = [
            "/api/v1/risks/{id}/convert": .object([
                "parameters": .array([idParameter("risk")]),
                "post": op("The risk happened: create the issue from it (linked both ways) and mark the risk converted, in one transaction",
                           "convert_risk", "risks", [
                               "200": OpenAPI.response("The converted risk and the new issue", .object([
                                   "type": "object", "required": ["risk", "issue"], "properties": .object([
                                       "risk": ["$ref": "#/components/schemas/Risk"],
                                       "issue": ["$ref": "#/components/schemas/ProjectIssue"],
                                   ]),
                               ])),
                               "403": refused, "404": OpenAPI.problemResponse("No such risk"), "409": wrongState,
                               "412": stale, "422": invalid,
                           ],
                           body: body(["severity": .object(["type": "string", "enum": .array(IssueSeverity.allCases.map { .string($0.rawValue) }),
                                                            "description": "The issue's severity; by default from the risk's level"])])),
            ]),
            "/api/v1/risks/{id}/close": .object([
                "parameters": .array([idParameter("risk")]),
                "post": op("Close an open risk; the reason is required and kept", "close_risk", "risks",
                           ["200": risk, "403": refused, "404": OpenAPI.problemResponse("No such risk"), "409": wrongState,
                            "412": stale, "422": invalid],
                           body: body(["reason": reason], required: ["reason"])),
            ]),
            "/api/v1/risks/{id}/reopen": .object([
                "parameters": .array([idParameter("risk")]),
                "post": op("Reopen a closed risk", "reopen_risk", "risks",
                           ["200": risk, "403": refused, "404": OpenAPI.problemResponse("No such risk"), "409": wrongState,
                            "412": stale, "422": invalid],
                           body: body([:])),
            ]),
            "/api/v1/portfolios/{id}/raid": .object([
                "parameters": .array([idParameter("portfolio")]),
                "get": op("The RAID items (risks, issues, assumptions, decisions) of every project in the portfolio, filtered and sorted",
                          "portfolio_raid", "portfolios", [
                              "200": OpenAPI.response("The items, in order", .object([
                                  "type": "object", "required": ["portfolio_id", "sort", "order", "items"],
                                  "properties": .object([
                                      "portfolio_id": ["type": "integer"], "sort": ["type": "string"], "order": ["type": "string"],
                                      "items": .object(["type": "array", "items": .object(["type": "object", "properties": .object([
                                          "type": .object(["type": "string", "enum": .array(RAIDItem.Kind.allCases.map { .string($0.rawValue) })]),
                                          "id": ["type": "integer"], "project_id": ["type": "integer"],
                                          "project_code": ["type": "string"], "title": ["type": "string"],
                                          "status": ["type": "string"],
                                          "owner_id": .object(["type": .array(["integer", "null"])]),
                                          "owner_name": .object(["type": .array(["string", "null"])]),
                                          "score": .object(["type": .array(["integer", "null"])]),
                                          "level": .object(["type": .array(["string", "null"])]),
                                          "due": .object(["type": .array(["string", "null"])]),
                                          "updated_at": ["type": "string"],
                                      ])])]),
                                  ]),
                              ])),
                              "404": OpenAPI.problemResponse("No such portfolio"),
                              "422": OpenAPI.problemResponse("A filter or the sort is not one the view knows; the problem names it"),
                          ],
                          parameters: [
                              Self.enumParameter("type", "Only this kind of item", RAIDItem.Kind.allCases.map(\.rawValue)),
                              Self.enumParameter("status", "Only items in this status", RAIDQuery.statuses(nil)),
                              OpenAPI.parameter("owner_id", "query", "Only items this user owns (a decision: who made it)", type: "integer"),
                              Self.enumParameter("level", "Only risks of this level and issues of this severity", RAIDQuery.levels),
                              Self.enumParameter("sort", "Order by a risk's score (default), the due date, or the last change",
                                                 RAIDQuery.Sort.allCases.map(\.rawValue)),
                              Self.enumParameter("order", "asc or desc (default: desc, but asc for due)", ["asc", "desc"]),
                          ]),
            ]),
            "/api/v1/baselines/{id}/variance": .object([
                "parameters": .array([idParameter("baseline")]),
                "get": op("How far each activity of the project's current plan has moved from the baseline: start and finish slips in days, activities added and removed",
                          "baseline_variance", "baselines", [
                              "200": OpenAPI.response("The variance", .object([
                                  "type": "object", "required": ["baseline_id", "project_id", "name", "activities"],
                                  "properties": .object([
                                      "baseline_id": ["type": "integer"], "project_id": ["type": "integer"], "name": ["type": "string"],
                                      "activities": .object(["type": "array", "items": .object(["type": "object", "properties": .object([
                                          "activity_id": ["type": "integer"], "code": ["type": "string"], "name": ["type": "string"],
                                          "change": .object(["type": "string", "enum": ["same", "moved", "added", "removed"]]),
                                          "start_slip_days": .object(["type": .array(["integer", "null"])]),
                                          "finish_slip_days": .object(["type": .array(["integer", "null"])]),
                                      ])])]),
                                  ]),
                              ])),
                              "404": OpenAPI.problemResponse("No such baseline"),
                          ]),
            ]),
        ]
        for action in ChangeControl.Action.allCases {
            let (summary, requestBody): (String, JSONValue) = switch action {
            case .submit: ("Submit a draft (or a deferred) change request; who must decide, and why, is fixed now from the portfolio's mode and thresholds", body([:]))
            case .approve: ("Approve a submitted change request (the project's manager, or a PMO role when the mode or a threshold says so); a baseline_name saves a baseline of the plan in the same transaction",
                            body(["baseline_name": .object(["type": .array(["string", "null"]), "description": "Save a baseline of this name (default: the request's own baseline_name)"])]))
            case .reject: ("Reject a submitted change request; the reason is required and kept", body(["reason": reason], required: ["reason"]))
            case .defer: ("Defer a submitted change request, with an optional reason; it can be submitted again", body(["reason": reason]))
            case .withdraw: ("Withdraw a change request that is not decided yet (its author or a PMO role)", body([:]))
            }
            paths["/api/v1/change-requests/{id}/\(action.rawValue)"] = .object([
                "parameters": .array([idParameter("change request")]),
                "post": op(summary, "\(action.rawValue)_change_request", "change-requests",
                           ["200": change, "403": refused, "404": OpenAPI.problemResponse("No such change request"),
                            "409": wrongState, "412": stale, "422": invalid],
                           body: requestBody),
            ])
        }
        return paths
    }

    static func enumParameter(_ name: String, _ description: String, _ values: [String]) -> JSONValue {
        .object(["name": .string(name), "in": "query", "description": .string(description), "required": false,
                 "schema": .object(["type": "string", "enum": .array(values.map(JSONValue.string))])])
    }
}
