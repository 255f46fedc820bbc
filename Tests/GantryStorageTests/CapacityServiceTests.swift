import GantryModel
import GantryPortfolio
import GantryServices
import GantryStorage
import Testing

/// The capacity forecast read from a real store, SQLite and PostgreSQL, on a fixture small enough to add up by hand:
/// a calendar with a holiday, an absence, part time, background load, a generic resource, an allocation on an
/// unplanned project, an allocation the plan overrides, and pipeline from a request and a proposed project.
@Suite("Capacity forecast on a real store")
struct CapacityServiceTests {
    static let t = Timestamp.at("2026-11-28T09:00:00.000Z")
    static func d(_ s: String) -> CalendarDate { CalendarDate(iso: s)! }

    struct Fixture {
        var ann: Resource
        var bob: Resource
        var generic: Resource
        var p1: Project
        var p2: Project
        var a1: Activity
        var a2: Activity
    }

    /// The week of Monday 1 March 2027 (ISO 2027-W09). The calendar works Monday to Friday 08:00–12:00 and
    /// 13:00–17:00 (8 h) with a holiday on Wednesday 3 March.
    static func fixture(_ store: SQLStore) async throws -> Fixture {
        let catalog = Catalog(store: store, clock: FixedClock(time: t))
        let office = try await catalog.create(WorkCalendar(
            name: "Office", exceptions: [CalendarException(name: "Holiday", from: d("2027-03-03"), to: d("2027-03-03"))],
            createdAt: t, updatedAt: t), .system)
        let pf = try await catalog.create(Portfolio(code: "PF", name: "P", createdAt: t, updatedAt: t), .system)
        // Ann: full time, away on Friday 5 March, 4 h a week of support.
        let ann = try await catalog.create(Resource(name: "Ann", role: "Developer", skills: [SkillLevel("Swift", level: 4)],
                                                    calendarId: office.id, createdAt: t, updatedAt: t), .system)
        _ = try await catalog.create(Absence(resourceId: ann.id, firstDay: d("2027-03-05"), lastDay: d("2027-03-05"),
                                             createdAt: t, updatedAt: t), .system)
        _ = try await catalog.create(BackgroundLoad(resourceId: ann.id, name: "Support", hoursPerWeek: 4, createdAt: t, updatedAt: t), .system)
        // Bob: 20 hours a week.
        let bob = try await catalog.create(Resource(name: "Bob", role: "Developer", calendarId: office.id,
                                                    capacityHoursPerWeek: 20, createdAt: t, updatedAt: t), .system)
        let generic = try await catalog.create(Resource(name: "Generic developer", kind: .role, role: "Developer", maxUnits: 200,
                                                        calendarId: office.id, createdAt: t, updatedAt: t), .system)
        let p1 = try await catalog.create(Project(portfolioId: pf.id, code: "P1", name: "Planned", state: .active,
                                                  calendarId: office.id, createdAt: t, updatedAt: t), .system)
        let a1 = try await catalog.create(Activity(projectId: p1.id, code: "A1", name: "Build", duration: .days(3),
                                                   plannedStart: d("2027-03-01"), plannedFinish: d("2027-03-05"),
                                                   createdAt: t, updatedAt: t), .system)
        let a2 = try await catalog.create(Activity(projectId: p1.id, code: "A2", name: "Design", duration: .days(2),
                                                   plannedStart: d("2027-03-01"), plannedFinish: d("2027-03-02"),
                                                   createdAt: t, updatedAt: t), .system)
        _ = try await catalog.create(Assignment(projectId: p1.id, activityId: a1.id, resourceId: ann.id, units: 50,
                                                createdAt: t, updatedAt: t), .system)
        _ = try await catalog.create(Assignment(projectId: p1.id, activityId: a2.id, resourceId: generic.id, units: 100,
                                                createdAt: t, updatedAt: t), .system)
        // P1's allocation is overridden by its plan on 1–5 March; P2 has no plan, so its allocation counts.
        _ = try await catalog.create(ProjectAllocation(projectId: p1.id, role: "Developer", unit: .hoursPerWeek, amount: 20,
                                                       firstDay: d("2027-02-01"), lastDay: d("2027-03-31"), createdAt: t, updatedAt: t), .system)
        let p2 = try await catalog.create(Project(portfolioId: pf.id, code: "P2", name: "Unplanned", state: .active,
                                                  createdAt: t, updatedAt: t), .system)
        _ = try await catalog.create(ProjectAllocation(projectId: p2.id, role: "Developer", unit: .hoursPerWeek, amount: 10,
                                                       firstDay: d("2027-03-01"), lastDay: d("2027-03-31"), createdAt: t, updatedAt: t), .system)
        // Pipeline: a submitted request (weight 0.3) and a proposed project (weight 0.8).
        let ray = try await catalog.create(User(username: "ray", displayName: "Ray", role: .requester, createdAt: t, updatedAt: t), .system)
        _ = try await store.write { s in
            try await s.insert(IntakeRequest(portfolioId: pf.id, title: "Portal", requesterId: ray.id,
                                             demand: [RoleDemand(role: "Developer", fte: 1, months: 1)],
                                             desiredStart: d("2027-03-01"), status: .submitted, createdAt: t, updatedAt: t))
        }
        let p3 = try await catalog.create(Project(portfolioId: pf.id, code: "P3", name: "Proposed", state: .proposed,
                                                  createdAt: t, updatedAt: t), .system)
        let b1 = try await catalog.create(Activity(projectId: p3.id, code: "B1", name: "Spike", duration: .days(2),
                                                   plannedStart: d("2027-03-01"), plannedFinish: d("2027-03-02"),
                                                   createdAt: t, updatedAt: t), .system)
        _ = try await catalog.create(Assignment(projectId: p3.id, activityId: b1.id, resourceId: bob.id, units: 100,
                                                createdAt: t, updatedAt: t), .system)
        return Fixture(ann: ann, bob: bob, generic: generic, p1: p1, p2: p2, a1: a1, a2: a2)
    }

    @Test("supply, committed demand, background and pipeline of a week add up to the sums worked by hand", arguments: Backend.available)
    func byRole(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let f = try await Self.fixture(store)
            let planner = CapacityPlanner(store: store, clock: FixedClock(time: Self.t))
            let scope = CapacityScope(first: Self.d("2027-03-01"), last: Self.d("2027-03-07"))
            let (_, table) = try await planner.forecast(scope, by: .role, per: .week, .system)
            let cell = try #require(table.cell("Developer", "2027-W09"))
            // Supply. Ann works Mon, Tue, Thu (Wednesday is the holiday, Friday her absence): 3 × 8 h = 24 h. Bob gives
            // 20 of the calendar's 40 h a week, half of each working day: 4 days × 4 h = 16 h. The generic developer
            // is a placeholder and brings none. 24 + 16 = 40 h.
            #expect(cell.supplyMinutes == 40 * 60)
            // Background: Ann's 4 h a week spread like her calendar, 4 × 60 × 480 / 2400 = 48 min on each of her 3
            // days = 144 min.
            #expect(cell.backgroundMinutes == 144)
            // Committed: A1 is Ann at 50 % on her available days 1, 2, 4 March (3 × 480 min × 0.5 = 720 min = 12 h);
            // A2 is the generic developer at 100 % on 1–2 March (960 min = 16 h); P2's 10 h a week over the week's five
            // weekdays = 10 h; P1's own allocation gives nothing: its plan covers 1–5 March. 12 + 16 + 10 = 38 h.
            #expect(cell.demandMinutes == 38 * 60)
            // (38 h + 2.4 h) / 40 h = 101 %: at risk (above 100, not above 110).
            #expect(cell.band == .atRisk)
            #expect(abs((cell.utilisationPercent ?? 0) - 101) < 1e-9)
            // Pipeline: the request's 1 FTE × 1 month = 8 h × 23 weekdays of March = 184 h, evenly 8 h a weekday;
            // weighted 0.3, five weekdays = 12 h. The proposed project's B1 is Bob at 100 % on 1–2 March: his
            // calendar's 2 × 8 h = 16 h, weighted 0.8 = 12.8 h. 12 + 12.8 = 24.8 h = 1,488 min.
            #expect(cell.pipelineMinutes == 1_488)

            // By person: the generic developer's 16 h have no supply of their own: over-allocated, unstaffed.
            let (_, people) = try await planner.forecast(scope, by: .resource, per: .week, .system)
            let generic = try #require(people.cell(String(f.generic.id.rawValue), "2027-W09"))
            #expect(generic.supplyMinutes == 0 && generic.demandMinutes == 16 * 60 && generic.band == .overAllocated)
            let bob = try #require(people.cell(String(f.bob.id.rawValue), "2027-W09"))
            #expect(bob.supplyMinutes == 16 * 60 && bob.demandMinutes == 0 && bob.pipelineMinutes == 768)
        }
    }

    @Test("a cell's drill-down names the activities and allocations with their hours, and its parts add up to the cell",
          arguments: Backend.available)
    func drillDown(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let f = try await Self.fixture(store)
            let planner = CapacityPlanner(store: store, clock: FixedClock(time: Self.t))
            let scope = CapacityScope(first: Self.d("2027-03-01"), last: Self.d("2027-03-07"))
            let (snapshot, drill) = try await planner.drillDown(scope, by: .role, per: .week, group: .role, key: "Developer",
                                                                periodLabel: "2027-W09", .system)
            let report = CapacityDrillDownReport(snapshot, drill)
            #expect(report.committed.map(\.name) == ["A2 Design", "A1 Build", "allocation \(try #require(snapshot.allocations.values.first { $0.projectId == f.p2.id }).id)"])
            #expect(report.committed.map(\.hours) == [16, 12, 10])
            #expect(report.committed.map(\.projectCode) == ["P1", "P1", "P2"])
            #expect(drill.committedByProject.map(\.project) == [f.p1.id, f.p2.id])
            #expect(drill.committedByProject.map(\.minutes) == [28 * 60, 10 * 60])
            #expect(report.pipeline.map(\.hours).reduce(0, +) == 24.8)
            // Restricted to another portfolio's projects, the week has supply and no demand.
            let other = try await Catalog(store: store, clock: FixedClock(time: Self.t))
                .create(Portfolio(code: "QX", name: "Q", createdAt: Self.t, updatedAt: Self.t), .system)
            let (_, alone) = try await planner.forecast(CapacityScope(portfolios: [other.id], first: scope.first, last: scope.last),
                                                        by: .role, per: .week, .system)
            let quiet = try #require(alone.cell("Developer", "2027-W09"))
            #expect(quiet.demandMinutes == 0 && quiet.pipelineMinutes == 0)
            #expect(quiet.supplyMinutes == 40 * 60)
        }
    }

    @Test("a reversed or five-year range is refused naming the field; a resource's absences and load go with it; bad records are refused",
          arguments: Backend.available)
    func refusals(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let f = try await Self.fixture(store)
            let planner = CapacityPlanner(store: store, clock: FixedClock(time: Self.t))
            let catalog = Catalog(store: store, clock: FixedClock(time: Self.t))
            await #expect(throws: ServiceError.self) {
                _ = try await planner.forecast(CapacityScope(first: Self.d("2027-03-07"), last: Self.d("2027-03-01")), by: .role, per: .week, .system)
            }
            do {
                _ = try await planner.forecast(CapacityScope(first: Self.d("2027-01-01"), last: Self.d("2032-12-31")), by: .role, per: .week, .system)
                Issue.record("a six-year range was accepted")
            } catch let e as ServiceError {
                #expect(e.problems.map(\.field) == ["to"])
            }
            // An allocation with both a role and a resource, a reversed absence, a level 6 skill: each named.
            let both = ProjectAllocation(projectId: f.p2.id, resourceId: f.ann.id, role: "Developer", amount: 5,
                                         firstDay: Self.d("2027-03-01"), lastDay: Self.d("2027-03-02"), createdAt: Self.t, updatedAt: Self.t)
            await #expect { try await catalog.create(both, .system) } throws: { ($0 as? ServiceError)?.problems.map(\.field) == ["role"] }
            let reversed = Absence(resourceId: f.bob.id, firstDay: Self.d("2027-03-05"), lastDay: Self.d("2027-03-01"), createdAt: Self.t, updatedAt: Self.t)
            await #expect { try await catalog.create(reversed, .system) } throws: { ($0 as? ServiceError)?.problems.map(\.field) == ["last_day"] }
            let levels = [SkillLevel("Swift", level: 6)]
            await #expect { try await catalog.update(Resource.self, f.bob.id, .system, ifVersion: nil) { $0.skills = levels } }
                throws: { ($0 as? ServiceError)?.problems.map(\.field) == ["skills[0].level"] }
            // Ann's absence and background load go when she does (once her assignment is gone); nothing else does.
            let assignment = try #require(try await catalog.all(Assignment.self, .system, ["resource_id": .int(f.ann.id.rawValue)]).first)
            try await catalog.delete(Assignment.self, assignment.id, .system)
            try await catalog.delete(Resource.self, f.ann.id, .system)
            #expect(try await catalog.all(Absence.self, .system, [:]).isEmpty)
            #expect(try await catalog.all(BackgroundLoad.self, .system, [:]).isEmpty)
            #expect(try await catalog.all(ProjectAllocation.self, .system, [:]).count == 2)
        }
    }

    @Test("a proposed project starts when its weeks fit what the others leave: the binding weeks and role are named", arguments: Backend.available)
    func projectStart(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            // Saturday 28 November 2026: the first Monday tried is 30 November.
            let clock = FixedClock(time: Self.t)
            let catalog = Catalog(store: store, clock: clock)
            let office = try await catalog.create(WorkCalendar(name: "Office", createdAt: Self.t, updatedAt: Self.t), .system)
            let pf = try await catalog.create(Portfolio(code: "PF", name: "P", createdAt: Self.t, updatedAt: Self.t), .system)
            _ = try await catalog.create(Resource(name: "Ann", role: "Developer", calendarId: office.id, createdAt: Self.t, updatedAt: Self.t), .system)
            // Ann (40 h a week) is taken whole by P1 in the weeks of 30 November and 7 December.
            let p1 = try await catalog.create(Project(portfolioId: pf.id, code: "P1", name: "Busy", state: .active,
                                                      calendarId: office.id, createdAt: Self.t, updatedAt: Self.t), .system)
            _ = try await catalog.create(ProjectAllocation(projectId: p1.id, role: "Developer", unit: .hoursPerWeek, amount: 40,
                                                           firstDay: Self.d("2026-11-30"), lastDay: Self.d("2026-12-13"),
                                                           createdAt: Self.t, updatedAt: Self.t), .system)
            // P2, proposed, asks 40 h a week of a developer for two weeks from 28 December: 40 × 10 weekdays / 5 = 80 h,
            // 40 h in each of its two weeks.
            let p2 = try await catalog.create(Project(portfolioId: pf.id, code: "P2", name: "Next", state: .proposed,
                                                      createdAt: Self.t, updatedAt: Self.t), .system)
            _ = try await catalog.create(ProjectAllocation(projectId: p2.id, role: "Developer", unit: .hoursPerWeek, amount: 40,
                                                           firstDay: Self.d("2026-12-28"), lastDay: Self.d("2027-01-08"),
                                                           createdAt: Self.t, updatedAt: Self.t), .system)
            let view = try await CapacityPlanner(store: store, clock: clock).whenCanWeStart(project: p2.id, .system)
            #expect(view.planned == Self.d("2026-12-28"))
            #expect(view.profile.map(\.weekOffset).sorted() == [0, 1] && view.profile.allSatisfy { $0.minutes == 40 * 60 })
            // Starting 30 November its first week has no developer left (40 h short); starting 7 December likewise;
            // from 14 December both its weeks find Ann free.
            #expect(view.answer.start == Self.d("2026-12-14"))
            #expect(view.answer.attempts.map(\.start) == [Self.d("2026-11-30"), Self.d("2026-12-07")])
            #expect(view.answer.attempts.allSatisfy { $0.binding.role == "Developer" && $0.binding.shortMinutes == 40 * 60 })
            #expect(view.answer.requested?.fits == true)
        }
    }

    @Test("leveling places the approved project first, or the PMO's set order, and moves the other after it; an unknown code is refused by name",
          arguments: Backend.available)
    func leveling(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let clock = FixedClock(time: Self.t)
            let catalog = Catalog(store: store, clock: clock)
            let office = try await catalog.create(WorkCalendar(name: "Office", createdAt: Self.t, updatedAt: Self.t), .system)
            let pf = try await catalog.create(Portfolio(code: "PF", name: "P", createdAt: Self.t, updatedAt: Self.t), .system)
            _ = try await catalog.create(Resource(name: "Ann", role: "Developer", calendarId: office.id, createdAt: Self.t, updatedAt: Self.t), .system)
            // Two projects each ask Ann's whole 40 h a week in the weeks of 28 December and 4 January: both cannot
            // be there. Q is approved, R proposed.
            var ids: [String: Project.ID] = [:]
            for (code, state) in [("Q", LifecycleState.approved), ("R", .proposed)] {
                let p = try await catalog.create(Project(portfolioId: pf.id, code: code, name: code, state: state,
                                                         createdAt: Self.t, updatedAt: Self.t), .system)
                ids[code] = p.id
                _ = try await catalog.create(ProjectAllocation(projectId: p.id, role: "Developer", unit: .hoursPerWeek, amount: 40,
                                                               firstDay: Self.d("2026-12-28"), lastDay: Self.d("2027-01-08"),
                                                               createdAt: Self.t, updatedAt: Self.t), .system)
            }
            let planner = CapacityPlanner(store: store, clock: clock)
            let scope = CapacityScope(first: Self.d("2026-11-30"), last: Self.d("2027-03-28"))
            // Approved first: Q keeps its weeks, R moves two weeks, to the first Monday after Q's (11 January).
            let byDefault = try await planner.leveling(scope, .system)
            #expect(byDefault.leveling.moves.map(\.project) == [ids["R"]!])
            #expect(byDefault.leveling.moves.first?.to == Self.d("2027-01-11") && byDefault.leveling.moves.first?.shiftWeeks == 2)
            // Before: 80 h over (each of the two weeks has 80 h asked of 40 h); after: none.
            #expect(byDefault.leveling.overMinutesBefore == 80 * 60 && byDefault.leveling.overMinutesAfter == 0)
            // The PMO's order puts R first: now Q moves.
            let ordered = try await planner.leveling(scope, order: ["R"], .system)
            #expect(ordered.leveling.moves.map(\.project) == [ids["Q"]!])
            await #expect { try await planner.leveling(scope, order: ["NOPE"], .system) } throws: {
                ($0 as? ServiceError)?.problems.map(\.field) == ["order"]
            }
            // The proposal as a scenario: one shift of 14 days, a draft.
            let scenario = try await planner.levelingScenario(scope, .system)
            #expect(scenario.state == .draft && scenario.changes.map(\.days) == [14] && scenario.changes.map(\.projectId) == [ids["R"]!])
        }
    }
}
