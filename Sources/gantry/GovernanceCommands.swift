import ArgumentParser
import Foundation
import GantryModel
import GantryServices
import GantryStorage
import GantryWeb

/// Governance from the command line, for scripts on the server's machine: a portfolio's ranked intake queue and a
/// user's inbox, as a table or JSON.
struct IntakeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "intake", abstract: "Intake requests: the ranked queue of a portfolio.", subcommands: [Queue.self])

    struct Queue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List a portfolio's pending requests ranked by its scoring model (unscored ones last, with why).",
            discussion: """
                Example:  gantry intake queue --portfolio DIG --json | jq '.entries[0].request.title'
                """)

        @Option(help: ArgumentHelp("The portfolio's code.", valueName: "code"))
        var portfolio: String

        @Flag(help: "Print JSON (the same document as GET /api/v1/portfolios/{id}/intake-queue).")
        var json = false

        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            let settings = Settings(db)
            let logger = Runtime.bootstrapLogging(level: try settings.logLevel())
            let code = portfolio
            let (entries, scoring) = try await Runtime.withStore(settings, logger: logger) { store in
                guard let p = try await store.read({ try await $0.list(Portfolio.self, ListQuery(filters: ["code": .text(code)], limit: 1)) }).first else {
                    throw CLIError("no portfolio has the code '\(code)'; `gantry` lists them at /portfolios or GET /api/v1/portfolios")
                }
                return try await Intake(store: store, clock: SystemClock()).queue(p.id, .system)
            }
            if json {
                struct Document: Encodable { var portfolio: String; var scoring: Intake.ScoringSummary?; var entries: [Intake.QueueEntry] }
                say(String(decoding: try JSONValueEncoder().encode(Document(portfolio: code, scoring: scoring, entries: entries)).serialized(),
                           as: UTF8.self))
                return
            }
            if let warning = scoring?.warning { say("note: \(warning)") }
            say("rank  score  id     state       title")
            for e in entries {
                say((e.rank.map(String.init) ?? "-").padding(toLength: 6, withPad: " ", startingAt: 0)
                    + (e.score.map { String(format: "%5.2f", $0) } ?? "    -") + "  "
                    + String(e.request.id.rawValue).padding(toLength: 7, withPad: " ", startingAt: 0)
                    + e.request.status.label.padding(toLength: 12, withPad: " ", startingAt: 0)
                    + e.request.title + (e.note.map { "  (\($0))" } ?? ""))
            }
            if entries.isEmpty { say("(nothing waiting)") }
        }
    }
}

struct InboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inbox",
        abstract: "What waits for a user: requests, gates, status reports, change requests; overdue first.",
        discussion: """
            Example, a morning mail for the PMO director:  gantry inbox --user dana.director
            """)

    @Option(help: ArgumentHelp("The user whose inbox to show.", valueName: "username"))
    var user: String

    @Flag(help: "Print JSON (the same items as GET /api/v1/inbox).")
    var json = false

    @OptionGroup var db: DatabaseOptions

    func run() async throws {
        let settings = Settings(db)
        let logger = Runtime.bootstrapLogging(level: try settings.logLevel())
        let name = user
        let items = try await Runtime.withStore(settings, logger: logger) { store in
            guard let u = try await store.read({ try await $0.list(User.self, ListQuery(filters: ["username": .text(name)], limit: 1)) }).first else {
                throw CLIError("no user is named '\(name)'; `gantry user list` shows them")
            }
            return try await Inbox(store: store, clock: SystemClock()).items(.user(u))
        }
        if json {
            struct Document: Encodable { var items: [Inbox.Item] }
            say(String(decoding: try JSONValueEncoder().encode(Document(items: items)).serialized(), as: UTF8.self))
            return
        }
        if items.isEmpty { say("Nothing waits for \(name).") }
        for i in items {
            let due = i.due.map { " due \($0)" + (i.overdue ? " OVERDUE" : "") } ?? ""
            say("\(i.kind.replacingOccurrences(of: "_", with: " ")): \(i.title)\(due) — \(i.detail)")
        }
    }
}
