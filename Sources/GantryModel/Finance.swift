// The money records of issue #15: cost rates over time, the PMO's exchange rates, budgets, funding, timesheets,
// expenses and closed periods. Amounts are integer minor units with their currency beside them, never Double.

/// What money is spent on.
public enum CostType: String, CaseIterable, Sendable, Codable {
    case labour, materials, services, other

    public var label: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
    public init(from decoder: any Decoder) throws { self = try decodeCase(from: decoder) }
}

/// Whether spending builds an asset (capital) or runs the business (operating).
public enum Expenditure: String, CaseIterable, Sendable, Codable {
    case capital, operating

    public var label: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
    public init(from decoder: any Decoder) throws { self = try decodeCase(from: decoder) }
}

/// A budget's version: the one approved at the start, and the one in force after approved changes.
public enum BudgetVersion: String, CaseIterable, Sendable, Codable {
    case original, current

    public var label: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
    public init(from decoder: any Decoder) throws { self = try decodeCase(from: decoder) }
}

/// A cost rate per hour in force from a day until the next rate of the same resource (or role) takes over. A
/// resource's own rates come before its role's; a resource with neither is priced at its `cost_rate_minor`.
public struct CostRate: Entity, Hashable {
    public typealias ID = EntityID<CostRate>
    public static let kindName = "cost_rate"
    public var id: ID
    public var version: Int
    /// The resource priced, or nil for a role's rate.
    public var resourceId: Resource.ID?
    /// The job role priced when `resourceId` is nil; empty otherwise.
    public var role: String
    public var effectiveFrom: CalendarDate
    /// Per hour, in minor units of `currency`.
    public var rateMinor: Int64
    public var currency: Currency
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(id: ID = ID(0), version: Int = 1, resourceId: Resource.ID? = nil, role: String = "",
                effectiveFrom: CalendarDate, rateMinor: Int64, currency: Currency = .eur,
                createdAt: Timestamp, updatedAt: Timestamp) {
        self.id = id; self.version = version; self.resourceId = resourceId; self.role = role
        self.effectiveFrom = effectiveFrom; self.rateMinor = rateMinor; self.currency = currency
        self.createdAt = createdAt; self.updatedAt = updatedAt
    }

    public var perHour: Money { Money(minorUnits: rateMinor, currency: currency) }
}

/// One month's rate from one currency to another, kept by the PMO for roll-ups in a reporting currency.
/// `rate` is exact decimal text ("1.0835"): one unit of `from_currency` is worth `rate` units of `to_currency`.
public struct ExchangeRate: Entity, Hashable {
    public typealias ID = EntityID<ExchangeRate>
    public static let kindName = "exchange_rate"
    public var id: ID
    public var version: Int
    public var month: CalendarMonth
    public var fromCurrency: Currency
    public var toCurrency: Currency
    public var rate: String
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(id: ID = ID(0), version: Int = 1, month: CalendarMonth, fromCurrency: Currency, toCurrency: Currency,
                rate: String, createdAt: Timestamp, updatedAt: Timestamp) {
        self.id = id; self.version = version; self.month = month; self.fromCurrency = fromCurrency
        self.toCurrency = toCurrency; self.rate = rate; self.createdAt = createdAt; self.updatedAt = updatedAt
    }
}

/// One cell of a project's budget: an amount for a month, a cost type and capital or operating, in a version.
public struct BudgetLine: Entity, Hashable {
    public typealias ID = EntityID<BudgetLine>
    public static let kindName = "budget_line"
    public var id: ID
    public var version: Int
    public var projectId: Project.ID
    public var budgetVersion: BudgetVersion
    public var month: CalendarMonth
    public var costType: CostType
    public var expenditure: Expenditure
    /// In minor units of `currency`, which is the project's.
    public var amountMinor: Int64
    public var currency: Currency
    public var note: String
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(id: ID = ID(0), version: Int = 1, projectId: Project.ID, budgetVersion: BudgetVersion = .current,
                month: CalendarMonth, costType: CostType = .labour, expenditure: Expenditure = .operating,
                amountMinor: Int64, currency: Currency = .eur, note: String = "", createdAt: Timestamp,
                updatedAt: Timestamp) {
        self.id = id; self.version = version; self.projectId = projectId; self.budgetVersion = budgetVersion
        self.month = month; self.costType = costType; self.expenditure = expenditure; self.amountMinor = amountMinor
        self.currency = currency; self.note = note; self.createdAt = createdAt; self.updatedAt = updatedAt
    }

    public var amount: Money { Money(minorUnits: amountMinor, currency: currency) }
}

/// Who provides money for a project, how much, and from when.
public struct FundingSource: Entity, Hashable {
    public typealias ID = EntityID<FundingSource>
    public static let kindName = "funding_source"
    public var id: ID
    public var version: Int
    public var projectId: Project.ID
    public var funder: String
    public var amountMinor: Int64
    public var currency: Currency
    public var availableFrom: CalendarDate
    public var note: String
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(id: ID = ID(0), version: Int = 1, projectId: Project.ID, funder: String, amountMinor: Int64,
                currency: Currency = .eur, availableFrom: CalendarDate, note: String = "", createdAt: Timestamp,
                updatedAt: Timestamp) {
        self.id = id; self.version = version; self.projectId = projectId; self.funder = funder
        self.amountMinor = amountMinor; self.currency = currency; self.availableFrom = availableFrom; self.note = note
        self.createdAt = createdAt; self.updatedAt = updatedAt
    }

    public var amount: Money { Money(minorUnits: amountMinor, currency: currency) }
}

/// Where a timesheet line or an expense is in its approval.
public enum ApprovalState: String, CaseIterable, Sendable, Codable {
    /// Being filled in: its owner may change it.
    case draft
    /// Locked, waiting for the project manager.
    case submitted
    /// Counted as actual work and cost.
    case approved
    /// Sent back with a reason: its owner may change it and submit it again.
    case rejected

    public var label: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
    /// Its owner may change it.
    public var isOpen: Bool { self == .draft || self == .rejected }
    public init(from decoder: any Decoder) throws { self = try decodeCase(from: decoder) }
}

/// Time that is not project work.
public enum TimeCategory: String, CaseIterable, Sendable, Codable {
    case leave, training, admin

    public var label: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
    public init(from decoder: any Decoder) throws { self = try decodeCase(from: decoder) }
}

/// A person's week of time, Monday to Sunday. Its lines carry the hours and their approval.
public struct Timesheet: Entity, Hashable {
    public typealias ID = EntityID<Timesheet>
    public static let kindName = "timesheet"
    public var id: ID
    public var version: Int
    public var resourceId: Resource.ID
    /// The Monday the week starts on.
    public var weekStart: CalendarDate
    /// When it was last submitted; nil while never.
    public var submittedAt: Timestamp?
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(id: ID = ID(0), version: Int = 1, resourceId: Resource.ID, weekStart: CalendarDate,
                submittedAt: Timestamp? = nil, createdAt: Timestamp, updatedAt: Timestamp) {
        self.id = id; self.version = version; self.resourceId = resourceId; self.weekStart = weekStart
        self.submittedAt = submittedAt; self.createdAt = createdAt; self.updatedAt = updatedAt
    }

    public var days: [CalendarDate] { (0..<7).map { weekStart.adding(days: $0) } }
}

/// One row of a timesheet: minutes on each day of the week against an activity of a project, or against a
/// category of non-project time. Project lines are approved by the project's manager; the approved cost is priced
/// at approval, each day at the rate in force that day, and kept.
public struct TimesheetLine: Entity, Hashable {
    public typealias ID = EntityID<TimesheetLine>
    public static let kindName = "timesheet_line"
    public var id: ID
    public var version: Int
    public var timesheetId: Timesheet.ID
    /// The timesheet's person and week, kept on the line for reports.
    public var resourceId: Resource.ID
    public var weekStart: CalendarDate
    public var projectId: Project.ID?
    public var activityId: Activity.ID?
    /// Non-project time (set when `projectId` is nil).
    public var category: TimeCategory?
    /// Seven numbers, Monday to Sunday.
    public var minutes: [Int]
    public var state: ApprovalState
    /// Why it was rejected.
    public var reason: String
    public var decidedBy: User.ID?
    public var decidedAt: Timestamp?
    /// The cost priced at approval, in minor units of `currency`; nil until approved.
    public var costMinor: Int64?
    /// That cost day by day, Monday to Sunday (seven numbers adding up to `costMinor`): each day's share at the
    /// rate in force that day, so that a rate change mid-week or a week across two months costs each day what it
    /// did. Nil until approved (and in lines approved before day costs were kept, which split by minutes).
    public var costByDayMinor: [Int64]?
    public var currency: Currency?
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(id: ID = ID(0), version: Int = 1, timesheetId: Timesheet.ID, resourceId: Resource.ID,
                weekStart: CalendarDate, projectId: Project.ID? = nil, activityId: Activity.ID? = nil,
                category: TimeCategory? = nil, minutes: [Int] = Array(repeating: 0, count: 7),
                state: ApprovalState = .draft, reason: String = "", decidedBy: User.ID? = nil, decidedAt: Timestamp? = nil,
                costMinor: Int64? = nil, costByDayMinor: [Int64]? = nil, currency: Currency? = nil, createdAt: Timestamp,
                updatedAt: Timestamp) {
        self.id = id; self.version = version; self.timesheetId = timesheetId; self.resourceId = resourceId
        self.weekStart = weekStart; self.projectId = projectId; self.activityId = activityId; self.category = category
        self.minutes = minutes; self.state = state; self.reason = reason; self.decidedBy = decidedBy
        self.decidedAt = decidedAt; self.costMinor = costMinor; self.costByDayMinor = costByDayMinor
        self.currency = currency; self.createdAt = createdAt; self.updatedAt = updatedAt
    }

    public var totalMinutes: Int { minutes.reduce(0, +) }
    /// Minutes by day, the days without work left out.
    public var minutesByDay: [CalendarDate: Int64] {
        var days: [CalendarDate: Int64] = [:]
        for (i, m) in minutes.enumerated() where m != 0 { days[weekStart.adding(days: i)] = Int64(m) }
        return days
    }
    public var cost: Money? {
        guard let costMinor, let currency else { return nil }
        return Money(minorUnits: costMinor, currency: currency)
    }
}

/// Money spent on a project outside timesheets (a licence, travel, a supplier's invoice), approved like time.
public struct Expense: Entity, Hashable {
    public typealias ID = EntityID<Expense>
    public static let kindName = "expense"
    public var id: ID
    public var version: Int
    public var projectId: Project.ID
    public var activityId: Activity.ID?
    public var spentOn: CalendarDate
    public var amountMinor: Int64
    public var currency: Currency
    public var costType: CostType
    public var expenditure: Expenditure
    public var description: String
    public var state: ApprovalState
    public var reason: String
    public var submittedBy: User.ID?
    public var decidedBy: User.ID?
    public var decidedAt: Timestamp?
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(id: ID = ID(0), version: Int = 1, projectId: Project.ID, activityId: Activity.ID? = nil,
                spentOn: CalendarDate, amountMinor: Int64, currency: Currency = .eur, costType: CostType = .other,
                expenditure: Expenditure = .operating, description: String = "", state: ApprovalState = .submitted,
                reason: String = "", submittedBy: User.ID? = nil, decidedBy: User.ID? = nil, decidedAt: Timestamp? = nil,
                createdAt: Timestamp, updatedAt: Timestamp) {
        self.id = id; self.version = version; self.projectId = projectId; self.activityId = activityId
        self.spentOn = spentOn; self.amountMinor = amountMinor; self.currency = currency; self.costType = costType
        self.expenditure = expenditure; self.description = description; self.state = state; self.reason = reason
        self.submittedBy = submittedBy; self.decidedBy = decidedBy; self.decidedAt = decidedAt
        self.createdAt = createdAt; self.updatedAt = updatedAt
    }

    public var amount: Money { Money(minorUnits: amountMinor, currency: currency) }
}

/// A month the PMO has closed: no timesheet or expense in it changes until the PMO reopens it (deleting the
/// record, which the audit trail keeps).
public struct ClosedPeriod: Entity, Hashable {
    public typealias ID = EntityID<ClosedPeriod>
    public static let kindName = "closed_period"
    public var id: ID
    public var version: Int
    public var month: CalendarMonth
    public var closedBy: User.ID?
    public var note: String
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(id: ID = ID(0), version: Int = 1, month: CalendarMonth, closedBy: User.ID? = nil, note: String = "",
                createdAt: Timestamp, updatedAt: Timestamp) {
        self.id = id; self.version = version; self.month = month; self.closedBy = closedBy; self.note = note
        self.createdAt = createdAt; self.updatedAt = updatedAt
    }
}

/// A stand-in for approvals: from `starts` through `ends` (open-ended when nil), the delegate approves or rejects the
/// time and expenses that the delegator may approve as a project's manager or a portfolio's owner, for example while
/// the delegator is away. Kept by the delegator and the PMO; no one approves their own time through it.
public struct ApprovalDelegation: Entity, Hashable {
    public typealias ID = EntityID<ApprovalDelegation>
    public static let kindName = "approval_delegation"
    public var id: ID
    public var version: Int
    /// Whose approvals are delegated.
    public var delegatorId: User.ID
    /// Who approves in their place.
    public var delegateId: User.ID
    public var starts: CalendarDate
    /// The last day, inclusive; nil until revoked.
    public var ends: CalendarDate?
    public var note: String
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(id: ID = ID(0), version: Int = 1, delegatorId: User.ID, delegateId: User.ID, starts: CalendarDate,
                ends: CalendarDate? = nil, note: String = "", createdAt: Timestamp, updatedAt: Timestamp) {
        self.id = id; self.version = version; self.delegatorId = delegatorId; self.delegateId = delegateId
        self.starts = starts; self.ends = ends; self.note = note; self.createdAt = createdAt; self.updatedAt = updatedAt
    }

    /// In force on `day`.
    public func covers(_ day: CalendarDate) -> Bool { starts <= day && (ends.map { day <= $0 } ?? true) }
}

/// A project's earned value at a status date, kept so that the S-curve shows EV as it was reported over time.
public struct ProgressSnapshot: Entity, Hashable {
    public typealias ID = EntityID<ProgressSnapshot>
    public static let kindName = "progress_snapshot"
    public var id: ID
    public var version: Int
    public var projectId: Project.ID
    public var asOf: CalendarDate
    public var baselineId: Baseline.ID?
    public var currency: Currency
    public var bacMinor: Int64
    public var pvMinor: Int64
    public var evMinor: Int64
    public var acMinor: Int64
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(id: ID = ID(0), version: Int = 1, projectId: Project.ID, asOf: CalendarDate, baselineId: Baseline.ID?,
                currency: Currency, bacMinor: Int64, pvMinor: Int64, evMinor: Int64, acMinor: Int64,
                createdAt: Timestamp, updatedAt: Timestamp) {
        self.id = id; self.version = version; self.projectId = projectId; self.asOf = asOf; self.baselineId = baselineId
        self.currency = currency; self.bacMinor = bacMinor; self.pvMinor = pvMinor; self.evMinor = evMinor
        self.acMinor = acMinor; self.createdAt = createdAt; self.updatedAt = updatedAt
    }
}

/// One cell of a project's current budget as a change request would set it.
public struct BudgetChange: Sendable, Hashable, Codable {
    public var month: CalendarMonth
    public var costType: CostType
    public var expenditure: Expenditure
    /// The cell's new amount, in minor units of the project's currency.
    public var amountMinor: Int64

    public init(month: CalendarMonth, costType: CostType = .labour, expenditure: Expenditure = .operating, amountMinor: Int64) {
        self.month = month; self.costType = costType; self.expenditure = expenditure; self.amountMinor = amountMinor
    }
}

extension Activity {
    /// The % complete earned value counts: physical % complete where set, 100 once finished, else % complete.
    public var earnedPercent: Double { physicalPercentComplete ?? (actualFinish != nil ? 100 : percentComplete) }
}
