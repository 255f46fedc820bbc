import GantryModel

/// What the reader has gathered so far, record by record, and the last pass that resolves links, timephased data
/// and splits once every task is known.
struct MSPDIState {
    var file = ProjectFile(format: .mspdi, application: "Microsoft Project")
    /// Task UID → index in `file.tasks`, with the line the task started on (for duplicate-UID errors).
    var taskIndex: [String: (index: Int, line: Int)] = [:]
    /// The open summary tasks above the current row: outline level and UID.
    var outline: [(level: Int, uid: String)] = []
    /// Links as the successor tasks gave them, checked against the task list at the end.
    var pendingLinks: [(link: ProjectFile.Link, line: Int)] = []
    /// Per task UID, its assignments' timephased work pieces (start, finish, whether the piece holds no work),
    /// from which splits are found at the end.
    var workPieces: [String: [(start: LocalDateTime, finish: LocalDateTime, zero: Bool)]] = [:]
    /// Task UIDs whose assignments carry timephased data.
    var timephasedTasks: Set<String> = []
    var resourceUIDs: Set<String> = []
    var calendarUIDs: Set<String> = []
    /// Rows seen in `<Tasks>`, to name a task that has no UID.
    var taskRows = 0
    var saveVersion: Int?
    /// The UID of MS Project's project summary row (ID 0), which is not read as a task.
    var projectSummaryUID: String?

    // MARK: Notices and what is not modelled

    mutating func notice(_ element: String, _ line: Int?, _ message: String) {
        file.notices.append(ProjectFile.Notice(element: element, line: line, message: message))
    }

    /// Unmodelled fields by record kind ("task") and element name, named in `finish` ("task field Hyperlink"):
    /// counted without building the name for every field of every row.
    var unmodelledFields: [String: [String: Int]] = [:]

    mutating func unmodelledField(_ kind: String, _ element: String) {
        unmodelledFields[kind, default: [:]][element, default: 0] += 1
    }

    mutating func unmodelled(_ name: String, _ count: Int = 1) {
        guard count > 0 else { return }
        file.unmodelled[name, default: 0] += count
    }

    // MARK: Records

    /// One complete record: a child of a collection (`in` names it), or a direct child of `<Project>`.
    mutating func record(_ e: MSPDIElement, in container: String?) throws(InterchangeError) {
        switch container {
        case "Calendars":
            guard e.name == "Calendar" else { return unexpected(e, in: "Calendars") }
            calendar(e)
        case "Tasks":
            guard e.name == "Task" else { return unexpected(e, in: "Tasks") }
            try task(e)
        case "Resources":
            guard e.name == "Resource" else { return unexpected(e, in: "Resources") }
            resource(e)
        case "Assignments":
            guard e.name == "Assignment" else { return unexpected(e, in: "Assignments") }
            assignment(e)
        default:
            projectProperty(e)
        }
    }

    private mutating func unexpected(_ e: MSPDIElement, in container: String) {
        notice("\(container)/\(e.name)", e.line, "unexpected element <\(e.name)> in <\(container)>; skipped")
        unmodelled("unexpected <\(e.name)> elements")
    }

    /// A direct child of `<Project>`: a project property, or a block Gantry does not model (extended attribute
    /// definitions, outline codes, WBS masks, views, …), counted by its entries.
    private mutating func projectProperty(_ e: MSPDIElement) {
        let v = e.value
        let owner = "Project"
        switch e.name {
        case "Name":
            if !v.isEmpty && file.name.isEmpty { file.name = String(v) }
        case "Title":
            // The title the user gave wins over the file name MS Project stores in <Name>.
            if !v.isEmpty { file.name = String(v) }
        case "StartDate": file.start = date(e, owner)
        case "FinishDate": file.finish = date(e, owner)
        case "StatusDate": file.statusDate = date(e, owner)
        case "ScheduleFromStart": if let b = bool(e, owner) { file.scheduleFromStart = b }
        case "MinutesPerDay":
            if let n = int(e, owner, in: 1...1440) { file.minutesPerDay = n }
        case "MinutesPerWeek":
            if let n = int(e, owner, in: 1...10080) { file.minutesPerWeek = n }
        case "DaysPerMonth":
            if let n = int(e, owner, in: 1...31) { file.daysPerMonth = n }
        case "HonorConstraints": if let b = bool(e, owner) { file.honorConstraints = b }
        case "CalendarUID": file.calendarUID = v.isEmpty || v == "-1" ? nil : String(v)
        case "CurrencyCode": file.currency = v.isEmpty ? nil : String(v)
        case "SaveVersion":
            saveVersion = MSPDIValues.int(v)
            file.application = Self.application(saveVersion: saveVersion)
        case "ExtendedAttributes": unmodelled("extended attribute definitions", e.children.count)
        case "OutlineCodes": unmodelled("outline code definitions", e.children.count)
        case "WBSMasks": unmodelled("WBS masks", max(e.children.filter { $0.name == "WBSMask" }.count, 1))
        default:
            if !e.children.isEmpty {
                unmodelled("project \(e.name)", max(e.children.count, 1))
            } else if MSPDIValues.hasContent(v) && !Self.bookkeeping.contains(e.name) {
                unmodelled("project property \(e.name)")
            }
        }
    }

    /// Fields that only say who saved the file and when, or identify it: no schedule meaning, not reported.
    static let bookkeeping: Set<String> = ["GUID", "CreateDate", "CreationDate", "LastSaved", "Revision"]

    /// MS Project's version from `SaveVersion` (9: 2002/2003, 12: 2007, 14: 2010 and later; MPXJ's table).
    static func application(saveVersion: Int?) -> String {
        switch saveVersion {
        case nil: "Microsoft Project"
        case 9?: "Microsoft Project 2002/2003"
        case 12?: "Microsoft Project 2007"
        case 14?: "Microsoft Project 2010 or later"
        case let v?: "Microsoft Project (save version \(v))"
        }
    }

    // MARK: Field readers: each names the field in a notice when its text cannot be read

    mutating func date(_ e: MSPDIElement, _ owner: String) -> LocalDateTime? {
        let v = e.value
        guard !v.isEmpty else { return nil }
        guard let d = MSPDIValues.dateTime(v) else {
            notice("\(owner) / \(e.name)", e.line, "'\(v.prefix(40))' is not a date and time; ignored")
            return nil
        }
        guard MSPDIValues.plausibleYears.contains(d.date.year) else {
            notice("\(owner) / \(e.name)", e.line, "\(d) is outside the years 1900–2200; ignored")
            return nil
        }
        return d
    }

    mutating func bool(_ e: MSPDIElement, _ owner: String) -> Bool? {
        let v = e.value
        guard !v.isEmpty else { return nil }
        guard let b = MSPDIValues.bool(v) else {
            notice("\(owner) / \(e.name)", e.line, "'\(v.prefix(40))' is not 0 or 1; ignored")
            return nil
        }
        return b
    }

    mutating func int(_ e: MSPDIElement, _ owner: String, in range: ClosedRange<Int>? = nil) -> Int? {
        let v = e.value
        guard !v.isEmpty else { return nil }
        guard let n = MSPDIValues.int(v) else {
            notice("\(owner) / \(e.name)", e.line, "'\(v.prefix(40))' is not a whole number; ignored")
            return nil
        }
        if let range, !range.contains(n) {
            notice("\(owner) / \(e.name)", e.line, "\(n) is outside \(range.lowerBound)–\(range.upperBound); ignored")
            return nil
        }
        return n
    }

    mutating func double(_ e: MSPDIElement, _ owner: String) -> Double? {
        let v = e.value
        guard !v.isEmpty else { return nil }
        guard let d = MSPDIValues.double(v), abs(d) < 1e15 else {
            notice("\(owner) / \(e.name)", e.line, "'\(v.prefix(40))' is not a number; ignored")
            return nil
        }
        return d
    }

    /// An ISO 8601 duration in minutes; a negative one is zeroed unless `allowNegative`, and one over 100 years
    /// (or unreadable) is dropped, each with a notice.
    mutating func minutes(_ e: MSPDIElement, _ owner: String, allowNegative: Bool = false) -> Double? {
        let v = e.value
        guard !v.isEmpty else { return nil }
        guard let m = MSPDIValues.isoDurationMinutes(v) else {
            notice("\(owner) / \(e.name)", e.line, "'\(v.prefix(40))' is not a duration like PT8H0M0S; ignored")
            return nil
        }
        guard abs(m) <= MSPDIValues.absurdMinutes else {
            notice("\(owner) / \(e.name)", e.line, "\(v.prefix(40)) is longer than 100 years; ignored")
            return nil
        }
        if m < 0 && !allowNegative {
            notice("\(owner) / \(e.name)", e.line, "negative duration \(v.prefix(40)); read as zero")
            return 0
        }
        return m
    }

    /// A value stored in tenths of a minute (slack, lag), in minutes; over 100 years is dropped with a notice.
    mutating func tenthsOfMinute(_ e: MSPDIElement, _ owner: String) -> Double? {
        guard let d = double(e, owner) else { return nil }
        let m = d / 10
        guard abs(m) <= MSPDIValues.absurdMinutes else {
            notice("\(owner) / \(e.name)", e.line, "\(e.value.prefix(40)) tenths of a minute is longer than 100 years; ignored")
            return nil
        }
        return m
    }

    /// A `DurationFormat`/`LagFormat` code; an unknown one is read as days with a notice.
    mutating func format(_ e: MSPDIElement, _ owner: String)
        -> (unit: ProjectFile.Duration.Unit, elapsed: Bool, estimated: Bool)? {
        guard let code = int(e, owner) else { return nil }
        guard let f = MSPDIValues.format(code) else {
            notice("\(owner) / \(e.name)", e.line, "unknown duration format code \(code); read as days")
            return (.days, false, false)
        }
        return f
    }
}
