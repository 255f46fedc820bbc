import Foundation
import GantryModel
import GantryServices
import GantryStorage
import GantryWeb
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("HTML pages and sessions")
struct UITests {
    /// The value of a `name=value` cookie in Set-Cookie headers, and the whole header line.
    static func cookie(_ name: String, in headers: HTTPFields) -> (value: String, line: String)? {
        for line in headers[values: .setCookie] where line.hasPrefix(name + "=") {
            let value = line.dropFirst(name.count + 1).prefix { $0 != ";" }
            return (String(value), line)
        }
        return nil
    }

    static func hidden(_ name: String, in html: String) -> String? {
        guard let r = html.range(of: #"name="\#(name)" value=""#) else { return nil }
        return String(html[r.upperBound...].prefix { $0 != "\"" })
    }

    @Test("sign in through the form, see the portfolios, sign out")
    func signInFlow() async throws {
        let harness = try await Harness.make()
        try await harness.test { (c: Harness.Client) async throws in
            _ = try await c.create("portfolios", #"{"code":"DIG","name":"Digital <Transformation>"}"#)
            let pages = try await c.send(.get, "/portfolios", as: nil)
            #expect(pages.status == .seeOther)
            #expect(pages.headers[.location] == "/login?next=%2Fportfolios")

            let login = try await c.send(.get, "/login?next=/portfolios", as: nil)
            #expect(login.status == .ok)
            let loginCookie = try #require(Self.cookie("gantry_login_csrf", in: login.headers))
            let formToken = try #require(Self.hidden("csrf_token", in: login.text))
            #expect(formToken == loginCookie.value)
            #expect(login.text.contains(#"<label for="username">"#))

            // Without the CSRF cookie the form is refused.
            let forged = try await c.send(.post, "/login", as: nil, json: nil, headers: [
                .contentType: "application/x-www-form-urlencoded",
            ], body: "csrf_token=\(formToken)&username=admin&password=\(Harness.password.replacingOccurrences(of: " ", with: "+"))")
            #expect(forged.status == .forbidden)
            #expect(Self.cookie("gantry_session", in: forged.headers) == nil)

            let wrong = try await c.send(.post, "/login", as: nil, headers: [
                .contentType: "application/x-www-form-urlencoded", .cookie: "gantry_login_csrf=\(formToken)",
            ], body: "csrf_token=\(formToken)&username=admin&password=wrong")
            #expect(wrong.status == .unauthorized)
            #expect(wrong.text.contains("Wrong username or password"))

            let ok = try await c.send(.post, "/login", as: nil, headers: [
                .contentType: "application/x-www-form-urlencoded", .cookie: "gantry_login_csrf=\(formToken)",
            ], body: "csrf_token=\(formToken)&next=%2Fportfolios&username=admin&password=\(Harness.password.replacingOccurrences(of: " ", with: "+"))")
            #expect(ok.status == .seeOther)
            #expect(ok.headers[.location] == "/portfolios")
            let session = try #require(Self.cookie("gantry_session", in: ok.headers))
            #expect(session.line.contains("HttpOnly"))
            #expect(session.line.contains("SameSite=Lax"))

            let list = try await c.send(.get, "/portfolios", as: nil, headers: [.cookie: "gantry_session=\(session.value)"])
            #expect(list.status == .ok)
            #expect(list.text.contains("Digital &lt;Transformation&gt;"))  // escaped, never raw
            #expect(!list.text.contains("<Transformation>"))
            let csrf = try #require(Self.hidden("csrf_token", in: list.text))

            // A browser session cannot change data through the API without the CSRF header.
            let noHeader = try await c.send(.post, "/api/v1/portfolios", as: nil, json: #"{"code":"X","name":"X"}"#,
                                            headers: [.cookie: "gantry_session=\(session.value)"])
            #expect(noHeader.status == .forbidden)
            let withHeader = try await c.send(.post, "/api/v1/portfolios", as: nil, json: #"{"code":"X","name":"X"}"#,
                                              headers: [.cookie: "gantry_session=\(session.value)", HTTPField.Name("X-CSRF-Token")!: csrf])
            #expect(withHeader.status == .created)

            let staleLogout = try await c.send(.post, "/logout", as: nil, headers: [
                .contentType: "application/x-www-form-urlencoded", .cookie: "gantry_session=\(session.value)",
            ], body: "csrf_token=wrong")
            #expect(staleLogout.status == .forbidden)
            let logout = try await c.send(.post, "/logout", as: nil, headers: [
                .contentType: "application/x-www-form-urlencoded", .cookie: "gantry_session=\(session.value)",
            ], body: "csrf_token=\(csrf)")
            #expect(logout.status == .seeOther)
            let after = try await c.send(.get, "/portfolios", as: nil, headers: [.cookie: "gantry_session=\(session.value)"])
            #expect(after.status == .seeOther)  // the session is gone
        }
    }

    @Test("an unknown username is refused like a wrong password")
    func unknownUser() async throws {
        let harness = try await Harness.make()
        await #expect {
            _ = try await harness.backend.accounts.signIn(username: "nobody", password: "whatever it is")
        } throws: { error in
            (error as? ServiceError)?.code == .unauthenticated && (error as? ServiceError)?.message == "the username or the password is wrong"
        }
        await #expect(throws: ServiceError.self) {
            _ = try await harness.backend.accounts.signIn(username: "admin", password: "whatever it is")
        }
        await harness.store.close()
    }

    @Test("the project page shows the WBS indented, milestones marked, and the links")
    func projectPage() async throws {
        let harness = try await Harness.make()
        let (token, _) = try await harness.backend.accounts.signIn(username: "admin", password: Harness.password)
        try await harness.test { (c: Harness.Client) async throws in
            let pf = try await c.create("portfolios", #"{"code":"PF","name":"Portfolio"}"#)
            let pr = try await c.create("projects", #"{"portfolio_id":\#(pf),"code":"PR-1","name":"Relaunch","state":"active","health":"amber"}"#)
            let s = try await c.create("activities", #"{"project_id":\#(pr),"code":"1","name":"Design phase","kind":"summary"}"#)
            let a = try await c.create("activities", #"{"project_id":\#(pr),"parent_id":\#(s),"code":"1.1","name":"Wireframes","duration":"3d","planned_start":"2026-03-02","planned_finish":"2026-03-04"}"#)
            let m = try await c.create("activities", #"{"project_id":\#(pr),"parent_id":\#(s),"code":"1.M","name":"Design signed off","kind":"milestone"}"#)
            _ = try await c.create("dependencies", #"{"project_id":\#(pr),"predecessor_id":\#(a),"successor_id":\#(m),"type":"FF","lag":"1d"}"#)
            let cookie: HTTPFields = [.cookie: "gantry_session=\(token)"]
            let page = try await c.send(.get, "/projects/\(pr)", as: nil, headers: cookie)
            #expect(page.status == .ok)
            #expect(page.text.contains("Relaunch"))
            #expect(page.text.contains("rag-amber"))
            #expect(page.text.contains("padding-left: 0.70rem\"><strong>Design phase</strong>"))
            #expect(page.text.contains("padding-left: 1.95rem\">Wireframes"))
            #expect(page.text.contains(#"aria-label="Milestone""#))
            #expect(page.text.contains("1.1 FF+1d"))
            #expect(page.text.contains("2026-03-04"))
            // The schedule tables are cached per schedule revision: a change shows at once.
            try await c.send(.patch, "/api/v1/activities/\(a)", json: #"{"name":"Clickable prototype"}"#)
            let again = try await c.send(.get, "/projects/\(pr)", as: nil, headers: cookie)
            #expect(again.text.contains("Clickable prototype"))
            #expect(!again.text.contains("Wireframes"))
            try await c.send(.patch, "/api/v1/projects/\(pr)", json: #"{"name":"Relaunch 2027"}"#)
            #expect(try await c.send(.get, "/projects/\(pr)", as: nil, headers: cookie).text.contains("Relaunch 2027"))
            let portfolio = try await c.send(.get, "/portfolios/\(pf)", as: nil, headers: cookie)
            #expect(portfolio.text.contains("/projects/\(pr)"))
            let missing = try await c.send(.get, "/projects/99999", as: nil, headers: cookie)
            #expect(missing.status == .notFound)
            #expect(missing.text.contains("project 99999 does not exist"))
        }
    }

    @Test("health, readiness, metrics and the stylesheet are served")
    func operations() async throws {
        try await Harness.make().test { (c: Harness.Client) async throws in
            #expect(try await c.send(.get, "/health/live", as: nil).status == .ok)
            let ready = try await c.send(.get, "/health/ready", as: nil)
            #expect(ready.string("database") == "ok")
            let css = try await c.send(.get, "/assets/gantry.css", as: nil)
            #expect(css.headers[.contentType]?.hasPrefix("text/css") == true)
            #expect(try await c.send(.get, "/metrics", as: nil).status == .ok)
        }
    }
}

extension Harness.Client {
    /// Sends a raw body (forms).
    @discardableResult
    func send(_ method: HTTPRequest.Method, _ uri: String, as role: Role?, headers: HTTPFields, body: String) async throws -> Harness.Reply {
        var fields = headers
        if let role { fields[.authorization] = "Bearer \(tokens[role]!)" }
        return Harness.Reply(try await client.execute(uri: uri, method: method, headers: fields, body: ByteBuffer(string: body)))
    }

    @discardableResult
    func send(_ method: HTTPRequest.Method, _ uri: String, as role: Role?, json: String?, headers: HTTPFields, body: String) async throws -> Harness.Reply {
        try await send(method, uri, as: role, headers: headers, body: body)
    }
}
