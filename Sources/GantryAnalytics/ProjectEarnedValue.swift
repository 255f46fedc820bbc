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
    /// An actual cost on a day named by its number (days since 1970-01-01), booked to the activity at `activity`
    /// in the inputs (or to none, -1): what earned value adds up, without converting dates back and forth.
    public struct ActualCost: Sendable, Hashable {
        public var activity: Int
        public var day: Int
        public var minor: Int64

        public init(activity: Int, day: Int, minor: Int64) { self.activity = activity; self.day = day; self.minor = minor }
    }

    public struct ActivityInput: Sendable {
        public var id: Int64
        public var plannedValue: [DayAmount]
        /// 0–100.
        public var percentComplete: Decimal
        /// The same percent as a whole number when it is one (0–100), so EV is computed in integers.
        var wholePercent: Int64?

        public init(id: Int64, plannedValue: [DayAmount], percentComplete: Decimal) {
            self.id = id; self.plannedValue = plannedValue; self.percentComplete = percentComplete
        }

        /// From a percent as the model keeps it: a whole percent is taken as it is, any other by its shortest
        /// decimal text (so 37.5 is exactly 37.5), clamped to 0–100.
        public init(id: Int64, plannedValue: [DayAmount], percent: Double) {
            self.id = id; self.plannedValue = plannedValue
            let clamped = percent.isFinite ? min(max(percent, 0), 100) : 0
            if clamped == clamped.rounded() {
                wholePercent = Int64(clamped)
                percentComplete = Decimal(Int(clamped))
            } else {
                percentComplete = Decimal(string: String(clamped)) ?? 0
            }
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
    /// Cumulative planned value at the end of each day from the baseline's first (minor units), and cumulative
    /// actual cost at the end of each day from `actualFrom` (the first cost) through the status date.
    let plannedByDay: [Int64]
    let actualByDay: [Int64]
    let actualFrom: Int

    /// Cumulative planned value at the end of each day the baseline spans, as dates (for the S-curve).
    public var plannedCurve: [DayAmount] {
        guard let first = baselineStart?.daysSinceEpoch else { return [] }
        return plannedByDay.enumerated().map { DayAmount(day: CalendarDate(daysSinceEpoch: first + $0), minor: $1) }
    }

    /// Cumulative actual cost at the end of each day from the first cost through the status date, as dates.
    public var actualCurve: [DayAmount] {
        actualByDay.enumerated().map { DayAmount(day: CalendarDate(daysSinceEpoch: actualFrom + $0), minor: $1) }
    }

    /// `actualCosts` name their activity by its index in `activities` (-1 for none); costs after the status date
    /// are left out.
    public init(currency: Currency, statusDate: CalendarDate, activities: [ActivityInput],
                actualCosts: [ActualCost] = [], bottomUpEstimateToComplete: Money? = nil) throws(MoneyError) {
        self.currency = currency
        self.statusDate = statusDate
        let status = statusDate.daysSinceEpoch

        // Actual cost per activity, and the first day spent.
        var acOf = [Int64](repeating: 0, count: activities.count)
        var unassigned: Int64 = 0
        var firstSpent = Int.max
        for c in actualCosts where c.day <= status {
            if c.activity >= 0 && c.activity < acOf.count { try Self.add(c.minor, to: &acOf[c.activity], "AC") } else {
                try Self.add(c.minor, to: &unassigned, "AC")
            }
            if c.day < firstSpent { firstSpent = c.day }
        }

        // Planned value by day number, gathered first and then summed into an array spanning the days: hashing
        // dates costs more than the arithmetic. Consecutive days of one month are numbered without the calendar
        // arithmetic.
        var planned: [(day: Int, minor: Int64)] = []
        planned.reserveCapacity(activities.reduce(0) { $0 + $1.plannedValue.count })
        var first = Int.max, last = Int.min
        var bacSum: Int64 = 0, pvSum: Int64 = 0, evSum: Int64 = 0, acSum = unassigned
        var rows: [(id: Int64, amounts: EarnedValueAmounts)] = []
        rows.reserveCapacity(activities.count)
        for (k, a) in activities.enumerated() {
            var bac: Int64 = 0, pv: Int64 = 0
            var year = 0, month = 0, day = 0, n = 0
            for p in a.plannedValue {
                let d = p.day
                if d.year == year && d.month == month { n += d.day - day } else { n = d.daysSinceEpoch; year = d.year; month = d.month }
                day = d.day
                try Self.add(p.minor, to: &bac, "BAC")
                if n <= status { pv += p.minor }
                if n < first { first = n }
                if n > last { last = n }
                planned.append((n, p.minor))
            }
            guard let ev = a.wholePercent.flatMap({ Self.earned(bac, wholePercent: $0) })
                    ?? Self.earned(bac, min(max(a.percentComplete, 0), 100)) else { throw .overflow("EV of \(a.id)") }
            let ac = acOf[k]
            try Self.add(bac, to: &bacSum, "BAC"); try Self.add(pv, to: &pvSum, "PV")
            try Self.add(ev, to: &evSum, "EV"); try Self.add(ac, to: &acSum, "AC")
            rows.append((a.id, try EarnedValueAmounts(
                budgetAtCompletion: Money(minorUnits: bac, currency: currency),
                plannedValue: Money(minorUnits: pv, currency: currency),
                earnedValue: Money(minorUnits: ev, currency: currency),
                actualCost: Money(minorUnits: ac, currency: currency))))
        }
        self.activities = rows
        total = try EarnedValueAmounts(
            budgetAtCompletion: Money(minorUnits: bacSum, currency: currency), plannedValue: Money(minorUnits: pvSum, currency: currency),
            earnedValue: Money(minorUnits: evSum, currency: currency), actualCost: Money(minorUnits: acSum, currency: currency),
            bottomUpEstimateToComplete: bottomUpEstimateToComplete)

        var curve: [Int64] = []
        if first <= last {
            baselineStart = CalendarDate(daysSinceEpoch: first)
            baselineFinish = CalendarDate(daysSinceEpoch: last)
            curve = [Int64](repeating: 0, count: last - first + 1)
            for p in planned { curve[p.day - first] += p.minor }
            for k in curve.indices.dropFirst() { curve[k] += curve[k - 1] }
        } else {
            baselineStart = nil
            baselineFinish = nil
        }
        plannedByDay = curve
        var actual: [Int64] = []
        if firstSpent != Int.max {
            actual = [Int64](repeating: 0, count: max(0, status - firstSpent) + 1)
            for c in actualCosts where c.day <= status { actual[c.day - firstSpent] += c.minor }
            for k in actual.indices.dropFirst() { actual[k] += actual[k - 1] }
        }
        actualByDay = actual
        actualFrom = firstSpent == Int.max ? status : firstSpent
        if first <= last, bacSum > 0 {
            let at = Decimal(max(0, status - first + 1))
            earnedSchedule = ExactEarnedSchedule(cumulativePlannedValueMinor: curve, earnedValueMinor: evSum, actualTime: at)
        } else {
            earnedSchedule = nil
        }
    }

    /// `sum += x`, or an overflow error naming the measure (a constant: this runs for every planned day).
    static func add(_ x: Int64, to sum: inout Int64, _ what: StaticString) throws(MoneyError) {
        let (next, overflow) = sum.addingReportingOverflow(x)
        if overflow { throw .overflow("the project's \(what)") }
        sum = next
    }

    /// BAC × share / 100 rounded half to even, in Decimal.
    static func earned(_ bac: Int64, _ share: Decimal) -> Int64? {
        DecimalRounding.halfEvenInteger(Decimal(bac) * share / 100)
    }

    /// The same for a whole percent, in integers (the usual case, and a hundred times faster than Decimal's
    /// rounding); nil on overflow, where the Decimal path takes over.
    static func earned(_ bac: Int64, wholePercent: Int64) -> Int64? {
        let (product, overflow) = bac.multipliedReportingOverflow(by: wholePercent)
        guard !overflow else { return nil }
        return dividedHalfEven(product, by: 100)
    }

    /// `n / d` (d > 0) rounded half to even, in integers.
    static func dividedHalfEven(_ n: Int64, by d: Int64) -> Int64 {
        let q = n / d, r = n % d
        if r.magnitude * 2 > d.magnitude || (r.magnitude * 2 == d.magnitude && q % 2 != 0) { return n < 0 ? q - 1 : q + 1 }
        return q
    }

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
    /// The `costByDay` of `lines[i]` by day number, appended to `out` as the cost of the activity at `activity`:
    /// no dates made, and the line read in place rather than copied (a portfolio has a hundred thousand).
    public static func appendCostByDay(of lines: [TimesheetLine], at i: Int, activity: Int,
                                       to out: inout [ProjectEarnedValue.ActualCost]) {
        guard let total = lines[i].costMinor else { return }
        if let days = lines[i].costByDayMinor, days.count == 7, days.reduce(0, +) == total {
            let monday = lines[i].weekStart.daysSinceEpoch
            for d in 0..<7 where days[d] != 0 || lines[i].minutes[d] != 0 {
                out.append(.init(activity: activity, day: monday + d, minor: days[d]))
            }
            return
        }
        for d in lines[i].costByDay { out.append(.init(activity: activity, day: d.day.daysSinceEpoch, minor: d.minor)) }
    }

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

/// The bottom-up estimate to complete of a project (the ETC of the bottom-up EAC, DOMAIN.md §1): what its current
/// plan still expects to spend, as MS Project's remaining cost. Each unfinished activity (summaries aside) keeps the
/// remaining share of its work and fixed cost, 100 less the % complete earned value counts (physical where set):
///
/// - labour: each assignment's work (the activity's duration × units), that share of it rounded to the minute,
///   priced at its resource's rate in force on the status date; summed exactly per rate currency (rate in minor
///   units per hour × minutes), divided by 60 and rounded once half to even, then converted to the project's
///   currency at the status month's rate;
/// - fixed cost (in the project's currency): that share of it, rounded half to even.
///
/// So it moves when the plan is re-estimated (a longer duration, more people) or a rate changes, unlike the EACs
/// that extrapolate from CPI. A missing rate is an error naming the resource and the day.
public enum RemainingCost {
    public static func estimate(
        activities: [Activity], assignments: [Assignment], rates: [Resource.ID: RateTable], names: [Resource.ID: String] = [:],
        currency: Currency, exchangeRates: ExchangeRates, on day: CalendarDate
    ) throws(MoneyError) -> Money {
        var slot: [Activity.ID: Int] = [:]
        slot.reserveCapacity(activities.count)
        var remaining = [Double](repeating: 0, count: activities.count)
        var fixed: Int64 = 0
        for i in activities.indices where activities[i].kind != .summary {
            let done = activities[i].earnedPercent
            let share = 100 - (done.isFinite ? min(max(done, 0), 100) : 0)
            guard share > 0 else { continue }
            slot[activities[i].id] = i
            remaining[i] = share
            let cost = activities[i].fixedCostMinor
            guard cost != 0 else { continue }
            let part: Int64?
            if share == share.rounded() {
                part = ProjectEarnedValue.earned(cost, wholePercent: Int64(share))
            } else {
                part = DecimalRounding.halfEvenInteger(Decimal(cost) * (Decimal(string: String(share)) ?? 0) / 100)
            }
            guard let part else { throw .overflow("the remaining fixed cost of \(activities[i].code)") }
            try ProjectEarnedValue.add(part, to: &fixed, "remaining fixed cost")
        }
        var perCurrency: [Currency: Int64] = [:]
        for j in assignments.indices {
            guard let i = slot[assignments[j].activityId] else { continue }
            let minutes = (activities[i].duration.minutes() * assignments[j].units / 100 * remaining[i] / 100).rounded()
            guard minutes > 0 else { continue }
            guard minutes < 1e12 else { throw .overflow("the remaining work of \(activities[i].code)") }
            let resource = assignments[j].resourceId
            guard let rate = rates[resource]?.rate(on: day) else {
                throw MoneyError(code: "no_rate_in_force",
                                 message: "no cost rate of \(names[resource] ?? "resource \(resource)") is in force on \(day) to price the remaining work of \(activities[i].code)")
            }
            let (product, overflow) = rate.minorUnits.multipliedReportingOverflow(by: Int64(minutes))
            if overflow { throw .overflow("the remaining cost of \(activities[i].code)") }
            try ProjectEarnedValue.add(product, to: &perCurrency[rate.currency, default: 0], "remaining cost")
        }
        var total = Money(minorUnits: fixed, currency: currency)
        for (rateCurrency, numerator) in perCurrency.sorted(by: { $0.key < $1.key }) {
            let rounded = ProjectEarnedValue.dividedHalfEven(numerator, by: 60)
            total = try total.adding(exchangeRates.convert(Money(minorUnits: rounded, currency: rateCurrency), to: currency,
                                                            in: CalendarMonth(day)))
        }
        return total
    }
}
