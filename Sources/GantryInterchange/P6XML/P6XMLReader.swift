public import Foundation
import GantryModel

/// Reads a Primavera P6 XML export (`<APIBusinessObjects>`) into a `ProjectFile`, in the same shape as
/// `XERReader`: the same business objects under their API names instead of their table names.
///
/// - `Project`: `Name`, `PlannedStartDate` → `start`, `ScheduledFinishDate` → `finish`, `DataDate` →
///   `statusDate`, `ActivityDefaultCalendarObjectId` → the project calendar, `RelationshipLagCalendar` →
///   `lagCalendar`; the options that change dates (`OutOfSequenceScheduleType`, `CriticalActivityPathType`,
///   `CriticalActivityFloatThreshold`, …) → `schedulingOptions`.
/// - `Calendar` (global, and under the project): `StandardWorkWeek` and `HolidayOrExceptions`. A work time's
///   `Finish` is its last working minute (`11:59:00` for work up to noon), so a minute is added.
/// - `WBS` → summary tasks `WBS<ObjectId>`; `Activity` → tasks (uid `ObjectId`, `code` = `Id`), durations and
///   floats in hours as in XER; `Type` is kept under its XER code (`TT_Task`, `TT_Rsrc`, …) so both P6 readers
///   agree; `Relationship` → links; `Resource` and `Role` → resources; `ResourceAssignment` → assignments.
///
/// Elements this reader does not read are counted in `unmodelled` as "P6 XML NAME".
public enum P6XMLReader {
    /// Reads the project whose `Id` is `project`, or the file's first project.
    public static func read(_ data: Data, project: String? = nil) throws(InterchangeError) -> ProjectFile {
        let tree = try SimpleXMLTree.parse(data, what: "P6 XML file")
        guard tree.root.name == "APIBusinessObjects" else {
            throw InterchangeError(element: tree.root.name, line: tree.root.line, "not a Primavera P6 XML file: the root element is <\(tree.root.name)>, expected <APIBusinessObjects>")
        }
        var reader = P6Reader()
        return try reader.read(tree.root, project: project)
    }
}

private struct P6Reader {
    typealias Element = SimpleXMLTree.Element

    var file = ProjectFile(format: .p6xml)

    /// Top-level and project-level elements given meaning here; the rest is counted as unmodelled.
    static let readTop: Set<String> = ["Calendar", "Resource", "Role", "ResourceRate", "Project", "ProjectList", "Relationship", "ResourceAssignment"]
    static let readInProject: Set<String> = ["Calendar", "WBS", "Activity", "Relationship", "ResourceAssignment", "ScheduleOptions"]

    mutating func notice(_ element: String, _ line: Int?, _ message: String) {
        file.notices.append(.init(element: element, line: line, message: message))
    }

    // MARK: Values

    mutating func number(_ e: Element, _ name: String, _ what: String) -> Double? {
        guard let text = e.text(of: name) else { return nil }
        guard let v = Double(text), v.isFinite else {
            notice("\(what) / \(name)", e.child(name)?.line, "'\(text)' is not a number; read as empty")
            return nil
        }
        return v
    }

    /// `yyyy-MM-ddTHH:mm:ss` (seconds dropped).
    mutating func date(_ e: Element, _ name: String, _ what: String) -> LocalDateTime? {
        guard let text = e.text(of: name) else { return nil }
        if let d = try? LocalDateTime(iso: text.prefix(16)) { return d }
        notice("\(what) / \(name)", e.child(name)?.line, "'\(text)' is not a date like 2021-05-17T08:00:00; read as empty")
        return nil
    }

    mutating func hours(_ e: Element, _ name: String, _ what: String) -> ProjectFile.Duration? {
        minutes(e, name, what).map { ProjectFile.Duration(minutes: $0, unit: .hours) }
    }

    /// A value in hours as minutes, clamped to ±`XERReader.maxHours` as the XER reader does.
    mutating func minutes(_ e: Element, _ name: String, _ what: String) -> Double? {
        guard let h = number(e, name, what) else { return nil }
        if abs(h) > XERReader.maxHours {
            notice("\(what) / \(name)", e.child(name)?.line, "\(h) hours is out of range; clamped to \(Int(XERReader.maxHours))")
        }
        return max(-XERReader.maxHours, min(XERReader.maxHours, h)) * 60
    }

    // MARK: Project

    mutating func read(_ root: Element, project wanted: String?) throws(InterchangeError) -> ProjectFile {
        let projects = root.children("Project")
        guard !projects.isEmpty else {
            throw InterchangeError(element: "Project", line: root.line, "the P6 XML file holds no <Project>")
        }
        let ids = projects.map { $0.text(of: "Id") ?? $0.text(of: "ObjectId") ?? "" }
        let chosen: Element
        if let wanted {
            let key = wanted.trimmingCharacters(in: .whitespaces)
            guard let p = projects.first(where: { $0.text(of: "Id") == key || $0.text(of: "ObjectId") == key })
                    ?? projects.first(where: { $0.text(of: "Id")?.lowercased() == key.lowercased() }) else {
                throw InterchangeError(element: "Project", line: projects[0].line, "no project with the Id or ObjectId '\(wanted)' in the file; it holds \(ids.joined(separator: ", "))")
            }
            chosen = p
        } else {
            // The project that holds the schedule: the one with the most activities, the first on a tie.
            chosen = projects.max { a, b in a.children("Activity").count < b.children("Activity").count } ?? projects[0]
        }
        let chosenID = chosen.text(of: "Id") ?? ""
        if projects.count > 1 {
            let why = wanted == nil ? ", the one with the most activities" : ""
            notice("Project", chosen.line, "the file holds \(projects.count) projects; read '\(chosenID)'\(why), not \(ids.filter { $0 != chosenID }.map { "'\($0)'" }.joined(separator: ", ")); choose another by its Id (--project)")
        }
        let projectObjectID = chosen.text(of: "ObjectId") ?? ""

        file.application = "Primavera P6"
        file.name = chosen.text(of: "Name") ?? chosenID
        file.start = date(chosen, "PlannedStartDate", "Project") ?? date(chosen, "StartDate", "Project")
        file.finish = date(chosen, "ScheduledFinishDate", "Project")
        file.statusDate = date(chosen, "DataDate", "Project")
        file.mustFinishBy = date(chosen, "MustFinishByDate", "Project")
        for option in ["OutOfSequenceScheduleType", "CriticalActivityPathType", "CriticalActivityFloatThreshold",
                       "ComputeTotalFloatType", "MakeOpenEndedActivitiesCritical", "UseExpectedFinishDates",
                       "IgnoreOtherProjectRelationships", "StartToStartLagCalculationType", "RelationshipLagCalendar",
                       "CalculateFloatBasedOnFinishDate", "ActivityDefaultDurationType"] {
            if let v = chosen.text(of: option) { file.schedulingOptions[option] = v }
        }
        switch chosen.text(of: "RelationshipLagCalendar") {
        // Without the option P6 counts lags on the predecessor's calendar, its default.
        case "Predecessor Activity Calendar", nil: file.lagCalendar = .predecessor
        case "Successor Activity Calendar": file.lagCalendar = .successor
        case "24 Hour Calendar": file.lagCalendar = .twentyFourHour
        case "Project Default Calendar": file.lagCalendar = .project
        case let other?:
            notice("Project / RelationshipLagCalendar", chosen.child("RelationshipLagCalendar")?.line,
                   "unknown lag calendar '\(other)'; lags are counted on the predecessor's calendar (P6's default)")
            file.lagCalendar = .predecessor
        }

        readCalendars(root.children("Calendar") + chosen.children("Calendar"), project: chosen)
        readWBSAndActivities(chosen, projectObjectID: projectObjectID)
        readLinks(root.children("Relationship") + chosen.children("Relationship"), projectObjectID: projectObjectID)
        readResources(root)
        readAssignments(root.children("ResourceAssignment") + chosen.children("ResourceAssignment"), projectObjectID: projectObjectID)

        for e in root.children where !Self.readTop.contains(e.name) {
            file.unmodelled["P6 XML \(e.name)", default: 0] += 1
        }
        for e in chosen.children where !e.children.isEmpty && !Self.readInProject.contains(e.name) {
            file.unmodelled["P6 XML \(e.name)", default: 0] += 1
        }
        return file
    }

    // MARK: Calendars

    /// Minutes after midnight of `HH:mm:ss`. P6 works in quarter hours and writes a period's finish as its last
    /// working minute (11:59 for work up to noon, 15:29 up to half past three), so a finish one minute short of a
    /// quarter hour gets that minute back.
    static func minutes(_ text: String, finish: Bool) -> Int? {
        let parts = text.split(separator: ":")
        guard parts.count >= 2, let h = Int(parts[0]), let m = Int(parts[1]), (0...24).contains(h), (0..<60).contains(m) else { return nil }
        var v = h * 60 + m
        if finish && (m + 1) % 15 == 0 { v += 1 }
        if finish && v == 0 { v = 1440 }
        return v <= 1440 ? v : nil
    }

    mutating func workTimes(_ parent: Element, what: String) -> [TimeRange] {
        var result: [TimeRange] = []
        for w in parent.children("WorkTime") where !w.children.isEmpty {
            guard let s = w.text(of: "Start").flatMap({ Self.minutes($0, finish: false) }),
                  let f = w.text(of: "Finish").flatMap({ Self.minutes($0, finish: true) }), s < f else {
                notice(what, w.line, "a work time from '\(w.text(of: "Start") ?? "")' to '\(w.text(of: "Finish") ?? "")' was skipped")
                continue
            }
            result.append(TimeRange(start: s, end: f))
        }
        return result.sorted { $0.start < $1.start }
    }

    mutating func readCalendars(_ elements: [Element], project: Element) {
        var defaultUID: String?
        for c in elements {
            guard let uid = c.text(of: "ObjectId") else {
                notice("Calendar", c.line, "a calendar without an ObjectId was skipped")
                continue
            }
            guard !file.calendars.contains(where: { $0.uid == uid }) else {
                notice("Calendar ObjectId \(uid)", c.line, "a second calendar with this ObjectId was skipped")
                continue
            }
            let what = "Calendar ObjectId \(uid)"
            var calendar = ProjectFile.Calendar(uid: uid, name: c.text(of: "Name") ?? "", baseUID: c.text(of: "BaseCalendarObjectId"))
            if let week = c.child("StandardWorkWeek") {
                for day in Weekday.allCases { calendar.week[day] = [] }
                for h in week.children("StandardWorkHours") {
                    guard let name = h.text(of: "DayOfWeek"), let day = Weekday.allCases.first(where: { $0.rawValue == name.lowercased() }) else {
                        notice(what, h.line, "a day of the week '\(h.text(of: "DayOfWeek") ?? "")' was skipped")
                        continue
                    }
                    calendar.week[day] = workTimes(h, what: what)
                }
            }
            for x in c.child("HolidayOrExceptions")?.children("HolidayOrException") ?? [] {
                guard let d = date(x, "Date", what)?.date else { continue }
                calendar.exceptions.append(CalendarException(name: "", from: d, to: d, working: workTimes(x, what: what)))
            }
            if let hours = number(c, "HoursPerDay", what), hours > 0, calendar.uid == project.text(of: "ActivityDefaultCalendarObjectId") {
                file.minutesPerDay = Int(max(1, (min(hours, 24) * 60).rounded()))
                if let week = number(c, "HoursPerWeek", what), week > 0 { file.minutesPerWeek = Int(max(1, (min(week, 168) * 60).rounded())) }
                if let month = number(c, "HoursPerMonth", what), month > 0 { file.daysPerMonth = Int(max(1, min(31, (month / hours).rounded()))) }
            }
            if c.text(of: "IsDefault") == "1", defaultUID == nil { defaultUID = uid }
            file.calendars.append(calendar)
        }
        let uids = Set(file.calendars.map(\.uid))
        for i in file.calendars.indices {
            if let base = file.calendars[i].baseUID, !uids.contains(base) {
                notice("Calendar ObjectId \(file.calendars[i].uid) / BaseCalendarObjectId", nil, "base calendar \(base) is not in the file; the calendar stands alone")
                file.calendars[i].baseUID = nil
            }
        }
        if let uid = project.text(of: "ActivityDefaultCalendarObjectId"), uids.contains(uid) {
            file.calendarUID = uid
        } else {
            file.calendarUID = defaultUID ?? file.calendars.first?.uid
        }
    }

    // MARK: WBS and activities

    mutating func readWBSAndActivities(_ project: Element, projectObjectID: String) {
        // The WBS path joins the nodes' codes with the project's separator, "." unless it names another.
        let separator = project.text(of: "WBSCodeSeparator") ?? "."
        var nodes: [String: Element] = [:]
        var order: [String] = []
        for w in project.children("WBS") {
            guard let id = w.text(of: "ObjectId"), nodes[id] == nil else {
                notice("WBS", w.line, "a WBS node without an ObjectId, or a second one with the same, was skipped")
                continue
            }
            nodes[id] = w
            order.append(id)
        }
        var children: [String: [String]] = [:]
        var roots: [String] = []
        for id in order {
            if let parent = nodes[id]?.text(of: "ParentObjectId"), nodes[parent] != nil, parent != id {
                children[parent, default: []].append(id)
            } else {
                roots.append(id)
            }
        }
        func seq(_ id: String) -> Double { nodes[id]?.text(of: "SequenceNumber").flatMap { Double($0) } ?? 0 }
        func ordered(_ ids: [String]) -> [String] {
            ids.enumerated().sorted { (seq($0.element), $0.offset) < (seq($1.element), $1.offset) }.map(\.element)
        }
        var activitiesByWBS: [String: [Element]] = [:]
        var loose: [Element] = []
        var seen: Set<String> = []
        for a in project.children("Activity") {
            guard let id = a.text(of: "ObjectId") else {
                notice("Activity", a.line, "an activity without an ObjectId was skipped")
                continue
            }
            guard seen.insert(id).inserted else {
                notice("Activity ObjectId \(id)", a.line, "a second activity with this ObjectId was skipped")
                continue
            }
            if let w = a.text(of: "WBSObjectId"), nodes[w] != nil { activitiesByWBS[w, default: []].append(a) } else { loose.append(a) }
        }
        var visited: Set<String> = []
        func visit(_ id: String, level: Int, path: String, parent: String?, into reader: inout P6Reader) {
            guard visited.insert(id).inserted, let w = nodes[id] else { return }
            let code = w.text(of: "Code") ?? ""
            let full = path.isEmpty ? code : path + separator + code
            let uid = "WBS" + id
            reader.file.tasks.append(ProjectFile.Task(uid: uid, code: code, name: w.text(of: "Name") ?? code, wbs: full,
                                                      outlineLevel: level, parentUID: parent, summary: true, type: "WBS"))
            for a in activitiesByWBS[id] ?? [] { reader.file.tasks.append(reader.activity(a, wbs: full, level: level + 1, parent: uid)) }
            for c in ordered(children[id] ?? []) { visit(c, level: level + 1, path: full, parent: uid, into: &reader) }
        }
        for r in ordered(roots) { visit(r, level: 1, path: "", parent: nil, into: &self) }
        for id in order where !visited.contains(id) { visit(id, level: 1, path: "", parent: nil, into: &self) }
        // Activities straight under the project (no WBS node) sit at the top level, as P6 shows them.
        for a in loose { file.tasks.append(activity(a, wbs: "", level: 1, parent: nil)) }
    }

    /// P6 XML's activity types under their XER codes.
    static let activityTypes = [
        "Task Dependent": "TT_Task", "Resource Dependent": "TT_Rsrc", "Start Milestone": "TT_Mile",
        "Finish Milestone": "TT_FinMile", "Level of Effort": "TT_LOE", "WBS Summary": "TT_WBS",
    ]

    /// P6 XML's constraint names (the P6 client's) in MS Project's terms, as `XERReader` maps the XER codes.
    static let constraints: [String: SchedulingConstraint] = [
        "Start On": .mustStartOn, "Mandatory Start": .mustStartOn, "Finish On": .mustFinishOn, "Mandatory Finish": .mustFinishOn,
        "Start On or After": .startNoEarlierThan, "Start On or Before": .startNoLaterThan,
        "Finish On or After": .finishNoEarlierThan, "Finish On or Before": .finishNoLaterThan,
        "As Late As Possible": .alap, "As Soon As Possible": .asap,
    ]

    mutating func activity(_ a: Element, wbs: String, level: Int, parent: String?) -> ProjectFile.Task {
        let uid = a.text(of: "ObjectId") ?? ""
        let what = "Activity ObjectId \(uid)"
        var task = ProjectFile.Task(uid: uid, code: a.text(of: "Id") ?? "", name: a.text(of: "Name") ?? "", wbs: wbs,
                                    outlineLevel: level, parentUID: parent)
        let typeName = a.text(of: "Type") ?? "Task Dependent"
        if let type = Self.activityTypes[typeName] { task.type = type } else {
            notice("\(what) / Type", a.child("Type")?.line, "unknown activity type '\(typeName)'; read as task dependent")
            task.type = "TT_Task"
        }
        task.milestone = task.type == "TT_Mile" || task.type == "TT_FinMile"
        task.resourceDriven = task.type == "TT_Rsrc"
        task.ignoreResourceCalendar = task.type != "TT_Rsrc"
        if let cal = a.text(of: "CalendarObjectId") {
            if file.calendars.contains(where: { $0.uid == cal }) { task.calendarUID = cal } else {
                notice("\(what) / CalendarObjectId", a.child("CalendarObjectId")?.line, "calendar \(cal) is not in the file; the project calendar is used")
            }
        }
        task.duration = hours(a, "PlannedDuration", what)
        task.remainingDuration = hours(a, "RemainingDuration", what)
        task.actualDuration = hours(a, "ActualDuration", what)
        task.actualStart = date(a, "ActualStartDate", what)
        task.actualFinish = date(a, "ActualFinishDate", what)
        task.expectedFinish = date(a, "ExpectedFinishDate", what)
        // PercentComplete is a fraction (1.0 is 100 %), the one P6 shows for the activity's percent complete type.
        if let pc = number(a, "PercentComplete", what) { task.percentComplete = max(0, min(100, pc * 100)) }
        task.start = date(a, "StartDate", what)
        task.finish = date(a, "FinishDate", what)
        if let kind = a.text(of: "PrimaryConstraintType") {
            if let c = Self.constraints[kind] {
                let d = date(a, "PrimaryConstraintDate", what)
                if c.isDated && d == nil {
                    notice("\(what) / PrimaryConstraintDate", a.line, "constraint '\(kind)' has no date; read as as-soon-as-possible")
                } else {
                    task.constraint = c
                    task.constraintDate = c.isDated ? d : nil
                    task.softConstraint = kind == "Start On" || kind == "Finish On"
                }
            } else {
                notice("\(what) / PrimaryConstraintType", a.child("PrimaryConstraintType")?.line, "constraint '\(kind)' has no equivalent; read as as-soon-as-possible")
            }
        }
        task.suspendDate = date(a, "SuspendDate", what)
        task.resumeDate = date(a, "ResumeDate", what)
        task.externalEarlyStart = date(a, "ExternalEarlyStartDate", what)
        task.externalLateFinish = date(a, "ExternalLateFinishDate", what)
        if let kind = a.text(of: "SecondaryConstraintType") {
            let d = date(a, "SecondaryConstraintDate", what)
            if let c = Self.constraints[kind], ProjectFile.Task.secondaryConstraintKinds.contains(c), let d {
                task.secondaryConstraint = c
                task.secondaryConstraintDate = d
            } else {
                notice("\(what) / SecondaryConstraintType", a.child("SecondaryConstraintType")?.line,
                       d == nil ? "secondary constraint '\(kind)' has no SecondaryConstraintDate; it is not applied"
                       : "secondary constraint '\(kind)' is not one P6 allows (start or finish on or before, on or after); it is not applied")
            }
        }
        task.priority = switch a.text(of: "LevelingPriority") {
        case "Top": 900
        case "High": 700
        case "Low": 300
        case "Lowest": 100
        default: 500
        }
        task.stored.earlyStart = date(a, "EarlyStartDate", what)
        task.stored.earlyFinish = date(a, "EarlyFinishDate", what)
        task.stored.lateStart = date(a, "LateStartDate", what)
        task.stored.lateFinish = date(a, "LateFinishDate", what)
        task.stored.totalSlack = hours(a, "TotalFloat", what)
        task.stored.freeSlack = hours(a, "FreeFloat", what)
        // Critical as P6 defines it for the project: on the longest path, or total float at or below the threshold.
        let longest = a.text(of: "IsLongestPath").map { $0 == "1" || $0 == "true" }
        if file.schedulingOptions["CriticalActivityPathType"] == "Longest Path" {
            task.stored.critical = longest
        } else if let tf = task.stored.totalSlack, a.text(of: "Status") != "Completed" {
            let threshold = (file.schedulingOptions["CriticalActivityFloatThreshold"].flatMap { Double($0) } ?? 0) * 60
            task.stored.critical = tf.minutes <= threshold
        } else {
            task.stored.critical = a.text(of: "IsCritical").map { $0 == "1" || $0 == "true" } ?? longest
        }
        return task
    }

    // MARK: Links

    mutating func readLinks(_ elements: [Element], projectObjectID: String) {
        let known = Set(file.tasks.filter { !$0.summary }.map(\.uid))
        for r in elements {
            let what = "Relationship ObjectId \(r.text(of: "ObjectId") ?? "?")"
            let successor = r.text(of: "SuccessorActivityObjectId") ?? ""
            let predecessor = r.text(of: "PredecessorActivityObjectId") ?? ""
            if let p = r.text(of: "SuccessorProjectObjectId"), p != projectObjectID { continue }
            guard known.contains(successor) else {
                if r.text(of: "SuccessorProjectObjectId") == nil, !known.contains(predecessor) { continue }
                notice(what, r.line, "successor activity \(successor.isEmpty ? "(none)" : successor) is not in the project; the link was skipped")
                continue
            }
            var cross: String?
            if let p = r.text(of: "PredecessorProjectObjectId"), p != projectObjectID {
                cross = "project \(p) / activity \(predecessor)"
            } else if !known.contains(predecessor) {
                notice(what, r.line, "predecessor activity \(predecessor.isEmpty ? "(none)" : predecessor) is not in the project; the link was skipped")
                continue
            }
            let type: DependencyType
            switch r.text(of: "Type") {
            case "Finish to Start", nil: type = .finishToStart
            case "Start to Start": type = .startToStart
            case "Finish to Finish": type = .finishToFinish
            case "Start to Finish": type = .startToFinish
            case let other?:
                notice("\(what) / Type", r.line, "unknown relationship type '\(other)'; read as finish-to-start")
                type = .finishToStart
            }
            let lag = minutes(r, "Lag", what) ?? 0
            file.links.append(ProjectFile.Link(predecessorUID: predecessor, successorUID: successor, type: type,
                                               lag: ProjectFile.Lag(.working(minutes: lag), unit: .hours), crossProject: cross))
        }
    }

    // MARK: Resources

    mutating func readResources(_ root: Element) {
        // The first rate period (earliest EffectiveDate) gives the rate and max units.
        var firstRate: [String: Element] = [:]
        var periods = 0
        for r in root.children("ResourceRate") {
            guard let id = r.text(of: "ResourceObjectId") else { continue }
            if let current = firstRate[id] {
                periods += 1
                if (r.text(of: "EffectiveDate") ?? "") < (current.text(of: "EffectiveDate") ?? "") { firstRate[id] = r }
            } else {
                firstRate[id] = r
            }
        }
        if periods > 0 { file.unmodelled["resource rate periods after the first", default: 0] += periods }
        for r in root.children("Resource") {
            guard let uid = r.text(of: "ObjectId") else {
                notice("Resource", r.line, "a resource without an ObjectId was skipped")
                continue
            }
            let what = "Resource ObjectId \(uid)"
            var resource = ProjectFile.Resource(uid: uid, name: r.text(of: "Name") ?? "", initials: r.text(of: "Id") ?? "",
                                                email: r.text(of: "EmailAddress") ?? "")
            switch r.text(of: "ResourceType") {
            case "Labor", "Nonlabor", nil: resource.kind = .work
            case "Material": resource.kind = .material
            case let other?: notice("\(what) / ResourceType", r.line, "unknown resource type '\(other)'; read as labor")
            }
            if let cal = r.text(of: "CalendarObjectId") {
                if file.calendars.contains(where: { $0.uid == cal }) { resource.calendarUID = cal } else {
                    notice("\(what) / CalendarObjectId", r.line, "calendar \(cal) is not in the file; the project calendar is used")
                }
            }
            if let rate = firstRate[uid] {
                if let m = number(rate, "MaxUnitsPerTime", what) { resource.maxUnits = m * 100 }
                if let p = number(rate, "PricePerUnit", what) { resource.standardRate = p }
            }
            file.resources.append(resource)
        }
        for r in root.children("Role") {
            guard let id = r.text(of: "ObjectId") else { continue }
            file.resources.append(ProjectFile.Resource(uid: "ROLE" + id, name: r.text(of: "Name") ?? "", initials: r.text(of: "Id") ?? "", generic: true))
        }
    }

    mutating func readAssignments(_ elements: [Element], projectObjectID: String) {
        let tasks = Set(file.tasks.filter { !$0.summary }.map(\.uid))
        let resources = Set(file.resources.map(\.uid))
        for a in elements {
            if let p = a.text(of: "ProjectObjectId"), p != projectObjectID { continue }
            let uid = a.text(of: "ObjectId") ?? ""
            let what = "ResourceAssignment ObjectId \(uid)"
            guard let task = a.text(of: "ActivityObjectId"), tasks.contains(task) else {
                notice(what, a.line, "activity \(a.text(of: "ActivityObjectId") ?? "(none)") is not in the project; the assignment was skipped")
                continue
            }
            guard let resource = a.text(of: "ResourceObjectId") ?? a.text(of: "RoleObjectId").map({ "ROLE" + $0 }), resources.contains(resource) else {
                notice(what, a.line, "the assignment's resource or role is not in the file; the assignment was skipped")
                continue
            }
            var assignment = ProjectFile.Assignment(uid: uid, taskUID: task, resourceUID: resource)
            if let perTime = number(a, "RemainingUnitsPerTime", what) ?? number(a, "PlannedUnitsPerTime", what) { assignment.units = perTime * 100 }
            assignment.work = minutes(a, "PlannedUnits", what)
            assignment.actualWork = minutes(a, "ActualUnits", what)
            assignment.remainingWork = minutes(a, "RemainingUnits", what)
            file.assignments.append(assignment)
        }
    }
}
