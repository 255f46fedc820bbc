public import GantryModel

/// The four cumulative amounts of earned value at a status date, in one currency, exact (DOMAIN.md §1.1): BAC, PV,
/// EV and AC, and optionally the team's bottom-up estimate to complete. What ``ExactEarnedValue`` computes from.
///
/// Per activity, EV is `BAC × % complete` (or physical % complete where set), PV comes from the baseline's
/// time-phased cost and AC from approved timesheets and expenses; those are the callers' sums. Roll-ups add the
/// amounts of activities (``sum(_:currency:)``) or of projects converted to a reporting currency
/// (``rollUp(_:to:in:rates:)``); indices are then computed from the sums, never averaged.
public struct EarnedValueAmounts: Sendable, Hashable, Codable {
    public let currency: Currency
    /// BAC: the total authorised budget (performance measurement baseline, without management reserve).
    public let budgetAtCompletion: Money
    /// PV (BCWS): the budget of the work scheduled up to the status date, cumulative.
    public let plannedValue: Money
    /// EV (BCWP): the budget of the work performed, cumulative.
    public let earnedValue: Money
    /// AC (ACWP): the actual cost of the work performed, cumulative.
    public let actualCost: Money
    /// The team's re-estimate of the remaining work, when it made one (for the bottom-up EAC).
    public let bottomUpEstimateToComplete: Money?

    /// All amounts must be in one currency; otherwise a `currency_mismatch` error names both.
    public init(
        budgetAtCompletion: Money, plannedValue: Money, earnedValue: Money, actualCost: Money,
        bottomUpEstimateToComplete: Money? = nil
    ) throws(MoneyError) {
        let currency = budgetAtCompletion.currency
        // Checked one by one rather than as an array: a portfolio makes a hundred thousand of these.
        func check(_ other: Currency?) throws(MoneyError) {
            guard let other, other != currency else { return }
            throw MoneyError(
                code: "currency_mismatch",
                message: "earned value amounts must share one currency: BAC is in \(currency.code), another in \(other.code)"
            )
        }
        try check(plannedValue.currency)
        try check(earnedValue.currency)
        try check(actualCost.currency)
        try check(bottomUpEstimateToComplete?.currency)
        self.currency = currency
        self.budgetAtCompletion = budgetAtCompletion
        self.plannedValue = plannedValue
        self.earnedValue = earnedValue
        self.actualCost = actualCost
        self.bottomUpEstimateToComplete = bottomUpEstimateToComplete
    }

    /// The amounts of activities (or projects) in one currency, added exactly. The bottom-up ETC is summed when
    /// every part has one, otherwise left out (a partial re-estimate is not an estimate of the whole).
    public static func sum(_ parts: [EarnedValueAmounts], currency: Currency) throws(MoneyError) -> EarnedValueAmounts {
        var bac = Money.zero(currency), pv = bac, ev = bac, ac = bac
        var etc: Money? = parts.isEmpty ? nil : bac
        for part in parts {
            bac = try bac.adding(part.budgetAtCompletion)
            pv = try pv.adding(part.plannedValue)
            ev = try ev.adding(part.earnedValue)
            ac = try ac.adding(part.actualCost)
            if let sofar = etc, let own = part.bottomUpEstimateToComplete { etc = try sofar.adding(own) } else { etc = nil }
        }
        return try EarnedValueAmounts(
            budgetAtCompletion: bac, plannedValue: pv, earnedValue: ev, actualCost: ac, bottomUpEstimateToComplete: etc
        )
    }

    /// The amounts of projects (or programs) in their own currencies, each converted to `reporting` at `month`'s
    /// rates (each amount rounded half to even to the reporting minor unit) and then summed. A missing rate is an
    /// error naming the month and both currencies.
    public static func rollUp(
        _ parts: [EarnedValueAmounts], to reporting: Currency, in month: CalendarMonth, rates: ExchangeRates
    ) throws(MoneyError) -> EarnedValueAmounts {
        var converted: [EarnedValueAmounts] = []
        for part in parts {
            let convert = { (m: Money) throws(MoneyError) -> Money in try rates.convert(m, to: reporting, in: month) }
            var etc: Money?
            if let own = part.bottomUpEstimateToComplete { etc = try convert(own) }
            converted.append(try EarnedValueAmounts(
                budgetAtCompletion: try convert(part.budgetAtCompletion), plannedValue: try convert(part.plannedValue),
                earnedValue: try convert(part.earnedValue), actualCost: try convert(part.actualCost),
                bottomUpEstimateToComplete: etc
            ))
        }
        return try sum(converted, currency: reporting)
    }
}
