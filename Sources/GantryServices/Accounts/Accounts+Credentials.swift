public import GantryModel
import GantryGovernance

/// A token just made: the value is here once and never again (only its digest is stored).
public struct NewAPIToken: Sendable, Hashable {
    public var info: APITokenInfo
    public var token: String
}

/// API tokens, passwords and what ends a user's credentials. The rules, for the API, the pages and the CLI alike:
/// - a user manages their own tokens and password; the admin manages anyone's tokens, resets passwords,
///   changes roles and deactivates accounts;
/// - changing one's password needs the current one and ends one's other sessions (the current one stays);
/// - a password reset ends every session of the user; deactivating (or deleting) a user ends their sessions and
///   deletes their API tokens in the same transaction;
/// - every change is in the audit trail (kind `user` or `api_token`), never with a password or a token in it.
extension Accounts {
    public static let maximumTokenNameLength = 100
    /// A token's last use is written at most once per this many seconds.
    public static let tokenUseResolutionSeconds: Int64 = 60

    /// A password Gantry makes up for a new user or a reset: 20 random characters.
    public func generatedPassword() -> String { String(secrets.newToken().prefix(20)) }

    /// Creates a user with a generated password, returned once.
    public func createUser(
        username: String, displayName: String, email: String? = nil, role: Role, _ caller: Caller
    ) async throws -> (user: User, password: String) {
        let password = generatedPassword()
        let user = try await createUser(username: username, displayName: displayName, email: email, role: role,
                                        password: password, caller)
        return (user, password)
    }

    // MARK: API tokens

    /// Creates a bearer token for a user (themselves, or anyone by the admin). The token is returned once.
    public func createToken(for userId: User.ID, name: String, _ caller: Caller) async throws -> NewAPIToken {
        let name = name.trimmingWhitespace()
        if name.isEmpty { throw ServiceError.invalid(field: "name", "name is required: a label to recognise the token by") }
        if name.count > Self.maximumTokenNameLength {
            throw ServiceError.invalid(field: "name", "name has \(name.count) characters; at most \(Self.maximumTokenNameLength) are allowed")
        }
        try Self.requireSelfOrAdmin(userId, caller)
        let token = "gty_" + secrets.newToken()
        let digest = secrets.digest(token)
        let now = clock.now()
        let info = try await store.write { session -> APITokenInfo in
            guard let user = try await session.get(User.self, userId) else { throw ServiceError.notFound(User.self, userId) }
            guard user.active else {
                throw ServiceError(.conflict, "the account '\(user.username)' is deactivated; reactivate it before making tokens for it")
            }
            try await session.insertToken(APITokenRecord(tokenDigest: digest, userId: userId, name: name, createdAt: now))
            guard let info = try await session.apiToken(digest: digest) else { throw TokenNotStored() }
            try await Audit.note(.create, kind: "api_token", id: info.id,
                                 "created API token \(info.id) '\(name)' for user \(user.username)", by: caller, at: now, in: session)
            return info
        }
        return NewAPIToken(info: info, token: token)
    }

    /// A user's tokens, oldest first: their own, or anyone's for the admin.
    public func tokens(of userId: User.ID, _ caller: Caller) async throws -> [APITokenInfo] {
        try Self.requireSelfOrAdmin(userId, caller)
        return try await store.read { session in
            guard try await session.get(User.self, userId) != nil else { throw ServiceError.notFound(User.self, userId) }
            return try await session.apiTokens(of: userId)
        }
    }

    /// Deletes a token: it stops working at once (servers may remember it for `CredentialCache`'s few seconds
    /// unless told). Only its owner and the admin may; to anyone else it does not exist. With `owner`, only a token
    /// of that user is revoked (`DELETE /api/v1/me/tokens/{id}` never reaches another user's token).
    @discardableResult
    public func revokeToken(_ id: Int64, owner: User.ID? = nil, _ caller: Caller) async throws -> APITokenInfo {
        let now = clock.now()
        return try await store.write { session in
            guard let info = try await session.apiToken(id: id), owner == nil || owner == info.userId,
                  (try? Self.requireSelfOrAdmin(info.userId, caller)) != nil
            else {
                throw ServiceError(.notFound, "API token \(id) does not exist, or is not yours")
            }
            _ = try await session.deleteAPIToken(id: id)
            try await Audit.note(.delete, kind: "api_token", id: id,
                                 "revoked API token \(id) '\(info.name)' of user \(info.userId)", by: caller, at: now, in: session)
            return info
        }
    }

    // MARK: passwords

    /// Changes the caller's own password. `current` must be right (422 on `current_password` otherwise, nothing
    /// changes); `new` must be long enough. The caller's other sessions end; `keepSession` (the cookie token of the
    /// session making the change) stays signed in.
    public func changePassword(current: String, new: String, keepSession: String? = nil, _ caller: Caller) async throws {
        guard let userId = caller.userId else {
            throw ServiceError(.forbidden, "only a signed-in user changes their own password; the admin resets others'")
        }
        guard let user = try await store.read({ try await $0.get(User.self, userId) }),
              let (_, hash) = try await store.read({ try await $0.passwordDigest(username: user.username) })
        else { throw ServiceError.notFound(User.self, userId) }
        guard !hash.isEmpty, secrets.verifyPassword(current, hash: hash) else {
            throw ServiceError.invalid(field: "current_password", "the current password is wrong; the password was not changed")
        }
        try Self.checkNewPassword(new, field: "new_password")
        if new == current {
            throw ServiceError.invalid(field: "new_password", "the new password is the current one; choose another")
        }
        let digest = secrets.hashPassword(new)
        let keep = keepSession.map { secrets.digest($0) }
        let now = clock.now()
        try await store.write { session in
            try await session.setPasswordDigest(digest, for: userId)
            let ended = try await session.deleteSessions(of: userId, except: keep)
            try await Audit.note(.update, kind: "user", id: userId.rawValue,
                                 "user \(user.username) changed their password; \(ended) other sessions ended",
                                 by: caller, at: now, in: session)
        }
    }

    /// The admin gives a user a new generated password (returned once); every session of the user ends.
    public func resetPassword(of userId: User.ID, _ caller: Caller) async throws -> String {
        try caller.require(.update, .user(id: userId))
        let password = generatedPassword()
        let digest = secrets.hashPassword(password)
        let now = clock.now()
        try await store.write { session in
            guard let user = try await session.get(User.self, userId) else { throw ServiceError.notFound(User.self, userId) }
            try await session.setPasswordDigest(digest, for: userId)
            let ended = try await session.deleteSessions(of: userId, except: nil)
            try await Audit.note(.update, kind: "user", id: userId.rawValue,
                                 "reset the password of user \(user.username); \(ended) sessions ended", by: caller, at: now, in: session)
        }
        return password
    }

    /// Resets the password of a user named by username (the CLI).
    public func resetPassword(username: String, _ caller: Caller) async throws -> (user: User, password: String) {
        guard let (user, _) = try await store.read({ try await $0.passwordDigest(username: username) }) else {
            throw ServiceError(.notFound, "user '\(username)' does not exist")
        }
        return (user, try await resetPassword(of: user.id, caller))
    }

    public func user(_ id: User.ID, _ caller: Caller) async throws -> User {
        try caller.require(.view, .user(id: id))
        guard let user = try await store.read({ try await $0.get(User.self, id) }) else { throw ServiceError.notFound(User.self, id) }
        return user
    }

    /// The user a username names (the CLI).
    public func user(named username: String) async throws -> User {
        guard let (user, _) = try await store.read({ try await $0.passwordDigest(username: username) }) else {
            throw ServiceError(.notFound, "user '\(username)' does not exist")
        }
        return user
    }

    static func checkNewPassword(_ password: String, field: String) throws(ServiceError) {
        guard password.count >= minimumPasswordLength else {
            throw ServiceError.invalid(field: field, "the new password must have at least \(minimumPasswordLength) characters")
        }
    }

    /// A user acting on their own credentials, the system, or the admin (whom the permission policy lets update
    /// any user).
    static func requireSelfOrAdmin(_ userId: User.ID, _ caller: Caller) throws(ServiceError) {
        if let me = caller.userId, me == userId { return }
        try caller.require(.update, .user(id: userId))
    }
}

/// Deactivating or deleting a user ends their sessions and API tokens in the same transaction; an administrator
/// cannot deactivate themselves or change their own role (another one must), so a server keeps an admin.
extension User {
    public static func didChange(_ record: User, in session: any StoreSession) async throws {
        if record.active, try await session.get(User.self, record.id) != nil { return }
        _ = try await session.deleteSessions(of: record.id, except: nil)
        _ = try await session.deleteAPITokens(of: record.id)
    }

    public static func authorize(change record: User, from existing: User, by caller: Caller) throws {
        guard let me = caller.userId, me == existing.id else { return }
        if existing.active && !record.active {
            throw ServiceError(.conflict, "you cannot deactivate your own account; another administrator must")
        }
        if existing.role != record.role {
            throw ServiceError(.conflict, "you cannot change your own role; another administrator must")
        }
    }
}

/// The store did not give back a token it had just stored: Gantry's fault, a 500.
struct TokenNotStored: Error {}

extension String {
    func trimmingWhitespace() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
