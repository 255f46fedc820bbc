import Foundation
import GantryModel
import GantryServices
import GantryGovernance
import Hummingbird

/// The accounts' JSON API: the caller's own tokens and password, and the admin's password reset. Deactivation
/// is the generic `PATCH /api/v1/users/{id}` with `active: false` (the service ends the user's sessions and tokens).
struct AccountRoutes: Sendable {
    let backend: Backend
    let credentials: CredentialCache

    struct TokenJSON: Encodable {
        var id: Int64
        var name: String
        var createdAt: Timestamp
        var lastUsedAt: Timestamp?

        init(_ t: APITokenInfo) { id = t.id; name = t.name; createdAt = t.createdAt; lastUsedAt = t.lastUsedAt }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(name, forKey: .name)
            try c.encode(createdAt, forKey: .createdAt)
            try c.encode(lastUsedAt, forKey: .lastUsedAt)  // null when never used, never absent
        }

        enum CodingKeys: String, CodingKey { case id, name, createdAt, lastUsedAt }
    }

    struct NewTokenJSON: Encodable {
        var id: Int64
        var name: String
        var token: String
        var createdAt: Timestamp
    }

    struct TokenList: Encodable { var items: [TokenJSON] }

    struct ResetJSON: Encodable {
        var userId: Int64
        var username: String
        var password: String
    }

    func register(on router: Router<GantryContext>) {
        let api = router.group("api/v1")
        api.get("me/tokens") { _, context in
            let auth = try Self.signedIn(context)
            let tokens = try await backend.accounts.tokens(of: auth.user.id, auth.caller)
            return try Wire.response(TokenList(items: tokens.map(TokenJSON.init)))
        }
        api.post("me/tokens") { request, context in
            let auth = try Self.signedIn(context)
            let body = try await Self.fields(request, context, required: ["name"])
            let made = try await backend.accounts.createToken(for: auth.user.id, name: body["name"] ?? "", auth.caller)
            return try Wire.response(
                NewTokenJSON(id: made.info.id, name: made.info.name, token: made.token, createdAt: made.info.createdAt),
                status: .created)
        }
        api.delete("me/tokens/:id") { _, context in
            let auth = try Self.signedIn(context)
            let info = try await backend.accounts.revokeToken(try APIRoutes.id(context), owner: auth.user.id, auth.caller)
            credentials.forget(user: info.userId)
            return Response(status: .noContent)
        }
        api.post("me/password") { request, context in
            let auth = try Self.signedIn(context)
            let body = try await Self.fields(request, context, required: ["current_password", "new_password"])
            var keep: String?
            if case .session(let token, _) = auth.via { keep = token }
            try await backend.accounts.changePassword(
                current: body["current_password"] ?? "", new: body["new_password"] ?? "", keepSession: keep, auth.caller)
            credentials.forget(user: auth.user.id)
            return Response(status: .noContent)
        }
        api.post("users/:id/password-reset") { _, context in
            let auth = try Self.signedIn(context)
            let id = User.ID(try APIRoutes.id(context))
            try auth.caller.require(.update, .user(id: id))
            let user = try await backend.accounts.user(id, auth.caller)
            let password = try await backend.accounts.resetPassword(of: id, auth.caller)
            credentials.forget(user: id)
            return try Wire.response(ResetJSON(userId: id.rawValue, username: user.username, password: password))
        }
    }

    static func signedIn(_ context: GantryContext) throws -> Authenticated {
        guard let auth = context.auth else {
            throw ServiceError(.unauthenticated, "sign in, or send an API token as 'Authorization: Bearer <token>'")
        }
        return auth
    }

    /// A JSON object of string fields: exactly `required`, each a string (422 naming each field at fault).
    static func fields(_ request: Request, _ context: GantryContext, required: [String]) async throws -> [String: String] {
        let body = try await Wire.object(from: request, context: context)
        var out: [String: String] = [:]
        var problems: [FieldProblem] = []
        for key in body.keys.sorted() where !required.contains(key) {
            problems.append(FieldProblem(field: key, message: "\(key) is not a field here; fields: \(required.joined(separator: ", "))"))
        }
        for key in required {
            switch body[key] {
            case .string(let s)?: out[key] = s
            case nil, .null?: problems.append(FieldProblem(field: key, message: "\(key) is required"))
            case let other?: problems.append(FieldProblem(field: key, message: "\(key) must be a string, found \(other.typeName)"))
            }
        }
        if !problems.isEmpty { throw ServiceError.invalid(problems) }
        return out
    }

    static func openAPIPaths() -> [String: JSONValue] {
        let token: JSONValue = .object(["type": "object", "required": ["id", "name", "created_at", "last_used_at"], "properties": .object([
            "id": ["type": "integer"], "name": ["type": "string"],
            "created_at": .object(["type": "string", "format": "date-time"]),
            "last_used_at": .object(["type": .array(["string", "null"]), "format": "date-time",
                                     "description": "When the token last authenticated a request (to the minute); null if never"]),
        ])])
        let idParam = OpenAPI.parameter("id", "path", "The token's id", type: "integer", required: true)
        func body(_ properties: [String: JSONValue], _ required: [String]) -> JSONValue {
            .object(["required": true, "content": .object(["application/json": .object(["schema": .object([
                "type": "object", "additionalProperties": false, "properties": .object(properties),
                "required": .array(required.map(JSONValue.string)),
            ])])])])
        }
        return [
            "/api/v1/me/tokens": .object([
                "get": .object([
                    "summary": "Your API tokens, oldest first (never their values)", "operationId": "list_my_tokens", "tags": ["users"],
                    "responses": .object(["200": OpenAPI.response("The tokens", .object(["type": "object", "properties": .object([
                        "items": .object(["type": "array", "items": token]),
                    ])]))]),
                ]),
                "post": .object([
                    "summary": "Create an API token that acts as you; its value is in this answer only", "operationId": "create_my_token",
                    "tags": ["users"],
                    "requestBody": body(["name": .object(["type": "string", "maxLength": .int(Int64(Accounts.maximumTokenNameLength)),
                                                          "description": "A label to recognise the token by"])], ["name"]),
                    "responses": .object([
                        "201": OpenAPI.response("The token, shown once", .object(["type": "object", "required": ["id", "name", "token", "created_at"],
                                                                               "properties": .object([
            "id": ["type": "integer"], "name": ["type": "string"], "token": ["type": "string"],
            "created_at": .object(["type": "string", "format": "date-time"]),
        ])])),
                        "409": OpenAPI.problemResponse("Your account is deactivated"),
                        "422": OpenAPI.problemResponse("name is missing, empty, too long or not a string, or the body has other fields"),
                    ]),
                ]),
            ]),
            "/api/v1/me/tokens/{id}": .object([
                "parameters": .array([idParam]),
                "delete": .object([
                    "summary": "Revoke one of your API tokens: it stops working at once", "operationId": "revoke_my_token",
                    "tags": ["users"],
                    "responses": .object([
                        "204": .object(["description": "Revoked"]),
                        "404": OpenAPI.problemResponse("You have no token with this id"),
                    ]),
                ]),
            ]),
            "/api/v1/me/password": .object(["post": .object([
                "summary": "Change your password; your other sessions end (a browser session making the change stays signed in)",
                "operationId": "change_my_password", "tags": ["users"],
                "requestBody": body([
                    "current_password": ["type": "string"],
                    "new_password": .object(["type": "string", "minLength": .int(Int64(Accounts.minimumPasswordLength))]),
                ], ["current_password", "new_password"]),
                "responses": .object([
                    "204": .object(["description": "Changed"]),
                    "422": OpenAPI.problemResponse("The current password is wrong, or the new one too short or the same; nothing changed"),
                ]),
            ])]),
            "/api/v1/users/{id}/password-reset": .object([
                "parameters": .array([OpenAPI.parameter("id", "path", "The user's id", type: "integer", required: true)]),
                "post": .object([
                    "summary": "Give a user a new generated password (the admin only); it is in this answer only, and every session of the user ends",
                    "operationId": "reset_password", "tags": ["users"],
                    "responses": .object([
                        "200": OpenAPI.response("The new password", .object(["type": "object", "required": ["user_id", "username", "password"],
                                                                            "properties": .object([
                            "user_id": ["type": "integer"], "username": ["type": "string"], "password": ["type": "string"],
                        ])])),
                        "404": OpenAPI.problemResponse("No such user"),
                    ]),
                ]),
            ]),
        ]
    }
}
