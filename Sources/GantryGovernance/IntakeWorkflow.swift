public import GantryModel

/// An intake request's life: draft → submitted → in review → approved / rejected / on hold / withdrawn.
///
/// | command | from | who | to | effects |
/// |---|---|---|---|---|
/// | submit | draft | the requester | submitted | notify the PMO, audit |
/// | startReview | submitted | a PMO role | in review | notify the requester, audit |
/// | approve(template) | in review, on hold | a PMO role; a template is required | approved | create the project from the template, notify the requester, audit |
/// | reject(reason) | submitted, in review, on hold | a PMO role; a reason is required | rejected | notify the requester, audit |
/// | hold(reason) | in review | a PMO role; a reason is required | on hold | notify the requester, audit |
/// | resume | on hold | a PMO role | in review | audit |
/// | withdraw | draft, submitted, in review, on hold | the requester | withdrawn | notify the PMO (unless it was a draft), audit |
///
/// Approved, rejected and withdrawn are final. The governance mode does not change who decides intake: assessing
/// pending requests is the PMO's in every mode.
public enum IntakeWorkflow {
    public enum Status: String, Sendable, Hashable, CaseIterable {
        case draft, submitted, inReview = "in_review", approved, rejected, onHold = "on_hold", withdrawn

        public var label: String {
            switch self {
            case .inReview: "in review"
            case .onHold: "on hold"
            default: rawValue
            }
        }

        public var isFinal: Bool { self == .approved || self == .rejected || self == .withdrawn }
    }

    /// The state of one request as the workflow sees it.
    public struct State: Sendable, Hashable {
        public var status: Status
        public var requesterId: User.ID
        /// The template the project was created from, once approved.
        public var template: TemplateRef?
        /// Why it was rejected or put on hold.
        public var reason: String?

        public init(status: Status = .draft, requesterId: User.ID, template: TemplateRef? = nil,
                    reason: String? = nil) {
            self.status = status; self.requesterId = requesterId; self.template = template; self.reason = reason
        }
    }

    public enum Command: Sendable, Hashable {
        case submit
        case startReview
        case approve(template: TemplateRef?)
        case reject(reason: String)
        case hold(reason: String)
        case resume
        case withdraw

        public var verb: String {
            switch self {
            case .submit: "submitted"
            case .startReview: "taken into review"
            case .approve: "approved"
            case .reject: "rejected"
            case .hold: "put on hold"
            case .resume: "resumed"
            case .withdraw: "withdrawn"
            }
        }
    }

    public static func decide(_ command: Command, on state: State, by actor: WorkflowActor) -> WorkflowResult<State> {
        let from = state.status
        let allowedFrom: Set<Status>
        switch command {
        case .submit: allowedFrom = [.draft]
        case .startReview: allowedFrom = [.submitted]
        case .approve: allowedFrom = [.inReview, .onHold]
        case .reject: allowedFrom = [.submitted, .inReview, .onHold]
        case .hold: allowedFrom = [.inReview]
        case .resume: allowedFrom = [.onHold]
        case .withdraw: allowedFrom = [.draft, .submitted, .inReview, .onHold]
        }
        guard allowedFrom.contains(from) else {
            return .failure(GovernanceRefusal(.invalidTransition,
                "a request that is \(from.label) cannot be \(command.verb)"))
        }

        var next = state
        var effects: [GovernanceEffect] = []
        var note: String?
        switch command {
        case .submit, .withdraw:
            guard actor.userId == state.requesterId else {
                return .failure(GovernanceRefusal(.notAuthor,
                    "only the requester may \(command == .submit ? "submit" : "withdraw") their request"))
            }
            next.status = command == .submit ? .submitted : .withdrawn
            if command == .submit || from != .draft { effects.append(.notify(.pmo, reason: "an intake request was \(command.verb)")) }
        case .startReview, .approve, .reject, .hold, .resume:
            guard actor.isPMO else {
                return .failure(GovernanceRefusal(.pmoRequired,
                    "only a PMO role may review and decide intake requests"))
            }
            switch command {
            case .startReview:
                next.status = .inReview
            case .approve(let template):
                guard let template else {
                    return .failure(GovernanceRefusal(.templateRequired,
                        "approving a request creates a project, so it must name the template to create it from"))
                }
                next.status = .approved
                next.template = template
                next.reason = nil
                effects.append(.createProject(template: template))
            case .reject(let reason), .hold(let reason):
                guard !reason.isBlank else {
                    return .failure(GovernanceRefusal(.reasonRequired,
                        "a request is \(command.verb) only with a reason the requester can read"))
                }
                if case .reject = command { next.status = .rejected } else { next.status = .onHold }
                next.reason = reason
                note = reason
            default:
                next.status = .inReview
            }
            if command != .resume {
                effects.append(.notify(.user(state.requesterId), reason: "your intake request was \(command.verb)"))
            }
        }
        effects.append(.audit(AuditEntry(record: "intake request", by: actor.userId, before: from.rawValue,
                                         after: next.status.rawValue, note: note)))
        return .success(Transition(state: next, effects: effects))
    }
}
