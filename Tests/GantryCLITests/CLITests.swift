import ArgumentParser
import Configuration
import Foundation
import Testing
@testable import gantry

/// The CLI parses what the README and `--help` promise, and refuses what it should with a message.
@Suite("Command line")
struct CLITests {
    @Test("serve takes host, port, database and demo")
    func serve() throws {
        let command = try Gantry.parseAsRoot(["serve", "--host", "0.0.0.0", "--port", "9000", "--database", "x.sqlite", "--demo"])
        let serve = try #require(command as? Serve)
        #expect(serve.host == "0.0.0.0")
        #expect(serve.port == 9000)
        #expect(serve.demo)
        #expect(serve.db.database == "x.sqlite")
    }

    @Test("settings come from flags first, then GANTRY_* environment variables, then defaults")
    func settings() throws {
        #expect(Settings(flags: [:]).databaseURL == (ProcessInfo.processInfo.environment["GANTRY_DATABASE_URL"] ?? "gantry.sqlite"))
        // An environment given to Settings, not set on the process: setenv races with threads starting subprocesses.
        let environment = ["GANTRY_HOST": "192.0.2.7"]
        #expect(Settings(flags: [:], environment: environment).host == "192.0.2.7")
        #expect(Settings(flags: ["gantry.host": ConfigValue(.string("127.0.0.9"), isSecret: false)], environment: environment).host == "127.0.0.9")
        let migrate = try #require(try Gantry.parseAsRoot(["migrate", "--database", "a.sqlite", "--log-level", "loud"]) as? Migrate)
        #expect(Settings(migrate.db).databaseURL == "a.sqlite")
        #expect(throws: (any Error).self) { try Settings(migrate.db).logLevel() }
    }

    @Test("user add and token create need their arguments", arguments: [
        ["user", "add"], ["token", "create"], ["serve", "--port", "eighty"],
    ])
    func refusals(arguments: [String]) {
        #expect(throws: (any Error).self) { try Gantry.parseAsRoot(arguments) }
    }

    @Test("help teaches: every command has an abstract and the root names the quick start")
    func help() {
        let root = Gantry.helpMessage()
        #expect(root.contains("gantry serve --demo"))
        for name in ["serve", "migrate", "user", "token", "demo", "version"] { #expect(root.contains(name)) }
        #expect(Gantry.helpMessage(for: UserCommand.Add.self).contains("--admin"))
        #expect(Gantry.helpMessage(for: TokenCommand.Create.self).contains("Authorization: Bearer"))
    }
}

