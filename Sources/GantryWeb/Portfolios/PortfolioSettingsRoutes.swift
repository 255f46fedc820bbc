import Foundation
import GantryModel
import GantryServices
import Hummingbird
import Logging

/// A portfolio's governance settings as a page: its mode (changed only by the administrator or the PMO director,
/// audited), the change-request thresholds and the RAG policy status reports are suggested by. The services decide;
/// a refusal shows the page again with the reason.
struct PortfolioSettingsRoutes: Sendable {
    let backend: Backend

    func register(on router: Router<GantryContext>) {
        router.get("portfolios/:id/settings") { _, context in
            let auth = try UIRoutes.signedIn(context)
            let portfolio = try await backend.catalog.get(Portfolio.self, Portfolio.ID(try APIRoutes.id(context)), auth.caller)
            return Self.page(portfolio, auth: auth)
        }
        router.post("portfolios/:id/settings") { request, context in
            let (auth, form) = try await UIRoutes.postedForm(request, context)
            let id = Portfolio.ID(try APIRoutes.id(context))
            let current = try await backend.catalog.get(Portfolio.self, id, auth.caller)
            var problems: [FieldProblem] = []
            var edited = current
            if let raw = form["governance_mode"] {
                if let mode = GovernanceMode(rawValue: raw) { edited.governanceMode = mode }
                else { problems.append(FieldProblem(field: "governance_mode", message: "'\(raw)' is not supportive, controlling or directive")) }
            }
            func int(_ key: String, _ set: (Int) -> Void) {
                guard let text = form[key]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return }
                if let n = Int(text) { set(n) } else { problems.append(FieldProblem(field: key, message: "'\(text)' is not a whole number")) }
            }
            func number(_ key: String, _ set: (Double) -> Void) {
                guard let text = form[key]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return }
                if let x = Double(text.replacingOccurrences(of: ",", with: ".")) { set(x) }
                else { problems.append(FieldProblem(field: key, message: "'\(text)' is not a number")) }
            }
            int("change_cost_threshold_minor") { edited.changeCostThresholdMinor = Int64($0) }
            int("change_schedule_threshold_days") { edited.changeScheduleThresholdDays = $0 }
            number("rag_green_minimum") { edited.ragGreenMinimum = $0 }
            number("rag_amber_minimum") { edited.ragAmberMinimum = $0 }
            int("rag_overdue_milestones_amber_at") { edited.ragOverdueMilestonesAmberAt = $0 }
            int("rag_overdue_milestones_red_at") { edited.ragOverdueMilestonesRedAt = $0 }
            int("rag_open_high_risks_amber_at") { edited.ragOpenHighRisksAmberAt = $0 }
            int("rag_open_high_risks_red_at") { edited.ragOpenHighRisksRedAt = $0 }
            if problems.isEmpty {
                do {
                    let change = edited
                    _ = try await backend.catalog.update(Portfolio.self, id, auth.caller, ifVersion: form["version"].flatMap { Int($0) }) {
                        $0.governanceMode = change.governanceMode
                        $0.changeCostThresholdMinor = change.changeCostThresholdMinor
                        $0.changeScheduleThresholdDays = change.changeScheduleThresholdDays
                        $0.ragGreenMinimum = change.ragGreenMinimum
                        $0.ragAmberMinimum = change.ragAmberMinimum
                        $0.ragOverdueMilestonesAmberAt = change.ragOverdueMilestonesAmberAt
                        $0.ragOverdueMilestonesRedAt = change.ragOverdueMilestonesRedAt
                        $0.ragOpenHighRisksAmberAt = change.ragOpenHighRisksAmberAt
                        $0.ragOpenHighRisksRedAt = change.ragOpenHighRisksRedAt
                    }
                    context.logger.info("portfolio settings changed", metadata: ["portfolio": .stringConvertible(id)])
                    return Response(status: .seeOther, headers: [.location: "/portfolios/\(id)/settings"])
                } catch let error as ServiceError where [.invalid, .forbidden, .conflict, .versionMismatch].contains(error.code) {
                    problems = error.problems.isEmpty ? [FieldProblem(field: "portfolio", message: error.message)] : error.problems
                    return Self.page(edited, auth: auth, errors: problems, status: error.code.httpStatus)
                }
            }
            return Self.page(edited, auth: auth, errors: problems, status: .unprocessableContent)
        }
    }

    static func page(_ p: Portfolio, auth: Authenticated, errors: [FieldProblem] = [],
                     status: HTTPResponse.Status = .ok) -> Response {
        let role = auth.user.role
        let mayChange = [.admin, .pmoDirector].contains(role) || (role == .portfolioManager && p.ownerId == auth.user.id)
        var values: [String: Any] = [
            "id": p.id.description, "code": p.code, "name": p.name, "version": p.version,
            "modes": GovernanceMode.allCases.map { ["value": $0.rawValue, "selected": $0 == p.governanceMode, "rule": $0.gateRule] },
            "mayChange": mayChange, "mayChangeMode": [.admin, .pmoDirector].contains(role),
            "mode": p.governanceMode.rawValue, "modeRule": p.governanceMode.gateRule,
            "cost": String(p.changeCostThresholdMinor), "days": String(p.changeScheduleThresholdDays),
            "green": Pages.number(p.ragGreenMinimum), "amber": Pages.number(p.ragAmberMinimum),
            "milestonesAmber": String(p.ragOverdueMilestonesAmberAt), "milestonesRed": String(p.ragOverdueMilestonesRedAt),
            "risksAmber": String(p.ragOpenHighRisksAmberAt), "risksRed": String(p.ragOpenHighRisksRedAt),
            "errors": errors.map { ["field": $0.field, "message": $0.message] }, "hasErrors": !errors.isEmpty,
        ]
        if case .session(_, let csrf) = auth.via { values["csrf"] = csrf }
        return Pages.html("portfolioSettings", values, title: "Governance of \(p.code)", auth: auth, status: status,
                          nav: "portfolios")
    }
}

extension Templates {
    static let portfolioSettings = """
        <nav class="crumbs" aria-label="Breadcrumb"><a href="/portfolios">Portfolios</a> › <a href="/portfolios/{{id}}">{{code}}</a> › <span aria-current="page">Governance</span></nav>
        <h1>Governance of {{name}}</h1>
        {{#hasErrors}}<div class="alert" role="alert" id="settings-errors"><p>Nothing was changed:</p><ul>{{#errors}}<li><strong>{{field}}</strong>: {{message}}</li>{{/errors}}</ul></div>{{/hasErrors}}
        <p class="notice" id="current-mode"><strong>A {{mode}} portfolio.</strong> {{modeRule}}</p>
        <form method="post" action="/portfolios/{{id}}/settings" class="stack" id="settings-form">
          <input type="hidden" name="csrf_token" value="{{csrf}}">
          <input type="hidden" name="version" value="{{version}}">
          <fieldset><legend>Governance mode</legend>
            {{#modes}}<label><input type="radio" name="governance_mode" value="{{value}}"{{#selected}} checked{{/selected}}{{^mayChangeMode}} disabled{{/mayChangeMode}}> <strong>{{value}}</strong>: {{rule}}</label>{{/modes}}
            {{^mayChangeMode}}<p class="muted">Only the administrator and the PMO director change a portfolio's mode; every change is in the audit trail.</p>{{/mayChangeMode}}
          </fieldset>
          <fieldset><legend>Change requests that need the PMO (controlling mode)</legend>
            <label for="change_cost_threshold_minor">Cost impact above (minor units, e.g. cents)</label>
            <input id="change_cost_threshold_minor" name="change_cost_threshold_minor" value="{{cost}}" inputmode="numeric">
            <label for="change_schedule_threshold_days">Schedule impact above (days)</label>
            <input id="change_schedule_threshold_days" name="change_schedule_threshold_days" value="{{days}}" inputmode="numeric">
          </fieldset>
          <fieldset><legend>RAG policy for status reports</legend>
            <label for="rag_green_minimum">Green from an index (worst of SPI and CPI) of</label>
            <input id="rag_green_minimum" name="rag_green_minimum" value="{{green}}" inputmode="decimal">
            <label for="rag_amber_minimum">Amber from</label>
            <input id="rag_amber_minimum" name="rag_amber_minimum" value="{{amber}}" inputmode="decimal">
            <label for="rag_overdue_milestones_amber_at">Overdue milestones: amber from</label>
            <input id="rag_overdue_milestones_amber_at" name="rag_overdue_milestones_amber_at" value="{{milestonesAmber}}" inputmode="numeric">
            <label for="rag_overdue_milestones_red_at">red from</label>
            <input id="rag_overdue_milestones_red_at" name="rag_overdue_milestones_red_at" value="{{milestonesRed}}" inputmode="numeric">
            <label for="rag_open_high_risks_amber_at">Open high risks: amber from</label>
            <input id="rag_open_high_risks_amber_at" name="rag_open_high_risks_amber_at" value="{{risksAmber}}" inputmode="numeric">
            <label for="rag_open_high_risks_red_at">red from</label>
            <input id="rag_open_high_risks_red_at" name="rag_open_high_risks_red_at" value="{{risksRed}}" inputmode="numeric">
          </fieldset>
          {{#mayChange}}<button type="submit" id="save-settings">Save</button>{{/mayChange}}
          {{^mayChange}}<p class="muted" id="settings-readonly">Read-only: the PMO director and the portfolio's owner change these.</p>{{/mayChange}}
        </form>
        """
}
