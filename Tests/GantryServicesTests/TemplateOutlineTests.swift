import GantryModel
import GantryServices
import Testing

/// The line format of the template form, and the demo's templates and phases.
@Suite("Template outline and demo gates")
struct TemplateOutlineTests {
    static let t = Timestamp(millisecondsSinceEpoch: 0)

    @Test("the line format reads phases, gates, criteria with their options, deliverables and WBS items")
    func parse() throws {
        let text = """
            # The PMO's light template
            phase: Initiate | Confirm the case
              gate: G1
              must: Business case approved | Signed by the sponsor | evidence
              should: Strategic fit | Against the drivers | weight 2
              deliverable: Charter
              task: 1.1 | Business case | 5d
              milestone: 1.M | Charter signed

            phase: Close
              must: Accepted
            """
        let (phases, wbs) = try TemplateOutline.parse(text).get()
        #expect(phases == [
            TemplatePhase(name: "Initiate", description: "Confirm the case", gate: TemplateGate(name: "G1", criteria: [
                GateCriterion(name: "Business case approved", kind: .mustMeet, definition: "Signed by the sponsor", requiresEvidence: true),
                GateCriterion(name: "Strategic fit", kind: .shouldMeet, definition: "Against the drivers", weight: 2),
            ]), deliverables: ["Charter"]),
            TemplatePhase(name: "Close", gate: TemplateGate(name: "Close gate", criteria: [GateCriterion(name: "Accepted", kind: .mustMeet)])),
        ])
        #expect(wbs == [TemplateItem(code: "1.1", name: "Business case", phase: 0, duration: .days(5)),
                        TemplateItem(code: "1.M", name: "Charter signed", phase: 0, kind: .milestone)])
        // Written back, it reads the same.
        let again = try TemplateOutline.parse(TemplateOutline.text(phases: phases, wbs: wbs)).get()
        #expect(again.phases == phases && again.wbs == wbs)
    }

    @Test("each problem names its line", arguments: [
        ("must: Early", "line 1: 'must:' comes before the first 'phase:' line; start with a phase"),
        ("phase: A\nwhat: x", "line 2: 'what:' is not one of phase:, gate:, must:, should:, deliverable:, task:, milestone:"),
        ("phase: A\ntask: 1.1 | Build | soon", "line 2: 'soon' is not a duration; write a number and a unit: 5d, 3.5h, 2w"),
        ("phase: A\nshould: S | d | heavy", "line 2: 'heavy' is not an option of a criterion (write 'evidence' or 'weight 2')"),
        ("phase: A\ngate: G\ngate: H", "line 3: phase 'A' already has a gate"),
        ("phase: A\njust text", "line 2: 'just text' does not start with phase:, gate:, must:, should:, deliverable:, task: or milestone:"),
        ("# nothing", "write at least one 'phase:' line"),
    ])
    func problems(text: String, message: String) {
        guard case .failure(let error) = TemplateOutline.parse(text) else { Issue.record("\(text) was read"); return }
        #expect(error.code == .invalid)
        #expect(error.problems == [FieldProblem(field: "phases", message: message)])
    }

    @Test("the demo: a waterfall and an agile template that projects follow, a third that none does; every gate has a must-meet criterion and WBS codes are unique")
    func demo() throws {
        let templates = DemoGates.templates(at: Self.t)
        #expect(templates.map(\.name) == ["Standard delivery (waterfall)", "Agile release", "Small change (light)"])
        #expect(templates[0].phases.map(\.name) == ["Initiate", "Plan", "Execute", "Close"])
        for template in templates {
            #expect(template.phases.allSatisfy { $0.gate.criteria.contains(where: \.isMustMeet) }, "\(template.name)")
            let items = template.wbs
            #expect(Set(items.map(\.code)).count == items.count)
            #expect(items.allSatisfy { template.phases.indices.contains($0.phase) })
        }
    }
}

extension GateCriterion {
    var isMustMeet: Bool { kind == .mustMeet }
}
