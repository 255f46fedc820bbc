#if canImport(FoundationXML)
import FoundationXML
#endif
public import Foundation
import GantryModel

/// Reads MS Project XML (MSPDI, namespace `http://schemas.microsoft.com/project`) into a `ProjectFile`.
///
/// Streaming: a SAX parser hands over one record at a time (a calendar, a task, a resource, an assignment, a
/// project property), each built into a small element tree, mapped and dropped, so a file of 100,000 tasks never
/// sits in memory as a document. Links and assignment timephased data are resolved once every task is known.
///
/// Bad input never crashes: XML that is not well-formed, truncated or in another namespace, and a task without a
/// UID or with a duplicate one, are an `InterchangeError` naming the element and line; what can be repaired
/// (a link to a missing task, an absurd duration, an unreadable date) is a `ProjectFile.Notice` and the file
/// still reads.
public enum MSPDIReader {
    /// MS Project's namespace: the root `<Project>` must be in it.
    static let namespace = "http://schemas.microsoft.com/project"

    public static func read(_ data: Data) throws(InterchangeError) -> ProjectFile {
        let handler = MSPDIParseHandler()
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.shouldReportNamespacePrefixes = false
        parser.shouldResolveExternalEntities = false
        parser.delegate = handler
        let ok = parser.parse()
        if let error = handler.error { throw error }
        guard ok else {
            let detail = parser.parserError.map { ($0 as NSError).localizedDescription } ?? "unknown parser error"
            let element = handler.path.isEmpty ? "file" : handler.path.joined(separator: "/")
            throw InterchangeError(element: element, line: parser.lineNumber,
                                   "the XML is not well-formed or is cut short (\(detail))")
        }
        guard handler.sawRoot else {
            throw InterchangeError(element: "file", line: 1, "no <Project> element: this is not an MS Project XML file")
        }
        guard handler.closedRoot else {
            throw InterchangeError(element: "Project", line: parser.lineNumber,
                                   "the file ends before </Project>: it is cut short")
        }
        return handler.state.finish()
    }
}

/// One element of a record, with its text and children: what the mapping reads.
struct MSPDIElement {
    var name: String
    var line: Int
    var text: String = ""
    var children: [MSPDIElement] = []

    /// The element's text without the whitespace around it.
    var value: Substring {
        var s = Substring(text)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return s
    }

    func child(_ name: String) -> MSPDIElement? { children.first { $0.name == name } }

    /// The trimmed text of the named child, `nil` when absent or empty.
    func text(_ name: String) -> Substring? {
        guard let c = child(name) else { return nil }
        let v = c.value
        return v.isEmpty ? nil : v
    }
}

/// The SAX side: tracks the open elements, builds one record's tree at a time and hands it to `MSPDIState`.
final class MSPDIParseHandler: NSObject, XMLParserDelegate {
    var state = MSPDIState()
    var error: InterchangeError?
    /// The names of the open elements, for error messages.
    var path: [String] = []
    var sawRoot = false
    var closedRoot = false
    /// The record being built (outermost first); empty between records.
    private var open: [MSPDIElement] = []
    /// The collection (`Tasks`, `Calendars`, …) the current record sits in; `nil` for a direct child of `Project`.
    private var container: String?

    /// Children of `<Project>` that hold a list of records, each read and dropped on its own.
    private static let collections: Set<String> = ["Calendars", "Tasks", "Resources", "Assignments"]

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        path.append(elementName)
        let depth = path.count
        if depth == 1 {
            guard elementName == "Project" else {
                fail(parser, InterchangeError(element: elementName, line: parser.lineNumber,
                                              "the root element is <\(elementName)>, not MS Project's <Project>"))
                return
            }
            guard namespaceURI == MSPDIReader.namespace else {
                fail(parser, InterchangeError(element: "Project", line: parser.lineNumber,
                                              "<Project> is in namespace '\(namespaceURI ?? "")', not MS Project's '\(MSPDIReader.namespace)'"))
                return
            }
            sawRoot = true
            return
        }
        if open.isEmpty && depth == 2 && Self.collections.contains(elementName) {
            container = elementName
            return
        }
        open.append(MSPDIElement(name: elementName, line: parser.lineNumber))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard !open.isEmpty else { return }
        open[open.count - 1].text += string
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        guard !open.isEmpty else { return }
        open[open.count - 1].text += String(decoding: CDATABlock, as: UTF8.self)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?) {
        defer { if !path.isEmpty { path.removeLast() } }
        if path.count == 1 { closedRoot = true; return }
        guard let done = open.popLast() else {
            if path.count == 2 { container = nil }
            return
        }
        if !open.isEmpty {
            open[open.count - 1].children.append(done)
            return
        }
        do throws(InterchangeError) {
            try state.record(done, in: container)
        } catch {
            fail(parser, error)
        }
    }

    private func fail(_ parser: XMLParser, _ error: InterchangeError) {
        if self.error == nil { self.error = error }
        parser.abortParsing()
    }
}
