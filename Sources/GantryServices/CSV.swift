/// CSV as RFC 4180 writes it: fields with a comma, quote or line break are quoted, quotes doubled, lines end in
/// CRLF. For the exports (the audit trail, the executive portfolio report).
enum CSV {
    static func field(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        var out = "\""
        for c in s { out.append(c); if c == "\"" { out.append("\"") } }
        return out + "\""
    }

    static func line(_ cells: [String]) -> String { cells.map(field).joined(separator: ",") + "\r\n" }
}
