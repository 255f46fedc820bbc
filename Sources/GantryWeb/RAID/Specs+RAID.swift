import GantryModel
import GantryServices

/// The RAID log, change requests and baselines as API records. Fields a workflow or a derivation sets are computed
/// (read-only); a risk's and a change request's `status` may be sent but an edit that changes it is refused with the
/// action to use.
extension Specs {
    static func visitRAIDAndChanges(_ visitor: inout some SpecVisitor) {
        visitor.visit(risks)
        visitor.visit(issues)
        visitor.visit(assumptions)
        visitor.visit(decisions)
        visitor.visit(changeRequests)
        visitor.visit(baselines)
    }

    static let risks = ResourceSpec(
        path: "risks",
        template: Risk(projectId: .init(0), title: "", createdAt: epoch, updatedAt: epoch),
        required: ["project_id", "title"],
        summary: "Risks: probability × impact (1–5 each) gives the score and level; close, convert and reopen are actions",
        computed: ["score", "level", "close_reason", "issue_id"])
    static let issues = ResourceSpec(
        path: "issues",
        template: ProjectIssue(projectId: .init(0), title: "", createdAt: epoch, updatedAt: epoch),
        required: ["project_id", "title"], summary: "Issues: problems the project has now, with severity, owner and due date",
        computed: ["risk_id"])
    static let assumptions = ResourceSpec(
        path: "assumptions",
        template: Assumption(projectId: .init(0), statement: "", createdAt: epoch, updatedAt: epoch),
        required: ["project_id", "statement"], summary: "Assumptions and the day by which each must be validated")
    static let decisions = ResourceSpec(
        path: "decisions",
        template: ProjectDecision(projectId: .init(0), title: "", createdAt: epoch, updatedAt: epoch),
        required: ["project_id", "title"],
        summary: "Decisions: the options with their pros and cons, the chosen one, the rationale, who and when")
    static let changeRequests = ResourceSpec(
        path: "change-requests",
        template: ChangeRequest(projectId: .init(0), title: "", createdAt: epoch, updatedAt: epoch),
        required: ["project_id", "title"],
        summary: "Change requests with their impact on scope, schedule and cost; submit, approve, reject, defer and withdraw are actions. budget_changes set cells of the current budget when approved, and make the cost impact",
        computed: ["author_id", "required_approver", "required_approver_reason", "submitted_at", "decided_by",
                   "decided_at", "reason", "baseline_id"])
    static let baselines = ResourceSpec(
        path: "baselines",
        template: Baseline(projectId: .init(0), name: "", createdAt: epoch, updatedAt: epoch),
        required: ["project_id", "name"],
        summary: "Named snapshots of a project's plan with each activity's cost over time (created by the rules of the portfolio's mode, never changed but for which one is the performance baseline: PATCH performance)",
        computed: ["created_by", "change_request_id", "activities", "currency"])
}
