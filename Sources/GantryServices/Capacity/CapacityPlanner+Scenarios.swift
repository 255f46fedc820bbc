public import GantryModel
public import GantryPortfolio
import GantryGovernance

/// What-if scenarios and portfolio leveling (issue #14).
///
/// A scenario is a stored draft of ``ScenarioChange``s. Its forecast is the live forecast's input with the changes
/// applied (GantryPortfolio's `CapacityInput.applying`): nothing stored changes. **Committing** applies the changes
/// to live records in one transaction, each change audited, and marks the scenario committed:
/// - *shift a project*: its start and finish, its allocations' dates, and (when it has a plan) a reschedule from
///   the new start;
/// - *add capacity*: new people of the role (named after the scenario), with an absence "not joined yet" before
///   their first day and "left" after their last, so the forecast sees them only in between;
/// - *remove capacity*: an absence for the resource from the day given (to the last day given, else a year);
/// - *change an allocation*: its amount and dates;
/// - *take in* or *drop* an intake request: not applied — a request is approved or rejected through intake; the
///   commit says so in its summary.
extension CapacityPlanner {
    /// A scenario's effect on the forecast: the table before and after, by the same grouping and period.
    public struct ScenarioView: Sendable {
        public var scenario: CapacityScenario
        public var snapshot: CapacitySnapshot
        public var before: CapacityTable
        public var after: CapacityTable
        /// Over-allocated hours (committed + background above supply) summed over every row and period.
        public var overMinutesBefore: Int64
        public var overMinutesAfter: Int64
        /// Each change in words, in order.
        public var changes: [String]
        /// Why the changes could not be applied (then `after` is the live forecast), or nil.
        public var problem: String?

        public init(scenario: CapacityScenario, snapshot: CapacitySnapshot, before: CapacityTable, after: CapacityTable,
                    overMinutesBefore: Int64, overMinutesAfter: Int64, changes: [String]) {
            self.scenario = scenario; self.snapshot = snapshot; self.before = before; self.after = after
            self.overMinutesBefore = overMinutesBefore; self.overMinutesAfter = overMinutesAfter; self.changes = changes
        }
    }

    public func scenarioView(_ id: CapacityScenario.ID, scope: CapacityScope, by grouping: CapacityGrouping,
                             per period: CapacityPeriodKind, _ caller: Caller) async throws -> ScenarioView {
        let scenario = try await Catalog(store: store, clock: clock).get(CapacityScenario.self, id, caller)
        let snapshot = try await snapshot(scope, caller)
        let before = try Self.forecast(snapshot.input).table(by: grouping, per: period, bands: snapshot.bands)
        var after = before
        var problem: String?
        // A change that no longer applies (its project was deleted since) leaves the scenario readable: the live
        // forecast on both sides, and the reason.
        do {
            after = try Self.forecast(try Self.apply(scenario.changes, to: snapshot)).table(by: grouping, per: period, bands: snapshot.bands)
        } catch let e as ServiceError where e.code == .invalid {
            problem = e.message
        }
        var view = ScenarioView(scenario: scenario, snapshot: snapshot, before: before, after: after,
                                overMinutesBefore: Self.overMinutes(before), overMinutesAfter: Self.overMinutes(after),
                                changes: scenario.changes.map { Self.describe($0, snapshot) })
        view.problem = problem
        return view
    }

    static func overMinutes(_ table: CapacityTable) -> Int64 {
        table.cells.reduce(0) { $0 + $1.reduce(0) { $0 + $1.overMinutes } }
    }

    /// A change in words: "Shift DIG-130 Open banking APIs by 182 days".
    public static func describe(_ c: ScenarioChange, _ snapshot: CapacitySnapshot) -> String {
        let project = c.projectId.map { id in snapshot.projects[id].map { "\($0.code) \($0.name)" } ?? "project \(id)" } ?? "?"
        let resource = c.resourceId.map { id in snapshot.resources[id]?.name ?? "resource \(id)" } ?? "?"
        let until = c.lastDay.map { " until \($0)" } ?? ""
        var text: String
        switch c.kind {
        case .shiftProject: text = "Shift \(project) by \(c.days ?? 0) days"
        case .addCapacity:
            text = "Add \(formatted(c.people ?? 1)) × \(c.role ?? "?")\(c.hoursPerWeek.map { " at \(formatted($0)) h a week" } ?? "") from \(c.firstDay?.description ?? "?")\(until)"
        case .removeCapacity: text = "Take \(resource) out from \(c.firstDay?.description ?? "?")\(until)"
        case .changeAllocation:
            let a = c.allocationId.flatMap { snapshot.allocations[$0] }
            text = "Set allocation \(c.allocationId?.description ?? "?")\(a.map { " (\(snapshot.projects[$0.projectId]?.code ?? "?"), \($0.role.isEmpty ? resourceName($0.resourceId, snapshot) : $0.role))" } ?? "") to \(formatted(c.amount ?? a?.amount ?? 0))"
                + (c.firstDay.map { " from \($0)" } ?? "") + until
        case .takeInRequest:
            text = "Take in request \(c.requestId.flatMap { snapshot.requests[$0]?.title } ?? c.requestId?.description ?? "?") as committed"
        case .dropRequest:
            text = "Leave out request \(c.requestId.flatMap { snapshot.requests[$0]?.title } ?? c.requestId?.description ?? "?")"
        }
        if !c.note.isEmpty { text += " — \(c.note)" }
        return text
    }

    public static func resourceName(_ id: Resource.ID?, _ snapshot: CapacitySnapshot) -> String {
        id.flatMap { snapshot.resources[$0]?.name } ?? "?"
    }

    static func formatted(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e12 ? String(Int64(x)) : String(x)
    }

    /// The snapshot's input with the scenario's changes applied, each change checked for the fields its kind needs.
    static func apply(_ changes: [ScenarioChange], to snapshot: CapacitySnapshot) throws -> CapacityInput {
        var engine: [CapacityChange] = []
        var nextResource: Int64 = -1_000_000
        var nextAllocation: Int64 = -1_000_000
        for (k, c) in changes.enumerated() {
            func missing(_ field: String) -> ServiceError {
                ServiceError(.invalid, "change \(k + 1) (\(c.kind.rawValue)) needs \(field)",
                             problems: [FieldProblem(field: "changes[\(k)].\(field)", message: "needed for \(c.kind.rawValue)")])
            }
            switch c.kind {
            case .shiftProject:
                guard let p = c.projectId else { throw missing("project_id") }
                guard let days = c.days else { throw missing("days") }
                // A project with nothing in the range has nothing to move in the forecast.
                let present = snapshot.input.assignments.contains { $0.project == p } || snapshot.input.allocations.contains { $0.project == p }
                    || snapshot.input.pipeline.contains { $0.source == .project(p) }
                if present { engine.append(.shiftProject(p, days: days)) }
            case .addCapacity:
                guard let role = c.role, !role.isEmpty else { throw missing("role") }
                guard let from = c.firstDay else { throw missing("first_day") }
                let people = c.people ?? 1
                var added = AddedCapacity.people(max(1, Int(people.rounded(.up))), id: Resource.ID(nextResource), role: role,
                                                 skills: c.skills ?? [], from: from, until: c.lastDay)
                added.maxUnits = people * 100
                if let h = c.hoursPerWeek { added.weeklyCapacity = .hoursPerWeek(h) }
                engine.append(.addCapacity(added))
                nextResource -= 1
            case .removeCapacity:
                guard let r = c.resourceId else { throw missing("resource_id") }
                guard let from = c.firstDay else { throw missing("first_day") }
                engine.append(.removeResource(r, from: from))
            case .changeAllocation:
                guard let id = c.allocationId, let stored = snapshot.allocations[id] else { throw missing("allocation_id") }
                let amount = c.amount ?? stored.amount
                let rate: CapacityAllocation.Rate = switch stored.unit {
                case .hoursPerWeek: .hoursPerWeek(amount)
                case .hoursPerMonth: .hoursPerMonth(amount)
                case .percent: .percentOfCapacity(amount)
                }
                if snapshot.input.allocations.contains(where: { $0.id.rawValue == id.rawValue }) {
                    engine.append(.changeAllocation(.init(id.rawValue), rate: rate, first: c.firstDay, last: c.lastDay))
                }
            case .takeInRequest, .dropRequest:
                guard let request = c.requestId else { throw missing("request_id") }
                for item in snapshot.input.pipeline where item.source == .request(request) {
                    if c.kind == .dropRequest {
                        engine.append(.dropPipeline(item.id))
                    } else {
                        engine.append(.commitPipeline(item.id, allocation: .init(nextAllocation)))
                        nextAllocation -= 1
                    }
                }
            }
        }
        do { return try snapshot.input.applying(engine) } catch {
            throw ServiceError(.invalid, "the scenario cannot be applied: \(error.message)")
        }
    }

    /// Adds a change to a draft scenario, checked against the forecast.
    public func addChange(_ change: ScenarioChange, to id: CapacityScenario.ID, _ caller: Caller) async throws -> CapacityScenario {
        try await Catalog(store: store, clock: clock).update(CapacityScenario.self, id, caller) { $0.changes.append(change) }
    }

    /// Removes the change at `index` of a draft scenario.
    public func removeChange(at index: Int, from id: CapacityScenario.ID, _ caller: Caller) async throws -> CapacityScenario {
        try await Catalog(store: store, clock: clock).update(CapacityScenario.self, id, caller) {
            guard $0.changes.indices.contains(index) else {
                throw ServiceError(.notFound, "scenario \(id) has no change \(index + 1)")
            }
            $0.changes.remove(at: index)
        }
    }

    /// Discards a draft: nothing live changes; the scenario stays, marked discarded.
    public func discard(_ id: CapacityScenario.ID, _ caller: Caller) async throws -> CapacityScenario {
        let now = clock.now()
        return try await store.write { session in
            guard let s = try await session.get(CapacityScenario.self, id) else { throw ServiceError.notFound(CapacityScenario.self, id) }
            guard s.state == .draft else { throw ServiceError(.conflict, "scenario \(id) is \(s.state.rawValue); only a draft can be discarded") }
            return try await Self.setState(.discarded, of: s, caller, now, session)
        }
    }

    static func setState(_ state: ScenarioState, of s: CapacityScenario, _ caller: Caller, _ now: Timestamp,
                         _ session: any StoreSession) async throws -> CapacityScenario {
        // The record's rules keep a committed or discarded scenario as it is; the state moves here only.
        var moved = s
        moved.state = state
        moved.updatedAt = now
        try caller.require(.update, try await CapacityScenario.subject(of: s, in: session))
        guard let saved = try await session.update(moved, expectedVersion: s.version) else {
            throw ServiceError(.versionMismatch, "scenario \(s.id) was changed by someone else meanwhile; reload it and try again")
        }
        try await Audit.record(.update, saved, before: s, after: saved, by: caller, at: now, in: session)
        return saved
    }

    /// What a commit did, in words.
    public struct CommitResult: Sendable {
        public var scenario: CapacityScenario
        public var applied: [String]
        public var notApplied: [String]
    }

    /// Commits a draft: applies its changes to live records in one transaction (all or nothing), each audited.
    public func commit(_ id: CapacityScenario.ID, _ caller: Caller) async throws -> CommitResult {
        let now = clock.now()
        let today = now.date
        return try await store.write { session in
            guard let s = try await session.get(CapacityScenario.self, id) else { throw ServiceError.notFound(CapacityScenario.self, id) }
            guard s.state == .draft else { throw ServiceError(.conflict, "scenario \(id) is \(s.state.rawValue); only a draft can be committed") }
            try caller.require(.update, .standards)
            var applied: [String] = [], notApplied: [String] = []
            for (k, c) in s.changes.enumerated() {
                func missing(_ field: String) -> ServiceError {
                    ServiceError(.invalid, "change \(k + 1) (\(c.kind.rawValue)) needs \(field)",
                                 problems: [FieldProblem(field: "changes[\(k)].\(field)", message: "needed")])
                }
                switch c.kind {
                case .shiftProject:
                    guard let pid = c.projectId, let project = try await session.get(Project.self, pid) else { throw missing("project_id") }
                    let days = c.days ?? 0
                    guard days != 0 else { continue }
                    let activities = try await session.list(Activity.self, ListQuery(filters: ["project_id": .int(pid.rawValue)]))
                    let start = project.startDate ?? activities.compactMap(\.plannedStart).min()
                    _ = try await Catalog.apply({
                        $0.startDate = start?.adding(days: days)
                        $0.finishDate = $0.finishDate?.adding(days: days)
                    }, to: project, by: caller, at: now, in: session)
                    for a in try await session.list(ProjectAllocation.self, ListQuery(filters: ["project_id": .int(pid.rawValue)])) {
                        _ = try await Catalog.apply({
                            $0.firstDay = $0.firstDay.adding(days: days); $0.lastDay = $0.lastDay.adding(days: days)
                        }, to: a, by: caller, at: now, in: session)
                    }
                    if !activities.isEmpty { _ = try await Scheduling.reschedule(pid, in: session, at: now) }
                    applied.append("\(project.code) moved by \(days) days")
                case .addCapacity:
                    guard let role = c.role, !role.isEmpty else { throw missing("role") }
                    guard let from = c.firstDay else { throw missing("first_day") }
                    let count = max(1, Int((c.people ?? 1).rounded(.up)))
                    for n in 1...count {
                        let person = try await Catalog.insert(Resource(
                            name: "Planned \(role.lowercased()) \(n) (\(s.name))", kind: .person, role: role, skills: c.skills ?? [],
                            capacityHoursPerWeek: c.hoursPerWeek, createdAt: now, updatedAt: now), by: caller, at: now, in: session)
                        var gapStart = today
                        while gapStart < from {
                            let gapEnd = min(from.adding(days: -1), gapStart.adding(days: 365))
                            _ = try await Catalog.insert(Absence(resourceId: person.id, kind: .other, firstDay: gapStart, lastDay: gapEnd,
                                                                 note: "Not joined yet (scenario \(s.name))", createdAt: now, updatedAt: now),
                                                         by: caller, at: now, in: session)
                            gapStart = gapEnd.adding(days: 1)
                        }
                        if let until = c.lastDay {
                            _ = try await Catalog.insert(Absence(resourceId: person.id, kind: .other, firstDay: until.adding(days: 1),
                                                                 lastDay: until.adding(days: 366), note: "Left (scenario \(s.name))",
                                                                 createdAt: now, updatedAt: now), by: caller, at: now, in: session)
                        }
                    }
                    applied.append("\(count) × \(role) added from \(from)")
                case .removeCapacity:
                    guard let rid = c.resourceId, let resource = try await session.get(Resource.self, rid) else { throw missing("resource_id") }
                    guard let from = c.firstDay else { throw missing("first_day") }
                    _ = try await Catalog.insert(Absence(resourceId: rid, kind: .other, firstDay: from,
                                                         lastDay: c.lastDay ?? from.adding(days: 365),
                                                         note: "Out of the pool (scenario \(s.name))", createdAt: now, updatedAt: now),
                                                 by: caller, at: now, in: session)
                    applied.append("\(resource.name) out from \(from)")
                case .changeAllocation:
                    guard let aid = c.allocationId, let allocation = try await session.get(ProjectAllocation.self, aid) else { throw missing("allocation_id") }
                    _ = try await Catalog.apply({
                        if let amount = c.amount { $0.amount = amount }
                        if let first = c.firstDay { $0.firstDay = first }
                        if let last = c.lastDay { $0.lastDay = last }
                    }, to: allocation, by: caller, at: now, in: session)
                    applied.append("allocation \(aid) changed")
                case .takeInRequest, .dropRequest:
                    notApplied.append("request \(c.requestId?.description ?? "?"): requests are approved or rejected through intake, not by a scenario")
                }
            }
            let saved = try await Self.setState(.committed, of: s, caller, now, session)
            return CommitResult(scenario: saved, applied: applied, notApplied: notApplied)
        }
    }

    // MARK: - Portfolio leveling

    /// A leveling proposal with the names the page shows.
    public struct LevelingView: Sendable {
        public var snapshot: CapacitySnapshot
        public var leveling: PortfolioLeveling
        /// The projects that may move, in priority order, with how their priority was set.
        public var candidates: [LevelingProject]
        public var priorityRule: String
    }

    public static let levelingPriorityRule = "Projects not started yet may move later, the most important placed first: "
        + "those named in the priority order in that order, then approved before proposed, then the earlier planned "
        + "start, then the lower id. Running projects, and projects with progress, keep their dates."

    /// Proposes start shifts for the projects not yet started so that no role is over its capacity, or as little
    /// as possible, week by week over `scope`. Nothing is stored; ``levelingScenario`` turns the moves into a draft.
    ///
    /// `order` is the PMO's set order of project codes, most important first (unknown codes are refused, naming
    /// them); the projects it does not name follow by the default rule.
    public func leveling(_ scope: CapacityScope, maxShiftWeeks: Int? = nil, order: [String] = [],
                         _ caller: Caller) async throws -> LevelingView {
        let snapshot = try await snapshot(scope, caller)
        let input = snapshot.input
        let progressed = try await store.read { session -> Set<Project.ID> in
            var started: Set<Project.ID> = []
            for p in snapshot.projects.values {
                let acts = try await session.list(Activity.self, ListQuery(filters: ["project_id": .int(p.id.rawValue)]))
                if acts.contains(where: { $0.actualStart != nil || $0.percentComplete > 0 }) { started.insert(p.id) }
            }
            return started
        }
        // A project may move when it is proposed, approved or active, has no progress, and its demand starts today or later.
        var firstDay: [Project.ID: CalendarDate] = [:]
        func note(_ p: Project.ID, _ d: CalendarDate) { firstDay[p] = min(firstDay[p] ?? d, d) }
        for a in input.assignments { note(a.project, a.first) }
        for a in input.allocations { note(a.project, a.first) }
        for item in input.pipeline { if case .project(let p) = item.source { note(p, item.first) } }
        let today = clock.now().date
        var rank: [Project.ID: Int] = [:]
        for (k, code) in order.enumerated() {
            guard let p = snapshot.projects.values.first(where: { $0.code.lowercased() == code.lowercased() }) else {
                throw ServiceError(.invalid, "the priority order names '\(code)', which is no open project of the chosen portfolios",
                                   problems: [FieldProblem(field: "order", message: "'\(code)' is not an open project")])
            }
            if rank[p.id] == nil { rank[p.id] = k }
        }
        let movable = snapshot.projects.values.filter { p in
            [.proposed, .approved, .active].contains(p.state) && !progressed.contains(p.id)
                && (firstDay[p.id].map { $0 >= today } ?? false)
        }.sorted { a, b in
            let oa = rank[a.id] ?? Int.max, ob = rank[b.id] ?? Int.max
            if oa != ob { return oa < ob }
            let ra = a.state == .approved || a.state == .active ? 0 : 1, rb = b.state == .approved || b.state == .active ? 0 : 1
            if ra != rb { return ra < rb }
            if firstDay[a.id]! != firstDay[b.id]! { return firstDay[a.id]! < firstDay[b.id]! }
            return a.id < b.id
        }
        let moving = Set(movable.map(\.id))
        // The capacity left by everything that stays; each movable project's own demand by role and week, at full weight.
        var rest = input
        rest.assignments.removeAll { moving.contains($0.project) }
        rest.allocations.removeAll { moving.contains($0.project) }
        rest.pipeline.removeAll { if case .project(let p) = $0.source { moving.contains(p) } else { false } }
        let restTable = try Self.forecast(rest).table(by: .role, per: .week, bands: snapshot.bands)
        let capacity: RoleWeeklyCapacity
        do { capacity = try RoleWeeklyCapacity(restTable) } catch {
            throw ServiceError(.invalid, "the capacity cannot be computed: \(error.message)")
        }
        var candidates: [LevelingProject] = []
        for (rank, p) in movable.enumerated() {
            guard let (startMonday, profile) = try Self.profile(of: p.id, in: input, bands: snapshot.bands) else { continue }
            candidates.append(LevelingProject(id: p.id, name: "\(p.code) \(p.name)", profile: profile,
                                              plannedStart: startMonday, priority: rank + 1, mayMove: true))
        }
        do {
            let result = try capacity.leveling(candidates, options: PortfolioLeveling.Options(maxShiftWeeks: maxShiftWeeks, bands: snapshot.bands))
            return LevelingView(snapshot: snapshot, leveling: result, candidates: candidates, priorityRule: Self.levelingPriorityRule)
        } catch {
            throw ServiceError(.invalid, "leveling failed: \(error.message)")
        }
    }

    /// A project's own demand by role and ISO week, relative to the Monday of its first week with demand, at full
    /// weight (its assignments, allocations and, for a proposed or approved project, its pipeline items), spread
    /// exactly as the forecast spreads them. Nil when it has no demand in the input's range.
    static func profile(of project: Project.ID, in input: CapacityInput,
                        bands: CapacityBands) throws -> (CalendarDate, [RoleWeekDemand])? {
        var full = input.pipelineWeights
        for key in full.weights.keys { full.weights[key] = 1 }
        let own = CapacityInput(first: input.first, last: input.last, resources: input.resources,
                                assignments: input.assignments.filter { $0.project == project },
                                allocations: input.allocations.filter { $0.project == project },
                                pipeline: input.pipeline.filter { $0.source == .project(project) }, pipelineWeights: full,
                                workingWeekdays: input.workingWeekdays)
        let table = try forecast(own).table(by: .role, per: .week, bands: bands)
        var weekly: [(role: String, monday: CalendarDate, minutes: Int64)] = []
        for (g, group) in table.groups.enumerated() where group.kind == .role {
            for (k, period) in table.periods.enumerated() {
                let minutes = table.cells[g][k].demandMinutes + table.cells[g][k].pipelineMinutes
                if minutes > 0 { weekly.append((group.key, mondayOnOrBefore(period.first), minutes)) }
            }
        }
        guard let start = weekly.map(\.monday).min() else { return nil }
        return (start, weekly.map { RoleWeekDemand(role: $0.role, weekOffset: ($0.monday.daysSinceEpoch - start.daysSinceEpoch) / 7,
                                                    minutes: $0.minutes) })
    }

    /// When could a project not started yet begin? Its own demand by role and week (``profile(of:in:bands:)``)
    /// against the capacity everything else leaves, from the Monday on or after today; the requested start is its
    /// planned one.
    public func whenCanWeStart(project id: Project.ID, _ caller: Caller) async throws -> ProjectStartView {
        let today = clock.now().date
        let earliest = Self.mondayOnOrAfter(today)
        let snapshot = try await snapshot(CapacityScope(first: earliest, last: earliest.adding(days: CapacityScope.maxDays - 1)), caller)
        guard let project = snapshot.projects[id] else {
            throw ServiceError(.notFound, "project \(id) is not open (closed or cancelled projects do not start), or does not exist")
        }
        guard let (planned, profile) = try Self.profile(of: id, in: snapshot.input, bands: snapshot.bands) else {
            throw ServiceError(.invalid, "project \(project.code) asks for no work from \(earliest) on: assign its activities or allocate roles first",
                               problems: [FieldProblem(field: "project", message: "no demand")])
        }
        var rest = snapshot.input
        rest.assignments.removeAll { $0.project == id }
        rest.allocations.removeAll { $0.project == id }
        rest.pipeline.removeAll { $0.source == .project(id) }
        let capacity = try Self.forecast(rest).roleWeeklyCapacity()
        let length = (profile.map(\.weekOffset).max() ?? 0) + 1
        let latest = min(Self.mondayOnOrBefore(Self.adding(months: Self.startHorizonMonths, to: earliest)),
                         Self.mondayOnOrBefore(snapshot.scope.last.adding(days: -7 * length + 1)))
        do {
            let answer = try capacity.earliestStart(EarliestStart.Request(
                profile: profile, earliest: earliest, requested: planned >= earliest ? planned : nil, latestStart: max(earliest, latest)))
            return ProjectStartView(project: project, profile: profile, planned: planned, earliest: earliest, answer: answer)
        } catch {
            throw ServiceError(.invalid, "the earliest start cannot be computed: \(error.message)")
        }
    }

    /// Turns a leveling proposal into a draft scenario of project shifts, to preview on the heatmap and commit.
    public func levelingScenario(_ scope: CapacityScope, maxShiftWeeks: Int? = nil, order: [String] = [],
                                 _ caller: Caller) async throws -> CapacityScenario {
        let view = try await leveling(scope, maxShiftWeeks: maxShiftWeeks, order: order, caller)
        let changes = view.leveling.moves.map {
            ScenarioChange(kind: .shiftProject, projectId: $0.project, days: $0.shiftWeeks * 7, note: $0.reason)
        }
        let now = clock.now()
        return try await Catalog(store: store, clock: clock).create(CapacityScenario(
            name: "Leveling \(now.date)", description: "Proposed by portfolio leveling: \(view.leveling.moves.count) moves. \(Self.levelingPriorityRule)",
            changes: changes, createdAt: now, updatedAt: now), caller)
    }
}

/// "When could it start?" for a project not started yet.
public struct ProjectStartView: Sendable {
    public var project: Project
    public var profile: [RoleWeekDemand]
    /// The Monday of its first week with demand, as planned.
    public var planned: CalendarDate
    public var earliest: CalendarDate
    public var answer: EarliestStart
}
