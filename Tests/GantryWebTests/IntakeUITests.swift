import Foundation
import GantryModel
import HTTPTypes
import Testing

@Suite("Intake pages")
struct IntakeUITests {
    static func form(_ fields: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return fields.map { k, v in "\(k)=\(v.addingPercentEncoding(withAllowedCharacters: allowed) ?? v)" }.joined(separator: "&")
    }

    @Test("a requester fills in the form, sees the figures and submits; a refused action shows its reason; the PMO reviews")
    func journey() async throws {
        try await Harness.make().test { (c: Harness.Client) async throws in
            let pf = try await c.create("portfolios", #"{"code":"PF","name":"P"}"#)
            let model = try await c.send(.post, "/api/v1/scoring-models",
                                         json: IntakeAPITests.model.replacingOccurrences(of: "PF", with: String(pf)))
            #expect(model.status == .created)

            let blank = try await c.send(.get, "/requests/new?portfolio_id=\(pf)", as: .requester)
            #expect(blank.status == .ok)
            #expect(blank.text.contains(#"id="rating-strategic_fit""#))
            #expect(blank.text.contains("5 = delivers a board objective"), "criterion definitions are shown")

            var fields: [(String, String)] = [
                ("portfolio_id", String(pf)), ("title", "Customer portal"), ("problem", "Calls"), ("goal", "Self-service"),
                ("currency", "EUR"), ("discount_rate", "8"), ("period_unit", "year"), ("convention", "first_flow_at_time_zero"),
                ("periods", "Y0, 40000, 0\nY1, 0, oops"), ("rating.strategic_fit", "5"), ("rating.customer", "0"),
                ("rating.risk", "5"), ("demand", "Developer, 2, 6"),
            ]
            let bad = try await c.send(.post, "/requests/new", as: .requester, json: Self.form(fields))
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("business_case.periods"))
            #expect(bad.text.contains("line 2"))
            #expect(try await c.send(.get, "/api/v1/requests", as: .admin).items.isEmpty, "nothing was stored")

            fields[8] = ("periods", "Y0, 40000, 0\nY1, 0, 5000\nY2, 0, 8000\nY3, 0, 12000\nY4, 0, 30000")
            let created = try await c.send(.post, "/requests/new", as: .requester, json: Self.form(fields))
            #expect(created.status == .seeOther, "\(created.text)")
            let location = try #require(created.headers[.location])
            let page = try await c.send(.get, location, as: .requester)
            #expect(page.text.contains(#"id="npv">3,065.22<"#), "DOMAIN.md case 32")
            #expect(page.text.contains("first cash flow at t = 0"))
            #expect(page.text.contains(#"id="submit-request""#))
            #expect(!page.text.contains(#"id="review-request""#))

            #expect(try await c.send(.post, location + "/submit", as: .requester).status == .seeOther)
            let refused = try await c.send(.post, location + "/review", as: .projectManager)
            #expect(refused.status == .forbidden)
            #expect(refused.text.contains(#"id="action-error""#))
            #expect(refused.text.contains("only a PMO role may review"))
            #expect(try await c.send(.post, location + "/review", as: .pmoDirector).status == .seeOther)
            let review = try await c.send(.get, location, as: .pmoDirector)
            #expect(review.text.contains(#"id="approve-form""#))
            #expect(review.text.contains(#"id="request-rank">1 of 1<"#))
            #expect(review.text.contains("Strategic fit: 5"), "the score's explanation names each criterion")

            _ = try await c.create("resources", #"{"name":"Dev One","role":"Developer","max_units":100}"#)
            let queue = try await c.send(.get, "/requests?portfolio_id=\(pf)", as: .executive)
            #expect(queue.text.contains("Customer portal"))
            // 2 developers for 6 months is 12 FTE-months; 2 at once is more than the pool's one developer.
            #expect(queue.text.contains(#"<td>Developer</td><td class="num">1</td><td class="num">12</td><td class="num">2 <strong>over the pool</strong></td><td class="num">1</td>"#),
                    "\(queue.text)")
            #expect(!queue.text.contains(#"id="new-request""#), "executives do not raise requests")

            let scoring = try await c.send(.get, "/portfolios/\(pf)/scoring", as: .teamMember)
            #expect(scoring.text.contains("57.1 %"), "4/7 from DOMAIN.md case 29")
            #expect(!scoring.text.contains(#"id="scoring-form""#))
            let badModel = try await c.send(.post, "/portfolios/\(pf)/scoring", as: .pmoAnalyst,
                                            json: Self.form([("criteria", "a | A\nb | B"), ("pairwise", "1 3\n1/2 1")]))
            #expect(badModel.status == .unprocessableContent)
            #expect(badModel.text.contains("pairwise"))
        }
    }
}
