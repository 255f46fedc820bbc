public import GantryModel

/// "When can we start?" (issue #14): the earliest Monday at which an intake request's or a not-started project's
/// role demand fits the remaining capacity of every role in every week, the role that binds before then, and what
/// extra capacity would let it start on the date asked for. See ``RoleWeeklyCapacity/earliestStart(_:)``.
public struct EarliestStart: Hashable, Sendable, Codable {
    /// What to find a start for.
    public struct Request: Hashable, Sendable, Codable {
        /// The demand by role and week, relative to the start.
        public var profile: [RoleWeekDemand]
        /// The first Monday to try.
        public var earliest: CalendarDate
        /// The Monday the requester asked for, if any: the answer says what would let it start then.
        public var requested: CalendarDate?
        /// The horizon: the last Monday to try.
        public var latestStart: CalendarDate
        /// How full a role may be, as a percentage of its supply (default 100: fully used, not over).
        public var tolerancePercent: Double

        public init(profile: [RoleWeekDemand], earliest: CalendarDate, requested: CalendarDate? = nil,
                    latestStart: CalendarDate, tolerancePercent: Double = 100) {
            self.profile = profile; self.earliest = earliest; self.requested = requested
            self.latestStart = latestStart; self.tolerancePercent = tolerancePercent
        }
    }

    /// A role's largest weekly shortfall for one start.
    public struct RoleShortfall: Hashable, Sendable, Codable {
        public var role: String
        /// The Monday of the week where the role falls shortest (the earliest such week on a tie).
        public var week: CalendarDate
        public var weekOffset: Int
        /// The profile's demand for the role that week.
        public var demandMinutes: Int64
        /// What the role has left that week, at the tolerance (negative when it is over already).
        public var remainingMinutes: Int64
        /// demand − remaining.
        public var shortMinutes: Int64

        public init(role: String, week: CalendarDate, weekOffset: Int, demandMinutes: Int64, remainingMinutes: Int64,
                    shortMinutes: Int64) {
            self.role = role; self.week = week; self.weekOffset = weekOffset; self.demandMinutes = demandMinutes
            self.remainingMinutes = remainingMinutes; self.shortMinutes = shortMinutes
        }

        public var shortHours: Double { Double(shortMinutes) / 60 }

        /// "Developer is 20 h short in the week of 2027-03-08 (needs 60 h, 40 h left)".
        public var phrase: String {
            "\(role) is \(hoursText(shortMinutes)) h short in the week of \(week) (needs \(hoursText(demandMinutes)) h, "
                + (remainingMinutes >= 0 ? "\(hoursText(remainingMinutes)) h left)" : "already \(hoursText(-remainingMinutes)) h over)")
        }
    }

    /// A start that was tried and did not fit.
    public struct Attempt: Hashable, Sendable, Codable {
        public var start: CalendarDate
        /// Per role that does not fit, its largest weekly shortfall; largest first, then by role.
        public var shortfalls: [RoleShortfall]
        /// The role that binds: the largest shortfall of all.
        public var binding: RoleShortfall { shortfalls[0] }
        /// "2027-03-01: Developer is 20 h short in the week of 2027-03-08 (needs 60 h, 40 h left)."
        public var sentence: String { "\(start): \(binding.phrase)." }
    }

    /// The extra capacity one role needs for a start.
    public struct RoleExtra: Hashable, Sendable, Codable {
        public var role: String
        /// Extra supply of the role, in minutes in each week of the profile where it falls short, that would let it
        /// start then: the role's largest weekly shortfall, divided by the tolerance (at 100 % the shortfall itself).
        public var extraMinutesPerWeek: Int64
        /// The week that needs it.
        public var tightest: RoleShortfall

        public var extraHoursPerWeek: Double { Double(extraMinutesPerWeek) / 60 }
    }

    /// The answer for the requested start.
    public struct RequestedStart: Hashable, Sendable, Codable {
        public var date: CalendarDate
        /// Whether the capacity covers every week of the profile from this date.
        public var isCheckable: Bool
        public var fits: Bool
        /// Per role that falls short, the extra hours a week it needs; largest first, then by role.
        public var extras: [RoleExtra]
        public var sentence: String
    }

    /// The earliest start that fits, or `nil` when none within the horizon does.
    public var start: CalendarDate?
    /// Every start tried before ``start`` (every start tried, when there is none), in order, with the role that
    /// bound each and by how much.
    public var attempts: [Attempt]
    /// The last Monday that could be checked: the horizon, or earlier when the capacity ends before the profile
    /// would from the horizon. `nil` when no start could be checked.
    public var latestChecked: CalendarDate?
    /// The answer in a sentence or two.
    public var summary: String
    /// The answer for the requested start, when one was given.
    public var requested: RequestedStart?
}

extension RoleWeeklyCapacity {
    /// The earliest Monday from `request.earliest` to `request.latestStart` where every role's demand fits, week by
    /// week: in week `start + offset` the profile's minutes for a role are at most that role's remaining capacity,
    /// `⌊supply × tolerance / 100⌋ − committed − background` (see ``RoleWeeklyCapacity``). Weeks where the profile
    /// asks nothing of a role never bind it, even if the role is over already. A role the capacity has no row for
    /// has no supply.
    ///
    /// Only starts whose whole profile lies inside the capacity's weeks are checked; the answer says when the
    /// horizon was cut short for that reason. Cost: one pass over the profile per start tried, on precomputed
    /// weekly limits.
    ///
    /// Throws `not_a_monday` (earliest, requested or latest start), `outside_forecast` when the earliest start is
    /// before the capacity's first week, `reversed_dates` when the horizon is before the earliest start,
    /// `negative_value` for a negative offset or minutes, and `tolerance`.
    public func earliestStart(_ request: EarliestStart.Request) throws(PortfolioError) -> EarliestStart {
        try Self.monday(request.earliest, "the earliest start")
        try Self.monday(request.latestStart, "the latest start")
        if let requested = request.requested { try Self.monday(requested, "the requested start") }
        try Self.tolerance(request.tolerancePercent)
        guard request.earliest <= request.latestStart else {
            throw PortfolioError(code: "reversed_dates", message:
                "the latest start \(request.latestStart) is before the earliest start \(request.earliest)")
        }
        guard weekCount > 0, weekIndex(of: request.earliest) >= 0 else {
            throw PortfolioError(code: "outside_forecast", message:
                "the earliest start \(request.earliest) is before the capacity's first week"
                    + (weekCount > 0 ? " (\(firstMonday))" : " (it has none)"))
        }
        var rows = RoleRows(self)
        let profile = try CompiledProfile(request.profile, of: "the request", roleRow: { rows.row($0) })
        let w = weekCount
        let limit = limits(tolerancePercent: request.tolerancePercent, extraRoles: rows.extra)

        /// Per role that does not fit at start week `s`, its largest shortfall.
        func shortfalls(_ s: Int) -> [EarliestStart.RoleShortfall] {
            var worst: [Int: Int] = [:]  // role row → entry index
            var short = [Int64](repeating: 0, count: profile.role.count)
            for e in profile.role.indices {
                let q = profile.role[e]
                let excess = profile.minutes[e] - limit[q * w + s + profile.offset[e]]
                guard excess > 0 else { continue }
                short[e] = excess
                if let known = worst[q], short[known] >= excess { continue }
                worst[q] = e
            }
            return worst.map { q, e in
                EarliestStart.RoleShortfall(
                    role: rows.names[q], week: monday(ofWeek: s + profile.offset[e]), weekOffset: profile.offset[e],
                    demandMinutes: profile.minutes[e], remainingMinutes: limit[q * w + s + profile.offset[e]],
                    shortMinutes: short[e])
            }.sorted { $0.shortMinutes != $1.shortMinutes ? $0.shortMinutes > $1.shortMinutes : $0.role < $1.role }
        }

        let lastCheckable = w - max(profile.length, 1)  // the last start week whose profile lies inside
        let first = weekIndex(of: request.earliest)
        let last = min(weekIndex(of: request.latestStart), lastCheckable)
        var attempts: [EarliestStart.Attempt] = []
        var start: CalendarDate?
        if profile.isEmpty {
            start = request.earliest  // nothing to fit, even past the capacity's weeks
        } else if first <= last {
            for s in first...last {
                let short = shortfalls(s)
                if short.isEmpty { start = monday(ofWeek: s); break }
                attempts.append(EarliestStart.Attempt(start: monday(ofWeek: s), shortfalls: short))
            }
        }
        let latestChecked = first <= last ? monday(ofWeek: last) : nil

        // The summary.
        let weeksText = profile.length == 1 ? "its week" : "each of its \(profile.length) weeks"
        var summary: String
        if profile.isEmpty {
            summary = "Nothing is asked for: it can start on \(request.earliest)."
        } else if let start {
            let delay = (start.daysSinceEpoch - request.earliest.daysSinceEpoch) / 7
            if delay == 0 {
                summary = "It can start on \(start), the earliest start asked for: every role's demand fits the "
                    + "remaining capacity in \(weeksText)."
            } else {
                summary = "The earliest start that fits is \(start), \(delay == 1 ? "1 week" : "\(delay) weeks") "
                    + "after \(request.earliest). Before then \(listText(Self.bindingRoles(attempts))) "
                    + "\(Self.bindingRoles(attempts).count == 1 ? "binds" : "bind"): \(attempts.last!.sentence)"
            }
        } else if let latestChecked {
            summary = "No start from \(request.earliest) to \(latestChecked) fits: "
                + "\(listText(Self.bindingRoles(attempts))) \(Self.bindingRoles(attempts).count == 1 ? "binds" : "bind"). "
                + "The closest was \(attempts.min { $0.binding.shortMinutes < $1.binding.shortMinutes }!.sentence)"
        } else {
            summary = "No start from \(request.earliest) can be checked: the profile's \(profile.length) weeks run "
                + "past the capacity's last week (from \(monday(ofWeek: w - 1)))."
        }
        if start == nil, let latestChecked, latestChecked < request.latestStart, !profile.isEmpty {
            summary += " The capacity ends in the week of \(monday(ofWeek: w - 1)), so starts after \(latestChecked) "
                + "cannot be checked."
        }

        // The requested start.
        var requested: EarliestStart.RequestedStart?
        if let date = request.requested {
            let s = weekIndex(of: date)
            if s < 0 || s > lastCheckable {
                requested = .init(date: date, isCheckable: false, fits: false, extras: [], sentence:
                    "The requested start, \(date), cannot be checked: " + (s < 0
                        ? "it is before the capacity's first week (\(firstMonday))."
                        : "the profile's \(profile.length) weeks from it run past the capacity's last week (from \(monday(ofWeek: w - 1)))."))
            } else {
                let short = shortfalls(s)
                let tolerance = request.tolerancePercent
                let extras = short.map { f in
                    EarliestStart.RoleExtra(
                        role: f.role, extraMinutesPerWeek: tolerance == 100 ? f.shortMinutes
                            : Int64((Double(f.shortMinutes) * 100 / tolerance).rounded(.up)),
                        tightest: f)
                }
                let sentence = extras.isEmpty
                    ? "It fits on the requested start, \(date)."
                    : "To start on the requested date, \(date): "
                        + listText(extras.map { "\($0.role) needs \(hoursText($0.extraMinutesPerWeek)) h a week more" })
                        + " (tightest: " + extras.map(\.tightest.phrase).joined(separator: "; ") + ")."
                requested = .init(date: date, isCheckable: true, fits: extras.isEmpty, extras: extras, sentence: sentence)
            }
        }
        return EarliestStart(start: start, attempts: attempts, latestChecked: latestChecked, summary: summary,
                             requested: requested)
    }

    /// The roles that bound the attempts, in the order they first bound.
    static func bindingRoles(_ attempts: [EarliestStart.Attempt]) -> [String] {
        var seen: Set<String> = []
        return attempts.map(\.binding.role).filter { seen.insert($0).inserted }
    }
}
