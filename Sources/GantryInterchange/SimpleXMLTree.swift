#if canImport(FoundationXML)
import FoundationXML
#endif
import Foundation

/// A whole XML document as a small tree of elements, for the readers of formats whose files are read best as a
/// whole (GanttProject's nested tasks, P6 XML's cross references). Each element keeps the line it started on, so
/// a reader can name where a problem is.
struct SimpleXMLTree {
    final class Element {
        let name: String
        let attributes: [String: String]
        let line: Int
        var children: [Element] = []
        /// The element's own text and CDATA, joined.
        var text = ""

        init(name: String, attributes: [String: String], line: Int) {
            self.name = name; self.attributes = attributes; self.line = line
        }

        subscript(attribute: String) -> String? { attributes[attribute] }

        func child(_ name: String) -> Element? { children.first { $0.name == name } }
        func children(_ name: String) -> [Element] { children.filter { $0.name == name } }
        /// The text of the first child called `name`, or `nil` when there is none or it is empty.
        func text(of name: String) -> String? {
            guard let t = child(name)?.text, !t.isEmpty else { return nil }
            return t
        }
    }

    let root: Element

    /// Parses `data`; a document that is not well-formed XML throws with the parser's line and message.
    /// `element` names the format in the error ("GanttProject file").
    static func parse(_ data: Data, what: String) throws(InterchangeError) -> SimpleXMLTree {
        let parser = XMLParser(data: data)
        let builder = Builder()
        parser.delegate = builder
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        let ok = parser.parse()
        guard ok, let root = builder.root else {
            let message = parser.parserError.map { "\($0.localizedDescription)" } ?? "no root element"
            throw InterchangeError(element: what, line: parser.lineNumber > 0 ? parser.lineNumber : nil,
                                   "not well-formed XML: \(message)")
        }
        return SimpleXMLTree(root: root)
    }

    private final class Builder: NSObject, XMLParserDelegate {
        var root: Element?
        var stack: [Element] = []

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
            let e = Element(name: elementName, attributes: attributeDict, line: parser.lineNumber)
            if let parent = stack.last { parent.children.append(e) } else if root == nil { root = e }
            stack.append(e)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?) {
            if let e = stack.popLast() {
                e.text = e.text.trimmingCharacters(in: .whitespacesAndNewlines)
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            stack.last?.text += string
        }

        func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
            stack.last?.text += String(decoding: CDATABlock, as: UTF8.self)
        }
    }
}
