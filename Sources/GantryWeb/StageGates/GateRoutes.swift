import GantryModel
import GantryServices
import Hummingbird
import Logging

/// Stage gates over the API: decide a phase's gate, apply a template to a project without phases.
struct GateRoutes: Sendable {
    let backend: Backend

    struct Applied: Encodable {
        var phases: [ProjectPhase]
        var activities: [Activity]
        var dependencies: [Dependency]
    }

    func register(on api: RouterGroup<GantryContext>) {
        let gates = backend.gates
        api.post("phases/:id/decide") { request, context in
            let id = ProjectPhase.ID(try APIRoutes.id(context))
            let caller = try context.caller()
            let body = try await Wire.object(from: request, context: context)
            let (decision, comment) = try Self.decision(body)
            let phase = try await gates.decide(id, decision, comment: comment, caller, ifVersion: try APIRoutes.ifMatch(request))
            context.logger.info("gate decided", metadata: ["phase": .stringConvertible(id), "decision": .string(decision.rawValue),
                                                           "gate_status": .string(phase.gateStatus.rawValue)])
            return try Wire.response(phase, headers: [.eTag: APIRoutes.etag(phase.version)])
        }
        api.post("projects/:id/apply-template") { request, context in
            let id = Project.ID(try APIRoutes.id(context))
            let caller = try context.caller()
            let body = try await Wire.object(from: request, context: context)
            for key in body.keys.sorted() where key != "template_id" {
                throw ServiceError.invalid(field: key, "\(key) is not a field here; send {\"template_id\": <id>}")
            }
            guard case .int(let template)? = body["template_id"], template > 0 else {
                throw ServiceError.invalid(field: "template_id", "template_id is required: the id of an active template (a positive integer)")
            }
            let made = try await gates.applyTemplate(ProjectTemplate.ID(template), to: id, caller)
            context.logger.info("template applied", metadata: ["project": .stringConvertible(id), "template": .stringConvertible(template)])
            return try Wire.response(Applied(phases: made.phases, activities: made.activities, dependencies: made.dependencies),
                                     status: .created)
        }
    }

    /// `{"decision": "go|hold|recycle|kill", "comment": "..."}`, each field checked by name.
    static func decision(_ body: [String: JSONValue]) throws -> (GateDecision, String) {
        var problems: [FieldProblem] = []
        for key in body.keys.sorted() where key != "decision" && key != "comment" {
            problems.append(FieldProblem(field: key, message: "\(key) is not a field of a gate decision; send decision and comment"))
        }
        let choices = GateDecision.allCases.map(\.rawValue).joined(separator: ", ")
        var decision: GateDecision?
        switch body["decision"] {
        case .string(let text)?:
            decision = GateDecision(rawValue: text)
            if decision == nil { problems.append(FieldProblem(field: "decision", message: "decision '\(text)' is not one of: \(choices)")) }
        case nil, .null?:
            problems.append(FieldProblem(field: "decision", message: "decision is required: one of \(choices)"))
        default:
            problems.append(FieldProblem(field: "decision", message: "decision must be a string: one of \(choices)"))
        }
        var comment = ""
        switch body["comment"] {
        case .string(let text)?: comment = text
        case nil, .null?: break
        default: problems.append(FieldProblem(field: "comment", message: "comment must be a string"))
        }
        guard problems.isEmpty, let decision else { throw ServiceError.invalid(problems) }
        return (decision, comment)
    }

    /// The paths above for the OpenAPI document.
    static func openAPIPaths() -> [String: JSONValue] {
        func body(_ schema: JSONValue) -> JSONValue {
            .object(["required": true, "content": .object(["application/json": .object(["schema": schema])])])
        }
        let phase: JSONValue = ["$ref": "#/components/schemas/ProjectPhase"]
        let array = { (ref: String) -> JSONValue in .object(["type": "array", "items": .object(["$ref": .string("#/components/schemas/\(ref)")])]) }
        return [
            "/api/v1/phases/{id}/decide": .object([
                "parameters": .array([
                    OpenAPI.parameter("id", "path", "The phase's id", type: "integer", required: true),
                    OpenAPI.parameter("If-Match", "header", "The ETag of the phase you decided on; 412 when it changed since"),
                ]),
                "post": .object([
                    "summary": "Decide the gate of an active phase under the portfolio's governance mode: go completes the phase and opens the next, hold keeps it, recycle reopens it for rework, kill cancels the project. hold, recycle, kill and a go over unmet must-meet criteria need a comment",
                    "operationId": "decide_gate", "tags": ["phases"],
                    "requestBody": body(.object([
                        "type": "object", "required": ["decision"], "additionalProperties": false,
                        "properties": .object([
                            "decision": .object(["type": "string", "enum": .array(GateDecision.allCases.map { .string($0.rawValue) })]),
                            "comment": .object(["type": "string", "maxLength": .int(5000)]),
                        ]),
                    ])),
                    "responses": .object([
                        "200": OpenAPI.response("The phase with its gate decided", phase),
                        "403": OpenAPI.problemResponse("The governance mode or the caller's role does not allow this decision; the detail says why (for example unmet must-meet criteria in a controlling portfolio)"),
                        "404": OpenAPI.problemResponse("No such phase"),
                        "409": OpenAPI.problemResponse("The phase is not the active one, its gate is already passed or killed, or the project is closed"),
                        "412": OpenAPI.problemResponse("If-Match names an older version of the phase, or it changed meanwhile; reload it"),
                        "422": OpenAPI.problemResponse("The decision is not one of go, hold, recycle, kill, or a comment is missing where one is needed"),
                    ]),
                ]),
            ]),
            "/api/v1/projects/{id}/apply-template": .object([
                "parameters": .array([OpenAPI.parameter("id", "path", "The project's id", type: "integer", required: true)]),
                "post": .object([
                    "summary": "Give a project without phases a template's phases (the first active), gates with their criteria and WBS skeleton",
                    "operationId": "apply_template", "tags": ["phases"],
                    "requestBody": body(.object([
                        "type": "object", "required": ["template_id"], "additionalProperties": false,
                        "properties": .object(["template_id": .object(["type": "integer", "minimum": .int(1)])]),
                    ])),
                    "responses": .object([
                        "201": OpenAPI.response("What was made", .object(["type": "object", "properties": .object([
                            "phases": array("ProjectPhase"), "activities": array("Activity"), "dependencies": array("Dependency"),
                        ])])),
                        "404": OpenAPI.problemResponse("No such project"),
                        "409": OpenAPI.problemResponse("The project already has phases or is closed, or the template is inactive"),
                        "422": OpenAPI.problemResponse("template_id is missing or names no template"),
                    ]),
                ]),
            ]),
        ]
    }

    /// The shapes of the JSON documents inside templates and phases, in place of the plain `array` the generic schema
    /// gives them.
    static func refine(_ schemas: inout [String: JSONValue]) {
        func object(_ required: [String], _ properties: [String: JSONValue]) -> JSONValue {
            .object(["type": "object", "additionalProperties": false, "required": .array(required.map(JSONValue.string)),
                     "properties": .object(properties)])
        }
        func list(_ item: JSONValue) -> JSONValue { .object(["type": "array", "items": item]) }
        let text: JSONValue = ["type": "string"]
        let nullableText: JSONValue = .object(["type": .array(["string", "null"])])
        let kind: JSONValue = .object(["type": "string", "enum": .array(CriterionKind.allCases.map { .string($0.rawValue) })])
        var criterionFields: [String: JSONValue] = [
            "name": text, "kind": kind, "definition": text, "requires_evidence": ["type": "boolean"],
            "weight": .object(["type": .array(["number", "null"]), "exclusiveMinimum": .int(0), "maximum": .int(1000)]),
        ]
        let criterion = object(["name", "kind"], criterionFields)
        let evidence = object(["kind"], [
            "kind": .object(["type": "string", "enum": .array(EvidenceKind.allCases.map { .string($0.rawValue) })]),
            "label": text, "url": nullableText, "file_name": nullableText, "media_type": nullableText,
            "size_bytes": .object(["type": .array(["integer", "null"]), "minimum": .int(0)]),
        ])
        criterionFields["met"] = .object(["type": .array(["boolean", "null"])])
        criterionFields["score"] = .object(["type": .array(["number", "null"]), "minimum": .int(0), "maximum": .int(10)])
        criterionFields["evidence"] = list(evidence)
        let phaseCriterion = object(["name", "kind"], criterionFields)
        let templatePhase = object(["name", "gate"], [
            "name": text, "description": text, "deliverables": list(text),
            "gate": object(["name"], ["name": text, "criteria": list(criterion)]),
        ])
        let item = object(["code", "name", "phase"], [
            "code": text, "name": text, "phase": .object(["type": "integer", "minimum": .int(0)]),
            "duration": .object(["type": "string", "description": "like 5d, 3.5h, 2w"]),
            "kind": .object(["type": "string", "enum": .array(TemplateItemKind.allCases.map { .string($0.rawValue) })]),
        ])
        let decision = object(["decision", "at"], [
            "decision": .object(["type": "string", "enum": .array(GateDecision.allCases.map { .string($0.rawValue) })]),
            "by": .object(["type": .array(["integer", "null"])]), "at": text, "comment": text,
            "unmet_must_meets": list(text),
        ])
        func set(_ schema: String, _ field: String, _ value: JSONValue) {
            guard case .object(var s)? = schemas[schema], case .object(var properties)? = s["properties"],
                  case .object(var p)? = properties[field] else { return }
            guard case .object(let v) = value else { return }
            for (k, x) in v { p[k] = x }
            properties[field] = .object(p)
            s["properties"] = .object(properties)
            schemas[schema] = .object(s)
        }
        set("ProjectTemplate", "phases", list(templatePhase))
        set("ProjectTemplate", "wbs", list(item))
        set("ProjectTemplate", "raid_categories", list(text))
        set("ProjectPhase", "criteria", list(phaseCriterion))
        set("ProjectPhase", "decisions", list(decision))
        set("ProjectPhase", "deliverables", list(text))
        set("ProjectPhase", "gate_date", .object(["type": .array(["string", "null"]), "format": "date"]))
    }
}
