public import GantryModel
import GantryGovernance

/// Where an approved request's project gets its template's phases, gates and WBS skeleton.
enum ProjectTemplates {
    static func instantiate(_ ref: TemplateRef, into project: Project, by caller: Caller, at now: Timestamp,
                            in session: any StoreSession) async throws {
        guard let template = try await session.get(ProjectTemplate.self, ProjectTemplate.ID(ref.id)) else {
            throw ServiceError.invalid(field: "template_id", "template_id: template \(ref.id) does not exist")
        }
        guard template.active else {
            throw ServiceError.invalid(field: "template_id", "template '\(template.name)' is inactive; choose an active one")
        }
        try await TemplateInstantiation.apply(template, to: project, by: caller, in: session, at: now)
    }
}

extension Intake {
    /// The active templates an approver can choose from, by id and name.
    public func templateChoices(_ caller: Caller) async throws -> [(id: Int64, name: String)] {
        try caller.require(.view, ProjectTemplate.listSubject)
        return try await store.read { try await $0.list(ProjectTemplate.self, ListQuery()) }
            .filter(\.active).map { ($0.id.rawValue, $0.name) }
    }
}
