import Foundation

/// What an `XMLScanner` reports, in document order.
protocol XMLEventHandler: AnyObject {
    /// An element opens: its local name (prefix dropped), its namespace, the line of its `<`.
    func startElement(_ name: String, namespaceURI: String?, line: Int) throws(InterchangeError)
    /// Text inside an element, entities decoded; runs of only whitespace are not reported.
    func characters(_ text: String)
    func endElement(_ name: String, line: Int) throws(InterchangeError)
}

/// A small streaming (SAX-style) XML reader over bytes, for the XML schedule formats.
///
/// Why not Foundation's `XMLParser`: on Linux it crashes (an illegal instruction inside FoundationXML) on some
/// corrupted files, refuses a document of more than 10 MB handed over at once, and reads about 4 MB/s; a reader
/// must never crash on bad input and must take a 100,000-task file in seconds.
///
/// It checks what a schedule reader needs to trust the structure: tags nest and match, one root element, names
/// are names, attribute values are quoted, entities are the five predefined ones or character references, the
/// document is not cut short. Comments, processing instructions and a DOCTYPE are skipped (no DTD entities are
/// expanded); CDATA is text. UTF-8 (with or without a BOM) and UTF-16 with a BOM are read; invalid UTF-8 becomes
/// U+FFFD rather than an error. Every error names the element path and the line.
struct XMLScanner {
    /// Deeper nesting than this is refused: no schedule format nests past a dozen levels.
    static let maxDepth = 256

    static func scan(_ data: Data, into handler: some XMLEventHandler) throws(InterchangeError) {
        var bytes = data
        if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) {
            guard let text = String(data: data, encoding: .utf16) else {
                throw InterchangeError(element: "file", line: 1, "the file starts with a UTF-16 byte order mark but is not valid UTF-16")
            }
            bytes = Data(text.utf8)
        }
        let result: Result<Void, InterchangeError> = bytes.withUnsafeBytes { raw in
            var scanner = XMLScanner(raw)
            do throws(InterchangeError) {
                try scanner.run(handler)
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        try result.get()
    }

    private let b: UnsafeRawBufferPointer
    private var i = 0
    private var line = 1
    /// Open elements: qualified name and line.
    private var open: [(name: String, local: String, line: Int)] = []
    /// Namespace declarations in scope: depth declared at, prefix ("" for the default), URI.
    private var namespaces: [(depth: Int, prefix: String, uri: String)] = []
    private var sawRoot = false

    private init(_ b: UnsafeRawBufferPointer) { self.b = b }

    private var path: String { open.isEmpty ? "file" : open.map(\.local).joined(separator: "/") }

    private func fail(_ message: String, line: Int? = nil) -> InterchangeError {
        InterchangeError(element: path, line: line ?? self.line, message)
    }

    private mutating func run(_ handler: some XMLEventHandler) throws(InterchangeError) {
        let n = b.count
        if n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF { i = 3 }
        while i < n {
            if b[i] != UInt8(ascii: "<") {
                try text(handler)
                continue
            }
            guard i + 1 < n else { throw fail("the file ends inside a tag: it is cut short") }
            switch b[i + 1] {
            case UInt8(ascii: "?"):
                try skip(past: "?>", what: "processing instruction")
            case UInt8(ascii: "!"):
                if matches("<!--") {
                    try skip(past: "-->", what: "comment")
                } else if matches("<![CDATA[") {
                    guard !open.isEmpty else { throw fail("CDATA outside the root element") }
                    let start = i + 9
                    try skip(past: "]]>", what: "CDATA section")
                    let text = String(decoding: UnsafeRawBufferPointer(rebasing: b[start..<(i - 3)]), as: UTF8.self)
                    if !text.isEmpty { handler.characters(text) }
                } else if matches("<!DOCTYPE") {
                    try skipDoctype()
                } else {
                    throw fail("'<!' that starts no comment, CDATA section or DOCTYPE")
                }
            case UInt8(ascii: "/"):
                try endTag(handler)
            default:
                try startTag(handler)
            }
        }
        if let last = open.last {
            throw InterchangeError(element: path, line: line,
                                   "the file ends before </\(last.name)> (opened at line \(last.line)): it is cut short")
        }
        guard sawRoot else { throw InterchangeError(element: "file", line: line, "no root element: the file holds no XML document") }
    }

    private func matches(_ s: StaticString) -> Bool {
        let len = s.utf8CodeUnitCount
        guard i + len <= b.count else { return false }
        let p = s.utf8Start
        for k in 0..<len where b[i + k] != p[k] { return false }
        return true
    }

    /// Moves past the next `terminator`, counting lines; an error when the file ends first.
    private mutating func skip(past terminator: StaticString, what: String) throws(InterchangeError) {
        let startLine = line
        let first = terminator.utf8Start[0]
        while i < b.count {
            let c = b[i]
            if c == 10 { line += 1 }
            if c == first && matches(terminator) {
                i += terminator.utf8CodeUnitCount
                return
            }
            i += 1
        }
        throw fail("the \(what) opened at line \(startLine) never ends: the file is cut short", line: startLine)
    }

    private mutating func skipDoctype() throws(InterchangeError) {
        let startLine = line
        var depth = 0
        while i < b.count {
            let c = b[i]
            if c == 10 { line += 1 }
            if c == UInt8(ascii: "[") { depth += 1 }
            if c == UInt8(ascii: "]") { depth -= 1 }
            i += 1
            if c == UInt8(ascii: ">") && depth <= 0 { return }
        }
        throw fail("the DOCTYPE opened at line \(startLine) never ends", line: startLine)
    }

    private static func isSpace(_ c: UInt8) -> Bool { c == 32 || c == 9 || c == 10 || c == 13 }

    private static func isNameStart(_ c: UInt8) -> Bool {
        (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == UInt8(ascii: "_") || c == UInt8(ascii: ":") || c >= 0x80
    }

    private static func isNameChar(_ c: UInt8) -> Bool {
        isNameStart(c) || (c >= 48 && c <= 57) || c == UInt8(ascii: "-") || c == UInt8(ascii: ".")
    }

    /// A name: the qualified name, and where its local part starts (after the last ':') as a byte index.
    private mutating func nameRange(_ what: String) throws(InterchangeError) -> (range: Range<Int>, local: Int) {
        let start = i
        guard i < b.count, Self.isNameStart(b[i]) else {
            if i >= b.count { throw fail("the file ends inside a tag: it is cut short") }
            throw fail("\(what) name expected, found '\(Self.show(b[i]))'")
        }
        var local = start
        while i < b.count && Self.isNameChar(b[i]) {
            if b[i] == UInt8(ascii: ":") { local = i + 1 }
            i += 1
        }
        return (start..<i, local)
    }

    private func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: b[range]), as: UTF8.self)
    }

    private mutating func name(_ what: String) throws(InterchangeError) -> String {
        string(try nameRange(what).range)
    }

    private static func show(_ c: UInt8) -> String {
        c >= 32 && c < 127 ? String(UnicodeScalar(c)) : "byte 0x" + String(c, radix: 16)
    }

    private mutating func skipSpaces() {
        while i < b.count && Self.isSpace(b[i]) {
            if b[i] == 10 { line += 1 }
            i += 1
        }
    }

    private mutating func startTag(_ handler: some XMLEventHandler) throws(InterchangeError) {
        let tagLine = line
        if open.isEmpty && sawRoot { throw fail("a second root element after the document's end") }
        i += 1
        let parsed = try nameRange("element")
        let qname = string(parsed.range)
        let localName = parsed.local == parsed.range.lowerBound ? qname : string(parsed.local..<parsed.range.upperBound)
        let prefix = parsed.local == parsed.range.lowerBound ? "" : string(parsed.range.lowerBound..<(parsed.local - 1))
        var declared: [(prefix: String, uri: String)] = []
        var empty = false
        while true {
            skipSpaces()
            guard i < b.count else { throw fail("the file ends inside <\(qname)>: it is cut short") }
            let c = b[i]
            if c == UInt8(ascii: ">") { i += 1; break }
            if c == UInt8(ascii: "/") {
                guard i + 1 < b.count, b[i + 1] == UInt8(ascii: ">") else { throw fail("'/' inside <\(qname)> not followed by '>'") }
                i += 2; empty = true; break
            }
            let attribute = try name("attribute")
            skipSpaces()
            guard i < b.count, b[i] == UInt8(ascii: "=") else { throw fail("attribute \(attribute) of <\(qname)> has no '='") }
            i += 1
            skipSpaces()
            guard i < b.count, b[i] == UInt8(ascii: "\"") || b[i] == UInt8(ascii: "'") else {
                throw fail("the value of attribute \(attribute) of <\(qname)> is not quoted")
            }
            let quote = b[i]
            i += 1
            let start = i
            while i < b.count && b[i] != quote {
                if b[i] == 10 { line += 1 }
                if b[i] == UInt8(ascii: "<") { throw fail("'<' inside the value of attribute \(attribute)") }
                i += 1
            }
            guard i < b.count else { throw fail("the file ends inside attribute \(attribute): it is cut short") }
            let value = try decode(start..<i)
            i += 1
            if attribute == "xmlns" { declared.append(("", value)) }
            else if attribute.hasPrefix("xmlns:") { declared.append((String(attribute.dropFirst(6)), value)) }
        }
        guard open.count < Self.maxDepth else { throw fail("elements nest deeper than \(Self.maxDepth) levels") }
        let depth = open.count + 1
        for d in declared { namespaces.append((depth, d.prefix, d.uri)) }
        let uri = namespaces.last { $0.prefix == prefix }?.uri
        open.append((qname, localName, tagLine))
        sawRoot = true
        try handler.startElement(localName, namespaceURI: uri.flatMap { $0.isEmpty ? nil : $0 }, line: tagLine)
        if empty { try close(handler, line: tagLine) }
    }

    private mutating func endTag(_ handler: some XMLEventHandler) throws(InterchangeError) {
        let tagLine = line
        i += 2
        let qname = try name("element")
        skipSpaces()
        guard i < b.count else { throw fail("the file ends inside </\(qname)>: it is cut short") }
        guard b[i] == UInt8(ascii: ">") else { throw fail("'>' expected after </\(qname)") }
        i += 1
        guard let top = open.last else { throw fail("</\(qname)> closes no open element") }
        guard top.name == qname else {
            throw fail("</\(qname)> does not close <\(top.name)> opened at line \(top.line)", line: tagLine)
        }
        try close(handler, line: tagLine)
    }

    private mutating func close(_ handler: some XMLEventHandler, line: Int) throws(InterchangeError) {
        guard let top = open.popLast() else { return }
        let depth = open.count + 1
        while let last = namespaces.last, last.depth >= depth { namespaces.removeLast() }
        try handler.endElement(top.local, line: line)
    }

    /// A run of text up to the next `<`: reported inside an element unless it is only whitespace; outside the
    /// root element only whitespace is allowed.
    private mutating func text(_ handler: some XMLEventHandler) throws(InterchangeError) {
        let start = i
        let startLine = line
        var blank = true
        var amp = false
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "<") { break }
            if c == 10 { line += 1 }
            if !Self.isSpace(c) { blank = false }
            if c == UInt8(ascii: "&") { amp = true }
            i += 1
        }
        if blank { return }
        guard !open.isEmpty else {
            throw fail("text outside the root element", line: startLine)
        }
        let text = amp ? try decode(start..<i)
            : String(decoding: UnsafeRawBufferPointer(rebasing: b[start..<i]), as: UTF8.self)
        handler.characters(text)
    }

    /// Text with its entity references (`&lt;` `&gt;` `&amp;` `&quot;` `&apos;` `&#N;` `&#xN;`) replaced.
    private func decode(_ range: Range<Int>) throws(InterchangeError) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(range.count)
        var k = range.lowerBound
        var lineHere = line
        while k < range.upperBound {
            let c = b[k]
            guard c == UInt8(ascii: "&") else { out.append(c); k += 1; continue }
            var end = k + 1
            while end < range.upperBound && b[end] != UInt8(ascii: ";") && end - k < 12 { end += 1 }
            guard end < range.upperBound, b[end] == UInt8(ascii: ";") else {
                lineHere = line - b[k..<range.upperBound].reduce(0) { $1 == 10 ? $0 + 1 : $0 }
                throw fail("'&' that starts no entity reference (write &amp;)", line: lineHere)
            }
            let entity = String(decoding: UnsafeRawBufferPointer(rebasing: b[(k + 1)..<end]), as: UTF8.self)
            switch entity {
            case "lt": out.append(UInt8(ascii: "<"))
            case "gt": out.append(UInt8(ascii: ">"))
            case "amp": out.append(UInt8(ascii: "&"))
            case "quot": out.append(UInt8(ascii: "\""))
            case "apos": out.append(UInt8(ascii: "'"))
            default:
                var scalar: Unicode.Scalar?
                if entity.hasPrefix("#x") || entity.hasPrefix("#X") {
                    scalar = UInt32(entity.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
                } else if entity.hasPrefix("#") {
                    scalar = UInt32(entity.dropFirst(1)).flatMap(Unicode.Scalar.init)
                }
                guard let scalar else {
                    lineHere = line - b[k..<range.upperBound].reduce(0) { $1 == 10 ? $0 + 1 : $0 }
                    throw fail("unknown entity &\(entity.prefix(12));", line: lineHere)
                }
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
            }
            k = end + 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
