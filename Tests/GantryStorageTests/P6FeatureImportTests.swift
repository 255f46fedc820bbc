import Foundation
import GantryInterchange
import GantryModel
import GantryScheduling
import GantryServices
import GantryStorage
import Testing

/// P6 projects that use P6's own features, imported into Gantry: level-of-effort and WBS-summary activities,
/// expected finish dates, total float as start, finish or smallest float (files of the features differential
/// fixture, `Tests/GantryServicesTests/p6-differential-features/`, whose stored dates are MPXJ's P6 scheduler's and
/// which `gantry verify` reproduces in full). Right after import the project keeps the options and the activity
/// fields, and its schedule in the plan editor is the one the file stores: every activity's start and finish
/// (actual dates where work has started, early dates otherwise), level of effort and WBS summaries included.
@Suite("Importing P6 projects with level of effort, WBS summaries and expected finishes")
struct P6FeatureImportTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("GantryServicesTests/p6-differential-features")

    /// Data dates at a day's start (00:00 or 08:00): Gantry's status date is a day.
    @Test("the imported schedule is the file's, level of effort and WBS summaries included",
          arguments: ["net-0017.xer", "net-0030.xer", "net-0036.xer", "net-0089.xer", "net-0159.xer"])
    func imported(_ name: String) async throws {
        let url = Self.folder.appendingPathComponent(name)
        let file = try XERReader.read(Data(contentsOf: url))
        try await TestDatabase.with(.sqlite) { store, _ in
            let (project, now) = try await CorpusImportTests.imported(url, into: store)
            #expect(project.schedulingRules == .p6)
            // The float type as the file's SCHEDOPTIONS row writes it (P6's codes, as MPXJ reads them).
            let floatType: [String: TotalFloatRule] = ["FT_FF": .finish, "FT_SS": .start, "FT_Min": .smallest]
            #expect(project.totalFloat == floatType[file.schedulingOptions["sched_float_type"] ?? ""])
            #expect(project.useExpectedFinish == file.useExpectedFinish)
            #expect(project.lagCalendar == .predecessor)
            let activities = try await store.read { try await $0.list(Activity.self, ListQuery(filters: ["project_id": .int(project.id.rawValue)])) }
            let byName = Dictionary(activities.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
            var derived = 0
            for t in file.tasks where !t.summary {
                let a = try #require(byName[t.name])
                switch t.type {
                case "TT_LOE": #expect(a.derivedDates == .levelOfEffort); derived += 1
                case "TT_WBS": #expect(a.derivedDates == .wbsSummary); derived += 1
                default: #expect(a.derivedDates == nil)
                }
                #expect(a.finishMilestone == (t.type == "TT_FinMile"))
                #expect(a.expectedFinish == t.expectedFinish)
            }
            #expect(derived >= 3)

            let grid = try await PlanEditor(store: store, clock: FixedClock(time: now)).grid(project.id, .system)
            let calendar = try CompiledCalendar(week: .standard, from: CalendarDate(iso: "2023-01-01")!, through: CalendarDate(iso: "2028-12-31")!)
            // A finish at a day's end and the next working day's start are one instant.
            func same(_ a: LocalDateTime, _ b: LocalDateTime) -> Bool {
                a == b || calendar.working(at: a.minutesSinceEpoch) == calendar.working(at: b.minutesSinceEpoch)
            }
            let tasks = Dictionary(file.tasks.filter { !$0.summary }.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
            var compared = 0, differing: [String] = []
            for row in grid.rows where row.kind != .summary {
                guard let t = tasks[row.name], let start = t.start, let finish = t.finish,
                      let ours = row.start, let oursFinish = row.finish else { continue }
                compared += 1
                if !same(ours, start) || !same(oursFinish, finish) {
                    differing.append("\(row.name): ours \(ours.formatted())–\(oursFinish.formatted()), P6 \(start.formatted())–\(finish.formatted())")
                }
            }
            #expect(compared == tasks.count)
            #expect(differing.isEmpty, "\(differing.count) of \(compared) differ: \(differing.prefix(6))")
        }
    }
}
