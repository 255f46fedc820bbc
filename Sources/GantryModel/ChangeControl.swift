/// Change control: change requests with their impact on scope, schedule and cost, and the named baselines a project's
/// plan is measured against.

/// Where a change request stands (the governance target's `ChangeRequestWorkflow.Status`, stored).
public enum ChangeRequestStatus: String, CaseIterable, Sendable, Codable {
    case draft, submitted, approved, rejected, deferred, withdrawn
}

/// Who must decide a change request: the project's manager (or a PMO role), or a PMO role.
public enum ChangeApprover: String, CaseIterable, Sendable, Codable {
    case projectManager = "project_manager"
    case pmo
}

/// A request to change a project's scope, schedule or cost. Its author drafts and submits it; who decides follows the
/// portfolio's governance mode and thresholds, fixed at submission in `required_approver` with the reason.
///
/// `status`, `required_approver(_reason)`, `submitted_at`, `decided_by`, `decided_at`, `reason` and `baseline_id`
/// change only through the actions (submit, approve, reject, defer, withdraw).
public struct ChangeRequest: Entity, Hashable {
    public typealias ID = EntityID<ChangeRequest>
    public static let kindName = "change_request"
    public var id: ID
    public var version: Int
    public var projectId: Project.ID
    public var title: String
    public var description: String
    /// What the change does to the scope, in words.
    public var scopeImpact: String
    /// Calendar days the finish moves (negative: earlier).
    public var scheduleImpactDays: Int
    /// What the change costs, in minor units of `currency` (negative: a saving).
    public var costImpactMinor: Int64
    public var currency: String
    public var status: ChangeRequestStatus
    public var authorId: User.ID?
    public var requiredApprover: ChangeApprover?
    /// Why a PMO role must decide (the mode, the threshold crossed); empty when the project's manager may.
    public var requiredApproverReason: String?
    public var submittedAt: Timestamp?
    public var decidedBy: User.ID?
    public var decidedAt: Timestamp?
    /// Why it was rejected or deferred; kept.
    public var reason: String?
    /// A baseline to save under this name when the change is approved.
    public var baselineName: String?
    /// The baseline saved by the approval.
    public var baselineId: Baseline.ID?
    /// New amounts for cells of the project's current budget, applied when the change is approved (a budget change in
    /// a controlling or directive portfolio goes through change control).
    public var budgetChanges: [BudgetChange]? = nil
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(id: ID = ID(0), version: Int = 1, projectId: Project.ID, title: String, description: String = "",
                scopeImpact: String = "", scheduleImpactDays: Int = 0, costImpactMinor: Int64 = 0,
                currency: String = "EUR", status: ChangeRequestStatus = .draft, authorId: User.ID? = nil,
                requiredApprover: ChangeApprover? = nil, requiredApproverReason: String? = nil,
                submittedAt: Timestamp? = nil, decidedBy: User.ID? = nil, decidedAt: Timestamp? = nil,
                reason: String? = nil, baselineName: String? = nil, baselineId: Baseline.ID? = nil,
                createdAt: Timestamp, updatedAt: Timestamp) {
        self.id = id; self.version = version; self.projectId = projectId; self.title = title
        self.description = description; self.scopeImpact = scopeImpact; self.scheduleImpactDays = scheduleImpactDays
        self.costImpactMinor = costImpactMinor; self.currency = currency; self.status = status
        self.authorId = authorId; self.requiredApprover = requiredApprover
        self.requiredApproverReason = requiredApproverReason; self.submittedAt = submittedAt
        self.decidedBy = decidedBy; self.decidedAt = decidedAt; self.reason = reason; self.baselineName = baselineName
        self.baselineId = baselineId; self.createdAt = createdAt; self.updatedAt = updatedAt
    }
}

/// One activity as a baseline keeps it.
public struct BaselineActivity: Sendable, Hashable, Codable {
    public var activityId: Activity.ID
    public var code: String
    public var name: String
    public var plannedStart: CalendarDate?
    public var plannedFinish: CalendarDate?
    public var duration: WorkDuration
    /// The planned work of its assignments, in minutes (nil in baselines saved before costs were kept).
    public var workMinutes: Int64?
    /// Its budget at completion in minor units of the baseline's currency, and how it is spread: planned value
    /// by day (nil in baselines saved before costs were kept).
    public var costMinor: Int64?
    public var plannedValue: [DayAmount]?

    public init(activityId: Activity.ID, code: String, name: String, plannedStart: CalendarDate?,
                plannedFinish: CalendarDate?, duration: WorkDuration, workMinutes: Int64? = nil,
                costMinor: Int64? = nil, plannedValue: [DayAmount]? = nil) {
        self.activityId = activityId; self.code = code; self.name = name; self.plannedStart = plannedStart
        self.plannedFinish = plannedFinish; self.duration = duration; self.workMinutes = workMinutes
        self.costMinor = costMinor; self.plannedValue = plannedValue
    }
}

/// An amount on a day, in minor units of a currency the record holding it names.
public struct DayAmount: Sendable, Hashable, Codable {
    public var day: CalendarDate
    public var minor: Int64

    public init(day: CalendarDate, minor: Int64) { self.day = day; self.minor = minor }
}

/// A named snapshot of a project's plan (its activities' planned dates and durations), against which the current
/// plan's slips are measured. Never changed, but for which one is the performance baseline: a new plan is a new
/// baseline.
public struct Baseline: Entity, Hashable {
    public typealias ID = EntityID<Baseline>
    public static let kindName = "baseline"
    public var id: ID
    public var version: Int
    public var projectId: Project.ID
    /// Unique within the project.
    public var name: String
    public var createdBy: User.ID?
    /// The approved change request that saved it, if one did.
    public var changeRequestId: ChangeRequest.ID?
    public var activities: [BaselineActivity]
    /// The baseline earned value is measured against (one per project at most).
    public var performance: Bool = false
    /// The currency of its costs (the project's when it was saved); nil in baselines saved before costs were kept.
    public var currency: Currency? = nil
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(id: ID = ID(0), version: Int = 1, projectId: Project.ID, name: String, createdBy: User.ID? = nil,
                changeRequestId: ChangeRequest.ID? = nil, activities: [BaselineActivity] = [], createdAt: Timestamp,
                updatedAt: Timestamp) {
        self.id = id; self.version = version; self.projectId = projectId; self.name = name; self.createdBy = createdBy
        self.changeRequestId = changeRequestId; self.activities = activities; self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
