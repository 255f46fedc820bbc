import Foundation
import GantryModel
import GantryPortfolio
import GantryServices
import Hummingbird
import Logging

/// What-if scenarios and portfolio leveling in the browser (issue #14): a scenario's changes with forms to add and
/// remove them, its heatmap after the changes beside the live one, commit and discard; the leveling proposal with
/// each move and its reason, made into a scenario in one click.
struct ScenarioPages: Sendable {
    let backend: Backend

    func register(on router: Router<GantryContext>) {
        let backend = self.backend
        router.get("capacity/scenarios") { _, context in
            let auth = try UIRoutes.signedIn(context)
            return try await Self.listPage(backend, auth)
        }
        router.post("capacity/scenarios") { request, context in
            let (auth, form) = try await UIRoutes.postedForm(request, context)
            let t = Timestamp(millisecondsSinceEpoch: 0)
            let draft = CapacityScenario(name: form["name"]?.trimmingCharacters(in: .whitespaces) ?? "",
                                         description: form["description"]?.trimmingCharacters(in: .whitespaces) ?? "",
                                         createdAt: t, updatedAt: t)
            switch try await RecordForms.attempt(lead: "The scenario was not created:", { try await backend.catalog.create(draft, auth.caller) }) {
            case .success(let saved): return RecordForms.redirect("/capacity/scenarios/\(saved.id)")
            case .failure(let failure): return try await Self.listPage(backend, auth, failure: failure)
            }
        }
        router.get("capacity/scenarios/:id") { request, context in
            let auth = try UIRoutes.signedIn(context)
            return try await Self.scenarioPage(backend, CapacityScenario.ID(try APIRoutes.id(context)), request, auth)
        }
        router.post("capacity/scenarios/:id/changes") { request, context in
            let (auth, form) = try await UIRoutes.postedForm(request, context)
            let id = CapacityScenario.ID(try APIRoutes.id(context))
            var reader = FormReader(form)
            let change = Self.readChange(&reader)
            guard reader.problems.isEmpty, let change else {
                return try await Self.scenarioPage(backend, id, request, auth, failure: FormFailure(reader.problems))
            }
            switch try await RecordForms.attempt(lead: "The change was not added:", { try await backend.capacity.addChange(change, to: id, auth.caller) }) {
            case .success: return RecordForms.redirect("/capacity/scenarios/\(id)")
            case .failure(let failure): return try await Self.scenarioPage(backend, id, request, auth, failure: failure)
            }
        }
        router.post("capacity/scenarios/:id/changes/:index/delete") { request, context in
            let (auth, _) = try await UIRoutes.postedForm(request, context)
            let id = CapacityScenario.ID(try APIRoutes.id(context))
            let index = Int(try APIRoutes.id(context, "index")) - 1
            _ = try await backend.capacity.removeChange(at: index, from: id, auth.caller)
            return RecordForms.redirect("/capacity/scenarios/\(id)")
        }
        router.post("capacity/scenarios/:id/commit") { request, context in
            let (auth, _) = try await UIRoutes.postedForm(request, context)
            let id = CapacityScenario.ID(try APIRoutes.id(context))
            switch try await RecordForms.attempt(lead: "The scenario was not committed; nothing changed:", { try await backend.capacity.commit(id, auth.caller) }) {
            case .success(let result):
                context.logger.info("scenario committed", metadata: ["scenario": .stringConvertible(id), "applied": .stringConvertible(result.applied.count)])
                return RecordForms.redirect("/capacity/scenarios/\(id)?committed=1")
            case .failure(let failure): return try await Self.scenarioPage(backend, id, request, auth, failure: failure)
            }
        }
        router.post("capacity/scenarios/:id/discard") { request, context in
            let (auth, _) = try await UIRoutes.postedForm(request, context)
            let id = CapacityScenario.ID(try APIRoutes.id(context))
            _ = try await backend.capacity.discard(id, auth.caller)
            return RecordForms.redirect("/capacity/scenarios")
        }
        router.get("capacity/leveling") { request, context in
            let auth = try UIRoutes.signedIn(context)
            let query = try CapacityQuery(request.uri.queryParameters, today: CapacityRoutes.today(), defaultPeriod: .month)
            let order = Self.order(request.uri.queryParameters.get("order"))
            let view = try await backend.capacity.leveling(try await query.scope(backend, auth.caller), order: order, auth.caller)
            return Self.levelingPage(view, query, order: order, auth)
        }
        router.post("capacity/leveling/scenario") { request, context in
            let (auth, form) = try await UIRoutes.postedForm(request, context)
            var params = Parameters()
            for key in ["from", "to"] { if let v = form[key] { params[Substring(key)] = Substring(v) } }
            let query = try CapacityQuery(params, today: CapacityRoutes.today(), defaultPeriod: .month)
            let scenario = try await backend.capacity.levelingScenario(try await query.scope(backend, auth.caller),
                                                                       order: Self.order(form["order"]), auth.caller)
            return RecordForms.redirect("/capacity/scenarios/\(scenario.id)")
        }
    }

    /// Project codes separated by commas or spaces, most important first.
    static func order(_ text: String?) -> [String] {
        (text ?? "").split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\n" }).map(String.init).filter { !$0.isEmpty }
    }

    /// A change from the add-change form: `kind` and the fields that kind needs.
    static func readChange(_ r: inout FormReader) -> ScenarioChange? {
        guard let kind = r.oneOf("kind", ScenarioChange.Kind.self) else { return nil }
        var c = ScenarioChange(kind: kind, note: r.text("note") ?? "")
        func number(_ key: String) -> Double? {
            guard let text = r.text(key), !text.isEmpty else { return nil }
            guard let v = Double(text), v.isFinite else { r.fail(key, "'\(text)' is not a number"); return nil }
            return v
        }
        c.projectId = r.id("project_id", Project.self) ?? nil
        c.resourceId = r.id("resource_id", Resource.self) ?? nil
        c.allocationId = r.id("allocation_id", ProjectAllocation.self) ?? nil
        c.requestId = r.id("request_id", IntakeRequest.self) ?? nil
        c.firstDay = r.date("first_day") ?? nil
        c.lastDay = r.date("last_day") ?? nil
        if let role = r.text("role"), !role.isEmpty { c.role = role }
        c.people = number("people")
        c.hoursPerWeek = number("hours_per_week")
        c.amount = number("amount")
        if let weeks = number("weeks") { c.days = Int((weeks * 7).rounded()) }
        if let skills = r.text("skills"), !skills.isEmpty {
            switch SkillLevel.parseList(skills) {
            case .success(let list): c.skills = list
            case .failure(let problem): r.fail("skills", problem.message)
            }
        }
        switch kind {
        case .shiftProject:
            if c.projectId == nil { r.fail("project_id", "choose the project to move") }
            if c.days == nil { r.fail("weeks", "how many weeks to move it (negative is earlier)") }
        case .addCapacity:
            if c.role == nil { r.fail("role", "choose the role to add") }
            if c.firstDay == nil { r.fail("first_day", "the first day they are there, like 2027-03-01") }
        case .removeCapacity:
            if c.resourceId == nil { r.fail("resource_id", "choose who leaves") }
            if c.firstDay == nil { r.fail("first_day", "the first day they are gone") }
        case .changeAllocation:
            if c.allocationId == nil { r.fail("allocation_id", "choose the allocation") }
        case .takeInRequest, .dropRequest:
            if c.requestId == nil { r.fail("request_id", "choose the request") }
        }
        return c
    }

    static func listPage(_ backend: Backend, _ auth: Authenticated, failure: FormFailure? = nil) async throws -> Response {
        let scenarios = try await backend.catalog.all(CapacityScenario.self, auth.caller, [:]).sorted { $0.id > $1.id }
        var values: [String: Any] = [
            "csrf": RecordForms.csrf(auth),
            "rows": scenarios.map { ["id": $0.id.description, "name": $0.name, "state": $0.state.rawValue,
                                     "changes": String($0.changes.count), "description": $0.description] },
        ]
        if auth.caller.refusal(standards: .create) == nil { values["mayCreate"] = true }
        if let failure { values["formError"] = failure.message }
        return Pages.html("scenarioList", values, title: "What-if scenarios", auth: auth,
                          status: failure == nil ? .ok : .unprocessableContent, nav: "capacity")
    }

    static func scenarioPage(_ backend: Backend, _ id: CapacityScenario.ID, _ request: Request, _ auth: Authenticated,
                             failure: FormFailure? = nil) async throws -> Response {
        let query = try CapacityQuery(request.uri.queryParameters, today: CapacityRoutes.today(), defaultPeriod: .month)
        let scope = try await query.scope(backend, auth.caller)
        let view = try await backend.capacity.scenarioView(id, scope: scope, by: query.grouping, per: query.period, auth.caller)
        let s = view.scenario
        let isDraft = s.state == .draft
        let mayManage = auth.caller.refusal(standards: .update) == nil
        let link: (CapacityGroup, CapacityPeriod) -> String = { query.cellLink($0, $1) }
        let snapshot = view.snapshot
        let projects = snapshot.projects.values.sorted { $0.code < $1.code }
        var values: [String: Any] = [
            "id": s.id.description, "name": s.name, "description": s.description, "state": s.state.rawValue,
            "csrf": RecordForms.csrf(auth), "query": query.queryString(),
            "after": CapacityHeatmap.svg(view.after, withPipeline: false, link: link)
                .replacingOccurrences(of: "id=\"heatmap\"", with: "id=\"heatmap-after\"")
                .replacingOccurrences(of: "heatmap-title", with: "heatmap-after-title"),
            "before": CapacityHeatmap.svg(view.before, withPipeline: false, link: link)
                .replacingOccurrences(of: "id=\"heatmap\"", with: "id=\"heatmap-before\"")
                .replacingOccurrences(of: "heatmap-title", with: "heatmap-before-title"),
            "overBefore": CapacityHeatmap.hours(view.overMinutesBefore), "overAfter": CapacityHeatmap.hours(view.overMinutesAfter),
            "changes": view.changes.enumerated().map { k, text -> [String: Any] in
                var row: [String: Any] = ["n": String(k + 1), "text": text]
                if isDraft && mayManage { row["mayRemove"] = true }
                return row
            },
            "projects": projects.map { ["pid": $0.id.description, "plabel": "\($0.code) \($0.name) (\($0.state.rawValue))"] },
            "roles": Set(snapshot.resources.values.map(\.role)).filter { !$0.isEmpty }.sorted().map { ["role": $0] },
            "people": snapshot.resources.values.filter { $0.kind == .person }.sorted { $0.name < $1.name }
                .map { ["rid": $0.id.description, "rname": "\($0.name) (\($0.role))"] },
            "allocations": snapshot.allocations.values.sorted { $0.id < $1.id }.map { a -> [String: Any] in
                ["aid": a.id.description,
                 "alabel": "\(snapshot.projects[a.projectId]?.code ?? "?") \(a.role.isEmpty ? CapacityPlanner.resourceName(a.resourceId, snapshot) : a.role): \(AllocationText.amount(a))"]
            },
            "requests": snapshot.requests.values.filter { [.submitted, .inReview, .onHold, .approved].contains($0.status) }
                .sorted { $0.id < $1.id }.map { ["qid": $0.id.description, "qlabel": "\($0.title) (\($0.status.label))"] },
            "from": query.first.description, "to": query.last.description,
        ]
        if isDraft && mayManage { values["mayEdit"] = true }
        if let problem = view.problem { values["problem"] = problem }
        if request.uri.queryParameters.get("committed") == "1" { values["committed"] = true }
        if let failure { values["formError"] = failure.message }
        return Pages.html("scenarioPage", values, title: "Scenario: \(s.name)", auth: auth,
                          status: failure == nil ? .ok : .unprocessableContent, nav: "capacity")
    }

    static func levelingPage(_ view: CapacityPlanner.LevelingView, _ query: CapacityQuery, order: [String],
                             _ auth: Authenticated) -> Response {
        let l = view.leveling
        var values: [String: Any] = [
            "csrf": RecordForms.csrf(auth), "from": query.first.description, "to": query.last.description,
            "rule": view.priorityRule, "candidates": String(view.candidates.count), "order": order.joined(separator: ", "),
            "priorities": view.candidates.map { "\($0.priority). \($0.name)" }.joined(separator: "; "),
            "overBefore": CapacityHeatmap.hours(l.overMinutesBefore), "overAfter": CapacityHeatmap.hours(l.overMinutesAfter),
            "moves": l.moves.map { m -> [String: Any] in
                ["name": m.name, "from": m.from.description, "to": m.to.description, "weeks": String(m.shiftWeeks),
                 "reason": m.reason, "fits": m.fits ? "fits" : "least over-allocation"]
            },
            "unmoved": l.unmoved.map { ["name": $0.name, "start": $0.start.description, "reason": $0.reason] },
        ]
        if auth.caller.refusal(standards: .create) == nil && !l.moves.isEmpty { values["mayPropose"] = true }
        return Pages.html("portfolioLeveling", values, title: "Portfolio leveling", auth: auth, nav: "capacity")
    }
}

/// The scenario pages' templates.
enum ScenarioTemplates {
    static let all: [(String, String)] = [("scenarioList", list), ("scenarioPage", page), ("portfolioLeveling", leveling)]

    static let list = """
        <nav class="crumbs" aria-label="Breadcrumb"><a href="/capacity">Capacity</a> › <span aria-current="page">What-if scenarios</span></nav>
        <h1>What-if scenarios</h1>
        <p class="lede">A draft copy of the forecast's inputs: shift projects, add or remove capacity, change allocations, take in requests, and see the heatmap change. Nothing live changes until a scenario is committed.</p>
        {{#formError}}<div class="alert" role="alert" id="form-errors"><p>{{formError}}</p></div>{{/formError}}
        <table class="grid" id="scenario-list"><thead><tr><th scope="col">Scenario</th><th scope="col">State</th><th scope="col" class="num">Changes</th><th scope="col">Description</th></tr></thead><tbody>
        {{#rows}}<tr><td><a href="/capacity/scenarios/{{id}}" class="scenario-link">{{name}}</a></td><td>{{state}}</td><td class="num">{{changes}}</td><td>{{description}}</td></tr>{{/rows}}
        {{^rows}}<tr><td colspan="4">No scenarios yet.</td></tr>{{/rows}}
        </tbody></table>
        {{#mayCreate}}<form method="post" action="/capacity/scenarios" class="inline-form" id="scenario-form"><input type="hidden" name="csrf_token" value="{{csrf}}">
          <label for="scenario-name">Name</label> <input id="scenario-name" name="name" required placeholder="Hire two testers from March">
          <label for="scenario-description">Description</label> <input id="scenario-description" name="description" size="40">
          <button type="submit" id="new-scenario">New scenario</button></form>{{/mayCreate}}
        <p><a href="/capacity/leveling" id="leveling-link">Portfolio leveling</a> proposes a scenario of start shifts.</p>
        """

    static let page = """
        <nav class="crumbs" aria-label="Breadcrumb"><a href="/capacity">Capacity</a> › <a href="/capacity/scenarios">Scenarios</a> › <span aria-current="page">{{name}}</span></nav>
        <h1>Scenario: {{name}} <span class="badge" id="scenario-state">{{state}}</span></h1>
        {{#description}}<p class="lede">{{description}}</p>{{/description}}
        {{#committed}}<p class="notice" id="committed-note">Committed: its changes are now live, each in the audit trail.</p>{{/committed}}
        {{#formError}}<div class="alert" role="alert" id="form-errors"><p>{{formError}}</p></div>{{/formError}}
        {{#problem}}<div class="alert" role="alert"><p>{{problem}}</p></div>{{/problem}}
        <p id="over-summary">Over-allocated hours in {{from}} to {{to}}: <strong id="over-before">{{overBefore}} h</strong> live, <strong id="over-after">{{overAfter}} h</strong> with this scenario.</p>
        <section aria-labelledby="changes-title" id="changes">
          <h2 id="changes-title">Changes</h2>
          {{#changes}}{{#first()}}<ol id="change-list">{{/first()}}<li>{{text}}{{#mayRemove}} <form method="post" action="/capacity/scenarios/{{id}}/changes/{{n}}/delete" class="inline"><input type="hidden" name="csrf_token" value="{{csrf}}"><button type="submit" class="secondary small">Remove</button></form>{{/mayRemove}}</li>{{#last()}}</ol>{{/last()}}{{/changes}}
          {{^changes}}<p>No changes yet: the scenario's forecast is the live one.</p>{{/changes}}
          {{#mayEdit}}
          <form method="post" action="/capacity/scenarios/{{id}}/changes" class="inline-form" id="shift-form"><input type="hidden" name="csrf_token" value="{{csrf}}"><input type="hidden" name="kind" value="shift_project">
            <label for="shift-project">Move project</label> <select id="shift-project" name="project_id">{{#projects}}<option value="{{pid}}">{{plabel}}</option>{{/projects}}</select>
            <label for="shift-weeks">by weeks</label> <input id="shift-weeks" name="weeks" size="4" required>
            <button type="submit" id="add-shift">Add</button></form>
          <form method="post" action="/capacity/scenarios/{{id}}/changes" class="inline-form" id="add-capacity-form"><input type="hidden" name="csrf_token" value="{{csrf}}"><input type="hidden" name="kind" value="add_capacity">
            <label for="add-role">Add people of role</label> <select id="add-role" name="role">{{#roles}}<option value="{{role}}">{{role}}</option>{{/roles}}</select>
            <label for="add-people">how many</label> <input id="add-people" name="people" size="3" value="1">
            <label for="add-hours">hours a week (empty: full time)</label> <input id="add-hours" name="hours_per_week" size="4">
            <label for="add-first">from</label> <input id="add-first" name="first_day" type="date" required>
            <label for="add-last">until</label> <input id="add-last" name="last_day" type="date">
            <button type="submit" id="add-capacity">Add</button></form>
          <form method="post" action="/capacity/scenarios/{{id}}/changes" class="inline-form" id="remove-form"><input type="hidden" name="csrf_token" value="{{csrf}}"><input type="hidden" name="kind" value="remove_capacity">
            <label for="remove-person">Take out</label> <select id="remove-person" name="resource_id">{{#people}}<option value="{{rid}}">{{rname}}</option>{{/people}}</select>
            <label for="remove-first">from</label> <input id="remove-first" name="first_day" type="date" required>
            <label for="remove-last">until</label> <input id="remove-last" name="last_day" type="date">
            <button type="submit" id="add-remove">Add</button></form>
          {{#allocations}}{{#first()}}<form method="post" action="/capacity/scenarios/{{id}}/changes" class="inline-form" id="allocation-change-form"><input type="hidden" name="csrf_token" value="{{csrf}}"><input type="hidden" name="kind" value="change_allocation">
            <label for="change-allocation">Set allocation</label> <select id="change-allocation" name="allocation_id">{{/first()}}<option value="{{aid}}">{{alabel}}</option>{{#last()}}</select>
            <label for="change-amount">to</label> <input id="change-amount" name="amount" size="5" required>
            <button type="submit" id="add-allocation-change">Add</button></form>{{/last()}}{{/allocations}}
          {{#requests}}{{#first()}}<form method="post" action="/capacity/scenarios/{{id}}/changes" class="inline-form" id="request-form"><input type="hidden" name="csrf_token" value="{{csrf}}">
            <label for="request-kind">Request</label> <select id="request-kind" name="kind"><option value="take_in_request">take in as committed</option><option value="drop_request">leave out</option></select>
            <select id="request-id" name="request_id" aria-label="Request">{{/first()}}<option value="{{qid}}">{{qlabel}}</option>{{#last()}}</select>
            <button type="submit" id="add-request-change">Add</button></form>{{/last()}}{{/requests}}
          {{/mayEdit}}
        </section>
        <section aria-labelledby="after-title"><h2 id="after-title">With the scenario</h2><div class="scroll heatmap-wrap">{{{after}}}</div></section>
        <section aria-labelledby="before-title"><h2 id="before-title">Live</h2><div class="scroll heatmap-wrap">{{{before}}}</div></section>
        {{#mayEdit}}<div class="record-links">
          <form method="post" action="/capacity/scenarios/{{id}}/commit" class="record-action"><input type="hidden" name="csrf_token" value="{{csrf}}"><button type="submit" id="commit-scenario">Commit: make these changes live</button></form>
          <form method="post" action="/capacity/scenarios/{{id}}/discard" class="record-action"><input type="hidden" name="csrf_token" value="{{csrf}}"><button type="submit" class="danger" id="discard-scenario">Discard</button></form>
        </div>{{/mayEdit}}
        """

    static let leveling = """
        <nav class="crumbs" aria-label="Breadcrumb"><a href="/capacity">Capacity</a> › <span aria-current="page">Portfolio leveling</span></nav>
        <h1>Portfolio leveling</h1>
        <p class="lede">Start shifts for the projects not started yet, so that no role is over its capacity week by week ({{from}} to {{to}}), or is over as little as possible. {{rule}}</p>
        <form method="get" action="/capacity/leveling" class="inline-form" id="order-form"><input type="hidden" name="from" value="{{from}}"><input type="hidden" name="to" value="{{to}}">
          <label for="order">Priority order (project codes, most important first)</label> <input id="order" name="order" value="{{order}}" size="40" placeholder="DIG-130, INF-131">
          <button type="submit" id="reorder">Level in this order</button></form>
        {{#priorities}}<p class="muted" id="priorities">Placed in this order: {{priorities}}.</p>{{/priorities}}
        <p id="leveling-summary">{{candidates}} projects may move. Over-allocated hours: <strong id="level-before">{{overBefore}} h</strong> as planned, <strong id="level-after">{{overAfter}} h</strong> with these moves.</p>
        <table class="grid" id="moves"><thead><tr><th scope="col">Project</th><th scope="col">Planned start</th><th scope="col">Proposed start</th><th scope="col" class="num">Weeks later</th><th scope="col">Why</th></tr></thead><tbody>
        {{#moves}}<tr><td>{{name}}</td><td class="date">{{from}}</td><td class="date">{{to}}</td><td class="num">{{weeks}}</td><td>{{reason}} ({{fits}})</td></tr>{{/moves}}
        {{^moves}}<tr><td colspan="5">No move needed: every project fits where it is planned, or cannot be helped by moving.</td></tr>{{/moves}}
        </tbody></table>
        {{#unmoved}}{{#first()}}<h2>Staying where planned</h2><ul id="unmoved">{{/first()}}<li>{{name}} ({{start}}): {{reason}}</li>{{#last()}}</ul>{{/last()}}{{/unmoved}}
        {{#mayPropose}}<form method="post" action="/capacity/leveling/scenario" class="record-action"><input type="hidden" name="csrf_token" value="{{csrf}}"><input type="hidden" name="from" value="{{from}}"><input type="hidden" name="to" value="{{to}}"><input type="hidden" name="order" value="{{order}}"><button type="submit" id="make-scenario">Make a scenario of these moves</button></form>
        <p class="muted">The scenario shows the heatmap with the moves; committing it (the PMO) moves the projects, audited. In controlling and directive portfolios only the PMO applies leveling.</p>{{/mayPropose}}
        """
}
