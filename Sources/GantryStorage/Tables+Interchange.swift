/// Import reports and calendar feeds (migration 0010).
extension Table {
    static let importReports = Table(
        name: "import_reports",
        columns: [.int("project_id"), .int("portfolio_id"), .text("file_name"), .text("format"), .text("application"),
                  .int("imported_by", null: true), .json("counts"), .json("warnings"), .json("unmodelled"),
                  .json("agreement", null: true)] + stamps,
        uniques: [], indexes: [["project_id"], ["portfolio_id"]])
    static let calendarFeeds = Table(
        name: "calendar_feeds",
        columns: [.text("scope"), .int("subject_id"), .text("token_digest"), .int("created_by", null: true)] + stamps,
        uniques: [["token_digest"]], indexes: [["scope", "subject_id"]])
}
