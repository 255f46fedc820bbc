import Foundation
import GantryModel
import HTTPTypes
import Testing

@Suite("Knowledge pages")
struct KnowledgeUITests {
    @Test("lessons are found across portfolios; a project manager records one on their own project only")
    func lessons() async throws {
        try await Harness.make().test { (c: Harness.Client) async throws in
            let pm = try #require(try await c.send(.get, "/api/v1/me", as: .projectManager).int("id"))
            let a = try await c.create("portfolios", #"{"code":"A","name":"A"}"#)
            let b = try await c.create("portfolios", #"{"code":"B","name":"B"}"#)
            let mine = try await c.create("projects", #"{"portfolio_id":\#(a),"code":"MINE","name":"Mine","manager_id":\#(pm)}"#)
            let theirs = try await c.create("projects", #"{"portfolio_id":\#(b),"code":"THEIRS","name":"Theirs"}"#)
            _ = try await c.create("lessons", #"{"project_id":\#(theirs),"title":"Order hardware early","description":"The vendor took ten weeks"}"#)

            let form = try await c.send(.get, "/lessons", as: .projectManager)
            #expect(form.text.contains(#"<option value="\#(mine)""#))
            #expect(!form.text.contains(#"<option value="\#(theirs)""#), "only projects the user may change are offered")
            let saved = try await c.send(.post, "/lessons", as: .projectManager,
                                         json: "project_id=\(mine)&title=Vendor+contracts+need+legal+review&impact=Two+weeks+lost")
            #expect(saved.status == .seeOther)
            let refused = try await c.send(.post, "/lessons", as: .projectManager, json: "project_id=\(theirs)&title=X")
            #expect(refused.status == .forbidden)
            let blank = try await c.send(.post, "/lessons", as: .projectManager, json: "project_id=\(mine)&title=")
            #expect(blank.status == .unprocessableContent)
            #expect(blank.text.contains("title"))

            let found = try await c.send(.get, "/lessons?q=VENDOR", as: .executive)
            #expect(found.text.contains("2 lessons mention"), "both portfolios are searched, ignoring case")
            #expect(found.text.contains("THEIRS Theirs") && found.text.contains("MINE Mine"))
            #expect(!found.text.contains(#"id="lesson-form""#), "executives do not record lessons")
            #expect(try await c.send(.get, "/lessons?q=nothing-like-this", as: .executive).text.contains(#"id="no-lessons""#))
        }
    }

    @Test("the PMO keeps training records per person; a record that expires before it is completed is refused")
    func training() async throws {
        try await Harness.make().test { (c: Harness.Client) async throws in
            let member = try #require(try await c.send(.get, "/api/v1/me", as: .teamMember).int("id"))
            let bad = try await c.send(.post, "/training", as: .pmoAnalyst,
                                       json: "user_id=\(member)&kind=certification&title=PMP&completed_on=2026-05-01&expires_on=2025-05-01")
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("expires_on"))
            let ok = try await c.send(.post, "/training", as: .pmoAnalyst,
                                      json: "user_id=\(member)&kind=certification&title=PMP&completed_on=2026-05-01&expires_on=2029-05-01")
            #expect(ok.status == .seeOther)
            let page = try await c.send(.get, "/training", as: .teamMember)
            #expect(page.text.contains("PMP") && page.text.contains("2029-05-01"))
            #expect(!page.text.contains(#"id="training-form""#))
            #expect(try await c.send(.post, "/training", as: .teamMember, json: "user_id=\(member)&title=X").status == .forbidden)
        }
    }
}
