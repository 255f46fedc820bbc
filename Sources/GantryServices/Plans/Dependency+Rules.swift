public import GantryModel
public import GantryGovernance
import GantryScheduling

extension Dependency: ManagedEntity {
    public static func subject(of r: Dependency, in session: any StoreSession) async throws -> Subject {
        try await scheduleSubject(r.projectId, in: session)
    }
    public static let listSubject = Subject.schedule(portfolioOwnerId: nil, managerId: nil)
    public static let filters: [String: FilterKind] = [
        "project_id": .reference, "predecessor_id": .reference, "successor_id": .reference,
        "type": .oneOf(DependencyType.allCases.map(\.rawValue)),
    ]

    public static func validate(_ r: Dependency, existing: Dependency?, in session: any StoreSession) async throws {
        var c = Checks()
        if let existing, existing.projectId != r.projectId {
            c.fail("project_id", "a dependency cannot move to another project")
        }
        try await c.exists("project_id", r.projectId, Project.self, in: session)
        let predecessor = try await session.get(Activity.self, r.predecessorId)
        let successor = try await session.get(Activity.self, r.successorId)
        if predecessor == nil { c.fail("predecessor_id", "predecessor_id: activity \(r.predecessorId) does not exist") }
        if successor == nil { c.fail("successor_id", "successor_id: activity \(r.successorId) does not exist") }
        for (field, activity) in [("predecessor_id", predecessor), ("successor_id", successor)] {
            if let activity, activity.projectId != r.projectId {
                c.fail(field, "activity \(activity.id) belongs to project \(activity.projectId), not to project \(r.projectId)")
            }
        }
        if r.predecessorId == r.successorId { c.fail("successor_id", "an activity cannot depend on itself") }
        if abs(r.lag.minutes()) > 60 * 24 * 366 * 10 { c.fail("lag", "lag \(r.lag) is longer than 10 years") }
        try c.throwIfAny()

        let siblings = try await session.list(Dependency.self, ListQuery(filters: ["project_id": .int(r.projectId.rawValue)]))
            .filter { $0.id != r.id }
        if siblings.contains(where: { $0.predecessorId == r.predecessorId && $0.successorId == r.successorId }) {
            throw ServiceError(.conflict, "activity \(r.predecessorId) is already linked to activity \(r.successorId)")
        }
        if let cycle = closedCycle(adding: r, to: siblings) {
            var names: [String] = []
            for id in cycle {
                let a = try await session.get(Activity.self, id)
                names.append(a.map { "\($0.code) \($0.name)" } ?? "activity \(id)")
            }
            throw ServiceError(
                .dependencyCycle,
                "this dependency would close a cycle: \(names.joined(separator: " → "))",
                problems: [FieldProblem(field: "successor_id", message: "closes the cycle " + cycle.map(\.description).joined(separator: " → "))])
        }
    }

    public static func didChange(_ r: Dependency, in session: any StoreSession) async throws {
        try await session.bumpScheduleRevision(of: r.projectId)
    }

    /// The cycle, activity ids in link order with the first repeated at the end, that `link` would close.
    static func closedCycle(adding link: Dependency, to links: [Dependency]) -> [Activity.ID]? {
        var index: [Activity.ID: Int] = [:]
        var ids: [Activity.ID] = []
        func node(_ id: Activity.ID) -> Int {
            if let i = index[id] { return i }
            index[id] = ids.count
            ids.append(id)
            return ids.count - 1
        }
        // Number the new link's successor first: the cycle search starts at the smallest index, so the named cycle
        // begins where the user is linking to.
        _ = node(link.successorId)
        let edges = ([link] + links).map { (from: node($0.predecessorId), to: node($0.successorId)) }
        let graph = PrecedenceGraph(count: ids.count, edges: edges)
        guard case .cycle(let cycle) = TopologicalOrder.of(graph) else { return nil }
        return cycle.map { ids[$0] }
    }
}
