import Foundation
import GantryModel
import GantryAnalytics
import GantryServices
import GantryGovernance
import Hummingbird

/// The money pages (issue #15): a person's timesheet week, the approvals queue, a project's budget, funding,
/// expenses and spend, its earned value with the S-curve, a portfolio's money and earned value, and the PMO's
/// finance settings (closed months, exchange rates, cost rates over time). Forms only; no script.
struct MoneyPages: Sendable {
    let backend: Backend

    func register(on router: Router<GantryContext>) {
        let backend = self.backend
        router.get("timesheets") { request, context in
            let auth = try UIRoutes.signedIn(context)
            let q = request.uri.queryParameters
            var reader = FormReader(["week": q.get("week") ?? "", "resource_id": q.get("resource_id") ?? ""])
            let week = (reader.date("week") ?? nil) ?? MoneyRoutes.today()
            let rid = reader.id("resource_id", Resource.self) ?? nil
            return try await Self.weekPage(backend, auth, resource: rid, week: week, saved: q.get("saved"))
        }
        router.post("timesheets") { request, context in
            let (auth, form) = try await UIRoutes.postedForm(request, context)
            var reader = FormReader(form)
            let week = (reader.date("week") ?? nil) ?? MoneyRoutes.today()
            let rid = try await MoneyRoutes.resource((reader.id("resource_id", Resource.self) ?? nil)?.rawValue, backend, auth.caller)
            let rows = Self.rows(form, &reader)
            guard reader.problems.isEmpty else {
                return try await Self.weekPage(backend, auth, resource: rid, week: week, failure: FormFailure(reader.problems))
            }
            let action = form["action"] ?? "save"
            let outcome = try await RecordForms.attempt(lead: action == "submit" ? "The week was not submitted:" : "The week was not saved:") { () -> String in
                try await backend.timesheets.save(rid, week: week, rows: rows, auth.caller)
                switch action {
                case "submit":
                    let n = try await backend.timesheets.submit(rid, week: week, auth.caller)
                    return "Submitted \(n) line\(n == 1 ? "" : "s") for approval."
                case "prefill":
                    let n = try await backend.timesheets.prefill(rid, week: week, auth.caller)
                    return n == 0 ? "Nothing to add: every planned activity of the week has a line." : "Added \(n) line\(n == 1 ? "" : "s") from the plan; check the hours and save."
                default: return "Saved."
                }
            }
            switch outcome {
            case .success(let message):
                return RecordForms.redirect("/timesheets?week=\(Timesheets.monday(of: week))&resource_id=\(rid)&saved=\(PlanEditorUIRoutes.query(message))")
            case .failure(let failure):
                return try await Self.weekPage(backend, auth, resource: rid, week: week, failure: failure)
            }
        }
        router.get("approvals") { request, context in
            let auth = try UIRoutes.signedIn(context)
            return try await Self.approvalsPage(backend, auth, done: request.uri.queryParameters.get("done"))
        }
        router.post("approvals") { request, context in
            let auth = try UIRoutes.signedIn(context)
            let pairs = try await UIRoutes.formPairs(request, context)
            var form: [String: String] = [:]
            for (k, v) in pairs { form[k] = v }
            try UIRoutes.checkCSRF(form["csrf_token"], of: auth)
            let lines = pairs.filter { $0.0 == "line" }.compactMap { Int64($0.1) }.map { TimesheetLine.ID($0) }
            let expenses = pairs.filter { $0.0 == "expense" }.compactMap { Int64($0.1) }.map { Expense.ID($0) }
            if lines.isEmpty && expenses.isEmpty {
                return try await Self.approvalsPage(backend, auth, failure: FormFailure([FieldProblem(field: "line", message: "select the lines or expenses to decide")]))
            }
            let reject = form["decision"] == "reject"
            let decision: Timesheets.Decision = reject ? .reject(reason: form["reason"] ?? "") : .approve
            switch try await RecordForms.attempt(lead: "Nothing was decided:", { try await backend.timesheets.decide(lines: lines, expenses: expenses, decision, auth.caller) }) {
            case .success:
                let n = lines.count + expenses.count
                return RecordForms.redirect("/approvals?done=\(PlanEditorUIRoutes.query("\(reject ? "Rejected" : "Approved") \(n) item\(n == 1 ? "" : "s")."))")
            case .failure(let failure): return try await Self.approvalsPage(backend, auth, failure: failure)
            }
        }
        router.post("approvals/delegates") { request, context in
            let (auth, form) = try await UIRoutes.postedForm(request, context)
            var reader = FormReader(form)
            let delegator = (reader.id("delegator_id", User.self) ?? nil) ?? auth.user.id
            let delegate = reader.id("delegate_id", User.self) ?? nil
            let starts = (reader.date("starts") ?? nil) ?? MoneyRoutes.today()
            let ends = reader.date("ends") ?? nil
            if delegate == nil && reader.problems.isEmpty { reader.fail("delegate_id", "choose who stands in for you") }
            guard reader.problems.isEmpty, let delegate else {
                return try await Self.approvalsPage(backend, auth, failure: FormFailure(reader.problems))
            }
            let t = Specs.epoch
            switch try await RecordForms.attempt(lead: "No stand-in was named:", {
                try await backend.catalog.create(ApprovalDelegation(delegatorId: delegator, delegateId: delegate, starts: starts, ends: ends,
                                                                    note: reader.text("note") ?? "", createdAt: t, updatedAt: t), auth.caller)
            }) {
            case .success: return RecordForms.redirect("/approvals?done=\(PlanEditorUIRoutes.query("Stand-in named."))#delegates-title")
            case .failure(let failure): return try await Self.approvalsPage(backend, auth, failure: failure)
            }
        }
        router.post("approvals/delegates/:id/remove") { request, context in
            let (auth, _) = try await UIRoutes.postedForm(request, context)
            let id = ApprovalDelegation.ID(try APIRoutes.id(context))
            switch try await RecordForms.attempt(lead: "The stand-in was not removed:", {
                try await backend.catalog.delete(ApprovalDelegation.self, id, auth.caller)
            }) {
            case .success: return RecordForms.redirect("/approvals?done=\(PlanEditorUIRoutes.query("Stand-in removed."))#delegates-title")
            case .failure(let failure): return try await Self.approvalsPage(backend, auth, failure: failure)
            }
        }
        router.post("approvals/progress") { request, context in
            let (auth, form) = try await UIRoutes.postedForm(request, context)
            var reader = FormReader(form)
            guard let activity = reader.id("activity_id", Activity.self) ?? nil else {
                return try await Self.approvalsPage(backend, auth, failure: FormFailure([FieldProblem(field: "activity_id", message: "name the activity")]))
            }
            let percent = reader.text("percent_complete") ?? ""
            switch try await RecordForms.attempt(lead: "The progress was not recorded:", {
                try await backend.plans.edit(activity, cells: ["percent_complete": percent], ifVersion: nil, auth.caller) }) {
            case .success: return RecordForms.redirect("/approvals?done=\(PlanEditorUIRoutes.query("Recorded \(percent)% complete."))#progress-title")
            case .failure(let failure): return try await Self.approvalsPage(backend, auth, failure: failure)
            }
        }
        router.get("projects/:id/money") { _, context in
            let auth = try UIRoutes.signedIn(context)
            return try await Self.moneyPage(backend, Project.ID(try APIRoutes.id(context)), auth)
        }
        router.post("projects/:id/money/budget") { request, context in
            let (auth, form) = try await UIRoutes.postedForm(request, context)
            let id = Project.ID(try APIRoutes.id(context))
            let project = try await backend.catalog.get(Project.self, id, auth.caller)
            var reader = FormReader(form)
            let month = Self.month(&reader, "month")
            let amount = Self.amount(&reader, "amount", project.currency)
            guard reader.problems.isEmpty, let month, let amount else {
                return try await Self.moneyPage(backend, id, auth, failure: FormFailure(reader.problems))
            }
            let t = Specs.epoch
            let line = BudgetLine(projectId: id, budgetVersion: reader.oneOf("budget_version", BudgetVersion.self) ?? .current, month: month,
                                  costType: reader.oneOf("cost_type", CostType.self) ?? .labour,
                                  expenditure: reader.oneOf("expenditure", Expenditure.self) ?? .operating,
                                  amountMinor: amount.minorUnits, currency: project.currency, note: reader.text("note") ?? "", createdAt: t, updatedAt: t)
            switch try await RecordForms.attempt(lead: "The budget line was not added:", { try await backend.catalog.create(line, auth.caller) }) {
            case .success: return RecordForms.redirect("/projects/\(id)/money#budget-title")
            case .failure(let failure): return try await Self.moneyPage(backend, id, auth, failure: failure)
            }
        }
        router.post("projects/:id/money/budget/:line/delete") { request, context in
            let (auth, _) = try await UIRoutes.postedForm(request, context)
            let id = Project.ID(try APIRoutes.id(context))
            switch try await RecordForms.attempt(lead: "The budget line was not removed:", {
                try await backend.catalog.delete(BudgetLine.self, BudgetLine.ID(try APIRoutes.id(context, "line")), auth.caller) }) {
            case .success: return RecordForms.redirect("/projects/\(id)/money#budget-title")
            case .failure(let failure): return try await Self.moneyPage(backend, id, auth, failure: failure)
            }
        }
        router.post("projects/:id/money/funding") { request, context in
            let (auth, form) = try await UIRoutes.postedForm(request, context)
            let id = Project.ID(try APIRoutes.id(context))
            let project = try await backend.catalog.get(Project.self, id, auth.caller)
            var reader = FormReader(form)
            let amount = Self.amount(&reader, "amount", project.currency)
            let from = reader.date("available_from") ?? nil
            if from == nil { reader.fail("available_from", "the day the money is available is needed, like 2027-01-01") }
            guard reader.problems.isEmpty, let amount, let from else {
                return try await Self.moneyPage(backend, id, auth, failure: FormFailure(reader.problems))
            }
            let t = Specs.epoch
            let source = FundingSource(projectId: id, funder: reader.text("funder") ?? "", amountMinor: amount.minorUnits,
                                       currency: project.currency, availableFrom: from, note: reader.text("note") ?? "", createdAt: t, updatedAt: t)
            switch try await RecordForms.attempt(lead: "The funding was not added:", { try await backend.catalog.create(source, auth.caller) }) {
            case .success: return RecordForms.redirect("/projects/\(id)/money#funding-title")
            case .failure(let failure): return try await Self.moneyPage(backend, id, auth, failure: failure)
            }
        }
        router.post("projects/:id/money/funding/:source/delete") { request, context in
            let (auth, _) = try await UIRoutes.postedForm(request, context)
            let id = Project.ID(try APIRoutes.id(context))
            try await backend.catalog.delete(FundingSource.self, FundingSource.ID(try APIRoutes.id(context, "source")), auth.caller)
            return RecordForms.redirect("/projects/\(id)/money#funding-title")
        }
        router.post("projects/:id/money/expenses") { request, context in
            let (auth, form) = try await UIRoutes.postedForm(request, context)
            let id = Project.ID(try APIRoutes.id(context))
            let project = try await backend.catalog.get(Project.self, id, auth.caller)
            var reader = FormReader(form)
            let amount = Self.amount(&reader, "amount", project.currency)
            let day = reader.date("spent_on") ?? nil
            if day == nil { reader.fail("spent_on", "the day of the expense is needed, like 2027-01-31") }
            let activity = reader.id("activity_id", Activity.self) ?? nil
            guard reader.problems.isEmpty, let amount, let day else {
                return try await Self.moneyPage(backend, id, auth, failure: FormFailure(reader.problems))
            }
            let t = Specs.epoch
            let expense = Expense(projectId: id, activityId: activity, spentOn: day, amountMinor: amount.minorUnits, currency: project.currency,
                                  costType: reader.oneOf("cost_type", CostType.self) ?? .other,
                                  expenditure: reader.oneOf("expenditure", Expenditure.self) ?? .operating,
                                  description: reader.text("description") ?? "", submittedBy: auth.user.id, createdAt: t, updatedAt: t)
            switch try await RecordForms.attempt(lead: "The expense was not submitted:", { try await backend.catalog.create(expense, auth.caller) }) {
            case .success: return RecordForms.redirect("/projects/\(id)/money#expense-list-title")
            case .failure(let failure): return try await Self.moneyPage(backend, id, auth, failure: failure)
            }
        }
        router.get("projects/:id/evm") { request, context in
            let auth = try UIRoutes.signedIn(context)
            let q = request.uri.queryParameters
            var reader = FormReader(["as_of": q.get("as_of") ?? "", "baseline_id": q.get("baseline_id") ?? ""])
            let asOf = reader.date("as_of") ?? nil
            let baseline = reader.id("baseline_id", Baseline.self) ?? nil
            return try await Self.evmPage(backend, Project.ID(try APIRoutes.id(context)), asOf: asOf, baseline: baseline, auth,
                                          failure: reader.problems.isEmpty ? nil : FormFailure(reader.problems))
        }
        router.post("projects/:id/evm/snapshot") { request, context in
            let (auth, form) = try await UIRoutes.postedForm(request, context)
            let id = Project.ID(try APIRoutes.id(context))
            var reader = FormReader(form)
            let asOf = reader.date("as_of") ?? nil
            switch try await RecordForms.attempt(lead: "Earned value was not recorded:", { try await backend.money.recordSnapshot(id, asOf: asOf, auth.caller) }) {
            case .success: return RecordForms.redirect("/projects/\(id)/evm\(asOf.map { "?as_of=\($0)" } ?? "")#s-curve")
            case .failure(let failure): return try await Self.evmPage(backend, id, asOf: asOf, baseline: nil, auth, failure: failure)
            }
        }
        router.post("projects/:id/evm/performance") { request, context in
            let (auth, form) = try await UIRoutes.postedForm(request, context)
            let id = Project.ID(try APIRoutes.id(context))
            var reader = FormReader(form)
            guard let baseline = reader.id("baseline_id", Baseline.self) ?? nil else {
                return try await Self.evmPage(backend, id, asOf: nil, baseline: nil, auth, failure: FormFailure([FieldProblem(field: "baseline_id", message: "choose a baseline")]))
            }
            switch try await RecordForms.attempt(lead: "The performance baseline did not change:", {
                try await backend.catalog.update(Baseline.self, baseline, auth.caller) { $0.performance = true } }) {
            case .success: return RecordForms.redirect("/projects/\(id)/evm")
            case .failure(let failure): return try await Self.evmPage(backend, id, asOf: nil, baseline: baseline, auth, failure: failure)
            }
        }
        router.get("portfolios/:id/money") { request, context in
            let auth = try UIRoutes.signedIn(context)
            var reader = FormReader(["as_of": request.uri.queryParameters.get("as_of") ?? "",
                                     "program_id": request.uri.queryParameters.get("program_id") ?? ""])
            return try await Self.portfolioPage(backend, Portfolio.ID(try APIRoutes.id(context)),
                                                program: reader.id("program_id", Program.self) ?? nil, asOf: reader.date("as_of") ?? nil, auth)
        }
        router.get("finance") { _, context in
            try await Self.financePage(backend, try UIRoutes.signedIn(context))
        }
        router.post("finance/closed") { request, context in
            let (auth, form) = try await UIRoutes.postedForm(request, context)
            var reader = FormReader(form)
            guard let month = Self.month(&reader, "month") else { return try await Self.financePage(backend, auth, failure: FormFailure(reader.problems)) }
            let t = Specs.epoch
            return try await Self.financeWrite(backend, auth, lead: "The month was not closed:") {
                _ = try await backend.catalog.create(ClosedPeriod(month: month, note: reader.text("note") ?? "", createdAt: t, updatedAt: t), auth.caller)
            }
        }
        router.post("finance/closed/:id/reopen") { request, context in
            let (auth, _) = try await UIRoutes.postedForm(request, context)
            let id = ClosedPeriod.ID(try APIRoutes.id(context))
            return try await Self.financeWrite(backend, auth, lead: "The month was not reopened:") {
                try await backend.catalog.delete(ClosedPeriod.self, id, auth.caller)
            }
        }
        router.post("finance/rates") { request, context in
            let (auth, form) = try await UIRoutes.postedForm(request, context)
            var reader = FormReader(form)
            let month = Self.month(&reader, "month")
            let from = Self.currency(&reader, "from_currency"), to = Self.currency(&reader, "to_currency")
            guard reader.problems.isEmpty, let month, let from, let to else {
                return try await Self.financePage(backend, auth, failure: FormFailure(reader.problems))
            }
            let t = Specs.epoch
            return try await Self.financeWrite(backend, auth, lead: "The rate was not added:") {
                _ = try await backend.catalog.create(ExchangeRate(month: month, fromCurrency: from, toCurrency: to, rate: reader.text("rate") ?? "",
                                                                  createdAt: t, updatedAt: t), auth.caller)
            }
        }
        router.post("finance/rates/:id/delete") { request, context in
            let (auth, _) = try await UIRoutes.postedForm(request, context)
            let id = ExchangeRate.ID(try APIRoutes.id(context))
            return try await Self.financeWrite(backend, auth, lead: "The rate was not removed:") {
                try await backend.catalog.delete(ExchangeRate.self, id, auth.caller)
            }
        }
        router.post("finance/cost-rates") { request, context in
            let (auth, form) = try await UIRoutes.postedForm(request, context)
            var reader = FormReader(form)
            let currency = Self.currency(&reader, "currency") ?? .eur
            let rate = Self.amount(&reader, "rate", currency)
            let from = reader.date("effective_from") ?? nil
            if from == nil { reader.fail("effective_from", "the day the rate takes effect is needed, like 2027-07-01") }
            let resource = reader.id("resource_id", Resource.self) ?? nil
            guard reader.problems.isEmpty, let rate, let from else {
                return try await Self.financePage(backend, auth, failure: FormFailure(reader.problems))
            }
            let t = Specs.epoch
            return try await Self.financeWrite(backend, auth, lead: "The cost rate was not added:") {
                _ = try await backend.catalog.create(CostRate(resourceId: resource, role: resource == nil ? reader.text("role") ?? "" : "",
                                                              effectiveFrom: from, rateMinor: rate.minorUnits, currency: currency,
                                                              createdAt: t, updatedAt: t), auth.caller)
            }
        }
        router.post("finance/cost-rates/:id/delete") { request, context in
            let (auth, _) = try await UIRoutes.postedForm(request, context)
            let id = CostRate.ID(try APIRoutes.id(context))
            return try await Self.financeWrite(backend, auth, lead: "The cost rate was not removed:") {
                try await backend.catalog.delete(CostRate.self, id, auth.caller)
            }
        }
    }

    // MARK: reading forms

    /// The week's rows from the form: `what_N` ("a:<activity id>" or "c:<category>"), `line_N`, `d_N_0` … `d_N_6`
    /// in hours ("7.5" or "7:30").
    static func rows(_ form: [String: String], _ reader: inout FormReader) -> [Timesheets.Row] {
        let count = min(Int(form["rows"] ?? "") ?? 0, 200)
        var rows: [Timesheets.Row] = []
        for i in 0..<count {
            let what = form["what_\(i)"] ?? ""
            let lineId = form["line_\(i)"].flatMap { Int64($0) }.map { TimesheetLine.ID($0) }
            var minutes: [Int] = []
            for d in 0..<7 {
                let text = (form["d_\(i)_\(d)"] ?? "").trimmingCharacters(in: .whitespaces)
                if let m = hoursToMinutes(text) { minutes.append(m) } else {
                    reader.fail("d_\(i)_\(d)", "row \(i + 1), \(dayNames[d]): '\(text)' is not hours like 7.5 or 7:30")
                    minutes.append(0)
                }
            }
            if what.isEmpty {
                if minutes.contains(where: { $0 > 0 }) { reader.fail("what_\(i)", "row \(i + 1): choose the activity or kind of time for these hours") }
                continue
            }
            var row = Timesheets.Row(lineId: lineId, minutes: minutes)
            if what.hasPrefix("a:"), let parts = Optional(what.dropFirst(2).split(separator: "/")), parts.count == 2,
               let p = Int64(parts[0]), let a = Int64(parts[1]) {
                row.projectId = Project.ID(p); row.activityId = Activity.ID(a)
            } else if what.hasPrefix("c:"), let c = TimeCategory(rawValue: String(what.dropFirst(2))) {
                row.category = c
            } else {
                reader.fail("what_\(i)", "row \(i + 1): '\(what)' is not an activity or a kind of time")
                continue
            }
            rows.append(row)
        }
        return rows
    }

    static let dayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    /// "7.5" → 450, "7:30" → 450, "" → 0; nil when it does not read or is over 24 h.
    static func hoursToMinutes(_ text: String) -> Int? {
        if text.isEmpty { return 0 }
        if text.contains(":") {
            let p = text.split(separator: ":", omittingEmptySubsequences: false)
            guard p.count == 2, let h = Int(p[0]), let m = Int(p[1]), h >= 0, (0..<60).contains(m), h * 60 + m <= 1440 else { return nil }
            return h * 60 + m
        }
        guard let d = Decimal(string: text), d >= 0, d <= 24, text.allSatisfy({ $0.isNumber || $0 == "." }) else { return nil }
        return Int(truncating: DecimalRounding.halfEven(d * 60, places: 0) as NSDecimalNumber)
    }

    /// 450 → "7.5", 0 → "".
    static func hours(_ minutes: Int, zero: String = "") -> String {
        if minutes == 0 { return zero }
        let hundredths = (minutes * 100 + 30) / 60
        let whole = hundredths / 100, frac = hundredths % 100
        if frac == 0 { return String(whole) }
        return frac % 10 == 0 ? "\(whole).\(frac / 10)" : "\(whole).\(frac < 10 ? "0" : "")\(frac)"
    }

    static func month(_ reader: inout FormReader, _ key: String) -> CalendarMonth? {
        let text = reader.text(key) ?? ""
        guard let m = CalendarMonth(parsing: text) else { reader.fail(key, "'\(text)' is not a month like 2027-03"); return nil }
        return m
    }

    static func currency(_ reader: inout FormReader, _ key: String) -> Currency? {
        let text = (reader.text(key) ?? "").uppercased()
        do { return try Currency(text) } catch { reader.fail(key, error.message); return nil }
    }

    static func amount(_ reader: inout FormReader, _ key: String, _ currency: Currency) -> Money? {
        let text = reader.text(key) ?? ""
        do { return try Money(parsing: text, currency: currency) } catch { reader.fail(key, error.message); return nil }
    }

    static func money(_ minor: Int64, _ currency: Currency) -> String { Money(minorUnits: minor, currency: currency).formatted }

    // MARK: pages

    static func weekPage(_ backend: Backend, _ auth: Authenticated, resource: Resource.ID?, week: CalendarDate,
                         saved: String? = nil, failure: FormFailure? = nil) async throws -> Response {
        let rid: Resource.ID
        do { rid = try await MoneyRoutes.resource(resource?.rawValue, backend, auth.caller) } catch let e as ServiceError where e.code == .invalid {
            return Pages.html("raw", ["html": "<h1>Timesheets</h1><p class=\"lede\" id=\"no-resource\">You have no person resource to book time as. The PMO links one to your user on the resource pool page.</p>"],
                              title: "Timesheets", auth: auth, nav: "timesheets")
        }
        let w = try await backend.timesheets.week(of: rid, starting: week, auth.caller)
        var choices: [(value: String, text: String)] = w.bookable.map { ("a:\($0.project.id)/\($0.activity.id)", "\($0.project.code) · \($0.activity.code) \($0.activity.name)") }
        for line in w.lines {
            if let p = line.projectId, let a = line.activityId, !choices.contains(where: { $0.value == "a:\(p)/\(a)" }) {
                choices.append(("a:\(p)/\(a)", "\(w.projects[p]?.code ?? "project \(p)") · \(w.activities[a].map { "\($0.code) \($0.name)" } ?? "activity \(a)")"))
            }
        }
        choices += TimeCategory.allCases.map { ("c:\($0.rawValue)", $0.label) }
        func what(_ l: TimesheetLine) -> String {
            if let c = l.category { return "c:\(c.rawValue)" }
            if let p = l.projectId, let a = l.activityId { return "a:\(p)/\(a)" }
            return ""
        }
        var rows: [[String: Any]] = []
        let locked = !w.mayEdit
        for (i, line) in w.lines.sorted(by: { $0.id < $1.id }).enumerated() {
            let isLocked = locked || !line.state.isOpen
            let value = what(line)
            var row: [String: Any] = ["index": String(i), "number": String(i + 1), "lineId": line.id.description, "what": value,
                                      "label": choices.first { $0.value == value }?.text ?? value,
                                      "state": line.state.rawValue, "stateLabel": line.state.label, "reason": line.reason,
                                      "total": hours(line.totalMinutes, zero: "0"),
                                      "cells": (0..<7).map { d -> [String: Any] in
                                          var c: [String: Any] = ["index": String(i), "number": String(i + 1), "day": String(d),
                                                                  "dayLabel": dayNames[d], "hours": hours(line.minutes.count == 7 ? line.minutes[d] : 0)]
                                          if isLocked { c["locked"] = true }
                                          return c
                                      }]
            if isLocked { row["locked"] = true } else {
                row["choices"] = choices.map { ["value": $0.value, "text": $0.text, "selected": $0.value == value] as [String: Any] }
            }
            rows.append(row)
        }
        if !locked {
            for k in 0..<2 {
                let i = w.lines.count + k
                rows.append(["index": String(i), "number": String(i + 1), "state": "new", "stateLabel": "New", "total": "",
                             "choices": choices.map { ["value": $0.value, "text": $0.text, "selected": false] as [String: Any] },
                             "cells": (0..<7).map { d in ["index": String(i), "number": String(i + 1), "day": String(d), "dayLabel": dayNames[d], "hours": ""] }])
            }
        }
        let totals = w.totals
        var values: [String: Any] = [
            "csrf": RecordForms.csrf(auth), "personName": w.resource.name, "resourceId": w.resource.id.description,
            "weekStart": w.weekStart.description, "previousWeek": w.weekStart.adding(days: -7).description,
            "nextWeek": w.weekStart.adding(days: 7).description, "rowCount": String(rows.count), "rows": rows,
            "days": w.days.enumerated().map { ["label": "\(dayNames[$0.offset].prefix(3)) \($0.element.day)"] },
            "totals": totals.map { ["value": hours($0, zero: "0")] }, "weekTotal": hours(totals.reduce(0, +), zero: "0"),
            "closed": w.closed.map(\.longName).joined(separator: ", "),
        ]
        if resource != nil { values["resourceQuery"] = "&resource_id=\(w.resource.id)" }
        if w.mayEdit { values["mayEdit"] = true }
        let planned = w.bookable.filter { $0.planned.contains { $0 > 0 } }
        if !planned.isEmpty {
            values["planned"] = ["items": planned.map { ["project": $0.project.code, "activity": "\($0.activity.code) \($0.activity.name)",
                                                         "hours": hours($0.planned.reduce(0, +), zero: "0")] }]
        }
        if case .user(let actor) = auth.caller, [.admin, .pmoDirector, .pmoAnalyst].contains(actor.role) {
            let people = try await backend.catalog.all(Resource.self, auth.caller, [:]).filter { $0.kind == .person }.sorted { $0.name < $1.name }
            values["people"] = ["options": people.map { ["id": $0.id.description, "name": $0.name, "selected": $0.id == w.resource.id] as [String: Any] }]
        }
        if let saved { values["saved"] = saved }
        if let failure { values["formError"] = "\(failure.lead) \(failure.message)" }
        return Pages.html("timesheetWeek", values, title: "Timesheet, week of \(w.weekStart)", auth: auth,
                          status: failure?.status ?? .ok, nav: "timesheets")
    }

    static func approvalsPage(_ backend: Backend, _ auth: Authenticated, done: String? = nil,
                              failure: FormFailure? = nil) async throws -> Response {
        let p = try await backend.timesheets.pending(auth.caller)
        var values: [String: Any] = [
            "csrf": RecordForms.csrf(auth),
            "lines": p.lines.sorted { ($0.projectId?.rawValue ?? 0, $0.weekStart, $0.id) < ($1.projectId?.rawValue ?? 0, $1.weekStart, $1.id) }.map { l -> [String: Any] in
                let project = l.projectId.flatMap { p.projects[$0] }
                return ["id": l.id.description, "project": project.map { "\($0.code) \($0.name)" } ?? "",
                        "person": p.people[l.resourceId]?.name ?? "resource \(l.resourceId)", "week": l.weekStart.description,
                        "activity": l.activityId.flatMap { p.activities[$0] }.map { "\($0.code) \($0.name)" } ?? "—",
                        "days": (0..<7).filter { l.minutes[$0] > 0 }.map { "\(dayNames[$0].prefix(3)) \(hours(l.minutes[$0]))" }.joined(separator: ", "),
                        "total": hours(l.totalMinutes, zero: "0")]
            },
            "expenses": p.expenses.map { e -> [String: Any] in
                ["id": e.id.description, "project": p.projects[e.projectId].map { "\($0.code) \($0.name)" } ?? "",
                 "date": e.spentOn.description, "by": e.submittedBy.flatMap { p.users[$0]?.displayName } ?? "—",
                 "description": e.description, "type": "\(e.costType.label), \(e.expenditure.rawValue)", "amount": e.amount.formatted]
            },
        ]
        values["proposals"] = try await backend.timesheets.progressProposals(auth.caller).map { p -> [String: Any] in
            ["activityId": p.activity.id.description, "project": "\(p.project.code) \(p.project.name)",
             "activity": "\(p.activity.code) \(p.activity.name)", "planned": hours(Int(p.plannedMinutes), zero: "0"),
             "actual": hours(Int(p.actualMinutes), zero: "0"), "remaining": hours(Int(p.remainingMinutes), zero: "0"),
             "current": PlanEditorPages.percent(p.activity.percentComplete), "proposed": PlanEditorPages.percent(p.proposedPercent),
             "csrf": RecordForms.csrf(auth)]
        }
        // Stand-ins: the ones this user named (every one, for the PMO) and the managers this user stands in for.
        let me = auth.user.id
        let people = try await backend.views.directory(auth.caller)
        let names = Dictionary(uniqueKeysWithValues: people.map { ($0.id, $0.displayName) })
        let pmo = [.admin, .pmoDirector, .pmoAnalyst].contains(auth.user.role)
        let delegations = try await backend.catalog.all(ApprovalDelegation.self, auth.caller, [:])
            .filter { pmo || $0.delegatorId == me || $0.delegateId == me }
            .sorted { ($0.starts, $0.id) > ($1.starts, $1.id) }
        let today = MoneyRoutes.today()
        values["delegations"] = delegations.map { d -> [String: Any] in
            ["id": d.id.description, "delegator": names[d.delegatorId] ?? "user \(d.delegatorId)",
             "delegate": names[d.delegateId] ?? "user \(d.delegateId)", "starts": d.starts.description,
             "ends": d.ends?.description ?? "until removed", "note": d.note,
             "state": d.covers(today) ? "in force" : d.starts > today ? "planned" : "ended",
             "removable": (try? auth.caller.require(.delete, .delegation(delegatorId: d.delegatorId))) != nil,
             "csrf": RecordForms.csrf(auth)]
        }
        if pmo || [.portfolioManager, .projectManager].contains(auth.user.role) {
            var form: [String: Any] = [
                "people": people.filter { $0.id != me }.sorted { $0.displayName < $1.displayName }
                    .map { ["id": $0.id.description, "name": "\($0.displayName) (\($0.role.title))"] as [String: Any] },
                "today": today.description,
            ]
            if pmo {
                form["pmo"] = true
                form["managers"] = people.filter { [.portfolioManager, .projectManager].contains($0.role) || $0.id == me }
                    .sorted { $0.displayName < $1.displayName }
                    .map { ["id": $0.id.description, "name": "\($0.displayName) (\($0.role.title))", "selected": $0.id == me] as [String: Any] }
            }
            values["delegateForm"] = form
        }
        if let done { values["done"] = done }
        if let failure { values["formError"] = "\(failure.lead) \(failure.message)" }
        return Pages.html("approvals", values, title: "Approvals", auth: auth, status: failure?.status ?? .ok, nav: "approvals")
    }

    static func moneyPage(_ backend: Backend, _ id: Project.ID, _ auth: Authenticated, failure: FormFailure? = nil) async throws -> Response {
        let r = try await backend.money.project(id, auth.caller)
        let project = r.project
        let portfolio = try await backend.catalog.get(Portfolio.self, project.portfolioId, auth.caller)
        let filter: [String: FilterValue] = ["project_id": .int(id.rawValue)]
        let budget = try await backend.catalog.all(BudgetLine.self, auth.caller, filter).sorted { ($0.budgetVersion.rawValue, $0.month, $0.id) < ($1.budgetVersion.rawValue, $1.month, $1.id) }
        let funding = try await backend.catalog.all(FundingSource.self, auth.caller, filter).sorted { $0.availableFrom < $1.availableFrom }
        let expenses = try await backend.catalog.all(Expense.self, auth.caller, filter).sorted { ($0.spentOn, $0.id) > ($1.spentOn, $1.id) }
        let activities = try await backend.catalog.all(Activity.self, auth.caller, filter).filter { $0.kind != .summary }.sorted { $0.code < $1.code }
        let names = Dictionary(uniqueKeysWithValues: activities.map { ($0.id, "\($0.code) \($0.name)") })
        let c = project.currency
        let mayEdit = auth.caller.refusal(financesOf: project, in: portfolio, .update) == nil
        let mayExpense = auth.caller.refusal(expenseOn: project, in: portfolio, by: auth.user.id, .create) == nil
        let m = r.money
        let current = m.budget[.current] ?? m.budget[.original] ?? 0
        var values: [String: Any] = [
            "csrf": RecordForms.csrf(auth), "projectId": project.id.description, "projectCode": project.code, "projectName": project.name,
            "portfolioId": portfolio.id.description, "portfolioCode": portfolio.code, "currency": c.code,
            "budgetOriginal": money(m.budget[.original] ?? 0, c), "budgetCurrent": money(m.budget[.current] ?? 0, c),
            "funding": money(m.funding, c), "spent": money(m.spent, c), "pending": money(m.pendingExpenses, c),
            "months": m.months.map { ["month": $0.month.longName, "original": money($0.original, c), "current": money($0.current, c),
                                      "funded": money($0.fundedToDate, c), "spent": money($0.spent, c)] },
            "budget": budget.map { b -> [String: Any] in
                var row: [String: Any] = ["id": b.id.description, "version": b.budgetVersion.label, "month": b.month.longName,
                                          "type": b.costType.label, "expenditure": b.expenditure.label, "amount": b.amount.formatted,
                                          "note": b.note, "projectId": project.id.description, "csrf": RecordForms.csrf(auth)]
                if mayEdit { row["mayEdit"] = true }
                return row
            },
            "fundingRows": funding.map { f -> [String: Any] in
                var row: [String: Any] = ["id": f.id.description, "funder": f.funder, "from": f.availableFrom.description,
                                          "amount": f.amount.formatted, "note": f.note, "projectId": project.id.description,
                                          "csrf": RecordForms.csrf(auth)]
                if mayEdit { row["mayEdit"] = true }
                return row
            },
            "expenses": expenses.map { e -> [String: Any] in
                ["id": e.id.description, "date": e.spentOn.description, "description": e.description,
                 "activity": e.activityId.flatMap { names[$0] } ?? "—", "type": "\(e.costType.label), \(e.expenditure.rawValue)",
                 "amount": e.amount.formatted, "state": e.state.label, "reason": e.reason]
            },
            "versions": BudgetVersion.allCases.reversed().map { ["value": $0.rawValue, "label": $0.label] },
            "costTypes": CostType.allCases.map { ["value": $0.rawValue, "label": $0.label] },
            "expenditures": Expenditure.allCases.map { ["value": $0.rawValue, "label": $0.label] },
            "activities": activities.map { ["id": $0.id.description, "code": $0.code, "name": $0.name] },
            "chart": MoneyCharts.monthly(m, title: "Budget, funding and spend of \(project.code) by month") ?? "",
        ]
        if m.funding < current {
            values["fundingGap"] = "Funding is \(money(current - m.funding, c)) short of the current budget."
        }
        if mayEdit { values["mayEdit"] = true }
        if mayExpense { values["mayExpense"] = true }
        if let failure { values["formError"] = "\(failure.lead) \(failure.message)" }
        return Pages.html("projectMoney", values, title: "\(project.code) budget and spend", auth: auth,
                          status: failure?.status ?? .ok, nav: "portfolios")
    }

    /// The rows of the figures table: label, value and what it means.
    static func figureRows(_ f: EarnedValueFigures, _ evm: ProjectEarnedValue?) -> [[String: Any]] {
        func v(_ text: String?, _ key: String) -> String { text ?? "undefined: \(f.undefined[key] ?? "")" }
        let c = f.currency
        var rows: [[String: Any]] = [
            ["key": "bac", "label": "BAC", "value": "\(c) \(f.bac)", "meaning": "Budget at completion: the baseline's cost"],
            ["key": "pv", "label": "PV", "value": "\(c) \(f.pv)", "meaning": "Planned value: the baseline's cost through the status date"],
            ["key": "ev", "label": "EV", "value": "\(c) \(f.ev)", "meaning": "Earned value: BAC × % complete"],
            ["key": "ac", "label": "AC", "value": "\(c) \(f.ac)", "meaning": "Actual cost: approved time and expenses"],
            ["key": "sv", "label": "SV", "value": "\(c) \(f.sv)", "meaning": "Schedule variance: EV − PV"],
            ["key": "cv", "label": "CV", "value": "\(c) \(f.cv)", "meaning": "Cost variance: EV − AC"],
            ["key": "spi", "label": "SPI", "value": v(f.spi, "spi"), "meaning": "EV / PV: below 1 is behind plan"],
            ["key": "cpi", "label": "CPI", "value": v(f.cpi, "cpi"), "meaning": "EV / AC: below 1 is over budget"],
            ["key": "eac_typical", "label": "EAC (BAC / CPI)", "value": f.eacTypical.map { "\(c) \($0)" } ?? v(nil, "eac_typical"), "meaning": "Today's cost efficiency continues"],
            ["key": "eac_atypical", "label": "EAC (AC + BAC − EV)", "value": f.eacAtypical.map { "\(c) \($0)" } ?? v(nil, "eac_atypical"), "meaning": "The variance so far will not recur"],
            ["key": "eac_cost_and_schedule", "label": "EAC (CPI × SPI)", "value": f.eacCostAndSchedule.map { "\(c) \($0)" } ?? v(nil, "eac_cost_and_schedule"), "meaning": "Cost and schedule both weigh on the rest"],
            ["key": "eac_bottom_up", "label": "EAC (bottom-up)", "value": f.eacBottomUp.map { "\(c) \($0)" } ?? v(nil, "eac_bottom_up"), "meaning": "AC + what the current plan still costs: its remaining work at today's rates and remaining fixed costs"],
            ["key": "etc", "label": "ETC", "value": f.etc.map { "\(c) \($0)" } ?? v(nil, "etc"), "meaning": "Estimate to complete: EAC − AC"],
            ["key": "vac", "label": "VAC", "value": f.vac.map { "\(c) \($0)" } ?? v(nil, "vac"), "meaning": "Variance at completion: BAC − EAC"],
            ["key": "tcpi_bac", "label": "TCPI (to BAC)", "value": v(f.tcpiBac, "tcpi_bac"), "meaning": "The efficiency the rest needs to finish on budget"],
            ["key": "tcpi_eac", "label": "TCPI (to EAC)", "value": v(f.tcpiEac, "tcpi_eac"), "meaning": "… to finish at the estimate"],
            ["key": "es", "label": "ES", "value": f.es.map { "\($0) days" } ?? v(nil, "es"), "meaning": "Earned schedule: the day the plan reaches today's EV" + (evm?.earnedScheduleDate.map { " (\($0))" } ?? "")],
            ["key": "sv_t", "label": "SV(t)", "value": f.svT.map { "\($0) days" } ?? v(nil, "sv_t"), "meaning": "ES − AT: negative is late"],
            ["key": "spi_t", "label": "SPI(t)", "value": v(f.spiT, "spi_t"), "meaning": "ES / AT"],
            ["key": "ieac_t", "label": "IEAC(t)", "value": f.ieacT.map { "\($0) days" } ?? v(nil, "ieac_t"), "meaning": "The forecast duration" + (evm?.forecastFinish.map { ": finish around \($0)" } ?? "")],
        ]
        rows = rows.map { var r = $0; if (r["value"] as? String)?.hasPrefix("undefined") == true { r["value"] = "—"; r["meaning"] = "\(r["meaning"]!). Undefined: \(f.undefined[r["key"] as! String] ?? "")" }; return r }
        return rows
    }

    static func evmPage(_ backend: Backend, _ id: Project.ID, asOf: CalendarDate?, baseline: Baseline.ID?, _ auth: Authenticated,
                        failure: FormFailure? = nil) async throws -> Response {
        let r = try await backend.money.project(id, asOf: asOf, baselineId: baseline, auth.caller)
        let project = r.project
        let portfolio = try await backend.catalog.get(Portfolio.self, project.portfolioId, auth.caller)
        let mayEdit = auth.caller.refusal(financesOf: project, in: portfolio, .update) == nil
        var query = "&as_of=\(r.statusDate)"
        if let b = baseline { query += "&baseline_id=\(b)" }
        var values: [String: Any] = [
            "csrf": RecordForms.csrf(auth), "projectId": project.id.description, "projectCode": project.code, "projectName": project.name,
            "portfolioId": portfolio.id.description, "portfolioCode": portfolio.code, "statusDate": r.statusDate.description,
            "query": query, "unavailable": r.unavailable ?? "",
            "baselines": r.baselines.map { ["id": $0.id.description, "name": $0.name, "performance": $0.performance,
                                           "selected": $0.id == r.baseline?.id] as [String: Any] },
        ]
        if let evm = r.evm {
            let f = EarnedValueFigures(evm.total, schedule: evm.earnedSchedule)
            values["figures"] = ["rows": figureRows(f, evm), "baseline": r.baseline?.name ?? "", "statusDate": r.statusDate.description,
                                 "currency": project.currency.code] as [String: Any]
            values["chart"] = MoneyCharts.sCurve(r) ?? ""
            let rows = r.rows.map { row -> [String: Any] in
                let af = EarnedValueFigures(row.amounts)
                return ["code": row.activity.code, "name": row.activity.name, "bac": af.bac, "pv": af.pv, "ev": af.ev, "ac": af.ac,
                        "spi": af.spi ?? "—", "cpi": af.cpi ?? "—"]
            }
            values["activityRows"] = rows
            if !rows.isEmpty { values["hasActivities"] = true }
        }
        if let b = r.baseline {
            values["baseline"] = ["baselineId": b.id.description, "isPerformance": b.performance] as [String: Any]
        }
        if mayEdit { values["mayEdit"] = true }
        if let failure { values["formError"] = "\(failure.lead) \(failure.message)" }
        return Pages.html("projectEVM", values, title: "\(project.code) earned value", auth: auth, status: failure?.status ?? .ok,
                          nav: "portfolios")
    }

    static func portfolioPage(_ backend: Backend, _ id: Portfolio.ID, program: Program.ID? = nil, asOf: CalendarDate?,
                              _ auth: Authenticated) async throws -> Response {
        let r = try await backend.money.portfolio(id, program: program, asOf: asOf, auth.caller)
        var values: [String: Any] = [
            "portfolioId": r.portfolio.id.description, "portfolioCode": r.portfolio.code, "portfolioName": r.portfolio.name,
            "currency": r.currency.code, "month": CalendarMonth(r.statusDate).longName, "problem": r.problem ?? "",
            "projects": r.projects.map { p -> [String: Any] in
                let c = p.project.currency
                var row: [String: Any] = ["id": p.project.id.description, "code": p.project.code, "name": p.project.name,
                                          "statusDate": p.statusDate.description,
                                          "budget": money(p.money.budget[.current] ?? p.money.budget[.original] ?? 0, c),
                                          "funding": money(p.money.funding, c), "spent": money(p.money.spent, c),
                                          "unavailable": p.unavailable ?? ""]
                if let evm = p.evm {
                    let f = EarnedValueFigures(evm.total, schedule: evm.earnedSchedule)
                    row["bac"] = evm.total.budgetAtCompletion.formatted; row["pv"] = evm.total.plannedValue.formatted
                    row["ev"] = evm.total.earnedValue.formatted; row["ac"] = evm.total.actualCost.formatted
                    row["spi"] = f.spi ?? "—"; row["cpi"] = f.cpi ?? "—"; row["spiT"] = f.spiT ?? "—"
                    row["forecast"] = evm.forecastFinish?.description ?? "—"
                }
                return row
            },
        ]
        if let t = r.total {
            let f = EarnedValueFigures(t)
            values["total"] = ["budget": r.budget?.formatted ?? "—", "funding": r.funding?.formatted ?? "—", "spent": r.spent?.formatted ?? "—",
                               "bac": t.budgetAtCompletion.formatted, "pv": t.plannedValue.formatted, "ev": t.earnedValue.formatted,
                               "ac": t.actualCost.formatted, "spi": f.spi ?? "—", "cpi": f.cpi ?? "—",
                               "eac": f.eacTypical.map { "\(r.currency.code) \($0)" } ?? "—"]
        }
        if let money = r.money {
            values["chart"] = MoneyCharts.monthly(money, title: "Budget, funding and spend of \(r.portfolio.code) by month, in \(r.currency.code)") ?? ""
        }
        if let program = r.program { values["programName"] = "\(program.code) \(program.name)" }
        values["programs"] = try await backend.catalog.all(Program.self, auth.caller, ["portfolio_id": .int(id.rawValue)]).map {
            ["id": $0.id.description, "name": "\($0.code) \($0.name)", "selected": $0.id == r.program?.id] as [String: Any]
        }
        return Pages.html("portfolioMoney", values, title: "\(r.portfolio.code) money and earned value", auth: auth, nav: "portfolios")
    }

    static func financeWrite(_ backend: Backend, _ auth: Authenticated, lead: String, _ body: () async throws -> Void) async throws -> Response {
        switch try await RecordForms.attempt(lead: lead, body) {
        case .success: return RecordForms.redirect("/finance")
        case .failure(let failure): return try await financePage(backend, auth, failure: failure)
        }
    }

    static func financePage(_ backend: Backend, _ auth: Authenticated, failure: FormFailure? = nil) async throws -> Response {
        let closed = try await backend.catalog.all(ClosedPeriod.self, auth.caller, [:]).sorted { $0.month > $1.month }
        let rates = try await backend.catalog.all(ExchangeRate.self, auth.caller, [:]).sorted { ($0.month, $0.fromCurrency, $0.toCurrency) > ($1.month, $1.fromCurrency, $1.toCurrency) }
        let costRates = try await backend.catalog.all(CostRate.self, auth.caller, [:])
        let resources = try await backend.catalog.all(Resource.self, auth.caller, [:]).sorted { $0.name < $1.name }
        let names = Dictionary(uniqueKeysWithValues: resources.map { ($0.id, $0.name) })
        let roles = try await backend.catalog.all(JobRole.self, auth.caller, [:]).map(\.name).sorted()
        let users = try? await backend.catalog.all(User.self, auth.caller, [:])
        let userNames = Dictionary(uniqueKeysWithValues: (users ?? []).map { ($0.id, $0.displayName) })
        let mayManage = auth.caller.refusal(standards: .update) == nil
        let csrf = RecordForms.csrf(auth)
        func flag(_ row: [String: Any]) -> [String: Any] { var r = row; r["csrf"] = csrf; if mayManage { r["mayManage"] = true }; return r }
        var values: [String: Any] = [
            "csrf": csrf,
            "closed": closed.map { flag(["id": $0.id.description, "month": $0.month.description, "by": $0.closedBy.flatMap { userNames[$0] } ?? "—", "note": $0.note]) },
            "rates": rates.map { flag(["id": $0.id.description, "month": $0.month.description, "from": $0.fromCurrency.code, "to": $0.toCurrency.code, "rate": $0.rate]) },
            "costRates": costRates.sorted { ($0.resourceId.flatMap { names[$0] } ?? $0.role, $0.effectiveFrom) < ($1.resourceId.flatMap { names[$0] } ?? $1.role, $1.effectiveFrom) }.map {
                flag(["id": $0.id.description, "who": $0.resourceId.map { names[$0] ?? "resource \($0)" } ?? "Role: \($0.role)",
                      "from": $0.effectiveFrom.description, "rate": $0.perHour.formatted])
            },
            "people": resources.filter { $0.kind == .person }.map { ["id": $0.id.description, "name": $0.name] },
            "roles": roles.map { ["name": $0] },
        ]
        if mayManage { values["mayManage"] = true }
        if let failure { values["formError"] = "\(failure.lead) \(failure.message)" }
        return Pages.html("finance", values, title: "Finance settings", auth: auth, status: failure?.status ?? .ok, nav: "finance")
    }
}
