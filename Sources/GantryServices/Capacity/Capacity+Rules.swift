public import GantryModel
public import GantryGovernance

// The records of the capacity forecast (issue #14): the PMO's catalogues and settings, people's absences and
// background load, projects' allocations, what-if scenarios.

/// Checks a skill list: at most 50, names of at most 100 characters, levels 1 to 5, no skill twice.
func checkSkills(_ skills: [SkillLevel], field: String = "skills", _ c: inout Checks) {
    if skills.count > 50 { c.fail(field, "at most 50 skills (there are \(skills.count))") }
    var seen: Set<String> = []
    for (i, s) in skills.enumerated() {
        c.text("\(field)[\(i)].skill", s.skill, max: 100)
        if !(1...5).contains(s.level) {
            c.fail("\(field)[\(i)].level", "skill \(s.skill) has level \(s.level); levels run from 1 (aware) to 5 (expert)")
        }
        if !seen.insert(s.skill.lowercased()).inserted { c.fail("\(field)[\(i)].skill", "skill \(s.skill) is listed twice") }
    }
}

extension Skill: ManagedEntity {
    public static func subject(of r: Skill, in session: any StoreSession) async throws -> Subject { .standards }
    public static let listSubject = Subject.standards
    public static let filters: [String: FilterKind] = ["category": .text, "q": .search(["name", "category", "description"])]

    public static func validate(_ r: Skill, existing: Skill?, in session: any StoreSession) async throws {
        var c = Checks()
        c.text("name", r.name, max: 100)
        c.text("category", r.category, max: 100, required: false)
        c.text("description", r.description, max: 2_000, required: false)
        try c.throwIfAny()
        try await ensureUnique(r, ["name": .text(r.name)], "a skill named '\(r.name)' already exists", in: session)
    }
}

extension JobRole: ManagedEntity {
    public static func subject(of r: JobRole, in session: any StoreSession) async throws -> Subject { .standards }
    public static let listSubject = Subject.standards
    public static let filters: [String: FilterKind] = ["q": .search(["name", "description"])]

    public static func validate(_ r: JobRole, existing: JobRole?, in session: any StoreSession) async throws {
        var c = Checks()
        c.text("name", r.name, max: 100)
        c.text("description", r.description, max: 2_000, required: false)
        try c.throwIfAny()
        try await ensureUnique(r, ["name": .text(r.name)], "a job role named '\(r.name)' already exists", in: session)
    }
}

extension Absence: ManagedEntity {
    public static func subject(of r: Absence, in session: any StoreSession) async throws -> Subject {
        .absence(personId: try await session.get(Resource.self, r.resourceId)?.userId)
    }
    public static let listSubject = Subject.absence(personId: nil)
    public static let filters: [String: FilterKind] = [
        "resource_id": .reference, "kind": .oneOf(AbsenceKind.allCases.map(\.rawValue)),
    ]

    public static func validate(_ r: Absence, existing: Absence?, in session: any StoreSession) async throws {
        var c = Checks()
        if r.lastDay < r.firstDay { c.fail("last_day", "last_day \(r.lastDay) is before first_day \(r.firstDay)") }
        if r.lastDay.daysSinceEpoch - r.firstDay.daysSinceEpoch > 366 {
            c.fail("last_day", "an absence lasts at most a year; enter a longer one as several")
        }
        if let h = r.hoursPerDay {
            c.range("hours_per_day", h, 0...24)
            if h == 0 { c.fail("hours_per_day", "hours_per_day must be above 0, or left out for whole days") }
        }
        c.text("note", r.note, max: 1_000, required: false)
        if let existing, existing.resourceId != r.resourceId {
            c.fail("resource_id", "an absence cannot move to another resource")
        }
        if let resource = try await session.get(Resource.self, r.resourceId) {
            if resource.kind == .team { c.fail("resource_id", "resource \(resource.id) is a team; enter absences for its members") }
        } else {
            c.fail("resource_id", "resource_id: resource \(r.resourceId) does not exist")
        }
        try c.throwIfAny()
    }
}

extension BackgroundLoad: ManagedEntity {
    public static func subject(of r: BackgroundLoad, in session: any StoreSession) async throws -> Subject { .resource }
    public static let listSubject = Subject.resource
    public static let filters: [String: FilterKind] = ["resource_id": .reference]

    public static func validate(_ r: BackgroundLoad, existing: BackgroundLoad?, in session: any StoreSession) async throws {
        var c = Checks()
        c.text("name", r.name, max: 200)
        c.range("hours_per_week", r.hoursPerWeek, 0...168)
        if r.hoursPerWeek == 0 { c.fail("hours_per_week", "hours_per_week must be above 0") }
        if let first = r.firstDay, let last = r.lastDay, last < first {
            c.fail("last_day", "last_day \(last) is before first_day \(first)")
        }
        try await c.exists("resource_id", r.resourceId, Resource.self, in: session)
        try c.throwIfAny()
    }
}

extension ProjectAllocation: ManagedEntity {
    public static func subject(of r: ProjectAllocation, in session: any StoreSession) async throws -> Subject {
        try await scheduleSubject(r.projectId, in: session)
    }
    public static let listSubject = Subject.schedule(portfolioOwnerId: nil, managerId: nil)
    public static let filters: [String: FilterKind] = [
        "project_id": .reference, "resource_id": .reference, "role": .text,
    ]

    public static func validate(_ r: ProjectAllocation, existing: ProjectAllocation?, in session: any StoreSession) async throws {
        var c = Checks()
        c.text("role", r.role, max: 100, required: false)
        switch (r.resourceId, r.role.isEmpty) {
        case (nil, true): c.fail("role", "an allocation names a role or a resource (resource_id); it has neither")
        case (.some, false): c.fail("role", "an allocation names a role or a resource, not both: leave role empty when resource_id is set")
        default: break
        }
        switch r.unit {
        case .hoursPerWeek: c.range("amount", r.amount, 0...10_000)
        case .hoursPerMonth: c.range("amount", r.amount, 0...50_000)
        case .percent: c.range("amount", r.amount, 0...100_000)
        }
        if r.amount == 0 { c.fail("amount", "amount must be above 0") }
        if r.lastDay < r.firstDay { c.fail("last_day", "last_day \(r.lastDay) is before first_day \(r.firstDay)") }
        if r.lastDay.daysSinceEpoch - r.firstDay.daysSinceEpoch > 3_660 {
            c.fail("last_day", "an allocation spans at most ten years")
        }
        c.text("note", r.note, max: 1_000, required: false)
        if let existing, existing.projectId != r.projectId {
            c.fail("project_id", "an allocation cannot move to another project")
        }
        try await c.exists("project_id", r.projectId, Project.self, in: session)
        try await c.exists("resource_id", r.resourceId, Resource.self, in: session)
        try c.throwIfAny()
    }
}

extension CapacitySettings: ManagedEntity {
    public static func subject(of r: CapacitySettings, in session: any StoreSession) async throws -> Subject { .standards }
    public static let listSubject = Subject.standards
    public static let filters: [String: FilterKind] = [:]

    /// The states a weight may be given for.
    public static let weightStates = ["submitted", "in_review", "on_hold", "approved", "proposed"]

    public static func validate(_ r: CapacitySettings, existing: CapacitySettings?, in session: any StoreSession) async throws {
        var c = Checks()
        for (state, weight) in r.pipelineWeights.sorted(by: { $0.key < $1.key }) {
            if !weightStates.contains(state) {
                c.fail("pipeline_weights.\(state)", "'\(state)' is not a pipeline state; the states are \(weightStates.joined(separator: ", "))")
            } else if !(0...1).contains(weight) || !weight.isFinite {
                c.fail("pipeline_weights.\(state)", "the weight of \(state) is \(weight.clean); weights run from 0 to 1")
            }
        }
        c.range("healthy_from", r.healthyFrom, 0...1_000)
        c.range("healthy_through", r.healthyThrough, 0...1_000)
        c.range("at_risk_through", r.atRiskThrough, 0...1_000)
        if !(r.healthyFrom <= r.healthyThrough && r.healthyThrough <= r.atRiskThrough) {
            c.fail("healthy_through", "the bands must rise: healthy_from \(r.healthyFrom.clean) ≤ healthy_through \(r.healthyThrough.clean) ≤ at_risk_through \(r.atRiskThrough.clean)")
        }
        c.range("hours_per_day", r.hoursPerDay, 0...24)
        if r.hoursPerDay == 0 { c.fail("hours_per_day", "hours_per_day must be above 0") }
        try c.throwIfAny()
        if existing == nil, try await session.count(CapacitySettings.self, [:]) > 0 {
            throw ServiceError(.conflict, "the capacity settings exist already; change them instead of creating others")
        }
    }
}

extension CapacityScenario: ManagedEntity {
    public static func subject(of r: CapacityScenario, in session: any StoreSession) async throws -> Subject { .standards }
    public static let listSubject = Subject.standards
    public static let filters: [String: FilterKind] = [
        "state": .oneOf(ScenarioState.allCases.map(\.rawValue)), "owner_id": .reference,
    ]

    /// A new scenario is a draft owned by whoever makes it.
    public static func prepare(_ r: inout CapacityScenario, existing: CapacityScenario?, by caller: Caller,
                               in session: any StoreSession) async throws {
        if let existing {
            r.ownerId = existing.ownerId
        } else {
            r.state = .draft
            if case .user(let actor) = caller { r.ownerId = actor.userId }
        }
    }

    public static func validate(_ r: CapacityScenario, existing: CapacityScenario?, in session: any StoreSession) async throws {
        var c = Checks()
        c.text("name", r.name, max: 200)
        c.text("description", r.description, max: 5_000, required: false)
        if r.changes.count > 500 { c.fail("changes", "at most 500 changes in one scenario (there are \(r.changes.count))") }
        if let existing, existing.state != .draft, existing.changes != r.changes || existing.state != r.state {
            c.fail("state", "scenario \(existing.id) is \(existing.state.rawValue); only a draft changes")
        }
        for (i, change) in r.changes.enumerated() {
            if let skills = change.skills { checkSkills(skills, field: "changes[\(i)].skills", &c) }
            c.text("changes[\(i)].note", change.note, max: 1_000, required: false)
        }
        try await c.exists("owner_id", r.ownerId, User.self, in: session)
        try c.throwIfAny()
    }
}
