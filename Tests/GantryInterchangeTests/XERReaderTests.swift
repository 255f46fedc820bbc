import Foundation
import GantryInterchange
import GantryModel
import Testing

/// The P6 XER exports in `shared/data/schedules/xer`, and small files written here for what the corpus lacks.
@Suite struct XERReaderTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("../shared/data/schedules/xer")

    static func read(_ name: String, project: String? = nil) throws -> ProjectFile {
        try XERReader.read(Data(contentsOf: folder.appendingPathComponent(name)), project: project)
    }

    /// A file written in the test: `ERMHDR`, then the lines given, joined by newlines; cells by tabs.
    static func xer(_ lines: [String]) -> Data {
        Data((["ERMHDR\t19.12\t2024-01-01\tProject\tadmin\tAdmin\tdbx\tProject Management\tEUR"] + lines)
            .joined(separator: "\n").utf8)
    }

    struct Counts: Sendable, CustomStringConvertible {
        var file: String, tasks: Int, links: Int, calendars: Int, resources: Int, assignments: Int
        var description: String { file }
    }

    /// The expected numbers come from MPXJ (`python3 shared/tools/mpxj_oracle.py inspect FILE`), which counts the
    /// WBS nodes as summary tasks and P6 roles as resources, as this reader does.
    static let corpus: [Counts] = [
        .init(file: "mpxj_PredecessorCalendar.xer", tasks: 2, links: 0, calendars: 1, resources: 0, assignments: 0),
        .init(file: "mpxj_ProjectDefaultCalendar.xer", tasks: 2, links: 0, calendars: 1, resources: 0, assignments: 0),
        .init(file: "mpxj_SuccessorCalendar.xer", tasks: 2, links: 0, calendars: 1, resources: 0, assignments: 0),
        .init(file: "mpxj_TwentyFourHourCalendar.xer", tasks: 2, links: 0, calendars: 1, resources: 0, assignments: 0),
        .init(file: "mpxj_calendar-invalid-8.4.xer", tasks: 13, links: 0, calendars: 3, resources: 0, assignments: 0),
        .init(file: "mpxj_resource-rates-test.xer", tasks: 2, links: 0, calendars: 1, resources: 2, assignments: 5),
    ]

    @Test("every corpus file reads with MPXJ's counts", arguments: corpus)
    func readsTheCorpus(_ expected: Counts) throws {
        let file = try Self.read(expected.file)
        #expect(file.format == .xer)
        #expect(file.tasks.count == expected.tasks)
        #expect(file.links.count == expected.links)
        #expect(file.calendars.count == expected.calendars)
        #expect(file.resources.count == expected.resources)
        #expect(file.assignments.count == expected.assignments)
        // Every parent precedes its children and exists.
        var seen: Set<String> = []
        for t in file.tasks {
            if let p = t.parentUID { #expect(seen.contains(p), "\(t.uid) comes before its parent \(p)") }
            seen.insert(t.uid)
        }
    }

    @Test func theLagCalendarIsTheProjectsSchedulingOption() throws {
        // SCHEDOPTIONS.sched_calendar_on_relationship_lag in each file: rcal_Predecessor, rcal_Successor,
        // rcal_24Hour, rcal_ProjDefault.
        #expect(try Self.read("mpxj_PredecessorCalendar.xer").lagCalendar == .predecessor)
        #expect(try Self.read("mpxj_SuccessorCalendar.xer").lagCalendar == .successor)
        #expect(try Self.read("mpxj_TwentyFourHourCalendar.xer").lagCalendar == .twentyFourHour)
        let project = try Self.read("mpxj_ProjectDefaultCalendar.xer")
        #expect(project.lagCalendar == .project)
        #expect(project.schedulingOptions["sched_calendar_on_relationship_lag"] == "rcal_ProjDefault")
        #expect(project.schedulingOptions["sched_retained_logic"] == "Y")
        #expect(project.schedulingOptions["sched_outer_depend_type"] == "SD_Both")
        #expect(project.schedulingOptions["critical_path_type"] == "CT_TotFloat")
    }

    @Test func readsTheProjectTheWBSAndAnActivityAsStored() throws {
        let file = try Self.read("mpxj_PredecessorCalendar.xer")
        // ERMHDR 8.2.0 … USD; PROJECT row: TEST PROJECT, plan_start_date 2019-05-06 08:00,
        // last_recalc_date 2019-10-02 00:00, scd_end_date 2020-12-30 08:00, clndr_id 44739.
        #expect(file.application == "Primavera P6 8.2.0")
        #expect(file.currency == "USD")
        #expect(file.name == "TEST PROJECT")
        #expect(file.start == (try LocalDateTime(iso: "2019-05-06T08:00")))
        #expect(file.statusDate == (try LocalDateTime(iso: "2019-10-02T00:00")))
        #expect(file.finish == (try LocalDateTime(iso: "2020-12-30T08:00")))
        #expect(file.calendarUID == "44739")
        // CALENDAR 5 Day: day_hr_cnt 8, week_hr_cnt 40.
        #expect(file.minutesPerDay == 480)
        #expect(file.minutesPerWeek == 2400)

        // PROJWBS 355248 TEST / TEST PROJECT, the project node.
        let wbs = try #require(file.tasks.first)
        #expect(wbs.uid == "WBS355248")
        #expect(wbs.summary)
        #expect(wbs.name == "TEST PROJECT")
        #expect(wbs.wbs == "TEST")

        // TASK 1338401 A1000 "Test": TT_Task, TK_Complete, target_drtn_hr_cnt 24, CS_MSOA on 2019-06-10 00:00,
        // act 2019-06-10 08:00 – 2019-06-12 17:00, early 2019-10-02 00:00, late 2020-12-30 08:00.
        let task = try #require(file.tasks.first { $0.uid == "1338401" })
        #expect(task.code == "A1000")
        #expect(task.name == "Test")
        #expect(task.parentUID == "WBS355248")
        #expect(task.wbs == "TEST")
        #expect(task.outlineLevel == 2)
        #expect(task.type == "TT_Task")
        #expect(!task.milestone)
        #expect(task.ignoreResourceCalendar)
        #expect(task.duration == ProjectFile.Duration(minutes: 24 * 60, unit: .hours))
        #expect(task.remainingDuration == ProjectFile.Duration(minutes: 0, unit: .hours))
        #expect(task.constraint == .startNoEarlierThan)
        #expect(task.constraintDate == (try LocalDateTime(iso: "2019-06-10T00:00")))
        #expect(task.percentComplete == 100)
        #expect(task.actualStart == (try LocalDateTime(iso: "2019-06-10T08:00")))
        #expect(task.actualFinish == (try LocalDateTime(iso: "2019-06-12T17:00")))
        #expect(task.start == task.actualStart)
        #expect(task.finish == task.actualFinish)
        #expect(task.calendarUID == "44739")
        #expect(task.stored.earlyStart == (try LocalDateTime(iso: "2019-10-02T00:00")))
        #expect(task.stored.lateStart == (try LocalDateTime(iso: "2020-12-30T08:00")))
        #expect(task.stored.lateFinish == (try LocalDateTime(iso: "2020-12-30T08:00")))
        #expect(task.stored.critical == false)  // driving_path_flag N, no float (completed)
    }

    @Test func readsThePackedCalendarText() throws {
        let file = try Self.read("mpxj_PredecessorCalendar.xer")
        // clndr_data of 5 Day: day 1 (Sunday) empty; days 2–6 08:00–12:00 and 13:00–17:00; day 7 empty.
        let cal = try #require(file.calendars.first)
        #expect(cal.name == "5 Day")
        #expect(cal.week[.sunday] == [])
        #expect(cal.week[.monday] == [TimeRange(start: 480, end: 720), TimeRange(start: 780, end: 1020)])
        #expect(cal.week[.friday] == [TimeRange(start: 480, end: 720), TimeRange(start: 780, end: 1020)])
        #expect(cal.week[.saturday] == [])
    }

    @Test func readsExceptionsByDayNumberAndFinishBeforeStart() throws {
        let file = try Self.read("mpxj_calendar-invalid-8.4.xer")
        // Calendar 178 writes its periods finish first, "(0||0(f|16:00|s|08:00)())", and its exceptions as day
        // numbers after 1899-12-30: (d|41519) is 2013-09-02, (d|40179) 2010-01-01; 24 of them, all days off.
        let cal = try #require(file.calendars.first { $0.uid == "178" })
        #expect(cal.name == "Corporate - Standard Full Time")
        #expect(cal.week[.monday] == [TimeRange(start: 480, end: 960)])
        #expect(cal.week[.sunday] == [])
        #expect(cal.exceptions.count == 24)
        let first = try #require(cal.exceptions.first)
        #expect(first.from == CalendarDate(year: 2013, month: 9, day: 2))
        #expect(first.working.isEmpty)
        #expect(cal.exceptions.contains { $0.from == CalendarDate(year: 2010, month: 1, day: 1) })
        // Calendar 180 "Test - Invalid" is cut off after "(0||CalendarData()(": read, with a notice on its line.
        let invalid = try #require(file.calendars.first { $0.uid == "180" })
        #expect(invalid.week.isEmpty)
        #expect(file.notices.contains { $0.element.hasPrefix("CALENDAR clndr_id 180") && $0.line == 33 })
        // Three calendars flagged default_flag Y; the project names 178.
        #expect(file.calendarUID == "178")
    }

    @Test("percent complete follows the activity's percent complete type")
    func percentCompleteByType() throws {
        // The activities of this file are named for the % complete P6 shows ("Duration 25%", "Physical 75%",
        // "Units 100%"), under CP_Drtn, CP_Phys and CP_Units.
        let file = try Self.read("mpxj_calendar-invalid-8.4.xer")
        let activities = file.tasks.filter { !$0.summary }
        #expect(activities.count == 12)
        for task in activities {
            let stated = try #require(task.name.split(separator: " ").last.flatMap { Double($0.dropLast()) })
            #expect(task.percentComplete == stated, "\(task.name)")
        }
        // Statuses: A1000 not started, A1010 started 2015-02-24 08:00 with 600 of 800 hours remaining.
        let a1010 = try #require(file.tasks.first { $0.code == "A1010" })
        #expect(a1010.actualStart == (try LocalDateTime(iso: "2015-02-24T08:00")))
        #expect(a1010.remainingDuration?.minutes == 600.0 * 60)
        #expect(a1010.start == a1010.actualStart)
        #expect(a1010.finish == (try LocalDateTime(iso: "2015-06-08T16:00")))  // reend_date, the remaining early finish
    }

    @Test func readsResourcesRolesRatesAndAssignments() throws {
        let file = try Self.read("mpxj_resource-rates-test.xer")
        // ERMHDR 20.12; RSRC 1316 "Resource 1" R1 RT_Labor on calendar 597; RSRCRATE: from 2022-01-01
        // cost_per_qty 1.0 and max_qty_per_hr 1, from 2023-01-01 21.0; ROLES 332 "Role 1".
        #expect(file.application == "Primavera P6 20.12")
        #expect(file.name == "NEWPROJ")
        let r = try #require(file.resources.first { $0.uid == "1316" })
        #expect(r.name == "Resource 1")
        #expect(r.initials == "R1")
        #expect(r.kind == .work)
        #expect(r.calendarUID == "597")
        #expect(r.maxUnits == 100)
        #expect(r.standardRate == 1)
        #expect(file.unmodelled["resource rate periods after the first"] == 1)
        let role = try #require(file.resources.first { $0.uid == "ROLE332" })
        #expect(role.generic)
        #expect(role.name == "Role 1")
        // TASKRSRC 6639: task 35845, rsrc 1316, target_qty 240, remain_qty 240, act_reg_qty 0, 1 per hour.
        let a = try #require(file.assignments.first { $0.uid == "6639" })
        #expect(a.taskUID == "35845")
        #expect(a.resourceUID == "1316")
        #expect(a.units == 100)
        #expect(a.work == 240.0 * 60)
        #expect(a.remainingWork == 240.0 * 60)
        #expect(a.actualWork == 0)
        // The tables this reader does not model, by row count in the file: CURRTYPE 17, FINTMPL 1, OBS 1, ROLERATE 2.
        #expect(file.unmodelled["XER table CURRTYPE"] == 17)
        #expect(file.unmodelled["XER table FINTMPL"] == 1)
        #expect(file.unmodelled["XER table ROLERATE"] == 2)
        #expect(file.unmodelled["XER table OBS"] == 1)
    }

    @Test func decodesWindows1252() throws {
        // 0x96 is an en dash in Windows-1252 and not valid UTF-8.
        var bytes = Array(Self.xer(Self.minimal(taskName: "Pour ")))
        let marker = Array("Pour ".utf8)
        let at = try #require(bytes.indices.first { bytes[$0...].starts(with: marker) })
        bytes.insert(0x96, at: at + marker.count)
        let file = try XERReader.read(Data(bytes))
        #expect(file.tasks.contains { $0.name == "Pour \u{2013}" })
    }

    // MARK: Written files

    /// One project with a WBS node and the rows given.
    static func minimal(taskName: String = "First", extra: [String] = []) -> [String] {
        [
            "%T\tPROJECT", "%F\tproj_id\tproj_short_name\tclndr_id\tlast_recalc_date\tcritical_drtn_hr_cnt",
            "%R\t1\tP1\t10\t2024-01-08 08:00\t0",
            "%T\tCALENDAR", "%F\tclndr_id\tdefault_flag\tclndr_name\tday_hr_cnt\tweek_hr_cnt\tclndr_data",
            "%R\t10\tY\tStd\t8\t40\t(0||CalendarData()((0||DaysOfWeek()((0||2()((0||0(s|8:00 AM|f|5:00 PM)())))))(0||Exceptions()((0||0(d|45292)((0||0(s|09:00|f|13:00)())))))))",
            "%T\tPROJWBS", "%F\twbs_id\tproj_id\twbs_short_name\twbs_name\tparent_wbs_id\tproj_node_flag\tseq_num",
            "%R\t100\t1\tP1\tProject one\t9\tY\t0",
            "%R\t102\t1\tB\tSecond\t100\tN\t2",
            "%R\t101\t1\tA\tFirst phase\t100\tN\t1",
            "%T\tTASK",
            "%F\ttask_id\tproj_id\twbs_id\tclndr_id\ttask_code\ttask_name\ttask_type\tstatus_code\ttarget_drtn_hr_cnt\tremain_drtn_hr_cnt\ttotal_float_hr_cnt\tfree_float_hr_cnt\tearly_start_date\tcstr_type\tcstr_date\tcstr_type2\tcstr_date2\tdriving_path_flag",
            "%R\t1\t1\t101\t10\tA10\t\(taskName)\tTT_Task\tTK_NotStart\t16\t16\t0\t0\t2024-01-08 08:00\tCS_MEOB\t2024-01-31 17:00\tCS_MSOA\t2024-01-09 08:00\tY",
            "%R\t2\t1\t102\t10\tA20\tSecond\tTT_FinMile\tTK_NotStart\t0\t0\t12.5\t4\t2024-01-10 08:00\t\t\t\t\tN",
            "%R\t3\t1\t102\t10\tA30\tThird\tTT_Rsrc\tTK_NotStart\t8\t8\t-8\t0\t2024-01-10 08:00\tCS_WEIRD\t2024-01-10 08:00\t\t\tN",
        ] + extra + ["%E"]
    }

    @Test func readsAWrittenFile() throws {
        let file = try XERReader.read(Self.xer(Self.minimal(extra: [
            "%T\tTASKPRED", "%F\ttask_pred_id\ttask_id\tpred_task_id\tproj_id\tpred_proj_id\tpred_type\tlag_hr_cnt",
            "%R\t7\t2\t1\t1\t1\tPR_SS\t4",
            "%R\t8\t3\t2\t1\t1\tPR_FF\t-2.5",
            "%T\tUDFVALUE", "%F\tudf_type_id\tfk_id\tudf_text", "%R\t1\t1\tx", "%R\t1\t2\ty",
        ])))
        #expect(file.currency == "EUR")
        #expect(file.statusDate == (try LocalDateTime(iso: "2024-01-08T08:00")))
        // The WBS tree in seq_num order: P1, then A (seq 1) before B (seq 2) though B comes first in the file.
        #expect(file.tasks.map(\.uid) == ["WBS100", "WBS101", "1", "WBS102", "2", "3"])
        #expect(file.tasks.map(\.wbs) == ["P1", "P1.A", "P1.A", "P1.B", "P1.B", "P1.B"])
        let t1 = try #require(file.tasks.first { $0.uid == "1" })
        #expect(t1.constraint == .finishNoLaterThan)  // CS_MEOB
        #expect(t1.constraintDate == (try LocalDateTime(iso: "2024-01-31T17:00")))
        // A secondary constraint (CS_MSOA, start on or after) is kept beside the primary one.
        #expect(t1.secondaryConstraint == .startNoEarlierThan)
        #expect(t1.secondaryConstraintDate == (try LocalDateTime(iso: "2024-01-09T08:00")))
        #expect(!file.notices.contains { $0.element == "TASK task_id 1 / cstr_type2" })
        #expect(t1.stored.critical == true)  // total float 0 ≤ critical_drtn_hr_cnt 0
        let t2 = try #require(file.tasks.first { $0.uid == "2" })
        #expect(t2.milestone)
        #expect(t2.stored.totalSlack == ProjectFile.Duration(minutes: 12.5 * 60, unit: .hours))
        #expect(t2.stored.freeSlack == ProjectFile.Duration(minutes: 240, unit: .hours))
        #expect(t2.stored.critical == false)
        let t3 = try #require(file.tasks.first { $0.uid == "3" })
        #expect(t3.resourceDriven)
        #expect(!t3.ignoreResourceCalendar)
        #expect(t3.constraint == .asap)
        #expect(file.notices.contains { $0.element == "TASK task_id 3 / cstr_type" && $0.line != nil })
        #expect(t3.stored.critical == true)  // negative float
        // Links: SS +4 h, FF −2.5 h.
        #expect(file.links == [
            ProjectFile.Link(predecessorUID: "1", successorUID: "2", type: .startToStart,
                             lag: ProjectFile.Lag(.working(minutes: 240), unit: .hours)),
            ProjectFile.Link(predecessorUID: "2", successorUID: "3", type: .finishToFinish,
                             lag: ProjectFile.Lag(.working(minutes: -150), unit: .hours)),
        ])
        // A 12-hour clock and a working exception on day 45292 = 2024-01-01.
        let cal = try #require(file.calendars.first)
        #expect(cal.week[.monday] == [TimeRange(start: 480, end: 1020)])
        #expect(cal.week[.tuesday] == [])
        #expect(cal.exceptions == [CalendarException(name: "", from: CalendarDate(year: 2024, month: 1, day: 1)!,
                                                     to: CalendarDate(year: 2024, month: 1, day: 1)!,
                                                     working: [TimeRange(start: 540, end: 780)])])
        #expect(file.unmodelled["XER table UDFVALUE"] == 2)
    }

    @Test func readsTheNamedProjectOfSeveralAndKeepsCrossProjectLinks() throws {
        let lines = [
            "%T\tPROJECT", "%F\tproj_id\tproj_short_name", "%R\t1\tALPHA", "%R\t2\tBETA",
            "%T\tPROJWBS", "%F\twbs_id\tproj_id\twbs_short_name\twbs_name", "%R\t11\t1\tA\tAlpha", "%R\t22\t2\tB\tBeta",
            "%T\tTASK", "%F\ttask_id\tproj_id\twbs_id\ttask_code\ttask_name",
            "%R\t1\t1\t11\tA1\tAlpha one", "%R\t2\t2\t22\tB1\tBeta one", "%R\t3\t2\t22\tB2\tBeta two",
            "%T\tTASKPRED", "%F\ttask_pred_id\ttask_id\tpred_task_id\tproj_id\tpred_proj_id\tpred_type\tlag_hr_cnt",
            "%R\t1\t3\t2\t2\t2\tPR_FS\t0",
            "%R\t2\t3\t1\t2\t1\tPR_FS\t8",
            "%E",
        ]
        // No project is flagged for export: the one with the most activities is read.
        let chosen = try XERReader.read(Self.xer(lines))
        #expect(chosen.name == "BETA")
        #expect(chosen.notices.contains { $0.element == "PROJECT" && $0.message.contains("'ALPHA' (id 1)") })

        let first = try XERReader.read(Self.xer(lines), project: "ALPHA")
        #expect(first.name == "ALPHA")
        #expect(first.tasks.map(\.uid) == ["WBS11", "1"])
        #expect(first.links.isEmpty)
        #expect(first.notices.contains { $0.element == "PROJECT" && $0.message.contains("'BETA'") })
        // By proj_id, and by short name without regard to case.
        #expect(try XERReader.read(Self.xer(lines), project: "1").name == "ALPHA")
        #expect(try XERReader.read(Self.xer(lines), project: "alpha").name == "ALPHA")

        let beta = try XERReader.read(Self.xer(lines), project: "BETA")
        #expect(beta.tasks.map(\.uid) == ["WBS22", "2", "3"])
        #expect(beta.links.count == 2)
        #expect(beta.links[0].crossProject == nil)
        #expect(beta.links[1].crossProject == "ALPHA / A1")

        #expect(throws: InterchangeError.self) { try XERReader.read(Self.xer(lines), project: "GAMMA") }
    }

    /// Real exports of several projects (`shared/data/schedules/xer-progressed`). The counts of TASK rows per
    /// project and the export flags are the files' own (`jaggelas_test.xer`: project 935 holds 3 activities and is
    /// not flagged, 10001 holds 692 and is; the hotel file: four projects, all flagged, HBTF-2 holds 4,217
    /// activities, CR 19, DS and OP none).
    @Test func readsTheExportedProjectOfARealMultiProjectFile() throws {
        let folder = Self.folder.deletingLastPathComponent().appendingPathComponent("xer-progressed")
        let jaggelas = try Data(contentsOf: folder.appendingPathComponent("jaggelas_test.xer"))
        let exported = try XERReader.read(jaggelas)
        #expect(exported.name == "10001")
        #expect(exported.tasks.filter { !$0.summary }.count == 692)
        #expect(exported.notices.contains { $0.element == "PROJECT" && $0.message.contains("'935' (id 4517)") })
        let other = try XERReader.read(jaggelas, project: "935")
        #expect(other.tasks.filter { !$0.summary }.count == 3)
        #expect(try XERReader.read(jaggelas, project: "4517").name == "935")
        let error = #expect(throws: InterchangeError.self) { try XERReader.read(jaggelas, project: "HBTF-2") }
        #expect(error?.message.contains("'10001' (id 4533)") == true)

        // PROJECT.plan_end_date is P6's must-finish-by: fairfax update 4 stores 2026-08-19 17:00, update 1 none.
        let fairfax4 = try XERReader.read(Data(contentsOf: folder.appendingPathComponent("sixterminal_fairfax_update_4.xer")))
        #expect(fairfax4.mustFinishBy == (try LocalDateTime(iso: "2026-08-19T17:00")))
        let fairfax1 = try XERReader.read(Data(contentsOf: folder.appendingPathComponent("sixterminal_fairfax_update_1.xer")))
        #expect(fairfax1.mustFinishBy == nil)

        let hotel = try XERReader.read(Data(contentsOf: folder.appendingPathComponent("p6viewer_hotel_project.xer")))
        #expect(hotel.name == "HBTF-2")
        #expect(hotel.tasks.filter { !$0.summary }.count == 4217)
    }

    @Test func onlyP6FilesChooseAProject() throws {
        let mspdi = Self.folder.deletingLastPathComponent().appendingPathComponent("mspdi")
        let any = try #require(try FileManager.default.contentsOfDirectory(atPath: mspdi.path).sorted().first { $0.hasSuffix(".xml") })
        let data = try Data(contentsOf: mspdi.appendingPathComponent(any))
        #expect(throws: Never.self) { try ProjectFileReader.read(data, project: " ") }
        let error = #expect(throws: InterchangeError.self) { try ProjectFileReader.read(data, project: "X") }
        #expect(error?.element == "project")
    }

    // MARK: Bad files

    @Test func refusesAFileWithoutERMHDR() {
        do {
            _ = try XERReader.read(Data("%T\tPROJECT\n%F\tproj_id\n".utf8))
            Issue.record("a file without ERMHDR was read")
        } catch {
            #expect(error.element == "ERMHDR")
            #expect(error.line == 1)
        }
    }

    @Test func refusesARowBeforeItsFieldList() {
        do {
            _ = try XERReader.read(Self.xer(["%T\tPROJECT", "%R\t1\tP1", "%E"]))
            Issue.record("a row before %F was read")
        } catch {
            #expect(error.element == "PROJECT")
            #expect(error.line == 3)
        }
    }

    @Test func refusesADuplicateTaskIDNamingItAndItsLine() {
        var lines = Self.minimal()
        lines.insert("%R\t2\t1\t102\t10\tA25\tAgain\tTT_Task\tTK_NotStart\t8\t8", at: lines.count - 1)
        do {
            _ = try XERReader.read(Self.xer(lines))
            Issue.record("a duplicate task_id was read")
        } catch {
            #expect(error.element == "TASK task_id 2")
            #expect(error.line == lines.count)  // the inserted row, line count − 1 of the lines, + ERMHDR
            #expect(error.message.contains("line 16"))
        }
    }

    @Test func reportsARowWithTooManyValuesAndALinkToAnUnknownTask() throws {
        var lines = Self.minimal(extra: [
            "%T\tTASKPRED", "%F\ttask_pred_id\ttask_id\tpred_task_id\tproj_id\tpred_proj_id\tpred_type\tlag_hr_cnt",
            "%R\t9\t2\t999\t1\t1\tPR_FS\t0",
            "%R\t10\t2\t1\t1\t1\tPR_FS\t0\tsurplus",
        ])
        lines.removeLast()  // no %E
        let file = try XERReader.read(Self.xer(lines))
        #expect(file.links.count == 1)
        let predLine = lines.firstIndex(of: "%R\t9\t2\t999\t1\t1\tPR_FS\t0").map { $0 + 2 }
        #expect(file.notices.contains { $0.element == "TASKPRED task_pred_id 9" && $0.line == predLine })
        #expect(file.notices.contains { $0.element == "TASKPRED" && $0.line == predLine.map { $0 + 1 } && $0.message.contains("extra") })
        #expect(file.notices.contains { $0.message.contains("%E") })
    }

    @Test func survivesAbsurdNumbersAndBrokenCalendarText() throws {
        let lines = [
            "%T\tPROJECT", "%F\tproj_id\tproj_short_name\tclndr_id", "%R\t1\tP\t1",
            "%T\tCALENDAR", "%F\tclndr_id\tclndr_name\tday_hr_cnt\tmonth_hr_cnt\tclndr_data",
            "%R\t1\tX\t1e-300\t1e308\t(0||CalendarData()((0||DaysOfWeek()((0||9()())(0||2()((0||0(s|25:00|f|08:00)())))))(0||Exceptions()((0||0(d|99999999999999999999)())(0||1(d|-5)())))",
            "%T\tTASK", "%F\ttask_id\tproj_id\ttask_name\ttarget_drtn_hr_cnt\ttotal_float_hr_cnt\tearly_start_date",
            "%R\t1\t1\tT\t1e400\tNaN\t2024-13-45 99:99",
            "%R\t2\t1\tU\t1e300\t-1e300\t",
            "%E",
        ]
        let file = try XERReader.read(Self.xer(lines))
        #expect(file.minutesPerDay == 1)  // clamped: never zero
        #expect(file.daysPerMonth == 31)  // 1e308 / 1e-300 hours: clamped, not a trap
        #expect(file.tasks.count == 2)
        #expect(file.tasks[0].stored.earlyStart == nil)
        // 1e300 hours is clamped to 100,000,000 hours (in minutes), with a notice: finite, never a trap later.
        #expect(file.tasks[1].duration?.minutes == 6_000_000_000)
        #expect(file.tasks[1].stored.totalSlack?.minutes == -6_000_000_000)
        #expect(file.notices.contains { $0.element == "TASK.target_drtn_hr_cnt" && $0.message.contains("out of range") })
        #expect(file.tasks[0].duration == nil)
        #expect(file.calendars[0].exceptions.isEmpty)
        #expect(file.calendars[0].week[.monday] == [])
        #expect(file.notices.count >= 5)
    }

    @Test("a file cut short anywhere is refused or read, never a crash")
    func survivesTruncation() throws {
        for name in ["mpxj_calendar-invalid-8.4.xer", "mpxj_resource-rates-test.xer"] {
            let data = try Data(contentsOf: Self.folder.appendingPathComponent(name))
            for cut in stride(from: 0, to: data.count, by: max(1, data.count / 80)) {
                _ = try? XERReader.read(data.prefix(cut))
            }
        }
    }
}
