import ArgumentParser
import Foundation
import GantryModel
import GantryServices
import GantryStorage
import Logging
import Testing
@testable import gantry

/// `gantry evm` run as a script runs it, on a database holding one small project worked by hand.
@Suite("gantry evm")
struct EVMCommandTests {
    static let t = Timestamp(millisecondsSinceEpoch: 1_804_000_000_000)
    static func d(_ s: String) -> CalendarDate { CalendarDate(iso: s)! }

    /// Project P1 (EUR) on the standard calendar, baseline "Approved plan":
    /// - A, 1–5 March 2027, Ann 100 % at 100.00/h: 800.00 a day, BAC 4,000.00, 100 % complete;
    /// - B, 8–12 March, Tom 50 % at 80.00/h (320.00 a day) and 500.00 fixed (100.00 a day): BAC 2,100.00, 50 %;
    /// - C, 10–11 March, 300.00 fixed: BAC 300.00, 0 %.
    /// Approved: Ann 9 h a day in the week of 1 March on A (4,500.00); Tom 4 h Monday to Thursday of the next week
    /// on B (1,280.00, 320.00 a day); an expense of 100.00 on C on 9 March. P2 has no baseline.
    static func database() async throws -> (dir: URL, path: String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gantry-evm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("evm.sqlite").path
        var logger = Logger(label: "gantry.evm-tests")
        logger.logLevel = .warning
        let store = try await SQLStore.open(url: path, logger: logger)
        do {
            try await store.migrate()
            let clock = FixedTime(time: t)
            let catalog = Catalog(store: store, clock: clock)
            let timesheets = Timesheets(store: store, clock: clock)
            let pf = try await catalog.create(Portfolio(code: "PF", name: "Portfolio", createdAt: t, updatedAt: t), .system)
            let p1 = try await catalog.create(Project(portfolioId: pf.id, code: "P1", name: "Portal", state: .active, createdAt: t, updatedAt: t), .system)
            _ = try await catalog.create(Project(portfolioId: pf.id, code: "P2", name: "Unplanned", state: .active, createdAt: t, updatedAt: t), .system)
            let ann = try await catalog.create(Resource(name: "Ann", createdAt: t, updatedAt: t), .system)
            let tom = try await catalog.create(Resource(name: "Tom", createdAt: t, updatedAt: t), .system)
            for (r, minor) in [(ann, Int64(100_00)), (tom, 80_00)] {
                _ = try await catalog.create(CostRate(resourceId: r.id, effectiveFrom: d("2027-01-01"), rateMinor: minor, createdAt: t, updatedAt: t), .system)
            }
            func activity(_ code: String, _ first: String, _ last: String, fixed: Int64) async throws -> Activity {
                var a = Activity(projectId: p1.id, code: code, name: "Work \(code)", duration: .days(1), plannedStart: d(first),
                                 plannedFinish: d(last), createdAt: t, updatedAt: t)
                a.fixedCostMinor = fixed
                return try await catalog.create(a, .system)
            }
            let a = try await activity("A", "2027-03-01", "2027-03-05", fixed: 0)
            let b = try await activity("B", "2027-03-08", "2027-03-12", fixed: 500_00)
            let c = try await activity("C", "2027-03-10", "2027-03-11", fixed: 300_00)
            _ = try await catalog.create(Assignment(projectId: p1.id, activityId: a.id, resourceId: ann.id, units: 100, createdAt: t, updatedAt: t), .system)
            _ = try await catalog.create(Assignment(projectId: p1.id, activityId: b.id, resourceId: tom.id, units: 50, createdAt: t, updatedAt: t), .system)
            _ = try await catalog.create(Baseline(projectId: p1.id, name: "Approved plan", createdAt: t, updatedAt: t), .system)
            _ = try await catalog.update(Activity.self, a.id, .system) { $0.percentComplete = 100 }
            _ = try await catalog.update(Activity.self, b.id, .system) { $0.percentComplete = 50 }
            try await timesheets.save(ann.id, week: d("2027-03-01"), rows: [.init(projectId: p1.id, activityId: a.id, minutes: [540, 540, 540, 540, 540, 0, 0])], .system)
            try await timesheets.save(tom.id, week: d("2027-03-08"), rows: [.init(projectId: p1.id, activityId: b.id, minutes: [240, 240, 240, 240, 0, 0, 0])], .system)
            try await timesheets.submit(ann.id, week: d("2027-03-01"), .system)
            try await timesheets.submit(tom.id, week: d("2027-03-08"), .system)
            let lines = try await catalog.all(TimesheetLine.self, .system, [:]).map(\.id)
            let expense = try await catalog.create(Expense(projectId: p1.id, activityId: c.id, spentOn: d("2027-03-09"), amountMinor: 100_00,
                                                           description: "Licence", createdAt: t, updatedAt: t), .system)
            try await timesheets.decide(lines: lines, expenses: [expense.id], .approve, .system)
            await store.close()
        } catch {
            await store.close()
            throw error
        }
        return (dir, path)
    }

    @Test("--json gives every measure as a decimal string worked by hand, the undefined ones null with their reason")
    func json() async throws {
        let (dir, db) = try await Self.database()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try ScheduleCommandTests.run(["evm", "--project", "P1", "--as-of", "2027-03-10", "--json", "--database", db, "--log-level", "warning"])
        #expect(r.status == 0, "\(r.err)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        // Cumulative PV by day from 1 March: 800, 1600, 2400, 3200, 4000, 4000, 4000, 4420, 4840, 5410 (10 March),
        // 5980, 6400. EV = 4,000.00 + 50 % × 2,100.00 = 5,050.00. AC = 4,500.00 + 3 × 320.00 + 100.00 = 5,560.00
        // (Tom's Thursday is after the status date).
        let expected: [String: String] = [
            "bac": "6400.00", "pv": "5410.00", "ev": "5050.00", "ac": "5560.00",
            "sv": "-360.00", "cv": "-510.00",
            // 5050 / 5410 = 0.93346; 5050 / 5560 = 0.90827.
            "spi": "0.9335", "cpi": "0.9083",
            // 6400 × 5560 / 5050 = 7046.3366; 5560 + 1350 = 6910; 5560 + 1350 × 5560 × 5410 / 5050² = 7152.2933.
            "eac_typical": "7046.34", "eac_atypical": "6910.00", "eac_cost_and_schedule": "7152.29",
            // ETC = 7046.3366 − 5560; VAC = 6400 − 7046.3366.
            "etc": "1486.34", "vac": "-646.34",
            // 1350 / 840 = 1.60714; 1350 / 1486.3366 = 0.90827 (the typical EAC's TCPI is the CPI).
            "tcpi_bac": "1.6071", "tcpi_eac": "0.9083",
            // 4840 (day 9) ≤ 5050 < 5410 (day 10): ES = 9 + 210 / 570 = 9.36842; AT = 10, PD = 12.
            "es": "9.3684", "sv_t": "-0.6316", "spi_t": "0.9368", "ieac_t": "12.8090",
            // Bottom-up ETC, the plan's remaining work at the rates in force on 10 March: A is done; B's record says
            // 1 day (480 min) × 50 % units × (100 − 50) % left = 120 min × 80.00/h = 160.00, and half its fixed cost,
            // 250.00; C has no one assigned and all of its 300.00 left. 710.00 + AC 5,560.00 = 6,270.00.
            "eac_bottom_up": "6270.00",
            "currency": "EUR", "status_date": "2027-03-10", "baseline": "Approved plan",
        ]
        for (key, value) in expected { #expect(doc[key] as? String == value, "\(key): \(doc[key] ?? "missing")") }
        #expect((doc["undefined"] as? [String: String])?.isEmpty ?? true, "\(doc["undefined"] ?? "")")
        #expect(Set(doc.keys).subtracting(["undefined"]) == Set(expected.keys))

        // Before any cost: CPI and the forecasts that need it are null, with why; never 0 or NaN.
        let early = try ScheduleCommandTests.run(["evm", "--project", "P1", "--as-of", "2027-02-26", "--json", "--database", db, "--log-level", "warning"])
        #expect(early.status == 0, "\(early.err)")
        let before = try #require(try JSONSerialization.jsonObject(with: Data(early.out.utf8)) as? [String: Any])
        #expect(before["ac"] as? String == "0.00" && before["pv"] as? String == "0.00")
        #expect(before["cpi"] is NSNull && before["spi"] is NSNull && before["eac_typical"] is NSNull)
        let why = try #require(before["undefined"] as? [String: String])
        #expect(why["cpi"] == "CPI is undefined: AC is 0" && why["spi"] == "SPI is undefined: PV is 0")
        // AT is 0 on 26 February, four days before the baseline's first day: SPI(t) is undefined.
        #expect(before["spi_t"] is NSNull && why["spi_t"] != nil)
    }

    @Test("the table names every measure; errors name the unknown project, the missing baseline and the baselines there are")
    func tableAndErrors() async throws {
        let (dir, db) = try await Self.database()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try ScheduleCommandTests.run(["evm", "--project", "P1", "--as-of", "2027-03-10", "--database", db, "--log-level", "warning"])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("Earned value of P1 (Portal) on 2027-03-10 against baseline 'Approved plan', in EUR"))
        for label in ["BAC", "CPI", "EAC cost+schedule", "TCPI to EAC", "IEAC(t)"] { #expect(r.out.contains(label), "\(label)") }
        #expect(r.out.contains("6400.00") && r.out.contains("12.8090"))
        #expect(r.out.contains("6270.00"), "the bottom-up EAC")

        let unknown = try ScheduleCommandTests.run(["evm", "--project", "NOPE", "--database", db, "--log-level", "warning"])
        #expect(unknown.status != 0 && unknown.err.contains("no project has the code 'NOPE'"), "\(unknown.err)")
        let none = try ScheduleCommandTests.run(["evm", "--project", "P2", "--database", db, "--log-level", "warning"])
        #expect(none.status != 0 && none.err.contains("P2 has no baseline"), "\(none.err)")
        let wrong = try ScheduleCommandTests.run(["evm", "--project", "P1", "--baseline", "Re-plan", "--database", db, "--log-level", "warning"])
        #expect(wrong.status != 0 && wrong.err.contains("no baseline named 'Re-plan'") && wrong.err.contains("'Approved plan'"), "\(wrong.err)")
        let date = try ScheduleCommandTests.run(["evm", "--project", "P1", "--as-of", "10/03/2027", "--database", db])
        #expect(date.status != 0 && date.err.contains("10/03/2027"))
    }

    @Test("--help teaches the measures, the JSON fields and an example")
    func help() {
        let help = Gantry.helpMessage(for: EVMCommand.self)
        for text in ["--as-of", "--baseline", "IEAC(t)", "eac_cost_and_schedule", "undefined", "gantry evm --project"] {
            #expect(help.contains(text), "\(text)")
        }
    }
}

/// A clock that always says the same time.
struct FixedTime: GantryServices.Clock {
    var time: Timestamp
    func now() -> Timestamp { time }
}
