/// The tables of a Primavera P6 XER export, before any meaning is given to them.
///
/// The XER text format: a first line `ERMHDR<TAB>version<TAB>export date<TAB>…`, then for every table a line
/// `%T<TAB>NAME`, a line `%F<TAB>field<TAB>field…` naming the columns, any number of `%R<TAB>value<TAB>value…` rows,
/// and a final `%E`. Values are tab-separated and never quoted; P6 leaves trailing empty values off a row, so a row
/// may be shorter than its `%F` line (the missing values are empty).
struct XERTables {
    /// The `ERMHDR` line's values after the marker: version, export date, …, currency short name.
    var header: [String]
    /// In file order.
    var tables: [XERTable]
    /// What the tokenizer repaired: rows longer than their field list, a missing `%E`, unknown lines.
    var notices: [ProjectFile.Notice]

    subscript(name: String) -> XERTable? { tables.first { $0.name == name } }

    /// Splits `text` into tables. Throws for a file that is not XER (no `ERMHDR` first) or whose structure is
    /// broken (a row or field list before any table, a row before its field list).
    static func parse(_ text: String) throws(InterchangeError) -> XERTables {
        // Windows line ends: "\r\n" is one Character in Swift, so split on it as well as on "\n".
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .makeIterator()
        var lineNumber = 0
        func next() -> Substring? {
            guard var line = lines.next() else { return nil }
            lineNumber += 1
            if line.hasSuffix("\r") { line = line.dropLast() }
            return line
        }
        // Skip blank lines before the header (some tools write one), then require ERMHDR.
        var first = next()
        while let f = first, f.allSatisfy(\.isWhitespace) { first = next() }
        guard var headerLine = first else {
            throw InterchangeError(element: "ERMHDR", line: 1, "the file is empty; an XER export starts with an ERMHDR line")
        }
        if headerLine.hasPrefix("\u{FEFF}") { headerLine = headerLine.dropFirst() }
        guard headerLine.hasPrefix("ERMHDR") else {
            throw InterchangeError(element: "ERMHDR", line: lineNumber, "not a Primavera XER file: the first line must start with ERMHDR")
        }
        let header = headerLine.split(separator: "\t", omittingEmptySubsequences: false).dropFirst().map(String.init)

        var tables: [XERTable] = []
        var notices: [ProjectFile.Notice] = []
        var sawEnd = false
        while let line = next() {
            if line.isEmpty { continue }
            let marker = line.prefix { $0 != "\t" }
            let rest = line.dropFirst(marker.count + (line.count > marker.count ? 1 : 0))
            switch marker {
            case "%T":
                let name = rest.split(separator: "\t", omittingEmptySubsequences: false).first.map(String.init) ?? ""
                guard !name.isEmpty else {
                    throw InterchangeError(element: "%T", line: lineNumber, "a table line without a table name")
                }
                if sawEnd {
                    notices.append(.init(element: "XER", line: lineNumber, message: "table \(name) comes after the %E end marker; read anyway"))
                }
                tables.append(XERTable(name: name, line: lineNumber))
            case "%F":
                guard !tables.isEmpty else {
                    throw InterchangeError(element: "%F", line: lineNumber, "a field list before any %T table line")
                }
                let fields = rest.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                guard tables[tables.count - 1].fields.isEmpty else {
                    throw InterchangeError(element: tables[tables.count - 1].name, line: lineNumber, "a second %F field list for the same table")
                }
                tables[tables.count - 1].setFields(fields)
            case "%R":
                // Only the table's name, field count and index are read here: holding a copy of the table while
                // appending to its rows would copy every row each time.
                guard let last = tables.indices.last else {
                    throw InterchangeError(element: "%R", line: lineNumber, "a row before any %T table line")
                }
                let fieldCount = tables[last].fields.count
                guard fieldCount > 0 else {
                    throw InterchangeError(element: tables[last].name, line: lineNumber, "a %R row before the table's %F field list")
                }
                var values = rest.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                if values.count > fieldCount {
                    // More values than fields: the extra ones have no name to go under.
                    let extra = values[fieldCount...]
                    if extra.contains(where: { !$0.isEmpty }) {
                        notices.append(.init(element: tables[last].name, line: lineNumber,
                                             message: "the row has \(values.count) values but the table has \(fieldCount) fields; the extra values were dropped"))
                    }
                    values.removeLast(values.count - fieldCount)
                }
                let row = XERRow(line: lineNumber, values: values, index: tables[last].index)
                tables[last].rows.append(row)
            case "%E":
                sawEnd = true
            default:
                notices.append(.init(element: "XER", line: lineNumber,
                                     message: "a line that is not %T, %F, %R or %E was skipped"))
            }
        }
        if !sawEnd {
            notices.append(.init(element: "XER", line: lineNumber,
                                 message: "the file ends without the %E end marker; it may have been cut short"))
        }
        return XERTables(header: header, tables: tables, notices: notices)
    }
}

/// One `%T` table: its field names and rows.
struct XERTable {
    var name: String
    /// The line of the `%T` marker.
    var line: Int
    private(set) var fields: [String] = []
    private(set) var index: [String: Int] = [:]
    var rows: [XERRow] = []

    init(name: String, line: Int) { self.name = name; self.line = line }

    mutating func setFields(_ fields: [String]) {
        self.fields = fields
        // The first column of a name wins when a field is listed twice.
        index = Dictionary(fields.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    }

    func has(_ field: String) -> Bool { index[field] != nil }

    /// Throws unless the table has every one of `fields`: without them no row can be read.
    func require(_ fields: String...) throws(InterchangeError) {
        for f in fields where index[f] == nil {
            throw InterchangeError(element: "\(name).\(f)", line: line, "the \(name) table has no \(f) field")
        }
    }
}

/// One `%R` row with its line.
struct XERRow {
    var line: Int
    var values: [String]
    var index: [String: Int]

    /// The value of `field`, or `nil` when the table has no such field or the value is empty.
    subscript(field: String) -> String? {
        guard let i = index[field], i < values.count else { return nil }
        let v = values[i]
        return v.isEmpty ? nil : v
    }
}

/// Text decoding for XER: P6 writes the Windows code page of the machine it runs on, most often Windows-1252,
/// while newer versions and other tools write UTF-8.
enum XERText {
    /// The bytes as UTF-8 when they are valid UTF-8, else as Windows-1252 (which maps every byte, with the five
    /// bytes it leaves undefined read as their Latin-1 control characters).
    static func decode(_ bytes: some Collection<UInt8>) -> String {
        if let s = String(validating: bytes, as: UTF8.self) { return s }
        var scalars = String.UnicodeScalarView()
        for b in bytes {
            if (0x80...0x9F).contains(b), let u = Unicode.Scalar(cp1252High[Int(b) - 0x80]) {
                scalars.append(u)
            } else {
                scalars.append(Unicode.Scalar(b))
            }
        }
        return String(scalars)
    }

    /// Windows-1252 bytes 0x80–0x9F (the only range where it differs from Latin-1), per the Unicode mapping
    /// table `cp1252.txt`; the undefined 0x81, 0x8D, 0x8F, 0x90, 0x9D stay as their Latin-1 code points.
    private static let cp1252High: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]
}
