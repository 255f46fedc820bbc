/// Where a status report stands: written (draft), waiting for the PMO (submitted), accepted, or returned with a
/// comment to be changed and submitted again. The transitions are `StatusReportWorkflow`'s.
public enum StatusReportStatus: String, CaseIterable, Sendable, Codable {
    case draft, submitted, accepted, returned

    public init(from decoder: any Decoder) throws { self = try decodeCase(from: decoder) }
}

/// The five things a status report rates.
public enum StatusReportDimension: String, CaseIterable, Sendable, Codable {
    case overall, schedule, cost, scope, risk

    public init(from decoder: any Decoder) throws { self = try decodeCase(from: decoder) }
}

/// What the earned value of a status report is weighted by: the planned cost of the activities' assignments
/// (PMBOK's budgeted cost; money in minor units), or their working days when the project has no costed
/// assignments (then CPI is not available: the actual cost is money, the earned value is not).
public enum EarnedValueBasis: String, CaseIterable, Sendable, Codable {
    case cost, duration

    public init(from decoder: any Decoder) throws { self = try decodeCase(from: decoder) }
}

/// A project's status report for one reporting period: five RAG ratings (overall, schedule, cost, scope, risk),
/// each with the colour suggested from the numbers, the colour given and the comment that explains an override;
/// the numbers behind the suggestion as they were when it was made; what was done, what comes next, what needs
/// the PMO's help. One per project per period.
///
/// Periods are half-open: `periodStart` is the first day, `periodEnd` the first day of the next period.
public struct StatusReport: Entity, Hashable {
    public typealias ID = EntityID<StatusReport>
    public static let kindName = "status_report"
    public var id: ID
    public var version: Int
    public var projectId: Project.ID
    public var periodStart: CalendarDate
    /// The first day after the period (exclusive end).
    public var periodEnd: CalendarDate
    public var status: StatusReportStatus
    public var authorId: User.ID

    // The ratings: `unknown` until rated; a `nil` suggestion means the numbers say nothing about the dimension.
    public var overall: Health
    public var overallSuggested: Health?
    public var overallComment: String
    public var schedule: Health
    public var scheduleSuggested: Health?
    public var scheduleComment: String
    public var cost: Health
    public var costSuggested: Health?
    public var costComment: String
    public var scope: Health
    public var scopeSuggested: Health?
    public var scopeComment: String
    public var risk: Health
    public var riskSuggested: Health?
    public var riskComment: String

    // The numbers behind the suggestion, kept with the report so its history shows what was known then.
    /// The day the numbers are as of (its end): the project's status date, or the day they were computed.
    public var statusDate: CalendarDate
    public var valueBasis: EarnedValueBasis
    /// The currency of the values when `valueBasis` is `cost` (minor units); empty for `duration` (working days).
    public var currency: String
    public var budgetAtCompletion: Double
    public var plannedValue: Double
    public var earnedValue: Double
    /// SPI = EV / PV; absent while nothing was planned yet.
    public var spi: Double?
    /// CPI = EV / AC; absent without an actual cost or a cost basis.
    public var cpi: Double?
    /// Milestones planned to finish before the status date and not done.
    public var overdueMilestones: Int
    public var openHighRisks: Int
    /// Why each dimension got its suggested colour, in words ("SPI 0.80 below 0.85 → red"), by dimension.
    public var suggestionReasons: [String: [String]]

    public var accomplishments: String
    public var nextSteps: String
    public var escalations: String
    /// The project's actual cost to the status date, in minor units: from its approved timesheet lines and expenses
    /// when it has earned value against a baseline, otherwise entered by its manager; with a cost basis it makes CPI.
    public var actualCostMinor: Int64?

    /// The PMO's comment when it last returned the report.
    public var returnComment: String?
    public var submittedAt: Timestamp?
    public var reviewedBy: User.ID?
    public var reviewedAt: Timestamp?
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(id: ID = ID(0), version: Int = 1, projectId: Project.ID, periodStart: CalendarDate,
                periodEnd: CalendarDate? = nil, status: StatusReportStatus = .draft, authorId: User.ID = User.ID(0),
                overall: Health = .unknown, overallSuggested: Health? = nil, overallComment: String = "",
                schedule: Health = .unknown, scheduleSuggested: Health? = nil, scheduleComment: String = "",
                cost: Health = .unknown, costSuggested: Health? = nil, costComment: String = "",
                scope: Health = .unknown, scopeSuggested: Health? = nil, scopeComment: String = "",
                risk: Health = .unknown, riskSuggested: Health? = nil, riskComment: String = "",
                statusDate: CalendarDate? = nil, valueBasis: EarnedValueBasis = .duration, currency: String = "",
                budgetAtCompletion: Double = 0, plannedValue: Double = 0, earnedValue: Double = 0, spi: Double? = nil,
                cpi: Double? = nil, overdueMilestones: Int = 0, openHighRisks: Int = 0,
                suggestionReasons: [String: [String]] = [:], accomplishments: String = "", nextSteps: String = "",
                escalations: String = "", actualCostMinor: Int64? = nil, returnComment: String? = nil,
                submittedAt: Timestamp? = nil, reviewedBy: User.ID? = nil, reviewedAt: Timestamp? = nil,
                createdAt: Timestamp, updatedAt: Timestamp) {
        self.id = id; self.version = version; self.projectId = projectId; self.periodStart = periodStart
        self.periodEnd = periodEnd ?? periodStart; self.status = status; self.authorId = authorId
        self.overall = overall; self.overallSuggested = overallSuggested; self.overallComment = overallComment
        self.schedule = schedule; self.scheduleSuggested = scheduleSuggested; self.scheduleComment = scheduleComment
        self.cost = cost; self.costSuggested = costSuggested; self.costComment = costComment
        self.scope = scope; self.scopeSuggested = scopeSuggested; self.scopeComment = scopeComment
        self.risk = risk; self.riskSuggested = riskSuggested; self.riskComment = riskComment
        self.statusDate = statusDate ?? periodStart; self.valueBasis = valueBasis; self.currency = currency
        self.budgetAtCompletion = budgetAtCompletion; self.plannedValue = plannedValue; self.earnedValue = earnedValue
        self.spi = spi; self.cpi = cpi; self.overdueMilestones = overdueMilestones; self.openHighRisks = openHighRisks
        self.suggestionReasons = suggestionReasons; self.accomplishments = accomplishments; self.nextSteps = nextSteps
        self.escalations = escalations; self.actualCostMinor = actualCostMinor; self.returnComment = returnComment
        self.submittedAt = submittedAt; self.reviewedBy = reviewedBy; self.reviewedAt = reviewedAt
        self.createdAt = createdAt; self.updatedAt = updatedAt
    }
}

/// The ratings by dimension.
extension StatusReport {
    public func value(_ d: StatusReportDimension) -> Health {
        switch d {
        case .overall: overall
        case .schedule: schedule
        case .cost: cost
        case .scope: scope
        case .risk: risk
        }
    }

    public func suggested(_ d: StatusReportDimension) -> Health? {
        switch d {
        case .overall: overallSuggested
        case .schedule: scheduleSuggested
        case .cost: costSuggested
        case .scope: scopeSuggested
        case .risk: riskSuggested
        }
    }

    public func comment(_ d: StatusReportDimension) -> String {
        switch d {
        case .overall: overallComment
        case .schedule: scheduleComment
        case .cost: costComment
        case .scope: scopeComment
        case .risk: riskComment
        }
    }

    public mutating func setValue(_ d: StatusReportDimension, _ value: Health) {
        switch d {
        case .overall: overall = value
        case .schedule: schedule = value
        case .cost: cost = value
        case .scope: scope = value
        case .risk: risk = value
        }
    }

    public mutating func setComment(_ d: StatusReportDimension, _ comment: String) {
        switch d {
        case .overall: overallComment = comment
        case .schedule: scheduleComment = comment
        case .cost: costComment = comment
        case .scope: scopeComment = comment
        case .risk: riskComment = comment
        }
    }

    public mutating func setSuggested(_ d: StatusReportDimension, _ value: Health?) {
        switch d {
        case .overall: overallSuggested = value
        case .schedule: scheduleSuggested = value
        case .cost: costSuggested = value
        case .scope: scopeSuggested = value
        case .risk: riskSuggested = value
        }
    }
}
