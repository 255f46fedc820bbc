import GantryModel

/// A resource capacity forecast: supply against demand per person, role, skill, team or organisation unit, per week
/// or month (issue #14, DOMAIN.md §6). Pure: values in, values out; no clock, no I/O.
///
/// Building a forecast checks the input and compiles it into per-resource, per-day arrays of whole minutes —
/// supply, background load, committed demand and weighted pipeline demand. ``table(by:per:bands:)`` then sums
/// those arrays into any grouping and period kind, and ``drillDown(_:in:grouping:bands:)`` lists the items that
/// make one cell. Both spread every item with the same code, so a drill-down's parts add up exactly to its cell.
///
/// ## What is counted
/// - **Supply**: see ``CapacityResource``. A team brings none of its own; its members' supply is the team's.
/// - **Background load**: recurring non-project hours a week per resource (``CapacityResource/backgroundHoursPerWeek``).
/// - **Committed demand**: assignments (``CapacityAssignment``) and project allocations (``CapacityAllocation``).
///   Where a project has both, **the plan wins**: the plan covers the days from its earliest assignment's first day
///   to its latest assignment's last day, and the project's allocations count only on days outside that span.
/// - **Pipeline demand**: intake requests and approved projects not started, weighted by their state's probability
///   (``PipelineWeights``), reported apart and never part of utilisation or the band.
/// - **Utilisation** = (committed demand + background) / supply. With no supply and some load the cell is
///   over-allocated and has no percentage; it never divides by zero.
public struct CapacityForecast: Sendable {
    /// The rule for projects with both a plan and allocations, in words the capacity page can show as it is.
    public static let planWinsRule = "Where a project has both a plan and allocations, the plan wins: it covers "
        + "the days from its earliest assignment's first day to its latest assignment's last day, and the "
        + "project's allocations count only on days outside them, so nothing is counted twice."

    public let input: CapacityInput
    /// Days since the epoch of the range's first day, and the number of days.
    let day0: Int
    let dayCount: Int
    let resourceIndex: [Resource.ID: Int]
    /// Per resource, per day (index from the range's first day), in minutes.
    let supply: [[Int64]]
    let background: [[Int64]]
    // Filled last in `init`, by the same spreading functions the drill-down uses (hence `var`).
    private(set) var committed: [[Int64]]
    private(set) var pipeline: [[Int64]]
    /// Roles named by demand targeted at a role, and that demand per role per day.
    let roles: [String]
    let roleIndex: [String: Int]
    private(set) var roleCommitted: [[Int64]]
    private(set) var rolePipeline: [[Int64]]
    /// Each resource's full-time equivalents (0 for a team).
    let fte: [Double]
    /// Per assignment, the index of its resource.
    let assignmentResource: [Int]
    /// Per project with a plan, the days (since the epoch) its assignments span.
    let planSpan: [Project.ID: ClosedRange<Int>]
    /// Per day: whether it is a working weekday, and the number of working weekdays in its calendar month.
    let isWorkday: [Bool]
    let monthWorkdays: [Int]
    let workdaysPerWeek: Int

    /// Checks and compiles `input`. Throws a ``PortfolioError`` naming the offending item when no forecast is
    /// possible: `empty_range`, `availability_length`, `negative_value`, `unknown_resource`, `not_a_team`,
    /// `duplicate_resource`, `nested_team`, `skill_level`, `reversed_dates`, `unknown_pipeline_state`, `pipeline_weight`.
    public init(_ input: CapacityInput) throws(PortfolioError) {
        self.input = input
        let days = input.dayCount
        guard days > 0 else {
            throw PortfolioError(code: "empty_range", message:
                "the forecast range \(input.first) to \(input.last) is empty: its last day is before its first")
        }
        day0 = input.first.daysSinceEpoch
        dayCount = days
        workdaysPerWeek = input.workingWeekdays.count
        guard workdaysPerWeek > 0 else {
            throw PortfolioError(code: "no_working_weekdays", message: "the forecast has no working weekdays")
        }

        // Calendar helpers.
        var isWorkday = [Bool](repeating: false, count: days)
        var monthWorkdays = [Int](repeating: 0, count: days)
        var i = 0
        while i < days {
            let date = CalendarDate(daysSinceEpoch: day0 + i)
            let monthStart = CalendarDate(year: date.year, month: date.month, day: 1)!.daysSinceEpoch
            let length = CalendarDate.daysIn(month: date.month, year: date.year)
            var count = 0
            for d in monthStart..<(monthStart + length)
            where input.workingWeekdays.contains(CalendarDate(daysSinceEpoch: d).weekday) { count += 1 }
            let end = min(days, monthStart + length - day0)
            while i < end {
                isWorkday[i] = input.workingWeekdays.contains(CalendarDate(daysSinceEpoch: day0 + i).weekday)
                monthWorkdays[i] = count
                i += 1
            }
        }
        self.isWorkday = isWorkday
        self.monthWorkdays = monthWorkdays

        // Resources: checks, supply, background.
        var resourceIndex: [Resource.ID: Int] = [:]
        for (r, resource) in input.resources.enumerated() {
            guard resourceIndex.updateValue(r, forKey: resource.id) == nil else {
                throw PortfolioError(code: "duplicate_resource", message:
                    "resource \(resource.id) (\(resource.name)) is listed twice")
            }
        }
        self.resourceIndex = resourceIndex
        var supply: [[Int64]] = []
        var background: [[Int64]] = []
        var fte: [Double] = []
        supply.reserveCapacity(input.resources.count)
        for resource in input.resources {
            let name = "resource \(resource.id) (\(resource.name))"
            guard resource.availableMinutes.count == days else {
                throw PortfolioError(code: "availability_length", message:
                    "\(name) has available minutes for \(resource.availableMinutes.count) days; the range has \(days)")
            }
            if let bad = resource.availableMinutes.firstIndex(where: { $0 < 0 }) {
                throw PortfolioError(code: "negative_value", message:
                    "\(name) has \(resource.availableMinutes[bad]) available minutes on \(CalendarDate(daysSinceEpoch: day0 + bad))")
            }
            try Self.nonNegative(resource.maxUnits, "\(name) has max units")
            try Self.nonNegative(resource.backgroundHoursPerWeek, "\(name) has background load of", unit: " hours a week")
            guard resource.regularWeekMinutes > 0 else {
                throw PortfolioError(code: "negative_value", message:
                    "\(name) has a regular week of \(resource.regularWeekMinutes) minutes; it must be more than 0")
            }
            let share: Double
            switch resource.weeklyCapacity {
            case .percentOfCalendar(let p):
                try Self.nonNegative(p, "\(name) has a weekly capacity of", unit: " % of its calendar")
                share = p / 100
            case .hoursPerWeek(let h):
                try Self.nonNegative(h, "\(name) has a weekly capacity of", unit: " hours")
                share = h * 60 / Double(resource.regularWeekMinutes)
            }
            for skill in resource.skills where !(1...5).contains(skill.level) {
                throw PortfolioError(code: "skill_level", message:
                    "\(name) has skill \(skill.skill) at level \(skill.level); levels run from 1 to 5")
            }
            if let team = resource.team {
                guard resource.kind != .team else {
                    throw PortfolioError(code: "nested_team", message:
                        "\(name) is a team and a member of resource \(team): teams do not nest; list the people in the team instead")
                }
                guard let t = resourceIndex[team], input.resources[t].kind == .team else {
                    throw PortfolioError(code: "not_a_team", message:
                        "\(name) is a member of resource \(team), which is not a team in the pool")
                }
            }
            let isTeam = resource.kind == .team
            let perMinute = isTeam ? 0 : resource.maxUnits / 100 * share
            fte.append(isTeam ? 0 : perMinute)
            supply.append(Self.carried(days) { Double(resource.availableMinutes[$0]) * perMinute })
            let backgroundPerMinute = resource.backgroundHoursPerWeek * 60 / Double(resource.regularWeekMinutes)
            for period in resource.backgroundPeriods {
                try Self.nonNegative(period.hoursPerWeek, "\(name) has background load of", unit: " hours a week")
                if let first = period.first, let last = period.last { try Self.ordered(first, last, "a background load of \(name)") }
            }
            if resource.backgroundPeriods.isEmpty {
                background.append(backgroundPerMinute == 0 ? [Int64](repeating: 0, count: days)
                    : Self.carried(days) { Double(resource.availableMinutes[$0]) * backgroundPerMinute })
            } else {
                let periods = resource.backgroundPeriods
                let weekMinutes = Double(resource.regularWeekMinutes)
                let firstDay = input.first.daysSinceEpoch
                background.append(Self.carried(days) { i in
                    var hours = resource.backgroundHoursPerWeek
                    for p in periods where p.covers(firstDay + i) { hours += p.hoursPerWeek }
                    return Double(resource.availableMinutes[i]) * hours * 60 / weekMinutes
                })
            }
        }
        self.supply = supply
        self.background = background
        self.fte = fte

        // Roles named by role targets.
        var roles: [String] = []
        var roleIndex: [String: Int] = [:]
        func noteRole(_ target: DemandTarget) {
            if case .role(let role) = target, roleIndex[role] == nil {
                roleIndex[role] = roles.count
                roles.append(role)
            }
        }

        // Assignments: checks and plan spans.
        var assignmentResource: [Int] = []
        assignmentResource.reserveCapacity(input.assignments.count)
        var planSpan: [Project.ID: ClosedRange<Int>] = [:]
        for a in input.assignments {
            // Named only when something is wrong: building 100,000 names would cost more than the forecast.
            func name() -> String {
                "assignment \(a.id) (project \(a.project), activity \(a.activity)\(a.activityName.isEmpty ? "" : " '\(a.activityName)'"))"
            }
            guard let r = resourceIndex[a.resource] else {
                throw PortfolioError(code: "unknown_resource", message:
                    "\(name()) names resource \(a.resource), which is not in the pool")
            }
            try Self.nonNegative(a.units, "\(name()) has units of", unit: " %")
            try Self.ordered(a.first, a.last, name())
            if case .workingMinutes(let minutes) = a.spread, let bad = minutes.firstIndex(where: { $0 < 0 }) {
                throw PortfolioError(code: "negative_value", message:
                    "\(name()) has \(minutes[bad]) working minutes on \(a.first.adding(days: bad))")
            }
            assignmentResource.append(r)
            let span = a.first.daysSinceEpoch...a.last.daysSinceEpoch
            if let known = planSpan[a.project] {
                planSpan[a.project] = min(known.lowerBound, span.lowerBound)...max(known.upperBound, span.upperBound)
            } else {
                planSpan[a.project] = span
            }
        }
        self.assignmentResource = assignmentResource
        self.planSpan = planSpan

        for al in input.allocations {
            let name = "allocation \(al.id) (project \(al.project))"
            try Self.known(al.target, name, resourceIndex)
            switch al.rate {
            case .hoursPerWeek(let h): try Self.nonNegative(h, "\(name) asks for", unit: " hours a week")
            case .hoursPerMonth(let h): try Self.nonNegative(h, "\(name) asks for", unit: " hours a month")
            case .percentOfCapacity(let p): try Self.nonNegative(p, "\(name) asks for", unit: " % of capacity")
            }
            try Self.ordered(al.first, al.last, name)
            noteRole(al.target)
        }
        for (state, weight) in input.pipelineWeights.weights where !(0...1).contains(weight) {
            throw PortfolioError(code: "pipeline_weight", message:
                "pipeline state \(state) has a weight of \(formatted(weight)); weights run from 0 to 1")
        }
        for item in input.pipeline {
            let name = "pipeline item \(item.id)\(item.name.isEmpty ? "" : " (\(item.name))")"
            try Self.known(item.target, name, resourceIndex)
            try Self.nonNegative(item.hours, "\(name) asks for", unit: " hours")
            try Self.ordered(item.first, item.last, name)
            guard input.pipelineWeights.weights[item.state] != nil else {
                let known = input.pipelineWeights.weights.keys.sorted().joined(separator: ", ")
                throw PortfolioError(code: "unknown_pipeline_state", message:
                    "\(name) is in state \(item.state), which has no weight (known: \(known))")
            }
            noteRole(item.target)
        }
        self.roles = roles
        self.roleIndex = roleIndex

        // Demand. `self` is complete enough for the spreading functions once every stored property is set, so the
        // demand arrays start empty and are filled afterwards.
        self.committed = []
        self.pipeline = []
        self.roleCommitted = []
        self.rolePipeline = []
        var committed = [[Int64]](repeating: [Int64](repeating: 0, count: days), count: input.resources.count)
        var pipeline = committed
        var roleCommitted = [[Int64]](repeating: [Int64](repeating: 0, count: days), count: roles.count)
        var rolePipeline = roleCommitted
        for (k, a) in input.assignments.enumerated() {
            let r = assignmentResource[k]
            spread(a, resource: r, through: dayCount - 1) { committed[r][$0] += $1 }
        }
        let roleSupply = roles.isEmpty ? [] : self.roleSupply()
        for al in input.allocations {
            switch target(al.target) {
            case .resource(let r): spread(al, roleSupply: roleSupply, through: dayCount - 1) { committed[r][$0] += $1 }
            case .role(let q): spread(al, roleSupply: roleSupply, through: dayCount - 1) { roleCommitted[q][$0] += $1 }
            }
        }
        for item in input.pipeline {
            switch target(item.target) {
            case .resource(let r): spread(item, through: dayCount - 1) { pipeline[r][$0] += $1 }
            case .role(let q): spread(item, through: dayCount - 1) { rolePipeline[q][$0] += $1 }
            }
        }
        self.committed = committed
        self.pipeline = pipeline
        self.roleCommitted = roleCommitted
        self.rolePipeline = rolePipeline
    }

    // MARK: - Checks

    static func nonNegative(_ x: Double, _ what: @autoclosure () -> String, unit: String = "") throws(PortfolioError) {
        guard x >= 0, x.isFinite else {
            throw PortfolioError(code: "negative_value", message: "\(what()) \(formatted(x))\(unit); it must be 0 or more")
        }
    }

    static func ordered(_ first: CalendarDate, _ last: CalendarDate, _ name: @autoclosure () -> String) throws(PortfolioError) {
        guard first <= last else {
            throw PortfolioError(code: "reversed_dates", message: "\(name()) runs from \(first) to \(last): its last day is before its first")
        }
    }

    static func known(_ target: DemandTarget, _ name: String, _ index: [Resource.ID: Int]) throws(PortfolioError) {
        if case .resource(let id) = target, index[id] == nil {
            throw PortfolioError(code: "unknown_resource", message: "\(name) names resource \(id), which is not in the pool")
        }
    }

    // MARK: - Spreading (shared by the table and the drill-down)

    /// A target resolved to a resource index or a role index.
    enum ResolvedTarget { case resource(Int), role(Int) }

    func target(_ t: DemandTarget) -> ResolvedTarget {
        switch t {
        case .resource(let id): .resource(resourceIndex[id]!)
        case .role(let role): .role(roleIndex[role]!)
        }
    }

    /// Rounds a run of exact per-day values to whole minutes, carrying the remainder: day `i` gets
    /// `round(Σ exact[0...i]) − round(Σ exact[0..<i])`, so the days add up to the rounded total.
    static func carried(_ days: Int, _ exact: (Int) -> Double) -> [Int64] {
        var result = [Int64](repeating: 0, count: days)
        var sum = 0.0
        var previous: Int64 = 0
        for i in 0..<days {
            sum += exact(i)
            let rounded = Int64(sum.rounded())
            result[i] = rounded - previous
            previous = rounded
        }
        return result
    }

    /// Calls `body(dayIndex, minutes)` for each day of the range from `lower` to `upper` (days since the epoch,
    /// clipped to the range and to `through`, a day index) with the carried rounding of `exact(dayIndex)`.
    @inline(__always)
    func carry(_ lower: Int, _ upper: Int, through: Int, _ exact: (Int) -> Double, _ body: (Int, Int64) -> Void) {
        let start = max(lower - day0, 0)
        let end = min(upper - day0, dayCount - 1, through)
        guard start <= end else { return }
        var sum = 0.0
        var previous: Int64 = 0
        for i in start...end {
            let x = exact(i)
            if x == 0 { continue }
            sum += x
            let rounded = Int64(sum.rounded())
            if rounded != previous { body(i, rounded - previous) }
            previous = rounded
        }
    }

    /// An assignment's minutes per day: `units / 100 ×` the resource's available minutes or the given minutes.
    func spread(_ a: CapacityAssignment, resource r: Int, through: Int, _ body: (Int, Int64) -> Void) {
        let share = a.units / 100
        switch a.spread {
        case .resourceAvailability:
            let minutes = input.resources[r].availableMinutes
            carry(a.first.daysSinceEpoch, a.last.daysSinceEpoch, through: through,
                  { Double(minutes[$0]) * share }, body)
        case .workingMinutes(let minutes):
            let offset = a.first.daysSinceEpoch - day0  // list index = day index − offset
            let last = min(a.last.daysSinceEpoch, a.first.daysSinceEpoch + minutes.count - 1)
            carry(a.first.daysSinceEpoch, last, through: through, { Double(minutes[$0 - offset]) * share }, body)
        }
    }

    /// An allocation's minutes per day, none on the days its project's plan covers.
    func spread(_ al: CapacityAllocation, roleSupply: [[Int64]], through: Int, _ body: (Int, Int64) -> Void) {
        let covered = planSpan[al.project].map { ($0.lowerBound - day0)...($0.upperBound - day0) }
        @inline(__always) func open(_ i: Int) -> Bool { !(covered?.contains(i) ?? false) }
        let lower = al.first.daysSinceEpoch, upper = al.last.daysSinceEpoch
        switch al.rate {
        case .hoursPerWeek(let h):
            let perDay = h * 60 / Double(workdaysPerWeek)
            carry(lower, upper, through: through, { isWorkday[$0] && open($0) ? perDay : 0 }, body)
        case .hoursPerMonth(let h):
            carry(lower, upper, through: through,
                  { isWorkday[$0] && open($0) ? h * 60 / Double(monthWorkdays[$0]) : 0 }, body)
        case .percentOfCapacity(let p):
            let share = p / 100
            switch target(al.target) {
            case .resource(let r):
                let members = teamMembers(r)
                carry(lower, upper, through: through, { i in
                    guard open(i) else { return 0 }
                    var s: Int64 = 0
                    for m in members { s += supply[m][i] }
                    return Double(s) * share
                }, body)
            case .role(let q):
                carry(lower, upper, through: through, { open($0) ? Double(roleSupply[q][$0]) * share : 0 }, body)
            }
        }
    }

    /// A pipeline item's weighted minutes per day: its hours spread evenly over the working weekdays of its dates.
    func spread(_ item: PipelineDemand, through: Int, _ body: (Int, Int64) -> Void) {
        var workdays = 0
        for d in item.first.daysSinceEpoch...item.last.daysSinceEpoch
        where input.workingWeekdays.contains(CalendarDate(daysSinceEpoch: d).weekday) { workdays += 1 }
        guard workdays > 0 else { return }
        let weight = input.pipelineWeights.weights[item.state] ?? 0
        let perDay = item.hours * 60 * weight / Double(workdays)
        carry(item.first.daysSinceEpoch, item.last.daysSinceEpoch, through: through,
              { isWorkday[$0] ? perDay : 0 }, body)
    }

    /// The resources whose supply a resource's supply is: a team's members, or the resource itself.
    func teamMembers(_ r: Int) -> [Int] {
        let resource = input.resources[r]
        guard resource.kind == .team else { return [r] }
        return input.resources.indices.filter { input.resources[$0].team == resource.id }
    }

    /// Each role's supply per day (the roles named by role targets).
    func roleSupply() -> [[Int64]] {
        var result = [[Int64]](repeating: [Int64](repeating: 0, count: dayCount), count: roles.count)
        for (r, resource) in input.resources.enumerated() where resource.kind != .team {
            guard let q = roleIndex[resource.role] else { continue }
            for i in 0..<dayCount { result[q][i] += supply[r][i] }
        }
        return result
    }
}
