import Foundation
import GantryModel
import GantryServices
import GantryStorage
import Testing

/// The `CredentialStore` contract and the accounts' rules on it (tokens, passwords, deactivation), on every
/// available database.
@Suite("Accounts: tokens, passwords, deactivation")
struct AccountCredentialTests {
    static let t0 = Timestamp.at("2026-11-28T12:00:00.000Z")

    static func accounts(_ store: SQLStore, at time: Timestamp = t0) -> Accounts {
        Accounts(store: store, clock: FixedClock(time: time), secrets: PlainSecrets())
    }

    static func user(_ s: any StoreSession, _ name: String, role: Role = .teamMember) async throws -> User {
        try await s.insert(User(username: name, displayName: name.capitalized, role: role, createdAt: t0, updatedAt: t0))
    }

    // MARK: the port

    @Test("tokens are listed per user with ids and last use; one or all of a user's are deleted", arguments: Backend.available)
    func tokenContract(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let (ada, bob) = try await store.write { s in (try await Self.user(s, "ada"), try await Self.user(s, "bob")) }
            try await store.write { s in
                try await s.insertToken(APITokenRecord(tokenDigest: "a1", userId: ada.id, name: "ci", createdAt: Self.t0))
                try await s.insertToken(APITokenRecord(tokenDigest: "a2", userId: ada.id, name: "laptop", createdAt: .at("2026-11-28T13:00:00.000Z")))
                try await s.insertToken(APITokenRecord(tokenDigest: "b1", userId: bob.id, name: "ci", createdAt: Self.t0))
            }
            let adas = try await store.read { try await $0.apiTokens(of: ada.id) }
            #expect(adas.map(\.name) == ["ci", "laptop"], "oldest first")
            #expect(adas.allSatisfy { $0.userId == ada.id && $0.lastUsedAt == nil })
            #expect(adas[1].createdAt == .at("2026-11-28T13:00:00.000Z"))
            let byDigest = try #require(try await store.read { try await $0.apiToken(digest: "a2") })
            #expect(byDigest == adas[1])
            #expect(try await store.read { try await $0.apiToken(id: adas[0].id) } == adas[0])
            #expect(try await store.read { try await $0.apiToken(digest: "nope") } == nil)

            // Last use: written when older than the bound, left alone otherwise.
            let used = Timestamp.at("2026-11-28T14:00:00.000Z")
            try await store.write { try await $0.markAPITokenUsed(id: adas[0].id, at: used, unlessUsedSince: used.adding(seconds: -60)) }
            #expect(try await store.read { try await $0.apiToken(id: adas[0].id) }?.lastUsedAt == used)
            try await store.write {
                try await $0.markAPITokenUsed(id: adas[0].id, at: used.adding(seconds: 30), unlessUsedSince: used.adding(seconds: -30))
            }
            #expect(try await store.read { try await $0.apiToken(id: adas[0].id) }?.lastUsedAt == used, "used within the minute: not rewritten")
            try await store.write {
                try await $0.markAPITokenUsed(id: adas[0].id, at: used.adding(seconds: 90), unlessUsedSince: used.adding(seconds: 30))
            }
            #expect(try await store.read { try await $0.apiToken(id: adas[0].id) }?.lastUsedAt == used.adding(seconds: 90))

            #expect(try await store.write { try await $0.deleteAPIToken(id: adas[0].id) })
            #expect(try await store.write { try await $0.deleteAPIToken(id: adas[0].id) } == false, "already gone")
            #expect(try await store.read { try await $0.token(digest: "a1") } == nil)
            #expect(try await store.write { try await $0.deleteAPITokens(of: ada.id) } == 1)
            #expect(try await store.read { try await $0.apiTokens(of: ada.id) }.isEmpty)
            #expect(try await store.read { try await $0.apiTokens(of: bob.id) }.count == 1, "bob's tokens stay")
        }
    }

    @Test("a user's sessions end all at once, or all but one", arguments: Backend.available)
    func sessionContract(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let (ada, bob) = try await store.write { s in (try await Self.user(s, "ada"), try await Self.user(s, "bob")) }
            let later = Self.t0.adding(seconds: 3600)
            try await store.write { s in
                for (digest, user) in [("s1", ada.id), ("s2", ada.id), ("s3", ada.id), ("s4", bob.id)] {
                    try await s.insertSession(SessionRecord(tokenDigest: digest, userId: user, csrfToken: "c", expiresAt: later, createdAt: Self.t0))
                }
            }
            #expect(try await store.write { try await $0.deleteSessions(of: ada.id, except: "s2") } == 2)
            #expect(try await store.read { try await $0.session(tokenDigest: "s1") } == nil)
            #expect(try await store.read { try await $0.session(tokenDigest: "s2") } != nil, "the kept one stays")
            #expect(try await store.write { try await $0.deleteSessions(of: ada.id, except: nil) } == 1)
            #expect(try await store.read { try await $0.session(tokenDigest: "s2") } == nil)
            #expect(try await store.read { try await $0.session(tokenDigest: "s4") } != nil, "bob stays signed in")
        }
    }

    // MARK: the rules

    @Test("a token is made for oneself, listed, used, and revoked; others cannot see or revoke it", arguments: Backend.available)
    func tokenRules(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let accounts = Self.accounts(store)
            let (ada, bob, admin) = try await store.write { s in
                (try await Self.user(s, "ada"), try await Self.user(s, "bob"), try await Self.user(s, "root", role: .admin))
            }
            let made = try await accounts.createToken(for: ada.id, name: "  laptop ", .user(ada))
            #expect(made.info.name == "laptop")
            #expect(made.token.hasPrefix("gty_"))
            #expect(try await accounts.user(bearer: made.token) == ada)
            #expect(try await accounts.tokens(of: ada.id, .user(ada)).first?.lastUsedAt == Self.t0, "the use was recorded")

            await #expect(throws: ServiceError.self) { try await accounts.createToken(for: ada.id, name: " ", .user(ada)) }
            let long = await #expect(throws: ServiceError.self) {
                try await accounts.createToken(for: ada.id, name: String(repeating: "x", count: 101), .user(ada))
            }
            #expect(long?.problems.map(\.field) == ["name"])
            let forbidden = await #expect(throws: ServiceError.self) { try await accounts.createToken(for: ada.id, name: "x", .user(bob)) }
            #expect(forbidden?.code == .forbidden)
            await #expect(throws: ServiceError.self) { try await accounts.tokens(of: ada.id, .user(bob)) }
            let hidden = await #expect(throws: ServiceError.self) { try await accounts.revokeToken(made.info.id, .user(bob)) }
            #expect(hidden?.code == .notFound)
            let notHers = await #expect(throws: ServiceError.self) {
                try await accounts.revokeToken(made.info.id, owner: admin.id, .user(admin))
            }
            #expect(notHers?.code == .notFound, "DELETE /me/tokens/{id} reaches only the caller's tokens")
            #expect(try await accounts.tokens(of: ada.id, .user(admin)).count == 1, "the admin sees anyone's tokens")

            try await accounts.revokeToken(made.info.id, .user(ada))
            #expect(try await accounts.user(bearer: made.token) == nil)
            #expect(try await accounts.tokens(of: ada.id, .user(ada)).isEmpty)
            let trail = try await store.read { try await $0.auditLog(AuditQuery(kind: "api_token")) }
            #expect(trail.map(\.action) == ["delete", "create"])
            #expect(trail.allSatisfy { $0.userId == ada.id && !$0.summary.contains(made.token) })
        }
    }

    @Test("changing one's password needs the current one and ends one's other sessions", arguments: Backend.available)
    func changePassword(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let accounts = Self.accounts(store)
            let ada = try await accounts.createUser(username: "ada", displayName: "Ada", role: .teamMember,
                                                    password: "first password", .system)
            let here = try await accounts.signIn(username: "ada", password: "first password")
            let there = try await accounts.signIn(username: "ada", password: "first password")

            let wrong = await #expect(throws: ServiceError.self) {
                try await accounts.changePassword(current: "not it at all", new: "second password", keepSession: here.token, .user(ada))
            }
            #expect(wrong?.code == .invalid)
            #expect(wrong?.problems.map(\.field) == ["current_password"])
            let short = await #expect(throws: ServiceError.self) {
                try await accounts.changePassword(current: "first password", new: "short", keepSession: here.token, .user(ada))
            }
            #expect(short?.problems.map(\.field) == ["new_password"])
            #expect(try await accounts.session(token: there.token) != nil, "a refused change ends nothing")
            _ = try await accounts.signIn(username: "ada", password: "first password")

            try await accounts.changePassword(current: "first password", new: "second password", keepSession: here.token, .user(ada))
            await #expect(throws: ServiceError.self) { try await accounts.signIn(username: "ada", password: "first password") }
            _ = try await accounts.signIn(username: "ada", password: "second password")
            #expect(try await accounts.session(token: here.token) != nil, "the session that made the change stays")
            #expect(try await accounts.session(token: there.token) == nil, "other sessions end")
            let line = try #require(try await store.read { try await $0.auditLog(AuditQuery(kind: "user", action: "update")) }.first)
            #expect(line.userId == ada.id && line.recordId == ada.id.rawValue && !line.summary.contains("second password"))
        }
    }

    @Test("the admin resets a password (every session ends) and deactivation ends sessions and tokens", arguments: Backend.available)
    func resetAndDeactivate(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let accounts = Self.accounts(store)
            let catalog = Catalog(store: store, clock: FixedClock(time: Self.t0))
            let admin = try await accounts.createUser(username: "root", displayName: "Root", role: .admin, password: "admin password", .system)
            let (ada, first) = try await accounts.createUser(username: "ada", displayName: "Ada", role: .teamMember, .user(admin))
            #expect(first.count >= Accounts.minimumPasswordLength)
            let session = try await accounts.signIn(username: "ada", password: first)
            #expect(try await store.read { try await $0.auditLog(AuditQuery(kind: "user", action: "create")) }.contains { $0.recordId == ada.id.rawValue && $0.userId == admin.id })

            let refused = await #expect(throws: ServiceError.self) { try await accounts.resetPassword(of: admin.id, .user(ada)) }
            #expect(refused?.code == .forbidden)
            let second = try await accounts.resetPassword(of: ada.id, .user(admin))
            #expect(second != first)
            #expect(try await accounts.session(token: session.token) == nil)
            await #expect(throws: ServiceError.self) { try await accounts.signIn(username: "ada", password: first) }
            let again = try await accounts.signIn(username: "ada", password: second)
            let token = try await accounts.createToken(for: ada.id, name: "ci", .user(ada))

            let selfDeactivation = await #expect(throws: ServiceError.self) {
                try await catalog.update(User.self, admin.id, .user(admin)) { $0.active = false }
            }
            #expect(selfDeactivation?.code == .conflict)
            _ = try await catalog.update(User.self, ada.id, .user(admin)) { $0.active = false }
            #expect(try await accounts.session(token: again.token) == nil)
            #expect(try await accounts.user(bearer: token.token) == nil)
            #expect(try await store.read { try await $0.apiTokens(of: ada.id) }.isEmpty, "the tokens are deleted, not just refused")
            let deactivated = await #expect(throws: ServiceError.self) { try await accounts.createToken(for: ada.id, name: "x", .user(admin)) }
            #expect(deactivated?.code == .conflict)

            _ = try await catalog.update(User.self, ada.id, .user(admin)) { $0.active = true }
            _ = try await accounts.signIn(username: "ada", password: second)
            #expect(try await accounts.user(bearer: token.token) == nil, "reactivating brings no token back")
        }
    }
}
