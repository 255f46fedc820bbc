import Foundation
import GantryModel
import GantryServices
import Hummingbird
import HTTPTypes
import Logging

enum SessionCookie {
    static let name = "gantry_session"
    static let loginCSRF = "gantry_login_csrf"
}

/// Finds who is calling: a bearer token (scripts) or the session cookie (browsers). Browser requests that change
/// something through the API must also send the session's CSRF token in `X-CSRF-Token`.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = GantryContext
    let accounts: Accounts
    let cache: CredentialCache

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let header = request.headers[.authorization] {
            let parts = header.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "bearer" else {
                throw ServiceError(.unauthenticated, "the Authorization header must be 'Bearer <token>'")
            }
            let token = String(parts[1])
            guard let user = try await cache.user(bearer: token, load: { try await accounts.user(bearer: token) }) else {
                throw ServiceError(.unauthenticated, "the API token is unknown or its user is deactivated")
            }
            context.auth = Authenticated(user: user, via: .bearer)
        } else if let token = request.cookies[SessionCookie.name]?.value,
                  let session = try await cache.session(token: token, load: { try await accounts.session(token: token) }) {
            context.auth = Authenticated(user: session.user, via: .session(token: token, csrf: session.csrfToken))
            if request.uri.path.hasPrefix("/api/"), ![.get, .head, .options].contains(request.method),
               request.headers[HTTPField.Name("X-CSRF-Token")!] != session.csrfToken {
                throw ServiceError(.forbidden, "a browser session must send its CSRF token in X-CSRF-Token to change data")
            }
        }
        if let user = context.auth?.user {
            context.logger[metadataKey: "user"] = .string(user.username)
        }
        return try await next(request, context)
    }
}

/// Turns every error into a response a client can act on: problem details for the API, a page for people.
/// Anything that is not a `ServiceError` is Gantry's fault: logged with the request id, shown as 500 without
/// internals.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = GantryContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as ServiceError {
            context.logger.info("request refused", metadata: ["code": .string(error.code.rawValue), "detail": .string(error.message)])
            return respond(to: request, context: context, problem: Problem(error, instance: request.uri.path, requestId: context.id))
        } catch let error as HTTPError {
            let problem = Problem(status: error.status, code: error.status == .notFound ? "route-not-found" : "http",
                                  detail: error.body ?? error.status.reasonPhrase, instance: request.uri.path, requestId: context.id)
            return respond(to: request, context: context, problem: problem)
        } catch {
            context.logger.error("request failed", metadata: ["error": .string(String(reflecting: error))])
            let problem = Problem(status: .internalServerError, code: "internal",
                                  detail: "Gantry failed to handle this request; the log has the details under request id \(context.id)",
                                  instance: request.uri.path, requestId: context.id)
            return respond(to: request, context: context, problem: problem)
        }
    }

    private func respond(to request: Request, context: Context, problem: Problem) -> Response {
        if request.uri.path.hasPrefix("/api/") || request.headers[.accept]?.contains("application/json") == true {
            return problem.response()
        }
        if problem.status == 401 {
            let next = request.uri.path.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"
            return Response(status: .seeOther, headers: [.location: "/login?next=\(next)"])
        }
        return Pages.errorPage(problem, signedIn: context.auth)
    }
}

/// Adds `Server-Timing: app;dur=<ms>` to every answer: the time from the request reaching Gantry's middleware to
/// the response being ready (errors included), so a client can tell server time from the network's.
struct ServerTimingMiddleware: RouterMiddleware {
    typealias Context = GantryContext
    static let header = HTTPField.Name("Server-Timing")!

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        var response = try await next(request, context)
        let elapsed = ContinuousClock.now - start
        let ms = Double(elapsed.components.seconds) * 1_000 + Double(elapsed.components.attoseconds) / 1e15
        response.headers[Self.header] = "app;dur=\((ms * 1000).rounded() / 1000)"
        return response
    }
}

/// Security headers on every answer (issue #16): no sniffing of content types, no referrer sent off the site, never
/// framed by another site (clickjacking), no plugins and no `<base>` rewriting; Strict-Transport-Security when the
/// server runs behind HTTPS (`--secure-cookies`). Gantry's pages carry no inline script, so script is limited to its
/// own files; inline styles are still allowed until the last of them (the Gantt chart's, the RAID log's) moves to
/// the stylesheet.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = GantryContext
    let secure: Bool

    static let frameOptions = HTTPField.Name("X-Frame-Options")!
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
    static let policy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] = Self.policy
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[Self.frameOptions] = "DENY"
        response.headers[Self.referrerPolicy] = "strict-origin-when-cross-origin"
        if secure { response.headers[.strictTransportSecurity] = "max-age=31536000; includeSubDomains" }
        return response
    }
}
