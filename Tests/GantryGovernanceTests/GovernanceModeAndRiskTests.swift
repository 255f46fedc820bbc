import GantryGovernance
import GantryModel
import Testing

@Suite("Governance mode change")
struct GovernanceModeChangeTests {
    @Test("only the administrator and the PMO director may change a portfolio's mode", arguments: Role.allCases)
    func who(role: Role) {
        let actor = WorkflowActor(userId: Who.pmo, role: role, relations: [.portfolioOwner])
        let result = GovernanceModeChange.decide(to: .directive, from: .supportive, by: actor)
        if role == .admin || role == .pmoDirector {
            #expect(result.value?.state == .directive)
        } else {
            expectRefusal(result, .notPermitted, mentions: ["PMO director"])
        }
    }

    @Test("the change is applied, audited with before and after and the comment, and the PMO is told")
    func audited() throws {
        let t = try #require(GovernanceModeChange.decide(to: .controlling, from: .supportive, by: .director,
                                                         comment: "audit findings").value)
        #expect(t.effects == [
            .setGovernanceMode(.controlling),
            .notify(.pmo, reason: "the portfolio's governance mode changed from supportive to controlling"),
            .audit(AuditEntry(record: "portfolio", by: Who.pmo, before: "supportive", after: "controlling",
                              note: "audit findings")),
        ])
    }

    @Test("changing to the same mode is refused")
    func unchanged() {
        expectRefusal(GovernanceModeChange.decide(to: .directive, from: .directive, by: .admin), .modeUnchanged,
                      mentions: ["directive"])
    }
}

@Suite("Risks")
struct RiskTests {
    typealias W = RiskWorkflow
    static let ownerId = User.ID(5)
    static let owner = WorkflowActor(userId: ownerId, role: .teamMember)

    @Test("a risk's score is probability × impact on 1–5 scales, with documented bands")
    func score() throws {
        let s = try #require(RiskScore(probability: 4, impact: 4))
        #expect(s.value == 16)
        #expect(s.level() == .high)
        #expect(s.explanation == "likely (4) × major (4) = 16")
        #expect(RiskScore(probability: 0, impact: 3) == nil)
        #expect(RiskScore(probability: 3, impact: 6) == nil)
        // Default bands: low 1–4, medium 5–11, high 12–25.
        let levels = [(1, 4, RiskScore.Level.low), (1, 5, .medium), (2, 2, .low), (3, 3, .medium), (2, 6 - 1, .medium),
                      (3, 4, .high), (5, 5, .high)]
        for (p, i, level) in levels { #expect(RiskScore(probability: p, impact: i)?.level() == level) }
        let strict = RiskScore.Bands(mediumFrom: 3, highFrom: 20)
        #expect(RiskScore(probability: 4, impact: 4)?.level(strict) == .medium)
    }

    static func risk(_ status: W.Status = .open) -> W.State {
        W.State(status: status, ownerId: Self.ownerId, score: RiskScore(probability: 3, impact: 4)!)
    }

    @Test("a risk becomes an issue: the service creates the issue and the owner is told")
    func convert() throws {
        let t = try #require(W.decide(.convertToIssue, on: Self.risk(), by: .manager).value)
        #expect(t.state.status == .converted)
        #expect(t.effects.first == .createIssueFromRisk)
        #expect(t.effects.contains(.notify(.user(Self.ownerId), reason: "your risk became an issue")))
        expectAudited(t, by: .manager, record: "risk")
        // The owner converting their own risk is not told about it.
        let own = try #require(W.decide(.convertToIssue, on: Self.risk(), by: Self.owner).value)
        #expect(own.effects == [.createIssueFromRisk, .audit(AuditEntry(record: "risk", by: Self.ownerId,
                                                                        before: "open", after: "converted"))])
    }

    @Test("every transition and the states it does not apply in", arguments: W.Status.allCases)
    func transitions(from: W.Status) {
        let commands: [(W.Command, W.Status, W.Status)] = [
            (.rescore(probability: 1, impact: 1), .open, .open), (.convertToIssue, .open, .converted),
            (.close(reason: "passed"), .open, .closed), (.reopen, .closed, .open),
        ]
        for (command, applies, to) in commands {
            let result = W.decide(command, on: Self.risk(from), by: .director)
            if from == applies {
                #expect(result.value?.state.status == to)
            } else {
                expectRefusal(result, .invalidTransition, mentions: [from.rawValue])
            }
        }
    }

    @Test("closing needs a reason; rescoring checks the scale and audits the old and new score")
    func closeAndRescore() throws {
        expectRefusal(W.decide(.close(reason: ""), on: Self.risk(), by: .manager), .reasonRequired)
        let closed = try #require(W.decide(.close(reason: "window passed"), on: Self.risk(), by: .manager).value)
        #expect(closed.state.closeReason == "window passed")
        #expect(W.decide(.reopen, on: closed.state, by: .manager).value?.state.closeReason == nil)
        expectRefusal(W.decide(.rescore(probability: 6, impact: 1), on: Self.risk(), by: .manager), .outOfRange,
                      mentions: ["1 to 5"])
        let rescored = try #require(W.decide(.rescore(probability: 5, impact: 5), on: Self.risk(), by: Self.owner).value)
        #expect(rescored.state.score.value == 25)
        #expect(rescored.auditEntries.first?.before == "possible (3) × major (4) = 12")
        #expect(rescored.auditEntries.first?.after == "almost certain (5) × severe (5) = 25")
    }

    @Test("only the owner, the project's manager or a PMO role may change a risk",
          arguments: ["director", "analyst", "admin", "pm", "other pm", "owner pfm", "member", "exec", "requester"])
    func who(name: String) {
        let result = W.decide(.convertToIssue, on: Self.risk(), by: .named(name))
        let allowed = ["director", "analyst", "admin", "pm"].contains(name)
        #expect(result.outcome == (allowed ? "ok" : "not_permitted"))
    }
}
