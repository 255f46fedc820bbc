import GantryServices
import GantryWeb
import HTTPTypes
import Testing

@Suite("Audit trail page")
struct AuditUITests {
    @Test("the PMO sees the audit trail with a filter and a CSV link; other roles get a refusal and no menu entry")
    func page() async throws {
        let harness = try await Harness.make()
        let (admin, _) = try await harness.backend.accounts.signIn(username: "admin", password: Harness.password)
        let (member, _) = try await harness.backend.accounts.signIn(username: "team.member", password: Harness.password)
        try await harness.test { (c: Harness.Client) async throws in
            let pf = try await c.create("portfolios", #"{"code":"PF","name":"Alpha <b>"}"#)
            _ = try await c.send(.patch, "/api/v1/portfolios/\(pf)", json: #"{"name":"Beta"}"#)
            let page = try await c.send(.get, "/audit?kind=portfolio&action=", as: nil, headers: [.cookie: "gantry_session=\(admin)"])
            #expect(page.status == .ok, "\(page.text)")
            #expect(page.text.contains(#"href="/audit" aria-current="page""#))
            #expect(page.text.contains("updated portfolio \(pf)"))
            #expect(page.text.contains("created portfolio \(pf)"))
            #expect(page.text.contains(#"href="/api/v1/audit.csv?kind=portfolio""#))
            #expect(page.text.contains(#"<option value="portfolio" selected>"#))

            let refused = try await c.send(.get, "/audit", as: nil, headers: [.cookie: "gantry_session=\(member)"])
            #expect(refused.status == .forbidden)
            let home = try await c.send(.get, "/portfolios", as: nil, headers: [.cookie: "gantry_session=\(member)"])
            #expect(!home.text.contains(#"href="/audit""#))
        }
    }
}
