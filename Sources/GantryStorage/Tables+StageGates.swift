extension Table {
    /// The PMO's project templates: phases with their gates and the WBS skeleton are JSON documents.
    static let templates = Table(
        name: "project_templates",
        columns: [.text("name"), .text("description"), .json("phases"), .json("wbs"), .json("raid_categories"),
                  .text("report_cadence"), .bool("active")] + stamps,
        uniques: [["name"]], indexes: [])
    /// A project's phases in order, each with its gate: criteria and decisions are JSON documents.
    static let phases = Table(
        name: "project_phases",
        columns: [.int("project_id"), .int("template_id", null: true), .int("position"), .text("name"),
                  .text("description"), .text("status"), .text("gate_name"), .text("gate_date", null: true),
                  .json("criteria"), .text("gate_status"), .json("decisions"), .json("deliverables")] + stamps,
        uniques: [["project_id", "position"]], indexes: [["template_id"]])
}
