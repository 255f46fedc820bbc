import Foundation
import GantryModel
import GantryServices
import GantryWeb
import HTTPTypes
import Testing

/// The template pages, the project page's phases and the gate page, as people use them: forms shown only to those
/// who may use them (with the session's CSRF token), refusals shown on the page with their reason.
@Suite("Template and gate pages")
struct StageGateUITests {
    static func signIn(_ harness: Harness, _ role: Role) async throws -> String {
        try await harness.backend.accounts.signIn(username: role.rawValue.replacingOccurrences(of: "_", with: "."),
                                                  password: Harness.password).0
    }

    static func page(_ c: Harness.Client, _ path: String, _ session: String) async throws -> Harness.Reply {
        try await c.send(.get, path, as: nil, headers: [.cookie: "gantry_session=\(session)"])
    }

    static func post(_ c: Harness.Client, _ path: String, _ session: String, _ fields: [String: String]) async throws -> Harness.Reply {
        let page = try await Self.page(c, path.hasSuffix("/templates") ? path : String(path[..<path.lastIndex(of: "/")!]), session)
        let csrf = UITests.hidden("csrf_token", in: page.text) ?? ""
        var all = fields
        all["csrf_token"] = csrf
        let body = all.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
        return try await c.send(.post, path, as: nil, headers: ScheduleUITests.form(session, ""), body: body)
    }

    @Test("the template list, its PMO-only form in the line format, errors shown with their field, and the template's page")
    func templatesPage() async throws {
        let harness = try await Harness.make()
        let pmo = try await Self.signIn(harness, .pmoDirector), pm = try await Self.signIn(harness, .projectManager)
        try await harness.test { (c: Harness.Client) async throws in
            _ = try await c.create("templates", StageGateAPITests.template)
            let list = try await Self.page(c, "/templates", pmo)
            #expect(list.status == .ok)
            #expect(list.text.contains(#"<a href="/templates" aria-current="page">Templates</a>"#))
            #expect(list.text.contains(#"class="template-link">Standard</a>"#))
            #expect(list.text.contains(#"id="create-template""#) && list.text.contains("How to write the phases"))
            #expect(!(try await Self.page(c, "/templates", pm)).text.contains(#"id="create-template""#))

            let outline = """
                phase: Plan | Agree the plan
                gate: Plan gate
                must: Budget approved | Finance signed | evidence
                should: Estimates reviewed | by a peer | weight 3
                deliverable: Plan
                task: 1.1 | Estimate | 3d
                phase: Plan
                must: maybe | x | sometimes
                milestone: 2.M | Done | 5d
                """
            let bad = try await Self.post(c, "/templates", pmo, ["name": "Light", "report_cadence": "weekly", "outline": outline])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains(#"id="template-errors""#))
            #expect(bad.text.contains("line 8: &#39;sometimes&#39; is not an option of a criterion"))
            #expect(bad.text.contains("Light"), "the form keeps what was typed")
            let fixed = outline.replacingOccurrences(of: " | sometimes", with: "")
            let dup = try await Self.post(c, "/templates", pmo, ["name": "Light", "report_cadence": "weekly", "outline": fixed])
            #expect(dup.status == .unprocessableContent)
            #expect(dup.text.contains("<code>phases[1].name</code>"), "\(dup.text)")
            #expect(dup.text.contains("<code>wbs[1].duration</code>"))
            let good = try await Self.post(c, "/templates", pmo, ["name": "Light", "report_cadence": "weekly", "raid_categories": "Cost, Vendors",
                                                                  "outline": fixed.replacingOccurrences(of: "phase: Plan\nmust", with: "phase: Build\nmust")
                                                                      .replacingOccurrences(of: "| Done | 5d", with: "| Done")])
            #expect(good.status == .seeOther, "\(good.text)")
            let location = try #require(good.headers[.location])
            let detail = try await Self.page(c, location, pm)
            #expect(detail.text.contains("<h1>Light</h1>"))
            #expect(detail.text.contains("<td>Budget approved</td><td>must-meet</td><td>Finance signed</td><td>required</td>"))
            #expect(detail.text.contains("should-meet (weight 3)"))
            #expect(detail.text.contains(#"<p id="raid-categories">Cost, Vendors</p>"#))
            #expect(detail.text.contains("must: Budget approved | Finance signed | evidence"), "the outline round-trips")
            let refused = try await Self.post(c, "/templates", pm, ["name": "Mine", "outline": "phase: A"])
            #expect(refused.status == .forbidden)
        }
    }

    @Test("the project page lists the phases with their gates; a project without phases offers the templates to who may apply one")
    func projectSection() async throws {
        let harness = try await Harness.make()
        let pm = try await Self.signIn(harness, .projectManager), team = try await Self.signIn(harness, .teamMember)
        let users = harness.users
        try await harness.test { (c: Harness.Client) async throws in
            let pmId = users[.projectManager]!.id.rawValue
            let pf = try await c.create("portfolios", #"{"code":"PF","name":"P","governance_mode":"controlling"}"#)
            let p = try await c.create("projects", #"{"portfolio_id":\#(pf),"code":"P1","name":"Project","manager_id":\#(pmId)}"#)
            let t = try await c.create("templates", StageGateAPITests.template)
            let empty = try await Self.page(c, "/projects/\(p)", pm)
            #expect(empty.text.contains("Phases and gates") && empty.text.contains(#"id="no-phases""#))
            #expect(empty.text.contains(#"<option value="\#(t)">Standard</option>"#))
            #expect(!(try await Self.page(c, "/projects/\(p)", team)).text.contains("apply-template-form"))

            let applied = try await Self.post(c, "/projects/\(p)/apply-template", pm, ["template_id": "\(t)"])
            #expect(applied.status == .seeOther && applied.headers[.location] == "/projects/\(p)#phases")
            let page = try await Self.page(c, "/projects/\(p)", team)
            #expect(page.text.contains(#"<span class="mode mode-controlling">controlling</span>"#))
            #expect(page.text.contains(#"class="phase phase-active""#) && page.text.contains(#"class="phase phase-pending""#))
            #expect(page.text.contains(#"class="phase-link">Initiate</a>"#))
            #expect(page.text.contains("Next gate:") && page.text.contains("unmet must-meet: Business case approved"))
            #expect(!page.text.contains("apply-template-form"))
        }
    }

    @Test("the gate page: the PM's refused go shows why and changes nothing; the PMO director's go opens the next phase")
    func gatePage() async throws {
        let harness = try await Harness.make()
        let pm = try await Self.signIn(harness, .projectManager), director = try await Self.signIn(harness, .pmoDirector)
        let users = harness.users
        try await harness.test { (c: Harness.Client) async throws in
            let (p, phases) = try await StageGateAPITests.setUp(c, users, mode: .controlling)
            let path = "/projects/\(p)/phases/\(phases[0])"
            let view = try await Self.page(c, path, pm)
            #expect(view.status == .ok)
            #expect(view.text.contains("<h1>Gate: G1</h1>"))
            #expect(view.text.contains(#"id="governance-mode">controlling</span>"#))
            #expect(view.text.contains("<strong>A controlling portfolio.</strong> Unmet must-meet criteria block the next phase until a PMO role"))
            #expect(view.text.contains(#"id="decision-form""#) && !view.text.contains(#"id="decision-kill""#))
            #expect(!view.text.contains(#"id="met-0""#), "the PM does not assess must-meet criteria in a controlling portfolio")
            #expect(view.text.contains(#"id="url-0""#) && view.text.contains(#"id="score-1""#))

            let refused = try await Self.post(c, "\(path)/decide", pm, ["decision": "go", "comment": ""])
            #expect(refused.status == .forbidden)
            #expect(refused.text.contains(#"id="gate-error""#))
            #expect(refused.text.contains("unmet must-meet criteria (Business case approved) block the next phase until a PMO role decides go"))
            #expect(try await StageGateAPITests.statuses(c, p) == ["active", "pending"])

            // Evidence by the PM; the PMO director sees the assessment and the kill.
            let evidence = try await Self.post(c, "\(path)/criteria", pm, ["index": "0", "name": "Business case approved",
                                                                          "evidence_label": "Signed case", "evidence_url": "https://wiki.example.com/case"])
            #expect(evidence.status == .seeOther)
            let assess = try await Self.post(c, "\(path)/criteria", pm, ["index": "0", "name": "Business case approved", "met": "met"])
            #expect(assess.status == .forbidden && assess.text.contains("only a PMO role assesses must-meet criteria"))
            let pmoView = try await Self.page(c, path, director)
            #expect(pmoView.text.contains(#"id="met-0""#) && pmoView.text.contains(#"id="decision-kill""#))
            #expect(pmoView.text.contains(#"<a href="https://wiki.example.com/case" rel="noopener noreferrer">Signed case</a>"#))

            let go = try await Self.post(c, "\(path)/decide", director, ["decision": "go", "comment": "Accepted by the PMO"])
            #expect(go.status == .seeOther && go.headers[.location] == path)
            #expect(try await StageGateAPITests.statuses(c, p) == ["completed", "active"])
            let after = try await Self.page(c, path, pm)
            #expect(after.text.contains(#"id="gate-status">passed</span>"#))
            #expect(after.text.contains("Accepted by the PMO") && after.text.contains("Business case approved"))
            #expect(after.text.contains("You cannot decide this gate: phase &#39;Initiate&#39; is completed"))
        }
    }

    @Test("in a directive portfolio the PM sees no decision form, and why")
    func directiveGatePage() async throws {
        let harness = try await Harness.make()
        let pm = try await Self.signIn(harness, .projectManager)
        let users = harness.users
        try await harness.test { (c: Harness.Client) async throws in
            let (p, phases) = try await StageGateAPITests.setUp(c, users, mode: .directive)
            let view = try await Self.page(c, "/projects/\(p)/phases/\(phases[0])", pm)
            #expect(!view.text.contains(#"id="decision-form""#))
            #expect(view.text.contains("You cannot decide this gate: in a directive portfolio, only a PMO role decides gates."))
            #expect(view.text.contains("<strong>A directive portfolio.</strong> The PMO owns the gates."))
            #expect(try await Self.page(c, "/projects/\(p)/phases/999", pm).status == .notFound)
        }
    }
}
