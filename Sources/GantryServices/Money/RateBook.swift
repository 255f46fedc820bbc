public import GantryModel
public import FoundationEssentials

/// The cost rates in force for each resource, and the PMO's exchange rates, read once for a computation.
///
/// A resource is priced by its own rates (`CostRate` with its id) when it has any, otherwise by its role's, and
/// otherwise at its `cost_rate_minor` for all time.
public struct RateBook: Sendable {
    var byResource: [Resource.ID: [CostRate]] = [:]
    var byRole: [String: [CostRate]] = [:]
    public var exchangeRates = ExchangeRates()

    public init(rates: [CostRate], exchangeRates: [ExchangeRate]) throws(ServiceError) {
        for r in rates {
            if let id = r.resourceId { byResource[id, default: []].append(r) } else { byRole[r.role.lowercased(), default: []].append(r) }
        }
        for x in exchangeRates {
            guard let rate = ExchangeRate.decimal(x.rate) else { continue }
            do { try self.exchangeRates.set(rate, from: x.fromCurrency, to: x.toCurrency, in: x.month) } catch {
                throw ServiceError(.invalid, error.message)
            }
        }
    }

    public static func load(in session: any StoreSession) async throws -> RateBook {
        try RateBook(rates: try await session.list(CostRate.self, ListQuery()),
                     exchangeRates: try await session.list(ExchangeRate.self, ListQuery()))
    }

    /// The rate table that prices `resource`'s hours.
    public func table(for resource: Resource) throws(ServiceError) -> RateTable {
        let own = byResource[resource.id] ?? byRole[resource.role.lowercased()] ?? []
        do {
            if own.isEmpty {
                let currency = (try? Currency(resource.currency)) ?? .eur
                return try RateTable([.init(effectiveFrom: CalendarDate(year: 1900, month: 1, day: 1)!,
                                            perHour: Money(minorUnits: resource.costRateMinor, currency: currency))])
            }
            return try RateTable(own.map { .init(effectiveFrom: $0.effectiveFrom, perHour: $0.perHour) })
        } catch {
            throw ServiceError(.invalid, "the cost rates of \(resource.name): \(error.message)")
        }
    }

    /// The cost of minutes by day for `resource`, in `currency` (each day's month converting when the rate is in
    /// another currency).
    public func cost(of minutesByDay: [CalendarDate: Int64], by resource: Resource, in currency: Currency) throws(ServiceError) -> Money {
        let table = try table(for: resource)
        do {
            if table.currency == currency { return try table.cost(of: minutesByDay) }
            var total = Money.zero(currency)
            var byMonth: [CalendarMonth: [CalendarDate: Int64]] = [:]
            for (day, m) in minutesByDay { byMonth[CalendarMonth(day), default: [:]][day] = m }
            for (month, days) in byMonth.sorted(by: { $0.key < $1.key }) {
                total = try total.adding(exchangeRates.convert(table.cost(of: days), to: currency, in: month))
            }
            return total
        } catch {
            throw ServiceError(.conflict, "pricing \(resource.name)'s time: \(error.message)")
        }
    }

    /// ``cost(of:by:in:)`` day by day: each amount it rounds once (the whole week in the rate's currency, or each
    /// month's days when converting at that month's rate) split over its days in proportion to their rate in force
    /// × minutes, exactly (the remainder one minor unit at a time to the largest remainders, earliest first). The
    /// days add up to the cost, and a rate change mid-week shows on the days after it: EUR 100.00/h, then 120.00/h
    /// from Thursday, 8 h a day → 800.00, 800.00, 800.00, 960.00, 960.00.
    public func costByDay(of minutesByDay: [CalendarDate: Int64], by resource: Resource,
                          in currency: Currency) throws(ServiceError) -> [CalendarDate: Int64] {
        let table = try table(for: resource)
        let days = minutesByDay.filter { $0.value != 0 }.keys.sorted()
        var groups: [[CalendarDate]] = [days]
        if table.currency != currency {
            groups = Dictionary(grouping: days, by: CalendarMonth.init).sorted { $0.key < $1.key }.map(\.value)
        }
        var out: [CalendarDate: Int64] = [:]
        do {
            for group in groups where !group.isEmpty {
                let minutes = minutesByDay.filter { group.contains($0.key) }
                var total = try table.cost(of: minutes)
                if table.currency != currency { total = try exchangeRates.convert(total, to: currency, in: CalendarMonth(group[0])) }
                let weights = group.map { (table.rate(on: $0)?.minorUnits ?? 0) * minutes[$0]! }
                for (day, share) in zip(group, Self.split(total.minorUnits, by: weights)) { out[day] = share }
            }
        } catch {
            throw ServiceError(.conflict, "pricing \(resource.name)'s time: \(error.message)")
        }
        return out
    }

    /// `total` (0 or more) in parts proportional to `weights` (0 or more), adding up to it exactly: each part rounded
    /// down, then one unit more to the parts with the largest remainders, the earliest first.
    static func split(_ total: Int64, by weights: [Int64]) -> [Int64] {
        let sum = weights.reduce(0, +)
        guard sum > 0 else { return weights.indices.map { $0 == 0 ? total : 0 } }
        var parts: [(minor: Int64, rest: Int64)] = weights.map { w in
            let (q, r) = sum.dividingFullWidth(total.multipliedFullWidth(by: w))
            return (q, r)
        }
        var left = total - parts.reduce(0) { $0 + $1.minor }
        for k in parts.indices.sorted(by: { parts[$0].rest != parts[$1].rest ? parts[$0].rest > parts[$1].rest : $0 < $1 })
        where left > 0 {
            parts[k].minor += 1
            left -= 1
        }
        return parts.map(\.minor)
    }
}
