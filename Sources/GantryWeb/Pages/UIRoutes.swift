import Foundation
import GantryModel
import GantryServices
import Hummingbird
import Logging
import NIOCore

/// The HTML pages: sign in and out, the portfolio list, a portfolio, a project. Every form carries a CSRF token.
struct UIRoutes: Sendable {
    let backend: Backend
    let credentials: CredentialCache
    let secureCookies: Bool
    /// Rendered schedule fragments (Gantt chart, summary, tables) per project, valid for one schedule revision
    /// and project version. A GET of the project page never computes a schedule; it shows the stored one.
    let schedules = StampedCache<ScheduleStamp, Pages.Schedule>()

    func register(on router: Router<GantryContext>) {
        router.get("/") { _, context in
            Response(status: .seeOther, headers: [.location: context.auth == nil ? "/login" : "/portfolios"])
        }
        router.get("assets/gantry.css") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
                     body: .init(byteBuffer: ByteBuffer(string: Assets.css)))
        }
        for path in ["assets/favicon.svg", "favicon.ico"] {
            router.get(RouterPath(stringLiteral: path)) { _, _ in
                Response(status: .ok, headers: [.contentType: "image/svg+xml", .cacheControl: "public, max-age=86400"],
                         body: .init(byteBuffer: ByteBuffer(string: Assets.favicon)))
            }
        }
        router.get("login") { request, context in
            if context.auth != nil { return Response(status: .seeOther, headers: [.location: "/portfolios"]) }
            return loginPage(next: safeNext(request.uri.queryParameters.get("next")), username: "", error: nil)
        }
        router.post("login") { request, context in
            let form = try await Self.form(request, context)
            let next = safeNext(form["next"])
            guard let cookie = request.cookies[SessionCookie.loginCSRF]?.value, !cookie.isEmpty, form["csrf_token"] == cookie else {
                return loginPage(next: next, username: form["username"] ?? "",
                                 error: "The sign-in form expired. Please try again.", status: .forbidden)
            }
            do {
                let (token, _) = try await backend.accounts.signIn(username: form["username"] ?? "", password: form["password"] ?? "")
                var response = Response(status: .seeOther, headers: [.location: next])
                response.setCookie(Cookie(name: SessionCookie.name, value: token, maxAge: Int(Accounts.sessionLifetimeSeconds),
                                          path: "/", secure: secureCookies, httpOnly: true, sameSite: .lax))
                response.setCookie(Cookie(name: SessionCookie.loginCSRF, value: "", maxAge: 0, path: "/login",
                                          secure: secureCookies, httpOnly: true, sameSite: .strict))
                context.logger.info("signed in", metadata: ["user": .string(form["username"] ?? "")])
                return response
            } catch let error as ServiceError where error.code == .unauthenticated {
                context.logger.notice("sign-in refused", metadata: ["user": .string(form["username"] ?? "")])
                return loginPage(next: next, username: form["username"] ?? "", error: "Wrong username or password.",
                                 status: .unauthorized)
            }
        }
        router.post("logout") { request, context in
            let form = try await Self.form(request, context)
            guard let auth = context.auth, case .session(let token, let csrf) = auth.via else {
                return Response(status: .seeOther, headers: [.location: "/login"])
            }
            guard form["csrf_token"] == csrf else { throw ServiceError(.forbidden, "the sign-out form is stale; reload the page") }
            try await backend.accounts.signOut(token: token)
            credentials.forget(session: token)
            var response = Response(status: .seeOther, headers: [.location: "/login"])
            response.setCookie(Cookie(name: SessionCookie.name, value: "", maxAge: 0, path: "/", secure: secureCookies,
                                      httpOnly: true, sameSite: .lax))
            return response
        }
        router.get("portfolios") { _, context in
            let auth = try Self.signedIn(context)
            return Pages.portfolios(try await backend.views.portfolios(auth.caller), auth: auth)
        }
        router.get("audit") { request, context in
            let auth = try Self.signedIn(context)
            let query = try AuditRoutes.query(request)
            let page = try await backend.audit.entries(query, auth.caller)
            let users = try await backend.catalog.all(User.self, auth.caller, [:])
            let names = Dictionary(uniqueKeysWithValues: users.map { ($0.id, $0.displayName) })
            let kinds = Specs.kindNames
            let actions = Audit.Verb.allCases.map(\.rawValue)
            var filters: [String] = []
            if let k = query.kind { filters.append("kind=\(k)") }
            if let a = query.action { filters.append("action=\(a)") }
            if let r = query.recordId { filters.append("record_id=\(r)") }
            let rows: [[String: Any]] = page.items.map { r in
                ["at": r.at.description, "who": r.userId.map { names[$0] ?? "user \($0)" } ?? "system", "action": r.action,
                 "kind": r.kind, "recordId": String(r.recordId), "summary": r.summary]
            }
            var values: [String: Any] = [
                "rows": rows, "hasRows": !rows.isEmpty,
                "kinds": kinds.map { ["value": $0, "selected": $0 == query.kind] },
                "actions": actions.map { ["value": $0, "selected": $0 == query.action] },
                "recordId": query.recordId.map(String.init) ?? "",
                "query": filters.isEmpty ? "" : "?" + filters.joined(separator: "&"),
            ]
            if let next = page.nextCursor {
                values["next"] = "?" + (filters + ["cursor=\(Cursor.encode(next))"]).joined(separator: "&")
            }
            return Pages.html("audit", values, title: "Audit trail", auth: auth, nav: "audit")
        }
        router.get("portfolios/:id") { _, context in
            let auth = try Self.signedIn(context)
            let id = Portfolio.ID(try APIRoutes.id(context))
            let overview = try await backend.views.portfolio(id, auth.caller)
            let imports = (try? await backend.interchange.reports(portfolio: id, auth.caller)) ?? []
            return Pages.portfolio(overview, imports: imports,
                                   mayImport: backend.interchange.mayImport(into: overview.portfolio, auth.caller), auth: auth)
        }
        router.get("projects/:id") { _, context in
            let auth = try Self.signedIn(context)
            let id = Project.ID(try APIRoutes.id(context))
            let header = try await backend.views.projectHeader(id, auth.caller)
            let phases = try await GateUIRoutes.phasesSection(backend, header, auth)
            let stamp = ScheduleStamp(revision: header.revision, projectVersion: header.project.version)
            if let schedule = schedules.value(for: id, at: stamp) {
                return Pages.project(header, schedule, phases: phases, auth: auth)
            }
            let read = try await backend.views.schedule(of: header.project, auth.caller)
            let stored = try await backend.scheduling.stored(id, auth.caller)
            let schedule = Pages.schedule(read, stored: stored, project: header.project)
            // Keyed by the revision the plan was read at; if the stored schedule was read at another one, the
            // next request simply renders again.
            if stored.map({ $0.current == true ? $0.revision == read.revision : true }) ?? true {
                schedules.store(schedule, for: id, at: ScheduleStamp(revision: read.revision, projectVersion: header.project.version))
            }
            return Pages.project(header, schedule, phases: phases, auth: auth)
        }
        router.get("projects/:id/activities/:aid") { _, context in
            let auth = try Self.signedIn(context)
            let id = Project.ID(try APIRoutes.id(context))
            let text = context.parameters.get("aid") ?? ""
            guard let raw = Int64(text), raw > 0 else {
                throw ServiceError(.badRequest, "'\(text)' is not an activity id; ids are positive integers")
            }
            let aid = Activity.ID(raw)
            let header = try await backend.views.projectHeader(id, auth.caller)
            guard let doc = try await backend.scheduling.stored(id, auth.caller) else {
                throw ServiceError(.notFound, "project \(header.project.code) has not been scheduled yet, so there is nothing to explain; reschedule it first")
            }
            guard let row = doc.row(aid) else {
                throw ServiceError(.notFound, "activity \(aid) is not in the stored schedule of project \(header.project.code); it may be new since the schedule was computed (reschedule it) or belong to another project")
            }
            return Pages.activity(header, doc, row, auth: auth)
        }
        router.post("projects/:id/reschedule") { request, context in
            let (auth, id, _) = try await Self.scheduleForm(request, context)
            _ = try await backend.scheduling.schedule(id, auth.caller)
            context.logger.info("rescheduled", metadata: ["project": .stringConvertible(id)])
            return Response(status: .seeOther, headers: [.location: "/projects/\(id)"])
        }
        router.post("projects/:id/level") { request, context in
            let (auth, id, _) = try await Self.scheduleForm(request, context)
            let header = try await backend.views.projectHeader(id, auth.caller)
            let preview = try await backend.scheduling.levelPreview(id, auth.caller)
            return Pages.leveling(header, preview, auth: auth)
        }
        router.post("projects/:id/level/apply") { request, context in
            let (auth, id, form) = try await Self.scheduleForm(request, context)
            guard let preview = Int64(form["preview_id"] ?? ""), preview > 0 else {
                throw ServiceError(.badRequest, "the form names no leveling preview; make a new preview")
            }
            _ = try await backend.scheduling.applyLeveling(id, preview: preview, auth.caller)
            context.logger.info("leveling applied", metadata: ["project": .stringConvertible(id), "preview": .stringConvertible(preview)])
            return Response(status: .seeOther, headers: [.location: "/projects/\(id)"])
        }
        router.post("projects/:id/level/discard") { request, context in
            // A preview changes nothing until applied: discarding it is going back to the project.
            let (_, id, _) = try await Self.scheduleForm(request, context)
            return Response(status: .seeOther, headers: [.location: "/projects/\(id)"])
        }
        router.post("projects/:id/risk") { request, context in
            let (auth, id, _) = try await Self.scheduleForm(request, context)
            let header = try await backend.views.projectHeader(id, auth.caller)
            let risk = try await backend.scheduling.risk(id, iterations: 10_000, seed: 1, auth.caller)
            return Pages.risk(header, risk, auth: auth)
        }
        GateUIRoutes(backend: backend).register(on: router)
    }

    /// A form posted to a project's schedule: the signed-in user, the project id and the fields. A browser
    /// session's form must carry the session's CSRF token (403 otherwise); bearer callers need none.
    static func scheduleForm(_ request: Request, _ context: GantryContext) async throws -> (Authenticated, Project.ID, [String: String]) {
        let (auth, form) = try await postedForm(request, context)
        return (auth, Project.ID(try APIRoutes.id(context)), form)
    }

    /// A posted form with the signed-in user; a browser session's form must carry the session's CSRF token.
    static func postedForm(_ request: Request, _ context: GantryContext) async throws -> (Authenticated, [String: String]) {
        let auth = try signedIn(context)
        let form = try await Self.form(request, context)
        try Self.checkCSRF(form["csrf_token"], of: auth)
        return (auth, form)
    }

    /// A browser form must carry its session's CSRF token (a bearer token needs none).
    static func checkCSRF(_ token: String?, of auth: Authenticated) throws(ServiceError) {
        if case .session(_, let csrf) = auth.via, token != csrf {
            throw ServiceError(.forbidden, "the form is stale or did not come from Gantry (its CSRF token does not match your session); reload the page and try again")
        }
    }

    static func signedIn(_ context: GantryContext) throws -> Authenticated {
        guard let auth = context.auth else { throw ServiceError(.unauthenticated, "sign in to see this page") }
        return auth
    }

    private func loginPage(next: String, username: String, error: String?, status: HTTPResponse.Status = .ok) -> Response {
        let csrf = randomToken()
        var values: [String: Any] = ["csrf": csrf, "next": next, "username": username]
        if let error { values["error"] = error }
        var response = Pages.html("login", values,
                                  title: "Sign in", auth: nil, status: status)
        response.setCookie(Cookie(name: SessionCookie.loginCSRF, value: csrf, maxAge: 3600, path: "/login",
                                  secure: secureCookies, httpOnly: true, sameSite: .strict))
        return response
    }

    /// Only same-site paths: never redirect a signed-in user to another host.
    private func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\") else { return "/portfolios" }
        return next
    }

    /// An `application/x-www-form-urlencoded` body as a dictionary (the last value of a repeated name).
    static func form(_ request: Request, _ context: GantryContext) async throws -> [String: String] {
        var out: [String: String] = [:]
        for (name, value) in try await formPairs(request, context) { out[name] = value }
        return out
    }

    /// The same body as its fields in order, repeated names kept (a group of checkboxes).
    static func formPairs(_ request: Request, _ context: GantryContext) async throws -> [(String, String)] {
        let buffer = try await request.body.collect(upTo: 64 * 1024)
        func decode(_ s: Substring) -> String {
            String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(s)
        }
        return String(buffer: buffer).split(separator: "&").map { pair in
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (decode(kv[0]), kv.count > 1 ? decode(kv[1]) : "")
        }
    }
}

/// 32 random bytes as hex, from the system's secure generator.
func randomToken() -> String {
    var rng = SystemRandomNumberGenerator()
    return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &rng)) }.joined()
}
