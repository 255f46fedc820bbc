import Foundation
import GantryModel
import GantryServices
import GantryStorage
import Synchronization
import Testing

/// The plan editor (Sources/GantryServices/Plans/PlanEditor.swift) on a real store, SQLite and PostgreSQL: typing
/// rows, durations and predecessors in MS Project's notation, the rows an edit answers with, refusals that change
/// nothing, conflicts with both values, the outline, pasting, progress, undo and a team member's own progress.
///
/// Expected dates come from the standard calendar (Monday–Friday 08:00–12:00 and 13:00–17:00) and a project that
/// starts on Monday 2018-02-26, the setting of DOMAIN.md's worked CPM cases: a 5-day activity from the start
/// finishes Friday 03-02 17:00, and its finish-to-start successor starts Monday 03-05 08:00.
@Suite("Editing a plan on a real store")
struct PlanEditorTests {
    /// A clock that moves one second per reading, so each edit has its own moment in the audit trail.
    final class TickingClock: GantryServices.Clock, @unchecked Sendable {
        let next = Mutex<Int64>(Timestamp.at("2026-11-28T09:00:00.000Z").millisecondsSinceEpoch)
        func now() -> Timestamp { Timestamp(millisecondsSinceEpoch: next.withLock { $0 += 1000; return $0 }) }
    }

    struct Fixture {
        var catalog: Catalog
        var plans: PlanEditor
        var project: Project
        var manager: User
        var other: User
        var member: User
        let clock = TickingClock()

        init(_ store: SQLStore) async throws {
            catalog = Catalog(store: store, clock: clock)
            plans = PlanEditor(store: store, clock: clock)
            let t = clock.now()
            manager = try await catalog.create(User(username: "pm", displayName: "Pat Manager", role: .projectManager, createdAt: t, updatedAt: t), .system)
            other = try await catalog.create(User(username: "pm2", displayName: "Olive Other", role: .pmoDirector, createdAt: t, updatedAt: t), .system)
            member = try await catalog.create(User(username: "tm", displayName: "Tess Member", role: .teamMember, createdAt: t, updatedAt: t), .system)
            let calendar = try await catalog.create(WorkCalendar(name: "Standard", week: .standard, createdAt: t, updatedAt: t), .system)
            let portfolio = try await catalog.create(Portfolio(code: "PF", name: "Portfolio", createdAt: t, updatedAt: t), .system)
            project = try await catalog.create(Project(
                portfolioId: portfolio.id, code: "P", name: "Project", managerId: manager.id, startDate: .at("2018-02-26"),
                calendarId: calendar.id, createdAt: t, updatedAt: t), .system)
        }

        var pm: Caller { .user(manager) }

        /// Adds rows at the end, as typing into the grid's last row does.
        @discardableResult
        func type(_ rows: [[String: String]]) async throws -> [Activity.ID] {
            var ids: [Activity.ID] = []
            for cells in rows {
                let change = try await plans.insert(into: project.id, near: nil, below: true, cells: cells, pm)
                ids.append(try #require(change.created.first))
            }
            return ids
        }

        func grid() async throws -> PlanGrid { try await plans.grid(project.id, pm) }
    }

    static func at(_ text: String) -> LocalDateTime { try! LocalDateTime(iso: text) }

    @Test("rows typed with durations and predecessors get the engine's dates and critical path", arguments: Backend.available)
    func typing(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let f = try await Fixture(store)
            let ids = try await f.type([
                ["name": "Design", "duration": "5d"],
                ["name": "Build", "duration": "2w", "predecessors": "1"],
                ["name": "Docs", "duration": "1d", "predecessors": "1SS+2d"],
                ["name": "Launch", "duration": "0", "predecessors": "2, 3"],
            ])
            let g = try await f.grid()
            #expect(g.rows.map(\.name) == ["Design", "Build", "Docs", "Launch"])
            #expect(g.rows[0].finish == Self.at("2018-03-02T17:00"))
            #expect(g.rows[1].start == Self.at("2018-03-05T08:00"))
            // Two working weeks: 03-05 … 03-16.
            #expect(g.rows[1].finish == Self.at("2018-03-16T17:00"))
            // SS+2d: two working days after Design starts.
            #expect(g.rows[2].start == Self.at("2018-02-28T08:00"))
            #expect(g.rows[3].kind == .milestone)
            #expect(g.rows[3].finish == Self.at("2018-03-16T17:00"))
            #expect(g.projectFinish == Self.at("2018-03-16T17:00"))
            #expect(g.criticalPath == [ids[0], ids[1], ids[3]])
            #expect(g.rows[2].critical == false)
            #expect(g.rows[3].predecessors == "2, 3")
            #expect(g.rows[2].predecessors == "1SS+2d")
            // The planned dates are stored, as a reschedule does.
            #expect(try await f.catalog.get(Activity.self, ids[1], .system).plannedStart == .at("2018-03-05"))
        }
    }

    @Test("the scheduler stores planned days in bulk, only on rows still at the version it read, and marks the revision", arguments: Backend.available)
    func bulkPlannedDays(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let f = try await Fixture(store)
            let ids = try await f.type([["name": "A", "duration": "2d"], ["name": "B", "duration": "2d"], ["name": "C", "duration": "2d"]])
            let a = try await f.catalog.get(Activity.self, ids[0], .system)
            let b = try await f.catalog.get(Activity.self, ids[1], .system)
            let c = try await f.catalog.get(Activity.self, ids[2], .system)
            let t = Timestamp.at("2027-01-01T00:00:00.000Z")
            let revision = try await store.read { try await $0.scheduleRevision(of: a.projectId) }
            let stored = try await store.write { session in
                // A bump held back in the transaction is counted in the revision the schedule is marked at.
                try await session.bumpScheduleRevision(of: a.projectId)
                return try await session.storeSchedule(of: a.projectId, days: [
                    PlannedDays(id: a.id, version: a.version, start: .at("2019-01-07"), finish: .at("2019-01-08")),
                    PlannedDays(id: b.id, version: b.version + 5, start: .at("2019-01-07"), finish: .at("2019-01-08")),
                    PlannedDays(id: c.id, version: c.version, start: nil, finish: nil),
                ], at: t)
            }
            #expect(stored.changed == 2)
            #expect(stored.revision == revision + 2)
            #expect(try await store.read { try await $0.scheduledRevision(of: a.projectId) } == revision + 2)
            // Nothing to store still marks the revision, and changes no row.
            let none = try await store.write { try await $0.storeSchedule(of: a.projectId, days: [], at: t) }
            #expect(none.changed == 0 && none.revision == revision + 3)
            let a2 = try await f.catalog.get(Activity.self, a.id, .system)
            #expect(a2.plannedStart == .at("2019-01-07") && a2.plannedFinish == .at("2019-01-08"))
            #expect(a2.version == a.version + 1)
            #expect(a2.updatedAt == t)
            #expect(a2.name == "A" && a2.duration == .days(2))
            #expect(try await f.catalog.get(Activity.self, b.id, .system) == b)
            let c2 = try await f.catalog.get(Activity.self, c.id, .system)
            #expect(c2.plannedStart == nil && c2.version == c.version + 1)
        }
    }

    @Test("an edit answers with every row whose shown values changed, and only those", arguments: Backend.available)
    func changedRows(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let f = try await Fixture(store)
            let ids = try await f.type([
                ["name": "A", "duration": "5d"], ["name": "B", "duration": "2d", "predecessors": "1"],
                ["name": "C", "duration": "3d"],
            ])
            let before = try await f.grid()
            let change = try await f.plans.edit(ids[0], cells: ["duration": "3d"], ifVersion: before.rows[0].version, f.pm)
            // A's duration and finish, B's dates, and C's float (the project now ends on 03-02, not 03-06).
            #expect(Set(change.rows.map(\.activityId)) == [ids[0], ids[1], ids[2]])
            #expect(change.rows.first { $0.activityId == ids[2] }?.start == before.rows[2].start)
            #expect(change.rows.first { $0.activityId == ids[2] }?.totalFloatDays == 2)
            #expect(change.rows.first { $0.activityId == ids[1] }?.start == Self.at("2018-03-01T08:00"))
            #expect(change.structureChanged == false)
            #expect(change.projectFinish == Self.at("2018-03-02T17:00"))
            // B and C only moved (dates, float); A's own duration changed, so an answer sends A whole.
            #expect(change.rescheduledOnly == [ids[1], ids[2]])
            // A name moves no dates: only its own row comes back, as a change of its own.
            let renamed = try await f.plans.edit(ids[2], cells: ["name": "C renamed"], ifVersion: nil, f.pm)
            #expect(renamed.rows.map(\.activityId) == [ids[2]])
            #expect(renamed.rescheduledOnly.isEmpty)
        }
    }

    /// Edits of an activity's own fields reschedule from the plan the last edit kept in memory; this checks that
    /// plan against the store after each edit, and that a change made elsewhere (a link added through the records
    /// API, which moves the schedule revision) is seen by the next edit.
    @Test("edits rescheduled from the kept plan agree with the plan read from the store, and notice changes made elsewhere",
          arguments: Backend.available)
    func keptPlan(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let f = try await Fixture(store)
            let ids = try await f.type([
                ["name": "A", "duration": "5d"], ["name": "B", "duration": "2d", "predecessors": "1"],
                ["name": "C", "duration": "3d"],
            ])
            var answers: [PlanRow] = []
            for cells in [["duration": "3d"], ["name": "A first"], ["start": "2018-03-05"], ["percent_complete": "40"],
                          ["actual_start": ""], ["constraint_type": "ASAP"], ["notes": "checked"]] {
                let change = try await f.plans.edit(ids[0], cells: cells, ifVersion: nil, f.pm)
                let stored = try await f.grid()
                // Every row the edit answered is the row as the store now gives it.
                for row in change.rows { #expect(stored.row(row.activityId) == row, "after \(cells)") }
                #expect(change.projectFinish == stored.projectFinish, "after \(cells)")
                answers = change.rows
            }
            #expect(!answers.isEmpty)
            // A 3-day A from Monday 02-26 finishes Wednesday 02-28; B follows on Thursday 03-01 and Friday 03-02.
            var g = try await f.grid()
            #expect(g.row(ids[0])?.finish == Self.at("2018-02-28T17:00"))
            #expect(g.row(ids[1])?.finish == Self.at("2018-03-02T17:00"))
            // A link C → B with ten days' lag, made through the records API and not through the editor.
            let t = Timestamp.at("2026-11-28T10:00:00.000Z")
            _ = try await f.catalog.create(Dependency(projectId: f.project.id, predecessorId: ids[2], successorId: ids[1],
                                                      type: .finishToStart, lag: .days(10), createdAt: t, updatedAt: t), f.pm)
            // The next edit, of A's name only, reschedules with the link: C finishes Wednesday 02-28, ten working
            // days of lag run 03-01 … 03-14, so B runs Thursday 03-15 and Friday 03-16.
            let change = try await f.plans.edit(ids[0], cells: ["name": "A again"], ifVersion: nil, f.pm)
            g = try await f.grid()
            #expect(g.row(ids[1])?.start == Self.at("2018-03-15T08:00"))
            #expect(g.row(ids[1])?.finish == Self.at("2018-03-16T17:00"))
            #expect(change.projectFinish == Self.at("2018-03-16T17:00"))
            #expect(change.rows.first { $0.activityId == ids[1] }?.start == Self.at("2018-03-15T08:00"))
            // The editor stores no schedule document; asked for, it is made from the plan the edit left, current.
            let scheduling = Scheduling(store: store, clock: f.clock)
            var doc = try #require(try await scheduling.stored(f.project.id, f.pm))
            #expect(doc.current == true)
            #expect(doc.revision == change.revision)
            #expect(doc.projectFinish == Self.at("2018-03-16T17:00"))
            #expect(doc.activities.first { $0.activityId == ids[1] }?.earlyStart == Self.at("2018-03-15T08:00"))
            // A change made outside the editor and not rescheduled leaves it out of date, as before.
            _ = try await f.catalog.update(Activity.self, ids[2], f.pm) { $0.duration = .days(4) }
            doc = try #require(try await scheduling.stored(f.project.id, f.pm))
            #expect(doc.current == false)
        }
    }

    @Test("a wrong cell names what is wrong and changes nothing", arguments: Backend.available)
    func refusals(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let f = try await Fixture(store)
            let ids = try await f.type([["name": "A", "duration": "5d"], ["name": "B", "duration": "2d", "predecessors": "1"]])
            let before = try await f.grid()

            let bad = await #expect(throws: ServiceError.self) {
                _ = try await f.plans.edit(ids[0], cells: ["duration": "five days", "name": "Renamed"], ifVersion: nil, f.pm)
            }
            #expect(bad?.code == .invalid)
            #expect(bad?.problems.first?.field == "duration")
            #expect(bad?.problems.first?.message.contains("'five days' is not a duration") == true)

            let cycle = await #expect(throws: ServiceError.self) {
                _ = try await f.plans.edit(ids[0], cells: ["predecessors": "2"], ifVersion: nil, f.pm)
            }
            #expect(cycle?.code == .dependencyCycle)
            #expect(cycle?.problems.first?.field == "predecessors")
            #expect(cycle?.message.contains("A1 A") == true && cycle?.message.contains("A2 B") == true)

            let unknown = await #expect(throws: ServiceError.self) {
                _ = try await f.plans.edit(ids[1], cells: ["resources": "Nobody Known[50%]"], ifVersion: nil, f.pm)
            }
            #expect(unknown?.problems.first?.message.contains("no resource named 'Nobody Known'") == true)

            let missingRow = await #expect(throws: ServiceError.self) {
                _ = try await f.plans.edit(ids[1], cells: ["predecessors": "9FS"], ifVersion: nil, f.pm)
            }
            #expect(missingRow?.problems.first?.message.contains("row 9 does not exist") == true)

            let after = try await f.grid()
            #expect(after.rows == before.rows)
            #expect(after.links == before.links)
        }
    }

    /// P6's own in the plan editor: a level of effort typed as a row spans its links (Design's start, SS, to
    /// Build's finish, FF: 02-26 08:00 to 03-16 17:00, the dates of the rows above), and as a task the same row is
    /// one day that finishes with Build; a Start On date (SO) starts Build no earlier than Wednesday 03-07 and links
    /// may still move it; a secondary finish-on-or-before 03-16 then leaves Build (03-07 to 03-20) two days of
    /// negative float. Wrong P6 cells are refused by name and change nothing.
    @Test("P6's level of effort, Start On and secondary constraints are typed in the plan", arguments: Backend.available)
    func primaveraCells(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let f = try await Fixture(store)
            let ids = try await f.type([
                ["name": "Design", "duration": "5d"],
                ["name": "Build", "duration": "2w", "predecessors": "1"],
                ["name": "Management", "duration": "1d", "predecessors": "1SS, 2FF", "activity_type": "level of effort"],
            ])
            var g = try await f.grid()
            #expect(g.rows[2].activityType == "level_of_effort")
            #expect(g.rows[2].start == Self.at("2018-02-26T08:00") && g.rows[2].finish == Self.at("2018-03-16T17:00"))
            // Its duration is its span: three working weeks.
            #expect(g.rows[2].duration == "15d")

            _ = try await f.plans.edit(ids[2], cells: ["activity_type": "task"], ifVersion: nil, f.pm)
            g = try await f.grid()
            #expect(g.rows[2].start == Self.at("2018-03-16T08:00") && g.rows[2].finish == Self.at("2018-03-16T17:00"))

            _ = try await f.plans.edit(ids[1], cells: ["constraint_type": "SO", "constraint_date": "2018-03-07"], ifVersion: nil, f.pm)
            g = try await f.grid()
            #expect(g.rows[1].constraintType == .mustStartOn && g.rows[1].softConstraint)
            #expect(g.rows[1].start == Self.at("2018-03-07T08:00") && g.rows[1].finish == Self.at("2018-03-20T17:00"))

            _ = try await f.plans.edit(ids[1], cells: ["secondary_constraint_type": "FNLT", "secondary_constraint_date": "2018-03-16"],
                                       ifVersion: nil, f.pm)
            g = try await f.grid()
            #expect(g.rows[1].secondaryConstraintType == .finishNoLaterThan)
            #expect(g.rows[1].secondaryConstraintDate == Self.at("2018-03-16T17:00"))
            #expect(g.rows[1].totalFloatDays == -2)

            let before = try await f.grid()
            for (cells, field, words) in [
                (["secondary_constraint_type": "MSO"], "secondary_constraint_type", "use SNET, SNLT, FNET or FNLT"),
                (["activity_type": "hammock"], "activity_type", "is not an activity type"),
                (["suspend_date": "2018-03-01"], "suspend_date", "only work that has started can be suspended"),
            ] {
                let refused = await #expect(throws: ServiceError.self) {
                    _ = try await f.plans.edit(ids[0], cells: cells, ifVersion: nil, f.pm)
                }
                #expect(refused?.problems.first?.field == field)
                #expect(refused?.problems.first?.message.contains(words) == true, "\(refused?.problems ?? [])")
            }
            let resume = await #expect(throws: ServiceError.self) {
                _ = try await f.plans.edit(ids[0], cells: ["actual_start": "2018-02-26", "suspend_date": "2018-02-28",
                                                           "resume_date": "2018-02-27"], ifVersion: nil, f.pm)
            }
            #expect(resume?.problems.first?.field == "resume_date")
            #expect(try await f.grid().rows == before.rows)
        }
    }

    @Test("predecessors by code with leads and lags, and resources with units become links and assignments",
          arguments: Backend.available)
    func notation(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let f = try await Fixture(store)
            let t = f.clock.now()
            let dana = try await f.catalog.create(Resource(name: "Dana Director", createdAt: t, updatedAt: t), .system)
            _ = try await f.catalog.create(Resource(name: "Developer", kind: .role, createdAt: t, updatedAt: t), .system)
            let ids = try await f.type([["name": "A", "duration": "5d", "code": "DES"], ["name": "B", "duration": "2d"]])
            let change = try await f.plans.edit(ids[1], cells: ["predecessors": "des FF-1d", "resources": "dana director[50%], Developer[200%]"],
                                                ifVersion: nil, f.pm)
            let b = try #require(change.rows.first { $0.activityId == ids[1] })
            #expect(b.predecessors == "1FF-1d")
            #expect(b.resources == "Dana Director[50%], Developer[200%]")
            // FF-1d: B finishes a working day before A (Thursday 03-01 17:00), so it starts Wednesday 02-28.
            #expect(b.finish == Self.at("2018-03-01T17:00"))
            #expect(b.start == Self.at("2018-02-28T08:00"))
            let staffed = try await f.catalog.all(Assignment.self, .system, ["activity_id": .int(ids[1].rawValue)])
            #expect(staffed.first { $0.resourceId == dana.id }?.units == 50)
            #expect(staffed.count == 2)
            // Typing the cell again with one name fewer removes that assignment.
            _ = try await f.plans.edit(ids[1], cells: ["resources": "Developer"], ifVersion: nil, f.pm)
            #expect(try await f.catalog.all(Assignment.self, .system, ["activity_id": .int(ids[1].rawValue)]).map(\.units) == [100])
        }
    }

    @Test("typing a start sets a start-no-earlier-than constraint and says so", arguments: Backend.available)
    func typedStart(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let f = try await Fixture(store)
            let ids = try await f.type([["name": "A", "duration": "2d"]])
            let change = try await f.plans.edit(ids[0], cells: ["start": "2018-03-07"], ifVersion: nil, f.pm)
            let row = try #require(change.rows.first)
            #expect(row.constraintType == .startNoEarlierThan)
            #expect(row.constraintDate == Self.at("2018-03-07T08:00"))
            #expect(row.start == Self.at("2018-03-07T08:00"))
            #expect(change.messages.contains { $0.contains("start-no-earlier-than") })
            let finish = try await f.plans.edit(ids[0], cells: ["finish": "2018-03-14"], ifVersion: nil, f.pm)
            #expect(finish.rows.first?.constraintType == .finishNoEarlierThan)
            #expect(finish.rows.first?.finish == Self.at("2018-03-14T17:00"))
        }
    }

    @Test("an edit of a row someone changed since is refused with both values; the scheduler's moves are no conflict",
          arguments: Backend.available)
    func conflicts(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let f = try await Fixture(store)
            let ids = try await f.type([["name": "A", "duration": "5d"], ["name": "B", "duration": "2d", "predecessors": "1"]])
            let read = try await f.grid()
            // Someone else renames A.
            _ = try await f.plans.edit(ids[0], cells: ["name": "Their name"], ifVersion: read.rows[0].version, .user(f.other))
            // Editing A with the version read before is refused with theirs, who and when, and ours.
            let conflict = await #expect(throws: PlanConflict.self) {
                _ = try await f.plans.edit(ids[0], cells: ["name": "My name"], ifVersion: read.rows[0].version, f.pm)
            }
            #expect(conflict?.current?.name == "Their name")
            #expect(conflict?.changedBy == "Olive Other")
            #expect(conflict?.yours == ["name": "My name"])
            #expect(try await f.grid().rows[0].name == "Their name")
            // A's duration change moved B (the scheduler wrote B's dates): B's old version still edits.
            _ = try await f.plans.edit(ids[0], cells: ["duration": "3d"], ifVersion: nil, .user(f.other))
            let b = try await f.plans.edit(ids[1], cells: ["name": "Build"], ifVersion: read.rows[1].version, f.pm)
            #expect(b.rows.first { $0.activityId == ids[1] }?.name == "Build")
        }
    }

    @Test("indent, outdent, move and delete keep the outline; a summary's delete names what goes with it",
          arguments: Backend.available)
    func outline(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let f = try await Fixture(store)
            let ids = try await f.type([["name": "Phase"], ["name": "A", "duration": "2d"], ["name": "B", "duration": "3d", "predecessors": "2"], ["name": "C", "duration": "1d"]])
            _ = try await f.plans.outline(ids[1], .indent, f.pm)
            let change = try await f.plans.outline(ids[2], .indent, f.pm)
            #expect(change.structureChanged)
            var g = try await f.grid()
            #expect(g.rows.map(\.depth) == [0, 1, 1, 0])
            #expect(g.rows[0].kind == .summary)
            // The summary spans A and B: 02-26 08:00 to 03-02 17:00.
            #expect(g.rows[0].start == Self.at("2018-02-26T08:00"))
            #expect(g.rows[0].finish == Self.at("2018-03-02T17:00"))
            _ = try await f.plans.outline(ids[3], .up, f.pm)
            g = try await f.grid()
            #expect(g.rows.map(\.name) == ["C", "Phase", "A", "B"])
            _ = try await f.plans.outline(ids[2], .outdent, f.pm)
            g = try await f.grid()
            #expect(g.rows.map(\.name) == ["C", "Phase", "A", "B"])
            #expect(g.rows.map(\.depth) == [0, 0, 1, 0])
            let refused = await #expect(throws: ServiceError.self) { _ = try await f.plans.outline(ids[0], .delete, f.pm) }
            #expect(refused?.message.contains("also deletes the 1 activities under it (A2 A)") == true)
            #expect(try await f.grid().rows.count == 4)
            _ = try await f.plans.outline(ids[0], .delete, confirm: true, f.pm)
            g = try await f.grid()
            #expect(g.rows.map(\.name) == ["C", "B"])
            #expect(g.links.isEmpty)
        }
    }

    @Test("pasted tab-separated rows become activities in one transaction; a bad cell anywhere keeps none",
          arguments: Backend.available)
    func paste(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let f = try await Fixture(store)
            try await f.type([["name": "Kick-off", "duration": "0"]])
            let text = "Survey\t3d\t1\nDesign\t5d\t2\nReview\t1d\t3\nBuild\t2w\t3,4\nHand-over\t0d\t5\n"
            let change = try await f.plans.paste(into: f.project.id, text: text, columns: ["name", "duration", "predecessors"],
                                                 fromRow: 2, f.pm)
            #expect(change.created.count == 5)
            let g = try await f.grid()
            #expect(g.rows.map(\.name) == ["Kick-off", "Survey", "Design", "Review", "Build", "Hand-over"])
            #expect(g.rows[4].predecessors == "3, 4")
            // Survey 3d from 02-26, Design 5d to 03-07, Review 1d 03-08, Build two weeks 03-09 … 03-22.
            #expect(g.rows[4].finish == Self.at("2018-03-22T17:00"))
            let bad = "More\t2d\t1\nBroken\tsoon\t1\n"
            let refused = await #expect(throws: ServiceError.self) {
                _ = try await f.plans.paste(into: f.project.id, text: bad, columns: ["name", "duration", "predecessors"], fromRow: nil, f.pm)
            }
            #expect(refused?.message.contains("pasted row 2") == true)
            #expect(try await f.grid().rows.count == 6)
        }
    }

    @Test("update progress as of the status date marks past work done and work under way started", arguments: Backend.available)
    func progress(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let f = try await Fixture(store)
            try await f.type([["name": "A", "duration": "2d"], ["name": "B", "duration": "4d", "predecessors": "1"], ["name": "C", "duration": "2d", "predecessors": "2"]])
            // Status date Wednesday 02-28: A (02-26–02-27) is done, B (02-28–03-05) has one of its four days behind it.
            let change = try await f.plans.updateProgress(f.project.id, statusDate: .at("2018-02-28"), f.pm)
            let g = try await f.grid()
            #expect(g.statusDate == .at("2018-02-28"))
            #expect(g.rows[0].percentComplete == 100)
            #expect(g.rows[0].actualFinish == Self.at("2018-02-27T17:00"))
            #expect(g.rows[1].percentComplete == 25)
            #expect(g.rows[1].actualStart == Self.at("2018-02-28T08:00"))
            #expect(g.rows[2].actualStart == nil)
            #expect(change.messages.contains("1 activities marked complete, 1 in progress"))
            // B's remaining three days are planned from the status date: B finishes 03-05, C 03-07 as before.
            #expect(g.rows[2].finish == Self.at("2018-03-07T17:00"))
        }
    }

    @Test("undo my last change applies the inverse as a new change", arguments: Backend.available)
    func undo(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let f = try await Fixture(store)
            let ids = try await f.type([["name": "A", "duration": "2d"], ["name": "B", "duration": "4d"]])
            _ = try await f.plans.edit(ids[1], cells: ["duration": "9d", "predecessors": "1"], ifVersion: nil, f.pm)
            #expect(try await f.grid().rows[1].predecessors == "1")
            _ = try await f.plans.undo(f.project.id, f.pm)
            var g = try await f.grid()
            #expect(g.rows[1].duration == "4d")
            #expect(g.rows[1].predecessors == "")
            // The undo before it: the row B's creation.
            _ = try await f.plans.undo(f.project.id, f.pm)
            g = try await f.grid()
            #expect(g.rows.map(\.name) == ["A"])
            let history = try await f.plans.history(ids[0], f.pm)
            #expect(history.first?.who == "Pat Manager")
        }
    }

    @Test("the fixed cost and physical % cells are undone like the others, and their history kept", arguments: Backend.available)
    func undoCostAndPhysical(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let f = try await Fixture(store)
            let ids = try await f.type([["name": "A", "duration": "2d"]])
            _ = try await f.plans.edit(ids[0], cells: ["fixed_cost": "1,250.50", "physical_percent_complete": "30"], ifVersion: nil, f.pm)
            _ = try await f.plans.edit(ids[0], cells: ["fixed_cost": "99", "physical_percent_complete": ""], ifVersion: nil, f.pm)
            var g = try await f.grid()
            #expect(g.rows[0].fixedCostMinor == 9_900 && g.rows[0].physicalPercentComplete == nil)
            let undone = try await f.plans.undo(f.project.id, f.pm)
            #expect(undone.rows.first?.fixedCostMinor == 125_050)
            g = try await f.grid()
            #expect(g.rows[0].fixedCostMinor == 125_050 && g.rows[0].physicalPercentComplete == 30)
            _ = try await f.plans.undo(f.project.id, f.pm)
            g = try await f.grid()
            #expect(g.rows[0].fixedCostMinor == 0 && g.rows[0].physicalPercentComplete == nil)
            let history = try await f.plans.history(ids[0], f.pm)
            #expect(history.contains { $0.changes.contains { $0.field == "fixed_cost_minor" && $0.after == "125050" } }, "\(history)")
            #expect(history.contains { $0.changes.contains { $0.field == "physical_percent_complete" } })
        }
    }

    @Test("a team member records progress on their own assignment and nothing else", arguments: Backend.available)
    func myWork(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let f = try await Fixture(store)
            let t = f.clock.now()
            _ = try await f.catalog.create(Resource(name: "Tess", userId: f.member.id, createdAt: t, updatedAt: t), .system)
            let ids = try await f.type([["name": "Mine", "duration": "2d", "resources": "Tess"], ["name": "Theirs", "duration": "2d"]])
            let work = try await f.plans.myWork(.user(f.member))
            #expect(work.items.map(\.name) == ["Mine"])
            #expect(work.resources == ["Tess"])
            let change = try await f.plans.recordProgress(ids[0], cells: ["percent_complete": "50"], ifVersion: work.items[0].version, .user(f.member))
            #expect(change.rows.first { $0.activityId == ids[0] }?.percentComplete == 50)
            #expect(change.rows.first { $0.activityId == ids[0] }?.actualStart == Self.at("2018-02-26T08:00"))
            let notProgress = await #expect(throws: ServiceError.self) {
                _ = try await f.plans.recordProgress(ids[0], cells: ["name": "Renamed"], ifVersion: nil, .user(f.member))
            }
            #expect(notProgress?.code == .invalid)
            let notMine = await #expect(throws: ServiceError.self) {
                _ = try await f.plans.recordProgress(ids[1], cells: ["percent_complete": "10"], ifVersion: nil, .user(f.member))
            }
            #expect(notMine?.code == .forbidden)
            let editor = await #expect(throws: ServiceError.self) {
                _ = try await f.plans.edit(ids[0], cells: ["duration": "1d"], ifVersion: nil, .user(f.member))
            }
            #expect(editor?.code == .forbidden)
            #expect(try await f.grid().rows[1].percentComplete == 0)
        }
    }
}
