import Foundation
import GantryModel
import GantryServices
import Hummingbird

/// The in-app inbox: what waits for the signed-in user, as JSON (`GET /api/v1/inbox`) and as a page (`/inbox`).
struct InboxRoutes: Sendable {
    let backend: Backend

    func register(api: RouterGroup<GantryContext>) {
        api.get("inbox") { _, context in
            let items = try await backend.inbox.items(try context.caller())
            return try Wire.response(Items(items: items))
        }
    }

    func register(ui router: Router<GantryContext>) {
        router.get("inbox") { _, context in
            let auth = try UIRoutes.signedIn(context)
            let items = try await backend.inbox.items(auth.caller)
            let rows: [[String: Any]] = items.map {
                ["kind": $0.kind.replacingOccurrences(of: "_", with: " "), "title": $0.title, "detail": $0.detail,
                 "href": $0.href, "due": $0.due?.description ?? "", "overdue": $0.overdue]
            }
            return Pages.html("inbox", ["items": rows, "hasItems": !rows.isEmpty, "count": rows.count],
                              title: "Inbox", auth: auth, nav: "inbox")
        }
    }

    struct Items: Encodable { var items: [Inbox.Item] }

    static func openAPIPaths() -> [String: JSONValue] {
        let item: JSONValue = .object(["type": "object", "properties": .object([
            "kind": .object(["type": "string", "enum": .array(["request_review", "request_decision", "request_draft",
                                                                "request_on_hold", "gate_decision", "report_due",
                                                                "report_review", "report_returned", "change_approval", "change_deferred",
                                                                "lessons_due"])]),
            "title": ["type": "string"], "detail": ["type": "string"], "href": ["type": "string"],
            "record": ["type": "string"], "record_id": ["type": "integer"],
            "due": .object(["type": .array(["string", "null"])]), "overdue": ["type": "boolean"],
        ])])
        return ["/api/v1/inbox": .object(["get": .object([
            "summary": "What waits for you: requests to review or finish, gates to decide, status reports to write, review or rework, change requests to approve; overdue first",
            "operationId": "inbox", "tags": ["inbox"],
            "responses": .object(["200": OpenAPI.response("The items", .object(["type": "object", "properties": .object([
                "items": .object(["type": "array", "items": item]),
            ])]))]),
        ])])]
    }
}

extension Templates {
    static let inbox = """
        <h1>Inbox</h1>
        {{^hasItems}}<p id="inbox-empty">Nothing waits for you.</p>{{/hasItems}}
        {{#hasItems}}
        <p>{{count}} things wait for you, overdue first.</p>
        <table class="grid" id="inbox">
          <thead><tr><th scope="col">What</th><th scope="col">About</th><th scope="col">Why</th><th scope="col">Due</th></tr></thead>
          <tbody>
          {{#items}}<tr class="inbox-item{{#overdue}} overdue{{/overdue}}"><td>{{kind}}</td><td><a href="{{href}}">{{title}}</a></td><td>{{detail}}</td><td class="date">{{due}}{{#overdue}} <strong>overdue</strong>{{/overdue}}</td></tr>{{/items}}
          </tbody>
        </table>
        {{/hasItems}}
        """
}
