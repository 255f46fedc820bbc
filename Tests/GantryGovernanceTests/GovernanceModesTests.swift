import GantryGovernance
import GantryModel
import Testing

/// The three governance modes side by side (DESIGN.md, "Governance modes"): what each allows and refuses, across
/// the workflows, with the code a user gets. `ok` is allowed; `flagged` / `not flagged` is what happens to a late
/// status report.
@Suite("Governance modes")
struct GovernanceModesTests {
    static let chart = Chart("""
        rule                                                      | supportive  | controlling     | directive
        PM decides go at a gate with every must-meet met          | ok          | ok              | pmo_required
        PM decides go at a gate with a must-meet unmet            | ok          | must_meet_unmet | pmo_required
        PMO decides go at a gate with a must-meet unmet           | ok          | ok              | ok
        PM decides hold at a gate                                 | ok          | ok              | pmo_required
        PM decides recycle at a gate                              | ok          | ok              | pmo_required
        PM decides kill at a gate                                 | ok          | pmo_required    | pmo_required
        PM assesses a must-meet criterion                         | ok          | pmo_required    | pmo_required
        PM scores a should-meet criterion                         | ok          | ok              | ok
        PM approves a change at or below the thresholds           | ok          | ok              | pmo_required
        PM approves a change above the cost threshold             | ok          | pmo_required    | pmo_required
        PM approves a change above the schedule threshold         | ok          | pmo_required    | pmo_required
        PMO approves a change above the thresholds                | ok          | ok              | ok
        PM saves a baseline                                       | ok          | ok              | pmo_required
        PMO saves a baseline                                      | ok          | ok              | ok
        portfolio owner assigns a project manager                 | ok          | ok              | pmo_required
        PMO assigns a project manager                             | ok          | ok              | ok
        PM accepts a status report                                | pmo_required | pmo_required   | pmo_required
        PMO returns a status report with a comment                | ok          | ok              | ok
        a status report two days late                             | not flagged | flagged         | flagged
        PMO decides an intake request                             | ok          | ok              | ok
        PM decides an intake request                              | pmo_required | pmo_required   | pmo_required
        """)

    static let thresholds = ChangeRequestWorkflow.Thresholds(costMinorUnits: 100_000, scheduleDays: 5)
    static let gateMet = StageGateWorkflow.State(criteria: [
        .init(name: "Funded", kind: .mustMeet, met: true), .init(name: "Fit", kind: .shouldMeet(weight: 1)),
    ])
    static let gateUnmet = StageGateWorkflow.State(criteria: [.init(name: "Funded", kind: .mustMeet, met: false)])

    static func gate(_ command: StageGateWorkflow.Command, _ state: StageGateWorkflow.State, _ actor: WorkflowActor,
                     _ mode: GovernanceMode) -> String {
        StageGateWorkflow.decide(command, on: state, by: actor, in: .init(mode: mode)).outcome
    }

    static func change(_ impact: ChangeRequestWorkflow.Impact, _ actor: WorkflowActor, _ mode: GovernanceMode) -> String {
        ChangeRequestWorkflow.decide(.approve(baselineName: "B2"),
                                     on: .init(status: .submitted, authorId: Who.requester, impact: impact),
                                     by: actor, in: .init(mode: mode, thresholds: thresholds)).outcome
    }

    static func outcome(_ rule: String, _ mode: GovernanceMode) -> String {
        let owner = WorkflowActor.named("owner pfm")
        switch rule {
        case "PM decides go at a gate with every must-meet met":
            return gate(.decide(.go, comment: "ok"), gateMet, .manager, mode)
        case "PM decides go at a gate with a must-meet unmet":
            return gate(.decide(.go, comment: "ok"), gateUnmet, .manager, mode)
        case "PMO decides go at a gate with a must-meet unmet":
            return gate(.decide(.go, comment: "override"), gateUnmet, .director, mode)
        case "PM decides hold at a gate": return gate(.decide(.hold, comment: "wait"), gateMet, .manager, mode)
        case "PM decides recycle at a gate": return gate(.decide(.recycle, comment: "redo"), gateMet, .manager, mode)
        case "PM decides kill at a gate": return gate(.decide(.kill, comment: "stop"), gateMet, .manager, mode)
        case "PM assesses a must-meet criterion":
            return gate(.assess(criterion: "Funded", met: true), gateUnmet, .manager, mode)
        case "PM scores a should-meet criterion":
            return gate(.score(criterion: "Fit", score: 6), gateMet, .manager, mode)
        case "PM approves a change at or below the thresholds":
            return change(.init(costMinorUnits: 100_000, scheduleDays: 5), .manager, mode)
        case "PM approves a change above the cost threshold":
            return change(.init(costMinorUnits: 100_001), .manager, mode)
        case "PM approves a change above the schedule threshold":
            return change(.init(scheduleDays: 6), .manager, mode)
        case "PMO approves a change above the thresholds":
            return change(.init(costMinorUnits: 900_000, scheduleDays: 60), .analyst, mode)
        case "PM saves a baseline": return ModeRules.saveBaseline(named: "B2", by: .manager, mode: mode).outcome
        case "PMO saves a baseline": return ModeRules.saveBaseline(named: "B2", by: .director, mode: mode).outcome
        case "portfolio owner assigns a project manager":
            return ModeRules.assignProjectManager(Who.manager, replacing: nil, by: owner, mode: mode).outcome
        case "PMO assigns a project manager":
            return ModeRules.assignProjectManager(Who.manager, replacing: nil, by: .director, mode: mode).outcome
        case "PM accepts a status report":
            return StatusReportWorkflow.decide(.accept, on: .init(status: .submitted, authorId: Who.manager),
                                               by: .manager).outcome
        case "PMO returns a status report with a comment":
            return StatusReportWorkflow.decide(.return(comment: "add risks"),
                                               on: .init(status: .submitted, authorId: Who.manager), by: .director).outcome
        case "a status report two days late":
            let schedule = ReportingSchedule(cadence: .weekly, anchor: CalendarDate(iso: "2026-03-02")!)
            let check = schedule.check(lastCoveredPeriodEnd: nil, today: CalendarDate(iso: "2026-03-11")!, mode: mode)
            return check.effects.contains(.flagOverdueReport(periodEnd: CalendarDate(iso: "2026-03-09")!, daysLate: 2))
                ? "flagged" : "not flagged"
        case "PMO decides an intake request":
            return IntakeWorkflow.decide(.approve(template: TemplateRef(1)),
                                         on: .init(status: .inReview, requesterId: Who.requester), by: .director).outcome
        case "PM decides an intake request":
            return IntakeWorkflow.decide(.approve(template: TemplateRef(1)),
                                         on: .init(status: .inReview, requesterId: Who.requester), by: .manager).outcome
        default:
            fatalError("no rule \(rule)")
        }
    }

    struct Cell: Sendable, CustomTestStringConvertible {
        var rule: String, mode: GovernanceMode, expected: String
        var testDescription: String { "\(mode.rawValue): \(rule) → \(expected)" }
    }

    static let cells = chart.cells.map { Cell(rule: $0.row, mode: GovernanceMode(rawValue: $0.column)!, expected: $0.value) }

    @Test("each mode allows and refuses what the chart says", arguments: cells)
    func rule(cell: Cell) {
        #expect(Self.outcome(cell.rule, cell.mode) == cell.expected)
    }

    @Test("the chart has a column per mode")
    func columns() {
        #expect(Array(Self.chart.header.dropFirst()) == GovernanceMode.allCases.map(\.rawValue))
    }

    @Test("baselines and manager assignments: names, refusals and effects")
    func modeRules() throws {
        expectRefusal(ModeRules.saveBaseline(named: "B2", by: .manager, mode: .directive), .pmoRequired,
                      mentions: ["directive", "re-baseline"])
        expectRefusal(ModeRules.saveBaseline(named: "B2", by: .otherManager, mode: .supportive), .notPermitted)
        expectRefusal(ModeRules.saveBaseline(named: " ", by: .director, mode: .supportive), .nameRequired)
        #expect(ModeRules.saveBaseline(named: "B2", by: .manager, mode: .controlling).value?.first
            == .saveBaseline(name: "B2"))

        expectRefusal(ModeRules.assignProjectManager(Who.manager, replacing: nil, by: .named("owner pfm"),
                                                     mode: .directive), .pmoRequired, mentions: ["directive", "assigns"])
        expectRefusal(ModeRules.assignProjectManager(Who.manager, replacing: nil, by: .manager, mode: .supportive),
                      .notPermitted, mentions: ["portfolio's owner"])
        let effects = try #require(ModeRules.assignProjectManager(Who.manager, replacing: Who.stranger, by: .director,
                                                                  mode: .directive).value)
        #expect(effects == [
            .assignProjectManager(Who.manager),
            .notify(.user(Who.manager), reason: "you are now the project's manager"),
            .notify(.user(Who.stranger), reason: "you are no longer the project's manager"),
            .audit(AuditEntry(record: "project", by: Who.pmo, before: "manager 4", after: "manager 2")),
        ])
    }
}
