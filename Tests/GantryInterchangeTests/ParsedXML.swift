import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A parsed XML element for tests: name (prefix kept), attributes, children in order and its own text. Built with
/// Foundation's `XMLParser`, so a document that parses here is well-formed XML.
final class ParsedXML {
    let name: String
    let attributes: [String: String]
    var children: [ParsedXML] = []
    var text = ""

    init(name: String, attributes: [String: String]) { self.name = name; self.attributes = attributes }

    func child(_ name: String) -> ParsedXML? { children.first { $0.name == name } }
    func all(_ name: String) -> [ParsedXML] { children.filter { $0.name == name } }
    /// The text of the first child called `name`.
    func value(_ name: String) -> String? { child(name)?.text }
    /// Follows a path of child names ("Calendars/Calendar").
    func at(_ path: String) -> [ParsedXML] {
        var level = [self]
        for part in path.split(separator: "/") { level = level.flatMap { $0.all(String(part)) } }
        return level
    }

    struct ParseError: Error, CustomStringConvertible {
        var description: String
    }

    static func parse(_ data: Data) throws -> ParsedXML {
        let builder = Builder()
        let parser = XMLParser(data: data)
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else {
            throw ParseError(description: "not well-formed XML at line \(parser.lineNumber): \(parser.parserError.map { "\($0)" } ?? "no root")")
        }
        return root
    }

    private final class Builder: NSObject, XMLParserDelegate {
        var root: ParsedXML?
        var stack: [ParsedXML] = []

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
            let node = ParsedXML(name: elementName, attributes: attributeDict)
            if let parent = stack.last { parent.children.append(node) } else { root = node }
            stack.append(node)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?) {
            _ = stack.popLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            stack.last?.text += string
        }
    }
}
