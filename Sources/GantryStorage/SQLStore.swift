import Foundation
public import GantryServices
public import Logging
import PostgresKit
import NIOSSL
import PostgresNIO
import SQLKit
import SQLiteKit
import Synchronization

/// The store on SQL. One implementation over two databases: an embedded SQLite file (the default; WAL mode,
/// created and migrated on first open) or PostgreSQL, chosen by a `postgres://` URL.
public final class SQLStore: Store {
    enum Backend: Sendable {
        case sqlite(writer: SQLiteHandle, readers: [SQLiteHandle], next: RoundRobin, lock: AsyncLock)
        case postgres(PostgresClient, Task<Void, Never>)
    }

    let backend: Backend
    let logger: Logger
    public let kind: String
    /// Where the data lives, without any password (for logs and `/health/ready`).
    public let location: String

    private init(backend: Backend, kind: String, location: String, logger: Logger) {
        self.backend = backend
        self.kind = kind
        self.location = location
        self.logger = logger
    }

    /// Opens the database a URL names: `postgres://user:password@host:port/database` (also `postgresql://`),
    /// or a SQLite file path (`gantry.sqlite`, `sqlite:///abs/path.sqlite`, `sqlite://relative.sqlite`).
    /// `connectTimeout`: how long a PostgreSQL server may take to answer before the URL is reported unreachable.
    public static func open(url: String, logger: Logger, connectTimeout: Duration = .seconds(15)) async throws -> SQLStore {
        if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
            let store = try openPostgres(url: url, logger: logger)
            do {
                try await store.ping(within: connectTimeout)
            } catch {
                await store.close()
                let tlsHint = url.contains("sslmode=require") || url.contains("sslmode=verify")
                    ? " With sslmode=\(url.contains("sslmode=require") ? "require" : "verify-*") the server must also offer TLS." : ""
                throw ServiceError(.badRequest, "cannot reach PostgreSQL at \(store.location) within \(connectTimeout.components.seconds) s; is the server running and the URL right?\(tlsHint)")
            }
            return store
        }
        var path = url
        if path.hasPrefix("sqlite://") { path = String(path.dropFirst("sqlite://".count)) }
        if path.isEmpty || path == ":memory:" {
            throw ServiceError(.badRequest, "the SQLite database needs a file path (a pool of connections cannot share :memory:)")
        }
        return try await openSQLite(path: path, logger: logger)
    }

    static func openSQLite(path: String, logger: Logger) async throws -> SQLStore {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        let writer: SQLiteHandle
        do {
            writer = try SQLiteHandle.open(path: absolute, logger: logger)
            try await writer.sql().raw("PRAGMA journal_mode=WAL").run()
        } catch {
            throw ServiceError(.badRequest, "cannot open the SQLite database at \(absolute) (does its folder exist and is it writable?): \(error)")
        }
        try await configure(writer)
        var readers: [SQLiteHandle] = []
        for _ in 0..<4 {
            let reader = try SQLiteHandle.open(path: absolute, logger: logger)
            try await configure(reader)
            readers.append(reader)
        }
        return SQLStore(
            backend: .sqlite(writer: writer, readers: readers, next: RoundRobin(count: 4), lock: AsyncLock()),
            kind: "sqlite", location: absolute, logger: logger)
    }

    private static func configure(_ connection: SQLiteHandle) async throws {
        try await connection.sql().raw("PRAGMA synchronous=NORMAL").run()
    }

    static func openPostgres(url: String, logger: Logger) throws -> SQLStore {
        guard let components = URLComponents(string: url), let host = components.host, !host.isEmpty else {
            throw ServiceError(.badRequest, "the database URL '\(redacted(url))' is not postgres://user:password@host:port/database")
        }
        let database = String(components.path.drop(while: { $0 == "/" }))
        // libpq's sslmode: disable (the default here), prefer (TLS when the server offers it), require (TLS or fail),
        // verify-full (TLS with the server's certificate checked against the system's trust roots and the host).
        let sslmode = components.queryItems?.first { $0.name == "sslmode" }?.value ?? "disable"
        var tlsConfig = TLSConfiguration.makeClientConfiguration()
        if sslmode != "verify-full" { tlsConfig.certificateVerification = .none }
        let tls: PostgresClient.Configuration.TLS
        switch sslmode {
        case "disable": tls = .disable
        case "prefer", "allow": tls = .prefer(tlsConfig)
        case "require", "verify-ca", "verify-full": tls = .require(tlsConfig)
        default:
            throw ServiceError(.badRequest, "sslmode '\(sslmode)' in the database URL is not one of disable, prefer, require, verify-full")
        }
        let config = PostgresClient.Configuration(
            host: host, port: components.port ?? 5432, username: components.user ?? "postgres",
            password: components.password, database: database.isEmpty ? nil : database, tls: tls)
        let client = PostgresClient(configuration: config, backgroundLogger: logger)
        let task = Task { await client.run() }
        return SQLStore(
            backend: .postgres(client, task), kind: "postgresql",
            location: "postgres://\(host):\(components.port ?? 5432)/\(database)", logger: logger)
    }

    /// A database URL with its password hidden, for messages and logs.
    public static func redactedURL(_ url: String) -> String {
        url.hasPrefix("postgres") ? redacted(url) : url
    }

    static func redacted(_ url: String) -> String {
        guard var c = URLComponents(string: url) else { return "(unreadable URL)" }
        if c.password != nil { c.password = "***" }
        return c.string ?? "(unreadable URL)"
    }

    /// Closes every connection. The store must not be used afterwards.
    public func close() async {
        switch backend {
        case .sqlite(let writer, let readers, _, _):
            for c in [writer] + readers { c.close() }
        case .postgres(_, let task):
            task.cancel()
            _ = await task.value
        }
    }

    // MARK: Store

    public func read<T: Sendable>(_ body: @Sendable (any StoreSession) async throws -> T) async throws -> T {
        switch backend {
        case .sqlite(_, let readers, let next, _):
            let i = next.take()
            return try await body(SQLSession(db: readers[i].sql()))
        case .postgres(let client, _):
            return try await withPostgresErrors {
                try await client.withConnection { connection in try await body(SQLSession(db: connection.sql())) }
            }
        }
    }

    public func write<T: Sendable>(_ body: @Sendable (any StoreSession) async throws -> T) async throws -> T {
        switch backend {
        case .sqlite(let writer, _, _, let lock):
            return try await lock.withLock {
                try await Self.transaction(writer.sql(), begin: "BEGIN IMMEDIATE", body)
            }
        case .postgres(let client, _):
            return try await withPostgresErrors {
                try await client.withConnection { connection in
                    try await Self.transaction(connection.sql(), begin: "BEGIN", body)
                }
            }
        }
    }

    private static func transaction<T>(
        _ db: any SQLDatabase, begin: String, _ body: @Sendable (any StoreSession) async throws -> T
    ) async throws -> T {
        try await db.raw(SQLQueryString(begin)).run()
        do {
            let session = SQLSession(db: db, pending: PendingRevisions())
            let result = try await body(session)
            try await session.flush()
            try await db.raw("COMMIT").run()
            return result
        } catch {
            try? await db.raw("ROLLBACK").run()
            throw mapConstraintViolation(error)
        }
    }

    /// A unique index caught what a service's check could not see (two writers at once): that is a conflict.
    static func mapConstraintViolation(_ error: any Error) -> any Error {
        if error is ServiceError { return error }
        if let pg = error as? PSQLError, pg.serverInfo?[.sqlState] == "23505" {
            return ServiceError(.conflict, "a record with the same key already exists (\(pg.serverInfo?[.message] ?? "unique violation"))")
        }
        let text = String(describing: error)
        if text.contains("UNIQUE constraint failed") {
            return ServiceError(.conflict, "a record with the same key already exists (\(text))")
        }
        return error
    }

    private func withPostgresErrors<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch { throw Self.mapConstraintViolation(error) }
    }

    /// Runs one administrative statement on its own, outside any transaction (`CREATE DATABASE` cannot run in
    /// one): for tools and tests that manage databases on a server, never for records.
    public func administer(_ statement: String) async throws {
        switch backend {
        case .sqlite(let writer, _, _, _):
            try await writer.sql().raw(SQLQueryString(statement)).run()
        case .postgres(let client, _):
            try await client.withConnection { try await $0.sql().raw(SQLQueryString(statement)).run() }
        }
    }

    public func ping() async throws {
        switch backend {
        case .sqlite(let writer, _, _, _):
            _ = try await writer.sql().raw("SELECT 1 AS one").first()
        case .postgres(let client, _):
            _ = try await client.withConnection { try await $0.sql().raw("SELECT 1 AS one").first() }
        }
    }

    /// `ping`, or an error when the database has not answered within `limit` (PostgreSQL clients keep retrying a
    /// refused connection; this turns that into an answer).
    func ping(within limit: Duration) async throws {
        try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask { try await self.ping(); return true }
            group.addTask { try await Task.sleep(for: limit); return false }
            let answered = try await group.next() ?? false
            group.cancelAll()
            if !answered { throw StorageError("no answer within \(limit)") }
        }
    }

    @discardableResult
    public func migrate() async throws -> [String] {
        let dialect: Dialect = kind == "sqlite" ? .sqlite : .postgres
        return try await write { session in
            guard let db = (session as? SQLSession)?.db else { throw StorageError("not an SQL session") }
            try await db.raw("CREATE TABLE IF NOT EXISTS gantry_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)").run()
            let done = Set(try await db.select().column("name").from("gantry_migrations").all()
                .map { try $0.decode(column: "name", as: String.self) })
            var applied: [String] = []
            for migration in Migrations.all where !done.contains(migration.name) {
                for statement in migration.statements(dialect) {
                    try await db.raw(SQLQueryString(statement)).run()
                }
                try await db.insert(into: "gantry_migrations").columns("name", "applied_at")
                    .values(SQLBind(migration.name), SQLBind(Date().ISO8601Format())).run()
                applied.append(migration.name)
            }
            return applied
        }
    }
}

/// Hands out 0, 1, ... count-1, 0, ... to spread reads over the reader connections.
final class RoundRobin: Sendable {
    private let counter = Mutex(0)
    private let count: Int

    init(count: Int) { self.count = count }

    func take() -> Int {
        counter.withLock { n in
            n = (n + 1) % count
            return n
        }
    }
}

/// A first-in, first-out async lock: SQLite has one writer at a time, and waiting writers queue here instead of
/// spinning on SQLITE_BUSY.
final class AsyncLock: Sendable {
    private struct State {
        var locked = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }
    private let state = Mutex(State())

    func withLock<T>(_ body: () async throws -> T) async throws -> T {
        await acquire()
        defer { release() }
        return try await body()
    }

    private func acquire() async {
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            let acquired = state.withLock { s -> Bool in
                if s.locked {
                    s.waiters.append(c)
                    return false
                }
                s.locked = true
                return true
            }
            if acquired { c.resume() }
        }
    }

    private func release() {
        let next = state.withLock { s -> CheckedContinuation<Void, Never>? in
            if s.waiters.isEmpty {
                s.locked = false
                return nil
            }
            return s.waiters.removeFirst()
        }
        next?.resume()
    }
}
