import GantryServices
import Hummingbird

/// What-if scenarios and portfolio leveling in the browser (issue #14).
struct ScenarioPages: Sendable {
    let backend: Backend

    func register(on router: Router<GantryContext>) {}
}

/// The scenario pages' templates.
enum ScenarioTemplates {
    static let all: [(String, String)] = []
}
