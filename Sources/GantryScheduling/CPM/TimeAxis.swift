/// How the passes do time arithmetic. The network is scheduled on one axis: either the working minutes of a
/// single calendar (every activity on it: time is plain integer arithmetic) or wall minutes with a calendar per
/// activity. Durations and floats are always in working minutes of the activity's own calendar.
protocol TimeAxis {
    /// When an activity that starts at `start` and takes `duration` ends.
    func finish(_ activity: Int, start: Int64, duration: Int64) -> Int64
    /// When an activity that ends at `finish` and takes `duration` must start.
    func start(_ activity: Int, finish: Int64, duration: Int64) -> Int64
    /// The first instant at or after `t` the activity can start working.
    func normalizeStart(_ activity: Int, _ t: Int64) -> Int64
    /// The last instant at or before `t` the activity's working time ends (Friday 17:00 for Monday 08:00).
    func normalizeFinish(_ activity: Int, _ t: Int64) -> Int64
    /// `t` moved forward by a link's lag; `anchor` is the activity whose calendar counts working lags (-1: the
    /// project calendar).
    func after(_ t: Int64, lag: Int64, elapsed: Bool, anchor: Int) -> Int64
    /// `t` moved back by a link's lag.
    func before(_ t: Int64, lag: Int64, elapsed: Bool, anchor: Int) -> Int64
    /// Working minutes of the activity's calendar from `from` to `to` (negative when `to` is earlier).
    func span(_ activity: Int, from: Int64, to: Int64) -> Int64
    /// The same on a link's lag calendar (`after`'s `elapsed` and `anchor`): how much of a lag runs between them.
    func lagSpan(from: Int64, to: Int64, elapsed: Bool, anchor: Int) -> Int64
    /// The wall minute `t` stands for (the start of working time at it), or nil on an axis of plain units.
    func wall(_ t: Int64) -> Int64?
    /// The axis value of wall minute `w` (on an axis of plain units, `w`).
    func fromWall(_ w: Int64) -> Int64
}

extension TimeAxis {
    /// The calendar day `t` falls on (days since the epoch), or nil on an axis of plain units.
    func day(_ t: Int64) -> Int64? { wall(t).map { $0 >= 0 ? $0 / 1440 : ($0 - 1439) / 1440 } }
}

/// The working minutes of one calendar (or plain units when there is none): every operation is an addition,
/// except elapsed lags, which go through wall time.
struct UniformAxis: TimeAxis {
    let calendar: CompiledCalendar?

    @inline(__always) func finish(_ activity: Int, start: Int64, duration: Int64) -> Int64 { start + duration }
    @inline(__always) func start(_ activity: Int, finish: Int64, duration: Int64) -> Int64 { finish - duration }
    @inline(__always) func normalizeStart(_ activity: Int, _ t: Int64) -> Int64 { t }
    @inline(__always) func normalizeFinish(_ activity: Int, _ t: Int64) -> Int64 { t }
    @inline(__always) func after(_ t: Int64, lag: Int64, elapsed: Bool, anchor: Int) -> Int64 {
        guard elapsed, let calendar else { return t + lag }
        return calendar.working(at: calendar.finishInstant(ofWorking: t) + lag)
    }
    @inline(__always) func before(_ t: Int64, lag: Int64, elapsed: Bool, anchor: Int) -> Int64 {
        guard elapsed, let calendar else { return t - lag }
        return calendar.working(at: calendar.startInstant(ofWorking: t) - lag)
    }
    @inline(__always) func span(_ activity: Int, from: Int64, to: Int64) -> Int64 { to - from }
    func wall(_ t: Int64) -> Int64? { calendar.map { $0.startInstant(ofWorking: t) } }
    func fromWall(_ w: Int64) -> Int64 { calendar.map { $0.working(at: w) } ?? w }
    func lagSpan(from: Int64, to: Int64, elapsed: Bool, anchor: Int) -> Int64 {
        guard elapsed, let calendar else { return to - from }
        // As `after` runs a lag: from the end of working time at `from` to the start of it at `to`.
        return calendar.startInstant(ofWorking: to) - calendar.finishInstant(ofWorking: from)
    }
}

/// Wall minutes, each activity on its own calendar; elapsed durations ignore calendars.
struct WallAxis: TimeAxis {
    let calendars: [CompiledCalendar]
    let calendarOf: [Int32]
    let elapsedDuration: [Bool]

    func finish(_ activity: Int, start: Int64, duration: Int64) -> Int64 {
        if duration == 0 { return start }
        if elapsedDuration[activity] { return start + duration }
        let c = calendars[Int(calendarOf[activity])]
        return c.finishInstant(ofWorking: c.working(at: start) + duration)
    }

    func start(_ activity: Int, finish: Int64, duration: Int64) -> Int64 {
        if duration == 0 { return finish }
        if elapsedDuration[activity] { return finish - duration }
        let c = calendars[Int(calendarOf[activity])]
        return c.startInstant(ofWorking: c.working(at: finish) - duration)
    }

    func normalizeStart(_ activity: Int, _ t: Int64) -> Int64 {
        if elapsedDuration[activity] { return t }
        let c = calendars[Int(calendarOf[activity])]
        return c.startInstant(ofWorking: c.working(at: t))
    }

    /// The calendar a working lag runs on: the anchor activity's, or the project's (index 0) for -1.
    private func lagCalendar(_ anchor: Int) -> CompiledCalendar { calendars[anchor < 0 ? 0 : Int(calendarOf[anchor])] }

    func normalizeFinish(_ activity: Int, _ t: Int64) -> Int64 {
        if elapsedDuration[activity] { return t }
        let c = calendars[Int(calendarOf[activity])]
        return c.finishInstant(ofWorking: c.working(at: t))
    }

    func after(_ t: Int64, lag: Int64, elapsed: Bool, anchor: Int) -> Int64 {
        if lag == 0 { return t }
        if elapsed { return t + lag }
        let c = lagCalendar(anchor)
        // A lead counts back to the start of the working time it reaches (Monday 08:00, not Friday 17:00), so a
        // successor with Saturday work does not start on the Saturday between.
        if lag < 0 { return c.startInstant(ofWorking: c.working(at: t) + lag) }
        return c.finishInstant(ofWorking: c.working(at: t) + lag)
    }

    func before(_ t: Int64, lag: Int64, elapsed: Bool, anchor: Int) -> Int64 {
        if lag == 0 { return t }
        if elapsed { return t - lag }
        let c = lagCalendar(anchor)
        return c.finishInstant(ofWorking: c.working(at: t) - lag)
    }

    func span(_ activity: Int, from: Int64, to: Int64) -> Int64 {
        if elapsedDuration[activity] { return to - from }
        let c = calendars[Int(calendarOf[activity])]
        return c.working(at: to) - c.working(at: from)
    }

    func wall(_ t: Int64) -> Int64? { t }
    func fromWall(_ w: Int64) -> Int64 { w }

    func lagSpan(from: Int64, to: Int64, elapsed: Bool, anchor: Int) -> Int64 {
        if elapsed { return to - from }
        let c = lagCalendar(anchor)
        return c.working(at: to) - c.working(at: from)
    }
}

extension TimeAxis {
    /// How much of a lag on a link's lag calendar has run from `since` (an actual start or finish) to the status
    /// date: none without a status date or when `since` is not before it.
    func lagRun(since: Int64, until status: Int64?, elapsed: Bool, anchor: Int) -> Int64 {
        guard let status, since < status else { return 0 }
        return max(0, lagSpan(from: since, to: status, elapsed: elapsed, anchor: anchor))
    }
}
