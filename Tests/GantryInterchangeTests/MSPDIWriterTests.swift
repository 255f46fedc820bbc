import Foundation
import GantryInterchange
import GantryModel
import Testing

/// The MSPDI writer against the schema: element order from Microsoft's MSPDI XSD (`mspdi_pj14`, the sequences MPXJ's
/// JAXB classes carry), values in the schema's units. Expected values come from the schema's definitions (ISO 8601
/// durations, tenths of a minute, the code tables), not from running the writer.
@Suite struct MSPDIWriterTests {
    // MARK: A project with every feature, built by hand

    static func date(_ y: Int, _ m: Int, _ d: Int) -> CalendarDate {
        CalendarDate(year: y, month: m, day: d) ?? CalendarDate(daysSinceEpoch: 0)
    }

    static func at(_ y: Int, _ m: Int, _ d: Int, _ h: Int = 8, _ min: Int = 0) -> LocalDateTime {
        LocalDateTime(date: date(y, m, d), minuteOfDay: h * 60 + min)
    }

    static let standardDay = [TimeRange(start: 480, end: 720), TimeRange(start: 780, end: 1020)]

    static var everything: ProjectFile {
        let standard = ProjectFile.Calendar(
            uid: "1", name: "Standard",
            week: [.monday: standardDay, .tuesday: standardDay, .wednesday: standardDay, .thursday: standardDay,
                   .friday: standardDay, .sunday: []],
            exceptions: [
                CalendarException(name: "Christmas", from: date(2026, 12, 24), to: date(2026, 12, 26)),
                CalendarException(name: "Weekend push", from: date(2026, 12, 27), to: date(2026, 12, 27),
                                  working: [TimeRange(start: 600, end: 840)]),
                CalendarException(name: "New Year", from: date(2027, 1, 1), to: date(2027, 1, 1), recurrence: .yearly),
            ])
        let night = ProjectFile.Calendar(uid: "2", name: "Night shift", baseUID: "1",
                                         week: [.monday: [TimeRange(start: 1320, end: 1440)], .friday: []])
        let imported = ProjectFile.Calendar(uid: "CAL-X", name: "From P6")
        let tasks = [
            ProjectFile.Task(uid: "1", rowID: 1, name: "Phase A", wbs: "1", outlineLevel: 1, summary: true),
            ProjectFile.Task(uid: "2", rowID: 2, name: "Design & <build> \"it\"", wbs: "1.1", outlineLevel: 2,
                             parentUID: "1", duration: .init(minutes: 480, unit: .days, estimated: true),
                             start: at(2026, 3, 2), finish: at(2026, 3, 2, 17),
                             stored: .init(earlyStart: at(2026, 3, 2), earlyFinish: at(2026, 3, 2, 17),
                                           lateStart: at(2026, 3, 4), lateFinish: at(2026, 3, 4, 17),
                                           totalSlack: .init(minutes: 960), freeSlack: .init(minutes: 0),
                                           critical: false),
                             baselines: [.init(number: 10, start: at(2026, 3, 3)),
                                         .init(number: 0, start: at(2026, 3, 2), finish: at(2026, 3, 2, 17),
                                               duration: .init(minutes: 480), work: 960, cost: 1234.5)]),
            ProjectFile.Task(uid: "3", rowID: 3, name: "Gate", wbs: "1.2", outlineLevel: 2, parentUID: "1",
                             milestone: true, duration: .zero, start: at(2026, 3, 2, 17), finish: at(2026, 3, 2, 17)),
            ProjectFile.Task(uid: "4", rowID: 4, name: "Cure\r\nconcrete\u{1}", wbs: "2", outlineLevel: 1, manual: true,
                             duration: .init(minutes: 2880, unit: .days, elapsed: true),
                             constraint: .mustStartOn, constraintDate: at(2026, 3, 9), deadline: at(2026, 3, 20, 17),
                             priority: 700, percentComplete: 50, actualStart: at(2026, 3, 9),
                             actualDuration: .init(minutes: 1440, unit: .days, elapsed: true),
                             remainingDuration: .init(minutes: 1440, unit: .days, elapsed: true), calendarUID: "2",
                             ignoreResourceCalendar: true, type: "1", notes: "pour on Monday"),
            ProjectFile.Task(uid: "5", rowID: 5, name: "Optional", wbs: "3", outlineLevel: 1, active: false,
                             duration: .init(minutes: 90, unit: .minutes), calendarUID: "CAL-X"),
        ]
        let links = [
            ProjectFile.Link(predecessorUID: "2", successorUID: "3"),
            ProjectFile.Link(predecessorUID: "3", successorUID: "4", type: .startToStart,
                             lag: .init(.working(minutes: 4800), unit: .days)),
            ProjectFile.Link(predecessorUID: "2", successorUID: "4", type: .finishToFinish,
                             lag: .init(.elapsed(minutes: 1440), unit: .days)),
            ProjectFile.Link(predecessorUID: "2", successorUID: "5", type: .startToFinish,
                             lag: .init(.percent(50), unit: .percent)),
            ProjectFile.Link(predecessorUID: "4", successorUID: "5", lag: .init(.working(minutes: -480), unit: .hours)),
            ProjectFile.Link(predecessorUID: "12", successorUID: "5", crossProject: "Other.mpp\\12"),
            ProjectFile.Link(predecessorUID: "missing", successorUID: "5"),
        ]
        let resources = [
            ProjectFile.Resource(uid: "1", name: "Ann", initials: "A", group: "Design", email: "ann@example.com",
                                 maxUnits: 50, calendarUID: "2", standardRate: 80, overtimeRate: 120, costPerUse: 15),
            ProjectFile.Resource(uid: "2", name: "Concrete", kind: .material, standardRate: 95.5),
            ProjectFile.Resource(uid: "3", name: "Travel", kind: .cost),
            ProjectFile.Resource(uid: "R-9", name: "Any engineer", generic: true),
        ]
        let assignments = [
            ProjectFile.Assignment(uid: "1", taskUID: "2", resourceUID: "1", units: 50, work: 240, actualWork: 60,
                                   remainingWork: 180, baselineWork: [1: 300, 0: 240]),
            ProjectFile.Assignment(uid: "2", taskUID: "4", resourceUID: "R-9", units: 100, work: 2880),
        ]
        return ProjectFile(format: .mspdi, name: "Bridge", start: at(2026, 3, 2), finish: at(2026, 3, 20, 17),
                           statusDate: at(2026, 3, 10, 17), minutesPerDay: 480, minutesPerWeek: 2400,
                           daysPerMonth: 20, honorConstraints: false, calendarUID: "1", currency: "EUR",
                           calendars: [standard, night, imported], tasks: tasks, links: links,
                           resources: resources, assignments: assignments)
    }

    static func written(_ file: ProjectFile = everything) throws -> ParsedXML {
        let data = MSPDIWriter.write(file)
        // For the MPXJ round trip (`mpxj_oracle.py inspect`): GANTRY_INTERCHANGE_SAMPLES=/some/dir keeps the file.
        if let dir = ProcessInfo.processInfo.environment["GANTRY_INTERCHANGE_SAMPLES"], file == everything {
            try data.write(to: URL(fileURLWithPath: dir).appendingPathComponent("mspdi-writer-everything.xml"))
        }
        return try ParsedXML.parse(data)
    }

    // MARK: Schema order

    /// The `xsd:sequence` of each element, in the XSD's order (the elements the writer may use, and their
    /// neighbours, enough to check order).
    static let sequences: [String: [String]] = [
        "Project": ["SaveVersion", "UID", "Name", "GUID", "Title", "Subject", "Category", "Company", "Manager", "Author",
                    "CreationDate", "Revision", "LastSaved", "ScheduleFromStart", "StartDate", "FinishDate",
                    "FYStartDate", "CriticalSlackLimit", "CurrencyDigits", "CurrencySymbol", "CurrencyCode",
                    "CurrencySymbolPosition", "CalendarUID", "DefaultStartTime", "DefaultFinishTime", "MinutesPerDay",
                    "MinutesPerWeek", "DaysPerMonth", "DefaultTaskType", "DefaultFixedCostAccrual",
                    "DefaultStandardRate", "DefaultOvertimeRate", "DurationFormat", "WorkFormat",
                    "EditableActualCosts", "HonorConstraints", "EarnedValueMethod", "InsertedProjectsLikeSummary",
                    "MultipleCriticalPaths", "NewTasksEffortDriven", "NewTasksEstimated", "SplitsInProgressTasks",
                    "SpreadActualCost", "SpreadPercentComplete", "TaskUpdatesResource", "FiscalYearStart",
                    "WeekStartDay", "MoveCompletedEndsBack", "MoveRemainingStartsBack", "MoveRemainingStartsForward",
                    "MoveCompletedEndsForward", "BaselineForEarnedValue", "AutoAddNewResourcesAndTasks", "StatusDate",
                    "CurrentDate", "OutlineCodes", "WBSMasks", "ExtendedAttributes", "Calendars", "Tasks",
                    "Resources", "Assignments"],
        "Calendar": ["UID", "GUID", "Name", "IsBaseCalendar", "IsBaselineCalendar", "BaseCalendarUID", "WeekDays",
                     "Exceptions", "WorkWeeks"],
        "WeekDay": ["DayType", "DayWorking", "TimePeriod", "WorkingTimes"],
        "Exception": ["EnteredByOccurrences", "TimePeriod", "Occurrences", "Name", "Type", "Period", "DaysOfWeek",
                      "MonthItem", "MonthPosition", "Month", "MonthDay", "DayWorking", "WorkingTimes"],
        "Task": ["UID", "GUID", "ID", "Name", "Active", "Manual", "Type", "IsNull", "CreateDate", "Contact", "WBS",
                 "WBSLevel", "OutlineNumber", "OutlineLevel", "Priority", "Start", "Finish", "Duration",
                 "DurationFormat", "Work", "Stop", "Resume", "ResumeValid", "EffortDriven", "Recurring",
                 "OverAllocated", "Estimated", "Milestone", "Summary", "DisplayAsSummary", "Critical", "IsSubproject",
                 "IsSubprojectReadOnly", "SubprojectName", "ExternalTask", "ExternalTaskProject", "EarlyStart",
                 "EarlyFinish", "LateStart", "LateFinish", "StartVariance", "FinishVariance", "WorkVariance",
                 "FreeSlack", "TotalSlack", "StartSlack", "FinishSlack", "FixedCost", "FixedCostAccrual",
                 "PercentComplete", "PercentWorkComplete", "Cost", "OvertimeCost", "OvertimeWork", "ActualStart",
                 "ActualFinish", "ActualDuration", "ActualCost", "ActualOvertimeCost", "ActualWork",
                 "ActualOvertimeWork", "RegularWork", "RemainingDuration", "RemainingCost", "RemainingWork",
                 "RemainingOvertimeCost", "RemainingOvertimeWork", "ACWP", "CV", "ConstraintType", "CalendarUID",
                 "ConstraintDate", "Deadline", "LevelAssignments", "LevelingCanSplit", "LevelingDelay",
                 "LevelingDelayFormat", "PreLeveledStart", "PreLeveledFinish", "Hyperlink", "HyperlinkAddress",
                 "HyperlinkSubAddress", "IgnoreResourceCalendar", "Notes", "HideBar", "Rollup", "BCWS", "BCWP",
                 "PhysicalPercentComplete", "EarnedValueMethod", "PredecessorLink", "ActualWorkProtected",
                 "ActualOvertimeWorkProtected", "ExtendedAttribute", "Baseline", "OutlineCode", "TimephasedData"],
        "PredecessorLink": ["PredecessorUID", "Type", "CrossProject", "CrossProjectName", "LinkLag", "LagFormat"],
        "Resource": ["UID", "GUID", "ID", "Name", "Type", "IsNull", "Initials", "Phonetics", "NTAccount",
                     "MaterialLabel", "Code", "Group", "WorkGroup", "EmailAddress", "Hyperlink", "HyperlinkAddress",
                     "HyperlinkSubAddress", "MaxUnits", "PeakUnits", "OverAllocated", "AvailableFrom", "AvailableTo",
                     "Start", "Finish", "CanLevel", "AccrueAt", "Work", "RegularWork", "OvertimeWork", "ActualWork",
                     "RemainingWork", "ActualOvertimeWork", "RemainingOvertimeWork", "PercentWorkComplete",
                     "StandardRate", "StandardRateFormat", "Cost", "OvertimeRate", "OvertimeRateFormat",
                     "OvertimeCost", "CostPerUse", "ActualCost", "ActualOvertimeCost", "RemainingCost",
                     "RemainingOvertimeCost", "WorkVariance", "CostVariance", "SV", "CV", "ACWP", "CalendarUID",
                     "Notes", "BCWS", "BCWP", "IsGeneric", "IsInactive", "IsEnterprise", "BookingType",
                     "ActualWorkProtected", "ActualOvertimeWorkProtected", "ActiveDirectoryGUID", "CreationDate",
                     "ExtendedAttribute", "Baseline", "OutlineCode", "CostCenter", "IsCostResource"],
        "Assignment": ["UID", "GUID", "TaskUID", "ResourceUID", "PercentWorkComplete", "ActualCost", "ActualFinish",
                       "ActualOvertimeCost", "ActualOvertimeWork", "ActualStart", "ActualWork", "ACWP", "Confirmed",
                       "Cost", "CostRateTable", "CostVariance", "CV", "Delay", "Finish", "FinishVariance",
                       "Hyperlink", "HyperlinkAddress", "HyperlinkSubAddress", "WorkVariance", "HasFixedRateUnits",
                       "FixedMaterial", "LevelingDelay", "LevelingDelayFormat", "LinkedFields", "Milestone", "Notes",
                       "Overallocated", "OvertimeCost", "OvertimeWork", "PeakUnits", "RateScale", "RegularWork",
                       "RemainingCost", "RemainingOvertimeCost", "RemainingOvertimeWork", "RemainingWork",
                       "ResponsePending", "Start", "Stop", "Resume", "StartVariance", "Summary", "SV", "Units",
                       "UpdateNeeded", "VAC", "Work", "WorkContour", "BCWS", "BCWP", "BookingType",
                       "ActualWorkProtected", "ActualOvertimeWorkProtected", "CreationDate", "AssnOwner",
                       "AssnOwnerGuid", "BudgetCost", "BudgetWork", "ExtendedAttribute", "Baseline"],
        "TimePeriod": ["FromDate", "ToDate"],
        "WorkingTime": ["FromTime", "ToTime"],
    ]

    /// Task and assignment baselines have their own sequences.
    static let baselineSequence = ["TimephasedData", "Number", "Interim", "Start", "Finish", "Duration",
                                   "DurationFormat", "EstimatedDuration", "Work", "Cost", "BCWS", "BCWP"]

    @Test("every element comes in the order of the MSPDI schema's sequence, each at most once where the schema says so")
    func followsTheSchemaSequence() throws {
        let root = try Self.written()
        #expect(root.name == "Project")
        var checked = 0
        func visit(_ node: ParsedXML) {
            let sequence = node.name == "Baseline" ? Self.baselineSequence : Self.sequences[node.name]
            if let sequence {
                checked += 1
                var last = -1
                for child in node.children {
                    guard let index = sequence.firstIndex(of: child.name) else {
                        Issue.record("<\(child.name)> is not in the schema sequence of <\(node.name)>")
                        continue
                    }
                    let repeatable = ["PredecessorLink", "Baseline", "ExtendedAttribute"].contains(child.name)
                    #expect(index > last || (repeatable && index == last),
                            "<\(child.name)> comes after a later element in <\(node.name)>")
                    last = index
                }
            }
            node.children.forEach(visit)
        }
        visit(root)
        #expect(checked > 20)
    }

    @Test("the project's properties, with the currency code the schema requires")
    func writesProjectProperties() throws {
        let root = try Self.written()
        #expect(root.attributes["xmlns"] == "http://schemas.microsoft.com/project")
        #expect(root.value("SaveVersion") == "14")
        #expect(root.value("Name") == "Bridge")
        #expect(root.value("Title") == "Bridge")
        #expect(root.value("ScheduleFromStart") == "1")
        #expect(root.value("StartDate") == "2026-03-02T08:00:00")
        #expect(root.value("FinishDate") == "2026-03-20T17:00:00")
        #expect(root.value("StatusDate") == "2026-03-10T17:00:00")
        #expect(root.value("CurrencyCode") == "EUR")
        #expect(root.value("CalendarUID") == "1")
        #expect(root.value("MinutesPerDay") == "480")
        #expect(root.value("MinutesPerWeek") == "2400")
        #expect(root.value("DaysPerMonth") == "20")
        #expect(root.value("HonorConstraints") == "0")
    }

    @Test("calendars: base and derived, weekdays by DayType 1 (Sunday) to 7, exceptions in the 2007 form")
    func writesCalendars() throws {
        let calendars = try Self.written().at("Calendars/Calendar")
        #expect(calendars.count == 3)
        let standard = calendars[0]
        #expect(standard.value("IsBaseCalendar") == "1")
        #expect(standard.child("BaseCalendarUID") == nil)
        let days = standard.at("WeekDays/WeekDay")
        // A base calendar states all seven days; Saturday, left open in the model, is the standard day off.
        #expect(days.map { $0.value("DayType") } == ["1", "2", "3", "4", "5", "6", "7"])
        #expect(days.map { $0.value("DayWorking") } == ["0", "1", "1", "1", "1", "1", "0"])
        let monday = days[1].at("WorkingTimes/WorkingTime")
        #expect(monday.map { $0.value("FromTime") } == ["08:00:00", "13:00:00"])
        #expect(monday.map { $0.value("ToTime") } == ["12:00:00", "17:00:00"])

        let exceptions = standard.at("Exceptions/Exception")
        #expect(exceptions.count == 3)
        let christmas = exceptions[0]
        #expect(christmas.value("Name") == "Christmas")
        #expect(christmas.value("Type") == "1")  // daily
        #expect(christmas.child("TimePeriod")?.value("FromDate") == "2026-12-24T00:00:00")
        #expect(christmas.child("TimePeriod")?.value("ToDate") == "2026-12-26T23:59:00")
        #expect(christmas.value("Occurrences") == "3")
        #expect(christmas.value("DayWorking") == "0")
        let push = exceptions[1]
        #expect(push.value("DayWorking") == "1")
        #expect(push.at("WorkingTimes/WorkingTime").map { $0.value("FromTime") } == ["10:00:00"])
        #expect(push.at("WorkingTimes/WorkingTime").map { $0.value("ToTime") } == ["14:00:00"])
        let newYear = exceptions[2]
        #expect(newYear.value("Type") == "2")  // yearly by day of the month
        #expect(newYear.value("Month") == "0")  // January, 0-based in the schema
        #expect(newYear.value("MonthDay") == "1")
        #expect(newYear.value("Period") == "1")
        #expect(newYear.child("TimePeriod")?.value("FromDate") == "2027-01-01T00:00:00")

        let night = calendars[1]
        #expect(night.value("IsBaseCalendar") == "0")
        #expect(night.value("BaseCalendarUID") == "1")
        // A derived calendar writes only the days it changes; a working time to midnight ends at 00:00:00.
        let nightDays = night.at("WeekDays/WeekDay")
        #expect(nightDays.map { $0.value("DayType") } == ["2", "6"])
        #expect(nightDays[0].at("WorkingTimes/WorkingTime").first?.value("ToTime") == "00:00:00")
        #expect(nightDays[1].value("DayWorking") == "0")

        // "CAL-X" is not an integer: it gets the next number above the largest kept (2).
        #expect(calendars[2].value("UID") == "3")
    }

    @Test("tasks: identity, outline, durations as ISO 8601 with their format, stored dates, slack in tenths of a minute")
    func writesTasks() throws {
        let tasks = try Self.written().at("Tasks/Task")
        #expect(tasks.count == 5)
        #expect(tasks.map { $0.value("OutlineNumber") } == ["1", "1.1", "1.2", "2", "3"])
        #expect(tasks.map { $0.value("OutlineLevel") } == ["1", "2", "2", "1", "1"])
        #expect(tasks[0].value("Summary") == "1")

        let design = tasks[1]
        #expect(design.value("UID") == "2")
        #expect(design.value("ID") == "2")
        #expect(design.value("Name") == "Design & <build> \"it\"")
        #expect(design.value("WBS") == "1.1")
        #expect(design.value("Duration") == "PT8H0M0S")
        #expect(design.value("DurationFormat") == "39")  // 39 = d? (estimated days)
        #expect(design.value("Estimated") == "1")
        #expect(design.value("EarlyStart") == "2026-03-02T08:00:00")
        #expect(design.value("LateFinish") == "2026-03-04T17:00:00")
        #expect(design.value("TotalSlack") == "9600")  // 960 minutes = 2 days of 8 hours
        #expect(design.value("FreeSlack") == "0")
        #expect(design.value("Critical") == "0")
        #expect(design.value("ConstraintType") == "0")

        #expect(tasks[2].value("Milestone") == "1")
        #expect(tasks[2].value("Duration") == "PT0H0M0S")

        let cure = tasks[3]
        #expect(cure.value("Name") == "Cure\r\nconcrete")  // the CR survives as &#13;, the control character is dropped
        #expect(cure.value("Manual") == "1")
        #expect(cure.value("Type") == "1")
        #expect(cure.value("Duration") == "PT48H0M0S")
        #expect(cure.value("DurationFormat") == "8")  // ed
        #expect(cure.value("ConstraintType") == "2")  // must start on
        #expect(cure.value("ConstraintDate") == "2026-03-09T08:00:00")
        #expect(cure.value("Deadline") == "2026-03-20T17:00:00")
        #expect(cure.value("Priority") == "700")
        #expect(cure.value("PercentComplete") == "50")
        #expect(cure.value("ActualStart") == "2026-03-09T08:00:00")
        #expect(cure.value("ActualDuration") == "PT24H0M0S")
        #expect(cure.value("RemainingDuration") == "PT24H0M0S")
        #expect(cure.value("CalendarUID") == "2")
        #expect(cure.value("IgnoreResourceCalendar") == "1")
        #expect(cure.value("Notes") == "pour on Monday")

        let optional = tasks[4]
        #expect(optional.value("Active") == "0")
        #expect(optional.value("Duration") == "PT1H30M0S")
        #expect(optional.value("DurationFormat") == "3")  // m
        #expect(optional.value("CalendarUID") == "3")
    }

    @Test("links: type codes 0 FF, 1 FS, 2 SF, 3 SS; lag in tenths of a minute, elapsed and percent formats")
    func writesLinks() throws {
        let tasks = try Self.written().at("Tasks/Task")
        func links(_ i: Int) -> [ParsedXML] { tasks[i].all("PredecessorLink") }
        #expect(links(2).map { $0.value("PredecessorUID") } == ["2"])
        #expect(links(2).first?.value("Type") == "1")
        #expect(links(2).first?.value("LinkLag") == "0")

        let cure = links(3)
        #expect(cure.map { $0.value("Type") } == ["3", "0"])
        #expect(cure.map { $0.value("LinkLag") } == ["48000", "14400"])
        #expect(cure.map { $0.value("LagFormat") } == ["7", "8"])  // d, ed

        let optional = links(4)
        // The link to a task the file does not hold ("missing") cannot be written; the cross-project one keeps
        // its project.
        #expect(optional.count == 3)
        #expect(optional[0].value("Type") == "2")
        #expect(optional[0].value("LinkLag") == "50")
        #expect(optional[0].value("LagFormat") == "19")
        #expect(optional[1].value("LinkLag") == "-4800")
        #expect(optional[1].value("LagFormat") == "5")  // h
        #expect(optional[2].value("CrossProject") == "1")
        #expect(optional[2].value("CrossProjectName") == "Other.mpp\\12")
    }

    @Test("baselines 0–10 in number order with their dates, duration, work and cost")
    func writesBaselines() throws {
        let design = try Self.written().at("Tasks/Task")[1]
        let baselines = design.all("Baseline")
        #expect(baselines.map { $0.value("Number") } == ["0", "10"])
        #expect(baselines[0].value("Start") == "2026-03-02T08:00:00")
        #expect(baselines[0].value("Finish") == "2026-03-02T17:00:00")
        #expect(baselines[0].value("Duration") == "PT8H0M0S")
        #expect(baselines[0].value("Work") == "PT16H0M0S")
        #expect(baselines[0].value("Cost") == "123450")  // hundredths, as MSPDI stores currency
        #expect(baselines[1].value("Start") == "2026-03-03T08:00:00")
    }

    @Test("resources and assignments: units as fractions, rates per hour, work as ISO 8601")
    func writesResourcesAndAssignments() throws {
        let root = try Self.written()
        let resources = root.at("Resources/Resource")
        #expect(resources.count == 4)
        #expect(resources.map { $0.value("Type") } == ["1", "0", "2", "1"])  // work, material, cost, work
        let ann = resources[0]
        #expect(ann.value("MaxUnits") == "0.5")
        #expect(ann.value("StandardRate") == "80")
        #expect(ann.value("StandardRateFormat") == "2")
        #expect(ann.value("OvertimeRate") == "120")
        #expect(ann.value("CostPerUse") == "1500")
        #expect(ann.value("CalendarUID") == "2")
        #expect(ann.value("EmailAddress") == "ann@example.com")
        #expect(resources[1].value("StandardRate") == "95.5")
        #expect(resources[2].value("IsCostResource") == "1")
        #expect(resources[3].value("IsGeneric") == "1")
        #expect(resources[3].value("UID") == "4")  // "R-9" renumbered above the largest kept UID

        let assignments = root.at("Assignments/Assignment")
        #expect(assignments.count == 2)
        let first = assignments[0]
        #expect(first.value("TaskUID") == "2")
        #expect(first.value("ResourceUID") == "1")
        #expect(first.value("Units") == "0.5")
        #expect(first.value("Work") == "PT4H0M0S")
        #expect(first.value("ActualWork") == "PT1H0M0S")
        #expect(first.value("RemainingWork") == "PT3H0M0S")
        #expect(first.all("Baseline").map { $0.value("Number") } == ["0", "1"])
        #expect(first.all("Baseline").map { $0.value("Work") } == ["PT4H0M0S", "PT5H0M0S"])
        #expect(assignments[1].value("ResourceUID") == "4")
    }

    @Test("work and durations keep hundredths of a second, as MS Project writes them (PT2H0M5.07S)")
    func keepsFractionalSeconds() throws {
        let a = ProjectFile.Assignment(uid: "1", taskUID: "1", resourceUID: "1", work: 120 + 5.07 / 60,
                                       actualWork: 22.5 / 60, remainingWork: 0.1 / 60)
        let file = ProjectFile(format: .mspdi, tasks: [.init(uid: "1", name: "t")],
                               resources: [.init(uid: "1", name: "r")], assignments: [a])
        let written = try #require(try ParsedXML.parse(MSPDIWriter.write(file)).at("Assignments/Assignment").first)
        #expect(written.value("Work") == "PT2H0M5.07S")
        #expect(written.value("ActualWork") == "PT0H0M22.5S")
        #expect(written.value("RemainingWork") == "PT0H0M0.1S")
    }

    @Test("a task is written under its parent, one level deeper, whatever order and level the model gave it")
    func writesTheOutlineFromParents() throws {
        // Built the way Gantry's own plans are: parents named, levels left at their default of 1, children listed
        // before their parents.
        let file = ProjectFile(format: .mspdi, tasks: [
            .init(uid: "11", name: "Design", parentUID: "10"),
            .init(uid: "20", name: "Phase 2", summary: true),
            .init(uid: "12", name: "Detail", parentUID: "11"),
            .init(uid: "10", name: "Phase 1", summary: true),
            .init(uid: "21", name: "Build", parentUID: "20"),
            .init(uid: "30", name: "Loop A", parentUID: "31"),
            .init(uid: "31", name: "Loop B", parentUID: "30"),
        ])
        let tasks = try ParsedXML.parse(MSPDIWriter.write(file)).at("Tasks/Task")
        #expect(tasks.map { $0.value("Name") } == ["Phase 2", "Build", "Phase 1", "Design", "Detail", "Loop A", "Loop B"])
        #expect(tasks.map { $0.value("OutlineLevel") } == ["1", "2", "1", "2", "3", "1", "1"])
    }

    @Test("the same project gives the same bytes")
    func isDeterministic() {
        #expect(MSPDIWriter.write(Self.everything) == MSPDIWriter.write(Self.everything))
    }

    @Test("absurd values are clamped into what the schema can hold, never a crash")
    func clampsAbsurdValues() throws {
        let task = ProjectFile.Task(
            uid: "99999999999999999999", name: "x", outlineLevel: 10_000,
            duration: .init(minutes: .infinity), constraint: .startNoEarlierThan,
            constraintDate: LocalDateTime(minutesSinceEpoch: .max), priority: 99_999, percentComplete: -5,
            start: LocalDateTime(minutesSinceEpoch: .min),
            stored: .init(totalSlack: .init(minutes: 1e300), freeSlack: .init(minutes: .nan)))
        let file = ProjectFile(format: .xer, tasks: [task],
                               links: [.init(predecessorUID: "99999999999999999999", successorUID: "99999999999999999999",
                                             lag: .init(.percent(.greatestFiniteMagnitude)))],
                               assignments: [.init(uid: "a", taskUID: "99999999999999999999", resourceUID: "none",
                                                   units: .nan, work: -1e200)])
        let written = try ParsedXML.parse(MSPDIWriter.write(file))
        let t = try #require(written.at("Tasks/Task").first)
        #expect(t.value("UID") == "1")
        #expect(t.value("Priority") == "1000")
        #expect(t.value("PercentComplete") == "0")
        #expect(t.value("Duration") == "PT0H0M0S")
        #expect(t.value("Start") == "0001-01-01T00:00:00")
        #expect(t.value("ConstraintDate") == "9999-12-31T23:59:00")
        #expect(t.value("TotalSlack") == String(Int32.max))
        #expect(t.value("FreeSlack") == "0")
        #expect(t.child("PredecessorLink")?.value("LinkLag") == String(Int32.max))
        let a = try #require(written.at("Assignments/Assignment").first)
        #expect(a.value("ResourceUID") == "-65535")
        #expect(a.value("Units") == "0")
        #expect(a.value("Work") == "-PT16666666666H40M0S")  // clamped to -10¹² minutes
    }
}
