public import GantryModel
import GantryGovernance

/// One page of a list, with the cursor for the next page when there is one.
public struct Page<E: Entity>: Sendable {
    public var items: [E]
    public var nextCursor: Int64?

    public init(items: [E], nextCursor: Int64?) { self.items = items; self.nextCursor = nextCursor }
}

/// The record use cases every kind shares: list, get, create, update, delete. Each runs in one transaction,
/// asks the permission policy first, validates with the kind's rules and keeps versions honest.
public struct Catalog: Sendable {
    public static let defaultPageSize = 50
    public static let maxPageSize = 500

    let store: any Store
    let clock: any Clock

    public init(store: any Store, clock: any Clock) {
        self.store = store
        self.clock = clock
    }

    public func list<E: ManagedEntity>(_ type: E.Type, _ caller: Caller, _ query: ListQuery) async throws -> Page<E> {
        try caller.require(.view, E.listSubject)
        let limit = min(max(query.limit ?? Self.defaultPageSize, 1), Self.maxPageSize)
        var page = query
        page.limit = limit + 1
        let q = page
        let rows = try await store.read { try await $0.list(E.self, q) }
        let items = Array(rows.prefix(limit))
        return Page(items: items, nextCursor: rows.count > limit ? items.last?.id.rawValue : nil)
    }

    /// Every record matching the filters, without paging (for views that need a whole project).
    public func all<E: ManagedEntity>(_ type: E.Type, _ caller: Caller, _ filters: [String: FilterValue]) async throws -> [E] {
        try caller.require(.view, E.listSubject)
        return try await store.read { try await $0.list(E.self, ListQuery(filters: filters)) }
    }

    public func get<E: ManagedEntity>(_ type: E.Type, _ id: E.ID, _ caller: Caller) async throws -> E {
        let record = try await store.read { session -> E in
            guard let record = try await session.get(E.self, id) else { throw ServiceError.notFound(E.self, id) }
            try await caller.requireView(E.listSubject) { try await E.subject(of: record, in: session) }
            return record
        }
        return record
    }

    public func create<E: ManagedEntity>(_ draft: E, _ caller: Caller) async throws -> E {
        let now = clock.now()
        return try await store.write { session in try await Self.insert(draft, caller, at: now, in: session) }
    }

    /// `create`'s steps inside a transaction the caller already holds (permission, rules, insert, audit), for use
    /// cases that make more than the record in the same transaction (a project with its template's phases).
    static func insert<E: ManagedEntity>(_ draft: E, _ caller: Caller, at now: Timestamp,
                                         in session: any StoreSession) async throws -> E {
        var record = draft
        record.id = E.ID(0)
        record.version = 1
        record.createdAt = now
        record.updatedAt = now
        try caller.require(.create, try await E.subject(of: record, in: session))
        try await E.prepare(&record, existing: nil, by: caller, in: session)
        try await E.validate(record, existing: nil, in: session)
        let saved = try await session.insert(record)
        try await E.didChange(saved, in: session)
        try await Audit.record(.create, saved, before: nil, after: saved, by: caller, at: now, in: session)
        return saved
    }

    /// Applies `change` to the stored record. With `ifVersion`, refuses (412) when the record has moved on.
    public func update<E: ManagedEntity>(
        _ type: E.Type, _ id: E.ID, _ caller: Caller, ifVersion: Int? = nil,
        change: @escaping @Sendable (inout E) throws -> Void
    ) async throws -> E {
        let now = clock.now()
        return try await store.write { session in
            guard let current = try await session.get(E.self, id) else { throw ServiceError.notFound(E.self, id) }
            try Self.check(version: ifVersion, of: current)
            try caller.require(.update, try await E.subject(of: current, in: session))
            var record = current
            try change(&record)
            record.id = current.id
            record.version = current.version
            record.createdAt = current.createdAt
            record.updatedAt = now
            try caller.require(.update, try await E.subject(of: record, in: session))
            try await E.authorize(change: record, from: current, by: caller, in: session)
            try await E.prepare(&record, existing: current, by: caller, in: session)
            try await E.validate(record, existing: current, in: session)
            guard let saved = try await session.update(record, expectedVersion: current.version) else {
                throw ServiceError(.versionMismatch, "\(E.kindName) \(id) was changed by someone else meanwhile; reload it and try again")
            }
            try await E.didChange(saved, in: session)
            try await Audit.record(.update, saved, before: current, after: saved, by: caller, at: now, in: session)
            return saved
        }
    }

    public func delete<E: ManagedEntity>(_ type: E.Type, _ id: E.ID, _ caller: Caller, ifVersion: Int? = nil) async throws {
        let now = clock.now()
        try await store.write { session in
            guard let current = try await session.get(E.self, id) else { throw ServiceError.notFound(E.self, id) }
            try Self.check(version: ifVersion, of: current)
            try caller.require(.delete, try await E.subject(of: current, in: session))
            try await E.authorize(delete: current, by: caller, in: session)
            if let user = current as? User, case .user(let actor) = caller, actor.userId == user.id {
                throw ServiceError(.conflict, "you cannot delete your own account")
            }
            try await E.prepareDelete(current, in: session)
            _ = try await session.delete(E.self, id)
            try await E.didChange(current, in: session)
            try await Audit.record(.delete, current, before: current, after: nil, by: caller, at: now, in: session)
        }
    }

    static func check<E: Entity>(version: Int?, of record: E) throws(ServiceError) {
        if let version, version != record.version {
            throw ServiceError(
                .versionMismatch,
                "\(E.kindName) \(record.id) is at version \(record.version), not \(version); reload it and apply your change again")
        }
    }
}

