import GantryModel
import HTTPTypes
import Testing

@Suite("Audit trail over the API")
struct AuditAPITests {
    @Test("the PMO reads the audit trail as JSON and CSV; a project manager may not; bad filters are named")
    func audit() async throws {
        try await Harness.make().test { (c: Harness.Client) async throws in
            let pf = try await c.create("portfolios", #"{"code":"PF","name":"P"}"#)
            _ = try await c.send(.patch, "/api/v1/portfolios/\(pf)", json: #"{"name":"Q"}"#)
            let r = try await c.send(.get, "/api/v1/audit?kind=portfolio&record_id=\(pf)", as: .pmoAnalyst)
            #expect(r.status == .ok, "\(r.text)")
            let actions = r.items.compactMap { $0["action"]?.string }
            #expect(actions == ["update", "create"])
            #expect(r.items.first?["before"]?["name"]?.string == "P")
            #expect(r.items.first?["after"]?["name"]?.string == "Q")
            let csv = try await c.send(.get, "/api/v1/audit.csv?kind=portfolio", as: .pmoDirector)
            #expect(csv.status == .ok)
            #expect(csv.text.hasPrefix("id,at,user_id,action,kind,record_id,summary,before,after"))
            #expect(try await c.send(.get, "/api/v1/audit", as: .projectManager).status == .forbidden)
            #expect(try await c.send(.get, "/api/v1/audit?since=yesterday").problemFields == ["since"])
            #expect(try await c.send(.get, "/api/v1/audit?colour=red").problemFields == ["colour"])
        }
    }
}

@Suite("Knowledge over the API")
struct KnowledgeAPITests {
    @Test("the PMO keeps the glossary and everyone reads it; training dates are checked; lessons are searched")
    func knowledge() async throws {
        try await Harness.make().test { (c: Harness.Client) async throws in
            let term = try await c.send(.post, "/api/v1/glossary", as: .pmoAnalyst,
                                        json: #"{"term":"RAID","definition":"Risks, assumptions, issues and dependencies","aliases":["RAID log"]}"#)
            #expect(term.status == .created, "\(term.text)")
            let refused = try await c.send(.post, "/api/v1/glossary", as: .projectManager, json: #"{"term":"Gate","definition":"A decision point"}"#)
            #expect(refused.status == .forbidden)
            #expect(refused.string("detail")?.contains("PMO standards") == true)
            #expect(try await c.send(.get, "/api/v1/glossary?q=assumptions", as: .teamMember).items.count == 1)
            #expect(try await c.send(.post, "/api/v1/glossary", json: #"{"term":"RAID","definition":"again"}"#).status == .conflict)

            let user = try await c.create("users", #"{"username":"kim","display_name":"Kim","role":"project_manager","password":"a long enough password"}"#)
            let bad = try await c.send(.post, "/api/v1/training-records", json: #"{"user_id":\#(user),"title":"PMP","kind":"certification","completed_on":"2026-05-01","expires_on":"2025-05-01"}"#)
            #expect(bad.problemFields == ["expires_on"])
            #expect(try await c.send(.post, "/api/v1/training-records", json: #"{"user_id":\#(user),"title":"PMP","kind":"certification","completed_on":"2026-05-01","expires_on":"2029-05-01"}"#).status == .created)

            let pf = try await c.create("portfolios", #"{"code":"PF","name":"P"}"#)
            let p = try await c.create("projects", #"{"portfolio_id":\#(pf),"code":"P","name":"P"}"#)
            _ = try await c.create("lessons", #"{"project_id":\#(p),"title":"Supplier delays","recommendation":"Order early"}"#)
            #expect(try await c.send(.get, "/api/v1/lessons?q=SUPPLIER").items.count == 1)
            #expect(try await c.send(.get, "/api/v1/lessons?q=").problemFields == ["q"])
        }
    }
}
