import GantryGovernance
import GantryModel
import Testing

@Suite("Change request workflow")
struct ChangeRequestWorkflowTests {
    typealias W = ChangeRequestWorkflow
    static let thresholds = W.Thresholds(costMinorUnits: 1_000_000, scheduleDays: 10)
    static let small = W.Impact(costMinorUnits: 500_000, scheduleDays: 5, scope: "add a report")
    static let costly = W.Impact(costMinorUnits: 1_000_001, scheduleDays: 0)
    static let late = W.Impact(costMinorUnits: 0, scheduleDays: -11)  // a gain of 11 days counts by its size
    static let atThreshold = W.Impact(costMinorUnits: 1_000_000, scheduleDays: 10)

    static func impact(_ name: String) -> W.Impact {
        switch name {
        case "small": small
        case "at threshold": atThreshold
        case "costly": costly
        case "late": late
        default: fatalError(name)
        }
    }

    static func command(_ name: String) -> W.Command {
        switch name {
        case "submit": .submit
        case "approve": .approve(baselineName: nil)
        case "reject": .reject(reason: "out of scope")
        case "defer": .defer(reason: nil)
        case "resubmit": .resubmit
        case "withdraw": .withdraw
        default: fatalError(name)
        }
    }

    static let transitions = Chart("""
        from      | submit    | approve  | reject   | defer    | resubmit  | withdraw
        draft     | submitted | -        | -        | -        | -         | withdrawn
        submitted | -         | approved | rejected | deferred | -         | withdrawn
        approved  | -         | -        | -        | -        | -         | -
        rejected  | -         | -        | -        | -        | -         | -
        deferred  | -         | -        | -        | -        | submitted | withdrawn
        withdrawn | -         | -        | -        | -        | -         | -
        """)

    struct Cell: Sendable, CustomTestStringConvertible {
        var row: String, column: String, value: String
        var testDescription: String { "\(column) from \(row) → \(value)" }
    }

    @Test("every command from every state goes where the chart says",
          arguments: transitions.cells.map { Cell(row: $0.row, column: $0.column, value: $0.value) })
    func transition(cell: Cell) {
        let actor: WorkflowActor = cell.column == "submit" ? .requester : .director
        let state = W.State(status: W.Status(rawValue: cell.row)!, authorId: Who.requester, impact: Self.small)
        let result = W.decide(Self.command(cell.column), on: state, by: actor,
                              in: W.Context(mode: .directive, thresholds: Self.thresholds))
        if cell.value == "-" {
            expectRefusal(result, .invalidTransition, mentions: [cell.row])
        } else {
            #expect(result.value?.state.status == W.Status(rawValue: cell.value))
            expectAudited(result.value, by: actor, record: "change request")
        }
    }

    /// Who may approve (and likewise reject or defer) a submitted change, by mode and size. "Above" a threshold is
    /// strictly above; a change exactly at the threshold is the PM's.
    static let approvers = Chart("""
        mode        | impact       | pm           | director | analyst | admin | other pm      | owner pfm     | requester
        supportive  | small        | ok           | ok       | ok      | ok    | not_permitted | not_permitted | not_permitted
        supportive  | costly       | ok           | ok       | ok      | ok    | not_permitted | not_permitted | not_permitted
        controlling | small        | ok           | ok       | ok      | ok    | not_permitted | not_permitted | not_permitted
        controlling | at threshold | ok           | ok       | ok      | ok    | not_permitted | not_permitted | not_permitted
        controlling | costly       | pmo_required | ok       | ok      | ok    | not_permitted | not_permitted | not_permitted
        controlling | late         | pmo_required | ok       | ok      | ok    | not_permitted | not_permitted | not_permitted
        directive   | small        | pmo_required | ok       | ok      | ok    | not_permitted | not_permitted | not_permitted
        directive   | costly       | pmo_required | ok       | ok      | ok    | not_permitted | not_permitted | not_permitted
        """)

    struct ApproverCell: Sendable, CustomTestStringConvertible {
        var mode: GovernanceMode, impact: String, actor: String, expected: String, command: String
        var testDescription: String { "\(actor) \(command) a \(impact) change in \(mode.rawValue) → \(expected)" }
    }

    static let approverCells: [ApproverCell] = approvers.rows.flatMap { row in
        zip(approvers.header.dropFirst(2), row.dropFirst(2)).flatMap { actor, expected in
            ["approve", "reject", "defer"].map {
                ApproverCell(mode: GovernanceMode(rawValue: row[0])!, impact: row[1], actor: actor, expected: expected,
                             command: $0)
            }
        }
    }

    @Test("who decides follows the mode and the thresholds", arguments: approverCells)
    func approver(cell: ApproverCell) {
        let state = W.State(status: .submitted, authorId: Who.requester, impact: Self.impact(cell.impact))
        let result = W.decide(Self.command(cell.command), on: state, by: .named(cell.actor),
                              in: W.Context(mode: cell.mode, thresholds: Self.thresholds))
        #expect(result.outcome == cell.expected)
    }

    @Test("the refusal names the mode and the threshold crossed")
    func reasons() {
        func refuse(_ impact: W.Impact, _ mode: GovernanceMode) -> WorkflowResult<W.State> {
            W.decide(.approve(baselineName: nil), on: W.State(status: .submitted, authorId: Who.requester, impact: impact),
                     by: .manager, in: W.Context(mode: mode, thresholds: Self.thresholds))
        }
        expectRefusal(refuse(Self.costly, .controlling), .pmoRequired,
                      mentions: ["controlling", "cost impact of 1000001 is above the threshold of 1000000"])
        expectRefusal(refuse(Self.late, .controlling), .pmoRequired,
                      mentions: ["schedule impact of 11 days is above the threshold of 10 days"])
        expectRefusal(refuse(Self.costly, .directive), .pmoRequired, mentions: ["directive", "every change request"])
        let both = W.Impact(costMinorUnits: 2_000_000, scheduleDays: 20)
        #expect(W.requiredApprover(for: both, in: W.Context(mode: .controlling, thresholds: Self.thresholds)).why?
            .contains(" and ") == true)
        #expect(W.requiredApprover(for: both, in: W.Context(mode: .supportive, thresholds: Self.thresholds)).0
            == .projectManager)
    }

    @Test("only the author submits; the author, the PM or the PMO resubmits a deferred change")
    func authors() {
        let context = W.Context(mode: .supportive, thresholds: Self.thresholds)
        let draft = W.State(authorId: Who.requester, impact: Self.small)
        expectRefusal(W.decide(.submit, on: draft, by: .manager, in: context), .notAuthor, mentions: ["author"])
        let deferred = W.State(status: .deferred, authorId: Who.requester, impact: Self.small, reason: "next quarter")
        for actor in [WorkflowActor.requester, .manager, .analyst] {
            let t = W.decide(.resubmit, on: deferred, by: actor, in: context).value
            #expect(t?.state.status == .submitted)
            #expect(t?.state.reason == nil)
        }
        expectRefusal(W.decide(.resubmit, on: deferred, by: .otherManager, in: context), .notPermitted)
    }

    @Test("the author or a PMO role withdraws an undecided change; no one else, and nothing decided")
    func withdraw() throws {
        let context = W.Context(mode: .directive, thresholds: Self.thresholds)
        for status in [W.Status.draft, .submitted, .deferred] {
            let state = W.State(status: status, authorId: Who.requester, impact: Self.small)
            for actor in [WorkflowActor.requester, .director, .analyst, .admin] {
                let t = try #require(W.decide(.withdraw, on: state, by: actor, in: context).value)
                #expect(t.state.status == .withdrawn)
                #expect(t.auditEntries == [AuditEntry(record: "change request", by: actor.userId,
                                                      before: status.rawValue, after: "withdrawn")])
            }
            // The project's manager decides a change but does not take back someone else's.
            for actor in [WorkflowActor.manager, .otherManager, .named("owner pfm")] {
                expectRefusal(W.decide(.withdraw, on: state, by: actor, in: context), .notAuthor,
                              mentions: ["author"])
            }
        }
        #expect(W.Status.withdrawn.isFinal)
        let approved = W.State(status: .approved, authorId: Who.requester, impact: Self.small)
        expectRefusal(W.decide(.withdraw, on: approved, by: .requester, in: context), .invalidTransition,
                      mentions: ["approved", "withdrawn"])
    }

    @Test("submitting tells whoever must decide")
    func submitNotifies() {
        let draft = W.State(authorId: Who.requester, impact: Self.costly)
        let pmo = W.decide(.submit, on: draft, by: .requester, in: W.Context(mode: .controlling, thresholds: Self.thresholds))
        #expect(pmo.value?.effects.first == .notify(.pmo, reason: "a change request waits for a decision"))
        let pm = W.decide(.submit, on: draft, by: .requester, in: W.Context(mode: .supportive, thresholds: Self.thresholds))
        #expect(pm.value?.effects.first == .notify(.projectManager, reason: "a change request waits for a decision"))
    }

    @Test("an approval may save a named baseline; a rejection keeps its reason; a deferral may give one")
    func decisions() throws {
        let context = W.Context(mode: .directive, thresholds: Self.thresholds)
        let submitted = W.State(status: .submitted, authorId: Who.requester, impact: Self.small)
        let approved = try #require(W.decide(.approve(baselineName: "Baseline 2 — scope change"), on: submitted,
                                             by: .director, in: context).value)
        #expect(approved.effects.first == .saveBaseline(name: "Baseline 2 — scope change"))
        #expect(approved.state.baselineName == "Baseline 2 — scope change")
        #expect(approved.effects.contains(.notify(.user(Who.requester), reason: "your change request was approved")))
        let plain = try #require(W.decide(.approve(baselineName: nil), on: submitted, by: .director, in: context).value)
        #expect(!plain.effects.contains { if case .saveBaseline = $0 { true } else { false } })
        expectRefusal(W.decide(.approve(baselineName: " "), on: submitted, by: .director, in: context), .nameRequired,
                      mentions: ["baseline"])

        expectRefusal(W.decide(.reject(reason: ""), on: submitted, by: .director, in: context), .reasonRequired,
                      mentions: ["reason"])
        let rejected = try #require(W.decide(.reject(reason: "no funds"), on: submitted, by: .director, in: context).value)
        #expect(rejected.state.reason == "no funds")
        #expect(rejected.auditEntries.first?.note == "no funds")

        let deferred = try #require(W.decide(.defer(reason: "after go-live"), on: submitted, by: .director,
                                             in: context).value)
        #expect(deferred.state.status == .deferred)
        #expect(deferred.state.reason == "after go-live")
    }

    @Test("in a directive portfolio a PM cannot re-baseline through a change request")
    func directiveBaseline() {
        let submitted = W.State(status: .submitted, authorId: Who.manager, impact: Self.small)
        expectRefusal(W.decide(.approve(baselineName: "B3"), on: submitted, by: .manager,
                               in: W.Context(mode: .directive, thresholds: Self.thresholds)), .pmoRequired)
    }
}
