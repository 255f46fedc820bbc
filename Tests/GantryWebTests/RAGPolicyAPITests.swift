import Foundation
import GantryModel
import HTTPTypes
import Testing

@Suite("A portfolio's RAG policy")
struct RAGPolicyAPITests {
    @Test("bands and thresholds are checked by field; a report's suggestion follows its portfolio's thresholds")
    func policy() async throws {
        try await Harness.make().test { (c: Harness.Client) async throws in
            let pf = try await c.create("portfolios", #"{"code":"PF","name":"P"}"#)
            let read = try await c.send(.get, "/api/v1/portfolios/\(pf)")
            // The issue's defaults: green ≥ 0.95, amber ≥ 0.85.
            #expect(read.json?["rag_green_minimum"]?.number == 0.95 && read.json?["rag_amber_minimum"]?.number == 0.85)
            #expect(try await c.send(.patch, "/api/v1/portfolios/\(pf)", json: #"{"rag_amber_minimum":0.99}"#).problemFields == ["rag_amber_minimum"])
            #expect(try await c.send(.patch, "/api/v1/portfolios/\(pf)", json: #"{"rag_open_high_risks_amber_at":3,"rag_open_high_risks_red_at":2}"#)
                        .problemFields == ["rag_open_high_risks_red_at"])

            let p = try await c.create("projects", #"{"portfolio_id":\#(pf),"code":"P","name":"P","status_date":"2026-11-27"}"#)
            _ = try await c.create("risks", #"{"project_id":\#(p),"title":"Supplier fails","probability":4,"impact":4}"#)
            // One open high risk: amber under the default thresholds (amber from 1, red from 3)…
            let first = try await c.send(.post, "/api/v1/projects/\(p)/status-reports")
            #expect(first.status == .created, "\(first.text)")
            #expect(first.string("risk_suggested") == "amber")
            let id = try #require(first.int("id"))
            #expect(try await c.send(.delete, "/api/v1/status-reports/\(id)").status == .noContent)
            // …and red once this portfolio turns red from one.
            #expect(try await c.send(.patch, "/api/v1/portfolios/\(pf)", json: #"{"rag_open_high_risks_red_at":1}"#).status == .ok)
            let second = try await c.send(.post, "/api/v1/projects/\(p)/status-reports")
            #expect(second.string("risk_suggested") == "red", "\(second.text)")
        }
    }
}
