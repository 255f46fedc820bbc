/// The internal rate of return: the rate per period r > −1 at which the net present value of the flows
/// (first flow at t = 0) is zero, `Σ CF_t / (1 + r)^t = 0`.
///
/// Rules (DOMAIN.md §5.4, following numpy-financial's `irr`):
/// - when the flows' signs never change there is no IRR: `nil`;
/// - a series with several sign changes can have several IRRs (Descartes' rule of signs bounds their number);
///   the root **closest to zero** is returned, as numpy-financial does.
///
/// Method: the NPV is scanned on a fixed grid of rates from −99.9 % to 10,000 % (dense near zero); every
/// sign change brackets a root, which a safeguarded Newton iteration (bisection whenever a Newton step would
/// leave the bracket) narrows to 1e-12. A root where the NPV only touches zero without crossing it is not
/// found. Examples: `[−150000, 15000, 25000, 35000, 45000, 60000]` → 0.0524 (numpy-financial tests);
/// `[−40000, 5000, 8000, 12000, 30000]` → 0.10582 (case 32).
public struct InternalRateOfReturn: Sendable, Equatable, Codable {
    /// The rate per period (0.0524 for 5.24 %).
    public let rate: Double

    /// `nil` when the signs never change, an input is not finite, or no root lies in the scanned range.
    public init?(cashFlows: [Double]) {
        guard cashFlows.allSatisfy(\.isFinite) else { return nil }
        let signs = cashFlows.filter { $0 != 0 }.map { $0 > 0 }
        guard let first = signs.first, signs.contains(!first) else { return nil }
        let npv = { (rate: Double) in NetPresentValue.sum(rate: rate, cashFlows: cashFlows) }
        var best: Double?
        var previous: (rate: Double, value: Double)?
        for rate in Self.grid {
            guard let value = npv(rate) else { previous = nil; continue }
            var root: Double?
            if value == 0 {
                root = rate
            } else if let (lowRate, lowValue) = previous, lowValue != 0, (lowValue < 0) != (value < 0) {
                root = Self.refine(low: lowRate, high: rate, lowValue: lowValue, cashFlows: cashFlows)
            }
            if let root, abs(root) < abs(best ?? .infinity) { best = root }
            previous = (rate, value)
        }
        guard let best else { return nil }
        self.rate = best
    }

    /// Rates to scan: fine steps near zero, coarser far away.
    static let grid: [Double] = {
        var rates: [Double] = [-0.999, -0.995, -0.99, -0.98, -0.97, -0.96]
        var r = -0.95
        while r < 1.0 { rates.append(r); r += 0.005 }
        r = 1.0
        while r < 100 { rates.append(r); r *= 1.05 }
        return rates
    }()

    /// Narrows a bracketed root: Newton steps (derivative `−Σ t CF_t (1 + r)^−(t+1)`) when they stay inside the
    /// bracket, bisection otherwise.
    static func refine(low: Double, high: Double, lowValue: Double, cashFlows: [Double]) -> Double {
        var low = low, high = high
        let lowIsNegative = lowValue < 0
        var x = (low + high) / 2
        for _ in 0..<200 {
            var value = 0.0, derivative = 0.0
            var discount = 1.0
            let factor = 1 / (1 + x)
            for (t, flow) in cashFlows.enumerated() {
                value += flow * discount
                derivative -= Double(t) * flow * discount * factor
                discount *= factor
            }
            if value == 0 { return x }
            if (value < 0) == lowIsNegative { low = x } else { high = x }
            if high - low < 1e-12 { break }
            let newton = x - value / derivative
            x = (derivative != 0 && newton > low && newton < high && newton.isFinite) ? newton : (low + high) / 2
        }
        return x
    }
}
