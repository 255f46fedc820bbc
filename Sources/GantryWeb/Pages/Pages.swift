import Foundation
import GantryModel
import GantryServices
import Hummingbird
import Mustache
import NIOCore

/// Renders the server-side HTML pages.
enum Pages {
    static let library: MustacheLibrary = {
        var library = MustacheLibrary()
        let all: [(String, String)] = [
            ("layout", Templates.layout), ("login", Templates.login), ("portfolios", Templates.portfolios),
            ("portfolio", Templates.portfolio), ("project", Templates.project), ("schedule", Templates.schedule),
            ("error", Templates.error), ("scheduleActions", Templates.scheduleActions), ("activity", Templates.activity),
            ("leveling", Templates.leveling), ("risk", Templates.risk), ("audit", Templates.audit),
            // A page whose body Gantry rendered itself, every value escaped where it was put together.
            ("raw", "{{{html}}}"),
        ] + intakeTemplates + GateTemplates.all + RAIDTemplates.all + StatusReportTemplates.all
            + InterchangeTemplates.all + AccountTemplates.all + RecordTemplates.all + CapacityTemplates.all
            + StaffingTemplates.all + ScenarioTemplates.all + MoneyTemplates.all
        for (name, text) in all {
            do { try library.register(text, named: name) } catch { fatalError("template \(name) does not parse: \(error)") }
        }
        return library
    }()

    static func html(_ template: String, _ values: [String: Any], title: String, auth: Authenticated?,
                     status: HTTPResponse.Status = .ok, nav: String? = nil) -> Response {
        // Mustache treats an empty string as true in a section; leave empty values out so `{{#x}}` hides.
        let present = values.filter { !(($0.value as? String)?.isEmpty ?? false) }
        let body = library.render(present, withTemplate: template) ?? ""
        var page: [String: Any] = ["title": title, "body": body, "version": GantryVersion.current]
        if let auth {
            var user: [String: Any] = ["displayName": auth.user.displayName, "roleTitle": auth.user.role.title]
            if case .session(_, let csrf) = auth.via { user["csrf"] = csrf }
            if nav == "portfolios" { user["navPortfolios"] = true }
            if nav == "audit" { user["navAudit"] = true }
            if nav == "resources" { user["navResources"] = true }
            if nav == "calendars" { user["navCalendars"] = true }
            if nav == "intake" { user["navIntake"] = true }
            if nav == "glossary" { user["navGlossary"] = true }
            if nav == "inbox" { user["navInbox"] = true }
            if nav == "work" { user["navWork"] = true }
            if nav == "lessons" { user["navLessons"] = true }
            if nav == "training" { user["navTraining"] = true }
            if nav == "templates" { user["navTemplates"] = true }
            if nav == "capacity" { user["navCapacity"] = true }
            if nav == "timesheets" { user["navTimesheets"] = true }
            if nav == "approvals" { user["navApprovals"] = true }
            if nav == "finance" { user["navFinance"] = true }
            if [.admin, .pmoDirector, .pmoAnalyst, .portfolioManager, .projectManager].contains(auth.user.role) { user["canApprove"] = true }
            if [.admin, .pmoDirector, .pmoAnalyst].contains(auth.user.role) { user["canAudit"] = true }
            AccountPages.nav(auth, nav, into: &user)
            page["user"] = user
        }
        let text = library.render(page, withTemplate: "layout") ?? ""
        return Response(status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func errorPage(_ problem: Problem, signedIn: Authenticated?) -> Response {
        html("error", ["title": problem.title, "detail": problem.detail, "requestId": problem.requestId ?? ""],
             title: problem.title, auth: signedIn, status: HTTPResponse.Status(code: problem.status))
    }

    static func dash(_ value: (any CustomStringConvertible)?) -> String { value.map(\.description) ?? "—" }

    static func portfolios(_ list: [(Portfolio, projectCount: Int, owner: User?)], auth: Authenticated) -> Response {
        let rows: [[String: Any]] = list.map { p, n, owner in
            ["id": p.id.description, "code": p.code, "name": p.name, "mode": p.governanceMode.rawValue,
             "owner": owner?.displayName ?? "—", "projects": n]
        }
        return html("portfolios", ["rows": rows, "count": list.count, "projectTotal": list.map(\.projectCount).reduce(0, +),
                                   "recordLinks": RecordLinks.portfolioList(auth)],
                    title: "Portfolios", auth: auth, nav: "portfolios")
    }

    static func portfolio(_ o: PortfolioOverview, imports: [ImportReport] = [], mayImport: Bool = false,
                          auth: Authenticated) -> Response {
        func rows(_ projects: [Project]) -> [[String: Any]] {
            projects.sorted { $0.code < $1.code }.map { p in
                ["id": p.id.description, "code": p.code, "name": p.name, "state": p.state.rawValue.replacingOccurrences(of: "_", with: " "),
                 "health": p.health.rawValue, "manager": p.managerId.flatMap { o.managers[$0]?.displayName } ?? "—",
                 "start": dash(p.startDate), "finish": dash(p.finishDate)]
            }
        }
        var groups: [[String: Any]] = o.programs.sorted { $0.code < $1.code }.map { program in
            ["anchor": "program-\(program.id)", "title": "Program \(program.code): \(program.name)",
             "state": program.state.rawValue, "projects": rows(o.projects(in: program.id))]
        }
        let loose = o.projects(in: nil)
        if !loose.isEmpty || groups.isEmpty {
            groups.append(["anchor": "standalone", "title": o.programs.isEmpty ? "Projects" : "Projects outside programs",
                           "projects": rows(loose)])
        }
        let health: [[String: Any]] = Health.allCases.compactMap { h in
            o.healthCounts[h].map { ["key": h.rawValue, "count": $0] }
        }
        let p = o.portfolio
        return html("portfolio", [
            "id": p.id.description, "code": p.code, "name": p.name, "mode": p.governanceMode.rawValue,
            "owner": o.owner?.displayName ?? "—",
            "description": p.description, "projectCount": o.projects.count, "health": health, "groups": groups,
            "recordLinks": RecordLinks.portfolio(o, auth),
            "interchange": library.render([
                "id": p.id.description, "csrf": csrf(auth), "mayImport": mayImport,
                "imports": imports.prefix(5).map { r -> [String: Any] in
                    ["id": r.id.description, "projectId": r.projectId.description, "fileName": r.fileName,
                     "activities": r.counts.activities, "warnings": r.warnings.count, "when": r.createdAt.description]
                },
            ], withTemplate: "portfolioInterchange") ?? "",
        ], title: p.name, auth: auth, nav: "portfolios")
    }

    /// The schedule tables of a plan, rendered, with the counts the page header shows.
    struct Schedule: Sendable {
        var html: String
        var activities: Int
        var milestones: Int
    }

    static func project(_ header: ProjectHeader, _ schedule: Schedule, phases: String = "", auth: Authenticated) -> Response {
        let p = header.project
        // The buttons depend on who is looking, so they are rendered here, never in the cached schedule fragment.
        var actions: [String: Any] = ["projectId": p.id.description, "csrf": csrf(auth)]
        if let refusal = header.scheduleChangeRefusal(auth.caller) { actions["refusal"] = refusal } else { actions["mayChange"] = true }
        return html("project", [
            "actions": library.render(actions, withTemplate: "scheduleActions") ?? "",
            "projectId": p.id.description,
            "portfolioId": header.portfolio.id.description, "portfolioCode": header.portfolio.code,
            "program": header.program.map { "\($0.code) \($0.name)" } ?? "", "code": p.code, "name": p.name,
            "state": p.state.rawValue.replacingOccurrences(of: "_", with: " "), "health": p.health.rawValue,
            "manager": header.manager?.displayName ?? "—", "start": dash(p.startDate), "finish": dash(p.finishDate),
            "schedulingRules": Self.rulesText(p),
            "description": p.description, "schedule": schedule.html, "phases": phases, "activityCount": schedule.activities,
            "milestoneCount": schedule.milestones, "csrf": csrf(auth), "recordLinks": RecordLinks.project(header, auth),
        ], title: "\(p.code) \(p.name)", auth: auth, nav: "portfolios")
    }

    /// The project's scheduling rules in words, with the options it sets apart from the rules' own.
    static func rulesText(_ p: Project) -> String {
        var parts = [p.schedulingRules.label]
        if let c = p.lagCalendar { parts.append("lags on " + c.label.lowercased()) }
        if let f = p.totalFloat { parts.append("total float: " + f.label.lowercased()) }
        if p.openEndsCritical { parts.append("open-ended activities critical") }
        if p.criticalByLongestPath { parts.append("critical on the longest path") }
        if p.useExpectedFinish { parts.append("expected finish dates used") }
        if let m = p.mustFinishBy { parts.append("must finish by " + m.formatted().replacingOccurrences(of: "T", with: " ")) }
        return parts.joined(separator: "; ")
    }

    static func typeTitle(_ t: DependencyType) -> String {
        switch t {
        case .finishToStart: "finish-to-start"
        case .startToStart: "start-to-start"
        case .finishToFinish: "finish-to-finish"
        case .startToFinish: "start-to-finish"
        }
    }
}
