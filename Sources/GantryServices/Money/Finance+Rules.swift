public import FoundationEssentials
public import GantryModel
public import GantryGovernance

// The money records of issue #15 as managed records: who may change them and what makes them valid. Timesheet
// lines and expenses move through their approval only by the actions of `Timesheets` (submit, approve, reject);
// an edit never changes their state, and a line or expense that is submitted or approved is locked.

/// The project's money subject: kept like its schedule.
func financesSubject(_ projectId: Project.ID, in session: any StoreSession) async throws -> Subject {
    guard let project = try await session.get(Project.self, projectId) else {
        return .finances(portfolioOwnerId: nil, managerId: nil)
    }
    let owner = try await session.get(Portfolio.self, project.portfolioId)?.ownerId
    return .finances(portfolioOwnerId: owner, managerId: project.managerId)
}

/// Refuses a change to time or money dated in a month the PMO closed (409, naming the month).
func requireOpenPeriods(_ days: some Sequence<CalendarDate>, what: String, in session: any StoreSession) async throws {
    for month in Set(days.map(CalendarMonth.init)).sorted() {
        if try await session.count(ClosedPeriod.self, ["month": .text(month.description)]) > 0 {
            throw ServiceError(.conflict, "\(month.longName) is closed: \(what) in it cannot change until the PMO reopens the month",
                               problems: [FieldProblem(field: "month", message: "\(month) is closed")])
        }
    }
}

/// The project's currency check for an amount entered on it.
func checkProjectCurrency(_ currency: Currency, projectId: Project.ID, _ c: inout Checks,
                          in session: any StoreSession) async throws -> Project? {
    guard let project = try await session.get(Project.self, projectId) else {
        c.fail("project_id", "project \(projectId) does not exist")
        return nil
    }
    if currency != project.currency {
        c.fail("currency", "project \(project.code) keeps its money in \(project.currency.code), not \(currency.code)")
    }
    return project
}

extension CostRate: ManagedEntity {
    public static func subject(of r: CostRate, in session: any StoreSession) async throws -> Subject { .resource }
    public static let listSubject = Subject.resource
    public static let filters: [String: FilterKind] = ["resource_id": .reference, "role": .text]

    public static func validate(_ r: CostRate, existing: CostRate?, in session: any StoreSession) async throws {
        var c = Checks()
        if r.resourceId == nil && r.role.isEmpty { c.fail("resource_id", "a cost rate is for a resource (resource_id) or a role (role)") }
        if r.resourceId != nil && !r.role.isEmpty { c.fail("role", "a cost rate is for a resource or a role, not both") }
        if r.rateMinor < 0 { c.fail("rate_minor", "rate_minor must be 0 or more, not \(r.rateMinor)") }
        c.text("role", r.role, max: 100, required: false)
        if let id = r.resourceId { try await c.exists("resource_id", id, Resource.self, in: session) }
        try c.throwIfAny()
        var same: [String: FilterValue] = ["effective_from": .text(r.effectiveFrom.description)]
        if let id = r.resourceId { same["resource_id"] = .int(id.rawValue) } else { same["role"] = .text(r.role); same["resource_id"] = .isNull }
        try await ensureUnique(r, same, "a rate already takes effect on \(r.effectiveFrom) for this \(r.resourceId == nil ? "role" : "resource")", in: session)
    }
}

extension ExchangeRate: ManagedEntity {
    public static func subject(of r: ExchangeRate, in session: any StoreSession) async throws -> Subject { .standards }
    public static let listSubject = Subject.standards
    public static let filters: [String: FilterKind] = ["month": .text, "from_currency": .text, "to_currency": .text]

    public static func validate(_ r: ExchangeRate, existing: ExchangeRate?, in session: any StoreSession) async throws {
        var c = Checks()
        if r.fromCurrency == r.toCurrency { c.fail("to_currency", "a rate converts between two currencies, not \(r.fromCurrency.code) to itself") }
        if ExchangeRate.decimal(r.rate) == nil {
            c.fail("rate", "rate must be a decimal number above zero (like 1.0835), not '\(r.rate)'")
        }
        try c.throwIfAny()
        try await ensureUnique(r, ["month": .text(r.month.description), "from_currency": .text(r.fromCurrency.code),
                                   "to_currency": .text(r.toCurrency.code)],
                               "a \(r.fromCurrency.code)→\(r.toCurrency.code) rate for \(r.month) already exists", in: session)
    }
}

extension BudgetLine: ManagedEntity {
    public static func subject(of r: BudgetLine, in session: any StoreSession) async throws -> Subject {
        try await financesSubject(r.projectId, in: session)
    }
    public static let listSubject = Subject.finances(portfolioOwnerId: nil, managerId: nil)
    public static let filters: [String: FilterKind] = [
        "project_id": .reference, "budget_version": .oneOf(BudgetVersion.allCases.map(\.rawValue)), "month": .text,
        "cost_type": .oneOf(CostType.allCases.map(\.rawValue)), "expenditure": .oneOf(Expenditure.allCases.map(\.rawValue)),
    ]

    public static func validate(_ r: BudgetLine, existing: BudgetLine?, in session: any StoreSession) async throws {
        var c = Checks()
        if r.amountMinor < 0 { c.fail("amount_minor", "a budget amount is 0 or more, not \(r.amountMinor)") }
        c.text("note", r.note, max: 1_000, required: false)
        if let existing, existing.projectId != r.projectId { c.fail("project_id", "a budget line cannot move to another project") }
        _ = try await checkProjectCurrency(r.currency, projectId: r.projectId, &c, in: session)
        try c.throwIfAny()
        try await ensureUnique(r, ["project_id": .int(r.projectId.rawValue), "budget_version": .text(r.budgetVersion.rawValue),
                                   "month": .text(r.month.description), "cost_type": .text(r.costType.rawValue),
                                   "expenditure": .text(r.expenditure.rawValue)],
                               "the \(r.budgetVersion.rawValue) budget already has a \(r.costType.rawValue) \(r.expenditure.rawValue) line for \(r.month); change that one",
                               in: session)
    }

    /// In a controlling or directive portfolio, the current budget of a project under way changes only through an
    /// approved change request (which applies its budget lines); the PMO director may still correct it directly.
    public static func prepare(_ r: inout BudgetLine, existing: BudgetLine?, by caller: Caller,
                               in session: any StoreSession) async throws {
        try await BudgetLine.requireChangeControl(r, by: caller, in: session)
    }

    public static func authorize(delete r: BudgetLine, by caller: Caller, in session: any StoreSession) async throws {
        try await BudgetLine.requireChangeControl(r, by: caller, in: session)
    }

    static func requireChangeControl(_ r: BudgetLine, by caller: Caller, in session: any StoreSession) async throws {
        guard r.budgetVersion == .current, case .user(let actor) = caller, actor.role != .admin, actor.role != .pmoDirector,
              let project = try await session.get(Project.self, r.projectId),
              [.active, .onHold].contains(project.state),
              let portfolio = try await session.get(Portfolio.self, project.portfolioId),
              portfolio.governanceMode != .supportive else { return }
        throw ServiceError(.conflict, "portfolio \(portfolio.code) is \(portfolio.governanceMode.rawValue): the current budget of \(project.code) changes through a change request (with budget lines), applied when it is approved",
                           problems: [FieldProblem(field: "budget_version", message: "change the current budget through change control")])
    }
}

extension FundingSource: ManagedEntity {
    public static func subject(of r: FundingSource, in session: any StoreSession) async throws -> Subject {
        try await financesSubject(r.projectId, in: session)
    }
    public static let listSubject = Subject.finances(portfolioOwnerId: nil, managerId: nil)
    public static let filters: [String: FilterKind] = ["project_id": .reference, "q": .search(["funder", "note"])]

    public static func validate(_ r: FundingSource, existing: FundingSource?, in session: any StoreSession) async throws {
        var c = Checks()
        c.text("funder", r.funder, max: 200)
        c.text("note", r.note, max: 1_000, required: false)
        if r.amountMinor <= 0 { c.fail("amount_minor", "funding is an amount above 0, not \(r.amountMinor)") }
        if let existing, existing.projectId != r.projectId { c.fail("project_id", "funding cannot move to another project") }
        _ = try await checkProjectCurrency(r.currency, projectId: r.projectId, &c, in: session)
        try c.throwIfAny()
    }
}

extension Timesheet: ManagedEntity {
    public static func subject(of r: Timesheet, in session: any StoreSession) async throws -> Subject {
        .timesheet(personId: try await session.get(Resource.self, r.resourceId)?.userId)
    }
    public static let listSubject = Subject.timesheet(personId: nil)
    public static let filters: [String: FilterKind] = ["resource_id": .reference, "week_start": .text]

    public static func validate(_ r: Timesheet, existing: Timesheet?, in session: any StoreSession) async throws {
        var c = Checks()
        if r.weekStart.weekday != .monday { c.fail("week_start", "a timesheet week starts on a Monday; \(r.weekStart) is a \(r.weekStart.weekday)") }
        if let existing, existing.resourceId != r.resourceId || existing.weekStart != r.weekStart {
            c.fail("week_start", "a timesheet keeps its person and week")
        }
        if let resource = try await session.get(Resource.self, r.resourceId) {
            if resource.kind != .person { c.fail("resource_id", "resource \(resource.name) is not a person; only people fill in timesheets") }
        } else {
            c.fail("resource_id", "resource \(r.resourceId) does not exist")
        }
        try c.throwIfAny()
        try await ensureUnique(r, ["resource_id": .int(r.resourceId.rawValue), "week_start": .text(r.weekStart.description)],
                               "this person already has a timesheet for the week of \(r.weekStart)", in: session)
    }

    public static func prepareDelete(_ r: Timesheet, in session: any StoreSession) async throws {
        let lines = try await session.list(TimesheetLine.self, ListQuery(filters: ["timesheet_id": .int(r.id.rawValue)]))
        if let locked = lines.first(where: { !$0.state.isOpen }) {
            throw ServiceError(.conflict, "timesheet \(r.id) has \(locked.state.rawValue) lines; only a timesheet with nothing submitted is deleted")
        }
        try await requireOpenPeriods(lines.flatMap { $0.minutesByDay.keys }, what: "timesheets", in: session)
        _ = try await session.delete(TimesheetLine.self, where: ["timesheet_id": .int(r.id.rawValue)])
    }
}

extension TimesheetLine: ManagedEntity {
    public static func subject(of r: TimesheetLine, in session: any StoreSession) async throws -> Subject {
        .timesheet(personId: try await session.get(Resource.self, r.resourceId)?.userId)
    }
    public static let listSubject = Subject.timesheet(personId: nil)
    public static let filters: [String: FilterKind] = [
        "timesheet_id": .reference, "resource_id": .reference, "project_id": .reference, "activity_id": .reference,
        "state": .oneOf(ApprovalState.allCases.map(\.rawValue)), "week_start": .text,
    ]

    public static func validate(_ r: TimesheetLine, existing: TimesheetLine?, in session: any StoreSession) async throws {
        var c = Checks()
        if r.minutes.count != 7 { c.fail("minutes", "a line has seven days of minutes (Monday to Sunday), not \(r.minutes.count)") }
        for (i, m) in r.minutes.enumerated() where !(0...1_440).contains(m) {
            c.fail("minutes[\(i)]", "\(m) minutes on one day; a day holds 0 to 1,440")
        }
        c.text("reason", r.reason, max: 1_000, required: false)
        switch (r.projectId, r.category) {
        case (nil, nil): c.fail("project_id", "a line is for a project's activity (project_id) or non-project time (category)")
        case (.some, .some): c.fail("category", "a line is for a project or a category of non-project time, not both")
        case (nil, .some): if r.activityId != nil { c.fail("activity_id", "non-project time has no activity") }
        case (.some(let projectId), nil):
            if try await session.get(Project.self, projectId) == nil { c.fail("project_id", "project \(projectId) does not exist") }
            if let activityId = r.activityId {
                if let activity = try await session.get(Activity.self, activityId) {
                    if activity.projectId != projectId { c.fail("activity_id", "activity \(activity.code) is not in project \(projectId)") }
                    if activity.kind == .summary { c.fail("activity_id", "activity \(activity.code) is a summary; book time to the work under it") }
                } else {
                    c.fail("activity_id", "activity \(activityId) does not exist")
                }
            }
        }
        if let sheet = try await session.get(Timesheet.self, r.timesheetId) {
            if sheet.resourceId != r.resourceId || sheet.weekStart != r.weekStart {
                c.fail("timesheet_id", "a line belongs to its timesheet's person and week")
            }
        } else {
            c.fail("timesheet_id", "timesheet \(r.timesheetId) does not exist")
        }
        try c.throwIfAny()
    }

    /// An edit keeps the line's approval as it was: only `Timesheets` moves it. A submitted or approved line is locked.
    public static func prepare(_ r: inout TimesheetLine, existing: TimesheetLine?, by caller: Caller,
                               in session: any StoreSession) async throws {
        if let existing {
            guard existing.state.isOpen else {
                throw ServiceError(.conflict, "timesheet line \(existing.id) is \(existing.state.rawValue) and locked; the project's manager rejects it to reopen it")
            }
            r.state = existing.state; r.reason = existing.reason; r.decidedBy = existing.decidedBy
            r.decidedAt = existing.decidedAt; r.costMinor = nil; r.costByDayMinor = nil; r.currency = nil
            try await requireOpenPeriods(existing.minutesByDay.keys, what: "timesheets", in: session)
        } else {
            r.state = .draft; r.reason = ""; r.decidedBy = nil; r.decidedAt = nil; r.costMinor = nil; r.costByDayMinor = nil
            r.currency = nil
        }
        if let sheet = try await session.get(Timesheet.self, r.timesheetId) {
            r.resourceId = sheet.resourceId; r.weekStart = sheet.weekStart
        }
        try await requireOpenPeriods(r.minutesByDay.keys, what: "timesheets", in: session)
    }

    public static func authorize(delete r: TimesheetLine, by caller: Caller, in session: any StoreSession) async throws {
        guard r.state.isOpen else {
            throw ServiceError(.conflict, "timesheet line \(r.id) is \(r.state.rawValue) and locked; it is not deleted")
        }
        try await requireOpenPeriods(r.minutesByDay.keys, what: "timesheets", in: session)
    }
}

extension Expense: ManagedEntity {
    public static func subject(of r: Expense, in session: any StoreSession) async throws -> Subject {
        guard let project = try await session.get(Project.self, r.projectId) else {
            return .expense(submitterId: r.submittedBy, portfolioOwnerId: nil, managerId: nil)
        }
        let owner = try await session.get(Portfolio.self, project.portfolioId)?.ownerId
        return .expense(submitterId: r.submittedBy, portfolioOwnerId: owner, managerId: project.managerId)
    }
    public static let listSubject = Subject.expense(submitterId: nil, portfolioOwnerId: nil, managerId: nil)
    public static let filters: [String: FilterKind] = [
        "project_id": .reference, "activity_id": .reference, "submitted_by": .reference,
        "state": .oneOf(ApprovalState.allCases.map(\.rawValue)), "cost_type": .oneOf(CostType.allCases.map(\.rawValue)),
        "q": .search(["description"]),
    ]

    public static func validate(_ r: Expense, existing: Expense?, in session: any StoreSession) async throws {
        var c = Checks()
        if r.amountMinor <= 0 { c.fail("amount_minor", "an expense is an amount above 0, not \(r.amountMinor)") }
        c.text("description", r.description, max: 1_000)
        c.text("reason", r.reason, max: 1_000, required: false)
        if let existing, existing.projectId != r.projectId { c.fail("project_id", "an expense cannot move to another project") }
        _ = try await checkProjectCurrency(r.currency, projectId: r.projectId, &c, in: session)
        if let activityId = r.activityId {
            if let activity = try await session.get(Activity.self, activityId) {
                if activity.projectId != r.projectId { c.fail("activity_id", "activity \(activity.code) is not in project \(r.projectId)") }
            } else {
                c.fail("activity_id", "activity \(activityId) does not exist")
            }
        }
        try c.throwIfAny()
    }

    /// A new expense is submitted by its caller; an edit (only of a submitted one not yet decided, or a rejected
    /// one, which it submits again) keeps who submitted it. An approved expense is locked.
    public static func prepare(_ r: inout Expense, existing: Expense?, by caller: Caller,
                               in session: any StoreSession) async throws {
        if let existing {
            if existing.state == .approved {
                throw ServiceError(.conflict, "expense \(existing.id) is approved and locked")
            }
            r.submittedBy = existing.submittedBy
            try await requireOpenPeriods([existing.spentOn], what: "expenses", in: session)
        } else if r.submittedBy == nil || caller.userId != nil {
            r.submittedBy = caller.userId ?? r.submittedBy
        }
        r.state = .submitted; r.reason = ""; r.decidedBy = nil; r.decidedAt = nil
        try await requireOpenPeriods([r.spentOn], what: "expenses", in: session)
    }

    public static func authorize(delete r: Expense, by caller: Caller, in session: any StoreSession) async throws {
        if r.state == .approved { throw ServiceError(.conflict, "expense \(r.id) is approved and locked; it is not deleted") }
        try await requireOpenPeriods([r.spentOn], what: "expenses", in: session)
    }
}

extension ClosedPeriod: ManagedEntity {
    public static func subject(of r: ClosedPeriod, in session: any StoreSession) async throws -> Subject { .standards }
    public static let listSubject = Subject.standards
    public static let filters: [String: FilterKind] = ["month": .text]

    public static func validate(_ r: ClosedPeriod, existing: ClosedPeriod?, in session: any StoreSession) async throws {
        var c = Checks()
        c.text("note", r.note, max: 1_000, required: false)
        if let existing, existing.month != r.month { c.fail("month", "a closed period keeps its month; reopen it and close another") }
        try c.throwIfAny()
        try await ensureUnique(r, ["month": .text(r.month.description)], "\(r.month.longName) is already closed", in: session)
    }

    public static func prepare(_ r: inout ClosedPeriod, existing: ClosedPeriod?, by caller: Caller,
                               in session: any StoreSession) async throws {
        r.closedBy = existing?.closedBy ?? caller.userId
    }
}

extension ApprovalDelegation: ManagedEntity {
    public static func subject(of r: ApprovalDelegation, in session: any StoreSession) async throws -> Subject {
        .delegation(delegatorId: r.delegatorId)
    }
    public static let listSubject = Subject.delegation(delegatorId: nil)
    public static let filters: [String: FilterKind] = ["delegator_id": .reference, "delegate_id": .reference]

    public static func validate(_ r: ApprovalDelegation, existing: ApprovalDelegation?, in session: any StoreSession) async throws {
        var c = Checks()
        try await c.exists("delegator_id", r.delegatorId, User.self, in: session)
        try await c.exists("delegate_id", r.delegateId, User.self, in: session)
        if r.delegateId == r.delegatorId { c.fail("delegate_id", "a manager does not delegate to themselves; name someone else") }
        if let ends = r.ends, ends < r.starts { c.fail("ends", "ends (\(ends)) is before starts (\(r.starts))") }
        if let existing, existing.delegatorId != r.delegatorId {
            c.fail("delegator_id", "a delegation keeps its delegator; end it and name a new one")
        }
        c.text("note", r.note, max: 1_000, required: false)
        if let delegate = try await session.get(User.self, r.delegateId), !delegate.active {
            c.fail("delegate_id", "\(delegate.username) is deactivated and cannot approve")
        }
        try c.throwIfAny()
    }
}

/// The managers `user` stands in for on `day`, from their approval delegations.
func delegators(of user: User.ID?, on day: CalendarDate, in session: any StoreSession) async throws -> Set<User.ID> {
    guard let user else { return [] }
    let given = try await session.list(ApprovalDelegation.self, ListQuery(filters: ["delegate_id": .int(user.rawValue)]))
    return Set(given.filter { $0.covers(day) }.map(\.delegatorId))
}

extension ProgressSnapshot: ManagedEntity {
    public static func subject(of r: ProgressSnapshot, in session: any StoreSession) async throws -> Subject {
        try await financesSubject(r.projectId, in: session)
    }
    public static let listSubject = Subject.finances(portfolioOwnerId: nil, managerId: nil)
    public static let filters: [String: FilterKind] = ["project_id": .reference]

    public static func validate(_ r: ProgressSnapshot, existing: ProgressSnapshot?, in session: any StoreSession) async throws {
        var c = Checks()
        _ = try await checkProjectCurrency(r.currency, projectId: r.projectId, &c, in: session)
        for (field, value) in [("bac_minor", r.bacMinor), ("pv_minor", r.pvMinor), ("ev_minor", r.evMinor), ("ac_minor", r.acMinor)] where value < 0 {
            c.fail(field, "\(field) is 0 or more, not \(value)")
        }
        try c.throwIfAny()
        try await ensureUnique(r, ["project_id": .int(r.projectId.rawValue), "as_of": .text(r.asOf.description)],
                               "project \(r.projectId) already has a snapshot as of \(r.asOf)", in: session)
    }
}

extension ExchangeRate {
    /// The rate as an exact decimal, nil unless it is a plain positive number.
    public static func decimal(_ text: String) -> Decimal? {
        let t = text.trimmingCharacters(in: " ")
        guard !t.isEmpty, t.allSatisfy({ ($0 >= "0" && $0 <= "9") || $0 == "." }), t.filter({ $0 == "." }).count <= 1,
              let d = Decimal(string: t), d > 0 else { return nil }
        return d
    }
}
