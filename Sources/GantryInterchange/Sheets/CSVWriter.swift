/// CSV as RFC 4180 defines it: one record a line, lines ending in CRLF (§2.1), fields separated by commas, a
/// field that holds a comma, a double quote, a CR or an LF enclosed in double quotes with its quotes doubled
/// (§2.6, §2.7), the column titles as the header record (§2.3). Every record has as many fields as the widest row.
///
/// Values are written for machines, not for one locale: see `Sheet.Cell.text` (ISO dates, `.` as the decimal
/// point, no thousands separators, no currency symbol).
public enum CSVWriter {
    /// The sheet as CSV text: the header record, then one record per row.
    ///
    /// With `neutralizingFormulas`, a text cell that a spreadsheet would run as a formula (one starting with `=`,
    /// `+`, `-`, `@`, a tab or a carriage return: OWASP's "CSV injection") is written with a leading `'`, which
    /// Excel and LibreOffice show as text. Off by default: it changes the data for programs that read the file.
    /// Numbers are never touched (a negative number is not a formula).
    public static func write(_ sheet: Sheet, neutralizingFormulas: Bool = false) -> String {
        let width = max(sheet.columns.count, sheet.rows.map(\.count).max() ?? 0)
        var out = ""
        func record(_ fields: [String]) {
            let padded = fields + Array(repeating: "", count: max(0, width - fields.count))
            out += line(padded)
        }
        record(sheet.columns.map(\.title))
        for row in sheet.rows {
            record(row.map { cell in
                guard neutralizingFormulas, case .text(let s) = cell, let first = s.unicodeScalars.first,
                      "=+-@\t\r".unicodeScalars.contains(first) else { return cell.text }
                return "'" + s
            })
        }
        return out
    }

    /// One field, quoted when it must be (RFC 4180 §2.6–2.7).
    public static func field(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
            return s
        }
        var out = "\""
        for c in s.unicodeScalars {
            out.unicodeScalars.append(c)
            if c == "\"" { out.unicodeScalars.append(c) }
        }
        return out + "\""
    }

    /// One record: the fields, quoted where needed, joined by commas, ended by CRLF.
    public static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }
}
