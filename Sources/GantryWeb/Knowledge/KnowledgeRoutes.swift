import Foundation
import GantryModel
import GantryServices
import Hummingbird

/// Knowledge pages: lessons learned searched across every portfolio (and written by a project's team, above all
/// at close), and training and certification records per person (kept by the PMO).
struct KnowledgeRoutes: Sendable {
    let backend: Backend

    func register(on router: Router<GantryContext>) {
        router.get("lessons") { request, context in
            let auth = try UIRoutes.signedIn(context)
            let q = request.uri.queryParameters.get("q").map { String($0) } ?? ""
            return try await lessons(auth, q: q)
        }
        router.post("lessons") { request, context in
            let (auth, form) = try await UIRoutes.postedForm(request, context)
            let lesson = LessonLearned(
                projectId: Project.ID(Int64(form["project_id"] ?? "") ?? 0), category: form["category"] ?? "",
                title: form["title"] ?? "", description: form["description"] ?? "", impact: form["impact"] ?? "",
                recommendation: form["recommendation"] ?? "", ownerId: auth.user.id,
                createdAt: Specs.epoch, updatedAt: Specs.epoch)
            do {
                _ = try await backend.catalog.create(lesson, auth.caller)
                return Response(status: .seeOther, headers: [.location: "/lessons"])
            } catch let error as ServiceError where error.code == .invalid || error.code == .forbidden {
                let problems = error.problems.isEmpty ? [FieldProblem(field: "project_id", message: error.message)] : error.problems
                return try await lessons(auth, q: "", form: form, errors: problems,
                                         status: error.code == .forbidden ? .forbidden : .unprocessableContent)
            }
        }
        router.get("training") { _, context in
            let auth = try UIRoutes.signedIn(context)
            return try await training(auth)
        }
        router.post("training") { request, context in
            let (auth, form) = try await UIRoutes.postedForm(request, context)
            var problems: [FieldProblem] = []
            func date(_ key: String) -> CalendarDate? {
                guard let text = form[key], !text.isEmpty else { return nil }
                if let d = CalendarDate(iso: text) { return d }
                problems.append(FieldProblem(field: key, message: "'\(text)' is not a date (yyyy-MM-dd)"))
                return nil
            }
            let record = TrainingRecord(
                userId: User.ID(Int64(form["user_id"] ?? "") ?? 0), kind: TrainingKind(rawValue: form["kind"] ?? "") ?? .training,
                title: form["title"] ?? "", provider: form["provider"] ?? "", completedOn: date("completed_on"),
                expiresOn: date("expires_on"), credentialId: form["credential_id"] ?? "",
                createdAt: Specs.epoch, updatedAt: Specs.epoch)
            if problems.isEmpty {
                do {
                    _ = try await backend.catalog.create(record, auth.caller)
                    return Response(status: .seeOther, headers: [.location: "/training"])
                } catch let error as ServiceError where error.code == .invalid {
                    problems = error.problems
                }
            }
            return try await training(auth, form: form, errors: problems)
        }
    }

    func lessons(_ auth: Authenticated, q: String, form: [String: String] = [:], errors: [FieldProblem] = [],
                 status: HTTPResponse.Status = .ok) async throws -> Response {
        let trimmed = q.trimmingCharacters(in: .whitespaces)
        let filters: [String: FilterValue] = trimmed.isEmpty ? [:]
            : ["q": .search(["title", "description", "impact", "recommendation", "category"], trimmed)]
        let found = try await backend.catalog.all(LessonLearned.self, auth.caller, filters).sorted { $0.updatedAt > $1.updatedAt }
        let projects = try await backend.catalog.all(Project.self, auth.caller, [:])
        let byId = Dictionary(uniqueKeysWithValues: projects.map { ($0.id, $0) })
        let portfolios = Dictionary(uniqueKeysWithValues: try await backend.catalog.all(Portfolio.self, auth.caller, [:]).map { ($0.id, $0.code) })
        let glossary = try await backend.glossary(auth.caller)
        // Projects this user may write lessons for: those whose schedule they may change.
        let writable = try await backend.views.projectsCallerMayChange(auth.caller)
        var values: [String: Any] = [
            "q": trimmed, "count": found.count, "hasLessons": !found.isEmpty,
            "lessons": found.map { l -> [String: Any] in
                let p = byId[l.projectId]
                return ["title": l.title, "category": l.category, "project": p.map { "\($0.code) \($0.name)" } ?? "project \(l.projectId)",
                        "projectId": l.projectId.description, "portfolio": p.flatMap { portfolios[$0.portfolioId] } ?? "",
                        "description": glossary.html(l.description), "impact": glossary.html(l.impact),
                        "recommendation": glossary.html(l.recommendation)]
            },
            "mayWrite": !writable.isEmpty,
            "projects": writable.map { ["id": $0.id.description, "label": "\($0.code) \($0.name)", "selected": form["project_id"] == $0.id.description] },
            "errors": errors.map { ["field": $0.field, "message": $0.message] }, "hasErrors": !errors.isEmpty,
            "formTitle": form["title"] ?? "", "formCategory": form["category"] ?? "", "formDescription": form["description"] ?? "",
            "formImpact": form["impact"] ?? "", "formRecommendation": form["recommendation"] ?? "",
        ]
        if case .session(_, let csrf) = auth.via { values["csrf"] = csrf }
        return Pages.html("lessons", values, title: "Lessons learned", auth: auth,
                          status: errors.isEmpty ? status : (status == .ok ? .unprocessableContent : status), nav: "lessons")
    }

    func training(_ auth: Authenticated, form: [String: String] = [:], errors: [FieldProblem] = []) async throws -> Response {
        let records = try await backend.catalog.all(TrainingRecord.self, auth.caller, [:])
        let people = try await backend.views.directory(auth.caller)
        let names = Dictionary(uniqueKeysWithValues: people.map { ($0.id, $0.displayName) })
        let grouped = Dictionary(grouping: records, by: \.userId)
        var values: [String: Any] = [
            "people": grouped.keys.sorted { (names[$0] ?? "") < (names[$1] ?? "") }.map { id -> [String: Any] in
                ["name": names[id] ?? "user \(id)",
                 "records": (grouped[id] ?? []).sorted { $0.title < $1.title }.map { r -> [String: Any] in
                     ["title": r.title, "kind": r.kind.rawValue, "provider": r.provider,
                      "completed": r.completedOn?.description ?? "—", "expires": r.expiresOn?.description ?? "—",
                      "credential": r.credentialId]
                 }]
            },
            "hasRecords": !records.isEmpty,
            "mayChange": [.admin, .pmoDirector, .pmoAnalyst].contains(auth.user.role),
            "users": people.map { ["id": $0.id.description, "name": $0.displayName, "selected": form["user_id"] == $0.id.description] },
            "errors": errors.map { ["field": $0.field, "message": $0.message] }, "hasErrors": !errors.isEmpty,
            "formTitle": form["title"] ?? "", "formProvider": form["provider"] ?? "",
        ]
        if case .session(_, let csrf) = auth.via { values["csrf"] = csrf }
        return Pages.html("training", values, title: "Training and certification", auth: auth,
                          status: errors.isEmpty ? .ok : .unprocessableContent, nav: "training")
    }
}

extension Templates {
    static let lessons = """
        <h1>Lessons learned</h1>
        <form method="get" action="/lessons" class="filters" role="search" aria-label="Search the lessons">
          <label for="lessons-q">Search every portfolio</label>
          <input id="lessons-q" name="q" value="{{q}}" type="search">
          <button type="submit">Search</button>
        </form>
        {{^hasLessons}}<p id="no-lessons">No lessons{{#q}} mention “{{q}}”{{/q}}.</p>{{/hasLessons}}
        {{#hasLessons}}
        <p>{{count}} lessons{{#q}} mention “{{q}}”{{/q}}.</p>
        <ol class="lessons" id="lessons">
          {{#lessons}}<li><h2>{{title}}</h2><p class="muted">{{portfolio}} · <a href="/projects/{{projectId}}">{{project}}</a>{{#category}} · {{category}}{{/category}}</p>
          {{#description}}<p>{{{description}}}</p>{{/description}}{{#impact}}<p><strong>Impact.</strong> {{{impact}}}</p>{{/impact}}{{#recommendation}}<p><strong>Recommendation.</strong> {{{recommendation}}}</p>{{/recommendation}}</li>{{/lessons}}
        </ol>
        {{/hasLessons}}
        {{#mayWrite}}
        <section aria-labelledby="new-lesson-title">
          <h2 id="new-lesson-title">Record a lesson</h2>
          {{#hasErrors}}<div class="alert" role="alert" id="lesson-errors"><ul>{{#errors}}<li><strong>{{field}}</strong>: {{message}}</li>{{/errors}}</ul></div>{{/hasErrors}}
          <form method="post" action="/lessons" class="stack" id="lesson-form">
            <input type="hidden" name="csrf_token" value="{{csrf}}">
            <label for="l-project">Project</label>
            <select id="l-project" name="project_id">{{#projects}}<option value="{{id}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/projects}}</select>
            <label for="l-title">Lesson</label><input id="l-title" name="title" value="{{formTitle}}" maxlength="200" required>
            <label for="l-category">Category</label><input id="l-category" name="category" value="{{formCategory}}" maxlength="100">
            <label for="l-description">What happened</label><textarea id="l-description" name="description" rows="3">{{formDescription}}</textarea>
            <label for="l-impact">Impact</label><textarea id="l-impact" name="impact" rows="2">{{formImpact}}</textarea>
            <label for="l-recommendation">Recommendation</label><textarea id="l-recommendation" name="recommendation" rows="2">{{formRecommendation}}</textarea>
            <button type="submit" id="add-lesson">Record</button>
          </form>
        </section>
        {{/mayWrite}}
        """

    static let training = """
        <h1>Training and certification</h1>
        {{^hasRecords}}<p>No records yet.</p>{{/hasRecords}}
        {{#people}}
        <section><h2>{{name}}</h2>
          <table class="grid"><thead><tr><th scope="col">Course or certification</th><th scope="col">Kind</th><th scope="col">Provider</th><th scope="col">Completed</th><th scope="col">Expires</th><th scope="col">Credential</th></tr></thead>
          <tbody>{{#records}}<tr><td>{{title}}</td><td>{{kind}}</td><td>{{provider}}</td><td class="date">{{completed}}</td><td class="date">{{expires}}</td><td class="code">{{credential}}</td></tr>{{/records}}</tbody></table>
        </section>
        {{/people}}
        {{#mayChange}}
        <section aria-labelledby="new-training-title">
          <h2 id="new-training-title">Add a record</h2>
          {{#hasErrors}}<div class="alert" role="alert" id="training-errors"><ul>{{#errors}}<li><strong>{{field}}</strong>: {{message}}</li>{{/errors}}</ul></div>{{/hasErrors}}
          <form method="post" action="/training" class="stack" id="training-form">
            <input type="hidden" name="csrf_token" value="{{csrf}}">
            <label for="t-user">Person</label>
            <select id="t-user" name="user_id">{{#users}}<option value="{{id}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/users}}</select>
            <label for="t-kind">Kind</label><select id="t-kind" name="kind"><option value="training">training</option><option value="certification">certification</option></select>
            <label for="t-title">Title</label><input id="t-title" name="title" value="{{formTitle}}" maxlength="200" required>
            <label for="t-provider">Provider</label><input id="t-provider" name="provider" value="{{formProvider}}" maxlength="200">
            <label for="t-completed">Completed on</label><input id="t-completed" name="completed_on" type="date">
            <label for="t-expires">Expires on</label><input id="t-expires" name="expires_on" type="date">
            <label for="t-credential">Credential id</label><input id="t-credential" name="credential_id" maxlength="100">
            <button type="submit" id="add-training">Add</button>
          </form>
        </section>
        {{/mayChange}}
        """
}
