public import GantryModel
public import GantryGovernance

/// Who a use case runs for: a signed-in user, or the system itself (the CLI on the server's own machine, the
/// demo loader, migrations), which the permission policy does not restrict.
public enum Caller: Sendable, Hashable {
    case system
    case user(Actor)

    public static func user(_ user: User) -> Caller { .user(Actor(userId: user.id, role: user.role)) }

    /// The user acting, or nil for the system.
    public var userId: User.ID? {
        if case .user(let actor) = self { return actor.userId }
        return nil
    }

    /// The view permission for one record: its ownership (`subject`, which may read the store) is loaded only when
    /// the caller may not view every record of its kind (`kind`).
    public func requireView(_ kind: Subject, _ subject: () async throws -> Subject) async throws {
        if (try? require(.view, kind)) != nil { return }
        try require(.view, try await subject())
    }

    /// Asks the permission policy; throws `forbidden` with the policy's reason when refused.
    public func require(_ action: Action, _ subject: Subject) throws(ServiceError) {
        guard case .user(let actor) = self else { return }
        if case .refused(let reason) = PermissionPolicy.decide(actor, action, subject) {
            throw ServiceError(.forbidden, "Not allowed: \(reason).")
        }
    }
}
