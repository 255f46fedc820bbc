import GantryModel
import GantryServices

/// The capacity forecast's records as API records (issue #14). A scenario's `state` moves by its actions
/// (`POST /api/v1/capacity/scenarios/{id}/commit` and `/discard`), never by an edit.
extension Specs {
    static func visitCapacity(_ visitor: inout some SpecVisitor) {
        visitor.visit(skills)
        visitor.visit(jobRoles)
        visitor.visit(absences)
        visitor.visit(backgroundLoads)
        visitor.visit(allocations)
        visitor.visit(capacitySettings)
        visitor.visit(scenarios)
    }

    static let skills = ResourceSpec(
        path: "skills",
        template: Skill(name: "", createdAt: epoch, updatedAt: epoch),
        required: ["name"], summary: "The PMO's catalogue of skills; resources hold them at levels 1 (aware) to 5 (expert)")
    static let jobRoles = ResourceSpec(
        path: "job-roles",
        template: JobRole(name: "", createdAt: epoch, updatedAt: epoch),
        required: ["name"], summary: "The PMO's catalogue of job roles: a resource's role, what generic resources and allocations stand for")
    static let absences = ResourceSpec(
        path: "absences",
        template: Absence(resourceId: .init(0), firstDay: CalendarDate(year: 2000, month: 1, day: 1)!,
                          lastDay: CalendarDate(year: 2000, month: 1, day: 1)!, createdAt: epoch, updatedAt: epoch),
        required: ["resource_id", "first_day", "last_day"],
        summary: "Days a person is away (leave, training): whole days, or hours_per_day; they reduce capacity")
    static let backgroundLoads = ResourceSpec(
        path: "background-loads",
        template: BackgroundLoad(resourceId: .init(0), name: "", hoursPerWeek: 0, createdAt: epoch, updatedAt: epoch),
        required: ["resource_id", "name", "hours_per_week"],
        summary: "Recurring non-project work of a resource (support rota, admin): hours every week, taken before project work")
    static let allocations = ResourceSpec(
        path: "allocations",
        template: ProjectAllocation(projectId: .init(0), amount: 0, firstDay: CalendarDate(year: 2000, month: 1, day: 1)!,
                                    lastDay: CalendarDate(year: 2000, month: 1, day: 1)!, createdAt: epoch, updatedAt: epoch),
        required: ["project_id", "amount", "first_day", "last_day"],
        summary: "Project-level demand before a plan: a role or a resource, hours a week or month or % of capacity, over dates; the plan wins where both exist")
    static let capacitySettings = ResourceSpec(
        path: "capacity-settings",
        template: CapacitySettings(createdAt: epoch, updatedAt: epoch),
        required: [], summary: "The PMO's capacity settings (one record): pipeline weights per state, heatmap bands, hours in a full-time day")
    static let scenarios = ResourceSpec(
        path: "scenarios",
        template: CapacityScenario(name: "", createdAt: epoch, updatedAt: epoch),
        required: ["name"],
        summary: "What-if scenarios: draft changes to the forecast's inputs; commit applies them in one transaction",
        computed: ["state", "owner_id"])
}
