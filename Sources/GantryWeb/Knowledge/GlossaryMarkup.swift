import Foundation
import GantryModel
import GantryServices

/// The PMO's glossary shown where its terms appear: in a text a user wrote (a request's problem, a gate
/// criterion), the first mention of each term or alias becomes a link to the glossary entry, with the definition
/// as its tooltip. Matching ignores case and respects word boundaries; longer terms win over shorter ones inside
/// them ("Stage gate" before "gate"). The result is HTML with everything else escaped.
struct GlossaryMarkup: Sendable {
    struct Entry: Sendable {
        var id: Int64
        var phrase: String
        var definition: String
    }

    let entries: [Entry]

    init(_ terms: [GlossaryTerm]) {
        var entries: [Entry] = []
        for t in terms {
            for phrase in [t.term] + t.aliases where !phrase.trimmingCharacters(in: .whitespaces).isEmpty {
                entries.append(Entry(id: t.id.rawValue, phrase: phrase, definition: "\(t.term): \(t.definition)"))
            }
        }
        self.entries = entries.sorted { $0.phrase.count > $1.phrase.count }
    }

    /// `text` as HTML, each term's first mention linked to its definition.
    func html(_ text: String) -> String {
        guard !entries.isEmpty, !text.isEmpty else { return Self.escape(text) }
        let lower = text.lowercased()
        // Only when lowercasing keeps every index (true for the scripts PMO text is written in), match on it.
        guard lower.count == text.count else { return Self.escape(text) }
        let chars = Array(text)
        let lowerChars = Array(lower)
        var taken = Array(repeating: false, count: chars.count)
        var marks: [(start: Int, end: Int, entry: Entry)] = []
        var seen = Set<Int64>()
        for entry in entries where !seen.contains(entry.id) {
            let needle = Array(entry.phrase.lowercased())
            guard !needle.isEmpty, needle.count <= lowerChars.count else { continue }
            var i = 0
            while i + needle.count <= lowerChars.count {
                if lowerChars[i] == needle[0], Array(lowerChars[i..<(i + needle.count)]) == needle,
                   i == 0 || !Self.isWord(chars[i - 1]), i + needle.count == chars.count || !Self.isWord(chars[i + needle.count]),
                   !taken[i..<(i + needle.count)].contains(true) {
                    marks.append((i, i + needle.count, entry))
                    for k in i..<(i + needle.count) { taken[k] = true }
                    seen.insert(entry.id)
                    break
                }
                i += 1
            }
        }
        marks.sort { $0.start < $1.start }
        var out = ""
        var cursor = 0
        for m in marks {
            out += Self.escape(String(chars[cursor..<m.start]))
            out += "<a class=\"term\" href=\"/glossary#term-\(m.entry.id)\" title=\"\(Self.escape(m.entry.definition))\">"
                + Self.escape(String(chars[m.start..<m.end])) + "</a>"
            cursor = m.end
        }
        return out + Self.escape(String(chars[cursor...]))
    }

    static func isWord(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" }

    static func escape(_ s: String) -> String { GanttRenderer.escape(s) }
}

extension Backend {
    /// The glossary as markup for a page `caller` reads.
    func glossary(_ caller: Caller) async throws -> GlossaryMarkup {
        GlossaryMarkup(try await catalog.all(GlossaryTerm.self, caller, [:]))
    }
}
