/// Builds XML text for the writers (MS Project XML, the parts of an XLSX workbook): elements opened and closed in
/// order, every text escaped, characters XML 1.0 cannot carry dropped. Indented two spaces a level when `indent`
/// is on, so the same input always gives the same bytes.
struct XMLOutput {
    private(set) var text: String
    private var stack: [String] = []
    private let indent: Bool

    /// Starts a document with the XML declaration (`standalone="yes"` when asked, as Office parts carry it).
    init(indent: Bool = true, standalone: Bool = false) {
        self.indent = indent
        text = "<?xml version=\"1.0\" encoding=\"UTF-8\"" + (standalone ? " standalone=\"yes\"" : "") + "?>"
        if indent { text += "\n" }
    }

    private mutating func pad() {
        guard indent else { return }
        for _ in 0..<stack.count { text += "  " }
    }

    private mutating func newline() {
        if indent { text += "\n" }
    }

    /// `<name a="v">` and one level deeper. Attributes are written in the order given.
    mutating func open(_ name: String, _ attributes: KeyValuePairs<String, String> = [:]) {
        pad()
        text += "<" + name + Self.attributes(attributes) + ">"
        newline()
        stack.append(name)
    }

    /// Closes the element opened last.
    mutating func close() {
        guard let name = stack.popLast() else { return }
        pad()
        text += "</" + name + ">"
        newline()
    }

    /// `<name>value</name>`, the value escaped; `<name/>` for an empty value.
    mutating func element(_ name: String, _ value: String, _ attributes: KeyValuePairs<String, String> = [:]) {
        pad()
        if value.isEmpty {
            text += "<" + name + Self.attributes(attributes) + "/>"
        } else {
            text += "<" + name + Self.attributes(attributes) + ">" + Self.escape(value) + "</" + name + ">"
        }
        newline()
    }

    /// `<name a="v"/>`.
    mutating func empty(_ name: String, _ attributes: KeyValuePairs<String, String> = [:]) {
        pad()
        text += "<" + name + Self.attributes(attributes) + "/>"
        newline()
    }

    /// Appends markup as it is (already escaped by the caller).
    mutating func raw(_ markup: String) {
        text += markup
    }

    /// The document, every open element closed.
    mutating func finish() -> String {
        while !stack.isEmpty { close() }
        return text
    }

    private static func attributes(_ attributes: KeyValuePairs<String, String>) -> String {
        var out = ""
        for (key, value) in attributes { out += " " + key + "=\"" + escape(value, attribute: true) + "\"" }
        return out
    }

    /// Escapes `&`, `<`, `>` (and `"` in attributes) and drops what XML 1.0 cannot hold: control characters other
    /// than tab, line feed and carriage return, and U+FFFE/U+FFFF (the `Char` production of XML 1.0 §2.2; Swift
    /// strings cannot hold lone surrogates). A carriage return is written `&#13;` so a parser's end-of-line
    /// handling (§2.11) does not turn it into a line feed; in attributes tab and line feed are written as
    /// references too, since attribute-value normalisation (§3.3.3) would turn them into spaces.
    static func escape(_ s: String, attribute: Bool = false) -> String {
        // Most values need nothing: return them as they are. (0xEF leads the UTF-8 of U+FFFE and U+FFFF.)
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0xEF }) {
            return s
        }
        var out = ""
        out.unicodeScalars.reserveCapacity(s.unicodeScalars.count)
        for scalar in s.unicodeScalars {
            switch scalar.value {
            case 0x26: out += "&amp;"
            case 0x3C: out += "&lt;"
            case 0x3E: out += "&gt;"
            case 0x22 where attribute: out += "&quot;"
            case 0x0D: out += "&#13;"
            case 0x0A where attribute: out += "&#10;"
            case 0x09 where attribute: out += "&#9;"
            case 0x09, 0x0A: out.unicodeScalars.append(scalar)
            case 0x00..<0x20, 0xFFFE, 0xFFFF: continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
