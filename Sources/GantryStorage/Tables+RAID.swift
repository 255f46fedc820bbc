/// The RAID log, change requests and baselines (migration 0006).
extension Table {
    static let risks = Table(
        name: "risks",
        columns: [.int("project_id"), .text("title"), .text("description"), .text("category"), .int("probability"),
                  .int("impact"), .int("score"), .text("level"), .int("owner_id", null: true),
                  .text("response_strategy"), .text("response_plan"), .text("trigger"), .text("due_date", null: true),
                  .text("status"), .text("close_reason", null: true), .int("issue_id", null: true)] + stamps,
        uniques: [], indexes: [["project_id"], ["owner_id"]])
    static let assumptions = Table(
        name: "assumptions",
        columns: [.int("project_id"), .text("statement"), .int("owner_id", null: true), .text("status"),
                  .text("validate_by", null: true), .text("notes")] + stamps,
        uniques: [], indexes: [["project_id"], ["owner_id"]])
    static let issues = Table(
        name: "issues",
        columns: [.int("project_id"), .text("title"), .text("description"), .text("severity"),
                  .int("owner_id", null: true), .text("due_date", null: true), .text("status"), .text("resolution"),
                  .int("risk_id", null: true)] + stamps,
        uniques: [], indexes: [["project_id"], ["owner_id"], ["risk_id"]])
    static let decisions = Table(
        name: "decisions",
        columns: [.int("project_id"), .text("title"), .text("context"), .json("options"),
                  .text("chosen_option", null: true), .text("rationale"), .int("decided_by", null: true),
                  .text("decided_at", null: true), .text("status")] + stamps,
        uniques: [], indexes: [["project_id"], ["decided_by"]])
    static let changeRequests = Table(
        name: "change_requests",
        columns: [.int("project_id"), .text("title"), .text("description"), .text("scope_impact"),
                  .int("schedule_impact_days"), .int("cost_impact_minor"), .text("currency"), .text("status"),
                  .int("author_id", null: true), .text("required_approver", null: true),
                  .text("required_approver_reason", null: true), .text("submitted_at", null: true),
                  .int("decided_by", null: true), .text("decided_at", null: true), .text("reason", null: true),
                  .json("budget_changes", null: true),
                  .text("baseline_name", null: true), .int("baseline_id", null: true)] + stamps,
        uniques: [], indexes: [["project_id"], ["author_id"]])
    static let baselines = Table(
        name: "baselines",
        columns: [.int("project_id"), .text("name"), .int("created_by", null: true),
                  .int("change_request_id", null: true), .json("activities"), .bool("performance"),
                  .text("currency", null: true)] + stamps,
        uniques: [["project_id", "name"]], indexes: [])

    /// The tables migration 0006 creates.
    static let raidAndChanges: [Table] = [risks, assumptions, issues, decisions, changeRequests, baselines]
}
