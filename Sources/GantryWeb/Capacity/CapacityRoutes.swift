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
        api.get("scenarios/:id/forecast") { request, context in
            let caller = try context.caller()
            let query = try CapacityQuery(request.uri.queryParameters, today: Self.today(), defaultPeriod: .week)
            let view = try await backend.capacity.scenarioView(CapacityScenario.ID(try APIRoutes.id(context)),
                                                               scope: try await query.scope(backend, caller),
                                                               by: query.grouping, per: query.period, caller)
            return try Wire.response(ScenarioDocument(
                scenario: view.scenario, changes: view.changes,
                overHoursBefore: CapacityCell.hours(view.overMinutesBefore), overHoursAfter: CapacityCell.hours(view.overMinutesAfter),
                before: CapacityReport(view.snapshot, view.before), after: CapacityReport(view.snapshot, view.after)))
        }
        api.post("scenarios/:id/commit") { _, context in
            let result = try await backend.capacity.commit(CapacityScenario.ID(try APIRoutes.id(context)), try context.caller())
            return try Wire.response(CommitDocument(scenario: result.scenario, applied: result.applied, notApplied: result.notApplied))
        }
        api.post("scenarios/:id/discard") { _, context in
            try Wire.response(try await backend.capacity.discard(CapacityScenario.ID(try APIRoutes.id(context)), try context.caller()))
        }
        api.get("capacity/leveling") { request, context in
            let caller = try context.caller()
            let query = try CapacityQuery(request.uri.queryParameters, today: Self.today(), defaultPeriod: .week)
            let view = try await backend.capacity.leveling(try await query.scope(backend, caller),
                                                           order: ScenarioPages.order(request.uri.queryParameters.get("order")), caller)
            let l = view.leveling
            return try Wire.response(LevelingDocument(
                priorityRule: view.priorityRule, overHoursBefore: CapacityCell.hours(l.overMinutesBefore),
                overHoursAfter: CapacityCell.hours(l.overMinutesAfter),
                moves: l.moves.map { .init(projectId: $0.project, name: $0.name, from: $0.from.description, to: $0.to.description,
                                           shiftWeeks: $0.shiftWeeks, fits: $0.fits, reason: $0.reason) }))
        }
        api.post("capacity/leveling/scenario") { request, context in
            let caller = try context.caller()
            let query = try CapacityQuery(request.uri.queryParameters, today: Self.today(), defaultPeriod: .week)
            let scenario = try await backend.capacity.levelingScenario(
                try await query.scope(backend, caller), order: ScenarioPages.order(request.uri.queryParameters.get("order")), caller)
            return try Wire.response(scenario, status: .created)
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

    struct ScenarioDocument: Encodable {
        var scenario: CapacityScenario
        var changes: [String]
        var overHoursBefore: Double
        var overHoursAfter: Double
        var before: CapacityReport
        var after: CapacityReport
    }

    struct CommitDocument: Encodable {
        var scenario: CapacityScenario
        var applied: [String]
        var notApplied: [String]
    }

    struct LevelingDocument: Encodable {
        struct Move: Encodable {
            var projectId: Project.ID
            var name: String
            var from: String
            var to: String
            var shiftWeeks: Int
            var fits: Bool
            var reason: String
        }
        var priorityRule: String
        var overHoursBefore: Double
        var overHoursAfter: Double
        var moves: [Move]
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
            "/api/v1/scenarios/{id}/forecast": .object([
                "parameters": .array([OpenAPI.parameter("id", "path", "The scenario's id", type: "integer", required: true)]),
                "get": .object([
                    "summary": "A scenario's forecast: the live table and the table with its changes applied, and the over-allocated hours of each",
                    "operationId": "scenario_forecast", "parameters": .array(common),
                    "responses": .object(["200": OpenAPI.response("Before and after", .object(["type": "object", "properties": .object([
                        "scenario": ["$ref": "#/components/schemas/CapacityScenario"], "changes": ["type": "array", "items": ["type": "string"]],
                        "over_hours_before": hours, "over_hours_after": hours, "before": report, "after": report])])),
                        "400": bad, "404": OpenAPI.problemResponse("No such scenario"), "422": invalid]),
                ]),
            ]),
            "/api/v1/scenarios/{id}/commit": .object([
                "parameters": .array([OpenAPI.parameter("id", "path", "The scenario's id", type: "integer", required: true)]),
                "post": .object([
                    "summary": "Commits a draft scenario: its changes become live in one transaction, each audited (the PMO)",
                    "operationId": "scenario_commit",
                    "responses": .object(["200": OpenAPI.response("What was applied", .object(["type": "object", "properties": .object([
                        "scenario": ["$ref": "#/components/schemas/CapacityScenario"],
                        "applied": ["type": "array", "items": ["type": "string"]],
                        "not_applied": ["type": "array", "items": ["type": "string"]]])])),
                        "403": OpenAPI.problemResponse("Only the PMO commits scenarios"), "404": OpenAPI.problemResponse("No such scenario"),
                        "409": OpenAPI.problemResponse("The scenario is not a draft"), "422": invalid]),
                ]),
            ]),
            "/api/v1/scenarios/{id}/discard": .object([
                "parameters": .array([OpenAPI.parameter("id", "path", "The scenario's id", type: "integer", required: true)]),
                "post": .object([
                    "summary": "Discards a draft scenario; nothing live changes", "operationId": "scenario_discard",
                    "responses": .object(["200": OpenAPI.response("The scenario, discarded", ["$ref": "#/components/schemas/CapacityScenario"]),
                                          "403": OpenAPI.problemResponse("Only the PMO discards scenarios"),
                                          "404": OpenAPI.problemResponse("No such scenario"),
                                          "409": OpenAPI.problemResponse("The scenario is not a draft")]),
                ]),
            ]),
            "/api/v1/capacity/leveling": .object(["get": .object([
                "summary": "Portfolio leveling: proposed start shifts for projects not started yet, each with its reason, and the over-allocated hours before and after",
                "operationId": "capacity_leveling",
                "parameters": .array(common + [OpenAPI.parameter("order", "query", "Project codes, most important first, separated by commas; the rest follow approved before proposed, then by planned start")]),
                "responses": .object(["200": OpenAPI.response("The proposal", .object(["type": "object", "properties": .object([
                    "priority_rule": ["type": "string"], "over_hours_before": hours, "over_hours_after": hours,
                    "moves": .object(["type": "array", "items": .object(["type": "object", "properties": .object([
                        "project_id": ["type": "integer"], "name": ["type": "string"], "from": ["type": "string", "format": "date"],
                        "to": ["type": "string", "format": "date"], "shift_weeks": ["type": "integer"], "fits": ["type": "boolean"],
                        "reason": ["type": "string"]])])])])])),
                    "400": bad, "422": invalid]),
            ])]),
            "/api/v1/capacity/leveling/scenario": .object(["post": .object([
                "summary": "Makes a draft scenario of the leveling proposal's moves, to preview and commit",
                "operationId": "capacity_leveling_scenario",
                "parameters": .array(common + [OpenAPI.parameter("order", "query", "Project codes, most important first, separated by commas")]),
                "responses": .object(["201": OpenAPI.response("The draft scenario", ["$ref": "#/components/schemas/CapacityScenario"]),
                                      "400": bad, "403": OpenAPI.problemResponse("Only the PMO makes scenarios"), "422": invalid]),
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
