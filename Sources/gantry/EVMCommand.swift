import ArgumentParser
import Foundation
import GantryAnalytics
import GantryModel
import GantryServices
import GantryStorage
import GantryWeb

/// `gantry evm`: a project's earned value and earned schedule at a status date against a baseline, as a table or
/// JSON, from the same computation as the project's money page (MoneyReports).
struct EVMCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evm",
        abstract: "A project's earned value and earned schedule at a status date (BAC, PV, EV, AC, indices, forecasts).",
        discussion: """
            Measures the project against its performance baseline (or --baseline NAME) at the status date (--as-of, \
            else the project's status date, else today):
              BAC  the baseline's whole cost: its activities' assignments (units × working minutes × the rate in \
            force each day) plus their fixed cost
              PV   the baseline's cost planned through the status date
              EV   each activity's BAC × its % complete (physical % complete where set), summed
              AC   approved timesheet lines and expenses through the status date
              SV = EV − PV, CV = EV − AC, SPI = EV / PV, CPI = EV / AC
              EAC  four ways: typical BAC / CPI; atypical AC + (BAC − EV); cost and schedule
                   AC + (BAC − EV) / (CPI × SPI); bottom-up AC + the plan's remaining work and fixed cost at today's rates
              ETC = EAC − AC and VAC = BAC − EAC, with the typical EAC
              TCPI to BAC (BAC − EV) / (BAC − AC); to EAC (BAC − EV) / (EAC − AC), the typical EAC
              ES   earned schedule in calendar days from the baseline's first planned day: the day the baseline \
            planned today's EV, interpolated (Lipke); AT is the days through the status date, PD the days the \
            baseline spans; SV(t) = ES − AT, SPI(t) = ES / AT, IEAC(t) = PD / SPI(t), in days

            Amounts are in the project's currency, printed exactly ("4320.00"); ratios and days are rounded to 4 \
            places. A measure whose denominator is zero (CPI before any cost is approved) is undefined: the table \
            says why, and the JSON gives null with the reason under "undefined", never 0 or NaN.

            --json prints one object: bac, pv, ev, ac, sv, cv, spi, cpi, eac_typical, eac_atypical, \
            eac_cost_and_schedule, eac_bottom_up, etc, vac, tcpi_bac, tcpi_eac, es, sv_t, spi_t, ieac_t, currency, \
            status_date, baseline and undefined (measure name → reason).

            Examples:
              gantry evm --project ERP
              gantry evm --project ERP --as-of 2027-03-31 --baseline "Re-plan" --json | jq .cpi
            """)

    @Option(help: ArgumentHelp("The project's code.", valueName: "code"))
    var project: String

    @Option(name: .customLong("as-of"), help: ArgumentHelp(
        "The status date, YYYY-MM-DD (default: the project's status date, else today).", valueName: "date"))
    var asOf: String?

    @Option(help: ArgumentHelp("Measure against this baseline (default: the performance baseline).", valueName: "name"))
    var baseline: String?

    @Flag(help: "Print JSON (amounts and ratios as decimal strings; undefined measures null, with the reason under \"undefined\").")
    var json = false

    @OptionGroup var db: DatabaseOptions

    func validate() throws {
        if let asOf, CalendarDate(iso: asOf) == nil { throw ValidationError("--as-of '\(asOf)' is not a date like 2027-03-31") }
    }

    func run() async throws {
        let settings = Settings(db)
        let logger = Runtime.bootstrapLogging(level: try settings.logLevel())
        let code = project, baselineName = baseline, date = asOf.flatMap { CalendarDate(iso: $0) }
        let report = try await Runtime.withStore(settings, logger: logger) { store in
            try await Self.measure(code: code, asOf: date, baseline: baselineName, in: store)
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            say(String(decoding: try encoder.encode(report), as: UTF8.self))
            return
        }
        for line in report.table { say(line) }
    }

    /// The report of the project with `code`, or an error naming what is missing.
    static func measure(code: String, asOf: CalendarDate?, baseline name: String?, in store: any Store) async throws -> EVMReport {
        guard let project = try await store.read({ try await $0.list(Project.self, ListQuery(filters: ["code": .text(code)], limit: 1)) }).first else {
            throw CLIError("no project has the code '\(code)'; the projects are listed at /projects or GET /api/v1/projects")
        }
        var baselineId: Baseline.ID?
        if let name {
            let baselines = try await store.read { try await $0.list(Baseline.self, ListQuery(filters: ["project_id": .int(project.id.rawValue)])) }
            guard let chosen = baselines.first(where: { $0.name == name }) else {
                throw CLIError("project \(project.code) has no baseline named '\(name)'; "
                               + (baselines.isEmpty ? "it has none yet" : "its baselines are " + baselines.map { "'\($0.name)'" }.joined(separator: ", ")))
            }
            baselineId = chosen.id
        }
        let report = try await MoneyReports(store: store, clock: SystemClock()).project(project.id, asOf: asOf, baselineId: baselineId, .system)
        guard let evm = report.evm, let baseline = report.baseline else {
            throw CLIError("no earned value for \(project.code): \(report.unavailable ?? "it has no baseline with costs")")
        }
        return EVMReport(project: project, baseline: baseline, evm)
    }
}

/// What `gantry evm` prints: the API's figures (EarnedValueFigures: amounts exact, ratios and days to 4 places,
/// undefined measures null with their reason) with the status date and the baseline, or a table of them.
struct EVMReport: Encodable {
    var project: String
    var name: String
    var statusDate: String
    var baseline: String
    var figures: EarnedValueFigures

    init(project: Project, baseline: Baseline, _ evm: ProjectEarnedValue) {
        self.project = project.code
        name = project.name
        statusDate = evm.statusDate.description
        self.baseline = baseline.name
        figures = EarnedValueFigures(evm.total, schedule: evm.earnedSchedule,
                                     noSchedule: "earned schedule is undefined: baseline '\(baseline.name)' plans no cost")
    }

    /// One object: the figures' fields, then status_date and baseline beside them.
    func encode(to encoder: any Encoder) throws {
        try figures.encode(to: encoder)
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(statusDate, forKey: Key("status_date"))
        try c.encode(baseline, forKey: Key("baseline"))
    }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ s: String) { stringValue = s }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// The rows of the table: JSON key, label, what it is, its value (nil when undefined).
    var rows: [(key: String, label: String, meaning: String, value: String?)] {
        let f = figures
        var rows: [(String, String, String, String?)] = [
            ("bac", "BAC", "budget at completion", f.bac),
            ("pv", "PV", "planned value", f.pv),
            ("ev", "EV", "earned value", f.ev),
            ("ac", "AC", "actual cost", f.ac),
            ("sv", "SV", "schedule variance, EV − PV", f.sv),
            ("cv", "CV", "cost variance, EV − AC", f.cv),
            ("spi", "SPI", "schedule performance index, EV / PV", f.spi),
            ("cpi", "CPI", "cost performance index, EV / AC", f.cpi),
        ]
        for method in ExactEstimateMethod.allCases {
            let (label, meaning, value): (String, String, String?) = switch method {
            case .typical: ("EAC typical", "BAC / CPI", f.eacTypical)
            case .atypical: ("EAC atypical", "AC + (BAC − EV)", f.eacAtypical)
            case .costAndSchedule: ("EAC cost+schedule", "AC + (BAC − EV) / (CPI × SPI)", f.eacCostAndSchedule)
            case .bottomUp: ("EAC bottom-up", "AC + the plan's remaining cost", f.eacBottomUp)
            }
            rows.append(("eac_" + Self.snakeCase(method.rawValue), label, "estimate at completion, " + meaning, value))
        }
        rows += [
            ("etc", "ETC", "estimate to complete, typical EAC − AC", f.etc),
            ("vac", "VAC", "variance at completion, BAC − typical EAC", f.vac),
            ("tcpi_bac", "TCPI to BAC", "(BAC − EV) / (BAC − AC)", f.tcpiBac),
            ("tcpi_eac", "TCPI to EAC", "(BAC − EV) / (typical EAC − AC)", f.tcpiEac),
            ("es", "ES", "earned schedule, days from the baseline's first day", f.es),
            ("sv_t", "SV(t)", "schedule variance in days, ES − AT", f.svT),
            ("spi_t", "SPI(t)", "ES / AT", f.spiT),
            ("ieac_t", "IEAC(t)", "forecast duration in days, PD / SPI(t)", f.ieacT),
        ]
        return rows.map { (key: $0.0, label: $0.1, meaning: $0.2, value: $0.3) }
    }

    /// The lines of the table; an undefined measure shows a dash and its reason.
    var table: [String] {
        let rows = rows
        var lines = ["Earned value of \(project) (\(name)) on \(statusDate) against baseline '\(baseline)', in \(figures.currency)"]
        let width = rows.map(\.label.count).max() ?? 0
        let valueWidth = rows.compactMap { $0.value?.count }.max() ?? 0
        for r in rows {
            let label = r.label.padding(toLength: width, withPad: " ", startingAt: 0)
            if let v = r.value {
                lines.append("  \(label)  \(String(repeating: " ", count: max(0, valueWidth - v.count)))\(v)  \(r.meaning)")
            } else {
                let dash = String(repeating: " ", count: max(0, valueWidth - 1)) + "—"
                lines.append("  \(label)  \(dash)  \(figures.undefined[r.key] ?? "undefined")")
            }
        }
        return lines
    }

    /// `costAndSchedule` → `cost_and_schedule`.
    static func snakeCase(_ name: String) -> String {
        name.reduce(into: "") { out, ch in
            if ch.isUppercase { out += "_" + ch.lowercased() } else { out.append(ch) }
        }
    }
}
