public import GantryModel

/// A table for export: a name, titled columns and rows of typed cells. The same value is written as CSV
/// (`CSVWriter`) or as a worksheet of an Excel workbook (`XLSXWriter`), so an export is built once.
///
/// Cells keep their type so each format can write it properly: a number stays a number in Excel (sums, sorting),
/// a date is a date, money gets two decimals. Rows may be shorter than the columns (the rest is empty) or longer
/// (the extra cells are written under untitled columns).
public struct Sheet: Sendable, Hashable {
    public var name: String
    public var columns: [Column]
    public var rows: [[Cell]]

    public init(name: String, columns: [Column], rows: [[Cell]] = []) {
        self.name = name; self.columns = columns; self.rows = rows
    }

    /// A column's title (the header row) and its width in characters of the default font; `nil` fits the width
    /// to the title and the first rows' contents.
    public struct Column: Sendable, Hashable, ExpressibleByStringLiteral {
        public var title: String
        public var width: Double?

        public init(_ title: String, width: Double? = nil) { self.title = title; self.width = width }
        public init(stringLiteral title: String) { self.init(title) }
    }

    /// One cell's value with its kind.
    public enum Cell: Sendable, Hashable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
        ExpressibleByFloatLiteral, ExpressibleByBooleanLiteral {
        case text(String)
        case number(Double)
        case integer(Int64)
        /// An amount in major units of the sheet's currency (euros, dollars), shown with two decimals.
        case money(Double)
        /// A percentage: `.percent(25)` is 25 % (Gantry's percentages run 0–100, like percent complete).
        case percent(Double)
        case date(CalendarDate)
        case dateTime(LocalDateTime)
        case bool(Bool)
        case empty

        public init(stringLiteral value: String) { self = .text(value) }
        public init(integerLiteral value: Int64) { self = .integer(value) }
        public init(floatLiteral value: Double) { self = .number(value) }
        public init(booleanLiteral value: Bool) { self = .bool(value) }

        /// `.text`, or `.empty` for `nil`.
        public static func optional(_ text: String?) -> Cell { text.map(Cell.text) ?? .empty }

        /// The cell as plain text, the way CSV writes it: numbers in decimal without exponent or grouping (`.`
        /// for the decimal point), money with two decimals, percentages as the number of percent, dates ISO 8601
        /// (`2026-11-28`, `2026-11-28T08:00`), booleans `true`/`false`. A number that is not finite is empty.
        public var text: String {
            switch self {
            case .text(let s): s
            case .number(let d): Sheet.decimal(d)
            case .integer(let i): String(i)
            case .money(let d): Sheet.decimal(d, places: 2)
            case .percent(let d): Sheet.decimal(d)
            case .date(let d): d.description
            case .dateTime(let t): t.formatted()
            case .bool(let b): b ? "true" : "false"
            case .empty: ""
            }
        }
    }

    /// `d` in plain decimal notation: never an exponent (`0.00001`, not `1e-05`), the shortest digits that read
    /// back as the same `Double`; with `places`, rounded to exactly that many decimals. Empty when not finite.
    public static func decimal(_ d: Double, places: Int? = nil) -> String {
        guard d.isFinite else { return "" }
        if let places {
            let p = min(max(places, 0), 15)
            // Rounded in decimal text: a scaled integer when it fits, else the plain digits.
            var scale = 1.0
            for _ in 0..<p { scale *= 10 }
            let scaled = (d * scale).rounded()
            guard abs(scaled) < 9e15 else { return decimal(d.rounded()) }
            let n = Int64(scaled)
            let digits = String(n.magnitude)
            let padded = String(repeating: "0", count: max(0, p + 1 - digits.count)) + digits
            let whole = padded.dropLast(p)
            let fraction = padded.suffix(p)
            return (n < 0 ? "-" : "") + whole + (p > 0 ? "." + fraction : "")
        }
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        // Swift prints the shortest round-tripping digits, switching to an exponent for very large or small
        // magnitudes; move the decimal point instead.
        let text = "\(d)"
        guard let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }), let exponent = Int(text[text.index(after: e)...])
        else { return text }
        var mantissa = String(text[..<e])
        let negative = mantissa.hasPrefix("-")
        if negative { mantissa.removeFirst() }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        let intPart = String(parts[0])
        let fracPart = parts.count > 1 ? String(parts[1]) : ""
        var digits = intPart + fracPart
        var point = intPart.count + exponent
        if point <= 0 {
            digits = String(repeating: "0", count: -point + 1) + digits
            point = 1
        } else if point > digits.count {
            digits += String(repeating: "0", count: point - digits.count)
        }
        var whole = String(digits.prefix(point))
        var fraction = String(digits.dropFirst(point))
        while fraction.hasSuffix("0") { fraction.removeLast() }
        while whole.count > 1 && whole.hasPrefix("0") { whole.removeFirst() }
        return (negative ? "-" : "") + whole + (fraction.isEmpty ? "" : "." + fraction)
    }
}
