import Foundation
import GantryModel
import GantryServices
import GantryStorage
import Testing

/// Status reports on a real store (SQLite and PostgreSQL): issue 4 ("Submit → PMO review (accept or return with
/// comment). History kept"; "a manual override needs a comment"; "status reports are due on the cadence and
/// overdue ones are flagged" in controlling mode) and DESIGN.md (the PMO reviews in every mode; only controlling
/// and directive portfolios flag late reports).
/// Serialized: each case makes a fresh database, and many at once exhaust a small PostgreSQL's lock table.
@Suite("Status reports", .serialized)
struct StatusReportServiceTests {
    static let now = Timestamp.at("2026-11-28T12:00:00.000Z")  // a Saturday; November's period is 11-01 to 12-01

    struct World {
        let store: SQLStore
        let reports: StatusReports
        let catalog: Catalog
        let audit: Audit
        let users: [String: User]
        let portfolio: Portfolio
        let project: Project

        func caller(_ name: String) -> Caller { .user(users[name]!) }
    }

    /// A portfolio in `mode` owned by "owner", one active project managed by "pm" since 2026-09-10 with three
    /// ten-day activities and two milestones (see `suggestion`), and one user per role.
    static func world(_ store: SQLStore, mode: GovernanceMode = .controlling, costed: Bool = false) async throws -> World {
        let clock = FixedClock(time: now)
        let catalog = Catalog(store: store, clock: clock)
        var users: [String: User] = [:]
        for (name, role) in [("pm", Role.projectManager), ("other", .projectManager), ("director", .pmoDirector),
                             ("analyst", .pmoAnalyst), ("owner", .portfolioManager), ("admin", .admin),
                             ("member", .teamMember), ("exec", .executive)] {
            users[name] = try await catalog.create(User(username: name, displayName: name.capitalized, role: role,
                                                        createdAt: now, updatedAt: now), .system)
        }
        let portfolio = try await catalog.create(Portfolio(code: "PF", name: "Portfolio", ownerId: users["owner"]!.id,
                                                           governanceMode: mode, createdAt: now, updatedAt: now), .system)
        let project = try await catalog.create(Project(
            portfolioId: portfolio.id, code: "P1", name: "Project one", managerId: users["pm"]!.id, state: .active,
            startDate: .at("2026-09-10"), createdAt: now, updatedAt: now), .system)
        func activity(_ code: String, _ kind: ActivityKind, _ days: Double, _ start: String, _ finish: String,
                      _ percent: Double) async throws -> Activity {
            try await catalog.create(Activity(projectId: project.id, code: code, name: code, kind: kind, duration: .days(days),
                                              percentComplete: percent, plannedStart: .at(start), plannedFinish: .at(finish),
                                              createdAt: now, updatedAt: now), .system)
        }
        let a = try await activity("A", .leaf, 10, "2026-11-02", "2026-11-13", 100)
        let b = try await activity("B", .leaf, 10, "2026-11-16", "2026-11-27", 50)
        _ = try await activity("C", .leaf, 10, "2026-11-30", "2026-12-11", 0)
        _ = try await activity("M1", .milestone, 0, "2026-11-20", "2026-11-20", 0)
        _ = try await activity("M2", .milestone, 0, "2026-12-15", "2026-12-15", 0)
        if costed {
            let dev = try await catalog.create(Resource(name: "Dev", costRateMinor: 10_000, currency: "EUR",
                                                        createdAt: now, updatedAt: now), .system)
            for act in [a, b] {
                _ = try await catalog.create(Assignment(projectId: project.id, activityId: act.id, resourceId: dev.id,
                                                        createdAt: now, updatedAt: now), .system)
            }
        }
        return World(store: store, reports: StatusReports(store: store, clock: clock), catalog: catalog,
                     audit: Audit(store: store), users: users, portfolio: portfolio, project: project)
    }

    /// Runs `body`, which must throw a service error with this code (and field, and words).
    static func refused(_ code: ServiceError.Code, field: String? = nil, mentions words: [String] = [],
                        sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> Void) async {
        do {
            try await body()
            Issue.record("expected a refusal (\(code))", sourceLocation: sourceLocation)
        } catch let error as ServiceError {
            #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
            if let field { #expect(error.problems.map(\.field).contains(field), "\(error)", sourceLocation: sourceLocation) }
            for word in words { #expect(error.message.contains(word), "\"\(error.message)\" mentions \(word)", sourceLocation: sourceLocation) }
        } catch {
            Issue.record("expected a service error, got \(error)", sourceLocation: sourceLocation)
        }
    }

    @Test("starting a report fills the period, the author and the RAG suggested from the project's numbers",
          arguments: Backend.available)
    func suggestion(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let w = try await Self.world(store)
            let r = try await w.reports.start(w.project.id, w.caller("pm"))
            #expect(r.status == .draft && r.authorId == w.users["pm"]!.id)
            #expect(r.periodStart == .at("2026-11-01") && r.periodEnd == .at("2026-12-01"))
            // At the end of 11-28, by working days: A planned and done (10 of 10), B planned (10) and half done,
            // C not planned yet: PV 20, EV 15, SPI 0.75; milestone M1 (11-20) is overdue.
            #expect(r.statusDate == .at("2026-11-28") && r.valueBasis == .duration)
            #expect(r.budgetAtCompletion == 30 && r.plannedValue == 20 && r.earnedValue == 15)
            #expect(r.spi == 0.75 && r.cpi == nil)
            #expect(r.overdueMilestones == 1 && r.openHighRisks == 0)
            #expect(r.scheduleSuggested == .red && r.costSuggested == nil && r.riskSuggested == .green)
            #expect(r.scopeSuggested == nil && r.overallSuggested == .red)
            // Each rating starts at its suggestion; what has none (cost, scope) is not rated yet.
            #expect(r.schedule == .red && r.overall == .red && r.risk == .green && r.cost == .unknown && r.scope == .unknown)
            #expect(r.suggestionReasons["schedule"] == ["SPI 0.75 below 0.85 → red", "overdue milestones 1 at or above 1, below 3 → amber"])
            #expect(r.suggestionReasons["cost"] == ["CPI not available: the plan has no costed assignments"])

            // The history keeps what was known then: the stored numbers are read back as they were.
            let stored = try await w.catalog.get(StatusReport.self, r.id, w.caller("exec"))
            #expect(stored == r)
        }
    }

    @Test("with a costed plan PV and EV are money, and the actual cost the manager enters makes CPI",
          arguments: Backend.available)
    func costBasis(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let w = try await Self.world(store, costed: true)
            let r = try await w.reports.start(w.project.id, w.caller("pm"))
            // A and B each 10 days × 8 h × 100.00 EUR: BAC 16,000.00; PV 16,000.00; EV 8,000.00 + 4,000.00.
            #expect(r.valueBasis == .cost && r.currency == "EUR")
            #expect(r.budgetAtCompletion == 1_600_000 && r.plannedValue == 1_600_000 && r.earnedValue == 1_200_000)
            #expect(r.spi == 0.75 && r.cpi == nil && r.cost == .unknown)
            let withCost = try await w.catalog.update(StatusReport.self, r.id, w.caller("pm")) { $0.actualCostMinor = 1_500_000 }
            #expect(withCost.cpi == 0.8)
            // The cost rating had no suggestion; it now follows the one the numbers give.
            #expect(withCost.costSuggested == .red && withCost.cost == .red)
        }
    }

    @Test("with a baseline the numbers are the project's earned value: approving a timesheet line changes the next report's CPI",
          arguments: Backend.available)
    func earnedValueFromTimesheets(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let w = try await Self.world(store, costed: true)
            let pm = w.caller("pm")
            // The plan saved as the performance baseline: A (11-02 to 11-13) and B (11-16 to 11-27), each 10 working
            // days × 8 h × 100.00 EUR (Dev's cost rate), C and the milestones nothing. At the end of 11-28:
            // BAC = PV = 16,000.00; EV = 8,000.00 × 100 % + 8,000.00 × 50 % = 12,000.00; SPI = 12,000 / 16,000 = 0.75.
            let baseline = try await w.catalog.create(Baseline(projectId: w.project.id, name: "Plan", createdAt: Self.now,
                                                               updatedAt: Self.now), pm)
            #expect(baseline.performance)
            let sheets = Timesheets(store: store, clock: FixedClock(time: Self.now))
            let dev = try #require(try await w.catalog.all(Resource.self, .system, [:]).first { $0.name == "Dev" })
            let activities = try await w.catalog.all(Activity.self, .system, ["project_id": .int(w.project.id.rawValue)])
            let a = try #require(activities.first { $0.code == "A" }), b = try #require(activities.first { $0.code == "B" })
            // Dev's week on one activity, `hours` a day Monday to Friday, entered and submitted by the PMO.
            func book(_ week: String, _ activity: Activity, hours: Int) async throws -> [TimesheetLine.ID] {
                let minutes = Array(repeating: hours * 60, count: 5) + [0, 0]
                try await sheets.save(dev.id, week: .at(week), rows: [.init(projectId: w.project.id, activityId: activity.id,
                                                                            minutes: minutes)], w.caller("analyst"))
                try await sheets.submit(dev.id, week: .at(week), w.caller("analyst"))
                return try await w.catalog.all(TimesheetLine.self, .system, ["resource_id": .int(dev.id.rawValue),
                                                                             "week_start": .text(week)]).map(\.id)
            }

            // Two weeks of 40 h on A approved: AC = 80 h × 100.00 = 8,000.00, so CPI = 12,000 / 8,000 = 1.5.
            try await sheets.decide(lines: try await book("2026-11-02", a, hours: 8) + book("2026-11-09", a, hours: 8), .approve, pm)
            let october = try await w.reports.start(w.project.id, periodContaining: .at("2026-10-15"), pm)
            #expect(october.valueBasis == .cost && october.currency == "EUR")
            #expect(october.budgetAtCompletion == 1_600_000 && october.plannedValue == 1_600_000 && october.earnedValue == 1_200_000)
            #expect(october.actualCostMinor == 800_000)
            #expect(october.spi == 0.75 && october.cpi == 1.5)
            #expect(october.costSuggested == .green && october.scheduleSuggested == .red)

            // A week of 50 h on B submitted changes nothing until it is approved: then AC = 8,000.00 + 50 h × 100.00
            // = 13,000.00 and CPI = 12,000 / 13,000 = 0.923077, amber (0.85 to 0.95).
            let week3 = try await book("2026-11-16", b, hours: 10)
            let pending = try await w.catalog.update(StatusReport.self, october.id, pm) { $0.accomplishments = "Design done" }
            #expect(pending.actualCostMinor == 800_000 && pending.cpi == 1.5)
            try await sheets.decide(lines: week3, .approve, pm)
            let november = try await w.reports.start(w.project.id, pm)
            #expect(november.actualCostMinor == 1_300_000 && november.earnedValue == 1_200_000)
            #expect(abs(try #require(november.cpi) - 12.0 / 13.0) < 1e-12)
            #expect(november.spi == 0.75)
            #expect(november.costSuggested == .amber)
            #expect(november.suggestionReasons["cost"] == ["CPI 0.92 below 0.95, at or above 0.85 → amber"])

            // What the manager types as the actual cost gives way to the approved time and expenses.
            let typed = try await w.catalog.update(StatusReport.self, october.id, pm) { $0.actualCostMinor = 5 }
            #expect(typed.actualCostMinor == 1_300_000 && typed.cpi == november.cpi)
        }
    }

    @Test("one report per project and period; a period not begun, someone outside the project or a missing project is refused",
          arguments: Backend.available)
    func startRefusals(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let w = try await Self.world(store)
            let first = try await w.reports.start(w.project.id, w.caller("pm"))
            await Self.refused(.conflict, mentions: ["2026-11-01 – 2026-11-30"]) {
                _ = try await w.reports.start(w.project.id, periodContaining: .at("2026-11-15"), w.caller("pm"))
            }
            await Self.refused(.invalid, field: "period_start", mentions: ["has not begun"]) {
                _ = try await w.reports.start(w.project.id, periodContaining: .at("2026-12-01"), w.caller("pm"))
            }
            await Self.refused(.forbidden) { _ = try await w.reports.start(w.project.id, w.caller("other")) }
            await Self.refused(.forbidden) { _ = try await w.reports.start(w.project.id, w.caller("member")) }
            await Self.refused(.notFound) { _ = try await w.reports.start(Project.ID(999), w.caller("director")) }
            // An earlier period is fine, and the day given may be any day in it.
            let october = try await w.reports.start(w.project.id, periodContaining: .at("2026-10-17"), w.caller("pm"))
            #expect(october.periodStart == .at("2026-10-01") && october.periodEnd == .at("2026-11-01"))
            #expect(try await w.reports.history(w.project.id, w.caller("exec")).map(\.id) == [first.id, october.id])
        }
    }

    @Test("an override of a suggested colour needs a comment; a plain update changes no status, period or number; a refusal changes nothing",
          arguments: Backend.available)
    func plainUpdates(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let w = try await Self.world(store)
            let r = try await w.reports.start(w.project.id, w.caller("pm"))
            let pm = w.caller("pm")
            await Self.refused(.invalid, field: "schedule_comment", mentions: ["instead of the suggested red", "needs a comment"]) {
                _ = try await w.catalog.update(StatusReport.self, r.id, pm) { $0.schedule = .amber }
            }
            await Self.refused(.invalid, field: "status", mentions: ["submit, accept, return"]) {
                _ = try await w.catalog.update(StatusReport.self, r.id, pm) { $0.status = .accepted }
            }
            await Self.refused(.invalid, field: "spi") {
                _ = try await w.catalog.update(StatusReport.self, r.id, pm) { $0.spi = 1.0 }
            }
            await Self.refused(.invalid, field: "period_start") {
                _ = try await w.catalog.update(StatusReport.self, r.id, pm) { $0.periodStart = .at("2026-10-01") }
            }
            await Self.refused(.invalid, field: "actual_cost_minor") {
                _ = try await w.catalog.update(StatusReport.self, r.id, pm) { $0.actualCostMinor = -1 }
            }
            // The PMO, the portfolio's owner and other managers do not edit the author's report.
            for name in ["director", "owner", "other"] {
                await Self.refused(.forbidden) {
                    _ = try await w.catalog.update(StatusReport.self, r.id, w.caller(name)) { $0.accomplishments = "x" }
                }
            }
            #expect(try await w.catalog.get(StatusReport.self, r.id, pm) == r)  // nothing changed

            let overridden = try await w.catalog.update(StatusReport.self, r.id, pm) {
                $0.schedule = .amber
                $0.scheduleComment = "recovery plan approved on 11-20"
                $0.scope = .green  // no suggestion: no comment needed
            }
            #expect(overridden.schedule == .amber && overridden.scheduleSuggested == .red && overridden.scope == .green)
            #expect(overridden.version == r.version + 1)
        }
    }

    @Test("submit, accept and return follow the workflow for each role, the same in every governance mode",
          arguments: Backend.available, GovernanceMode.allCases)
    func workflow(backend: Backend, mode: GovernanceMode) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let w = try await Self.world(store, mode: mode)
            let r = try await w.reports.start(w.project.id, w.caller("pm"))
            // Cost and scope have no suggestion and are not rated yet: submitting says which.
            await Self.refused(.invalid, field: "cost", mentions: ["not rated"]) { _ = try await w.reports.submit(r.id, w.caller("pm")) }
            _ = try await w.catalog.update(StatusReport.self, r.id, w.caller("pm")) { $0.cost = .green; $0.scope = .amber }
            for name in ["other", "director", "owner", "member"] {
                await Self.refused(.forbidden) { _ = try await w.reports.submit(r.id, w.caller(name)) }
            }
            await Self.refused(.conflict, mentions: ["draft"]) { _ = try await w.reports.accept(r.id, w.caller("director")) }
            let submitted = try await w.reports.submit(r.id, w.caller("pm"))
            #expect(submitted.status == .submitted && submitted.submittedAt == Self.now)
            await Self.refused(.conflict, mentions: ["submitted"]) {
                _ = try await w.catalog.update(StatusReport.self, r.id, w.caller("pm")) { $0.nextSteps = "more" }
            }
            await Self.refused(.conflict) { _ = try await w.reports.submit(r.id, w.caller("pm")) }
            // Review is the PMO's: not the author, not the portfolio's owner, not an executive.
            for name in ["pm", "owner", "exec", "other"] {
                await Self.refused(.forbidden, mentions: ["PMO"]) { _ = try await w.reports.accept(r.id, w.caller(name)) }
                await Self.refused(.forbidden) { _ = try await w.reports.return(r.id, comment: "why", w.caller(name)) }
            }
            await Self.refused(.invalid, field: "comment", mentions: ["comment"]) {
                _ = try await w.reports.return(r.id, comment: "  ", w.caller("analyst"))
            }
            #expect(try await w.catalog.get(StatusReport.self, r.id, w.caller("pm")) == submitted)  // refusals changed nothing
            let returned = try await w.reports.return(r.id, comment: "Explain the scope change.", w.caller("analyst"))
            #expect(returned.status == .returned && returned.returnComment == "Explain the scope change.")
            #expect(returned.reviewedBy == w.users["analyst"]!.id)
            await Self.refused(.conflict) { _ = try await w.reports.accept(r.id, w.caller("director")) }

            // The author changes the returned report and submits it again; the PMO accepts it.
            let revised = try await w.catalog.update(StatusReport.self, r.id, w.caller("pm")) {
                $0.scope = .amber
                $0.scopeComment = "two features moved to release 2"
            }
            #expect(revised.status == .returned)
            #expect(try await w.reports.submit(r.id, w.caller("pm")).status == .submitted)
            let accepted = try await w.reports.accept(r.id, w.caller("director"))
            #expect(accepted.status == .accepted && accepted.reviewedBy == w.users["director"]!.id)
            #expect(accepted.returnComment == "Explain the scope change.")  // the history keeps it
            await Self.refused(.conflict, mentions: ["accepted"]) {
                _ = try await w.catalog.update(StatusReport.self, r.id, w.caller("pm")) { $0.nextSteps = "more" }
            }
            await Self.refused(.conflict, mentions: ["history"]) { try await w.catalog.delete(StatusReport.self, r.id, w.caller("director")) }
            // Accepting sets the project's health to the report's overall rating.
            #expect(try await w.catalog.get(Project.self, w.project.id, .system).health == accepted.overall)

            // Every transition is in the audit trail: who, when, before and after.
            let lines = try await w.audit.entries(AuditQuery(kind: "status_report", recordId: r.id.rawValue), w.caller("director")).items
            #expect(lines.map(\.action) == ["transition", "update", "transition", "update", "update", "transition", "update",
                                             "transition", "update", "update", "create"])
            #expect(lines.filter { $0.action == "transition" }.map(\.summary) == [
                "status report \(r.id) accept: submitted → accepted", "status report \(r.id) submit: returned → submitted",
                "status report \(r.id) return: submitted → returned (Explain the scope change.)",
                "status report \(r.id) submit: draft → submitted",
            ])
            let ret = lines[6]  // the record before and after the return
            #expect(ret.userId == w.users["analyst"]!.id && ret.at == Self.now)
            #expect(ret.before?.contains(#""status":"submitted""#) == true && ret.after?.contains(#""status":"returned""#) == true)
            #expect(ret.after?.contains(#""return_comment":"Explain the scope change.""#) == true)
        }
    }

    @Test("a draft is thrown away by its project's people; a missing report is 404", arguments: Backend.available)
    func deleteDraft(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let w = try await Self.world(store)
            let r = try await w.reports.start(w.project.id, w.caller("pm"))
            await Self.refused(.forbidden) { try await w.catalog.delete(StatusReport.self, r.id, w.caller("other")) }
            try await w.catalog.delete(StatusReport.self, r.id, w.caller("pm"))
            await Self.refused(.notFound) { _ = try await w.reports.submit(r.id, w.caller("pm")) }
        }
    }

    @Test("a late report is flagged only in controlling and directive portfolios, with how late",
          arguments: Backend.available, GovernanceMode.allCases)
    func overdue(backend: Backend, mode: GovernanceMode) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let w = try await Self.world(store, mode: mode)
            // Started 2026-09-10, no report: September's was due 10-06 (five days' grace) and is 53 days late.
            let late = try await w.reports.overdue(w.caller("exec"))
            if mode == .supportive {
                #expect(late.isEmpty)
                return
            }
            let item = try #require(late.first)
            #expect(late.count == 1)
            #expect(item.projectId == w.project.id && item.periodStart == .at("2026-09-01") && item.periodEnd == .at("2026-10-01"))
            #expect(item.dueOn == .at("2026-10-06") && item.daysLate == 53 && item.missedPeriods == 2)
            #expect(item.reportId == nil && item.reportStatus == nil)

            // October's report in draft does not count; submitted, it covers everything before November.
            let october = try await w.reports.start(w.project.id, periodContaining: .at("2026-10-01"), w.caller("pm"))
            #expect(try await w.reports.overdue(portfolio: w.portfolio.id, w.caller("pm")).count == 1)
            _ = try await w.catalog.update(StatusReport.self, october.id, w.caller("pm")) {
                for d in StatusReportDimension.allCases where $0.value(d) == .unknown { $0.setValue(d, .green) }
            }
            _ = try await w.reports.submit(october.id, w.caller("pm"))
            #expect(try await w.reports.overdue(w.caller("exec")).isEmpty)
            // A project that is not active does not report.
            _ = try await w.catalog.update(Project.self, w.project.id, .system) { $0.state = .onHold }
            #expect(try await w.reports.overdue(w.caller("exec")).isEmpty)
        }
    }

    @Test("the portfolio report: health from the latest report, the trend since the one before, escalations, late reports, CSV",
          arguments: Backend.available)
    func portfolioReport(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let w = try await Self.world(store)
            let second = try await w.catalog.create(Project(portfolioId: w.portfolio.id, code: "P2", name: "Quiet, \"small\" one",
                                                            managerId: w.users["other"]!.id, state: .active, health: .amber,
                                                            startDate: .at("2026-08-03"), createdAt: Self.now, updatedAt: Self.now), .system)
            _ = try await w.catalog.create(Project(portfolioId: w.portfolio.id, code: "P3", name: "Closed", state: .closed,
                                                   createdAt: Self.now, updatedAt: Self.now), .system)
            func report(_ day: String, overall: Health, escalations: String = "") async throws -> StatusReport {
                let r = try await w.reports.start(w.project.id, periodContaining: .at(day), w.caller("pm"))
                _ = try await w.catalog.update(StatusReport.self, r.id, w.caller("pm")) {
                    for d in StatusReportDimension.allCases where $0.value(d) == .unknown { $0.setValue(d, .green) }
                    $0.overall = overall
                    $0.overallComment = overall == $0.overallSuggested ? "" : "judged by the team"
                    $0.escalations = escalations
                }
                return try await w.reports.submit(r.id, w.caller("pm"))
            }
            let october = try await report("2026-10-05", overall: .amber)
            _ = try await w.reports.accept(october.id, w.caller("director"))
            let november = try await report("2026-11-05", overall: .red, escalations: "Need a second architect, now.")

            let doc = try await w.reports.portfolioReport(w.portfolio.id, w.caller("exec"))
            #expect(doc.projects.map(\.code) == ["P1", "P2"])  // red before amber; the closed one left out
            let p1 = doc.projects[0], p2 = doc.projects[1]
            #expect(p1.health == .red && p1.healthSource == "report" && p1.reportId == november.id)
            #expect(p1.reportStatus == .submitted && p1.previousHealth == .amber && p1.trend == .worse)
            #expect(p1.escalations == "Need a second architect, now.")
            #expect(p2.health == .amber && p2.healthSource == "project" && p2.trend == nil && p2.reportId == nil)
            #expect(doc.healthCounts == ["red": 1, "amber": 1])
            #expect(doc.escalations.map(\.code) == ["P1"])
            // P1's reports cover everything to December; P2 never reported: August's was due 09-06.
            #expect(doc.overdue.map(\.projectCode) == ["P2"] && doc.overdue.first?.periodStart == .at("2026-08-01"))
            #expect(p1.daysLate == nil && p2.daysLate == 83 && doc.overdue.first?.missedPeriods == 3)

            let csv = StatusReports.csv(doc).components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(csv.first == "code,project,state,manager,health,health_source,period_start,period_end,report_status,previous_health,trend,escalations,days_late,open_high_risks,gate,gate_date,gate_status")
            #expect(csv.count == 3)
            #expect(csv[1] == "P1,Project one,active,Pm,red,report,2026-11-01,2026-11-30,submitted,amber,worse,\"Need a second architect, now.\",,0,,,")
            #expect(csv[2] == "P2,\"Quiet, \"\"small\"\" one\",active,Other,amber,project,,,,,,,83,0,,,")
            _ = second
        }
    }

    @Test("the portfolio report lists the current phases' gates that wait for a decision and those coming up",
          arguments: Backend.available)
    func gates(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let w = try await Self.world(store)
            func project(_ code: String) async throws -> Project {
                try await w.catalog.create(Project(portfolioId: w.portfolio.id, code: code, name: code, state: .active,
                                                   startDate: .at("2026-11-02"), createdAt: Self.now, updatedAt: Self.now), .system)
            }
            let (p2, p3, p4) = (try await project("P2"), try await project("P3"), try await project("P4"))
            try await store.write { s in
                func phase(_ p: Project, _ position: Int, _ status: PhaseStatus, _ gate: GateStatus, _ date: String?) async throws {
                    _ = try await s.insert(ProjectPhase(projectId: p.id, position: position, name: "Phase \(position + 1)",
                                                        status: status, gateName: "Gate \(position + 1)",
                                                        gateDate: date.map { CalendarDate.at($0) }, gateStatus: gate,
                                                        createdAt: Self.now, updatedAt: Self.now))
                }
                try await phase(w.project, 0, .completed, .passed, "2026-10-01")
                try await phase(w.project, 1, .active, .open, "2026-11-20")   // its date has come: waiting, 8 days
                try await phase(w.project, 2, .pending, .open, "2026-12-20")
                try await phase(p2, 0, .active, .open, "2026-12-10")          // within 30 days: coming up
                try await phase(p3, 0, .active, .onHold, "2027-03-01")        // on hold: waiting, whatever its date
                try await phase(p4, 0, .active, .open, "2027-02-01")          // beyond 30 days: not listed
            }
            let doc = try await w.reports.portfolioReport(w.portfolio.id, w.caller("exec"))
            #expect(doc.gatesWaiting.map(\.code) == ["P1", "P3"])
            #expect(doc.gatesWaiting.first?.gateName == "Gate 2" && doc.gatesWaiting.first?.daysOverdue == 8)
            #expect(doc.gatesWaiting.last?.gateStatus == .onHold && doc.gatesWaiting.last?.daysOverdue == nil)
            #expect(doc.gatesComingUp.map(\.code) == ["P2"] && doc.gatesComingUp.first?.gateDate == .at("2026-12-10"))
            let line = try #require(doc.projects.first { $0.code == "P1" })
            #expect(line.gate == "Gate 2" && line.gateDate == .at("2026-11-20") && line.gateStatus == .open)
            #expect(StatusReports.csv(doc).contains(",Gate 2,2026-11-20,open\r\n"))
            _ = p4
        }
    }

    @Test("a project made from a template reports on the template's cadence", arguments: Backend.available)
    func templateCadence(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let w = try await Self.world(store)
            let template = try await w.catalog.create(ProjectTemplate(
                name: "Weekly delivery", phases: [TemplatePhase(name: "Deliver", gate: TemplateGate(name: "Done"))],
                reportCadence: .weekly, createdAt: Self.now, updatedAt: Self.now), w.caller("director"))
            let fresh = try await w.catalog.create(Project(portfolioId: w.portfolio.id, code: "P9", name: "Nine",
                                                           managerId: w.users["pm"]!.id, state: .active,
                                                           createdAt: Self.now, updatedAt: Self.now), .system)
            #expect(fresh.reportCadence == .monthly)
            _ = try await StageGates(store: store, clock: FixedClock(time: Self.now)).applyTemplate(template.id, to: fresh.id, w.caller("pm"))
            #expect(try await w.catalog.get(Project.self, fresh.id, .system).reportCadence == .weekly)
            // Its reports now cover weeks: 2026-11-28 is in the week from Monday 11-23.
            let r = try await w.reports.start(fresh.id, w.caller("pm"))
            #expect(r.periodStart == .at("2026-11-23") && r.periodEnd == .at("2026-11-30"))
        }
    }

    @Test("the project's open high risks in its RAID log darken the suggested risk rating; the portfolio report shows the top risks",
          arguments: Backend.available)
    func risks(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let w = try await Self.world(store)
            func risk(_ title: String, _ p: Int, _ i: Int, due: String? = nil) async throws -> Risk {
                try await w.catalog.create(Risk(projectId: w.project.id, title: title, probability: p, impact: i,
                                                ownerId: w.users["pm"]!.id, dueDate: due.map { CalendarDate.at($0) },
                                                createdAt: Self.now, updatedAt: Self.now), w.caller("pm"))
            }
            // Scores 20 and 15 are high (12 and up), 9 is medium.
            let vendor = try await risk("Vendor insolvency", 5, 4, due: "2026-12-15")
            let staff = try await risk("Key staff leave", 5, 3)
            let audit = try await risk("Audit finding", 3, 3)
            #expect(vendor.level == .high && staff.level == .high && audit.level == .medium)

            let r = try await w.reports.start(w.project.id, w.caller("pm"))
            #expect(r.openHighRisks == 2 && r.riskSuggested == .amber && r.risk == .amber)
            #expect(r.suggestionReasons["risk"] == ["open high risks 2 at or above 1, below 3 → amber"])
            #expect(r.overallSuggested == .red)  // SPI 0.75 is worse

            let doc = try await w.reports.portfolioReport(w.portfolio.id, w.caller("exec"))
            #expect(doc.topRisks.map(\.title) == ["Vendor insolvency", "Key staff leave", "Audit finding"])
            #expect(doc.topRisks.first?.score == 20 && doc.topRisks.first?.owner == "Pm" && doc.topRisks.first?.code == "P1")
            #expect(doc.projects.first?.openHighRisks == 2)
            #expect(StatusReports.csv(doc).contains(",53,2,,,\r\n"))
        }
    }

    @Test("the inbox: the PMO reviews submitted reports, the author reworks a returned one, the manager and the PMO see a late one",
          arguments: Backend.available)
    func inbox(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let w = try await Self.world(store)
            let inbox = Inbox(store: store, clock: FixedClock(time: Self.now))
            func kinds(_ name: String) async throws -> [String] {
                try await inbox.items(w.caller(name)).filter { $0.kind.hasPrefix("report_") }.map(\.kind)
            }
            // September's report is late (the project started 2026-09-10): its manager and the PMO are told.
            let late = try #require(try await inbox.items(w.caller("pm")).first { $0.kind == "report_due" })
            #expect(late.overdue && late.due == .at("2026-10-06") && late.href == "/projects/\(w.project.id)/reports")
            #expect(late.detail == "due on 2026-10-06, 53 days late (2 reports late in all)")
            #expect(try await kinds("director") == ["report_due"])
            #expect(try await kinds("other").isEmpty)
            #expect(try await kinds("exec").isEmpty)

            let october = try await w.reports.start(w.project.id, periodContaining: .at("2026-10-01"), w.caller("pm"))
            _ = try await w.catalog.update(StatusReport.self, october.id, w.caller("pm")) {
                for d in StatusReportDimension.allCases where $0.value(d) == .unknown { $0.setValue(d, .green) }
            }
            _ = try await w.reports.submit(october.id, w.caller("pm"))
            #expect(try await kinds("pm").isEmpty)  // submitted: nothing is late any more
            #expect(try await kinds("analyst") == ["report_review"])
            _ = try await w.reports.return(october.id, comment: "Add the vendor delay.", w.caller("analyst"))
            let returned = try #require(try await inbox.items(w.caller("pm")).first { $0.kind == "report_returned" })
            #expect(returned.href == "/status-reports/\(october.id)" && returned.detail.contains("Add the vendor delay."))
            #expect(try await kinds("analyst") == ["report_due"])  // returned is not submitted: late again
        }
    }
}
