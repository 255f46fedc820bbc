import GantryModel
import GantryGovernance

/// Status reports for the demo, written the way people write them: each project's manager starts the report,
/// fills it in and submits it; Dana Director accepts most and returns one with a comment. Every step goes through
/// the services, so the audit trail shows it too. In each controlling and directive portfolio one active project
/// is left without reports, so it shows as late; supportive portfolios flag nothing.
struct DemoStatusReports: Sendable {
    let store: any Store
    let clock: any Clock

    static let accomplishments = [
        "Closed the design review; the build of the first release started on time.",
        "Migrated the test environments; the vendor delivered the interface specification.",
        "Finished the requirements workshops with the business owners and signed off the scope.",
        "Completed the security assessment; two findings are being fixed.",
    ]
    static let nextSteps = [
        "Start integration testing and prepare the cut-over plan.",
        "Run the user acceptance tests with the pilot group.",
        "Order the hardware and plan the migration weekends.",
        "Train the service desk and publish the release notes.",
    ]

    func load(users: [User]) async throws {
        guard let director = users.first(where: { $0.username == "dana.director" }) else { return }
        let reports = StatusReports(store: store, clock: clock)
        let catalog = Catalog(store: store, clock: clock)
        let pmo = Caller.user(director)
        let byId = Dictionary(uniqueKeysWithValues: users.map { ($0.id, $0) })
        let (portfolios, projects) = try await store.read { s in
            (try await s.list(Portfolio.self, ListQuery()),
             try await s.list(Project.self, ListQuery(filters: ["state": .text(LifecycleState.active.rawValue)])))
        }
        let governed = Set(portfolios.filter { $0.governanceMode != .supportive }.map(\.id))
        let today = clock.now().date
        var late: Set<Portfolio.ID> = []
        for (n, project) in projects.enumerated() {
            guard let manager = project.managerId.flatMap({ byId[$0] }) else { continue }
            let pm = Caller.user(manager)
            let schedule = ReportingSchedule.aligned(project.reportCadence.workflow, from: today)
            let previous = schedule.periodStart(-1), before = schedule.periodStart(-2)
            let start = project.startDate ?? today
            guard start < schedule.anchor else { continue }  // started this period: nothing to report yet
            if governed.contains(project.portfolioId), !late.contains(project.portfolioId), start < before {
                late.insert(project.portfolioId)  // no reports at all: late
                continue
            }
            if start < previous {
                let older = try await write(project, period: before, n: n + 1, as: pm, reports: reports, catalog: catalog)
                _ = try await reports.accept(older.id, pmo)
            }
            let report = try await write(project, period: previous, n: n, as: pm, reports: reports, catalog: catalog)
            switch n % 5 {
            case 2: break  // submitted, waiting for the PMO
            case 4:
                _ = try await reports.return(report.id, comment: "Say what is behind the schedule rating and add the "
                    + "vendor delay to the escalations before this goes to the steering committee.", pmo)
            default: _ = try await reports.accept(report.id, pmo)
            }
        }
    }

    /// One submitted report for the period starting on `period`: an actual cost a little above the earned value
    /// where the project has no earned value from a baseline (with one, it comes from approved time and expenses),
    /// scope rated, one override with its comment on every third report, then submitted.
    private func write(_ project: Project, period: CalendarDate, n: Int, as pm: Caller, reports: StatusReports,
                       catalog: Catalog) async throws -> StatusReport {
        let started = try await reports.start(project.id, periodContaining: period, pm)
        let overrun = [1.04, 1.12, 0.98, 1.2][n % 4]
        let withCost = try await catalog.update(StatusReport.self, started.id, pm) { r in
            r.accomplishments = Self.accomplishments[n % Self.accomplishments.count]
            r.nextSteps = Self.nextSteps[n % Self.nextSteps.count]
            r.escalations = n % 3 == 1 ? "Two developers leave next month; we need the PMO's help to keep the team staffed." : ""
            // A project with earned value has its actual cost from approved time and expenses; others type one in.
            if r.valueBasis == .cost, r.earnedValue > 0, r.actualCostMinor == nil {
                r.actualCostMinor = Int64((r.earnedValue * overrun).rounded())
            }
        }
        let rated = try await catalog.update(StatusReport.self, withCost.id, pm) { r in
            for d in StatusReportDimension.allCases where r.value(d) == .unknown { r.setValue(d, .green) }
            if n % 3 == 0, let suggested = r.overallSuggested, suggested != .red {
                r.overall = suggested == .green ? .amber : .red
                r.overallComment = "The key supplier is late with its deliveries; the numbers do not show it yet."
            }
        }
        return try await reports.submit(rated.id, pm)
    }
}
