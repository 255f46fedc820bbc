import Foundation
import GantryModel
import GantryServices
import Hummingbird
import Logging

/// The resource pool in the browser: people and generic roles with their role, skills, cost rate (exact minor units
/// of a currency), max units and calendar; forms to create, edit and delete them under the catalog's rules; and a
/// resource's page showing the work it is assigned to, project by project.
struct ResourcePoolPages: Sendable {
    let backend: Backend

    func register(on router: Router<GantryContext>) {
        router.get("resources") { _, context in
            let auth = try UIRoutes.signedIn(context)
            let resources = try await backend.catalog.all(Resource.self, auth.caller, [:])
            let calendars = try await Self.calendarNames(backend, auth)
            let rows: [[String: Any]] = resources.sorted { ($0.kind.rawValue, $0.name) < ($1.kind.rawValue, $1.name) }
                .map { r in
                    var row: [String: Any] = [
                        "id": r.id.description, "name": r.name, "kind": r.kind.rawValue, "rate": Self.rate(r),
                        "units": Pages.number(r.maxUnits) + "%", "calendar": r.calendarId.flatMap { calendars[$0] } ?? "default",
                    ]
                    if !r.role.isEmpty { row["role"] = r.role }
                    if !r.skills.isEmpty { row["skills"] = r.skills.joined(separator: ", ") }
                    return row
                }
            var values: [String: Any] = ["rows": rows, "count": String(resources.count)]
            if auth.caller.refusal(resource: .create) == nil { values["mayCreate"] = true }
            return Pages.html("resourcePool", values, title: "Resources", auth: auth, nav: "resources")
        }
        router.get("resources/new") { _, context in
            let auth = try UIRoutes.signedIn(context)
            if let refusal = auth.caller.refusal(resource: .create) { throw ServiceError(.forbidden, refusal) }
            return try await formPage(Self.blank, rateText: "", isNew: true, auth)
        }
        router.post("resources/new") { request, context in
            let (auth, form) = try await UIRoutes.postedForm(request, context)
            var draft = Self.blank
            var reader = FormReader(form)
            Self.read(&reader, into: &draft)
            guard reader.problems.isEmpty else {
                return try await formPage(draft, rateText: form["cost_rate"] ?? "", isNew: true, auth, failure: FormFailure(reader.problems))
            }
            let made = draft
            switch try await RecordForms.attempt({ try await backend.catalog.create(made, auth.caller) }) {
            case .success(let saved):
                context.logger.info("resource created", metadata: ["resource": .stringConvertible(saved.id)])
                return RecordForms.redirect("/resources/\(saved.id)")
            case .failure(let failure):
                return try await formPage(draft, rateText: form["cost_rate"] ?? "", isNew: true, auth, failure: failure)
            }
        }
        router.get("resources/:id") { _, context in
            let auth = try UIRoutes.signedIn(context)
            let use = try await backend.records.resourceUse(Resource.ID(try APIRoutes.id(context)), auth.caller)
            return Self.resourcePage(use, auth)
        }
        router.get("resources/:id/edit") { _, context in
            let auth = try UIRoutes.signedIn(context)
            let resource = try await backend.catalog.get(Resource.self, Resource.ID(try APIRoutes.id(context)), auth.caller)
            if let refusal = auth.caller.refusal(resource: .update) { throw ServiceError(.forbidden, refusal) }
            return try await formPage(resource, rateText: CostRate.format(resource.costRateMinor, currency: resource.currency),
                                      isNew: false, auth)
        }
        router.post("resources/:id/edit") { request, context in
            let (auth, form) = try await UIRoutes.postedForm(request, context)
            let current = try await backend.catalog.get(Resource.self, Resource.ID(try APIRoutes.id(context)), auth.caller)
            var edited = current
            var reader = FormReader(form)
            Self.read(&reader, into: &edited)
            guard reader.problems.isEmpty else {
                return try await formPage(edited, rateText: form["cost_rate"] ?? "", isNew: false, auth, failure: FormFailure(reader.problems))
            }
            let change = edited
            switch try await RecordForms.attempt({
                try await backend.catalog.update(Resource.self, current.id, auth.caller, ifVersion: Int(form["version"] ?? "")) {
                    $0.name = change.name; $0.kind = change.kind; $0.role = change.role; $0.skills = change.skills
                    $0.costRateMinor = change.costRateMinor; $0.currency = change.currency; $0.maxUnits = change.maxUnits
                    $0.calendarId = change.calendarId; $0.userId = change.userId
                }
            }) {
            case .success: return RecordForms.redirect("/resources/\(current.id)")
            case .failure(let failure):
                return try await formPage(edited, rateText: form["cost_rate"] ?? "", isNew: false, auth, failure: failure)
            }
        }
        router.post("resources/:id/delete") { request, context in
            let (auth, form) = try await UIRoutes.postedForm(request, context)
            let current = try await backend.catalog.get(Resource.self, Resource.ID(try APIRoutes.id(context)), auth.caller)
            switch try await RecordForms.attempt(lead: "The resource was not deleted:", {
                try await backend.catalog.delete(Resource.self, current.id, auth.caller, ifVersion: Int(form["version"] ?? ""))
            }) {
            case .success: return RecordForms.redirect("/resources")
            case .failure(let failure):
                return try await formPage(current, rateText: CostRate.format(current.costRateMinor, currency: current.currency),
                                          isNew: false, auth, failure: failure)
            }
        }
    }

    static let blank = Resource(name: "", createdAt: .init(millisecondsSinceEpoch: 0), updatedAt: .init(millisecondsSinceEpoch: 0))

    static func rate(_ r: Resource) -> String { "\(CostRate.format(r.costRateMinor, currency: r.currency)) \(r.currency)/h" }

    static func calendarNames(_ backend: Backend, _ auth: Authenticated) async throws -> [WorkCalendar.ID: String] {
        Dictionary(uniqueKeysWithValues: try await backend.catalog.all(WorkCalendar.self, auth.caller, [:]).map { ($0.id, $0.name) })
    }

    static func read(_ r: inout FormReader, into x: inout Resource) {
        if let v = r.text("name") { x.name = v }
        if let v = r.oneOf("kind", ResourceKind.self) { x.kind = v }
        if let v = r.text("role") { x.role = v }
        if let v = r.text("skills") {
            x.skills = v.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        if let v = r.text("currency") { x.currency = v.uppercased() }
        if let v = r.text("cost_rate") {
            switch CostRate.parse(v.isEmpty ? "0" : v, currency: x.currency) {
            case .minor(let minor): x.costRateMinor = minor
            case .problem(let message): r.fail("cost_rate", message)
            }
        }
        if let v = r.text("max_units") {
            if let units = Double(v), units.isFinite { x.maxUnits = units }
            else { r.fail("max_units", "'\(v)' is not a number of percent like 100") }
        }
        if let v = r.id("calendar_id", WorkCalendar.self) { x.calendarId = v }
        if let v = r.id("user_id", User.self) { x.userId = v }
    }

    func formPage(_ x: Resource, rateText: String, isNew: Bool, _ auth: Authenticated, failure: FormFailure? = nil) async throws -> Response {
        let calendars = try await backend.catalog.all(WorkCalendar.self, auth.caller, [:]).sorted { $0.name < $1.name }
        let users = try await backend.views.directory(auth.caller)
        var page = RecordFormPage(
            title: isNew ? "New resource" : "Edit resource \(x.name)",
            crumbs: [("Resources", "/resources")] + (isNew ? [] : [(x.name, "/resources/\(x.id)")]),
            here: isNew ? "New resource" : "Edit",
            action: isNew ? "/resources/new" : "/resources/\(x.id)/edit", formId: "resource-form",
            submit: isNew ? "Create resource" : "Save resource",
            fields: [
                FormField(name: "name", label: "Name", value: x.name),
                FormField(name: "kind", label: "Kind", value: x.kind.rawValue,
                          input: .select([("person", "person: a named individual"), ("role", "role: a generic role, like 3 developers"),
                                                 ("equipment", "equipment: a non-human resource, like a test lab or a licence pool")])),
                FormField(name: "role", label: "Role", value: x.role, hint: "The job role, or the role a generic resource stands for"),
                FormField(name: "skills", label: "Skills", value: x.skills.joined(separator: ", "), hint: "Separated by commas"),
                FormField(name: "cost_rate", label: "Cost rate per hour", value: rateText,
                          hint: "An amount like 85.50, exact to the currency's minor unit", aliases: ["cost_rate_minor"]),
                FormField(name: "currency", label: "Currency", value: x.currency, hint: "ISO 4217, like EUR or USD"),
                FormField(name: "max_units", label: "Max units (%)", value: Pages.number(x.maxUnits),
                          hint: "100 is one full-time person; 300 three of a role"),
                FormField(name: "calendar_id", label: "Calendar", value: x.calendarId?.description ?? "",
                          input: .select([("", "— the project's calendar —")] + calendars.map { ($0.id.description, $0.name) })),
                FormField(name: "user_id", label: "User account (optional)", value: x.userId?.description ?? "",
                          input: .select(RecordForms.userOptions(users, none: "— none —"))),
            ], nav: "resources")
        if !isNew {
            page.version = x.version
            if auth.caller.refusal(resource: .delete) == nil { page.deleteAction = "/resources/\(x.id)/delete"; page.deleteLabel = "Delete resource" }
        }
        return page.render(auth, failure: failure)
    }

    static func resourcePage(_ use: ResourceUse, _ auth: Authenticated) -> Response {
        let r = use.resource
        let projects: [[String: Any]] = use.projects.map { group in
            ["projectId": group.project.id.description, "projectCode": group.project.code, "projectName": group.project.name,
             "work": group.work.map { w in
                 ["activityCode": w.activity.code, "activityName": w.activity.name, "units": Pages.number(w.assignment.units) + "%"]
             },
             "total": Pages.number(group.work.map(\.assignment.units).reduce(0, +)) + "%"]
        }
        var values: [String: Any] = [
            "id": r.id.description, "name": r.name, "kind": r.kind.rawValue, "role": r.role,
            "skills": r.skills.joined(separator: ", "), "rate": rate(r), "units": Pages.number(r.maxUnits) + "%",
            "calendar": use.calendar?.name ?? "", "calendarId": use.calendar?.id.description ?? "",
            "user": use.user?.displayName ?? "", "projects": projects,
            "assignmentCount": String(use.projects.map(\.work.count).reduce(0, +)),
        ]
        if auth.caller.refusal(resource: .update) == nil { values["mayEdit"] = true }
        return Pages.html("resourcePage", values, title: r.name, auth: auth, nav: "resources")
    }
}
