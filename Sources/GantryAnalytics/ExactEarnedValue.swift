public import FoundationEssentials
public import GantryModel

/// Earned value at a status date computed exactly, in `Decimal` amounts of one currency: the companion of the
/// `Double`-based ``EarnedValue`` for money that must add up to the cent (issue #15).
///
/// Formulas (PMBOK® Guide 6th ed. Table 7-1; DOMAIN.md §1.1), each index or forecast a ``Measure`` that is
/// undefined, with the reason, where a denominator is zero:
/// - `SV = EV − PV`, `CV = EV − AC` (exact differences);
/// - `SPI = EV / PV`, `CPI = EV / AC`;
/// - EAC by ``ExactEstimateMethod``: typical `BAC / CPI`, atypical `AC + (BAC − EV)`, cost-and-schedule
///   `AC + (BAC − EV) / (CPI × SPI)`, bottom-up `AC + ETC`;
/// - `ETC = EAC − AC`, `VAC = BAC − EAC`;
/// - TCPI to BAC `(BAC − EV) / (BAC − AC)`, to an EAC `(BAC − EV) / (EAC − AC)`.
///
/// Forecasts divide once, last (`BAC / CPI` is computed as `BAC × AC / EV`), so an amount that is whole is whole:
/// PRA's book example gives EAC 725,000 exactly, not 725,000.000…01.
public struct ExactEarnedValue: Sendable, Hashable {
    /// The currency of the amounts, when they came from ``EarnedValueAmounts``.
    public let currency: Currency?
    public let budgetAtCompletion: Decimal
    public let plannedValue: Decimal
    public let earnedValue: Decimal
    public let actualCost: Decimal
    public let bottomUpEstimateToComplete: Decimal?

    public init(
        budgetAtCompletion: Decimal, plannedValue: Decimal, earnedValue: Decimal, actualCost: Decimal,
        bottomUpEstimateToComplete: Decimal? = nil
    ) {
        currency = nil
        self.budgetAtCompletion = budgetAtCompletion
        self.plannedValue = plannedValue
        self.earnedValue = earnedValue
        self.actualCost = actualCost
        self.bottomUpEstimateToComplete = bottomUpEstimateToComplete
    }

    /// From money amounts in one currency (a single activity, or a roll-up's sums).
    public init(_ amounts: EarnedValueAmounts) {
        currency = amounts.currency
        budgetAtCompletion = amounts.budgetAtCompletion.amount
        plannedValue = amounts.plannedValue.amount
        earnedValue = amounts.earnedValue.amount
        actualCost = amounts.actualCost.amount
        bottomUpEstimateToComplete = amounts.bottomUpEstimateToComplete?.amount
    }

    /// The simple model of DOMAIN.md §1.1: `PV = BAC × plannedFractions[period − 1]` (cumulative fractions; past
    /// the last period, the last), `EV = BAC × percentComplete` (a fraction), AC the actual cost through `period`
    /// (a cumulative series or amounts per period). `nil` when `period` is below 1 or beyond the actual costs.
    public init?(
        budgetAtCompletion: Decimal, plannedFractions: [Decimal], period: Int, percentComplete: Decimal,
        actualCosts: [Decimal], actualCostsAreCumulative: Bool
    ) {
        guard period >= 1, period <= actualCosts.count, let last = plannedFractions.last else { return nil }
        let planned = period <= plannedFractions.count ? plannedFractions[period - 1] : last
        let actual = actualCostsAreCumulative
            ? actualCosts[period - 1] : actualCosts.prefix(period).reduce(Decimal(0), +)
        self.init(
            budgetAtCompletion: budgetAtCompletion, plannedValue: budgetAtCompletion * planned,
            earnedValue: budgetAtCompletion * percentComplete, actualCost: actual
        )
    }

    /// SV = EV − PV; above zero means ahead of schedule.
    public var scheduleVariance: Decimal { earnedValue - plannedValue }
    /// CV = EV − AC; above zero means under budget.
    public var costVariance: Decimal { earnedValue - actualCost }
    /// SPI = EV / PV; undefined while PV is 0.
    public var schedulePerformanceIndex: Measure {
        .ratio(earnedValue, plannedValue, otherwise: "SPI is undefined: PV is 0")
    }
    /// CPI = EV / AC; undefined while AC is 0.
    public var costPerformanceIndex: Measure {
        .ratio(earnedValue, actualCost, otherwise: "CPI is undefined: AC is 0")
    }

    /// EAC by `method`, in the amounts' unit.
    public func estimateAtCompletion(_ method: ExactEstimateMethod) -> Measure {
        let remaining = budgetAtCompletion - earnedValue
        switch method {
        case .typical:
            // BAC / CPI = BAC × AC / EV; CPI must exist (AC ≠ 0) and be non-zero (EV ≠ 0).
            if actualCost.isZero { return .undefined(reason: "EAC (BAC / CPI) is undefined: AC is 0, so CPI is") }
            return .ratio(budgetAtCompletion * actualCost, earnedValue,
                          otherwise: "EAC (BAC / CPI) is undefined: EV is 0, so CPI is 0")
        case .atypical:
            return .value(actualCost + remaining)
        case .costAndSchedule:
            // AC + (BAC − EV) / (CPI × SPI) = AC + (BAC − EV) × AC × PV / EV².
            if actualCost.isZero { return .undefined(reason: "EAC (CPI × SPI) is undefined: AC is 0, so CPI is") }
            if plannedValue.isZero { return .undefined(reason: "EAC (CPI × SPI) is undefined: PV is 0, so SPI is") }
            return Measure.ratio(remaining * actualCost * plannedValue, earnedValue * earnedValue,
                                 otherwise: "EAC (CPI × SPI) is undefined: EV is 0, so CPI × SPI is 0")
                .map { actualCost + $0 }
        case .bottomUp:
            guard let etc = bottomUpEstimateToComplete else {
                return .undefined(reason: "EAC (bottom-up) is undefined: no bottom-up ETC was given")
            }
            return .value(actualCost + etc)
        }
    }

    /// ETC = EAC − AC (for the typical method, `(BAC − EV) / CPI`; for bottom-up, the team's estimate).
    public func estimateToComplete(_ method: ExactEstimateMethod) -> Measure {
        estimateAtCompletion(method).map { $0 - actualCost }
    }

    /// VAC = BAC − EAC; below zero means a forecast overrun.
    public func varianceAtCompletion(_ method: ExactEstimateMethod) -> Measure {
        estimateAtCompletion(method).map { budgetAtCompletion - $0 }
    }

    /// TCPI to BAC: `(BAC − EV) / (BAC − AC)`; undefined once AC equals BAC.
    public var toCompletePerformanceIndexToBudget: Measure {
        .ratio(budgetAtCompletion - earnedValue, budgetAtCompletion - actualCost,
               otherwise: "TCPI to BAC is undefined: AC equals BAC, no budget is left")
    }

    /// TCPI to the EAC of `method`: `(BAC − EV) / (EAC − AC)`; undefined with the EAC, or when EAC equals AC.
    public func toCompletePerformanceIndex(toEstimate method: ExactEstimateMethod) -> Measure {
        switch estimateAtCompletion(method) {
        case .undefined(let reason): .undefined(reason: "TCPI to EAC is undefined: \(reason)")
        case .value(let eac): Self.toCompletePerformanceIndex(
            budgetAtCompletion: budgetAtCompletion, earnedValue: earnedValue, actualCost: actualCost, target: eac)
        }
    }

    /// TCPI to any target (BAC, an EAC, a management-approved estimate): `(BAC − EV) / (target − AC)`.
    public static func toCompletePerformanceIndex(
        budgetAtCompletion: Decimal, earnedValue: Decimal, actualCost: Decimal, target: Decimal
    ) -> Measure {
        .ratio(budgetAtCompletion - earnedValue, target - actualCost,
               otherwise: "TCPI is undefined: the target equals AC, nothing is left to spend")
    }
}

/// How the estimate at completion is forecast (PMBOK® Guide 6th ed. Table 7-1), for ``ExactEarnedValue``.
public enum ExactEstimateMethod: String, Sendable, Hashable, Codable, CaseIterable {
    /// `BAC / CPI` (= `AC + (BAC − EV) / CPI`): today's cost efficiency continues ("typical").
    case typical
    /// `AC + (BAC − EV)`: the variance so far will not recur ("atypical").
    case atypical
    /// `AC + (BAC − EV) / (CPI × SPI)`: both cost and schedule performance weigh on the remaining work.
    case costAndSchedule
    /// `AC + ETC` with the team's bottom-up ETC.
    case bottomUp

    /// The formula on indices given from anywhere (PRA's `eac()` takes them as arguments); `cpi`/`spi` are only
    /// read by the methods that need them, and `bottomUpEstimateToComplete` only by `.bottomUp`.
    public func estimate(
        budgetAtCompletion bac: Decimal, earnedValue ev: Decimal, actualCost ac: Decimal,
        costPerformanceIndex cpi: Decimal? = nil, schedulePerformanceIndex spi: Decimal? = nil,
        bottomUpEstimateToComplete etc: Decimal? = nil
    ) -> Measure {
        switch self {
        case .typical:
            guard let cpi else { return .undefined(reason: "EAC (BAC / CPI) is undefined: no CPI") }
            return .ratio(bac, cpi, otherwise: "EAC (BAC / CPI) is undefined: CPI is 0")
        case .atypical:
            return .value(ac + (bac - ev))
        case .costAndSchedule:
            guard let cpi, let spi else { return .undefined(reason: "EAC (CPI × SPI) is undefined: no CPI or SPI") }
            return Measure.ratio(bac - ev, cpi * spi, otherwise: "EAC (CPI × SPI) is undefined: CPI × SPI is 0")
                .map { ac + $0 }
        case .bottomUp:
            guard let etc else { return .undefined(reason: "EAC (bottom-up) is undefined: no bottom-up ETC was given") }
            return .value(ac + etc)
        }
    }
}
