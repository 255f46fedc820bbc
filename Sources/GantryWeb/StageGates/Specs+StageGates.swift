import GantryModel
import GantryServices

extension Specs {
    static let templates = ResourceSpec(
        path: "templates",
        template: ProjectTemplate(name: "", createdAt: epoch, updatedAt: epoch),
        required: ["name", "phases"],
        summary: "Project templates, PMO standards: phases with their gates and criteria, a WBS skeleton, RAID categories, report cadence. A template projects were made from is not deleted (409): set active to false")
    static let phases = ResourceSpec(
        path: "phases",
        template: ProjectPhase(projectId: .init(0), name: "", createdAt: epoch, updatedAt: epoch),
        required: ["project_id", "name", "gate_name"],
        summary: "A project's phases, each ending in a gate with criteria, evidence and decisions. Criteria and evidence change by update under the portfolio's governance mode; status, gate_status and decisions only by POST /api/v1/phases/{id}/decide")
}
