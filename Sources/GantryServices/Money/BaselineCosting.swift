import GantryModel
import GantryAnalytics
import GantryScheduling
import FoundationEssentials

/// What a baseline keeps of each activity: its dates and duration, and its cost over time (issue #15): the work
/// of its assignments on its working days priced at the rates in force then, plus its fixed cost (`CostPlan`).
enum BaselineCosting {
    static func activities(of project: Project, in session: any StoreSession) async throws -> [BaselineActivity] {
        let filter: [String: FilterValue] = ["project_id": .int(project.id.rawValue)]
        let activities = try await session.list(Activity.self, ListQuery(filters: filter))
        let assignments = Dictionary(grouping: try await session.list(Assignment.self, ListQuery(filters: filter)), by: \.activityId)
        let book = try await RateBook.load(in: session)
        var resources: [Resource.ID: Resource] = [:]
        var tables: [Resource.ID: RateTable] = [:]
        for id in Set(assignments.values.flatMap { $0.map(\.resourceId) }) {
            guard let r = try await session.get(Resource.self, id) else { continue }
            resources[id] = r
            tables[id] = try book.table(for: r)
        }
        var calendars: [WorkCalendar.ID?: CompiledCalendar] = [:]
        let anchor = project.startDate ?? activities.compactMap(\.plannedStart).min() ?? CalendarDate(year: 2000, month: 1, day: 1)!
        func calendar(_ id: WorkCalendar.ID?) async throws -> CompiledCalendar {
            if let c = calendars[id] { return c }
            let compiled: CompiledCalendar
            let stored = try await id.asyncMap { try await session.get(WorkCalendar.self, $0) } ?? nil
            do {
                compiled = try CompiledCalendar.stored(stored, from: anchor.adding(days: -800), through: anchor.adding(days: 366 * 30))
            } catch {
                throw ServiceError(.invalid, "calendar \(id.map { "\($0)" } ?? "standard"): \(error)")
            }
            calendars[id] = compiled
            return compiled
        }
        var out: [BaselineActivity] = []
        for (a, _) in ProjectSchedule.wbsOrder(activities) {
            var entry = BaselineActivity(activityId: a.id, code: a.code, name: a.name, plannedStart: a.plannedStart,
                                         plannedFinish: a.plannedFinish, duration: a.duration)
            if a.kind != .summary, let start = a.plannedStart, let finish = a.plannedFinish, start <= finish,
               finish.daysSinceEpoch - start.daysSinceEpoch < 3_700 {
                let cal = try await calendar(a.calendarId ?? project.calendarId)
                let days = (0...(finish.daysSinceEpoch - start.daysSinceEpoch)).map { start.adding(days: $0) }
                let minutes = days.map { (day: $0, minutes: a.kind == .milestone ? 0 : cal.workingMinutes(on: $0)) }
                let parts = (assignments[a.id] ?? []).compactMap { asg -> CostPlan.Assignment? in
                    guard let table = tables[asg.resourceId] else { return nil }
                    return CostPlan.Assignment(unitsPercent: Decimal(string: String(asg.units)) ?? 100, rates: table)
                }
                do {
                    let plan = try CostPlan.activity(
                        workingMinutes: minutes.contains { $0.minutes > 0 } ? minutes : [(day: start, minutes: Int64(0))],
                        assignments: parts, fixedCost: Money(minorUnits: a.fixedCostMinor, currency: project.currency),
                        currency: project.currency, exchangeRates: book.exchangeRates)
                    entry.workMinutes = plan.workMinutes
                    entry.costMinor = plan.plannedValue.reduce(0) { $0 + $1.minor }
                    entry.plannedValue = plan.plannedValue
                } catch {
                    throw ServiceError(.conflict, "costing activity \(a.code) of \(project.code): \((error as? MoneyError)?.message ?? "\(error)")")
                }
            } else if a.kind != .summary {
                entry.workMinutes = 0; entry.costMinor = 0; entry.plannedValue = []
            }
            out.append(entry)
        }
        return out
    }
}
