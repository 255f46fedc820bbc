public import GantryModel
import GantryGovernance
import GantryAnalytics
public import GantryPortfolio

/// The intake process: a request's figures and score, the ranked queue of a portfolio, and the actions that move a
/// request from draft to decision (IntakeWorkflow). Approval creates the project from the chosen template, linked
/// back to the request, in the same transaction.
public struct Intake: Sendable {
    let store: any Store
    let clock: any Clock

    public init(store: any Store, clock: any Clock) {
        self.store = store
        self.clock = clock
    }

    /// What a PMO needs to judge one request: the business case's figures, the score with how it was computed,
    /// and the request's place in its portfolio's queue.
    public struct Assessment: Sendable, Codable {
        public var request: IntakeRequest
        public var businessCase: BusinessCaseFigures
        public var scoring: ScoringSummary?
        /// The score, when the request is rated on every criterion of the model.
        public var score: Double?
        public var breakdown: WeightedScore.Breakdown?
        /// How the score was computed, a line per criterion, then the total.
        public var explanation: [String]
        /// 1 is first; only pending requests (submitted, in review, on hold) with a score are ranked.
        public var rank: Int?
        public var queueSize: Int
        /// Why there is no score or rank, in words.
        public var notes: [String]
        /// What the caller may do to the request now: the actions the workflow would accept from them…
        public var actions: [Action]
        /// …and whether they may edit its content.
        public var mayEdit: Bool
    }

    /// The business case's figures, each nil where undefined, with the convention the NPV used.
    public struct BusinessCaseFigures: Sendable, Codable {
        public var currency: String
        public var discountRate: Double
        public var convention: String
        public var conventionExplained: String
        public var totalCost: Double
        public var totalBenefit: Double
        public var netFlows: [Double]
        public var npv: Double?
        public var irr: Double?
        public var mirr: Double?
        public var paybackPeriods: Double?
        public var discountedPaybackPeriods: Double?
        public var periodUnit: String
    }

    /// A portfolio's scoring model as it scores: the normalised weights, where they came from and, for a pairwise
    /// comparison, its consistency.
    public struct ScoringSummary: Sendable, Codable {
        public var criteria: [ScoringCriterion]
        /// Normalised to sum to 1, in criteria order.
        public var weights: [Double]
        /// `direct` or `pairwise`.
        public var weightsFrom: String
        public var consistencyRatio: Double?
        public var warning: String?
    }

    public struct QueueEntry: Sendable, Codable {
        public var rank: Int?
        public var request: IntakeRequest
        public var score: Double?
        public var npv: Double?
        public var note: String?
    }

    // MARK: reading

    public func assessment(_ id: IntakeRequest.ID, _ caller: Caller) async throws -> Assessment {
        try await store.read { session in
            guard let request = try await session.get(IntakeRequest.self, id) else { throw ServiceError.notFound(IntakeRequest.self, id) }
            let subject = try await IntakeRequest.subject(of: request, in: session)
            try caller.require(.view, subject)
            let (entries, summary) = try await Self.queue(request.portfolioId, in: session)
            var notes: [String] = []
            var breakdown: WeightedScore.Breakdown?
            if let summary {
                do { breakdown = try ScoringRules.model(summary).score(ScoringRules.ratings(request)) } catch let e as PortfolioError {
                    notes.append("no score yet: \(e.message)")
                }
            } else {
                notes.append("portfolio \(request.portfolioId) has no scoring model yet; the PMO defines one on the portfolio's scoring page")
            }
            let entry = entries.first { $0.request.id == id }
            if !request.status.isPending { notes.append("only pending requests (submitted, in review, on hold) are ranked; this one is \(request.status.label)") }
            let actor = try await Self.actor(caller, for: request, in: session)
            let mayEdit = (try? caller.require(.update, subject)) != nil
                && (try? IntakeRequest.authorize(change: request, from: request, by: caller)) != nil
            return Assessment(request: request, businessCase: Self.figures(request.businessCase), scoring: summary,
                              score: breakdown?.score, breakdown: breakdown,
                              explanation: breakdown?.explanation ?? [], rank: entry?.rank,
                              queueSize: entries.filter { $0.rank != nil }.count, notes: notes,
                              actions: Self.allowedActions(request, by: actor), mayEdit: mayEdit)
        }
    }

    /// The portfolio's pending requests, ranked by score (ties broken by the first criterion, then cost, then id),
    /// the unscored ones after them with the reason.
    public func queue(_ portfolioId: Portfolio.ID, _ caller: Caller) async throws -> (entries: [QueueEntry], scoring: ScoringSummary?) {
        try caller.require(.view, IntakeRequest.listSubject)
        return try await store.read { session in
            guard try await session.get(Portfolio.self, portfolioId) != nil else { throw ServiceError.notFound(Portfolio.self, portfolioId) }
            return try await Self.queue(portfolioId, in: session)
        }
    }

    static func queue(_ portfolioId: Portfolio.ID, in session: any StoreSession) async throws -> ([QueueEntry], ScoringSummary?) {
        var pending: [IntakeRequest] = []
        for status in RequestStatus.allCases where status.isPending {
            pending += try await session.list(IntakeRequest.self, ListQuery(filters: [
                "portfolio_id": .int(portfolioId.rawValue), "status": .text(status.rawValue)]))
        }
        let model = try await session.list(ScoringModel.self, ListQuery(filters: ["portfolio_id": .int(portfolioId.rawValue)], limit: 1)).first
        let summary = try model.map { try ScoringRules.summary($0) }
        var ranked: [QueueEntry] = []
        var unranked: [QueueEntry] = []
        guard let summary else {
            return (pending.map { QueueEntry(rank: nil, request: $0, score: nil, npv: Self.npvAndCost($0.businessCase).npv,
                                             note: "the portfolio has no scoring model") }, nil)
        }
        let scorer = try ScoringRules.model(summary)
        var candidates: [WeightedScore.Candidate<Int64>] = []
        var money: [Int64: (npv: Double?, cost: Double)] = [:]
        for r in pending {
            let ratings = ScoringRules.ratings(r)
            let m = Self.npvAndCost(r.businessCase)
            money[r.id.rawValue] = m
            do {
                _ = try scorer.score(ratings)
                candidates.append(.init(id: r.id.rawValue, ratings: ratings, cost: m.cost))
            } catch let e as PortfolioError {
                unranked.append(QueueEntry(rank: nil, request: r, score: nil, npv: m.npv, note: e.message))
            }
        }
        let byId = Dictionary(uniqueKeysWithValues: pending.map { ($0.id.rawValue, $0) })
        for entry in try scorer.ranking(of: candidates) {
            guard let r = byId[entry.id] else { continue }
            ranked.append(QueueEntry(rank: entry.rank, request: r, score: entry.breakdown.score,
                                     npv: money[entry.id]?.npv, note: nil))
        }
        return (ranked + unranked, summary)
    }

    /// The NPV and the total cost alone, for lists (the full figures solve for IRR and MIRR too).
    static func npvAndCost(_ b: BusinessCaseInput) -> (npv: Double?, cost: Double) {
        let convention = DiscountingConvention(rawValue: b.convention) ?? .firstFlowAtTimeZero
        let flows = b.periods.map { $0.benefit - $0.cost }
        return (NetPresentValue(rate: b.discountRate, cashFlows: flows, convention: convention)?.value,
                b.periods.reduce(0) { $0 + $1.cost })
    }

    static func figures(_ b: BusinessCaseInput) -> BusinessCaseFigures {
        let convention = DiscountingConvention(rawValue: b.convention) ?? .firstFlowAtTimeZero
        let bc = BusinessCase(costs: b.periods.map(\.cost), benefits: b.periods.map(\.benefit))
        let a = bc.appraisal(discountRate: b.discountRate, convention: convention)
        return BusinessCaseFigures(
            currency: b.currency, discountRate: b.discountRate, convention: convention.rawValue,
            conventionExplained: convention.explanation, totalCost: bc.costs.reduce(0, +),
            totalBenefit: bc.benefits.reduce(0, +), netFlows: bc.netFlows, npv: a.netPresentValue?.value,
            irr: a.internalRateOfReturn?.rate, mirr: a.modifiedInternalRateOfReturn?.rate,
            paybackPeriods: a.payback?.periods, discountedPaybackPeriods: a.discountedPayback?.periods,
            periodUnit: b.periodUnit)
    }

    /// What the pending requests of a portfolio would need, by role, against the resource pool's people in that
    /// role: the requests' FTE × months summed, and the pool's full-time equivalents (max units / 100).
    public struct RoleDemandSummary: Sendable, Codable, Hashable {
        public var role: String
        public var fteMonths: Double
        public var peakFTE: Double
        public var poolFTE: Double
        public var requests: Int
    }

    public func demand(_ portfolioId: Portfolio.ID, _ caller: Caller) async throws -> [RoleDemandSummary] {
        try caller.require(.view, IntakeRequest.listSubject)
        return try await store.read { session in
            let pending = try await session.list(IntakeRequest.self, ListQuery(filters: ["portfolio_id": .int(portfolioId.rawValue)]))
                .filter { $0.status.isPending }
            let pool = try await session.list(Resource.self, ListQuery())
            var byRole: [String: RoleDemandSummary] = [:]
            for r in pending {
                for d in r.demand {
                    let key = d.role.lowercased()
                    var s = byRole[key] ?? RoleDemandSummary(
                        role: d.role, fteMonths: 0, peakFTE: 0,
                        poolFTE: pool.filter { $0.role.lowercased() == key }.reduce(0) { $0 + $1.maxUnits / 100 }, requests: 0)
                    s.fteMonths += d.fte * d.months
                    s.peakFTE += d.fte
                    s.requests += 1
                    byRole[key] = s
                }
            }
            return byRole.values.sorted { $0.fteMonths > $1.fteMonths }
        }
    }

    // MARK: actions

    /// The actions a request takes, by the name the API and the UI use.
    public enum Action: String, Sendable, CaseIterable, Codable {
        case submit, review, approve, reject, hold, resume, withdraw
    }

    /// What approval needs besides the template: the new project's code and, optionally, its manager.
    public struct Approval: Sendable {
        public var templateId: Int64?
        public var projectCode: String?
        public var managerId: User.ID?
        public init(templateId: Int64?, projectCode: String?, managerId: User.ID? = nil) {
            self.templateId = templateId; self.projectCode = projectCode; self.managerId = managerId
        }
    }

    /// Moves the request by `action`. A refusal (wrong state, wrong person, missing reason or template) changes
    /// nothing and says why. Approval creates the project from the template in the same transaction.
    public func act(_ id: IntakeRequest.ID, _ action: Action, reason: String? = nil, approval: Approval? = nil,
                    _ caller: Caller) async throws -> IntakeRequest {
        let now = clock.now()
        return try await store.write { session in
            guard let current = try await session.get(IntakeRequest.self, id) else { throw ServiceError.notFound(IntakeRequest.self, id) }
            let actor = try await Self.actor(caller, for: current, in: session)
            let command = Self.command(action, reason: reason, templateId: approval?.templateId)
            let state = Self.state(of: current)
            let transition: Transition<IntakeWorkflow.State>
            switch IntakeWorkflow.decide(command, on: state, by: actor) {
            case .success(let t): transition = t
            case .failure(let refusal): throw refusal.serviceError(field: action == .approve ? "template_id" : "reason")
            }
            var next = current
            next.status = RequestStatus(rawValue: transition.state.status.rawValue) ?? current.status
            next.decisionReason = transition.state.reason
            next.updatedAt = now
            switch action {
            case .submit:
                try Self.requireComplete(current)
                next.submittedAt = now
            case .approve, .reject, .hold:
                next.decidedBy = caller.userId
                next.decidedAt = now
            default: break
            }
            for effect in transition.effects {
                if case .createProject(let template) = effect {
                    let project = try await Self.createProject(from: current, template: template, approval: approval,
                                                               caller: caller, at: now, in: session)
                    next.templateId = template.id
                    next.projectId = project.id
                }
            }
            guard let saved = try await session.update(next, expectedVersion: current.version) else {
                throw ServiceError(.versionMismatch, "request \(id) was changed by someone else meanwhile; reload it and try again")
            }
            try await Audit.record(.update, saved, before: current, after: saved, by: caller, at: now, in: session)
            var summary = "request \(id) \(command.verb): \(current.status.rawValue) → \(saved.status.rawValue)"
            if let reason = saved.decisionReason, action == .reject || action == .hold { summary += " (\(reason))" }
            if let project = saved.projectId { summary += "; project \(project) created" }
            try await Audit.note(.transition, kind: IntakeRequest.kindName, id: id.rawValue, summary, by: caller, at: now, in: session)
            return saved
        }
    }

    static func command(_ action: Action, reason: String?, templateId: Int64?) -> IntakeWorkflow.Command {
        switch action {
        case .submit: .submit
        case .review: .startReview
        case .approve: .approve(template: templateId.map(TemplateRef.init))
        case .reject: .reject(reason: reason ?? "")
        case .hold: .hold(reason: reason ?? "")
        case .resume: .resume
        case .withdraw: .withdraw
        }
    }

    static func state(of r: IntakeRequest) -> IntakeWorkflow.State {
        IntakeWorkflow.State(status: IntakeWorkflow.Status(rawValue: r.status.rawValue) ?? .draft, requesterId: r.requesterId,
                             template: r.templateId.map(TemplateRef.init), reason: r.decisionReason)
    }

    /// The actions the workflow would accept from `actor` now, given the reason or template each needs; the
    /// edges offer these and no others (the service still decides when one is taken).
    static func allowedActions(_ r: IntakeRequest, by actor: WorkflowActor) -> [Action] {
        Action.allCases.filter { action in
            if case .success = IntakeWorkflow.decide(command(action, reason: "reason", templateId: 1), on: state(of: r), by: actor) {
                return true
            }
            return false
        }
    }

    /// A request is submitted with what the PMO needs to assess it.
    static func requireComplete(_ r: IntakeRequest) throws {
        var c = Checks()
        c.text("problem", r.problem, max: 10_000)
        c.text("goal", r.goal, max: 10_000)
        if r.businessCase.periods.isEmpty { c.fail("business_case.periods", "a submitted request states its costs and benefits for at least one period") }
        do { try c.throwIfAny() } catch {
            throw ServiceError(.invalid, "the request is not complete enough to submit: " + error.message, problems: error.problems)
        }
    }

    static func actor(_ caller: Caller, for r: IntakeRequest, in session: any StoreSession) async throws -> WorkflowActor {
        guard case .user(let actor) = caller else { return WorkflowActor(userId: r.requesterId, role: .admin) }
        try caller.require(.view, try await IntakeRequest.subject(of: r, in: session))
        var relations: Set<ProjectRelation> = []
        if r.sponsorId == actor.userId { relations.insert(.sponsor) }
        if try await session.get(Portfolio.self, r.portfolioId)?.ownerId == actor.userId { relations.insert(.portfolioOwner) }
        return WorkflowActor(actor, relations: relations)
    }

    static func createProject(from r: IntakeRequest, template: TemplateRef, approval: Approval?, caller: Caller,
                              at now: Timestamp, in session: any StoreSession) async throws -> Project {
        guard let code = approval?.projectCode, !code.isEmpty else {
            throw ServiceError.invalid(field: "project_code", "approving a request creates a project: give its code (like CRM-2027)")
        }
        let start = r.desiredStart
        let draft = Project(portfolioId: r.portfolioId, code: code, name: String(r.title.prefix(200)),
                            description: [r.problem, r.goal].filter { !$0.isEmpty }.joined(separator: "\n\n"),
                            managerId: approval?.managerId, state: .approved, startDate: start,
                            createdAt: now, updatedAt: now)
        try await Project.validate(draft, existing: nil, in: session)
        let project = try await session.insert(draft)
        try await Audit.record(.create, project, before: nil, after: project, by: caller, at: now, in: session)
        try await ProjectTemplates.instantiate(template, into: project, by: caller, at: now, in: session)
        return project
    }
}

/// Mapping stored scoring models onto the portfolio engine.
enum ScoringRules {
    static func pairwise(_ m: ScoringModel) throws -> PairwiseComparison.Result {
        do {
            let comparison = try PairwiseComparison(labels: m.criteria.map(\.key), matrix: m.pairwise)
            return comparison.weights()
        } catch let e as PortfolioError {
            throw ServiceError.invalid(field: "pairwise", e.message)
        }
    }

    static func summary(_ m: ScoringModel) throws -> Intake.ScoringSummary {
        if m.pairwise.isEmpty {
            do {
                return Intake.ScoringSummary(criteria: m.criteria, weights: try model(m.criteria, m.criteria.map(\.weight)).weights,
                                             weightsFrom: "direct", consistencyRatio: nil, warning: nil)
            } catch let e as PortfolioError {
                throw ServiceError.invalid(field: "criteria", e.message)
            }
        }
        let result = try pairwise(m)
        return Intake.ScoringSummary(criteria: m.criteria, weights: result.weights, weightsFrom: "pairwise",
                                     consistencyRatio: result.consistencyRatio, warning: result.warning)
    }

    static func model(_ s: Intake.ScoringSummary) throws -> WeightedScore { try model(s.criteria, s.weights) }

    /// The engine's model of the criteria with these weights (it normalises them to sum to 1).
    static func model(_ criteria: [ScoringCriterion], _ weights: [Double]) throws -> WeightedScore {
        try WeightedScore(criteria: zip(criteria, weights).map { c, w in
            WeightedScore.Criterion(key: c.key, name: c.name, definition: c.definition, weight: w,
                                    scale: c.scaleMin...c.scaleMax,
                                    direction: WeightedScore.Direction(rawValue: c.direction) ?? .higherIsBetter)
        })
    }

    static func ratings(_ r: IntakeRequest) -> [String: Double] {
        Dictionary(r.ratings.map { ($0.criterion, $0.rating) }, uniquingKeysWith: { a, _ in a })
    }
}
