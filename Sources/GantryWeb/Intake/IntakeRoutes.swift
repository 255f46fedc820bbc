import GantryModel
import GantryServices
import Hummingbird
import NIOCore

/// Intake over the API: a request's assessment (business case figures, score and how it was computed, rank), a
/// portfolio's ranked queue, and the actions that move a request (submit, review, approve, reject, hold, resume,
/// withdraw).
struct IntakeRoutes: Sendable {
    let backend: Backend

    func register(on api: RouterGroup<GantryContext>) {
        let intake = backend.intake
        api.get("requests/:id/assessment") { _, context in
            let id = IntakeRequest.ID(try APIRoutes.id(context))
            return try Wire.response(try await intake.assessment(id, try context.caller()))
        }
        api.get("portfolios/:id/intake-queue") { _, context in
            let id = Portfolio.ID(try APIRoutes.id(context))
            let (entries, scoring) = try await intake.queue(id, try context.caller())
            return try Wire.response(Queue(portfolioId: id, scoring: scoring, entries: entries))
        }
        for action in Intake.Action.allCases {
            api.post("requests/:id/\(action.rawValue)") { request, context in
                let id = IntakeRequest.ID(try APIRoutes.id(context))
                let body = try await Self.optionalBody(request, context)
                let (reason, approval) = try Self.arguments(for: action, body)
                return try Wire.response(try await intake.act(id, action, reason: reason, approval: approval, try context.caller()))
            }
        }
    }

    struct Queue: Encodable {
        var portfolioId: Portfolio.ID
        var scoring: Intake.ScoringSummary?
        var entries: [Intake.QueueEntry]
    }

    static func optionalBody(_ request: Request, _ context: GantryContext) async throws -> [String: JSONValue] {
        if let length = request.headers[.contentLength], length != "0" {
            return try await Wire.object(from: request, context: context)
        }
        return [:]
    }

    /// The reason or the approval's fields from a body, each checked for its type.
    static func arguments(for action: Intake.Action, _ body: [String: JSONValue]) throws -> (String?, Intake.Approval?) {
        var problems: [FieldProblem] = []
        func text(_ key: String) -> String? {
            switch body[key] {
            case nil, .null?: return nil
            case .string(let s)?: return s
            default: problems.append(FieldProblem(field: key, message: "\(key) must be a string")); return nil
            }
        }
        func id(_ key: String) -> Int64? {
            switch body[key] {
            case nil, .null?: return nil
            case .int(let n)? where n > 0: return n
            default: problems.append(FieldProblem(field: key, message: "\(key) must be a positive integer id")); return nil
            }
        }
        var reason: String?
        var approval: Intake.Approval?
        switch action {
        case .reject, .hold:
            reason = text("reason")
            if let r = reason, r.count > 2_000 { problems.append(FieldProblem(field: "reason", message: "reason must be at most 2000 characters")) }
        case .approve:
            approval = Intake.Approval(templateId: id("template_id"), projectCode: text("project_code"),
                                       managerId: id("manager_id").map { User.ID($0) })
        default: break
        }
        if !problems.isEmpty { throw ServiceError.invalid(problems) }
        return (reason, approval)
    }

    /// The paths above for the OpenAPI document.
    static func openAPIPaths() -> [String: JSONValue] {
        let idParameter = OpenAPI.parameter("id", "path", "The request's id", type: "integer", required: true)
        let number: JSONValue = .object(["type": .array(["number", "null"])])
        let figures: JSONValue = .object(["type": "object", "properties": .object([
            "currency": ["type": "string"], "discount_rate": ["type": "number"], "convention": ["type": "string"],
            "convention_explained": ["type": "string"], "total_cost": ["type": "number"], "total_benefit": ["type": "number"],
            "net_flows": .object(["type": "array", "items": ["type": "number"]]), "npv": number, "irr": number,
            "mirr": number, "payback_periods": number, "discounted_payback_periods": number, "period_unit": ["type": "string"],
        ])])
        let scoring: JSONValue = .object(["type": .array(["object", "null"]), "properties": .object([
            "criteria": .object(["type": "array", "items": ["type": "object"]]),
            "weights": .object(["type": "array", "items": ["type": "number"]]),
            "weights_from": .object(["type": "string", "enum": ["direct", "pairwise"]]),
            "consistency_ratio": number, "warning": .object(["type": .array(["string", "null"])]),
        ])])
        let request: JSONValue = ["$ref": "#/components/schemas/IntakeRequest"]
        let assessment: JSONValue = .object(["type": "object", "properties": .object([
            "request": request, "business_case": figures, "scoring": scoring, "score": number,
            "breakdown": .object(["type": .array(["object", "null"])]),
            "explanation": .object(["type": "array", "items": ["type": "string"]]),
            "rank": .object(["type": .array(["integer", "null"])]), "queue_size": ["type": "integer"],
            "notes": .object(["type": "array", "items": ["type": "string"]]),
            "actions": .object(["type": "array", "description": "the actions the caller may take on the request now",
                                "items": .object(["type": "string", "enum": .array(Intake.Action.allCases.map { .string($0.rawValue) })])]),
            "may_edit": ["type": "boolean"],
        ]), "required": ["request", "business_case", "queue_size", "notes", "actions", "may_edit"]])
        let queue: JSONValue = .object(["type": "object", "properties": .object([
            "portfolio_id": ["type": "integer"], "scoring": scoring,
            "entries": .object(["type": "array", "items": .object(["type": "object", "properties": .object([
                "rank": .object(["type": .array(["integer", "null"])]), "request": request, "score": number, "npv": number,
                "note": .object(["type": .array(["string", "null"])]),
            ])])]),
        ]), "required": ["portfolio_id", "entries"]])
        func op(_ summary: String, _ id: String, _ responses: [String: JSONValue], body: JSONValue? = nil) -> JSONValue {
            var o: [String: JSONValue] = ["summary": .string(summary), "operationId": .string(id), "tags": ["intake"],
                                          "responses": .object(responses)]
            if let body { o["requestBody"] = body }
            return .object(o)
        }
        func body(_ properties: [String: JSONValue], required: [String] = []) -> JSONValue {
            .object(["required": .bool(!required.isEmpty), "content": .object(["application/json": .object(["schema": .object([
                "type": "object", "properties": .object(properties), "required": .array(required.map(JSONValue.string)),
            ])])])])
        }
        let notFound = OpenAPI.problemResponse("No such request")
        let conflict = OpenAPI.problemResponse("Not possible in the request's state (or the project code is taken); the detail says why")
        let invalid = OpenAPI.problemResponse("A field is missing or wrong (a reason, the template, the project code); the problem names it")
        var paths: [String: JSONValue] = [
            "/api/v1/requests/{id}/assessment": .object([
                "parameters": .array([idParameter]),
                "get": op("A request's business case figures (NPV with its convention, IRR, MIRR, payback), its score with how it was computed, and its rank in the portfolio's queue",
                          "request_assessment", ["200": OpenAPI.response("The assessment", assessment), "404": notFound]),
            ]),
            "/api/v1/portfolios/{id}/intake-queue": .object([
                "parameters": .array([OpenAPI.parameter("id", "path", "The portfolio's id", type: "integer", required: true)]),
                "get": op("The portfolio's pending requests ranked by score; unscored ones last with the reason",
                          "intake_queue", ["200": OpenAPI.response("The queue", queue),
                                           "404": OpenAPI.problemResponse("No such portfolio")]),
            ]),
        ]
        let reason = body(["reason": .object(["type": "string", "maxLength": .int(2_000)])], required: ["reason"])
        let describe: [(Intake.Action, String, JSONValue?)] = [
            (.submit, "The requester submits their draft to the PMO (problem, goal and a business case are needed)", nil),
            (.review, "A PMO role takes a submitted request into review", nil),
            (.approve, "A PMO role approves: the project is created from the template, linked to the request", body([
                "template_id": .object(["type": "integer", "minimum": .int(1)]),
                "project_code": .object(["type": "string", "maxLength": .int(32)]),
                "manager_id": .object(["type": "integer", "minimum": .int(1)]),
            ], required: ["template_id", "project_code"])),
            (.reject, "A PMO role rejects, with a reason the requester reads", reason),
            (.hold, "A PMO role puts a request in review on hold, with a reason", reason),
            (.resume, "A PMO role takes a request on hold back into review", nil),
            (.withdraw, "The requester withdraws their request", nil),
        ]
        for (action, summary, requestBody) in describe {
            paths["/api/v1/requests/{id}/\(action.rawValue)"] = .object([
                "parameters": .array([idParameter]),
                "post": op(summary, "request_\(action.rawValue)",
                           ["200": OpenAPI.response("The request in its new state", request), "404": notFound,
                            "409": conflict, "422": invalid], body: requestBody),
            ])
        }
        return paths
    }
}
