import GantryModel
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
