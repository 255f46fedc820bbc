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
        registerCapacityForms(on: router)
        router.get("resources") { _, context in
            let auth = try UIRoutes.signedIn(context)
            let resources = try await backend.catalog.all(Resource.self, auth.caller, [:])
            let calendars = try await Self.calendarNames(backend, auth)
            let teams = Dictionary(uniqueKeysWithValues: resources.filter { $0.kind == .team }.map { ($0.id, $0.name) })
            let rows: [[String: Any]] = resources.sorted { ($0.kind.rawValue, $0.name) < ($1.kind.rawValue, $1.name) }
                .map { r in
                    var row: [String: Any] = [
                        "id": r.id.description, "name": r.name, "kind": r.kind.rawValue, "rate": Self.rate(r),
                        "units": Pages.number(r.maxUnits) + "%", "calendar": r.calendarId.flatMap { calendars[$0] } ?? "default",
                    ]
                    if !r.role.isEmpty { row["role"] = r.role }
                    if !r.skills.isEmpty { row["skills"] = r.skills.map(\.text).joined(separator: ", ") }
                    if !r.orgUnit.isEmpty { row["orgUnit"] = r.orgUnit }
                    if let team = r.teamId, let t = teams[team] { row["team"] = t }
                    row["capacity"] = Self.capacityText(r)
                    return row
                }
            var values: [String: Any] = ["rows": rows, "count": String(resources.count)]
            if auth.caller.refusal(resource: .create) == nil { values["mayCreate"] = true }
            return Pages.html("resourcePool", values, title: "Resources", auth: auth, nav: "resources")
        }
        router.get("resources/new") { _, context in
            let auth = try UIRoutes.signedIn(context)
            if let refusal = auth.caller.refusal(resource: .create) { throw ServiceError(.forbidden, refusal) }
            return try await formPage(Self.blank, rateText: "", skillsText: "", isNew: true, auth)
        }
        router.post("resources/new") { request, context in
            let (auth, form) = try await UIRoutes.postedForm(request, context)
            var draft = Self.blank
            var reader = FormReader(form)
            Self.read(&reader, into: &draft)
            guard reader.problems.isEmpty else {
                return try await formPage(draft, rateText: form["cost_rate"] ?? "", skillsText: form["skills"] ?? "", isNew: true, auth, failure: FormFailure(reader.problems))
            }
            let made = draft
            switch try await RecordForms.attempt({ try await backend.catalog.create(made, auth.caller) }) {
            case .success(let saved):
                context.logger.info("resource created", metadata: ["resource": .stringConvertible(saved.id)])
                return RecordForms.redirect("/resources/\(saved.id)")
            case .failure(let failure):
                return try await formPage(draft, rateText: form["cost_rate"] ?? "", skillsText: form["skills"] ?? "", isNew: true, auth, failure: failure)
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
            return try await formPage(resource, rateText: RateText.format(resource.costRateMinor, currency: resource.currency),
                                      skillsText: Self.skillsText(resource), isNew: false, auth)
        }
        router.post("resources/:id/edit") { request, context in
            let (auth, form) = try await UIRoutes.postedForm(request, context)
            let current = try await backend.catalog.get(Resource.self, Resource.ID(try APIRoutes.id(context)), auth.caller)
            var edited = current
            var reader = FormReader(form)
            Self.read(&reader, into: &edited)
            guard reader.problems.isEmpty else {
                return try await formPage(edited, rateText: form["cost_rate"] ?? "", skillsText: form["skills"] ?? "", isNew: false, auth, failure: FormFailure(reader.problems))
            }
            let change = edited
            switch try await RecordForms.attempt({
                try await backend.catalog.update(Resource.self, current.id, auth.caller, ifVersion: Int(form["version"] ?? "")) {
                    $0.name = change.name; $0.kind = change.kind; $0.role = change.role; $0.skills = change.skills
                    $0.costRateMinor = change.costRateMinor; $0.currency = change.currency; $0.maxUnits = change.maxUnits
                    $0.calendarId = change.calendarId; $0.userId = change.userId; $0.orgUnit = change.orgUnit
                    $0.teamId = change.teamId; $0.capacityHoursPerWeek = change.capacityHoursPerWeek
                    $0.capacityPercent = change.capacityPercent
                }
            }) {
            case .success: return RecordForms.redirect("/resources/\(current.id)")
            case .failure(let failure):
                return try await formPage(edited, rateText: form["cost_rate"] ?? "", skillsText: form["skills"] ?? "", isNew: false, auth, failure: failure)
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
                return try await formPage(current, rateText: RateText.format(current.costRateMinor, currency: current.currency),
                                          skillsText: Self.skillsText(current), isNew: false, auth, failure: failure)
            }
        }
    }

    static let blank = Resource(name: "", createdAt: .init(millisecondsSinceEpoch: 0), updatedAt: .init(millisecondsSinceEpoch: 0))

    static func rate(_ r: Resource) -> String { "\(RateText.format(r.costRateMinor, currency: r.currency)) \(r.currency)/h" }

    static func calendarNames(_ backend: Backend, _ auth: Authenticated) async throws -> [WorkCalendar.ID: String] {
        Dictionary(uniqueKeysWithValues: try await backend.catalog.all(WorkCalendar.self, auth.caller, [:]).map { ($0.id, $0.name) })
    }

    static func read(_ r: inout FormReader, into x: inout Resource) {
        if let v = r.text("name") { x.name = v }
        if let v = r.oneOf("kind", ResourceKind.self) { x.kind = v }
        if let v = r.text("role") { x.role = v }
        if let v = r.text("skills") {
            switch SkillLevel.parseList(v) {
            case .success(let skills): x.skills = skills
            case .failure(let problem): r.fail("skills", problem.message)
            }
        }
        if let v = r.text("org_unit") { x.orgUnit = v }
        if let v = r.id("team_id", Resource.self) { x.teamId = v }
        if let v = r.text("capacity_hours_per_week") {
            if v.isEmpty { x.capacityHoursPerWeek = nil }
            else if let h = Double(v), h.isFinite { x.capacityHoursPerWeek = h }
            else { r.fail("capacity_hours_per_week", "'\(v)' is not a number of hours like 32") }
        }
        if let v = r.text("capacity_percent") {
            if let p = Double(v.isEmpty ? "100" : v), p.isFinite { x.capacityPercent = p }
            else { r.fail("capacity_percent", "'\(v)' is not a percentage like 80") }
        }
        if let v = r.text("currency") { x.currency = v.uppercased() }
        if let v = r.text("cost_rate") {
            switch RateText.parse(v.isEmpty ? "0" : v, currency: x.currency) {
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

    static func skillsText(_ r: Resource) -> String { r.skills.map(\.text).joined(separator: ", ") }

    /// "100 % of its calendar", "32 h a week".
    static func capacityText(_ r: Resource) -> String {
        if r.kind == .team { return "its members'" }
        if let h = r.capacityHoursPerWeek { return "\(Pages.number(h)) h a week" }
        return "\(Pages.number(r.capacityPercent)) % of its calendar"
    }

    func formPage(_ x: Resource, rateText: String, skillsText: String, isNew: Bool, _ auth: Authenticated,
                  failure: FormFailure? = nil) async throws -> Response {
        let calendars = try await backend.catalog.all(WorkCalendar.self, auth.caller, [:]).sorted { $0.name < $1.name }
        let teams = try await backend.catalog.all(Resource.self, auth.caller, ["kind": .text("team")]).sorted { $0.name < $1.name }
        let roles = try await backend.catalog.all(JobRole.self, auth.caller, [:]).map(\.name).sorted()
        let skills = try await backend.catalog.all(Skill.self, auth.caller, [:]).map(\.name).sorted()
        var roleOptions: [(value: String, label: String)] = [("", "— no role —")] + roles.map { ($0, $0) }
        if !x.role.isEmpty && !roles.contains(x.role) { roleOptions.append((x.role, "\(x.role) (not in the catalogue)")) }
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
                                                 ("equipment", "equipment: a non-human resource, like a test lab or a licence pool"),
                                                 ("team", "team: a group whose capacity is its members'")])),
                FormField(name: "role", label: "Role", value: x.role, input: .select(roleOptions),
                          hint: "The job role, or the role a generic resource stands for; the PMO keeps the list on the Skills and roles page"),
                FormField(name: "skills", label: "Skills with levels", value: skillsText,
                          hint: "Like 'Swift 4, SQL 3': levels 1 (aware) to 5 (expert), 3 when left out."
                              + (skills.isEmpty ? "" : " The catalogue: " + skills.joined(separator: ", "))),
                FormField(name: "org_unit", label: "Organisation unit", value: x.orgUnit, hint: "Like 'Engineering / Mobile'"),
                FormField(name: "team_id", label: "Team", value: x.teamId?.description ?? "",
                          input: .select([("", "— no team —")] + teams.filter { $0.id != x.id }.map { ($0.id.description, $0.name) })),
                FormField(name: "capacity_hours_per_week", label: "Weekly capacity (hours)",
                          value: x.capacityHoursPerWeek.map { Pages.number($0) } ?? "",
                          hint: "Hours a regular week given to project work; leave empty to give a share of the calendar instead"),
                FormField(name: "capacity_percent", label: "Capacity (% of calendar)", value: Pages.number(x.capacityPercent),
                          hint: "Used when no weekly hours are given: 100 gives all the calendar's working time to projects"),
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

    static func resourcePage(_ use: ResourceUse, _ auth: Authenticated, failure: FormFailure? = nil) -> Response {
        let r = use.resource
        let projects: [[String: Any]] = use.projects.map { group in
            ["projectId": group.project.id.description, "projectCode": group.project.code, "projectName": group.project.name,
             "work": group.work.map { w in
                 ["activityCode": w.activity.code, "activityName": w.activity.name, "units": Pages.number(w.assignment.units) + "%"]
             },
             "total": Pages.number(group.work.map(\.assignment.units).reduce(0, +)) + "%"]
        }
        let mayEditAbsences = auth.caller.refusal(absenceOf: r.userId, .update) == nil
        let mayEditPool = auth.caller.refusal(resource: .update) == nil
        var values: [String: Any] = [
            "id": r.id.description, "name": r.name, "kind": r.kind.rawValue, "role": r.role,
            "skills": skillsText(r), "rate": rate(r), "units": Pages.number(r.maxUnits) + "%",
            "calendar": use.calendar?.name ?? "", "calendarId": use.calendar?.id.description ?? "",
            "user": use.user?.displayName ?? "", "projects": projects,
            "assignmentCount": String(use.projects.map(\.work.count).reduce(0, +)),
            "orgUnit": r.orgUnit, "capacity": capacityText(r),
            "teamId": use.team?.id.description ?? "", "teamName": use.team?.name ?? "",
            "members": use.members.map { ["memberId": $0.id.description, "memberName": $0.name, "memberRole": $0.role] },
            "isTeam": r.kind == .team ? "yes" : "",
            "absences": use.absences.map { a -> [String: Any] in
                var row: [String: Any] = ["absenceId": a.id.description, "absenceKind": a.kind.rawValue,
                                          "from": a.firstDay.description, "to": a.lastDay.description,
                                          "hours": a.hoursPerDay.map { "\(Pages.number($0)) h a day" } ?? "whole days"]
                if !a.note.isEmpty { row["absenceNote"] = a.note }
                if mayEditAbsences { row["mayDelete"] = true }
                return row
            },
            "loads": use.backgroundLoads.map { b -> [String: Any] in
                var row: [String: Any] = ["loadId": b.id.description, "loadName": b.name,
                                          "loadHours": Pages.number(b.hoursPerWeek) + " h a week",
                                          "loadFrom": b.firstDay?.description ?? "always", "loadTo": b.lastDay?.description ?? "open-ended"]
                if mayEditPool { row["mayDelete"] = true }
                return row
            },
            "allocations": use.allocations.map { a -> [String: Any] in
                ["allocProjectId": a.project.id.description, "allocProjectCode": a.project.code,
                 "allocAmount": AllocationText.amount(a.allocation), "allocFrom": a.allocation.firstDay.description,
                 "allocTo": a.allocation.lastDay.description]
            },
            "csrf": RecordForms.csrf(auth),
            "absenceKinds": AbsenceKind.allCases.map { ["kindValue": $0.rawValue] },
        ]
        if mayEditPool { values["mayEdit"] = true }
        if mayEditAbsences && r.kind != .team { values["mayAddAbsence"] = true }
        if mayEditPool { values["mayAddLoad"] = true }
        if let failure { values["formError"] = failure.message }
        return Pages.html("resourcePage", values, title: r.name, auth: auth,
                          status: failure == nil ? .ok : .unprocessableContent, nav: "resources")
    }

    /// The absence and background-load forms of a resource's page.
    func registerCapacityForms(on router: Router<GantryContext>) {
        router.post("resources/:id/absences") { request, context in
            let (auth, form) = try await UIRoutes.postedForm(request, context)
            let id = Resource.ID(try APIRoutes.id(context))
            var reader = FormReader(form)
            let kind = reader.oneOf("kind", AbsenceKind.self) ?? .leave
            let first = reader.date("first_day") ?? nil
            let last = (reader.date("last_day") ?? nil) ?? first
            var hours: Double?
            if let h = reader.text("hours_per_day"), !h.isEmpty {
                if let v = Double(h), v.isFinite { hours = v } else { reader.fail("hours_per_day", "'\(h)' is not a number of hours like 4") }
            }
            if first == nil { reader.fail("first_day", "the first day away is needed, like 2027-03-01") }
            let now = Timestamp(millisecondsSinceEpoch: 0)
            let outcome: Result<Absence, FormFailure>
            if reader.problems.isEmpty, let first, let last {
                let absence = Absence(resourceId: id, kind: kind, firstDay: first, lastDay: last, hoursPerDay: hours,
                                      note: reader.text("note") ?? "", createdAt: now, updatedAt: now)
                outcome = try await RecordForms.attempt(lead: "The absence was not saved:") {
                    try await backend.catalog.create(absence, auth.caller)
                }
            } else {
                outcome = .failure(FormFailure(reader.problems))
            }
            switch outcome {
            case .success(let saved):
                context.logger.info("absence entered", metadata: ["resource": .stringConvertible(id), "absence": .stringConvertible(saved.id)])
                return RecordForms.redirect("/resources/\(id)#absences")
            case .failure(let failure):
                return Self.resourcePage(try await backend.records.resourceUse(id, auth.caller), auth, failure: failure)
            }
        }
        router.post("resources/:id/absences/:absence/delete") { request, context in
            let (auth, _) = try await UIRoutes.postedForm(request, context)
            let id = Resource.ID(try APIRoutes.id(context))
            let absence = Absence.ID(try APIRoutes.id(context, "absence"))
            try await backend.catalog.delete(Absence.self, absence, auth.caller, ifVersion: nil)
            return RecordForms.redirect("/resources/\(id)#absences")
        }
        router.post("resources/:id/background") { request, context in
            let (auth, form) = try await UIRoutes.postedForm(request, context)
            let id = Resource.ID(try APIRoutes.id(context))
            var reader = FormReader(form)
            let name = reader.text("name") ?? ""
            var hours = 0.0
            if let h = reader.text("hours_per_week"), let v = Double(h), v.isFinite { hours = v }
            else { reader.fail("hours_per_week", "'\(reader.text("hours_per_week") ?? "")' is not a number of hours like 4") }
            let first = reader.date("first_day") ?? nil
            let last = reader.date("last_day") ?? nil
            let now = Timestamp(millisecondsSinceEpoch: 0)
            let outcome: Result<BackgroundLoad, FormFailure>
            if reader.problems.isEmpty {
                let load = BackgroundLoad(resourceId: id, name: name, hoursPerWeek: hours, firstDay: first, lastDay: last,
                                          createdAt: now, updatedAt: now)
                outcome = try await RecordForms.attempt(lead: "The background load was not saved:") {
                    try await backend.catalog.create(load, auth.caller)
                }
            } else {
                outcome = .failure(FormFailure(reader.problems))
            }
            switch outcome {
            case .success: return RecordForms.redirect("/resources/\(id)#background")
            case .failure(let failure):
                return Self.resourcePage(try await backend.records.resourceUse(id, auth.caller), auth, failure: failure)
            }
        }
        router.post("resources/:id/background/:load/delete") { request, context in
            let (auth, _) = try await UIRoutes.postedForm(request, context)
            let id = Resource.ID(try APIRoutes.id(context))
            let load = BackgroundLoad.ID(try APIRoutes.id(context, "load"))
            try await backend.catalog.delete(BackgroundLoad.self, load, auth.caller, ifVersion: nil)
            return RecordForms.redirect("/resources/\(id)#background")
        }
    }
}
