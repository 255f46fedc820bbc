import GantryModel
import GantryPortfolio
import GantryServices
import Hummingbird

/// The forecast a page or an API call asks for, read from the query: `portfolio` (an id or a code, repeated or
/// separated by commas; every portfolio when absent), `from` and `to` (default: the current month's first day and 18
/// months on), `by` (person, role, skill, skill:N, team, org_unit; default role) and `per` (week or month; default
/// month on the page, week on the API). Anything that does not read is a 400 naming the parameter.
struct CapacityQuery: Sendable {
    var portfolioTexts: [String]
    var first: CalendarDate
    var last: CalendarDate
    var grouping: CapacityGrouping
    var period: CapacityPeriodKind

    init(_ query: Hummingbird.Parameters, today: CalendarDate, defaultPeriod: CapacityPeriodKind) throws(ServiceError) {
        func fail(_ field: String, _ message: String) -> ServiceError {
            ServiceError(.badRequest, "\(field): \(message)", problems: [FieldProblem(field: field, message: message)])
        }
        portfolioTexts = query.getAll("portfolio").flatMap { $0.split(separator: ",").map { String($0).trimmed } }
            .filter { !$0.isEmpty }
        let monthStart = CalendarDate(year: today.year, month: today.month, day: 1)!
        if let text = query.get("from"), !text.isEmpty {
            guard let d = CalendarDate(iso: text) else { throw fail("from", "'\(text)' is not a date like 2027-01-31") }
            first = d
        } else {
            first = monthStart
        }
        if let text = query.get("to"), !text.isEmpty {
            guard let d = CalendarDate(iso: text) else { throw fail("to", "'\(text)' is not a date like 2027-06-30") }
            last = d
        } else {
            last = CapacityPlanner.defaultLast(from: first)
        }
        let byText = query.get("by").flatMap { $0.isEmpty ? nil : $0 } ?? "role"
        guard let g = CapacityGrouping(text: byText) else {
            throw fail("by", "'\(byText)' is not one of \(CapacityGrouping.choices)")
        }
        grouping = g
        let perText = query.get("per").flatMap { $0.isEmpty ? nil : $0 } ?? defaultPeriod.rawValue
        guard let p = CapacityPeriodKind(rawValue: perText) else { throw fail("per", "'\(perText)' is not week or month") }
        period = p
    }

    /// The portfolios named, as ids: each text is an id or a code.
    func portfolioIds(_ backend: Backend, _ caller: Caller) async throws -> [Portfolio.ID] {
        guard !portfolioTexts.isEmpty else { return [] }
        let all = try await backend.catalog.all(Portfolio.self, caller, [:])
        return try portfolioTexts.map { text in
            if let n = Int64(text), let p = all.first(where: { $0.id.rawValue == n }) { return p.id }
            if let p = all.first(where: { $0.code.lowercased() == text.lowercased() }) { return p.id }
            throw ServiceError(.notFound, "no portfolio has the id or code '\(text)'",
                               problems: [FieldProblem(field: "portfolio", message: "'\(text)' is not a portfolio")])
        }
    }

    func scope(_ backend: Backend, _ caller: Caller) async throws -> CapacityScope {
        CapacityScope(portfolios: try await portfolioIds(backend, caller), first: first, last: last)
    }

    /// The query string that asks for this forecast again (for links: drill-downs, exports, the other grouping).
    func queryString(by: CapacityGrouping? = nil, per: CapacityPeriodKind? = nil) -> String {
        var items = portfolioTexts.map { "portfolio=\(Self.escape($0))" }
        items += ["from=\(first)", "to=\(last)", "by=\(Self.escape((by ?? grouping).text))", "per=\((per ?? period).rawValue)"]
        return items.joined(separator: "&")
    }

    /// A query value percent-encoded (RFC 3986's unreserved characters kept), as the plan editor writes its own.
    static func escape(_ text: String) -> String { PlanEditorUIRoutes.query(text) }

    /// The drill-down address of a heatmap cell of this forecast.
    func cellLink(_ group: CapacityGroup, _ period: CapacityPeriod, pipeline: Bool = false) -> String {
        "/capacity/cell?\(queryString())\(pipeline ? "&pipeline=1" : "")&group=\(group.kind.rawValue)"
            + "&key=\(Self.escape(group.key))&period=\(Self.escape(period.label))"
    }
}

extension String {
    fileprivate var trimmed: String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
