import GantryGovernance
import GantryModel
import Testing

@Suite("Status report workflow")
struct StatusReportWorkflowTests {
    typealias W = StatusReportWorkflow

    static func command(_ name: String) -> W.Command {
        switch name {
        case "rate": .rate(.schedule, .green, comment: nil)
        case "submit": .submit
        case "accept": .accept
        case "return": .return(comment: "add the vendor delay")
        case "revise": .revise
        default: fatalError(name)
        }
    }

    /// Each command from each state by someone who may give it (the project's manager edits, submits and revises;
    /// the PMO director reviews): the new state, or `-` for `invalid_transition`.
    static let transitions = Chart("""
        from      | rate  | submit    | accept   | return   | revise
        draft     | draft | submitted | -        | -        | -
        submitted | -     | -         | accepted | returned | -
        accepted  | -     | -         | -        | -        | -
        returned  | -     | -         | -        | -        | draft
        """)

    struct Cell: Sendable, CustomTestStringConvertible {
        var row: String, column: String, value: String
        var testDescription: String { "\(column) from \(row) → \(value)" }
    }

    @Test("every command from every state goes where the chart says",
          arguments: transitions.cells.map { Cell(row: $0.row, column: $0.column, value: $0.value) })
    func transition(cell: Cell) {
        let actor: WorkflowActor = cell.column == "accept" || cell.column == "return" ? .director : .manager
        let state = W.State(status: W.Status(rawValue: cell.row)!, authorId: Who.manager)
        let result = W.decide(Self.command(cell.column), on: state, by: actor)
        if cell.value == "-" {
            expectRefusal(result, .invalidTransition, mentions: [cell.row])
        } else {
            #expect(result.value?.state.status == W.Status(rawValue: cell.value))
            expectAudited(result.value, by: actor, record: "status report")
        }
        #expect(Set(Self.transitions.rows.map { $0[0] }) == Set(W.Status.allCases.map(\.rawValue)))
    }

    /// Who may give each command (from the state where it applies). "author" wrote the report but does not manage
    /// the project; "pm" manages the project (and did not write it).
    static let who = Chart("""
        command | author     | pm         | other pm   | director     | analyst      | admin        | exec
        rate    | ok         | ok         | not_author | not_author   | not_author   | not_author   | not_author
        submit  | ok         | ok         | not_author | not_author   | not_author   | not_author   | not_author
        revise  | ok         | ok         | not_author | not_author   | not_author   | not_author   | not_author
        accept  | pmo_required | pmo_required | pmo_required | ok      | ok           | ok           | pmo_required
        return  | pmo_required | pmo_required | pmo_required | ok      | ok           | ok           | pmo_required
        """)

    @Test("the author or the project's manager edits and submits; a PMO role accepts or returns, in every mode",
          arguments: who.cells.map { Cell(row: $0.row, column: $0.column, value: $0.value) })
    func permission(cell: Cell) {
        let from: W.Status = ["accept", "return"].contains(cell.row) ? .submitted : cell.row == "revise" ? .returned : .draft
        let author = WorkflowActor(userId: Who.requester, role: .teamMember)
        let actor = cell.column == "author" ? author : .named(cell.column)
        let result = W.decide(Self.command(cell.row), on: W.State(status: from, authorId: Who.requester), by: actor)
        #expect(result.outcome == cell.value)
    }

    @Test("a PM submits, the PMO returns it with a comment, the PM revises and resubmits, the PMO accepts")
    func journey() throws {
        var report = W.State(authorId: Who.manager)
        let submitted = try #require(W.decide(.submit, on: report, by: .manager).value)
        #expect(submitted.effects.first == .notify(.pmo, reason: "a status report waits for review"))
        report = submitted.state
        expectRefusal(W.decide(.return(comment: ""), on: report, by: .director), .commentRequired,
                      mentions: ["comment"])
        let returned = try #require(W.decide(.return(comment: "explain the slip"), on: report, by: .director).value)
        #expect(returned.state.returnComment == "explain the slip")
        #expect(returned.effects.first == .notify(.user(Who.manager), reason: "your status report was returned: explain the slip"))
        #expect(returned.auditEntries.first?.note == "explain the slip")
        report = try #require(W.decide(.revise, on: returned.state, by: .manager).value).state
        #expect(report.status == .draft)
        report = try #require(W.decide(.submit, on: report, by: .manager).value).state
        let accepted = try #require(W.decide(.accept, on: report, by: .analyst).value)
        #expect(accepted.state.status == .accepted)
        #expect(accepted.effects.first == .notify(.user(Who.manager), reason: "your status report was accepted"))
    }

    @Test("a rating that overrides the suggested colour needs a comment; following it does not")
    func override() throws {
        let report = W.State(authorId: Who.manager, suggested: [.cost: .amber])
        expectRefusal(W.decide(.rate(.cost, .green, comment: nil), on: report, by: .manager), .commentRequired,
                      mentions: ["override", "amber", "green"])
        expectRefusal(W.decide(.rate(.cost, .green, comment: "  "), on: report, by: .manager), .commentRequired)
        let followed = try #require(W.decide(.rate(.cost, .amber, comment: nil), on: report, by: .manager).value)
        #expect(followed.state.ratings[.cost] == W.Rating(suggested: .amber, value: .amber))
        #expect(followed.state.ratings[.cost]?.isOverride == false)
        let overridden = try #require(W.decide(.rate(.cost, .green, comment: "invoice credited"), on: report,
                                               by: .manager).value)
        #expect(overridden.state.ratings[.cost]?.isOverride == true)
        #expect(overridden.state.ratings[.cost]?.comment == "invoice credited")
        #expect(overridden.auditEntries.first?.note == "cost unrated → green: invoice credited")
        // No suggestion (no numbers yet): any colour without a comment.
        #expect(W.decide(.rate(.scope, .red, comment: nil), on: report, by: .manager).value?.state.ratings[.scope]?
            .value == .red)
        expectRefusal(W.decide(.rate(.overall, .unknown, comment: "x"), on: report, by: .manager), .outOfRange,
                      mentions: ["green, amber or red"])
    }
}

@Suite("Reporting schedule")
struct ReportingScheduleTests {
    static func day(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }
    // 2026-03-02 is a Monday.
    static let weekly = ReportingSchedule(cadence: .weekly, anchor: day("2026-03-02"), graceDays: 2)

    @Test("the first report is due the grace days after the first period ends, and late the day after")
    func firstReport() {
        let s = Self.weekly
        // The first period is [03-02, 03-09); due 03-11.
        #expect(s.check(lastCoveredPeriodEnd: nil, today: Self.day("2026-03-11"), mode: .controlling)
            == ReportingSchedule.Check(due: .onTime(periodEnd: Self.day("2026-03-09"), dueOn: Self.day("2026-03-11")),
                                       effects: []))
        let late = s.check(lastCoveredPeriodEnd: nil, today: Self.day("2026-03-12"), mode: .controlling)
        #expect(late.due == .overdue(periodEnd: Self.day("2026-03-09"), dueOn: Self.day("2026-03-11"), daysLate: 1,
                                     missedPeriods: 1))
        let reason = "the status report for the period ending 2026-03-09 was due on 2026-03-11 and is 1 day late"
        #expect(late.effects == [.flagOverdueReport(periodEnd: Self.day("2026-03-09"), daysLate: 1),
                                 .notify(.projectManager, reason: reason), .notify(.pmo, reason: reason)])
    }

    @Test("after a submitted report the next period is the one that counts; missed periods are counted")
    func later() {
        let s = Self.weekly
        // Covered up to 03-16: the next period is [03-16, 03-23), due 03-25; [03-23, 03-30) is due 04-01.
        #expect(s.check(lastCoveredPeriodEnd: Self.day("2026-03-16"), today: Self.day("2026-03-20"), mode: .directive)
            .due == .onTime(periodEnd: Self.day("2026-03-23"), dueOn: Self.day("2026-03-25")))
        #expect(s.check(lastCoveredPeriodEnd: Self.day("2026-03-16"), today: Self.day("2026-04-02"), mode: .directive)
            .due == .overdue(periodEnd: Self.day("2026-03-23"), dueOn: Self.day("2026-03-25"), daysLate: 8,
                             missedPeriods: 2))
    }

    @Test("in a supportive portfolio lateness is reported but nothing is flagged or sent")
    func supportive() {
        let check = Self.weekly.check(lastCoveredPeriodEnd: nil, today: Self.day("2026-04-30"), mode: .supportive)
        guard case .overdue = check.due else { Issue.record("expected overdue"); return }
        #expect(check.effects.isEmpty)
    }

    @Test("biweekly and monthly periods; a monthly anchor on the 31st falls on each month's last day")
    func cadences() {
        let biweekly = ReportingSchedule(cadence: .biweekly, anchor: Self.day("2026-03-02"))
        #expect(biweekly.periodStart(1) == Self.day("2026-03-16"))
        let monthly = ReportingSchedule(cadence: .monthly, anchor: Self.day("2026-01-31"))
        #expect(monthly.periodStart(1) == Self.day("2026-02-28"))
        #expect(monthly.periodStart(2) == Self.day("2026-03-31"))
        #expect(monthly.periodStart(12) == Self.day("2027-01-31"))
        #expect(monthly.check(lastCoveredPeriodEnd: nil, today: Self.day("2026-03-01"), mode: .controlling).due
            == .overdue(periodEnd: Self.day("2026-02-28"), dueOn: Self.day("2026-02-28"), daysLate: 1,
                        missedPeriods: 1))
    }
}
