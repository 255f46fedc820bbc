import Foundation
import GantryModel
import GantryServices
import Hummingbird
import Logging

/// The intake pages' routes: the queue, a request, the request form, the actions, a portfolio's scoring model.
/// Every rule is the services'; a refused action shows the page again with the reason.
struct IntakeUIRoutes: Sendable {
    let backend: Backend

    func register(on router: Router<GantryContext>) {
        router.get("requests") { request, context in
            let auth = try UIRoutes.signedIn(context)
            let portfolios = try await backend.catalog.all(Portfolio.self, auth.caller, [:])
            let wanted = request.uri.queryParameters.get("portfolio_id").flatMap { Int64($0) }
            let selected = portfolios.first { $0.id.rawValue == wanted } ?? portfolios.first
            var queue: [Intake.QueueEntry] = []
            var scoring: Intake.ScoringSummary?
            var others: [IntakeRequest] = []
            var demand: [Intake.RoleDemandSummary] = []
            if let selected {
                demand = try await backend.intake.demand(selected.id, auth.caller)
                (queue, scoring) = try await backend.intake.queue(selected.id, auth.caller)
                others = try await backend.catalog.all(IntakeRequest.self, auth.caller, ["portfolio_id": .int(selected.id.rawValue)])
                    .filter { !$0.status.isPending && ($0.status != .draft || $0.requesterId == auth.user.id
                                                       || [.admin, .pmoDirector, .pmoAnalyst].contains(auth.user.role)) }
                    .sorted { $0.updatedAt > $1.updatedAt }
            }
            return Pages.requests(portfolios: portfolios, selected: selected, queue: queue, others: others, demand: demand, scoring: scoring,
                                  names: try await names(auth), auth: auth)
        }
        router.get("requests/new") { request, context in
            let auth = try UIRoutes.signedIn(context)
            let portfolios = try await backend.catalog.all(Portfolio.self, auth.caller, [:])
            let wanted = request.uri.queryParameters.get("portfolio_id").flatMap { Int64($0) }
            guard let portfolio = portfolios.first(where: { $0.id.rawValue == wanted }) ?? portfolios.first else {
                throw ServiceError(.conflict, "there is no portfolio to send a request to yet")
            }
            let draft = IntakeRequest(portfolioId: portfolio.id, title: "", requesterId: auth.user.id,
                                      createdAt: Specs.epoch, updatedAt: Specs.epoch)
            return Pages.requestForm(draft, isNew: true, portfolios: portfolios, model: try await model(portfolio.id, auth),
                                     people: try await backend.views.directory(auth.caller), auth: auth)
        }
        router.post("requests/new") { request, context in
            let (auth, form) = try await UIRoutes.postedForm(request, context)
            let portfolios = try await backend.catalog.all(Portfolio.self, auth.caller, [:])
            var draft = IntakeRequest(portfolioId: Portfolio.ID(Int64(form["portfolio_id"] ?? "") ?? 0), title: "",
                                      requesterId: auth.user.id, createdAt: Specs.epoch, updatedAt: Specs.epoch)
            let model = try await model(draft.portfolioId, auth)
            var problems = Self.read(form, into: &draft, model: model)
            if problems.isEmpty {
                do {
                    let saved = try await backend.catalog.create(draft, auth.caller)
                    return Response(status: .seeOther, headers: [.location: "/requests/\(saved.id)"])
                } catch let error as ServiceError where error.code == .invalid {
                    problems = error.problems
                }
            }
            return Pages.requestForm(draft, isNew: true, portfolios: portfolios, model: model,
                                     people: try await backend.views.directory(auth.caller), periodsText: form["periods"],
                                     demandText: form["demand"], ratingTexts: Self.ratingTexts(form), errors: problems, auth: auth)
        }
        router.get("requests/:id") { _, context in
            let auth = try UIRoutes.signedIn(context)
            return try await page(IntakeRequest.ID(try APIRoutes.id(context)), auth)
        }
        router.get("requests/:id/edit") { _, context in
            let auth = try UIRoutes.signedIn(context)
            let r = try await backend.catalog.get(IntakeRequest.self, IntakeRequest.ID(try APIRoutes.id(context)), auth.caller)
            let portfolios = try await backend.catalog.all(Portfolio.self, auth.caller, [:])
            return Pages.requestForm(r, isNew: false, portfolios: portfolios, model: try await model(r.portfolioId, auth),
                                     people: try await backend.views.directory(auth.caller), auth: auth)
        }
        router.post("requests/:id/edit") { request, context in
            let (auth, form) = try await UIRoutes.postedForm(request, context)
            let id = IntakeRequest.ID(try APIRoutes.id(context))
            var edited = try await backend.catalog.get(IntakeRequest.self, id, auth.caller)
            let model = try await model(edited.portfolioId, auth)
            var problems = Self.read(form, into: &edited, model: model)
            if problems.isEmpty {
                do {
                    let change = edited
                    _ = try await backend.catalog.update(IntakeRequest.self, id, auth.caller) { r in
                        let keep = r
                        r = change
                        r.status = keep.status
                        r.requesterId = keep.requesterId
                        r.portfolioId = keep.portfolioId
                    }
                    return Response(status: .seeOther, headers: [.location: "/requests/\(id)"])
                } catch let error as ServiceError where error.code == .invalid {
                    problems = error.problems
                }
            }
            return Pages.requestForm(edited, isNew: false, portfolios: try await backend.catalog.all(Portfolio.self, auth.caller, [:]),
                                     model: model, people: try await backend.views.directory(auth.caller),
                                     periodsText: form["periods"], demandText: form["demand"],
                                     ratingTexts: Self.ratingTexts(form), errors: problems, auth: auth)
        }
        for action in Intake.Action.allCases {
            router.post(RouterPath(stringLiteral: "requests/:id/\(action.rawValue)")) { request, context in
                let (auth, form) = try await UIRoutes.postedForm(request, context)
                let id = IntakeRequest.ID(try APIRoutes.id(context))
                let approval = Intake.Approval(
                    templateId: form["template_id"].flatMap { Int64($0) }, projectCode: form["project_code"],
                    managerId: form["manager_id"].flatMap { Int64($0) }.map { User.ID($0) })
                do {
                    _ = try await backend.intake.act(id, action, reason: form["reason"], approval: approval, auth.caller)
                    context.logger.info("intake request moved", metadata: ["request": .stringConvertible(id), "action": .string(action.rawValue)])
                    return Response(status: .seeOther, headers: [.location: "/requests/\(id)"])
                } catch let error as ServiceError where [.invalid, .forbidden, .conflict].contains(error.code) {
                    context.logger.notice("intake action refused", metadata: ["request": .stringConvertible(id),
                                                                               "action": .string(action.rawValue), "reason": .string(error.message)])
                    let status: HTTPResponse.Status = switch error.code {
                    case .invalid: .unprocessableContent
                    case .forbidden: .forbidden
                    default: .conflict
                    }
                    return try await page(id, auth, error: error.message, status: status)
                }
            }
        }
        router.get("portfolios/:id/scoring") { _, context in
            let auth = try UIRoutes.signedIn(context)
            let portfolio = try await backend.catalog.get(Portfolio.self, Portfolio.ID(try APIRoutes.id(context)), auth.caller)
            let stored = try await model(portfolio.id, auth)
            return Pages.scoring(portfolio: portfolio, model: stored, summary: try await summary(portfolio.id, auth),
                                 mayChange: Self.mayChangeScoring(auth, portfolio), auth: auth)
        }
        router.post("portfolios/:id/scoring") { request, context in
            let (auth, form) = try await UIRoutes.postedForm(request, context)
            let portfolio = try await backend.catalog.get(Portfolio.self, Portfolio.ID(try APIRoutes.id(context)), auth.caller)
            let stored = try await model(portfolio.id, auth)
            var problems: [FieldProblem] = []
            let criteria = Self.criteria(form["criteria"] ?? "", &problems)
            let pairwise = Self.matrix(form["pairwise"] ?? "", &problems)
            if problems.isEmpty {
                do {
                    if let stored {
                        _ = try await backend.catalog.update(ScoringModel.self, stored.id, auth.caller) {
                            $0.criteria = criteria; $0.pairwise = pairwise
                        }
                    } else {
                        _ = try await backend.catalog.create(ScoringModel(portfolioId: portfolio.id, criteria: criteria, pairwise: pairwise,
                                                                          createdAt: Specs.epoch, updatedAt: Specs.epoch), auth.caller)
                    }
                    return Response(status: .seeOther, headers: [.location: "/portfolios/\(portfolio.id)/scoring"])
                } catch let error as ServiceError where error.code == .invalid {
                    problems = error.problems
                }
            }
            return Pages.scoring(portfolio: portfolio, model: stored, summary: try await summary(portfolio.id, auth),
                                 mayChange: true, criteriaText: form["criteria"], pairwiseText: form["pairwise"],
                                 errors: problems, auth: auth)
        }
    }

    static func mayChangeScoring(_ auth: Authenticated, _ p: Portfolio) -> Bool {
        [.admin, .pmoDirector, .pmoAnalyst].contains(auth.user.role) || (auth.user.role == .portfolioManager && p.ownerId == auth.user.id)
    }

    func names(_ auth: Authenticated) async throws -> [User.ID: String] {
        Dictionary(uniqueKeysWithValues: try await backend.views.directory(auth.caller).map { ($0.id, $0.displayName) })
    }

    func model(_ portfolio: Portfolio.ID, _ auth: Authenticated) async throws -> ScoringModel? {
        try await backend.catalog.all(ScoringModel.self, auth.caller, ["portfolio_id": .int(portfolio.rawValue)]).first
    }

    func summary(_ portfolio: Portfolio.ID, _ auth: Authenticated) async throws -> Intake.ScoringSummary? {
        try await backend.intake.queue(portfolio, auth.caller).scoring
    }

    func page(_ id: IntakeRequest.ID, _ auth: Authenticated, error: String? = nil,
              status: HTTPResponse.Status = .ok) async throws -> Response {
        let assessment = try await backend.intake.assessment(id, auth.caller)
        let r = assessment.request
        let portfolio = try await backend.catalog.get(Portfolio.self, r.portfolioId, auth.caller)
        var project: Project?
        if let pid = r.projectId { project = try await backend.catalog.get(Project.self, pid, auth.caller) }
        let people = try await backend.views.directory(auth.caller)
        // When it could start: for a request with role demand, when the viewer may see the capacity.
        var start: Result<StartView, ServiceError>?
        if r.demand.contains(where: { $0.fte > 0 && $0.months > 0 && !$0.role.isEmpty }), r.projectId == nil {
            do { start = .success(try await backend.capacity.whenCanWeStart(request: id, auth.caller)) } catch let refusal as ServiceError {
                if refusal.code != .forbidden { start = .failure(refusal) }
            }
        }
        return Pages.request(assessment, portfolio: portfolio, project: project,
                             templates: try await backend.gates.activeTemplates(auth.caller).map { ($0.id.rawValue, $0.name) },
                             names: Dictionary(uniqueKeysWithValues: people.map { ($0.id, $0.displayName) }),
                             managers: people.filter { $0.role == .projectManager },
                             glossary: try await backend.glossary(auth.caller),
                             error: error, status: status, start: start, auth: auth)
    }

    // MARK: reading the forms

    static func ratingTexts(_ form: [String: String]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: form.compactMap { k, v in k.hasPrefix("rating.") ? (String(k.dropFirst(7)), v) : nil })
    }

    /// The request form into a request; what cannot be read is named by field (and line).
    static func read(_ form: [String: String], into r: inout IntakeRequest, model: ScoringModel?) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        func fail(_ field: String, _ message: String) { problems.append(FieldProblem(field: field, message: message)) }
        r.title = form["title"] ?? ""
        r.problem = form["problem"] ?? ""
        r.goal = form["goal"] ?? ""
        r.risks = form["risks"] ?? ""
        r.sponsorId = form["sponsor_id"].flatMap { Int64($0) }.map { User.ID($0) }
        if let text = form["desired_start"], !text.isEmpty {
            if let d = CalendarDate(iso: text) { r.desiredStart = d } else { fail("desired_start", "'\(text)' is not a date (yyyy-MM-dd)") }
        } else {
            r.desiredStart = nil
        }
        r.businessCase.currency = (form["currency"] ?? "EUR").uppercased()
        if let rate = form["discount_rate"], !rate.isEmpty {
            if let x = Double(rate.replacingOccurrences(of: ",", with: ".")) { r.businessCase.discountRate = x / 100 }
            else { fail("business_case.discount_rate", "'\(rate)' is not a percentage like 8") }
        }
        r.businessCase.periodUnit = form["period_unit"] ?? "year"
        r.businessCase.convention = form["convention"] ?? "first_flow_at_time_zero"
        r.businessCase.periods = []
        for (i, line) in lines(form["periods"]).enumerated() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count == 3, let cost = Double(cells[1].isEmpty ? "0" : cells[1]),
                  let benefit = Double(cells[2].isEmpty ? "0" : cells[2]) else {
                fail("business_case.periods", "line \(i + 1) ('\(line)') is not 'label, cost, benefit' with numbers")
                continue
            }
            r.businessCase.periods.append(CashFlowPeriod(label: cells[0], cost: cost, benefit: benefit))
        }
        r.demand = []
        for (i, line) in lines(form["demand"]).enumerated() {
            let cells = line.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count == 3, let fte = Double(cells[1]), let months = Double(cells[2]) else {
                fail("demand", "line \(i + 1) ('\(line)') is not 'role, FTE, months' with numbers")
                continue
            }
            r.demand.append(RoleDemand(role: cells[0], fte: fte, months: months))
        }
        let texts = ratingTexts(form)
        r.ratings = []
        for c in model?.criteria ?? [] {
            guard let text = texts[c.key]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { continue }
            guard let x = Double(text.replacingOccurrences(of: ",", with: ".")) else {
                fail("ratings.\(c.key)", "'\(text)' is not a number for \(c.name)")
                continue
            }
            r.ratings.append(CriterionRating(criterion: c.key, rating: x))
        }
        return problems
    }

    static func lines(_ text: String?) -> [String] {
        (text ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// `key | name | weight | min | max | direction | definition` lines.
    static func criteria(_ text: String, _ problems: inout [FieldProblem]) -> [ScoringCriterion] {
        var out: [ScoringCriterion] = []
        for (i, line) in lines(text).enumerated() {
            let cells = line.split(separator: "|", maxSplits: 6, omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 2 else {
                problems.append(FieldProblem(field: "criteria", message: "line \(i + 1) needs at least 'key | name'"))
                continue
            }
            var c = ScoringCriterion(key: cells[0], name: cells[1])
            func number(_ index: Int, _ what: String) -> Double? {
                guard cells.count > index, !cells[index].isEmpty else { return nil }
                guard let x = Double(cells[index]) else {
                    problems.append(FieldProblem(field: "criteria", message: "line \(i + 1): \(what) '\(cells[index])' is not a number"))
                    return nil
                }
                return x
            }
            if let w = number(2, "weight") { c.weight = w }
            if let lo = number(3, "min") { c.scaleMin = lo }
            if let hi = number(4, "max") { c.scaleMax = hi }
            if cells.count > 5, !cells[5].isEmpty { c.direction = cells[5] }
            if cells.count > 6 { c.definition = cells[6] }
            out.append(c)
        }
        return out
    }

    /// Rows of Saaty judgements: numbers or fractions like 1/5, separated by spaces.
    static func matrix(_ text: String, _ problems: inout [FieldProblem]) -> [[Double]] {
        lines(text).enumerated().map { i, line in
            line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map { cell -> Double in
                let parts = cell.split(separator: "/")
                if parts.count == 2, let a = Double(parts[0]), let b = Double(parts[1]), b != 0 { return a / b }
                if parts.count == 1, let x = Double(parts[0]) { return x }
                problems.append(FieldProblem(field: "pairwise", message: "row \(i + 1): '\(cell)' is not a number or a fraction like 1/3"))
                return 1
            }
        }
    }
}
