import GantryGovernance
import GantryModel
import Testing

/// The stored gate values (GantryModel) name the same cases as the workflows that decide them (GantryGovernance):
/// the model cannot import the workflows, so its enums repeat their cases, and this keeps them in step.
@Suite("Stored gate values match the workflows")
struct StageGateModelTests {
    @Test("a gate's status, a decision and a report cadence have the workflows' cases, spelled the same")
    func sameCases() {
        #expect(GateStatus.allCases.map(\.rawValue) == StageGateWorkflow.Status.allCases.map(\.rawValue))
        #expect(GateStatus.allCases.map(\.isPending) == StageGateWorkflow.Status.allCases.map(\.isPending))
        #expect(GateStatus.allCases.map(\.label) == StageGateWorkflow.Status.allCases.map(\.label))
        #expect(GateDecision.allCases.map(\.rawValue) == StageGateWorkflow.Decision.allCases.map(\.rawValue))
        #expect(ReportCadence.allCases.map(\.rawValue) == ReportingSchedule.Cadence.allCases.map(\.rawValue))
    }
}
