import Foundation
import GantryModel
import Testing

/// Every expected value here is worked by hand in the comment beside it.
@Suite("Money")
struct MoneyTests {
    static func eur(_ minor: Int64) -> Money { Money(minorUnits: minor, currency: .eur) }

    @Test("currencies know their minor-unit digits: 2 by default, 0 for JPY, 3 for BHD, KWD, JOD, OMR, TND")
    func minorUnitDigits() throws {
        #expect(Currency.eur.minorUnitDigits == 2)
        #expect(Currency.jpy.minorUnitDigits == 0)
        for code in ["BHD", "KWD", "JOD", "OMR", "TND"] { #expect(try Currency(code).minorUnitDigits == 3) }
        #expect(try Currency("usd") == .usd)
        let error = #expect(throws: MoneyError.self) { try Currency("EURO") }
        #expect(error?.code == "invalid_currency")
        #expect(error?.message.contains("EURO") == true)
    }

    @Test("addition and subtraction are exact in minor units")
    func exactArithmetic() throws {
        // 0.10 + 0.20 = 0.30 exactly (10 + 20 = 30 cents), the sum a Double gets wrong.
        #expect(try Self.eur(10) + Self.eur(20) == Self.eur(30))
        #expect(try Self.eur(10) - Self.eur(25) == Self.eur(-15))
        #expect(try Money.sum([Self.eur(1), Self.eur(2), Self.eur(3)], in: .eur) == Self.eur(6))
        #expect(Self.eur(123_450).amount == Decimal(string: "1234.5"))
    }

    @Test("adding different currencies is an error naming both")
    func currencyMismatch() {
        let error = #expect(throws: MoneyError.self) { try Self.eur(100) + Money(minorUnits: 100, currency: .usd) }
        #expect(error?.code == "currency_mismatch")
        #expect(error?.message.contains("EUR") == true)
        #expect(error?.message.contains("USD") == true)
    }

    @Test("multiplying by a quantity rounds half to even to the minor unit")
    func halfEvenMultiplication() throws {
        // EUR 0.25 × 0.5 = 12.5 cents: a tie, to the even 12.
        #expect(try Self.eur(25).multiplied(by: Decimal(string: "0.5")!) == Self.eur(12))
        // EUR 0.35 × 0.5 = 17.5 cents: a tie, to the even 18.
        #expect(try Self.eur(35).multiplied(by: Decimal(string: "0.5")!) == Self.eur(18))
        // −12.5 cents: to the even −12 (half-even is symmetric about zero).
        #expect(try Self.eur(-25).multiplied(by: Decimal(string: "0.5")!) == Self.eur(-12))
        // 25 × 0.50000001 = 12.50000025 cents: above half, so 13.
        #expect(try Self.eur(25).multiplied(by: Decimal(string: "0.50000001")!) == Self.eur(13))
        // EUR 100.00/h × 7.5 h = 750.00.
        #expect(try Self.eur(10_000).multiplied(by: Decimal(string: "7.5")!) == Self.eur(75_000))
        // JPY has no minor unit: 5 × 0.5 = 2.5 → 2; 7 × 0.5 = 3.5 → 4.
        #expect(try Money(minorUnits: 5, currency: .jpy).multiplied(by: Decimal(string: "0.5")!).minorUnits == 2)
        #expect(try Money(minorUnits: 7, currency: .jpy).multiplied(by: Decimal(string: "0.5")!).minorUnits == 4)
    }

    @Test("an amount in major units rounds half to even to the currency's minor unit")
    func roundingMajorUnits() throws {
        // 12.345 EUR = 1234.5 cents → 1234; 12.355 EUR = 1235.5 cents → 1236.
        #expect(try Money(rounding: Decimal(string: "12.345")!, currency: .eur) == Self.eur(1234))
        #expect(try Money(rounding: Decimal(string: "12.355")!, currency: .eur) == Self.eur(1236))
        // JPY 1234.5 → 1234 (even); JPY 1235.5 → 1236.
        #expect(try Money(rounding: Decimal(string: "1234.5")!, currency: .jpy).minorUnits == 1234)
        #expect(try Money(rounding: Decimal(string: "1235.5")!, currency: .jpy).minorUnits == 1236)
        // BHD has 3 digits: 1.2345 BHD = 1234.5 fils → 1234.
        #expect(try Money(rounding: Decimal(string: "1.2345")!, currency: Currency("BHD")).minorUnits == 1234)
    }

    @Test("formatting shows the code, grouped major units and every minor digit")
    func formatting() throws {
        #expect(Self.eur(123_450).formatted == "EUR 1,234.50")
        #expect(Self.eur(-5).formatted == "EUR -0.05")
        #expect(Self.eur(0).formatted == "EUR 0.00")
        #expect(Self.eur(100_000_000).formatted == "EUR 1,000,000.00")
        #expect(Money(minorUnits: 1235, currency: .jpy).formatted == "JPY 1,235")
        #expect(Money(minorUnits: 1250, currency: try Currency("BHD")).formatted == "BHD 1.250")
    }

    @Test("the amount alone, grouped as shown or plain as typed, reads back to the same money")
    func amountText() throws {
        #expect(Self.eur(125_000).amountText() == "1,250.00")
        #expect(Self.eur(125_000).amountText(grouped: false) == "1250.00")
        #expect(Self.eur(-123_456_789).amountText() == "-1,234,567.89")
        #expect(Self.eur(5).amountText(grouped: false) == "0.05")
        #expect(Money(minorUnits: 1_234_567, currency: .jpy).amountText() == "1,234,567")
        for minor: Int64 in [0, 5, 125_000, -99, 100_000_000_00, Int64.max, Int64.min + 1] {
            for grouped in [true, false] {
                #expect(try Money(parsing: Self.eur(minor).amountText(grouped: grouped), currency: .eur) == Self.eur(minor))
            }
        }
    }

    @Test("parsing reads major units exactly and names bad text")
    func parsing() throws {
        // "1234.5" = 1234 euros 50 cents = 123450 minor units.
        #expect(try Money(parsing: "1234.5", currency: .eur) == Self.eur(123_450))
        #expect(try Money(parsing: "EUR 1,234.50", currency: .eur) == Self.eur(123_450))
        #expect(try Money(parsing: " -0.05 ", currency: .eur) == Self.eur(-5))
        #expect(try Money(parsing: "12", currency: .eur) == Self.eur(1200))
        #expect(try Money(parsing: "1,235", currency: .jpy).minorUnits == 1235)
        #expect(try Money(parsing: "1.25", currency: Currency("BHD")).minorUnits == 1250)
        for bad in ["abc", "12.345", "1,23.00", "1.2.3", "", "12 34", "USD 5"] {
            let error = #expect(throws: MoneyError.self) { try Money(parsing: bad, currency: .eur) }
            #expect(error?.code == "invalid_amount")
            #expect(error?.message.contains("\"\(bad)\"") == true)
        }
        #expect(throws: MoneyError.self) { try Money(parsing: "1.5", currency: .jpy) }
    }

    @Test("money round-trips through JSON as minor units with its currency")
    func codable() throws {
        let data = try JSONEncoder().encode(Self.eur(123_450))
        #expect(String(decoding: data, as: UTF8.self).contains("\"EUR\""))
        #expect(try JSONDecoder().decode(Money.self, from: data) == Self.eur(123_450))
    }
}

@Suite("Exchange rates")
struct ExchangeRatesTests {
    static let july = CalendarMonth(year: 2026, month: 7)!
    static let august = CalendarMonth(year: 2026, month: 8)!

    static func table() throws -> ExchangeRates {
        var rates = ExchangeRates()
        try rates.set(Decimal(string: "1.0856")!, from: .eur, to: .usd, in: july)
        try rates.set(Decimal(string: "1.25")!, from: .gbp, to: .eur, in: july)
        try rates.set(Decimal(string: "0.00615")!, from: .jpy, to: .eur, in: july)
        return rates
    }

    @Test("a conversion is exact, rounded once half to even to the target's minor unit")
    func convert() throws {
        let rates = try Self.table()
        // EUR 100.00 × 1.0856 = USD 108.56 exactly.
        #expect(try rates.convert(Money(minorUnits: 10_000, currency: .eur), to: .usd, in: Self.july)
            == Money(minorUnits: 10_856, currency: .usd))
        // GBP 0.05 × 1.25 = EUR 0.0625 = 6.25 cents → 6; GBP 0.06 × 1.25 = 7.5 cents → 8 (tie to even);
        // GBP 0.07 × 1.25 = 8.75 cents → 9.
        #expect(try rates.convert(Money(minorUnits: 5, currency: .gbp), to: .eur, in: Self.july).minorUnits == 6)
        #expect(try rates.convert(Money(minorUnits: 6, currency: .gbp), to: .eur, in: Self.july).minorUnits == 8)
        #expect(try rates.convert(Money(minorUnits: 7, currency: .gbp), to: .eur, in: Self.july).minorUnits == 9)
        // JPY 1,000 × 0.00615 = EUR 6.15.
        #expect(try rates.convert(Money(minorUnits: 1000, currency: .jpy), to: .eur, in: Self.july).minorUnits == 615)
    }

    @Test("a currency converts to itself without a rate")
    func sameCurrency() throws {
        let money = Money(minorUnits: 4_321, currency: .chf)
        #expect(try ExchangeRates().convert(money, to: .chf, in: Self.august) == money)
    }

    @Test("a missing rate is an error naming the month and both currencies, never 1.0")
    func missingRate() throws {
        let rates = try Self.table()
        let error = #expect(throws: MoneyError.self) {
            try rates.convert(Money(minorUnits: 100, currency: .eur), to: .usd, in: Self.august)
        }
        #expect(error?.code == "missing_exchange_rate")
        #expect(error?.message.contains("2026-08") == true)
        #expect(error?.message.contains("EUR") == true)
        #expect(error?.message.contains("USD") == true)
        // The inverse is not implied: USD → EUR in July has no rate.
        #expect(throws: MoneyError.self) {
            try rates.convert(Money(minorUnits: 100, currency: .usd), to: .eur, in: Self.july)
        }
        #expect(throws: MoneyError.self) { var r = ExchangeRates(); try r.set(0, from: .eur, to: .usd, in: Self.july) }
    }
}

@Suite("Cost rate tables")
struct RateTableTests {
    static func day(_ d: Int) -> CalendarDate { CalendarDate(year: 2026, month: 7, day: d)! }

    @Test("a rate change mid-week prices the days after it at the new rate")
    func midWeekChange() throws {
        // EUR 100.00/h until Wednesday 2026-07-08, EUR 120.00/h from Thursday 2026-07-09.
        let table = try RateTable([
            .init(effectiveFrom: Self.day(1), perHour: Money(minorUnits: 10_000, currency: .eur)),
            .init(effectiveFrom: Self.day(9), perHour: Money(minorUnits: 12_000, currency: .eur)),
        ])
        #expect(table.rate(on: Self.day(8))?.minorUnits == 10_000)
        #expect(table.rate(on: Self.day(9))?.minorUnits == 12_000)
        #expect(table.rate(on: Self.day(30))?.minorUnits == 12_000)
        #expect(table.rate(on: CalendarDate(year: 2026, month: 6, day: 30)!) == nil)
        // Monday 2026-07-06 to Friday 07-10, 8 h (480 min) a day:
        // Mon–Wed 3 × 8 h × 100.00 = 2,400.00; Thu–Fri 2 × 8 h × 120.00 = 1,920.00; total EUR 4,320.00.
        let week = Dictionary(uniqueKeysWithValues: (6...10).map { (Self.day($0), Int64(480)) })
        let cost = try table.cost(of: week)
        #expect(cost == Money(minorUnits: 432_000, currency: .eur))
        #expect(cost.formatted == "EUR 4,320.00")
    }

    @Test("minutes are priced exactly and rounded once, half to even")
    func minuteRounding() throws {
        let cent = try RateTable([.init(effectiveFrom: Self.day(1), perHour: Money(minorUnits: 1, currency: .eur))])
        // 30 min at 1 cent/h = 0.5 cent → 0 (tie to even); 90 min = 1.5 cents → 2.
        #expect(try cent.cost(of: [Self.day(6): 30]).minorUnits == 0)
        #expect(try cent.cost(of: [Self.day(6): 90]).minorUnits == 2)
        // 30 min on each of two days = 1 cent exactly: summed before rounding, not 0 + 0.
        #expect(try cent.cost(of: [Self.day(6): 30, Self.day(7): 30]).minorUnits == 1)
        // 20 min at EUR 100.01/h = 10001 × 20 / 60 = 3333.67 cents → 3334.
        let odd = try RateTable([.init(effectiveFrom: Self.day(1), perHour: Money(minorUnits: 10_001, currency: .eur))])
        #expect(try odd.cost(of: [Self.day(6): 20]).minorUnits == 3_334)
    }

    @Test("a worked day with no rate in force is an error naming the day")
    func noRateInForce() throws {
        let table = try RateTable([.init(effectiveFrom: Self.day(9), perHour: Money(minorUnits: 12_000, currency: .eur))])
        let error = #expect(throws: MoneyError.self) { try table.cost(of: [Self.day(8): 60, Self.day(9): 60]) }
        #expect(error?.code == "no_rate_in_force")
        #expect(error?.message.contains("2026-07-08") == true)
        // A day with no minutes needs no rate.
        #expect(try table.cost(of: [Self.day(8): 0, Self.day(9): 60]).minorUnits == 12_000)
        // Rates in two currencies cannot share a table.
        #expect(throws: MoneyError.self) {
            try RateTable([
                .init(effectiveFrom: Self.day(1), perHour: Money(minorUnits: 1, currency: .eur)),
                .init(effectiveFrom: Self.day(2), perHour: Money(minorUnits: 1, currency: .usd)),
            ])
        }
    }
}
