import GantryGovernance
import GantryModel
import Testing

/// What a change request's page and its stored record say about who decides it, in every mode.
@Suite("Change request approver, explained")
struct ChangeRequestApproverTests {
    typealias W = ChangeRequestWorkflow
    static let thresholds = W.Thresholds(costMinorUnits: 1_000_000, scheduleDays: 10)

    static func explained(_ mode: GovernanceMode, cost: Int64, days: Int) -> (W.Approver, why: String) {
        W.requiredApproverExplained(for: W.Impact(costMinorUnits: cost, scheduleDays: days),
                                    in: W.Context(mode: mode, thresholds: thresholds))
    }

    @Test("the approver is requiredApprover's, and the reason names the mode in every case")
    func agreesWithRequiredApprover() {
        for mode in GovernanceMode.allCases {
            for (cost, days) in [(Int64(0), 0), (1_000_000, 10), (1_000_001, 0), (0, -11), (5_000_000, 30)] {
                let impact = W.Impact(costMinorUnits: cost, scheduleDays: days)
                let context = W.Context(mode: mode, thresholds: Self.thresholds)
                let (approver, why) = W.requiredApproverExplained(for: impact, in: context)
                let plain = W.requiredApprover(for: impact, in: context)
                #expect(approver == plain.0)
                if let reason = plain.why { #expect(why == reason) }
                #expect(why.contains(mode.rawValue), "\(why)")
            }
        }
    }

    @Test("when the project's manager may decide, the reason says so, with the thresholds in a controlling portfolio")
    func managerReasons() {
        let supportive = Self.explained(.supportive, cost: 9_000_000, days: 90)
        #expect(supportive.0 == .projectManager)
        #expect(supportive.why == "in a supportive portfolio, the project's manager decides every change request")
        let within = Self.explained(.controlling, cost: 1_000_000, days: -10)
        #expect(within.0 == .projectManager)
        #expect(within.why.contains("within the thresholds (cost impact up to 1000000 in minor units, schedule impact up to 10 days)"))
        let over = Self.explained(.controlling, cost: 1_000_001, days: 0)
        #expect(over.0 == .pmo && over.why.contains("above the threshold"))
        #expect(Self.explained(.directive, cost: 0, days: 0).0 == .pmo)
    }
}
