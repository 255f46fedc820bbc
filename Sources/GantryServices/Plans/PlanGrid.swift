public import GantryModel
import GantryScheduling

/// One row of the plan editor's grid, the way MS Project's entry table shows a task: its row number in WBS order,
/// the cells as text a person types (duration, predecessors by row number, resources with units) and the dates
/// the engine computed from them.
public struct PlanRow: Codable, Sendable, Hashable {
    public var activityId: Activity.ID
    public var version: Int
    /// 1-based position in WBS order: what predecessors name.
    public var row: Int
    public var code: String
    public var name: String
    public var kind: ActivityKind
    public var depth: Int
    public var parentId: Activity.ID?
    public var duration: String
    /// The computed (early) start and finish; a finish at the end of a working day is that day's end.
    public var start: LocalDateTime?
    public var finish: LocalDateTime?
    public var predecessors: String
    public var constraintType: SchedulingConstraint
    public var constraintDate: LocalDateTime?
    public var deadline: LocalDateTime?
    public var resources: String
    public var percentComplete: Double
    public var actualStart: LocalDateTime?
    public var actualFinish: LocalDateTime?
    public var notes: String
    public var critical: Bool
    public var totalFloatDays: Double?
    public var manuallyScheduled: Bool
    public var lastChangedAt: Timestamp
    /// The project's currency, the one `fixedCostMinor` is counted in.
    public var currency: Currency
    /// task, start_milestone, finish_milestone, level_of_effort, wbs_summary (or summary).
    public var activityType: String = "task"
    /// P6's Start On / Finish On rather than a mandatory date (`Activity.softConstraint`).
    public var softConstraint = false
    public var secondaryConstraintType: SchedulingConstraint? = nil
    public var secondaryConstraintDate: LocalDateTime? = nil
    public var expectedFinish: LocalDateTime? = nil
    public var suspendDate: LocalDateTime? = nil
    public var resumeDate: LocalDateTime? = nil
    public var externalEarlyStart: LocalDateTime? = nil
    public var externalLateFinish: LocalDateTime? = nil
    /// The activity's fixed cost (materials, a supplier's price) in minor units of `currency` (`Activity.fixedCostMinor`).
    public var fixedCostMinor: Int64 = 0
    /// The share of the work physically done, 0–100, when it is measured apart from % complete; earned value then
    /// uses it (`Activity.physicalPercentComplete`). Nil: not measured.
    public var physicalPercentComplete: Double? = nil
}

/// A project's plan as the editor shows it: every row in WBS order with the schedule computed from the records
/// as they are now (never a stale stored one), the project finish and the revision the rows were read at.
public struct PlanGrid: Codable, Sendable, Hashable {
    public var projectId: Project.ID
    public var projectVersion: Int
    public var projectCode: String
    public var revision: Int64
    public var projectStart: LocalDateTime?
    public var projectFinish: LocalDateTime?
    public var statusDate: CalendarDate?
    public var criticalPath: [Activity.ID]
    public var rows: [PlanRow]
    /// The engine's diagnostics (negative float, constraint conflicts, a missed deadline), in words.
    public var diagnostics: [String]
    /// Links for the Gantt chart: predecessor, successor, type and lag.
    public var links: [Link]

    public struct Link: Codable, Sendable, Hashable {
        public var dependencyId: Dependency.ID
        public var version: Int
        public var predecessorId: Activity.ID
        public var successorId: Activity.ID
        public var type: DependencyType
        public var lag: String
    }

    public func row(_ id: Activity.ID) -> PlanRow? { rows.first { $0.activityId == id } }
}

/// What one edit did: every row whose shown values changed (the edited one included) so a grid updates in place,
/// the rows that went, whether rows were added or reordered (reload the grid), and a note to show the user.
public struct PlanChange: Codable, Sendable, Hashable {
    public var rows: [PlanRow]
    public var removed: [Activity.ID]
    public var structureChanged: Bool
    public var projectFinish: LocalDateTime?
    public var revision: Int64
    public var messages: [String]
    /// The activities the edit created, in the order their rows were given.
    public var created: [Activity.ID]
    /// The rows in `rows` whose only changes are the scheduler's (`PlanRow.differsOnlyInSchedule`): an edit on the
    /// critical path moves hundreds, and an answer can send just their new dates.
    public var rescheduledOnly: Set<Activity.ID> = []
}

extension PlanRow {
    /// Whether `self` and `other` differ only in what rescheduling changes: the dates, the float and whether
    /// the row is critical, a summary's span, and the version and time the stored dates moved at.
    func differsOnlyInSchedule(from other: PlanRow) -> Bool {
        var same = other
        same.version = version
        same.start = start
        same.finish = finish
        same.critical = critical
        same.totalFloatDays = totalFloatDays
        same.lastChangedAt = lastChangedAt
        if kind == .summary && other.kind == .summary { same.duration = duration }
        return same == self
    }
}

extension PlanGrid {
    /// The grid of a project as the records in `session` stand, its schedule computed now (pure engine, no write).
    static func read(_ project: Project, in session: any StoreSession, today: CalendarDate) async throws -> PlanGrid {
        try await PlanState.read(project, in: session, today: today).grid
    }

    /// The grid of a network already read (and scheduled) in `session`.
    static func read(_ network: ProjectNetwork, result: CriticalPathSchedule?, revision: Int64,
                     in session: any StoreSession) async throws -> PlanGrid {
        try await PlanState.read(network, result: result, revision: revision, in: session).grid
    }

    init(network: ProjectNetwork, result: CriticalPathSchedule?, assignments: [Assignment],
         resourceNames: [Resource.ID: String], revision: Int64) {
        let rowOf = Dictionary(uniqueKeysWithValues: network.activities.enumerated().map { ($1.id, $0 + 1) })
        let incoming = Dictionary(grouping: network.dependencies, by: \.successorId)
        let staffed = Dictionary(grouping: assignments, by: \.activityId)
        var rows: [PlanRow] = []
        rows.reserveCapacity(network.activities.count)
        for (i, a) in network.activities.enumerated() {
            let links = (incoming[a.id] ?? []).compactMap { d in rowOf[d.predecessorId].map { (row: $0, type: d.type, lag: d.lag) } }
                .sorted { $0.row < $1.row }
            let resources = (staffed[a.id] ?? [])
                .map { PlanNotation.ResourceUnits(name: resourceNames[$0.resourceId] ?? "resource \($0.resourceId)", units: $0.units) }
                .sorted { $0.name < $1.name }
            rows.append(Self.row(i, network, result, predecessors: PlanNotation.text(links), resources: PlanNotation.text(resources)))
        }
        self.init(network: network, result: result, revision: revision, rows: rows)
    }

    /// The grid after an edit that changed activities' own fields only (no row added, moved or relinked, no
    /// assignment changed): each row keeps its predecessors and resources as `old` shows them and takes
    /// everything else from the network and the new schedule. Nil when the rows are not those of `old` in its
    /// order.
    init?(updating old: PlanGrid, network: ProjectNetwork, result: CriticalPathSchedule?, revision: Int64) {
        guard old.rows.count == network.activities.count else { return nil }
        var rows: [PlanRow] = []
        rows.reserveCapacity(old.rows.count)
        for (i, a) in network.activities.enumerated() {
            let was = old.rows[i]
            guard was.activityId == a.id else { return nil }
            rows.append(Self.row(i, network, result, predecessors: was.predecessors, resources: was.resources))
        }
        self.init(network: network, result: result, revision: revision, rows: rows)
    }

    /// Row `i` of the network, with its predecessors and resources as the grid writes them.
    static func row(_ i: Int, _ network: ProjectNetwork, _ result: CriticalPathSchedule?, predecessors: String,
                    resources: String) -> PlanRow {
        let a = network.activities[i]
        var row = PlanRow(
            activityId: a.id, version: a.version, row: i + 1, code: a.code, name: a.name, kind: a.kind,
            depth: network.depths[i], parentId: a.parentId,
            // A summary's, a level of effort's and a WBS summary's duration is the span of their dates.
            duration: a.kind == .summary || a.derivedDates != nil ? Self.span(network, result, i) ?? a.duration.description
                : a.duration.description,
            start: result.map { LocalDateTime(minutesSinceEpoch: $0.earlyStart[i]) }
                ?? a.plannedStart.map { LocalDateTime(date: $0) },
            finish: result.map { LocalDateTime(minutesSinceEpoch: $0.earlyFinish[i]) }
                ?? a.plannedFinish.map { LocalDateTime(date: $0) },
            predecessors: predecessors, constraintType: a.constraintType,
            constraintDate: a.constraintDate, deadline: a.deadline, resources: resources,
            percentComplete: a.percentComplete, actualStart: a.actualStart, actualFinish: a.actualFinish,
            notes: a.notes ?? "", critical: result?.critical[i] ?? false,
            totalFloatDays: result.map { (network.days($0.totalFloat[i]) * 100).rounded() / 100 },
            manuallyScheduled: a.manuallyScheduled, lastChangedAt: a.updatedAt, currency: network.project.currency)
        row.activityType = PlanEditor.activityTypeText(a)
        row.softConstraint = a.softConstraint
        row.secondaryConstraintType = a.secondaryConstraintType
        row.secondaryConstraintDate = a.secondaryConstraintDate
        row.expectedFinish = a.expectedFinish
        row.suspendDate = a.suspendDate
        row.resumeDate = a.resumeDate
        row.externalEarlyStart = a.externalEarlyStart
        row.externalLateFinish = a.externalLateFinish
        row.fixedCostMinor = a.fixedCostMinor
        row.physicalPercentComplete = a.physicalPercentComplete
        return row
    }

    private init(network: ProjectNetwork, result: CriticalPathSchedule?, revision: Int64, rows: [PlanRow]) {
        let project = network.project
        self.init(
            projectId: project.id, projectVersion: project.version, projectCode: project.code, revision: revision,
            projectStart: result.map { LocalDateTime(minutesSinceEpoch: $0.projectStart) }
                ?? project.startDate.map { LocalDateTime(date: $0) },
            projectFinish: result.map { LocalDateTime(minutesSinceEpoch: $0.projectFinish) },
            statusDate: project.statusDate,
            criticalPath: result.map { $0.longestPath.map { network.activities[$0].id } } ?? [],
            rows: rows,
            diagnostics: result?.diagnostics.map(\.message) ?? [],
            links: network.dependencies.map {
                Link(dependencyId: $0.id, version: $0.version, predecessorId: $0.predecessorId,
                     successorId: $0.successorId, type: $0.type, lag: $0.lag.description)
            })
    }

    /// A summary's duration as MS Project shows it: the working time from its first start to its last finish.
    static func span(_ network: ProjectNetwork, _ result: CriticalPathSchedule?, _ i: Int) -> String? {
        guard let result else { return nil }
        let minutes = network.calendar.workingMinutes(from: result.earlyStart[i], to: result.earlyFinish[i])
        let days = (network.days(minutes) * 100).rounded() / 100
        return WorkDuration(days, .days).description
    }

    /// What changed from `self` to `after`, as the editor's answer.
    func change(to after: PlanGrid, messages: [String], created: [Activity.ID] = []) -> PlanChange {
        var rescheduled: Set<Activity.ID> = []
        var changed: [PlanRow] = []
        /// Whether `r` shows something `old` did not (a new time of the last change alone is nothing shown).
        func shown(_ old: PlanRow, _ r: PlanRow) -> Bool {
            if old == r { return false }
            var same = old
            same.lastChangedAt = r.lastChangedAt
            guard same != r else { return false }
            if r.differsOnlyInSchedule(from: old) { rescheduled.insert(r.activityId) }
            return true
        }
        // Rows added, gone, reordered or moved in the outline: a grid draws itself again.
        let structure = rows.count != after.rows.count || zip(rows, after.rows).contains {
            $0.activityId != $1.activityId || $0.parentId != $1.parentId
        }
        var removed: [Activity.ID] = []
        if !structure {
            // The same rows in the same order (every edit of cells): compared in place, row by row.
            for i in after.rows.indices where shown(rows[i], after.rows[i]) { changed.append(after.rows[i]) }
        } else {
            let before = Dictionary(uniqueKeysWithValues: rows.enumerated().map { ($1.activityId, $0) })
            let afterIds = Set(after.rows.map(\.activityId))
            for r in after.rows where before[r.activityId].map({ shown(rows[$0], r) }) ?? true { changed.append(r) }
            removed = rows.map(\.activityId).filter { !afterIds.contains($0) }
        }
        return PlanChange(rows: changed, removed: removed, structureChanged: structure,
                          projectFinish: after.projectFinish, revision: after.revision, messages: messages,
                          created: created, rescheduledOnly: rescheduled)
    }
}

/// A plan as the editor last saw it: the grid, and the records and compiled calendars it was made from, so the
/// next edit of an activity's own fields reschedules without reading the plan again.
struct PlanState: Sendable {
    var grid: PlanGrid
    var network: ProjectNetwork
    var assignments: [Assignment]
    var resourceNames: [Resource.ID: String]

    /// The plan of a project as it stands in `session`.
    static func read(_ project: Project, in session: any StoreSession, today: CalendarDate) async throws -> PlanState {
        let network = try await Scheduling.network(project.id, in: session, today: today)
        let revision = try await session.scheduleRevision(of: project.id)
        return try await read(network, result: try? network.input.criticalPath(), revision: revision, in: session)
    }

    /// The plan of a network already read (and scheduled) in `session`: its assignments and their resources'
    /// names are read.
    static func read(_ network: ProjectNetwork, result: CriticalPathSchedule?, revision: Int64,
                     in session: any StoreSession) async throws -> PlanState {
        let filter: [String: FilterValue] = ["project_id": .int(network.project.id.rawValue)]
        let assignments = try await session.list(Assignment.self, ListQuery(filters: filter))
        var resourceNames: [Resource.ID: String] = [:]
        for rid in Set(assignments.map(\.resourceId)) {
            resourceNames[rid] = try await session.get(Resource.self, rid)?.name ?? "resource \(rid)"
        }
        return PlanState(network: network, result: result, revision: revision, assignments: assignments,
                         resourceNames: resourceNames)
    }

    init(network: ProjectNetwork, result: CriticalPathSchedule?, revision: Int64, assignments: [Assignment],
         resourceNames: [Resource.ID: String]) {
        self.network = network
        self.assignments = assignments
        self.resourceNames = resourceNames
        grid = PlanGrid(network: network, result: result, assignments: assignments, resourceNames: resourceNames,
                        revision: revision)
    }

    /// The plan after an edit of activities' own fields, rescheduled: `before`'s links and assignments, the
    /// network and schedule given.
    init(after before: PlanState, network: ProjectNetwork, result: CriticalPathSchedule?, revision: Int64) {
        self.network = network
        assignments = before.assignments
        resourceNames = before.resourceNames
        grid = PlanGrid(updating: before.grid, network: network, result: result, revision: revision)
            ?? PlanGrid(network: network, result: result, assignments: assignments, resourceNames: resourceNames,
                        revision: revision)
    }
}
