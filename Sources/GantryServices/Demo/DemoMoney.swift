import GantryModel
import GantryGovernance
import GantryScheduling
import GantryAnalytics

/// Money for the demo (issue #15), so a fresh `serve --demo` shows projects under and over budget, behind and ahead
/// of plan, each figure made the way the product makes it:
/// - cost rates over time for some roles and people, raised on the first day of last month; one project kept in
///   US dollars, with the PMO's EUR↔USD rates for every month its plan and the roll-ups need;
/// - every planned project that is not only proposed gets its plan saved as the performance baseline before any
///   progress is recorded, so PV is the baseline's cost over time; budgets by month and cost type come from it
///   (original and current, the current one changed on some projects), and funding sources, some below budget;
/// - thirteen weeks of timesheets, entered, submitted and approved through `Timesheets`, so each approved line is
///   priced at the rates in force on its days; last week's lines wait for approval, one line is rejected with its
///   reason and one person's week is missing (`DemoMoney+Actuals.swift`);
/// - the labour before those weeks, brought over from the finance system, and the contractors' monthly invoices
///   are approved expenses; a few other expenses, some waiting, one rejected;
/// - progress recorded month by month with an earned value snapshot at each of the last three month ends (the
///   S-curve's history), and then up to today.
/// How each active project fares is its `Profile`. Dates count from `today`, so the picture stays current.
struct DemoMoney: Sendable {
    let store: any Store
    let clock: any Clock

    /// How a project fares: its progress on a day is the plan's `shift` of the time since its start later (below
    /// zero: behind; -0.15 is 15 days behind after 100), and its people book `effort` times the hours the plan
    /// gives them (at most twelve hours a day, so an overloaded plan books less).
    struct Profile: Sendable {
        var shift: Double
        var effort: Double

        /// The day whose planned progress the project has reached on `day`.
        func reached(on day: CalendarDate, startedOn start: CalendarDate?) -> CalendarDate {
            guard let start, start < day else { return day }
            return day.adding(days: Int((shift * Double(day.daysSinceEpoch - start.daysSinceEpoch)).rounded()))
        }
    }

    /// Behind and over budget; ahead and under; on plan and over; behind and under (the team was pulled away);
    /// ahead and over (overtime); close to plan and budget. Active projects take them in turn, by code.
    static let profiles = [Profile(shift: -0.15, effort: 1.3), Profile(shift: 0.1, effort: 0.85),
                           Profile(shift: 0, effort: 1.35), Profile(shift: -0.12, effort: 0.8),
                           Profile(shift: 0.08, effort: 1.45), Profile(shift: -0.02, effort: 1.1)]

    /// The active project kept in US dollars: its telephony vendor bills in dollars.
    static let dollarProject = "Contact centre telephony"
    /// The rates of roles and people over time: in force from a year back, raised on the first day of last month.
    static let roleRates: [(role: String, before: Int64, after: Int64)] = [
        ("Developer", 8_500, 8_900), ("Tester", 7_000, 7_300), ("Solution architect", 12_000, 12_600),
    ]
    /// Tom Team's own rates, then the first infrastructure and data engineers'.
    static let personRates: [(who: String, before: Int64, after: Int64)] = [
        (DemoData.teamMemberResource, 9_000, 9_500), ("Infrastructure engineer", 8_800, 9_200), ("Data engineer", 9_400, 9_400),
    ]
    /// Weeks of timesheets, ending with last week.
    static let weeks = 13

    /// One planned project as the demo keeps it while loading.
    struct Plan {
        var project: Project
        var portfolio: Portfolio
        var activities: [Activity]
        var assignments: [Activity.ID: [Assignment]]
        var profile: Profile
        /// When an on-hold project stopped: no work or progress after it.
        var holdDate: CalendarDate?
        var baseline: Baseline?

        /// Whether work on it was under way or done by `day`.
        func started(by day: CalendarDate) -> Bool { (project.startDate ?? day) < day && [.active, .onHold, .closed].contains(project.state) }
    }

    struct Summary: Sendable { var baselines: Int; var timesheets: Int; var expenses: Int; var snapshots: Int }

    func load(users: [String: User]) async throws -> Summary {
        let now = clock.now(), today = now.date
        guard let dana = users["dana.director"], let alex = users["alex.analyst"] else { return Summary(baselines: 0, timesheets: 0, expenses: 0, snapshots: 0) }
        let director = Caller.user(dana), analyst = Caller.user(alex)
        let byId = Dictionary(uniqueKeysWithValues: users.values.map { ($0.id, $0) })
        var plans = try await plans(today: today)
        let raise = Self.monthStart(today, adding: -1)

        // Rates and currencies first: the baselines are priced with them.
        try await store.write { [plans] s in
            try await Self.rates(raise: raise, today: today, plans: plans, by: director, at: now, in: s)
        }
        for i in plans.indices where plans[i].project.state != .proposed {
            let saver = plans[i].portfolio.governanceMode == .directive ? analyst
                : plans[i].project.managerId.flatMap { byId[$0] }.map(Caller.user) ?? director
            plans[i] = try await store.write { [plan = plans[i]] s in
                var plan = plan
                plan.baseline = try await Catalog.insert(
                    Baseline(projectId: plan.project.id, name: "Approved plan", createdAt: now, updatedAt: now),
                    by: saver, at: now, in: s)
                try await Self.budget(plan, index: i, today: today, by: director, at: now, in: s)
                return plan
            }
        }
        let timesheets = try await timesheets(plans, users: users, today: today)
        let expenses = try await expenses(plans, users: users, today: today)
        let snapshots = try await progress(&plans, byId: byId, today: today)
        return Summary(baselines: plans.filter { $0.baseline != nil }.count, timesheets: timesheets, expenses: expenses,
                       snapshots: snapshots)
    }

    /// The planned projects with their activities and assignments, the active ones given their profiles in turn.
    func plans(today: CalendarDate) async throws -> [Plan] {
        try await store.read { s in
            let portfolios = Dictionary(uniqueKeysWithValues: try await s.list(Portfolio.self, ListQuery()).map { ($0.id, $0) })
            var plans: [Plan] = []
            var active = 0
            for project in try await s.list(Project.self, ListQuery()).sorted(by: { $0.code < $1.code }) {
                let filter: [String: FilterValue] = ["project_id": .int(project.id.rawValue)]
                let activities = try await s.list(Activity.self, ListQuery(filters: filter))
                guard !activities.isEmpty, let portfolio = portfolios[project.portfolioId] else { continue }
                var profile = Profile(shift: 0, effort: 1)
                var hold: CalendarDate?
                switch project.state {
                case .active:
                    profile = Self.profiles[active % Self.profiles.count]
                    active += 1
                case .onHold:
                    // Stopped five weeks ago (or a week after it started), behind and over budget then.
                    hold = min(today, max(today.adding(days: -35), (project.startDate ?? today).adding(days: 7)))
                    profile = Profile(shift: -0.1, effort: 1.25)
                case .closed:
                    profile = Profile(shift: 0, effort: [1.12, 0.9][plans.count % 2])
                default: break
                }
                plans.append(Plan(project: project, portfolio: portfolio, activities: activities,
                                  assignments: Dictionary(grouping: try await s.list(Assignment.self, ListQuery(filters: filter)), by: \.activityId),
                                  profile: profile, holdDate: hold))
            }
            return plans
        }
    }

    /// Role and personal cost rates, the dollar project's currency and the exchange rates it and the roll-ups need.
    static func rates(raise: CalendarDate, today: CalendarDate, plans: [Plan], by caller: Caller, at now: Timestamp,
                      in s: any StoreSession) async throws {
        let since = CalendarDate(year: today.year - 1, month: 1, day: 1)!
        for (role, before, after) in roleRates {
            _ = try await Catalog.insert(CostRate(role: role, effectiveFrom: since, rateMinor: before, createdAt: now, updatedAt: now),
                                         by: caller, at: now, in: s)
            _ = try await Catalog.insert(CostRate(role: role, effectiveFrom: raise, rateMinor: after, createdAt: now, updatedAt: now),
                                         by: caller, at: now, in: s)
        }
        let people = try await s.list(Resource.self, ListQuery()).filter { $0.kind == .person }.sorted { $0.id.rawValue < $1.id.rawValue }
        for (who, before, after) in personRates {
            guard let person = people.first(where: { $0.name == who }) ?? people.first(where: { $0.role == who }) else { continue }
            _ = try await Catalog.insert(CostRate(resourceId: person.id, effectiveFrom: since, rateMinor: before, createdAt: now, updatedAt: now),
                                         by: caller, at: now, in: s)
            if after != before {
                _ = try await Catalog.insert(CostRate(resourceId: person.id, effectiveFrom: raise, rateMinor: after, createdAt: now, updatedAt: now),
                                             by: caller, at: now, in: s)
            }
        }
        // Projects under way measure at the end of last week, the last week of timesheets; the dollar project
        // keeps its money in dollars.
        for plan in plans where [.active, .onHold].contains(plan.project.state) || plan.project.name == dollarProject {
            guard var project = try await s.get(Project.self, plan.project.id) else { continue }
            let before = project
            if project.name == dollarProject { project.currency = .usd }
            if [.active, .onHold].contains(project.state) { project.statusDate = statusDate(today) }
            project.updatedAt = now
            _ = try await s.update(project, expectedVersion: before.version)
        }
        guard let dollars = plans.first(where: { $0.project.name == dollarProject }) else { return }
        // Every month of its plan (priced in euros, kept in dollars) and the year around today (the roll-ups).
        let days = dollars.activities.flatMap { [$0.plannedStart, $0.plannedFinish].compactMap { $0 } }
        let first = min(CalendarMonth(days.min() ?? today), CalendarMonth(today.adding(days: -200)))
        let last = max(CalendarMonth(days.max() ?? today), CalendarMonth(today.adding(days: 370)))
        for (n, month) in first.through(last).enumerated() {
            // A gently moving rate: 1.0800 to 1.0900 dollars a euro.
            let cents = 10_800 + [0, 25, 60, 40, 85, 100, 70, 35][n % 8]
            let usd = "1.\(String(cents).dropFirst())"
            let eur = "0.\((100_000_000 + cents / 2) / cents)"  // 1 / rate to four places: 0.9174 to 0.9259
            _ = try await Catalog.insert(ExchangeRate(month: month, fromCurrency: .eur, toCurrency: .usd, rate: usd,
                                                      createdAt: now, updatedAt: now), by: caller, at: now, in: s)
            _ = try await Catalog.insert(ExchangeRate(month: month, fromCurrency: .usd, toCurrency: .eur, rate: eur,
                                                      createdAt: now, updatedAt: now), by: caller, at: now, in: s)
        }
    }

    /// The budget by month from the baseline's cost over time: labour (capital where the work builds an asset),
    /// hardware on infrastructure projects and a contingency; the current budget differs from the original on some
    /// projects (an approved change adds scope from this month, another trims it). Funding follows, below the
    /// budget on some projects.
    static func budget(_ plan: Plan, index i: Int, today: CalendarDate, by caller: Caller, at now: Timestamp,
                       in s: any StoreSession) async throws {
        guard let baseline = plan.baseline else { return }
        let project = plan.project, currency = try await s.get(Project.self, project.id)?.currency ?? project.currency
        var labour: [CalendarMonth: Int64] = [:]
        for a in baseline.activities { for d in a.plannedValue ?? [] { labour[CalendarMonth(d.day), default: 0] += d.minor } }
        let months = labour.keys.sorted()
        guard let first = months.first, let last = months.last else { return }
        let expenditure: Expenditure = plan.portfolio.code == "CX" ? .operating : .capital
        let bac = labour.values.reduce(0, +)
        var lines: [(CalendarMonth, CostType, Expenditure, Int64, String)] = months.map { ($0, .labour, expenditure, labour[$0]!, "") }
        if plan.portfolio.code == "INF" {
            lines.append((months[months.count / 3], .materials, .capital, round(Double(bac) * 0.08), "Servers, storage and network hardware"))
        }
        lines.append((last, .other, .operating, round(Double(bac) * 0.05), "Contingency"))
        let change = [1.0, 1.12, 1.0, 0.94][i % 4]
        let thisMonth = CalendarMonth(today)
        var current: Int64 = 0
        for (month, type, spend, amount, note) in lines {
            _ = try await Catalog.insert(BudgetLine(projectId: project.id, budgetVersion: .original, month: month, costType: type,
                                                    expenditure: spend, amountMinor: amount, currency: currency, note: note,
                                                    createdAt: now, updatedAt: now), by: caller, at: now, in: s)
            let changed = month >= thisMonth && change != 1 && project.state != .closed
            let now2 = changed ? round(Double(amount) * change) : amount
            current += now2
            _ = try await Catalog.insert(BudgetLine(
                projectId: project.id, budgetVersion: .current, month: month, costType: type, expenditure: spend,
                amountMinor: now2, currency: currency,
                note: changed ? (change > 1 ? "Change approved: the extra reports and interfaces" : "Change approved: the pilot dropped") : note,
                createdAt: now, updatedAt: now), by: caller, at: now, in: s)
        }
        // Funding: the group's capital fund from the start and the business unit's share three months later.
        let share = [1.0, 1.0, 0.85, 1.0, 0.9, 1.05, 1.0][i % 7]
        let total = max(200_000, round(Double(current) * share, to: 100_000))
        let group = min(total - 100_000, round(Double(total) * 0.6, to: 100_000))
        let start = first.firstDay
        _ = try await Catalog.insert(FundingSource(projectId: project.id, funder: "Group IT capital fund", amountMinor: group,
                                                   currency: currency, availableFrom: start, note: "Approved at the investment committee",
                                                   createdAt: now, updatedAt: now), by: caller, at: now, in: s)
        _ = try await Catalog.insert(FundingSource(projectId: project.id, funder: "\(plan.portfolio.name) business unit",
                                                   amountMinor: total - group, currency: currency,
                                                   availableFrom: CapacityPlanner.adding(months: 3, to: start),
                                                   note: share < 1 ? "The business unit funds less than asked; the gap is escalated" : "",
                                                   createdAt: now, updatedAt: now), by: caller, at: now, in: s)
    }

    /// The status date of the projects under way: the Sunday that ended last week.
    static func statusDate(_ today: CalendarDate) -> CalendarDate { Timesheets.monday(of: today).adding(days: -1) }

    static func round(_ x: Double, to unit: Int64 = 1) -> Int64 { Int64((x / Double(unit)).rounded()) * unit }

    /// The first day of the month `months` away from `day`'s.
    static func monthStart(_ day: CalendarDate, adding months: Int) -> CalendarDate {
        CapacityPlanner.adding(months: Double(months), to: CalendarDate(year: day.year, month: day.month, day: 1)!)
    }
}
