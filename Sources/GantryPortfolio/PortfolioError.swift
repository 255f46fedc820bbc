/// Why a portfolio engine could not produce a result at all: the input itself is malformed (a negative weight,
/// a matrix that is not reciprocal, a dependency on a project that is not a candidate).
///
/// Problems that still leave a result (an inconsistent AHP matrix, forced-in projects over the budget) are not
/// errors: they are reported inside the result. The `code` is stable and safe to map to an HTTP problem type or a
/// CLI exit code at the edge; the `message` is for people and may change.
public struct PortfolioError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable, machine-readable reason, e.g. `negative_weight`, `not_reciprocal`, `unknown_project`.
    public var code: String
    /// A sentence naming the offending item, e.g. "criterion risk has a negative weight (-0.2)".
    public var message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}

/// Formats a number for messages and explanations: at most `digits` decimals, trailing zeros dropped
/// ("0.4", "6.9", "40", "0.3333"). Pure and locale-free, so explanations read the same everywhere.
func formatted(_ x: Double, digits: Int = 4) -> String {
    guard x.isFinite else { return String(x) }
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let rounded = (x * scale).rounded() / scale
    if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int64(rounded)) }
    var text = String(rounded)
    // `String(Double)` may print more digits than asked for (0.30000000000000004); trim to `digits` decimals.
    if let dot = text.firstIndex(of: "."), !text.contains("e") {
        let decimals = text[text.index(after: dot)...]
        if decimals.count > digits { text = String(text[..<text.index(dot, offsetBy: digits + 1)]) }
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
    }
    return text
}
