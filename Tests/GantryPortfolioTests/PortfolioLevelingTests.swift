import GantryModel
import GantryPortfolio
import Testing

/// Portfolio leveling on hand-built weekly capacities of one role, Developer, from Monday 1 March 2027
/// (W09 1 Mar, W10 8 Mar, W11 15 Mar, W12 22 Mar, …). Hours are written as h; the engine counts minutes (× 60).
@Suite("Portfolio leveling (issue #14)")
struct PortfolioLevelingTests {
    static func day(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }
    static let march1 = day("2027-03-01")

    static func hours(_ h: [Int64]) -> [Int64] { h.map { $0 * 60 } }

    static func developers(supply: [Int64], committed: [Int64]? = nil) throws -> RoleWeeklyCapacity {
        try RoleWeeklyCapacity(firstMonday: march1, roles: ["Developer"], supplyMinutes: [hours(supply)],
                               committedMinutes: committed.map { [hours($0)] })
    }

    static func project(_ id: Int64, _ name: String, priority: Int, _ weekly: [Int64], mayMove: Bool = true,
                        start: String = "2027-03-01") -> LevelingProject {
        LevelingProject(id: Project.ID(id), name: name,
                        profile: weekly.enumerated().map { RoleWeekDemand(role: "Developer", weekOffset: $0.offset, minutes: $0.element * 60) },
                        plannedStart: day(start), priority: priority, mayMove: mayMove)
    }

    /// Developer 80 h a week for 8 weeks, nothing committed. Alpha (id 7, priority 1) wants 60 h in its first two
    /// weeks, Beta (id 3, priority 2) 40 h; both planned for 1 March.
    /// - Before: W09 and W10 carry 100 h of 80: 125 %, 20 h over each, 40 h in all.
    /// - Alpha goes first (priority, not id) and fits on 1 March: 20 h left in W09 and W10.
    /// - Beta: on 1 March 40 > 20 (20 h short, taken by Alpha); on 8 March W10 40 > 20; on 15 March W11 and W12
    ///   have 80 h: it moves 2 weeks.
    /// - After: W09 60 h (75 %), W10 60 h, W11 40 h (50 %), W12 40 h; nothing over.
    @Test("a lower-priority project moves after a higher one and the over-allocation is gone")
    func movesLowerPriority() throws {
        let plan = try Self.developers(supply: Array(repeating: 80, count: 8)).leveling([
            Self.project(7, "Alpha", priority: 1, [60, 60]),
            Self.project(3, "Beta", priority: 2, [40, 40]),
        ])
        #expect(plan.moves.count == 1)
        let move = try #require(plan.moves.first)
        #expect(move.project == Project.ID(3))
        #expect(move.from == Self.march1)
        #expect(move.to == Self.day("2027-03-15"))
        #expect(move.shiftWeeks == 2)
        #expect(move.fits)
        #expect(move.conflict == .init(role: "Developer", week: Self.march1, demandMinutes: 2_400,
                                       remainingMinutes: 1_200, shortMinutes: 1_200, takenBy: Project.ID(7)))
        #expect(move.reason == "Moved 2 weeks later, to 2027-03-15, the first start where every week fits. "
            + "At 2027-03-01, Developer is 20 h short in the week of 2027-03-01 (needs 40 h, 20 h left, taken by "
            + "project 7 (Alpha, priority 1)).")
        #expect(plan.unmoved.map(\.project) == [Project.ID(7)])
        #expect(plan.unmoved[0].reason == "It fits at its planned start, 2027-03-01.")
        #expect(plan.overHoursBefore == 40)
        #expect(plan.overHoursAfter == 0)
        #expect(plan.before.periods.map(\.label).prefix(4) == ["2027-W09", "2027-W10", "2027-W11", "2027-W12"])
        #expect(plan.before.cells[0].prefix(4).map(\.demandHours) == [100, 100, 0, 0])
        #expect(plan.before.cells[0][0].utilisationPercent == 125)
        #expect(plan.before.cells[0][0].band == .overAllocated)
        #expect(plan.after.cells[0].prefix(4).map(\.demandHours) == [60, 60, 40, 40])
        #expect(plan.after.cells[0].prefix(4).map(\.utilisationPercent) == [75, 75, 50, 50])
        #expect(plan.after.cells[0][0].band == .underUsed)
    }

    /// Developer 80 h a week for 4 weeks with 70, 60, 60 and 75 h committed: 10, 20, 20 and 5 h left. Gamma needs
    /// 40 h for one week and may move at most 2 weeks. It fits nowhere; the over-allocation it would add is
    /// 40 − 10 = 30 h on 1 March, 20 h on 8 March, 20 h on 15 March: the least is 20 h, first on 8 March.
    /// Over in all: before W09 70 + 40 − 80 = 30 h; after W10 60 + 40 − 80 = 20 h.
    @Test("a project that cannot fit is placed where the over-allocation is least, the earliest of a tie")
    func leastOver() throws {
        let capacity = try Self.developers(supply: [80, 80, 80, 80], committed: [70, 60, 60, 75])
        let plan = try capacity.leveling([Self.project(1, "Gamma", priority: 1, [40])],
                                         options: .init(maxShiftWeeks: 2))
        let move = try #require(plan.moves.first)
        #expect(move.to == Self.day("2027-03-08"))
        #expect(!move.fits)
        #expect(move.overMinutes == 1_200)
        #expect(move.conflict.takenBy == nil)
        #expect(move.reason == "No start within 2 weeks of 2027-03-01 fits; moved 1 week later, to 2027-03-08, "
            + "where it over-allocates least (20 h over). At 2027-03-01, Developer is 30 h short in the week of "
            + "2027-03-01 (needs 40 h, 10 h left by work that does not move).")
        #expect(plan.overHoursBefore == 30)
        #expect(plan.overHoursAfter == 20)

        // With no shift allowed it stays, and says why.
        let stay = try capacity.leveling([Self.project(1, "Gamma", priority: 1, [40])],
                                         options: .init(maxShiftWeeks: 0))
        #expect(stay.moves.isEmpty)
        #expect(stay.unmoved.map(\.overMinutes) == [1_800])
        #expect(stay.unmoved[0].reason == "It cannot move later within the capacity's weeks (no shift is allowed); "
            + "its planned start over-allocates least (30 h over). At 2027-03-01, Developer is 30 h short in the "
            + "week of 2027-03-01 (needs 40 h, 10 h left by work that does not move).")
        #expect(stay.overHoursAfter == 30)
    }

    /// Delta (priority 9) may not move and takes 30 h of W09 first; Echo (priority 1) needs 60 h in its one week:
    /// 80 − 30 = 50 h is 10 h short, so Echo moves one week, though it is the more important.
    @Test("a project that may not move takes its capacity first, whatever its priority")
    func fixedFirst() throws {
        let plan = try Self.developers(supply: [80, 80, 80]).leveling([
            Self.project(1, "Echo", priority: 1, [60]),
            Self.project(2, "Delta", priority: 9, [30], mayMove: false),
        ])
        #expect(plan.unmoved.map(\.project) == [Project.ID(2)])
        #expect(plan.unmoved[0].reason == "It may not move: it stays at 2027-03-01.")
        #expect(plan.moves.map(\.to) == [Self.day("2027-03-08")])
        #expect(plan.moves[0].conflict.takenBy == Project.ID(2))
        #expect(plan.moves[0].conflict.shortMinutes == 600)
        #expect(plan.overHoursBefore == 10)  // 60 + 30 − 80
        #expect(plan.overHoursAfter == 0)
    }

    /// A role no capacity row has gets a row with no supply: any demand there is over-allocated.
    @Test("a role without capacity gets a row of its own; bad input is refused, naming the project")
    func rolesAndErrors() throws {
        let capacity = try Self.developers(supply: [80, 80])
        let plan = try capacity.leveling([LevelingProject(
            id: Project.ID(5), name: "Zeta", profile: [RoleWeekDemand(role: "Architect", weekOffset: 0, minutes: 600)],
            plannedStart: Self.march1, priority: 1)])
        #expect(plan.after.groups.map(\.key) == ["Developer", "Architect"])
        #expect(plan.after.cells[1][0].band == .overAllocated)
        #expect(plan.overMinutesAfter == 600)
        #expect(throws: PortfolioError(code: "not_a_monday", message:
            "the planned start of project 5 (Zeta) is 2027-03-02, a Tuesday; starts are Mondays")) {
            try capacity.leveling([Self.project(5, "Zeta", priority: 1, [10], start: "2027-03-02")])
        }
        #expect(throws: PortfolioError(code: "duplicate_project", message: "project 5 (Zeta) is listed twice")) {
            try capacity.leveling([Self.project(5, "Zeta", priority: 1, [10]), Self.project(5, "Zeta", priority: 2, [10])])
        }
    }
}
