public import GantryModel
import GantryGovernance

/// Stage gates: the decision at the end of a phase (go, hold, recycle, kill), applied by the stage-gate workflow
/// under the portfolio's governance mode, and applying a template to a project that has no phases yet.
///
/// A decision runs in one transaction: the gate's new status and decision history, the phase's status, the next
/// phase opened (go) or the project cancelled (kill), and an audit line for each record changed (who, when, before,
/// after). A refusal (403 by mode or role, 409 by state, 422 for a missing comment) changes nothing.
public struct StageGates: Sendable {
    let store: any Store
    let clock: any Clock

    public init(store: any Store, clock: any Clock) {
        self.store = store
        self.clock = clock
    }

    /// How `caller` stands to the project, for the workflow. The system acts as the administrator.
    static func actor(_ caller: Caller, project: Project, portfolio: Portfolio) -> WorkflowActor {
        guard case .user(let actor) = caller else { return WorkflowActor(userId: User.ID(0), role: .admin) }
        var relations: Set<ProjectRelation> = []
        if project.managerId == actor.userId { relations.insert(.projectManager) }
        if portfolio.ownerId == actor.userId { relations.insert(.portfolioOwner) }
        return WorkflowActor(actor, relations: relations)
    }

    // MARK: deciding a gate

    /// Decides the gate of an active phase. Go completes the phase and opens the next (after the last, every phase is
    /// completed); hold keeps the phase active with its gate on hold; recycle keeps it active with its gate reopened
    /// for another review; kill cancels the phase, the phases after it and the project.
    /// With `ifVersion`, refuses (412) when the phase changed since the caller read it (its criteria, say).
    public func decide(_ id: ProjectPhase.ID, _ decision: GateDecision, comment: String, _ caller: Caller,
                       ifVersion: Int? = nil) async throws -> ProjectPhase
    {
        let now = clock.now()
        guard comment.count <= 5_000 else {
            throw ServiceError.invalid(field: "comment", "comment must be at most 5000 characters (it has \(comment.count))")
        }
        return try await store.write { session in
            guard let phase = try await session.get(ProjectPhase.self, id) else { throw ServiceError.notFound(ProjectPhase.self, id) }
            try Catalog.check(version: ifVersion, of: phase)
            guard let project = try await session.get(Project.self, phase.projectId) else {
                throw ServiceError.notFound(Project.self, phase.projectId)
            }
            guard let portfolio = try await session.get(Portfolio.self, project.portfolioId) else {
                throw ServiceError.notFound(Portfolio.self, project.portfolioId)
            }
            let phases = try await session.list(ProjectPhase.self, ListQuery(filters: ["project_id": .int(project.id.rawValue)]))
                .sorted { $0.position < $1.position }
            if let refusal = Self.stateRefusal(phase, of: project, phases: phases) { throw ServiceError(.conflict, refusal) }

            let actor = Self.actor(caller, project: project, portfolio: portfolio)
            let transition: Transition<StageGateWorkflow.State>
            switch StageGateWorkflow.decide(.decide(decision.workflow, comment: comment), on: phase.gateState, by: actor,
                                            in: .init(mode: portfolio.governanceMode)) {
            case .failure(let refusal): throw refusal.serviceError(field: "comment")
            case .success(let t): transition = t
            }

            var decided = phase
            decided.gateStatus = GateStatus(transition.state.status)
            decided.decisions.append(GateDecisionRecord(
                decision: decision, by: caller.userId, at: now, comment: comment,
                unmetMustMeets: transition.state.decisions.last?.unmetMustMeets ?? []))
            decided.updatedAt = now
            var others: [(before: ProjectPhase, after: ProjectPhase)] = []
            var cancelProject = false
            for effect in transition.effects {
                switch effect {
                case .openNextPhase:
                    decided.status = .completed
                    if let next = phases.first(where: { $0.position > phase.position && $0.status == .pending }) {
                        var opened = next
                        opened.status = .active
                        opened.gateStatus = .open
                        others.append((next, opened))
                    }
                case .reopenPhase:
                    decided.status = .active
                case .closeProject:
                    decided.status = .cancelled
                    for later in phases where later.position > phase.position && later.status == .pending {
                        var cancelled = later
                        cancelled.status = .cancelled
                        others.append((later, cancelled))
                    }
                    cancelProject = true
                default:
                    break  // notifications wait for the inbox; the audit line is written below with the records
                }
            }

            let header = "gate '\(phase.gateName)' of phase '\(phase.name)' (project \(project.code))"
            let saved = try await Self.save(decided, in: session)
            try await Self.audit(
                saved, before: phase, "\(header): \(decision.rawValue), \(phase.gateStatus.label) → \(saved.gateStatus.label)"
                    + (comment.isEmpty ? "" : " — \(comment)"), by: caller, at: now, in: session)
            for (before, var other) in others {
                other.updatedAt = now
                let stored = try await Self.save(other, in: session)
                try await Self.audit(stored, before: before,
                                     "phase '\(before.name)' of project \(project.code): \(before.status.rawValue) → \(stored.status.rawValue) by the \(decision.rawValue) at \(header)",
                                     by: caller, at: now, in: session)
            }
            if cancelProject {
                var closed = project
                closed.state = .cancelled
                closed.updatedAt = now
                guard let stored = try await session.update(closed, expectedVersion: project.version) else {
                    throw ServiceError(.versionMismatch, "project \(project.code) was changed by someone else meanwhile; reload it and decide again")
                }
                try await Self.audit(stored, before: project,
                                     "project \(project.code) \(project.state.rawValue) → cancelled: killed at \(header) — \(comment)",
                                     by: caller, at: now, in: session)
            }
            return saved
        }
    }

    /// Why the gate of `phase` cannot be decided in the state it and its project are in, or nil when it can.
    static func stateRefusal(_ phase: ProjectPhase, of project: Project, phases: [ProjectPhase]) -> String? {
        if project.state == .closed || project.state == .cancelled {
            return "project \(project.code) is \(project.state.rawValue): its gates can no longer be decided"
        }
        switch phase.status {
        case .active:
            return nil
        case .pending:
            let current = phases.first { $0.status == .active }
            return "phase '\(phase.name)' has not started: its gate is decided once the phases before it pass"
                + (current.map { " (the active phase is '\($0.name)')" } ?? "")
        case .completed:
            return "phase '\(phase.name)' is completed: its gate '\(phase.gateName)' was passed"
        case .cancelled:
            return "phase '\(phase.name)' was cancelled: the project was killed at a gate"
        }
    }

    static func save(_ phase: ProjectPhase, in session: any StoreSession) async throws -> ProjectPhase {
        guard let saved = try await session.update(phase, expectedVersion: phase.version) else {
            throw ServiceError(.versionMismatch, "phase \(phase.id) was changed by someone else meanwhile; reload it and decide again")
        }
        return saved
    }

    /// An audit line for a record a decision changed, with the record before and after.
    static func audit<E: Entity>(_ record: E, before: E, _ summary: String, by caller: Caller, at time: Timestamp,
                                 in session: any StoreSession) async throws {
        func json(_ value: E) throws -> String {
            String(decoding: try JSONValueEncoder().encode(value).serialized(), as: UTF8.self)
        }
        try await session.appendAudit(AuditRecord(
            at: time, userId: caller.userId, action: Audit.Verb.decide.rawValue, kind: E.kindName,
            recordId: record.id.rawValue, summary: summary, before: try json(before), after: try json(record)))
    }

    // MARK: applying a template

    /// Applies an active template to a project without phases: its phases, gates and WBS skeleton (see
    /// `TemplateInstantiation`). The caller must be allowed to change the project's schedule.
    public func applyTemplate(_ templateId: ProjectTemplate.ID, to projectId: Project.ID, _ caller: Caller) async throws
        -> TemplateInstantiation.Made
    {
        let now = clock.now()
        return try await store.write { session in
            guard let project = try await session.get(Project.self, projectId) else { throw ServiceError.notFound(Project.self, projectId) }
            try caller.require(.create, try await scheduleSubject(projectId, in: session))
            guard let template = try await session.get(ProjectTemplate.self, templateId) else {
                throw ServiceError.invalid(field: "template_id", "template_id: template \(templateId) does not exist")
            }
            return try await TemplateInstantiation.apply(template, to: project, by: caller, in: session, at: now)
        }
    }

    // MARK: read models for the pages

    /// A project's phases in order, with its portfolio's governance mode.
    public func phases(of projectId: Project.ID, _ caller: Caller) async throws -> [ProjectPhase] {
        try await store.read { session in
            try await caller.requireView(ProjectPhase.listSubject) { try await scheduleSubject(projectId, in: session) }
            return try await session.list(ProjectPhase.self, ListQuery(filters: ["project_id": .int(projectId.rawValue)]))
                .sorted { $0.position < $1.position }
        }
    }

    /// Why `caller` may not create or change templates (the PMO's standards), or nil when they may.
    public func templateChangeRefusal(_ caller: Caller) -> String? {
        do { try caller.require(.create, ProjectTemplate.listSubject); return nil } catch { return error.message }
    }

    /// The active templates, by name, for choosing one to apply.
    public func activeTemplates(_ caller: Caller) async throws -> [ProjectTemplate] {
        try caller.require(.view, ProjectTemplate.listSubject)
        return try await store.read { try await $0.list(ProjectTemplate.self, ListQuery()) }
            .filter(\.active).sorted { $0.name < $1.name }
    }

    /// How many projects have phases made from each template.
    public func templateUse(_ caller: Caller) async throws -> [ProjectTemplate.ID: Int] {
        try caller.require(.view, ProjectPhase.listSubject)
        let phases = try await store.read { try await $0.list(ProjectPhase.self, ListQuery()) }
        var projects: [ProjectTemplate.ID: Set<Project.ID>] = [:]
        for phase in phases { if let t = phase.templateId { projects[t, default: []].insert(phase.projectId) } }
        return projects.mapValues(\.count)
    }

    /// Everything the gate page shows: the phase and its project, the portfolio's mode, the project's other phases,
    /// the names of those who decided, and what the caller may do there (each nil when allowed, else the reason).
    public func gate(_ id: ProjectPhase.ID, of projectId: Project.ID, _ caller: Caller) async throws -> GateView {
        try await store.read { session in
            guard let phase = try await session.get(ProjectPhase.self, id), phase.projectId == projectId else {
                throw ServiceError(.notFound, "project \(projectId) has no phase \(id)")
            }
            try await caller.requireView(ProjectPhase.listSubject) { try await scheduleSubject(projectId, in: session) }
            guard let project = try await session.get(Project.self, projectId) else { throw ServiceError.notFound(Project.self, projectId) }
            guard let portfolio = try await session.get(Portfolio.self, project.portfolioId) else {
                throw ServiceError.notFound(Portfolio.self, project.portfolioId)
            }
            let phases = try await session.list(ProjectPhase.self, ListQuery(filters: ["project_id": .int(projectId.rawValue)]))
                .sorted { $0.position < $1.position }
            let users = try await session.list(User.self, ListQuery())
            var view = GateView(phase: phase, project: project, portfolio: portfolio, phases: phases,
                                names: Dictionary(uniqueKeysWithValues: users.map { ($0.id, $0.displayName) }))
            let actor = Self.actor(caller, project: project, portfolio: portfolio)
            let context = StageGateWorkflow.Context(mode: portfolio.governanceMode)
            let state = phase.gateState
            func refusal(_ command: StageGateWorkflow.Command) -> String? {
                if case .failure(let r) = StageGateWorkflow.decide(command, on: state, by: actor, in: context) { return r.reason }
                return nil
            }
            // The permission policy's say on updating the phase comes first: the criteria are changed by an update.
            var updateRefusal: String?
            do { try caller.require(.update, try await scheduleSubject(projectId, in: session)) } catch let e as ServiceError {
                updateRefusal = e.message
            }
            let stateRefusal = Self.stateRefusal(phase, of: project, phases: phases)
            view.decideRefusal = stateRefusal ?? refusal(.decide(.hold, comment: "probe"))
            if let probe = phase.criteria.first {
                view.evidenceRefusal = updateRefusal ?? refusal(.attachEvidence(criterion: probe.name, .link(url: "", title: "")))
            } else {
                view.evidenceRefusal = "the gate has no criteria"
            }
            if let mustMeet = phase.criteria.first(where: \.isMustMeet) {
                view.assessRefusal = updateRefusal ?? refusal(.assess(criterion: mustMeet.name, met: false))
            } else {
                view.assessRefusal = "the gate has no must-meet criteria"
            }
            if let shouldMeet = phase.criteria.first(where: { !$0.isMustMeet }) {
                view.scoreRefusal = updateRefusal ?? refusal(.score(criterion: shouldMeet.name, score: 0))
            } else {
                view.scoreRefusal = "the gate has no should-meet criteria"
            }
            view.mayDecideKill = refusal(.decide(.kill, comment: "probe")) == nil
            return view
        }
    }
}

/// The gate page's read model.
public struct GateView: Sendable {
    public var phase: ProjectPhase
    public var project: Project
    public var portfolio: Portfolio
    /// Every phase of the project, in order.
    public var phases: [ProjectPhase]
    /// Display names of users, for the decision history.
    public var names: [User.ID: String]
    /// Why the caller may not decide the gate, or nil.
    public var decideRefusal: String?
    /// Why the caller may not attach evidence, assess must-meet criteria, score should-meet ones (nil: they may).
    public var evidenceRefusal: String?
    public var assessRefusal: String?
    public var scoreRefusal: String?
    /// Whether a kill is among what the caller may decide.
    public var mayDecideKill = false

    /// The phase after this one, if any.
    public var next: ProjectPhase? { phases.first { $0.position > phase.position } }
    /// The weighted mean score of the should-meet criteria (0–10), nil when none is scored.
    public var weightedScore: Double? { phase.gateState.weightedScore }
}

extension GovernanceMode {
    /// What the mode means at a gate, in one sentence for the gate page (DESIGN.md, "Governance modes").
    public var gateRule: String {
        switch self {
        case .supportive:
            "Gates are advice. The project manager records the decision, and nothing blocks: a go over unmet must-meet criteria is recorded and the PMO is told."
        case .controlling:
            "Unmet must-meet criteria block the next phase until a PMO role (PMO director or analyst) decides go. The project manager may decide go when every must-meet criterion is met, and hold or recycle; only the PMO assesses must-meet criteria and kills a project."
        case .directive:
            "The PMO owns the gates. Only a PMO role assesses must-meet criteria and decides go, hold, recycle or kill; the project manager attaches evidence and scores should-meet criteria."
        }
    }
}
