/// What an import of another tool's file made and found: kept with the project so the PMO can see where a plan
/// came from, what was repaired, what Gantry does not model, and how our schedule agreed with the dates the file
/// stored.
public struct ImportReport: Entity, Hashable {
    public typealias ID = EntityID<ImportReport>
    public static let kindName = "import_report"
    public var id: ID
    public var version: Int
    public var projectId: Project.ID
    public var portfolioId: Portfolio.ID
    public var fileName: String
    /// `mspdi`, `xer`, `gan` or `p6xml`.
    public var format: String
    /// The tool that wrote the file, as the file says.
    public var application: String
    public var importedBy: User.ID?
    public var counts: ImportCounts
    /// What the reader or the import repaired, skipped or converted, each naming where.
    public var warnings: [String]
    /// What the file holds that Gantry does not model or keep, by name, with how many.
    public var unmodelled: [String: Int]
    /// How our engine's dates agreed with the dates the file stores (nil when the file stores none).
    public var agreement: ImportAgreement?
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(id: ID = ID(0), version: Int = 1, projectId: Project.ID, portfolioId: Portfolio.ID, fileName: String,
                format: String, application: String = "", importedBy: User.ID? = nil, counts: ImportCounts = .init(),
                warnings: [String] = [], unmodelled: [String: Int] = [:], agreement: ImportAgreement? = nil,
                createdAt: Timestamp, updatedAt: Timestamp) {
        self.id = id; self.version = version; self.projectId = projectId; self.portfolioId = portfolioId
        self.fileName = fileName; self.format = format; self.application = application; self.importedBy = importedBy
        self.counts = counts; self.warnings = warnings; self.unmodelled = unmodelled; self.agreement = agreement
        self.createdAt = createdAt; self.updatedAt = updatedAt
    }
}

/// How many of each thing an import made.
public struct ImportCounts: Sendable, Hashable, Codable {
    public var activities: Int
    public var summaries: Int
    public var milestones: Int
    public var dependencies: Int
    public var calendars: Int
    /// Resources the import created, and existing ones (same name) it reused.
    public var resourcesCreated: Int
    public var resourcesReused: Int
    public var assignments: Int
    public var baselines: Int

    public init(activities: Int = 0, summaries: Int = 0, milestones: Int = 0, dependencies: Int = 0,
                calendars: Int = 0, resourcesCreated: Int = 0, resourcesReused: Int = 0, assignments: Int = 0,
                baselines: Int = 0) {
        self.activities = activities; self.summaries = summaries; self.milestones = milestones
        self.dependencies = dependencies; self.calendars = calendars; self.resourcesCreated = resourcesCreated
        self.resourcesReused = resourcesReused; self.assignments = assignments; self.baselines = baselines
    }
}

/// Agreement of our schedule with the file's stored dates, as `gantry verify` reports it for the file.
public struct ImportAgreement: Sendable, Hashable, Codable {
    /// Leaf tasks compared (summary, manual and null tasks apart).
    public var leafTasks: Int
    /// Leaf tasks whose every stored field agreed.
    public var agreeAll: Int
    /// Per field (`start`, `finish`, `early_start`, …, `critical`): the share that agreed, 0–100.
    public var byField: [String: Double]
    /// Why the file could not be scheduled for comparison (a cycle, named), if it could not.
    public var error: String?
    /// A few of the disagreements, for people ("1.2 Design: finish stored 2024-03-04T17:00, ours …").
    public var examples: [String]
    /// Tasks (counted in `leafTasks`) whose stored late finish the file's own project finish contradicts: saved
    /// from an earlier calculation, so no scheduler can agree with them. `nil` when there are none.
    public var staleTasks: Int?

    public init(leafTasks: Int, agreeAll: Int, byField: [String: Double] = [:], error: String? = nil,
                examples: [String] = [], staleTasks: Int? = nil) {
        self.leafTasks = leafTasks; self.agreeAll = agreeAll; self.byField = byField; self.error = error
        self.examples = examples; self.staleTasks = staleTasks
    }

    public var agreePercent: Double { leafTasks == 0 ? 0 : Double(agreeAll) * 100 / Double(leafTasks) }
}

/// A calendar feed (iCalendar) of a project's or a portfolio's milestones and gates, read at a URL that carries its
/// own token, so calendar apps can subscribe without signing in. Only the token's digest is stored.
public struct CalendarFeed: Entity, Hashable {
    public typealias ID = EntityID<CalendarFeed>
    public static let kindName = "calendar_feed"
    public enum Scope: String, Sendable, Hashable, Codable, CaseIterable { case project, portfolio }

    public var id: ID
    public var version: Int
    public var scope: Scope
    /// The project's or the portfolio's id, by `scope`.
    public var subjectId: Int64
    public var tokenDigest: String
    public var createdBy: User.ID?
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(id: ID = ID(0), version: Int = 1, scope: Scope, subjectId: Int64, tokenDigest: String,
                createdBy: User.ID? = nil, createdAt: Timestamp, updatedAt: Timestamp) {
        self.id = id; self.version = version; self.scope = scope; self.subjectId = subjectId
        self.tokenDigest = tokenDigest; self.createdBy = createdBy; self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
