/// Cost rates over time for one resource or one role: each rate per hour is in force from its effective date until
/// the next one takes over, so a rate change in July prices July's work at the new rate.
///
/// ``cost(of:)`` prices each worked day at the rate in force that day and sums the exact products (rate in minor
/// units × minutes) before one half-even division by 60, so splitting a week into days never adds a rounding. A
/// worked day before the first rate is an error (`no_rate_in_force`) that names the day.
public struct RateTable: Sendable, Hashable, Codable {
    public struct Entry: Sendable, Hashable, Codable {
        public let effectiveFrom: CalendarDate
        public let perHour: Money

        public init(effectiveFrom: CalendarDate, perHour: Money) {
            self.effectiveFrom = effectiveFrom
            self.perHour = perHour
        }
    }

    /// Oldest first, one per date.
    public let entries: [Entry]
    public let currency: Currency

    /// All entries in `currency` (the one of the first when omitted), no two from the same day, at least one.
    public init(_ entries: [Entry], currency: Currency? = nil) throws(MoneyError) {
        guard let currency = currency ?? entries.first?.perHour.currency else {
            throw MoneyError(code: "invalid_rate", message: "a rate table needs at least one rate")
        }
        let sorted = entries.sorted { $0.effectiveFrom < $1.effectiveFrom }
        for (i, entry) in sorted.enumerated() {
            guard entry.perHour.currency == currency else {
                throw .mismatch(currency, entry.perHour.currency, "mix rates in")
            }
            if i > 0, sorted[i - 1].effectiveFrom == entry.effectiveFrom {
                throw MoneyError(code: "invalid_rate", message: "two rates take effect on \(entry.effectiveFrom)")
            }
        }
        self.entries = sorted
        self.currency = currency
    }

    /// The rate per hour in force on `day`: the latest entry effective on or before it; `nil` before the first.
    public func rate(on day: CalendarDate) -> Money? {
        var low = 0, high = entries.count
        while low < high {
            let mid = (low + high) / 2
            if entries[mid].effectiveFrom <= day { low = mid + 1 } else { high = mid }
        }
        return low == 0 ? nil : entries[low - 1].perHour
    }

    /// The cost of the minutes worked on each day, each day at its own rate. Days with zero minutes need no rate.
    /// Example: EUR 100.00/h from Monday, EUR 120.00/h from Thursday, 480 minutes Monday to Friday →
    /// 3 × 800.00 + 2 × 960.00 = EUR 4,320.00.
    public func cost(of minutesByDay: [CalendarDate: Int64]) throws(MoneyError) -> Money {
        var minorMinutes: Int64 = 0  // Σ rate (minor units per hour) × minutes
        for day in minutesByDay.keys.sorted() {
            let minutes = minutesByDay[day]!
            if minutes == 0 { continue }
            guard let rate = rate(on: day) else {
                throw MoneyError(code: "no_rate_in_force", message: "no cost rate is in force on \(day)")
            }
            let (product, o1) = rate.minorUnits.multipliedReportingOverflow(by: minutes)
            let (sum, o2) = minorMinutes.addingReportingOverflow(product)
            guard !o1, !o2 else { throw .overflow("the cost through \(day)") }
            minorMinutes = sum
        }
        return Money(minorUnits: Self.divideHalfEven(minorMinutes, by: 60), currency: currency)
    }

    /// `n / d` rounded half to even (`d` > 0).
    static func divideHalfEven(_ n: Int64, by d: Int64) -> Int64 {
        let q = n / d, r = n % d  // r has n's sign
        let twice = r.magnitude * 2
        if twice > d.magnitude || (twice == d.magnitude && q % 2 != 0) { return n < 0 ? q - 1 : q + 1 }
        return q
    }
}
