import Foundation
import GantryModel
import GantryServices
import GantryStorage
import GantryWeb
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Testing

/// A fixed clock: tests never read the real time through the services.
struct FixedClock: Clock {
    func now() -> Timestamp { Timestamp(iso: "2026-11-28T12:00:00Z")! }
}

/// The real application on a fresh SQLite file, with one user (and API token) per role.
struct Harness {
    let store: SQLStore
    let backend: Backend
    let router: Router<GantryContext>
    let tokens: [Role: String]
    let users: [Role: User]
    static let password = "correct horse battery"

    static func make() async throws -> Harness {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gantry-web-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        let store = try await SQLStore.open(url: dir.appendingPathComponent("t.sqlite").path, logger: logger)
        try await store.migrate()
        let secrets = SystemSecrets(bcryptCost: 4)
        let backend = Backend(store: store, clock: FixedClock(), secrets: secrets)
        var tokens: [Role: String] = [:]
        var users: [Role: User] = [:]
        for role in Role.allCases {
            let name = role.rawValue.replacingOccurrences(of: "_", with: ".")
            users[role] = try await backend.accounts.createUser(
                username: name, displayName: role.title, role: role, password: password, .system)
            tokens[role] = try await backend.accounts.createToken(username: name, name: "test", .system)
        }
        return Harness(store: store, backend: backend, router: buildRouter(backend: backend, settings: WebSettings()),
                       tokens: tokens, users: users)
    }

    /// Runs `body` against the router in-process (Hummingbird's testing transport).
    func test<T: Sendable>(_ body: @Sendable (Client) async throws -> T) async throws -> T {
        var logger = Logger(label: "test-app")
        logger.logLevel = .warning
        let app = Application(router: router, logger: logger)
        let tokens = self.tokens
        do {
            let result = try await app.test(.router) { client in try await body(Client(client: client, tokens: tokens)) }
            await store.close()
            return result
        } catch {
            await store.close()
            throw error
        }
    }

    struct Client: Sendable {
        let client: any TestClientProtocol
        let tokens: [Role: String]

        /// Sends a request as a role (bearer token), with an optional JSON body (a string, sent as it is).
        @discardableResult
        func send(_ method: HTTPRequest.Method, _ uri: String, as role: Role? = .admin, json: String? = nil,
                  headers: HTTPFields = [:]) async throws -> Reply {
            var fields = headers
            if let role { fields[.authorization] = "Bearer \(tokens[role]!)" }
            if json != nil { fields[.contentType] = "application/json" }
            let response = try await client.execute(uri: uri, method: method, headers: fields,
                                                    body: json.map { ByteBuffer(string: $0) })
            return Reply(response)
        }

        /// Creates a record as admin and returns its id; fails the test when the API refuses.
        func create(_ path: String, _ json: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> Int64 {
            let reply = try await send(.post, "/api/v1/\(path)", json: json)
            #expect(reply.status == .created, "creating \(path): \(reply.text)", sourceLocation: sourceLocation)
            return reply.int("id") ?? -1
        }
    }

    struct Reply: Sendable {
        let status: HTTPResponse.Status
        let headers: HTTPFields
        let text: String

        init(_ response: TestResponse) {
            status = response.status
            headers = response.headers
            text = String(buffer: response.body)
        }

        var json: JSONValue? { try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) }

        subscript(key: String) -> JSONValue? {
            guard case .object(let o)? = json else { return nil }
            return o[key]
        }

        func int(_ key: String) -> Int64? { if case .int(let i)? = self[key] { return i } else { return nil } }
        func string(_ key: String) -> String? { if case .string(let s)? = self[key] { return s } else { return nil } }

        /// The fields named in a problem's `errors`.
        var problemFields: [String] {
            guard case .array(let errors)? = self["errors"] else { return [] }
            return errors.compactMap { if case .object(let o) = $0, case .string(let f)? = o["field"] { f } else { nil } }
        }

        var items: [JSONValue] { if case .array(let a)? = self["items"] { a } else { [] } }
    }
}

extension JSONValue {
    subscript(key: String) -> JSONValue? { if case .object(let o) = self { o[key] } else { nil } }
    var int: Int64? { if case .int(let i) = self { i } else { nil } }
    var string: String? { if case .string(let s) = self { s } else { nil } }
}
