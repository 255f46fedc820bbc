/// Where the first cash flow of a series sits in time. Both conventions are in common use and give different
/// numbers for the same series, so Gantry never computes an NPV without one, and carries it in the result
/// (DESIGN.md, "Decisions already taken"; DOMAIN.md §5.4, "Convention trap").
public enum DiscountingConvention: String, CaseIterable, Sendable, Codable {
    /// The first flow is at t = 0 and is not discounted: `NPV = Σ_{t=0}^{n} CF_t / (1 + r)^t`.
    /// The textbook and `numpy_financial.npv` convention; Gantry's default.
    case firstFlowAtTimeZero = "first_flow_at_time_zero"
    /// The first flow is discounted one period: `NPV = Σ_{t=1}^{n+1} CF_t / (1 + r)^t`. The convention of
    /// spreadsheet and VBA `NPV()` ("the investment begins one period before the first value").
    case firstFlowDiscounted = "first_flow_discounted"

    /// The exponent of the first flow's discount factor: 0 or 1.
    var firstExponent: Int { self == .firstFlowAtTimeZero ? 0 : 1 }

    /// Words a UI can show next to the number.
    public var explanation: String {
        switch self {
        case .firstFlowAtTimeZero: "first cash flow at t = 0, not discounted"
        case .firstFlowDiscounted: "first cash flow discounted one period (spreadsheet NPV)"
        }
    }
}

/// The net present value of a series of equally spaced cash flows at a discount rate per period, and the
/// convention it was computed with.
///
/// `NPV = Σ_t CF_t / (1 + r)^(t + k)`, t = 0…n, where k = 0 for ``DiscountingConvention/firstFlowAtTimeZero``
/// (textbook, numpy-financial) and k = 1 for ``DiscountingConvention/firstFlowDiscounted`` (spreadsheets).
/// The two differ by exactly one factor of (1 + r). Example (DOMAIN.md §5.4, case 32):
/// `npv(0.08, [−40000, 5000, 8000, 12000, 30000])` is 3065.22 at t = 0.
public struct NetPresentValue: Sendable, Equatable, Codable {
    /// The net present value, in the cash flows' unit.
    public let value: Double
    /// The discount rate per period (0.08 for 8 %).
    public let rate: Double
    /// Which convention produced ``value``; show it with the number.
    public let convention: DiscountingConvention

    /// `nil` when the rate is not above −100 % or any input is not finite (the value would be meaningless).
    public init?(rate: Double, cashFlows: [Double], convention: DiscountingConvention = .firstFlowAtTimeZero) {
        guard let value = Self.sum(rate: rate, cashFlows: cashFlows, firstExponent: convention.firstExponent)
        else { return nil }
        self.value = value
        self.rate = rate
        self.convention = convention
    }

    /// `Σ CF_t (1 + r)^−(t + firstExponent)`, or nil when undefined. Shared by IRR, MIRR and payback.
    static func sum(rate: Double, cashFlows: [Double], firstExponent: Int = 0) -> Double? {
        guard rate > -1, rate.isFinite, cashFlows.allSatisfy(\.isFinite) else { return nil }
        let factor = 1 / (1 + rate)
        var discount = firstExponent == 0 ? 1.0 : factor
        var total = 0.0
        for flow in cashFlows {
            total += flow * discount
            discount *= factor
        }
        return total.isFinite ? total : nil
    }
}
