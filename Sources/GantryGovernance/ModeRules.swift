public import GantryModel

/// The governance modes' rules that are one decision rather than a workflow.
///
/// | | supportive | controlling | directive |
/// |---|---|---|---|
/// | save a baseline outside a change request | the project's manager, PMO | the project's manager, PMO | PMO |
/// | assign a project's manager | the portfolio's owner, PMO | the portfolio's owner, PMO | PMO |
///
/// (DESIGN.md: in a directive portfolio "the PMO assigns project managers, approves every baseline … PMs cannot
/// re-baseline on their own".) "PMO" is a PMO director or analyst, or the administrator.
public enum ModeRules {
    /// Saving the project's current plan as a named baseline, outside a change request.
    public static func saveBaseline(named name: String, by actor: WorkflowActor,
                                    mode: GovernanceMode) -> Result<[GovernanceEffect], GovernanceRefusal> {
        if !actor.isPMO {
            guard actor.managesProject else {
                return .failure(GovernanceRefusal(.notPermitted,
                    "only the project's manager or a PMO role may save a baseline"))
            }
            if mode == .directive {
                return .failure(GovernanceRefusal(.pmoRequired,
                    "in a directive portfolio, the PMO approves every baseline: a project manager cannot re-baseline "
                        + "on their own"))
            }
        }
        guard !name.isBlank else {
            return .failure(GovernanceRefusal(.nameRequired, "a baseline needs a name"))
        }
        return .success([.saveBaseline(name: name),
                         .audit(AuditEntry(record: "baseline", by: actor.userId, before: "", after: name))])
    }

    /// Making `manager` the project's manager in place of `current`.
    public static func assignProjectManager(_ manager: User.ID, replacing current: User.ID?, by actor: WorkflowActor,
                                            mode: GovernanceMode) -> Result<[GovernanceEffect], GovernanceRefusal> {
        if !actor.isPMO {
            guard actor.relations.contains(.portfolioOwner) else {
                return .failure(GovernanceRefusal(.notPermitted,
                    "only the portfolio's owner or a PMO role may assign a project's manager"))
            }
            if mode == .directive {
                return .failure(GovernanceRefusal(.pmoRequired,
                    "in a directive portfolio, the PMO assigns project managers"))
            }
        }
        var effects: [GovernanceEffect] = [.assignProjectManager(manager),
                                           .notify(.user(manager), reason: "you are now the project's manager")]
        if let current, current != manager {
            effects.append(.notify(.user(current), reason: "you are no longer the project's manager"))
        }
        effects.append(.audit(AuditEntry(record: "project", by: actor.userId,
                                         before: current.map { "manager \($0)" } ?? "no manager",
                                         after: "manager \(manager)")))
        return .success(effects)
    }
}
