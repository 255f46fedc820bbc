import GantryInterchange
import GantryModel
import Testing

@Suite struct ICalendarWriterTests {
    static let stamp = Timestamp(iso: "2026-11-28T16:20:00Z") ?? Timestamp(millisecondsSinceEpoch: 0)
    static let day = CalendarDate(year: 2026, month: 12, day: 31) ?? CalendarDate(daysSinceEpoch: 0)

    @Test("a feed: VCALENDAR with VERSION, PRODID, CALSCALE, METHOD:PUBLISH, X-WR-CALNAME; all-day events, CRLF")
    func writesAFeed() {
        let feed = ICalendarFeed(name: "Bridge milestones", events: [
            .init(uid: "milestone-7@gantry", summary: "Gate 2", description: "Go / no-go", date: Self.day,
                  url: "https://gantry.example/projects/3?tab=gates", categories: ["Gate", "Bridge"]),
        ])
        let text = ICalendarWriter.write(feed, stamp: Self.stamp)
        #expect(text == """
            BEGIN:VCALENDAR\r
            VERSION:2.0\r
            PRODID:-//Gantry//Gantry PMO//EN\r
            CALSCALE:GREGORIAN\r
            METHOD:PUBLISH\r
            X-WR-CALNAME:Bridge milestones\r
            BEGIN:VEVENT\r
            UID:milestone-7@gantry\r
            DTSTAMP:20261128T162000Z\r
            DTSTART;VALUE=DATE:20261231\r
            DTEND;VALUE=DATE:20270101\r
            SUMMARY:Gate 2\r
            DESCRIPTION:Go / no-go\r
            URL:https://gantry.example/projects/3?tab=gates\r
            CATEGORIES:Gate,Bridge\r
            TRANSP:TRANSPARENT\r
            END:VEVENT\r
            END:VCALENDAR\r

            """)
    }

    @Test("DTEND is the day after the last day: RFC 5545 §3.6.1 makes it exclusive")
    func endsTheDayAfter() throws {
        let last = try #require(CalendarDate(year: 2027, month: 1, day: 3))
        let text = ICalendarWriter.write(.init(name: "x", events: [.init(uid: "u", summary: "s", date: Self.day,
                                                                          lastDate: last)]), stamp: Self.stamp)
        #expect(text.contains("DTSTART;VALUE=DATE:20261231\r\nDTEND;VALUE=DATE:20270104\r\n"))
    }

    @Test("RFC 5545 §3.3.11: backslash, semicolon and comma escaped, line breaks written \\n")
    func escapesText() {
        #expect(ICalendarWriter.escape("a,b;c\\d\ne\r\nf\rg") == "a\\,b\\;c\\\\d\\ne\\nf\\ng")
        #expect(ICalendarWriter.escape("bell\u{7}tab\t") == "belltab\t")
        // Categories are a list: the commas between them separate, the ones inside are escaped.
        let text = ICalendarWriter.write(.init(name: "a;b", events: [.init(uid: "u", summary: "s", date: Self.day,
                                                                            categories: ["x,y", "z"])]),
                                         stamp: Self.stamp)
        #expect(text.contains("X-WR-CALNAME:a\\;b\r\n"))
        #expect(text.contains("CATEGORIES:x\\,y,z\r\n"))
    }

    @Test("RFC 5545 §3.1: lines folded at 75 octets with CRLF and a space, never inside a UTF-8 sequence")
    func foldsLongLines() throws {
        let ascii = "DESCRIPTION:" + String(repeating: "abcdefghij", count: 20)
        let multibyte = "SUMMARY:" + String(repeating: "é€😀", count: 30)  // 2-, 3- and 4-octet scalars
        for line in [ascii, multibyte] {
            let folded = ICalendarWriter.fold(line)
            #expect(folded.hasSuffix("\r\n"))
            let bytes = Array(folded.utf8.dropLast(2))
            // Split the octets at CRLF: every physical line is at most 75 octets and valid UTF-8 on its own.
            var physical: [[UInt8]] = [[]]
            var i = 0
            while i < bytes.count {
                if bytes[i] == 13, i + 1 < bytes.count, bytes[i + 1] == 10 {
                    physical.append([]); i += 2
                } else {
                    physical[physical.count - 1].append(bytes[i]); i += 1
                }
            }
            #expect(physical.count > 1)
            for (n, p) in physical.enumerated() {
                #expect(p.count <= 75)
                #expect(String(validating: p, as: UTF8.self) != nil, "line \(n) splits a UTF-8 sequence")
                if n > 0 { #expect(p.first == 0x20) }
            }
            // Unfolding (removing each CRLF and the space after it) gives the line back.
            #expect(folded.replacing("\r\n ", with: "") == line + "\r\n")
        }
        // A line of exactly 75 octets is not folded.
        let exact = String(repeating: "x", count: 75)
        #expect(ICalendarWriter.fold(exact) == exact + "\r\n")
    }
}
