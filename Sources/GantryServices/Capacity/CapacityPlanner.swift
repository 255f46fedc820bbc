public import GantryModel
public import GantryPortfolio
import GantryInterchange
import Foundation
import GantryScheduling
import GantryGovernance

/// Which forecast to compute: the projects of some portfolios (all when empty) over a date range.
public struct CapacityScope: Sendable, Hashable {
    public var portfolios: [Portfolio.ID]
    /// The first and last day, both included.
    public var first: CalendarDate
    public var last: CalendarDate

    public init(portfolios: [Portfolio.ID] = [], first: CalendarDate, last: CalendarDate) {
        self.portfolios = portfolios; self.first = first; self.last = last
    }

    /// At most about five years: a forecast is per day inside, and a range past that is a typing mistake.
    public static let maxDays = 1_900
}

/// A forecast's inputs as read from the store, with the records its rows and drill-downs name.
public struct CapacitySnapshot: Sendable {
    public var scope: CapacityScope
    public var input: CapacityInput
    public var settings: CapacitySettings
    public var portfolios: [Portfolio]
    public var projects: [Project.ID: Project]
    public var resources: [Resource.ID: Resource]
    public var requests: [IntakeRequest.ID: IntakeRequest]
    public var allocations: [ProjectAllocation.ID: ProjectAllocation]
    /// What was read, for a benchmark and the logs: records of each kind.
    public var counts: [String: Int]

    /// The heatmap's bands from the PMO's settings.
    public var bands: CapacityBands {
        CapacityBands(healthyFrom: settings.healthyFrom, healthyThrough: settings.healthyThrough,
                      atRiskThrough: settings.atRiskThrough)
    }
}

/// The capacity forecast's use cases (issue #14): read supply and demand from the store into a ``CapacityInput``
/// (GantryPortfolio computes), and the settings that shape it.
///
/// ## How the stored records become the forecast's input
/// - **Supply.** Every resource of the pool (the pool is shared by all portfolios): its calendar's working minutes
///   per day — a resource without a calendar works on the organisation's default, the calendar most projects use
///   (Monday to Friday 08:00–17:00 with an hour's lunch when there is none) — less its absences (whole days, or
///   hours a day), times max units and the weekly capacity (hours a week, or % of the calendar). People and
///   equipment bring supply; a team's is its members'. A generic resource ("Generic developer") brings none: it is
///   a placeholder for demand still to be staffed, so the work assigned to it counts against its role's people.
/// - **Background load**: each resource's recurring non-project work, between its dates.
/// - **Committed demand**: active and on-hold projects of the chosen portfolios — their assignments, spread over
///   each activity's planned days on the resource's available time (MS Project spreads assignment work on the
///   resource's calendar), and their allocations, the plan winning where both exist. Completed activities (100 %)
///   ask for nothing more.
/// - **Pipeline demand**, weighted by the settings' probability of its state: proposed and approved projects not
///   yet started (their assignments' and allocations' hours), and intake requests that are submitted, in review,
///   on hold, or approved without a project yet (each role's FTE × months, from the desired start, or the range's
///   first day when none, at the settings' hours a day).
public struct CapacityPlanner: Sendable {
    let store: any Store
    let clock: any Clock

    public init(store: any Store, clock: any Clock) {
        self.store = store
        self.clock = clock
    }

    /// The PMO's settings, or the documented defaults when none were saved.
    public func settings(_ caller: Caller) async throws -> CapacitySettings {
        try caller.require(.view, CapacitySettings.listSubject)
        return try await store.read { try await Self.settings(in: $0) }
    }

    static func settings(in session: any StoreSession) async throws -> CapacitySettings {
        try await session.list(CapacitySettings.self, ListQuery(limit: 1)).first
            ?? CapacitySettings(createdAt: Timestamp(millisecondsSinceEpoch: 0), updatedAt: Timestamp(millisecondsSinceEpoch: 0))
    }

    /// Saves the PMO's settings (creating the one record the first time), audited like any change.
    public func saveSettings(_ settings: CapacitySettings, _ caller: Caller) async throws -> CapacitySettings {
        let catalog = Catalog(store: store, clock: clock)
        let existing = try await store.read { try await $0.list(CapacitySettings.self, ListQuery(limit: 1)).first }
        guard let existing else { return try await catalog.create(settings, caller) }
        return try await catalog.update(CapacitySettings.self, existing.id, caller, ifVersion: nil) {
            $0.pipelineWeights = settings.pipelineWeights; $0.healthyFrom = settings.healthyFrom
            $0.healthyThrough = settings.healthyThrough; $0.atRiskThrough = settings.atRiskThrough
            $0.hoursPerDay = settings.hoursPerDay
        }
    }

    /// Reads everything the forecast of `scope` is computed from, in one transaction.
    public func snapshot(_ scope: CapacityScope, _ caller: Caller) async throws -> CapacitySnapshot {
        try Self.check(scope)
        try caller.require(.view, Resource.listSubject)
        try caller.require(.view, Project.listSubject)
        return try await store.read { session in try await Self.snapshot(scope, in: session) }
    }

    static func check(_ scope: CapacityScope) throws {
        if scope.last < scope.first {
            throw ServiceError(.invalid, "the range ends (\(scope.last)) before it starts (\(scope.first))",
                               problems: [FieldProblem(field: "to", message: "\(scope.last) is before \(scope.first)")])
        }
        if scope.last.daysSinceEpoch - scope.first.daysSinceEpoch + 1 > CapacityScope.maxDays {
            throw ServiceError(.invalid, "the range \(scope.first) to \(scope.last) is longer than five years; choose a shorter one",
                               problems: [FieldProblem(field: "to", message: "at most \(CapacityScope.maxDays) days")])
        }
    }

    static func snapshot(_ scope: CapacityScope, in session: any StoreSession) async throws -> CapacitySnapshot {
        let settings = try await settings(in: session)
        let allPortfolios = try await session.list(Portfolio.self, ListQuery())
        for id in scope.portfolios where !allPortfolios.contains(where: { $0.id == id }) {
            throw ServiceError(.notFound, "portfolio \(id) does not exist",
                               problems: [FieldProblem(field: "portfolio", message: "portfolio \(id) does not exist")])
        }
        let wanted = Set(scope.portfolios.isEmpty ? allPortfolios.map(\.id) : scope.portfolios)
        let portfolios = allPortfolios.filter { wanted.contains($0.id) }
        let allProjects = try await session.list(Project.self, ListQuery())
        let projects = allProjects.filter { wanted.contains($0.portfolioId) && $0.state != .closed && $0.state != .cancelled }
        let projectById = Dictionary(uniqueKeysWithValues: projects.map { ($0.id, $0) })
        let resources = try await session.list(Resource.self, ListQuery())
        let calendars = try await session.list(WorkCalendar.self, ListQuery())
        let absences = try await session.list(Absence.self, ListQuery())
        let loads = try await session.list(BackgroundLoad.self, ListQuery())
        let allocations = try await session.list(ProjectAllocation.self, ListQuery()).filter { projectById[$0.projectId] != nil }
        var activities: [Activity.ID: Activity] = [:]
        var assignments: [Assignment] = []
        for project in projects {
            let byProject: [String: FilterValue] = ["project_id": .int(project.id.rawValue)]
            for a in try await session.list(Activity.self, ListQuery(filters: byProject)) { activities[a.id] = a }
            assignments += try await session.list(Assignment.self, ListQuery(filters: byProject))
        }
        var requests: [IntakeRequest] = []
        for portfolio in portfolios {
            requests += try await session.list(IntakeRequest.self, ListQuery(filters: ["portfolio_id": .int(portfolio.id.rawValue)]))
        }
        let defaultCalendar = Self.defaultCalendar(calendars, projects: allProjects)
        let input = try Self.input(
            scope: scope, settings: settings, resources: resources, calendars: calendars, defaultCalendar: defaultCalendar,
            absences: absences, loads: loads, projects: projectById, activities: activities, assignments: assignments,
            allocations: allocations, requests: requests)
        return CapacitySnapshot(
            scope: scope, input: input, settings: settings, portfolios: portfolios, projects: projectById,
            resources: Dictionary(uniqueKeysWithValues: resources.map { ($0.id, $0) }),
            requests: Dictionary(uniqueKeysWithValues: requests.map { ($0.id, $0) }),
            allocations: Dictionary(uniqueKeysWithValues: allocations.map { ($0.id, $0) }),
            counts: ["resources": resources.count, "projects": projects.count, "activities": activities.count,
                     "assignments": assignments.count, "allocations": allocations.count, "requests": requests.count,
                     "absences": absences.count, "background_loads": loads.count])
    }

    /// The calendar most projects use (lowest id on a tie), or nil for none.
    static func defaultCalendar(_ calendars: [WorkCalendar], projects: [Project]) -> WorkCalendar? {
        var uses: [WorkCalendar.ID: Int] = [:]
        for p in projects { if let c = p.calendarId { uses[c, default: 0] += 1 } }
        let best = uses.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key
        return calendars.first { $0.id == best } ?? calendars.min { $0.id < $1.id }
    }

    /// Builds the forecast's input from stored records: the rules of this type's documentation. Pure.
    static func input(scope: CapacityScope, settings: CapacitySettings, resources: [Resource], calendars: [WorkCalendar],
                      defaultCalendar: WorkCalendar?, absences: [Absence], loads: [BackgroundLoad],
                      projects: [Project.ID: Project], activities: [Activity.ID: Activity], assignments: [Assignment],
                      allocations: [ProjectAllocation], requests: [IntakeRequest]) throws -> CapacityInput {
        let first = scope.first, last = scope.last
        let days = last.daysSinceEpoch - first.daysSinceEpoch + 1
        let calendarById = Dictionary(uniqueKeysWithValues: calendars.map { ($0.id, $0) })

        // Each calendar's working minutes per day, computed once.
        var minutesByCalendar: [WorkCalendar.ID?: [Int32]] = [:]
        var weekByCalendar: [WorkCalendar.ID?: Int64] = [:]
        func calendarMinutes(_ id: WorkCalendar.ID?) throws -> ([Int32], Int64) {
            if let known = minutesByCalendar[id], let week = weekByCalendar[id] { return (known, week) }
            let calendar = id.flatMap { calendarById[$0] } ?? defaultCalendar
            let week = calendar?.week ?? .standard
            let compiled: CompiledCalendar
            do {
                compiled = try CompiledCalendar(week: week, exceptions: calendar?.exceptions ?? [], from: first, through: last,
                                                name: calendar?.name ?? "standard")
            } catch {
                throw ServiceError(.invalid, "calendar \(calendar?.name ?? "standard") cannot be used: \(error)")
            }
            var minutes = [Int32](repeating: 0, count: days)
            for i in 0..<days { minutes[i] = Int32(compiled.workingMinutes(on: first.adding(days: i))) }
            let weekMinutes = Int64(Weekday.allCases.map { week[$0].reduce(0) { $0 + $1.minutes } }.reduce(0, +))
            minutesByCalendar[id] = minutes
            weekByCalendar[id] = weekMinutes
            return (minutes, weekMinutes)
        }

        let absencesByResource = Dictionary(grouping: absences, by: \.resourceId)
        let loadsByResource = Dictionary(grouping: loads, by: \.resourceId)
        var capacityResources: [CapacityResource] = []
        var available: [Resource.ID: [Int32]] = [:]
        for r in resources {
            var (minutes, weekMinutes) = try calendarMinutes(r.calendarId)
            for a in absencesByResource[r.id] ?? [] {
                let lo = max(a.firstDay.daysSinceEpoch - first.daysSinceEpoch, 0)
                let hi = min(a.lastDay.daysSinceEpoch - first.daysSinceEpoch, days - 1)
                guard lo <= hi else { continue }
                for i in lo...hi {
                    if let h = a.hoursPerDay { minutes[i] = max(0, minutes[i] - Int32((h * 60).rounded())) } else { minutes[i] = 0 }
                }
            }
            available[r.id] = minutes
            let kind: CapacityResourceKind = switch r.kind {
            case .person: .person
            case .role: .generic
            case .equipment: .nonHuman
            case .team: .team
            }
            // A generic resource is a placeholder for demand still to be staffed: it brings no supply, so the work
            // assigned to it counts against its role's people (and shows as over-allocated in a view by person).
            let weekly: WeeklyCapacity = r.kind == .role ? .percentOfCalendar(0)
                : r.capacityHoursPerWeek.map { .hoursPerWeek($0) } ?? .percentOfCalendar(r.capacityPercent)
            capacityResources.append(CapacityResource(
                id: r.id, name: r.name, kind: kind, role: r.role, skills: r.skills, orgUnit: r.orgUnit,
                team: r.kind == .team ? nil : r.teamId, maxUnits: r.maxUnits,
                weeklyCapacity: weekly,
                regularWeekMinutes: max(weekMinutes, 1), availableMinutes: minutes,
                backgroundPeriods: (loadsByResource[r.id] ?? []).map {
                    BackgroundPeriod(hoursPerWeek: $0.hoursPerWeek, first: $0.firstDay, last: $0.lastDay)
                }))
        }
        let resourceIds = Set(resources.map(\.id))

        // Projects: committed when under way, pipeline when proposed or approved.
        func pipelineState(_ p: Project) -> String? {
            switch p.state {
            case .proposed: "proposed"
            case .approved: "approved"
            default: nil
            }
        }
        var capacityAssignments: [CapacityAssignment] = []
        var pipeline: [PipelineDemand] = []
        var nextPipelineId: Int64 = 1
        func addPipeline(_ source: PipelineDemand.Source, _ name: String, _ target: DemandTarget, hours: Double,
                         _ from: CalendarDate, _ to: CalendarDate, _ state: String) {
            guard hours > 0 else { return }
            pipeline.append(PipelineDemand(id: .init(nextPipelineId), source: source, name: name, target: target, hours: hours,
                                           first: from, last: to, state: state))
            nextPipelineId += 1
        }
        for a in assignments {
            guard let project = projects[a.projectId], let activity = activities[a.activityId],
                  resourceIds.contains(a.resourceId), activity.kind != .summary, activity.percentComplete < 100,
                  let start = activity.plannedStart, let finish = activity.plannedFinish, start <= finish,
                  finish >= first, start <= last else { continue }
            if let state = pipelineState(project) {
                let minutes = available[a.resourceId] ?? []
                let lo = max(start.daysSinceEpoch - first.daysSinceEpoch, 0)
                let hi = min(finish.daysSinceEpoch - first.daysSinceEpoch, days - 1)
                let total = (lo...hi).reduce(0.0) { $0 + Double(minutes[$1]) } * a.units / 100 / 60
                addPipeline(.project(project.id), "\(project.code) \(activity.name)", .resource(a.resourceId),
                            hours: total, first.adding(days: lo), first.adding(days: hi), state)
            } else {
                capacityAssignments.append(CapacityAssignment(
                    id: a.id, project: a.projectId, activity: a.activityId, activityName: "\(activity.code) \(activity.name)",
                    resource: a.resourceId, units: a.units, first: start, last: finish))
            }
        }
        var capacityAllocations: [CapacityAllocation] = []
        for al in allocations {
            guard let project = projects[al.projectId], al.lastDay >= first, al.firstDay <= last else { continue }
            let target: DemandTarget = al.resourceId.map { .resource($0) } ?? .role(al.role)
            if case .resource(let id) = target, !resourceIds.contains(id) { continue }
            if let state = pipelineState(project) {
                let lo = max(al.firstDay, first), hi = min(al.lastDay, last)
                let hours = Self.allocationHours(al.unit, al.amount, from: lo, through: hi, hoursPerDay: settings.hoursPerDay)
                addPipeline(.project(project.id), "\(project.code) allocation", target, hours: hours, lo, hi, state)
            } else {
                let rate: CapacityAllocation.Rate = switch al.unit {
                case .hoursPerWeek: .hoursPerWeek(al.amount)
                case .hoursPerMonth: .hoursPerMonth(al.amount)
                case .percent: .percentOfCapacity(al.amount)
                }
                capacityAllocations.append(CapacityAllocation(
                    id: .init(al.id.rawValue), project: al.projectId, target: target, rate: rate,
                    first: al.firstDay, last: al.lastDay))
            }
        }
        for request in requests {
            let state: String? = switch request.status {
            case .submitted, .inReview, .onHold: request.status.rawValue
            case .approved: request.projectId == nil ? "approved" : nil
            default: nil
            }
            guard let state else { continue }
            let start = request.desiredStart ?? first
            for demand in request.demand where demand.fte > 0 && demand.months > 0 && !demand.role.isEmpty {
                let end = Self.adding(months: demand.months, to: start).adding(days: -1)
                guard end >= first, start <= last, end >= start else { continue }
                let hours = demand.fte * settings.hoursPerDay * Double(Self.weekdays(start, end))
                addPipeline(.request(request.id), request.title, .role(demand.role), hours: hours, start, end, state)
            }
        }
        var weights = CapacitySettings.defaultWeights
        for (state, weight) in settings.pipelineWeights { weights[state] = weight }
        return CapacityInput(first: first, last: last, resources: capacityResources, assignments: capacityAssignments,
                             allocations: capacityAllocations, pipeline: pipeline, pipelineWeights: PipelineWeights(weights))
    }

    /// The hours an allocation asks from `from` through `through`: hours a week × weekdays / 5, hours a month × the
    /// months' share of weekdays, or a percentage of a full-time day on each weekday.
    static func allocationHours(_ unit: AllocationUnit, _ amount: Double, from: CalendarDate, through: CalendarDate,
                                hoursPerDay: Double) -> Double {
        let weekdays = Double(weekdays(from, through))
        return switch unit {
        case .hoursPerWeek: amount * weekdays / 5
        case .hoursPerMonth: monthShare(from, through) * amount
        case .percent: amount / 100 * hoursPerDay * weekdays
        }
    }

    /// Monday-to-Friday days from `a` to `b`, both included.
    static func weekdays(_ a: CalendarDate, _ b: CalendarDate) -> Int {
        guard a <= b else { return 0 }
        var n = 0
        for d in a.daysSinceEpoch...b.daysSinceEpoch {
            let w = CalendarDate(daysSinceEpoch: d).weekday
            if w != .saturday && w != .sunday { n += 1 }
        }
        return n
    }

    /// How many months `a…b` spans, as the sum of each month's share of weekdays (a whole month is 1).
    static func monthShare(_ a: CalendarDate, _ b: CalendarDate) -> Double {
        guard a <= b else { return 0 }
        var share = 0.0
        var day = a
        while day <= b {
            let monthFirst = CalendarDate(year: day.year, month: day.month, day: 1)!
            let monthLast = monthFirst.adding(days: CalendarDate.daysIn(month: day.month, year: day.year) - 1)
            let whole = weekdays(monthFirst, monthLast)
            let inside = weekdays(day, min(monthLast, b))
            if whole > 0 { share += Double(inside) / Double(whole) }
            day = monthLast.adding(days: 1)
        }
        return share
    }

    /// The default forecast horizon: 18 months from `first`, less a day.
    public static func defaultLast(from first: CalendarDate) -> CalendarDate {
        adding(months: 18, to: first).adding(days: -1)
    }

    /// `date` plus a number of months (whole months by the calendar, the fraction as 30-day months' share).
    static func adding(months: Double, to date: CalendarDate) -> CalendarDate {
        let whole = Int(months.rounded(.down))
        let total = date.year * 12 + (date.month - 1) + whole
        let year = total / 12, month = total % 12 + 1
        let day = min(date.day, CalendarDate.daysIn(month: month, year: year))
        let moved = CalendarDate(year: year, month: month, day: day)!
        return moved.adding(days: Int(((months - Double(whole)) * 30).rounded()))
    }

    /// The forecast of `scope` grouped and per period, with the snapshot it was computed from.
    public func forecast(_ scope: CapacityScope, by grouping: CapacityGrouping, per period: CapacityPeriodKind,
                         _ caller: Caller) async throws -> (CapacitySnapshot, CapacityTable) {
        let snapshot = try await snapshot(scope, caller)
        let forecast = try Self.forecast(snapshot.input)
        return (snapshot, forecast.table(by: grouping, per: period, bands: snapshot.bands))
    }

    /// What makes one cell: the row `group` (kind and key) in the period labelled `periodLabel`.
    public func drillDown(_ scope: CapacityScope, by grouping: CapacityGrouping, per period: CapacityPeriodKind,
                          group: CapacityGroup.Kind, key: String, periodLabel: String,
                          _ caller: Caller) async throws -> (CapacitySnapshot, CapacityDrillDown) {
        let snapshot = try await snapshot(scope, caller)
        let forecast = try Self.forecast(snapshot.input)
        guard let p = CapacityPeriod.periods(period, from: scope.first, through: scope.last).first(where: { $0.label == periodLabel }) else {
            throw ServiceError(.notFound, "there is no \(period.rawValue) \(periodLabel) between \(scope.first) and \(scope.last)",
                               problems: [FieldProblem(field: "period", message: "not in the range")])
        }
        do {
            let drill = try forecast.drillDown(CapacityGroup(kind: group, key: key, name: ""), in: p, grouping: grouping,
                                               bands: snapshot.bands)
            return (snapshot, drill)
        } catch {
            throw ServiceError(.notFound, error.message, problems: [FieldProblem(field: "group", message: error.message)])
        }
    }

    static func forecast(_ input: CapacityInput) throws -> CapacityForecast {
        do { return try CapacityForecast(input) } catch {
            throw ServiceError(.invalid, "the forecast cannot be computed: \(error.message)")
        }
    }
}

extension CapacityGrouping {
    /// Reads `person`/`resource`, `role`, `skill` (or `skill:4` for level 4 and above), `team`, `org_unit`.
    public init?(text: String) {
        let parts = text.lowercased().split(separator: ":")
        switch parts.first.map(String.init) ?? "" {
        case "person", "resource", "people": self = .resource
        case "role": self = .role
        case "skill":
            let level = parts.count > 1 ? Int(parts[1]) : 1
            guard let level, (1...5).contains(level) else { return nil }
            self = .skill(minimumLevel: level)
        case "team": self = .team
        case "org_unit", "org-unit", "orgunit", "org": self = .orgUnit
        default: return nil
        }
    }

    /// The text ``init(text:)`` reads.
    public var text: String {
        switch self {
        case .resource: "person"
        case .role: "role"
        case .skill(let level): level <= 1 ? "skill" : "skill:\(level)"
        case .team: "team"
        case .orgUnit: "org_unit"
        }
    }

    public static let choices = "person, role, skill (or skill:N for level N and above), team, org_unit"
}

extension CapacityPlanner {
    public enum ExportFormat: String, Sendable, CaseIterable { case csv, xlsx }

    /// The forecast table as a file: one line per group and period, with hours, utilisation and band.
    public func export(_ scope: CapacityScope, by grouping: CapacityGrouping, per period: CapacityPeriodKind,
                       as format: ExportFormat, _ caller: Caller) async throws -> ExportedFile {
        let (snapshot, table) = try await forecast(scope, by: grouping, per: period, caller)
        let report = CapacityReport(snapshot, table)
        var sheet = Sheet(name: "Capacity", columns: [
            .init("Group kind", width: 12), .init("Key", width: 14), .init("Group", width: 28), .init("Period", width: 10),
            .init("From", width: 12), .init("To", width: 12), .init("Supply h", width: 10), .init("Committed h", width: 12),
            .init("Background h", width: 12), .init("Pipeline h (weighted)", width: 14), .init("Free h", width: 10),
            .init("Over h", width: 10), .init("Utilisation %", width: 13), .init("Band", width: 15),
        ])
        for group in report.groups {
            for c in group.periods {
                sheet.rows.append([
                    .text(group.kind), .text(group.key), .text(group.name), .text(c.period),
                    CalendarDate(iso: c.first).map { .date($0) } ?? .empty, CalendarDate(iso: c.last).map { .date($0) } ?? .empty,
                    .number(c.supplyHours), .number(c.demandHours), .number(c.backgroundHours), .number(c.pipelineHours),
                    .number(c.freeHours), .number(c.overHours), c.utilisationPct.map { .percent($0) } ?? .empty,
                    .text(c.band.replacingUnderscores),
                ])
            }
        }
        let name = "capacity-\(report.by.replacingUnderscores)-\(report.from)-\(report.to)"
        switch format {
        case .csv:
            return ExportedFile(fileName: name + ".csv", contentType: "text/csv; charset=utf-8",
                                data: Data(CSVWriter.write(sheet, neutralizingFormulas: true).utf8))
        case .xlsx:
            return ExportedFile(fileName: name + ".xlsx",
                                contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                data: try Interchange.workbook([sheet]))
        }
    }
}

extension String {
    fileprivate var replacingUnderscores: String { split(separator: "_", omittingEmptySubsequences: false).joined(separator: " ") }
}

extension CapacityPlanner {
    /// The catalogues with their use: how many resources hold each skill (and at which levels) and each role, and
    /// the names in use that the catalogues do not list (imports bring roles of their own).
    public struct CatalogueUse: Sendable {
        public var skills: [(skill: Skill, holders: Int, levels: [Int])]
        public var roles: [(role: JobRole, resources: Int, allocations: Int)]
        public var unlistedSkills: [(name: String, holders: Int)]
        public var unlistedRoles: [(name: String, resources: Int)]
    }

    public func catalogueUse(_ caller: Caller) async throws -> CatalogueUse {
        try caller.require(.view, Skill.listSubject)
        return try await store.read { session in
            let skills = try await session.list(Skill.self, ListQuery()).sorted { ($0.category, $0.name) < ($1.category, $1.name) }
            let roles = try await session.list(JobRole.self, ListQuery()).sorted { $0.name < $1.name }
            let resources = try await session.list(Resource.self, ListQuery())
            let allocations = try await session.list(ProjectAllocation.self, ListQuery())
            var holders: [String: [Int]] = [:]
            for r in resources { for s in r.skills { holders[s.skill, default: []].append(s.level) } }
            var roleCount: [String: Int] = [:]
            for r in resources where !r.role.isEmpty { roleCount[r.role, default: 0] += 1 }
            let skillNames = Set(skills.map(\.name)), roleNames = Set(roles.map(\.name))
            return CatalogueUse(
                skills: skills.map { ($0, holders[$0.name]?.count ?? 0, (holders[$0.name] ?? []).sorted()) },
                roles: roles.map { role in (role, roleCount[role.name] ?? 0, allocations.filter { $0.role == role.name }.count) },
                unlistedSkills: holders.filter { !skillNames.contains($0.key) }.map { ($0.key, $0.value.count) }.sorted { $0.name < $1.name },
                unlistedRoles: roleCount.filter { !roleNames.contains($0.key) }.map { ($0.key, $0.value) }.sorted { $0.name < $1.name })
        }
    }

    /// Renames a catalogue role and, in the same transaction, every resource and allocation that names it: the
    /// role is managed in one place. Audited as one update of the role and one of each record it changed.
    public func renameRole(_ id: JobRole.ID, to name: String, _ caller: Caller) async throws -> JobRole {
        let now = clock.now()
        return try await store.write { session in
            guard let role = try await session.get(JobRole.self, id) else { throw ServiceError.notFound(JobRole.self, id) }
            let old = role.name
            let renamed = try await Catalog.apply({ $0.name = name }, to: role, by: caller, at: now, in: session)
            guard old != renamed.name else { return renamed }
            for r in try await session.list(Resource.self, ListQuery(filters: ["role": .text(old)])) {
                _ = try await Catalog.apply({ $0.role = renamed.name }, to: r, by: caller, at: now, in: session)
            }
            for a in try await session.list(ProjectAllocation.self, ListQuery(filters: ["role": .text(old)])) {
                _ = try await Catalog.apply({ $0.role = renamed.name }, to: a, by: caller, at: now, in: session)
            }
            return renamed
        }
    }

    /// Renames a catalogue skill and every resource's holding of it, in one transaction.
    public func renameSkill(_ id: Skill.ID, to name: String, _ caller: Caller) async throws -> Skill {
        let now = clock.now()
        return try await store.write { session in
            guard let skill = try await session.get(Skill.self, id) else { throw ServiceError.notFound(Skill.self, id) }
            let old = skill.name
            let renamed = try await Catalog.apply({ $0.name = name }, to: skill, by: caller, at: now, in: session)
            guard old != renamed.name else { return renamed }
            for r in try await session.list(Resource.self, ListQuery()) where r.skills.contains(where: { $0.skill == old }) {
                _ = try await Catalog.apply({
                    $0.skills = $0.skills.map { $0.skill == old ? SkillLevel(renamed.name, level: $0.level) : $0 }
                }, to: r, by: caller, at: now, in: session)
            }
            return renamed
        }
    }
}
