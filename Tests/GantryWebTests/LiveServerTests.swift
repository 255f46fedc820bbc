import Foundation
import GantryModel
import GantryWeb
import GantryStorage
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Testing

@Suite("Live server")
struct LiveServerTests {
    @Test("the real server answers over TCP: sign-in page, API with a token, readiness")
    func live() async throws {
        let harness = try await Harness.make()
        var logger = Logger(label: "live")
        logger.logLevel = .warning
        let app = Application(router: harness.router, configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: logger)
        let token = harness.tokens[.admin]!
        try await app.test(.live) { client in
            #expect(client.port != nil)
            let login = try await client.execute(uri: "/login", method: .get)
            #expect(login.status == .ok)
            #expect(String(buffer: login.body).contains("Sign in to Gantry"))
            let created = try await client.execute(uri: "/api/v1/portfolios", method: .post,
                                                   headers: [.authorization: "Bearer \(token)", .contentType: "application/json"],
                                                   body: ByteBuffer(string: #"{"code":"LIVE","name":"Live"}"#))
            #expect(created.status == .created)
            let ready = try await client.execute(uri: "/health/ready", method: .get)
            #expect(ready.status == .ok)
        }
        await harness.store.close()
    }
}
