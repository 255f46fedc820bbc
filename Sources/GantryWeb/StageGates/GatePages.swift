import Foundation
import GantryModel
import GantryServices
import Hummingbird
import Logging
import Mustache

/// The pages of templates and stage gates: the template list with the PMO's form, a template, the project page's
/// "Phases and gates" section, and the gate page with its criteria, evidence, decisions and decision form. Every
/// change goes through the same services as the API, so a refusal shows the same reason.
struct GateUIRoutes: Sendable {
    let backend: Backend

    func register(on router: Router<GantryContext>) {
        let backend = self.backend
        router.get("templates") { _, context in
            let auth = try UIRoutes.signedIn(context)
            return try await Self.templatesPage(backend, auth, form: [:], errors: [])
        }
        router.post("templates") { request, context in
            let auth = try UIRoutes.signedIn(context)
            let form = try await UIRoutes.form(request, context)
            try UIRoutes.checkCSRF(form["csrf_token"], of: auth)
            do {
                let template = try Self.template(from: form)
                let created = try await backend.catalog.create(template, auth.caller)
                context.logger.info("template created", metadata: ["template": .stringConvertible(created.id)])
                return Response(status: .seeOther, headers: [.location: "/templates/\(created.id)"])
            } catch let error as ServiceError where error.code != .forbidden && error.code != .unauthenticated {
                let problems = error.problems.isEmpty ? [FieldProblem(field: "template", message: error.message)] : error.problems
                return try await Self.templatesPage(backend, auth, form: form, errors: problems, status: error.code.httpStatus)
            }
        }
        router.get("templates/:id") { _, context in
            let auth = try UIRoutes.signedIn(context)
            let id = ProjectTemplate.ID(try APIRoutes.id(context))
            let template = try await backend.catalog.get(ProjectTemplate.self, id, auth.caller)
            let use = try await backend.gates.templateUse(auth.caller)
            return Pages.templateDetail(template, projects: use[id] ?? 0, auth: auth)
        }
        router.post("templates/:id/active") { request, context in
            let (auth, form) = try await UIRoutes.postedForm(request, context)
            let id = ProjectTemplate.ID(try APIRoutes.id(context))
            let active = form["active"] == "true"
            _ = try await backend.catalog.update(ProjectTemplate.self, id, auth.caller) { $0.active = active }
            return Response(status: .seeOther, headers: [.location: "/templates/\(id)"])
        }
        router.post("projects/:id/apply-template") { request, context in
            let (auth, id, form) = try await UIRoutes.scheduleForm(request, context)
            guard let raw = Int64(form["template_id"] ?? ""), raw > 0 else {
                throw ServiceError.invalid(field: "template_id", "choose a template to apply")
            }
            _ = try await backend.gates.applyTemplate(ProjectTemplate.ID(raw), to: id, auth.caller)
            context.logger.info("template applied", metadata: ["project": .stringConvertible(id), "template": .stringConvertible(raw)])
            return Response(status: .seeOther, headers: [.location: "/projects/\(id)#phases"])
        }
        router.get("projects/:id/phases/:pid") { _, context in
            let auth = try UIRoutes.signedIn(context)
            let id = Project.ID(try APIRoutes.id(context))
            let view = try await backend.gates.gate(try Self.phaseId(context), of: id, auth.caller)
            return Pages.gate(view, auth: auth, glossary: try await backend.glossary(auth.caller))
        }
        router.post("projects/:id/phases/:pid/decide") { request, context in
            let (auth, id, form) = try await UIRoutes.scheduleForm(request, context)
            let pid = try Self.phaseId(context)
            let comment = form["comment"] ?? ""
            do {
                guard let decision = GateDecision(rawValue: form["decision"] ?? "") else {
                    throw ServiceError.invalid(field: "decision", "choose go, hold, recycle or kill")
                }
                _ = try await backend.gates.decide(pid, decision, comment: comment, auth.caller,
                                                   ifVersion: form["version"].flatMap { Int($0) })
                context.logger.info("gate decided", metadata: ["phase": .stringConvertible(pid), "decision": .string(decision.rawValue)])
                return Response(status: .seeOther, headers: [.location: "/projects/\(id)/phases/\(pid)"])
            } catch let error as ServiceError where error.code != .notFound && error.code != .unauthenticated {
                context.logger.info("gate decision refused", metadata: ["phase": .stringConvertible(pid), "reason": .string(error.message)])
                let view = try await backend.gates.gate(pid, of: id, auth.caller)
                return Pages.gate(view, auth: auth, glossary: try await backend.glossary(auth.caller), error: error.message, comment: comment,
                                  status: error.code.httpStatus)
            }
        }
        router.post("projects/:id/phases/:pid/criteria") { request, context in
            let (auth, id, form) = try await UIRoutes.scheduleForm(request, context)
            let pid = try Self.phaseId(context)
            do {
                guard let index = Int(form["index"] ?? ""), index >= 0 else {
                    throw ServiceError.invalid(field: "index", "the form names no criterion; reload the page")
                }
                let name = form["name"] ?? ""
                _ = try await backend.catalog.update(ProjectPhase.self, pid, auth.caller) { phase in
                    guard phase.projectId == id else { throw ServiceError(.notFound, "project \(id) has no phase \(pid)") }
                    try Self.change(&phase, criterion: index, name: name, form: form)
                }
                return Response(status: .seeOther, headers: [.location: "/projects/\(id)/phases/\(pid)#criterion-\(index)"])
            } catch let error as ServiceError where error.code != .notFound && error.code != .unauthenticated {
                let view = try await backend.gates.gate(pid, of: id, auth.caller)
                return Pages.gate(view, auth: auth, glossary: try await backend.glossary(auth.caller), error: error.message,
                                  status: error.code.httpStatus)
            }
        }
    }

    static func phaseId(_ context: GantryContext) throws -> ProjectPhase.ID {
        let text = context.parameters.get("pid") ?? ""
        guard let raw = Int64(text), raw > 0 else {
            throw ServiceError(.badRequest, "'\(text)' is not a phase id; ids are positive integers")
        }
        return ProjectPhase.ID(raw)
    }

    /// A criterion form's change: evidence attached first (so a criterion that needs it can be met in the same
    /// save), then the assessment or the score. The service decides who may do which.
    static func change(_ phase: inout ProjectPhase, criterion index: Int, name: String, form: [String: String]) throws {
        guard phase.criteria.indices.contains(index), phase.criteria[index].name == name else {
            throw ServiceError(.conflict, "the gate's criteria changed since the page was shown; reload it and try again")
        }
        let url = (form["evidence_url"] ?? "").trimmingCharacters(in: .whitespaces)
        let label = (form["evidence_label"] ?? "").trimmingCharacters(in: .whitespaces)
        if !url.isEmpty {
            phase.criteria[index].evidence.append(.link(label.isEmpty ? url : label, url))
        } else if !label.isEmpty {
            throw ServiceError.invalid(field: "criteria[\(index)].evidence", "give the evidence's link (https://…) as well as its label")
        }
        switch form["met"] {
        case "met"?: phase.criteria[index].met = true
        case "unmet"?: phase.criteria[index].met = false
        case "unassessed"?: phase.criteria[index].met = nil
        default: break
        }
        if let text = form["score"] {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty {
                phase.criteria[index].score = nil
            } else if let score = Double(trimmed) {
                phase.criteria[index].score = score
            } else {
                throw ServiceError.invalid(field: "criteria[\(index)].score", "the score is a number from 0 to 10, not '\(text)'")
            }
        }
    }

    /// The template a creation form describes; the outline's problems name their lines.
    static func template(from form: [String: String]) throws -> ProjectTemplate {
        let outline = TemplateOutline.parse(form["outline"] ?? "")
        let parsed: (phases: [TemplatePhase], wbs: [TemplateItem])
        switch outline {
        case .failure(let error): throw error
        case .success(let value): parsed = value
        }
        guard let cadence = ReportCadence(rawValue: form["report_cadence"] ?? "monthly") else {
            throw ServiceError.invalid(field: "report_cadence", "report_cadence is weekly, biweekly or monthly")
        }
        let categories = (form["raid_categories"] ?? "").split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let epoch = Timestamp(millisecondsSinceEpoch: 0)
        return ProjectTemplate(name: (form["name"] ?? "").trimmingCharacters(in: .whitespaces),
                               description: form["description"] ?? "", phases: parsed.phases, wbs: parsed.wbs,
                               raidCategories: categories, reportCadence: cadence, createdAt: epoch, updatedAt: epoch)
    }

    static let example = """
        phase: Initiate | Confirm the business case, the sponsor and the team
        gate: Initiation gate
        must: Business case approved | The sponsor signed the business case | evidence
        should: Strategic fit | Scores 6 or more against the strategic drivers | weight 2
        deliverable: Project charter
        task: 1.1 | Kick-off workshop | 2d
        milestone: 1.M | Charter signed

        phase: Deliver | Build, test and hand over
        gate: Handover gate
        must: Acceptance signed | The business owner accepted the deliverables | evidence
        task: 2.1 | Build | 20d
        milestone: 2.M | Handover
        """

    static func templatesPage(_ backend: Backend, _ auth: Authenticated, form: [String: String], errors: [FieldProblem],
                              status: HTTPResponse.Status = .ok) async throws -> Response {
        let templates = try await backend.catalog.all(ProjectTemplate.self, auth.caller, [:]).sorted { $0.name < $1.name }
        let use = try await backend.gates.templateUse(auth.caller)
        let rows: [[String: Any]] = templates.map { t in
            ["id": t.id.description, "name": t.name, "phases": t.phases.count,
             "criteria": t.phases.map(\.gate.criteria.count).reduce(0, +), "items": t.wbs.count,
             "cadence": t.reportCadence.rawValue, "active": t.active ? "yes" : "no", "projects": use[t.id] ?? 0]
        }
        var values: [String: Any] = ["rows": rows]
        if backend.gates.templateChangeRefusal(auth.caller) == nil {
            let cadence = form["report_cadence"] ?? ReportCadence.monthly.rawValue
            values["mayCreate"] = true
            values["csrf"] = Pages.csrf(auth)
            values["help"] = GateTemplates.outlineHelp
            values["cadences"] = ReportCadence.allCases.map { ["value": $0.rawValue, "selected": $0.rawValue == cadence] }
            values["formName"] = form["name"] ?? ""
            values["formDescription"] = form["description"] ?? ""
            values["formRaid"] = form["raid_categories"] ?? "Schedule, Cost, Scope, Resources, Vendors"
            values["formOutline"] = form["outline"] ?? example
            values["hasErrors"] = !errors.isEmpty
            values["errors"] = errors.map { e -> [String: Any] in
                // Messages often start with their field; show the field once.
                var message = Substring(e.message)
                if message.hasPrefix(e.field) { message = message.dropFirst(e.field.count).drop { $0 == ":" || $0 == " " } }
                return ["field": e.field, "message": String(message)]
            }
        }
        return Pages.html("templates", values, title: "Project templates", auth: auth, status: status, nav: "templates")
    }
}

extension Pages {
    /// A value a section tests: an empty string as `false`, since Mustache treats "" as true inside nested contexts.
    static func present(_ text: String?) -> Any { (text?.isEmpty ?? true) ? false : text! }

    static func templateDetail(_ t: ProjectTemplate, projects: Int, auth: Authenticated) -> Response {
        let phases: [[String: Any]] = t.phases.enumerated().map { i, phase in
            let items = t.wbs.filter { $0.phase == i }
            return [
                "n": i + 1, "name": phase.name, "description": present(phase.description), "gate": phase.gate.name,
                "criteria": phase.gate.criteria.map { c -> [String: Any] in
                    ["name": c.name, "kind": c.kind == .mustMeet ? "must-meet" : "should-meet",
                     "weight": present(c.weight.map { Self.number($0) }), "definition": c.definition,
                     "evidence": c.requiresEvidence ? "required" : "—"]
                },
                "deliverables": present(phase.deliverables.joined(separator: "; ")),
                "hasItems": !items.isEmpty,
                "items": items.map { ["code": $0.code, "name": $0.name, "kind": $0.kind.rawValue, "duration": $0.duration.description] },
            ]
        }
        return html("templateDetail", [
            "name": t.name, "description": t.description, "phaseCount": t.phases.count, "cadence": t.reportCadence.rawValue,
            "active": t.active ? "yes: it can be applied to projects" : "no: it is kept for the projects made from it",
            "projects": projects, "phases": phases,
            "raid": t.raidCategories.isEmpty ? "none" : t.raidCategories.joined(separator: ", "),
            "outline": TemplateOutline.text(phases: t.phases, wbs: t.wbs),
            "id": t.id.description, "mayToggle": [.admin, .pmoDirector, .pmoAnalyst].contains(auth.user.role),
            "toggleTo": t.active ? "false" : "true", "toggleLabel": t.active ? "Retire (keep it for the projects made from it)" : "Make active again",
            "csrf": csrf(auth),
        ], title: t.name, auth: auth, nav: "templates")
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    static func gatePath(_ phase: ProjectPhase) -> String { "/projects/\(phase.projectId)/phases/\(phase.id)" }

    /// The "Phases and gates" section of a project page; `templates` are offered when the project has no phases
    /// and the viewer may apply one (nil otherwise).
    static func phasesSection(_ phases: [ProjectPhase], mode: GovernanceMode, project: Project.ID,
                              templates: [ProjectTemplate]?, auth: Authenticated) -> String {
        let rows: [[String: Any]] = phases.map { p in
            let must = p.criteria.filter(\.isMustMeet)
            return ["id": p.id.description, "n": p.position + 1, "name": p.name, "href": gatePath(p),
                    "status": p.status.rawValue, "gate": p.gateName, "gateStatus": p.gateStatus.label,
                    "date": dash(p.gateDate), "met": must.isEmpty ? "—" : "\(must.count - p.unmetMustMeets.count) of \(must.count)"]
        }
        var values: [String: Any] = ["mode": mode.rawValue, "modeRule": mode.gateRule, "rows": rows, "hasPhases": !phases.isEmpty,
                                     "projectId": project.description, "csrf": csrf(auth)]
        if let active = phases.first(where: { $0.status == .active }) {
            values["nextGate"] = ["href": gatePath(active), "gate": active.gateName, "phase": active.name,
                                  "date": present(active.gateDate?.description), "status": active.gateStatus.label,
                                  "unmet": present(active.unmetMustMeets.joined(separator: ", "))] as [String: Any]
        }
        if let templates, !templates.isEmpty {
            values["templates"] = ["options": templates.map { ["id": $0.id.description, "name": $0.name] }]
        }
        return library.render(values, withTemplate: "phasesSection") ?? ""
    }

    static func gate(_ v: GateView, auth: Authenticated, glossary: GlossaryMarkup = GlossaryMarkup([]), error: String? = nil, comment: String = "",
                     status: HTTPResponse.Status = .ok) -> Response {
        let p = v.phase
        let mayWork = v.evidenceRefusal == nil || v.assessRefusal == nil || v.scoreRefusal == nil
        let criteria: [[String: Any]] = p.criteria.enumerated().map { i, c in
            let assessment: String, assessClass: String
            if c.isMustMeet {
                switch c.met {
                case true?: (assessment, assessClass) = ("met", "met")
                case false?: (assessment, assessClass) = ("not met", "unmet")
                case nil: (assessment, assessClass) = ("not assessed", "unassessed")
                }
            } else {
                (assessment, assessClass) = (c.score.map { "score \(number($0)) of 10" } ?? "not scored",
                                             c.score == nil ? "unassessed" : "scored")
            }
            let mayAssess = c.isMustMeet && v.assessRefusal == nil
            let mayScore = !c.isMustMeet && v.scoreRefusal == nil
            let mayAttach = v.evidenceRefusal == nil
            let current = c.met.map { $0 ? "met" : "unmet" } ?? "unassessed"
            return [
                "index": i, "name": c.name, "definition": present(glossary.html(c.definition)),
                "kind": c.isMustMeet ? "must-meet" : "should-meet" + (c.weight.map { " (weight \(number($0)))" } ?? ""),
                "requiresEvidence": c.requiresEvidence, "assessment": assessment, "assessClass": assessClass,
                "evidence": c.evidence.map { e -> [String: Any] in
                    var file: String?
                    if e.kind == .file {
                        file = [e.fileName, e.mediaType, e.sizeBytes.map { "\($0) bytes" }].compactMap { $0 }.joined(separator: ", ")
                    }
                    return ["label": e.label.isEmpty ? (e.url ?? e.fileName ?? "evidence") : e.label,
                            "url": present(e.url), "file": present(file)]
                },
                "mayAssess": mayAssess, "mayScore": mayScore, "mayAttach": mayAttach,
                "mayChange": mayAssess || mayScore || mayAttach,
                "metOptions": [("unassessed", "not assessed"), ("met", "met"), ("unmet", "not met")].map {
                    ["value": $0.0, "label": $0.1, "selected": $0.0 == current]
                },
                "scoreValue": c.score.map { number($0) } ?? "",
            ]
        }
        let decisions: [[String: Any]] = p.decisions.reversed().map { d in
            ["at": d.at.description, "decision": d.decision.rawValue,
             "by": d.by.map { v.names[$0] ?? "user \($0)" } ?? "Gantry (system)", "comment": d.comment.isEmpty ? "—" : d.comment,
             "unmet": d.unmetMustMeets.isEmpty ? "—" : d.unmetMustMeets.joined(separator: ", ")]
        }
        let must = p.criteria.filter(\.isMustMeet)
        var workNote: String?
        if let refusal = v.assessRefusal, !must.isEmpty, v.evidenceRefusal == nil {
            workNote = "Must-meet criteria are assessed by others here: \(refusal)."
        } else if let refusal = v.evidenceRefusal, v.assessRefusal != nil {
            workNote = "Read-only criteria: \(refusal)."
        }
        var values: [String: Any] = [
            "portfolioId": v.portfolio.id.description, "portfolioCode": v.portfolio.code,
            "projectId": v.project.id.description, "projectCode": v.project.code, "projectName": v.project.name,
            "phaseId": p.id.description, "version": p.version, "phaseName": p.name, "gateName": p.gateName, "n": p.position + 1,
            "count": v.phases.count, "phaseStatus": p.status.rawValue, "gateStatus": p.gateStatus.label,
            "gateDate": dash(p.gateDate), "metCount": must.count - p.unmetMustMeets.count, "mustCount": must.count,
            "score": v.weightedScore.map { "\(number(($0 * 10).rounded() / 10)) of 10" } ?? "—",
            "mode": v.portfolio.governanceMode.rawValue, "modeRule": v.portfolio.governanceMode.gateRule,
            "description": glossary.html(p.description), "deliverables": p.deliverables.joined(separator: "; "),
            "unmet": p.unmetMustMeets.joined(separator: ", "), "criteria": criteria, "mayWork": mayWork,
            "workNote": workNote ?? "", "decisions": decisions, "csrf": csrf(auth), "comment": comment,
            "mayKill": v.mayDecideKill, "error": error ?? "",
        ]
        if let next = v.next {
            values["next"] = next.name
            values["nextStatus"] = next.status.rawValue
        }
        if let refusal = v.decideRefusal {
            values["decideRefusal"] = "You cannot decide this gate: \(refusal)."
        } else {
            values["mayDecide"] = true
        }
        return html("gate", values, title: "Gate \(p.gateName) · \(v.project.code)", auth: auth, status: status, nav: "portfolios")
    }
}

extension GateUIRoutes {
    /// The project page's "Phases and gates" section, offering the active templates when the project has no phases
    /// and the viewer may change its schedule.
    static func phasesSection(_ backend: Backend, _ header: ProjectHeader, _ auth: Authenticated) async throws -> String {
        let phases = try await backend.gates.phases(of: header.project.id, auth.caller)
        var templates: [ProjectTemplate]?
        if phases.isEmpty && header.scheduleChangeRefusal(auth.caller) == nil {
            templates = try await backend.gates.activeTemplates(auth.caller)
        }
        return Pages.phasesSection(phases, mode: header.portfolio.governanceMode, project: header.project.id,
                                   templates: templates, auth: auth)
    }
}
