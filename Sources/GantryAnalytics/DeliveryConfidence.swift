/// The UK Infrastructure and Projects Authority (IPA) / NAO Delivery Confidence Assessment: a five-point scale
/// for a reviewer's judgement of whether a project will deliver (DOMAIN.md §7). It is a judgement, not computed.
public enum DeliveryConfidence: String, CaseIterable, Sendable, Codable {
    case green
    case amberGreen = "amber_green"
    case amber
    case amberRed = "amber_red"
    case red

    /// The name as the IPA prints it.
    public var label: String {
        switch self {
        case .green: "Green"
        case .amberGreen: "Amber/Green"
        case .amber: "Amber"
        case .amberRed: "Amber/Red"
        case .red: "Red"
        }
    }

    /// What the rating means (the first three as in an NAO figure; the last two paraphrase the IPA wording).
    public var definition: String {
        switch self {
        case .green:
            "Successful delivery on time, budget and quality is highly likely; there are no major outstanding issues."
        case .amberGreen:
            "Successful delivery is probable; constant attention is needed so that risks do not become major issues."
        case .amber:
            "Successful delivery is feasible but significant issues exist; they appear resolvable if addressed promptly."
        case .amberRed:
            "Successful delivery is in doubt; there are major risks or issues in several key areas and urgent action is needed."
        case .red:
            "Successful delivery appears unachievable; the project may need re-scoping or its viability reassessed."
        }
    }
}
