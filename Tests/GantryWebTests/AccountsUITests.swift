import Foundation
import GantryModel
import GantryServices
import GantryWeb
import HTTPTypes
import Testing

/// The account pages as people use them: `/admin/users` for the administrator only, `/account` for everyone;
/// every form needs the session's CSRF token; a generated password or token is shown once and works.
@Suite("Account and user pages")
struct AccountsUITests {
    static func page(_ c: Harness.Client, _ path: String, _ session: String) async throws -> Harness.Reply {
        try await c.send(.get, path, as: nil, headers: [.cookie: "gantry_session=\(session)"])
    }

    static func csrf(_ c: Harness.Client, _ session: String) async throws -> String {
        try #require(UITests.hidden("csrf_token", in: try await page(c, "/account", session).text))
    }

    /// Posts a form with the session's CSRF token (or without any when `csrf` is false).
    static func post(_ c: Harness.Client, _ path: String, _ session: String, _ fields: [String: String] = [:],
                     csrf: Bool = true) async throws -> Harness.Reply {
        var all = fields
        if csrf { all["csrf_token"] = try await Self.csrf(c, session) }
        let body = all.sorted { $0.key < $1.key }
            .map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
            .joined(separator: "&")
        return try await c.send(.post, path, as: nil, headers: ScheduleUITests.form(session, ""), body: body)
    }

    /// Signs in through the real login form; the session cookie, or nil when refused.
    static func login(_ c: Harness.Client, _ username: String, _ password: String) async throws -> String? {
        let form = try await c.send(.get, "/login", as: nil)
        let token = try #require(UITests.hidden("csrf_token", in: form.text))
        let body = "csrf_token=\(token)&username=\(username)&password=\(password.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
        let reply = try await c.send(.post, "/login", as: nil, headers: [
            .contentType: "application/x-www-form-urlencoded", .cookie: "gantry_login_csrf=\(token)",
        ], body: body)
        return reply.status == .seeOther ? UITests.cookie("gantry_session", in: reply.headers)?.value : nil
    }

    /// The value a page shows once.
    static func secret(_ html: String) -> String? {
        guard let start = html.range(of: #"id="secret-value">"#), let end = html[start.upperBound...].range(of: "</code>") else { return nil }
        return String(html[start.upperBound..<end.lowerBound])
    }

    static func signIn(_ harness: Harness, _ role: Role) async throws -> String {
        try await StageGateUITests.signIn(harness, role)
    }

    @Test("only the administrator sees and uses the user pages; others get 403 with the reason and change nothing")
    func adminOnly() async throws {
        let harness = try await Harness.make()
        let admin = try await Self.signIn(harness, .admin), pmo = try await Self.signIn(harness, .pmoDirector)
        let target = try #require(harness.users[.teamMember])
        try await harness.test { (c: Harness.Client) async throws in
            let mine = try await Self.page(c, "/account", pmo)
            #expect(mine.status == .ok)
            #expect(mine.text.contains(#"<a href="/account" id="nav-account" aria-current="page">Account</a>"#))
            #expect(!mine.text.contains(#"href="/admin/users""#), "no Users link for others")
            #expect(try await Self.page(c, "/admin/users", admin).text.contains(#"id="nav-users" aria-current="page">Users</a>"#))

            for path in ["/admin/users", "/admin/users/\(target.id)"] {
                let refused = try await Self.page(c, path, pmo)
                #expect(refused.status == .forbidden, "\(path)")
                #expect(refused.text.contains("Only the administrator manages users"), "\(path)")
            }
            let before = try await c.send(.get, "/api/v1/users").items.count
            let create = try await Self.post(c, "/admin/users", pmo, ["username": "eve", "display_name": "Eve", "role": "admin"])
            #expect(create.status == .forbidden)
            let reset = try await Self.post(c, "/admin/users/\(target.id)/password-reset", pmo)
            #expect(reset.status == .forbidden)
            let deactivate = try await Self.post(c, "/admin/users/\(target.id)/active", pmo, ["active": "false"])
            #expect(deactivate.status == .forbidden)
            #expect(try await c.send(.get, "/api/v1/users").items.count == before)
            #expect(try await c.send(.get, "/api/v1/me", as: .teamMember).status == .ok, "the target still works")
            let api = try await c.send(.post, "/api/v1/users/\(target.id)/password-reset", as: .pmoDirector)
            #expect(api.status == .forbidden)
        }
    }

    @Test("the admin creates a user; the password shown once signs in; a duplicate is refused on the form")
    func createUser() async throws {
        let harness = try await Harness.make()
        let admin = try await Self.signIn(harness, .admin)
        let adminId = try #require(harness.users[.admin]).id.rawValue
        try await harness.test { (c: Harness.Client) async throws in
            let list = try await Self.page(c, "/admin/users", admin)
            #expect(list.status == .ok)
            #expect(list.text.contains(#"class="user-link">team.member</a>"#))
            let made = try await Self.post(c, "/admin/users", admin,
                                           ["username": "grace", "display_name": "Grace Hopper", "email": "grace@example.org", "role": "project_manager"])
            #expect(made.status == .created)
            let password = try #require(Self.secret(made.text))
            #expect(password.count >= Accounts.minimumPasswordLength)
            let session = try #require(try await Self.login(c, "grace", password), "the generated password signs in")
            let account = try await Self.page(c, "/account", session)
            #expect(account.text.contains(#"id="account-username">grace<"#))
            #expect(try await Self.login(c, "grace", "not the password") == nil)
            #expect(!(try await Self.page(c, "/admin/users", admin)).text.contains(password), "shown once, never again")

            let dup = try await Self.post(c, "/admin/users", admin, ["username": "grace", "display_name": "Twin", "role": "team_member"])
            #expect(dup.status == .conflict)
            #expect(dup.text.contains("a user named &#39;grace&#39; already exists"))
            #expect(dup.text.contains(#"value="Twin""#), "the form keeps what was typed")
            let bad = try await Self.post(c, "/admin/users", admin, ["username": "Bad Name", "display_name": "X", "role": "team_member"])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("username may hold only lowercase letters"))
            let users = try await c.send(.get, "/api/v1/users").items.compactMap { $0["username"]?.string }
            #expect(users.filter { $0 == "grace" }.count == 1 && !users.contains("Bad Name"))
            let trail = try await c.send(.get, "/api/v1/audit?kind=user&action=create").items
            #expect(trail.contains { $0["user_id"]?.int == adminId })
        }
    }

    @Test("a form without the session's CSRF token is refused with 403 and changes nothing")
    func csrfRequired() async throws {
        let harness = try await Harness.make()
        let admin = try await Self.signIn(harness, .admin), member = try await Self.signIn(harness, .teamMember)
        let target = try #require(harness.users[.teamMember])
        try await harness.test { (c: Harness.Client) async throws in
            let token = try await Self.post(c, "/account/tokens", member, ["name": "forged"], csrf: false)
            #expect(token.status == .forbidden)
            #expect(token.text.contains("CSRF"))
            let password = try await Self.post(c, "/account/password", member, [
                "current_password": Harness.password, "new_password": "forged password", "new_password_again": "forged password",
            ], csrf: false)
            #expect(password.status == .forbidden)
            let user = try await Self.post(c, "/admin/users", admin, ["username": "forged", "display_name": "F", "role": "admin"], csrf: false)
            #expect(user.status == .forbidden)
            let off = try await Self.post(c, "/admin/users/\(target.id)/active", admin, ["active": "false"], csrf: false)
            #expect(off.status == .forbidden)

            #expect(try await c.send(.get, "/api/v1/me/tokens", as: .teamMember).items.count == 1, "only the harness's token")
            #expect(try await Self.login(c, "team.member", Harness.password) != nil, "the password is unchanged")
            #expect(try await c.send(.get, "/api/v1/users?role=admin").items.count == 1)
            #expect(try await c.send(.get, "/api/v1/me", as: .teamMember).status == .ok, "still active")
        }
    }

    @Test("changing the password: a wrong current one is refused on the page; then the new one works, other sessions end")
    func changePassword() async throws {
        let harness = try await Harness.make()
        let here = try await Self.signIn(harness, .teamMember), there = try await Self.signIn(harness, .teamMember)
        try await harness.test { (c: Harness.Client) async throws in
            let wrong = try await Self.post(c, "/account/password", here, [
                "current_password": "not my password", "new_password": "a brand new secret", "new_password_again": "a brand new secret",
            ])
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.text.contains(#"id="password-error""#) && wrong.text.contains("the current password is wrong"))
            let differ = try await Self.post(c, "/account/password", here, [
                "current_password": Harness.password, "new_password": "a brand new secret", "new_password_again": "a brand new secreT",
            ])
            #expect(differ.status == .unprocessableContent)
            #expect(differ.text.contains("the two new passwords differ"))
            let short = try await Self.post(c, "/account/password", here, [
                "current_password": Harness.password, "new_password": "short", "new_password_again": "short",
            ])
            #expect(short.status == .unprocessableContent)
            #expect(short.text.contains("at least \(Accounts.minimumPasswordLength) characters"))
            #expect(try await Self.login(c, "team.member", Harness.password) != nil, "the old password still works")
            #expect(try await Self.page(c, "/account", there).status == .ok, "nothing ended yet")

            let done = try await Self.post(c, "/account/password", here, [
                "current_password": Harness.password, "new_password": "a brand new secret", "new_password_again": "a brand new secret",
            ])
            #expect(done.status == .seeOther)
            #expect(done.headers[.location] == "/account?done=password")
            let after = try await Self.page(c, "/account?done=password", here)
            #expect(after.status == .ok, "the session that changed it stays signed in")
            #expect(after.text.contains(#"id="account-done""#))
            #expect(try await Self.page(c, "/account", there).status == .seeOther, "the other session ended")
            #expect(try await Self.login(c, "team.member", Harness.password) == nil)
            #expect(try await Self.login(c, "team.member", "a brand new secret") != nil)
        }
    }

    @Test("a token made on the account page works as a bearer, and gets 401 the moment it is revoked")
    func tokenLifecycle() async throws {
        let harness = try await Harness.make()
        let member = try await Self.signIn(harness, .teamMember)
        try await harness.test { (c: Harness.Client) async throws in
            let empty = try await Self.post(c, "/account/tokens", member, ["name": "  "])
            #expect(empty.status == .unprocessableContent)
            #expect(empty.text.contains(#"id="token-error""#))
            let made = try await Self.post(c, "/account/tokens", member, ["name": "deploy <script>"])
            #expect(made.status == .created)
            let token = try #require(Self.secret(made.text))
            #expect(made.text.contains("deploy &lt;script&gt;"))
            let me = try await c.send(.get, "/api/v1/me", as: nil, headers: [.authorization: "Bearer \(token)"])
            #expect(me.status == .ok)
            #expect(me.string("username") == "team.member")

            let account = try await Self.page(c, "/account", member)
            #expect(account.text.contains(#"<td class="token-name">deploy &lt;script&gt;</td>"#))
            #expect(!account.text.contains(token), "the value is never shown again")
            let id = try #require(try await c.send(.get, "/api/v1/me/tokens", as: nil, headers: [.authorization: "Bearer \(token)"])
                .items.first { $0["name"]?.string == "deploy <script>" }?["id"]?.int)
            #expect(account.text.contains(#"action="/account/tokens/\#(id)/revoke""#))

            let revoke = try await Self.post(c, "/account/tokens/\(id)/revoke", member)
            #expect(revoke.status == .seeOther)
            let gone = try await c.send(.get, "/api/v1/me", as: nil, headers: [.authorization: "Bearer \(token)"])
            #expect(gone.status == .unauthorized, "revoked: no 5 s grace on this server")
            #expect(try await c.send(.get, "/api/v1/me", as: .teamMember).status == .ok, "the user's other token still works")
            let again = try await Self.post(c, "/account/tokens/\(id)/revoke", member)
            #expect(again.status == .notFound)
        }
    }

    @Test("the admin deactivates a user: their session and tokens stop at once; resets a password; revokes a token")
    func deactivateAndReset() async throws {
        let harness = try await Harness.make()
        let admin = try await Self.signIn(harness, .admin), member = try await Self.signIn(harness, .teamMember)
        let target = try #require(harness.users[.teamMember]), adminId = try #require(harness.users[.admin]).id
        try await harness.test { (c: Harness.Client) async throws in
            #expect(try await c.send(.get, "/api/v1/me", as: .teamMember).status == .ok)  // now cached on this server
            let page = try await Self.page(c, "/admin/users/\(target.id)", admin)
            #expect(page.text.contains(#"id="deactivate""#))
            #expect(page.text.contains(#"<td class="token-name">test</td>"#), "the admin sees the user's tokens")

            let selfOff = try await Self.post(c, "/admin/users/\(adminId)/active", admin, ["active": "false"])
            #expect(selfOff.status == .conflict)
            #expect(selfOff.text.contains("you cannot deactivate your own account"))

            let off = try await Self.post(c, "/admin/users/\(target.id)/active", admin, ["active": "false"])
            #expect(off.status == .seeOther)
            #expect(try await c.send(.get, "/api/v1/me", as: .teamMember).status == .unauthorized)
            #expect(try await Self.page(c, "/account", member).status == .seeOther, "signed out")
            #expect(try await Self.login(c, "team.member", Harness.password) == nil)
            #expect(try await Self.page(c, "/admin/users/\(target.id)", admin).text.contains(#"id="reactivate""#))
            #expect(try await c.send(.get, "/api/v1/audit?kind=user&action=update&record_id=\(target.id)").items.count == 1)

            #expect(try await Self.post(c, "/admin/users/\(target.id)/active", admin, ["active": "true"]).status == .seeOther)
            let reset = try await Self.post(c, "/admin/users/\(target.id)/password-reset", admin)
            #expect(reset.status == .ok)
            let password = try #require(Self.secret(reset.text))
            #expect(try await Self.login(c, "team.member", Harness.password) == nil)
            let session = try #require(try await Self.login(c, "team.member", password))

            let role = try await Self.post(c, "/admin/users/\(target.id)/role", admin, ["role": "project_manager"])
            #expect(role.status == .seeOther)
            #expect(try await c.send(.get, "/api/v1/users/\(target.id)").string("role") == "project_manager")

            // The admin revokes a token the user made.
            let made = try await Self.post(c, "/account/tokens", session, ["name": "laptop"])
            let token = try #require(Self.secret(made.text))
            #expect(try await c.send(.get, "/api/v1/me", as: nil, headers: [.authorization: "Bearer \(token)"]).status == .ok)
            let id = try #require(try await c.send(.get, "/api/v1/me/tokens", as: nil, headers: [.authorization: "Bearer \(token)"]).items.first?["id"]?.int)
            #expect(try await Self.post(c, "/admin/users/\(adminId)/tokens/\(id)/revoke", admin).status == .notFound,
                    "a token is revoked under its own user")
            #expect(try await Self.post(c, "/admin/users/\(target.id)/tokens/\(id)/revoke", admin).status == .seeOther)
            #expect(try await c.send(.get, "/api/v1/me", as: nil, headers: [.authorization: "Bearer \(token)"]).status == .unauthorized)
        }
    }
}
