public import GantryModel
import Foundation

/// The text a plan editor's cells hold, read and written the way MS Project's entry table does: predecessors as
/// `3FS+2d, 5SS-1d, 7FF` (by row number or activity code), resources as `Dana Director[50%], Developer[200%]`,
/// durations as `5d`, `3.5h`, `2w`, `3ed` (a bare number is days), percentages as `40` or `40%`. Pure: text in,
/// values out; every refusal names the piece of text at fault.
public enum PlanNotation {
    /// One predecessor as typed: which activity (a row number or a code), the link type and the lag.
    public struct Predecessor: Sendable, Hashable {
        public enum Reference: Sendable, Hashable {
            case row(Int)
            case code(String)
        }
        public var reference: Reference
        public var type: DependencyType
        public var lag: WorkDuration

        public init(reference: Reference, type: DependencyType = .finishToStart, lag: WorkDuration = .zero) {
            self.reference = reference; self.type = type; self.lag = lag
        }
    }

    /// One resource as typed: its name and units in percent (100 is full time).
    public struct ResourceUnits: Sendable, Hashable {
        public var name: String
        public var units: Double

        public init(name: String, units: Double) { self.name = name; self.units = units }
    }

    /// A problem with a piece of a cell's text.
    public struct Problem: Error, Sendable, Hashable, CustomStringConvertible {
        public var message: String
        public init(_ message: String) { self.message = message }
        public var description: String { message }
    }

    // MARK: durations and percentages

    /// `5d`, `3.5h`, `90m`, `2w`, `3ed`, or a bare number of days (`5`), as MS Project takes it.
    public static func duration(_ text: String) throws(Problem) -> WorkDuration {
        let t = text.trimmingSpaces().lowercased()
        if let d = WorkDuration(text: t) { return d }
        if let n = Double(t), n.isFinite { return WorkDuration(n, .days) }
        for (word, unit) in [("days", "d"), ("day", "d"), ("hours", "h"), ("hour", "h"), ("weeks", "w"), ("week", "w"),
                             ("mins", "m"), ("min", "m"), ("edays", "ed"), ("eday", "ed")] where t.hasSuffix(word) {
            if let d = WorkDuration(text: t.dropLast(word.count).trimmingSpaces() + unit) { return d }
        }
        throw Problem("'\(text)' is not a duration; write a number and a unit: 5d, 3.5h, 90m, 2w, or 3ed for elapsed days")
    }

    /// `40`, `40%` or `40.5 %`, between 0 and 100; a problem names the cell as `what` (the column's title).
    public static func percent(_ text: String, of what: String = "% complete") throws(Problem) -> Double {
        var t = text.trimmingSpaces()
        if t.hasSuffix("%") { t = String(t.dropLast()).trimmingSpaces() }
        guard let v = Double(t), v.isFinite else { throw Problem("\(what): '\(text)' is not a percentage; write a number from 0 to 100") }
        guard (0...100).contains(v) else { throw Problem("\(what) must be between 0 and 100 (it is \(text.trimmingSpaces()))") }
        return v
    }

    /// A day (`2026-03-05`) or a local date and time (`2026-03-05T08:00`, `2026-03-05 08:00`); `nil` for empty.
    public static func dateTime(_ text: String) throws(Problem) -> (date: CalendarDate, minuteOfDay: Int?)? {
        let t = text.trimmingSpaces()
        if t.isEmpty { return nil }
        if let d = CalendarDate(iso: t) { return (d, nil) }
        let normalised = t.replacingOccurrences(of: " ", with: "T")
        if let ldt = try? LocalDateTime(iso: normalised) {
            let minutes = ldt.minutesSinceEpoch
            let day = Int(minutes >= 0 ? minutes / 1440 : (minutes - 1439) / 1440)
            return (CalendarDate(daysSinceEpoch: day), Int(minutes - Int64(day) * 1440))
        }
        throw Problem("'\(text)' is not a date; write 2026-03-05, or 2026-03-05T08:00 with a time")
    }

    // MARK: predecessors

    /// Reads `3FS+2d, 5SS-1d, 7FF, A100` (commas or semicolons between; FS when no type is given).
    public static func predecessors(_ text: String) throws(Problem) -> [Predecessor] {
        var out: [Predecessor] = []
        for piece in text.split(whereSeparator: { $0 == "," || $0 == ";" }) {
            let token = piece.trimmingSpaces()
            if token.isEmpty { continue }
            out.append(try predecessor(token))
        }
        return out
    }

    static func predecessor(_ token: String) throws(Problem) -> Predecessor {
        let upper = Array(token.uppercased())
        let chars = Array(token)
        // The link type is the last FS/SS/FF/SF that is followed by nothing or by a lag (`+2d`, `-1d`): codes may
        // contain those letters (`ASSEMBLY`), a lag cannot.
        var i = upper.count - 2
        while i >= 1 {
            let pair = String(upper[i...i + 1])
            if let type = DependencyType(rawValue: pair) {
                let rest = String(chars[(i + 2)...]).trimmingSpaces()
                if rest.isEmpty {
                    return Predecessor(reference: reference(String(chars[..<i]).trimmingSpaces()), type: type)
                }
                if rest.first == "+" || rest.first == "-" {
                    return Predecessor(reference: reference(String(chars[..<i]).trimmingSpaces()), type: type,
                                       lag: try lag(rest, in: token))
                }
            }
            i -= 1
        }
        // No type: a row number may carry a lag directly (`3+2d`); anything else is a code.
        if let sign = chars.firstIndex(where: { $0 == "+" || $0 == "-" }), sign > 0,
           Int(String(chars[..<sign]).trimmingSpaces()) != nil {
            return Predecessor(reference: reference(String(chars[..<sign]).trimmingSpaces()),
                               lag: try lag(String(chars[sign...]), in: token))
        }
        return Predecessor(reference: reference(token))
    }

    static func reference(_ text: String) -> Predecessor.Reference {
        if let n = Int(text), n > 0 { return .row(n) }
        return .code(text)
    }

    /// A lag on its own: `2d`, `+2d`, `-1d` (a lead), `4h`, `3ed`.
    public static func lag(_ text: String) throws(Problem) -> WorkDuration {
        let t = text.trimmingSpaces()
        if t.isEmpty { return .zero }
        return try lag(t.hasPrefix("+") || t.hasPrefix("-") ? t : "+" + t, in: t)
    }

    static func lag(_ text: String, in token: String) throws(Problem) -> WorkDuration {
        let t = text.replacingOccurrences(of: " ", with: "")
        let negative = t.hasPrefix("-")
        let body = String(t.dropFirst())
        if body.hasSuffix("%") { throw Problem("'\(token)': a lag in percent is not taken here; give it in time (2d, 4h)") }
        guard var d = try? duration(body) else {
            throw Problem("'\(token)': '\(text)' is not a lag; write +2d, -1d, +4h or +3ed")
        }
        if negative { d.value = -d.value }
        return d
    }

    /// The cell text for links into one activity: `3`, `5SS`, `7FS+2d` (FS with no lag is the bare row).
    public static func text(_ links: [(row: Int, type: DependencyType, lag: WorkDuration)]) -> String {
        links.map { l in
            let lag = l.lag.value == 0 ? "" : (l.lag.value > 0 ? "+" : "") + l.lag.description
            if l.type == .finishToStart && lag.isEmpty { return String(l.row) }
            return "\(l.row)\(l.type.rawValue)\(lag)"
        }.joined(separator: ", ")
    }

    // MARK: resources

    /// Reads `Dana Director[50%], Developer[200%], Test lab` (100 % when no units are given).
    public static func resources(_ text: String) throws(Problem) -> [ResourceUnits] {
        var out: [ResourceUnits] = []
        var seen: Set<String> = []
        for piece in text.split(whereSeparator: { $0 == "," || $0 == ";" }) {
            let token = piece.trimmingSpaces()
            if token.isEmpty { continue }
            var name = token
            var units = 100.0
            if let open = token.firstIndex(of: "[") {
                guard token.hasSuffix("]") else { throw Problem("'\(token)': close the units with ']' as in Dana[50%]") }
                name = token[..<open].trimmingSpaces()
                let inside = String(token[token.index(after: open)..<token.index(before: token.endIndex)])
                var t = inside.trimmingSpaces()
                if t.hasSuffix("%") { t = String(t.dropLast()).trimmingSpaces() }
                guard let u = Double(t), u.isFinite else { throw Problem("'\(token)': '\(inside)' is not units; write a percentage like 50%") }
                guard u > 0 && u <= 10_000 else { throw Problem("'\(token)': units must be above 0 % and at most 10000 %") }
                units = u
            }
            guard !name.isEmpty else { throw Problem("'\(token)' names no resource") }
            guard seen.insert(name.lowercased()).inserted else { throw Problem("'\(name)' is named twice") }
            out.append(ResourceUnits(name: name, units: units))
        }
        return out
    }

    /// The cell text for an activity's resources: the name alone at 100 %, `Name[50%]` otherwise.
    public static func text(_ resources: [ResourceUnits]) -> String {
        resources.map { r in
            if r.units == 100 { return r.name }
            let n = r.units == r.units.rounded() ? String(Int64(r.units)) : String(r.units)
            return "\(r.name)[\(n)%]"
        }.joined(separator: ", ")
    }

    // MARK: tab-separated rows

    /// Rows pasted from a spreadsheet: lines of tab-separated cells (a trailing empty line is dropped; `\r\n`
    /// and `\r` end lines too).
    public static func tabSeparated(_ text: String) -> [[String]] {
        var lines = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while let last = lines.last, last.trimmingSpaces().isEmpty { lines.removeLast() }
        return lines.map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
    }
}

extension StringProtocol {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
