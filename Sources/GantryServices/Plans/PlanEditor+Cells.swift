import GantryModel
import GantryScheduling

extension PlanEditor {
    /// Applies typed cells to one activity inside the caller's transaction: the activity's own fields (one
    /// audited update, made even when only its links or resources change, so its version tells others it moved),
    /// then its predecessors and its resources. Every wrong cell is reported at once, by column.
    /// The same on the plan an edit starts from, with `activity` as read in this transaction and nothing written
    /// since, by a caller whose right to change it was checked already (the editor checks the project's schedule
    /// permission, which is the activity's; My work checks the caller's assignment).
    /// - Returns: the activity as saved.
    @discardableResult
    static func apply(_ cells: [String: String], to activity: Activity, plan: PlanState, by caller: Caller,
                      at now: Timestamp, in session: any StoreSession, messages: inout [String]) async throws -> Activity {
        try await apply(cells, to: activity, grid: plan.grid, network: plan.network, by: caller, at: now, in: session,
                        messages: &messages, permitted: true, current: true)
    }

    /// - Parameters:
    ///   - network: the plan's network as read in this transaction, when the caller has it: a date typed
    ///     without a time takes the activity's calendar from it instead of reading the plan.
    ///   - current: `activity` was read in this transaction and nothing wrote it since, so it is not read again.
    @discardableResult
    static func apply(_ cells: [String: String], to activity: Activity, grid: PlanGrid, network known: ProjectNetwork? = nil,
                      by caller: Caller, at now: Timestamp, in session: any StoreSession, messages: inout [String],
                      permitted: Bool = false, current: Bool = false) async throws -> Activity {
        // A date typed without a time needs the activity's calendar (where its day starts and ends); only then is
        // the network compiled.
        let dated: Set<String> = ["start", "finish", "constraint_date", "deadline", "actual_start", "actual_finish",
                                  "secondary_constraint_date", "expected_finish", "suspend_date", "resume_date",
                                  "external_early_start", "external_late_finish"]
        var calendar: CompiledCalendar? = nil
        if !dated.isDisjoint(with: cells.keys) {
            var network = known
            if network?.index[activity.id] == nil {
                network = try await Scheduling.network(activity.projectId, in: session, today: now.date)
            }
            if let network {
                calendar = network.input.calendars[network.index[activity.id].map { network.input.activities[$0].calendar } ?? 0]
            }
        }
        var parsed = ParsedCells(activity: activity, row: grid.row(activity.id))
        if cells["fixed_cost"] != nil && parsed.currency == nil {
            parsed.currency = try await session.get(Project.self, activity.projectId)?.currency
        }
        parsed.read(cells) { date in
            let times = calendar?.workingTimes(on: date) ?? []
            return (times.first?.start ?? 8 * 60, times.last?.end ?? 17 * 60)
        }
        let a = parsed.activity
        let row = parsed.row
        var problems = parsed.problems
        let predecessors = parsed.predecessors
        let resources = parsed.resources
        messages += parsed.messages
        // Resolve every name and row before writing anything, so all problems come back together.
        var links: [(Activity.ID, DependencyType, WorkDuration)] = []
        if let predecessors {
            let byCode = Dictionary(grid.rows.map { ($0.code, $0.activityId) }, uniquingKeysWith: { x, _ in x })
            let byLowerCode = Dictionary(grid.rows.map { ($0.code.lowercased(), $0.activityId) }, uniquingKeysWith: { x, _ in x })
            var seen: Set<Activity.ID> = []
            for p in predecessors {
                let id: Activity.ID
                switch p.reference {
                case .row(let n):
                    guard n <= grid.rows.count else {
                        problems.append(FieldProblem(field: "predecessors", message: "row \(n) does not exist: the plan has \(grid.rows.count) rows")); continue
                    }
                    id = grid.rows[n - 1].activityId
                case .code(let code):
                    guard let found = byCode[code] ?? byLowerCode[code.lowercased()] else {
                        problems.append(FieldProblem(field: "predecessors", message: "no activity in this plan has the code or row '\(code)'")); continue
                    }
                    id = found
                }
                if id == activity.id { problems.append(FieldProblem(field: "predecessors", message: "row \(row?.row ?? 0) cannot follow itself")); continue }
                guard seen.insert(id).inserted else {
                    problems.append(FieldProblem(field: "predecessors", message: "row \(grid.row(id)?.row ?? 0) is named twice; one link per pair of activities")); continue
                }
                links.append((id, p.type, p.lag))
            }
        }
        var staffing: [(Resource, Double)] = []
        if let resources {
            let pool = try await session.list(Resource.self, ListQuery())
            let byName = Dictionary(pool.map { ($0.name.lowercased(), $0) }, uniquingKeysWith: { x, _ in x })
            for r in resources {
                guard let found = byName[r.name.lowercased()] else {
                    problems.append(FieldProblem(field: "resources", message: "no resource named '\(r.name)' in the pool; add it on the Resources page or check the spelling"))
                    continue
                }
                staffing.append((found, r.units))
            }
            if !staffing.isEmpty && a.kind == .summary {
                problems.append(FieldProblem(field: "resources", message: "\(a.code) is a summary; assign people to its activities"))
            }
        }
        if !problems.isEmpty { throw ServiceError.invalid(problems) }

        let edited = a
        let saved = try await Catalog.apply({ r in
            r = edited
        }, to: current ? activity : try await fresh(activity, in: session), by: caller, at: now, in: session, permitted: permitted)

        if predecessors != nil {
            try await setPredecessors(links, of: activity, by: caller, at: now, in: session)
        }
        if resources != nil {
            let current = try await session.list(Assignment.self, ListQuery(filters: ["activity_id": .int(activity.id.rawValue)]))
            let wanted = Dictionary(staffing.map { ($0.0.id, $0.1) }, uniquingKeysWith: { x, _ in x })
            for x in current where wanted[x.resourceId] == nil {
                try await Catalog.remove(x, by: caller, at: now, in: session)
            }
            for (resource, units) in staffing {
                if let x = current.first(where: { $0.resourceId == resource.id }) {
                    if x.units != units { _ = try await Catalog.apply({ $0.units = units }, to: x, by: caller, at: now, in: session) }
                } else {
                    _ = try await Catalog.insert(Assignment(projectId: activity.projectId, activityId: activity.id,
                                                            resourceId: resource.id, units: units, createdAt: now, updatedAt: now),
                                                 by: caller, at: now, in: session)
                }
            }
        }
        return saved
    }

    /// Makes the links into `activity` exactly `links`: removes the others, changes type or lag in place, adds
    /// the new ones. A link that would close a cycle is refused naming the cycle.
    static func setPredecessors(_ links: [(Activity.ID, DependencyType, WorkDuration)], of activity: Activity,
                                by caller: Caller, at now: Timestamp, in session: any StoreSession) async throws {
        let current = try await session.list(Dependency.self, ListQuery(filters: ["successor_id": .int(activity.id.rawValue)]))
        let wanted = Set(links.map(\.0))
        do {
            for d in current where !wanted.contains(d.predecessorId) {
                try await Catalog.remove(d, by: caller, at: now, in: session)
            }
            for (from, type, lag) in links {
                if let d = current.first(where: { $0.predecessorId == from }) {
                    if d.type != type || d.lag != lag {
                        _ = try await Catalog.apply({ $0.type = type; $0.lag = lag }, to: d, by: caller, at: now, in: session)
                    }
                } else {
                    _ = try await Catalog.insert(Dependency(projectId: activity.projectId, predecessorId: from, successorId: activity.id,
                                                            type: type, lag: lag, createdAt: now, updatedAt: now),
                                                 by: caller, at: now, in: session)
                }
            }
        } catch let error as ServiceError where error.code == .dependencyCycle || error.code == .invalid || error.code == .conflict {
            throw ServiceError(error.code, error.message, problems: [FieldProblem(field: "predecessors", message: error.message)])
        }
    }

    /// `SNET`, `snet`, or the words MS Project shows (`Start No Earlier Than`).
    /// A constraint as typed, with whether it is P6's Start On or Finish On (`SO`, `FO`, "start on", "finish on"),
    /// which links may move, rather than a mandatory one.
    static func constraintWithSoftness(_ text: String) -> (SchedulingConstraint, Bool)? {
        let key = text.uppercased().filter { $0.isLetter }
        switch key {
        case "SO", "STARTON": return (.mustStartOn, true)
        case "FO", "FINISHON": return (.mustFinishOn, true)
        default: return constraint(text).map { ($0, false) }
        }
    }

    /// The kinds of activity the plan editor's type column names.
    enum ActivityType: String, CaseIterable {
        case task, startMilestone = "start_milestone", finishMilestone = "finish_milestone"
        case levelOfEffort = "level_of_effort", wbsSummary = "wbs_summary"

        var derived: DerivedDates? {
            switch self {
            case .levelOfEffort: .levelOfEffort
            case .wbsSummary: .wbsSummary
            default: nil
            }
        }
    }

    static func activityType(_ text: String) -> ActivityType? {
        let key = text.lowercased().filter { $0.isLetter }
        switch key {
        case "task", "": return .task
        case "milestone", "startmilestone": return .startMilestone
        case "finishmilestone": return .finishMilestone
        case "levelofeffort", "loe": return .levelOfEffort
        case "wbssummary", "wbs": return .wbsSummary
        default: return nil
        }
    }

    /// The type column's text for an activity.
    static func activityTypeText(_ a: Activity) -> String {
        if let d = a.derivedDates { return d.rawValue }
        if a.kind == .milestone { return a.finishMilestone ? "finish_milestone" : "start_milestone" }
        return a.kind == .summary ? "summary" : "task"
    }

    static func constraint(_ text: String) -> SchedulingConstraint? {
        let key = text.uppercased().filter { $0.isLetter }
        if let c = SchedulingConstraint(rawValue: key) { return c }
        let words: [String: SchedulingConstraint] = [
            "ASSOONASPOSSIBLE": .asap, "ASLATEASPOSSIBLE": .alap, "STARTNOEARLIERTHAN": .startNoEarlierThan,
            "STARTNOLATERTHAN": .startNoLaterThan, "FINISHNOEARLIERTHAN": .finishNoEarlierThan,
            "FINISHNOLATERTHAN": .finishNoLaterThan, "MUSTSTARTON": .mustStartOn, "MUSTFINISHON": .mustFinishOn,
        ]
        return words[key]
    }
}

/// Typed cells read onto an activity, before anything is written: the changed activity, the links and resources
/// as typed (resolved later against the plan and the pool), what to tell the user, and every cell's problem.
struct ParsedCells {
    var activity: Activity
    var row: PlanRow?
    var problems: [FieldProblem] = []
    var predecessors: [PlanNotation.Predecessor]? = nil
    var resources: [PlanNotation.ResourceUnits]? = nil
    var messages: [String] = []
    /// The project's currency, what a fixed cost is typed in.
    var currency: Currency?

    static let order = ["name", "code", "notes", "activity_type", "duration", "remaining", "constraint_type", "constraint_date",
                        "start", "finish", "deadline", "secondary_constraint_type", "secondary_constraint_date",
                        "expected_finish", "external_early_start", "external_late_finish", "actual_start", "percent_complete",
                        "actual_finish", "suspend_date", "resume_date", "physical_percent_complete", "fixed_cost",
                        "predecessors", "resources"]

    init(activity: Activity, row: PlanRow?) { self.activity = activity; self.row = row; currency = row?.currency }

    /// `bounds` gives the first working minute and the end of the last working interval of a day on the
    /// activity's calendar: where a date typed without a time starts or finishes.
    mutating func read(_ cells: [String: String], bounds: (CalendarDate) -> (start: Int, end: Int)) {
        for key in cells.keys.sorted() where !Self.order.contains(key) {
            problems.append(FieldProblem(field: key, message: "'\(key)' is not a column of the plan; the columns are \(PlanEditor.columns.joined(separator: ", "))"))
        }
        for field in Self.order {
            guard let text = cells[field] else { continue }
            do {
                try read(field, text, cells: cells, bounds: bounds)
            } catch {
                problems.append(FieldProblem(field: field, message: error.message))
            }
        }
    }

    mutating func fail(_ field: String, _ message: String) { problems.append(FieldProblem(field: field, message: message)) }

    static func at(_ parsed: (date: CalendarDate, minuteOfDay: Int?)?, default pick: (CalendarDate) -> Int) -> LocalDateTime? {
        guard let parsed else { return nil }
        return LocalDateTime(date: parsed.date, minuteOfDay: parsed.minuteOfDay ?? pick(parsed.date))
    }

    mutating func read(_ field: String, _ text: String, cells: [String: String],
                       bounds: (CalendarDate) -> (start: Int, end: Int)) throws(PlanNotation.Problem) {
        switch field {
        case "name":
            activity.name = text.trimmingSpaces()
        case "code":
            activity.code = text.trimmingSpaces()
        case "notes":
            activity.notes = text.isEmpty ? nil : text
        case "duration":
            if activity.kind == .summary {
                fail(field, "\(activity.code) is a summary: its duration is the span of its activities; change theirs")
                return
            }
            let d = try PlanNotation.duration(text)
            if d.value < 0 { fail(field, "a duration cannot be negative (\(text))"); return }
            activity.duration = d
            if d.value == 0 && activity.kind != .milestone {
                activity.kind = .milestone
                messages.append("\(activity.code) \(activity.name) is a milestone now (duration 0)")
            } else if d.value != 0 && activity.kind == .milestone {
                activity.kind = .leaf
            }
        case "remaining":
            let r = try PlanNotation.duration(text)
            let total = activity.duration.minutes(), left = r.minutes()
            if total <= 0 { fail(field, "\(activity.code) has no duration to have work remaining in"); return }
            if left < 0 || left > total { fail(field, "remaining \(text) must be between 0 and the duration \(activity.duration)"); return }
            activity.percentComplete = ((1 - left / total) * 1000).rounded() / 10
            started()
            if activity.percentComplete >= 100 && activity.actualFinish == nil { activity.actualFinish = row?.finish }
        case "activity_type":
            guard let t = PlanEditor.activityType(text) else {
                fail(field, "'\(text)' is not an activity type; use task, start milestone, finish milestone, level of effort or WBS summary")
                return
            }
            if activity.kind == .summary {
                fail(field, "\(activity.code) is a summary: its dates are its activities'; its type cannot change"); return
            }
            activity.derivedDates = t.derived
            switch t {
            case .startMilestone, .finishMilestone:
                activity.kind = .milestone
                activity.duration = WorkDuration(0, activity.duration.unit)
                activity.finishMilestone = t == .finishMilestone
            case .task, .levelOfEffort, .wbsSummary:
                if activity.kind == .milestone && cells["duration"] == nil && t == .task {
                    fail("duration", "a task needs a duration; type it in the duration column"); return
                }
                if t != .task { activity.kind = .leaf }
                activity.finishMilestone = false
            }
        case "secondary_constraint_type":
            let t = text.trimmingSpaces()
            if t.isEmpty { activity.secondaryConstraintType = nil; activity.secondaryConstraintDate = nil; return }
            guard let c = PlanEditor.constraint(t), [.startNoEarlierThan, .startNoLaterThan, .finishNoEarlierThan, .finishNoLaterThan].contains(c) else {
                fail(field, "'\(text)' is not a secondary constraint; use SNET, SNLT, FNET or FNLT (start or finish on or after, on or before)")
                return
            }
            activity.secondaryConstraintType = c
            if activity.secondaryConstraintDate == nil && cells["secondary_constraint_date"] == nil {
                fail("secondary_constraint_date", "a secondary \(c.rawValue) constraint needs a date; type it in the secondary constraint date column")
            }
        case "secondary_constraint_date":
            let isFinish = [.finishNoEarlierThan, .finishNoLaterThan].contains(activity.secondaryConstraintType)
            activity.secondaryConstraintDate = Self.at(try PlanNotation.dateTime(text)) { isFinish ? bounds($0).end : bounds($0).start }
            if activity.secondaryConstraintDate == nil { activity.secondaryConstraintType = nil }
            else if activity.secondaryConstraintType == nil {
                fail("secondary_constraint_type", "a secondary constraint date needs its type (SNET, SNLT, FNET or FNLT)")
            }
        case "expected_finish":
            activity.expectedFinish = Self.at(try PlanNotation.dateTime(text)) { bounds($0).end }
        case "external_early_start":
            activity.externalEarlyStart = Self.at(try PlanNotation.dateTime(text)) { bounds($0).start }
        case "external_late_finish":
            activity.externalLateFinish = Self.at(try PlanNotation.dateTime(text)) { bounds($0).end }
        case "suspend_date":
            activity.suspendDate = Self.at(try PlanNotation.dateTime(text)) { bounds($0).end }
            if activity.suspendDate != nil && activity.actualStart == nil {
                fail(field, "only work that has started can be suspended; give \(activity.code) an actual start first")
            }
            if activity.suspendDate == nil { activity.resumeDate = nil }
        case "resume_date":
            activity.resumeDate = Self.at(try PlanNotation.dateTime(text)) { bounds($0).start }
            if let r = activity.resumeDate {
                if let s = activity.suspendDate, r <= s {
                    fail(field, "work resumes after it is suspended: \(r) is not after the suspend date \(s)")
                } else if activity.suspendDate == nil {
                    fail("suspend_date", "a resume date needs the date the work was suspended")
                }
            }
        case "constraint_type":
            let t = text.trimmingSpaces()
            if t.isEmpty { activity.constraintType = .asap; activity.constraintDate = nil; activity.softConstraint = false; return }
            guard let (c, soft) = PlanEditor.constraintWithSoftness(t) else {
                fail(field, "'\(text)' is not a constraint; use ASAP, ALAP, SNET, SNLT, FNET, FNLT, MSO, MFO, or P6's SO and FO (start on, finish on)"); return
            }
            activity.constraintType = c
            activity.softConstraint = soft
            if !c.isDated {
                activity.constraintDate = nil
            } else if activity.constraintDate == nil && cells["constraint_date"] == nil {
                fail("constraint_date", "a \(c.rawValue) constraint needs a date; type it in the constraint date column")
            }
        case "constraint_date":
            let isFinish = [.finishNoEarlierThan, .finishNoLaterThan, .mustFinishOn].contains(activity.constraintType)
            activity.constraintDate = Self.at(try PlanNotation.dateTime(text)) { isFinish ? bounds($0).end : bounds($0).start }
        case "start":
            guard let at = Self.at(try PlanNotation.dateTime(text), default: { bounds($0).start }) else {
                if activity.constraintType == .startNoEarlierThan { activity.constraintType = .asap; activity.constraintDate = nil }
                return
            }
            activity.constraintType = .startNoEarlierThan
            activity.constraintDate = at
            messages.append("typing a start set a start-no-earlier-than constraint on \(at): \(activity.code) will not start before it")
        case "finish":
            guard let at = Self.at(try PlanNotation.dateTime(text), default: { bounds($0).end }) else {
                if activity.constraintType == .finishNoEarlierThan { activity.constraintType = .asap; activity.constraintDate = nil }
                return
            }
            activity.constraintType = .finishNoEarlierThan
            activity.constraintDate = at
            messages.append("typing a finish set a finish-no-earlier-than constraint on \(at): \(activity.code) will not finish before it")
        case "deadline":
            activity.deadline = Self.at(try PlanNotation.dateTime(text)) { bounds($0).end }
        case "actual_start":
            activity.actualStart = Self.at(try PlanNotation.dateTime(text)) { bounds($0).start }
            if activity.actualStart == nil { activity.actualFinish = nil; activity.percentComplete = 0 }
        case "actual_finish":
            activity.actualFinish = Self.at(try PlanNotation.dateTime(text)) { bounds($0).end }
            if activity.actualFinish != nil {
                activity.percentComplete = 100
                if activity.actualStart == nil { activity.actualStart = row?.start }
            }
        case "percent_complete":
            let p = try PlanNotation.percent(text)
            activity.percentComplete = p
            started()
            if p >= 100 && activity.actualFinish == nil { activity.actualFinish = row?.finish }
            if p < 100 { activity.actualFinish = nil }
        case "physical_percent_complete":
            // Empty: not measured, and earned value goes back to % complete.
            activity.physicalPercentComplete = text.trimmingSpaces().isEmpty ? nil
                : try PlanNotation.percent(text, of: "physical % complete")
        case "fixed_cost":
            let t = text.trimmingSpaces()
            guard let currency else { fail(field, "fixed cost: the project's currency could not be read; reload the plan"); return }
            let amount: Money
            do { amount = t.isEmpty ? .zero(currency) : try Money(parsing: t, currency: currency) } catch {
                fail(field, "fixed cost: \(error.message)"); return
            }
            if amount.minorUnits < 0 { fail(field, "fixed cost cannot be negative (\(t))"); return }
            if activity.kind == .summary && !amount.isZero {
                fail(field, "fixed cost: \(activity.code) is a summary; its cost is the sum of its activities', so give the fixed cost to one of them")
                return
            }
            activity.fixedCostMinor = amount.minorUnits
        case "predecessors":
            predecessors = try PlanNotation.predecessors(text)
        case "resources":
            resources = try PlanNotation.resources(text)
        default:
            break
        }
    }

    /// Progress above 0 on an activity not yet started starts it at its scheduled start, as MS Project does.
    mutating func started() {
        if activity.percentComplete > 0 && activity.actualStart == nil, let s = row?.start {
            activity.actualStart = s
            messages.append("\(activity.code) started: its actual start is its scheduled start \(s)")
        }
    }
}
