public import GantryModel
public import GantryGovernance

// The RAID log's records belong to a project: its manager, the portfolio's owner and the PMO change them (the
// project's schedule subject); everyone reads them. A risk's status moves only through its actions (RAIDLog); an
// issue's, an assumption's and a decision's are plain fields, audited like every change.

extension Risk: ManagedEntity {
    public static func subject(of r: Risk, in session: any StoreSession) async throws -> Subject {
        try await scheduleSubject(r.projectId, in: session)
    }
    public static let listSubject = Subject.schedule(portfolioOwnerId: nil, managerId: nil)
    public static let filters: [String: FilterKind] = [
        "project_id": .reference, "owner_id": .reference, "issue_id": .reference, "category": .text,
        "status": .oneOf(RiskStatus.allCases.map(\.rawValue)), "level": .oneOf(RiskLevel.allCases.map(\.rawValue)),
        "response_strategy": .oneOf(RiskResponse.allCases.map(\.rawValue)),
        "q": .search(["title", "description", "category", "trigger", "response_plan"]),
    ]

    /// The score and level follow probability and impact on every write.
    public static func prepare(_ r: inout Risk, existing: Risk?, by caller: Caller,
                               in session: any StoreSession) async throws {
        if let score = RiskScore(probability: r.probability, impact: r.impact) {
            r.score = score.value
            r.level = RiskLevel(score.level())
        }
    }

    public static func validate(_ r: Risk, existing: Risk?, in session: any StoreSession) async throws {
        var c = Checks()
        c.text("title", r.title, max: 200)
        c.text("category", r.category, max: 100, required: false)
        for (field, value) in [("description", r.description), ("response_plan", r.responsePlan), ("trigger", r.trigger)] {
            c.text(field, value, max: 10_000, required: false)
        }
        for (field, value) in [("probability", r.probability), ("impact", r.impact)] where !RiskScore.scale.contains(value) {
            c.fail(field, "\(field) is scored from 1 to 5 (it is \(value))")
        }
        if let existing {
            if existing.projectId != r.projectId { c.fail("project_id", "a risk cannot move to another project") }
            let actions = "use POST /api/v1/risks/\(r.id)/close, /convert or /reopen"
            if existing.status != r.status {
                c.fail("status", "a risk's status changes only through its actions, not an edit: \(actions)")
            }
            if existing.closeReason != r.closeReason {
                c.fail("close_reason", "close_reason is given when the risk is closed: \(actions)")
            }
            if existing.issueId != r.issueId {
                c.fail("issue_id", "issue_id is set when the risk is converted into an issue: \(actions)")
            }
        } else {
            if r.status != .open {
                c.fail("status", "a new risk is open; close or convert it afterwards with its actions")
            }
            if r.closeReason != nil { c.fail("close_reason", "a new risk is open and has no close_reason") }
            if r.issueId != nil {
                c.fail("issue_id", "issue_id is set when the risk is converted: POST /api/v1/risks/{id}/convert")
            }
        }
        try await c.exists("project_id", r.projectId, Project.self, in: session)
        try await c.exists("owner_id", r.ownerId, User.self, in: session)
        try c.throwIfAny()
    }

    /// The issue a converted risk became stays, without its link back.
    public static func prepareDelete(_ r: Risk, in session: any StoreSession) async throws {
        for var issue in try await session.list(ProjectIssue.self, ListQuery(filters: ["risk_id": .int(r.id.rawValue)])) {
            let version = issue.version
            issue.riskId = nil
            _ = try await session.update(issue, expectedVersion: version)
        }
    }
}

extension RiskLevel {
    init(_ level: RiskScore.Level) {
        switch level {
        case .low: self = .low
        case .medium: self = .medium
        case .high: self = .high
        }
    }
}

extension Assumption: ManagedEntity {
    public static func subject(of r: Assumption, in session: any StoreSession) async throws -> Subject {
        try await scheduleSubject(r.projectId, in: session)
    }
    public static let listSubject = Subject.schedule(portfolioOwnerId: nil, managerId: nil)
    public static let filters: [String: FilterKind] = [
        "project_id": .reference, "owner_id": .reference, "status": .oneOf(AssumptionStatus.allCases.map(\.rawValue)),
        "q": .search(["statement", "notes"]),
    ]

    public static func validate(_ r: Assumption, existing: Assumption?, in session: any StoreSession) async throws {
        var c = Checks()
        c.text("statement", r.statement, max: 2_000)
        c.text("notes", r.notes, max: 10_000, required: false)
        if let existing, existing.projectId != r.projectId {
            c.fail("project_id", "an assumption cannot move to another project")
        }
        try await c.exists("project_id", r.projectId, Project.self, in: session)
        try await c.exists("owner_id", r.ownerId, User.self, in: session)
        try c.throwIfAny()
    }
}

extension ProjectIssue: ManagedEntity {
    public static func subject(of r: ProjectIssue, in session: any StoreSession) async throws -> Subject {
        try await scheduleSubject(r.projectId, in: session)
    }
    public static let listSubject = Subject.schedule(portfolioOwnerId: nil, managerId: nil)
    public static let filters: [String: FilterKind] = [
        "project_id": .reference, "owner_id": .reference, "risk_id": .reference,
        "status": .oneOf(IssueStatus.allCases.map(\.rawValue)), "severity": .oneOf(IssueSeverity.allCases.map(\.rawValue)),
        "q": .search(["title", "description", "resolution"]),
    ]

    public static func validate(_ r: ProjectIssue, existing: ProjectIssue?, in session: any StoreSession) async throws {
        var c = Checks()
        c.text("title", r.title, max: 200)
        c.text("description", r.description, max: 10_000, required: false)
        c.text("resolution", r.resolution, max: 10_000, required: false)
        if r.status != .open && r.resolution.trimmingCharacters(in: " \t\n").isEmpty {
            c.fail("resolution", "a \(r.status.rawValue) issue says how it was resolved in resolution")
        }
        if let existing, existing.projectId != r.projectId {
            c.fail("project_id", "an issue cannot move to another project")
        }
        if r.riskId != existing?.riskId {
            c.fail("risk_id", "risk_id is set when a risk is converted into an issue: POST /api/v1/risks/{id}/convert")
        }
        try await c.exists("project_id", r.projectId, Project.self, in: session)
        try await c.exists("owner_id", r.ownerId, User.self, in: session)
        try c.throwIfAny()
    }

    /// The risk an issue came from stays converted, without its link to the issue.
    public static func prepareDelete(_ r: ProjectIssue, in session: any StoreSession) async throws {
        for var risk in try await session.list(Risk.self, ListQuery(filters: ["issue_id": .int(r.id.rawValue)])) {
            let version = risk.version
            risk.issueId = nil
            _ = try await session.update(risk, expectedVersion: version)
        }
    }
}

extension ProjectDecision: ManagedEntity {
    public static func subject(of r: ProjectDecision, in session: any StoreSession) async throws -> Subject {
        try await scheduleSubject(r.projectId, in: session)
    }
    public static let listSubject = Subject.schedule(portfolioOwnerId: nil, managerId: nil)
    public static let filters: [String: FilterKind] = [
        "project_id": .reference, "decided_by": .reference, "status": .oneOf(DecisionStatus.allCases.map(\.rawValue)),
        "q": .search(["title", "context", "rationale"]),
    ]

    /// A decision recorded as decided without saying by whom or when was decided by the caller, now.
    public static func prepare(_ r: inout ProjectDecision, existing: ProjectDecision?, by caller: Caller,
                               in session: any StoreSession) async throws {
        guard r.status == .decided, existing?.status != .decided else { return }
        if r.decidedBy == nil { r.decidedBy = caller.userId }
        if r.decidedAt == nil { r.decidedAt = r.updatedAt }
    }

    public static func validate(_ r: ProjectDecision, existing: ProjectDecision?, in session: any StoreSession) async throws {
        var c = Checks()
        c.text("title", r.title, max: 200)
        c.text("context", r.context, max: 10_000, required: false)
        c.text("rationale", r.rationale, max: 10_000, required: false)
        if r.options.count > 20 { c.fail("options", "at most 20 options (there are \(r.options.count))") }
        var names = Set<String>()
        for (i, option) in r.options.enumerated() {
            c.text("options[\(i)].name", option.name, max: 200)
            if !names.insert(option.name).inserted {
                c.fail("options[\(i)].name", "two options are named '\(option.name)'; each option needs its own name")
            }
            for (list, items) in [("pros", option.pros), ("cons", option.cons)] {
                if items.count > 20 { c.fail("options[\(i)].\(list)", "at most 20 \(list) per option") }
                for (k, item) in items.enumerated() { c.text("options[\(i)].\(list)[\(k)]", item, max: 500) }
            }
        }
        if let chosen = r.chosenOption, !names.contains(chosen) {
            let known = r.options.map { "'\($0.name)'" }.joined(separator: ", ")
            c.fail("chosen_option", "chosen_option '\(chosen)' is not one of the options"
                + (known.isEmpty ? " (there are none)" : ": \(known)"))
        }
        if r.status == .decided {
            if r.chosenOption == nil { c.fail("chosen_option", "a decided decision names its chosen_option") }
            if r.rationale.trimmingCharacters(in: " \t\n").isEmpty {
                c.fail("rationale", "a decided decision says why in rationale")
            }
        }
        if let existing, existing.projectId != r.projectId {
            c.fail("project_id", "a decision cannot move to another project")
        }
        try await c.exists("project_id", r.projectId, Project.self, in: session)
        try await c.exists("decided_by", r.decidedBy, User.self, in: session)
        try c.throwIfAny()
    }
}

extension Project {
    /// A project's RAID log, change requests and baselines go with it.
    static func deleteRAIDAndChanges(of id: Project.ID, in session: any StoreSession) async throws {
        let mine: [String: FilterValue] = ["project_id": .int(id.rawValue)]
        _ = try await session.delete(Risk.self, where: mine)
        _ = try await session.delete(ProjectIssue.self, where: mine)
        _ = try await session.delete(Assumption.self, where: mine)
        _ = try await session.delete(ProjectDecision.self, where: mine)
        _ = try await session.delete(ChangeRequest.self, where: mine)
        _ = try await session.delete(Baseline.self, where: mine)
    }
}
