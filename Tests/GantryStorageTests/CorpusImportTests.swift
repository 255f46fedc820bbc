import Foundation
import GantryInterchange
import GantryModel
import GantryScheduling
import GantryServices
import GantryStorage
import Testing

/// Every public corpus file, intact and damaged, imported through the service on a real store: each import either
/// stores the whole plan the report describes, or is refused with a reason and leaves the store exactly as it was
/// (the import is one transaction). Damage as in CorpusMutationTests: truncation, a task twice, corrupt numbers.
@Suite("Importing the corpus, intact and damaged: all or nothing")
struct CorpusImportTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("../shared/data/schedules").standardizedFileURL

    static var corpus: [URL] {
        ["mspdi", "mspdi-derived", "xer", "gan", "p6xml", "xer-progressed"].flatMap { folder -> [URL] in
            let dir = root.appendingPathComponent(folder)
            return ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).sorted().map { dir.appendingPathComponent($0) }
        }
    }

    /// Row counts of everything an import writes.
    static func counts(_ store: SQLStore) async throws -> [Int] {
        try await store.read { s in
            [try await s.count(Project.self, [:]), try await s.count(Activity.self, [:]),
             try await s.count(Dependency.self, [:]), try await s.count(WorkCalendar.self, [:]),
             try await s.count(Resource.self, [:]), try await s.count(Assignment.self, [:]),
             try await s.count(Baseline.self, [:]), try await s.count(ImportReport.self, [:])]
        }
    }

    static func damaged(_ bytes: [UInt8]) -> [(String, [UInt8])] {
        var out: [(String, [UInt8])] = [("intact", bytes), ("truncated at half", Array(bytes.prefix(bytes.count / 2)))]
        if let a = firstRange(of: Array("<Task>".utf8), in: bytes), let b = firstRange(of: Array("</Task>".utf8), in: bytes, from: a.upperBound) {
            var twice = bytes
            twice.insert(contentsOf: bytes[a.lowerBound..<b.upperBound], at: b.upperBound)
            out.append(("a task twice", twice))
        }
        // The middle number of the file made absurd.
        var runs: [Range<Int>] = []
        var start: Int?
        for (i, b) in bytes.enumerated() {
            let digit = b >= 48 && b <= 57
            if digit, start == nil { start = i }
            if !digit, let s = start { runs.append(s..<i); start = nil }
        }
        if !runs.isEmpty {
            var absurd = bytes
            absurd.replaceSubrange(runs[runs.count / 2], with: Array("99999999999999999999".utf8))
            out.append(("a number absurd", absurd))
        }
        return out
    }

    /// A file imported through the service into a new portfolio, as the system: the project it became, and the moment.
    static func imported(_ url: URL, into store: SQLStore) async throws -> (Project, Timestamp) {
        let now = Timestamp.at("2026-11-28T09:00:00.000Z")
        let portfolio = try await Catalog(store: store, clock: FixedClock(time: now))
            .create(Portfolio(code: "PF", name: "Portfolio", createdAt: now, updatedAt: now), .system)
        let report = try await Interchange(store: store, clock: FixedClock(time: now), secrets: PlainSecrets())
            .importFile(Data(contentsOf: url), fileName: url.lastPathComponent, into: portfolio.id, .system)
        return (try #require(try await store.read { try await $0.get(Project.self, report.projectId) }), now)
    }

    static func firstRange(of needle: [UInt8], in bytes: [UInt8], from: Int = 0) -> Range<Int>? {
        guard bytes.count >= needle.count else { return nil }
        var i = from
        while i <= bytes.count - needle.count {
            if bytes[i] == needle[0] && bytes[i..<(i + needle.count)].elementsEqual(needle) { return i..<(i + needle.count) }
            i += 1
        }
        return nil
    }

    @Test("each corpus file, intact and damaged, is imported whole or refused with nothing stored")
    func corpus() async throws {
        #expect(Self.corpus.count >= 100)
        try await TestDatabase.with(.sqlite) { store, _ in
            let now = Timestamp.at("2026-11-28T09:00:00.000Z")
            let portfolio = try await Catalog(store: store, clock: FixedClock(time: now))
                .create(Portfolio(code: "PF", name: "Portfolio", createdAt: now, updatedAt: now), .system)
            let service = Interchange(store: store, clock: FixedClock(time: now), secrets: PlainSecrets())
            var imported = 0, refused = 0
            for file in Self.corpus {
                let bytes = [UInt8](try Data(contentsOf: file))
                for (label, variant) in Self.damaged(bytes) {
                    let before = try await Self.counts(store)
                    do {
                        let report = try await service.importFile(Data(variant), fileName: file.lastPathComponent,
                                                                  into: portfolio.id, .system)
                        imported += 1
                        let after = try await Self.counts(store)
                        let stored = try await store.read { s in
                            [try await s.count(Activity.self, ["project_id": .int(report.projectId.rawValue)]),
                             try await s.count(Dependency.self, ["project_id": .int(report.projectId.rawValue)]),
                             try await s.count(Assignment.self, ["project_id": .int(report.projectId.rawValue)])]
                        }
                        #expect(stored == [report.counts.activities, report.counts.dependencies, report.counts.assignments],
                                "\(file.lastPathComponent) \(label): the report says what was stored")
                        #expect(after[0] == before[0] + 1 && after[7] == before[7] + 1, "\(file.lastPathComponent) \(label)")
                    } catch let error as ServiceError {
                        refused += 1
                        #expect(!error.message.isEmpty)
                        #expect([.invalid, .dependencyCycle, .conflict].contains(error.code),
                                "\(file.lastPathComponent) \(label): refused as \(error.code): \(error.message)")
                        let after = try await Self.counts(store)
                        #expect(after == before, "\(file.lastPathComponent) \(label): a refused import stored something")
                        if label == "intact" { Issue.record("\(file.lastPathComponent) could not be imported: \(error.message)") }
                    }
                }
            }
            #expect(imported > 0 && refused > 0)
        }
    }

    /// A progressed P6 update imported (`xer-progressed/sixterminal_colorado_update_12.xer`, data date
    /// 2026-04-01): the project keeps P6's rules and its data date, and right after import its schedule is the one
    /// P6 stored — every activity's start and finish in the plan editor's grid (actual dates for work done or
    /// under way, early dates for the rest) equal the file's, for the activities whose names are unique.
    @Test("an imported progressed P6 update keeps its data date and P6's rules, and its schedule is P6's")
    func progressedP6() async throws {
        let url = Self.root.appendingPathComponent("xer-progressed/sixterminal_colorado_update_12.xer")
        let file = try XERReader.read(Data(contentsOf: url))
        try await TestDatabase.with(.sqlite) { store, _ in
            let (project, now) = try await Self.imported(url, into: store)
            #expect(project.schedulingRules == .p6)
            #expect(project.statusDate == CalendarDate(iso: "2026-04-01"))
            let grid = try await PlanEditor(store: store, clock: FixedClock(time: now)).grid(project.id, .system)
            // A finish at a day's end and the next working day's start are one instant on the project's calendar.
            let calendarId = try #require(project.calendarId)
            let stored = try #require(try await store.read { try await $0.get(WorkCalendar.self, calendarId) })
            let calendar = try CompiledCalendar(stored, from: CalendarDate(iso: "2024-01-01")!, through: CalendarDate(iso: "2027-12-31")!)
            func same(_ a: LocalDateTime, _ b: LocalDateTime) -> Bool {
                a == b || calendar.working(at: a.minutesSinceEpoch) == calendar.working(at: b.minutesSinceEpoch)
            }
            let names = Dictionary(grouping: file.tasks.filter { !$0.summary }, by: \.name)
            var compared = 0, differing: [String] = []
            for row in grid.rows where row.kind != .summary {
                guard let task = names[row.name], task.count == 1, let t = task.first else { continue }
                let start = t.actualStart ?? t.stored.earlyStart, finish = t.actualFinish ?? t.stored.earlyFinish
                guard let start, let finish, let ours = row.start, let oursFinish = row.finish else { continue }
                compared += 1
                if !same(ours, start) || !same(oursFinish, finish) {
                    differing.append("\(row.name): ours \(ours.formatted())–\(oursFinish.formatted()), P6 \(start.formatted())–\(finish.formatted())")
                }
            }
            #expect(compared > 180)
            #expect(differing.isEmpty, "\(differing.count) of \(compared) differ: \(differing.prefix(8))")
        }
    }
}
