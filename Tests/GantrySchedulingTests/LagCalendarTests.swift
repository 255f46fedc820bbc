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
