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

    /// Builds the organisation of `size` (not timed), then times the forecast by role, weekly, and a drill-down of
    /// its busiest cell. `now` is the caller's monotonic clock in nanoseconds.
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
        return Timing(compileNanoseconds: t1 - t0, tableNanoseconds: t2 - t1, drillDownNanoseconds: t4 - t3,
                      assignments: input.assignments.count, cells: table.groups.count * table.periods.count,
                      drillDownParts: drill.committed.count + drill.pipeline.count)
    }
}
