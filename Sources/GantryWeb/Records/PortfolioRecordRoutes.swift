import Foundation
import GantryModel
import GantryServices
import Hummingbird
import Logging

/// The pages that create, edit and delete portfolios and programs, through the catalog's rules and permissions
/// (`ManagedEntity`). A form the services refuse comes back with the user's input and each field's problem beside
/// it, with the refusal's status; nothing is stored.
struct PortfolioRecordRoutes: Sendable {
    let backend: Backend

    func register(on router: Router<GantryContext>) {
        // MARK: portfolios
        router.get("portfolios/new") { _, context in
            let auth = try UIRoutes.signedIn(context)
            if let refusal = auth.caller.refusal(.create, portfolio: nil) { throw ServiceError(.forbidden, refusal) }
            let draft = Portfolio(code: "", name: "", createdAt: .init(millisecondsSinceEpoch: 0), updatedAt: .init(millisecondsSinceEpoch: 0))
            return try await portfolioPage(draft, isNew: true, auth)
        }
        router.post("portfolios/new") { request, context in
            let (auth, form) = try await UIRoutes.postedForm(request, context)
            var draft = Portfolio(code: "", name: "", ownerId: auth.user.id, createdAt: .init(millisecondsSinceEpoch: 0),
                                  updatedAt: .init(millisecondsSinceEpoch: 0))
            var reader = FormReader(form)
            Self.read(&reader, into: &draft, isNew: true)
            guard reader.problems.isEmpty else {
                return try await portfolioPage(draft, isNew: true, auth, failure: FormFailure(reader.problems))
            }
            let made = draft
            switch try await RecordForms.attempt({ try await backend.catalog.create(made, auth.caller) }) {
            case .success(let saved):
                context.logger.info("portfolio created", metadata: ["portfolio": .stringConvertible(saved.id)])
                return RecordForms.redirect("/portfolios/\(saved.id)")
            case .failure(let failure): return try await portfolioPage(draft, isNew: true, auth, failure: failure)
            }
        }
        router.get("portfolios/:id/edit") { _, context in
            let auth = try UIRoutes.signedIn(context)
            let portfolio = try await backend.catalog.get(Portfolio.self, Portfolio.ID(try APIRoutes.id(context)), auth.caller)
            if let refusal = auth.caller.refusal(.update, portfolio: portfolio) { throw ServiceError(.forbidden, refusal) }
            return try await portfolioPage(portfolio, isNew: false, auth)
        }
        router.post("portfolios/:id/edit") { request, context in
            let (auth, form) = try await UIRoutes.postedForm(request, context)
            let current = try await backend.catalog.get(Portfolio.self, Portfolio.ID(try APIRoutes.id(context)), auth.caller)
            var edited = current
            var reader = FormReader(form)
            Self.read(&reader, into: &edited, isNew: false)
            guard reader.problems.isEmpty else {
                return try await portfolioPage(edited, isNew: false, auth, failure: FormFailure(reader.problems))
            }
            let change = edited
            switch try await RecordForms.attempt({
                try await backend.catalog.update(Portfolio.self, current.id, auth.caller, ifVersion: Int(form["version"] ?? "")) {
                    $0.code = change.code; $0.name = change.name; $0.description = change.description; $0.ownerId = change.ownerId
                }
            }) {
            case .success: return RecordForms.redirect("/portfolios/\(current.id)")
            case .failure(let failure): return try await portfolioPage(edited, isNew: false, auth, failure: failure)
            }
        }
        router.post("portfolios/:id/delete") { request, context in
            let (auth, form) = try await UIRoutes.postedForm(request, context)
            let current = try await backend.catalog.get(Portfolio.self, Portfolio.ID(try APIRoutes.id(context)), auth.caller)
            switch try await RecordForms.attempt(lead: "The portfolio was not deleted:", {
                try await backend.catalog.delete(Portfolio.self, current.id, auth.caller, ifVersion: Int(form["version"] ?? ""))
            }) {
            case .success:
                context.logger.info("portfolio deleted", metadata: ["portfolio": .stringConvertible(current.id)])
                return RecordForms.redirect("/portfolios")
            case .failure(let failure): return try await portfolioPage(current, isNew: false, auth, failure: failure)
            }
        }

        // MARK: programs
        router.get("portfolios/:id/programs/new") { _, context in
            let auth = try UIRoutes.signedIn(context)
            let portfolio = try await backend.catalog.get(Portfolio.self, Portfolio.ID(try APIRoutes.id(context)), auth.caller)
            if let refusal = auth.caller.refusal(.create, programIn: portfolio) { throw ServiceError(.forbidden, refusal) }
            return try await programPage(Self.newProgram(in: portfolio), portfolio, isNew: true, auth)
        }
        router.post("portfolios/:id/programs/new") { request, context in
            let (auth, form) = try await UIRoutes.postedForm(request, context)
            let portfolio = try await backend.catalog.get(Portfolio.self, Portfolio.ID(try APIRoutes.id(context)), auth.caller)
            var draft = Self.newProgram(in: portfolio)
            var reader = FormReader(form)
            Self.read(&reader, into: &draft)
            guard reader.problems.isEmpty else {
                return try await programPage(draft, portfolio, isNew: true, auth, failure: FormFailure(reader.problems))
            }
            let made = draft
            switch try await RecordForms.attempt({ try await backend.catalog.create(made, auth.caller) }) {
            case .success(let saved): return RecordForms.redirect("/portfolios/\(portfolio.id)#program-\(saved.id)")
            case .failure(let failure): return try await programPage(draft, portfolio, isNew: true, auth, failure: failure)
            }
        }
        router.get("programs/:id/edit") { _, context in
            let auth = try UIRoutes.signedIn(context)
            let program = try await backend.catalog.get(Program.self, Program.ID(try APIRoutes.id(context)), auth.caller)
            let portfolio = try await backend.catalog.get(Portfolio.self, program.portfolioId, auth.caller)
            if let refusal = auth.caller.refusal(.update, programIn: portfolio) { throw ServiceError(.forbidden, refusal) }
            return try await programPage(program, portfolio, isNew: false, auth)
        }
        router.post("programs/:id/edit") { request, context in
            let (auth, form) = try await UIRoutes.postedForm(request, context)
            let current = try await backend.catalog.get(Program.self, Program.ID(try APIRoutes.id(context)), auth.caller)
            let portfolio = try await backend.catalog.get(Portfolio.self, current.portfolioId, auth.caller)
            var edited = current
            var reader = FormReader(form)
            Self.read(&reader, into: &edited)
            guard reader.problems.isEmpty else {
                return try await programPage(edited, portfolio, isNew: false, auth, failure: FormFailure(reader.problems))
            }
            let change = edited
            switch try await RecordForms.attempt({
                try await backend.catalog.update(Program.self, current.id, auth.caller, ifVersion: Int(form["version"] ?? "")) {
                    $0.code = change.code; $0.name = change.name; $0.description = change.description
                    $0.managerId = change.managerId; $0.state = change.state
                }
            }) {
            case .success: return RecordForms.redirect("/portfolios/\(portfolio.id)#program-\(current.id)")
            case .failure(let failure): return try await programPage(edited, portfolio, isNew: false, auth, failure: failure)
            }
        }
        router.post("programs/:id/close") { request, context in
            let (auth, form) = try await UIRoutes.postedForm(request, context)
            let current = try await backend.catalog.get(Program.self, Program.ID(try APIRoutes.id(context)), auth.caller)
            let portfolio = try await backend.catalog.get(Portfolio.self, current.portfolioId, auth.caller)
            switch try await RecordForms.attempt(lead: "The program was not closed:", {
                try await backend.catalog.update(Program.self, current.id, auth.caller, ifVersion: Int(form["version"] ?? "")) {
                    $0.state = .closed
                }
            }) {
            case .success: return RecordForms.redirect("/portfolios/\(portfolio.id)#program-\(current.id)")
            case .failure(let failure): return try await programPage(current, portfolio, isNew: false, auth, failure: failure)
            }
        }
        router.post("programs/:id/delete") { request, context in
            let (auth, form) = try await UIRoutes.postedForm(request, context)
            let current = try await backend.catalog.get(Program.self, Program.ID(try APIRoutes.id(context)), auth.caller)
            let portfolio = try await backend.catalog.get(Portfolio.self, current.portfolioId, auth.caller)
            switch try await RecordForms.attempt(lead: "The program was not deleted:", {
                try await backend.catalog.delete(Program.self, current.id, auth.caller, ifVersion: Int(form["version"] ?? ""))
            }) {
            case .success: return RecordForms.redirect("/portfolios/\(portfolio.id)")
            case .failure(let failure): return try await programPage(current, portfolio, isNew: false, auth, failure: failure)
            }
        }
    }

    static func newProgram(in portfolio: Portfolio) -> Program {
        Program(portfolioId: portfolio.id, code: "", name: "", createdAt: .init(millisecondsSinceEpoch: 0),
                updatedAt: .init(millisecondsSinceEpoch: 0))
    }

    static func read(_ r: inout FormReader, into p: inout Portfolio, isNew: Bool) {
        if let v = r.text("code") { p.code = v }
        if let v = r.text("name") { p.name = v }
        if let v = r.text("description") { p.description = v }
        if let v = r.id("owner_id", User.self) { p.ownerId = v }
        if isNew, let mode = r.oneOf("governance_mode", GovernanceMode.self) { p.governanceMode = mode }
    }

    static func read(_ r: inout FormReader, into p: inout Program) {
        if let v = r.text("code") { p.code = v }
        if let v = r.text("name") { p.name = v }
        if let v = r.text("description") { p.description = v }
        if let v = r.id("manager_id", User.self) { p.managerId = v }
        if let v = r.oneOf("state", LifecycleState.self) { p.state = v }
    }

    func portfolioPage(_ p: Portfolio, isNew: Bool, _ auth: Authenticated, failure: FormFailure? = nil) async throws -> Response {
        let users = try await backend.views.directory(auth.caller)
        var fields = [
            FormField(name: "code", label: "Code", value: p.code, hint: "Letters, digits, '.', '_' and '-'; unique among portfolios"),
            FormField(name: "name", label: "Name", value: p.name),
            FormField(name: "description", label: "Description", value: p.description, input: .area),
            FormField(name: "owner_id", label: "Owner (portfolio manager)", value: p.ownerId?.description ?? "",
                      input: .select(RecordForms.userOptions(users))),
        ]
        if isNew {
            fields.append(FormField(name: "governance_mode", label: "Governance mode", value: p.governanceMode.rawValue,
                                    input: .select(GovernanceMode.allCases.map { ($0.rawValue, "\($0.rawValue): \($0.gateRule)") })))
        }
        var page = RecordFormPage(
            title: isNew ? "New portfolio" : "Edit portfolio \(p.code)",
            crumbs: [("Portfolios", "/portfolios")] + (isNew ? [] : [(p.code, "/portfolios/\(p.id)")]),
            here: isNew ? "New portfolio" : "Edit",
            action: isNew ? "/portfolios/new" : "/portfolios/\(p.id)/edit", formId: "portfolio-form",
            submit: isNew ? "Create portfolio" : "Save portfolio", fields: fields)
        if !isNew {
            page.version = p.version
            page.notes = ["The governance mode and thresholds are on the governance settings page."]
            if auth.caller.refusal(.delete, portfolio: p) == nil { page.deleteAction = "/portfolios/\(p.id)/delete"; page.deleteLabel = "Delete portfolio" }
        }
        return page.render(auth, failure: failure)
    }

    func programPage(_ p: Program, _ portfolio: Portfolio, isNew: Bool, _ auth: Authenticated,
                     failure: FormFailure? = nil) async throws -> Response {
        let users = try await backend.views.directory(auth.caller)
        var page = RecordFormPage(
            title: isNew ? "New program in \(portfolio.code)" : "Edit program \(p.code)",
            crumbs: [("Portfolios", "/portfolios"), (portfolio.code, "/portfolios/\(portfolio.id)")],
            here: isNew ? "New program" : "Program \(p.code)",
            action: isNew ? "/portfolios/\(portfolio.id)/programs/new" : "/programs/\(p.id)/edit", formId: "program-form",
            submit: isNew ? "Create program" : "Save program",
            fields: [
                FormField(name: "code", label: "Code", value: p.code, hint: "Unique in the portfolio"),
                FormField(name: "name", label: "Name", value: p.name),
                FormField(name: "description", label: "Description", value: p.description, input: .area),
                FormField(name: "manager_id", label: "Program manager", value: p.managerId?.description ?? "",
                          input: .select(RecordForms.userOptions(users))),
                FormField(name: "state", label: "State", value: p.state.rawValue, input: .select(RecordForms.stateOptions())),
            ])
        if !isNew {
            page.version = p.version
            if p.state != .closed && p.state != .cancelled { page.closeAction = "/programs/\(p.id)/close"; page.closeLabel = "Close program" }
            if auth.caller.refusal(.delete, programIn: portfolio) == nil { page.deleteAction = "/programs/\(p.id)/delete"; page.deleteLabel = "Delete program" }
        }
        return page.render(auth, failure: failure)
    }
}
