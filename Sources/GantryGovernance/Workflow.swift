public import GantryModel

// The vocabulary every governance workflow shares: who acts (and how they stand to the project), what a decision
// returns (a transition: the new state and the effects a service must apply in one transaction) and what a refusal
// says. The workflows are pure: no clock, no store, no ids are made up here. Services map stored records onto these
// values, call `decide`, and apply the effects.

/// How a user stands to the project (or request, or portfolio) a command is about. Services compute it from the
/// stored records; the workflows never look anything up.
public enum ProjectRelation: String, Sendable, Hashable, CaseIterable {
    /// The user is the project's manager.
    case projectManager
    /// The user is the project's (or request's) sponsor.
    case sponsor
    /// The user owns the portfolio the project is in.
    case portfolioOwner
}

/// Who performs a command: their id, their role, and their relations to the project concerned.
///
/// "PMO role" means the PMO director and the PMO analyst. The administrator may do whatever a PMO role may
/// (as in `PermissionPolicy`, the administrator is never refused).
public struct WorkflowActor: Sendable, Hashable {
    public var userId: User.ID
    public var role: Role
    public var relations: Set<ProjectRelation>

    public init(userId: User.ID, role: Role, relations: Set<ProjectRelation> = []) {
        self.userId = userId; self.role = role; self.relations = relations
    }

    public init(_ actor: Actor, relations: Set<ProjectRelation> = []) {
        self.init(userId: actor.userId, role: actor.role, relations: relations)
    }

    /// A PMO director, a PMO analyst, or the administrator.
    public var isPMO: Bool { role == .pmoDirector || role == .pmoAnalyst || role == .admin }
    /// The manager of the project concerned, whatever their role.
    public var managesProject: Bool { relations.contains(.projectManager) }
}

/// Who an effect tells. `.projectManager` and `.pmo` are resolved by the service (the PMO is every PMO director
/// and analyst of the portfolio).
public enum Recipient: Sendable, Hashable {
    case user(User.ID)
    case role(Role)
    case projectManager
    case pmo
}

/// The record of one state change. The service adds who the user is by name and when (its clock).
public struct AuditEntry: Sendable, Hashable {
    /// The kind of record: "intake request", "stage gate", "status report", "change request", "portfolio", "risk".
    public var record: String
    public var by: User.ID
    public var before: String
    public var after: String
    /// The comment or reason given, when there is one.
    public var note: String?

    public init(record: String, by: User.ID, before: String, after: String, note: String? = nil) {
        self.record = record; self.by = by; self.before = before; self.after = after; self.note = note
    }
}

/// A reference to a project template. Templates are stored records that do not exist in the model yet.
public struct TemplateRef: Sendable, Hashable {
    public var id: Int64
    public init(_ id: Int64) { self.id = id }
}

/// Something a service must do when it applies a transition, in the same transaction as the new state.
public enum GovernanceEffect: Sendable, Hashable {
    /// Create a project from the template, linked back to the request being approved.
    case createProject(template: TemplateRef)
    /// Close the project (a gate decided kill).
    case closeProject
    /// Reopen the phase that ends in the gate (a gate decided recycle).
    case reopenPhase
    /// Close the current phase and open the next (a gate decided go).
    case openNextPhase
    /// Save the project's current plan as a new baseline with this name.
    case saveBaseline(name: String)
    /// Create an issue from the risk, linked back to it.
    case createIssueFromRisk
    /// Change the portfolio's governance mode.
    case setGovernanceMode(GovernanceMode)
    /// Make this user the project's manager.
    case assignProjectManager(User.ID)
    /// Flag the project's status report for the period ending on this day as overdue.
    case flagOverdueReport(periodEnd: CalendarDate, daysLate: Int)
    /// Tell someone, in their inbox, why something waits for them or what happened.
    case notify(Recipient, reason: String)
    /// Write an entry in the audit trail.
    case audit(AuditEntry)
}

/// What a workflow returns when a command is allowed: the new state and the effects to apply.
public struct Transition<State: Sendable & Hashable>: Sendable, Hashable {
    public var state: State
    public var effects: [GovernanceEffect]

    public init(state: State, effects: [GovernanceEffect]) { self.state = state; self.effects = effects }

    /// The audit entries among the effects.
    public var auditEntries: [AuditEntry] {
        effects.compactMap { if case .audit(let entry) = $0 { entry } else { nil } }
    }
}

/// Why a command was refused: a stable code (for the API and tests; codes can grow without breaking callers) and a
/// sentence for the user. A refusal changes nothing.
public struct GovernanceRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The command does not apply in the record's current state.
        public static let invalidTransition = Code(rawValue: "invalid_transition")
        /// The actor's role or relation does not allow the command.
        public static let notPermitted = Code(rawValue: "not_permitted")
        /// Only the request's requester (the report's or change's author) may do this.
        public static let notAuthor = Code(rawValue: "not_author")
        /// Only a PMO role may do this.
        public static let pmoRequired = Code(rawValue: "pmo_required")
        /// A rejection or deferral without a reason.
        public static let reasonRequired = Code(rawValue: "reason_required")
        /// A gate decision, a return or a RAG override without a comment.
        public static let commentRequired = Code(rawValue: "comment_required")
        /// An approval of an intake request that names no template.
        public static let templateRequired = Code(rawValue: "template_required")
        /// A baseline name that is empty.
        public static let nameRequired = Code(rawValue: "name_required")
        /// A gate go with must-meet criteria not met, by someone who may not override them.
        public static let mustMeetUnmet = Code(rawValue: "must_meet_unmet")
        /// A criterion the gate does not have.
        public static let unknownCriterion = Code(rawValue: "unknown_criterion")
        /// A must-meet criterion marked met without the evidence it requires.
        public static let evidenceRequired = Code(rawValue: "evidence_required")
        /// A score, probability or impact outside its scale, or a rating that cannot be set by hand.
        public static let outOfRange = Code(rawValue: "out_of_range")
        /// A governance mode change to the mode the portfolio already has.
        public static let modeUnchanged = Code(rawValue: "mode_unchanged")
    }

    public var code: Code
    public var reason: String

    public init(_ code: Code, _ reason: String) { self.code = code; self.reason = reason }

    public var description: String { "\(code): \(reason)" }
}

/// The result every workflow's `decide` returns.
public typealias WorkflowResult<State: Sendable & Hashable> = Result<Transition<State>, GovernanceRefusal>

extension String {
    /// Whether the text has something other than white space.
    var isBlank: Bool { allSatisfy(\.isWhitespace) }
}
