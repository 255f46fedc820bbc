import GantryModel
import GantryPortfolio
import GantryServices
import Hummingbird

/// Staffing suggestions and "when can we start?" in the browser (issue #14): the work waiting for a person
/// (generic assignments and role allocations), the people who could take one, ranked and explained, with one
/// "Assign" button each; and a request's earliest start. Forms only; no script.
struct StaffingPages: Sendable {
    let backend: Backend

    func register(on router: Router<GantryContext>) {
        let backend = self.backend
        router.get("capacity/staffing") { request, context in
            let auth = try UIRoutes.signedIn(context)
            return try await Self.listPage(backend, auth, done: request.uri.queryParameters.get("staffed"))
        }
        router.get("capacity/staffing/assignments/:id") { _, context in
            let auth = try UIRoutes.signedIn(context)
            let view = try await backend.capacity.staffing(assignment: Assignment.ID(try APIRoutes.id(context)), auth.caller)
            return Self.suggestionsPage(view, auth)
        }
        router.get("capacity/staffing/allocations/:id") { _, context in
            let auth = try UIRoutes.signedIn(context)
            let view = try await backend.capacity.staffing(allocation: ProjectAllocation.ID(try APIRoutes.id(context)), auth.caller)
            return Self.suggestionsPage(view, auth)
        }
        router.post("capacity/staffing/assignments/:id/staff") { request, context in
            let (auth, form) = try await UIRoutes.postedForm(request, context)
            let id = Assignment.ID(try APIRoutes.id(context))
            var reader = FormReader(form)
            let person = reader.id("resource_id", Resource.self) ?? nil
            let result = try await RecordForms.attempt(lead: "Nobody was assigned:") {
                guard let person else { throw ServiceError.invalid(field: "resource_id", "choose a person") }
                return try await backend.capacity.staff(assignment: id, with: person, auth.caller)
            }
            switch result {
            case .success: return RecordForms.redirect("/capacity/staffing?staffed=assignment-\(id)")
            case .failure(let failure):
                let view = try await backend.capacity.staffing(assignment: id, auth.caller)
                return Self.suggestionsPage(view, auth, failure: failure)
            }
        }
        router.post("capacity/staffing/allocations/:id/staff") { request, context in
            let (auth, form) = try await UIRoutes.postedForm(request, context)
            let id = ProjectAllocation.ID(try APIRoutes.id(context))
            var reader = FormReader(form)
            let person = reader.id("resource_id", Resource.self) ?? nil
            let result = try await RecordForms.attempt(lead: "Nobody was assigned:") {
                guard let person else { throw ServiceError.invalid(field: "resource_id", "choose a person") }
                return try await backend.capacity.staff(allocation: id, with: person, auth.caller)
            }
            switch result {
            case .success: return RecordForms.redirect("/capacity/staffing?staffed=allocation-\(id)")
            case .failure(let failure):
                let view = try await backend.capacity.staffing(allocation: id, auth.caller)
                return Self.suggestionsPage(view, auth, failure: failure)
            }
        }
        router.get("projects/:id/start") { _, context in
            let auth = try UIRoutes.signedIn(context)
            let view = try await backend.capacity.whenCanWeStart(project: Project.ID(try APIRoutes.id(context)), auth.caller)
            return Pages.html("projectStart", Self.projectStartValues(view, attempts: 12),
                              title: "When could \(view.project.code) start?", auth: auth, nav: "portfolios")
        }
        router.get("requests/:id/start") { _, context in
            let auth = try UIRoutes.signedIn(context)
            let view = try await backend.capacity.whenCanWeStart(request: IntakeRequest.ID(try APIRoutes.id(context)), auth.caller)
            return Pages.html("requestStart", Self.startValues(view, attempts: 12), title: "When could it start? \(view.request.title)",
                              auth: auth, nav: "intake")
        }
    }

    /// The staffing list, with the confirmation of what was just staffed (`assignment-12`, `allocation-3`).
    static func listPage(_ backend: Backend, _ auth: Authenticated, done: String?) async throws -> Response {
        let work = try await backend.capacity.unstaffed(auth.caller)
        var values: [String: Any] = [
            "rows": work.map { w -> [String: Any] in
                var row: [String: Any] = [
                    "projectId": w.project.id.description, "projectCode": w.project.code, "projectName": w.project.name,
                    "first": w.first.description, "last": w.last.description, "role": w.role,
                    "href": "/capacity/staffing/\(w.kind == .assignment ? "assignments" : "allocations")/\(w.id)",
                ]
                if let a = w.activity { row["activity"] = "\(a.code) \(a.name)" } else { row["activity"] = "Allocation (no plan yet)" }
                row["generic"] = w.generic?.name ?? "Role \(w.role)"
                return row
            },
        ]
        if let done, let confirmation = try await confirmation(backend, auth, done) { values["done"] = confirmation }
        return Pages.html("staffing", values, title: "Staffing", auth: auth, nav: "capacity")
    }

    /// "Ann Analyst now takes A2 Design on P1." for `assignment-12`; nil when it does not read.
    static func confirmation(_ backend: Backend, _ auth: Authenticated, _ done: String) async throws -> [String: Any]? {
        let parts = done.split(separator: "-")
        guard parts.count == 2, let id = Int64(parts[1]) else { return nil }
        switch parts[0] {
        case "assignment":
            let a = try await backend.catalog.get(Assignment.self, Assignment.ID(id), auth.caller)
            let person = try await backend.catalog.get(Resource.self, a.resourceId, auth.caller)
            let activity = try await backend.catalog.get(Activity.self, a.activityId, auth.caller)
            let project = try await backend.catalog.get(Project.self, a.projectId, auth.caller)
            return ["text": "\(person.name) now takes \(activity.code) \(activity.name) on \(project.code).",
                    "href": "/projects/\(project.id)/plan", "link": "\(project.code)'s plan"]
        case "allocation":
            let al = try await backend.catalog.get(ProjectAllocation.self, ProjectAllocation.ID(id), auth.caller)
            guard let rid = al.resourceId else { return nil }
            let person = try await backend.catalog.get(Resource.self, rid, auth.caller)
            let project = try await backend.catalog.get(Project.self, al.projectId, auth.caller)
            return ["text": "\(person.name) now takes \(project.code)'s allocation from \(al.firstDay) to \(al.lastDay).",
                    "href": "/projects/\(project.id)/allocations", "link": "\(project.code)'s allocations"]
        default: return nil
        }
    }

    static func suggestionsPage(_ view: StaffingView, _ auth: Authenticated, failure: FormFailure? = nil) -> Response {
        let csrf = RecordForms.csrf(auth)
        var values: [String: Any] = [
            "csrf": csrf, "need": view.needText, "projectId": view.project.id.description, "projectCode": view.project.code,
            "projectName": view.project.name, "needHours": Pages.number(StaffingDocument.tenth(view.needHours)),
            "first": view.need.first.description, "last": view.need.last.description,
            "required": view.need.skills.map { "\($0.skill) \($0.level)" }.joined(separator: ", "),
            "rows": view.suggestions.map { s -> [String: Any] in
                let person = view.people[s.resource]
                let currency = person?.currency ?? ""
                return [
                    "rank": String(s.rank), "resourceId": s.resource.description, "name": s.name, "role": s.role.isEmpty ? "—" : s.role,
                    "skills": s.skills.isEmpty ? "—" : s.skills.map { m in
                        "\(m.skill) \(m.has.map(String.init) ?? "none") of \(m.required) \(m.isMet ? "(met)" : "(short)")"
                    }.joined(separator: "; "),
                    "free": Pages.number(StaffingDocument.tenth(s.freeHours)),
                    "coverage": Pages.number(StaffingDocument.tenth(s.coveragePercent)) + " %",
                    "rate": s.rateMinorPerHour.map { RateText.format($0, currency: currency) + " \(currency)/h" } ?? "—",
                    "explanation": StaffingDocument.explanation(s, currency: currency),
                ]
            },
        ]
        switch view.work {
        case .assignment(let a, let activity, let generic):
            values["title"] = "Staff \(activity.code) \(activity.name)"
            values["what"] = "\(generic.name) on \(activity.code) \(activity.name), at \(Pages.number(a.units)) %"
            values["action"] = "/capacity/staffing/assignments/\(a.id)/staff"
        case .allocation(let al):
            values["title"] = "Staff \(view.project.code)'s \(al.role) allocation"
            values["what"] = "the allocation of \(AllocationText.amount(al)) of \(al.role)"
            values["action"] = "/capacity/staffing/allocations/\(al.id)/staff"
        }
        if let failure { values["formError"] = failure.lead + " " + failure.message }
        return Pages.html("staffingSuggestions", values, title: values["title"] as? String ?? "Staffing", auth: auth,
                          status: failure?.status ?? .ok, nav: "capacity")
    }

    /// The values of a "when can we start?" answer, for its page and the request page's section (the first
    /// `attempts` starts tried).
    static func startValues(_ view: StartView, attempts: Int) -> [String: Any] {
        var values = answerValues(view.answer, roles: view.roles, earliest: view.earliest, latestStart: view.latestStart,
                                  attempts: attempts)
        values["requestId"] = view.request.id.description
        values["requestTitle"] = view.request.title
        return values
    }

    /// A project not started yet: its demand summed per role (hours a week on average over its weeks with work).
    static func projectStartValues(_ view: ProjectStartView, attempts: Int) -> [String: Any] {
        var roles: [(role: String, hoursPerWeek: Double, weeks: Int)] = []
        for (role, items) in Dictionary(grouping: view.profile, by: \.role).sorted(by: { $0.key < $1.key }) {
            let weeks = Set(items.map(\.weekOffset)).count
            roles.append((role, Double(items.reduce(0) { $0 + $1.minutes }) / 60 / Double(max(weeks, 1)), weeks))
        }
        var values = answerValues(view.answer, roles: roles, earliest: view.earliest,
                                  latestStart: view.answer.latestChecked ?? view.earliest, attempts: attempts)
        values["projectId"] = view.project.id.description
        values["projectCode"] = view.project.code
        values["projectName"] = view.project.name
        values["planned"] = view.planned.description
        return values
    }

    static func answerValues(_ a: EarliestStart, roles: [(role: String, hoursPerWeek: Double, weeks: Int)], earliest: CalendarDate,
                             latestStart: CalendarDate, attempts: Int) -> [String: Any] {
        var values: [String: Any] = [
            "summary": a.summary, "earliest": earliest.description,
            "latestStart": latestStart.description,
            "roles": roles.map { ["role": $0.role, "hours": Pages.number(StaffingDocument.tenth($0.hoursPerWeek)), "weeks": String($0.weeks)] },
            "attempts": a.attempts.prefix(attempts).map { t -> [String: Any] in
                ["tried": t.start.description, "binding": t.binding.role, "week": t.binding.week.description,
                 "short": Pages.number(StaffingDocument.tenth(t.binding.shortHours)), "sentence": t.binding.phrase]
            },
            "hasAttempts": !a.attempts.isEmpty,
        ]
        // No empty strings: inside a section Mustache reads them as true.
        if let start = a.start { values["start"] = start.description }
        if a.attempts.count > attempts { values["moreAttempts"] = "\(a.attempts.count - attempts) more starts were tried before it" }
        if let r = a.requested {
            values["requested"] = [
                "date": r.date.description, "sentence": r.sentence, "hasExtras": !r.extras.isEmpty,
                "extras": r.extras.map { ["role": $0.role, "hours": Pages.number(StaffingDocument.tenth($0.extraHoursPerWeek))] },
            ] as [String: Any]
        }
        return values
    }
}

/// The staffing pages' templates.
enum StaffingTemplates {
    static let all: [(String, String)] = [
        ("staffing", list), ("staffingSuggestions", suggestions), ("requestStart", start), ("projectStart", projectStart),
    ]

    static let projectStart = """
        <nav class="crumbs" aria-label="Breadcrumb"><a href="/projects/{{projectId}}">{{projectCode}}</a> › <span aria-current="page">When could it start?</span></nav>
        <h1>When could {{projectCode}} {{projectName}} start?</h1>
        <p class="lede">Its own work by role and week, as planned from {{planned}}, against what everything else leaves.</p>
        \(startSection)
        <p class="muted">Starts are Mondays, tried from {{earliest}} to {{latestStart}}. A role's remaining capacity in a week is its supply less committed work and background load of every other project.</p>
        """

    static let list = """
        <nav class="crumbs" aria-label="Breadcrumb"><a href="/capacity">Capacity</a> › <span aria-current="page">Staffing</span></nav>
        <h1>Staffing</h1>
        {{#done}}<p class="notice" role="status" id="staffed">{{text}} <a href="{{href}}">Open {{link}}</a>.</p>{{/done}}
        <p class="lede">Work still waiting for a person, from today on: assignments to generic resources and allocations to a role, of projects that are not closed. Open one to see who could take it.</p>
        <table class="grid" id="unstaffed"><thead><tr><th scope="col">Project</th><th scope="col">Activity</th><th scope="col">From</th><th scope="col">To</th><th scope="col">Generic resource or role</th><th scope="col"><span class="visually-hidden">Suggestions</span></th></tr></thead><tbody>
        {{#rows}}<tr><td><a href="/projects/{{projectId}}">{{projectCode}}</a> {{projectName}}</td><td>{{activity}}</td><td class="date">{{first}}</td><td class="date">{{last}}</td><td>{{generic}}</td><td><a href="{{href}}">Who could take it?</a></td></tr>{{/rows}}
        {{^rows}}<tr><td colspan="6">Nothing is waiting for a person.</td></tr>{{/rows}}
        </tbody></table>
        """

    static let suggestions = """
        <nav class="crumbs" aria-label="Breadcrumb"><a href="/capacity">Capacity</a> › <a href="/capacity/staffing">Staffing</a> › <span aria-current="page">{{title}}</span></nav>
        <h1>{{title}}</h1>
        {{#formError}}<div class="alert" role="alert" id="form-errors"><p>{{formError}}</p></div>{{/formError}}
        <p class="lede" id="need">Project <a href="/projects/{{projectId}}">{{projectCode}}</a> {{projectName}}: {{what}}. It needs {{need}}.</p>
        <p class="muted">Ranked by: every required skill met at its level first (then fewest levels short); the closest match (fewest levels above what is needed, then the same role); free hours over the dates (those who cover the need first); the lowest cost rate.</p>
        <table class="grid" id="suggestions"><thead><tr><th scope="col" class="num">Rank</th><th scope="col">Person</th><th scope="col">Role</th><th scope="col">Skills (has of required{{#required}}: {{required}}{{/required}})</th><th scope="col" class="num">Free h, {{first}} to {{last}}</th><th scope="col" class="num">Covers of {{needHours}} h</th><th scope="col" class="num">Rate</th><th scope="col">Why</th><th scope="col"><span class="visually-hidden">Assign</span></th></tr></thead><tbody>
        {{#rows}}<tr><td class="num">{{rank}}</td><td><a href="/resources/{{resourceId}}">{{name}}</a></td><td>{{role}}</td><td>{{skills}}</td><td class="num">{{free}}</td><td class="num">{{coverage}}</td><td class="num">{{rate}}</td><td>{{explanation}}</td><td><form method="post" action="{{action}}" class="inline"><input type="hidden" name="csrf_token" value="{{csrf}}"><input type="hidden" name="resource_id" value="{{resourceId}}"><button type="submit" class="small" id="assign-{{resourceId}}">Assign {{name}}</button></form></td></tr>{{/rows}}
        {{^rows}}<tr><td colspan="9">Nobody in the pool could take it.</td></tr>{{/rows}}
        </tbody></table>
        """

    static let start = """
        <nav class="crumbs" aria-label="Breadcrumb"><a href="/requests">Intake</a> › <a href="/requests/{{requestId}}">Request {{requestId}}</a> › <span aria-current="page">When could it start?</span></nav>
        <h1>When could {{requestTitle}} start?</h1>
        \(startSection)
        <p class="muted">Starts are Mondays, tried from {{earliest}} to {{latestStart}}. A role's remaining capacity in a week is its supply less committed work and background load; other requests in the pipeline are not counted.</p>
        """

    /// The answer, shared by the start page and the request page's section.
    static let startSection = """
        <p id="earliest-start">{{#start}}Earliest start: <strong class="date">{{start}}</strong>.{{/start}}{{^start}}<strong>No start fits within the horizon.</strong>{{/start}}</p>
        <p id="start-summary">{{summary}}</p>
        <table class="grid" id="start-profile"><caption>What it asks, each week from the start</caption><thead><tr><th scope="col">Role</th><th scope="col" class="num">Hours a week</th><th scope="col" class="num">Weeks</th></tr></thead><tbody>
        {{#roles}}<tr><td>{{role}}</td><td class="num">{{hours}}</td><td class="num">{{weeks}}</td></tr>{{/roles}}
        </tbody></table>
        {{#hasAttempts}}<table class="grid" id="start-attempts"><caption>Starts that did not fit, and the role that bound each</caption><thead><tr><th scope="col">Start</th><th scope="col">Binding role</th><th scope="col">Week</th><th scope="col" class="num">Short h</th><th scope="col">Why</th></tr></thead><tbody>
        {{#attempts}}<tr><td class="date">{{tried}}</td><td>{{binding}}</td><td class="date">{{week}}</td><td class="num">{{short}}</td><td>{{sentence}}</td></tr>{{/attempts}}
        </tbody></table>{{/hasAttempts}}
        {{#moreAttempts}}<p class="muted">{{moreAttempts}}.</p>{{/moreAttempts}}
        {{#requested}}<section id="requested-start"><h3>On the requested date, {{date}}</h3><p>{{sentence}}</p>
        {{#hasExtras}}<table class="grid" id="start-extras"><thead><tr><th scope="col">Role</th><th scope="col" class="num">Extra hours a week</th></tr></thead><tbody>{{#extras}}<tr><td>{{role}}</td><td class="num">{{hours}}</td></tr>{{/extras}}</tbody></table>{{/hasExtras}}
        </section>{{/requested}}
        """
}
