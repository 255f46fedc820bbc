public import GantryModel
public import GantryGovernance

/// Lessons belong to a project: its team (those who may change its schedule) and the PMO write them; everyone
/// may read them, and `q` finds them across the portfolio.
extension LessonLearned: ManagedEntity {
    public static func subject(of r: LessonLearned, in session: any StoreSession) async throws -> Subject {
        try await scheduleSubject(r.projectId, in: session)
    }
    public static let listSubject = Subject.schedule(portfolioOwnerId: nil, managerId: nil)
    public static let filters: [String: FilterKind] = [
        "project_id": .reference, "owner_id": .reference, "category": .text,
        "q": .search(["title", "description", "impact", "recommendation", "category"]),
    ]

    public static func validate(_ r: LessonLearned, existing: LessonLearned?, in session: any StoreSession) async throws {
        var c = Checks()
        c.text("title", r.title, max: 200)
        c.text("category", r.category, max: 100, required: false)
        for (field, value) in [("description", r.description), ("impact", r.impact), ("recommendation", r.recommendation)] {
            c.text(field, value, max: 10_000, required: false)
        }
        if let existing, existing.projectId != r.projectId { c.fail("project_id", "a lesson cannot move to another project") }
        try await c.exists("project_id", r.projectId, Project.self, in: session)
        try await c.exists("owner_id", r.ownerId, User.self, in: session)
        try c.throwIfAny()
    }
}

/// Training and certification records are kept by the PMO (like the resource pool) and visible to everyone.
extension TrainingRecord: ManagedEntity {
    public static func subject(of r: TrainingRecord, in session: any StoreSession) async throws -> Subject { .resource }
    public static let listSubject = Subject.resource
    public static let filters: [String: FilterKind] = [
        "user_id": .reference, "kind": .oneOf(TrainingKind.allCases.map(\.rawValue)), "q": .search(["title", "provider"]),
    ]

    public static func validate(_ r: TrainingRecord, existing: TrainingRecord?, in session: any StoreSession) async throws {
        var c = Checks()
        c.text("title", r.title, max: 200)
        c.text("provider", r.provider, max: 200, required: false)
        c.text("credential_id", r.credentialId, max: 100, required: false)
        if let done = r.completedOn, let expires = r.expiresOn, expires < done {
            c.fail("expires_on", "expires_on \(expires) is before completed_on \(done)")
        }
        try await c.exists("user_id", r.userId, User.self, in: session)
        try c.throwIfAny()
    }
}

/// The glossary is part of the PMO's standards: the PMO changes it, everyone reads it.
extension GlossaryTerm: ManagedEntity {
    public static func subject(of r: GlossaryTerm, in session: any StoreSession) async throws -> Subject { .standards }
    public static let listSubject = Subject.standards
    public static let filters: [String: FilterKind] = ["q": .search(["term", "definition"])]

    public static func validate(_ r: GlossaryTerm, existing: GlossaryTerm?, in session: any StoreSession) async throws {
        var c = Checks()
        c.text("term", r.term, max: 100)
        c.text("definition", r.definition, max: 5_000)
        if r.aliases.count > 20 { c.fail("aliases", "at most 20 aliases (there are \(r.aliases.count))") }
        for (i, a) in r.aliases.enumerated() { c.text("aliases[\(i)]", a, max: 100) }
        try c.throwIfAny()
        try await ensureUnique(r, ["term": .text(r.term)], "the glossary already has the term '\(r.term)'", in: session)
    }
}
