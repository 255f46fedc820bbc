public import GantryModel

extension ProjectFile {
    /// A calendar with its base chain resolved: every weekday's working times and every exception, the derived
    /// calendar's own winning over its base's. A day no calendar in the chain defines is MS Project's standard day
    /// (08:00–12:00, 13:00–17:00 on weekdays, off at weekends). A chain that loops or names a missing base stops
    /// there (the reader reported it).
    public func resolvedCalendar(_ uid: String) -> WorkCalendarValue? {
        let byUID = Dictionary(calendars.map { ($0.uid, $0) }, uniquingKeysWith: { a, _ in a })
        guard let first = byUID[uid] else { return nil }
        var chain: [Calendar] = [first]
        var seen: Set<String> = [uid]
        while let base = chain.last?.baseUID, !seen.contains(base), let next = byUID[base] {
            chain.append(next); seen.insert(base)
        }
        func day(_ d: Weekday) -> [TimeRange] {
            for c in chain { if let r = c.week[d] { return r } }
            return WeekPattern.standard[d]
        }
        let week = WeekPattern(monday: day(.monday), tuesday: day(.tuesday), wednesday: day(.wednesday),
                               thursday: day(.thursday), friday: day(.friday), saturday: day(.saturday),
                               sunday: day(.sunday))
        // Base exceptions first, then the derived calendar's: later exceptions win where they overlap.
        let exceptions = chain.reversed().flatMap(\.exceptions)
        return WorkCalendarValue(uid: uid, name: first.name, week: week, exceptions: exceptions)
    }

    /// A resolved calendar: what Gantry's `WorkCalendar` holds, without the record's identity.
    public struct WorkCalendarValue: Sendable, Hashable {
        public var uid: String
        public var name: String
        public var week: WeekPattern
        public var exceptions: [CalendarException]
    }
}
