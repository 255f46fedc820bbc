import GantryModel
import GantryGovernance
import GantryScheduling
import GantryAnalytics

/// The demo's actual work and cost, and its progress over time: see `DemoMoney`.
extension DemoMoney {
    /// The reason the demo's one rejected timesheet line gives.
    static let rejection = "Booked to the wrong activity: these hours were the interface design, not the build. Move them and submit again."

    /// Thirteen weeks of timesheets up to last week: each person books their assigned activities on the days the
    /// plan has them working (hours × the project's effort, to the quarter hour, at most twelve hours a day), the
    /// PMO enters them for everyone but Tom Team, who enters his own. Everything is submitted; each project's
    /// manager approves the lines (on every third active project all but last week's) and rejects one of Tom's.
    /// One person's week is missing, and Tom's current week is a draft filled in from the plan. Answers how many
    /// timesheets there are.
    func timesheets(_ plans: [Plan], users: [String: User], today: CalendarDate) async throws -> Int {
        guard let alex = users["alex.analyst"], let tom = users["tom.team"] else { return 0 }
        let sheets = Timesheets(store: store, clock: clock)
        let monday = Timesheets.monday(of: today)
        let first = monday.adding(days: -7 * Self.weeks)
        let (people, working) = try await store.read { s in
            let people = try await s.list(Resource.self, ListQuery()).filter { $0.kind == .person }
            let calendar = try await s.list(WorkCalendar.self, ListQuery()).first
            return (Dictionary(uniqueKeysWithValues: people.map { ($0.id, $0) }),
                    WorkingDays(calendar: calendar ?? WorkCalendar(name: "", createdAt: clock.now(), updatedAt: clock.now())))
        }
        // Minutes by person, day and (project, activity).
        struct Key: Hashable { var project: Project.ID; var activity: Activity.ID }
        var minutes: [Resource.ID: [CalendarDate: [Key: Int]]] = [:]
        for plan in plans where plan.started(by: first.adding(days: 7 * Self.weeks)) {
            for a in plan.activities where a.kind == .leaf {
                guard let start = a.plannedStart, let finish = a.plannedFinish else { continue }
                for asg in plan.assignments[a.id] ?? [] where people[asg.resourceId] != nil {
                    var day = max(start, first)
                    while day <= finish && day < monday {
                        if working.isWorking(day), plan.holdDate.map({ day < $0 }) ?? true {
                            let m = Int((480 * asg.units / 100 * plan.profile.effort / 15).rounded()) * 15
                            minutes[asg.resourceId, default: [:]][day, default: [:]][Key(project: plan.project.id, activity: a.id), default: 0] += m
                        }
                        day = day.adding(days: 1)
                    }
                }
            }
        }
        // At most twelve hours a day: a day planned fuller is booked in proportion.
        for (person, days) in minutes {
            for (day, lines) in days {
                let total = lines.values.reduce(0, +)
                guard total > 720 else { continue }
                minutes[person]![day] = lines.mapValues { Int((Double($0) * 720 / Double(total) / 15).rounded(.down)) * 15 }
            }
        }
        let pmo = Caller.user(alex)
        let missing = minutes.keys.filter { $0 != people.values.first { $0.userId == tom.id }?.id }
            .min { $0.rawValue < $1.rawValue }  // the first person misses a week in the middle
        var count = 0
        for person in minutes.keys.sorted(by: { $0.rawValue < $1.rawValue }) {
            let caller = people[person]?.userId == tom.id ? Caller.user(tom) : pmo
            for w in 0..<Self.weeks {
                let week = first.adding(days: 7 * w)
                if person == missing && w == Self.weeks - 5 { continue }
                var rows: [Key: [Int]] = [:]
                for d in 0..<7 {
                    for (key, m) in minutes[person]?[week.adding(days: d)] ?? [:] where m > 0 {
                        rows[key, default: Array(repeating: 0, count: 7)][d] += m
                    }
                }
                guard !rows.isEmpty else { continue }
                let ordered = rows.sorted { ($0.key.project.rawValue, $0.key.activity.rawValue) < ($1.key.project.rawValue, $1.key.activity.rawValue) }
                try await sheets.save(person, week: week, rows: ordered.map {
                    Timesheets.Row(projectId: $0.key.project, activityId: $0.key.activity, minutes: $0.value)
                }, caller)
                try await sheets.submit(person, week: week, caller)
                count += 1
            }
        }
        // Each project's manager approves the lines, and rejects one of Tom's; on every third active project last
        // week's wait for approval.
        let active = plans.filter { $0.project.state == .active }
        let waiting = Set(active.indices.filter { $0 % 3 == 2 }.map { active[$0].project.id })
        let lastWeek = monday.adding(days: -7)
        let byId = Dictionary(uniqueKeysWithValues: users.values.map { ($0.id, $0) })
        let tomResource = people.values.first { $0.userId == tom.id }?.id
        let submitted = try await store.read { s in
            try await s.list(TimesheetLine.self, ListQuery(filters: ["state": .text(ApprovalState.submitted.rawValue)]))
        }
        let candidates = submitted.filter { $0.weekStart == lastWeek.adding(days: -14) }.sorted { $0.id.rawValue < $1.id.rawValue }
        let rejected = candidates.first { $0.resourceId == tomResource } ?? candidates.first  // Tom's when he has one
        for plan in plans {
            let lines = submitted.filter {
                $0.projectId == plan.project.id && $0.id != rejected?.id && ($0.weekStart < lastWeek || !waiting.contains(plan.project.id))
            }
            guard !lines.isEmpty, let manager = plan.project.managerId.flatMap({ byId[$0] }) else { continue }
            try await sheets.decide(lines: lines.map(\.id), .approve, .user(manager))
            if let rejected, rejected.projectId == plan.project.id {
                try await sheets.decide(lines: [rejected.id], .reject(reason: Self.rejection), .user(manager))
            }
        }
        if let tomResource { _ = try await sheets.prefill(tomResource, week: today, .user(tom)) }
        return count
    }

    /// Expenses: the labour before the timesheet weeks, brought over from the finance system month by month; the
    /// contractors' (generic roles') monthly invoices and this month's accrual to the status date (one project's
    /// waiting for approval); workshop travel on each active project under way, a licence waiting on every third
    /// and one team dinner rejected. The PMO enters the brought-over labour and the invoices, the projects'
    /// managers the rest; the PMO director decides.
    func expenses(_ plans: [Plan], users: [String: User], today: CalendarDate) async throws -> Int {
        guard let dana = users["dana.director"], let alex = users["alex.analyst"] else { return 0 }
        let now = clock.now()
        let byId = Dictionary(uniqueKeysWithValues: users.values.map { ($0.id, $0) })
        let first = Timesheets.monday(of: today).adding(days: -7 * Self.weeks)
        let statusDate = Self.statusDate(today)
        let thisMonth = CalendarMonth(statusDate)
        var waitingAccrual = true  // the first project's accrual for this month waits for approval
        let kinds = try await store.read { s in
            Dictionary(uniqueKeysWithValues: try await s.list(Resource.self, ListQuery()).map { ($0.id, $0.kind) })
        }
        var approve: [Expense.ID] = [], reject: [Expense.ID] = []
        var count = 0, active = 0
        for plan in plans where plan.started(by: today) {
            guard let baseline = plan.baseline else { continue }
            let pm = plan.project.managerId.flatMap { byId[$0] }
            let isActive = plan.project.state == .active
            let (approved, rejected, made, stillWaiting) = try await store.write { [active, waitingAccrual] s in
                var waitingAccrual = waitingAccrual
                let currency = try await s.get(Project.self, plan.project.id)?.currency ?? plan.project.currency
                var approved: [Expense.ID] = [], rejected: [Expense.ID] = [], made = 0
                func add(_ e: Expense, by user: User) async throws -> Expense.ID {
                    made += 1
                    return try await Catalog.insert(e, by: .user(user), at: now, in: s).id
                }
                // What the plan costs by month, split into people's work before the timesheets and contractors'.
                var before: [CalendarMonth: Int64] = [:], invoiced: [CalendarMonth: Int64] = [:]
                for b in baseline.activities {
                    let kind = plan.assignments[b.activityId]?.first.flatMap { kinds[$0.resourceId] }
                    for d in b.plannedValue ?? [] where d.day <= statusDate && plan.holdDate.map({ d.day < $0 }) ?? true {
                        if kind == .role { invoiced[CalendarMonth(d.day), default: 0] += d.minor }
                        else if d.day < first { before[CalendarMonth(d.day), default: 0] += d.minor }
                    }
                }
                for (month, amount) in before.sorted(by: { $0.key < $1.key }) where amount > 0 {
                    approved.append(try await add(Expense(
                        projectId: plan.project.id, spentOn: min(month.lastDay, first.adding(days: -1)),
                        amountMinor: Self.round(Double(amount) * plan.profile.effort, to: 100), currency: currency,
                        costType: .labour, description: "Labour for \(month.longName), from the finance system (before timesheets moved to Gantry)",
                        submittedBy: alex.id, createdAt: now, updatedAt: now), by: alex))
                }
                for (month, amount) in invoiced.sorted(by: { $0.key < $1.key }) where amount > 0 {
                    let current = month == thisMonth
                    let id = try await add(Expense(
                        projectId: plan.project.id, spentOn: current ? statusDate : month.lastDay,
                        amountMinor: Self.round(Double(amount) * plan.profile.effort, to: 100), currency: currency,
                        costType: .services,
                        description: current ? "Contractors' hours for \(month.longName) to date (accrued)" : "Contractors' invoice for \(month.longName)",
                        submittedBy: alex.id, createdAt: now, updatedAt: now), by: alex)
                    if current && waitingAccrual { waitingAccrual = false } else { approved.append(id) }
                }
                if isActive, let pm, plan.started(by: first.adding(days: 9)) {
                    approved.append(try await add(Expense(
                        projectId: plan.project.id, spentOn: first.adding(days: 9), amountMinor: 124_000 + Int64(active) * 3_750,
                        currency: currency, costType: .other, description: "Travel to the design workshops: train and hotel",
                        submittedBy: pm.id, createdAt: now, updatedAt: now), by: pm))
                    if active % 3 == 0 {
                        _ = try await add(Expense(
                            projectId: plan.project.id, spentOn: today.adding(days: -3), amountMinor: 480_000, currency: currency,
                            costType: .services, description: "Test automation licences for the next twelve months",
                            submittedBy: pm.id, createdAt: now, updatedAt: now), by: pm)
                    }
                    if active == 1 {
                        rejected.append(try await add(Expense(
                            projectId: plan.project.id, spentOn: today.adding(days: -12), amountMinor: 62_000, currency: currency,
                            costType: .other, description: "Team dinner after the go-live rehearsal",
                            submittedBy: pm.id, createdAt: now, updatedAt: now), by: pm))
                    }
                }
                return (approved, rejected, made, waitingAccrual)
            }
            waitingAccrual = stillWaiting
            if isActive { active += 1 }
            approve += approved; reject += rejected; count += made
        }
        let sheets = Timesheets(store: store, clock: clock)
        try await sheets.decide(lines: [], expenses: approve, .approve, .user(dana))
        if !reject.isEmpty {
            try await sheets.decide(lines: [], expenses: reject, .reject(reason: "Team events are paid from the department's budget, not the project's: book it there."), .user(dana))
        }
        return count
    }

    /// Progress month by month: at each of the last three month ends each project under way records its progress
    /// then (the plan's, moved by its profile) and its manager keeps a snapshot of its earned value; then progress
    /// as of the status date (the others' as of today: done when closed, none when not started). Summaries take the mean of their children, as the generated plan does. Answers the snapshots.
    func progress(_ plans: inout [Plan], byId: [User.ID: User], today: CalendarDate) async throws -> Int {
        let now = clock.now()
        let reports = MoneyReports(store: store, clock: clock)
        let working = try await store.read { s in
            WorkingDays(calendar: try await s.list(WorkCalendar.self, ListQuery()).first
                        ?? WorkCalendar(name: "", createdAt: now, updatedAt: now))
        }
        var snapshots = 0
        let monthEnds = (1...3).reversed().map { Self.monthStart(today, adding: -$0 + 1).adding(days: -1) }
        let statusDate = Self.statusDate(today)
        for (n, day) in (monthEnds + [statusDate]).enumerated() {
            for i in plans.indices {
                let plan = plans[i]
                let isPast = n < monthEnds.count
                if isPast && !([.active, .onHold].contains(plan.project.state) && plan.started(by: day)) { continue }
                let underWay = [.active, .onHold].contains(plan.project.state)
                let measured = underWay ? plan.profile.reached(on: min(day, plan.holdDate ?? day), startedOn: plan.project.startDate) : today
                plans[i].activities = try await store.write { s in
                    try await Self.record(plan.activities, asOf: measured, working: working, at: now, in: s)
                }
                if isPast, plan.baseline != nil, let manager = plan.project.managerId.flatMap({ byId[$0] }) {
                    try await reports.recordSnapshot(plan.project.id, asOf: day, .user(manager))
                    snapshots += 1
                }
            }
        }
        return snapshots
    }

    /// Sets each leaf's percent complete to the share of its planned working days done by `day`, each milestone's
    /// to done once its day has come, and each summary's to the mean of its children (milestones left out).
    static func record(_ activities: [Activity], asOf day: CalendarDate, working: WorkingDays, at now: Timestamp,
                       in s: any StoreSession) async throws -> [Activity] {
        var percent: [Activity.ID: Double] = [:]
        for a in activities where a.kind != .summary {
            guard let start = a.plannedStart, let finish = a.plannedFinish else { continue }
            percent[a.id] = a.kind == .milestone ? (day >= start ? 100 : 0)
                : (ProgressItem.plannedFraction(start: start, finish: finish, statusDate: day, isWorking: working.isWorking) * 100).rounded()
        }
        let parent = Dictionary(uniqueKeysWithValues: activities.map { ($0.id, $0.parentId) })
        func depth(_ id: Activity.ID) -> Int { var d = 0, p = parent[id] ?? nil; while let q = p { d += 1; p = parent[q] ?? nil }; return d }
        let children = Dictionary(grouping: activities.filter { $0.parentId != nil }, by: { $0.parentId! })
        for a in activities.filter({ $0.kind == .summary }).sorted(by: { depth($0.id) > depth($1.id) }) {
            let kids = (children[a.id] ?? []).filter { $0.kind != .milestone }
            guard !kids.isEmpty else { continue }
            percent[a.id] = (kids.map { percent[$0.id] ?? 0 }.reduce(0, +) / Double(kids.count)).rounded()
        }
        var out: [Activity] = []
        for a in activities {
            guard let p = percent[a.id], p != a.percentComplete else { out.append(a); continue }
            var next = a
            next.percentComplete = p
            next.updatedAt = now
            guard let saved = try await s.update(next, expectedVersion: a.version) else {
                throw ServiceError(.versionMismatch, "activity \(a.code) changed while the demo recorded progress")
            }
            out.append(saved)
        }
        return out
    }
}
