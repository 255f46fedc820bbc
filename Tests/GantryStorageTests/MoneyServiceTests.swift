import FoundationEssentials
import GantryAnalytics
import GantryModel
import GantryServices
import GantryStorage
import Testing

/// Money on a real store, SQLite and PostgreSQL (issue #15): timesheets priced at the rate in force each day and in
/// the project's currency, closed months, rejections, who approves, earned value against a saved baseline, and the
/// baselines' rules. Every expected amount is worked by hand in the comment above it.
///
/// The calendar is the standard one (Monday to Friday, 8 h a day). Monday 1 March 2027 starts ISO week 2027-W09.
@Suite("Money on a real store")
struct MoneyServiceTests {
    static let t = Timestamp.at("2027-03-15T09:00:00.000Z")
    static func d(_ s: String) -> CalendarDate { CalendarDate.at(s) }
    static func eur(_ minor: Int64) -> Money { Money(minorUnits: minor, currency: .eur) }

    /// A PMO director, the project's manager, another project's manager, two team members who book time, and one
    /// EUR project with three activities.
    struct Org {
        var store: SQLStore
        var catalog: Catalog
        var timesheets: Timesheets
        var reports: MoneyReports
        var dana: User   // PMO director
        var pete: User   // P1's manager
        var uma: User    // another project's manager
        var ann: User    // team member
        var tom: User    // team member
        var annR: Resource
        var tomR: Resource
        var peteR: Resource
        var pf: Portfolio
        var p1: Project
        var a: Activity
        var b: Activity
        var c: Activity

        func line(_ resource: Resource, week: String) async throws -> TimesheetLine {
            let week = try await timesheets.week(of: resource.id, starting: MoneyServiceTests.d(week), .system)
            return try #require(week.lines.first)
        }

        /// Saves one project line for the week (replacing the week's open lines) as the person.
        @discardableResult
        func book(_ resource: Resource, as user: User, week: String, _ activity: Activity, _ minutes: [Int],
                  line: TimesheetLine.ID? = nil) async throws -> TimesheetLine {
            try await timesheets.save(resource.id, week: MoneyServiceTests.d(week), rows: [
                .init(lineId: line, projectId: activity.projectId, activityId: activity.id, minutes: minutes)], .user(user))
            return try await self.line(resource, week: week)
        }

        func evm(_ project: Project, asOf: String) async throws -> MoneyReports.ProjectEVM {
            try await reports.project(project.id, asOf: MoneyServiceTests.d(asOf), .user(pete))
        }
    }

    static func org(_ store: SQLStore) async throws -> Org {
        let clock = FixedClock(time: t)
        let catalog = Catalog(store: store, clock: clock)
        func user(_ name: String, _ role: Role) async throws -> User {
            try await catalog.create(User(username: name, displayName: name.capitalized, role: role, createdAt: t, updatedAt: t), .system)
        }
        let dana = try await user("dana", .pmoDirector), pete = try await user("pete", .projectManager)
        let uma = try await user("uma", .projectManager), ann = try await user("ann", .teamMember)
        let tom = try await user("tom", .teamMember)
        func person(_ u: User) async throws -> Resource {
            try await catalog.create(Resource(name: u.displayName, role: "Developer", userId: u.id, createdAt: t, updatedAt: t), .system)
        }
        let annR = try await person(ann), tomR = try await person(tom), peteR = try await person(pete)
        let pf = try await catalog.create(Portfolio(code: "PF", name: "Portfolio", createdAt: t, updatedAt: t), .system)
        let p1 = try await catalog.create(Project(portfolioId: pf.id, code: "P1", name: "Portal", managerId: pete.id,
                                                  state: .active, createdAt: t, updatedAt: t), .system)
        _ = try await catalog.create(Project(portfolioId: pf.id, code: "P2", name: "Other", managerId: uma.id,
                                             state: .active, createdAt: t, updatedAt: t), .system)
        func activity(_ code: String, _ first: String, _ last: String, days: Double) async throws -> Activity {
            try await catalog.create(Activity(projectId: p1.id, code: code, name: "Work \(code)", duration: .days(days),
                                              plannedStart: d(first), plannedFinish: d(last), createdAt: t, updatedAt: t), .system)
        }
        let a = try await activity("A", "2027-03-01", "2027-03-05", days: 5)
        let b = try await activity("B", "2027-03-08", "2027-03-12", days: 5)
        let c = try await activity("C", "2027-03-10", "2027-03-11", days: 2)
        return Org(store: store, catalog: catalog, timesheets: Timesheets(store: store, clock: clock),
                   reports: MoneyReports(store: store, clock: clock), dana: dana, pete: pete, uma: uma, ann: ann, tom: tom,
                   annR: annR, tomR: tomR, peteR: peteR, pf: pf, p1: p1, a: a, b: b, c: c)
    }

    /// A rate per hour for a resource from a day.
    static func rate(_ o: Org, _ r: Resource, from day: String, _ minor: Int64, _ currency: Currency = .eur) async throws {
        _ = try await o.catalog.create(CostRate(resourceId: r.id, effectiveFrom: d(day), rateMinor: minor, currency: currency,
                                                createdAt: t, updatedAt: t), .system)
    }

    /// The refusal `body` throws, or nil (recorded as an issue) when it succeeds or throws something else.
    static func refusal(_ body: () async throws -> Void) async -> ServiceError? {
        do {
            try await body()
            Issue.record("expected a refusal, but it succeeded")
        } catch let e as ServiceError {
            return e
        } catch {
            Issue.record("expected a ServiceError, got \(error)")
        }
        return nil
    }

    static let fullWeek = [480, 480, 480, 480, 480, 0, 0]

    @Test("a rate change mid-week prices each day at its own rate: 3 × 800.00 + 2 × 960.00 = 4,320.00, the project's AC",
          arguments: Backend.available)
    func rateChangeMidWeek(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let o = try await Self.org(store)
            // EUR 100.00/h, then EUR 120.00/h from Thursday 4 March.
            try await Self.rate(o, o.annR, from: "2027-01-01", 100_00)
            try await Self.rate(o, o.annR, from: "2027-03-04", 120_00)
            _ = try await o.catalog.create(Baseline(projectId: o.p1.id, name: "Plan", createdAt: Self.t, updatedAt: Self.t), .system)
            let draft = try await o.book(o.annR, as: o.ann, week: "2027-03-01", o.a, Self.fullWeek)
            #expect(draft.state == .draft && draft.costMinor == nil)
            #expect(try await o.timesheets.submit(o.annR.id, week: Self.d("2027-03-03"), .user(o.ann)) == 1)
            #expect(try await o.line(o.annR, week: "2027-03-01").state == .submitted)
            try await o.timesheets.decide(lines: [draft.id], .approve, .user(o.pete))

            let approved = try await o.line(o.annR, week: "2027-03-01")
            // Monday to Wednesday 8 h × 100.00 = 800.00 a day; Thursday and Friday 8 h × 120.00 = 960.00 a day:
            // 2,400.00 + 1,920.00 = 4,320.00.
            #expect(approved.state == .approved && approved.decidedBy == o.pete.id)
            #expect(approved.cost == Self.eur(4_320_00))
            #expect(approved.costByDay.map(\.minor) == [800_00, 800_00, 800_00, 960_00, 960_00])
            let report = try await o.evm(o.p1, asOf: "2027-03-05")
            #expect(report.money.spent == 4_320_00)
            #expect(report.evm?.total.actualCost == Self.eur(4_320_00))
            // Through Wednesday only the first three days count.
            #expect(try await o.evm(o.p1, asOf: "2027-03-03").evm?.total.actualCost == Self.eur(2_400_00))
        }
    }

    @Test("a rate in USD on a EUR project: refused without the month's USD→EUR rate (naming it, changing nothing); converted month by month with it",
          arguments: Backend.available)
    func foreignRate(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let o = try await Self.org(store)
            try await Self.rate(o, o.tomR, from: "2027-01-01", 100_00, .usd)
            _ = try await o.catalog.create(Baseline(projectId: o.p1.id, name: "Plan", createdAt: Self.t, updatedAt: Self.t), .system)
            // The week of Monday 29 March: Monday to Wednesday in March, Thursday and Friday in April.
            let line = try await o.book(o.tomR, as: o.tom, week: "2027-03-29", o.b, Self.fullWeek)
            try await o.timesheets.submit(o.tomR.id, week: Self.d("2027-03-29"), .user(o.tom))
            _ = try await o.catalog.create(ExchangeRate(month: CalendarMonth(year: 2027, month: 3)!, fromCurrency: .usd, toCurrency: .eur,
                                                        rate: "0.92", createdAt: Self.t, updatedAt: Self.t), .system)
            let submitted = try await o.line(o.tomR, week: "2027-03-29")

            let e = try #require(await Self.refusal { try await o.timesheets.decide(lines: [line.id], .approve, .user(o.pete)) })
            #expect(e.code == .conflict)
            #expect(e.message.contains("2027-04") && e.message.contains("USD") && e.message.contains("EUR"), "\(e.message)")
            let after = try await o.line(o.tomR, week: "2027-03-29")
            #expect(after == submitted)
            #expect(try await Audit(store: store).entries(AuditQuery(kind: "timesheet_line", action: "approve"), .system).items.isEmpty)
            #expect(try await o.evm(o.p1, asOf: "2027-04-30").money.spent == 0)

            _ = try await o.catalog.create(ExchangeRate(month: CalendarMonth(year: 2027, month: 4)!, fromCurrency: .usd, toCurrency: .eur,
                                                        rate: "0.95", createdAt: Self.t, updatedAt: Self.t), .system)
            try await o.timesheets.decide(lines: [line.id], .approve, .user(o.pete))
            // March: 24 h × USD 100.00 = USD 2,400.00 × 0.92 = EUR 2,208.00; April: 16 h × USD 100.00 = USD 1,600.00
            // × 0.95 = EUR 1,520.00. Together EUR 3,728.00.
            let approved = try await o.line(o.tomR, week: "2027-03-29")
            #expect(approved.cost == Self.eur(3_728_00))
            // Each day: 8 h × USD 100.00 = USD 800.00, × 0.92 = EUR 736.00 in March, × 0.95 = EUR 760.00 in April.
            #expect(approved.costByDay.map(\.minor) == [736_00, 736_00, 736_00, 760_00, 760_00])
            let report = try await o.evm(o.p1, asOf: "2027-04-30")
            #expect(report.evm?.total.actualCost == Self.eur(3_728_00))
            #expect(report.money.months.map(\.spent) == [2_208_00, 1_520_00])
            #expect(try await o.evm(o.p1, asOf: "2027-03-31").evm?.total.actualCost == Self.eur(2_208_00))
        }
    }

    @Test("after the PMO closes a month nothing dated in it is saved, submitted, approved or changed (409 naming it); reopening allows it; both are audited",
          arguments: Backend.available)
    func closedMonth(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let o = try await Self.org(store)
            try await Self.rate(o, o.annR, from: "2027-01-01", 100_00)
            try await Self.rate(o, o.tomR, from: "2027-01-01", 50_00)
            // Before the close: Ann's week of 1 March is a draft, Tom's week of 8 March is submitted, Ann's expense of
            // 10 March is submitted.
            let annLine = try await o.book(o.annR, as: o.ann, week: "2027-03-01", o.a, Self.fullWeek)
            let tomLine = try await o.book(o.tomR, as: o.tom, week: "2027-03-08", o.b, Self.fullWeek)
            try await o.timesheets.submit(o.tomR.id, week: Self.d("2027-03-08"), .user(o.tom))
            let expense = try await o.catalog.create(Expense(projectId: o.p1.id, activityId: o.c.id, spentOn: Self.d("2027-03-10"),
                                                             amountMinor: 120_00, description: "Train to the client",
                                                             submittedBy: o.ann.id, createdAt: Self.t, updatedAt: Self.t), .user(o.ann))
            #expect(expense.state == .submitted)

            let closed = try await o.catalog.create(ClosedPeriod(month: CalendarMonth(year: 2027, month: 3)!, note: "Q1 books",
                                                                 createdAt: Self.t, updatedAt: Self.t), .user(o.dana))
            #expect(closed.closedBy == o.dana.id)
            func isClosedRefusal(_ e: ServiceError?) -> Bool {
                guard let e else { return false }
                return e.code == .conflict && e.message.contains("March 2027")
            }
            // Saving: changing the draft, or a new line in another week of March.
            #expect(isClosedRefusal(await Self.refusal {
                try await o.book(o.annR, as: o.ann, week: "2027-03-01", o.a, [240, 240, 240, 240, 240, 0, 0], line: annLine.id)
            }))
            #expect(isClosedRefusal(await Self.refusal { try await o.book(o.annR, as: o.ann, week: "2027-03-15", o.b, Self.fullWeek) }))
            // Submitting, approving, rejecting.
            #expect(isClosedRefusal(await Self.refusal { try await o.timesheets.submit(o.annR.id, week: Self.d("2027-03-01"), .user(o.ann)) }))
            #expect(isClosedRefusal(await Self.refusal { try await o.timesheets.decide(lines: [tomLine.id], .approve, .user(o.pete)) }))
            #expect(isClosedRefusal(await Self.refusal {
                try await o.timesheets.decide(lines: [tomLine.id], .reject(reason: "wrong week"), .user(o.pete))
            }))
            // Changing, approving and entering an expense dated in March.
            #expect(isClosedRefusal(await Self.refusal {
                _ = try await o.catalog.update(Expense.self, expense.id, .user(o.ann)) { $0.amountMinor = 130_00 }
            }))
            #expect(isClosedRefusal(await Self.refusal { try await o.timesheets.decide(lines: [], expenses: [expense.id], .approve, .user(o.pete)) }))
            #expect(isClosedRefusal(await Self.refusal {
                _ = try await o.catalog.create(Expense(projectId: o.p1.id, spentOn: Self.d("2027-03-31"), amountMinor: 10_00,
                                                       description: "Late taxi", submittedBy: o.ann.id, createdAt: Self.t, updatedAt: Self.t), .user(o.ann))
            }))
            // Nothing changed.
            #expect(try await o.line(o.annR, week: "2027-03-01") == annLine)
            #expect(try await o.line(o.tomR, week: "2027-03-08").state == .submitted)
            #expect(try await o.timesheets.week(of: o.annR.id, starting: Self.d("2027-03-15"), .system).timesheet == nil)
            #expect(try await o.catalog.get(Expense.self, expense.id, .system) == expense)
            #expect(try await o.timesheets.week(of: o.annR.id, starting: Self.d("2027-03-01"), .system).closed
                    == [CalendarMonth(year: 2027, month: 3)!])
            // April is open: a week there is saved.
            try await o.book(o.annR, as: o.ann, week: "2027-04-05", o.b, Self.fullWeek)

            // The PMO reopens March: everything goes through.
            try await o.catalog.delete(ClosedPeriod.self, closed.id, .user(o.dana))
            try await o.book(o.annR, as: o.ann, week: "2027-03-01", o.a, [240, 240, 240, 240, 240, 0, 0], line: annLine.id)
            #expect(try await o.timesheets.submit(o.annR.id, week: Self.d("2027-03-01"), .user(o.ann)) == 1)
            try await o.timesheets.decide(lines: [tomLine.id], .approve, .user(o.pete))
            let changed = try await o.catalog.update(Expense.self, expense.id, .user(o.ann)) { $0.amountMinor = 130_00 }
            #expect(changed.amountMinor == 130_00 && changed.state == .submitted)
            try await o.timesheets.decide(lines: [], expenses: [expense.id], .approve, .user(o.pete))
            // Tom: 40 h × 50.00 = 2,000.00; the expense 130.00.
            #expect(try await o.evm(o.p1, asOf: "2027-03-31").money.spent == 2_000_00 + 130_00)

            let trail = try await Audit(store: store).entries(AuditQuery(kind: "closed_period"), .system).items
            #expect(trail.map(\.action) == ["delete", "create"])
            #expect(trail.allSatisfy { $0.userId == o.dana.id && $0.recordId == closed.id.rawValue })
        }
    }

    @Test("a rejected line leaves nothing behind: no cost, AC unchanged, its reason kept; it is edited and submitted again",
          arguments: Backend.available)
    func rejection(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let o = try await Self.org(store)
            try await Self.rate(o, o.annR, from: "2027-01-01", 100_00)
            _ = try await o.catalog.create(Baseline(projectId: o.p1.id, name: "Plan", createdAt: Self.t, updatedAt: Self.t), .system)
            // An approved week first, so that AC is not 0: 40 h × 100.00 = 4,000.00.
            let first = try await o.book(o.annR, as: o.ann, week: "2027-03-01", o.a, Self.fullWeek)
            try await o.timesheets.submit(o.annR.id, week: Self.d("2027-03-01"), .user(o.ann))
            try await o.timesheets.decide(lines: [first.id], .approve, .user(o.pete))
            let before = try await o.evm(o.p1, asOf: "2027-03-31")
            #expect(before.evm?.total.actualCost == Self.eur(4_000_00))

            let line = try await o.book(o.annR, as: o.ann, week: "2027-03-08", o.a, Self.fullWeek)
            try await o.timesheets.submit(o.annR.id, week: Self.d("2027-03-08"), .user(o.ann))
            // A rejection needs its reason.
            let noReason = try #require(await Self.refusal { try await o.timesheets.decide(lines: [line.id], .reject(reason: "  "), .user(o.pete)) })
            #expect(noReason.code == .invalid && noReason.problems.map(\.field) == ["reason"])
            try await o.timesheets.decide(lines: [line.id], .reject(reason: "A finished on 5 March: book this to B"), .user(o.pete))

            let rejected = try await o.line(o.annR, week: "2027-03-08")
            #expect(rejected.state == .rejected && rejected.reason == "A finished on 5 March: book this to B")
            #expect(rejected.costMinor == nil && rejected.currency == nil && rejected.costByDay.isEmpty)
            let after = try await o.evm(o.p1, asOf: "2027-03-31")
            #expect(after.evm?.total.actualCost == Self.eur(4_000_00))
            #expect(after.money.spent == 4_000_00)
            #expect(try await o.timesheets.pending(.user(o.pete)).lines.isEmpty)

            // Editable again: moved to B with fewer hours; the reason stays until it is submitted again.
            let edited = try await o.book(o.annR, as: o.ann, week: "2027-03-08", o.b, [360, 360, 360, 360, 360, 0, 0], line: line.id)
            #expect(edited.id == line.id && edited.activityId == o.b.id && edited.state == .rejected)
            #expect(edited.reason == "A finished on 5 March: book this to B")
            #expect(try await o.timesheets.submit(o.annR.id, week: Self.d("2027-03-08"), .user(o.ann)) == 1)
            #expect(try await o.timesheets.pending(.user(o.pete)).lines.map(\.id) == [line.id])
            try await o.timesheets.decide(lines: [line.id], .approve, .user(o.pete))
            // 30 h × 100.00 = 3,000.00 more.
            #expect(try await o.line(o.annR, week: "2027-03-08").cost == Self.eur(3_000_00))
            #expect(try await o.evm(o.p1, asOf: "2027-03-31").evm?.total.actualCost == Self.eur(7_000_00))
            let verbs = try await Audit(store: store).entries(AuditQuery(kind: "timesheet_line", recordId: line.id.rawValue), .system).items
            #expect(verbs.map(\.action) == ["approve", "submit", "update", "reject", "submit", "create"])
        }
    }

    /// Ann works A (1–5 March, the standard calendar: 8 h a day) full time and B (8–12 March) at 50 %. She is on
    /// leave Wednesday 3 March and away 3 h on Thursday 4 March. The plan then expects of her, Monday to Sunday:
    /// 480, 480, 0 (leave), 300 (480 − 180), 480, 0, 0 minutes on A; the next week 240 a day on B; "Fill from plan"
    /// adds those hours as lines.
    @Test("the plan's hours of a week follow the activity's calendar × units, less the person's leave and part days",
          arguments: Backend.available)
    func plannedHours(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let o = try await Self.org(store)
            for (activity, units) in [(o.a, 100.0), (o.b, 50.0)] {
                _ = try await o.catalog.create(Assignment(projectId: o.p1.id, activityId: activity.id, resourceId: o.annR.id, units: units,
                                                          createdAt: Self.t, updatedAt: Self.t), .system)
            }
            _ = try await o.catalog.create(Absence(resourceId: o.annR.id, firstDay: Self.d("2027-03-03"), lastDay: Self.d("2027-03-03"),
                                                   createdAt: Self.t, updatedAt: Self.t), .system)
            _ = try await o.catalog.create(Absence(resourceId: o.annR.id, kind: .training, firstDay: Self.d("2027-03-04"), lastDay: Self.d("2027-03-04"),
                                                   hoursPerDay: 3, createdAt: Self.t, updatedAt: Self.t), .system)
            let first = try await o.timesheets.week(of: o.annR.id, starting: Self.d("2027-03-01"), .user(o.ann))
            #expect(first.bookable.first { $0.activity.id == o.a.id }?.planned == [480, 480, 0, 300, 480, 0, 0])
            let second = try await o.timesheets.week(of: o.annR.id, starting: Self.d("2027-03-08"), .user(o.ann))
            #expect(second.bookable.first { $0.activity.id == o.b.id }?.planned == [240, 240, 240, 240, 240, 0, 0])
            #expect(try await o.timesheets.prefill(o.annR.id, week: Self.d("2027-03-01"), .user(o.ann)) == 1)
            #expect(try await o.line(o.annR, week: "2027-03-01").minutes == [480, 480, 0, 300, 480, 0, 0])
        }
    }

    @Test("no one approves their own time (403); a team member or another project's manager cannot approve; the project's manager and the PMO can",
          arguments: Backend.available)
    func whoApproves(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let o = try await Self.org(store)
            for r in [o.annR, o.peteR] { try await Self.rate(o, r, from: "2027-01-01", 100_00) }
            let ann1 = try await o.book(o.annR, as: o.ann, week: "2027-03-01", o.a, Self.fullWeek)
            let ann2 = try await o.book(o.annR, as: o.ann, week: "2027-03-08", o.b, Self.fullWeek)
            let pete1 = try await o.book(o.peteR, as: o.pete, week: "2027-03-01", o.a, [120, 120, 0, 0, 0, 0, 0])
            for (r, u, w) in [(o.annR, o.ann, "2027-03-01"), (o.annR, o.ann, "2027-03-08"), (o.peteR, o.pete, "2027-03-01")] {
                try await o.timesheets.submit(r.id, week: Self.d(w), .user(u))
            }
            func forbidden(_ ids: [TimesheetLine.ID], _ user: User) async -> ServiceError? {
                await Self.refusal { try await o.timesheets.decide(lines: ids, .approve, .user(user)) }
            }
            let own = try #require(await forbidden([pete1.id], o.pete))
            #expect(own.code == .forbidden && own.message.contains("own time"), "\(own.message)")
            let ownAnn = try #require(await forbidden([ann1.id], o.ann))
            #expect(ownAnn.code == .forbidden && ownAnn.message.contains("own time"))
            let member = try #require(await forbidden([ann1.id], o.tom))
            #expect(member.code == .forbidden && member.message.contains("project's manager"))
            let otherManager = try #require(await forbidden([ann1.id], o.uma))
            #expect(otherManager.code == .forbidden)
            // One refused line refuses them all: Pete may approve Ann's, not his own.
            #expect(try #require(await forbidden([ann1.id, pete1.id], o.pete)).code == .forbidden)
            #expect(try await o.line(o.annR, week: "2027-03-01").state == .submitted)
            #expect(try await o.timesheets.pending(.user(o.tom)).lines.isEmpty)
            #expect(Set(try await o.timesheets.pending(.user(o.pete)).lines.map(\.id)) == [ann1.id, ann2.id])

            try await o.timesheets.decide(lines: [ann1.id], .approve, .user(o.pete))
            try await o.timesheets.decide(lines: [ann2.id, pete1.id], .approve, .user(o.dana))
            #expect(try await o.line(o.annR, week: "2027-03-01").decidedBy == o.pete.id)
            let decided = try await o.line(o.peteR, week: "2027-03-01")
            #expect(decided.state == .approved && decided.decidedBy == o.dana.id && decided.cost == Self.eur(400_00))
        }
    }

    /// The clock reads 15 March 2027. Pete names Tom his stand-in from 15 March through 19 March: Tom (a team
    /// member) then approves Ann's line but not his own, and Uma cannot name a stand-in for Pete. A stand-in from
    /// 16 March, or one that ended on 14 March, gives Tom nothing today.
    @Test("a manager's stand-in approves in their place within the dates named, never their own time; only the manager or the PMO names one",
          arguments: Backend.available)
    func standIn(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let o = try await Self.org(store)
            for r in [o.annR, o.tomR] { try await Self.rate(o, r, from: "2027-01-01", 100_00) }
            let ann1 = try await o.book(o.annR, as: o.ann, week: "2027-03-01", o.a, Self.fullWeek)
            let tom1 = try await o.book(o.tomR, as: o.tom, week: "2027-03-01", o.a, [60, 0, 0, 0, 0, 0, 0])
            try await o.timesheets.submit(o.annR.id, week: Self.d("2027-03-01"), .user(o.ann))
            try await o.timesheets.submit(o.tomR.id, week: Self.d("2027-03-01"), .user(o.tom))
            func delegation(_ from: User, _ to: User, _ starts: String, _ ends: String?) -> ApprovalDelegation {
                ApprovalDelegation(delegatorId: from.id, delegateId: to.id, starts: Self.d(starts), ends: ends.map(Self.d),
                                   createdAt: Self.t, updatedAt: Self.t)
            }
            // Uma names a stand-in for Pete: refused; Pete naming himself: refused by field.
            let byOther = try #require(await Self.refusal { _ = try await o.catalog.create(delegation(o.pete, o.tom, "2027-03-15", nil), .user(o.uma)) })
            #expect(byOther.code == .forbidden)
            let himself = try #require(await Self.refusal { _ = try await o.catalog.create(delegation(o.pete, o.pete, "2027-03-15", nil), .user(o.pete)) })
            #expect(himself.code == .invalid && himself.problems.map(\.field) == ["delegate_id"])
            let backwards = try #require(await Self.refusal { _ = try await o.catalog.create(delegation(o.pete, o.tom, "2027-03-15", "2027-03-14"), .user(o.pete)) })
            #expect(backwards.problems.map(\.field) == ["ends"])
            // Not yet in force, and already ended: nothing for Tom.
            _ = try await o.catalog.create(delegation(o.pete, o.tom, "2027-03-16", nil), .user(o.pete))
            _ = try await o.catalog.create(delegation(o.pete, o.tom, "2027-03-01", "2027-03-14"), .user(o.pete))
            let inbox = Inbox(store: store, clock: FixedClock(time: Self.t))
            #expect(try await o.timesheets.pending(.user(o.tom)).lines.isEmpty)
            #expect(!(try await inbox.items(.user(o.tom))).contains { $0.kind == "approvals_waiting" })
            #expect(try #require(await Self.refusal { try await o.timesheets.decide(lines: [ann1.id], .approve, .user(o.tom)) }).code == .forbidden)
            // In force today: Tom sees Ann's line (not his own), approves it, and still cannot approve his own.
            _ = try await o.catalog.create(delegation(o.pete, o.tom, "2027-03-15", "2027-03-19"), .user(o.pete))
            #expect(try await o.timesheets.pending(.user(o.tom)).lines.map(\.id) == [ann1.id])
            #expect(try await inbox.items(.user(o.tom)).contains { $0.kind == "approvals_waiting" && $0.recordId == o.p1.id.rawValue })
            let own = try #require(await Self.refusal { try await o.timesheets.decide(lines: [tom1.id], .approve, .user(o.tom)) })
            #expect(own.code == .forbidden && own.message.contains("own time"))
            try await o.timesheets.decide(lines: [ann1.id], .approve, .user(o.tom))
            let approved = try await o.line(o.annR, week: "2027-03-01")
            #expect(approved.state == .approved && approved.decidedBy == o.tom.id && approved.cost == Self.eur(4_000_00))
            // Pete still approves Tom's own line.
            try await o.timesheets.decide(lines: [tom1.id], .approve, .user(o.pete))
        }
    }

    /// Three activities on the standard calendar, planned by day (EUR):
    ///
    ///     day        Mon 1  Tue 2  Wed 3  Thu 4  Fri 5  Sat 6 Sun 7  Mon 8  Tue 9  Wed 10  Thu 11  Fri 12
    ///     A  Ann 100 % × 100.00/h: 800.00 a day     800    800    800    800    800      0     0
    ///     B  Tom 50 % × 80.00/h = 320.00 a day + 500.00 fixed over 5 days = 420.00 a day      420    420    420     420     420
    ///     C  300.00 fixed over its 2 days                                                                 150     150
    ///     cumulative PV  800   1600   2400   3200   4000   4000  4000   4420   4840   5410    5980    6400
    ///
    /// BAC = 4,000.00 + 2,100.00 + 300.00 = 6,400.00; PD = 12 days. Status date Wednesday 10 March: AT = 10, PV =
    /// 5,410.00. A is done (100 %), B half done (physical 50 %, its duration % 20 is not used), C not started: EV =
    /// 4,000.00 + 1,050.00 = 5,050.00. AC: Ann 9 h a day in the week of 1 March on A (45 h × 100.00 = 4,500.00),
    /// Tom 4 h Monday to Thursday of the next week on B (4 × 4 h × 80.00 = 1,280.00, of which Thursday's 320.00 is
    /// after the status date), an expense of 100.00 on C on 9 March: 4,500.00 + 960.00 + 100.00 = 5,560.00.
    @Test("earned value of a small project against its baseline: BAC, PV, EV, AC, CPI, SPI and ES as worked by hand; without a baseline, why not",
          arguments: Backend.available)
    func earnedValue(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let o = try await Self.org(store)
            try await Self.rate(o, o.annR, from: "2027-01-01", 100_00)
            try await Self.rate(o, o.tomR, from: "2027-01-01", 80_00)
            // Without a baseline: no EVM, and the reason.
            let none = try await o.evm(o.p1, asOf: "2027-03-10")
            #expect(none.evm == nil && none.baseline == nil)
            #expect(none.unavailable?.contains("no baseline") == true, "\(none.unavailable ?? "nil")")

            _ = try await o.catalog.create(Assignment(projectId: o.p1.id, activityId: o.a.id, resourceId: o.annR.id, units: 100,
                                                      createdAt: Self.t, updatedAt: Self.t), .system)
            _ = try await o.catalog.create(Assignment(projectId: o.p1.id, activityId: o.b.id, resourceId: o.tomR.id, units: 50,
                                                      createdAt: Self.t, updatedAt: Self.t), .system)
            _ = try await o.catalog.update(Activity.self, o.b.id, .system) { $0.fixedCostMinor = 500_00 }
            _ = try await o.catalog.update(Activity.self, o.c.id, .system) { $0.fixedCostMinor = 300_00 }
            let baseline = try await o.catalog.create(Baseline(projectId: o.p1.id, name: "Approved plan", createdAt: Self.t,
                                                               updatedAt: Self.t), .user(o.pete))
            #expect(baseline.performance && baseline.currency == .eur)
            #expect(baseline.activities.map(\.costMinor) == [4_000_00, 2_100_00, 300_00])
            // A: 5 days × 480 min; B: 5 days × 240 min; C: no assignment.
            #expect(baseline.activities.map(\.workMinutes) == [2_400, 1_200, 0])

            // Progress.
            _ = try await o.catalog.update(Activity.self, o.a.id, .system) { $0.percentComplete = 100 }
            _ = try await o.catalog.update(Activity.self, o.b.id, .system) { $0.percentComplete = 20; $0.physicalPercentComplete = 50 }
            // Actual cost.
            let annLine = try await o.book(o.annR, as: o.ann, week: "2027-03-01", o.a, [540, 540, 540, 540, 540, 0, 0])
            let tomLine = try await o.book(o.tomR, as: o.tom, week: "2027-03-08", o.b, [240, 240, 240, 240, 0, 0, 0])
            try await o.timesheets.submit(o.annR.id, week: Self.d("2027-03-01"), .user(o.ann))
            try await o.timesheets.submit(o.tomR.id, week: Self.d("2027-03-08"), .user(o.tom))
            let expense = try await o.catalog.create(Expense(projectId: o.p1.id, activityId: o.c.id, spentOn: Self.d("2027-03-09"),
                                                             amountMinor: 100_00, description: "Licence", submittedBy: o.ann.id,
                                                             createdAt: Self.t, updatedAt: Self.t), .user(o.ann))
            try await o.timesheets.decide(lines: [annLine.id, tomLine.id], expenses: [expense.id], .approve, .user(o.pete))

            let report = try await o.evm(o.p1, asOf: "2027-03-10")
            #expect(report.unavailable == nil)
            let evm = try #require(report.evm)
            let total = evm.total
            #expect(total.budgetAtCompletion == Self.eur(6_400_00))
            #expect(total.plannedValue == Self.eur(5_410_00))
            #expect(total.earnedValue == Self.eur(5_050_00))
            #expect(total.actualCost == Self.eur(5_560_00))
            // Per activity: BAC, PV, EV, AC.
            #expect(report.rows.map(\.amounts.plannedValue.minorUnits) == [4_000_00, 1_260_00, 150_00])
            #expect(report.rows.map(\.amounts.earnedValue.minorUnits) == [4_000_00, 1_050_00, 0])
            #expect(report.rows.map(\.amounts.actualCost.minorUnits) == [4_500_00, 960_00, 100_00])
            let m = total.measures
            // CPI = 5,050 / 5,560 = 0.908273…; SPI = 5,050 / 5,410 = 0.933456…; SV = −360.00; CV = −510.00.
            #expect(m.costPerformanceIndex.rounded(places: 6) == Decimal(string: "0.908273"))
            #expect(m.schedulePerformanceIndex.rounded(places: 6) == Decimal(string: "0.933457"))
            #expect(m.scheduleVariance == -360 && m.costVariance == -510)
            // ES: 4,840 (day 9) ≤ 5,050 < 5,410 (day 10), so ES = 9 + 210 / 570 = 9.368421 days; SV(t) = ES − 10 =
            // −0.631579; SPI(t) = ES / 10 = 0.936842; IEAC(t) = 12 / SPI(t) = 12.808989 days.
            let es = try #require(evm.earnedSchedule)
            #expect(es.actualTime == 10 && es.plannedDuration == 12)
            #expect(DecimalRounding.halfEven(es.earnedSchedule, places: 6) == Decimal(string: "9.368421"))
            #expect(DecimalRounding.halfEven(es.scheduleVariance, places: 6) == Decimal(string: "-0.631579"))
            #expect(es.schedulePerformanceIndex.rounded(places: 6) == Decimal(string: "0.936842"))
            #expect(es.independentEstimateAtCompletion.rounded(places: 6) == Decimal(string: "12.808989"))
            #expect(evm.baselineStart == Self.d("2027-03-01") && evm.baselineFinish == Self.d("2027-03-12"))

            // A new plan saved later is not the performance baseline: EVM stays against the first.
            _ = try await o.catalog.update(Activity.self, o.c.id, .system) { $0.fixedCostMinor = 900_00 }
            let second = try await o.catalog.create(Baseline(projectId: o.p1.id, name: "Re-plan", createdAt: Self.t, updatedAt: Self.t), .system)
            #expect(!second.performance)
            #expect(try await o.evm(o.p1, asOf: "2027-03-10").evm?.total.budgetAtCompletion == Self.eur(6_400_00))
            let against = try await o.reports.project(o.p1.id, asOf: Self.d("2027-03-10"), baselineId: second.id, .system)
            #expect(against.evm?.total.budgetAtCompletion == Self.eur(7_000_00))
        }
    }

    @Test("a project keeps at most 11 baselines; the first is the performance baseline; marking another unmarks it",
          arguments: Backend.available)
    func baselines(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let o = try await Self.org(store)
            var saved: [Baseline] = []
            for n in 1...11 {
                saved.append(try await o.catalog.create(Baseline(projectId: o.p1.id, name: "B\(n)", createdAt: Self.t, updatedAt: Self.t), .user(o.pete)))
            }
            #expect(saved.map(\.performance) == [true] + Array(repeating: false, count: 10))
            let twelfth = try #require(await Self.refusal {
                _ = try await o.catalog.create(Baseline(projectId: o.p1.id, name: "B12", createdAt: Self.t, updatedAt: Self.t), .user(o.pete))
            })
            #expect(twelfth.code == .invalid && twelfth.problems.map(\.field) == ["name"] && twelfth.message.contains("11"))

            _ = try await o.catalog.update(Baseline.self, saved[4].id, .user(o.pete)) { $0.performance = true }
            var all = try await o.catalog.all(Baseline.self, .system, ["project_id": .int(o.p1.id.rawValue)])
            #expect(all.filter(\.performance).map(\.name) == ["B5"])
            // The performance baseline is unmarked only by marking another; a baseline's content never changes.
            let unmark = try #require(await Self.refusal {
                _ = try await o.catalog.update(Baseline.self, saved[4].id, .user(o.pete)) { $0.performance = false }
            })
            #expect(unmark.problems.map(\.field) == ["performance"])
            let rename = try #require(await Self.refusal {
                _ = try await o.catalog.update(Baseline.self, saved[2].id, .user(o.pete)) { $0.name = "Renamed" }
            })
            #expect(rename.code == .conflict)
            // Deleting one makes room for another, which is not the performance baseline.
            try await o.catalog.delete(Baseline.self, saved[10].id, .user(o.pete))
            let again = try await o.catalog.create(Baseline(projectId: o.p1.id, name: "B12", createdAt: Self.t, updatedAt: Self.t), .user(o.pete))
            #expect(!again.performance)
            all = try await o.catalog.all(Baseline.self, .system, ["project_id": .int(o.p1.id.rawValue)])
            #expect(all.count == 11 && all.filter(\.performance).map(\.name) == ["B5"])
            #expect(try await o.evm(o.p1, asOf: "2027-03-10").baseline?.name == "B5")
        }
    }
}
