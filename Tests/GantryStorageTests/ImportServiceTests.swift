import GantryGovernance
import GantryInterchange
import GantryModel
import GantryServices
import GantryStorage
import Testing

/// Importing a read file as a project (Sources/GantryServices/Interchange/Interchange.swift, ProjectFile+Import.swift) on a
/// real store. The file is built by hand so every expectation follows from what it says, independent of any reader.
@Suite("Importing a plan file as a project")
struct ImportServiceTests {
    static let now = Timestamp.at("2026-11-28T09:00:00.000Z")

    static func service(_ store: SQLStore) -> Interchange {
        Interchange(store: store, clock: FixedClock(time: now), secrets: PlainSecrets())
    }

    static func portfolio(_ store: SQLStore) async throws -> Portfolio {
        try await Catalog(store: store, clock: FixedClock(time: now))
            .create(Portfolio(code: "PF", name: "Portfolio", createdAt: now, updatedAt: now), .system)
    }

    static func at(_ text: String) -> LocalDateTime { try! LocalDateTime(iso: text) }

    /// A small MS Project-like plan: a summary with two tasks on two calendars (one derived), a milestone, a null
    /// row, an external task, links of three lag kinds and one to another project, a work and a material resource,
    /// and baseline 0 on one task.
    static var plan: ProjectFile {
        let day = [TimeRange(start: 480, end: 720), TimeRange(start: 780, end: 1020)]
        var f = ProjectFile(format: .mspdi, name: "Warehouse fit-out", application: "Microsoft Project 2019",
                            start: at("2018-02-26T08:00"), calendarUID: "1")
        f.calendars = [
            .init(uid: "1", name: "Standard", week: [.monday: day, .tuesday: day, .wednesday: day, .thursday: day,
                                                     .friday: day, .saturday: [], .sunday: []],
                  exceptions: [CalendarException(name: "Holiday", from: .at("2018-03-01"), to: .at("2018-03-01"))]),
            .init(uid: "2", name: "Four days", baseUID: "1", week: [.friday: []]),
        ]
        f.tasks = [
            .init(uid: "1", rowID: 1, name: "Fit-out", wbs: "1", summary: true),
            .init(uid: "2", rowID: 2, name: "Racking", wbs: "1.1", outlineLevel: 2, parentUID: "1",
                  duration: .init(minutes: 960, unit: .days), start: at("2018-02-26T08:00"), finish: at("2018-02-27T17:00"),
                  baselines: [.init(number: 0, start: at("2018-02-26T08:00"), finish: at("2018-02-27T17:00"),
                                    duration: .init(minutes: 960, unit: .days))]),
            .init(uid: "3", rowID: 3, name: "Lighting", wbs: "1.2", outlineLevel: 2, parentUID: "1",
                  duration: .init(minutes: 1440, unit: .days), calendarUID: "2"),
            .init(uid: "4", rowID: 4, name: "Handover", wbs: "2", milestone: true, duration: .zero),
            .init(uid: "5", rowID: 5, name: "", isNull: true),
            .init(uid: "6", rowID: 6, name: "Landlord works", external: true),
        ]
        f.links = [
            .init(predecessorUID: "2", successorUID: "3", type: .finishToStart, lag: .init(.working(minutes: 480), unit: .days)),
            .init(predecessorUID: "3", successorUID: "4", type: .finishToFinish, lag: .init(.elapsed(minutes: 1440), unit: .days)),
            .init(predecessorUID: "2", successorUID: "4", type: .startToStart, lag: .init(.percent(50), unit: .percent)),
            .init(predecessorUID: "6", successorUID: "2", crossProject: "landlord.mpp\\12"),
        ]
        f.resources = [
            .init(uid: "1", name: "Ann Electrician", standardRate: 55.5),
            .init(uid: "2", name: "Concrete", kind: .material),
        ]
        f.assignments = [
            .init(uid: "1", taskUID: "3", resourceUID: "1", units: 50),
            .init(uid: "2", taskUID: "2", resourceUID: "2", units: 100),
        ]
        f.unmodelled = ["extended attributes": 2]
        return f
    }

    @Test("a file becomes one project with its WBS, calendars, links, resources and baselines", arguments: Backend.available)
    func imports(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let portfolio = try await Self.portfolio(store)
            let report = try await Self.service(store).importProject(Self.plan, fileName: "warehouse.xml", into: portfolio.id, .system)
            // 4 activities: the null row and the external task are not Gantry activities.
            #expect(report.counts == ImportCounts(activities: 4, summaries: 1, milestones: 1, dependencies: 3,
                                                  calendars: 2, resourcesCreated: 1, resourcesReused: 0,
                                                  assignments: 1, baselines: 1))
            #expect(report.format == "mspdi" && report.application == "Microsoft Project 2019")
            #expect(report.unmodelled["extended attributes"] == 2)
            #expect(report.unmodelled["material resources"] == 1)
            #expect(report.unmodelled["blank (null) task rows"] == 1)
            #expect(report.unmodelled["external tasks (from other projects)"] == 1)
            #expect(report.unmodelled["links to other projects"] == 1)
            #expect(report.warnings.contains { $0.contains("50.0%") })

            let project = try await store.read { try await $0.get(Project.self, report.projectId) }
            #expect(project?.code == "WAREHOUSE")
            #expect(project?.name == "Warehouse fit-out")
            #expect(project?.startDate == .at("2018-02-26"))
            let activities = try await store.read {
                try await $0.list(Activity.self, ListQuery(filters: ["project_id": .int(report.projectId.rawValue)]))
            }
            let byCode = Dictionary(uniqueKeysWithValues: activities.map { ($0.code, $0) })
            #expect(Set(byCode.keys) == ["1", "1.1", "1.2", "2"])
            #expect(byCode["1.1"]?.parentId == byCode["1"]?.id)
            #expect(byCode["1.2"]?.parentId == byCode["1"]?.id)
            #expect(byCode["1.1"]?.duration == .days(2))
            #expect(byCode["2"]?.kind == .milestone)

            let links = try await store.read {
                try await $0.list(Dependency.self, ListQuery(filters: ["project_id": .int(report.projectId.rawValue)]))
            }
            let lags = Dictionary(uniqueKeysWithValues: links.map { ("\($0.type.rawValue)", $0.lag.description) })
            #expect(lags["FS"] == "1d")
            #expect(lags["FF"] == "1ed")
            // 50 % of Racking's two 8-hour days.
            #expect(lags["SS"] == "8h")

            // Lighting runs on the derived calendar: Friday off from its own week, the holiday from its base.
            let lighting = try #require(byCode["1.2"])
            let calendar = try await store.read { try await $0.get(WorkCalendar.self, lighting.calendarId!) }
            #expect(calendar?.week.friday == [])
            #expect(calendar?.week.monday.count == 2)
            #expect(calendar?.exceptions.map(\.from) == [.at("2018-03-01")])

            let baselines = try await store.read {
                try await $0.list(Baseline.self, ListQuery(filters: ["project_id": .int(report.projectId.rawValue)]))
            }
            #expect(baselines.map(\.name) == ["Baseline (imported)"])
            #expect(baselines.first?.activities.first?.plannedFinish == .at("2018-02-27"))

            // The project was scheduled in the same transaction.
            let stored = try await Scheduling(store: store, clock: FixedClock(time: Self.now)).stored(report.projectId, .system)
            #expect(stored?.current == true)
            // Racking starts at the file's start, at the first working minute of its calendar.
            #expect(stored?.row(byCode["1.1"]!.id)?.earlyStart == Self.at("2018-02-26T08:00"))
        }
    }

    @Test("a resource with the same name is reused, and a second import of the same file gets its own code",
          arguments: Backend.available)
    func reusesResources(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let portfolio = try await Self.portfolio(store)
            _ = try await Catalog(store: store, clock: FixedClock(time: Self.now))
                .create(Resource(name: "ann electrician", createdAt: Self.now, updatedAt: Self.now), .system)
            let first = try await Self.service(store).importProject(Self.plan, fileName: "warehouse.xml", into: portfolio.id, .system)
            #expect(first.counts.resourcesReused == 1 && first.counts.resourcesCreated == 0)
            let second = try await Self.service(store).importProject(Self.plan, fileName: "warehouse.xml", into: portfolio.id, .system)
            let codes = try await store.read { session in
                [try await session.get(Project.self, first.projectId)?.code, try await session.get(Project.self, second.projectId)?.code]
            }
            #expect(codes == ["WAREHOUSE", "WAREHOUSE-2"])
        }
    }

    @Test("a file whose links form a cycle is refused whole, naming the cycle; nothing is stored",
          arguments: Backend.available)
    func cycleRefused(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let portfolio = try await Self.portfolio(store)
            var file = Self.plan
            file.links.append(.init(predecessorUID: "3", successorUID: "2"))
            do {
                _ = try await Self.service(store).importProject(file, fileName: "loop.xml", into: portfolio.id, .system)
                Issue.record("a cyclic file was imported")
            } catch let error as ServiceError {
                #expect(error.code == .dependencyCycle)
                #expect(error.message.contains("1.1 Racking") && error.message.contains("1.2 Lighting"))
            }
            let counts = try await store.read { session in
                [try await session.count(Project.self, [:]), try await session.count(Activity.self, [:]),
                 try await session.count(WorkCalendar.self, [:]), try await session.count(ImportReport.self, [:])]
            }
            #expect(counts == [0, 0, 0, 0])
        }
    }

    @Test("a task UID that appears twice is refused, naming it", arguments: Backend.available)
    func duplicateUID(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let portfolio = try await Self.portfolio(store)
            var file = Self.plan
            file.tasks.append(.init(uid: "3", name: "Again"))
            await #expect(throws: ServiceError.self) {
                _ = try await Self.service(store).importProject(file, fileName: "dup.xml", into: portfolio.id, .system)
            }
            #expect(try await store.read { try await $0.count(Project.self, [:]) } == 0)
        }
    }

    @Test("a team member may not import a plan into a portfolio", arguments: Backend.available)
    func permission(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let portfolio = try await Self.portfolio(store)
            let member = Caller.user(Actor(userId: User.ID(99), role: .teamMember))
            do {
                _ = try await Self.service(store).importProject(Self.plan, fileName: "warehouse.xml", into: portfolio.id, member)
                Issue.record("a team member imported a plan")
            } catch let error as ServiceError {
                #expect(error.code == .forbidden)
            }
        }
    }
}
