import Foundation
import GantryModel
import HTTPTypes
import Testing

@Suite("Inbox")
struct InboxTests {
    static func kinds(_ c: Harness.Client, _ role: Role) async throws -> [String] {
        try await c.send(.get, "/api/v1/inbox", as: role).items.compactMap { $0["kind"]?.string }
    }

    @Test("requests wait for their requester while drafts and for the PMO once submitted")
    func requests() async throws {
        try await Harness.make().test { (c: Harness.Client) async throws in
            let pf = try await c.create("portfolios", #"{"code":"PF","name":"P"}"#)
            let me = try #require(try await c.send(.get, "/api/v1/me", as: .requester).int("id"))
            let r = try #require(try await c.send(.post, "/api/v1/requests", as: .requester, json: #"""
                {"portfolio_id":\#(pf),"title":"T","requester_id":\#(me),"problem":"p","goal":"g","business_case":{"periods":[{"cost":1}]}}
                """#).int("id"))
            #expect(try await Self.kinds(c, .requester) == ["request_draft"])
            #expect(try await Self.kinds(c, .pmoDirector).isEmpty)
            _ = try await c.send(.post, "/api/v1/requests/\(r)/submit", as: .requester)
            #expect(try await Self.kinds(c, .requester).isEmpty)
            #expect(try await Self.kinds(c, .pmoAnalyst) == ["request_review"])
            _ = try await c.send(.post, "/api/v1/requests/\(r)/review", as: .pmoAnalyst)
            #expect(try await Self.kinds(c, .pmoDirector) == ["request_decision"])
            let page = try await c.send(.get, "/inbox", as: .pmoDirector)
            #expect(page.text.contains(#"href="/requests/\#(r)""#))
            #expect(try await c.send(.get, "/inbox", as: .teamMember).text.contains(#"id="inbox-empty""#))
        }
    }

    @Test("a gate due soon waits for whoever decides it in the portfolio's mode")
    func gates() async throws {
        try await Harness.make().test { (c: Harness.Client) async throws in
            let pm = try #require(try await c.send(.get, "/api/v1/me", as: .projectManager).int("id"))
            let template = try await c.create("templates", #"""
                {"name":"One gate","phases":[{"name":"Plan","gate":{"name":"Plan approved","criteria":[{"name":"Plan signed","kind":"must_meet"}]}},
                                             {"name":"Build","gate":{"name":"Done","criteria":[]}}]}
                """#)
            var phaseOf: [String: Int64] = [:]
            for mode in ["supportive", "controlling", "directive"] {
                let pf = try await c.create("portfolios", #"{"code":"\#(mode)","name":"\#(mode)","governance_mode":"\#(mode)"}"#)
                let p = try await c.create("projects", #"{"portfolio_id":\#(pf),"code":"P-\#(mode)","name":"\#(mode)","manager_id":\#(pm)}"#)
                #expect(try await c.send(.post, "/api/v1/projects/\(p)/apply-template", json: #"{"template_id":\#(template)}"#).status.code < 300)
                let phase = try #require(try await c.send(.get, "/api/v1/phases?project_id=\(p)").items.first?["id"]?.int)
                phaseOf[mode] = phase
                // The harness's clock reads 2026-11-28: a gate on 2026-12-01 is due within the two weeks shown.
                #expect(try await c.send(.patch, "/api/v1/phases/\(phase)", json: #"{"gate_date":"2026-12-01"}"#).status == .ok)
            }
            let pmItems = try await c.send(.get, "/api/v1/inbox", as: .projectManager).items
            let pmoItems = try await c.send(.get, "/api/v1/inbox", as: .pmoDirector).items
            func phases(_ items: [JSONValue]) -> Set<Int64> { Set(items.compactMap { $0["record_id"]?.int }) }
            // Supportive: the PM decides. Controlling: the PM, and the PMO while a must-meet is unmet. Directive: the PMO.
            #expect(phases(pmItems) == [phaseOf["supportive"]!, phaseOf["controlling"]!])
            #expect(phases(pmoItems) == [phaseOf["controlling"]!, phaseOf["directive"]!])
            #expect(pmoItems.allSatisfy { $0["due"]?.string == "2026-12-01" })
        }
    }

    @Test("a project that has ended waits for its manager's lessons learned until one is recorded")
    func lessons() async throws {
        try await Harness.make().test { (c: Harness.Client) async throws in
            let pm = try #require(try await c.send(.get, "/api/v1/me", as: .projectManager).int("id"))
            let pf = try await c.create("portfolios", #"{"code":"PF","name":"P"}"#)
            let p = try await c.create("projects", #"{"portfolio_id":\#(pf),"code":"P","name":"P","manager_id":\#(pm)}"#)
            #expect(try await Self.kinds(c, .projectManager).isEmpty)
            _ = try await c.send(.patch, "/api/v1/projects/\(p)", as: .pmoDirector, json: #"{"state":"closed"}"#)
            #expect(try await Self.kinds(c, .projectManager) == ["lessons_due"])
            _ = try await c.create("lessons", #"{"project_id":\#(p),"title":"Start the data migration early"}"#)
            #expect(try await Self.kinds(c, .projectManager).isEmpty)
        }
    }

    @Test("a submitted change request waits for the approver its size and the mode name")
    func changes() async throws {
        try await Harness.make().test { (c: Harness.Client) async throws in
            let pm = try #require(try await c.send(.get, "/api/v1/me", as: .projectManager).int("id"))
            let pf = try await c.create("portfolios", #"{"code":"PF","name":"P","governance_mode":"controlling","change_cost_threshold_minor":1000000,"change_schedule_threshold_days":10}"#)
            let p = try await c.create("projects", #"{"portfolio_id":\#(pf),"code":"P","name":"P","manager_id":\#(pm)}"#)
            var ids: [String: Int64] = [:]
            for (name, cost) in [("small", 1000), ("large", 5_000_000)] {
                let cr = try await c.send(.post, "/api/v1/change-requests", as: .projectManager,
                                          json: #"{"project_id":\#(p),"title":"\#(name)","cost_impact_minor":\#(cost)}"#)
                #expect(cr.status == .created, "\(cr.text)")
                let id = try #require(cr.int("id"))
                ids[name] = id
                #expect(try await c.send(.post, "/api/v1/change-requests/\(id)/submit", as: .projectManager).status == .ok)
            }
            func changeIds(_ role: Role) async throws -> Set<Int64> {
                Set(try await c.send(.get, "/api/v1/inbox", as: role).items.filter { $0["kind"]?.string == "change_approval" }
                    .compactMap { $0["record_id"]?.int })
            }
            // Controlling: under the thresholds the PM decides; over them, the PMO.
            #expect(try await changeIds(.projectManager) == [ids["small"]!])
            #expect(try await changeIds(.pmoDirector).contains(ids["large"]!))
        }
    }
}
