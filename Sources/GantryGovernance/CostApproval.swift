public import GantryModel

/// Who may approve or reject time and expenses booked to a project: the project's manager, its portfolio's owner
/// and the PMO (the administrator too), and whoever stands in for the manager or the owner that day
/// (`standsInFor`, from their approval delegations); never the person who booked them (no one approves their own
/// costs).
public enum CostApproval {
    public static func decide(_ actor: Actor, portfolioOwnerId: User.ID?, managerId: User.ID?,
                              bookedBy: User.ID?, standsInFor: Set<User.ID> = []) -> Decision {
        if let bookedBy, bookedBy == actor.userId {
            return .refused("no one approves their own time or expenses; the project's manager or the PMO does")
        }
        switch actor.role {
        case .admin, .pmoDirector, .pmoAnalyst: return .allowed
        case .portfolioManager where portfolioOwnerId == actor.userId: return .allowed
        case .projectManager where managerId == actor.userId: return .allowed
        default:
            if let managerId, standsInFor.contains(managerId) { return .allowed }
            if let portfolioOwnerId, standsInFor.contains(portfolioOwnerId) { return .allowed }
            return .refused("only the project's manager, its portfolio's owner, their delegates and the PMO approve time and expenses booked to it")
        }
    }
}
