public import Hummingbird
public import GantryServices
public import GantryModel

/// Who made a request and how: through a browser session (forms must carry its CSRF token) or a bearer token.
public struct Authenticated: Sendable {
    public enum Via: Sendable { case session(token: String, csrf: String), bearer }
    public var user: User
    public var via: Via

    public var caller: Caller { .user(user) }
}

/// The per-request context: Hummingbird's core plus the authenticated user, set by `AuthMiddleware`.
public struct GantryContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var auth: Authenticated?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        auth = nil
    }

    /// 1 MiB is far above any record Gantry takes as JSON.
    public var maxUploadSize: Int { 1 << 20 }

    /// The authenticated caller, or 401.
    func caller() throws -> Caller {
        guard let auth else { throw ServiceError(.unauthenticated, "sign in, or send an API token as 'Authorization: Bearer <token>'") }
        return auth.caller
    }
}
