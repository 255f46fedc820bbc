public import GantryModel

/// A change request (PMBOK's Perform Integrated Change Control): draft → submitted → approved / rejected (with a
/// reason) / deferred; a deferred request can be submitted again. Until it is decided, its author (or a PMO role)
/// may withdraw it.
///
/// Who decides (approve, reject, defer) follows the portfolio's mode and thresholds (`requiredApprover`):
///
/// | mode | the project's manager decides | a PMO role must decide |
/// |---|---|---|
/// | supportive | every change | — |
/// | controlling | changes at or below both thresholds | a cost or schedule impact above its threshold |
/// | directive | — | every change |
///
/// A PMO role may always decide. Anyone may draft and submit a change request (its author); the author, the
/// project's manager or a PMO role may resubmit a deferred one; the author or a PMO role may withdraw a draft, a
/// submitted or a deferred one. An approval may save a named baseline, which is how
/// a project is re-baselined — in a directive portfolio, only a PMO role's approval does that.
public enum ChangeRequestWorkflow {
    public enum Status: String, Sendable, Hashable, CaseIterable {
        case draft, submitted, approved, rejected, deferred, withdrawn

        public var isFinal: Bool { self == .approved || self == .rejected || self == .withdrawn }
    }

    /// What the change does to the project. Cost is in the currency's minor units (cents); schedule in calendar days;
    /// a negative impact (a saving) is compared by its size.
    public struct Impact: Sendable, Hashable {
        public var costMinorUnits: Int64
        public var scheduleDays: Int
        public var scope: String

        public init(costMinorUnits: Int64 = 0, scheduleDays: Int = 0, scope: String = "") {
            self.costMinorUnits = costMinorUnits; self.scheduleDays = scheduleDays; self.scope = scope
        }
    }

    /// The sizes above which, in a controlling portfolio, a change needs a PMO role's approval.
    public struct Thresholds: Sendable, Hashable {
        public var costMinorUnits: Int64
        public var scheduleDays: Int

        public init(costMinorUnits: Int64, scheduleDays: Int) {
            self.costMinorUnits = costMinorUnits; self.scheduleDays = scheduleDays
        }
    }

    public enum Approver: String, Sendable, Hashable {
        /// The project's manager (or a PMO role).
        case projectManager
        /// A PMO role.
        case pmo
    }

    public struct State: Sendable, Hashable {
        public var status: Status
        public var authorId: User.ID
        public var impact: Impact
        /// Why it was rejected or deferred.
        public var reason: String?
        /// The baseline saved when it was approved.
        public var baselineName: String?

        public init(status: Status = .draft, authorId: User.ID, impact: Impact, reason: String? = nil,
                    baselineName: String? = nil) {
            self.status = status; self.authorId = authorId; self.impact = impact; self.reason = reason
            self.baselineName = baselineName
        }
    }

    public enum Command: Sendable, Hashable {
        case submit
        case approve(baselineName: String?)
        case reject(reason: String)
        case `defer`(reason: String?)
        case resubmit
        case withdraw

        var name: String {
            switch self {
            case .submit: "submitted"
            case .approve: "approved"
            case .reject: "rejected"
            case .defer: "deferred"
            case .resubmit: "resubmitted"
            case .withdraw: "withdrawn"
            }
        }
    }

    public struct Context: Sendable, Hashable {
        public var mode: GovernanceMode
        public var thresholds: Thresholds

        public init(mode: GovernanceMode, thresholds: Thresholds) { self.mode = mode; self.thresholds = thresholds }
    }

    /// Who must decide a change of this size in this mode, and, when it is the PMO, why.
    public static func requiredApprover(for impact: Impact, in context: Context) -> (Approver, why: String?) {
        switch context.mode {
        case .supportive:
            return (.projectManager, nil)
        case .directive:
            return (.pmo, "in a directive portfolio, every change request is decided by a PMO role")
        case .controlling:
            var over: [String] = []
            let cost = impact.costMinorUnits.magnitude, schedule = impact.scheduleDays.magnitude
            if cost > context.thresholds.costMinorUnits.magnitude {
                over.append("its cost impact of \(cost) is above the threshold of \(context.thresholds.costMinorUnits) "
                    + "(in minor units)")
            }
            if schedule > context.thresholds.scheduleDays.magnitude {
                over.append("its schedule impact of \(schedule) days is above the threshold of "
                    + "\(context.thresholds.scheduleDays) days")
            }
            guard !over.isEmpty else { return (.projectManager, nil) }
            return (.pmo, "in a controlling portfolio, this change needs a PMO role's decision: "
                + over.joined(separator: " and "))
        }
    }

    /// Who must decide and why, in words, also when the project's manager may (for the change request's page, and
    /// stored with the request when it is submitted).
    public static func requiredApproverExplained(for impact: Impact, in context: Context) -> (Approver, why: String) {
        let (approver, why) = requiredApprover(for: impact, in: context)
        if let why { return (approver, why) }
        switch context.mode {
        case .controlling:
            return (approver, "in a controlling portfolio, a change within the thresholds (cost impact up to "
                + "\(context.thresholds.costMinorUnits) in minor units, schedule impact up to "
                + "\(context.thresholds.scheduleDays) days) is decided by the project's manager")
        case .supportive, .directive:
            return (approver, "in a supportive portfolio, the project's manager decides every change request")
        }
    }

    public static func decide(_ command: Command, on state: State, by actor: WorkflowActor,
                              in context: Context) -> WorkflowResult<State> {
        let from = state.status
        let allowedFrom: Set<Status>
        switch command {
        case .submit: allowedFrom = [.draft]
        case .approve, .reject, .defer: allowedFrom = [.submitted]
        case .resubmit: allowedFrom = [.deferred]
        case .withdraw: allowedFrom = [.draft, .submitted, .deferred]
        }
        guard allowedFrom.contains(from) else {
            return .failure(GovernanceRefusal(.invalidTransition,
                "a change request that is \(from.rawValue) cannot be \(command.name)"))
        }

        var next = state
        var effects: [GovernanceEffect] = []
        var note: String?
        switch command {
        case .submit:
            guard actor.userId == state.authorId else {
                return .failure(GovernanceRefusal(.notAuthor, "only the author may submit their change request"))
            }
            next.status = .submitted
            effects.append(.notify(requiredApprover(for: state.impact, in: context).0 == .pmo ? .pmo : .projectManager,
                                   reason: "a change request waits for a decision"))
        case .resubmit:
            guard actor.userId == state.authorId || actor.managesProject || actor.isPMO else {
                return .failure(GovernanceRefusal(.notPermitted,
                    "only the author, the project's manager or a PMO role may resubmit a deferred change request"))
            }
            next.status = .submitted
            next.reason = nil
        case .withdraw:
            guard actor.userId == state.authorId || actor.isPMO else {
                return .failure(GovernanceRefusal(.notAuthor,
                    "only the author or a PMO role may withdraw a change request"))
            }
            next.status = .withdrawn
        case .approve, .reject, .defer:
            let (approver, why) = requiredApprover(for: state.impact, in: context)
            if !actor.isPMO {
                guard actor.managesProject else {
                    return .failure(GovernanceRefusal(.notPermitted,
                        "only the project's manager or a PMO role may decide a change request"))
                }
                if approver == .pmo {
                    return .failure(GovernanceRefusal(.pmoRequired, why ?? "a PMO role must decide this change"))
                }
            }
            switch command {
            case .approve(let baselineName):
                if let baselineName, baselineName.isBlank {
                    return .failure(GovernanceRefusal(.nameRequired, "a baseline saved on approval needs a name"))
                }
                next.status = .approved
                next.baselineName = baselineName
                if let baselineName { effects.append(.saveBaseline(name: baselineName)) }
            case .reject(let reason):
                guard !reason.isBlank else {
                    return .failure(GovernanceRefusal(.reasonRequired,
                        "a change request is rejected only with a reason the author can read"))
                }
                next.status = .rejected
                next.reason = reason
                note = reason
            default:
                if case .defer(let reason) = command, let reason, !reason.isBlank {
                    next.reason = reason
                    note = reason
                }
                next.status = .deferred
            }
            effects.append(.notify(.user(state.authorId), reason: "your change request was \(command.name)"))
        }
        effects.append(.audit(AuditEntry(record: "change request", by: actor.userId, before: from.rawValue,
                                         after: next.status.rawValue, note: note)))
        return .success(Transition(state: next, effects: effects))
    }
}
