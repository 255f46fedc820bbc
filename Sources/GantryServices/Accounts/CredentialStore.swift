public import GantryModel

/// A bearer token as its owner and the admin see it: never the token, never its digest.
public struct APITokenInfo: Sendable, Hashable {
    public var id: Int64
    public var userId: User.ID
    public var name: String
    public var createdAt: Timestamp
    /// When the token last authenticated a request; recorded at most once a minute (`Accounts.tokenUseResolution`).
    public var lastUsedAt: Timestamp?

    public init(id: Int64, userId: User.ID, name: String, createdAt: Timestamp, lastUsedAt: Timestamp? = nil) {
        self.id = id; self.userId = userId; self.name = name; self.createdAt = createdAt; self.lastUsedAt = lastUsedAt
    }
}

/// What the accounts use cases need from a unit of work beyond `insertSession`/`insertToken`: finding, listing and
/// ending a user's sessions and API tokens. Part of `StoreSession`, so every change commits with the rest of its
/// transaction.
public protocol CredentialStore: Sendable {
    /// The token with this digest, with its id and last use.
    func apiToken(digest: String) async throws -> APITokenInfo?
    func apiToken(id: Int64) async throws -> APITokenInfo?
    /// A user's tokens, oldest first.
    func apiTokens(of user: User.ID) async throws -> [APITokenInfo]
    /// Deletes one token; false when there was none with that id.
    func deleteAPIToken(id: Int64) async throws -> Bool
    /// Deletes every token of a user and returns how many there were.
    func deleteAPITokens(of user: User.ID) async throws -> Int
    /// Records a use of a token at `at` unless a use at or after `notBefore` is already recorded (so several
    /// servers do not each write on every request).
    func markAPITokenUsed(id: Int64, at: Timestamp, unlessUsedSince notBefore: Timestamp) async throws
    /// Ends every session of a user except the one with digest `keep`, and returns how many ended.
    func deleteSessions(of user: User.ID, except keep: String?) async throws -> Int
}
