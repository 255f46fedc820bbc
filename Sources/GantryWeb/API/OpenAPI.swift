import Foundation
import GantryModel
import GantryServices

/// The OpenAPI 3.1 description of `/api/v1`, built from the same resource specs the routes are registered from,
/// plus the hand-written read models. A test checks it against the router both ways.
enum OpenAPI {
    static let document: String = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(build())) ?? Data("{}".utf8), as: UTF8.self)
    }()

    static func build() -> JSONValue {
        var paths: [String: JSONValue] = [:]
        var schemas: [String: JSONValue] = [
            "Problem": .object([
                "type": "object",
                "description": "RFC 9457 problem details; `errors` names each field at fault",
                "properties": .object([
                    "type": ["type": "string"], "title": ["type": "string"], "status": ["type": "integer"],
                    "detail": ["type": "string"], "instance": ["type": "string"], "request_id": ["type": "string"],
                    "errors": .object(["type": "array", "items": .object(["type": "object", "properties": .object([
                        "field": ["type": "string"], "message": ["type": "string"],
                    ])])]),
                ]),
            ]),
        ]
        struct Describer: SpecVisitor {
            var paths: [String: JSONValue]
            var schemas: [String: JSONValue]
            mutating func visit<E: ManagedEntity>(_ spec: ResourceSpec<E>) {
                OpenAPI.describe(spec, paths: &paths, schemas: &schemas)
            }
        }
        var describer = Describer(paths: paths, schemas: schemas)
        Specs.visitAll(&describer)
        paths = describer.paths
        schemas = describer.schemas
        paths["/api/v1/me"] = .object(["get": .object([
            "summary": "The signed-in user", "operationId": "me", "tags": ["users"],
            "responses": .object(["200": response("The user", ["$ref": "#/components/schemas/User"])]),
        ])])
        paths["/api/v1/projects/{id}/plan"] = .object([
            "parameters": .array([
                parameter("id", "path", "The project's id", type: "integer", required: true),
                parameter("If-None-Match", "header", "The ETag of a plan you hold: 304 when it is still current"),
            ]),
            "get": .object([
                "summary": "A project with its activities in WBS order (each with its depth) and its dependencies",
                "operationId": "get_plan", "tags": ["projects"],
                "responses": .object([
                    "200": response("The plan", .object(["type": "object", "properties": .object([
                        "project": ["$ref": "#/components/schemas/Project"],
                        "activities": .object(["type": "array", "items": .object(["type": "object", "properties": .object([
                            "activity": ["$ref": "#/components/schemas/Activity"], "depth": ["type": "integer"],
                        ])])]),
                        "dependencies": .object(["type": "array", "items": ["$ref": "#/components/schemas/Dependency"]]),
                    ])])),
                    "304": .object(["description": "The plan has not changed since the ETag you sent"]),
                    "404": problemResponse("No such project"),
                ]),
            ]),
        ])
        for (path, item) in ScheduleRoutes.openAPIPaths() { paths[path] = item }
        for (path, item) in PlanEditorRoutes.openAPIPaths() { paths[path] = item }
        for (path, item) in AuditRoutes.openAPIPaths() { paths[path] = item }
        for (path, item) in IntakeRoutes.openAPIPaths() { paths[path] = item }
        for (path, item) in InboxRoutes.openAPIPaths() { paths[path] = item }
        for (path, item) in GateRoutes.openAPIPaths() { paths[path] = item }
        GateRoutes.refine(&schemas)
        for (path, item) in RAIDRoutes.openAPIPaths() { paths[path] = item }
        for (path, item) in StatusReportRoutes.openAPIPaths() { paths[path] = item }
        for (path, item) in InterchangeRoutes.openAPIPaths() { paths[path] = item }
        for (path, item) in AccountRoutes.openAPIPaths() { paths[path] = item }
        for (path, item) in CapacityRoutes.openAPIPaths() { paths[path] = item }
        for (path, item) in StaffingRoutes.openAPIPaths() { paths[path] = item }
        for (path, item) in MoneyRoutes.openAPIPaths() { paths[path] = item }
        paths["/api/v1/openapi.json"] = .object(["get": .object([
            "summary": "This document", "operationId": "openapi", "security": .array([]),
            "responses": .object(["200": .object(["description": "OpenAPI 3.1"])]),
        ])])
        // What any authenticated operation may answer besides its own responses.
        let common: [String: JSONValue] = [
            "400": problemResponse("Malformed: an id that is not a positive integer, an If-Match that is not an ETag, a body that is not a JSON object"),
            "401": problemResponse("Not signed in, or an unknown API token"),
            "403": problemResponse("Not allowed for the caller's role; the detail says why"),
        ]
        for (path, item) in paths where path != "/api/v1/openapi.json" {
            guard case .object(var operations) = item else { continue }
            for (method, operation) in operations where method != "parameters" {
                guard case .object(var op) = operation, case .object(var responses)? = op["responses"] else { continue }
                for (code, response) in common where responses[code] == nil { responses[code] = response }
                op["responses"] = .object(responses)
                operations[method] = .object(op)
            }
            paths[path] = .object(operations)
        }
        return .object([
            "openapi": "3.1.0",
            "info": .object([
                "title": "Gantry API", "version": .string(GantryVersion.current),
                "description": "Portfolios, programs, projects and their schedules. Errors are RFC 9457 problem details. Updates take If-Match with the ETag you read; lists page with next_cursor.",
            ]),
            "servers": .array([.object(["url": "/"])]),
            "security": .array([.object(["bearer": .array([])]), .object(["session": .array([])])]),
            "paths": .object(paths),
            "components": .object([
                "schemas": .object(schemas),
                "securitySchemes": .object([
                    "bearer": .object(["type": "http", "scheme": "bearer", "description": "A token from `gantry token create`"]),
                    "session": .object(["type": "apiKey", "in": "cookie", "name": .string(SessionCookie.name),
                                        "description": "The browser session; unsafe methods also need the X-CSRF-Token header"]),
                ]),
            ]),
        ])
    }

    /// A kind of record's schema and its five operations.
    static func describe<E: ManagedEntity>(_ spec: ResourceSpec<E>, paths: inout [String: JSONValue],
                                           schemas: inout [String: JSONValue]) {
        let name = schemaName(E.self)
        schemas[name] = schema(for: spec)
        let ref: JSONValue = ["$ref": .string("#/components/schemas/\(name)")]
        let tag = JSONValue.array([.string(spec.path)])
        var params: [JSONValue] = [
            parameter("limit", "query", "Page size, 1 to \(Catalog.maxPageSize) (default \(Catalog.defaultPageSize))", type: "integer"),
            parameter("cursor", "query", "The next_cursor of the previous page"),
        ]
        for (key, kind) in E.filters.sorted(by: { $0.key < $1.key }) {
            switch kind {
            case .reference: params.append(parameter(key, "query", "Filter by \(key) (an id, or 'none')"))
            case .oneOf(let values): params.append(parameter(key, "query", "Filter by \(key): \(values.joined(separator: ", "))"))
            case .text: params.append(parameter(key, "query", "Filter by exact \(key)"))
            case .search(let columns):
                params.append(parameter(key, "query", "Text to find anywhere in \(columns.joined(separator: ", ")), ignoring case"))
            }
        }
        paths["/api/v1/\(spec.path)"] = .object([
            "get": .object([
                "summary": .string("List \(spec.path): \(spec.summary)"), "tags": tag,
                "operationId": .string("list_\(spec.path)"), "parameters": .array(params),
                "responses": .object([
                    "200": response("A page of \(spec.path)", .object([
                        "type": "object", "properties": .object([
                            "items": .object(["type": "array", "items": ref]),
                            "next_cursor": .object(["type": .array(["string", "null"])]),
                        ]),
                    ])),
                    "422": problemResponse("A filter or the page size is wrong"),
                ]),
            ]),
            "post": .object([
                "summary": .string("Create a \(E.kindName)"), "tags": tag, "operationId": .string("create_\(E.kindName)"),
                "requestBody": .object(["required": true, "content": .object(["application/json": .object(["schema": ref])])]),
                "responses": .object([
                    "201": response("Created; ETag carries the version", ref),
                    "400": problemResponse("The body is not a JSON object"),
                    "409": problemResponse("A duplicate, or a dependency that would close a cycle"),
                    "422": problemResponse("A field is missing, unknown, of the wrong type or out of range"),
                ]),
            ]),
        ])
        let idParam = parameter("id", "path", "The record's id", type: "integer", required: true)
        let ifMatch = parameter("If-Match", "header", "The ETag you read; a stale one gets 412 and changes nothing")
        var one: [String: JSONValue] = [
            "parameters": .array([idParam]),
            "get": .object([
                "summary": .string("Get a \(E.kindName)"), "tags": tag, "operationId": .string("get_\(E.kindName)"),
                "responses": .object(["200": response("The \(E.kindName); ETag carries the version", ref),
                                      "404": problemResponse("No such \(E.kindName)")]),
            ]),
            "patch": .object([
                "summary": .string("Change some fields of a \(E.kindName)"), "tags": tag,
                "operationId": .string("update_\(E.kindName)"), "parameters": .array([ifMatch]),
                "requestBody": .object(["required": true, "content": .object(["application/json": .object(["schema": ref])])]),
                "responses": .object([
                    "200": response("The changed \(E.kindName)", ref),
                    "404": problemResponse("No such \(E.kindName)"),
                    "409": problemResponse("A duplicate, or a dependency that would close a cycle"),
                    "412": problemResponse("If-Match names an older version"),
                    "422": problemResponse("A field is wrong"),
                ]),
            ]),
            "delete": .object([
                "summary": .string("Delete a \(E.kindName)"), "tags": tag, "operationId": .string("delete_\(E.kindName)"),
                "parameters": .array([ifMatch]),
                "responses": .object([
                    "204": .object(["description": "Deleted"]),
                    "404": problemResponse("No such \(E.kindName)"),
                    "409": problemResponse("Still in use"),
                    "412": problemResponse("If-Match names an older version"),
                ]),
            ]),
        ]
        if !spec.updatable { one["patch"] = nil }
        paths["/api/v1/\(spec.path)/{id}"] = .object(one)
    }

    static func schemaName<E>(_ type: E.Type) -> String { String(describing: E.self) }

    static func parameter(_ name: String, _ location: String, _ description: String, type: String = "string",
                          required: Bool = false) -> JSONValue {
        .object(["name": .string(name), "in": .string(location), "description": .string(description),
                 "required": .bool(required), "schema": .object(["type": .string(type)])])
    }

    static func response(_ description: String, _ schema: JSONValue) -> JSONValue {
        .object(["description": .string(description), "content": .object(["application/json": .object(["schema": schema])])])
    }

    static func problemResponse(_ description: String) -> JSONValue {
        .object(["description": .string(description),
                 "content": .object(["application/problem+json": .object(["schema": ["$ref": "#/components/schemas/Problem"]])])])
    }

    /// A JSON schema for a record, from its template: each field's JSON type, required fields, read-only ones.
    static func schema<E: ManagedEntity>(for spec: ResourceSpec<E>) -> JSONValue {
        let sample = (try? Wire.object(of: spec.template)) ?? [:]
        var properties: [String: JSONValue] = [:]
        for field in spec.fields {
            var p: [String: JSONValue] = [:]
            switch sample[field] {
            case .int?: p["type"] = "integer"
            case .double?: p["type"] = "number"
            case .bool?: p["type"] = "boolean"
            case .array?: p["type"] = "array"
            case .object?: p["type"] = "object"
            case .string?: p["type"] = "string"
            case .null?, nil: p["type"] = .array(["string", "number", "null"])
            }
            if field.hasSuffix("_id") && field != "id" { p["type"] = .array(["integer", "null"]) }
            if let kind = E.filters[field], case .oneOf(let values) = kind {
                p["enum"] = .array(values.map(JSONValue.string) + (sample[field] == .null ? [.null] : []))
            }
            if spec.readOnlyFields.contains(field) { p["readOnly"] = true }
            properties[field] = .object(p)
        }
        for extra in spec.extraOnCreate { properties[extra] = .object(["type": "string", "writeOnly": true]) }
        return .object([
            "type": "object", "properties": .object(properties),
            "required": .array(spec.required.sorted().map(JSONValue.string)),
        ])
    }
}

/// Gantry's version, shown by `gantry version`, in the API document and in the page footer.
public enum GantryVersion {
    public static let current = "0.1.0"
}
