import Foundation
import GantryInterchange
import GantryModel
import GantryScheduling
import Testing

/// Every public corpus file, damaged in many ways (truncated, a line deleted, an element duplicated, numbers
/// corrupted, the namespace changed), is either read with what could be kept or refused with an error that names
/// where: never a crash, never an error without a place. The import's all-or-nothing storage is tested on top of
/// this in GantryStorageTests (CorpusImportTests).
@Suite("Damaged corpus files: an error that names where, or a read with notices")
struct CorpusMutationTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("../shared/data/schedules").standardizedFileURL

    static var corpus: [URL] {
        let folders = ["mspdi", "mspdi-derived", "xer", "gan", "p6xml", "xer-progressed"]
        return folders.flatMap { folder -> [URL] in
            let dir = root.appendingPathComponent(folder)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
            return names.sorted().map { dir.appendingPathComponent($0) }
        }
    }

    @Test func theCorpusIsThere() {
        #expect(Self.corpus.count >= 100, "expected the public corpus at \(Self.root.path)")
    }

    @Test("every mutation of every corpus file reads or fails with a place", arguments: corpus)
    func mutations(file: URL) throws {
        let original = [UInt8](try Data(contentsOf: file))
        var rng = SeededRandom(seed: UInt64(truncatingIfNeeded: file.lastPathComponent.hashValueStable))
        for (label, bytes) in Mutations.all(of: original, using: &rng) {
            do {
                _ = try ProjectFileReader.read(Data(bytes))
            } catch {
                #expect(!error.message.isEmpty, "\(file.lastPathComponent) \(label): an error without a message")
                #expect(!error.element.isEmpty || error.line != nil,
                        "\(file.lastPathComponent) \(label): the error does not say where: \(error)")
            }
        }
    }
}

/// Ways to damage a file, deterministic for a seed.
enum Mutations {
    static func all(of bytes: [UInt8], using rng: inout SeededRandom) -> [(String, [UInt8])] {
        var out: [(String, [UInt8])] = []
        for fraction in [0.1, 0.5, 0.97] {
            out.append(("truncated at \(Int(fraction * 100)) %", Array(bytes.prefix(Int(Double(bytes.count) * fraction)))))
        }
        let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
        func joined(_ ls: [[UInt8]]) -> [UInt8] { Array(ls.joined(separator: [UInt8(ascii: "\n")])) }
        for _ in 0..<3 where lines.count > 2 {
            var ls = lines
            let k = rng.below(ls.count)
            ls.remove(at: k)
            out.append(("line \(k + 1) deleted", joined(ls)))
        }
        for _ in 0..<2 where lines.count > 2 {
            var ls = lines
            let k = rng.below(ls.count)
            ls.insert(ls[k], at: k)
            out.append(("line \(k + 1) duplicated", joined(ls)))
        }
        // A whole task duplicated (same UID twice), in whichever form the format has.
        for (open, close) in [("<Task>", "</Task>"), ("<task ", "</task>"), ("%R\t", "\n")] {
            if let dup = duplicate(bytes, from: Array(open.utf8), to: Array(close.utf8)) {
                out.append(("first \(open.trimmingCharacters(in: .whitespaces)) duplicated", dup))
                break
            }
        }
        // Numbers corrupted: one digit run replaced with something absurd or not a number.
        let runs = digitRuns(bytes)
        for replacement in ["-99999999999999999999", "1e309", "NaN", "", "x7", "-1"] where !runs.isEmpty {
            let r = runs[rng.below(runs.count)]
            var b = bytes
            b.replaceSubrange(r, with: Array(replacement.utf8))
            out.append(("number at byte \(r.lowerBound) → '\(replacement)'", b))
        }
        // Every number in the file made huge at once.
        var huge = bytes
        for r in runs.reversed().prefix(5000) { huge.replaceSubrange(r, with: Array("987654321987654321".utf8)) }
        out.append(("every number huge", huge))
        // The MS Project namespace changed.
        if let r = find(Array("http://schemas.microsoft.com/project".utf8), in: bytes) {
            var b = bytes
            b.replaceSubrange(r, with: Array("http://example.com/not-project".utf8))
            out.append(("wrong namespace", b))
        }
        out.append(("empty", []))
        out.append(("garbage", (0..<512).map { _ in UInt8(truncatingIfNeeded: rng.next()) }))
        return out
    }

    static func digitRuns(_ bytes: [UInt8]) -> [Range<Int>] {
        var runs: [Range<Int>] = []
        var start: Int?
        for (i, b) in bytes.enumerated() {
            let digit = b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")
            if digit, start == nil { start = i }
            if !digit, let s = start { runs.append(s..<i); start = nil }
        }
        if let s = start { runs.append(s..<bytes.count) }
        return runs
    }

    static func find(_ needle: [UInt8], in bytes: [UInt8], from: Int = 0) -> Range<Int>? {
        guard !needle.isEmpty, bytes.count >= needle.count else { return nil }
        var i = from
        while i <= bytes.count - needle.count {
            if bytes[i] == needle[0] && Array(bytes[i..<(i + needle.count)]) == needle { return i..<(i + needle.count) }
            i += 1
        }
        return nil
    }

    /// The first `open … close` span repeated right after itself.
    static func duplicate(_ bytes: [UInt8], from open: [UInt8], to close: [UInt8]) -> [UInt8]? {
        guard let a = find(open, in: bytes), let b = find(close, in: bytes, from: a.upperBound) else { return nil }
        var out = bytes
        out.insert(contentsOf: bytes[a.lowerBound..<b.upperBound], at: b.upperBound)
        return out
    }
}

extension String {
    /// A hash that is the same in every run (Swift's `hashValue` is seeded per process).
    var hashValueStable: Int {
        var h: UInt64 = 1_469_598_103_934_665_603
        for b in utf8 { h = (h ^ UInt64(b)) &* 1_099_511_628_211 }
        return Int(truncatingIfNeeded: h)
    }
}
