import Foundation
import GantryModel
import GantryServices
import SQLKit
import SQLiteKit
import Synchronization

/// One unit of work on one connection: the SQL behind every `StoreSession` call, the same for both databases.
struct SQLSession: StoreSession {
    let db: any SQLDatabase
    /// A write transaction's revision bumps not yet written (nil in a read): `flush()` writes them before the
    /// commit.
    let pending: PendingRevisions?

    init(db: any SQLDatabase, pending: PendingRevisions? = nil) {
        self.db = db
        self.pending = pending
    }

    func get<E: Entity>(_ type: E.Type, _ id: E.ID) async throws -> E? {
        let table = Table.of(E.self)
        guard let row = try await db.select().column("*").from(table.name).where("id", .equal, SQLBind(id.rawValue)).first()
        else { return nil }
        return try RowCodec.record(E.self, from: row, table: table)
    }

    func list<E: Entity>(_ type: E.Type, _ query: ListQuery) async throws -> [E] {
        let table = Table.of(E.self)
        let select = db.select().column("*").from(table.name)
        try apply(query.filters, table: table, to: select)
        if let after = query.after { select.where("id", .greaterThan, SQLBind(after)) }
        select.orderBy("id")
        if let limit = query.limit { select.limit(limit) }
        return try await select.all().map { try RowCodec.record(E.self, from: $0, table: table) }
    }

    func count<E: Entity>(_ type: E.Type, _ filters: [String: FilterValue]) async throws -> Int {
        let table = Table.of(E.self)
        let select = db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(table.name)
        try apply(filters, table: table, to: select)
        return try await select.first()?.decode(column: "n", as: Int.self) ?? 0
    }

    func insert<E: Entity>(_ entity: E) async throws -> E {
        let table = Table.of(E.self)
        let values = try RowCodec.values(of: entity, table: table)
        let row = try await db.insert(into: table.name)
            .columns(["version"] + values.map(\.0))
            .values([SQLBind(Int64(1))] + values.map(\.1))
            .returning("id")
            .first()
        guard let id = try row?.decode(column: "id", as: Int64.self) else {
            throw StorageError("inserting into \(table.name) returned no id")
        }
        var stored = entity
        stored.id = E.ID(id)
        stored.version = 1
        return stored
    }

    /// Rows per statement: SQLite takes at most 32,766 bound values in one statement (since 3.32), PostgreSQL
    /// 65,535; a table has at most a few dozen columns.
    static let rowsPerInsert = 400

    func insertAll<E: Entity>(_ entities: [E]) async throws -> [E] {
        let table = Table.of(E.self)
        var stored: [E] = []
        stored.reserveCapacity(entities.count)
        var start = 0
        while start < entities.count {
            let chunk = entities[start..<min(entities.count, start + Self.rowsPerInsert)]
            let rows = try chunk.map { try RowCodec.values(of: $0, table: table) }
            // Every row has the table's columns, in the table's order.
            let insert = db.insert(into: table.name).columns(["version"] + table.columns.map(\.name))
            for row in rows { insert.values([SQLBind(Int64(1))] + row.map(\.1)) }
            // One statement gives its rows increasing ids in the order of its VALUES (SQLite's rowid and a
            // PostgreSQL identity both count up within a statement), whatever order RETURNING lists them in.
            let ids = try await insert.returning("id").all().map { try $0.decode(column: "id", as: Int64.self) }.sorted()
            guard ids.count == chunk.count else {
                throw StorageError("inserting \(chunk.count) rows into \(table.name) returned \(ids.count) ids")
            }
            for (entity, id) in zip(chunk, ids) {
                var e = entity
                e.id = E.ID(id)
                e.version = 1
                stored.append(e)
            }
            start += chunk.count
        }
        return stored
    }

    /// The moved rows' planned days and the project's schedule revision, answering how many rows were at the
    /// version read (each moved row's version goes up by one) and the new revision. A plan's critical path moves
    /// hundreds of rows at once, so only their number comes back.
    /// - PostgreSQL: one statement, the days bound as one JSON array (`[{"i":id,"v":version,"s":start,"f":finish}]`),
    ///   the update and the revision as two data-modifying parts of a `WITH`; a statement of four binds a row cost
    ///   more to build and bind than the update itself.
    /// - SQLite: one prepared update run once per row in-line (`SQLiteHandle.runEach`), then the revision's upsert.
    func storeSchedule(of project: Project.ID, days: [PlannedDays], at time: Timestamp) async throws -> (changed: Int, revision: Int64) {
        // The bumps held back and this one.
        let n = Int64(1 + (pending?.take(project).first?.1 ?? 0))
        let changed: Int
        let row: (any SQLRow)?
        if let direct = db as? SQLiteDirectDatabase {
            let at = SQLiteData.text(time.description)
            changed = try direct.handle.runEach(
                "UPDATE activities SET planned_start = ?1, planned_finish = ?2, version = version + 1, updated_at = ?3 WHERE id = ?4 AND version = ?5",
                days.map { d in
                    [d.start.map { .text($0.description) } ?? .null, d.finish.map { .text($0.description) } ?? .null, at,
                     .integer(.init(d.id.rawValue)), .integer(.init(d.version))]
                })
            row = try await db.raw(Self.markScheduled(project, by: n)).first()
        } else {
            // A day left out (nil) reads as NULL.
            var w = JSONTextWriter(capacity: days.count * 56)
            w.beginArray()
            for d in days {
                w.beginObject()
                w.key("i"); w.int(d.id.rawValue)
                w.key("v"); w.int(d.version)
                w.string("s", d.start?.description)
                w.string("f", d.finish?.description)
                w.endObject()
            }
            w.endArray()
            let json = String(decoding: w.bytes, as: UTF8.self)
            row = try await db.raw("""
                WITH moved AS (UPDATE activities SET planned_start = v.s, planned_finish = v.f, \
                version = activities.version + 1, updated_at = \(bind: time.description) \
                FROM jsonb_to_recordset(CAST(\(bind: json) AS jsonb)) AS v(i bigint, v bigint, s text, f text) \
                WHERE activities.id = v.i AND activities.version = v.v RETURNING 1), \
                marked AS (\(Self.markScheduled(project, by: n))) \
                SELECT (SELECT count(*) FROM moved) AS n, (SELECT revision FROM marked) AS revision
                """).first()
            changed = try row.map { Int(try $0.decode(column: "n", as: Int64.self)) } ?? 0
        }
        guard let row else { throw StorageError("schedule_revisions returned no revision for project \(project)") }
        return (changed, try row.decode(column: "revision", as: Int64.self))
    }

    func update<E: Entity>(_ entity: E, expectedVersion: Int) async throws -> E? {
        let table = Table.of(E.self)
        let update = db.update(table.name).set("version", to: SQLBind(Int64(expectedVersion + 1)))
        for (column, value) in try RowCodec.values(of: entity, table: table) { update.set(SQLColumn(column), to: value) }
        let row = try await update
            .where("id", .equal, SQLBind(entity.id.rawValue))
            .where("version", .equal, SQLBind(Int64(expectedVersion)))
            .returning("version")
            .first()
        guard row != nil else { return nil }
        var stored = entity
        stored.version = expectedVersion + 1
        return stored
    }

    func delete<E: Entity>(_ type: E.Type, _ id: E.ID) async throws -> Bool {
        let table = Table.of(E.self)
        let rows = try await db.delete(from: table.name).where("id", .equal, SQLBind(id.rawValue)).returning("id").all()
        return !rows.isEmpty
    }

    func delete<E: Entity>(_ type: E.Type, where filters: [String: FilterValue]) async throws -> Int {
        let table = Table.of(E.self)
        let delete = db.delete(from: table.name)
        for (column, value) in filters.sorted(by: { $0.key < $1.key }) {
            guard table.columnNames.contains(column) else { throw StorageError("\(table.name) has no column \(column)") }
            delete.where(predicate(column, value))
        }
        return try await delete.returning("id").all().count
    }

    private func apply(_ filters: [String: FilterValue], table: Table, to select: SQLSelectBuilder) throws {
        for (column, value) in filters.sorted(by: { $0.key < $1.key }) {
            if case .search(let columns, let text) = value {
                for c in columns where !table.columnNames.contains(c) { throw StorageError("\(table.name) has no column \(c)") }
                select.where(SQLGroupExpression(ContainsText.any(columns, text)))
                continue
            }
            guard table.columnNames.contains(column) else { throw StorageError("\(table.name) has no column \(column)") }
            select.where(predicate(column, value))
        }
    }

    private func predicate(_ column: String, _ value: FilterValue) -> any SQLExpression {
        switch value {
        case .int(let i): SQLBinaryExpression(SQLColumn(column), .equal, SQLBind(i))
        case .text(let s): SQLBinaryExpression(SQLColumn(column), .equal, SQLBind(s))
        case .isNull: SQLBinaryExpression(SQLColumn(column), .is, SQLLiteral.null)
        case .search(let columns, let text): SQLGroupExpression(ContainsText.any(columns, text))
        }
    }

    // MARK: schedule revisions

    // A write transaction counts its bumps per project and writes them once: when the project's revision is read
    // or marked scheduled, or at the commit (`flush`). An edit of one activity bumps once and then marks the
    // schedule, which is then one statement instead of two; a paste of fifty rows bumps fifty times.

    func scheduleRevision(of project: Project.ID) async throws -> Int64 {
        try await flush(project)
        return try await db.select().column("revision").from("schedule_revisions")
            .where("project_id", .equal, SQLBind(project.rawValue)).first()?
            .decode(column: "revision", as: Int64.self) ?? 0
    }

    func bumpScheduleRevision(of project: Project.ID) async throws {
        guard let pending else { return try await bump(project, by: 1) }
        pending.add(project)
    }

    /// Writes the bumps this transaction holds back for `project`, or for every project.
    func flush(_ project: Project.ID? = nil) async throws {
        guard let pending else { return }
        for (p, n) in pending.take(project) { try await bump(p, by: n) }
    }

    private func bump(_ project: Project.ID, by n: Int) async throws {
        // An upsert both databases understand (SQLite 3.24+, PostgreSQL 9.5+).
        try await db.raw("""
            INSERT INTO schedule_revisions (project_id, revision) VALUES (\(bind: project.rawValue), \(bind: Int64(n)))
            ON CONFLICT (project_id) DO UPDATE SET revision = schedule_revisions.revision + \(bind: Int64(n))
            """).run()
    }

    /// The upsert that moves a project's revision on by `n` and records it as scheduled, answering it.
    static func markScheduled(_ project: Project.ID, by n: Int64) -> SQLQueryString {
        """
        INSERT INTO schedule_revisions (project_id, revision, scheduled) VALUES (\(bind: project.rawValue), \(bind: n), \(bind: n)) \
        ON CONFLICT (project_id) DO UPDATE SET revision = schedule_revisions.revision + \(bind: n), \
        scheduled = schedule_revisions.revision + \(bind: n) RETURNING revision
        """
    }

    func scheduledRevision(of project: Project.ID) async throws -> Int64? {
        try await flush(project)
        return try await db.select().column("scheduled").from("schedule_revisions")
            .where("project_id", .equal, SQLBind(project.rawValue)).first()?
            .decode(column: "scheduled", as: Int64?.self)
    }

    // MARK: computed documents

    func storedSchedule(of project: Project.ID) async throws -> StoredDocument? {
        guard let row = try await db.select().column("*").from("project_schedules")
            .where("project_id", .equal, SQLBind(project.rawValue)).first()
        else { return nil }
        return StoredDocument(
            projectId: project, revision: try row.decode(column: "revision", as: Int64.self),
            createdAt: Timestamp(iso: try row.decode(column: "computed_at", as: String.self)) ?? Timestamp(millisecondsSinceEpoch: 0),
            payload: try row.decode(column: "payload", as: String.self))
    }

    func saveSchedule(_ d: StoredDocument) async throws {
        try await db.raw("""
            INSERT INTO project_schedules (project_id, revision, computed_at, payload)
            VALUES (\(bind: d.projectId.rawValue), \(bind: d.revision), \(bind: d.createdAt.description), \(bind: d.payload))
            ON CONFLICT (project_id) DO UPDATE SET revision = excluded.revision, computed_at = excluded.computed_at,
            payload = excluded.payload
            """).run()
    }

    func insertLevelingPreview(_ d: StoredDocument) async throws -> Int64 {
        let row = try await db.insert(into: "leveling_previews")
            .columns("project_id", "revision", "created_at", "payload")
            .values(SQLBind(d.projectId.rawValue), SQLBind(d.revision), SQLBind(d.createdAt.description), SQLBind(d.payload))
            .returning("id").first()
        return try row?.decode(column: "id", as: Int64.self) ?? 0
    }

    func levelingPreview(_ id: Int64) async throws -> StoredDocument? {
        guard let row = try await db.select().column("*").from("leveling_previews")
            .where("id", .equal, SQLBind(id)).first()
        else { return nil }
        return StoredDocument(
            id: id, projectId: Project.ID(try row.decode(column: "project_id", as: Int64.self)),
            revision: try row.decode(column: "revision", as: Int64.self),
            createdAt: Timestamp(iso: try row.decode(column: "created_at", as: String.self)) ?? Timestamp(millisecondsSinceEpoch: 0),
            payload: try row.decode(column: "payload", as: String.self))
    }

    func deleteLevelingPreviews(of project: Project.ID) async throws {
        try await db.delete(from: "leveling_previews").where("project_id", .equal, SQLBind(project.rawValue)).run()
    }

    // MARK: audit

    func appendAudit(_ r: AuditRecord) async throws {
        try await db.insert(into: "audit_log")
            .columns("at", "user_id", "action", "kind", "record_id", "summary", "before_json", "after_json")
            .values(SQLBind(r.at.description), SQLBind(r.userId?.rawValue), SQLBind(r.action), SQLBind(r.kind),
                    SQLBind(r.recordId), SQLBind(r.summary), SQLBind(r.before), SQLBind(r.after))
            .run()
    }

    func auditLog(_ q: AuditQuery) async throws -> [AuditRecord] {
        var select = db.select().column("*").from("audit_log")
        if let kind = q.kind { select = select.where("kind", .equal, SQLBind(kind)) }
        if let id = q.recordId { select = select.where("record_id", .equal, SQLBind(id)) }
        if let user = q.userId { select = select.where("user_id", .equal, SQLBind(user.rawValue)) }
        if let action = q.action { select = select.where("action", .equal, SQLBind(action)) }
        // Timestamps are stored as fixed-width ISO text in UTC, so text order is time order.
        if let since = q.since { select = select.where("at", .greaterThanOrEqual, SQLBind(since.description)) }
        if let until = q.until { select = select.where("at", .lessThan, SQLBind(until.description)) }
        if let before = q.before { select = select.where("id", .lessThan, SQLBind(before)) }
        let rows = try await select.orderBy("id", .descending).limit(max(1, q.limit)).all()
        return try rows.map { row in
            AuditRecord(
                id: try row.decode(column: "id", as: Int64.self),
                at: Timestamp(iso: try row.decode(column: "at", as: String.self)) ?? Timestamp(millisecondsSinceEpoch: 0),
                userId: try row.decode(column: "user_id", as: Int64?.self).map { User.ID($0) },
                action: try row.decode(column: "action", as: String.self),
                kind: try row.decode(column: "kind", as: String.self),
                recordId: try row.decode(column: "record_id", as: Int64.self),
                summary: try row.decode(column: "summary", as: String.self),
                before: try row.decode(column: "before_json", as: String?.self),
                after: try row.decode(column: "after_json", as: String?.self))
        }
    }

    // MARK: accounts

    func passwordDigest(username: String) async throws -> (User, String)? {
        guard let row = try await db.select().column("*").from("users").where("username", .equal, SQLBind(username)).first()
        else { return nil }
        let user = try RowCodec.record(User.self, from: row, table: .users)
        return (user, try row.decode(column: "password_digest", as: String?.self) ?? "")
    }

    func setPasswordDigest(_ digest: String, for user: User.ID) async throws {
        try await db.update("users").set("password_digest", to: SQLBind(digest))
            .where("id", .equal, SQLBind(user.rawValue)).run()
    }

    func insertSession(_ s: SessionRecord) async throws {
        try await db.insert(into: "sessions")
            .columns("token_digest", "user_id", "csrf_token", "expires_at", "created_at")
            .values(SQLBind(s.tokenDigest), SQLBind(s.userId.rawValue), SQLBind(s.csrfToken),
                    SQLBind(s.expiresAt.description), SQLBind(s.createdAt.description))
            .run()
    }

    func session(tokenDigest: String) async throws -> SessionRecord? {
        guard let row = try await db.select().column("*").from("sessions")
            .where("token_digest", .equal, SQLBind(tokenDigest)).first()
        else { return nil }
        guard let expires = Timestamp(iso: try row.decode(column: "expires_at", as: String.self)),
              let created = Timestamp(iso: try row.decode(column: "created_at", as: String.self))
        else { throw StorageError("session row has unreadable timestamps") }
        return SessionRecord(
            tokenDigest: tokenDigest, userId: User.ID(try row.decode(column: "user_id", as: Int64.self)),
            csrfToken: try row.decode(column: "csrf_token", as: String.self), expiresAt: expires, createdAt: created)
    }

    func deleteSession(tokenDigest: String) async throws {
        try await db.delete(from: "sessions").where("token_digest", .equal, SQLBind(tokenDigest)).run()
    }

    func insertToken(_ t: APITokenRecord) async throws {
        try await db.insert(into: "api_tokens")
            .columns("token_digest", "user_id", "name", "created_at")
            .values(SQLBind(t.tokenDigest), SQLBind(t.userId.rawValue), SQLBind(t.name), SQLBind(t.createdAt.description))
            .run()
    }

    func token(digest: String) async throws -> APITokenRecord? {
        guard let row = try await db.select().column("*").from("api_tokens")
            .where("token_digest", .equal, SQLBind(digest)).first()
        else { return nil }
        return APITokenRecord(
            tokenDigest: digest, userId: User.ID(try row.decode(column: "user_id", as: Int64.self)),
            name: try row.decode(column: "name", as: String.self),
            createdAt: Timestamp(iso: try row.decode(column: "created_at", as: String.self))
                ?? Timestamp(millisecondsSinceEpoch: 0))
    }
}

/// `LOWER(column) LIKE '%text%' ESCAPE '\'` with the text's own `%`, `_` and `\` escaped: a case-insensitive
/// substring match that reads the same on SQLite and PostgreSQL.
struct ContainsText: SQLExpression {
    let column: String
    let pattern: String

    init(_ column: String, _ text: String) {
        self.column = column
        var escaped = ""
        for c in text.lowercased() {
            if c == "%" || c == "_" || c == "\\" { escaped.append("\\") }
            escaped.append(c)
        }
        pattern = "%" + escaped + "%"
    }

    /// Any of the columns contains the text.
    static func any(_ columns: [String], _ text: String) -> any SQLExpression {
        var expression: any SQLExpression = ContainsText(columns[0], text)
        for c in columns.dropFirst() { expression = SQLBinaryExpression(expression, .or, ContainsText(c, text)) }
        return expression
    }

    func serialize(to serializer: inout SQLSerializer) {
        serializer.write("LOWER(")
        SQLColumn(column).serialize(to: &serializer)
        serializer.write(") LIKE ")
        SQLBind(pattern).serialize(to: &serializer)
        serializer.write(" ESCAPE '\\'")
    }
}

/// The schedule revision bumps a write transaction holds back, by project, in the order first bumped.
final class PendingRevisions: Sendable {
    private let counts = Mutex<[(Project.ID, Int)]>([])

    func add(_ project: Project.ID) {
        counts.withLock { all in
            if let i = all.firstIndex(where: { $0.0 == project }) { all[i].1 += 1 } else { all.append((project, 1)) }
        }
    }

    /// Removes and answers the bumps held for `project` (for every project when nil).
    func take(_ project: Project.ID?) -> [(Project.ID, Int)] {
        counts.withLock { all in
            guard let project else { defer { all = [] }; return all }
            guard let i = all.firstIndex(where: { $0.0 == project }) else { return [] }
            return [all.remove(at: i)]
        }
    }
}
