public import GantryModel
public import GantryGovernance
import GantryAnalytics
import GantryScheduling

/// Status reports belong to a project: its manager, the portfolio's owner and the PMO may start them (the one who
/// starts a report is its author), everyone reads them. The ratings, texts and actual cost are edited through
/// plain updates while the report is a draft or returned, by its author or the project's manager, following
/// `StatusReportWorkflow`'s `rate` rule (an override of the suggested colour needs a comment); each update
/// recomputes the suggestion from the project's numbers. The status changes only through the actions in
/// `StatusReports` (submit, accept, return). Once submitted, a report is history: it is not edited or deleted.
extension StatusReport: ManagedEntity {
    public static func subject(of r: StatusReport, in session: any StoreSession) async throws -> Subject {
        try await scheduleSubject(r.projectId, in: session)
    }
    public static let listSubject = Subject.schedule(portfolioOwnerId: nil, managerId: nil)
    public static let filters: [String: FilterKind] = [
        "project_id": .reference, "author_id": .reference,
        "status": .oneOf(StatusReportStatus.allCases.map(\.rawValue)), "overall": .oneOf(Health.allCases.map(\.rawValue)),
    ]

    /// The fields Gantry sets (from the project's numbers, the author and the review), never a plain update.
    static let derivedFields: [String] = ["project_id", "period_start", "period_end", "status", "author_id",
        "overall_suggested", "schedule_suggested", "cost_suggested", "scope_suggested", "risk_suggested",
        "status_date", "value_basis", "currency", "budget_at_completion", "planned_value", "earned_value", "spi",
        "cpi", "overdue_milestones", "open_high_risks", "suggestion_reasons", "return_comment", "submitted_at",
        "reviewed_by", "reviewed_at"]

    /// A plain update changes what the author writes, never the status, the period or the numbers; and only while
    /// the report is a draft or returned.
    public static func authorize(change r: StatusReport, from existing: StatusReport, by caller: Caller) throws {
        guard case .object(let new) = try JSONValueEncoder().encode(r),
              case .object(let old) = try JSONValueEncoder().encode(existing) else { return }
        var problems: [FieldProblem] = []
        for field in derivedFields where new[field] != old[field] {
            let message = switch field {
            case "status": "status changes only through the report's actions (submit, accept, return), not by an update"
            case "project_id", "period_start", "period_end": "a status report stays with its project and period; \(field) cannot change"
            default: "\(field) is set by Gantry (from the project's numbers, the author and the review) and cannot be written"
            }
            problems.append(FieldProblem(field: field, message: message))
        }
        if !problems.isEmpty { throw ServiceError.invalid(problems) }
        switch existing.status {
        case .submitted:
            throw ServiceError(.conflict, "status report \(existing.id) is submitted and waits for the PMO's review; "
                + "it can be changed again only if the PMO returns it")
        case .accepted:
            throw ServiceError(.conflict, "status report \(existing.id) was accepted and is part of the project's history; it does not change")
        case .draft, .returned:
            break
        }
    }

    /// On create: the author is the caller, the period is the project's period that holds `period_start`, the
    /// report is a draft and the suggestion is filled in (each unrated dimension takes the suggested colour). On
    /// update: the suggestion is recomputed (a rating that followed the old suggestion follows the new one). Either
    /// way, every rating given goes through the workflow's `rate` rule for the caller.
    public static func prepare(_ r: inout StatusReport, existing: StatusReport?, by caller: Caller,
                               in session: any StoreSession) async throws {
        guard let project = try await session.get(Project.self, r.projectId) else {
            throw ServiceError.invalid(field: "project_id", "project_id: project \(r.projectId) does not exist")
        }
        let today = r.updatedAt.date  // the catalog stamps the record with its clock's time before preparing it
        if let existing {
            try await suggest(&r, project: project, today: today, in: session)
            for d in StatusReportDimension.allCases
            where r.value(d) == existing.value(d) && existing.value(d) == (existing.suggested(d) ?? .unknown) {
                r.setValue(d, r.suggested(d) ?? existing.value(d))
            }
        } else {
            if r.status != .draft {
                throw ServiceError.invalid(field: "status", "a status report starts as a draft; submit it with its submit action")
            }
            let day = r.periodStart
            let period = ReportingSchedule.aligned(project.reportCadence.workflow, from: day)
            if period.anchor > today {
                throw ServiceError.invalid(field: "period_start",
                    "the \(project.reportCadence.rawValue) period from \(period.anchor) has not begun yet (today is \(today)); "
                        + "a report covers the current period or an earlier one")
            }
            let ratings = StatusReportDimension.allCases.map { ($0, r.value($0), r.comment($0)) }
            let fresh = StatusReport(projectId: r.projectId, periodStart: period.anchor, periodEnd: period.periodStart(1),
                                     authorId: caller.userId ?? project.managerId ?? User.ID(0),
                                     accomplishments: r.accomplishments, nextSteps: r.nextSteps, escalations: r.escalations,
                                     actualCostMinor: r.actualCostMinor, createdAt: r.createdAt, updatedAt: r.updatedAt)
            r = fresh
            try await suggest(&r, project: project, today: today, in: session)
            for (d, value, comment) in ratings {
                r.setValue(d, value == .unknown ? r.suggested(d) ?? .unknown : value)
                r.setComment(d, comment)
            }
        }
        try await checkRatings(r, existing: existing, project: project, by: caller, in: session)
    }

    /// The workflow's `rate` rule for every rated dimension: only the author or the project's manager rate, and a
    /// colour other than the suggested one needs a comment. A returned report is revised (back to a draft) first.
    static func checkRatings(_ r: StatusReport, existing: StatusReport?, project: Project, by caller: Caller,
                             in session: any StoreSession) async throws {
        let portfolio = try await session.get(Portfolio.self, project.portfolioId)
        let actor = StatusReports.actor(caller, authorId: r.authorId, project: project, portfolio: portfolio)
        guard actor.userId == r.authorId || actor.managesProject else {
            throw ServiceError(.forbidden, "Not allowed: only the report's author or the project's manager may edit it.")
        }
        var state = r.workflowState
        state.status = existing.map { StatusReportWorkflow.Status($0.status) } ?? .draft
        if state.status == .returned { state = try StatusReports.decide(.revise, on: state, by: actor) }
        for d in StatusReportDimension.allCases where r.value(d) != .unknown {
            state = try StatusReports.decide(.rate(.init(d), r.value(d), comment: r.comment(d)), on: state, by: actor, dimension: d)
        }
    }

    public static func validate(_ r: StatusReport, existing: StatusReport?, in session: any StoreSession) async throws {
        var c = Checks()
        for (field, value) in [("accomplishments", r.accomplishments), ("next_steps", r.nextSteps), ("escalations", r.escalations)] {
            c.text(field, value, max: 10_000, required: false)
        }
        for d in StatusReportDimension.allCases {
            c.text("\(d.rawValue)_comment", r.comment(d), max: 2_000, required: false)
        }
        if let cost = r.actualCostMinor, cost < 0 {
            c.fail("actual_cost_minor", "actual_cost_minor is the cost so far in minor units (cents); it must not be negative")
        }
        try c.throwIfAny()
        let period = "\(r.periodStart) – \(r.periodEnd.adding(days: -1))"
        try await ensureUnique(r, ["project_id": .int(r.projectId.rawValue), "period_start": .text(r.periodStart.description)],
                               "project \(r.projectId) already has a status report for the period \(period); open that one",
                               in: session)
    }

    /// A draft may be thrown away; a report that was ever submitted is the project's history.
    public static func prepareDelete(_ r: StatusReport, in session: any StoreSession) async throws {
        if r.status != .draft {
            throw ServiceError(.conflict, "status report \(r.id) is \(r.status.rawValue) and part of the project's history; only a draft is deleted")
        }
    }

    /// Fills the numbers and the suggested colours from the project's activities at its status date (or `today`).
    ///
    /// When the project has earned value in money (`MoneyReports.compute`: a baseline with costs), BAC, PV, EV and
    /// the actual cost are its amounts in minor units of the project's currency (the actual cost from approved
    /// timesheet lines and expenses, replacing what was entered), and SPI = EV / PV, CPI = EV / AC.
    ///
    /// Otherwise PV and EV are weighted by the planned cost of the activities' assignments (cost rate × working
    /// hours × units) when every costed resource shares one currency; otherwise by the activities' working days,
    /// and then CPI is not available. Open high risks are the project's open risks of level high in its RAID log.
    static func suggest(_ r: inout StatusReport, project: Project, today: CalendarDate,
                        in session: any StoreSession) async throws {
        let filter: [String: FilterValue] = ["project_id": .int(project.id.rawValue)]
        let work = try await session.list(Activity.self, ListQuery(filters: filter)).filter { $0.kind != .summary }
        let statusDate = project.statusDate ?? today
        let overdueMilestones = work.filter {
            $0.kind == .milestone && $0.actualFinish == nil && $0.percentComplete < 100
                && ($0.plannedFinish.map { $0 < statusDate } ?? false)
        }.count
        let openHighRisks = try await session.count(Risk.self, [
            "project_id": .int(project.id.rawValue), "status": .text(RiskStatus.open.rawValue), "level": .text(RiskLevel.high.rawValue),
        ])
        let policy = try await session.get(Portfolio.self, project.portfolioId)?.ragPolicy ?? .default

        let suggestion: StatusSuggestion
        if let measured = try await MoneyReports.compute(project, asOf: statusDate, in: session).evm?.total,
           measured.budgetAtCompletion.minorUnits > 0 {
            suggestion = StatusSuggestion(StatusSuggestion.Input(
                measured: EarnedValue(budgetAtCompletion: Double(measured.budgetAtCompletion.minorUnits),
                                      plannedValue: Double(measured.plannedValue.minorUnits),
                                      earnedValue: Double(measured.earnedValue.minorUnits),
                                      actualCost: Double(measured.actualCost.minorUnits)),
                overdueMilestones: overdueMilestones, openHighRisks: openHighRisks), policy: policy)
            r.valueBasis = .cost
            r.currency = measured.currency.code
            r.actualCostMinor = measured.actualCost.minorUnits
        } else {
            let assignments = try await session.list(Assignment.self, ListQuery(filters: filter))
            var resources: [Resource.ID: Resource] = [:]
            for id in Set(assignments.map(\.resourceId)) { resources[id] = try await session.get(Resource.self, id) }
            let calendar = try await project.calendarId.asyncMap { try await session.get(WorkCalendar.self, $0) } ?? nil
            let working = WorkingDays(calendar: calendar ?? WorkCalendar(name: "", createdAt: r.createdAt, updatedAt: r.createdAt))

            let durations = Dictionary(work.map { ($0.id, $0.duration.minutes()) }, uniquingKeysWith: { a, _ in a })
            var costs: [Activity.ID: Double] = [:]
            var currencies: Set<String> = []
            for a in assignments {
                guard let resource = resources[a.resourceId], resource.costRateMinor > 0, let minutes = durations[a.activityId] else { continue }
                costs[a.activityId, default: 0] += Double(resource.costRateMinor) * minutes / 60 * a.units / 100
                currencies.insert(resource.currency)
            }
            let byCost = currencies.count == 1 && costs.values.contains { $0 > 0 }
            let items = work.map { a in
                ProgressItem(
                    weight: byCost ? costs[a.id] ?? 0 : a.duration.minutes() / 480,
                    plannedFraction: a.plannedStart.flatMap { s in a.plannedFinish.map { f in
                        ProgressItem.plannedFraction(start: s, finish: f, statusDate: statusDate, isWorking: working.isWorking)
                    } } ?? 0,
                    fractionComplete: a.actualFinish != nil ? 1 : a.percentComplete / 100)
            }
            suggestion = StatusSuggestion(StatusSuggestion.Input(
                items: items, weightsAreMoney: byCost, actualCost: r.actualCostMinor.map(Double.init),
                overdueMilestones: overdueMilestones, openHighRisks: openHighRisks), policy: policy)
            r.valueBasis = byCost ? .cost : .duration
            r.currency = byCost ? currencies.first ?? "" : ""
        }

        r.statusDate = statusDate
        r.budgetAtCompletion = suggestion.earnedValue.budgetAtCompletion
        r.plannedValue = suggestion.earnedValue.plannedValue
        r.earnedValue = suggestion.earnedValue.earnedValue
        r.spi = suggestion.schedulePerformanceIndex
        r.cpi = suggestion.costPerformanceIndex
        r.overdueMilestones = overdueMilestones
        r.openHighRisks = openHighRisks
        var reasons: [String: [String]] = [:]
        for (d, assessment) in [(StatusReportDimension.overall, suggestion.overall), (.schedule, suggestion.schedule),
                                (.cost, suggestion.cost), (.risk, suggestion.risk)] {
            r.setSuggested(d, assessment.status == .unknown ? nil : assessment.status)
            reasons[d.rawValue] = assessment.reasons.map(\.text)
        }
        r.setSuggested(.scope, nil)
        reasons[StatusReportDimension.scope.rawValue] = ["no numbers measure scope: the project's manager rates it"]
        r.suggestionReasons = reasons
    }
}

extension StatusReport {
    /// The report as the workflow sees it.
    var workflowState: StatusReportWorkflow.State {
        var suggested: [StatusReportWorkflow.Dimension: Health] = [:]
        var ratings: [StatusReportWorkflow.Dimension: StatusReportWorkflow.Rating] = [:]
        for d in StatusReportDimension.allCases {
            suggested[.init(d)] = self.suggested(d)
            if value(d) != .unknown {
                ratings[.init(d)] = StatusReportWorkflow.Rating(suggested: self.suggested(d), value: value(d),
                                                         comment: comment(d).isEmpty ? nil : comment(d))
            }
        }
        return StatusReportWorkflow.State(status: StatusReportWorkflow.Status(status), authorId: authorId,
                                          suggested: suggested, ratings: ratings, returnComment: returnComment)
    }
}

extension StatusReportWorkflow.Status {
    init(_ status: StatusReportStatus) {
        switch status {
        case .draft: self = .draft
        case .submitted: self = .submitted
        case .accepted: self = .accepted
        case .returned: self = .returned
        }
    }
}

extension StatusReportStatus {
    init(_ status: StatusReportWorkflow.Status) {
        switch status {
        case .draft: self = .draft
        case .submitted: self = .submitted
        case .accepted: self = .accepted
        case .returned: self = .returned
        }
    }
}

extension StatusReportWorkflow.Dimension {
    init(_ d: StatusReportDimension) {
        switch d {
        case .overall: self = .overall
        case .schedule: self = .schedule
        case .cost: self = .cost
        case .scope: self = .scope
        case .risk: self = .risk
        }
    }
}
