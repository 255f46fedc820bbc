import GantryModel

extension Table {
    static let intakeRequests = Table(
        name: "intake_requests",
        columns: [.int("portfolio_id"), .text("title"), .int("requester_id"), .int("sponsor_id", null: true),
                  .text("problem"), .text("goal"), .json("business_case"), .json("ratings"), .json("demand"),
                  .text("risks"), .text("desired_start", null: true), .text("status"), .int("template_id", null: true),
                  .int("project_id", null: true), .text("decision_reason", null: true), .text("submitted_at", null: true),
                  .int("decided_by", null: true), .text("decided_at", null: true)] + stamps,
        uniques: [], indexes: [["portfolio_id"], ["requester_id"], ["status"]])
    static let scoringModels = Table(
        name: "scoring_models",
        columns: [.int("portfolio_id"), .json("criteria"), .json("pairwise")] + stamps,
        uniques: [["portfolio_id"]], indexes: [])
}
