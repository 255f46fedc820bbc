import Foundation
import GantryModel
import GantryServices
import GantryWeb
import HTTPTypes
import Testing

/// Time and money over HTTP (issue #15): a team member's week through the API, the project manager's approval,
/// and the earned value the project then shows, as JSON, CSV and on its page; refusals name what is wrong.
///
/// The project, worked by hand from DOMAIN.md §1's definitions: one activity of 10 working days (Mon 2026-11-02 to
/// Fri 11-13) staffed full time by a person at EUR 100.00/h, so the baseline plans EUR 800.00 a working day and
/// BAC = EUR 8,000.00. At the status date Fri 11-06, PV = 5 × 800 = 4,000.00; 40 % complete gives EV = 3,200.00; the
/// week's 40 approved hours give AC = 4,000.00. So CPI = SPI = 0.8, EAC (BAC / CPI) = 10,000.00, ETC = 6,000.00,
/// VAC = −2,000.00, EAC (CPI × SPI) = 4,000 + 4,800 / 0.64 = 11,500.00, TCPI to BAC = 4,800 / 4,000 = 1.2, to EAC =
/// 4,800 / 6,000 = 0.8. Earned schedule in days from
/// 11-02: cumulative PV reaches 3,200.00 at the end of day 4, so ES = 4; AT = 5 (11-02 to 11-06), SV(t) = −1,
/// SPI(t) = 0.8; the baseline spans PD = 12 days, so IEAC(t) = 12 / 0.8 = 15.
@Suite("Money over HTTP")
struct MoneyWebTests {
    struct Setup {
        var project: Int64
        var activity: Int64
        var person: Int64
    }

    static func setUp(_ c: Harness.Client, _ users: [Role: User]) async throws -> Setup {
        let pm = users[.projectManager]!.id, member = users[.teamMember]!.id
        let pf = try await c.create("portfolios", #"{"code":"MNY","name":"Money"}"#)
        let p = try await c.create("projects", #"{"portfolio_id":\#(pf),"code":"EVM","name":"Earned value","manager_id":\#(pm),"state":"active","start_date":"2026-11-02"}"#)
        let a = try await c.create("activities", #"{"project_id":\#(p),"code":"A1","name":"Build","duration":"10d"}"#)
        let person = try await c.create("resources", #"{"name":"Tess","kind":"person","cost_rate_minor":10000,"currency":"EUR","user_id":\#(member)}"#)
        _ = try await c.create("assignments", #"{"project_id":\#(p),"activity_id":\#(a),"resource_id":\#(person),"units":100}"#)
        let scheduled = try await c.send(.post, "/api/v1/projects/\(p)/schedule")
        #expect(scheduled.status == .ok, "\(scheduled.text)")
        let activity = try await c.send(.get, "/api/v1/activities/\(a)")
        #expect(activity.string("planned_start") == "2026-11-02" && activity.string("planned_finish") == "2026-11-13", "\(activity.text)")
        _ = try await c.create("baselines", #"{"project_id":\#(p),"name":"Approved plan"}"#)
        try await c.send(.patch, "/api/v1/activities/\(a)", json: #"{"percent_complete":40}"#)
        try await c.send(.patch, "/api/v1/projects/\(p)", json: #"{"status_date":"2026-11-06"}"#)
        return Setup(project: p, activity: a, person: person)
    }

    static func week(_ s: Setup, minutes: String = "[480,480,480,480,480,0,0]") -> String {
        #"{"week":"2026-11-04","rows":[{"project_id":\#(s.project),"activity_id":\#(s.activity),"minutes":\#(minutes)}]}"#
    }

    @Test("a week submitted and approved becomes actual cost; earned value and earned schedule as worked by hand")
    func weekToEarnedValue() async throws {
        let h = try await Harness.make()
        let users = h.users, backend = h.backend
        try await h.test { (c: Harness.Client) async throws in
            let s = try await Self.setUp(c, users)
            let before = try await c.send(.get, "/api/v1/projects/\(s.project)/evm")
            #expect(before["figures"]?["ac"] == .string("0.00"))
            #expect(before["figures"]?["cpi"] == .null)
            #expect(before["figures"]?["undefined"]?["cpi"] != nil, "an undefined CPI carries its reason")

            // The team member saves and submits the week (their own resource, found from their user).
            let saved = try await c.send(.put, "/api/v1/timesheets/week", as: .teamMember, json: Self.week(s))
            #expect(saved.status == .ok, "\(saved.text)")
            #expect(saved.string("week_start") == "2026-11-02")
            let submitted = try await c.send(.post, "/api/v1/timesheets/week/submit", as: .teamMember, json: #"{"week":"2026-11-02"}"#)
            #expect(submitted.status == .ok, "\(submitted.text)")
            guard case .array(let lines)? = submitted["lines"], case .object(let line)? = lines.first, case .int(let lineId)? = line["id"] else {
                Issue.record("no line in \(submitted.text)"); return
            }
            #expect(line["state"] == .string("submitted"))
            // A submitted line is locked.
            let locked = try await c.send(.put, "/api/v1/timesheets/week", as: .teamMember,
                                          json: #"{"week":"2026-11-02","rows":[{"line_id":\#(lineId),"project_id":\#(s.project),"activity_id":\#(s.activity),"minutes":[60,0,0,0,0,0,0]}]}"#)
            #expect(locked.status == .conflict, "\(locked.text)")

            // The team member cannot approve; a rejection needs its reason; the project manager approves.
            let own = try await c.send(.post, "/api/v1/approvals/decide", as: .teamMember, json: #"{"line_ids":[\#(lineId)],"decision":"approve"}"#)
            #expect(own.status == .forbidden, "\(own.text)")
            let noReason = try await c.send(.post, "/api/v1/approvals/decide", as: .projectManager, json: #"{"line_ids":[\#(lineId)],"decision":"reject"}"#)
            #expect(noReason.status == .unprocessableContent && noReason.problemFields == ["reason"], "\(noReason.text)")
            let queue = try await c.send(.get, "/api/v1/approvals", as: .projectManager)
            #expect(queue.text.contains(#""id":\#(lineId)"#), "\(queue.text)")
            let approved = try await c.send(.post, "/api/v1/approvals/decide", as: .projectManager, json: #"{"line_ids":[\#(lineId)],"decision":"approve"}"#)
            #expect(approved.status == .ok, "\(approved.text)")
            let priced = try await c.send(.get, "/api/v1/timesheet-lines/\(lineId)")
            #expect(priced.int("cost_minor") == 400_000 && priced.string("state") == "approved", "\(priced.text)")

            let evm = try await c.send(.get, "/api/v1/projects/\(s.project)/evm")
            let f = try #require(evm["figures"])
            let expected: [String: String] = [
                "bac": "8000.00", "pv": "4000.00", "ev": "3200.00", "ac": "4000.00", "sv": "-800.00", "cv": "-800.00",
                "spi": "0.8000", "cpi": "0.8000", "eac_typical": "10000.00", "eac_atypical": "8800.00", "eac_cost_and_schedule": "11500.00", "etc": "6000.00",
                "vac": "-2000.00", "tcpi_bac": "1.2000", "tcpi_eac": "0.8000", "es": "4.0000", "sv_t": "-1.0000",
                "spi_t": "0.8000", "ieac_t": "15.0000",
            ]
            for (key, value) in expected { #expect(f[key] == .string(value), "\(key): \(f[key].map { "\($0)" } ?? "missing")") }
            // Bottom-up: 60 % of the 10 days' 4,800 minutes remain, 2,880 min × 100.00/h = 4,800.00, so EAC = 4,000.00 + 4,800.00.
            #expect(f["eac_bottom_up"] == .string("8800.00"), "\(evm.text)")
            #expect(evm.string("baseline") == "Approved plan")

            // The same numbers as CSV and on the page, with the S-curve.
            let csv = try await c.send(.get, "/api/v1/projects/\(s.project)/evm?format=csv")
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            #expect(csv.text.contains("EVM,Project total,EUR,8000,4000,3200,4000,-800,-800,0.8,0.8,10000,8800,11500,6000,-2000,1.2,0.8,4,-1,0.8,15"), "\(csv.text)")
            let xlsx = try await c.send(.get, "/api/v1/projects/\(s.project)/evm?format=xlsx")
            #expect(xlsx.status == .ok && xlsx.headers[.contentType] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            let (session, _) = try await backend.accounts.signIn(username: "project.manager", password: Harness.password)
            let page = try await c.send(.get, "/projects/\(s.project)/evm", as: nil, headers: [.cookie: "gantry_session=\(session)"])
            #expect(page.status == .ok)
            #expect(page.text.contains(#"<tr id="evm-cpi"><th scope="row">CPI</th><td class="num">0.8000</td>"#), "\(page.text)")
            #expect(page.text.contains(#"<figure class="chart" id="s-curve"><svg"#))
            let money = try await c.send(.get, "/api/v1/projects/\(s.project)/money")
            #expect(money.string("spent") == "4000.00", "\(money.text)")

            // 40 approved hours of 80 planned (10 days × 8 h × 100 %) leave 40 remaining: 50 % proposed (40 % recorded).
            let queue2 = try await c.send(.get, "/api/v1/approvals", as: .projectManager)
            guard case .array(let proposals)? = queue2["progress"], case .object(let proposal)? = proposals.first else {
                Issue.record("no progress proposal: \(queue2.text)"); return
            }
            #expect(proposal["actual_minutes"] == .int(2400) && proposal["remaining_minutes"] == .int(2400))
            #expect(proposal["proposed_percent_complete"] == .double(50) || proposal["proposed_percent_complete"] == .int(50), "\(queue2.text)")
        }
    }

    @Test("the project manager names a stand-in on the approvals page; the stand-in then sees and approves the team's time; removing it ends that")
    func standIn() async throws {
        let h = try await Harness.make()
        let users = h.users
        let (pm, _) = try await h.backend.accounts.signIn(username: "project.manager", password: Harness.password)
        let (member, _) = try await h.backend.accounts.signIn(username: "team.member", password: Harness.password)
        try await h.test { (c: Harness.Client) async throws in
            let s = try await Self.setUp(c, users)
            _ = try await c.send(.put, "/api/v1/timesheets/week", as: .teamMember, json: Self.week(s))
            let submitted = try await c.send(.post, "/api/v1/timesheets/week/submit", as: .teamMember, json: #"{"week":"2026-11-02"}"#)
            guard case .array(let lines)? = submitted["lines"], case .object(let line)? = lines.first, case .int(let lineId)? = line["id"] else {
                Issue.record("no line in \(submitted.text)"); return
            }
            // The executive is no approver yet.
            #expect(try await c.send(.post, "/api/v1/approvals/decide", as: .executive, json: #"{"line_ids":[\#(lineId)],"decision":"approve"}"#).status == .forbidden)

            // A team member gets no form to name one; the project manager does.
            let memberPage = try await c.send(.get, "/approvals", as: nil, headers: RAIDUITests.cookie(member))
            #expect(memberPage.status == .ok && !memberPage.text.contains(#"id="delegate-form""#))
            let page = try await c.send(.get, "/approvals", as: nil, headers: RAIDUITests.cookie(pm))
            #expect(page.text.contains(#"id="delegate-form""#))
            let csrf = try #require(UITests.hidden("csrf_token", in: page.text))
            let executive = users[.executive]!.id
            let backwards = try await c.send(.post, "/approvals/delegates", as: nil, headers: RAIDUITests.form(pm),
                                             body: "csrf_token=\(csrf)&delegate_id=\(executive)&starts=2026-11-10&ends=2026-11-01")
            #expect(backwards.status == .unprocessableContent && backwards.text.contains("ends (2026-11-01) is before starts (2026-11-10)"), "\(backwards.text)")
            #expect(try await c.send(.get, "/api/v1/approval-delegations").items.isEmpty)
            let named = try await c.send(.post, "/approvals/delegates", as: nil, headers: RAIDUITests.form(pm),
                                         body: "csrf_token=\(csrf)&delegate_id=\(executive)&starts=2026-01-01&ends=&note=Away")
            #expect(named.status == .seeOther, "\(named.text)")
            let delegation = try #require(try await c.send(.get, "/api/v1/approval-delegations").items.first)
            #expect(delegation["delegator_id"]?.int == users[.projectManager]!.id.rawValue && delegation["delegate_id"]?.int == executive.rawValue)
            #expect(delegation["ends"] == nil || delegation["ends"] == .null, "an open-ended stand-in has no last day")

            // The stand-in's queue has the line, and the stand-in approves it.
            let queue = try await c.send(.get, "/api/v1/approvals", as: .executive)
            #expect(queue.text.contains(#""id":\#(lineId)"#), "\(queue.text)")
            let approved = try await c.send(.post, "/api/v1/approvals/decide", as: .executive, json: #"{"line_ids":[\#(lineId)],"decision":"approve"}"#)
            #expect(approved.status == .ok, "\(approved.text)")
            #expect(try await c.send(.get, "/api/v1/timesheet-lines/\(lineId)").int("decided_by") == executive.rawValue)

            // Removed on the page: the executive's queue is closed to them again.
            let after = try await c.send(.get, "/approvals", as: nil, headers: RAIDUITests.cookie(pm))
            let id = try #require(delegation["id"]?.int)
            #expect(after.text.contains(#"id="remove-delegation-\#(id)""#) && after.text.contains("in force"))
            let removed = try await c.send(.post, "/approvals/delegates/\(id)/remove", as: nil, headers: RAIDUITests.form(pm), body: "csrf_token=\(csrf)")
            #expect(removed.status == .seeOther)
            #expect(try await c.send(.get, "/api/v1/approval-delegations").items.isEmpty)
        }
    }

    @Test("a closed month refuses the week's changes with the month named, and reopening allows them; both audited")
    func closedMonth() async throws {
        let h = try await Harness.make()
        let users = h.users, backend = h.backend
        try await h.test { (c: Harness.Client) async throws in
            let s = try await Self.setUp(c, users)
            let closed = try await c.create("closed-periods", #"{"month":"2026-11","note":"October and November booked"}"#)
            let refused = try await c.send(.put, "/api/v1/timesheets/week", as: .teamMember, json: Self.week(s))
            #expect(refused.status == .conflict && refused.text.contains("November 2026 is closed"), "\(refused.text)")
            #expect(try await c.send(.get, "/api/v1/timesheets/week?resource_id=\(s.person)&week=2026-11-02").text
                .contains(#""closed_months":["2026-11"]"#))
            // A week across the month's end is refused too: its November days cannot change.
            let across = try await c.send(.put, "/api/v1/timesheets/week", as: .teamMember,
                                          json: #"{"week":"2026-11-30","rows":[{"project_id":\#(s.project),"activity_id":\#(s.activity),"minutes":[0,0,480,0,0,0,0]}]}"#)
            #expect(across.status == .ok, "only December days are booked: \(across.text)")
            let acrossNovember = try await c.send(.put, "/api/v1/timesheets/week", as: .teamMember,
                                                  json: #"{"week":"2026-11-30","rows":[{"project_id":\#(s.project),"activity_id":\#(s.activity),"minutes":[480,0,0,0,0,0,0]}]}"#)
            #expect(acrossNovember.status == .conflict, "\(acrossNovember.text)")
            // Only the PMO closes and reopens months.
            #expect(try await c.send(.delete, "/api/v1/closed-periods/\(closed)", as: .projectManager).status == .forbidden)
            #expect(try await c.send(.delete, "/api/v1/closed-periods/\(closed)", as: .pmoDirector).status == .noContent)
            #expect(try await c.send(.put, "/api/v1/timesheets/week", as: .teamMember, json: Self.week(s)).status == .ok)
            let trail = try await c.send(.get, "/api/v1/audit?kind=closed_period")
            #expect(trail.text.contains(#""action":"create""#) && trail.text.contains(#""action":"delete""#), "\(trail.text)")
        }
    }

    @Test("bad rows are refused by field, and nothing of the week is stored")
    func badRows() async throws {
        let h = try await Harness.make()
        let users = h.users, backend = h.backend
        try await h.test { (c: Harness.Client) async throws in
            let s = try await Self.setUp(c, users)
            let tooMany = try await c.send(.put, "/api/v1/timesheets/week", as: .teamMember,
                                           json: Self.week(s, minutes: "[480,480,480,480,480,0,0]").replacingOccurrences(of: "]}]}", with: "]},{\"category\":\"admin\",\"minutes\":[2000,0,0,0,0,0,0]}]}"))
            #expect(tooMany.status == .unprocessableContent && tooMany.problemFields == ["rows[1].minutes[0]"], "\(tooMany.text)")
            let week = try await c.send(.get, "/api/v1/timesheets/week?resource_id=\(s.person)&week=2026-11-02")
            #expect(week["lines"] == .array([]), "the first row was not kept: \(week.text)")
            let other = try await c.send(.put, "/api/v1/timesheets/week", as: .projectManager, json: Self.week(s))
            #expect(other.status == .unprocessableContent, "the manager has no person resource of their own: \(other.text)")
            let notTheirs = try await c.send(.put, "/api/v1/timesheets/week", as: .projectManager,
                                             json: Self.week(s).replacingOccurrences(of: #"{"week""#, with: #"{"resource_id":\#(s.person),"week""#))
            #expect(notTheirs.status == .forbidden, "\(notTheirs.text)")
        }
    }

    @Test("in a controlling portfolio the current budget of a project under way changes through an approved change request")
    func budgetChangeControl() async throws {
        let h = try await Harness.make()
        let users = h.users
        try await h.test { (c: Harness.Client) async throws in
            let s = try await Self.setUp(c, users)
            let project = try await c.send(.get, "/api/v1/projects/\(s.project)")
            let pf = try #require(project.int("portfolio_id"))
            try await c.send(.patch, "/api/v1/portfolios/\(pf)", json: #"{"governance_mode":"controlling"}"#)
            _ = try await c.create("budget-lines", #"{"project_id":\#(s.project),"budget_version":"original","month":"2026-11","cost_type":"labour","amount_minor":800000}"#)
            let direct = try await c.send(.post, "/api/v1/budget-lines", as: .projectManager,
                                          json: #"{"project_id":\#(s.project),"budget_version":"current","month":"2026-11","cost_type":"labour","amount_minor":1000000}"#)
            #expect(direct.status == .conflict && direct.text.contains("change request"), "\(direct.text)")

            // The change request names the new cell; its cost impact is the difference, EUR 2,000.00.
            let cr = try await c.send(.post, "/api/v1/change-requests", as: .projectManager,
                                      json: #"{"project_id":\#(s.project),"title":"More build effort","budget_changes":[{"month":"2026-11","cost_type":"labour","expenditure":"operating","amount_minor":1000000}]}"#)
            #expect(cr.status == .created, "\(cr.text)")
            #expect(cr.int("cost_impact_minor") == 200_000, "\(cr.text)")
            let id = try #require(cr.int("id"))
            #expect(try await c.send(.post, "/api/v1/change-requests/\(id)/submit", as: .projectManager).status == .ok)
            let approved = try await c.send(.post, "/api/v1/change-requests/\(id)/approve", as: .pmoDirector)
            #expect(approved.status == .ok, "\(approved.text)")
            let current = try await c.send(.get, "/api/v1/budget-lines?project_id=\(s.project)&budget_version=current")
            #expect(current.text.contains(#""amount_minor":1000000"#), "\(current.text)")
            let money = try await c.send(.get, "/api/v1/projects/\(s.project)/money")
            #expect(money.string("budget_original") == "8000.00" && money.string("budget_current") == "10000.00", "\(money.text)")
        }
    }
}
