import GantryModel

/// Total and free float of every activity, in working minutes of its own calendar.
///
/// Total float is late start − early start (late finish − early finish for started work), or Primavera's choice
/// (`ScheduleInput.TotalFloatRule`). Free float is the
/// least slack on any outgoing link before the successor's early date would move, or the slack to the project
/// finish without successors; it is kept within [0, total float] — MS Project stores 1d, not 2d, for A under an
/// FF −1d link (DOMAIN.md §2.6) and 0, not a negative number, when total float is negative (case 16, SNLT).
/// Primavera's rule is its own (`primaveraFree`): an activity with negative total float can have free float.
struct FloatCalculator<Axis: TimeAxis> {
    let network: CompiledNetwork
    let axis: Axis
    let rules: ActivityRules
    /// `ScheduleInput.Options.freeFloat`.
    var rule: ScheduleInput.FreeFloatRule = .withinTotal
    /// The status (data) date on the axis: Primavera's free float never counts from before it.
    var statusDate: Int64? = nil
    /// `ScheduleInput.Options.completedUntilStatusDate` (P6's progress override): completed successors, and
    /// started ones across a link to their start, leave free float alone.
    var completedUntilStatusDate = false
    /// `ScheduleInput.Options.totalFloat`.
    var totalRule: ScheduleInput.TotalFloatRule = .startThenFinish

    /// `logic`: completed activities' logic dates (`ForwardPass.Output.logic`), and `remainingStart`: where the
    /// remaining work of activities under way starts (`ForwardPass.Output.remainingStart`); Primavera's free
    /// float measures from and to those.
    func run(es: [Int64], ef: [Int64], ls: [Int64], lf: [Int64], projectFinish: Int64,
             logic: [Int64] = [], remainingStart: [Int64] = []) -> (total: [Int64], free: [Int64]) {
        let n = network.count
        var total = [Int64](repeating: 0, count: n)
        var free = [Int64](repeating: 0, count: n)
        for j in 0..<n where !network.isSummary[j] {
            let started = rules.rule(j)?.isStarted ?? false
            if rules.rule(j)?.isFinished ?? false {
                total[j] = 0
            } else {
                let finishFloat = axis.span(j, from: ef[j], to: lf[j])
                // Start float of work under way runs from where its remaining work starts.
                let from = started && j < remainingStart.count && remainingStart[j] != ActivityRules.none ? remainingStart[j] : es[j]
                switch totalRule {
                case .startThenFinish: total[j] = started ? finishFloat : axis.span(j, from: es[j], to: ls[j])
                case .finish: total[j] = finishFloat
                case .start: total[j] = axis.span(j, from: from, to: ls[j])
                case .smallest: total[j] = started ? finishFloat : min(finishFloat, axis.span(j, from: es[j], to: ls[j]))
                }
            }
            if rule == .primavera {
                free[j] = primaveraFree(j, es: es, ef: ef, projectFinish: projectFinish, logic: logic,
                                        remainingStart: remainingStart)
                continue
            }
            var slack = Int64.max
            for k in network.outgoing(j) {
                let o = network.outLink(k)
                // From this activity's date, moved on by the lag, to the successor's date the link reaches.
                let from = o.fromStart ? es[j] : ef[j]
                let to = o.toStart ? es[o.successor] : ef[o.successor]
                slack = min(slack, axis.span(j, from: axis.after(from, lag: o.lag, elapsed: o.elapsed, anchor: o.anchor), to: to))
            }
            if slack == .max { slack = axis.span(j, from: ef[j], to: projectFinish) }
            free[j] = max(0, min(slack, total[j]))
        }
        // A summary's float is the least of its parts' (children come first in the order).
        if !network.children.isEmpty {
            for jj in network.order where network.isSummary[Int(jj)] {
                let j = Int(jj)
                var t = Int64.max
                for k in network.childRange(j) { t = min(t, total[Int(network.children[k])]) }
                total[j] = t == .max ? 0 : t
            }
        }
        return (total, free)
    }

    /// Primavera's free float: none for completed work or a mandatory finish; otherwise the least, over its links,
    /// of the working time on its own calendar from its date, moved on by the lag on the link's lag calendar (a
    /// lead stops at the data date), to its successor's. Work under way counts from where its remaining work starts (a start-to-start lag from it
    /// less the work already done), completed successors at their logic dates. Without successors: the time to
    /// the project finish, none for a mandatory start or finish (a Start On or Finish On, which logic may move,
    /// has some). Never below zero.
    func primaveraFree(_ j: Int, es: [Int64], ef: [Int64], projectFinish: Int64, logic: [Int64],
                       remainingStart: [Int64]) -> Int64 {
        let own = rules.rule(j)
        if own?.isFinished == true { return 0 }
        if let own, own.constraint == .mustFinishOn, !own.soft, own.constraintValue != ActivityRules.none { return 0 }
        func done(_ i: Int) -> Int64? { i < logic.count && logic[i] != ActivityRules.none ? logic[i] : nil }
        func finish(_ i: Int) -> Int64 { done(i) ?? ef[i] }
        func start(_ i: Int) -> Int64 {
            if let d = done(i) { return d }
            return i < remainingStart.count && remainingStart[i] != ActivityRules.none ? remainingStart[i] : es[i]
        }
        var slack = Int64.max
        for k in network.outgoing(j) {
            let o = network.outLink(k)
            if completedUntilStatusDate, let next = rules.rule(o.successor), next.isFinished || (next.isStarted && o.toStart) {
                continue
            }
            // The lag runs on the link's lag calendar (a 24-hour lag through the night), as the forward pass runs
            // it, and a lead never reaches back before the data date; the slack is then counted on this activity's
            // calendar.
            func lagged(_ t: Int64, by lag: Int64) -> Int64 {
                guard lag != 0 else { return t }
                let d = axis.after(t, lag: lag, elapsed: o.elapsed, anchor: o.anchor)
                if lag < 0, let status = statusDate, d < status { return status }
                return d
            }
            var lag = o.lag
            if o.type == .startToStart, let own, own.isStarted {
                // From work under way: the lag less the work done by the data date.
                lag = max(0, own.run(j, until: statusDate, axis: axis).left(o.lag, fromStart: true))
            }
            let from = o.fromStart ? start(j) : ef[j]
            let to = o.toStart ? start(o.successor) : finish(o.successor)
            slack = min(slack, axis.span(j, from: lagged(from, by: lag), to: to))
        }
        if slack == .max {
            if let own, own.constraint == .mustStartOn, !own.soft, own.constraintValue != ActivityRules.none { return 0 }
            slack = axis.span(j, from: ef[j], to: projectFinish)
        }
        return max(0, slack)
    }
}
