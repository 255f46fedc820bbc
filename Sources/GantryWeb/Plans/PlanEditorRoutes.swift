import Foundation
import GantryModel
import GantryServices
import Hummingbird
import NIOCore

/// The plan editor over the API: the grid of a project, one request per committed cell (with the row's version
/// in `If-Match`), rows added, pasted and moved in the outline, progress as of a status date, an activity's
/// history and undo. Every answer that changes the plan is a `PlanChange` with the rows whose shown values moved.
struct PlanEditorRoutes: Sendable {
    let backend: Backend

    func register(on api: RouterGroup<GantryContext>) {
        let plans = backend.plans
        api.get("projects/:id/grid") { _, context in
            try Wire.response(try await plans.grid(Project.ID(try APIRoutes.id(context)), try context.caller()))
        }
        api.post("projects/:id/grid/rows") { request, context in
            let id = Project.ID(try APIRoutes.id(context))
            let body = try await Wire.object(from: request, context: context)
            let cells = try Self.cells(body["cells"], required: false)
            let near = try Self.optionalId(body["near"], "near")
            let below = try Self.bool(body["below"], "below") ?? false
            let change = try await plans.insert(into: id, near: near.map { Activity.ID($0) }, below: below, cells: cells,
                                                try context.caller())
            return try Wire.response(change, status: .created)
        }
        api.post("projects/:id/grid/paste") { request, context in
            let id = Project.ID(try APIRoutes.id(context))
            let body = try await Wire.object(from: request, context: context)
            guard case .string(let text)? = body["text"] else {
                throw ServiceError.invalid(field: "text", "text: the pasted rows as tab-separated text (a string)")
            }
            var columns: [String]? = nil
            switch body["columns"] {
            case nil, .null?: break
            case .array(let items)?:
                columns = try items.enumerated().map { i, v in
                    guard case .string(let s) = v else { throw ServiceError.invalid(field: "columns[\(i)]", "each column is a name, like \"duration\"") }
                    return s
                }
            default: throw ServiceError.invalid(field: "columns", "columns: a list of column names, like [\"name\", \"duration\"]")
            }
            let from = try Self.optionalId(body["from_row"], "from_row")
            return try Wire.response(try await plans.paste(into: id, text: text, columns: columns, fromRow: from.map { Int($0) },
                                                           try context.caller()))
        }
        api.post("projects/:id/grid/undo") { _, context in
            try Wire.response(try await plans.undo(Project.ID(try APIRoutes.id(context)), try context.caller()))
        }
        api.post("projects/:id/progress") { request, context in
            let id = Project.ID(try APIRoutes.id(context))
            var body: [String: JSONValue] = [:]
            if let length = request.headers[.contentLength], length != "0" { body = try await Wire.object(from: request, context: context) }
            var date: CalendarDate? = nil
            switch body["status_date"] {
            case nil, .null?: break
            case .string(let s)?:
                guard let d = CalendarDate(iso: s) else { throw ServiceError.invalid(field: "status_date", "'\(s)' is not a date like 2026-03-05") }
                date = d
            default: throw ServiceError.invalid(field: "status_date", "status_date: a date like 2026-03-05")
            }
            return try Wire.response(try await plans.updateProgress(id, statusDate: date, try context.caller()))
        }
        api.patch("activities/:id/cells") { request, context in
            let id = Activity.ID(try APIRoutes.id(context))
            let body = try await Wire.object(from: request, context: context)
            let cells = try Self.cells(body["cells"], required: true)
            do {
                return try Wire.response(try await plans.edit(id, cells: cells, ifVersion: try APIRoutes.ifMatch(request),
                                                              try context.caller()))
            } catch let conflict as PlanConflict {
                return try Self.conflictResponse(conflict, instance: request.uri.path, requestId: context.id)
            }
        }
        api.post("activities/:id/outline") { request, context in
            let id = Activity.ID(try APIRoutes.id(context))
            let body = try await Wire.object(from: request, context: context)
            guard case .string(let raw)? = body["action"], let action = PlanEditor.OutlineAction(rawValue: raw) else {
                throw ServiceError.invalid(field: "action", "action: one of \(PlanEditor.OutlineAction.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let confirm = try Self.bool(body["confirm"], "confirm") ?? false
            return try Wire.response(try await plans.outline(id, action, confirm: confirm, try context.caller()))
        }
        api.get("activities/:id/history") { _, context in
            let items = try await plans.history(Activity.ID(try APIRoutes.id(context)), try context.caller())
            return try Wire.response(HistoryDocument(items: items))
        }
        api.get("me/work") { _, context in
            try Wire.response(try await plans.myWork(try context.caller()))
        }
        api.post("activities/:id/progress") { request, context in
            let id = Activity.ID(try APIRoutes.id(context))
            let body = try await Wire.object(from: request, context: context)
            var cells: [String: String] = [:]
            for (k, v) in body {
                switch v {
                case .string(let s): cells[k] = s
                case .int(let n): cells[k] = String(n)
                case .double(let d): cells[k] = String(d)
                case .null: cells[k] = ""
                default: throw ServiceError.invalid(field: k, "\(k): a text value such as \"40%\" or \"2026-03-05\"")
                }
            }
            do {
                return try Wire.response(try await plans.recordProgress(id, cells: cells, ifVersion: try APIRoutes.ifMatch(request),
                                                                        try context.caller()))
            } catch let conflict as PlanConflict {
                return try Self.conflictResponse(conflict, instance: request.uri.path, requestId: context.id)
            }
        }
    }

    struct HistoryDocument: Encodable { var items: [PlanEditor.HistoryEntry] }

    /// A 412 problem that carries the row as it is now, who changed it and when, and the refused cells.
    struct ConflictProblem: Encodable {
        var type = Problem.typeBase + "version-mismatch"
        var title = "Precondition Failed"
        var status = 412
        var detail: String
        var instance: String?
        var requestId: String?
        var current: PlanRow?
        var yours: [String: String]
        var changedBy: String
        var changedAt: Timestamp
    }

    static func conflictResponse(_ c: PlanConflict, instance: String?, requestId: String) throws -> Response {
        let problem = ConflictProblem(detail: c.description, instance: instance, requestId: requestId, current: c.current,
                                      yours: c.yours, changedBy: c.changedBy, changedAt: c.changedAt)
        var response = try Wire.response(problem, status: .preconditionFailed)
        response.headers[.contentType] = "application/problem+json"
        if let v = c.current?.version { response.headers[.eTag] = APIRoutes.etag(v) }
        return response
    }

    /// `{"name": "Design", "duration": "5d"}`: each cell as text (numbers are taken as their text).
    static func cells(_ value: JSONValue?, required: Bool) throws -> [String: String] {
        switch value {
        case nil, .null?:
            if required { throw ServiceError.invalid(field: "cells", "cells: an object of column → text, like {\"duration\": \"5d\"}") }
            return [:]
        case .object(let o)?:
            var out: [String: String] = [:]
            for (k, v) in o {
                switch v {
                case .string(let s): out[k] = s
                case .int(let n): out[k] = String(n)
                case .double(let d): out[k] = String(d)
                case .null: out[k] = ""
                default: throw ServiceError.invalid(field: "cells.\(k)", "cells.\(k): the cell's text, a string")
                }
            }
            if required && out.isEmpty { throw ServiceError.invalid(field: "cells", "cells is empty: name at least one column to change") }
            return out
        default:
            throw ServiceError.invalid(field: "cells", "cells: an object of column → text, like {\"duration\": \"5d\"}")
        }
    }

    static func optionalId(_ value: JSONValue?, _ field: String) throws -> Int64? {
        switch value {
        case nil, .null?: return nil
        case .int(let n)? where n > 0: return n
        default: throw ServiceError.invalid(field: field, "\(field): a positive integer")
        }
    }

    static func bool(_ value: JSONValue?, _ field: String) throws -> Bool? {
        switch value {
        case nil, .null?: return nil
        case .bool(let b)?: return b
        default: throw ServiceError.invalid(field: field, "\(field): true or false")
        }
    }
}

extension PlanEditorRoutes {
    static func openAPIPaths() -> [String: JSONValue] {
        let projectId = OpenAPI.parameter("id", "path", "The project's id", type: "integer", required: true)
        let activityId = OpenAPI.parameter("id", "path", "The activity's id", type: "integer", required: true)
        let text: JSONValue = ["type": "string"]
        let dateTime: JSONValue = .object(["type": .array(["string", "null"]), "description": "a local date-time, yyyy-MM-ddTHH:mm"])
        let row: JSONValue = .object(["type": "object", "properties": .object([
            "activity_id": ["type": "integer"], "version": ["type": "integer"], "row": ["type": "integer"],
            "code": text, "name": text, "kind": .object(["type": "string", "enum": .array(ActivityKind.allCases.map { .string($0.rawValue) })]),
            "depth": ["type": "integer"], "parent_id": .object(["type": .array(["integer", "null"])]), "duration": text,
            "start": dateTime, "finish": dateTime, "predecessors": text, "constraint_type": text, "constraint_date": dateTime,
            "deadline": dateTime, "resources": text, "percent_complete": ["type": "number"], "actual_start": dateTime,
            "actual_finish": dateTime, "notes": text, "critical": ["type": "boolean"],
            "total_float_days": .object(["type": .array(["number", "null"])]), "manually_scheduled": ["type": "boolean"],
            "last_changed_at": text,
            "activity_type": .object(["type": "string", "enum": ["task", "start_milestone", "finish_milestone", "level_of_effort", "wbs_summary", "summary"]]),
            "soft_constraint": ["type": "boolean"], "secondary_constraint_type": text, "secondary_constraint_date": dateTime,
            "expected_finish": dateTime, "suspend_date": dateTime, "resume_date": dateTime,
            "external_early_start": dateTime, "external_late_finish": dateTime,
            "currency": .object(["type": "string", "pattern": "^[A-Z]{3}$", "description": "the project's currency (ISO 4217), what fixed_cost_minor counts in"]),
            "fixed_cost_minor": .object(["type": "integer", "format": "int64", "minimum": .int(0),
                                         "description": "the activity's fixed cost in minor units of currency (cents for EUR)"]),
            "physical_percent_complete": .object(["type": .array(["number", "null"]), "minimum": .int(0), "maximum": .int(100),
                                                  "description": "physical % complete; earned value uses it instead of percent_complete when set"]),
        ]), "required": ["activity_id", "version", "row", "name", "kind", "duration", "predecessors", "resources", "currency", "fixed_cost_minor"]])
        let grid: JSONValue = .object(["type": "object", "properties": .object([
            "project_id": ["type": "integer"], "project_version": ["type": "integer"], "project_code": text,
            "revision": ["type": "integer"], "project_start": dateTime, "project_finish": dateTime,
            "status_date": .object(["type": .array(["string", "null"]), "format": "date"]),
            "critical_path": .object(["type": "array", "items": ["type": "integer"]]),
            "rows": .object(["type": "array", "items": row]),
            "diagnostics": .object(["type": "array", "items": text]),
            "links": .object(["type": "array", "items": .object(["type": "object", "properties": .object([
                "dependency_id": ["type": "integer"], "version": ["type": "integer"], "predecessor_id": ["type": "integer"],
                "successor_id": ["type": "integer"], "type": text, "lag": text,
            ])])]),
        ]), "required": ["project_id", "rows", "links", "critical_path"]])
        let change: JSONValue = .object(["type": "object", "properties": .object([
            "rows": .object(["type": "array", "items": row, "description": "every row whose own values changed (the edited ones), whole"]),
            "moved": .object(["type": "array", "description": "every other row the edit rescheduled: its new dates, float, critical flag, span (a summary's duration) and version",
                              "items": .object(["type": "object", "properties": .object([
                                  "activity_id": ["type": "integer"], "version": ["type": "integer"], "start": dateTime, "finish": dateTime,
                                  "duration": text, "critical": ["type": "boolean"],
                                  "total_float_days": .object(["type": .array(["number", "null"])]), "last_changed_at": text,
                              ]), "required": ["activity_id", "version", "duration", "critical", "last_changed_at"]])]),
            "removed": .object(["type": "array", "items": ["type": "integer"]]),
            "structure_changed": .object(["type": "boolean", "description": "rows were added, removed, reordered or moved in the outline: read the grid again"]),
            "project_finish": dateTime, "revision": ["type": "integer"],
            "messages": .object(["type": "array", "items": text]),
            "created": .object(["type": "array", "items": ["type": "integer"]]),
        ]), "required": ["rows", "moved", "removed", "structure_changed", "messages", "created"]])
        let cells: JSONValue = .object(["type": "object", "description": "column → the cell's text as typed: name, duration (5d, 3.5h, 2w, 3ed), start, finish (a date sets SNET/FNET), predecessors (3FS+2d, 5SS-1d by row or code), constraint_type, constraint_date, deadline, resources (Dana[50%], Developer), percent_complete, physical_percent_complete (0–100; empty clears it, and earned value goes back to percent_complete), fixed_cost (an amount in the project's currency: 1250, 1250.5, 1,250.50; no more decimals than the currency has; not on a summary), remaining, actual_start, actual_finish, notes, code",
                                        "propertyNames": .object(["enum": .array(PlanEditor.columns.map { .string($0) })]),
                                        "additionalProperties": ["type": "string"]])
        func problemJSON(_ description: String, _ schema: JSONValue) -> JSONValue {
            .object(["description": .string(description), "content": .object(["application/problem+json": .object(["schema": schema])])])
        }
        func body(_ properties: [String: JSONValue], required: [String] = []) -> JSONValue {
            .object(["required": true, "content": .object(["application/json": .object(["schema": .object([
                "type": "object", "properties": .object(properties), "required": .array(required.map { .string($0) }),
            ])])])])
        }
        func op(_ summary: String, _ id: String, _ responses: [String: JSONValue], body: JSONValue? = nil) -> JSONValue {
            var o: [String: JSONValue] = ["summary": .string(summary), "operationId": .string(id), "tags": ["plan editor"],
                                          "responses": .object(responses)]
            if let body { o["requestBody"] = body }
            return .object(o)
        }
        let invalid = OpenAPI.problemResponse("A cell is wrong; the problem names the column and the text; nothing changed")
        let conflict = OpenAPI.problemResponse("A cycle (named), a summary's delete that needs confirm, or a row that cannot move; nothing changed")
        let notFound = OpenAPI.problemResponse("No such project or activity")
        let forbidden = OpenAPI.problemResponse("The caller may not change this plan")
        let stale = problemJSON("The row changed since it was read: `current` (the row now), `changed_by`, `changed_at` and `yours` (the refused cells)",
                                     .object(["type": "object", "properties": .object([
                                        "detail": text, "current": row, "changed_by": text, "changed_at": text,
                                        "yours": .object(["type": "object", "additionalProperties": ["type": "string"]]),
                                     ])]))
        let writes: [String: JSONValue] = ["200": OpenAPI.response("What changed", change), "403": forbidden, "404": notFound,
                                           "409": conflict, "422": invalid]
        return [
            "/api/v1/projects/{id}/grid": .object(["parameters": .array([projectId]),
                "get": op("The plan editor's grid: rows in WBS order with cells as typed and the dates computed now", "plan_grid",
                          ["200": OpenAPI.response("The grid", grid), "404": notFound])]),
            "/api/v1/projects/{id}/grid/rows": .object(["parameters": .array([projectId]),
                "post": op("Add a row above or below another (near, below) or at the end, with its cells; rescheduled at once", "plan_insert_row",
                           ["201": OpenAPI.response("What changed; `created` has the new row", change), "403": forbidden, "404": notFound,
                            "409": conflict, "422": invalid],
                           body: body(["near": .object(["type": .array(["integer", "null"]), "minimum": .int(1)]), "below": ["type": "boolean"], "cells": cells]))]),
            "/api/v1/projects/{id}/grid/paste": .object(["parameters": .array([projectId]),
                "post": op("Paste tab-separated rows into the given columns from a row on (updating rows that exist, adding the rest), in one transaction", "plan_paste",
                           writes, body: body(["text": text, "columns": .object(["type": "array", "items": text]),
                                               "from_row": .object(["type": .array(["integer", "null"]), "minimum": .int(1)])], required: ["text"]))]),
            "/api/v1/projects/{id}/grid/undo": .object(["parameters": .array([projectId]),
                "post": op("Undo the caller's last change to this plan, as a new audited change", "plan_undo", writes)]),
            "/api/v1/projects/{id}/progress": .object(["parameters": .array([projectId]),
                "post": op("Update progress as of the status date (MS Project's Update Project): past work done, work under way started", "plan_update_progress",
                           writes, body: body(["status_date": .object(["type": .array(["string", "null"]), "format": "date"])]))]),
            "/api/v1/activities/{id}/cells": .object(["parameters": .array([activityId, OpenAPI.parameter("If-Match", "header", "The row's version as read, like \"3\"")]),
                "patch": op("Commit typed cells of one row; the project is rescheduled and every changed row comes back", "plan_edit_cells",
                            writes.merging(["412": stale], uniquingKeysWith: { a, _ in a }), body: body(["cells": cells], required: ["cells"]))]),
            "/api/v1/activities/{id}/outline": .object(["parameters": .array([activityId]),
                "post": op("Indent, outdent, move up or down, or delete a row (a summary's delete needs confirm: true)", "plan_outline",
                           writes, body: body(["action": .object(["type": "string", "enum": .array(PlanEditor.OutlineAction.allCases.map { .string($0.rawValue) })]),
                                               "confirm": ["type": "boolean"]], required: ["action"]))]),
            "/api/v1/activities/{id}/history": .object(["parameters": .array([activityId]),
                "get": op("The activity's changes from the audit trail, newest first, with the fields each changed", "activity_history",
                          ["200": OpenAPI.response("The history", .object(["type": "object", "properties": .object([
                              "items": .object(["type": "array", "items": .object(["type": "object", "properties": .object([
                                  "at": text, "who": text, "action": text, "kind": text, "summary": text,
                                  "changes": .object(["type": "array", "items": .object(["type": "object", "properties": .object([
                                      "field": text, "before": text, "after": text])])]),
                              ])])]),
                          ])])), "404": notFound])]),
            "/api/v1/activities/{id}/progress": .object(["parameters": .array([activityId]),
                "post": op("Record progress on an activity the caller is assigned to (percent_complete, remaining, actual_start, actual_finish)", "record_progress",
                           writes.merging(["412": stale], uniquingKeysWith: { a, _ in a }),
                           body: body(["percent_complete": text, "remaining": text, "actual_start": text, "actual_finish": text]))]),
            "/api/v1/me/work": .object([
                "get": op("The caller's assigned activities across projects: late, this week, next week, later, done", "my_work",
                          ["200": OpenAPI.response("My work", .object(["type": "object", "properties": .object([
                              "today": text, "week_start": text, "resources": .object(["type": "array", "items": text]),
                              "items": .object(["type": "array", "items": .object(["type": "object"])]),
                          ])]))])]),
        ]
    }
}
