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
        /// `report_due`, `report_review`, `report_returned`, `change_approval`, `change_deferred`, `lessons_due`,
        /// `timesheet_missing`, `timesheet_rejected`, `team_timesheets_missing`, `approvals_waiting`.
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
            items += try await Self.time(for: actor, today: today, in: session)
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

    /// Time and money (issue #15):
    /// - the user's own timesheets: each of the last two complete weeks with no submitted hours while they had
    ///   assigned work, due the Monday after (late once it passed); rejected lines to correct;
    /// - for the managers who approve: the submitted time and expenses of each project waiting for them, and the
    ///   people assigned to their projects with last week's timesheet missing.
    static func time(for actor: Actor, today: CalendarDate, in session: any StoreSession) async throws -> [Item] {
        var out: [Item] = []
        let thisMonday = Timesheets.monday(of: today)
        let person = try await session.list(Resource.self, ListQuery(filters: ["user_id": .int(actor.userId.rawValue)]))
            .first { $0.kind == .person }
        func submittedWeeks(_ r: Resource.ID) async throws -> Set<CalendarDate> {
            let lines = try await session.list(TimesheetLine.self, ListQuery(filters: ["resource_id": .int(r.rawValue)]))
            return Set(lines.filter { !$0.state.isOpen && $0.totalMinutes > 0 }.map(\.weekStart))
        }
        if let person {
            let done = try await submittedWeeks(person.id)
            for back in [2, 1] {
                let week = thisMonday.adding(days: -7 * back)
                guard !done.contains(week), try await !Timesheets.bookable(person, weekStart: week, in: session).isEmpty else { continue }
                let due = week.adding(days: 7)
                out.append(Item(kind: "timesheet_missing", title: "Timesheet for the week of \(week)",
                                detail: "no hours submitted for that week yet", href: "/timesheets?week=\(week)",
                                record: Resource.kindName, recordId: person.id.rawValue, due: due, overdue: due < today))
            }
            let rejected = try await session.list(TimesheetLine.self, ListQuery(filters: [
                "resource_id": .int(person.id.rawValue), "state": .text(ApprovalState.rejected.rawValue)]))
            for week in Set(rejected.map(\.weekStart)).sorted() {
                let reasons = rejected.filter { $0.weekStart == week }.map(\.reason)
                out.append(Item(kind: "timesheet_rejected", title: "Timesheet for the week of \(week) came back",
                                detail: "rejected: \(reasons.joined(separator: "; ")); correct it and submit again",
                                href: "/timesheets?week=\(week)", record: Resource.kindName, recordId: person.id.rawValue,
                                due: nil, overdue: false))
            }
        }
        // A delegate sees what waits for the managers they stand in for today.
        let standsInFor = try await delegators(of: actor.userId, on: today, in: session)
        guard [.admin, .pmoDirector, .pmoAnalyst, .portfolioManager, .projectManager].contains(actor.role) || !standsInFor.isEmpty
        else { return out }
        let submitted: [String: FilterValue] = ["state": .text(ApprovalState.submitted.rawValue)]
        let lines = try await session.list(TimesheetLine.self, ListQuery(filters: submitted)).filter { $0.projectId != nil }
        let expenses = try await session.list(Expense.self, ListQuery(filters: submitted))
        var waiting: [Project.ID: (lines: Int, expenses: Int)] = [:]
        for l in lines { waiting[l.projectId!, default: (0, 0)].lines += 1 }
        for e in expenses { waiting[e.projectId, default: (0, 0)].expenses += 1 }
        for (projectId, n) in waiting.sorted(by: { $0.key < $1.key }) {
            guard let project = try await session.get(Project.self, projectId),
                  let portfolio = try await session.get(Portfolio.self, project.portfolioId),
                  CostApproval.decide(actor, portfolioOwnerId: portfolio.ownerId, managerId: project.managerId, bookedBy: nil,
                                      standsInFor: standsInFor).isAllowed,
                  isPMO(actor) || project.managerId == actor.userId || portfolio.ownerId == actor.userId || actor.role == .admin
                    || project.managerId.map(standsInFor.contains) == true || portfolio.ownerId.map(standsInFor.contains) == true
            else { continue }
            var parts: [String] = []
            if n.lines > 0 { parts.append("\(n.lines) timesheet line\(n.lines == 1 ? "" : "s")") }
            if n.expenses > 0 { parts.append("\(n.expenses) expense\(n.expenses == 1 ? "" : "s")") }
            out.append(Item(kind: "approvals_waiting", title: "\(project.code): time and expenses to approve",
                            detail: parts.joined(separator: " and ") + " wait for your decision", href: "/approvals",
                            record: Project.kindName, recordId: project.id.rawValue, due: nil, overdue: false))
        }
        // Last week's missing timesheets of the people working on the projects this user manages.
        let lastWeek = thisMonday.adding(days: -7)
        for project in try await session.list(Project.self, ListQuery(filters: ["manager_id": .int(actor.userId.rawValue)]))
        where project.state == .active {
            let assigned = Set(try await session.list(Assignment.self, ListQuery(filters: ["project_id": .int(project.id.rawValue)])).map(\.resourceId))
            var missing: [String] = []
            for rid in assigned.sorted() {
                guard let r = try await session.get(Resource.self, rid), r.kind == .person, r.userId != nil else { continue }
                guard try await !Timesheets.bookable(r, weekStart: lastWeek, in: session).filter({ $0.project.id == project.id }).isEmpty else { continue }
                if try await !submittedWeeks(rid).contains(lastWeek) { missing.append(r.name) }
            }
            if !missing.isEmpty {
                out.append(Item(kind: "team_timesheets_missing", title: "\(project.code): last week's timesheets missing",
                                detail: "no hours submitted for the week of \(lastWeek) by \(missing.joined(separator: ", "))",
                                href: "/projects/\(project.id)/money", record: Project.kindName, recordId: project.id.rawValue,
                                due: thisMonday, overdue: thisMonday < today))
            }
        }
        return out
    }
}
