public import GantryModel
public import GantryGovernance
import GantryAnalytics

/// Intake requests are written by their requester (or the PMO for them) and read by everyone. Their state, the
/// decision and the project made from them change only through the intake actions (`Intake.act`), never through a
/// plain edit; the content can be edited while the request is a draft, and by the PMO until it is decided.
extension IntakeRequest: ManagedEntity {
    public static func subject(of r: IntakeRequest, in session: any StoreSession) async throws -> Subject {
        .intakeRequest(requesterId: r.requesterId, portfolioOwnerId: try await session.get(Portfolio.self, r.portfolioId)?.ownerId)
    }
    public static let listSubject = Subject.intakeRequest(requesterId: nil, portfolioOwnerId: nil)
    public static let filters: [String: FilterKind] = [
        "portfolio_id": .reference, "requester_id": .reference, "sponsor_id": .reference,
        "status": .oneOf(RequestStatus.allCases.map(\.rawValue)), "q": .search(["title", "problem", "goal"]),
    ]

    /// The fields the intake actions own, with the action that sets each.
    static let actionFields: [(field: String, read: @Sendable (IntakeRequest) -> String)] = [
        ("status", { $0.status.rawValue }), ("template_id", { $0.templateId.map(String.init) ?? "" }),
        ("project_id", { $0.projectId.map { String($0.rawValue) } ?? "" }),
        ("decision_reason", { $0.decisionReason ?? "" }), ("submitted_at", { $0.submittedAt?.description ?? "" }),
        ("decided_by", { $0.decidedBy.map { String($0.rawValue) } ?? "" }),
        ("decided_at", { $0.decidedAt?.description ?? "" }),
    ]

    public static func authorize(change r: IntakeRequest, from existing: IntakeRequest, by caller: Caller) throws {
        for (field, read) in actionFields where read(r) != read(existing) {
            throw ServiceError.invalid(field: field,
                "\(field) changes only through the request's actions (POST /api/v1/requests/\(existing.id)/submit, review, approve, reject, hold, resume, withdraw)")
        }
        guard case .user(let actor) = caller else { return }
        let pmo = WorkflowActor(actor).isPMO
        if existing.status.isFinal {
            throw ServiceError(.conflict, "request \(existing.id) is \(existing.status.label); a decided request is not edited")
        }
        if existing.status != .draft && !pmo && actor.role != .portfolioManager {
            throw ServiceError(.conflict,
                "request \(existing.id) is \(existing.status.label): only the PMO edits it now (withdraw it to change it)")
        }
    }

    public static func validate(_ r: IntakeRequest, existing: IntakeRequest?, in session: any StoreSession) async throws {
        var c = Checks()
        c.text("title", r.title, max: 200)
        for (field, value) in [("problem", r.problem), ("goal", r.goal), ("risks", r.risks)] {
            c.text(field, value, max: 10_000, required: false)
        }
        if existing == nil {
            if r.status != .draft { c.fail("status", "a new request is a draft (it is \(r.status.rawValue)); submit it with POST /api/v1/requests/{id}/submit") }
            for (field, read) in actionFields where field != "status" && !read(r).isEmpty {
                c.fail(field, "\(field) is set by the request's actions, not on create")
            }
        }
        if let existing, existing.portfolioId != r.portfolioId, existing.status != .draft {
            c.fail("portfolio_id", "a submitted request stays in its portfolio")
        }
        checkBusinessCase(r.businessCase, &c)
        if r.ratings.count > 50 { c.fail("ratings", "at most 50 ratings (there are \(r.ratings.count))") }
        var rated = Set<String>()
        for (i, rating) in r.ratings.enumerated() {
            c.text("ratings[\(i)].criterion", rating.criterion, max: 64)
            if !rated.insert(rating.criterion).inserted { c.fail("ratings[\(i)].criterion", "criterion '\(rating.criterion)' is rated twice") }
            if !rating.rating.isFinite { c.fail("ratings[\(i)].rating", "rating must be a number") }
            c.text("ratings[\(i)].note", rating.note, max: 2_000, required: false)
        }
        if r.demand.count > 50 { c.fail("demand", "at most 50 roles (there are \(r.demand.count))") }
        for (i, d) in r.demand.enumerated() {
            c.text("demand[\(i)].role", d.role, max: 100)
            c.range("demand[\(i)].fte", d.fte, 0...1_000)
            c.range("demand[\(i)].months", d.months, 0...600)
        }
        try await c.exists("portfolio_id", r.portfolioId, Portfolio.self, in: session)
        try await c.exists("requester_id", r.requesterId, User.self, in: session)
        try await c.exists("sponsor_id", r.sponsorId, User.self, in: session)
        try c.throwIfAny()
        // Ratings must fit the portfolio's scoring model when it has one.
        if let model = try await session.list(ScoringModel.self, ListQuery(filters: ["portfolio_id": .int(r.portfolioId.rawValue)], limit: 1)).first {
            for (i, rating) in r.ratings.enumerated() {
                guard let criterion = model.criteria.first(where: { $0.key == rating.criterion }) else {
                    c.fail("ratings[\(i)].criterion", "portfolio \(r.portfolioId)'s scoring model has no criterion '\(rating.criterion)' (it has \(model.criteria.map(\.key).joined(separator: ", ")))")
                    continue
                }
                c.range("ratings[\(i)].rating", rating.rating, criterion.scaleMin...criterion.scaleMax)
            }
            try c.throwIfAny()
        }
    }

    static func checkBusinessCase(_ b: BusinessCaseInput, _ c: inout Checks) {
        if b.currency.count != 3 || !b.currency.unicodeScalars.allSatisfy({ $0 >= "A" && $0 <= "Z" }) {
            c.fail("business_case.currency", "currency '\(b.currency)' is not an ISO 4217 code like EUR or USD")
        }
        c.range("business_case.discount_rate", b.discountRate, -0.99...10)
        if DiscountingConvention(rawValue: b.convention) == nil {
            c.fail("business_case.convention", "convention '\(b.convention)' is not one of \(DiscountingConvention.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if !["year", "quarter", "month"].contains(b.periodUnit) {
            c.fail("business_case.period_unit", "period_unit '\(b.periodUnit)' is not one of year, quarter, month")
        }
        if b.periods.count > 120 { c.fail("business_case.periods", "at most 120 periods (there are \(b.periods.count))") }
        for (i, p) in b.periods.enumerated() {
            c.text("business_case.periods[\(i)].label", p.label, max: 50, required: false)
            c.range("business_case.periods[\(i)].cost", p.cost, 0...1e13)
            c.range("business_case.periods[\(i)].benefit", p.benefit, 0...1e13)
        }
    }
}

/// A portfolio's scoring model is changed by the PMO and the portfolio's owner and read by everyone. Its weights
/// must make a model that can score (`WeightedScore`), and a pairwise comparison must be a reciprocal matrix of
/// Saaty judgements over its criteria.
extension ScoringModel: ManagedEntity {
    public static func subject(of r: ScoringModel, in session: any StoreSession) async throws -> Subject {
        .scoringModel(portfolioOwnerId: try await session.get(Portfolio.self, r.portfolioId)?.ownerId)
    }
    public static let listSubject = Subject.scoringModel(portfolioOwnerId: nil)
    public static let filters: [String: FilterKind] = ["portfolio_id": .reference]

    public static func validate(_ r: ScoringModel, existing: ScoringModel?, in session: any StoreSession) async throws {
        var c = Checks()
        if r.criteria.isEmpty { c.fail("criteria", "a scoring model needs at least one criterion") }
        if r.criteria.count > 30 { c.fail("criteria", "at most 30 criteria (there are \(r.criteria.count))") }
        var keys = Set<String>()
        for (i, k) in r.criteria.enumerated() {
            c.code("criteria[\(i)].key", k.key, max: 64)
            if !keys.insert(k.key).inserted { c.fail("criteria[\(i)].key", "criterion key '\(k.key)' appears twice") }
            c.text("criteria[\(i)].name", k.name, max: 100)
            c.text("criteria[\(i)].definition", k.definition, max: 2_000, required: false)
            c.range("criteria[\(i)].weight", k.weight, 0...1_000)
            if !(k.scaleMin.isFinite && k.scaleMax.isFinite && k.scaleMax > k.scaleMin) {
                c.fail("criteria[\(i)].scale_max", "scale_max (\(k.scaleMax.clean)) must be above scale_min (\(k.scaleMin.clean))")
            }
            if !["higher_is_better", "lower_is_better"].contains(k.direction) {
                c.fail("criteria[\(i)].direction", "direction '\(k.direction)' is not higher_is_better or lower_is_better")
            }
        }
        if r.pairwise.isEmpty, !r.criteria.isEmpty, r.criteria.allSatisfy({ $0.weight == 0 }) {
            c.fail("criteria", "at least one criterion needs a positive weight (or give a pairwise comparison)")
        }
        if !r.pairwise.isEmpty {
            do { _ = try ScoringRules.pairwise(r) } catch let e as ServiceError { c.fail("pairwise", e.message) }
        }
        try await c.exists("portfolio_id", r.portfolioId, Portfolio.self, in: session)
        try c.throwIfAny()
        if let existing, existing.portfolioId != r.portfolioId {
            throw ServiceError.invalid(field: "portfolio_id", "a scoring model stays with its portfolio")
        }
        try await ensureUnique(r, ["portfolio_id": .int(r.portfolioId.rawValue)],
                               "portfolio \(r.portfolioId) already has a scoring model; change that one", in: session)
    }
}
