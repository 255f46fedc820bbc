public import GantryModel

/// Changing a portfolio's governance mode. Only the administrator and the PMO director may; the change is itself
/// audited (before, after, who, the comment) and the PMO is told.
public enum GovernanceModeChange {
    public static func decide(to mode: GovernanceMode, from current: GovernanceMode, by actor: WorkflowActor,
                              comment: String? = nil) -> WorkflowResult<GovernanceMode> {
        guard actor.role == .admin || actor.role == .pmoDirector else {
            return .failure(GovernanceRefusal(.notPermitted,
                "only the administrator or the PMO director may change a portfolio's governance mode"))
        }
        guard mode != current else {
            return .failure(GovernanceRefusal(.modeUnchanged, "the portfolio is already \(mode.rawValue)"))
        }
        let note = comment.flatMap { $0.isBlank ? nil : $0 }
        return .success(Transition(state: mode, effects: [
            .setGovernanceMode(mode),
            .notify(.pmo, reason: "the portfolio's governance mode changed from \(current.rawValue) to \(mode.rawValue)"),
            .audit(AuditEntry(record: "portfolio", by: actor.userId, before: current.rawValue, after: mode.rawValue,
                              note: note)),
        ]))
    }
}
