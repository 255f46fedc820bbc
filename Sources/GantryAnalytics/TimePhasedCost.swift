public import GantryModel

/// Planned value by day: each activity's budget spread evenly over the working days its baseline schedules it on,
/// exactly (integer minor units, never `Double`), and summed over activities. What PV at a status date and the
/// earned-schedule series are read from.
///
/// An activity's budget `B` minor units over `n` working days gives each day `B / n` minor units, and the first
/// `B mod n` days one more, so that the days add up to `B` exactly (EUR 1,000.00 over 3 days: 333.34, 333.33,
/// 333.33). A milestone (no working day) puts its whole budget on its own day. All budgets are in one currency.
///
/// Pure: the working days come from the caller (the baseline's dates on the activity's calendar).
public struct TimePhasedCost: Sendable, Hashable {
    public let currency: Currency
    /// Minor units planned on each day, days in order (days with nothing planned are left out).
    public let days: [(day: CalendarDate, minorUnits: Int64)]

    /// One activity's part: its budget and the working days it is planned on (in any order; duplicates count once),
    /// or for a milestone its day alone.
    public struct Part: Sendable, Hashable {
        public var budget: Money
        public var workingDays: [CalendarDate]
        public init(budget: Money, workingDays: [CalendarDate]) {
            self.budget = budget; self.workingDays = workingDays
        }
    }

    /// Spreads every part's budget over its days and adds the parts. A part in another currency is an error naming
    /// both; a part with a budget and no day at all is an error (a budget needs a day to be planned on).
    public init(_ parts: [Part], currency: Currency) throws(MoneyError) {
        var byDay: [CalendarDate: Int64] = [:]
        for (k, part) in parts.enumerated() {
            guard part.budget.currency == currency else {
                throw MoneyError(code: "currency_mismatch",
                                 message: "part \(k + 1) is budgeted in \(part.budget.currency.code), the plan in \(currency.code)")
            }
            let days = Array(Set(part.workingDays)).sorted()
            if part.budget.isZero { continue }
            guard !days.isEmpty else {
                throw MoneyError(code: "no_working_day", message: "part \(k + 1) has a budget of \(part.budget.formatted) and no day to plan it on")
            }
            let n = Int64(days.count)
            let each = part.budget.minorUnits / n, extra = part.budget.minorUnits % n
            for (i, day) in days.enumerated() {
                // The remainder's sign follows the budget's: a negative budget (a credit) spreads the same way.
                let one: Int64 = Int64(i) < abs(extra) ? (extra < 0 ? -1 : 1) : 0
                byDay[day, default: 0] += each + one
            }
        }
        self.currency = currency
        self.days = byDay.keys.sorted().map { ($0, byDay[$0]!) }
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.currency == rhs.currency && lhs.days.map(\.day) == rhs.days.map(\.day)
            && lhs.days.map(\.minorUnits) == rhs.days.map(\.minorUnits)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(currency)
        for d in days { hasher.combine(d.day); hasher.combine(d.minorUnits) }
    }

    /// The budget at completion: every day's planned value.
    public var total: Money { Money(minorUnits: days.reduce(0) { $0 + $1.minorUnits }, currency: currency) }

    /// Planned value through `day` (that day included): PV at a status date.
    public func cumulative(through day: CalendarDate) -> Money {
        Money(minorUnits: days.lazy.filter { $0.day <= day }.reduce(0) { $0 + $1.minorUnits }, currency: currency)
    }

    /// Planned value per month, months in order from the first planned day's to the last's (a month with nothing
    /// planned is there with zero).
    public var byMonth: [(month: CalendarMonth, planned: Money)] {
        guard let first = days.first?.day, let last = days.last?.day else { return [] }
        var totals: [CalendarMonth: Int64] = [:]
        for d in days { totals[CalendarMonth(d.day), default: 0] += d.minorUnits }
        var out: [(CalendarMonth, Money)] = []
        var m = CalendarMonth(first)
        let end = CalendarMonth(last)
        while m <= end {
            out.append((m, Money(minorUnits: totals[m] ?? 0, currency: currency)))
            m = m.month == 12 ? CalendarMonth(year: m.year + 1, month: 1)! : CalendarMonth(year: m.year, month: m.month + 1)!
        }
        return out
    }

    /// The cumulative planned value at the end of each month (`byMonth` added up): the series earned schedule
    /// reads (`ExactEarnedSchedule(cumulativePlannedValue:earnedValue:actualTime:)`, periods of a month).
    public var cumulativeByMonth: [Money] {
        var running: Int64 = 0
        return byMonth.map { running += $0.planned.minorUnits; return Money(minorUnits: running, currency: currency) }
    }
}
