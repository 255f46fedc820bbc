import GantryServices
import Hummingbird

/// Staffing suggestions and "when can we start?" in the browser (issue #14).
struct StaffingPages: Sendable {
    let backend: Backend

    func register(on router: Router<GantryContext>) {}
}

/// The staffing pages' templates.
enum StaffingTemplates {
    static let all: [(String, String)] = []
}
