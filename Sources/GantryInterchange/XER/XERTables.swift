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
        // Read as UTF-8 bytes: lines end at "\n" (a "\r" before it is dropped), values are split at tabs. A
        // large export (the 3.7 MB hotel file of xer-progressed) spent most of its reading time in Character
        // splitting before.
        var text = text
        return try text.withUTF8 { bytes in Result { () throws(InterchangeError) in try parse(bytes) } }.get()
    }

    private static let tab = UInt8(ascii: "\t"), newline = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")

    /// The values of a line after its marker, split at tabs.
    private static func values(_ line: Slice<UnsafeBufferPointer<UInt8>>) -> [String] {
        var out: [String] = []
        var start = line.startIndex
        for i in line.indices where line[i] == tab {
            out.append(String(decoding: line[start..<i], as: UTF8.self))
            start = i + 1
        }
        out.append(String(decoding: line[start..<line.endIndex], as: UTF8.self))
        return out
    }

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(InterchangeError) -> XERTables {
        var position = 0
        var lineNumber = 0
        func next() -> Slice<UnsafeBufferPointer<UInt8>>? {
            // A text ending in a line break ends with an empty line, as splitting at line breaks gives.
            guard position <= bytes.count else { return nil }
            var end = position
            while end < bytes.count && bytes[end] != newline { end += 1 }
            var line = bytes[position..<end]
            position = end + 1
            lineNumber += 1
            if line.last == carriageReturn { line = line.dropLast() }
            return line
        }
        func isBlank(_ line: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
            line.allSatisfy { $0 == 0x20 || $0 == tab || $0 == carriageReturn || $0 == 0x0B || $0 == 0x0C }
        }
        // Skip blank lines before the header (some tools write one), then require ERMHDR.
        var first = next()
        while let f = first, isBlank(f) { first = next() }
        guard var headerLine = first else {
            throw InterchangeError(element: "ERMHDR", line: 1, "the file is empty; an XER export starts with an ERMHDR line")
        }
        if headerLine.starts(with: [0xEF, 0xBB, 0xBF]) { headerLine = headerLine.dropFirst(3) }
        guard headerLine.starts(with: Array("ERMHDR".utf8)) else {
            throw InterchangeError(element: "ERMHDR", line: lineNumber, "not a Primavera XER file: the first line must start with ERMHDR")
        }
        let header = Array(values(headerLine).dropFirst())

        var tables: [XERTable] = []
        var notices: [ProjectFile.Notice] = []
        var sawEnd = false
        while let line = next() {
            if line.isEmpty { continue }
            let markerEnd = line.firstIndex(of: tab) ?? line.endIndex
            let marker = line[line.startIndex..<markerEnd]
            let rest = markerEnd < line.endIndex ? line[(markerEnd + 1)..<line.endIndex] : line[line.endIndex..<line.endIndex]
            switch String(decoding: marker, as: UTF8.self) {
            case "%T":
                let name = values(rest).first ?? ""
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
                let fields = values(rest)
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
                var row = values(rest)
                if row.count > fieldCount {
                    // More values than fields: the extra ones have no name to go under.
                    let extra = row[fieldCount...]
                    if extra.contains(where: { !$0.isEmpty }) {
                        notices.append(.init(element: tables[last].name, line: lineNumber,
                                             message: "the row has \(row.count) values but the table has \(fieldCount) fields; the extra values were dropped"))
                    }
                    row.removeLast(row.count - fieldCount)
                }
                tables[last].rows.append(XERRow(line: lineNumber, values: row, index: tables[last].index))
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
        let bytes = Array(bytes)
        if let s = String(validating: bytes, as: UTF8.self) { return s }
        // Written straight to UTF-8: every byte is one scalar below U+0800 or a cp1252 one below U+10000.
        var utf8: [UInt8] = []
        utf8.reserveCapacity(bytes.count + bytes.count / 8)
        for b in bytes {
            if b < 0x80 { utf8.append(b); continue }
            let u = (0x80...0x9F).contains(b) ? cp1252High[Int(b) - 0x80] : UInt32(b)
            if u < 0x800 {
                utf8.append(UInt8(0xC0 | (u >> 6)))
                utf8.append(UInt8(0x80 | (u & 0x3F)))
            } else {
                utf8.append(UInt8(0xE0 | (u >> 12)))
                utf8.append(UInt8(0x80 | ((u >> 6) & 0x3F)))
                utf8.append(UInt8(0x80 | (u & 0x3F)))
            }
        }
        return String(decoding: utf8, as: UTF8.self)
    }

    /// Windows-1252 bytes 0x80–0x9F (the only range where it differs from Latin-1), per the Unicode mapping
    /// table `cp1252.txt`; the undefined 0x81, 0x8D, 0x8F, 0x90, 0x9D stay as their Latin-1 code points.
    private static let cp1252High: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]
}
