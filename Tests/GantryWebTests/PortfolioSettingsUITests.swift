import Foundation
import GantryModel
import HTTPTypes
import Testing

@Suite("Portfolio governance settings page")
struct PortfolioSettingsUITests {
    @Test("the PMO director changes the mode (audited); the owner changes thresholds but not the mode; bad values are named and change nothing")
    func settings() async throws {
        try await Harness.make().test { (c: Harness.Client) async throws in
            let owner = try #require(try await c.send(.get, "/api/v1/me", as: .portfolioManager).int("id"))
            let pf = try await c.create("portfolios", #"{"code":"PF","name":"P","owner_id":\#(owner)}"#)
            let page = try await c.send(.get, "/portfolios/\(pf)/settings", as: .portfolioManager)
            #expect(page.status == .ok)
            #expect(page.text.contains(#"value="controlling" disabled"#), "the owner does not change the mode")

            let byDirector = try await c.send(.post, "/portfolios/\(pf)/settings", as: .pmoDirector,
                                              json: "governance_mode=controlling&rag_green_minimum=0.9&rag_amber_minimum=0.8")
            #expect(byDirector.status == .seeOther)
            let after = try await c.send(.get, "/api/v1/portfolios/\(pf)")
            #expect(after.string("governance_mode") == "controlling")
            #expect(after.json?["rag_green_minimum"]?.number == 0.9)
            let trail = try await c.send(.get, "/api/v1/audit?kind=portfolio&record_id=\(pf)", as: .pmoDirector).items
            #expect(trail.first?["before"]?["governance_mode"]?.string == "supportive")
            #expect(trail.first?["after"]?["governance_mode"]?.string == "controlling")

            // The owner may change thresholds; a mode sent anyway is refused with the reason.
            #expect(try await c.send(.post, "/portfolios/\(pf)/settings", as: .portfolioManager,
                                     json: "change_schedule_threshold_days=5").status == .seeOther)
            #expect(try await c.send(.get, "/api/v1/portfolios/\(pf)").int("change_schedule_threshold_days") == 5)
            let mode = try await c.send(.post, "/portfolios/\(pf)/settings", as: .portfolioManager, json: "governance_mode=directive")
            #expect(mode.status == .forbidden)
            #expect(mode.text.contains("PMO director"))
            let bad = try await c.send(.post, "/portfolios/\(pf)/settings", as: .pmoDirector,
                                       json: "rag_green_minimum=0.8&rag_amber_minimum=0.9&change_schedule_threshold_days=x")
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("change_schedule_threshold_days"))
            let bands = try await c.send(.post, "/portfolios/\(pf)/settings", as: .pmoDirector,
                                         json: "rag_green_minimum=0.8&rag_amber_minimum=0.9")
            #expect(bands.status == .unprocessableContent)
            #expect(bands.text.contains("rag_amber_minimum"))
            #expect(try await c.send(.get, "/api/v1/portfolios/\(pf)").json?["rag_green_minimum"]?.number == 0.9, "nothing changed")
            #expect(try await c.send(.post, "/portfolios/\(pf)/settings", as: .projectManager, json: "change_schedule_threshold_days=1").status == .forbidden)
        }
    }
}
