public import GantryModel

/// The demo's templates and the phases of its projects: "Standard delivery (waterfall)" and "Agile release" (each
/// project follows one), and "Small change (light)" that no project uses yet. A project's phases are dated by its
/// WBS (each template phase ends with the milestone of the last demo WBS phase it covers): the phases whose gate
/// date is past are completed with a go, the next is active with some must-meet criteria still open, the rest
/// pending. Closed projects passed every gate; projects not started yet are in their first phase; a project on
/// hold has its active gate on hold. In controlling and directive portfolios the PMO director decided the past
/// gates, in supportive ones the project's manager.
public enum DemoGates {
    static let waterfall = 0, agile = 1

    public static func templates(at t: Timestamp) -> [ProjectTemplate] {
        func must(_ name: String, _ definition: String, evidence: Bool = false) -> GateCriterion {
            GateCriterion(name: name, kind: .mustMeet, definition: definition, requiresEvidence: evidence)
        }
        func should(_ name: String, _ definition: String, weight: Double = 1) -> GateCriterion {
            GateCriterion(name: name, kind: .shouldMeet, definition: definition, weight: weight)
        }
        func leaf(_ code: String, _ name: String, _ phase: Int, _ days: Double) -> TemplateItem {
            TemplateItem(code: code, name: name, phase: phase, duration: .days(days))
        }
        func milestone(_ code: String, _ name: String, _ phase: Int) -> TemplateItem {
            TemplateItem(code: code, name: name, phase: phase, kind: .milestone)
        }
        return [
            ProjectTemplate(
                name: "Standard delivery (waterfall)",
                description: "The PMO's default for projects with a fixed scope: four phases, each closed by a gate the sponsor and the PMO review.",
                phases: [
                    TemplatePhase(name: "Initiate", description: "Confirm the business case, the sponsor and the team.",
                                  gate: TemplateGate(name: "G1 Initiation gate", criteria: [
                                      must("Business case approved", "The sponsor signed the business case: costs, benefits, NPV and payback.", evidence: true),
                                      must("Sponsor named", "A sponsor with budget authority accepted the role."),
                                      should("Strategic fit", "Scored against the portfolio's strategic drivers.", weight: 3),
                                      should("Resources available", "The roles the plan needs can be staffed in time."),
                                  ]), deliverables: ["Project charter", "Business case", "Stakeholder register"]),
                    TemplatePhase(name: "Plan", description: "Scope, schedule, budget and risks baselined.",
                                  gate: TemplateGate(name: "G2 Planning gate", criteria: [
                                      must("Baseline schedule approved", "The critical path and the milestones are agreed and baselined.", evidence: true),
                                      must("Budget approved", "The budget by period and cost type is approved by finance.", evidence: true),
                                      must("Risk register reviewed", "Every high risk has an owner and a response."),
                                      should("Estimate confidence", "Three-point estimates for the critical activities; P80 within tolerance.", weight: 2),
                                      should("Vendor contracts signed", "Contracts with the suppliers the plan relies on."),
                                  ]), deliverables: ["Project management plan", "Baseline schedule", "Risk register"]),
                    TemplatePhase(name: "Execute", description: "Design, build, test and prepare the go-live.",
                                  gate: TemplateGate(name: "G3 Readiness gate", criteria: [
                                      must("Acceptance tests passed", "The business signed the acceptance test report.", evidence: true),
                                      must("Operations ready", "Run books, support rota and monitoring are in place."),
                                      must("Go-live plan approved", "Cut-over steps, checkpoints and roll-back agreed.", evidence: true),
                                      should("Open defects below threshold", "No critical defects, at most five major ones.", weight: 2),
                                      should("Users trained", "The users who need training had it."),
                                  ]), deliverables: ["Test report", "Go-live plan", "Training record"]),
                    TemplatePhase(name: "Close", description: "Hand over, record the lessons, release the team.",
                                  gate: TemplateGate(name: "G4 Closure gate", criteria: [
                                      must("Deliverables accepted", "The sponsor accepted every deliverable.", evidence: true),
                                      must("Lessons learned recorded", "The lessons are in Gantry's lessons learned register."),
                                      should("Benefits tracking handed over", "An owner tracks the benefits after closure."),
                                  ]), deliverables: ["Closure report", "Lessons learned"]),
                ],
                wbs: [
                    leaf("1.1", "Draft the business case", 0, 5), leaf("1.2", "Stakeholder analysis", 0, 3),
                    milestone("1.M", "Charter signed", 0),
                    leaf("2.1", "Scope and WBS", 1, 5), leaf("2.2", "Estimate and schedule", 1, 5), leaf("2.3", "Risk workshop", 1, 2),
                    milestone("2.M", "Baseline approved", 1),
                    leaf("3.1", "Design", 2, 10), leaf("3.2", "Build", 2, 20), leaf("3.3", "Test", 2, 10), leaf("3.4", "Train users", 2, 3),
                    milestone("3.M", "Ready for go-live", 2),
                    leaf("4.1", "Hand over to operations", 3, 3), leaf("4.2", "Lessons learned workshop", 3, 1),
                    milestone("4.M", "Project closed", 3),
                ],
                raidCategories: ["Schedule", "Cost", "Scope", "Resources", "Vendors", "Compliance"], reportCadence: .monthly,
                createdAt: t, updatedAt: t),
            ProjectTemplate(
                name: "Agile release",
                description: "For products delivered in sprints: the gates check the product owner's decisions rather than a fixed plan.",
                phases: [
                    TemplatePhase(name: "Discovery", description: "Understand the problem and who has it.",
                                  gate: TemplateGate(name: "Problem-solution fit", criteria: [
                                      must("Product owner named", "A product owner who can decide on scope and priority."),
                                      must("Problem validated with users", "Interviews or data show the problem is real.", evidence: true),
                                      should("Value hypothesis", "A measurable outcome the release should move.", weight: 2),
                                  ]), deliverables: ["Product vision", "Research summary"]),
                    TemplatePhase(name: "Release planning", description: "Shape the backlog and the release.",
                                  gate: TemplateGate(name: "Release plan agreed", criteria: [
                                      must("Backlog prioritised", "The top of the backlog is ready for the first sprints."),
                                      must("Definition of done agreed", "Written down and accepted by the team.", evidence: true),
                                      should("Team capacity confirmed", "The team is staffed for the release."),
                                  ]), deliverables: ["Release plan", "Definition of done"]),
                    TemplatePhase(name: "Sprints", description: "Build the release increment by increment.",
                                  gate: TemplateGate(name: "Release readiness", criteria: [
                                      must("Release candidate accepted", "The product owner accepted the release candidate.", evidence: true),
                                      must("Security review passed", "No open high findings.", evidence: true),
                                      should("Velocity stable", "The last three sprints within 20% of each other."),
                                      should("Technical debt under control", "Known debt is in the backlog and sized."),
                                  ]), deliverables: ["Release candidate", "Security review"]),
                    TemplatePhase(name: "Release and review", description: "Release, watch adoption, look back.",
                                  gate: TemplateGate(name: "Release review", criteria: [
                                      must("Released to production", "The release is live for all users.", evidence: true),
                                      should("Users adopting the release", "Adoption measured against the value hypothesis.", weight: 2),
                                  ]), deliverables: ["Release notes", "Retrospective"]),
                ],
                wbs: [
                    leaf("1.1", "User research", 0, 5), leaf("1.2", "Value hypothesis", 0, 2), milestone("1.M", "Discovery done", 0),
                    leaf("2.1", "Backlog refinement", 1, 3), milestone("2.M", "Release plan agreed", 1),
                    leaf("3.1", "Sprint 1", 2, 10), leaf("3.2", "Sprint 2", 2, 10), leaf("3.3", "Sprint 3", 2, 10),
                    milestone("3.M", "Release candidate", 2),
                    leaf("4.1", "Release", 3, 2), leaf("4.2", "Retrospective", 3, 1), milestone("4.M", "Release reviewed", 3),
                ],
                raidCategories: ["Product", "Technical", "Dependencies", "People"], reportCadence: .biweekly,
                createdAt: t, updatedAt: t),
            ProjectTemplate(
                name: "Small change (light)",
                description: "For changes under a month of work: one approval and one handover.",
                phases: [
                    TemplatePhase(name: "Assess and plan", gate: TemplateGate(name: "Change approval", criteria: [
                        must("Change approved by the change board", "The change board's minutes record the approval.", evidence: true),
                        should("Impact assessed", "Systems, users and support affected are listed."),
                    ])),
                    TemplatePhase(name: "Deliver", gate: TemplateGate(name: "Handover", criteria: [
                        must("Tested and accepted", "The requester accepted the change.", evidence: true),
                    ]), deliverables: ["Change record"]),
                ],
                wbs: [leaf("1.1", "Impact assessment", 0, 2), leaf("2.1", "Implement", 1, 5), milestone("2.M", "Handed over", 1)],
                raidCategories: ["Risks", "Issues"], reportCadence: .weekly, createdAt: t, updatedAt: t),
        ]
    }

    /// The demo WBS phases (Initiation … Closure, indexes 0–5) each template phase covers.
    static let coverage: [Int: [[Int]]] = [waterfall: [[0], [1], [2, 3, 4], [5]], agile: [[0], [1], [2, 3], [4, 5]]]

    /// Which template a demo project follows: every third one by its number is agile.
    static func templateIndex(for code: String) -> Int {
        let number = Int(code.split(separator: "-").last ?? "") ?? 0
        return number % 3 == 1 ? agile : waterfall
    }

    /// Loads the templates and gives every project phases (one transaction).
    public static func load(in store: any Store, today: CalendarDate, at now: Timestamp) async throws {
        try await store.write { s in
            var templates: [ProjectTemplate] = []
            for t in Self.templates(at: now) { templates.append(try await s.insert(t)) }
            let users = try await s.list(User.self, ListQuery())
            let director = users.first { $0.username == "dana.director" }?.id
            var modes: [Portfolio.ID: GovernanceMode] = [:]
            for p in try await s.list(Portfolio.self, ListQuery()) { modes[p.id] = p.governanceMode }
            for project in try await s.list(Project.self, ListQuery()) {
                let t = templateIndex(for: project.code)
                let activities = try await s.list(Activity.self, ListQuery(filters: ["project_id": .int(project.id.rawValue)]))
                let milestones = Dictionary(activities.filter { $0.kind == .milestone }.map { ($0.code, $0.plannedFinish) },
                                            uniquingKeysWith: { a, _ in a })
                let mode = modes[project.portfolioId] ?? .supportive
                let decider = mode == .supportive ? project.managerId : director
                for phase in phases(of: project, template: templates[t], coverage: coverage[t] ?? [],
                                    gateDates: { milestones["\($0 + 1).M"] ?? nil }, decider: decider, today: today, at: now) {
                    _ = try await s.insert(phase)
                }
            }
        }
    }

    /// A demo project's phases from its template, dated by `gateDates` (the finish of demo WBS phase k).
    static func phases(of project: Project, template: ProjectTemplate, coverage: [[Int]],
                       gateDates: (Int) -> CalendarDate?, decider: User.ID?, today: CalendarDate,
                       at now: Timestamp) -> [ProjectPhase] {
        let dates = template.phases.indices.map { i in coverage.indices.contains(i) ? coverage[i].last.flatMap(gateDates) : nil }
        let active: Int?
        switch project.state {
        case .closed, .cancelled: active = nil
        case .proposed, .approved: active = 0
        case .active, .onHold:
            active = dates.firstIndex { ($0 ?? today) >= today } ?? template.phases.count - 1
        }
        return template.phases.enumerated().map { i, phase in
            var record = ProjectPhase(
                projectId: project.id, templateId: template.id, position: i, name: phase.name,
                description: phase.description, status: .pending, gateName: phase.gate.name, gateDate: dates[i],
                criteria: phase.gate.criteria.map(PhaseCriterion.init), gateStatus: .open,
                deliverables: phase.deliverables, createdAt: now, updatedAt: now)
            let slug = phase.name.lowercased().split(whereSeparator: { !$0.isLetter }).joined(separator: "-")
            func evidence(_ c: PhaseCriterion) -> [GateEvidence] {
                let name = c.name.lowercased().split(whereSeparator: { !$0.isLetter }).joined(separator: "-")
                return [.link("\(c.name) (intranet)", "https://intranet.example.com/pmo/\(project.code.lowercased())/\(slug)/\(name)")]
            }
            if active.map({ i < $0 }) ?? true {
                // Passed: every must-meet criterion met with its evidence, should-meet ones scored, a go.
                record.status = .completed
                record.gateStatus = .passed
                for (k, c) in record.criteria.enumerated() {
                    if c.isMustMeet { record.criteria[k].met = true; record.criteria[k].evidence = evidence(c) }
                    else { record.criteria[k].score = Double(6 + (k + i) % 4) }
                }
                let at = dates[i].map { Timestamp(millisecondsSinceEpoch: Int64($0.daysSinceEpoch) * 86_400_000 + 15 * 3_600_000) } ?? now
                record.decisions = [GateDecisionRecord(decision: .go, by: decider, at: min(at, now),
                                                       comment: "All must-meet criteria met; proceed to the next phase.")]
            } else if i == active {
                // Under way: the first must-meet criterion met, the others still open, one should-meet scored.
                record.status = .active
                var firstMust = true, firstShould = true
                for (k, c) in record.criteria.enumerated() {
                    if c.isMustMeet && firstMust { record.criteria[k].met = true; record.criteria[k].evidence = evidence(c); firstMust = false }
                    if !c.isMustMeet && firstShould { record.criteria[k].score = 7; firstShould = false }
                }
                if project.state == .onHold {
                    record.gateStatus = .onHold
                    record.decisions = [GateDecisionRecord(decision: .hold, by: decider, at: now,
                                                           comment: "On hold until the budget for next year is released.")]
                }
            }
            return record
        }
    }
}
