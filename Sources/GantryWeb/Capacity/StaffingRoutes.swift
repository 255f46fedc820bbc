import GantryModel
import GantryPortfolio
import GantryServices
import Hummingbird

/// Staffing suggestions and "when can we start?" over the API (issue #14): who could take a generic assignment or
/// a role allocation (ranked and explained), staffing it with one of them, and the earliest start of an intake
/// request.
struct StaffingRoutes: Sendable {
    let backend: Backend

    func register(on api: RouterGroup<GantryContext>) {
        let backend = self.backend
        api.get("capacity/staffing/assignments/:id") { _, context in
            let view = try await backend.capacity.staffing(assignment: Assignment.ID(try APIRoutes.id(context)), try context.caller())
            return try Wire.response(StaffingDocument(view))
        }
        api.post("capacity/staffing/assignments/:id/staff") { request, context in
            let caller = try context.caller()
            let person = try await Self.resourceId(request, context)
            let saved = try await backend.capacity.staff(assignment: Assignment.ID(try APIRoutes.id(context)), with: person, caller)
            return try Wire.response(saved)
        }
        api.get("capacity/staffing/allocations/:id") { _, context in
            let view = try await backend.capacity.staffing(allocation: ProjectAllocation.ID(try APIRoutes.id(context)), try context.caller())
            return try Wire.response(StaffingDocument(view))
        }
        api.post("capacity/staffing/allocations/:id/staff") { request, context in
            let caller = try context.caller()
            let person = try await Self.resourceId(request, context)
            let saved = try await backend.capacity.staff(allocation: ProjectAllocation.ID(try APIRoutes.id(context)), with: person, caller)
            return try Wire.response(saved)
        }
        api.get("projects/:id/start") { _, context in
            let view = try await backend.capacity.whenCanWeStart(project: Project.ID(try APIRoutes.id(context)), try context.caller())
            return try Wire.response(ProjectStartDocument(view))
        }
        api.get("requests/:id/start") { _, context in
            let view = try await backend.capacity.whenCanWeStart(request: IntakeRequest.ID(try APIRoutes.id(context)), try context.caller())
            return try Wire.response(StartDocument(view))
        }
    }

    /// `{"resource_id": n}`.
    static func resourceId(_ request: Request, _ context: GantryContext) async throws -> Resource.ID {
        let body = try await Wire.object(from: request, context: context)
        guard case .int(let id)? = body["resource_id"], id > 0 else {
            throw ServiceError(.badRequest, "resource_id: the person's id is needed, like {\"resource_id\": 7}",
                               problems: [FieldProblem(field: "resource_id", message: "a positive integer is needed")])
        }
        return Resource.ID(id)
    }

    static func openAPIPaths() -> [String: JSONValue] {
        let hours: JSONValue = ["type": "number"]
        let date: JSONValue = ["type": "string", "format": "date"]
        let suggestion: JSONValue = .object(["type": "object", "properties": .object([
            "rank": ["type": "integer"], "resource_id": ["type": "integer"], "name": ["type": "string"], "role": ["type": "string"],
            "skills": .object(["type": "array", "items": .object(["type": "object", "properties": .object([
                "skill": ["type": "string"], "required": ["type": "integer"], "has": ["type": ["integer", "null"]], "met": ["type": "boolean"],
            ])])]),
            "meets_skills": ["type": "boolean"], "same_role": ["type": "boolean"], "free_hours": hours, "needed_hours": hours,
            "covers_need": ["type": "boolean"], "coverage_pct": hours,
            "rate_minor_per_hour": ["type": ["integer", "null"]], "currency": ["type": "string"], "explanation": ["type": "string"],
        ])])
        let staffing: JSONValue = .object(["type": "object", "properties": .object([
            "kind": ["type": "string", "enum": ["assignment", "allocation"]], "id": ["type": "integer"],
            "project_id": ["type": "integer"], "project_code": ["type": "string"],
            "activity_id": ["type": ["integer", "null"]], "activity_name": ["type": ["string", "null"]],
            "generic_resource_id": ["type": ["integer", "null"]], "generic_resource_name": ["type": ["string", "null"]],
            "role": ["type": "string"],
            "skills": .object(["type": "array", "items": .object(["type": "object", "properties": .object([
                "skill": ["type": "string"], "level": ["type": "integer"]])])]),
            "first": date, "last": date, "need_hours": hours, "need": ["type": "string"],
            "suggestions": .object(["type": "array", "items": suggestion]),
        ])])
        let start: JSONValue = .object(["type": "object", "properties": .object([
            "request_id": ["type": "integer"], "title": ["type": "string"],
            "earliest": date, "latest_start": date, "requested": ["type": ["string", "null"], "format": "date"],
            "start": ["type": ["string", "null"], "format": "date"], "summary": ["type": "string"],
            "roles": .object(["type": "array", "items": .object(["type": "object", "properties": .object([
                "role": ["type": "string"], "hours_per_week": hours, "weeks": ["type": "integer"]])])]),
            "attempts": .object(["type": "array", "items": .object(["type": "object", "properties": .object([
                "start": date, "binding_role": ["type": "string"], "week": date, "short_hours": hours, "sentence": ["type": "string"]])])]),
            "requested_start": .object(["type": ["object", "null"], "properties": .object([
                "date": date, "checkable": ["type": "boolean"], "fits": ["type": "boolean"], "sentence": ["type": "string"],
                "extras": .object(["type": "array", "items": .object(["type": "object", "properties": .object([
                    "role": ["type": "string"], "extra_hours_per_week": hours])])]),
            ])]),
        ])])
        let body: JSONValue = .object(["required": true, "content": .object(["application/json": .object(["schema": .object([
            "type": "object", "required": ["resource_id"], "additionalProperties": false,
            "properties": .object(["resource_id": .object(["type": "integer", "description": "The person to staff it with"])]),
        ])])])])
        let id = OpenAPI.parameter("id", "path", "The record's id", type: "integer", required: true)
        func suggestions(_ what: String, _ operation: String, _ refused: String) -> JSONValue {
            .object(["parameters": .array([id]), "get": .object([
                "summary": .string("Who could take this \(what): people ranked by skills met, closeness, free hours over its dates and cost rate, each explained"),
                "operationId": .string(operation), "tags": ["capacity"],
                "responses": .object(["200": OpenAPI.response("The need and the ranked people", staffing),
                                      "404": OpenAPI.problemResponse("No such \(what)"),
                                      "409": OpenAPI.problemResponse(refused),
                                      "422": OpenAPI.problemResponse("Its dates are missing or cannot be forecast")]),
            ])])
        }
        func staff(_ what: String, _ operation: String, _ refused: String, _ record: String) -> JSONValue {
            .object(["parameters": .array([id]), "post": .object([
                "summary": .string("Staff this \(what) with a person: one audited update"),
                "operationId": .string(operation), "tags": ["capacity"], "requestBody": body,
                "responses": .object(["200": OpenAPI.response("The \(what) as saved", ["$ref": .string("#/components/schemas/\(record)")]),
                                      "400": OpenAPI.problemResponse("resource_id is missing"),
                                      "403": OpenAPI.problemResponse("The caller may not change the project's schedule"),
                                      "404": OpenAPI.problemResponse("No such \(what)"),
                                      "409": OpenAPI.problemResponse(refused),
                                      "422": OpenAPI.problemResponse("The resource does not exist or is not a person")]),
            ])])
        }
        let notGeneric = "The assignment's resource is not a generic (role) resource"
        let notRole = "The allocation names a resource already, not a role"
        return [
            "/api/v1/capacity/staffing/assignments/{id}": suggestions("assignment", "staffing_assignment", notGeneric),
            "/api/v1/capacity/staffing/assignments/{id}/staff": staff("assignment", "staff_assignment", notGeneric,
                                                                      OpenAPI.schemaName(Assignment.self)),
            "/api/v1/capacity/staffing/allocations/{id}": suggestions("allocation", "staffing_allocation", notRole),
            "/api/v1/capacity/staffing/allocations/{id}/staff": staff("allocation", "staff_allocation", notRole,
                                                                      OpenAPI.schemaName(ProjectAllocation.self)),
            "/api/v1/requests/{id}/start": .object(["parameters": .array([id]), "get": .object([
                "summary": "When could this intake request start? The earliest Monday at which its role demand fits every role's remaining capacity week by week, the role that binds before then, and the extra hours a week per role that would let it start on the desired date",
                "operationId": "request_start", "tags": ["intake"],
                "responses": .object(["200": OpenAPI.response("The earliest start and why", start),
                                      "404": OpenAPI.problemResponse("No such request"),
                                      "422": OpenAPI.problemResponse("The request asks for no role")]),
            ])]),
            "/api/v1/projects/{id}/start": .object(["parameters": .array([id]), "get": .object([
                "summary": "When could this project, not started yet, start? Its own demand by role and week against what every other project leaves: the earliest Monday that fits, the role that binds before then, and what its planned start would need",
                "operationId": "project_start",
                "responses": .object(["200": OpenAPI.response("The earliest start and why", .object(["type": "object", "properties": .object([
                    "project_id": ["type": "integer"], "code": ["type": "string"], "planned": ["type": "string", "format": "date"],
                    "start": ["type": ["string", "null"], "format": "date"], "summary": ["type": "string"],
                    "attempts": ["type": "array", "items": ["type": "object"]]])])),
                                      "404": OpenAPI.problemResponse("No such open project"),
                                      "422": OpenAPI.problemResponse("The project asks for no work")]),
            ])]),
        ]
    }
}

/// "When could it start?" for a project, as JSON.
struct ProjectStartDocument: Encodable {
    var projectId: Int64
    var code: String
    var planned: String
    var start: String?
    var summary: String
    var attempts: [StartDocument.Attempt]
    var requestedStart: StartDocument.Requested?

    init(_ view: ProjectStartView) {
        let a = view.answer
        projectId = view.project.id.rawValue; code = view.project.code; planned = view.planned.description
        start = a.start?.description; summary = a.summary
        attempts = StartDocument.attempts(a)
        requestedStart = StartDocument.requested(a)
    }
}

/// A staffing view as JSON: the need and the ranked people with their explanation.
struct StaffingDocument: Encodable {
    struct Skill: Encodable { var skill: String; var required: Int; var has: Int?; var met: Bool }
    struct Needed: Encodable { var skill: String; var level: Int }
    struct Suggestion: Encodable {
        var rank: Int
        var resourceId: Int64
        var name: String
        var role: String
        var skills: [Skill]
        var meetsSkills: Bool
        var sameRole: Bool
        var freeHours: Double
        var neededHours: Double
        var coversNeed: Bool
        var coveragePct: Double
        var rateMinorPerHour: Int64?
        var currency: String
        var explanation: String
    }

    var kind: String
    var id: Int64
    var projectId: Int64
    var projectCode: String
    var activityId: Int64?
    var activityName: String?
    var genericResourceId: Int64?
    var genericResourceName: String?
    var role: String
    var skills: [Needed]
    var first: String
    var last: String
    var needHours: Double
    var need: String
    var suggestions: [Suggestion]

    init(_ view: StaffingView) {
        switch view.work {
        case .assignment(let a, let activity, let generic):
            kind = "assignment"; id = a.id.rawValue; activityId = activity.id.rawValue
            activityName = "\(activity.code) \(activity.name)"; genericResourceId = generic.id.rawValue
            genericResourceName = generic.name
        case .allocation(let al):
            kind = "allocation"; id = al.id.rawValue
        }
        projectId = view.project.id.rawValue; projectCode = view.project.code
        role = view.need.role ?? ""
        skills = view.need.skills.map { Needed(skill: $0.skill, level: $0.level) }
        first = view.need.first.description; last = view.need.last.description
        needHours = Self.tenth(view.needHours); need = view.needText
        suggestions = view.suggestions.map { s in
            let currency = view.people[s.resource]?.currency ?? ""
            return Suggestion(
                rank: s.rank, resourceId: s.resource.rawValue, name: s.name, role: s.role,
                skills: s.skills.map { Skill(skill: $0.skill, required: $0.required, has: $0.has, met: $0.isMet) },
                meetsSkills: s.meetsSkills, sameRole: s.sameRole, freeHours: Self.tenth(s.freeHours),
                neededHours: Self.tenth(s.neededHours), coversNeed: s.coversNeed, coveragePct: Self.tenth(s.coveragePercent),
                rateMinorPerHour: s.rateMinorPerHour, currency: currency,
                explanation: StaffingDocument.explanation(s, currency: currency))
        }
    }

    /// The suggestion's sentences and its rate as "85.00 EUR".
    static func explanation(_ s: StaffingSuggestion, currency: String) -> String {
        s.explanation { RateText.format($0, currency: currency) + " " + currency }
    }

    static func tenth(_ x: Double) -> Double { (x * 10).rounded() / 10 }
}

/// "When can we start?" as JSON.
struct StartDocument: Encodable {
    struct Role: Encodable { var role: String; var hoursPerWeek: Double; var weeks: Int }
    struct Attempt: Encodable { var start: String; var bindingRole: String; var week: String; var shortHours: Double; var sentence: String }
    struct Extra: Encodable { var role: String; var extraHoursPerWeek: Double }
    struct Requested: Encodable { var date: String; var checkable: Bool; var fits: Bool; var extras: [Extra]; var sentence: String }

    var requestId: Int64
    var title: String
    var earliest: String
    var latestStart: String
    var requested: String?
    var start: String?
    var summary: String
    var roles: [Role]
    var attempts: [Attempt]
    var requestedStart: Requested?

    init(_ view: StartView) {
        let a = view.answer
        requestId = view.request.id.rawValue; title = view.request.title
        earliest = view.earliest.description; latestStart = view.latestStart.description
        requested = view.requested?.description; start = a.start?.description; summary = a.summary
        roles = view.roles.map { Role(role: $0.role, hoursPerWeek: StaffingDocument.tenth($0.hoursPerWeek), weeks: $0.weeks) }
        attempts = Self.attempts(a)
        requestedStart = Self.requested(a)
    }

    static func attempts(_ a: EarliestStart) -> [Attempt] {
        a.attempts.map {
            Attempt(start: $0.start.description, bindingRole: $0.binding.role, week: $0.binding.week.description,
                    shortHours: StaffingDocument.tenth($0.binding.shortHours), sentence: $0.sentence)
        }
    }

    static func requested(_ a: EarliestStart) -> Requested? {
        a.requested.map { r in
            Requested(date: r.date.description, checkable: r.isCheckable, fits: r.fits,
                      extras: r.extras.map { Extra(role: $0.role, extraHoursPerWeek: StaffingDocument.tenth($0.extraHoursPerWeek)) },
                      sentence: r.sentence)
        }
    }
}
