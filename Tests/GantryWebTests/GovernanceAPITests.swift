import GantryModel
import HTTPTypes
import Testing

@Suite("Governance over the API")
struct GovernanceAPITests {
    /// DESIGN.md and issue 4: a portfolio's governance mode is set per portfolio, changeable, every change audited;
    /// only the administrator and the PMO director change it (GovernanceModeChange).
    @Test("only the PMO director changes a portfolio's governance mode; the owner may edit the rest; the change is audited")
    func modeChange() async throws {
        let harness = try await Harness.make()
        let owner = harness.users[.portfolioManager]!.id
        let director = harness.users[.pmoDirector]!.id
        try await harness.test { (c: Harness.Client) async throws in
            let pf = try await c.create("portfolios", #"{"code":"PF","name":"P","owner_id":\#(owner.rawValue),"governance_mode":"supportive"}"#)
            #expect(try await c.send(.patch, "/api/v1/portfolios/\(pf)", as: .portfolioManager, json: #"{"name":"Renamed"}"#).status == .ok)
            let refused = try await c.send(.patch, "/api/v1/portfolios/\(pf)", as: .portfolioManager, json: #"{"governance_mode":"directive"}"#)
            #expect(refused.status == .forbidden)
            #expect(refused.string("detail")?.contains("only the administrator or the PMO director may change a portfolio's governance mode") == true)
            #expect(try await c.send(.get, "/api/v1/portfolios/\(pf)").string("governance_mode") == "supportive")

            #expect(try await c.send(.patch, "/api/v1/portfolios/\(pf)", as: .pmoDirector, json: #"{"governance_mode":"controlling"}"#).status == .ok)
            let audit = try await c.send(.get, "/api/v1/audit?kind=portfolio&record_id=\(pf)&action=update")
            let last = try #require(audit.items.first)
            #expect(last["before"]?["governance_mode"]?.string == "supportive")
            #expect(last["after"]?["governance_mode"]?.string == "controlling")
            #expect(last["user_id"]?.int == director.rawValue)
        }
    }
}
