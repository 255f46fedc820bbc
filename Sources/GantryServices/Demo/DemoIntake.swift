import GantryModel

/// The demo's intake: a scoring model for each of the first two portfolios (one with AHP weights, one with weights
/// as entered) and requests in every pending state, so the queue, the ranking and the actions have something to
/// show.
enum DemoIntake {
    static let criteria: [ScoringCriterion] = [
        ScoringCriterion(key: "strategic_fit", name: "Strategic fit", definition: "5 = directly delivers a board objective; 0 = unrelated", weight: 4),
        ScoringCriterion(key: "customer_value", name: "Customer value", definition: "5 = customers notice within a quarter", weight: 3),
        ScoringCriterion(key: "financial_return", name: "Financial return", definition: "5 = NPV above 1 M at the portfolio's rate", weight: 3),
        ScoringCriterion(key: "delivery_risk", name: "Delivery risk", definition: "5 = new technology, new supplier, fixed date", weight: 2,
                         direction: "lower_is_better"),
    ]
    /// Saaty judgements for the criteria above (fit over customer 2, over return 2, over risk 4; …).
    static let pairwise: [[Double]] = [
        [1, 2, 2, 4], [0.5, 1, 1, 2], [0.5, 1, 1, 3], [0.25, 0.5, 1.0 / 3, 1],
    ]

    struct Proposal {
        var title: String, requester: String, sponsor: String?, problem: String, goal: String
        var flows: [(Double, Double)], ratings: [Double], demand: [RoleDemand], status: RequestStatus, reason: String?
    }

    static let proposals: [Proposal] = [
        Proposal(title: "Customer self-service portal", requester: "ray.requester", sponsor: "eve.exec",
                 problem: "Forty percent of calls to the service desk ask for the status of an order.",
                 goal: "Customers see their orders, invoices and tickets online; calls drop by a third.",
                 flows: [(420_000, 0), (180_000, 150_000), (60_000, 380_000), (60_000, 420_000)], ratings: [5, 5, 3, 2],
                 demand: [RoleDemand(role: "Developer", fte: 3, months: 9), RoleDemand(role: "UX designer", fte: 1, months: 4)],
                 status: .submitted, reason: nil),
        Proposal(title: "Data warehouse modernisation", requester: "ray.requester", sponsor: "dana.director",
                 problem: "Month-end reports take four days and disagree with finance's figures.",
                 goal: "One governed warehouse; month-end reporting in one day.",
                 flows: [(650_000, 0), (250_000, 200_000), (100_000, 450_000), (100_000, 450_000)], ratings: [4, 2, 4, 4],
                 demand: [RoleDemand(role: "Data engineer", fte: 4, months: 12)], status: .inReview, reason: nil),
        Proposal(title: "Supplier onboarding portal", requester: "priya.pm", sponsor: nil,
                 problem: "Onboarding a supplier takes six weeks of e-mail.", goal: "Suppliers register and qualify online in a week.",
                 flows: [(200_000, 0), (50_000, 120_000), (50_000, 160_000)], ratings: [3, 1, 3, 1],
                 demand: [RoleDemand(role: "Developer", fte: 2, months: 5)], status: .onHold,
                 reason: "Procurement is choosing a supplier-management product first; revisit in Q3."),
        Proposal(title: "Mobile app for field engineers", requester: "ray.requester", sponsor: nil,
                 problem: "Engineers re-type job sheets at the end of the day.", goal: "Job sheets captured on site.",
                 flows: [(150_000, 0), (30_000, 90_000)], ratings: [3, 3, 2, 3],
                 demand: [RoleDemand(role: "Mobile developer", fte: 2, months: 6)], status: .draft, reason: nil),
        Proposal(title: "Office relocation tracker", requester: "ray.requester", sponsor: nil,
                 problem: "The move is tracked in a spreadsheet.", goal: "A shared tracker.",
                 flows: [(20_000, 0)], ratings: [0, 0, 0, 1], demand: [], status: .rejected,
                 reason: "Facilities already runs the move in their own tool; no project is needed."),
    ]

    static func load(users: [String: User], portfolios: [Portfolio.ID], in session: any StoreSession, at now: Timestamp) async throws {
        guard portfolios.count >= 2 else { return }
        _ = try await session.insert(ScoringModel(portfolioId: portfolios[0], criteria: criteria, pairwise: pairwise,
                                                  createdAt: now, updatedAt: now))
        _ = try await session.insert(ScoringModel(portfolioId: portfolios[1], criteria: criteria, createdAt: now, updatedAt: now))
        for (i, p) in proposals.enumerated() {
            guard let requester = users[p.requester] else { continue }
            let decided = p.status == .rejected || p.status == .onHold
            _ = try await session.insert(IntakeRequest(
                portfolioId: portfolios[i % 2 == 0 ? 0 : 1], title: p.title, requesterId: requester.id,
                sponsorId: p.sponsor.flatMap { users[$0]?.id }, problem: p.problem, goal: p.goal,
                businessCase: BusinessCaseInput(periods: p.flows.enumerated().map {
                    CashFlowPeriod(label: "Year \($0.offset)", cost: $0.element.0, benefit: $0.element.1)
                }),
                ratings: zip(criteria, p.ratings).map { CriterionRating(criterion: $0.key, rating: $1) },
                demand: p.demand, risks: "", status: p.status, decisionReason: p.reason,
                submittedAt: p.status == .draft ? nil : now, decidedBy: decided ? users["dana.director"]?.id : nil,
                decidedAt: decided ? now : nil, createdAt: now, updatedAt: now))
        }
    }
}

/// The demo's glossary: the PMO's terms that its requests, templates, gates and reports use.
enum DemoGlossary {
    static let terms: [(String, String, [String])] = [
        ("Business case", "Why a project is worth its cost: costs and benefits by period, with NPV, IRR and payback.", []),
        ("Stage gate", "The decision point at the end of a phase: go, hold, recycle or kill, against the gate's criteria.", ["gate review"]),
        ("Must-meet criterion", "A gate criterion that has to be met for a go; in controlling mode only the PMO can pass a gate without it.", ["must-meet"]),
        ("RAID", "Risks, assumptions, issues and decisions: the project's log of what could go wrong, what it takes for granted, what went wrong and what was decided.", ["RAID log"]),
        ("Sponsor", "The executive who owns the business case and answers for the benefits.", []),
        ("Baseline", "A saved copy of the plan that progress is measured against.", []),
        ("Change request", "A proposed change to scope, schedule or cost, with its impact, decided by the approver the governance mode names.", []),
        ("RAG", "Red, amber, green: a status at a glance, suggested from the numbers and overridden only with a comment.", []),
        ("SPI", "Schedule performance index: earned value over planned value; below 1 is behind schedule.", []),
        ("CPI", "Cost performance index: earned value over actual cost; below 1 is over budget.", []),
        ("NPV", "Net present value: the cash flows discounted to today at the portfolio's rate.", []),
    ]

    static func load(in session: any StoreSession, at now: Timestamp) async throws {
        for (term, definition, aliases) in terms {
            _ = try await session.insert(GlossaryTerm(term: term, definition: definition, aliases: aliases, createdAt: now, updatedAt: now))
        }
    }
}
