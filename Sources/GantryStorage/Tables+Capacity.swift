import GantryModel

extension Table {
    static let skills = Table(
        name: "skills",
        columns: [.text("name"), .text("category"), .text("description")] + stamps,
        uniques: [["name"]], indexes: [])
    static let jobRoles = Table(
        name: "job_roles",
        columns: [.text("name"), .text("description")] + stamps,
        uniques: [["name"]], indexes: [])
    static let absences = Table(
        name: "absences",
        columns: [.int("resource_id"), .text("kind"), .text("first_day"), .text("last_day"),
                  .double("hours_per_day", null: true), .text("note")] + stamps,
        uniques: [], indexes: [["resource_id"]])
    static let backgroundLoads = Table(
        name: "background_loads",
        columns: [.int("resource_id"), .text("name"), .double("hours_per_week"), .text("first_day", null: true),
                  .text("last_day", null: true)] + stamps,
        uniques: [], indexes: [["resource_id"]])
    static let allocations = Table(
        name: "allocations",
        columns: [.int("project_id"), .int("resource_id", null: true), .text("role"), .text("unit"), .double("amount"),
                  .text("first_day"), .text("last_day"), .text("note")] + stamps,
        uniques: [], indexes: [["project_id"], ["resource_id"]])
    static let capacitySettings = Table(
        name: "capacity_settings",
        columns: [.json("pipeline_weights"), .double("healthy_from"), .double("healthy_through"),
                  .double("at_risk_through"), .double("hours_per_day")] + stamps,
        uniques: [], indexes: [])
    static let scenarios = Table(
        name: "capacity_scenarios",
        columns: [.text("name"), .text("description"), .text("state"), .json("changes"), .int("owner_id", null: true)]
            + stamps,
        uniques: [], indexes: [])

    /// The tables migration 0015 creates.
    static let capacity: [Table] = [skills, jobRoles, absences, backgroundLoads, allocations, capacitySettings, scenarios]
}
