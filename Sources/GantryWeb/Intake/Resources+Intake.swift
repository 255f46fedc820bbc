import GantryModel
import GantryServices

extension Specs {
    static let requests = ResourceSpec(
        path: "requests",
        template: IntakeRequest(portfolioId: .init(0), title: "", requesterId: .init(0), createdAt: epoch, updatedAt: epoch),
        required: ["portfolio_id", "title", "requester_id"],
        summary: "Intake requests: proposals for projects with their business case, ratings and demand; states change through the actions")
    static let scoringModels = ResourceSpec(
        path: "scoring-models",
        template: ScoringModel(portfolioId: .init(0), createdAt: epoch, updatedAt: epoch),
        required: ["portfolio_id", "criteria"],
        summary: "A portfolio's scoring model for intake: criteria with weights, scales and definitions, or a pairwise comparison (AHP)")
}
