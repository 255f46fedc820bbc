/// The money side of an intake request: costs and benefits per period, from which the net flows and their
/// appraisal (NPV, IRR, MIRR, simple and discounted payback) follow. Period 0 is the first period; with the
/// default convention its net flow is at t = 0, undiscounted (DOMAIN.md §5.4).
public struct BusinessCase: Sendable, Equatable, Codable {
    /// Costs per period, positive numbers.
    public var costs: [Double]
    /// Benefits per period, positive numbers.
    public var benefits: [Double]

    public init(costs: [Double], benefits: [Double]) {
        self.costs = costs
        self.benefits = benefits
    }

    /// `benefits[t] − costs[t]` for every period; the shorter list counts as zero beyond its end.
    public var netFlows: [Double] {
        (0..<max(costs.count, benefits.count)).map { t in
            (t < benefits.count ? benefits[t] : 0) - (t < costs.count ? costs[t] : 0)
        }
    }

    /// Every figure at once, each `nil` where undefined.
    public func appraisal(
        discountRate: Double,
        convention: DiscountingConvention = .firstFlowAtTimeZero,
        financeRate: Double? = nil,
        reinvestRate: Double? = nil
    ) -> Appraisal {
        let flows = netFlows
        return Appraisal(
            netPresentValue: NetPresentValue(rate: discountRate, cashFlows: flows, convention: convention),
            internalRateOfReturn: InternalRateOfReturn(cashFlows: flows),
            modifiedInternalRateOfReturn: ModifiedInternalRateOfReturn(
                cashFlows: flows, financeRate: financeRate ?? discountRate, reinvestRate: reinvestRate ?? discountRate
            ),
            payback: PaybackPeriod(cashFlows: flows),
            discountedPayback: PaybackPeriod(cashFlows: flows, discountRate: discountRate)
        )
    }

    /// A business case's figures. The NPV carries its convention; MIRR uses the discount rate for financing and
    /// reinvestment unless other rates were given.
    public struct Appraisal: Sendable, Equatable, Codable {
        public let netPresentValue: NetPresentValue?
        public let internalRateOfReturn: InternalRateOfReturn?
        public let modifiedInternalRateOfReturn: ModifiedInternalRateOfReturn?
        public let payback: PaybackPeriod?
        public let discountedPayback: PaybackPeriod?
    }
}
