import Foundation
import GantryInterchange
import GantryModel
import Testing
import ZIPFoundation

@Suite struct CSVWriterTests {
    @Test("RFC 4180: CRLF after every record, a header record, fields with comma, quote or line break quoted, quotes doubled")
    func followsRFC4180() {
        let sheet = Sheet(name: "Risks", columns: ["Title", "Note"], rows: [
            ["plain", "a, b"],
            ["say \"hi\"", "line 1\nline 2"],
            ["windows\r\nbreak", .empty],
        ])
        #expect(CSVWriter.write(sheet) == "Title,Note\r\n"
            + "plain,\"a, b\"\r\n"
            + "\"say \"\"hi\"\"\",\"line 1\nline 2\"\r\n"
            + "\"windows\r\nbreak\",\r\n")
    }

    @Test("a CRLF inside a field is quoted although Swift sees it as one Character")
    func quotesACRLFGrapheme() {
        #expect(CSVWriter.field("a\r\nb") == "\"a\r\nb\"")
        #expect(CSVWriter.field("tab\there") == "tab\there")
    }

    @Test("every record as wide as the widest row")
    func padsRecords() {
        let sheet = Sheet(name: "x", columns: ["a", "b", "c"], rows: [["1"], ["1", "2", "3", "4"]])
        #expect(CSVWriter.write(sheet) == "a,b,c,\r\n1,,,\r\n1,2,3,4\r\n")
    }

    @Test("on request, text a spreadsheet would run as a formula gets a leading apostrophe; numbers do not")
    func neutralizesFormulas() {
        let sheet = Sheet(name: "x", columns: ["a", "b", "c", "d"],
                          rows: [["=HYPERLINK(\"http://x\")", "@SUM(A1)", .number(-3), "plain"]])
        #expect(CSVWriter.write(sheet, neutralizingFormulas: true)
            == "a,b,c,d\r\n\"'=HYPERLINK(\"\"http://x\"\")\",'@SUM(A1),-3,plain\r\n")
        #expect(CSVWriter.write(sheet).hasPrefix("a,b,c,d\r\n\"=HYPERLINK"))
    }

    @Test("values for machines: ISO dates, decimal point, no exponent, two decimals for money")
    func writesTypedValues() throws {
        let day = try #require(CalendarDate(year: 2026, month: 11, day: 28))
        let row: [Sheet.Cell] = [.number(0.00001), .number(1e21), .number(0.1), .number(-2.5), .integer(-42),
                                 .money(1234.5), .money(-0.004), .percent(37.5), .date(day),
                                 .dateTime(LocalDateTime(date: day, minuteOfDay: 8 * 60 + 5)), .bool(true),
                                 .number(.nan)]
        #expect(row.map(\.text) == ["0.00001", "1000000000000000000000", "0.1", "-2.5", "-42", "1234.50", "0.00",
                                    "37.5", "2026-11-28", "2026-11-28T08:05", "true", ""])
    }
}

@Suite struct XLSXWriterTests {
    static let day = CalendarDate(year: 2025, month: 1, day: 1) ?? CalendarDate(daysSinceEpoch: 0)

    static var sheets: [Sheet] {
        [
            Sheet(name: "Portfolio: 2025/26 [draft]", columns: [.init("Project", width: 30), "Budget", "Done", "Start",
                                                                 "Reviewed", "Active", "Tasks", "Note"], rows: [
                [" Bridge ", .money(1_250_000.5), .percent(37.5), .date(day),
                 .dateTime(LocalDateTime(date: day, minuteOfDay: 720)), .bool(true), .integer(42), "A & B <ok>"],
                ["Bridge", .money(0), .percent(100), .empty, .empty, .bool(false), .integer(-1), .number(2.25)],
            ]),
            Sheet(name: "portfolio: 2025/26 [DRAFT]", columns: ["Only"], rows: []),
        ]
    }

    /// The package's parts by path, as text.
    static func parts(_ data: Data) throws -> [String: String] {
        let archive = try Archive(data: data, accessMode: .read)
        var parts: [String: String] = [:]
        for entry in archive {
            var bytes = Data()
            _ = try archive.extract(entry) { bytes.append($0) }
            parts[entry.path] = String(decoding: bytes, as: UTF8.self)
        }
        return parts
    }

    static func written() throws -> [String: String] {
        let data = try XLSXWriter.write(sheets)
        if let dir = ProcessInfo.processInfo.environment["GANTRY_INTERCHANGE_SAMPLES"] {
            try data.write(to: URL(fileURLWithPath: dir).appendingPathComponent("xlsx-writer.xlsx"))
        }
        return try parts(data)
    }

    static func xml(_ parts: [String: String], _ path: String) throws -> ParsedXML {
        try ParsedXML.parse(Data(try #require(parts[path], "missing part \(path)").utf8))
    }

    @Test("the package holds the parts ECMA-376 requires, each well-formed XML")
    func holdsTheParts() throws {
        let parts = try Self.written()
        #expect(Set(parts.keys) == ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml",
                                    "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/sharedStrings.xml",
                                    "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"])
        for path in parts.keys { _ = try Self.xml(parts, path) }
        let types = try Self.xml(parts, "[Content_Types].xml")
        let overrides = Set(types.all("Override").compactMap { $0.attributes["PartName"] })
        #expect(overrides == ["/xl/workbook.xml", "/xl/worksheets/sheet1.xml", "/xl/worksheets/sheet2.xml",
                              "/xl/styles.xml", "/xl/sharedStrings.xml"])
        let rels = try Self.xml(parts, "xl/_rels/workbook.xml.rels").all("Relationship")
        #expect(rels.map { $0.attributes["Target"] } == ["worksheets/sheet1.xml", "worksheets/sheet2.xml",
                                                         "styles.xml", "sharedStrings.xml"])
    }

    @Test("sheet names lose []:*?/\\, keep 31 characters and stay unique ignoring case")
    func sanitisesSheetNames() throws {
        let sheets = try Self.xml(try Self.written(), "xl/workbook.xml").at("sheets/sheet")
        let names = sheets.compactMap { $0.attributes["name"] }
        #expect(names == ["Portfolio_ 2025_26 _draft_", "portfolio_ 2025_26 _DRAFT_ (2)"])
        let long = String(repeating: "x", count: 40)
        #expect(XLSXWriter.sheetNames([long, long, "", "'quoted'", "History"])
            == [String(repeating: "x", count: 31), String(repeating: "x", count: 27) + " (2)", "Sheet3", "quoted",
                "History_"])
    }

    @Test("column letters run A…Z, AA…, up to XFD, Excel's 16,384th column")
    func namesColumns() {
        #expect(XLSXWriter.columnName(0) == "A")
        #expect(XLSXWriter.columnName(25) == "Z")
        #expect(XLSXWriter.columnName(26) == "AA")
        #expect(XLSXWriter.columnName(51) == "AZ")
        #expect(XLSXWriter.columnName(52) == "BA")
        #expect(XLSXWriter.columnName(16_383) == "XFD")
    }

    @Test("dates are serial day numbers of the 1900 system: 2025-01-01 is 45658, 1900-03-01 is 61")
    func countsSerialDays() throws {
        // Excel's DATE(2025,1,1) is 45658; its serial 60 is the 1900-02-29 that never was, so March 1st is 61.
        #expect(XLSXWriter.serial(Self.day) == 45658)
        #expect(XLSXWriter.serial(try #require(CalendarDate(year: 1900, month: 3, day: 1))) == 61)
        #expect(XLSXWriter.serial(try #require(CalendarDate(year: 1900, month: 2, day: 28))) == nil)
    }

    @Test("cells keep their types: shared strings, numbers, booleans, dates with a date style, a bold frozen header")
    func writesTypedCells() throws {
        let parts = try Self.written()
        let sheet = try Self.xml(parts, "xl/worksheets/sheet1.xml")
        let strings = try Self.xml(parts, "xl/sharedStrings.xml").all("si").map { $0.value("t") ?? "" }
        let styles = try Self.xml(parts, "xl/styles.xml")
        let formats = Dictionary(uniqueKeysWithValues: styles.at("numFmts/numFmt").compactMap { f in
            f.attributes["numFmtId"].map { ($0, f.attributes["formatCode"] ?? "") }
        })
        let xfs = styles.at("cellXfs/xf")
        let fonts = styles.at("fonts/font")

        var cells: [String: ParsedXML] = [:]
        for row in sheet.at("sheetData/row") { for c in row.all("c") { cells[c.attributes["r"] ?? ""] = c } }
        func string(_ ref: String) -> String? {
            guard let c = cells[ref], c.attributes["t"] == "s", let i = Int(c.value("v") ?? "") else { return nil }
            return strings[i]
        }
        func formatCode(_ ref: String) -> String? {
            guard let s = cells[ref]?.attributes["s"], let xf = Int(s), let id = xfs[xf].attributes["numFmtId"]
            else { return nil }
            return formats[id] ?? (id == "10" ? "0.00%" : id)
        }

        // The header: shared strings in a bold font, frozen below row 1.
        #expect(string("A1") == "Project")
        #expect(string("H1") == "Note")
        let headerXF = try #require(cells["A1"]?.attributes["s"].flatMap(Int.init))
        let font = try #require(xfs[headerXF].attributes["fontId"].flatMap(Int.init))
        #expect(fonts[font].child("b") != nil)
        let pane = try #require(sheet.at("sheetViews/sheetView/pane").first)
        #expect(pane.attributes["state"] == "frozen")
        #expect(pane.attributes["ySplit"] == "1")
        #expect(pane.attributes["topLeftCell"] == "A2")

        // Row 2.
        #expect(string("A2") == " Bridge ")  // spaces kept (xml:space="preserve")
        #expect(cells["B2"]?.value("v") == "1250000.5")
        #expect(formatCode("B2") == "#,##0.00")
        #expect(cells["C2"]?.value("v") == "0.375")
        #expect(formatCode("C2") == "0.00%")
        #expect(cells["D2"]?.value("v") == "45658")
        #expect(formatCode("D2") == "yyyy-mm-dd")
        #expect(cells["E2"]?.value("v") == "45658.5")
        #expect(formatCode("E2") == "yyyy-mm-dd hh:mm")
        #expect(cells["F2"]?.attributes["t"] == "b")
        #expect(cells["F2"]?.value("v") == "1")
        #expect(cells["G2"]?.attributes["t"] == nil)
        #expect(cells["G2"]?.value("v") == "42")
        #expect(string("H2") == "A & B <ok>")
        // Row 3: an empty cell is left out; the same text is stored once.
        #expect(cells["D3"] == nil)
        #expect(cells["F3"]?.value("v") == "0")
        #expect(cells["H3"]?.value("v") == "2.25")
        #expect(strings.filter { $0 == "Bridge" }.count == 1)

        // Widths: the one given, and fitted ones for the rest.
        let cols = sheet.at("cols/col")
        #expect(cols.count == 8)
        #expect(cols[0].attributes["width"] == "30.00")
        #expect(cols.allSatisfy { $0.attributes["customWidth"] == "1" })
        #expect(sheet.child("dimension")?.attributes["ref"] == "A1:H3")
    }

    @Test("the same sheets give the same bytes, whatever the clock says")
    func isDeterministic() throws {
        #expect(try XLSXWriter.write(Self.sheets) == XLSXWriter.write(Self.sheets))
    }

    @Test("a sheet wider than Excel's 16,384 columns is refused with a message naming it")
    func refusesOversizedSheets() {
        let wide = Sheet(name: "Wide", columns: Array(repeating: "c", count: 16_385))
        do {
            _ = try XLSXWriter.write([wide])
            Issue.record("a sheet of 16,385 columns was written")
        } catch {
            #expect(error.element == "sheet Wide")
            #expect(error.message.contains("16385 columns"))
        }
    }
}
