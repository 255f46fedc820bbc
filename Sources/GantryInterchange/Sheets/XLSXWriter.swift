public import Foundation
public import GantryModel
import ZIPFoundation

/// Writes sheets as an Excel workbook (Office Open XML SpreadsheetML, ECMA-376 / ISO/IEC 29500), built in memory:
/// a ZIP package with `[Content_Types].xml`, `_rels/.rels`, `xl/workbook.xml`, `xl/_rels/workbook.xml.rels`,
/// `xl/styles.xml`, `xl/sharedStrings.xml` and one `xl/worksheets/sheetN.xml` per sheet.
///
/// Each worksheet has the column widths, a bold header row frozen at the top, and real cell types: numbers as
/// numbers, booleans `t="b"`, text as shared strings, dates and date-times as serial day numbers with a date
/// style, money with two decimals, percentages with a percent style. Sheet names are made valid for Excel (at most
/// 31 characters, none of `[]:*?/\`, not empty, unique ignoring case).
///
/// Deterministic: the same sheets give the same bytes (entries carry a fixed modification date, not the clock).
public enum XLSXWriter {
    /// The workbook's bytes. Throws when a sheet exceeds Excel's grid (1,048,576 rows, 16,384 columns) or the
    /// package cannot be built.
    public static func write(_ sheets: [Sheet]) throws(InterchangeError) -> Data {
        let sheets = sheets.isEmpty ? [Sheet(name: "Sheet1", columns: [])] : sheets
        for sheet in sheets {
            if sheet.rows.count + 1 > maxRows {
                throw InterchangeError(element: "sheet \(sheet.name)", "\(sheet.rows.count) rows do not fit in an Excel worksheet (at most \(maxRows - 1) below the header)")
            }
            let width = max(sheet.columns.count, sheet.rows.map(\.count).max() ?? 0)
            if width > maxColumns {
                throw InterchangeError(element: "sheet \(sheet.name)", "\(width) columns do not fit in an Excel worksheet (at most \(maxColumns))")
            }
        }
        let names = sheetNames(sheets.map(\.name))
        var strings = SharedStrings()
        var parts: [(path: String, text: String)] = []
        for (i, sheet) in sheets.enumerated() {
            parts.append(("xl/worksheets/sheet\(i + 1).xml", worksheet(sheet, strings: &strings)))
        }
        parts.insert(contentsOf: [
            ("[Content_Types].xml", contentTypes(sheetCount: sheets.count)),
            ("_rels/.rels", rootRelationships()),
            ("xl/workbook.xml", workbook(names)),
            ("xl/_rels/workbook.xml.rels", workbookRelationships(sheetCount: sheets.count)),
            ("xl/styles.xml", styles()),
            ("xl/sharedStrings.xml", strings.part()),
        ], at: 0)
        return try zip(parts)
    }

    static let maxRows = 1_048_576
    static let maxColumns = 16_384
    /// Excel keeps at most 32,767 characters in a cell.
    static let maxCellCharacters = 32_767

    // MARK: Names and references

    /// Valid, unique sheet names: `[]:*?/\` replaced by `_`, a leading or trailing apostrophe dropped, at most 31
    /// characters, "Sheet N" for an empty name, "History" (reserved by Excel) as "History_"; a name already taken
    /// (ignoring case, as Excel compares them) gets " (2)", " (3)" … within the 31 characters.
    public static func sheetNames(_ names: [String]) -> [String] {
        var taken = Set<String>()
        var out: [String] = []
        for (i, raw) in names.enumerated() {
            var name = String(raw.map { "[]:*?/\\".contains($0) ? "_" : $0 }.filter { !$0.isNewline })
            name = name.trimmingCharacters(in: .whitespaces)
            while name.hasPrefix("'") { name.removeFirst() }
            while name.hasSuffix("'") { name.removeLast() }
            if name.isEmpty { name = "Sheet\(i + 1)" }
            if name.lowercased() == "history" { name += "_" }
            name = String(name.prefix(31))
            var candidate = name
            var n = 2
            while taken.contains(candidate.lowercased()) {
                let suffix = " (\(n))"
                candidate = String(name.prefix(31 - suffix.count)) + suffix
                n += 1
            }
            taken.insert(candidate.lowercased())
            out.append(candidate)
        }
        return out
    }

    /// The column's letters: 0 is `A`, 25 `Z`, 26 `AA`.
    public static func columnName(_ index: Int) -> String {
        var n = index + 1
        var letters: [Character] = []
        while n > 0 {
            let r = (n - 1) % 26
            letters.append(Character(Unicode.Scalar(UInt8(65 + r))))
            n = (n - 1) / 26
        }
        return String(letters.reversed())
    }

    // MARK: Dates

    /// Excel's serial day number for a date in the 1900 date system: days since 1899-12-30, which is right from
    /// 1900-03-01 on (Excel counts a 1900-02-29 that never was, ECMA-376 Part 1 §18.17.4.1). `nil` before that:
    /// such a date is written as text.
    public static func serial(_ date: CalendarDate) -> Int? {
        guard let epoch = CalendarDate(year: 1899, month: 12, day: 30), let firstExact = CalendarDate(year: 1900, month: 3, day: 1),
              date >= firstExact, date.year <= 9999 else { return nil }
        return date.daysSinceEpoch - epoch.daysSinceEpoch
    }

    /// The serial day number with the time of day as its fraction.
    public static func serial(_ t: LocalDateTime) -> Double? {
        let (date, minute) = t.components
        return serial(date).map { Double($0) + Double(minute) / 1440 }
    }

    // MARK: Styles

    /// Indexes into `cellXfs` in `styles()`.
    enum Style: Int {
        case plain = 0, header, date, dateTime, money, percent
    }

    static func styles() -> String {
        var x = XMLOutput(indent: false, standalone: true)
        x.open("styleSheet", ["xmlns": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"])
        // Custom formats start at 164; 10 (0.00%) is built in.
        x.open("numFmts", ["count": "3"])
        x.empty("numFmt", ["numFmtId": "164", "formatCode": "yyyy-mm-dd"])
        x.empty("numFmt", ["numFmtId": "165", "formatCode": "yyyy-mm-dd hh:mm"])
        x.empty("numFmt", ["numFmtId": "166", "formatCode": "#,##0.00"])
        x.close()
        x.open("fonts", ["count": "2"])
        x.open("font"); x.empty("sz", ["val": "11"]); x.empty("name", ["val": "Calibri"]); x.empty("family", ["val": "2"]); x.close()
        x.open("font"); x.empty("b"); x.empty("sz", ["val": "11"]); x.empty("name", ["val": "Calibri"]); x.empty("family", ["val": "2"]); x.close()
        x.close()
        // The first two fills are reserved (none, gray125): Excel expects them.
        x.open("fills", ["count": "2"])
        x.open("fill"); x.empty("patternFill", ["patternType": "none"]); x.close()
        x.open("fill"); x.empty("patternFill", ["patternType": "gray125"]); x.close()
        x.close()
        x.open("borders", ["count": "1"])
        x.open("border"); x.empty("left"); x.empty("right"); x.empty("top"); x.empty("bottom"); x.empty("diagonal"); x.close()
        x.close()
        x.open("cellStyleXfs", ["count": "1"])
        x.empty("xf", ["numFmtId": "0", "fontId": "0", "fillId": "0", "borderId": "0"])
        x.close()
        // In the order of `Style`.
        x.open("cellXfs", ["count": "6"])
        x.empty("xf", ["numFmtId": "0", "fontId": "0", "fillId": "0", "borderId": "0", "xfId": "0"])
        x.empty("xf", ["numFmtId": "0", "fontId": "1", "fillId": "0", "borderId": "0", "xfId": "0", "applyFont": "1"])
        x.empty("xf", ["numFmtId": "164", "fontId": "0", "fillId": "0", "borderId": "0", "xfId": "0", "applyNumberFormat": "1"])
        x.empty("xf", ["numFmtId": "165", "fontId": "0", "fillId": "0", "borderId": "0", "xfId": "0", "applyNumberFormat": "1"])
        x.empty("xf", ["numFmtId": "166", "fontId": "0", "fillId": "0", "borderId": "0", "xfId": "0", "applyNumberFormat": "1"])
        x.empty("xf", ["numFmtId": "10", "fontId": "0", "fillId": "0", "borderId": "0", "xfId": "0", "applyNumberFormat": "1"])
        x.close()
        x.open("cellStyles", ["count": "1"])
        x.empty("cellStyle", ["name": "Normal", "xfId": "0", "builtinId": "0"])
        x.close()
        return x.finish()
    }

    // MARK: Worksheets

    /// Text cells share one table of strings (`xl/sharedStrings.xml`), each string stored once.
    struct SharedStrings {
        var index: [String: Int] = [:]
        var strings: [String] = []
        var references = 0

        mutating func add(_ s: String) -> Int {
            references += 1
            if let i = index[s] { return i }
            index[s] = strings.count
            strings.append(s)
            return strings.count - 1
        }

        func part() -> String {
            var x = XMLOutput(indent: false, standalone: true)
            x.open("sst", ["xmlns": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
                           "count": String(references), "uniqueCount": String(strings.count)])
            for s in strings {
                x.open("si")
                XLSXWriter.text(s, into: &x)
                x.close()
            }
            return x.finish()
        }
    }

    /// `<t>`, keeping leading and trailing spaces and line breaks (`xml:space="preserve"`).
    static func text(_ s: String, into x: inout XMLOutput) {
        let trimmed = s.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.count == s.count {
            x.element("t", s)
        } else {
            x.element("t", s, ["xml:space": "preserve"])
        }
    }

    /// The width of a column without one given: its title's and its first 200 rows' text, plus a margin, within
    /// 6–60 characters.
    static func fittedWidth(_ sheet: Sheet, column: Int) -> Double {
        var longest = column < sheet.columns.count ? sheet.columns[column].title.count : 0
        for row in sheet.rows.prefix(200) where column < row.count {
            let cell = row[column]
            let shown: Int
            switch cell {
            case .date: shown = 10
            case .dateTime: shown = 16
            case .money(let d): shown = Sheet.decimal(d, places: 2).count + Sheet.decimal(d, places: 2).count / 4
            default: shown = cell.text.split(separator: "\n").map(\.count).max() ?? 0
            }
            longest = max(longest, shown)
        }
        return min(max(Double(longest) + 2, 6), 60)
    }

    static func worksheet(_ sheet: Sheet, strings: inout SharedStrings) -> String {
        let width = max(sheet.columns.count, sheet.rows.map(\.count).max() ?? 0)
        var x = XMLOutput(indent: false, standalone: true)
        x.open("worksheet", ["xmlns": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
                             "xmlns:r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"])
        let last = width > 0 ? columnName(width - 1) + String(sheet.rows.count + 1) : "A1"
        x.empty("dimension", ["ref": width > 0 ? "A1:" + last : "A1"])
        // The header row stays in view: a pane split below row 1, frozen (§18.3.1.66).
        x.open("sheetViews")
        x.open("sheetView", ["tabSelected": "0", "workbookViewId": "0"])
        x.empty("pane", ["ySplit": "1", "topLeftCell": "A2", "activePane": "bottomLeft", "state": "frozen"])
        x.empty("selection", ["pane": "bottomLeft", "activeCell": "A2", "sqref": "A2"])
        x.close()
        x.close()
        x.empty("sheetFormatPr", ["defaultRowHeight": "15"])
        if width > 0 {
            x.open("cols")
            for c in 0..<width {
                let given = c < sheet.columns.count ? sheet.columns[c].width : nil
                let w = given.map { $0.isFinite ? min(max($0, 0), 255) : 10 } ?? fittedWidth(sheet, column: c)
                x.empty("col", ["min": String(c + 1), "max": String(c + 1), "width": Sheet.decimal(w, places: 2),
                                "customWidth": "1"])
            }
            x.close()
        }
        x.open("sheetData")
        if !sheet.columns.isEmpty {
            x.open("row", ["r": "1"])
            for (c, column) in sheet.columns.enumerated() {
                cell(.text(column.title), reference: columnName(c) + "1", style: .header, into: &x, strings: &strings)
            }
            x.close()
        }
        for (r, row) in sheet.rows.enumerated() {
            let rowNumber = String(r + 2)
            x.open("row", ["r": rowNumber])
            for (c, value) in row.enumerated() {
                cell(value, reference: columnName(c) + rowNumber, style: nil, into: &x, strings: &strings)
            }
            x.close()
        }
        x.close()
        x.empty("pageMargins", ["left": "0.7", "right": "0.7", "top": "0.75", "bottom": "0.75", "header": "0.3",
                                "footer": "0.3"])
        return x.finish()
    }

    /// One `<c>`: its reference, its style and type, its value. An empty cell (or a number that is not finite,
    /// which Excel cannot hold) is left out.
    static func cell(_ value: Sheet.Cell, reference: String, style: Style?, into x: inout XMLOutput,
                     strings: inout SharedStrings) {
        func number(_ d: Double, _ s: Style) {
            guard d.isFinite else { return }
            x.raw("<c r=\"\(reference)\"" + (s == .plain ? "" : " s=\"\(s.rawValue)\"") + "><v>"
                  + Sheet.decimal(d) + "</v></c>")
        }
        func string(_ text: String, _ s: Style) {
            let i = strings.add(String(text.prefix(maxCellCharacters)))
            x.raw("<c r=\"\(reference)\"" + (s == .plain ? "" : " s=\"\(s.rawValue)\"") + " t=\"s\"><v>\(i)</v></c>")
        }
        switch value {
        case .text(let s): if !s.isEmpty { string(s, style ?? .plain) }
        case .number(let d): number(d, style ?? .plain)
        case .integer(let i): x.raw("<c r=\"\(reference)\"><v>\(i)</v></c>")
        case .money(let d): number(d, .money)
        case .percent(let d): number(d / 100, .percent)
        case .date(let d):
            if let serial = serial(d) { number(Double(serial), .date) } else { string(d.description, .plain) }
        case .dateTime(let t):
            if let serial = serial(t) { number(serial, .dateTime) } else { string(t.formatted(), .plain) }
        case .bool(let b): x.raw("<c r=\"\(reference)\" t=\"b\"><v>\(b ? 1 : 0)</v></c>")
        case .empty: break
        }
    }

    // MARK: Package parts

    static func contentTypes(sheetCount: Int) -> String {
        var x = XMLOutput(indent: false, standalone: true)
        x.open("Types", ["xmlns": "http://schemas.openxmlformats.org/package/2006/content-types"])
        x.empty("Default", ["Extension": "rels", "ContentType": "application/vnd.openxmlformats-package.relationships+xml"])
        x.empty("Default", ["Extension": "xml", "ContentType": "application/xml"])
        x.empty("Override", ["PartName": "/xl/workbook.xml",
                             "ContentType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"])
        for i in 1...max(sheetCount, 1) {
            x.empty("Override", ["PartName": "/xl/worksheets/sheet\(i).xml",
                                 "ContentType": "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"])
        }
        x.empty("Override", ["PartName": "/xl/styles.xml",
                             "ContentType": "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"])
        x.empty("Override", ["PartName": "/xl/sharedStrings.xml",
                             "ContentType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"])
        return x.finish()
    }

    static let relationshipsNamespace = "http://schemas.openxmlformats.org/package/2006/relationships"
    static let relationshipType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

    static func rootRelationships() -> String {
        var x = XMLOutput(indent: false, standalone: true)
        x.open("Relationships", ["xmlns": relationshipsNamespace])
        x.empty("Relationship", ["Id": "rId1", "Type": relationshipType + "officeDocument", "Target": "xl/workbook.xml"])
        return x.finish()
    }

    static func workbook(_ names: [String]) -> String {
        var x = XMLOutput(indent: false, standalone: true)
        x.open("workbook", ["xmlns": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
                            "xmlns:r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"])
        x.open("bookViews")
        x.empty("workbookView", ["activeTab": "0"])
        x.close()
        x.open("sheets")
        for (i, name) in names.enumerated() {
            x.empty("sheet", ["name": name, "sheetId": String(i + 1), "r:id": "rId\(i + 1)"])
        }
        x.close()
        return x.finish()
    }

    /// Worksheets are `rId1…rIdN`, then styles and shared strings.
    static func workbookRelationships(sheetCount: Int) -> String {
        var x = XMLOutput(indent: false, standalone: true)
        x.open("Relationships", ["xmlns": relationshipsNamespace])
        for i in 1...max(sheetCount, 1) {
            x.empty("Relationship", ["Id": "rId\(i)", "Type": relationshipType + "worksheet",
                                     "Target": "worksheets/sheet\(i).xml"])
        }
        x.empty("Relationship", ["Id": "rId\(sheetCount + 1)", "Type": relationshipType + "styles",
                                 "Target": "styles.xml"])
        x.empty("Relationship", ["Id": "rId\(sheetCount + 2)", "Type": relationshipType + "sharedStrings",
                                 "Target": "sharedStrings.xml"])
        return x.finish()
    }

    /// The ZIP package, in memory, every part deflated, with a fixed modification date (2000-01-01) so the bytes
    /// do not depend on the clock.
    static func zip(_ parts: [(path: String, text: String)]) throws(InterchangeError) -> Data {
        let fixedDate = Date(timeIntervalSince1970: 946_684_800)
        do {
            let archive = try Archive(data: Data(), accessMode: .create)
            for part in parts {
                let bytes = Data(part.text.utf8)
                try archive.addEntry(with: part.path, type: .file, uncompressedSize: Int64(bytes.count),
                                     modificationDate: fixedDate, compressionMethod: .deflate) { position, size in
                    let start = Int(position)
                    return bytes.subdata(in: start..<min(start + size, bytes.count))
                }
            }
            guard let data = archive.data else {
                throw InterchangeError(element: "xlsx", "the workbook's ZIP package was not produced in memory")
            }
            return data
        } catch let error as InterchangeError {
            throw error
        } catch {
            throw InterchangeError(element: "xlsx", "the workbook's ZIP package could not be built: \(error)")
        }
    }
}
