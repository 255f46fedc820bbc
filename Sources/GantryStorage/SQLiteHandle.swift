import Foundation
import GantrySQLite
import Logging
import NIOCore
import NIOPosix
import SQLKit
import SQLiteKit
import Synchronization

/// One SQLite connection whose statements run in-line on the calling task's thread, with its prepared
/// statements kept for reuse.
///
/// SQLiteNIO runs every statement on a thread pool and resumes the caller afterwards: two thread hand-offs per
/// statement, about 0.1 ms each on a small machine, which made a plan edit's ten statements cost more than the
/// scheduling. SQLite itself answers these statements in microseconds from its page cache, so Gantry calls it
/// directly (the same library copy, through `GantrySQLite`) and parses each distinct statement once. A
/// connection serves one statement at a time (a lock around each); the store gives writes a connection of their
/// own and spreads reads over four.
///
/// A statement holds its thread while it runs. In the server that is as long as SQLite works, never a wait on
/// another task: writers queue on the store's lock before they begin, and in WAL mode readers never wait for the
/// writer. Only another process writing the same file (a `gantry` command while the server runs) can make a
/// statement wait, up to the busy timeout.
final class SQLiteHandle: Sendable {
    let path: String
    let logger: Logger
    private let state: Mutex<State>

    /// Statements kept per connection; past this many (statements built with literals), the cache starts again.
    static let statementLimit = 256

    /// The connection and its statements, used only under the lock.
    private struct State: ~Copyable, @unchecked Sendable {
        var db: OpaquePointer?
        var statements: [String: Prepared] = [:]

        /// The open connection and the statement prepared for `sql` (prepared now when it is new).
        mutating func prepared(_ sql: String, path: String) throws -> (OpaquePointer, Prepared) {
            guard let db else { throw StorageError("the SQLite connection to \(path) is closed") }
            if let kept = statements[sql] { return (db, kept) }
            let made = try SQLiteHandle.prepare(sql, in: db)
            if statements.count >= SQLiteHandle.statementLimit {
                for p in statements.values { _ = gantry_sqlite3_finalize(p.statement) }
                statements = [:]
            }
            statements[sql] = made
            return (db, made)
        }
    }

    /// A statement prepared once, with its columns' names and the index of each name (the first of equal names).
    fileprivate struct Prepared {
        var statement: OpaquePointer
        var columns: SQLiteColumns
    }

    private init(path: String, db: OpaquePointer, logger: Logger) {
        self.path = path
        self.logger = logger
        self.state = Mutex(State(db: db))
    }

    private static let initialized = Mutex(false)

    /// Opens (creating when missing) the database file at `path`, read-write, with SQLite's serialized threading
    /// mode, and waits up to `busyTimeout` milliseconds for a lock another process holds.
    static func open(path: String, logger: Logger, busyTimeout: Int32 = 10_000) throws -> SQLiteHandle {
        initialized.withLock { done in
            if !done { _ = gantry_sqlite3_initialize(); done = true }
        }
        var db: OpaquePointer?
        let flags = GANTRY_SQLITE_OPEN_READWRITE | GANTRY_SQLITE_OPEN_CREATE | GANTRY_SQLITE_OPEN_FULLMUTEX
            | GANTRY_SQLITE_OPEN_URI
        let code = gantry_sqlite3_open_v2(path, &db, flags, nil)
        guard code == GANTRY_SQLITE_OK, let db else {
            let message = db.map { String(cString: gantry_sqlite3_errmsg($0)) } ?? "out of memory"
            if let db { _ = gantry_sqlite3_close_v2(db) }
            throw StorageError("cannot open the SQLite database at \(path): \(message) (code \(code))")
        }
        _ = gantry_sqlite3_busy_timeout(db, busyTimeout)
        return SQLiteHandle(path: path, db: db, logger: logger)
    }

    /// Closes the connection; statements after this fail.
    func close() {
        state.withLock { s in
            for p in s.statements.values { _ = gantry_sqlite3_finalize(p.statement) }
            s.statements = [:]
            if let db = s.db { _ = gantry_sqlite3_close_v2(db) }
            s.db = nil
        }
    }

    deinit { close() }

    /// When the current run of back-to-back statements on this connection began and when its last statement
    /// ended, in `DispatchTime` nanoseconds.
    private let runStart = Atomic<UInt64>(0)
    private let lastEnd = Atomic<UInt64>(0)

    /// Statements run in-line never suspend their task, so a long run of them (an import of thousands of rows)
    /// would keep its thread from every other task: once a run has gone on for `turn`, the next statement lets
    /// others go first. A pause of `pause` between statements ends a run, so a request's few statements never wait.
    static let turn: UInt64 = 2_000_000
    static let pause: UInt64 = 1_000_000

    /// Called as a statement ends: whether its run has had its turn (and a new one starts now).
    func turnIsOver() -> Bool {
        let now = DispatchTime.now().uptimeNanoseconds
        let previous = lastEnd.exchange(now, ordering: .relaxed)
        if now &- previous > Self.pause {
            runStart.store(now, ordering: .relaxed)
            return false
        }
        guard now &- runStart.load(ordering: .relaxed) > Self.turn else { return false }
        runStart.store(now, ordering: .relaxed)
        return true
    }

    /// The SQLKit database over this connection.
    func sql() -> any SQLDatabase { SQLiteDirectDatabase(handle: self) }

    /// Runs one statement with its values bound (`?1`, `?2`, … in order), handing each result row to `onRow`.
    func run(_ sql: String, _ binds: [SQLiteData], _ onRow: (SQLiteResultRow) -> Void) throws {
        try state.withLock { s in
            let (db, prepared) = try s.prepared(sql, path: path)
            try Self.step(prepared, binds, in: db, sql, onRow)
        }
    }

    /// Runs one statement (without results) once per list of values, in one go, and answers the number of rows
    /// the runs changed together: the many-rows update that a multi-row statement would otherwise be.
    func runEach(_ sql: String, _ binds: [[SQLiteData]]) throws -> Int {
        try state.withLock { s in
            let (db, prepared) = try s.prepared(sql, path: path)
            var changed = 0
            for values in binds {
                try Self.step(prepared, values, in: db, sql) { _ in }
                changed += Int(gantry_sqlite3_changes(db))
            }
            return changed
        }
    }

    private static func step(_ prepared: Prepared, _ binds: [SQLiteData], in db: OpaquePointer, _ sql: String,
                             _ onRow: (SQLiteResultRow) -> Void) throws {
        let statement = prepared.statement
        defer {
            _ = gantry_sqlite3_reset(statement)
            _ = gantry_sqlite3_clear_bindings(statement)
        }
        for (k, value) in binds.enumerated() {
            let i = Int32(k + 1)
            let code: Int32
            switch value {
            case .integer(let n): code = gantry_sqlite3_bind_int64(statement, i, Int64(n))
            case .float(let d): code = gantry_sqlite3_bind_double(statement, i, d)
            case .text(let text):
                var text = text
                code = text.withUTF8 { utf8 in
                    utf8.withMemoryRebound(to: CChar.self) {
                        // An empty string has no storage to point at; a null pointer would bind NULL.
                        gantry_sqlite3_bind_text(statement, i, $0.baseAddress ?? Self.emptyText, Int32($0.count))
                    }
                }
            case .blob(let buffer):
                code = buffer.withUnsafeReadableBytes { gantry_sqlite3_bind_blob(statement, i, $0.baseAddress, Int32($0.count)) }
            case .null: code = gantry_sqlite3_bind_null(statement, i)
            }
            if code != GANTRY_SQLITE_OK { throw Self.error(db, code, sql) }
        }
        while true {
            let code = gantry_sqlite3_step(statement)
            if code == GANTRY_SQLITE_DONE { return }
            guard code == GANTRY_SQLITE_ROW else { throw Self.error(db, code, sql) }
            var values: [SQLiteData] = []
            values.reserveCapacity(prepared.columns.names.count)
            for c in 0..<Int32(prepared.columns.names.count) {
                values.append(Self.value(statement, c))
            }
            onRow(SQLiteResultRow(columns: prepared.columns, values: values))
        }
    }

    fileprivate static func prepare(_ sql: String, in db: OpaquePointer) throws -> Prepared {
        var statement: OpaquePointer?
        var text = sql
        let code = text.withUTF8 { utf8 in
            utf8.withMemoryRebound(to: CChar.self) {
                gantry_sqlite3_prepare_v3(db, $0.baseAddress, Int32($0.count), UInt32(GANTRY_SQLITE_PREPARE_PERSISTENT),
                                          &statement, nil)
            }
        }
        guard code == GANTRY_SQLITE_OK, let statement else { throw error(db, code, sql) }
        let count = gantry_sqlite3_column_count(statement)
        let names = (0..<count).map { c in gantry_sqlite3_column_name(statement, c).map { String(cString: $0) } ?? "" }
        return Prepared(statement: statement, columns: SQLiteColumns(names))
    }

    private static func value(_ statement: OpaquePointer, _ c: Int32) -> SQLiteData {
        switch gantry_sqlite3_column_type(statement, c) {
        case GANTRY_SQLITE_INTEGER:
            return .integer(.init(gantry_sqlite3_column_int64(statement, c)))
        case GANTRY_SQLITE_FLOAT:
            return .float(gantry_sqlite3_column_double(statement, c))
        case GANTRY_SQLITE_TEXT:
            guard let text = gantry_sqlite3_column_text(statement, c) else { return .text("") }
            let count = Int(gantry_sqlite3_column_bytes(statement, c))
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self))
        case GANTRY_SQLITE_BLOB:
            let count = Int(gantry_sqlite3_column_bytes(statement, c))
            return .blob(ByteBuffer(bytes: UnsafeRawBufferPointer(start: gantry_sqlite3_column_blob(statement, c), count: count)))
        default:
            return .null
        }
    }

    private static var emptyText: UnsafePointer<CChar> { UnsafeRawPointer(("" as StaticString).utf8Start).assumingMemoryBound(to: CChar.self) }

    private static func error(_ db: OpaquePointer, _ code: Int32, _ sql: String) -> StorageError {
        let message = String(cString: gantry_sqlite3_errmsg(db))
        return StorageError("SQLite: \(message) (code \(gantry_sqlite3_extended_errcode(db))) in \(sql.prefix(160))")
    }
}

/// A result's column names, shared by its rows, with the position of each name.
final class SQLiteColumns: Sendable {
    let names: [String]
    let index: [String: Int]

    init(_ names: [String]) {
        self.names = names
        var index: [String: Int] = [:]
        for (i, n) in names.enumerated() where index[n] == nil { index[n] = i }
        self.index = index
    }
}

/// One result row, read through SQLKit's row interface with SQLiteKit's decoding rules.
struct SQLiteResultRow: SQLRow {
    let columns: SQLiteColumns
    let values: [SQLiteData]
    static let decoder = SQLiteDataDecoder()

    var allColumns: [String] { columns.names }

    func contains(column: String) -> Bool { columns.index[column] != nil }

    /// The value of a column as SQLite gave it; nil when the row has no such column.
    func value(_ column: String) -> SQLiteData? { columns.index[column].map { values[$0] } }

    func decodeNil(column: String) throws -> Bool {
        guard let i = columns.index[column] else { return true }
        return values[i] == .null
    }

    func decode<D: Decodable>(column: String, as: D.Type) throws -> D {
        guard let i = columns.index[column] else { throw StorageError("the result has no column \(column)") }
        return try Self.decoder.decode(D.self, from: values[i])
    }
}

/// SQLKit's database interface over a `SQLiteHandle`: SQLiteKit's dialect and value encoding, statements run
/// in-line.
struct SQLiteDirectDatabase: SQLDatabase {
    let handle: SQLiteHandle
    static let encoder = SQLiteDataEncoder()

    var logger: Logger { handle.logger }
    var eventLoop: any EventLoop { MultiThreadedEventLoopGroup.singleton.any() }
    var dialect: any SQLDialect { SQLiteDialect() }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void> {
        do {
            try run(query, onRow)
            return eventLoop.makeSucceededVoidFuture()
        } catch {
            return eventLoop.makeFailedFuture(error)
        }
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) async throws {
        try run(query, onRow)
        if handle.turnIsOver() { await Task.yield() }
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await closure(self)
    }

    /// A bound value as SQLite stores it: the types records bind (text, integers, doubles, booleans as 0 or 1)
    /// directly, anything else through SQLiteKit's encoder.
    static func value(_ bind: any Encodable & Sendable) throws -> SQLiteData {
        switch bind {
        case let text as String: .text(text)
        case let n as Int64: .integer(.init(n))
        case let n as Int: .integer(.init(n))
        case let d as Double: .float(d)
        case let b as Bool: .integer(b ? 1 : 0)
        default: try encoder.encode(bind)
        }
    }

    private func run(_ query: any SQLExpression, _ onRow: (any SQLRow) -> ()) throws {
        let (sql, binds) = serialize(query)
        let values = try binds.map { try Self.value($0) }
        logger.debug("\(sql)", metadata: ["binds": .array(values.map { .string($0.description) })])
        try handle.run(sql, values) { onRow($0) }
    }
}
