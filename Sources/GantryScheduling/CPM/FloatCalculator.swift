import GantryModel

/// Total and free float of every activity, in working minutes of its own calendar.
///
/// Total float is late start − early start (late finish − early finish for started work). Free float is the
/// least slack on any outgoing link before the successor's early date would move, or the slack to the project
/// finish without successors; it is kept within [0, total float] — MS Project stores 1d, not 2d, for A under an
/// FF −1d link (DOMAIN.md §2.6) and 0, not a negative number, when total float is negative (case 16, SNLT).
/// Primavera keeps it only from going negative (`withinTotal` false): an activity with negative total float
/// can have free float.
struct FloatCalculator<Axis: TimeAxis> {
    let network: CompiledNetwork
    let axis: Axis
    let rules: ActivityRules
    /// `ScheduleInput.Options.freeFloatWithinTotal`.
    var withinTotal = true

    func run(es: [Int64], ef: [Int64], ls: [Int64], lf: [Int64], projectFinish: Int64) -> (total: [Int64], free: [Int64]) {
        let n = network.count
        var total = [Int64](repeating: 0, count: n)
        var free = [Int64](repeating: 0, count: n)
        for j in 0..<n where !network.isSummary[j] {
            if let rule = rules.rule(j), rule.isStarted {
                total[j] = rule.isFinished ? 0 : axis.span(j, from: ef[j], to: lf[j])
            } else {
                total[j] = axis.span(j, from: es[j], to: ls[j])
            }
            var slack = Int64.max
            for k in network.outgoing(j) {
                let l = Int(network.outLinks[k])
                let s = Int(network.linkTo[l])
                let lag = network.linkLag[l], el = network.linkElapsed[l], a = Int(network.linkLagAnchor[l])
                let value: Int64
                switch network.linkType[l] {
                case .finishToStart: value = axis.span(j, from: axis.after(ef[j], lag: lag, elapsed: el, anchor: a), to: es[s])
                case .startToStart: value = axis.span(j, from: axis.after(es[j], lag: lag, elapsed: el, anchor: a), to: es[s])
                case .finishToFinish: value = axis.span(j, from: axis.after(ef[j], lag: lag, elapsed: el, anchor: a), to: ef[s])
                case .startToFinish: value = axis.span(j, from: axis.after(es[j], lag: lag, elapsed: el, anchor: a), to: ef[s])
                }
                slack = min(slack, value)
            }
            if slack == .max { slack = axis.span(j, from: ef[j], to: projectFinish) }
            free[j] = max(0, withinTotal ? min(slack, total[j]) : slack)
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
}
