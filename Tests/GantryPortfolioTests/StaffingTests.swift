import Foundation
import GantryModel
import GantryPortfolio
import Testing

/// Staffing suggestions on a hand-built pool. The forecast runs over four weeks, Monday 1 March to Sunday
/// 28 March 2027: 20 weekdays of 480 minutes, so a free full-timer has 9,600 minutes (160 h).
///
/// The need: a Developer with Swift 4 and SQL 3, 80 h (4,800 min) between Monday 1 and Friday 26 March.
///
/// | id | name | role | skills | free (worked below) | rate |
/// |---|---|---|---|---|---|
/// | 1 | Ada | Developer | Swift 4, SQL 5 | 50 % all month: 9,600 − 4,800 = 4,800 (80 h, covers) | 70.00 |
/// | 2 | Bo | Developer | Swift 4, SQL 3 | 72 h, see ``StaffingTests/bo`` | 95.00 |
/// | 3 | Cy | Tester | Swift 4, SQL 3 | 160 h | 80.00 |
/// | 4 | Di | Developer | Swift 5, SQL 4 | 160 h | 90.00 |
/// | 5 | Ed | Developer | Swift 5, SQL 4 | 160 h | 85.00 |
/// | 6 | Fa | Developer | Swift 3, SQL 5 | 160 h | 60.00 |
/// | 7 | Gu | Developer | SQL 3 | 160 h | — |
/// | 8 | Ha | Developer | Swift 5, SQL 4 | 160 h | — |
/// | 9 | Io | Developer | Swift 4, SQL 3 | excluded by the need | 50.00 |
/// | 20 | Swift developer | Developer (generic) | Swift 5, SQL 5 | not a person | — |
///
/// Level surplus (levels above the need, summed): Ada 0 + 2 = 2; Bo 0; Cy 0; Di, Ed, Ha 1 + 1 = 2.
/// Short: Fa Swift 3 < 4 → 1 level; Gu lacks Swift → 4 levels.
@Suite("Staffing suggestions (issue #14)")
struct StaffingTests {
    static func day(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }

    static func person(_ id: Int64, _ name: String, role: String = "Developer", kind: CapacityResourceKind = .person,
                       _ skills: [SkillLevel], minutes: [Int32]) -> CapacityResource {
        CapacityResource(id: Resource.ID(id), name: name, kind: kind, role: role, skills: skills,
                         availableMinutes: minutes)
    }

    static let month = CapacityForecastTests.weekdays("2027-03-01", "2027-03-28")

    /// Bo (id 2): a holiday on Friday 5 March; 100 % Monday 8 to Friday 19 March; another 50 % on Monday 8 March,
    /// so that day he is over (480 + 240 = 720 of 480).
    /// Free: 1–4 March 4 × 480 = 1,920; 5 March holiday 0; 8–19 March 0 (8 March is −240, counted as 0, not
    /// subtracted); 22–26 March 5 × 480 = 2,400. 1,920 + 2,400 = 4,320 min = 72 h, 90 % of 80 h. (Without the
    /// rule "never below 0 on a day" it would be 4,080.)
    static let bo = CapacityForecastTests.weekdays("2027-03-01", "2027-03-28", except: ["2027-03-05": 0])

    static func forecast() throws -> CapacityForecast {
        let m = month
        return try CapacityForecast(CapacityInput(
            first: day("2027-03-01"), last: day("2027-03-28"),
            resources: [
                person(1, "Ada", [SkillLevel("Swift", level: 4), SkillLevel("SQL", level: 5)], minutes: m),
                person(2, "Bo", [SkillLevel("Swift", level: 4), SkillLevel("SQL", level: 3)], minutes: bo),
                person(3, "Cy", role: "Tester", [SkillLevel("Swift", level: 4), SkillLevel("SQL", level: 3)], minutes: m),
                person(4, "Di", [SkillLevel("Swift", level: 5), SkillLevel("SQL", level: 4)], minutes: m),
                person(5, "Ed", [SkillLevel("SQL", level: 4), SkillLevel("Swift", level: 5)], minutes: m),
                person(6, "Fa", [SkillLevel("Swift", level: 3), SkillLevel("SQL", level: 5)], minutes: m),
                person(7, "Gu", [SkillLevel("SQL", level: 3)], minutes: m),
                person(8, "Ha", [SkillLevel("Swift", level: 5), SkillLevel("SQL", level: 4)], minutes: m),
                person(9, "Io", [SkillLevel("Swift", level: 4), SkillLevel("SQL", level: 3)], minutes: m),
                person(20, "Swift developer", kind: .generic, [SkillLevel("Swift", level: 5), SkillLevel("SQL", level: 5)],
                       minutes: m),
            ],
            assignments: [
                CapacityForecastTests.assignment(1, project: 1, activity: 1, 1, units: 50, "2027-03-01", "2027-03-26"),
                CapacityForecastTests.assignment(2, project: 1, activity: 2, 2, units: 100, "2027-03-08", "2027-03-19"),
                CapacityForecastTests.assignment(3, project: 2, activity: 3, 2, units: 50, "2027-03-08", "2027-03-08"),
            ]))
    }

    static let need = StaffingNeed(
        role: "Developer", skills: [SkillLevel("Swift", level: 4), SkillLevel("SQL", level: 3)],
        first: day("2027-03-01"), last: day("2027-03-26"), minutes: 4_800, excluding: [Resource.ID(9)])

    static let rates: [Resource.ID: Int64] = [
        .init(1): 7_000, .init(2): 9_500, .init(3): 8_000, .init(4): 9_000, .init(5): 8_500, .init(6): 6_000,
        .init(9): 5_000,
    ]

    /// Two decimals, as the service would for a currency with cents.
    static func money(_ minor: Int64) -> String { String(format: "%.2f", Double(minor) / 100) }

    /// 1. Bo: meets, surplus 0, same role (72 h, does not cover — closeness comes before free capacity).
    /// 2. Cy: meets, surplus 0, but a Tester: the role breaks the tie with Bo, before free capacity.
    /// 3. Ed, 4. Di, 5. Ha: surplus 2, same role, 160 h each: the rate decides (85.00, 90.00, unknown last).
    /// 6. Ada: surplus 2, 80 h: covers the need but has less free than Ed, Di and Ha; her low rate does not count
    ///    before free capacity.
    /// 7. Fa: 1 level short; 8. Gu: 4 levels short — after everyone who meets, however cheap or free.
    /// Io is excluded; the generic resource is not a person.
    @Test("ranked by skills met, closeness, role, free capacity, rate")
    func order() throws {
        let suggestions = try Self.forecast().staffingSuggestions(for: Self.need, rates: Self.rates)
        #expect(suggestions.map(\.name) == ["Bo", "Cy", "Ed", "Di", "Ha", "Ada", "Fa", "Gu"])
        #expect(suggestions.map(\.rank) == Array(1...8))
        #expect(suggestions.map(\.levelSurplus) == [0, 0, 2, 2, 2, 2, 2, 0])
        #expect(suggestions.map(\.shortfallLevels) == [0, 0, 0, 0, 0, 0, 1, 4])
        #expect(suggestions.map(\.meetsSkills) == [true, true, true, true, true, true, false, false])
        #expect(suggestions.map(\.sameRole) == [true, false, true, true, true, true, true, true])
        #expect(suggestions.map(\.freeMinutes) == [4_320, 9_600, 9_600, 9_600, 9_600, 4_800, 9_600, 9_600])
        #expect(suggestions.map(\.coversNeed) == [false, true, true, true, true, true, true, true])
        #expect(suggestions[0].coveragePercent == 90)  // 4,320 / 4,800
        #expect(suggestions.map(\.rateMinorPerHour) == [9_500, 8_000, 8_500, 9_000, nil, 7_000, 6_000, nil])
    }

    @Test("each suggestion explains itself from its numbers")
    func explanations() throws {
        let s = try Self.forecast().staffingSuggestions(for: Self.need, rates: Self.rates)
        #expect(s[0].explanation(formattingRate: Self.money) == "Meets Swift 4 (has 4) and SQL 3 (has 3). "
            + "Same role (Developer). Free 72 h of the 80 h needed between 2027-03-01 and 2027-03-26. Rate 95.00/h.")
        #expect(s[1].sentences[1] == "Role Tester, not Developer.")
        // Those who fit (every skill met and free ≥ 80 h): Cy 80.00, Ed 85.00, Di 90.00, Ha (no rate), Ada 70.00.
        // Ada's is the lowest; Fa's 60.00 does not count, as Fa falls short on Swift.
        #expect(s[5].explanation(formattingRate: Self.money) == "Meets Swift 4 (has 4) and SQL 3 (has 5), "
            + "2 levels above what is needed. Same role (Developer). Free 80 h, enough for the 80 h needed "
            + "between 2027-03-01 and 2027-03-26. Rate 70.00/h, the lowest of those who fit.")
        #expect(s.map(\.hasLowestRateOfThoseWhoFit) == [false, false, false, false, false, true, false, false])
        #expect(s[4].rateSentence(Self.money) == "No cost rate known.")
        #expect(s[6].sentences[0] == "Meets SQL 3 (has 5), 2 levels above what is needed. "
            + "Short of Swift 4 (has 3): 1 level short in all.")
        #expect(s[7].sentences[0] == "Meets SQL 3 (has 3). Short of Swift 4 (does not have it): 4 levels short in all.")
        #expect(s[7].skills == [
            .init(skill: "Swift", required: 4, has: nil), .init(skill: "SQL", required: 3, has: 3),
        ])
    }

    /// Without a role, role is no tie-break: Bo and Cy are equal on skills (surplus 0), and Cy's 160 h beats
    /// Bo's 72 h. Without rates, Ed, Di and Ha (equal on everything else) go by resource id: 4, 5, 8.
    @Test("with no role and no rates: free capacity, then resource id")
    func tieBreaks() throws {
        var need = Self.need
        need.role = nil
        let s = try Self.forecast().staffingSuggestions(for: need, limit: 5)
        #expect(s.map(\.name) == ["Cy", "Bo", "Di", "Ed", "Ha"])
        #expect(s[0].sentences.count == 2)  // skills and free capacity; no role sentence
        #expect(s[0].rateSentence(Self.money) == "No cost rate known.")
    }

    @Test("a need outside the forecast or with reversed dates is refused")
    func errors() throws {
        let forecast = try Self.forecast()
        var need = Self.need
        need.last = Self.day("2027-04-02")
        #expect(throws: PortfolioError(code: "outside_forecast", message:
            "the need runs from 2027-03-01 to 2027-04-02, outside the forecast's range 2027-03-01 to 2027-03-28")) {
            try forecast.staffingSuggestions(for: need)
        }
        need.last = Self.day("2027-02-26")
        #expect(throws: PortfolioError(code: "reversed_dates", message:
            "the need runs from 2027-03-01 to 2027-02-26: its last day is before its first")) {
            try forecast.staffingSuggestions(for: need)
        }
        #expect(forecast.freeMinutes(of: Resource.ID(2), from: Self.day("2027-03-01"), through: Self.day("2027-03-26")) == 4_320)
        #expect(forecast.freeMinutes(of: Resource.ID(99), from: Self.day("2027-03-01"), through: Self.day("2027-03-26")) == nil)
    }
}
