import Foundation
import GantryInterchange
import GantryModel
import GantryServices
import Testing

/// `ScheduleVerification` on the public corpus (`../shared/data/schedules`), against MPXJ's own schedulers scored by
/// `../shared/tools/mpxj_oracle.py compare mspdi mspdi-derived xer gan p6xml --json /tmp/mpxj-compare.json` (run on
/// the whole corpus, 2026-11-28):
///
/// | folder        | MPXJ: non-summary tasks agreeing on all fields | files MPXJ agrees on fully |
/// |---------------|------------------------------------------------|----------------------------|
/// | mspdi         | 530 / 592 (89.5 %)                             | 20                         |
/// | mspdi-derived | 267 / 308 (86.7 %)                             | 17                         |
/// | xer           |  10 /  17 (58.8 %)                             |  1                         |
/// | gan           |  29 /  38 (76.3 %)                             | 23                         |
/// | p6xml         |   5 /   5 (100 %)                              |  5                         |
///
/// MPXJ counts manually scheduled tasks as leaf tasks; Gantry counts them apart, so the comparison here adds
/// Gantry's leaf and manual tasks. Gantry must reach at least MPXJ's share per folder, and agree fully wherever
/// MPXJ does (one known exception below). Not 100 % everywhere: split, timephased and resource-driven tasks and
/// stale stored late dates are known misses for both.
@Suite("Schedule verification: the public corpus")
struct ScheduleVerificationCorpusTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("../shared/data/schedules").standardizedFileURL

    /// MPXJ's share of leaf tasks agreeing on all fields, per folder (the table above).
    static let mpxjFloor: [String: Double] = [
        "mspdi": 530.0 / 592, "mspdi-derived": 267.0 / 308, "xer": 10.0 / 17, "gan": 29.0 / 38, "p6xml": 5.0 / 5,
    ]

    /// The files on which MPXJ agrees fully (`file_agrees` in /tmp/mpxj-compare.json), per folder.
    static let mpxjFull: [String: [String]] = [
        "mspdi": [
            "gp_holidays.xml",
            "gp_issue2659.xml",
            "mpxj_DefaultDurationFormat.xml",
            "mpxj_enterprise.xml",
            "mpxj_gen_assignment-assignments-project2003.xml",
            "mpxj_gen_assignment-assignments-project2019.xml",
            "mpxj_gen_task-baselines-project2003.xml",
            "mpxj_gen_task-baselines-project2019.xml",
            "mpxj_gen_task-dates-project2003.xml",
            "mpxj_gen_task-dates-project2019.xml",
            "mpxj_gen_task-durations-project2003.xml",
            "mpxj_gen_task-durations-project2019.xml",
            "mpxj_gen_task-finishes-project2019.xml",
            "mpxj_gen_task-links-project2003.xml",
            "mpxj_gen_task-starts-project2003.xml",
            "mpxj_gen_task-starts-project2019.xml",
            "mpxj_legacy_mspextattr.xml",
            "mpxj_legacy_sample.xml",
            "mpxj_mspdiassignmentcustom.xml",
            "mpxj_mspdinulltasks.xml",
        ],
        "mspdi-derived": [
            "mpxj_SubprojectA-9.mspdi.xml",
            "mpxj_generated_task-dates_task-dates-project2019-mpp14.mspdi.xml",
            "mpxj_generated_task-durations_task-durations-project2019-mpp14.mspdi.xml",
            "mpxj_legacy_bug3.mspdi.xml",
            "mpxj_legacy_sample.mspdi.xml",
            "mpxj_legacy_sample98.mspdi.xml",
            "mpxj_mpp14baselines.mspdi.xml",
            "mpxj_mpp14calendar.mspdi.xml",
            "mpxj_mpp14enterprise.mspdi.xml",
            "mpxj_mpp14nulltasks.mspdi.xml",
            "mpxj_mpp14recurring.mspdi.xml",
            "mpxj_mpp14relations.mspdi.xml",
            "mpxj_mpp14task.mspdi.xml",
            "mpxj_resource_resource-type_sf235.mspdi.xml",
            "mpxj_resource_resource-type_sf256.mspdi.xml",
            "mpxj_task_task-deletion_task-deletion2-project2013-mpp14.mspdi.xml",
            "mpxj_timephased-budget.mspdi.xml",
        ],
        "xer": [
            "mpxj_resource-rates-test.xer",
        ],
        "gan": [
            "tsgp_baseline_baseline-with-milestone.gan",
            "tsgp_baseline_baseline-with-subtasks.gan",
            "tsgp_baseline_basic-baseline.gan",
            "tsgp_baseline_endDate_task-in-baseline-crossing-one-off-holiday.gan",
            "tsgp_baseline_endDate_task-in-baseline-crossing-recurring-holiday.gan",
            "tsgp_baseline_endDate_task-in-baseline-crossing-weekends-and-no-tasks-can-run-on-weekends.gan",
            "tsgp_baseline_endDate_task-in-baseline-crossing-weekends-and-tasks-can-run-on-weekends.gan",
            "tsgp_task_endDate_task-crossing-one-off-holiday.gan",
            "tsgp_task_endDate_task-crossing-recurring-holiday.gan",
            "tsgp_task_endDate_task-crossing-weekends-and-no-tasks-can-run-on-weekends.gan",
            "tsgp_task_endDate_task-crossing-weekends-and-tasks-can-run-on-weekends.gan",
            "tsgp_task_milestone-task.gan",
            "tsgp_task_task-on-work-days.gan",
            "tsgp_task_task-with-color.gan",
            "tsgp_task_task-with-completion-percentage.gan",
            "tsgp_task_task-with-custom-properties.gan",
            "tsgp_task_task-with-earliest-start-date.gan",
            "tsgp_task_task-with-manual-cost.gan",
            "tsgp_task_task-with-notes.gan",
            "tsgp_task_task-with-priority.gan",
            "tsgp_task_task-with-shape.gan",
            "tsgp_task_task-with-web-link.gan",
            "tsgp_view_task-shown-in-timeline.gan",
        ],
        "p6xml": [
            "mpxj_PredecessorCalendar.xml",
            "mpxj_ProjectDefaultCalendar.xml",
            "mpxj_SuccessorCalendar.xml",
            "mpxj_TwentyFourHourCalendar.xml",
            "mpxj_resource-rates-test.xml",
        ],
    ]

    static func files(_ folder: String) -> [URL] {
        let dir = root.appendingPathComponent(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { ["xml", "xer", "gan"].contains(($0 as NSString).pathExtension.lowercased()) }.sorted()
            .map { dir.appendingPathComponent($0) }
    }

    static func verify(_ url: URL) -> ScheduleVerification.FileAgreement? {
        guard let data = FileManager.default.contents(atPath: url.path),
              let file = try? ProjectFileReader.read(data) else { return nil }
        return ScheduleVerification.verify(file)
    }

    @Test("per folder, Gantry agrees on at least MPXJ's share of non-summary tasks",
          arguments: ["mspdi", "mspdi-derived", "xer", "gan", "p6xml"])
    func floor(_ folder: String) throws {
        let files = Self.files(folder)
        try #require(!files.isEmpty, "no files in \(folder): is ../shared beside the repository?")
        var leaf = 0, agree = 0
        for url in files {
            let a = Self.verify(url)
            leaf += (a?.leaf.tasks ?? 0) + (a?.manual.tasks ?? 0)
            agree += (a?.leaf.agreeAll ?? 0) + (a?.manual.agreeAll ?? 0)
        }
        let floor = try #require(Self.mpxjFloor[folder])
        #expect(leaf > 0)
        #expect(Double(agree) / Double(max(1, leaf)) >= floor, "\(folder): \(agree)/\(leaf) below MPXJ's \(floor)")
    }

    @Test("on native MS Project files, Gantry agrees on at least 95 % of the tasks whose stored dates the file does not contradict")
    func nativeTarget() throws {
        // The issue's target. The tasks left out store a late finish their own file's project finish contradicts
        // (HardCase.staleLateFinish): 38 in mpxj_mspditimephased, mpxj_mspditimephasedsegments and
        // mpxj_mspdiduration, none of which MPXJ's scheduler reproduces either.
        var all = ScheduleVerification.TaskTally(), stale = ScheduleVerification.TaskTally()
        for url in Self.files("mspdi") {
            let a = try #require(Self.verify(url), "\(url.lastPathComponent) unreadable")
            all = all + a.leaf + a.manual
            stale = stale + a.stale
        }
        #expect(stale.agreeAll == 0, "a task named stale agrees with Gantry: the rule contradicts our own engine")
        let kept = all.tasks - stale.tasks, agreed = all.agreeAll - stale.agreeAll
        #expect(kept > 500)
        #expect(Double(agreed) / Double(kept) >= 0.95, "\(agreed)/\(kept)")
    }

    @Test("wherever MPXJ agrees fully, Gantry does too", arguments: ["mspdi", "mspdi-derived", "xer", "gan", "p6xml"])
    func fullAgreement(_ folder: String) throws {
        for name in Self.mpxjFull[folder] ?? [] {
            let a = try #require(Self.verify(Self.root.appendingPathComponent(folder).appendingPathComponent(name)))
            #expect(a.leaf.agreeAll == a.leaf.tasks && a.manual.agreeAll == a.manual.tasks,
                    "\(folder)/\(name): \(a.leaf.agreeAll)/\(a.leaf.tasks) \(a.mismatches.prefix(5))")
        }
    }

    @Test("every corpus file is verified without a crash, and an unreadable one is an error, not a trap")
    func everyFile() {
        for folder in ["xer", "gan", "p6xml", "mspdi", "mspdi-derived"] {
            for url in Self.files(folder) { _ = Self.verify(url) }
        }
        #expect(throws: InterchangeError.self) { try ProjectFileReader.read(Data("not a schedule".utf8)) }
    }
}

/// A completed activity's late dates in real progressed P6 updates (`xer-progressed`): P6 stores its late start
/// equal to its late finish, taken from its successors. Where Gantry agrees with P6 on every successor's late dates,
/// it must agree on the completed activity's too; the files store the expected dates.
@Suite("Schedule verification: completed activities in progressed P6 updates")
struct CompletedActivityLateDateTests {
    @Test("a completed activity whose successors agree with P6 agrees on its late start and finish",
          arguments: ["sixterminal_colorado_update_1.xer", "sixterminal_fairfax_update_1.xer", "sixterminal_mtjuliet_update_1.xer"])
    func completedLateDates(_ name: String) throws {
        let url = ScheduleVerificationCorpusTests.root.appendingPathComponent("xer-progressed/\(name)")
        let file = try XERReader.read(Data(contentsOf: url))
        let agreement = ScheduleVerification.verify(file)
        let late: Set<ScheduleVerification.Field> = [.lateStart, .lateFinish]
        let lateMiss = Set(agreement.mismatches.filter { late.contains($0.field) }.map(\.taskUID))
        let successors = Dictionary(grouping: file.links.filter { $0.crossProject == nil }, by: \.predecessorUID)
            .mapValues { $0.map(\.successorUID) }
        var checked = 0
        for task in file.tasks where !task.summary && task.actualFinish != nil {
            guard let next = successors[task.uid], !next.isEmpty, next.allSatisfy({ !lateMiss.contains($0) }) else { continue }
            checked += 1
            #expect(!lateMiss.contains(task.uid), "\(task.uid) \(task.name): its successors agree, its late dates do not")
        }
        // Not vacuous: each of these updates has completed activities with successors Gantry agrees on.
        #expect(checked >= 5, "only \(checked) completed activities were checked")
    }

    /// `sixterminal_colorado_update_12.xer` (data date 2026-04-01) holds an out-of-sequence chain: "Irrigation
    /// Systems East and South" (55911194) is complete though its predecessor "Final Inspections" (55911188) has not
    /// started (early finish 2026-04-14 17:00); P6 stores the completed activity's early dates at that finish, and
    /// "Delay - North and West Frozen Ground" (64804225), under way after it, with its remaining work from
    /// 2026-04-15 08:00 to 2026-05-07 17:00. That finish drives the project, so every late date depends on it.
    @Test("a completed activity passes its unfinished predecessor's logic on to the work after it, as P6 stores")
    func completedLogic() throws {
        let url = ScheduleVerificationCorpusTests.root.appendingPathComponent("xer-progressed/sixterminal_colorado_update_12.xer")
        let file = try XERReader.read(Data(contentsOf: url))
        let agreement = ScheduleVerification.verify(file)
        for uid in ["55911188", "55911194", "64804225"] {
            #expect(!agreement.mismatches.contains { $0.taskUID == uid }, "\(uid): \(agreement.mismatches.filter { $0.taskUID == uid })")
        }
        let delay = try #require(file.tasks.first { $0.uid == "64804225" })
        #expect(delay.stored.earlyStart?.formatted() == "2026-04-15T08:00")
        #expect(delay.actualStart != nil && delay.actualFinish == nil)
    }

    /// What Gantry does not model is named, not hidden: `jaggelas_test.xer` has activities with P6 suspend dates
    /// (counted here from the file's own TASK rows of the exported project, 4533), and each is in the `suspended`
    /// category of the agreement.
    @Test("activities with P6 suspend dates are named as a category Gantry does not yet reproduce")
    func suspendedNamed() throws {
        let url = ScheduleVerificationCorpusTests.root.appendingPathComponent("xer-progressed/jaggelas_test.xer")
        let data = try Data(contentsOf: url)
        let file = try XERReader.read(data)
        let text = String(decoding: data, as: UTF8.self)
        var fields: [String] = [], inTask = false, suspended = 0
        for line in text.split(separator: "\n") {
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map { String($0.trimmingCharacters(in: .newlines)) }
            if cells.first == "%T" { inTask = cells.count > 1 && cells[1] == "TASK" }
            if inTask && cells.first == "%F" { fields = Array(cells.dropFirst()) }
            if inTask && cells.first == "%R", let i = fields.firstIndex(of: "suspend_date"), let p = fields.firstIndex(of: "proj_id"),
               i + 1 < cells.count, !cells[i + 1].isEmpty, cells[p + 1] == "4533" {
                suspended += 1
            }
        }
        #expect(suspended > 0)
        let a = ScheduleVerification.verify(file)
        #expect(a.hardCases[.suspended]?.tasks == suspended)
    }

    /// `jaggelas_test.xer`, scheduled under P6's progress override (MPXJ's scheduler always applies retained logic,
    /// so it agrees on 236): Gantry agrees with P6's stored dates on 690 of its 692 activities (2026-12-07; 395
    /// before completed work stopped holding its successors past the data date, 462 before as-late-as-possible
    /// activities took only their free float under progress override too, 640 before an activity was critical at
    /// the project's threshold, 40 h of total float, as P6 flags it, 680 before completed work stopped limiting
    /// late dates and free float under progress override, 687 before a mandatory date before the data date left
    /// the early dates at the data date, 688 before work started out of sequence stopped limiting them too). A
    /// floor, as the hotel's.
    @Test("the progress-override schedule jaggelas_test.xer agrees with P6 at least as often as it did")
    func jaggelasFloor() throws {
        let url = ScheduleVerificationCorpusTests.root.appendingPathComponent("xer-progressed/jaggelas_test.xer")
        let a = ScheduleVerification.verify(try XERReader.read(Data(contentsOf: url)))
        #expect(a.leaf.tasks == 692)
        #expect(a.leaf.agreeAll >= 690, "\(a.leaf.agreeAll)/\(a.leaf.tasks); \(a.mismatches.prefix(5))")
    }

    /// MPXJ's `PrimaveraScheduler` on `xer-progressed`, leaf activities agreeing on every field, per file
    /// (`../shared/tools/mpxj_oracle.py compare ../shared/data/schedules/xer-progressed --json`, run 2026-12-07):
    /// 6,243 of the construction files' 6,253, `jaggelas_test.xer` 236 of 692; the hotel file it does not schedule
    /// (it reads the first project, which has no activities).
    static let mpxjAgrees: [String: Int] = [
        "jaggelas_test.xer": 236,
        "sixterminal_colorado_baseline.xer": 186, "sixterminal_colorado_update_1.xer": 188,
        "sixterminal_colorado_update_2.xer": 234, "sixterminal_colorado_update_3.xer": 240,
        "sixterminal_colorado_update_4.xer": 231, "sixterminal_colorado_update_5.xer": 231,
        "sixterminal_colorado_update_6.xer": 232, "sixterminal_colorado_update_7.xer": 230,
        "sixterminal_colorado_update_8.xer": 248, "sixterminal_colorado_update_9.xer": 250,
        "sixterminal_colorado_update_10.xer": 259, "sixterminal_colorado_update_11.xer": 266,
        "sixterminal_colorado_update_12.xer": 274,
        "sixterminal_fairfax_update_1.xer": 200, "sixterminal_fairfax_update_2.xer": 200,
        "sixterminal_fairfax_update_3.xer": 205, "sixterminal_fairfax_update_4.xer": 209,
        "sixterminal_fairfax_update_5.xer": 210,
        "sixterminal_mtjuliet_baseline.xer": 290, "sixterminal_mtjuliet_update_1.xer": 290,
        "sixterminal_mtjuliet_update_2.xer": 292, "sixterminal_mtjuliet_update_3.xer": 295,
        "sixterminal_mtjuliet_update_4.xer": 295, "sixterminal_mtjuliet_update_5.xer": 344,
        "sixterminal_mtjuliet_update_6.xer": 344,
    ]
    @Test("on every real progressed P6 update, Gantry agrees at least as often as MPXJ")
    func progressedFloor() throws {
        var checked = 0
        for (name, mpxj) in Self.mpxjAgrees.sorted(by: { $0.key < $1.key }) {
            let url = ScheduleVerificationCorpusTests.root.appendingPathComponent("xer-progressed/\(name)")
            let a = ScheduleVerification.verify(try XERReader.read(Data(contentsOf: url)))
            #expect(a.leaf.agreeAll >= mpxj, "\(name): \(a.leaf.agreeAll)/\(a.leaf.tasks), MPXJ \(mpxj); \(a.mismatches.prefix(5))")
            checked += 1
        }
        #expect(checked == 26)
    }

    /// The hotel file, which MPXJ does not schedule: its 4,217 activities (not progressed, the file's fourth
    /// project) agree with P6's stored dates on 4,215 (2026-12-07; 1,271 before late finishes ended at the end of
    /// working time, start milestones started at a working time and its 20 as-late-as-possible activities took
    /// only their free float, as P6 has them). A floor, so that a change that loses agreement here is seen.
    @Test("the 4,217-activity hotel schedule agrees with P6 at least as often as it did")
    func hotelFloor() throws {
        let url = ScheduleVerificationCorpusTests.root.appendingPathComponent("xer-progressed/p6viewer_hotel_project.xer")
        let a = ScheduleVerification.verify(try XERReader.read(Data(contentsOf: url)))
        #expect(a.leaf.tasks == 4_217)
        #expect(a.leaf.agreeAll >= 4_215, "\(a.leaf.agreeAll)/\(a.leaf.tasks); \(a.mismatches.prefix(5))")
    }
}
