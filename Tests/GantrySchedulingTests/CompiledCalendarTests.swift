import GantryModel
import GantryScheduling
import Testing

@Suite("Compiled working calendar")
struct CompiledCalendarTests {
    static func date(_ text: String) -> CalendarDate {
        guard let d = CalendarDate(iso: text) else { fatalError("\(text) is not a date") }
        return d
    }

    static func at(_ text: String) -> WallMinute {
        do { return try WallTime.parse(text) } catch { fatalError("\(error)") }
    }

    static func text(_ t: WallMinute) -> String { WallTime.format(t) }

    static func range(_ text: String) -> TimeRange {
        guard let r = TimeRange(text: text) else { fatalError("\(text) is not a range") }
        return r
    }

    static func holiday(_ day: String, _ name: String = "Holiday") -> CalendarException {
        CalendarException(name: name, from: date(day), to: date(day))
    }

    /// The standard calendar (Mon–Fri 08:00–12:00, 13:00–17:00) compiled over 2018–2019.
    static func standard(_ exceptions: [CalendarException] = []) throws -> CompiledCalendar {
        try CompiledCalendar(week: .standard, exceptions: exceptions, from: date("2018-01-01"), through: date("2019-12-31"),
                             name: "Standard")
    }

    static let day: Int64 = 480

    // MARK: Oracles

    /// DOMAIN.md §2.5 and domain-cases.json case 15 [X: MPXJ]: A is 5 days from Mon 2018-02-26 08:00 with Wed
    /// 02-28 a holiday, so A finishes Mon 03-05 17:00; B (2 days, FS) runs Tue 03-06 08:00 to Wed 03-07 17:00.
    @Test("case 15: a holiday moves A's finish to Mon 03-05 17:00; B runs Tue 03-06 08:00 to Wed 03-07 17:00")
    func holidayOracle() throws {
        let c = try Self.standard([Self.holiday("2018-02-28")])
        let aStart = Self.at("2018-02-26T08:00")
        let aFinish = c.add(working: 5 * Self.day, to: aStart)
        #expect(Self.text(aFinish) == "2018-03-05T17:00")
        // FS+0: the successor starts at the same working count, shown at the next working instant.
        let bStart = c.nextWorkingInstant(onOrAfter: aFinish)
        #expect(Self.text(bStart) == "2018-03-06T08:00")
        #expect(Self.text(c.add(working: 2 * Self.day, to: bStart)) == "2018-03-07T17:00")
        // The same in working counts, as the engine does it.
        let w = c.working(at: aStart) + 5 * Self.day
        #expect(Self.text(c.finishInstant(ofWorking: w)) == "2018-03-05T17:00")
        #expect(Self.text(c.startInstant(ofWorking: w)) == "2018-03-06T08:00")
        #expect(Self.text(c.finishInstant(ofWorking: w + 2 * Self.day)) == "2018-03-07T17:00")
        #expect(!c.isWorkingDay(Self.date("2018-02-28")))
        #expect(c.workingTimes(on: Self.date("2018-02-28")) == [])
    }

    /// DOMAIN.md §2.3: a task of d working days that starts Monday 08:00 finishes at 17:00 on day d; an FS
    /// successor starts at 08:00 on the next working day.
    @Test("d working days from Monday 08:00 finish at 17:00 on working day d", arguments: [
        (1, "2018-02-26T17:00", "2018-02-27T08:00"), (2, "2018-02-27T17:00", "2018-02-28T08:00"),
        (5, "2018-03-02T17:00", "2018-03-05T08:00"), (6, "2018-03-05T17:00", "2018-03-06T08:00"),
        (10, "2018-03-09T17:00", "2018-03-12T08:00"),
    ])
    func standardDays(days: Int64, finish: String, successor: String) throws {
        let c = try Self.standard()
        let f = c.add(working: days * Self.day, to: Self.at("2018-02-26T08:00"))
        #expect(Self.text(f) == finish)
        #expect(Self.text(c.nextWorkingInstant(onOrAfter: f)) == successor)
        #expect(c.minutesPerDay == 480)
        #expect(c.minutesPerWeek == 2400)
    }

    @Test("half a day from 10:00 crosses the lunch break; work asked for at night starts next morning")
    func intervalsWithinADay() throws {
        let c = try Self.standard()
        #expect(Self.text(c.add(working: 240, to: Self.at("2018-02-26T10:00"))) == "2018-02-26T15:00")
        #expect(Self.text(c.add(working: 120, to: Self.at("2018-02-26T10:00"))) == "2018-02-26T12:00")
        #expect(Self.text(c.nextWorkingInstant(onOrAfter: Self.at("2018-02-26T12:00"))) == "2018-02-26T13:00")
        #expect(Self.text(c.add(working: 60, to: Self.at("2018-02-23T18:30"))) == "2018-02-26T09:00")
        #expect(Self.text(c.previousWorkingEnd(onOrBefore: Self.at("2018-02-26T07:00"))) == "2018-02-23T17:00")
        #expect(Self.text(c.add(working: -60, to: Self.at("2018-02-26T08:00"))) == "2018-02-23T16:00")
        #expect(c.add(working: 0, to: Self.at("2018-02-25T03:00")) == Self.at("2018-02-25T03:00"))
        #expect(c.workingMinutes(from: Self.at("2018-02-23T16:00"), to: Self.at("2018-02-26T09:30")) == 150)
        #expect(c.isWorking(at: Self.at("2018-02-26T11:59")) && !c.isWorking(at: Self.at("2018-02-26T12:00")))
    }

    // MARK: Exceptions

    @Test("a part day: Friday 08:00–12:00 only, so 5 days from Monday finish the next Monday at 12:00")
    func partDay() throws {
        let friday = CalendarException(name: "Half day", from: Self.date("2018-03-02"), to: Self.date("2018-03-02"),
                                       working: [Self.range("08:00-12:00")])
        let c = try Self.standard([friday])
        #expect(c.workingTimes(on: Self.date("2018-03-02")) == [Self.range("08:00-12:00")])
        #expect(c.workingMinutes(on: Self.date("2018-03-02")) == 240)
        let f = c.add(working: 5 * Self.day, to: Self.at("2018-02-26T08:00"))
        #expect(Self.text(f) == "2018-03-05T12:00")
        #expect(Self.text(c.nextWorkingInstant(onOrAfter: f)) == "2018-03-05T13:00")
        #expect(Self.text(c.add(working: 240, to: Self.at("2018-03-02T08:00"))) == "2018-03-02T12:00")
        #expect(Self.text(c.add(working: 241, to: Self.at("2018-03-02T08:00"))) == "2018-03-05T08:01")
    }

    @Test("an extra working Saturday takes the holiday's place: A finishes Sat 03-03 17:00")
    func extraWorkingDay() throws {
        let saturday = CalendarException(name: "Release weekend", from: Self.date("2018-03-03"), to: Self.date("2018-03-03"),
                                         working: WeekPattern.standard.monday)
        let c = try Self.standard([Self.holiday("2018-02-28"), saturday])
        #expect(c.isWorkingDay(Self.date("2018-03-03")))
        #expect(!c.isWorkingDay(Self.date("2018-03-04")))
        let f = c.add(working: 5 * Self.day, to: Self.at("2018-02-26T08:00"))
        #expect(Self.text(f) == "2018-03-03T17:00")
        #expect(Self.text(c.nextWorkingInstant(onOrAfter: f)) == "2018-03-05T08:00")
    }

    @Test("a later exception overrides an earlier one on the days they share")
    func laterWins() throws {
        let breakWeek = CalendarException(name: "Winter break", from: Self.date("2018-12-24"), to: Self.date("2018-12-31"))
        let onCall = CalendarException(name: "Year-end close", from: Self.date("2018-12-28"), to: Self.date("2018-12-28"),
                                       working: [Self.range("09:00-11:00")])
        let c = try Self.standard([breakWeek, onCall])
        #expect(!c.isWorkingDay(Self.date("2018-12-27")))
        #expect(c.workingTimes(on: Self.date("2018-12-28")) == [Self.range("09:00-11:00")])
        #expect(Self.text(c.nextWorkingInstant(onOrAfter: Self.at("2018-12-24T08:00"))) == "2018-12-28T09:00")
        #expect(Self.text(c.add(working: 180, to: Self.at("2018-12-24T08:00"))) == "2019-01-01T09:00")
    }

    @Test("a yearly holiday falls every year from its first year on, within the horizon")
    func yearlyHoliday() throws {
        let christmas = CalendarException(name: "Christmas", from: Self.date("2020-12-25"), to: Self.date("2020-12-25"),
                                          recurrence: .yearly)
        let c = try CompiledCalendar(week: .standard, exceptions: [christmas], from: Self.date("2018-01-01"),
                                     through: Self.date("2030-12-31"), name: "Yearly")
        // Dec 25 is a weekday in 2019, 2020, 2023, 2024, 2025, 2026 and 2030.
        for year in [2020, 2023, 2024, 2025, 2026, 2030] {
            let day = CalendarDate(year: year, month: 12, day: 25)!
            #expect(!day.weekday.isWeekend)
            #expect(!c.isWorkingDay(day), "Dec 25 \(year) is a holiday")
            #expect(c.isWorkingDay(day.adding(days: -1)) || day.adding(days: -1).weekday.isWeekend)
        }
        #expect(c.isWorkingDay(Self.date("2019-12-25")), "the holiday starts in 2020")
        // Beyond the horizon the weekly pattern alone applies.
        #expect(c.isWorkingDay(Self.date("2031-12-25")))
        // Tue 2024-12-24 08:00 plus 2 days skips Wednesday the 25th.
        #expect(Self.text(c.add(working: 2 * Self.day, to: Self.at("2024-12-24T08:00"))) == "2024-12-26T17:00")
    }

    @Test("a yearly run across New Year stays one run, and Feb 29 falls on Feb 28 in common years")
    func yearlyEdges() throws {
        let winter = CalendarException(name: "Winter break", from: Self.date("2019-12-30"), to: Self.date("2020-01-02"),
                                       recurrence: .yearly)
        let leap = CalendarException(name: "Leap day", from: Self.date("2020-02-29"), to: Self.date("2020-02-29"),
                                     recurrence: .yearly)
        let c = try CompiledCalendar(week: .allDay, exceptions: [winter, leap], from: Self.date("2019-01-01"),
                                     through: Self.date("2025-12-31"))
        for year in 2019...2024 {
            for (m, d) in [(12, 30), (12, 31)] { #expect(!c.isWorkingDay(CalendarDate(year: year, month: m, day: d)!)) }
            for d in 1...2 { #expect(!c.isWorkingDay(CalendarDate(year: year + 1, month: 1, day: d)!)) }
            #expect(c.isWorkingDay(CalendarDate(year: year + 1, month: 1, day: 3)!))
        }
        #expect(c.isWorkingDay(Self.date("2019-01-01")), "the break begins at the end of 2019")
        #expect(!c.isWorkingDay(Self.date("2024-02-29")))
        #expect(c.isWorkingDay(Self.date("2024-02-28")))
        #expect(!c.isWorkingDay(Self.date("2021-02-28")))
        #expect(c.isWorkingDay(Self.date("2021-03-01")))
        #expect(c.isWorkingDay(Self.date("2019-02-28")), "before the first leap day")
    }

    // MARK: 24 hours and elapsed time

    @Test("on the 24-hour calendar every minute works: working time is wall time")
    func twentyFourHours() {
        let c = CompiledCalendar.twentyFourHour()
        #expect(c.minutesPerDay == 1440)
        for t: WallMinute in [-5_000_000, -1, 0, 1, 1439, 1440, 25_000_000] {
            #expect(c.working(at: t) == t)
            #expect(c.startInstant(ofWorking: t) == t)
            #expect(c.finishInstant(ofWorking: t) == t)
            #expect(c.add(working: 90, to: t) == t + 90)
        }
        #expect(c.workingTimes(on: Self.date("2018-02-25")) == [Self.range("00:00-24:00")])
        // A finish at midnight is shown as the end of the day before.
        let f = c.add(working: 1440, to: Self.at("2018-02-25T00:00"))
        #expect(WallTime.format(f, endOfDay: true) == "2018-02-25T24:00")
        #expect(WallTime.date(of: f, endOfDay: true) == Self.date("2018-02-25"))
    }

    @Test("elapsed time ignores weekends and holidays: 3 elapsed days from Friday 17:00 end Monday 17:00")
    func elapsed() throws {
        let working = try Self.standard([Self.holiday("2018-03-05")])
        let elapsed = CompiledCalendar.twentyFourHour()
        let start = Self.at("2018-03-02T17:00")
        #expect(Self.text(elapsed.add(working: 3 * 1440, to: start)) == "2018-03-05T17:00")
        // The same span on the working calendar holds no working time at all.
        #expect(working.workingMinutes(from: start, to: start + 3 * 1440) == 0)
    }

    // MARK: Far from the horizon

    @Test("instants far outside the horizon follow the weekly pattern, across both horizon edges")
    func farOutside() throws {
        let c = try Self.standard([Self.holiday("2018-02-28"), Self.holiday("2019-12-31")])
        for text in ["1900-01-01T08:00", "1969-12-31T23:59", "2017-12-29T16:00", "2020-01-02T10:00", "2400-06-01T09:15", "9000-03-03T13:00"] {
            let t = Self.at(text)
            #expect(c.working(at: t + 7 * 1440) - c.working(at: t) == 2400, "a week after \(text) holds 40 hours")
            let w = c.working(at: t)
            #expect(c.working(at: c.startInstant(ofWorking: w)) == w)
            #expect(c.working(at: c.finishInstant(ofWorking: w)) == w)
        }
        #expect(Self.text(c.add(working: 2400, to: Self.at("1900-01-01T08:00"))) == "1900-01-05T17:00")
        #expect(Self.text(c.add(working: 2400, to: Self.at("2400-01-03T08:00"))) == "2400-01-07T17:00")  // a Monday
        // Work that starts before the horizon and ends after it skips both holidays.
        let before = Self.at("2017-12-29T08:00")
        let after = c.add(working: 2 * 522 * Self.day, to: before)
        #expect(c.workingMinutes(from: before, to: after) == 2 * 522 * Self.day)
        #expect(c.workingMinutes(from: Self.at("2018-01-01T00:00"), to: Self.at("2020-01-01T00:00")) == (261 + 261 - 2) * Self.day)
    }

    // MARK: Problems

    @Test("a calendar that cannot be computed is refused with a stable code and its name")
    func problems() {
        let none = WeekPattern(monday: [], tuesday: [], wednesday: [], thursday: [], friday: [], saturday: [], sunday: [])
        let saturday = CalendarException(name: "Only day", from: Self.date("2018-03-03"), to: Self.date("2018-03-03"),
                                         working: WeekPattern.standard.monday)
        #expect { try CompiledCalendar(week: none, exceptions: [saturday], from: Self.date("2018-01-01"), through: Self.date("2018-12-31"), name: "Empty") } throws: {
            ($0 as? CalendarProblem)?.code == .noWorkingTime && ($0 as? CalendarProblem)?.calendar == "Empty"
        }
        var overlapping = WeekPattern.standard
        overlapping.tuesday = [Self.range("08:00-12:00"), Self.range("11:00-17:00")]
        #expect { try CompiledCalendar(week: overlapping) } throws: {
            guard let p = $0 as? CalendarProblem else { return false }
            return p.code == .overlappingRanges && p.message.contains("tuesday")
        }
        var reversed = WeekPattern.standard
        reversed.monday = [TimeRange(start: 600, end: 500)]
        #expect { try CompiledCalendar(week: reversed) } throws: { ($0 as? CalendarProblem)?.code == .invalidRange }
        let backwards = CalendarException(name: "Oops", from: Self.date("2018-03-03"), to: Self.date("2018-03-01"))
        #expect { try Self.standard([backwards]) } throws: {
            guard let p = $0 as? CalendarProblem else { return false }
            return p.code == .exceptionOrder && p.message.contains("Oops")
        }
        #expect { try CompiledCalendar(week: .standard, from: Self.date("2018-03-03"), through: Self.date("2018-03-01")) } throws: {
            ($0 as? CalendarProblem)?.code == .horizonOrder
        }
    }

    @Test("a stored calendar compiles under its own name")
    func fromEntity() throws {
        let stamp = Timestamp(millisecondsSinceEpoch: 0)
        let stored = WorkCalendar(name: "Plant", week: .standard, exceptions: [Self.holiday("2018-02-28")], createdAt: stamp, updatedAt: stamp)
        let c = try CompiledCalendar(stored, from: Self.date("2018-01-01"), through: Self.date("2018-12-31"))
        #expect(c.name == "Plant")
        #expect(!c.isWorkingDay(Self.date("2018-02-28")))
    }

    // MARK: Wall time text

    @Test("wall times format and parse as yyyy-MM-ddTHH:mm, before 1970 too", arguments: [
        ("1970-01-01T00:00", Int64(0)), ("1970-01-01T00:01", 1), ("1969-12-31T23:59", -1), ("2018-02-26T08:00", 25_327_200),
    ])
    func wallText(text: String, minutes: Int64) throws {
        #expect(try WallTime.parse(text) == minutes)
        #expect(WallTime.format(minutes) == text)
    }

    @Test("a parse error says what is wrong", arguments: [
        ("2018-02-26 8:00", "16 characters"), ("2018-02-26X08:00", "'T'"), ("2018-02-30T08:00", "not an existing date"),
        ("2018-02-26T25:00", "hour 25"), ("2018-02-26T08:60", "minute 60"), ("2018-02-26T24:30", "only 24:00"),
        ("2018-02-26T0a:00", "two digits"),
    ])
    func parseErrors(text: String, says: String) {
        #expect { try WallTime.parse(text) } throws: {
            guard let e = $0 as? WallTime.ParseError else { return false }
            return e.description.contains(says) && e.description.contains(text)
        }
    }

    @Test("24:00 is the next midnight, and a space may stand for T")
    func parseEdges() throws {
        #expect(try WallTime.parse("2018-02-26T24:00") == WallTime.parse("2018-02-27T00:00"))
        #expect(try WallTime.parse("2018-02-26 08:00") == WallTime.parse("2018-02-26T08:00"))
        let (date, minute) = WallTime.components(of: Self.at("2018-02-26T08:30"))
        #expect(date == Self.date("2018-02-26") && minute == 510)
        #expect(WallTime.instant(Self.date("2018-02-26"), minuteOfDay: 510) == Self.at("2018-02-26T08:30"))
    }

    // MARK: Properties on generated calendars

    /// A random calendar: one to three intervals on some weekdays, holidays, part days, extra working days and
    /// yearly exceptions, over a horizon of one to four years.
    static func randomCalendar(_ rng: inout SplitMix64) throws -> (CompiledCalendar, WeekPattern, [CalendarException], ClosedRange<Int>) {
        func ranges() -> [TimeRange] {
            var out: [TimeRange] = []
            var t = rng.int(in: 0...600)
            for _ in 0..<rng.int(in: 1...3) {
                let end = min(1440, t + rng.int(in: 1...400))
                if end <= t { break }
                out.append(TimeRange(start: t, end: end))
                t = end + rng.int(in: 0...120)
                if t >= 1440 { break }
            }
            return out
        }
        var days = (0..<7).map { _ in rng.int(in: 0...3) == 0 ? [] : ranges() }
        if days.allSatisfy(\.isEmpty) { days[rng.int(in: 0...6)] = ranges() }
        let week = WeekPattern(monday: days[0], tuesday: days[1], wednesday: days[2], thursday: days[3], friday: days[4],
                               saturday: days[5], sunday: days[6])
        let first = 17_000 + rng.int(in: 0...2000)
        let last = first + rng.int(in: 300...1500)
        var exceptions: [CalendarException] = []
        for i in 0..<rng.int(in: 0...25) {
            let from = first - 100 + rng.int(in: 0...(last - first + 200))
            let to = from + (rng.int(in: 0...3) == 0 ? rng.int(in: 0...20) : 0)
            let working = rng.int(in: 0...2) == 0 ? ranges() : []
            exceptions.append(CalendarException(name: "e\(i)", from: CalendarDate(daysSinceEpoch: from), to: CalendarDate(daysSinceEpoch: to),
                                                working: working, recurrence: rng.int(in: 0...3) == 0 ? .yearly : nil))
        }
        let c = try CompiledCalendar(week: week, exceptions: exceptions, from: CalendarDate(daysSinceEpoch: first),
                                     through: CalendarDate(daysSinceEpoch: last))
        return (c, week, exceptions, first...last)
    }

    /// The working times of a day worked out the slow way, straight from the definitions.
    static func reference(_ day: Int, week: WeekPattern, exceptions: [CalendarException], horizon: ClosedRange<Int>) -> [TimeRange] {
        let date = CalendarDate(daysSinceEpoch: day)
        guard horizon.contains(day) else { return week[date.weekday] }
        func onSameDay(_ d: CalendarDate, year: Int) -> Int {
            (CalendarDate(year: year, month: d.month, day: d.day) ?? CalendarDate(year: year, month: 2, day: 28)!).daysSinceEpoch
        }
        var result = week[date.weekday]
        for e in exceptions {
            if e.recurrence == .yearly {
                for start in [date.year - 1, date.year] where start >= e.from.year {
                    let shift = start - e.from.year
                    if onSameDay(e.from, year: e.from.year + shift) <= day && day <= onSameDay(e.to, year: e.to.year + shift) {
                        result = e.working
                    }
                }
            } else if e.from.daysSinceEpoch <= day && day <= e.to.daysSinceEpoch {
                result = e.working
            }
        }
        return result
    }

    @Test("generated calendars agree with a day-by-day reference and round-trip every working count", arguments: 0..<12)
    func generated(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed &* 7919 &+ 1)
        let (c, week, exceptions, horizon) = try Self.randomCalendar(&rng)
        // Day by day around and across the horizon: working times and daily totals match the reference.
        var previousEnd: Int64? = nil
        for day in (horizon.lowerBound - 40)...(horizon.upperBound + 40) {
            let expected = Self.reference(day, week: week, exceptions: exceptions, horizon: horizon)
            let date = CalendarDate(daysSinceEpoch: day)
            #expect(c.workingTimes(on: date) == expected, "day \(date)")
            #expect(c.isWorkingDay(date) == !expected.isEmpty)
            let midnight = WallTime.instant(date)
            let total = c.working(at: midnight + 1440) - c.working(at: midnight)
            #expect(total == Int64(expected.reduce(0) { $0 + $1.minutes }), "day \(date)")
            if let previousEnd { #expect(previousEnd == c.working(at: midnight)) }
            previousEnd = c.working(at: midnight + 1440)
            if day % 17 == 0 {
                // Minute by minute on some days: +1 exactly on working minutes.
                for m in 0..<1440 {
                    let inside = expected.contains { $0.start <= m && m < $0.end }
                    let step = c.working(at: midnight + Int64(m) + 1) - c.working(at: midnight + Int64(m))
                    #expect(step == (inside ? 1 : 0))
                }
            }
        }
        // Random working counts and instants, near the horizon and far from it.
        let lo = c.working(at: WallTime.instant(CalendarDate(daysSinceEpoch: horizon.lowerBound - 3000)))
        let hi = c.working(at: WallTime.instant(CalendarDate(daysSinceEpoch: horizon.upperBound + 3000)))
        let tLo = WallTime.instant(CalendarDate(daysSinceEpoch: horizon.lowerBound - 3000))
        let tHi = WallTime.instant(CalendarDate(daysSinceEpoch: horizon.upperBound + 3000))
        for _ in 0..<2000 {
            let w = Int64.random(in: lo...hi, using: &rng)
            let s = c.startInstant(ofWorking: w), f = c.finishInstant(ofWorking: w)
            #expect(c.working(at: s) == w)
            #expect(c.isWorking(at: s))
            #expect(c.working(at: f) == w && c.working(at: f - 1) == w - 1)
            #expect(f <= s)
            #expect(s == f || !c.isWorking(at: s - 1), "no earlier working instant has the count")
            let t = WallMinute.random(in: tLo...tHi, using: &rng)
            let wt = c.working(at: t)
            #expect(c.working(at: t + 1) - wt <= 1 && c.working(at: t + 1) >= wt)
            let next = c.nextWorkingInstant(onOrAfter: t)
            #expect(next >= t && c.isWorking(at: next) && c.working(at: next) == wt)
            let end = c.previousWorkingEnd(onOrBefore: t)
            #expect(end <= t && c.working(at: end) == wt)
            let d = Int64.random(in: 1...5000, using: &rng)
            #expect(c.workingMinutes(from: t, to: c.add(working: d, to: t)) == d)
        }
    }

    @Test("a sparse week with busy exceptions: a minute a week, then a month of whole working days")
    func sparse() throws {
        let week = WeekPattern(monday: [], tuesday: [], wednesday: [], thursday: [], friday: [], saturday: [],
                               sunday: [Self.range("12:00-12:01")])
        let month = CalendarException(name: "Crunch", from: Self.date("2018-03-01"), to: Self.date("2018-03-31"),
                                      working: [Self.range("00:00-24:00")])
        let c = try CompiledCalendar(week: week, exceptions: [month], from: Self.date("2018-01-01"), through: Self.date("2018-12-31"))
        #expect(c.minutesPerWeek == 1)
        #expect(Self.text(c.add(working: 2, to: Self.at("2018-02-01T00:00"))) == "2018-02-11T12:01")
        #expect(Self.text(c.add(working: 1440, to: Self.at("2018-02-26T00:00"))) == "2018-03-02T00:00")
        let lo = c.working(at: Self.at("2017-06-01T00:00")), hi = c.working(at: Self.at("2019-06-01T00:00"))
        for w in stride(from: lo, through: hi, by: 37) {
            let s = c.startInstant(ofWorking: w)
            #expect(c.working(at: s) == w && c.isWorking(at: s))
            #expect(c.working(at: c.finishInstant(ofWorking: w)) == w)
        }
    }

    @Test("a million inverse lookups stay fast enough for the engine")
    func manyLookups() throws {
        var rng = SplitMix64(seed: 42)
        let (c, _, _, horizon) = try Self.randomCalendar(&rng)
        let lo = c.working(at: WallTime.instant(CalendarDate(daysSinceEpoch: horizon.lowerBound)))
        let hi = c.working(at: WallTime.instant(CalendarDate(daysSinceEpoch: horizon.upperBound)))
        var checksum: Int64 = 0
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for i in 0..<1_000_000 {
                let w = lo + Int64(i) * (hi - lo) / 1_000_000
                checksum &+= c.startInstant(ofWorking: w) &+ c.finishInstant(ofWorking: w)
            }
        }
        #expect(checksum != 0)
        #expect(elapsed < .seconds(20), "a million lookups took \(elapsed) (debug build)")
    }
}
