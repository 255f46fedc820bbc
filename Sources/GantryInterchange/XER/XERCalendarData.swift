import GantryModel

/// P6's packed calendar text (`CALENDAR.clndr_data`), read into weekdays and exceptions.
///
/// The text is a tree of records, each `(index||name(attributes)(children))`, with any whitespace between records:
///
///     (0||CalendarData()(
///       (0||DaysOfWeek()(
///         (0||1()())                                  ← Sunday, no hours: a day off
///         (0||2()((0||0(s|08:00|f|12:00)())(0||1(s|13:00|f|17:00)())))   ← Monday, two periods
///         …))
///       (0||Exceptions()(
///         (0||0(d|41519)())                           ← a day off on day 41519 after 1899-12-30
///         (0||1(d|41520)((0||0(s|08:00|f|12:00)())))))))  ← a working exception
///
/// Days of the week are numbered 1 = Sunday … 7 = Saturday. Attributes are `key|value` pairs joined by `|`; the
/// start and finish of a period (`s`, `f`) are `HH:mm`, or `h:mm AM` in exports made with a 12-hour clock, and
/// may come in either order (`f|16:00|s|08:00`). A finish of `00:00` is midnight at the end of the day.
struct XERCalendarData {
    /// Working periods per weekday; a day the text does not list is a day off (P6 writes all seven).
    var week: [Weekday: [TimeRange]] = [:]
    var exceptions: [CalendarException] = []
    /// What could not be read, in words (a cut-off text, a bad time or day number).
    var problems: [String] = []
    /// Whether the text had a `DaysOfWeek` record at all.
    var hasWeek = false

    /// The exceptions' day numbers count from this date (the OLE Automation date epoch P6 uses).
    static let exceptionEpoch = CalendarDate(year: 1899, month: 12, day: 30)

    init(_ text: String) {
        var parser = Parser(Array(text.utf8))
        let roots = parser.records()
        if parser.truncated {
            problems.append("the packed calendar text ends before its records close; what came before was kept")
        }
        // The weekdays and exceptions sit under CalendarData; tolerate them at the top level as well.
        let top = roots.flatMap { $0.name == "CalendarData" ? $0.children : [$0] }
        if let days = top.first(where: { $0.name == "DaysOfWeek" }) {
            hasWeek = true
            for day in Weekday.allCases { week[day] = [] }
            for record in days.children {
                guard let n = Int(record.name), (1...7).contains(n) else {
                    problems.append("a day of the week numbered '\(record.name)' (expected 1 = Sunday … 7 = Saturday) was skipped")
                    continue
                }
                // 1 = Sunday, 2 = Monday, … 7 = Saturday.
                let weekday: Weekday = [.sunday, .monday, .tuesday, .wednesday, .thursday, .friday, .saturday][n - 1]
                week[weekday] = periods(record.children, what: "day \(n)")
            }
        }
        if let list = top.first(where: { $0.name == "Exceptions" }) {
            for record in list.children {
                // A day number past 9999-12-31 (2,958,465) or before 1900 is not a date P6 can hold.
                guard let text = record.attributes["d"], let n = Int(text), (0...2_958_465).contains(n),
                      let epoch = Self.exceptionEpoch else {
                    problems.append("an exception with day number '\(record.attributes["d"] ?? "")' was skipped")
                    continue
                }
                let date = epoch.adding(days: n)
                exceptions.append(CalendarException(name: "", from: date, to: date,
                                                    working: periods(record.children, what: "the exception on \(date)")))
            }
        }
    }

    /// The working periods among `records`, in order; a period that cannot be read is reported and skipped.
    private mutating func periods(_ records: [Record], what: String) -> [TimeRange] {
        var result: [TimeRange] = []
        for r in records {
            guard let s = r.attributes["s"].flatMap(Self.minutes), var f = r.attributes["f"].flatMap(Self.minutes) else {
                problems.append("a working period on \(what) with start '\(r.attributes["s"] ?? "")' and finish '\(r.attributes["f"] ?? "")' was skipped")
                continue
            }
            if f == 0 { f = 1440 }  // a finish at 00:00 is the midnight that ends the day
            guard s < f else {
                problems.append("a working period on \(what) from \(r.attributes["s"] ?? "") to \(r.attributes["f"] ?? "") ends before it starts; skipped")
                continue
            }
            result.append(TimeRange(start: s, end: f))
        }
        return result.sorted { $0.start < $1.start }
    }

    /// Minutes after midnight for `HH:mm`, `H:mm`, or `h:mm AM`/`h:mm PM`.
    static func minutes(_ text: String) -> Int? {
        var t = Substring(text.trimmingPrefixAndSuffixSpaces())
        var pm: Bool?
        if t.uppercased().hasSuffix("AM") { pm = false; t = t.dropLast(2) } else if t.uppercased().hasSuffix("PM") { pm = true; t = t.dropLast(2) }
        while t.last == " " { t = t.dropLast() }
        let parts = t.split(separator: ":")
        guard parts.count == 2, parts[0].count <= 2, parts[1].count == 2, var h = Int(parts[0]), let m = Int(parts[1]),
              (0..<60).contains(m) else { return nil }
        if let pm {
            guard (1...12).contains(h) else { return nil }
            h = h % 12 + (pm ? 12 : 0)
        }
        guard (0...24).contains(h), h * 60 + m <= 1440 else { return nil }
        return h * 60 + m
    }

    /// One `(index||name(attributes)(children))` record.
    struct Record {
        var name: String
        var attributes: [String: String]
        var children: [Record]
    }

    /// A recursive-descent reader of the record tree that never fails: it keeps what it read and notes when the
    /// text stops early.
    private struct Parser {
        let bytes: [UInt8]
        var i = 0
        var truncated = false
        /// Nesting is a few levels deep in real files; this bound keeps a hostile file from exhausting the stack.
        var depth = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        mutating func skipSpace() {
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D { i += 1 }
        }

        /// Records until a `)` that closes the enclosing list, or the end of the text.
        mutating func records() -> [Record] {
            var result: [Record] = []
            while true {
                skipSpace()
                guard i < bytes.count else { return result }
                if bytes[i] == UInt8(ascii: ")") { return result }
                guard bytes[i] == UInt8(ascii: "(") else { i += 1; continue }  // stray text between records
                guard let r = record() else { return result }
                result.append(r)
            }
        }

        /// `(index||name(attrs)(children))` starting at `(`; `nil` when the text ends inside it.
        mutating func record() -> Record? {
            guard depth < 64 else { truncated = true; i = bytes.count; return nil }
            depth += 1
            defer { depth -= 1 }
            i += 1  // (
            // The header runs to the attribute list's '(': "0||CalendarData".
            guard let open = bytes[i...].firstIndex(of: UInt8(ascii: "(")) else { truncated = true; i = bytes.count; return nil }
            let head = String(decoding: bytes[i..<open], as: UTF8.self)
            let name = head.firstRange(of: "||").map { String(head[$0.upperBound...]) } ?? head
            i = open + 1
            guard let close = bytes[i...].firstIndex(of: UInt8(ascii: ")")) else { truncated = true; i = bytes.count; return nil }
            let attrText = String(decoding: bytes[i..<close], as: UTF8.self)
            i = close + 1
            var attributes: [String: String] = [:]
            let parts = attrText.split(separator: "|", omittingEmptySubsequences: false)
            var k = 0
            while k + 1 < parts.count {
                attributes[String(parts[k])] = String(parts[k + 1])
                k += 2
            }
            skipSpace()
            var children: [Record] = []
            if i < bytes.count, bytes[i] == UInt8(ascii: "(") {
                i += 1
                children = records()
                guard i < bytes.count else { truncated = true; return Record(name: name, attributes: attributes, children: children) }
                i += 1  // ) closing the children
            }
            skipSpace()
            guard i < bytes.count else { truncated = true; return Record(name: name, attributes: attributes, children: children) }
            if bytes[i] == UInt8(ascii: ")") { i += 1 }  // ) closing the record
            return Record(name: name.trimmingPrefixAndSuffixSpaces(), attributes: attributes, children: children)
        }
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs.
    func trimmingPrefixAndSuffixSpaces() -> String {
        let s = drop { $0 == " " || $0 == "\t" }
        var e = s.endIndex
        while e > s.startIndex, s[s.index(before: e)] == " " || s[s.index(before: e)] == "\t" { e = s.index(before: e) }
        return String(s[s.startIndex..<e])
    }
}
