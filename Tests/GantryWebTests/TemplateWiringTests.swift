import Foundation
import GantryModel
import HTTPTypes
import Testing

/// What a template sets up beyond phases: the RAID categories offered on the project's RAID log.
@Suite("Templates wired into the project")
struct TemplateWiringTests {
    @Test("the RAID log offers the template's RAID categories, then those in use")
    func raidCategories() async throws {
        try await Harness.make().test { (c: Harness.Client) async throws in
            let pf = try await c.create("portfolios", #"{"code":"PF","name":"P"}"#)
            let template = try await c.create("templates", #"""
                {"name":"T","raid_categories":["Vendor","Regulatory"],"phases":[{"name":"Plan","gate":{"name":"G1","criteria":[]}}]}
                """#)
            let p = try await c.create("projects", #"{"portfolio_id":\#(pf),"code":"P","name":"P"}"#)
            #expect(try await c.send(.post, "/api/v1/projects/\(p)/apply-template", json: #"{"template_id":\#(template)}"#).status.code < 300)
            _ = try await c.create("risks", #"{"project_id":\#(p),"title":"Key person leaves","category":"People","probability":2,"impact":4}"#)
            let page = try await c.send(.get, "/projects/\(p)/raid")
            #expect(page.status == .ok)
            #expect(page.text.contains(#"<datalist id="raid-categories"><option value="Vendor"><option value="Regulatory"><option value="People"></datalist>"#),
                    "\(page.text)")
        }
    }

    @Test("the PMO retires a template from its page and it is no longer offered; others cannot")
    func retire() async throws {
        try await Harness.make().test { (c: Harness.Client) async throws in
            let template = try await c.create("templates", #"{"name":"Old way","phases":[{"name":"Plan","gate":{"name":"G1","criteria":[]}}]}"#)
            #expect(!(try await c.send(.get, "/templates/\(template)", as: .projectManager).text.contains(#"id="toggle-template""#)))
            #expect(try await c.send(.post, "/templates/\(template)/active", as: .projectManager, json: "active=false").status == .forbidden)
            #expect(try await c.send(.post, "/templates/\(template)/active", as: .pmoAnalyst, json: "active=false").status == .seeOther)
            #expect(try await c.send(.get, "/api/v1/templates/\(template)").json?["active"] == .bool(false))
            let pf = try await c.create("portfolios", #"{"code":"PF","name":"P"}"#)
            let p = try await c.create("projects", #"{"portfolio_id":\#(pf),"code":"P","name":"P"}"#)
            #expect(try await c.send(.post, "/api/v1/projects/\(p)/apply-template", json: #"{"template_id":\#(template)}"#).status == .conflict)
            #expect(try await c.send(.post, "/templates/\(template)/active", as: .pmoAnalyst, json: "active=true").status == .seeOther)
            #expect(try await c.send(.get, "/api/v1/templates/\(template)").json?["active"] == .bool(true))
        }
    }
}
