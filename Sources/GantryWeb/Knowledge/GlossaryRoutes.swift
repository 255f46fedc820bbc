import Foundation
import GantryModel
import GantryServices
import Hummingbird

/// The glossary page: the PMO's standard language, each term with an anchor that the terms marked in other pages
/// link to; the PMO adds terms here.
struct GlossaryRoutes: Sendable {
    let backend: Backend

    func register(on router: Router<GantryContext>) {
        router.get("glossary") { _, context in
            let auth = try UIRoutes.signedIn(context)
            return try await page(auth)
        }
        router.post("glossary") { request, context in
            let (auth, form) = try await UIRoutes.postedForm(request, context)
            let aliases = (form["aliases"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
            let term = GlossaryTerm(term: form["term"] ?? "", definition: form["definition"] ?? "", aliases: aliases,
                                    createdAt: Specs.epoch, updatedAt: Specs.epoch)
            do {
                let saved = try await backend.catalog.create(term, auth.caller)
                return Response(status: .seeOther, headers: [.location: "/glossary#term-\(saved.id)"])
            } catch let error as ServiceError where error.code == .invalid || error.code == .conflict {
                return try await page(auth, form: form, errors: error.problems.isEmpty
                                        ? [FieldProblem(field: "term", message: error.message)] : error.problems)
            }
        }
    }

    func page(_ auth: Authenticated, form: [String: String] = [:], errors: [FieldProblem] = []) async throws -> Response {
        let terms = try await backend.catalog.all(GlossaryTerm.self, auth.caller, [:])
            .sorted { $0.term.localizedCaseInsensitiveCompare($1.term) == .orderedAscending }
        var values: [String: Any] = [
            "terms": terms.map { ["id": $0.id.description, "term": $0.term, "definition": $0.definition,
                                  "aliases": $0.aliases.joined(separator: ", ")] },
            "hasTerms": !terms.isEmpty,
            "mayChange": [.admin, .pmoDirector, .pmoAnalyst].contains(auth.user.role),
            "errors": errors.map { ["field": $0.field, "message": $0.message] }, "hasErrors": !errors.isEmpty,
            "formTerm": form["term"] ?? "", "formDefinition": form["definition"] ?? "", "formAliases": form["aliases"] ?? "",
        ]
        if case .session(_, let csrf) = auth.via { values["csrf"] = csrf }
        return Pages.html("glossary", values, title: "Glossary", auth: auth, status: errors.isEmpty ? .ok : .unprocessableContent,
                          nav: "glossary")
    }
}

extension Templates {
    static let glossary = """
        <h1>Glossary</h1>
        <p>The PMO's standard language. Where these terms appear in requests, templates and gates, they link here.</p>
        {{^hasTerms}}<p>No terms yet.</p>{{/hasTerms}}
        {{#hasTerms}}
        <dl class="glossary" id="glossary">
          {{#terms}}<dt id="term-{{id}}">{{term}}{{#aliases}} <span class="muted">({{aliases}})</span>{{/aliases}}</dt><dd>{{definition}}</dd>{{/terms}}
        </dl>
        {{/hasTerms}}
        {{#mayChange}}
        <section aria-labelledby="new-term-title">
          <h2 id="new-term-title">Add a term</h2>
          {{#hasErrors}}<div class="alert" role="alert" id="term-errors"><ul>{{#errors}}<li><strong>{{field}}</strong>: {{message}}</li>{{/errors}}</ul></div>{{/hasErrors}}
          <form method="post" action="/glossary" class="stack" id="term-form">
            <input type="hidden" name="csrf_token" value="{{csrf}}">
            <label for="g-term">Term</label><input id="g-term" name="term" value="{{formTerm}}" maxlength="100" required>
            <label for="g-definition">Definition</label><textarea id="g-definition" name="definition" rows="3" required>{{formDefinition}}</textarea>
            <label for="g-aliases">Other names, separated by commas</label><input id="g-aliases" name="aliases" value="{{formAliases}}">
            <button type="submit" id="add-term">Add</button>
          </form>
        </section>
        {{/mayChange}}
        """
}
