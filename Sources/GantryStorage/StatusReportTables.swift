import GantryModel

extension Table {
    /// Status reports: one per project per period (the unique key), with the five ratings, the numbers behind
    /// the suggestion and the review.
    static let statusReports: Table = {
        let nullableDouble = { (name: String) in Column(name: name, type: .double, nullable: true) }
        var columns: [Column] = [.int("project_id"), .text("period_start"), .text("period_end"), .text("status"),
                                 .int("author_id")]
        for dimension in ["overall", "schedule", "cost", "scope", "risk"] {
            columns += [.text(dimension), .text("\(dimension)_suggested", null: true), .text("\(dimension)_comment")]
        }
        columns += [.text("status_date"), .text("value_basis"), .text("currency"), .double("budget_at_completion"),
                    .double("planned_value"), .double("earned_value"), nullableDouble("spi"), nullableDouble("cpi"),
                    .int("overdue_milestones"), .int("open_high_risks"), .json("suggestion_reasons"),
                    .text("accomplishments"), .text("next_steps"), .text("escalations"),
                    .int("actual_cost_minor", null: true), .text("return_comment", null: true),
                    .text("submitted_at", null: true), .int("reviewed_by", null: true), .text("reviewed_at", null: true)]
        return Table(name: "status_reports", columns: columns + stamps, uniques: [["project_id", "period_start"]],
                     indexes: [["status"], ["author_id"]])
    }()
}
