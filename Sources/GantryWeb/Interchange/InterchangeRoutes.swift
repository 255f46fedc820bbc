import Foundation
import GantryModel
import GantryServices
import Hummingbird
import HTTPTypes
import Logging
import NIOCore

/// Plans in and out over the API: importing an MS Project, Primavera or GanttProject file as a new project of a
/// portfolio (multipart upload, or the raw file as the body), the import reports, project and portfolio exports
/// (MS Project XML, CSV, Excel), and calendar feeds of milestones and gates at a URL with its own token.
struct InterchangeRoutes: Sendable {
    let backend: Backend

    /// An uploaded file and the form's other fields.
    struct Upload {
        var fileName: String
        var data: Data
        var code: String?
        var name: String?
        /// Which project of a P6 file holding several (its id or short name); nil for the exported one.
        var project: String? = nil
        var csrf: String?
    }

    struct FeedDocument: Encodable {
        var scope: String
        var subjectId: Int64
        /// The feed's address: subscribe to it in a calendar app. It is shown once; it works without signing in.
        var url: String
    }

    func register(on api: RouterGroup<GantryContext>) {
        let interchange = backend.interchange
        api.post("portfolios/:id/imports") { request, context in
            let portfolio = Portfolio.ID(try APIRoutes.id(context))
            let upload = try await Self.upload(request, context)
            let report = try await interchange.importFile(upload.data, fileName: upload.fileName, into: portfolio,
                                                          code: upload.code, name: upload.name, project: upload.project,
                                                          try context.caller())
            context.logger.info("plan imported", metadata: [
                "portfolio": .stringConvertible(portfolio), "project": .stringConvertible(report.projectId),
                "file": .string(upload.fileName), "format": .string(report.format),
                "activities": .stringConvertible(report.counts.activities), "warnings": .stringConvertible(report.warnings.count),
            ])
            return try Wire.response(report, status: .created, headers: [.location: "/api/v1/imports/\(report.id)"])
        }
        api.get("portfolios/:id/imports") { _, context in
            let reports = try await interchange.reports(portfolio: Portfolio.ID(try APIRoutes.id(context)), try context.caller())
            return try Wire.response(["items": reports])
        }
        api.get("imports/:id") { _, context in
            try Wire.response(try await interchange.report(ImportReport.ID(try APIRoutes.id(context)), try context.caller()))
        }
        api.get("projects/:id/export") { request, context in
            let format = try Self.format(request, allowed: Interchange.ProjectFormat.allCases)
            let file = try await interchange.export(project: Project.ID(try APIRoutes.id(context)), as: format, try context.caller())
            return Self.download(file)
        }
        api.get("portfolios/:id/export") { request, context in
            let format = try Self.format(request, allowed: [.csv, .xlsx])
            let file = try await interchange.export(portfolio: Portfolio.ID(try APIRoutes.id(context)), as: format, try context.caller())
            return Self.download(file)
        }
        for scope in CalendarFeed.Scope.allCases {
            api.post(RouterPath(stringLiteral: "\(scope.rawValue)s/:id/calendar-feed")) { request, context in
                let id = try APIRoutes.id(context)
                let (feed, token) = try await interchange.createFeed(scope, subject: id, try context.caller())
                let url = Self.baseURL(request) + "/feeds/\(token).ics"
                context.logger.info("calendar feed created", metadata: ["scope": .string(scope.rawValue), "subject": .stringConvertible(id)])
                return try Wire.response(FeedDocument(scope: feed.scope.rawValue, subjectId: id, url: url), status: .created)
            }
        }
    }

    /// The feeds themselves: no session, no API token; the token in the address is the credential.
    func registerFeeds(on router: Router<GantryContext>) {
        let interchange = backend.interchange
        router.get("feeds/:token") { request, context in
            var token = context.parameters.get("token") ?? ""
            if token.hasSuffix(".ics") { token.removeLast(4) }
            let text = try await interchange.feed(token: token, baseURL: Self.baseURL(request))
            return Response(status: .ok, headers: [.contentType: "text/calendar; charset=utf-8", .cacheControl: "no-store"],
                            body: .init(byteBuffer: ByteBuffer(string: text)))
        }
    }

    /// `http://host:port` as the caller reached us (for links in feeds).
    static func baseURL(_ request: Request) -> String {
        let host = request.head.authority ?? "localhost"
        let proto = request.headers[HTTPField.Name("X-Forwarded-Proto")!] ?? "http"
        return "\(proto == "https" ? "https" : "http")://\(host)"
    }

    static func format(_ request: Request, allowed: [Interchange.ProjectFormat]) throws(ServiceError) -> Interchange.ProjectFormat {
        let text = request.uri.queryParameters.get("format") ?? allowed[0].rawValue
        guard let format = Interchange.ProjectFormat(rawValue: text.lowercased()), allowed.contains(format) else {
            throw ServiceError.invalid(field: "format", "format '\(text)' is not one of: " + allowed.map(\.rawValue).joined(separator: ", "))
        }
        return format
    }

    static func download(_ file: ExportedFile) -> Response {
        let safe = file.fileName.filter { $0.isLetter || $0.isNumber || "._-".contains($0) }
        return Response(status: .ok, headers: [
            .contentType: file.contentType, .contentDisposition: "attachment; filename=\"\(safe)\"",
        ], body: .init(byteBuffer: ByteBuffer(bytes: file.data)))
    }

    /// The upload: a `multipart/form-data` body with the file in a part that has a filename (and optional `code`,
    /// `name` and `project` fields), or the file itself as the body with `?file_name=` (and `code`, `name`,
    /// `project`) in the query.
    static func upload(_ request: Request, _ context: GantryContext) async throws -> Upload {
        let limit = Interchange.maximumFileBytes + 1 << 20
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch {
            throw ServiceError(.tooLarge, "the upload is larger than \(limit >> 20) MB; an import takes files up to \(Interchange.maximumFileBytes >> 20) MB")
        }
        let query = request.uri.queryParameters
        if let boundary = MultipartForm.boundary(request.headers[.contentType]) {
            let form = try MultipartForm(buffer, boundary: boundary)
            guard let fileName = form.fileName else {
                throw ServiceError(.badRequest, "the form has no file: send it as a multipart part named 'file' with a filename",
                                   problems: [FieldProblem(field: "file", message: "missing")])
            }
            func field(_ name: String) -> String? {
                form.fields[name].map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
            }
            return Upload(fileName: fileName.isEmpty ? "upload" : fileName, data: form.fileData, code: field("code"),
                          name: field("name"), project: field("project"), csrf: form.fields["csrf_token"])
        }
        guard buffer.readableBytes > 0 else {
            throw ServiceError(.badRequest, "no file: POST the file as multipart/form-data (field 'file'), or as the raw body with ?file_name=plan.xml",
                               problems: [FieldProblem(field: "file", message: "missing")])
        }
        return Upload(fileName: query.get("file_name") ?? "upload", data: Data(buffer.readableBytesView),
                      code: query.get("code"), name: query.get("name"), project: query.get("project"), csrf: nil)
    }
}

extension InterchangeRoutes {
    static func openAPIPaths() -> [String: JSONValue] {
        func id(_ what: String) -> JSONValue { OpenAPI.parameter("id", "path", "The \(what)'s id", type: "integer", required: true) }
        let report: JSONValue = .object([
            "type": "object", "required": ["id", "project_id", "portfolio_id", "file_name", "format", "counts", "warnings", "unmodelled"],
            "properties": .object([
                "id": ["type": "integer"], "project_id": ["type": "integer"], "portfolio_id": ["type": "integer"],
                "file_name": ["type": "string"], "format": .object(["type": "string", "enum": ["mspdi", "xer", "gan", "p6xml"]]),
                "application": ["type": "string"],
                "counts": .object(["type": "object", "description": "activities, summaries, milestones, dependencies, calendars, resources_created, resources_reused, assignments, baselines"]),
                "warnings": .object(["type": "array", "items": ["type": "string"]]),
                "unmodelled": .object(["type": "object", "description": "What the file holds that Gantry does not keep, with how many", "additionalProperties": ["type": "integer"]]),
                "agreement": .object(["type": ["object", "null"], "description": "leaf_tasks, agree_all, by_field (percent per field), error, examples, stale_tasks (tasks whose stored late finish the file's own project finish contradicts): how Gantry's engine agrees with the dates the file stores"]),
            ]),
        ])
        let format = OpenAPI.parameter("format", "query", "mspdi (MS Project XML), csv or xlsx")
        let file: JSONValue = .object(["description": "The file", "content": .object([
            "application/xml": .object(["schema": ["type": "string"]]),
            "text/csv": .object(["schema": ["type": "string"]]),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": .object(["schema": ["type": "string", "format": "binary"]]),
        ])])
        let feed = OpenAPI.response("The feed's address, shown once", .object([
            "type": "object", "required": ["scope", "subject_id", "url"],
            "properties": .object(["scope": ["type": "string"], "subject_id": ["type": "integer"], "url": ["type": "string"]]),
        ]))
        return [
            "/api/v1/portfolios/{id}/imports": .object([
                "parameters": .array([id("portfolio")]),
                "post": .object([
                    "summary": "Import an MS Project XML, Primavera P6 XER or P6 XML, or GanttProject file as a new project of the portfolio (one transaction: all or nothing). The format is read from the content.",
                    "operationId": "import_plan", "tags": ["interchange"],
                    "requestBody": .object(["required": true, "content": .object([
                        "multipart/form-data": .object(["schema": .object([
                            "type": "object", "required": ["file"],
                            "properties": .object([
                                "file": ["type": "string", "format": "binary", "description": "The plan file"],
                                "code": ["type": "string", "description": "The new project's code (default: from the file name)"],
                                "name": ["type": "string", "description": "The new project's name (default: the file's)"],
                                "project": ["type": "string", "description": "Which project of a P6 file that holds several: its id or short name (XER), its Id or ObjectId (P6 XML); default: the exported project with the most activities"],
                            ]),
                        ])]),
                        "application/octet-stream": .object(["schema": ["type": "string", "format": "binary", "description": "The file itself; name it with ?file_name="]]),
                    ])]),
                    "responses": .object([
                        "201": OpenAPI.response("The import report", report),
                        "403": OpenAPI.problemResponse("The caller may not create projects in this portfolio"),
                        "404": OpenAPI.problemResponse("No such portfolio"),
                        "409": OpenAPI.problemResponse("The file's links form a cycle (named), or the code is taken; nothing was imported"),
                        "413": OpenAPI.problemResponse("The file is larger than the import limit"),
                        "422": OpenAPI.problemResponse("The file cannot be read: the problem names the element and line; nothing was imported"),
                    ]),
                ]),
                "get": .object([
                    "summary": "The portfolio's imports, newest first", "operationId": "list_imports", "tags": ["interchange"],
                    "responses": .object([
                        "200": OpenAPI.response("The import reports", .object(["type": "object", "properties": .object(["items": .object(["type": "array", "items": report])])])),
                        "404": OpenAPI.problemResponse("No such portfolio"),
                    ]),
                ]),
            ]),
            "/api/v1/imports/{id}": .object([
                "parameters": .array([id("import report")]),
                "get": .object(["summary": "An import report", "operationId": "get_import", "tags": ["interchange"],
                                "responses": .object(["200": OpenAPI.response("The import report", report),
                                                      "404": OpenAPI.problemResponse("No such import")])]),
            ]),
            "/api/v1/projects/{id}/export": .object([
                "parameters": .array([id("project"), format]),
                "get": .object(["summary": "The project as MS Project XML (the whole plan) or its activity table as CSV or an Excel workbook", "operationId": "export_project",
                                "tags": ["interchange"],
                                "responses": .object(["200": file, "404": OpenAPI.problemResponse("No such project"),
                                                      "409": OpenAPI.problemResponse("The project cannot be scheduled (a cycle)"),
                                                      "422": OpenAPI.problemResponse("Unknown format")])]),
            ]),
            "/api/v1/portfolios/{id}/export": .object([
                "parameters": .array([id("portfolio"), OpenAPI.parameter("format", "query", "csv or xlsx")]),
                "get": .object(["summary": "The portfolio's project list as CSV or an Excel workbook", "operationId": "export_portfolio",
                                "tags": ["interchange"],
                                "responses": .object(["200": file, "404": OpenAPI.problemResponse("No such portfolio"),
                                                      "422": OpenAPI.problemResponse("Unknown format")])]),
            ]),
            "/api/v1/projects/{id}/calendar-feed": .object([
                "parameters": .array([id("project")]),
                "post": .object(["summary": "A new iCalendar feed of the project's milestones and gates, at an address with its own token", "operationId": "create_project_feed",
                                 "tags": ["interchange"],
                                 "responses": .object(["201": feed, "404": OpenAPI.problemResponse("No such project")])]),
            ]),
            "/api/v1/portfolios/{id}/calendar-feed": .object([
                "parameters": .array([id("portfolio")]),
                "post": .object(["summary": "A new iCalendar feed of the milestones and gates of every project of the portfolio", "operationId": "create_portfolio_feed",
                                 "tags": ["interchange"],
                                 "responses": .object(["201": feed, "404": OpenAPI.problemResponse("No such portfolio")])]),
            ]),
        ]
    }
}
