public import FoundationEssentials
public import GantryModel

/// What an activity is planned to cost, day by day: the baseline's time-phased cost (planned value by day).
///
/// Each assignment's working minutes are priced at the rate in force that day, scaled by its units; a day's
/// labour is the exact sum over assignments (rate in minor units × minutes × units %) rounded once, half to even,
/// to the minor unit. A rate in another currency is converted with the month's exchange rate (a missing rate is an
/// error naming the month and both currencies). The fixed cost is spread exactly over the working days (the
/// remainder on the first days, ``TimePhasedCost``).
public enum CostPlan {
    public struct Assignment: Sendable {
        /// Units in percent (100 = full time).
        public var unitsPercent: Decimal
        public var rates: RateTable

        public init(unitsPercent: Decimal, rates: RateTable) { self.unitsPercent = unitsPercent; self.rates = rates }
    }

    /// The work (minutes) and the planned value by day of one activity. `workingMinutes` lists its working days
    /// with the calendar's minutes each, in order.
    public static func activity(
        workingMinutes: [(day: CalendarDate, minutes: Int64)], assignments: [Assignment], fixedCost: Money,
        currency: Currency, exchangeRates: ExchangeRates
    ) throws(MoneyError) -> (workMinutes: Int64, plannedValue: [DayAmount]) {
        var byDay: [CalendarDate: Int64] = [:]
        var work = Decimal(0)
        for (day, minutes) in workingMinutes where minutes > 0 {
            var perCurrency: [Currency: Decimal] = [:]
            for a in assignments {
                let worked = Decimal(minutes) * a.unitsPercent / 100
                work += worked
                guard let rate = a.rates.rate(on: day) else {
                    throw MoneyError(code: "no_rate_in_force", message: "no cost rate is in force on \(day)")
                }
                perCurrency[rate.currency, default: 0] += Decimal(rate.minorUnits) * worked / 60
            }
            var dayTotal: Int64 = 0
            for (rateCurrency, minor) in perCurrency {
                guard let units = DecimalRounding.halfEvenInteger(minor) else { throw .overflow("the cost of \(day)") }
                let cost = try exchangeRates.convert(Money(minorUnits: units, currency: rateCurrency), to: currency,
                                                     in: CalendarMonth(day))
                dayTotal += cost.minorUnits
            }
            if dayTotal != 0 { byDay[day, default: 0] += dayTotal }
        }
        if !fixedCost.isZero {
            let fixed = try exchangeRates.convert(fixedCost, to: currency,
                                                  in: CalendarMonth(workingMinutes.first?.day ?? CalendarDate(daysSinceEpoch: 0)))
            let days = workingMinutes.filter { $0.minutes > 0 }.map(\.day)
            let spread = try TimePhasedCost([.init(budget: fixed, workingDays: days.isEmpty ? workingMinutes.prefix(1).map(\.day) : days)],
                                            currency: currency)
            for (day, minor) in spread.days { byDay[day, default: 0] += minor }
        }
        let minutes = DecimalRounding.halfEvenInteger(work) ?? 0
        return (minutes, byDay.keys.sorted().map { DayAmount(day: $0, minor: byDay[$0]!) })
    }
}

/// A project's earned value at a status date against its baseline (DOMAIN.md §1): per activity and for the
/// project, with earned schedule in days and the S-curves.
///
/// - PV: the baseline's planned value through the status date; BAC: all of it.
/// - EV: BAC × % complete (physical % where set), rounded half to even to the minor unit.
/// - AC: approved cost through the status date (timesheets and expenses), by day.
/// - Earned schedule counts calendar days from the baseline's first planned day: AT is the days through the status
///   date, PD the days the baseline spans.
public struct ProjectEarnedValue: Sendable {
    public struct ActivityInput: Sendable {
        public var id: Int64
        public var plannedValue: [DayAmount]
        /// 0–100.
        public var percentComplete: Decimal
        public var actualCost: [DayAmount]

        public init(id: Int64, plannedValue: [DayAmount], percentComplete: Decimal, actualCost: [DayAmount]) {
            self.id = id; self.plannedValue = plannedValue; self.percentComplete = percentComplete
            self.actualCost = actualCost
        }
    }

    public let currency: Currency
    public let statusDate: CalendarDate
    /// Each activity's amounts, in the order given.
    public let activities: [(id: Int64, amounts: EarnedValueAmounts)]
    /// The project's: the activities' summed, with the actual cost not booked to any activity added.
    public let total: EarnedValueAmounts
    /// Nil when the baseline plans no cost.
    public let earnedSchedule: ExactEarnedSchedule?
    /// The baseline's first and last planned days (nil when it plans no cost).
    public let baselineStart: CalendarDate?
    public let baselineFinish: CalendarDate?
    /// Cumulative planned value at the end of each day the baseline spans (minor units), and cumulative actual
    /// cost at the end of each day from the first cost through the status date.
    public let plannedCurve: [DayAmount]
    public let actualCurve: [DayAmount]

    public init(currency: Currency, statusDate: CalendarDate, activities: [ActivityInput],
                unassignedActualCost: [DayAmount] = []) throws(MoneyError) {
        self.currency = currency
        self.statusDate = statusDate
        var rows: [(Int64, EarnedValueAmounts)] = []
        rows.reserveCapacity(activities.count)
        let status = statusDate.daysSinceEpoch
        // Amounts by day number (days since 1970-01-01), gathered first and then summed into arrays spanning the
        // days: hashing dates costs more than the arithmetic.
        var planned: [(day: Int, minor: Int64)] = []
        var spent: [(day: Int, minor: Int64)] = []
        for a in activities {
            var bac: Int64 = 0, pv: Int64 = 0, ac: Int64 = 0
            for p in a.plannedValue {
                let n = p.day.daysSinceEpoch
                bac += p.minor
                if n <= status { pv += p.minor }
                planned.append((n, p.minor))
            }
            for c in a.actualCost {
                let n = c.day.daysSinceEpoch
                guard n <= status else { continue }
                ac += c.minor
                spent.append((n, c.minor))
            }
            let share = min(max(a.percentComplete, 0), 100)
            guard let ev = Self.earned(bac, share) else { throw .overflow("EV of \(a.id)") }
            rows.append((a.id, try EarnedValueAmounts(
                budgetAtCompletion: Money(minorUnits: bac, currency: currency),
                plannedValue: Money(minorUnits: pv, currency: currency),
                earnedValue: Money(minorUnits: ev, currency: currency),
                actualCost: Money(minorUnits: ac, currency: currency))))
        }
        var unassigned: Int64 = 0
        for c in unassignedActualCost {
            let n = c.day.daysSinceEpoch
            guard n <= status else { continue }
            unassigned += c.minor
            spent.append((n, c.minor))
        }
        self.activities = rows
        let summed = try EarnedValueAmounts.sum(rows.map(\.1), currency: currency)
        total = try EarnedValueAmounts(
            budgetAtCompletion: summed.budgetAtCompletion, plannedValue: summed.plannedValue,
            earnedValue: summed.earnedValue, actualCost: summed.actualCost.adding(Money(minorUnits: unassigned, currency: currency)))

        var curve: [DayAmount] = []
        if let first = planned.lazy.map(\.day).min(), let last = planned.lazy.map(\.day).max() {
            baselineStart = CalendarDate(daysSinceEpoch: first)
            baselineFinish = CalendarDate(daysSinceEpoch: last)
            var byDay = [Int64](repeating: 0, count: last - first + 1)
            for p in planned { byDay[p.day - first] += p.minor }
            var running: Int64 = 0
            curve.reserveCapacity(byDay.count)
            for (k, minor) in byDay.enumerated() {
                running += minor
                curve.append(DayAmount(day: CalendarDate(daysSinceEpoch: first + k), minor: running))
            }
        } else {
            baselineStart = nil
            baselineFinish = nil
        }
        plannedCurve = curve
        var actual: [DayAmount] = []
        if let first = spent.lazy.map(\.day).min() {
            var byDay = [Int64](repeating: 0, count: max(0, status - first) + 1)
            for c in spent { byDay[c.day - first] += c.minor }
            var running: Int64 = 0
            actual.reserveCapacity(byDay.count)
            for (k, minor) in byDay.enumerated() {
                running += minor
                actual.append(DayAmount(day: CalendarDate(daysSinceEpoch: first + k), minor: running))
            }
        }
        actualCurve = actual
        if let first = baselineStart, total.budgetAtCompletion.minorUnits > 0 {
            let at = Decimal(max(0, statusDate.daysSinceEpoch - first.daysSinceEpoch + 1))
            earnedSchedule = ExactEarnedSchedule(cumulativePlannedValueMinor: curve.map(\.minor),
                                                 earnedValueMinor: total.earnedValue.minorUnits, actualTime: at)
        } else {
            earnedSchedule = nil
        }
    }

    /// BAC × share / 100 rounded half to even: in integers for a whole percent (the usual case, and a hundred
    /// times faster than Decimal's rounding), otherwise in Decimal; the same result either way.
    static func earned(_ bac: Int64, _ share: Decimal) -> Int64? {
        if let whole = wholePercents[share] {
            let (product, overflow) = bac.multipliedReportingOverflow(by: whole)
            if !overflow {
                let q = product / 100, r = product % 100
                if r.magnitude * 2 > 100 || (r.magnitude * 2 == 100 && q % 2 != 0) { return product < 0 ? q - 1 : q + 1 }
                return q
            }
        }
        return DecimalRounding.halfEvenInteger(Decimal(bac) * share / 100)
    }

    static let wholePercents: [Decimal: Int64] = Dictionary(uniqueKeysWithValues: (0...100).map { (Decimal($0), Int64($0)) })

    /// The day earned schedule reaches (the baseline's first day plus ES days, less one), and the forecast finish
    /// from IEAC(t), when defined.
    public var earnedScheduleDate: CalendarDate? {
        guard let es = earnedSchedule, let first = baselineStart else { return nil }
        let days = DecimalRounding.halfEvenInteger(es.earnedSchedule) ?? 0
        return first.adding(days: Int(days) - 1)
    }

    public var forecastFinish: CalendarDate? {
        guard let es = earnedSchedule, let first = baselineStart, let ieac = es.independentEstimateAtCompletion.value,
              let days = DecimalRounding.halfEvenInteger(ieac), days < 400_000 else { return nil }
        return first.adding(days: Int(days) - 1)
    }
}

extension TimesheetLine {
    /// The approved cost by day: each day's cost as priced at approval (`costByDayMinor`); for a line approved
    /// before day costs were kept, the cost split over the days in proportion to their minutes, exactly (the
    /// remainder one minor unit at a time to the days with the largest remainders, earliest first). Empty until
    /// approved.
    public var costByDay: [DayAmount] {
        guard let total = costMinor, totalMinutes > 0 else { return [] }
        if let days = costByDayMinor, days.count == 7, days.reduce(0, +) == total {
            return days.enumerated().compactMap { i, minor in
                minor == 0 && minutes[i] == 0 ? nil : DayAmount(day: weekStart.adding(days: i), minor: minor)
            }
        }
        let t = Int64(totalMinutes)
        var parts: [(i: Int, minor: Int64, rest: Int64)] = []
        for (i, m) in minutes.enumerated() where m != 0 {
            let exact = total * Int64(m)
            parts.append((i, exact / t, exact % t))
        }
        var left = total - parts.reduce(0) { $0 + $1.minor }
        for k in parts.indices.sorted(by: { parts[$0].rest != parts[$1].rest ? parts[$0].rest > parts[$1].rest : $0 < $1 })
        where left > 0 {
            parts[k].minor += 1
            left -= 1
        }
        return parts.map { DayAmount(day: weekStart.adding(days: $0.i), minor: $0.minor) }
    }
}
