import Foundation
import GantryModel
import GantryServices
import GantryWeb
import HTTPTypes
import Testing

/// The RAID and change control pages: the portfolio view's filters and sortable columns, the project's RAID log with
/// its forms and risk actions, the change requests and baselines with the variance, a change request's page with the
/// actions its viewer may take, and a refused action showing its reason.
@Suite("RAID and change control pages")
struct RAIDUITests {
    static func cookie(_ session: String) -> HTTPFields { [.cookie: "gantry_session=\(session)"] }
    static func form(_ session: String) -> HTTPFields {
        [.cookie: "gantry_session=\(session)", .contentType: "application/x-www-form-urlencoded"]
    }

    /// Where `needle` first appears in the page (for order checks), or Int.max.
    static func position(_ needle: String, in text: String) -> Int {
        text.range(of: needle).map { text.distance(from: text.startIndex, to: $0.lowerBound) } ?? Int.max
    }

    @Test("the portfolio's RAID view: a filter form that keeps its choices, sortable columns, items in order")
    func portfolioView() async throws {
        let harness = try await Harness.make()
        let (session, _) = try await harness.backend.accounts.signIn(username: "executive", password: Harness.password)
        try await harness.test { (c: Harness.Client) async throws in
            let (pf, p) = try await RAIDAPITests.setUp(c, .controlling)
            for (title, pr, im, due) in [("Low risk", 1, 2, "2026-12-30"), ("High risk", 5, 4, "2026-12-20")] {
                _ = try await c.create("risks", #"{"project_id":\#(p),"title":"\#(title)","probability":\#(pr),"impact":\#(im),"due_date":"\#(due)"}"#)
            }
            _ = try await c.create("issues", #"{"project_id":\#(p),"title":"Broken build","severity":"critical","due_date":"2026-12-01"}"#)

            let portfolio = try await c.send(.get, "/portfolios/\(pf)", as: nil, headers: Self.cookie(session))
            #expect(portfolio.text.contains(#"href="/portfolios/\#(pf)/raid""#))

            let page = try await c.send(.get, "/portfolios/\(pf)/raid", as: nil, headers: Self.cookie(session))
            #expect(page.status == .ok, "\(page.text)")
            #expect(page.text.contains(#"<span id="item-count">3</span>"#))
            // Default: by score, highest first; the unscored issue after.
            #expect(Self.position("High risk", in: page.text) < Self.position("Low risk", in: page.text))
            #expect(Self.position("Low risk", in: page.text) < Self.position("Broken build", in: page.text))
            #expect(page.text.contains(#"aria-sort="descending"><a href="/portfolios/\#(pf)/raid?sort=score&amp;order=asc" id="sort-score">Score ▼</a>"#))
            #expect(page.text.contains(#"aria-sort="none"><a href="/portfolios/\#(pf)/raid?sort=due" id="sort-due">"#))
            #expect(page.text.contains(#">P</a>"#))  // the project's code

            let byDue = try await c.send(.get, "/portfolios/\(pf)/raid?type=&status=open&sort=due", as: nil, headers: Self.cookie(session))
            #expect(Self.position("Broken build", in: byDue.text) < Self.position("High risk", in: byDue.text))
            #expect(Self.position("High risk", in: byDue.text) < Self.position("Low risk", in: byDue.text))
            #expect(byDue.text.contains(#"<option value="open" selected>"#))
            #expect(byDue.text.contains(#"<option value="due" selected>"#))
            #expect(byDue.text.contains(#"aria-sort="ascending"><a href="/portfolios/\#(pf)/raid?status=open&amp;sort=due&amp;order=desc" id="sort-due">Due ▲</a>"#))

            let risksOnly = try await c.send(.get, "/portfolios/\(pf)/raid?type=risk&level=high", as: nil, headers: Self.cookie(session))
            #expect(risksOnly.text.contains("High risk") && !risksOnly.text.contains("Low risk") && !risksOnly.text.contains("Broken build"))
            #expect(risksOnly.text.contains(#"<option value="risk" selected>"#))
            #expect(!risksOnly.text.contains(#"<option value="resolved""#))  // a risk's statuses only

            let bad = try await c.send(.get, "/portfolios/\(pf)/raid?sort=colour", as: nil, headers: Self.cookie(session))
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("sort &#39;colour&#39; is not one of") || bad.text.contains("sort 'colour' is not one of"))
        }
    }

    @Test("the project's RAID log: forms and risk actions for its manager, a read-only log for a team member, refusals shown")
    func projectLog() async throws {
        let harness = try await Harness.make()
        let (pm, _) = try await harness.backend.accounts.signIn(username: "project.manager", password: Harness.password)
        let (member, _) = try await harness.backend.accounts.signIn(username: "team.member", password: Harness.password)
        try await harness.test { (c: Harness.Client) async throws in
            let (_, p) = try await RAIDAPITests.setUp(c, .supportive)
            let project = try await c.send(.get, "/projects/\(p)", as: nil, headers: Self.cookie(pm))
            #expect(project.text.contains(#"href="/projects/\#(p)/raid" id="raid-link""#))
            #expect(project.text.contains(#"href="/projects/\#(p)/changes" id="changes-link""#))

            let page = try await c.send(.get, "/projects/\(p)/raid", as: nil, headers: Self.cookie(pm))
            #expect(page.status == .ok)
            for form in ["add-risk", "add-issue", "add-assumption", "add-decision"] { #expect(page.text.contains(#"id="\#(form)""#)) }
            let csrf = try #require(UITests.hidden("csrf_token", in: page.text))

            let added = try await c.send(.post, "/projects/\(p)/raid/risks", as: nil, headers: Self.form(pm),
                                         body: "csrf_token=\(csrf)&title=Vendor+late&probability=4&impact=5&response_strategy=avoid&due_date=2026-12-20&owner_id=")
            #expect(added.status == .seeOther, "\(added.text)")
            let decision = try await c.send(.post, "/projects/\(p)/raid/decisions", as: nil, headers: Self.form(pm), body:
                "csrf_token=\(csrf)&title=Cut-over&options=Big+bang+%7C+one+weekend%3B+simple+%7C+risky%0APhased+%7C+safe+%7C+slow&chosen_option=Phased&status=decided&rationale=Safer")
            #expect(decision.status == .seeOther, "\(decision.text)")
            let invalid = try await c.send(.post, "/projects/\(p)/raid/risks", as: nil, headers: Self.form(pm),
                                           body: "csrf_token=\(csrf)&title=&probability=9")
            #expect(invalid.status == .unprocessableContent)
            #expect(invalid.text.contains(#"id="raid-error""#))
            #expect(invalid.text.contains("probability is scored from 1 to 5"))
            let stale = try await c.send(.post, "/projects/\(p)/raid/risks", as: nil, headers: Self.form(pm), body: "csrf_token=nope&title=x")
            #expect(stale.status == .forbidden)

            let log = try await c.send(.get, "/projects/\(p)/raid", as: nil, headers: Self.cookie(pm))
            #expect(log.text.contains("Vendor late") && log.text.contains(#"<span class="level-high">high</span>"#))
            #expect(log.text.contains("Phased (chosen)") && log.text.contains("one weekend; simple"))
            let risk = try #require(try await c.send(.get, "/api/v1/risks?project_id=\(p)").items.first?["id"]?.int)
            #expect(log.text.contains(#"id="convert-\#(risk)""#) && log.text.contains(#"id="close-\#(risk)""#))

            // A close without a reason is refused on the page, with the reason, and nothing changes.
            let noReason = try await c.send(.post, "/risks/\(risk)/close", as: nil, headers: Self.form(pm), body: "csrf_token=\(csrf)&reason=")
            #expect(noReason.status == .unprocessableContent)
            #expect(noReason.text.contains("a risk is closed only with a reason"))
            #expect(try await c.send(.get, "/api/v1/risks/\(risk)").string("status") == "open")
            let converted = try await c.send(.post, "/risks/\(risk)/convert", as: nil, headers: Self.form(pm), body: "csrf_token=\(csrf)")
            #expect(converted.status == .seeOther)
            #expect(converted.headers[.location] == "/projects/\(p)/raid#risk-\(risk)")
            let after = try await c.send(.get, "/projects/\(p)/raid", as: nil, headers: Self.cookie(pm))
            #expect(after.text.contains(##"<a href="#risk-\##(risk)">risk \##(risk)</a>"##))  // the issue links back
            #expect(!after.text.contains(#"id="convert-\#(risk)""#))

            // A team member reads the log, gets no forms or buttons, and a post is refused with the reason.
            let readOnly = try await c.send(.get, "/projects/\(p)/raid", as: nil, headers: Self.cookie(member))
            #expect(readOnly.text.contains(#"id="raid-readonly""#))
            #expect(!readOnly.text.contains(#"id="add-risk""#) && !readOnly.text.contains("Convert to issue"))
            let memberCSRF = try #require(UITests.hidden("csrf_token", in: try await c.send(.get, "/portfolios", as: nil, headers: Self.cookie(member)).text))
            let refused = try await c.send(.post, "/projects/\(p)/raid/issues", as: nil, headers: Self.form(member),
                                           body: "csrf_token=\(memberCSRF)&title=Mine")
            #expect(refused.status == .forbidden)
            #expect(refused.text.contains("team member"))
        }
    }

    @Test("changes: raise a request, see who must decide and why; only those allowed get the buttons; a refusal shows its reason")
    func changeRequests() async throws {
        let harness = try await Harness.make()
        let (pm, _) = try await harness.backend.accounts.signIn(username: "project.manager", password: Harness.password)
        let (director, _) = try await harness.backend.accounts.signIn(username: "pmo.director", password: Harness.password)
        try await harness.test { (c: Harness.Client) async throws in
            let (_, p) = try await RAIDAPITests.setUp(c, .controlling)
            let changes = try await c.send(.get, "/projects/\(p)/changes", as: nil, headers: Self.cookie(pm))
            #expect(changes.status == .ok)
            #expect(changes.text.contains(#"id="raise-change""#) && changes.text.contains(#"id="save-baseline""#))
            let csrf = try #require(UITests.hidden("csrf_token", in: changes.text))
            let badCost = try await c.send(.post, "/projects/\(p)/changes", as: nil, headers: Self.form(pm),
                                           body: "csrf_token=\(csrf)&title=Bigger&cost_impact=12.345&schedule_impact_days=0&currency=EUR")
            #expect(badCost.status == .unprocessableContent)
            #expect(badCost.text.contains("cost_impact"))
            let raised = try await c.send(.post, "/projects/\(p)/changes", as: nil, headers: Self.form(pm), body:
                "csrf_token=\(csrf)&title=Instant+payments&scope_impact=SEPA+instant&cost_impact=25000.50&schedule_impact_days=15&currency=EUR&baseline_name=Baseline+2")
            #expect(raised.status == .seeOther, "\(raised.text)")
            let path = try #require(raised.headers[.location])
            let cr = try #require(Int64(path.split(separator: "/").last ?? ""))
            #expect(try await c.send(.get, "/api/v1/change-requests/\(cr)").int("cost_impact_minor") == 2_500_050)

            let draft = try await c.send(.get, path, as: nil, headers: Self.cookie(pm))
            #expect(draft.text.contains("25,000.50 EUR") && draft.text.contains("+15 days"))
            #expect(draft.text.contains("A PMO role</strong> (if it were submitted now)"))
            #expect(draft.text.contains("above the threshold of 1000000"))
            #expect(draft.text.contains(#"id="submit-change""#) && draft.text.contains(#"id="withdraw-change""#))
            #expect(!draft.text.contains(#"id="approve-change""#))
            #expect(try await c.send(.post, "\(path)/submit", as: nil, headers: Self.form(pm), body: "csrf_token=\(csrf)").status == .seeOther)

            // The PM may not decide a change above the thresholds: no buttons, the reason instead.
            let waiting = try await c.send(.get, path, as: nil, headers: Self.cookie(pm))
            #expect(!waiting.text.contains(#"id="approve-change""#) && !waiting.text.contains(#"id="reject-change""#))
            #expect(waiting.text.contains(#"id="decision-refusal""#))
            #expect(waiting.text.contains("in a controlling portfolio, this change needs a PMO role"))
            // Posting anyway (a stale page) shows the refusal's reason, and nothing changes.
            let refused = try await c.send(.post, "\(path)/approve", as: nil, headers: Self.form(pm), body: "csrf_token=\(csrf)")
            #expect(refused.status == .forbidden)
            #expect(refused.text.contains(#"id="action-error""#) && refused.text.contains("above the threshold"))
            #expect(try await c.send(.get, "/api/v1/change-requests/\(cr)").string("status") == "submitted")

            // The PMO director gets the buttons; a rejection without a reason is refused on the page.
            let pmoPage = try await c.send(.get, path, as: nil, headers: Self.cookie(director))
            #expect(pmoPage.text.contains(#"id="approve-change""#) && pmoPage.text.contains(#"value="Baseline 2""#))
            let directorCSRF = try #require(UITests.hidden("csrf_token", in: pmoPage.text))
            let noReason = try await c.send(.post, "\(path)/reject", as: nil, headers: Self.form(director), body: "csrf_token=\(directorCSRF)&reason=")
            #expect(noReason.status == .unprocessableContent)
            #expect(noReason.text.contains("rejected only with a reason"))
            let approved = try await c.send(.post, "\(path)/approve", as: nil, headers: Self.form(director),
                                            body: "csrf_token=\(directorCSRF)&baseline_name=Baseline+2")
            #expect(approved.status == .seeOther)
            let done = try await c.send(.get, path, as: nil, headers: Self.cookie(pm))
            #expect(done.text.contains(#"<span class="state" id="cr-status">approved</span>"#))
            #expect(done.text.contains("saved as <a href="))
            #expect(done.text.contains(#"id="no-actions""#))

            // The baseline appears with its variance; moving an activity shows its slip.
            let activity = try #require(try await c.send(.get, "/api/v1/activities?project_id=\(p)").items.last?["id"]?.int)
            try await c.send(.patch, "/api/v1/activities/\(activity)", json: #"{"planned_start":"2026-12-09","planned_finish":"2026-12-15"}"#)
            let variance = try await c.send(.get, "/projects/\(p)/changes", as: nil, headers: Self.cookie(pm))
            #expect(variance.text.contains("Variance: “Baseline 2” against the current plan"))
            #expect(variance.text.contains(#"<td class="num slip-late">+2d</td><td class="num slip-late">+4d</td><td>moved</td>"#))
            #expect(variance.text.contains(#"href="/change-requests/\#(cr)""#))
            #expect(try await c.send(.get, "/projects/\(p)/changes?baseline=999", as: nil, headers: Self.cookie(pm)).status
                == .unprocessableContent)
        }
    }

    @Test("in a directive portfolio the PM sees why they cannot save a baseline, and a post is refused with that reason")
    func directiveBaseline() async throws {
        let harness = try await Harness.make()
        let (pm, _) = try await harness.backend.accounts.signIn(username: "project.manager", password: Harness.password)
        try await harness.test { (c: Harness.Client) async throws in
            let (_, p) = try await RAIDAPITests.setUp(c, .directive)
            let page = try await c.send(.get, "/projects/\(p)/changes", as: nil, headers: Self.cookie(pm))
            #expect(!page.text.contains(#"id="save-baseline""#))
            #expect(page.text.contains(#"id="baseline-readonly""#) && page.text.contains("cannot re-baseline on their own"))
            let csrf = try #require(UITests.hidden("csrf_token", in: page.text))
            let refused = try await c.send(.post, "/projects/\(p)/baselines", as: nil, headers: Self.form(pm), body: "csrf_token=\(csrf)&name=Mine")
            #expect(refused.status == .forbidden)
            #expect(refused.text.contains(#"id="changes-error""#) && refused.text.contains("directive"))
            #expect(try await c.send(.get, "/api/v1/baselines?project_id=\(p)").items.isEmpty)
        }
    }
}
