import Foundation
import GantryModel
import GantryAnalytics
import GantryServices
import GantryInterchange
import Hummingbird

/// Time, approvals and earned value over the API (issue #15): a person's week and its actions, the approvals
/// queue and its decision, a project's and a portfolio's earned value (JSON or CSV), and a project's budget,
/// funding and spend by month.
struct MoneyRoutes: Sendable {
    let backend: Backend

    /// A week as the API writes it.
    struct WeekDocument: Encodable {
        struct Bookable: Encodable {
            var projectId: Int64, projectCode: String, activityId: Int64, activityCode: String, activityName: String
            var plannedMinutes: [Int]
        }
        var resourceId: Int64
        var weekStart: String
        var timesheetId: Int64?
        var submittedAt: String?
        var days: [String]
        var lines: [TimesheetLine]
        var bookable: [Bookable]
        var closedMonths: [String]
        var totalMinutes: [Int]

        init(_ w: Timesheets.Week) {
            resourceId = w.resource.id.rawValue
            weekStart = w.weekStart.description
            timesheetId = w.timesheet?.id.rawValue
            submittedAt = w.timesheet?.submittedAt?.description
            days = w.days.map(\.description)
            lines = w.lines
            bookable = w.bookable.map { .init(projectId: $0.project.id.rawValue, projectCode: $0.project.code,
                                              activityId: $0.activity.id.rawValue, activityCode: $0.activity.code,
                                              activityName: $0.activity.name, plannedMinutes: $0.planned) }
            closedMonths = w.closed.map(\.description)
            totalMinutes = w.totals
        }
    }

    struct WeekRequest: Decodable {
        struct Row: Decodable {
            var lineId: Int64?
            var projectId: Int64?
            var activityId: Int64?
            var category: TimeCategory?
            var minutes: [Int]
        }
        var resourceId: Int64?
        var week: CalendarDate
        var rows: [Row]?
    }

    struct DecisionRequest: Decodable {
        var lineIds: [Int64]?
        var expenseIds: [Int64]?
        var decision: String
        var reason: String?
    }

    struct PendingDocument: Encodable {
        struct Proposal: Encodable {
            var projectId: Int64, activityId: Int64, plannedMinutes: Int64, actualMinutes: Int64, remainingMinutes: Int64
            var percentComplete: Double, proposedPercentComplete: Double
        }
        var lines: [TimesheetLine]
        var expenses: [Expense]
        /// Progress the approved hours propose; confirm with PATCH /api/v1/activities/{id} (percent_complete).
        var progress: [Proposal]

        static func make(_ backend: Backend, _ caller: Caller, projectId: Project.ID? = nil) async throws -> PendingDocument {
            let p = try await backend.timesheets.pending(caller, projectId: projectId)
            let proposals = try await backend.timesheets.progressProposals(caller, projectId: projectId)
            return PendingDocument(lines: p.lines, expenses: p.expenses, progress: proposals.map {
                Proposal(projectId: $0.project.id.rawValue, activityId: $0.activity.id.rawValue, plannedMinutes: $0.plannedMinutes,
                         actualMinutes: $0.actualMinutes, remainingMinutes: $0.remainingMinutes,
                         percentComplete: $0.activity.percentComplete, proposedPercentComplete: $0.proposedPercent)
            })
        }
    }

    struct RollupDocument: Encodable {
        var portfolioId: Int64
        var programId: Int64?
        var currency: String
        var statusDate: String
        var figures: EarnedValueFigures?
        var problem: String?
        var budget: String?
        var funding: String?
        var spent: String?
        var projects: [EarnedValueDocument]
    }

    struct MoneyDocument: Encodable {
        struct Month: Encodable { var month: String, original: String, current: String, fundedToDate: String, spent: String }
        var projectId: Int64
        var currency: String
        var budgetOriginal: String
        var budgetCurrent: String
        var funding: String
        var spent: String
        var pendingExpenses: String
        var months: [Month]

        init(_ project: Project, _ m: MoneyReports.ProjectMoney) {
            func t(_ minor: Int64) -> String { EarnedValueFigures.minor(Money(minorUnits: minor, currency: m.currency)) }
            projectId = project.id.rawValue
            currency = m.currency.code
            budgetOriginal = t(m.budget[.original] ?? 0)
            budgetCurrent = t(m.budget[.current] ?? 0)
            funding = t(m.funding)
            spent = t(m.spent)
            pendingExpenses = t(m.pendingExpenses)
            months = m.months.map { .init(month: $0.month.description, original: t($0.original), current: t($0.current),
                                          fundedToDate: t($0.fundedToDate), spent: t($0.spent)) }
        }
    }

    /// The resource the request is about: the one named, or the caller's own.
    static func resource(_ id: Int64?, _ backend: Backend, _ caller: Caller) async throws -> Resource.ID {
        if let id { return Resource.ID(id) }
        guard let user = caller.userId, let own = try await backend.timesheets.resource(of: user) else {
            throw ServiceError(.invalid, "you have no person resource to book time as; name one with resource_id",
                               problems: [FieldProblem(field: "resource_id", message: "name the person")])
        }
        return own.id
    }

    static func date(_ text: String?, _ field: String) throws -> CalendarDate? {
        guard let text, !text.isEmpty else { return nil }
        guard let day = CalendarDate(iso: text) else {
            throw ServiceError(.badRequest, "\(field) '\(text)' is not a date (YYYY-MM-DD)",
                               problems: [FieldProblem(field: field, message: "not a date")])
        }
        return day
    }

    func register(on api: RouterGroup<GantryContext>) {
        let backend = self.backend
        api.get("timesheets/week") { request, context in
            let caller = try context.caller()
            let q = request.uri.queryParameters
            let rid = try await Self.resource(q.get("resource_id").map { Int64($0) ?? 0 }, backend, caller)
            let week = try Self.date(q.get("week"), "week") ?? Self.today()
            return try Wire.response(WeekDocument(try await backend.timesheets.week(of: rid, starting: week, caller)))
        }
        api.put("timesheets/week") { request, context in
            let caller = try context.caller()
            let body = try Wire.decode(WeekRequest.self, from: try await Wire.object(from: request, context: context))
            let rid = try await Self.resource(body.resourceId, backend, caller)
            let rows: [Timesheets.Row] = (body.rows ?? []).map { (r: WeekRequest.Row) -> Timesheets.Row in
                var row = Timesheets.Row(category: r.category, minutes: r.minutes)
                row.lineId = r.lineId.map { TimesheetLine.ID($0) }
                row.projectId = r.projectId.map { Project.ID($0) }
                row.activityId = r.activityId.map { Activity.ID($0) }
                return row
            }
            try await backend.timesheets.save(rid, week: body.week, rows: rows, caller)
            return try Wire.response(WeekDocument(try await backend.timesheets.week(of: rid, starting: body.week, caller)))
        }
        api.post("timesheets/week/submit") { request, context in
            let caller = try context.caller()
            let body = try Wire.decode(WeekRequest.self, from: try await Wire.object(from: request, context: context))
            let rid = try await Self.resource(body.resourceId, backend, caller)
            try await backend.timesheets.submit(rid, week: body.week, caller)
            return try Wire.response(WeekDocument(try await backend.timesheets.week(of: rid, starting: body.week, caller)))
        }
        api.post("timesheets/week/prefill") { request, context in
            let caller = try context.caller()
            let body = try Wire.decode(WeekRequest.self, from: try await Wire.object(from: request, context: context))
            let rid = try await Self.resource(body.resourceId, backend, caller)
            _ = try await backend.timesheets.prefill(rid, week: body.week, caller)
            return try Wire.response(WeekDocument(try await backend.timesheets.week(of: rid, starting: body.week, caller)))
        }
        api.get("approvals") { request, context in
            let caller = try context.caller()
            let project = request.uri.queryParameters.get("project_id").flatMap { Int64($0) }.map { Project.ID($0) }
            return try Wire.response(try await PendingDocument.make(backend, caller, projectId: project))
        }
        api.post("approvals/decide") { request, context in
            let caller = try context.caller()
            let body = try Wire.decode(DecisionRequest.self, from: try await Wire.object(from: request, context: context))
            let decision: Timesheets.Decision
            switch body.decision {
            case "approve": decision = .approve
            case "reject": decision = .reject(reason: body.reason ?? "")
            default:
                throw ServiceError(.invalid, "decision must be approve or reject, not '\(body.decision)'",
                                   problems: [FieldProblem(field: "decision", message: "approve or reject")])
            }
            let lines = (body.lineIds ?? []).map { TimesheetLine.ID($0) }, expenses = (body.expenseIds ?? []).map { Expense.ID($0) }
            if lines.isEmpty && expenses.isEmpty {
                throw ServiceError(.invalid, "name the lines (line_ids) or expenses (expense_ids) to decide",
                                   problems: [FieldProblem(field: "line_ids", message: "nothing to decide")])
            }
            try await backend.timesheets.decide(lines: lines, expenses: expenses, decision, caller)
            return try Wire.response(try await PendingDocument.make(backend, caller))
        }
        api.get("projects/:id/evm") { request, context in
            let caller = try context.caller()
            let q = request.uri.queryParameters
            let report = try await backend.money.project(
                Project.ID(try APIRoutes.id(context)), asOf: try Self.date(q.get("as_of"), "as_of"),
                baselineId: q.get("baseline_id").flatMap { Int64($0) }.map { Baseline.ID($0) }, caller)
            if let file = try Self.export(MoneySheets.project(report), format: q.get("format"), name: "\(report.project.code)-evm") { return file }
            return try Wire.response(EarnedValueDocument(report))
        }
        api.post("projects/:id/evm/snapshot") { request, context in
            let caller = try context.caller()
            let object = (try? await Wire.object(from: request, context: context)) ?? [:]
            let asOf: CalendarDate? = if case .string(let text)? = object["as_of"] { try Self.date(text, "as_of") } else { nil }
            return try Wire.response(try await backend.money.recordSnapshot(Project.ID(try APIRoutes.id(context)), asOf: asOf, caller),
                                     status: .created)
        }
        api.get("projects/:id/money") { request, context in
            let caller = try context.caller()
            let report = try await backend.money.project(Project.ID(try APIRoutes.id(context)), caller)
            if let file = try Self.export(MoneySheets.money(report), format: request.uri.queryParameters.get("format"),
                                          name: "\(report.project.code)-money") { return file }
            return try Wire.response(MoneyDocument(report.project, report.money))
        }
        api.get("portfolios/:id/evm") { request, context in
            let caller = try context.caller()
            let q = request.uri.queryParameters
            let r = try await backend.money.portfolio(
                Portfolio.ID(try APIRoutes.id(context)), program: q.get("program_id").flatMap { Int64($0) }.map { Program.ID($0) },
                asOf: try Self.date(q.get("as_of"), "as_of"), caller)
            if let file = try Self.export(MoneySheets.rollup(r), format: q.get("format"), name: "\(r.portfolio.code)-evm") { return file }
            return try Wire.response(Self.rollupDocument(r))
        }
    }

    static func rollupDocument(_ r: MoneyReports.Rollup) -> RollupDocument {
        RollupDocument(portfolioId: r.portfolio.id.rawValue, programId: r.program?.id.rawValue, currency: r.currency.code,
                       statusDate: r.statusDate.description, figures: r.total.map { EarnedValueFigures($0) }, problem: r.problem,
                       budget: r.budget.map(EarnedValueFigures.minor), funding: r.funding.map(EarnedValueFigures.minor),
                       spent: r.spent.map(EarnedValueFigures.minor), projects: r.projects.map(EarnedValueDocument.init))
    }

    static func today() -> CalendarDate { Timestamp(millisecondsSinceEpoch: Int64(Date().timeIntervalSince1970 * 1000)).date }

    /// The sheet as CSV (formulas neutralised) or Excel, by `format`.
    static func export(_ sheet: Sheet, format: String?, name: String) throws -> Response? {
        var headers = HTTPFields()
        let body: ByteBuffer
        switch format {
        case "csv":
            headers[.contentType] = "text/csv; charset=utf-8"
            headers[.contentDisposition] = "attachment; filename=\"\(name).csv\""
            body = ByteBuffer(string: CSVWriter.write(sheet, neutralizingFormulas: true))
        case "xlsx":
            headers[.contentType] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            headers[.contentDisposition] = "attachment; filename=\"\(name).xlsx\""
            do { body = ByteBuffer(bytes: try XLSXWriter.write([sheet])) } catch {
                throw ServiceError(.invalid, "the Excel file could not be written: \(error)")
            }
        case nil, "json": return nil
        case let other?:
            throw ServiceError(.badRequest, "format '\(other)' is not one of json, csv, xlsx",
                               problems: [FieldProblem(field: "format", message: "json, csv or xlsx")])
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: body))
    }
}

extension MoneyRoutes {
    static func openAPIPaths() -> [String: JSONValue] {
        let amount: JSONValue = ["type": "string", "description": "An exact decimal amount in the currency, like 4320.00"]
        let maybeAmount: JSONValue = ["type": ["string", "null"], "description": "An exact decimal amount; null when undefined (see undefined)"]
        let index: JSONValue = ["type": ["string", "null"], "description": "Rounded half to even to four places; null when undefined (see undefined)"]
        var figureProps: [String: JSONValue] = ["currency": ["type": "string"], "undefined": .object([
            "type": "object", "additionalProperties": ["type": "string"],
            "description": "Each undefined measure's reason (no NaN, no 0 in its place)"])]
        for k in ["bac", "pv", "ev", "ac", "sv", "cv"] { figureProps[k] = amount }
        for k in ["eac_typical", "eac_atypical", "eac_cost_and_schedule", "eac_bottom_up", "etc", "vac"] { figureProps[k] = maybeAmount }
        for k in ["spi", "cpi", "tcpi_bac", "tcpi_eac", "es", "sv_t", "spi_t", "ieac_t"] { figureProps[k] = index }
        let figures: JSONValue = .object(["type": "object", "properties": .object(figureProps)])
        let document: JSONValue = .object(["type": "object", "properties": .object([
            "project_id": ["type": "integer"], "project_code": ["type": "string"], "status_date": ["type": "string", "format": "date"],
            "baseline": ["type": ["string", "null"]], "baseline_id": ["type": ["integer", "null"]],
            "unavailable": ["type": ["string", "null"], "description": "Why there is no earned value (no baseline with costs)"],
            "es_date": ["type": ["string", "null"], "format": "date"], "forecast_finish": ["type": ["string", "null"], "format": "date"],
            "figures": .object(["oneOf": .array([figures, ["type": "null"]])]),
            "activities": .object(["type": "array", "items": .object(["type": "object", "properties": .object([
                "activity_id": ["type": "integer"], "code": ["type": "string"], "name": ["type": "string"], "figures": figures])])]),
        ])])
        let week: JSONValue = .object(["type": "object", "properties": .object([
            "resource_id": ["type": "integer"], "week_start": ["type": "string", "format": "date"],
            "timesheet_id": ["type": ["integer", "null"]], "submitted_at": ["type": ["string", "null"], "format": "date-time"],
            "days": ["type": "array", "items": ["type": "string", "format": "date"]],
            "lines": ["type": "array", "items": ["$ref": "#/components/schemas/TimesheetLine"]],
            "bookable": ["type": "array", "items": ["type": "object", "properties": [
                "project_id": ["type": "integer"], "project_code": ["type": "string"], "activity_id": ["type": "integer"],
                "activity_code": ["type": "string"], "activity_name": ["type": "string"],
                "planned_minutes": ["type": "array", "items": ["type": "integer"]]]]],
            "closed_months": ["type": "array", "items": ["type": "string"]],
            "total_minutes": ["type": "array", "items": ["type": "integer"]],
        ])])
        let minutes: JSONValue = ["type": "array", "minItems": .int(7), "maxItems": .int(7), "items": ["type": "integer", "minimum": .int(0), "maximum": .int(1440)],
                                  "description": "Minutes worked Monday to Sunday"]
        func body(_ properties: [String: JSONValue], required: [String]) -> JSONValue {
            .object(["required": true, "content": .object(["application/json": .object(["schema": .object([
                "type": "object", "properties": .object(properties), "required": .array(required.map { .string($0) })])])])])
        }
        let weekFields: [String: JSONValue] = [
            "resource_id": ["type": "integer", "minimum": .int(1), "description": "The person (default: the caller's own resource)"],
            "week": ["type": "string", "format": "date", "description": "Any day of the week (its Monday is used)"],
        ]
        var rowsFields = weekFields
        rowsFields["rows"] = ["type": "array", "items": ["type": "object", "required": ["minutes"], "properties": [
            "line_id": ["type": "integer", "minimum": .int(1)], "project_id": ["type": "integer", "minimum": .int(1)],
            "activity_id": ["type": "integer", "minimum": .int(1)],
            "category": ["type": "string", "enum": .array(TimeCategory.allCases.map { .string($0.rawValue) })],
            "minutes": minutes]]]
        let pending: JSONValue = .object(["type": "object", "properties": .object([
            "lines": ["type": "array", "items": ["$ref": "#/components/schemas/TimesheetLine"]],
            "expenses": ["type": "array", "items": ["$ref": "#/components/schemas/Expense"]],
            "progress": ["type": "array", "items": ["type": "object", "properties": [
                "project_id": ["type": "integer"], "activity_id": ["type": "integer"], "planned_minutes": ["type": "integer"],
                "actual_minutes": ["type": "integer"], "remaining_minutes": ["type": "integer"],
                "percent_complete": ["type": "number"], "proposed_percent_complete": ["type": "number"]]]]])])
        let idParam = { (what: String) in OpenAPI.parameter("id", "path", "The \(what)'s id", type: "integer", required: true) }
        let format = OpenAPI.parameter("format", "query", "json (default), csv or xlsx")
        let asOf = OpenAPI.parameter("as_of", "query", "The status date, YYYY-MM-DD (default: the project's status date, or today)")
        let bad = OpenAPI.problemResponse("A parameter or the body does not read; the problem names it")
        let invalid = OpenAPI.problemResponse("A value is wrong; the problem names the field")
        let conflict = OpenAPI.problemResponse("Locked (submitted or approved), in a closed month, or nothing to do; the problem says which")
        let forbidden = OpenAPI.problemResponse("The caller may not do this (the reason is given)")
        let notFound = OpenAPI.problemResponse("No such record")
        func op(_ id: String, _ summary: String, _ responses: [String: JSONValue], parameters: [JSONValue] = [],
                body: JSONValue? = nil) -> JSONValue {
            var o: [String: JSONValue] = ["summary": .string(summary), "operationId": .string(id), "tags": ["money"],
                                          "responses": .object(responses)]
            if !parameters.isEmpty { o["parameters"] = .array(parameters) }
            if let body { o["requestBody"] = body }
            return .object(o)
        }
        return [
            "/api/v1/timesheets/week": .object([
                "get": op("timesheet_week", "A person's week: its lines, the activities they may book to with the plan's minutes, closed months",
                          ["200": OpenAPI.response("The week", week), "400": bad, "403": forbidden, "404": notFound, "422": invalid],
                          parameters: [OpenAPI.parameter("resource_id", "query", "The person (default: the caller's own resource)", type: "integer"),
                                       OpenAPI.parameter("week", "query", "Any day of the week, YYYY-MM-DD (default: today)")]),
                "put": op("timesheet_week_save", "Saves the week's open lines as given (rows with line_id change that line; open lines not given are removed)",
                          ["200": OpenAPI.response("The week", week), "400": bad, "403": forbidden, "404": notFound, "409": conflict,
                           "412": OpenAPI.problemResponse("A line changed meanwhile"), "422": invalid],
                          body: body(rowsFields, required: ["week", "rows"])),
            ]),
            "/api/v1/timesheets/week/submit": .object(["post": op(
                "timesheet_week_submit", "Submits the week's open lines: project lines wait for approval, non-project time is approved",
                ["200": OpenAPI.response("The week", week), "400": bad, "403": forbidden, "404": notFound, "409": conflict, "422": invalid],
                body: body(weekFields, required: ["week"]))]),
            "/api/v1/timesheets/week/prefill": .object(["post": op(
                "timesheet_week_prefill", "Adds a draft line with the plan's minutes for each assigned activity of the week that has none",
                ["200": OpenAPI.response("The week", week), "400": bad, "403": forbidden, "404": notFound, "409": conflict, "422": invalid],
                body: body(weekFields, required: ["week"]))]),
            "/api/v1/approvals": .object(["get": op(
                "approvals", "Submitted timesheet lines and expenses the caller may approve",
                ["200": OpenAPI.response("What waits", pending), "400": bad],
                parameters: [OpenAPI.parameter("project_id", "query", "Only this project's", type: "integer")])]),
            "/api/v1/approvals/decide": .object(["post": op(
                "approvals_decide", "Approves (pricing each line at the rates in force) or rejects with a reason, all in one transaction",
                ["200": OpenAPI.response("What still waits", pending), "400": bad, "403": forbidden, "404": notFound, "409": conflict,
                 "422": invalid],
                body: body([
                    "line_ids": ["type": "array", "items": ["type": "integer", "minimum": .int(1)]],
                    "expense_ids": ["type": "array", "items": ["type": "integer", "minimum": .int(1)]],
                    "decision": ["type": "string", "enum": ["approve", "reject"]],
                    "reason": ["type": "string", "description": "Required to reject"]], required: ["decision"]))]),
            "/api/v1/projects/{id}/evm": .object([
                "parameters": .array([idParam("project")]),
                "get": op("project_evm", "Earned value and earned schedule at the status date against the performance (or a chosen) baseline, per activity and for the project",
                          ["200": .object(["description": "The figures (JSON), or the sheet as CSV or Excel", "content": .object([
                              "application/json": .object(["schema": document]),
                              "text/csv": .object(["schema": ["type": "string"]]),
                              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": .object(["schema": ["type": "string", "format": "binary"]])])]),
                           "400": bad, "404": notFound, "422": invalid],
                          parameters: [asOf, OpenAPI.parameter("baseline_id", "query", "A baseline of the project (default: the performance baseline)", type: "integer"), format]),
            ]),
            "/api/v1/projects/{id}/evm/snapshot": .object([
                "parameters": .array([idParam("project")]),
                "post": op("project_evm_snapshot", "Keeps the project's earned value at the status date (the S-curve's EV history)",
                           ["201": OpenAPI.response("The snapshot", ["$ref": "#/components/schemas/ProgressSnapshot"]), "400": bad,
                            "403": forbidden, "404": notFound, "409": conflict, "422": invalid]),
            ]),
            "/api/v1/projects/{id}/money": .object([
                "parameters": .array([idParam("project")]),
                "get": op("project_money", "Budget (original and current), funding and approved spend by month",
                          ["200": .object(["description": "By month (JSON), or as CSV or Excel", "content": .object([
                              "application/json": .object(["schema": .object(["type": "object", "properties": .object([
                                  "project_id": ["type": "integer"], "currency": ["type": "string"], "budget_original": amount,
                                  "budget_current": amount, "funding": amount, "spent": amount, "pending_expenses": amount,
                                  "months": .object(["type": "array", "items": .object(["type": "object", "properties": .object([
                                      "month": ["type": "string"], "original": amount, "current": amount, "funded_to_date": amount,
                                      "spent": amount])])])])])]),
                              "text/csv": .object(["schema": ["type": "string"]]),
                              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": .object(["schema": ["type": "string", "format": "binary"]])])]),
                           "400": bad, "404": notFound],
                          parameters: [format]),
            ]),
            "/api/v1/portfolios/{id}/evm": .object([
                "parameters": .array([idParam("portfolio")]),
                "get": op("portfolio_evm", "Each project's earned value and the roll-up in the portfolio's reporting currency (a missing exchange rate is named in problem)",
                          ["200": .object(["description": "The roll-up (JSON), or as CSV or Excel", "content": .object([
                              "application/json": .object(["schema": .object(["type": "object", "properties": .object([
                                  "portfolio_id": ["type": "integer"], "program_id": ["type": ["integer", "null"]],
                                  "currency": ["type": "string"], "status_date": ["type": "string", "format": "date"],
                                  "figures": .object(["oneOf": .array([figures, ["type": "null"]])]),
                                  "problem": ["type": ["string", "null"]], "budget": maybeAmount, "funding": maybeAmount,
                                  "spent": maybeAmount, "projects": .object(["type": "array", "items": document])])])]),
                              "text/csv": .object(["schema": ["type": "string"]]),
                              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": .object(["schema": ["type": "string", "format": "binary"]])])]),
                           "400": bad, "404": notFound, "422": invalid],
                          parameters: [asOf, OpenAPI.parameter("program_id", "query", "Only this program's projects", type: "integer"), format]),
            ]),
        ]
    }
}
