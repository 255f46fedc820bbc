import Foundation
import GantryModel
import GantryServices
import GantryStorage
import GantryWeb
import HTTPTypes
import Testing

/// Staffing a generic assignment and "when could it start?" in the browser, as the PMO. The harness's clock says
/// Saturday 28 November 2026; the office calendar works 8 h a day, Monday to Friday, without holidays.
@Suite("Staffing and when-can-we-start in the browser")
struct StaffingUITests {
    static let t = Timestamp(millisecondsSinceEpoch: 0)
    static func d(_ s: String) -> CalendarDate { CalendarDate(iso: s)! }

    @Test("the suggestions page ranks the people; pressing Assign names the person on the assignment and says so")
    func assign() async throws {
        let harness = try await Harness.make()
        let catalog = harness.backend.catalog
        let office = try await catalog.create(WorkCalendar(name: "Office", createdAt: Self.t, updatedAt: Self.t), .system)
        let pf = try await catalog.create(Portfolio(code: "PF", name: "P", createdAt: Self.t, updatedAt: Self.t), .system)
        func resource(_ name: String, _ kind: ResourceKind, _ skills: [SkillLevel], _ rate: Int64) async throws -> Resource {
            try await catalog.create(Resource(name: name, kind: kind, role: "Developer", skills: skills, costRateMinor: rate,
                                              currency: "EUR", calendarId: office.id, createdAt: Self.t, updatedAt: Self.t), .system)
        }
        let ann = try await resource("Ann Expert", .person, [SkillLevel("Swift", level: 5)], 9000)
        let bob = try await resource("Bob Builder", .person, [SkillLevel("Swift", level: 3)], 8000)
        let generic = try await resource("Generic developer", .role, [SkillLevel("Swift", level: 3)], 0)
        let project = try await catalog.create(Project(portfolioId: pf.id, code: "P1", name: "Portal", state: .active,
                                                       calendarId: office.id, createdAt: Self.t, updatedAt: Self.t), .system)
        let build = try await catalog.create(Activity(projectId: project.id, code: "A1", name: "Build", duration: .days(5),
                                                      plannedStart: Self.d("2027-03-01"), plannedFinish: Self.d("2027-03-05"),
                                                      createdAt: Self.t, updatedAt: Self.t), .system)
        let assignment = try await catalog.create(Assignment(projectId: project.id, activityId: build.id, resourceId: generic.id,
                                                             units: 100, createdAt: Self.t, updatedAt: Self.t), .system)
        let director = try await FormSession.signIn(harness, .pmoDirector)
        try await harness.test { (c: Harness.Client) async throws in
            let pmo = try await FormSession.open(c, director)
            let list = try await pmo.get("/capacity/staffing")
            #expect(list.status == .ok)
            #expect(list.text.contains("Generic developer") && list.text.contains("A1 Build"))
            #expect(list.text.contains(#"href="/capacity/staffing/assignments/\#(assignment.id)""#))

            let page = try await pmo.get("/capacity/staffing/assignments/\(assignment.id)")
            #expect(page.status == .ok, "\(page.text)")
            // The need: the generic developer's 5 days × 8 h at 100 % = 40 h.
            #expect(page.text.contains("Developer with Swift at level 3 or more: 40 h between 2027-03-01 and 2027-03-05"))
            // Both meet Swift 3; Bob's 3 is the closer match than Ann's 5 (2 levels above), so Bob ranks first.
            let bobAt = try #require(page.text.range(of: "Assign Bob Builder")), annAt = try #require(page.text.range(of: "Assign Ann Expert"))
            #expect(bobAt.lowerBound < annAt.lowerBound)
            #expect(page.text.contains("80.00 EUR/h") && page.text.contains("90.00 EUR/h"))
            #expect(page.text.contains("Meets Swift 3 (has 5), 2 levels above what is needed."))

            let assigned = try await pmo.post("/capacity/staffing/assignments/\(assignment.id)/staff", ["resource_id": "\(bob.id)"])
            #expect(assigned.status == .seeOther, "\(assigned.text)")
            let back = try #require(assigned.headers[.location])
            #expect(back == "/capacity/staffing?staffed=assignment-\(assignment.id)")
            let confirmed = try await pmo.get(back)
            #expect(confirmed.text.contains("Bob Builder now takes A1 Build on P1."))
            #expect(!confirmed.text.contains(#"href="/capacity/staffing/assignments/\#(assignment.id)""#), "no longer waiting")
            #expect(try await c.send(.get, "/api/v1/assignments/\(assignment.id)").int("resource_id") == bob.id.rawValue)
            // Pressing it again: the assignment names a person now, and the refusal says so.
            let again = try await pmo.post("/capacity/staffing/assignments/\(assignment.id)/staff", ["resource_id": "\(ann.id)"])
            #expect(again.status == .conflict)
        }
    }

    @Test("the request page says when the request could start, the role that binds and the extra hours for the date asked")
    func requestStart() async throws {
        let harness = try await Harness.make()
        let catalog = harness.backend.catalog
        let office = try await catalog.create(WorkCalendar(name: "Office", createdAt: Self.t, updatedAt: Self.t), .system)
        let pf = try await catalog.create(Portfolio(code: "PF", name: "P", createdAt: Self.t, updatedAt: Self.t), .system)
        // Dee, the one analyst (40 h a week), is busy full time for the two weeks from Monday 30 November 2026.
        let dee = try await catalog.create(Resource(name: "Dee", role: "Analyst", calendarId: office.id, createdAt: Self.t, updatedAt: Self.t), .system)
        let busy = try await catalog.create(Project(portfolioId: pf.id, code: "B", name: "Busy", state: .active,
                                                    calendarId: office.id, createdAt: Self.t, updatedAt: Self.t), .system)
        let analysis = try await catalog.create(Activity(projectId: busy.id, code: "A1", name: "Analysis", duration: .days(10),
                                                         plannedStart: Self.d("2026-11-30"), plannedFinish: Self.d("2026-12-11"),
                                                         createdAt: Self.t, updatedAt: Self.t), .system)
        _ = try await catalog.create(Assignment(projectId: busy.id, activityId: analysis.id, resourceId: dee.id, units: 100,
                                                createdAt: Self.t, updatedAt: Self.t), .system)
        let requester = try #require(harness.users[.requester])
        let request = try await harness.store.write { s in
            try await s.insert(IntakeRequest(portfolioId: pf.id, title: "Portal", requesterId: requester.id,
                                             demand: [RoleDemand(role: "Analyst", fte: 1, months: 1)],
                                             desiredStart: Self.d("2026-12-02"), status: .submitted, createdAt: Self.t, updatedAt: Self.t))
        }
        let director = try await FormSession.signIn(harness, .pmoDirector)
        try await harness.test { (c: Harness.Client) async throws in
            let pmo = try await FormSession.open(c, director)
            let page = try await pmo.get("/requests/\(request.id)")
            #expect(page.status == .ok)
            #expect(page.text.contains("When could it start?"))
            // 1 FTE for 1 month is 5 weeks of 40 h; Dee has no room in the weeks of 30 November and 7 December, so the
            // first Monday with five free weeks is 14 December.
            #expect(page.text.contains(#"Earliest start: <strong class="date">2026-12-14</strong>"#))
            #expect(page.text.contains("Analyst is 40 h short in the week of 2026-11-30"))
            // On the date asked (its Monday, 30 November) the analysts need 40 h a week more.
            #expect(page.text.contains("Analyst needs 40 h a week more"))
            let details = try await pmo.get("/requests/\(request.id)/start")
            #expect(details.status == .ok)
            #expect(details.text.contains("2026-12-07") && details.text.contains("2026-12-14"))
            let json = try await c.send(.get, "/api/v1/requests/\(request.id)/start")
            #expect(json.string("start") == "2026-12-14" && json.string("requested") == "2026-11-30")
        }
    }
}
