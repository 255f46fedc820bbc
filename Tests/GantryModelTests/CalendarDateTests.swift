import Foundation
import GantryModel
import Testing

@Suite("Calendar dates")
struct CalendarDateTests {
    /// Days since 1970-01-01 and the weekday of well-known dates. Worked by hand (and cross-checked with Python's
    /// `datetime.date`, an independent implementation of the proleptic Gregorian calendar):
    /// - 2000-03-01: 30 years × 365 + 7 leap days (1972…1996) = 10957 for 2000-01-01, + 31 (Jan) + 29 (Feb) = 11017.
    /// - 2026-11-28: 56 × 365 + 14 leap days (1972…2024) = 20454 for 2026-01-01, + 304 (Jan…Oct) + 27 = 20785.
    /// - 1970-01-01 was a Thursday (every calendar reference); 1969-12-31 the Wednesday before it.
    static let knownDays: [(String, Int, Weekday)] = [
        ("1970-01-01", 0, .thursday),
        ("1969-12-31", -1, .wednesday),
        ("2000-02-29", 11016, .tuesday),
        ("2000-03-01", 11017, .wednesday),
        ("2024-02-29", 19782, .thursday),
        ("2018-02-26", 17588, .monday),   // DOMAIN.md §2.5: "Project start is Monday 2018-02-26"
        ("2026-11-27", 20784, .friday),
        ("2026-11-28", 20785, .saturday),
        ("1900-03-01", -25508, .thursday),
        ("0001-01-01", -719_162, .monday),
        ("9999-12-31", 2_932_896, .friday),
    ]

    @Test("a known date sits at its day number and falls on its weekday", arguments: knownDays)
    func knownDay(iso: String, days: Int, weekday: Weekday) throws {
        let date = try #require(CalendarDate(iso: iso))
        #expect(date.daysSinceEpoch == days)
        #expect(CalendarDate(daysSinceEpoch: days) == date)
        #expect(date.weekday == weekday)
        #expect(date.description == iso)
    }

    @Test("days that do not exist are refused", arguments: [
        (2026, 2, 30), (2026, 2, 29), (1900, 2, 29), (2100, 2, 29), (2026, 4, 31), (2026, 6, 31), (2026, 9, 31),
        (2026, 11, 31), (2026, 13, 1), (2026, 0, 10), (2026, 1, 0), (2026, 1, 32), (0, 1, 1), (10000, 1, 1),
    ])
    func nonexistentDay(year: Int, month: Int, day: Int) {
        #expect(CalendarDate(year: year, month: month, day: day) == nil)
    }

    @Test("leap years follow the Gregorian rule: every 4th year, not centuries, but every 400th year")
    func leapYears() {
        let expected: [Int: Int] = [1900: 28, 2000: 29, 2023: 28, 2024: 29, 2026: 28, 2028: 29, 2100: 28, 2400: 29]
        for (year, days) in expected {
            #expect(CalendarDate.daysIn(month: 2, year: year) == days, "February \(year)")
            #expect((CalendarDate(year: year, month: 2, day: 29) != nil) == (days == 29), "\(year)-02-29")
        }
        #expect([1, 3, 5, 7, 8, 10, 12].allSatisfy { CalendarDate.daysIn(month: $0, year: 2026) == 31 })
        #expect([4, 6, 9, 11].allSatisfy { CalendarDate.daysIn(month: $0, year: 2026) == 30 })
    }

    @Test("adding days crosses months, years and leap days", arguments: [
        ("2024-02-28", 1, "2024-02-29"),
        ("2024-02-28", 2, "2024-03-01"),
        ("2026-02-28", 1, "2026-03-01"),
        ("2023-12-31", 1, "2024-01-01"),
        ("2026-03-01", -1, "2026-02-28"),
        ("2024-01-01", 365, "2024-12-31"),   // 2024 has 366 days
        ("2026-01-01", 365, "2027-01-01"),
        ("1970-01-01", -1, "1969-12-31"),
        ("2000-01-01", 146_097, "2400-01-01"), // one 400-year cycle
    ])
    func adding(from: String, days: Int, to: String) throws {
        let start = try #require(CalendarDate(iso: from))
        #expect(start.adding(days: days).description == to)
    }

    @Test("every day from 1600 to 2400 follows the day before it")
    func consecutiveDays() throws {
        let first = try #require(CalendarDate(iso: "1600-01-01")).daysSinceEpoch
        let last = try #require(CalendarDate(iso: "2400-12-31")).daysSinceEpoch
        var previous = CalendarDate(daysSinceEpoch: first - 1)
        var failures = 0
        for n in first...last {
            let d = CalendarDate(daysSinceEpoch: n)
            let valid = CalendarDate(year: d.year, month: d.month, day: d.day) == d
            let next: Bool
            if previous.day < CalendarDate.daysIn(month: previous.month, year: previous.year) {
                next = d.year == previous.year && d.month == previous.month && d.day == previous.day + 1
            } else if previous.month < 12 {
                next = d.year == previous.year && d.month == previous.month + 1 && d.day == 1
            } else {
                next = d.year == previous.year + 1 && d.month == 1 && d.day == 1
            }
            if !(valid && next && d.daysSinceEpoch == n && previous < d) {
                failures += 1
                if failures < 5 { Issue.record("day \(n) is \(d), after \(previous)") }
            }
            previous = d
        }
        #expect(failures == 0)
    }

    @Test("the date and weekday agree with Foundation's Gregorian calendar from 1900 to 2100")
    func agreesWithFoundation() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        let first = try #require(CalendarDate(iso: "1900-01-01")).daysSinceEpoch
        let last = try #require(CalendarDate(iso: "2100-12-31")).daysSinceEpoch
        // Foundation numbers weekdays 1 = Sunday … 7 = Saturday.
        let foundationWeekday: [Int: Weekday] = [1: .sunday, 2: .monday, 3: .tuesday, 4: .wednesday, 5: .thursday,
                                                  6: .friday, 7: .saturday]
        let days: [Int] = Array(stride(from: first, through: last, by: 7)) + Array(stride(from: first + 3, through: last, by: 11))
        for n in days {
            let date = CalendarDate(daysSinceEpoch: n)
            let instant = Date(timeIntervalSince1970: Double(n) * 86_400)
            let c = calendar.dateComponents([.year, .month, .day, .weekday], from: instant)
            let sameDay = date.year == c.year && date.month == c.month && date.day == c.day
            #expect(sameDay, "day \(n)")
            let weekday: Weekday? = foundationWeekday[c.weekday ?? 0]
            #expect(weekday == date.weekday, "weekday of \(date)")
        }
    }

    @Test("dates order by time")
    func ordering() throws {
        let a = try #require(CalendarDate(iso: "2025-12-31"))
        let b = try #require(CalendarDate(iso: "2026-01-01"))
        let c = try #require(CalendarDate(iso: "2026-01-02"))
        #expect(a < b && b < c)
        #expect([c, a, b].sorted() == [a, b, c])
        #expect(!(b < b))
    }

    @Test("ISO text parses into its fields", arguments: [
        ("2026-11-28", 2026, 11, 28), ("0999-01-09", 999, 1, 9), ("2024-02-29", 2024, 2, 29),
    ])
    func parse(text: String, year: Int, month: Int, day: Int) throws {
        let date = try #require(CalendarDate(iso: text))
        #expect(date.year == year && date.month == month && date.day == day)
        #expect(date.description == text, "prints back as it was written, zero-padded")
    }

    @Test("anything but YYYY-MM-DD is refused", arguments: [
        "", "2026", "2026-11", "2026-1-28", "2026-11-8", "26-11-28", "2026/11/28", "2026-11-28T00:00",
        "2026-11-28 ", " 2026-11-28", "2026-02-30", "abcd-ef-gh", "2026--11-28", "2026-11-28-",
        "+026-11-28", "2026-+1-05", "2026-01-+5", "-026-11-28",
    ])
    func refused(text: String) {
        #expect(CalendarDate(iso: text) == nil)
    }

    @Test("a date encodes as an ISO string and decodes back")
    func codable() throws {
        let date = try #require(CalendarDate(year: 2026, month: 3, day: 7))
        let data = try JSONEncoder().encode([date])
        #expect(String(decoding: data, as: UTF8.self) == #"["2026-03-07"]"#)
        #expect(try JSONDecoder().decode([CalendarDate].self, from: data) == [date])
    }

    @Test("decoding a day that does not exist fails", arguments: [#"["2026-02-30"]"#, #"["2026-3-7"]"#, "[20260307]"])
    func decodingRefuses(json: String) {
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([CalendarDate].self, from: Data(json.utf8)) }
    }

    @Test("Saturday and Sunday are the weekend")
    func weekend() {
        #expect(Weekday.allCases.filter(\.isWeekend) == [.saturday, .sunday])
        #expect(Weekday.allCases.first == .monday, "ISO weeks start on Monday")
    }
}
