import GantryModel
import GantryServices
import GantryStorage
import Testing

/// Intake on a real store, SQLite and PostgreSQL: the structured fields round-trip, the ranking reads them back,
/// and an approval that fails half-way leaves nothing behind.
@Suite("Intake on a real store")
struct IntakeStorageTests {
    static let t = Timestamp.at("2026-11-28T09:00:00.000Z")

    @Test("a request and an AHP scoring model round-trip; approval makes the project and its phases in one transaction",
          arguments: Backend.available)
    func approval(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let catalog = Catalog(store: store, clock: FixedClock(time: Self.t))
            let intake = Intake(store: store, clock: FixedClock(time: Self.t))
            let pf = try await catalog.create(Portfolio(code: "PF", name: "P", createdAt: Self.t, updatedAt: Self.t), .system)
            // DOMAIN.md case 29.
            let model = try await catalog.create(ScoringModel(
                portfolioId: pf.id,
                criteria: [ScoringCriterion(key: "a", name: "A"), ScoringCriterion(key: "b", name: "B"), ScoringCriterion(key: "c", name: "C")],
                pairwise: [[1, 2, 4], [0.5, 1, 2], [0.25, 0.5, 1]], createdAt: Self.t, updatedAt: Self.t), .system)
            #expect(try await catalog.get(ScoringModel.self, model.id, .system).pairwise[2] == [0.25, 0.5, 1])
            let requester = try await catalog.create(User(username: "ray", displayName: "Ray", role: .requester,
                                                          createdAt: Self.t, updatedAt: Self.t), .system)
            let draft = IntakeRequest(
                portfolioId: pf.id, title: "Portal", requesterId: requester.id, problem: "p", goal: "g",
                businessCase: BusinessCaseInput(currency: "USD", discountRate: 0.08, convention: "first_flow_discounted",
                                                periods: [CashFlowPeriod(label: "Y0", cost: 40_000), CashFlowPeriod(label: "Y1", benefit: 5_000)]),
                ratings: [CriterionRating(criterion: "a", rating: 5, note: "board goal"), CriterionRating(criterion: "b", rating: 0),
                          CriterionRating(criterion: "c", rating: 0)],
                demand: [RoleDemand(role: "Developer", fte: 1.5, months: 4)], desiredStart: CalendarDate(iso: "2027-01-04"),
                createdAt: Self.t, updatedAt: Self.t)
            let request = try await catalog.create(draft, .system)
            let stored = try await catalog.get(IntakeRequest.self, request.id, .system)
            #expect(stored.businessCase == draft.businessCase)
            #expect(stored.ratings == draft.ratings)
            #expect(stored.demand == draft.demand)
            #expect(stored.desiredStart == draft.desiredStart)

            let template = try await catalog.create(ProjectTemplate(
                name: "Two", phases: [TemplatePhase(name: "Plan", gate: TemplateGate(name: "G1", criteria: [])),
                                      TemplatePhase(name: "Build", gate: TemplateGate(name: "G2", criteria: []))],
                createdAt: Self.t, updatedAt: Self.t), .system)
            for action in [Intake.Action.submit, .review] { _ = try await intake.act(request.id, action, .system) }
            let assessment = try await intake.assessment(request.id, .system)
            // Weights 4/7, 2/7, 1/7: rating a at the top of its scale and the others at the bottom scores 4/7 of 10.
            #expect(abs((assessment.score ?? 0) - 40.0 / 7) < 1e-6)
            #expect(assessment.rank == 1)

            // A project code already taken: the approval fails and nothing of it stays.
            _ = try await catalog.create(Project(portfolioId: pf.id, code: "TAKEN", name: "x", createdAt: Self.t, updatedAt: Self.t), .system)
            await #expect(throws: ServiceError.self) {
                _ = try await intake.act(request.id, .approve, approval: .init(templateId: template.id.rawValue, projectCode: "TAKEN"), .system)
            }
            #expect(try await catalog.get(IntakeRequest.self, request.id, .system).status == .inReview)
            #expect(try await catalog.all(ProjectPhase.self, .system, [:]).isEmpty)

            let approved = try await intake.act(request.id, .approve, approval: .init(templateId: template.id.rawValue, projectCode: "PORTAL"), .system)
            let projectId = try #require(approved.projectId)
            let project = try await catalog.get(Project.self, projectId, .system)
            #expect(project.code == "PORTAL" && project.startDate == draft.desiredStart && project.state == .approved)
            let phases = try await catalog.all(ProjectPhase.self, .system, ["project_id": .int(projectId.rawValue)]).sorted { $0.position < $1.position }
            #expect(phases.map(\.name) == ["Plan", "Build"])
            #expect(phases.map(\.status) == [.active, .pending])
        }
    }
}
