import GantryModel
import GantryPortfolio
import Testing

/// "When can we start?" on a hand-built forecast of five weeks, Monday 1 March to Sunday 4 April 2027:
/// W09 (1 Mar), W10 (8 Mar), W11 (15 Mar), W12 (22 Mar), W13 (29 Mar).
///
/// Developers: Dev1 and Dev2, 40 h a week each; Dev2 has a holiday on Wednesday 10 March; Dev1 is assigned 50 %
/// from 1 to 12 March.
/// - supply: W09 80 h; W10 80 − 8 = 72 h; W11–W13 80 h.
/// - committed: W09 20 h, W10 20 h (5 × 240 min each week).
/// - remaining: W09 60, W10 52, W11 80, W12 80, W13 80.
///
/// Tester: one, 40 h a week, assigned 75 % from 15 to 19 March (5 × 360 min = 30 h).
/// - remaining: W09 40, W10 40, W11 10, W12 40, W13 40.
///
/// The request: 60 h a week of Developer for 3 weeks, and 20 h of Tester in its second week.
@Suite("When can we start? (issue #14)")
struct EarliestStartTests {
    static func day(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }

    static func capacity() throws -> RoleWeeklyCapacity {
        let all = CapacityForecastTests.weekdays("2027-03-01", "2027-04-04")
        let forecast = try CapacityForecast(CapacityInput(
            first: day("2027-03-01"), last: day("2027-04-04"),
            resources: [
                CapacityForecastTests.person(1, "Dev1", minutes: all),
                CapacityForecastTests.person(2, "Dev2", minutes: CapacityForecastTests.weekdays(
                    "2027-03-01", "2027-04-04", except: ["2027-03-10": 0])),
                CapacityForecastTests.person(3, "Tess", role: "Tester", minutes: all),
            ],
            assignments: [
                CapacityForecastTests.assignment(1, project: 1, activity: 1, 1, units: 50, "2027-03-01", "2027-03-12"),
                CapacityForecastTests.assignment(2, project: 2, activity: 2, 3, units: 75, "2027-03-15", "2027-03-19"),
            ]))
        return forecast.roleWeeklyCapacity()
    }

    static let profile = RoleWeekDemand.steady(role: "Developer", fte: 1.5, weeks: 3)
        + [RoleWeekDemand(role: "Tester", weekOffset: 1, minutes: 20 * 60)]

    @Test("the role capacity is the forecast's table by role and week")
    func remaining() throws {
        let c = try Self.capacity()
        #expect(c.roles == ["Developer", "Tester"])
        #expect(c.periods.map(\.label) == ["2027-W09", "2027-W10", "2027-W11", "2027-W12", "2027-W13"])
        #expect((0..<5).map { c.remainingMinutes(role: "Developer", week: $0)! / 60 } == [60, 52, 80, 80, 80])
        #expect((0..<5).map { c.remainingMinutes(role: "Tester", week: $0)! / 60 } == [40, 40, 10, 40, 40])
        #expect(Self.profile.map(\.minutes) == [3_600, 3_600, 3_600, 1_200])  // 1.5 × 40 h = 60 h
    }

    /// - 1 March: Developer W09 60 ≤ 60, W10 60 > 52 (8 h short), W11 fits; Tester W10 20 ≤ 40. Developer binds.
    /// - 8 March: Developer W10 8 h short; Tester W11 20 > 10 (10 h short). Tester binds, the larger shortfall.
    /// - 15 March: Developer W11–W13 60 ≤ 80; Tester W12 20 ≤ 40. It fits.
    @Test("the earliest start fits every role in every week; each week tried names the role that bound")
    func earliest() throws {
        let answer = try Self.capacity().earliestStart(.init(
            profile: Self.profile, earliest: Self.day("2027-03-01"), requested: Self.day("2027-03-01"),
            latestStart: Self.day("2027-03-29")))
        #expect(answer.start == Self.day("2027-03-15"))
        #expect(answer.attempts.map(\.start) == [Self.day("2027-03-01"), Self.day("2027-03-08")])
        #expect(answer.attempts.map(\.binding.role) == ["Developer", "Tester"])
        #expect(answer.attempts.map(\.binding.shortHours) == [8, 10])
        #expect(answer.attempts[1].shortfalls.map(\.role) == ["Tester", "Developer"])
        #expect(answer.attempts[1].shortfalls.map(\.shortMinutes) == [600, 480])
        #expect(answer.attempts[0].binding == .init(
            role: "Developer", week: Self.day("2027-03-08"), weekOffset: 1, demandMinutes: 3_600,
            remainingMinutes: 3_120, shortMinutes: 480))
        #expect(answer.attempts[0].sentence
            == "2027-03-01: Developer is 8 h short in the week of 2027-03-08 (needs 60 h, 52 h left).")
        #expect(answer.summary == "The earliest start that fits is 2027-03-15, 2 weeks after 2027-03-01. "
            + "Before then Developer and Tester bind: 2027-03-08: Tester is 10 h short in the week of 2027-03-15 "
            + "(needs 20 h, 10 h left).")
        // Starting on 1 March needs 8 h a week more of Developer (its tightest week, 8 March).
        let requested = try #require(answer.requested)
        #expect(requested.fits == false)
        #expect(requested.extras.map(\.role) == ["Developer"])
        #expect(requested.extras.map(\.extraHoursPerWeek) == [8])
        #expect(requested.sentence == "To start on the requested date, 2027-03-01: Developer needs 8 h a week more "
            + "(tightest: Developer is 8 h short in the week of 2027-03-08 (needs 60 h, 52 h left)).")
    }

    @Test("starting on 8 March needs 10 h a week more of Tester and 8 h of Developer")
    func requestedTwoRoles() throws {
        let answer = try Self.capacity().earliestStart(.init(
            profile: Self.profile, earliest: Self.day("2027-03-15"), requested: Self.day("2027-03-08"),
            latestStart: Self.day("2027-03-29")))
        #expect(answer.start == Self.day("2027-03-15"))
        #expect(answer.attempts.isEmpty)
        #expect(answer.summary == "It can start on 2027-03-15, the earliest start asked for: every role's demand "
            + "fits the remaining capacity in each of its 3 weeks.")
        let extras = try #require(answer.requested).extras
        #expect(extras.map(\.role) == ["Tester", "Developer"])
        #expect(extras.map(\.extraMinutesPerWeek) == [600, 480])
        #expect(extras.map(\.tightest.week) == [Self.day("2027-03-15"), Self.day("2027-03-08")])
    }

    /// 90 h a week of Developer never fits (80 h at most). The profile is 3 weeks long and the capacity 5, so the
    /// last start that can be checked is 15 March, whatever the horizon.
    /// - 1 March: W09 90 − 60 = 30, W10 90 − 52 = 38, W11 10 → 38 h (8 March).
    /// - 8 March: 38, 10, 10 → 38 h (8 March). 15 March: 10, 10, 10 → 10 h (15 March, the earliest of the tie).
    @Test("no start within the horizon: says so, names the role and the closest start")
    func none() throws {
        let answer = try Self.capacity().earliestStart(.init(
            profile: RoleWeekDemand.steady(role: "Developer", fte: 2.25, weeks: 3), earliest: Self.day("2027-03-01"),
            requested: Self.day("2027-03-29"), latestStart: Self.day("2027-03-29")))
        #expect(answer.start == nil)
        #expect(answer.latestChecked == Self.day("2027-03-15"))
        #expect(answer.attempts.map(\.binding.shortHours) == [38, 38, 10])
        #expect(answer.attempts.map(\.binding.week) == [Self.day("2027-03-08"), Self.day("2027-03-08"), Self.day("2027-03-15")])
        #expect(answer.summary == "No start from 2027-03-01 to 2027-03-15 fits: Developer binds. The closest was "
            + "2027-03-15: Developer is 10 h short in the week of 2027-03-15 (needs 90 h, 80 h left). The capacity "
            + "ends in the week of 2027-03-29, so starts after 2027-03-15 cannot be checked.")
        let requested = try #require(answer.requested)
        #expect(!requested.isCheckable)
        #expect(requested.sentence == "The requested start, 2027-03-29, cannot be checked: the profile's 3 weeks "
            + "from it run past the capacity's last week (from 2027-03-29).")
    }

    /// At 90 %: Developer W09 may carry ⌊4,800 × 0.9⌋ = 4,320 − 1,200 committed = 3,120 (52 h); 60 h is 480 min
    /// short. W10: ⌊4,320 × 0.9⌋ = 3,888 − 1,200 = 2,688; 3,600 − 2,688 = 912 min short, the tightest. W11–W13:
    /// 4,320 ≥ 3,600. Tester W10 ⌊2,400 × 0.9⌋ = 2,160 ≥ 1,200; W11 2,160 − 1,800 = 360 < 1,200 (8 March fails
    /// on it); W12 2,160 fits. So 15 March again; starting on 1 March needs 912 / 0.9 = 1,013.3 → 1,014 minutes a
    /// week more of Developer supply.
    @Test("a utilisation tolerance lowers what each role may carry")
    func tolerance() throws {
        let answer = try Self.capacity().earliestStart(.init(
            profile: Self.profile, earliest: Self.day("2027-03-01"), requested: Self.day("2027-03-01"),
            latestStart: Self.day("2027-03-29"), tolerancePercent: 90))
        #expect(answer.start == Self.day("2027-03-15"))
        #expect(answer.attempts[0].shortfalls.map(\.shortMinutes) == [912])
        #expect(answer.requested?.extras.map(\.extraMinutesPerWeek) == [1_014])
    }

    @Test("a role nobody has never fits; bad requests are refused, naming the date")
    func errors() throws {
        let c = try Self.capacity()
        let answer = try c.earliestStart(.init(
            profile: [RoleWeekDemand(role: "Architect", weekOffset: 0, minutes: 60)],
            earliest: Self.day("2027-03-01"), latestStart: Self.day("2027-03-08")))
        #expect(answer.start == nil)
        #expect(answer.attempts.map(\.binding.remainingMinutes) == [0, 0])
        #expect(throws: PortfolioError(code: "not_a_monday", message:
            "the earliest start is 2027-03-03, a Wednesday; starts are Mondays")) {
            try c.earliestStart(.init(profile: Self.profile, earliest: Self.day("2027-03-03"),
                                      latestStart: Self.day("2027-03-29")))
        }
        #expect(throws: PortfolioError(code: "outside_forecast", message:
            "the earliest start 2027-02-22 is before the capacity's first week (2027-03-01)")) {
            try c.earliestStart(.init(profile: Self.profile, earliest: Self.day("2027-02-22"),
                                      latestStart: Self.day("2027-03-29")))
        }
        #expect(throws: PortfolioError(code: "negative_value", message:
            "the request has demand for Tester in week offset -1; offsets start at 0")) {
            try c.earliestStart(.init(profile: [RoleWeekDemand(role: "Tester", weekOffset: -1, minutes: 60)],
                                      earliest: Self.day("2027-03-01"), latestStart: Self.day("2027-03-29")))
        }
    }
}
