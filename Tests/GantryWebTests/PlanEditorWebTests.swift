import Foundation
import GantryModel
import GantryServices
import GantryWeb
import HTTPTypes
import Testing

/// The plan editor over HTTP (Sources/GantryWeb/Plans/PlanEditorRoutes.swift, PlanEditorUIRoutes.swift): the JSON
/// calls the grid makes, the page with its ARIA grid, and the forms that do the same without JavaScript. The
/// project starts on Monday 2018-02-26 on the standard calendar (no calendar given: Mon–Fri 08–12, 13–17).
@Suite("Plan editor over HTTP")
struct PlanEditorWebTests {
    static func project(_ c: Harness.Client) async throws -> Int64 {
        let pf = try await c.create("portfolios", #"{"code":"PF","name":"P"}"#)
        return try await c.create("projects", #"{"portfolio_id":\#(pf),"code":"ED","name":"Editor <test>","start_date":"2018-02-26"}"#)
    }

    static func addRow(_ c: Harness.Client, _ p: Int64, _ cells: String) async throws -> Int64 {
        let r = try await c.send(.post, "/api/v1/projects/\(p)/grid/rows", json: #"{"cells":\#(cells)}"#)
        #expect(r.status == .created, "\(r.text)")
        guard case .array(let ids)? = r["created"], case .int(let id)? = ids.first else { Issue.record("no created id: \(r.text)"); return -1 }
        return id
    }

    static func rows(_ reply: Harness.Reply, _ key: String = "rows") -> [[String: JSONValue]] {
        guard case .array(let items)? = reply[key] else { return [] }
        return items.compactMap { if case .object(let o) = $0 { o } else { nil } }
    }

    /// An edit's answer as the wire carries it: whole rows, and rows only the scheduler moved.
    struct WireChange: Codable {
        struct Move: Codable {
            var activityId: Activity.ID
            var critical: Bool
            var duration: String
            var finish: LocalDateTime?
            var lastChangedAt: Timestamp
            var start: LocalDateTime?
            var totalFloatDays: Double?
            var version: Int
        }
        var created: [Activity.ID]
        var messages: [String]
        var moved: [Move]
        var projectFinish: LocalDateTime?
        var removed: [Activity.ID]
        var revision: Int64
        var rows: [PlanRow]
        var structureChanged: Bool
    }

    static func version(_ c: Harness.Client, _ p: Int64, _ id: Int64) async throws -> Int64 {
        let grid = try await c.send(.get, "/api/v1/projects/\(p)/grid")
        let row = rows(grid).first { $0["activity_id"] == .int(id) }
        guard case .int(let v)? = row?["version"] else { return -1 }
        return v
    }

    @Test("a committed cell reschedules and answers with the rows it moved; a wrong one names the column")
    func cells() async throws {
        try await Harness.make().test { (c: Harness.Client) async throws in
            let p = try await Self.project(c)
            let a = try await Self.addRow(c, p, #"{"name":"Analyse","duration":"5d"}"#)
            let b = try await Self.addRow(c, p, #"{"name":"Build","duration":"2d","predecessors":"1"}"#)
            let va = try await Self.version(c, p, a)
            let ok = try await c.send(.patch, "/api/v1/activities/\(a)/cells", json: #"{"cells":{"duration":"3d"}}"#,
                                      headers: [.ifMatch: "\"\(va)\""])
            #expect(ok.status == .ok, "\(ok.text)")
            // The edited row comes whole; Build, which only moved, comes as its new dates.
            let whole = Self.rows(ok), moved = Self.rows(ok, "moved")
            #expect(whole.map { $0["activity_id"] } == [.int(a)])
            #expect(whole.first?["duration"] == .string("3d"))
            #expect(moved.map { $0["activity_id"] } == [.int(b)])
            #expect(moved.first?["name"] == nil)
            // Analyse now ends Wednesday 02-28, so Build starts Thursday 03-01 08:00.
            #expect(moved.first?["start"] == .string("2018-03-01T08:00"))
            #expect(moved.first?["finish"] == .string("2018-03-02T17:00"))
            #expect(moved.first?["version"] == .int(try await Self.version(c, p, b)))
            #expect(ok.string("project_finish") == "2018-03-02T17:00")

            let bad = try await c.send(.patch, "/api/v1/activities/\(b)/cells", json: #"{"cells":{"duration":"soonish"}}"#)
            #expect(bad.status == .unprocessableContent)
            #expect(bad.problemFields == ["duration"])
            #expect(bad.text.contains("'soonish' is not a duration"))

            let cycle = try await c.send(.patch, "/api/v1/activities/\(a)/cells", json: #"{"cells":{"predecessors":"2"}}"#)
            #expect(cycle.status == .conflict)
            #expect(cycle.text.contains("cycle"))
            #expect(cycle.problemFields == ["predecessors"])

            let unknown = try await c.send(.patch, "/api/v1/activities/\(a)/cells", json: #"{"cells":{"colour":"red"}}"#)
            #expect(unknown.status == .unprocessableContent)
            #expect(unknown.problemFields == ["colour"])
        }
    }

    /// The answer is written by `PlanChange.wireJSON`, not the generic encoder; this holds the two to the same
    /// text on a plan with every kind of value a row carries: names and notes with quotes, backslashes, line
    /// breaks, control characters and non-ASCII, a summary and its children, a milestone, fractional floats and
    /// percentages, constraint dates, deadlines and actual dates.
    @Test("an edit's answer is the text the generic JSON encoder gives, byte for byte")
    func wireText() async throws {
        try await Harness.make().test { (c: Harness.Client) async throws in
            let p = try await Self.project(c)
            let phase = try await Self.addRow(c, p, #"{"name":"Phase \"one\" \\ <b>","notes":"line 1\nline 2\ttab \u0001 café ✓ 🚀"}"#)
            let a = try await Self.addRow(c, p, #"{"name":"Analyse","duration":"5d","deadline":"2018-03-01","notes":"ünïcödé"}"#)
            let b = try await Self.addRow(c, p, #"{"name":"Build","duration":"1.5d","predecessors":"2FS+0.25d","percent_complete":"33.3","actual_start":"2018-03-05"}"#)
            _ = try await Self.addRow(c, p, #"{"name":"Side","duration":"2.25d","start":"2018-02-27T10:00"}"#)
            let done = try await Self.addRow(c, p, #"{"name":"Done","duration":"0","predecessors":"3"}"#)
            // P6's own fields: a level of effort with a secondary constraint and an expected finish, a Start On date.
            _ = try await Self.addRow(c, p, #"{"name":"Oversight","duration":"1d","predecessors":"2SS, 3FF","activity_type":"level of effort","secondary_constraint_type":"FNLT","secondary_constraint_date":"2018-03-20","expected_finish":"2018-03-09"}"#)
            _ = try await Self.addRow(c, p, #"{"name":"Review","duration":"1d","constraint_type":"SO","constraint_date":"2018-03-06"}"#)
            let indent = try await c.send(.post, "/api/v1/activities/\(a)/outline", json: #"{"action":"indent"}"#)
            #expect(indent.status == .ok, "\(indent.text)")
            var answered = "", moves = 0
            for (id, cells) in [(a, #"{"duration":"3d"}"#), (b, #"{"remaining":"0.5d"}"#), (a, #"{"name":"A \"quoted\" \\ again"}"#),
                                 (phase, #"{"name":"Phase \"one\" \\ <i>"}"#), (done, #"{"name":"Done!"}"#),
                                 (b, #"{"fixed_cost":"1,250.50","physical_percent_complete":"12.5"}"#)] {
                let ok = try await c.send(.patch, "/api/v1/activities/\(id)/cells", json: #"{"cells":\#(cells)}"#)
                #expect(ok.status == .ok, "\(ok.text)")
                #expect(!Self.rows(ok).isEmpty)
                let json = try #require(ok.json)
                let change = try JSONValueDecoder().decode(WireChange.self, from: json)
                let generic = String(decoding: try JSONValueEncoder().encode(change).serialized(), as: UTF8.self)
                #expect(ok.text == generic)
                answered += ok.text
                moves += change.moved.count
            }
            #expect(moves > 0, "no edit moved another row: the compact rows went untested")
            // The answers carried each kind of value.
            for part in [#""parent_id":"#, #""total_float_days":"#, #""actual_start":"#, #""deadline":"#, #"\u0001"#,
                         #"\\"#, #"\""#, "🚀", #""kind":"summary""#, #""kind":"milestone""#, #""fixed_cost_minor":125050"#,
                         #""physical_percent_complete":12.5"#, #""currency":"EUR""#] {
                #expect(answered.contains(part), "no \(part) in the answers")
            }
        }
    }

    @Test("an edit of a row changed since it was read is a 412 carrying theirs, who, when and yours")
    func conflict() async throws {
        try await Harness.make().test { (c: Harness.Client) async throws in
            let p = try await Self.project(c)
            let a = try await Self.addRow(c, p, #"{"name":"Analyse","duration":"5d"}"#)
            let read = try await Self.version(c, p, a)
            let theirs = try await c.send(.patch, "/api/v1/activities/\(a)/cells", as: .pmoDirector,
                                          json: #"{"cells":{"name":"Their name"}}"#, headers: [.ifMatch: "\"\(read)\""])
            #expect(theirs.status == .ok)
            let mine = try await c.send(.patch, "/api/v1/activities/\(a)/cells", json: #"{"cells":{"name":"My name"}}"#,
                                        headers: [.ifMatch: "\"\(read)\""])
            #expect(mine.status == .preconditionFailed)
            #expect(mine.headers[.contentType] == "application/problem+json")
            #expect(mine.string("changed_by") == "PMO director")
            guard case .object(let current)? = mine["current"] else { Issue.record("no current row: \(mine.text)"); return }
            #expect(current["name"] == .string("Their name"))
            guard case .object(let yours)? = mine["yours"] else { Issue.record("no yours: \(mine.text)"); return }
            #expect(yours["name"] == .string("My name"))
        }
    }

    @Test("a summary's delete names what goes with it and waits for confirm; a team member may not edit the plan")
    func outlineAndPermission() async throws {
        try await Harness.make().test { (c: Harness.Client) async throws in
            let p = try await Self.project(c)
            let phase = try await Self.addRow(c, p, #"{"name":"Phase"}"#)
            let a = try await Self.addRow(c, p, #"{"name":"Inside","duration":"2d"}"#)
            let indent = try await c.send(.post, "/api/v1/activities/\(a)/outline", json: #"{"action":"indent"}"#)
            #expect(indent.status == .ok)
            #expect(indent["structure_changed"] == .bool(true))
            let refused = try await c.send(.post, "/api/v1/activities/\(phase)/outline", json: #"{"action":"delete"}"#)
            #expect(refused.status == .conflict)
            #expect(refused.problemFields == ["confirm"])
            #expect(refused.text.contains("Inside"))
            let member = try await c.send(.patch, "/api/v1/activities/\(a)/cells", as: .teamMember, json: #"{"cells":{"duration":"9d"}}"#)
            #expect(member.status == .forbidden)
            let done = try await c.send(.post, "/api/v1/activities/\(phase)/outline", json: #"{"action":"delete","confirm":true}"#)
            #expect(done.status == .ok)
            #expect(Self.rows(try await c.send(.get, "/api/v1/projects/\(p)/grid")).isEmpty)
        }
    }

    @Test("the plan page is an ARIA grid with one cell in the tab order, names escaped, and its script served")
    func page() async throws {
        let harness = try await Harness.make()
        let (session, _) = try await harness.backend.accounts.signIn(username: "admin", password: Harness.password)
        let (memberSession, _) = try await harness.backend.accounts.signIn(username: "team.member", password: Harness.password)
        try await harness.test { (c: Harness.Client) async throws in
            let p = try await Self.project(c)
            _ = try await Self.addRow(c, p, #"{"name":"Analyse <b>","duration":"5d"}"#)
            _ = try await Self.addRow(c, p, #"{"name":"Build","duration":"2d","predecessors":"1"}"#)
            let page = try await c.send(.get, "/projects/\(p)/plan", as: nil, headers: [.cookie: "gantry_session=\(session)"])
            #expect(page.status == .ok)
            #expect(page.text.contains(#"role="grid""#))
            #expect(ScheduleUITests.count(#"role="gridcell""#, in: page.text) == 2 * 16)  // 16 columns, the baseline finish and its variance among them
            #expect(ScheduleUITests.count(#"tabindex="0""#, in: page.text) == 1)
            #expect(page.text.contains("Analyse &lt;b&gt;"))
            #expect(!page.text.contains("Analyse <b>"))
            #expect(page.text.contains(#"<strong id="plan-finish">2018-03-06</strong>"#))
            #expect(page.text.contains("gantt-bar leaf"))
            // The fixed cost's header names the currency the amounts are in; the script gets its decimals.
            #expect(page.text.contains(#"data-col="fixed_cost">Fixed cost (EUR)</th>"#))
            #expect(page.text.contains(#"data-col="physical_percent_complete">Physical % complete</th>"#))
            #expect(page.text.contains(#"data-minor-digits="2""#))
            #expect(page.text.contains(#"data-col="fixed_cost" data-value="0.00">0.00</td>"#))
            #expect(!page.text.contains("<script>"))
            let script = try await c.send(.get, "/assets/plan.js", as: nil)
            #expect(script.status == .ok)
            #expect(script.headers[.contentType]?.hasPrefix("text/javascript") == true)
            #expect(script.text.contains("role"))
            let readOnly = try await c.send(.get, "/projects/\(p)/plan", as: nil, headers: [.cookie: "gantry_session=\(memberSession)"])
            #expect(readOnly.status == .ok)
            #expect(readOnly.text.contains("You can read this plan but not change it"))
            #expect(!readOnly.text.contains(#"id="add-form""#))
        }
    }

    @Test("a long plan opens a window of rows with links to the others; every row stays reachable")
    func window() async throws {
        let harness = try await Harness.make()
        let (session, _) = try await harness.backend.accounts.signIn(username: "admin", password: Harness.password)
        try await harness.test { (c: Harness.Client) async throws in
            let p = try await Self.project(c)
            let ids = [
                try await Self.addRow(c, p, #"{"name":"First","duration":"1d"}"#),
                try await Self.addRow(c, p, #"{"name":"Second","duration":"1d"}"#),
                try await Self.addRow(c, p, #"{"name":"Third","duration":"1d"}"#),
            ]
            let cookie: HTTPFields = [.cookie: "gantry_session=\(session)"]
            let middle = try await c.send(.get, "/projects/\(p)/plan?from=2&size=1", as: nil, headers: cookie)
            #expect(middle.status == .ok)
            #expect(ScheduleUITests.count(#"role="gridcell""#, in: middle.text) == 16)
            #expect(middle.text.contains(#"id="row-\#(ids[1])""#))
            #expect(!middle.text.contains(#"id="row-\#(ids[0])""#))
            #expect(middle.text.contains(#"data-last="false""#))
            #expect(middle.text.contains(#"href="/projects/\#(p)/plan?from=3&amp;size=1""#))
            #expect(middle.text.contains(#"aria-rowcount="4""#))
            #expect(ScheduleUITests.count("gantt-bar leaf", in: middle.text) == 1)
            let last = try await c.send(.get, "/projects/\(p)/plan?from=3&size=1", as: nil, headers: cookie)
            #expect(last.text.contains(#"id="row-\#(ids[2])""#))
            #expect(last.text.contains(#"data-last="true""#))
            // A short plan shows every row and no pager.
            let whole = try await c.send(.get, "/projects/\(p)/plan", as: nil, headers: cookie)
            #expect(ScheduleUITests.count(#"role="gridcell""#, in: whole.text) == 48)
            #expect(!whole.text.contains(#"id="plan-pager""#))
        }
    }

    @Test("without JavaScript a link's form changes its type and lag or deletes it, rescheduled in the same request")
    func linkForm() async throws {
        let harness = try await Harness.make()
        let (session, _) = try await harness.backend.accounts.signIn(username: "admin", password: Harness.password)
        try await harness.test { (c: Harness.Client) async throws in
            let p = try await Self.project(c)
            _ = try await Self.addRow(c, p, #"{"name":"Analyse","duration":"5d"}"#)
            let b = try await Self.addRow(c, p, #"{"name":"Build","duration":"2d","predecessors":"1"}"#)
            let cookie: HTTPFields = [.cookie: "gantry_session=\(session)"]
            let page = try await c.send(.get, "/projects/\(p)/plan/activities/\(b)", as: nil, headers: cookie)
            let csrf = try #require(UITests.hidden("csrf_token", in: page.text))
            let action = try #require(page.text.range(of: #"action="/projects/\#(p)/plan/links/"#).map { r in
                String(page.text[r.upperBound...].prefix { $0 != "\"" }) })
            let linkForm = try #require(page.text.range(of: #"action="/projects/\#(p)/plan/links/\#(action)""#).map { String(page.text[$0.upperBound...]) })
            let version = try #require(UITests.hidden("version", in: linkForm))
            let headers = ScheduleUITests.form(session, "")
            let saved = try await c.send(.post, "/projects/\(p)/plan/links/\(action)", as: nil, headers: headers,
                                         body: "csrf_token=\(csrf)&version=\(version)&type=SS&lag=1d&do=save")
            #expect(saved.status == .seeOther)
            #expect(saved.headers[.location]?.hasSuffix("#row-\(b)") == true)
            var build = Self.rows(try await c.send(.get, "/api/v1/projects/\(p)/grid"))[1]
            #expect(build["predecessors"] == .string("1SS+1d"))
            // SS+1d: a working day after Analyse starts on Monday 02-26.
            #expect(build["start"] == .string("2018-02-27T08:00"))
            let bad = try await c.send(.post, "/projects/\(p)/plan/links/\(action)", as: nil, headers: headers,
                                       body: "csrf_token=\(csrf)&type=XX&lag=1d&do=save")
            #expect(bad.status == .unprocessableContent)
            let deleted = try await c.send(.post, "/projects/\(p)/plan/links/\(action)", as: nil, headers: headers,
                                           body: "csrf_token=\(csrf)&do=delete")
            #expect(deleted.status == .seeOther)
            build = Self.rows(try await c.send(.get, "/api/v1/projects/\(p)/grid"))[1]
            #expect(build["predecessors"] == .string(""))
            #expect(build["start"] == .string("2018-02-26T08:00"))
        }
    }

    @Test("without JavaScript the activity form saves, shows a wrong cell beside its field, and needs the CSRF token")
    func noScriptForm() async throws {
        let harness = try await Harness.make()
        let (session, _) = try await harness.backend.accounts.signIn(username: "admin", password: Harness.password)
        try await harness.test { (c: Harness.Client) async throws in
            let p = try await Self.project(c)
            let a = try await Self.addRow(c, p, #"{"name":"Analyse","duration":"5d"}"#)
            let cookie: HTTPFields = [.cookie: "gantry_session=\(session)"]
            let form = try await c.send(.get, "/projects/\(p)/plan/activities/\(a)", as: nil, headers: cookie)
            #expect(form.status == .ok)
            let csrf = try #require(UITests.hidden("csrf_token", in: form.text))
            let version = try #require(UITests.hidden("version", in: form.text))
            let headers = ScheduleUITests.form(session, "")
            let noToken = try await c.send(.post, "/projects/\(p)/plan/activities/\(a)", as: nil, headers: headers,
                                           body: "version=\(version)&duration=3d")
            #expect(noToken.status == .forbidden)
            let wrong = try await c.send(.post, "/projects/\(p)/plan/activities/\(a)", as: nil, headers: headers,
                                         body: "csrf_token=\(csrf)&version=\(version)&name=Analyse&duration=three+days")
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.text.contains(#"id="e-duration""#))
            #expect(wrong.text.contains("&#39;three days&#39; is not a duration") || wrong.text.contains("'three days' is not a duration"))
            #expect(wrong.text.contains(#"value="three days""#))
            let saved = try await c.send(.post, "/projects/\(p)/plan/activities/\(a)", as: nil, headers: headers,
                                         body: "csrf_token=\(csrf)&version=\(version)&name=Analyse&duration=3d")
            #expect(saved.status == .seeOther)
            #expect(saved.headers[.location]?.hasPrefix("/projects/\(p)/plan?msg=") == true)
            let grid = try await c.send(.get, "/api/v1/projects/\(p)/grid")
            #expect(Self.rows(grid).first?["duration"] == .string("3d"))
            #expect(Self.rows(grid).first?["finish"] == .string("2018-02-28T17:00"))
        }
    }

    // MARK: fixed cost and physical % complete

    static func row(_ c: Harness.Client, _ p: Int64, _ id: Int64) async throws -> [String: JSONValue] {
        try #require(rows(try await c.send(.get, "/api/v1/projects/\(p)/grid")).first { $0["activity_id"] == .int(id) })
    }

    /// The messages of a problem's `errors`.
    static func messages(_ reply: Harness.Reply) -> [String] {
        guard case .array(let errors)? = reply["errors"] else { return [] }
        return errors.compactMap { $0["message"]?.string }
    }

    static func number(_ v: JSONValue?) -> Double? {
        switch v {
        case .int(let i)?: Double(i)
        case .double(let d)?: d
        default: nil
        }
    }

    /// Build, 10 working days from Mon 2018-02-26 (to Fri 03-09), no resources: its fixed cost EUR 1,250.50 is all
    /// of its budget, so BAC = 125050 minor units. EV = BAC × physical % rounded half to even to the cent:
    /// 125050 × 33 / 100 = 41266.5 → 41266 (even), EUR 412.66 (half up would give 412.67); without a physical % it
    /// is BAC × % complete: 125050 × 10 / 100 = 12505, EUR 125.05.
    @Test("fixed cost and physical % complete are cells: set, read back, and earned value earns by the physical %")
    func costAndPhysicalCells() async throws {
        try await Harness.make().test { (c: Harness.Client) async throws in
            let p = try await Self.project(c)
            let a = try await Self.addRow(c, p, #"{"name":"Build","duration":"10d","percent_complete":"10"}"#)
            let version = try await Self.version(c, p, a)
            let set = try await c.send(.patch, "/api/v1/activities/\(a)/cells",
                                       json: #"{"cells":{"fixed_cost":"1,250.50","physical_percent_complete":"33"}}"#,
                                       headers: [.ifMatch: "\"\(version)\""])
            #expect(set.status == .ok, "\(set.text)")
            let answered = try #require(Self.rows(set).first)
            #expect(answered["fixed_cost_minor"] == .int(125_050))
            #expect(Self.number(answered["physical_percent_complete"]) == 33)
            #expect(answered["currency"] == .string("EUR"))
            // The grid and the activity record say the same.
            let row = try await Self.row(c, p, a)
            #expect(row["fixed_cost_minor"] == .int(125_050) && Self.number(row["physical_percent_complete"]) == 33)
            let record = try await c.send(.get, "/api/v1/activities/\(a)")
            #expect(record.int("fixed_cost_minor") == 125_050, "\(record.text)")
            #expect(Self.number(record["physical_percent_complete"]) == 33)
            // The other spellings of an amount: whole, one decimal.
            for (typed, minor) in [("1250", Int64(125_000)), ("1250.5", 125_050), ("EUR 1,000", 100_000), ("1,250.50", 125_050)] {
                let r = try await c.send(.patch, "/api/v1/activities/\(a)/cells", json: #"{"cells":{"fixed_cost":"\#(typed)"}}"#)
                #expect(r.status == .ok, "\(typed): \(r.text)")
                #expect(try await Self.row(c, p, a)["fixed_cost_minor"] == .int(minor), "\(typed)")
            }

            let scheduled = try await c.send(.post, "/api/v1/projects/\(p)/schedule")
            #expect(scheduled.status == .ok, "\(scheduled.text)")
            _ = try await c.create("baselines", #"{"project_id":\#(p),"name":"Approved plan"}"#)
            try await c.send(.patch, "/api/v1/projects/\(p)", json: #"{"status_date":"2018-03-02"}"#)
            var evm = try await c.send(.get, "/api/v1/projects/\(p)/evm")
            #expect(evm["figures"]?["bac"] == .string("1250.50"), "\(evm.text)")
            #expect(evm["figures"]?["ev"] == .string("412.66"), "\(evm.text)")

            // Emptying the physical % clears it: earned value goes back to % complete.
            let cleared = try await c.send(.patch, "/api/v1/activities/\(a)/cells", json: #"{"cells":{"physical_percent_complete":""}}"#)
            #expect(cleared.status == .ok, "\(cleared.text)")
            #expect(Self.rows(cleared).first?["physical_percent_complete"] == nil)
            #expect([nil, .null].contains(try await c.send(.get, "/api/v1/activities/\(a)")["physical_percent_complete"]))
            evm = try await c.send(.get, "/api/v1/projects/\(p)/evm")
            #expect(evm["figures"]?["ev"] == .string("125.05"), "\(evm.text)")
        }
    }

    @Test("a wrong fixed cost or physical % is refused naming its cell, and nothing changes; a summary has no fixed cost")
    func costAndPhysicalRefused() async throws {
        try await Harness.make().test { (c: Harness.Client) async throws in
            let p = try await Self.project(c)
            let a = try await Self.addRow(c, p, #"{"name":"Build","duration":"10d","fixed_cost":"100","physical_percent_complete":"20"}"#)
            let before = try await Self.row(c, p, a)
            #expect(before["fixed_cost_minor"] == .int(10_000) && Self.number(before["physical_percent_complete"]) == 20)
            let cases: [(String, String, [String])] = [
                (#"{"fixed_cost":"1250.555"}"#, "fixed cost: \"1250.555\" is not an amount of EUR: EUR has 2 decimal places", ["fixed_cost"]),
                (#"{"fixed_cost":"-5"}"#, "fixed cost cannot be negative", ["fixed_cost"]),
                (#"{"fixed_cost":"a lot"}"#, "fixed cost: \"a lot\" is not an amount of EUR", ["fixed_cost"]),
                (#"{"fixed_cost":"1,25.00"}"#, "commas must separate groups of three digits", ["fixed_cost"]),
                (#"{"physical_percent_complete":"150"}"#, "physical % complete must be between 0 and 100", ["physical_percent_complete"]),
                (#"{"physical_percent_complete":"-1"}"#, "physical % complete must be between 0 and 100", ["physical_percent_complete"]),
                (#"{"physical_percent_complete":"most"}"#, "physical % complete: 'most' is not a percentage", ["physical_percent_complete"]),
                // Both wrong: both named, in one answer; a good cell beside them is not saved either.
                (#"{"name":"Renamed","fixed_cost":"1.001","physical_percent_complete":"101"}"#, "EUR has 2 decimal places",
                 ["physical_percent_complete", "fixed_cost"]),
            ]
            for (cells, message, fields) in cases {
                let r = try await c.send(.patch, "/api/v1/activities/\(a)/cells", json: #"{"cells":\#(cells)}"#)
                #expect(r.status == .unprocessableContent, "\(cells): \(r.text)")
                #expect(r.problemFields == fields, "\(cells): \(r.text)")
                #expect(Self.messages(r).contains { $0.contains(message) }, "\(cells): \(r.text)")
            }
            #expect(try await Self.row(c, p, a) == before, "a refused cell changed the row")

            // The record's own fields keep the same rules over the API.
            let negative = try await c.send(.patch, "/api/v1/activities/\(a)", json: #"{"fixed_cost_minor":-1}"#)
            #expect(negative.status == .unprocessableContent && negative.problemFields == ["fixed_cost_minor"], "\(negative.text)")
            let over = try await c.send(.patch, "/api/v1/activities/\(a)", json: #"{"physical_percent_complete":100.5}"#)
            #expect(over.status == .unprocessableContent && over.problemFields == ["physical_percent_complete"], "\(over.text)")

            // A summary's cost is its activities': its cell is read-only, and typing one is refused.
            let phase = try await Self.addRow(c, p, #"{"name":"Phase"}"#)
            let inside = try await Self.addRow(c, p, #"{"name":"Inside","duration":"2d"}"#)
            #expect(try await c.send(.post, "/api/v1/activities/\(inside)/outline", json: #"{"action":"indent"}"#).status == .ok)
            let summary = try await c.send(.patch, "/api/v1/activities/\(phase)/cells", json: #"{"cells":{"fixed_cost":"10"}}"#)
            #expect(summary.status == .unprocessableContent && summary.problemFields == ["fixed_cost"], "\(summary.text)")
            #expect(summary.text.contains("is a summary"))
            let direct = try await c.send(.patch, "/api/v1/activities/\(phase)", json: #"{"fixed_cost_minor":1000}"#)
            #expect(direct.status == .unprocessableContent && direct.problemFields == ["fixed_cost_minor"], "\(direct.text)")
            // Emptying it is no cost: allowed.
            #expect(try await c.send(.patch, "/api/v1/activities/\(phase)/cells", json: #"{"cells":{"fixed_cost":""}}"#).status == .ok)
            // Changing the plan needs the plan's permission, as for every cell.
            let member = try await c.send(.patch, "/api/v1/activities/\(a)/cells", as: .teamMember, json: #"{"cells":{"fixed_cost":"5"}}"#)
            #expect(member.status == .forbidden)
            #expect(try await Self.row(c, p, a)["fixed_cost_minor"] == .int(10_000))
        }
    }

    @Test("a yen project takes whole yen: a decimal is refused, not rounded")
    func costInYen() async throws {
        try await Harness.make().test { (c: Harness.Client) async throws in
            let pf = try await c.create("portfolios", #"{"code":"JP","name":"Japan"}"#)
            let p = try await c.create("projects", #"{"portfolio_id":\#(pf),"code":"YEN","name":"Yen","start_date":"2018-02-26","currency":"JPY"}"#)
            let a = try await Self.addRow(c, p, #"{"name":"Build","duration":"1d","fixed_cost":"1,250"}"#)
            let row = try await Self.row(c, p, a)
            #expect(row["fixed_cost_minor"] == .int(1_250) && row["currency"] == .string("JPY"))
            let bad = try await c.send(.patch, "/api/v1/activities/\(a)/cells", json: #"{"cells":{"fixed_cost":"1250.5"}}"#)
            #expect(bad.status == .unprocessableContent && bad.text.contains("JPY has 0 decimal places"), "\(bad.text)")
        }
    }

    @Test("without JavaScript the activity form sets and clears the fixed cost and physical %, and shows a wrong one at its field")
    func costAndPhysicalForm() async throws {
        let harness = try await Harness.make()
        let (session, _) = try await harness.backend.accounts.signIn(username: "admin", password: Harness.password)
        try await harness.test { (c: Harness.Client) async throws in
            let p = try await Self.project(c)
            let a = try await Self.addRow(c, p, #"{"name":"Build","duration":"10d"}"#)
            let cookie: HTTPFields = [.cookie: "gantry_session=\(session)"]
            let headers = ScheduleUITests.form(session, "")
            let path = "/projects/\(p)/plan/activities/\(a)"
            var form = try await c.send(.get, path, as: nil, headers: cookie)
            #expect(form.text.contains(#"<label for="f-fixed_cost">Fixed cost (EUR)</label><input id="f-fixed_cost" name="fixed_cost" value="0.00""#), "\(form.text)")
            #expect(form.text.contains(#"<input id="f-physical_percent_complete" name="physical_percent_complete" value="""#))
            var csrf = try #require(UITests.hidden("csrf_token", in: form.text))
            var version = try #require(UITests.hidden("version", in: form.text))
            let saved = try await c.send(.post, path, as: nil, headers: headers,
                                         body: "csrf_token=\(csrf)&version=\(version)&name=Build&fixed_cost=1%2C250.50&physical_percent_complete=40")
            #expect(saved.status == .seeOther, "\(saved.text)")
            var row = try await Self.row(c, p, a)
            #expect(row["fixed_cost_minor"] == .int(125_050) && Self.number(row["physical_percent_complete"]) == 40)
            // The form shows them again as typed; sent back untouched they change nothing.
            form = try await c.send(.get, path, as: nil, headers: cookie)
            #expect(form.text.contains(#"name="fixed_cost" value="1250.50""#) && form.text.contains(#"name="physical_percent_complete" value="40""#))
            csrf = try #require(UITests.hidden("csrf_token", in: form.text))
            version = try #require(UITests.hidden("version", in: form.text))
            let same = try await c.send(.post, path, as: nil, headers: headers,
                                        body: "csrf_token=\(csrf)&version=\(version)&name=Build&fixed_cost=1250.50&physical_percent_complete=40")
            #expect(same.status == .seeOther)
            #expect(same.headers[.location]?.removingPercentEncoding?.replacingOccurrences(of: "+", with: " ").contains("nothing changed") == true,
                    "\(same.headers[.location] ?? "no location")")

            let wrong = try await c.send(.post, path, as: nil, headers: headers,
                                         body: "csrf_token=\(csrf)&version=\(version)&fixed_cost=12.345&physical_percent_complete=40")
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.text.contains(#"<p class="field-error" id="e-fixed_cost">"#))
            #expect(wrong.text.contains("EUR has 2 decimal places"))
            #expect(wrong.text.contains(#"name="fixed_cost" value="12.345""#) && wrong.text.contains(#"aria-describedby="e-fixed_cost""#))
            #expect(try await Self.row(c, p, a)["fixed_cost_minor"] == .int(125_050), "the refused amount changed nothing")

            let cleared = try await c.send(.post, path, as: nil, headers: headers,
                                           body: "csrf_token=\(csrf)&version=\(version)&fixed_cost=1250.50&physical_percent_complete=")
            #expect(cleared.status == .seeOther, "\(cleared.text)")
            row = try await Self.row(c, p, a)
            #expect(row["physical_percent_complete"] == nil && row["fixed_cost_minor"] == .int(125_050))
        }
    }

    @Test("My work lists a team member's assignments and takes their progress")
    func myWork() async throws {
        let harness = try await Harness.make()
        let member = try #require(harness.users[.teamMember])
        let (session, _) = try await harness.backend.accounts.signIn(username: "team.member", password: Harness.password)
        try await harness.test { (c: Harness.Client) async throws in
            let p = try await Self.project(c)
            _ = try await c.create("resources", #"{"name":"Terry Member","user_id":\#(member.id)}"#)
            let a = try await Self.addRow(c, p, #"{"name":"Mine","duration":"4d","resources":"Terry Member"}"#)
            let work = try await c.send(.get, "/api/v1/me/work", as: .teamMember)
            #expect(work.status == .ok)
            #expect(work.text.contains("\"Mine\""))
            let page = try await c.send(.get, "/my-work", as: nil, headers: [.cookie: "gantry_session=\(session)"])
            #expect(page.status == .ok)
            #expect(page.text.contains(#"id="work-\#(a)""#))
            let recorded = try await c.send(.post, "/api/v1/activities/\(a)/progress", as: .teamMember, json: #"{"percent_complete":"25"}"#)
            #expect(recorded.status == .ok, "\(recorded.text)")
            let grid = try await c.send(.get, "/api/v1/projects/\(p)/grid")
            #expect(Self.rows(grid).first?["percent_complete"] == .double(25) || Self.rows(grid).first?["percent_complete"] == .int(25))
            let renamed = try await c.send(.post, "/api/v1/activities/\(a)/progress", as: .teamMember, json: #"{"name":"Nope"}"#)
            #expect(renamed.status == .unprocessableContent)
        }
    }
}
