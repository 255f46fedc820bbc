public import GantryModel

/// A risk's score: probability × impact, each on a 1–5 scale, so the score runs from 1 to 25.
///
/// | value | probability | impact |
/// |---|---|---|
/// | 1 | rare (under 10 %) | negligible |
/// | 2 | unlikely (10–30 %) | minor |
/// | 3 | possible (30–50 %) | moderate |
/// | 4 | likely (50–70 %) | major |
/// | 5 | almost certain (over 70 %) | severe |
///
/// The level comes from configurable bands (`RiskScore.Bands`), by default low 1–4, medium 5–11, high 12–25.
public struct RiskScore: Sendable, Hashable {
    public static let scale: ClosedRange<Int> = 1...5
    public static let probabilityLabels = ["rare", "unlikely", "possible", "likely", "almost certain"]
    public static let impactLabels = ["negligible", "minor", "moderate", "major", "severe"]

    public let probability: Int
    public let impact: Int

    /// A score, or `nil` when the probability or the impact is outside 1–5.
    public init?(probability: Int, impact: Int) {
        guard Self.scale.contains(probability), Self.scale.contains(impact) else { return nil }
        self.probability = probability; self.impact = impact
    }

    /// probability × impact, 1–25.
    public var value: Int { probability * impact }

    public enum Level: String, Sendable, Hashable, CaseIterable { case low, medium, high }

    /// Where the levels start: a score at or above `highFrom` is high, at or above `mediumFrom` medium, else low.
    public struct Bands: Sendable, Hashable {
        public var mediumFrom: Int
        public var highFrom: Int
        public init(mediumFrom: Int = 5, highFrom: Int = 12) { self.mediumFrom = mediumFrom; self.highFrom = highFrom }
        public static let standard = Bands()
    }

    public func level(_ bands: Bands = .standard) -> Level {
        value >= bands.highFrom ? .high : value >= bands.mediumFrom ? .medium : .low
    }

    /// "likely (4) × major (4) = 16".
    public var explanation: String {
        "\(Self.probabilityLabels[probability - 1]) (\(probability)) × \(Self.impactLabels[impact - 1]) (\(impact)) "
            + "= \(value)"
    }
}

/// A risk in the RAID log: open → closed (with a reason) or converted into an issue (it happened); a closed risk can
/// be reopened. The risk's owner, the project's manager or a PMO role may change it, in every mode.
///
/// | command | from | to | effects |
/// |---|---|---|---|
/// | rescore(probability, impact) | open | open | audit |
/// | convertToIssue | open | converted | create an issue from the risk, notify the owner, audit |
/// | close(reason) | open | closed | audit |
/// | reopen | closed | open | audit |
public enum RiskWorkflow {
    public enum Status: String, Sendable, Hashable, CaseIterable { case open, closed, converted }

    public struct State: Sendable, Hashable {
        public var status: Status
        public var ownerId: User.ID?
        public var score: RiskScore
        public var closeReason: String?

        public init(status: Status = .open, ownerId: User.ID?, score: RiskScore, closeReason: String? = nil) {
            self.status = status; self.ownerId = ownerId; self.score = score; self.closeReason = closeReason
        }
    }

    public enum Command: Sendable, Hashable {
        case rescore(probability: Int, impact: Int)
        case convertToIssue
        case close(reason: String)
        case reopen

        var name: String {
            switch self {
            case .rescore: "rescored"
            case .convertToIssue: "converted into an issue"
            case .close: "closed"
            case .reopen: "reopened"
            }
        }
    }

    public static func decide(_ command: Command, on state: State, by actor: WorkflowActor) -> WorkflowResult<State> {
        let from = state.status
        let allowedFrom: Status = command == .reopen ? .closed : .open
        guard from == allowedFrom else {
            return .failure(GovernanceRefusal(.invalidTransition,
                "a risk that is \(from.rawValue) cannot be \(command.name)"))
        }
        guard actor.isPMO || actor.managesProject || (state.ownerId != nil && actor.userId == state.ownerId) else {
            return .failure(GovernanceRefusal(.notPermitted,
                "only the risk's owner, the project's manager or a PMO role may change a risk"))
        }
        var next = state
        var effects: [GovernanceEffect] = []
        var before = from.rawValue, after: String
        var note: String?
        switch command {
        case .rescore(let probability, let impact):
            guard let score = RiskScore(probability: probability, impact: impact) else {
                return .failure(GovernanceRefusal(.outOfRange,
                    "probability and impact are each scored from 1 to 5, not \(probability) and \(impact)"))
            }
            next.score = score
            before = state.score.explanation
            after = score.explanation
        case .convertToIssue:
            next.status = .converted
            after = next.status.rawValue
            effects.append(.createIssueFromRisk)
            if let owner = state.ownerId, owner != actor.userId {
                effects.append(.notify(.user(owner), reason: "your risk became an issue"))
            }
        case .close(let reason):
            guard !reason.isBlank else {
                return .failure(GovernanceRefusal(.reasonRequired, "a risk is closed only with a reason"))
            }
            next.status = .closed
            next.closeReason = reason
            after = next.status.rawValue
            note = reason
        case .reopen:
            next.status = .open
            next.closeReason = nil
            after = next.status.rawValue
        }
        effects.append(.audit(AuditEntry(record: "risk", by: actor.userId, before: before, after: after, note: note)))
        return .success(Transition(state: next, effects: effects))
    }
}
