import Foundation
import GantryModel
import GantryServices
import Hummingbird
import Mustache

/// What a cached schedule fragment of a project page depends on: the schedule revision (every change to the
/// activities, the links or a stored schedule bumps it) and the project's version (its name and status date).
struct ScheduleStamp: Hashable, Sendable {
    var revision: Int64
    var projectVersion: Int
}

/// The schedule parts of the project page and the pages behind its buttons: the Gantt chart from the stored
/// schedule, the activity explanation ("why does it start then?"), the leveling preview and the risk analysis.
/// Nothing here computes a schedule; it only shows documents the scheduling service made.
extension Pages {
    static func activityPath(_ project: Project.ID, _ activity: Activity.ID) -> String {
        "/projects/\(project)/activities/\(activity)"
    }

    /// Working days as people read them: `3d`, `0.5d`, `-1d`.
    static func days(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        if rounded == rounded.rounded() { return String(Int64(rounded)) + "d" }
        var text = String(format: "%.2f", rounded)
        while text.hasSuffix("0") { text.removeLast() }
        return text + "d"
    }

    /// The Gantt chart of a stored schedule: its rows in its order, links from the project's dependencies between
    /// rows it has, the project's status date, and each label linking to the activity's explanation.
    static func ganttChart(_ doc: ScheduleDocument, plan: ProjectSchedule, project: Project) -> GanttChart {
        let index = Dictionary(doc.activities.enumerated().map { ($0.element.activityId, $0.offset) }, uniquingKeysWith: { a, _ in a })
        let percent = Dictionary(plan.rows.map { ($0.activity.id, $0.activity.percentComplete) }, uniquingKeysWith: { a, _ in a })
        let rows = doc.activities.map { r in
            GanttChart.Row(
                id: r.activityId.rawValue, code: r.code, name: r.name, depth: r.depth, kind: r.kind,
                start: r.earlyStart.minutesSinceEpoch, finish: r.earlyFinish.minutesSinceEpoch,
                lateFinish: r.lateFinish.minutesSinceEpoch, totalFloatText: days(r.totalFloatDays),
                critical: r.critical, percentComplete: percent[r.activityId] ?? 0,
                href: activityPath(project.id, r.activityId))
        }
        let links: [GanttChart.Link] = plan.dependencies.compactMap { d in
            guard let from = index[d.predecessorId], let to = index[d.successorId] else { return nil }
            let driving = doc.activities[to].drivingDependencyId == d.id
            return GanttChart.Link(from: from, to: to, type: d.type,
                                   critical: driving && doc.activities[from].critical && doc.activities[to].critical)
        }
        return GanttChart(title: "\(project.code) \(project.name): schedule", rows: rows, links: links,
                          statusDate: project.statusDate.map { Int64($0.daysSinceEpoch) * 1440 })
    }

    /// The schedule fragment of a project page (chart, summary, tables), rendered once per `ScheduleStamp`.
    static func schedule(_ plan: ProjectSchedule, stored doc: ScheduleDocument?, project: Project) -> Schedule {
        let codes = Dictionary(plan.rows.map { ($0.activity.id, $0.activity.code) }, uniquingKeysWith: { a, _ in a })
        let computed = Dictionary((doc?.activities ?? []).map { ($0.activityId, $0) }, uniquingKeysWith: { a, _ in a })
        func link(_ d: Dependency) -> String {
            let lag = d.lag.value == 0 ? "" : (d.lag.value > 0 ? "+" : "") + d.lag.description
            return (codes[d.predecessorId] ?? d.predecessorId.description) + " " + d.type.rawValue + lag
        }
        let rows: [[String: Any]] = plan.rows.map { row in
            let a = row.activity
            var values: [String: Any] = [
                "code": a.code, "name": a.name, "kind": a.kind.rawValue, "indent": String(format: "%.2f", 0.7 + Double(row.depth) * 1.25),
                "milestone": a.kind == .milestone, "summary": a.kind == .summary, "duration": a.duration.description,
                "start": dash(a.plannedStart), "finish": dash(a.plannedFinish),
                "percent": a.percentComplete.rounded() == a.percentComplete ? String(Int(a.percentComplete)) : String(format: "%.1f", a.percentComplete),
                "predecessors": row.predecessors.map(link).joined(separator: ", "),
                "lateStart": "—", "lateFinish": "—", "float": "—",
            ]
            if let r = computed[a.id] {
                values["href"] = activityPath(project.id, a.id)
                values["lateStart"] = r.lateStart.formatted()
                values["lateFinish"] = r.lateFinish.formatted(endOfDay: true)
                values["float"] = days(r.totalFloatDays)
                values["critical"] = r.critical
            }
            return values
        }
        let names = Dictionary(plan.rows.map { ($0.activity.id, "\($0.activity.code) \($0.activity.name)") }, uniquingKeysWith: { a, _ in a })
        let deps: [[String: Any]] = plan.dependencies.map { d in
            ["from": names[d.predecessorId] ?? d.predecessorId.description, "to": names[d.successorId] ?? d.successorId.description,
             "type": d.type.rawValue, "typeTitle": typeTitle(d.type), "lag": d.lag.description]
        }
        var values: [String: Any] = ["rows": rows, "dependencies": deps, "dependencyCount": deps.count]
        if let doc {
            values["computed"] = true
            values["stale"] = doc.current == false
            values["revision"] = doc.revision
            values["computedAt"] = doc.computedAt.description
            values["projectStart"] = doc.projectStart.formatted()
            values["projectFinish"] = doc.projectFinish.formatted(endOfDay: true)
            values["durationDays"] = days(doc.durationDays)
            values["criticalPath"] = doc.criticalPath.compactMap { id in
                computed[id].map { ["code": $0.code, "name": $0.name, "href": activityPath(project.id, id)] as [String: Any] }
            }
            let path = doc.criticalPath.compactMap { computed[$0]?.code }
            if path.count > 15 {
                values["criticalPathLong"] = true
                values["criticalPathLength"] = path.count
                values["criticalPathFirst"] = path.first ?? ""
                values["criticalPathLast"] = path.last ?? ""
            }
            values["criticalCount"] = doc.activities.filter(\.critical).count
            values["diagnostics"] = doc.diagnostics.map { d in
                var item: [String: Any] = ["code": d.code, "severity": d.severity, "message": d.message]
                let codes = d.activityIds.compactMap { computed[$0]?.code }
                if !codes.isEmpty { item["activities"] = codes.joined(separator: ", ") }
                return item
            }
            values["diagnosticCount"] = doc.diagnostics.count
            values["hasDiagnostics"] = !doc.diagnostics.isEmpty
            values["gantt"] = renderGanttSVG(ganttChart(doc, plan: plan, project: project), idPrefix: "gantt-\(project.id)")
        }
        let html = library.render(values, withTemplate: "schedule") ?? ""
        return Schedule(html: html, activities: plan.rows.count,
                        milestones: plan.rows.filter { $0.activity.kind == .milestone }.count)
    }

    /// The CSRF token a form on a page for `auth` must carry (empty for bearer callers, who need none).
    static func csrf(_ auth: Authenticated) -> String {
        if case .session(_, let csrf) = auth.via { return csrf }
        return ""
    }

    /// The breadcrumb trail's values for pages under a project.
    static func crumbs(_ header: ProjectHeader) -> [String: Any] {
        ["portfolioId": header.portfolio.id.description, "portfolioCode": header.portfolio.code,
         "projectId": header.project.id.description, "projectCode": header.project.code,
         "projectName": header.project.name]
    }

    // MARK: activity explanation

    /// Why an activity starts when it does, from the stored schedule: its dates, floats, driver, the chain of
    /// drivers back to the project start, and what it drives in turn.
    static func activity(_ header: ProjectHeader, _ doc: ScheduleDocument, _ row: ScheduleDocument.Row,
                         auth: Authenticated) -> Response {
        let pid = header.project.id
        var chain: [[String: Any]] = []
        var seen: Set<Activity.ID> = [row.activityId]
        var next = row.drivingActivityId
        while let id = next, !seen.contains(id), let r = doc.row(id) {
            seen.insert(id)
            chain.append(["code": r.code, "name": r.name, "href": activityPath(pid, id), "start": r.earlyStart.formatted()])
            next = r.drivingActivityId
        }
        let drives: [[String: Any]] = doc.activities.filter { $0.drivingActivityId == row.activityId }.map {
            ["code": $0.code, "name": $0.name, "href": activityPath(pid, $0.activityId), "because": $0.startsBecause]
        }
        var values = crumbs(header)
        values.merge([
            "code": row.code, "name": row.name, "kind": row.kind.rawValue,
            "earlyStart": row.earlyStart.formatted(), "earlyFinish": row.earlyFinish.formatted(endOfDay: true),
            "lateStart": row.lateStart.formatted(), "lateFinish": row.lateFinish.formatted(endOfDay: true),
            "totalFloat": days(row.totalFloatDays), "freeFloat": days(Double(row.freeFloatMinutes) / minutesPerDay(doc)),
            "critical": row.critical, "because": row.startsBecause, "stale": doc.current == false,
            "chain": chain, "drives": drives, "hasChain": !chain.isEmpty, "hasDrives": !drives.isEmpty,
        ]) { _, new in new }
        if let d = row.drivingActivityId, let r = doc.row(d) {
            values["driver"] = ["code": r.code, "name": r.name, "href": activityPath(pid, d)] as [String: Any]
        }
        return html("activity", values, title: "\(row.code) \(row.name)", auth: auth, nav: "portfolios")
    }

    /// The working minutes in a day of the schedule's calendar, as its float columns imply (the document keeps
    /// total float in both minutes and days); 480 when no activity has float.
    static func minutesPerDay(_ doc: ScheduleDocument) -> Double {
        guard let widest = doc.activities.max(by: { abs($0.totalFloatDays) < abs($1.totalFloatDays) }),
              abs(widest.totalFloatDays) >= 1 else { return 480 }
        let perDay = Double(widest.totalFloatMinutes) / widest.totalFloatDays
        return perDay > 0 ? (perDay / 30).rounded() * 30 : 480
    }

    // MARK: leveling

    static func leveling(_ header: ProjectHeader, _ preview: LevelingPreviewDocument, auth: Authenticated) -> Response {
        let pid = header.project.id
        let moves: [[String: Any]] = preview.moves.map { m in
            ["code": m.code, "name": m.name, "href": activityPath(pid, m.activityId), "from": m.from.formatted(),
             "to": m.to.formatted(), "delay": "\(m.delayDays)d", "reasons": m.reasons.joined(separator: "; ")]
        }
        var values = crumbs(header)
        values.merge([
            "previewId": String(preview.previewId), "csrf": csrf(auth), "moves": moves, "moveCount": moves.count,
            "before": "\(preview.durationDaysBefore)d", "after": "\(preview.durationDaysAfter)d",
            "generated": preview.schedulesGenerated, "notes": preview.notes, "hasNotes": !preview.notes.isEmpty, "noteCount": preview.notes.count,
        ]) { _, new in new }
        return html("leveling", values, title: "Leveling preview · \(header.project.code)", auth: auth, nav: "portfolios")
    }

    // MARK: risk

    static func risk(_ header: ProjectHeader, _ r: RiskDocument, auth: Authenticated) -> Response {
        let percentiles: [[String: Any]] = [
            ["label": "Deterministic (critical path)", "days": days(r.deterministicDays), "date": r.deterministicFinish.formatted(endOfDay: true)],
            ["label": "P50", "days": days(r.p50Days), "date": r.p50Finish.formatted(endOfDay: true)],
            ["label": "P80", "days": days(r.p80Days), "date": r.p80Finish.formatted(endOfDay: true)],
            ["label": "P90", "days": days(r.p90Days), "date": r.p90Finish.formatted(endOfDay: true)],
        ]
        // Most often critical first; ties keep the document's (WBS) order.
        let ranked = r.criticality.enumerated().sorted { ($0.element.index, $1.offset) > ($1.element.index, $0.offset) }.map(\.element)
        let top: [[String: Any]] = ranked.prefix(10).map { c in
            ["code": c.code, "name": c.name, "href": activityPath(header.project.id, c.activityId),
             "percent": String(format: "%.1f%%", c.index * 100)]
        }
        var values = crumbs(header)
        values.merge([
            "iterations": r.iterations, "seed": r.seed, "shape": r.shape, "estimated": r.estimatedActivities,
            "mean": days(r.meanDays), "percentiles": percentiles, "criticality": top,
            "histogram": riskHistogramSVG(r),
        ]) { _, new in new }
        return html("risk", values, title: "Schedule risk · \(header.project.code)", auth: auth, nav: "portfolios")
    }

    /// The distribution of simulated project durations as bars, with the P50, P80 and P90 marked.
    static func riskHistogramSVG(_ r: RiskDocument) -> String {
        let width = 640.0, height = 220.0, left = 44.0, right = 12.0, top = 12.0, bottom = 34.0
        let bins = r.histogram
        let lo = bins.map(\.fromDays).min() ?? min(r.p50Days, r.deterministicDays)
        let hi0 = bins.map(\.toDays).max() ?? max(r.p90Days, r.deterministicDays)
        let hi = hi0 > lo ? hi0 : lo + 1
        let peak = max(1, bins.map(\.count).max() ?? 1)
        func x(_ d: Double) -> Double { left + (min(max(d, lo), hi) - lo) / (hi - lo) * (width - left - right) }
        func y(_ c: Int) -> Double { top + (1 - Double(c) / Double(peak)) * (height - top - bottom) }
        func n(_ v: Double) -> String { String(format: "%.1f", v) }
        func esc(_ s: String) -> String { GanttRenderer.escape(s) }
        let desc = "Histogram of \(r.iterations) simulated project durations from \(days(lo)) to \(days(hi0)); "
            + "P50 \(days(r.p50Days)), P80 \(days(r.p80Days)), P90 \(days(r.p90Days))."
        var out = #"<svg xmlns="http://www.w3.org/2000/svg" class="risk-histogram" role="img" aria-labelledby="risk-title risk-desc" width="\#(n(width))" height="\#(n(height))" viewBox="0 0 \#(n(width)) \#(n(height))" font-family="sans-serif" font-size="11">"#
        out += #"<title id="risk-title">Distribution of the project's duration</title><desc id="risk-desc">\#(esc(desc))</desc>"#
        let base = height - bottom
        out += ##"<path d="M\##(n(left)),\##(n(top))V\##(n(base))H\##(n(width - right))" fill="none" stroke="#9aa5b1"/>"##
        for b in bins {
            let x0 = x(b.fromDays), x1 = x(b.toDays), y0 = y(b.count)
            out += ##"<rect class="risk-bin" x="\##(n(x0 + 0.5))" y="\##(n(y0))" width="\##(n(max(1, x1 - x0 - 1)))" height="\##(n(base - y0))" fill="#4a7fb5">"##
            out += "<title>\(esc(days(b.fromDays))) – \(esc(days(b.toDays))): \(b.count) runs</title></rect>"
        }
        for (label, value, colour) in [("P50", r.p50Days, "#2e7d32"), ("P80", r.p80Days, "#b7791f"), ("P90", r.p90Days, "#c0392b")] {
            let px = x(value)
            out += #"<line class="risk-\#(label.lowercased())" x1="\#(n(px))" y1="\#(n(top))" x2="\#(n(px))" y2="\#(n(base))" stroke="\#(colour)" stroke-width="1.5" stroke-dasharray="4 3"><title>\#(label) \#(esc(days(value)))</title></line>"#
            out += #"<text x="\#(n(px + 3))" y="\#(n(top + 10 + (label == "P80" ? 12 : label == "P90" ? 24 : 0)))" fill="\#(colour)">\#(label)</text>"#
        }
        out += #"<text x="\#(n(left))" y="\#(n(base + 16))">\#(esc(days(lo)))</text>"#
        out += #"<text x="\#(n(width - right))" y="\#(n(base + 16))" text-anchor="end">\#(esc(days(hi0)))</text>"#
        out += #"<text x="\#(n((left + width - right) / 2))" y="\#(n(base + 30))" text-anchor="middle">working days</text>"#
        out += #"<text x="\#(n(left - 6))" y="\#(n(top + 8))" text-anchor="end">\#(peak)</text>"#
        out += #"<text x="\#(n(left - 6))" y="\#(n(base))" text-anchor="end">0</text>"#
        return out + "</svg>"
    }
}
