import Foundation
import GantryModel
import GantryServices
import Hummingbird
import Logging
import NIOCore

/// The status report pages: a project's reports (`/projects/:id/reports`), one report with its form or its review
/// (`/status-reports/:id`), and the executive portfolio report that prints cleanly (`/portfolios/:id/report`, and
/// `.csv`). Forms carry the session's CSRF token; a refused action shows the page again with the reason.
struct StatusReportUIRoutes: Sendable {
    let backend: Backend

    func register(on router: Router<GantryContext>) {
        let backend = self.backend
        router.get("projects/:id/reports") { _, context in
            let auth = try UIRoutes.signedIn(context)
            let id = Project.ID(try APIRoutes.id(context))
            return Pages.reports(try await backend.reports.projectReports(id, views: backend.views, auth.caller), auth: auth)
        }
        router.post("projects/:id/reports") { request, context in
            let (auth, id, form) = try await UIRoutes.scheduleForm(request, context)
            let day = form["period_start"].flatMap { CalendarDate(iso: $0) }
            let report = try await backend.reports.start(id, periodContaining: day, auth.caller)
            context.logger.info("status report started", metadata: ["project": .stringConvertible(id), "report": .stringConvertible(report.id)])
            return Response(status: .seeOther, headers: [.location: "/status-reports/\(report.id)"])
        }
        router.get("status-reports/:id") { _, context in
            let auth = try UIRoutes.signedIn(context)
            let id = StatusReport.ID(try APIRoutes.id(context))
            return Pages.report(try await backend.reports.view(id, views: backend.views, auth.caller), auth: auth)
        }
        router.post("status-reports/:id") { request, context in
            let (auth, raw, form) = try await UIRoutes.scheduleForm(request, context)
            let id = StatusReport.ID(raw.rawValue)
            do {
                let cost = try Self.money(form["actual_cost"] ?? "")
                _ = try await backend.catalog.update(StatusReport.self, id, auth.caller) { r in
                    for d in Pages.dimensions {
                        if let value = form[d.key].flatMap(Health.init(rawValue:)) { r.setValue(d.dimension, value) }
                        if let comment = form[d.key + "_comment"] { r.setComment(d.dimension, comment.trimmed) }
                    }
                    r.accomplishments = form["accomplishments"] ?? r.accomplishments
                    r.nextSteps = form["next_steps"] ?? r.nextSteps
                    r.escalations = form["escalations"] ?? r.escalations
                    r.actualCostMinor = cost
                }
                if form["action"] == "submit" {
                    _ = try await backend.reports.submit(id, auth.caller)
                    context.logger.info("status report submitted", metadata: ["report": .stringConvertible(id)])
                }
                return Response(status: .seeOther, headers: [.location: "/status-reports/\(id)"])
            } catch let error as ServiceError where error.code != .unauthenticated && error.code != .notFound {
                let view = try await backend.reports.view(id, views: backend.views, auth.caller)
                return Pages.report(view, auth: auth, error: error, form: form)
            }
        }
        router.post("status-reports/:id/accept") { request, context in
            try await Self.review(request, context, backend: backend) { id, _, caller in
                _ = try await backend.reports.accept(id, caller)
            }
        }
        router.post("status-reports/:id/return") { request, context in
            try await Self.review(request, context, backend: backend) { id, form, caller in
                _ = try await backend.reports.return(id, comment: form["comment"] ?? "", caller)
            }
        }
        router.get("portfolios/:id/report") { _, context in
            let auth = try UIRoutes.signedIn(context)
            let id = Portfolio.ID(try APIRoutes.id(context))
            return Pages.portfolioReport(try await backend.reports.portfolioReport(id, auth.caller), auth: auth)
        }
        router.get("portfolios/:id/report.csv") { _, context in
            let auth = try UIRoutes.signedIn(context)
            return StatusReportRoutes.csv(try await backend.reports.portfolioReport(Portfolio.ID(try APIRoutes.id(context)), auth.caller))
        }
    }

    /// An accept or return form: the action, then back to the report; a refusal shows the report with the reason.
    static func review(_ request: Request, _ context: GantryContext, backend: Backend,
                       _ act: @Sendable (StatusReport.ID, [String: String], Caller) async throws -> Void) async throws -> Response {
        let (auth, raw, form) = try await UIRoutes.scheduleForm(request, context)
        let id = StatusReport.ID(raw.rawValue)
        do {
            try await act(id, form, auth.caller)
            context.logger.info("status report reviewed", metadata: ["report": .stringConvertible(id), "path": .string(request.uri.path)])
            return Response(status: .seeOther, headers: [.location: "/status-reports/\(id)"])
        } catch let error as ServiceError where error.code != .unauthenticated && error.code != .notFound {
            return Pages.report(try await backend.reports.view(id, views: backend.views, auth.caller), auth: auth, error: error,
                                form: form)
        }
    }

    /// An amount typed in major units ("12500" or "12500.50") as minor units; empty is no amount.
    static func money(_ text: String) throws -> Int64? {
        let t = text.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: " ", with: "")
        if t.isEmpty { return nil }
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = Int64(parts[0]), whole >= 0, whole < 10_000_000_000_000,
              parts.count == 1 || (parts[1].count <= 2 && parts[1].allSatisfy(\.isNumber))
        else {
            throw ServiceError.invalid(field: "actual_cost_minor", "the actual cost is an amount like 12500 or 12500.50")
        }
        let cents = parts.count == 2 ? Int64(parts[1].padding(toLength: 2, withPad: "0", startingAt: 0)) ?? 0 : 0
        return whole * 100 + cents
    }
}

extension String {
    fileprivate var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}

extension Pages {
    struct DimensionInfo: Sendable {
        var key: String
        var title: String
        var dimension: StatusReportDimension
    }

    static let dimensions: [DimensionInfo] = [
        DimensionInfo(key: "overall", title: "Overall", dimension: .overall),
        DimensionInfo(key: "schedule", title: "Schedule", dimension: .schedule),
        DimensionInfo(key: "cost", title: "Cost", dimension: .cost),
        DimensionInfo(key: "scope", title: "Scope", dimension: .scope),
        DimensionInfo(key: "risk", title: "Risk", dimension: .risk),
    ]

    /// A period as people read it: its first and last day (the stored end is exclusive).
    static func period(_ start: CalendarDate, _ end: CalendarDate) -> String { "\(start) – \(end.adding(days: -1))" }

    static func ratio(_ value: Double?) -> String {
        guard let value else { return "—" }
        return String(format: "%.2f", value)
    }

    static func amount(_ value: Double, _ r: StatusReport) -> String {
        r.valueBasis == .cost ? String(format: "%.2f %@", value / 100, r.currency) : String(format: "%.1f working days", value)
    }

    static func reports(_ v: ProjectReportsView, auth: Authenticated) -> Response {
        let p = v.header.project
        let rows: [[String: Any]] = v.reports.map { r in
            var row: [String: Any] = ["id": r.id.description, "period": period(r.periodStart, r.periodEnd),
                                      "status": r.status.rawValue, "author": v.names[r.authorId] ?? "user \(r.authorId)",
                                      "submitted": dash(r.submittedAt)]
            for d in dimensions { row[d.key] = r.value(d.dimension).rawValue }
            return row
        }
        var values = crumbs(v.header)
        values["cadence"] = p.reportCadence.rawValue
        values["mode"] = v.header.portfolio.governanceMode.rawValue
        values["health"] = p.health.rawValue
        values["rows"] = rows
        values["csrf"] = csrf(auth)
        values["currentPeriod"] = period(v.current.start, v.current.end)
        if let r = v.current.report { values["currentReport"] = r.id.description }
        if v.previous.report == nil { values["previousPeriod"] = period(v.previous.start, v.previous.end) }
        values["previousStart"] = v.previous.start.description
        if let refusal = v.startRefusal { values["refusal"] = refusal } else { values["mayStart"] = true }
        if let o = v.overdue {
            values["overdue"] = ["period": period(o.periodStart, o.periodEnd), "dueOn": o.dueOn.description,
                                 "daysLate": o.daysLate, "missed": o.missedPeriods]
        }
        return html("statusReports", values, title: "Status reports · \(p.code)", auth: auth, nav: "portfolios")
    }

    static func report(_ v: StatusReportView, auth: Authenticated, error: ServiceError? = nil,
                       form: [String: String]? = nil) -> Response {
        let r = v.report
        let overlay = error?.code == .invalid || error?.code == .forbidden || error?.code == .conflict ? form : nil
        let dims: [[String: Any]] = dimensions.map { d in
            let value = overlay?[d.key].flatMap(Health.init(rawValue:)) ?? r.value(d.dimension)
            let suggested = r.suggested(d.dimension)
            let comment = overlay?[d.key + "_comment"] ?? r.comment(d.dimension)
            let options: [[String: Any]] = [Health.unknown, .green, .amber, .red].map { h in
                ["value": h.rawValue, "label": h == .unknown ? "not rated" : h.rawValue, "selected": h == value]
            }
            var row: [String: Any] = ["key": d.key, "title": d.title, "value": value.rawValue, "options": options,
                                      "comment": comment, "reasons": r.suggestionReasons[d.key] ?? []]
            if let suggested { row["suggested"] = suggested.rawValue }
            if let suggested, value != .unknown, value != suggested { row["override"] = true }
            return row
        }
        var values = crumbs(v.header)
        values["id"] = r.id.description
        values["period"] = period(r.periodStart, r.periodEnd)
        values["status"] = r.status.rawValue
        values["author"] = v.author?.displayName ?? "user \(r.authorId)"
        values["submittedAt"] = dash(r.submittedAt)
        if let reviewer = v.reviewer { values["reviewer"] = reviewer.displayName; values["reviewedAt"] = dash(r.reviewedAt) }
        if let comment = r.returnComment, r.status == .returned { values["returnComment"] = comment }
        values["dimensions"] = dims
        values["statusDate"] = r.statusDate.description
        values["basis"] = r.valueBasis == .cost ? "planned cost of the assignments (\(r.currency))" : "working days (no costed assignments)"
        values["bac"] = amount(r.budgetAtCompletion, r)
        values["pv"] = amount(r.plannedValue, r)
        values["ev"] = amount(r.earnedValue, r)
        values["spi"] = ratio(r.spi)
        values["cpi"] = ratio(r.cpi)
        values["overdueMilestones"] = r.overdueMilestones
        values["openHighRisks"] = r.openHighRisks
        values["actualCost"] = overlay?["actual_cost"]
            ?? r.actualCostMinor.map { String(format: "%.2f", Double($0) / 100) } ?? ""
        values["accomplishments"] = overlay?["accomplishments"] ?? r.accomplishments
        values["nextSteps"] = overlay?["next_steps"] ?? r.nextSteps
        values["escalations"] = overlay?["escalations"] ?? r.escalations
        values["csrf"] = csrf(auth)
        if v.mayEdit { values["editable"] = true }
        if v.mayReview { values["mayReview"] = true }
        if let error { values["error"] = error.message }
        let status = error.map { HTTPResponse.Status(code: $0.code == .invalid ? 422 : $0.code == .forbidden ? 403 : 409) } ?? .ok
        return html("statusReport", values, title: "Status report \(v.header.project.code) \(period(r.periodStart, r.periodEnd))",
                    auth: auth, status: status, nav: "portfolios")
    }

    static func portfolioReport(_ r: PortfolioReport, auth: Authenticated) -> Response {
        let trendText: [PortfolioReport.Trend: String] = [.better: "▲ better", .same: "= same", .worse: "▼ worse"]
        // Mustache shows a section for an empty string: what is absent is left out of a row.
        let rows: [[String: Any]] = r.projects.map { l in
            var row: [String: Any] = [
                "projectId": l.projectId.description, "code": l.code, "name": l.name, "health": l.health.rawValue,
                "source": l.healthSource == "report" ? "from the report" : "project health, no report yet",
                "manager": l.manager ?? "—", "state": l.state.rawValue.replacingOccurrences(of: "_", with: " "),
                "period": l.periodStart.flatMap { s in l.periodEnd.map { period(s, $0) } } ?? "—",
                "reportStatus": l.reportStatus?.rawValue ?? "", "trend": l.trend.map { trendText[$0] ?? $0.rawValue } ?? "—",
                "trendKey": l.trend?.rawValue ?? "none",
            ]
            if let id = l.reportId { row["reportId"] = id.description }
            if let late = l.daysLate { row["late"] = "\(late) days late" }
            return row
        }
        let health: [[String: Any]] = [Health.red, .amber, .green, .unknown].compactMap { h in
            r.healthCounts[h.rawValue].map { ["key": h.rawValue, "count": $0] }
        }
        let escalations: [[String: Any]] = r.escalations.map { ["code": $0.code, "name": $0.name, "text": $0.text] }
        let overdue: [[String: Any]] = r.overdue.map { o in
            ["projectId": o.projectId.description, "code": o.projectCode, "name": o.projectName,
             "period": period(o.periodStart, o.periodEnd), "dueOn": o.dueOn.description, "daysLate": o.daysLate,
             "state": o.reportStatus?.rawValue ?? "missing", "missed": o.missedPeriods]
        }
        func gates(_ list: [PortfolioReport.Gate]) -> [[String: Any]] {
            list.map { g in
                var row: [String: Any] = [
                    "href": "/projects/\(g.projectId)/phases/\(g.phaseId)", "code": g.code, "name": g.name, "phase": g.phase,
                    "gate": g.gateName, "date": dash(g.gateDate), "status": g.gateStatus.label, "statusKey": g.gateStatus.rawValue,
                    "unmet": g.unmetMustMeets,
                ]
                if let days = g.daysOverdue { row["gateDaysAgo"] = "\(days) days ago" }  // a name no outer section has
                return row
            }
        }
        let risks: [[String: Any]] = r.topRisks.map { k in
            ["href": "/projects/\(k.projectId)/raid", "code": k.code, "project": k.project, "title": k.title,
             "score": k.score, "pxi": "\(k.probability) × \(k.impact)", "level": k.level.rawValue,
             "riskOwner": k.owner ?? "—", "response": k.responseStrategy.rawValue, "due": dash(k.dueDate)]
        }
        return html("portfolioReport", [
            "id": r.portfolioId.description, "code": r.code, "name": r.name, "mode": r.governanceMode.rawValue,
            "asOf": r.asOf.description, "projectCount": r.projects.count, "health": health, "rows": rows,
            "escalations": escalations, "overdue": overdue, "gatesWaiting": gates(r.gatesWaiting),
            "gatesComingUp": gates(r.gatesComingUp), "horizon": StatusReports.gateHorizonDays, "risks": risks,
        ], title: "\(r.name): portfolio report", auth: auth, nav: "portfolios")
    }
}

enum StatusReportTemplates {
    static let all: [(String, String)] = [
        ("statusReports", reports), ("statusReport", report), ("portfolioReport", portfolioReport),
    ]

    static let reports = """
        <nav class="crumbs" aria-label="Breadcrumb"><a href="/portfolios">Portfolios</a> › <a href="/portfolios/{{portfolioId}}">{{portfolioCode}}</a> › <a href="/projects/{{projectId}}">{{projectCode}}</a> › <span aria-current="page">Status reports</span></nav>
        <h1>Status reports: {{projectName}}</h1>
        <dl class="facts">
          <div><dt>Cadence</dt><dd id="cadence">{{cadence}}</dd></div>
          <div><dt>Governance</dt><dd><span class="mode mode-{{mode}}">{{mode}}</span></dd></div>
          <div><dt>Health</dt><dd><span class="rag rag-{{health}}">{{health}}</span></dd></div>
          <div><dt>Current period</dt><dd class="date">{{currentPeriod}}</dd></div>
        </dl>
        {{#overdue}}<p class="notice" role="status" id="overdue-notice">The report for {{period}} was due on {{dueOn}} and is {{daysLate}} days late ({{missed}} reports late in all).</p>{{/overdue}}
        {{#mayStart}}
        <div class="actions" role="group" aria-label="Report actions">
          {{#currentReport}}<a href="/status-reports/{{currentReport}}" id="open-current-report">Open the report for {{currentPeriod}}</a>{{/currentReport}}
          {{^currentReport}}<form method="post" action="/projects/{{projectId}}/reports"><input type="hidden" name="csrf_token" value="{{csrf}}"><button type="submit" id="new-report">New report for {{currentPeriod}}</button></form>{{/currentReport}}
          {{#previousPeriod}}<form method="post" action="/projects/{{projectId}}/reports"><input type="hidden" name="csrf_token" value="{{csrf}}"><input type="hidden" name="period_start" value="{{previousStart}}"><button type="submit" id="new-previous-report" class="secondary">Report for {{previousPeriod}}</button></form>{{/previousPeriod}}
        </div>
        {{/mayStart}}
        {{#refusal}}<p class="muted" id="reports-readonly">{{refusal}}</p>{{/refusal}}
        <div class="scroll">
        <table class="grid" id="reports">
          <caption class="sr">Status reports of {{projectCode}}, the latest period first</caption>
          <thead><tr><th scope="col">Period</th><th scope="col">Status</th><th scope="col">Overall</th><th scope="col">Schedule</th><th scope="col">Cost</th><th scope="col">Scope</th><th scope="col">Risk</th><th scope="col">Author</th><th scope="col">Submitted</th></tr></thead>
          <tbody>
          {{#rows}}<tr id="report-{{id}}"><td class="date"><a href="/status-reports/{{id}}" class="report-link">{{period}}</a></td><td><span class="state status-{{status}}">{{status}}</span></td><td><span class="rag rag-{{overall}}">{{overall}}</span></td><td><span class="rag rag-{{schedule}}">{{schedule}}</span></td><td><span class="rag rag-{{cost}}">{{cost}}</span></td><td><span class="rag rag-{{scope}}">{{scope}}</span></td><td><span class="rag rag-{{risk}}">{{risk}}</span></td><td>{{author}}</td><td class="date">{{submitted}}</td></tr>{{/rows}}
          {{^rows}}<tr><td colspan="9">No status reports yet.</td></tr>{{/rows}}
          </tbody>
        </table>
        </div>
        <p><a href="/projects/{{projectId}}">Back to {{projectCode}} {{projectName}}</a></p>
        """

    static let report = """
        <nav class="crumbs" aria-label="Breadcrumb"><a href="/portfolios">Portfolios</a> › <a href="/portfolios/{{portfolioId}}">{{portfolioCode}}</a> › <a href="/projects/{{projectId}}">{{projectCode}}</a> › <a href="/projects/{{projectId}}/reports">Status reports</a> › <span aria-current="page">{{period}}</span></nav>
        <h1>Status report {{projectCode}}: {{period}}</h1>
        <dl class="facts">
          <div><dt>Status</dt><dd><span class="state status-{{status}}" id="report-status">{{status}}</span></dd></div>
          <div><dt>Author</dt><dd>{{author}}</dd></div>
          <div><dt>Submitted</dt><dd class="date">{{submittedAt}}</dd></div>
          {{#reviewer}}<div><dt>Reviewed</dt><dd>{{reviewer}}, <span class="date">{{reviewedAt}}</span></dd></div>{{/reviewer}}
        </dl>
        {{#returnComment}}<div class="notice" role="status" id="return-comment"><strong>Returned by the PMO{{#reviewer}} ({{reviewer}}){{/reviewer}}:</strong> <span id="return-comment-text">{{returnComment}}</span><br>Change the report and submit it again.</div>{{/returnComment}}
        {{#error}}<p class="alert" role="alert" id="report-error">{{error}}</p>{{/error}}
        <section aria-labelledby="numbers-title" id="numbers">
          <h2 id="numbers-title">The numbers as of {{statusDate}}</h2>
          <dl class="facts">
            <div><dt>SPI</dt><dd id="spi">{{spi}}</dd></div>
            <div><dt>CPI</dt><dd id="cpi">{{cpi}}</dd></div>
            <div><dt>Planned value</dt><dd>{{pv}}</dd></div>
            <div><dt>Earned value</dt><dd>{{ev}}</dd></div>
            <div><dt>Budget at completion</dt><dd>{{bac}}</dd></div>
            <div><dt>Overdue milestones</dt><dd id="overdue-milestones">{{overdueMilestones}}</dd></div>
            <div><dt>Open high risks</dt><dd>{{openHighRisks}}</dd></div>
          </dl>
          <p class="muted">Earned value weighted by {{basis}}. Suggested colours: green at or above 0.95, amber at or above 0.85, red below; overall is the worst of SPI, CPI and the counts.</p>
        </section>
        {{#editable}}
        <form method="post" action="/status-reports/{{id}}" id="report-form" class="report-form">
          <input type="hidden" name="csrf_token" value="{{csrf}}">
          <div class="ratings">
          {{#dimensions}}
          <fieldset class="rating" id="rating-{{key}}">
            <legend>{{title}}</legend>
            <p class="suggestion">Suggested: {{#suggested}}<span class="rag rag-{{suggested}}" id="{{key}}-suggested">{{suggested}}</span>{{/suggested}}{{^suggested}}<span class="muted" id="{{key}}-suggested">none</span>{{/suggested}}</p>
            <ul class="reasons">{{#reasons}}<li>{{.}}</li>{{/reasons}}</ul>
            <label for="{{key}}">Rating</label>
            <select id="{{key}}" name="{{key}}">{{#options}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/options}}</select>
            <label for="{{key}}_comment">Comment{{#suggested}} (required when the rating differs from the suggestion){{/suggested}}</label>
            <textarea id="{{key}}_comment" name="{{key}}_comment" rows="2">{{comment}}</textarea>
          </fieldset>
          {{/dimensions}}
          </div>
          <label for="accomplishments">Accomplishments this period</label>
          <textarea id="accomplishments" name="accomplishments" rows="4">{{accomplishments}}</textarea>
          <label for="next_steps">Next steps</label>
          <textarea id="next_steps" name="next_steps" rows="4">{{nextSteps}}</textarea>
          <label for="escalations">Escalations: what needs the PMO's or the sponsor's help</label>
          <textarea id="escalations" name="escalations" rows="3">{{escalations}}</textarea>
          <label for="actual_cost">Actual cost to date (in the project's currency, e.g. 12500.50; makes CPI available)</label>
          <input id="actual_cost" name="actual_cost" inputmode="decimal" value="{{actualCost}}">
          <div class="actions">
            <button type="submit" name="action" value="save" id="save-report" class="secondary">Save draft</button>
            <button type="submit" name="action" value="submit" id="submit-report">Submit for review</button>
          </div>
        </form>
        {{/editable}}
        {{^editable}}
        <section aria-labelledby="ratings-title">
          <h2 id="ratings-title">Ratings</h2>
          <table class="grid" id="ratings">
            <thead><tr><th scope="col">Dimension</th><th scope="col">Suggested</th><th scope="col">Rating</th><th scope="col">Comment</th><th scope="col">Why suggested</th></tr></thead>
            <tbody>
            {{#dimensions}}<tr id="rating-{{key}}"><th scope="row">{{title}}</th><td>{{#suggested}}<span class="rag rag-{{suggested}}">{{suggested}}</span>{{/suggested}}{{^suggested}}<span class="muted">none</span>{{/suggested}}</td><td><span class="rag rag-{{value}}" id="{{key}}-value">{{value}}</span>{{#override}} <span class="muted">override</span>{{/override}}</td><td>{{comment}}</td><td class="muted">{{#reasons}}{{.}}<br>{{/reasons}}</td></tr>{{/dimensions}}
            </tbody>
          </table>
        </section>
        <section aria-labelledby="texts-title">
          <h2 id="texts-title">Accomplishments, next steps, escalations</h2>
          <h3>Accomplishments</h3><p class="prose" id="accomplishments">{{accomplishments}}{{^accomplishments}}—{{/accomplishments}}</p>
          <h3>Next steps</h3><p class="prose" id="next-steps">{{nextSteps}}{{^nextSteps}}—{{/nextSteps}}</p>
          <h3>Escalations</h3><p class="prose" id="escalations">{{escalations}}{{^escalations}}—{{/escalations}}</p>
        </section>
        {{/editable}}
        {{#mayReview}}
        <section aria-labelledby="review-title" class="review no-print" id="review">
          <h2 id="review-title">PMO review</h2>
          <div class="actions">
            <form method="post" action="/status-reports/{{id}}/accept"><input type="hidden" name="csrf_token" value="{{csrf}}"><button type="submit" id="accept-report">Accept</button></form>
          </div>
          <form method="post" action="/status-reports/{{id}}/return" class="return-form">
            <input type="hidden" name="csrf_token" value="{{csrf}}">
            <label for="return-comment-input">Comment for the author (what to change)</label>
            <textarea id="return-comment-input" name="comment" rows="3" required></textarea>
            <div class="actions"><button type="submit" id="return-report" class="secondary">Return with comment</button></div>
          </form>
        </section>
        {{/mayReview}}
        <p class="no-print"><a href="/projects/{{projectId}}/reports">All status reports of {{projectCode}}</a></p>
        """

    static let portfolioReport = """
        <nav class="crumbs no-print" aria-label="Breadcrumb"><a href="/portfolios">Portfolios</a> › <a href="/portfolios/{{id}}">{{code}}</a> › <span aria-current="page">Portfolio report</span></nav>
        <h1>{{name}}: portfolio report</h1>
        <p class="lede">As of {{asOf}} · <span class="mode mode-{{mode}}">{{mode}}</span> governance · {{projectCount}} projects (closed and cancelled ones left out).</p>
        <div class="actions no-print"><a href="/portfolios/{{id}}/report.csv" id="report-csv" download>Download CSV</a></div>
        <dl class="facts" id="health-counts">{{#health}}<div><dt>{{key}}</dt><dd><span class="rag rag-{{key}}">{{count}}</span></dd></div>{{/health}}</dl>
        <section aria-labelledby="by-health-title" id="by-health">
          <h2 id="by-health-title">Projects by health</h2>
          <table class="grid" id="projects-by-health">
            <thead><tr><th scope="col">Health</th><th scope="col">Project</th><th scope="col">Manager</th><th scope="col">Latest report</th><th scope="col">Trend since the report before</th><th scope="col">Reporting</th></tr></thead>
            <tbody>
            {{#rows}}<tr id="line-{{code}}"><td><span class="rag rag-{{health}}" title="{{source}}">{{health}}</span></td><td><span class="code">{{code}}</span> <a href="/projects/{{projectId}}">{{name}}</a> <span class="state">{{state}}</span></td><td>{{manager}}</td><td>{{#reportId}}<a href="/status-reports/{{reportId}}">{{period}}</a> <span class="muted">{{reportStatus}}</span>{{/reportId}}{{^reportId}}<span class="muted">{{source}}</span>{{/reportId}}</td><td class="trend trend-{{trendKey}}">{{trend}}</td><td>{{#late}}<span class="crit">{{late}}</span>{{/late}}</td></tr>{{/rows}}
            {{^rows}}<tr><td colspan="6">No open projects.</td></tr>{{/rows}}
            </tbody>
          </table>
        </section>
        <section aria-labelledby="escalations-title" id="escalations">
          <h2 id="escalations-title">Escalations</h2>
          {{#escalations}}<div class="escalation"><h3><span class="code">{{code}}</span> {{name}}</h3><p class="prose">{{text}}</p></div>{{/escalations}}
          {{^escalations}}<p class="muted">No project escalates anything in its latest report.</p>{{/escalations}}
        </section>
        <section aria-labelledby="overdue-title" id="overdue">
          <h2 id="overdue-title">Late status reports</h2>
          <table class="grid narrow" id="overdue-reports">
            <thead><tr><th scope="col">Project</th><th scope="col">Period</th><th scope="col">Due</th><th scope="col" class="num">Days late</th><th scope="col">Report</th></tr></thead>
            <tbody>
            {{#overdue}}<tr><td><span class="code">{{code}}</span> <a href="/projects/{{projectId}}/reports">{{name}}</a></td><td class="date">{{period}}</td><td class="date">{{dueOn}}</td><td class="num">{{daysLate}}</td><td>{{state}}</td></tr>{{/overdue}}
            {{^overdue}}<tr><td colspan="5">No report is late (reports are flagged late only in controlling and directive portfolios).</td></tr>{{/overdue}}
            </tbody>
          </table>
        </section>
        <section aria-labelledby="risks-title" id="top-risks">
          <h2 id="risks-title">Top risks</h2>
          <table class="grid" id="top-risks-table">
            <thead><tr><th scope="col" class="num">Score</th><th scope="col">Risk</th><th scope="col">Project</th><th scope="col">Owner</th><th scope="col">Response</th><th scope="col">Due</th></tr></thead>
            <tbody>
            {{#risks}}<tr><td class="num"><span class="risk-{{level}}" title="probability × impact: {{pxi}}">{{score}}</span></td><td><a href="{{href}}">{{title}}</a></td><td><span class="code">{{code}}</span> {{project}}</td><td>{{riskOwner}}</td><td>{{response}}</td><td class="date">{{due}}</td></tr>{{/risks}}
            {{^risks}}<tr><td colspan="6">No open risks.</td></tr>{{/risks}}
            </tbody>
          </table>
        </section>
        <section aria-labelledby="gates-title" id="gates">
          <h2 id="gates-title">Gates waiting for a decision and coming up</h2>
          <h3 id="gates-waiting-title">Waiting for a decision</h3>
          <table class="grid" id="gates-waiting" aria-labelledby="gates-waiting-title">
            <thead><tr><th scope="col">Project</th><th scope="col">Phase and gate</th><th scope="col">Gate date</th><th scope="col">Status</th><th scope="col" class="num">Must-meet criteria not met</th></tr></thead>
            <tbody>
            {{#gatesWaiting}}<tr><td><span class="code">{{code}}</span> {{name}}</td><td><a href="{{href}}">{{phase}}: {{gate}}</a></td><td class="date">{{date}}{{#gateDaysAgo}} <span class="crit">{{gateDaysAgo}}</span>{{/gateDaysAgo}}</td><td><span class="state gate-{{statusKey}}">{{status}}</span></td><td class="num">{{unmet}}</td></tr>{{/gatesWaiting}}
            {{^gatesWaiting}}<tr><td colspan="5">No gate waits for a decision.</td></tr>{{/gatesWaiting}}
            </tbody>
          </table>
          <h3 id="gates-coming-title">Coming up in the next {{horizon}} days</h3>
          <table class="grid" id="gates-coming-up" aria-labelledby="gates-coming-title">
            <thead><tr><th scope="col">Project</th><th scope="col">Phase and gate</th><th scope="col">Gate date</th><th scope="col">Status</th><th scope="col" class="num">Must-meet criteria not met</th></tr></thead>
            <tbody>
            {{#gatesComingUp}}<tr><td><span class="code">{{code}}</span> {{name}}</td><td><a href="{{href}}">{{phase}}: {{gate}}</a></td><td class="date">{{date}}</td><td><span class="state gate-{{statusKey}}">{{status}}</span></td><td class="num">{{unmet}}</td></tr>{{/gatesComingUp}}
            {{^gatesComingUp}}<tr><td colspan="5">No gate comes up in the next {{horizon}} days.</td></tr>{{/gatesComingUp}}
            </tbody>
          </table>
        </section>
        """
}
