import Foundation
import GantryModel
@testable import GantryWeb
import HTTPTypes
import Testing

@Suite("Glossary where the terms appear")
struct GlossaryTests {
    static let epoch = Timestamp(millisecondsSinceEpoch: 0)
    static func term(_ id: Int64, _ term: String, _ definition: String, aliases: [String] = []) -> GlossaryTerm {
        GlossaryTerm(id: .init(id), term: term, definition: definition, aliases: aliases, createdAt: epoch, updatedAt: epoch)
    }

    @Test("the first mention of each term links to its definition; longer terms win; words are whole; the rest is escaped")
    func markup() {
        let m = GlossaryMarkup([
            Self.term(1, "Gate", "A decision point"),
            Self.term(2, "Stage gate", "A gate between phases", aliases: ["phase gate"]),
            Self.term(3, "RAID", "Risks, assumptions, issues, decisions"),
        ])
        let html = m.html("Our stage gate <b>and</b> a gate; the Gateway and raids stay; RAID log & RAID.")
        #expect(html == #"Our <a class="term" href="/glossary#term-2" title="Stage gate: A gate between phases">stage gate</a> &lt;b&gt;and&lt;/b&gt; a <a class="term" href="/glossary#term-1" title="Gate: A decision point">gate</a>; the Gateway and raids stay; <a class="term" href="/glossary#term-3" title="RAID: Risks, assumptions, issues, decisions">RAID</a> log &amp; RAID."#)
        #expect(m.html("Pass the phase gate.").contains(#"href="/glossary#term-2""#), "aliases are found")
        #expect(GlossaryMarkup([]).html("a <b>") == "a &lt;b&gt;")
    }

    @Test("the glossary page lists the terms; the PMO adds one, and a request's text links to it")
    func page() async throws {
        try await Harness.make().test { (c: Harness.Client) async throws in
            let added = try await c.send(.post, "/glossary", as: .pmoAnalyst,
                                         json: "term=Business+case&definition=Why+the+money+is+worth+spending&aliases=BC")
            #expect(added.status == .seeOther)
            #expect(try await c.send(.post, "/glossary", as: .pmoAnalyst, json: "term=&definition=x").status == .unprocessableContent)
            #expect(try await c.send(.post, "/glossary", as: .projectManager, json: "term=X&definition=Y").status == .forbidden)
            let page = try await c.send(.get, "/glossary", as: .teamMember)
            #expect(page.text.contains("Why the money is worth spending"))
            #expect(!page.text.contains(#"id="term-form""#), "only the PMO adds terms")

            let pf = try await c.create("portfolios", #"{"code":"PF","name":"P"}"#)
            let me = try #require(try await c.send(.get, "/api/v1/me", as: .requester).int("id"))
            let r = try await c.send(.post, "/api/v1/requests", as: .requester, json: #"""
                {"portfolio_id":\#(pf),"title":"T","requester_id":\#(me),"problem":"Nobody wrote a business case."}
                """#)
            let shown = try await c.send(.get, "/requests/\(try #require(r.int("id")))", as: .requester)
            #expect(shown.text.contains(#"title="Business case: Why the money is worth spending">business case</a>"#))

            // On a gate page, the criteria's definitions link their terms too.
            let template = try await c.create("templates", #"""
                {"name":"T","phases":[{"name":"Plan","gate":{"name":"G1","criteria":[{"name":"Case","kind":"must_meet","definition":"The BC is signed"}]}}]}
                """#)
            let p = try await c.create("projects", #"{"portfolio_id":\#(pf),"code":"P","name":"P"}"#)
            _ = try await c.send(.post, "/api/v1/projects/\(p)/apply-template", json: #"{"template_id":\#(template)}"#)
            let phase = try #require(try await c.send(.get, "/api/v1/phases?project_id=\(p)").items.first?["id"]?.int)
            let gate = try await c.send(.get, "/projects/\(p)/phases/\(phase)", as: .teamMember)
            #expect(gate.text.contains(#"title="Business case: Why the money is worth spending">BC</a> is signed"#), "aliases too")
        }
    }
}
