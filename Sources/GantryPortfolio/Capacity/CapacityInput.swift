public import GantryModel

// The values a capacity forecast is computed from. The service layer builds them from the stored resources,
// calendars, absences, assignments, allocations and intake requests; the engine never reads anything else.
//
// ## Time model
// - Days are `CalendarDate`s; a date range is written as people write it, first and last day **both included**.
// - Inside the engine every quantity is whole **minutes** (`Int64`). A value that is not a whole number of minutes
//   on a day (33 % of 480 minutes) is rounded per day with the remainder carried to the next day, so an item's
//   days add up to its exact total (within one minute) and every part of a drill-down adds up exactly to its cell.
// - Hours are `minutes / 60`, rounded (to 0.1 h) only where they are shown: see ``CapacityCell/hours(_:)``.

/// What a resource is. Only people, generic resources and non-human resources bring supply of their own; a team's
/// supply is the sum of its members'.
public enum CapacityResourceKind: String, Hashable, Sendable, Codable, CaseIterable {
    /// A named person.
    case person
    /// A placeholder ("Swift developer") with a role and skills; `maxUnits` 300 stands for three people of the role.
    case generic
    /// A team: work can be assigned to it, and its supply is its members' (the resources whose `team` is this one).
    case team
    /// A test lab, a licence pool: `maxUnits` is its numeric limit × 100 (three benches = 300).
    case nonHuman = "non_human"
}

/// How much of its calendar a resource gives to project work.
public enum WeeklyCapacity: Hashable, Sendable, Codable {
    /// A share of each available minute: 100 gives all of it, 80 gives four fifths.
    case percentOfCalendar(Double)
    /// Hours in a regular week; each day gives `hours × 60 / regularWeekMinutes` of its available minutes, so a
    /// week with a holiday gives proportionally less.
    case hoursPerWeek(Double)
}

/// One resource of the pool, with the supply it brings.
///
/// **Supply on a day** = `availableMinutes[day] × maxUnits / 100 × capacity share`, where the capacity share is
/// `percentOfCalendar / 100` or `hoursPerWeek × 60 / regularWeekMinutes`. The three are independent and multiply:
/// express part time once (a part-time calendar, *or* max units 50, *or* 20 hours a week), not twice.
public struct CapacityResource: Hashable, Sendable, Codable, Identifiable {
    public var id: Resource.ID
    public var name: String
    public var kind: CapacityResourceKind
    /// The job role ("Developer"); for a generic resource, the role it stands for.
    public var role: String
    public var skills: [SkillLevel]
    /// The organisation unit ("Engineering / Mobile"); empty when none.
    public var orgUnit: String
    /// The team this resource belongs to (a resource of kind `.team`), if any. A resource is in at most one team,
    /// so grouping by team never counts anyone twice.
    public var team: Resource.ID?
    /// Maximum units as a percentage: 100 is one full-time unit (MS Project's Max Units).
    public var maxUnits: Double
    public var weeklyCapacity: WeeklyCapacity
    /// The working minutes of a regular week of the resource's calendar, without holidays or absences (2,400 for
    /// 5 × 8 h). Used by `hoursPerWeek` capacity and by background load.
    public var regularWeekMinutes: Int64
    /// Working minutes available on each day of the forecast's range, one per day from its first day to its last:
    /// the caller derives them from the calendar, part time, holidays and absences. A team's minutes are only
    /// used to spread work assigned to the team; its supply is its members'.
    public var availableMinutes: [Int32]
    /// Recurring non-project work (support rota, admin) in hours a week. It takes capacity before any project
    /// does, and is spread over the days like the calendar: `hours × 60 × availableMinutes[day] / regularWeekMinutes`.
    public var backgroundHoursPerWeek: Double
    /// Background load that holds only between dates (a support rota this quarter): on the days it covers, its
    /// hours add to `backgroundHoursPerWeek` and are spread the same way.
    public var backgroundPeriods: [BackgroundPeriod]

    public init(id: Resource.ID, name: String, kind: CapacityResourceKind = .person, role: String = "",
                skills: [SkillLevel] = [], orgUnit: String = "", team: Resource.ID? = nil, maxUnits: Double = 100,
                weeklyCapacity: WeeklyCapacity = .percentOfCalendar(100), regularWeekMinutes: Int64 = 2400,
                availableMinutes: [Int32], backgroundHoursPerWeek: Double = 0, backgroundPeriods: [BackgroundPeriod] = []) {
        self.id = id; self.name = name; self.kind = kind; self.role = role; self.skills = skills
        self.orgUnit = orgUnit; self.team = team; self.maxUnits = maxUnits; self.weeklyCapacity = weeklyCapacity
        self.regularWeekMinutes = regularWeekMinutes; self.availableMinutes = availableMinutes
        self.backgroundHoursPerWeek = backgroundHoursPerWeek; self.backgroundPeriods = backgroundPeriods
    }
}

/// Background load between dates: `hoursPerWeek` from `first` through `last` (either open when nil).
public struct BackgroundPeriod: Hashable, Sendable, Codable {
    public var hoursPerWeek: Double
    public var first: CalendarDate?
    public var last: CalendarDate?

    public init(hoursPerWeek: Double, first: CalendarDate? = nil, last: CalendarDate? = nil) {
        self.hoursPerWeek = hoursPerWeek; self.first = first; self.last = last
    }

    func covers(_ day: Int) -> Bool {
        (first.map { $0.daysSinceEpoch <= day } ?? true) && (last.map { day <= $0.daysSinceEpoch } ?? true)
    }
}

/// Who a piece of demand is for: a resource of the pool (a person, a generic resource, a team, a non-human
/// resource) or a role not yet staffed.
public enum DemandTarget: Hashable, Sendable, Codable {
    case resource(Resource.ID)
    case role(String)
}

/// An assignment from a plan: committed demand.
public struct CapacityAssignment: Hashable, Sendable, Codable, Identifiable {
    /// How an assignment's work is laid over its days.
    public enum Spread: Hashable, Sendable, Codable {
        /// `units / 100 ×` the resource's available minutes on each day from `first` to `last`.
        case resourceAvailability
        /// `units / 100 ×` the given working minutes, one per day from `first` (the activity's own calendar, as
        /// the schedule computed it). Days past the list's end have none.
        case workingMinutes([Int32])
    }

    public var id: Assignment.ID
    public var project: Project.ID
    public var activity: Activity.ID
    /// The activity's name, for the drill-down.
    public var activityName: String
    public var resource: Resource.ID
    /// A percentage of the resource: 100 is full time; a generic resource with max units 300 can take 300.
    public var units: Double
    public var first: CalendarDate
    public var last: CalendarDate
    public var spread: Spread

    public init(id: Assignment.ID, project: Project.ID, activity: Activity.ID, activityName: String = "",
                resource: Resource.ID, units: Double = 100, first: CalendarDate, last: CalendarDate,
                spread: Spread = .resourceAvailability) {
        self.id = id; self.project = project; self.activity = activity; self.activityName = activityName
        self.resource = resource; self.units = units; self.first = first; self.last = last; self.spread = spread
    }
}

/// A project-level allocation, made before (or instead of) a plan: committed demand.
///
/// **The plan wins.** Where a project has both a plan (assignments) and allocations, the plan covers the days from
/// its earliest assignment's first day to its latest assignment's last day, and the project's allocations count
/// only on days outside that span. So nothing is counted twice, and an allocation still shows the demand of the
/// months the plan does not reach yet. The rule works on days, not on periods, so weekly and monthly views agree.
public struct CapacityAllocation: Hashable, Sendable, Codable, Identifiable {
    public typealias ID = EntityID<CapacityAllocation>

    /// How much an allocation asks for.
    public enum Rate: Hashable, Sendable, Codable {
        /// Hours in each week, spread evenly over the week's working weekdays (a partial week gets its share).
        case hoursPerWeek(Double)
        /// Hours in each calendar month, spread evenly over the month's working weekdays (a partial month gets
        /// its share).
        case hoursPerMonth(Double)
        /// A share of the target's supply on each day: the resource's, or the whole role's.
        case percentOfCapacity(Double)
    }

    public var id: ID
    public var project: Project.ID
    public var target: DemandTarget
    public var rate: Rate
    public var first: CalendarDate
    public var last: CalendarDate

    public init(id: ID, project: Project.ID, target: DemandTarget, rate: Rate, first: CalendarDate,
                last: CalendarDate) {
        self.id = id; self.project = project; self.target = target; self.rate = rate
        self.first = first; self.last = last
    }
}

/// Demand that may come: an intake request's role demand or an approved project not started yet. Weighted by the
/// probability of its state and always kept apart from committed demand.
public struct PipelineDemand: Hashable, Sendable, Codable, Identifiable {
    public typealias ID = EntityID<PipelineDemand>

    public enum Source: Hashable, Sendable, Codable {
        case request(IntakeRequest.ID)
        case project(Project.ID)
    }

    public var id: ID
    public var source: Source
    /// The request's or project's name, for the drill-down.
    public var name: String
    public var target: DemandTarget
    /// The total hours asked for, before weighting; spread evenly over the working weekdays from `first` to `last`.
    public var hours: Double
    public var first: CalendarDate
    public var last: CalendarDate
    /// A key of ``PipelineWeights`` ("submitted", "in_review", "approved").
    public var state: String

    public init(id: ID, source: Source, name: String = "", target: DemandTarget, hours: Double,
                first: CalendarDate, last: CalendarDate, state: String) {
        self.id = id; self.source = source; self.name = name; self.target = target; self.hours = hours
        self.first = first; self.last = last; self.state = state
    }
}

/// The probability (0…1) that pipeline demand in each state becomes real. Configuration, not a constant.
public struct PipelineWeights: Hashable, Sendable, Codable {
    public var weights: [String: Double]

    public init(_ weights: [String: Double]) { self.weights = weights }

    /// Submitted 30 %, in review 50 %, approved 100 %: policy, not a standard.
    public static let standard = PipelineWeights(["submitted": 0.3, "in_review": 0.5, "approved": 1.0])
}

/// Everything a forecast is computed from.
public struct CapacityInput: Hashable, Sendable, Codable {
    /// The first and last day of the forecast, both included.
    public var first: CalendarDate
    public var last: CalendarDate
    public var resources: [CapacityResource]
    public var assignments: [CapacityAssignment]
    public var allocations: [CapacityAllocation]
    public var pipeline: [PipelineDemand]
    public var pipelineWeights: PipelineWeights
    /// The weekdays over which allocations and pipeline demand are spread (Monday to Friday by default).
    public var workingWeekdays: Set<Weekday>

    public init(first: CalendarDate, last: CalendarDate, resources: [CapacityResource] = [],
                assignments: [CapacityAssignment] = [], allocations: [CapacityAllocation] = [],
                pipeline: [PipelineDemand] = [], pipelineWeights: PipelineWeights = .standard,
                workingWeekdays: Set<Weekday> = [.monday, .tuesday, .wednesday, .thursday, .friday]) {
        self.first = first; self.last = last; self.resources = resources; self.assignments = assignments
        self.allocations = allocations; self.pipeline = pipeline; self.pipelineWeights = pipelineWeights
        self.workingWeekdays = workingWeekdays
    }

    /// The number of days from `first` to `last`, both included (0 or less when the range is empty).
    public var dayCount: Int { last.daysSinceEpoch - first.daysSinceEpoch + 1 }
}
