public import GantryModel

/// A calendar feed of all-day events (milestones, deadlines, gate dates) that calendar apps subscribe to.
public struct ICalendarFeed: Sendable, Hashable {
    /// Shown by clients as the calendar's name (`X-WR-CALNAME`).
    public var name: String
    public var events: [Event]

    public init(name: String, events: [Event] = []) { self.name = name; self.events = events }

    /// One all-day event.
    public struct Event: Sendable, Hashable {
        /// Globally unique and stable across exports ("milestone-42@gantry.example"), so a client updates the
        /// event instead of adding a copy (RFC 5545 §3.8.4.7).
        public var uid: String
        public var summary: String
        public var description: String
        /// The (first) day of the event.
        public var date: CalendarDate
        /// The last day of a multi-day event, inclusive; `nil` for one day.
        public var lastDate: CalendarDate?
        /// A link back to the item in Gantry.
        public var url: String?
        public var categories: [String]

        public init(uid: String, summary: String, description: String = "", date: CalendarDate,
                    lastDate: CalendarDate? = nil, url: String? = nil, categories: [String] = []) {
            self.uid = uid; self.summary = summary; self.description = description; self.date = date
            self.lastDate = lastDate; self.url = url; self.categories = categories
        }
    }
}

/// Writes an iCalendar feed (RFC 5545): one `VCALENDAR` with `VERSION:2.0`, a `PRODID`, `CALSCALE:GREGORIAN`,
/// `METHOD:PUBLISH` and `X-WR-CALNAME`, and a `VEVENT` per event.
///
/// Each event is all-day: `DTSTART;VALUE=DATE` and a `DTEND;VALUE=DATE` the day after its last day (DTEND is
/// exclusive, §3.6.1), `TRANSP:TRANSPARENT` so it does not block anyone's free time. `DTSTAMP` (required, §3.8.7.2)
/// is the `stamp` given: the writer never reads a clock.
///
/// Content lines end in CRLF and are folded at 75 octets (§3.1); text values are escaped (§3.3.11).
public enum ICalendarWriter {
    public static let productID = "-//Gantry//Gantry PMO//EN"

    /// The feed as iCalendar text; `stamp` is written as every event's `DTSTAMP` (in UTC).
    public static func write(_ feed: ICalendarFeed, stamp: Timestamp) -> String {
        var out = ""
        func line(_ name: String, _ value: String) { out += fold(name + ":" + value) }
        line("BEGIN", "VCALENDAR")
        line("VERSION", "2.0")
        line("PRODID", productID)
        line("CALSCALE", "GREGORIAN")
        line("METHOD", "PUBLISH")
        line("X-WR-CALNAME", escape(feed.name))
        let dtstamp = utc(stamp)
        for event in feed.events {
            line("BEGIN", "VEVENT")
            line("UID", escape(event.uid))
            line("DTSTAMP", dtstamp)
            line("DTSTART;VALUE=DATE", date(event.date))
            let last = max(event.lastDate ?? event.date, event.date)
            line("DTEND;VALUE=DATE", date(last.adding(days: 1)))
            line("SUMMARY", escape(event.summary))
            if !event.description.isEmpty { line("DESCRIPTION", escape(event.description)) }
            if let url = event.url, !url.isEmpty { line("URL", uri(url)) }
            let categories = event.categories.filter { !$0.isEmpty }
            if !categories.isEmpty { line("CATEGORIES", categories.map(escape).joined(separator: ",")) }
            line("TRANSP", "TRANSPARENT")
            line("END", "VEVENT")
        }
        line("END", "VCALENDAR")
        return out
    }

    /// A TEXT value (RFC 5545 §3.3.11): backslash, semicolon and comma escaped with a backslash, a line break
    /// (CRLF, LF or CR) written `\n`. Other control characters, which TEXT cannot hold, are dropped (tab is kept).
    public static func escape(_ text: String) -> String {
        var out = ""
        var previousCR = false
        for scalar in text.unicodeScalars {
            defer { previousCR = scalar == "\r" }
            switch scalar {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\r": out += "\\n"
            case "\n": if !previousCR { out += "\\n" }
            case "\t": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A URI value (§3.3.13) is not escaped like TEXT; characters that cannot appear in a content line (controls,
    /// §3.1 `VALUE-CHAR`) are dropped.
    static func uri(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }))
    }

    /// One content line, folded (§3.1): no physical line longer than 75 octets without its CRLF; each continuation
    /// starts with one space, which counts toward its 75. Lines are split between Unicode scalars, never inside
    /// a UTF-8 sequence.
    public static func fold(_ line: String) -> String {
        var out = ""
        var octets = 0
        for scalar in line.unicodeScalars {
            let size = UTF8.width(scalar)
            if octets + size > 75 {
                out += "\r\n "
                octets = 1
            }
            out.unicodeScalars.append(scalar)
            octets += size
        }
        return out + "\r\n"
    }

    /// `20261128` (§3.3.4).
    static func date(_ d: CalendarDate) -> String {
        String(d.description.filter { $0 != "-" })
    }

    /// `20261128T162000Z`: a DATE-TIME in UTC (§3.3.5, form 2).
    static func utc(_ t: Timestamp) -> String {
        let text = t.description  // 2026-11-28T16:20:00.000Z
        let digits = text.prefix(19).filter { $0 != "-" && $0 != ":" }
        return String(digits) + "Z"
    }
}
