import Foundation
@testable import GantryInterchange
import Testing

/// The streaming XML scanner under the XML readers: what it reports and what it refuses (XML 1.0 rules).
@Suite struct XMLScannerTests {
    final class Recorder: XMLEventHandler {
        var events: [String] = []
        func startElement(_ name: String, namespaceURI: String?, line: Int) throws(InterchangeError) {
            events.append("<\(name)\(namespaceURI.map { " ns=\($0)" } ?? "") @\(line)")
        }
        func characters(_ text: String) { events.append("'\(text)'") }
        func endElement(_ name: String, line: Int) throws(InterchangeError) { events.append("</\(name)")}
    }

    static func scan(_ text: String) throws(InterchangeError) -> [String] {
        let r = Recorder()
        try XMLScanner.scan(Data(text.utf8), into: r)
        return r.events
    }

    static func error(_ text: String) -> InterchangeError? {
        do { _ = try scan(text); return nil } catch { return error }
    }

    @Test func reportsElementsTextEntitiesAndNamespaces() throws {
        let events = try Self.scan("""
        \u{FEFF}<?xml version="1.0"?>
        <!-- a comment -->
        <p:Root xmlns:p="urn:a" xmlns="urn:b">
          <Item a='1'>x &amp; y &lt;&#65;&#x42;&gt;</Item>
          <p:Empty/><![CDATA[<raw>]]>
        </p:Root>
        """)
        #expect(events == ["<Root ns=urn:a @3", "<Item ns=urn:b @4", "'x & y <AB>'", "</Item", "<Empty ns=urn:a @5",
                           "</Empty", "'<raw>'", "</Root"])
    }

    @Test func refusesWhatIsNotWellFormedNamingTheLine() {
        #expect(Self.error("<a>\n<b>\n</a>")?.line == 3)              // mismatched end tag
        #expect(Self.error("<a>\n<b>text")?.message.contains("cut short") == true)
        #expect(Self.error("<a>\n&bogus;</a>")?.line == 2)            // unknown entity
        #expect(Self.error("<a x=1></a>") != nil)                     // unquoted attribute
        #expect(Self.error("<a></a><b></b>") != nil)                  // two roots
        #expect(Self.error("text<a/>") != nil)                        // text outside the root
        #expect(Self.error("<a><!-- never closed") != nil)
        #expect(Self.error("") != nil)
        #expect(Self.error(String(repeating: "<a>", count: 300)) != nil)  // nesting bound
    }

    @Test func readsUTF16WithAByteOrderMark() throws {
        var data = Data([0xFF, 0xFE])
        data.append("<a>é</a>".data(using: .utf16LittleEndian) ?? Data())
        let r = Recorder()
        try XMLScanner.scan(data, into: r)
        #expect(r.events == ["<a @1", "'é'", "</a"])
    }
}
