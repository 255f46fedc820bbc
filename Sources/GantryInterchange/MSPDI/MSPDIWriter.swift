public import Foundation
import GantryModel

/// Writes a `ProjectFile` as MS Project XML (MSPDI, namespace `http://schemas.microsoft.com/project`): what MS
/// Project opens with File > Open and MPXJ reads back.
///
/// MS Project validates the file against its schema, which is a sequence: every element is written in the order of
/// Microsoft's `mspdi_pj14`/`pj15` XSD (Project, Calendar, WeekDay, Exception, Task, PredecessorLink, Baseline,
/// Resource, Assignment), and an element the model has no value for is left out rather than written empty.
///
/// Units follow the schema: durations and work are ISO 8601 (`PT8H0M0S`, hours may exceed 24); slack and link lag
/// are integers in tenths of a minute, a percentage lag the whole percent (`LagFormat` 19/20); units and
/// `MaxUnits` are fractions (1 is 100 %); rates are per hour (`StandardRateFormat` 2); costs are in hundredths.
///
/// UIDs in MSPDI are integers. A `ProjectFile` read from another format may have others (XER keys are numbers, but
/// anything can come in), so each kind is numbered once: a UID that is a non-negative 32-bit integer and not yet
/// taken keeps its number; the others get the next numbers above the largest kept, in file order. Every reference
/// (link, calendar, assignment) goes through the same numbering; a reference to something the file does not hold
/// is left out (a link to a missing task, a calendar UID no calendar has), except a cross-project link, which
/// keeps its `CrossProjectName`.
///
/// Deterministic: the same `ProjectFile` gives the same bytes (weekdays, baselines and dictionaries are written in
/// a fixed order). What the model does not hold (timephased data, splits, extended attributes) is not written.
public enum MSPDIWriter {
    /// The MS Project XML document for `file`, UTF-8.
    public static func write(_ file: ProjectFile) -> Data {
        var writer = Writer(file: file)
        return Data(writer.document().utf8)
    }

    // MARK: Values as MSPDI writes them

    /// `2014-10-17T08:00:00` (MSPDI dates are local wall time with seconds and no zone). Clamped to years
    /// 1…9999 so an absurd value still gives a valid `xsd:dateTime`.
    static func dateTime(_ t: LocalDateTime) -> String {
        let first = Int64(CalendarDate(year: 1, month: 1, day: 1).map(\.daysSinceEpoch) ?? -719_162) * 1440
        let last = Int64(CalendarDate(year: 9999, month: 12, day: 31).map(\.daysSinceEpoch) ?? 2_932_896) * 1440 + 1439
        let clamped = LocalDateTime(minutesSinceEpoch: min(max(t.minutesSinceEpoch, first), last))
        return clamped.formatted() + ":00"
    }

    /// `08:00:00`; the end of the day (1440) is `00:00:00`, as MS Project writes a working time that ends at
    /// midnight.
    static func time(_ minuteOfDay: Int) -> String {
        let m = ((minuteOfDay % 1440) + 1440) % 1440
        let h = m / 60, mm = m % 60
        return (h < 10 ? "0" : "") + String(h) + ":" + (mm < 10 ? "0" : "") + String(mm) + ":00"
    }

    /// An ISO 8601 duration in hours, minutes and seconds (`PT8H0M0S`, `-PT4H30M0S`), as MSPDI writes every
    /// duration and work value. Seconds keep up to two decimals, as MS Project writes them (`PT2H0M5.07S`);
    /// not-a-number is zero; clamped to ±10¹² minutes.
    static func duration(minutes: Double) -> String {
        let m = minutes.isFinite ? min(max(minutes, -1e12), 1e12) : 0
        let hundredths = Int64((m * 6000).rounded())
        let magnitude = hundredths.magnitude
        let h = magnitude / 360_000, mi = magnitude / 6000 % 60, cs = magnitude % 6000
        var seconds = String(cs / 100)
        if cs % 100 != 0 {
            let fraction = cs % 100
            seconds += fraction % 10 == 0 ? "." + String(fraction / 10) : (fraction < 10 ? ".0" : ".") + String(fraction)
        }
        return (hundredths < 0 ? "-" : "") + "PT\(h)H\(mi)M\(seconds)S"
    }

    /// A value in tenths of a minute (`TotalSlack`, `FreeSlack`, `LinkLag`), clamped to 32 bits as MS Project keeps
    /// them.
    static func tenthsOfMinute(_ minutes: Double) -> String {
        String(clampedInt(minutes * 10, to: Int64(Int32.min)...Int64(Int32.max)))
    }

    /// Rounds to the nearest integer within `range`; not-a-number is 0.
    static func clampedInt(_ value: Double, to range: ClosedRange<Int64>) -> Int64 {
        guard value.isFinite else { return 0 }
        let r = value.rounded()
        if r <= Double(range.lowerBound) { return range.lowerBound }
        if r >= Double(range.upperBound) { return range.upperBound }
        return Int64(r)
    }

    /// A decimal without exponent (`xsd:decimal` and `xsd:float` both accept it), at most six places, trailing
    /// zeros dropped: `1`, `0.5`, `37.5`. Not-a-number is 0.
    static func decimal(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let v = min(max(value, -1e15), 1e15)
        let scaled = Int64((v * 1_000_000).rounded())
        let whole = scaled.magnitude / 1_000_000
        var fraction = scaled.magnitude % 1_000_000
        var text = (scaled < 0 ? "-" : "") + String(whole)
        guard fraction != 0 else { return text }
        var digits = 6
        while fraction % 10 == 0 { fraction /= 10; digits -= 1 }
        let f = String(fraction)
        text += "." + String(repeating: "0", count: digits - f.count) + f
        return text
    }

    static func bool(_ b: Bool) -> String { b ? "1" : "0" }

    /// A cost: MSPDI stores currency amounts in hundredths (`<Cost>100</Cost>` is 1.00; MPXJ reads them so),
    /// while rates are per hour as they are.
    static func cents(_ amount: Double) -> String { decimal(amount * 100) }

    /// The MSPDI duration format code (`DurationFormat`, `LagFormat`): 3 m, 4 em, 5 h, 6 eh, 7 d, 8 ed, 9 w, 10 ew,
    /// 11 mo, 12 emo, 19 %, 20 e%; the estimated ("?") variants are 32 higher (schema `DurationFormat`).
    static func formatCode(_ unit: ProjectFile.Duration.Unit, elapsed: Bool, estimated: Bool = false) -> Int {
        let base: Int
        switch unit {
        case .minutes: base = 3
        case .hours: base = 5
        case .days: base = 7
        case .weeks: base = 9
        case .months: base = 11
        case .percent: base = 19
        }
        return base + (elapsed ? 1 : 0) + (estimated ? 32 : 0)
    }

    /// MSPDI `ConstraintType` (schema): 0 ASAP, 1 ALAP, 2 MSO, 3 MFO, 4 SNET, 5 SNLT, 6 FNET, 7 FNLT.
    static func constraintCode(_ c: SchedulingConstraint) -> Int {
        switch c {
        case .asap: 0
        case .alap: 1
        case .mustStartOn: 2
        case .mustFinishOn: 3
        case .startNoEarlierThan: 4
        case .startNoLaterThan: 5
        case .finishNoEarlierThan: 6
        case .finishNoLaterThan: 7
        }
    }

    /// MSPDI `PredecessorLink/Type` (schema): 0 FF, 1 FS, 2 SF, 3 SS.
    static func linkCode(_ t: DependencyType) -> Int {
        switch t {
        case .finishToFinish: 0
        case .finishToStart: 1
        case .startToFinish: 2
        case .startToStart: 3
        }
    }

    /// MSPDI `WeekDay/DayType` (schema): 1 Sunday … 7 Saturday.
    static func dayType(_ d: Weekday) -> Int {
        switch d {
        case .sunday: 1
        case .monday: 2
        case .tuesday: 3
        case .wednesday: 4
        case .thursday: 5
        case .friday: 6
        case .saturday: 7
        }
    }

    /// MS Project's task type (`Type`: 0 fixed units, 1 fixed duration, 2 fixed work) from what a reader kept in
    /// `Task.type`: the code itself, or its name; `nil` for anything else (a P6 activity type), left out.
    static func taskTypeCode(_ type: String) -> Int? {
        switch type.lowercased().filter({ $0.isLetter || $0.isNumber }) {
        case "0", "fixedunits": 0
        case "1", "fixedduration": 1
        case "2", "fixedwork": 2
        default: nil
        }
    }

    /// The last year MS Project can show (its dates run 1984–2149): a yearly exception recurs up to it.
    static let lastYear = 2149

    /// MSPDI integers for one kind of UID (see the type's documentation): `number[i]` for the i-th item, and the
    /// number of the first item with a given UID.
    struct Numbering {
        var number: [Int] = []
        var byUID: [String: Int] = [:]

        init(_ uids: [String]) {
            var taken = Set<Int>()
            var kept: [Int?] = []
            for uid in uids {
                if let n = Int(uid), n >= 0, n <= Int(Int32.max), !taken.contains(n) {
                    taken.insert(n); kept.append(n)
                } else {
                    kept.append(nil)
                }
            }
            var next = (taken.max() ?? 0) + 1
            for (uid, k) in zip(uids, kept) {
                let n: Int
                if let k { n = k } else { n = next; next += 1 }
                number.append(n)
                if byUID[uid] == nil { byUID[uid] = n }
            }
        }

        subscript(uid: String?) -> Int? { uid.flatMap { byUID[$0] } }
    }

    // MARK: The document

    private struct Writer {
        let file: ProjectFile
        var xml = XMLOutput()
        let calendars: Numbering
        let tasks: Numbering
        let resources: Numbering
        let assignments: Numbering

        init(file: ProjectFile) {
            self.file = file
            calendars = Numbering(file.calendars.map(\.uid))
            tasks = Numbering(file.tasks.map(\.uid))
            resources = Numbering(file.resources.map(\.uid))
            assignments = Numbering(file.assignments.map(\.uid))
        }

        mutating func document() -> String {
            xml.open("Project", ["xmlns": "http://schemas.microsoft.com/project"])
            project()
            xml.open("Calendars")
            for (i, c) in file.calendars.enumerated() { calendar(c, uid: calendars.number[i]) }
            xml.close()
            xml.open("Tasks")
            let (order, levels) = outline()
            let numbers = outlineNumbers(order.map { levels[$0] })
            let linksBySuccessor = Dictionary(grouping: file.links, by: \.successorUID)
            for (row, i) in order.enumerated() {
                let t = file.tasks[i]
                // A duplicate UID's links belong to the first task with that UID (the one references resolve to).
                let links = tasks.byUID[t.uid] == tasks.number[i] ? linksBySuccessor[t.uid] ?? [] : []
                task(t, uid: tasks.number[i], id: t.rowID ?? row + 1, level: levels[i], outlineNumber: numbers[row],
                     links: links)
            }
            xml.close()
            xml.open("Resources")
            for (i, r) in file.resources.enumerated() { resource(r, uid: resources.number[i], id: i + 1) }
            xml.close()
            xml.open("Assignments")
            for (i, a) in file.assignments.enumerated() { assignment(a, uid: assignments.number[i]) }
            xml.close()
            return xml.finish()
        }

        mutating func value(_ name: String, _ v: String?) {
            if let v { xml.element(name, v) }
        }

        mutating func project() {
            // SaveVersion is the one required element: 14 is Project 2010, whose schema this sequence follows.
            xml.element("SaveVersion", "14")
            if !file.name.isEmpty {
                xml.element("Name", String(file.name.prefix(255)))
                xml.element("Title", String(file.name.prefix(512)))
            }
            xml.element("ScheduleFromStart", bool(file.scheduleFromStart))
            value("StartDate", file.start.map(dateTime))
            value("FinishDate", file.finish.map(dateTime))
            // The schema requires CurrencyCode; USD is what MS Project puts in a new project when none is known.
            xml.element("CurrencyCode", String((file.currency ?? "USD").prefix(3)))
            value("CalendarUID", calendars[file.calendarUID].map(String.init))
            xml.element("MinutesPerDay", String(file.minutesPerDay))
            xml.element("MinutesPerWeek", String(file.minutesPerWeek))
            xml.element("DaysPerMonth", String(file.daysPerMonth))
            xml.element("HonorConstraints", bool(file.honorConstraints))
            value("StatusDate", file.statusDate.map(dateTime))
        }

        // MARK: Calendars

        mutating func calendar(_ c: ProjectFile.Calendar, uid: Int) {
            xml.open("Calendar")
            xml.element("UID", String(uid))
            xml.element("Name", String(c.name.prefix(512)))
            let base = calendars[c.baseUID]
            xml.element("IsBaseCalendar", bool(base == nil))
            if let base { xml.element("BaseCalendarUID", String(base)) }
            // A base calendar states all seven days (a day it leaves open is MS Project's standard day, as
            // `resolvedCalendar` reads it); a derived calendar only the days it changes, the rest it inherits.
            let days: [(Weekday, [TimeRange])] = [Weekday.sunday, .monday, .tuesday, .wednesday, .thursday, .friday,
                                                   .saturday].compactMap { d in
                if let ranges = c.week[d] { return (d, ranges) }
                return base == nil ? (d, WeekPattern.standard[d]) : nil
            }
            if !days.isEmpty {
                xml.open("WeekDays")
                for (d, ranges) in days {
                    xml.open("WeekDay")
                    xml.element("DayType", String(dayType(d)))
                    xml.element("DayWorking", bool(!ranges.isEmpty))
                    workingTimes(ranges)
                    xml.close()
                }
                xml.close()
            }
            let exceptions = c.exceptions.flatMap(exceptionEntries)
            if !exceptions.isEmpty {
                xml.open("Exceptions")
                for e in exceptions { exception(e) }
                xml.close()
            }
            xml.close()
        }

        mutating func workingTimes(_ ranges: [TimeRange]) {
            guard !ranges.isEmpty else { return }
            xml.open("WorkingTimes")
            // The schema allows five working times a day.
            for r in ranges.prefix(5) {
                xml.open("WorkingTime")
                xml.element("FromTime", time(r.start))
                xml.element("ToTime", time(r.end))
                xml.close()
            }
            xml.close()
        }

        /// One `Exception` element's content.
        struct ExceptionEntry {
            var name: String
            var from: CalendarDate
            var to: CalendarDate
            var working: [TimeRange]
            /// Yearly on `from`'s month and day, `occurrences` times.
            var yearly: Bool
            var occurrences: Int
        }

        /// A one-off exception is one daily exception over its run of days (schema `Type` 1). A yearly one is MS
        /// Project's "yearly on month/day" (`Type` 2, `Month` 0-based, `MonthDay`), which covers one day: a yearly
        /// run of several days becomes one yearly exception per day, each from its first occurrence up to
        /// MS Project's last year.
        func exceptionEntries(_ e: CalendarException) -> [ExceptionEntry] {
            guard e.recurrence == .yearly else {
                let to = max(e.from, e.to)
                let days = to.daysSinceEpoch - e.from.daysSinceEpoch + 1
                return [ExceptionEntry(name: e.name, from: e.from, to: to, working: e.working, yearly: false,
                                       occurrences: days)]
            }
            let span = min(max(e.to.daysSinceEpoch - e.from.daysSinceEpoch, 0), 365)
            return (0...span).map { k in
                let first = e.from.adding(days: k)
                let years = max(lastYear - first.year + 1, 1)
                let last = CalendarDate(year: first.year + years - 1, month: first.month,
                                        day: min(first.day, CalendarDate.daysIn(month: first.month,
                                                                                 year: first.year + years - 1)))
                return ExceptionEntry(name: e.name, from: first, to: last ?? first, working: e.working, yearly: true,
                                      occurrences: years)
            }
        }

        mutating func exception(_ e: ExceptionEntry) {
            xml.open("Exception")
            xml.element("EnteredByOccurrences", bool(e.yearly))
            xml.open("TimePeriod")
            xml.element("FromDate", dateTime(LocalDateTime(date: e.from)))
            xml.element("ToDate", dateTime(LocalDateTime(date: e.to, minuteOfDay: 1439)))
            xml.close()
            xml.element("Occurrences", String(e.occurrences))
            if !e.name.isEmpty { xml.element("Name", String(e.name.prefix(512))) }
            xml.element("Type", e.yearly ? "2" : "1")
            xml.element("Period", "1")
            if e.yearly {
                xml.element("Month", String(e.from.month - 1))
                xml.element("MonthDay", String(e.from.day))
            }
            xml.element("DayWorking", bool(!e.working.isEmpty))
            workingTimes(e.working)
            xml.close()
        }

        // MARK: Tasks

        /// The order the tasks are written in and each one's outline level. MS Project builds the outline from the
        /// sequence alone (a task sits under the nearest task above it with a lower `OutlineLevel`), so a task with
        /// a `parentUID` is written after its parent and the parent's other children, one level deeper than the
        /// parent, whatever its own `outlineLevel` says; a task without a parent keeps its level. Children keep their
        /// file order; a file already in outline order (every MSPDI file) keeps its order and levels. A parent that
        /// is missing, or a chain that loops back, counts as no parent.
        func outline() -> (order: [Int], levels: [Int]) {
            let all = file.tasks
            var children: [Int: [Int]] = [:]
            var roots: [Int] = []
            var first: [String: Int] = [:]
            for (i, t) in all.enumerated() where first[t.uid] == nil { first[t.uid] = i }
            // A blank (null) row has no place in the outline of its own: it stays in front of the task that follows
            // it, as a sibling of that task.
            var parentUID = all.map(\.parentUID)
            var following: String?? = .none
            for i in all.indices.reversed() {
                if all[i].isNull { parentUID[i] = following ?? all[i].parentUID } else { following = .some(all[i].parentUID) }
            }
            for i in all.indices {
                if let p = parentUID[i], let parent = first[p], parent != i {
                    children[parent, default: []].append(i)
                } else {
                    roots.append(i)
                }
            }
            var order: [Int] = []
            order.reserveCapacity(all.count)
            var levels = all.map { min(max($0.outlineLevel, 0), 100) }
            var placed = Array(repeating: false, count: all.count)
            // Depth first without recursion (outlines can be deep): each entry is a task and its level.
            var stack: [(index: Int, level: Int)] = roots.reversed().map { ($0, levels[$0]) }
            while let (i, level) = stack.popLast() {
                guard !placed[i] else { continue }
                placed[i] = true
                order.append(i)
                levels[i] = level
                for c in (children[i] ?? []).reversed() where !placed[c] { stack.append((c, min(level + 1, 100))) }
            }
            // Tasks only reachable through a loop of parents: in file order, at their own level.
            for i in all.indices where !placed[i] { order.append(i) }
            return (order, levels)
        }

        /// `OutlineNumber` from the outline levels in writing order (1, 1.1, 1.2, 2 …); level 0 (the project
        /// summary task) is `0`.
        func outlineNumbers(_ levels: [Int]) -> [String] {
            var counters: [Int] = []
            return levels.map { level in
                guard level > 0 else { return "0" }
                if counters.count >= level {
                    counters.removeLast(counters.count - level)
                    counters[level - 1] += 1
                } else {
                    while counters.count < level { counters.append(1) }
                }
                return counters.map(String.init).joined(separator: ".")
            }
        }

        mutating func durationElements(_ name: String, _ d: ProjectFile.Duration?) {
            guard let d else { return }
            xml.element(name, duration(minutes: d.minutes))
            if name == "Duration" {
                let unit: ProjectFile.Duration.Unit = d.unit == .percent ? .days : d.unit
                xml.element("DurationFormat", String(formatCode(unit, elapsed: d.elapsed, estimated: d.estimated)))
            }
        }

        mutating func task(_ t: ProjectFile.Task, uid: Int, id: Int, level: Int, outlineNumber: String,
                           links: [ProjectFile.Link]) {
            xml.open("Task")
            xml.element("UID", String(uid))
            xml.element("ID", String(id))
            if !t.name.isEmpty { xml.element("Name", String(t.name.prefix(512))) }
            xml.element("Active", bool(t.active))
            xml.element("Manual", bool(t.manual))
            if let type = taskTypeCode(t.type) { xml.element("Type", String(type)) }
            xml.element("IsNull", bool(t.isNull))
            if !t.wbs.isEmpty { xml.element("WBS", t.wbs) }
            // The outline number is derived (MS Project recomputes it from the levels); written only beside a WBS,
            // so a task that had neither (a blank row) does not gain one.
            if !t.wbs.isEmpty { xml.element("OutlineNumber", outlineNumber) }
            xml.element("OutlineLevel", String(level))
            xml.element("Priority", String(min(max(t.priority, 0), 1000)))
            value("Start", t.start.map(dateTime))
            value("Finish", t.finish.map(dateTime))
            durationElements("Duration", t.duration)
            xml.element("EffortDriven", bool(t.resourceDriven))
            if let d = t.duration { xml.element("Estimated", bool(d.estimated)) }
            xml.element("Milestone", bool(t.milestone))
            xml.element("Summary", bool(t.summary))
            if let critical = t.stored.critical { xml.element("Critical", bool(critical)) }
            xml.element("ExternalTask", bool(t.external))
            value("EarlyStart", t.stored.earlyStart.map(dateTime))
            value("EarlyFinish", t.stored.earlyFinish.map(dateTime))
            value("LateStart", t.stored.lateStart.map(dateTime))
            value("LateFinish", t.stored.lateFinish.map(dateTime))
            value("FreeSlack", t.stored.freeSlack.map { tenthsOfMinute($0.minutes) })
            value("TotalSlack", t.stored.totalSlack.map { tenthsOfMinute($0.minutes) })
            xml.element("PercentComplete", String(clampedInt(t.percentComplete, to: 0...100)))
            value("ActualStart", t.actualStart.map(dateTime))
            value("ActualFinish", t.actualFinish.map(dateTime))
            durationElements("ActualDuration", t.actualDuration)
            durationElements("RemainingDuration", t.remainingDuration)
            xml.element("ConstraintType", String(constraintCode(t.constraint)))
            value("CalendarUID", calendars[t.calendarUID].map(String.init))
            value("ConstraintDate", t.constraintDate.map(dateTime))
            value("Deadline", t.deadline.map(dateTime))
            xml.element("IgnoreResourceCalendar", bool(t.ignoreResourceCalendar))
            if !t.notes.isEmpty { xml.element("Notes", t.notes) }
            for link in links { predecessorLink(link) }
            for b in t.baselines.sorted(by: { $0.number < $1.number }) where (0...10).contains(b.number) {
                xml.open("Baseline")
                xml.element("Number", String(b.number))
                value("Start", b.start.map(dateTime))
                value("Finish", b.finish.map(dateTime))
                durationElements("Duration", b.duration)
                value("Work", b.work.map { duration(minutes: $0) })
                value("Cost", b.cost.map(cents))
                xml.close()
            }
            xml.close()
        }

        mutating func predecessorLink(_ l: ProjectFile.Link) {
            let predecessor = tasks[l.predecessorUID]
            guard predecessor != nil || l.crossProject != nil else { return }
            xml.open("PredecessorLink")
            if let predecessor {
                xml.element("PredecessorUID", String(predecessor))
            } else if let n = Int(l.predecessorUID), n >= 0, n <= Int(Int32.max) {
                xml.element("PredecessorUID", String(n))
            }
            xml.element("Type", String(linkCode(l.type)))
            xml.element("CrossProject", bool(l.crossProject != nil))
            if let name = l.crossProject { xml.element("CrossProjectName", name) }
            // Working and elapsed lags are tenths of a minute with the unit shown; a percentage lag is the whole
            // percent of the predecessor's duration with format 19 (MPXJ's MSPDI reader reads `LinkLag` as the
            // percent when `LagFormat` is 19 or 20).
            let unit: ProjectFile.Duration.Unit = l.lag.unit == .percent ? .days : l.lag.unit
            switch l.lag.amount {
            case .working(let minutes):
                xml.element("LinkLag", tenthsOfMinute(minutes))
                xml.element("LagFormat", String(formatCode(unit, elapsed: false)))
            case .elapsed(let minutes):
                xml.element("LinkLag", tenthsOfMinute(minutes))
                xml.element("LagFormat", String(formatCode(unit, elapsed: true)))
            case .percent(let p):
                xml.element("LinkLag", String(clampedInt(p, to: Int64(Int32.min)...Int64(Int32.max))))
                xml.element("LagFormat", String(formatCode(.percent, elapsed: false)))
            }
            xml.close()
        }

        // MARK: Resources and assignments

        mutating func resource(_ r: ProjectFile.Resource, uid: Int, id: Int) {
            xml.open("Resource")
            xml.element("UID", String(uid))
            xml.element("ID", String(id))
            if !r.name.isEmpty { xml.element("Name", String(r.name.prefix(512))) }
            // Schema `Type`: 0 material, 1 work, 2 cost (with `IsCostResource`).
            xml.element("Type", r.kind == .material ? "0" : r.kind == .work ? "1" : "2")
            xml.element("IsNull", "0")
            if !r.initials.isEmpty { xml.element("Initials", String(r.initials.prefix(512))) }
            if !r.group.isEmpty { xml.element("Group", String(r.group.prefix(512))) }
            if !r.email.isEmpty { xml.element("EmailAddress", String(r.email.prefix(512))) }
            xml.element("MaxUnits", decimal(r.maxUnits / 100))
            xml.element("StandardRate", decimal(r.standardRate))
            xml.element("StandardRateFormat", "2")
            xml.element("OvertimeRate", decimal(r.overtimeRate))
            xml.element("OvertimeRateFormat", "2")
            xml.element("CostPerUse", cents(r.costPerUse))
            value("CalendarUID", calendars[r.calendarUID].map(String.init))
            xml.element("IsGeneric", bool(r.generic))
            xml.element("IsCostResource", bool(r.kind == .cost))
            xml.close()
        }

        mutating func assignment(_ a: ProjectFile.Assignment, uid: Int) {
            guard let task = tasks[a.taskUID] else { return }
            xml.open("Assignment")
            xml.element("UID", String(uid))
            xml.element("TaskUID", String(task))
            // -65535 is MSPDI's "no resource" (an assignment kept for its work alone).
            xml.element("ResourceUID", resources[a.resourceUID].map(String.init) ?? "-65535")
            value("ActualWork", a.actualWork.map { duration(minutes: $0) })
            value("RemainingWork", a.remainingWork.map { duration(minutes: $0) })
            xml.element("Units", decimal(a.units / 100))
            value("Work", a.work.map { duration(minutes: $0) })
            if (1...8).contains(a.workContour) { xml.element("WorkContour", String(a.workContour)) }
            for (number, work) in a.baselineWork.sorted(by: { $0.key < $1.key }) where (0...10).contains(number) {
                xml.open("Baseline")
                xml.element("Number", String(number))
                xml.element("Work", duration(minutes: work))
                xml.close()
            }
            xml.close()
        }
    }
}
