import ArgumentParser
import Foundation
import GantryAnalytics
import GantryModel
import GantryServices
import GantryStorage
import GantryWeb
import Logging

extension Bench {
    /// `gantry bench money`: earned value of a generated organisation read from SQLite (issue #15's size).
    struct MoneyBench: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "money",
            abstract: "Time earned value of a generated organisation (500 projects × 200 activities, 300 people, two years of timesheets).",
            discussion: """
                Generates an organisation (seeded, the same on every machine) and stores it in a temporary SQLite \
                database: --projects projects of --activities activities (one in ten keeps its money in USD), each \
                activity assigned at 10 or 15 % to one of --people people (one in fifteen paid in GBP, every rate raised 5 % after \
                the first year), one in ten with a fixed cost; the PMO's monthly exchange rates; a few approved \
                expenses per project; each project's baseline saved through the product (Catalog.create, which costs \
                every activity day by day); and --weeks weeks of approved timesheets, each person's week split over \
                up to three of the activities they are assigned to that week (admin time when none), priced as an \
                approval prices them. Generation takes a while and prints its progress.

                Then, in the same run:
                  (a) read: every row earned value needs (projects, baselines, activities, approved timesheet \
                lines, expenses, exchange rates), best of --repeat;
                  (b) compute: earned value and earned schedule of every project against its performance baseline \
                and the portfolio's roll-up in EUR, from the rows (a) read, no I/O, best of --repeat \
                (target ≤ 100 ms);
                  (c) approve: one week of every person's submitted lines (saved and submitted through Timesheets) \
                approved in one Timesheets.decide by the PMO, pricing each line (target ≤ 1 s);
                and, for comparison, the portfolio's money report as the product reads it, project by project \
                (MoneyReports.portfolio).

                Build in release first: swift build -c release --product gantry.

                Examples:
                  gantry bench money
                  gantry bench money --projects 50 --people 40 --weeks 26 --json
                """)

        @Option(help: "Projects (default 500).") var projects = MoneyBenchmark.Size.issue.projects
        @Option(help: "Activities per project (default 200).") var activities = MoneyBenchmark.Size.issue.activitiesPerProject
        @Option(help: "People (default 300).") var people = MoneyBenchmark.Size.issue.people
        @Option(help: "Weeks of approved timesheets (default 104, two years).") var weeks = MoneyBenchmark.Size.issue.weeks
        @Option(help: "Repetitions of the read and the computation (default 3; the best counts).") var `repeat` = 3
        @Flag(help: "Print JSON.") var json = false

        func validate() throws {
            guard projects > 0, activities > 0, people > 0, weeks > 0, `repeat` > 0 else {
                throw ValidationError("--projects, --activities, --people, --weeks and --repeat must be at least 1")
            }
        }

        func run() async throws {
            let size = MoneyBenchmark.Size(projects: projects, activitiesPerProject: activities, people: people, weeks: weeks)
            let quiet = json
            let report = try await MoneyBenchmark.run(size, repeats: `repeat`) { line in
                if !quiet { FileHandle.standardError.write(Data((line + "\n").utf8)) }
            }
            if json {
                say(try jsonText(report, pretty: true))
                return
            }
            func n(_ x: Int) -> String {
                let digits = String(x)
                return digits.enumerated().map { i, ch in i > 0 && (digits.count - i) % 3 == 0 ? ",\(ch)" : "\(ch)" }.joined()
            }
            print("money: \(n(report.projects)) projects × \(n(report.activitiesPerProject)) activities, \(n(report.people)) people, "
                  + "\(report.weeks) weeks: \(n(report.approvedLines)) approved timesheet lines, \(n(report.expenses)) expenses, "
                  + "\(n(report.plannedDays)) planned days in the baselines; status date \(report.statusDate)")
            print(String(format: "  generation            %9.1f s   (stored in SQLite, %.0f MB)", report.generationSeconds, report.databaseMb))
            print(String(format: "  (a) read the rows     %9.1f ms", report.readMs) + "  (\(n(report.rowsRead)) rows in one transaction)")
            print(String(format: "  (b) EVM + ES + roll-up %8.1f ms  (%d projects measured, rolled up in EUR)   target ≤ 100 ms",
                         report.computeMs, report.projectsMeasured))
            print(String(format: "  (c) approve a week    %9.1f ms  (%d people, %d lines, one Timesheets.decide)   target ≤ 1 s",
                         report.approveMs, report.approvedPeople, report.linesApproved))
            print(String(format: "  product's report      %9.1f ms  (MoneyReports.portfolio: read and compute project by project)",
                         report.serviceMs))
            print("  portfolio: BAC \(report.portfolioBAC), PV \(report.portfolioPV), EV \(report.portfolioEV), AC \(report.portfolioAC) (EUR); "
                  + "CPI \(report.portfolioCPI ?? "undefined"), SPI \(report.portfolioSPI ?? "undefined")")
            print(String(format: "  peak memory           %9.1f MB", report.peakMemoryMb))
        }
    }
}

/// The generated organisation of `gantry bench money`, and the measurements.
enum MoneyBenchmark {
    struct Size {
        var projects: Int
        var activitiesPerProject: Int
        var people: Int
        var weeks: Int

        static let issue = Size(projects: 500, activitiesPerProject: 200, people: 300, weeks: 104)
    }

    struct Report: Encodable {
        var projects: Int
        var activitiesPerProject: Int
        var people: Int
        var weeks: Int
        var statusDate: String
        var approvedLines: Int
        var expenses: Int
        var plannedDays: Int
        var generationSeconds: Double
        var databaseMb: Double
        var rowsRead: Int
        var readMs: Double
        var computeMs: Double
        var projectsMeasured: Int
        var approveMs: Double
        var approvedPeople: Int
        var linesApproved: Int
        var serviceMs: Double
        var portfolioBAC: String
        var portfolioPV: String
        var portfolioEV: String
        var portfolioAC: String
        var portfolioCPI: String?
        var portfolioSPI: String?
        var peakMemoryMb: Double
    }

    /// Monday 6 January 2025: the first week of timesheets.
    static let firstMonday = CalendarDate(year: 2025, month: 1, day: 6)!
    static let currencies: [Currency] = [.eur, .usd, .gbp]

    /// `days` working days (Monday to Friday) from `start` (a weekday), the last one.
    static func finish(from start: CalendarDate, workingDays days: Int) -> CalendarDate {
        var day = start, left = days - 1
        while left > 0 {
            day = day.adding(days: 1)
            if !day.weekday.isWeekend { left -= 1 }
        }
        return day
    }

    static func ms(_ ns: UInt64) -> Double { Double(ns) / 1e6 }
    static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    static func run(_ size: Size, repeats: Int, progress: @escaping (String) -> Void) async throws -> Report {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gantry-bench-money-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var logger = Logger(label: "gantry.bench")
        logger.logLevel = .warning
        let path = dir.appendingPathComponent("bench.sqlite").path
        let store = try await SQLStore.open(url: path, logger: logger)
        do {
            let report = try await measure(size, store: store, path: path, repeats: repeats, progress: progress)
            await store.close()
            return report
        } catch {
            await store.close()
            throw error
        }
    }

    static func measure(_ size: Size, store: SQLStore, path: String, repeats: Int,
                        progress: @escaping (String) -> Void) async throws -> Report {
        try await store.migrate()
        let started = now()
        let org = try await generate(size, store: store, progress: progress)
        let generationSeconds = Double(now() - started) / 1e9
        let databaseMb = ["", "-wal"].reduce(0.0) { sum, suffix in
            sum + Double((try? FileManager.default.attributesOfItem(atPath: path + suffix)[.size] as? Int) ?? 0) / 1_048_576
        }

        // (a) The rows earned value needs, read in one transaction.
        progress("(a) reading the rows, best of \(repeats)…")
        var bestRead = UInt64.max
        var rows: Rows?
        for _ in 0..<repeats {
            let t0 = now()
            let read = try await Rows.read(portfolio: org.portfolio, in: store)
            bestRead = min(bestRead, now() - t0)
            rows = read
        }
        guard let rows else { throw CLIError("nothing was read") }

        // (b) Earned value and earned schedule of every project, and the roll-up: pure computation on the rows.
        progress("(b) computing earned value, best of \(max(repeats, 5))…")
        var bestCompute = UInt64.max
        var result: (total: EarnedValueAmounts, measured: Int)?
        for _ in 0..<max(repeats, 5) {
            let t0 = now()
            let r = try rows.earnedValue(asOf: org.statusDate)
            bestCompute = min(bestCompute, now() - t0)
            result = r
        }
        guard let result else { throw CLIError("nothing was computed") }

        // The product's own report, project by project, for comparison.
        progress("reading and computing the portfolio's report as the product does…")
        let reports = MoneyReports(store: store, clock: SystemClock())
        let t0 = now()
        let rollup = try await reports.portfolio(org.portfolio, asOf: org.statusDate, .system)
        let serviceNs = now() - t0
        if let problem = rollup.problem { throw CLIError("the portfolio's roll-up failed: \(problem)") }
        if rollup.total != result.total {
            throw CLIError("the product's roll-up \(String(describing: rollup.total)) differs from the bench's \(result.total)")
        }

        // (c) One week of every person's submitted time, approved in one decision by the PMO.
        progress("(c) saving and submitting the week of \(org.approvalWeek) for \(size.people) people…")
        let lines = try await submitWeek(org, store: store)
        progress("(c) approving \(lines.count) lines…")
        let timesheets = Timesheets(store: store, clock: SystemClock())
        let t1 = now()
        try await timesheets.decide(lines: lines, .approve, .user(org.pmo))
        let approveNs = now() - t1
        let unpriced = try await store.read { s in
            try await s.count(TimesheetLine.self, ["state": .text(ApprovalState.submitted.rawValue)])
        }
        if unpriced != 0 { throw CLIError("\(unpriced) lines are still submitted after the approval") }

        let m = result.total.measures
        let ratio = { (x: Measure) in x.rounded(places: 4).map { "\($0)" } }
        return Report(
            projects: size.projects, activitiesPerProject: size.activitiesPerProject, people: size.people, weeks: size.weeks,
            statusDate: org.statusDate.description, approvedLines: org.approvedLines, expenses: org.expenses,
            plannedDays: org.plannedDays, generationSeconds: generationSeconds, databaseMb: databaseMb,
            rowsRead: rows.count, readMs: ms(bestRead), computeMs: ms(bestCompute), projectsMeasured: result.measured,
            approveMs: ms(approveNs), approvedPeople: size.people, linesApproved: lines.count, serviceMs: ms(serviceNs),
            portfolioBAC: EarnedValueFigures.minor(result.total.budgetAtCompletion),
            portfolioPV: EarnedValueFigures.minor(result.total.plannedValue),
            portfolioEV: EarnedValueFigures.minor(result.total.earnedValue),
            portfolioAC: EarnedValueFigures.minor(result.total.actualCost),
            portfolioCPI: ratio(m.costPerformanceIndex), portfolioSPI: ratio(m.schedulePerformanceIndex),
            peakMemoryMb: Bench.CPMBench.memoryMB("VmHWM:"))
    }

    /// What earned value reads: every project of the portfolio with its performance baseline, activities, approved
    /// timesheet lines and expenses, and the exchange rates. Read in one transaction and handed to the computation
    /// project by project, as the product's queries (by project) give them.
    struct Rows {
        struct Project {
            var project: GantryModel.Project
            var baseline: Baseline?
            var activities: [Activity] = []
            var lines: [TimesheetLine] = []
            var expenses: [Expense] = []
            var assignments: [Assignment] = []
        }
        var projects: [Project]
        var resources: [Resource]
        var rates: RateBook
        var reporting: Currency
        var count: Int

        static func read(portfolio: Portfolio.ID, in store: SQLStore) async throws -> Rows {
            try await store.read { s in
                guard let pf = try await s.get(Portfolio.self, portfolio) else { throw CLIError("the portfolio is gone") }
                let projects = try await s.list(GantryModel.Project.self, ListQuery(filters: ["portfolio_id": .int(portfolio.rawValue)]))
                var slot: [GantryModel.Project.ID: Int] = [:]
                var out = projects.enumerated().map { k, p in slot[p.id] = k; return Project(project: p) }
                var count = projects.count
                for b in try await s.list(Baseline.self, ListQuery()) where b.performance {
                    if let k = slot[b.projectId] { out[k].baseline = b; count += 1 }
                }
                for a in try await s.list(Activity.self, ListQuery()) {
                    if let k = slot[a.projectId] { out[k].activities.append(a); count += 1 }
                }
                for l in try await s.list(TimesheetLine.self, ListQuery(filters: ["state": .text(ApprovalState.approved.rawValue)])) {
                    if let p = l.projectId, let k = slot[p] { out[k].lines.append(l); count += 1 }
                }
                for e in try await s.list(Expense.self, ListQuery()) {
                    if let k = slot[e.projectId] { out[k].expenses.append(e); count += 1 }
                }
                for a in try await s.list(Assignment.self, ListQuery()) {
                    if let k = slot[a.projectId] { out[k].assignments.append(a); count += 1 }
                }
                let resources = try await s.list(Resource.self, ListQuery())
                return Rows(projects: out, resources: resources, rates: try await RateBook.load(in: s), reporting: pf.reportingCurrency,
                            count: count + resources.count)
            }
        }

        /// Every project's earned value and earned schedule against its performance baseline, and their roll-up
        /// in the portfolio's reporting currency at the status month's rates.
        func earnedValue(asOf: CalendarDate) throws -> (total: EarnedValueAmounts, measured: Int) {
            var totals: [EarnedValueAmounts] = []
            totals.reserveCapacity(projects.count)
            let tables = MoneyReports.Plan.tables(resources, rates)
            for r in projects where r.project.state != .cancelled {
                guard let b = r.baseline else { continue }
                let plan = MoneyReports.Plan(assignments: r.assignments, rates: tables.rates, names: tables.names,
                                             exchangeRates: rates.exchangeRates)
                let measured = MoneyReports.earnedValue(r.project, against: b, activities: r.activities,
                                                        approvedLines: r.lines, expenses: r.expenses, plan: plan, asOf: asOf)
                guard let evm = measured.evm else { throw CLIError("project \(r.project.code): \(measured.unavailable ?? "no earned value")") }
                totals.append(evm.total)
            }
            do {
                return (try EarnedValueAmounts.rollUp(totals, to: reporting, in: CalendarMonth(asOf), rates: rates.exchangeRates), totals.count)
            } catch {
                throw CLIError("the roll-up: \(error.message)")
            }
        }
    }

    /// The stored organisation's handles.
    struct Organisation {
        var portfolio: Portfolio.ID
        var pmo: User
        var statusDate: CalendarDate
        var approvalWeek: CalendarDate
        var people: [Resource]
        /// Each person's assignments: activity, project, first and last planned day.
        var work: [[(activity: Activity.ID, project: Project.ID, first: CalendarDate, last: CalendarDate)]]
        var approvedLines: Int
        var expenses: Int
        var plannedDays: Int
    }

    static func generate(_ size: Size, store: SQLStore, progress: @escaping (String) -> Void) async throws -> Organisation {
        var rng = SeededRandom(seed: 15)
        let t = Timestamp(millisecondsSinceEpoch: 1_735_000_000_000)
        let first = firstMonday
        let statusDate = first.adding(days: 7 * size.weeks - 3)
        let approvalWeek = first.adding(days: 7 * size.weeks)
        let catalog = Catalog(store: store, clock: SystemClock())
        progress("generating: \(size.people) people, rates and exchange rates…")

        // The PMO, the people (each a user), their rates: EUR, or GBP for one in fifteen, raised 5 % a year in.
        let bases = (0..<size.people).map { _ in Int64(60_00 + rng.below(81) * 100) }
        let (pmo, people) = try await store.write { s -> (User, [Resource]) in
            let pmo = try await s.insert(User(username: "pmo", displayName: "PMO", role: .pmoDirector, createdAt: t, updatedAt: t))
            let users = try await s.insertAll((0..<size.people).map {
                User(username: "person\($0 + 1)", displayName: "Person \($0 + 1)", role: .teamMember, createdAt: t, updatedAt: t)
            })
            let people = try await s.insertAll(users.enumerated().map { i, u in
                Resource(name: "Person \(i + 1)", role: "Role \(i % 20 + 1)", userId: u.id, createdAt: t, updatedAt: t)
            })
            var rates: [CostRate] = []
            for (i, r) in people.enumerated() {
                let currency: Currency = i % 15 == 14 ? .gbp : .eur
                let base = bases[i]
                rates.append(CostRate(resourceId: r.id, effectiveFrom: first.adding(days: -365), rateMinor: base, currency: currency, createdAt: t, updatedAt: t))
                rates.append(CostRate(resourceId: r.id, effectiveFrom: first.adding(days: 364), rateMinor: base * 105 / 100, currency: currency, createdAt: t, updatedAt: t))
            }
            _ = try await s.insertAll(rates)
            // Every month's rates between the three currencies, drifting a little.
            var exchange: [ExchangeRate] = []
            let months = CalendarMonth(first.adding(days: -400)).through(CalendarMonth(approvalWeek.adding(days: 800)))
            for (k, month) in months.enumerated() {
                let drift = Decimal(k % 7) / 1000
                let usdEur = Decimal(string: "0.92")! + drift, gbpEur = Decimal(string: "1.17")! + drift
                for (from, to, rate) in [(Currency.usd, Currency.eur, usdEur), (.eur, .usd, Decimal(string: "1.08")! + drift),
                                         (.gbp, .eur, gbpEur), (.gbp, .usd, Decimal(string: "1.27")! + drift),
                                         (.eur, .gbp, Decimal(string: "0.85")! + drift), (.usd, .gbp, Decimal(string: "0.79")! + drift)] {
                    exchange.append(ExchangeRate(month: month, fromCurrency: from, toCurrency: to, rate: "\(rate)", createdAt: t, updatedAt: t))
                }
            }
            _ = try await s.insertAll(exchange)
            return (pmo, people)
        }

        // Projects, their activities (a tenth with a fixed cost) and assignments, a few approved expenses.
        let portfolio = try await store.write { try await $0.insert(Portfolio(code: "BENCH", name: "Bench", createdAt: t, updatedAt: t)) }
        var work = Array(repeating: [(activity: Activity.ID, project: Project.ID, first: CalendarDate, last: CalendarDate)](), count: size.people)
        var projectIds: [Project.ID] = []
        var expenseCount = 0
        for p in 0..<size.projects {
            if p % 50 == 0 { progress("generating: projects \(p + 1)–\(min(p + 50, size.projects)) of \(size.projects)…") }
            let startWeek = rng.below(max(1, size.weeks * 3 / 4))
            let lengthWeeks = 13 + rng.below(52)
            let currency: Currency = p % 10 == 9 ? .usd : .eur
            var plan: [(activity: Activity, person: Int, units: Double, expense: Int64?)] = []
            for k in 0..<size.activitiesPerProject {
                let start = first.adding(days: 7 * (startWeek + rng.below(lengthWeeks)) + rng.below(5))
                let days = 5 + rng.below(16)
                let finish = Self.finish(from: start, workingDays: days)
                var percent: Double = 0
                if finish <= statusDate {
                    percent = 100
                } else if start <= statusDate {
                    let elapsed = Double(statusDate.daysSinceEpoch - start.daysSinceEpoch + 1)
                    let span = Double(finish.daysSinceEpoch - start.daysSinceEpoch + 1)
                    percent = min(95, max(0, (elapsed / span * 100 + Double(rng.below(31)) - 15).rounded()))
                }
                var a = Activity(projectId: Project.ID(0), position: k, code: "A\(k + 1)", name: "Activity \(k + 1)",
                                 duration: .days(Double(days)), percentComplete: percent, plannedStart: start, plannedFinish: finish,
                                 createdAt: t, updatedAt: t)
                if rng.below(10) == 0 { a.fixedCostMinor = Int64(1_000_00 + rng.below(9_001) * 100) }
                let expense: Int64? = start <= statusDate && rng.below(20) == 0 ? Int64(50_00 + rng.below(2_000) * 100) : nil
                // 10 or 15 %: a person's eight or so activities under way at a time add up to about full time.
                plan.append((a, rng.below(size.people), rng.below(2) == 0 ? 10 : 15, expense))
            }
            let planned = plan
            let saved = try await store.write { s -> (Project.ID, [Activity], Int) in
                var project = Project(portfolioId: portfolio.id, code: "P\(p + 1)", name: "Project \(p + 1)", managerId: pmo.id,
                                      state: .active, startDate: first.adding(days: 7 * startWeek), statusDate: statusDate,
                                      createdAt: t, updatedAt: t)
                project.currency = currency
                project = try await s.insert(project)
                let activities = try await s.insertAll(planned.map { var a = $0.activity; a.projectId = project.id; return a })
                _ = try await s.insertAll(zip(planned, activities).map { item, a in
                    Assignment(projectId: project.id, activityId: a.id, resourceId: people[item.person].id, units: item.units,
                               createdAt: t, updatedAt: t)
                })
                let expenses = zip(planned, activities).compactMap { item, a in
                    item.expense.map {
                        Expense(projectId: project.id, activityId: a.id, spentOn: a.plannedStart!, amountMinor: $0, currency: currency,
                                description: "Licence", state: .approved, decidedBy: pmo.id, decidedAt: t, createdAt: t, updatedAt: t)
                    }
                }
                _ = try await s.insertAll(expenses)
                return (project.id, activities, expenses.count)
            }
            expenseCount += saved.2
            projectIds.append(saved.0)
            for (item, a) in zip(plan, saved.1) {
                work[item.person].append((a.id, saved.0, a.plannedStart!, a.plannedFinish!))
            }
        }

        // Each project's baseline, saved through the product: it costs every activity day by day.
        var plannedDays = 0
        for (k, id) in projectIds.enumerated() {
            if k % 50 == 0 { progress("saving baselines \(k + 1)–\(min(k + 50, projectIds.count)) of \(projectIds.count)…") }
            let b = try await catalog.create(Baseline(projectId: id, name: "Approved plan", createdAt: t, updatedAt: t), .system)
            plannedDays += b.activities.reduce(0) { $0 + ($1.plannedValue?.count ?? 0) }
        }

        // Approved timesheets, week by week: up to three of the person's activities of the week share 8 h a day.
        let book = try await store.read { try await RateBook.load(in: $0) }
        let currencyOf = Dictionary(uniqueKeysWithValues: try await store.read { s in
            try await s.list(Project.self, ListQuery(filters: ["portfolio_id": .int(portfolio.id.rawValue)])).map { ($0.id, $0.currency) }
        })
        var approvedLines = 0
        for w in 0..<size.weeks {
            if w % 13 == 0 { progress("approved timesheets: weeks \(w + 1)–\(min(w + 13, size.weeks)) of \(size.weeks)…") }
            let monday = first.adding(days: 7 * w), friday = monday.adding(days: 4)
            let sheets = try await store.write { s in
                try await s.insertAll(people.map { Timesheet(resourceId: $0.id, weekStart: monday, submittedAt: t, createdAt: t, updatedAt: t) })
            }
            var lines: [TimesheetLine] = []
            for (i, person) in people.enumerated() {
                let active = work[i].filter { $0.first <= friday && $0.last >= monday }.prefix(3)
                if active.isEmpty {
                    lines.append(TimesheetLine(timesheetId: sheets[i].id, resourceId: person.id, weekStart: monday, category: .admin,
                                               minutes: [480, 480, 480, 480, 480, 0, 0], state: .approved, decidedBy: pmo.id,
                                               decidedAt: t, createdAt: t, updatedAt: t))
                    continue
                }
                let share = 480 / active.count
                for item in active {
                    let minutes = [share, share, share, share, share, 0, 0]
                    var line = TimesheetLine(timesheetId: sheets[i].id, resourceId: person.id, weekStart: monday,
                                             projectId: item.project, activityId: item.activity, minutes: minutes, state: .approved,
                                             decidedBy: pmo.id, decidedAt: t, createdAt: t, updatedAt: t)
                    let currency = currencyOf[item.project] ?? .eur
                    line.costMinor = try book.cost(of: line.minutesByDay, by: person, in: currency).minorUnits
                    let days = try book.costByDay(of: line.minutesByDay, by: person, in: currency)
                    line.costByDayMinor = (0..<7).map { days[monday.adding(days: $0)] ?? 0 }
                    line.currency = currency
                    lines.append(line)
                    approvedLines += 1
                }
            }
            let week = lines
            _ = try await store.write { try await $0.insertAll(week) }
        }
        return Organisation(portfolio: portfolio.id, pmo: pmo, statusDate: statusDate, approvalWeek: approvalWeek, people: people,
                            work: work, approvedLines: approvedLines, expenses: expenseCount, plannedDays: plannedDays)
    }

    /// Every person's week after the approved ones, saved and submitted through Timesheets: up to three of their
    /// activities (the latest they are assigned to when none is planned that week). Answers the submitted lines.
    static func submitWeek(_ org: Organisation, store: SQLStore) async throws -> [TimesheetLine.ID] {
        let timesheets = Timesheets(store: store, clock: SystemClock())
        let monday = org.approvalWeek, friday = monday.adding(days: 4)
        for (i, person) in org.people.enumerated() {
            var chosen = Array(org.work[i].filter { $0.first <= friday && $0.last >= monday }.prefix(3))
            if chosen.isEmpty { chosen = Array(org.work[i].suffix(3)) }
            guard !chosen.isEmpty else { continue }
            let share = 480 / chosen.count
            try await timesheets.save(person.id, week: monday, rows: chosen.map {
                Timesheets.Row(projectId: $0.project, activityId: $0.activity, minutes: [share, share, share, share, share, 0, 0])
            }, .system)
            try await timesheets.submit(person.id, week: monday, .system)
        }
        return try await store.read { s in
            try await s.list(TimesheetLine.self, ListQuery(filters: ["state": .text(ApprovalState.submitted.rawValue)])).map(\.id)
        }
    }
}
