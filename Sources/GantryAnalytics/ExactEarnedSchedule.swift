public import FoundationEssentials
public import GantryModel

/// Earned schedule computed exactly in `Decimal` (Lipke 2003; DOMAIN.md §1.1), the companion of the
/// `Double`-based ``EarnedSchedule``: `ES = C + (EV − PV_C) / (PV_{C+1} − PV_C)` with `PV_0 = 0`, C the last
/// period whose cumulative PV is at most EV (the later one on a flat stretch), capped at PD when EV reaches the
/// final PV. Then `SV(t) = ES − AT`, `SPI(t) = ES / AT`, `IEAC(t) = PD / SPI(t)` (computed as `PD × AT / ES`),
/// `TSPI = (PD − ES) / (PD − AT)`. Times are in baseline periods.
///
/// Example (case 4): PV per period [10, 20, 30, 20, 20], EV 45, AT 3 → ES 2.5, SV(t) −0.5, IEAC(t) 6.
public struct ExactEarnedSchedule: Sendable, Hashable {
    /// ES, in periods.
    public let earnedSchedule: Decimal
    /// AT: the periods elapsed at the status date.
    public let actualTime: Decimal
    /// PD: the planned duration, the number of periods in the baseline.
    public let plannedDuration: Decimal

    /// `cumulativePlannedValue[t − 1]` is the PV through period t. `nil` when the baseline is empty or EV is
    /// negative.
    public init?(cumulativePlannedValue pv: [Decimal], earnedValue ev: Decimal, actualTime: Decimal) {
        guard let final = pv.last, ev >= 0, !ev.isNaN else { return nil }
        plannedDuration = Decimal(pv.count)
        self.actualTime = actualTime
        if ev >= final {
            earnedSchedule = plannedDuration
            return
        }
        let values = [Decimal(0)] + pv
        let c = values.lastIndex { $0 <= ev } ?? 0
        let step = values[c + 1] - values[c]  // > 0: values[c + 1] > ev ≥ values[c]
        earnedSchedule = Decimal(c) + (ev - values[c]) / step
    }

    /// The same from amounts in minor units of one currency, comparing integers (a project's daily curve has
    /// hundreds of periods; Decimal comparisons cost more than the rest of its earned value).
    public init?(cumulativePlannedValueMinor pv: [Int64], earnedValueMinor ev: Int64, actualTime: Decimal) {
        guard let final = pv.last, ev >= 0 else { return nil }
        plannedDuration = Decimal(pv.count)
        self.actualTime = actualTime
        if ev >= final {
            earnedSchedule = plannedDuration
            return
        }
        // As above on [0] + pv: c is the last period whose cumulative PV is at most EV.
        let c = pv.lastIndex { $0 <= ev }.map { $0 + 1 } ?? 0
        let below: Int64 = c == 0 ? 0 : pv[c - 1]
        earnedSchedule = Decimal(c) + Decimal(ev - below) / Decimal(pv[c] - below)
    }

    /// From money: the cumulative PV by period and EV, all in one currency.
    public init?(cumulativePlannedValue pv: [Money], earnedValue ev: Money, actualTime: Decimal) throws(MoneyError) {
        for p in pv where p.currency != ev.currency { throw MoneyError(
            code: "currency_mismatch", message: "PV is in \(p.currency.code) but EV in \(ev.currency.code)") }
        self.init(cumulativePlannedValue: pv.map(\.amount), earnedValue: ev.amount, actualTime: actualTime)
    }

    /// SV(t) = ES − AT, in periods; negative means late.
    public var scheduleVariance: Decimal { earnedSchedule - actualTime }
    /// SPI(t) = ES / AT; undefined at AT = 0.
    public var schedulePerformanceIndex: Measure {
        .ratio(earnedSchedule, actualTime, otherwise: "SPI(t) is undefined: AT is 0")
    }
    /// IEAC(t) = PD / SPI(t), the forecast duration in periods; undefined while SPI(t) is undefined or 0.
    public var independentEstimateAtCompletion: Measure {
        if actualTime.isZero { return .undefined(reason: "IEAC(t) is undefined: AT is 0, so SPI(t) is") }
        return .ratio(plannedDuration * actualTime, earnedSchedule,
                      otherwise: "IEAC(t) is undefined: ES is 0, so SPI(t) is 0")
    }
    /// TSPI = (PD − ES) / (PD − AT); undefined once AT reaches PD exactly.
    public var toCompleteSchedulePerformanceIndex: Measure {
        .ratio(plannedDuration - earnedSchedule, plannedDuration - actualTime,
               otherwise: "TSPI is undefined: AT equals PD")
    }
}
