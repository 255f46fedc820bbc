/// Why a money value could not be made: a stable `code` callers may match on (codes can be added without breaking
/// them) and a `message` for people that names what was wrong (the text, both currencies, the month, the day).
public struct MoneyError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Stable, snake_case: `invalid_currency`, `currency_mismatch`, `invalid_amount`, `overflow`,
    /// `missing_exchange_rate`, `invalid_rate`, `no_rate_in_force`.
    public let code: String
    public let message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }

    static func mismatch(_ a: Currency, _ b: Currency, _ doing: String) -> MoneyError {
        MoneyError(code: "currency_mismatch", message: "cannot \(doing) \(a.code) and \(b.code) without a rate")
    }

    public static func overflow(_ what: String) -> MoneyError {
        MoneyError(code: "overflow", message: "\(what) is beyond the range of minor units (Int64)")
    }
}
