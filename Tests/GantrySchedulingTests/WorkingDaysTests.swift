import GantryModel
import GantryScheduling
import Testing

@Suite("Working days on a calendar")
struct WorkingDaysTests {
    static let stamp = Timestamp(millisecondsSinceEpoch: 0)

    static func date(_ text: String) -> CalendarDate {
        guard let d = CalendarDate(iso: text) else { fatalError("\(text) is not a date") }
        return d
    }

    static func calendar(_ exceptions: [CalendarException] = []) -> WorkingDays {
        WorkingDays(calendar: WorkCalendar(name: "Standard", week: .standard, exceptions: exceptions,
                                           createdAt: stamp, updatedAt: stamp))
    }

    // 2026-11-27 is a Friday, 2026-11-28 a Saturday (see CalendarDateTests).
    @Test("weekends are not worked on the standard calendar", arguments: [
        ("2026-11-27", true), ("2026-11-28", false), ("2026-11-29", false), ("2026-11-30", true), ("2026-12-02", true),
    ])
    func weekends(day: String, working: Bool) {
        #expect(Self.calendar().isWorking(Self.date(day)) == working)
    }

    @Test("the first working day skips a weekend")
    func firstWorking() {
        let days = Self.calendar()
        #expect(days.firstWorking(onOrAfter: Self.date("2026-11-28")) == Self.date("2026-11-30"))
        #expect(days.firstWorking(onOrAfter: Self.date("2026-11-27")) == Self.date("2026-11-27"))
    }

    @Test("offsets count working days only", arguments: [
        ("2026-11-30", 0, "2026-11-30"), ("2026-11-30", 4, "2026-12-04"), ("2026-11-30", 5, "2026-12-07"),
        ("2026-11-28", 0, "2026-11-30"), ("2026-11-28", 1, "2026-12-01"), ("2026-11-27", 1, "2026-11-30"),
        ("2026-11-30", 10, "2026-12-14"), ("2026-12-28", 5, "2027-01-04"),
    ])
    func offsets(start: String, offset: Int, expected: String) {
        #expect(Self.calendar().date(offset: offset, from: Self.date(start)) == Self.date(expected))
    }

    /// DOMAIN.md §2.5 and domain-cases.json case 15 [X: MPXJ]: A is 5 days from Mon 2018-02-26 with Wed 02-28 a
    /// holiday, so A finishes Mon 03-05; B (2 days, FS) runs Tue 03-06 to Wed 03-07. In day offsets A is [0, 5)
    /// and B [5, 7); a finish shows on its last working day, offset finish − 1.
    @Test("a holiday is skipped: A ends Mon 2018-03-05, B runs Tue 03-06 to Wed 03-07")
    func holiday() throws {
        let start = Self.date("2018-02-26")
        let days = Self.calendar([CalendarException(name: "Holiday", from: Self.date("2018-02-28"), to: Self.date("2018-02-28"))])
        let s = try DayNetwork(durations: [5, 2], links: [.init(from: 0, to: 1, type: .finishToStart)]).criticalPathSchedule()
        #expect(days.date(offset: s.earlyFinish[0] - 1, from: start) == Self.date("2018-03-05"))
        #expect(days.date(offset: s.earlyStart[1], from: start) == Self.date("2018-03-06"))
        #expect(days.date(offset: s.earlyFinish[1] - 1, from: start) == Self.date("2018-03-07"))
    }

    /// DOMAIN.md §2.5 "Constraints" table, row "none (ASAP)", and domain-cases.json case 16 [X: MPXJ]:
    /// A 3d → B 2d (FS), C 10d in parallel, from Mon 2018-02-26. B runs Thu 03-01 → Fri 03-02 with TF 5d, the
    /// project ends Fri 03-09, and A's late dates are Mon 03-05 → Wed 03-07 (TF 5d).
    @Test("the MPXJ constraint network without constraints: B Thu 03-01 to Fri 03-02, 5 days of float")
    func constraintNetworkWithoutConstraints() throws {
        let start = Self.date("2018-02-26")
        let days = Self.calendar()
        let s = try DayNetwork(durations: [3, 2, 10], links: [.init(from: 0, to: 1, type: .finishToStart)])
            .criticalPathSchedule()
        func first(_ offset: Int) -> String { days.date(offset: offset, from: start).description }
        func last(_ finish: Int) -> String { days.date(offset: finish - 1, from: start).description }
        #expect([first(s.earlyStart[1]), last(s.earlyFinish[1])] == ["2018-03-01", "2018-03-02"])
        #expect(s.totalFloat[1] == 5)
        #expect(last(s.makespan) == "2018-03-09")
        #expect([first(s.lateStart[0]), last(s.lateFinish[0])] == ["2018-03-05", "2018-03-07"])
        #expect(s.totalFloat[0] == 5 && s.totalFloat[2] == 0)
    }

    @Test("an exception can make a weekend day a working day")
    func workingSaturday() {
        let saturday = Self.date("2026-11-28")
        let days = Self.calendar([CalendarException(name: "Release weekend", from: saturday, to: saturday,
                                                    working: [TimeRange(start: 480, end: 720)])])
        #expect(days.isWorking(saturday))
        #expect(!days.isWorking(Self.date("2026-11-29")))
        #expect(days.date(offset: 1, from: Self.date("2026-11-27")) == saturday)
        #expect(days.date(offset: 2, from: Self.date("2026-11-27")) == Self.date("2026-11-30"))
    }

    @Test("a run of holidays is skipped as a whole")
    func holidayRun() {
        // Mon 2026-12-21 … Fri 2027-01-01 off: the Friday before is followed by Monday 2027-01-04.
        let days = Self.calendar([CalendarException(name: "Winter break", from: Self.date("2026-12-21"), to: Self.date("2027-01-01"))])
        #expect(days.date(offset: 1, from: Self.date("2026-12-18")) == Self.date("2027-01-04"))
        #expect(days.firstWorking(onOrAfter: Self.date("2026-12-24")) == Self.date("2027-01-04"))
        #expect(!days.isWorking(Self.date("2026-12-21")) && !days.isWorking(Self.date("2027-01-01")))
    }

    @Test("a day outside the week's working days needs no exception to be off")
    func customWeek() {
        var week = WeekPattern.standard
        week.friday = []  // a four-day week
        let days = WorkingDays(calendar: WorkCalendar(name: "4x10", week: week, createdAt: Self.stamp, updatedAt: Self.stamp))
        #expect(!days.isWorking(Self.date("2026-11-27")))
        #expect(days.date(offset: 4, from: Self.date("2026-11-23")) == Self.date("2026-11-30"))
    }
}
