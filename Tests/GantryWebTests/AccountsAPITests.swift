import Foundation
import GantryModel
import GantryServices
import GantryStorage
import GantryWeb
import HTTPTypes
import Testing

/// `/api/v1/me/tokens`, `/api/v1/me/password`, `/api/v1/users/{id}/password-reset`, and deactivation through
/// `PATCH /api/v1/users/{id}`.
@Suite("Accounts API")
struct AccountsAPITests {
    static func bearer(_ token: String) -> HTTPFields { [.authorization: "Bearer \(token)"] }

    @Test("a caller lists, creates and revokes their own tokens; a revoked token gets 401; others' tokens are out of reach")
    func tokens() async throws {
        try await Harness.make().test { (c: Harness.Client) async throws in
            let initial = try await c.send(.get, "/api/v1/me/tokens", as: .projectManager)
            #expect(initial.status == .ok)
            #expect(initial.items.count == 1)
            #expect(initial.items.first?["name"]?.string == "test")
            #expect(initial.items.first?["last_used_at"]?.string != nil, "this very request used it")
            #expect(initial.items.first?["token"] == nil && initial.items.first?["token_digest"] == nil)

            let made = try await c.send(.post, "/api/v1/me/tokens", as: .projectManager, json: #"{"name":"build server"}"#)
            #expect(made.status == .created)
            let token = try #require(made.string("token"))
            let id = try #require(made.int("id"))
            #expect(made.string("name") == "build server" && made.string("created_at") == "2026-11-28T12:00:00.000Z")
            let me = try await c.send(.get, "/api/v1/me", as: nil, headers: Self.bearer(token))
            #expect(me.string("username") == "project.manager")
            let listed = try await c.send(.get, "/api/v1/me/tokens", as: nil, headers: Self.bearer(token)).items
            let ids: [Int64] = listed.compactMap { $0["id"]?.int }
            #expect(ids.contains(id))

            let missing = try await c.send(.post, "/api/v1/me/tokens", as: .projectManager, json: #"{"label":"x"}"#)
            #expect(missing.status == .unprocessableContent)
            #expect(Set(missing.problemFields) == ["label", "name"])
            #expect(try await c.send(.post, "/api/v1/me/tokens", as: .projectManager, json: #"{"name":7}"#).problemFields == ["name"])

            // Another user, even the admin, cannot revoke it through /me.
            #expect(try await c.send(.delete, "/api/v1/me/tokens/\(id)", as: .admin).status == .notFound)
            #expect(try await c.send(.delete, "/api/v1/me/tokens/\(id)", as: .teamMember).status == .notFound)
            #expect(try await c.send(.get, "/api/v1/me", as: nil, headers: Self.bearer(token)).status == .ok)

            #expect(try await c.send(.delete, "/api/v1/me/tokens/\(id)", as: .projectManager).status == .noContent)
            let revoked = try await c.send(.get, "/api/v1/me", as: nil, headers: Self.bearer(token))
            #expect(revoked.status == .unauthorized)
            #expect(try await c.send(.delete, "/api/v1/me/tokens/\(id)", as: .projectManager).status == .notFound)
            let trail = try await c.send(.get, "/api/v1/audit?kind=api_token&record_id=\(id)").items.compactMap { $0["action"]?.string }
            #expect(trail == ["delete", "create"])
        }
    }

    @Test("changing one's password over the API: a wrong current one is 422 on current_password and changes nothing")
    func password() async throws {
        let harness = try await Harness.make()
        let accounts = harness.backend.accounts
        try await harness.test { (c: Harness.Client) async throws in
            let wrong = try await c.send(.post, "/api/v1/me/password", as: .executive,
                                         json: #"{"current_password":"nope","new_password":"a new long secret"}"#)
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.problemFields == ["current_password"])
            #expect(wrong.string("detail")?.contains("the current password is wrong") == true)
            _ = try await accounts.signIn(username: "executive", password: Harness.password)

            let ok = try await c.send(.post, "/api/v1/me/password", as: .executive,
                                      json: #"{"current_password":"\#(Harness.password)","new_password":"a new long secret"}"#)
            #expect(ok.status == .noContent)
            await #expect(throws: ServiceError.self) {
                try await accounts.signIn(username: "executive", password: Harness.password)
            }
            _ = try await accounts.signIn(username: "executive", password: "a new long secret")
        }
    }

    @Test("the admin resets a password over the API; anyone else gets 403")
    func reset() async throws {
        let harness = try await Harness.make()
        let requester = try #require(harness.users[.requester])
        let session = try await harness.backend.accounts.signIn(username: "requester", password: Harness.password)
        let accounts = harness.backend.accounts
        try await harness.test { (c: Harness.Client) async throws in
            let refused = try await c.send(.post, "/api/v1/users/\(requester.id)/password-reset", as: .pmoDirector)
            #expect(refused.status == .forbidden)
            #expect(try await c.send(.post, "/api/v1/users/999999/password-reset").status == .notFound)
            let reply = try await c.send(.post, "/api/v1/users/\(requester.id)/password-reset")
            #expect(reply.status == .ok)
            let password = try #require(reply.string("password"))
            #expect(reply.string("username") == "requester")
            #expect(try await accounts.session(token: session.token) == nil, "the sessions ended")
            _ = try await accounts.signIn(username: "requester", password: password)
        }
    }

    @Test("PATCH active: false ends the user's sessions and deletes their tokens; they get 401")
    func deactivate() async throws {
        let harness = try await Harness.make()
        let analyst = try #require(harness.users[.pmoAnalyst])
        let session = try await harness.backend.accounts.signIn(username: "pmo.analyst", password: Harness.password)
        let store = harness.store, me = try #require(harness.users[.admin])
        try await harness.test { (c: Harness.Client) async throws in
            let off = try await c.send(.patch, "/api/v1/users/\(analyst.id)", json: #"{"active":false}"#)
            #expect(off.status == .ok)
            #expect(try await c.send(.get, "/api/v1/me", as: .pmoAnalyst).status == .unauthorized)
            let page = try await c.send(.get, "/portfolios", as: nil, headers: [.cookie: "gantry_session=\(session.token)"])
            #expect(page.status == .seeOther, "the session ended")
            #expect(try await store.read { try await $0.apiTokens(of: analyst.id) }.isEmpty)
            let selfOff = try await c.send(.patch, "/api/v1/users/\(me.id)", json: #"{"active":false}"#)
            #expect(selfOff.status == .conflict)
            #expect(try await c.send(.get, "/api/v1/me").status == .ok)
        }
    }
}
