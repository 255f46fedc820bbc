public import GantryModel
public import GantryInterchange
import GantryScheduling

extension ProjectFile {
    /// A Gantry project as another tool's file holds it: tasks in WBS order (UIDs are the activities' ids), links,
    /// calendars, resources, assignments, baselines (0–10, oldest first), and our computed schedule as the stored
    /// dates. Pure: records in, the file's model out; a writer turns it into bytes.
    public init(exporting project: Project, activities: [Activity], dependencies: [Dependency],
                calendars: [WorkCalendar], resources: [GantryModel.Resource], assignments: [GantryModel.Assignment],
                baselines: [GantryModel.Baseline], schedule: ScheduleDocument?) {
        let byCalendar = Dictionary(calendars.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let projectCalendar = project.calendarId.flatMap { byCalendar[$0] }
        let perDay = Int((projectCalendar.flatMap { try? CompiledCalendar(week: $0.week, name: $0.name) }?.minutesPerDay) ?? 480)
        let perWeek = perDay * 5

        var fileCalendars: [Calendar] = calendars.map { c in
            var week: [Weekday: [TimeRange]] = [:]
            for d in Weekday.allCases { week[d] = c.week[d] }
            return Calendar(uid: String(c.id.rawValue), name: c.name, week: week, exceptions: c.exceptions)
        }
        var calendarUID = projectCalendar.map { String($0.id.rawValue) }
        if calendarUID == nil {
            // Gantry's default is MS Project's standard calendar; other tools want it named.
            let uid = String((calendars.map(\.id.rawValue).max() ?? 0) + 1)
            var week: [Weekday: [TimeRange]] = [:]
            for d in Weekday.allCases { week[d] = WeekPattern.standard[d] }
            fileCalendars.append(Calendar(uid: uid, name: "Standard", week: week))
            calendarUID = uid
        }

        func duration(_ d: WorkDuration) -> Duration {
            let unit: Duration.Unit = switch d.unit {
            case .minutes: .minutes
            case .hours: .hours
            case .days: .days
            case .weeks: .weeks
            }
            return Duration(minutes: d.minutes(perDay: perDay, perWeek: perWeek), unit: unit, elapsed: d.isElapsed)
        }
        let rows = Dictionary((schedule?.activities ?? []).map { ($0.activityId, $0) }, uniquingKeysWith: { a, _ in a })
        let ordered = ProjectSchedule.wbsOrder(activities)
        var outline: [Activity.ID: String] = [:]
        var childCount: [Activity.ID?: Int] = [:]
        var tasks: [Task] = []
        for (rowNumber, (a, depth)) in ordered.enumerated() {
            childCount[a.parentId, default: 0] += 1
            let number = (a.parentId.flatMap { outline[$0] }.map { $0 + "." } ?? "") + String(childCount[a.parentId]!)
            outline[a.id] = number
            let row = rows[a.id]
            let durationMinutes = a.kind == .leaf ? duration(a.duration) : Duration(minutes: 0)
            var stored = Stored()
            if let row {
                stored = Stored(earlyStart: row.earlyStart, earlyFinish: row.earlyFinish, lateStart: row.lateStart,
                                lateFinish: row.lateFinish,
                                totalSlack: Duration(minutes: Double(row.totalFloatMinutes), unit: .days),
                                freeSlack: Duration(minutes: Double(row.freeFloatMinutes), unit: .days),
                                critical: row.critical)
            }
            let start = a.manuallyScheduled ? a.plannedStart.map { LocalDateTime(date: $0) } : row?.earlyStart
                ?? a.plannedStart.map { LocalDateTime(date: $0) }
            let finish = a.manuallyScheduled ? a.plannedFinish.map { LocalDateTime(date: $0.adding(days: 1)) } : row?.earlyFinish
                ?? a.plannedFinish.map { LocalDateTime(date: $0.adding(days: 1)) }
            tasks.append(Task(
                uid: String(a.id.rawValue), rowID: rowNumber + 1, name: a.name, wbs: a.code, outlineLevel: depth + 1,
                parentUID: a.parentId.map { String($0.rawValue) }, summary: a.kind == .summary,
                milestone: a.kind == .milestone, manual: a.manuallyScheduled, duration: durationMinutes,
                constraint: a.constraintType, constraintDate: a.constraintDate, deadline: a.deadline,
                priority: a.priority, percentComplete: a.percentComplete, actualStart: a.actualStart,
                actualFinish: a.actualFinish, calendarUID: a.calendarId.map { String($0.rawValue) },
                start: start, finish: finish, stored: stored))
        }
        let links = dependencies.map { d in
            let lag: Lag
            let unit = duration(d.lag).unit
            if d.lag.isElapsed {
                lag = Lag(.elapsed(minutes: d.lag.minutes(perDay: perDay, perWeek: perWeek)), unit: unit)
            } else {
                lag = Lag(.working(minutes: d.lag.minutes(perDay: perDay, perWeek: perWeek)), unit: unit)
            }
            return Link(predecessorUID: String(d.predecessorId.rawValue), successorUID: String(d.successorId.rawValue),
                        type: d.type, lag: lag)
        }
        let used = Set(assignments.map(\.resourceId))
        let fileResources = resources.filter { used.contains($0.id) }.map { r in
            Resource(uid: String(r.id.rawValue), name: r.name, kind: .work, group: r.role, maxUnits: r.maxUnits,
                     calendarUID: r.calendarId.map { String($0.rawValue) },
                     standardRate: Double(r.costRateMinor) / 100, generic: r.kind == .role)
        }
        let fileAssignments = assignments.map { a in
            Assignment(uid: String(a.id.rawValue), taskUID: String(a.activityId.rawValue),
                       resourceUID: String(a.resourceId.rawValue), units: a.units)
        }
        // Baselines 0–10: the oldest eleven, in the order they were saved.
        var baselineByTask: [String: [ProjectFile.Baseline]] = [:]
        for (n, b) in baselines.sorted(by: { $0.id.rawValue < $1.id.rawValue }).prefix(11).enumerated() {
            for row in b.activities {
                baselineByTask[String(row.activityId.rawValue), default: []].append(Baseline(
                    number: n, start: row.plannedStart.map { LocalDateTime(date: $0) },
                    finish: row.plannedFinish.map { LocalDateTime(date: $0.adding(days: 1)) },
                    duration: duration(row.duration)))
            }
        }
        for i in tasks.indices { tasks[i].baselines = baselineByTask[tasks[i].uid] ?? [] }

        self.init(
            format: .mspdi, name: project.name, application: "Gantry",
            start: project.startDate.map { LocalDateTime(date: $0) } ?? schedule?.projectStart,
            finish: schedule?.projectFinish,
            statusDate: project.statusDate.map { LocalDateTime(date: $0.adding(days: 1)) },
            minutesPerDay: perDay, minutesPerWeek: perWeek, daysPerMonth: 20,
            honorConstraints: project.honorConstraints, calendarUID: calendarUID,
            currency: resources.first(where: { used.contains($0.id) })?.currency,
            calendars: fileCalendars, tasks: tasks, links: links, resources: fileResources,
            assignments: fileAssignments)
    }
}
