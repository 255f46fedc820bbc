import Foundation
import GantryModel
import GantryPortfolio
import Testing

/// Every expected number below is computed by hand from the fixture, with the arithmetic in a comment.
/// 2027 calendar used throughout: 1 January is a Friday, so 1 February and 1 March are Mondays, 29 March is a
/// Monday and 1 April a Thursday.
@Suite("Capacity forecast (issue #14, DOMAIN.md §6)")
struct CapacityForecastTests {
    static func day(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }

    /// Available minutes for each day from `first` to `last`: `minutes` on Monday to Friday, 0 at weekends, with
    /// `except` overriding given days (a holiday is 0, a half-day absence 240).
    static func weekdays(_ first: String, _ last: String, minutes: Int32 = 480,
                         except: [String: Int32] = [:]) -> [Int32] {
        let a = day(first), b = day(last)
        return (0...(b.daysSinceEpoch - a.daysSinceEpoch)).map { offset in
            let date = a.adding(days: offset)
            if let special = except[date.description] { return special }
            return date.weekday.isWeekend ? 0 : minutes
        }
    }

    static func person(_ id: Int64, _ name: String, role: String = "Developer", maxUnits: Double = 100,
                       capacity: WeeklyCapacity = .percentOfCalendar(100), regularWeek: Int64 = 2400,
                       team: Int64? = nil, kind: CapacityResourceKind = .person, background: Double = 0,
                       minutes: [Int32]) -> CapacityResource {
        CapacityResource(id: Resource.ID(id), name: name, kind: kind, role: role, team: team.map { Resource.ID($0) },
                         maxUnits: maxUnits, weeklyCapacity: capacity, regularWeekMinutes: regularWeek,
                         availableMinutes: minutes, backgroundHoursPerWeek: background)
    }

    static func assignment(_ id: Int64, project: Int64, activity: Int64, _ resource: Int64, units: Double,
                           _ first: String, _ last: String) -> CapacityAssignment {
        CapacityAssignment(id: Assignment.ID(id), project: Project.ID(project), activity: Activity.ID(activity),
                           activityName: "Activity \(activity)", resource: Resource.ID(resource), units: units,
                           first: day(first), last: day(last))
    }

    // MARK: - DOMAIN.md §6 worked example

    /// Developers A, B, C at 1.0, 1.0 and 0.5 FTE (max units 100, 100, 50) in February 2027: 20 weekdays of 480 min.
    /// Project X ("Build"): A 100 % + B 50 %; project Y ("Test"): B 50 % + C 75 % of her 480-minute days.
    static func workedExample() throws -> CapacityForecast {
        let feb = weekdays("2027-02-01", "2027-02-28")
        return try CapacityForecast(CapacityInput(
            first: day("2027-02-01"), last: day("2027-02-28"),
            resources: [
                person(1, "A", minutes: feb), person(2, "B", minutes: feb), person(3, "C", maxUnits: 50, minutes: feb),
            ],
            assignments: [
                assignment(1, project: 1, activity: 11, 1, units: 100, "2027-02-01", "2027-02-26"),
                assignment(2, project: 1, activity: 11, 2, units: 50, "2027-02-01", "2027-02-26"),
                assignment(3, project: 2, activity: 21, 2, units: 50, "2027-02-01", "2027-02-26"),
                assignment(4, project: 2, activity: 21, 3, units: 75, "2027-02-01", "2027-02-26"),
            ]))
    }

    @Test("worked example: 400 h capacity, 440 h demand, 110 %, 40 h over = 0.25 FTE, at risk")
    func workedExampleByRole() throws {
        let table = try Self.workedExample().table(by: .role, per: .month)
        #expect(table.periods.map(\.label) == ["2027-02"])
        let cell = try #require(table.cell("Developer", "2027-02"))
        // Supply: 20 days × 480 min × (1 + 1 + 0.5) = 24,000 min = 400 h.
        #expect(cell.supplyMinutes == 24_000)
        #expect(cell.supplyHours == 400)
        // X: A 20 × 480 = 9,600 (160 h) + B 20 × 240 = 4,800 (80 h) = 240 h.
        // Y: B 4,800 (80 h) + C 20 × 0.75 × 480 = 7,200 (120 h) = 200 h. Total 26,400 min = 440 h.
        #expect(cell.demandMinutes == 26_400)
        #expect(cell.demandHours == 440)
        #expect(cell.utilisationPercent == 110)
        #expect(cell.overHours == 40)
        #expect(cell.freeHours == 0)
        #expect(cell.fte == 2.5)
        #expect(cell.overFTE == 0.25)  // 40 h × 2.5 FTE / 400 h
        #expect(cell.band == .atRisk)
        #expect(cell.band.label == "at risk")
    }

    @Test("worked example drill-down: four assignments, 160 + 80 + 80 + 120 h = 440 h")
    func workedExampleDrillDown() throws {
        let forecast = try Self.workedExample()
        let table = forecast.table(by: .role, per: .month)
        let drill = try forecast.drillDown(table.groups[0], in: table.periods[0], grouping: .role)
        #expect(drill.committed.map(\.minutes) == [9_600, 7_200, 4_800, 4_800])
        #expect(drill.committed.map(\.project) == [Project.ID(1), Project.ID(2), Project.ID(1), Project.ID(2)])
        #expect(drill.committed.reduce(0) { $0 + $1.minutes } == drill.cell.demandMinutes)
        #expect(drill.cell == table.cells[0][0])
        // By project: X 9,600 + 4,800 = 14,400 (240 h), Y 7,200 + 4,800 = 12,000 (200 h).
        #expect(drill.committedByProject.map(\.project) == [Project.ID(1), Project.ID(2)])
        #expect(drill.committedByProject.map(\.hours) == [240, 200])
    }

    // MARK: - Calendars, part time, background

    /// The week of Monday 1 March 2027.
    /// - P: full time, holiday on Wednesday 3rd, half-day absence on Thursday 4th: 480 + 480 + 0 + 240 + 480 =
    ///   1,680 min = 28 h; background 4 h/week = 240 min × day/2,400: 48 + 48 + 0 + 24 + 48 = 168 min = 2.8 h;
    ///   assigned 100 % all week on his availability: 1,680 min = 28 h. Load 30.8 h / 28 h = 110 %: at risk.
    /// - Q: part-time calendar Monday to Thursday (regular week 1,920 min): 4 × 480 = 1,920 min = 32 h;
    ///   assigned 50 %: 4 × 240 = 960 min = 16 h → 50 %, under-used.
    /// - R: 20 h a week of a 40 h calendar (each minute gives 1,200/2,400 = 0.5), holiday on Wednesday:
    ///   4 × 240 = 960 min = 16 h; no demand → 0 %, 16 h free.
    @Test("a holiday, an absence, a part-timer and background load in one week")
    func calendarsAndBackground() throws {
        let week = ("2027-03-01", "2027-03-07")
        let forecast = try CapacityForecast(CapacityInput(
            first: Self.day(week.0), last: Self.day(week.1),
            resources: [
                Self.person(1, "P", background: 4, minutes: Self.weekdays(week.0, week.1,
                    except: ["2027-03-03": 0, "2027-03-04": 240])),
                Self.person(2, "Q", regularWeek: 1920, minutes: Self.weekdays(week.0, week.1,
                    except: ["2027-03-05": 0])),
                Self.person(3, "R", capacity: .hoursPerWeek(20), minutes: Self.weekdays(week.0, week.1,
                    except: ["2027-03-03": 0])),
            ],
            assignments: [
                Self.assignment(1, project: 1, activity: 1, 1, units: 100, "2027-03-01", "2027-03-05"),
                Self.assignment(2, project: 1, activity: 2, 2, units: 50, "2027-03-01", "2027-03-05"),
            ]))
        let table = forecast.table(by: .resource, per: .week)
        #expect(table.periods.map(\.label) == ["2027-W09"])
        let p = try #require(table.cell("1", "2027-W09"))
        #expect(p.supplyMinutes == 1_680)
        #expect(p.backgroundMinutes == 168)
        #expect(p.demandMinutes == 1_680)
        #expect(p.utilisationPercent == 110)
        #expect(p.overMinutes == 168)
        #expect(p.band == .atRisk)
        let q = try #require(table.cell("2", "2027-W09"))
        #expect(q.supplyHours == 32)
        #expect(q.demandHours == 16)
        #expect(q.utilisationPercent == 50)
        #expect(q.band == .underUsed)
        let r = try #require(table.cell("3", "2027-W09"))
        #expect(r.supplyHours == 16)
        #expect(r.freeHours == 16)
        #expect(r.utilisationPercent == 0)
        #expect(r.fte == 0.5)
    }

    // MARK: - Teams and non-human resources

    /// Team T (id 10) with M1 (100 %) and M2 (max units 50); O in no team. The week of 1 March 2027.
    /// Supply: M1 5 × 480 = 2,400 (40 h), M2 5 × 240 = 1,200 (20 h), O 2,400 (40 h); team T = 60 h, not 120 h.
    /// Demand: on T itself 100 % of its calendar: 5 × 480 = 2,400 (40 h); on M1 50 %: 1,200 (20 h).
    @Test("a team's supply is its two members', counted once; work on the team counts against it")
    func teamOfTwo() throws {
        let week = Self.weekdays("2027-03-01", "2027-03-07")
        let forecast = try CapacityForecast(CapacityInput(
            first: Self.day("2027-03-01"), last: Self.day("2027-03-07"),
            resources: [
                Self.person(10, "T", role: "Tester", kind: .team, minutes: week),
                Self.person(11, "M1", role: "Tester", team: 10, minutes: week),
                Self.person(12, "M2", role: "Tester", maxUnits: 50, team: 10, minutes: week),
                Self.person(13, "O", role: "Tester", minutes: week),
            ],
            assignments: [
                Self.assignment(1, project: 1, activity: 1, 10, units: 100, "2027-03-01", "2027-03-05"),
                Self.assignment(2, project: 1, activity: 2, 11, units: 50, "2027-03-01", "2027-03-05"),
            ]))
        let byTeam = forecast.table(by: .team, per: .week)
        #expect(byTeam.groups.map(\.name) == ["T", "no team"])
        let team = byTeam.cells[0][0]
        #expect(team.supplyHours == 60)  // 40 + 20
        #expect(team.demandHours == 60)  // 40 on the team + 20 on M1
        #expect(team.utilisationPercent == 100)
        #expect(team.band == .healthy)
        #expect(team.fte == 1.5)
        #expect(byTeam.cells[1][0].supplyHours == 40)  // O alone
        // By role the rows partition the pool: 40 + 20 + 40 = 100 h of Testers, 60 h of demand.
        let byRole = forecast.table(by: .role, per: .week)
        #expect(byRole.cells[0][0].supplyHours == 100)
        #expect(byRole.cells[0][0].demandHours == 60)
        // By resource a team's row is the team with its members, beside the members' own rows.
        let byResource = forecast.table(by: .resource, per: .week)
        #expect(byResource.cell("10", "2027-W09")?.supplyHours == 60)
        #expect(byResource.cell("11", "2027-W09")?.demandHours == 20)
        #expect(byResource.cell("12", "2027-W09")?.demandHours == 0)
    }

    /// A test lab with two benches (max units 200) on a 5 × 480 week: supply 2 × 2,400 = 4,800 min = 80 h.
    /// One bench all week (2,400) + 1.5 benches Monday and Tuesday (2 × 720 = 1,440) = 3,840 min = 64 h = 80 %.
    @Test("a non-human resource's numeric limit is its supply: 64 h of 80 h is 80 %, healthy")
    func nonHuman() throws {
        let forecast = try CapacityForecast(CapacityInput(
            first: Self.day("2027-03-01"), last: Self.day("2027-03-07"),
            resources: [Self.person(1, "Test lab", role: "Lab", maxUnits: 200, kind: .nonHuman,
                                    minutes: Self.weekdays("2027-03-01", "2027-03-07"))],
            assignments: [
                Self.assignment(1, project: 1, activity: 1, 1, units: 100, "2027-03-01", "2027-03-05"),
                Self.assignment(2, project: 2, activity: 2, 1, units: 150, "2027-03-01", "2027-03-02"),
            ]))
        let cell = forecast.table(by: .resource, per: .week).cells[0][0]
        #expect(cell.supplyHours == 80)
        #expect(cell.demandHours == 64)
        #expect(cell.utilisationPercent == 80)
        #expect(cell.band == .healthy)
    }

    // MARK: - The plan wins over allocations

    /// Analyst A, three weeks from Monday 1 March 2027. Project 7 allocates 10 h/week of the Analyst role
    /// (2 h = 120 min per weekday) for all three weeks and has a plan: A at 50 % from Wednesday 3 to Tuesday 9
    /// (240 min a day). Project 8 allocates 5 h/week of the role and has no plan.
    /// - W09: plan Wed–Fri 3 × 240 = 720 (12 h); project 7's allocation only Mon, Tue 2 × 120 = 240 (4 h);
    ///   project 8 300 (5 h). 21 h.
    /// - W10: plan Mon, Tue 480 (8 h); allocation Wed–Fri 360 (6 h); project 8 5 h. 19 h.
    /// - W11: allocation 600 (10 h); project 8 5 h. 15 h.
    /// - March (1 to 21): 12 + 8 + 4 + 6 + 10 + 15 = 55 h = 21 + 19 + 15.
    @Test("the plan wins for the days it covers; the allocation counts only outside them, across a week boundary")
    func planWins() throws {
        let forecast = try CapacityForecast(CapacityInput(
            first: Self.day("2027-03-01"), last: Self.day("2027-03-21"),
            resources: [Self.person(1, "A", role: "Analyst", minutes: Self.weekdays("2027-03-01", "2027-03-21"))],
            assignments: [Self.assignment(1, project: 7, activity: 70, 1, units: 50, "2027-03-03", "2027-03-09")],
            allocations: [
                CapacityAllocation(id: .init(1), project: Project.ID(7), target: .role("Analyst"),
                                   rate: .hoursPerWeek(10), first: Self.day("2027-03-01"), last: Self.day("2027-03-21")),
                CapacityAllocation(id: .init(2), project: Project.ID(8), target: .role("Analyst"),
                                   rate: .hoursPerWeek(5), first: Self.day("2027-03-01"), last: Self.day("2027-03-21")),
            ]))
        let weekly = forecast.table(by: .role, per: .week)
        #expect(weekly.periods.map(\.label) == ["2027-W09", "2027-W10", "2027-W11"])
        #expect(weekly.cells[0].map(\.demandHours) == [21, 19, 15])
        let monthly = forecast.table(by: .role, per: .month)
        #expect(monthly.cells[0].map(\.demandHours) == [55])
        #expect(monthly.periods[0].isPartial)
        let w10 = try forecast.drillDown(weekly.groups[0], in: weekly.periods[1], grouping: .role)
        #expect(w10.committed.map(\.minutes) == [480, 360, 300])
        #expect(w10.committed.map(\.source) == [
            .assignment(Assignment.ID(1), activity: Activity.ID(70), activityName: "Activity 70"),
            .allocation(.init(1)), .allocation(.init(2)),
        ])
        // By resource the role's allocations have no person: they form a row of their own, with no supply.
        let byResource = forecast.table(by: .resource, per: .week)
        let unstaffed = try #require(byResource.groups.firstIndex { $0.kind == .unstaffedRole })
        #expect(byResource.groups[unstaffed].name == "Analyst (not staffed)")
        #expect(byResource.cells[unstaffed].map(\.demandHours) == [9, 11, 15])  // 4 + 5, 6 + 5, 10 + 5
        #expect(byResource.cells[unstaffed][0].utilisationPercent == nil)
        #expect(byResource.cells[unstaffed][0].band == .overAllocated)
    }

    /// February 2027 (20 weekdays). Role Ops: O1 full time (20 × 480 = 9,600 min), O2 max units 50 (4,800):
    /// 14,400 min = 240 h.
    /// - Allocation 1 (project 1): 25 % of the Ops role's capacity all month: 0.25 × 14,400 = 3,600 min (60 h).
    /// - Allocation 2 (project 2): 30 h a month on O2 from 1 to 14 February: 30 h / 20 weekdays = 90 min a weekday,
    ///   × 10 weekdays (1–5, 8–12) = 900 min (15 h).
    /// - Allocation 3 (project 4): 10 % of O2's capacity: 0.1 × 4,800 = 480 min (8 h).
    /// - Assignment (project 3): O1 at 50 % of the activity's own working minutes 480, 480, 0, 240 from Monday
    ///   8 February: 240 + 240 + 0 + 120 = 600 min (10 h).
    /// Demand 3,600 + 900 + 480 + 600 = 5,580 min = 93 h; 93 / 240 = 38.75 %.
    @Test("allocations as a share of capacity and as hours a month; an assignment over its activity's own minutes")
    func allocationRates() throws {
        let feb = Self.weekdays("2027-02-01", "2027-02-28")
        let forecast = try CapacityForecast(CapacityInput(
            first: Self.day("2027-02-01"), last: Self.day("2027-02-28"),
            resources: [Self.person(1, "O1", role: "Ops", minutes: feb),
                        Self.person(2, "O2", role: "Ops", maxUnits: 50, minutes: feb)],
            assignments: [CapacityAssignment(
                id: .init(1), project: .init(3), activity: .init(30), resource: .init(1), units: 50,
                first: Self.day("2027-02-08"), last: Self.day("2027-02-19"), spread: .workingMinutes([480, 480, 0, 240]))],
            allocations: [
                CapacityAllocation(id: .init(1), project: .init(1), target: .role("Ops"), rate: .percentOfCapacity(25),
                                   first: Self.day("2027-02-01"), last: Self.day("2027-02-28")),
                CapacityAllocation(id: .init(2), project: .init(2), target: .resource(.init(2)), rate: .hoursPerMonth(30),
                                   first: Self.day("2027-02-01"), last: Self.day("2027-02-14")),
                CapacityAllocation(id: .init(3), project: .init(4), target: .resource(.init(2)),
                                   rate: .percentOfCapacity(10), first: Self.day("2027-02-01"), last: Self.day("2027-02-28")),
            ]))
        let cell = forecast.table(by: .role, per: .month).cells[0][0]
        #expect(cell.supplyHours == 240)
        #expect(cell.demandMinutes == 5_580)
        #expect(cell.utilisationPercent == 38.75)
        let byResource = forecast.table(by: .resource, per: .month)
        #expect(byResource.groups.map(\.name) == ["O1", "O2", "Ops (not staffed)"])
        #expect(byResource.cells.map { $0[0].demandMinutes } == [600, 1_380, 3_600])
    }

    // MARK: - Pipeline

    /// Designer D, the week of 1 March 2027 (5 weekdays, 2,400 min = 40 h), no committed demand.
    /// - Request 1, submitted (30 %), 50 h for the role over 1–12 March (10 weekdays): 300 min a day × 0.3 = 90;
    ///   this week 450 min = 7.5 h.
    /// - Request 2, in review (50 %), 20 h for the role over 1–5 March: 1,200 × 0.5 = 600 min = 10 h.
    /// - Project 3, approved (100 %), 8 h for D over 1–5 March: 480 min = 8 h.
    /// Pipeline 450 + 600 + 480 = 1,530 min = 25.5 h; utilisation 0 %, with the pipeline 1,530 / 2,400 = 63.75 %.
    @Test("pipeline demand is weighted by its state and kept apart from committed demand")
    func pipelineWeights() throws {
        func input(_ weights: PipelineWeights) -> CapacityInput {
            CapacityInput(
                first: Self.day("2027-03-01"), last: Self.day("2027-03-07"),
                resources: [Self.person(1, "D", role: "Designer", minutes: Self.weekdays("2027-03-01", "2027-03-07"))],
                pipeline: [
                    PipelineDemand(id: .init(1), source: .request(.init(1)), name: "Portal", target: .role("Designer"),
                                   hours: 50, first: Self.day("2027-03-01"), last: Self.day("2027-03-12"), state: "submitted"),
                    PipelineDemand(id: .init(2), source: .request(.init(2)), name: "App", target: .role("Designer"),
                                   hours: 20, first: Self.day("2027-03-01"), last: Self.day("2027-03-05"), state: "in_review"),
                    PipelineDemand(id: .init(3), source: .project(.init(3)), name: "CRM", target: .resource(.init(1)),
                                   hours: 8, first: Self.day("2027-03-01"), last: Self.day("2027-03-05"), state: "approved"),
                ],
                pipelineWeights: weights)
        }
        let forecast = try CapacityForecast(input(.standard))
        let cell = forecast.table(by: .role, per: .week).cells[0][0]
        #expect(cell.pipelineMinutes == 1_530)
        #expect(cell.pipelineHours == 25.5)
        #expect(cell.demandMinutes == 0)
        #expect(cell.utilisationPercent == 0)
        #expect(cell.utilisationWithPipelinePercent == 63.75)
        #expect(cell.band == .underUsed)
        let table = forecast.table(by: .role, per: .week)
        let drill = try forecast.drillDown(table.groups[0], in: table.periods[0], grouping: .role)
        #expect(drill.committed.isEmpty)
        #expect(drill.pipeline.map(\.minutes) == [600, 480, 450])
        #expect(drill.pipeline.map(\.project) == [nil, Project.ID(3), nil])
        // A different table: submitted at 50 % gives request 1 a weight of 0.5: 5 × 150 = 750 min.
        let custom = try CapacityForecast(input(PipelineWeights(["submitted": 0.5, "in_review": 0.5, "approved": 1])))
        #expect(custom.table(by: .role, per: .week).cells[0][0].pipelineMinutes == 750 + 600 + 480)
    }

    // MARK: - Weeks and months

    /// Monday 29 March to Sunday 4 April 2027: one ISO week (W13: its Thursday, 1 April, is day 91 of 2027,
    /// (91 − 1) / 7 + 1 = 13), split between March (Mon–Wed) and April (Thu, Fri).
    /// E works 100 % all week: 5 × 480 = 2,400 min (40 h): March 3 × 480 = 24 h, April 2 × 480 = 16 h.
    /// A 10 h/week allocation (2 h a weekday) of another project: March 6 h, April 4 h.
    @Test("a week split between two months: one weekly column, two monthly ones, the same total")
    func weekAcrossMonths() throws {
        let forecast = try CapacityForecast(CapacityInput(
            first: Self.day("2027-03-29"), last: Self.day("2027-04-04"),
            resources: [Self.person(1, "E", minutes: Self.weekdays("2027-03-29", "2027-04-04"))],
            assignments: [Self.assignment(1, project: 1, activity: 1, 1, units: 100, "2027-03-29", "2027-04-02")],
            allocations: [CapacityAllocation(id: .init(1), project: Project.ID(2), target: .resource(.init(1)),
                                             rate: .hoursPerWeek(10), first: Self.day("2027-03-01"),
                                             last: Self.day("2027-04-30"))]))
        let weekly = forecast.table(by: .resource, per: .week)
        #expect(weekly.periods.map(\.label) == ["2027-W13"])
        #expect(weekly.periods[0].isPartial == false)
        #expect(weekly.cells[0].map(\.demandHours) == [50])
        #expect(weekly.cells[0].map(\.supplyHours) == [40])
        let monthly = forecast.table(by: .resource, per: .month)
        #expect(monthly.periods.map(\.label) == ["2027-03", "2027-04"])
        #expect(monthly.periods.map(\.isPartial) == [true, true])
        #expect(monthly.periods.map(\.first) == [Self.day("2027-03-29"), Self.day("2027-04-01")])
        #expect(monthly.cells[0].map(\.demandHours) == [30, 20])  // 24 + 6, 16 + 4
        #expect(monthly.cells[0].map(\.supplyHours) == [24, 16])
        #expect(monthly.cells[0].map(\.band) == [.overAllocated, .overAllocated])  // 125 %
    }

    @Test("ISO week labels: 1 January 2027 (a Friday) is in 2026-W53; 4 January 2027 starts 2027-W01")
    func isoWeekLabels() {
        let periods = CapacityPeriod.periods(.week, from: Self.day("2026-12-30"), through: Self.day("2027-01-12"))
        #expect(periods.map(\.label) == ["2026-W53", "2027-W01", "2027-W02"])
        #expect(periods.map(\.isPartial) == [true, false, true])
        #expect(CapacityPeriod.periods(.month, from: Self.day("2027-01-05"), through: Self.day("2027-01-04")).isEmpty)
    }

    // MARK: - Drill-down invariants on a generated organisation

    @Test("every drill-down of a generated organisation adds up exactly to its cell, by week and by month")
    func drillDownsSumToCells() throws {
        let forecast = try CapacityForecast(CapacityBenchmark.organisation(.small))
        for grouping in [CapacityGrouping.role, .resource, .skill(minimumLevel: 1), .skill(minimumLevel: 3), .team, .orgUnit] {
            for kind in CapacityPeriodKind.allCases {
                let table = forecast.table(by: grouping, per: kind)
                for (g, group) in table.groups.enumerated() {
                    for (p, period) in table.periods.enumerated() {
                        let drill = try forecast.drillDown(group, in: period, grouping: grouping)
                        #expect(drill.cell == table.cells[g][p])
                        #expect(drill.committed.reduce(0) { $0 + $1.minutes } == table.cells[g][p].demandMinutes)
                        #expect(drill.pipeline.reduce(0) { $0 + $1.minutes } == table.cells[g][p].pipelineMinutes)
                    }
                }
                // Weeks and months cover the same days: their totals agree.
                let total = table.cells.flatMap { $0 }.reduce(0) { $0 + $1.demandMinutes }
                let other = forecast.table(by: grouping, per: kind == .week ? .month : .week)
                #expect(other.cells.flatMap { $0 }.reduce(0) { $0 + $1.demandMinutes } == total)
            }
        }
        // Role, team and org unit partition the pool: their supplies agree.
        let supplies = [CapacityGrouping.role, .team, .orgUnit].map { grouping in
            forecast.table(by: grouping, per: .month).cells.flatMap { $0 }.reduce(0) { $0 + $1.supplyMinutes }
        }
        #expect(Set(supplies).count == 1)
    }

    @Test("units that are not whole minutes a day are carried: 33 % of 480 min over 5 days is exactly 792 min")
    func carriedRounding() throws {
        // 0.33 × 480 = 158.4 a day: 158, 159, 158, 159, 158 (cumulative 158.4, 316.8, 475.2, 633.6, 792).
        let forecast = try CapacityForecast(CapacityInput(
            first: Self.day("2027-03-01"), last: Self.day("2027-03-07"),
            resources: [Self.person(1, "A", minutes: Self.weekdays("2027-03-01", "2027-03-07"))],
            assignments: [Self.assignment(1, project: 1, activity: 1, 1, units: 33, "2027-03-01", "2027-03-05")]))
        #expect(forecast.table(by: .resource, per: .week).cells[0][0].demandMinutes == 792)
        #expect(CapacityCell.hours(792) == 13.2)
    }

    // MARK: - Bands

    /// Supply 1,000 min; load at 79.9 %, 80 %, 100 %, 100.1 %, 110 %, 110.1 %.
    @Test("band boundaries: 80 % is healthy, 100 % healthy, 110 % at risk, just above 110 % over-allocated",
          arguments: [(799, .underUsed), (800, .healthy), (1_000, .healthy), (1_001, .atRisk),
                      (1_100, .atRisk), (1_101, .overAllocated)] as [(Int64, CapacityBand)])
    func bandBoundaries(load: Int64, band: CapacityBand) {
        #expect(CapacityBands.standard.band(load: load, supply: 1_000) == band)
    }

    @Test("no supply: any load is over-allocated with no percentage; no load is 'no capacity'; bands are configurable")
    func bandsWithoutSupply() {
        #expect(CapacityBands.standard.band(load: 1, supply: 0) == .overAllocated)
        #expect(CapacityBands.standard.band(load: 0, supply: 0) == .noCapacity)
        let cell = CapacityCell(supplyMinutes: 0, demandMinutes: 60, pipelineMinutes: 0, backgroundMinutes: 0,
                                fte: 0, band: .overAllocated)
        #expect(cell.utilisationPercent == nil)
        #expect(cell.overHours == 1)
        let strict = CapacityBands(healthyFrom: 70, healthyThrough: 90, atRiskThrough: 100)
        #expect(strict.band(load: 700, supply: 1_000) == .healthy)
        #expect(strict.band(load: 950, supply: 1_000) == .atRisk)
        #expect(strict.band(load: 1_001, supply: 1_000) == .overAllocated)
        #expect(CapacityBand.allCases.map(\.label) == ["under-used", "healthy", "at risk", "over-allocated", "no capacity"])
    }

    // MARK: - Bad input

    static func minimal(first: String = "2027-03-01", last: String = "2027-03-07",
                        resources: [CapacityResource]? = nil, assignments: [CapacityAssignment] = [],
                        allocations: [CapacityAllocation] = [], pipeline: [PipelineDemand] = []) -> CapacityInput {
        CapacityInput(first: day(first), last: day(last),
                      resources: resources ?? [person(1, "Ada", minutes: weekdays("2027-03-01", "2027-03-07"))],
                      assignments: assignments, allocations: allocations, pipeline: pipeline)
    }

    static func error(_ input: CapacityInput) -> PortfolioError? {
        do { _ = try CapacityForecast(input); return nil } catch { return error }
    }

    @Test("an empty range is refused, naming its dates")
    func emptyRange() {
        let error = Self.error(Self.minimal(first: "2027-03-07", last: "2027-03-01", resources: []))
        #expect(error?.code == "empty_range")
        #expect(error?.message.contains("2027-03-07 to 2027-03-01") == true)
    }

    @Test("negative hours are refused, naming the item")
    func negativeHours() {
        let background = Self.error(Self.minimal(resources: [
            Self.person(1, "Ada", background: -4, minutes: Self.weekdays("2027-03-01", "2027-03-07")),
        ]))
        #expect(background?.code == "negative_value")
        #expect(background?.message == "resource 1 (Ada) has background load of -4 hours a week; it must be 0 or more")
        let allocation = Self.error(Self.minimal(allocations: [
            CapacityAllocation(id: .init(3), project: .init(9), target: .role("Developer"), rate: .hoursPerWeek(-5),
                               first: Self.day("2027-03-01"), last: Self.day("2027-03-05")),
        ]))
        #expect(allocation?.code == "negative_value")
        #expect(allocation?.message == "allocation 3 (project 9) asks for -5 hours a week; it must be 0 or more")
        let pipeline = Self.error(Self.minimal(pipeline: [
            PipelineDemand(id: .init(4), source: .request(.init(4)), name: "Portal", target: .role("Developer"),
                           hours: -1, first: Self.day("2027-03-01"), last: Self.day("2027-03-05"), state: "submitted"),
        ]))
        #expect(pipeline?.message == "pipeline item 4 (Portal) asks for -1 hours; it must be 0 or more")
    }

    @Test("an assignment to a resource not in the pool is refused, naming the assignment and the resource")
    func unknownResource() {
        let error = Self.error(Self.minimal(assignments: [
            Self.assignment(5, project: 2, activity: 20, 99, units: 100, "2027-03-01", "2027-03-05"),
        ]))
        #expect(error?.code == "unknown_resource")
        #expect(error?.message == "assignment 5 (project 2, activity 20 'Activity 20') names resource 99, which is not in the pool")
    }

    @Test("other malformed input: an unknown pipeline state, a wrong number of days, reversed dates, a skill level, teams")
    func otherBadInput() {
        let state = Self.error(Self.minimal(pipeline: [
            PipelineDemand(id: .init(1), source: .request(.init(1)), target: .role("Developer"), hours: 1,
                           first: Self.day("2027-03-01"), last: Self.day("2027-03-05"), state: "maybe"),
        ]))
        #expect(state?.code == "unknown_pipeline_state")
        #expect(state?.message.contains("state maybe") == true)
        let days = Self.error(Self.minimal(resources: [Self.person(1, "Ada", minutes: [480, 480])]))
        #expect(days?.code == "availability_length")
        let reversed = Self.error(Self.minimal(assignments: [
            Self.assignment(1, project: 1, activity: 1, 1, units: 100, "2027-03-05", "2027-03-01"),
        ]))
        #expect(reversed?.code == "reversed_dates")
        var skilled = Self.person(1, "Ada", minutes: Self.weekdays("2027-03-01", "2027-03-07"))
        skilled.skills = [SkillLevel("Swift", level: 6)]
        #expect(Self.error(Self.minimal(resources: [skilled]))?.code == "skill_level")
        let minutes = Self.weekdays("2027-03-01", "2027-03-07")
        let nested = Self.error(Self.minimal(resources: [
            Self.person(1, "Platform", kind: .team, minutes: minutes),
            Self.person(2, "Mobile", team: 1, kind: .team, minutes: minutes),
        ]))
        #expect(nested?.code == "nested_team")
        let notATeam = Self.error(Self.minimal(resources: [
            Self.person(1, "Ada", minutes: minutes), Self.person(2, "Bo", team: 1, minutes: minutes),
        ]))
        #expect(notATeam?.message == "resource 2 (Bo) is a member of resource 1, which is not a team in the pool")
    }

    @Test("the input, the table and a drill-down survive a JSON round trip (what the API and a scenario store)")
    func codable() throws {
        let input = CapacityBenchmark.organisation(.small)
        let forecast = try CapacityForecast(input)
        let table = forecast.table(by: .skill(minimumLevel: 2), per: .week)
        let drill = try forecast.drillDown(table.groups[0], in: table.periods[3], grouping: table.grouping)
        #expect(try JSONDecoder().decode(CapacityInput.self, from: JSONEncoder().encode(input)) == input)
        #expect(try JSONDecoder().decode(CapacityTable.self, from: JSONEncoder().encode(table)) == table)
        #expect(try JSONDecoder().decode(CapacityDrillDown.self, from: JSONEncoder().encode(drill)) == drill)
    }

    // MARK: - Benchmark entry point

    @Test("the benchmark runs on a small generated organisation with the caller's clock")
    func benchmarkRuns() throws {
        var tick: UInt64 = 0
        let timing = try CapacityBenchmark.run(.small) { tick += 1; return tick }
        #expect(timing.assignments == 90)
        #expect(timing.compileNanoseconds == 1 && timing.tableNanoseconds == 1 && timing.drillDownNanoseconds == 1)
        #expect(timing.drillDownParts > 0)
        // The same seed gives the same organisation.
        #expect(CapacityBenchmark.organisation(.small) == CapacityBenchmark.organisation(.small))
    }
}
