public import GantryModel
import GantryInterchange
import GantryGovernance

/// Status reports with RAG: starting a project's report for a period (with the suggestion filled in), the
/// workflow's actions (the author submits; the PMO accepts or returns with a comment), the reports that are late,
/// and the executive portfolio report. Each action runs `StatusReportWorkflow` in one transaction with its audit
/// line; a refusal is a 4xx that says why and changes nothing.
///
/// Review is the PMO's in every governance mode (DESIGN.md: "status reports that PMs submit and the PMO
/// reviews"); the portfolio's owner reads the reports and the portfolio report. What the mode changes is whether
/// a late report is flagged: only in controlling and directive portfolios (`ReportingSchedule.check`).
public struct StatusReports: Sendable {
    let store: any Store
    let clock: any Clock
    let catalog: Catalog

    /// Days after a period's end before its report is late.
    public static let graceDays = 5

    public init(store: any Store, clock: any Clock) {
        self.store = store
        self.clock = clock
        catalog = Catalog(store: store, clock: clock)
    }

    // MARK: writing

    /// Starts the project's report for the period that holds `day` (today's period by default), with the
    /// suggestion computed from the project's numbers and every suggested colour taken as the rating.
    public func start(_ projectId: Project.ID, periodContaining day: CalendarDate? = nil, actualCostMinor: Int64? = nil,
                      _ caller: Caller) async throws -> StatusReport {
        let now = clock.now()
        try await store.read { session in
            guard try await session.get(Project.self, projectId) != nil else { throw ServiceError.notFound(Project.self, projectId) }
        }
        return try await catalog.create(StatusReport(projectId: projectId, periodStart: day ?? now.date,
                                                     actualCostMinor: actualCostMinor, createdAt: now, updatedAt: now), caller)
    }

    /// The author (or the project's manager) submits the report for review: every dimension must be rated and
    /// every override commented. A returned report is revised and submitted again in one step.
    public func submit(_ id: StatusReport.ID, _ caller: Caller) async throws -> StatusReport {
        try await transition(id, .submit, caller)
    }

    /// A PMO role accepts a submitted report; the project's health becomes the report's overall rating.
    public func accept(_ id: StatusReport.ID, _ caller: Caller) async throws -> StatusReport {
        try await transition(id, .accept, caller)
    }

    /// A PMO role returns a submitted report to its author, with a comment that says what to change.
    public func `return`(_ id: StatusReport.ID, comment: String, _ caller: Caller) async throws -> StatusReport {
        try await transition(id, .return(comment: comment), caller)
    }

    func transition(_ id: StatusReport.ID, _ command: StatusReportWorkflow.Command, _ caller: Caller) async throws -> StatusReport {
        let now = clock.now()
        return try await store.write { session in
            guard let current = try await session.get(StatusReport.self, id) else { throw ServiceError.notFound(StatusReport.self, id) }
            guard let project = try await session.get(Project.self, current.projectId) else {
                throw ServiceError.notFound(Project.self, current.projectId)
            }
            let portfolio = try await session.get(Portfolio.self, project.portfolioId)
            let actor = Self.actor(caller, authorId: current.authorId, project: project, portfolio: portfolio)
            var state = current.workflowState
            var report = current
            let verb: String
            var note: String?
            switch command {
            case .submit:
                verb = "submit"
                if state.status == .returned { state = try Self.decide(.revise, on: state, by: actor) }
                _ = try Self.decide(.submit, on: state, by: actor)  // who and from where, before what is missing
                for d in StatusReportDimension.allCases {
                    let comment = current.comment(d)
                    state = try Self.decide(.rate(.init(d), current.value(d), comment: comment), on: state, by: actor, dimension: d)
                }
                state = try Self.decide(.submit, on: state, by: actor)
                report.submittedAt = now
            case .accept:
                verb = "accept"
                state = try Self.decide(.accept, on: state, by: actor)
                report.reviewedBy = caller.userId
                report.reviewedAt = now
            case .return(let comment):
                verb = "return"
                let text = comment.trimmingCharacters(in: " \t\r\n")
                if text.count > 2_000 {
                    throw ServiceError.invalid(field: "comment", "comment must be at most 2000 characters (it has \(text.count))")
                }
                state = try Self.decide(.return(comment: text), on: state, by: actor, field: "comment")
                report.returnComment = text
                report.reviewedBy = caller.userId
                report.reviewedAt = now
                note = text
            case .rate, .revise:
                throw ServiceError(.badRequest, "ratings are changed by an update of the report")
            }
            report.status = StatusReportStatus(state.status)
            report.updatedAt = now
            guard let saved = try await session.update(report, expectedVersion: current.version) else {
                throw ServiceError(.versionMismatch, "status report \(id) was changed by someone else meanwhile; reload it and try again")
            }
            try await Audit.record(.update, saved, before: current, after: saved, by: caller, at: now, in: session)
            let summary = "status report \(id) \(verb): \(current.status.rawValue) → \(saved.status.rawValue)"
                + (note.map { " (\($0))" } ?? "")
            try await Audit.note(.transition, kind: StatusReport.kindName, id: id.rawValue, summary, by: caller, at: now, in: session)
            if verb == "accept", saved.overall != .unknown, project.health != saved.overall {
                var healthier = project
                healthier.health = saved.overall
                healthier.updatedAt = now
                guard let updated = try await session.update(healthier, expectedVersion: project.version) else {
                    throw ServiceError(.versionMismatch, "project \(project.id) was changed meanwhile; accept the report again")
                }
                try await Audit.record(.update, updated, before: project, after: updated, by: caller, at: now, in: session)
            }
            return saved
        }
    }

    /// Who acts, as the workflow sees them: their role and how they stand to the project. The system (the CLI,
    /// the demo loader) acts for the report's author.
    static func actor(_ caller: Caller, authorId: User.ID, project: Project, portfolio: Portfolio?) -> WorkflowActor {
        guard case .user(let a) = caller else {
            return WorkflowActor(userId: authorId, role: .admin, relations: [.projectManager])
        }
        var relations: Set<ProjectRelation> = []
        if project.managerId == a.userId { relations.insert(.projectManager) }
        if let owner = portfolio?.ownerId, owner == a.userId { relations.insert(.portfolioOwner) }
        return WorkflowActor(a, relations: relations)
    }

    /// The workflow's decision, or its refusal as the service error an edge shows: 409 for a step that does not
    /// apply in the report's state, 403 for who may not, 422 naming the field for a missing comment or rating.
    static func decide(_ command: StatusReportWorkflow.Command, on state: StatusReportWorkflow.State, by actor: WorkflowActor,
                       dimension: StatusReportDimension? = nil, field: String? = nil) throws -> StatusReportWorkflow.State {
        switch StatusReportWorkflow.decide(command, on: state, by: actor) {
        case .success(let transition):
            return transition.state
        case .failure(let refusal):
            if refusal.code == .outOfRange, let d = dimension?.rawValue {
                throw ServiceError.invalid(field: d, "\(d) is not rated: rate it green, amber or red before submitting")
            }
            throw refusal.serviceError(field: field ?? dimension.map { "\($0.rawValue)_comment" } ?? "body")
        }
    }

    // MARK: reading

    /// A project's reports, the latest period first.
    public func history(_ projectId: Project.ID, _ caller: Caller) async throws -> [StatusReport] {
        try await catalog.all(StatusReport.self, caller, ["project_id": .int(projectId.rawValue)])
            .sorted { $0.periodStart > $1.periodStart }
    }

    /// The projects whose report for the last period is missing or not submitted after its grace days, in
    /// controlling and directive portfolios (in a supportive one reports are advice and nothing is flagged), with
    /// how late. Only active projects report; their periods count from the one that holds their start.
    public func overdue(portfolio: Portfolio.ID? = nil, _ caller: Caller) async throws -> [OverdueReport] {
        let today = clock.now().date
        for subject in [Portfolio.listSubject, Project.listSubject, StatusReport.listSubject] { try caller.require(.view, subject) }
        return try await store.read { try await Self.overdue(in: $0, today: today, portfolio: portfolio) }
    }

    static func overdue(in session: any StoreSession, today: CalendarDate, portfolio: Portfolio.ID? = nil) async throws
        -> [OverdueReport]
    {
        let portfolios = try await session.list(Portfolio.self, ListQuery(filters: portfolio.map { ["id": .int($0.rawValue)] } ?? [:]))
        var filters: [String: FilterValue] = ["state": .text(LifecycleState.active.rawValue)]
        if let portfolio { filters["portfolio_id"] = .int(portfolio.rawValue) }
        let projects = try await session.list(Project.self, ListQuery(filters: filters))
        let reports = Dictionary(grouping: try await session.list(StatusReport.self, ListQuery()), by: \.projectId)
        let modes = Dictionary(uniqueKeysWithValues: portfolios.map { ($0.id, $0.governanceMode) })
        return projects.compactMap { project -> OverdueReport? in
            guard let mode = modes[project.portfolioId] else { return nil }
            let schedule = ReportingSchedule.aligned(project.reportCadence.workflow,
                                                     from: project.startDate ?? project.createdAt.date, graceDays: Self.graceDays)
            let own = reports[project.id] ?? []
            let covered = own.filter { $0.status == .submitted || $0.status == .accepted }.map(\.periodEnd).max()
            let check = schedule.check(lastCoveredPeriodEnd: covered, today: today, mode: mode)
            guard case .overdue(let end, let due, let late, let missed) = check.due,
                  check.effects.contains(where: { if case .flagOverdueReport = $0 { true } else { false } })
            else { return nil }
            let start = schedule.period(containing: end.adding(days: -1)).start
            let report = own.first { $0.periodStart == start }
            return OverdueReport(projectId: project.id, projectCode: project.code, projectName: project.name,
                                 portfolioId: project.portfolioId, governanceMode: mode, managerId: project.managerId,
                                 cadence: project.reportCadence, periodStart: start, periodEnd: end, dueOn: due,
                                 daysLate: late, missedPeriods: missed, reportId: report?.id, reportStatus: report?.status)
        }.sorted { ($0.daysLate, $0.projectCode) > ($1.daysLate, $1.projectCode) }
    }

    /// How far ahead the portfolio report looks for gates coming up.
    public static let gateHorizonDays = 30
    /// How many risks the portfolio report shows.
    public static let topRiskCount = 10

    /// The executive report of a portfolio: its projects by health (the overall rating of the latest submitted or
    /// accepted report, else the project's health), the trend since the report before, the escalations, the
    /// reports that are late, the top open risks by score, and the gates of the projects' current phases that wait
    /// for a decision (their date has come, or they are on hold or recycled) or come up within `gateHorizonDays`.
    /// Closed and cancelled projects are left out.
    public func portfolioReport(_ id: Portfolio.ID, _ caller: Caller) async throws -> PortfolioReport {
        let portfolio = try await catalog.get(Portfolio.self, id, caller)
        let projects = try await catalog.all(Project.self, caller, ["portfolio_id": .int(id.rawValue)])
            .filter { $0.state != .closed && $0.state != .cancelled }
        let overdue = try await self.overdue(portfolio: id, caller)
        let late = Dictionary(overdue.map { ($0.projectId, $0) }, uniquingKeysWith: { a, _ in a })
        let users = try await store.read { try await $0.list(User.self, ListQuery()) }
        let names = Dictionary(uniqueKeysWithValues: users.map { ($0.id, $0.displayName) })
        let today = clock.now().date
        let open = Set(projects.map(\.id))
        let current = Dictionary(
            try await catalog.all(ProjectPhase.self, caller, ["status": .text(PhaseStatus.active.rawValue)])
                .filter { open.contains($0.projectId) && $0.gateStatus.isPending }.map { ($0.projectId, $0) },
            uniquingKeysWith: { a, b in a.position <= b.position ? a : b })
        let risks = try await catalog.all(Risk.self, caller, ["status": .text(RiskStatus.open.rawValue)])
            .filter { open.contains($0.projectId) }
        let highRisks = Dictionary(grouping: risks.filter { $0.level == .high }, by: \.projectId).mapValues(\.count)
        var lines: [PortfolioReport.Line] = []
        for project in projects {
            let reported = try await history(project.id, caller).filter { $0.status == .submitted || $0.status == .accepted }
            let latest = reported.first, previous = reported.dropFirst().first
            let health = latest?.overall ?? project.health
            var trend: PortfolioReport.Trend?
            if let latest, let previous, latest.overall != .unknown, previous.overall != .unknown {
                let (now, then) = (Self.rank(latest.overall), Self.rank(previous.overall))
                trend = now < then ? .better : now > then ? .worse : .same
            }
            lines.append(PortfolioReport.Line(
                projectId: project.id, code: project.code, name: project.name, state: project.state,
                manager: project.managerId.flatMap { names[$0] }, health: health,
                healthSource: latest == nil ? "project" : "report", reportId: latest?.id, periodStart: latest?.periodStart,
                periodEnd: latest?.periodEnd, reportStatus: latest?.status, previousHealth: previous?.overall, trend: trend,
                escalations: latest?.escalations.trimmingCharacters(in: " \t\r\n") ?? "",
                daysLate: late[project.id]?.daysLate, openHighRisks: highRisks[project.id] ?? 0,
                gate: current[project.id].map(\.gateName),
                gateDate: current[project.id]?.gateDate, gateStatus: current[project.id]?.gateStatus))
        }
        var waiting: [PortfolioReport.Gate] = [], comingUp: [PortfolioReport.Gate] = []
        for project in projects {
            guard let phase = current[project.id] else { continue }
            let gate = PortfolioReport.Gate(
                projectId: project.id, code: project.code, name: project.name, phaseId: phase.id, phase: phase.name,
                gateName: phase.gateName, gateDate: phase.gateDate, gateStatus: phase.gateStatus,
                unmetMustMeets: phase.unmetMustMeets.count,
                daysOverdue: phase.gateDate.flatMap { $0 < today ? today.daysSinceEpoch - $0.daysSinceEpoch : nil })
            if phase.gateStatus != .open || phase.gateDate.map({ $0 <= today }) == true {
                waiting.append(gate)
            } else if let date = phase.gateDate, date <= today.adding(days: Self.gateHorizonDays) {
                comingUp.append(gate)
            }
        }
        let codes = Dictionary(uniqueKeysWithValues: projects.map { ($0.id, $0) })
        let topRisks = risks.sorted {
            ($0.score, -($0.dueDate?.daysSinceEpoch ?? Int.max), -$0.id.rawValue) > ($1.score, -($1.dueDate?.daysSinceEpoch ?? Int.max), -$1.id.rawValue)
        }.prefix(Self.topRiskCount).map { r in
            PortfolioReport.TopRisk(riskId: r.id, projectId: r.projectId, code: codes[r.projectId]?.code ?? "",
                                    project: codes[r.projectId]?.name ?? "", title: r.title, probability: r.probability,
                                    impact: r.impact, score: r.score, level: r.level, owner: r.ownerId.flatMap { names[$0] },
                                    responseStrategy: r.responseStrategy, dueDate: r.dueDate)
        }
        let byDate = { (a: PortfolioReport.Gate, b: PortfolioReport.Gate) in
            (a.gateDate?.daysSinceEpoch ?? Int.max, a.code) < (b.gateDate?.daysSinceEpoch ?? Int.max, b.code)
        }
        lines.sort { Self.rank($0.health) != Self.rank($1.health) ? Self.rank($0.health) > Self.rank($1.health) : $0.code < $1.code }
        var counts: [String: Int] = [:]
        for line in lines { counts[line.health.rawValue, default: 0] += 1 }
        return PortfolioReport(
            portfolioId: portfolio.id, code: portfolio.code, name: portfolio.name, governanceMode: portfolio.governanceMode,
            asOf: today, healthCounts: counts, projects: lines,
            escalations: lines.filter { !$0.escalations.isEmpty }.map {
                PortfolioReport.Escalation(projectId: $0.projectId, code: $0.code, name: $0.name, reportId: $0.reportId,
                                           text: $0.escalations)
            },
            overdue: overdue, topRisks: Array(topRisks), gatesWaiting: waiting.sorted(by: byDate),
            gatesComingUp: comingUp.sorted(by: byDate))
    }

    /// The portfolio report as CSV, one line per project.
    public static func csv(_ report: PortfolioReport) -> String {
        var out = CSVWriter.line(["code", "project", "state", "manager", "health", "health_source", "period_start", "period_end",
                            "report_status", "previous_health", "trend", "escalations", "days_late", "open_high_risks",
                            "gate", "gate_date", "gate_status"])
        for l in report.projects {
            out += CSVWriter.line([l.code, l.name, l.state.rawValue, l.manager ?? "", l.health.rawValue, l.healthSource,
                             l.periodStart?.description ?? "", l.periodEnd.map { $0.adding(days: -1).description } ?? "",
                             l.reportStatus?.rawValue ?? "", l.previousHealth?.rawValue ?? "", l.trend?.rawValue ?? "",
                             l.escalations, l.daysLate.map(String.init) ?? "", String(l.openHighRisks), l.gate ?? "",
                             l.gateDate?.description ?? "",
                             l.gateStatus?.rawValue ?? ""])
        }
        return out
    }

    /// Worse is larger: unknown < green < amber < red.
    static func rank(_ health: Health) -> Int {
        switch health {
        case .unknown: 0
        case .green: 1
        case .amber: 2
        case .red: 3
        }
    }
}

/// A project whose status report is late: the period it is for, when it was due, how many days late it is, how
/// many reports are late in all, and the report for that period if one was started (a draft or returned).
public struct OverdueReport: Sendable, Hashable, Codable {
    public var projectId: Project.ID
    public var projectCode: String
    public var projectName: String
    public var portfolioId: Portfolio.ID
    public var governanceMode: GovernanceMode
    public var managerId: User.ID?
    public var cadence: ReportCadence
    public var periodStart: CalendarDate
    /// The first day after the period (exclusive).
    public var periodEnd: CalendarDate
    public var dueOn: CalendarDate
    public var daysLate: Int
    public var missedPeriods: Int
    public var reportId: StatusReport.ID?
    public var reportStatus: StatusReportStatus?
}

/// The executive report of a portfolio (see `StatusReports.portfolioReport`).
public struct PortfolioReport: Sendable, Codable {
    public enum Trend: String, Sendable, Codable, CaseIterable { case better, same, worse }

    public struct Line: Sendable, Codable {
        public var projectId: Project.ID
        public var code: String
        public var name: String
        public var state: LifecycleState
        public var manager: String?
        public var health: Health
        /// `report` when the health is the latest submitted or accepted report's overall rating, `project` otherwise.
        public var healthSource: String
        public var reportId: StatusReport.ID?
        public var periodStart: CalendarDate?
        /// The first day after the reported period (exclusive).
        public var periodEnd: CalendarDate?
        public var reportStatus: StatusReportStatus?
        /// The overall rating of the report before the latest, when there is one.
        public var previousHealth: Health?
        /// Since the report before: better, same or worse; absent without two rated reports.
        public var trend: Trend?
        public var escalations: String
        /// How late the project's report is, in days, when it is late.
        public var daysLate: Int?
        /// The project's open risks of level high.
        public var openHighRisks: Int
        /// The gate that ends the project's current phase, when it waits for a decision.
        public var gate: String?
        public var gateDate: CalendarDate?
        public var gateStatus: GateStatus?
    }

    /// One of the portfolio's open risks with the highest scores.
    public struct TopRisk: Sendable, Codable {
        public var riskId: Risk.ID
        public var projectId: Project.ID
        public var code: String
        public var project: String
        public var title: String
        public var probability: Int
        public var impact: Int
        /// probability × impact, 1–25.
        public var score: Int
        public var level: RiskLevel
        public var owner: String?
        public var responseStrategy: RiskResponse
        public var dueDate: CalendarDate?
    }

    /// The gate of a project's current phase.
    public struct Gate: Sendable, Codable {
        public var projectId: Project.ID
        public var code: String
        public var name: String
        public var phaseId: ProjectPhase.ID
        public var phase: String
        public var gateName: String
        public var gateDate: CalendarDate?
        public var gateStatus: GateStatus
        /// Must-meet criteria not met yet.
        public var unmetMustMeets: Int
        /// Days since the gate's date, when it has passed.
        public var daysOverdue: Int?
    }

    public struct Escalation: Sendable, Codable {
        public var projectId: Project.ID
        public var code: String
        public var name: String
        public var reportId: StatusReport.ID?
        public var text: String
    }

    public var portfolioId: Portfolio.ID
    public var code: String
    public var name: String
    public var governanceMode: GovernanceMode
    public var asOf: CalendarDate
    public var healthCounts: [String: Int]
    /// Red first, then amber, green and unknown; by code within a colour.
    public var projects: [Line]
    public var escalations: [Escalation]
    public var overdue: [OverdueReport]
    /// The open risks with the highest scores (then the earliest due), at most `StatusReports.topRiskCount`.
    public var topRisks: [TopRisk]
    /// Current phases' gates whose date has come, or that are on hold or recycled; the earliest first.
    public var gatesWaiting: [Gate]
    /// Current phases' gates dated within `StatusReports.gateHorizonDays`; the earliest first.
    public var gatesComingUp: [Gate]
}

extension StatusReports {
    /// What waits for `actor` in the inbox (`Inbox`): for the PMO, submitted reports to review; for a report's
    /// author and its project's manager, returned reports to rework; for the project's manager and the PMO, reports
    /// that are late in controlling and directive portfolios (`ReportingSchedule.check` tells both).
    static func inboxItems(for actor: Actor, today: CalendarDate, in session: any StoreSession) async throws -> [Inbox.Item] {
        let pmo = WorkflowActor(actor).isPMO
        var out: [Inbox.Item] = []
        var projects: [Project.ID: Project] = [:]
        func project(_ id: Project.ID) async throws -> Project? {
            if projects[id] == nil { projects[id] = try await session.get(Project.self, id) }
            return projects[id]
        }
        for status in [StatusReportStatus.submitted, .returned] {
            for r in try await session.list(StatusReport.self, ListQuery(filters: ["status": .text(status.rawValue)])) {
                guard let p = try await project(r.projectId) else { continue }
                let title = "\(p.code) status report \(r.periodStart) – \(r.periodEnd.adding(days: -1))"
                if status == .submitted, pmo {
                    out.append(Inbox.Item(kind: "report_review", title: title, detail: "submitted: accept it, or return it with a comment",
                                          href: "/status-reports/\(r.id)", record: StatusReport.kindName, recordId: r.id.rawValue,
                                          due: nil, overdue: false))
                } else if status == .returned, r.authorId == actor.userId || p.managerId == actor.userId {
                    out.append(Inbox.Item(kind: "report_returned", title: title,
                                          detail: "returned by the PMO: \(r.returnComment ?? "no comment"); change it and submit it again",
                                          href: "/status-reports/\(r.id)", record: StatusReport.kindName, recordId: r.id.rawValue,
                                          due: nil, overdue: false))
                }
            }
        }
        for o in try await overdue(in: session, today: today) where pmo || o.managerId == actor.userId {
            let period = "\(o.periodStart) – \(o.periodEnd.adding(days: -1))"
            out.append(Inbox.Item(kind: "report_due", title: "\(o.projectCode) status report \(period)",
                                  detail: "due on \(o.dueOn), \(o.daysLate) \(o.daysLate == 1 ? "day" : "days") late"
                                      + (o.missedPeriods > 1 ? " (\(o.missedPeriods) reports late in all)" : ""),
                                  href: o.reportId.map { "/status-reports/\($0)" } ?? "/projects/\(o.projectId)/reports",
                                  record: o.reportId == nil ? Project.kindName : StatusReport.kindName,
                                  recordId: o.reportId?.rawValue ?? o.projectId.rawValue, due: o.dueOn, overdue: true))
        }
        return out
    }
}
