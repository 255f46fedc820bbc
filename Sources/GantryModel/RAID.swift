/// The RAID log of a project: risks, assumptions, issues and decisions (PMBOK's risk register, assumption log,
/// issue log and decision log). Each belongs to one project; the portfolio view gathers them across projects.

/// Where a risk stands: open until it is closed (with a reason) or converted into an issue (it happened).
public enum RiskStatus: String, CaseIterable, Sendable, Codable {
    case open, closed, converted
}

/// A risk's level from its score (probability × impact) and the configured bands.
public enum RiskLevel: String, CaseIterable, Sendable, Codable {
    case low, medium, high
}

/// PMBOK's response strategies for threats: escalate (outside the project's authority), avoid, transfer, mitigate,
/// accept.
public enum RiskResponse: String, CaseIterable, Sendable, Codable {
    case avoid, mitigate, transfer, accept, escalate
}

public enum AssumptionStatus: String, CaseIterable, Sendable, Codable {
    case open, validated, invalid
}

public enum IssueSeverity: String, CaseIterable, Sendable, Codable {
    case low, medium, high, critical
}

public enum IssueStatus: String, CaseIterable, Sendable, Codable {
    case open, resolved, closed
}

public enum DecisionStatus: String, CaseIterable, Sendable, Codable {
    case proposed, decided, superseded
}

/// A threat to a project's objectives, scored probability × impact on 1–5 scales.
///
/// `score` and `level` are derived: the services recompute them from `probability` and `impact` on every write
/// (they are stored so lists can filter and sort by them). `status`, `close_reason` and `issue_id` change only through
/// the risk's actions (close, convert into an issue, reopen).
public struct Risk: Entity, Hashable {
    public typealias ID = EntityID<Risk>
    public static let kindName = "risk"
    public var id: ID
    public var version: Int
    public var projectId: Project.ID
    public var title: String
    public var description: String
    /// Free category ("technical", "vendor", "regulatory"); a template can suggest them.
    public var category: String
    /// 1 (rare) to 5 (almost certain).
    public var probability: Int
    /// 1 (negligible) to 5 (severe).
    public var impact: Int
    /// probability × impact, 1–25.
    public var score: Int
    public var level: RiskLevel
    public var ownerId: User.ID?
    public var responseStrategy: RiskResponse
    public var responsePlan: String
    /// What shows the risk is about to happen.
    public var trigger: String
    public var dueDate: CalendarDate?
    public var status: RiskStatus
    public var closeReason: String?
    /// The issue the risk became, when it was converted.
    public var issueId: ProjectIssue.ID?
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(id: ID = ID(0), version: Int = 1, projectId: Project.ID, title: String, description: String = "",
                category: String = "", probability: Int = 3, impact: Int = 3, score: Int = 9, level: RiskLevel = .medium,
                ownerId: User.ID? = nil, responseStrategy: RiskResponse = .mitigate, responsePlan: String = "",
                trigger: String = "", dueDate: CalendarDate? = nil, status: RiskStatus = .open,
                closeReason: String? = nil, issueId: ProjectIssue.ID? = nil, createdAt: Timestamp, updatedAt: Timestamp) {
        self.id = id; self.version = version; self.projectId = projectId; self.title = title
        self.description = description; self.category = category; self.probability = probability; self.impact = impact
        self.score = score; self.level = level; self.ownerId = ownerId; self.responseStrategy = responseStrategy
        self.responsePlan = responsePlan; self.trigger = trigger; self.dueDate = dueDate; self.status = status
        self.closeReason = closeReason; self.issueId = issueId; self.createdAt = createdAt; self.updatedAt = updatedAt
    }
}

/// Something the plan takes to be true without proof, with the day by which it must be validated.
public struct Assumption: Entity, Hashable {
    public typealias ID = EntityID<Assumption>
    public static let kindName = "assumption"
    public var id: ID
    public var version: Int
    public var projectId: Project.ID
    public var statement: String
    public var ownerId: User.ID?
    public var status: AssumptionStatus
    public var validateBy: CalendarDate?
    public var notes: String
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(id: ID = ID(0), version: Int = 1, projectId: Project.ID, statement: String, ownerId: User.ID? = nil,
                status: AssumptionStatus = .open, validateBy: CalendarDate? = nil, notes: String = "",
                createdAt: Timestamp, updatedAt: Timestamp) {
        self.id = id; self.version = version; self.projectId = projectId; self.statement = statement
        self.ownerId = ownerId; self.status = status; self.validateBy = validateBy; self.notes = notes
        self.createdAt = createdAt; self.updatedAt = updatedAt
    }
}

/// A problem the project has now (a risk that happened, or one nobody saw coming). Named `ProjectIssue`, not
/// `Issue`, which Swift Testing uses.
public struct ProjectIssue: Entity, Hashable {
    public typealias ID = EntityID<ProjectIssue>
    public static let kindName = "issue"
    public var id: ID
    public var version: Int
    public var projectId: Project.ID
    public var title: String
    public var description: String
    public var severity: IssueSeverity
    public var ownerId: User.ID?
    public var dueDate: CalendarDate?
    public var status: IssueStatus
    public var resolution: String
    /// The risk this issue came from, when a risk was converted.
    public var riskId: Risk.ID?
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(id: ID = ID(0), version: Int = 1, projectId: Project.ID, title: String, description: String = "",
                severity: IssueSeverity = .medium, ownerId: User.ID? = nil, dueDate: CalendarDate? = nil,
                status: IssueStatus = .open, resolution: String = "", riskId: Risk.ID? = nil, createdAt: Timestamp,
                updatedAt: Timestamp) {
        self.id = id; self.version = version; self.projectId = projectId; self.title = title
        self.description = description; self.severity = severity; self.ownerId = ownerId; self.dueDate = dueDate
        self.status = status; self.resolution = resolution; self.riskId = riskId; self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// One option a decision weighed, with its pros and cons.
public struct DecisionOption: Sendable, Hashable, Codable {
    public var name: String
    public var pros: [String]
    public var cons: [String]

    public init(name: String, pros: [String] = [], cons: [String] = []) {
        self.name = name; self.pros = pros; self.cons = cons
    }

    enum CodingKeys: String, CodingKey { case name, pros, cons }

    /// `pros` and `cons` may be left out (no pros, no cons); `name` may not.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        pros = try c.decodeIfPresent([String].self, forKey: .pros) ?? []
        cons = try c.decodeIfPresent([String].self, forKey: .cons) ?? []
    }
}

/// A decision of the project (PMBOK's decision log): the options weighed with their pros and cons, the one chosen,
/// why, by whom and when. Named `ProjectDecision`: `Decision` is the permission policy's answer.
public struct ProjectDecision: Entity, Hashable {
    public typealias ID = EntityID<ProjectDecision>
    public static let kindName = "decision"
    public var id: ID
    public var version: Int
    public var projectId: Project.ID
    public var title: String
    /// What the decision is about and why it is needed.
    public var context: String
    public var options: [DecisionOption]
    /// The name of one of `options`.
    public var chosenOption: String?
    public var rationale: String
    public var decidedBy: User.ID?
    public var decidedAt: Timestamp?
    public var status: DecisionStatus
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(id: ID = ID(0), version: Int = 1, projectId: Project.ID, title: String, context: String = "",
                options: [DecisionOption] = [], chosenOption: String? = nil, rationale: String = "",
                decidedBy: User.ID? = nil, decidedAt: Timestamp? = nil, status: DecisionStatus = .proposed,
                createdAt: Timestamp, updatedAt: Timestamp) {
        self.id = id; self.version = version; self.projectId = projectId; self.title = title; self.context = context
        self.options = options; self.chosenOption = chosenOption; self.rationale = rationale
        self.decidedBy = decidedBy; self.decidedAt = decidedAt; self.status = status
        self.createdAt = createdAt; self.updatedAt = updatedAt
    }
}
