public import GantryModel

/// Work to staff: a generic assignment or an allocation, described by what it needs (issue #14, "Staffing").
public struct StaffingNeed: Hashable, Sendable, Codable {
    /// The role the need is for, if any: people of that role win ties on skill closeness.
    public var role: String?
    /// The skills required, each at a minimum level (1–5).
    public var skills: [SkillLevel]
    /// The need's first and last day, both included; they must lie inside the forecast's range.
    public var first: CalendarDate
    public var last: CalendarDate
    /// The total work wanted over those dates, in minutes.
    public var minutes: Int64
    /// People not to suggest (the one already assigned, people who declined).
    public var excluding: Set<Resource.ID>

    public init(role: String? = nil, skills: [SkillLevel] = [], first: CalendarDate, last: CalendarDate,
                minutes: Int64, excluding: Set<Resource.ID> = []) {
        self.role = role; self.skills = skills; self.first = first; self.last = last; self.minutes = minutes
        self.excluding = excluding
    }
}

/// One person who could take a ``StaffingNeed``, with the numbers that ranked them and the reasons in words.
///
/// The explanation is built from the numbers: ``sentences`` (skills, role, free capacity) read the same
/// everywhere; the rate's sentence needs the caller's money formatting (the engine keeps money as minor units and
/// knows no currency), so it comes from ``rateSentence(_:)`` and ``explanation(formattingRate:)``, which take a
/// closure from minor units to text ("85.00" for 8,500 in euros, "8500" in yen).
public struct StaffingSuggestion: Hashable, Sendable, Codable {
    /// One required skill against the person's level.
    public struct SkillMatch: Hashable, Sendable, Codable {
        public var skill: String
        public var required: Int
        /// The person's level; `nil` when they do not have the skill.
        public var has: Int?

        public init(skill: String, required: Int, has: Int?) {
            self.skill = skill; self.required = required; self.has = has
        }

        public var isMet: Bool { (has ?? 0) >= required }
        /// Levels short: `required − has`, the whole required level when the skill is missing; 0 when met.
        public var gap: Int { max(0, required - (has ?? 0)) }
        /// Levels above what is required; 0 when not met.
        public var surplus: Int { max(0, (has ?? 0) - required) }
    }

    /// 1 for the best suggestion.
    public var rank: Int
    public var resource: Resource.ID
    public var name: String
    public var role: String
    /// Every required skill in the need's order, with the person's level.
    public var skills: [SkillMatch]
    /// Whether every required skill is met at its level.
    public var meetsSkills: Bool
    /// Σ ``SkillMatch/gap``: how far short the person falls (0 when ``meetsSkills``).
    public var shortfallLevels: Int
    /// Σ ``SkillMatch/surplus``: levels above what is required, summed; the smaller, the closer the match.
    public var levelSurplus: Int
    /// Whether the person has the need's role (false when the need names none).
    public var sameRole: Bool
    /// Free minutes over the need's dates (``CapacityForecast/freeMinutes(of:from:through:)``).
    public var freeMinutes: Int64
    public var neededMinutes: Int64
    /// Whether the free minutes cover the need.
    public var coversNeed: Bool
    /// free / needed × 100, at most 100; 100 when nothing is needed.
    public var coveragePercent: Double
    /// Cost rate in minor units of the caller's currency per hour; `nil` when unknown.
    public var rateMinorPerHour: Int64?
    /// Whether the rate is the lowest known rate among those who fit (meet every skill and are free enough);
    /// shared by everyone at that rate.
    public var hasLowestRateOfThoseWhoFit: Bool
    /// The explanation without the rate: skills, then role (when the need names one), then free capacity.
    public var sentences: [String]

    /// "Rate 85.00/h, the lowest of those who fit.", "Rate 92.50/h." or "No cost rate known.", with `format`
    /// turning minor units into text.
    public func rateSentence(_ format: (Int64) -> String) -> String {
        guard let rate = rateMinorPerHour else { return "No cost rate known." }
        return "Rate \(format(rate))/h" + (hasLowestRateOfThoseWhoFit ? ", the lowest of those who fit." : ".")
    }

    /// The whole explanation: ``sentences`` and then ``rateSentence(_:)``.
    public func explanation(formattingRate format: (Int64) -> String) -> String {
        (sentences + [rateSentence(format)]).joined(separator: " ")
    }

    public var freeHours: Double { Double(freeMinutes) / 60 }
    public var neededHours: Double { Double(neededMinutes) / 60 }
}

extension CapacityForecast {
    /// The people (kind `.person`, not excluded) who could take `need`, best first.
    ///
    /// The order, key by key (a later key only separates people equal on every earlier one):
    /// 1. **Skills met**: those who meet every required skill at its level come first; the others follow, fewest
    ///    levels short first (a missing skill is short by its whole required level).
    /// 2. **Closeness**: the smaller the level surplus (levels above what is required, summed), the better — an
    ///    expert is not spent on a beginner's task; then people of the need's role before others.
    /// 3. **Free capacity** over the need's dates: those whose free minutes cover the need first, then more free
    ///    minutes first.
    /// 4. **Cost rate** (`rates`, minor units per hour): lower first; an unknown rate comes last.
    /// 5. The resource id, so the same input always gives the same order.
    ///
    /// Free minutes per person are supply − committed − background per day, never below 0 on a day (see
    /// ``freeMinutes(of:from:through:)``). `limit` keeps the first so many.
    ///
    /// Throws `reversed_dates`, `negative_value`, `skill_level`, or `outside_forecast` when the need's dates are
    /// not inside the forecast's range.
    public func staffingSuggestions(for need: StaffingNeed, rates: [Resource.ID: Int64] = [:],
                                    limit: Int? = nil) throws(PortfolioError) -> [StaffingSuggestion] {
        try CapacityForecast.ordered(need.first, need.last, "the need")
        guard need.minutes >= 0 else {
            throw PortfolioError(code: "negative_value", message:
                "the need asks for \(need.minutes) minutes; it must be 0 or more")
        }
        for skill in need.skills where !(1...5).contains(skill.level) {
            throw PortfolioError(code: "skill_level", message:
                "the need requires \(skill.skill) at level \(skill.level); levels run from 1 to 5")
        }
        guard need.first >= input.first, need.last <= input.last else {
            throw PortfolioError(code: "outside_forecast", message:
                "the need runs from \(need.first) to \(need.last), outside the forecast's range \(input.first) to \(input.last)")
        }
        let lo = need.first.daysSinceEpoch - day0, hi = need.last.daysSinceEpoch - day0

        var found: [StaffingSuggestion] = []
        for (r, resource) in input.resources.enumerated()
        where resource.kind == .person && !need.excluding.contains(resource.id) {
            var levels: [String: Int] = [:]
            for s in resource.skills { levels[s.skill] = max(levels[s.skill] ?? 0, s.level) }
            let matches = need.skills.map { StaffingSuggestion.SkillMatch(skill: $0.skill, required: $0.level, has: levels[$0.skill]) }
            let free = freeMinutes(r, lo, hi)
            found.append(StaffingSuggestion(
                rank: 0, resource: resource.id, name: resource.name, role: resource.role, skills: matches,
                meetsSkills: matches.allSatisfy(\.isMet), shortfallLevels: matches.reduce(0) { $0 + $1.gap },
                levelSurplus: matches.reduce(0) { $0 + $1.surplus },
                sameRole: need.role.map { $0 == resource.role } ?? false, freeMinutes: free,
                neededMinutes: need.minutes, coversNeed: free >= need.minutes,
                coveragePercent: need.minutes == 0 ? 100 : min(100, Double(free) * 100 / Double(need.minutes)),
                rateMinorPerHour: rates[resource.id], hasLowestRateOfThoseWhoFit: false, sentences: []))
        }
        let lowest = found.filter { $0.meetsSkills && $0.coversNeed }.compactMap(\.rateMinorPerHour).min()
        found.sort(by: Self.ranksBefore)
        if let limit { found = Array(found.prefix(max(0, limit))) }
        for k in found.indices {
            found[k].rank = k + 1
            found[k].hasLowestRateOfThoseWhoFit = found[k].meetsSkills && found[k].coversNeed
                && found[k].rateMinorPerHour != nil && found[k].rateMinorPerHour == lowest
            found[k].sentences = Self.sentences(found[k], need)
        }
        return found
    }

    /// The ranking of ``staffingSuggestions(for:rates:limit:)``.
    static func ranksBefore(_ a: StaffingSuggestion, _ b: StaffingSuggestion) -> Bool {
        if a.meetsSkills != b.meetsSkills { return a.meetsSkills }
        if a.shortfallLevels != b.shortfallLevels { return a.shortfallLevels < b.shortfallLevels }
        if a.levelSurplus != b.levelSurplus { return a.levelSurplus < b.levelSurplus }
        if a.sameRole != b.sameRole { return a.sameRole }
        if a.coversNeed != b.coversNeed { return a.coversNeed }
        if a.freeMinutes != b.freeMinutes { return a.freeMinutes > b.freeMinutes }
        switch (a.rateMinorPerHour, b.rateMinorPerHour) {
        case let (x?, y?) where x != y: return x < y
        case (.some, nil): return true
        case (nil, .some): return false
        default: return a.resource < b.resource
        }
    }

    /// The sentences of a suggestion, built from its numbers.
    static func sentences(_ s: StaffingSuggestion, _ need: StaffingNeed) -> [String] {
        var result: [String] = []
        func levelText(_ m: StaffingSuggestion.SkillMatch) -> String {
            "\(m.skill) \(m.required) (\(m.has.map { "has \($0)" } ?? "does not have it"))"
        }
        func levels(_ n: Int) -> String { n == 1 ? "1 level" : "\(n) levels" }
        if s.skills.isEmpty {
            result.append("No skills required.")
        } else {
            let met = s.skills.filter(\.isMet), short = s.skills.filter { !$0.isMet }
            var text = ""
            if !met.isEmpty {
                text = "Meets " + listText(met.map(levelText))
                text += s.levelSurplus > 0 ? ", \(levels(s.levelSurplus)) above what is needed." : "."
            }
            if !short.isEmpty {
                text += (text.isEmpty ? "" : " ") + "Short of " + listText(short.map(levelText))
                    + ": \(levels(s.shortfallLevels)) short in all."
            }
            result.append(text)
        }
        if let role = need.role {
            result.append(s.sameRole ? "Same role (\(role))." : "Role \(s.role.isEmpty ? "none" : s.role), not \(role).")
        }
        let dates = "between \(need.first) and \(need.last)"
        if s.neededMinutes == 0 {
            result.append("Free \(hoursText(s.freeMinutes)) h \(dates).")
        } else if s.coversNeed {
            result.append("Free \(hoursText(s.freeMinutes)) h, enough for the \(hoursText(s.neededMinutes)) h needed \(dates).")
        } else {
            result.append("Free \(hoursText(s.freeMinutes)) h of the \(hoursText(s.neededMinutes)) h needed \(dates).")
        }
        return result
    }
}
