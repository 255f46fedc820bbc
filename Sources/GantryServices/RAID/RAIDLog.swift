public import GantryModel
import GantryGovernance

/// The RAID log's use cases beyond plain records: a risk's actions (convert into an issue, close with a reason,
/// reopen) applied with `RiskWorkflow` in one transaction with their audit lines, a project's log for its page, and
/// the portfolio-wide view with filters and sorting.
public struct RAIDLog: Sendable {
    let store: any Store
    let clock: any Clock

    public init(store: any Store, clock: any Clock) {
        self.store = store
        self.clock = clock
    }

    // MARK: a risk's actions

    /// The risk happened: creates the issue (linked back to the risk) and marks the risk converted, linked to it.
    /// The issue's severity follows the risk's level unless `severity` says otherwise.
    public func convert(_ id: Risk.ID, severity: IssueSeverity? = nil,
                        _ caller: Caller) async throws -> (risk: Risk, issue: ProjectIssue) {
        let now = clock.now()
        return try await store.write { session in
            let (current, transition) = try await Self.decide(.convertToIssue, on: id, caller, in: session)
            var issue: ProjectIssue?
            for effect in transition.effects where effect == .createIssueFromRisk {
                var description = "Risk \(current.id) happened."
                if !current.description.isEmpty { description += "\n\n" + current.description }
                if !current.trigger.isEmpty { description += "\n\nTrigger: " + current.trigger }
                let made = try await session.insert(ProjectIssue(
                    projectId: current.projectId, title: current.title, description: description,
                    severity: severity ?? Self.severity(of: current), ownerId: current.ownerId, dueDate: current.dueDate,
                    riskId: current.id, createdAt: now, updatedAt: now))
                try await Audit.record(.create, made, before: nil, after: made, by: caller, at: now, in: session)
                issue = made
            }
            guard let issue else { throw ServiceError(.conflict, "converting risk \(id) made no issue") }
            var next = current
            next.status = .converted
            next.issueId = issue.id
            let saved = try await Self.store(next, replacing: current, transition, .convert, caller, now, session)
            return (saved, issue)
        }
    }

    /// Closes an open risk; the reason is required and kept.
    public func close(_ id: Risk.ID, reason: String, _ caller: Caller) async throws -> Risk {
        let now = clock.now()
        return try await store.write { session in
            let (current, transition) = try await Self.decide(.close(reason: reason), on: id, caller, in: session)
            var next = current
            next.status = .closed
            next.closeReason = transition.state.closeReason
            return try await Self.store(next, replacing: current, transition, .close, caller, now, session)
        }
    }

    /// Opens a closed risk again.
    public func reopen(_ id: Risk.ID, _ caller: Caller) async throws -> Risk {
        let now = clock.now()
        return try await store.write { session in
            let (current, transition) = try await Self.decide(.reopen, on: id, caller, in: session)
            var next = current
            next.status = .open
            next.closeReason = nil
            return try await Self.store(next, replacing: current, transition, .reopen, caller, now, session)
        }
    }

    /// A high risk that happens is a high issue, and a critical one when it scores 20 or more (likely × severe).
    static func severity(of risk: Risk) -> IssueSeverity {
        switch risk.level {
        case .low: .low
        case .medium: .medium
        case .high: risk.score >= 20 ? .critical : .high
        }
    }

    static func decide(_ command: RiskWorkflow.Command, on id: Risk.ID, _ caller: Caller,
                       in session: any StoreSession) async throws -> (Risk, Transition<RiskWorkflow.State>) {
        guard let risk = try await session.get(Risk.self, id) else { throw ServiceError.notFound(Risk.self, id) }
        guard let (project, portfolio) = try await ChangeControl.projectAndPortfolio(risk.projectId, in: session) else {
            throw ServiceError.notFound(Project.self, risk.projectId)
        }
        let actor = ChangeControl.actor(caller, project: project, portfolio: portfolio)
        switch RiskWorkflow.decide(command, on: state(risk), by: actor) {
        case .failure(let refusal): throw refusal.serviceError(field: "reason")
        case .success(let transition): return (risk, transition)
        }
    }

    static func state(_ risk: Risk) -> RiskWorkflow.State {
        RiskWorkflow.State(
            status: RiskWorkflow.Status(rawValue: risk.status.rawValue) ?? .open, ownerId: risk.ownerId,
            score: RiskScore(probability: risk.probability, impact: risk.impact) ?? RiskScore(probability: 3, impact: 3)!,
            closeReason: risk.closeReason)
    }

    private static func store(_ next: Risk, replacing current: Risk, _ transition: Transition<RiskWorkflow.State>,
                              _ verb: Audit.Verb, _ caller: Caller, _ now: Timestamp,
                              _ session: any StoreSession) async throws -> Risk {
        var next = next
        next.updatedAt = now
        guard let saved = try await session.update(next, expectedVersion: current.version) else {
            throw ServiceError(.versionMismatch, "risk \(current.id) was changed by someone else meanwhile; reload it and try again")
        }
        for entry in transition.auditEntries {
            try await Audit.transition(verb, before: current, after: saved, entry, by: caller, at: now, in: session)
        }
        return saved
    }

    // MARK: a project's log

    /// Everything in a project's RAID log, with the people it names and what the caller may do.
    public struct ProjectLog: Sendable {
        public var project: Project
        public var portfolio: Portfolio
        public var risks: [Risk]
        public var issues: [ProjectIssue]
        public var assumptions: [Assumption]
        public var decisions: [ProjectDecision]
        public var people: [User.ID: User]
        /// Why the caller may not add or edit the log's records, or nil when they may.
        public var editRefusal: String?
        /// The risks the caller may convert or close (RiskWorkflow: the owner, the project's manager, the PMO).
        public var actionable: Set<Risk.ID>
        /// The categories to offer: the RAID categories of the template the project follows, then those in use.
        public var categories: [String]
    }

    public func projectLog(_ id: Project.ID, _ caller: Caller) async throws -> ProjectLog {
        try await store.read { session in
            guard let (project, portfolio) = try await ChangeControl.projectAndPortfolio(id, in: session) else {
                throw ServiceError.notFound(Project.self, id)
            }
            let subject = try await scheduleSubject(id, in: session)
            try await caller.requireView(Risk.listSubject) { subject }
            let mine = ListQuery(filters: ["project_id": .int(id.rawValue)])
            let risks = try await session.list(Risk.self, mine)
            let issues = try await session.list(ProjectIssue.self, mine)
            let assumptions = try await session.list(Assumption.self, mine)
            let decisions = try await session.list(ProjectDecision.self, mine)
            var editRefusal: String?
            do { try caller.require(.create, subject) } catch let e as ServiceError { editRefusal = e.message }
            let actor = ChangeControl.actor(caller, project: project, portfolio: portfolio)
            let actionable = Set(risks.filter {
                if case .success = RiskWorkflow.decide(.close(reason: "-"), on: Self.state($0), by: actor) { true } else { false }
            }.map(\.id))
            var categories: [String] = []
            let templateIds = Set(try await session.list(ProjectPhase.self, mine).compactMap(\.templateId))
            for templateId in templateIds.sorted(by: { $0.rawValue < $1.rawValue }) {
                categories += try await session.get(ProjectTemplate.self, templateId)?.raidCategories ?? []
            }
            for category in risks.map(\.category) where !category.isEmpty && !categories.contains(category) {
                categories.append(category)
            }
            return ProjectLog(
                project: project, portfolio: portfolio,
                risks: risks.sorted { ($0.score, $1.id) > ($1.score, $0.id) }, issues: issues, assumptions: assumptions,
                decisions: decisions, people: try await Self.people(in: session), editRefusal: editRefusal,
                actionable: actionable, categories: categories)
        }
    }

    /// Names are shown to everyone who sees the records, whether or not they may list users.
    static func people(in session: any StoreSession) async throws -> [User.ID: User] {
        Dictionary(uniqueKeysWithValues: try await session.list(User.self, ListQuery()).map { ($0.id, $0) })
    }

    // MARK: the portfolio view

    /// Every RAID item of the portfolio's projects that passes the query's filters, in its order.
    public func portfolioView(_ id: Portfolio.ID, _ query: RAIDQuery, _ caller: Caller) async throws -> RAIDView {
        try await store.read { session in
            guard let portfolio = try await session.get(Portfolio.self, id) else {
                throw ServiceError.notFound(Portfolio.self, id)
            }
            try caller.require(.view, Risk.listSubject)
            let projects = try await session.list(Project.self, ListQuery(filters: ["portfolio_id": .int(id.rawValue)]))
            let people = try await Self.people(in: session)
            var items: [RAIDItem] = []
            for project in projects {
                let mine = ListQuery(filters: ["project_id": .int(project.id.rawValue)])
                let wants = { (type: RAIDItem.Kind) in query.type == nil || query.type == type }
                if wants(.risk) {
                    items += try await session.list(Risk.self, mine).map {
                        RAIDItem(type: .risk, id: $0.id.rawValue, projectId: project.id, projectCode: project.code, title: $0.title, status: $0.status.rawValue,
                                 ownerId: $0.ownerId, score: $0.score, level: $0.level.rawValue, due: $0.dueDate,
                                 updatedAt: $0.updatedAt)
                    }
                }
                if wants(.issue) {
                    items += try await session.list(ProjectIssue.self, mine).map {
                        RAIDItem(type: .issue, id: $0.id.rawValue, projectId: project.id, projectCode: project.code, title: $0.title,
                                 status: $0.status.rawValue, ownerId: $0.ownerId, score: nil, level: $0.severity.rawValue,
                                 due: $0.dueDate, updatedAt: $0.updatedAt)
                    }
                }
                if wants(.assumption) {
                    items += try await session.list(Assumption.self, mine).map {
                        RAIDItem(type: .assumption, id: $0.id.rawValue, projectId: project.id, projectCode: project.code, title: $0.statement,
                                 status: $0.status.rawValue, ownerId: $0.ownerId, score: nil, level: nil,
                                 due: $0.validateBy, updatedAt: $0.updatedAt)
                    }
                }
                if wants(.decision) {
                    items += try await session.list(ProjectDecision.self, mine).map {
                        RAIDItem(type: .decision, id: $0.id.rawValue, projectId: project.id, projectCode: project.code, title: $0.title,
                                 status: $0.status.rawValue, ownerId: $0.decidedBy, score: nil, level: nil,
                                 due: $0.decidedAt?.date, updatedAt: $0.updatedAt)
                    }
                }
            }
            for i in items.indices { items[i].ownerName = items[i].ownerId.flatMap { people[$0]?.displayName } }
            let owners = Set(items.compactMap(\.ownerId)).compactMap { people[$0] }.sorted { $0.displayName < $1.displayName }
            return RAIDView(portfolio: portfolio, query: query, items: query.apply(items), owners: owners)
        }
    }
}

/// One line of the portfolio's RAID view: a risk, an issue, an assumption or a decision, with its project.
public struct RAIDItem: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable { case risk, issue, assumption, decision }

    public var type: Kind
    public var id: Int64
    public var projectId: Project.ID
    public var projectCode: String
    /// A risk's, issue's or decision's title; an assumption's statement.
    public var title: String
    public var status: String
    /// A risk's, issue's or assumption's owner; who made a decision.
    public var ownerId: User.ID?
    public var ownerName: String?
    /// A risk's score (probability × impact).
    public var score: Int?
    /// A risk's level or an issue's severity.
    public var level: String?
    /// A risk's or issue's due date, the day an assumption must be validated by, the day a decision was made.
    public var due: CalendarDate?
    public var updatedAt: Timestamp

    public init(type: Kind, id: Int64, projectId: Project.ID, projectCode: String, title: String, status: String,
                ownerId: User.ID?, score: Int?, level: String?, due: CalendarDate?, updatedAt: Timestamp) {
        self.type = type; self.id = id; self.projectId = projectId; self.projectCode = projectCode; self.title = title
        self.status = status; self.ownerId = ownerId; self.score = score; self.level = level; self.due = due
        self.updatedAt = updatedAt
    }
}

/// The portfolio's RAID view: the items that passed the filters, in order, and the owners named (for the filter).
public struct RAIDView: Sendable {
    public var portfolio: Portfolio
    public var query: RAIDQuery
    public var items: [RAIDItem]
    public var owners: [User]
}

/// The filters and order of the portfolio's RAID view, read from query parameters (the API's and the page's form
/// alike: an empty value means "any").
public struct RAIDQuery: Sendable, Hashable {
    public enum Sort: String, Sendable, Hashable, CaseIterable {
        case score, due
        case updatedAt = "updated_at"
    }

    public var type: RAIDItem.Kind?
    public var status: String?
    public var ownerId: User.ID?
    /// A risk's level or an issue's severity: low, medium, high, critical.
    public var level: String?
    public var sort: Sort
    public var ascending: Bool

    public init(type: RAIDItem.Kind? = nil, status: String? = nil, ownerId: User.ID? = nil, level: String? = nil,
                sort: Sort = .score, ascending: Bool = false) {
        self.type = type; self.status = status; self.ownerId = ownerId; self.level = level; self.sort = sort
        self.ascending = ascending
    }

    public static let parameters = ["type", "status", "owner_id", "level", "sort", "order"]
    public static let levels = ["low", "medium", "high", "critical"]

    /// The statuses an item of a type (or of any type) can have.
    public static func statuses(_ type: RAIDItem.Kind?) -> [String] {
        let all: [RAIDItem.Kind: [String]] = [
            .risk: RiskStatus.allCases.map(\.rawValue), .issue: IssueStatus.allCases.map(\.rawValue),
            .assumption: AssumptionStatus.allCases.map(\.rawValue), .decision: DecisionStatus.allCases.map(\.rawValue),
        ]
        if let type { return all[type] ?? [] }
        var seen: [String] = []
        for kind in RAIDItem.Kind.allCases { for s in all[kind] ?? [] where !seen.contains(s) { seen.append(s) } }
        return seen
    }

    /// Reads the parameters; a value that is not one the view knows is refused (422) naming the parameter.
    public init(parameters: [(String, String)]) throws {
        self.init()
        var order: String?
        for (key, value) in parameters {
            if value.isEmpty, Self.parameters.contains(key) { continue }
            switch key {
            case "type":
                guard let t = RAIDItem.Kind(rawValue: value) else {
                    throw ServiceError.invalid(field: key, "type '\(value)' is not one of: "
                        + RAIDItem.Kind.allCases.map(\.rawValue).joined(separator: ", "))
                }
                type = t
            case "status": status = value
            case "owner_id":
                guard let n = Int64(value), n > 0 else { throw ServiceError.invalid(field: key, "owner_id must be a user's id") }
                ownerId = User.ID(n)
            case "level":
                guard Self.levels.contains(value) else {
                    throw ServiceError.invalid(field: key, "level '\(value)' is not one of: \(Self.levels.joined(separator: ", "))")
                }
                level = value
            case "sort":
                guard let s = Sort(rawValue: value) else {
                    throw ServiceError.invalid(field: key, "sort '\(value)' is not one of: "
                        + Sort.allCases.map(\.rawValue).joined(separator: ", "))
                }
                sort = s
            case "order":
                guard value == "asc" || value == "desc" else {
                    throw ServiceError.invalid(field: key, "order is asc or desc, not '\(value)'")
                }
                order = value
            default:
                throw ServiceError.invalid(field: key, "\(key) is not a parameter of the RAID view; use "
                    + Self.parameters.joined(separator: ", "))
            }
        }
        if let status, !Self.statuses(type).contains(status) {
            throw ServiceError.invalid(field: "status", "status '\(status)' is not one of"
                + (type.map { " a \($0.rawValue)'s" } ?? "") + ": " + Self.statuses(type).joined(separator: ", "))
        }
        // Scores and due dates read best highest and soonest first; recent changes first.
        ascending = order.map { $0 == "asc" } ?? (sort == .due)
    }

    /// The items that pass the filters, sorted; items without the sort's value come last either way, and ties go by
    /// the latest change, then type and id.
    public func apply(_ items: [RAIDItem]) -> [RAIDItem] {
        let kept = items.filter { item in
            (type == nil || item.type == type) && (status == nil || item.status == status)
                && (ownerId == nil || item.ownerId == ownerId)
                && (level == nil || item.level == level)
        }
        func key(_ item: RAIDItem) -> Int64? {
            switch sort {
            case .score: item.score.map(Int64.init)
            case .due: item.due.map { Int64($0.daysSinceEpoch) }
            case .updatedAt: item.updatedAt.millisecondsSinceEpoch
            }
        }
        return kept.sorted { a, b in
            switch (key(a), key(b)) {
            case let (x?, y?) where x != y: return ascending ? x < y : x > y
            case (_?, nil): return true
            case (nil, _?): return false
            default:
                if a.updatedAt != b.updatedAt { return a.updatedAt > b.updatedAt }
                return (a.type.rawValue, a.id) < (b.type.rawValue, b.id)
            }
        }
    }
}
