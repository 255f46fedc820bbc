/// An ISO 4217 currency: its three-letter code and how many digits its minor unit has (2 for EUR's cents, 0 for
/// JPY, 3 for BHD's fils). Encoded as the bare code (`"EUR"`).
///
/// The digits come from a small table of the ISO 4217 exceptions; every other code has 2. A code is three ASCII
/// capital letters; whether ISO lists it is not checked (a PMO may use a house code such as `XTS`).
public struct Currency: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let code: String

    /// `code` must be three ASCII letters; lower case is accepted and upper-cased.
    public init(_ code: String) throws(MoneyError) {
        let upper = code.uppercased()
        guard upper.utf8.count == 3, upper.utf8.allSatisfy({ (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) })
        else { throw MoneyError(code: "invalid_currency", message: "\"\(code)\" is not a three-letter ISO 4217 code") }
        self.code = upper
    }

    private init(unchecked code: String) { self.code = code }

    public static let eur = Currency(unchecked: "EUR")
    public static let usd = Currency(unchecked: "USD")
    public static let gbp = Currency(unchecked: "GBP")
    public static let chf = Currency(unchecked: "CHF")
    public static let jpy = Currency(unchecked: "JPY")

    /// Digits of the minor unit: 0 for JPY, KRW, ISK, CLP, VND and the CFA francs; 3 for BHD, KWD, JOD, OMR, TND,
    /// IQD, LYD; 2 otherwise (ISO 4217).
    public var minorUnitDigits: Int {
        if Self.noMinorUnit.contains(code) { return 0 }
        if Self.threeDigitMinorUnit.contains(code) { return 3 }
        return 2
    }

    private static let noMinorUnit: Set<String> = [
        "JPY", "KRW", "ISK", "CLP", "VND", "XOF", "XAF", "XPF", "UGX", "PYG", "RWF", "KMF", "GNF", "DJF", "BIF", "VUV",
    ]
    private static let threeDigitMinorUnit: Set<String> = ["BHD", "KWD", "JOD", "OMR", "TND", "IQD", "LYD"]

    public var description: String { code }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.code < rhs.code }

    /// A code that is not a currency is a decoding error naming the field, like any other wrong value.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do { self = try Currency(text) } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }
}
