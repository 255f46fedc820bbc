import GantryInterchange
import GantryModel
import GantryScheduling
import GantryServices
import Testing

/// `ScheduleVerification` on hand-built files whose stored dates are DOMAIN.md's worked MS Project cases (§2.5,
/// "Calendar-based oracles": project start Monday 2018-02-26 08:00 on the Standard calendar).
@Suite("Schedule verification: hand-built files")
struct ScheduleVerificationTests {
    typealias Task = ProjectFile.Task

    static func at(_ text: String) -> LocalDateTime {
        (try? LocalDateTime(iso: text)) ?? LocalDateTime(minutesSinceEpoch: 0)
    }
    static func days(_ d: Double) -> ProjectFile.Duration { .init(minutes: d * 480, unit: .days) }

    /// An MS Project file on the Standard calendar (uid "1"), optionally with holidays, starting 2018-02-26 08:00.
    static func file(_ tasks: [Task], links: [ProjectFile.Link] = [], holidays: [String] = [],
                     extraCalendars: [ProjectFile.Calendar] = []) -> ProjectFile {
        let exceptions = holidays.compactMap { d in
            CalendarDate(iso: d).map { CalendarException(name: "holiday", from: $0, to: $0) }
        }
        return ProjectFile(format: .mspdi, name: "case", start: at("2018-02-26T08:00"), calendarUID: "1",
                           lagCalendar: .successor,
                           calendars: [ProjectFile.Calendar(uid: "1", name: "Standard", exceptions: exceptions)] + extraCalendars,
                           tasks: tasks, links: links)
    }

    static func task(_ uid: String, _ d: Double, start: String? = nil, finish: String? = nil,
                     stored: ProjectFile.Stored = .init()) -> Task {
        Task(uid: uid, rowID: Int(uid), name: "T\(uid)", duration: days(d), start: start.map(at), finish: finish.map(at),
             stored: stored)
    }

    @Test("a holiday moves the finish: A 5d from Mon 02-26 with Wed 02-28 off ends Mon 03-05 17:00, B runs Tue 03-06 to Wed 03-07")
    func holiday() {
        // DOMAIN.md §2.5 "Holiday"; a chain has no slack, so early = late and both tasks are critical.
        let zero = ProjectFile.Duration(minutes: 0, unit: .days)
        let a = Self.task("1", 5, start: "2018-02-26T08:00", finish: "2018-03-05T17:00", stored: .init(
            earlyStart: Self.at("2018-02-26T08:00"), earlyFinish: Self.at("2018-03-05T17:00"),
            lateStart: Self.at("2018-02-26T08:00"), lateFinish: Self.at("2018-03-05T17:00"),
            totalSlack: zero, freeSlack: zero, critical: true))
        let b = Self.task("2", 2, start: "2018-03-06T08:00", finish: "2018-03-07T17:00", stored: .init(
            earlyStart: Self.at("2018-03-06T08:00"), earlyFinish: Self.at("2018-03-07T17:00"),
            lateStart: Self.at("2018-03-06T08:00"), lateFinish: Self.at("2018-03-07T17:00"),
            totalSlack: zero, freeSlack: zero, critical: true))
        let result = ScheduleVerification.verify(Self.file([a, b], links: [.init(predecessorUID: "1", successorUID: "2")],
                                                          holidays: ["2018-02-28"]))
        #expect(result.error == nil)
        #expect(result.leaf == .init(tasks: 2, agreeAll: 2))
        #expect(result.mismatches.isEmpty)
        for field in ScheduleVerification.Field.allCases {
            #expect(result.byField[field] == .init(agree: 2, compared: 2), "\(field)")
        }
    }

    @Test("equal means less than one working minute apart: 17:00 and the next working day's 08:00 are one instant")
    func endOfDayIsNextMorning() {
        // A's stored finish is written as the next working morning; B's start is a day off.
        let a = Self.task("1", 5, start: "2018-02-26T08:00", finish: "2018-03-06T08:00")
        let b = Self.task("2", 2, start: "2018-03-05T08:00", finish: "2018-03-07T17:00")
        let result = ScheduleVerification.verify(Self.file([a, b], links: [.init(predecessorUID: "1", successorUID: "2")],
                                                          holidays: ["2018-02-28"]))
        #expect(result.leaf == .init(tasks: 2, agreeAll: 1))
        #expect(result.mismatches.count == 1)
        let m = result.mismatches.first
        #expect(m?.taskUID == "2" && m?.field == .start)
        #expect(m?.stored == "2018-03-05T08:00" && m?.ours == "2018-03-06T08:00")
    }

    /// DOMAIN.md §2.5 "Constraints": A 3d → B 2d (FS), C 10d in parallel; the project finishes Fri 03-09 17:00.
    /// Only what the table states is stored (a field the file does not store is not compared).
    static func constrained(_ c: SchedulingConstraint, _ date: String?, b: (String, String), tsB: Double,
                            tsA: Double? = nil, ffA: Double? = nil) -> ProjectFile {
        var a = Self.task("1", 3, stored: .init(totalSlack: tsA.map(days), freeSlack: ffA.map(days)))
        a.start = at("2018-02-26T08:00")
        var bt = Self.task("2", 2, start: b.0, finish: b.1, stored: .init(totalSlack: days(tsB)))
        bt.constraint = c
        bt.constraintDate = date.map(at)
        let ct = Self.task("3", 10, start: "2018-02-26T08:00", finish: "2018-03-09T17:00", stored: .init(totalSlack: days(0)))
        return file([a, bt, ct], links: [.init(predecessorUID: "1", successorUID: "2")])
    }

    @Test("constraints as MS Project applies them (DOMAIN.md §2.5 table)", arguments: [
        ("ASAP", constrained(.asap, nil, b: ("2018-03-01T08:00", "2018-03-02T17:00"), tsB: 5)),
        ("SNET", constrained(.startNoEarlierThan, "2018-03-05T08:00", b: ("2018-03-05T08:00", "2018-03-06T17:00"), tsB: 3, tsA: 5, ffA: 2)),
        ("MSO", constrained(.mustStartOn, "2018-03-06T08:00", b: ("2018-03-06T08:00", "2018-03-07T17:00"), tsB: 0, tsA: 3)),
        ("MFO", constrained(.mustFinishOn, "2018-03-08T17:00", b: ("2018-03-07T08:00", "2018-03-08T17:00"), tsB: 0, tsA: 4)),
        ("FNET", constrained(.finishNoEarlierThan, "2018-03-07T17:00", b: ("2018-03-06T08:00", "2018-03-07T17:00"), tsB: 2)),
        ("FNLT", constrained(.finishNoLaterThan, "2018-03-09T17:00", b: ("2018-03-01T08:00", "2018-03-02T17:00"), tsB: 5)),
        ("ALAP", constrained(.alap, nil, b: ("2018-03-08T08:00", "2018-03-09T17:00"), tsB: 0, tsA: 5, ffA: 5)),
        ("SNLT", constrained(.startNoLaterThan, "2018-02-28T08:00", b: ("2018-02-28T08:00", "2018-03-01T17:00"), tsB: 0, tsA: -1)),
    ])
    func constraints(_ name: String, _ file: ProjectFile) {
        let result = ScheduleVerification.verify(file)
        #expect(result.mismatches.isEmpty, "\(name): \(result.mismatches)")
        #expect(result.leaf.tasks == 3)
    }

    @Test("MS Project counts a working lag on the successor's calendar; a P6 file may name the predecessor's")
    func lagCalendar() {
        // B's calendar has Tue 02-27 off. A (1d) ends Mon 17:00; FS + 1d: on A's calendar the lag is Tuesday
        // and B starts Wed 02-28; on B's it is Wednesday (Tuesday is off for B) and B starts Thu 03-01.
        let bCalendar = ProjectFile.Calendar(uid: "2", name: "B", baseUID: "1", exceptions: [
            CalendarException(name: "off", from: CalendarDate(year: 2018, month: 2, day: 27)!, to: CalendarDate(year: 2018, month: 2, day: 27)!),
        ])
        func run(_ lag: ProjectFile.LagCalendar, expect start: String) {
            let a = Self.task("1", 1, start: "2018-02-26T08:00", finish: "2018-02-26T17:00")
            var b = Self.task("2", 1, start: start)
            b.calendarUID = "2"
            var f = Self.file([a, b], links: [.init(predecessorUID: "1", successorUID: "2", lag: .init(.working(minutes: 480)))],
                              extraCalendars: [bCalendar])
            f.lagCalendar = lag
            let result = ScheduleVerification.verify(f)
            #expect(result.mismatches.isEmpty, "\(lag): \(result.mismatches)")
        }
        run(.successor, expect: "2018-03-01T08:00")
        run(.predecessor, expect: "2018-02-28T08:00")
    }

    @Test("a dependency cycle is the file's error, naming the loop, and every leaf task counts as a miss")
    func cycle() {
        let a = Self.task("1", 1, start: "2018-02-26T08:00")
        let b = Self.task("2", 1, start: "2018-02-27T08:00")
        let result = ScheduleVerification.verify(Self.file([a, b], links: [
            .init(predecessorUID: "1", successorUID: "2"), .init(predecessorUID: "2", successorUID: "1"),
        ]))
        #expect(result.error?.contains("loop") == true)
        #expect(result.error?.contains("T1") == true && result.error?.contains("T2") == true)
        #expect(result.leaf == .init(tasks: 2, agreeAll: 0))
    }

    @Test("summary and manually scheduled tasks are counted apart; null and inactive tasks are left out")
    func rolesCountedApart() {
        var summary = Self.task("10", 0, start: "2018-02-26T08:00", finish: "2018-03-02T17:00")
        summary.summary = true
        var a = Self.task("1", 3, start: "2018-02-26T08:00", finish: "2018-02-28T17:00")
        a.parentUID = "10"; a.outlineLevel = 2
        var b = Self.task("2", 2, start: "2018-03-01T08:00", finish: "2018-03-02T17:00")
        b.parentUID = "10"; b.outlineLevel = 2
        // A manual task keeps its dates, whatever its links say.
        var m = Self.task("3", 1, start: "2018-02-26T08:00", finish: "2018-02-26T17:00")
        m.manual = true
        var null = Self.task("4", 0, start: "2018-02-26T08:00")
        null.isNull = true
        var inactive = Self.task("5", 1, start: "2019-01-01T08:00")
        inactive.active = false
        let result = ScheduleVerification.verify(Self.file([summary, a, b, m, null, inactive], links: [
            .init(predecessorUID: "1", successorUID: "2"), .init(predecessorUID: "1", successorUID: "3"),
        ]))
        #expect(result.leaf == .init(tasks: 2, agreeAll: 2))
        #expect(result.summary == .init(tasks: 1, agreeAll: 1))
        #expect(result.manual == .init(tasks: 1, agreeAll: 1))
    }

    @Test("known-hard categories are named per task and counted")
    func hardCases() {
        // 2 days of work split into Mon 02-26 and Wed 02-28: MS Project's span holds the Tuesday gap too, so the
        // task finishes Wed 17:00 (and a flat 2-day span, Tue 17:00, would disagree).
        var a = Self.task("1", 2, start: "2018-02-26T08:00", finish: "2018-02-28T17:00")
        a.splits = [.init(start: Self.at("2018-02-26T08:00"), finish: Self.at("2018-02-26T17:00")),
                    .init(start: Self.at("2018-02-28T08:00"), finish: Self.at("2018-02-28T17:00"))]
        a.timephased = true
        let result = ScheduleVerification.verify(Self.file([a]))
        #expect(result.hardCases[.split] == .init(tasks: 1, agreeAll: 1))
        #expect(result.hardCases[.timephased] == .init(tasks: 1, agreeAll: 1))
        #expect(result.hardCases[.resourceDriven] == nil)
    }

    @Test("a back-loaded assignment of 3 days' work at 100 % spans 5 days: its ten parts are worked at 10…100 %, six tenths on average")
    func workContour() {
        // MS Project's back-loaded contour works the ten equal parts of the span at 10, 15, 25, 50, 50, 75, 75,
        // 100, 100 and 100 % of the units: 24 h of work fill 24 / 0.6 = 40 working hours, Mon 02-26 to Fri 03-02.
        let t = Self.task("1", 5, start: "2018-02-26T08:00", finish: "2018-03-02T17:00",
                          stored: .init(earlyFinish: Self.at("2018-03-02T17:00")))
        var file = Self.file([t])
        file.resources = [ProjectFile.Resource(uid: "1", name: "R")]
        file.assignments = [ProjectFile.Assignment(uid: "1", taskUID: "1", resourceUID: "1", units: 100,
                                                   work: 24 * 60, workContour: 1)]
        let result = ScheduleVerification.verify(file)
        #expect(result.leaf == .init(tasks: 1, agreeAll: 1))
        #expect(result.mismatches.isEmpty)
        // Flat, the same work is 3 days and the stored finish no longer agrees.
        file.assignments[0].workContour = 0
        #expect(ScheduleVerification.verify(file).mismatches.map(\.field) == [.finish, .earlyFinish])
    }

    @Test("a task whose resources keep different calendars starts with its first assignment and ends with its last")
    func assignmentsOnTwoCalendars() {
        // MS Project schedules each assignment on its resource's calendar; the task spans them all. R1 works the
        // Standard day: 16 h from Mon 02-26 08:00 end Tue 02-27 17:00. R2 works evenings, 18:00–22:00 on weekdays:
        // 12 h from Mon 18:00 end Wed 02-28 22:00. The task runs Mon 08:00 to Wed 22:00; on one calendar (either
        // one) it would start at 18:00 or end on Tuesday.
        let evening = ProjectFile.Calendar(uid: "2", name: "Evenings", week: Dictionary(uniqueKeysWithValues:
            Weekday.allCases.map { ($0, $0.isWeekend ? [] : [TimeRange(start: 18 * 60, end: 22 * 60)]) }))
        let t = Self.task("1", 2, start: "2018-02-26T08:00", finish: "2018-02-28T22:00",
                          stored: .init(earlyStart: Self.at("2018-02-26T08:00"), earlyFinish: Self.at("2018-02-28T22:00")))
        var file = Self.file([t], extraCalendars: [evening])
        file.resources = [ProjectFile.Resource(uid: "1", name: "Day", calendarUID: "1"),
                          ProjectFile.Resource(uid: "2", name: "Evening", calendarUID: "2")]
        file.assignments = [ProjectFile.Assignment(uid: "1", taskUID: "1", resourceUID: "1", units: 100, work: 16 * 60),
                            ProjectFile.Assignment(uid: "2", taskUID: "1", resourceUID: "2", units: 100, work: 12 * 60)]
        let result = ScheduleVerification.verify(file)
        #expect(result.mismatches.isEmpty, "\(result.mismatches)")
        #expect(result.leaf == .init(tasks: 1, agreeAll: 1))
        // With one assignment only, the task is on that resource's calendar alone.
        file.assignments.removeFirst()
        #expect(ScheduleVerification.verify(file).mismatches.map(\.field) == [.start, .earlyStart])
    }

    /// A 5d and B 2d side by side from Mon 02-26, nothing linked: the project finishes Fri 03-02 17:00, and MS
    /// Project gives B that late finish ("the latest date that a task can finish without delaying the finish of
    /// the project", Late Finish field). B stores `bLate` instead.
    static func unlinked(bLate: String, projectFinish: String = "2018-03-02T17:00", deadline: String? = nil) -> ProjectFile {
        let a = Self.task("1", 5, start: "2018-02-26T08:00", finish: "2018-03-02T17:00",
                          stored: .init(lateFinish: Self.at("2018-03-02T17:00")))
        var b = Self.task("2", 2, start: "2018-02-26T08:00", finish: "2018-02-27T17:00",
                          stored: .init(lateFinish: Self.at(bLate)))
        b.deadline = deadline.map(Self.at)
        var f = Self.file([a, b])
        f.finish = Self.at(projectFinish)
        return f
    }

    @Test("a late finish the file's own project finish contradicts is named stale_late_finish and counted apart")
    func staleLateFinish() {
        // B stores Tuesday 17:00, a late finish from when the project was two days long.
        let stale = ScheduleVerification.verify(Self.unlinked(bLate: "2018-02-27T17:00"))
        #expect(stale.leaf == .init(tasks: 2, agreeAll: 1))
        #expect(stale.stale == .init(tasks: 1, agreeAll: 0))
        #expect(stale.mismatches.map(\.taskUID) == ["2"])
        #expect(stale.mismatches.first?.hardCases.contains(.staleLateFinish) == true)

        // Stored as MS Project computes it: agreed, not stale.
        let fresh = ScheduleVerification.verify(Self.unlinked(bLate: "2018-03-02T17:00"))
        #expect(fresh.leaf == .init(tasks: 2, agreeAll: 2))
        #expect(fresh.stale == .init())

        // A deadline limits B's late finish, so the file may be right: not judged (and our engine agrees).
        let deadline = ScheduleVerification.verify(Self.unlinked(bLate: "2018-02-27T17:00", deadline: "2018-02-27T17:00"))
        #expect(deadline.stale == .init())
        #expect(deadline.leaf == .init(tasks: 2, agreeAll: 2))

        // A project finish that is not the latest stored finish is itself stale: nothing is judged by it.
        let odd = ScheduleVerification.verify(Self.unlinked(bLate: "2018-02-27T17:00", projectFinish: "2018-02-28T17:00"))
        #expect(odd.stale == .init())
        #expect(odd.leaf == .init(tasks: 2, agreeAll: 1))
    }

    @Test("Critical is compared only where the file stores slack or late dates: a file that stores neither was not calculated")
    func criticalNeedsACalculatedFile() {
        // One task alone is on the critical path; the file says Critical 0 and nothing else it would have computed.
        let bare = Self.task("1", 2, start: "2018-02-26T08:00", finish: "2018-02-27T17:00", stored: .init(critical: false))
        let uncalculated = ScheduleVerification.verify(Self.file([bare]))
        #expect(uncalculated.byField[.critical] == nil)
        #expect(uncalculated.leaf == .init(tasks: 1, agreeAll: 1))
        // With its total slack stored (0), the same flag is compared, and is wrong.
        let zero = ProjectFile.Duration(minutes: 0, unit: .days)
        let calculated = Self.task("1", 2, start: "2018-02-26T08:00", finish: "2018-02-27T17:00",
                                   stored: .init(totalSlack: zero, critical: false))
        let result = ScheduleVerification.verify(Self.file([calculated]))
        #expect(result.byField[.critical] == .init(agree: 0, compared: 1))
        #expect(result.mismatches.map(\.field) == [.critical])
    }

    @Test("a manual task's late dates follow its late finish: an SS or SF link does not pull them back, an FF link does")
    func manualPredecessorLateDates() {
        // As MS Project stores them in mpxj_gen_task-links-project2019.xml (all tasks manual, 1 day each): the
        // predecessor of an SS +2d link and of an SF +2d link late-finishes at the project finish (total slack
        // 11d), the predecessor of an FF +2d link two days before it. Here C (5d, automatic) sets the project
        // finish, Fri 03-02 17:00.
        func manual(_ uid: String, _ day: String, late: (String, String)) -> Task {
            var t = Self.task(uid, 1, start: "\(day)T08:00", finish: "\(day)T17:00",
                              stored: .init(lateStart: Self.at(late.0), lateFinish: Self.at(late.1)))
            t.manual = true
            return t
        }
        let c = Self.task("9", 5, start: "2018-02-26T08:00", finish: "2018-03-02T17:00")
        let lag = ProjectFile.Lag(.working(minutes: 960))
        let file = Self.file([
            manual("1", "2018-02-26", late: ("2018-03-02T08:00", "2018-03-02T17:00")),
            manual("2", "2018-02-28", late: ("2018-03-02T08:00", "2018-03-02T17:00")),
            manual("3", "2018-02-26", late: ("2018-03-02T08:00", "2018-03-02T17:00")),
            manual("4", "2018-02-27", late: ("2018-03-02T08:00", "2018-03-02T17:00")),
            manual("5", "2018-02-26", late: ("2018-02-28T08:00", "2018-02-28T17:00")),
            manual("6", "2018-02-28", late: ("2018-03-02T08:00", "2018-03-02T17:00")),
            c,
        ], links: [
            .init(predecessorUID: "1", successorUID: "2", type: .startToStart, lag: lag),
            .init(predecessorUID: "3", successorUID: "4", type: .startToFinish, lag: lag),
            .init(predecessorUID: "5", successorUID: "6", type: .finishToFinish, lag: lag),
        ])
        let result = ScheduleVerification.verify(file)
        #expect(result.mismatches.isEmpty, "\(result.mismatches)")
        #expect(result.manual == .init(tasks: 6, agreeAll: 6))
    }
}
