import GantryGovernance
import GantryModel
import Testing

@Suite("Stage gate workflow")
struct StageGateWorkflowTests {
    typealias W = StageGateWorkflow

    static func gate(mustMeetsMet: Bool, status: W.Status = .open) -> W.State {
        W.State(status: status, criteria: [
            W.Criterion(name: "Business case signed", kind: .mustMeet, met: mustMeetsMet ? true : nil),
            W.Criterion(name: "Security review", kind: .mustMeet, requiresEvidence: true,
                        met: mustMeetsMet ? true : false, evidence: [.link(url: "https://wiki/sec", title: "review")]),
            W.Criterion(name: "Strategic fit", kind: .shouldMeet(weight: 3), score: 8),
            W.Criterion(name: "Team availability", kind: .shouldMeet(weight: 1)),
        ])
    }

    static func command(_ name: String) -> (W.Command, mustMeetsMet: Bool) {
        switch name {
        case "go met": (.decide(.go, comment: "ready"), true)
        case "go unmet": (.decide(.go, comment: "accepted risk"), false)
        case "hold": (.decide(.hold, comment: "budget freeze"), true)
        case "recycle": (.decide(.recycle, comment: "rework the design"), true)
        case "kill": (.decide(.kill, comment: "market gone"), true)
        case "assess": (.assess(criterion: "Business case signed", met: true), false)
        case "score": (.score(criterion: "Team availability", score: 5), true)
        case "evidence": (.attachEvidence(criterion: "Strategic fit", .file(name: "fit.pdf", mediaType:
            "application/pdf", bytes: 1200)), true)
        default: fatalError(name)
        }
    }

    /// What each actor may do at a gate in each mode: `ok` or the refusal's code. "pm" manages the project; "other
    /// pm" manages another; "owner pfm" owns the portfolio; "any" stands for every mode.
    static let chart = Chart("""
        actor     | mode        | go met       | go unmet        | hold         | recycle      | kill         | assess       | score         | evidence
        pm        | supportive  | ok           | ok              | ok           | ok           | ok           | ok           | ok            | ok
        pm        | controlling | ok           | must_meet_unmet | ok           | ok           | pmo_required | pmo_required | ok            | ok
        pm        | directive   | pmo_required | pmo_required    | pmo_required | pmo_required | pmo_required | pmo_required | ok            | ok
        director  | any         | ok           | ok              | ok           | ok           | ok           | ok           | ok            | ok
        analyst   | any         | ok           | ok              | ok           | ok           | ok           | ok           | ok            | ok
        admin     | any         | ok           | ok              | ok           | ok           | ok           | ok           | ok            | ok
        other pm  | any         | not_permitted | not_permitted  | not_permitted | not_permitted | not_permitted | not_permitted | not_permitted | not_permitted
        owner pfm | any         | not_permitted | not_permitted  | not_permitted | not_permitted | not_permitted | not_permitted | not_permitted | not_permitted
        sponsor   | any         | not_permitted | not_permitted  | not_permitted | not_permitted | not_permitted | not_permitted | not_permitted | not_permitted
        member    | any         | not_permitted | not_permitted  | not_permitted | not_permitted | not_permitted | not_permitted | not_permitted | not_permitted
        exec      | any         | not_permitted | not_permitted  | not_permitted | not_permitted | not_permitted | not_permitted | not_permitted | not_permitted
        requester | any         | not_permitted | not_permitted  | not_permitted | not_permitted | not_permitted | not_permitted | not_permitted | not_permitted
        """)

    struct Cell: Sendable, CustomTestStringConvertible {
        var actor: String, mode: GovernanceMode, command: String, expected: String
        var testDescription: String { "\(actor) \(command) in \(mode.rawValue) → \(expected)" }
    }

    static let cells: [Cell] = chart.rows.flatMap { row in
        let modes = row[1] == "any" ? GovernanceMode.allCases : [GovernanceMode(rawValue: row[1])!]
        return modes.flatMap { mode in
            zip(chart.header.dropFirst(2), row.dropFirst(2)).map {
                Cell(actor: row[0], mode: mode, command: $0, expected: $1)
            }
        }
    }

    @Test("the chart covers every mode for the project's manager and the PMO roles")
    func coverage() {
        #expect(Self.cells.count == (3 + 3 * 9) * 8)
        for mode in GovernanceMode.allCases {
            #expect(Self.cells.contains { $0.actor == "pm" && $0.mode == mode })
        }
    }

    @Test("each actor may do at a gate what the chart says, in each mode", arguments: cells)
    func permission(cell: Cell) {
        let (command, met) = Self.command(cell.command)
        let result = W.decide(command, on: Self.gate(mustMeetsMet: met), by: .named(cell.actor),
                              in: W.Context(mode: cell.mode))
        #expect(result.outcome == cell.expected)
        if cell.expected == "ok" { expectAudited(result.value, by: .named(cell.actor), record: "stage gate") }
    }

    @Test("the refusals say why, naming the mode and the unmet criteria")
    func reasons() {
        let unmet = Self.gate(mustMeetsMet: false)
        expectRefusal(W.decide(.decide(.go, comment: "x"), on: unmet, by: .manager, in: W.Context(mode: .controlling)),
                      .mustMeetUnmet, mentions: ["controlling", "Business case signed", "Security review", "PMO role decides go"])
        expectRefusal(W.decide(.decide(.kill, comment: "x"), on: unmet, by: .manager, in: W.Context(mode: .controlling)),
                      .pmoRequired, mentions: ["controlling", "kill"])
        expectRefusal(W.decide(.decide(.hold, comment: "x"), on: unmet, by: .manager, in: W.Context(mode: .directive)),
                      .pmoRequired, mentions: ["directive"])
        expectRefusal(W.decide(.assess(criterion: "Security review", met: true), on: unmet, by: .manager,
                               in: W.Context(mode: .controlling)), .pmoRequired, mentions: ["must-meet"])
        expectRefusal(W.decide(.decide(.go, comment: "x"), on: unmet, by: .otherManager,
                               in: W.Context(mode: .supportive)), .notPermitted, mentions: ["manager"])
    }

    @Test("each decision moves the gate and asks for its effect", arguments: [
        (W.Decision.go, W.Status.passed, GovernanceEffect.openNextPhase),
        (.recycle, .recycled, .reopenPhase),
        (.kill, .killed, .closeProject),
    ])
    func decisions(decision: W.Decision, status: W.Status, effect: GovernanceEffect) throws {
        let t = try #require(W.decide(.decide(decision, comment: "minutes of 3 May"), on: Self.gate(mustMeetsMet: true),
                                      by: .director, in: W.Context(mode: .controlling)).value)
        #expect(t.state.status == status)
        #expect(t.effects.first == effect)
        #expect(t.effects.contains(.notify(.projectManager, reason: "the gate was decided \(decision.rawValue)")))
        #expect(t.state.decisions == [W.Record(decision: decision, by: Who.pmo, comment: "minutes of 3 May")])
        #expect(t.auditEntries.first?.before == "open")
        #expect(t.auditEntries.first?.after == status.rawValue)
        #expect(t.auditEntries.first?.note == "minutes of 3 May")
    }

    @Test("hold parks the gate with no phase effect; a held or recycled gate can be decided again")
    func holdAndRedecide() throws {
        let context = W.Context(mode: .supportive)
        let held = try #require(W.decide(.decide(.hold, comment: "freeze"), on: Self.gate(mustMeetsMet: true),
                                         by: .manager, in: context).value)
        #expect(held.state.status == .onHold)
        #expect(held.effects.count == 2)  // notify the PMO, audit
        #expect(held.effects.first == .notify(.pmo, reason: "the gate was decided hold"))
        for status in [W.Status.onHold, .recycled] {
            let gate = Self.gate(mustMeetsMet: true, status: status)
            #expect(W.decide(.decide(.go, comment: ""), on: gate, by: .manager, in: context).value?.state.status == .passed)
        }
    }

    @Test("a passed or killed gate is final", arguments: [W.Status.passed, .killed])
    func final(status: W.Status) {
        let gate = Self.gate(mustMeetsMet: true, status: status)
        for command in ["go met", "hold", "assess", "evidence"] {
            expectRefusal(W.decide(Self.command(command).0, on: gate, by: .director, in: W.Context(mode: .supportive)),
                          .invalidTransition, mentions: [status.label])
        }
    }

    @Test("a comment is required for hold, recycle, kill and for a go over unmet must-meets, not for a plain go")
    func comments() {
        let met = Self.gate(mustMeetsMet: true), unmet = Self.gate(mustMeetsMet: false)
        let context = W.Context(mode: .supportive)
        for decision in [W.Decision.hold, .recycle, .kill] {
            expectRefusal(W.decide(.decide(decision, comment: " "), on: met, by: .director, in: context),
                          .commentRequired, mentions: [decision.rawValue])
        }
        expectRefusal(W.decide(.decide(.go, comment: ""), on: unmet, by: .director, in: context), .commentRequired,
                      mentions: ["unmet must-meet"])
        #expect(W.decide(.decide(.go, comment: ""), on: met, by: .director, in: context).value?.state.status == .passed)
    }

    @Test("in a supportive portfolio a PM's go over unmet must-meets passes, is recorded, and the PMO is told")
    func supportiveGoWithUnmet() throws {
        let t = try #require(W.decide(.decide(.go, comment: "we accept it"), on: Self.gate(mustMeetsMet: false),
                                      by: .manager, in: W.Context(mode: .supportive)).value)
        #expect(t.state.status == .passed)
        #expect(t.state.decisions.last?.unmetMustMeets == ["Business case signed", "Security review"])
        #expect(t.effects.contains(.notify(.pmo, reason:
            "the gate was decided go with unmet must-meet criteria: Business case signed, Security review")))
    }

    @Test("in a controlling portfolio the gate blocks until the PMO assesses the must-meets or decides go")
    func controllingJourney() throws {
        let context = W.Context(mode: .controlling)
        var gate = Self.gate(mustMeetsMet: false)
        #expect(W.decide(.decide(.go, comment: ""), on: gate, by: .manager, in: context).outcome == "must_meet_unmet")
        gate = try #require(W.decide(.assess(criterion: "Business case signed", met: true), on: gate, by: .analyst,
                                     in: context).value).state
        gate = try #require(W.decide(.assess(criterion: "Security review", met: true), on: gate, by: .analyst,
                                     in: context).value).state
        #expect(gate.unmetMustMeets.isEmpty)
        #expect(W.decide(.decide(.go, comment: ""), on: gate, by: .manager, in: context).value?.state.status == .passed)
    }

    @Test("criteria: unknown names, the wrong kind, evidence, and the score scale are checked")
    func criteria() throws {
        let gate = Self.gate(mustMeetsMet: false), context = W.Context(mode: .supportive)
        func run(_ command: W.Command) -> WorkflowResult<W.State> {
            W.decide(command, on: gate, by: .manager, in: context)
        }
        expectRefusal(run(.assess(criterion: "Nope", met: true)), .unknownCriterion, mentions: ["Nope"])
        expectRefusal(run(.score(criterion: "Nope", score: 1)), .unknownCriterion)
        expectRefusal(run(.attachEvidence(criterion: "Nope", .link(url: "u", title: "t"))), .unknownCriterion)
        expectRefusal(run(.assess(criterion: "Strategic fit", met: true)), .invalidTransition, mentions: ["scored"])
        expectRefusal(run(.score(criterion: "Security review", score: 3)), .invalidTransition, mentions: ["met or not"])
        expectRefusal(run(.score(criterion: "Strategic fit", score: 11)), .outOfRange, mentions: ["0 to 10"])
        expectRefusal(run(.score(criterion: "Strategic fit", score: -1)), .outOfRange)

        let noEvidence = W.State(criteria: [W.Criterion(name: "Signed", kind: .mustMeet, requiresEvidence: true)])
        expectRefusal(W.decide(.assess(criterion: "Signed", met: true), on: noEvidence, by: .manager, in: context),
                      .evidenceRequired, mentions: ["evidence"])
        // Marking it not met needs no evidence; attaching evidence then allows met.
        #expect(W.decide(.assess(criterion: "Signed", met: false), on: noEvidence, by: .manager, in: context)
            .value?.state.criteria[0].met == false)
        let withEvidence = try #require(W.decide(.attachEvidence(criterion: "Signed", .file(name: "s.pdf",
            mediaType: "application/pdf", bytes: 10)), on: noEvidence, by: .manager, in: context).value)
        #expect(withEvidence.state.criteria[0].evidence.count == 1)
        #expect(withEvidence.auditEntries.first?.after == "Signed: not assessed, 1 evidence")
        let assessed = try #require(W.decide(.assess(criterion: "Signed", met: true), on: withEvidence.state,
                                             by: .manager, in: context).value)
        #expect(assessed.state.criteria[0].met == true)
        #expect(assessed.auditEntries.first?.before == "Signed: not assessed, 1 evidence")
        #expect(assessed.auditEntries.first?.after == "Signed: met, 1 evidence")

        let scored = try #require(run(.score(criterion: "Team availability", score: 4)).value)
        #expect(scored.state.criteria[3].score == 4)
    }

    @Test("the should-meet score is the weighted mean of the scored criteria")
    func weightedScore() {
        var gate = Self.gate(mustMeetsMet: true)
        #expect(gate.weightedScore == 8)  // only "Strategic fit" is scored
        gate.criteria[3].score = 4
        let expected: Double = (3 * 8 + 1 * 4) / 4
        #expect(gate.weightedScore == expected)
        #expect(W.State(criteria: [W.Criterion(name: "M", kind: .mustMeet)]).weightedScore == nil)
        #expect(Self.gate(mustMeetsMet: false).unmetMustMeets == ["Business case signed", "Security review"])
    }
}
