import GantryModel
import GantryStorage
import GantryWeb
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// Every answer carries the security headers (issue #16): pages, API records, errors and the sign-in page; HSTS only
/// when Gantry runs behind HTTPS (`--secure-cookies`).
@Suite("Security headers")
struct SecurityHeadersTests {
    static func field(_ name: String) -> HTTPField.Name { HTTPField.Name(name)! }

    static func expectHeaders(_ headers: HTTPFields, _ what: String) {
        let policy = headers[.contentSecurityPolicy] ?? ""
        for directive in ["default-src 'self'", "script-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"] {
            #expect(policy.contains(directive), "\(what): Content-Security-Policy lacks \(directive): \(policy)")
        }
        #expect(!policy.contains("script-src 'self' 'unsafe-inline'"), "\(what): inline script must stay forbidden")
        #expect(headers[.xContentTypeOptions] == "nosniff", "\(what)")
        #expect(headers[field("X-Frame-Options")] == "DENY", "\(what)")
        #expect(headers[field("Referrer-Policy")] == "strict-origin-when-cross-origin", "\(what)")
    }

    @Test("pages, API answers, errors and the sign-in page carry the headers; no HSTS over plain HTTP")
    func everyAnswer() async throws {
        let h = try await Harness.make()
        try await h.test { (c: Harness.Client) async throws in
            for (uri, role, status) in [("/login", nil, HTTPResponse.Status.ok), ("/portfolios", Role.admin, .ok),
                                        ("/api/v1/portfolios", .admin, .ok), ("/api/v1/portfolios/999999", .admin, .notFound),
                                        ("/api/v1/portfolios", nil, .unauthorized), ("/health/live", nil, .ok)] as [(String, Role?, HTTPResponse.Status)] {
                let r = try await c.send(.get, uri, as: role)
                #expect(r.status == status, "\(uri): \(r.status)")
                Self.expectHeaders(r.headers, uri)
                #expect(r.headers[.strictTransportSecurity] == nil, "\(uri): HSTS over plain HTTP")
            }
        }
    }

    @Test("behind HTTPS (--secure-cookies) the answers add Strict-Transport-Security")
    func hsts() async throws {
        let h = try await Harness.make()
        var logger = Logger(label: "test-app")
        logger.logLevel = .warning
        let app = Application(router: buildRouter(backend: h.backend, settings: WebSettings(secureCookies: true)), logger: logger)
        try await app.test(.router) { client in
            let r = try await client.execute(uri: "/health/live", method: .get)
            #expect(r.status == .ok)
            Self.expectHeaders(r.headers, "/health/live")
            #expect(r.headers[.strictTransportSecurity] == "max-age=31536000; includeSubDomains")
        }
        await h.store.close()
    }
}
