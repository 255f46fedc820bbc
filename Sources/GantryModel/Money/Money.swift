public import FoundationEssentials

/// An exact amount of money: a whole number of minor units (cents for EUR, yen for JPY, fils for BHD) with its
/// currency beside it. Never a `Double`.
///
/// Adding or subtracting amounts of different currencies is an error that names both (convert first with
/// ``ExchangeRates``). Multiplying by a `Decimal` quantity (hours, a share, a rate) rounds once, half to even, to
/// the minor unit (see ``DecimalRounding`` for why half-even). Encoded as `{"minorUnits": 123450, "currency": "EUR"}`.
public struct Money: Sendable, Hashable, Codable, CustomStringConvertible {
    public let minorUnits: Int64
    public let currency: Currency

    public init(minorUnits: Int64, currency: Currency) {
        self.minorUnits = minorUnits
        self.currency = currency
    }

    public static func zero(_ currency: Currency) -> Money { Money(minorUnits: 0, currency: currency) }

    /// An amount in major units (euros, yen) rounded half to even to the minor unit: 12.345 EUR → 12.34,
    /// 12.355 EUR → 12.36.
    public init(rounding amount: Decimal, currency: Currency) throws(MoneyError) {
        let minor = amount * Self.scale(currency)
        guard let units = DecimalRounding.halfEvenInteger(minor) else {
            throw .overflow("\(amount) \(currency.code)")
        }
        self.init(minorUnits: units, currency: currency)
    }

    /// The amount in major units, exactly (123450 EUR minor units → 1234.5).
    public var amount: Decimal { Decimal(minorUnits) / Self.scale(currency) }

    public var isZero: Bool { minorUnits == 0 }
    public var negated: Money { Money(minorUnits: -minorUnits, currency: currency) }

    public func adding(_ other: Money) throws(MoneyError) -> Money {
        guard currency == other.currency else { throw .mismatch(currency, other.currency, "add") }
        let (sum, overflow) = minorUnits.addingReportingOverflow(other.minorUnits)
        guard !overflow else { throw .overflow("\(self) + \(other)") }
        return Money(minorUnits: sum, currency: currency)
    }

    public func subtracting(_ other: Money) throws(MoneyError) -> Money {
        guard currency == other.currency else { throw .mismatch(currency, other.currency, "subtract") }
        let (difference, overflow) = minorUnits.subtractingReportingOverflow(other.minorUnits)
        guard !overflow else { throw .overflow("\(self) − \(other)") }
        return Money(minorUnits: difference, currency: currency)
    }

    public static func + (lhs: Money, rhs: Money) throws(MoneyError) -> Money { try lhs.adding(rhs) }
    public static func - (lhs: Money, rhs: Money) throws(MoneyError) -> Money { try lhs.subtracting(rhs) }

    /// `self × quantity`, rounded once, half to even, to the minor unit: EUR 0.25 × 0.5 = 0.125 → EUR 0.12;
    /// EUR 0.35 × 0.5 = 0.175 → EUR 0.18.
    public func multiplied(by quantity: Decimal) throws(MoneyError) -> Money {
        guard let units = DecimalRounding.halfEvenInteger(Decimal(minorUnits) * quantity) else {
            throw .overflow("\(self) × \(quantity)")
        }
        return Money(minorUnits: units, currency: currency)
    }

    /// The exact sum of `amounts`, all in `currency` (zero when empty).
    public static func sum(_ amounts: some Sequence<Money>, in currency: Currency) throws(MoneyError) -> Money {
        var total = Money.zero(currency)
        for amount in amounts { total = try total.adding(amount) }
        return total
    }

    /// `"EUR 1,234.50"`, `"EUR -0.05"`, `"JPY 1,235"`, `"BHD 1.250"`: the code, a space, the sign, the major
    /// units grouped by thousands with commas, and every minor-unit digit. The same for every locale: it is for
    /// logs, exports and tests; pages format with the reader's conventions.
    public var formatted: String { "\(currency.code) \(amountText())" }

    /// The amount without its currency code: `"1,234.50"`, `"-0.05"`, `"1,235"` (JPY); ungrouped, `"1234.50"`,
    /// the exact text a form field holds. Both read back with ``init(parsing:currency:)``.
    public func amountText(grouped: Bool = true) -> String {
        let digits = currency.minorUnitDigits
        let magnitude = minorUnits.magnitude
        var divisor: UInt64 = 1
        for _ in 0..<digits { divisor *= 10 }
        let whole = String(magnitude / divisor)
        var text = minorUnits < 0 ? "-" : ""
        for (i, ch) in whole.enumerated() {
            if grouped, i > 0, (whole.count - i) % 3 == 0 { text.append(",") }
            text.append(ch)
        }
        if digits > 0 {
            let fraction = String(magnitude % divisor)
            text += "." + String(repeating: "0", count: digits - fraction.count) + fraction
        }
        return text
    }

    public var description: String { formatted }

    static func scale(_ currency: Currency) -> Decimal {
        var scale = Decimal(1)
        for _ in 0..<currency.minorUnitDigits { scale *= 10 }
        return scale
    }
}
