public import GantryModel

/// The generated organisation of issue #14's benchmark and a timing entry point for `gantry bench capacity`.
///
/// The engine reads no clock: ``run(_:seed:now:)`` takes one from the caller (nanoseconds from any monotonic
/// source, e.g. `{ DispatchTime.now().uptimeNanoseconds }`) and only reads it between steps.
public enum CapacityBenchmark {
    /// The shape of a generated organisation.
    public struct Size: Hashable, Sendable, Codable {
        public var projects: Int
        public var activitiesPerProject: Int
        public var people: Int
        public var roles: Int
        public var skills: Int
        public var teams: Int
        public var orgUnits: Int
        public var weeks: Int
        /// Allocations on projects (a role, hours a week, over half a year) and pipeline items.
        public var allocations: Int
        public var pipelineItems: Int

        public init(projects: Int, activitiesPerProject: Int, people: Int, roles: Int, skills: Int, teams: Int,
                    orgUnits: Int, weeks: Int, allocations: Int, pipelineItems: Int) {
            self.projects = projects; self.activitiesPerProject = activitiesPerProject; self.people = people
            self.roles = roles; self.skills = skills; self.teams = teams; self.orgUnits = orgUnits
            self.weeks = weeks; self.allocations = allocations; self.pipelineItems = pipelineItems
        }

        /// Issue #14: 500 projects × 200 activities, 300 people in 20 roles with 40 skills, weekly for two years.
        public static let issue = Size(projects: 500, activitiesPerProject: 200, people: 300, roles: 20, skills: 40,
                                       teams: 15, orgUnits: 8, weeks: 104, allocations: 200, pipelineItems: 100)
        /// A small organisation for tests.
        public static let small = Size(projects: 6, activitiesPerProject: 15, people: 12, roles: 3, skills: 5,
                                       teams: 2, orgUnits: 2, weeks: 30, allocations: 6, pipelineItems: 5)
    }

    /// What one run measured, in nanoseconds of the caller's clock.
    public struct Timing: Hashable, Sendable, Codable {
        /// Checking and compiling the input into per-day arrays.
        public var compileNanoseconds: UInt64
        /// The table by role, weekly.
        public var tableNanoseconds: UInt64
        /// The full forecast: compile + table.
        public var forecastNanoseconds: UInt64 { compileNanoseconds + tableNanoseconds }
        /// One drill-down: the cell with the most committed demand.
        public var drillDownNanoseconds: UInt64
        public var assignments: Int
        public var cells: Int
        public var drillDownParts: Int
        /// When can we start? for one request (``startRequest(_:)``): the forecast's remaining capacity by role and
        /// week (computed once, then shared by every request), and the search itself.
        public var roleCapacityNanoseconds: UInt64 = 0
        public var earliestStartNanoseconds: UInt64 = 0
        /// The whole answer for one request: role capacity + search.
        public var startRequestNanoseconds: UInt64 { roleCapacityNanoseconds + earliestStartNanoseconds }
        /// The answer's start (`nil`: none within the horizon) and the number of starts tried before it.
        public var earliestStart: CalendarDate?
        public var startsTried: Int = 0
        /// Portfolio leveling of every project (``levelingProjects(_:)``) against the capacity left by everything
        /// else (allocations, background): just the leveling, not building its input.
        public var levelingNanoseconds: UInt64 = 0
        public var levelingProjects: Int = 0
        public var levelingMoves: Int = 0
        public var overHoursBefore: Double = 0
        public var overHoursAfter: Double = 0
    }

    /// The first day of a generated organisation's range: Monday 4 January 2027.
    public static let firstDay = CalendarDate(year: 2027, month: 1, day: 4)!

    /// A deterministic organisation of `size` (the same seed gives the same input).
    public static func organisation(_ size: Size = .issue, seed: UInt64 = 14) -> CapacityInput {
        var random = SeededRandom(seed: seed)
        let days = size.weeks * 7
        let first = firstDay
        let last = first.adding(days: days - 1)
        let roleNames = (0..<size.roles).map { "Role \($0 + 1)" }
        let skillNames = (0..<size.skills).map { "Skill \($0 + 1)" }
        // Public holidays: about ten weekdays a year for everyone.
        var holiday = [Bool](repeating: false, count: days)
        for _ in 0..<(days / 36) { holiday[random.below(days)] = true }
        let weekdayOf = (0..<days).map { !first.adding(days: $0).weekday.isWeekend }

        var resources: [CapacityResource] = []
        let teamBase = Int64(size.people + size.roles + 1)
        for i in 0..<size.people {
            var minutes = (0..<days).map { Int32(weekdayOf[$0] && !holiday[$0] ? 480 : 0) }
            for _ in 0..<(days / 25) { minutes[random.below(days)] = 0 }  // absences
            var skills: [SkillLevel] = []
            for _ in 0..<(2 + random.below(2)) {
                let skill = skillNames[random.below(size.skills)]
                if !skills.contains(where: { $0.skill == skill }) {
                    skills.append(SkillLevel(skill, level: 1 + random.below(5)))
                }
            }
            let inTeam = size.teams > 0 && i % 3 == 0
            resources.append(CapacityResource(
                id: Resource.ID(Int64(i + 1)), name: "Person \(i + 1)", kind: .person,
                role: roleNames[i % size.roles], skills: skills, orgUnit: "Unit \(i % max(1, size.orgUnits) + 1)",
                team: inTeam ? Resource.ID(teamBase + Int64(i % size.teams)) : nil,
                weeklyCapacity: i % 7 == 0 ? .hoursPerWeek(32) : .percentOfCalendar(100),
                availableMinutes: minutes, backgroundHoursPerWeek: i % 5 == 0 ? 4 : 0))
        }
        for q in 0..<size.roles {
            resources.append(CapacityResource(
                id: Resource.ID(Int64(size.people + q + 1)), name: "\(roleNames[q]) (generic)", kind: .generic,
                role: roleNames[q], maxUnits: 300,
                availableMinutes: (0..<days).map { Int32(weekdayOf[$0] && !holiday[$0] ? 480 : 0) }))
        }
        for t in 0..<size.teams {
            resources.append(CapacityResource(
                id: Resource.ID(teamBase + Int64(t)), name: "Team \(t + 1)", kind: .team,
                role: roleNames[t % size.roles],
                availableMinutes: (0..<days).map { Int32(weekdayOf[$0] && !holiday[$0] ? 480 : 0) }))
        }

        var assignments: [CapacityAssignment] = []
        assignments.reserveCapacity(size.projects * size.activitiesPerProject)
        var projectStart: [Int] = []
        for p in 0..<size.projects {
            let start = random.below(max(1, days - 120))
            projectStart.append(start)
            for a in 0..<size.activitiesPerProject {
                let offset = start + random.below(180)
                let length = 5 + random.below(16)
                let resource: Resource.ID
                if random.below(10) == 0 {
                    resource = Resource.ID(Int64(size.people + random.below(size.roles) + 1))
                } else if size.teams > 0, random.below(20) == 0 {
                    resource = Resource.ID(teamBase + Int64(random.below(size.teams)))
                } else {
                    resource = Resource.ID(Int64(random.below(size.people) + 1))
                }
                let id = Int64(p * size.activitiesPerProject + a + 1)
                assignments.append(CapacityAssignment(
                    id: Assignment.ID(id), project: Project.ID(Int64(p + 1)), activity: Activity.ID(id),
                    activityName: "Activity \(a + 1)", resource: resource, units: random.below(3) == 0 ? 50 : 100,
                    first: first.adding(days: offset), last: first.adding(days: offset + length - 1)))
            }
        }
        var allocations: [CapacityAllocation] = []
        for k in 0..<size.allocations {
            let p = random.below(size.projects)
            let start = max(0, projectStart[p] - 60)
            allocations.append(CapacityAllocation(
                id: CapacityAllocation.ID(Int64(k + 1)), project: Project.ID(Int64(p + 1)),
                target: .role(roleNames[random.below(size.roles)]), rate: .hoursPerWeek(Double(10 + random.below(31))),
                first: first.adding(days: start), last: first.adding(days: start + 180)))
        }
        let states = ["submitted", "in_review", "approved"]
        var pipeline: [PipelineDemand] = []
        for k in 0..<size.pipelineItems {
            let start = random.below(days)
            pipeline.append(PipelineDemand(
                id: PipelineDemand.ID(Int64(k + 1)), source: .request(IntakeRequest.ID(Int64(k + 1))),
                name: "Request \(k + 1)", target: .role(roleNames[random.below(size.roles)]),
                hours: Double(100 + random.below(900)), first: first.adding(days: start),
                last: first.adding(days: start + 30 + random.below(150)), state: states[random.below(3)]))
        }
        return CapacityInput(first: first, last: last, resources: resources, assignments: assignments,
                             allocations: allocations, pipeline: pipeline)
    }

    /// Builds the organisation of `size` (not timed), then times the forecast by role, weekly, a drill-down of its
    /// busiest cell, when can we start? for ``startRequest(_:)`` (the role capacity and the search), and portfolio
    /// leveling of every project (``levelingProjects(_:)``; building its input is not timed). `now` is the
    /// caller's monotonic clock in nanoseconds.
    public static func run(_ size: Size = .issue, seed: UInt64 = 14,
                           now: () -> UInt64) throws(PortfolioError) -> Timing {
        let input = organisation(size, seed: seed)
        let t0 = now()
        let forecast = try CapacityForecast(input)
        let t1 = now()
        let table = forecast.table(by: .role, per: .week)
        let t2 = now()
        var best = (0, 0, Int64(-1))
        for (g, row) in table.cells.enumerated() {
            for (p, cell) in row.enumerated() where cell.demandMinutes > best.2 { best = (g, p, cell.demandMinutes) }
        }
        let t3 = now()
        let drill = try forecast.drillDown(table.groups[best.0], in: table.periods[best.1], grouping: .role)
        let t4 = now()
        var timing = Timing(compileNanoseconds: t1 - t0, tableNanoseconds: t2 - t1, drillDownNanoseconds: t4 - t3,
                            assignments: input.assignments.count, cells: table.groups.count * table.periods.count,
                            drillDownParts: drill.committed.count + drill.pipeline.count)

        // When can we start? One request against everything committed.
        let t5 = now()
        let capacity = forecast.roleWeeklyCapacity()
        let t6 = now()
        let answer = try capacity.earliestStart(startRequest(capacity))
        let t7 = now()
        timing.roleCapacityNanoseconds = t6 - t5
        timing.earliestStartNanoseconds = t7 - t6
        timing.earliestStart = answer.start
        timing.startsTried = answer.attempts.count + (answer.start == nil ? 0 : 1)

        // Portfolio leveling: every project as a role profile, against what the allocations and background leave.
        var rest = input
        rest.assignments = []
        let remaining = try CapacityForecast(rest).roleWeeklyCapacity()
        let projects = levelingProjects(input)
        let t8 = now()
        let plan = try remaining.leveling(projects)
        let t9 = now()
        timing.levelingNanoseconds = t9 - t8
        timing.levelingProjects = projects.count
        timing.levelingMoves = plan.moves.count
        timing.overHoursBefore = plan.overHoursBefore
        timing.overHoursAfter = plan.overHoursAfter
        return timing
    }

    /// The benchmark's intake request: 2 FTE of the first role for 26 weeks, 1 FTE of the second in weeks 4 to 16,
    /// half an FTE of the third for 26 weeks (40 h a week each); asked for the first week, tried up to the last.
    public static func startRequest(_ capacity: RoleWeeklyCapacity) -> EarliestStart.Request {
        let roles = capacity.roles.filter { !$0.isEmpty }.sorted()
        func role(_ k: Int) -> String { roles.isEmpty ? "Role \(k + 1)" : roles[k % roles.count] }
        let profile = RoleWeekDemand.steady(role: role(0), fte: 2, weeks: 26)
            + RoleWeekDemand.steady(role: role(1), fte: 1, weeks: 13, fromWeek: 4)
            + RoleWeekDemand.steady(role: role(2), fte: 0.5, weeks: 26)
        let first = capacity.periods.first?.first ?? firstDay
        let earliest = CalendarDate(daysSinceEpoch: RoleWeeklyCapacity.mondayOnOrBefore(first.daysSinceEpoch + 6))
        return EarliestStart.Request(profile: profile, earliest: earliest, requested: earliest,
                                     latestStart: capacity.monday(ofWeek: max(0, capacity.weekCount - 1)))
    }

    /// Every project of a generated organisation as a leveling project: its role demand per week from its
    /// assignments (units × 480 minutes on each weekday of an assignment, under the role of the resource it is
    /// assigned to), starting the Monday of its first assignment; priorities a fixed shuffle of the ids; every
    /// fifth project started (it may not move).
    public static func levelingProjects(_ input: CapacityInput) -> [LevelingProject] {
        var roleOf: [Resource.ID: String] = [:]
        for r in input.resources { roleOf[r.id] = r.role }
        var byProject: [Project.ID: [Int]] = [:]
        for (k, a) in input.assignments.enumerated() { byProject[a.project, default: []].append(k) }
        return byProject.keys.sorted().map { project in
            let indices = byProject[project]!
            let first = indices.map { input.assignments[$0].first.daysSinceEpoch }.min()!
            let monday = RoleWeeklyCapacity.mondayOnOrBefore(first)
            var demand: [String: [Int: Int64]] = [:]
            for k in indices {
                let a = input.assignments[k]
                let role = roleOf[a.resource] ?? ""
                let perDay = Int64((480 * a.units / 100).rounded())
                for d in a.first.daysSinceEpoch...a.last.daysSinceEpoch
                where !CalendarDate(daysSinceEpoch: d).weekday.isWeekend {
                    demand[role, default: [:]][(d - monday) / 7, default: 0] += perDay
                }
            }
            let profile = demand.keys.sorted().flatMap { role in
                demand[role]!.keys.sorted().map { RoleWeekDemand(role: role, weekOffset: $0, minutes: demand[role]![$0]!) }
            }
            let id = project.rawValue
            return LevelingProject(id: project, name: "Project \(id)", profile: profile,
                                   plannedStart: CalendarDate(daysSinceEpoch: monday),
                                   priority: Int((id * 7_919) % 1_009), mayMove: id % 5 != 0)
        }
    }
}
