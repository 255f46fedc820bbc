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
}
