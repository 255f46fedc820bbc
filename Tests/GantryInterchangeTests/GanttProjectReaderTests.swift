import Foundation
import GantryInterchange
import GantryModel
import Testing

/// The GanttProject files in `shared/data/schedules/gan`.
@Suite struct GanttProjectReaderTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("../shared/data/schedules/gan")

    static func read(_ name: String) throws -> ProjectFile {
        try GanttProjectReader.read(Data(contentsOf: folder.appendingPathComponent(name)))
    }

    static func at(_ text: String) throws -> LocalDateTime { try LocalDateTime(iso: text) }

    struct Counts: Sendable, CustomStringConvertible {
        var file: String, tasks: Int, links: Int, resources: Int, assignments: Int, calendars = 1
        var description: String { file }
    }

    /// Expected numbers from MPXJ (`mpxj_oracle.py inspect`), except where noted: MPXJ reads `<depend>` only on
    /// top-level tasks (3 links in the house sample, whose text holds 17 `<depend>` elements), and it ignores
    /// `<vacation>`, which this reader turns into a calendar per resource (one more calendar per resource with a
    /// vacation, counted in the file text).
    static let corpus: [Counts] = [
        .init(file: "ganttproject_HouseBuildingSample.gan", tasks: 20, links: 17, resources: 7, assignments: 30, calendars: 2),
        .init(file: "tsgp_allocation_task-with-basic-assignee.gan", tasks: 1, links: 0, resources: 1, assignments: 1),
        .init(file: "tsgp_allocation_task-with-coordinator-assignee.gan", tasks: 1, links: 0, resources: 2, assignments: 2),
        .init(file: "tsgp_baseline_baseline-with-milestone.gan", tasks: 1, links: 0, resources: 0, assignments: 0),
        .init(file: "tsgp_baseline_baseline-with-subtasks.gan", tasks: 2, links: 0, resources: 0, assignments: 0),
        .init(file: "tsgp_baseline_basic-baseline.gan", tasks: 1, links: 0, resources: 0, assignments: 0),
        .init(file: "tsgp_baseline_endDate_task-in-baseline-crossing-one-off-holiday.gan", tasks: 1, links: 0, resources: 0, assignments: 0),
        .init(file: "tsgp_baseline_endDate_task-in-baseline-crossing-recurring-holiday.gan", tasks: 1, links: 0, resources: 0, assignments: 0),
        .init(file: "tsgp_baseline_endDate_task-in-baseline-crossing-weekends-and-no-tasks-can-run-on-weekends.gan", tasks: 1, links: 0, resources: 0, assignments: 0),
        .init(file: "tsgp_baseline_endDate_task-in-baseline-crossing-weekends-and-tasks-can-run-on-weekends.gan", tasks: 1, links: 0, resources: 0, assignments: 0),
        .init(file: "tsgp_empty-project.gan", tasks: 0, links: 0, resources: 0, assignments: 0),
        .init(file: "tsgp_project-with-metadata.gan", tasks: 0, links: 0, resources: 0, assignments: 0),
        .init(file: "tsgp_resource_resource-with-custom-properties.gan", tasks: 0, links: 0, resources: 1, assignments: 0),
        .init(file: "tsgp_resource_resource-with-default-values.gan", tasks: 0, links: 0, resources: 1, assignments: 0),
        .init(file: "tsgp_resource_resource-with-email.gan", tasks: 0, links: 0, resources: 1, assignments: 0),
        .init(file: "tsgp_resource_resource-with-name.gan", tasks: 0, links: 0, resources: 1, assignments: 0),
        .init(file: "tsgp_resource_resource-with-phone.gan", tasks: 0, links: 0, resources: 1, assignments: 0),
        .init(file: "tsgp_resource_resource-with-project-manager-role.gan", tasks: 0, links: 0, resources: 1, assignments: 0),
        .init(file: "tsgp_resource_resource-with-rate.gan", tasks: 0, links: 0, resources: 1, assignments: 0),
        .init(file: "tsgp_task_endDate_task-crossing-one-off-holiday.gan", tasks: 1, links: 0, resources: 0, assignments: 0),
        .init(file: "tsgp_task_endDate_task-crossing-recurring-holiday.gan", tasks: 1, links: 0, resources: 0, assignments: 0),
        .init(file: "tsgp_task_endDate_task-crossing-weekends-and-no-tasks-can-run-on-weekends.gan", tasks: 1, links: 0, resources: 0, assignments: 0),
        .init(file: "tsgp_task_endDate_task-crossing-weekends-and-tasks-can-run-on-weekends.gan", tasks: 1, links: 0, resources: 0, assignments: 0),
        .init(file: "tsgp_task_milestone-task.gan", tasks: 1, links: 0, resources: 0, assignments: 0),
        .init(file: "tsgp_task_task-on-work-days.gan", tasks: 1, links: 0, resources: 0, assignments: 0),
        .init(file: "tsgp_task_task-with-collapsed-subtasks.gan", tasks: 6, links: 0, resources: 0, assignments: 0),
        .init(file: "tsgp_task_task-with-color.gan", tasks: 1, links: 0, resources: 0, assignments: 0),
        .init(file: "tsgp_task_task-with-completion-percentage.gan", tasks: 1, links: 0, resources: 0, assignments: 0),
        .init(file: "tsgp_task_task-with-custom-properties.gan", tasks: 1, links: 0, resources: 0, assignments: 0),
        .init(file: "tsgp_task_task-with-dependencies.gan", tasks: 5, links: 4, resources: 0, assignments: 0),
        .init(file: "tsgp_task_task-with-earliest-start-date.gan", tasks: 1, links: 0, resources: 0, assignments: 0),
        .init(file: "tsgp_task_task-with-expanded-subtasks.gan", tasks: 6, links: 0, resources: 0, assignments: 0),
        .init(file: "tsgp_task_task-with-manual-cost.gan", tasks: 1, links: 0, resources: 0, assignments: 0),
        .init(file: "tsgp_task_task-with-notes.gan", tasks: 1, links: 0, resources: 0, assignments: 0),
        .init(file: "tsgp_task_task-with-priority.gan", tasks: 5, links: 0, resources: 0, assignments: 0),
        .init(file: "tsgp_task_task-with-shape.gan", tasks: 1, links: 0, resources: 0, assignments: 0),
        .init(file: "tsgp_task_task-with-web-link.gan", tasks: 1, links: 0, resources: 0, assignments: 0),
        .init(file: "tsgp_vacation_resource-with-vacation.gan", tasks: 0, links: 0, resources: 1, assignments: 0, calendars: 2),
        .init(file: "tsgp_view_task-shown-in-timeline.gan", tasks: 1, links: 0, resources: 0, assignments: 0),
    ]

    @Test("every corpus file reads with the expected counts", arguments: corpus)
    func readsTheCorpus(_ expected: Counts) throws {
        let file = try Self.read(expected.file)
        #expect(file.format == .ganttProject)
        #expect(file.tasks.count == expected.tasks)
        #expect(file.links.count == expected.links)
        #expect(file.resources.count == expected.resources)
        #expect(file.assignments.count == expected.assignments)
        #expect(file.calendars.count == expected.calendars)
        #expect(file.tasks.allSatisfy { $0.stored == ProjectFile.Stored() })
    }

    @Test func theCorpusHoldsEveryGanFile() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter { $0.hasSuffix(".gan") }
        #expect(Set(names) == Set(Self.corpus.map(\.file)))
    }

    @Test("dependencies sit on the predecessor; type 1 SS, 2 FS, 3 FF, 4 SF; difference is the lag in days")
    func readsDependencies() throws {
        let file = try Self.read("tsgp_task_task-with-dependencies.gan")
        // task A (0) → B (1) type 1; B → C (2) type 2 Rubber; C → D (3) type 3 difference −1; D → E (4) type 4.
        #expect(file.links == [
            ProjectFile.Link(predecessorUID: "0", successorUID: "1", type: .startToStart, lag: ProjectFile.Lag(.working(minutes: 0), unit: .days)),
            ProjectFile.Link(predecessorUID: "1", successorUID: "2", type: .finishToStart, lag: ProjectFile.Lag(.working(minutes: 0), unit: .days)),
            ProjectFile.Link(predecessorUID: "2", successorUID: "3", type: .finishToFinish, lag: ProjectFile.Lag(.working(minutes: -480), unit: .days)),
            ProjectFile.Link(predecessorUID: "3", successorUID: "4", type: .startToFinish, lag: ProjectFile.Lag(.working(minutes: 0), unit: .days)),
        ])
    }

    @Test("finish is the last working day counted on the calendar")
    func finishesCountWorkingDays() throws {
        // Each file: one task "start=… duration=2" and its calendar. The finish is the end of the 2nd working day.
        // One-off holiday 2024-01-03: 2024-01-02 + 2 days = Jan 2 and Jan 4 (MPXJ also gives 2024-01-04 17:00).
        let oneOff = try Self.read("tsgp_task_endDate_task-crossing-one-off-holiday.gan")
        #expect(oneOff.tasks[0].start == (try Self.at("2024-01-02T08:00")))
        #expect(oneOff.tasks[0].finish == (try Self.at("2024-01-04T17:00")))
        #expect(oneOff.tasks[0].duration == ProjectFile.Duration(minutes: 960, unit: .days))
        let holiday = try #require(oneOff.calendars[0].exceptions.first)
        #expect(holiday.from == CalendarDate(year: 2024, month: 1, day: 3))
        #expect(holiday.working.isEmpty)
        #expect(holiday.name == "dummy one-off holiday")
        #expect(holiday.recurrence == nil)

        // Recurring (year="") Jan 3: the same. MPXJ gives 2024-01-03 17:00: it skips recurring holidays (a TODO
        // in its GanttProjectReader); the file is named for a task crossing the holiday.
        let recurring = try Self.read("tsgp_task_endDate_task-crossing-recurring-holiday.gan")
        #expect(recurring.tasks[0].finish == (try Self.at("2024-01-04T17:00")))
        #expect(recurring.calendars[0].exceptions.first?.recurrence == .yearly)

        // Weekends off (sun="1" … sat="1"): Friday 2023-12-29 + 2 days ends Monday 2024-01-01 (as MPXJ).
        let weekendsOff = try Self.read("tsgp_task_endDate_task-crossing-weekends-and-no-tasks-can-run-on-weekends.gan")
        #expect(weekendsOff.tasks[0].finish == (try Self.at("2024-01-01T17:00")))
        #expect(weekendsOff.calendars[0].week[.saturday] == [])
        // With only-show-weekends="true" the file is named "tasks can run on weekends": Friday and Saturday.
        let weekendsOn = try Self.read("tsgp_task_endDate_task-crossing-weekends-and-tasks-can-run-on-weekends.gan")
        #expect(weekendsOn.tasks[0].finish == (try Self.at("2023-12-30T17:00")))
        #expect(weekendsOn.calendars[0].week[.saturday]?.isEmpty == false)
    }

    @Test func readsTasksAsStored() throws {
        let milestone = try Self.read("tsgp_task_milestone-task.gan").tasks[0]
        #expect(milestone.milestone)  // meeting="true" duration="0" start="2024-01-02"
        #expect(milestone.start == milestone.finish)
        #expect(milestone.start?.date == CalendarDate(year: 2024, month: 1, day: 2))

        #expect(try Self.read("tsgp_task_task-with-completion-percentage.gan").tasks[0].percentComplete == 64)

        // priority 3 lowest, 0 low, none normal, 2 high, 4 highest; names say which.
        let priorities = Dictionary(uniqueKeysWithValues: try Self.read("tsgp_task_task-with-priority.gan").tasks.map { ($0.name, $0.priority) })
        #expect(priorities == ["task lowest": 100, "task low": 300, "task normal": 500, "task high": 700, "task highest": 900])

        // thirdDate="2024-01-04" thirdDate-constraint="1": an earliest start.
        let earliest = try Self.read("tsgp_task_task-with-earliest-start-date.gan").tasks[0]
        #expect(earliest.constraint == .startNoEarlierThan)
        #expect(earliest.constraintDate == (try Self.at("2024-01-04T00:00")))

        #expect(try Self.read("tsgp_task_task-with-notes.gan").tasks[0].notes == "This is the first sentence.\nThis is the second sentence.")
        #expect(try Self.read("tsgp_task_task-with-custom-properties.gan").unmodelled["task custom property values"] == 1)
        #expect(try Self.read("tsgp_task_task-with-web-link.gan").unmodelled["task web links"] == 1)
        #expect(try Self.read("tsgp_task_task-with-shape.gan").unmodelled["task bar colours and shapes"] == 1)

        // Subtasks: six tasks, three with children.
        let nested = try Self.read("tsgp_task_task-with-expanded-subtasks.gan")
        #expect(nested.tasks.filter(\.summary).count == 3)
        for t in nested.tasks where t.parentUID != nil {
            #expect(nested.tasks.contains { $0.uid == t.parentUID && $0.outlineLevel == t.outlineLevel - 1 })
        }
    }

    @Test func readsResourcesAllocationsAndVacations() throws {
        // <rate name="standard" value="64"/> a day: 8 an hour over the 8-hour day.
        #expect(try Self.read("tsgp_resource_resource-with-rate.gan").resources[0].standardRate == 8)
        #expect(try Self.read("tsgp_resource_resource-with-email.gan").resources[0].email == "john@example.test")
        #expect(try Self.read("tsgp_resource_resource-with-project-manager-role.gan").resources[0].group == "project manager")

        let coordinated = try Self.read("tsgp_allocation_task-with-coordinator-assignee.gan")
        #expect(coordinated.assignments.map(\.resourceUID) == ["1", "2"])
        #expect(coordinated.assignments.allSatisfy { $0.taskUID == "0" && $0.units == 50 })

        // <vacation start="2024-01-01" end="2024-02-01" resourceid="1"/>: January off, end exclusive.
        let vacation = try Self.read("tsgp_vacation_resource-with-vacation.gan")
        let calendarUID = try #require(vacation.resources[0].calendarUID)
        let calendar = try #require(vacation.calendars.first { $0.uid == calendarUID })
        #expect(calendar.baseUID == vacation.calendarUID)
        #expect(calendar.exceptions == [CalendarException(name: "vacation", from: CalendarDate(year: 2024, month: 1, day: 1)!,
                                                          to: CalendarDate(year: 2024, month: 1, day: 31)!)])
    }

    @Test func readsBaselines() throws {
        // <previous-task id="0" start="2024-01-04" duration="2"/>: Thursday and Friday.
        let basic = try Self.read("tsgp_baseline_basic-baseline.gan").tasks[0]
        #expect(basic.baselines == [ProjectFile.Baseline(number: 0, start: try Self.at("2024-01-04T08:00"),
                                                         finish: try Self.at("2024-01-05T17:00"),
                                                         duration: ProjectFile.Duration(minutes: 960, unit: .days))])
        let subtasks = try Self.read("tsgp_baseline_baseline-with-subtasks.gan")
        #expect(subtasks.tasks.allSatisfy { $0.baselines.count == 1 })
        let milestone = try Self.read("tsgp_baseline_baseline-with-milestone.gan").tasks[0]
        #expect(milestone.baselines.first?.start == milestone.baselines.first?.finish)
    }

    @Test func readsTheHouseSample() throws {
        let file = try Self.read("ganttproject_HouseBuildingSample.gan")
        #expect(file.application == "GanttProject 3.3.3309")
        // "Architectural design" (0) holds tasks 9, 10, 17; task 14 has notes; task 17 is a milestone.
        let design = try #require(file.tasks.first { $0.uid == "0" })
        #expect(design.summary)
        #expect(file.tasks.filter { $0.parentUID == "0" }.map(\.uid) == ["9", "10", "17"])
        #expect(file.tasks.first { $0.uid == "17" }?.milestone == true)
        #expect(file.tasks.first { $0.uid == "14" }?.notes == "Embedded devices, kitchen, washing machine, dryer etc")
        // task 10 thirdDate-constraint="0": the date is not in force.
        #expect(file.tasks.first { $0.uid == "10" }?.constraint == .asap)
        // <date year="2006" month="2" date="14" type="HOLIDAY"/>
        #expect(file.calendars[0].exceptions.map(\.from) == [CalendarDate(year: 2006, month: 2, day: 14)!])
        // Allocation task 9 resource 1 load 50.0; resource 0 John Black rate 40 a day.
        #expect(file.assignments.first { $0.taskUID == "9" && $0.resourceUID == "1" }?.units == 50)
        #expect(file.resources.first { $0.uid == "0" }?.standardRate == 5)
        #expect(file.start == (try Self.at("2024-05-27T08:00")))
    }

    // MARK: Bad files

    @Test func refusesWhatIsNotAGanttProjectFile() {
        do {
            _ = try GanttProjectReader.read(Data("<?xml version=\"1.0\"?>\n<project name=\"x\">\n<tasks>\n</project>".utf8))
            Issue.record("malformed XML was read")
        } catch {
            #expect(error.line != nil)
            #expect(error.message.contains("XML"))
        }
        do {
            _ = try GanttProjectReader.read(Data("<?xml version=\"1.0\"?>\n<schedule/>".utf8))
            Issue.record("a <schedule> root was read")
        } catch {
            #expect(error.element == "schedule")
            #expect(error.line == 2)
        }
    }

    @Test func refusesADuplicateTaskIDAndReportsADanglingDependency() throws {
        let duplicate = """
            <?xml version="1.0"?>
            <project name="p">
            <tasks>
            <task id="1" name="a" start="2024-01-01" duration="1"/>
            <task id="1" name="b" start="2024-01-01" duration="1"/>
            </tasks>
            </project>
            """
        do {
            _ = try GanttProjectReader.read(Data(duplicate.utf8))
            Issue.record("a duplicate task id was read")
        } catch {
            #expect(error.element == "task id 1")
            #expect(error.line == 5)
        }
        let dangling = """
            <?xml version="1.0"?>
            <project name="p">
            <tasks>
            <task id="1" name="a" start="2024-01-01" duration="99999999999999">
            <depend id="7" type="2" difference="0" hardness="Strong"/>
            </task>
            </tasks>
            </project>
            """
        let file = try GanttProjectReader.read(Data(dangling.utf8))
        #expect(file.links.isEmpty)
        #expect(file.notices.contains { $0.element == "task id 1 / depend" && $0.line == 5 })
        #expect(file.notices.contains { $0.element == "task id 1 / duration" })
        #expect(file.tasks[0].finish != nil)
    }

    @Test func refusesBytesThatAreNotUTF8InsteadOfTrapping() {
        // Foundation's XML parser traps on an element name that is not UTF-8; the reader refuses it first.
        var bytes = Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<project>\n<ta".utf8)
        bytes += [0xFF] + Array("sks/>\n</project>".utf8)
        do {
            _ = try GanttProjectReader.read(Data(bytes))
            Issue.record("bytes that are not UTF-8 were read")
        } catch {
            #expect(error.line == 3)
        }
    }

    @Test("a file cut short anywhere is refused or read, never a crash")
    func survivesTruncation() throws {
        for name in ["ganttproject_HouseBuildingSample.gan", "tsgp_task_task-with-dependencies.gan"] {
            let data = try Data(contentsOf: Self.folder.appendingPathComponent(name))
            for cut in stride(from: 0, to: data.count, by: max(1, data.count / 60)) {
                _ = try? GanttProjectReader.read(data.prefix(cut))
            }
        }
    }
}
