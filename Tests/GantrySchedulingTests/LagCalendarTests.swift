import GantryModel
import GantryScheduling
import Testing

/// Which calendar counts a working lag (`ScheduleInput.Options.lagCalendar`). MS Project counts it on the
/// successor's calendar (MPXJ's MicrosoftScheduler adds the lag on the successor's effective calendar); Primavera
/// lets the project choose (`SCHEDOPTIONS.sched_calendar_on_relationship_lag`), by default the predecessor's.
@Suite("Lag calendars")
struct LagCalendarTests {
    static let monday = WallTime.instant(CalendarDate(daysSinceEpoch: 17588), minuteOfDay: 480)  // 2018-02-26

    /// A (1d, project calendar) → B (1d) by FS + 1d; B's calendar has Tuesday 2018-02-27 off, the project
    /// calendar (index 0) does not. A ends Monday 17:00.
    static func input(_ lagCalendar: ScheduleInput.LagCalendar, successorCalendar: Int = 1) throws -> ScheduleInput {
        let tuesday = try #require(CalendarDate(year: 2018, month: 2, day: 27))
        let first = try #require(CalendarDate(year: 2018, month: 1, day: 1))
        let last = try #require(CalendarDate(year: 2018, month: 12, day: 31))
        let standard = try CompiledCalendar(week: .standard, from: first, through: last, name: "standard")
        let tuesdayOff = try CompiledCalendar(week: .standard, exceptions: [CalendarException(name: "off", from: tuesday, to: tuesday)],
                                              from: first, through: last, name: "B")
        return ScheduleInput(
            activities: [ScheduleInput.Activity(name: "A", duration: 480, calendar: 0),
                         ScheduleInput.Activity(name: "B", duration: 480, calendar: successorCalendar)],
            links: [ScheduleInput.Link(from: 0, to: 1, lag: .working(480))], calendars: [standard, tuesdayOff],
            projectStart: monday, options: .init(lagCalendar: lagCalendar))
    }

    static func start(_ text: String) -> WallMinute { (try? WallTime.parse(text)) ?? 0 }

    @Test("on the predecessor's calendar the lag is Tuesday: B starts Wednesday 08:00")
    func predecessor() throws {
        let s = try Self.input(.predecessor).criticalPath()
        #expect(s.earlyStart[1] == Self.start("2018-02-28T08:00"))
    }

    @Test("on the successor's calendar Tuesday is off, the lag is Wednesday: B starts Thursday 08:00")
    func successor() throws {
        let s = try Self.input(.successor).criticalPath()
        #expect(s.earlyStart[1] == Self.start("2018-03-01T08:00"))
        // The backward pass counts the lag back on the same calendar: A has no slack.
        #expect(s.totalFloat[0] == 0)
    }

    @Test("on the project calendar the lag is Tuesday, whatever the tasks' calendars")
    func project() throws {
        let s = try Self.input(.project).criticalPath()
        #expect(s.earlyStart[1] == Self.start("2018-02-28T08:00"))
    }

    @Test("with every task on one calendar other than the project's, a project-calendar lag still counts on it")
    func projectOnUniformAxis() throws {
        // Both on the Tuesday-off calendar (index 1): the lag on calendar 0 is Tuesday; B starts Wednesday.
        var input = try Self.input(.project)
        input.activities[0].calendar = 1
        let s = try input.criticalPath()
        // A: Monday; lag on the project calendar: Tuesday; B (Tuesday off anyway) starts Wednesday 08:00.
        #expect(s.earlyStart[1] == Self.start("2018-02-28T08:00"))
        input.options.lagCalendar = .successor
        // On B's calendar Tuesday is off: the lag is Wednesday, B starts Thursday.
        #expect(try input.criticalPath().earlyStart[1] == Self.start("2018-03-01T08:00"))
    }
}

/// Where a late finish sits under each tool's rules, seen through a predecessor on a 7-day calendar. A (1 day,
/// standard week) on Friday 2018-03-02, then B (1 day) by FS on Monday 03-05, the project's last day (C, 2 days,
/// runs Friday to Monday); Z (1 day, every day 08:00–12:00 and 13:00–17:00) finishes with A (FF), on Friday.
/// B's late start is Monday 08:00. MS Project late-finishes A at that instant (reported as Friday 17:00, the same
/// working instant on A's calendar), so Z may finish by then: on its 7-day calendar that leaves it the weekend, 16
/// working hours of float. P6 stores a late finish at the end of
/// working time, Friday 17:00 (the public P6 corpus's hotel schedule agrees on 1,785 more activities with this
/// rule), so Z must finish on Friday and has none.
@Suite("Late finishes at the end of working time (P6)")
struct LateFinishTests {
    static let friday = WallTime.instant(CalendarDate(daysSinceEpoch: 17592), minuteOfDay: 480)  // 2018-03-02

    static func input(_ rules: SchedulingRules) throws -> ScheduleInput {
        let first = try #require(CalendarDate(year: 2018, month: 1, day: 1))
        let last = try #require(CalendarDate(year: 2018, month: 12, day: 31))
        let standard = try CompiledCalendar(week: .standard, from: first, through: last, name: "standard")
        let day = WeekPattern.standard.monday
        let sevenDays = try CompiledCalendar(
            week: WeekPattern(monday: day, tuesday: day, wednesday: day, thursday: day, friday: day, saturday: day, sunday: day),
            from: first, through: last, name: "7-day")
        var options = ScheduleInput.Options()
        options.follow(rules)
        return ScheduleInput(
            activities: [ScheduleInput.Activity(name: "A", duration: 480), ScheduleInput.Activity(name: "B", duration: 480),
                         ScheduleInput.Activity(name: "C", duration: 960),
                         ScheduleInput.Activity(name: "Z", duration: 480, calendar: 1)],
            links: [ScheduleInput.Link(from: 0, to: 1), ScheduleInput.Link(from: 3, to: 0, type: .finishToFinish)],
            calendars: [standard, sevenDays], projectStart: friday, options: options)
    }

    static func at(_ text: String) -> WallMinute { (try? WallTime.parse(text)) ?? 0 }

    @Test("MS Project: A late-finishes at Monday 08:00 and Z has the weekend; P6: at Friday 17:00 and Z has no float")
    func lateFinish() throws {
        let ms = try Self.input(.msProject).criticalPath()
        #expect(ms.lateStart[1] == Self.at("2018-03-05T08:00"))
        #expect(ms.lateFinish[0] == Self.at("2018-03-02T17:00"))
        #expect(ms.totalFloat[3] == 16 * 60)
        let p6 = try Self.input(.p6).criticalPath()
        #expect(p6.lateStart[1] == Self.at("2018-03-05T08:00"))
        #expect(p6.lateFinish[0] == Self.at("2018-03-02T17:00"))
        #expect(p6.lateFinish[3] == Self.at("2018-03-02T17:00"))
        #expect(p6.totalFloat[3] == 0)
    }
}

/// A completed activity's late date behind a lag not yet run, seen from a 7-day calendar: the shape of
/// p6-differential/net-0220, where MPXJ's P6 scheduler stores Monday 08:00 for Task 7 (7-day calendar) and Start
/// MS 8. Status date Monday 2018-03-05 08:00. M, a start milestone on the standard week, was reached on Wednesday
/// 02-28 08:00; T (1 day) follows it FS +32 h, of which 24 h ran by the status date: T starts after the other 8,
/// on Tuesday 08:00, and that is its late start too. M's late date is 8 working hours before it, counted back as
/// a lead: Monday 08:00 (Friday 17:00 is the same working minute on M's calendar, not on N's). N, done on the
/// 7-day calendar, precedes M start to start, so its late date is M's: Monday 08:00, not Friday 17:00.
@Suite("Completed activities' late dates behind a lag (P6)")
struct CompletedLateDateTests {
    @Test("a completed activity's late date counts the rest of a lag back to the start of working time")
    func leadBack() throws {
        let first = try #require(CalendarDate(year: 2018, month: 1, day: 1))
        let last = try #require(CalendarDate(year: 2018, month: 12, day: 31))
        let standard = try CompiledCalendar(week: .standard, from: first, through: last, name: "standard")
        let day = WeekPattern.standard.monday
        let sevenDays = try CompiledCalendar(
            week: WeekPattern(monday: day, tuesday: day, wednesday: day, thursday: day, friday: day, saturday: day, sunday: day),
            from: first, through: last, name: "7-day")
        let at = { (text: String) in (try? WallTime.parse(text)) ?? 0 }
        var m = ScheduleInput.Activity(name: "M", duration: 0, kind: .milestone)
        m.actualStart = at("2018-02-28T08:00"); m.actualFinish = at("2018-02-28T08:00")
        var n = ScheduleInput.Activity(name: "N", duration: 480, calendar: 1)
        n.actualStart = at("2018-02-26T08:00"); n.actualFinish = at("2018-02-26T17:00")
        let t = ScheduleInput.Activity(name: "T", duration: 480)
        var options = ScheduleInput.Options()
        options.follow(.p6)
        let input = ScheduleInput(
            activities: [m, n, t],
            links: [ScheduleInput.Link(from: 1, to: 0, type: .startToStart),
                    ScheduleInput.Link(from: 0, to: 2, lag: .working(32 * 60))],
            calendars: [standard, sevenDays], projectStart: at("2018-02-26T08:00"), statusDate: at("2018-03-05T08:00"),
            options: options)
        let s = try input.criticalPath()
        #expect(s.earlyStart[2] == at("2018-03-06T08:00"))
        #expect(s.lateStart[2] == at("2018-03-06T08:00"))
        // Reported at the end of the working time before, the same working minute on each one's calendar.
        #expect(standard.working(at: s.lateFinish[0]) == standard.working(at: at("2018-03-05T08:00")))
        #expect(sevenDays.working(at: s.lateFinish[1]) == sevenDays.working(at: at("2018-03-05T08:00")))
        #expect(sevenDays.working(at: s.lateFinish[1]) != sevenDays.working(at: at("2018-03-02T17:00")))
    }
}

/// A start-on-or-after date on the day links start the activity later, under P6's rules as MPXJ's scheduler
/// has them (p6-differential/net-0439: Task 16, start on or after 02-03 08:00, follows Task 15 finishing 02-03
/// 12:00, and MPXJ stores it starting 02-03 08:00). Status date Monday 2018-03-05 08:00; A (4 h) runs 08:00–12:00;
/// B (1 day) follows it, start on or after Monday 08:00: it starts Monday 08:00, not 13:00. C, the same after A
/// but start on or after the Friday before, starts at 13:00.
@Suite("Start on or after on the day links start the activity (P6, as MPXJ has it)")
struct SameDayStartConstraintTests {
    @Test("a start-on-or-after date on the same day as the links' start is the start")
    func sameDay() throws {
        let at = P6AfterFourHours.at
        let b = ScheduleInput.Activity(name: "B", duration: 480, constraint: .startNoEarlierThan,
                                       constraintDate: at("2018-03-05T08:00"))
        let c = ScheduleInput.Activity(name: "C", duration: 480, constraint: .startNoEarlierThan,
                                       constraintDate: at("2018-03-02T08:00"))
        let s = try P6AfterFourHours.schedule(b, c)
        #expect(s.earlyStart[1] == at("2018-03-05T08:00"))
        #expect(s.earlyStart[2] == at("2018-03-05T13:00"))
    }
}

/// A start-on-or-after date given as a day (midnight) that starts the activity later than its links, under P6's
/// rules as MPXJ's scheduler has them (p6-differential/net-0027: Task 11, start on or after 06-25 00:00, links at
/// 13:00, MPXJ stores 06-25 13:00). Status date Monday 2018-03-05 08:00; A (4 h) runs 08:00–12:00, so links start
/// its successors at 13:00. B (1 day), start on or after Wednesday 03-07 00:00, starts Wednesday 13:00. C, start on
/// or after Saturday 03-10 00:00 (13:00 that day is not working time), starts Monday 03-12 08:00.
@Suite("Start on or after a day, at the links' time of day (P6, as MPXJ has it)")
struct MidnightStartConstraintTests {
    @Test("a start-on-or-after day starts the activity at the time of day its links would")
    func linksTimeOfDay() throws {
        let at = P6AfterFourHours.at
        let b = ScheduleInput.Activity(name: "B", duration: 480, constraint: .startNoEarlierThan,
                                       constraintDate: at("2018-03-07T00:00"))
        let c = ScheduleInput.Activity(name: "C", duration: 480, constraint: .startNoEarlierThan,
                                       constraintDate: at("2018-03-10T00:00"))
        let s = try P6AfterFourHours.schedule(b, c)
        #expect(s.earlyStart[1] == at("2018-03-07T13:00"))
        #expect(s.earlyStart[2] == at("2018-03-12T08:00"))
    }
}

/// The two start-on-or-after cases above share their network: on the standard week, status date Monday 2018-03-05
/// 08:00, A (4 h) from 08:00 to 12:00, and two successors of it by FS, B and C, scheduled by P6's rules.
enum P6AfterFourHours {
    static func at(_ text: String) -> Int64 { (try? WallTime.parse(text)) ?? 0 }

    static func schedule(_ b: ScheduleInput.Activity, _ c: ScheduleInput.Activity) throws -> CriticalPathSchedule {
        let first = try #require(CalendarDate(year: 2018, month: 1, day: 1))
        let last = try #require(CalendarDate(year: 2018, month: 12, day: 31))
        let standard = try CompiledCalendar(week: .standard, from: first, through: last, name: "standard")
        var options = ScheduleInput.Options()
        options.follow(.p6)
        return try ScheduleInput(
            activities: [ScheduleInput.Activity(name: "A", duration: 240), b, c],
            links: [ScheduleInput.Link(from: 0, to: 1), ScheduleInput.Link(from: 0, to: 2)],
            calendars: [standard], projectStart: at("2018-03-05T08:00"), statusDate: at("2018-03-05T08:00"),
            options: options).criticalPath()
    }
}
