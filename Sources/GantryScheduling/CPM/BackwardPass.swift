import GantryModel

/// Late dates: in reverse topological order, each activity finishes at the earliest of what its successors'
/// late dates, the project finish, its deadline and its late constraints allow. A summary passes the limits
/// of its own links down to its parts; its reported late dates span theirs.
struct BackwardPass<Axis: TimeAxis> {
    let network: CompiledNetwork
    let axis: Axis
    let rules: ActivityRules
    let constraintsBeatLinks: Bool
    /// `ScheduleInput.Options.progressedLogic`, and the status date work under way resumes at.
    var progressedLogic = false
    var statusDate: Int64? = nil
    /// `ScheduleInput.Activity.finishMilestone` by activity (empty: none).
    var finishMilestones: [Bool] = []
    /// `ScheduleInput.Options.completedUntilStatusDate` (P6's progress override): completed work no longer limits
    /// its predecessors' late dates either, nor does started work across a link to its start (the link it was
    /// started out of sequence against).
    var completedUntilStatusDate = false

    struct Output {
        var lateStart: [Int64]
        var lateFinish: [Int64]
    }

    /// Primavera's late finish is the end of a working period of the activity's own calendar (Monday 08:00 from a
    /// successor becomes Friday 17:00), except a start milestone's, which stays where its successor starts.
    func endOfWork(_ j: Int, _ finish: Int64, duration: Int64) -> Int64 {
        guard duration > 0 || (j < finishMilestones.count && finishMilestones[j]) else { return finish }
        return axis.normalizeFinish(j, finish)
    }

    /// The lag a link holds this activity back by under P6's rules (as MPXJ reproduces them): a positive working
    /// lag less what of it has run since the activity's actual start (a link from its start) or finish; from work
    /// not started, none towards finished work across a finish-to-start link; and from work under way, none
    /// towards finished work across a finish-to-start or start-to-start link, no lead across a start-to-start
    /// link, none towards a successor not started across a start-to-finish link, and no lead across a
    /// finish-to-start link once the successor under way has worked.
    func progressedLag(_ o: CompiledNetwork.OutLink, run: LagRun?, own: ActivityRules.Rule?,
                       next: ActivityRules.Rule?) -> Int64 {
        var lag = o.lag
        if let run, !o.elapsed, lag > 0 { lag = max(0, run.left(lag, fromStart: o.fromStart)) }
        // Across a finish-to-start link towards finished work, work not started keeps no lag either.
        if o.type == .finishToStart, next?.isFinished ?? false, !(own?.isStarted ?? false) { return 0 }
        guard let own, own.isUnderWay else { return lag }
        let nextFinished = next?.isFinished ?? false
        switch o.type {
        case .finishToStart:
            if nextFinished { return 0 }
            if lag < 0, let next, next.isUnderWay, let status = statusDate, next.actualStart < status { return 0 }
        case .startToStart:
            if nextFinished || lag < 0 { return 0 }
        case .startToFinish:
            if !(next?.isStarted ?? false) { return 0 }
        case .finishToFinish:
            break
        }
        return lag
    }

    /// `expectedLength`: `ForwardPass.Output.expectedLength`, the length an expected finish gave.
    func run(earlyStart es: [Int64], earlyFinish ef: [Int64], projectFinish: Int64,
             expectedLength: [Int64] = []) -> Output {
        let n = network.count
        var ls = [Int64](repeating: 0, count: n)
        var lf = [Int64](repeating: 0, count: n)
        // For a summary: the latest its parts may finish, and start, by the summary's own links.
        var summaryFinishLimit: [Int64] = []
        var summaryStartLimit: [Int64] = []
        let hasSummaries = !network.children.isEmpty
        if hasSummaries {
            summaryFinishLimit = [Int64](repeating: .max, count: n)
            summaryStartLimit = [Int64](repeating: .max, count: n)
        }

        for jj in network.order.reversed() {
            let j = Int(jj)
            var d = network.duration[j]
            let expected = expectedLength.isEmpty ? ActivityRules.none : expectedLength[j]
            if expected != ActivityRules.none && !(rules.rule(j)?.isStarted ?? false) { d = expected }
            var finishLimit = projectFinish
            var startLimit = Int64.max
            // A manually scheduled activity's late dates follow from its late finish alone: links that hang off its
            // start (start-to-start, start-to-finish) do not pull it back (MS Project stores a manual predecessor of
            // an SS +2d or SF +2d link at the project finish, and one of an FF +2d link two days before it).
            let own = rules.rule(j)
            let finishOnly = own?.isManual ?? false
            // Primavera's: the part of a working lag already run since work started (or finished) before the
            // status date no longer holds the activity back.
            let run = progressedLogic ? own.map { $0.run(j, until: statusDate, axis: axis) } : nil
            for k in network.outgoing(j) {
                // Read by index, not as an `OutLink`: this loop runs for every link of every schedule.
                let l = Int(network.outLinks[k])
                let s = Int(network.linkTo[l])
                let type = network.linkType[l]
                if finishOnly && (type == .startToStart || type == .startToFinish) { continue }
                if completedUntilStatusDate, let next = rules.rule(s),
                   next.isFinished || (next.isStarted && (type == .finishToStart || type == .startToStart)) { continue }
                let el = network.linkElapsed[l], a = Int(network.linkLagAnchor[l])
                let lag = progressedLogic ? progressedLag(network.outLink(k), run: run, own: own, next: rules.rule(s))
                    : network.linkLag[l]
                switch type {
                case .finishToStart: finishLimit = min(finishLimit, axis.before(ls[s], lag: lag, elapsed: el, anchor: a))
                case .startToStart: startLimit = min(startLimit, axis.before(ls[s], lag: lag, elapsed: el, anchor: a))
                case .finishToFinish: finishLimit = min(finishLimit, axis.before(lf[s], lag: lag, elapsed: el, anchor: a))
                case .startToFinish:
                    if progressedLogic, let own, own.isUnderWay, rules.rule(s)?.isUnderWay ?? false {
                        // Between two pieces of work under way (P6, as MPXJ reproduces it): this activity's whole
                        // length, from its actual start to its early finish, after the successor's late finish,
                        // less the lag.
                        let length = max(0, axis.span(j, from: own.actualStart, to: ef[j]))
                        finishLimit = min(finishLimit, axis.before(axis.finish(j, start: lf[s], duration: length),
                                                                   lag: network.linkLag[l], elapsed: el, anchor: a))
                    } else {
                        startLimit = min(startLimit, axis.before(lf[s], lag: lag, elapsed: el, anchor: a))
                    }
                }
            }
            if hasSummaries {
                let p = Int(network.parent[j])
                if p >= 0 {
                    finishLimit = min(finishLimit, summaryFinishLimit[p])
                    startLimit = min(startLimit, summaryStartLimit[p])
                }
                if network.isSummary[j] {
                    summaryFinishLimit[j] = finishLimit
                    summaryStartLimit[j] = startLimit
                    continue
                }
            }
            // Work under way (Primavera's rule) is held by links on its start for what remains of it, resuming at
            // the status date as the forward pass has it.
            var remaining = d
            if progressedLogic, let rule = own, rule.isUnderWay {
                remaining = expected != ActivityRules.none ? expected
                    : rule.left(j, duration: d, resume: statusDate ?? rule.actualStart, axis: axis)
            }
            var finish = finishLimit
            if startLimit != .max { finish = min(finish, axis.finish(j, start: startLimit, duration: remaining)) }

            if let rule = own {
                if rule.isFinished {
                    if progressedLogic {
                        // One date: the earliest its successors allow (P6's rules, as MPXJ reproduces them). A
                        // positive lag towards a successor not yet started, or finished, counts only what of it has
                        // not run on the lag calendar from the actual start (a link from the start) or finish by the
                        // status date; towards work under way only a start-to-start lag counts (MPXJ drops that one
                        // too, but the real P6 files keep it: colorado_update_10). A start-to-finish link towards
                        // unfinished work gives the successor's late finish plus this activity's length, less the
                        // whole lag.
                        var late = projectFinish
                        for k in network.outgoing(j) {
                            let o = network.outLink(k)
                            let s = o.successor
                            let next = rules.rule(s)
                            var date = o.toStart ? ls[s] : lf[s]
                            if o.type == .startToFinish {
                                if !(next?.isFinished ?? false) {
                                    // Its length as done: from its actual start to its actual finish.
                                    let length = max(0, axis.span(j, from: rule.actualStart, to: rule.actualFinish))
                                    date = axis.before(axis.finish(j, start: date, duration: length), lag: o.lag,
                                                       elapsed: o.elapsed, anchor: o.anchor)
                                }
                            } else if o.lag > 0 && (!(next?.isUnderWay ?? false) || o.type == .startToStart) {
                                let since = o.fromStart ? rule.actualStart : rule.actualFinish
                                let left = o.lag - axis.lagRun(since: since, until: statusDate, elapsed: o.elapsed, anchor: o.anchor)
                                // Counted back as a lead from the successor's date: at the start of the
                                // working time it reaches (Monday 08:00 eight hours before Tuesday 08:00, not
                                // Friday 17:00), which a successor on another calendar tells apart.
                                if left > 0 { date = axis.after(date, lag: -left, elapsed: o.elapsed, anchor: o.anchor) }
                            }
                            late = min(late, date)
                        }
                        ls[j] = late; lf[j] = late
                    } else {
                        ls[j] = es[j]; lf[j] = ef[j]
                    }
                    continue
                }
                // Primavera keeps a no-later-than, finish-on or mandatory finish date on work already under way.
                let stillLimits = !rule.isStarted || (progressedLogic && (rule.constraint == .finishNoLaterThan
                    || rule.constraint == .startNoLaterThan || rule.constraint == .mustFinishOn))
                if rule.constraintValue != ActivityRules.none && stillLimits && !rule.isManual {
                    let c = rule.constraint
                    // Work under way spans its at-completion duration from the date: from its actual start to its
                    // early finish.
                    let length = progressedLogic && rule.isStarted ? max(0, axis.span(j, from: rule.actualStart, to: ef[j])) : d
                    let date = c.onFinish ? rule.constraintValue : axis.finish(j, start: rule.constraintValue, duration: length)
                    switch c {
                    case .mustStartOn where rule.soft, .mustFinishOn where rule.soft:
                        // P6's Start On / Finish On: no later than the date, whatever the links (negative float).
                        finish = min(finish, date)
                    case .finishNoLaterThan, .startNoLaterThan:
                        // When links win, a late constraint they already break does not make float negative.
                        finish = min(finish, constraintsBeatLinks ? date : max(date, ef[j]))
                    case .mustStartOn, .mustFinishOn:
                        finish = min(finish, constraintsBeatLinks ? date : max(date, ef[j]))
                    default: break
                    }
                }
                // Primavera's secondary constraint on the late dates: start or finish on or before its date.
                if rule.secondaryValue != ActivityRules.none && (!rule.isStarted || progressedLogic) && !rule.isManual {
                    switch rule.secondary {
                    case .startNoLaterThan: finish = min(finish, axis.finish(j, start: rule.secondaryValue, duration: d))
                    case .finishNoLaterThan: finish = min(finish, rule.secondaryValue)
                    default: break
                    }
                }
                if rule.deadline != ActivityRules.none { finish = min(finish, rule.deadline) }
                // Successors in other projects, as the external late finish stands for them.
                if rule.externalFinish != ActivityRules.none { finish = min(finish, rule.externalFinish) }
            }
            if progressedLogic { finish = endOfWork(j, finish, duration: d) }
            lf[j] = finish
            // Started work: the late start keeps the remaining work's length.
            let left = own?.isStarted == true ? (progressedLogic ? remaining : max(0, axis.span(j, from: es[j], to: ef[j]))) : d
            ls[j] = axis.start(j, finish: finish, duration: left)
        }

        if hasSummaries {
            for jj in network.order where network.isSummary[Int(jj)] {
                let j = Int(jj)
                var s = Int64.max, f = Int64.min
                for k in network.childRange(j) {
                    let c = Int(network.children[k])
                    s = min(s, ls[c]); f = max(f, lf[c])
                }
                if s == Int64.max { s = es[j]; f = ef[j] }
                ls[j] = s; lf[j] = f
            }
        }
        return Output(lateStart: ls, lateFinish: lf)
    }
}
