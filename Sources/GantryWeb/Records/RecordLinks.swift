import GantryModel
import GantryServices
import Mustache

/// The "New …" and "Edit" links of the portfolio list, a portfolio's page and a project's page, shown only to those
/// the permission policy lets make that change.
enum RecordLinks {
    static func portfolioList(_ auth: Authenticated) -> String {
        guard auth.caller.refusal(.create, portfolio: nil) == nil else { return "" }
        return Pages.library.render(["newPortfolio": true], withTemplate: "recordLinks") ?? ""
    }

    static func portfolio(_ o: PortfolioOverview, _ auth: Authenticated) -> String {
        let p = o.portfolio
        var values: [String: Any] = ["portfolioId": p.id.description]
        if auth.caller.refusal(.update, portfolio: p) == nil { values["editPortfolio"] = true }
        if auth.caller.refusal(.create, programIn: p) == nil { values["newProgram"] = true }
        if auth.caller.refusal(.create, project: nil, in: p) == nil { values["newProject"] = true }
        if auth.caller.refusal(.update, programIn: p) == nil, !o.programs.isEmpty {
            values["programs"] = o.programs.sorted { $0.code < $1.code }.map {
                ["programId": $0.id.description, "programCode": $0.code]
            }
        }
        guard values.count > 1 else { return "" }
        return Pages.library.render(values, withTemplate: "recordLinks") ?? ""
    }

    static func project(_ header: ProjectHeader, _ auth: Authenticated) -> String {
        guard auth.caller.refusal(.update, project: header.project, in: header.portfolio) == nil else { return "" }
        return Pages.library.render(["editProject": true, "projectId": header.project.id.description],
                                    withTemplate: "recordLinks") ?? ""
    }
}
