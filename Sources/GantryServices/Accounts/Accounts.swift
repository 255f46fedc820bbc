public import GantryModel
import GantryGovernance

/// A signed-in browser session: who, and the token every form must echo back (CSRF protection).
public struct SignedIn: Sendable, Hashable {
    public var user: User
    public var csrfToken: String

    public init(user: User, csrfToken: String) { self.user = user; self.csrfToken = csrfToken }
}

/// Users, passwords, browser sessions and API tokens.
public struct Accounts: Sendable {
    public static let sessionLifetimeSeconds: Int64 = 12 * 3600
    public static let minimumPasswordLength = 10

    let store: any Store
    let clock: any Clock
    let secrets: any Secrets

    public init(store: any Store, clock: any Clock, secrets: any Secrets) {
        self.store = store
        self.clock = clock
        self.secrets = secrets
    }

    /// Creates a user with a password. `caller` must be allowed to create users (the admin, or the system).
    public func createUser(
        username: String, displayName: String, email: String? = nil, role: Role, password: String, _ caller: Caller
    ) async throws -> User {
        try caller.require(.create, .user(id: nil))
        guard password.count >= Self.minimumPasswordLength else {
            throw ServiceError.invalid(field: "password", "password must have at least \(Self.minimumPasswordLength) characters")
        }
        let digest = secrets.hashPassword(password)
        let now = clock.now()
        return try await store.write { session in
            let draft = User(username: username, displayName: displayName, email: email, role: role,
                             createdAt: now, updatedAt: now)
            try await User.validate(draft, existing: nil, in: session)
            let user = try await session.insert(draft)
            try await session.setPasswordDigest(digest, for: user.id)
            try await Audit.record(.create, user, before: nil, after: user, by: caller, at: now, in: session)
            return user
        }
    }

    /// Checks a password and opens a session; returns the cookie token (shown once, stored only as a digest).
    public func signIn(username: String, password: String) async throws -> (token: String, session: SignedIn) {
        let found = try await store.read { try await $0.passwordDigest(username: username) }
        // Verify against a dummy hash when the user is unknown, so timing does not reveal which usernames exist.
        let hash = found?.1 ?? "$2b$10$abcdefghijklmnopqrstuuAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
        let ok = secrets.verifyPassword(password, hash: hash)
        guard ok, let user = found?.0, !hash.isEmpty else {
            throw ServiceError(.unauthenticated, "the username or the password is wrong")
        }
        guard user.active else { throw ServiceError(.unauthenticated, "the account '\(username)' is deactivated") }
        let token = secrets.newToken()
        let now = clock.now()
        let record = SessionRecord(
            tokenDigest: secrets.digest(token), userId: user.id, csrfToken: secrets.newToken(),
            expiresAt: now.adding(seconds: Self.sessionLifetimeSeconds), createdAt: now)
        try await store.write { try await $0.insertSession(record) }
        return (token, SignedIn(user: user, csrfToken: record.csrfToken))
    }

    /// The session a cookie token stands for, if it is current and its user still active.
    public func session(token: String) async throws -> SignedIn? {
        let digest = secrets.digest(token)
        let now = clock.now()
        return try await store.read { session -> SignedIn? in
            guard let record = try await session.session(tokenDigest: digest), record.expiresAt > now,
                  let user = try await session.get(User.self, record.userId), user.active
            else { return nil }
            return SignedIn(user: user, csrfToken: record.csrfToken)
        }
    }

    public func signOut(token: String) async throws {
        let digest = secrets.digest(token)
        try await store.write { try await $0.deleteSession(tokenDigest: digest) }
    }

    /// Creates a bearer token for scripts; the token is returned once and stored only as a digest.
    public func createToken(username: String, name: String, _ caller: Caller) async throws -> String {
        let token = "gty_" + secrets.newToken()
        let digest = secrets.digest(token)
        let now = clock.now()
        try await store.write { session in
            guard let (user, _) = try await session.passwordDigest(username: username) else {
                throw ServiceError(.notFound, "user '\(username)' does not exist")
            }
            try caller.require(.update, .user(id: user.id))
            try await session.insertToken(APITokenRecord(tokenDigest: digest, userId: user.id, name: name, createdAt: now))
        }
        return token
    }

    /// The user a bearer token stands for. Records the token's use, at most once a minute.
    public func user(bearer token: String) async throws -> User? {
        let digest = secrets.digest(token)
        let found = try await store.read { session -> (User, APITokenInfo)? in
            guard let info = try await session.apiToken(digest: digest),
                  let user = try await session.get(User.self, info.userId), user.active
            else { return nil }
            return (user, info)
        }
        guard let (user, info) = found else { return nil }
        let now = clock.now()
        let since = now.adding(seconds: -Self.tokenUseResolutionSeconds)
        if (info.lastUsedAt ?? Timestamp(millisecondsSinceEpoch: .min)) < since {
            // Best effort: a busy database must not turn a valid token away.
            try? await store.write { try await $0.markAPITokenUsed(id: info.id, at: now, unlessUsedSince: since) }
        }
        return user
    }

    public func users(_ caller: Caller) async throws -> [User] {
        try caller.require(.view, .user(id: nil))
        return try await store.read { try await $0.list(User.self, ListQuery()) }
    }
}
