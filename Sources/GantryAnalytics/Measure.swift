public import FoundationEssentials
public import GantryModel

/// An exact derived figure (an index, a forecast amount, a time) that may be undefined: a zero denominator makes it
/// `.undefined` with the reason, never NaN, infinity or 0 (DESIGN.md, "Time and numbers").
///
/// Values are `Decimal`: sums and differences are exact, a quotient is exact to Decimal's 38 significant digits and
/// is rounded only for display (``rounded(places:)``, half to even).
public enum Measure: Sendable, Hashable, CustomStringConvertible {
    case value(Decimal)
    case undefined(reason: String)

    /// The value, or `nil` when undefined.
    public var value: Decimal? {
        if case .value(let v) = self { return v }
        return nil
    }

    /// Why it is undefined, or `nil` when it has a value.
    public var reason: String? {
        if case .undefined(let why) = self { return why }
        return nil
    }

    /// The value rounded half to even to `places` decimals, for display; `nil` when undefined.
    public func rounded(places: Int) -> Decimal? { value.map { DecimalRounding.halfEven($0, places: places) } }

    /// The value as an amount of `currency`, rounded half to even to its minor unit; `nil` when undefined.
    public func money(_ currency: Currency) throws(MoneyError) -> Money? {
        guard let value else { return nil }
        return try Money(rounding: value, currency: currency)
    }

    /// `numerator / denominator`, or undefined with `reason` when the denominator is zero.
    static func ratio(_ numerator: Decimal, _ denominator: Decimal, otherwise reason: @autoclosure () -> String) -> Measure {
        denominator.isZero ? .undefined(reason: reason()) : .value(numerator / denominator)
    }

    func map(_ transform: (Decimal) -> Decimal) -> Measure {
        switch self {
        case .value(let v): .value(transform(v))
        case .undefined: self
        }
    }

    public var description: String {
        switch self {
        case .value(let v): "\(v)"
        case .undefined(let reason): "undefined (\(reason))"
        }
    }
}
