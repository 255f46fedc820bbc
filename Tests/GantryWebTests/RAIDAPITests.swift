import GantryModel
import GantryServices
import GantryWeb
import HTTPTypes
import Testing

/// The RAID log and change control over the API: the actions per governance mode, with the reason of a refusal in
/// the problem's detail; computed fields that cannot be written; the portfolio's RAID view.
@Suite("RAID and change control API")
struct RAIDAPITests {
    /// A portfolio in `mode` owned by the portfolio manager, with a project the project manager manages and two
    /// activities. Returns the portfolio's and the project's ids.
    static func setUp(_ c: Harness.Client, _ mode: GovernanceMode, code: String = "P") async throws -> (Int64, Int64) {
        let owner = try #require(try await c.send(.get, "/api/v1/users?role=portfolio_manager").items.first?["id"]?.int)
        let pm = try #require(try await c.send(.get, "/api/v1/users?role=project_manager").items.first?["id"]?.int)
        let pf = try await c.create("portfolios", #"{"code":"PF\#(code)","name":"Portfolio","owner_id":\#(owner),"governance_mode":"\#(mode.rawValue)"}"#)
        let p = try await c.create("projects", #"{"portfolio_id":\#(pf),"code":"\#(code)","name":"Project","manager_id":\#(pm)}"#)
        _ = try await c.create("activities", #"{"project_id":\#(p),"code":"A","name":"Design","duration":"4d","planned_start":"2026-12-01","planned_finish":"2026-12-04"}"#)
        _ = try await c.create("activities", #"{"project_id":\#(p),"code":"B","name":"Build","duration":"5d","planned_start":"2026-12-07","planned_finish":"2026-12-11"}"#)
        return (pf, p)
    }

    /// A change request drafted and submitted by the project manager.
    static func submitted(_ c: Harness.Client, project: Int64, cost: Int64, days: Int, baseline: String? = nil) async throws -> Int64 {
        let name = baseline.map { #","baseline_name":"\#($0)""# } ?? ""
        let draft = try await c.send(.post, "/api/v1/change-requests", as: .projectManager, json: #"""
            {"project_id":\#(project),"title":"Add instant payments","scope_impact":"SEPA instant","schedule_impact_days":\#(days),"cost_impact_minor":\#(cost)\#(name)}
            """#)
        #expect(draft.status == .created, "\(draft.text)")
        let id = try #require(draft.int("id"))
        let submit = try await c.send(.post, "/api/v1/change-requests/\(id)/submit", as: .projectManager)
        #expect(submit.status == .ok, "\(submit.text)")
        #expect(submit.string("status") == "submitted")
        return id
    }

    struct ModeCase: Sendable, CustomTestStringConvertible {
        var mode: GovernanceMode
        var cost: Int64
        var days: Int
        /// nil: the PM may approve; else the status and words of the refusal.
        var refused: (HTTPResponse.Status, [String])?
        var testDescription: String { "\(mode.rawValue), cost \(cost), \(days) days" }
    }

    static let modeCases: [ModeCase] = [
        ModeCase(mode: .supportive, cost: 5_000_000, days: 30, refused: nil),
        ModeCase(mode: .controlling, cost: 200_000, days: 2, refused: nil),
        ModeCase(mode: .controlling, cost: 5_000_000, days: 2, refused: (.forbidden, [
            "controlling", "cost impact of 5000000 is above the threshold of 1000000"])),
        ModeCase(mode: .directive, cost: 100, days: 1, refused: (.forbidden, ["directive", "every change request"])),
    ]

    @Test("per mode, the project manager's approval is allowed or refused with the reason; a PMO role approves and saves the baseline",
          arguments: modeCases)
    func approvalPerMode(case m: ModeCase) async throws {
        try await Harness.make().test { (c: Harness.Client) async throws in
            let (_, p) = try await Self.setUp(c, m.mode)
            let cr = try await Self.submitted(c, project: p, cost: m.cost, days: m.days, baseline: "Baseline 2")
            let read = try await c.send(.get, "/api/v1/change-requests/\(cr)")
            #expect(read.string("required_approver") == (m.refused == nil ? "project_manager" : "pmo"))
            #expect(read.string("required_approver_reason")?.contains(m.mode.rawValue) == true)

            let approve = try await c.send(.post, "/api/v1/change-requests/\(cr)/approve", as: .projectManager)
            if let (status, words) = m.refused {
                #expect(approve.status == status)
                #expect(approve.headers[.contentType] == "application/problem+json")
                for word in words { #expect(approve.string("detail")?.contains(word) == true, "\(approve.text)") }
                #expect(try await c.send(.get, "/api/v1/change-requests/\(cr)").string("status") == "submitted")
                #expect(try await c.send(.get, "/api/v1/baselines?project_id=\(p)").items.isEmpty)
                let pmo = try await c.send(.post, "/api/v1/change-requests/\(cr)/approve", as: .pmoDirector)
                #expect(pmo.status == .ok, "\(pmo.text)")
            } else {
                #expect(approve.status == .ok, "\(approve.text)")
            }
            let approved = try await c.send(.get, "/api/v1/change-requests/\(cr)")
            #expect(approved.string("status") == "approved")
            let baselines = try await c.send(.get, "/api/v1/baselines?project_id=\(p)").items
            #expect(baselines.count == 1)
            #expect(baselines.first?["name"]?.string == "Baseline 2")
            #expect(baselines.first?["change_request_id"]?.int == cr)
            #expect(approved.int("baseline_id") == baselines.first?["id"]?.int)
        }
    }

    @Test("a rejection needs a reason and keeps it; a refused or unknown action changes nothing")
    func rejection() async throws {
        try await Harness.make().test { (c: Harness.Client) async throws in
            let (_, p) = try await Self.setUp(c, .controlling)
            let cr = try await Self.submitted(c, project: p, cost: 100, days: 0)
            let none = try await c.send(.post, "/api/v1/change-requests/\(cr)/reject", as: .projectManager, json: "{}")
            #expect(none.status == .unprocessableContent)
            #expect(none.problemFields == ["reason"])
            let blank = try await c.send(.post, "/api/v1/change-requests/\(cr)/reject", as: .projectManager, json: #"{"reason":"  "}"#)
            #expect(blank.status == .unprocessableContent)
            let number = try await c.send(.post, "/api/v1/change-requests/\(cr)/reject", as: .projectManager, json: #"{"reason":7}"#)
            #expect(number.problemFields == ["reason"])
            let extra = try await c.send(.post, "/api/v1/change-requests/\(cr)/reject", as: .projectManager,
                                         json: #"{"reason":"no","baseline_name":"x"}"#)
            #expect(extra.problemFields == ["baseline_name"])
            let member = try await c.send(.post, "/api/v1/change-requests/\(cr)/reject", as: .teamMember, json: #"{"reason":"no"}"#)
            #expect(member.status == .forbidden)
            #expect(member.string("detail")?.contains("project's manager or a PMO role") == true)
            #expect(try await c.send(.get, "/api/v1/change-requests/\(cr)").string("status") == "submitted")

            let rejected = try await c.send(.post, "/api/v1/change-requests/\(cr)/reject", as: .projectManager,
                                            json: #"{"reason":"Not this year"}"#)
            #expect(rejected.status == .ok)
            #expect(rejected.string("status") == "rejected" && rejected.string("reason") == "Not this year")
            let again = try await c.send(.post, "/api/v1/change-requests/\(cr)/approve", as: .pmoDirector)
            #expect(again.status == .conflict)
            #expect(again.string("detail")?.contains("rejected") == true)
            #expect(try await c.send(.get, "/api/v1/change-requests/\(cr)").string("reason") == "Not this year")

            // What the actions set cannot be written by hand.
            let write = try await c.send(.patch, "/api/v1/change-requests/\(cr)", json: #"{"reason":"other","decided_by":1}"#)
            #expect(write.status == .unprocessableContent)
            #expect(Set(write.problemFields) == ["reason", "decided_by"])
            let status = try await c.send(.post, "/api/v1/change-requests", as: .projectManager,
                                          json: #"{"project_id":\#(p),"title":"Sneaky","status":"approved"}"#)
            #expect(status.status == .unprocessableContent && status.problemFields == ["status"])
            #expect(try await c.send(.post, "/api/v1/change-requests/999999/submit").status == .notFound)
        }
    }

    @Test("a risk's score and level are computed; its status moves only through close, convert and reopen")
    func risks() async throws {
        try await Harness.make().test { (c: Harness.Client) async throws in
            let (_, p) = try await Self.setUp(c, .supportive)
            let created = try await c.send(.post, "/api/v1/risks", as: .projectManager, json: #"""
                {"project_id":\#(p),"title":"Vendor late","probability":4,"impact":3,"response_strategy":"mitigate","trigger":"missed freeze","due_date":"2026-12-20"}
                """#)
            #expect(created.status == .created, "\(created.text)")
            #expect(created.int("score") == 12 && created.string("level") == "high" && created.string("status") == "open")
            let r = try #require(created.int("id"))
            let score = try await c.send(.patch, "/api/v1/risks/\(r)", json: #"{"score":1}"#)
            #expect(score.status == .unprocessableContent && score.problemFields == ["score"])
            #expect(score.string("detail")?.contains("set by Gantry") == true)
            let lower = try await c.send(.patch, "/api/v1/risks/\(r)", as: .projectManager, json: #"{"impact":1}"#)
            #expect(lower.int("score") == 4 && lower.string("level") == "low")
            let status = try await c.send(.patch, "/api/v1/risks/\(r)", json: #"{"status":"closed"}"#)
            #expect(status.status == .unprocessableContent && status.problemFields == ["status"])
            #expect(status.string("detail")?.contains("/api/v1/risks/\(r)/close") == true)
            let range = try await c.send(.patch, "/api/v1/risks/\(r)", json: #"{"probability":9}"#)
            #expect(range.problemFields == ["probability"])
            let strategy = try await c.send(.patch, "/api/v1/risks/\(r)", json: #"{"response_strategy":"exploit"}"#)
            #expect(strategy.status == .unprocessableContent)

            let noReason = try await c.send(.post, "/api/v1/risks/\(r)/close", as: .projectManager)
            #expect(noReason.status == .unprocessableContent && noReason.problemFields == ["reason"])
            let member = try await c.send(.post, "/api/v1/risks/\(r)/close", as: .teamMember, json: #"{"reason":"gone"}"#)
            #expect(member.status == .forbidden)
            let closed = try await c.send(.post, "/api/v1/risks/\(r)/close", as: .projectManager, json: #"{"reason":"Vendor delivered"}"#)
            #expect(closed.status == .ok && closed.string("status") == "closed" && closed.string("close_reason") == "Vendor delivered")
            let convertClosed = try await c.send(.post, "/api/v1/risks/\(r)/convert", as: .projectManager)
            #expect(convertClosed.status == .conflict)
            #expect(try await c.send(.post, "/api/v1/risks/\(r)/reopen", as: .projectManager).string("status") == "open")

            let converted = try await c.send(.post, "/api/v1/risks/\(r)/convert", as: .projectManager, json: #"{"severity":"critical"}"#)
            #expect(converted.status == .ok, "\(converted.text)")
            let issue = try #require(converted["issue"]?["id"]?.int)
            #expect(converted["risk"]?["status"]?.string == "converted")
            #expect(converted["risk"]?["issue_id"]?.int == issue)
            #expect(converted["issue"]?["risk_id"]?.int == r)
            #expect(converted["issue"]?["severity"]?.string == "critical")
            #expect(try await c.send(.get, "/api/v1/issues?risk_id=\(r)").items.count == 1)
            let badSeverity = try await c.send(.post, "/api/v1/risks/\(r)/convert", json: #"{"severity":"huge"}"#)
            #expect(badSeverity.problemFields == ["severity"])
            let audit = try await c.send(.get, "/api/v1/audit?kind=risk&record_id=\(r)").items.compactMap { $0["action"]?.string }
            #expect(audit == ["convert", "reopen", "close", "update", "create"])
        }
    }

    @Test("a directive portfolio refuses a PM's baseline with the reason; the PMO saves one; its variance is served")
    func baselines() async throws {
        try await Harness.make().test { (c: Harness.Client) async throws in
            let (_, p) = try await Self.setUp(c, .directive)
            let pm = try await c.send(.post, "/api/v1/baselines", as: .projectManager, json: #"{"project_id":\#(p),"name":"Mine"}"#)
            #expect(pm.status == .forbidden)
            #expect(pm.string("detail")?.contains("cannot re-baseline on their own") == true)
            let snapshot = try await c.send(.post, "/api/v1/baselines", as: .pmoAnalyst,
                                            json: #"{"project_id":\#(p),"name":"Plan","activities":[]}"#)
            #expect(snapshot.problemFields == ["activities"])  // the snapshot is Gantry's to take
            let saved = try await c.send(.post, "/api/v1/baselines", as: .pmoAnalyst, json: #"{"project_id":\#(p),"name":"Plan"}"#)
            #expect(saved.status == .created)
            let b = try #require(saved.int("id"))
            guard case .array(let activities)? = saved["activities"] else { Issue.record("no activities"); return }
            #expect(activities.count == 2)
            #expect(try await c.send(.patch, "/api/v1/baselines/\(b)", json: #"{"name":"x"}"#).status != .ok)
            let duplicate = try await c.send(.post, "/api/v1/baselines", as: .pmoDirector, json: #"{"project_id":\#(p),"name":"Plan"}"#)
            #expect(duplicate.status == .conflict)

            let activity = try #require(try await c.send(.get, "/api/v1/activities?project_id=\(p)").items.last?["id"]?.int)
            try await c.send(.patch, "/api/v1/activities/\(activity)", json: #"{"planned_start":"2026-12-08","planned_finish":"2026-12-14"}"#)
            let variance = try await c.send(.get, "/api/v1/baselines/\(b)/variance", as: .executive)
            #expect(variance.status == .ok)
            guard case .array(let rows)? = variance["activities"] else { Issue.record("no rows"); return }
            #expect(rows.map { $0["change"]?.string } == ["same", "moved"])
            #expect(rows.last?["start_slip_days"]?.int == 1 && rows.last?["finish_slip_days"]?.int == 3)
            let delete = try await c.send(.delete, "/api/v1/baselines/\(b)", as: .projectManager)
            #expect(delete.status == .forbidden)
            #expect(try await c.send(.delete, "/api/v1/baselines/\(b)", as: .pmoDirector).status == .noContent)
        }
    }

    @Test("the portfolio's RAID view filters by type, status, owner and level and sorts by score, due or last change")
    func portfolioView() async throws {
        try await Harness.make().test { (c: Harness.Client) async throws in
            let (pf, p) = try await Self.setUp(c, .supportive)
            for (title, pr, im, due) in [("Low", 1, 2, "2026-12-30"), ("High", 5, 4, "2026-12-20"), ("Mid", 2, 3, "2026-12-10")] {
                _ = try await c.create("risks", #"{"project_id":\#(p),"title":"\#(title)","probability":\#(pr),"impact":\#(im),"due_date":"\#(due)"}"#)
            }
            _ = try await c.create("issues", #"{"project_id":\#(p),"title":"Broken","severity":"high","due_date":"2026-12-01"}"#)
            _ = try await c.create("decisions", #"{"project_id":\#(p),"title":"Cut-over","options":[{"name":"Big bang","pros":["fast"]},{"name":"Phased"}]}"#)
            func titles(_ query: String) async throws -> [String] {
                let r = try await c.send(.get, "/api/v1/portfolios/\(pf)/raid\(query)", as: .executive)
                #expect(r.status == .ok, "\(r.text)")
                return r.items.compactMap { $0["title"]?.string }
            }
            #expect(try await titles("?type=risk") == ["High", "Mid", "Low"])
            #expect(try await titles("?type=risk&sort=score&order=asc") == ["Low", "Mid", "High"])
            #expect(try await titles("?sort=due") == ["Broken", "Mid", "High", "Low", "Cut-over"])
            #expect(try await titles("?level=high") == ["High", "Broken"])
            #expect(try await titles("?type=decision&status=proposed") == ["Cut-over"])
            let item = try await c.send(.get, "/api/v1/portfolios/\(pf)/raid?type=issue").items.first
            #expect(item?["project_code"]?.string == "P" && item?["project_id"]?.int == p && item?["level"]?.string == "high")
            let bad = try await c.send(.get, "/api/v1/portfolios/\(pf)/raid?sort=title")
            #expect(bad.status == .unprocessableContent && bad.problemFields == ["sort"])
            #expect(try await c.send(.get, "/api/v1/portfolios/999999/raid").status == .notFound)
        }
    }

    @Test("every new route is in the OpenAPI document with the statuses it answers")
    func documented() async throws {
        try await Harness.make().test { (c: Harness.Client) async throws in
            let doc = try await c.send(.get, "/api/v1/openapi.json", as: nil)
            let paths = try #require(doc["paths"])
            for collection in ["risks", "issues", "assumptions", "decisions", "change-requests", "baselines"] {
                #expect(paths["/api/v1/\(collection)"]?["post"] != nil, "\(collection)")
                #expect(paths["/api/v1/\(collection)/{id}"]?["delete"] != nil, "\(collection)")
            }
            // A snapshot never changes but for which one is the performance baseline (issue #15).
            #expect(paths["/api/v1/baselines/{id}"]?["patch"] != nil)
            for action in ["submit", "approve", "reject", "defer", "withdraw"] {
                let responses = paths["/api/v1/change-requests/{id}/\(action)"]?["post"]?["responses"]
                for status in ["200", "403", "404", "409", "422"] { #expect(responses?[status] != nil, "\(action) \(status)") }
            }
            for verb in ["convert", "close", "reopen"] {
                #expect(paths["/api/v1/risks/{id}/\(verb)"]?["post"]?["responses"]?["403"] != nil)
            }
            #expect(paths["/api/v1/portfolios/{id}/raid"]?["get"]?["responses"]?["422"] != nil)
            #expect(paths["/api/v1/baselines/{id}/variance"]?["get"] != nil)
            let risk = doc["components"]?["schemas"]?["Risk"]?["properties"]
            #expect(risk?["score"]?["readOnly"] == .bool(true) && risk?["level"]?["readOnly"] == .bool(true))
            #expect(risk?["status"]?["readOnly"] == nil)
            let portfolio = doc["components"]?["schemas"]?["Portfolio"]?["properties"]
            #expect(portfolio?["change_cost_threshold_minor"] != nil && portfolio?["change_schedule_threshold_days"] != nil)
        }
    }
}
