public import FoundationEssentials

/// The table of exchange rates the PMO keeps, by month: `rate(from: EUR, to: USD, in: 2026-07) = 1.0856` means one
/// euro is 1.0856 dollars for July 2026's figures. Programs and portfolios roll their projects up into a reporting
/// currency through it.
///
/// A missing rate is an error (`missing_exchange_rate`) that names the month and both currencies, never a silent
/// 1.0. The inverse of a rate is not implied: a PMO that reports both ways keeps both rates (an inverse would be a
/// rounded division the PMO never agreed to). A currency converts to itself with no rate.
public struct ExchangeRates: Sendable, Hashable, Codable {
    public struct Key: Sendable, Hashable, Codable {
        public let month: CalendarMonth
        public let from: Currency
        public let to: Currency

        public init(month: CalendarMonth, from: Currency, to: Currency) {
            self.month = month
            self.from = from
            self.to = to
        }
    }

    public private(set) var rates: [Key: Decimal]

    public init() { rates = [:] }

    /// Sets the rate of `from` to `to` for `month`; it must be above zero.
    public mutating func set(_ rate: Decimal, from: Currency, to: Currency, in month: CalendarMonth) throws(MoneyError) {
        guard rate > 0, !rate.isNaN else {
            throw MoneyError(code: "invalid_rate", message: "the \(from.code)→\(to.code) rate for \(month) must be above zero, not \(rate)")
        }
        rates[Key(month: month, from: from, to: to)] = rate
    }

    /// The rate of `from` to `to` in `month` (1 when they are the same currency).
    public func rate(from: Currency, to: Currency, in month: CalendarMonth) throws(MoneyError) -> Decimal {
        if from == to { return 1 }
        guard let rate = rates[Key(month: month, from: from, to: to)] else {
            throw MoneyError(
                code: "missing_exchange_rate",
                message: "no exchange rate from \(from.code) to \(to.code) for \(month)"
            )
        }
        return rate
    }

    /// `money` in `currency` at `month`'s rate, rounded once, half to even, to the target's minor unit:
    /// EUR 100.00 at 1.0856 → USD 108.56; JPY 1,000 at 0.00615 EUR → EUR 6.15.
    public func convert(_ money: Money, to currency: Currency, in month: CalendarMonth) throws(MoneyError) -> Money {
        if money.currency == currency { return money }
        let rate = try rate(from: money.currency, to: currency, in: month)
        return try Money(rounding: money.amount * rate, currency: currency)
    }
}
