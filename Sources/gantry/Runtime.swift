import ArgumentParser
import Configuration
import Foundation
import GantryServices
import GantryStorage
import GantryWeb
import Logging

/// Options every command that touches the database takes.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The database: a SQLite file path (default: gantry.sqlite in the working directory) or postgres://user:password@host:port/database.",
        valueName: "url"))
    var database: String?

    @Option(name: .long, help: ArgumentHelp("Log level: trace, debug, info, notice, warning, error, critical (default: info).", valueName: "level"))
    var logLevel: String?
}

/// The configuration layers, highest first: command-line flags, environment variables (GANTRY_*), defaults.
struct Settings {
    let reader: ConfigReader

    /// `environment` is the process's own unless given (tests pass one instead of changing the process's, which
    /// races with any thread that starts a subprocess).
    init(flags: [String: ConfigValue], environment: [String: String]? = nil) {
        var values: [AbsoluteConfigKey: ConfigValue] = [:]
        for (key, value) in flags { values[AbsoluteConfigKey(key.split(separator: ".").map(String.init))] = value }
        reader = ConfigReader(providers: [
            InMemoryProvider(name: "flags", values: values),
            EnvironmentVariablesProvider(environmentVariables: environment ?? ProcessInfo.processInfo.environment,
                                         secretsSpecifier: .specific(["GANTRY_DATABASE_URL"])),
        ])
    }

    init(_ db: DatabaseOptions, extra: [String: ConfigValue] = [:]) {
        var flags = extra
        if let d = db.database { flags["gantry.database.url"] = ConfigValue(.string(d), isSecret: true) }
        if let l = db.logLevel { flags["gantry.log.level"] = ConfigValue(.string(l), isSecret: false) }
        self.init(flags: flags)
    }

    var databaseURL: String { reader.string(forKey: "gantry.database.url", isSecret: true, default: "gantry.sqlite") }
    var host: String { reader.string(forKey: "gantry.host", default: "127.0.0.1") }
    var port: Int { reader.int(forKey: "gantry.port", default: 8080) }
    var secureCookies: Bool { reader.bool(forKey: "gantry.cookies.secure", default: false) }

    func logLevel() throws -> Logger.Level {
        let text = reader.string(forKey: "gantry.log.level", default: "info")
        guard let level = Logger.Level(rawValue: text.lowercased()) else {
            throw ValidationError("log level '\(text)' is not one of trace, debug, info, notice, warning, error, critical")
        }
        return level
    }
}

enum Runtime {
    /// Sets up logging once per process: key=value lines on standard error with the metadata (request ids, users).
    static func bootstrapLogging(level: Logger.Level) -> Logger {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        var logger = Logger(label: "gantry")
        logger.logLevel = level
        return logger
    }

    /// Opens and migrates the store, with errors a user can act on.
    static func openStore(_ settings: Settings, logger: Logger, migrate: Bool = true) async throws -> SQLStore {
        let store: SQLStore
        do {
            store = try await SQLStore.open(url: settings.databaseURL, logger: logger)
        } catch let error as ServiceError {
            throw CLIError(error.message)
        } catch {
            throw CLIError("cannot open the database \(SQLStore.redactedURL(settings.databaseURL)): \(error)")
        }
        if migrate { _ = try await self.migrate(store, settings, logger: logger) }
        return store
    }

    /// Applies pending migrations (each in its own transaction); on failure closes the store and says so.
    static func migrate(_ store: SQLStore, _ settings: Settings, logger: Logger) async throws -> [String] {
        do {
            let applied = try await store.migrate()
            if !applied.isEmpty {
                logger.info("database migrated", metadata: ["migrations": .string(applied.joined(separator: ", ")), "database": .string(store.location)])
            }
            return applied
        } catch {
            await store.close()
            throw CLIError("migrating the database \(SQLStore.redactedURL(settings.databaseURL)) failed, nothing was changed: \(error)")
        }
    }

    /// Runs `body` with an open store and closes it afterwards, also on failure.
    static func withStore<T>(_ settings: Settings, logger: Logger, _ body: (SQLStore) async throws -> T) async throws -> T {
        let store = try await openStore(settings, logger: logger)
        do {
            let result = try await body(store)
            await store.close()
            return result
        } catch let error as ServiceError {
            await store.close()
            throw CLIError(error.message)
        } catch {
            await store.close()
            throw error
        }
    }
}

/// A failure the user can act on: printed as `error: message`, exit code 1.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ message: String) { description = message }
}

/// Writes a line to standard output at once (unbuffered), so progress and credentials show up immediately even
/// when the output goes to a file or a pipe.
func say(_ line: String = "") {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

/// A command's `--json` document: snake_case keys, sorted, on one line or (`pretty`) indented.
func jsonText(_ value: some Encodable, pretty: Bool = false) throws -> String {
    let encoder = JSONEncoder()
    encoder.keyEncodingStrategy = .convertToSnakeCase
    encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys] : [.sortedKeys]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
}
