public import GantryModel
public import GantryInterchange
public import Foundation
import GantryScheduling
import GantryGovernance

/// A file made for download: its bytes, its media type and a name for it.
public struct ExportedFile: Sendable {
    public var fileName: String
    public var contentType: String
    public var data: Data
}

extension Interchange {
    /// The formats a project exports to.
    public enum ProjectFormat: String, Sendable, CaseIterable {
        /// MS Project XML: the whole plan, which MS Project, ProjectLibre and MPXJ read back.
        case mspdi
        /// The activity table (WBS, dates, floats, critical, predecessors, resources) as CSV or an Excel workbook.
        case csv, xlsx
    }

    /// `project` in `format`, with its schedule as last computed (computed now, not stored, when it is stale).
    public func export(project id: Project.ID, as format: ProjectFormat, _ caller: Caller) async throws -> ExportedFile {
        let now = clock.now()
        let (file, network, schedule) = try await store.read { session -> (ProjectFile, ProjectNetwork, ScheduleDocument) in
            guard let project = try await session.get(Project.self, id) else { throw ServiceError.notFound(Project.self, id) }
            try await caller.requireView(Project.listSubject) { try await Project.subject(of: project, in: session) }
            let filter: [String: FilterValue] = ["project_id": .int(id.rawValue)]
            let network = try await Scheduling.network(id, in: session, today: now.date)
            let schedule: ScheduleDocument
            do {
                let revision = try await session.scheduleRevision(of: id)
                schedule = network.document(try network.input.criticalPath(), revision: revision, at: now)
            } catch let failure as ScheduleFailure {
                throw ServiceError(.dependencyCycle, "project \(project.code) cannot be scheduled: \(failure.description)")
            }
            let assignments = try await session.list(Assignment.self, ListQuery(filters: filter))
            var resources: [GantryModel.Resource] = []
            for rid in Set(assignments.map(\.resourceId)) {
                if let r = try await session.get(GantryModel.Resource.self, rid) { resources.append(r) }
            }
            let calendarIds = Set(([project.calendarId] + network.activities.map(\.calendarId) + resources.map(\.calendarId)).compactMap { $0 })
            var calendars: [WorkCalendar] = []
            for cid in calendarIds.sorted(by: { $0.rawValue < $1.rawValue }) {
                if let c = try await session.get(WorkCalendar.self, cid) { calendars.append(c) }
            }
            let baselines = try await session.list(GantryModel.Baseline.self, ListQuery(filters: filter))
            let file = ProjectFile(
                exporting: project, activities: network.activities, dependencies: network.dependencies,
                calendars: calendars, resources: resources, assignments: assignments, baselines: baselines,
                schedule: schedule)
            return (file, network, schedule)
        }
        let stem = network.project.code
        switch format {
        case .mspdi:
            return ExportedFile(fileName: "\(stem).xml", contentType: "application/xml", data: MSPDIWriter.write(file))
        case .csv:
            return ExportedFile(fileName: "\(stem).csv", contentType: "text/csv; charset=utf-8",
                                data: Data(CSVWriter.write(Self.activitySheet(file, network, schedule)).utf8))
        case .xlsx:
            return ExportedFile(fileName: "\(stem).xlsx",
                                contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                data: try Self.workbook([Self.activitySheet(file, network, schedule)]))
        }
    }

    static func workbook(_ sheets: [Sheet]) throws(ServiceError) -> Data {
        do { return try XLSXWriter.write(sheets) } catch {
            throw ServiceError(.conflict, "the workbook could not be written: \(error.description)")
        }
    }

    /// One row per activity in WBS order: what a PMO pastes into a status deck.
    static func activitySheet(_ file: ProjectFile, _ network: ProjectNetwork, _ schedule: ScheduleDocument) -> Sheet {
        let rows = Dictionary(schedule.activities.map { ($0.activityId, $0) }, uniquingKeysWith: { a, _ in a })
        let codeById = Dictionary(network.activities.map { ($0.id, $0.code) }, uniquingKeysWith: { a, _ in a })
        var predecessors: [Activity.ID: [String]] = [:]
        for d in network.dependencies {
            let lag = d.lag.value == 0 ? "" : (d.lag.value > 0 ? "+" : "") + d.lag.description
            predecessors[d.successorId, default: []].append((codeById[d.predecessorId] ?? "?") + d.type.rawValue + lag)
        }
        let resourceNames = Dictionary(file.resources.map { ($0.uid, $0.name) }, uniquingKeysWith: { a, _ in a })
        var resources: [String: [String]] = [:]
        for a in file.assignments {
            let units = a.units == 100 ? "" : " [\(Sheet.decimal(a.units))%]"
            resources[a.taskUID, default: []].append((resourceNames[a.resourceUID] ?? a.resourceUID) + units)
        }
        var sheet = Sheet(name: network.project.code, columns: [
            .init("WBS", width: 10), .init("Activity", width: 40), .init("Kind", width: 10), .init("Duration", width: 10),
            .init("Start", width: 17), .init("Finish", width: 17), .init("Late start", width: 17),
            .init("Late finish", width: 17), .init("Total float (days)", width: 12), .init("Free float (days)", width: 12),
            .init("Critical", width: 9), .init("% complete", width: 11), .init("Predecessors", width: 24),
            .init("Resources", width: 28),
        ])
        for (a, depth) in zip(network.activities, network.depths) {
            let row = rows[a.id]
            sheet.rows.append([
                .text(a.code), .text(String(repeating: "  ", count: depth) + a.name), .text(a.kind.rawValue),
                a.kind == .leaf ? .text(a.duration.description) : .empty,
                row.map { .dateTime($0.earlyStart) } ?? .empty, row.map { .dateTime($0.earlyFinish) } ?? .empty,
                row.map { .dateTime($0.lateStart) } ?? .empty, row.map { .dateTime($0.lateFinish) } ?? .empty,
                row.map { .number(network.days($0.totalFloatMinutes)) } ?? .empty,
                row.map { .number(network.days($0.freeFloatMinutes)) } ?? .empty,
                row.map { .bool($0.critical) } ?? .empty, .percent(a.percentComplete),
                .text((predecessors[a.id] ?? []).joined(separator: ", ")),
                .text((resources[String(a.id.rawValue)] ?? []).joined(separator: ", ")),
            ])
        }
        return sheet
    }

    /// The portfolio's project list (code, name, program, manager, state, health, dates) as CSV or a workbook.
    public func export(portfolio id: Portfolio.ID, as format: ProjectFormat, _ caller: Caller) async throws -> ExportedFile {
        guard format != .mspdi else {
            throw ServiceError.invalid(field: "format", "a portfolio's project list exports as csv or xlsx; MS Project XML is per project")
        }
        let (portfolio, sheet) = try await store.read { session -> (Portfolio, Sheet) in
            guard let portfolio = try await session.get(Portfolio.self, id) else { throw ServiceError.notFound(Portfolio.self, id) }
            try caller.require(.view, Project.listSubject)
            let projects = try await session.list(Project.self, ListQuery(filters: ["portfolio_id": .int(id.rawValue)]))
                .sorted { $0.code < $1.code }
            let programs = try await session.list(Program.self, ListQuery(filters: ["portfolio_id": .int(id.rawValue)]))
            let programNames = Dictionary(programs.map { ($0.id, $0.code) }, uniquingKeysWith: { a, _ in a })
            var managers: [User.ID: String] = [:]
            for m in Set(projects.compactMap(\.managerId)) {
                if let u = try await session.get(User.self, m) { managers[m] = u.displayName }
            }
            var sheet = Sheet(name: portfolio.code, columns: [
                .init("Code", width: 12), .init("Project", width: 40), .init("Program", width: 12),
                .init("Manager", width: 22), .init("State", width: 11), .init("Health", width: 9),
                .init("Start", width: 12), .init("Finish", width: 12), .init("Status date", width: 12),
            ])
            for p in projects {
                sheet.rows.append([
                    .text(p.code), .text(p.name), .optional(p.programId.flatMap { programNames[$0] }),
                    .optional(p.managerId.flatMap { managers[$0] }), .text(p.state.rawValue), .text(p.health.rawValue),
                    p.startDate.map { .date($0) } ?? .empty, p.finishDate.map { .date($0) } ?? .empty,
                    p.statusDate.map { .date($0) } ?? .empty,
                ])
            }
            return (portfolio, sheet)
        }
        switch format {
        case .csv:
            return ExportedFile(fileName: "\(portfolio.code)-projects.csv", contentType: "text/csv; charset=utf-8",
                                data: Data(CSVWriter.write(sheet).utf8))
        case .xlsx, .mspdi:  // .mspdi is refused above
            return ExportedFile(fileName: "\(portfolio.code)-projects.xlsx",
                                contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                data: try Self.workbook([sheet]))
        }
    }

    // MARK: calendar feeds

    /// Makes a new feed of the project's or portfolio's milestones and gates; the token is returned once, only
    /// its digest is kept. Anyone who may view the subject may make one.
    public func createFeed(_ scope: CalendarFeed.Scope, subject: Int64, _ caller: Caller) async throws -> (CalendarFeed, token: String) {
        let now = clock.now()
        let token = secrets.newToken()
        let digest = secrets.digest(token)
        let feed = try await store.write { session in
            switch scope {
            case .project:
                guard let project = try await session.get(Project.self, Project.ID(subject)) else {
                    throw ServiceError.notFound(Project.self, Project.ID(subject))
                }
                try await caller.requireView(Project.listSubject) { try await Project.subject(of: project, in: session) }
            case .portfolio:
                guard try await session.get(Portfolio.self, Portfolio.ID(subject)) != nil else {
                    throw ServiceError.notFound(Portfolio.self, Portfolio.ID(subject))
                }
                try caller.require(.view, Project.listSubject)
            }
            let feed = try await session.insert(CalendarFeed(scope: scope, subjectId: subject, tokenDigest: digest,
                                                             createdBy: caller.userId, createdAt: now, updatedAt: now))
            try await Audit.record(.create, feed, before: nil, after: feed, by: caller, at: now, in: session)
            return feed
        }
        return (feed, token)
    }

    /// The iCalendar text of the feed whose token this is; `notFound` for any other token. `baseURL` makes the
    /// events link back to Gantry's pages.
    public func feed(token: String, baseURL: String) async throws -> String {
        let now = clock.now()
        let digest = secrets.digest(token)
        let calendar = try await store.read { session -> ICalendarFeed in
            guard let feed = try await session.list(CalendarFeed.self, ListQuery(filters: ["token_digest": .text(digest)])).first else {
                throw ServiceError(.notFound, "no calendar feed has this address; ask for a new one on the project or portfolio page")
            }
            var projects: [Project] = []
            var name = ""
            switch feed.scope {
            case .project:
                guard let p = try await session.get(Project.self, Project.ID(feed.subjectId)) else {
                    throw ServiceError.notFound(Project.self, Project.ID(feed.subjectId))
                }
                projects = [p]; name = "\(p.code) \(p.name): milestones and gates"
            case .portfolio:
                guard let portfolio = try await session.get(Portfolio.self, Portfolio.ID(feed.subjectId)) else {
                    throw ServiceError.notFound(Portfolio.self, Portfolio.ID(feed.subjectId))
                }
                projects = try await session.list(Project.self, ListQuery(filters: ["portfolio_id": .int(feed.subjectId)]))
                    .sorted { $0.code < $1.code }
                name = "\(portfolio.code) \(portfolio.name): milestones and gates"
            }
            var events: [ICalendarFeed.Event] = []
            for p in projects {
                let filter: [String: FilterValue] = ["project_id": .int(p.id.rawValue)]
                let milestones = try await session.list(Activity.self, ListQuery(filters: filter.merging(["kind": .text("milestone")]) { a, _ in a }))
                for m in milestones.sorted(by: { $0.code < $1.code }) {
                    guard let day = m.plannedFinish ?? m.plannedStart else { continue }
                    events.append(.init(uid: "milestone-\(m.id)@gantry", summary: "\(p.code) ◆ \(m.name)",
                                        description: "Milestone \(m.code) of \(p.code) \(p.name)", date: day,
                                        url: "\(baseURL)/projects/\(p.id)/activities/\(m.id)", categories: ["Milestone"]))
                }
                let phases = try await session.list(ProjectPhase.self, ListQuery(filters: filter))
                for ph in phases.sorted(by: { $0.position < $1.position }) {
                    guard let day = ph.gateDate else { continue }
                    events.append(.init(uid: "gate-\(ph.id)@gantry", summary: "\(p.code) gate: \(ph.gateName)",
                                        description: "Stage gate closing phase '\(ph.name)' of \(p.code) \(p.name) (\(ph.gateStatus.rawValue))",
                                        date: day, url: "\(baseURL)/projects/\(p.id)", categories: ["Gate"]))
                }
            }
            return ICalendarFeed(name: name, events: events)
        }
        return ICalendarWriter.write(calendar, stamp: now)
    }
}
