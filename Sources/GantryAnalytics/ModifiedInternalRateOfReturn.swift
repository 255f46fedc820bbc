internal import Foundation

/// The modified internal rate of return: negative flows are financed at `financeRate`, positive flows are
/// reinvested at `reinvestRate`, giving one unambiguous rate even when the signs change several times.
///
/// `MIRR = (PV_reinvest(positive flows) / |PV_finance(negative flows)|)^(1/(n−1)) × (1 + reinvestRate) − 1`,
/// with n the number of flows and both present values at t = 0 (numpy-financial's `mirr`). Example
/// (numpy-financial tests, case 35): `[−4500, −800, 800, 800, 600, 600, 800, 800, 700, 3000]` financed at 8 %,
/// reinvested at 5.5 % → 0.0666.
public struct ModifiedInternalRateOfReturn: Sendable, Equatable, Codable {
    /// The rate per period.
    public let rate: Double
    public let financeRate: Double
    public let reinvestRate: Double

    /// `nil` when the flows are not both positive and negative somewhere, there are fewer than two, or a rate is
    /// not above −100 %.
    public init?(cashFlows: [Double], financeRate: Double, reinvestRate: Double) {
        guard cashFlows.count > 1,
              let gains = NetPresentValue.sum(rate: reinvestRate, cashFlows: cashFlows.map { max($0, 0) }),
              let costs = NetPresentValue.sum(rate: financeRate, cashFlows: cashFlows.map { min($0, 0) }),
              gains != 0, costs != 0
        else { return nil }
        let rate = pow(abs(gains) / abs(costs), 1 / Double(cashFlows.count - 1)) * (1 + reinvestRate) - 1
        guard rate.isFinite else { return nil }
        self.rate = rate
        self.financeRate = financeRate
        self.reinvestRate = reinvestRate
    }
}
