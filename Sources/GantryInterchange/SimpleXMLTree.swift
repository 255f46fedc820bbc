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
        // Foundation's parser on Linux traps on a name that is not valid UTF-8, so a document in UTF-8 (declared
        // or by default) is checked first. A document declaring another encoding reaches us converted by libxml2.
        if declaresUTF8(data), let bad = firstInvalidUTF8(data) {
            let line = data.prefix(bad).reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
            throw InterchangeError(element: what, line: line, "the file is not valid UTF-8 (byte \(bad)); save it as UTF-8 or declare its encoding in <?xml … encoding=\"…\"?>")
        }
        let parser = XMLParser(data: data)
        let builder = Builder()
        parser.delegate = builder
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        let ok = parser.parse()
        // On Linux `parse()` can return true after an error (a document cut short), so the error decides.
        if let error = builder.error ?? parser.parserError.map({ ($0, parser.lineNumber) }) ?? (ok ? nil : (nil, parser.lineNumber)) {
            let code = (error.0 as? NSError)?.code
            let reason = code.flatMap { XMLParser.ErrorCode(rawValue: $0) }.map { "\($0)" } ?? code.map { "error \($0)" } ?? "parse error"
            throw InterchangeError(element: what, line: error.1 > 0 ? error.1 : nil, "not well-formed XML (\(reason))")
        }
        guard let root = builder.root else {
            throw InterchangeError(element: what, line: 1, "the XML document has no root element")
        }
        return SimpleXMLTree(root: root)
    }

    /// Whether the bytes must be UTF-8: unless the document is UTF-16 (a byte-order mark or a zero byte up front)
    /// or its XML declaration names a single-byte encoding libxml2 converts (ISO-8859-n, Windows-125n, Latin-1,
    /// ASCII). Any other or garbled declaration leaves the bytes as they are, so they must be UTF-8.
    static func declaresUTF8(_ data: Data) -> Bool {
        let head = Array(data.prefix(200))
        if head.starts(with: [0xFE, 0xFF]) || head.starts(with: [0xFF, 0xFE]) || head.prefix(4).contains(0) { return false }
        let text = String(decoding: head, as: UTF8.self)
        guard text.hasPrefix("<?xml") || text.hasPrefix("\u{FEFF}<?xml"), let end = text.firstRange(of: "?>"),
              let enc = text[..<end.lowerBound].firstRange(of: "encoding=") else { return true }
        let value = text[enc.upperBound...].dropFirst().prefix { $0 != "\"" && $0 != "'" }.lowercased()
        let singleByte = ["iso-8859-", "iso8859-", "windows-125", "cp125", "latin1", "latin-1", "us-ascii", "ascii"]
        return !singleByte.contains { value.hasPrefix($0) }
    }

    /// The offset of the first byte that does not belong to a well-formed UTF-8 sequence (RFC 3629: no overlong
    /// forms, no surrogates, nothing above U+10FFFF), or `nil` when all of `data` is UTF-8.
    static func firstInvalidUTF8(_ data: Data) -> Int? {
        let b = [UInt8](data)
        var i = 0
        while i < b.count {
            let c = b[i]
            let length: Int
            var low: UInt8 = 0x80, high: UInt8 = 0xBF  // the allowed range of the second byte
            switch c {
            case 0x00...0x7F: i += 1; continue
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return i
            }
            guard i + length <= b.count, (low...high).contains(b[i + 1]) else { return i }
            for k in 2..<max(2, length) where !(0x80...0xBF).contains(b[i + k]) { return i }
            i += length
        }
        return nil
    }

    private final class Builder: NSObject, XMLParserDelegate {
        var root: Element?
        var stack: [Element] = []
        /// The first error and the line it was found on.
        var error: ((any Error)?, Int)?

        func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
            if error == nil { error = (parseError, parser.lineNumber) }
        }

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
