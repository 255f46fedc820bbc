import GantryModel

extension ScheduleInput {
    /// The critical-path schedule: forward pass, backward pass, floats, criticality, drivers and the longest
    /// path. Throws only for a dependency cycle (nothing can be scheduled); every other problem is a diagnostic.
    public func criticalPath() throws(ScheduleFailure) -> CriticalPathSchedule {
        if activities.contains(where: { $0.derived != nil }) { return try withDerivedActivities() }
        let network = try CompiledNetwork(self)
        return criticalPath(compiled: network)
    }

    /// The same, on a network compiled from this input (compile once, schedule many times).
    public func criticalPath(compiled network: CompiledNetwork) -> CriticalPathSchedule {
        switch axis(for: network) {
        case .units(let axis, let notes):
            return run(network, axis, notes: notes, toAxis: { $0 }, startOut: { _, t in t }, finishOut: { _, t in t })
        case .working(let axis, let cal, let notes):
            return run(network, axis, notes: notes, toAxis: { cal.working(at: $0) },
                       startOut: { _, w in cal.startInstant(ofWorking: w) },
                       finishOut: { _, w in cal.finishInstant(ofWorking: w) })
        case .wall(let axis, let notes):
            return run(network, axis, notes: notes, toAxis: { $0 }, startOut: { _, t in t }, finishOut: { a, t in
                if axis.elapsedDuration[a] { return t }
                let c = axis.calendars[Int(axis.calendarOf[a])]
                return c.finishInstant(ofWorking: c.working(at: t))
            })
        }
    }

    /// Early and late times, floats and criticality on the network's own time axis, with no dates made: working
    /// minutes of the one calendar every activity shares, wall minutes when calendars differ, plain units without
    /// calendars. What a Monte Carlo iteration or a benchmark of the passes needs.
    public func times(compiled network: CompiledNetwork) -> NetworkTimes {
        switch axis(for: network) {
        case .units(let axis, let notes):
            return times(network, axis, notes: notes, toAxis: { $0 })
        case .working(let axis, let cal, let notes):
            return times(network, axis, notes: notes, toAxis: { cal.working(at: $0) })
        case .wall(let axis, let notes):
            var t = times(network, axis, notes: notes, toAxis: { $0 })
            t.length = calendars[0].working(at: t.finish) - calendars[0].working(at: t.start)
            return t
        }
    }

    /// Monte Carlo's loop: the passes `count` times on one compiled network, `draw` setting the durations before
    /// each run and `record` taking the project length (as `NetworkTimes.length`) and the critical flags. The
    /// axis and the per-activity rules are prepared once.
    public func repeatedTimes(compiled network: CompiledNetwork, count: Int, draw: (inout [Int64]) -> Void,
                              record: (Int64, [Bool]) -> Void) {
        func loop<Axis: TimeAxis>(_ axis: Axis, _ notes: [ScheduleDiagnostic], _ toAxis: (Int64) -> Int64,
                                  _ length: (NetworkTimes) -> Int64) {
            var notes = notes
            let rules = rules(toAxis: toAxis, notes: &notes)
            var net = network
            for _ in 0..<count {
                draw(&net.duration)
                let t = times(net, axis, notes: [], toAxis: toAxis, prepared: rules)
                record(length(t), t.critical)
            }
        }
        switch axis(for: network) {
        case .units(let axis, let notes): loop(axis, notes, { $0 }, { $0.finish - $0.start })
        case .working(let axis, let cal, let notes): loop(axis, notes, { cal.working(at: $0) }, { $0.finish - $0.start })
        case .wall(let axis, let notes):
            let cal0 = calendars[0]
            loop(axis, notes, { $0 }, { cal0.working(at: $0.finish) - cal0.working(at: $0.start) })
        }
    }

    private enum AxisChoice {
        case units(UniformAxis, [ScheduleDiagnostic])
        case working(UniformAxis, CompiledCalendar, [ScheduleDiagnostic])
        case wall(WallAxis, [ScheduleDiagnostic])
    }

    /// One calendar for every activity (and no elapsed durations): its working minutes; otherwise wall minutes.
    private func axis(for network: CompiledNetwork) -> AxisChoice {
        if calendars.isEmpty { return .units(UniformAxis(calendar: nil), network.diagnostics) }
        var notes = network.diagnostics
        var calendarOf = [Int32](repeating: 0, count: activities.count)
        var elapsedDuration = [Bool](repeating: false, count: activities.count)
        var uniformCalendar: Int? = nil
        var uniform = true
        for (i, a) in activities.enumerated() {
            var c = a.calendar
            if calendars.isEmpty {
                c = 0
            } else if c < 0 || c >= calendars.count {
                notes.append(ScheduleDiagnostic(
                    .unknownCalendar, .warning, "\(a.name) names calendar \(c), which does not exist; the project calendar is used",
                    activities: [i]))
                c = 0
            }
            calendarOf[i] = Int32(c)
            elapsedDuration[i] = a.elapsed && a.kind == .leaf
            guard a.kind != .summary else { continue }
            if elapsedDuration[i] { uniform = false }
            if let u = uniformCalendar, u != c { uniform = false }
            uniformCalendar = uniformCalendar ?? c
        }
        if calendars.isEmpty { return .units(UniformAxis(calendar: nil), notes) }
        // Lags counted on the project calendar keep one axis only when that is every activity's calendar.
        if options.lagCalendar == .project, let u = uniformCalendar, u != 0 { uniform = false }
        // Primavera runs an elapsed (24-hour) lag from the instant it starts at: from a data date or logic date
        // at 08:00, not from the previous day's 17:00, which is the same working minute. Wall minutes keep the
        // two apart.
        if uniform && options.progressedLogic && links.contains(where: { if case .elapsed = $0.lag { true } else { false } }) {
            uniform = false
        }
        if uniform {
            let cal = calendars[uniformCalendar ?? 0]
            return .working(UniformAxis(calendar: cal), cal, notes)
        }
        return .wall(WallAxis(calendars: calendars, calendarOf: calendarOf, elapsedDuration: elapsedDuration), notes)
    }

    private func rules(toAxis: (Int64) -> Int64, notes: inout [ScheduleDiagnostic]) -> ActivityRules {
        var index = [Int32](repeating: -1, count: activities.count)
        var list: [ActivityRules.Rule] = []
        var hasALAP = false
        for (i, a) in activities.enumerated() where a.kind != .summary {
            var r = ActivityRules.Rule()
            var any = false
            if a.constraint == .alap { hasALAP = true }
            if a.constraint.isDated {
                if let date = a.constraintDate {
                    r.constraint = a.constraint; r.constraintValue = toAxis(date); r.soft = a.softConstraint; any = true
                } else {
                    notes.append(ScheduleDiagnostic(
                        .constraintMissingDate, .warning,
                        "\(a.name) has a \(a.constraint.rawValue) constraint without a date; it is scheduled as soon as possible",
                        activities: [i]))
                }
            }
            if let d = a.deadline { r.deadline = toAxis(d); any = true }
            if let date = a.secondaryConstraintDate, a.secondaryConstraint.isDated {
                r.secondary = a.secondaryConstraint; r.secondaryValue = toAxis(date); any = true
            }
            if let f = a.expectedFinish, a.constraint != .alap { r.expectedFinish = toAxis(f); any = true }
            if let s = a.externalEarlyStart { r.externalStart = toAxis(s); any = true }
            if let f = a.externalLateFinish { r.externalFinish = toAxis(f); any = true }
            if let s = a.manualStart { r.manualStart = toAxis(s); any = true }
            if let f = a.manualFinish { r.manualFinish = toAxis(f); any = true }
            if a.actualFinish != nil, a.actualStart == nil {
                notes.append(ScheduleDiagnostic(
                    .invalidActuals, .warning, "\(a.name) has an actual finish but no actual start; the finish is ignored",
                    activities: [i]))
            } else if let s = a.actualStart {
                r.actualStart = toAxis(s); any = true
                if let f = a.actualFinish {
                    if f < s {
                        notes.append(ScheduleDiagnostic(
                            .invalidActuals, .warning, "\(a.name) finishes before it starts; the actual finish is ignored",
                            activities: [i]))
                    } else {
                        r.actualFinish = toAxis(f)
                    }
                }
                if let rem = a.remaining { r.remaining = max(0, rem) }
                if let resume = a.resume { r.resume = toAxis(resume) }
            }
            if any {
                index[i] = Int32(list.count)
                list.append(r)
            }
        }
        return ActivityRules(index: index, rules: list, hasALAP: hasALAP)
    }

    private func run<Axis: TimeAxis>(
        _ network: CompiledNetwork, _ axis: Axis, notes: [ScheduleDiagnostic], toAxis: (Int64) -> Int64,
        startOut: (Int, Int64) -> Int64, finishOut: (Int, Int64) -> Int64
    ) -> CriticalPathSchedule {
        let t = times(network, axis, notes: notes, toAxis: toAxis)
        let n = network.count
        let path = Self.longestPath(network, early: t, finish: t.finish)
        var es = t.earlyStart, ef = t.earlyFinish, ls = t.lateStart, lf = t.lateFinish
        let start = t.start
        for j in 0..<n {
            let zero = network.duration[j] == 0 && !network.isSummary[j]
            if zero {
                // A milestone sits where its driver put it: at a finish (17:00) rather than the next start.
                es[j] = ef[j] <= start ? startOut(j, ef[j]) : finishOut(j, ef[j]); ef[j] = es[j]
                lf[j] = lf[j] <= start ? startOut(j, lf[j]) : finishOut(j, lf[j]); ls[j] = lf[j]
            } else {
                es[j] = startOut(j, es[j]); ef[j] = finishOut(j, ef[j])
                ls[j] = startOut(j, ls[j]); lf[j] = finishOut(j, lf[j])
            }
        }
        let finishWall = t.finish <= start ? startOut(0, t.finish) : finishOut(0, t.finish)
        let makespan: Int64
        if calendars.isEmpty {
            makespan = t.finish - start
        } else {
            let cal0 = calendars[0]
            makespan = cal0.working(at: finishWall) - cal0.working(at: projectStart)
        }
        // A logic date is a point in time: where work would start there (at or before the first working minute
        // of a day, it is that day's start).
        let logic = t.completedLogic.enumerated().map { j, v in
            v == ActivityRules.none ? nil : (v <= start ? startOut(j, v) : finishOut(j, v))
        }
        var critical = t.critical
        if options.criticalByLongestPath {
            critical = Self.onLongestPaths(network, axis, t)
            for j in 0..<min(n, activities.count) where activities[j].actualFinish != nil { critical[j] = false }
        }
        return CriticalPathSchedule(
            earlyStart: es, earlyFinish: ef, lateStart: ls, lateFinish: lf, totalFloat: t.totalFloat,
            freeFloat: t.freeFloat, critical: critical, driver: t.driver, longestPath: path,
            projectStart: projectStart, projectFinish: finishWall, diagnostics: t.diagnostics, makespan: makespan,
            completedLogic: logic,
            remainingStart: t.remainingStart.enumerated().map { j, v in v == ActivityRules.none ? nil : startOut(j, v) })
    }

    /// The passes on the network's own time axis: no dates are made.
    private func times<Axis: TimeAxis>(
        _ network: CompiledNetwork, _ axis: Axis, notes: [ScheduleDiagnostic], toAxis: (Int64) -> Int64,
        prepared: ActivityRules? = nil
    ) -> NetworkTimes {
        var notes = notes
        let rules = prepared ?? rules(toAxis: toAxis, notes: &notes)
        let start = toAxis(projectStart)
        let status = statusDate.map(toAxis)
        let forward = ForwardPass(network: network, axis: axis, rules: rules, projectStart: start, statusDate: status,
                                  constraintsBeatLinks: options.constraintsBeatLinks,
                                  constraintsBeforeProjectStart: options.constraintsBeforeProjectStart,
                                  retainedLogic: options.retainedLogic,
                                  noLaterThanMovesEarlyDates: options.noLaterThanMovesEarlyDates,
                                  progressedLogic: options.progressedLogic,
                                  completedUntilStatusDate: options.completedUntilStatusDate,
                                  activities: activities)
        let backward = BackwardPass(network: network, axis: axis, rules: rules,
                                    constraintsBeatLinks: options.constraintsBeatLinks,
                                    progressedLogic: options.progressedLogic, statusDate: status,
                                    finishMilestones: activities.contains(where: \.finishMilestone) ? activities.map(\.finishMilestone) : [],
                                    completedUntilStatusDate: options.completedUntilStatusDate)
        var early = forward.run()
        // Through progressed work, completed activities count at their logic dates (not their actual finishes),
        // and the finish is never before the status date.
        func projectFinish(_ early: ForwardPass<Axis>.Output) -> Int64 {
            var ef = early.earlyFinish
            if options.progressedLogic {
                for j in early.logic.indices where early.logic[j] != ActivityRules.none { ef[j] = early.logic[j] }
            }
            let f = Self.latestFinish(network, ef, otherwise: start, floor: !options.constraintsBeforeProjectStart)
            return options.progressedLogic ? max(f, status ?? f) : f
        }
        var finish = projectFinish(early)
        // Late dates work back from the project's early finish, or from its must-finish-by date when it has one.
        let finishBy = options.finishBy.map(toAxis)
        let floatFrom = options.floatFrom.map(toAxis)
        // The date late dates work back from: the must-finish-by date, else the early finish or the later end
        // floats are computed from.
        func lateFrom(_ finish: Int64) -> Int64 { finishBy ?? max(finish, floatFrom ?? finish) }
        var late = backward.run(earlyStart: early.earlyStart, earlyFinish: early.earlyFinish, projectFinish: lateFrom(finish),
                                expectedLength: early.expectedLength)

        if rules.hasALAP {
            // As late as possible: pinned at the late start (MS Project: successors follow it), or under P6's
            // rules, retained logic or progress override, as late as its successors' early dates allow (it takes
            // its free float, never theirs); then the early dates again around them.
            var pinned = [Int64](repeating: ActivityRules.none, count: network.count)
            if options.progressedLogic || options.completedUntilStatusDate {
                var es = early.earlyStart, ef = early.earlyFinish
                for jj in network.order.reversed() {
                    let j = Int(jj)
                    guard j < activities.count, activities[j].constraint == .alap, !network.isSummary[j] else { continue }
                    if let r = rules.rule(j), r.isStarted || r.isManual { continue }
                    let d = network.duration[j]
                    var latest = axis.start(j, finish: finish, duration: d)
                    for k in network.outgoing(j) {
                        let o = network.outLink(k)
                        // The successor's date this link reaches back from, less the lag.
                        let date = axis.before(o.toStart ? es[o.successor] : ef[o.successor],
                                               lag: o.lag, elapsed: o.elapsed, anchor: o.anchor)
                        latest = min(latest, o.fromStart ? date : axis.start(j, finish: date, duration: d))
                    }
                    pinned[j] = max(es[j], latest)
                    es[j] = pinned[j]
                    ef[j] = axis.finish(j, start: pinned[j], duration: d)
                }
            } else {
                for (i, a) in activities.enumerated() where a.constraint == .alap && !network.isSummary[i] {
                    if let r = rules.rule(i), r.isStarted || r.isManual { continue }
                    pinned[i] = max(early.earlyStart[i], late.lateStart[i])
                }
            }
            early = forward.run(pinned: pinned)
            finish = projectFinish(early)
            late = backward.run(earlyStart: early.earlyStart, earlyFinish: early.earlyFinish, projectFinish: lateFrom(finish),
                                expectedLength: early.expectedLength)
        }
        notes += early.conflicts

        let floats = FloatCalculator(network: network, axis: axis, rules: rules, rule: options.freeFloat, statusDate: status,
                                     completedUntilStatusDate: options.completedUntilStatusDate,
                                     totalRule: options.totalFloat)
            .run(es: early.earlyStart, ef: early.earlyFinish, ls: late.lateStart, lf: late.lateFinish, projectFinish: finish,
                 logic: early.logic, remainingStart: early.remainingStart)
        let n = network.count
        var critical = [Bool](repeating: false, count: n)
        var negative: [Int] = []
        var missed: [Int] = []
        let threshold = options.criticalFloat
        // P6's "make open-ended activities critical": nothing follows it (a summary's own links aside).
        func openEnd(_ j: Int) -> Bool { options.openEndsCritical && !network.isSummary[j] && network.outgoing(j).isEmpty }
        for j in 0..<n {
            let total = floats.total[j]
            if let r = rules.rule(j) {
                critical[j] = !r.isFinished && (total <= threshold || openEnd(j))
                if r.deadline != ActivityRules.none && early.earlyFinish[j] > r.deadline { missed.append(j) }
            } else {
                critical[j] = total <= threshold || openEnd(j)
            }
            if total < 0 && !network.isSummary[j] { negative.append(j) }
        }
        if !negative.isEmpty {
            let names = negative.prefix(10).map { activities[$0].name }.joined(separator: ", ")
            notes.append(ScheduleDiagnostic(
                .negativeFloat, .warning,
                "\(negative.count) activit\(negative.count == 1 ? "y has" : "ies have") negative total float (\(names)\(negative.count > 10 ? ", …" : "")): a constraint or deadline cannot be met by the links",
                activities: negative))
        }
        for j in missed {
            notes.append(ScheduleDiagnostic(
                .deadlineMissed, .warning, "\(activities[j].name) finishes after its deadline", activities: [j]))
        }
        return NetworkTimes(
            earlyStart: early.earlyStart, earlyFinish: early.earlyFinish, lateStart: late.lateStart,
            lateFinish: late.lateFinish, totalFloat: floats.total, freeFloat: floats.free, critical: critical,
            driver: early.driver, start: start, finish: finish, length: finish - start, diagnostics: notes,
            completedLogic: early.logic, remainingStart: early.remainingStart)
    }

    /// The latest early finish; never before the project start when `floor` (without the floor, MS Project's rule
    /// when constraints may place work before the project start, the latest task finish alone).
    private static func latestFinish(_ network: CompiledNetwork, _ ef: [Int64], otherwise: Int64, floor: Bool) -> Int64 {
        var t = floor ? otherwise : Int64.min
        for j in 0..<network.count where !network.isSummary[j] { t = max(t, ef[j]) }
        return t == Int64.min ? otherwise : t
    }

    /// Every activity on a longest path (P6's): those that finish when the project does, and back from each the
    /// links that drive it — the one its start was taken from and every other that gives the same date (a tie is
    /// two longest paths).
    private static func onLongestPaths<Axis: TimeAxis>(_ network: CompiledNetwork, _ axis: Axis, _ t: NetworkTimes) -> [Bool] {
        let n = network.count
        var on = [Bool](repeating: false, count: n)
        var stack: [Int] = []
        for j in 0..<n where !network.isSummary[j] && t.earlyFinish[j] == t.finish { on[j] = true; stack.append(j) }
        while let j = stack.popLast() {
            guard case .link(let source) = t.driver[j] else { continue }
            for k in network.incoming(j) {
                let l = Int(network.inLinks[k])
                let p = Int(network.linkFrom[l])
                guard !on[p], !network.isSummary[p] else { continue }
                let type = network.linkType[l]
                let fromFinish = type == .finishToStart || type == .finishToFinish
                let toStart = type == .finishToStart || type == .startToStart
                let date = axis.after(fromFinish ? t.earlyFinish[p] : t.earlyStart[p], lag: network.linkLag[l],
                                      elapsed: network.linkElapsed[l], anchor: Int(network.linkLagAnchor[l]))
                let drives = Int(network.linkSource[l]) == source
                    || (toStart ? axis.normalizeStart(j, date) == axis.normalizeStart(j, t.earlyStart[j])
                                : axis.normalizeFinish(j, date) == axis.normalizeFinish(j, t.earlyFinish[j]))
                if drives { on[p] = true; stack.append(p) }
            }
        }
        return on
    }

    /// From the activity that finishes last (one without successors first, then the smallest index), back along
    /// driving links; a summary on the way is entered at the part that drives the link.
    private static func longestPath(_ network: CompiledNetwork, early: NetworkTimes, finish: Int64) -> [Int] {
        let n = network.count
        var end = -1
        for j in 0..<n where !network.isSummary[j] && early.earlyFinish[j] == finish {
            if network.outgoing(j).isEmpty { end = j; break }
            if end < 0 { end = j }
        }
        guard end >= 0 else { return [] }
        var path = [end]
        var seen = Set([end])
        var j = end
        while case .link(let source) = early.driver[j] {
            // The compiled link that drove j came from `source`; find its predecessor among j's incoming links.
            var pred = -1, type = DependencyType.finishToStart
            for k in network.incoming(j) {
                let l = Int(network.inLinks[k])
                if Int(network.linkSource[l]) == source { pred = Int(network.linkFrom[l]); type = network.linkType[l]; break }
            }
            guard pred >= 0 else { break }
            while network.isSummary[pred] {
                let byFinish = type == .finishToStart || type == .finishToFinish
                var next = -1
                for k in network.childRange(pred) {
                    let c = Int(network.children[k])
                    if byFinish ? early.earlyFinish[c] == early.earlyFinish[pred] : early.earlyStart[c] == early.earlyStart[pred] {
                        next = c; break
                    }
                }
                guard next >= 0 else { break }
                pred = next
            }
            guard !network.isSummary[pred], seen.insert(pred).inserted else { break }
            path.append(pred)
            j = pred
        }
        return path.reversed()
    }
}

