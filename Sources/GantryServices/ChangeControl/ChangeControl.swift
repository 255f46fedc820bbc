public import GantryModel
import GantryGovernance

/// Change control (PMBOK's Perform Integrated Change Control): a change request's actions — submit, approve, reject,
/// defer, withdraw — applied with `ChangeRequestWorkflow` in the portfolio's governance mode and thresholds, each in
/// one transaction with its audit line; baselines saved on approval or on their own (ModeRules), and the variance of
/// a project's plan against a baseline. A refusal says why (403, 409 or 422) and changes nothing.
public struct ChangeControl: Sendable {
    let store: any Store
    let clock: any Clock

    public init(store: any Store, clock: any Clock) {
        self.store = store
        self.clock = clock
    }

    public enum Action: String, Sendable, CaseIterable {
        case submit, approve, reject, `defer`, withdraw

        var verb: Audit.Verb {
            switch self {
            case .submit: .submit
            case .approve: .approve
            case .reject: .reject
            case .defer: .defer
            case .withdraw: .withdraw
            }
        }
    }

    /// Which baseline an approval saves.
    public enum BaselineChoice: Sendable, Hashable {
        /// The one the request names in `baseline_name`, if it names one.
        case asRequested
        /// None, whatever the request says.
        case none
        /// One of this name (a blank name is refused).
        case named(String)
    }

    /// Applies an action to a change request. `reason` is required to reject (and may explain a deferral); an
    /// approval saves the `baseline` chosen in the same transaction. A deferred request is submitted again with
    /// `submit`.
    public func act(_ action: Action, on id: ChangeRequest.ID, reason: String? = nil,
                    baseline: BaselineChoice = .asRequested, _ caller: Caller) async throws -> ChangeRequest {
        let now = clock.now()
        return try await store.write { session in
            guard let current = try await session.get(ChangeRequest.self, id) else {
                throw ServiceError.notFound(ChangeRequest.self, id)
            }
            guard let (project, portfolio) = try await Self.projectAndPortfolio(current.projectId, in: session) else {
                throw ServiceError.notFound(Project.self, current.projectId)
            }
            let actor = Self.actor(caller, project: project, portfolio: portfolio, author: current.authorId)
            let context = Self.context(portfolio)
            let command: ChangeRequestWorkflow.Command
            switch action {
            case .submit: command = current.status == .deferred ? .resubmit : .submit
            case .approve:
                let name: String? = switch baseline {
                case .asRequested: current.baselineName
                case .none: nil
                case .named(let name): name
                }
                command = .approve(baselineName: name?.trimmingCharacters(in: " \t\n"))
            case .reject: command = .reject(reason: reason ?? "")
            case .defer: command = .defer(reason: reason)
            case .withdraw: command = .withdraw
            }
            let transition: Transition<ChangeRequestWorkflow.State>
            switch ChangeRequestWorkflow.decide(command, on: Self.state(current), by: actor, in: context) {
            case .failure(let refusal):
                throw refusal.serviceError(field: action == .approve ? "baseline_name" : "reason")
            case .success(let t): transition = t
            }

            var next = current
            next.status = ChangeRequestStatus(rawValue: transition.state.status.rawValue) ?? current.status
            next.reason = transition.state.reason
            next.updatedAt = now
            switch action {
            case .submit:
                let (approver, why) = ChangeRequestWorkflow.requiredApproverExplained(for: Self.impact(current), in: context)
                next.requiredApprover = approver == .pmo ? .pmo : .projectManager
                next.requiredApproverReason = why
                next.submittedAt = now
                next.decidedBy = nil
                next.decidedAt = nil
            case .approve, .reject, .defer:
                next.decidedBy = caller.userId
                next.decidedAt = now
            case .withdraw:
                break
            }
            for effect in transition.effects {
                guard case .saveBaseline(let name) = effect else { continue }
                let baseline = try await Self.saveBaseline(
                    name, of: project.id, changeRequest: current.id, by: caller, at: now, in: session)
                next.baselineName = name
                next.baselineId = baseline.id
            }
            if action == .approve, next.status == .approved, let changes = current.budgetChanges, !changes.isEmpty {
                try await Self.applyBudget(changes, to: project, request: current, by: caller, at: now, in: session)
            }
            guard let saved = try await session.update(next, expectedVersion: current.version) else {
                throw ServiceError(.versionMismatch, "change request \(id) was changed by someone else meanwhile; reload it and try again")
            }
            for entry in transition.auditEntries {
                try await Audit.transition(action.verb, before: current, after: saved, entry, by: caller, at: now, in: session)
            }
            return saved
        }
    }

    /// Sets the cells of the project's current budget an approved change names, in the approval's transaction, each
    /// audited. A project without a current budget yet starts it from its original one.
    static func applyBudget(_ changes: [BudgetChange], to project: Project, request: ChangeRequest, by caller: Caller,
                            at now: Timestamp, in session: any StoreSession) async throws {
        let mine: [String: FilterValue] = ["project_id": .int(project.id.rawValue)]
        var lines = try await session.list(BudgetLine.self, ListQuery(filters: mine))
        if !lines.contains(where: { $0.budgetVersion == .current }) {
            for o in lines where o.budgetVersion == .original {
                var copy = o
                copy.id = BudgetLine.ID(0); copy.budgetVersion = .current; copy.createdAt = now; copy.updatedAt = now
                let saved = try await session.insert(copy)
                try await Audit.record(.create, saved, before: nil, after: saved, by: caller, at: now, in: session)
            }
            lines = try await session.list(BudgetLine.self, ListQuery(filters: mine))
        }
        for change in changes {
            let note = "change request \(request.id): \(request.title)"
            if let line = lines.first(where: { $0.budgetVersion == .current && $0.month == change.month
                && $0.costType == change.costType && $0.expenditure == change.expenditure }) {
                var next = line
                next.amountMinor = change.amountMinor; next.note = note; next.updatedAt = now
                guard let saved = try await session.update(next, expectedVersion: line.version) else {
                    throw ServiceError(.versionMismatch, "budget line \(line.id) changed meanwhile; try again")
                }
                try await Audit.record(.update, saved, before: line, after: saved, by: caller, at: now, in: session)
            } else {
                let draft = BudgetLine(projectId: project.id, budgetVersion: .current, month: change.month, costType: change.costType,
                                       expenditure: change.expenditure, amountMinor: change.amountMinor, currency: project.currency,
                                       note: note, createdAt: now, updatedAt: now)
                try await BudgetLine.validate(draft, existing: nil, in: session)
                let saved = try await session.insert(draft)
                try await Audit.record(.create, saved, before: nil, after: saved, by: caller, at: now, in: session)
            }
        }
    }

    /// Saves the project's current plan as a baseline, in the caller's transaction, and audits it.
    static func saveBaseline(_ name: String, of projectId: Project.ID, changeRequest: ChangeRequest.ID?, by caller: Caller,
                             at now: Timestamp, in session: any StoreSession) async throws -> Baseline {
        var draft = Baseline(projectId: projectId, name: name, createdBy: caller.userId, changeRequestId: changeRequest,
                             activities: try await snapshot(of: projectId, in: session), createdAt: now, updatedAt: now)
        draft.currency = try await session.get(Project.self, projectId)?.currency
        // The first baseline of a project, and one an approved change saves, is the one performance is measured against.
        draft.performance = true
        try await Baseline.validate(draft, existing: nil, in: session)
        let baseline = try await session.insert(draft)
        try await Baseline.didChange(baseline, in: session)
        try await Audit.record(.create, baseline, before: nil, after: baseline, by: caller, at: now, in: session)
        return baseline
    }

    /// The project's activities as a baseline keeps them, in WBS order.
    static func snapshot(of projectId: Project.ID, in session: any StoreSession) async throws -> [BaselineActivity] {
        guard let project = try await session.get(Project.self, projectId) else { throw ServiceError.notFound(Project.self, projectId) }
        return try await BaselineCosting.activities(of: project, in: session)
    }

    // MARK: what the pages show

    /// A change request with what its page shows: the project and portfolio, who must decide and why (as stored at
    /// submission, or as it would be now), the people named, the saved baseline, and which actions the caller may take.
    public struct RequestView: Sendable {
        public var request: ChangeRequest
        public var project: Project
        public var portfolio: Portfolio
        public var approver: ChangeApprover
        public var approverReason: String
        public var people: [User.ID: User]
        public var baseline: Baseline?
        /// The actions the caller may take now (a dry run of the workflow).
        public var allowed: [Action]
        /// Why the caller may not decide, when the request waits for a decision they cannot make.
        public var decisionRefusal: String?
    }

    public func request(_ id: ChangeRequest.ID, _ caller: Caller) async throws -> RequestView {
        try await store.read { session in
            guard let request = try await session.get(ChangeRequest.self, id) else {
                throw ServiceError.notFound(ChangeRequest.self, id)
            }
            try await caller.requireView(ChangeRequest.listSubject) { try await ChangeRequest.subject(of: request, in: session) }
            guard let (project, portfolio) = try await Self.projectAndPortfolio(request.projectId, in: session) else {
                throw ServiceError.notFound(Project.self, request.projectId)
            }
            let context = Self.context(portfolio)
            var approver = request.requiredApprover
            var reason = request.requiredApproverReason
            if request.status == .draft || approver == nil {
                let live = ChangeRequestWorkflow.requiredApproverExplained(for: Self.impact(request), in: context)
                approver = live.0 == .pmo ? .pmo : .projectManager
                reason = live.why
            }
            let actor = Self.actor(caller, project: project, portfolio: portfolio, author: request.authorId)
            var allowed: [Action] = []
            var refusal: String?
            for action in Action.allCases {
                let command: ChangeRequestWorkflow.Command = switch action {
                case .submit: request.status == .deferred ? .resubmit : .submit
                case .approve: .approve(baselineName: nil)
                case .reject: .reject(reason: "-")
                case .defer: .defer(reason: nil)
                case .withdraw: .withdraw
                }
                switch ChangeRequestWorkflow.decide(command, on: Self.state(request), by: actor, in: context) {
                case .success: allowed.append(action)
                case .failure(let r) where action == .approve && request.status == .submitted: refusal = r.reason
                case .failure: break
                }
            }
            var people: [User.ID: User] = [:]
            for uid in [request.authorId, request.decidedBy, project.managerId].compactMap({ $0 }) {
                people[uid] = try await session.get(User.self, uid)
            }
            return RequestView(
                request: request, project: project, portfolio: portfolio, approver: approver ?? .projectManager,
                approverReason: reason ?? "", people: people,
                baseline: try await request.baselineId.asyncMap { try await session.get(Baseline.self, $0) } ?? nil,
                allowed: allowed, decisionRefusal: refusal)
        }
    }

    /// A project's change requests (newest first), its baselines, and the variance of its plan against one of them.
    public struct ProjectChanges: Sendable {
        public var project: Project
        public var portfolio: Portfolio
        public var requests: [ChangeRequest]
        public var baselines: [Baseline]
        public var people: [User.ID: User]
        /// The baseline compared (the one asked for, else the newest), and the comparison.
        public var compared: Baseline?
        /// The other side: another baseline, or nil for the current plan.
        public var against: Baseline?
        public var variance: [BaselineVariance.Row]
        /// Why the caller may not raise a change request, or nil when they may.
        public var raiseRefusal: String?
        /// Why the caller may not save a baseline outside a change request, or nil when they may.
        public var baselineRefusal: String?
    }

    public func projectChanges(_ id: Project.ID, baseline chosen: Baseline.ID? = nil, against other: Baseline.ID? = nil,
                               _ caller: Caller) async throws -> ProjectChanges {
        try await store.read { session in
            guard let (project, portfolio) = try await Self.projectAndPortfolio(id, in: session) else {
                throw ServiceError.notFound(Project.self, id)
            }
            let subject = try await scheduleSubject(id, in: session)
            try await caller.requireView(ChangeRequest.listSubject) { subject }
            let mine: [String: FilterValue] = ["project_id": .int(id.rawValue)]
            let requests = try await session.list(ChangeRequest.self, ListQuery(filters: mine)).reversed()
            let baselines = try await session.list(Baseline.self, ListQuery(filters: mine)).reversed()
            var compared = baselines.first
            if let chosen {
                guard let b = baselines.first(where: { $0.id == chosen }) else {
                    throw ServiceError.invalid(field: "baseline", "project \(project.code) has no baseline \(chosen)")
                }
                compared = b
            }
            var against: Baseline?
            if let other {
                guard let b = baselines.first(where: { $0.id == other }) else {
                    throw ServiceError.invalid(field: "against", "project \(project.code) has no baseline \(other)")
                }
                against = b
            }
            let activities = try await session.list(Activity.self, ListQuery(filters: mine))
            var people: [User.ID: User] = [:]
            for uid in Set(requests.flatMap { [$0.authorId, $0.decidedBy] }.compactMap { $0 } + baselines.compactMap(\.createdBy)) {
                people[uid] = try await session.get(User.self, uid)
            }
            var raiseRefusal: String?
            do { try caller.require(.create, subject) } catch let e as ServiceError { raiseRefusal = e.message }
            var baselineRefusal: String?
            if case .user = caller {
                if case .failure(let r) = ModeRules.saveBaseline(
                    named: "-", by: Self.actor(caller, project: project, portfolio: portfolio), mode: portfolio.governanceMode) {
                    baselineRefusal = r.reason
                }
            }
            return ProjectChanges(
                project: project, portfolio: portfolio, requests: Array(requests), baselines: Array(baselines),
                people: people, compared: compared, against: against,
                variance: compared.map { b in
                    against.map { BaselineVariance.rows(baseline: b, against: $0) }
                        ?? BaselineVariance.rows(baseline: b, current: ProjectSchedule.wbsOrder(activities).map(\.0))
                } ?? [],
                raiseRefusal: raiseRefusal, baselineRefusal: baselineRefusal)
        }
    }

    /// A baseline and how far the project's current plan has moved from it.
    public func variance(of id: Baseline.ID, _ caller: Caller) async throws -> (Baseline, [BaselineVariance.Row]) {
        try await store.read { session in
            guard let baseline = try await session.get(Baseline.self, id) else { throw ServiceError.notFound(Baseline.self, id) }
            try await caller.requireView(Baseline.listSubject) { try await Baseline.subject(of: baseline, in: session) }
            let activities = try await session.list(
                Activity.self, ListQuery(filters: ["project_id": .int(baseline.projectId.rawValue)]))
            return (baseline, BaselineVariance.rows(baseline: baseline, current: ProjectSchedule.wbsOrder(activities).map(\.0)))
        }
    }

    // MARK: helpers shared with the rules

    static func projectAndPortfolio(_ id: Project.ID, in session: any StoreSession) async throws -> (Project, Portfolio)? {
        guard let project = try await session.get(Project.self, id),
              let portfolio = try await session.get(Portfolio.self, project.portfolioId) else { return nil }
        return (project, portfolio)
    }

    /// The caller as the workflows see them: role and relations to the project. The system (CLI, demo loader) acts
    /// as the administrator, and as the author of what it submits.
    static func actor(_ caller: Caller, project: Project, portfolio: Portfolio, author: User.ID? = nil) -> WorkflowActor {
        guard case .user(let user) = caller else {
            return WorkflowActor(userId: author ?? User.ID(0), role: .admin)
        }
        var relations: Set<ProjectRelation> = []
        if project.managerId == user.userId { relations.insert(.projectManager) }
        if portfolio.ownerId == user.userId { relations.insert(.portfolioOwner) }
        return WorkflowActor(user, relations: relations)
    }

    static func context(_ portfolio: Portfolio) -> ChangeRequestWorkflow.Context {
        ChangeRequestWorkflow.Context(mode: portfolio.governanceMode, thresholds: ChangeRequestWorkflow.Thresholds(
            costMinorUnits: portfolio.changeCostThresholdMinor, scheduleDays: portfolio.changeScheduleThresholdDays))
    }

    static func impact(_ r: ChangeRequest) -> ChangeRequestWorkflow.Impact {
        ChangeRequestWorkflow.Impact(costMinorUnits: r.costImpactMinor, scheduleDays: r.scheduleImpactDays, scope: r.scopeImpact)
    }

    static func state(_ r: ChangeRequest) -> ChangeRequestWorkflow.State {
        ChangeRequestWorkflow.State(
            status: ChangeRequestWorkflow.Status(rawValue: r.status.rawValue) ?? .draft, authorId: r.authorId ?? User.ID(0),
            impact: impact(r), reason: r.reason, baselineName: r.baselineName)
    }
}

/// How far each activity of the current plan has moved from a baseline: start and finish slips in calendar days
/// (positive: later), and the activities added or removed since. Pure.
public enum BaselineVariance {
    public enum Change: String, Sendable, Hashable { case same, moved, added, removed }

    public struct Row: Sendable, Hashable {
        public var activityId: Activity.ID
        public var code: String
        public var name: String
        public var baselineStart: CalendarDate?
        public var baselineFinish: CalendarDate?
        public var currentStart: CalendarDate?
        public var currentFinish: CalendarDate?
        /// Current start minus baseline start, in days; nil when either is missing.
        public var startSlipDays: Int?
        public var finishSlipDays: Int?
        public var change: Change
        /// Each side's cost at completion (minor units of the baselines' currency) when both are baselines that
        /// keep costs.
        public var baselineCostMinor: Int64? = nil
        public var currentCostMinor: Int64? = nil
    }

    /// Two baselines side by side: `baseline` is the earlier side, `other` the later (its activities in its order).
    public static func rows(baseline: Baseline, against other: Baseline) -> [Row] {
        let pseudo = other.activities.map { b -> Activity in
            var a = Activity(projectId: other.projectId, code: b.code, name: b.name, plannedStart: b.plannedStart,
                             plannedFinish: b.plannedFinish, createdAt: other.createdAt, updatedAt: other.updatedAt)
            a.id = b.activityId
            return a
        }
        let before = Dictionary(baseline.activities.map { ($0.activityId, $0.costMinor) }, uniquingKeysWith: { a, _ in a })
        let after = Dictionary(other.activities.map { ($0.activityId, $0.costMinor) }, uniquingKeysWith: { a, _ in a })
        return rows(baseline: baseline, current: pseudo).map { row in
            var r = row
            r.baselineCostMinor = before[row.activityId] ?? nil
            r.currentCostMinor = after[row.activityId] ?? nil
            if r.change == .same, r.baselineCostMinor != r.currentCostMinor { r.change = .moved }
            return r
        }
    }

    /// The current activities in their order, then those the baseline has and the plan no longer does.
    public static func rows(baseline: Baseline, current: [Activity]) -> [Row] {
        let kept = Dictionary(baseline.activities.map { ($0.activityId, $0) }, uniquingKeysWith: { a, _ in a })
        func slip(_ from: CalendarDate?, _ to: CalendarDate?) -> Int? {
            guard let from, let to else { return nil }
            return to.daysSinceEpoch - from.daysSinceEpoch
        }
        var rows = current.map { a -> Row in
            guard let b = kept[a.id] else {
                return Row(activityId: a.id, code: a.code, name: a.name, currentStart: a.plannedStart,
                           currentFinish: a.plannedFinish, change: .added)
            }
            let start = slip(b.plannedStart, a.plannedStart), finish = slip(b.plannedFinish, a.plannedFinish)
            let moved = (start ?? 0) != 0 || (finish ?? 0) != 0
                || (b.plannedStart == nil) != (a.plannedStart == nil) || (b.plannedFinish == nil) != (a.plannedFinish == nil)
            return Row(activityId: a.id, code: a.code, name: a.name, baselineStart: b.plannedStart,
                       baselineFinish: b.plannedFinish, currentStart: a.plannedStart, currentFinish: a.plannedFinish,
                       startSlipDays: start, finishSlipDays: finish, change: moved ? .moved : .same)
        }
        let present = Set(current.map(\.id))
        for b in baseline.activities where !present.contains(b.activityId) {
            rows.append(Row(activityId: b.activityId, code: b.code, name: b.name, baselineStart: b.plannedStart,
                            baselineFinish: b.plannedFinish, change: .removed))
        }
        return rows
    }
}

extension Audit {
    /// A workflow step on a record (a risk closed, a change approved): the record before and after, and the
    /// workflow's own entry (states and the reason given) in the summary.
    static func transition<E: Entity>(_ verb: Verb, before: E, after: E, _ entry: AuditEntry, by caller: Caller,
                                      at time: Timestamp, in session: any StoreSession) async throws {
        func json(_ value: E) throws -> String {
            String(decoding: try JSONValueEncoder().encode(value).serialized(), as: UTF8.self)
        }
        var summary = "\(verb.pastTense) \(E.kindName) \(after.id): \(entry.before) → \(entry.after)"
        if let note = entry.note { summary += " (\(note))" }
        try await session.appendAudit(AuditRecord(
            at: time, userId: caller.userId, action: verb.rawValue, kind: E.kindName, recordId: after.id.rawValue,
            summary: summary, before: try json(before), after: try json(after)))
    }
}
