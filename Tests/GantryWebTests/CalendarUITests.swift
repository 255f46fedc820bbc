import Foundation
import GantryModel
import HTTPTypes
import Testing

@Suite("Working calendars in the browser")
struct CalendarUITests {
    @Test("a calendar's week with two intervals a day and its exceptions (holiday, part day, extra working day) are stored as typed; a bad interval is named beside its day and nothing is stored")
    func createAndValidate() async throws {
        let harness = try await Harness.make()
        let director = try await FormSession.signIn(harness, .pmoDirector)
        let member = try await FormSession.signIn(harness, .teamMember)
        try await harness.test { (c: Harness.Client) async throws in
            let pmo = try await FormSession.open(c, director), tm = try await FormSession.open(c, member)
            #expect(try await pmo.get("/calendars").text.contains(#"id="new-calendar""#))
            #expect(try await tm.get("/calendars").text.contains(#"id="new-calendar""#) == false)
            let day = "08:00-12:00, 13:00-17:00"
            let made = try await pmo.post("/calendars/new", [
                "name": "Plant", "monday": day, "tuesday": day, "wednesday": day, "thursday": day, "friday": "08:00-12:00",
                "saturday": "", "sunday": "",
                "exceptions": "2026-12-25 | Christmas Day | | yearly\n2026-12-24 | Christmas Eve | 08:00-12:00\n2026-12-27..2026-12-27 | Stocktake Sunday | 09:00-13:00\n",
            ])
            #expect(made.status == .seeOther, "\(made.text)")
            let id = try #require(made.locationId)
            let stored = try await c.send(.get, "/api/v1/calendars/\(id)")
            #expect(stored["week"]?["monday"] == .array(["08:00-12:00", "13:00-17:00"]))
            #expect(stored["week"]?["friday"] == .array(["08:00-12:00"]))
            #expect(stored["week"]?["saturday"] == .array([]))
            guard case .array(let exceptions)? = stored["exceptions"] else { Issue.record("no exceptions"); return }
            #expect(exceptions.count == 3)
            #expect(exceptions.first?["name"]?.string == "Christmas Day")
            #expect(exceptions.first?["working"] == .array([]))
            #expect(exceptions.first?["recurrence"]?.string == "yearly")
            #expect(exceptions.last?["working"] == .array(["09:00-13:00"]))

            let list = try await pmo.get("/calendars")
            #expect(list.text.contains("Plant"))
            #expect(list.text.contains("36 h"))
            let page = try await pmo.get("/calendars/\(id)")
            #expect(page.text.contains("Christmas Day") && page.text.contains("holiday (not worked)") && page.text.contains("every year"))
            #expect(page.text.contains(#"id="unused""#))

            // An interval that ends before it starts, an overlap and a bad exception date: each beside its field.
            let bad = try await pmo.post("/calendars/new", ["name": "Night", "monday": "17:00-08:00", "tuesday": "08:00-12:00, 11:00-13:00",
                                                             "exceptions": "Christmas | holiday"])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.fieldError("monday")?.contains("17:00-08:00") == true)
            #expect(bad.fieldError("exceptions")?.contains("line 1") == true)
            #expect(bad.text.contains(#"value="17:00-08:00""#), "the input is kept")
            let overlap = try await pmo.post("/calendars/new", ["name": "Overlap", "tuesday": "08:00-12:00, 11:00-13:00"])
            #expect(overlap.status == .unprocessableContent)
            #expect(overlap.fieldError("tuesday")?.contains("overlaps") == true)
            let dup = try await pmo.post("/calendars/new", ["name": "Plant"])
            #expect(dup.status == .conflict)
            #expect(dup.fieldError("name")?.contains("already exists") == true)
            #expect(try await tm.post("/calendars/new", ["name": "Mine"]).status == .forbidden)
            #expect(try await pmo.post("/calendars/new", ["name": "Forged"], csrf: false).status == .forbidden)
            #expect(try await c.send(.get, "/api/v1/calendars").items.count == 1, "nothing stored")
        }
    }

    @Test("a calendar's page shows which projects, activities and resources use it; deleting it then is refused naming them, and allowed once unused")
    func usedBy() async throws {
        let harness = try await Harness.make()
        let director = try await FormSession.signIn(harness, .pmoDirector)
        try await harness.test { (c: Harness.Client) async throws in
            let pmo = try await FormSession.open(c, director)
            let cal = try await c.create("calendars", #"{"name":"Shifts"}"#)
            let pf = try await c.create("portfolios", #"{"code":"PF","name":"P"}"#)
            let pr = try await c.create("projects", #"{"portfolio_id":\#(pf),"code":"PLANT-1","name":"New line","calendar_id":\#(cal)}"#)
            let other = try await c.create("projects", #"{"portfolio_id":\#(pf),"code":"OTHER","name":"Other"}"#)
            _ = try await c.create("activities", #"{"project_id":\#(other),"code":"NIGHT","name":"Night shift work","duration":"2d","calendar_id":\#(cal)}"#)
            let res = try await c.create("resources", #"{"name":"Crew B","kind":"role","calendar_id":\#(cal)}"#)

            let page = try await pmo.get("/calendars/\(cal)")
            #expect(page.text.contains(#"href="/projects/\#(pr)""#) && page.text.contains("PLANT-1"))
            #expect(page.text.contains("Night shift work"))
            #expect(page.text.contains(#"href="/resources/\#(res)""#))

            let edit = try await pmo.get("/calendars/\(cal)/edit")
            #expect(edit.text.contains("08:00-12:00, 13:00-17:00"), "the standard week, as text")
            #expect(try await pmo.post("/calendars/\(cal)/edit", ["name": "Shifts", "saturday": "06:00-14:00"]).status == .seeOther)
            #expect(try await c.send(.get, "/api/v1/calendars/\(cal)")["week"]?["saturday"] == .array(["06:00-14:00"]))

            let refused = try await pmo.post("/calendars/\(cal)/delete", [:])
            #expect(refused.status == .conflict)
            #expect(refused.text.contains("still used by 1 projects"))
            #expect(refused.text.contains("PLANT-1 New line") && refused.text.contains("Night shift work") && refused.text.contains("Crew B"))
            #expect(try await c.send(.get, "/api/v1/calendars/\(cal)").status == .ok)

            _ = try await c.send(.patch, "/api/v1/projects/\(pr)", json: #"{"calendar_id":null}"#)
            _ = try await c.send(.delete, "/api/v1/projects/\(other)")
            _ = try await c.send(.delete, "/api/v1/resources/\(res)")
            #expect(try await pmo.post("/calendars/\(cal)/delete", [:]).status == .seeOther)
            #expect(try await c.send(.get, "/api/v1/calendars/\(cal)").status == .notFound)
        }
    }
}
