import Foundation
import GantryModel
import GantryServices
import Hummingbird
import Logging

/// Working calendars in the browser: the list, a calendar's page (its week, its exceptions and what uses it) and
/// forms to create, edit and delete one under the catalog's rules. A week day is written as its intervals
/// (`08:00-12:00, 13:00-17:00`, empty for a day off); an exception is a line `FROM[..TO] | name | intervals | yearly`,
/// with no intervals for a holiday, other intervals for a part day or an extra working day.
struct CalendarPages: Sendable {
    let backend: Backend

    func register(on router: Router<GantryContext>) {
        router.get("calendars") { _, context in
            let auth = try UIRoutes.signedIn(context)
            let calendars = try await backend.catalog.all(WorkCalendar.self, auth.caller, [:]).sorted { $0.name < $1.name }
            let rows: [[String: Any]] = calendars.map { c in
                ["id": c.id.description, "name": c.name, "hours": Self.hours(c.week),
                 "days": Weekday.allCases.filter { !c.week[$0].isEmpty }.map { Self.short($0) }.joined(separator: " "),
                 "exceptions": String(c.exceptions.count)]
            }
            var values: [String: Any] = ["rows": rows, "count": String(calendars.count)]
            if auth.caller.refusal(calendar: .create) == nil { values["mayCreate"] = true }
            return Pages.html("calendarList", values, title: "Calendars", auth: auth, nav: "calendars")
        }
        router.get("calendars/new") { _, context in
            let auth = try UIRoutes.signedIn(context)
            if let refusal = auth.caller.refusal(calendar: .create) { throw ServiceError(.forbidden, refusal) }
            let blank = WorkCalendar(name: "", createdAt: .init(millisecondsSinceEpoch: 0), updatedAt: .init(millisecondsSinceEpoch: 0))
            return formPage(blank, texts: Self.texts(of: blank), isNew: true, auth)
        }
        router.post("calendars/new") { request, context in
            let (auth, form) = try await UIRoutes.postedForm(request, context)
            var draft = WorkCalendar(name: "", createdAt: .init(millisecondsSinceEpoch: 0), updatedAt: .init(millisecondsSinceEpoch: 0))
            var reader = FormReader(form)
            Self.read(&reader, into: &draft)
            let texts = Self.texts(of: draft, form: form)
            guard reader.problems.isEmpty else {
                return formPage(draft, texts: texts, isNew: true, auth, failure: FormFailure(reader.problems))
            }
            let made = draft
            switch try await RecordForms.attempt({ try await backend.catalog.create(made, auth.caller) }) {
            case .success(let saved):
                context.logger.info("calendar created", metadata: ["calendar": .stringConvertible(saved.id)])
                return RecordForms.redirect("/calendars/\(saved.id)")
            case .failure(let failure): return formPage(draft, texts: texts, isNew: true, auth, failure: Self.placed(failure))
            }
        }
        router.get("calendars/:id") { _, context in
            let auth = try UIRoutes.signedIn(context)
            let use = try await backend.records.calendarUse(WorkCalendar.ID(try APIRoutes.id(context)), auth.caller)
            return Self.calendarPage(use, auth)
        }
        router.get("calendars/:id/edit") { _, context in
            let auth = try UIRoutes.signedIn(context)
            let calendar = try await backend.catalog.get(WorkCalendar.self, WorkCalendar.ID(try APIRoutes.id(context)), auth.caller)
            if let refusal = auth.caller.refusal(calendar: .update) { throw ServiceError(.forbidden, refusal) }
            return formPage(calendar, texts: Self.texts(of: calendar), isNew: false, auth)
        }
        router.post("calendars/:id/edit") { request, context in
            let (auth, form) = try await UIRoutes.postedForm(request, context)
            let current = try await backend.catalog.get(WorkCalendar.self, WorkCalendar.ID(try APIRoutes.id(context)), auth.caller)
            var edited = current
            var reader = FormReader(form)
            Self.read(&reader, into: &edited)
            let texts = Self.texts(of: edited, form: form)
            guard reader.problems.isEmpty else {
                return formPage(edited, texts: texts, isNew: false, auth, failure: FormFailure(reader.problems))
            }
            let change = edited
            switch try await RecordForms.attempt({
                try await backend.catalog.update(WorkCalendar.self, current.id, auth.caller, ifVersion: Int(form["version"] ?? "")) {
                    $0.name = change.name; $0.week = change.week; $0.exceptions = change.exceptions
                }
            }) {
            case .success: return RecordForms.redirect("/calendars/\(current.id)")
            case .failure(let failure): return formPage(edited, texts: texts, isNew: false, auth, failure: Self.placed(failure))
            }
        }
        router.post("calendars/:id/delete") { request, context in
            let (auth, form) = try await UIRoutes.postedForm(request, context)
            let id = WorkCalendar.ID(try APIRoutes.id(context))
            let current = try await backend.catalog.get(WorkCalendar.self, id, auth.caller)
            switch try await RecordForms.attempt(lead: "The calendar was not deleted:", {
                try await backend.catalog.delete(WorkCalendar.self, id, auth.caller, ifVersion: Int(form["version"] ?? ""))
            }) {
            case .success: return RecordForms.redirect("/calendars")
            case .failure(var failure):
                // The rule counts what uses the calendar; the page names them.
                if failure.status == .conflict, let use = try? await backend.records.calendarUse(id, auth.caller), use.isUsed {
                    failure.problems = [FieldProblem(field: "", message: failure.message)] + Self.users(of: use)
                }
                return formPage(current, texts: Self.texts(of: current), isNew: false, auth, failure: failure)
            }
        }
    }

    static let weekdays: [(Weekday, String)] = [
        (.monday, "Monday"), (.tuesday, "Tuesday"), (.wednesday, "Wednesday"), (.thursday, "Thursday"),
        (.friday, "Friday"), (.saturday, "Saturday"), (.sunday, "Sunday"),
    ]

    static func short(_ day: Weekday) -> String { String(day.rawValue.prefix(3)).capitalized }

    static func hours(_ week: WeekPattern) -> String {
        let minutes = Weekday.allCases.map { week[$0].map(\.minutes).reduce(0, +) }.reduce(0, +)
        return minutes % 60 == 0 ? "\(minutes / 60) h" : "\(minutes / 60) h \(minutes % 60) min"
    }

    static func ranges(_ ranges: [TimeRange]) -> String { ranges.map(\.description).joined(separator: ", ") }

    /// The form's text for each field: what the user typed when there is a form, else the calendar's.
    static func texts(of c: WorkCalendar, form: [String: String]? = nil) -> [String: String] {
        var t: [String: String] = ["name": c.name, "exceptions": exceptionLines(c.exceptions)]
        for (day, _) in weekdays { t[day.rawValue] = ranges(c.week[day]) }
        if let form { for key in t.keys { if let typed = form[key] { t[key] = typed } } }
        return t
    }

    static func exceptionLines(_ exceptions: [CalendarException]) -> String {
        exceptions.map { e in
            var cells = [e.from == e.to ? e.from.description : "\(e.from)..\(e.to)", e.name]
            if !e.working.isEmpty || e.recurrence != nil { cells.append(ranges(e.working)) }
            if e.recurrence == .yearly { cells.append("yearly") }
            return cells.joined(separator: " | ")
        }.joined(separator: "\n")
    }

    /// Intervals like `08:00-12:00, 13:00-17:00`; each must start before it ends.
    static func parseRanges(_ text: String, field: String, _ r: inout FormReader, what: String) -> [TimeRange] {
        var out: [TimeRange] = []
        for part in text.split(whereSeparator: { $0 == "," || $0 == ";" }) {
            let t = part.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: " ", with: "")
            guard !t.isEmpty else { continue }
            if let range = TimeRange(text: t) { out.append(range) }
            else { r.fail(field, "\(what): '\(t)' is not an interval like 08:00-12:00 with its start before its end") }
        }
        return out
    }

    static func read(_ r: inout FormReader, into c: inout WorkCalendar) {
        if let v = r.text("name") { c.name = v }
        var week = c.week
        for (day, label) in weekdays {
            guard let text = r.text(day.rawValue) else { continue }
            let ranges = parseRanges(text, field: day.rawValue, &r, what: label)
            switch day {
            case .monday: week.monday = ranges
            case .tuesday: week.tuesday = ranges
            case .wednesday: week.wednesday = ranges
            case .thursday: week.thursday = ranges
            case .friday: week.friday = ranges
            case .saturday: week.saturday = ranges
            case .sunday: week.sunday = ranges
            }
        }
        c.week = week
        guard let text = r.form["exceptions"] else { return }
        var exceptions: [CalendarException] = []
        for (i, line) in text.split(whereSeparator: \.isNewline).enumerated() {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard !(cells.count == 1 && cells[0].isEmpty) else { continue }
            let where_ = "line \(i + 1)"
            let dates = cells[0].components(separatedBy: "..").map { $0.trimmingCharacters(in: .whitespaces) }
            guard dates.count <= 2, let from = CalendarDate(iso: dates[0]), let to = CalendarDate(iso: dates.last!) else {
                r.fail("exceptions", "\(where_): '\(cells[0])' is not a date like 2026-12-25 or a run like 2026-12-24..2026-12-31")
                continue
            }
            let name = cells.count > 1 ? cells[1] : ""
            if name.isEmpty { r.fail("exceptions", "\(where_): name the exception (like Christmas Day) after the date and a '|'") }
            let working = cells.count > 2 ? parseRanges(cells[2], field: "exceptions", &r, what: where_) : []
            var recurrence: CalendarException.Recurrence?
            if cells.count > 3 {
                switch cells[3].lowercased() {
                case "yearly": recurrence = .yearly
                case "", "once": recurrence = nil
                default: r.fail("exceptions", "\(where_): '\(cells[3])' is not 'yearly' or 'once'")
                }
            }
            if cells.count > 4 { r.fail("exceptions", "\(where_): at most four parts, date | name | intervals | yearly") }
            exceptions.append(CalendarException(name: name, from: from, to: to, working: working, recurrence: recurrence))
        }
        c.exceptions = exceptions
    }

    /// A service problem about the week (`week`, its message starting with the day) goes beside that day.
    static func placed(_ failure: FormFailure) -> FormFailure {
        var f = failure
        f.problems = failure.problems.map { p in
            guard p.field == "week", let day = Weekday.allCases.first(where: { p.message.hasPrefix($0.rawValue + ":") }) else { return p }
            return FieldProblem(field: day.rawValue, message: p.message)
        }
        return f
    }

    static func users(of use: CalendarUse) -> [FieldProblem] {
        var out: [FieldProblem] = []
        if !use.projects.isEmpty {
            out.append(FieldProblem(field: "projects", message: use.projects.map { "\($0.code) \($0.name)" }.joined(separator: ", ")))
        }
        if !use.activities.isEmpty {
            out.append(FieldProblem(field: "activities", message: use.activities.map {
                "\($0.project?.code ?? "?") \($0.activity.code) \($0.activity.name)"
            }.joined(separator: ", ")))
        }
        if !use.resources.isEmpty {
            out.append(FieldProblem(field: "resources", message: use.resources.map(\.name).joined(separator: ", ")))
        }
        return out
    }

    func formPage(_ c: WorkCalendar, texts: [String: String], isNew: Bool, _ auth: Authenticated,
                  failure: FormFailure? = nil) -> Response {
        var fields = [FormField(name: "name", label: "Name", value: texts["name"] ?? "", hint: "Unique among calendars")]
        for (day, label) in Self.weekdays {
            fields.append(FormField(name: day.rawValue, label: label, value: texts[day.rawValue] ?? "",
                                    hint: day == .monday ? "Working intervals, like 08:00-12:00, 13:00-17:00; empty for a day off" : nil,
                                    aliases: []))
        }
        fields.append(FormField(
            name: "exceptions", label: "Exceptions", value: texts["exceptions"] ?? "", input: .area,
            hint: "One a line: FROM[..TO] | name | intervals | yearly. No intervals: a holiday (2026-12-25 | Christmas Day | | yearly); intervals: a part day or an extra working day (2026-12-24 | Christmas Eve | 08:00-12:00)"))
        var page = RecordFormPage(
            title: isNew ? "New calendar" : "Edit calendar \(c.name)",
            crumbs: [("Calendars", "/calendars")] + (isNew ? [] : [(c.name, "/calendars/\(c.id)")]),
            here: isNew ? "New calendar" : "Edit",
            action: isNew ? "/calendars/new" : "/calendars/\(c.id)/edit", formId: "calendar-form",
            submit: isNew ? "Create calendar" : "Save calendar", fields: fields, nav: "calendars")
        if !isNew {
            page.version = c.version
            if auth.caller.refusal(calendar: .delete) == nil { page.deleteAction = "/calendars/\(c.id)/delete"; page.deleteLabel = "Delete calendar" }
        }
        return page.render(auth, failure: failure)
    }

    static func calendarPage(_ use: CalendarUse, _ auth: Authenticated) -> Response {
        let c = use.calendar
        var values: [String: Any] = [
            "id": c.id.description, "name": c.name, "hours": hours(c.week),
            "week": weekdays.map { day, label in ["day": label, "ranges": ranges(c.week[day]).isEmpty ? "not worked" : ranges(c.week[day])] },
            "exceptions": c.exceptions.map { e -> [String: Any] in
                ["exName": e.name, "from": e.from.description, "to": e.to.description,
                 "kind": e.working.isEmpty ? "holiday (not worked)" : "worked \(ranges(e.working))",
                 "repeats": e.recurrence == .yearly ? "every year" : "once"]
            },
            "projects": use.projects.map { ["projectId": $0.id.description, "projectCode": $0.code, "projectName": $0.name] },
            "activities": use.activities.map { a, p -> [String: Any] in
                ["projectId": a.projectId.description, "projectCode": p?.code ?? "?", "activityCode": a.code, "activityName": a.name]
            },
            "resources": use.resources.map { ["resourceId": $0.id.description, "resourceName": $0.name] },
        ]
        if !c.exceptions.isEmpty { values["hasExceptions"] = true }
        if use.isUsed { values["used"] = true }
        if auth.caller.refusal(calendar: .update) == nil { values["mayEdit"] = true }
        return Pages.html("calendarPage", values, title: c.name, auth: auth, nav: "calendars")
    }
}
