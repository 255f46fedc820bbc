/// Tells a file's format from its first bytes, never from its name: P6 XML (`APIBusinessObjects`) ends in `.xml`
/// like MS Project XML, and people rename files.
public enum FormatSniffer {
    /// The format of `bytes`, or an error that says what the file looks like instead.
    public static func format(of bytes: some Collection<UInt8>) throws(InterchangeError) -> ProjectFile.Format {
        let head = String(decoding: bytes.prefix(4096), as: UTF8.self)
        let trimmed = head.drop { $0 == "\u{FEFF}" || $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" }
        if trimmed.hasPrefix("ERMHDR") { return .xer }
        guard trimmed.hasPrefix("<") else {
            if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
                throw InterchangeError(element: "file", "this is a binary MS Project .mpp file; save it from MS Project as XML (File > Save As > XML Format) and import that")
            }
            if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
                throw InterchangeError(element: "file", "this is a ZIP archive (an .xlsx or zipped export?); import an MS Project XML, Primavera XER or GanttProject .gan file")
            }
            throw InterchangeError(element: "file", line: 1, "not a schedule file: expected MS Project XML, Primavera P6 XER (starting with ERMHDR) or GanttProject .gan")
        }
        guard let root = rootElement(head) else {
            throw InterchangeError(element: "file", line: 1, "XML without a root element in its first 4 KB")
        }
        switch root.name {
        case "Project":
            guard root.tag.contains("http://schemas.microsoft.com/project") else {
                throw InterchangeError(element: "Project", line: root.line, "the root element <Project> is not in MS Project's namespace (xmlns=\"http://schemas.microsoft.com/project\")")
            }
            return .mspdi
        case "project":
            return .ganttProject
        case "APIBusinessObjects":
            return .p6xml
        default:
            throw InterchangeError(element: root.name, line: root.line, "unknown root element <\(root.name)>: expected <Project> (MS Project XML), <project> (GanttProject) or <APIBusinessObjects> (Primavera P6 XML)")
        }
    }

    /// The first element that is not a declaration, comment or processing instruction: its name (prefix dropped),
    /// its whole start tag and its line.
    static func rootElement(_ text: String) -> (name: String, tag: String, line: Int)? {
        var rest = Substring(text)
        var line = 1
        while let open = rest.firstIndex(of: "<") {
            line += rest[..<open].reduce(0) { $1 == "\n" ? $0 + 1 : $0 }
            let after = rest[rest.index(after: open)...]
            if after.hasPrefix("?") || after.hasPrefix("!") {
                let endMarker = after.hasPrefix("!--") ? "-->" : ">"
                guard let end = after.firstRange(of: endMarker) else { return nil }
                line += after[..<end.upperBound].reduce(0) { $1 == "\n" ? $0 + 1 : $0 }
                rest = after[end.upperBound...]
                continue
            }
            let tagEnd = after.firstIndex(of: ">") ?? after.endIndex
            let tag = after[..<tagEnd]
            let qname = tag.prefix { !$0.isWhitespace && $0 != "/" }
            let name = qname.split(separator: ":").last.map(String.init) ?? String(qname)
            return (name, String(tag), line)
        }
        return nil
    }
}
