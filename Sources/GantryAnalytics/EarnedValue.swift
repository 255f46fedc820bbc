/// Earned value at a status date: what was planned (PV), what was earned (EV) and what it cost (AC), all
/// cumulative, against the budget at completion (BAC), and everything PMBOK derives from them.
///
/// Formulas (PMBOK® Guide 6th ed. Table 7-1; paulgovan/PRA `R/evm.R`; DOMAIN.md §1.1):
/// - `SV = EV − PV`, `CV = EV − AC` (positive is good);
/// - `SPI = EV / PV`, `CPI = EV / AC` — `nil` when the denominator is zero, never NaN or ∞;
/// - EAC by ``EstimateMethod``; `ETC = EAC − AC`; `VAC = BAC − EAC` (negative is a forecast overrun);
/// - `TCPI = (BAC − EV) / (BAC − AC)` to the budget, `(BAC − EV) / (EAC − AC)` to an estimate (above 1 the
///   remaining work must be done more efficiently than so far).
///
/// Example (PRA book, case 2): BAC 500,000, planned [10, 25, 50, 75, 100] %, period 3, 40 % complete, period costs
/// [45k, 110k, 135k] → PV 250,000, EV 200,000, AC 290,000, SPI 0.8, CPI 0.6897, EAC (typical) 725,000.
public struct EarnedValue: Sendable, Equatable, Codable {
    /// BAC: the total authorised budget (performance measurement baseline, without management reserve).
    public let budgetAtCompletion: Double
    /// PV (BCWS): the budget of the work scheduled up to the status date, cumulative.
    public let plannedValue: Double
    /// EV (BCWP): the budget of the work performed, cumulative.
    public let earnedValue: Double
    /// AC (ACWP): the actual cost of the work performed, cumulative.
    public let actualCost: Double

    public init(budgetAtCompletion: Double, plannedValue: Double, earnedValue: Double, actualCost: Double) {
        self.budgetAtCompletion = budgetAtCompletion
        self.plannedValue = plannedValue
        self.earnedValue = earnedValue
        self.actualCost = actualCost
    }

    /// The simple model: `PV = BAC × plannedFractions[period − 1]` (cumulative planned fractions; a period after
    /// the last one is planned complete, PV = BAC × the last fraction), `EV = BAC × percentComplete` (a fraction,
    /// 0.35 for 35 %), `AC` = the actual costs through `period`. `nil` when `period` is below 1 or beyond the
    /// actual costs.
    public init?(
        budgetAtCompletion: Double,
        plannedFractions: [Double],
        period: Int,
        percentComplete: Double,
        actualCosts: CostSeries
    ) {
        guard period >= 1, let last = plannedFractions.last, let actual = actualCosts.total(through: period)
        else { return nil }
        let planned = period <= plannedFractions.count ? plannedFractions[period - 1] : last
        self.init(
            budgetAtCompletion: budgetAtCompletion,
            plannedValue: budgetAtCompletion * planned,
            earnedValue: budgetAtCompletion * percentComplete,
            actualCost: actual
        )
    }

    /// SV = EV − PV; above zero means ahead of schedule.
    public var scheduleVariance: Double { earnedValue - plannedValue }
    /// CV = EV − AC; above zero means under budget.
    public var costVariance: Double { earnedValue - actualCost }
    /// SPI = EV / PV, `nil` while PV is zero.
    public var schedulePerformanceIndex: Double? { PerformanceIndex.ratio(earnedValue, plannedValue) }
    /// CPI = EV / AC, `nil` while AC is zero.
    public var costPerformanceIndex: Double? { PerformanceIndex.ratio(earnedValue, actualCost) }

    /// EAC by the given method; `nil` when an index it needs is undefined.
    public func estimateAtCompletion(_ method: EstimateMethod) -> Double? {
        method.estimate(
            budgetAtCompletion: budgetAtCompletion,
            earnedValue: earnedValue,
            actualCost: actualCost,
            costPerformanceIndex: costPerformanceIndex,
            schedulePerformanceIndex: schedulePerformanceIndex
        )
    }

    /// ETC = EAC − AC (for the typical method this is `(BAC − EV) / CPI`; for bottom-up, the team's estimate).
    public func estimateToComplete(_ method: EstimateMethod) -> Double? {
        estimateAtCompletion(method).map { $0 - actualCost }
    }

    /// VAC = BAC − EAC; below zero means a forecast overrun.
    public func varianceAtCompletion(_ method: EstimateMethod) -> Double? {
        estimateAtCompletion(method).map(varianceAtCompletion(estimateAtCompletion:))
    }

    /// VAC = BAC − EAC for an estimate made elsewhere.
    public func varianceAtCompletion(estimateAtCompletion: Double) -> Double {
        budgetAtCompletion - estimateAtCompletion
    }

    /// TCPI: the cost efficiency the remaining work needs to land on the target, `(BAC − EV) / (target − AC)`;
    /// `nil` when the target is already spent to the cent (or an estimate cannot be made).
    public func toCompletePerformanceIndex(_ target: CompletionTarget = .budget) -> Double? {
        let goal: Double?
        switch target {
        case .budget: goal = budgetAtCompletion
        case .estimate(let method): goal = estimateAtCompletion(method)
        case .amount(let amount): goal = amount
        }
        guard let goal else { return nil }
        return PerformanceIndex.ratio(budgetAtCompletion - earnedValue, goal - actualCost)
    }
}

/// What the remaining work is measured against in a TCPI.
public enum CompletionTarget: Sendable, Equatable, Codable {
    /// TCPI to BAC: finish within the original budget.
    case budget
    /// TCPI to EAC computed by a method.
    case estimate(EstimateMethod)
    /// TCPI to an EAC given as an amount (a management-approved estimate).
    case amount(Double)
}

/// How the estimate at completion is forecast (PMBOK® Guide 6th ed. Table 7-1).
public enum EstimateMethod: Sendable, Equatable, Codable {
    /// `BAC / CPI` (= `AC + (BAC − EV) / CPI`): today's cost efficiency continues.
    case typical
    /// `AC + (BAC − EV)`: the variance so far will not recur.
    case atypical
    /// `AC + (BAC − EV) / (CPI × SPI)`: both cost and schedule performance weigh on the remaining work.
    case costAndSchedule
    /// `AC + ETC`: the team re-estimated the remaining work bottom-up.
    case bottomUp(estimateToComplete: Double)

    /// The formula itself, for indices from anywhere (PRA's `eac()` takes them as arguments). `nil` when an index
    /// the method needs is `nil` or zero.
    public func estimate(
        budgetAtCompletion: Double,
        earnedValue: Double,
        actualCost: Double,
        costPerformanceIndex: Double?,
        schedulePerformanceIndex: Double?
    ) -> Double? {
        switch self {
        case .typical:
            guard let cpi = costPerformanceIndex else { return nil }
            return PerformanceIndex.ratio(budgetAtCompletion, cpi)
        case .atypical:
            return actualCost + (budgetAtCompletion - earnedValue)
        case .costAndSchedule:
            guard let cpi = costPerformanceIndex, let spi = schedulePerformanceIndex,
                  let remaining = PerformanceIndex.ratio(budgetAtCompletion - earnedValue, cpi * spi)
            else { return nil }
            return actualCost + remaining
        case .bottomUp(let estimateToComplete):
            return actualCost + estimateToComplete
        }
    }
}
