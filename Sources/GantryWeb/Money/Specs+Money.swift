import GantryModel
import GantryServices

/// The money records (issue #15) as API records. A timesheet line's and an expense's approval (`state`, `reason`,
/// who decided, the priced cost) moves only by the actions (`POST /api/v1/timesheets/week/submit`,
/// `POST /api/v1/approvals/decide`), never by an edit.
extension Specs {
    static func visitMoney(_ visitor: inout some SpecVisitor) {
        visitor.visit(costRates)
        visitor.visit(exchangeRates)
        visitor.visit(budgetLines)
        visitor.visit(fundingSources)
        visitor.visit(timesheets)
        visitor.visit(timesheetLines)
        visitor.visit(expenses)
        visitor.visit(closedPeriods)
        visitor.visit(progressSnapshots)
        visitor.visit(approvalDelegations)
    }

    static let day0 = CalendarDate(year: 2000, month: 1, day: 3)!  // a Monday
    static let month0 = CalendarMonth(year: 2000, month: 1)!

    static let costRates = ResourceSpec(
        path: "cost-rates",
        template: CostRate(effectiveFrom: day0, rateMinor: 0, createdAt: epoch, updatedAt: epoch),
        required: ["effective_from", "rate_minor"],
        summary: "Cost rates per hour over time, for a resource (resource_id) or a job role (role), each in force from effective_from until the next")
    static let exchangeRates = ResourceSpec(
        path: "exchange-rates",
        template: ExchangeRate(month: month0, fromCurrency: .eur, toCurrency: .usd, rate: "1", createdAt: epoch, updatedAt: epoch),
        required: ["month", "from_currency", "to_currency", "rate"],
        summary: "The PMO's exchange rates by month (rate as exact decimal text): roll-ups in a reporting currency use them; a missing one is an error naming it")
    static let budgetLines = ResourceSpec(
        path: "budget-lines",
        template: BudgetLine(projectId: .init(0), month: month0, amountMinor: 0, createdAt: epoch, updatedAt: epoch),
        required: ["project_id", "month", "amount_minor"],
        summary: "A project's budget by month, cost type and capital or operating, in its original and current versions (minor units of the project's currency)")
    static let fundingSources = ResourceSpec(
        path: "funding-sources",
        template: FundingSource(projectId: .init(0), funder: "", amountMinor: 0, availableFrom: day0, createdAt: epoch, updatedAt: epoch),
        required: ["project_id", "funder", "amount_minor", "available_from"],
        summary: "Who funds a project, how much (minor units of the project's currency) and from when")
    static let timesheets = ResourceSpec(
        path: "timesheets",
        template: Timesheet(resourceId: .init(0), weekStart: day0, createdAt: epoch, updatedAt: epoch),
        required: ["resource_id", "week_start"],
        summary: "A person's week (Monday to Sunday); its lines carry the hours. The week view and its actions are under /api/v1/timesheets/week",
        computed: ["submitted_at"])
    static let timesheetLines = ResourceSpec(
        path: "timesheet-lines",
        template: TimesheetLine(timesheetId: .init(0), resourceId: .init(0), weekStart: day0, createdAt: epoch, updatedAt: epoch),
        required: ["timesheet_id", "minutes"],
        summary: "A timesheet's row: minutes Monday to Sunday against a project's activity or non-project time; locked once submitted",
        computed: ["resource_id", "week_start", "state", "reason", "decided_by", "decided_at", "cost_minor", "cost_by_day_minor", "currency"])
    static let expenses = ResourceSpec(
        path: "expenses",
        template: Expense(projectId: .init(0), spentOn: day0, amountMinor: 0, createdAt: epoch, updatedAt: epoch),
        required: ["project_id", "spent_on", "amount_minor", "description"],
        summary: "Money spent on a project outside timesheets; submitted when entered, approved or rejected by the project's manager",
        computed: ["state", "reason", "submitted_by", "decided_by", "decided_at"])
    static let closedPeriods = ResourceSpec(
        path: "closed-periods",
        template: ClosedPeriod(month: month0, createdAt: epoch, updatedAt: epoch),
        required: ["month"],
        summary: "Months the PMO closed: no timesheet or expense in them changes; deleting the record reopens the month (audited)",
        computed: ["closed_by"])
    static let approvalDelegations = ResourceSpec(
        path: "approval-delegations",
        template: ApprovalDelegation(delegatorId: .init(0), delegateId: .init(0), starts: day0, createdAt: epoch, updatedAt: epoch),
        required: ["delegator_id", "delegate_id", "starts"],
        summary: "A manager's stand-in for approving time and expenses, from starts through ends (inclusive; open-ended when null): kept by the manager who delegates (delegator_id) and the PMO; no one approves their own time through it")
    static let progressSnapshots = ResourceSpec(
        path: "progress-snapshots",
        template: ProgressSnapshot(projectId: .init(0), asOf: day0, baselineId: nil, currency: .eur, bacMinor: 0, pvMinor: 0,
                                   evMinor: 0, acMinor: 0, createdAt: epoch, updatedAt: epoch),
        required: ["project_id", "as_of"],
        summary: "A project's earned value as reported at a status date (recorded by POST /api/v1/projects/{id}/evm/snapshot), for the S-curve's EV history")
}
