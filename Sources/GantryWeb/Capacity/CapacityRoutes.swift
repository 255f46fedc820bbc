import GantryModel
import GantryPortfolio
import GantryServices
import Hummingbird

/// The capacity forecast over the API: the table (`GET /api/v1/capacity`) and one cell's drill-down
/// (`GET /api/v1/capacity/cell`), the same documents `gantry capacity --json` prints.
struct CapacityRoutes: Sendable {
    let backend: Backend

    func register(on api: RouterGroup<GantryContext>) {
        let backend = self.backend
        api.get("capacity") { request, context in
            let caller = try context.caller()
            let query = try CapacityQuery(request.uri.queryParameters, today: Self.today(), defaultPeriod: CapacityPeriodKind.week)
            let (snapshot, table) = try await backend.capacity.forecast(
                try await query.scope(backend, caller), by: query.grouping, per: query.period, caller)
            return try Wire.response(CapacityReport(snapshot, table))
        }
        api.get("capacity/export") { request, context in try await Self.export(backend, request, context) }
        api.get("capacity/cell") { request, context in
            let caller = try context.caller()
            let params = request.uri.queryParameters
            let query = try CapacityQuery(params, today: Self.today(), defaultPeriod: CapacityPeriodKind.week)
            let (kind, key, label) = try Self.cell(params)
            let (snapshot, drill) = try await backend.capacity.drillDown(
                try await query.scope(backend, caller), by: query.grouping, per: query.period, group: kind, key: key,
                periodLabel: label, caller)
            return try Wire.response(CapacityDrillDownReport(snapshot, drill))
        }
    }

    /// The same table as CSV or an Excel workbook, for `GET /api/v1/capacity/export?format=csv|xlsx`.
    static func export(_ backend: Backend, _ request: Request, _ context: GantryContext) async throws -> Response {
        let caller = try context.caller()
        let query = try CapacityQuery(request.uri.queryParameters, today: today(), defaultPeriod: .week)
        let formatText = request.uri.queryParameters.get("format") ?? "csv"
        guard let format = CapacityPlanner.ExportFormat(rawValue: formatText) else {
            throw ServiceError(.badRequest, "format: '\(formatText)' is not csv or xlsx", problems: [FieldProblem(field: "format", message: "csv or xlsx")])
        }
        let file = try await backend.capacity.export(try await query.scope(backend, caller), by: query.grouping, per: query.period,
                                                     as: format, caller)
        return InterchangeRoutes.download(file)
    }

    static func today() -> CalendarDate { SystemClock().now().date }

    /// The drill-down's cell: `group` (the row's kind; by default the kind the grouping gives), `key` and `period`.
    static func cell(_ params: Hummingbird.Parameters) throws(ServiceError) -> (CapacityGroup.Kind, String, String) {
        guard let key = params.get("key") else {
            throw ServiceError(.badRequest, "key: the row's key is needed (a role's name, a resource's id)",
                               problems: [FieldProblem(field: "key", message: "missing")])
        }
        guard let label = params.get("period"), !label.isEmpty else {
            throw ServiceError(.badRequest, "period: the period's label is needed, like 2027-W10 or 2027-03",
                               problems: [FieldProblem(field: "period", message: "missing")])
        }
        let by = CapacityGrouping(text: params.get("by") ?? "role") ?? .role
        let defaultKind: CapacityGroup.Kind = switch by {
        case .resource: .resource
        case .role: .role
        case .skill: .skill
        case .team: .team
        case .orgUnit: .orgUnit
        }
        let kindText = params.get("group") ?? defaultKind.rawValue
        guard let kind = CapacityGroup.Kind(rawValue: kindText) else {
            throw ServiceError(.badRequest, "group: '\(kindText)' is not resource, role, skill, team, org_unit or unstaffed_role",
                               problems: [FieldProblem(field: "group", message: "not a row kind")])
        }
        return (kind, key, label)
    }

    static func openAPIPaths() -> [String: JSONValue] {
        let common: [JSONValue] = [
            OpenAPI.parameter("portfolio", "query", "Portfolio ids or codes, separated by commas (default: every portfolio)"),
            OpenAPI.parameter("from", "query", "The first day, YYYY-MM-DD (default: the first of this month)"),
            OpenAPI.parameter("to", "query", "The last day, YYYY-MM-DD (default: 18 months on)"),
            OpenAPI.parameter("by", "query", "Rows: person, role, skill, skill:N, team or org_unit (default role)"),
            OpenAPI.parameter("per", "query", "Columns: week or month (default week)"),
        ]
        let hours: JSONValue = ["type": "number"]
        let cell: JSONValue = .object(["type": "object", "properties": .object([
            "period": ["type": "string"], "first": ["type": "string", "format": "date"], "last": ["type": "string", "format": "date"],
            "supply_hours": hours, "demand_hours": hours, "pipeline_hours": hours, "background_hours": hours,
            "free_hours": hours, "over_hours": hours, "utilisation_pct": ["type": ["number", "null"]],
            "utilisation_with_pipeline_pct": ["type": ["number", "null"]],
            "band": ["type": "string", "enum": .array(CapacityBand.allCases.map { .string($0.rawValue) })],
        ])])
        let report: JSONValue = .object(["type": "object", "properties": .object([
            "from": ["type": "string", "format": "date"], "to": ["type": "string", "format": "date"],
            "by": ["type": "string"], "per": ["type": "string", "enum": ["week", "month"]],
            "portfolios": ["type": "array", "items": ["type": "string"]],
            "bands": ["type": "object", "additionalProperties": ["type": "number"]],
            "pipeline_weights": ["type": "object", "additionalProperties": ["type": "number"]],
            "plan_wins_rule": ["type": "string"],
            "groups": .object(["type": "array", "items": .object(["type": "object", "properties": .object([
                "kind": ["type": "string"], "key": ["type": "string"], "name": ["type": "string"], "fte": ["type": "number"],
                "periods": .object(["type": "array", "items": cell]),
            ])])]),
        ])])
        let part: JSONValue = .object(["type": "object", "properties": .object([
            "source": ["type": "string", "enum": ["assignment", "allocation", "pipeline"]],
            "project_id": ["type": ["integer", "null"]], "project_code": ["type": ["string", "null"]],
            "activity_id": ["type": ["integer", "null"]], "name": ["type": "string"], "target": ["type": "string"], "hours": hours,
        ])])
        let drill: JSONValue = .object(["type": "object", "properties": .object([
            "group": ["type": "string"], "period": ["type": "string"],
            "first": ["type": "string", "format": "date"], "last": ["type": "string", "format": "date"], "cell": cell,
            "committed": .object(["type": "array", "items": part]), "pipeline": .object(["type": "array", "items": part]),
        ])])
        let bad = OpenAPI.problemResponse("A parameter does not read (a date, the grouping); the problem names it")
        let invalid = OpenAPI.problemResponse("The range is reversed or longer than five years")
        return [
            "/api/v1/capacity": .object(["get": .object([
                "summary": "The capacity forecast: per group and period supply, committed demand, weighted pipeline, utilisation and band",
                "operationId": "capacity_forecast", "parameters": .array(common),
                "responses": .object(["200": OpenAPI.response("The forecast", report), "400": bad, "422": invalid,
                                      "404": OpenAPI.problemResponse("A portfolio named does not exist")]),
            ])]),
            "/api/v1/capacity/export": .object(["get": .object([
                "summary": "The capacity table as CSV or an Excel workbook: one line per group and period",
                "operationId": "capacity_export",
                "parameters": .array(common + [OpenAPI.parameter("format", "query", "csv (default) or xlsx")]),
                "responses": .object([
                    "200": .object(["description": "The file", "content": .object([
                        "text/csv": .object(["schema": ["type": "string"]]),
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": .object(["schema": ["type": "string", "format": "binary"]]),
                    ])]),
                    "400": bad, "422": invalid, "404": OpenAPI.problemResponse("A portfolio named does not exist"),
                ]),
            ])]),
            "/api/v1/capacity/cell": .object(["get": .object([
                "summary": "One cell's drill-down: the assignments, allocations and pipeline items that make its demand, with their hours",
                "operationId": "capacity_cell",
                "parameters": .array(common + [
                    OpenAPI.parameter("key", "query", "The row's key (a role's name, a resource's id, a skill)", required: true),
                    OpenAPI.parameter("period", "query", "The period's label, like 2027-W10 or 2027-03", required: true),
                    OpenAPI.parameter("group", "query", "The row's kind when it is not the grouping's (unstaffed_role)"),
                ]),
                "responses": .object(["200": OpenAPI.response("The cell and its parts", drill), "400": bad, "422": invalid,
                                      "404": OpenAPI.problemResponse("No such row or period in this forecast")]),
            ])]),
        ]
    }
}
