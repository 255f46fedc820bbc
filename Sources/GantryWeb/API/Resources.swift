import GantryModel
import GantryServices

/// How one kind of record appears in the API: its collection path, the fields a client must send to create one,
/// and the defaults for the rest.
struct ResourceSpec<E: ManagedEntity>: Sendable {
    /// The collection path under `/api/v1` (`portfolios`).
    let path: String
    /// A record with every default a new one gets; its stored properties are the record's fields.
    let template: E
    let required: Set<String>
    /// Write-only fields a create accepts besides the record's own (a user's `password`).
    let extraOnCreate: Set<String>
    let summary: String
    /// Fields Gantry sets (derived from others, or by a workflow's actions): read, never written.
    let computed: Set<String>
    /// Whether a record can be changed once made (PATCH); a snapshot cannot.
    let updatable: Bool

    static var readOnly: Set<String> { ["id", "version", "created_at", "updated_at"] }

    var readOnlyFields: Set<String> { Self.readOnly.union(computed) }
    var fields: [String] { Wire.fieldNames(of: template) }
    var writable: [String] { fields.filter { !readOnlyFields.contains($0) } }

    init(path: String, template: E, required: Set<String>, extraOnCreate: Set<String> = [], summary: String,
         computed: Set<String> = [], updatable: Bool = true) {
        self.path = path
        self.template = template
        self.required = required
        self.extraOnCreate = extraOnCreate
        self.summary = summary
        self.computed = computed
        self.updatable = updatable
    }
}

/// Something done once for every kind of record the API serves: register its routes, describe it in OpenAPI,
/// name it in a filter.
protocol SpecVisitor {
    mutating func visit<E: ManagedEntity>(_ spec: ResourceSpec<E>)
}

enum Specs {
    /// Every kind of record, in one list: the routes, the OpenAPI document and the audit page's filter all use it.
    static func visitAll(_ visitor: inout some SpecVisitor) {
        visitor.visit(portfolios)
        visitor.visit(programs)
        visitor.visit(projects)
        visitor.visit(activities)
        visitor.visit(dependencies)
        visitor.visit(calendars)
        visitor.visit(resources)
        visitor.visit(assignments)
        visitor.visit(lessons)
        visitor.visit(trainingRecords)
        visitor.visit(glossary)
        visitor.visit(requests)
        visitor.visit(scoringModels)
        visitor.visit(templates)
        visitor.visit(phases)
        visitRAIDAndChanges(&visitor)
        visitor.visit(statusReports)
        visitCapacity(&visitor)
        visitMoney(&visitor)
        visitor.visit(users)
    }

    /// The kind names (`activity`, `project`, …) of every record the API serves, sorted.
    static let kindNames: [String] = {
        struct Names: SpecVisitor {
            var names: [String] = []
            mutating func visit<E: ManagedEntity>(_ spec: ResourceSpec<E>) { names.append(E.kindName) }
        }
        var collector = Names()
        visitAll(&collector)
        return collector.names.sorted()
    }()

    static let epoch = Timestamp(millisecondsSinceEpoch: 0)

    static let users = ResourceSpec(
        path: "users",
        template: User(username: "", displayName: "", role: .teamMember, createdAt: epoch, updatedAt: epoch),
        required: ["username", "display_name", "role"], extraOnCreate: ["password"],
        summary: "People who sign in, with their role")
    static let portfolios = ResourceSpec(
        path: "portfolios",
        template: Portfolio(code: "", name: "", createdAt: epoch, updatedAt: epoch),
        required: ["code", "name"], summary: "Portfolios and their governance mode")
    static let programs = ResourceSpec(
        path: "programs",
        template: Program(portfolioId: .init(0), code: "", name: "", createdAt: epoch, updatedAt: epoch),
        required: ["portfolio_id", "code", "name"], summary: "Programs grouping projects in a portfolio")
    static let projects = ResourceSpec(
        path: "projects",
        template: Project(portfolioId: .init(0), code: "", name: "", createdAt: epoch, updatedAt: epoch),
        required: ["portfolio_id", "code", "name"], summary: "Projects with lifecycle state and health")
    static let activities = ResourceSpec(
        path: "activities",
        template: Activity(projectId: .init(0), code: "", name: "", createdAt: epoch, updatedAt: epoch),
        required: ["project_id", "code", "name"], summary: "Activities in a project's WBS: summaries, leaves, milestones")
    static let dependencies = ResourceSpec(
        path: "dependencies",
        template: Dependency(projectId: .init(0), predecessorId: .init(0), successorId: .init(0), createdAt: epoch, updatedAt: epoch),
        required: ["project_id", "predecessor_id", "successor_id"], summary: "Links between activities: FS, SS, FF, SF with a lag")
    static let calendars = ResourceSpec(
        path: "calendars",
        template: WorkCalendar(name: "", createdAt: epoch, updatedAt: epoch),
        required: ["name"], summary: "Working-time calendars: weekly pattern and exceptions")
    static let assignments = ResourceSpec(
        path: "assignments",
        template: Assignment(projectId: .init(0), activityId: .init(0), resourceId: .init(0), createdAt: epoch, updatedAt: epoch),
        required: ["project_id", "activity_id", "resource_id"],
        summary: "Resources on activities, in percent of the resource (100 is full time): what leveling balances")
    static let lessons = ResourceSpec(
        path: "lessons",
        template: LessonLearned(projectId: .init(0), title: "", createdAt: epoch, updatedAt: epoch),
        required: ["project_id", "title"],
        summary: "Lessons learned on projects; q= finds them across the portfolio")
    static let trainingRecords = ResourceSpec(
        path: "training-records",
        template: TrainingRecord(userId: .init(0), title: "", createdAt: epoch, updatedAt: epoch),
        required: ["user_id", "title"], summary: "Training and certification records per person")
    static let glossary = ResourceSpec(
        path: "glossary",
        template: GlossaryTerm(term: "", definition: "", createdAt: epoch, updatedAt: epoch),
        required: ["term", "definition"], summary: "The PMO's standard language: terms and their definitions")
    static let resources = ResourceSpec(
        path: "resources",
        template: Resource(name: "", createdAt: epoch, updatedAt: epoch),
        required: ["name"], summary: "People and generic roles with skills, cost rate and max units")
}
