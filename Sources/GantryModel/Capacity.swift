/// A skill a resource has, or an assignment needs, with a level from 1 (aware) to 5 (expert).
///
/// Decodes from `{"skill": "Swift", "level": 4}` or, as skills were stored before levels existed, from a plain
/// `"Swift"` (level 3, "practitioner": the middle of the scale, neither claimed expertise nor none).
public struct SkillLevel: Hashable, Sendable, Codable {
    public var skill: String
    public var level: Int

    /// The level a skill named without one is taken to have.
    public static let unstatedLevel = 3

    public init(_ skill: String, level: Int) {
        self.skill = skill
        self.level = level
    }

    enum CodingKeys: String, CodingKey { case skill, level }

    public init(from decoder: any Decoder) throws {
        if let single = try? decoder.singleValueContainer(), let name = try? single.decode(String.self) {
            self.init(name, level: Self.unstatedLevel)
            return
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(try c.decode(String.self, forKey: .skill),
                  level: try c.decodeIfPresent(Int.self, forKey: .level) ?? Self.unstatedLevel)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(skill, forKey: .skill)
        try c.encode(level, forKey: .level)
    }
}

/// A skill of the PMO's central catalogue ("Swift", "Contract law"): the names resources and needs choose from.
public struct Skill: Entity, Hashable {
    public typealias ID = EntityID<Skill>
    public static let kindName = "skill"
    public var id: ID
    public var version: Int
    public var name: String
    /// A family of skills ("Engineering", "Legal"), for grouping on pages; empty when none.
    public var category: String
    public var description: String
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(id: ID = ID(0), version: Int = 1, name: String, category: String = "", description: String = "",
                createdAt: Timestamp, updatedAt: Timestamp) {
        self.id = id; self.version = version; self.name = name; self.category = category
        self.description = description; self.createdAt = createdAt; self.updatedAt = updatedAt
    }
}

/// A job role of the PMO's central catalogue ("Developer", "Business analyst"): a resource's role, what a generic
/// resource stands for, what an allocation or an intake request asks for.
public struct JobRole: Entity, Hashable {
    public typealias ID = EntityID<JobRole>
    public static let kindName = "job_role"
    public var id: ID
    public var version: Int
    public var name: String
    public var description: String
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(id: ID = ID(0), version: Int = 1, name: String, description: String = "",
                createdAt: Timestamp, updatedAt: Timestamp) {
        self.id = id; self.version = version; self.name = name; self.description = description
        self.createdAt = createdAt; self.updatedAt = updatedAt
    }
}

/// Why a person is away.
public enum AbsenceKind: String, CaseIterable, Sendable, Codable {
    case leave, training, sickness, other
}

/// Days a person is away (leave, training): they reduce the person's capacity on those days.
public struct Absence: Entity, Hashable {
    public typealias ID = EntityID<Absence>
    public static let kindName = "absence"
    public var id: ID
    public var version: Int
    public var resourceId: Resource.ID
    public var kind: AbsenceKind
    /// The first and last day away, both included.
    public var firstDay: CalendarDate
    public var lastDay: CalendarDate
    /// Hours away on each working day; nil for whole days (all of the calendar's working time).
    public var hoursPerDay: Double?
    public var note: String
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(id: ID = ID(0), version: Int = 1, resourceId: Resource.ID, kind: AbsenceKind = .leave,
                firstDay: CalendarDate, lastDay: CalendarDate, hoursPerDay: Double? = nil, note: String = "",
                createdAt: Timestamp, updatedAt: Timestamp) {
        self.id = id; self.version = version; self.resourceId = resourceId; self.kind = kind
        self.firstDay = firstDay; self.lastDay = lastDay; self.hoursPerDay = hoursPerDay; self.note = note
        self.createdAt = createdAt; self.updatedAt = updatedAt
    }
}

/// Recurring non-project work of a resource (a support rota, admin): hours every week, taken before any project's.
public struct BackgroundLoad: Entity, Hashable {
    public typealias ID = EntityID<BackgroundLoad>
    public static let kindName = "background_load"
    public var id: ID
    public var version: Int
    public var resourceId: Resource.ID
    /// What the time goes to ("Support rota").
    public var name: String
    public var hoursPerWeek: Double
    /// From and until when (both included); nil for open-ended.
    public var firstDay: CalendarDate?
    public var lastDay: CalendarDate?
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(id: ID = ID(0), version: Int = 1, resourceId: Resource.ID, name: String, hoursPerWeek: Double,
                firstDay: CalendarDate? = nil, lastDay: CalendarDate? = nil, createdAt: Timestamp, updatedAt: Timestamp) {
        self.id = id; self.version = version; self.resourceId = resourceId; self.name = name
        self.hoursPerWeek = hoursPerWeek; self.firstDay = firstDay; self.lastDay = lastDay
        self.createdAt = createdAt; self.updatedAt = updatedAt
    }
}

/// How a project allocation asks for time.
public enum AllocationUnit: String, CaseIterable, Sendable, Codable {
    case hoursPerWeek = "hours_per_week"
    case hoursPerMonth = "hours_per_month"
    /// A percentage of the person's capacity, or of the whole role's.
    case percent
}

/// Demand at project level, made before (or instead of) a plan: a role or a person, hours or % per week or month,
/// over a date range. Where the project also has a plan, the plan wins for the days it covers.
public struct ProjectAllocation: Entity, Hashable {
    public typealias ID = EntityID<ProjectAllocation>
    public static let kindName = "allocation"
    public var id: ID
    public var version: Int
    public var projectId: Project.ID
    /// A person (or another resource of the pool)…
    public var resourceId: Resource.ID?
    /// …or a role not yet staffed: exactly one of the two is given.
    public var role: String
    public var unit: AllocationUnit
    public var amount: Double
    public var firstDay: CalendarDate
    public var lastDay: CalendarDate
    public var note: String
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(id: ID = ID(0), version: Int = 1, projectId: Project.ID, resourceId: Resource.ID? = nil,
                role: String = "", unit: AllocationUnit = .hoursPerWeek, amount: Double, firstDay: CalendarDate,
                lastDay: CalendarDate, note: String = "", createdAt: Timestamp, updatedAt: Timestamp) {
        self.id = id; self.version = version; self.projectId = projectId; self.resourceId = resourceId
        self.role = role; self.unit = unit; self.amount = amount; self.firstDay = firstDay; self.lastDay = lastDay
        self.note = note; self.createdAt = createdAt; self.updatedAt = updatedAt
    }
}

/// The PMO's settings of the capacity forecast: one record. Policy with documented defaults, not standards.
public struct CapacitySettings: Entity, Hashable {
    public typealias ID = EntityID<CapacitySettings>
    public static let kindName = "capacity_settings"
    public var id: ID
    public var version: Int
    /// The probability (0…1) that pipeline demand in each state becomes real: intake requests `submitted`,
    /// `in_review`, `on_hold`, `approved` (approved, no project yet), and `proposed` projects not started.
    public var pipelineWeights: [String: Double]
    /// The heatmap's bands (utilisation %): under-used below `healthyFrom`, healthy through `healthyThrough`, at
    /// risk through `atRiskThrough`, over-allocated above.
    public var healthyFrom: Double
    public var healthyThrough: Double
    public var atRiskThrough: Double
    /// Working hours in one full-time day, to turn an intake request's FTE × months into hours (default 8).
    public var hoursPerDay: Double
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    public static let defaultWeights: [String: Double] = [
        "submitted": 0.3, "in_review": 0.5, "on_hold": 0.1, "approved": 1.0, "proposed": 0.8,
    ]

    public init(id: ID = ID(0), version: Int = 1, pipelineWeights: [String: Double] = Self.defaultWeights,
                healthyFrom: Double = 80, healthyThrough: Double = 100, atRiskThrough: Double = 110,
                hoursPerDay: Double = 8, createdAt: Timestamp, updatedAt: Timestamp) {
        self.id = id; self.version = version; self.pipelineWeights = pipelineWeights; self.healthyFrom = healthyFrom
        self.healthyThrough = healthyThrough; self.atRiskThrough = atRiskThrough; self.hoursPerDay = hoursPerDay
        self.createdAt = createdAt; self.updatedAt = updatedAt
    }
}

/// One change a what-if scenario makes to the forecast's inputs. Which fields matter depends on `kind`.
public struct ScenarioChange: Hashable, Sendable, Codable {
    public enum Kind: String, CaseIterable, Sendable, Codable {
        /// Move a project (its plan's dates and its allocations) by `days` calendar days.
        case shiftProject = "shift_project"
        /// Add `people` of `role` (with `skills`) from `firstDay` (until `lastDay` if given): a hire or a contractor.
        case addCapacity = "add_capacity"
        /// Take a resource out from `firstDay` (until `lastDay` if given): it leaves or moves to other work.
        case removeCapacity = "remove_capacity"
        /// Set an allocation's `amount` (and dates, where given).
        case changeAllocation = "change_allocation"
        /// Treat an intake request as approved and committed: its role demand counts in full, from `firstDay`
        /// when given (else its desired start).
        case takeInRequest = "take_in_request"
        /// Leave an intake request out of the pipeline.
        case dropRequest = "drop_request"
    }

    public var kind: Kind
    public var projectId: Project.ID?
    public var days: Int?
    public var role: String?
    public var skills: [SkillLevel]?
    public var people: Double?
    public var hoursPerWeek: Double?
    public var resourceId: Resource.ID?
    public var allocationId: ProjectAllocation.ID?
    public var requestId: IntakeRequest.ID?
    public var amount: Double?
    public var firstDay: CalendarDate?
    public var lastDay: CalendarDate?
    /// Why (shown on the scenario's page).
    public var note: String

    public init(kind: Kind, projectId: Project.ID? = nil, days: Int? = nil, role: String? = nil,
                skills: [SkillLevel]? = nil, people: Double? = nil, hoursPerWeek: Double? = nil,
                resourceId: Resource.ID? = nil, allocationId: ProjectAllocation.ID? = nil,
                requestId: IntakeRequest.ID? = nil, amount: Double? = nil, firstDay: CalendarDate? = nil,
                lastDay: CalendarDate? = nil, note: String = "") {
        self.kind = kind; self.projectId = projectId; self.days = days; self.role = role; self.skills = skills
        self.people = people; self.hoursPerWeek = hoursPerWeek; self.resourceId = resourceId
        self.allocationId = allocationId; self.requestId = requestId; self.amount = amount
        self.firstDay = firstDay; self.lastDay = lastDay; self.note = note
    }
}

/// Where a what-if scenario is.
public enum ScenarioState: String, CaseIterable, Sendable, Codable {
    case draft, committed, discarded
}

/// A what-if: a draft list of changes to the forecast's inputs. Nothing live changes until it is committed, which
/// applies its changes in one transaction, audited.
public struct CapacityScenario: Entity, Hashable {
    public typealias ID = EntityID<CapacityScenario>
    public static let kindName = "scenario"
    public var id: ID
    public var version: Int
    public var name: String
    public var description: String
    public var state: ScenarioState
    public var changes: [ScenarioChange]
    public var ownerId: User.ID?
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(id: ID = ID(0), version: Int = 1, name: String, description: String = "", state: ScenarioState = .draft,
                changes: [ScenarioChange] = [], ownerId: User.ID? = nil, createdAt: Timestamp, updatedAt: Timestamp) {
        self.id = id; self.version = version; self.name = name; self.description = description; self.state = state
        self.changes = changes; self.ownerId = ownerId; self.createdAt = createdAt; self.updatedAt = updatedAt
    }
}

extension SkillLevel {
    /// "Swift 4": the skill and its level, as forms and tables write it.
    public var text: String { "\(skill) \(level)" }

    /// Skills written as people write them, separated by commas: `Swift 4, SQL 3, Contract law`. A skill without a
    /// number takes level 3; `Swift:4` and `Swift (4)` are read too. Returns the skills, or the first problem in
    /// words naming the item ("'Swift 7': levels run from 1 to 5").
    public static func parseList(_ text: String) -> Result<[SkillLevel], SkillListProblem> {
        var result: [SkillLevel] = []
        for raw in text.split(separator: ",") {
            var item = String(raw).trimmingCharacters(in: " \t\r\n")
            guard !item.isEmpty else { continue }
            let original = item
            item = item.replacingOccurrences(of: "(", with: " ").replacingOccurrences(of: ")", with: " ")
                .replacingOccurrences(of: ":", with: " ").trimmingCharacters(in: " \t")
            var level = unstatedLevel
            if let space = item.lastIndex(of: " "), let n = Int(item[item.index(after: space)...]) {
                level = n
                item = String(item[..<space]).trimmingCharacters(in: " \t")
            } else if let n = Int(item) {
                return .failure(SkillListProblem("'\(original)' has a level (\(n)) but no skill name"))
            }
            guard (1...5).contains(level) else {
                return .failure(SkillListProblem("'\(original)': levels run from 1 (aware) to 5 (expert)"))
            }
            guard !item.isEmpty else { return .failure(SkillListProblem("'\(original)' has no skill name")) }
            result.append(SkillLevel(item, level: level))
        }
        return .success(result)
    }
}

/// Why a written list of skills could not be read.
public struct SkillListProblem: Error, Hashable, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
}

extension String {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let c = s.first, set.contains(c) { s = s.dropFirst() }
        while let c = s.last, set.contains(c) { s = s.dropLast() }
        return String(s)
    }

    fileprivate func replacingOccurrences(of a: String, with b: String) -> String {
        split(separator: Character(a), omittingEmptySubsequences: false).joined(separator: b)
    }
}
