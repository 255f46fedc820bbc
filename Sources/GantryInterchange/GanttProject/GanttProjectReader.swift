public import Foundation
import GantryModel

/// Reads a GanttProject `.gan` file into a `ProjectFile`.
///
/// GanttProject's model is day-based: a task has a start date and a duration in working days, and the file stores
/// nothing it computed beyond that. So `start` is the start date (at 08:00, the working day's first minute on the
/// calendar below) and `finish` is the end (17:00) of the last of the task's working days counted on the project
/// calendar; `stored` stays empty.
///
/// What comes from where:
/// - `<calendars>`: one calendar. `<default-week sun="1" mon="0" …>` marks weekend days with 1; a working day gets
///   the standard 08:00–12:00, 13:00–17:00 (GanttProject has no hours; MPXJ gives the same). With
///   `<only-show-weekends value="true"/>` weekends are only shaded and tasks run on them, so every day works.
///   `<date year month date type>`: HOLIDAY is a day off, WORKING_DAY a worked day; an empty year recurs yearly.
/// - `<task>`, nested for the outline: uid = `id`, `meeting="true"` a milestone, `complete` percent, `priority`
///   (0 low, 1 normal, 2 high, 3 lowest, 4 highest), `thirdDate` with `thirdDate-constraint="1"` an
///   earliest start (start no earlier than), `<notes>`.
/// - `<depend>` sits on the PREDECESSOR and names the successor by `id`; `type` 1 SS, 2 FS, 3 FF, 4 SF (MPXJ's
///   GanttProjectReader reads them the same); `difference` is the lag in days.
/// - `<resource>` (`contacts` is the e-mail, `function` the role, `<rate name="standard">` a day rate),
///   `<allocation load>` assignments, `<vacation>` days off as a calendar of the resource's own,
///   `<previous>` baselines.
public enum GanttProjectReader {
    public static func read(_ data: Data) throws(InterchangeError) -> ProjectFile {
        let tree = try SimpleXMLTree.parse(data, what: "GanttProject file")
        guard tree.root.name == "project" else {
            throw InterchangeError(element: tree.root.name, line: tree.root.line, "not a GanttProject file: the root element is <\(tree.root.name)>, expected <project>")
        }
        var reader = GanttReader()
        return try reader.read(tree.root)
    }
}

private struct GanttReader {
    typealias Element = SimpleXMLTree.Element

    var file = ProjectFile(format: .ganttProject)
    /// Working weekdays and exceptions of the project calendar, to count working days: one-off dates by day
    /// number, yearly ones by month × 100 + day (with the year they start), each with whether the day works.
    var workingWeekdays: Set<Weekday> = []
    var oneOff: [Int: Bool] = [:]
    var yearly: [Int: (fromYear: Int, works: Bool)] = [:]
    var taskLines: [String: Int] = [:]

    /// GanttProject has no working hours: each working day is MS Project's standard day.
    static let standardDay = [TimeRange(start: 480, end: 720), TimeRange(start: 780, end: 1020)]
    static let dayStart = 480, dayEnd = 1020
    /// A bound on a duration or lag in days (about 270 years): beyond it a value is an error in the file.
    static let maxDays = 100_000

    mutating func notice(_ element: String, _ line: Int?, _ message: String) {
        file.notices.append(.init(element: element, line: line, message: message))
    }

    mutating func read(_ root: Element) throws(InterchangeError) -> ProjectFile {
        file.name = root["name"] ?? ""
        file.application = root["version"].map { "GanttProject \($0)" } ?? "GanttProject"
        if let d = root.child("description"), !d.text.isEmpty { file.unmodelled["project description", default: 0] += 1 }

        readCalendar(root.child("calendars"))
        let roles = roleNames(root)
        readResources(root.child("resources"), roles: roles)
        if let tasks = root.child("tasks") {
            for t in tasks.children("task") { try readTask(t, parentUID: nil, level: 1) }
            for t in tasks.children("task") { readDepends(t) }
        }
        pinUnlinkedTasks()
        readAllocations(root.child("allocations"))
        readVacations(root.child("vacations"))
        readBaselines(root.child("previous"))

        file.start = file.tasks.compactMap(\.start).min()
        file.finish = file.tasks.compactMap(\.finish).max()
        return file
    }

    /// GanttProject keeps a task that no dependency drives where the user put it; rescheduled as soon as possible it
    /// would jump to the project start. So a leaf task without predecessors and without a constraint of its own
    /// starts no earlier than its start in the file.
    mutating func pinUnlinkedTasks() {
        let driven = Set(file.links.map(\.successorUID))
        let parents = Set(file.tasks.compactMap(\.parentUID))
        for i in file.tasks.indices {
            let t = file.tasks[i]
            guard !driven.contains(t.uid), !parents.contains(t.uid), !t.summary, t.constraint == .asap,
                  let start = t.start else { continue }
            file.tasks[i].constraint = .startNoEarlierThan
            file.tasks[i].constraintDate = start
        }
    }

    // MARK: Calendar

    mutating func readCalendar(_ calendars: Element?) {
        let dayTypes = calendars?.child("day-types")
        let week = dayTypes?.child("default-week")
        let onlyShowWeekends = dayTypes?.child("only-show-weekends")?["value"] == "true"
        let attributes: [(Weekday, String)] = [(.monday, "mon"), (.tuesday, "tue"), (.wednesday, "wed"), (.thursday, "thu"),
                                               (.friday, "fri"), (.saturday, "sat"), (.sunday, "sun")]
        var calendar = ProjectFile.Calendar(uid: week?["id"] ?? "1", name: week?["name"] ?? "default")
        for (day, key) in attributes {
            // 1 marks a weekend day, 0 (or no attribute) a working one; no <default-week> is Monday to Friday.
            let weekend = week.map { $0[key] == "1" } ?? day.isWeekend
            let works = !weekend || onlyShowWeekends
            calendar.week[day] = works ? Self.standardDay : []
            if works { workingWeekdays.insert(day) }
        }
        for d in calendars?.children("date") ?? [] {
            let type = d["type"] ?? "HOLIDAY"
            let element = "calendars / date (line \(d.line))"
            guard type == "HOLIDAY" || type == "WORKING_DAY" else {
                // NEUTRAL: neither a holiday nor a working day; the week decides.
                file.unmodelled["neutral calendar days", default: 0] += 1
                continue
            }
            guard let month = d["month"].flatMap({ Int($0) }), let day = d["date"].flatMap({ Int($0) }) else {
                notice(element, d.line, "a calendar date without a valid month and day was skipped")
                continue
            }
            let yearText = d["year"] ?? ""
            // A recurring date has no year; Gantry's yearly exception starts from a year, and year 4 (the first
            // leap year of the era, so that Feb 29 exists) stands for "every year".
            let recurring = yearText.isEmpty
            guard let year = recurring ? 4 : Int(yearText), let date = CalendarDate(year: year, month: month, day: day) else {
                notice(element, d.line, "'\(yearText)-\(d["month"] ?? "")-\(d["date"] ?? "")' is not a date; skipped")
                continue
            }
            let exception = CalendarException(name: d.text, from: date, to: date,
                                              working: type == "WORKING_DAY" ? Self.standardDay : [],
                                              recurrence: recurring ? .yearly : nil)
            calendar.exceptions.append(exception)
        }
        for e in calendar.exceptions {
            if e.recurrence == .yearly {
                yearly[e.from.month * 100 + e.from.day] = (e.from.year, !e.working.isEmpty)
            } else {
                oneOff[e.from.daysSinceEpoch] = !e.working.isEmpty
            }
        }
        file.calendars.append(calendar)
        file.calendarUID = calendar.uid
        file.minutesPerWeek = workingWeekdays.count * 480
    }

    /// Whether `date` is a working day on the project calendar: a one-off date decides, then a yearly one (by
    /// month and day), then the weekday.
    func isWorking(_ date: CalendarDate) -> Bool {
        if let works = oneOff[date.daysSinceEpoch] { return works }
        if let y = yearly[date.month * 100 + date.day], date.year >= y.fromYear { return y.works }
        return workingWeekdays.contains(date.weekday)
    }

    /// The last of `days` working days starting on `start` (the start day counts when it is a working day).
    func lastWorkingDay(from start: CalendarDate, days: Int) -> CalendarDate {
        guard days > 0, !workingWeekdays.isEmpty || oneOff.values.contains(true) || yearly.values.contains(where: \.works) else { return start }
        var date = start, counted = 0, steps = 0
        while true {
            if isWorking(date) {
                counted += 1
                if counted == days { return date }
            }
            date = date.adding(days: 1)
            steps += 1
            // A calendar with almost no working days cannot take forever: give up after ~10× the days asked.
            if steps > max(days * 10, 3650) { return date }
        }
    }

    /// A `yyyy-MM-dd` date.
    mutating func date(_ text: String?, element: String, line: Int) -> CalendarDate? {
        guard let text, !text.isEmpty else { return nil }
        if let d = CalendarDate(iso: text.prefix(10)) { return d }
        notice(element, line, "'\(text)' is not a date like 2024-01-04; read as empty")
        return nil
    }

    /// A whole number of days, clamped to ±`maxDays`.
    mutating func days(_ text: String?, element: String, line: Int) -> Int? {
        guard let text, !text.isEmpty else { return nil }
        guard let v = Double(text), v.isFinite else {
            notice(element, line, "'\(text)' is not a number of days; read as 0")
            return 0
        }
        if abs(v) > Double(Self.maxDays) {
            notice(element, line, "\(text) days is out of range; clamped to \(Self.maxDays)")
        }
        return Int(max(-Double(Self.maxDays), min(Double(Self.maxDays), v)).rounded())
    }

    // MARK: Tasks

    mutating func readTask(_ e: Element, parentUID: String?, level: Int) throws(InterchangeError) {
        guard let uid = e["id"], !uid.isEmpty else {
            notice("task", e.line, "a task without an id was skipped, with its subtasks")
            return
        }
        let element = "task id \(uid)"
        if let first = taskLines[uid] {
            throw InterchangeError(element: element, line: e.line, "task id \(uid) is used twice (first on line \(first)); links and allocations could not tell them apart")
        }
        taskLines[uid] = e.line
        let subtasks = e.children("task")
        var task = ProjectFile.Task(uid: uid, name: e["name"] ?? "", outlineLevel: level, parentUID: parentUID,
                                    summary: !subtasks.isEmpty, milestone: e["meeting"] == "true")
        let startDay = date(e["start"], element: "\(element) / start", line: e.line)
        let length = max(0, days(e["duration"], element: "\(element) / duration", line: e.line) ?? 0)
        task.duration = ProjectFile.Duration(minutes: Double(length * file.minutesPerDay), unit: .days)
        if let startDay {
            task.start = LocalDateTime(date: startDay, minuteOfDay: Self.dayStart)
            task.finish = length == 0 || task.milestone
                ? task.start
                : LocalDateTime(date: lastWorkingDay(from: startDay, days: length), minuteOfDay: Self.dayEnd)
        } else {
            notice(element, e.line, "the task has no start date; it is read without dates")
        }
        if let complete = e["complete"] {
            if let v = Double(complete), v.isFinite { task.percentComplete = max(0, min(100, v)) } else {
                notice("\(element) / complete", e.line, "'\(complete)' is not a percentage; read as 0")
            }
        }
        task.priority = switch e["priority"] {
        case "0": 300  // low
        case "2": 700  // high
        case "3": 100  // lowest
        case "4": 900  // highest
        default: 500  // 1, normal
        }
        if let third = e["thirdDate"] {
            // thirdDate-constraint 1 puts the earliest start in force; 0 keeps the date but does not apply it.
            if e["thirdDate-constraint"] == "1" {
                if let d = date(third, element: "\(element) / thirdDate", line: e.line) {
                    task.constraint = .startNoEarlierThan
                    task.constraintDate = LocalDateTime(date: d)
                }
            } else {
                file.unmodelled["earliest start dates not in force", default: 0] += 1
            }
        }
        task.notes = e.text(of: "notes") ?? ""
        let custom = e.children("customproperty").count
        if custom > 0 { file.unmodelled["task custom property values", default: 0] += custom }
        if let link = e["webLink"], !link.isEmpty { file.unmodelled["task web links", default: 0] += 1 }
        // How the bar is drawn (colour, fill pattern) is the file's presentation, kept only as a count.
        if e["color"] != nil || e["shape"] != nil { file.unmodelled["task bar colours and shapes", default: 0] += 1 }
        if e["cost-calculated"] == "false", let cost = e["cost-manual-value"].flatMap({ Double($0) }), cost != 0 {
            file.unmodelled["manual task costs", default: 0] += 1
        }
        file.tasks.append(task)
        for s in subtasks { try readTask(s, parentUID: uid, level: level + 1) }
    }

    /// `<depend>` elements, on the predecessor, once every task is known.
    mutating func readDepends(_ e: Element) {
        let predecessor = e["id"] ?? ""
        for d in e.children("depend") {
            let element = "task id \(predecessor) / depend"
            guard let successor = d["id"], taskLines[successor] != nil else {
                notice(element, d.line, "successor task \(d["id"] ?? "(none)") is not in the file; the dependency was skipped")
                continue
            }
            let type: DependencyType
            switch d["type"] {
            case "1": type = .startToStart
            case "2", nil: type = .finishToStart
            case "3": type = .finishToFinish
            case "4": type = .startToFinish
            case let other?:
                notice(element, d.line, "unknown dependency type '\(other)'; read as finish-to-start")
                type = .finishToStart
            }
            let lagDays = days(d["difference"], element: "\(element) / difference", line: d.line) ?? 0
            file.links.append(ProjectFile.Link(predecessorUID: predecessor, successorUID: successor, type: type,
                                               lag: ProjectFile.Lag(.working(minutes: Double(lagDays * file.minutesPerDay)), unit: .days)))
        }
        for s in e.children("task") { readDepends(s) }
    }

    // MARK: Resources

    /// Role ids to names: the custom role sets' `<role id name>`, and the default set's project manager.
    func roleNames(_ root: Element) -> [String: String] {
        var names = ["Default:1": "project manager"]
        for set in root.children("roles") where set["roleset-name"] != "Default" {
            for r in set.children("role") { if let id = r["id"] { names[id] = r["name"] ?? "" } }
        }
        return names
    }

    mutating func readResources(_ resources: Element?, roles: [String: String]) {
        for r in resources?.children("resource") ?? [] {
            guard let uid = r["id"], !uid.isEmpty else {
                notice("resource", r.line, "a resource without an id was skipped")
                continue
            }
            guard !file.resources.contains(where: { $0.uid == uid }) else {
                notice("resource id \(uid)", r.line, "a second resource with this id was skipped")
                continue
            }
            var resource = ProjectFile.Resource(uid: uid, name: r["name"] ?? "", group: r["function"].flatMap { roles[$0] } ?? "",
                                                email: r["contacts"] ?? "")
            // GanttProject's standard rate is per day; Gantry's per hour, over the day's 8 working hours.
            if let rate = r.children("rate").first(where: { $0["name"] == "standard" })?["value"].flatMap({ Double($0) }), rate.isFinite {
                resource.standardRate = rate / (Double(file.minutesPerDay) / 60)
            }
            if let phone = r["phone"], !phone.isEmpty { file.unmodelled["resource phone numbers", default: 0] += 1 }
            let custom = r.children("custom-property").count
            if custom > 0 { file.unmodelled["resource custom property values", default: 0] += custom }
            file.resources.append(resource)
        }
    }

    mutating func readAllocations(_ allocations: Element?) {
        let resources = Set(file.resources.map(\.uid))
        for a in allocations?.children("allocation") ?? [] {
            let task = a["task-id"] ?? "", resource = a["resource-id"] ?? ""
            let element = "allocation task-id \(task) resource-id \(resource)"
            guard taskLines[task] != nil, resources.contains(resource) else {
                notice(element, a.line, "the task or the resource is not in the file; the allocation was skipped")
                continue
            }
            var assignment = ProjectFile.Assignment(uid: "\(task)/\(resource)", taskUID: task, resourceUID: resource)
            if let load = a["load"].flatMap({ Double($0) }), load.isFinite { assignment.units = max(0, load) }
            file.assignments.append(assignment)
        }
    }

    /// A resource's vacations become a calendar of its own: the project calendar plus those days off. The end
    /// date is exclusive (GanttProject stores a vacation as [start, end)).
    mutating func readVacations(_ vacations: Element?) {
        var byResource: [String: [CalendarException]] = [:]
        var order: [String] = []
        for v in vacations?.children("vacation") ?? [] {
            let resource = v["resourceid"] ?? ""
            let element = "vacation resourceid \(resource)"
            guard file.resources.contains(where: { $0.uid == resource }) else {
                notice(element, v.line, "resource \(resource) is not in the file; the vacation was skipped")
                continue
            }
            guard let start = date(v["start"], element: "\(element) / start", line: v.line),
                  let end = date(v["end"], element: "\(element) / end", line: v.line) else {
                notice(element, v.line, "a vacation without a start and an end was skipped")
                continue
            }
            let last = end > start ? end.adding(days: -1) : start
            if byResource[resource] == nil { order.append(resource) }
            byResource[resource, default: []].append(CalendarException(name: "vacation", from: start, to: last))
        }
        for resource in order {
            let uid = "vacations-\(resource)"
            let name = file.resources.first { $0.uid == resource }?.name ?? resource
            file.calendars.append(ProjectFile.Calendar(uid: uid, name: "\(name) (vacations)", baseUID: file.calendarUID,
                                                       exceptions: byResource[resource] ?? []))
            if let i = file.resources.firstIndex(where: { $0.uid == resource }) { file.resources[i].calendarUID = uid }
        }
    }

    // MARK: Baselines

    /// `<previous-tasks name>` sets in file order are baselines 0, 1, …; each `<previous-task id start duration>`
    /// gives a task's baseline start, duration and (counted on the calendar) finish.
    mutating func readBaselines(_ previous: Element?) {
        let sets = previous?.children("previous-tasks") ?? []
        let indexByUID = Dictionary(file.tasks.indices.map { (file.tasks[$0].uid, $0) }, uniquingKeysWith: { a, _ in a })
        for (number, set) in sets.enumerated() {
            for p in set.children("previous-task") {
                let uid = p["id"] ?? ""
                let element = "previous-task id \(uid)"
                guard let i = indexByUID[uid] else {
                    notice(element, p.line, "task \(uid) is not in the file; its baseline was skipped")
                    continue
                }
                let length = max(0, days(p["duration"], element: "\(element) / duration", line: p.line) ?? 0)
                var baseline = ProjectFile.Baseline(number: number,
                                                    duration: ProjectFile.Duration(minutes: Double(length * file.minutesPerDay), unit: .days))
                if let start = date(p["start"], element: "\(element) / start", line: p.line) {
                    baseline.start = LocalDateTime(date: start, minuteOfDay: Self.dayStart)
                    baseline.finish = length == 0 || p["meeting"] == "true"
                        ? baseline.start
                        : LocalDateTime(date: lastWorkingDay(from: start, days: length), minuteOfDay: Self.dayEnd)
                }
                file.tasks[i].baselines.append(baseline)
            }
        }
        if !sets.isEmpty { file.unmodelled["baseline names", default: 0] += sets.count }
    }
}
