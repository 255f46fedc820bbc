import Foundation
import GantryModel
import GantryServices
import GantryWeb
import HTTPTypes
import Hummingbird
import Testing

@Suite("JSON API")
struct APITests {
    @Test("a request without credentials gets 401 as problem details")
    func unauthenticated() async throws {
        try await Harness.make().test { (c: Harness.Client) async throws in
            let r = try await c.send(.get, "/api/v1/portfolios", as: nil)
            #expect(r.status == .unauthorized)
            #expect(r.headers[.contentType] == "application/problem+json")
            #expect(r.int("status") == 401)
            #expect(r.string("type")?.hasSuffix("/unauthenticated") == true)
        }
    }

    @Test("an unknown token is refused")
    func badToken() async throws {
        try await Harness.make().test { (c: Harness.Client) async throws in
            let r = try await c.send(.get, "/api/v1/portfolios", as: nil, headers: [.authorization: "Bearer nope"])
            #expect(r.status == .unauthorized)
        }
    }

    @Test("create, read, update and delete a portfolio, with ETags")
    func crud() async throws {
        try await Harness.make().test { (c: Harness.Client) async throws in
            let created = try await c.send(.post, "/api/v1/portfolios", json: #"{"code":"OPS","name":"Operations"}"#)
            #expect(created.status == .created)
            #expect(created.headers[.eTag] == "\"1\"")
            let id = try #require(created.int("id"))
            #expect(created.headers[.location] == "/api/v1/portfolios/\(id)")
            #expect(created.string("governance_mode") == "supportive")  // the documented default

            let read = try await c.send(.get, "/api/v1/portfolios/\(id)")
            #expect(read.string("name") == "Operations")
            #expect(read.headers[.eTag] == "\"1\"")

            let patched = try await c.send(.patch, "/api/v1/portfolios/\(id)", json: #"{"name":"Operations & Support","governance_mode":"directive"}"#,
                                           headers: [.ifMatch: "\"1\""])
            #expect(patched.status == .ok)
            #expect(patched.headers[.eTag] == "\"2\"")
            #expect(patched.string("name") == "Operations & Support")
            #expect(patched.string("code") == "OPS")  // untouched fields keep their values

            let deleted = try await c.send(.delete, "/api/v1/portfolios/\(id)")
            #expect(deleted.status == .noContent)
            #expect(try await c.send(.get, "/api/v1/portfolios/\(id)").status == .notFound)
        }
    }

    @Test("a stale If-Match gets 412 and changes nothing")
    func staleIfMatch() async throws {
        try await Harness.make().test { (c: Harness.Client) async throws in
            let id = try await c.create("portfolios", #"{"code":"P1","name":"First"}"#)
            try await c.send(.patch, "/api/v1/portfolios/\(id)", json: #"{"name":"Second"}"#, headers: [.ifMatch: "\"1\""])
            let stale = try await c.send(.patch, "/api/v1/portfolios/\(id)", json: #"{"name":"Third"}"#, headers: [.ifMatch: "\"1\""])
            #expect(stale.status == .preconditionFailed)
            #expect(stale.string("type")?.hasSuffix("/version-mismatch") == true)
            let now = try await c.send(.get, "/api/v1/portfolios/\(id)")
            #expect(now.string("name") == "Second")
            #expect(now.headers[.eTag] == "\"2\"")
            let staleDelete = try await c.send(.delete, "/api/v1/portfolios/\(id)", headers: [.ifMatch: "\"1\""])
            #expect(staleDelete.status == .preconditionFailed)
            #expect(try await c.send(.get, "/api/v1/portfolios/\(id)").status == .ok)
            let garbage = try await c.send(.patch, "/api/v1/portfolios/\(id)", json: #"{"name":"X"}"#, headers: [.ifMatch: "yesterday"])
            #expect(garbage.status == .badRequest)
        }
    }

    @Test("malformed JSON is a 400 that says so")
    func malformed() async throws {
        try await Harness.make().test { (c: Harness.Client) async throws in
            let r = try await c.send(.post, "/api/v1/portfolios", json: #"{"code": "A", "name": }"#)
            #expect(r.status == .badRequest)
            #expect(r.string("detail")?.contains("not valid JSON") == true)
            let array = try await c.send(.post, "/api/v1/portfolios", json: "[1,2]")
            #expect(array.status == .badRequest)
            #expect(array.string("detail")?.contains("JSON object") == true)
            let empty = try await c.send(.post, "/api/v1/portfolios", json: "")
            #expect(empty.status == .badRequest)
        }
    }

    @Test("field errors name the field", arguments: [
        (#"{"code":"A","name":5}"#, "name"),                      // wrong type
        (#"{"name":"No code"}"#, "code"),                          // missing required
        (#"{"code":"A","name":"N","colour":"blue"}"#, "colour"),   // unknown field
        (#"{"code":"A","name":"N","id":7}"#, "id"),                // read-only field
        (#"{"code":"A","name":"N","governance_mode":"anarchic"}"#, "governance_mode"),  // not an enum value
        (#"{"code":"A","name":"N","owner_id":9999}"#, "owner_id"), // reference to nothing
        (#"{"code":"has space","name":"N"}"#, "code"),             // not a code
        (#"{"code":"A","name":null}"#, "name"),                    // null for a required field
    ])
    func fieldErrors(body: String, field: String) async throws {
        try await Harness.make().test { (c: Harness.Client) async throws in
            let r = try await c.send(.post, "/api/v1/portfolios", json: body)
            #expect(r.status == .unprocessableContent, "\(r.text)")
            #expect(r.headers[.contentType] == "application/problem+json")
            #expect(r.problemFields.contains(field), "\(r.text)")
            #expect(r.string("detail")?.contains(field) == true)
            let list = try await c.send(.get, "/api/v1/portfolios")
            #expect(list.items.isEmpty)  // nothing half-written
        }
    }

    @Test("over-long strings are refused with the limit named")
    func overLong() async throws {
        try await Harness.make().test { (c: Harness.Client) async throws in
            let name = String(repeating: "x", count: 201)
            let r = try await c.send(.post, "/api/v1/portfolios", json: #"{"code":"A","name":"\#(name)"}"#)
            #expect(r.status == .unprocessableContent)
            #expect(r.problemFields == ["name"])
            #expect(r.string("detail")?.contains("200") == true)
        }
    }

    @Test("a missing record is 404, a non-numeric id is 400")
    func notFound() async throws {
        try await Harness.make().test { (c: Harness.Client) async throws in
            #expect(try await c.send(.get, "/api/v1/projects/424242").status == .notFound)
            #expect(try await c.send(.get, "/api/v1/projects/abc").status == .badRequest)
            #expect(try await c.send(.patch, "/api/v1/activities/424242", json: "{}").status == .notFound)
        }
    }

    @Test("a dependency that would close a cycle is a 409 naming the cycle, and nothing is written")
    func cycle() async throws {
        try await Harness.make().test { (c: Harness.Client) async throws in
            let pf = try await c.create("portfolios", #"{"code":"PF","name":"Portfolio"}"#)
            let pr = try await c.create("projects", #"{"portfolio_id":\#(pf),"code":"PR","name":"Project"}"#)
            let a = try await c.create("activities", #"{"project_id":\#(pr),"code":"A","name":"Design","duration":"5d"}"#)
            let b = try await c.create("activities", #"{"project_id":\#(pr),"code":"B","name":"Build","duration":"10d"}"#)
            let d = try await c.create("activities", #"{"project_id":\#(pr),"code":"C","name":"Test","duration":"3d"}"#)
            _ = try await c.create("dependencies", #"{"project_id":\#(pr),"predecessor_id":\#(a),"successor_id":\#(b)}"#)
            _ = try await c.create("dependencies", #"{"project_id":\#(pr),"predecessor_id":\#(b),"successor_id":\#(d),"type":"SS","lag":"2d"}"#)
            let r = try await c.send(.post, "/api/v1/dependencies", json: #"{"project_id":\#(pr),"predecessor_id":\#(d),"successor_id":\#(a),"type":"FF"}"#)
            #expect(r.status == .conflict)
            #expect(r.string("type")?.hasSuffix("/dependency-cycle") == true)
            // The cycle in link order, starting where the new link points: A → B → C → A.
            #expect(r.string("detail")?.contains("A Design → B Build → C Test → A Design") == true, "\(r.text)")
            let deps = try await c.send(.get, "/api/v1/dependencies?project_id=\(pr)")
            #expect(deps.items.count == 2)
            let selfLink = try await c.send(.post, "/api/v1/dependencies", json: #"{"project_id":\#(pr),"predecessor_id":\#(a),"successor_id":\#(a)}"#)
            #expect(selfLink.status == .unprocessableContent)
            let duplicate = try await c.send(.post, "/api/v1/dependencies", json: #"{"project_id":\#(pr),"predecessor_id":\#(a),"successor_id":\#(b),"type":"SS"}"#)
            #expect(duplicate.status == .conflict)
        }
    }

    @Test("cursor pagination walks every record once, in id order")
    func pagination() async throws {
        try await Harness.make().test { (c: Harness.Client) async throws in
            var made: [Int64] = []
            for i in 1...7 { made.append(try await c.create("portfolios", #"{"code":"P\#(i)","name":"Portfolio \#(i)"}"#)) }
            var seen: [Int64] = []
            var uri = "/api/v1/portfolios?limit=3"
            var pages = 0
            while true {
                let page = try await c.send(.get, uri)
                #expect(page.status == .ok)
                seen += page.items.compactMap { $0["id"]?.int }
                pages += 1
                guard let next = page.string("next_cursor") else {
                    #expect(page["next_cursor"] == .null)
                    break
                }
                uri = "/api/v1/portfolios?limit=3&cursor=\(next)"
            }
            #expect(seen == made)
            #expect(pages == 3)
            #expect(try await c.send(.get, "/api/v1/portfolios?limit=0").status == .unprocessableContent)
            #expect(try await c.send(.get, "/api/v1/portfolios?cursor=bogus!").status == .unprocessableContent)
        }
    }

    @Test("lists filter by parent and by state; unknown filters are named")
    func filters() async throws {
        try await Harness.make().test { (c: Harness.Client) async throws in
            let a = try await c.create("portfolios", #"{"code":"A","name":"A"}"#)
            let b = try await c.create("portfolios", #"{"code":"B","name":"B"}"#)
            _ = try await c.create("projects", #"{"portfolio_id":\#(a),"code":"A1","name":"A1","state":"active"}"#)
            _ = try await c.create("projects", #"{"portfolio_id":\#(a),"code":"A2","name":"A2","state":"closed"}"#)
            _ = try await c.create("projects", #"{"portfolio_id":\#(b),"code":"B1","name":"B1","state":"active"}"#)
            let inA = try await c.send(.get, "/api/v1/projects?portfolio_id=\(a)")
            #expect(inA.items.compactMap { $0["code"]?.string } == ["A1", "A2"])
            let active = try await c.send(.get, "/api/v1/projects?state=active")
            #expect(active.items.compactMap { $0["code"]?.string } == ["A1", "B1"])
            let both = try await c.send(.get, "/api/v1/projects?state=active&portfolio_id=\(a)")
            #expect(both.items.compactMap { $0["code"]?.string } == ["A1"])
            let noProgram = try await c.send(.get, "/api/v1/projects?program_id=none")
            #expect(noProgram.items.count == 3)
            let badState = try await c.send(.get, "/api/v1/projects?state=dreaming")
            #expect(badState.status == .unprocessableContent)
            #expect(badState.string("detail")?.contains("on_hold") == true)
            let unknown = try await c.send(.get, "/api/v1/projects?colour=red")
            #expect(unknown.status == .unprocessableContent)
            #expect(unknown.problemFields == ["colour"])
        }
    }

    @Test("deleting a portfolio that still has projects is a conflict; a project takes its schedule along")
    func deletes() async throws {
        try await Harness.make().test { (c: Harness.Client) async throws in
            let pf = try await c.create("portfolios", #"{"code":"PF","name":"P"}"#)
            let pr = try await c.create("projects", #"{"portfolio_id":\#(pf),"code":"PR","name":"P"}"#)
            let s = try await c.create("activities", #"{"project_id":\#(pr),"code":"1","name":"Phase","kind":"summary"}"#)
            let a = try await c.create("activities", #"{"project_id":\#(pr),"parent_id":\#(s),"code":"1.1","name":"Work","duration":"2d"}"#)
            let m = try await c.create("activities", #"{"project_id":\#(pr),"parent_id":\#(s),"code":"1.M","name":"Done","kind":"milestone"}"#)
            _ = try await c.create("dependencies", #"{"project_id":\#(pr),"predecessor_id":\#(a),"successor_id":\#(m)}"#)
            let refused = try await c.send(.delete, "/api/v1/portfolios/\(pf)")
            #expect(refused.status == .conflict)
            #expect(refused.string("detail")?.contains("1 projects") == true)
            #expect(try await c.send(.delete, "/api/v1/activities/\(s)").status == .conflict)  // has children
            #expect(try await c.send(.delete, "/api/v1/projects/\(pr)").status == .noContent)
            #expect(try await c.send(.get, "/api/v1/activities/\(a)").status == .notFound)
            #expect(try await c.send(.get, "/api/v1/dependencies?project_id=\(pr)").items.isEmpty)
            #expect(try await c.send(.delete, "/api/v1/portfolios/\(pf)").status == .noContent)
        }
    }

    @Test("activity rules: milestones have no duration, parents are summaries in the same project")
    func activityRules() async throws {
        try await Harness.make().test { (c: Harness.Client) async throws in
            let pf = try await c.create("portfolios", #"{"code":"PF","name":"P"}"#)
            let pr = try await c.create("projects", #"{"portfolio_id":\#(pf),"code":"PR","name":"P"}"#)
            let leaf = try await c.create("activities", #"{"project_id":\#(pr),"code":"L","name":"Leaf","duration":"1d"}"#)
            let m = try await c.send(.post, "/api/v1/activities", json: #"{"project_id":\#(pr),"code":"M","name":"M","kind":"milestone","duration":"2d"}"#)
            #expect(m.problemFields == ["duration"])
            let child = try await c.send(.post, "/api/v1/activities", json: #"{"project_id":\#(pr),"parent_id":\#(leaf),"code":"C","name":"C"}"#)
            #expect(child.problemFields == ["parent_id"])
            let pct = try await c.send(.post, "/api/v1/activities", json: #"{"project_id":\#(pr),"code":"P","name":"P","percent_complete":101}"#)
            #expect(pct.problemFields == ["percent_complete"])
            let dur = try await c.send(.post, "/api/v1/activities", json: #"{"project_id":\#(pr),"code":"D","name":"D","duration":"five days"}"#)
            #expect(dur.problemFields == ["duration"])
            let dates = try await c.send(.post, "/api/v1/activities", json: #"{"project_id":\#(pr),"code":"E","name":"E","planned_start":"2026-03-10","planned_finish":"2026-03-01"}"#)
            #expect(dates.problemFields == ["planned_finish"])
            let badDate = try await c.send(.post, "/api/v1/activities", json: #"{"project_id":\#(pr),"code":"F","name":"F","planned_start":"2026-02-30"}"#)
            #expect(badDate.problemFields == ["planned_start"])
        }
    }

    @Test("calendars and resources round-trip their structured fields")
    func calendarsAndResources() async throws {
        try await Harness.make().test { (c: Harness.Client) async throws in
            let cal = try await c.send(.post, "/api/v1/calendars", json: #"""
                {"name":"Four-day week","week":{"monday":["08:00-12:00","13:00-17:00"],"tuesday":["08:00-12:00","13:00-17:00"],
                 "wednesday":["08:00-12:00","13:00-17:00"],"thursday":["08:00-12:00","13:00-17:00"],"friday":[],"saturday":[],"sunday":[]},
                 "exceptions":[{"name":"Christmas","from":"2026-12-24","to":"2026-12-26","working":[]}]}
                """#)
            #expect(cal.status == .created, "\(cal.text)")
            #expect(cal["week"]?["monday"] == .array(["08:00-12:00", "13:00-17:00"]))
            let overlap = try await c.send(.post, "/api/v1/calendars", json: #"""
                {"name":"Bad","week":{"monday":["08:00-12:00","11:00-17:00"],"tuesday":[],"wednesday":[],"thursday":[],"friday":[],"saturday":[],"sunday":[]}}
                """#)
            #expect(overlap.problemFields == ["week"])
            // A skill sent as a plain name (as skills were before levels) is kept at level 3; one with a level keeps it.
            let res = try await c.send(.post, "/api/v1/resources", json: #"{"name":"Generic tester","kind":"role","role":"Tester","skills":["selenium",{"skill":"performance","level":5}],"cost_rate_minor":7000,"currency":"EUR","max_units":300}"#)
            #expect(res.status == .created, "\(res.text)")
            #expect(res["skills"] == .array([.object(["skill": "selenium", "level": .int(3)]), .object(["skill": "performance", "level": .int(5)])]))
            let badLevel = try await c.send(.post, "/api/v1/resources", json: #"{"name":"Y","skills":[{"skill":"sql","level":6}]}"#)
            #expect(badLevel.problemFields == ["skills[0].level"])
            let badCurrency = try await c.send(.post, "/api/v1/resources", json: #"{"name":"X","currency":"euro"}"#)
            #expect(badCurrency.problemFields == ["currency"])
        }
    }

    @Test("users are created with a password, never show it, and can sign in")
    func users() async throws {
        try await Harness.make().test { (c: Harness.Client) async throws in
            let r = try await c.send(.post, "/api/v1/users", json: #"{"username":"newbie","display_name":"New Bie","role":"team_member","password":"long enough secret"}"#)
            #expect(r.status == .created, "\(r.text)")
            #expect(!r.text.contains("long enough secret"))
            #expect(r["password"] == nil)
            let weak = try await c.send(.post, "/api/v1/users", json: #"{"username":"weak","display_name":"W","role":"team_member","password":"short"}"#)
            #expect(weak.problemFields == ["password"])
            let dup = try await c.send(.post, "/api/v1/users", json: #"{"username":"newbie","display_name":"Again","role":"team_member","password":"long enough secret"}"#)
            #expect(dup.status == .conflict)
            let me = try await c.send(.get, "/api/v1/me", as: .executive)
            #expect(me.string("role") == "executive")
        }
    }
}

@Suite("Project plans")
struct PlanTests {
    @Test("a plan carries an ETag that changes with any change to the project or its schedule; If-None-Match gets 304")
    func planETag() async throws {
        try await Harness.make().test { (c: Harness.Client) async throws in
            let pf = try await c.create("portfolios", #"{"code":"PF","name":"P"}"#)
            let pr = try await c.create("projects", #"{"portfolio_id":\#(pf),"code":"PR","name":"P"}"#)
            let a = try await c.create("activities", #"{"project_id":\#(pr),"code":"A","name":"Design"}"#)
            let first = try await c.send(.get, "/api/v1/projects/\(pr)/plan")
            #expect(first.status == .ok)
            let tag1 = try #require(first.headers[.eTag])
            #expect(first["activities"].flatMap { if case .array(let rows) = $0 { rows.count } else { nil } } == 1)

            let same = try await c.send(.get, "/api/v1/projects/\(pr)/plan", headers: [.ifNoneMatch: tag1])
            #expect(same.status == .notModified)
            #expect(same.text.isEmpty)

            try await c.send(.patch, "/api/v1/activities/\(a)", json: #"{"name":"Detailed design"}"#)
            let renamed = try await c.send(.get, "/api/v1/projects/\(pr)/plan", headers: [.ifNoneMatch: tag1])
            #expect(renamed.status == .ok)
            #expect(renamed.text.contains("Detailed design"))
            let tag2 = try #require(renamed.headers[.eTag])
            #expect(tag2 != tag1)

            let b = try await c.create("activities", #"{"project_id":\#(pr),"code":"B","name":"Build"}"#)
            _ = try await c.create("dependencies", #"{"project_id":\#(pr),"predecessor_id":\#(a),"successor_id":\#(b)}"#)
            let linked = try await c.send(.get, "/api/v1/projects/\(pr)/plan", headers: [.ifNoneMatch: tag2])
            #expect(linked.status == .ok)
            #expect(linked["dependencies"].flatMap { if case .array(let d) = $0 { d.count } else { nil } } == 1)
            let tag3 = try #require(linked.headers[.eTag])

            try await c.send(.patch, "/api/v1/projects/\(pr)", json: #"{"health":"red"}"#)
            let project = try await c.send(.get, "/api/v1/projects/\(pr)/plan", headers: [.ifNoneMatch: tag3])
            #expect(project.status == .ok)
            #expect(project["project"]?["health"] == .string("red"))

            try await c.send(.delete, "/api/v1/activities/\(b)")
            let deleted = try await c.send(.get, "/api/v1/projects/\(pr)/plan")
            #expect(!deleted.text.contains("Build"))
        }
    }
}
