public import Foundation
import GantryModel

/// Reads MS Project XML (MSPDI, namespace `http://schemas.microsoft.com/project`) into a `ProjectFile`.
///
/// Streaming: `XMLScanner` (SAX-style) hands over one record at a time (a calendar, a task, a resource, an
/// assignment, a project property), each built into a small element tree, mapped and dropped, so a file of
/// 100,000 tasks never sits in memory as a document. Links and assignment timephased data are resolved once every
/// task is known.
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
        try XMLScanner.scan(data, into: handler)
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
        // XML whitespace is ASCII (space, tab, CR, LF): trimmed on the UTF-8 view, not by Character.
        let u = text.utf8
        func space(_ c: UInt8) -> Bool { c == 32 || c == 9 || c == 10 || c == 13 }
        guard let first = u.firstIndex(where: { !space($0) }), let last = u.lastIndex(where: { !space($0) }) else {
            return ""
        }
        return text[first..<u.index(after: last)]
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
final class MSPDIParseHandler: XMLEventHandler {
    var state = MSPDIState()
    /// How deep the scanner is: 1 is `<Project>`.
    private var depth = 0
    /// The record being built (outermost first); empty between records.
    private var open: [MSPDIElement] = []
    /// The collection (`Tasks`, `Calendars`, …) the current record sits in; `nil` for a direct child of `Project`.
    private var container: String?

    /// Children of `<Project>` that hold a list of records, each read and dropped on its own.
    private static let collections: Set<String> = ["Calendars", "Tasks", "Resources", "Assignments"]

    func startElement(_ name: String, namespaceURI: String?, line: Int) throws(InterchangeError) {
        depth += 1
        if depth == 1 {
            guard name == "Project" else {
                throw InterchangeError(element: name, line: line,
                                       "the root element is <\(name)>, not MS Project's <Project>")
            }
            guard namespaceURI == MSPDIReader.namespace else {
                throw InterchangeError(element: "Project", line: line,
                                       "<Project> is in namespace '\(namespaceURI ?? "")', not MS Project's '\(MSPDIReader.namespace)'")
            }
            return
        }
        if open.isEmpty && depth == 2 && Self.collections.contains(name) {
            container = name
            return
        }
        open.append(MSPDIElement(name: name, line: line))
    }

    func characters(_ text: String) {
        guard !open.isEmpty else { return }
        open[open.count - 1].text += text
    }

    func endElement(_ name: String, line: Int) throws(InterchangeError) {
        defer { depth -= 1 }
        if depth <= 1 { return }
        guard let done = open.popLast() else {
            if depth == 2 { container = nil }
            return
        }
        if !open.isEmpty {
            open[open.count - 1].children.append(done)
            return
        }
        try state.record(done, in: container)
    }
}
