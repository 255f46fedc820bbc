public import Foundation
import GantryModel

/// Reads a Primavera P6 XER export into a `ProjectFile`.
///
/// What comes from where (P6's table and field names):
/// - `PROJECT`: the name, `plan_start_date` → `start`, `scd_end_date` → `finish`, `last_recalc_date` (the data
///   date) → `statusDate`, `clndr_id` → the project calendar, `critical_path_type` and `critical_drtn_hr_cnt`
///   (what P6 calls critical) → `schedulingOptions`.
/// - `CALENDAR`: one `Calendar` per row; its packed `clndr_data` gives the week and the exceptions; the project
///   calendar's `day_hr_cnt`/`week_hr_cnt`/`month_hr_cnt` give `minutesPerDay`, `minutesPerWeek`, `daysPerMonth`.
/// - `SCHEDOPTIONS`: `sched_calendar_on_relationship_lag` → `lagCalendar`; the other options that change dates
///   (retained logic or progress override, out-of-sequence handling, float type, …) → `schedulingOptions`.
/// - `PROJWBS`: the WBS tree, as summary tasks with uid `WBS<wbs_id>` (P6 numbers WBS nodes and activities
///   separately, so the prefix keeps them apart) and `wbs` = the path of `wbs_short_name`s joined by the
///   project's `name_sep_char`.
/// - `TASK`: activities, uid = `task_id`, `code` = `task_code` (the Activity ID P6 shows), under their WBS node.
/// - `TASKPRED`: links; `RSRC` and `ROLES`: resources (a role is a generic resource, as MPXJ reads it);
///   `TASKRSRC`: assignments; `RSRCRATE`: a resource's rate and max units from its first rate period.
///
/// Durations, floats and lags are hours in the file and minutes here, shown in `.hours`. Every other table is
/// counted in `unmodelled` as "XER table NAME".
public enum XERReader {
    /// Reads the project `project` names (its `proj_id` or `proj_short_name`), or the one P6 exported (see
    /// `Reader.choose`).
    public static func read(_ data: Data, project: String? = nil) throws(InterchangeError) -> ProjectFile {
        let tables = try XERTables.parse(XERText.decode(data))
        var reader = Reader(tables: tables)
        return try reader.read(project: project)
    }

    /// A bound on any duration, float or lag, in hours (over 11,000 years): beyond it a value is an error in the
    /// file, clamped with a notice.
    static let maxHours = 100_000_000.0

    /// The tables this reader gives meaning to; the rows of every other table are counted as unmodelled.
    static let readTables: Set<String> = [
        "PROJECT", "CALENDAR", "SCHEDOPTIONS", "PROJWBS", "TASK", "TASKPRED", "RSRC", "ROLES", "TASKRSRC", "RSRCRATE",
    ]

    /// P6's `SCHEDOPTIONS` fields that change how dates are computed, kept in `schedulingOptions`.
    static let schedulingOptionFields = [
        "sched_calendar_on_relationship_lag", "sched_retained_logic", "sched_progress_override",
        "sched_outer_depend_type", "sched_float_type", "sched_lag_early_start_flag", "sched_use_expect_end_flag",
        "sched_open_critical_flag", "sched_setplantoforecast", "sched_use_project_end_date_for_float",
    ]
}

private struct Reader {
    let tables: XERTables
    var file = ProjectFile(format: .xer)

    init(tables: XERTables) {
        self.tables = tables
        file.notices = tables.notices
    }

    mutating func notice(_ element: String, _ line: Int?, _ message: String) {
        file.notices.append(.init(element: element, line: line, message: message))
    }

    // MARK: Values

    /// A number, or `nil` for an empty value; a value that is not a finite number is reported and read as absent.
    mutating func number(_ row: XERRow, _ table: String, _ field: String) -> Double? {
        guard let text = row[field] else { return nil }
        guard let v = Double(text), v.isFinite else {
            notice("\(table).\(field)", row.line, "'\(text)' is not a number; read as empty")
            return nil
        }
        return v
    }

    /// A `yyyy-MM-dd HH:mm` date-time (seconds, when present, are dropped), or `nil` for an empty value.
    mutating func date(_ row: XERRow, _ table: String, _ field: String) -> LocalDateTime? {
        guard let text = row[field] else { return nil }
        if let d = try? LocalDateTime(iso: text.prefix(16)) { return d }
        if text.count == 10, let day = CalendarDate(iso: text) { return LocalDateTime(date: day) }
        notice("\(table).\(field)", row.line, "'\(text)' is not a date like 2020-03-17 08:00; read as empty")
        return nil
    }

    /// Hours as minutes, shown in hours (P6 stores durations, floats and lags as hours).
    mutating func hours(_ row: XERRow, _ table: String, _ field: String) -> ProjectFile.Duration? {
        minutes(row, table, field).map { ProjectFile.Duration(minutes: $0, unit: .hours) }
    }

    /// A value in hours as minutes, clamped to ±`maxHours` so that no later conversion to a whole number traps.
    mutating func minutes(_ row: XERRow, _ table: String, _ field: String) -> Double? {
        guard let h = number(row, table, field) else { return nil }
        if abs(h) > XERReader.maxHours {
            notice("\(table).\(field)", row.line, "\(h) hours is out of range; clamped to \(Int(XERReader.maxHours))")
        }
        return max(-XERReader.maxHours, min(XERReader.maxHours, h)) * 60
    }

    // MARK: Project

    /// The project `wanted` names (its `proj_id` or `proj_short_name`, the short name also without regard to
    /// case); without a name, among the projects flagged for export (`export_flag` Y; all of them when none is)
    /// the one with the most activities, as the schedule a P6 user exported is the project that holds it (a
    /// file may carry its neighbours along, with few activities or none), the first on a tie.
    static func choose(_ wanted: String?, among projects: [XERRow], tasks: [XERRow], line: Int) throws(InterchangeError) -> XERRow {
        if let wanted {
            let key = wanted.trimmingCharacters(in: .whitespaces)
            if let row = projects.first(where: { $0["proj_id"] == key || $0["proj_short_name"] == key })
                ?? projects.first(where: { $0["proj_short_name"]?.lowercased() == key.lowercased() }) {
                return row
            }
            let held = projects.map { "'\($0["proj_short_name"] ?? "")' (id \($0["proj_id"] ?? ""))" }
            throw InterchangeError(element: "PROJECT", line: line, "no project with the id or short name '\(wanted)' in the file; it holds \(held.joined(separator: ", "))")
        }
        let flagged = projects.filter { $0["export_flag"] == "Y" }
        let candidates = flagged.isEmpty ? projects : flagged
        var counts: [String: Int] = [:]
        for t in tasks { if let id = t["proj_id"] { counts[id, default: 0] += 1 } }
        var best = candidates[0]
        for p in candidates.dropFirst() where counts[p["proj_id"] ?? "", default: 0] > counts[best["proj_id"] ?? "", default: 0] {
            best = p
        }
        return best
    }

    mutating func read(project wanted: String?) throws(InterchangeError) -> ProjectFile {
        guard let projects = tables["PROJECT"], !projects.rows.isEmpty else {
            throw InterchangeError(element: "PROJECT", "the XER file holds no project (no PROJECT rows); export a project from P6, not only its resources or codes")
        }
        try projects.require("proj_id", "proj_short_name")
        let chosen = try Self.choose(wanted, among: projects.rows, tasks: tables["TASK"]?.rows ?? [], line: projects.line)
        let projID = chosen["proj_id"] ?? ""
        let shortName = chosen["proj_short_name"] ?? ""
        if projects.rows.count > 1 {
            let others = projects.rows.filter { $0["proj_id"] != projID }.map { "'\($0["proj_short_name"] ?? "")' (id \($0["proj_id"] ?? ""))" }
            let why = wanted == nil ? ", the exported project with the most activities" : ""
            notice("PROJECT", chosen.line, "the file holds \(projects.rows.count) projects; read '\(shortName)' (id \(projID))\(why), not \(others.joined(separator: ", ")); choose another by its id or short name (--project)")
        }

        // ERMHDR: version, export date, …, and the base currency's short name last.
        let version = tables.header.first ?? ""
        file.application = version.isEmpty ? "Primavera P6" : "Primavera P6 \(version)"
        if let currency = tables.header.last, !currency.isEmpty, tables.header.count >= 8 { file.currency = currency }

        file.name = shortName
        file.start = date(chosen, "PROJECT", "plan_start_date")
        file.finish = date(chosen, "PROJECT", "scd_end_date") ?? date(chosen, "PROJECT", "plan_end_date")
        file.mustFinishBy = date(chosen, "PROJECT", "plan_end_date")
        file.statusDate = date(chosen, "PROJECT", "last_recalc_date")
        for field in ["critical_path_type", "critical_drtn_hr_cnt", "def_duration_type", "def_complete_pct_type"] {
            if let v = chosen[field] { file.schedulingOptions[field] = v }
        }

        readCalendars(projID: projID, projectCalendar: chosen["clndr_id"], projectLine: chosen.line)
        readScheduleOptions(projID: projID)
        try readActivities(projID: projID, project: chosen)
        readLinks(projID: projID)
        readResources()
        readAssignments(projID: projID)

        for table in tables.tables where !XERReader.readTables.contains(table.name) && !table.rows.isEmpty {
            file.unmodelled["XER table \(table.name)", default: 0] += table.rows.count
        }
        return file
    }

    // MARK: Calendars

    mutating func readCalendars(projID: String, projectCalendar: String?, projectLine: Int) {
        guard let table = tables["CALENDAR"] else { return }
        guard table.has("clndr_id") else {
            notice("CALENDAR.clndr_id", table.line, "the CALENDAR table has no clndr_id field; its calendars were skipped")
            return
        }
        var rows: [String: XERRow] = [:]
        var defaultUID: String?
        for row in table.rows {
            guard let uid = row["clndr_id"] else {
                notice("CALENDAR", row.line, "a calendar without a clndr_id was skipped")
                continue
            }
            // A project calendar of another project in the file is that project's.
            if let owner = row["proj_id"], owner != projID { continue }
            guard rows[uid] == nil else {
                notice("CALENDAR clndr_id \(uid)", row.line, "a second calendar with this clndr_id was skipped")
                continue
            }
            rows[uid] = row
            let element = "CALENDAR clndr_id \(uid)"
            var calendar = ProjectFile.Calendar(uid: uid, name: row["clndr_name"] ?? "")
            if let base = row["base_clndr_id"] { calendar.baseUID = base }
            if let text = row["clndr_data"] {
                let data = XERCalendarData(text)
                for p in data.problems { notice("\(element) / clndr_data", row.line, p) }
                if data.hasWeek { calendar.week = data.week } else {
                    notice("\(element) / clndr_data", row.line, "no DaysOfWeek in the packed calendar text; the standard week is used")
                }
                calendar.exceptions = data.exceptions
            } else {
                notice("\(element) / clndr_data", row.line, "the calendar has no clndr_data; the standard week is used")
            }
            if row["default_flag"] == "Y", defaultUID == nil { defaultUID = uid }
            file.calendars.append(calendar)
        }
        for i in file.calendars.indices {
            if let base = file.calendars[i].baseUID, rows[base] == nil {
                notice("CALENDAR clndr_id \(file.calendars[i].uid) / base_clndr_id", rows[file.calendars[i].uid]?.line,
                       "base calendar \(base) is not in the file; the calendar stands alone")
                file.calendars[i].baseUID = nil
            }
        }

        // The project's calendar, else the global default (default_flag = Y), as P6 falls back.
        if let uid = projectCalendar, rows[uid] != nil {
            file.calendarUID = uid
        } else {
            if let uid = projectCalendar {
                notice("PROJECT.clndr_id", projectLine, "calendar \(uid) is not in the file; the default calendar is used")
            }
            file.calendarUID = defaultUID ?? file.calendars.first?.uid
        }
        // Hours per day/week/month of the project calendar give the duration conversions.
        if let uid = file.calendarUID, let row = rows[uid] {
            let day = number(row, "CALENDAR", "day_hr_cnt")
            if let day, day > 0 { file.minutesPerDay = Int(max(1, (min(day, 24) * 60).rounded())) }
            if let week = number(row, "CALENDAR", "week_hr_cnt"), week > 0 {
                file.minutesPerWeek = Int(max(1, (min(week, 168) * 60).rounded()))
            }
            if let month = number(row, "CALENDAR", "month_hr_cnt"), month > 0, let day, day > 0 {
                // Clamped before the conversion to Int, which would trap on an absurd quotient.
                file.daysPerMonth = Int(max(1, min(31, (month / day).rounded())))
            }
        }
    }

    // MARK: Scheduling options

    mutating func readScheduleOptions(projID: String) {
        // Without the option P6 counts lags on the predecessor's calendar, its default.
        file.lagCalendar = .predecessor
        guard let table = tables["SCHEDOPTIONS"],
              let row = table.rows.first(where: { $0["proj_id"] == projID }) ?? (table.rows.count == 1 ? table.rows.first : nil)
        else { return }
        for field in XERReader.schedulingOptionFields {
            if let v = row[field] { file.schedulingOptions[field] = v }
        }
        switch row["sched_calendar_on_relationship_lag"] {
        case "rcal_Predecessor", nil: file.lagCalendar = .predecessor
        case "rcal_Successor": file.lagCalendar = .successor
        case "rcal_24Hour": file.lagCalendar = .twentyFourHour
        case "rcal_ProjDefault", "rcal_Project": file.lagCalendar = .project
        case let other?:
            notice("SCHEDOPTIONS.sched_calendar_on_relationship_lag", row.line,
                   "unknown lag calendar '\(other)'; lags are counted on the predecessor's calendar (P6's default)")
        }
    }

    // MARK: WBS and activities

    mutating func readActivities(projID: String, project: XERRow) throws(InterchangeError) {
        let separator = project["name_sep_char"] ?? "."
        // WBS nodes of this project, their children in seq_num order.
        var wbsRows: [String: XERRow] = [:]
        var wbsOrder: [String] = []
        if let table = tables["PROJWBS"] {
            for row in table.rows where row["proj_id"] == projID {
                guard let id = row["wbs_id"] else {
                    notice("PROJWBS", row.line, "a WBS node without a wbs_id was skipped")
                    continue
                }
                guard wbsRows[id] == nil else {
                    notice("PROJWBS wbs_id \(id)", row.line, "a second WBS node with this wbs_id was skipped")
                    continue
                }
                wbsRows[id] = row
                wbsOrder.append(id)
            }
        }
        var wbsChildren: [String: [String]] = [:]
        var wbsRoots: [String] = []
        for id in wbsOrder {
            if let parent = wbsRows[id]?["parent_wbs_id"], wbsRows[parent] != nil, parent != id {
                wbsChildren[parent, default: []].append(id)
            } else {
                wbsRoots.append(id)  // the project node: its parent is an EPS node, not in PROJWBS
            }
        }
        func seq(_ id: String) -> Double { wbsRows[id]?["seq_num"].flatMap { Double($0) } ?? 0 }
        // Sort siblings by seq_num, keeping file order among equals.
        func ordered(_ ids: [String]) -> [String] {
            ids.enumerated().sorted { (seq($0.element), $0.offset) < (seq($1.element), $1.offset) }.map(\.element)
        }

        // Activities: task_id must be unique in the whole table (P6's key), whichever project they belong to.
        var taskRows: [XERRow] = []
        var tasksByWBS: [String: [XERRow]] = [:]
        if let table = tables["TASK"] {
            try table.require("task_id")
            var seen: [String: Int] = [:]
            for row in table.rows {
                guard let id = row["task_id"] else {
                    notice("TASK", row.line, "an activity without a task_id was skipped")
                    continue
                }
                if let first = seen[id] {
                    throw InterchangeError(element: "TASK task_id \(id)", line: row.line, "task_id \(id) is used twice (first on line \(first)); every activity needs its own")
                }
                seen[id] = row.line
                guard row["proj_id"] == projID || !table.has("proj_id") else { continue }
                taskRows.append(row)
                if let w = row["wbs_id"], wbsRows[w] != nil {
                    tasksByWBS[w, default: []].append(row)
                }
            }
        }

        // Depth first: a WBS node, its activities, then its child nodes, so every parent precedes its children.
        // A visited set guards against a parent_wbs_id loop.
        var visited: Set<String> = []
        func visit(_ id: String, level: Int, path: String, parentUID: String?, into reader: inout Reader) {
            guard !visited.contains(id), let row = wbsRows[id] else { return }
            visited.insert(id)
            let short = row["wbs_short_name"] ?? ""
            let code = path.isEmpty ? short : path + separator + short
            let uid = "WBS" + id
            reader.file.tasks.append(ProjectFile.Task(uid: uid, code: short, name: row["wbs_name"] ?? short, wbs: code,
                                                      outlineLevel: level, parentUID: parentUID, summary: true,
                                                      type: "WBS"))
            for t in tasksByWBS[id] ?? [] {
                reader.file.tasks.append(reader.activity(t, wbs: code, level: level + 1, parentUID: uid))
            }
            for child in ordered(wbsChildren[id] ?? []) {
                visit(child, level: level + 1, path: code, parentUID: uid, into: &reader)
            }
        }
        for root in ordered(wbsRoots) { visit(root, level: 1, path: "", parentUID: nil, into: &self) }
        for id in wbsOrder where !visited.contains(id) {
            // Only a parent_wbs_id loop leaves nodes unvisited: read them as top-level nodes.
            notice("PROJWBS wbs_id \(id) / parent_wbs_id", wbsRows[id]?.line, "the WBS node's parents form a loop; read at the top level")
            visit(id, level: 1, path: "", parentUID: nil, into: &self)
        }
        for row in taskRows where row["wbs_id"].map({ wbsRows[$0] == nil }) ?? true {
            notice("TASK task_id \(row["task_id"] ?? "") / wbs_id", row.line,
                   "WBS node \(row["wbs_id"] ?? "(none)") is not in the project; the activity is read at the top level")
            file.tasks.append(activity(row, wbs: "", level: 1, parentUID: nil))
        }
    }

    /// One `TASK` row.
    mutating func activity(_ row: XERRow, wbs: String, level: Int, parentUID: String?) -> ProjectFile.Task {
        let id = row["task_id"] ?? ""
        let element = "TASK task_id \(id)"
        var task = ProjectFile.Task(uid: id, code: row["task_code"] ?? "", name: row["task_name"] ?? "", wbs: wbs,
                                    outlineLevel: level, parentUID: parentUID)
        // Activity types: TT_Task (task dependent), TT_Rsrc (resource dependent: its resources' calendars drive
        // it), TT_Mile / TT_FinMile (start / finish milestone), TT_LOE (level of effort: spans its links),
        // TT_WBS (WBS summary: spans its WBS node's activities). Only resource-dependent activities follow
        // their resources' calendars in P6; the others use the activity's own calendar alone.
        let type = row["task_type"] ?? "TT_Task"
        task.type = type
        switch type {
        case "TT_Task", "TT_LOE", "TT_WBS": break
        case "TT_Rsrc": task.resourceDriven = true
        case "TT_Mile", "TT_FinMile": task.milestone = true
        default: notice("\(element) / task_type", row.line, "unknown activity type '\(type)'; read as a task-dependent activity")
        }
        task.ignoreResourceCalendar = type != "TT_Rsrc"
        task.calendarUID = row["clndr_id"]
        if let cal = task.calendarUID, !file.calendars.contains(where: { $0.uid == cal }) {
            notice("\(element) / clndr_id", row.line, "calendar \(cal) is not in the file; the project calendar is used")
            task.calendarUID = nil
        }

        // Durations: the original (planned) duration and what remains, in hours.
        task.duration = hours(row, "TASK", "target_drtn_hr_cnt")
        task.remainingDuration = hours(row, "TASK", "remain_drtn_hr_cnt")

        // Progress.
        task.actualStart = date(row, "TASK", "act_start_date")
        task.actualFinish = date(row, "TASK", "act_end_date")
        task.expectedFinish = date(row, "TASK", "expect_end_date")
        task.percentComplete = percentComplete(row)

        // Start and finish as P6 shows them (MPXJ's order): the actual date, else the remaining early date
        // (restart/reend), else the planned (target) date, else the early date.
        task.start = task.actualStart ?? date(row, "TASK", "restart_date") ?? date(row, "TASK", "target_start_date")
            ?? date(row, "TASK", "early_start_date")
        task.finish = task.actualFinish ?? date(row, "TASK", "reend_date") ?? date(row, "TASK", "target_end_date")
            ?? date(row, "TASK", "early_end_date")

        // Constraints.
        if let kind = row["cstr_type"] {
            if let c = Self.constraint(kind) {
                let d = date(row, "TASK", "cstr_date")
                if c.isDated && d == nil {
                    notice("\(element) / cstr_date", row.line, "constraint \(kind) has no date; read as as-soon-as-possible")
                } else {
                    task.constraint = c
                    task.constraintDate = c.isDated ? d : nil
                    task.softConstraint = kind == "CS_MSO" || kind == "CS_MEO"
                }
            } else {
                notice("\(element) / cstr_type", row.line, "constraint '\(kind)' has no equivalent; read as as-soon-as-possible")
            }
        }
        task.suspendDate = date(row, "TASK", "suspend_date")
        task.resumeDate = date(row, "TASK", "resume_date")
        task.externalEarlyStart = date(row, "TASK", "external_early_start_date")
        task.externalLateFinish = date(row, "TASK", "external_late_end_date")
        if let kind = row["cstr_type2"] {
            // P6's secondary constraints are the four "on or before / on or after" ones.
            let d = date(row, "TASK", "cstr_date2")
            if let c = Self.constraint(kind), ProjectFile.Task.secondaryConstraintKinds.contains(c), let d {
                task.secondaryConstraint = c
                task.secondaryConstraintDate = d
            } else {
                notice("\(element) / cstr_type2", row.line, d == nil ? "secondary constraint \(kind) has no date (cstr_date2); it is not applied"
                       : "secondary constraint '\(kind)' is not one P6 allows (start or finish on or before, on or after); it is not applied")
            }
        }

        task.priority = switch row["priority_type"] {
        case "PT_Top": 900
        case "PT_High": 700
        case "PT_Low": 300
        case "PT_Lowest": 100
        default: 500
        }

        // What P6 computed.
        task.stored.earlyStart = date(row, "TASK", "early_start_date")
        task.stored.earlyFinish = date(row, "TASK", "early_end_date")
        task.stored.lateStart = date(row, "TASK", "late_start_date")
        task.stored.lateFinish = date(row, "TASK", "late_end_date")
        task.stored.totalSlack = hours(row, "TASK", "total_float_hr_cnt")
        task.stored.freeSlack = hours(row, "TASK", "free_float_hr_cnt")
        task.stored.critical = critical(row, totalFloat: task.stored.totalSlack)
        return task
    }

    /// P6's constraint codes in MS Project's terms. "Start On"/"Finish On" and the mandatory ones all become
    /// must-start/finish-on; P6 lets a plain Start On yield to logic where a mandatory one does not, which
    /// Gantry's constraints-win default treats alike.
    static func constraint(_ code: String) -> SchedulingConstraint? {
        switch code {
        case "CS_ASAP": .asap
        case "CS_ALAP": .alap
        case "CS_MSO", "CS_MANDSTART": .mustStartOn
        case "CS_MEO", "CS_MANDFIN": .mustFinishOn
        case "CS_MSOA": .startNoEarlierThan
        case "CS_MSOB": .startNoLaterThan
        case "CS_MEOA": .finishNoEarlierThan
        case "CS_MEOB": .finishNoLaterThan
        default: nil
        }
    }

    /// P6's activity % complete, by the activity's percent complete type: physical (`phys_complete_pct`), units
    /// (actual over actual plus remaining work) or duration ((original − remaining) / original, P6's default).
    /// A completed activity is 100 whatever its type.
    func percentComplete(_ row: XERRow) -> Double {
        if row["status_code"] == "TK_Complete" { return 100 }
        // Bad numbers were reported where the fields were read; here they count as absent.
        func clamp(_ v: Double) -> Double { max(0, min(100, v)) }
        switch row["complete_pct_type"] {
        case "CP_Phys":
            return clamp(Self.quiet(row, "phys_complete_pct") ?? 0)
        case "CP_Units":
            let actual = (Self.quiet(row, "act_work_qty") ?? 0) + (Self.quiet(row, "act_equip_qty") ?? 0)
            let remaining = (Self.quiet(row, "remain_work_qty") ?? 0) + (Self.quiet(row, "remain_equip_qty") ?? 0)
            return actual + remaining > 0 ? clamp(actual / (actual + remaining) * 100) : 0
        default:
            guard row["status_code"] != "TK_NotStart",
                  let original = Self.quiet(row, "target_drtn_hr_cnt"), original > 0,
                  let remaining = Self.quiet(row, "remain_drtn_hr_cnt") else { return 0 }
            return clamp((original - remaining) / original * 100)
        }
    }

    /// A finite number, or `nil`, without a notice (for a field already read and reported elsewhere).
    static func quiet(_ row: XERRow, _ field: String) -> Double? {
        row[field].flatMap { Double($0) }.flatMap { $0.isFinite ? $0 : nil }
    }

    /// Whether P6 showed the activity as critical: on the longest path (`driving_path_flag`) when the project
    /// defines critical that way (`critical_path_type` = CT_DrivPath), else total float at or below the project's
    /// threshold (`critical_drtn_hr_cnt`, hours). An activity without a total float (a completed one) is critical
    /// only when flagged on the driving path.
    mutating func critical(_ row: XERRow, totalFloat: ProjectFile.Duration?) -> Bool? {
        let driving = row["driving_path_flag"].map { $0 == "Y" }
        if file.schedulingOptions["critical_path_type"] == "CT_DrivPath" { return driving }
        guard let totalFloat, row["status_code"] != "TK_Complete" else { return driving }
        let threshold = file.schedulingOptions["critical_drtn_hr_cnt"].flatMap { Double($0) }.map { $0 * 60 } ?? 0
        return totalFloat.minutes <= threshold
    }

    // MARK: Links

    mutating func readLinks(projID: String) {
        guard let table = tables["TASKPRED"] else { return }
        let known = Set(file.tasks.filter { !$0.summary }.map(\.uid))
        // Tasks of other projects in the file, to name the far end of a cross-project link.
        var otherTasks: [String: String] = [:]
        if let tasks = tables["TASK"] {
            for row in tasks.rows where row["proj_id"] != projID {
                if let id = row["task_id"] { otherTasks[id] = row["task_code"] ?? id }
            }
        }
        let projectNames = Dictionary((tables["PROJECT"]?.rows ?? []).compactMap { r in r["proj_id"].map { ($0, r["proj_short_name"] ?? $0) } },
                                      uniquingKeysWith: { a, _ in a })
        for row in table.rows {
            let successor = row["task_id"] ?? ""
            let predecessor = row["pred_task_id"] ?? ""
            // A link belongs to its successor's project.
            if let owner = row["proj_id"], owner != projID { continue }
            if row["proj_id"] == nil, !known.contains(successor) { continue }
            let element = "TASKPRED task_pred_id \(row["task_pred_id"] ?? "?")"
            guard known.contains(successor) else {
                notice(element, row.line, "successor task_id \(successor.isEmpty ? "(none)" : successor) is not an activity of the project; the link was skipped")
                continue
            }
            var crossProject: String?
            if let predProject = row["pred_proj_id"], predProject != projID {
                let projectName = projectNames[predProject] ?? "project \(predProject)"
                crossProject = "\(projectName) / \(otherTasks[predecessor] ?? "task_id \(predecessor)")"
            } else if !known.contains(predecessor) {
                notice(element, row.line, "predecessor task_id \(predecessor.isEmpty ? "(none)" : predecessor) is not an activity of the project; the link was skipped")
                continue
            }
            let type: DependencyType
            switch row["pred_type"] {
            case "PR_FS", nil: type = .finishToStart
            case "PR_SS": type = .startToStart
            case "PR_FF": type = .finishToFinish
            case "PR_SF": type = .startToFinish
            case let other?:
                notice("\(element) / pred_type", row.line, "unknown relationship type '\(other)'; read as finish-to-start")
                type = .finishToStart
            }
            let lag = minutes(row, "TASKPRED", "lag_hr_cnt") ?? 0
            file.links.append(ProjectFile.Link(predecessorUID: predecessor, successorUID: successor, type: type,
                                               lag: ProjectFile.Lag(.working(minutes: lag), unit: .hours),
                                               crossProject: crossProject))
        }
    }

    // MARK: Resources and assignments

    mutating func readResources() {
        // Rates: the first period (earliest start_date) of each resource gives its rate and max units.
        var firstRate: [String: (date: String, row: XERRow)] = [:]
        var periods: [String: Int] = [:]
        for row in tables["RSRCRATE"]?.rows ?? [] {
            guard let id = row["rsrc_id"] else { continue }
            periods[id, default: 0] += 1
            let start = row["start_date"] ?? ""
            if let current = firstRate[id], current.date <= start { continue }
            firstRate[id] = (start, row)
        }
        let extraPeriods = periods.values.reduce(0) { $0 + max(0, $1 - 1) }
        if extraPeriods > 0 { file.unmodelled["resource rate periods after the first", default: 0] += extraPeriods }

        for row in tables["RSRC"]?.rows ?? [] {
            guard let id = row["rsrc_id"] else {
                notice("RSRC", row.line, "a resource without an rsrc_id was skipped")
                continue
            }
            let element = "RSRC rsrc_id \(id)"
            var resource = ProjectFile.Resource(uid: id, name: row["rsrc_name"] ?? "", initials: row["rsrc_short_name"] ?? "",
                                                email: row["email_addr"] ?? "")
            switch row["rsrc_type"] {
            case "RT_Labor", "RT_Equip", nil: resource.kind = .work  // labour and nonlabour both work in hours
            case "RT_Mat": resource.kind = .material
            case let other?: notice("\(element) / rsrc_type", row.line, "unknown resource type '\(other)'; read as labour")
            }
            resource.calendarUID = row["clndr_id"]
            if let cal = resource.calendarUID, !file.calendars.contains(where: { $0.uid == cal }) {
                notice("\(element) / clndr_id", row.line, "calendar \(cal) is not in the file; the resource uses the project calendar")
                resource.calendarUID = nil
            }
            if let rate = firstRate[id]?.row {
                // max_qty_per_hr is units per hour: 1 is one full-time unit, 100 %.
                if let maxUnits = number(rate, "RSRCRATE", "max_qty_per_hr") { resource.maxUnits = maxUnits * 100 }
                if let cost = number(rate, "RSRCRATE", "cost_per_qty") { resource.standardRate = cost }
            }
            file.resources.append(resource)
        }
        // Roles are what a generic resource is in Gantry (MPXJ reads them as resources too). uid `ROLE<role_id>`:
        // P6 numbers roles and resources separately.
        for row in tables["ROLES"]?.rows ?? [] {
            guard let id = row["role_id"] else { continue }
            file.resources.append(ProjectFile.Resource(uid: "ROLE" + id, name: row["role_name"] ?? "",
                                                       initials: row["role_short_name"] ?? "", generic: true))
        }
    }

    mutating func readAssignments(projID: String) {
        guard let table = tables["TASKRSRC"] else { return }
        let tasks = Set(file.tasks.filter { !$0.summary }.map(\.uid))
        let resources = Set(file.resources.map(\.uid))
        for row in table.rows {
            if let owner = row["proj_id"], owner != projID { continue }
            let id = row["taskrsrc_id"] ?? ""
            let element = "TASKRSRC taskrsrc_id \(id)"
            guard let task = row["task_id"], tasks.contains(task) else {
                notice(element, row.line, "activity \(row["task_id"] ?? "(none)") is not in the project; the assignment was skipped")
                continue
            }
            // A resource when one is named, else the role the assignment asks for.
            let resource = row["rsrc_id"] ?? row["role_id"].map { "ROLE" + $0 }
            guard let resource, resources.contains(resource) else {
                notice(element, row.line, "resource \(row["rsrc_id"] ?? row["role_id"] ?? "(none)") is not in the file; the assignment was skipped")
                continue
            }
            var assignment = ProjectFile.Assignment(uid: id, taskUID: task, resourceUID: resource)
            // Units per hour: 1 is 100 %. The remaining rate is what scheduling uses from the data date on.
            if let perHour = number(row, "TASKRSRC", "remain_qty_per_hr") ?? number(row, "TASKRSRC", "target_qty_per_hr") {
                assignment.units = perHour * 100
            }
            assignment.work = minutes(row, "TASKRSRC", "target_qty")
            let regular = number(row, "TASKRSRC", "act_reg_qty"), overtime = number(row, "TASKRSRC", "act_ot_qty")
            if regular != nil || overtime != nil {
                assignment.actualWork = max(-XERReader.maxHours, min(XERReader.maxHours, (regular ?? 0) + (overtime ?? 0))) * 60
            }
            assignment.remainingWork = minutes(row, "TASKRSRC", "remain_qty")
            file.assignments.append(assignment)
        }
    }
}
