import GantryServices
public import Hummingbird
public import Logging
import NIOCore

/// How the web edge is set up; the composition root fills it from flags, environment and defaults.
public struct WebSettings: Sendable {
    public var host: String
    public var port: Int
    /// Mark cookies `Secure` (serve behind HTTPS).
    public var secureCookies: Bool

    public init(host: String = "127.0.0.1", port: Int = 8080, secureCookies: Bool = false) {
        self.host = host
        self.port = port
        self.secureCookies = secureCookies
    }
}

/// The router with every route and middleware: the whole web edge, testable in-process.
public func buildRouter(backend: Backend, settings: WebSettings) -> Router<GantryContext> {
    let router = Router(context: GantryContext.self)
    let credentials = CredentialCache()
    router.add(middleware: LogRequestsMiddleware(.info))
    router.add(middleware: MetricsMiddleware())
    router.add(middleware: ServerTimingMiddleware())
    router.add(middleware: SecurityHeadersMiddleware(secure: settings.secureCookies))
    router.add(middleware: ErrorMiddleware())
    router.add(middleware: AuthMiddleware(accounts: backend.accounts, cache: credentials))
    router.get("health/live") { _, _ in try Wire.response(["status": "ok"]) }
    router.get("health/ready") { _, context in
        do {
            try await backend.ready()
            return try Wire.response(["status": "ok", "database": "ok"])
        } catch {
            context.logger.error("readiness check failed", metadata: ["error": .string("\(error)")])
            return try Wire.response(["status": "unavailable", "database": "unreachable"], status: .serviceUnavailable)
        }
    }
    router.get("metrics") { _, _ in
        Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                 body: .init(byteBuffer: ByteBuffer(string: backend.metrics())))
    }
    APIRoutes(backend: backend).register(on: router)
    UIRoutes(backend: backend, credentials: credentials, secureCookies: settings.secureCookies).register(on: router)
    PlanEditorUIRoutes(backend: backend).register(on: router)
    IntakeUIRoutes(backend: backend).register(on: router)
    GlossaryRoutes(backend: backend).register(on: router)
    InboxRoutes(backend: backend).register(ui: router)
    KnowledgeRoutes(backend: backend).register(on: router)
    PortfolioSettingsRoutes(backend: backend).register(on: router)
    RAIDPages(backend: backend).register(on: router)
    StatusReportUIRoutes(backend: backend).register(on: router)
    InterchangePages(backend: backend).register(on: router)
    InterchangeRoutes(backend: backend).registerFeeds(on: router)
    AccountRoutes(backend: backend, credentials: credentials).register(on: router)
    AccountPages(backend: backend, credentials: credentials).register(on: router)
    PortfolioRecordRoutes(backend: backend).register(on: router)
    ProjectRecordRoutes(backend: backend).register(on: router)
    ResourcePoolPages(backend: backend).register(on: router)
    CapacityPages(backend: backend).register(on: router)
    CapacityAdminPages(backend: backend).register(on: router)
    MoneyPages(backend: backend).register(on: router)
    StaffingPages(backend: backend).register(on: router)
    ScenarioPages(backend: backend).register(on: router)
    CalendarPages(backend: backend).register(on: router)
    return router
}

public func buildApplication(
    backend: Backend, settings: WebSettings, logger: Logger
) -> Application<RouterResponder<GantryContext>> {
    Application(
        router: buildRouter(backend: backend, settings: settings),
        configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "Gantry"),
        logger: logger)
}
