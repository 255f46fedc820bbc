public import GantryModel
public import GantryScheduling

/// A project's records turned into the engine's input: activities in WBS order by index, links, compiled
/// calendars (index 0 the project's), the project start and status date. Pure: records in, values out.
public struct ProjectNetwork: Sendable {
    public var project: Project
    /// WBS order; `input.activities[i]` is `activities[i]`.
    public var activities: [Activity]
    public var depths: [Int]
    public var dependencies: [Dependency]
    public var input: ScheduleInput
    /// The project calendar's working minutes per day (480 on the standard one): how durations in days count.
    public var minutesPerDay: Int64
    public var index: [Activity.ID: Int]
    /// Input link `k` is dependency `linkDependency[k]`.
    public var linkDependency: [Dependency.ID]

    public var calendar: CompiledCalendar { input.calendars[0] }

    /// - Parameters:
    ///   - calendars: every calendar the project, its activities or their resources name, by id.
    ///   - resourceCalendars: for an activity without a calendar of its own, the calendar its resources share.
    ///   - today: the project start when the project has no start date.
    public init(project: Project, activities: [Activity], dependencies: [Dependency],
                calendars: [WorkCalendar.ID: WorkCalendar], resourceCalendars: [Activity.ID: WorkCalendar.ID] = [:],
                today: CalendarDate) throws(ServiceError) {
        self.project = project
        let ordered = ProjectSchedule.wbsOrder(activities)
        self.activities = ordered.map(\.0)
        depths = ordered.map(\.1)
        self.dependencies = dependencies
        var index: [Activity.ID: Int] = [:]
        for (i, a) in self.activities.enumerated() { index[a.id] = i }
        self.index = index

        let start = project.startDate ?? self.activities.compactMap(\.plannedStart).min() ?? today
        let from = start.adding(days: -800), through = start.adding(days: 366 * 30)
        var compiled: [CompiledCalendar] = []
        var position: [WorkCalendar.ID: Int] = [:]
        func compile(_ id: WorkCalendar.ID?) throws(ServiceError) -> Int {
            let key = id ?? WorkCalendar.ID(0)
            if let p = position[key] { return p }
            let c: CompiledCalendar
            do {
                c = try CompiledCalendar.stored(id.flatMap { calendars[$0] }, from: from, through: through)
            } catch {
                throw ServiceError(.invalid, error.description)
            }
            position[key] = compiled.count
            compiled.append(c)
            return compiled.count - 1
        }
        _ = try compile(project.calendarId)
        let perDay = max(1, compiled[0].minutesPerDay)
        minutesPerDay = perDay

        var inputs: [ScheduleInput.Activity] = []
        inputs.reserveCapacity(self.activities.count)
        for a in self.activities {
            let own = a.calendarId ?? resourceCalendars[a.id]
            let calendar = own == nil || own == project.calendarId ? 0 : try compile(own)
            inputs.append(Self.input(a, calendar: calendar, index: index, perDay: perDay, project: project))
        }
        var links: [ScheduleInput.Link] = []
        var linkDependency: [Dependency.ID] = []
        for d in dependencies {
            guard let p = index[d.predecessorId], let s = index[d.successorId] else { continue }
            let minutes = Int64(d.lag.minutes(perDay: Int(perDay), perWeek: Int(perDay) * 5).rounded())
            // Lags on a 24-hour calendar run on the clock: nights, weekends and holidays count.
            let elapsed = d.lag.isElapsed || project.lagCalendar == .twentyFourHour
            links.append(.init(from: p, to: s, type: d.type, lag: elapsed ? .elapsed(minutes) : .working(minutes)))
            linkDependency.append(d.id)
        }
        self.linkDependency = linkDependency
        let projectStart = LocalDateTime(date: start).minutesSinceEpoch
        // MS Project's status date is the end of its day (work reported up to then is done); P6's data date is
        // the start of its day (remaining work starts there).
        let p6 = project.schedulingRules.isPrimavera
        let status = project.statusDate.map { LocalDateTime(date: p6 ? $0 : $0.adding(days: 1)).minutesSinceEpoch }
        var options = ScheduleInput.Options(
            constraintsBeatLinks: project.honorConstraints,
            criticalFloat: Int64(project.criticalFloat.minutes(perDay: Int(perDay), perWeek: Int(perDay) * 5).rounded()))
        options.follow(project.schedulingRules)
        Self.apply(project, to: &options)
        input = ScheduleInput(activities: inputs, links: links, calendars: compiled, projectStart: projectStart,
                              statusDate: status, options: options)
    }

    /// The project's own scheduling options over its rules' defaults: whose calendar counts lags (MS Project's is
    /// the successor's, P6's the predecessor's), how total float is counted, open-ended activities critical, and
    /// the date late dates work back from.
    static func apply(_ project: Project, to options: inout ScheduleInput.Options) {
        let p6 = project.schedulingRules.isPrimavera
        options.countLags(on: project.lagCalendar ?? (p6 ? .predecessor : .successor))
        options.totalFloat = project.totalFloat ?? (p6 ? .finish : .startThenFinish)
        options.openEndsCritical = project.openEndsCritical
        options.criticalByLongestPath = project.criticalByLongestPath
        options.finishBy = project.mustFinishBy?.minutesSinceEpoch
    }

    /// The engine's view of one activity: its duration in working minutes of the project calendar's day, its
    /// constraint (a leveled start counts as start-no-earlier-than), a manual schedule, and its progress; and P6's
    /// own: Start On / Finish On, finish milestones, a secondary constraint, an expected finish (where the project
    /// uses them), the resume date of suspended work, level of effort and WBS summary.
    static func input(_ a: Activity, calendar: Int, index: [Activity.ID: Int], perDay: Int64,
                      project: Project) -> ScheduleInput.Activity {
        var x = ScheduleInput.Activity(
            name: a.code.isEmpty ? "activity \(a.id)" : a.code,
            duration: Int64(a.duration.minutes(perDay: Int(perDay), perWeek: Int(perDay) * 5).rounded()),
            kind: a.kind, elapsed: a.duration.isElapsed, calendar: calendar,
            parent: a.parentId.flatMap { index[$0] }, constraint: a.constraintType,
            constraintDate: a.constraintDate?.minutesSinceEpoch, deadline: a.deadline?.minutesSinceEpoch)
        if a.constraintType == .asap, let leveled = a.leveledStart {
            x.constraint = .startNoEarlierThan
            x.constraintDate = leveled.minutesSinceEpoch
        }
        if a.manuallyScheduled, let s = a.plannedStart, let f = a.plannedFinish {
            x.manualStart = LocalDateTime(date: s).minutesSinceEpoch
            x.manualFinish = LocalDateTime(date: f.adding(days: 1)).minutesSinceEpoch
        }
        if let s = a.actualStart {
            x.actualStart = s.minutesSinceEpoch
            x.actualFinish = a.actualFinish?.minutesSinceEpoch
            if a.actualFinish == nil {
                x.remaining = Int64((Double(x.duration) * (1 - min(100, max(0, a.percentComplete)) / 100)).rounded())
            }
        }
        x.softConstraint = a.softConstraint && (a.constraintType == .mustStartOn || a.constraintType == .mustFinishOn)
        x.finishMilestone = a.finishMilestone && a.kind == .milestone
        if let c = a.secondaryConstraintType, let d = a.secondaryConstraintDate {
            x.secondaryConstraint = c
            x.secondaryConstraintDate = d.minutesSinceEpoch
        }
        if project.useExpectedFinish { x.expectedFinish = a.expectedFinish?.minutesSinceEpoch }
        // P6's data date is the start of the status day.
        x.suspend(at: a.suspendDate?.minutesSinceEpoch, resumingAt: a.resumeDate?.minutesSinceEpoch,
                  statusDate: project.statusDate.map { LocalDateTime(date: $0).minutesSinceEpoch })
        x.externalEarlyStart = a.externalEarlyStart?.minutesSinceEpoch
        x.externalLateFinish = a.externalLateFinish?.minutesSinceEpoch
        x.derived = a.derivedDates
        return x
    }

    /// The network with one activity changed in its own fields, without reading or compiling anything again;
    /// false (and nothing changed) when the change reaches further: its place in the WBS, whether it is a
    /// summary, its calendar or its manual schedule, or the project start when the project has no start date of
    /// its own and takes its earliest activity's.
    public mutating func replace(_ a: Activity) -> Bool {
        guard let i = index[a.id], project.startDate != nil else { return false }
        let old = activities[i]
        guard old.parentId == a.parentId, old.position == a.position, old.calendarId == a.calendarId,
              (old.kind == .summary) == (a.kind == .summary), old.manuallyScheduled == a.manuallyScheduled,
              old.projectId == a.projectId else { return false }
        activities[i] = a
        input.activities[i] = Self.input(a, calendar: input.activities[i].calendar, index: index, perDay: minutesPerDay,
                                         project: project)
        return true
    }

    /// Working minutes as days of the project calendar, for people.
    public func days(_ minutes: Int64) -> Double { Double(minutes) / Double(minutesPerDay) }
}
