import Foundation
import GantryModel
import GantryServices
import Hummingbird
import HummingbirdCore

/// The JSON API under `/api/v1`: the same five routes for every kind of record, plus a few read models.
struct APIRoutes: Sendable {
    let backend: Backend
    let plans = PlanCache()

    func register(on router: Router<GantryContext>) {
        let api = router.group("api/v1")
        struct Registrar: SpecVisitor {
            let routes: APIRoutes
            let api: RouterGroup<GantryContext>
            func visit<E: ManagedEntity>(_ spec: ResourceSpec<E>) { routes.add(spec, to: api) }
        }
        var registrar = Registrar(routes: self, api: api)
        Specs.visitAll(&registrar)
        api.get("me") { _, context in
            guard let auth = context.auth else { throw ServiceError(.unauthenticated, "sign in or send an API token") }
            return try Wire.response(auth.user)
        }
        api.get("projects/:id/plan") { request, context in
            let id = Project.ID(try Self.id(context))
            let caller = try context.caller()
            let (project, stamp) = try await backend.views.planStamp(id, caller)
            if request.headers[.ifNoneMatch]?.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == stamp.etag }) == true {
                return Response(status: .notModified, headers: [.eTag: stamp.etag])
            }
            var bytes: [UInt8]
            var etag = stamp.etag
            if let cached = plans.value(for: id, at: stamp) {
                bytes = cached
            } else {
                let schedule = try await backend.views.schedule(of: project, caller)
                let read = PlanStamp(project: project, schedule: schedule)
                bytes = try JSONValueEncoder().encode(PlanDocument(project: project, schedule: schedule)).serialized()
                plans.store(bytes, for: id, at: read)
                etag = read.etag
            }
            return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8", .eTag: etag],
                            body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
        }
        ScheduleRoutes(backend: backend).register(on: api)
        PlanEditorRoutes(backend: backend).register(on: api)
        RAIDRoutes(backend: backend).register(on: api)
        AuditRoutes(backend: backend).register(on: api)
        IntakeRoutes(backend: backend).register(on: api)
        InboxRoutes(backend: backend).register(api: api)
        GateRoutes(backend: backend).register(on: api)
        StatusReportRoutes(backend: backend).register(on: api)
        InterchangeRoutes(backend: backend).register(on: api)
        CapacityRoutes(backend: backend).register(on: api)
        StaffingRoutes(backend: backend).register(on: api)
        MoneyRoutes(backend: backend).register(on: api)
        api.get("openapi.json") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"],
                     body: .init(byteBuffer: ByteBuffer(string: OpenAPI.document)))
        }
    }

    static func id(_ context: GantryContext, _ parameter: String = "id") throws -> Int64 {
        let text = context.parameters.get(parameter) ?? ""
        guard let id = Int64(text), id > 0 else {
            throw ServiceError(.badRequest, "'\(text)' is not an id; ids are positive integers")
        }
        return id
    }

    static func etag(_ version: Int) -> String { "\"\(version)\"" }

    /// The version an `If-Match` header names, or nil when absent. `*` means any version.
    static func ifMatch(_ request: Request) throws -> Int? {
        guard let raw = request.headers[.ifMatch]?.trimmingCharacters(in: .whitespaces) else { return nil }
        if raw == "*" { return nil }
        var tag = raw
        if tag.hasPrefix("W/") { tag = String(tag.dropFirst(2)) }
        guard tag.count >= 3, tag.hasPrefix("\""), tag.hasSuffix("\""), let v = Int(tag.dropFirst().dropLast()) else {
            throw ServiceError(.badRequest, "If-Match '\(raw)' is not an ETag this API gave out (they look like \"3\")")
        }
        return v
    }

    fileprivate func add<E: ManagedEntity>(_ spec: ResourceSpec<E>, to api: RouterGroup<GantryContext>) {
        let backend = self.backend
        api.get(RouterPath(stringLiteral: spec.path)) { request, context in
            let query = try Self.listQuery(request, E.self)
            let page = try await backend.catalog.list(E.self, try context.caller(), query)
            return try Wire.response(ListDocument(items: page.items, nextCursor: page.nextCursor.map(Cursor.encode)))
        }
        api.post(RouterPath(stringLiteral: spec.path)) { request, context in
            let caller = try context.caller()
            var body = try await Wire.object(from: request, context: context)
            let extras = body.filter { spec.extraOnCreate.contains($0.key) }
            for key in spec.extraOnCreate { body[key] = nil }
            try Self.checkKeys(body, spec, creating: true)
            var merged = try Wire.object(of: spec.template)
            for (k, v) in body { merged[k] = v }
            let draft = try Wire.decode(E.self, from: merged)
            let created: E
            if let user = draft as? User {
                guard case .string(let password)? = extras["password"] else {
                    throw ServiceError.invalid(field: "password", "password is required (a string of at least \(Accounts.minimumPasswordLength) characters)")
                }
                let made = try await backend.accounts.createUser(
                    username: user.username, displayName: user.displayName, email: user.email, role: user.role,
                    password: password, caller)
                guard let typed = made as? E else { throw ServiceError(.badRequest, "unexpected record type") }
                created = typed
            } else {
                created = try await backend.catalog.create(draft, caller)
            }
            return try Wire.response(created, status: .created, headers: [
                .eTag: Self.etag(created.version), .location: "/api/v1/\(spec.path)/\(created.id)",
            ])
        }
        api.get(RouterPath(stringLiteral: "\(spec.path)/:id")) { _, context in
            let record = try await backend.catalog.get(E.self, E.ID(try Self.id(context)), try context.caller())
            return try Wire.response(record, headers: [.eTag: Self.etag(record.version)])
        }
        if spec.updatable { api.patch(RouterPath(stringLiteral: "\(spec.path)/:id")) { request, context in
            let caller = try context.caller()
            let id = E.ID(try Self.id(context))
            let version = try Self.ifMatch(request)
            let body = try await Wire.object(from: request, context: context)
            try Self.checkKeys(body, spec, creating: false)
            let updated = try await backend.catalog.update(E.self, id, caller, ifVersion: version) { record in
                var merged = try Wire.object(of: record)
                for (k, v) in body { merged[k] = v }
                record = try Wire.decode(E.self, from: merged)
            }
            return try Wire.response(updated, headers: [.eTag: Self.etag(updated.version)])
        } }
        api.delete(RouterPath(stringLiteral: "\(spec.path)/:id")) { request, context in
            let caller = try context.caller()
            try await backend.catalog.delete(E.self, E.ID(try Self.id(context)), caller, ifVersion: try Self.ifMatch(request))
            return Response(status: .noContent)
        }
    }

    /// Unknown and read-only fields are refused by name; on create, required fields must be present.
    static func checkKeys<E>(_ body: [String: JSONValue], _ spec: ResourceSpec<E>, creating: Bool) throws {
        var problems: [FieldProblem] = []
        let writable = Set(spec.writable)
        for key in body.keys.sorted() where !writable.contains(key) {
            if spec.readOnlyFields.contains(key) {
                problems.append(FieldProblem(field: key, message: "\(key) is set by Gantry and cannot be written"))
            } else {
                problems.append(FieldProblem(
                    field: key, message: "\(key) is not a field of a \(E.kindName); fields: \(spec.writable.joined(separator: ", "))"))
            }
        }
        if creating {
            for key in spec.required.sorted() where body[key] == nil || body[key] == .null {
                problems.append(FieldProblem(field: key, message: "\(key) is required"))
            }
        }
        if !problems.isEmpty { throw ServiceError.invalid(problems) }
    }

    /// `?portfolio_id=3&state=active&limit=20&cursor=...`: filters the kind offers, a page size and a cursor.
    /// A `limit` query parameter: a whole number from 1 to `max`.
    static func pageLimit(_ value: String, max: Int) throws -> Int {
        guard let n = Int(value), (1...max).contains(n) else {
            throw ServiceError.invalid(field: "limit", "limit must be a whole number from 1 to \(max)")
        }
        return n
    }

    /// A `cursor` query parameter: a `next_cursor` this API gave out.
    static func cursor(_ value: String) throws -> Int64 {
        guard let c = Cursor.decode(value) else {
            throw ServiceError.invalid(field: "cursor", "cursor '\(value)' is not one this API gave out")
        }
        return c
    }

    static func listQuery<E: ManagedEntity>(_ request: Request, _ type: E.Type) throws -> ListQuery {
        var query = ListQuery()
        for (rawKey, rawValue) in request.uri.queryParameters {
            let key = String(rawKey)
            let value = String(rawValue).removingPercentEncoding ?? String(rawValue)
            switch key {
            case "limit":
                query.limit = try Self.pageLimit(value, max: Catalog.maxPageSize)
            case "cursor":
                query.after = try Self.cursor(value)
            default:
                guard let kind = E.filters[key] else {
                    let known = (["limit", "cursor"] + E.filters.keys.sorted()).joined(separator: ", ")
                    throw ServiceError.invalid(field: key, "\(key) is not a filter for \(E.kindName) lists; use one of: \(known)")
                }
                switch kind {
                case .reference:
                    if value == "none" { query.filters[key] = .isNull }
                    else if let id = Int64(value), id > 0 { query.filters[key] = .int(id) }
                    else { throw ServiceError.invalid(field: key, "\(key) must be an id or 'none'") }
                case .oneOf(let allowed):
                    guard allowed.contains(value) else {
                        throw ServiceError.invalid(field: key, "\(key) '\(value)' is not one of: \(allowed.joined(separator: ", "))")
                    }
                    query.filters[key] = .text(value)
                case .text:
                    query.filters[key] = .text(value)
                case .search(let columns):
                    guard !value.isEmpty, value.count <= 200 else {
                        throw ServiceError.invalid(field: key, "\(key) is the text to search for, 1 to 200 characters")
                    }
                    query.filters[key] = .search(columns, value)
                }
            }
        }
        return query
    }
}

struct ListDocument<E: Encodable>: Encodable {
    var items: [E]
    var nextCursor: String?

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(items, forKey: .items)
        try c.encode(nextCursor, forKey: .nextCursor)  // null on the last page, never absent
    }

    enum CodingKeys: String, CodingKey { case items, nextCursor }
}

/// Opaque page cursors: clients pass back what they were given.
enum Cursor {
    static func encode(_ after: Int64) -> String {
        Data("after:\(after)".utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ text: String) -> Int64? {
        var b64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while b64.count % 4 != 0 { b64 += "=" }
        guard let data = Data(base64Encoded: b64), let s = String(data: data, encoding: .utf8), s.hasPrefix("after:"),
              let n = Int64(s.dropFirst(6)), n >= 0
        else { return nil }
        return n
    }
}

/// A project with its whole schedule, in WBS order: what a Gantt view or a script reading a plan needs.
struct PlanDocument: Encodable {
    struct Row: Encodable {
        var activity: Activity
        var depth: Int
    }
    var project: Project
    var activities: [Row]
    var dependencies: [Dependency]

    init(project: Project, schedule: ProjectSchedule) {
        self.project = project
        activities = schedule.rows.map { Row(activity: $0.activity, depth: $0.depth) }
        dependencies = schedule.dependencies
    }
}
