import GantryModel
import HTTPTypes
import Testing

/// The scheduling endpoints as a client uses them: JSON in, JSON out, problem details on refusal.
@Suite("Scheduling over the API")
struct ScheduleAPITests {
    /// A project starting Mon 2018-02-26 on the standard calendar: A 3d → B 2d, and C 10d; B SNET 03-05
    /// (domain-cases.json case 16 [X MPXJ]: B 03-05 → 03-06, float 3 days).
    static func project(_ c: Harness.Client) async throws -> (project: Int64, a: Int64, b: Int64, c: Int64) {
        let pf = try await c.create("portfolios", #"{"code":"PF","name":"P"}"#)
        let p = try await c.create("projects", #"{"portfolio_id":\#(pf),"code":"P","name":"P","start_date":"2018-02-26"}"#)
        let a = try await c.create("activities", #"{"project_id":\#(p),"code":"A","name":"A","duration":"3d"}"#)
        let b = try await c.create("activities", #"{"project_id":\#(p),"code":"B","name":"B","duration":"2d","constraint_type":"SNET","constraint_date":"2018-03-05T08:00","optimistic_duration":"1d","pessimistic_duration":"6d"}"#)
        let cc = try await c.create("activities", #"{"project_id":\#(p),"code":"C","name":"C","duration":"10d"}"#)
        _ = try await c.create("dependencies", #"{"project_id":\#(p),"predecessor_id":\#(a),"successor_id":\#(b)}"#)
        return (p, a, b, cc)
    }

    @Test("POST schedule computes and stores; GET returns it; an edit makes it not current")
    func scheduleAndRead() async throws {
        try await Harness.make().test { (c: Harness.Client) async throws in
            let (p, _, b, _) = try await Self.project(c)
            #expect(try await c.send(.get, "/api/v1/projects/\(p)/schedule").status == .notFound)
            let r = try await c.send(.post, "/api/v1/projects/\(p)/schedule")
            #expect(r.status == .ok, "\(r.text)")
            let rows = r.json?["activities"]
            let rowB = try #require({ () -> JSONValue? in
                if case .array(let items)? = rows { return items.first { $0["activity_id"]?.int == b } }
                return nil
            }())
            #expect(rowB["early_start"]?.string == "2018-03-05T08:00")
            #expect(rowB["early_finish"]?.string == "2018-03-06T17:00")
            #expect(rowB["total_float_minutes"]?.int == Int64(1440), "3 working days")
            #expect(rowB["starts_because"]?.string?.contains("SNET") == true)
            #expect(r.string("project_finish") == "2018-03-09T17:00")
            let planned = try await c.send(.get, "/api/v1/activities/\(b)")
            #expect(planned.string("planned_start") == "2018-03-05")
            let stored = try await c.send(.get, "/api/v1/projects/\(p)/schedule")
            #expect(stored.status == .ok)
            #expect(stored.json?["current"] == .bool(true))
            _ = try await c.send(.patch, "/api/v1/activities/\(b)", json: #"{"duration":"3d"}"#)
            #expect(try await c.send(.get, "/api/v1/projects/\(p)/schedule").json?["current"] == .bool(false))
        }
    }

    @Test("a dated constraint without a date is refused naming constraint_date")
    func constraintNeedsDate() async throws {
        try await Harness.make().test { (c: Harness.Client) async throws in
            let (p, _, _, _) = try await Self.project(c)
            let r = try await c.send(.post, "/api/v1/activities", json: #"{"project_id":\#(p),"code":"D","name":"D","constraint_type":"MSO"}"#)
            #expect(r.status == .unprocessableContent)
            #expect(r.problemFields.contains("constraint_date"))
            let bad = try await c.send(.post, "/api/v1/activities", json: #"{"project_id":\#(p),"code":"E","name":"E","deadline":"2018-02-30T08:00"}"#)
            #expect(bad.status.code / 100 == 4)
            #expect(bad.text.contains("deadline"))
        }
    }

    @Test("leveling: preview, apply by id, and the preview is gone; risk is seeded")
    func levelAndRisk() async throws {
        try await Harness.make().test { (c: Harness.Client) async throws in
            let (p, a, _, cc) = try await Self.project(c)
            let ann = try await c.create("resources", #"{"name":"Ann","max_units":100}"#)
            for act in [a, cc] {
                _ = try await c.create("assignments", #"{"project_id":\#(p),"activity_id":\#(act),"resource_id":\#(ann),"units":100}"#)
            }
            let preview = try await c.send(.post, "/api/v1/projects/\(p)/level")
            #expect(preview.status == .created, "\(preview.text)")
            let id = try #require(preview.int("preview_id"))
            if case .array(let moves)? = preview.json?["moves"] { #expect(moves.count >= 1) } else { Issue.record("no moves") }
            let applied = try await c.send(.post, "/api/v1/projects/\(p)/level/apply", json: #"{"preview_id":\#(id)}"#)
            #expect(applied.status == .ok, "\(applied.text)")
            #expect(try await c.send(.post, "/api/v1/projects/\(p)/level/apply", json: #"{"preview_id":\#(id)}"#).status == .notFound)
            #expect(try await c.send(.post, "/api/v1/projects/\(p)/level/apply", json: #"{"preview_id":"x"}"#).status == .unprocessableContent)

            let r1 = try await c.send(.post, "/api/v1/projects/\(p)/risk", json: #"{"iterations":500,"seed":4}"#)
            let r2 = try await c.send(.post, "/api/v1/projects/\(p)/risk", json: #"{"iterations":500,"seed":4}"#)
            #expect(r1.status == .ok, "\(r1.text)")
            #expect(r1.text == r2.text)
            #expect(try await c.send(.post, "/api/v1/projects/\(p)/risk", json: #"{"iterations":5}"#).status == .unprocessableContent)
            #expect(try await c.send(.post, "/api/v1/projects/\(p)/risk", json: #"{"distribution":"normal"}"#).problemFields == ["distribution"])
        }
    }

    @Test("read-only roles may read a schedule but not compute or level one", arguments: [Role.executive, .teamMember])
    func permissions(role: Role) async throws {
        try await Harness.make().test { (c: Harness.Client) async throws in
            let (p, _, _, _) = try await Self.project(c)
            _ = try await c.send(.post, "/api/v1/projects/\(p)/schedule")
            #expect(try await c.send(.get, "/api/v1/projects/\(p)/schedule", as: role).status == .ok)
            #expect(try await c.send(.post, "/api/v1/projects/\(p)/schedule", as: role).status == .forbidden)
            #expect(try await c.send(.post, "/api/v1/projects/\(p)/level", as: role).status == .forbidden)
            #expect(try await c.send(.post, "/api/v1/projects/\(p)/schedule", as: nil).status == .unauthorized)
            #expect(try await c.send(.post, "/api/v1/projects/999/schedule").status == .notFound)
        }
    }
}
