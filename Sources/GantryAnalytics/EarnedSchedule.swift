/// Earned schedule (Lipke, "Schedule is Different", *The Measurable News* 2003; PMI *Practice Standard for EVM*
/// 2nd ed. Appendix D; DOMAIN.md §1.1): the time at which the earned value was planned to be earned, and the
/// time-based indices that follow. Unlike SPI, SPI(t) does not drift back to 1 when a late project finishes.
///
/// `ES = C + I`, where C is the number of whole periods whose cumulative PV is at most EV (the **later** period on
/// a flat stretch of the baseline: PV [10, 10, 20] with EV 10 gives ES 2) and
/// `I = (EV − PV_C) / (PV_{C+1} − PV_C)` with `PV_0 = 0`. ES is capped at the planned duration PD: EV at or above
/// the final PV gives ES = PD. Then, with AT the actual time:
/// - `SV(t) = ES − AT`, `SPI(t) = ES / AT`;
/// - `IEAC(t) = PD / SPI(t)` (= `AT + (PD − ES) / SPI(t)`), the forecast duration;
/// - `TSPI = (PD − ES) / (PD − AT)`, the schedule efficiency the remaining work needs.
///
/// Example (case 4): PV per period [10, 20, 30, 20, 20], EV 45, AT 3 → ES 2.5, SPI(t) 0.8333, IEAC(t) 6.0,
/// TSPI 1.25. All times are in baseline periods.
public struct EarnedSchedule: Sendable, Equatable, Codable {
    /// ES, in periods.
    public let earnedSchedule: Double
    /// AT: the periods elapsed at the status date.
    public let actualTime: Double
    /// PD: the planned duration, the number of periods in the baseline.
    public let plannedDuration: Double

    /// `nil` when the baseline is empty, EV is negative or a value is not finite.
    public init?(plannedValue: CostSeries, earnedValue: Double, actualTime: Double) {
        let cumulative = plannedValue.cumulativeValues
        guard let final = cumulative.last, earnedValue.isFinite, earnedValue >= 0, actualTime.isFinite,
              cumulative.allSatisfy(\.isFinite)
        else { return nil }
        plannedDuration = Double(cumulative.count)
        self.actualTime = actualTime
        if earnedValue >= final {
            earnedSchedule = plannedDuration
            return
        }
        // C: the last period (0…n) whose cumulative PV is at most EV; PV_0 = 0.
        let values = [0] + cumulative
        let c = values.lastIndex { $0 <= earnedValue } ?? 0
        let increment = PerformanceIndex.ratio(earnedValue - values[c], values[c + 1] - values[c]) ?? 0
        earnedSchedule = Double(c) + increment
    }

    /// SV(t) = ES − AT, in periods; negative means late.
    public var scheduleVariance: Double { earnedSchedule - actualTime }
    /// SPI(t) = ES / AT; `nil` at AT = 0.
    public var schedulePerformanceIndex: Double? { PerformanceIndex.ratio(earnedSchedule, actualTime) }
    /// IEAC(t) = PD / SPI(t), the forecast duration in periods; `nil` while SPI(t) is undefined or zero.
    public var independentEstimateAtCompletion: Double? {
        schedulePerformanceIndex.flatMap { PerformanceIndex.ratio(plannedDuration, $0) }
    }
    /// TSPI = (PD − ES) / (PD − AT); `nil` once AT reaches PD exactly.
    public var toCompleteSchedulePerformanceIndex: Double? {
        PerformanceIndex.ratio(plannedDuration - earnedSchedule, plannedDuration - actualTime)
    }
}
