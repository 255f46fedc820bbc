public import FoundationEssentials

/// Rounding of `Decimal`s to a number of decimal places, half to even, done on the decimal digits themselves, so
/// it is exact (FoundationEssentials has Decimal arithmetic but no public rounding).
///
/// Half-even ("banker's") rounding is what Gantry uses wherever an amount meets the minor unit: a tie (exactly half
/// a cent) goes to the even neighbour, so over many roundings ties go up as often as down and sums of rounded
/// amounts do not drift upwards as they do with half-up (IEEE 754's default, and the usual rule for currency
/// conversion totals). 0.125 → 0.12, 0.135 → 0.14, −0.125 → −0.12; anything above or below half rounds normally.
public enum DecimalRounding {
    /// `value` rounded to `places` decimal places (0 or more), half to even. NaN stays NaN.
    public static func halfEven(_ value: Decimal, places: Int) -> Decimal {
        guard let (negative, whole, fraction) = digits(of: value), fraction.count > places else { return value }
        var kept = whole + fraction.prefix(places)
        let next = fraction[places]
        let restNonZero = fraction.dropFirst(places + 1).contains { $0 != 0 }
        let lastOdd = (kept.last ?? 0) % 2 == 1
        if next > 5 || (next == 5 && (restNonZero || lastOdd)) {
            var i = kept.count - 1
            while i >= 0 {
                if kept[i] == 9 { kept[i] = 0; i -= 1 } else { kept[i] += 1; break }
            }
            if i < 0 { kept.insert(1, at: 0) }
        }
        let integerCount = kept.count - places
        var text = negative ? "-" : ""
        text += kept.prefix(integerCount).map(String.init).joined()
        if places > 0 { text += "." + kept.suffix(places).map(String.init).joined() }
        return Decimal(string: text) ?? value
    }

    /// `value` rounded half to even to a whole number, as an `Int64`; `nil` beyond the range of `Int64` or for NaN.
    public static func halfEvenInteger(_ value: Decimal) -> Int64? {
        let rounded = halfEven(value, places: 0)
        guard let (negative, whole, _) = digits(of: rounded), whole.count <= 19 else { return nil }
        let magnitude = whole.reduce(UInt64(0)) { $0 &* 10 &+ UInt64($1) }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
            return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        return Int64(magnitude)
    }

    /// Sign, integer digits (at least one) and fraction digits of a finite decimal, from its plain description.
    static func digits(of value: Decimal) -> (negative: Bool, whole: [UInt8], fraction: [UInt8])? {
        guard !value.isNaN else { return nil }
        var text = Substring(value.description)
        let negative = text.first == "-"
        if negative { text = text.dropFirst() }
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let toDigits = { (s: Substring) -> [UInt8]? in
            var out: [UInt8] = []
            for byte in s.utf8 {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                out.append(byte - UInt8(ascii: "0"))
            }
            return out
        }
        guard let whole = toDigits(parts[0]), let fraction = parts.count > 1 ? toDigits(parts[1]) : [] else { return nil }
        return (negative, whole.isEmpty ? [0] : whole, fraction)
    }
}
