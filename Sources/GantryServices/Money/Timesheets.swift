public import GantryModel
public import GantryGovernance
import GantryScheduling

/// Time and expenses, from the person's week to the project's actual cost (issue #15):
/// - a person fills in their week (hours per day against their assigned activities, or leave, training, admin),
///   optionally pre-filled from the plan, and submits it, which locks it;
/// - the project's manager (or its portfolio's owner, or the PMO; never the person) approves or rejects each
///   project's lines, a rejection with its reason, which reopens the line;
/// - an approved line is priced at approval, each day at the rate in force that day, in the project's currency,
///   and becomes actual work and actual cost; non-project time is approved when submitted;
/// - expenses are approved and rejected the same way;
/// - nothing dated in a month the PMO closed changes.
/// Every step is one transaction with its audit lines; a refusal changes nothing.
public struct Timesheets: Sendable {
    let store: any Store
    let clock: any Clock

    public init(store: any Store, clock: any Clock) { self.store = store; self.clock = clock }

    /// A row of the week as a person enters it.
    public struct Row: Sendable, Hashable {
        public var lineId: TimesheetLine.ID?
        public var projectId: Project.ID?
        public var activityId: Activity.ID?
        public var category: TimeCategory?
        public var minutes: [Int]

        public init(lineId: TimesheetLine.ID? = nil, projectId: Project.ID? = nil, activityId: Activity.ID? = nil,
                    category: TimeCategory? = nil, minutes: [Int]) {
            self.lineId = lineId; self.projectId = projectId; self.activityId = activityId; self.category = category
            self.minutes = minutes
        }
    }

    /// An activity the person may book time to in a week: one they are assigned to that is not finished before it.
    public struct Bookable: Sendable, Hashable {
        public var project: Project
        public var activity: Activity
        /// Minutes a day the plan expects of them (units × the day's working minutes), Monday to Sunday.
        public var planned: [Int]
    }

    /// A person's week: their timesheet (nil before anything was saved), its lines, and what they may book to.
    public struct Week: Sendable {
        public var resource: Resource
        public var weekStart: CalendarDate
        public var timesheet: Timesheet?
        public var lines: [TimesheetLine]
        public var bookable: [Bookable]
        public var projects: [Project.ID: Project]
        public var activities: [Activity.ID: Activity]
        /// Months of the week the PMO closed.
        public var closed: [CalendarMonth]
        public var mayEdit: Bool

        public var days: [CalendarDate] { (0..<7).map { weekStart.adding(days: $0) } }
        public var totals: [Int] { (0..<7).map { d in lines.reduce(0) { $0 + ($1.minutes.count == 7 ? $1.minutes[d] : 0) } } }
        public var hasOpenLines: Bool { lines.contains { $0.state.isOpen && $0.totalMinutes > 0 } }
    }

    /// The Monday of the week `day` falls in.
    public static func monday(of day: CalendarDate) -> CalendarDate {
        day.adding(days: 1 - day.weekday.isoNumber)
    }

    /// The resource a user books time as (the person resource whose `user_id` is theirs).
    public func resource(of user: User.ID) async throws -> Resource? {
        try await store.read { s in
            try await s.list(Resource.self, ListQuery(filters: ["user_id": .int(user.rawValue)])).first { $0.kind == .person }
        }
    }

    public func week(of resourceId: Resource.ID, starting day: CalendarDate, _ caller: Caller) async throws -> Week {
        let weekStart = Self.monday(of: day)
        return try await store.read { s in
            guard let resource = try await s.get(Resource.self, resourceId) else { throw ServiceError.notFound(Resource.self, resourceId) }
            try caller.require(.view, .timesheet(personId: resource.userId))
            let sheet = try await s.list(Timesheet.self, ListQuery(filters: [
                "resource_id": .int(resourceId.rawValue), "week_start": .text(weekStart.description)])).first
            let lines = try await sheet.asyncMap { try await s.list(TimesheetLine.self, ListQuery(filters: ["timesheet_id": .int($0.id.rawValue)])) } ?? []
            let bookable = try await Self.bookable(resource, weekStart: weekStart, in: s)
            var projects: [Project.ID: Project] = [:], activities: [Activity.ID: Activity] = [:]
            for b in bookable { projects[b.project.id] = b.project; activities[b.activity.id] = b.activity }
            for line in lines {
                if let p = line.projectId, projects[p] == nil { projects[p] = try await s.get(Project.self, p) }
                if let a = line.activityId, activities[a] == nil { activities[a] = try await s.get(Activity.self, a) }
            }
            var closed: [CalendarMonth] = []
            for month in Set((0..<7).map { CalendarMonth(weekStart.adding(days: $0)) }).sorted()
            where try await s.count(ClosedPeriod.self, ["month": .text(month.description)]) > 0 {
                closed.append(month)
            }
            let mayEdit = (try? caller.require(.update, .timesheet(personId: resource.userId))) != nil
            return Week(resource: resource, weekStart: weekStart, timesheet: sheet, lines: lines, bookable: bookable,
                        projects: projects, activities: activities, closed: closed, mayEdit: mayEdit)
        }
    }

    /// The activities assigned to the person that are not finished before the week starts nor start after it ends,
    /// with the minutes the plan expects of the person each day: the activity's working minutes that day (its
    /// calendar, else its project's, else the standard one) × the assignment's units, but no more than the person
    /// has that day (their own calendar, less their absences: none on a day of leave, hours less on a part day).
    static func bookable(_ resource: Resource, weekStart: CalendarDate, in s: any StoreSession) async throws -> [Bookable] {
        let assignments = try await s.list(Assignment.self, ListQuery(filters: ["resource_id": .int(resource.id.rawValue)]))
        let weekEnd = weekStart.adding(days: 6)
        var out: [Bookable] = []
        var projects: [Project.ID: Project?] = [:]
        var calendars: [WorkCalendar.ID?: [Int64]] = [:]
        func minutes(_ id: WorkCalendar.ID?) async throws -> [Int64] {
            if let known = calendars[id] { return known }
            let compiled: CompiledCalendar
            let stored = try await id.asyncMap { try await s.get(WorkCalendar.self, $0) } ?? nil
            do {
                compiled = try CompiledCalendar.stored(stored, from: weekStart, through: weekEnd)
            } catch {
                throw ServiceError(.invalid, "calendar \(id.map { "\($0)" } ?? "standard") cannot be used: \(error)")
            }
            let week = (0..<7).map { compiled.workingMinutes(on: weekStart.adding(days: $0)) }
            calendars[id] = week
            return week
        }
        // The person's own working minutes each day (nil: they work the activity's calendar), and the minutes they
        // are away, at most the whole day (all of it on leave, the hours of a part day).
        let own: [Int64]? = resource.calendarId == nil ? nil : try await minutes(resource.calendarId)
        let day = Int64(24 * 60)
        var away = [Int64](repeating: 0, count: 7)
        for a in try await s.list(Absence.self, ListQuery(filters: ["resource_id": .int(resource.id.rawValue)])) {
            let hours = a.hoursPerDay.map { $0.isFinite ? min(max($0, 0), 24) : 24 } ?? 24
            for d in 0..<7 where a.firstDay <= weekStart.adding(days: d) && weekStart.adding(days: d) <= a.lastDay {
                away[d] = min(away[d] + Int64(hours * 60), day)
            }
        }
        for a in assignments {
            guard let activity = try await s.get(Activity.self, a.activityId), activity.kind != .summary else { continue }
            if let start = activity.plannedStart, start > weekEnd { continue }
            // Work finished before the week is not booked to.
            let done = activity.actualFinish != nil || activity.percentComplete >= 100
            if done, let finish = activity.plannedFinish, finish < weekStart { continue }
            if let finish = activity.plannedFinish, finish < weekStart.adding(days: -28) { continue }
            if projects[a.projectId] == nil { projects[a.projectId] = try await s.get(Project.self, a.projectId) }
            guard let project = projects[a.projectId] ?? nil, ![.closed, .cancelled].contains(project.state) else { continue }
            let working = try await minutes(activity.calendarId ?? project.calendarId)
            let planned = (0..<7).map { d -> Int in
                let day = weekStart.adding(days: d)
                guard activity.kind != .milestone, let s = activity.plannedStart, let f = activity.plannedFinish, s <= day, day <= f
                else { return 0 }
                let available = max(0, (own?[d] ?? working[d]) - away[d])
                return Int(min(Double(working[d]) * a.units / 100, Double(available)).rounded())
            }
            out.append(Bookable(project: project, activity: activity, planned: planned))
        }
        return out.sorted { ($0.project.code, $0.activity.code) < ($1.project.code, $1.activity.code) }
    }

    /// Saves the week's open lines as given: rows with a line id change that line, rows without one add a line,
    /// open lines not given are removed (their hours taken back). Submitted and approved lines are left as they are;
    /// a row that tries to change one is refused. Rows with no minutes and no line are skipped.
    @discardableResult
    public func save(_ resourceId: Resource.ID, week day: CalendarDate, rows: [Row], _ caller: Caller) async throws -> Timesheet {
        let weekStart = Self.monday(of: day)
        let now = clock.now()
        return try await store.write { s in
            guard let resource = try await s.get(Resource.self, resourceId) else { throw ServiceError.notFound(Resource.self, resourceId) }
            let sheet = try await Self.sheet(resource, weekStart: weekStart, create: true, by: caller, at: now, in: s)!
            let existing = try await s.list(TimesheetLine.self, ListQuery(filters: ["timesheet_id": .int(sheet.id.rawValue)]))
            let byId = Dictionary(uniqueKeysWithValues: existing.map { ($0.id, $0) })
            var kept: Set<TimesheetLine.ID> = []
            for (i, row) in rows.enumerated() {
                if let id = row.lineId {
                    guard let line = byId[id] else {
                        throw ServiceError(.invalid, "row \(i + 1): timesheet line \(id) is not in this week",
                                           problems: [FieldProblem(field: "rows[\(i)].line_id", message: "not in this week")])
                    }
                    kept.insert(id)
                    if !line.state.isOpen {
                        if line.minutes != row.minutes || line.activityId != row.activityId || line.category != row.category {
                            throw ServiceError(.conflict, "row \(i + 1): the line is \(line.state.rawValue) and locked; ask the project's manager to reject it to change it")
                        }
                        continue
                    }
                    if line.minutes == row.minutes && line.activityId == row.activityId && line.projectId == row.projectId
                        && line.category == row.category { continue }
                    var next = line
                    next.projectId = row.projectId; next.activityId = row.activityId; next.category = row.category
                    next.minutes = row.minutes
                    next.updatedAt = now
                    try await TimesheetLine.prepare(&next, existing: line, by: caller, in: s)
                    try await TimesheetLine.validate(next, existing: line, in: s)
                    guard let saved = try await s.update(next, expectedVersion: line.version) else {
                        throw ServiceError(.versionMismatch, "timesheet line \(id) changed meanwhile; reload the week")
                    }
                    try await Audit.record(.update, saved, before: line, after: saved, by: caller, at: now, in: s)
                } else {
                    if row.minutes.allSatisfy({ $0 == 0 }) { continue }
                    let draft = TimesheetLine(timesheetId: sheet.id, resourceId: resource.id, weekStart: weekStart,
                                              projectId: row.projectId, activityId: row.activityId, category: row.category,
                                              minutes: row.minutes, createdAt: now, updatedAt: now)
                    do { _ = try await Catalog.insert(draft, by: caller, at: now, in: s) } catch let e as ServiceError {
                        throw ServiceError(e.code, "row \(i + 1): \(e.message)", problems: e.problems.map {
                            FieldProblem(field: "rows[\(i)].\($0.field)", message: $0.message) })
                    }
                }
            }
            for line in existing where line.state.isOpen && !kept.contains(line.id) {
                try await TimesheetLine.authorize(delete: line, by: caller, in: s)
                _ = try await s.delete(TimesheetLine.self, line.id)
                try await Audit.record(.delete, line, before: line, after: nil, by: caller, at: now, in: s)
            }
            return sheet
        }
    }

    /// The person's timesheet for the week, made when `create` (checking they may change it).
    static func sheet(_ resource: Resource, weekStart: CalendarDate, create: Bool, by caller: Caller, at now: Timestamp,
                      in s: any StoreSession) async throws -> Timesheet? {
        try caller.require(.update, .timesheet(personId: resource.userId))
        if let sheet = try await s.list(Timesheet.self, ListQuery(filters: [
            "resource_id": .int(resource.id.rawValue), "week_start": .text(weekStart.description)])).first { return sheet }
        guard create else { return nil }
        return try await Catalog.insert(Timesheet(resourceId: resource.id, weekStart: weekStart, createdAt: now, updatedAt: now),
                                        by: caller, at: now, in: s)
    }

    /// Adds a draft line for each assigned activity of the week that has none yet, with the plan's hours.
    public func prefill(_ resourceId: Resource.ID, week day: CalendarDate, _ caller: Caller) async throws -> Int {
        let current = try await week(of: resourceId, starting: day, caller)
        let have = Set(current.lines.compactMap(\.activityId))
        var rows = current.lines.map { Row(lineId: $0.id, projectId: $0.projectId, activityId: $0.activityId, category: $0.category, minutes: $0.minutes) }
        var added = 0
        for b in current.bookable where !have.contains(b.activity.id) && b.planned.contains(where: { $0 > 0 }) {
            rows.append(Row(projectId: b.project.id, activityId: b.activity.id, minutes: b.planned))
            added += 1
        }
        if added > 0 { try await save(resourceId, week: day, rows: rows, caller) }
        return added
    }

    /// Submits the week's open lines with hours: project lines wait for their project's manager, non-project time
    /// is approved at once. Refused when there is nothing to submit.
    @discardableResult
    public func submit(_ resourceId: Resource.ID, week day: CalendarDate, _ caller: Caller) async throws -> Int {
        let weekStart = Self.monday(of: day)
        let now = clock.now()
        return try await store.write { s in
            guard let resource = try await s.get(Resource.self, resourceId) else { throw ServiceError.notFound(Resource.self, resourceId) }
            guard var sheet = try await Self.sheet(resource, weekStart: weekStart, create: false, by: caller, at: now, in: s) else {
                throw ServiceError(.conflict, "there is nothing to submit for the week of \(weekStart): no hours were entered")
            }
            let lines = try await s.list(TimesheetLine.self, ListQuery(filters: ["timesheet_id": .int(sheet.id.rawValue)]))
            let open = lines.filter { $0.state.isOpen && $0.totalMinutes > 0 }
            guard !open.isEmpty else {
                throw ServiceError(.conflict, "there is nothing to submit for the week of \(weekStart): every line with hours is already submitted")
            }
            try await requireOpenPeriods(open.flatMap { $0.minutesByDay.keys }, what: "timesheets", in: s)
            for line in open {
                var next = line
                next.state = line.category != nil ? .approved : .submitted
                next.reason = ""
                if line.category != nil { next.decidedAt = now; next.decidedBy = caller.userId }
                next.updatedAt = now
                guard let saved = try await s.update(next, expectedVersion: line.version) else {
                    throw ServiceError(.versionMismatch, "timesheet line \(line.id) changed meanwhile; reload the week")
                }
                try await Audit.record(.submit, saved, before: line, after: saved, by: caller, at: now, in: s)
            }
            let before = sheet
            sheet.submittedAt = now
            sheet.updatedAt = now
            guard let saved = try await s.update(sheet, expectedVersion: before.version) else {
                throw ServiceError(.versionMismatch, "timesheet \(sheet.id) changed meanwhile; reload the week")
            }
            try await Audit.record(.submit, saved, before: before, after: saved, by: caller, at: now, in: s)
            return open.count
        }
    }

    /// One approval decision: approve, or reject with a reason.
    public enum Decision: Sendable, Hashable {
        case approve
        case reject(reason: String)
    }

    /// Decides submitted timesheet lines and expenses, all in one transaction: every one must be submitted and
    /// the caller must be allowed to approve each; a rejection needs its reason. Approving a line prices it.
    public func decide(lines lineIds: [TimesheetLine.ID], expenses expenseIds: [Expense.ID] = [], _ decision: Decision,
                       _ caller: Caller) async throws {
        if case .reject(let reason) = decision, reason.trimmingCharacters(in: " \t\n").isEmpty {
            throw ServiceError(.invalid, "a rejection needs its reason", problems: [FieldProblem(field: "reason", message: "give the reason for the rejection")])
        }
        let now = clock.now()
        try await store.write { s in
            let book = try await RateBook.load(in: s)
            let standsInFor = try await delegators(of: caller.userId, on: now.date, in: s)
            var projects: [Project.ID: (Project, Portfolio?)] = [:]
            func project(_ id: Project.ID) async throws -> (Project, Portfolio?) {
                if let p = projects[id] { return p }
                guard let p = try await s.get(Project.self, id) else { throw ServiceError.notFound(Project.self, id) }
                let entry = (p, try await s.get(Portfolio.self, p.portfolioId))
                projects[id] = entry
                return entry
            }
            func authorize(_ projectId: Project.ID, bookedBy: User.ID?) async throws {
                guard case .user(let actor) = caller else { return }
                let (p, portfolio) = try await project(projectId)
                if case .refused(let why) = CostApproval.decide(actor, portfolioOwnerId: portfolio?.ownerId, managerId: p.managerId,
                                                                bookedBy: bookedBy, standsInFor: standsInFor) {
                    throw ServiceError(.forbidden, "Not allowed: \(why) (project \(p.code)).")
                }
            }
            var people: [Resource.ID: Resource] = [:]
            for id in lineIds {
                guard let line = try await s.get(TimesheetLine.self, id) else { throw ServiceError.notFound(TimesheetLine.self, id) }
                guard line.state == .submitted, let projectId = line.projectId else {
                    throw ServiceError(.conflict, "timesheet line \(id) is \(line.state.rawValue); only submitted lines are approved or rejected")
                }
                if people[line.resourceId] == nil { people[line.resourceId] = try await s.get(Resource.self, line.resourceId) }
                guard let person = people[line.resourceId] else { throw ServiceError.notFound(Resource.self, line.resourceId) }
                try await authorize(projectId, bookedBy: person.userId)
                try await requireOpenPeriods(line.minutesByDay.keys, what: "timesheets", in: s)
                var next = line
                next.decidedBy = caller.userId; next.decidedAt = now; next.updatedAt = now
                switch decision {
                case .approve:
                    let currency = try await project(projectId).0.currency
                    let cost = try book.cost(of: line.minutesByDay, by: person, in: currency)
                    let days = try book.costByDay(of: line.minutesByDay, by: person, in: currency)
                    next.state = .approved; next.reason = ""; next.costMinor = cost.minorUnits; next.currency = currency
                    next.costByDayMinor = (0..<7).map { days[line.weekStart.adding(days: $0)] ?? 0 }
                case .reject(let reason):
                    next.state = .rejected; next.reason = reason; next.costMinor = nil; next.costByDayMinor = nil; next.currency = nil
                }
                guard let saved = try await s.update(next, expectedVersion: line.version) else {
                    throw ServiceError(.versionMismatch, "timesheet line \(id) changed meanwhile; reload")
                }
                try await Audit.record(decision == .approve ? .approve : .reject, saved, before: line, after: saved, by: caller, at: now, in: s)
            }
            for id in expenseIds {
                guard let expense = try await s.get(Expense.self, id) else { throw ServiceError.notFound(Expense.self, id) }
                guard expense.state == .submitted else {
                    throw ServiceError(.conflict, "expense \(id) is \(expense.state.rawValue); only submitted expenses are approved or rejected")
                }
                try await authorize(expense.projectId, bookedBy: expense.submittedBy)
                try await requireOpenPeriods([expense.spentOn], what: "expenses", in: s)
                var next = expense
                next.decidedBy = caller.userId; next.decidedAt = now; next.updatedAt = now
                switch decision {
                case .approve: next.state = .approved; next.reason = ""
                case .reject(let reason): next.state = .rejected; next.reason = reason
                }
                guard let saved = try await s.update(next, expectedVersion: expense.version) else {
                    throw ServiceError(.versionMismatch, "expense \(id) changed meanwhile; reload")
                }
                try await Audit.record(decision == .approve ? .approve : .reject, saved, before: expense, after: saved, by: caller, at: now, in: s)
            }
        }
    }

    /// What waits for the caller's decision: submitted lines and expenses of the projects they may approve.
    public struct Pending: Sendable {
        public var lines: [TimesheetLine]
        public var expenses: [Expense]
        public var projects: [Project.ID: Project]
        public var activities: [Activity.ID: Activity]
        public var people: [Resource.ID: Resource]
        public var users: [User.ID: User]
    }

    public func pending(_ caller: Caller, projectId: Project.ID? = nil) async throws -> Pending {
        let today = clock.now().date
        return try await store.read { s in
            let standsInFor = try await delegators(of: caller.userId, on: today, in: s)
            var filter: [String: FilterValue] = ["state": .text(ApprovalState.submitted.rawValue)]
            if let projectId { filter["project_id"] = .int(projectId.rawValue) }
            let lines = try await s.list(TimesheetLine.self, ListQuery(filters: filter)).filter { $0.projectId != nil }
            let expenses = try await s.list(Expense.self, ListQuery(filters: filter))
            var projects: [Project.ID: Project] = [:], portfolios: [Portfolio.ID: Portfolio] = [:]
            var people: [Resource.ID: Resource] = [:], activities: [Activity.ID: Activity] = [:], users: [User.ID: User] = [:]
            for id in Set(lines.compactMap(\.projectId) + expenses.map(\.projectId)) {
                guard let p = try await s.get(Project.self, id) else { continue }
                projects[id] = p
                if portfolios[p.portfolioId] == nil { portfolios[p.portfolioId] = try await s.get(Portfolio.self, p.portfolioId) }
            }
            for id in Set(lines.map(\.resourceId)) { people[id] = try await s.get(Resource.self, id) }
            for id in Set(lines.compactMap(\.activityId) + expenses.compactMap(\.activityId)) { activities[id] = try await s.get(Activity.self, id) }
            for id in Set(expenses.compactMap(\.submittedBy)) { users[id] = try await s.get(User.self, id) }
            func mayDecide(_ projectId: Project.ID, _ bookedBy: User.ID?) -> Bool {
                guard case .user(let actor) = caller else { return true }
                guard let p = projects[projectId] else { return false }
                return CostApproval.decide(actor, portfolioOwnerId: portfolios[p.portfolioId]?.ownerId, managerId: p.managerId,
                                           bookedBy: bookedBy, standsInFor: standsInFor).isAllowed
            }
            return Pending(
                lines: lines.filter { mayDecide($0.projectId!, people[$0.resourceId]?.userId) },
                expenses: expenses.filter { mayDecide($0.projectId, $0.submittedBy) },
                projects: projects, activities: activities, people: people, users: users)
        }
    }
}

extension Timesheets {
    /// An activity whose approved hours say more about its progress than its % complete does: its planned work
    /// (its assignments' units × its duration), the approved actual work, the remaining work that leaves, and the
    /// % complete that proposes (actual / (actual + remaining)), for its project's manager to confirm.
    public struct ProgressProposal: Sendable, Hashable {
        public var project: Project
        public var activity: Activity
        public var plannedMinutes: Int64
        public var actualMinutes: Int64
        public var remainingMinutes: Int64
        public var proposedPercent: Double
    }

    /// Proposals for the activities of the projects whose schedules the caller may change, that have approved time
    /// and are not finished, where the proposed % differs from the recorded one by a point or more.
    public func progressProposals(_ caller: Caller, projectId: Project.ID? = nil) async throws -> [ProgressProposal] {
        try await store.read { s in
            var filter: [String: FilterValue] = ["state": .text(ApprovalState.approved.rawValue)]
            if let projectId { filter["project_id"] = .int(projectId.rawValue) }
            let lines = try await s.list(TimesheetLine.self, ListQuery(filters: filter)).filter { $0.activityId != nil }
            var actual: [Activity.ID: Int64] = [:]
            for l in lines { actual[l.activityId!, default: 0] += Int64(l.totalMinutes) }
            var out: [ProgressProposal] = []
            var projects: [Project.ID: Project?] = [:]
            for (id, done) in actual.sorted(by: { $0.key < $1.key }) {
                guard let a = try await s.get(Activity.self, id), a.actualFinish == nil, a.percentComplete < 100 else { continue }
                if projects[a.projectId] == nil { projects[a.projectId] = try await s.get(Project.self, a.projectId) }
                guard let project = projects[a.projectId] ?? nil else { continue }
                guard (try? caller.require(.update, try await scheduleSubject(project, in: s))) != nil else { continue }
                let assignments = try await s.list(Assignment.self, ListQuery(filters: ["activity_id": .int(id.rawValue)]))
                let planned = Int64(assignments.reduce(0.0) { $0 + a.duration.minutes() * $1.units / 100 }.rounded())
                guard planned > 0 else { continue }
                let remaining = max(0, planned - done)
                let percent = (Double(done) / Double(done + remaining) * 1000).rounded() / 10
                guard abs(percent - a.percentComplete) >= 1 else { continue }
                out.append(ProgressProposal(project: project, activity: a, plannedMinutes: planned, actualMinutes: done,
                                            remainingMinutes: remaining, proposedPercent: percent))
            }
            return out
        }
    }
}

extension Weekday {
    /// Monday 1 … Sunday 7.
    var isoNumber: Int { (Weekday.allCases.firstIndex(of: self) ?? 0) + 1 }
}
