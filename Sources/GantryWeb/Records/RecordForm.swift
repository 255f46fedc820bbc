import Foundation
import GantryModel
import GantryServices
import Hummingbird

/// One field of a record form: its API name (so a service's field problem lands beside it), label, current text
/// and kind of input. `aliases` are other names the services use for it (`cost_rate_minor` for `cost_rate`).
struct FormField {
    enum Input {
        case text, area
        case select([(value: String, label: String)])
    }

    var name: String
    var label: String
    var value: String
    var input: Input = .text
    var hint: String? = nil
    /// Why the field cannot be changed by this user; the field is shown disabled with the reason.
    var disabledBecause: String? = nil
    var aliases: [String] = []
    var placeholder: String? = nil

    func values(error: String?) -> [String: Any] {
        // Only non-empty keys: Mustache shows a section for an empty string, and looks a missing key up outside.
        var v: [String: Any] = ["fName": name, "fLabel": label]
        if !value.isEmpty { v["fValue"] = value }
        switch input {
        case .text: v["fInput"] = true
        case .area: v["fArea"] = true
        case .select(let options):
            v["fSelect"] = true
            v["fOptions"] = options.map { o -> [String: Any] in
                var d: [String: Any] = ["oLabel": o.label]
                if !o.value.isEmpty { d["oValue"] = o.value }
                if o.value == value { d["oSelected"] = true }
                return d
            }
        }
        if let hint = disabledBecause ?? hint, !hint.isEmpty { v["fHint"] = hint }
        if disabledBecause != nil { v["fDisabled"] = true }
        if let placeholder { v["fPlaceholder"] = placeholder }
        if let error, !error.isEmpty { v["fError"] = error }
        return v
    }
}

/// A page holding one record form (new or edit), with the errors of the last attempt beside their fields and, for an
/// existing record, its close and delete buttons. Rendered by the `recordForm` template.
struct RecordFormPage {
    var title: String
    var crumbs: [(label: String, href: String)]
    var here: String
    var action: String
    var formId: String
    var submit: String
    var fields: [FormField]
    var version: Int? = nil
    var notes: [String] = []
    var closeAction: String? = nil
    var closeLabel: String = "Close"
    var deleteAction: String? = nil
    var deleteLabel: String = "Delete"
    var nav: String = "portfolios"

    func render(_ auth: Authenticated, failure: FormFailure? = nil) -> Response {
        let problems = failure?.problems ?? []
        var byField: [String: String] = [:]
        for p in problems {
            // `exceptions[2].to` and `skills[0]` belong beside the field they index into.
            let base = String(p.field.prefix { $0 != "[" && $0 != "." })
            for key in [p.field, base] where byField[key] == nil { byField[key] = p.message }
        }
        let fieldValues = fields.map { f in
            f.values(error: ([f.name] + f.aliases).lazy.compactMap { byField[$0] }.first)
        }
        var values: [String: Any] = [
            "crumbs": crumbs.map { ["crumbLabel": $0.label, "crumbHref": $0.href] },
            "here": here, "heading": title, "action": action, "formId": formId, "submit": submit,
            "fields": fieldValues, "csrf": RecordForms.csrf(auth),
            "notes": notes.map { ["noteText": $0] },
        ]
        if let version { values["version"] = String(version) }
        if let closeAction { values["closeAction"] = closeAction; values["closeLabel"] = closeLabel }
        if let deleteAction { values["deleteAction"] = deleteAction; values["deleteLabel"] = deleteLabel }
        if let failure {
            values["hasProblems"] = true
            values["problemLead"] = failure.lead
            values["problems"] = (problems.isEmpty ? [FieldProblem(field: "", message: failure.message)] : problems).map {
                p -> [String: Any] in
                var d: [String: Any] = ["problemMessage": p.message]
                if !p.field.isEmpty { d["problemField"] = p.field }
                return d
            }
        }
        return Pages.html("recordForm", values, title: title, auth: auth, status: failure?.status ?? .ok, nav: nav)
    }
}

/// Why a form was not saved: the fields at fault (or one message), and the status the page answers with.
struct FormFailure: Error {
    var message: String
    var problems: [FieldProblem]
    var status: HTTPResponse.Status
    var lead: String = "Nothing was saved:"

    init(_ problems: [FieldProblem]) {
        self.message = problems.map { "\($0.field): \($0.message)" }.joined(separator: "; ")
        self.problems = problems
        self.status = .unprocessableContent
    }

    init(_ error: ServiceError, lead: String = "Nothing was saved:") {
        message = error.message
        problems = error.problems
        status = error.code.httpStatus
        self.lead = lead
    }
}

/// Reading a record form's text into values, collecting a problem per field that does not read.
struct FormReader {
    let form: [String: String]
    var problems: [FieldProblem] = []

    init(_ form: [String: String]) { self.form = form }

    /// The trimmed text of a field, or nil when the form does not carry it (a disabled field).
    func text(_ key: String) -> String? { form[key].map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } }

    mutating func fail(_ field: String, _ message: String) { problems.append(FieldProblem(field: field, message: message)) }

    /// An optional reference: nil when not sent, `.some(nil)` when chosen "none".
    mutating func id<E: Entity>(_ key: String, _ type: E.Type) -> E.ID?? {
        guard let text = text(key) else { return nil }
        if text.isEmpty { return .some(nil) }
        guard let n = Int64(text), n > 0 else { fail(key, "'\(text)' is not a \(E.kindName) id"); return nil }
        return .some(E.ID(n))
    }

    /// An optional date written YYYY-MM-DD: nil when not sent, `.some(nil)` when empty.
    mutating func date(_ key: String) -> CalendarDate?? {
        guard let text = text(key) else { return nil }
        if text.isEmpty { return .some(nil) }
        guard let d = CalendarDate(iso: text) else { fail(key, "'\(text)' is not a date like 2027-01-31"); return nil }
        return .some(d)
    }

    mutating func oneOf<T: RawRepresentable>(_ key: String, _ type: T.Type) -> T? where T.RawValue == String, T: CaseIterable {
        guard let text = text(key) else { return nil }
        guard let v = T(rawValue: text) else {
            fail(key, "'\(text)' is not one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
            return nil
        }
        return v
    }
}

enum RecordForms {
    static func csrf(_ auth: Authenticated) -> String {
        if case .session(_, let token) = auth.via { token } else { "" }
    }

    /// Runs a write; a refusal the user can act on becomes a `FormFailure` (the page shows it), anything else
    /// goes on to the error page.
    static func attempt<T>(lead: String = "Nothing was saved:", _ body: () async throws -> T) async throws -> Result<T, FormFailure> {
        do {
            return .success(try await body())
        } catch let error as ServiceError where [.invalid, .forbidden, .conflict, .versionMismatch, .badRequest].contains(error.code) {
            return .failure(FormFailure(error, lead: lead))
        }
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }

    static func userOptions(_ users: [User], none: String = "— nobody —") -> [(value: String, label: String)] {
        [("", none)] + users.sorted { $0.displayName < $1.displayName }.map {
            ($0.id.description, "\($0.displayName) (\($0.role.title))")
        }
    }

    static func stateOptions() -> [(value: String, label: String)] {
        LifecycleState.allCases.map { ($0.rawValue, $0.rawValue.replacingOccurrences(of: "_", with: " ")) }
    }
}
