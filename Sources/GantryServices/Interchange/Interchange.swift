public import GantryModel
public import GantryInterchange
public import Foundation
import GantryGovernance

/// Plans in and out: importing another tool's file as a new project (one transaction: all of it or nothing), the
/// import reports, and exports of a project or a portfolio in other tools' formats.
public struct Interchange: Sendable {
    let store: any Store
    let clock: any Clock
    let secrets: any Secrets

    /// The largest file an import takes. A bigger one is refused before it is read.
    public static let maximumFileBytes = 128 * 1024 * 1024

    public init(store: any Store, clock: any Clock, secrets: any Secrets) {
        self.store = store
        self.clock = clock
        self.secrets = secrets
    }

    // MARK: import

    /// Reads `data` (MS Project XML, Primavera XER or P6 XML, GanttProject; told apart by content) and imports it
    /// as a new project of `portfolio`. `code` defaults to one made from the file name, `name` to the file's;
    /// `project` chooses a project of a P6 file that holds several (`ProjectFileReader.read`).
    public func importFile(_ data: Data, fileName: String, into portfolio: Portfolio.ID, code: String? = nil,
                           name: String? = nil, project: String? = nil, _ caller: Caller) async throws -> ImportReport {
        guard data.count <= Self.maximumFileBytes else {
            throw ServiceError(.tooLarge, "the file is \(data.count / 1_048_576) MB; an import takes at most \(Self.maximumFileBytes / 1_048_576) MB",
                               problems: [FieldProblem(field: "file", message: "larger than \(Self.maximumFileBytes / 1_048_576) MB")])
        }
        guard !data.isEmpty else {
            throw ServiceError(.invalid, "the file \(fileName) is empty", problems: [FieldProblem(field: "file", message: "empty")])
        }
        let file: ProjectFile
        do {
            file = try ProjectFileReader.read(data, project: project)
        } catch {
            throw ServiceError(.invalid, "\(fileName): \(error.description)",
                               problems: [FieldProblem(field: project != nil && error.element.lowercased() == "project" ? "project" : "file",
                                                       message: error.description)])
        }
        return try await importProject(file, fileName: fileName, into: portfolio, code: code, name: name, caller)
    }

    /// Imports an already read file as a new project of `portfolio`, in one transaction.
    public func importProject(_ file: ProjectFile, fileName: String, into portfolioId: Portfolio.ID,
                              code requested: String? = nil, name: String? = nil,
                              _ caller: Caller) async throws -> ImportReport {
        let now = clock.now()
        let agreement = Self.agreement(of: file)
        return try await store.write { session in
            guard let portfolio = try await session.get(Portfolio.self, portfolioId) else {
                throw ServiceError.notFound(Portfolio.self, portfolioId)
            }
            let code: String
            if let requested, !requested.isEmpty {
                code = requested
            } else {
                code = try await Self.freeCode(ImportPlan.code(fromFileName: fileName), in: session)
            }
            var plan = try ImportPlan(file, code: code, name: name, portfolio: portfolio.id, manager: nil,
                                      at: now)
            plan.planDays(today: now.date)
            var draft = plan.project
            try caller.require(.create, try await Project.subject(of: draft, in: session))

            // Calendars first: the project and its activities name them.
            var calendarIds: [String: WorkCalendar.ID] = [:]
            for c in plan.calendars {
                var calendar = c.calendar
                calendar.name = try await Self.freeCalendarName(calendar.name, in: session)
                try await WorkCalendar.validate(calendar, existing: nil, in: session)
                let saved = try await session.insert(calendar)
                calendarIds[c.uid] = saved.id
            }
            draft.calendarId = plan.projectCalendarUID.flatMap { calendarIds[$0] }
            try await Project.prepare(&draft, existing: nil, by: caller, in: session)
            try await Project.validate(draft, existing: nil, in: session)
            let project = try await session.insert(draft)
            try await Audit.record(.create, project, before: nil, after: project, by: caller, at: now, in: session)

            // Activities in file order (a summary always comes before its children), in runs stored together: a
            // run ends where an activity's parent is still in it, since the child needs its parent's id.
            var ids: [Activity.ID] = []
            ids.reserveCapacity(plan.activities.count)
            var run: [Activity] = []
            func store() async throws {
                ids += try await session.insertAll(run).map(\.id)
                run.removeAll(keepingCapacity: true)
            }
            for (i, planned) in plan.activities.enumerated() {
                if let p = plan.parents[i], p >= ids.count { try await store() }
                var a = planned
                a.projectId = project.id
                a.parentId = plan.parents[i].map { ids[$0] }
                a.calendarId = plan.activityCalendars[i].flatMap { calendarIds[$0] }
                if a.calendarId == project.calendarId { a.calendarId = nil }
                run.append(a)
            }
            try await store()
            _ = try await session.insertAll(plan.links.map { l in
                Dependency(projectId: project.id, predecessorId: ids[l.from], successorId: ids[l.to], type: l.type,
                           lag: l.lag, createdAt: now, updatedAt: now)
            })

            // Resources: an existing one with the same name is reused; a new one needs the right to make it.
            var warnings = plan.warnings
            var resourceIds: [String: Resource.ID] = [:]
            var created = 0, reused = 0
            let existing = try await session.list(Resource.self, ListQuery())
            var byName: [String: Resource.ID] = [:]
            for r in existing { byName[r.name.lowercased()] = r.id }
            let mayCreateResources = (try? caller.require(.create, Resource.listSubject)) != nil
            for r in plan.resources {
                if let id = byName[r.resource.name.lowercased()] {
                    resourceIds[r.uid] = id; reused += 1
                    continue
                }
                guard mayCreateResources else {
                    warnings.append("Resource '\(r.resource.name)' is not in Gantry and you may not create resources; its assignments were skipped")
                    continue
                }
                var resource = r.resource
                if let uid = file.resources.first(where: { $0.uid == r.uid })?.calendarUID, let cal = calendarIds[uid] {
                    resource.calendarId = cal
                }
                let saved = try await session.insert(resource)
                resourceIds[r.uid] = saved.id
                byName[saved.name.lowercased()] = saved.id
                created += 1
            }
            var pairs: Set<[Int64]> = []
            var assignments: [Assignment] = []
            for a in plan.assignments {
                guard let resource = resourceIds[a.resourceUID] else { continue }
                guard pairs.insert([ids[a.activity].rawValue, resource.rawValue]).inserted else { continue }
                assignments.append(Assignment(
                    projectId: project.id, activityId: ids[a.activity], resourceId: resource, units: a.units,
                    createdAt: now, updatedAt: now))
            }
            let assigned = try await session.insertAll(assignments).count
            for b in plan.baselines {
                _ = try await session.insert(Baseline(
                    projectId: project.id, name: b.name, createdBy: caller.userId,
                    activities: b.activities.map { row in
                        BaselineActivity(activityId: ids[row.0], code: plan.activities[row.0].code,
                                         name: plan.activities[row.0].name, plannedStart: row.1, plannedFinish: row.2,
                                         duration: row.3)
                    }, createdAt: now, updatedAt: now))
            }
            try await session.bumpScheduleRevision(of: project.id)

            let counts = ImportCounts(
                activities: plan.activities.count, summaries: plan.activities.filter { $0.kind == .summary }.count,
                milestones: plan.activities.filter { $0.kind == .milestone }.count, dependencies: plan.links.count,
                calendars: plan.calendars.count, resourcesCreated: created, resourcesReused: reused,
                assignments: assigned, baselines: plan.baselines.count)
            let report = try await session.insert(ImportReport(
                projectId: project.id, portfolioId: portfolio.id, fileName: String(fileName.prefix(255)),
                format: file.format.rawValue, application: file.application, importedBy: caller.userId,
                counts: counts, warnings: warnings, unmodelled: plan.unmodelled, agreement: agreement,
                createdAt: now, updatedAt: now))
            try await Audit.note(
                .create, kind: Project.kindName, id: project.id.rawValue,
                "imported \(fileName) (\(file.format.rawValue)): \(counts.activities) activities, \(counts.dependencies) links, \(counts.calendars) calendars, \(assigned) assignments, \(counts.baselines) baselines; \(warnings.count) warnings",
                by: caller, at: now, in: session)
            // The project has a schedule as soon as it exists (a file that cannot be scheduled is refused whole).
            _ = try await Scheduling.reschedule(project.id, in: session, at: now)
            return report
        }
    }

    /// How our engine agrees with the dates the file stores (nil for a file without stored dates), as
    /// `gantry verify` reports it, with a few of the differences for people.
    static func agreement(of file: ProjectFile) -> ImportAgreement? {
        let a = ScheduleVerification.verify(file)
        guard a.leaf.tasks > 0 || a.error != nil else { return nil }
        var byField: [String: Double] = [:]
        for (field, tally) in a.byField { if let p = tally.percent { byField[field.rawValue] = (p * 10).rounded() / 10 } }
        let examples = a.mismatches.prefix(8).map { m in
            "\(m.name) (UID \(m.taskUID)): \(m.field.rawValue.replacingOccurrences(of: "_", with: " ")) stored \(m.stored), Gantry \(m.ours)"
                + (m.hardCases.isEmpty ? "" : " [\(m.hardCases.map(\.rawValue).joined(separator: ", "))]")
        }
        let staleTasks = a.hardCases[.staleLateFinish]?.tasks ?? 0
        return ImportAgreement(leafTasks: a.leaf.tasks, agreeAll: a.leaf.agreeAll, byField: byField, error: a.error,
                               examples: Array(examples), staleTasks: staleTasks == 0 ? nil : staleTasks)
    }

    /// `base`, or `base-2`, `base-3`, … whichever no project has yet.
    static func freeCode(_ base: String, in session: any StoreSession) async throws -> String {
        try await free(base, E: Project.self, field: "code", in: session) { "\($0.prefix(28))-\($1)" }
    }

    /// `base`, or `base (2)`, `base (3)`, … whichever no calendar has yet (calendar names are unique).
    static func freeCalendarName(_ base: String, in session: any StoreSession) async throws -> String {
        try await free(base, E: WorkCalendar.self, field: "name", in: session) { "\($0.prefix(190)) (\($1))" }
    }

    /// The first of `base`, `numbered(base, 2)`, `numbered(base, 3)`, … that no `E` has in `field`.
    static func free<E: Entity>(_ base: String, E: E.Type, field: String, in session: any StoreSession,
                                numbered: (String, Int) -> String) async throws -> String {
        var candidate = base, n = 1
        while try await session.count(E.self, [field: .text(candidate)]) > 0 {
            n += 1
            candidate = numbered(base, n)
        }
        return candidate
    }

    /// Whether `caller` may import a plan into `portfolio` (an import creates a project there).
    public func mayImport(into portfolio: Portfolio, _ caller: Caller) -> Bool {
        (try? caller.require(.create, .project(portfolioOwnerId: portfolio.ownerId, managerId: nil))) != nil
    }

    // MARK: reports

    public func report(_ id: ImportReport.ID, _ caller: Caller) async throws -> ImportReport {
        try await store.read { session in
            guard let report = try await session.get(ImportReport.self, id) else { throw ServiceError.notFound(ImportReport.self, id) }
            try await caller.requireView(Project.listSubject) {
                guard let project = try await session.get(Project.self, report.projectId) else { return Project.listSubject }
                return try await Project.subject(of: project, in: session)
            }
            return report
        }
    }

    /// A portfolio's imports, newest first.
    public func reports(portfolio: Portfolio.ID, _ caller: Caller) async throws -> [ImportReport] {
        try await store.read { session in
            guard try await session.get(Portfolio.self, portfolio) != nil else { throw ServiceError.notFound(Portfolio.self, portfolio) }
            try caller.require(.view, Project.listSubject)
            return try await session.list(ImportReport.self, ListQuery(filters: ["portfolio_id": .int(portfolio.rawValue)]))
                .sorted { $0.id.rawValue > $1.id.rawValue }
        }
    }
}
