import Foundation
import GantryModel
import GantryPortfolio
import GantryServices
import Hummingbird

/// The PMO's capacity pages: the skill and role catalogues (add, rename everywhere, remove), the settings (bands,
/// pipeline weights, hours in a day), and a project's allocations (the project's team and the PMO add and remove
/// them). Forms only; no script.
struct CapacityAdminPages: Sendable {
    let backend: Backend

    func register(on router: Router<GantryContext>) {
        let backend = self.backend
        router.get("capacity/catalogue") { _, context in
            let auth = try UIRoutes.signedIn(context)
            return try await Self.cataloguePage(backend, auth)
        }
        router.post("capacity/catalogue/skills") { request, context in
            let (auth, form) = try await UIRoutes.postedForm(request, context)
            let t = Timestamp(millisecondsSinceEpoch: 0)
            let skill = Skill(name: form["name"]?.trimmingCharacters(in: .whitespaces) ?? "",
                              category: form["category"]?.trimmingCharacters(in: .whitespaces) ?? "", createdAt: t, updatedAt: t)
            switch try await RecordForms.attempt(lead: "The skill was not added:", { try await backend.catalog.create(skill, auth.caller) }) {
            case .success: return RecordForms.redirect("/capacity/catalogue#skills")
            case .failure(let failure): return try await Self.cataloguePage(backend, auth, failure: failure)
            }
        }
        router.post("capacity/catalogue/roles") { request, context in
            let (auth, form) = try await UIRoutes.postedForm(request, context)
            let t = Timestamp(millisecondsSinceEpoch: 0)
            let role = JobRole(name: form["name"]?.trimmingCharacters(in: .whitespaces) ?? "",
                               description: form["description"]?.trimmingCharacters(in: .whitespaces) ?? "", createdAt: t, updatedAt: t)
            switch try await RecordForms.attempt(lead: "The role was not added:", { try await backend.catalog.create(role, auth.caller) }) {
            case .success: return RecordForms.redirect("/capacity/catalogue#roles")
            case .failure(let failure): return try await Self.cataloguePage(backend, auth, failure: failure)
            }
        }
        router.post("capacity/catalogue/roles/:id/rename") { request, context in
            let (auth, form) = try await UIRoutes.postedForm(request, context)
            let id = JobRole.ID(try APIRoutes.id(context))
            let name = form["name"]?.trimmingCharacters(in: .whitespaces) ?? ""
            switch try await RecordForms.attempt(lead: "The role was not renamed:", { try await backend.capacity.renameRole(id, to: name, auth.caller) }) {
            case .success: return RecordForms.redirect("/capacity/catalogue#roles")
            case .failure(let failure): return try await Self.cataloguePage(backend, auth, failure: failure)
            }
        }
        router.post("capacity/catalogue/skills/:id/rename") { request, context in
            let (auth, form) = try await UIRoutes.postedForm(request, context)
            let id = Skill.ID(try APIRoutes.id(context))
            let name = form["name"]?.trimmingCharacters(in: .whitespaces) ?? ""
            switch try await RecordForms.attempt(lead: "The skill was not renamed:", { try await backend.capacity.renameSkill(id, to: name, auth.caller) }) {
            case .success: return RecordForms.redirect("/capacity/catalogue#skills")
            case .failure(let failure): return try await Self.cataloguePage(backend, auth, failure: failure)
            }
        }
        router.post("capacity/catalogue/roles/:id/delete") { request, context in
            let (auth, _) = try await UIRoutes.postedForm(request, context)
            try await backend.catalog.delete(JobRole.self, JobRole.ID(try APIRoutes.id(context)), auth.caller)
            return RecordForms.redirect("/capacity/catalogue#roles")
        }
        router.post("capacity/catalogue/skills/:id/delete") { request, context in
            let (auth, _) = try await UIRoutes.postedForm(request, context)
            try await backend.catalog.delete(Skill.self, Skill.ID(try APIRoutes.id(context)), auth.caller)
            return RecordForms.redirect("/capacity/catalogue#skills")
        }

        router.get("capacity/settings") { _, context in
            let auth = try UIRoutes.signedIn(context)
            return Self.settingsPage(try await backend.capacity.settings(auth.caller), auth)
        }
        router.post("capacity/settings") { request, context in
            let (auth, form) = try await UIRoutes.postedForm(request, context)
            var settings = try await backend.capacity.settings(auth.caller)
            var problems: [FieldProblem] = []
            func number(_ key: String) -> Double? {
                guard let text = form[key]?.trimmingCharacters(in: .whitespaces) else { return nil }
                guard let v = Double(text), v.isFinite else { problems.append(FieldProblem(field: key, message: "'\(text)' is not a number")); return nil }
                return v
            }
            for state in CapacitySettings.weightStates {
                if let percent = number("weight_\(state)") { settings.pipelineWeights[state] = percent / 100 }
            }
            if let v = number("healthy_from") { settings.healthyFrom = v }
            if let v = number("healthy_through") { settings.healthyThrough = v }
            if let v = number("at_risk_through") { settings.atRiskThrough = v }
            if let v = number("hours_per_day") { settings.hoursPerDay = v }
            guard problems.isEmpty else { return Self.settingsPage(settings, auth, failure: FormFailure(problems)) }
            let changed = settings
            switch try await RecordForms.attempt({ try await backend.capacity.saveSettings(changed, auth.caller) }) {
            case .success: return RecordForms.redirect("/capacity/settings?saved=1")
            case .failure(let failure): return Self.settingsPage(changed, auth, failure: failure)
            }
        }

        router.get("projects/:id/allocations") { _, context in
            let auth = try UIRoutes.signedIn(context)
            return try await Self.allocationsPage(backend, Project.ID(try APIRoutes.id(context)), auth)
        }
        router.post("projects/:id/allocations") { request, context in
            let (auth, form) = try await UIRoutes.postedForm(request, context)
            let projectId = Project.ID(try APIRoutes.id(context))
            var reader = FormReader(form)
            let first = reader.date("first_day") ?? nil
            let last = reader.date("last_day") ?? nil
            let unit = reader.oneOf("unit", AllocationUnit.self) ?? .hoursPerWeek
            var amount = 0.0
            if let text = reader.text("amount"), let v = Double(text), v.isFinite { amount = v }
            else { reader.fail("amount", "'\(reader.text("amount") ?? "")' is not a number like 40") }
            if first == nil { reader.fail("first_day", "the first day is needed, like 2027-03-01") }
            if last == nil { reader.fail("last_day", "the last day is needed, like 2027-06-30") }
            let resourceId = reader.id("resource_id", Resource.self) ?? nil
            let role = reader.text("role") ?? ""
            guard reader.problems.isEmpty, let first, let last else {
                return try await Self.allocationsPage(backend, projectId, auth, failure: FormFailure(reader.problems))
            }
            let t = Timestamp(millisecondsSinceEpoch: 0)
            let allocation = ProjectAllocation(projectId: projectId, resourceId: resourceId, role: resourceId == nil ? role : "",
                                               unit: unit, amount: amount, firstDay: first, lastDay: last,
                                               note: reader.text("note") ?? "", createdAt: t, updatedAt: t)
            switch try await RecordForms.attempt(lead: "The allocation was not saved:", { try await backend.catalog.create(allocation, auth.caller) }) {
            case .success: return RecordForms.redirect("/projects/\(projectId)/allocations")
            case .failure(let failure): return try await Self.allocationsPage(backend, projectId, auth, failure: failure)
            }
        }
        router.post("projects/:id/allocations/:allocation/delete") { request, context in
            let (auth, _) = try await UIRoutes.postedForm(request, context)
            let projectId = Project.ID(try APIRoutes.id(context))
            try await backend.catalog.delete(ProjectAllocation.self, ProjectAllocation.ID(try APIRoutes.id(context, "allocation")), auth.caller)
            return RecordForms.redirect("/projects/\(projectId)/allocations")
        }
    }

    static func cataloguePage(_ backend: Backend, _ auth: Authenticated, failure: FormFailure? = nil) async throws -> Response {
        let use = try await backend.capacity.catalogueUse(auth.caller)
        let csrf = RecordForms.csrf(auth)
        let mayManage = auth.caller.refusal(standards: .update) == nil
        var values: [String: Any] = [
            "csrf": csrf,
            "skills": use.skills.map { s -> [String: Any] in
                var row: [String: Any] = ["id": s.skill.id.description, "name": s.skill.name, "category": s.skill.category,
                                          "holders": String(s.holders),
                                          "levels": s.levels.isEmpty ? "—" : (1...5).compactMap { level in
                                              let n = s.levels.filter { $0 == level }.count
                                              return n == 0 ? nil : "\(n) at \(level)" }.joined(separator: ", ")]
                if mayManage { row["mayManage"] = true }
                return row
            },
            "roles": use.roles.map { r -> [String: Any] in
                var row: [String: Any] = ["id": r.role.id.description, "name": r.role.name, "description": r.role.description,
                                          "resources": String(r.resources), "allocations": String(r.allocations)]
                if mayManage { row["mayManage"] = true }
                return row
            },
            "unlistedSkills": use.unlistedSkills.map { "\($0.name) (\($0.holders))" }.joined(separator: ", "),
            "unlistedRoles": use.unlistedRoles.map { "\($0.name) (\($0.resources))" }.joined(separator: ", "),
        ]
        if mayManage { values["mayManage"] = true }
        if let failure { values["formError"] = failure.message }
        return Pages.html("capacityCatalogue", values, title: "Skills and roles", auth: auth,
                          status: failure == nil ? .ok : .unprocessableContent, nav: "capacity")
    }

    static func settingsPage(_ s: CapacitySettings, _ auth: Authenticated, failure: FormFailure? = nil) -> Response {
        var values: [String: Any] = [
            "csrf": RecordForms.csrf(auth),
            "weights": CapacitySettings.weightStates.map { state -> [String: Any] in
                ["state": state, "label": state.replacingOccurrences(of: "_", with: " "),
                 "percent": Pages.number(((s.pipelineWeights[state] ?? CapacitySettings.defaultWeights[state] ?? 0) * 1000).rounded() / 10)]
            },
            "healthyFrom": Pages.number(s.healthyFrom), "healthyThrough": Pages.number(s.healthyThrough),
            "atRiskThrough": Pages.number(s.atRiskThrough), "hoursPerDay": Pages.number(s.hoursPerDay),
        ]
        if auth.caller.refusal(standards: .update) == nil { values["mayManage"] = true }
        if let failure {
            values["formError"] = failure.message
        }
        return Pages.html("capacitySettings", values, title: "Capacity settings", auth: auth,
                          status: failure == nil ? .ok : .unprocessableContent, nav: "capacity")
    }

    static func allocationsPage(_ backend: Backend, _ projectId: Project.ID, _ auth: Authenticated,
                                failure: FormFailure? = nil) async throws -> Response {
        let project = try await backend.catalog.get(Project.self, projectId, auth.caller)
        let portfolio = try await backend.catalog.get(Portfolio.self, project.portfolioId, auth.caller)
        let allocations = try await backend.catalog.all(ProjectAllocation.self, auth.caller, ["project_id": .int(projectId.rawValue)])
            .sorted { ($0.firstDay, $0.id) < ($1.firstDay, $1.id) }
        let resources = try await backend.catalog.all(Resource.self, auth.caller, [:]).sorted { $0.name < $1.name }
        let names = Dictionary(uniqueKeysWithValues: resources.map { ($0.id, $0.name) })
        let roles = try await backend.catalog.all(JobRole.self, auth.caller, [:]).map(\.name).sorted()
        let mayEdit = auth.caller.refusal(scheduleOf: project, in: portfolio, .update) == nil
        let csrf = RecordForms.csrf(auth)
        var values: [String: Any] = [
            "projectId": project.id.description, "projectCode": project.code, "projectName": project.name, "csrf": csrf,
            "portfolioId": portfolio.id.description, "portfolioCode": portfolio.code,
            "rows": allocations.map { a -> [String: Any] in
                var row: [String: Any] = ["id": a.id.description,
                                          "who": a.resourceId.map { names[$0] ?? "resource \($0)" } ?? "role \(a.role)",
                                          "amount": AllocationText.amount(a), "from": a.firstDay.description, "to": a.lastDay.description,
                                          "note": a.note]
                if mayEdit { row["mayDelete"] = true }
                return row
            },
            "roles": roles.map { ["role": $0] },
            "people": resources.filter { $0.kind != .role }.map { ["rid": $0.id.description, "rname": $0.name, "rrole": $0.role] },
            "units": AllocationText.unitOptions.map { ["unit": $0.value, "unitLabel": $0.label] },
            "rule": CapacityForecast.planWinsRule,
        ]
        if mayEdit { values["mayEdit"] = true }
        if let failure { values["formError"] = failure.message }
        return Pages.html("capacityAllocations", values, title: "\(project.code) allocations", auth: auth,
                          status: failure == nil ? .ok : .unprocessableContent, nav: "portfolios")
    }
}
