import GantryModel

/// Primavera's level-of-effort and WBS-summary activities (`ScheduleInput.Derived`): nothing is scheduled from
/// them, so the network is scheduled without them first, and their dates are then derived from the others'.
///
/// A level-of-effort activity spans its links, with P6's rules:
/// - it starts at the earliest of what its start links give: a predecessor's start (start-to-start) or finish
///   (finish-to-start) moved on by the lag, a successor's start (start-to-start) or finish (start-to-finish) moved
///   back by it; from work started or finished, its actual date;
/// - it finishes at the latest of what its finish links give: a predecessor's finish (finish-to-finish) or start
///   (start-to-finish), a successor's start (finish-to-start) or finish (finish-to-finish), with the lag; with
///   none, where it starts;
/// - its late dates the same way from the others' late dates; with no finish link its late finish is the
///   project's finish;
/// - a start before the data date is its actual start, and its remaining work starts at the data date; when
///   every finish link comes from work done before the data date, it is done too;
/// - it has no free float, and its total float follows the project's rule from its remaining dates (a WBS summary
///   has the slack from its early finish to the project's as free float).
/// A WBS-summary activity spans the activities under the WBS node it belongs to (its `parent`) that are not
/// finished, level-of-effort ones included: its early and late start the earliest of theirs (the start of the
/// remaining work for work under way), its early and late finish the latest; its start is the node's.
extension ScheduleInput {
    func withDerivedActivities() throws(ScheduleFailure) -> CriticalPathSchedule {
        let n = activities.count
        // The network without them; `coreIndex[i]` is -1 for a derived activity.
        var coreIndex = [Int](repeating: -1, count: n)
        var originalOf: [Int] = []
        for (i, a) in activities.enumerated() where a.derived == nil {
            coreIndex[i] = originalOf.count
            originalOf.append(i)
        }
        var core = self
        core.activities = originalOf.map { i in
            var a = activities[i]
            a.parent = a.parent.flatMap { coreIndex[$0] >= 0 ? coreIndex[$0] : nil }
            return a
        }
        var coreLinkOf: [Int] = []
        core.links = []
        for (k, l) in links.enumerated() where coreIndex[l.from] >= 0 && coreIndex[l.to] >= 0 {
            core.links.append(Link(from: coreIndex[l.from], to: coreIndex[l.to], type: l.type, lag: l.lag))
            coreLinkOf.append(k)
        }
        let s = try core.criticalPath()

        // Back to the whole network's indices.
        var es = [WallMinute](repeating: projectStart, count: n), ef = es, ls = es, lf = es
        var total = [Int64](repeating: 0, count: n), free = total
        var critical = [Bool](repeating: false, count: n)
        var driver = [ScheduleDriver](repeating: .rollup, count: n)
        var remainingStart = [WallMinute?](repeating: nil, count: n)
        var logic = [WallMinute?](repeating: nil, count: n)
        for (c, i) in originalOf.enumerated() {
            es[i] = s.earlyStart[c]; ef[i] = s.earlyFinish[c]; ls[i] = s.lateStart[c]; lf[i] = s.lateFinish[c]
            total[i] = s.totalFloat[c]; free[i] = s.freeFloat[c]; critical[i] = s.critical[c]
            switch s.driver[c] {
            case .link(let k): driver[i] = .link(coreLinkOf[k])
            default: driver[i] = s.driver[c]
            }
            if !s.remainingStart.isEmpty { remainingStart[i] = s.remainingStart[c] }
            if !s.completedLogic.isEmpty { logic[i] = s.completedLogic[c] }
        }
        var done = [Bool](repeating: false, count: n)
        for (i, a) in activities.enumerated() where a.derived == nil { done[i] = a.actualFinish != nil }
        let status = statusDate ?? projectStart
        let finishFrom = max(s.projectFinish, options.finishBy ?? s.projectFinish)
        var notes = s.diagnostics.map { d -> ScheduleDiagnostic in
            var d = d
            d.activities = d.activities.map { $0 < originalOf.count ? originalOf[$0] : $0 }
            return d
        }

        func calendar(_ i: Int) -> CompiledCalendar? {
            calendars.isEmpty ? nil : calendars[activities[i].calendar >= 0 && activities[i].calendar < calendars.count ? activities[i].calendar : 0]
        }
        /// A date moved by a link's lag (back when `back`), on the lag calendar.
        func lagged(_ t: WallMinute, _ l: Link, back: Bool) -> WallMinute {
            let sign: Int64 = back ? -1 : 1
            switch l.lag {
            case .elapsed(let m): return t + sign * m
            case .working(let m):
                guard m != 0 else { return t }
                let owner = options.lagCalendar == .successor ? l.to : options.lagCalendar == .project ? -1 : l.from
                guard let cal = owner < 0 ? calendars.first : calendar(owner) else { return t + sign * m }
                return cal.add(working: sign * m, to: t)
            case .percent: return t
            }
        }
        func nextStart(_ i: Int, _ t: WallMinute) -> WallMinute { calendar(i)?.nextWorkingInstant(onOrAfter: t) ?? t }
        func previousFinish(_ i: Int, _ t: WallMinute) -> WallMinute { calendar(i)?.previousWorkingEnd(onOrBefore: t) ?? t }
        func span(_ i: Int, _ a: WallMinute, _ b: WallMinute) -> Int64 { calendar(i)?.workingMinutes(from: a, to: b) ?? (b - a) }

        var incoming = [[Int]](repeating: [], count: n), outgoing = incoming
        for (k, l) in links.enumerated() { incoming[l.to].append(k); outgoing[l.from].append(k) }

        // Level of effort, in link order among themselves (they are not linked to each other).
        for (i, a) in activities.enumerated() where a.derived == .levelOfEffort {
            if let start = a.actualStart, let finish = a.actualFinish {
                es[i] = start; ef[i] = max(start, finish); ls[i] = es[i]; lf[i] = ef[i]; done[i] = true
                continue
            }
            // (date, from an actual date)
            var starts: [(WallMinute, Bool)] = []
            var earlyFinish: (WallMinute, Bool)? = nil, lateFinish: (WallMinute, Bool)? = nil
            var lateStart: WallMinute? = nil
            func later(_ x: (WallMinute, Bool)?, _ y: (WallMinute, Bool)) -> (WallMinute, Bool) { x.map { $0.0 >= y.0 ? $0 : y } ?? y }
            func earlier(_ x: WallMinute?, _ y: WallMinute) -> WallMinute { min(x ?? y, y) }
            for k in incoming[i] {
                let l = links[k], p = l.from
                guard activities[p].derived == nil else { continue }
                let pa = activities[p]
                switch l.type {
                case .startToStart:
                    if let s = pa.actualStart {
                        starts.append((lagged(s, l, back: false), true))
                    } else {
                        starts.append((lagged(es[p], l, back: false), false))
                    }
                    lateStart = earlier(lateStart, lagged(ls[p], l, back: false))
                case .finishToStart:
                    if let f = pa.actualFinish {
                        starts.append((lagged(f, l, back: false), true))
                        lateStart = earlier(lateStart, lagged(pa.kind != .summary && pa.duration == 0 && !pa.finishMilestone ? ls[p] : f, l, back: false))
                    } else {
                        starts.append((lagged(ef[p], l, back: false), false))
                        lateStart = earlier(lateStart, lagged(lf[p], l, back: false))
                    }
                case .startToFinish:
                    if let s = pa.actualStart {
                        let f = previousFinish(i, lagged(s, l, back: false))
                        earlyFinish = later(earlyFinish, (f, true)); lateFinish = later(lateFinish, (f, true))
                    } else {
                        earlyFinish = later(earlyFinish, (previousFinish(i, lagged(es[p], l, back: false)), false))
                        lateFinish = later(lateFinish, (previousFinish(i, lagged(ls[p], l, back: false)), false))
                    }
                case .finishToFinish:
                    if let f = pa.actualFinish {
                        let t = lagged(f, l, back: false)
                        earlyFinish = later(earlyFinish, (t, true)); lateFinish = later(lateFinish, (t, true))
                    } else {
                        earlyFinish = later(earlyFinish, (previousFinish(i, lagged(ef[p], l, back: false)), false))
                        lateFinish = later(lateFinish, (previousFinish(i, lagged(lf[p], l, back: false)), false))
                    }
                }
            }
            for k in outgoing[i] {
                let l = links[k], x = l.to
                guard activities[x].derived == nil else { continue }
                let xa = activities[x]
                switch l.type {
                case .startToStart:
                    if let s = xa.actualStart {
                        let t = lagged(s, l, back: true)
                        starts.append((t, true)); lateStart = earlier(lateStart, t)
                    } else {
                        starts.append((lagged(es[x], l, back: true), false))
                        lateStart = earlier(lateStart, lagged(ls[x], l, back: true))
                    }
                case .finishToStart:
                    if let s = xa.actualStart {
                        var t = lagged(s, l, back: true)
                        if calendar(i)?.isWorking(at: t) ?? false { t = previousFinish(i, t) }
                        earlyFinish = later(earlyFinish, (t, true)); lateFinish = later(lateFinish, (t, true))
                    } else {
                        earlyFinish = later(earlyFinish, (previousFinish(i, lagged(es[x], l, back: true)), false))
                        lateFinish = later(lateFinish, (previousFinish(i, lagged(ls[x], l, back: true)), false))
                    }
                case .startToFinish:
                    if let f = xa.actualFinish {
                        let t = lagged(f, l, back: true)
                        starts.append((t, true)); lateStart = earlier(lateStart, t)
                    } else {
                        starts.append((lagged(ef[x], l, back: true), false))
                        lateStart = earlier(lateStart, lagged(lf[x], l, back: true))
                    }
                case .finishToFinish:
                    if let f = xa.actualFinish {
                        let t = lagged(f, l, back: true)
                        earlyFinish = later(earlyFinish, (t, true)); lateFinish = later(lateFinish, (t, true))
                    } else {
                        earlyFinish = later(earlyFinish, (previousFinish(i, lagged(ef[x], l, back: true)), false))
                        lateFinish = later(lateFinish, (previousFinish(i, lagged(lf[x], l, back: true)), false))
                    }
                }
            }
            var early = starts.min(by: { $0.0 < $1.0 }) ?? (nextStart(i, status), false)
            var finish = earlyFinish ?? early
            let lateF = lateFinish ?? (finishFrom, false)
            var lateS = lateStart ?? lateF.0
            // Started before the data date: that is its actual start; its remaining work starts at the data date.
            var start = early.0
            var actualStart: WallMinute? = nil
            if early.0 < status {
                actualStart = early.0
                early = (nextStart(i, status), early.1)
            }
            if !finish.1 {
                if finish.0 < status { finish = (status, false) }
                if finish.0 < early.0 { finish = early }
            }
            if lateS > lateF.0 { lateS = lateF.0 }
            let earlyStart = nextStart(i, early.0)
            let earlyFinishValue = early.0 == finish.0 ? earlyStart : finish.0
            if actualStart == nil { start = earlyStart }
            let shownFinish = finish.1 ? finish.0 : earlyFinishValue
            if (finish.1 || lateF.1) && span(i, status, shownFinish) <= 0 {
                // Everything it spans was done before the data date: so is it.
                es[i] = start; ef[i] = shownFinish; ls[i] = start; lf[i] = shownFinish; done[i] = true
                total[i] = 0; free[i] = 0; critical[i] = false
                continue
            }
            es[i] = start
            ef[i] = earlyFinishValue
            ls[i] = lateS < lateF.0 ? nextStart(i, lateS) : lateS
            lf[i] = lateF.0
            remainingStart[i] = earlyStart
        }

        // WBS summaries: the span of the unfinished activities under their node.
        var children = [[Int]](repeating: [], count: n)
        for (i, a) in activities.enumerated() { if let p = a.parent, p >= 0, p < n { children[p].append(i) } }
        /// The activities under a node at any depth, WBS summaries aside: all of them, or the unfinished ones.
        func under(_ node: Int, into list: inout [Int], unfinished: Bool) {
            for c in children[node] {
                if activities[c].kind == .summary { under(c, into: &list, unfinished: unfinished) }
                else if activities[c].derived != .wbsSummary && !(unfinished && done[c]) { list.append(c) }
            }
        }
        for (i, a) in activities.enumerated() where a.derived == .wbsSummary {
            guard let node = a.parent, node >= 0, node < n else {
                notes.append(ScheduleDiagnostic(.invalidLink, .warning, "\(a.name) is a WBS summary outside any WBS node; it is not scheduled", activities: [i]))
                continue
            }
            var all: [Int] = [], list: [Int] = []
            under(node, into: &all, unfinished: false)
            under(node, into: &list, unfinished: true)
            // Its start is the node's: the earliest start of everything under it, done or not.
            es[i] = all.map { es[$0] }.min() ?? es[node]
            ef[i] = all.map { ef[$0] }.max() ?? ef[node]; ls[i] = ls[node]; lf[i] = lf[node]
            guard !list.isEmpty else { done[i] = true; continue }
            let start = list.map { remainingStart[$0] ?? es[$0] }.min()!
            ef[i] = list.map { ef[$0] }.max()!
            ls[i] = list.map { ls[$0] }.min()!
            lf[i] = list.map { lf[$0] }.max()!
            remainingStart[i] = start
        }

        // Floats of the derived activities: no free float; total float by the project's rule.
        for (i, a) in activities.enumerated() where a.derived != nil && !done[i] {
            let from = remainingStart[i] ?? es[i]
            let finishFloat = span(i, ef[i], lf[i]), startFloat = span(i, from, ls[i])
            let isStarted = from != es[i]
            switch options.totalFloat {
            case .finish: total[i] = finishFloat
            case .start: total[i] = startFloat
            case .startThenFinish, .smallest: total[i] = isStarted ? finishFloat : min(startFloat, finishFloat)
            }
            // A level of effort has no free float; a WBS summary, which nothing follows, has the slack to the
            // project's early finish.
            free[i] = a.derived == .wbsSummary ? max(0, span(i, ef[i], s.projectFinish)) : 0
            critical[i] = options.criticalByLongestPath ? a.derived == .wbsSummary && ef[i] == s.projectFinish
                : total[i] <= options.criticalFloat || (options.openEndsCritical && outgoing[i].isEmpty)
            driver[i] = .rollup
        }
        return CriticalPathSchedule(
            earlyStart: es, earlyFinish: ef, lateStart: ls, lateFinish: lf, totalFloat: total, freeFloat: free,
            critical: critical, driver: driver, longestPath: s.longestPath.map { originalOf[$0] },
            projectStart: s.projectStart, projectFinish: s.projectFinish, diagnostics: notes, makespan: s.makespan,
            completedLogic: s.completedLogic.isEmpty ? [] : logic,
            remainingStart: remainingStart.contains(where: { $0 != nil }) ? remainingStart : [])
    }
}
