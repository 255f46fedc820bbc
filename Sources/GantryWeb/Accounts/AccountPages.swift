import Foundation
import GantryModel
import GantryServices
import GantryGovernance
import Hummingbird
import Logging
import Mustache

/// `/account` (every signed-in user: password and API tokens) and `/admin/users` (the administrator: users,
/// roles, deactivation, password resets, anyone's tokens). The pages call the same `Accounts` and `Catalog` use
/// cases as the API, so the same rules and permissions hold; whatever ends a credential is also forgotten by this
/// server's `CredentialCache` at once.
struct AccountPages: Sendable {
    let backend: Backend
    let credentials: CredentialCache

    func register(on router: Router<GantryContext>) {
        router.get("account") { request, context in
            let auth = try UIRoutes.signedIn(context)
            let done = request.uri.queryParameters.get("done").flatMap { Self.doneMessages[$0] }
            return try await accountPage(auth, extra: ["done": done ?? ""])
        }
        router.post("account/password") { request, context in
            let (auth, form) = try await UIRoutes.postedForm(request, context)
            let new = form["new_password"] ?? ""
            do {
                guard new == form["new_password_again"] else {
                    throw ServiceError.invalid(field: "new_password_again", "the two new passwords differ; nothing was changed")
                }
                var keep: String?
                if case .session(let token, _) = auth.via { keep = token }
                try await backend.accounts.changePassword(current: form["current_password"] ?? "", new: new, keepSession: keep, auth.caller)
            } catch let error as ServiceError where error.code == .invalid {
                return try await accountPage(auth, extra: ["passwordError": error.message], status: error.code.httpStatus)
            }
            credentials.forget(user: auth.user.id)
            context.logger.info("password changed", metadata: ["user": .string(auth.user.username)])
            return Response(status: .seeOther, headers: [.location: "/account?done=password"])
        }
        router.post("account/tokens") { request, context in
            let (auth, form) = try await UIRoutes.postedForm(request, context)
            let made: NewAPIToken
            do {
                made = try await backend.accounts.createToken(for: auth.user.id, name: form["name"] ?? "", auth.caller)
            } catch let error as ServiceError where error.code == .invalid {
                return try await accountPage(auth, extra: ["tokenError": error.message, "tokenName": form["name"] ?? ""],
                                             status: error.code.httpStatus)
            }
            return Pages.html("accountSecret", [
                "heading": "New API token '\(made.info.name)'", "label": "Token", "secret": made.token,
                "explanation": "Send it as 'Authorization: Bearer <token>'; it acts as you until you revoke it.",
                "backHref": "/account", "backTitle": "your account",
            ], title: "New API token", auth: auth, status: .created, nav: "account")
        }
        router.post("account/tokens/:id/revoke") { request, context in
            let (auth, _) = try await UIRoutes.postedForm(request, context)
            let info = try await backend.accounts.revokeToken(try APIRoutes.id(context), owner: auth.user.id, auth.caller)
            credentials.forget(user: info.userId)
            return Response(status: .seeOther, headers: [.location: "/account?done=revoked"])
        }

        router.get("admin/users") { _, context in
            let auth = try Self.admin(context)
            return try await usersPage(auth)
        }
        router.post("admin/users") { request, context in
            let (auth, form) = try await UIRoutes.postedForm(request, context)
            try Self.requireAdmin(auth)
            let made: (user: User, password: String)
            do {
                guard let role = Role(rawValue: form["role"] ?? "") else {
                    throw ServiceError.invalid(field: "role", "role '\(form["role"] ?? "")' is not one of: \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                let email = (form["email"] ?? "").trimmingCharacters(in: .whitespaces)
                made = try await backend.accounts.createUser(
                    username: (form["username"] ?? "").trimmingCharacters(in: .whitespaces),
                    displayName: (form["display_name"] ?? "").trimmingCharacters(in: .whitespaces),
                    email: email.isEmpty ? nil : email, role: role, auth.caller)
            } catch let error as ServiceError where [.invalid, .conflict].contains(error.code) {
                return try await usersPage(auth, form: form, error: Self.describe(error), status: error.code.httpStatus)
            }
            context.logger.info("user created", metadata: ["new_user": .string(made.user.username)])
            return Pages.html("accountSecret", [
                "heading": "User '\(made.user.username)' created", "label": "Password of \(made.user.username)",
                "secret": made.password,
                "explanation": "\(made.user.displayName) signs in as '\(made.user.username)' with this password and can change it on their account page.",
                "backHref": "/admin/users/\(made.user.id)", "backTitle": made.user.username,
            ], title: "User created", auth: auth, status: .created, nav: "users")
        }
        router.get("admin/users/:id") { request, context in
            let auth = try Self.admin(context)
            let done = request.uri.queryParameters.get("done").flatMap { Self.doneMessages[$0] }
            return try await userPage(auth, User.ID(try APIRoutes.id(context)), done: done)
        }
        router.post("admin/users/:id/role") { request, context in
            let (auth, form) = try await UIRoutes.postedForm(request, context)
            try Self.requireAdmin(auth)
            let id = User.ID(try APIRoutes.id(context))
            do {
                guard let role = Role(rawValue: form["role"] ?? "") else {
                    throw ServiceError.invalid(field: "role", "role '\(form["role"] ?? "")' is not one of: \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                _ = try await backend.catalog.update(User.self, id, auth.caller) { $0.role = role }
            } catch let error as ServiceError where [.invalid, .conflict].contains(error.code) {
                return try await userPage(auth, id, error: Self.describe(error), status: error.code.httpStatus)
            }
            credentials.forget(user: id)
            return Response(status: .seeOther, headers: [.location: "/admin/users/\(id)?done=role"])
        }
        router.post("admin/users/:id/active") { request, context in
            let (auth, form) = try await UIRoutes.postedForm(request, context)
            try Self.requireAdmin(auth)
            let id = User.ID(try APIRoutes.id(context))
            guard let active = ["true": true, "false": false][form["active"] ?? ""] else {
                throw ServiceError.invalid(field: "active", "active must be 'true' or 'false'")
            }
            do {
                _ = try await backend.catalog.update(User.self, id, auth.caller) { $0.active = active }
            } catch let error as ServiceError where [.invalid, .conflict].contains(error.code) {
                return try await userPage(auth, id, error: Self.describe(error), status: error.code.httpStatus)
            }
            credentials.forget(user: id)
            context.logger.info("user \(active ? "reactivated" : "deactivated")", metadata: ["target": .stringConvertible(id)])
            return Response(status: .seeOther, headers: [.location: "/admin/users/\(id)?done=\(active ? "reactivated" : "deactivated")"])
        }
        router.post("admin/users/:id/password-reset") { request, context in
            let (auth, _) = try await UIRoutes.postedForm(request, context)
            try Self.requireAdmin(auth)
            let id = User.ID(try APIRoutes.id(context))
            let user = try await backend.accounts.user(id, auth.caller)
            let password = try await backend.accounts.resetPassword(of: id, auth.caller)
            credentials.forget(user: id)
            return Pages.html("accountSecret", [
                "heading": "New password for '\(user.username)'", "label": "Password of \(user.username)", "secret": password,
                "explanation": "The old password no longer works and \(user.displayName) is signed out everywhere.",
                "backHref": "/admin/users/\(id)", "backTitle": user.username,
            ], title: "Password reset", auth: auth, nav: "users")
        }
        router.post("admin/users/:id/tokens/:tid/revoke") { request, context in
            let (auth, _) = try await UIRoutes.postedForm(request, context)
            try Self.requireAdmin(auth)
            let id = User.ID(try APIRoutes.id(context))
            let text = context.parameters.get("tid") ?? ""
            guard let tid = Int64(text), tid > 0 else { throw ServiceError(.badRequest, "'\(text)' is not a token id") }
            let info = try await backend.accounts.revokeToken(tid, owner: id, auth.caller)
            credentials.forget(user: info.userId)
            return Response(status: .seeOther, headers: [.location: "/admin/users/\(id)?done=revoked"])
        }
    }

    static let doneMessages = [
        "password": "Your password was changed; your other sessions were signed out.",
        "revoked": "The API token was revoked; it no longer works.",
        "role": "The role was changed.",
        "deactivated": "The user was deactivated: their sessions ended and their API tokens were deleted.",
        "reactivated": "The user was reactivated; they sign in with their password (reset it if they lost it).",
    ]

    /// The administrator, or 403 with the policy's reason.
    static func admin(_ context: GantryContext) throws -> Authenticated {
        let auth = try UIRoutes.signedIn(context)
        try requireAdmin(auth)
        return auth
    }

    static func requireAdmin(_ auth: Authenticated) throws {
        do {
            try auth.caller.require(.update, .user(id: nil))
        } catch let error as ServiceError {
            throw ServiceError(.forbidden, "Only the administrator manages users. \(error.message)")
        }
    }

    /// A refusal with its field-level messages, for a page.
    static func describe(_ error: ServiceError) -> String {
        let fields = error.problems.map(\.message).filter { $0 != error.message }
        return ([error.message] + fields).joined(separator: "; ")
    }

    static func shown(_ t: Timestamp?) -> String {
        guard let t else { return "never" }
        let iso = t.description
        return String(iso.prefix(10)) + " " + String(iso.dropFirst(11).prefix(5)) + " UTC"
    }

    func tokenTable(_ tokens: [APITokenInfo], csrf: String, action: (APITokenInfo) -> String) -> String {
        Pages.library.render([
            "tokens": tokens.map { t -> [String: Any] in
                ["id": String(t.id), "name": t.name, "created": Self.shown(t.createdAt), "lastUsed": Self.shown(t.lastUsedAt),
                 "revokeAction": action(t), "csrf": csrf]
            },
        ], withTemplate: "accountTokens") ?? ""
    }

    func accountPage(_ auth: Authenticated, extra: [String: Any] = [:], status: HTTPResponse.Status = .ok) async throws -> Response {
        let me = auth.user
        let tokens = try await backend.accounts.tokens(of: me.id, auth.caller)
        let csrf = Pages.csrf(auth)
        var values: [String: Any] = [
            "username": me.username, "displayName": me.displayName, "role": me.role.title, "email": me.email ?? "",
            "csrf": csrf, "minimum": Accounts.minimumPasswordLength, "maxName": Accounts.maximumTokenNameLength,
            "tokenTable": tokenTable(tokens, csrf: csrf) { "/account/tokens/\($0.id)/revoke" },
        ]
        for (k, v) in extra { values[k] = v }
        return Pages.html("account", values, title: "Your account", auth: auth, status: status, nav: "account")
    }

    func usersPage(_ auth: Authenticated, form: [String: String] = [:], error: String? = nil,
                   status: HTTPResponse.Status = .ok) async throws -> Response {
        let users = try await backend.accounts.users(auth.caller)
        let rows: [[String: Any]] = users.map {
            ["id": $0.id.description, "username": $0.username, "displayName": $0.displayName, "role": $0.role.title,
             "active": $0.active, "created": Self.shown($0.createdAt)]
        }
        let chosen = form["role"] ?? Role.teamMember.rawValue
        return Pages.html("adminUsers", [
            "rows": rows, "csrf": Pages.csrf(auth), "error": error ?? "",
            "username": form["username"] ?? "", "displayName": form["display_name"] ?? "", "email": form["email"] ?? "",
            "roles": Role.allCases.map { ["value": $0.rawValue, "title": $0.title, "selected": $0.rawValue == chosen] },
        ], title: "Users", auth: auth, status: status, nav: "users")
    }

    func userPage(_ auth: Authenticated, _ id: User.ID, done: String? = nil, error: String? = nil,
                  status: HTTPResponse.Status = .ok) async throws -> Response {
        let user = try await backend.accounts.user(id, auth.caller)
        let tokens = try await backend.accounts.tokens(of: id, auth.caller)
        let csrf = Pages.csrf(auth)
        return Pages.html("adminUser", [
            "id": id.description, "username": user.username, "displayName": user.displayName, "email": user.email ?? "",
            "roleTitle": user.role.title, "active": user.active, "created": Self.shown(user.createdAt), "csrf": csrf,
            "done": done ?? "", "error": error ?? "",
            "roles": Role.allCases.map { ["value": $0.rawValue, "title": $0.title, "selected": $0 == user.role] },
            "tokenTable": tokenTable(tokens, csrf: csrf) { "/admin/users/\(id)/tokens/\($0.id)/revoke" },
        ], title: user.username, auth: auth, status: status, nav: "users")
    }

    /// The layout's nav flags for these pages: called by `Pages.html`.
    static func nav(_ auth: Authenticated, _ nav: String?, into user: inout [String: Any]) {
        if nav == "account" { user["navAccount"] = true }
        if nav == "users" { user["navUsers"] = true }
        if auth.user.role == .admin { user["isAdmin"] = true }
    }
}
