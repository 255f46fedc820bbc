public import GantryModel

/// A working-time calendar compiled for arithmetic: the scheduling engine's only view of time.
///
/// Time model. Instants are `WallMinute`s (local wall time, no zone). Working time is counted from a fixed
/// origin, 1970-01-01T00:00: `working(at: t)` is the number of working minutes in the half-open span
/// `[origin, t)`, negative before the origin. It never decreases, so a duration of `d` working minutes started
/// at working count `w` finishes at working count `w + d`, and the engine can do all its arithmetic on those
/// counts, converting to instants only at the edges:
/// - `startInstant(ofWorking: w)`: the instant the `w`-th working minute begins (Tuesday 08:00);
/// - `finishInstant(ofWorking: w)`: the instant the `(w − 1)`-th working minute ends (Monday 17:00).
/// Both denote the same working time; the first is how a start is shown, the second how a finish is.
///
/// Exceptions (holidays, part days, extra working days, yearly ones) apply within the compiled horizon
/// `[from, through]`; outside it the weekly pattern alone applies, and the arithmetic works for every instant.
/// When exceptions overlap, the later one in the list wins.
///
/// Cost: `working(at:)` is O(1) plus the day's few intervals; the inverse lookups are O(1) outside the horizon
/// and O(1) inside it on ordinary calendars (a bucket index, then a binary search over the few days of one
/// bucket; about 10 ns per lookup in a release build). Memory is about 16 bytes per horizon day.
public struct CompiledCalendar: Hashable, Sendable {
    /// Interval bounds of every distinct day shape, as `start, end` pairs in minutes after midnight.
    private let bounds: [Int32]
    /// Shape `k`'s pairs are `bounds[shapeStart[k] ..< shapeStart[k + 1]]`.
    private let shapeStart: [Int32]
    /// Working minutes of each shape.
    private let shapeMinutes: [Int64]
    /// The shape of each weekday, Monday first.
    private let weekShape: [Int32]
    /// Working minutes in the first `r` days of a week that starts on a Thursday (1970-01-01), `r` in 0...7.
    private let weekPrefix: [Int64]
    /// Working minutes in a week.
    public let minutesPerWeek: Int64
    /// First day of the horizon (days since 1970-01-01).
    private let horizonStart: Int64
    /// Shape of each horizon day.
    private let dayShape: [Int32]
    /// `cumulative[i]`: working minutes in the first `i` horizon days; `dayShape.count + 1` entries.
    private let cumulative: [Int64]
    /// An index from working minutes to horizon days: `bucketDay[b]` is the horizon day holding working minute
    /// `b << bucketShift` of the horizon (or the day count when there is none), so a lookup searches only the
    /// days between two neighbouring entries, usually one or two. Buckets are about a calendar day's worth of work.
    private let bucketDay: [Int32]
    private let bucketShift: Int64
    /// Working count at the start of the horizon, and the shift the horizon's exceptions add after it.
    private let horizonBase: Int64
    private let afterHorizonShift: Int64

    /// The nominal length of a working day in minutes, for showing durations and floats in days: 480 on the
    /// standard calendar, 1440 on the 24-hour one. By default the average working day of the week.
    public let minutesPerDay: Int64
    /// The calendar's name, for diagnostics.
    public let name: String

    /// Compiles a weekly pattern with its exceptions over the horizon `from...through`.
    ///
    /// - Throws: a `CalendarProblem` when a range is invalid or out of order, an exception ends before it
    ///   starts, the horizon is reversed, or the week has no working time (the arithmetic would have no answer).
    public init(week: WeekPattern, exceptions: [CalendarException] = [], from: CalendarDate, through: CalendarDate,
                name: String = "calendar", minutesPerDay: Int64? = nil) throws(CalendarProblem) {
        guard from <= through else {
            throw CalendarProblem(.horizonOrder, calendar: name, "the horizon ends (\(through)) before it starts (\(from))")
        }
        try self.init(week: week, exceptions: exceptions, horizon: (Int64(from.daysSinceEpoch), Int64(through.daysSinceEpoch) + 1),
                      name: name, minutesPerDay: minutesPerDay)
    }

    /// Compiles a weekly pattern with no exceptions: every week is the same.
    public init(week: WeekPattern, name: String = "calendar", minutesPerDay: Int64? = nil) throws(CalendarProblem) {
        try self.init(week: week, exceptions: [], horizon: (0, 0), name: name, minutesPerDay: minutesPerDay)
    }

    /// Compiles a stored calendar over the horizon `from...through`; problems name the calendar.
    public init(_ calendar: WorkCalendar, from: CalendarDate, through: CalendarDate,
                minutesPerDay: Int64? = nil) throws(CalendarProblem) {
        try self.init(week: calendar.week, exceptions: calendar.exceptions, from: from, through: through,
                      name: calendar.name, minutesPerDay: minutesPerDay)
    }

    /// A stored calendar compiled over `from...through`, or without one the standard calendar (Monday to Friday,
    /// 8 h a day): what an activity or a project with no calendar of its own works.
    public static func stored(_ calendar: WorkCalendar?, from: CalendarDate, through: CalendarDate) throws(CalendarProblem) -> CompiledCalendar {
        guard let calendar else { return try CompiledCalendar(week: .standard, name: "standard", minutesPerDay: 480) }
        return try CompiledCalendar(calendar, from: from, through: through)
    }

    /// Every minute of every day is working time: `working(at: t) == t`. Also the calendar of elapsed
    /// durations, which ignore working time.
    public static func twentyFourHour() -> CompiledCalendar { allDay }

    private static let allDay: CompiledCalendar = {
        do { return try CompiledCalendar(week: .allDay, name: "24 hours") } catch {
            fatalError("the 24-hour pattern is valid: \(error)")
        }
    }()

    private init(week: WeekPattern, exceptions: [CalendarException], horizon: (start: Int64, end: Int64),
                 name: String, minutesPerDay: Int64?) throws(CalendarProblem) {
        self.name = name
        var shapes = ShapeTable()
        var weekShape: [Int32] = []
        for day in Weekday.allCases {
            weekShape.append(try shapes.id(for: week[day], calendar: name, at: day.rawValue))
        }
        let dayMinutes = weekShape.map { shapes.minutes[Int($0)] }
        let weekTotal = dayMinutes.reduce(0, +)
        guard weekTotal > 0 else {
            throw CalendarProblem(.noWorkingTime, calendar: name,
                                  "the weekly pattern has no working time; give at least one weekday working hours")
        }

        // Days of the horizon: the weekly shape, then each exception in order (later ones win).
        let count = Int(horizon.end - horizon.start)
        var dayShape = [Int32](repeating: 0, count: count)
        for i in 0..<count { dayShape[i] = weekShape[Self.weekdayIndex(ofDay: horizon.start + Int64(i))] }
        for (index, exception) in exceptions.enumerated() {
            let label = "exception \(index + 1) '\(exception.name)'"
            guard exception.from <= exception.to else {
                throw CalendarProblem(.exceptionOrder, calendar: name,
                                      "\(label) ends (\(exception.to)) before it starts (\(exception.from))")
            }
            let shape = try shapes.id(for: exception.working, calendar: name, at: label)
            guard count > 0 else { continue }
            for (first, last) in Self.occurrences(of: exception, within: horizon) {
                let lo = max(first, horizon.start), hi = min(last, horizon.end - 1)
                guard lo <= hi else { continue }
                for d in lo...hi { dayShape[Int(d - horizon.start)] = shape }
            }
        }

        var cumulative = [Int64](repeating: 0, count: count + 1)
        for i in 0..<count { cumulative[i + 1] = cumulative[i] + shapes.minutes[Int(dayShape[i])] }

        // The bucket index: buckets of 2^k working minutes, 2^k at most the horizon's average working minutes per
        // day, so there are at most about twice as many buckets as days.
        let average = count > 0 ? cumulative[count] / Int64(count) : weekTotal / 7
        var shift: Int64 = 0
        while (Int64(2) << shift) <= max(1, average) && shift < 20 { shift += 1 }
        let buckets = Int(cumulative[count] >> shift) + 2
        var bucketDay = [Int32](repeating: 0, count: buckets)
        var day = 0
        for b in 0..<buckets {
            let x = Int64(b) << shift
            while day < count && cumulative[day + 1] <= x { day += 1 }
            bucketDay[b] = Int32(day)
        }
        self.bucketDay = bucketDay
        self.bucketShift = shift

        var prefix: [Int64] = [0]
        for r in 0..<7 { prefix.append(prefix[r] + dayMinutes[Self.weekdayIndex(ofDay: Int64(r))]) }

        self.bounds = shapes.bounds
        self.shapeStart = shapes.starts
        self.shapeMinutes = shapes.minutes
        self.weekShape = weekShape
        self.weekPrefix = prefix
        self.minutesPerWeek = weekTotal
        self.horizonStart = horizon.start
        self.dayShape = dayShape
        self.cumulative = cumulative
        let base = Self.periodic(day: horizon.start, prefix: prefix, week: weekTotal)
        self.horizonBase = base
        self.afterHorizonShift = base + cumulative[count] - Self.periodic(day: horizon.end, prefix: prefix, week: weekTotal)
        let workingDays = Int64(dayMinutes.filter { $0 > 0 }.count)
        self.minutesPerDay = minutesPerDay ?? (weekTotal + workingDays / 2) / workingDays
    }

    // MARK: Days

    /// The working times on a date (empty on a non-working day).
    public func workingTimes(on date: CalendarDate) -> [TimeRange] {
        let k = Int(shape(ofDay: Int64(date.daysSinceEpoch)))
        return stride(from: Int(shapeStart[k]), to: Int(shapeStart[k + 1]), by: 2).map {
            TimeRange(start: Int(bounds[$0]), end: Int(bounds[$0 + 1]))
        }
    }

    /// Whether a date has any working time.
    public func isWorkingDay(_ date: CalendarDate) -> Bool {
        shapeMinutes[Int(shape(ofDay: Int64(date.daysSinceEpoch)))] > 0
    }

    /// Working minutes on a date.
    public func workingMinutes(on date: CalendarDate) -> Int64 {
        shapeMinutes[Int(shape(ofDay: Int64(date.daysSinceEpoch)))]
    }

    // MARK: Instants and working counts

    /// Working minutes in `[1970-01-01T00:00, t)` (negative for instants before it). Never decreases as `t`
    /// grows, and grows by one per working minute. O(1).
    public func working(at t: WallMinute) -> Int64 {
        let d = WallTime.day(of: t)
        return workingBefore(day: d) + within(shape: shape(ofDay: d), minute: t - d * WallTime.minutesPerDay)
    }

    /// Whether the minute starting at `t` is working time.
    public func isWorking(at t: WallMinute) -> Bool {
        working(at: t + 1) > working(at: t)
    }

    /// The instant the working minute numbered `w` begins: the first `t` with `working(at: t) == w` that lies in
    /// working time. How a start is shown (Tuesday 08:00, not Monday 17:00).
    public func startInstant(ofWorking w: Int64) -> WallMinute {
        let d = day(containingWorkingMinute: w)
        let offset = w - workingBefore(day: d)
        return d * WallTime.minutesPerDay + instantWithin(shape: shape(ofDay: d), offset: offset)
    }

    /// The first instant `t` with `working(at: t) == w`: the end of working minute `w − 1`. How a finish is
    /// shown (Monday 17:00, not Tuesday 08:00). Never after `startInstant(ofWorking: w)`.
    public func finishInstant(ofWorking w: Int64) -> WallMinute {
        startInstant(ofWorking: w - 1) + 1
    }

    /// The first instant in working time at or after `t` (`t` itself when it is working).
    public func nextWorkingInstant(onOrAfter t: WallMinute) -> WallMinute {
        startInstant(ofWorking: working(at: t))
    }

    /// The last instant at or before `t` that ends working time (`t` itself when the minute before it is
    /// working): where a finish that may not be later than `t` is shown.
    public func previousWorkingEnd(onOrBefore t: WallMinute) -> WallMinute {
        finishInstant(ofWorking: working(at: t))
    }

    /// The finish of `minutes` working minutes started at `t`: work begins at the next working instant and the
    /// finish is shown at the end of the last working minute (Monday 17:00). Zero minutes finish at `t`; a
    /// negative amount gives the start of that much working time ending at `t`.
    public func add(working minutes: Int64, to t: WallMinute) -> WallMinute {
        if minutes == 0 { return t }
        let w = working(at: t) + minutes
        return minutes > 0 ? finishInstant(ofWorking: w) : startInstant(ofWorking: w)
    }

    /// Working minutes in `[a, b)` (negative when `b` is before `a`).
    public func workingMinutes(from a: WallMinute, to b: WallMinute) -> Int64 {
        working(at: b) - working(at: a)
    }

    // MARK: Internals

    /// Monday-first index of a day's weekday (day 0, 1970-01-01, was a Thursday).
    private static func weekdayIndex(ofDay d: Int64) -> Int {
        Int(((d % 7) + 7 + 3) % 7)
    }

    private static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        a >= 0 ? a / b : -((-a - 1) / b) - 1
    }

    /// Working minutes before day `d` on the weekly pattern alone.
    private static func periodic(day d: Int64, prefix: [Int64], week: Int64) -> Int64 {
        let q = floorDiv(d, 7)
        return q * week + prefix[Int(d - 7 * q)]
    }

    /// The day on which the weekly pattern alone has working minute `w`.
    private func periodicDay(containing w: Int64) -> Int64 {
        let q = Self.floorDiv(w, minutesPerWeek)
        let rest = w - q * minutesPerWeek
        var r = 0
        while weekPrefix[r + 1] <= rest { r += 1 }
        return 7 * q + Int64(r)
    }

    private func shape(ofDay d: Int64) -> Int32 {
        let i = d - horizonStart
        if i >= 0 && i < Int64(dayShape.count) { return dayShape[Int(i)] }
        return weekShape[Self.weekdayIndex(ofDay: d)]
    }

    /// Working minutes in `[origin, start of day d)`.
    private func workingBefore(day d: Int64) -> Int64 {
        let i = d - horizonStart
        if i <= 0 { return Self.periodic(day: d, prefix: weekPrefix, week: minutesPerWeek) }
        if i <= Int64(dayShape.count) { return horizonBase + cumulative[Int(i)] }
        return Self.periodic(day: d, prefix: weekPrefix, week: minutesPerWeek) + afterHorizonShift
    }

    /// The day whose working time contains working minute `w`.
    private func day(containingWorkingMinute w: Int64) -> Int64 {
        if w < horizonBase { return periodicDay(containing: w) }
        let x = w - horizonBase
        let n = dayShape.count
        if x >= cumulative[n] { return periodicDay(containing: w - afterHorizonShift) }
        // The first j with cumulative[j] > x; the day is j − 1. The bucket bounds the days to search.
        let b = Int(x >> bucketShift)
        var lo = Int(bucketDay[b]) + 1, hi = min(n, Int(bucketDay[b + 1]) + 1)
        cumulative.withUnsafeBufferPointer { c in
            while lo < hi {
                let mid = (lo + hi) >> 1
                if c[mid] > x { hi = mid } else { lo = mid + 1 }
            }
        }
        return horizonStart + Int64(lo - 1)
    }

    /// Working minutes of a day shape before minute of day `m`.
    private func within(shape k: Int32, minute m: Int64) -> Int64 {
        var sum: Int64 = 0
        var i = Int(shapeStart[Int(k)])
        let end = Int(shapeStart[Int(k) + 1])
        while i < end {
            let s = Int64(bounds[i]), e = Int64(bounds[i + 1])
            if m >= e { sum += e - s } else { if m > s { sum += m - s }; break }
            i += 2
        }
        return sum
    }

    /// The minute of day at which working minute `offset` of a day shape begins (`offset` < the shape's minutes).
    private func instantWithin(shape k: Int32, offset: Int64) -> Int64 {
        var rest = offset
        var i = Int(shapeStart[Int(k)])
        let end = Int(shapeStart[Int(k) + 1])
        while i < end {
            let s = Int64(bounds[i]), e = Int64(bounds[i + 1])
            if rest < e - s { return s + rest }
            rest -= e - s
            i += 2
        }
        return Int64(bounds[end - 1])  // not reached: the day was chosen because it holds the minute
    }

    /// The day runs `(first, last)` (days since 1970-01-01, inclusive) on which an exception falls and that may
    /// touch the horizon.
    private static func occurrences(of e: CalendarException, within horizon: (start: Int64, end: Int64)) -> [(Int64, Int64)] {
        let first = Int64(e.from.daysSinceEpoch), last = Int64(e.to.daysSinceEpoch)
        guard e.recurrence == .yearly else { return [(first, last)] }
        let horizonFirstYear = CalendarDate(daysSinceEpoch: Int(horizon.start)).year
        let horizonLastYear = CalendarDate(daysSinceEpoch: Int(horizon.end - 1)).year
        let span = e.to.year - e.from.year
        var runs: [(Int64, Int64)] = []
        var year = max(e.from.year, horizonFirstYear - span - 1)
        while year <= horizonLastYear {
            let shift = year - e.from.year
            if let a = shifted(e.from, years: shift), let b = shifted(e.to, years: shift) {
                runs.append((Int64(a.daysSinceEpoch), Int64(b.daysSinceEpoch)))
            }
            year += 1
        }
        return runs
    }

    /// The same month and day `years` later; Feb 29 becomes Feb 28 in a common year.
    private static func shifted(_ date: CalendarDate, years: Int) -> CalendarDate? {
        let y = date.year + years
        return CalendarDate(year: y, month: date.month, day: date.day) ?? CalendarDate(year: y, month: date.month, day: date.day - 1)
    }
}

/// Distinct day shapes (lists of working intervals), shared by every day that has the same working times.
private struct ShapeTable {
    var bounds: [Int32] = []
    var starts: [Int32] = [0]
    var minutes: [Int64] = []
    var ids: [[TimeRange]: Int32] = [:]

    /// The id of a day's working times, after checking them; `at` names the day or exception for a problem.
    mutating func id(for ranges: [TimeRange], calendar: String, at place: String) throws(CalendarProblem) -> Int32 {
        if let id = ids[ranges] { return id }
        for r in ranges where !(0 <= r.start && r.start < r.end && r.end <= 1440) {
            throw CalendarProblem(.invalidRange, calendar: calendar,
                                  "\(place): the range \(r.start)–\(r.end) minutes is not a non-empty span within 00:00–24:00")
        }
        for (a, b) in zip(ranges, ranges.dropFirst()) where b.start < a.end {
            throw CalendarProblem(.overlappingRanges, calendar: calendar, "\(place): \(b) overlaps or comes before \(a)")
        }
        let id = Int32(minutes.count)
        for r in ranges { bounds.append(Int32(r.start)); bounds.append(Int32(r.end)) }
        starts.append(Int32(bounds.count))
        minutes.append(ranges.reduce(0) { $0 + Int64($1.minutes) })
        ids[ranges] = id
        return id
    }
}
