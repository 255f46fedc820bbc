import GantryModel
import GantryServices
import Synchronization

/// Remembers for a few seconds who a bearer token or a session cookie stands for, so a busy client does not cost
/// two database reads per request. Signing out through this server forgets the session at once; on other servers
/// (and after a user is deactivated) a cached answer lives at most `ttl`.
final class CredentialCache: Sendable {
    private struct Entry {
        var bearer: User?
        var session: SignedIn?
        var expires: ContinuousClock.Instant
    }

    private let entries = Mutex<[String: Entry]>([:])
    private let ttl: Duration
    private let capacity: Int

    init(ttl: Duration = .seconds(5), capacity: Int = 10_000) {
        self.ttl = ttl
        self.capacity = capacity
    }

    func user(bearer token: String, load: () async throws -> User?) async throws -> User? {
        let now = ContinuousClock.now
        if let hit = entries.withLock({ $0["b:" + token] }), hit.expires > now, let user = hit.bearer { return user }
        let user = try await load()
        if let user { store("b:" + token, Entry(bearer: user, session: nil, expires: now + ttl)) }
        return user
    }

    func session(token: String, load: () async throws -> SignedIn?) async throws -> SignedIn? {
        let now = ContinuousClock.now
        if let hit = entries.withLock({ $0["s:" + token] }), hit.expires > now, let session = hit.session { return session }
        let session = try await load()
        if let session { store("s:" + token, Entry(bearer: nil, session: session, expires: now + ttl)) }
        return session
    }

    func forget(session token: String) {
        _ = entries.withLock { $0.removeValue(forKey: "s:" + token) }
    }

    /// Forgets every token and session of a user: after a token is revoked, a password changed or reset, or the
    /// user deactivated, this server asks the database again at once.
    func forget(user id: User.ID) {
        entries.withLock { map in
            map = map.filter { $0.value.bearer?.id != id && $0.value.session?.user.id != id }
        }
    }

    private func store(_ key: String, _ entry: Entry) {
        entries.withLock { map in
            if map.count >= capacity { map.removeAll(keepingCapacity: true) }
            map[key] = entry
        }
    }
}
