import ArgumentParser
import Foundation
import GantryModel
import GantryPortfolio
import GantryServices
import GantryStorage
import GantryWeb

/// `gantry capacity`: the capacity forecast from the command line — supply against demand by person, role, skill,
/// team or organisation unit, per week or month — and one cell's drill-down.
struct CapacityCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "capacity",
        abstract: "The capacity forecast: supply against committed and pipeline demand, per week or month.",
        discussion: """
            Reads the resource pool (calendars, absences, background load), the plans' assignments and the \
            projects' allocations (committed demand: active and on-hold projects; where a project has both, the plan \
            wins for the days it covers) and the pipeline (proposed and approved projects, intake requests), \
            weighted by the PMO's probabilities per state. Prints one row per group with each period's \
            utilisation and band, or with --json per group and period supply_hours, demand_hours (committed), \
            pipeline_hours (weighted), background_hours, free_hours, over_hours, utilisation_pct (absent when \
            there is no supply) and band — the same document as GET /api/v1/capacity.

            --drill names a row (its key as the JSON gives it: a role's name, a resource's id, a skill) and \
            --period one of its periods; the command then lists the projects and activities that make that cell \
            and the hours each brings.

            Examples:
              gantry capacity --portfolio DIG --from 2027-01-01 --to 2027-06-30 --by role --json
              gantry capacity --by person --per month
              gantry capacity --by role --drill Developer --period 2027-W10
            """)

    @Option(help: ArgumentHelp("A portfolio's code; repeat for several (default: every portfolio).", valueName: "code"))
    var portfolio: [String] = []

    @Option(help: ArgumentHelp("The first day, YYYY-MM-DD (default: today).", valueName: "date"))
    var from: String?

    @Option(help: ArgumentHelp("The last day, YYYY-MM-DD (default: 18 months after the first, less a day).", valueName: "date"))
    var to: String?

    @Option(help: ArgumentHelp("Rows: \(CapacityGrouping.choices) (default role).", valueName: "grouping"))
    var by: String = "role"

    @Option(help: ArgumentHelp("Columns: week or month (default week).", valueName: "period"))
    var per: String = "week"

    @Option(help: ArgumentHelp("Drill into the row with this key (with --period).", valueName: "key"))
    var drill: String?

    @Option(help: ArgumentHelp("The period of the drill-down, like 2027-W10 or 2027-03.", valueName: "label"))
    var period: String?

    @Flag(help: "Print JSON.") var json = false

    @OptionGroup var db: DatabaseOptions

    func validate() throws {
        guard CapacityGrouping(text: by) != nil else { throw ValidationError("--by '\(by)' is not one of \(CapacityGrouping.choices)") }
        guard CapacityPeriodKind(rawValue: per) != nil else { throw ValidationError("--per '\(per)' is not week or month") }
        if let from, CalendarDate(iso: from) == nil { throw ValidationError("--from '\(from)' is not a date like 2027-01-31") }
        if let to, CalendarDate(iso: to) == nil { throw ValidationError("--to '\(to)' is not a date like 2027-01-31") }
        if (drill == nil) != (period == nil) { throw ValidationError("--drill and --period go together: a row and one of its periods") }
    }

    func run() async throws {
        let settings = Settings(db)
        let logger = Runtime.bootstrapLogging(level: try settings.logLevel())
        let grouping = CapacityGrouping(text: by)!
        let kind = CapacityPeriodKind(rawValue: per)!
        let first = from.flatMap { CalendarDate(iso: $0) } ?? SystemClock().now().date
        let last = to.flatMap { CalendarDate(iso: $0) } ?? CapacityPlanner.defaultLast(from: first)
        let codes = portfolio
        try await Runtime.withStore(settings, logger: logger) { store in
            var ids: [Portfolio.ID] = []
            for code in codes {
                guard let p = try await store.read({ try await $0.list(Portfolio.self, ListQuery(filters: ["code": .text(code)], limit: 1)) }).first else {
                    throw CLIError("no portfolio has the code '\(code)'; `gantry` lists them at /portfolios or GET /api/v1/portfolios")
                }
                ids.append(p.id)
            }
            let planner = CapacityPlanner(store: store, clock: SystemClock())
            let scope = CapacityScope(portfolios: ids, first: first, last: last)
            let started = DispatchTime.now().uptimeNanoseconds
            if let drill, let period {
                let (snapshot, table) = try await planner.forecast(scope, by: grouping, per: kind, .system)
                guard let group = table.groups.first(where: { $0.key == drill }) ?? table.groups.first(where: { $0.name == drill }) else {
                    throw CLIError("there is no row '\(drill)' by \(grouping.text); the rows are: "
                                   + table.groups.map { $0.key.isEmpty ? $0.name : $0.key }.joined(separator: ", "))
                }
                let (_, cell) = try await planner.drillDown(scope, by: grouping, per: kind, group: group.kind, key: group.key,
                                                            periodLabel: period, .system)
                let report = CapacityDrillDownReport(snapshot, cell)
                if json { say(try jsonText(report, pretty: true)); return }
                say("\(report.group), \(report.period) (\(report.first) to \(report.last)): supply \(report.cell.supplyHours) h, "
                    + "committed \(report.cell.demandHours) h, background \(report.cell.backgroundHours) h, "
                    + "pipeline \(report.cell.pipelineHours) h (weighted)")
                for part in report.committed {
                    say("  \(String(format: "%8.1f", part.hours)) h  \(part.projectCode ?? "-")  \(part.name)  → \(part.target)")
                }
                if !report.pipeline.isEmpty { say("  pipeline (weighted):") }
                for part in report.pipeline {
                    say("  \(String(format: "%8.1f", part.hours)) h  \(part.projectCode ?? "request")  \(part.name)  → \(part.target)")
                }
                return
            }
            let (snapshot, table) = try await planner.forecast(scope, by: grouping, per: kind, .system)
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6
            let counts = snapshot.counts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
            progress("read \(counts) and computed the forecast in \(String(format: "%.0f", elapsed)) ms")
            let report = CapacityReport(snapshot, table)
            if json { say(try jsonText(report, pretty: true)); return }
            say("Capacity by \(report.by) per \(report.per), \(report.from) to \(report.to)"
                + (report.portfolios.isEmpty ? "" : ", portfolios \(report.portfolios.joined(separator: " "))"))
            say("utilisation % (committed + background) / supply; band: u under-used, h healthy, r at risk, O over-allocated, - no capacity")
            let width = min(max(report.groups.map(\.name.count).max() ?? 10, 10), 36)
            say("group".padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                + table.periods.map { $0.label.padding(toLength: 9, withPad: " ", startingAt: 0) }.joined(separator: " "))
            for group in report.groups {
                let name = String(group.name.prefix(width)).padding(toLength: width, withPad: " ", startingAt: 0)
                let cells = group.periods.map { c -> String in
                    let pct = c.utilisationPct.map { String(format: "%.0f%%", $0) } ?? (c.band == "over_allocated" ? "∞" : "—")
                    let mark = switch c.band {
                    case "under_used": "u"
                    case "healthy": "h"
                    case "at_risk": "r"
                    case "over_allocated": "O"
                    default: "-"
                    }
                    return (pct + " " + mark).padding(toLength: 9, withPad: " ", startingAt: 0)
                }
                say(name + "  " + cells.joined(separator: " "))
            }
            if report.groups.isEmpty { say("(no resources and no demand in this range)") }
        }
    }
}
