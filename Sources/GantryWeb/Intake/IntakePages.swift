import Foundation
import GantryModel
import GantryServices
import Hummingbird

/// The intake pages: the queue of requests, a request with its assessment and actions, the request form, and a
/// portfolio's scoring model.
extension Templates {
    static let requests = """
        <h1>Intake</h1>
        <p>Project requests waiting for the PMO, ranked by their portfolio's scoring model.{{#mayCreate}} <a class="button" id="new-request" href="/requests/new{{#portfolioId}}?portfolio_id={{portfolioId}}{{/portfolioId}}">New request</a>{{/mayCreate}}</p>
        <form method="get" action="/requests" class="filters" aria-label="Choose a portfolio">
          <label for="portfolio_id">Portfolio</label>
          <select id="portfolio_id" name="portfolio_id">
            {{#portfolios}}<option value="{{id}}"{{#selected}} selected{{/selected}}>{{code}} {{name}}</option>{{/portfolios}}
          </select>
          <button type="submit">Show</button>
          {{#portfolioId}}<a href="/portfolios/{{portfolioId}}/scoring">Scoring model</a>{{/portfolioId}}
        </form>
        {{#warning}}<p class="notice" role="status">{{warning}}</p>{{/warning}}
        <table class="grid" id="queue">
          <caption>Queue{{#portfolioCode}} of {{portfolioCode}}{{/portfolioCode}}</caption>
          <thead><tr><th scope="col">Rank</th><th scope="col">Request</th><th scope="col">State</th><th scope="col">Score</th><th scope="col">NPV</th><th scope="col">Requester</th><th scope="col">Note</th></tr></thead>
          <tbody>
          {{#queue}}<tr><td>{{rank}}</td><td><a href="/requests/{{id}}" class="request-link">{{title}}</a></td><td><span class="state">{{status}}</span></td><td>{{score}}</td><td>{{npv}}</td><td>{{requester}}</td><td class="muted">{{note}}</td></tr>{{/queue}}
          {{^queue}}<tr><td colspan="7">Nothing waiting.</td></tr>{{/queue}}
          </tbody>
        </table>
        {{#hasDemand}}
        <h2>What the queue would need</h2>
        <table class="grid" id="queue-demand">
          <thead><tr><th scope="col">Role</th><th scope="col">Requests</th><th scope="col">FTE-months</th><th scope="col">FTE if all ran at once</th><th scope="col">FTE in the pool</th></tr></thead>
          <tbody>{{#demand}}<tr><td>{{role}}</td><td class="num">{{requests}}</td><td class="num">{{fteMonths}}</td><td class="num">{{peak}}{{#short}} <strong>over the pool</strong>{{/short}}</td><td class="num">{{pool}}</td></tr>{{/demand}}</tbody>
        </table>
        {{/hasDemand}}
        <h2>Other requests</h2>
        <table class="grid" id="others">
          <thead><tr><th scope="col">Request</th><th scope="col">State</th><th scope="col">Requester</th><th scope="col">Updated</th></tr></thead>
          <tbody>
          {{#others}}<tr><td><a href="/requests/{{id}}" class="request-link">{{title}}</a></td><td><span class="state">{{status}}</span></td><td>{{requester}}</td><td class="date">{{updated}}</td></tr>{{/others}}
          {{^others}}<tr><td colspan="4">None.</td></tr>{{/others}}
          </tbody>
        </table>
        """

    static let request = """
        <nav class="crumbs" aria-label="Breadcrumb"><a href="/requests?portfolio_id={{portfolioId}}">Intake</a> › <span aria-current="page">Request {{id}}</span></nav>
        <h1>{{title}}</h1>
        {{#error}}<p class="alert" role="alert" id="action-error">{{error}}</p>{{/error}}
        <dl class="facts">
          <div><dt>State</dt><dd><span class="state" id="request-status">{{status}}</span></dd></div>
          <div><dt>Portfolio</dt><dd><a href="/portfolios/{{portfolioId}}">{{portfolioCode}}</a></dd></div>
          <div><dt>Requester</dt><dd>{{requester}}</dd></div>
          <div><dt>Sponsor</dt><dd>{{sponsor}}</dd></div>
          <div><dt>Desired start</dt><dd class="date">{{desiredStart}}</dd></div>
          <div><dt>Score</dt><dd id="request-score">{{score}}</dd></div>
          <div><dt>Rank</dt><dd id="request-rank">{{rank}}</dd></div>
        </dl>
        {{#decisionReason}}<p class="notice" id="decision-reason"><strong>Reason given:</strong> {{decisionReason}}</p>{{/decisionReason}}
        {{#projectId}}<p class="notice" id="created-project">Approved: project <a href="/projects/{{projectId}}">{{projectCode}}</a> was created from this request.</p>{{/projectId}}
        <section aria-labelledby="h-case"><h2 id="h-case">Problem and goal</h2>
          <p><strong>Problem.</strong> {{{problem}}}</p><p><strong>Goal.</strong> {{{goal}}}</p>
          {{#risks}}<p><strong>Risks.</strong> {{{risks}}}</p>{{/risks}}
        </section>
        <section aria-labelledby="h-money"><h2 id="h-money">Business case ({{currency}})</h2>
          <table class="grid" id="business-case">
            <thead><tr><th scope="col">Period</th><th scope="col">Cost</th><th scope="col">Benefit</th><th scope="col">Net</th></tr></thead>
            <tbody>{{#periods}}<tr><td>{{label}}</td><td class="num">{{cost}}</td><td class="num">{{benefit}}</td><td class="num">{{net}}</td></tr>{{/periods}}
            {{^periods}}<tr><td colspan="4">No periods yet.</td></tr>{{/periods}}</tbody>
          </table>
          <dl class="facts" id="figures">
            <div><dt>NPV at {{rate}}</dt><dd id="npv">{{npv}}</dd></div>
            <div><dt>IRR</dt><dd id="irr">{{irr}}</dd></div>
            <div><dt>MIRR</dt><dd>{{mirr}}</dd></div>
            <div><dt>Payback</dt><dd>{{payback}}</dd></div>
            <div><dt>Discounted payback</dt><dd>{{discountedPayback}}</dd></div>
          </dl>
          <p class="muted">Discounting convention: {{conventionExplained}}. Periods are {{periodUnit}}s.</p>
        </section>
        <section aria-labelledby="h-score"><h2 id="h-score">Score and how it was computed</h2>
          {{#hasExplanation}}<ol id="score-explanation">{{#explanation}}<li>{{.}}</li>{{/explanation}}</ol>{{/hasExplanation}}
          {{#notes}}<p class="muted">{{.}}</p>{{/notes}}
          {{#weightsFrom}}<p class="muted">Weights {{weightsFrom}}{{#consistency}}; consistency ratio {{consistency}}{{/consistency}}.</p>{{/weightsFrom}}
          {{#ahpWarning}}<p class="notice">{{ahpWarning}}</p>{{/ahpWarning}}
        </section>
        {{#hasDemand}}
        <section aria-labelledby="h-demand"><h2 id="h-demand">Estimated demand</h2>
          <table class="grid"><thead><tr><th scope="col">Role</th><th scope="col">FTE</th><th scope="col">Months</th></tr></thead>
          <tbody>{{#demand}}<tr><td>{{role}}</td><td class="num">{{fte}}</td><td class="num">{{months}}</td></tr>{{/demand}}</tbody></table>
        </section>
        {{/hasDemand}}
        {{#whenStart}}
        <section aria-labelledby="h-start" id="when-start"><h2 id="h-start">When could it start?</h2>
        \(StaffingTemplates.startSection)
        <p><a href="/requests/{{requestId}}/start" id="start-details">Every start tried, and why</a></p>
        </section>
        {{/whenStart}}
        {{#startError}}<section aria-labelledby="h-start" id="when-start"><h2 id="h-start">When could it start?</h2><p class="notice">{{startError}}</p></section>{{/startError}}
        <section aria-labelledby="h-actions" class="actions-panel"><h2 id="h-actions">Actions</h2>
          {{#canEdit}}<p><a href="/requests/{{id}}/edit" id="edit-request">Edit the request</a></p>{{/canEdit}}
          <div class="actions" role="group" aria-label="Request actions">
          {{#canSubmit}}<form method="post" action="/requests/{{id}}/submit"><input type="hidden" name="csrf_token" value="{{csrf}}"><button type="submit" id="submit-request">Submit to the PMO</button></form>{{/canSubmit}}
          {{#canReview}}<form method="post" action="/requests/{{id}}/review"><input type="hidden" name="csrf_token" value="{{csrf}}"><button type="submit" id="review-request">Take into review</button></form>{{/canReview}}
          {{#canResume}}<form method="post" action="/requests/{{id}}/resume"><input type="hidden" name="csrf_token" value="{{csrf}}"><button type="submit" id="resume-request">Resume review</button></form>{{/canResume}}
          {{#canWithdraw}}<form method="post" action="/requests/{{id}}/withdraw"><input type="hidden" name="csrf_token" value="{{csrf}}"><button type="submit" class="secondary" id="withdraw-request">Withdraw</button></form>{{/canWithdraw}}
          </div>
          {{#canApprove}}
          <form method="post" action="/requests/{{id}}/approve" class="stack" id="approve-form">
            <input type="hidden" name="csrf_token" value="{{csrf}}">
            <h3>Approve and create the project</h3>
            <label for="template_id">Template</label>
            <select id="template_id" name="template_id">{{#templates}}<option value="{{id}}">{{name}}</option>{{/templates}}</select>
            <label for="project_code">Project code</label>
            <input id="project_code" name="project_code" value="{{suggestedCode}}" maxlength="32" required>
            <label for="manager_id">Project manager</label>
            <select id="manager_id" name="manager_id"><option value="">(later)</option>{{#managers}}<option value="{{id}}">{{name}}</option>{{/managers}}</select>
            <button type="submit" id="approve-request">Approve</button>
          </form>
          {{/canApprove}}
          {{#canReject}}
          <form method="post" action="/requests/{{id}}/reject" class="stack" id="reject-form">
            <input type="hidden" name="csrf_token" value="{{csrf}}">
            <label for="reject-reason">Reason for rejecting (the requester reads it)</label>
            <textarea id="reject-reason" name="reason" rows="2"></textarea>
            <button type="submit" class="secondary" id="reject-request">Reject</button>
          </form>
          {{/canReject}}
          {{#canHold}}
          <form method="post" action="/requests/{{id}}/hold" class="stack" id="hold-form">
            <input type="hidden" name="csrf_token" value="{{csrf}}">
            <label for="hold-reason">Reason for putting it on hold</label>
            <textarea id="hold-reason" name="reason" rows="2"></textarea>
            <button type="submit" class="secondary" id="hold-request">Put on hold</button>
          </form>
          {{/canHold}}
          {{^anyAction}}<p class="muted">No action of yours is open on this request.</p>{{/anyAction}}
        </section>
        """

    static let requestForm = """
        <h1>{{heading}}</h1>
        {{#hasErrors}}<div class="alert" role="alert" id="form-errors"><p>Please fix:</p><ul>{{#errors}}<li><strong>{{field}}</strong>: {{message}}</li>{{/errors}}</ul></div>{{/hasErrors}}
        <form method="post" action="{{action}}" class="stack" id="request-form">
          <input type="hidden" name="csrf_token" value="{{csrf}}">
          {{#choosePortfolio}}
          <label for="portfolio_id">Portfolio</label>
          <select id="portfolio_id" name="portfolio_id">{{#portfolios}}<option value="{{id}}"{{#selected}} selected{{/selected}}>{{code}} {{name}}</option>{{/portfolios}}</select>
          {{/choosePortfolio}}
          {{^choosePortfolio}}<input type="hidden" name="portfolio_id" value="{{portfolioId}}"><p>Portfolio: <strong>{{portfolioCode}}</strong></p>{{/choosePortfolio}}
          <label for="title">Title</label><input id="title" name="title" value="{{title}}" maxlength="200" required>
          <label for="sponsor_id">Sponsor</label>
          <select id="sponsor_id" name="sponsor_id"><option value="">(none yet)</option>{{#people}}<option value="{{id}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/people}}</select>
          <label for="problem">Problem</label><textarea id="problem" name="problem" rows="3">{{problem}}</textarea>
          <label for="goal">Goal</label><textarea id="goal" name="goal" rows="3">{{goal}}</textarea>
          <label for="desired_start">Desired start</label><input id="desired_start" name="desired_start" type="date" value="{{desiredStart}}">
          <fieldset><legend>Business case</legend>
            <label for="currency">Currency</label><input id="currency" name="currency" value="{{currency}}" size="3" maxlength="3">
            <label for="discount_rate">Discount rate per period (%)</label><input id="discount_rate" name="discount_rate" value="{{discountRate}}" inputmode="decimal" size="6">
            <label for="period_unit">Period</label>
            <select id="period_unit" name="period_unit">{{#units}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{value}}</option>{{/units}}</select>
            <label for="convention">Discounting convention</label>
            <select id="convention" name="convention">{{#conventions}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/conventions}}</select>
            <label for="periods">Costs and benefits, one period a line: <code>label, cost, benefit</code></label>
            <textarea id="periods" name="periods" rows="5" placeholder="Year 0, 40000, 0">{{periods}}</textarea>
          </fieldset>
          {{#hasCriteria}}
          <fieldset id="ratings"><legend>Impact on the portfolio's criteria</legend>
            {{#criteria}}
            <label for="rating-{{key}}">{{name}} ({{min}}–{{max}}{{#lower}}, lower is better{{/lower}})</label>
            {{#definition}}<p class="muted">{{definition}}</p>{{/definition}}
            <input id="rating-{{key}}" name="rating.{{key}}" value="{{value}}" inputmode="decimal" size="6">
            {{/criteria}}
          </fieldset>
          {{/hasCriteria}}
          <label for="demand">Estimated demand by role, one a line: <code>role, FTE, months</code></label>
          <textarea id="demand" name="demand" rows="3" placeholder="Developer, 2, 6">{{demand}}</textarea>
          <label for="risks">Risks</label><textarea id="risks" name="risks" rows="2">{{risks}}</textarea>
          <button type="submit" id="save-request">{{button}}</button>
        </form>
        """

    static let scoring = """
        <nav class="crumbs" aria-label="Breadcrumb"><a href="/portfolios/{{portfolioId}}">{{portfolioCode}}</a> › <span aria-current="page">Scoring model</span></nav>
        <h1>Scoring model of {{portfolioCode}}</h1>
        {{#hasErrors}}<div class="alert" role="alert" id="form-errors"><ul>{{#errors}}<li><strong>{{field}}</strong>: {{message}}</li>{{/errors}}</ul></div>{{/hasErrors}}
        {{^hasModel}}<p>This portfolio has no scoring model yet, so its requests are not ranked.</p>{{/hasModel}}
        {{#hasModel}}
        <table class="grid" id="criteria">
          <thead><tr><th scope="col">Criterion</th><th scope="col">Definition</th><th scope="col">Scale</th><th scope="col">Weight</th></tr></thead>
          <tbody>{{#rows}}<tr><td>{{name}} <span class="code">{{key}}</span></td><td>{{definition}}</td><td>{{min}}–{{max}}{{#lower}} (lower is better){{/lower}}</td><td class="num">{{weight}}</td></tr>{{/rows}}</tbody>
        </table>
        <p class="muted">Weights {{weightsFrom}}{{#consistency}}; consistency ratio {{consistency}} (Saaty's random index; above 0.10 the judgements should be revisited){{/consistency}}.</p>
        {{#warning}}<p class="notice" id="ahp-warning">{{warning}}</p>{{/warning}}
        {{/hasModel}}
        {{#mayChange}}
        <form method="post" action="/portfolios/{{portfolioId}}/scoring" class="stack" id="scoring-form">
          <input type="hidden" name="csrf_token" value="{{csrf}}">
          <label for="criteria-text">Criteria, one a line: <code>key | name | weight | min | max | higher_is_better or lower_is_better | definition</code></label>
          <textarea id="criteria-text" name="criteria" rows="6">{{criteriaText}}</textarea>
          <label for="pairwise-text">Pairwise comparison (optional; AHP): one row a line, in the criteria's order, values 1/9…9 like <code>1 3 1/5</code>. When given, it sets the weights.</label>
          <textarea id="pairwise-text" name="pairwise" rows="5">{{pairwiseText}}</textarea>
          <button type="submit" id="save-scoring">Save the scoring model</button>
        </form>
        {{/mayChange}}
        """
}

extension Pages {
    static let intakeTemplates: [(String, String)] = [
        ("requests", Templates.requests), ("request", Templates.request), ("requestForm", Templates.requestForm),
        ("scoring", Templates.scoring), ("glossary", Templates.glossary), ("inbox", Templates.inbox), ("portfolioSettings", Templates.portfolioSettings), ("lessons", Templates.lessons), ("training", Templates.training),
    ]

    static func money(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "—" }
        let rounded = (value * 100).rounded() / 100
        let formatter = NumberFormatter()
        formatter.numberStyle = .decimal
        formatter.minimumFractionDigits = 2
        formatter.maximumFractionDigits = 2
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.usesGroupingSeparator = true
        formatter.groupingSeparator = ","
        formatter.groupingSize = 3
        return formatter.string(from: NSNumber(value: rounded)) ?? String(rounded)
    }

    static func percent(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "—" }
        return String(format: "%.2f %%", value * 100)
    }

    static func requests(portfolios: [Portfolio], selected: Portfolio?, queue: [Intake.QueueEntry], others: [IntakeRequest],
                         demand: [Intake.RoleDemandSummary],
                         scoring: Intake.ScoringSummary?, names: [User.ID: String], auth: Authenticated) -> Response {
        var values: [String: Any] = [
            "portfolios": portfolios.map { ["id": $0.id.description, "code": $0.code, "name": $0.name, "selected": $0.id == selected?.id] },
            "queue": queue.map { e -> [String: Any] in
                ["id": e.request.id.description, "title": e.request.title, "status": e.request.status.label,
                 "rank": e.rank.map(String.init) ?? "—", "score": e.score.map { String(format: "%.2f", $0) } ?? "—",
                 "npv": money(e.npv), "requester": names[e.request.requesterId] ?? "user \(e.request.requesterId)",
                 "note": e.note ?? ""]
            },
            "others": others.map { r -> [String: Any] in
                ["id": r.id.description, "title": r.title, "status": r.status.label,
                 "requester": names[r.requesterId] ?? "user \(r.requesterId)", "updated": r.updatedAt.description.prefix(10)]
            },
            "mayCreate": auth.user.role != .executive,
            "demand": demand.map { d -> [String: Any] in
                ["role": d.role, "fteMonths": number((d.fteMonths * 10).rounded() / 10), "peak": number((d.peakFTE * 10).rounded() / 10),
                 "pool": number((d.poolFTE * 10).rounded() / 10), "requests": d.requests, "short": d.peakFTE > d.poolFTE]
            },
            "hasDemand": !demand.isEmpty,
        ]
        if let selected { values["portfolioId"] = selected.id.description; values["portfolioCode"] = selected.code }
        if let warning = scoring?.warning { values["warning"] = "Scoring model: " + warning }
        return html("requests", values, title: "Intake", auth: auth, nav: "intake")
    }

    static func request(_ a: Intake.Assessment, portfolio: Portfolio, project: Project?, templates: [(id: Int64, name: String)],
                        names: [User.ID: String], managers: [User], glossary: GlossaryMarkup, error: String? = nil, status: HTTPResponse.Status = .ok,
                        start: Result<StartView, ServiceError>? = nil, auth: Authenticated) -> Response {
        let r = a.request
        let f = a.businessCase
        var values: [String: Any] = [
            "id": r.id.description, "title": r.title, "status": r.status.label, "portfolioId": portfolio.id.description,
            "portfolioCode": portfolio.code, "requester": names[r.requesterId] ?? "user \(r.requesterId)",
            "sponsor": r.sponsorId.map { names[$0] ?? "user \($0)" } ?? "—", "desiredStart": dash(r.desiredStart),
            "problem": r.problem.isEmpty ? "—" : glossary.html(r.problem), "goal": r.goal.isEmpty ? "—" : glossary.html(r.goal),
            "risks": glossary.html(r.risks),
            "score": a.score.map { String(format: "%.2f of 10", $0) } ?? "—",
            "rank": a.rank.map { "\($0) of \(a.queueSize)" } ?? "—",
            "decisionReason": r.decisionReason ?? "",
            "currency": f.currency, "rate": percent(f.discountRate), "npv": money(f.npv), "irr": percent(f.irr),
            "mirr": percent(f.mirr), "payback": f.paybackPeriods.map { String(format: "%.2f %@s", $0, f.periodUnit) } ?? "—",
            "discountedPayback": f.discountedPaybackPeriods.map { String(format: "%.2f %@s", $0, f.periodUnit) } ?? "—",
            "conventionExplained": f.conventionExplained, "periodUnit": f.periodUnit,
            "periods": zip(r.businessCase.periods, f.netFlows).enumerated().map { i, pair -> [String: Any] in
                ["label": pair.0.label.isEmpty ? "Period \(i)" : pair.0.label, "cost": money(pair.0.cost),
                 "benefit": money(pair.0.benefit), "net": money(pair.1)]
            },
            "explanation": a.explanation, "hasExplanation": !a.explanation.isEmpty,
            "notes": a.notes, "hasDemand": !r.demand.isEmpty,
            "demand": r.demand.map { ["role": $0.role, "fte": number($0.fte), "months": number($0.months)] },
            "templates": templates.map { ["id": String($0.id), "name": $0.name] },
            "managers": managers.map { ["id": $0.id.description, "name": $0.displayName] },
            "suggestedCode": "REQ-\(r.id)",
        ]
        if let s = a.scoring {
            values["weightsFrom"] = s.weightsFrom == "pairwise" ? "from the pairwise comparison (AHP, principal eigenvector)" : "as entered"
            if let cr = s.consistencyRatio { values["consistency"] = String(format: "%.3f", cr) }
            if let w = s.warning { values["ahpWarning"] = w }
        }
        if let project { values["projectId"] = project.id.description; values["projectCode"] = project.code }
        switch start {
        case .success(let view)?: values["whenStart"] = StaffingPages.startValues(view, attempts: 3)
        case .failure(let refusal)?: values["startError"] = "The earliest start cannot be computed: \(refusal.message)"
        case nil: break
        }
        if let error { values["error"] = error }
        if case .session(_, let csrf) = auth.via { values["csrf"] = csrf }
        // The buttons are the actions the service says the viewer may take.
        let flags: [(String, Intake.Action)] = [("canSubmit", .submit), ("canWithdraw", .withdraw), ("canReview", .review),
                                                ("canApprove", .approve), ("canReject", .reject), ("canHold", .hold),
                                                ("canResume", .resume)]
        for (key, action) in flags { values[key] = a.actions.contains(action) }
        values["canEdit"] = a.mayEdit
        values["anyAction"] = a.mayEdit || !a.actions.isEmpty
        return html("request", values, title: r.title, auth: auth, status: status, nav: "intake")
    }

    static func requestForm(_ r: IntakeRequest, isNew: Bool, portfolios: [Portfolio], model: ScoringModel?, people: [User],
                            periodsText: String? = nil, demandText: String? = nil, ratingTexts: [String: String] = [:],
                            errors: [FieldProblem] = [], auth: Authenticated) -> Response {
        let b = r.businessCase
        var values: [String: Any] = [
            "heading": isNew ? "New project request" : "Edit request \(r.id)",
            "action": isNew ? "/requests/new" : "/requests/\(r.id)/edit", "button": isNew ? "Save draft" : "Save",
            "choosePortfolio": isNew, "portfolioId": r.portfolioId.description,
            "portfolioCode": portfolios.first { $0.id == r.portfolioId }?.code ?? "",
            "portfolios": portfolios.map { ["id": $0.id.description, "code": $0.code, "name": $0.name, "selected": $0.id == r.portfolioId] },
            "title": r.title, "problem": r.problem, "goal": r.goal, "risks": r.risks,
            "desiredStart": r.desiredStart?.description ?? "",
            "people": people.map { ["id": $0.id.description, "name": $0.displayName, "selected": $0.id == r.sponsorId] },
            "currency": b.currency, "discountRate": number(b.discountRate * 100),
            "units": ["year", "quarter", "month"].map { ["value": $0, "selected": $0 == b.periodUnit] },
            "conventions": [("first_flow_at_time_zero", "first flow at t = 0, not discounted (textbook)"),
                            ("first_flow_discounted", "first flow discounted one period (spreadsheet NPV)")]
                .map { ["value": $0.0, "label": $0.1, "selected": $0.0 == b.convention] },
            "periods": periodsText ?? b.periods.map { "\($0.label), \(number($0.cost)), \(number($0.benefit))" }.joined(separator: "\n"),
            "demand": demandText ?? r.demand.map { "\($0.role), \(number($0.fte)), \(number($0.months))" }.joined(separator: "\n"),
            "criteria": (model?.criteria ?? []).map { c -> [String: Any] in
                ["key": c.key, "name": c.name, "definition": c.definition, "min": number(c.scaleMin), "max": number(c.scaleMax),
                 "lower": c.direction == "lower_is_better",
                 "value": ratingTexts[c.key] ?? r.ratings.first { $0.criterion == c.key }.map { number($0.rating) } ?? ""]
            },
            "errors": errors.map { ["field": $0.field, "message": $0.message] }, "hasErrors": !errors.isEmpty,
            "hasCriteria": !(model?.criteria ?? []).isEmpty,
        ]
        if case .session(_, let csrf) = auth.via { values["csrf"] = csrf }
        return html("requestForm", values, title: isNew ? "New request" : "Edit request", auth: auth,
                    status: errors.isEmpty ? .ok : .unprocessableContent, nav: "intake")
    }

    static func scoring(portfolio: Portfolio, model: ScoringModel?, summary: Intake.ScoringSummary?, mayChange: Bool,
                        criteriaText: String? = nil, pairwiseText: String? = nil, errors: [FieldProblem] = [],
                        auth: Authenticated) -> Response {
        var values: [String: Any] = [
            "portfolioId": portfolio.id.description, "portfolioCode": portfolio.code, "hasModel": summary != nil,
            "mayChange": mayChange, "errors": errors.map { ["field": $0.field, "message": $0.message] }, "hasErrors": !errors.isEmpty,
            "criteriaText": criteriaText ?? (model?.criteria ?? []).map {
                "\($0.key) | \($0.name) | \(number($0.weight)) | \(number($0.scaleMin)) | \(number($0.scaleMax)) | \($0.direction) | \($0.definition)"
            }.joined(separator: "\n"),
            "pairwiseText": pairwiseText ?? (model?.pairwise ?? []).map { $0.map(fraction).joined(separator: " ") }.joined(separator: "\n"),
        ]
        if let s = summary {
            values["rows"] = zip(s.criteria, s.weights).map { c, w -> [String: Any] in
                ["key": c.key, "name": c.name, "definition": c.definition, "min": number(c.scaleMin), "max": number(c.scaleMax),
                 "lower": c.direction == "lower_is_better", "weight": String(format: "%.1f %%", w * 100)]
            }
            values["weightsFrom"] = s.weightsFrom == "pairwise" ? "from the pairwise comparison (AHP, principal eigenvector)" : "as entered, normalised to 100 %"
            if let cr = s.consistencyRatio { values["consistency"] = String(format: "%.3f", cr) }
            if let w = s.warning { values["warning"] = w }
        }
        if case .session(_, let csrf) = auth.via { values["csrf"] = csrf }
        return html("scoring", values, title: "Scoring model", auth: auth, status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    /// A Saaty judgement as people write it: 3, 1/5.
    static func fraction(_ x: Double) -> String {
        if x >= 1 { return number(x) }
        let inverse = 1 / x
        return (inverse - inverse.rounded()).magnitude < 1e-9 ? "1/\(Int(inverse.rounded()))" : String(format: "%g", x)
    }
}
