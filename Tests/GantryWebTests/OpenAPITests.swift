import Foundation
import GantryModel
import GantryWeb
import HTTPTypes
import Hummingbird
import Testing

@Suite("OpenAPI document")
struct OpenAPITests {
    /// `/api/v1/projects/:id` as the router writes it becomes `/api/v1/projects/{id}`.
    static func openAPIPath(_ routerPath: String) -> String {
        "/" + routerPath.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(separator: "/")
    }

    @Test("every API route is documented, and every documented operation is served")
    func matchesRouter() async throws {
        let harness = try await Harness.make()
        let routes = harness.router.routes
            .map { (Self.openAPIPath($0.path.description), $0.method.rawValue.lowercased()) }
            .filter { $0.0.hasPrefix("/api/v1") }
        try await harness.test { (c: Harness.Client) async throws in
            let doc = try await c.send(.get, "/api/v1/openapi.json", as: nil)
            #expect(doc.status == .ok)
            #expect(doc.string("openapi") == "3.1.0")
            guard case .object(let paths)? = doc["paths"] else { Issue.record("no paths"); return }
            var documented: [(String, String)] = []
            for (path, item) in paths {
                guard case .object(let ops) = item else { continue }
                for method in ops.keys where ["get", "post", "patch", "put", "delete"].contains(method) {
                    documented.append((path, method))
                }
            }
            for (path, method) in routes {
                #expect(documented.contains { $0 == (path, method) }, "route \(method.uppercased()) \(path) is not in the OpenAPI document")
            }
            // Every documented operation reaches a handler: the answer is never the router's own 404.
            for (path, method) in documented {
                let uri = path.replacingOccurrences(of: "{id}", with: "999999")
                let r = try await c.send(HTTPRequest.Method(method.uppercased())!, uri, json: method == "get" || method == "delete" ? nil : "{}")
                #expect(r.string("type")?.hasSuffix("/route-not-found") != true, "\(method.uppercased()) \(path) is documented but not served")
                #expect(r.status.code < 500, "\(method.uppercased()) \(path) failed: \(r.text)")
            }
            #expect(routes.count >= 40)
        }
    }

    @Test("an unknown API path is a 404 problem")
    func unknownRoute() async throws {
        try await Harness.make().test { (c: Harness.Client) async throws in
            let r = try await c.send(.get, "/api/v1/nothing-here")
            #expect(r.status == .notFound)
            #expect(r.headers[.contentType] == "application/problem+json")
        }
    }
}
