import GantryModel

extension Table {
    static let costRates = Table(
        name: "cost_rates",
        columns: [.int("resource_id", null: true), .text("role"), .text("effective_from"), .int("rate_minor"),
                  .text("currency")] + stamps,
        uniques: [], indexes: [["resource_id"], ["role"]])
    static let exchangeRates = Table(
        name: "exchange_rates",
        columns: [.text("month"), .text("from_currency"), .text("to_currency"), .text("rate")] + stamps,
        uniques: [["month", "from_currency", "to_currency"]], indexes: [])
    static let budgetLines = Table(
        name: "budget_lines",
        columns: [.int("project_id"), .text("budget_version"), .text("month"), .text("cost_type"), .text("expenditure"),
                  .int("amount_minor"), .text("currency"), .text("note")] + stamps,
        uniques: [["project_id", "budget_version", "month", "cost_type", "expenditure"]], indexes: [])
    static let fundingSources = Table(
        name: "funding_sources",
        columns: [.int("project_id"), .text("funder"), .int("amount_minor"), .text("currency"), .text("available_from"),
                  .text("note")] + stamps,
        uniques: [], indexes: [["project_id"]])
    static let timesheets = Table(
        name: "timesheets",
        columns: [.int("resource_id"), .text("week_start"), .text("submitted_at", null: true)] + stamps,
        uniques: [["resource_id", "week_start"]], indexes: [["week_start"]])
    static let timesheetLines = Table(
        name: "timesheet_lines",
        columns: [.int("timesheet_id"), .int("resource_id"), .text("week_start"), .int("project_id", null: true),
                  .int("activity_id", null: true), .text("category", null: true), .json("minutes"), .text("state"),
                  .text("reason"), .int("decided_by", null: true), .text("decided_at", null: true),
                  .int("cost_minor", null: true), .text("currency", null: true), .json("cost_by_day_minor", null: true)] + stamps,
        uniques: [], indexes: [["timesheet_id"], ["project_id", "state"], ["activity_id"], ["resource_id"]])
    static let expenses = Table(
        name: "expenses",
        columns: [.int("project_id"), .int("activity_id", null: true), .text("spent_on"), .int("amount_minor"),
                  .text("currency"), .text("cost_type"), .text("expenditure"), .text("description"), .text("state"),
                  .text("reason"), .int("submitted_by", null: true), .int("decided_by", null: true),
                  .text("decided_at", null: true)] + stamps,
        uniques: [], indexes: [["project_id", "state"], ["activity_id"]])
    static let closedPeriods = Table(
        name: "closed_periods",
        columns: [.text("month"), .int("closed_by", null: true), .text("note")] + stamps,
        uniques: [["month"]], indexes: [])
    static let progressSnapshots = Table(
        name: "progress_snapshots",
        columns: [.int("project_id"), .text("as_of"), .int("baseline_id", null: true), .text("currency"),
                  .int("bac_minor"), .int("pv_minor"), .int("ev_minor"), .int("ac_minor")] + stamps,
        uniques: [["project_id", "as_of"]], indexes: [])

    static let approvalDelegations = Table(
        name: "approval_delegations",
        columns: [.int("delegator_id"), .int("delegate_id"), .text("starts"), .text("ends", null: true), .text("note")] + stamps,
        uniques: [], indexes: [["delegate_id"], ["delegator_id"]])

    /// The tables migration 0017 creates.
    static let finance: [Table] = [costRates, exchangeRates, budgetLines, fundingSources, timesheets, timesheetLines,
                                   expenses, closedPeriods, progressSnapshots]
}
