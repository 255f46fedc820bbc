import GantryModel

/// How MSPDI writes its values, read from text: dates, ISO 8601 durations, format codes, booleans and numbers.
/// Every parse returns `nil` for text it cannot read; the caller names the element in a notice.
enum MSPDIValues {
    /// The earliest and latest years a date may fall in without a notice: anything outside is a placeholder or a
    /// corruption (MS Project itself only shows 1984–2149).
    static let plausibleYears = 1900...2200

    /// 100 years in minutes: a duration or lag longer than this is not a schedule value but a corruption.
    static let absurdMinutes = 100.0 * 365.25 * 1440

    // MARK: Dates

    /// `2006-08-25T08:00:00`, `2006-08-25T08:00`, or a bare date `2006-08-25` (midnight). Seconds are rounded to
    /// the nearest minute (MS Project stores finishes like `09:08:24` when a duration is not whole minutes);
    /// fractions of seconds and a trailing zone designator are ignored (MSPDI dates are local wall time).
    static func dateTime(_ text: Substring) -> LocalDateTime? {
        let b = Array(text.utf8)
        func digits(_ at: Int, _ count: Int) -> Int? {
            guard at + count <= b.count else { return nil }
            var v = 0
            for i in at..<(at + count) {
                let c = b[i]
                guard c >= 48 && c <= 57 else { return nil }
                v = v * 10 + Int(c - 48)
            }
            return v
        }
        guard b.count >= 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
              let y = digits(0, 4), let mo = digits(5, 2), let d = digits(8, 2),
              let date = CalendarDate(year: y, month: mo, day: d) else { return nil }
        if b.count == 10 { return LocalDateTime(date: date) }
        guard b.count >= 16, b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: " "), b[13] == UInt8(ascii: ":"),
              let h = digits(11, 2), let mi = digits(14, 2), h <= 24, mi < 60, h < 24 || mi == 0 else { return nil }
        var minute = h * 60 + mi
        if b.count >= 19, b[16] == UInt8(ascii: ":") {
            guard let s = digits(17, 2), s < 61 else { return nil }
            if s >= 30 { minute += 1 }
        }
        return LocalDateTime(date: date, minuteOfDay: minute)
    }

    /// `08:00:00` or `08:00` as minutes after midnight; `24:00:00` is 1440.
    static func timeOfDay(_ text: Substring) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 2, parts.count <= 3, let h = Int(parts[0]), let m = Int(parts[1]),
              (0...24).contains(h), (0..<60).contains(m), h * 60 + m <= 1440 else { return nil }
        return h * 60 + m
    }

    // MARK: Durations

    /// An ISO 8601 duration as MSPDI writes it (`PT8H0M0S`, `-PT4H30M0S`; hours may exceed 24), in minutes.
    /// Days count 24 hours and weeks 7 days (the literal ISO meaning: MS Project writes working time as hours);
    /// years and months are refused, MSPDI never writes them and they have no fixed length.
    static func isoDurationMinutes(_ text: Substring) -> Double? {
        var s = text[...]
        var sign = 1.0
        if s.first == "-" { sign = -1; s = s.dropFirst() }
        guard s.first == "P" else { return nil }
        s = s.dropFirst()
        var inTime = false
        var total = 0.0
        var number = ""
        var sawComponent = false
        for c in s {
            if c.isNumber || c == "." || c == "," {
                number.append(c == "," ? "." : c)
                continue
            }
            if c == "T" {
                guard number.isEmpty, !inTime else { return nil }
                inTime = true
                continue
            }
            guard !number.isEmpty, let value = Double(number), value.isFinite else { return nil }
            number = ""
            sawComponent = true
            switch (c, inTime) {
            case ("W", false): total += value * 7 * 1440
            case ("D", false): total += value * 1440
            case ("H", true): total += value * 60
            case ("M", true): total += value
            case ("S", true): total += value / 60
            default: return nil
            }
        }
        guard number.isEmpty, sawComponent, total.isFinite else { return nil }
        return sign * total
    }

    /// What an MSPDI duration format code (`DurationFormat`, `LagFormat`) means: the unit shown, elapsed or working
    /// time, and the estimated ("?") variant. Codes (MSPDI schema): 3 m, 4 em, 5 h, 6 eh, 7 d, 8 ed, 9 w, 10 ew,
    /// 11 mo, 12 emo, 19 %, 20 e%, 21 null; 35–52 are the estimated variants (code − 32); 53 is "no format"
    /// (the project's default, shown in days). `nil` for a code the schema does not define.
    static func format(_ code: Int) -> (unit: ProjectFile.Duration.Unit, elapsed: Bool, estimated: Bool)? {
        if code == 53 || code == 21 { return (.days, false, false) }
        let estimated = (35...52).contains(code)
        let base = estimated ? code - 32 : code
        let unit: ProjectFile.Duration.Unit
        switch base {
        case 3, 4: unit = .minutes
        case 5, 6: unit = .hours
        case 7, 8: unit = .days
        case 9, 10: unit = .weeks
        case 11, 12: unit = .months
        case 19, 20: unit = .percent
        default: return nil
        }
        let elapsed = [4, 6, 8, 10, 12, 20].contains(base)
        return (unit, elapsed, estimated)
    }

    // MARK: Scalars

    /// `1`/`true` and `0`/`false` (the XML Schema boolean MSPDI uses).
    static func bool(_ text: Substring) -> Bool? {
        switch text {
        case "1", "true", "True", "TRUE": true
        case "0", "false", "False", "FALSE": false
        default: nil
        }
    }

    static func int(_ text: Substring) -> Int? {
        if let v = Int(text) { return v }
        // Some writers put integers as decimals ("2.0"); accept whole values that fit.
        guard let d = Double(text), d.isFinite, d == d.rounded(), abs(d) < 9e15 else { return nil }
        return Int(d)
    }

    static func double(_ text: Substring) -> Double? {
        guard let d = Double(text), d.isFinite else { return nil }
        return d
    }

    /// Whether a field's text says something: not empty, not a zero, not `false`. A field left at its zero value
    /// does not count as something Gantry fails to model.
    static func hasContent(_ text: Substring) -> Bool {
        switch text {
        case "", "0", "0.0", "0.00", "false", "PT0H0M0S", "-1": false
        default: true
        }
    }
}
