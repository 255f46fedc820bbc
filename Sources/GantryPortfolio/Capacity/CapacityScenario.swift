public import GantryModel

// What-if scenarios (issue #14): a draft copy of the forecast's inputs with changes applied, so the PMO sees the
// heatmap change while nothing live does. The engine applies changes to a `CapacityInput` and returns a new one;
// the service stores scenarios and their changes, and commits them in one transaction.

/// Capacity a scenario adds: a generic resource of a role ("hire two testers from March").
public struct AddedCapacity: Hashable, Sendable, Codable {
    /// A new id, not in the pool (the service picks one that can never be a stored resource's).
    public var id: Resource.ID
    public var name: String
    public var role: String
    public var skills: [SkillLevel]
    /// Max units: 100 per person, so 200 is two people.
    public var maxUnits: Double
    public var weeklyCapacity: WeeklyCapacity
    /// The first day it is there.
    public var from: CalendarDate
    /// The last day it is there; `nil` for the end of the range.
    public var until: CalendarDate?
    /// Working minutes per day of the forecast's range, one per day (a template calendar's days); `nil` for 480
    /// minutes on each of the input's working weekdays. Zero before `from` and after `until` whatever they say.
    public var dayMinutes: [Int32]?
    /// The template's regular week in minutes; `nil` for 480 × the number of working weekdays.
    public var regularWeekMinutes: Int64?
    public var orgUnit: String
    public var team: Resource.ID?

    public init(id: Resource.ID, name: String, role: String, skills: [SkillLevel] = [], maxUnits: Double = 100,
                weeklyCapacity: WeeklyCapacity = .percentOfCalendar(100), from: CalendarDate,
                until: CalendarDate? = nil, dayMinutes: [Int32]? = nil, regularWeekMinutes: Int64? = nil,
                orgUnit: String = "", team: Resource.ID? = nil) {
        self.id = id; self.name = name; self.role = role; self.skills = skills; self.maxUnits = maxUnits
        self.weeklyCapacity = weeklyCapacity; self.from = from; self.until = until; self.dayMinutes = dayMinutes
        self.regularWeekMinutes = regularWeekMinutes; self.orgUnit = orgUnit; self.team = team
    }

    /// `count` full-time people of `role`: max units `count × 100`.
    public static func people(_ count: Int, id: Resource.ID, role: String, skills: [SkillLevel] = [],
                              from: CalendarDate, until: CalendarDate? = nil) -> AddedCapacity {
        AddedCapacity(id: id, name: "\(count) × \(role) (scenario)", role: role, skills: skills,
                      maxUnits: Double(count) * 100, from: from, until: until)
    }
}

/// One change of a what-if scenario. Changes apply in order, each to the result of the ones before.
public enum CapacityChange: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Moves a project by `days` (negative is earlier): its assignments' and allocations' first and last days,
    /// a `.workingMinutes` spread with them (its list runs from the first day), and its pipeline items. Shift by
    /// whole weeks to keep working days on working days.
    case shiftProject(Project.ID, days: Int)
    /// Adds a generic resource.
    case addCapacity(AddedCapacity)
    /// Takes a resource away from a day on: its supply is zero from then. Its assignments stay, spread as they
    /// were, so they show as over-allocation; its background load goes with it; an allocation of a percentage of
    /// its capacity follows its (now zero) supply. A team's members are removed.
    case removeResource(Resource.ID, from: CalendarDate)
    /// Changes an allocation's rate and/or dates (`nil` keeps what it has).
    case changeAllocation(CapacityAllocation.ID, rate: CapacityAllocation.Rate? = nil, first: CalendarDate? = nil,
                          last: CalendarDate? = nil)
    /// Takes a pipeline item in as committed: it becomes allocation `allocation` of the same target and dates, at
    /// full weight (its hours, not its weighted hours), spread as it was (evenly over the working weekdays). The
    /// allocation's project is `project`, else the item's project, else for a request the placeholder
    /// `−(request id)`, which no stored project has.
    case commitPipeline(PipelineDemand.ID, allocation: CapacityAllocation.ID, project: Project.ID? = nil)
    /// Drops a pipeline item.
    case dropPipeline(PipelineDemand.ID)

    /// "shift project 7 by 14 days", "remove resource 3 from 2027-03-01", …
    public var description: String {
        switch self {
        case .shiftProject(let p, let days): "shift project \(p) by \(days) days"
        case .addCapacity(let c):
            "add resource \(c.id) (\(c.name)) from \(c.from)\(c.until.map { " until \($0)" } ?? "")"
        case .removeResource(let r, let from): "remove resource \(r) from \(from)"
        case .changeAllocation(let a, _, _, _): "change allocation \(a)"
        case .commitPipeline(let item, let allocation, _): "take in pipeline item \(item) as allocation \(allocation)"
        case .dropPipeline(let item): "drop pipeline item \(item)"
        }
    }
}

extension CapacityInput {
    /// This input with `changes` applied in order. Pure: the input itself is not changed.
    ///
    /// Throws a ``PortfolioError`` naming the change (its position from 1 and what it does) and the id that is
    /// wrong: `unknown_project` (a project with no assignment, allocation or pipeline item), `unknown_resource`,
    /// `unknown_allocation`, `unknown_pipeline_item`, `duplicate_resource`, `duplicate_allocation`,
    /// `availability_length` (a template of the wrong length), `reversed_dates`. Anything else wrong with the result
    /// is found by ``CapacityForecast/init(_:)``, as for any input.
    public func applying(_ changes: [CapacityChange]) throws(PortfolioError) -> CapacityInput {
        var result = self
        for (k, change) in changes.enumerated() {
            func fail(_ code: String, _ what: String) -> PortfolioError {
                PortfolioError(code: code, message: "change \(k + 1) (\(change)): \(what)")
            }
            switch change {
            case .shiftProject(let project, let days):
                var found = false
                for i in result.assignments.indices where result.assignments[i].project == project {
                    result.assignments[i].first = result.assignments[i].first.adding(days: days)
                    result.assignments[i].last = result.assignments[i].last.adding(days: days)
                    found = true
                }
                for i in result.allocations.indices where result.allocations[i].project == project {
                    result.allocations[i].first = result.allocations[i].first.adding(days: days)
                    result.allocations[i].last = result.allocations[i].last.adding(days: days)
                    found = true
                }
                for i in result.pipeline.indices where result.pipeline[i].source == .project(project) {
                    result.pipeline[i].first = result.pipeline[i].first.adding(days: days)
                    result.pipeline[i].last = result.pipeline[i].last.adding(days: days)
                    found = true
                }
                guard found else {
                    throw fail("unknown_project", "project \(project) has no assignments, allocations or pipeline items")
                }

            case .addCapacity(let added):
                guard !result.resources.contains(where: { $0.id == added.id }) else {
                    throw fail("duplicate_resource", "resource \(added.id) is already in the pool")
                }
                let days = result.dayCount
                let template = added.dayMinutes ?? (0..<max(0, days)).map {
                    result.workingWeekdays.contains(result.first.adding(days: $0).weekday) ? 480 : 0
                }
                guard template.count == days else {
                    throw fail("availability_length",
                               "the template has minutes for \(template.count) days; the range has \(days)")
                }
                if let until = added.until, until < added.from {
                    throw fail("reversed_dates", "it runs from \(added.from) to \(until): its last day is before its first")
                }
                let lo = added.from.daysSinceEpoch - result.first.daysSinceEpoch
                let hi = (added.until ?? result.last).daysSinceEpoch - result.first.daysSinceEpoch
                let minutes = template.indices.map { $0 >= lo && $0 <= hi ? template[$0] : 0 }
                result.resources.append(CapacityResource(
                    id: added.id, name: added.name, kind: .generic, role: added.role, skills: added.skills,
                    orgUnit: added.orgUnit, team: added.team, maxUnits: added.maxUnits,
                    weeklyCapacity: added.weeklyCapacity,
                    regularWeekMinutes: added.regularWeekMinutes ?? Int64(480 * result.workingWeekdays.count),
                    availableMinutes: minutes))

            case .removeResource(let id, let from):
                guard let r = result.resources.firstIndex(where: { $0.id == id }) else {
                    throw fail("unknown_resource", "resource \(id) is not in the pool")
                }
                let removed = result.resources[r].kind == .team
                    ? result.resources.indices.filter { result.resources[$0].team == id } : [r]
                for m in removed { result.remove(m, from: from) }

            case .changeAllocation(let id, let rate, let first, let last):
                guard let i = result.allocations.firstIndex(where: { $0.id == id }) else {
                    throw fail("unknown_allocation", "allocation \(id) is not in the input")
                }
                if let rate { result.allocations[i].rate = rate }
                if let first { result.allocations[i].first = first }
                if let last { result.allocations[i].last = last }
                let a = result.allocations[i]
                guard a.first <= a.last else {
                    throw fail("reversed_dates",
                               "allocation \(id) would run from \(a.first) to \(a.last): its last day is before its first")
                }

            case .commitPipeline(let id, let allocation, let project):
                guard let i = result.pipeline.firstIndex(where: { $0.id == id }) else {
                    throw fail("unknown_pipeline_item", "pipeline item \(id) is not in the input")
                }
                guard !result.allocations.contains(where: { $0.id == allocation }) else {
                    throw fail("duplicate_allocation", "allocation \(allocation) is already in the input")
                }
                let item = result.pipeline.remove(at: i)
                var workdays = 0
                if item.first <= item.last {
                    for d in item.first.daysSinceEpoch...item.last.daysSinceEpoch
                    where result.workingWeekdays.contains(CalendarDate(daysSinceEpoch: d).weekday) { workdays += 1 }
                }
                // Allocation hours a week spread h × 60 / (working weekdays a week) a working day; the item spread
                // hours × 60 / workdays. Equal when h = hours × (working weekdays a week) / workdays.
                let perWeek = workdays == 0 ? 0 : item.hours * Double(result.workingWeekdays.count) / Double(workdays)
                let owner: Project.ID = switch (project, item.source) {
                case (let p?, _): p
                case (nil, .project(let p)): p
                case (nil, .request(let r)): Project.ID(-r.rawValue)
                }
                result.allocations.append(CapacityAllocation(
                    id: allocation, project: owner, target: item.target, rate: .hoursPerWeek(perWeek),
                    first: item.first, last: item.last))

            case .dropPipeline(let id):
                guard let i = result.pipeline.firstIndex(where: { $0.id == id }) else {
                    throw fail("unknown_pipeline_item", "pipeline item \(id) is not in the input")
                }
                result.pipeline.remove(at: i)
            }
        }
        return result
    }

    /// Sets resource `r`'s available minutes to zero from `from` on, first fixing the days of its assignments that
    /// follow its availability (as `.workingMinutes`), so that they keep their demand.
    mutating func remove(_ r: Int, from: CalendarDate) {
        let id = resources[r].id
        let start = max(0, from.daysSinceEpoch - first.daysSinceEpoch)
        guard start < dayCount else { return }
        let minutes = resources[r].availableMinutes
        for i in assignments.indices where assignments[i].resource == id && assignments[i].last >= from {
            guard case .resourceAvailability = assignments[i].spread else { continue }
            let a = assignments[i]
            // The list runs from the assignment's first day; days outside the range have no minutes (and are
            // outside every forecast of this input anyway).
            let length = max(0, min(a.last, last).daysSinceEpoch - a.first.daysSinceEpoch + 1)
            let spread = (0..<length).map { offset -> Int32 in
                let day = a.first.daysSinceEpoch + offset - first.daysSinceEpoch
                return day >= 0 && day < minutes.count ? minutes[day] : 0
            }
            assignments[i].spread = .workingMinutes(spread)
        }
        for i in start..<min(dayCount, resources[r].availableMinutes.count) { resources[r].availableMinutes[i] = 0 }
    }
}
