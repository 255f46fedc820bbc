public import GantryModel
public import GantryGovernance

extension Assignment: ManagedEntity {
    public static func subject(of r: Assignment, in session: any StoreSession) async throws -> Subject {
        try await scheduleSubject(r.projectId, in: session)
    }
    public static let listSubject = Subject.schedule(portfolioOwnerId: nil, managerId: nil)
    public static let filters: [String: FilterKind] = [
        "project_id": .reference, "activity_id": .reference, "resource_id": .reference,
    ]

    public static func validate(_ r: Assignment, existing: Assignment?, in session: any StoreSession) async throws {
        var c = Checks()
        c.range("units", r.units, 0...100_000)
        if r.units == 0 { c.fail("units", "units must be above 0 (100 is one full-time person)") }
        if let existing, existing.projectId != r.projectId {
            c.fail("project_id", "an assignment cannot move to another project")
        }
        try await c.exists("project_id", r.projectId, Project.self, in: session)
        try await c.exists("resource_id", r.resourceId, Resource.self, in: session)
        if let activity = try await session.get(Activity.self, r.activityId) {
            if activity.projectId != r.projectId {
                c.fail("activity_id", "activity \(activity.id) belongs to project \(activity.projectId), not to project \(r.projectId)")
            } else if activity.kind == .summary {
                c.fail("activity_id", "activity \(activity.id) is a summary; assign resources to its parts")
            }
        } else {
            c.fail("activity_id", "activity_id: activity \(r.activityId) does not exist")
        }
        try c.throwIfAny()
        try await ensureUnique(r, ["activity_id": .int(r.activityId.rawValue), "resource_id": .int(r.resourceId.rawValue)],
                               "resource \(r.resourceId) is already assigned to activity \(r.activityId)", in: session)
    }

    public static func didChange(_ r: Assignment, in session: any StoreSession) async throws {
        try await session.bumpScheduleRevision(of: r.projectId)
    }
}
