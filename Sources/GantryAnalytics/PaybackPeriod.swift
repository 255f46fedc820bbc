/// How many periods until the cumulative cash flow is recovered, assuming each period's flow arrives evenly.
///
/// `payback = k + |cumulative_k| / CF_{k+1}`, where k is the last period whose cumulative flow is negative
/// (periods counted from the first flow at t = 0). The discounted payback applies the same rule to the
/// discounted flows `CF_t / (1 + r)^t`. `nil` when the investment is never recovered; 0 when nothing is ever
/// owed. Example (DOMAIN.md §5.4, case 32): `[−40000, 5000, 8000, 12000, 30000]` has cumulative −40k, −35k,
/// −27k, −15k, +15k, so the simple payback is 3 + 15/30 = 3.5; discounted at 8 % it is 3.861.
public struct PaybackPeriod: Sendable, Equatable, Codable {
    /// Periods from the first flow.
    public let periods: Double
    /// The discount rate used, or `nil` for the simple (undiscounted) payback.
    public let discountRate: Double?

    /// The simple payback when `discountRate` is nil, the discounted one otherwise.
    public init?(cashFlows: [Double], discountRate: Double? = nil) {
        guard cashFlows.allSatisfy(\.isFinite) else { return nil }
        var flows = cashFlows
        if let rate = discountRate {
            guard rate > -1, rate.isFinite else { return nil }
            var discount = 1.0
            for t in flows.indices {
                flows[t] *= discount
                discount /= 1 + rate
            }
        }
        var cumulative = 0.0
        var lastNegative: (period: Int, cumulative: Double)?
        for (t, flow) in flows.enumerated() {
            cumulative += flow
            if cumulative < 0 { lastNegative = (t, cumulative) }
        }
        if let (k, owed) = lastNegative {
            guard k + 1 < flows.count else { return nil }
            periods = Double(k) + -owed / flows[k + 1]
        } else {
            periods = 0
        }
        self.discountRate = discountRate
    }
}
