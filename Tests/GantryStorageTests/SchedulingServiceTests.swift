import GantryModel
import GantryServices
import GantryStorage
import Testing

/// Scheduling use cases (Sources/GantryServices/Plans/Scheduling.swift) on a real store, SQLite and PostgreSQL.
@Suite("Scheduling a project on a real store")
struct SchedulingServiceTests {
    static let now = Timestamp.at("2026-11-28T09:00:00.000Z")

    struct Fixture {
        var catalog: Catalog
        var scheduling: Scheduling
        var project: Project
        var activities: [String: Activity] = [:]

        init(_ store: SQLStore, holidays: [String] = [], honorConstraints: Bool = true) async throws {
            catalog = Catalog(store: store, clock: FixedClock(time: SchedulingServiceTests.now))
            scheduling = Scheduling(store: store, clock: FixedClock(time: SchedulingServiceTests.now))
            let t = SchedulingServiceTests.now
            let calendar = try await catalog.create(WorkCalendar(
                name: "Standard", week: .standard,
                exceptions: holidays.map { CalendarException(name: "holiday", from: .at($0), to: .at($0)) },
                createdAt: t, updatedAt: t), .system)
            let portfolio = try await catalog.create(Portfolio(code: "PF", name: "Portfolio", createdAt: t, updatedAt: t), .system)
            project = try await catalog.create(Project(
                portfolioId: portfolio.id, code: "P", name: "Project", startDate: .at("2018-02-26"),
                calendarId: calendar.id, honorConstraints: honorConstraints, createdAt: t, updatedAt: t), .system)
        }

        @discardableResult
        mutating func add(_ code: String, days: Double, kind: ActivityKind = .leaf, parent: String? = nil,
                          _ change: (inout Activity) -> Void = { _ in }) async throws -> Activity {
            let t = SchedulingServiceTests.now
            var a = Activity(projectId: project.id, parentId: parent.map { activities[$0]!.id }, position: activities.count,
                             code: code, name: code, kind: kind, duration: .days(days), createdAt: t, updatedAt: t)
            change(&a)
            let created = try await catalog.create(a, .system)
            activities[code] = created
            return created
        }

        func link(_ from: String, _ to: String, _ type: DependencyType = .finishToStart) async throws {
            let t = SchedulingServiceTests.now
            _ = try await catalog.create(Dependency(
                projectId: project.id, predecessorId: activities[from]!.id, successorId: activities[to]!.id, type: type,
                createdAt: t, updatedAt: t), .system)
        }

        func reload(_ code: String) async throws -> Activity {
            try await catalog.get(Activity.self, activities[code]!.id, .system)
        }
    }

    /// domain-cases.json case 15 [X MPXJ]: the dates stored on the activities and in the schedule document.
    @Test("scheduling stores the activities' dates and the schedule: a holiday moves A's finish to 03-05",
          arguments: Backend.available)
    func holiday(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            var f = try await Fixture(store, holidays: ["2018-02-28"])
            try await f.add("A", days: 5)
            try await f.add("B", days: 2)
            try await f.link("A", "B")
            let doc = try await f.scheduling.schedule(f.project.id, .system)
            #expect(doc.row(f.activities["A"]!.id)?.earlyFinish == (try LocalDateTime(iso: "2018-03-05T17:00")))
            #expect(doc.row(f.activities["B"]!.id)?.earlyStart == (try LocalDateTime(iso: "2018-03-06T08:00")))
            #expect(doc.row(f.activities["B"]!.id)?.earlyFinish == (try LocalDateTime(iso: "2018-03-07T17:00")))
            #expect(doc.criticalPath == [f.activities["A"]!.id, f.activities["B"]!.id])
            #expect(doc.row(f.activities["B"]!.id)?.drivingActivityId == f.activities["A"]!.id)
            #expect(try await f.reload("A").plannedFinish == .at("2018-03-05"))
            #expect(try await f.reload("B").plannedStart == .at("2018-03-06"))
            #expect(try await f.reload("B").plannedFinish == .at("2018-03-07"))
            let stored = try #require(try await f.scheduling.stored(f.project.id, .system))
            #expect(stored.current == true)
            #expect(stored.activities == doc.activities)
            // Any edit makes the stored schedule stale until the next run.
            _ = try await f.catalog.update(Activity.self, f.activities["B"]!.id, .system) { $0.duration = .days(3) }
            #expect(try await f.scheduling.stored(f.project.id, .system)?.current == false)
        }
    }

    /// Case 16 [X MPXJ; S MS docs]: SNLT B 02-28 08:00 breaks the link from A; by default the constraint holds and A
    /// gets −1d of float; with honor_constraints false the link wins and a constraint_conflict is reported.
    @Test("a broken constraint is negative float, or a constraint_conflict when links win", arguments: Backend.available)
    func constraints(backend: Backend) async throws {
        for honor in [true, false] {
            try await TestDatabase.with(backend) { store, _ in
                var f = try await Fixture(store, honorConstraints: honor)
                try await f.add("A", days: 3)
                try await f.add("B", days: 2) {
                    $0.constraintType = .startNoLaterThan
                    $0.constraintDate = try? LocalDateTime(iso: "2018-02-28T08:00")
                }
                try await f.add("C", days: 10)
                try await f.link("A", "B")
                let doc = try await f.scheduling.schedule(f.project.id, .system)
                let a = try #require(doc.row(f.activities["A"]!.id)), b = try #require(doc.row(f.activities["B"]!.id))
                if honor {
                    #expect(b.earlyStart == (try LocalDateTime(iso: "2018-02-28T08:00")))
                    #expect(a.totalFloatMinutes == -480)
                    #expect(doc.diagnostics.contains { $0.code == "negative_float" && $0.activityIds == [f.activities["A"]!.id] })
                } else {
                    #expect(b.earlyStart == (try LocalDateTime(iso: "2018-03-01T08:00")))
                    #expect(doc.diagnostics.contains { $0.code == "constraint_conflict" && $0.activityIds == [f.activities["B"]!.id] })
                }
            }
        }
    }

    /// Joshua Emmanuel's network, case 12 [S]: G has 1 day of total float, A 2; with a critical-float threshold of
    /// 1 day G is critical too, A is not.
    @Test("a project's critical-float threshold decides what is critical", arguments: Backend.available)
    func criticalThreshold(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            var f = try await Fixture(store)
            _ = try await f.catalog.update(Project.self, f.project.id, .system) { $0.criticalFloat = .days(1) }
            for (code, days) in [("A", 7.0), ("B", 9), ("C", 12), ("D", 8), ("E", 9), ("F", 6), ("G", 5)] {
                try await f.add(code, days: days)
            }
            for (p, s) in [("A", "C"), ("A", "D"), ("B", "D"), ("D", "E"), ("C", "F"), ("E", "F"), ("E", "G")] {
                try await f.link(p, s)
            }
            let doc = try await f.scheduling.schedule(f.project.id, .system)
            let critical = doc.activities.filter(\.critical).map(\.code).sorted()
            #expect(critical == ["B", "D", "E", "F", "G"])
            #expect(doc.row(f.activities["G"]!.id)?.totalFloatDays == 1)
            #expect(doc.row(f.activities["A"]!.id)?.totalFloatDays == 2)
        }
    }

    @Test("a cycle only the summaries close is refused by name and nothing changes", arguments: Backend.available)
    func cycleThroughSummary(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            var f = try await Fixture(store)
            try await f.add("S", days: 0, kind: .summary)
            try await f.add("C", days: 2, parent: "S")
            try await f.add("X", days: 1)
            try await f.link("C", "X")
            try await f.link("X", "S")  // into the summary: every part of S, so C, waits for X
            let before = try await f.reload("C")
            await #expect {
                _ = try await f.scheduling.schedule(f.project.id, .system)
            } throws: { error in
                guard let e = error as? ServiceError else { return false }
                return e.code == .dependencyCycle && e.message.contains("C C → X X → C C")
            }
            #expect(try await f.reload("C") == before)
            #expect(try await f.scheduling.stored(f.project.id, .system) == nil)
        }
    }

    @Test("leveling previews a move, applies it, refuses a stale preview, and clears", arguments: Backend.available)
    func leveling(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            var f = try await Fixture(store)
            let t = Self.now
            let ann = try await f.catalog.create(Resource(name: "Ann", maxUnits: 100, createdAt: t, updatedAt: t), .system)
            try await f.add("A", days: 3) { $0.priority = 900 }
            try await f.add("B", days: 3)
            try await f.add("C", days: 2)
            for code in ["A", "B"] {
                _ = try await f.catalog.create(Assignment(projectId: f.project.id, activityId: f.activities[code]!.id,
                                                          resourceId: ann.id, units: 100, createdAt: t, updatedAt: t), .system)
            }
            let preview = try await f.scheduling.levelPreview(f.project.id, .system)
            #expect(preview.durationDaysBefore == 3)
            #expect(preview.durationDaysAfter == 6)
            #expect(preview.moves.count == 1)
            let move = try #require(preview.moves.first)
            #expect(move.activityId == f.activities["B"]!.id)  // A has the higher priority
            #expect(move.delayDays == 3)
            #expect(move.to == (try LocalDateTime(iso: "2018-03-01T08:00")))
            #expect(move.reasons.contains { $0.contains("Ann") })
            // Nothing changed yet.
            #expect(try await f.reload("B").leveledStart == nil)

            let applied = try await f.scheduling.applyLeveling(f.project.id, preview: preview.previewId, .system)
            #expect(applied.row(f.activities["B"]!.id)?.earlyStart == (try LocalDateTime(iso: "2018-03-01T08:00")))
            #expect(try await f.reload("B").leveledStart == (try LocalDateTime(iso: "2018-03-01T08:00")))
            await #expect(throws: ServiceError.self) {
                _ = try await f.scheduling.applyLeveling(f.project.id, preview: preview.previewId, .system)
            }

            let again = try await f.scheduling.levelPreview(f.project.id, .system)
            _ = try await f.catalog.update(Activity.self, f.activities["C"]!.id, .system) { $0.duration = .days(4) }
            await #expect {
                _ = try await f.scheduling.applyLeveling(f.project.id, preview: again.previewId, .system)
            } throws: { ($0 as? ServiceError)?.code == .conflict }

            let cleared = try await f.scheduling.clearLeveling(f.project.id, .system)
            #expect(cleared.row(f.activities["B"]!.id)?.earlyStart == (try LocalDateTime(iso: "2018-02-26T08:00")))
            #expect(try await f.reload("B").leveledStart == nil)
        }
    }

    /// Derived by hand [D] from the definitions: A (5 working days) staffed by someone who works Monday to
    /// Thursday runs Mon 02-26 to Thu 03-01, then Mon 03-05.
    @Test("an activity without its own calendar works on its resource's calendar", arguments: Backend.available)
    func resourceCalendar(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            var f = try await Fixture(store)
            let t = Self.now
            var week = WeekPattern.standard
            week.friday = []
            let fourDays = try await f.catalog.create(WorkCalendar(name: "Mon-Thu", week: week, createdAt: t, updatedAt: t), .system)
            let bo = try await f.catalog.create(Resource(name: "Bo", calendarId: fourDays.id, createdAt: t, updatedAt: t), .system)
            try await f.add("A", days: 5)
            try await f.add("B", days: 5)
            _ = try await f.catalog.create(Assignment(projectId: f.project.id, activityId: f.activities["A"]!.id,
                                                      resourceId: bo.id, createdAt: t, updatedAt: t), .system)
            let doc = try await f.scheduling.schedule(f.project.id, .system)
            #expect(doc.row(f.activities["A"]!.id)?.earlyFinish == (try LocalDateTime(iso: "2018-03-05T17:00")))
            #expect(doc.row(f.activities["B"]!.id)?.earlyFinish == (try LocalDateTime(iso: "2018-03-02T17:00")))
        }
    }

    @Test("risk: the same seed gives the same answer; percentiles are ordered and not below the plan",
          arguments: Backend.available)
    func risk(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            var f = try await Fixture(store)
            try await f.add("A", days: 5) { $0.optimisticDuration = .days(4); $0.pessimisticDuration = .days(10) }
            try await f.add("B", days: 5) { $0.optimisticDuration = .days(3); $0.pessimisticDuration = .days(12) }
            try await f.add("C", days: 2)
            try await f.link("A", "C")
            try await f.link("B", "C")
            let one = try await f.scheduling.risk(f.project.id, iterations: 2000, seed: 9, .system)
            let two = try await f.scheduling.risk(f.project.id, iterations: 2000, seed: 9, .system)
            #expect(one == two)
            #expect(one.deterministicDays == 7)
            #expect(one.estimatedActivities == 2)
            #expect(one.p50Days <= one.p80Days && one.p80Days <= one.p90Days)
            #expect(one.p50Days > one.deterministicDays)  // merge bias: two skewed paths into C
            #expect(one.histogram.map(\.count).reduce(0, +) == 2000)
            #expect(one.criticality.first { $0.code == "C" }?.index == 1)
            await #expect(throws: ServiceError.self) {
                _ = try await f.scheduling.risk(f.project.id, iterations: 5, seed: 1, .system)
            }
        }
    }
}
