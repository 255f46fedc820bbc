import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import GantryModel
import GantryWeb
import Testing

/// An element of a parsed SVG document.
final class XMLNode {
    let name: String
    let attributes: [String: String]
    var children: [XMLNode] = []
    var text = ""

    init(name: String, attributes: [String: String]) { self.name = name; self.attributes = attributes }

    var classes: Set<String> { Set((attributes["class"] ?? "").split(separator: " ").map(String.init)) }
    func number(_ key: String) -> Double? { attributes[key].flatMap(Double.init) }

    /// This element and all below it, in document order.
    var all: [XMLNode] { [self] + children.flatMap(\.all) }
    func having(_ cls: String) -> [XMLNode] { all.filter { $0.classes.contains(cls) } }
    /// The text of this element and its descendants, except `<title>` tooltips.
    var ownText: String { text + children.filter { $0.name != "title" }.map(\.ownText).joined() }
    var tooltip: String? { children.first { $0.name == "title" }?.text }
}

/// Builds an `XMLNode` tree with Foundation's XMLParser, recording any parse error.
final class SVGReader: NSObject, XMLParserDelegate {
    var stack: [XMLNode] = []
    var root: XMLNode?
    var error: (any Error)?

    static func parse(_ svg: String) throws -> XMLNode {
        let reader = SVGReader()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = reader
        guard parser.parse(), let root = reader.root else {
            throw reader.error ?? parser.parserError ?? CocoaError(.fileReadCorruptFile)
        }
        return root
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
                attributes attributeDict: [String: String] = [:]) {
        let node = XMLNode(name: elementName, attributes: attributeDict)
        stack.last?.children.append(node)
        if root == nil { root = node }
        stack.append(node)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        stack.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { stack.last?.text += string }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) { error = parseError }
}

@Suite("Gantt chart drawn as SVG")
struct GanttChartTests {
    /// Mon 2018-02-26 00:00 in wall minutes.
    static let monday: Int64 = 25_326_720
    static func at(day: Int64, hour: Int64) -> Int64 { monday + day * 1440 + hour * 60 }

    /// A small plan: a summary over two leaves, a milestone, an undated row, links of three types.
    static let chart = GanttChart(
        title: "Plant upgrade — schedule",
        rows: [
            .init(id: 1, code: "1", name: "Upgrade", depth: 0, kind: .summary, start: at(day: 0, hour: 8), finish: at(day: 9, hour: 17),
                  lateFinish: at(day: 9, hour: 17), totalFloatText: "0d", critical: true),
            .init(id: 2, code: "1.1", name: "Design", depth: 1, start: at(day: 0, hour: 8), finish: at(day: 4, hour: 17),
                  lateFinish: at(day: 4, hour: 17), totalFloatText: "0d", critical: true, percentComplete: 40,
                  baselineStart: at(day: 0, hour: 8), baselineFinish: at(day: 3, hour: 17)),
            .init(id: 3, code: "1.2", name: #"Docs <script>alert("x")</script> & co"#, depth: 1, start: at(day: 0, hour: 8),
                  finish: at(day: 2, hour: 17), lateFinish: at(day: 7, hour: 17), totalFloatText: "3d"),
            .init(id: 4, code: "1.3", name: "Build", depth: 1, start: at(day: 7, hour: 8), finish: at(day: 9, hour: 17),
                  lateFinish: at(day: 9, hour: 17), totalFloatText: "0d", critical: true),
            .init(id: 5, code: "2", name: "Go live", kind: .milestone, start: at(day: 9, hour: 17), finish: at(day: 9, hour: 17),
                  critical: true),
            .init(id: 6, code: "3", name: "Not scheduled yet"),
        ],
        links: [
            .init(from: 1, to: 3, type: .finishToStart, critical: true),
            .init(from: 2, to: 3, type: .startToStart),
            .init(from: 3, to: 4, type: .finishToFinish, critical: true),
            .init(from: 4, to: 99),  // out of range: not drawn
        ],
        statusDate: at(day: 2, hour: 12))

    static let dayWidth = 20.0

    static func render(_ chart: GanttChart = chart, dayWidth: Double? = dayWidth) throws -> (String, XMLNode) {
        let svg = renderGanttSVG(chart, dayWidth: dayWidth)
        return (svg, try SVGReader.parse(svg))
    }

    /// Bars by row index.
    static func bars(_ root: XMLNode) -> [Int: XMLNode] {
        var out: [Int: XMLNode] = [:]
        for bar in root.having("gantt-bar") { out[Int(bar.attributes["data-row"] ?? "") ?? -1] = bar }
        return out
    }

    @Test("the SVG is well-formed and labelled for assistive technology")
    func accessible() throws {
        let (_, root) = try Self.render()
        #expect(root.name == "svg")
        #expect(root.attributes["role"] == "img")
        let ids = (root.attributes["aria-labelledby"] ?? "").split(separator: " ").map(String.init)
        #expect(ids.count == 2)
        let labelled = ids.compactMap { id in root.children.first { $0.attributes["id"] == id } }
        #expect(labelled.map(\.name) == ["title", "desc"])
        #expect(labelled.first?.text == "Plant upgrade — schedule")
        #expect(labelled.last?.text.contains("6 activities") == true)
        #expect(root.all.allSatisfy { $0.name != "script" && $0.name != "image" && $0.name != "foreignObject" })
        #expect(root.all.allSatisfy { !($0.attributes["href"] ?? "").hasPrefix("http") }, "no external assets")
    }

    @Test("one bar per dated row, with its kind's shape, and a tooltip on each")
    func barsPerRow() throws {
        let (_, root) = try Self.render()
        let bars = Self.bars(root)
        #expect(root.having("gantt-bar").count == 5)
        #expect(Set(bars.keys) == [0, 1, 2, 3, 4], "the undated row has no bar")
        #expect(bars[0]?.name == "path" && bars[0]?.classes.contains("summary") == true)
        #expect(bars[1]?.name == "rect" && bars[1]?.classes.contains("leaf") == true)
        #expect(bars[4]?.name == "polygon" && bars[4]?.classes.contains("milestone") == true)
        #expect(bars[4]?.attributes["points"]?.split(separator: " ").count == 4, "a diamond")
        for bar in bars.values { #expect(bar.tooltip?.isEmpty == false) }
        #expect(bars[1]?.tooltip == "1.1 Design: 2018-02-26 08:00 – 2018-03-02 17:00, 40% complete, total float 0d, critical")
        // Labels: every row, undated ones too, indented by depth.
        let labels = root.having("gantt-label")
        #expect(labels.count == 6)
        #expect((labels[1].number("x") ?? 0) > (labels[0].number("x") ?? 0))
    }

    @Test("critical bars and links carry the critical class; others do not")
    func critical() throws {
        let (svg, root) = try Self.render()
        let bars = Self.bars(root)
        for (i, row) in Self.chart.rows.enumerated() where bars[i] != nil {
            #expect(bars[i]!.classes.contains("critical") == row.critical, "row \(i)")
        }
        let links = root.having("gantt-link")
        #expect(links.filter { $0.classes.contains("critical") }.count == 2)
        // Not by colour alone: critical bars are hatched and outlined.
        #expect(svg.contains(".gantt-bar.critical{fill:url(#gantt-hatch);stroke:"))
        #expect(root.all.contains { $0.name == "pattern" && $0.attributes["id"] == "gantt-hatch" })
    }

    @Test("the float bar spans from the finish to the late finish")
    func floatBar() throws {
        let (_, root) = try Self.render()
        let bars = Self.bars(root)
        let floats = root.having("float")
        #expect(floats.count == 1, "only the row whose late finish is later")
        let float = try #require(floats.first)
        #expect(float.attributes["data-row"] == "2")
        let bar = try #require(bars[2])
        let barEnd = (bar.number("x") ?? 0) + (bar.number("width") ?? 0)
        #expect(abs((float.number("x") ?? 0) - barEnd) < 0.11)
        let row = Self.chart.rows[2]
        let expected = Double(row.lateFinish! - row.finish!) / 1440 * Self.dayWidth
        #expect(abs((float.number("width") ?? 0) - expected) < 0.11)
        #expect(float.tooltip?.contains("3d") == true)
    }

    @Test("names are escaped: markup in a name is text, not an element")
    func escaped() throws {
        let (svg, root) = try Self.render()
        #expect(!svg.contains("<script"))
        #expect(svg.contains("&lt;script&gt;"))
        let bars = Self.bars(root)
        #expect(bars[2]?.tooltip?.contains(#"<script>alert("x")</script> & co"#) == true)
        let label = root.having("gantt-label")[2]
        #expect(label.ownText.contains("Docs <script>"))
        #expect(label.tooltip == Self.chart.rows[2].name, "a cut name keeps the whole name in its tooltip")
    }

    @Test("links are elbow lines with arrow heads; a link to a missing row is not drawn")
    func links() throws {
        let (_, root) = try Self.render()
        let links = root.having("gantt-link")
        #expect(links.count == 3)
        let markers = Set(root.all.filter { $0.name == "marker" }.compactMap { $0.attributes["id"] })
        for link in links {
            let d = link.attributes["d"] ?? ""
            #expect(d.hasPrefix("M") && d.contains("V") && d.contains("H"), "elbow: \(d)")
            let marker = (link.attributes["marker-end"] ?? "").dropFirst(5).dropLast()  // url(#…)
            #expect(markers.contains(String(marker)))
        }
        // FS from Design (row 1) starts at Design's finish and ends at Build's start (row 3).
        let fs = try #require(links.first { $0.attributes["data-from"] == "1" && $0.attributes["data-to"] == "3" })
        let bars = Self.bars(root)
        let designEnd = (bars[1]?.number("x") ?? 0) + (bars[1]?.number("width") ?? 0)
        let buildStart = bars[3]?.number("x") ?? 0
        let d = fs.attributes["d"] ?? ""
        let first = Double(d.dropFirst().prefix { $0 != "," }) ?? -1
        let last = Double(d.split(separator: "H").last ?? "") ?? -1
        #expect(abs(first - designEnd) < 0.15, "\(d) starts at Design's finish \(designEnd)")
        #expect(abs(last - buildStart) < 0.15, "\(d) ends at Build's start \(buildStart)")
    }

    @Test("progress, baseline and the status date are drawn where they belong")
    func progressBaselineStatus() throws {
        let (_, root) = try Self.render()
        let bar = try #require(Self.bars(root)[1])
        let progress = try #require(root.having("gantt-progress").first)
        #expect(abs((progress.number("width") ?? 0) - 0.4 * (bar.number("width") ?? 0)) < 0.11)
        let baseline = try #require(root.having("baseline").first)
        #expect(baseline.attributes["data-row"] == "1")
        #expect(abs((baseline.number("width") ?? 0) - ((3 * 1440 + 9 * 60) / 1440 * Self.dayWidth)) < 0.11)
        let status = try #require(root.having("status-date").first)
        #expect(status.name == "line")
        let x = status.number("x1") ?? 0
        #expect(abs(x - ((bar.number("x") ?? 0) + (2 * 1440 + 4 * 60) / 1440 * Self.dayWidth)) < 0.11)
        #expect(status.tooltip == "Status date 2018-02-28 12:00")
    }

    @Test("the time scale follows the span: weeks for a fortnight, quarters for years")
    func scale() throws {
        let (_, short) = try Self.render(dayWidth: nil)
        let shortLabels = short.having("gantt-scale").map(\.text)
        #expect(shortLabels.contains("Weeks") && shortLabels.contains("Feb 2018") && shortLabels.contains("26"))
        var long = Self.chart
        long.rows[3].finish = Self.at(day: 1500, hour: 17)
        let (_, longRoot) = try Self.render(long, dayWidth: nil)
        let longLabels = longRoot.having("gantt-scale").map(\.text)
        #expect(longLabels.contains("Quarters") && longLabels.contains("2019") && longLabels.contains("Q3"))
    }

    @Test("the same chart gives the same bytes, and 300 rows stay small")
    func deterministicAndSmall() throws {
        var rows: [GanttChart.Row] = []
        var links: [GanttChart.Link] = []
        for i in 0..<300 {
            let s = Self.at(day: Int64(i % 60), hour: 8)
            rows.append(.init(id: Int64(i), code: "A\(i)", name: "Activity number \(i) with a fairly long descriptive name",
                              depth: i % 4, kind: i % 25 == 0 ? .milestone : i % 10 == 0 ? .summary : .leaf,
                              start: s, finish: s + Int64(i % 7 + 1) * 1440, lateFinish: s + Int64(i % 7 + 1 + i % 3) * 1440,
                              totalFloatText: "\(i % 3)d", critical: i % 3 == 0, percentComplete: Double(i % 100),
                              baselineStart: i % 2 == 0 ? s : nil, baselineFinish: i % 2 == 0 ? s + 1440 : nil))
            if i > 0 { links.append(.init(from: i - 1, to: i, type: DependencyType.allCases[i % 4], critical: i % 3 == 0)) }
        }
        let big = GanttChart(title: "Big", rows: rows, links: links, statusDate: Self.at(day: 30, hour: 12))
        let a = renderGanttSVG(big), b = renderGanttSVG(big)
        #expect(a == b)
        #expect(a.utf8.count < 400_000, "\(a.utf8.count) bytes")
        let root = try SVGReader.parse(a)
        #expect(root.having("gantt-bar").count == 300)
        #expect(root.having("gantt-link").count == 299)
    }

    @Test("an empty chart is still a valid, labelled SVG")
    func empty() throws {
        let (_, root) = try Self.render(GanttChart(title: "Nothing & nobody", rows: []))
        #expect(root.children.first { $0.name == "title" }?.text == "Nothing & nobody")
        #expect(root.having("gantt-bar").isEmpty)
    }
}
