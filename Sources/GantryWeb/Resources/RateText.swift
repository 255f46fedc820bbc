/// A cost rate as people type and read it ("85.50") and as it is stored: integer minor units of its currency
/// (8550 cents). Read with integer arithmetic only, so "85.50" is exactly 8550 and "12.345" in euros is refused.
enum RateText {
    enum Parsed: Equatable {
        case minor(Int64)
        case problem(String)
    }

    /// ISO 4217 minor-unit digits: 2 unless listed.
    static func digits(_ currency: String) -> Int {
        switch currency {
        case "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND", "VUV", "XAF",
             "XOF", "XPF": 0
        case "BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND": 3
        default: 2
        }
    }

    /// The minor units of `text` ("85.50", "85", "85.5") in `currency`, or why it cannot be read.
    static func parse(_ text: String, currency: String) -> Parsed {
        let digits = digits(currency)
        let t = text.filter { $0 != " " }
        let parts = t.split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false)
        let ascii = { (s: Substring) in s.allSatisfy { $0 >= "0" && $0 <= "9" } }
        guard !t.isEmpty, parts.count <= 2, ascii(parts[0]), parts.count == 1 || ascii(parts[1]),
              !(parts[0].isEmpty && (parts.count == 1 || parts[1].isEmpty)) else {
            return .problem("'\(text)' is not an amount like 85.50 (digits, and a point before the \(currency == "" ? "minor units" : currency + " minor units"))")
        }
        let fraction = parts.count == 2 ? parts[1] : ""
        if fraction.count > digits {
            return .problem(digits == 0 ? "\(currency) has no minor units: '\(text)' must be a whole amount"
                            : "'\(text)' has \(fraction.count) decimals; \(currency) has \(digits) (like \(example(digits)))")
        }
        guard parts[0].count <= 13 else { return .problem("'\(text)' is too large for a cost rate") }
        let whole = Int64(parts[0].isEmpty ? "0" : String(parts[0]))!
        let padded = String(fraction) + String(repeating: "0", count: digits - fraction.count)
        let minor = padded.isEmpty ? 0 : Int64(padded)!
        var scale: Int64 = 1
        for _ in 0..<digits { scale *= 10 }
        return .minor(whole * scale + minor)
    }

    /// `minor` written with its currency's decimals: 8550 EUR is "85.50".
    static func format(_ minor: Int64, currency: String) -> String {
        let digits = digits(currency)
        guard digits > 0 else { return String(minor) }
        var scale: Int64 = 1
        for _ in 0..<digits { scale *= 10 }
        let sign = minor < 0 ? "-" : ""
        let m = minor.magnitude
        let fraction = String(m % UInt64(scale))
        return sign + String(m / UInt64(scale)) + "." + String(repeating: "0", count: digits - fraction.count) + fraction
    }

    static func example(_ digits: Int) -> String { "85" + (digits > 0 ? "." + String(repeating: "5", count: digits) : "") }
}
