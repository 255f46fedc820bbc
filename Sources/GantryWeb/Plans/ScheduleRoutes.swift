import GantryModel
import GantryServices
import Hummingbird
import NIOCore

/// Scheduling a project over the API: compute and store the critical path, preview and apply leveling, run the
/// Monte Carlo risk analysis, read the stored schedule.
struct ScheduleRoutes: Sendable {
    let backend: Backend

    func register(on api: RouterGroup<GantryContext>) {
        let scheduling = backend.scheduling
        api.get("projects/:id/schedule") { _, context in
            let id = Project.ID(try APIRoutes.id(context))
            guard let doc = try await scheduling.stored(id, try context.caller()) else {
                throw ServiceError(.notFound, "project \(id) has not been scheduled yet; POST /api/v1/projects/\(id)/schedule computes it")
            }
            return try Wire.response(doc)
        }
        api.post("projects/:id/schedule") { _, context in
            let id = Project.ID(try APIRoutes.id(context))
            return try Wire.response(try await scheduling.schedule(id, try context.caller()))
        }
        api.post("projects/:id/level") { _, context in
            let id = Project.ID(try APIRoutes.id(context))
            return try Wire.response(try await scheduling.levelPreview(id, try context.caller()), status: .created)
        }
        api.post("projects/:id/level/apply") { request, context in
            let id = Project.ID(try APIRoutes.id(context))
            let body = try await Wire.object(from: request, context: context)
            guard case .int(let preview)? = body["preview_id"], preview > 0 else {
                throw ServiceError.invalid([FieldProblem(field: "preview_id", message: "preview_id: the id of a preview from POST .../level (a positive integer)")])
            }
            return try Wire.response(try await scheduling.applyLeveling(id, preview: preview, try context.caller()))
        }
        api.delete("projects/:id/level") { _, context in
            let id = Project.ID(try APIRoutes.id(context))
            return try Wire.response(try await scheduling.clearLeveling(id, try context.caller()))
        }
        api.post("projects/:id/risk") { request, context in
            let id = Project.ID(try APIRoutes.id(context))
            var body: [String: JSONValue] = [:]
            if let length = request.headers[.contentLength], length != "0" {
                body = try await Wire.object(from: request, context: context)
            }
            var problems: [FieldProblem] = []
            func integer(_ key: String) -> Int64? {
                switch body[key] {
                case nil, .null?: return nil
                case .int(let n)?: return n
                default:
                    problems.append(FieldProblem(field: key, message: "\(key) must be an integer"))
                    return nil
                }
            }
            let iterations = integer("iterations")
            let seed = integer("seed") ?? 1
            var triangular = false
            switch body["distribution"] {
            case nil, .null?, .string("pert")?: break
            case .string("triangular")?: triangular = true
            default: problems.append(FieldProblem(field: "distribution", message: "distribution is 'pert' or 'triangular'"))
            }
            if !problems.isEmpty { throw ServiceError.invalid(problems) }
            let count = iterations.map { Int(clamping: $0) }
            return try Wire.response(try await scheduling.risk(
                id, iterations: count, seed: UInt64(bitPattern: seed), triangular: triangular, try context.caller()))
        }
    }

    /// The paths above for the OpenAPI document.
    static func openAPIPaths() -> [String: JSONValue] {
        let idParameter = OpenAPI.parameter("id", "path", "The project's id", type: "integer", required: true)
        let row: JSONValue = .object(["type": "object", "properties": .object([
            "activity_id": ["type": "integer"], "code": ["type": "string"], "name": ["type": "string"],
            "early_start": ["type": "string"], "early_finish": ["type": "string"], "late_start": ["type": "string"],
            "late_finish": ["type": "string"], "total_float_minutes": ["type": "integer"],
            "free_float_minutes": ["type": "integer"], "total_float_days": ["type": "number"],
            "critical": ["type": "boolean"], "starts_because": ["type": "string"],
        ])])
        let schedule: JSONValue = .object(["type": "object", "properties": .object([
            "project_id": ["type": "integer"], "revision": ["type": "integer"], "computed_at": ["type": "string"],
            "project_start": ["type": "string"], "project_finish": ["type": "string"],
            "duration_days": ["type": "number"], "current": ["type": "boolean"],
            "critical_path": .object(["type": "array", "items": ["type": "integer"]]),
            "activities": .object(["type": "array", "items": row]),
            "diagnostics": .object(["type": "array", "items": .object(["type": "object", "properties": .object([
                "code": ["type": "string"], "severity": ["type": "string"], "message": ["type": "string"],
                "activity_ids": .object(["type": "array", "items": ["type": "integer"]]),
            ])])]),
        ]), "required": ["project_id", "revision", "critical_path", "activities", "diagnostics"]])
        let preview: JSONValue = .object(["type": "object", "properties": .object([
            "preview_id": ["type": "integer"], "revision": ["type": "integer"],
            "duration_days_before": ["type": "integer"], "duration_days_after": ["type": "integer"],
            "schedules_generated": ["type": "integer"],
            "moves": .object(["type": "array", "items": .object(["type": "object", "properties": .object([
                "activity_id": ["type": "integer"], "from": ["type": "string"], "to": ["type": "string"],
                "delay_days": ["type": "integer"], "reasons": .object(["type": "array", "items": ["type": "string"]]),
            ])])]),
            "notes": .object(["type": "array", "items": ["type": "string"]]),
        ]), "required": ["preview_id", "moves"]])
        let risk: JSONValue = .object(["type": "object", "properties": .object([
            "iterations": ["type": "integer"], "seed": ["type": "integer"], "shape": ["type": "string"],
            "deterministic_days": ["type": "number"], "mean_days": ["type": "number"], "p50_days": ["type": "number"],
            "p80_days": ["type": "number"], "p90_days": ["type": "number"], "p50_finish": ["type": "string"],
            "p80_finish": ["type": "string"], "p90_finish": ["type": "string"],
            "histogram": .object(["type": "array", "items": .object(["type": "object"])]),
            "criticality": .object(["type": "array", "items": .object(["type": "object"])]),
        ]), "required": ["p50_days", "p80_days", "p90_days", "histogram", "criticality"]])
        func op(_ summary: String, _ id: String, _ responses: [String: JSONValue], body: JSONValue? = nil) -> JSONValue {
            var o: [String: JSONValue] = ["summary": .string(summary), "operationId": .string(id), "tags": ["scheduling"],
                                          "responses": .object(responses)]
            if let body { o["requestBody"] = body }
            return .object(o)
        }
        let notFound = OpenAPI.problemResponse("No such project")
        let cycle = OpenAPI.problemResponse("The dependencies form a cycle, named in the detail; nothing changed")
        let invalid = OpenAPI.problemResponse("A field is wrong; the problem names it")
        return [
            "/api/v1/projects/{id}/schedule": .object([
                "parameters": .array([idParameter]),
                "get": op("The project's last computed schedule: dates, floats, drivers, critical path, diagnostics; `current` says whether the project changed since",
                          "get_schedule", ["200": OpenAPI.response("The stored schedule", schedule),
                                           "404": OpenAPI.problemResponse("No such project, or never scheduled")]),
                "post": op("Recompute the critical path and store it with the activities' planned dates, in one transaction",
                           "schedule_project", ["200": OpenAPI.response("The new schedule", schedule), "404": notFound,
                                                "409": cycle, "422": invalid]),
            ]),
            "/api/v1/projects/{id}/level": .object([
                "parameters": .array([idParameter]),
                "post": op("Preview resource leveling: which activities would move, by how much and why. Nothing changes until applied",
                           "level_preview", ["201": OpenAPI.response("The preview", preview), "404": notFound,
                                             "409": cycle, "422": invalid]),
                "delete": op("Clear leveling: remove every leveled start and reschedule", "level_clear",
                             ["200": OpenAPI.response("The new schedule", schedule), "404": notFound, "409": cycle,
                              "422": invalid]),
            ]),
            "/api/v1/projects/{id}/level/apply": .object([
                "parameters": .array([idParameter]),
                "post": op("Apply a leveling preview and reschedule; 409 when the project changed after the preview",
                           "level_apply", ["200": OpenAPI.response("The new schedule", schedule),
                                           "404": OpenAPI.problemResponse("No such project or preview"),
                                           "409": OpenAPI.problemResponse("The project changed since the preview, or a cycle"),
                                           "422": invalid],
                           body: .object(["required": true, "content": .object(["application/json": .object(["schema": .object([
                               "type": "object", "required": ["preview_id"],
                               "properties": .object(["preview_id": .object(["type": "integer", "minimum": .int(1)])]),
                           ])])])])),
            ]),
            "/api/v1/projects/{id}/risk": .object([
                "parameters": .array([idParameter]),
                "post": op("Monte Carlo schedule risk from the activities' optimistic and pessimistic durations: P50/P80/P90, histogram, criticality index",
                           "risk", ["200": OpenAPI.response("The analysis", risk), "404": notFound, "409": cycle,
                                    "422": invalid],
                           body: .object(["required": false, "content": .object(["application/json": .object(["schema": .object([
                               "type": "object",
                               "properties": .object([
                                   "iterations": .object(["type": "integer", "minimum": .int(100), "maximum": .int(100_000),
                                                           "description": "default 10,000; at most 6,000,000 / (activities + links) of the project"]),
                                   "seed": ["type": "integer"],
                                   "distribution": ["type": "string", "enum": ["pert", "triangular"]],
                               ]),
                           ])])])])),
            ]),
        ]
    }
}
