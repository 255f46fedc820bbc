public import GantryModel

/// A stage gate: the decision meeting at the end of a phase (Cooper's Stage-Gate, DOMAIN.md §7). The gate has
/// criteria — must-meet (knock-out, yes or no) and should-meet (scored 0–10, weighted) — with evidence, and ends in
/// a decision: go (open the next phase), hold (park it), recycle (reopen the phase to rework it) or kill (close the
/// project).
///
/// Who may do what, by the portfolio's governance mode (DESIGN.md, "Governance modes"):
///
/// | | supportive | controlling | directive |
/// |---|---|---|---|
/// | attach evidence, score should-meet criteria | PM, PMO | PM, PMO | PM, PMO |
/// | assess must-meet criteria (met or not) | PM, PMO | PMO | PMO |
/// | go with every must-meet met | PM, PMO | PM, PMO | PMO |
/// | go with a must-meet unmet (comment required) | PM, PMO | PMO | PMO |
/// | hold, recycle (comment required) | PM, PMO | PM, PMO | PMO |
/// | kill (comment required) | PM, PMO | PMO | PMO |
///
/// "PM" is the manager of the project the gate belongs to; "PMO" a PMO director or analyst, or the administrator.
/// Nobody else may change a gate. A must-meet criterion not yet assessed counts as unmet. In a supportive portfolio
/// nothing blocks: a go over unmet must-meets is recorded and the PMO is told.
///
/// A gate can be decided while it is open, on hold or recycled; after go or kill it is final.
public enum StageGateWorkflow {
    public enum Status: String, Sendable, Hashable, CaseIterable {
        case open, onHold = "on_hold", recycled, passed, killed

        public var label: String {
            switch self {
            case .onHold: "on hold"
            default: rawValue
            }
        }

        /// Whether the gate still waits for a decision.
        public var isPending: Bool { self == .open || self == .onHold || self == .recycled }
    }

    public enum Decision: String, Sendable, Hashable, CaseIterable {
        case go, hold, recycle, kill

        var status: Status {
            switch self {
            case .go: .passed
            case .hold: .onHold
            case .recycle: .recycled
            case .kill: .killed
            }
        }
    }

    /// Evidence for a criterion: a link, or the metadata of a stored file.
    public enum Evidence: Sendable, Hashable {
        case link(url: String, title: String)
        case file(name: String, mediaType: String, bytes: Int64)
    }

    public struct Criterion: Sendable, Hashable {
        public enum Kind: Sendable, Hashable {
            /// A knock-out criterion: met or not.
            case mustMeet
            /// A scored criterion with a weight (any positive number; weights are normalised).
            case shouldMeet(weight: Double)
        }

        /// The criterion's name, unique within its gate.
        public var name: String
        public var kind: Kind
        /// Whether a must-meet criterion can be marked met only with evidence attached.
        public var requiresEvidence: Bool
        /// A must-meet criterion's assessment; `nil` until assessed.
        public var met: Bool?
        /// A should-meet criterion's score on the scale 0–10; `nil` until scored.
        public var score: Double?
        public var evidence: [Evidence]

        public init(name: String, kind: Kind, requiresEvidence: Bool = false, met: Bool? = nil, score: Double? = nil,
                    evidence: [Evidence] = []) {
            self.name = name; self.kind = kind; self.requiresEvidence = requiresEvidence; self.met = met
            self.score = score; self.evidence = evidence
        }

        public var isMustMeet: Bool { kind == .mustMeet }
    }

    /// The scale a should-meet criterion is scored on.
    public static let scoreScale: ClosedRange<Double> = 0...10

    /// A recorded gate decision.
    public struct Record: Sendable, Hashable {
        public var decision: Decision
        public var by: User.ID
        public var comment: String
        /// The must-meet criteria that were unmet when the decision was go (a PMO override, or advice ignored in a
        /// supportive portfolio).
        public var unmetMustMeets: [String]

        public init(decision: Decision, by: User.ID, comment: String, unmetMustMeets: [String] = []) {
            self.decision = decision; self.by = by; self.comment = comment; self.unmetMustMeets = unmetMustMeets
        }
    }

    public struct State: Sendable, Hashable {
        public var status: Status
        public var criteria: [Criterion]
        /// Every decision taken at this gate, oldest first.
        public var decisions: [Record]

        public init(status: Status = .open, criteria: [Criterion], decisions: [Record] = []) {
            self.status = status; self.criteria = criteria; self.decisions = decisions
        }

        /// The names of the must-meet criteria not (yet) met.
        public var unmetMustMeets: [String] { criteria.filter { $0.isMustMeet && $0.met != true }.map(\.name) }

        /// The should-meet criteria's weighted mean score, Σ weight × score / Σ weight over the scored ones, on the
        /// 0–10 scale; `nil` when none is scored.
        public var weightedScore: Double? {
            var total = 0.0, weights = 0.0
            for criterion in criteria {
                if case .shouldMeet(let weight) = criterion.kind, let score = criterion.score {
                    total += weight * score
                    weights += weight
                }
            }
            return weights > 0 ? total / weights : nil
        }
    }

    public enum Command: Sendable, Hashable {
        case attachEvidence(criterion: String, Evidence)
        case assess(criterion: String, met: Bool)
        case score(criterion: String, score: Double)
        case decide(Decision, comment: String)
    }

    public struct Context: Sendable, Hashable {
        public var mode: GovernanceMode
        public init(mode: GovernanceMode) { self.mode = mode }
    }

    public static func decide(_ command: Command, on state: State, by actor: WorkflowActor,
                              in context: Context) -> WorkflowResult<State> {
        guard state.status.isPending else {
            return .failure(GovernanceRefusal(.invalidTransition,
                "the gate is \(state.status.label) and can no longer change"))
        }
        guard actor.isPMO || actor.managesProject else {
            return .failure(GovernanceRefusal(.notPermitted,
                "only the project's manager or a PMO role may work on its gates"))
        }
        switch command {
        case .attachEvidence(let name, let evidence):
            return update(state, criterion: name, by: actor) { criterion in
                criterion.evidence.append(evidence)
                return .success("evidence attached")
            }
        case .assess(let name, let met):
            if context.mode != .supportive && !actor.isPMO {
                return .failure(GovernanceRefusal(.pmoRequired,
                    "in a \(context.mode.rawValue) portfolio, only a PMO role assesses must-meet criteria"))
            }
            return update(state, criterion: name, by: actor) { criterion in
                guard criterion.isMustMeet else {
                    return .failure(GovernanceRefusal(.invalidTransition,
                        "\"\(criterion.name)\" is a should-meet criterion: it is scored, not met"))
                }
                if met && criterion.requiresEvidence && criterion.evidence.isEmpty {
                    return .failure(GovernanceRefusal(.evidenceRequired,
                        "\"\(criterion.name)\" can be marked met only with evidence attached"))
                }
                criterion.met = met
                return .success(met ? "met" : "not met")
            }
        case .score(let name, let score):
            return update(state, criterion: name, by: actor) { criterion in
                guard !criterion.isMustMeet else {
                    return .failure(GovernanceRefusal(.invalidTransition,
                        "\"\(criterion.name)\" is a must-meet criterion: it is met or not, not scored"))
                }
                guard scoreScale.contains(score) else {
                    return .failure(GovernanceRefusal(.outOfRange,
                        "a should-meet criterion is scored from 0 to 10, not \(score)"))
                }
                criterion.score = score
                return .success("scored \(score)")
            }
        case .decide(let decision, let comment):
            return decideGate(decision, comment: comment, on: state, by: actor, mode: context.mode)
        }
    }

    private static func update(_ state: State, criterion name: String, by actor: WorkflowActor,
                               _ change: (inout Criterion) -> Result<String, GovernanceRefusal>)
        -> WorkflowResult<State> {
        guard let index = state.criteria.firstIndex(where: { $0.name == name }) else {
            return .failure(GovernanceRefusal(.unknownCriterion, "the gate has no criterion named \"\(name)\""))
        }
        var next = state
        let before = next.criteria[index]
        switch change(&next.criteria[index]) {
        case .failure(let refusal):
            return .failure(refusal)
        case .success(let what):
            let entry = AuditEntry(record: "stage gate", by: actor.userId, before: describe(before),
                                   after: describe(next.criteria[index]), note: what)
            return .success(Transition(state: next, effects: [.audit(entry)]))
        }
    }

    private static func describe(_ criterion: Criterion) -> String {
        let assessment: String
        switch criterion.kind {
        case .mustMeet: assessment = criterion.met.map { $0 ? "met" : "not met" } ?? "not assessed"
        case .shouldMeet: assessment = criterion.score.map { "score \($0)" } ?? "not scored"
        }
        return "\(criterion.name): \(assessment), \(criterion.evidence.count) evidence"
    }

    private static func decideGate(_ decision: Decision, comment: String, on state: State, by actor: WorkflowActor,
                                   mode: GovernanceMode) -> WorkflowResult<State> {
        let unmet = state.unmetMustMeets
        if !actor.isPMO {
            switch mode {
            case .supportive:
                break
            case .controlling:
                if decision == .kill {
                    return .failure(GovernanceRefusal(.pmoRequired,
                        "in a controlling portfolio, only a PMO role may kill a project at a gate"))
                }
                if decision == .go && !unmet.isEmpty {
                    return .failure(GovernanceRefusal(.mustMeetUnmet,
                        "in a controlling portfolio, unmet must-meet criteria (\(unmet.joined(separator: ", "))) "
                            + "block the next phase until a PMO role decides go"))
                }
            case .directive:
                return .failure(GovernanceRefusal(.pmoRequired,
                    "in a directive portfolio, only a PMO role decides gates"))
            }
        }
        let overriding = decision == .go && !unmet.isEmpty
        if (decision != .go || overriding) && comment.isBlank {
            return .failure(GovernanceRefusal(.commentRequired, overriding
                ? "a go with unmet must-meet criteria needs a comment that says why"
                : "a \(decision.rawValue) decision needs a comment that says why"))
        }

        var next = state
        next.status = decision.status
        next.decisions.append(Record(decision: decision, by: actor.userId, comment: comment,
                                     unmetMustMeets: decision == .go ? unmet : []))
        var effects: [GovernanceEffect] = []
        switch decision {
        case .go: effects.append(.openNextPhase)
        case .hold: break
        case .recycle: effects.append(.reopenPhase)
        case .kill: effects.append(.closeProject)
        }
        let told: Recipient = actor.isPMO ? .projectManager : .pmo
        var news = "the gate was decided \(decision.rawValue)"
        if overriding { news += " with unmet must-meet criteria: \(unmet.joined(separator: ", "))" }
        effects.append(.notify(told, reason: news))
        effects.append(.audit(AuditEntry(record: "stage gate", by: actor.userId, before: state.status.rawValue,
                                         after: next.status.rawValue, note: comment.isBlank ? nil : comment)))
        return .success(Transition(state: next, effects: effects))
    }
}
