import Foundation
import GantryModel
import HTTPTypes
import Testing

/// Templates and stage gates over the API, for each governance mode (issue 4: "API tests for each mode"; "a decision
/// by someone without the right, a missing reason gets a clear 4xx that says why, and changes nothing").
@Suite("Templates and stage gates over the API")
struct StageGateAPITests {
    /// A template: Initiate (a must-meet criterion that needs evidence, a should-meet one), Deliver (one must-meet).
    static let template = #"""
        {"name": "Standard", "report_cadence": "biweekly", "raid_categories": ["Schedule", "Vendors"],
         "phases": [
           {"name": "Initiate", "gate": {"name": "G1", "criteria": [
              {"name": "Business case approved", "kind": "must_meet", "requires_evidence": true},
              {"name": "Strategic fit", "kind": "should_meet", "weight": 2}]},
            "deliverables": ["Charter"]},
           {"name": "Deliver", "gate": {"name": "G2", "criteria": [{"name": "Accepted", "kind": "must_meet"}]}}],
         "wbs": [{"code": "1.1", "name": "Business case", "phase": 0, "duration": "5d"},
                 {"code": "2.M", "name": "Handover", "phase": 1, "kind": "milestone"}]}
        """#

    /// A portfolio in `mode` owned by the portfolio manager, a project the project manager manages, the template
    /// applied: the ids of the project and its two phases.
    static func setUp(_ c: Harness.Client, _ users: [Role: User], mode: GovernanceMode) async throws -> (project: Int64, phases: [Int64]) {
        let owner = users[.portfolioManager]!.id.rawValue, pm = users[.projectManager]!.id.rawValue
        let pf = try await c.create("portfolios", #"{"code":"PF","name":"P","owner_id":\#(owner),"governance_mode":"\#(mode.rawValue)"}"#)
        let p = try await c.create("projects", #"{"portfolio_id":\#(pf),"code":"P1","name":"Project","manager_id":\#(pm),"state":"active"}"#)
        let t = try await c.create("templates", template)
        let applied = try await c.send(.post, "/api/v1/projects/\(p)/apply-template", as: .projectManager, json: #"{"template_id":\#(t)}"#)
        #expect(applied.status == .created, "\(applied.text)")
        guard case .array(let phases)? = applied["phases"] else { Issue.record("no phases: \(applied.text)"); return (p, []) }
        #expect(phases.map { $0["status"]?.string } == ["active", "pending"])
        return (p, phases.compactMap { $0["id"]?.int })
    }

    static func statuses(_ c: Harness.Client, _ project: Int64) async throws -> [String] {
        try await c.send(.get, "/api/v1/phases?project_id=\(project)").items.compactMap { $0["status"]?.string }
    }

    @Test("templates: the PMO creates them, everyone reads them; errors name the field with its index")
    func templates() async throws {
        let harness = try await Harness.make()
        try await harness.test { (c: Harness.Client) async throws in
            let created = try await c.send(.post, "/api/v1/templates", as: .pmoAnalyst, json: Self.template)
            #expect(created.status == .created, "\(created.text)")
            #expect(created.text.contains(#""requires_evidence":true"#))
            #expect(created.string("report_cadence") == "biweekly" && created["active"] == .bool(true))
            #expect(try await c.send(.get, "/api/v1/templates", as: .teamMember).items.count == 1)
            let refused = try await c.send(.post, "/api/v1/templates", as: .projectManager, json: Self.template.replacingOccurrences(of: "Standard", with: "Mine"))
            #expect(refused.status == .forbidden)
            #expect(refused.string("detail")?.contains("PMO standards") == true)

            // Decoding errors and rule errors both name the field by its path.
            let cases: [(String, String, String)] = [
                (#""kind": "must_meet", "requires_evidence": true"#, #""kind": "maybe", "requires_evidence": true"#,
                 "phases[0].gate.criteria[0].kind"),
                (#""requires_evidence": true"#, #""requires_evidense": true"#, "phases[0].gate.criteria[0].requires_evidense"),
                (#""phase": 1, "kind""#, #""phase": 2, "kind""#, "wbs[1].phase"),
                (#""duration": "5d""#, #""duration": "5 days""#, "wbs[0].duration"),
                (#"{"name": "Accepted", "kind": "must_meet"}"#, #"{"name": " ", "kind": "must_meet"}"#, "phases[1].gate.criteria[0].name"),
                (#""report_cadence": "biweekly""#, #""report_cadence": "fortnightly""#, "report_cadence"),
                (#""weight": 2"#, #""weight": -1"#, "phases[0].gate.criteria[1].weight"),
            ]
            for (from, to, field) in cases {
                let body = Self.template.replacingOccurrences(of: "Standard", with: "Other").replacingOccurrences(of: from, with: to)
                let r = try await c.send(.post, "/api/v1/templates", as: .pmoDirector, json: body)
                #expect(r.status == .unprocessableContent, "\(field): \(r.text)")
                #expect(r.problemFields == [field], "\(r.text)")
            }
            let kind = try await c.send(.post, "/api/v1/templates", json: Self.template.replacingOccurrences(of: "Standard", with: "X")
                .replacingOccurrences(of: #""kind": "must_meet", "requires_evidence""#, with: #""kind": "maybe", "requires_evidence""#))
            #expect(kind.string("detail")?.contains("'maybe' is not one of: must_meet, should_meet") == true)
            #expect(try await c.send(.post, "/api/v1/templates", json: Self.template).status == .conflict)  // the name is taken
            #expect(try await c.send(.get, "/api/v1/templates").items.count == 1)  // nothing half-written
        }
    }

    @Test("controlling: the PM's go over an unmet must-meet is 403 with the reason and the next phase stays pending; the PMO director's go opens it")
    func controlling() async throws {
        let harness = try await Harness.make()
        let users = harness.users
        try await harness.test { (c: Harness.Client) async throws in
            let (p, phases) = try await Self.setUp(c, users, mode: .controlling)
            let decide = "/api/v1/phases/\(phases[0])/decide"
            let refused = try await c.send(.post, decide, as: .projectManager, json: #"{"decision":"go","comment":"ready"}"#)
            #expect(refused.status == .forbidden)
            #expect(refused.headers[.contentType] == "application/problem+json")
            #expect(refused.string("detail") == "Not allowed: in a controlling portfolio, unmet must-meet criteria (Business case approved) block the next phase until a PMO role decides go.")
            #expect(try await Self.statuses(c, p) == ["active", "pending"])

            let kill = try await c.send(.post, decide, as: .projectManager, json: #"{"decision":"kill","comment":"stop"}"#)
            #expect(kill.status == .forbidden && kill.string("detail")?.contains("only a PMO role may kill") == true)
            let noComment = try await c.send(.post, decide, as: .pmoDirector, json: #"{"decision":"go"}"#)
            #expect(noComment.status == .unprocessableContent && noComment.problemFields == ["comment"])
            #expect(noComment.string("detail")?.contains("a go with unmet must-meet criteria needs a comment") == true)
            let early = try await c.send(.post, "/api/v1/phases/\(phases[1])/decide", as: .pmoDirector, json: #"{"decision":"go","comment":"x"}"#)
            #expect(early.status == .conflict && early.string("detail")?.contains("phase 'Deliver' has not started") == true)
            let bad = try await c.send(.post, decide, as: .pmoDirector, json: #"{"decision":"approve","note":"x"}"#)
            #expect(bad.status == .unprocessableContent && Set(bad.problemFields) == ["decision", "note"])
            #expect(try await c.send(.post, "/api/v1/phases/999/decide", json: #"{"decision":"go"}"#).status == .notFound)
            #expect(try await c.send(.post, decide, as: .teamMember, json: #"{"decision":"hold","comment":"x"}"#).status == .forbidden)
            #expect(try await Self.statuses(c, p) == ["active", "pending"])

            // The gate's status is not a plain update.
            let patch = try await c.send(.patch, "/api/v1/phases/\(phases[0])", as: .pmoDirector, json: #"{"gate_status":"passed"}"#)
            #expect(patch.status == .unprocessableContent && patch.problemFields == ["gate_status"])
            #expect(patch.string("detail")?.contains("POST /api/v1/phases/\(phases[0])/decide") == true)
            // Must-meet criteria are the PMO's to assess here.
            let phase = try await c.send(.get, "/api/v1/phases/\(phases[0])")
            guard case .array(var criteria)? = phase["criteria"], case .object(var first) = criteria[0] else { Issue.record("no criteria"); return }
            first["met"] = .bool(true)
            first["evidence"] = .array([.object(["kind": "link", "label": "Case", "url": "https://wiki.example.com/case"])])
            criteria[0] = .object(first)
            let body = String(decoding: try JSONEncoder().encode(JSONValue.object(["criteria": .array(criteria)])), as: UTF8.self)
            let assess = try await c.send(.patch, "/api/v1/phases/\(phases[0])", as: .projectManager, json: body)
            #expect(assess.status == .forbidden && assess.string("detail")?.contains("only a PMO role assesses must-meet criteria") == true)

            let go = try await c.send(.post, decide, as: .pmoDirector, json: #"{"decision":"go","comment":"Case signed on paper; scan follows"}"#)
            #expect(go.status == .ok, "\(go.text)")
            #expect(go.string("gate_status") == "passed" && go.string("status") == "completed")
            guard case .array(let decisions)? = go["decisions"] else { Issue.record("no decisions"); return }
            #expect(decisions.last?["unmet_must_meets"] == .array(["Business case approved"]))
            #expect(decisions.last?["by"]?.int == users[.pmoDirector]!.id.rawValue)
            #expect(try await Self.statuses(c, p) == ["completed", "active"])
            let again = try await c.send(.post, decide, as: .pmoDirector, json: #"{"decision":"go","comment":"x"}"#)
            #expect(again.status == .conflict && again.string("detail")?.contains("is completed") == true)

            let audit = try await c.send(.get, "/api/v1/audit?kind=phase&action=decide")
            #expect(audit.items.count == 2)
            #expect(audit.items.allSatisfy { $0["user_id"]?.int == users[.pmoDirector]!.id.rawValue })
            #expect(audit.items.contains { $0["before"]?["gate_status"]?.string == "open" && $0["after"]?["gate_status"]?.string == "passed" })

            // Applied once only.
            let twice = try await c.send(.post, "/api/v1/projects/\(p)/apply-template", json: #"{"template_id":1}"#)
            #expect(twice.status == .conflict && twice.string("detail")?.contains("already has 2 phases") == true)
        }
    }

    @Test("directive: the PM decides nothing (403, why); the PMO does, on the version of the gate it read (If-Match)")
    func directive() async throws {
        let harness = try await Harness.make()
        let users = harness.users
        try await harness.test { (c: Harness.Client) async throws in
            let (p, phases) = try await Self.setUp(c, users, mode: .directive)
            for decision in ["go", "hold", "recycle", "kill"] {
                let r = try await c.send(.post, "/api/v1/phases/\(phases[0])/decide", as: .projectManager,
                                         json: #"{"decision":"\#(decision)","comment":"why"}"#)
                #expect(r.status == .forbidden)
                #expect(r.string("detail") == "Not allowed: in a directive portfolio, only a PMO role decides gates.")
            }
            let hold = try await c.send(.post, "/api/v1/phases/\(phases[0])/decide", as: .pmoAnalyst, json: #"{"decision":"hold","comment":"Budget freeze"}"#)
            #expect(hold.status == .ok && hold.string("gate_status") == "on_hold" && hold.string("status") == "active")
            #expect(hold.headers[.eTag] == #""2""#)
            // A decision on a version of the gate that is no longer current is refused.
            let stale = try await c.send(.post, "/api/v1/phases/\(phases[0])/decide", as: .pmoDirector,
                                         json: #"{"decision":"kill","comment":"No budget"}"#, headers: [.ifMatch: #""1""#])
            #expect(stale.status == .preconditionFailed && stale.string("detail")?.contains("is at version 2, not 1") == true)
            #expect(try await Self.statuses(c, p) == ["active", "pending"])
            let kill = try await c.send(.post, "/api/v1/phases/\(phases[0])/decide", as: .pmoDirector,
                                        json: #"{"decision":"kill","comment":"No budget"}"#, headers: [.ifMatch: #""2""#])
            #expect(kill.status == .ok && kill.string("gate_status") == "killed")
            #expect(try await Self.statuses(c, p) == ["cancelled", "cancelled"])
            #expect(try await c.send(.get, "/api/v1/projects/\(p)").string("state") == "cancelled")
        }
    }

    @Test("supportive: the PM decides and nothing blocks; a go over unmet must-meets needs a comment")
    func supportive() async throws {
        let harness = try await Harness.make()
        let users = harness.users
        try await harness.test { (c: Harness.Client) async throws in
            let (p, phases) = try await Self.setUp(c, users, mode: .supportive)
            let missing = try await c.send(.post, "/api/v1/phases/\(phases[0])/decide", as: .projectManager, json: #"{"decision":"go"}"#)
            #expect(missing.status == .unprocessableContent && missing.problemFields == ["comment"])
            let owner = try await c.send(.post, "/api/v1/phases/\(phases[0])/decide", as: .portfolioManager, json: #"{"decision":"go","comment":"x"}"#)
            #expect(owner.status == .forbidden && owner.string("detail")?.contains("only the project's manager or a PMO role") == true)
            let recycle = try await c.send(.post, "/api/v1/phases/\(phases[0])/decide", as: .projectManager, json: #"{"decision":"recycle","comment":"Rework"}"#)
            #expect(recycle.status == .ok && recycle.string("gate_status") == "recycled" && recycle.string("status") == "active")
            let go = try await c.send(.post, "/api/v1/phases/\(phases[0])/decide", as: .projectManager, json: #"{"decision":"go","comment":"Advice noted"}"#)
            #expect(go.status == .ok)
            #expect(try await Self.statuses(c, p) == ["completed", "active"])
        }
    }

    @Test("apply-template: 422 names template_id, 404 for a missing project, 403 for who may not change the project")
    func applyTemplate() async throws {
        let harness = try await Harness.make()
        try await harness.test { (c: Harness.Client) async throws in
            let pf = try await c.create("portfolios", #"{"code":"PF","name":"P"}"#)
            let p = try await c.create("projects", #"{"portfolio_id":\#(pf),"code":"P1","name":"Project"}"#)
            let t = try await c.create("templates", Self.template)
            for body in [#"{}"#, #"{"template_id":"1"}"#, #"{"template_id":999}"#] {
                let r = try await c.send(.post, "/api/v1/projects/\(p)/apply-template", json: body)
                #expect(r.status == .unprocessableContent && r.problemFields == ["template_id"], "\(body): \(r.text)")
            }
            #expect(try await c.send(.post, "/api/v1/projects/999/apply-template", json: #"{"template_id":\#(t)}"#).status == .notFound)
            #expect(try await c.send(.post, "/api/v1/projects/\(p)/apply-template", as: .teamMember, json: #"{"template_id":\#(t)}"#).status == .forbidden)
            let made = try await c.send(.post, "/api/v1/projects/\(p)/apply-template", as: .pmoAnalyst, json: #"{"template_id":\#(t)}"#)
            #expect(made.status == .created)
            guard case .array(let activities)? = made["activities"] else { Issue.record("no activities"); return }
            #expect(activities.compactMap { $0["code"]?.string } == ["1", "1.1", "2", "2.M"])
            // In use: the template is not deleted; it can be made inactive.
            let delete = try await c.send(.delete, "/api/v1/templates/\(t)")
            #expect(delete.status == .conflict && delete.string("detail")?.contains("set active to false") == true)
            #expect(try await c.send(.patch, "/api/v1/templates/\(t)", json: #"{"active":false}"#)["active"] == .bool(false))
            #expect(try await c.send(.get, "/api/v1/templates/\(t)")["active"] == .bool(false))
        }
    }

    @Test("the OpenAPI document has the decide and apply-template routes and the shapes of the gate documents")
    func openAPI() async throws {
        try await Harness.make().test { (c: Harness.Client) async throws in
            let doc = try await c.send(.get, "/api/v1/openapi.json", as: nil)
            let paths = doc["paths"]
            #expect(paths?["/api/v1/phases/{id}/decide"]?["post"]?["responses"]?["403"] != nil)
            #expect(paths?["/api/v1/phases/{id}/decide"]?["post"]?["responses"]?["409"] != nil)
            #expect(paths?["/api/v1/phases/{id}/decide"]?["post"]?["responses"]?["422"] != nil)
            #expect(paths?["/api/v1/projects/{id}/apply-template"]?["post"]?["responses"]?["201"] != nil)
            #expect(paths?["/api/v1/templates"]?["post"] != nil && paths?["/api/v1/phases/{id}"]?["patch"] != nil)
            let schemas = doc["components"]?["schemas"]
            #expect(schemas?["ProjectTemplate"]?["properties"]?["phases"]?["items"]?["properties"]?["gate"] != nil)
            #expect(schemas?["ProjectPhase"]?["properties"]?["criteria"]?["items"]?["properties"]?["evidence"] != nil)
            #expect(schemas?["ProjectPhase"]?["properties"]?["gate_status"]?["enum"] == .array(["open", "on_hold", "recycled", "passed", "killed"]))
        }
    }
}
