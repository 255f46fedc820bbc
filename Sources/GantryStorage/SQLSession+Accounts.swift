import GantryModel
import GantryServices
import SQLKit

/// The SQL behind `CredentialStore`: a user's API tokens and sessions, the same on both databases.
extension SQLSession {
    func apiToken(digest: String) async throws -> APITokenInfo? {
        try await db.select().column("*").from("api_tokens")
            .where("token_digest", .equal, SQLBind(digest)).first().map(Self.tokenInfo)
    }

    func apiToken(id: Int64) async throws -> APITokenInfo? {
        try await db.select().column("*").from("api_tokens").where("id", .equal, SQLBind(id)).first().map(Self.tokenInfo)
    }

    func apiTokens(of user: User.ID) async throws -> [APITokenInfo] {
        try await db.select().column("*").from("api_tokens").where("user_id", .equal, SQLBind(user.rawValue))
            .orderBy("id").all().map(Self.tokenInfo)
    }

    func deleteAPIToken(id: Int64) async throws -> Bool {
        !(try await db.delete(from: "api_tokens").where("id", .equal, SQLBind(id)).returning("id").all()).isEmpty
    }

    func deleteAPITokens(of user: User.ID) async throws -> Int {
        try await db.delete(from: "api_tokens").where("user_id", .equal, SQLBind(user.rawValue)).returning("id").all().count
    }

    func markAPITokenUsed(id: Int64, at: Timestamp, unlessUsedSince notBefore: Timestamp) async throws {
        // Timestamps are fixed-width ISO text in UTC, so text order is time order.
        try await db.raw("""
            UPDATE api_tokens SET last_used_at = \(bind: at.description)
            WHERE id = \(bind: id) AND (last_used_at IS NULL OR last_used_at < \(bind: notBefore.description))
            """).run()
    }

    func deleteSessions(of user: User.ID, except keep: String?) async throws -> Int {
        let delete = db.delete(from: "sessions").where("user_id", .equal, SQLBind(user.rawValue))
        if let keep { delete.where("token_digest", .notEqual, SQLBind(keep)) }
        return try await delete.returning("token_digest").all().count
    }

    static func tokenInfo(_ row: any SQLRow) throws -> APITokenInfo {
        APITokenInfo(
            id: try row.decode(column: "id", as: Int64.self),
            userId: User.ID(try row.decode(column: "user_id", as: Int64.self)),
            name: try row.decode(column: "name", as: String.self),
            createdAt: Timestamp(iso: try row.decode(column: "created_at", as: String.self)) ?? Timestamp(millisecondsSinceEpoch: 0),
            lastUsedAt: try row.decode(column: "last_used_at", as: String?.self).flatMap { Timestamp(iso: $0) })
    }
}
