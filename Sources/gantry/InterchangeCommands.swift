import ArgumentParser
import Foundation
import GantryModel
import GantryServices
import GantryStorage
import GantryWeb
import Logging

/// Plans in and out from the command line: the same import and exports as the web UI and the API, run as the
/// system on the server's machine.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import an MS Project XML, Primavera P6 XER/XML or GanttProject file as a new project.",
        discussion: """
            The format is read from the file's content, not its name. The whole file is imported in one \
            transaction: tasks (with the WBS), links (type and lag), calendars, resources (an existing resource \
            of the same name is reused), assignments and baselines 0–10. A file that cannot be read, or whose \
            links form a cycle, is refused whole with the element, line or cycle named; nothing is stored.

            The report lists what was made, every warning, what the file holds that Gantry does not keep, and how \
            Gantry's engine agrees with the dates the file stores.

            Examples:
              gantry import plan.xml --portfolio DIG
              gantry import export.xer --portfolio INF --code REFINERY --name "Refinery turnaround" --json
            """)

    @Argument(help: ArgumentHelp("The file to import (.xml, .xer, .gan).", valueName: "file"))
    var file: String

    @Option(help: ArgumentHelp("The code of the portfolio the new project joins.", valueName: "code"))
    var portfolio: String

    @Option(help: ArgumentHelp("The new project's code (default: from the file name).", valueName: "code"))
    var code: String?

    @Option(help: ArgumentHelp("The new project's name (default: the file's).", valueName: "name"))
    var name: String?

    @Option(help: ArgumentHelp("Which project of a P6 file that holds several: its id or short name (XER), Id or ObjectId (P6 XML). Default: the exported project with the most activities.", valueName: "id|code"))
    var project: String?

    @Flag(help: "Print the import report as JSON (the same document as POST /api/v1/portfolios/{id}/imports).")
    var json = false

    @OptionGroup var db: DatabaseOptions

    func run() async throws {
        let settings = Settings(db)
        let logger = Runtime.bootstrapLogging(level: try settings.logLevel())
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: file)) } catch {
            throw CLIError("cannot read \(file): \(error.localizedDescription)")
        }
        let (portfolioCode, projectCode, projectName, path, chosen) = (portfolio, code, name, file, project)
        let fileName = URL(fileURLWithPath: file).lastPathComponent
        let report = try await Runtime.withStore(settings, logger: logger) { store in
            guard let p = try await store.read({ try await $0.list(Portfolio.self, ListQuery(filters: ["code": .text(portfolioCode)], limit: 1)) }).first else {
                throw CLIError("no portfolio has the code '\(portfolioCode)'; `gantry` lists them at /portfolios or GET /api/v1/portfolios")
            }
            logger.info("importing", metadata: ["file": .string(path), "bytes": .stringConvertible(data.count), "portfolio": .string(portfolioCode)])
            return try await Interchange(store: store, clock: SystemClock(), secrets: SystemSecrets())
                .importFile(data, fileName: fileName, into: p.id, code: projectCode, name: projectName, project: chosen, .system)
        }
        if json {
            say(String(decoding: try JSONValueEncoder().encode(report).serialized(), as: UTF8.self))
            return
        }
        let c = report.counts
        say("imported \(report.fileName) (\(report.format)\(report.application.isEmpty ? "" : ", " + report.application)) as project \(report.projectId)")
        say("  \(c.activities) activities (\(c.summaries) summaries, \(c.milestones) milestones), \(c.dependencies) links, \(c.calendars) calendars")
        say("  resources: \(c.resourcesCreated) created, \(c.resourcesReused) reused; \(c.assignments) assignments; \(c.baselines) baselines")
        if let a = report.agreement {
            if let e = a.error { say("  agreement with the stored dates: not computed (\(e))") }
            else { say("  agreement with the stored dates: \(a.agreeAll)/\(a.leafTasks) tasks (\(String(format: "%.1f", a.agreePercent)) %) in every field") }
        }
        for w in report.warnings.prefix(20) { say("  warning: \(w)") }
        if report.warnings.count > 20 {
            say("  … and \(report.warnings.count - 20) more warnings: --json prints them all, and the import report at /imports/\(report.id) lists them")
        }
        for (what, n) in report.unmodelled.sorted(by: { $0.key < $1.key }) { say("  not kept: \(what) (\(n))") }
    }
}

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a project as MS Project XML, CSV or an Excel workbook.",
        discussion: """
            MS Project XML (mspdi) carries the whole plan: tasks with the WBS, links with their lags, calendars, \
            resources, assignments, baselines and the computed dates; MS Project, ProjectLibre and MPXJ read it. \
            CSV and XLSX hold the activity table (WBS, dates, late dates, floats, critical, predecessors, \
            resources). The schedule is computed first if the project changed since it last was.

            Examples:
              gantry export ERP --format mspdi --out erp.xml
              gantry export ERP --format xlsx            # writes ERP.xlsx
              gantry export ERP --format csv --out -     # to standard output
            """)

    @Argument(help: ArgumentHelp("The project's code.", valueName: "project"))
    var project: String

    @Option(help: ArgumentHelp("mspdi, csv or xlsx.", valueName: "format"))
    var format: String = "mspdi"

    @Option(help: ArgumentHelp("Where to write (default: the project code with the format's extension; - for standard output).", valueName: "file"))
    var out: String?

    @OptionGroup var db: DatabaseOptions

    func run() async throws {
        guard let chosen = Interchange.ProjectFormat(rawValue: format.lowercased()) else {
            throw CLIError("--format '\(format)' is not one of: " + Interchange.ProjectFormat.allCases.map(\.rawValue).joined(separator: ", "))
        }
        let settings = Settings(db)
        let logger = Runtime.bootstrapLogging(level: try settings.logLevel())
        let code = project
        let file = try await Runtime.withStore(settings, logger: logger) { store in
            guard let p = try await store.read({ try await $0.list(Project.self, ListQuery(filters: ["code": .text(code)], limit: 1)) }).first else {
                throw CLIError("no project has the code '\(code)'")
            }
            return try await Interchange(store: store, clock: SystemClock(), secrets: SystemSecrets())
                .export(project: p.id, as: chosen, .system)
        }
        let target = out ?? file.fileName
        if target == "-" {
            FileHandle.standardOutput.write(file.data)
            return
        }
        do { try file.data.write(to: URL(fileURLWithPath: target)) } catch {
            throw CLIError("cannot write \(target): \(error.localizedDescription)")
        }
        FileHandle.standardError.write(Data("wrote \(target) (\(file.data.count) bytes)\n".utf8))
    }
}
