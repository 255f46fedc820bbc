import GantryGovernance

extension GovernanceRefusal {
    /// The service error for a workflow's refusal, for every workflow: 409 when the state does not allow it, 403 when
    /// the mode or the role does not (with the reason), 422 naming `field` when the input is wrong (a missing
    /// reason, comment, name or template).
    func serviceError(field: String) -> ServiceError {
        switch code {
        case .invalidTransition, .modeUnchanged:
            ServiceError(.conflict, reason)
        case .notPermitted, .pmoRequired, .mustMeetUnmet, .notAuthor: ServiceError(.forbidden, "Not allowed: \(reason).")
        default: ServiceError.invalid(field: field, reason)
        }
    }
}
