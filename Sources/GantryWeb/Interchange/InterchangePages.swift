import Foundation
import GantryModel
import GantryServices
import Hummingbird
import Logging
import Mustache
import NIOCore

/// The interchange pages: uploading a plan on a portfolio page, the import report, and the calendar-feed address
/// shown once after it is made. Downloads link straight to the API (a browser session may read it).
struct InterchangePages: Sendable {
    let backend: Backend

    func register(on router: Router<GantryContext>) {
        let interchange = backend.interchange
        router.post("portfolios/:id/imports") { request, context in
            let auth = try UIRoutes.signedIn(context)
            let portfolio = Portfolio.ID(try APIRoutes.id(context))
            let upload = try await InterchangeRoutes.upload(request, context)
            try UIRoutes.checkCSRF(upload.csrf, of: auth)
            do {
                let report = try await interchange.importFile(upload.data, fileName: upload.fileName, into: portfolio,
                                                              code: upload.code, name: upload.name, project: upload.project,
                                                              auth.caller)
                context.logger.info("plan imported", metadata: [
                    "project": .stringConvertible(report.projectId), "file": .string(upload.fileName),
                    "activities": .stringConvertible(report.counts.activities)])
                return Response(status: .seeOther, headers: [.location: "/imports/\(report.id)"])
            } catch let error as ServiceError where [.invalid, .conflict, .dependencyCycle, .tooLarge, .badRequest].contains(error.code) {
                context.logger.info("import refused", metadata: ["file": .string(upload.fileName), "reason": .string(error.message)])
                return Pages.html("importRefused", [
                    "portfolioId": portfolio.description, "fileName": upload.fileName, "message": error.message,
                ], title: "Import refused", auth: auth, status: error.code.httpStatus, nav: "portfolios")
            }
        }
        router.get("imports/:id") { _, context in
            let auth = try UIRoutes.signedIn(context)
            let report = try await interchange.report(ImportReport.ID(try APIRoutes.id(context)), auth.caller)
            let header = try? await backend.views.projectHeader(report.projectId, auth.caller)
            return Self.reportPage(report, project: header?.project, portfolio: header?.portfolio, auth: auth)
        }
        for scope in CalendarFeed.Scope.allCases {
            router.post(RouterPath(stringLiteral: "\(scope.rawValue)s/:id/calendar-feed")) { request, context in
                let (auth, _) = try await UIRoutes.postedForm(request, context)
                let id = try APIRoutes.id(context)
                let (_, token) = try await interchange.createFeed(scope, subject: id, auth.caller)
                let url = InterchangeRoutes.baseURL(request) + "/feeds/\(token).ics"
                return Pages.html("calendarFeed", [
                    "url": url, "back": "/\(scope.rawValue)s/\(id)", "scope": scope.rawValue,
                ], title: "Calendar feed", auth: auth, nav: "portfolios")
            }
        }
    }

    static func reportPage(_ r: ImportReport, project: Project?, portfolio: Portfolio?, auth: Authenticated) -> Response {
        let c = r.counts
        let counts: [[String: Any]] = [
            ("Activities", c.activities), ("of which summaries", c.summaries), ("of which milestones", c.milestones),
            ("Links", c.dependencies), ("Calendars", c.calendars), ("Resources created", c.resourcesCreated),
            ("Resources reused (same name)", c.resourcesReused), ("Assignments", c.assignments), ("Baselines", c.baselines),
        ].map { ["label": $0.0, "value": $0.1] }
        let unmodelled: [[String: Any]] = r.unmodelled.sorted { $0.key < $1.key }.map { ["what": $0.key, "count": $0.value] }
        var values: [String: Any] = [
            "id": r.id.description, "projectId": r.projectId.description, "portfolioId": r.portfolioId.description,
            "fileName": r.fileName, "format": Self.formatName(r.format), "application": r.application,
            "importedAt": r.createdAt.description, "counts": counts, "warnings": r.warnings.map { ["text": $0] },
            "warningCount": r.warnings.count, "unmodelled": unmodelled,
            "projectCode": project?.code ?? "project \(r.projectId)", "projectName": project?.name ?? "(deleted)",
            "portfolioCode": portfolio?.code ?? "Portfolio",
        ]
        if let a = r.agreement {
            var agreement: [String: Any] = [
                "leafTasks": a.leafTasks, "agreeAll": a.agreeAll, "percent": String(format: "%.1f", a.agreePercent),
                "fields": a.byField.sorted { $0.key < $1.key }.map { ["field": $0.key.replacingOccurrences(of: "_", with: " "), "percent": String(format: "%.1f", $0.value)] },
                "examples": a.examples.map { ["text": $0] },
            ]
            if let e = a.error { agreement["error"] = e }
            if let s = a.staleTasks { agreement["stale"] = s }
            values["agreement"] = agreement
        }
        return Pages.html("importReport", values, title: "Import of \(r.fileName)", auth: auth, nav: "portfolios")
    }

    static func formatName(_ format: String) -> String {
        switch format {
        case "mspdi": "MS Project XML"
        case "xer": "Primavera P6 XER"
        case "p6xml": "Primavera P6 XML"
        case "gan": "GanttProject"
        default: format
        }
    }
}

/// The interchange pages' templates (Mustache, compiled in). `{{x}}` escapes HTML.
enum InterchangeTemplates {
    static let all: [(String, String)] = [
        ("importReport", report), ("importRefused", refused), ("calendarFeed", feed), ("portfolioInterchange", portfolio),
    ]

    /// The portfolio page's part: upload a plan, recent imports, downloads and the calendar feed.
    static let portfolio = """
        <section aria-labelledby="import-title" class="interchange">
          <h2 id="import-title">Import a plan</h2>
          <p class="muted">An MS Project XML file, a Primavera P6 XER (or P6 XML) export, or a GanttProject .gan file becomes a new project of this portfolio, with its tasks, links, calendars, resources, assignments and baselines. The format is read from the file itself.</p>
          {{^mayImport}}<p class="muted" id="import-not-allowed">An import creates a project, which the PMO director or this portfolio's owner may do.</p>{{/mayImport}}
          {{#mayImport}}
          <form method="post" action="/portfolios/{{id}}/imports" enctype="multipart/form-data" id="import-form" class="raid-form">
            <input type="hidden" name="csrf_token" value="{{csrf}}">
            <div class="wide"><label for="import-file">Plan file</label><input type="file" id="import-file" name="file" required accept=".xml,.xer,.gan"></div>
            <div><label for="import-code">Project code (optional)</label><input id="import-code" name="code" maxlength="32" placeholder="from the file name"></div>
            <div><label for="import-name">Project name (optional)</label><input id="import-name" name="name" maxlength="200" placeholder="from the file"></div>
            <div><label for="import-project">Project in the file (P6, optional)</label><input id="import-project" name="project" maxlength="100" placeholder="the exported one" aria-describedby="import-project-help"><small id="import-project-help" class="muted">A P6 file can hold several projects: give the id or short name of the one to import.</small></div>
            <div><button type="submit" id="import-submit">Import</button></div>
          </form>
          {{/mayImport}}
          {{#imports.count}}
          <h3>Recent imports</h3>
          <ul id="recent-imports">{{#imports}}<li><a href="/imports/{{id}}">{{fileName}}</a> → <a href="/projects/{{projectId}}">project</a>, {{activities}} activities, {{warnings}} warnings ({{when}})</li>{{/imports}}</ul>
          {{/imports.count}}
          <p>Download the project list: <a href="/api/v1/portfolios/{{id}}/export?format=xlsx" id="portfolio-xlsx">Excel</a> · <a href="/api/v1/portfolios/{{id}}/export?format=csv" id="portfolio-csv">CSV</a></p>
          <form method="post" action="/portfolios/{{id}}/calendar-feed" class="inline"><input type="hidden" name="csrf_token" value="{{csrf}}"><button type="submit" id="portfolio-feed">Calendar feed of milestones and gates</button></form>
        </section>
        """

    static let report = """
        <nav class="crumbs" aria-label="Breadcrumb"><a href="/portfolios">Portfolios</a> › <a href="/portfolios/{{portfolioId}}">{{portfolioCode}}</a> › <span aria-current="page">Import report</span></nav>
        <h1>Import of {{fileName}}</h1>
        <p class="lede" id="import-summary">{{format}}{{#application}}, written by {{application}}{{/application}}; imported {{importedAt}} as <a href="/projects/{{projectId}}" id="imported-project">{{projectCode}} {{projectName}}</a>.</p>
        <section aria-labelledby="counts-title">
          <h2 id="counts-title">What was made</h2>
          <table class="grid" id="import-counts"><tbody>{{#counts}}<tr><th scope="row">{{label}}</th><td class="num">{{value}}</td></tr>{{/counts}}</tbody></table>
        </section>
        <section aria-labelledby="agreement-title">
          <h2 id="agreement-title">Agreement with the dates stored in the file</h2>
          {{#agreement}}
          {{#error}}<p class="notice" id="agreement-error">The file's plan could not be rescheduled for comparison: {{error}}</p>{{/error}}
          {{^error}}
          <p id="agreement-total">Gantry's engine rescheduled the file from its own start and status date: <strong>{{agreeAll}} of {{leafTasks}}</strong> tasks ({{percent}} %) agree with the stored dates in every field (less than one working minute apart on the task's calendar; slack in the stored units; summary and manual tasks apart).</p>
          <table class="grid" id="agreement-fields"><thead><tr><th scope="col">Field</th><th scope="col">Agree</th></tr></thead><tbody>{{#fields}}<tr><td>{{field}}</td><td class="num">{{percent}} %</td></tr>{{/fields}}</tbody></table>
          {{#stale}}<p class="notice" id="agreement-stale">{{stale}} of these tasks store a late finish that the file's own project finish contradicts: they were saved from an earlier calculation, and no scheduler can agree with them.</p>{{/stale}}
          {{#examples.count}}<h3>Some differences</h3><ul>{{#examples}}<li>{{text}}</li>{{/examples}}</ul>{{/examples.count}}
          {{/error}}
          {{/agreement}}
          {{^agreement}}<p class="muted" id="agreement-none">The file stores no computed dates to compare with.</p>{{/agreement}}
        </section>
        <section aria-labelledby="warnings-title">
          <h2 id="warnings-title">Warnings ({{warningCount}})</h2>
          {{#warnings.count}}<ul id="import-warnings">{{#warnings}}<li>{{text}}</li>{{/warnings}}</ul>{{/warnings.count}}
          {{^warnings}}<p class="muted">None: everything in the file was read as it was.</p>{{/warnings}}
        </section>
        <section aria-labelledby="unmodelled-title">
          <h2 id="unmodelled-title">In the file but not kept by Gantry</h2>
          {{#unmodelled.count}}<table class="grid" id="import-unmodelled"><tbody>{{#unmodelled}}<tr><th scope="row">{{what}}</th><td class="num">{{count}}</td></tr>{{/unmodelled}}</tbody></table>{{/unmodelled.count}}
          {{^unmodelled}}<p class="muted">Nothing: Gantry kept everything the file holds.</p>{{/unmodelled}}
        </section>
        """

    static let refused = """
        <nav class="crumbs" aria-label="Breadcrumb"><a href="/portfolios">Portfolios</a> › <a href="/portfolios/{{portfolioId}}">Portfolio</a> › <span aria-current="page">Import refused</span></nav>
        <h1>Import refused</h1>
        <p class="notice" role="alert" id="import-error">{{fileName}}: {{message}}</p>
        <p>Nothing was imported. <a href="/portfolios/{{portfolioId}}#import-title">Back to the portfolio</a> to try another file.</p>
        """

    static let feed = """
        <h1>Calendar feed</h1>
        <p>Subscribe to this address in your calendar app (Outlook, Google Calendar, Apple Calendar) to see the {{scope}}'s milestones and gates. It works without signing in, so share it only with people who may see them. It is shown only now.</p>
        <p><input readonly size="80" id="feed-url" value="{{url}}"></p>
        <p><a href="{{back}}">Back</a></p>
        """
}
