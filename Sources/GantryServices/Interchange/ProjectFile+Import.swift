public import GantryModel
public import GantryInterchange
import GantryScheduling

/// What importing a `ProjectFile` will make, worked out before anything is stored: the project, its calendars,
/// activities (parents and links by index), resources, assignments and baselines, with every repair named. Pure:
/// the service stores the plan in one transaction, or nothing.
public struct ImportPlan: Sendable {
    public struct PlannedCalendar: Sendable {
        public var uid: String
        public var calendar: WorkCalendar
    }
    public struct PlannedLink: Sendable {
        public var from: Int
        public var to: Int
        public var type: DependencyType
        public var lag: WorkDuration
    }
    public struct PlannedResource: Sendable {
        public var uid: String
        public var resource: Resource
    }
    public struct PlannedAssignment: Sendable {
        public var activity: Int
        public var resourceUID: String
        public var units: Double
    }
    public struct PlannedBaseline: Sendable {
        public var name: String
        /// Activity index, start, finish, duration.
        public var activities: [(Int, CalendarDate?, CalendarDate?, WorkDuration)]
    }

    public var project: Project
    public var projectCalendarUID: String?
    public var calendars: [PlannedCalendar]
    /// Activities in file order; `parents[i]` is the index of activity i's summary.
    public var activities: [Activity]
    public var parents: [Int?]
    /// The calendar uid of each activity's own calendar, if it has one.
    public var activityCalendars: [String?]
    public var links: [PlannedLink]
    public var resources: [PlannedResource]
    public var assignments: [PlannedAssignment]
    public var baselines: [PlannedBaseline]
    public var warnings: [String]
    public var unmodelled: [String: Int]
}

extension ImportPlan {
    /// Plans the import of `file` as project `code` in `portfolio`. Throws `invalid` for a file whose plan cannot
    /// stand (a cycle in its links, named; no tasks at all is fine: an empty plan).
    public init(_ file: ProjectFile, code: String, name: String?, portfolio: Portfolio.ID, manager: User.ID?,
                at now: Timestamp) throws(ServiceError) {
        var warnings = file.notices.map(\.description)
        var unmodelled = file.unmodelled
        func drop(_ what: String, _ n: Int = 1) { unmodelled[what, default: 0] += n }

        // Calendars: every calendar the file defines, resolved against its base, if it has working time.
        var calendars: [PlannedCalendar] = []
        var usable: Set<String> = []
        var perDayByUID: [String: Int64] = [:]
        for c in file.calendars {
            guard let resolved = file.resolvedCalendar(c.uid) else { continue }
            let label = String("\(code): \(resolved.name.isEmpty ? "calendar \(c.uid)" : resolved.name)".prefix(200))
            do {
                let compiled = try CompiledCalendar(week: resolved.week, name: label)
                perDayByUID[c.uid] = compiled.minutesPerDay
            } catch {
                warnings.append("Calendar '\(resolved.name)' (UID \(c.uid)): \(error.message); tasks on it use the project calendar")
                continue
            }
            if let problem = resolved.week.problem {
                warnings.append("Calendar '\(resolved.name)' (UID \(c.uid)): \(problem); tasks on it use the project calendar")
                continue
            }
            var exceptions = resolved.exceptions.filter { $0.from <= $0.to }
            if exceptions.count > 5000 {
                warnings.append("Calendar '\(resolved.name)': \(exceptions.count) exceptions, the first 5000 kept")
                drop("calendar exceptions beyond 5000", exceptions.count - 5000)
                exceptions = Array(exceptions.prefix(5000))
            }
            exceptions = exceptions.map { e in
                var e = e
                e.name = String(e.name.prefix(200))
                return e
            }
            usable.insert(c.uid)
            calendars.append(PlannedCalendar(uid: c.uid, calendar: WorkCalendar(
                name: label, week: resolved.week, exceptions: exceptions, createdAt: now, updatedAt: now)))
        }
        let projectCalendarUID = file.calendarUID.flatMap { usable.contains($0) ? $0 : nil }
        if let uid = file.calendarUID, projectCalendarUID == nil {
            warnings.append("The project calendar (UID \(uid)) is missing or unusable; the standard calendar is used")
        }
        // How many working minutes a day counts for durations given in days: the file's own rule.
        let perDay = Double(file.minutesPerDay > 0 ? file.minutesPerDay : 480)
        let perWeek = Double(file.minutesPerWeek > 0 ? file.minutesPerWeek : 2400)
        let calendarPerDay = projectCalendarUID.flatMap { perDayByUID[$0] }.map(Double.init) ?? 480
        /// A duration of the file as Gantry writes it: in the file's unit when Gantry counts that unit the same way
        /// (days of the project calendar's length), otherwise in hours, which always count the same.
        func duration(_ d: ProjectFile.Duration?) -> WorkDuration {
            guard let d, d.minutes.isFinite else { return .zero }
            let m = max(-60 * 24 * 366 * 50, min(60 * 24 * 366 * 50, d.minutes))
            func r(_ x: Double) -> Double { (x * 10_000).rounded() / 10_000 }
            if d.elapsed {
                switch d.unit {
                case .minutes: return WorkDuration(r(m), .minutes, elapsed: true)
                case .hours: return WorkDuration(r(m / 60), .hours, elapsed: true)
                case .weeks: return WorkDuration(r(m / 10_080), .weeks, elapsed: true)
                default: return WorkDuration(r(m / 1440), .days, elapsed: true)
                }
            }
            switch d.unit {
            case .minutes: return WorkDuration(r(m), .minutes)
            case .hours: return WorkDuration(r(m / 60), .hours)
            case .days, .weeks, .months, .percent:
                if perDay == calendarPerDay {
                    if d.unit == .weeks && perWeek == perDay * 5 { return WorkDuration(r(m / perWeek), .weeks) }
                    return WorkDuration(r(m / perDay), .days)
                }
                return WorkDuration(r(m / 60), .hours)
            }
        }

        let primavera = file.isPrimavera
        /// Percent complete as Gantry keeps it: for P6 work under way, the share of its duration done (so the
        /// remaining duration is P6's whatever percent complete type the activity shows).
        var overrun = 0
        func percentComplete(_ t: ProjectFile.Task) -> Double {
            if primavera, t.actualStart != nil, t.actualFinish == nil, let d = t.duration?.minutes, d > 0,
               let left = t.remainingDuration?.minutes, left.isFinite, d.isFinite {
                return max(0, min(100, (d - left) / max(d, left) * 100))
            }
            return max(0, min(100, t.percentComplete.isFinite ? t.percentComplete : 0))
        }

        // Tasks: null, external and (for P6) WBS-only rows become what Gantry has, or are set aside with a reason.
        var activities: [Activity] = []
        var parents: [Int?] = []
        var activityCalendars: [String?] = []
        var index: [String: Int] = [:]
        var codes: Set<String> = []
        func uniqueCode(_ preferred: String, _ fallback: String) -> String {
            var base = Self.sanitizedCode(preferred) ?? Self.sanitizedCode(fallback) ?? "T"
            base = String(base.prefix(56))
            var candidate = base, n = 1
            while codes.contains(candidate) { n += 1; candidate = "\(base)-\(n)" }
            codes.insert(candidate)
            return candidate
        }
        var positions: [Int: Int] = [:]   // parent index (or -1) → next position
        var nulls = 0, externals = 0, inactive = 0
        for t in file.tasks {
            if t.isNull { nulls += 1; continue }
            if t.external { externals += 1; continue }
            if index[t.uid] != nil {
                throw ServiceError(.invalid, "task UID \(t.uid) appears twice in the file; every task needs its own UID",
                                   problems: [FieldProblem(field: "file", message: "duplicate task UID \(t.uid)")])
            }
            if !t.active { inactive += 1 }
            let parent = t.parentUID.flatMap { index[$0] }
            if t.parentUID != nil && parent == nil {
                warnings.append("Task '\(t.name)' (UID \(t.uid)): its summary (UID \(t.parentUID!)) is not in the file; placed at the top")
            }
            if let p = parent, activities[p].kind != .summary { activities[p].kind = .summary; activities[p].duration = .zero }
            let kind: ActivityKind = t.summary ? .summary : (t.milestone ? .milestone : .leaf)
            let position = positions[parent ?? -1, default: 0]
            positions[parent ?? -1] = position + 1
            var name = t.name.trimmingCharacters(in: " \t\r\n")
            if name.isEmpty { name = "Task \(t.rowID.map(String.init) ?? t.uid)" }
            if name.count > 200 {
                warnings.append("Task UID \(t.uid): name cut to 200 characters")
                name = String(name.prefix(200))
            }
            var d = kind == .leaf ? duration(t.duration) : .zero
            if d.value < 0 {
                warnings.append("Task '\(name)' (UID \(t.uid)): negative duration \(d) set to 0")
                d = WorkDuration(0, d.unit, elapsed: d.isElapsed)
            }
            if primavera, kind == .leaf, t.actualStart != nil, t.actualFinish == nil, let left = t.remainingDuration,
               left.minutes.isFinite, left.minutes > (t.duration?.minutes ?? 0) {
                // More left than was planned: P6's duration at completion is what the work takes now.
                d = duration(left)
                overrun += 1
            }
            var a = Activity(
                projectId: Project.ID(0), position: position,
                code: uniqueCode(t.wbs, t.rowID.map(String.init) ?? t.uid), name: name, kind: kind, duration: d,
                percentComplete: percentComplete(t),
                plannedStart: t.start?.date, plannedFinish: t.finish?.date,
                constraintType: t.constraint, constraintDate: t.constraint.isDated ? t.constraintDate : nil,
                deadline: t.deadline, actualStart: t.actualStart, actualFinish: t.actualStart == nil ? nil : t.actualFinish,
                priority: max(0, min(1000, t.priority)), manuallyScheduled: t.manual && kind != .summary,
                createdAt: now, updatedAt: now)
            if t.constraint.isDated && t.constraintDate == nil {
                warnings.append("Task '\(name)' (UID \(t.uid)): \(t.constraint.rawValue) constraint without a date, made ASAP")
                a.constraintType = .asap
            }
            // P6's own: Start On / Finish On, finish milestones, secondary constraints, expected finish, suspend and
            // resume, level of effort and WBS summary.
            a.softConstraint = t.softConstraint && a.constraintType.isDated
            a.finishMilestone = primavera && kind == .milestone && t.type == "TT_FinMile"
            if let c = t.secondaryConstraint, let d = t.secondaryConstraintDate {
                a.secondaryConstraintType = c
                a.secondaryConstraintDate = d
            }
            a.expectedFinish = t.expectedFinish
            a.suspendDate = t.suspendDate
            a.resumeDate = t.resumeDate
            a.externalEarlyStart = t.externalEarlyStart
            a.externalLateFinish = t.externalLateFinish
            if primavera, kind == .leaf {
                a.derivedDates = t.derivedDates
            }
            if let s = a.plannedStart, let f = a.plannedFinish, f < s { a.plannedFinish = s }
            if let s = a.actualStart, let f = a.actualFinish, f < s {
                warnings.append("Task '\(name)' (UID \(t.uid)): actual finish before actual start, actual finish dropped")
                a.actualFinish = nil
            }
            if a.manuallyScheduled && (a.plannedStart == nil || a.plannedFinish == nil) {
                warnings.append("Task '\(name)' (UID \(t.uid)): manually scheduled without dates, scheduled automatically")
                a.manuallyScheduled = false
            }
            if !t.splits.isEmpty { drop("task splits (a split task is scheduled in one piece)") }
            if !t.notes.isEmpty { drop("task notes") }
            index[t.uid] = activities.count
            activities.append(a)
            parents.append(parent)
            activityCalendars.append(t.calendarUID.flatMap { usable.contains($0) ? $0 : nil })
        }
        if overrun > 0 {
            warnings.append("\(overrun) activit\(overrun == 1 ? "y" : "ies") under way had more work left than planned: the duration is P6's at completion (done plus remaining)")
        }
        if nulls > 0 { drop("blank (null) task rows", nulls) }
        if externals > 0 { drop("external tasks (from other projects)", externals) }
        if inactive > 0 { warnings.append("\(inactive) inactive task(s) imported as ordinary activities") }

        // Links: by index, cross-project ones set aside, percent lags converted to working time.
        var links: [PlannedLink] = []
        var seen: Set<[Int]> = []
        for l in file.links {
            if l.crossProject != nil { drop("links to other projects"); continue }
            guard let p = index[l.predecessorUID], let s = index[l.successorUID] else {
                warnings.append("Link \(l.predecessorUID) → \(l.successorUID): a task it names is not in the file; link skipped")
                continue
            }
            if p == s { warnings.append("Link from task UID \(l.predecessorUID) to itself skipped"); continue }
            guard seen.insert([p, s]).inserted else {
                warnings.append("Second link \(l.predecessorUID) → \(l.successorUID) skipped: Gantry keeps one link per pair")
                continue
            }
            let lag: WorkDuration
            switch l.lag.amount {
            case .working(let m): lag = duration(.init(minutes: m, unit: l.lag.unit == .percent ? .days : l.lag.unit))
            case .elapsed(let m): lag = duration(.init(minutes: m, unit: l.lag.unit == .percent ? .days : l.lag.unit, elapsed: true))
            case .percent(let pct):
                let of = activities[p].duration.minutes(perDay: Int(perDay), perWeek: Int(perWeek))
                lag = duration(.init(minutes: of * pct / 100, unit: .hours))
                warnings.append("Link \(activities[p].code) → \(activities[s].code): lag of \(pct)% of the predecessor's duration kept as \(lag)")
            }
            links.append(PlannedLink(from: p, to: s, type: l.type, lag: lag))
        }
        // A cycle cannot be scheduled: refuse the file, naming the cycle.
        let graph = PrecedenceGraph(count: activities.count, edges: links.map { (from: $0.from, to: $0.to) })
        if case .cycle(let cycle) = TopologicalOrder.of(graph) {
            let names = cycle.map { "\(activities[$0].code) \(activities[$0].name)" }
            throw ServiceError(.dependencyCycle, "the file's links form a cycle: \(names.joined(separator: " → "))",
                               problems: [FieldProblem(field: "file", message: "cycle " + names.joined(separator: " → "))])
        }

        // Resources: work resources become Gantry's people and roles; material and cost resources are set aside.
        var resources: [PlannedResource] = []
        var resourceUIDs: Set<String> = []
        for r in file.resources {
            guard r.kind == .work else { drop("\(r.kind.rawValue) resources"); continue }
            var name = r.name.trimmingCharacters(in: " \t\r\n")
            if name.isEmpty { name = "Resource \(r.uid)" }
            resourceUIDs.insert(r.uid)
            resources.append(PlannedResource(uid: r.uid, resource: Resource(
                name: String(name.prefix(200)), kind: r.generic ? .role : .person, role: String(r.group.prefix(200)),
                costRateMinor: r.standardRate.isFinite ? Int64(max(0, min(1e12, r.standardRate * 100)).rounded()) : 0,
                currency: file.currency.map { String($0.prefix(3)).uppercased() } ?? "EUR",
                maxUnits: r.maxUnits.isFinite ? max(0, min(100_000, r.maxUnits)) : 100,
                createdAt: now, updatedAt: now)))
        }
        var assignments: [PlannedAssignment] = []
        for a in file.assignments {
            guard let t = index[a.taskUID] else { continue }
            guard resourceUIDs.contains(a.resourceUID) else { drop("assignments of material or cost resources"); continue }
            guard activities[t].kind != .summary else { drop("assignments on summary tasks"); continue }
            assignments.append(PlannedAssignment(
                activity: t, resourceUID: a.resourceUID, units: a.units.isFinite ? max(0, min(100_000, a.units)) : 100))
        }

        // Baselines 0–10, each a named Gantry baseline.
        var baselineRows: [Int: [(Int, CalendarDate?, CalendarDate?, WorkDuration)]] = [:]
        for t in file.tasks {
            guard let i = index[t.uid] else { continue }
            for b in t.baselines where (0...10).contains(b.number) {
                baselineRows[b.number, default: []].append((i, b.start?.date, b.finish?.date, duration(b.duration)))
            }
        }
        let baselines = baselineRows.keys.sorted().map { n in
            PlannedBaseline(name: n == 0 ? "Baseline (imported)" : "Baseline \(n) (imported)", activities: baselineRows[n]!)
        }

        let start = file.start ?? activities.compactMap { $0.plannedStart.map { LocalDateTime(date: $0) } }.min()
        if primavera, let d = file.statusDate, d.minutesSinceEpoch % 1440 != 0 {
            warnings.append("The data date \(d.formatted()) is kept as \(d.date) (the start of that day): Gantry's status date is a day")
        }
        var projectName = (name ?? file.name).trimmingCharacters(in: " \t\r\n")
        if projectName.isEmpty { projectName = code }
        self.init(
            project: Project(
                portfolioId: portfolio, code: code, name: String(projectName.prefix(200)), managerId: manager,
                state: .active, startDate: start?.date, finishDate: nil, statusDate: file.statusDate?.date,
                // A P6 project keeps P6's rules, so its schedule in Gantry is the one P6 stored.
                honorConstraints: file.honorConstraints, schedulingRules: file.schedulingRules,
                lagCalendar: primavera ? file.lagCalendar : nil, totalFloat: primavera ? file.totalFloat : nil,
                openEndsCritical: file.openEndsCritical, criticalByLongestPath: file.criticalByLongestPath,
                useExpectedFinish: file.useExpectedFinish,
                mustFinishBy: primavera ? file.mustFinishBy : nil, createdAt: now, updatedAt: now),
            projectCalendarUID: projectCalendarUID, calendars: calendars, activities: activities, parents: parents,
            activityCalendars: activityCalendars, links: links, resources: resources, assignments: assignments,
            baselines: baselines, warnings: warnings, unmodelled: unmodelled)
    }

    /// A code Gantry accepts (letters, digits, and `.` `_` `-` after the first), or nil when nothing is left.
    static func sanitizedCode(_ text: String) -> String? {
        var out = ""
        for c in text.unicodeScalars {
            let alnum = (c >= "A" && c <= "Z") || (c >= "a" && c <= "z") || (c >= "0" && c <= "9")
            if alnum || (!out.isEmpty && (c == "." || c == "_" || c == "-")) { out.unicodeScalars.append(c) }
            else if !out.isEmpty && c == " " { out.append("-") }
        }
        return out.isEmpty ? nil : out
    }

    /// A project code from a file name: its letters and digits, upper-cased, at most 20 (`house-build.xml` →
    /// `HOUSE-BUILD`).
    public static func code(fromFileName fileName: String) -> String {
        let stem = fileName.split(separator: "/").last.map(String.init) ?? fileName
        let base = stem.split(separator: ".").first.map(String.init) ?? stem
        return String((sanitizedCode(base) ?? "IMPORT").uppercased().prefix(20))
    }
}

extension ImportPlan {
    /// Sets every automatically scheduled activity's planned days to what the engine computes for the plan, so
    /// the schedule the import stores finds nothing to change: a large plan is written once, not written and then
    /// updated row by row. Ids here are stand-ins (position + 1); a plan the engine cannot schedule keeps the
    /// file's days (the import's own scheduling then names the problem).
    mutating func planDays(today: CalendarDate) {
        let calendarIDs = Dictionary(uniqueKeysWithValues: calendars.enumerated().map { ($1.uid, WorkCalendar.ID(Int64($0 + 1))) })
        var byID: [WorkCalendar.ID: WorkCalendar] = [:]
        for (uid, id) in calendarIDs { if let c = calendars.first(where: { $0.uid == uid }) { byID[id] = c.calendar } }
        var project = self.project
        project.calendarId = projectCalendarUID.flatMap { calendarIDs[$0] }
        let drafts = activities.enumerated().map { i, a -> Activity in
            var a = a
            a.id = Activity.ID(Int64(i + 1))
            a.parentId = parents[i].map { Activity.ID(Int64($0 + 1)) }
            a.calendarId = activityCalendars[i].flatMap { calendarIDs[$0] }
            if a.calendarId == project.calendarId { a.calendarId = nil }
            return a
        }
        let links = self.links.enumerated().map { k, l in
            Dependency(id: Dependency.ID(Int64(k + 1)), projectId: project.id, predecessorId: Activity.ID(Int64(l.from + 1)),
                       successorId: Activity.ID(Int64(l.to + 1)), type: l.type, lag: l.lag,
                       createdAt: project.createdAt, updatedAt: project.updatedAt)
        }
        guard let network = try? ProjectNetwork(project: project, activities: drafts, dependencies: links,
                                                calendars: byID, today: today),
              let result = try? network.input.criticalPath() else { return }
        for (i, a) in network.activities.enumerated() where !a.manuallyScheduled {
            let (start, finish) = Scheduling.plannedDays(result, i)
            let k = Int(a.id.rawValue) - 1
            activities[k].plannedStart = start
            activities[k].plannedFinish = finish
        }
    }
}
