import GantryModel
import GantryServices
import Hummingbird
import NIOCore

extension Specs {
    static let statusReports = ResourceSpec(
        path: "status-reports",
        template: StatusReport(projectId: .init(0), periodStart: CalendarDate(daysSinceEpoch: 0), createdAt: epoch, updatedAt: epoch),
        required: ["project_id", "period_start"],
        summary: "Status reports per project and period: five RAG ratings with the colour suggested from SPI, CPI, overdue milestones and open high risks; an override needs a comment. The status changes only through submit, accept and return")
}

/// Status reports over the API: start the period's report for a project, the workflow's actions (submit, accept,
/// return with a comment), the late reports, and the executive portfolio report as JSON and CSV. The plain record
/// routes (list, get, update, delete) come from `Specs.statusReports`.
struct StatusReportRoutes: Sendable {
    let backend: Backend

    func register(on api: RouterGroup<GantryContext>) {
        let reports = backend.reports
        api.post("projects/:id/status-reports") { request, context in
            let id = Project.ID(try APIRoutes.id(context))
            let body = try await Self.optionalBody(request, context, allowed: ["period_start", "actual_cost_minor"])
            var problems: [FieldProblem] = []
            var day: CalendarDate?
            var cost: Int64?
            switch body["period_start"] {
            case nil, .null?: break
            case .string(let text)? where CalendarDate(iso: text) != nil: day = CalendarDate(iso: text)
            default: problems.append(FieldProblem(field: "period_start", message: "period_start is a day of the period to report on, as yyyy-MM-dd"))
            }
            switch body["actual_cost_minor"] {
            case nil, .null?: break
            case .int(let n)?: cost = n
            default: problems.append(FieldProblem(field: "actual_cost_minor", message: "actual_cost_minor must be an integer (minor units, e.g. cents)"))
            }
            if !problems.isEmpty { throw ServiceError.invalid(problems) }
            let report = try await reports.start(id, periodContaining: day, actualCostMinor: cost, try context.caller())
            return try Wire.response(report, status: .created, headers: [
                .eTag: APIRoutes.etag(report.version), .location: "/api/v1/status-reports/\(report.id)",
            ])
        }
        api.post("status-reports/:id/submit") { request, context in
            _ = try await Self.optionalBody(request, context, allowed: [])
            let report = try await reports.submit(StatusReport.ID(try APIRoutes.id(context)), try context.caller())
            return try Wire.response(report, headers: [.eTag: APIRoutes.etag(report.version)])
        }
        api.post("status-reports/:id/accept") { request, context in
            _ = try await Self.optionalBody(request, context, allowed: [])
            let report = try await reports.accept(StatusReport.ID(try APIRoutes.id(context)), try context.caller())
            return try Wire.response(report, headers: [.eTag: APIRoutes.etag(report.version)])
        }
        api.post("status-reports/:id/return") { request, context in
            let body = try await Self.optionalBody(request, context, allowed: ["comment"])
            guard case .string(let comment)? = body["comment"] else {
                throw ServiceError.invalid(field: "comment", "comment is required: say what the author should change")
            }
            let report = try await reports.return(StatusReport.ID(try APIRoutes.id(context)), comment: comment, try context.caller())
            return try Wire.response(report, headers: [.eTag: APIRoutes.etag(report.version)])
        }
        api.get("status-reports/overdue") { request, context in
            var portfolio: Portfolio.ID?
            for (key, value) in request.uri.queryParameters {
                guard key == "portfolio_id" else {
                    throw ServiceError.invalid(field: String(key), "\(key) is not a filter of late reports; use portfolio_id")
                }
                guard let n = Int64(String(value)), n > 0 else {
                    throw ServiceError.invalid(field: "portfolio_id", "portfolio_id must be a positive id")
                }
                portfolio = Portfolio.ID(n)
            }
            return try Wire.response(OverdueDocument(items: try await reports.overdue(portfolio: portfolio, try context.caller())))
        }
        api.get("portfolios/:id/report") { _, context in
            try Wire.response(try await reports.portfolioReport(Portfolio.ID(try APIRoutes.id(context)), try context.caller()))
        }
        api.get("portfolios/:id/report.csv") { _, context in
            let report = try await reports.portfolioReport(Portfolio.ID(try APIRoutes.id(context)), try context.caller())
            return Self.csv(report)
        }
    }

    struct OverdueDocument: Encodable { var items: [OverdueReport] }

    static func csv(_ report: PortfolioReport) -> Response {
        Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8",
                                        .contentDisposition: "attachment; filename=\"\(report.code)-portfolio-report-\(report.asOf).csv\""],
                 body: .init(byteBuffer: ByteBuffer(string: StatusReports.csv(report))))
    }

    /// A JSON object body that may be absent; keys outside `allowed` are refused by name.
    static func optionalBody(_ request: Request, _ context: GantryContext, allowed: Set<String>) async throws -> [String: JSONValue] {
        guard let length = request.headers[.contentLength], length != "0" else { return [:] }
        let body = try await Wire.object(from: request, context: context)
        let unknown = body.keys.filter { !allowed.contains($0) }.sorted()
        if !unknown.isEmpty {
            let fields = allowed.isEmpty ? "this action takes no fields" : "fields: \(allowed.sorted().joined(separator: ", "))"
            throw ServiceError.invalid(unknown.map { FieldProblem(field: $0, message: "\($0) is not a field of this action; \(fields)") })
        }
        return body
    }

    /// The paths above for the OpenAPI document.
    static func openAPIPaths() -> [String: JSONValue] {
        let report: JSONValue = ["$ref": "#/components/schemas/StatusReport"]
        func idParameter(_ what: String) -> JSONValue { OpenAPI.parameter("id", "path", "The \(what)'s id", type: "integer", required: true) }
        func op(_ summary: String, _ id: String, _ responses: [String: JSONValue], body: JSONValue? = nil,
                parameters: [JSONValue]? = nil) -> JSONValue {
            var o: [String: JSONValue] = ["summary": .string(summary), "operationId": .string(id), "tags": ["status-reports"],
                                          "responses": .object(responses)]
            if let body { o["requestBody"] = body }
            if let parameters { o["parameters"] = .array(parameters) }
            return .object(o)
        }
        func body(_ required: Bool, _ properties: [String: JSONValue], required names: [String] = []) -> JSONValue {
            .object(["required": .bool(required), "content": .object(["application/json": .object(["schema": .object([
                "type": "object", "properties": .object(properties), "additionalProperties": false,
                "required": .array(names.map(JSONValue.string)),
            ])])])])
        }
        let invalid = OpenAPI.problemResponse("A field is wrong or missing (a rating not given, an override or a return without a comment); the problem names it and nothing changed")
        let wrongState = OpenAPI.problemResponse("The action does not apply to the report in its state (e.g. accepting a draft); nothing changed")
        let notFound = OpenAPI.problemResponse("No such status report")
        let overdue: JSONValue = .object(["type": "object", "properties": .object([
            "project_id": ["type": "integer"], "project_code": ["type": "string"], "project_name": ["type": "string"],
            "portfolio_id": ["type": "integer"], "governance_mode": ["type": "string"],
            "manager_id": .object(["type": .array(["integer", "null"])]), "cadence": ["type": "string"],
            "period_start": ["type": "string"], "period_end": ["type": "string", "description": "exclusive"],
            "due_on": ["type": "string"], "days_late": ["type": "integer"], "missed_periods": ["type": "integer"],
            "report_id": .object(["type": .array(["integer", "null"])]),
            "report_status": .object(["type": .array(["string", "null"]), "description": "null when the report was never started"]),
        ])])
        let line: JSONValue = .object(["type": "object", "properties": .object([
            "project_id": ["type": "integer"], "code": ["type": "string"], "name": ["type": "string"], "state": ["type": "string"],
            "health": ["type": "string", "enum": ["green", "amber", "red", "unknown"]],
            "health_source": ["type": "string", "enum": ["report", "project"]],
            "trend": .object(["type": .array(["string", "null"]), "enum": ["better", "same", "worse", .null]]),
            "escalations": ["type": "string"], "days_late": .object(["type": .array(["integer", "null"])]),
            "open_high_risks": ["type": "integer"],
            "gate": .object(["type": .array(["string", "null"])]), "gate_date": .object(["type": .array(["string", "null"])]),
            "gate_status": .object(["type": .array(["string", "null"])]),
        ])])
        let gate: JSONValue = .object(["type": "object", "properties": .object([
            "project_id": ["type": "integer"], "code": ["type": "string"], "name": ["type": "string"],
            "phase_id": ["type": "integer"], "phase": ["type": "string"], "gate_name": ["type": "string"],
            "gate_date": .object(["type": .array(["string", "null"])]), "gate_status": ["type": "string"],
            "unmet_must_meets": ["type": "integer"], "days_overdue": .object(["type": .array(["integer", "null"])]),
        ])])
        let portfolioReport: JSONValue = .object(["type": "object", "properties": .object([
            "portfolio_id": ["type": "integer"], "code": ["type": "string"], "name": ["type": "string"],
            "governance_mode": ["type": "string"], "as_of": ["type": "string"], "health_counts": ["type": "object"],
            "projects": .object(["type": "array", "items": line]),
            "escalations": .object(["type": "array", "items": .object(["type": "object"])]),
            "overdue": .object(["type": "array", "items": overdue]),
            "top_risks": .object(["type": "array", "items": .object(["type": "object", "properties": .object([
                "risk_id": ["type": "integer"], "project_id": ["type": "integer"], "code": ["type": "string"],
                "project": ["type": "string"], "title": ["type": "string"], "probability": ["type": "integer"],
                "impact": ["type": "integer"], "score": ["type": "integer"], "level": ["type": "string"],
                "owner": .object(["type": .array(["string", "null"])]), "response_strategy": ["type": "string"],
                "due_date": .object(["type": .array(["string", "null"])]),
            ])])]),
            "gates_waiting": .object(["type": "array", "items": gate]),
            "gates_coming_up": .object(["type": "array", "items": gate]),
        ]), "required": ["portfolio_id", "projects", "escalations", "overdue", "top_risks", "gates_waiting", "gates_coming_up"]])
        let csv: JSONValue = .object(["description": "CSV, one line per project",
                                      "content": .object(["text/csv": .object(["schema": ["type": "string"]])])])
        let acted = { (what: String) in OpenAPI.response(what, report) }
        return [
            "/api/v1/projects/{id}/status-reports": .object([
                "parameters": .array([idParameter("project")]),
                "post": op("Start the project's status report for a period (the current one by default), with the RAG suggested from its numbers filled in",
                           "start_status_report",
                           ["201": acted("The new draft report"),
                            "404": OpenAPI.problemResponse("No such project"),
                            "409": OpenAPI.problemResponse("The project already has a report for that period"),
                            "422": invalid],
                           body: body(false, [
                               "period_start": .object(["type": "string", "format": "date", "description": "any day of the period; default today"]),
                               "actual_cost_minor": .object(["type": "integer", "minimum": .int(0), "description": "the actual cost so far, in minor units; makes CPI available"]),
                           ])),
            ]),
            "/api/v1/status-reports/{id}/submit": .object([
                "parameters": .array([idParameter("status report")]),
                "post": op("Submit the report for the PMO's review (its author or the project's manager); every dimension rated, every override commented. A returned report is submitted again the same way",
                           "submit_status_report", ["200": acted("The submitted report"), "404": notFound, "409": wrongState, "422": invalid],
                           body: body(false, [:])),
            ]),
            "/api/v1/status-reports/{id}/accept": .object([
                "parameters": .array([idParameter("status report")]),
                "post": op("Accept a submitted report (a PMO role); the project's health becomes its overall rating",
                           "accept_status_report", ["200": acted("The accepted report"), "404": notFound, "409": wrongState, "422": invalid],
                           body: body(false, [:])),
            ]),
            "/api/v1/status-reports/{id}/return": .object([
                "parameters": .array([idParameter("status report")]),
                "post": op("Return a submitted report to its author with a comment (a PMO role); the author changes it and submits again",
                           "return_status_report", ["200": acted("The returned report"), "404": notFound, "409": wrongState, "422": invalid],
                           body: body(true, ["comment": .object(["type": "string", "minLength": .int(1), "maxLength": .int(2000)])],
                                      required: ["comment"])),
            ]),
            "/api/v1/status-reports/overdue": .object([
                "get": op("Projects whose status report for the last period is missing or not submitted after the grace days, in controlling and directive portfolios, with how late",
                          "overdue_status_reports",
                          ["200": OpenAPI.response("Late reports, the latest first", .object(["type": "object", "properties": .object([
                              "items": .object(["type": "array", "items": overdue]),
                          ])])), "422": OpenAPI.problemResponse("A filter is wrong")],
                          parameters: [OpenAPI.parameter("portfolio_id", "query", "Only this portfolio's projects", type: "integer")]),
            ]),
            "/api/v1/portfolios/{id}/report": .object([
                "parameters": .array([idParameter("portfolio")]),
                "get": op("The executive portfolio report: projects by health (the latest submitted or accepted report's overall rating, else the project's health), the trend since the report before, escalations, late reports, the top open risks, the current phases' gates waiting for a decision or coming up",
                          "portfolio_report", ["200": OpenAPI.response("The report", portfolioReport),
                                               "404": OpenAPI.problemResponse("No such portfolio")]),
            ]),
            "/api/v1/portfolios/{id}/report.csv": .object([
                "parameters": .array([idParameter("portfolio")]),
                "get": op("The executive portfolio report as CSV, one line per project", "portfolio_report_csv",
                          ["200": csv, "404": OpenAPI.problemResponse("No such portfolio")]),
            ]),
        ]
    }
}
