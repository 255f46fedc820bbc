/// A time-phased money series, given either as running totals or as amounts per period (PRA's `ac()` accepts
/// both, DOMAIN.md §1.1). Periods are numbered from 1; "through period 0" is always 0.
public enum CostSeries: Sendable, Equatable, Codable {
    /// Running totals: `values[t − 1]` is the total through period t.
    case cumulative([Double])
    /// Amounts per period: the total through period t is `values[0] + … + values[t − 1]`.
    case perPeriod([Double])

    /// The number of periods the series covers.
    public var periodCount: Int {
        switch self {
        case .cumulative(let values), .perPeriod(let values): values.count
        }
    }

    /// Running totals for periods 1…n.
    public var cumulativeValues: [Double] {
        switch self {
        case .cumulative(let values):
            return values
        case .perPeriod(let values):
            var total = 0.0
            return values.map { total += $0; return total }
        }
    }

    /// The total through `period`, or `nil` when the period is negative or beyond the series.
    /// Example (PRA tests): `.cumulative([9000, 27000, 63000])` through 2 is 27,000; `.perPeriod([9000, 18000,
    /// 36000])` through 3 is 63,000.
    public func total(through period: Int) -> Double? {
        guard period >= 0, period <= periodCount else { return nil }
        return period == 0 ? 0 : cumulativeValues[period - 1]
    }
}
