import ArgumentParser
import Foundation
import GantryModel
import GantryServices
import GantryWeb

/// `gantry user passwd`, `gantry token list` and `gantry token revoke`: the same `Accounts` use cases as the pages
/// and the API, run as the system on the server's own machine. A running server notices a revoked token or a
/// reset password within its 5-second credential cache.
extension UserCommand {
    struct Passwd: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Give a user a new generated password and print it (shown only once).",
            discussion: """
                The old password stops working and every browser session of the user ends; their API tokens keep \
                working (revoke them with 'gantry token revoke'). Use it when a user, or the last administrator, \
                lost their password:
                  gantry user passwd alice
                  gantry user passwd alice --database postgres://gantry:pw@db/gantry
                """)

        @Argument(help: "The username whose password is reset.")
        var username: String

        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            let settings = Settings(db)
            let logger = Runtime.bootstrapLogging(level: try settings.logLevel())
            let (user, password) = try await Runtime.withStore(settings, logger: logger) { store in
                try await Accounts(store: store, clock: SystemClock(), secrets: SystemSecrets())
                    .resetPassword(username: username, .system)
            }
            say("New password for '\(user.username)' (id \(user.id)); their sessions were ended.")
            say("Password: \(password)")
        }
    }
}

extension TokenCommand {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List a user's API tokens: id, name, created, last used (never the token itself).",
            discussion: """
                The id is what 'gantry token revoke' takes. Last use is recorded to the minute.
                  gantry token list --user alice
                  gantry token list --user alice --json
                """)

        @Option(help: ArgumentHelp("The user whose tokens are listed.", valueName: "username"))
        var user: String

        @Flag(help: "Print JSON instead of a table.")
        var json = false

        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            let settings = Settings(db)
            let logger = Runtime.bootstrapLogging(level: try settings.logLevel())
            let tokens = try await Runtime.withStore(settings, logger: logger) { store in
                let accounts = Accounts(store: store, clock: SystemClock(), secrets: SystemSecrets())
                return try await accounts.tokens(of: try await accounts.user(named: user).id, .system)
            }
            if json {
                struct Row: Encodable {
                    var id: Int64, name: String, createdAt: String, lastUsedAt: String?
                    func encode(to encoder: any Encoder) throws {
                        var c = encoder.container(keyedBy: CodingKeys.self)
                        try c.encode(id, forKey: .id)
                        try c.encode(name, forKey: .name)
                        try c.encode(createdAt, forKey: .createdAt)
                        try c.encode(lastUsedAt, forKey: .lastUsedAt)  // null when never used
                    }
                    enum CodingKeys: String, CodingKey { case id, name, createdAt = "created_at", lastUsedAt = "last_used_at" }
                }
                let rows = tokens.map { Row(id: $0.id, name: $0.name, createdAt: $0.createdAt.description, lastUsedAt: $0.lastUsedAt?.description) }
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                say(String(decoding: try encoder.encode(rows), as: UTF8.self))
                return
            }
            if tokens.isEmpty {
                say("'\(user)' has no API tokens. Make one with:  gantry token create --user \(user)")
                return
            }
            let width = max(4, tokens.map(\.name.count).max() ?? 0)
            say("id      " + "name".padding(toLength: width, withPad: " ", startingAt: 0) + "  created                   last used")
            for t in tokens {
                say(String(t.id).padding(toLength: 8, withPad: " ", startingAt: 0)
                    + t.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                    + t.createdAt.description + "  " + (t.lastUsedAt?.description ?? "never"))
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revoke an API token by its id: it stops working (within 5 s on a running server).",
            discussion: """
                Find the id with 'gantry token list --user NAME':
                  gantry token revoke 12
                """)

        @Argument(help: "The token's id, as 'gantry token list' prints it.")
        var id: Int64

        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            let settings = Settings(db)
            let logger = Runtime.bootstrapLogging(level: try settings.logLevel())
            let info = try await Runtime.withStore(settings, logger: logger) { store in
                try await Accounts(store: store, clock: SystemClock(), secrets: SystemSecrets()).revokeToken(id, .system)
            }
            say("Revoked API token \(info.id) '\(info.name)' of user \(info.userId).")
        }
    }
}
