import ArgumentParser
import Foundation
import Testing
@testable import gantry

/// `gantry user passwd`, `gantry token list` and `gantry token revoke`: what they take, and help that teaches.
@Suite("Account commands")
struct AccountCommandTests {
    @Test("user passwd takes a username; token list takes --user; token revoke takes a numeric id")
    func parse() throws {
        let passwd = try #require(try Gantry.parseAsRoot(["user", "passwd", "alice", "--database", "a.sqlite"]) as? UserCommand.Passwd)
        #expect(passwd.username == "alice" && passwd.db.database == "a.sqlite")
        let list = try #require(try Gantry.parseAsRoot(["token", "list", "--user", "alice", "--json"]) as? TokenCommand.List)
        #expect(list.user == "alice" && list.json)
        let revoke = try #require(try Gantry.parseAsRoot(["token", "revoke", "12"]) as? TokenCommand.Revoke)
        #expect(revoke.id == 12)
    }

    @Test("they refuse what is missing or malformed", arguments: [
        ["user", "passwd"], ["token", "list"], ["token", "revoke"], ["token", "revoke", "twelve"],
    ])
    func refusals(arguments: [String]) {
        #expect(throws: (any Error).self) { try Gantry.parseAsRoot(arguments) }
    }

    @Test("help says what each does and shows an example")
    func help() {
        #expect(Gantry.helpMessage(for: UserCommand.self).contains("passwd"))
        #expect(Gantry.helpMessage(for: TokenCommand.self).contains("revoke"))
        #expect(Gantry.helpMessage(for: UserCommand.Passwd.self).contains("gantry user passwd alice"))
        #expect(Gantry.helpMessage(for: TokenCommand.List.self).contains("gantry token list --user alice"))
        #expect(Gantry.helpMessage(for: TokenCommand.Revoke.self).contains("gantry token list --user NAME"))
    }
}
