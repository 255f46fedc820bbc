import Foundation
import GantryGovernance
import GantryModel
import GantryServices
import Hummingbird
import Logging

/// The RAID log's and change control's HTML pages: the portfolio's RAID view (filters, sortable columns), a
/// project's RAID log with its forms and risk actions, a project's change requests and baselines (with the variance
/// against a chosen baseline), and a change request with its actions. Forms carry the session's CSRF token; the
/// buttons shown are those the viewer may use, and a refused action shows the page again with the reason.
struct RAIDPages: Sendable {
    let backend: Backend

    func register(on router: Router<GantryContext>) {
        let backend = self.backend
        router.get("portfolios/:id/raid") { request, context in
            let auth = try UIRoutes.signedIn(context)
            let id = Portfolio.ID(try APIRoutes.id(context))
            let parameters = RAIDRoutes.parameters(request)
            let query = try RAIDQuery(parameters: parameters)
            let view = try await backend.raid.portfolioView(id, query, auth.caller)
            return Self.portfolioPage(view, parameters: parameters, auth: auth)
        }
        router.get("projects/:id/raid") { _, context in
            let auth = try UIRoutes.signedIn(context)
            return try await Self.projectPage(Project.ID(try APIRoutes.id(context)), auth: auth, backend: backend)
        }
        for kind in ["risks", "issues", "assumptions", "decisions"] {
            router.post(RouterPath(stringLiteral: "projects/:id/raid/\(kind)")) { request, context in
                let (auth, id, form) = try await UIRoutes.scheduleForm(request, context)
                do {
                    try await Self.create(kind, in: id, form: form, auth: auth, backend: backend)
                } catch let error as ServiceError where error.code != .notFound {
                    return try await Self.projectPage(id, auth: auth, backend: backend, error: error)
                }
                context.logger.info("RAID record added", metadata: ["project": .stringConvertible(id), "kind": .string(kind)])
                return Response(status: .seeOther, headers: [.location: "/projects/\(id)/raid#\(kind)-title"])
            }
        }
        for verb in ["convert", "close"] {
            router.post(RouterPath(stringLiteral: "risks/:id/\(verb)")) { request, context in
                // The form's id is the risk's: scheduleForm reads it as a project id.
                let (auth, raw, form) = try await UIRoutes.scheduleForm(request, context)
                let id = Risk.ID(raw.rawValue)
                let risk = try await backend.catalog.get(Risk.self, id, auth.caller)
                do {
                    if verb == "convert" {
                        _ = try await backend.raid.convert(id, auth.caller)
                    } else {
                        _ = try await backend.raid.close(id, reason: form["reason"] ?? "", auth.caller)
                    }
                } catch let error as ServiceError where error.code != .notFound {
                    return try await Self.projectPage(risk.projectId, auth: auth, backend: backend, error: error)
                }
                context.logger.info("risk \(verb)", metadata: ["risk": .stringConvertible(id)])
                return Response(status: .seeOther, headers: [.location: "/projects/\(risk.projectId)/raid#risk-\(id)"])
            }
        }
        router.get("projects/:id/changes") { request, context in
            let auth = try UIRoutes.signedIn(context)
            let id = Project.ID(try APIRoutes.id(context))
            var chosen: Baseline.ID?
            if let text = request.uri.queryParameters.get("baseline"), !text.isEmpty {
                guard let n = Int64(text), n > 0 else { throw ServiceError.invalid(field: "baseline", "baseline must be a baseline's id") }
                chosen = Baseline.ID(n)
            }
            var against: Baseline.ID?
            if let text = request.uri.queryParameters.get("against"), !text.isEmpty {
                guard let n = Int64(text), n > 0 else { throw ServiceError.invalid(field: "against", "against must be a baseline's id, or empty for the current plan") }
                against = Baseline.ID(n)
            }
            return try await Self.changesPage(id, baseline: chosen, against: against, auth: auth, backend: backend)
        }
        router.post("projects/:id/changes") { request, context in
            let (auth, id, form) = try await UIRoutes.scheduleForm(request, context)
            let created: ChangeRequest
            do {
                created = try await backend.catalog.create(try Self.changeRequest(in: id, form: form), auth.caller)
            } catch let error as ServiceError where error.code != .notFound {
                return try await Self.changesPage(id, auth: auth, backend: backend, error: error, openRaise: true)
            }
            context.logger.info("change request raised", metadata: ["change_request": .stringConvertible(created.id)])
            return Response(status: .seeOther, headers: [.location: "/change-requests/\(created.id)"])
        }
        router.post("projects/:id/baselines") { request, context in
            let (auth, id, form) = try await UIRoutes.scheduleForm(request, context)
            let now = Timestamp(millisecondsSinceEpoch: 0)  // the catalog stamps the record with its own clock
            let saved: Baseline
            do {
                saved = try await backend.catalog.create(
                    Baseline(projectId: id, name: (form["name"] ?? "").trimmingCharacters(in: .whitespaces),
                             createdAt: now, updatedAt: now), auth.caller)
            } catch let error as ServiceError where error.code != .notFound {
                return try await Self.changesPage(id, auth: auth, backend: backend, error: error)
            }
            return Response(status: .seeOther, headers: [.location: "/projects/\(id)/changes?baseline=\(saved.id)#variance-title"])
        }
        router.get("change-requests/:id") { _, context in
            let auth = try UIRoutes.signedIn(context)
            return try await Self.requestPage(ChangeRequest.ID(try APIRoutes.id(context)), auth: auth, backend: backend)
        }
        for action in ChangeControl.Action.allCases {
            router.post(RouterPath(stringLiteral: "change-requests/:id/\(action.rawValue)")) { request, context in
                // The form's id is the change request's: scheduleForm reads it as a project id.
                let (auth, raw, form) = try await UIRoutes.scheduleForm(request, context)
                let id = ChangeRequest.ID(raw.rawValue)
                func given(_ key: String) -> String? {
                    guard let value = form[key]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
                    return value
                }
                do {
                    // An empty baseline name on the approval form means no baseline, whatever the draft said.
                    _ = try await backend.changes.act(
                        action, on: id, reason: given("reason"),
                        baseline: given("baseline_name").map { .named($0) } ?? .none, auth.caller)
                } catch let error as ServiceError where error.code != .notFound {
                    context.logger.notice("change request action refused", metadata: [
                        "change_request": .stringConvertible(id), "action": .string(action.rawValue), "reason": .string(error.message)])
                    return try await Self.requestPage(id, auth: auth, backend: backend, error: error)
                }
                return Response(status: .seeOther, headers: [.location: "/change-requests/\(id)"])
            }
        }
    }

    // MARK: forms into records

    /// Builds a record from a form the way the API does: the kind's defaults, the form's non-empty fields (numbers
    /// where the record has numbers), decoded with the wire's field-named errors.
    static func record<E: ManagedEntity>(_ spec: ResourceSpec<E>, in project: Project.ID, form: [String: String],
                                         extra: [String: JSONValue] = [:]) throws -> E {
        var merged = try Wire.object(of: spec.template)
        merged["project_id"] = .int(project.rawValue)
        var problems: [FieldProblem] = []
        for field in spec.writable where field != "project_id" {
            guard let value = form[field]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { continue }
            if case .int? = merged[field] ?? (field.hasSuffix("_id") ? .int(0) : nil) {
                guard let n = Int64(value) else {
                    problems.append(FieldProblem(field: field, message: "\(field) must be a whole number, not '\(value)'"))
                    continue
                }
                merged[field] = .int(n)
            } else {
                merged[field] = .string(value)
            }
        }
        for (k, v) in extra { merged[k] = v }
        if !problems.isEmpty { throw ServiceError.invalid(problems) }
        return try Wire.decode(E.self, from: merged)
    }

    static func create(_ kind: String, in project: Project.ID, form: [String: String], auth: Authenticated,
                       backend: Backend) async throws {
        switch kind {
        case "risks": _ = try await backend.catalog.create(try record(Specs.risks, in: project, form: form), auth.caller)
        case "issues": _ = try await backend.catalog.create(try record(Specs.issues, in: project, form: form), auth.caller)
        case "assumptions":
            _ = try await backend.catalog.create(try record(Specs.assumptions, in: project, form: form), auth.caller)
        default:
            var fields = form
            fields["options"] = nil
            let options = try decisionOptions(form["options"] ?? "")
            _ = try await backend.catalog.create(
                try record(Specs.decisions, in: project, form: fields, extra: ["options": options]), auth.caller)
        }
    }

    /// "name | pro; pro | con; con", one option a line.
    static func decisionOptions(_ text: String) throws -> JSONValue {
        var options: [JSONValue] = []
        for line in text.split(whereSeparator: \.isNewline) {
            let parts = line.split(separator: "|", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard let name = parts.first, !name.isEmpty else {
                if parts.contains(where: { !$0.isEmpty }) {
                    throw ServiceError.invalid(field: "options", "each line of options starts with the option's name")
                }
                continue
            }
            func list(_ i: Int) -> JSONValue {
                guard i < parts.count else { return .array([]) }
                return .array(parts[i].split(separator: ";").map { .string($0.trimmingCharacters(in: .whitespaces)) }
                    .filter { $0 != .string("") })
            }
            options.append(.object(["name": .string(name), "pros": list(1), "cons": list(2)]))
        }
        return .array(options)
    }

    /// A change request from the form; the cost is read in the currency's major units (12500.50) and kept in minor.
    static func changeRequest(in project: Project.ID, form: [String: String]) throws -> ChangeRequest {
        var fields = form
        fields["cost_impact"] = nil
        var extra: [String: JSONValue] = [:]
        let text = (form["cost_impact"] ?? "").trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: "")
        if !text.isEmpty {
            guard let minor = minorUnits(text) else {
                throw ServiceError.invalid(field: "cost_impact", "cost_impact '\(text)' is not an amount like 12500.00 or -300")
            }
            extra["cost_impact_minor"] = .int(minor)
        }
        fields["budget_changes"] = nil
        let budget = (form["budget_changes"] ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        if !budget.isEmpty {
            var changes: [JSONValue] = []
            for (i, line) in budget.enumerated() {
                // "2027-03 labour operating 12000.00"
                let words = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
                guard words.count == 4, CalendarMonth(parsing: words[0]) != nil, CostType(rawValue: words[1]) != nil,
                      Expenditure(rawValue: words[2]) != nil, let minor = minorUnits(words[3].replacingOccurrences(of: ",", with: "")), minor >= 0
                else {
                    throw ServiceError.invalid(field: "budget_changes", "budget change line \(i + 1) '\(line)' is not 'month cost-type capital|operating amount', like '2027-03 labour operating 12000.00' (cost types: \(CostType.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                changes.append(.object(["month": .string(words[0]), "cost_type": .string(words[1]), "expenditure": .string(words[2]),
                                        "amount_minor": .int(minor)]))
            }
            extra["budget_changes"] = .array(changes)
        }
        return try record(Specs.changeRequests, in: project, form: fields, extra: extra)
    }

    /// "-12500.5" → -1250050; nil when not an amount with at most two decimals.
    static func minorUnits(_ text: String) -> Int64? {
        var s = Substring(text)
        let negative = s.first == "-"
        if negative || s.first == "+" { s = s.dropFirst() }
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts[0].count <= 15,
              parts[0].allSatisfy(\.isASCII), let whole = Int64(parts[0]) else { return nil }
        var cents: Int64 = 0
        if parts.count == 2 {
            guard (1...2).contains(parts[1].count), parts[1].allSatisfy(\.isASCII), let c = Int64(parts[1]) else { return nil }
            cents = parts[1].count == 1 ? c * 10 : c
        }
        let value = whole * 100 + cents
        return negative ? -value : value
    }

    // MARK: pages

    /// Renders a page; empty texts are left out at every depth, so that `{{#x}}` hides them in rows too (Mustache
    /// takes an empty string as true).
    static func html(_ template: String, _ values: [String: Any], title: String, auth: Authenticated,
                     status: HTTPResponse.Status = .ok, nav: String? = nil) -> Response {
        func present(_ value: Any) -> Any {
            if let dict = value as? [String: Any] {
                return dict.filter { !(($0.value as? String)?.isEmpty ?? false) }.mapValues(present)
            }
            if let rows = value as? [[String: Any]] { return rows.map { present($0) } }
            return value
        }
        return Pages.html(template, values.mapValues(present), title: title, auth: auth, status: status, nav: nav)
    }

    static func csrf(_ auth: Authenticated) -> String {
        if case .session(_, let token) = auth.via { token } else { "" }
    }

    /// 12500.5 EUR, with a sign when it is a saving.
    static func money(_ minor: Int64, _ currency: String) -> String {
        let sign = minor < 0 ? "−" : ""
        let size = minor.magnitude
        var whole = String(size / 100)
        var grouped = ""
        while whole.count > 3 {
            grouped = "," + whole.suffix(3) + grouped
            whole = String(whole.dropLast(3))
        }
        let cents = size % 100
        return "\(sign)\(whole)\(grouped).\(cents < 10 ? "0" : "")\(cents)" + (currency.isEmpty ? "" : " " + currency)
    }

    static func days(_ n: Int) -> String { n == 0 ? "none" : (n > 0 ? "+\(n) days" : "−\(-n) days") }

    static func name(_ id: User.ID?, _ people: [User.ID: User]) -> String {
        id.map { people[$0]?.displayName ?? "user \($0)" } ?? "—"
    }

    static func portfolioPage(_ view: RAIDView, parameters: [(String, String)], auth: Authenticated) -> Response {
        let q = view.query
        let order = q.ascending ? "asc" : "desc"
        func href(sort: RAIDQuery.Sort) -> String {
            // Clicking the sorted column reverses it; another column starts in its natural order.
            var kept = parameters.filter { ["type", "status", "owner_id", "level"].contains($0.0) && !$0.1.isEmpty }
            kept.append(("sort", sort.rawValue))
            if sort == q.sort { kept.append(("order", q.ascending ? "desc" : "asc")) }
            let query = kept.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0.1)" }
            return "/portfolios/\(view.portfolio.id)/raid?" + query.joined(separator: "&")
        }
        let columns: [[String: Any]] = [(RAIDQuery.Sort.score, "Score", true), (.due, "Due", false),
                                        (.updatedAt, "Updated", false)].map { sort, label, num in
            let sorted = sort == q.sort
            return ["key": sort.rawValue, "label": label, "num": num, "href": href(sort: sort),
                    "ariaSort": sorted ? (q.ascending ? "ascending" : "descending") : "none",
                    "arrow": sorted ? (q.ascending ? " ▲" : " ▼") : ""]
        }
        let items: [[String: Any]] = view.items.map { i in
            ["type": i.type.rawValue, "id": String(i.id), "projectId": i.projectId.description, "projectCode": i.projectCode,
             "title": i.title, "status": i.status, "owner": i.ownerName ?? "—", "level": i.level ?? "",
             "score": i.score.map(String.init) ?? "", "due": i.due?.description ?? "", "updated": i.updatedAt.date.description]
        }
        let sortLabels: [RAIDQuery.Sort: String] = [.score: "score", .due: "due date", .updatedAt: "last change"]
        return Self.html("raidPortfolio", [
            "portfolioId": view.portfolio.id.description, "portfolioCode": view.portfolio.code,
            "portfolioName": view.portfolio.name, "count": view.items.count, "items": items, "columns": columns,
            "sortLabel": sortLabels[q.sort] ?? q.sort.rawValue,
            "types": RAIDItem.Kind.allCases.map { ["value": $0.rawValue, "selected": $0 == q.type] },
            "statuses": RAIDQuery.statuses(q.type).map { ["value": $0, "selected": $0 == q.status] },
            "owners": view.owners.map { ["value": $0.id.description, "label": $0.displayName, "selected": $0.id == q.ownerId] },
            "levels": RAIDQuery.levels.map { ["value": $0, "selected": $0 == q.level] },
            "sorts": RAIDQuery.Sort.allCases.map { ["value": $0.rawValue, "label": sortLabels[$0] ?? $0.rawValue, "selected": $0 == q.sort] },
            "orders": [["value": "desc", "label": "descending", "selected": order == "desc"],
                       ["value": "asc", "label": "ascending", "selected": order == "asc"]],
        ], title: "RAID view: \(view.portfolio.name)", auth: auth, nav: "portfolios")
    }

    static func projectPage(_ id: Project.ID, auth: Authenticated, backend: Backend,
                            error: ServiceError? = nil) async throws -> Response {
        let log = try await backend.raid.projectLog(id, auth.caller)
        let people = log.people
        let token = csrf(auth)
        let risks: [[String: Any]] = log.risks.map { r in
            ["id": r.id.description, "title": r.title, "category": r.category, "probability": r.probability,
             "impact": r.impact, "score": r.score, "level": r.level.rawValue, "owner": name(r.ownerId, people),
             "strategy": r.responseStrategy.rawValue, "plan": r.responsePlan, "trigger": r.trigger,
             "due": r.dueDate?.description ?? "", "status": r.status.rawValue, "closeReason": r.closeReason ?? "",
             "issueId": r.issueId?.description ?? "", "csrf": token,
             "explanation": RiskScore(probability: r.probability, impact: r.impact)?.explanation ?? "",
             "actionable": r.status == .open && log.actionable.contains(r.id)]
        }
        let issues: [[String: Any]] = log.issues.map { i in
            ["id": i.id.description, "title": i.title, "description": i.description, "severity": i.severity.rawValue,
             "owner": name(i.ownerId, people), "due": i.dueDate?.description ?? "", "status": i.status.rawValue,
             "resolution": i.resolution, "riskId": i.riskId?.description ?? ""]
        }
        let assumptions: [[String: Any]] = log.assumptions.map { a in
            ["id": a.id.description, "statement": a.statement, "owner": name(a.ownerId, people),
             "validateBy": a.validateBy?.description ?? "", "status": a.status.rawValue, "notes": a.notes]
        }
        let decisions: [[String: Any]] = log.decisions.map { d in
            ["id": d.id.description, "title": d.title, "context": d.context, "status": d.status.rawValue,
             "rationale": d.rationale, "decided": d.decidedBy != nil || d.decidedAt != nil,
             "decidedBy": name(d.decidedBy, people), "decidedAt": d.decidedAt?.date.description ?? "—",
             "options": d.options.map { o -> [String: Any] in
                 ["name": o.name, "chosen": o.name == d.chosenOption, "pros": o.pros.joined(separator: "; "),
                  "cons": o.cons.joined(separator: "; ")]
             }]
        }
        let choices = people.values.sorted { $0.displayName < $1.displayName }
            .map { ["value": $0.id.description, "label": $0.displayName] }
        var scale: [[String: Any]] = []
        for (k, (probability, impact)) in zip(RiskScore.probabilityLabels, RiskScore.impactLabels).enumerated() {
            let value: Int = k + 1
            scale.append(["value": value, "middle": value == 3, "probability": probability, "impact": impact])
        }
        var values: [String: Any] = [
            "projectId": id.description, "projectCode": log.project.code, "projectName": log.project.name,
            "portfolioId": log.portfolio.id.description, "portfolioCode": log.portfolio.code, "csrf": token,
        ]
        values["risks"] = risks
        values["issues"] = issues
        values["assumptions"] = assumptions
        values["decisions"] = decisions
        values["riskCount"] = risks.count
        values["issueCount"] = issues.count
        values["assumptionCount"] = assumptions.count
        values["decisionCount"] = decisions.count
        values["people"] = choices
        values["scale"] = scale
        values["strategies"] = RiskResponse.allCases.map(\.rawValue)
        values["categories"] = log.categories
        values["severities"] = IssueSeverity.allCases.map(\.rawValue)
        if let refusal = log.editRefusal { values["readOnly"] = refusal } else { values["mayEdit"] = true }
        if let error { values["error"] = error.message }
        return Self.html("raidProject", values, title: "RAID log: \(log.project.code)", auth: auth,
                          status: error.map { $0.code.httpStatus } ?? .ok, nav: "portfolios")
    }

    static func changesPage(_ id: Project.ID, baseline: Baseline.ID? = nil, against: Baseline.ID? = nil, auth: Authenticated,
                            backend: Backend, error: ServiceError? = nil, openRaise: Bool = false) async throws -> Response {
        let view = try await backend.changes.projectChanges(id, baseline: baseline, against: against, auth.caller)
        let people = view.people
        let pf = view.portfolio
        let whoDecides = switch pf.governanceMode {
        case .supportive: "none: the project's manager decides every change request"
        case .controlling: "changes above \(money(pf.changeCostThresholdMinor, "")) in cost or \(pf.changeScheduleThresholdDays) days in schedule"
        case .directive: "every change request"
        }
        let requests: [[String: Any]] = view.requests.map { r in
            ["id": r.id.description, "title": r.title, "status": r.status.rawValue, "schedule": days(r.scheduleImpactDays),
             "cost": money(r.costImpactMinor, r.currency), "approver": r.decidedBy.map { name($0, people) } ?? "",
             "author": name(r.authorId, people), "updated": r.updatedAt.date.description]
        }
        let baselines: [[String: Any]] = view.baselines.map { b in
            ["id": b.id.description, "name": b.performance ? "\(b.name) (performance baseline)" : b.name,
             "created": b.createdAt.date.description, "by": name(b.createdBy, people),
             "changeRequestId": b.changeRequestId?.description ?? "", "activityCount": b.activities.count]
        }
        func slip(_ n: Int?) -> String { n.map { $0 == 0 ? "0" : ($0 > 0 ? "+\($0)d" : "−\(-$0)d") } ?? "" }
        func slipClass(_ n: Int?) -> String { guard let n, n != 0 else { return "" }; return n > 0 ? "slip-late" : "slip-early" }
        let variance: [[String: Any]] = view.variance.map { v in
            ["code": v.code, "name": v.name, "baselineStart": v.baselineStart?.description ?? "—",
             "baselineFinish": v.baselineFinish?.description ?? "—", "currentStart": v.currentStart?.description ?? "—",
             "currentFinish": v.currentFinish?.description ?? "—", "startSlip": slip(v.startSlipDays),
             "finishSlip": slip(v.finishSlipDays), "startClass": slipClass(v.startSlipDays),
             "finishClass": slipClass(v.finishSlipDays), "change": v.change.rawValue,
             "costBefore": v.baselineCostMinor.map { money($0, view.compared?.currency?.code ?? "") } ?? "",
             "costAfter": v.currentCostMinor.map { money($0, view.against?.currency?.code ?? "") } ?? ""]
        }
        var values: [String: Any] = [
            "projectId": id.description, "projectCode": view.project.code, "projectName": view.project.name,
            "portfolioId": pf.id.description, "portfolioCode": pf.code, "mode": pf.governanceMode.rawValue,
            "whoDecides": whoDecides, "csrf": csrf(auth), "requests": requests, "requestCount": requests.count,
            "baselines": baselines, "baselineCount": baselines.count, "variance": variance, "openRaise": openRaise,
            "baselineChoices": view.baselines.map { ["value": $0.id.description, "label": $0.name, "selected": $0.id == view.compared?.id] },
            "againstChoices": [["value": "", "label": "the current plan", "selected": view.against == nil] as [String: Any]]
                + view.baselines.map { ["value": $0.id.description, "label": "baseline \($0.name)", "selected": $0.id == view.against?.id] },
        ]
        if let compared = view.compared { values["compared"] = true; values["comparedName"] = compared.name }
        values["againstName"] = view.against.map { "baseline “\($0.name)”" } ?? "the current plan"
        if view.against != nil { values["withCosts"] = true }
        if let refusal = view.raiseRefusal { values["raiseRefusal"] = refusal } else { values["mayRaise"] = true }
        if let refusal = view.baselineRefusal {
            values["baselineRefusal"] = "You cannot save a baseline here: \(refusal)."
        } else {
            values["maySaveBaseline"] = true
        }
        if let error { values["error"] = error.message }
        return Self.html("changesProject", values, title: "Change requests: \(view.project.code)", auth: auth,
                          status: error.map { $0.code.httpStatus } ?? .ok, nav: "portfolios")
    }

    static func requestPage(_ id: ChangeRequest.ID, auth: Authenticated, backend: Backend,
                            error: ServiceError? = nil) async throws -> Response {
        let view = try await backend.changes.request(id, auth.caller)
        let r = view.request
        var values: [String: Any] = [
            "id": r.id.description, "title": r.title, "status": r.status.rawValue, "author": name(r.authorId, view.people),
            "projectId": view.project.id.description, "projectCode": view.project.code,
            "portfolioId": view.portfolio.id.description, "portfolioCode": view.portfolio.code,
            "mode": view.portfolio.governanceMode.rawValue, "schedule": days(r.scheduleImpactDays),
            "cost": money(r.costImpactMinor, r.currency), "scope": r.scopeImpact, "description": r.description,
            "budgetChanges": (r.budgetChanges ?? []).map { "\($0.month.longName) \($0.costType.rawValue) \($0.expenditure.rawValue): \(money($0.amountMinor, r.currency))" }.joined(separator: "; "),
            "approver": view.approver == .pmo ? "A PMO role" : "The project's manager (or a PMO role)",
            "approverReason": view.approverReason, "provisional": r.requiredApprover == nil,
            "submittedAt": r.submittedAt?.description ?? "", "decidedBy": r.decidedBy.map { name($0, view.people) } ?? "",
            "decidedAt": r.decidedAt?.description ?? "", "reason": r.reason ?? "", "baselineName": r.baselineName ?? "",
            "baselineId": r.baselineId?.description ?? "", "csrf": csrf(auth),
            "decisionRefusal": view.decisionRefusal ?? "", "noActions": view.allowed.isEmpty,
        ]
        for action in view.allowed {
            values["may" + action.rawValue.prefix(1).uppercased() + action.rawValue.dropFirst()] = true
        }
        if let error { values["error"] = error.message }
        return Self.html("changeRequest", values, title: "Change request: \(r.title)", auth: auth,
                          status: error.map { $0.code.httpStatus } ?? .ok, nav: "portfolios")
    }
}
