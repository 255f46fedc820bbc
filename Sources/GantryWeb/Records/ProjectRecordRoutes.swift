import Foundation
import GantryModel
import GantryServices
import Hummingbird
import Logging

/// The pages that create, edit, close and delete projects. A new project may follow a template (its phases, gates
/// and WBS skeleton, made in the same transaction as the project, as an approved intake request's is). Who may assign
/// the manager follows the portfolio's governance mode (`ModeRules`, applied by `Project`'s rules): the form shows
/// the field disabled with the reason to those who may not.
struct ProjectRecordRoutes: Sendable {
    let backend: Backend

    func register(on router: Router<GantryContext>) {
        router.get("portfolios/:id/projects/new") { _, context in
            let auth = try UIRoutes.signedIn(context)
            let portfolio = try await backend.catalog.get(Portfolio.self, Portfolio.ID(try APIRoutes.id(context)), auth.caller)
            if let refusal = auth.caller.refusal(.create, project: nil, in: portfolio) { throw ServiceError(.forbidden, refusal) }
            return try await newPage(Self.draft(in: portfolio.id), templateId: "", portfolio, auth)
        }
        router.post("portfolios/:id/projects/new") { request, context in
            let (auth, form) = try await UIRoutes.postedForm(request, context)
            var portfolio = try await backend.catalog.get(Portfolio.self, Portfolio.ID(try APIRoutes.id(context)), auth.caller)
            var draft = Self.draft(in: portfolio.id)
            var reader = FormReader(form)
            if let chosen = reader.id("portfolio_id", Portfolio.self), let chosen, chosen != portfolio.id {
                draft.portfolioId = chosen
                if let other = try? await backend.catalog.get(Portfolio.self, chosen, auth.caller) { portfolio = other }
            }
            Self.read(&reader, into: &draft)
            let template = reader.id("template_id", ProjectTemplate.self) ?? nil
            let templateText = form["template_id"] ?? ""
            guard reader.problems.isEmpty else {
                return try await newPage(draft, templateId: templateText, portfolio, auth, failure: FormFailure(reader.problems))
            }
            let made = draft
            switch try await RecordForms.attempt({ try await backend.records.createProject(made, template: template, auth.caller) }) {
            case .success(let saved):
                context.logger.info("project created", metadata: ["project": .stringConvertible(saved.id)])
                return RecordForms.redirect("/projects/\(saved.id)")
            case .failure(let failure):
                return try await newPage(draft, templateId: templateText, portfolio, auth, failure: failure)
            }
        }
        router.get("projects/:id/edit") { _, context in
            let auth = try UIRoutes.signedIn(context)
            let header = try await backend.views.projectHeader(Project.ID(try APIRoutes.id(context)), auth.caller)
            if let refusal = auth.caller.refusal(.update, project: header.project, in: header.portfolio) {
                throw ServiceError(.forbidden, refusal)
            }
            return try await editPage(header.project, header, auth)
        }
        router.post("projects/:id/edit") { request, context in
            let (auth, form) = try await UIRoutes.postedForm(request, context)
            let header = try await backend.views.projectHeader(Project.ID(try APIRoutes.id(context)), auth.caller)
            var edited = header.project
            var reader = FormReader(form)
            Self.read(&reader, into: &edited)
            guard reader.problems.isEmpty else {
                return try await editPage(edited, header, auth, failure: FormFailure(reader.problems))
            }
            let change = edited
            switch try await RecordForms.attempt({
                try await backend.catalog.update(Project.self, change.id, auth.caller, ifVersion: Int(form["version"] ?? "")) {
                    $0.code = change.code; $0.name = change.name; $0.description = change.description
                    $0.programId = change.programId; $0.managerId = change.managerId; $0.calendarId = change.calendarId
                    $0.startDate = change.startDate; $0.finishDate = change.finishDate; $0.state = change.state
                    $0.schedulingRules = change.schedulingRules
                    $0.lagCalendar = change.lagCalendar; $0.totalFloat = change.totalFloat
                    $0.openEndsCritical = change.openEndsCritical; $0.useExpectedFinish = change.useExpectedFinish
                    $0.criticalByLongestPath = change.criticalByLongestPath
                    $0.mustFinishBy = change.mustFinishBy
                }
            }) {
            case .success: return RecordForms.redirect("/projects/\(change.id)")
            case .failure(let failure): return try await editPage(edited, header, auth, failure: failure)
            }
        }
        router.post("projects/:id/close") { request, context in
            let (auth, form) = try await UIRoutes.postedForm(request, context)
            let header = try await backend.views.projectHeader(Project.ID(try APIRoutes.id(context)), auth.caller)
            switch try await RecordForms.attempt(lead: "The project was not closed:", {
                try await backend.catalog.update(Project.self, header.project.id, auth.caller, ifVersion: Int(form["version"] ?? "")) {
                    $0.state = .closed
                }
            }) {
            case .success: return RecordForms.redirect("/projects/\(header.project.id)")
            case .failure(let failure): return try await editPage(header.project, header, auth, failure: failure)
            }
        }
        router.post("projects/:id/delete") { request, context in
            let (auth, form) = try await UIRoutes.postedForm(request, context)
            let header = try await backend.views.projectHeader(Project.ID(try APIRoutes.id(context)), auth.caller)
            switch try await RecordForms.attempt(lead: "The project was not deleted:", {
                try await backend.catalog.delete(Project.self, header.project.id, auth.caller, ifVersion: Int(form["version"] ?? ""))
            }) {
            case .success:
                context.logger.info("project deleted", metadata: ["project": .stringConvertible(header.project.id)])
                return RecordForms.redirect("/portfolios/\(header.portfolio.id)")
            case .failure(let failure): return try await editPage(header.project, header, auth, failure: failure)
            }
        }
    }

    static func draft(in portfolio: Portfolio.ID) -> Project {
        Project(portfolioId: portfolio, code: "", name: "", createdAt: .init(millisecondsSinceEpoch: 0),
                updatedAt: .init(millisecondsSinceEpoch: 0))
    }

    static func read(_ r: inout FormReader, into p: inout Project) {
        if let v = r.text("code") { p.code = v }
        if let v = r.text("name") { p.name = v }
        if let v = r.text("description") { p.description = v }
        if let v = r.id("program_id", Program.self) { p.programId = v }
        if let v = r.id("manager_id", User.self) { p.managerId = v }
        if let v = r.id("calendar_id", WorkCalendar.self) { p.calendarId = v }
        if let v = r.date("start_date") { p.startDate = v }
        if let v = r.date("finish_date") { p.finishDate = v }
        if let v = r.oneOf("state", LifecycleState.self) { p.state = v }
        if let v = r.oneOf("scheduling_rules", SchedulingRules.self) { p.schedulingRules = v }
        if let v = r.text("lag_calendar") {
            if v.isEmpty { p.lagCalendar = nil } else if let c = r.oneOf("lag_calendar", LagCalendar.self) { p.lagCalendar = c }
        }
        if let v = r.text("total_float") {
            if v.isEmpty { p.totalFloat = nil } else if let c = r.oneOf("total_float", TotalFloatRule.self) { p.totalFloat = c }
        }
        if let v = r.text("open_ends_critical") { p.openEndsCritical = v == "yes" }
        if let v = r.text("critical_path") { p.criticalByLongestPath = v == "longest_path" }
        if let v = r.text("use_expected_finish") { p.useExpectedFinish = v == "yes" }
        if let v = r.text("must_finish_by") {
            if v.isEmpty {
                p.mustFinishBy = nil
            } else if let t = Self.moment(v) {
                p.mustFinishBy = t
            } else {
                r.fail("must_finish_by", "'\(v)' is not a date: write 2027-06-30, or 2027-06-30 17:00 with a time")
            }
        }
    }

    /// A date as the plan editor reads one (`PlanNotation.dateTime`), at 17:00 (the end of a standard working
    /// day) when it has no time.
    static func moment(_ text: String) -> LocalDateTime? {
        guard let parsed = try? PlanNotation.dateTime(text) else { return nil }
        return LocalDateTime(date: parsed.date, minuteOfDay: parsed.minuteOfDay ?? 17 * 60)
    }

    /// The choices the project forms offer.
    struct Choices {
        var users: [User]
        var programs: [Program]
        var calendars: [WorkCalendar]
    }

    func choices(_ portfolio: Portfolio, _ auth: Authenticated) async throws -> Choices {
        Choices(
            users: try await backend.views.directory(auth.caller),
            programs: try await backend.catalog.all(Program.self, auth.caller, ["portfolio_id": .int(portfolio.id.rawValue)])
                .sorted { $0.code < $1.code },
            calendars: try await backend.catalog.all(WorkCalendar.self, auth.caller, [:]).sorted { $0.name < $1.name })
    }

    func commonFields(_ p: Project, _ c: Choices) -> [FormField] {
        [
            FormField(name: "code", label: "Code", value: p.code, hint: "Unique among projects, like ERP-2027"),
            FormField(name: "name", label: "Name", value: p.name),
            FormField(name: "description", label: "Description", value: p.description, input: .area),
            FormField(name: "program_id", label: "Program (optional)", value: p.programId?.description ?? "",
                      input: .select([("", "— none —")] + c.programs.map { ($0.id.description, "\($0.code) \($0.name)") })),
            FormField(name: "calendar_id", label: "Calendar", value: p.calendarId?.description ?? "",
                      input: .select([("", "— the default working week —")] + c.calendars.map { ($0.id.description, $0.name) })),
            FormField(name: "scheduling_rules", label: "Scheduling rules", value: p.schedulingRules.rawValue,
                      input: .select(SchedulingRules.allCases.map { ($0.rawValue, $0.label) }),
                      hint: "Whose rules the schedule follows: MS Project's, or Primavera P6's (a project imported from P6 keeps them)"),
            FormField(name: "lag_calendar", label: "Lags counted on", value: p.lagCalendar?.rawValue ?? "",
                      input: .select([("", "— the rules' own (MS Project: the successor's; P6: the predecessor's) —")]
                                     + LagCalendar.allCases.map { ($0.rawValue, $0.label) })),
            FormField(name: "total_float", label: "Total float", value: p.totalFloat?.rawValue ?? "",
                      input: .select([("", "— the rules' own (MS Project: start float; P6: finish float) —")]
                                     + TotalFloatRule.allCases.map { ($0.rawValue, $0.label) })),
            FormField(name: "open_ends_critical", label: "Open-ended activities critical (P6)", value: p.openEndsCritical ? "yes" : "no",
                      input: .select([("no", "No"), ("yes", "Yes: an activity nothing follows is critical")])),
            FormField(name: "critical_path", label: "Critical activities", value: p.criticalByLongestPath ? "longest_path" : "float",
                      input: .select([("float", "Total float at or below the critical float"), ("longest_path", "On the longest path (P6)")])),
            FormField(name: "use_expected_finish", label: "Use expected finish dates (P6)", value: p.useExpectedFinish ? "yes" : "no",
                      input: .select([("no", "No"), ("yes", "Yes: an activity's expected finish sets its finish")])),
            FormField(name: "must_finish_by", label: "Must finish by (optional)",
                      value: p.mustFinishBy.map { $0.formatted().replacingOccurrences(of: "T", with: " ") } ?? "",
                      hint: "Late dates work back from this date: 2027-06-30 or 2027-06-30 17:00"),
        ]
    }

    func managerField(_ p: Project, _ c: Choices, refusal: String?) -> FormField {
        FormField(name: "manager_id", label: "Project manager", value: p.managerId?.description ?? "",
                  input: .select(RecordForms.userOptions(c.users)), disabledBecause: refusal)
    }

    func newPage(_ p: Project, templateId: String, _ portfolio: Portfolio, _ auth: Authenticated,
                 failure: FormFailure? = nil) async throws -> Response {
        let c = try await choices(portfolio, auth)
        let portfolios = try await backend.catalog.all(Portfolio.self, auth.caller, [:]).sorted { $0.code < $1.code }
        let templates = try await backend.gates.activeTemplates(auth.caller)
        var fields = commonFields(p, c)
        fields.insert(FormField(name: "portfolio_id", label: "Portfolio", value: p.portfolioId.description,
                                input: .select(portfolios.map { ($0.id.description, "\($0.code) \($0.name)") }),
                                hint: "The programs listed are this portfolio's; another portfolio's program is refused"), at: 3)
        fields.insert(FormField(name: "template_id", label: "Template (optional)", value: templateId,
                                input: .select([("", "— none: an empty plan —")] + templates.map { ($0.id.description, $0.name) }),
                                hint: "Gives the project the template's phases, gates and WBS skeleton"), at: 5)
        fields.append(managerField(p, c, refusal: nil))
        fields.append(FormField(name: "start_date", label: "Start date", value: p.startDate?.description ?? "",
                                hint: "YYYY-MM-DD", placeholder: "2027-01-04"))
        var notes: [String] = []
        if portfolio.governanceMode == .directive {
            notes.append("\(portfolio.code) is a directive portfolio: the PMO assigns project managers, approves every baseline and change request, and decides the gates.")
        }
        return RecordFormPage(
            title: "New project in \(portfolio.code)",
            crumbs: [("Portfolios", "/portfolios"), (portfolio.code, "/portfolios/\(portfolio.id)")], here: "New project",
            action: "/portfolios/\(portfolio.id)/projects/new", formId: "project-form", submit: "Create project",
            fields: fields, notes: notes
        ).render(auth, failure: failure)
    }

    func editPage(_ p: Project, _ header: ProjectHeader, _ auth: Authenticated, failure: FormFailure? = nil) async throws -> Response {
        let portfolio = header.portfolio
        let c = try await choices(portfolio, auth)
        var fields = commonFields(p, c)
        fields.append(managerField(p, c, refusal: auth.caller.managerAssignmentRefusal(header.project, in: portfolio)))
        fields.append(FormField(name: "start_date", label: "Start date", value: p.startDate?.description ?? "", hint: "YYYY-MM-DD"))
        fields.append(FormField(name: "finish_date", label: "Finish date", value: p.finishDate?.description ?? "", hint: "YYYY-MM-DD"))
        fields.append(FormField(name: "state", label: "State", value: p.state.rawValue, input: .select(RecordForms.stateOptions())))
        var page = RecordFormPage(
            title: "Edit project \(header.project.code)",
            crumbs: [("Portfolios", "/portfolios"), (portfolio.code, "/portfolios/\(portfolio.id)"),
                     (header.project.code, "/projects/\(header.project.id)")],
            here: "Edit", action: "/projects/\(header.project.id)/edit", formId: "project-form", submit: "Save project",
            fields: fields, version: header.project.version)
        if header.project.state != .closed && header.project.state != .cancelled {
            page.closeAction = "/projects/\(header.project.id)/close"; page.closeLabel = "Close project"
        }
        if auth.caller.refusal(.delete, project: header.project, in: portfolio) == nil {
            page.deleteAction = "/projects/\(header.project.id)/delete"; page.deleteLabel = "Delete project and its plan"
        }
        return page.render(auth, failure: failure)
    }
}
