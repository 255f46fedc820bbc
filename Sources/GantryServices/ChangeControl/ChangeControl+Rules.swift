public import GantryModel
public import GantryGovernance

// Change requests and baselines belong to a project (its schedule subject). A change request is edited only while
// it is a draft or deferred; its state and the decision's fields move only through its actions (ChangeControl). A
// baseline is a snapshot: created (by the rules of the portfolio's mode) and deleted, never changed.

extension ChangeRequest: ManagedEntity {
    public static func subject(of r: ChangeRequest, in session: any StoreSession) async throws -> Subject {
        try await scheduleSubject(r.projectId, in: session)
    }
    public static let listSubject = Subject.schedule(portfolioOwnerId: nil, managerId: nil)
    public static let filters: [String: FilterKind] = [
        "project_id": .reference, "author_id": .reference, "decided_by": .reference,
        "status": .oneOf(ChangeRequestStatus.allCases.map(\.rawValue)),
        "required_approver": .oneOf(ChangeApprover.allCases.map(\.rawValue)),
        "q": .search(["title", "description", "scope_impact"]),
    ]

    /// The caller who raises a change request is its author.
    public static func prepare(_ r: inout ChangeRequest, existing: ChangeRequest?, by caller: Caller,
                               in session: any StoreSession) async throws {
        if existing == nil, let author = caller.userId { r.authorId = author }
        // A change to the budget costs what it adds to the current budget (the original where none is current yet):
        // the approval thresholds see the real amount, whatever cost_impact_minor said.
        if let changes = r.budgetChanges, !changes.isEmpty, let project = try await session.get(Project.self, r.projectId) {
            let lines = try await session.list(BudgetLine.self, ListQuery(filters: ["project_id": .int(r.projectId.rawValue)]))
            let version: BudgetVersion = lines.contains { $0.budgetVersion == .current } ? .current : .original
            var delta: Int64 = 0
            for change in changes {
                let old = lines.first { $0.budgetVersion == version && $0.month == change.month && $0.costType == change.costType
                    && $0.expenditure == change.expenditure }?.amountMinor ?? 0
                delta += change.amountMinor - old
            }
            r.costImpactMinor = delta
            r.currency = project.currency.code
        }
    }

    /// The fields only the actions set, with the API's names.
    static let decisionFields: [(String, @Sendable (ChangeRequest) -> String?)] = [
        ("status", { $0.status.rawValue }), ("required_approver", { $0.requiredApprover?.rawValue }),
        ("required_approver_reason", { $0.requiredApproverReason }), ("submitted_at", { $0.submittedAt?.description }),
        ("decided_by", { $0.decidedBy?.description }), ("decided_at", { $0.decidedAt?.description }),
        ("reason", { $0.reason }), ("baseline_id", { $0.baselineId?.description }),
    ]

    public static func validate(_ r: ChangeRequest, existing: ChangeRequest?, in session: any StoreSession) async throws {
        var c = Checks()
        c.text("title", r.title, max: 200)
        c.text("description", r.description, max: 10_000, required: false)
        c.text("scope_impact", r.scopeImpact, max: 10_000, required: false)
        if r.scheduleImpactDays.magnitude > 3660 {
            c.fail("schedule_impact_days", "schedule_impact_days is at most 3660 days either way (it is \(r.scheduleImpactDays))")
        }
        if r.costImpactMinor.magnitude > 100_000_000_000_000 {
            c.fail("cost_impact_minor", "cost_impact_minor is at most 10^14 minor units either way")
        }
        if r.currency.count != 3 || !r.currency.unicodeScalars.allSatisfy({ $0 >= "A" && $0 <= "Z" }) {
            c.fail("currency", "currency '\(r.currency)' is not an ISO 4217 code like EUR or USD")
        }
        if let name = r.baselineName { c.text("baseline_name", name, max: 200) }
        var cells: Set<String> = []
        for (i, change) in (r.budgetChanges ?? []).enumerated() {
            if change.amountMinor < 0 { c.fail("budget_changes[\(i)].amount_minor", "a budget amount is 0 or more, not \(change.amountMinor)") }
            if !cells.insert("\(change.month) \(change.costType.rawValue) \(change.expenditure.rawValue)").inserted {
                c.fail("budget_changes[\(i)]", "\(change.month) \(change.costType.rawValue) \(change.expenditure.rawValue) is named twice")
            }
        }
        if (r.budgetChanges?.count ?? 0) > 600 { c.fail("budget_changes", "at most 600 budget cells in one change request") }
        let actions = "use POST /api/v1/change-requests/\(r.id)/submit, /approve, /reject, /defer or /withdraw"
        if let existing {
            if existing.projectId != r.projectId { c.fail("project_id", "a change request cannot move to another project") }
            if existing.authorId != r.authorId { c.fail("author_id", "the author of a change request does not change") }
            for (field, value) in decisionFields where value(existing) != value(r) {
                c.fail(field, "\(field) changes only through the change request's actions, not an edit: \(actions)")
            }
            if c.problems.isEmpty, existing.status != .draft, existing.status != .deferred {
                throw ServiceError(.conflict, "change request \(r.id) is \(existing.status.rawValue): only a draft or "
                    + "deferred change request can be edited")
            }
        } else {
            for (field, value) in decisionFields.dropFirst() where value(r) != nil {
                c.fail(field, "\(field) is set by the change request's actions, not when it is raised")
            }
            if r.status != .draft { c.fail("status", "a new change request is a draft; submit it with its actions") }
        }
        try await c.exists("project_id", r.projectId, Project.self, in: session)
        try await c.exists("author_id", r.authorId, User.self, in: session)
        try c.throwIfAny()
    }

    /// A change request that was submitted is part of the project's record: it is withdrawn, not deleted.
    public static func prepareDelete(_ r: ChangeRequest, in session: any StoreSession) async throws {
        guard r.status == .draft || r.status == .withdrawn else {
            throw ServiceError(.conflict, "change request \(r.id) is \(r.status.rawValue) and stays on the record; "
                + "only a draft or withdrawn change request can be deleted")
        }
    }
}

extension Baseline: ManagedEntity {
    public static func subject(of r: Baseline, in session: any StoreSession) async throws -> Subject {
        try await scheduleSubject(r.projectId, in: session)
    }
    public static let listSubject = Subject.schedule(portfolioOwnerId: nil, managerId: nil)
    public static let filters: [String: FilterKind] = [
        "project_id": .reference, "change_request_id": .reference, "created_by": .reference, "q": .search(["name"]),
    ]

    /// A new baseline snapshots the project's activities now (with their cost over time), by the caller, if the
    /// portfolio's mode lets them (ModeRules.saveBaseline: in a directive portfolio only the PMO saves one). A
    /// project's first baseline is its performance baseline. A baseline never changes but for `performance`: marking
    /// one unmarks the others.
    public static func prepare(_ r: inout Baseline, existing: Baseline?, by caller: Caller,
                               in session: any StoreSession) async throws {
        if let existing {
            var same = r
            same.performance = existing.performance
            same.version = existing.version; same.updatedAt = existing.updatedAt; same.createdAt = existing.createdAt
            guard same == existing else {
                throw ServiceError(.conflict, "baseline \(existing.id) '\(existing.name)' is a snapshot and never changes "
                    + "(only which one is the performance baseline); save a new baseline instead")
            }
            if existing.performance && !r.performance {
                throw ServiceError.invalid(field: "performance", "mark another baseline as the performance baseline instead")
            }
            // Measuring against another baseline is re-baselining: the portfolio's mode decides who may (as for saving one).
            if r.performance && !existing.performance, case .user = caller,
               let (project, portfolio) = try await ChangeControl.projectAndPortfolio(r.projectId, in: session),
               case .failure(let refusal) = ModeRules.saveBaseline(named: r.name, by: ChangeControl.actor(caller, project: project, portfolio: portfolio),
                                                                   mode: portfolio.governanceMode) {
                throw refusal.serviceError(field: "performance")
            }
            return
        }
        if r.changeRequestId != nil {
            throw ServiceError.invalid(field: "change_request_id",
                "change_request_id is set when an approved change request saves the baseline: "
                    + "POST /api/v1/change-requests/{id}/approve with a baseline_name")
        }
        guard let (project, portfolio) = try await ChangeControl.projectAndPortfolio(r.projectId, in: session) else {
            return  // validation names the missing project
        }
        if case .user = caller {
            let actor = ChangeControl.actor(caller, project: project, portfolio: portfolio)
            if case .failure(let refusal) = ModeRules.saveBaseline(named: r.name, by: actor, mode: portfolio.governanceMode) {
                throw refusal.serviceError(field: "name")
            }
        }
        r.createdBy = caller.userId
        r.activities = try await ChangeControl.snapshot(of: project.id, in: session)
        r.currency = project.currency
        if try await session.count(Baseline.self, ["project_id": .int(project.id.rawValue)]) == 0 { r.performance = true }
    }

    /// One performance baseline per project: marking one unmarks the others.
    public static func didChange(_ r: Baseline, in session: any StoreSession) async throws {
        guard r.performance else { return }
        for other in try await session.list(Baseline.self, ListQuery(filters: ["project_id": .int(r.projectId.rawValue)]))
        where other.id != r.id && other.performance {
            var next = other
            next.performance = false
            _ = try await session.update(next, expectedVersion: other.version)
        }
    }

    public static func validate(_ r: Baseline, existing: Baseline?, in session: any StoreSession) async throws {
        var c = Checks()
        c.text("name", r.name, max: 200)
        try await c.exists("project_id", r.projectId, Project.self, in: session)
        if existing == nil, try await session.count(Baseline.self, ["project_id": .int(r.projectId.rawValue)]) >= 11 {
            c.fail("name", "project \(r.projectId) already has 11 baselines, the most a project keeps; delete one first")
        }
        try c.throwIfAny()
        try await ensureUnique(r, ["project_id": .int(r.projectId.rawValue), "name": .text(r.name)],
                               "project \(r.projectId) already has a baseline named '\(r.name)'", in: session)
    }

    /// In a directive portfolio the PMO owns the baselines: only a PMO role deletes one.
    public static func authorize(delete r: Baseline, by caller: Caller, in session: any StoreSession) async throws {
        guard case .user(let user) = caller,
              let (project, portfolio) = try await ChangeControl.projectAndPortfolio(r.projectId, in: session),
              portfolio.governanceMode == .directive,
              !ChangeControl.actor(caller, project: project, portfolio: portfolio).isPMO
        else { return }
        throw ServiceError(.forbidden, "Not allowed: in a directive portfolio, the PMO approves every baseline: a "
            + "\(user.role.title.lowercased()) cannot delete one.")
    }
}

/// A portfolio's change thresholds are sizes: zero or more.
func checkChangeThresholds(_ r: Portfolio, _ c: inout Checks) {
    if r.changeCostThresholdMinor < 0 || r.changeCostThresholdMinor > 100_000_000_000_000 {
        c.fail("change_cost_threshold_minor",
               "change_cost_threshold_minor is from 0 to 10^14 minor units (it is \(r.changeCostThresholdMinor))")
    }
    if !(0...3660).contains(r.changeScheduleThresholdDays) {
        c.fail("change_schedule_threshold_days",
               "change_schedule_threshold_days is from 0 to 3660 (it is \(r.changeScheduleThresholdDays))")
    }
}
