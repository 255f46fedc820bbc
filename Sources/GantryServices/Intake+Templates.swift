public import GantryModel
import GantryGovernance

/// Where an approved request's project gets its template's phases, gates and WBS skeleton.
enum ProjectTemplates {
    static func instantiate(_ template: TemplateRef, into project: Project, at now: Timestamp,
                            in session: any StoreSession) async throws {
        // Wired to TemplateInstantiation when the templates land.
    }
}

extension Intake {
    /// The templates an approver can choose from, by id and name.
    public func templateChoices(_ caller: Caller) async throws -> [(id: Int64, name: String)] {
        []
    }
}
