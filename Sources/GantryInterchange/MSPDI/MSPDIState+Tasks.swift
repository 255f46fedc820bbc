import GantryModel

extension MSPDIState {
    // MARK: Tasks

    /// One `<Task>`. The row with ID 0 or outline level 0 is MS Project's project summary task: it stands for the
    /// project, not a task, and is left out.
    mutating func task(_ e: MSPDIElement) throws(InterchangeError) {
        taskRows += 1
        // A blank row (IsNull) also has OutlineLevel 0: it is a row, not the project summary.
        let blankRow = e.text("IsNull").flatMap(MSPDIValues.bool) ?? false
        if !blankRow && (e.text("ID") == "0" || e.text("OutlineLevel") == "0") {
            projectSummaryUID = e.text("UID").map(String.init)
            return
        }
        guard let uidText = e.text("UID") else {
            let id = e.text("ID").map { " (ID \($0))" } ?? ""
            throw InterchangeError(element: "Task row \(taskRows)\(id)", line: e.line,
                                   "the task has no UID, so its links and assignments cannot be matched")
        }
        let uid = String(uidText)
        let owner = "Task UID \(uid)"
        if let first = taskIndex[uid] {
            throw InterchangeError(element: "Task row \(taskRows) (UID \(uid))", line: e.line,
                                   "duplicate task UID \(uid): the task at line \(first.line) has it too")
        }

        var t = ProjectFile.Task(uid: uid, name: "")
        var durationMinutes: Double?, actualMinutes: Double?, remainingMinutes: Double?
        var totalSlack: Double?, freeSlack: Double?
        var fmt: (unit: ProjectFile.Duration.Unit, elapsed: Bool, estimated: Bool)?
        var estimated = false
        var outlineLevel: Int?, outlineNumber: String?
        var links: [MSPDIElement] = []
        var baselines: [MSPDIElement] = []
        for c in e.children {
            let v = c.value
            switch c.name {
            case "UID": break
            case "ID": t.rowID = int(c, owner)
            case "Name": t.name = String(v)
            case "WBS": t.wbs = String(v)
            case "OutlineNumber": outlineNumber = v.isEmpty ? nil : String(v)
            case "OutlineLevel": outlineLevel = int(c, owner, in: 0...1000)
            case "Summary": t.summary = bool(c, owner) ?? false
            case "Milestone": t.milestone = bool(c, owner) ?? false
            case "Manual": t.manual = bool(c, owner) ?? false
            case "IsNull": t.isNull = bool(c, owner) ?? false
            case "Active": t.active = bool(c, owner) ?? true
            case "ExternalTask": t.external = bool(c, owner) ?? false
            case "Type":
                // MS Project's task type (PjTaskFixedType): 0 fixed units, 1 fixed duration, 2 fixed work.
                switch v {
                case "0": t.type = "FixedUnits"
                case "1": t.type = "FixedDuration"
                case "2": t.type = "FixedWork"
                case "": break
                default: notice("\(owner) / Type", c.line, "unknown task type '\(v.prefix(20))'; kept as given"); t.type = String(v)
                }
            case "Duration": durationMinutes = minutes(c, owner)
            case "DurationFormat": fmt = format(c, owner)
            case "Estimated": estimated = bool(c, owner) ?? false
            case "Start": t.start = date(c, owner)
            case "Finish": t.finish = date(c, owner)
            case "EarlyStart": t.stored.earlyStart = date(c, owner)
            case "EarlyFinish": t.stored.earlyFinish = date(c, owner)
            case "LateStart": t.stored.lateStart = date(c, owner)
            case "LateFinish": t.stored.lateFinish = date(c, owner)
            case "TotalSlack": totalSlack = tenthsOfMinute(c, owner)
            case "FreeSlack": freeSlack = tenthsOfMinute(c, owner)
            case "Critical": t.stored.critical = bool(c, owner)
            case "ConstraintType":
                // PjConstraint: 0 ASAP, 1 ALAP, 2 MSO, 3 MFO, 4 SNET, 5 SNLT, 6 FNET, 7 FNLT.
                let kinds: [SchedulingConstraint] = [.asap, .alap, .mustStartOn, .mustFinishOn, .startNoEarlierThan,
                                                     .startNoLaterThan, .finishNoEarlierThan, .finishNoLaterThan]
                if let n = int(c, owner) {
                    if kinds.indices.contains(n) { t.constraint = kinds[n] } else {
                        notice("\(owner) / ConstraintType", c.line, "unknown constraint type \(n); read as ASAP")
                    }
                }
            case "ConstraintDate": t.constraintDate = date(c, owner)
            case "Deadline": t.deadline = date(c, owner)
            case "Priority": if let p = int(c, owner, in: 0...1000) { t.priority = p }
            case "PercentComplete":
                if let p = double(c, owner) {
                    if (0...100).contains(p) { t.percentComplete = p } else {
                        notice("\(owner) / PercentComplete", c.line, "\(p) is outside 0–100; clamped")
                        t.percentComplete = min(max(p, 0), 100)
                    }
                }
            case "ActualStart": t.actualStart = date(c, owner)
            case "ActualFinish": t.actualFinish = date(c, owner)
            case "ActualDuration": actualMinutes = minutes(c, owner)
            case "RemainingDuration": remainingMinutes = minutes(c, owner)
            case "CalendarUID": t.calendarUID = v.isEmpty || v == "-1" ? nil : String(v)
            case "IgnoreResourceCalendar": t.ignoreResourceCalendar = bool(c, owner) ?? false
            case "EffortDriven": t.resourceDriven = bool(c, owner) ?? false
            case "Notes": t.notes = String(v)
            case "PredecessorLink": links.append(c)
            case "Baseline": baselines.append(c)
            case "TimephasedData":
                t.timephased = true
                unmodelled("timephased data")
            case "ExtendedAttribute": unmodelled("task extended attribute values")
            case "OutlineCode": unmodelled("task outline code values")
            default:
                if !c.children.isEmpty {
                    unmodelled("task \(c.name)")
                } else if MSPDIValues.hasContent(v) && !Self.bookkeeping.contains(c.name) {
                    unmodelledField("task", c.name)
                }
            }
        }

        // Durations and slack are shown in the task's DurationFormat (default days).
        let unit: ProjectFile.Duration.Unit = fmt?.unit == .percent ? .days : (fmt?.unit ?? .days)
        let elapsed = fmt?.elapsed ?? false
        let isEstimated = estimated || (fmt?.estimated ?? false)
        func duration(_ m: Double?) -> ProjectFile.Duration? {
            m.map { ProjectFile.Duration(minutes: $0, unit: unit, elapsed: elapsed, estimated: isEstimated) }
        }
        t.duration = duration(durationMinutes)
        t.actualDuration = duration(actualMinutes)
        t.remainingDuration = duration(remainingMinutes)
        // Slack is working time even on an elapsed task (MS Project counts it on the task's calendar).
        t.stored.totalSlack = totalSlack.map { ProjectFile.Duration(minutes: $0, unit: unit) }
        t.stored.freeSlack = freeSlack.map { ProjectFile.Duration(minutes: $0, unit: unit) }
        if t.constraint.isDated && t.constraintDate == nil {
            notice("\(owner) / ConstraintDate", e.line, "\(t.constraint.rawValue) constraint without a date; read as ASAP")
            t.constraint = .asap
        }

        // The outline: the parent is the nearest earlier row with a lower level. A blank row (IsNull, which MS
        // Project writes with level 0) is a sibling of the row above it and parents nothing.
        if t.wbs.isEmpty, let outlineNumber { t.wbs = outlineNumber }
        if t.isNull {
            t.outlineLevel = outline.last?.level ?? 1
            t.parentUID = outline.dropLast().last?.uid
        } else {
            let level = max(outlineLevel ?? outlineNumber.map { $0.split(separator: ".").count } ?? 1, 1)
            t.outlineLevel = level
            while let top = outline.last, top.level >= level { outline.removeLast() }
            t.parentUID = outline.last?.uid
            outline.append((level, uid))
        }

        for b in baselines { if let baseline = taskBaseline(b, owner, unit: unit, elapsed: elapsed) { t.baselines.append(baseline) } }
        for l in links { predecessorLink(l, successor: uid, owner) }

        taskIndex[uid] = (file.tasks.count, e.line)
        file.tasks.append(t)
    }

    /// One of MS Project's baselines 0–10 on a task: start, finish, duration, work (minutes), cost (MSPDI stores
    /// currency in hundredths: cents).
    private mutating func taskBaseline(_ e: MSPDIElement, _ owner: String, unit: ProjectFile.Duration.Unit,
                                       elapsed: Bool) -> ProjectFile.Baseline? {
        let where_ = "\(owner) / Baseline"
        var b = ProjectFile.Baseline(number: 0)
        var fmt: (unit: ProjectFile.Duration.Unit, elapsed: Bool, estimated: Bool)?
        var durationMinutes: Double?
        var sawNumber = false
        for c in e.children {
            switch c.name {
            case "Number":
                guard let n = int(c, where_, in: 0...10) else { return nil }
                b.number = n; sawNumber = true
            case "Start": b.start = date(c, where_)
            case "Finish": b.finish = date(c, where_)
            case "Duration": durationMinutes = minutes(c, where_)
            case "DurationFormat": fmt = format(c, where_)
            case "Work": b.work = minutes(c, where_)
            case "Cost": b.cost = double(c, where_).map { $0 / 100 }
            case "EstimatedDuration": if let est = bool(c, where_), est { fmt = (fmt?.unit ?? unit, fmt?.elapsed ?? elapsed, true) }
            default:
                if MSPDIValues.hasContent(c.value) { unmodelled("task baseline field \(c.name)") }
            }
        }
        if !sawNumber { notice(where_, e.line, "baseline without a Number; read as baseline 0") }
        let u: ProjectFile.Duration.Unit = fmt?.unit == .percent ? .days : (fmt?.unit ?? unit)
        b.duration = durationMinutes.map {
            ProjectFile.Duration(minutes: $0, unit: u, elapsed: fmt?.elapsed ?? elapsed, estimated: fmt?.estimated ?? false)
        }
        return b
    }

    // MARK: Links

    /// A `<PredecessorLink>` inside its successor: PredecessorUID, Type (0 FF, 1 FS, 2 SF, 3 SS; FS when absent),
    /// LinkLag in tenths of a minute with its LagFormat, or for a percent format (19, 20 and their estimated 51,
    /// 52) the percentage itself (MPXJ's MSPDIReader reads it that way). Cross-project links keep the name MS
    /// Project gave (`CrossProjectName`, "file\\task ID").
    private mutating func predecessorLink(_ e: MSPDIElement, successor: String, _ owner: String) {
        let where_ = "\(owner) / PredecessorLink"
        var predecessor: String?
        var type = DependencyType.finishToStart
        var lag: Double?
        var fmt: (unit: ProjectFile.Duration.Unit, elapsed: Bool, estimated: Bool)?
        var cross = false
        var crossName: String?
        for c in e.children {
            let v = c.value
            switch c.name {
            case "PredecessorUID": predecessor = v.isEmpty ? nil : String(v)
            case "Type":
                switch v {
                case "0": type = .finishToFinish
                case "1", "": type = .finishToStart
                case "2": type = .startToFinish
                case "3": type = .startToStart
                default: notice("\(where_) / Type", c.line, "unknown link type '\(v.prefix(20))'; read as finish-to-start")
                }
            case "LinkLag": lag = double(c, where_)
            case "LagFormat": fmt = format(c, where_)
            case "CrossProject": cross = bool(c, where_) ?? false
            case "CrossProjectName": crossName = v.isEmpty ? nil : String(v)
            default:
                if MSPDIValues.hasContent(v) && !Self.bookkeeping.contains(c.name) { unmodelledField("link", c.name) }
            }
        }
        guard let predecessor else {
            notice(where_, e.line, "link without a PredecessorUID; skipped")
            return
        }
        let unit = fmt?.unit ?? .days
        var amount = ProjectFile.Lag.Amount.working(minutes: 0)
        if let lag, lag != 0 {
            if unit == .percent {
                if abs(lag) > 100_000 {
                    notice("\(where_) / LinkLag", e.line, "a lag of \(lag) % is absurd; read as zero")
                } else {
                    amount = .percent(lag)
                }
            } else if abs(lag / 10) > MSPDIValues.absurdMinutes {
                notice("\(where_) / LinkLag", e.line, "a lag of \(lag) tenths of a minute is longer than 100 years; read as zero")
            } else {
                amount = (fmt?.elapsed ?? false) ? .elapsed(minutes: lag / 10) : .working(minutes: lag / 10)
            }
        }
        let link = ProjectFile.Link(predecessorUID: predecessor, successorUID: successor, type: type,
                                    lag: ProjectFile.Lag(amount, unit: unit),
                                    crossProject: cross ? (crossName ?? "") : nil)
        pendingLinks.append((link, e.line))
    }

    // MARK: Resources

    /// One `<Resource>`. UID 0 is MS Project's placeholder for "unassigned" and is left out. Type 0 material,
    /// 1 work (2 or `IsCostResource` cost); MaxUnits 1.0 is 100 %; rates per hour as given, CostPerUse in
    /// hundredths.
    mutating func resource(_ e: MSPDIElement) {
        guard let uidText = e.text("UID") else {
            notice("Resource", e.line, "resource without a UID; skipped")
            return
        }
        let uid = String(uidText)
        if uid == "0" { return }
        let owner = "Resource UID \(uid)"
        if resourceUIDs.contains(uid) {
            notice(owner, e.line, "duplicate resource UID \(uid); the later one is skipped")
            return
        }
        var r = ProjectFile.Resource(uid: uid, name: "")
        var isCost = false
        for c in e.children {
            let v = c.value
            switch c.name {
            case "UID", "ID": break
            case "Name": r.name = String(v)
            case "Type":
                switch v {
                case "0": r.kind = .material
                case "1", "": r.kind = .work
                case "2": r.kind = .cost
                default: notice("\(owner) / Type", c.line, "unknown resource type '\(v.prefix(20))'; read as work")
                }
            case "IsCostResource": isCost = bool(c, owner) ?? false
            case "Initials": r.initials = String(v)
            case "Group": r.group = String(v)
            case "EmailAddress": r.email = String(v)
            case "MaxUnits":
                if let u = double(c, owner) {
                    if u < 0 { notice("\(owner) / MaxUnits", c.line, "negative max units \(u); read as 0") }
                    r.maxUnits = max(u, 0) * 100
                }
            case "CalendarUID": r.calendarUID = v.isEmpty || v == "-1" ? nil : String(v)
            case "StandardRate": r.standardRate = double(c, owner) ?? 0
            case "OvertimeRate": r.overtimeRate = double(c, owner) ?? 0
            case "CostPerUse": r.costPerUse = (double(c, owner) ?? 0) / 100
            case "IsGeneric": r.generic = bool(c, owner) ?? false
            case "ExtendedAttribute": unmodelled("resource extended attribute values")
            case "Baseline": unmodelled("resource baselines")
            case "TimephasedData": unmodelled("timephased data")
            default:
                if !c.children.isEmpty {
                    unmodelled("resource \(c.name)")
                } else if MSPDIValues.hasContent(v) && !Self.bookkeeping.contains(c.name) {
                    unmodelledField("resource", c.name)
                }
            }
        }
        if isCost { r.kind = .cost }
        resourceUIDs.insert(uid)
        file.resources.append(r)
    }

    // MARK: Assignments

    /// One `<Assignment>`. ResourceUID -65535 is MS Project's "no resource" row (it carries a task's timephased
    /// data): only its timephased data is kept. Units 1.0 is 100 %; work in minutes.
    mutating func assignment(_ e: MSPDIElement) {
        let uid = e.text("UID").map(String.init) ?? ""
        let owner = "Assignment UID \(uid)"
        guard let taskUID = e.text("TaskUID").map(String.init), let resourceUID = e.text("ResourceUID").map(String.init)
        else {
            notice(owner, e.line, "assignment without a TaskUID or ResourceUID; skipped")
            return
        }
        var a = ProjectFile.Assignment(uid: uid, taskUID: taskUID, resourceUID: resourceUID)
        var pieces: [(start: LocalDateTime, finish: LocalDateTime, zero: Bool)] = []
        var timephased = 0
        for c in e.children {
            let v = c.value
            switch c.name {
            case "UID", "TaskUID", "ResourceUID": break
            case "Units":
                if let u = double(c, owner) {
                    if u < 0 { notice("\(owner) / Units", c.line, "negative units \(u); read as 0") }
                    a.units = max(u, 0) * 100
                }
            case "Work": a.work = minutes(c, owner)
            case "ActualWork": a.actualWork = minutes(c, owner)
            case "RemainingWork": a.remainingWork = minutes(c, owner)
            case "WorkContour": a.workContour = int(c, owner, in: 0...8) ?? 0
            case "Baseline":
                var number: Int?, work: Double?
                for b in c.children {
                    switch b.name {
                    case "Number": number = int(b, "\(owner) / Baseline", in: 0...10)
                    case "Work": work = minutes(b, "\(owner) / Baseline")
                    default: if MSPDIValues.hasContent(b.value) { unmodelled("assignment baseline field \(b.name)") }
                    }
                }
                if let number, let work { a.baselineWork[number] = work }
            case "TimephasedData":
                timephased += 1
                // Work pieces (type 1 planned/remaining, 2 actual) are where MS Project keeps a task's splits.
                if let type = c.text("Type"), type == "1" || type == "2",
                   let s = c.text("Start").flatMap(MSPDIValues.dateTime),
                   let f = c.text("Finish").flatMap(MSPDIValues.dateTime) {
                    if let value = c.text("Value") {
                        pieces.append((s, f, (MSPDIValues.isoDurationMinutes(value) ?? 0) == 0))
                    }
                }
            case "ExtendedAttribute": unmodelled("assignment extended attribute values")
            default:
                if !c.children.isEmpty {
                    unmodelled("assignment \(c.name)")
                } else if MSPDIValues.hasContent(v) && !Self.bookkeeping.contains(c.name) {
                    unmodelledField("assignment", c.name)
                }
            }
        }
        if timephased > 0 {
            unmodelled("timephased data", timephased)
            timephasedTasks.insert(taskUID)
            if !pieces.isEmpty { workPieces[taskUID, default: []].append(pieces) }
        }
        if resourceUID == "-65535" { return }
        file.assignments.append(a)
    }

    // MARK: The last pass

    /// Resolves what needed the whole file: links to tasks that exist, assignments to known tasks and resources,
    /// timephased flags and splits, calendar references.
    mutating func finish() -> ProjectFile {
        for (kind, fields) in unmodelledFields {
            for (element, count) in fields { unmodelled("\(kind) field \(element)", count) }
        }
        unmodelledFields = [:]
        for (link, line) in pendingLinks {
            if link.crossProject != nil { file.links.append(link); continue }
            guard taskIndex[link.predecessorUID] != nil else {
                notice("Task UID \(link.successorUID) / PredecessorLink", line,
                       "predecessor UID \(link.predecessorUID) is not a task in this file; link skipped")
                continue
            }
            if link.predecessorUID == link.successorUID {
                notice("Task UID \(link.successorUID) / PredecessorLink", line, "a task cannot precede itself; link skipped")
                continue
            }
            file.links.append(link)
        }
        pendingLinks = []

        var kept: [ProjectFile.Assignment] = []
        kept.reserveCapacity(file.assignments.count)
        for a in file.assignments {
            if a.taskUID == projectSummaryUID {
                // Resources assigned to the project summary row (cost or budget resources): no task to carry them.
                unmodelled("assignments to the project summary task")
                continue
            }
            guard taskIndex[a.taskUID] != nil else {
                notice("Assignment UID \(a.uid)", nil, "task UID \(a.taskUID) is not in this file; assignment skipped")
                continue
            }
            guard resourceUIDs.contains(a.resourceUID) else {
                if a.resourceUID != "0" {
                    notice("Assignment UID \(a.uid)", nil, "resource UID \(a.resourceUID) is not in this file; assignment skipped")
                }
                continue
            }
            kept.append(a)
        }
        file.assignments = kept

        for uid in timephasedTasks {
            if let i = taskIndex[uid]?.index { file.tasks[i].timephased = true }
        }
        for (uid, perAssignment) in workPieces {
            guard let i = taskIndex[uid]?.index else { continue }
            let splits = Self.union(perAssignment.map(Self.splits))
            if splits.count > 1 { file.tasks[i].splits = splits }
        }

        for t in file.tasks {
            if let c = t.calendarUID, !calendarUIDs.contains(c) {
                notice("Task UID \(t.uid) / CalendarUID", nil, "calendar UID \(c) is not in this file; the project calendar applies")
            }
        }
        for (i, t) in file.tasks.enumerated() where t.calendarUID.map({ !calendarUIDs.contains($0) }) ?? false {
            file.tasks[i].calendarUID = nil
        }
        for (i, r) in file.resources.enumerated() {
            if let c = r.calendarUID, !calendarUIDs.contains(c) {
                notice("Resource UID \(r.uid) / CalendarUID", nil, "calendar UID \(c) is not in this file; the project calendar applies")
                file.resources[i].calendarUID = nil
            }
        }
        checkCalendarBases()
        if let c = file.calendarUID, !calendarUIDs.contains(c), !file.calendars.isEmpty {
            notice("Project / CalendarUID", nil, "calendar UID \(c) is not in this file")
        }
        return file
    }

    /// A derived calendar must name a base in the file, and following bases must not come back to a calendar:
    /// a missing base is dropped and a loop is cut at the calendar that closes it, each with a notice.
    private mutating func checkCalendarBases() {
        let index = Dictionary(file.calendars.enumerated().map { ($1.uid, $0) }, uniquingKeysWith: { a, _ in a })
        for i in file.calendars.indices {
            guard let base = file.calendars[i].baseUID else { continue }
            guard index[base] != nil else {
                notice("Calendar UID \(file.calendars[i].uid) / BaseCalendarUID", nil,
                       "base calendar UID \(base) is not in this file; read as a base calendar")
                file.calendars[i].baseUID = nil
                continue
            }
            var seen: Set<String> = [file.calendars[i].uid]
            var next: String? = base
            while let uid = next, let j = index[uid] {
                if seen.contains(uid) {
                    notice("Calendar UID \(file.calendars[i].uid) / BaseCalendarUID", nil,
                           "its base calendars lead back to calendar UID \(uid); the loop is cut here")
                    file.calendars[i].baseUID = nil
                    break
                }
                seen.insert(uid)
                next = file.calendars[j].baseUID
            }
        }
    }

    /// The task's working periods from its assignments' ones: periods that overlap or touch become one, so the
    /// task is split only where none of its assignments works.
    static func union(_ lists: [[ProjectFile.Period]]) -> [ProjectFile.Period] {
        let all = lists.joined().sorted { $0.start < $1.start }
        var result: [ProjectFile.Period] = []
        for p in all {
            if let last = result.last, p.start <= last.finish {
                if p.finish > last.finish { result[result.count - 1].finish = p.finish }
            } else {
                result.append(p)
            }
        }
        return result
    }

    /// The working pieces of one assignment from its timephased work: consecutive pieces with work, broken where a piece
    /// explicitly holds zero work between two that hold some (MS Project writes a split as zero-work periods; it
    /// writes non-working time such as weekends with no value at all, and those do not break a piece).
    static func splits(_ raw: [(start: LocalDateTime, finish: LocalDateTime, zero: Bool)]) -> [ProjectFile.Period] {
        let pieces = raw.sorted { $0.start < $1.start }
        var result: [ProjectFile.Period] = []
        var current: ProjectFile.Period?
        var gap = false
        for p in pieces {
            if p.zero {
                if current != nil { gap = true }
                continue
            }
            if var c = current {
                if gap {
                    result.append(c)
                    current = ProjectFile.Period(start: p.start, finish: p.finish)
                } else {
                    if p.finish > c.finish { c.finish = p.finish }
                    current = c
                }
            } else {
                current = ProjectFile.Period(start: p.start, finish: p.finish)
            }
            gap = false
        }
        if let current { result.append(current) }
        return result
    }
}
