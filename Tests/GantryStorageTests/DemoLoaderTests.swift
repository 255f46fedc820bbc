import Foundation
import GantryAnalytics
import GantryModel
import GantryServices
import GantryStorage
import Testing

/// Readable stand-ins for the real secrets: the loader's logic, not bcrypt, is under test here.
struct PlainSecrets: Secrets {
    func newToken() -> String { "token-\(Int.random(in: 0..<1_000_000_000))" }
    func digest(_ token: String) -> String { "d:" + token }
    func hashPassword(_ password: String) -> String { "h:" + password }
    func verifyPassword(_ password: String, hash: String) -> Bool { hash == "h:" + password }
}

@Suite("Demo loader")
struct DemoLoaderTests {
    static let today = CalendarDate(year: 2026, month: 11, day: 28)!

    @Test("an empty database takes the demo; loading again only gives the demo users a new password")
    func loadThenRefresh() async throws {
        try await TestDatabase.with(.sqlite) { store, _ in
            let loader = DemoLoader(store: store, clock: FixedClock(time: .at("2026-11-28T12:00:00Z")), secrets: PlainSecrets())
            #expect(try await loader.refreshPasswords() == nil)  // nothing to refresh on an empty database
            #expect(try await loader.isEmpty())
            let data = DemoData.generate(today: Self.today)
            let loaded = try await loader.load(data)
            #expect(try await !loader.isEmpty())
            // The generated projects, and the two the capacity demo staffs by allocations, without a plan.
            #expect(loaded.projects == data.projects.count + DemoData.unplannedProjectCodes.count)
            #expect(try await store.read { try await $0.count(Activity.self, [:]) } == loaded.activities)

            let refreshed = try #require(try await loader.refreshPasswords())
            #expect(refreshed.password != loaded.password)
            #expect(Set(refreshed.users.map(\.username)) == Set(data.users.map(\.username)))
            let admin = try #require(try await store.read { try await $0.passwordDigest(username: "admin") })
            #expect(admin.1 == "h:" + refreshed.password)
            #expect(try await store.read { try await $0.count(Project.self, [:]) } == loaded.projects)  // no second copy
        }
    }

    @Test("the demo's money: over and under budget, behind and ahead, time priced at the rates in force, approvals in every state")
    func money() async throws {
        try await TestDatabase.with(.sqlite) { store, _ in
            let clock = FixedClock(time: .at("2026-11-28T12:00:00Z"))
            _ = try await DemoLoader(store: store, clock: clock, secrets: PlainSecrets()).load(DemoData.generate(today: Self.today))
            let catalog = Catalog(store: store, clock: clock)
            let projects = try await catalog.all(Project.self, .system, [:])
            let planned = projects.filter { $0.state == .active && !DemoData.unplannedProjectCodes.contains($0.code) }
            // Projects under way measure at the end of last week, the last week of timesheets.
            #expect(planned.allSatisfy { $0.statusDate == .at("2026-11-22") })
            let evm = try await store.read { s in
                var out: [MoneyReports.ProjectEVM] = []
                for p in planned { out.append(try await MoneyReports.compute(p, asOf: p.statusDate ?? Self.today, in: s)) }
                return out
            }
            // Every active project with a plan is measured against its performance baseline, in its own currency;
            // those started by the status date have PV, EV and AC.
            #expect(evm.allSatisfy { $0.evm != nil && $0.baseline?.performance == true })
            let totals = evm.compactMap { $0.evm?.total }.filter { $0.plannedValue.minorUnits > 0 }
            #expect(totals.count >= 8)
            #expect(totals.contains { $0.currency == .usd } && totals.contains { $0.currency == .eur })
            let cpi = totals.compactMap { $0.measures.costPerformanceIndex.value }
            let spi = totals.compactMap { $0.measures.schedulePerformanceIndex.value }
            #expect(cpi.count == totals.count && spi.count == totals.count)
            #expect(cpi.contains { $0 < 1 } && cpi.contains { $0 > 1 })
            #expect(spi.contains { $0 < 1 } && spi.contains { $0 > 1 })
            // Some run over budget and behind at once, some under budget and ahead.
            #expect(totals.contains { $0.measures.costPerformanceIndex.value! < 0.95 && $0.measures.schedulePerformanceIndex.value! < 0.95 })
            #expect(totals.contains { $0.measures.costPerformanceIndex.value! > 1.05 && $0.measures.schedulePerformanceIndex.value! > 1.05 })

            // The rates the demo defines, an hour, to 2026-09-30 and from 2026-10-01 (the first day of last month):
            // Tom Team's own 90.00 then 95.00; developers 85.00 then 89.00, testers 70.00 then 73.00 and solution
            // architects 120.00 then 126.00 by their role. In the week of Monday 2026-09-28 an approved line prices
            // Monday to Wednesday at the one and Thursday to Sunday at the other: cost = minutes × rate / 60.
            let people = try await catalog.all(Resource.self, .system, [:])
            let tom = try #require(people.first { $0.name == DemoData.teamMemberResource })
            let own = Set(try await catalog.all(CostRate.self, .system, [:]).compactMap(\.resourceId))
            var rates: [Resource.ID: (Int, Int)] = [tom.id: (9_000, 9_500)]
            let byRole = ["Developer": (8_500, 8_900), "Tester": (7_000, 7_300), "Solution architect": (12_000, 12_600)]
            for p in people where p.kind == .person && !own.contains(p.id) { rates[p.id] = byRole[p.role] }
            let euros = Set(projects.filter { $0.currency == .eur }.map(\.id))
            let week = try await catalog.all(TimesheetLine.self, .system, ["week_start": .text("2026-09-28"), "state": .text("approved")])
                .filter { rates[$0.resourceId] != nil && $0.projectId.map(euros.contains) == true }
            #expect(week.contains { $0.minutes[0..<3].reduce(0, +) > 0 && $0.minutes[3..<7].reduce(0, +) > 0 })
            for line in week {
                let (before, after) = rates[line.resourceId]!
                let early = line.minutes[0..<3].reduce(0, +), late = line.minutes[3..<7].reduce(0, +)
                #expect(line.costMinor == Int64(early * before / 60 + late * after / 60) && line.currency == .eur)
            }
            // And a week after the raise, all at the new rate.
            let later = try await catalog.all(TimesheetLine.self, .system, ["week_start": .text("2026-10-19"), "state": .text("approved")])
                .filter { rates[$0.resourceId] != nil && $0.projectId.map(euros.contains) == true }
            #expect(!later.isEmpty)
            for line in later { #expect(line.costMinor == Int64(line.totalMinutes * rates[line.resourceId]!.1 / 60)) }

            // Approvals in every state: last week's lines wait, one line was rejected with its reason, and so were
            // expenses; someone's week is missing between two they filled in.
            let lines = try await catalog.all(TimesheetLine.self, .system, [:])
            #expect(lines.contains { $0.state == .submitted && $0.weekStart == .at("2026-11-16") })
            #expect(!lines.contains { $0.state == .submitted && $0.weekStart < .at("2026-11-16") })
            let rejected = lines.filter { $0.state == .rejected }
            #expect(rejected.count == 1 && rejected.allSatisfy { !$0.reason.isEmpty && $0.costMinor == nil })
            #expect(lines.filter { $0.state == .approved }.allSatisfy { ($0.costMinor ?? 0) > 0 })
            let expenses = try await catalog.all(Expense.self, .system, [:])
            #expect(expenses.contains { $0.state == .approved } && expenses.contains { $0.state == .submitted })
            #expect(expenses.contains { $0.state == .rejected && !$0.reason.isEmpty })
            let sheets = try await catalog.all(Timesheet.self, .system, [:])
            let weeks = Dictionary(grouping: sheets, by: \.resourceId).mapValues { Set($0.map(\.weekStart)) }
            #expect(weeks.values.contains { w in w.contains { !w.contains($0.adding(days: 7)) && w.contains($0.adding(days: 14)) } })

            // Budgets by month in both versions, changed on some projects; some funded below their budget.
            let budget = try await catalog.all(BudgetLine.self, .system, [:])
            let byProject = Dictionary(grouping: budget, by: \.projectId)
            func total(_ l: [BudgetLine], _ v: BudgetVersion) -> Int64 { l.filter { $0.budgetVersion == v }.reduce(0) { $0 + $1.amountMinor } }
            #expect(byProject.values.contains { total($0, .current) > total($0, .original) })
            #expect(byProject.values.contains { total($0, .current) < total($0, .original) })
            let funding = Dictionary(grouping: try await catalog.all(FundingSource.self, .system, [:]), by: \.projectId)
                .mapValues { $0.reduce(0) { $0 + $1.amountMinor } }
            #expect(byProject.contains { id, l in (funding[id] ?? 0) < total(l, .current) })

            // The S-curve's history: a snapshot at each of the last three month ends, earned value growing.
            let snapshots = Dictionary(grouping: try await catalog.all(ProgressSnapshot.self, .system, [:]), by: \.projectId)
            #expect(snapshots.count >= planned.count)
            for (_, list) in snapshots {
                let ordered = list.sorted { $0.asOf < $1.asOf }
                #expect(ordered.map(\.asOf).allSatisfy { [.at("2026-08-31"), .at("2026-09-30"), .at("2026-10-31")].contains($0) })
                #expect(zip(ordered, ordered.dropFirst()).allSatisfy { $0.evMinor <= $1.evMinor && $0.acMinor <= $1.acMinor })
            }

            // Every portfolio rolls up in euros, the dollar project converted at the month's rate.
            let money = MoneyReports(store: store, clock: clock)
            for portfolio in try await catalog.all(Portfolio.self, .system, [:]) {
                for day in [Self.today, .at("2026-11-22"), .at("2026-08-31")] {
                    let rollup = try await money.portfolio(portfolio.id, asOf: day, .system)
                    #expect(rollup.problem == nil && rollup.total != nil)
                }
            }

            // The status reports' numbers are the projects' earned value.
            let reports = try await catalog.all(StatusReport.self, .system, [:])
            let measured = try #require(reports.first { r in planned.contains { $0.id == r.projectId } })
            let amounts = try #require(evm.first { $0.project.id == measured.projectId }?.evm?.total)
            let ev = amounts.earnedValue.minorUnits, ac = amounts.actualCost.minorUnits
            #expect(measured.valueBasis == .cost && measured.currency == amounts.currency.code)
            #expect(measured.earnedValue == Double(ev) && measured.actualCostMinor == ac)
            let expected: Double? = ac == 0 ? nil : Double(ev) / Double(ac)
            #expect(measured.cpi == expected)
        }
    }

    @Test("a database that is not the demo is left alone")
    func notTheDemo() async throws {
        try await TestDatabase.with(.sqlite) { store, _ in
            let accounts = Accounts(store: store, clock: FixedClock(time: .at("2026-11-28T12:00:00Z")), secrets: PlainSecrets())
            _ = try await accounts.createUser(username: "alice", displayName: "Alice", email: "alice@example.org",
                                              role: .admin, password: "a long password", .system)
            let loader = DemoLoader(store: store, clock: FixedClock(time: .at("2026-11-28T12:00:00Z")), secrets: PlainSecrets())
            #expect(try await !loader.isEmpty())
            #expect(try await loader.refreshPasswords() == nil)
            #expect(try await store.read { try await $0.passwordDigest(username: "alice") }?.1 == "h:a long password")
        }
    }
}
