import GantryModel
import GantryInterchange
import GantryGovernance

/// The audit trail: every change a service makes is recorded in the same transaction (who, when, what, the
/// record before and after), and read back by the admin and the PMO, filtered, paged or as CSV.
public struct Audit: Sendable {
    let store: any Store

    public init(store: any Store) { self.store = store }

    public enum Verb: String, Sendable, CaseIterable {
        case create, update, delete, schedule, level, transition, decide
        /// Workflow actions on risks and change requests.
        case convert, close, reopen, submit, approve, reject, `defer`, withdraw
    }

    /// Appends one line for a change to `record`; called inside the change's transaction.
    static func record<E: Entity>(_ verb: Verb, _ record: E, before: E?, after: E?, by caller: Caller, at time: Timestamp,
                                  in session: any StoreSession) async throws {
        func json(_ value: E?) throws -> String? {
            guard let value else { return nil }
            return String(decoding: try JSONValueEncoder().encode(value).serialized(), as: UTF8.self)
        }
        let past = verb.pastTense
        try await session.appendAudit(AuditRecord(
            at: time, userId: caller.userId, action: verb.rawValue, kind: E.kindName, recordId: record.id.rawValue,
            summary: "\(past) \(E.kindName) \(record.id)", before: try json(before), after: try json(after)))
    }

    /// A workflow step on a record that is not a plain edit (a schedule computed, leveling applied).
    static func note(_ verb: Verb, kind: String, id: Int64, _ summary: String, by caller: Caller, at time: Timestamp,
                     in session: any StoreSession) async throws {
        try await session.appendAudit(AuditRecord(
            at: time, userId: caller.userId, action: verb.rawValue, kind: kind, recordId: id, summary: summary))
    }

    /// Audit lines, newest first; `query.before` pages on from an earlier answer's last id.
    public func entries(_ query: AuditQuery, _ caller: Caller) async throws -> (items: [AuditRecord], nextCursor: Int64?) {
        try caller.require(.view, .auditLog)
        var q = query
        q.limit = min(max(query.limit, 1), 500) + 1
        let rows = try await store.read { [q] in try await $0.auditLog(q) }
        let items = Array(rows.prefix(q.limit - 1))
        return (items, rows.count > items.count ? items.last?.id : nil)
    }

    /// The lines as CSV (RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled).
    public func csv(_ query: AuditQuery, _ caller: Caller) async throws -> String {
        try caller.require(.view, .auditLog)
        var q = query
        q.limit = 100_000
        let rows = try await store.read { [q] in try await $0.auditLog(q) }
        var out = "id,at,user_id,action,kind,record_id,summary,before,after\r\n"
        for r in rows {
            out += CSVWriter.line([String(r.id), r.at.description, r.userId.map { String($0.rawValue) } ?? "", r.action, r.kind,
                             String(r.recordId), r.summary, r.before ?? "", r.after ?? ""])
        }
        return out
    }
}

extension Audit.Verb {
    /// The verb in the past tense, for audit summaries.
    var pastTense: String {
        switch self {
        case .create: "created"
        case .update: "updated"
        case .delete: "deleted"
        case .schedule: "scheduled"
        case .level: "leveled"
        case .transition: "moved"
        case .decide: "decided"
        case .convert: "converted"
        case .close: "closed"
        case .reopen: "reopened"
        case .submit: "submitted"
        case .approve: "approved"
        case .reject: "rejected"
        case .defer: "deferred"
        case .withdraw: "withdrew"
        }
    }
}
