import Foundation
import GantryModel
import GantryServices
import Hummingbird
import NIOCore

/// The plan editor's pages: the grid beside the Gantt chart (an ARIA grid that `plan.js` drives like a spreadsheet),
/// and without JavaScript a form per activity, the outline buttons, an add-row form, a paste form, progress and
/// undo. Rendered as strings (a 5,000-row plan is one page), every value escaped.
enum PlanEditorPages {
    /// The grid's columns: the API's cell name, the header, and whether the cell is typed into.
    static let columns: [(key: String, title: String, editable: Bool)] = [
        ("name", "Name", true), ("duration", "Duration", true), ("start", "Start", true), ("finish", "Finish", true),
        ("predecessors", "Predecessors", true), ("resources", "Resources", true), ("percent_complete", "% complete", true),
        ("physical_percent_complete", "Physical % complete", true), ("fixed_cost", "Fixed cost", true),
        ("constraint_type", "Constraint", true), ("constraint_date", "Constraint date", true), ("deadline", "Deadline", true),
        ("float", "Total float", false), ("baseline_finish", "Baseline finish", false),
        ("finish_variance", "Finish variance", false), ("notes", "Notes", true),
    ]

    /// The cells a summary takes from its activities: its duration is their span, its cost their sum.
    static let summaryReadOnly: Set<String> = ["duration", "fixed_cost"]

    /// A column's header: the fixed cost says the project's currency it is counted in.
    static func title(_ column: (key: String, title: String, editable: Bool), _ currency: Currency) -> String {
        column.key == "fixed_cost" ? "\(column.title) (\(currency.code))" : column.title
    }

    static func esc(_ s: String) -> String { GanttRenderer.escape(s) }

    static func day(_ t: LocalDateTime?, finish: Bool = false) -> String {
        guard let t else { return "" }
        return String(t.formatted(endOfDay: finish).prefix(10))
    }

    static func moment(_ t: LocalDateTime?, finish: Bool = false) -> String {
        guard let t else { return "" }
        return t.formatted(endOfDay: finish).replacingOccurrences(of: "T", with: " ")
    }

    static func percent(_ p: Double) -> String {
        p == p.rounded() ? String(Int(p)) : String(format: "%.1f", p)
    }

    /// A cell's text as typed (what editing starts from) and as shown.
    /// A cell against the baseline: the baseline's finish, and the current finish less it in calendar days
    /// ("+3d" later, "−2d" earlier); empty when either is missing.
    static func cell(_ key: String, _ r: PlanRow, baselineFinish: CalendarDate?) -> (value: String, shown: String) {
        switch key {
        case "baseline_finish":
            let b = baselineFinish?.description ?? ""
            return (b, b)
        case "finish_variance":
            let finish = day(r.finish, finish: true)
            guard let b = baselineFinish, let f = CalendarDate(iso: finish) else { return ("", "") }
            let n = f.daysSinceEpoch - b.daysSinceEpoch
            let text = n == 0 ? "0d" : n > 0 ? "+\(n)d" : "\u{2212}\(-n)d"
            return (text, text)
        default: return cell(key, r)
        }
    }

    static func cell(_ key: String, _ r: PlanRow) -> (value: String, shown: String) {
        switch key {
        case "name": return (r.name, r.name)
        case "duration": return (r.kind == .summary ? "" : r.duration, r.kind == .milestone ? "0d (milestone)" : r.duration)
        case "start": return (day(r.start), day(r.start))
        case "finish": return (day(r.finish, finish: true), day(r.finish, finish: true))
        case "predecessors": return (r.predecessors, r.predecessors)
        case "resources": return (r.resources, r.resources)
        case "percent_complete": return (percent(r.percentComplete), percent(r.percentComplete) + "%")
        case "physical_percent_complete":
            // Empty when not measured (earned value then uses % complete).
            guard let p = r.physicalPercentComplete else { return ("", "") }
            return (percent(p), percent(p) + "%")
        case "fixed_cost":
            let cost = Money(minorUnits: r.fixedCostMinor, currency: r.currency)
            return (cost.amountText(grouped: false), cost.amountText())
        case "constraint_type":
            let c = r.softConstraint && r.constraintType == .mustStartOn ? "SO"
                : r.softConstraint && r.constraintType == .mustFinishOn ? "FO" : r.constraintType.rawValue
            return (c, c)
        case "constraint_date":
            let finish = [.finishNoEarlierThan, .finishNoLaterThan, .mustFinishOn].contains(r.constraintType)
            return (moment(r.constraintDate, finish: finish), moment(r.constraintDate, finish: finish))
        case "deadline": return (day(r.deadline, finish: true), day(r.deadline, finish: true))
        case "float":
            let f = r.totalFloatDays.map { Pages.days($0) } ?? ""
            return (f, r.critical ? "\(f) · critical" : f)
        case "notes": return (r.notes, r.notes)
        case "activity_type": return (r.activityType, r.activityType.replacingOccurrences(of: "_", with: " "))
        case "secondary_constraint_type":
            let c = r.secondaryConstraintType?.rawValue ?? ""
            return (c, c)
        case "secondary_constraint_date":
            let t = moment(r.secondaryConstraintDate, finish: [.finishNoEarlierThan, .finishNoLaterThan].contains(r.secondaryConstraintType))
            return (t, t)
        case "expected_finish": return (moment(r.expectedFinish, finish: true), moment(r.expectedFinish, finish: true))
        case "suspend_date": return (moment(r.suspendDate, finish: true), moment(r.suspendDate, finish: true))
        case "resume_date": return (moment(r.resumeDate), moment(r.resumeDate))
        case "external_early_start": return (moment(r.externalEarlyStart), moment(r.externalEarlyStart))
        case "external_late_finish": return (moment(r.externalLateFinish, finish: true), moment(r.externalLateFinish, finish: true))
        default: return ("", "")
        }
    }

    /// One row of the grid (the same markup `plan.js` draws from a `PlanRow`).
    static func row(_ r: PlanRow, projectId: Project.ID, focusFirst: Bool, editable: Bool, baselineFinish: CalendarDate? = nil) -> String {
        var cls = "kind-\(r.kind.rawValue)"
        if r.critical { cls += " critical" }
        let baselineAttribute = baselineFinish.map { #" data-baseline-finish="\#($0)""# } ?? ""
        var out = #"<tr role="row" id="row-\#(r.activityId)" class="\#(cls)" data-id="\#(r.activityId)" data-version="\#(r.version)" data-row="\#(r.row)" aria-rowindex="\#(r.row + 1)"\#(baselineAttribute)>"#
        out += #"<th role="rowheader" scope="row" class="rownum">\#(r.row)</th>"#
        for (i, c) in columns.enumerated() {
            let (value, shown) = cell(c.key, r, baselineFinish: baselineFinish)
            let tab = focusFirst && i == 0 ? "0" : "-1"
            var attrs = #"role="gridcell" tabindex="\#(tab)" data-col="\#(c.key)" data-value="\#(esc(value))""#
            if !c.editable || !editable || (summaryReadOnly.contains(c.key) && r.kind == .summary) { attrs += #" aria-readonly="true""# }
            if c.key == "name" {
                out += #"<td \#(attrs) class="name d\#(min(r.depth, 12))">\#(esc(shown))</td>"#
            } else {
                out += #"<td \#(attrs)>\#(esc(shown))</td>"#
            }
        }
        out += #"<td class="row-edit"><a href="/projects/\#(projectId)/plan/activities/\#(r.activityId)" aria-label="Edit row \#(r.row) \#(esc(r.name))">Edit</a></td>"#
        return out + "</tr>"
    }

    /// The editor page.
    /// Plans longer than this open a window of `windowSize` rows at a time, with links to the others: the page and
    /// each keystroke in it stay fast, and every row is still reachable without JavaScript.
    static let windowThreshold = 1_000
    static let windowSize = 250

    /// The rows a page shows: all of them, or a window of `size` rows from row `from` (1-based) of a long plan.
    struct Window: Sendable, Hashable {
        var from: Int
        var size: Int?

        static func of(_ query: (String) -> String?, rows: Int) -> Window {
            let size = query("size").flatMap(Int.init).map { min(max($0, 1), 20_000) }
                ?? (rows > windowThreshold ? windowSize : nil)
            let from = max(1, query("from").flatMap(Int.init) ?? 1)
            return Window(from: size == nil ? 1 : min(from, max(1, rows)), size: size)
        }

        func slice(_ rows: [PlanRow]) -> ArraySlice<PlanRow> {
            guard let size else { return rows[...] }
            let lo = min(rows.count, from - 1)
            return rows[lo..<min(rows.count, lo + size)]
        }

        var query: String { size.map { "from=\(from)&size=\($0)" } ?? "" }
    }

    static func pager(_ grid: PlanGrid, _ window: Window, projectId: Project.ID) -> String {
        guard let size = window.size, grid.rows.count > size || window.from > 1 else { return "" }
        var links: [String] = []
        var start = 1
        while start <= grid.rows.count {
            let end = min(grid.rows.count, start + size - 1)
            let current = start == window.from ? #" aria-current="page""# : ""
            links.append(#"<a href="/projects/\#(projectId)/plan?from=\#(start)&amp;size=\#(size)"\#(current)>\#(start)–\#(end)</a>"#)
            start += size
        }
        links.append(#"<a href="/projects/\#(projectId)/plan?size=\#(grid.rows.count)">all \#(grid.rows.count) (slower)</a>"#)
        return #"<nav class="pager" aria-label="Rows of the plan" id="plan-pager">Rows: \#(links.joined(separator: " · "))</nav>"#
    }

    static func editor(_ header: ProjectHeader, _ grid: PlanGrid, gantt: String, message: String?, window: Window = Window(from: 1, size: nil),
                       baseline: [Activity.ID: BaselineActivity] = [:], auth: Authenticated) -> Response {
        let p = header.project
        let refusal = header.scheduleChangeRefusal(auth.caller)
        let editable = refusal == nil
        let csrf = Pages.csrf(auth)
        var body = #"<link rel="stylesheet" href="/assets/plan.css">"#
        body += #"<nav class="crumbs" aria-label="Breadcrumb"><a href="/portfolios">Portfolios</a> › <a href="/portfolios/\#(header.portfolio.id)">\#(esc(header.portfolio.code))</a> › <a href="/projects/\#(p.id)">\#(esc(p.code))</a> › <span aria-current="page">Plan</span></nav>"#
        body += #"<h1>Plan of \#(esc(p.code)) \#(esc(p.name))</h1>"#
        body += summary(grid)
        body += #"<div id="plan-messages" class="plan-messages" role="status" aria-live="polite">"#
        if let message, !message.isEmpty { body += #"<p class="notice">\#(esc(message))</p>"# }
        body += "</div>"
        if let refusal { body += #"<p class="notice" id="read-only">You can read this plan but not change it: \#(esc(refusal))</p>"# }
        if !grid.diagnostics.isEmpty {
            body += #"<ul class="diagnostics" id="plan-diagnostics">"# + grid.diagnostics.prefix(20).map { "<li>\(esc($0))</li>" }.joined() + "</ul>"
        }
        if editable { body += toolbar(p, grid: grid, csrf: csrf) }
        body += #"<p class="hint" id="grid-help">Arrow keys move between cells, Tab and Shift+Tab along a row; Enter or F2 edits, typing replaces, Enter or Tab saves, Esc cancels. Predecessors: <code>3FS+2d, 5SS-1d, 7FF</code> by row number or code. Resources: <code>Dana Director[50%], Developer</code>. Alt+Shift+→/← indents or outdents a row, Alt+Shift+↑/↓ moves it, Insert adds a row above, Ctrl+Delete deletes. Paste rows from a spreadsheet into the grid. On the chart, drag a bar to move it, drag its right end to change its duration, and drag from the dot at its end to another bar to link them.</p>"#
        body += pager(grid, window, projectId: p.id)
        body += #"<div class="plan-editor" id="plan-editor" data-project="\#(p.id)" data-csrf="\#(esc(csrf))" data-editable="\#(editable)" data-revision="\#(grid.revision)" data-minor-digits="\#(p.currency.minorUnitDigits)">"#
        body += #"<div class="plan-grid-wrap"><table role="grid" id="plan-grid" class="plan-grid" aria-label="Plan of \#(esc(p.code)), \#(grid.rows.count) rows" aria-describedby="grid-help" aria-rowcount="\#(grid.rows.count + 1)" aria-colcount="\#(columns.count + 2)">"#
        body += #"<thead><tr role="row" aria-rowindex="1"><th role="columnheader" scope="col" class="rownum">#</th>"#
        for c in columns { body += #"<th role="columnheader" scope="col" data-col="\#(c.key)">\#(esc(title(c, p.currency)))</th>"# }
        let shown = window.slice(grid.rows)
        let last = shown.endIndex >= grid.rows.count
        body += #"<th scope="col" class="row-edit"><span class="sr">Edit</span></th></tr></thead><tbody id="plan-rows" data-from="\#(window.from)" data-size="\#(window.size ?? 0)" data-last="\#(last)">"#
        for (i, r) in shown.enumerated() {
            body += row(r, projectId: p.id, focusFirst: i == 0, editable: editable, baselineFinish: baseline[r.activityId]?.plannedFinish)
        }
        body += "</tbody></table>"
        if grid.rows.isEmpty { body += #"<p id="empty-plan">This plan has no activities yet. Add the first one below.</p>"# }
        body += "</div>"
        body += #"<div class="plan-gantt" id="plan-gantt">\#(gantt)</div></div>"#
        body += #"<div id="link-editor" class="link-editor" hidden></div>"#
        if editable { body += addForms(p, csrf: csrf) }
        body += #"<script src="/assets/plan.js" defer></script>"#
        return page(body, title: "Plan · \(p.code)", auth: auth)
    }

    static func summary(_ grid: PlanGrid) -> String {
        var s = #"<p class="lede" id="plan-summary">"#
        s += "\(grid.rows.count) rows. "
        if let start = grid.projectStart { s += #"Starts <span id="plan-start">\#(esc(day(start)))</span>, "# }
        if let finish = grid.projectFinish {
            s += #"finishes <strong id="plan-finish">\#(esc(day(finish, finish: true)))</strong>. "#
        } else {
            s += "No finish yet. "
        }
        let names = Dictionary(uniqueKeysWithValues: grid.rows.map { ($0.activityId, $0.row) })
        let path = grid.criticalPath.compactMap { names[$0] }
        if !path.isEmpty {
            // A long path is shown by its ends; the whole of it is one click away.
            let text = path.map(String.init).joined(separator: " → ")
            if path.count <= 16 {
                s += #"Critical path (rows): <span id="plan-critical">\#(text)</span>."#
            } else {
                let ends = (path.prefix(8).map(String.init) + ["…"] + path.suffix(4).map(String.init)).joined(separator: " → ")
                s += #"Critical path: \#(path.count) rows (\#(ends)). <details class="inline"><summary>All of them</summary><span id="plan-critical">\#(text)</span></details>"#
            }
        }
        if let status = grid.statusDate { s += #" Status date <span id="plan-status-date">\#(status)</span>."# }
        return s + "</p>"
    }

    static func toolbar(_ p: Project, grid: PlanGrid, csrf: String) -> String {
        var t = #"<div class="plan-toolbar">"#
        t += #"<form method="post" action="/projects/\#(p.id)/plan/progress" class="inline" id="progress-form"><input type="hidden" name="csrf_token" value="\#(esc(csrf))"><label for="status-date">Status date</label> <input id="status-date" name="status_date" type="date" value="\#(p.statusDate.map(\.description) ?? "")" required> <button type="submit" id="update-progress">Update progress as of the status date</button></form>"#
        t += #"<form method="post" action="/projects/\#(p.id)/plan/undo" class="inline"><input type="hidden" name="csrf_token" value="\#(esc(csrf))"><button type="submit" id="undo">Undo my last change</button></form>"#
        t += #"<span class="js-only" hidden><button type="button" id="insert-row">Insert row</button> <button type="button" id="indent-row">Indent</button> <button type="button" id="outdent-row">Outdent</button> <button type="button" id="move-up">Move up</button> <button type="button" id="move-down">Move down</button> <button type="button" id="delete-row">Delete row</button></span>"#
        return t + "</div>"
    }

    static func addForms(_ p: Project, csrf: String) -> String {
        var f = #"<section aria-labelledby="add-title" class="plan-forms"><h2 id="add-title">Add an activity</h2>"#
        f += #"<form method="post" action="/projects/\#(p.id)/plan/rows" id="add-form" class="grid-form"><input type="hidden" name="csrf_token" value="\#(esc(csrf))">"#
        for (key, label, hint) in [("name", "Name", ""), ("duration", "Duration", "5d, 3.5h, 2w, 3ed; 0 for a milestone"),
                                   ("predecessors", "Predecessors", "3FS+2d, 5SS by row number or code"),
                                   ("resources", "Resources", "Dana Director[50%], Developer")] {
            f += #"<label for="add-\#(key)">\#(label)</label><input id="add-\#(key)" name="\#(key)"\#(key == "name" ? " required" : "")\#(hint.isEmpty ? "" : #" placeholder="\#(esc(hint))""#)>"#
        }
        f += #"<button type="submit" id="add-submit">Add at the end</button></form>"#
        f += #"<h2 id="paste-title">Paste rows from a spreadsheet</h2><form method="post" action="/projects/\#(p.id)/plan/paste" id="paste-form"><input type="hidden" name="csrf_token" value="\#(esc(csrf))">"#
        f += #"<label for="paste-columns">Columns, in the order pasted</label><input id="paste-columns" name="columns" value="\#(PlanEditor.pasteColumns.joined(separator: ", "))">"#
        f += #"<label for="paste-text">Rows (tab-separated, one per line; they are added at the end)</label><textarea id="paste-text" name="text" rows="5" required></textarea>"#
        return f + #"<button type="submit" id="paste-submit">Paste rows</button></form></section>"#
    }

    /// The form for one activity: every column, the outline buttons, its links and its history.
    static func activityForm(_ header: ProjectHeader, _ grid: PlanGrid, _ r: PlanRow, history: [PlanEditor.HistoryEntry],
                             values: [String: String]? = nil, error: ServiceError? = nil, conflict: PlanConflict? = nil,
                             auth: Authenticated, status: HTTPResponse.Status = .ok) -> Response {
        let p = header.project
        let csrf = Pages.csrf(auth)
        let editable = header.scheduleChangeRefusal(auth.caller) == nil
        var body = #"<link rel="stylesheet" href="/assets/plan.css">"#
        body += #"<nav class="crumbs" aria-label="Breadcrumb"><a href="/portfolios">Portfolios</a> › <a href="/projects/\#(p.id)">\#(esc(p.code))</a> › <a href="/projects/\#(p.id)/plan">Plan</a> › <span aria-current="page">Row \#(r.row)</span></nav>"#
        body += #"<h1>Row \#(r.row): \#(esc(r.code)) \#(esc(r.name))</h1>"#
        body += #"<p class="lede">\#(r.kind.rawValue), \#(esc(day(r.start))) – \#(esc(day(r.finish, finish: true)))\#(r.critical ? ", critical" : "")\#(r.totalFloatDays.map { ", total float " + Pages.days($0) } ?? "").</p>"#
        if let error {
            body += #"<div class="alert" role="alert" id="form-error"><p>\#(esc(error.message))</p>"#
            if !error.problems.isEmpty { body += "<ul>" + error.problems.map { "<li><strong>\(esc($0.field))</strong>: \(esc($0.message))</li>" }.joined() + "</ul>" }
            body += "</div>"
        }
        if let conflict {
            body += #"<div class="alert conflict" role="alert" id="conflict"><p>\#(esc(conflict.description)).</p><table class="grid"><thead><tr><th scope="col">Column</th><th scope="col">Theirs (\#(esc(conflict.changedBy)), \#(esc(conflict.changedAt.description)))</th><th scope="col">Yours</th></tr></thead><tbody>"#
            for (key, yours) in conflict.yours.sorted(by: { $0.key < $1.key }) {
                let theirs = conflict.current.map { cell(key, $0).value } ?? ""
                if key == "version" { continue }
                body += "<tr><th scope=\"row\">\(esc(key))</th><td>\(esc(theirs))</td><td>\(esc(yours))</td></tr>"
            }
            body += "</tbody></table><p>Your values are still in the form below: save again to apply them over theirs, or reload to keep theirs.</p></div>"
        }
        let v = values ?? [:]
        func field(_ key: String, _ label: String, _ current: String, hint: String = "") -> String {
            let value = v[key] ?? current
            let bad = error?.problems.first { $0.field == key || $0.field.hasSuffix(".\(key)") }
            var s = #"<label for="f-\#(key)">\#(label)</label>"#
            if key == "notes" {
                s += #"<textarea id="f-\#(key)" name="\#(key)" rows="3"\#(bad != nil ? #" aria-invalid="true" aria-describedby="e-\#(key)""# : "")>\#(esc(value))</textarea>"#
            } else {
                s += #"<input id="f-\#(key)" name="\#(key)" value="\#(esc(value))"\#(hint.isEmpty ? "" : #" placeholder="\#(esc(hint))""#)\#(bad != nil ? #" aria-invalid="true" aria-describedby="e-\#(key)""# : "")>"#
            }
            if let bad { s += #"<p class="field-error" id="e-\#(key)">\#(esc(bad.message))</p>"# }
            return s
        }
        if editable {
            body += #"<form method="post" action="/projects/\#(p.id)/plan/activities/\#(r.activityId)" id="activity-form" class="grid-form"><input type="hidden" name="csrf_token" value="\#(esc(csrf))"><input type="hidden" name="version" value="\#(conflict?.current?.version ?? r.version)">"#
            body += field("name", "Name", r.name) + field("code", "Code", r.code)
            if r.kind != .summary { body += field("duration", "Duration", r.duration, hint: "5d, 3.5h, 2w, 3ed; 0 for a milestone") }
            body += field("start", "Start (sets start no earlier than)", day(r.start))
            body += field("finish", "Finish (sets finish no earlier than)", day(r.finish, finish: true))
            body += field("predecessors", "Predecessors", r.predecessors, hint: "3FS+2d, 5SS-1d, 7FF")
            if r.kind != .summary { body += field("resources", "Resources", r.resources, hint: "Dana Director[50%], Developer") }
            if r.kind != .summary {
                body += field("activity_type", "Type", r.activityType,
                              hint: "task, start milestone, finish milestone, level of effort, WBS summary")
            }
            body += field("constraint_type", "Constraint", cell("constraint_type", r).value,
                          hint: "ASAP, ALAP, SNET, SNLT, FNET, FNLT, MSO, MFO; P6's SO, FO (start on, finish on)")
            body += field("constraint_date", "Constraint date", cell("constraint_date", r).value)
            body += field("deadline", "Deadline", day(r.deadline, finish: true))
            if r.kind != .summary {
                body += field("secondary_constraint_type", "Secondary constraint", cell("secondary_constraint_type", r).value,
                              hint: "SNET, SNLT, FNET, FNLT (P6)")
                body += field("secondary_constraint_date", "Secondary constraint date", cell("secondary_constraint_date", r).value)
                body += field("expected_finish", "Expected finish", cell("expected_finish", r).value,
                              hint: "used where the project uses expected finish dates")
                body += field("external_early_start", "External early start", cell("external_early_start", r).value,
                              hint: "what links from other projects allow")
                body += field("external_late_finish", "External late finish", cell("external_late_finish", r).value,
                              hint: "what links to other projects allow")
            }
            body += field("percent_complete", "% complete", percent(r.percentComplete))
            body += field("physical_percent_complete", "Physical % complete", cell("physical_percent_complete", r).value,
                          hint: "empty: earned value uses % complete")
            if r.kind != .summary {
                body += field("fixed_cost", "Fixed cost (\(r.currency.code))", cell("fixed_cost", r).value, hint: "1250.00")
            }
            body += field("actual_start", "Actual start", moment(r.actualStart))
            body += field("actual_finish", "Actual finish", moment(r.actualFinish, finish: true))
            if r.kind != .summary {
                body += field("suspend_date", "Suspended on", cell("suspend_date", r).value)
                body += field("resume_date", "Resumes on", cell("resume_date", r).value, hint: "the remaining work starts no earlier")
            }
            body += field("notes", "Notes", r.notes)
            body += #"<button type="submit" id="save-activity">Save</button></form>"#
            body += #"<h2>Outline</h2><form method="post" action="/projects/\#(p.id)/plan/activities/\#(r.activityId)/outline" class="outline-form" id="outline-form"><input type="hidden" name="csrf_token" value="\#(esc(csrf))">"#
            for (action, label) in [("insert_above", "Insert a row above"), ("insert_below", "Insert a row below"), ("indent", "Indent"),
                                    ("outdent", "Outdent"), ("up", "Move up"), ("down", "Move down"), ("delete", "Delete")] {
                body += #"<button type="submit" name="action" value="\#(action)" id="outline-\#(action)">\#(label)</button> "#
            }
            body += "</form>"
        }
        let incoming = grid.links.filter { $0.successorId == r.activityId }
        if !incoming.isEmpty {
            body += #"<h2>Links into this row</h2><table class="grid" id="links"><thead><tr><th scope="col">Predecessor</th><th scope="col">Type and lag</th><th scope="col"></th></tr></thead><tbody>"#
            for l in incoming {
                let from = grid.row(l.predecessorId)
                body += "<tr><td>\(from.map { "\($0.row) \(esc($0.code)) \(esc($0.name))" } ?? "")</td><td>"
                if editable {
                    body += #"<form method="post" action="/projects/\#(p.id)/plan/links/\#(l.dependencyId)" class="inline"><input type="hidden" name="csrf_token" value="\#(esc(csrf))"><input type="hidden" name="version" value="\#(l.version)"><select id="lt-\#(l.dependencyId)" name="type" aria-label="Type of the link from row \#(from?.row ?? 0)">"#
                    for t in DependencyType.allCases { body += #"<option value="\#(t.rawValue)"\#(t == l.type ? " selected" : "")>\#(t.rawValue)</option>"# }
                    body += #"</select> <input id="ll-\#(l.dependencyId)" name="lag" value="\#(esc(l.lag))" size="6" aria-label="Lag of the link from row \#(from?.row ?? 0)"> <button type="submit" name="do" value="save">Save link</button> <button type="submit" name="do" value="delete">Delete link</button></form>"#
                } else {
                    body += "\(l.type.rawValue) \(esc(l.lag))"
                }
                body += "</td><td></td></tr>"
            }
            body += "</tbody></table>"
        }
        body += #"<h2>History</h2>"#
        if history.isEmpty {
            body += "<p>No recorded changes.</p>"
        } else {
            body += #"<table class="grid" id="history"><thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">What</th><th scope="col">Changes</th></tr></thead><tbody>"#
            for h in history.prefix(100) {
                let changes = h.changes.filter { !["planned_start", "planned_finish"].contains($0.field) }
                    .map { "\(esc($0.field)): \(esc($0.before.isEmpty ? "—" : $0.before)) → \(esc($0.after.isEmpty ? "—" : $0.after))" }.joined(separator: "<br>")
                body += "<tr><td>\(esc(h.at.description))</td><td>\(esc(h.who))</td><td>\(esc(h.action)) \(esc(h.kind))</td><td>\(changes)</td></tr>"
            }
            body += "</tbody></table>"
        }
        return page(body, title: "Row \(r.row) · \(p.code)", auth: auth, status: status)
    }

    /// The confirmation a summary's delete needs without JavaScript: what goes with it.
    static func confirmDelete(_ header: ProjectHeader, _ r: PlanRow, message: String, auth: Authenticated) -> Response {
        let p = header.project
        let csrf = Pages.csrf(auth)
        var body = #"<h1>Delete \#(esc(r.code)) \#(esc(r.name))?</h1><p class="alert" role="alert" id="delete-warning">\#(esc(message))</p>"#
        body += #"<form method="post" action="/projects/\#(p.id)/plan/activities/\#(r.activityId)/outline"><input type="hidden" name="csrf_token" value="\#(esc(csrf))"><input type="hidden" name="confirm" value="true"><button type="submit" name="action" value="delete" id="confirm-delete">Delete them all</button> <a href="/projects/\#(p.id)/plan">Keep them</a></form>"#
        return page(body, title: "Delete \(r.code)", auth: auth, status: .conflict)
    }

    /// "My work": the signed-in user's assigned activities, with a progress form each.
    static func myWork(_ work: MyWork, message: String?, auth: Authenticated) -> Response {
        let csrf = Pages.csrf(auth)
        var body = #"<link rel="stylesheet" href="/assets/plan.css"><h1>My work</h1>"#
        if let message, !message.isEmpty { body += #"<p class="notice" role="status" id="work-message">\#(esc(message))</p>"# }
        if work.resources.isEmpty {
            body += #"<p id="no-resource">No resource in the pool stands for you yet, so nothing is assigned to you. Ask your project manager or the PMO to link your account to your resource.</p>"#
            return page(body, title: "My work", auth: auth, nav: "work")
        }
        body += #"<p class="lede">Assigned to \#(esc(work.resources.joined(separator: ", "))). Week of \#(work.weekStart). Record how far you are; the project manager's plan updates at once.</p>"#
        let titles: [(MyWork.Bucket, String)] = [(.late, "Late"), (.thisWeek, "This week"), (.nextWeek, "Next week"), (.later, "Later"), (.done, "Done")]
        for (bucket, title) in titles {
            let items = work.items.filter { $0.bucket == bucket }
            if items.isEmpty { continue }
            body += #"<section aria-labelledby="b-\#(bucket.rawValue)"><h2 id="b-\#(bucket.rawValue)">\#(title) (\#(items.count))</h2><table class="grid work"><thead><tr><th scope="col">Project</th><th scope="col">Activity</th><th scope="col">Planned</th><th scope="col">As</th><th scope="col">Progress</th></tr></thead><tbody>"#
            for i in items {
                body += #"<tr id="work-\#(i.activityId)"><td>\#(esc(i.projectCode))</td><td>\#(esc(i.code)) \#(esc(i.name))</td><td>\#(i.plannedStart.map(\.description) ?? "") – \#(i.plannedFinish.map(\.description) ?? "")</td><td>\#(esc(i.assignedAs))</td><td>"#
                body += #"<form method="post" action="/my-work/\#(i.activityId)" class="progress-form"><input type="hidden" name="csrf_token" value="\#(esc(csrf))"><input type="hidden" name="version" value="\#(i.version)">"#
                body += #"<label for="pc-\#(i.activityId)">% complete</label><input id="pc-\#(i.activityId)" name="percent_complete" value="\#(percent(i.percentComplete))" size="4"> "#
                body += #"<label for="rem-\#(i.activityId)">or remaining</label><input id="rem-\#(i.activityId)" name="remaining" placeholder="2d" size="5"> "#
                body += #"<label for="as-\#(i.activityId)">Actual start</label><input id="as-\#(i.activityId)" name="actual_start" value="\#(esc(moment(i.actualStart)))" size="14"> "#
                body += #"<label for="af-\#(i.activityId)">Actual finish</label><input id="af-\#(i.activityId)" name="actual_finish" value="\#(esc(moment(i.actualFinish, finish: true)))" size="14"> "#
                body += #"<button type="submit" id="save-\#(i.activityId)">Save</button></form></td></tr>"#
            }
            body += "</tbody></table></section>"
        }
        if work.items.isEmpty { body += "<p>Nothing is assigned to you.</p>" }
        return page(body, title: "My work", auth: auth, nav: "work")
    }

    static func page(_ body: String, title: String, auth: Authenticated, status: HTTPResponse.Status = .ok, nav: String = "portfolios") -> Response {
        Pages.html("raw", ["html": body], title: title, auth: auth, status: status, nav: nav)
    }
}
