public import GantryModel

/// Which records a list returns: equality filters on columns, a cursor (the last id of the previous page) and a
/// page size. Records come in ascending id order.
public struct ListQuery: Sendable, Hashable {
    public var filters: [String: FilterValue]
    public var after: Int64?
    public var limit: Int?

    public init(filters: [String: FilterValue] = [:], after: Int64? = nil, limit: Int? = nil) {
        self.filters = filters; self.after = after; self.limit = limit
    }
}

public enum FilterValue: Sendable, Hashable {
    case int(Int64)
    case text(String)
    case isNull
    /// The text anywhere in any of these columns, ignoring case.
    case search([String], String)
}

/// A browser session as stored: only the digest of the cookie's token is kept.
public struct SessionRecord: Sendable, Hashable {
    public var tokenDigest: String
    public var userId: User.ID
    public var csrfToken: String
    public var expiresAt: Timestamp
    public var createdAt: Timestamp

    public init(tokenDigest: String, userId: User.ID, csrfToken: String, expiresAt: Timestamp, createdAt: Timestamp) {
        self.tokenDigest = tokenDigest; self.userId = userId; self.csrfToken = csrfToken
        self.expiresAt = expiresAt; self.createdAt = createdAt
    }
}

/// A bearer token for scripts, as stored: its digest, never the token.
public struct APITokenRecord: Sendable, Hashable {
    public var tokenDigest: String
    public var userId: User.ID
    public var name: String
    public var createdAt: Timestamp

    public init(tokenDigest: String, userId: User.ID, name: String, createdAt: Timestamp) {
        self.tokenDigest = tokenDigest; self.userId = userId; self.name = name; self.createdAt = createdAt
    }
}

/// A JSON document the engines computed for a project, stamped with the project's schedule revision at the time:
/// it is current while the revision has not moved on.
public struct StoredDocument: Sendable, Hashable {
    public var id: Int64
    public var projectId: Project.ID
    public var revision: Int64
    public var createdAt: Timestamp
    public var payload: String

    public init(id: Int64 = 0, projectId: Project.ID, revision: Int64, createdAt: Timestamp, payload: String) {
        self.id = id; self.projectId = projectId; self.revision = revision; self.createdAt = createdAt
        self.payload = payload
    }
}

/// One line of the audit trail: who did what to which record, when, with the record before and after (JSON).
public struct AuditRecord: Sendable, Hashable {
    public var id: Int64
    public var at: Timestamp
    /// Nil when the system itself acted (the CLI, the demo loader).
    public var userId: User.ID?
    /// `create`, `update`, `delete`, or a workflow's verb (`schedule`, `level`).
    public var action: String
    /// The record's kind (`activity`, `project`, …) and id.
    public var kind: String
    public var recordId: Int64
    public var summary: String
    public var before: String?
    public var after: String?

    public init(id: Int64 = 0, at: Timestamp, userId: User.ID?, action: String, kind: String, recordId: Int64,
                summary: String, before: String? = nil, after: String? = nil) {
        self.id = id; self.at = at; self.userId = userId; self.action = action; self.kind = kind
        self.recordId = recordId; self.summary = summary; self.before = before; self.after = after
    }
}

/// Which audit lines to read: newest first, after `before` (an id, for paging).
public struct AuditQuery: Sendable, Hashable {
    public var kind: String?
    public var recordId: Int64?
    public var userId: User.ID?
    public var action: String?
    public var since: Timestamp?
    public var until: Timestamp?
    public var before: Int64?
    public var limit: Int

    public init(kind: String? = nil, recordId: Int64? = nil, userId: User.ID? = nil, action: String? = nil,
                since: Timestamp? = nil, until: Timestamp? = nil, before: Int64? = nil, limit: Int = 100) {
        self.kind = kind; self.recordId = recordId; self.userId = userId; self.action = action
        self.since = since; self.until = until; self.before = before; self.limit = limit
    }
}

/// Reads and writes inside one unit of work. Everything done through one session in `Store.write` commits
/// together or not at all. (The accounts' own methods are in `CredentialStore`, Accounts/CredentialStore.swift.)
public protocol StoreSession: Sendable, CredentialStore {
    func get<E: Entity>(_ type: E.Type, _ id: E.ID) async throws -> E?
    func list<E: Entity>(_ type: E.Type, _ query: ListQuery) async throws -> [E]
    func count<E: Entity>(_ type: E.Type, _ filters: [String: FilterValue]) async throws -> Int
    /// Stores a new record and returns it with the id the store gave it and version 1.
    func insert<E: Entity>(_ entity: E) async throws -> E
    /// Stores new records, in order, and returns them with their ids (increasing, in the order given) and
    /// version 1: what `insert` does for each, in as few statements as the database allows (an imported plan's
    /// thousands of activities and links).
    func insertAll<E: Entity>(_ entities: [E]) async throws -> [E]
    /// Stores the planned days the scheduler computed for many activities in as few statements as the database
    /// allows, each row's version raised by one and `updated_at` set, only where the row is still at the version
    /// given (a row at another version is left alone), and marks the project's revision as the one the planned
    /// dates were computed at, moving it on as `bumpScheduleRevision` does. Answers how many rows it changed and
    /// the revision.
    func storeSchedule(of project: Project.ID, days: [PlannedDays], at time: Timestamp) async throws -> (changed: Int, revision: Int64)
    /// Stores `entity` if the stored version is still `expectedVersion`; returns it with the next version,
    /// or `nil` when the record changed or vanished meanwhile.
    func update<E: Entity>(_ entity: E, expectedVersion: Int) async throws -> E?
    func delete<E: Entity>(_ type: E.Type, _ id: E.ID) async throws -> Bool
    func delete<E: Entity>(_ type: E.Type, where filters: [String: FilterValue]) async throws -> Int

    /// A counter that grows with every change to a project's activities or dependencies (0 before the first).
    func scheduleRevision(of project: Project.ID) async throws -> Int64
    func bumpScheduleRevision(of project: Project.ID) async throws
    /// The revision the planned dates were last computed at (by `storeSchedule`), nil when never.
    func scheduledRevision(of project: Project.ID) async throws -> Int64?

    /// The last computed schedule of a project (a JSON document), with the schedule revision it was made at.
    func storedSchedule(of project: Project.ID) async throws -> StoredDocument?
    func saveSchedule(_ document: StoredDocument) async throws
    /// Leveling previews: a computed proposal kept until it is applied or discarded.
    func insertLevelingPreview(_ document: StoredDocument) async throws -> Int64
    func levelingPreview(_ id: Int64) async throws -> StoredDocument?
    func deleteLevelingPreviews(of project: Project.ID) async throws

    /// The audit trail: appended in the transaction of the change it records, never changed.
    func appendAudit(_ record: AuditRecord) async throws
    func auditLog(_ query: AuditQuery) async throws -> [AuditRecord]

    func passwordDigest(username: String) async throws -> (User, String)?
    func setPasswordDigest(_ digest: String, for user: User.ID) async throws
    func insertSession(_ session: SessionRecord) async throws
    func session(tokenDigest: String) async throws -> SessionRecord?
    func deleteSession(tokenDigest: String) async throws
    func insertToken(_ token: APITokenRecord) async throws
    func token(digest: String) async throws -> APITokenRecord?
}

/// The persistence port. Implemented on SQL (SQLite and PostgreSQL) by the storage target.
public protocol Store: Sendable {
    /// Runs `body` against a consistent view of the data.
    func read<T: Sendable>(_ body: @Sendable (any StoreSession) async throws -> T) async throws -> T
    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    func write<T: Sendable>(_ body: @Sendable (any StoreSession) async throws -> T) async throws -> T
    /// Applies pending migrations and returns the names of those it applied.
    @discardableResult func migrate() async throws -> [String]
    /// Succeeds when the database answers.
    func ping() async throws
    /// "sqlite" or "postgresql".
    var kind: String { get }
}

/// The time source. Services read the time only through this port, so tests can fix it.
public protocol Clock: Sendable {
    func now() -> Timestamp
}

/// Randomness and one-way functions: passwords and tokens never go through the services in a reversible form.
public protocol Secrets: Sendable {
    /// A new random token, URL-safe, with at least 128 bits of entropy.
    func newToken() -> String
    /// A fast digest for looking tokens up (SHA-256, hex).
    func digest(_ token: String) -> String
    /// A slow salted hash for passwords (bcrypt).
    func hashPassword(_ password: String) -> String
    func verifyPassword(_ password: String, hash: String) -> Bool
}

/// An activity's planned days as the scheduler computed them, for `StoreSession.storeSchedule`.
public struct PlannedDays: Sendable, Hashable {
    public var id: Activity.ID
    public var version: Int
    public var start: CalendarDate?
    public var finish: CalendarDate?

    public init(id: Activity.ID, version: Int, start: CalendarDate?, finish: CalendarDate?) {
        self.id = id; self.version = version; self.start = start; self.finish = finish
    }
}
