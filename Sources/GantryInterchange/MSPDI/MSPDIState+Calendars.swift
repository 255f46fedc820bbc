import GantryModel

extension MSPDIState {
    /// The most days one recurring exception or one work week may expand to; beyond it the rest is dropped
    /// with a notice (a recurrence "every day until 2149" is a corruption, not a calendar).
    static let maxExpandedDays = 7_400

    /// One `<Calendar>`: base or derived (`BaseCalendarUID`, `-1` for none), its week (`WeekDays`), its exceptions
    /// in either form, and its 2007+ work weeks expanded to exceptions.
    ///
    /// Exceptions come in two forms: before Project 2007, a `WeekDay` with `DayType` 0 and a `TimePeriod`; from
    /// 2007, `Exceptions/Exception` with a recurrence. Project 2007 and later write both, so the old form is read
    /// only when the new one is absent (MPXJ's rule).
    mutating func calendar(_ e: MSPDIElement) {
        guard let uidText = e.text("UID") else {
            notice("Calendar", e.line, "calendar without a UID; skipped")
            return
        }
        let uid = String(uidText)
        let owner = "Calendar UID \(uid)"
        if calendarUIDs.contains(uid) {
            notice(owner, e.line, "duplicate calendar UID \(uid); the later one is skipped")
            return
        }
        var cal = ProjectFile.Calendar(uid: uid, name: "")
        var oldExceptions: [CalendarException] = []
        var newExceptions: [CalendarException] = []
        var workWeekExceptions: [CalendarException] = []
        for c in e.children {
            let v = c.value
            switch c.name {
            case "UID", "IsBaseCalendar": break
            case "Name": cal.name = String(v)
            case "BaseCalendarUID": cal.baseUID = v.isEmpty || v == "-1" ? nil : String(v)
            case "WeekDays":
                for d in c.children where d.name == "WeekDay" {
                    let dayType = d.text("DayType")
                    if dayType == "0" {
                        if let x = oldFormException(d, owner) { oldExceptions.append(x) }
                    } else if case let (day, ranges)? = weekDay(d, owner) {
                        cal.week[day] = ranges
                    }
                }
            case "Exceptions":
                for x in c.children where x.name == "Exception" { newExceptions += exception(x, owner) }
            case "WorkWeeks":
                for w in c.children where w.name == "WorkWeek" { workWeekExceptions += workWeek(w, owner) }
            default:
                if !c.children.isEmpty {
                    unmodelled("calendar \(c.name)")
                } else if MSPDIValues.hasContent(v) && !Self.bookkeeping.contains(c.name) {
                    unmodelledField("calendar", c.name)
                }
            }
        }
        // Work weeks first: an exception on the same day wins over a work week (later exceptions win).
        cal.exceptions = workWeekExceptions + (newExceptions.isEmpty ? oldExceptions : newExceptions)
        calendarUIDs.insert(uid)
        file.calendars.append(cal)
    }

    /// `DayType` 1–7 is Sunday–Saturday (MSPDI's numbering).
    static func weekday(dayType: Substring?) -> Weekday? {
        switch dayType {
        case "1": .sunday
        case "2": .monday
        case "3": .tuesday
        case "4": .wednesday
        case "5": .thursday
        case "6": .friday
        case "7": .saturday
        default: nil
        }
    }

    /// A weekday of the week pattern: `DayWorking` 0 is a day off; otherwise its `WorkingTimes`.
    private mutating func weekDay(_ d: MSPDIElement, _ owner: String) -> (Weekday, [TimeRange])? {
        guard let day = Self.weekday(dayType: d.text("DayType")) else {
            notice("\(owner) / WeekDay", d.line, "DayType '\(d.text("DayType") ?? "")' is not 0–7; day skipped")
            return nil
        }
        return (day, workingTimes(d, "\(owner) / WeekDay \(day.rawValue)"))
    }

    /// The working times of a day, exception or week day: none when `DayWorking` is 0; MS Project's standard
    /// day (08:00–12:00, 13:00–17:00) when it is working but lists no times. `ToTime` 00:00 is the end of the
    /// day (a span to midnight, 24:00). Ranges are sorted; overlapping ones are merged with a notice.
    private mutating func workingTimes(_ d: MSPDIElement, _ owner: String) -> [TimeRange] {
        let working = d.text("DayWorking").flatMap(MSPDIValues.bool) ?? true
        guard working else { return [] }
        var ranges: [TimeRange] = []
        for w in d.child("WorkingTimes")?.children ?? [] where w.name == "WorkingTime" {
            guard let fromText = w.text("FromTime"), let toText = w.text("ToTime") else { continue }
            guard let from = MSPDIValues.timeOfDay(fromText), var to = MSPDIValues.timeOfDay(toText) else {
                notice("\(owner) / WorkingTime", w.line, "'\(fromText)'–'\(toText)' is not a time range; skipped")
                continue
            }
            if to == 0 { to = 1440 }
            guard from < to else {
                notice("\(owner) / WorkingTime", w.line, "\(fromText)–\(toText) ends before it starts; skipped")
                continue
            }
            ranges.append(TimeRange(start: from, end: to))
        }
        if ranges.isEmpty {
            return d.child("WorkingTimes") == nil ? WeekPattern.standard.monday : []
        }
        ranges.sort { $0.start < $1.start }
        var merged: [TimeRange] = []
        for r in ranges {
            if let last = merged.last, r.start < last.end {
                notice(owner, d.line, "working times \(last) and \(r) overlap; merged")
                merged[merged.count - 1].end = max(last.end, r.end)
            } else {
                merged.append(r)
            }
        }
        return merged
    }

    /// The dates of a `TimePeriod` (`FromDate`, `ToDate`: date-times, the time ignored).
    private mutating func period(_ d: MSPDIElement, _ owner: String) -> (CalendarDate, CalendarDate)? {
        guard let tp = d.child("TimePeriod"), let fromEl = tp.child("FromDate"), let toEl = tp.child("ToDate") else {
            notice(owner, d.line, "no TimePeriod with FromDate and ToDate; skipped")
            return nil
        }
        // Only the day counts: the time is 00:00 on FromDate and 23:59 or 23:59:59 on ToDate (rounding that to the
        // minute would move the period into the next day).
        func day(_ e: MSPDIElement) -> CalendarDate? {
            let v = e.value
            guard let d = MSPDIValues.dateTime(v.prefix(10)) else {
                notice("\(owner) / \(e.name)", e.line, "'\(v.prefix(40))' is not a date; skipped")
                return nil
            }
            guard MSPDIValues.plausibleYears.contains(d.date.year) else {
                notice("\(owner) / \(e.name)", e.line, "\(d.date) is outside the years 1900–2200; skipped")
                return nil
            }
            return d.date
        }
        guard let from = day(fromEl), let to = day(toEl) else { return nil }
        guard from <= to else {
            notice(owner, d.line, "the period ends (\(to)) before it starts (\(from)); skipped")
            return nil
        }
        return (from, to)
    }

    /// A pre-2007 exception: a `WeekDay` with `DayType` 0 over its `TimePeriod`.
    private mutating func oldFormException(_ d: MSPDIElement, _ owner: String) -> CalendarException? {
        let where_ = "\(owner) / WeekDay (exception)"
        guard case let (from, to)? = period(d, where_) else { return nil }
        return CalendarException(name: "", from: from, to: to, working: workingTimes(d, where_))
    }

    /// A 2007+ `Exception`, its recurrence expanded to dated exceptions. `Type` (MSPDI, as MPXJ reads it):
    /// 1 and 7 daily (every `Period` days), 2 yearly on a date (`Month` 0–11, `MonthDay`), 3 yearly on the
    /// n-th weekday (`MonthPosition` 0–3 first–fourth, 4 last; `MonthItem` 3–9 Sunday–Saturday), 4 monthly on a
    /// day, 5 monthly on the n-th weekday (every `Period` months), 6 weekly on `DaysOfWeek` (bit 1 Sunday … 64
    /// Saturday, every `Period` weeks). An exception without a type, or daily every day, is the plain date range.
    /// Occurrences end at `ToDate` or after `Occurrences`, whichever comes first.
    private mutating func exception(_ x: MSPDIElement, _ owner: String) -> [CalendarException] {
        let name = x.text("Name").map(String.init) ?? ""
        let where_ = "\(owner) / Exception\(name.isEmpty ? "" : " '\(name)'")"
        guard case let (from, to)? = period(x, where_) else { return [] }
        let working = workingTimes(x, where_)
        let type = x.text("Type").flatMap(MSPDIValues.int) ?? 0
        let periodN = max(x.text("Period").flatMap(MSPDIValues.int) ?? 1, 1)
        let occurrences = x.text("Occurrences").flatMap(MSPDIValues.int).flatMap { $0 > 0 ? $0 : nil }
        if type == 0 || ((type == 1 || type == 7) && periodN == 1) {
            return [CalendarException(name: name, from: from, to: to, working: working)]
        }
        let monthDay = x.text("MonthDay").flatMap(MSPDIValues.int)
        let month = x.text("Month").flatMap(MSPDIValues.int).map { $0 + 1 }
        let position = x.text("MonthPosition").flatMap(MSPDIValues.int)
        let item = x.text("MonthItem").flatMap(MSPDIValues.int)
        let relativeWeekday: Weekday? = item.flatMap { (3...9).contains($0) ? Self.weekday(dayType: Substring(String($0 - 2))) : nil }

        var dates: [CalendarDate] = []
        let limit = min(occurrences ?? Self.maxExpandedDays, Self.maxExpandedDays)
        func add(_ d: CalendarDate) -> Bool {
            guard d >= from else { return true }
            guard d <= to, dates.count < limit else { return false }
            dates.append(d)
            return true
        }
        switch type {
        case 1, 7:
            var d = from
            while add(d) { d = d.adding(days: periodN) }
        case 6:
            let mask = x.text("DaysOfWeek").flatMap(MSPDIValues.int) ?? 0
            guard mask & 0x7F != 0 else {
                notice(where_, x.line, "weekly recurrence on no day (DaysOfWeek \(mask)); skipped")
                return []
            }
            // Weeks start on Sunday; every Period-th week from the week holding FromDate.
            let sundayOffset = from.weekday == .sunday ? 0 : Weekday.allCases.firstIndex(of: from.weekday).map { $0 + 1 } ?? 0
            let weekStart = from.adding(days: -sundayOffset)
            var day = 0
            scan: while true {
                let d = weekStart.adding(days: day)
                if (day / 7) % periodN == 0 {
                    let bit = 1 << (d.weekday == .sunday ? 0 : (Weekday.allCases.firstIndex(of: d.weekday) ?? 0) + 1)
                    if mask & bit != 0, !add(d) { break scan }
                }
                if d > to { break }
                day += 1
            }
        case 2, 3, 4, 5:
            let yearly = type == 2 || type == 3
            let relative = type == 3 || type == 5
            if relative && (relativeWeekday == nil || position.map({ !(0...4).contains($0) }) ?? true) {
                notice(where_, x.line, "recurrence on the n-th weekday with MonthPosition '\(position.map(String.init) ?? "")' and MonthItem '\(item.map(String.init) ?? "")' that Gantry cannot read; skipped")
                return []
            }
            if !relative && monthDay.map({ !(1...31).contains($0) }) ?? true {
                notice(where_, x.line, "recurrence without a valid MonthDay; skipped")
                return []
            }
            if yearly && month.map({ !(1...12).contains($0) }) ?? true {
                notice(where_, x.line, "yearly recurrence without a valid Month (0–11); skipped")
                return []
            }
            let step = yearly ? 12 : periodN
            var (y, m) = (from.year, yearly ? (month ?? 1) : from.month)
            if yearly && m < from.month { y += 1 }
            while y <= to.year + 1 && y <= 9998 {
                let d: CalendarDate?
                if relative, let wd = relativeWeekday, let pos = position {
                    d = Self.nthWeekday(wd, position: pos, year: y, month: m)
                } else {
                    let day = min(monthDay ?? 1, CalendarDate.daysIn(month: m, year: y))
                    d = CalendarDate(year: y, month: m, day: day)
                }
                if let d, !add(d) { break }
                m += step
                while m > 12 { m -= 12; y += 1 }
            }
        default:
            notice(where_, x.line, "unknown recurrence type \(type); read as the plain date range")
            return [CalendarException(name: name, from: from, to: to, working: working)]
        }
        if dates.count >= Self.maxExpandedDays {
            notice(where_, x.line, "the recurrence expands to more than \(Self.maxExpandedDays) days; the rest is dropped")
        }
        return dates.map { CalendarException(name: name, from: $0, to: $0, working: working) }
    }

    /// The `position`-th (0 first … 3 fourth, 4 last) `weekday` of a month.
    static func nthWeekday(_ weekday: Weekday, position: Int, year: Int, month: Int) -> CalendarDate? {
        guard let first = CalendarDate(year: year, month: month, day: 1) else { return nil }
        let days = CalendarDate.daysIn(month: month, year: year)
        let matching = (0..<days).map { first.adding(days: $0) }.filter { $0.weekday == weekday }
        if position >= 4 { return matching.last }
        return matching.indices.contains(position) ? matching[position] : nil
    }

    /// A 2007+ `WorkWeek`: a different week pattern between two dates, expanded to exceptions over its range
    /// (runs of consecutive days with the same times become one exception). Days the work week does not list keep
    /// the calendar's own week. The range is bounded to `maxExpandedDays`.
    private mutating func workWeek(_ w: MSPDIElement, _ owner: String) -> [CalendarException] {
        let name = w.text("Name").map(String.init) ?? ""
        let where_ = "\(owner) / WorkWeek\(name.isEmpty ? "" : " '\(name)'")"
        guard case let (from, rawTo)? = period(w, where_) else { return [] }
        var days: [Weekday: [TimeRange]] = [:]
        for d in w.child("WeekDays")?.children ?? [] where d.name == "WeekDay" {
            if case let (day, ranges)? = weekDay(d, where_) { days[day] = ranges }
        }
        var to = rawTo
        if to.daysSinceEpoch - from.daysSinceEpoch >= Self.maxExpandedDays {
            to = from.adding(days: Self.maxExpandedDays - 1)
            notice(where_, w.line, "the work week runs to \(rawTo); read up to \(to) only")
        }
        var result: [CalendarException] = []
        var d = from
        while d <= to {
            if let ranges = days[d.weekday] {
                if var last = result.last, last.to.adding(days: 1) == d, last.working == ranges {
                    last.to = d
                    result[result.count - 1] = last
                } else {
                    result.append(CalendarException(name: name, from: d, to: d, working: ranges))
                }
            }
            d = d.adding(days: 1)
        }
        return result
    }
}
