import Foundation
import GantryModel
import HTTPTypes
import Testing

/// Status reports over the API and in the pages (issue 4: "a PM submits a status report and the PMO returns it
/// with a comment"; bad input gets a 4xx that says why and changes nothing).
@Suite("Status reports over the API and in the pages")
struct StatusReportAPITests {
    /// A controlling portfolio owned by the portfolio manager, and a project the project manager manages since
    /// 2026-09-10 with two ten-day activities (one done, one half done by the clock's 2026-11-28) and a milestone
    /// that is late: SPI 0.75, one overdue milestone.
    static func setUp(_ c: Harness.Client, _ users: [Role: User], mode: String = "controlling") async throws -> (portfolio: Int64, project: Int64) {
        let owner = users[.portfolioManager]!.id.rawValue
        let pm = users[.projectManager]!.id.rawValue
        let pf = try await c.create("portfolios", #"{"code":"PF","name":"Portfolio","owner_id":\#(owner),"governance_mode":"\#(mode)"}"#)
        let project = try await c.create("projects", #"{"portfolio_id":\#(pf),"code":"P1","name":"Project one","manager_id":\#(pm),"state":"active","start_date":"2026-09-10"}"#)
        for (code, kind, duration, start, finish, done) in [
            ("A", "leaf", "10d", "2026-11-02", "2026-11-13", 100), ("B", "leaf", "10d", "2026-11-16", "2026-11-27", 50),
            ("M", "milestone", "0d", "2026-11-20", "2026-11-20", 0),
        ] {
            _ = try await c.create("activities", #"{"project_id":\#(project),"code":"\#(code)","name":"\#(code)","kind":"\#(kind)","duration":"\#(duration)","planned_start":"\#(start)","planned_finish":"\#(finish)","percent_complete":\#(done)}"#)
        }
        return (pf, project)
    }

    @Test("a PM starts the period's report, overrides a rating with a comment and submits; the PMO returns it; the PM submits again; the PMO accepts")
    func journey() async throws {
        let harness = try await Harness.make()
        let users = harness.users
        try await harness.test { (c: Harness.Client) async throws in
            let (pf, project) = try await Self.setUp(c, users)
            let started = try await c.send(.post, "/api/v1/projects/\(project)/status-reports", as: .projectManager)
            #expect(started.status == .created, "\(started.text)")
            let id = try #require(started.int("id"))
            #expect(started.headers[.location] == "/api/v1/status-reports/\(id)")
            #expect(started.string("period_start") == "2026-11-01" && started.string("period_end") == "2026-12-01")
            #expect(started.string("status") == "draft" && started.int("author_id") == users[.projectManager]!.id.rawValue)
            #expect(started["spi"] == .double(0.75) && started.int("overdue_milestones") == 1)
            #expect(started.string("schedule_suggested") == "red" && started.string("schedule") == "red")

            let noComment = try await c.send(.patch, "/api/v1/status-reports/\(id)", as: .projectManager, json: #"{"schedule":"amber"}"#)
            #expect(noComment.status == .unprocessableContent)
            #expect(noComment.problemFields == ["schedule_comment"])
            #expect(noComment.string("detail")?.contains("instead of the suggested red is a manual override and needs a comment") == true)
            let rated = try await c.send(.patch, "/api/v1/status-reports/\(id)", as: .projectManager, json: #"""
                {"schedule":"amber","schedule_comment":"the vendor caught up this week","cost":"green","scope":"green",
                 "accomplishments":"Build finished","escalations":"Need test hardware"}
                """#)
            #expect(rated.status == .ok, "\(rated.text)")
            #expect(rated.headers[.eTag] == "\"2\"")

            let byPM = try await c.send(.post, "/api/v1/status-reports/\(id)/accept", as: .projectManager)
            #expect(byPM.status == .conflict)  // a draft is not accepted, whoever asks
            #expect(try await c.send(.post, "/api/v1/status-reports/\(id)/submit", as: .projectManager).string("status") == "submitted")
            let selfAccept = try await c.send(.post, "/api/v1/status-reports/\(id)/accept", as: .projectManager)
            #expect(selfAccept.status == .forbidden)
            #expect(selfAccept.string("detail")?.contains("only a PMO role may accept or return a status report") == true)
            let byOwner = try await c.send(.post, "/api/v1/status-reports/\(id)/return", as: .portfolioManager, json: #"{"comment":"no"}"#)
            #expect(byOwner.status == .forbidden)

            let bare = try await c.send(.post, "/api/v1/status-reports/\(id)/return", as: .pmoDirector, json: #"{"comment":" "}"#)
            #expect(bare.status == .unprocessableContent && bare.problemFields == ["comment"])
            let missing = try await c.send(.post, "/api/v1/status-reports/\(id)/return", as: .pmoDirector)
            #expect(missing.status == .unprocessableContent && missing.problemFields == ["comment"])
            let returned = try await c.send(.post, "/api/v1/status-reports/\(id)/return", as: .pmoDirector,
                                            json: #"{"comment":"Quantify the vendor delay in days."}"#)
            #expect(returned.status == .ok && returned.string("status") == "returned")
            #expect(returned.string("return_comment") == "Quantify the vendor delay in days.")

            let seen = try await c.send(.get, "/api/v1/status-reports/\(id)", as: .projectManager)
            #expect(seen.string("status") == "returned" && seen.string("return_comment") == "Quantify the vendor delay in days.")
            #expect(try await c.send(.patch, "/api/v1/status-reports/\(id)", as: .projectManager,
                                     json: #"{"schedule_comment":"the vendor is 4 days late and caught up 3"}"#).status == .ok)
            #expect(try await c.send(.post, "/api/v1/status-reports/\(id)/submit", as: .projectManager).string("status") == "submitted")
            let accepted = try await c.send(.post, "/api/v1/status-reports/\(id)/accept", as: .pmoAnalyst)
            #expect(accepted.status == .ok && accepted.string("status") == "accepted")
            #expect(try await c.send(.get, "/api/v1/projects/\(project)").string("health") == "red")

            let history = try await c.send(.get, "/api/v1/status-reports?project_id=\(project)&status=accepted", as: .executive)
            #expect(history.items.count == 1)
            let audit = try await c.send(.get, "/api/v1/audit?kind=status_report&record_id=\(id)", as: .pmoDirector)
            #expect(audit.items.compactMap { $0["action"]?.string } == ["transition", "update", "transition", "update", "update",
                                                                         "transition", "update", "transition", "update", "update", "create"])

            let report = try await c.send(.get, "/api/v1/portfolios/\(pf)/report", as: .executive)
            #expect(report.status == .ok)
            guard case .array(let lines)? = report["projects"] else { Issue.record("no projects"); return }
            #expect(lines.first?["health"]?.string == "red" && lines.first?["health_source"]?.string == "report")
            #expect(lines.first?["escalations"]?.string == "Need test hardware")
        }
    }

    @Test("refusals name the field or say why, and change nothing")
    func refusals() async throws {
        let harness = try await Harness.make()
        let users = harness.users
        try await harness.test { (c: Harness.Client) async throws in
            let (_, project) = try await Self.setUp(c, users)
            let id = try #require(try await c.send(.post, "/api/v1/projects/\(project)/status-reports", as: .projectManager).int("id"))
            let again = try await c.send(.post, "/api/v1/projects/\(project)/status-reports", as: .projectManager,
                                         json: #"{"period_start":"2026-11-20"}"#)
            #expect(again.status == .conflict)
            #expect(again.string("detail")?.contains("already has a status report for the period 2026-11-01 – 2026-11-30") == true)
            let future = try await c.send(.post, "/api/v1/projects/\(project)/status-reports", as: .projectManager,
                                          json: #"{"period_start":"2027-01-05"}"#)
            #expect(future.status == .unprocessableContent && future.problemFields == ["period_start"])
            let badDay = try await c.send(.post, "/api/v1/projects/\(project)/status-reports", as: .projectManager,
                                          json: #"{"period_start":"soon","actual_cost_minor":"a lot","colour":"red"}"#)
            #expect(badDay.status == .unprocessableContent && badDay.problemFields == ["colour"])
            let badValues = try await c.send(.post, "/api/v1/projects/\(project)/status-reports", as: .projectManager,
                                             json: #"{"period_start":"soon","actual_cost_minor":"a lot"}"#)
            #expect(badValues.problemFields == ["period_start", "actual_cost_minor"])
            #expect(try await c.send(.post, "/api/v1/projects/\(project)/status-reports", as: .teamMember).status == .forbidden)
            #expect(try await c.send(.post, "/api/v1/projects/999/status-reports", as: .pmoDirector).status == .notFound)

            let status = try await c.send(.patch, "/api/v1/status-reports/\(id)", as: .projectManager, json: #"{"status":"accepted"}"#)
            #expect(status.status == .unprocessableContent && status.problemFields == ["status"])
            #expect(status.string("detail")?.contains("submit, accept, return") == true)
            let numbers = try await c.send(.patch, "/api/v1/status-reports/\(id)", as: .projectManager, json: #"{"spi":1.2,"schedule_suggested":"green"}"#)
            #expect(numbers.status == .unprocessableContent && Set(numbers.problemFields) == ["spi", "schedule_suggested"])
            let unrated = try await c.send(.post, "/api/v1/status-reports/\(id)/submit", as: .projectManager)
            #expect(unrated.status == .unprocessableContent && unrated.problemFields == ["cost"])
            let extra = try await c.send(.post, "/api/v1/status-reports/\(id)/submit", as: .projectManager, json: #"{"force":true}"#)
            #expect(extra.status == .unprocessableContent && extra.problemFields == ["force"])
            let other = try await c.send(.patch, "/api/v1/status-reports/\(id)", as: .pmoDirector, json: #"{"accomplishments":"x"}"#)
            #expect(other.status == .forbidden)
            let unchanged = try await c.send(.get, "/api/v1/status-reports/\(id)", as: .executive)
            #expect(unchanged.int("version") == 1 && unchanged.string("status") == "draft" && unchanged.string("accomplishments") == "")
            #expect(try await c.send(.post, "/api/v1/status-reports/999/submit", as: .projectManager).status == .notFound)

            // The generic create starts the report of the period that holds period_start, for the caller.
            let generic = try await c.send(.post, "/api/v1/status-reports", as: .projectManager,
                                           json: #"{"project_id":\#(project),"period_start":"2026-10-17"}"#)
            #expect(generic.status == .created, "\(generic.text)")
            #expect(generic.string("period_start") == "2026-10-01" && generic.int("author_id") == users[.projectManager]!.id.rawValue)
            #expect(try await c.send(.delete, "/api/v1/status-reports/\(generic.int("id")!)", as: .projectManager).status == .noContent)
        }
    }

    @Test("late reports are listed in controlling portfolios with how late; not in supportive ones", arguments: ["controlling", "supportive"])
    func overdue(mode: String) async throws {
        let harness = try await Harness.make()
        let users = harness.users
        try await harness.test { (c: Harness.Client) async throws in
            let (pf, _) = try await Self.setUp(c, users, mode: mode)
            let late = try await c.send(.get, "/api/v1/status-reports/overdue?portfolio_id=\(pf)", as: .executive)
            #expect(late.status == .ok)
            if mode == "supportive" {
                #expect(late.items.isEmpty)
            } else {
                #expect(late.items.count == 1)
                #expect(late.items.first?["days_late"]?.int == 53 && late.items.first?["due_on"]?.string == "2026-10-06")
                #expect(late.items.first?["report_status"] == nil)  // never started
            }
            #expect(try await c.send(.get, "/api/v1/status-reports/overdue?portfolio=1").problemFields == ["portfolio"])
            #expect(try await c.send(.get, "/api/v1/status-reports/overdue?portfolio_id=x").problemFields == ["portfolio_id"])
        }
    }

    @Test("the portfolio report as CSV, and 404 for a missing portfolio")
    func csv() async throws {
        let harness = try await Harness.make()
        let users = harness.users
        try await harness.test { (c: Harness.Client) async throws in
            let (pf, _) = try await Self.setUp(c, users)
            let csv = try await c.send(.get, "/api/v1/portfolios/\(pf)/report.csv", as: .executive)
            #expect(csv.status == .ok && csv.headers[.contentType] == "text/csv; charset=utf-8")
            let lines = csv.text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(lines.count == 2 && lines[0].hasPrefix("code,project,state,manager,health,"))
            #expect(lines[1] == "P1,Project one,active,Project manager,unknown,project,,,,,,,53,0,,,")
            #expect(try await c.send(.get, "/api/v1/portfolios/999/report").status == .notFound)
            #expect(try await c.send(.get, "/portfolios/\(pf)/report.csv", as: .executive).text == csv.text)
        }
    }

    // MARK: pages

    @Test("the pages: history with a New report button for the manager, the form with suggestions, an override refused with the reason, the PMO's review, the returned comment")
    func pages() async throws {
        let harness = try await Harness.make()
        let users = harness.users
        try await harness.test { (c: Harness.Client) async throws in
            let (pf, project) = try await Self.setUp(c, users)
            let projectPage = try await c.send(.get, "/projects/\(project)", as: .teamMember)
            #expect(projectPage.text.contains(#"href="/projects/\#(project)/reports""#))
            let list = try await c.send(.get, "/projects/\(project)/reports", as: .projectManager)
            #expect(list.status == .ok)
            #expect(list.text.contains(#"id="new-report""#) && list.text.contains("New report for 2026-11-01 – 2026-11-30"))
            #expect(list.text.contains(#"id="overdue-notice""#) && list.text.contains("53 days late"))
            #expect(!(try await c.send(.get, "/projects/\(project)/reports", as: .teamMember)).text.contains(#"id="new-report""#))

            let created = try await c.send(.post, "/projects/\(project)/reports", as: .projectManager, json: "csrf_token=")
            #expect(created.status == .seeOther)
            let location = try #require(created.headers[.location])
            let form = try await c.send(.get, location, as: .projectManager)
            #expect(form.text.contains(#"id="report-form""#))
            #expect(form.text.contains(#"<span class="rag rag-red" id="schedule-suggested">red</span>"#))
            #expect(form.text.contains("SPI 0.75 below 0.85 → red"))
            #expect(form.text.contains(#"<option value="red" selected>red</option>"#))
            #expect(!form.text.contains(#"id="accept-report""#))

            let refused = try await c.send(.post, location, as: .projectManager,
                                           json: "schedule=green&schedule_comment=&accomplishments=Kept+text&action=save")
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains(#"id="report-error""#) && refused.text.contains("needs a comment"))
            #expect(refused.text.contains("Kept text"))  // what was typed is still there
            let badCost = try await c.send(.post, location, as: .projectManager, json: "actual_cost=lots&action=save")
            #expect(badCost.status == .unprocessableContent && badCost.text.contains("an amount like 12500"))

            let submitted = try await c.send(.post, location, as: .projectManager, json:
                "overall=red&schedule=amber&schedule_comment=vendor+recovered&cost=green&scope=green&risk=green&actual_cost=1200.50&action=submit")
            #expect(submitted.status == .seeOther)
            let id = String(location.split(separator: "/").last!)
            let json = try await c.send(.get, "/api/v1/status-reports/\(id)")
            #expect(json.string("status") == "submitted" && json.int("actual_cost_minor") == 120_050)

            let review = try await c.send(.get, location, as: .pmoDirector)
            #expect(review.text.contains(#"id="accept-report""#) && review.text.contains(#"id="return-report""#))
            #expect(!review.text.contains(#"id="report-form""#))
            let pmView = try await c.send(.get, location, as: .projectManager)
            #expect(!pmView.text.contains(#"id="accept-report""#) && !pmView.text.contains(#"id="report-form""#))

            let empty = try await c.send(.post, location + "/return", as: .pmoDirector, json: "comment=")
            #expect(empty.status == .unprocessableContent && empty.text.contains("only with a comment"))
            let back = try await c.send(.post, location + "/return", as: .pmoDirector, json: "comment=Add+the+vendor+delay+in+days")
            #expect(back.status == .seeOther)
            let returned = try await c.send(.get, location, as: .projectManager)
            #expect(returned.text.contains(#"id="return-comment""#) && returned.text.contains("Add the vendor delay in days"))
            #expect(returned.text.contains(#"id="report-form""#))  // the author edits it again

            let phase = try await c.create("phases", #"{"project_id":\#(project),"name":"Build","status":"active","gate_name":"Go-live","gate_date":"2026-11-20"}"#)
            let exec = try await c.send(.get, "/portfolios/\(pf)/report", as: .executive)
            #expect(exec.status == .ok)
            #expect(exec.text.contains(#"<a href="/projects/\#(project)/phases/\#(phase)">Build: Go-live</a>"#))
            #expect(exec.text.contains(#"2026-11-20 <span class="crit">8 days ago</span>"#))
            for id in ["projects-by-health", "escalations", "overdue-reports", "top-risks-table", "gates", "report-csv"] {
                #expect(exec.text.contains(#"id="\#(id)""#), "the portfolio report has #\(id)")
            }
            #expect(exec.text.contains(#"<div class="actions no-print">"#))
            let portfolioPage = try await c.send(.get, "/portfolios/\(pf)", as: .executive)
            #expect(portfolioPage.text.contains(#"href="/portfolios/\#(pf)/report""#))
        }
    }
}
