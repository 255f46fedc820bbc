import ArgumentParser
import Configuration
import Foundation
import GantryModel
import GantryServices
import GantryStorage
import GantryWeb
import Hummingbird
import Logging
import Metrics
import Prometheus

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the Gantry web server (UI at /, API at /api/v1).",
        discussion: """
            Opens the database (creating and migrating it when new) and serves HTTP. With --demo an empty database \
            is filled with a demo PMO (3 portfolios, 21 projects, 40 resources, a user for every role) and the \
            sign-in details are printed.

            Examples:
              gantry serve --demo
              gantry serve --host 0.0.0.0 --database postgres://gantry:pw@db/gantry
            """)

    @Option(help: ArgumentHelp("The address to listen on (default 127.0.0.1; 0.0.0.0 for every interface).", valueName: "address"))
    var host: String?

    @Option(help: ArgumentHelp("The port to listen on (default 8080).", valueName: "port"))
    var port: Int?

    @Flag(help: "Fill an empty database with demo data and print how to sign in.")
    var demo = false

    @Flag(help: "Mark session cookies Secure (use when Gantry is served over HTTPS).")
    var secureCookies = false

    @OptionGroup var db: DatabaseOptions

    func run() async throws {
        var extra: [String: ConfigValue] = [:]
        if let host { extra["gantry.host"] = ConfigValue(.string(host), isSecret: false) }
        if let port { extra["gantry.port"] = ConfigValue(.int(port), isSecret: false) }
        if secureCookies { extra["gantry.cookies.secure"] = ConfigValue(.bool(true), isSecret: false) }
        let settings = Settings(db, extra: extra)
        let logger = Runtime.bootstrapLogging(level: try settings.logLevel())
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))

        let store = try await Runtime.openStore(settings, logger: logger)
        let clock = SystemClock()
        let secrets = SystemSecrets()
        if demo {
            try await Demo.seedOrRefresh(store: store, clock: clock, secrets: secrets, host: settings.host, port: settings.port)
        } else if try await store.read({ try await $0.count(User.self, [:]) }) == 0 {
            say("No users yet. Create the first administrator with:  gantry user add NAME --admin")
        }
        let backend = Backend(store: store, clock: clock, secrets: secrets, metrics: { registry.emitToString() })
        let app = buildApplication(
            backend: backend,
            settings: WebSettings(host: settings.host, port: settings.port, secureCookies: settings.secureCookies),
            logger: logger)
        logger.info("Gantry \(GantryVersion.current) serving", metadata: [
            "url": .string("http://\(settings.host):\(settings.port)"), "database": .string("\(store.kind) \(store.location)"),
        ])
        do {
            try await app.runService()
        } catch {
            await store.close()
            throw error
        }
        await store.close()
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create or upgrade the database schema (serve also does this on start).")

    @OptionGroup var db: DatabaseOptions

    func run() async throws {
        let settings = Settings(db)
        let logger = Runtime.bootstrapLogging(level: try settings.logLevel())
        let store = try await Runtime.openStore(settings, logger: logger, migrate: false)
        let applied = try await Runtime.migrate(store, settings, logger: logger)
        await store.close()
        say(applied.isEmpty ? "The database is up to date." : "Applied: \(applied.joined(separator: ", "))")
    }
}

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage users.", subcommands: [Add.self, List.self, Passwd.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a user; prints a generated password unless one is given.",
            discussion: """
                The first administrator of a new server is made with:  gantry user add alice --admin
                To set the password yourself, pipe it in:  echo 'a long secret' | gantry user add bob --role pmo_analyst --password-stdin
                Roles: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).
                """)

        @Argument(help: "The username (lowercase letters, digits, '.', '_', '-').")
        var username: String

        @Option(help: ArgumentHelp("The role (default team_member).", valueName: "role"))
        var role: String?

        @Flag(help: "Make the user an administrator (same as --role admin).")
        var admin = false

        @Option(help: ArgumentHelp("The name shown in the UI (default: the username).", valueName: "name"))
        var name: String?

        @Option(help: "An e-mail address.")
        var email: String?

        @Flag(help: "Read the password from standard input instead of generating one.")
        var passwordStdin = false

        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            let roleName = admin ? "admin" : (role ?? "team_member")
            guard let role = Role(rawValue: roleName) else {
                throw ValidationError("role '\(roleName)' is not one of: \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            var password = String(SystemSecrets().newToken().prefix(20))
            if passwordStdin {
                guard let line = readLine(strippingNewline: true), !line.isEmpty else {
                    throw ValidationError("--password-stdin was given but standard input held no password")
                }
                password = line
            }
            let settings = Settings(db)
            let logger = Runtime.bootstrapLogging(level: try settings.logLevel())
            let secrets = SystemSecrets()
            let user = try await Runtime.withStore(settings, logger: logger) { store in
                try await Accounts(store: store, clock: SystemClock(), secrets: secrets).createUser(
                    username: username, displayName: name ?? username, email: email, role: role, password: password, .system)
            }
            say("Created \(user.role.title.lowercased()) '\(user.username)' (id \(user.id)).")
            if !passwordStdin { say("Password: \(password)") }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the users and their roles.")

        @Flag(help: "Print JSON instead of a table.")
        var json = false

        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            let settings = Settings(db)
            let logger = Runtime.bootstrapLogging(level: try settings.logLevel())
            let users = try await Runtime.withStore(settings, logger: logger) { store in
                try await Accounts(store: store, clock: SystemClock(), secrets: SystemSecrets()).users(.system)
            }
            if json {
                say(try jsonText(users, pretty: true))
                return
            }
            let width = max(8, users.map(\.username.count).max() ?? 0)
            say("username".padding(toLength: width, withPad: " ", startingAt: 0) + "  role               active  name")
            for u in users {
                say(u.username.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                      + u.role.rawValue.padding(toLength: 17, withPad: " ", startingAt: 0) + "  "
                      + (u.active ? "yes   " : "no    ") + "  " + u.displayName)
            }
        }
    }
}

struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Manage API tokens.", subcommands: [Create.self, List.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a bearer token for a user and print it (it is shown only once).",
            discussion: """
                Use it as:  curl -H "Authorization: Bearer $TOKEN" http://127.0.0.1:8080/api/v1/portfolios
                """)

        @Option(help: ArgumentHelp("The user the token acts as.", valueName: "username"))
        var user: String

        @Option(help: ArgumentHelp("A label to recognise the token by (default: cli).", valueName: "label"))
        var name: String = "cli"

        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            let settings = Settings(db)
            let logger = Runtime.bootstrapLogging(level: try settings.logLevel())
            let token = try await Runtime.withStore(settings, logger: logger) { store in
                try await Accounts(store: store, clock: SystemClock(), secrets: SystemSecrets())
                    .createToken(username: user, name: name, .system)
            }
            say(token)
        }
    }
}

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fill an empty database with the demo PMO and print how to sign in (serve --demo does the same).")

    @OptionGroup var db: DatabaseOptions

    func run() async throws {
        let settings = Settings(db)
        let logger = Runtime.bootstrapLogging(level: try settings.logLevel())
        try await Runtime.withStore(settings, logger: logger) { store in
            try await Self.seedOrRefresh(store: store, clock: SystemClock(), secrets: SystemSecrets(),
                                         host: settings.host, port: settings.port)
        }
    }

    /// Loads the demo into an empty database. On a database that already holds the demo, gives the demo users a
    /// fresh password (printed) so `serve --demo` can always be signed in to; any other database is left alone.
    static func seedOrRefresh(store: any Store, clock: any Clock, secrets: any Secrets, host: String, port: Int) async throws {
        let loader = DemoLoader(store: store, clock: clock, secrets: secrets)
        let result: DemoLoader.Result
        if try await loader.isEmpty() {
            say("Loading the demo PMO…")
            result = try await loader.load(DemoData.generate(today: clock.now().date)) { say("  \($0)") }
            say("Loaded \(result.projects) projects, \(result.activities) activities, \(result.dependencies) dependencies.")
        } else if let refreshed = try await loader.refreshPasswords() {
            result = refreshed
            say("The demo is already loaded; its users have a new password.")
        } else {
            say("The database already holds data that is not the demo; it was left as it is (no demo loaded).")
            return
        }
        say("""

            Gantry demo: open http://\(host == "0.0.0.0" ? "127.0.0.1" : host):\(port)/ and sign in as
              username: admin
              password: \(result.password)
            Every demo user has that password; one per role:
            """)
        for user in result.users { say("  \(user.username.padding(toLength: 18, withPad: " ", startingAt: 0)) \(user.role.title)") }
        say("")
    }
}

struct Version: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print Gantry's version.")
    static let text = "Gantry \(GantryVersion.current)"
    func run() { print(Self.text) }
}
