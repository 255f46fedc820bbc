public import GantryModel
import GantryScheduling
import Foundation
import GantryGovernance

/// Scheduling a project: the critical path (stored with the activities' dates in one transaction), resource
/// leveling as a preview applied or discarded later, and the Monte Carlo risk analysis.
public struct Scheduling: Sendable {
    let store: any Store
    let clock: any Clock

    public init(store: any Store, clock: any Clock) {
        self.store = store
        self.clock = clock
    }

    // MARK: critical path

    /// Recomputes the project's schedule and stores it: each activity's planned dates move to its early dates
    /// (manually scheduled ones keep theirs), the schedule document with floats, drivers and the critical path is
    /// saved, all in one transaction. A dependency cycle is refused (422) and nothing changes.
    public func schedule(_ id: Project.ID, _ caller: Caller) async throws -> ScheduleDocument {
        let now = clock.now()
        return try await store.write { session in
            try caller.require(.update, try await scheduleSubject(id, in: session))
            let doc = try await Self.reschedule(id, in: session, at: now)
            try await Audit.note(.schedule, kind: Project.kindName, id: id.rawValue,
                                 "scheduled project \(id): finishes \(doc.projectFinish), \(doc.durationDays) days",
                                 by: caller, at: now, in: session)
            return doc
        }
    }

    /// The stored schedule, marked `current` when nothing changed since; nil when never computed. When the plan
    /// editor rescheduled after the stored document was made (the editor stores the planned dates but no
    /// document), the document is made now from the plan as it stands: what that reschedule computed when nothing
    /// changed since (`current`), else the plan's schedule with the changes not yet rescheduled (not `current`:
    /// the planned dates on the activities are older).
    public func stored(_ id: Project.ID, _ caller: Caller) async throws -> ScheduleDocument? {
        let now = clock.now()
        return try await store.read { session in
            try await Self.requireProject(id, in: session)
            try await caller.requireView(Activity.listSubject) { try await scheduleSubject(id, in: session) }
            let revision = try await session.scheduleRevision(of: id)
            let stored = try await session.storedSchedule(of: id)
            if stored?.revision != revision, let scheduled = try await session.scheduledRevision(of: id),
               scheduled > stored?.revision ?? 0 {
                let network = try await Self.network(id, in: session, today: now.date)
                if let result = try? network.input.criticalPath() {
                    var doc = network.document(result, revision: revision, at: now)
                    doc.current = scheduled == revision
                    return doc
                }
            }
            guard let stored else { return nil }
            var doc = try Self.decode(ScheduleDocument.self, stored.payload)
            doc.current = stored.revision == revision
            return doc
        }
    }

    /// The days an activity is planned on, as stored on it: the day of its early start and of its early finish
    /// (a finish at the end of a working day is that day).
    static func plannedDays(_ result: CriticalPathSchedule, _ i: Int) -> (CalendarDate, CalendarDate) {
        let start = WallTime.date(of: result.earlyStart[i])
        return (start, max(start, WallTime.date(of: result.earlyFinish[i], endOfDay: true)))
    }

    /// Reschedules (`rescheduled`) and stores the schedule document made from it.
    static func reschedule(_ id: Project.ID, in session: any StoreSession, at now: Timestamp) async throws -> ScheduleDocument {
        let done = try await rescheduled(id, in: session, at: now)
        var doc = done.network.document(done.result, revision: done.revision, at: now)
        try await session.saveSchedule(StoredDocument(projectId: id, revision: done.revision, createdAt: now,
                                                      payload: try Self.encode(doc)))
        doc.current = true
        return doc
    }

    /// Reschedules: the planned dates move to the early dates and the revision is marked as scheduled. Answers the
    /// network as it now stands in the store (the moved activities at their new planned days and versions) and
    /// the engine's result. No schedule document is stored: `reschedule` stores one, and the plan editor leaves it
    /// to `stored`, which makes it from the plan when it is asked for.
    static func rescheduled(_ id: Project.ID, in session: any StoreSession, at now: Timestamp) async throws
        -> (network: ProjectNetwork, result: CriticalPathSchedule, revision: Int64) {
        try await rescheduled(try await Self.network(id, in: session, today: now.date), in: session, at: now)
    }

    /// The same for a network read earlier in this transaction (and changed since only in ways it knows of).
    static func rescheduled(_ network: ProjectNetwork, in session: any StoreSession, at now: Timestamp) async throws
        -> (network: ProjectNetwork, result: CriticalPathSchedule, revision: Int64) {
        var network = network
        let result: CriticalPathSchedule
        do {
            result = try network.input.criticalPath()
        } catch {
            let names = error.diagnostic.activities.map { network.activities[$0] }.map { "\($0.code) \($0.name)" }
            throw ServiceError(.dependencyCycle, "the dependencies form a cycle: \(names.joined(separator: " → "))")
        }
        var moved: [PlannedDays] = []
        for i in network.activities.indices {
            let a = network.activities[i]
            guard !a.manuallyScheduled else { continue }
            let (start, finish) = Self.plannedDays(result, i)
            guard a.plannedStart != start || a.plannedFinish != finish else { continue }
            moved.append(PlannedDays(id: a.id, version: a.version, start: start, finish: finish))
            network.activities[i].plannedStart = start
            network.activities[i].plannedFinish = finish
            network.activities[i].version += 1
            network.activities[i].updatedAt = now
        }
        let stored = try await session.storeSchedule(of: network.project.id, days: moved, at: now)
        if stored.changed != moved.count {
            throw try await changedMeanwhile(moved, in: session, network: network)
        }
        return (network, result, stored.revision)
    }

    /// The conflict when some planned days were not stored because their rows changed while the schedule was
    /// computed: names a row that is no longer at the version read (its version moved by more than the scheduler's
    /// own step), or says that rows changed when none can be told apart. The transaction is then rolled back whole.
    static func changedMeanwhile(_ moved: [PlannedDays], in session: any StoreSession, network: ProjectNetwork) async throws -> ServiceError {
        for m in moved {
            guard let now = try await session.get(Activity.self, m.id) else {
                if let i = network.index[m.id] { return ServiceError(.conflict, "activity \(network.activities[i].code) was deleted while the schedule was computed; try again") }
                continue
            }
            if now.version != m.version + 1 {
                return ServiceError(.conflict, "activity \(now.code) changed while the schedule was computed; try again")
            }
        }
        return ServiceError(.conflict, "activities of this plan changed while the schedule was computed; try again")
    }

    // MARK: leveling

    /// A leveling proposal: which activities move, by how many working days and why (the resource that was
    /// over capacity, or a predecessor that moved). Stored until applied; nothing else changes.
    public func levelPreview(_ id: Project.ID, _ caller: Caller) async throws -> LevelingPreviewDocument {
        let now = clock.now()
        return try await store.write { session in
            try caller.require(.update, try await scheduleSubject(id, in: session))
            let network = try await Self.network(id, in: session, today: now.date)
            let assignments = try await session.list(Assignment.self, ListQuery(filters: ["project_id": .int(id.rawValue)]))
            var resources: [Resource.ID: Resource] = [:]
            for rid in Set(assignments.map(\.resourceId)) {
                if let r = try await session.get(Resource.self, rid) { resources[rid] = r }
            }
            let schedule: CriticalPathSchedule
            do { schedule = try network.input.criticalPath() } catch {
                throw ServiceError(.dependencyCycle, "the dependencies form a cycle; schedule the project to see it")
            }
            let revision = try await session.scheduleRevision(of: id)
            var leveling = ProjectLeveling(network: network, schedule: schedule, assignments: assignments, resources: resources)
            for r in resources.values {
                guard let cid = r.calendarId, cid != network.project.calendarId,
                      let stored = try await session.get(WorkCalendar.self, cid) else { continue }
                let start = WallTime.date(of: network.input.projectStart)
                do {
                    leveling.resourceCalendars[r.id] = try CompiledCalendar(stored, from: start.adding(days: -800),
                                                                            through: start.adding(days: 366 * 30))
                } catch {
                    throw ServiceError(.invalid, "\(error)")
                }
            }
            var doc = try leveling.preview(revision: revision, at: now)
            doc.previewId = try await session.insertLevelingPreview(
                StoredDocument(projectId: id, revision: revision, createdAt: now, payload: try Self.encode(doc)))
            return doc
        }
    }

    /// Applies a preview: each moved activity gets its leveled start, then the project is rescheduled. Refused
    /// with 409 when the project changed after the preview was made.
    public func applyLeveling(_ id: Project.ID, preview previewId: Int64, _ caller: Caller) async throws -> ScheduleDocument {
        let now = clock.now()
        return try await store.write { session in
            try caller.require(.update, try await scheduleSubject(id, in: session))
            guard let stored = try await session.levelingPreview(previewId), stored.projectId == id else {
                throw ServiceError(.notFound, "project \(id) has no leveling preview \(previewId)")
            }
            guard stored.revision == (try await session.scheduleRevision(of: id)) else {
                throw ServiceError(.conflict, "the project changed after leveling preview \(previewId) was made; make a new preview")
            }
            let preview = try Self.decode(LevelingPreviewDocument.self, stored.payload)
            for move in preview.moves {
                guard let a = try await session.get(Activity.self, move.activityId) else { continue }
                var changed = a
                changed.leveledStart = move.to
                changed.updatedAt = now
                guard try await session.update(changed, expectedVersion: a.version) != nil else {
                    throw ServiceError(.conflict, "activity \(a.code) changed while leveling was applied; try again")
                }
            }
            try await session.deleteLevelingPreviews(of: id)
            try await Audit.note(.level, kind: Project.kindName, id: id.rawValue,
                                 "applied leveling preview \(previewId) to project \(id): \(preview.moves.count) activities moved",
                                 by: caller, at: now, in: session)
            return try await Self.reschedule(id, in: session, at: now)
        }
    }

    /// Removes every leveled start of the project's activities and reschedules.
    public func clearLeveling(_ id: Project.ID, _ caller: Caller) async throws -> ScheduleDocument {
        let now = clock.now()
        return try await store.write { session in
            try caller.require(.update, try await scheduleSubject(id, in: session))
            try await Self.requireProject(id, in: session)
            for a in try await session.list(Activity.self, ListQuery(filters: ["project_id": .int(id.rawValue)]))
            where a.leveledStart != nil {
                var changed = a
                changed.leveledStart = nil
                changed.updatedAt = now
                _ = try await session.update(changed, expectedVersion: a.version)
            }
            try await session.deleteLevelingPreviews(of: id)
            try await Audit.note(.level, kind: Project.kindName, id: id.rawValue, "cleared leveling of project \(id)",
                                 by: caller, at: now, in: session)
            return try await Self.reschedule(id, in: session, at: now)
        }
    }

    // MARK: risk

    /// Monte Carlo over the project's network: activities with an optimistic or pessimistic duration vary
    /// (PERT-beta, or triangular), the rest stay fixed. Seeded: the same project and seed give the same answer.
    /// - Parameter iterations: nil for the default, 10,000 or what the project's size allows (see
    ///   `maximumIterations`).
    public func risk(_ id: Project.ID, iterations requested: Int? = nil, seed: UInt64, triangular: Bool = false,
                     _ caller: Caller) async throws -> RiskDocument {
        let shape: ThreePointEstimate.Shape = triangular ? .triangular : .pert
        let now = clock.now()
        let network = try await store.read { session in
            try await Self.requireProject(id, in: session)
            try await caller.requireView(Activity.listSubject) { try await scheduleSubject(id, in: session) }
            return try await Self.network(id, in: session, today: now.date)
        }
        let limit = Self.maximumIterations(activities: network.activities.count, links: network.dependencies.count)
        let iterations = requested ?? min(10_000, limit)
        guard iterations >= 100, iterations <= limit else {
            let message = "iterations must be between 100 and \(limit) for this project (\(network.activities.count) activities; "
                + "a request may run at most \(Self.iterationBudget) activity-iterations); it is \(iterations)"
            throw ServiceError(.invalid, message, problems: [FieldProblem(field: "iterations", message: message)])
        }
        let perDay = Int(network.minutesPerDay)
        let estimates: [ThreePointEstimate?] = network.activities.enumerated().map { i, a in
            guard a.kind == .leaf, a.optimisticDuration != nil || a.pessimisticDuration != nil else { return nil }
            let m = Double(network.input.activities[i].duration)
            let o = a.optimisticDuration.map { $0.minutes(perDay: perDay, perWeek: perDay * 5) } ?? m
            let p = a.pessimisticDuration.map { $0.minutes(perDay: perDay, perWeek: perDay * 5) } ?? m
            return ThreePointEstimate(min(o, m), m, max(p, m), shape: shape)
        }
        let mc = MonteCarlo(input: network.input, estimates: estimates,
                            options: .init(iterations: iterations, seed: seed, histogramBins: 20))
        let r: MonteCarlo.Result
        do { r = try mc.run() } catch {
            throw ServiceError(.dependencyCycle, "the dependencies form a cycle; schedule the project to see it")
        }
        let cal = network.calendar
        let startWorking = cal.working(at: network.input.projectStart)
        func finish(_ minutes: Double) -> LocalDateTime {
            LocalDateTime(minutesSinceEpoch: cal.finishInstant(ofWorking: startWorking + Int64(minutes.rounded())))
        }
        func days(_ minutes: Double) -> Double { (minutes / Double(perDay) * 100).rounded() / 100 }
        let criticality = network.activities.indices
            .filter { network.activities[$0].kind != .summary && r.criticality[$0] > 0 }
            .sorted { (-r.criticality[$0], $0) < (-r.criticality[$1], $1) }
            .prefix(25)
            .map { RiskDocument.Criticality(activityId: network.activities[$0].id, code: network.activities[$0].code,
                                            name: network.activities[$0].name, index: (r.criticality[$0] * 1000).rounded() / 1000) }
        return RiskDocument(
            projectId: id, iterations: r.iterations, seed: Int64(truncatingIfNeeded: seed), shape: shape.rawValue,
            estimatedActivities: estimates.compactMap { $0 }.count,
            deterministicDays: days(r.deterministic), meanDays: days(r.mean), p50Days: days(r.p50),
            p80Days: days(r.p80), p90Days: days(r.p90), deterministicFinish: finish(r.deterministic),
            p50Finish: finish(r.p50), p80Finish: finish(r.p80), p90Finish: finish(r.p90),
            histogram: r.histogram.map { .init(fromDays: days($0.lower), toDays: days($0.upper), count: $0.count) },
            criticality: Array(criticality))
    }

    /// One risk request runs at most this many activity-and-link passes, so it answers in about a second.
    public static let iterationBudget = 6_000_000

    /// The most iterations one request may ask for on a network of this size (100 at least, 100,000 at most).
    public static func maximumIterations(activities: Int, links: Int) -> Int {
        max(100, min(100_000, iterationBudget / max(1, activities + links)))
    }

    // MARK: shared

    static func requireProject(_ id: Project.ID, in session: any StoreSession) async throws {
        guard try await session.get(Project.self, id) != nil else { throw ServiceError.notFound(Project.self, id) }
    }

    /// - Parameter asPlanned: leave the status date out, so work not yet reported sits where the plan puts it
    ///   (what "update progress as of a date" measures against) instead of after the status date.
    static func network(_ id: Project.ID, in session: any StoreSession, today: CalendarDate,
                        asPlanned: Bool = false) async throws -> ProjectNetwork {
        guard var project = try await session.get(Project.self, id) else { throw ServiceError.notFound(Project.self, id) }
        if asPlanned { project.statusDate = nil }
        let filter: [String: FilterValue] = ["project_id": .int(id.rawValue)]
        let activities = try await session.list(Activity.self, ListQuery(filters: filter))
        let dependencies = try await session.list(Dependency.self, ListQuery(filters: filter))
        // An activity without a calendar of its own works on its resources' calendar when they share one.
        let assignments = try await session.list(Assignment.self, ListQuery(filters: filter))
        var resourceCalendar: [Resource.ID: WorkCalendar.ID] = [:]
        for rid in Set(assignments.map(\.resourceId)) {
            if let c = try await session.get(Resource.self, rid)?.calendarId { resourceCalendar[rid] = c }
        }
        var assigned: [Activity.ID: WorkCalendar.ID] = [:]
        for (activity, list) in Dictionary(grouping: assignments, by: \.activityId) {
            let cals = Set(list.map { resourceCalendar[$0.resourceId] })
            if cals.count == 1, let only = cals.first, let cal = only { assigned[activity] = cal }
        }
        var calendars: [WorkCalendar.ID: WorkCalendar] = [:]
        for cid in Set(activities.compactMap(\.calendarId) + Array(assigned.values) + [project.calendarId].compactMap { $0 }) {
            if let c = try await session.get(WorkCalendar.self, cid) { calendars[cid] = c }
        }
        var network = try ProjectNetwork(project: project, activities: activities, dependencies: dependencies,
                                         calendars: calendars, resourceCalendars: assigned, today: today)
        // As planned, a started activity runs its whole duration from its actual start: without the status date,
        // its remaining work would otherwise resume at once at the actual start and finish too early.
        if asPlanned { for i in network.input.activities.indices { network.input.activities[i].remaining = nil } }
        return network
    }

    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(type, from: Data(text.utf8))
    }
}

/// The Monte Carlo answer for a project: percentiles as working days and as finish dates, the distribution, and
/// the activities most often critical.
public struct RiskDocument: Codable, Sendable, Hashable {
    public struct Bin: Codable, Sendable, Hashable {
        public var fromDays: Double
        public var toDays: Double
        public var count: Int
    }
    public struct Criticality: Codable, Sendable, Hashable {
        public var activityId: Activity.ID
        public var code: String
        public var name: String
        /// The share of iterations in which the activity was critical.
        public var index: Double
    }
    public var projectId: Project.ID
    public var iterations: Int
    public var seed: Int64
    public var shape: String
    public var estimatedActivities: Int
    public var deterministicDays: Double
    public var meanDays: Double
    public var p50Days: Double
    public var p80Days: Double
    public var p90Days: Double
    public var deterministicFinish: LocalDateTime
    public var p50Finish: LocalDateTime
    public var p80Finish: LocalDateTime
    public var p90Finish: LocalDateTime
    public var histogram: [Bin]
    public var criticality: [Criticality]
}
