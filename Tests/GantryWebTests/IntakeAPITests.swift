import Foundation
import GantryModel
import HTTPTypes
import Testing

@Suite("Intake over the API")
struct IntakeAPITests {
    /// DOMAIN.md case 29: the pairwise matrix [[1,2,4],[.5,1,2],[.25,.5,1]] gives the weights 4/7, 2/7, 1/7 and CR 0.
    static let model = #"""
        {"criteria":[{"key":"strategic_fit","name":"Strategic fit","definition":"5 = delivers a board objective","scale_min":0,"scale_max":5},
                     {"key":"customer","name":"Customer value","scale_min":0,"scale_max":5},
                     {"key":"risk","name":"Delivery risk","scale_min":0,"scale_max":5,"direction":"lower_is_better"}],
         "pairwise":[[1,2,4],[0.5,1,2],[0.25,0.5,1]], "portfolio_id": PF}
        """#

    /// DOMAIN.md case 32: net flows −40000, 5000, 8000, 12000, 30000 at 8 % give NPV 3065.22 with the first flow at t = 0.
    static let businessCase = #"""
        {"currency":"EUR","discount_rate":0.08,"periods":[{"label":"Y0","cost":40000},{"label":"Y1","benefit":5000},
         {"label":"Y2","benefit":8000},{"label":"Y3","benefit":12000},{"label":"Y4","benefit":30000}]}
        """#

    @Test("a requester drafts and submits; the PMO reviews, sees the score and rank, and approves into a project")
    func journey() async throws {
        try await Harness.make().test { (c: Harness.Client) async throws in
            let pf = try await c.create("portfolios", #"{"code":"PF","name":"P"}"#)
            let m = try await c.send(.post, "/api/v1/scoring-models", as: .pmoAnalyst,
                                     json: Self.model.replacingOccurrences(of: "PF", with: String(pf)))
            #expect(m.status == .created, "\(m.text)")
            let requester = try #require(try await c.send(.get, "/api/v1/me", as: .requester).int("id"))
            let other = try #require(try await c.send(.get, "/api/v1/me", as: .teamMember).int("id"))

            // Someone else's name as requester is refused; a rating off the model is named.
            let foreign = try await c.send(.post, "/api/v1/requests", as: .requester,
                                           json: #"{"portfolio_id":\#(pf),"title":"X","requester_id":\#(other)}"#)
            #expect(foreign.status == .forbidden)
            #expect(foreign.string("detail")?.contains("requester_id must be you") == true)
            let offModel = try await c.send(.post, "/api/v1/requests", as: .requester, json: #"""
                {"portfolio_id":\#(pf),"title":"X","requester_id":\#(requester),"ratings":[{"criterion":"colour","rating":3}]}
                """#)
            #expect(offModel.problemFields == ["ratings[0].criterion"])
            let outOfScale = try await c.send(.post, "/api/v1/requests", as: .requester, json: #"""
                {"portfolio_id":\#(pf),"title":"X","requester_id":\#(requester),"ratings":[{"criterion":"risk","rating":9}]}
                """#)
            #expect(outOfScale.problemFields == ["ratings[0].rating"])
            let approvedOnCreate = try await c.send(.post, "/api/v1/requests", as: .requester, json: #"""
                {"portfolio_id":\#(pf),"title":"X","requester_id":\#(requester),"status":"approved"}
                """#)
            #expect(approvedOnCreate.problemFields == ["status"])

            let a = try await c.send(.post, "/api/v1/requests", as: .requester, json: #"""
                {"portfolio_id":\#(pf),"title":"Customer portal","requester_id":\#(requester),"business_case":\#(Self.businessCase),
                 "ratings":[{"criterion":"strategic_fit","rating":5},{"criterion":"customer","rating":0},{"criterion":"risk","rating":5}],
                 "demand":[{"role":"Developer","fte":2,"months":6}]}
                """#)
            #expect(a.status == .created, "\(a.text)")
            let id = try #require(a.int("id"))

            // Submitting without a problem and a goal names them; nothing changes.
            let incomplete = try await c.send(.post, "/api/v1/requests/\(id)/submit", as: .requester)
            #expect(incomplete.status == .unprocessableContent)
            #expect(Set(incomplete.problemFields) == ["problem", "goal"])
            #expect(try await c.send(.get, "/api/v1/requests/\(id)").string("status") == "draft")
            #expect(try await c.send(.patch, "/api/v1/requests/\(id)", as: .requester,
                                     json: #"{"problem":"Customers phone us","goal":"Self-service"}"#).status == .ok)
            // Only the requester submits; a plain edit may not move the state.
            #expect(try await c.send(.post, "/api/v1/requests/\(id)/submit", as: .teamMember).status == .forbidden)
            #expect(try await c.send(.patch, "/api/v1/requests/\(id)", as: .requester,
                                     json: #"{"status":"submitted"}"#).problemFields == ["status"])
            let submitted = try await c.send(.post, "/api/v1/requests/\(id)/submit", as: .requester)
            #expect(submitted.string("status") == "submitted", "\(submitted.text)")
            #expect(submitted.string("submitted_at") != nil)
            // Once submitted, the requester no longer edits it.
            #expect(try await c.send(.patch, "/api/v1/requests/\(id)", as: .requester, json: #"{"title":"Y"}"#).status == .conflict)

            // A second pending request that scores lower: (0, 5, 0) → weights 2/7 on customer, risk 0 is best.
            let b = try await c.create("requests", #"""
                {"portfolio_id":\#(pf),"title":"Intranet","requester_id":\#(requester),"problem":"p","goal":"g",
                 "business_case":{"periods":[{"cost":1000}]},
                 "ratings":[{"criterion":"strategic_fit","rating":0},{"criterion":"customer","rating":5},{"criterion":"risk","rating":5}]}
                """#)
            _ = b

            // Review: a project manager may not; the PMO may.
            let pmReview = try await c.send(.post, "/api/v1/requests/\(id)/review", as: .projectManager)
            #expect(pmReview.status == .forbidden)
            #expect(pmReview.string("detail")?.contains("PMO") == true)
            #expect(try await c.send(.post, "/api/v1/requests/\(id)/review", as: .pmoDirector).string("status") == "in_review")

            // The assessment: NPV with its convention (case 32), AHP weights (case 29), the score and the rank.
            let assessment = try await c.send(.get, "/api/v1/requests/\(id)/assessment", as: .executive)
            #expect(assessment.status == .ok, "\(assessment.text)")
            let figures = try #require(assessment.json?["business_case"])
            #expect(abs((figures["npv"]?.number ?? 0) - 3065.22) < 0.01)
            #expect(figures["convention"]?.string == "first_flow_at_time_zero")
            let weights = (assessment.json?["scoring"]?["weights"]?.array ?? []).compactMap(\.number)
            #expect(weights.count == 3)
            for (w, expected) in zip(weights, [4.0 / 7, 2.0 / 7, 1.0 / 7]) { #expect(abs(w - expected) < 0.0005) }
            #expect(assessment.json?["scoring"]?["weights_from"]?.string == "pairwise")
            // Strategic fit 5 of 5 (4/7), customer 0, risk 5 of 5 where lower is better (0): 4/7 of the 0–10 scale.
            #expect(abs((assessment.json?["score"]?.number ?? 0) - 40.0 / 7) < 1e-6)
            #expect(assessment.int("rank") == 1)
            #expect(assessment.int("queue_size") == 1, "the draft is not queued: \(assessment.text)")
            // What each may do now, by IntakeWorkflow's chart: from in review the PMO approves, rejects or holds; the
            // requester may only withdraw; an executive nothing.
            let pmoView = try await c.send(.get, "/api/v1/requests/\(id)/assessment", as: .pmoDirector)
            #expect(pmoView.json?["actions"]?.array?.compactMap(\.string) == ["approve", "reject", "hold"])
            #expect(try await c.send(.get, "/api/v1/requests/\(id)/assessment", as: .requester).json?["actions"]?.array?.compactMap(\.string) == ["withdraw"])
            #expect(assessment.json?["actions"]?.array?.isEmpty == true)
            #expect(assessment.json?["may_edit"] == .bool(false))
            let queue = try await c.send(.get, "/api/v1/portfolios/\(pf)/intake-queue", as: .requester)
            #expect(queue.status == .ok)

            // Decisions need what they need, and a refusal changes nothing.
            #expect(try await c.send(.post, "/api/v1/requests/\(id)/reject", as: .pmoDirector, json: #"{"reason":"  "}"#)
                        .problemFields == ["reason"])
            #expect(try await c.send(.post, "/api/v1/requests/\(id)/approve", as: .pmoDirector, json: #"{"project_code":"CP"}"#)
                        .problemFields == ["template_id"])
            #expect(try await c.send(.post, "/api/v1/requests/\(id)/approve", as: .requester,
                                     json: #"{"template_id":1,"project_code":"CP"}"#).status == .forbidden)
            #expect(try await c.send(.get, "/api/v1/requests/\(id)").string("status") == "in_review")
            #expect(try await c.send(.post, "/api/v1/requests/\(id)/resume", as: .pmoDirector).status == .conflict)
            // A template that does not exist is named, and nothing is created.
            #expect(try await c.send(.post, "/api/v1/requests/\(id)/approve", as: .pmoDirector,
                                     json: #"{"template_id":999,"project_code":"CP"}"#).problemFields == ["template_id"])
            #expect(try await c.send(.get, "/api/v1/projects?portfolio_id=\(pf)").items.isEmpty)

            // Approval creates the project from the template, with its phases, linked back to the request.
            let template = try await c.create("templates", #"""
                {"name":"Two phases","phases":[
                  {"name":"Plan","gate":{"name":"Plan approved","criteria":[{"name":"Plan signed","kind":"must_meet"}]}},
                  {"name":"Build","gate":{"name":"Accepted","criteria":[{"name":"Tests pass","kind":"must_meet"}]}}]}
                """#)
            let approved = try await c.send(.post, "/api/v1/requests/\(id)/approve", as: .pmoDirector,
                                            json: #"{"template_id":\#(template),"project_code":"CP"}"#)
            #expect(approved.status == .ok, "\(approved.text)")
            #expect(approved.string("status") == "approved")
            #expect(approved.int("template_id") == template)
            let project = try #require(approved.int("project_id"))
            let created = try await c.send(.get, "/api/v1/projects/\(project)")
            #expect(created.string("code") == "CP")
            #expect(created.string("name") == "Customer portal")
            #expect(created.int("portfolio_id") == pf)
            let phases = try await c.send(.get, "/api/v1/phases?project_id=\(project)").items
            #expect(phases.compactMap { $0["name"]?.string } == ["Plan", "Build"])
            #expect(phases.first?["status"]?.string == "active")
            // Decided is final: no second approval, no edits.
            #expect(try await c.send(.post, "/api/v1/requests/\(id)/approve", as: .pmoDirector,
                                     json: #"{"template_id":\#(template),"project_code":"CP2"}"#).status == .conflict)
            let trail = try await c.send(.get, "/api/v1/audit?kind=request&record_id=\(id)", as: .pmoDirector).items
            #expect(trail.contains { $0["summary"]?.string?.contains("in_review → approved") == true })
        }
    }
}

extension JSONValue {
    var number: Double? {
        switch self {
        case .int(let i): Double(i)
        case .double(let d): d
        default: nil
        }
    }
    var array: [JSONValue]? { if case .array(let a) = self { a } else { nil } }
}

@Suite("Assigning project managers by mode")
struct ProjectManagerAssignmentTests {
    @Test("the portfolio's owner assigns a manager in supportive mode; in directive mode only the PMO does; a PM never reassigns their project")
    func assignment() async throws {
        try await Harness.make().test { (c: Harness.Client) async throws in
            let owner = try #require(try await c.send(.get, "/api/v1/me", as: .portfolioManager).int("id"))
            let pm = try #require(try await c.send(.get, "/api/v1/me", as: .projectManager).int("id"))
            let other = try #require(try await c.send(.get, "/api/v1/me", as: .teamMember).int("id"))
            for mode in ["supportive", "directive"] {
                let pf = try await c.create("portfolios", #"{"code":"\#(mode)","name":"\#(mode)","owner_id":\#(owner),"governance_mode":"\#(mode)"}"#)
                let p = try await c.create("projects", #"{"portfolio_id":\#(pf),"code":"P-\#(mode)","name":"P"}"#)
                let byOwner = try await c.send(.patch, "/api/v1/projects/\(p)", as: .portfolioManager, json: #"{"manager_id":\#(pm)}"#)
                if mode == "supportive" {
                    #expect(byOwner.status == .ok, "\(byOwner.text)")
                } else {
                    #expect(byOwner.status == .forbidden)
                    #expect(byOwner.string("detail")?.contains("directive") == true)
                    #expect(try await c.send(.get, "/api/v1/projects/\(p)").int("manager_id") == nil, "nothing changed")
                    #expect(try await c.send(.patch, "/api/v1/projects/\(p)", as: .pmoDirector, json: #"{"manager_id":\#(pm)}"#).status == .ok)
                }
                let byPM = try await c.send(.patch, "/api/v1/projects/\(p)", as: .projectManager, json: #"{"manager_id":\#(other)}"#)
                #expect(byPM.status == .forbidden)
                // Other edits by the PM stay allowed.
                #expect(try await c.send(.patch, "/api/v1/projects/\(p)", as: .projectManager, json: #"{"description":"d"}"#).status == .ok)
            }
        }
    }
}
