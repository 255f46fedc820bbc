import GantryModel
import GantryPortfolio
import GantryServices
import GantryStorage
import Testing

/// Staffing and "when can we start?" on a real store, SQLite and PostgreSQL, on fixtures small enough to work out by
/// hand. The office calendar works Monday to Friday 08:00–12:00 and 13:00–17:00 (8 h, 480 min a day) with no
/// holidays; the clock says Saturday 28 November 2026.
@Suite("Staffing and when-can-we-start on a real store")
struct StaffingServiceTests {
    static let t = Timestamp.at("2026-11-28T09:00:00.000Z")
    static func d(_ s: String) -> CalendarDate { CalendarDate(iso: s)! }
    static func planner(_ store: SQLStore) -> CapacityPlanner { CapacityPlanner(store: store, clock: FixedClock(time: t)) }

    struct Staffing {
        var ann: Resource, bob: Resource, cy: Resource, generic: Resource, team: Resource
        var project: Project
        var build: Activity
        var genericAssignment: Assignment
        var annAssignment: Assignment
        var roleAllocation: ProjectAllocation
    }

    /// The week of Monday 1 March 2027. A generic developer (Swift at level 3) is assigned at 50 % to "Build", planned
    /// Monday to Friday; Ann (Developer, Swift 4, 90.00 EUR/h) is on "Review" at 50 % the same week; Bob (Developer,
    /// Swift 3, 80.00 EUR/h) and Cy (Tester, no Swift, 50.00 EUR/h) are free. The project also asks 10 h a week of a
    /// Developer that week, by an allocation to the role.
    static func staffingFixture(_ store: SQLStore) async throws -> Staffing {
        let catalog = Catalog(store: store, clock: FixedClock(time: t))
        let office = try await catalog.create(WorkCalendar(name: "Office", createdAt: t, updatedAt: t), .system)
        let pf = try await catalog.create(Portfolio(code: "PF", name: "P", createdAt: t, updatedAt: t), .system)
        func person(_ name: String, _ role: String, _ skills: [SkillLevel], _ rate: Int64, kind: ResourceKind = .person) async throws -> Resource {
            try await catalog.create(Resource(name: name, kind: kind, role: role, skills: skills, costRateMinor: rate, currency: "EUR",
                                              calendarId: office.id, createdAt: t, updatedAt: t), .system)
        }
        let ann = try await person("Ann", "Developer", [SkillLevel("Swift", level: 4)], 9000)
        let bob = try await person("Bob", "Developer", [SkillLevel("Swift", level: 3)], 8000)
        let cy = try await person("Cy", "Tester", [], 5000)
        let generic = try await person("Generic developer", "Developer", [SkillLevel("Swift", level: 3)], 7000, kind: .role)
        let team = try await person("Mobile team", "Developer", [], 0, kind: .team)
        let project = try await catalog.create(Project(portfolioId: pf.id, code: "P1", name: "Portal", state: .active,
                                                       calendarId: office.id, createdAt: t, updatedAt: t), .system)
        func activity(_ code: String, _ name: String) async throws -> Activity {
            try await catalog.create(Activity(projectId: project.id, code: code, name: name, duration: .days(5),
                                              plannedStart: d("2027-03-01"), plannedFinish: d("2027-03-05"),
                                              createdAt: t, updatedAt: t), .system)
        }
        let build = try await activity("A1", "Build")
        let review = try await activity("A2", "Review")
        let genericAssignment = try await catalog.create(Assignment(projectId: project.id, activityId: build.id, resourceId: generic.id,
                                                                    units: 50, createdAt: t, updatedAt: t), .system)
        let annAssignment = try await catalog.create(Assignment(projectId: project.id, activityId: review.id, resourceId: ann.id,
                                                                units: 50, createdAt: t, updatedAt: t), .system)
        let allocation = try await catalog.create(ProjectAllocation(projectId: project.id, role: "Developer", unit: .hoursPerWeek,
                                                                    amount: 10, firstDay: d("2027-03-01"), lastDay: d("2027-03-05"),
                                                                    createdAt: t, updatedAt: t), .system)
        return Staffing(ann: ann, bob: bob, cy: cy, generic: generic, team: team, project: project, build: build,
                        genericAssignment: genericAssignment, annAssignment: annAssignment, roleAllocation: allocation)
    }

    @Test("a generic assignment's suggestions are ranked by skills, closeness, free hours and rate; staffing it names the person, audited",
          arguments: Backend.available)
    func staffAssignment(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let f = try await Self.staffingFixture(store)
            let planner = Self.planner(store)
            let view = try await planner.staffing(assignment: f.genericAssignment.id, .system)
            // The need: the generic developer's 5 days × 480 min = 2,400 min, at 50 % = 1,200 min = 20 h.
            #expect(view.need.minutes == 1_200)
            #expect(view.need.role == "Developer" && view.need.skills == [SkillLevel("Swift", level: 3)])
            #expect(view.need.first == Self.d("2027-03-01") && view.need.last == Self.d("2027-03-05"))
            // Ann and Bob both meet Swift 3; Bob's level is exactly it (surplus 0), Ann's is 1 above, so Bob is closer.
            // Cy has no Swift: 3 levels short, last.
            #expect(view.suggestions.map(\.resource) == [f.bob.id, f.ann.id, f.cy.id])
            // Free: Bob 5 × 480 = 2,400 min; Ann 2,400 − her 50 % on Review (1,200) = 1,200 min, just enough; Cy 2,400.
            #expect(view.suggestions.map(\.freeMinutes) == [2_400, 1_200, 2_400])
            #expect(view.suggestions.map(\.coversNeed) == [true, true, true])
            #expect(view.suggestions.map(\.shortfallLevels) == [0, 0, 3])
            // Of those who fit (Bob 80.00, Ann 90.00; Cy does not meet the skill) Bob's rate is the lowest.
            #expect(view.suggestions.map(\.hasLowestRateOfThoseWhoFit) == [true, false, false])
            #expect(view.suggestions[0].sentences == [
                "Meets Swift 3 (has 3).", "Same role (Developer).",
                "Free 40 h, enough for the 20 h needed between 2027-03-01 and 2027-03-05.",
            ])

            // Staffing with a team or the generic resource itself is refused; with Bob it replaces the generic resource.
            for wrong in [f.team.id, f.generic.id] {
                await #expect(throws: ServiceError.self) { _ = try await planner.staff(assignment: f.genericAssignment.id, with: wrong, .system) }
            }
            let staffed = try await planner.staff(assignment: f.genericAssignment.id, with: f.bob.id, .system)
            #expect(staffed.resourceId == f.bob.id && staffed.units == 50 && staffed.version == 2)
            let stored = try await store.read { try await $0.get(Assignment.self, f.genericAssignment.id) }
            #expect(stored?.resourceId == f.bob.id)
            let audit = try await Audit(store: store).entries(
                AuditQuery(kind: "assignment", recordId: f.genericAssignment.id.rawValue, action: "update"), .system).items
            #expect(audit.count == 1)
            #expect(audit.first?.before?.contains(#""resource_id":\#(f.generic.id.rawValue),"#) == true)
            #expect(audit.first?.after?.contains(#""resource_id":\#(f.bob.id.rawValue),"#) == true)

            // Now it names a person: neither suggestions nor staffing again; nor is a person's own assignment staffed.
            for id in [f.genericAssignment.id, f.annAssignment.id] {
                do { _ = try await planner.staffing(assignment: id, .system); Issue.record("assignment \(id) was not refused") }
                catch let error as ServiceError { #expect(error.code == .conflict) }
                do { _ = try await planner.staff(assignment: id, with: f.cy.id, .system); Issue.record("assignment \(id) was staffed") }
                catch let error as ServiceError { #expect(error.code == .conflict) }
            }
        }
    }

    @Test("a role allocation's suggestions put the role's people first and the freest of them first; staffing it names the person",
          arguments: Backend.available)
    func staffAllocation(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let f = try await Self.staffingFixture(store)
            let planner = Self.planner(store)
            let view = try await planner.staffing(allocation: f.roleAllocation.id, .system)
            // 10 h a week over the week's 5 weekdays = 10 h = 600 min; no skills, so everyone meets them.
            #expect(view.need.minutes == 600 && view.need.skills.isEmpty)
            // Same role first (Ann, Bob before Cy); both cover 600 min; more free first: Bob 2,400 before Ann 1,200.
            #expect(view.suggestions.map(\.resource) == [f.bob.id, f.ann.id, f.cy.id])
            let staffed = try await planner.staff(allocation: f.roleAllocation.id, with: f.ann.id, .system)
            #expect(staffed.resourceId == f.ann.id && staffed.role.isEmpty)
            do { _ = try await planner.staffing(allocation: f.roleAllocation.id, .system); Issue.record("not refused") }
            catch let error as ServiceError { #expect(error.code == .conflict) }
            // The staffing list no longer shows it, nor the generic assignment once staffed.
            #expect(try await planner.unstaffed(.system).map(\.kind) == [.assignment])
            _ = try await planner.staff(assignment: f.genericAssignment.id, with: f.bob.id, .system)
            #expect(try await planner.unstaffed(.system).isEmpty)
        }
    }

    /// One analyst, Dee, 40 h a week, busy full time on an active project for the two weeks from Monday 30 November
    /// 2026; a submitted request asks for 1 FTE analyst for 1 month from Wednesday 2 December.
    static func startFixture(_ store: SQLStore) async throws -> IntakeRequest {
        let catalog = Catalog(store: store, clock: FixedClock(time: t))
        let office = try await catalog.create(WorkCalendar(name: "Office", createdAt: t, updatedAt: t), .system)
        let pf = try await catalog.create(Portfolio(code: "PF", name: "P", createdAt: t, updatedAt: t), .system)
        let dee = try await catalog.create(Resource(name: "Dee", role: "Analyst", calendarId: office.id, createdAt: t, updatedAt: t), .system)
        let busy = try await catalog.create(Project(portfolioId: pf.id, code: "B", name: "Busy", state: .active,
                                                    calendarId: office.id, createdAt: t, updatedAt: t), .system)
        let analysis = try await catalog.create(Activity(projectId: busy.id, code: "A1", name: "Analysis", duration: .days(10),
                                                         plannedStart: d("2026-11-30"), plannedFinish: d("2026-12-11"),
                                                         createdAt: t, updatedAt: t), .system)
        _ = try await catalog.create(Assignment(projectId: busy.id, activityId: analysis.id, resourceId: dee.id, units: 100,
                                                createdAt: t, updatedAt: t), .system)
        let ray = try await catalog.create(User(username: "ray", displayName: "Ray", role: .requester, createdAt: t, updatedAt: t), .system)
        return try await store.write { s in
            try await s.insert(IntakeRequest(portfolioId: pf.id, title: "Portal", requesterId: ray.id,
                                             demand: [RoleDemand(role: "Analyst", fte: 1, months: 1)],
                                             desiredStart: d("2026-12-02"), status: .submitted, createdAt: t, updatedAt: t))
        }
    }

    @Test("a request starts on the first Monday its role has room every week, the binding role named; the requested date needs extra hours",
          arguments: Backend.available)
    func whenCanWeStart(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let request = try await Self.startFixture(store)
            let view = try await Self.planner(store).whenCanWeStart(request: request.id, .system)
            // Today is Saturday 28 November: the first Monday tried is 30 November. The desired start, Wednesday 2
            // December, is in the week of Monday 30 November.
            #expect(view.earliest == Self.d("2026-11-30"))
            #expect(view.requested == Self.d("2026-11-30"))
            // 1 month = 52/12 = 4.33 weeks, rounded up to 5; 1 FTE × 8 h × 5 days = 40 h = 2,400 min each week.
            #expect(view.profile.count == 5 && view.profile.allSatisfy { $0.role == "Analyst" && $0.minutes == 2_400 })
            // Dee has 40 h a week and the two weeks from 30 November are taken: a start on 30 November or 7 December
            // finds 0 h left in its first week (40 h short). From 14 December her five weeks are free.
            #expect(view.answer.start == Self.d("2026-12-14"))
            #expect(view.answer.attempts.map(\.start) == [Self.d("2026-11-30"), Self.d("2026-12-07")])
            #expect(view.answer.attempts.map(\.binding.role) == ["Analyst", "Analyst"])
            #expect(view.answer.attempts.map(\.binding.week) == [Self.d("2026-11-30"), Self.d("2026-12-07")])
            #expect(view.answer.attempts.map(\.binding.shortMinutes) == [2_400, 2_400])
            // To start on 30 November the analysts need the whole 40 h a week more (2,400 min).
            let requested = try #require(view.answer.requested)
            #expect(requested.fits == false)
            #expect(requested.extras.map(\.role) == ["Analyst"] && requested.extras.map(\.extraMinutesPerWeek) == [2_400])
        }
    }
}
