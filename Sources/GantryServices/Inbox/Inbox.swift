public import GantryModel
import GantryGovernance

/// What waits for a user: a request to review or to finish, a gate to decide, a status report to write, review or
/// rework, a change request to approve. Computed from the records each time (nothing to keep in step), for the
/// signed-in user only, by the same rules the workflows enforce.
public struct Inbox: Sendable {
    let store: any Store
    let clock: any Clock

    public init(store: any Store, clock: any Clock) {
        self.store = store
        self.clock = clock
    }

    public struct Item: Sendable, Codable, Hashable {
        /// `request_review`, `request_decision`, `request_draft`, `request_on_hold`, `gate_decision`,
        /// `report_due`, `report_review`, `report_returned`, `change_approval`, `change_deferred`, `lessons_due`.
        public var kind: String
        public var title: String
        /// Why it is waiting for this user, in words.
        public var detail: String
        /// The page where it is done.
        public var href: String
        /// The record it is about, by kind name and id.
        public var record: String
        public var recordId: Int64
        /// When it is due, when there is a date; overdue items come first.
        public var due: CalendarDate?
        public var overdue: Bool
    }

    /// How far ahead a planned gate shows as waiting.
    public static let gateHorizonDays = 14

    public func items(_ caller: Caller) async throws -> [Item] {
        guard case .user(let actor) = caller else { return [] }
        let today = clock.now().date
        return try await store.read { session in
            var items: [Item] = []
            items += try await Self.requests(for: actor, in: session)
            items += try await Self.gates(for: actor, today: today, in: session)
            items += try await Self.reports(for: actor, today: today, in: session)
            items += try await Self.changes(for: actor, in: session)
            items += try await Self.lessons(for: actor, in: session)
            return items.sorted {
                if $0.overdue != $1.overdue { return $0.overdue }
                switch ($0.due, $1.due) {
                case let (a?, b?) where a != b: return a < b
                case (_?, nil): return true
                case (nil, _?): return false
                default: return ($0.kind, $0.recordId) < ($1.kind, $1.recordId)
                }
            }
        }
    }

    static func isPMO(_ actor: Actor) -> Bool { WorkflowActor(actor).isPMO }

    static func requests(for actor: Actor, in session: any StoreSession) async throws -> [Item] {
        // Only what can wait for this user: the PMO's submitted and in-review requests, the user's own.
        var candidates = try await session.list(IntakeRequest.self, ListQuery(filters: ["requester_id": .int(actor.userId.rawValue)]))
        if isPMO(actor) {
            for status in [RequestStatus.submitted, .inReview] {
                candidates += try await session.list(IntakeRequest.self, ListQuery(filters: ["status": .text(status.rawValue)]))
            }
        }
        var seen = Set<IntakeRequest.ID>()
        var out: [Item] = []
        for r in candidates where seen.insert(r.id).inserted {
            let href = "/requests/\(r.id)"
            if isPMO(actor) && r.status == .submitted {
                out.append(Item(kind: "request_review", title: r.title, detail: "a new request waits to be taken into review",
                                href: href, record: IntakeRequest.kindName, recordId: r.id.rawValue, due: nil, overdue: false))
            } else if isPMO(actor) && r.status == .inReview {
                out.append(Item(kind: "request_decision", title: r.title, detail: "in review: approve, reject or put on hold",
                                href: href, record: IntakeRequest.kindName, recordId: r.id.rawValue, due: nil, overdue: false))
            } else if r.requesterId == actor.userId && r.status == .draft {
                out.append(Item(kind: "request_draft", title: r.title, detail: "your draft is not submitted yet",
                                href: href, record: IntakeRequest.kindName, recordId: r.id.rawValue, due: nil, overdue: false))
            } else if r.requesterId == actor.userId && r.status == .onHold {
                out.append(Item(kind: "request_on_hold", title: r.title,
                                detail: "on hold: \(r.decisionReason ?? "no reason given")",
                                href: href, record: IntakeRequest.kindName, recordId: r.id.rawValue, due: nil, overdue: false))
            }
        }
        return out
    }

    /// The pending gate of each active phase whose gate date is past or within the horizon (or that is on hold or
    /// recycled), for whoever decides it in the portfolio's mode: the project's manager in supportive mode; in
    /// controlling mode the manager, and the PMO while a must-meet criterion is unmet; the PMO in directive mode.
    static func gates(for actor: Actor, today: CalendarDate, in session: any StoreSession) async throws -> [Item] {
        let phases = try await session.list(ProjectPhase.self, ListQuery()).filter { $0.status == .active && $0.gateStatus.isPending }
        guard !phases.isEmpty else { return [] }
        var projects: [Project.ID: Project] = [:]
        var portfolios: [Portfolio.ID: Portfolio] = [:]
        var out: [Item] = []
        for phase in phases {
            if projects[phase.projectId] == nil { projects[phase.projectId] = try await session.get(Project.self, phase.projectId) }
            guard let project = projects[phase.projectId], project.state != .closed, project.state != .cancelled else { continue }
            if portfolios[project.portfolioId] == nil { portfolios[project.portfolioId] = try await session.get(Portfolio.self, project.portfolioId) }
            guard let portfolio = portfolios[project.portfolioId] else { continue }
            let due = phase.gateDate
            let soon = due.map { $0.daysSinceEpoch - today.daysSinceEpoch <= gateHorizonDays } ?? false
            guard soon || phase.gateStatus != .open else { continue }
            let unmet = phase.criteria.filter { $0.kind == .mustMeet && $0.met != true }.map(\.name)
            let manages = project.managerId == actor.userId
            let decides: Bool
            var why: String
            switch portfolio.governanceMode {
            case .supportive:
                decides = manages
                why = "your project's gate: record the decision"
            case .controlling:
                decides = manages || (isPMO(actor) && !unmet.isEmpty)
                why = unmet.isEmpty || !isPMO(actor) ? "your project's gate" : "must-meet criteria unmet (\(unmet.joined(separator: ", "))): only the PMO can pass it"
            case .directive:
                decides = isPMO(actor)
                why = "directive portfolio: the PMO decides every gate"
            }
            guard decides else { continue }
            if phase.gateStatus != .open { why += "; the gate is \(phase.gateStatus.label)" }
            out.append(Item(kind: "gate_decision", title: "\(project.code): \(phase.gateName)", detail: why,
                            href: "/projects/\(project.id)/phases/\(phase.id)", record: ProjectPhase.kindName,
                            recordId: phase.id.rawValue, due: due, overdue: due.map { $0 < today } ?? false))
        }
        return out
    }

    /// A project that has ended (closed, cancelled, or every phase completed) and has no lesson learned yet waits
    /// for its manager to record what the next project should know.
    static func lessons(for actor: Actor, in session: any StoreSession) async throws -> [Item] {
        let mine = try await session.list(Project.self, ListQuery(filters: ["manager_id": .int(actor.userId.rawValue)]))
        var out: [Item] = []
        for p in mine {
            var ended = p.state == .closed || p.state == .cancelled
            if !ended {
                let phases = try await session.list(ProjectPhase.self, ListQuery(filters: ["project_id": .int(p.id.rawValue)]))
                ended = !phases.isEmpty && phases.allSatisfy { $0.status == .completed }
            }
            guard ended, try await session.count(LessonLearned.self, ["project_id": .int(p.id.rawValue)]) == 0 else { continue }
            out.append(Item(kind: "lessons_due", title: "\(p.code) \(p.name)",
                            detail: "the project has ended: record its lessons learned for the next projects",
                            href: "/lessons", record: Project.kindName, recordId: p.id.rawValue, due: nil, overdue: false))
        }
        return out
    }

    static func reports(for actor: Actor, today: CalendarDate, in session: any StoreSession) async throws -> [Item] {
        try await StatusReports.inboxItems(for: actor, today: today, in: session)
    }

    /// Submitted change requests, for whoever ChangeRequestWorkflow would let approve them under the portfolio's
    /// mode and thresholds. Deferred ones wait for their author to resubmit or withdraw.
    static func changes(for actor: Actor, in session: any StoreSession) async throws -> [Item] {
        let open = try await session.list(ChangeRequest.self, ListQuery()).filter { $0.status == .submitted || $0.status == .deferred }
        var out: [Item] = []
        var projects: [Project.ID: Project] = [:]
        var portfolios: [Portfolio.ID: Portfolio] = [:]
        for cr in open {
            if projects[cr.projectId] == nil { projects[cr.projectId] = try await session.get(Project.self, cr.projectId) }
            guard let project = projects[cr.projectId] else { continue }
            let href = "/change-requests/\(cr.id)"
            if cr.status == .deferred {
                guard cr.authorId == actor.userId else { continue }
                out.append(Item(kind: "change_deferred", title: "\(project.code): \(cr.title)",
                                detail: "deferred: \(cr.reason ?? "no reason given"); resubmit or withdraw it", href: href,
                                record: ChangeRequest.kindName, recordId: cr.id.rawValue, due: nil, overdue: false))
                continue
            }
            if portfolios[project.portfolioId] == nil { portfolios[project.portfolioId] = try await session.get(Portfolio.self, project.portfolioId) }
            guard let portfolio = portfolios[project.portfolioId] else { continue }
            // Waiting for this user when the workflow would accept their approval.
            guard case .success = ChangeRequestWorkflow.decide(
                .approve(baselineName: nil), on: ChangeControl.state(cr),
                by: ChangeControl.actor(.user(actor), project: project, portfolio: portfolio), in: ChangeControl.context(portfolio))
            else { continue }
            let why = cr.requiredApprover == .pmo ? "needs the PMO's approval" + (cr.requiredApproverReason.map { ": \($0)" } ?? "")
                : "your project's change request waits for approval"
            out.append(Item(kind: "change_approval", title: "\(project.code): \(cr.title)", detail: why, href: href,
                            record: ChangeRequest.kindName, recordId: cr.id.rawValue, due: nil, overdue: false))
        }
        return out
    }
}
