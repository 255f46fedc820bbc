import Foundation
import GantryModel
import Testing

@Suite("Work durations")
struct WorkDurationTests {
    @Test("a duration is written as a number, an optional e for elapsed, and a unit", arguments: [
        ("5d", 5.0, WorkDuration.Unit.days, false),
        ("-2d", -2, .days, false),
        ("3.5h", 3.5, .hours, false),
        ("90m", 90, .minutes, false),
        ("2w", 2, .weeks, false),
        ("3ed", 3, .days, true),
        ("1.5ew", 1.5, .weeks, true),
        ("0d", 0, .days, false),
        (" 4h ", 4, .hours, false),
    ])
    func parse(text: String, value: Double, unit: WorkDuration.Unit, elapsed: Bool) throws {
        let d = try #require(WorkDuration(text: text))
        #expect(d.value == value)
        #expect(d.unit == unit)
        #expect(d.isElapsed == elapsed)
    }

    @Test("anything else is refused", arguments: [
        "", "d", "5", "5x", "5D", "5 d", "ed", "e", "5e", "five d", "5dd", "--2d", "infd", "nand", "5eed", "h5",
    ])
    func refused(text: String) {
        #expect(WorkDuration(text: text) == nil)
    }

    /// MS Project's defaults (DOMAIN.md §2.3): a working day is 480 minutes and a working week 2400; elapsed time
    /// counts the clock, so an elapsed day is 1440 minutes and an elapsed week 10 080.
    @Test("minutes follow the unit and whether the time is elapsed", arguments: [
        ("5d", 2400.0), ("-2d", -960), ("3.5h", 210), ("90m", 90), ("2w", 4800), ("3ed", 4320), ("1ew", 10080),
        ("2eh", 120), ("45em", 45), ("0.5d", 240),
    ])
    func minutes(text: String, minutes: Double) throws {
        #expect(try #require(WorkDuration(text: text)).minutes() == minutes)
    }

    @Test("a project's own day and week lengths change working minutes but not elapsed ones")
    func customDayLength() {
        #expect(WorkDuration(2, .days).minutes(perDay: 450, perWeek: 2250) == 900)
        #expect(WorkDuration(1, .weeks).minutes(perDay: 450, perWeek: 2250) == 2250)
        #expect(WorkDuration(2, .days, elapsed: true).minutes(perDay: 450, perWeek: 2250) == 2880)
        #expect(WorkDuration(3, .hours).minutes(perDay: 450, perWeek: 2250) == 180)
    }

    @Test("a duration prints the way it was written", arguments: ["5d", "-2d", "3.5h", "90m", "2w", "3ed", "0.25ew"])
    func description(text: String) throws {
        #expect(try #require(WorkDuration(text: text)).description == text)
    }

    @Test("a duration encodes as its text and decodes back; a bad one fails to decode")
    func codable() throws {
        let values = [WorkDuration(3.5, .hours), WorkDuration(-2, .days), WorkDuration(3, .days, elapsed: true)]
        let data = try JSONEncoder().encode(values)
        #expect(String(decoding: data, as: UTF8.self) == #"["3.5h","-2d","3ed"]"#)
        #expect(try JSONDecoder().decode([WorkDuration].self, from: data) == values)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([WorkDuration].self, from: Data(#"["5 days"]"#.utf8)) }
    }

    @Test("zero and days(_:) are working days")
    func shorthands() {
        #expect(WorkDuration.zero == WorkDuration(0, .days))
        #expect(WorkDuration.days(4) == WorkDuration(text: "4d"))
        #expect(WorkDuration.days(4) != WorkDuration(text: "4ed"), "elapsed is part of the value")
    }
}

@Suite("Working times of a week")
struct WeekPatternTests {
    @Test("a time range reads HH:MM-HH:MM as minutes after midnight", arguments: [
        ("08:00-12:00", 480, 720), ("13:00-17:00", 780, 1020), ("00:00-24:00", 0, 1440), ("07:30-07:45", 450, 465),
    ])
    func parseRange(text: String, start: Int, end: Int) throws {
        let r = try #require(TimeRange(text: text))
        #expect(r.start == start && r.end == end)
        #expect(r.minutes == end - start)
        #expect(r.description == text)
    }

    @Test("a range that is empty, backwards or not a time is refused", arguments: [
        "12:00-08:00", "08:00-08:00", "8:00-12:00", "08:00-24:30", "25:00-26:00", "08:60-09:00", "08:00",
        "08:00-12:00-13:00", "", "ab:cd-ef:gh", "08.00-12.00",
    ])
    func refusedRange(text: String) {
        #expect(TimeRange(text: text) == nil)
    }

    @Test("the standard week is Monday to Friday, 08:00-12:00 and 13:00-17:00")
    func standard() {
        let week = WeekPattern.standard
        for day in Weekday.allCases {
            let ranges = week[day].map(\.description)
            #expect(ranges == (day.isWeekend ? [] : ["08:00-12:00", "13:00-17:00"]), "\(day)")
        }
        #expect(week.problem == nil)
        #expect(Weekday.allCases.map { WeekPattern.allDay[$0].map(\.minutes) } == Array(repeating: [1440], count: 7))
    }

    static func week(_ ranges: [String], on day: Weekday) -> WeekPattern {
        var w = WeekPattern.standard
        let parsed = ranges.compactMap { TimeRange(text: $0) }
        switch day {
        case .monday: w.monday = parsed
        case .tuesday: w.tuesday = parsed
        case .wednesday: w.wednesday = parsed
        case .thursday: w.thursday = parsed
        case .friday: w.friday = parsed
        case .saturday: w.saturday = parsed
        case .sunday: w.sunday = parsed
        }
        return w
    }

    @Test("overlapping or unordered ranges are a problem that names the day", arguments: [
        (["08:00-12:00", "11:00-13:00"], Weekday.monday),
        (["13:00-17:00", "08:00-12:00"], .wednesday),
        (["08:00-12:00", "08:00-12:00"], .saturday),
        (["08:00-17:00", "09:00-10:00"], .sunday),
    ])
    func overlap(ranges: [String], day: Weekday) throws {
        let problem = try #require(Self.week(ranges, on: day).problem)
        #expect(problem.contains(day.rawValue))
    }

    @Test("ranges that touch do not overlap: the end of one is not in it (half-open)")
    func touching() {
        #expect(Self.week(["08:00-12:00", "12:00-16:00"], on: .friday).problem == nil)
        #expect(Self.week(["06:00-07:00", "07:00-08:00", "20:00-24:00"], on: .sunday).problem == nil)
    }

    @Test("a week pattern encodes ranges as text and decodes back")
    func codable() throws {
        let week = Self.week(["09:00-13:00"], on: .saturday)
        let data = try JSONEncoder().encode(week)
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: [String]])
        #expect(json["saturday"] == ["09:00-13:00"])
        #expect(json["monday"] == ["08:00-12:00", "13:00-17:00"])
        #expect(json["sunday"] == [])
        #expect(try JSONDecoder().decode(WeekPattern.self, from: data) == week)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([TimeRange].self, from: Data(#"["17:00-08:00"]"#.utf8))
        }
    }
}
