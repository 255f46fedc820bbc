import GantryModel

/// Early dates: each activity, in topological order, starts at the latest of what its links, the project start
/// (or status date) and its constraint allow; summaries span their parts. Records what drove each start.
struct ForwardPass<Axis: TimeAxis> {
    let network: CompiledNetwork
    let axis: Axis
    let rules: ActivityRules
    let projectStart: Int64
    let statusDate: Int64?
    let constraintsBeatLinks: Bool
    /// `ScheduleInput.Options.constraintsBeforeProjectStart`.
    var constraintsBeforeProjectStart = false
    /// `ScheduleInput.Options.retainedLogic`.
    var retainedLogic = false
    /// `ScheduleInput.Options.noLaterThanMovesEarlyDates`.
    var noLaterThanMovesEarlyDates = true
    /// `ScheduleInput.Options.progressedLogic`.
    var progressedLogic = false
    /// `ScheduleInput.Options.completedUntilStatusDate`.
    var completedUntilStatusDate = false
    /// The input's activities, for their names in diagnostics (the array is shared, not copied).
    var activities: [ScheduleInput.Activity] = []

    struct Output {
        var earlyStart: [Int64]
        var earlyFinish: [Int64]
        var driver: [ScheduleDriver]
        var conflicts: [ScheduleDiagnostic]
        /// With `progressedLogic`, a completed activity's logic date (`ActivityRules.none` for the others);
        /// empty otherwise.
        var logic: [Int64]
        /// Where the remaining work of each activity under way starts (`ActivityRules.none` for the others);
        /// empty when no activity is under way.
        var remainingStart: [Int64]
        /// Where an expected finish set the early finish, the working time from the (remaining) early start to it,
        /// which the late dates keep (`ActivityRules.none` for the others); empty when none did.
        var expectedLength: [Int64] = []
    }

    /// `pinned[j]` (when not `ActivityRules.none`) fixes an activity's start: ALAP activities at their late start.
    func run(pinned: [Int64]? = nil) -> Output {
        let n = network.count
        var es = [Int64](repeating: 0, count: n)
        var ef = [Int64](repeating: 0, count: n)
        var driver = [ScheduleDriver](repeating: .projectStart, count: n)
        var conflicts: [ScheduleDiagnostic] = []
        let lowerFromStatus = statusDate.map { max($0, projectStart) } ?? projectStart
        var logic = progressedLogic ? [Int64](repeating: ActivityRules.none, count: n) : []
        var remainingStart: [Int64] = []
        var expectedLength: [Int64] = []
        /// Primavera's expected finish (`ScheduleInput.Activity.expectedFinish`): the early finish moves to it
        /// when it is after both the early start and the status date and no finish link sets the finish.
        func expect(_ j: Int, _ rule: ActivityRules.Rule?, start: Int64) {
            guard let rule, rule.expectedFinish != ActivityRules.none, !rule.isFinished, rule.expectedFinish >= start,
                  rule.expectedFinish >= (statusDate ?? rule.expectedFinish), !hasFinishLink(j) else { return }
            let length = axis.span(j, from: start, to: rule.expectedFinish)
            guard axis.span(j, from: ef[j], to: rule.expectedFinish) != 0 else { return }
            ef[j] = rule.expectedFinish
            if expectedLength.isEmpty { expectedLength = [Int64](repeating: ActivityRules.none, count: n) }
            expectedLength[j] = max(0, length)
        }

        for jj in network.order {
            let j = Int(jj)
            if network.isSummary[j] {
                var s = Int64.max, f = Int64.min
                for k in network.childRange(j) {
                    let c = Int(network.children[k])
                    s = min(s, es[c]); f = max(f, ef[c])
                }
                if s == Int64.max { s = projectStart; f = projectStart }
                es[j] = s; ef[j] = f; driver[j] = .rollup
                continue
            }
            let d = network.duration[j]
            let rule = rules.rule(j)

            // The bound from links: the latest wins; among equals the first link.
            let (best, bestLink) = linkBound(j, duration: d, es, ef, logic, remainingStart)

            if let rule, rule.isStarted || rule.isManual {
                if rule.isStarted {
                    es[j] = rule.actualStart
                    if rule.isFinished {
                        ef[j] = max(rule.actualFinish, rule.actualStart)
                        if progressedLogic {
                            // Done, it takes no time, but it sits where its predecessors' logic puts it: the
                            // status date, or later behind work not yet done.
                            logic[j] = max(lowerFromStatus, linkBound(j, duration: 0, es, ef, logic, remainingStart).0)
                        }
                    } else {
                        // Primavera resumes at the status date even when the actual start is recorded after it.
                        var resume = progressedLogic ? statusDate ?? rule.actualStart
                            : max(rule.actualStart, statusDate ?? rule.actualStart)
                        let left = rule.left(j, duration: d, resume: resume, axis: axis)
                        if retainedLogic {
                            // The remaining work waits for what its links still hold it behind.
                            let (held, _) = linkBound(j, duration: left, es, ef, logic, remainingStart)
                            resume = max(resume, held)
                        }
                        // Suspended work resumes no earlier than its resume date.
                        if rule.resume != ActivityRules.none { resume = max(resume, rule.resume) }
                        if rule.externalStart != ActivityRules.none { resume = max(resume, rule.externalStart) }
                        let restart = axis.normalizeStart(j, resume)
                        ef[j] = axis.finish(j, start: restart, duration: left)
                        if remainingStart.isEmpty { remainingStart = [Int64](repeating: ActivityRules.none, count: n) }
                        remainingStart[j] = restart
                        expect(j, rule, start: restart)
                    }
                    driver[j] = .actualStart
                } else {
                    let s = rule.manualStart != ActivityRules.none ? rule.manualStart
                        : axis.start(j, finish: rule.manualFinish, duration: d)
                    es[j] = s
                    ef[j] = rule.manualFinish != ActivityRules.none ? max(rule.manualFinish, s) : axis.finish(j, start: s, duration: d)
                    driver[j] = .manual
                    if bestLink >= 0 && best > s {
                        conflicts.append(ScheduleDiagnostic(
                            .manualDateConflict, .warning, "is manually scheduled to start before its links allow",
                            activities: [j, Int(network.linkFrom[bestLink])]))
                    }
                }
                continue
            }

            var start = lowerFromStatus
            var why: ScheduleDriver = statusDate != nil && lowerFromStatus > projectStart ? .statusDate : .projectStart
            if bestLink >= 0 && best >= start {
                start = best; why = .link(Int(network.linkSource[bestLink]))
            } else if bestLink >= 0 && best < projectStart {
                let p = Int(network.linkFrom[bestLink])
                let name = { (i: Int) in i < activities.count ? activities[i].name : "activity \(i)" }
                conflicts.append(ScheduleDiagnostic(
                    .startBeforeProjectStart, .warning,
                    "\(name(j)) would start before the project start by its \(network.linkType[bestLink].rawValue) link from \(name(p)); it is held at the project start",
                    activities: [j, p]))
            }
            // P6 also starts a start milestone at a working time of its own calendar (Monday 08:00 after
            // Friday's work); a finish milestone stays where its predecessors end when that is the end of working
            // time on its calendar (Friday 17:00), and moves to the next working time when it falls outside it
            // (Saturday 12:00 after a 7-day predecessor: Monday 08:00).
            let finishMilestone = j < activities.count && activities[j].finishMilestone
            if d > 0 || (progressedLogic && !network.isSummary[j]
                         && (!finishMilestone || axis.normalizeFinish(j, start) != start)) {
                start = axis.normalizeStart(j, start)
            }

            if let rule, rule.constraintValue != ActivityRules.none {
                let c = rule.constraint
                let fromLinks = start
                let date = c.onFinish ? axis.start(j, finish: rule.constraintValue, duration: d) : rule.constraintValue
                switch c {
                case .startNoEarlierThan, .finishNoEarlierThan:
                    if date > start || (constraintsBeforeProjectStart && bestLink < 0) {
                        start = date; why = .constraint
                        if c == .startNoEarlierThan, progressedLogic || completedUntilStatusDate,
                           let t = atLinksTimeOfDay(j, fromLinks) { start = t }
                    }
                    // MPXJ's P6 rule (PrimaveraScheduler): a start-on-or-after date on the day its links start the
                    // activity is its start, even when they start it later that day (p6-differential/net-0439;
                    // the real P6 files have no such case either way).
                    else if c == .startNoEarlierThan, progressedLogic || completedUntilStatusDate, date < start,
                            let d = axis.day(date), d == axis.day(start) { start = date; why = .constraint }
                case .mustStartOn where rule.soft, .mustFinishOn where rule.soft:
                    // P6's Start On / Finish On: no earlier than the date; links may start it later.
                    if date > start { start = date; why = .constraint }
                case .mustStartOn, .mustFinishOn:
                    if constraintsBeatLinks || date >= start {
                        start = date; why = .constraint
                        // P6 schedules no remaining work before the data date, not even to meet a mandatory date
                        // (jaggelas_test.xer: M1040, mandatory finish 07:00 on the data date, stays at 09:40).
                        if progressedLogic || completedUntilStatusDate, let status = statusDate, start < status {
                            start = axis.normalizeStart(j, status)
                        }
                    } else {
                        conflicts.append(ScheduleDiagnostic(
                            .constraintConflict, .warning,
                            "its \(c.rawValue) date cannot be met: its links start it later", activities: [j]))
                    }
                case .startNoLaterThan, .finishNoLaterThan:
                    if start > date && (noLaterThanMovesEarlyDates || !constraintsBeatLinks) {
                        if constraintsBeatLinks {
                            start = date; why = .constraint
                        } else {
                            conflicts.append(ScheduleDiagnostic(
                                .constraintConflict, .warning,
                                "its \(c.rawValue) date cannot be met: its links start it later", activities: [j]))
                        }
                    }
                case .asap, .alap: break
                }
            }
            // Primavera's secondary constraint on the early dates: start or finish on or after its date.
            if let rule, rule.secondaryValue != ActivityRules.none {
                switch rule.secondary {
                case .startNoEarlierThan where rule.secondaryValue > start:
                    start = axis.normalizeStart(j, rule.secondaryValue); why = .constraint
                case .finishNoEarlierThan:
                    let date = axis.start(j, finish: rule.secondaryValue, duration: d)
                    if date > start { start = date; why = .constraint }
                default: break
                }
            }
            // Links to other projects, as the external early start stands for them.
            if let rule, rule.externalStart != ActivityRules.none, rule.externalStart > start {
                start = axis.normalizeStart(j, rule.externalStart); why = .constraint
            }
            if let pinned, pinned[j] != ActivityRules.none {
                start = pinned[j]; why = .asLateAsPossible
            }
            es[j] = start
            ef[j] = axis.finish(j, start: start, duration: d)
            driver[j] = why
            if pinned?[j] ?? ActivityRules.none == ActivityRules.none { expect(j, rule, start: start) }
        }
        return Output(earlyStart: es, earlyFinish: ef, driver: driver, conflicts: conflicts, logic: logic,
                      remainingStart: remainingStart, expectedLength: expectedLength)
    }

    /// Whether a finish-to-finish or start-to-finish link leads to activity `j` (its finish is set by a link).
    func hasFinishLink(_ j: Int) -> Bool {
        network.incoming(j).contains { k in
            let t = network.linkType[Int(network.inLinks[k])]
            return t == .finishToFinish || t == .startToFinish
        }
    }

    /// The latest start activity `j` (of `duration` working minutes) may have by its incoming links, and the link
    /// that gives it (-1 without links); among equal bounds the first link. A completed predecessor with a logic
    /// date (`progressedLogic`) passes that date on across a finish link (with what of a working lag has not run
    /// since its actual finish, towards work not finished), and across a start link where its actual start with
    /// the lag falls before the status date; work under way passes where its remaining work starts across a
    /// start link the same way.
    func linkBound(_ j: Int, duration: Int64, _ es: [Int64], _ ef: [Int64], _ logic: [Int64],
                   _ remainingStart: [Int64]) -> (Int64, Int) {
        var best = Int64.min, bestLink = -1
        let finished = logic.isEmpty ? false : rules.rule(j)?.isFinished ?? false
        let underWay = !logic.isEmpty && (rules.rule(j)?.isUnderWay ?? false)
        for k in network.incoming(j) {
            let l = Int(network.inLinks[k])
            let p = Int(network.linkFrom[l])
            let lag = network.linkLag[l], el = network.linkElapsed[l], a = Int(network.linkLagAnchor[l])
            let type = network.linkType[l]
            // A start-to-finish link holds work under way only from work started (below), and work not started
            // not from work under way (P6, as MPXJ reproduces it).
            if type == .startToFinish && !logic.isEmpty {
                if underWay, let r = rules.rule(p), r.isStarted {
                    // Towards work under way from work started (P6, as MPXJ reproduces it): the remaining work
                    // may start where the predecessor's logic starts (a completed one's logic date, or where its
                    // remaining work starts), or, while the lag has not run since its actual start, finish the
                    // rest of the lag after that.
                    let from = logic[p] != ActivityRules.none ? logic[p]
                        : p < remainingStart.count && remainingStart[p] != ActivityRules.none ? remainingStart[p] : es[p]
                    let left = lag - axis.lagRun(since: r.actualStart, until: statusDate, elapsed: el, anchor: a)
                    let bound = left > 0
                        ? axis.start(j, finish: axis.after(from, lag: left, elapsed: el, anchor: a), duration: duration)
                        : from
                    if bound > best { best = bound; bestLink = l }
                    continue
                }
                if finished, let r = rules.rule(p), r.isStarted, let status = statusDate {
                    // Between two pieces of started work, the finished one sits at the predecessor's logic start
                    // without a lag, and with one, no later than the status date (P6, as MPXJ reproduces it).
                    let from = logic[p] != ActivityRules.none ? logic[p]
                        : p < remainingStart.count && remainingStart[p] != ActivityRules.none ? remainingStart[p] : es[p]
                    let bound = lag == 0 ? from : status
                    if bound > best { best = bound; bestLink = l }
                    continue
                }
                if underWay != (rules.rule(p)?.isUnderWay ?? false) && !finished { continue }
            }
            let fromFinish = type == .finishToStart || type == .finishToFinish
            var base = fromFinish ? ef[p] : es[p]
            if completedUntilStatusDate, let status = statusDate, rules.rule(p)?.isFinished ?? false { base = min(base, status) }
            var date = axis.after(base, lag: lag, elapsed: el, anchor: a)
            if !logic.isEmpty {
                // Where the predecessor's logic starts: a completed one's logic date, or where the remaining
                // work of one under way starts.
                let from = logic[p] != ActivityRules.none ? logic[p]
                    : p < remainingStart.count ? remainingStart[p] : ActivityRules.none
                if from != ActivityRules.none {
                    if type == .finishToFinish && logic[p] != ActivityRules.none && !finished, let r = rules.rule(p) {
                        date = finishToFinishFromDone(r, p, logic: from, lag: lag, elapsed: el, anchor: a,
                                                      towardsWorkUnderWay: underWay)
                    } else if fromFinish && logic[p] != ActivityRules.none {
                        // From the logic date; a lag towards work not finished keeps what of it has not run on
                        // the lag calendar since the actual finish.
                        date = from
                        if !finished, lag > 0, let r = rules.rule(p) {
                            let left = lag - axis.lagRun(since: r.actualFinish, until: statusDate, elapsed: el, anchor: a)
                            if left > 0 { date = axis.after(from, lag: left, elapsed: el, anchor: a) }
                        }
                    } else if type == .startToStart && logic[p] == ActivityRules.none, let r = rules.rule(p), r.isStarted {
                        // Start to start from work under way: where its remaining work starts, then what of a
                        // positive lag its work by the status date has not covered (P6, as MPXJ reproduces it).
                        let left = r.run(p, until: statusDate, axis: axis).left(lag, fromStart: true)
                        date = left > 0 ? axis.after(from, lag: left, elapsed: el, anchor: a) : from
                    } else if !fromFinish && date < (statusDate ?? projectStart) {
                        date = from
                    }
                }
            }
            let bound: Int64
            switch type {
            case .finishToStart, .startToStart: bound = date
            case .finishToFinish, .startToFinish: bound = axis.start(j, finish: date, duration: duration)
            }
            if bound > best { best = bound; bestLink = l }
        }
        return (best, bestLink)
    }

    /// MPXJ's P6 rule (PrimaveraScheduler) for a start-on-or-after date given as a day (at midnight) that starts
    /// an activity later than its links: it starts that day at the time of day its links would start it, when that
    /// is working time of the day (p6-differential/net-0027: 06-25 00:00 after links at 13:00 gives 06-25 13:00).
    func atLinksTimeOfDay(_ j: Int, _ fromLinks: Int64) -> Int64? {
        guard j < activities.count, let raw = activities[j].constraintDate, let ws = axis.wall(fromLinks) else { return nil }
        func mod(_ x: Int64) -> Int64 { ((x % 1440) + 1440) % 1440 }
        let timeOfDay = mod(ws)
        guard mod(raw) == 0, timeOfDay != 0 else { return nil }
        let t = axis.normalizeStart(j, axis.fromWall(raw + timeOfDay))
        guard let day = axis.day(t), day == (raw - mod(raw)) / 1440 else { return nil }
        return t
    }

    /// Where a finish-to-finish link from completed work `p` (logic date `logic`) lets its successor finish,
    /// when the successor is not finished (P6, as MPXJ reproduces it). Towards work under way: the actual finish
    /// moved on by the lag. Towards work not started: the actual finish without a lag, or with a positive lag
    /// longer than the predecessor's actual duration (its actual start to its actual finish); a shorter
    /// positive lag, or a lead, counts twice from the logic date. A lead never reaches back before the status
    /// date.
    func finishToFinishFromDone(_ r: ActivityRules.Rule, _ p: Int, logic: Int64, lag: Int64, elapsed: Bool, anchor: Int,
                                towardsWorkUnderWay: Bool) -> Int64 {
        func lagged(_ t: Int64) -> Int64 {
            guard lag != 0 else { return t }
            let d = axis.after(t, lag: lag, elapsed: elapsed, anchor: anchor)
            if lag < 0, let status = statusDate, d < status { return status }
            return d
        }
        if towardsWorkUnderWay || lag == 0 { return lagged(r.actualFinish) }
        if lag > 0 && lag > axis.span(p, from: r.actualStart, to: r.actualFinish) { return lagged(r.actualFinish) }
        return lagged(lagged(logic))
    }
}
