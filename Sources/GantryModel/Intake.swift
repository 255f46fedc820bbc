/// Where an intake request stands. The rules for moving between states are `IntakeWorkflow`'s (governance);
/// the values are the same.
public enum RequestStatus: String, CaseIterable, Sendable, Codable {
    case draft, submitted, inReview = "in_review", approved, rejected, onHold = "on_hold", withdrawn

    /// Waiting for the PMO: what the intake queue ranks.
    public var isPending: Bool { self == .submitted || self == .inReview || self == .onHold }
    public var isFinal: Bool { self == .approved || self == .rejected || self == .withdrawn }
    public var label: String {
        switch self {
        case .inReview: "in review"
        case .onHold: "on hold"
        default: rawValue
        }
    }
}

/// One period of a business case: what it costs and what it brings, in the request's currency.
public struct CashFlowPeriod: Hashable, Sendable, Codable {
    /// "2027", "Year 1", "Q3": shown next to the figures.
    public var label: String
    public var cost: Double
    public var benefit: Double

    public init(label: String = "", cost: Double = 0, benefit: Double = 0) {
        self.label = label; self.cost = cost; self.benefit = benefit
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(label: try c.decodeIfPresent(String.self, forKey: .label) ?? "",
                  cost: try c.decodeIfPresent(Double.self, forKey: .cost) ?? 0,
                  benefit: try c.decodeIfPresent(Double.self, forKey: .benefit) ?? 0)
    }
}

/// The money side of a request as the requester states it: costs and benefits per period, the discount rate per
/// period and the convention for where the first flow sits (DOMAIN.md §5.4). Figures are computed from it, never
/// stored.
public struct BusinessCaseInput: Hashable, Sendable, Codable {
    public var currency: String
    /// The discount rate per period, as a fraction (0.08 for 8 %).
    public var discountRate: Double
    /// `first_flow_at_time_zero` (the default, textbook and numpy-financial) or `first_flow_discounted`
    /// (spreadsheet NPV).
    public var convention: String
    /// What one period is: "year", "quarter" or "month".
    public var periodUnit: String
    public var periods: [CashFlowPeriod]

    public init(currency: String = "EUR", discountRate: Double = 0.08, convention: String = "first_flow_at_time_zero",
                periodUnit: String = "year", periods: [CashFlowPeriod] = []) {
        self.currency = currency; self.discountRate = discountRate; self.convention = convention
        self.periodUnit = periodUnit; self.periods = periods
    }

    /// Missing fields take their defaults, so a client may send just the periods.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = BusinessCaseInput()
        self.init(currency: try c.decodeIfPresent(String.self, forKey: .currency) ?? d.currency,
                  discountRate: try c.decodeIfPresent(Double.self, forKey: .discountRate) ?? d.discountRate,
                  convention: try c.decodeIfPresent(String.self, forKey: .convention) ?? d.convention,
                  periodUnit: try c.decodeIfPresent(String.self, forKey: .periodUnit) ?? d.periodUnit,
                  periods: try c.decodeIfPresent([CashFlowPeriod].self, forKey: .periods) ?? [])
    }
}

/// How a request rates on one criterion of its portfolio's scoring model (a strategic driver, risk, urgency).
public struct CriterionRating: Hashable, Sendable, Codable {
    /// The criterion's key in the scoring model.
    public var criterion: String
    public var rating: Double
    /// Why this rating: shown in the score's explanation.
    public var note: String

    public init(criterion: String, rating: Double, note: String = "") {
        self.criterion = criterion; self.rating = rating; self.note = note
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(criterion: try c.decode(String.self, forKey: .criterion), rating: try c.decode(Double.self, forKey: .rating),
                  note: try c.decodeIfPresent(String.self, forKey: .note) ?? "")
    }
}

/// The people a request would need, by role: how many full-time equivalents for how many months.
public struct RoleDemand: Hashable, Sendable, Codable {
    public var role: String
    public var fte: Double
    public var months: Double

    public init(role: String, fte: Double, months: Double) { self.role = role; self.fte = fte; self.months = months }
}

/// A proposal for a project, assessed by the PMO before any work starts: the problem, the goal, the business case,
/// how it serves the strategic drivers, what it needs and what could go wrong.
public struct IntakeRequest: Entity, Hashable {
    public typealias ID = EntityID<IntakeRequest>
    public static let kindName = "request"
    public var id: ID
    public var version: Int
    public var portfolioId: Portfolio.ID
    public var title: String
    public var requesterId: User.ID
    public var sponsorId: User.ID?
    public var problem: String
    public var goal: String
    public var businessCase: BusinessCaseInput
    public var ratings: [CriterionRating]
    public var demand: [RoleDemand]
    public var risks: String
    public var desiredStart: CalendarDate?
    public var status: RequestStatus
    /// Set by approval: the template the project was made from and the project itself.
    public var templateId: Int64?
    public var projectId: Project.ID?
    /// Why it was rejected or put on hold.
    public var decisionReason: String?
    public var submittedAt: Timestamp?
    public var decidedBy: User.ID?
    public var decidedAt: Timestamp?
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(id: ID = ID(0), version: Int = 1, portfolioId: Portfolio.ID, title: String, requesterId: User.ID,
                sponsorId: User.ID? = nil, problem: String = "", goal: String = "",
                businessCase: BusinessCaseInput = BusinessCaseInput(), ratings: [CriterionRating] = [],
                demand: [RoleDemand] = [], risks: String = "", desiredStart: CalendarDate? = nil,
                status: RequestStatus = .draft, templateId: Int64? = nil, projectId: Project.ID? = nil,
                decisionReason: String? = nil, submittedAt: Timestamp? = nil, decidedBy: User.ID? = nil,
                decidedAt: Timestamp? = nil, createdAt: Timestamp, updatedAt: Timestamp) {
        self.id = id; self.version = version; self.portfolioId = portfolioId; self.title = title
        self.requesterId = requesterId; self.sponsorId = sponsorId; self.problem = problem; self.goal = goal
        self.businessCase = businessCase; self.ratings = ratings; self.demand = demand; self.risks = risks
        self.desiredStart = desiredStart; self.status = status; self.templateId = templateId
        self.projectId = projectId; self.decisionReason = decisionReason; self.submittedAt = submittedAt
        self.decidedBy = decidedBy; self.decidedAt = decidedAt; self.createdAt = createdAt; self.updatedAt = updatedAt
    }
}

/// One criterion of a portfolio's scoring model: a strategic driver or another thing requests are rated on.
public struct ScoringCriterion: Hashable, Sendable, Codable {
    public var key: String
    public var name: String
    /// What the ratings mean ("5 = directly delivers a board objective").
    public var definition: String
    /// The weight as entered; ignored when the model takes its weights from the pairwise comparison.
    public var weight: Double
    public var scaleMin: Double
    public var scaleMax: Double
    /// `higher_is_better` (fit, value) or `lower_is_better` (risk, cost).
    public var direction: String

    public init(key: String, name: String, definition: String = "", weight: Double = 1, scaleMin: Double = 0,
                scaleMax: Double = 5, direction: String = "higher_is_better") {
        self.key = key; self.name = name; self.definition = definition; self.weight = weight
        self.scaleMin = scaleMin; self.scaleMax = scaleMax; self.direction = direction
    }

    /// Only the key and the name are required; the rest take their defaults (weight 1, scale 0–5).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = ScoringCriterion(key: "", name: "")
        self.init(key: try c.decode(String.self, forKey: .key), name: try c.decode(String.self, forKey: .name),
                  definition: try c.decodeIfPresent(String.self, forKey: .definition) ?? d.definition,
                  weight: try c.decodeIfPresent(Double.self, forKey: .weight) ?? d.weight,
                  scaleMin: try c.decodeIfPresent(Double.self, forKey: .scaleMin) ?? d.scaleMin,
                  scaleMax: try c.decodeIfPresent(Double.self, forKey: .scaleMax) ?? d.scaleMax,
                  direction: try c.decodeIfPresent(String.self, forKey: .direction) ?? d.direction)
    }
}

/// How a portfolio scores its intake requests: the criteria with weights, scales and definitions, and optionally a
/// pairwise comparison (AHP) from which the weights are derived instead.
public struct ScoringModel: Entity, Hashable {
    public typealias ID = EntityID<ScoringModel>
    public static let kindName = "scoring_model"
    public var id: ID
    public var version: Int
    public var portfolioId: Portfolio.ID
    public var criteria: [ScoringCriterion]
    /// Saaty judgements `A[i][j]` (how much more important criterion i is than j, 1/9…9) in criteria order; empty
    /// when the weights are entered directly.
    public var pairwise: [[Double]]
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(id: ID = ID(0), version: Int = 1, portfolioId: Portfolio.ID, criteria: [ScoringCriterion] = [],
                pairwise: [[Double]] = [], createdAt: Timestamp, updatedAt: Timestamp) {
        self.id = id; self.version = version; self.portfolioId = portfolioId; self.criteria = criteria
        self.pairwise = pairwise; self.createdAt = createdAt; self.updatedAt = updatedAt
    }
}
