import Foundation
import GantryInterchange
import GantryScheduling
import GantryModel
import Testing

/// The MSPDI reader over the real files in `../shared/data/schedules/{mspdi,mspdi-derived}` and over small files
/// written here to reach the cases the corpus lacks (percent and elapsed lags, recurring exceptions, work weeks,
/// broken files).
@Suite struct MSPDIReaderTests {
    static let schedules = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/data/schedules")

    static func data(_ relative: String) throws -> Data {
        try Data(contentsOf: schedules.appendingPathComponent(relative))
    }

    static func read(_ relative: String) throws -> ProjectFile { try MSPDIReader.read(data(relative)) }

    /// A minimal MSPDI document around `body` (the children of `<Project>`).
    static func xml(_ body: String) -> Data {
        Data(("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Project xmlns=\"http://schemas.microsoft.com/project\">\n"
              + body + "\n</Project>\n").utf8)
    }

    /// Counts per file from `python3 /work/shared/tools/mspdi_summary.py mspdi mspdi-derived` (an independent
    /// reader: ElementTree over the same files): tasks (not the project summary, not blank rows), links,
    /// calendars, resources (not UID 0), assignments (not ResourceUID -65535).
    static let summaryCounts: [(file: String, tasks: Int, links: Int, calendars: Int, resources: Int, assignments: Int)] = [
        ("mspdi-derived/mpxj_DurationTest9.mspdi.xml", 15, 0, 2, 0, 0),
        ("mspdi-derived/mpxj_SubprojectA-9.mspdi.xml", 3, 1, 2, 0, 0),
        ("mspdi-derived/mpxj_assignment_assignment-deletion_sf248.mspdi.xml", 3, 0, 4, 3, 2),
        ("mspdi-derived/mpxj_generated_task-baselines_sf259.mspdi.xml", 23, 13, 212, 200, 0),
        ("mspdi-derived/mpxj_generated_task-dates_task-dates-project2019-mpp14.mspdi.xml", 10, 0, 2, 0, 0),
        ("mspdi-derived/mpxj_generated_task-durations_task-durations-project2019-mpp14.mspdi.xml", 110, 0, 2, 0, 0),
        ("mspdi-derived/mpxj_generated_task-links_task-links-project2019-mpp14.mspdi.xml", 16, 8, 2, 0, 0),
        ("mspdi-derived/mpxj_legacy_bug1.mspdi.xml", 12, 9, 4, 2, 6),
        ("mspdi-derived/mpxj_legacy_bug3.mspdi.xml", 5, 0, 1, 0, 0),
        ("mspdi-derived/mpxj_legacy_bug4.mspdi.xml", 7, 0, 2, 0, 0),
        ("mspdi-derived/mpxj_legacy_sample.mspdi.xml", 22, 6, 4, 2, 4),
        ("mspdi-derived/mpxj_legacy_sample98.mspdi.xml", 19, 6, 4, 2, 2),
        ("mspdi-derived/mpxj_mpp14baselines.mspdi.xml", 1, 0, 4, 1, 0),
        ("mspdi-derived/mpxj_mpp14calendar.mspdi.xml", 1, 0, 8, 2, 0),
        ("mspdi-derived/mpxj_mpp14duration.mspdi.xml", 10, 0, 2, 0, 0),
        ("mspdi-derived/mpxj_mpp14enterprise.mspdi.xml", 1, 0, 3, 1, 0),
        ("mspdi-derived/mpxj_mpp14nulltasks.mspdi.xml", 5, 0, 2, 0, 0),
        ("mspdi-derived/mpxj_mpp14recurring.mspdi.xml", 27, 0, 2, 0, 0),
        ("mspdi-derived/mpxj_mpp14relations.mspdi.xml", 5, 4, 2, 0, 0),
        ("mspdi-derived/mpxj_mpp14splittask.mspdi.xml", 2, 0, 2, 0, 0),
        ("mspdi-derived/mpxj_mpp14task.mspdi.xml", 1, 0, 3, 1, 1),
        ("mspdi-derived/mpxj_mpp14timephasedsegmentsmanual.mspdi.xml", 21, 0, 9, 6, 21),
        ("mspdi-derived/mpxj_resource_resource-type_sf235.mspdi.xml", 3, 2, 4, 2, 3),
        ("mspdi-derived/mpxj_resource_resource-type_sf256.mspdi.xml", 1, 0, 5, 3, 0),
        ("mspdi-derived/mpxj_splits9a.mspdi.xml", 13, 0, 1, 0, 0),
        ("mspdi-derived/mpxj_task_task-deletion_task-deletion2-project2013-mpp14.mspdi.xml", 4, 0, 2, 0, 0),
        ("mspdi-derived/mpxj_timephased-budget.mspdi.xml", 1, 0, 7, 5, 5),
        ("mspdi/gp_holidays.xml", 1, 0, 3, 0, 0),
        ("mspdi/gp_issue1520.xml", 0, 0, 1, 0, 0),
        ("mspdi/gp_issue2659.xml", 1, 0, 2, 0, 0),
        ("mspdi/gp_weekends.xml", 0, 0, 3, 0, 0),
        ("mspdi/mpxj_DefaultDurationFormat.xml", 1, 0, 1, 0, 0),
        ("mspdi/mpxj_enterprise.xml", 1, 0, 2, 1, 0),
        ("mspdi/mpxj_gen_assignment-assignments-project2003.xml", 3, 0, 4, 3, 3),
        ("mspdi/mpxj_gen_assignment-assignments-project2019.xml", 3, 0, 4, 3, 3),
        ("mspdi/mpxj_gen_calendar-calendars-project2003.xml", 0, 0, 5, 2, 0),
        ("mspdi/mpxj_gen_calendar-calendars-project2019.xml", 0, 0, 5, 2, 0),
        ("mspdi/mpxj_gen_task-baselines-project2003.xml", 55, 0, 1, 0, 0),
        ("mspdi/mpxj_gen_task-baselines-project2019.xml", 110, 0, 1, 0, 0),
        ("mspdi/mpxj_gen_task-dates-project2003.xml", 10, 0, 1, 0, 0),
        ("mspdi/mpxj_gen_task-dates-project2019.xml", 10, 0, 1, 0, 0),
        ("mspdi/mpxj_gen_task-durations-project2003.xml", 110, 0, 1, 0, 0),
        ("mspdi/mpxj_gen_task-durations-project2019.xml", 110, 0, 1, 0, 0),
        ("mspdi/mpxj_gen_task-finishes-project2019.xml", 10, 0, 1, 0, 0),
        ("mspdi/mpxj_gen_task-links-project2003.xml", 16, 8, 1, 0, 0),
        ("mspdi/mpxj_gen_task-links-project2019.xml", 16, 8, 1, 0, 0),
        ("mspdi/mpxj_gen_task-starts-project2003.xml", 10, 0, 1, 0, 0),
        ("mspdi/mpxj_gen_task-starts-project2019.xml", 10, 0, 1, 0, 0),
        ("mspdi/mpxj_legacy_alias.xml", 0, 0, 1, 0, 0),
        ("mspdi/mpxj_legacy_headertest9.xml", 0, 0, 1, 0, 0),
        ("mspdi/mpxj_legacy_mspextattr.xml", 1, 0, 2, 1, 0),
        ("mspdi/mpxj_legacy_sample.xml", 19, 6, 4, 2, 2),
        ("mspdi/mpxj_legacy_sample1.xml", 22, 6, 4, 2, 4),
        ("mspdi/mpxj_mspdiassignmentcustom.xml", 1, 0, 3, 2, 2),
        ("mspdi/mpxj_mspdiassignmentfields.xml", 1, 0, 5, 4, 4),
        ("mspdi/mpxj_mspdicostratetable.xml", 0, 0, 4, 3, 0),
        ("mspdi/mpxj_mspdiduration.xml", 10, 0, 1, 0, 0),
        ("mspdi/mpxj_mspdinulltasks.xml", 5, 0, 1, 0, 0),
        ("mspdi/mpxj_mspdiresource.xml", 3, 1, 6, 4, 5),
        ("mspdi/mpxj_mspdisplittask.xml", 2, 0, 1, 0, 0),
        ("mspdi/mpxj_mspditimephased.xml", 40, 0, 44, 41, 40),
        ("mspdi/mpxj_mspditimephasedsegments.xml", 20, 0, 8, 6, 20)
    ]

    @Test func everyCorpusFileReadsWithTheCountsTheSummaryToolGives() throws {
        let dirs = ["mspdi", "mspdi-derived"]
        var seen = 0
        for dir in dirs {
            let names = try FileManager.default.contentsOfDirectory(atPath: Self.schedules.appendingPathComponent(dir).path)
            for name in names where name.hasSuffix(".xml") {
                seen += 1
                let relative = dir + "/" + name
                let file = try Self.read(relative)
                guard let expected = Self.summaryCounts.first(where: { $0.file == relative }) else {
                    Issue.record("\(relative) is not in the summary table"); continue
                }
                #expect(file.format == .mspdi)
                #expect(file.tasks.filter { !$0.isNull }.count == expected.tasks, "\(relative) tasks")
                #expect(file.links.count == expected.links, "\(relative) links")
                #expect(file.calendars.count == expected.calendars, "\(relative) calendars")
                #expect(file.resources.count == expected.resources, "\(relative) resources")
                // The tool also counts resources assigned to the project summary row (TaskUID 0), which is not a
                // task: mpxj_mspdiassignmentfields.xml has 2 such <Assignment>s, mpxj_timephased-budget 4.
                let onSummary = file.unmodelled["assignments to the project summary task"] ?? 0
                #expect(file.assignments.count + onSummary == expected.assignments, "\(relative) assignments")
            }
        }
        #expect(seen == Self.summaryCounts.count)
    }

    @Test func readsATasksStoredValuesAndItsLinkAsTheXMLStatesThem() throws {
        // mspdi/mpxj_gen_task-links-project2019.xml, Task UID 4 "Task 2" (lines 531-619).
        let file = try Self.read("mspdi/mpxj_gen_task-links-project2019.xml")
        let task = try #require(file.tasks.first { $0.uid == "4" })
        #expect(task.name == "Task 2")
        #expect(task.rowID == 4)
        #expect(task.manual)
        #expect(task.start == (try LocalDateTime(iso: "2018-10-22T08:00")))
        #expect(task.finish == (try LocalDateTime(iso: "2018-10-22T17:00")))
        // <Duration>PT8H0M0S</Duration>, <DurationFormat>53</DurationFormat> (default: days), <Estimated>1</Estimated>
        #expect(task.duration == ProjectFile.Duration(minutes: 480, unit: .days, estimated: true))
        #expect(task.stored.lateStart == (try LocalDateTime(iso: "2018-11-02T08:00")))
        #expect(task.stored.lateFinish == (try LocalDateTime(iso: "2018-11-02T17:00")))
        // <TotalSlack>43200</TotalSlack>: tenths of a minute.
        #expect(task.stored.totalSlack?.minutes == 4320)
        #expect(task.stored.critical == false)
        // <PredecessorLink> UID 3, Type 1 (FS), LinkLag 4800, LagFormat 7 (days).
        let link = try #require(file.links.first { $0.successorUID == "4" })
        #expect(link.predecessorUID == "3")
        #expect(link.type == .finishToStart)
        #expect(link.lag == ProjectFile.Lag(.working(minutes: 480), unit: .days))
        // Type 2 (SF), LinkLag 9600, LagFormat 7 at line 1295; LinkLag 24000 with LagFormat 9 (weeks) at line 956.
        #expect(file.links.contains { $0.predecessorUID == "11" && $0.type == .startToFinish && $0.lag.amount == .working(minutes: 960) })
        #expect(file.links.contains { $0.predecessorUID == "7" && $0.lag == ProjectFile.Lag(.working(minutes: 2400), unit: .weeks) })
    }

    @Test func readsTheProjectProperties() throws {
        // mspdi/mpxj_gen_task-links-project2019.xml, lines 3-31.
        let file = try Self.read("mspdi/mpxj_gen_task-links-project2019.xml")
        #expect(file.name == "task-links-project2019-mspdi.xml")
        #expect(file.application == "Microsoft Project 2010 or later")  // <SaveVersion>14</SaveVersion>
        #expect(file.start == (try LocalDateTime(iso: "2018-10-18T08:00")))
        #expect(file.finish == (try LocalDateTime(iso: "2018-11-02T17:00")))
        #expect(file.scheduleFromStart)
        #expect(file.currency == "GBP")
        #expect(file.calendarUID == "1")
        #expect(file.minutesPerDay == 480 && file.minutesPerWeek == 2400 && file.daysPerMonth == 20)
        #expect(!file.honorConstraints)
        #expect(file.lagCalendar == .successor)
    }

    @Test func readsCalendarsWeekdaysAndThePre2007ExceptionForm() throws {
        // mspdi/gp_holidays.xml: calendar 1 "Standard" has three DayType 0 exceptions (lines 1181-1203);
        // calendar 2 "24 Hours" works 00:00-00:00 (all day) on Sunday (line 1212).
        let file = try Self.read("mspdi/gp_holidays.xml")
        let standard = try #require(file.calendars.first { $0.uid == "1" })
        #expect(standard.name == "Standard")
        #expect(standard.baseUID == nil)
        let days = ["2010-09-16", "2010-09-23", "2010-09-24"].compactMap { CalendarDate(iso: $0) }
        #expect(standard.exceptions.map(\.from) == days)
        #expect(standard.exceptions.allSatisfy { $0.working.isEmpty && $0.from == $0.to })
        let allDay = try #require(file.calendars.first { $0.uid == "2" })
        #expect(allDay.week[.sunday] == [TimeRange(start: 0, end: 1440)])
    }

    @Test func readsThe2007ExceptionFormWithWorkingTimes() throws {
        // mspdi-derived/mpxj_mpp14timephasedsegmentsmanual.mspdi.xml, calendar UID 6 "Task Eight" (lines 150-311):
        // 2011-02-08 and 2011-02-10 off; 2011-02-12..13 working 08:00-12:00 and 13:00-17:00.
        let file = try Self.read("mspdi-derived/mpxj_mpp14timephasedsegmentsmanual.mspdi.xml")
        let cal = try #require(file.calendars.first { $0.uid == "6" })
        #expect(cal.name == "Task Eight")
        let d = { (s: String) in CalendarDate(iso: s) }
        #expect(cal.exceptions.contains { $0.from == d("2011-02-08") && $0.to == d("2011-02-08") && $0.working.isEmpty })
        #expect(cal.exceptions.contains { $0.from == d("2011-02-10") && $0.working.isEmpty })
        let weekend = try #require(cal.exceptions.first { $0.from == d("2011-02-12") })
        #expect(weekend.to == d("2011-02-13"))
        #expect(weekend.working == [TimeRange(start: 480, end: 720), TimeRange(start: 780, end: 1020)])
        // The derived resource calendar (line 312) names its base.
        #expect(file.calendars.first { $0.uid == "2" }?.baseUID == "1")
    }

    @Test func expandsRecurringExceptionsAndWorkWeeks() throws {
        let file = try MSPDIReader.read(Self.xml("""
        <Calendars><Calendar><UID>1</UID><Name>Std</Name><IsBaseCalendar>1</IsBaseCalendar>
          <Exceptions>
            <Exception><TimePeriod><FromDate>2024-01-01T00:00:00</FromDate><ToDate>2024-01-31T23:59:00</ToDate></TimePeriod>
              <Occurrences>9</Occurrences><Name>Tue Thu</Name><Type>6</Type><Period>1</Period><DaysOfWeek>20</DaysOfWeek><DayWorking>0</DayWorking></Exception>
            <Exception><TimePeriod><FromDate>2024-12-25T00:00:00</FromDate><ToDate>2026-12-25T23:59:00</ToDate></TimePeriod>
              <Occurrences>3</Occurrences><Name>Xmas</Name><Type>2</Type><Month>11</Month><MonthDay>25</MonthDay><DayWorking>0</DayWorking></Exception>
            <Exception><TimePeriod><FromDate>2024-01-01T00:00:00</FromDate><ToDate>2024-03-31T23:59:00</ToDate></TimePeriod>
              <Occurrences>3</Occurrences><Name>Last Fri</Name><Type>5</Type><Period>1</Period><MonthPosition>4</MonthPosition><MonthItem>8</MonthItem>
              <DayWorking>1</DayWorking><WorkingTimes><WorkingTime><FromTime>09:00:00</FromTime><ToTime>13:00:00</ToTime></WorkingTime></WorkingTimes></Exception>
            <Exception><TimePeriod><FromDate>2024-02-01T00:00:00</FromDate><ToDate>2024-02-09T23:59:00</ToDate></TimePeriod>
              <Occurrences>3</Occurrences><Name>Every 4th day</Name><Type>7</Type><Period>4</Period><DayWorking>0</DayWorking></Exception>
          </Exceptions>
          <WorkWeeks><WorkWeek><TimePeriod><FromDate>2024-06-03T00:00:00</FromDate><ToDate>2024-06-16T23:59:00</ToDate></TimePeriod>
            <Name>Summer</Name><WeekDays>
              <WeekDay><DayType>6</DayType><DayWorking>0</DayWorking></WeekDay>
              <WeekDay><DayType>2</DayType><DayWorking>1</DayWorking><WorkingTimes><WorkingTime><FromTime>07:00:00</FromTime><ToTime>15:00:00</ToTime></WorkingTime></WorkingTimes></WeekDay>
            </WeekDays></WorkWeek></WorkWeeks>
        </Calendar></Calendars>
        """))
        let cal = try #require(file.calendars.first)
        func dates(_ name: String) -> [String] { cal.exceptions.filter { $0.name == name }.map { "\($0.from)" } }
        // DaysOfWeek 20 = 4 (Tuesday) + 16 (Thursday); January 2024 starts on a Monday; 9 occurrences.
        #expect(dates("Tue Thu") == ["2024-01-02", "2024-01-04", "2024-01-09", "2024-01-11", "2024-01-16",
                                     "2024-01-18", "2024-01-23", "2024-01-25", "2024-01-30"])
        // Month 11 is December (0-based), three years.
        #expect(dates("Xmas") == ["2024-12-25", "2025-12-25", "2026-12-25"])
        // MonthPosition 4 = last, MonthItem 8 = Friday (3 Sunday ... 9 Saturday).
        #expect(dates("Last Fri") == ["2024-01-26", "2024-02-23", "2024-03-29"])
        #expect(cal.exceptions.first { $0.name == "Last Fri" }?.working == [TimeRange(start: 540, end: 780)])
        #expect(dates("Every 4th day") == ["2024-02-01", "2024-02-05", "2024-02-09"])
        // The work week: Mondays 07:00-15:00 and Fridays off, over two weeks; other days keep the week.
        #expect(dates("Summer") == ["2024-06-03", "2024-06-07", "2024-06-10", "2024-06-14"])
        #expect(cal.exceptions.first { $0.name == "Summer" }?.working == [TimeRange(start: 420, end: 900)])
        // Work weeks come first so that a dated exception on the same day wins.
        #expect(cal.exceptions.first?.name == "Summer")
    }

    @Test func readsDurationsInEveryFormatWorkingAndElapsed() throws {
        // mspdi/mpxj_mspdiduration.xml, tasks UID 1-10: <Duration> and <DurationFormat> as the XML states them
        // (3 m, 5 h, 7 d, 9 w, 11 mo; 4, 6, 8, 10, 12 their elapsed forms).
        let file = try Self.read("mspdi/mpxj_mspdiduration.xml")
        let expected: [(uid: String, minutes: Double, unit: ProjectFile.Duration.Unit, elapsed: Bool)] = [
            ("1", 1, .minutes, false), ("2", 60, .hours, false), ("3", 480, .days, false), ("4", 2400, .weeks, false),
            ("5", 9600, .months, false), ("6", 1, .minutes, true), ("7", 60, .hours, true), ("8", 1440, .days, true),
            ("9", 10080, .weeks, true), ("10", 43200, .months, true),
        ]
        for e in expected {
            let task = file.tasks.first { $0.uid == e.uid }
            #expect(task?.duration == ProjectFile.Duration(minutes: e.minutes, unit: e.unit, elapsed: e.elapsed), "UID \(e.uid)")
        }
    }

    @Test func readsAssignmentsWithUnitsAndWork() throws {
        // mspdi/mpxj_gen_assignment-assignments-project2019.xml: Assignment UID 4, TaskUID 1, ResourceUID 1,
        // <Units>1</Units>, <Work>PT80H0M0S</Work>, <ActualWork>PT0H0M0S</ActualWork>,
        // <RemainingWork>PT80H0M0S</RemainingWork>; Assignment UID 5 has <ActualWork>PT20H0M0S</ActualWork>.
        let file = try Self.read("mspdi/mpxj_gen_assignment-assignments-project2019.xml")
        let a = try #require(file.assignments.first { $0.uid == "4" })
        #expect(a.taskUID == "1" && a.resourceUID == "1")
        #expect(a.units == 100)
        #expect(a.work == 4800 && a.actualWork == 0 && a.remainingWork == 4800)
        #expect(file.assignments.first { $0.uid == "5" }?.actualWork == 1200)
    }

    @Test func readsAnAssignmentsWorkContour() throws {
        // mspdi/mpxj_mspditimephasedsegments.xml: Assignment UIDs 20, 22, …, 34 store WorkContour 2, 1, 3, 4, 5,
        // 6, 7, 8 (front loaded … contoured); UID 3 stores 0 (flat).
        let file = try Self.read("mspdi/mpxj_mspditimephasedsegments.xml")
        let contours = stride(from: 20, through: 34, by: 2).map { uid in
            file.assignments.first { $0.uid == String(uid) }?.workContour
        }
        #expect(contours == [2, 1, 3, 4, 5, 6, 7, 8])
        #expect(file.assignments.first { $0.uid == "3" }?.workContour == 0)
    }

    @Test func keepsCrossProjectLinksAsData() throws {
        let file = try MSPDIReader.read(Self.xml("""
        <Tasks><Task><UID>1</UID><ID>1</ID><Name>A</Name>
          <PredecessorLink><PredecessorUID>77</PredecessorUID><Type>1</Type><CrossProject>1</CrossProject>
            <CrossProjectName>C:\\plans\\other.mpp\\12</CrossProjectName></PredecessorLink>
        </Task></Tasks>
        """))
        #expect(file.links.count == 1)
        #expect(file.links.first?.crossProject == "C:\\plans\\other.mpp\\12")
        #expect(file.notices.isEmpty)
    }

    @Test func readsPercentAndElapsedLagsInEveryFormat() throws {
        let file = try MSPDIReader.read(Self.xml("""
        <Tasks>
          <Task><UID>1</UID><ID>1</ID><Name>A</Name><OutlineLevel>1</OutlineLevel></Task>
          <Task><UID>2</UID><ID>2</ID><Name>B</Name><OutlineLevel>1</OutlineLevel>
            <PredecessorLink><PredecessorUID>1</PredecessorUID><Type>1</Type><LinkLag>50</LinkLag><LagFormat>19</LagFormat></PredecessorLink>
            <PredecessorLink><PredecessorUID>1</PredecessorUID><Type>3</Type><LinkLag>25</LinkLag><LagFormat>20</LagFormat></PredecessorLink>
            <PredecessorLink><PredecessorUID>1</PredecessorUID><Type>0</Type><LinkLag>28800</LinkLag><LagFormat>8</LagFormat></PredecessorLink>
            <PredecessorLink><PredecessorUID>1</PredecessorUID><Type>2</Type><LinkLag>-600</LinkLag><LagFormat>38</LagFormat></PredecessorLink>
            <PredecessorLink><PredecessorUID>1</PredecessorUID><LinkLag>1200</LinkLag><LagFormat>6</LagFormat></PredecessorLink>
          </Task>
        </Tasks>
        """))
        let lags = file.links.map(\.lag)
        // Percent formats (19 %, 20 e%): LinkLag is the percentage itself, as MPXJ's MSPDIReader reads it.
        #expect(lags[0] == ProjectFile.Lag(.percent(50), unit: .percent))
        #expect(lags[1] == ProjectFile.Lag(.percent(25), unit: .percent))
        // 8 = elapsed days: 28800 tenths = 2880 wall-clock minutes (two days).
        #expect(lags[2] == ProjectFile.Lag(.elapsed(minutes: 2880), unit: .days))
        // 38 = 6 + 32: estimated elapsed hours; a negative lag is a lead.
        #expect(lags[3] == ProjectFile.Lag(.elapsed(minutes: -60), unit: .hours))
        #expect(lags[4] == ProjectFile.Lag(.elapsed(minutes: 120), unit: .hours))
        #expect(file.links.map(\.type) == [.finishToStart, .startToStart, .finishToFinish, .startToFinish, .finishToStart])
    }

    @Test func readsBaselinesZeroToTen() throws {
        // mspdi/mpxj_gen_task-baselines-project2019.xml: UID 1 <Baseline><Number>0</Number><Cost>100</Cost>
        // (currency in hundredths); UID 2 baseline 1 cost 200; UID 12 baseline 0 duration PT88H0M0S; UID 13
        // baseline 1 PT96H0M0S.
        let file = try Self.read("mspdi/mpxj_gen_task-baselines-project2019.xml")
        func task(_ uid: String) -> ProjectFile.Task? { file.tasks.first { $0.uid == uid } }
        #expect(task("1")?.baselines.first { $0.number == 0 }?.cost == 1)
        #expect(task("2")?.baselines.first { $0.number == 1 }?.cost == 2)
        let hours88: Double = 88 * 60, hours96: Double = 96 * 60
        #expect(task("12")?.baselines.first { $0.number == 0 }?.duration?.minutes == hours88)
        #expect(task("13")?.baselines.first { $0.number == 1 }?.duration?.minutes == hours96)
        let numbers = Set(file.tasks.flatMap { $0.baselines.map(\.number) })
        #expect(numbers == Set(0...10))
    }

    @Test func readsTheOutlineResourcesAssignmentsAndProject() throws {
        // mspdi/mpxj_mspdiresource.xml: resource "Wade Golden" StandardRate 50, OvertimeRate 100, MaxUnits 1.00
        // (lines 965-995); "Concrete" CostPerUse 50000 (hundredths, line 1605).
        let file = try Self.read("mspdi/mpxj_mspdiresource.xml")
        let wade = try #require(file.resources.first { $0.name == "Wade Golden" })
        #expect(wade.standardRate == 50)
        #expect(wade.overtimeRate == 100)
        #expect(wade.maxUnits == 100)
        #expect(wade.kind == .work)
        let concrete = try #require(file.resources.first { $0.name == "Concrete" })
        #expect(concrete.costPerUse == 500)
        #expect(concrete.kind == .material)
        #expect(file.assignments.allSatisfy { a in file.tasks.contains { $0.uid == a.taskUID } })
        #expect(file.start == (try LocalDateTime(iso: "2006-08-25T08:00")))
    }

    @Test func findsSplitsInAssignmentTimephasedWork() throws {
        // mspdi/mpxj_mspdisplittask.xml: task UID 1's assignment holds work 2006-09-21 08:00 to 09-26 17:00, then
        // explicit zero work (PT0H0M0S) from 09-26 17:00 to 09-29 17:00, then work again from 10-01 17:00.
        let file = try Self.read("mspdi/mpxj_mspdisplittask.xml")
        let task = try #require(file.tasks.first { $0.uid == "1" })
        #expect(task.timephased)
        #expect(task.splits.count >= 2)
        #expect(task.splits.first?.start == (try LocalDateTime(iso: "2006-09-21T08:00")))
        #expect(task.splits.first?.finish == (try LocalDateTime(iso: "2006-09-26T17:00")))
        #expect(task.splits.dropFirst().first?.start == (try LocalDateTime(iso: "2006-10-01T17:00")))
        #expect((file.unmodelled["timephased data"] ?? 0) > 0)
    }

    @Test func keepsBlankRowsOutOfTheOutline() throws {
        // mspdi/mpxj_mspdinulltasks.xml: rows UID 2 and 5 are <IsNull>1</IsNull> with <OutlineLevel>0</OutlineLevel>
        // (they are rows, not the project summary, which is UID 0 / ID 0); "Task 2" (UID 3, level 2) sits under
        // "Task 1" (UID 1, level 1) across the blank row. MPXJ reads 8 tasks, the summary tool 5 non-blank ones.
        let file = try Self.read("mspdi/mpxj_mspdinulltasks.xml")
        #expect(file.tasks.count == 8)
        #expect(file.tasks.filter(\.isNull).count == 3)
        #expect(file.tasks.first { $0.uid == "3" }?.parentUID == "1")
        #expect(file.tasks.first { $0.uid == "2" }?.isNull == true)
        #expect(!file.tasks.contains { $0.uid == "0" })
        #expect(!file.tasks.contains { t in file.tasks.contains { $0.isNull && $0.uid == t.parentUID } })
    }

    @Test func splitsATaskOnlyWhereNoneOfItsAssignmentsWorks() throws {
        // Pieces run from 08:00 to 08:00 the next day, as MS Project writes daily timephased work.
        func piece(_ day: Int, _ work: String) -> String {
            "<TimephasedData><Type>1</Type><Start>2024-01-0\(day)T08:00:00</Start><Finish>2024-01-0\(day + 1)T08:00:00</Finish><Unit>2</Unit><Value>\(work)</Value></TimephasedData>"
        }
        // Resource 1 works on the 1st and 3rd with a zero on the 2nd; resource 2 works on the 2nd: no split.
        // On task 2 only resource 1 works: split around the 2nd.
        let a1 = piece(1, "PT8H0M0S") + piece(2, "PT0H0M0S") + piece(3, "PT8H0M0S")
        let file = try MSPDIReader.read(Self.xml("""
        <Tasks><Task><UID>1</UID><ID>1</ID></Task><Task><UID>2</UID><ID>2</ID></Task></Tasks>
        <Resources><Resource><UID>1</UID><Name>R1</Name></Resource><Resource><UID>2</UID><Name>R2</Name></Resource></Resources>
        <Assignments>
        <Assignment><UID>1</UID><TaskUID>1</TaskUID><ResourceUID>1</ResourceUID>\(a1)</Assignment>
        <Assignment><UID>2</UID><TaskUID>1</TaskUID><ResourceUID>2</ResourceUID>\(piece(2, "PT8H0M0S"))</Assignment>
        <Assignment><UID>3</UID><TaskUID>2</TaskUID><ResourceUID>1</ResourceUID>\(a1)</Assignment>
        </Assignments>
        """))
        #expect(file.tasks[0].splits.isEmpty)
        #expect(file.tasks[0].timephased)
        #expect(file.tasks[1].splits.map(\.start.description) == ["2024-01-01T08:00", "2024-01-03T08:00"])
    }

    @Test func buildsTheOutlineFromLevels() throws {
        let file = try MSPDIReader.read(Self.xml("""
        <Tasks>
          <Task><UID>0</UID><ID>0</ID><Name>Project summary</Name><OutlineLevel>0</OutlineLevel></Task>
          <Task><UID>1</UID><ID>1</ID><Name>Phase</Name><OutlineLevel>1</OutlineLevel><Summary>1</Summary></Task>
          <Task><UID>2</UID><ID>2</ID><Name>Step</Name><OutlineLevel>2</OutlineLevel></Task>
          <Task><UID>3</UID><ID>3</ID><Name>Sub</Name><OutlineLevel>3</OutlineLevel></Task>
          <Task><UID>4</UID><ID>4</ID><Name>Step 2</Name><OutlineLevel>2</OutlineLevel></Task>
          <Task><UID>5</UID><ID>5</ID><Name>Next phase</Name><OutlineLevel>1</OutlineLevel></Task>
        </Tasks>
        """))
        #expect(file.tasks.map(\.uid) == ["1", "2", "3", "4", "5"])
        #expect(file.tasks.map(\.parentUID) == [nil, "1", "2", "1", nil])
    }

    // MARK: Bad files

    static func error(_ data: Data) -> InterchangeError? {
        do { _ = try MSPDIReader.read(data); return nil } catch { return error }
    }

    @Test func namesTheLineOfXMLThatIsCutShortOrNotWellFormed() throws {
        let full = try Self.data("mspdi/mpxj_gen_task-links-project2019.xml")
        let truncated = try #require(Self.error(full.prefix(full.count / 2)))
        #expect(truncated.line != nil)
        let broken = Self.xml("<Tasks>\n<Task><UID>1</UID>\n<Name>A & B</Name></Task></Tasks>")
        let e = try #require(Self.error(broken))
        #expect(e.line == 5)
    }

    @Test func refusesAnotherNamespaceOrRoot() throws {
        let other = Data("<?xml version=\"1.0\"?>\n<Project xmlns=\"urn:other\"><Tasks/></Project>".utf8)
        let e = try #require(Self.error(other))
        #expect(e.element == "Project")
        #expect(e.line == 2)
        #expect(Self.error(Data("<?xml version=\"1.0\"?><Schedule/>".utf8)) != nil)
        #expect(Self.error(Data()) != nil)
    }

    @Test func refusesATaskWithoutAUIDOrWithADuplicateOne() throws {
        let missing = try #require(Self.error(Self.xml("<Tasks>\n<Task><ID>1</ID><Name>A</Name></Task>\n</Tasks>")))
        #expect(missing.element.contains("Task row 1"))
        #expect(missing.line == 4)
        let dup = try #require(Self.error(Self.xml("""
        <Tasks>
        <Task><UID>7</UID><ID>1</ID></Task>
        <Task><UID>7</UID><ID>2</ID></Task>
        </Tasks>
        """)))
        #expect(dup.element.contains("UID 7"))
        #expect(dup.line == 5)
        #expect(dup.message.contains("line 4"))
    }

    @Test func skipsALinkToAMissingTaskAndRepairsAbsurdValuesWithNotices() throws {
        let file = try MSPDIReader.read(Self.xml("""
        <Tasks>
        <Task><UID>1</UID><ID>1</ID><Name>A</Name><Duration>-PT8H0M0S</Duration><Start>1700-01-01T08:00:00</Start></Task>
        <Task><UID>2</UID><ID>2</ID><Name>B</Name><Duration>PT99999999999H0M0S</Duration><Finish>not a date</Finish>
        <PredecessorLink><PredecessorUID>99</PredecessorUID><Type>1</Type></PredecessorLink>
        <PredecessorLink><PredecessorUID>1</PredecessorUID><LinkLag>NaN</LinkLag></PredecessorLink></Task>
        </Tasks>
        """))
        #expect(file.links.count == 1)
        #expect(file.notices.contains { $0.element.contains("Task UID 2") && $0.message.contains("99") && $0.line == 6 })
        #expect(file.tasks[0].duration?.minutes == 0)
        #expect(file.tasks[0].start == nil)
        #expect(file.tasks[1].duration == nil)
        #expect(file.tasks[1].finish == nil)
        #expect(file.notices.contains { $0.element == "Task UID 1 / Start" && $0.line == 4 })
        #expect(file.notices.count >= 5)
    }

    @Test func keepsResourcesOnTheProjectSummaryRowApart() throws {
        // mpxj_mspdiassignmentfields.xml: two <Assignment>s have <TaskUID>0</TaskUID> (the project summary).
        let file = try Self.read("mspdi/mpxj_mspdiassignmentfields.xml")
        #expect(file.unmodelled["assignments to the project summary task"] == 2)
        #expect(!file.assignments.contains { $0.taskUID == "0" })
    }

    @Test func reportsCalendarsWhoseBaseIsMissingOrLoops() throws {
        let file = try MSPDIReader.read(Self.xml("""
        <Calendars>
        <Calendar><UID>1</UID><Name>A</Name><BaseCalendarUID>2</BaseCalendarUID></Calendar>
        <Calendar><UID>2</UID><Name>B</Name><BaseCalendarUID>1</BaseCalendarUID></Calendar>
        <Calendar><UID>3</UID><Name>C</Name><BaseCalendarUID>9</BaseCalendarUID></Calendar>
        </Calendars>
        <Resources><Resource><UID>1</UID><Name>R</Name><CalendarUID>8</CalendarUID></Resource></Resources>
        """))
        #expect(file.calendars.first { $0.uid == "3" }?.baseUID == nil)
        #expect(file.calendars.contains { $0.baseUID == nil && $0.uid != "3" })
        #expect(file.resources.first?.calendarUID == nil)
        #expect(file.notices.count == 3)
        #expect(file.resolvedCalendar("1") != nil)
    }

    @Test func countsWhatItDoesNotModel() throws {
        // mspdi/mpxj_legacy_mspextattr.xml: <ExtendedAttributes> defines 18 fields; Task UID 1 and Resource UID 1
        // carry 8 <ExtendedAttribute> values each.
        let file = try Self.read("mspdi/mpxj_legacy_mspextattr.xml")
        #expect(file.unmodelled["extended attribute definitions"] == 18)
        #expect(file.unmodelled["task extended attribute values"] == 8)
        #expect(file.unmodelled["resource extended attribute values"] == 8)
    }

    /// Truncations and byte corruptions of real files: each either reads or throws an `InterchangeError`;
    /// none crashes.
    @Test func neverCrashesOnTruncatedOrCorruptedCorpusFiles() throws {
        let files = ["mspdi/mpxj_gen_calendar-calendars-project2019.xml", "mspdi/mpxj_legacy_sample.xml",
                     "mspdi-derived/mpxj_mpp14calendar.mspdi.xml", "mspdi/mpxj_mspdisplittask.xml"]
        var generator = SeededRandom(seed: 42)
        for name in files {
            let bytes = [UInt8](try Self.data(name))
            for step in 1...40 {
                _ = Self.error(Data(bytes.prefix(bytes.count * step / 41)))
            }
            for _ in 0..<40 {
                var copy = bytes
                for _ in 0..<8 {
                    let at = Int(generator.next() % UInt64(copy.count))
                    copy[at] = UInt8(truncatingIfNeeded: generator.next())
                }
                _ = Self.error(Data(copy))
            }
            // Replacing digits with absurd numbers in every value.
            let text = String(decoding: bytes, as: UTF8.self)
                .replacingOccurrences(of: ">1<", with: ">99999999999999999999999<")
                .replacingOccurrences(of: ">0<", with: ">-99999999999999<")
            _ = Self.error(Data(text.utf8))
        }
    }

    /// How long the largest corpus file takes (printed; the build configuration decides the figure).
    @Test func readsTheLargestCorpusFile() throws {
        let data = try Self.data("mspdi/mpxj_mspditimephased.xml")
        let clock = ContinuousClock()
        var file: ProjectFile?
        let elapsed = try clock.measure { file = try MSPDIReader.read(data) }
        print("MSPDIReader: mpxj_mspditimephased.xml (\(data.count) bytes) read in \(elapsed)")
        #expect(file?.tasks.count == 40)
    }

    /// A generated 100,000-task file (set GANTRY_MSPDI_BENCH=1 to run: it takes a while in a debug build).
    @Test(.enabled(if: ProcessInfo.processInfo.environment["GANTRY_MSPDI_BENCH"] == "1"))
    func readsAHundredThousandTasks() throws {
        var body = "<Tasks>\n"
        for i in 1...100_000 {
            body += "<Task><UID>\(i)</UID><ID>\(i)</ID><Name>Task \(i)</Name><OutlineLevel>1</OutlineLevel>"
                + "<Start>2024-01-01T08:00:00</Start><Finish>2024-01-02T17:00:00</Finish><Duration>PT16H0M0S</Duration>"
                + "<DurationFormat>7</DurationFormat><TotalSlack>0</TotalSlack><Critical>1</Critical>"
                + (i > 1 ? "<PredecessorLink><PredecessorUID>\(i - 1)</PredecessorUID><Type>1</Type><LinkLag>0</LinkLag><LagFormat>7</LagFormat></PredecessorLink>" : "")
                + "</Task>\n"
        }
        body += "</Tasks>"
        let data = Self.xml(body)
        let clock = ContinuousClock()
        var file: ProjectFile?
        let elapsed = try clock.measure { file = try MSPDIReader.read(data) }
        print("MSPDIReader: 100,000 tasks (\(data.count) bytes) read in \(elapsed)")
        #expect(file?.tasks.count == 100_000)
        #expect(file?.links.count == 99_999)
    }
}
