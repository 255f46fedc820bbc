import Foundation
import GantryModel
import GantryServices
import GantryWeb
import HTTPTypes
import Testing

/// The schedule on the project page, as people use it: the Gantt chart of the stored schedule, the activity
/// explanation, and the buttons that reschedule, level and analyse risk (forms with the session's CSRF token).
@Suite("Schedule pages")
struct ScheduleUITests {
    /// A project starting Mon 2018-02-26: A 3d → B 8d (the critical path), C 5d beside them with 6 days of float.
    static func project(_ c: Harness.Client) async throws -> (project: Int64, a: Int64, b: Int64, c: Int64) {
        let pf = try await c.create("portfolios", #"{"code":"PF","name":"P"}"#)
        let p = try await c.create("projects", #"{"portfolio_id":\#(pf),"code":"GX","name":"Gantt <demo>","start_date":"2018-02-26"}"#)
        let a = try await c.create("activities", #"{"project_id":\#(p),"code":"A","name":"Analyse","duration":"3d"}"#)
        let b = try await c.create("activities", #"{"project_id":\#(p),"code":"B","name":"Build","duration":"8d"}"#)
        let cc = try await c.create("activities", #"{"project_id":\#(p),"code":"C","name":"Communicate","duration":"5d"}"#)
        _ = try await c.create("dependencies", #"{"project_id":\#(p),"predecessor_id":\#(a),"successor_id":\#(b)}"#)
        return (p, a, b, cc)
    }

    static func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    static func form(_ session: String, _ body: String) -> HTTPFields {
        [.cookie: "gantry_session=\(session)", .contentType: "application/x-www-form-urlencoded"]
    }

    @Test("the project page draws the stored schedule: one bar per activity, the critical path hatched, floats and codes")
    func ganttOnProjectPage() async throws {
        let harness = try await Harness.make()
        let (session, _) = try await harness.backend.accounts.signIn(username: "admin", password: Harness.password)
        try await harness.test { (c: Harness.Client) async throws in
            let (p, a, b, cc) = try await Self.project(c)
            let cookie: HTTPFields = [.cookie: "gantry_session=\(session)"]
            let before = try await c.send(.get, "/projects/\(p)", as: nil, headers: cookie)
            #expect(before.status == .ok)
            #expect(before.text.contains("has not been computed yet"))
            #expect(!before.text.contains("<svg"))

            #expect(try await c.send(.post, "/api/v1/projects/\(p)/schedule").status == .ok)
            let page = try await c.send(.get, "/projects/\(p)", as: nil, headers: cookie)
            #expect(page.status == .ok)
            #expect(page.text.contains(#"<svg xmlns="http://www.w3.org/2000/svg" class="gantt" role="img""#))
            #expect(Self.count(#"class="gantt-bar "#, in: page.text) == 3)
            #expect(Self.count(#"class="gantt-bar leaf critical""#, in: page.text) == 2)
            #expect(page.text.contains(#"class="float""#), "C has a float bar")
            #expect(page.text.contains("Gantt &lt;demo&gt;"))
            #expect(!page.text.contains("Gantt <demo>"))
            #expect(page.text.contains("Up to date"))
            #expect(page.text.contains("2018-02-26T08:00"))  // project start
            #expect(page.text.contains("2018-03-12T17:00"))  // project finish: 11 working days
            #expect(page.text.contains(#"<dd id="project-duration">11d</dd>"#))
            let path = try #require(page.text.range(of: #"id="critical-path""#))
            let line = String(page.text[path.upperBound...].prefix { $0 != "\n" })
            #expect(line.contains(">A</a>") && line.contains(">B</a>") && !line.contains(">C</a>"))
            for id in [a, b, cc] { #expect(page.text.contains(#"href="/projects/\#(p)/activities/\#(id)""#)) }
            #expect(page.text.contains(#"<td class="num">6d</td>"#), "C's total float in the table")
            #expect(page.text.contains(#"id="reschedule""#))
        }
    }

    @Test("the explanation page says why a successor starts then and links to its driver")
    func explanation() async throws {
        let harness = try await Harness.make()
        let (session, _) = try await harness.backend.accounts.signIn(username: "admin", password: Harness.password)
        try await harness.test { (c: Harness.Client) async throws in
            let (p, a, b, cc) = try await Self.project(c)
            let cookie: HTTPFields = [.cookie: "gantry_session=\(session)"]
            #expect(try await c.send(.get, "/projects/\(p)/activities/\(b)", as: nil, headers: cookie).status == .notFound)
            #expect(try await c.send(.post, "/api/v1/projects/\(p)/schedule").status == .ok)
            let page = try await c.send(.get, "/projects/\(p)/activities/\(b)", as: nil, headers: cookie)
            #expect(page.status == .ok)
            #expect(page.text.contains("Why does it start then?"))
            #expect(page.text.contains("It starts 2018-03-01T08:00 because it follows A Analyse (FS)"))
            #expect(page.text.contains(#"<a href="/projects/\#(p)/activities/\#(a)" id="driver-link""#))
            #expect(page.text.contains("yes, on the critical path"))
            #expect(page.text.contains(#"<dd id="total-float">0d</dd>"#))
            let driver = try await c.send(.get, "/projects/\(p)/activities/\(a)", as: nil, headers: cookie)
            #expect(driver.text.contains("because the project starts then"))
            #expect(!driver.text.contains("driver-link"), "the chain ends at the project start")
            #expect(driver.text.contains("What it drives"))
            let free = try await c.send(.get, "/projects/\(p)/activities/\(cc)", as: nil, headers: cookie)
            #expect(free.text.contains(#"<dd id="total-float">6d</dd>"#))
            #expect(free.text.contains(#"<dd id="free-float">6d</dd>"#))
            #expect(try await c.send(.get, "/projects/\(p)/activities/999999", as: nil, headers: cookie).status == .notFound)
        }
    }

    @Test("Reschedule needs the session's CSRF token, then stores a new revision and the page shows it at once")
    func reschedule() async throws {
        let harness = try await Harness.make()
        let (session, _) = try await harness.backend.accounts.signIn(username: "admin", password: Harness.password)
        try await harness.test { (c: Harness.Client) async throws in
            let (p, _, b, _) = try await Self.project(c)
            #expect(try await c.send(.post, "/api/v1/projects/\(p)/schedule").status == .ok)
            let revision = try #require(try await c.send(.get, "/api/v1/projects/\(p)/schedule").int("revision"))
            let page = try await c.send(.get, "/projects/\(p)", as: nil, headers: [.cookie: "gantry_session=\(session)"])
            let csrf = try #require(UITests.hidden("csrf_token", in: page.text))

            let missing = try await c.send(.post, "/projects/\(p)/reschedule", as: nil, headers: Self.form(session, ""), body: "")
            #expect(missing.status == .forbidden)
            let wrong = try await c.send(.post, "/projects/\(p)/reschedule", as: nil, headers: Self.form(session, ""), body: "csrf_token=nope")
            #expect(wrong.status == .forbidden)
            #expect(try await c.send(.get, "/api/v1/projects/\(p)/schedule").int("revision") == revision, "nothing changed")

            // An edit makes the stored schedule stale; the page says so (the cache follows the revision).
            try await c.send(.patch, "/api/v1/activities/\(b)", json: #"{"duration":"9d"}"#)
            let stale = try await c.send(.get, "/projects/\(p)", as: nil, headers: [.cookie: "gantry_session=\(session)"])
            #expect(stale.text.contains("The project changed after this schedule was computed"))

            let ok = try await c.send(.post, "/projects/\(p)/reschedule", as: nil, headers: Self.form(session, ""), body: "csrf_token=\(csrf)")
            #expect(ok.status == .seeOther)
            #expect(ok.headers[.location] == "/projects/\(p)")
            let after = try #require(try await c.send(.get, "/api/v1/projects/\(p)/schedule").int("revision"))
            #expect(after > revision)
            let fresh = try await c.send(.get, "/projects/\(p)", as: nil, headers: [.cookie: "gantry_session=\(session)"])
            #expect(fresh.text.contains("Up to date"))
            #expect(fresh.text.contains(#"<dd id="project-duration">12d</dd>"#))
        }
    }

    @Test("an executive sees the chart but no buttons, and posting is refused with the policy's reason")
    func readOnly() async throws {
        let harness = try await Harness.make()
        let (session, _) = try await harness.backend.accounts.signIn(username: "executive", password: Harness.password)
        try await harness.test { (c: Harness.Client) async throws in
            let (p, _, _, _) = try await Self.project(c)
            #expect(try await c.send(.post, "/api/v1/projects/\(p)/schedule").status == .ok)
            let page = try await c.send(.get, "/projects/\(p)", as: nil, headers: [.cookie: "gantry_session=\(session)"])
            #expect(page.status == .ok)
            #expect(page.text.contains(#"class="gantt" role="img""#))
            #expect(!page.text.contains(#"id="reschedule""#))
            #expect(!page.text.contains(#"action="/projects/\#(p)/level""#))
            #expect(page.text.contains("Read-only schedule"))
            let csrf = try #require(UITests.hidden("csrf_token", in: page.text))
            for path in ["reschedule", "level"] {
                let refused = try await c.send(.post, "/projects/\(p)/\(path)", as: nil, headers: Self.form(session, ""), body: "csrf_token=\(csrf)")
                #expect(refused.status == .forbidden)
                #expect(refused.text.contains("Not allowed"))
            }
        }
    }

    @Test("leveling preview lists the moves and applies by its id; risk analysis shows percentiles and a histogram")
    func levelingAndRisk() async throws {
        let harness = try await Harness.make()
        let (session, _) = try await harness.backend.accounts.signIn(username: "admin", password: Harness.password)
        try await harness.test { (c: Harness.Client) async throws in
            let (p, _, _, _) = try await Self.project(c)
            #expect(try await c.send(.post, "/api/v1/projects/\(p)/schedule").status == .ok)
            let page = try await c.send(.get, "/projects/\(p)", as: nil, headers: [.cookie: "gantry_session=\(session)"])
            let csrf = try #require(UITests.hidden("csrf_token", in: page.text))
            let preview = try await c.send(.post, "/projects/\(p)/level", as: nil, headers: Self.form(session, ""), body: "csrf_token=\(csrf)")
            #expect(preview.status == .ok)
            #expect(preview.text.contains("Leveling preview for GX"))
            let id = try #require(UITests.hidden("preview_id", in: preview.text))
            let applied = try await c.send(.post, "/projects/\(p)/level/apply", as: nil, headers: Self.form(session, ""),
                                           body: "csrf_token=\(csrf)&preview_id=\(id)")
            #expect(applied.status == .seeOther, "\(applied.text)")
            let discard = try await c.send(.post, "/projects/\(p)/level/discard", as: nil, headers: Self.form(session, ""), body: "csrf_token=\(csrf)")
            #expect(discard.status == .seeOther)

            let risk = try await c.send(.post, "/projects/\(p)/risk", as: nil, headers: Self.form(session, ""), body: "csrf_token=\(csrf)")
            #expect(risk.status == .ok)
            #expect(risk.text.contains("10000 simulated schedules (seed 1"))
            for label in ["P50", "P80", "P90"] { #expect(risk.text.contains("<th scope=\"row\">\(label)</th>")) }
            #expect(risk.text.contains(#"class="risk-histogram" role="img""#))
            #expect(risk.text.contains("Most often critical"))
        }
    }
}
