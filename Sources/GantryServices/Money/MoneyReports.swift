import FoundationEssentials
public import GantryModel
public import GantryAnalytics
import GantryGovernance

/// Earned value, earned schedule, budget, funding and spend of projects, programs and portfolios at a status date
/// (issue #15), from stored data: PV from the performance baseline's cost over time, EV from % complete (physical
/// where set), AC from approved timesheet lines and expenses. Roll-ups convert each project's amounts to the
/// portfolio's reporting currency at the status month's exchange rate; a missing rate is reported, naming it.
public struct MoneyReports: Sendable {
    let store: any Store
    let clock: any Clock

    public init(store: any Store, clock: any Clock) { self.store = store; self.clock = clock }

    /// A project's earned value at a status date, or why there is none.
    public struct ProjectEVM: Sendable {
        public var project: Project
        public var statusDate: CalendarDate
        public var baseline: Baseline?
        public var baselines: [Baseline]
        /// Nil when there is no baseline with costs; `unavailable` says why.
        public var evm: ProjectEarnedValue?
        public var unavailable: String?
        /// Activity rows in the baseline's WBS order, with their amounts (made when asked: a portfolio's roll-up
        /// does not show them).
        public var rows: [(activity: BaselineActivity, amounts: EarnedValueAmounts)] { measured?.rows ?? [] }
        public var snapshots: [ProgressSnapshot]
        public var money: ProjectMoney
        var measured: Measured?
    }

    /// Budget, funding and spend per month.
    public struct ProjectMoney: Sendable {
        public var currency: Currency
        public var budget: [BudgetVersion: Int64]
        public var funding: Int64
        /// Approved actual cost to date (timesheets and expenses, all dates).
        public var spent: Int64
        /// Awaiting approval (submitted lines priced at nothing yet are counted by hours elsewhere; expenses here).
        public var pendingExpenses: Int64
        public var months: [Month]

        public struct Month: Sendable, Hashable {
            public var month: CalendarMonth
            public var original: Int64
            public var current: Int64
            /// Funding available from this month on (cumulative).
            public var fundedToDate: Int64
            public var spent: Int64
        }
    }

    public func project(_ id: Project.ID, asOf: CalendarDate? = nil, baselineId: Baseline.ID? = nil,
                        _ caller: Caller) async throws -> ProjectEVM {
        let today = clock.now().date
        return try await store.read { s in
            guard let project = try await s.get(Project.self, id) else { throw ServiceError.notFound(Project.self, id) }
            try caller.require(.view, .finances(portfolioOwnerId: nil, managerId: nil))
            return try await Self.compute(project, asOf: asOf ?? project.statusDate ?? today, baselineId: baselineId, in: s)
        }
    }

    /// The computation behind every page, the CLI, the status report's suggestion and the benchmark.
    public static func compute(_ project: Project, asOf: CalendarDate, baselineId: Baseline.ID? = nil, book: RateBook? = nil,
                               in s: any StoreSession) async throws -> ProjectEVM {
        let filter: [String: FilterValue] = ["project_id": .int(project.id.rawValue)]
        let baselines = try await s.list(Baseline.self, ListQuery(filters: filter))
        let baseline: Baseline?
        if let baselineId {
            guard let b = baselines.first(where: { $0.id == baselineId }) else {
                throw ServiceError(.invalid, "baseline \(baselineId) is not one of project \(project.code)'s",
                                   problems: [FieldProblem(field: "baseline_id", message: "not a baseline of this project")])
            }
            baseline = b
        } else {
            baseline = baselines.first { $0.performance } ?? baselines.last
        }
        let activities = try await s.list(Activity.self, ListQuery(filters: filter))
        let lines = try await s.list(TimesheetLine.self, ListQuery(filters: filter.merging(["state": .text(ApprovalState.approved.rawValue)]) { a, _ in a }))
        let expenses = try await s.list(Expense.self, ListQuery(filters: filter))
        let money = try await Self.money(project, lines: lines, expenses: expenses, in: s)
        let snapshots = try await s.list(ProgressSnapshot.self, ListQuery(filters: filter)).sorted { $0.asOf < $1.asOf }
        var result = ProjectEVM(project: project, statusDate: asOf, baseline: baseline, baselines: baselines, evm: nil,
                                unavailable: nil, snapshots: snapshots, money: money)
        guard let baseline else {
            result.unavailable = "project \(project.code) has no baseline yet: save one to measure earned value against"
            return result
        }
        let assignments = try await s.list(Assignment.self, ListQuery(filters: filter))
        var resources: [Resource] = []
        for id in Set(assignments.map(\.resourceId)).sorted() { if let r = try await s.get(Resource.self, id) { resources.append(r) } }
        let rateBook: RateBook
        if let book { rateBook = book } else { rateBook = try await RateBook.load(in: s) }
        let tables = Plan.tables(resources, rateBook)
        let measured = Self.earnedValue(project, against: baseline, activities: activities, approvedLines: lines,
                                        expenses: expenses,
                                        plan: Plan(assignments: assignments, rates: tables.rates, names: tables.names,
                                                   exchangeRates: rateBook.exchangeRates),
                                        asOf: asOf)
        result.evm = measured.evm
        result.measured = measured
        result.unavailable = measured.unavailable
        return result
    }

    /// What the bottom-up ETC prices: the project's assignments, the rate table of each resource assigned (and
    /// their names, for errors), and the exchange rates.
    public struct Plan: Sendable {
        public var assignments: [Assignment]
        public var rates: [Resource.ID: RateTable]
        public var names: [Resource.ID: String]
        public var exchangeRates: ExchangeRates

        public init(assignments: [Assignment], rates: [Resource.ID: RateTable], names: [Resource.ID: String],
                    exchangeRates: ExchangeRates) {
            self.assignments = assignments; self.rates = rates; self.names = names; self.exchangeRates = exchangeRates
        }

        /// The tables of `resources` priced by `book` (a resource whose rates are malformed is left out, so the
        /// estimate names it as unpriced).
        public static func tables(_ resources: [Resource], _ book: RateBook) -> (rates: [Resource.ID: RateTable], names: [Resource.ID: String]) {
            var rates: [Resource.ID: RateTable] = [:], names: [Resource.ID: String] = [:]
            for r in resources {
                names[r.id] = r.name
                if let table = try? book.table(for: r) { rates[r.id] = table }
            }
            return (rates, names)
        }
    }

    /// A project's earned value against a baseline, or why there is none.
    public struct Measured: Sendable {
        public var evm: ProjectEarnedValue?
        public var unavailable: String?
        /// The baseline and the indices of its activities that plan a cost, in its WBS order (the rows of
        /// `evm.activities`); kept as indices so that a portfolio's roll-up copies no rows it does not show.
        var baseline: Baseline?
        var costed: [Int] = []

        /// Activity rows in the baseline's WBS order, with their amounts.
        public var rows: [(activity: BaselineActivity, amounts: EarnedValueAmounts)] {
            guard let evm, let baseline else { return [] }
            return zip(costed, evm.activities).map { (baseline.activities[$0], $1.amounts) }
        }

        init(evm: ProjectEarnedValue?, baseline: Baseline? = nil, costed: [Int] = [], unavailable: String?) {
            self.evm = evm; self.baseline = baseline; self.costed = costed; self.unavailable = unavailable
        }
    }

    /// The pure part of `compute`: the project's earned value against `baseline` from its rows — its activities,
    /// its approved timesheet lines and its expenses (the approved ones count) — with no I/O, so that the benchmark
    /// times it apart from the reads.
    public static func earnedValue(_ project: Project, against baseline: Baseline, activities: [Activity],
                                   approvedLines lines: [TimesheetLine], expenses: [Expense], plan: Plan? = nil,
                                   asOf: CalendarDate) -> Measured {
        let costed = baseline.activities.indices.filter { baseline.activities[$0].plannedValue != nil }
        guard !costed.isEmpty else {
            return Measured(evm: nil, unavailable: "baseline '\(baseline.name)' was saved before costs were kept: save a new baseline")
        }
        guard baseline.currency == nil || baseline.currency == project.currency else {
            return Measured(evm: nil, unavailable: "baseline '\(baseline.name)' is in \(baseline.currency!.code) but the project is in \(project.currency.code): save a new baseline")
        }
        let currency = project.currency
        // Rows are read in place, by index: a portfolio has a hundred thousand of them, and copying each costs more
        // than its arithmetic. Costs are priced in the project's currency when approved; any in another (the
        // project's currency changed since) would be a wrong sum, so earned value waits until they are dealt with.
        var foreign = 0
        for i in lines.indices where lines[i].state == .approved && lines[i].currency != nil && lines[i].currency != currency {
            foreign += 1
        }
        for i in expenses.indices where expenses[i].state == .approved && expenses[i].currency != currency { foreign += 1 }
        if foreign > 0 {
            return Measured(evm: nil, unavailable: "\(foreign) approved cost\(foreign == 1 ? " is" : "s are") not in the project's currency \(currency.code) (it changed after they were approved): actual cost cannot be added up until they are re-entered in \(currency.code)")
        }
        let slot = PositionIndex(costed.map { baseline.activities[$0].activityId.rawValue })
        var percent = [Double](repeating: 0, count: costed.count)
        for i in activities.indices {
            if let k = slot[activities[i].id.rawValue] { percent[k] = activities[i].earnedPercent }
        }
        var inputs: [ProjectEarnedValue.ActivityInput] = []
        inputs.reserveCapacity(costed.count)
        for (k, i) in costed.enumerated() {
            inputs.append(.init(id: baseline.activities[i].activityId.rawValue, plannedValue: baseline.activities[i].plannedValue ?? [],
                                percent: percent[k]))
        }
        var actual: [ProjectEarnedValue.ActualCost] = []
        actual.reserveCapacity(lines.count * 5 + expenses.count)
        for i in lines.indices where lines[i].state == .approved && lines[i].currency == currency {
            TimesheetLine.appendCostByDay(of: lines, at: i, activity: lines[i].activityId.flatMap { slot[$0.rawValue] } ?? -1, to: &actual)
        }
        for i in expenses.indices where expenses[i].state == .approved && expenses[i].currency == currency {
            actual.append(.init(activity: expenses[i].activityId.flatMap { slot[$0.rawValue] } ?? -1,
                                day: expenses[i].spentOn.daysSinceEpoch, minor: expenses[i].amountMinor))
        }
        // The bottom-up ETC: the current plan's remaining work and fixed cost (none when a rate is missing).
        let remaining = plan.flatMap {
            try? RemainingCost.estimate(activities: activities, assignments: $0.assignments, rates: $0.rates, names: $0.names,
                                        currency: currency, exchangeRates: $0.exchangeRates, on: asOf)
        }
        do {
            let evm = try ProjectEarnedValue(currency: currency, statusDate: asOf, activities: inputs, actualCosts: actual,
                                             bottomUpEstimateToComplete: remaining)
            return Measured(evm: evm, baseline: baseline, costed: costed, unavailable: nil)
        } catch {
            return Measured(evm: nil, unavailable: error.message)
        }
    }

    static func money(_ project: Project, lines: [TimesheetLine], expenses: [Expense],
                      in s: any StoreSession) async throws -> ProjectMoney {
        let filter: [String: FilterValue] = ["project_id": .int(project.id.rawValue)]
        let budget = try await s.list(BudgetLine.self, ListQuery(filters: filter))
        let funding = try await s.list(FundingSource.self, ListQuery(filters: filter))
        var months: [CalendarMonth: ProjectMoney.Month] = [:]
        func touch(_ m: CalendarMonth) { if months[m] == nil { months[m] = .init(month: m, original: 0, current: 0, fundedToDate: 0, spent: 0) } }
        var totals: [BudgetVersion: Int64] = [:]
        for b in budget {
            touch(b.month)
            totals[b.budgetVersion, default: 0] += b.amountMinor
            if b.budgetVersion == .original { months[b.month]!.original += b.amountMinor } else { months[b.month]!.current += b.amountMinor }
        }
        var spent: Int64 = 0
        for line in lines where line.state == .approved {
            for d in line.costByDay { touch(CalendarMonth(d.day)); months[CalendarMonth(d.day)]!.spent += d.minor; spent += d.minor }
        }
        var pending: Int64 = 0
        for e in expenses {
            if e.state == .approved { touch(CalendarMonth(e.spentOn)); months[CalendarMonth(e.spentOn)]!.spent += e.amountMinor; spent += e.amountMinor }
            if e.state == .submitted { pending += e.amountMinor }
        }
        for f in funding { touch(CalendarMonth(f.availableFrom)) }
        var list: [ProjectMoney.Month] = []
        if let first = months.keys.min(), let last = months.keys.max() {
            for m in first.through(last) {
                var row = months[m] ?? .init(month: m, original: 0, current: 0, fundedToDate: 0, spent: 0)
                row.fundedToDate = funding.filter { CalendarMonth($0.availableFrom) <= m }.reduce(0) { $0 + $1.amountMinor }
                list.append(row)
            }
        }
        return ProjectMoney(currency: project.currency, budget: totals, funding: funding.reduce(0) { $0 + $1.amountMinor },
                            spent: spent, pendingExpenses: pending, months: list)
    }

    /// A portfolio's (or one program's) projects with their earned value, and the roll-up in its reporting currency.
    public struct Rollup: Sendable {
        public var portfolio: Portfolio
        public var program: Program?
        public var statusDate: CalendarDate
        public var currency: Currency
        public var projects: [ProjectEVM]
        /// The projects with earned value, converted and summed; nil with `problem` when a rate is missing.
        public var total: EarnedValueAmounts?
        public var problem: String?
        /// Budget (current), funding and spend, converted and summed.
        public var budget: Money?
        public var funding: Money?
        public var spent: Money?
        /// Budget, funding available and spend per month, in the reporting currency (each month at its own rate).
        public var money: ProjectMoney?
    }

    public func portfolio(_ id: Portfolio.ID, program: Program.ID? = nil, asOf: CalendarDate? = nil,
                          _ caller: Caller) async throws -> Rollup {
        let today = clock.now().date
        return try await store.read { s in
            guard let portfolio = try await s.get(Portfolio.self, id) else { throw ServiceError.notFound(Portfolio.self, id) }
            try caller.require(.view, .finances(portfolioOwnerId: nil, managerId: nil))
            var filter: [String: FilterValue] = ["portfolio_id": .int(id.rawValue)]
            var programRecord: Program?
            if let program {
                guard let p = try await s.get(Program.self, program), p.portfolioId == id else { throw ServiceError.notFound(Program.self, program) }
                programRecord = p
                filter["program_id"] = .int(program.rawValue)
            }
            let projects = try await s.list(Project.self, ListQuery(filters: filter)).filter { $0.state != .cancelled }
            let date = asOf ?? today
            var rows: [ProjectEVM] = []
            let book = try await RateBook.load(in: s)
            for p in projects { rows.append(try await Self.compute(p, asOf: asOf ?? p.statusDate ?? date, book: book, in: s)) }
            return try await Self.rollUp(portfolio, program: programRecord, rows, asOf: date, in: s)
        }
    }

    static func rollUp(_ portfolio: Portfolio, program: Program?, _ rows: [ProjectEVM], asOf: CalendarDate,
                       in s: any StoreSession) async throws -> Rollup {
        let book = try await RateBook.load(in: s)
        let month = CalendarMonth(asOf)
        var out = Rollup(portfolio: portfolio, program: program, statusDate: asOf, currency: portfolio.reportingCurrency,
                         projects: rows)
        do {
            out.total = try EarnedValueAmounts.rollUp(rows.compactMap { $0.evm?.total }, to: portfolio.reportingCurrency,
                                                      in: month, rates: book.exchangeRates)
            func convert(_ minor: Int64, _ currency: Currency) throws(MoneyError) -> Money {
                try book.exchangeRates.convert(Money(minorUnits: minor, currency: currency), to: portfolio.reportingCurrency, in: month)
            }
            var budget = Money.zero(portfolio.reportingCurrency), funding = budget, spent = budget
            for r in rows {
                budget = try budget.adding(convert(r.money.budget[.current] ?? r.money.budget[.original] ?? 0, r.money.currency))
                funding = try funding.adding(convert(r.money.funding, r.money.currency))
                spent = try spent.adding(convert(r.money.spent, r.money.currency))
            }
            out.budget = budget; out.funding = funding; out.spent = spent
            // The chart by month needs every month's rate of every project's currency; without them it is left out,
            // and the totals above (at the status month's rates) still stand.
            out.money = try? Self.monthly(rows.map(\.money), in: portfolio.reportingCurrency, rates: book.exchangeRates)
        } catch {
            out.problem = error.message
        }
        return out
    }

    /// Projects' months side by side in one currency, each month's amounts at that month's rate.
    static func monthly(_ parts: [ProjectMoney], in currency: Currency, rates: ExchangeRates) throws(MoneyError) -> ProjectMoney {
        let all = parts.flatMap { $0.months.map(\.month) }
        var months: [ProjectMoney.Month] = []
        var budget: [BudgetVersion: Int64] = [:], funding: Int64 = 0, spent: Int64 = 0, pending: Int64 = 0
        func convert(_ minor: Int64, _ from: Currency, _ month: CalendarMonth) throws(MoneyError) -> Int64 {
            try rates.convert(Money(minorUnits: minor, currency: from), to: currency, in: month).minorUnits
        }
        if let first = all.min(), let last = all.max() {
            for m in first.through(last) {
                var row = ProjectMoney.Month(month: m, original: 0, current: 0, fundedToDate: 0, spent: 0)
                for p in parts {
                    if let own = p.months.first(where: { $0.month == m }) {
                        row.original += try convert(own.original, p.currency, m)
                        row.current += try convert(own.current != 0 ? own.current : own.original, p.currency, m)
                        row.spent += try convert(own.spent, p.currency, m)
                    }
                    // Funding is a stock: outside the project's own months it is valued at its nearest month's rate.
                    let funded = p.months.last(where: { $0.month <= m })?.fundedToDate ?? 0
                    if funded != 0, let own = p.months.first?.month, let end = p.months.last?.month {
                        row.fundedToDate += try convert(funded, p.currency, min(max(m, own), end))
                    }
                }
                months.append(row)
            }
        }
        for p in parts {
            let m = p.months.last?.month ?? CalendarMonth(year: 2000, month: 1)!
            for (v, amount) in p.budget { budget[v, default: 0] += try convert(amount, p.currency, m) }
            funding += try convert(p.funding, p.currency, m)
            spent += try convert(p.spent, p.currency, m)
            pending += try convert(p.pendingExpenses, p.currency, m)
        }
        return ProjectMoney(currency: currency, budget: budget, funding: funding, spent: spent, pendingExpenses: pending, months: months)
    }

    /// Keeps the project's earned value at the status date, so the S-curve shows EV as reported over time.
    @discardableResult
    public func recordSnapshot(_ id: Project.ID, asOf: CalendarDate? = nil, _ caller: Caller) async throws -> ProgressSnapshot {
        let now = clock.now()
        return try await store.write { s in
            guard let project = try await s.get(Project.self, id) else { throw ServiceError.notFound(Project.self, id) }
            let report = try await Self.compute(project, asOf: asOf ?? project.statusDate ?? now.date, in: s)
            guard let evm = report.evm else {
                throw ServiceError(.conflict, report.unavailable ?? "project \(project.code) has no earned value yet")
            }
            let t = evm.total
            let snap = ProgressSnapshot(projectId: id, asOf: report.statusDate, baselineId: report.baseline?.id,
                                        currency: project.currency, bacMinor: t.budgetAtCompletion.minorUnits,
                                        pvMinor: t.plannedValue.minorUnits, evMinor: t.earnedValue.minorUnits,
                                        acMinor: t.actualCost.minorUnits, createdAt: now, updatedAt: now)
            if let old = try await s.list(ProgressSnapshot.self, ListQuery(filters: [
                "project_id": .int(id.rawValue), "as_of": .text(report.statusDate.description)])).first {
                try caller.require(.update, try await ProgressSnapshot.subject(of: old, in: s))
                var next = snap
                next.id = old.id; next.version = old.version; next.createdAt = old.createdAt
                guard let saved = try await s.update(next, expectedVersion: old.version) else {
                    throw ServiceError(.versionMismatch, "the snapshot changed meanwhile; try again")
                }
                try await Audit.record(.update, saved, before: old, after: saved, by: caller, at: now, in: s)
                return saved
            }
            return try await Catalog.insert(snap, by: caller, at: now, in: s)
        }
    }
}

extension EarnedValueAmounts {
    /// The usual measures, exact, with undefined ratios carrying their reason.
    public var measures: ExactEarnedValue { ExactEarnedValue(self) }
}

/// Positions of ids, as a dictionary would give them but without hashing when the ids lie close together (a
/// project's activities are created together, so their ids mostly do): then a table indexed by id.
struct PositionIndex {
    private let base: Int64
    private let table: [Int32]
    private let others: [Int64: Int]

    init(_ ids: [Int64]) {
        let low = ids.min() ?? 0, high = ids.max() ?? -1
        let span = high >= low ? Int(clamping: high - low + 1) : 0
        if span > 0 && span <= 4 * ids.count + 64 && ids.count < Int32.max {
            var table = [Int32](repeating: -1, count: span)
            for (k, id) in ids.enumerated() where table[Int(id - low)] < 0 { table[Int(id - low)] = Int32(k) }
            base = low; self.table = table; others = [:]
        } else {
            var others: [Int64: Int] = [:]
            for (k, id) in ids.enumerated() where others[id] == nil { others[id] = k }
            base = 0; table = []; self.others = others
        }
    }

    subscript(id: Int64) -> Int? {
        if table.isEmpty { return others[id] }
        let offset = id &- base
        guard offset >= 0 && offset < Int64(table.count) else { return nil }
        let k = table[Int(offset)]
        return k < 0 ? nil : Int(k)
    }
}
