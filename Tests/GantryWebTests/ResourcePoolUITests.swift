import Foundation
import GantryModel
import HTTPTypes
import Testing

@Suite("The resource pool in the browser")
struct ResourcePoolUITests {
    @Test("a cost rate typed as 85.50 is stored as exactly 8550 minor units; 12.345 euros and other bad fields are named beside their field and nothing is stored")
    func createAndValidate() async throws {
        let harness = try await Harness.make()
        let analyst = try await FormSession.signIn(harness, .pmoAnalyst)
        let member = try await FormSession.signIn(harness, .teamMember)
        try await harness.test { (c: Harness.Client) async throws in
            let pmo = try await FormSession.open(c, analyst), tm = try await FormSession.open(c, member)
            let calendar = try await c.create("calendars", #"{"name":"Office"}"#)
            #expect(try await pmo.get("/resources").text.contains(#"id="new-resource""#))
            #expect(try await tm.get("/resources").text.contains(#"id="new-resource""#) == false)
            #expect(try await pmo.get("/resources/new").status == .ok)

            let made = try await pmo.post("/resources/new", [
                "name": "Ann Analyst", "kind": "person", "role": "Business analyst", "skills": "BPMN 4, SQL ,",
                "cost_rate": "85.50", "currency": "eur", "max_units": "80", "calendar_id": "\(calendar)", "user_id": "",
            ])
            #expect(made.status == .seeOther, "\(made.text)")
            let id = try #require(made.locationId)
            let stored = try await c.send(.get, "/api/v1/resources/\(id)")
            #expect(stored.int("cost_rate_minor") == 8550)
            #expect(stored.string("currency") == "EUR")
            // "BPMN 4, SQL": a level after the name, 3 when none.
            #expect(stored["skills"] == .array([.object(["skill": "BPMN", "level": .int(4)]), .object(["skill": "SQL", "level": .int(3)])]))
            #expect(stored.int("calendar_id") == calendar)

            let list = try await pmo.get("/resources")
            #expect(list.text.contains("Ann Analyst"))
            #expect(list.text.contains("85.50 EUR/h"))
            #expect(list.text.contains("Office"))

            for (rate, currency, expected) in [("0.1", "EUR", Int64(10)), ("1234567.89", "USD", 123_456_789), ("500", "JPY", 500),
                                               ("1.005", "KWD", 1005), (".5", "EUR", 50)] {
                let r = try await pmo.post("/resources/new", ["name": "Rate \(rate) \(currency)", "kind": "role", "cost_rate": rate,
                                                             "currency": currency, "max_units": "100"])
                #expect(r.status == .seeOther, "\(rate) \(currency): \(r.text)")
                let rid = try #require(r.locationId)
                #expect(try await c.send(.get, "/api/v1/resources/\(rid)").int("cost_rate_minor") == expected, "\(rate) \(currency)")
            }
            let count = try await c.send(.get, "/api/v1/resources").items.count

            let cents = try await pmo.post("/resources/new", ["name": "Too precise", "kind": "person", "cost_rate": "12.345",
                                                               "currency": "EUR", "max_units": "100"])
            #expect(cents.status == .unprocessableContent)
            #expect(cents.fieldError("cost_rate")?.contains("decimals") == true)
            #expect(cents.text.contains(#"value="12.345""#), "the typed rate is kept")
            for bad in ["12,5", "1e3", "-5", "abc", "."] {
                let r = try await pmo.post("/resources/new", ["name": "Bad", "cost_rate": bad, "currency": "EUR"])
                #expect(r.status == .unprocessableContent, "\(bad)")
                #expect(r.fieldError("cost_rate") != nil, "\(bad)")
            }
            let fields = try await pmo.post("/resources/new", ["name": "", "kind": "person", "cost_rate": "10", "currency": "euro",
                                                                "max_units": "0"])
            #expect(fields.status == .unprocessableContent)
            #expect(fields.fieldError("name") != nil && fields.fieldError("currency") != nil && fields.fieldError("max_units") != nil)
            #expect(fields.fieldError("cost_rate") == nil)
            let refused = try await tm.post("/resources/new", ["name": "Mine", "cost_rate": "1", "currency": "EUR"])
            #expect(refused.status == .forbidden)
            #expect(try await pmo.post("/resources/new", ["name": "No token", "currency": "EUR"], csrf: false).status == .forbidden)
            #expect(try await c.send(.get, "/api/v1/resources").items.count == count, "nothing stored")
        }
    }

    @Test("a resource's page shows its assignments by project; it is edited, and deleted once nothing uses it")
    func assignmentsEditDelete() async throws {
        let harness = try await Harness.make()
        let director = try await FormSession.signIn(harness, .pmoDirector)
        try await harness.test { (c: Harness.Client) async throws in
            let pmo = try await FormSession.open(c, director)
            let pf = try await c.create("portfolios", #"{"code":"PF","name":"P"}"#)
            let erp = try await c.create("projects", #"{"portfolio_id":\#(pf),"code":"ERP","name":"ERP rollout"}"#)
            let crm = try await c.create("projects", #"{"portfolio_id":\#(pf),"code":"CRM","name":"CRM refresh"}"#)
            let bob = try await c.create("resources", #"{"name":"Bob Builder","cost_rate_minor":9000,"currency":"EUR"}"#)
            let design = try await c.create("activities", #"{"project_id":\#(erp),"code":"A1","name":"Design","duration":"5d"}"#)
            let build = try await c.create("activities", #"{"project_id":\#(erp),"code":"A2","name":"Build","duration":"5d"}"#)
            let migrate = try await c.create("activities", #"{"project_id":\#(crm),"code":"M1","name":"Migrate","duration":"5d"}"#)
            for (project, activity, units) in [(erp, design, 50), (erp, build, 100), (crm, migrate, 25)] {
                _ = try await c.create("assignments", #"{"project_id":\#(project),"activity_id":\#(activity),"resource_id":\#(bob),"units":\#(units)}"#)
            }
            let page = try await pmo.get("/resources/\(bob)")
            #expect(page.status == .ok)
            #expect(page.text.contains("90.00 EUR/h"))
            #expect(page.text.contains(#"href="/projects/\#(erp)""#) && page.text.contains(#"href="/projects/\#(crm)""#))
            #expect(page.text.contains("Design") && page.text.contains("Build") && page.text.contains("Migrate"))
            #expect(page.text.contains("150% in all"), "ERP's units add up")
            let crmAt = try #require(page.text.range(of: "CRM refresh")), erpAt = try #require(page.text.range(of: "ERP rollout"))
            #expect(crmAt.lowerBound < erpAt.lowerBound, "projects by code")

            let edit = try await pmo.get("/resources/\(bob)/edit")
            #expect(edit.text.contains(#"value="90.00""#))
            #expect(try await pmo.post("/resources/\(bob)/edit", ["name": "Bob B.", "cost_rate": "95.25", "currency": "EUR"]).status == .seeOther)
            let stored = try await c.send(.get, "/api/v1/resources/\(bob)")
            #expect(stored.string("name") == "Bob B." && stored.int("cost_rate_minor") == 9525)

            let inUse = try await pmo.post("/resources/\(bob)/delete", [:])
            #expect(inUse.status == .conflict)
            #expect(inUse.text.contains("still used by 3 assignments"))
            _ = try await c.send(.delete, "/api/v1/projects/\(erp)")
            _ = try await c.send(.delete, "/api/v1/projects/\(crm)")
            #expect(try await pmo.post("/resources/\(bob)/delete", [:]).status == .seeOther)
            #expect(try await c.send(.get, "/api/v1/resources/\(bob)").status == .notFound)
        }
    }
}
