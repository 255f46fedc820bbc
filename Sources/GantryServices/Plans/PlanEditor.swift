public import GantryModel
import GantryScheduling
import GantryGovernance
import Foundation
import Synchronization

/// Editing a plan the way MS Project's entry table does, through the same rules, permissions and audit trail as
/// the API's records: each call is one transaction that changes the records, reschedules the project and answers
/// with every row whose shown values changed. A wrong cell is refused with the column and the text at fault and
/// nothing changes; an edit of a row someone else changed since it was read is a `PlanConflict` with both values.
public struct PlanEditor: Sendable {
    let store: any Store
    let clock: any Clock
    /// The plan each project's last edit left, for the next edit to start from instead of reading it again.
    let kept = PlanStateCache()

    public init(store: any Store, clock: any Clock) {
        self.store = store
        self.clock = clock
    }

    /// The cells an edit may name, in the grid's column order.
    public static let columns = [
        "name", "duration", "start", "finish", "predecessors", "constraint_type", "constraint_date", "deadline",
        "resources", "percent_complete", "physical_percent_complete", "fixed_cost", "remaining", "actual_start",
        "actual_finish", "notes", "code", "activity_type", "secondary_constraint_type", "secondary_constraint_date",
        "expected_finish", "suspend_date", "resume_date", "external_early_start", "external_late_finish",
    ]

    /// What a paste fills when it names no columns: the entry table's first columns.
    public static let pasteColumns = ["name", "duration", "predecessors", "resources"]

    // MARK: reading

    public func grid(_ id: Project.ID, _ caller: Caller) async throws -> PlanGrid {
        let today = clock.now().date
        return try await store.read { session in
            let project = try await Self.project(id, in: session)
            try await caller.requireView(Activity.listSubject) { try await scheduleSubject(id, in: session) }
            return try await PlanGrid.read(project, in: session, today: today)
        }
    }

    // MARK: cells

    /// Applies typed cells to one activity. `ifVersion` is the row's version as the editor read it: a row changed
    /// since by someone else (an audited change) is refused with both values; a row whose only change since was
    /// the scheduler moving its dates is not a conflict.
    public func edit(_ activityId: Activity.ID, cells: [String: String], ifVersion: Int?, _ caller: Caller) async throws -> PlanChange {
        let now = clock.now()
        return try await store.write { session in
            guard let activity = try await session.get(Activity.self, activityId) else { throw ServiceError.notFound(Activity.self, activityId) }
            let project = try await Self.project(activity.projectId, in: session)
            try caller.require(.update, try await scheduleSubject(project, in: session))
            try await Self.refuseIfChanged(activity, since: ifVersion, project, yours: cells, today: now.date, in: session)
            let before = try await kept.before(project, in: session, today: now.date)
            var messages: [String] = []
            let saved = try await Self.apply(cells, to: activity, plan: before, by: caller, at: now, in: session,
                                             messages: &messages)
            return try await Self.finish(project, before: before, changed: saved, cells: cells, at: now, in: session,
                                         kept: kept, messages: messages)
        }
    }

    /// Adds a row above or below another (in the same summary; below a summary is its first child), or at the
    /// end of the plan, with the cells given. Row numbers in its predecessors count the new row.
    public func insert(into projectId: Project.ID, near: Activity.ID?, below: Bool, cells: [String: String],
                       _ caller: Caller) async throws -> PlanChange {
        let now = clock.now()
        return try await store.write { session in
            let project = try await Self.project(projectId, in: session)
            try caller.require(.update, try await scheduleSubject(project.id, in: session))
            let before = try await kept.before(project, in: session, today: now.date).grid
            var parent: Activity.ID? = nil
            var position = (before.rows.filter { $0.parentId == nil }.count)
            if let near {
                guard let anchor = try await session.get(Activity.self, near), anchor.projectId == projectId else {
                    throw ServiceError.invalid(field: "near", "activity \(near) is not in project \(project.code)")
                }
                if below && anchor.kind == .summary {
                    parent = anchor.id
                    position = 0
                } else {
                    parent = anchor.parentId
                    position = try await Self.renumber(siblingsOf: anchor.parentId, in: projectId, by: caller, at: now, in: session)[anchor.id]! + (below ? 1 : 0)
                }
                try await Self.makeRoom(at: position, under: parent, in: projectId, by: caller, at: now, in: session)
            }
            let made = try await Self.newActivity(project, parent: parent, position: position, cells: cells,
                                                  taken: Set(before.rows.map(\.code)), by: caller, at: now, in: session)
            let mid = try await PlanGrid.read(project, in: session, today: now.date)
            var messages: [String] = []
            var rest = cells
            rest["name"] = nil; rest["code"] = nil
            if !rest.isEmpty {
                try await Self.apply(rest, to: made, grid: mid, by: caller, at: now, in: session, messages: &messages)
            }
            return try await Self.finish(project, before: before, at: now, in: session, kept: kept, messages: messages, created: [made.id])
        }
    }

    /// Rows pasted from a spreadsheet (tab-separated), filling `columns` from row `fromRow` on: rows that exist
    /// are updated, the rest are added at the end. One transaction: a wrong cell anywhere refuses the whole paste
    /// and names its row and column.
    public func paste(into projectId: Project.ID, text: String, columns given: [String]?, fromRow: Int?,
                      _ caller: Caller) async throws -> PlanChange {
        let columns = (given?.isEmpty ?? true) ? Self.pasteColumns : given!
        for (i, c) in columns.enumerated() where !Self.columns.contains(c) {
            throw ServiceError.invalid(field: "columns[\(i)]", "'\(c)' is not a column of the plan; use \(Self.columns.joined(separator: ", "))")
        }
        let lines = PlanNotation.tabSeparated(text)
        guard !lines.isEmpty else { throw ServiceError.invalid(field: "text", "there is nothing to paste: the text has no rows") }
        guard lines.count <= 5_000 else { throw ServiceError.invalid(field: "text", "\(lines.count) rows is more than one paste takes (5000)") }
        for (k, line) in lines.enumerated() where line.count > columns.count {
            throw ServiceError.invalid(field: "text", "pasted row \(k + 1) has \(line.count) cells but only \(columns.count) columns (\(columns.joined(separator: ", "))) are being filled")
        }
        let now = clock.now()
        return try await store.write { session in
            let project = try await Self.project(projectId, in: session)
            try caller.require(.update, try await scheduleSubject(project.id, in: session))
            let before = try await kept.before(project, in: session, today: now.date).grid
            let first = max(1, fromRow ?? (before.rows.count + 1))
            guard first <= before.rows.count + 1 else {
                throw ServiceError.invalid(field: "from_row", "row \(first) is past the end of the plan (it has \(before.rows.count) rows)")
            }
            var targets: [Activity.ID] = []
            var created: [Activity.ID] = []
            var taken = Set(before.rows.map(\.code))
            var position = before.rows.filter { $0.parentId == nil }.count
            for (k, line) in lines.enumerated() {
                let index = first - 1 + k
                if index < before.rows.count {
                    targets.append(before.rows[index].activityId)
                    continue
                }
                var cells: [String: String] = [:]
                for (c, value) in zip(columns, line) where c == "name" || c == "code" { cells[c] = value }
                let made = try await Self.newActivity(project, parent: nil, position: position, cells: cells, taken: taken,
                                                      by: caller, at: now, in: session, row: k + 1)
                taken.insert(made.code)
                position += 1
                targets.append(made.id)
                created.append(made.id)
            }
            var messages: [String] = []
            // Links may name rows pasted further down: everything else first, then the predecessors.
            for pass in 0..<2 {
                let grid = try await PlanGrid.read(project, in: session, today: now.date)
                for (k, line) in lines.enumerated() {
                    var cells: [String: String] = [:]
                    for (c, value) in zip(columns, line) where (c == "predecessors") == (pass == 1) {
                        if created.contains(targets[k]) && (c == "name" || c == "code") { continue }
                        if created.contains(targets[k]) && value.trimmingSpaces().isEmpty { continue }
                        cells[c] = value
                    }
                    if cells.isEmpty { continue }
                    guard let activity = try await session.get(Activity.self, targets[k]) else { continue }
                    do {
                        try await Self.apply(cells, to: activity, grid: grid, by: caller, at: now, in: session, messages: &messages)
                    } catch let error as ServiceError {
                        throw ServiceError(error.code, "pasted row \(k + 1): \(error.message)",
                                           problems: error.problems.map { FieldProblem(field: "rows[\(k)].\($0.field)", message: "pasted row \(k + 1): \($0.message)") })
                    }
                }
            }
            return try await Self.finish(project, before: before, at: now, in: session, kept: kept,
                                         messages: ["pasted \(lines.count) rows: \(lines.count - created.count) updated, \(created.count) added"] + messages,
                                         created: created)
        }
    }

    // MARK: links

    /// Changes one link's type and lag (`type` as `FS`, `SS`, `FF` or `SF`, `lag` as `+2d`, `-1d`), or deletes it
    /// when `type` is nil, and reschedules, in one transaction. The answer's first row is the link's successor.
    public func changeLink(_ id: Dependency.ID, type text: String?, lag lagText: String, ifVersion: Int?,
                           _ caller: Caller) async throws -> PlanChange {
        var type: DependencyType? = nil
        var lag = WorkDuration.zero
        if let text {
            guard let t = DependencyType(rawValue: text.trimmingSpaces().uppercased()) else {
                throw ServiceError.invalid(field: "type", "'\(text)' is not a link type; choose FS, SS, FF or SF")
            }
            type = t
            do { lag = try PlanNotation.lag(lagText) } catch { throw ServiceError.invalid(field: "lag", error.message) }
        }
        let now = clock.now()
        let (newType, newLag) = (type, lag)
        return try await store.write { session in
            guard let link = try await session.get(Dependency.self, id) else { throw ServiceError.notFound(Dependency.self, id) }
            try Catalog.check(version: ifVersion, of: link)
            let project = try await Self.project(link.projectId, in: session)
            let before = try await kept.before(project, in: session, today: now.date).grid
            if let type = newType {
                _ = try await Catalog.apply({ $0.type = type; $0.lag = newLag }, to: link, by: caller, at: now, in: session)
            } else {
                try await Catalog.remove(link, by: caller, at: now, in: session)
            }
            var change = try await Self.finish(project, before: before, at: now, in: session, kept: kept,
                                               messages: [newType == nil ? "link deleted" : "link saved"])
            // The successor first, so a caller can go back to it.
            if let i = change.rows.firstIndex(where: { $0.activityId == link.successorId }) {
                change.rows.insert(change.rows.remove(at: i), at: 0)
            }
            return change
        }
    }

    // MARK: the outline

    public enum OutlineAction: String, Sendable, CaseIterable {
        case indent, outdent, up, down, delete
    }

    /// Indents (under the row above at its level, which becomes a summary), outdents (after its summary),
    /// moves up or down among its siblings, or deletes a row. Deleting a summary takes its rows with it, which is
    /// refused with the list of them unless `confirm` is set.
    public func outline(_ activityId: Activity.ID, _ action: OutlineAction, confirm: Bool = false,
                        _ caller: Caller) async throws -> PlanChange {
        let now = clock.now()
        return try await store.write { session in
            guard let activity = try await session.get(Activity.self, activityId) else { throw ServiceError.notFound(Activity.self, activityId) }
            let project = try await Self.project(activity.projectId, in: session)
            try caller.require(.update, try await scheduleSubject(project.id, in: session))
            let before = try await kept.before(project, in: session, today: now.date).grid
            let row = before.row(activity.id)?.row ?? 0
            var messages: [String] = []
            let order = try await Self.renumber(siblingsOf: activity.parentId, in: project.id, by: caller, at: now, in: session)
            let siblings = order.sorted { $0.value < $1.value }.map(\.key)
            guard let at = siblings.firstIndex(of: activity.id) else { throw ServiceError(.conflict, "activity \(activity.id) is not where the plan says; reload") }
            switch action {
            case .indent:
                guard at > 0, var parent = try await session.get(Activity.self, siblings[at - 1]) else {
                    throw ServiceError(.conflict, "row \(row) has no row above it at its level to go under")
                }
                if parent.kind != .summary {
                    let children = try await Self.children(of: parent.id, in: session).count
                    parent = try await Catalog.apply({ $0.kind = .summary; $0.manuallyScheduled = false }, to: parent, by: caller, at: now, in: session)
                    if children == 0 { messages.append("\(parent.code) \(parent.name) became a summary: its dates now span its activities") }
                }
                let end = try await Self.children(of: parent.id, in: session).map(\.position).max().map { $0 + 1 } ?? 0
                let p = parent.id
                _ = try await Catalog.apply({ $0.parentId = p; $0.position = end }, to: try await Self.fresh(activity, in: session), by: caller, at: now, in: session)
            case .outdent:
                guard let parentId = activity.parentId, let parent = try await session.get(Activity.self, parentId) else {
                    throw ServiceError(.conflict, "row \(row) is already at the top of the outline")
                }
                _ = try await Self.renumber(siblingsOf: parent.parentId, in: project.id, by: caller, at: now, in: session)
                let parentNow = try await Self.fresh(parent, in: session)
                try await Self.makeRoom(at: parentNow.position + 1, under: parentNow.parentId, in: project.id, by: caller, at: now, in: session)
                let (grand, pos) = (parentNow.parentId, parentNow.position + 1)
                _ = try await Catalog.apply({ $0.parentId = grand; $0.position = pos }, to: try await Self.fresh(activity, in: session),
                                            by: caller, at: now, in: session)
                if try await Self.children(of: parentId, in: session).isEmpty {
                    let emptied = try await Self.fresh(parent, in: session)
                    let days = before.row(parentId).flatMap { r in r.start.flatMap { s in r.finish.map { (s, $0) } } }
                    _ = try await Catalog.apply({
                        $0.kind = .leaf
                        if $0.duration.value == 0, let (s, f) = days {
                            $0.duration = WorkDuration(Double(max(1, (f.minutesSinceEpoch - s.minutesSinceEpoch) / 1440)), .days)
                        }
                        if $0.duration.value == 0 { $0.duration = .days(1) }
                    }, to: emptied, by: caller, at: now, in: session)
                    messages.append("\(parent.code) \(parent.name) has no activities left and is an ordinary activity again")
                }
            case .up, .down:
                let other = action == .up ? at - 1 : at + 1
                guard siblings.indices.contains(other) else {
                    throw ServiceError(.conflict, "row \(row) is already the \(action == .up ? "first" : "last") at its level")
                }
                let mine = order[activity.id]!, theirs = order[siblings[other]]!
                let neighbour = try await session.get(Activity.self, siblings[other])!
                _ = try await Catalog.apply({ $0.position = theirs }, to: try await Self.fresh(activity, in: session), by: caller, at: now, in: session)
                _ = try await Catalog.apply({ $0.position = mine }, to: neighbour, by: caller, at: now, in: session)
            case .delete:
                let below = try await Self.descendants(of: activity.id, in: session)
                if !below.isEmpty && !confirm {
                    let names = below.prefix(8).map { "\($0.code) \($0.name)" }.joined(separator: ", ")
                    throw ServiceError(.conflict, "deleting \(activity.code) \(activity.name) also deletes the \(below.count) activities under it (\(names)\(below.count > 8 ? ", …" : "")); confirm to delete them all",
                                       problems: [FieldProblem(field: "confirm", message: "\(below.count) activities go with this summary")])
                }
                for a in below.reversed() + [activity] {
                    try await Self.removeActivity(a, by: caller, at: now, in: session)
                }
                messages.append(below.isEmpty ? "deleted row \(row) \(activity.name)" : "deleted \(activity.name) and the \(below.count) activities under it")
            }
            return try await Self.finish(project, before: before, at: now, in: session, kept: kept, messages: messages)
        }
    }

    // MARK: progress

    /// MS Project's Update Project: as of the status date (given, or the project's), work scheduled before it is
    /// marked done — activities that should have finished get their planned dates as actual dates and 100 %,
    /// activities under way get their actual start and the share of their working time that lies before the date.
    /// The status date is stored on the project; the answer lists what changed.
    public func updateProgress(_ projectId: Project.ID, statusDate: CalendarDate?, _ caller: Caller) async throws -> PlanChange {
        let now = clock.now()
        return try await store.write { session in
            var project = try await Self.project(projectId, in: session)
            try caller.require(.update, try await scheduleSubject(project.id, in: session))
            let before = try await kept.before(project, in: session, today: now.date).grid
            guard let status = statusDate ?? project.statusDate else {
                throw ServiceError.invalid(field: "status_date", "give a status date (yyyy-MM-dd): the project has none yet")
            }
            if project.statusDate != status {
                project = try await Catalog.apply({ $0.statusDate = status }, to: project, by: caller, at: now, in: session)
            }
            let network = try await Scheduling.network(project.id, in: session, today: now.date, asPlanned: true)
            let result = try network.input.criticalPath()
            let cut = LocalDateTime(date: status.adding(days: 1)).minutesSinceEpoch
            var messages: [String] = ["status date \(status)"]
            var done = 0, started = 0
            for (i, a) in network.activities.enumerated() where a.kind != .summary && a.actualFinish == nil {
                let es = result.earlyStart[i], ef = result.earlyFinish[i]
                guard es < cut else { continue }
                let calendar = network.input.calendars[network.input.activities[i].calendar]
                if ef <= cut {
                    _ = try await Catalog.apply({
                        if $0.actualStart == nil { $0.actualStart = LocalDateTime(minutesSinceEpoch: es) }
                        $0.actualFinish = LocalDateTime(minutesSinceEpoch: ef)
                        $0.percentComplete = 100
                    }, to: a, by: caller, at: now, in: session)
                    done += 1
                } else {
                    let total = max(1, calendar.workingMinutes(from: es, to: ef))
                    let worked = calendar.workingMinutes(from: es, to: cut)
                    let share = min(99.9, (Double(worked) / Double(total) * 1000).rounded() / 10)
                    guard a.actualStart == nil || share > a.percentComplete else { continue }
                    _ = try await Catalog.apply({
                        if $0.actualStart == nil { $0.actualStart = LocalDateTime(minutesSinceEpoch: es) }
                        $0.percentComplete = max($0.percentComplete, share)
                    }, to: a, by: caller, at: now, in: session)
                    started += 1
                }
            }
            messages.append("\(done) activities marked complete, \(started) in progress")
            try await Audit.note(.update, kind: Project.kindName, id: project.id.rawValue,
                                 "updated progress of project \(project.code) as of \(status): \(done) complete, \(started) in progress",
                                 by: caller, at: now, in: session)
            return try await Self.finish(project, before: before, at: now, in: session, kept: kept, messages: messages)
        }
    }

    // MARK: history and undo

    /// One change to an activity (or its links and resources) from the audit trail, with the fields it changed.
    public struct HistoryEntry: Codable, Sendable, Hashable {
        public var at: Timestamp
        public var who: String
        public var action: String
        public var kind: String
        public var summary: String
        public var changes: [FieldChange]
    }

    public struct FieldChange: Codable, Sendable, Hashable {
        public var field: String
        public var before: String
        public var after: String
    }

    /// The activity's history, newest first: its own changes and those of the links into it and its resources.
    public func history(_ activityId: Activity.ID, _ caller: Caller) async throws -> [HistoryEntry] {
        try await store.read { session in
            guard let activity = try await session.get(Activity.self, activityId) else { throw ServiceError.notFound(Activity.self, activityId) }
            try await caller.requireView(Activity.listSubject) { try await scheduleSubject(activity.projectId, in: session) }
            var records = try await session.auditLog(AuditQuery(kind: Activity.kindName, recordId: activityId.rawValue, limit: 200))
            for kind in [Dependency.kindName, Assignment.kindName] {
                let related = try await session.auditLog(AuditQuery(kind: kind, limit: 500))
                records += related.filter { r in
                    let body = Self.json(r.after ?? r.before)
                    let field = kind == Dependency.kindName ? "successor_id" : "activity_id"
                    return (body[field] as? NSNumber)?.int64Value == activityId.rawValue
                }
            }
            records.sort { ($0.at, $0.id) > ($1.at, $1.id) }
            var names: [User.ID: String] = [:]
            var out: [HistoryEntry] = []
            for r in records.prefix(200) {
                var who = "system"
                if let uid = r.userId {
                    if names[uid] == nil { names[uid] = try await session.get(User.self, uid)?.displayName ?? "user \(uid)" }
                    who = names[uid]!
                }
                out.append(HistoryEntry(at: r.at, who: who, action: r.action, kind: r.kind, summary: r.summary,
                                        changes: Self.fieldChanges(r.before, r.after)))
            }
            return out
        }
    }

    /// Undoes the caller's last change to the plan (every record one edit touched), as a new audited change. A
    /// record someone changed since is not overwritten: the undo is refused and says which.
    public func undo(_ projectId: Project.ID, _ caller: Caller) async throws -> PlanChange {
        let now = clock.now()
        guard let me = caller.userId else { throw ServiceError(.badRequest, "only a signed-in user has a last change to undo") }
        return try await store.write { session in
            let project = try await Self.project(projectId, in: session)
            try caller.require(.update, try await scheduleSubject(project.id, in: session))
            let before = try await kept.before(project, in: session, today: now.date).grid
            // Undoing is a change too, but not one to undo: skip the undos' own lines and the changes they undid.
            let undos = try await session.auditLog(AuditQuery(kind: Project.kindName, recordId: projectId.rawValue, userId: me, limit: 500))
                .filter { $0.summary.hasPrefix(Self.undoPrefix) }
            let skipped = Set(undos.map(\.at) + undos.compactMap { Timestamp(iso: String($0.summary.split(separator: " ").last ?? "")) })
            let mine = try await session.auditLog(AuditQuery(userId: me, limit: 2000)).filter { r in
                [Activity.kindName, Dependency.kindName, Assignment.kindName].contains(r.kind)
                    && (Self.json(r.after ?? r.before)["project_id"] as? NSNumber)?.int64Value == projectId.rawValue
                    && !skipped.contains(r.at)
            }
            guard let last = mine.first else { throw ServiceError(.conflict, "you have no change in project \(project.code) to undo") }
            let batch = mine.filter { $0.at == last.at }
            var recreated: [Int64: Activity.ID] = [:]
            // Newest first; creations of activities come before their links, so undo links before activities and
            // bring deleted activities back before their links.
            let ordered = batch.sorted { a, b in
                let rank = { (r: AuditRecord) -> Int in
                    switch (r.action, r.kind) {
                    case ("delete", Activity.kindName): 0
                    case (_, Activity.kindName): 2
                    default: 1
                    }
                }
                return (rank(a), b.id) < (rank(b), a.id)
            }
            let created = Set(batch.filter { $0.action == "create" }.map { "\($0.kind) \($0.recordId)" })
            for r in ordered where !(r.action == "update" && created.contains("\(r.kind) \(r.recordId)")) {
                try await Self.invert(r, recreated: &recreated, by: caller, at: now, in: session)
            }
            try await Audit.note(.update, kind: Project.kindName, id: projectId.rawValue,
                                 "\(Self.undoPrefix) \(batch.count) changes made at \(last.at)", by: caller, at: now, in: session)
            return try await Self.finish(project, before: before, at: now, in: session, kept: kept,
                                         messages: ["undid your last change (\(batch.count) record\(batch.count == 1 ? "" : "s"))"])
        }
    }
}

/// The plan a project's last edit on this server left, keyed by the schedule revision and project version it was
/// computed at (both kept in the database, so the key holds across servers: another server's change moves the
/// revision and the kept plan no longer matches). An edit starts from it instead of reading the plan once more.
/// Resource names and calendars may have changed meanwhile without moving the revision; then an answer may name a
/// row more or fewer than changed, which the grid's polling corrects, and the next edit that reads the plan (any
/// change of links, resources or the outline) takes the new calendars.
final class PlanStateCache: Sendable {
    private let states = Mutex<[Project.ID: PlanState]>([:])
    static let capacity = 32

    func keep(_ state: PlanState) {
        states.withLock { all in
            if all.count >= Self.capacity, all[state.grid.projectId] == nil, let any = all.keys.first { all[any] = nil }
            all[state.grid.projectId] = state
        }
    }

    /// The kept plan when it is still the project's, else the plan read now.
    func before(_ project: Project, in session: any StoreSession, today: CalendarDate) async throws -> PlanState {
        if let kept = states.withLock({ $0[project.id] }), kept.grid.projectVersion == project.version,
           kept.grid.revision == (try await session.scheduleRevision(of: project.id)) {
            return kept
        }
        return try await PlanState.read(project, in: session, today: today)
    }
}

extension PlanEditor {
    /// How an undo's line in the audit trail begins; it ends with the moment of the change it undid.
    static let undoPrefix = "undid"
}

/// An edit of a row someone else changed since the editor read it: their row as it is now, who changed it and
/// when, and the cells the refused edit carried, so the editor shows both and loses nothing.
public struct PlanConflict: Error, Sendable, CustomStringConvertible {
    public var current: PlanRow?
    public var yours: [String: String]
    public var changedBy: String
    public var changedAt: Timestamp
    var activity: Activity

    public var description: String {
        "\(activity.code) \(activity.name) was changed by \(changedBy) at \(changedAt) after you read it; compare their values with yours and apply yours again if they should win"
    }
}

// MARK: - the steps

extension PlanEditor {
    static func project(_ id: Project.ID, in session: any StoreSession) async throws -> Project {
        guard let project = try await session.get(Project.self, id) else { throw ServiceError.notFound(Project.self, id) }
        return project
    }

    static func fresh(_ a: Activity, in session: any StoreSession) async throws -> Activity {
        guard let now = try await session.get(Activity.self, a.id) else { throw ServiceError.notFound(Activity.self, a.id) }
        return now
    }

    static func children(of id: Activity.ID, in session: any StoreSession) async throws -> [Activity] {
        try await session.list(Activity.self, ListQuery(filters: ["parent_id": .int(id.rawValue)]))
    }

    /// Everything under an activity, parents before children.
    static func descendants(of id: Activity.ID, in session: any StoreSession) async throws -> [Activity] {
        var out: [Activity] = []
        var queue = [id]
        while let next = queue.first, out.count < 100_000 {
            queue.removeFirst()
            let kids = try await children(of: next, in: session).sorted { ($0.position, $0.id) < ($1.position, $1.id) }
            out += kids
            queue += kids.map(\.id)
        }
        return out
    }

    /// Gives the siblings under `parent` the positions 0, 1, 2, … in their order (changing only those out of place)
    /// and answers each one's position.
    @discardableResult
    static func renumber(siblingsOf parent: Activity.ID?, in project: Project.ID, by caller: Caller, at now: Timestamp,
                         in session: any StoreSession) async throws -> [Activity.ID: Int] {
        let filters: [String: FilterValue] = ["project_id": .int(project.rawValue), "parent_id": parent.map { .int($0.rawValue) } ?? .isNull]
        let siblings = try await session.list(Activity.self, ListQuery(filters: filters)).sorted { ($0.position, $0.id) < ($1.position, $1.id) }
        var out: [Activity.ID: Int] = [:]
        for (i, a) in siblings.enumerated() {
            out[a.id] = i
            if a.position != i { _ = try await Catalog.apply({ $0.position = i }, to: a, by: caller, at: now, in: session) }
        }
        return out
    }

    /// Moves the siblings at `position` and after one place down.
    static func makeRoom(at position: Int, under parent: Activity.ID?, in project: Project.ID, by caller: Caller,
                         at now: Timestamp, in session: any StoreSession) async throws {
        let filters: [String: FilterValue] = ["project_id": .int(project.rawValue), "parent_id": parent.map { .int($0.rawValue) } ?? .isNull]
        for a in try await session.list(Activity.self, ListQuery(filters: filters)) where a.position >= position {
            _ = try await Catalog.apply({ $0.position += 1 }, to: a, by: caller, at: now, in: session)
        }
    }

    static func newActivity(_ project: Project, parent: Activity.ID?, position: Int, cells: [String: String],
                            taken: Set<String>, by caller: Caller, at now: Timestamp, in session: any StoreSession,
                            row: Int? = nil) async throws -> Activity {
        var code = cells["code"]?.trimmingSpaces() ?? ""
        if code.isEmpty {
            var n = taken.count + 1
            while taken.contains("A\(n)") { n += 1 }
            code = "A\(n)"
        }
        let name = cells["name"]?.trimmingSpaces() ?? ""
        let draft = Activity(projectId: project.id, parentId: parent, position: position, code: code,
                             name: name.isEmpty ? "New activity" : name, kind: .leaf, duration: .days(1),
                             createdAt: now, updatedAt: now)
        do {
            return try await Catalog.insert(draft, by: caller, at: now, in: session)
        } catch let error as ServiceError where row != nil {
            throw ServiceError(error.code, "pasted row \(row!): \(error.message)", problems: error.problems)
        }
    }

    /// Deletes an activity with its links and assignments, each an audited delete (so an undo can bring them back).
    static func removeActivity(_ a: Activity, by caller: Caller, at now: Timestamp, in session: any StoreSession) async throws {
        for field in ["predecessor_id", "successor_id"] {
            for d in try await session.list(Dependency.self, ListQuery(filters: [field: .int(a.id.rawValue)])) {
                try await Catalog.remove(d, by: caller, at: now, in: session)
            }
        }
        for x in try await session.list(Assignment.self, ListQuery(filters: ["activity_id": .int(a.id.rawValue)])) {
            try await Catalog.remove(x, by: caller, at: now, in: session)
        }
        try await Catalog.remove(try await fresh(a, in: session), by: caller, at: now, in: session)
    }

    /// Reschedules (storing the planned dates; the schedule document is made when asked for) and answers the
    /// rows that changed since `before`.
    static func finish(_ project: Project, before: PlanGrid, at now: Timestamp, in session: any StoreSession,
                       kept: PlanStateCache, messages: [String], created: [Activity.ID] = []) async throws -> PlanChange {
        let done = try await Scheduling.rescheduled(project.id, in: session, at: now)
        let after = try await PlanState.read(done.network, result: done.result, revision: done.revision, in: session)
        // Kept for the next edit: a transaction that then fails leaves a revision the store never reaches, so
        // nothing stale can match it.
        kept.keep(after)
        return before.change(to: after.grid, messages: messages, created: created)
    }

    /// The same after cells changed one activity: when they were only its own fields (not its links or
    /// resources) and the kept plan holds, the plan is rescheduled from it in memory with the saved activity in
    /// place, and only the moved dates are written; otherwise the plan is read again.
    static func finish(_ project: Project, before: PlanState, changed saved: Activity, cells: [String: String],
                       at now: Timestamp, in session: any StoreSession, kept: PlanStateCache,
                       messages: [String]) async throws -> PlanChange {
        var network = before.network
        guard cells["predecessors"] == nil, cells["resources"] == nil, network.replace(saved) else {
            return try await finish(project, before: before.grid, at: now, in: session, kept: kept, messages: messages)
        }
        let done = try await Scheduling.rescheduled(network, in: session, at: now)
        let after = PlanState(after: before, network: done.network, result: done.result, revision: done.revision)
        kept.keep(after)
        return before.grid.change(to: after.grid, messages: messages)
    }

    /// Throws a `PlanConflict` when someone changed the activity (an audited change) after the version the
    /// editor read; the scheduler's date moves since are no conflict.
    static func refuseIfChanged(_ activity: Activity, since version: Int?, _ project: Project, yours cells: [String: String],
                                today: CalendarDate, in session: any StoreSession) async throws {
        guard let version, version != activity.version,
              let change = try await changeSince(version, of: activity, in: session) else { return }
        let grid = try await PlanGrid.read(project, in: session, today: today)
        throw PlanConflict(current: grid.row(activity.id), yours: cells, changedBy: change.who, changedAt: change.at,
                           activity: activity)
    }

    /// The latest audited change to an activity made after `version`, with who made it; nil when its only changes
    /// since were the scheduler's (planned dates), which are no conflict.
    static func changeSince(_ version: Int, of activity: Activity, in session: any StoreSession) async throws -> (who: String, at: Timestamp)? {
        let records = try await session.auditLog(AuditQuery(kind: Activity.kindName, recordId: activity.id.rawValue, limit: 50))
        for r in records {
            guard let v = (json(r.after)["version"] as? NSNumber)?.intValue, v > version else { continue }
            var who = "the system"
            if let uid = r.userId { who = try await session.get(User.self, uid)?.displayName ?? "user \(uid)" }
            return (who, r.at)
        }
        return nil
    }

    static func json(_ text: String?) -> [String: Any] {
        guard let text, let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else { return [:] }
        return object
    }

    static func fieldChanges(_ before: String?, _ after: String?) -> [PlanEditor.FieldChange] {
        let b = json(before), a = json(after)
        let skip: Set<String> = ["version", "updated_at", "created_at", "id"]
        func show(_ v: Any?) -> String {
            switch v {
            case nil, is NSNull: return ""
            case let s as String: return s
            case let n as NSNumber: return n.stringValue
            default: return String(describing: v!)
            }
        }
        return Set(a.keys).union(b.keys).subtracting(skip).sorted().compactMap { key in
            let x = show(b[key]), y = show(a[key])
            return x == y ? nil : PlanEditor.FieldChange(field: key, before: x, after: y)
        }
    }

    /// Applies the inverse of one audited change.
    static func invert(_ r: AuditRecord, recreated: inout [Int64: Activity.ID], by caller: Caller, at now: Timestamp,
                       in session: any StoreSession) async throws {
        func decode<E: Entity>(_ type: E.Type, _ text: String?) throws -> E? {
            guard let text else { return nil }
            return try JSONValueDecoder().decode(E.self, from: try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)))
        }
        func remap(_ id: Int64) -> Int64 { recreated[id]?.rawValue ?? id }
        func refuse(_ what: String) -> ServiceError {
            ServiceError(.conflict, "\(what) was changed by someone else after your change, so undoing it would lose theirs; change it by hand")
        }
        switch (r.kind, r.action) {
        case (Activity.kindName, "update"):
            guard let old = try decode(Activity.self, r.before), let new = try decode(Activity.self, r.after),
                  let current = try await session.get(Activity.self, old.id) else { return }
            // Only others' changes since count: the scheduler's date moves are no one's, and one's own later
            // changes were undone first.
            let since = try await session.auditLog(AuditQuery(kind: Activity.kindName, recordId: current.id.rawValue, limit: 50))
                .filter { $0.at > r.at && $0.userId != caller.userId }
            guard since.isEmpty else { throw refuse("activity \(current.code)") }
            _ = try await Catalog.apply({ r in
                let keep = (r.plannedStart, r.plannedFinish)
                r = old
                (r.plannedStart, r.plannedFinish) = keep
            }, to: current, by: caller, at: now, in: session)
        case (Activity.kindName, "create"):
            guard let new = try decode(Activity.self, r.after), let current = try await session.get(Activity.self, new.id) else { return }
            try await removeActivity(current, by: caller, at: now, in: session)
        case (Activity.kindName, "delete"):
            guard var old = try decode(Activity.self, r.before) else { return }
            if let p = old.parentId { old.parentId = Activity.ID(remap(p.rawValue)) }
            let made = try await Catalog.insert(old, by: caller, at: now, in: session)
            recreated[old.id.rawValue] = made.id
        case (Dependency.kindName, "create"):
            guard let new = try decode(Dependency.self, r.after), let current = try await session.get(Dependency.self, new.id) else { return }
            try await Catalog.remove(current, by: caller, at: now, in: session)
        case (Dependency.kindName, "delete"):
            guard var old = try decode(Dependency.self, r.before) else { return }
            old.predecessorId = Activity.ID(remap(old.predecessorId.rawValue))
            old.successorId = Activity.ID(remap(old.successorId.rawValue))
            guard try await session.get(Activity.self, old.predecessorId) != nil,
                  try await session.get(Activity.self, old.successorId) != nil else { return }
            _ = try await Catalog.insert(old, by: caller, at: now, in: session)
        case (Dependency.kindName, "update"):
            guard let old = try decode(Dependency.self, r.before), let current = try await session.get(Dependency.self, old.id) else { return }
            _ = try await Catalog.apply({ $0.type = old.type; $0.lag = old.lag }, to: current, by: caller, at: now, in: session)
        case (Assignment.kindName, "create"):
            guard let new = try decode(Assignment.self, r.after), let current = try await session.get(Assignment.self, new.id) else { return }
            try await Catalog.remove(current, by: caller, at: now, in: session)
        case (Assignment.kindName, "delete"):
            guard var old = try decode(Assignment.self, r.before) else { return }
            old.activityId = Activity.ID(remap(old.activityId.rawValue))
            guard try await session.get(Activity.self, old.activityId) != nil else { return }
            _ = try await Catalog.insert(old, by: caller, at: now, in: session)
        case (Assignment.kindName, "update"):
            guard let old = try decode(Assignment.self, r.before), let current = try await session.get(Assignment.self, old.id) else { return }
            _ = try await Catalog.apply({ $0.units = old.units }, to: current, by: caller, at: now, in: session)
        default:
            return
        }
    }
}
