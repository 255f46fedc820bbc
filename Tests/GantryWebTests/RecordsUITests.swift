import Foundation
import GantryModel
import GantryServices
import GantryWeb
import HTTPTypes
import Testing

/// A signed-in browser session in the tests: its cookie and its CSRF token, and forms posted the way a browser does.
struct FormSession: Sendable {
    let c: Harness.Client
    let session: String
    let csrf: String

    static func signIn(_ harness: Harness, _ role: Role) async throws -> String {
        try await harness.backend.accounts.signIn(username: role.rawValue.replacingOccurrences(of: "_", with: "."),
                                                  password: Harness.password).0
    }

    static func open(_ c: Harness.Client, _ session: String) async throws -> FormSession {
        let page = try await c.send(.get, "/portfolios", as: nil, headers: [.cookie: "gantry_session=\(session)"])
        return FormSession(c: c, session: session, csrf: try #require(UITests.hidden("csrf_token", in: page.text)))
    }

    func get(_ path: String) async throws -> Harness.Reply {
        try await c.send(.get, path, as: nil, headers: [.cookie: "gantry_session=\(session)"])
    }

    /// Posts the fields as `application/x-www-form-urlencoded`, with the session's CSRF token unless `csrf` is false.
    func post(_ path: String, _ fields: KeyValuePairs<String, String>, csrf: Bool = true) async throws -> Harness.Reply {
        var pairs = fields.map { ($0.key, $0.value) }
        if csrf { pairs.append(("csrf_token", self.csrf)) }
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        let body = pairs.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(separator: "&")
        return try await c.send(.post, path, as: nil, headers: ScheduleUITests.form(session, ""), body: body)
    }
}

extension Harness.Reply {
    /// The error shown beside a form field (`<span class="field-error" id="FIELD-error">`), if any.
    func fieldError(_ field: String) -> String? {
        guard let r = text.range(of: #"id="\#(field)-error">"#) else { return nil }
        return String(text[r.upperBound...].prefix { $0 != "<" })
    }

    /// The id at the end of a redirect's Location (`/projects/12` → 12).
    var locationId: Int64? { headers[.location].flatMap { $0.split(separator: "/").last.flatMap { Int64($0) } } }
}

@Suite("Portfolios, programs and projects through the browser forms")
struct RecordsUITests {
    @Test("the PMO director creates, edits and deletes a portfolio; a duplicate code and an empty name are shown beside their fields; a team member and a form without its CSRF token are refused")
    func portfolioForms() async throws {
        let harness = try await Harness.make()
        let director = try await FormSession.signIn(harness, .pmoDirector)
        let member = try await FormSession.signIn(harness, .teamMember)
        try await harness.test { (c: Harness.Client) async throws in
            let pmo = try await FormSession.open(c, director), tm = try await FormSession.open(c, member)
            #expect(try await pmo.get("/portfolios").text.contains(#"id="new-portfolio""#))
            #expect(try await tm.get("/portfolios").text.contains(#"id="new-portfolio""#) == false)
            #expect(try await pmo.get("/portfolios/new").status == .ok)

            let made = try await pmo.post("/portfolios/new", ["code": "OPS", "name": "Operations", "description": "Run the business",
                                                              "owner_id": "", "governance_mode": "controlling"])
            #expect(made.status == .seeOther, "\(made.text)")
            let id = try #require(made.locationId)
            #expect(made.headers[.location] == "/portfolios/\(id)")
            let stored = try await c.send(.get, "/api/v1/portfolios/\(id)")
            #expect(stored.string("name") == "Operations")
            #expect(stored.string("governance_mode") == "controlling")
            #expect(try await c.send(.get, "/api/v1/audit?kind=portfolio&record_id=\(id)", as: .pmoDirector).items.count == 1)

            // A duplicate code and a blank name: re-rendered with the input kept and each problem beside its field.
            let dup = try await pmo.post("/portfolios/new", ["code": "OPS", "name": "Second <ops>", "owner_id": "", "governance_mode": "supportive"])
            #expect(dup.status == .conflict)
            #expect(dup.fieldError("code")?.contains("already exists") == true)
            #expect(dup.text.contains(#"value="Second &lt;ops&gt;""#), "the typed name is kept, escaped")
            let blank = try await pmo.post("/portfolios/new", ["code": "NEW", "name": "  ", "owner_id": "", "governance_mode": "supportive"])
            #expect(blank.status == .unprocessableContent)
            #expect(blank.fieldError("name")?.contains("required") == true)
            #expect(blank.fieldError("code") == nil)
            #expect(try await c.send(.get, "/api/v1/portfolios").items.count == 1, "nothing stored")

            // Refused by the policy, and without the CSRF token: 403, nothing stored.
            #expect(try await tm.get("/portfolios/new").status == .forbidden)
            let refused = try await tm.post("/portfolios/new", ["code": "TM", "name": "Mine", "owner_id": "", "governance_mode": "supportive"])
            #expect(refused.status == .forbidden)
            #expect(refused.text.contains("may not create portfolios"))
            let forged = try await pmo.post("/portfolios/new", ["code": "CSRF", "name": "Forged", "governance_mode": "supportive"], csrf: false)
            #expect(forged.status == .forbidden)
            #expect(try await c.send(.get, "/api/v1/portfolios").items.count == 1)
            #expect(try await tm.post("/portfolios/\(id)/edit", ["code": "OPS", "name": "Hijacked"]).status == .forbidden)

            // Edit.
            let edit = try await pmo.get("/portfolios/\(id)/edit")
            #expect(edit.text.contains(#"value="Operations""#))
            let version = try #require(UITests.hidden("version", in: edit.text))
            let saved = try await pmo.post("/portfolios/\(id)/edit", ["version": version, "code": "OPS", "name": "Operations and support",
                                                                       "description": "", "owner_id": ""])
            #expect(saved.status == .seeOther)
            #expect(try await c.send(.get, "/api/v1/portfolios/\(id)").string("name") == "Operations and support")
            let stale = try await pmo.post("/portfolios/\(id)/edit", ["version": version, "code": "OPS", "name": "Stale"])
            #expect(stale.status == .preconditionFailed)
            #expect(stale.text.contains("version"))

            // A delete the rules refuse says why; an unused portfolio goes.
            _ = try await c.create("projects", #"{"portfolio_id":\#(id),"code":"OPS-1","name":"Help desk"}"#)
            let inUse = try await pmo.post("/portfolios/\(id)/delete", [:])
            #expect(inUse.status == .conflict)
            #expect(inUse.text.contains("still used by 1 projects"))
            let empty = try await c.create("portfolios", #"{"code":"TMP","name":"Temporary"}"#)
            #expect(try await tm.post("/portfolios/\(empty)/delete", [:]).status == .forbidden)
            let gone = try await pmo.post("/portfolios/\(empty)/delete", [:])
            #expect(gone.status == .seeOther)
            #expect(try await c.send(.get, "/api/v1/portfolios/\(empty)").status == .notFound)
        }
    }

    @Test("programs: created, edited, closed and deleted from the portfolio page by its owner; another portfolio manager is refused")
    func programForms() async throws {
        let harness = try await Harness.make()
        let owner = try await FormSession.signIn(harness, .portfolioManager)
        let member = try await FormSession.signIn(harness, .teamMember)
        try await harness.test { (c: Harness.Client) async throws in
            let pm = try await FormSession.open(c, owner), tm = try await FormSession.open(c, member)
            let ownerId = try #require(try await c.send(.get, "/api/v1/me", as: .portfolioManager).int("id"))
            let pf = try await c.create("portfolios", #"{"code":"PF","name":"P","owner_id":\#(ownerId)}"#)
            let other = try await c.create("portfolios", #"{"code":"OTHER","name":"Not theirs"}"#)
            let page = try await pm.get("/portfolios/\(pf)")
            #expect(page.text.contains(#"id="new-program""#) && page.text.contains(#"id="new-project""#))
            #expect(page.text.contains(#"id="edit-portfolio""#))
            #expect(try await pm.get("/portfolios/\(other)").text.contains(#"id="new-program""#) == false)
            #expect(try await tm.get("/portfolios/\(pf)").text.contains(#"id="edit-portfolio""#) == false)

            let made = try await pm.post("/portfolios/\(pf)/programs/new", ["code": "PRG", "name": "Platform", "manager_id": "", "state": "active"])
            #expect(made.status == .seeOther, "\(made.text)")
            let programs = try await c.send(.get, "/api/v1/programs?portfolio_id=\(pf)").items
            let id = try #require(programs.first?["id"]?.int)
            #expect(programs.count == 1)
            let dup = try await pm.post("/portfolios/\(pf)/programs/new", ["code": "PRG", "name": "Again", "state": "active"])
            #expect(dup.status == .conflict)
            #expect(dup.fieldError("code") != nil)
            #expect(try await pm.post("/portfolios/\(other)/programs/new", ["code": "X", "name": "X", "state": "active"]).status == .forbidden)
            #expect(try await c.send(.get, "/api/v1/programs").items.count == 1)

            #expect(try await pm.post("/programs/\(id)/edit", ["code": "PRG", "name": "Platform 2", "state": "on_hold"]).status == .seeOther)
            let edited = try await c.send(.get, "/api/v1/programs/\(id)")
            #expect(edited.string("name") == "Platform 2" && edited.string("state") == "on_hold")
            #expect(try await pm.post("/programs/\(id)/close", [:]).status == .seeOther)
            #expect(try await c.send(.get, "/api/v1/programs/\(id)").string("state") == "closed")
            #expect(try await pm.post("/programs/\(id)/delete", [:]).status == .seeOther)
            #expect(try await c.send(.get, "/api/v1/programs/\(id)").status == .notFound)
        }
    }

    @Test("a new project picks its template, calendar, manager and start; it gets the template's phases and WBS, and the form redirects to it")
    func projectFromTemplate() async throws {
        let harness = try await Harness.make()
        let director = try await FormSession.signIn(harness, .pmoDirector)
        try await harness.test { (c: Harness.Client) async throws in
            let pmo = try await FormSession.open(c, director)
            let pf = try await c.create("portfolios", #"{"code":"PF","name":"P"}"#)
            let template = try await c.create("templates", StageGateAPITests.template)
            let calendar = try await c.create("calendars", #"{"name":"Office"}"#)
            let manager = try #require(try await c.send(.get, "/api/v1/me", as: .projectManager).int("id"))
            let form = try await pmo.get("/portfolios/\(pf)/projects/new")
            #expect(form.status == .ok)
            #expect(form.text.contains(#"<option value="\#(template)">Standard</option>"#))
            #expect(form.text.contains(#"<option value="\#(pf)" selected>PF P</option>"#), "the portfolio is preset")

            let made = try await pmo.post("/portfolios/\(pf)/projects/new", [
                "code": "NEW-1", "name": "New venture", "portfolio_id": "\(pf)", "program_id": "", "template_id": "\(template)",
                "calendar_id": "\(calendar)", "manager_id": "\(manager)", "start_date": "2027-01-04",
            ])
            #expect(made.status == .seeOther, "\(made.text)")
            let id = try #require(made.locationId)
            #expect(made.headers[.location] == "/projects/\(id)")
            let project = try await c.send(.get, "/api/v1/projects/\(id)")
            #expect(project.int("calendar_id") == calendar && project.int("manager_id") == manager)
            #expect(project.string("start_date") == "2027-01-04")
            #expect(project.string("report_cadence") == "biweekly", "the template's cadence")
            let phases = try await c.send(.get, "/api/v1/phases?project_id=\(id)").items
            #expect(phases.compactMap { $0["name"]?.string } .sorted() == ["Deliver", "Initiate"])
            let activities = try await c.send(.get, "/api/v1/activities?project_id=\(id)").items
            #expect(Set(activities.compactMap { $0["code"]?.string }) == ["1", "1.1", "2", "2.M"])
            #expect(try await pmo.get("/projects/\(id)").text.contains(#"id="edit-project""#))

            // A template that does not exist: named beside its field, and no project is left behind.
            let bad = try await pmo.post("/portfolios/\(pf)/projects/new", [
                "code": "NEW-2", "name": "Half", "portfolio_id": "\(pf)", "template_id": "999", "calendar_id": "", "manager_id": "",
            ])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.fieldError("template_id")?.contains("does not exist") == true)
            #expect(bad.text.contains(#"value="NEW-2""#))
            #expect(try await c.send(.get, "/api/v1/projects?portfolio_id=\(pf)").items.count == 1)
            let badDate = try await pmo.post("/portfolios/\(pf)/projects/new", ["code": "NEW-3", "name": "Dated", "start_date": "4 Jan"])
            #expect(badDate.status == .unprocessableContent)
            #expect(badDate.fieldError("start_date") != nil)

            // Edit the name, close it, delete it with its plan.
            #expect(try await pmo.post("/projects/\(id)/edit", ["code": "NEW-1", "name": "Renamed venture"]).status == .seeOther)
            #expect(try await c.send(.get, "/api/v1/projects/\(id)").string("name") == "Renamed venture")
            let dup = try await pmo.post("/projects/\(id)/edit", ["code": "NEW-1", "name": ""])
            #expect(dup.fieldError("name") != nil)
            // Scheduling rules: MS Project's by default, P6's chosen on the form, shown on the page; a wrong one is
            // named at its field.
            #expect(try await c.send(.get, "/api/v1/projects/\(id)").string("scheduling_rules") == "ms_project")
            #expect(try await pmo.get("/projects/\(id)/edit").text.contains(#"name="scheduling_rules""#))
            #expect(try await pmo.post("/projects/\(id)/edit", ["code": "NEW-1", "name": "Renamed venture",
                                                                  "scheduling_rules": "p6"]).status == .seeOther)
            #expect(try await c.send(.get, "/api/v1/projects/\(id)").string("scheduling_rules") == "p6")
            #expect(try await pmo.get("/projects/\(id)").text.contains("Primavera P6 (retained logic)"))
            let wrongRules = try await pmo.post("/projects/\(id)/edit", ["code": "NEW-1", "name": "Renamed venture",
                                                                        "scheduling_rules": "gantt"])
            #expect(wrongRules.status == .unprocessableContent)
            #expect(wrongRules.fieldError("scheduling_rules")?.contains("ms_project") == true)
            let apiWrong = try await c.send(.patch, "/api/v1/projects/\(id)", json: #"{"scheduling_rules":"gantt"}"#)
            #expect(apiWrong.status == .unprocessableContent, "\(apiWrong.text)")
            #expect(try await pmo.post("/projects/\(id)/close", [:]).status == .seeOther)
            #expect(try await c.send(.get, "/api/v1/projects/\(id)").string("state") == "closed")
            #expect(try await pmo.post("/projects/\(id)/delete", [:]).status == .seeOther)
            #expect(try await c.send(.get, "/api/v1/projects/\(id)").status == .notFound)
            #expect(try await c.send(.get, "/api/v1/phases?project_id=\(id)").items.isEmpty)
        }
    }

    @Test("in a directive portfolio the owner may edit a project but not assign its manager: the field is disabled with the rule, and a forced post is refused")
    func directiveManager() async throws {
        let harness = try await Harness.make()
        let owner = try await FormSession.signIn(harness, .portfolioManager)
        let projectManager = try await FormSession.signIn(harness, .projectManager)
        try await harness.test { (c: Harness.Client) async throws in
            let pm = try await FormSession.open(c, owner), manager = try await FormSession.open(c, projectManager)
            let ownerId = try #require(try await c.send(.get, "/api/v1/me", as: .portfolioManager).int("id"))
            let managerId = try #require(try await c.send(.get, "/api/v1/me", as: .projectManager).int("id"))
            let pf = try await c.create("portfolios", #"{"code":"DIR","name":"D","owner_id":\#(ownerId),"governance_mode":"directive"}"#)
            let pr = try await c.create("projects", #"{"portfolio_id":\#(pf),"code":"D-1","name":"Directed"}"#)
            let edit = try await pm.get("/projects/\(pr)/edit")
            #expect(edit.status == .ok)
            #expect(edit.text.contains(#"name="manager_id" disabled"#))
            #expect(edit.text.contains("the PMO assigns project managers"))
            let forced = try await pm.post("/projects/\(pr)/edit", ["code": "D-1", "name": "Directed", "manager_id": "\(managerId)"])
            #expect(forced.status == .forbidden)
            #expect(forced.text.contains("the PMO assigns project managers"))
            #expect(try await c.send(.get, "/api/v1/projects/\(pr)").int("manager_id") == nil, "nothing changed")
            #expect(try await pm.post("/projects/\(pr)/edit", ["code": "D-1", "name": "Directed well"]).status == .seeOther)

            // A project manager edits the project they manage, but may not create projects or delete this one.
            _ = try await c.send(.patch, "/api/v1/projects/\(pr)", json: #"{"manager_id":\#(managerId)}"#)
            #expect(try await manager.post("/projects/\(pr)/edit", ["code": "D-1", "name": "Managed"]).status == .seeOther)
            #expect(try await manager.get("/portfolios/\(pf)/projects/new").status == .forbidden)
            #expect(try await manager.post("/portfolios/\(pf)/projects/new", ["code": "D-2", "name": "Mine"]).status == .forbidden)
            #expect(try await manager.post("/projects/\(pr)/delete", [:]).status == .forbidden)
            #expect(try await c.send(.get, "/api/v1/projects?portfolio_id=\(pf)").items.count == 1)
        }
    }
}
