import GantryModel
import GantryPortfolio
import Testing

/// What-if changes on a four-week input, Monday 1 March to Sunday 28 March 2027 (W09, W10, W11, W12), each
/// checked against the table by role and week worked out by hand. Hours per week below; × 60 for minutes.
///
/// - Dev1 (id 1, Developer) and Tess (id 2, Tester): 480 min each weekday, 40 h a week.
/// - Project 10: Dev1 100 % from 1 to 5 March (40 h in W09); Tess over her activity's own minutes, 480 on 1 March
///   and 240 on 2 March (12 h in W09).
/// - Project 11: allocation 1, 10 h a week of Developer (the role) from 8 to 19 March: 10 h in W10 and W11.
/// - Pipeline 1: request 5 "Portal", 40 h of Developer from 22 to 26 March, submitted (30 %): 12 h in W12.
/// - Pipeline 2: project 12 "Upgrade", 20 h of Tester from 15 to 19 March, approved (100 %): 20 h in W11.
///
/// | role | supply | committed | pipeline |
/// |---|---|---|---|
/// | Developer | 40 40 40 40 | 40 10 10 0 | 0 0 0 12 |
/// | Tester | 40 40 40 40 | 12 0 0 0 | 0 0 20 0 |
@Suite("What-if scenario changes (issue #14)")
struct CapacityScenarioTests {
    static func day(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }

    static let base: CapacityInput = {
        let days = CapacityForecastTests.weekdays("2027-03-01", "2027-03-28")
        return CapacityInput(
            first: day("2027-03-01"), last: day("2027-03-28"),
            resources: [
                CapacityForecastTests.person(1, "Dev1", minutes: days),
                CapacityForecastTests.person(2, "Tess", role: "Tester", minutes: days),
            ],
            assignments: [
                CapacityForecastTests.assignment(1, project: 10, activity: 1, 1, units: 100, "2027-03-01", "2027-03-05"),
                CapacityAssignment(id: .init(2), project: Project.ID(10), activity: .init(2), resource: .init(2),
                                   first: day("2027-03-01"), last: day("2027-03-02"), spread: .workingMinutes([480, 240])),
            ],
            allocations: [
                CapacityAllocation(id: .init(1), project: Project.ID(11), target: .role("Developer"),
                                   rate: .hoursPerWeek(10), first: day("2027-03-08"), last: day("2027-03-19")),
            ],
            pipeline: [
                PipelineDemand(id: .init(1), source: .request(IntakeRequest.ID(5)), name: "Portal",
                               target: .role("Developer"), hours: 40, first: day("2027-03-22"),
                               last: day("2027-03-26"), state: "submitted"),
                PipelineDemand(id: .init(2), source: .project(Project.ID(12)), name: "Upgrade", target: .role("Tester"),
                               hours: 20, first: day("2027-03-15"), last: day("2027-03-19"), state: "approved"),
            ])
    }()

    /// The role's row as hours per week: supply, committed demand and pipeline.
    struct Row: Equatable {
        var supply: [Double], demand: [Double], pipeline: [Double]
    }

    static func row(_ input: CapacityInput, _ role: String) throws -> Row {
        let table = try CapacityForecast(input).table(by: .role, per: .week)
        let g = try #require(table.groups.firstIndex { $0.key == role })
        return Row(supply: table.cells[g].map(\.supplyHours), demand: table.cells[g].map(\.demandHours),
                   pipeline: table.cells[g].map(\.pipelineHours))
    }

    static func apply(_ changes: CapacityChange...) throws -> CapacityInput { try base.applying(changes) }

    @Test("the base input, as worked out by hand")
    func baseTable() throws {
        #expect(try Self.row(Self.base, "Developer") == Row(supply: [40, 40, 40, 40], demand: [40, 10, 10, 0], pipeline: [0, 0, 0, 12]))
        #expect(try Self.row(Self.base, "Tester") == Row(supply: [40, 40, 40, 40], demand: [12, 0, 0, 0], pipeline: [0, 0, 20, 0]))
    }

    /// Project 10 one week later: Dev1's 40 h moves to W10 (with the allocation's 10 h: 50 h), Tess's 480 + 240
    /// minutes to 8 and 9 March (12 h in W10). Project 12 one week later: its pipeline 20 h moves to W12.
    @Test("shifting a project moves its assignments, their own working minutes, and its pipeline items")
    func shift() throws {
        let shifted = try Self.apply(.shiftProject(Project.ID(10), days: 7), .shiftProject(Project.ID(12), days: 7))
        #expect(try Self.row(shifted, "Developer").demand == [0, 50, 10, 0])
        #expect(try Self.row(shifted, "Tester").demand == [0, 12, 0, 0])
        #expect(try Self.row(shifted, "Tester").pipeline == [0, 0, 0, 20])
        // The allocation of project 11 moves with its project: 8–19 March becomes 15–26 March, 10 h in W11 and
        // W12; two weeks later (22 March to 2 April) only W12 is inside the range.
        #expect(try Self.row(Self.apply(.shiftProject(Project.ID(11), days: 7)), "Developer").demand == [40, 0, 10, 10])
        #expect(try Self.row(Self.apply(.shiftProject(Project.ID(11), days: 14)), "Developer").demand == [40, 0, 0, 10])
        #expect(Self.base.assignments[0].first == Self.day("2027-03-01"))  // the input itself is untouched
    }

    /// Two testers from 15 March: 2 × 40 h more in W11 and W12 (120 h); until 19 March: W11 only.
    @Test("adding capacity: two testers from a date, and until a date")
    func add() throws {
        let hire = AddedCapacity.people(2, id: Resource.ID(100), role: "Tester", from: Self.day("2027-03-15"))
        #expect(try Self.row(Self.apply(.addCapacity(hire)), "Tester").supply == [40, 40, 120, 120])
        var short = hire
        short.until = Self.day("2027-03-19")
        #expect(try Self.row(Self.apply(.addCapacity(short)), "Tester").supply == [40, 40, 120, 40])
        // Half time on a template of 480-minute weekdays: 20 h a week each from W11: 2 × 20 = 40 h more.
        var half = hire
        half.weeklyCapacity = .hoursPerWeek(20)
        half.dayMinutes = CapacityForecastTests.weekdays("2027-03-01", "2027-03-28")
        half.regularWeekMinutes = 2_400
        #expect(try Self.row(Self.apply(.addCapacity(half)), "Tester").supply == [40, 40, 80, 80])
    }

    /// Dev1 leaves on Wednesday 3 March: supply Monday and Tuesday only, 2 × 480 = 960 min (16 h), none after.
    /// Project 10's 40 h on him stay, so W09 is 24 h over; the allocation's 10 h stay in W10 and W11.
    @Test("removing a resource zeroes its supply from a date; its assignments stay and show as over-allocation")
    func remove() throws {
        let without = try Self.apply(.removeResource(Resource.ID(1), from: Self.day("2027-03-03")))
        #expect(try Self.row(without, "Developer") == Row(supply: [16, 0, 0, 0], demand: [40, 10, 10, 0], pipeline: [0, 0, 0, 12]))
        let cell = try CapacityForecast(without).table(by: .role, per: .week).cell("Developer", "2027-W09")
        #expect(cell?.overHours == 24)
        // Shifted a week first, then removed: the 40 h land in W10, where he has nothing.
        let both = try Self.apply(.shiftProject(Project.ID(10), days: 7),
                                  .removeResource(Resource.ID(1), from: Self.day("2027-03-03")))
        #expect(try Self.row(both, "Developer").demand == [0, 50, 10, 0])
    }

    /// 20 h a week from 15 March (to 19 March as before): W10 0, W11 20.
    @Test("changing an allocation's rate and dates")
    func change() throws {
        let changed = try Self.apply(.changeAllocation(.init(1), rate: .hoursPerWeek(20), first: Self.day("2027-03-15")))
        #expect(try Self.row(changed, "Developer").demand == [40, 0, 20, 0])
    }

    /// Portal taken in: 40 h at full weight over 22–26 March (8 h a day), committed in W12; no pipeline left.
    /// Upgrade dropped: the Tester's pipeline is empty.
    @Test("taking in a pipeline item commits it at full weight; dropping one removes it")
    func pipeline() throws {
        let taken = try Self.apply(.commitPipeline(.init(1), allocation: .init(50)))
        #expect(try Self.row(taken, "Developer") == Row(supply: [40, 40, 40, 40], demand: [40, 10, 10, 40], pipeline: [0, 0, 0, 0]))
        #expect(taken.allocations.last?.project == Project.ID(-5))  // a request's placeholder project
        #expect(taken.allocations.last?.rate == .hoursPerWeek(40))  // 40 h × 5 weekdays a week / 5 weekdays
        let upgrade = try Self.apply(.commitPipeline(.init(2), allocation: .init(51)))
        #expect(upgrade.allocations.last?.project == Project.ID(12))
        #expect(try Self.row(upgrade, "Tester").demand == [12, 0, 20, 0])
        #expect(try Self.row(Self.apply(.dropPipeline(.init(2))), "Tester").pipeline == [0, 0, 0, 0])
    }

    @Test("an unknown or duplicate id is refused, naming the change and the id")
    func errors() throws {
        func error(_ changes: CapacityChange...) -> PortfolioError? {
            do { _ = try Self.base.applying(changes); return nil } catch { return error }
        }
        #expect(error(.shiftProject(Project.ID(99), days: 7)) == PortfolioError(code: "unknown_project", message:
            "change 1 (shift project 99 by 7 days): project 99 has no assignments, allocations or pipeline items"))
        #expect(error(.dropPipeline(.init(2)), .removeResource(Resource.ID(99), from: Self.day("2027-03-03")))
            == PortfolioError(code: "unknown_resource", message:
                "change 2 (remove resource 99 from 2027-03-03): resource 99 is not in the pool"))
        #expect(error(.changeAllocation(.init(7), rate: .hoursPerWeek(5))) == PortfolioError(
            code: "unknown_allocation", message: "change 1 (change allocation 7): allocation 7 is not in the input"))
        #expect(error(.changeAllocation(.init(1), last: Self.day("2027-03-01"))) == PortfolioError(
            code: "reversed_dates", message: "change 1 (change allocation 1): allocation 1 would run from "
                + "2027-03-08 to 2027-03-01: its last day is before its first"))
        #expect(error(.commitPipeline(.init(9), allocation: .init(50))) == PortfolioError(
            code: "unknown_pipeline_item", message:
                "change 1 (take in pipeline item 9 as allocation 50): pipeline item 9 is not in the input"))
        #expect(error(.commitPipeline(.init(1), allocation: .init(1)))?.code == "duplicate_allocation")
        #expect(error(.dropPipeline(.init(1)), .dropPipeline(.init(1))) == PortfolioError(
            code: "unknown_pipeline_item", message: "change 2 (drop pipeline item 1): pipeline item 1 is not in the input"))
        let clash = AddedCapacity(id: Resource.ID(1), name: "Again", role: "Tester", from: Self.day("2027-03-01"))
        #expect(error(.addCapacity(clash)) == PortfolioError(code: "duplicate_resource", message:
            "change 1 (add resource 1 (Again) from 2027-03-01): resource 1 is already in the pool"))
        var short = clash
        short.id = Resource.ID(100)
        short.dayMinutes = [480, 480, 480]
        #expect(error(.addCapacity(short))?.message
            == "change 1 (add resource 100 (Again) from 2027-03-01): the template has minutes for 3 days; the range has 28")
    }
}
