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
