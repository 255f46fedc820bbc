import GantryGovernance
import GantryModel
import Testing

@Suite("Intake workflow")
struct IntakeWorkflowTests {
    typealias W = IntakeWorkflow
    static let template = TemplateRef(7)

    static func command(_ name: String) -> W.Command {
        switch name {
        case "submit": .submit
        case "startReview": .startReview
        case "approve": .approve(template: template)
        case "reject": .reject(reason: "no budget this year")
        case "hold": .hold(reason: "wait for Q3 planning")
        case "resume": .resume
        case "withdraw": .withdraw
        default: fatalError(name)
        }
    }

    /// Each command from each state, by someone who may give it (the requester submits and withdraws, the PMO
    /// director does the rest): the new state, or `-` for a refusal with `invalid_transition`.
    static let transitions = Chart("""
        from      | submit    | startReview | approve  | reject   | hold    | resume    | withdraw
        draft     | submitted | -           | -        | -        | -       | -         | withdrawn
        submitted | -         | in_review   | -        | rejected | -       | -         | withdrawn
        in_review | -         | -           | approved | rejected | on_hold | -         | withdrawn
        on_hold   | -         | -           | approved | rejected | -       | in_review | withdrawn
        approved  | -         | -           | -        | -        | -       | -         | -
        rejected  | -         | -           | -        | -        | -       | -         | -
        withdrawn | -         | -           | -        | -        | -       | -         | -
        """)

    struct Cell: Sendable, CustomTestStringConvertible {
        var row: String, column: String, value: String
        var testDescription: String { "\(column) from \(row) → \(value)" }
    }

    @Test("every command from every state goes where the chart says",
          arguments: transitions.cells.map { Cell(row: $0.row, column: $0.column, value: $0.value) })
    func transition(cell: Cell) {
        let from = W.Status(rawValue: cell.row)!
        let actor: WorkflowActor = cell.column == "submit" || cell.column == "withdraw" ? .requester : .director
        let state = W.State(status: from, requesterId: Who.requester)
        let result = W.decide(Self.command(cell.column), on: state, by: actor)
        if cell.value == "-" {
            expectRefusal(result, .invalidTransition, mentions: [from.label])
        } else {
            #expect(result.value?.state.status == W.Status(rawValue: cell.value))
            expectAudited(result.value, by: actor, record: "intake request")
            #expect(result.value?.auditEntries.first?.before == cell.row)
            #expect(result.value?.auditEntries.first?.after == cell.value)
        }
    }

    @Test("the chart covers every state and every command")
    func coverage() {
        #expect(Set(Self.transitions.rows.map { $0[0] }) == Set(W.Status.allCases.map(\.rawValue)))
        #expect(Self.transitions.header.count == 8)
    }

    /// Who may give each command (from a state where it applies): `ok` or the refusal's code.
    static let who = Chart("""
        command     | requester  | member     | pm          | director   | analyst    | admin      | exec
        submit      | ok         | not_author | not_author  | not_author | not_author | not_author | not_author
        withdraw    | ok         | not_author | not_author  | not_author | not_author | not_author | not_author
        startReview | pmo_required | pmo_required | pmo_required | ok    | ok         | ok         | pmo_required
        approve     | pmo_required | pmo_required | pmo_required | ok    | ok         | ok         | pmo_required
        reject      | pmo_required | pmo_required | pmo_required | ok    | ok         | ok         | pmo_required
        hold        | pmo_required | pmo_required | pmo_required | ok    | ok         | ok         | pmo_required
        resume      | pmo_required | pmo_required | pmo_required | ok    | ok         | ok         | pmo_required
        """)

    static let applicableFrom: [String: W.Status] = [
        "submit": .draft, "withdraw": .submitted, "startReview": .submitted, "approve": .inReview,
        "reject": .inReview, "hold": .inReview, "resume": .onHold,
    ]

    @Test("the requester submits and withdraws their own request; PMO roles review and decide",
          arguments: who.cells.map { Cell(row: $0.row, column: $0.column, value: $0.value) })
    func permission(cell: Cell) {
        let state = W.State(status: Self.applicableFrom[cell.row]!, requesterId: Who.requester)
        let result = W.decide(Self.command(cell.row), on: state, by: .named(cell.column))
        #expect(result.outcome == cell.value)
    }

    @Test("a request goes from draft to an approved project made from the named template")
    func happyPath() throws {
        var state = W.State(requesterId: Who.requester)
        let submitted = try #require(W.decide(.submit, on: state, by: .requester).value)
        #expect(submitted.effects.contains(.notify(.pmo, reason: "an intake request was submitted")))
        state = submitted.state
        state = try #require(W.decide(.startReview, on: state, by: .analyst).value).state
        let approved = try #require(W.decide(.approve(template: Self.template), on: state, by: .director).value)
        #expect(approved.state.status == .approved)
        #expect(approved.state.template == Self.template)
        #expect(approved.effects.first == .createProject(template: Self.template))
        #expect(approved.effects.contains(.notify(.user(Who.requester), reason: "your intake request was approved")))
    }

    @Test("approval names a template")
    func templateRequired() {
        let state = W.State(status: .inReview, requesterId: Who.requester)
        expectRefusal(W.decide(.approve(template: nil), on: state, by: .director), .templateRequired,
                      mentions: ["template"])
    }

    @Test("rejecting or holding needs a reason, which the requester is told and the audit keeps")
    func reasons() throws {
        let state = W.State(status: .inReview, requesterId: Who.requester)
        expectRefusal(W.decide(.reject(reason: "  "), on: state, by: .director), .reasonRequired, mentions: ["reason"])
        expectRefusal(W.decide(.hold(reason: ""), on: state, by: .director), .reasonRequired)
        let rejected = try #require(W.decide(.reject(reason: "duplicate of R-12"), on: state, by: .director).value)
        #expect(rejected.state.reason == "duplicate of R-12")
        #expect(rejected.auditEntries.first?.note == "duplicate of R-12")
        let held = try #require(W.decide(.hold(reason: "after Q3"), on: state, by: .director).value)
        #expect(held.state.status == .onHold)
        #expect(held.state.reason == "after Q3")
    }

    @Test("withdrawing a draft tells nobody; withdrawing a submitted request tells the PMO")
    func withdrawNotifications() throws {
        let draft = try #require(W.decide(.withdraw, on: W.State(requesterId: Who.requester), by: .requester).value)
        #expect(draft.effects.count == 1)
        let submitted = W.State(status: .submitted, requesterId: Who.requester)
        let withdrawn = try #require(W.decide(.withdraw, on: submitted, by: .requester).value)
        #expect(withdrawn.effects.contains(.notify(.pmo, reason: "an intake request was withdrawn")))
    }

    @Test("a refusal leaves the request as it was")
    func refusalChangesNothing() {
        let state = W.State(status: .submitted, requesterId: Who.requester)
        let result = W.decide(.startReview, on: state, by: .manager)
        expectRefusal(result, .pmoRequired, mentions: ["PMO"])
        #expect(state.status == .submitted)
    }
}
