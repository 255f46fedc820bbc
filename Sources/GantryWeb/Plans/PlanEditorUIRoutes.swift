import Foundation
import GantryModel
import GantryServices
import Hummingbird
import NIOCore

/// The plan editor in the browser: the grid page, its Gantt chart (also served alone so the script can redraw
/// it), and the forms that make every edit work without JavaScript. "My work" for team members.
struct PlanEditorUIRoutes: Sendable {
    let backend: Backend

    func register(on router: Router<GantryContext>) {
        let plans = backend.plans
        let backend = self.backend
        router.get("assets/plan.js") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "public, max-age=300"],
                     body: .init(byteBuffer: ByteBuffer(string: PlanScript.source)))
        }
        router.get("assets/plan.css") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=300"],
                     body: .init(byteBuffer: ByteBuffer(string: PlanStyles.css)))
        }
        router.get("projects/:id/plan") { request, context in
            let auth = try UIRoutes.signedIn(context)
            let id = Project.ID(try APIRoutes.id(context))
            let header = try await backend.views.projectHeader(id, auth.caller)
            let grid = try await plans.grid(id, auth.caller)
            let baseline = try await Self.baseline(id, backend, auth)
            let query = request.uri.queryParameters
            let window = PlanEditorPages.Window.of({ query.get($0) }, rows: grid.rows.count)
            return PlanEditorPages.editor(header, grid, gantt: Self.gantt(grid, baseline: baseline, window: window),
                                          message: query.get("msg"), window: window, baseline: baseline, auth: auth)
        }
        router.get("projects/:id/plan/gantt") { request, context in
            let auth = try UIRoutes.signedIn(context)
            let id = Project.ID(try APIRoutes.id(context))
            let grid = try await plans.grid(id, auth.caller)
            let baseline = try await Self.baseline(id, backend, auth)
            let query = request.uri.queryParameters
            let window = PlanEditorPages.Window.of({ query.get($0) }, rows: grid.rows.count)
            return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                            body: .init(byteBuffer: ByteBuffer(string: Self.gantt(grid, baseline: baseline, window: window))))
        }
        router.get("projects/:id/plan/activities/:aid") { _, context in
            let auth = try UIRoutes.signedIn(context)
            let (id, aid) = try Self.ids(context)
            let header = try await backend.views.projectHeader(id, auth.caller)
            let grid = try await plans.grid(id, auth.caller)
            guard let row = grid.row(aid) else { throw ServiceError(.notFound, "activity \(aid) is not in project \(header.project.code)") }
            let history = try await plans.history(aid, auth.caller)
            return PlanEditorPages.activityForm(header, grid, row, history: history, auth: auth)
        }
        router.post("projects/:id/plan/activities/:aid") { request, context in
            let (auth, form) = try await UIRoutes.postedForm(request, context)
            let (id, aid) = try Self.ids(context)
            var cells: [String: String] = [:]
            for key in PlanEditor.columns + ["actual_start", "actual_finish"] where form[key] != nil { cells[key] = form[key] }
            // A form sends every field: only what differs from the row as it stands is a change.
            let grid = try await plans.grid(id, auth.caller)
            guard let row = grid.row(aid) else { throw ServiceError(.notFound, "activity \(aid) is not in this project") }
            let changed = cells.filter { key, value in
                switch key {
                case "actual_start": return value != PlanEditorPages.moment(row.actualStart)
                case "actual_finish": return value != PlanEditorPages.moment(row.actualFinish, finish: true)
                default: return value != PlanEditorPages.cell(key, row).value
                }
            }
            if changed.isEmpty { return Self.back(id, aid, "nothing changed") }
            do {
                let change = try await plans.edit(aid, cells: changed, ifVersion: Int(form["version"] ?? ""), auth.caller)
                return Self.back(id, aid, (["saved row \(row.row)"] + change.messages).joined(separator: "; "))
            } catch let conflict as PlanConflict {
                let header = try await backend.views.projectHeader(id, auth.caller)
                let history = try await plans.history(aid, auth.caller)
                return PlanEditorPages.activityForm(header, grid, conflict.current ?? row, history: history, values: form,
                                                    conflict: conflict, auth: auth, status: .preconditionFailed)
            } catch let error as ServiceError where [.invalid, .conflict, .dependencyCycle].contains(error.code) {
                let header = try await backend.views.projectHeader(id, auth.caller)
                let history = try await plans.history(aid, auth.caller)
                return PlanEditorPages.activityForm(header, grid, row, history: history, values: form, error: error,
                                                    auth: auth, status: error.code == .invalid ? .unprocessableContent : .conflict)
            }
        }
        router.post("projects/:id/plan/activities/:aid/outline") { request, context in
            let (auth, form) = try await UIRoutes.postedForm(request, context)
            let (id, aid) = try Self.ids(context)
            let action = form["action"] ?? ""
            if action == "insert_above" || action == "insert_below" {
                let change = try await plans.insert(into: id, near: aid, below: action == "insert_below", cells: [:], auth.caller)
                if let made = change.created.first {
                    return Response(status: .seeOther, headers: [.location: "/projects/\(id)/plan/activities/\(made)"])
                }
                return Self.back(id, nil, "row added")
            }
            guard let outline = PlanEditor.OutlineAction(rawValue: action) else {
                throw ServiceError.invalid(field: "action", "the form names no outline action (indent, outdent, up, down, delete)")
            }
            do {
                let change = try await plans.outline(aid, outline, confirm: form["confirm"] == "true", auth.caller)
                return Self.back(id, outline == .delete ? nil : aid, change.messages.isEmpty ? "\(action) done" : change.messages.joined(separator: "; "))
            } catch let error as ServiceError where outline == .delete && error.problems.contains(where: { $0.field == "confirm" }) {
                let header = try await backend.views.projectHeader(id, auth.caller)
                let grid = try await plans.grid(id, auth.caller)
                guard let row = grid.row(aid) else { throw error }
                return PlanEditorPages.confirmDelete(header, row, message: error.message, auth: auth)
            } catch let error as ServiceError where error.code == .conflict {
                return Self.back(id, aid, error.message)
            }
        }
        router.post("projects/:id/plan/links/:aid") { request, context in
            // `:aid` is the dependency's id here: the form beside a link on an activity's page.
            let (auth, form) = try await UIRoutes.postedForm(request, context)
            let id = Project.ID(try APIRoutes.id(context))
            guard let raw = Int64(context.parameters.get("aid") ?? ""), raw > 0 else { throw ServiceError(.badRequest, "the link id is not a positive integer") }
            let link = Dependency.ID(raw)
            let deleting = form["do"] == "delete"
            let change = try await plans.changeLink(link, type: deleting ? nil : form["type"] ?? "", lag: form["lag"] ?? "",
                                                    ifVersion: Int(form["version"] ?? ""), auth.caller)
            let successor = change.rows.first.map(\.activityId)
            return Self.back(id, successor, deleting ? "link deleted" : "link saved")
        }
        router.post("projects/:id/plan/rows") { request, context in
            let (auth, form) = try await UIRoutes.postedForm(request, context)
            let id = Project.ID(try APIRoutes.id(context))
            var cells: [String: String] = [:]
            for key in ["name", "duration", "predecessors", "resources"] {
                if let v = form[key], !v.trimmingCharacters(in: .whitespaces).isEmpty { cells[key] = v }
            }
            do {
                let change = try await plans.insert(into: id, near: nil, below: true, cells: cells, auth.caller)
                return Self.back(id, nil, (["added \(cells["name"] ?? "a row")"] + change.messages).joined(separator: "; "))
            } catch let error as ServiceError where [.invalid, .conflict, .dependencyCycle].contains(error.code) {
                return Self.back(id, nil, "not added: " + error.message)
            }
        }
        router.post("projects/:id/plan/paste") { request, context in
            let (auth, form) = try await UIRoutes.postedForm(request, context)
            let id = Project.ID(try APIRoutes.id(context))
            let columns = (form["columns"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            do {
                let change = try await plans.paste(into: id, text: form["text"] ?? "", columns: columns, fromRow: nil, auth.caller)
                return Self.back(id, nil, change.messages.first ?? "pasted")
            } catch let error as ServiceError where [.invalid, .conflict, .dependencyCycle].contains(error.code) {
                return Self.back(id, nil, "nothing pasted: " + error.message)
            }
        }
        router.post("projects/:id/plan/progress") { request, context in
            let (auth, form) = try await UIRoutes.postedForm(request, context)
            let id = Project.ID(try APIRoutes.id(context))
            let text = form["status_date"] ?? ""
            guard let date = CalendarDate(iso: text) else { throw ServiceError.invalid(field: "status_date", "'\(text)' is not a date like 2026-03-05") }
            let change = try await plans.updateProgress(id, statusDate: date, auth.caller)
            return Self.back(id, nil, change.messages.joined(separator: "; "))
        }
        router.post("projects/:id/plan/undo") { request, context in
            let (auth, _) = try await UIRoutes.postedForm(request, context)
            let id = Project.ID(try APIRoutes.id(context))
            do {
                let change = try await plans.undo(id, auth.caller)
                return Self.back(id, nil, change.messages.joined(separator: "; "))
            } catch let error as ServiceError where error.code == .conflict {
                return Self.back(id, nil, error.message)
            }
        }
        router.get("my-work") { request, context in
            let auth = try UIRoutes.signedIn(context)
            return PlanEditorPages.myWork(try await plans.myWork(auth.caller), message: request.uri.queryParameters.get("msg"), auth: auth)
        }
        router.post("my-work/:id") { request, context in
            let (auth, form) = try await UIRoutes.postedForm(request, context)
            let aid = Activity.ID(try APIRoutes.id(context))
            let work = try await plans.myWork(auth.caller)
            guard let item = work.items.first(where: { $0.activityId == aid }) else {
                throw ServiceError(.forbidden, "Not allowed: activity \(aid) is not assigned to you.")
            }
            var cells: [String: String] = [:]
            if let v = form["remaining"], !v.trimmingCharacters(in: .whitespaces).isEmpty { cells["remaining"] = v }
            else if let v = form["percent_complete"], v != PlanEditorPages.percent(item.percentComplete) { cells["percent_complete"] = v }
            if let v = form["actual_start"], v != PlanEditorPages.moment(item.actualStart) { cells["actual_start"] = v }
            if let v = form["actual_finish"], v != PlanEditorPages.moment(item.actualFinish, finish: true) { cells["actual_finish"] = v }
            if cells.isEmpty { return Response(status: .seeOther, headers: [.location: "/my-work?msg=nothing+changed"]) }
            do {
                _ = try await plans.recordProgress(aid, cells: cells, ifVersion: Int(form["version"] ?? ""), auth.caller)
                return Response(status: .seeOther, headers: [.location: "/my-work?msg=" + Self.query("saved progress on \(item.code) \(item.name)")])
            } catch let conflict as PlanConflict {
                return Response(status: .seeOther, headers: [.location: "/my-work?msg=" + Self.query(conflict.description)])
            } catch let error as ServiceError where error.code == .invalid {
                return Response(status: .seeOther, headers: [.location: "/my-work?msg=" + Self.query("not saved: " + error.message)])
            }
        }
    }

    static func ids(_ context: GantryContext) throws -> (Project.ID, Activity.ID) {
        let id = Project.ID(try APIRoutes.id(context))
        let text = context.parameters.get("aid") ?? ""
        guard let raw = Int64(text), raw > 0 else { throw ServiceError(.badRequest, "'\(text)' is not an activity id; ids are positive integers") }
        return (id, Activity.ID(raw))
    }

    static func query(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    /// Back to the plan (at the row) with a note on what happened.
    static func back(_ id: Project.ID, _ row: Activity.ID?, _ message: String) -> Response {
        let anchor = row.map { "#row-\($0)" } ?? ""
        return Response(status: .seeOther, headers: [.location: "/projects/\(id)/plan?msg=\(query(message))\(anchor)"])
    }

    /// The performance baseline's bars (else the newest baseline's), by activity, when the project has one the
    /// caller may see.
    static func baseline(_ id: Project.ID, _ backend: Backend, _ auth: Authenticated) async throws -> [Activity.ID: BaselineActivity] {
        guard let list = try? await backend.catalog.all(Baseline.self, auth.caller, ["project_id": .int(id.rawValue)]),
              let newest = list.first(where: \.performance) ?? list.max(by: { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) })
        else { return [:] }
        return Dictionary(newest.activities.map { ($0.activityId, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The chart beside the grid, one bar per row in the grid's order, with what the script needs to turn a drag
    /// into dates.
    static func gantt(_ grid: PlanGrid, baseline: [Activity.ID: BaselineActivity],
                      window: PlanEditorPages.Window = .init(from: 1, size: nil)) -> String {
        let shown = Array(window.slice(grid.rows))
        let index = Dictionary(uniqueKeysWithValues: shown.enumerated().map { ($1.activityId, $0) })
        let critical = Set(shown.filter(\.critical).map(\.activityId))
        let rows = shown.map { r in
            GanttChart.Row(
                id: r.activityId.rawValue, code: String(r.row), name: r.name, depth: r.depth, kind: r.kind,
                start: r.start?.minutesSinceEpoch, finish: r.finish?.minutesSinceEpoch,
                totalFloatText: r.totalFloatDays.map { Pages.days($0) }, critical: r.critical,
                percentComplete: r.percentComplete,
                baselineStart: baseline[r.activityId]?.plannedStart.map { LocalDateTime(date: $0).minutesSinceEpoch },
                baselineFinish: baseline[r.activityId]?.plannedFinish.map { LocalDateTime(date: $0.adding(days: 1)).minutesSinceEpoch })
        }
        let links = grid.links.compactMap { l -> GanttChart.Link? in
            guard let a = index[l.predecessorId], let b = index[l.successorId] else { return nil }
            return GanttChart.Link(from: a, to: b, type: l.type, critical: critical.contains(l.predecessorId) && critical.contains(l.successorId))
        }
        let status = grid.statusDate.map { LocalDateTime(date: $0.adding(days: 1)).minutesSinceEpoch }
        let chart = GanttChart(title: "Gantt chart of \(grid.projectCode)", rows: rows, links: links, statusDate: status,
                               progressLine: status != nil)
        let renderer = GanttRenderer(chart: chart, dayWidth: nil, idPrefix: "plan")
        var linkData = ""
        for l in grid.links where index[l.predecessorId] != nil && index[l.successorId] != nil {
            linkData += #"<li data-dependency="\#(l.dependencyId)" data-version="\#(l.version)" data-from="\#(l.predecessorId)" data-to="\#(l.successorId)" data-type="\#(l.type.rawValue)" data-lag="\#(PlanEditorPages.esc(l.lag))"></li>"#
        }
        return #"<div class="gantt-frame" id="gantt-frame" data-t0="\#(renderer.t0)" data-day-width="\#(renderer.dayWidth)" data-label-width="\#(renderer.labelWidth)" data-row-height="\#(renderer.rowHeight)" data-header-height="\#(renderer.headerHeight)">\#(renderer.render())<ul hidden class="gantt-links">\#(linkData)</ul></div>"#
    }
}
