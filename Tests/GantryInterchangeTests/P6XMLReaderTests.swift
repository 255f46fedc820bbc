import Foundation
import GantryInterchange
import GantryModel
import Testing

/// The P6 XML exports in `shared/data/schedules/p6xml` (the same test projects as the XER corpus).
@Suite struct P6XMLReaderTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("../shared/data/schedules/p6xml")

    static func read(_ name: String) throws -> ProjectFile {
        try P6XMLReader.read(Data(contentsOf: folder.appendingPathComponent(name)))
    }

    struct Counts: Sendable, CustomStringConvertible {
        var file: String, tasks: Int, resources: Int, assignments: Int
        var description: String { file }
    }

    /// From MPXJ (`mpxj_oracle.py inspect`): no links in any, one calendar in each; roles count as resources.
    static let corpus: [Counts] = [
        .init(file: "mpxj_PredecessorCalendar.xml", tasks: 2, resources: 0, assignments: 0),
        .init(file: "mpxj_ProjectDefaultCalendar.xml", tasks: 2, resources: 0, assignments: 0),
        .init(file: "mpxj_SuccessorCalendar.xml", tasks: 2, resources: 0, assignments: 0),
        .init(file: "mpxj_TwentyFourHourCalendar.xml", tasks: 2, resources: 0, assignments: 0),
        .init(file: "mpxj_resource-rates-test.xml", tasks: 1, resources: 2, assignments: 5),
    ]

    @Test("every corpus file reads with MPXJ's counts", arguments: corpus)
    func readsTheCorpus(_ expected: Counts) throws {
        let data = try Data(contentsOf: Self.folder.appendingPathComponent(expected.file))
        #expect(try FormatSniffer.format(of: data) == .p6xml)
        let file = try P6XMLReader.read(data)
        #expect(file.format == .p6xml)
        #expect(file.tasks.count == expected.tasks)
        #expect(file.links.isEmpty)
        #expect(file.calendars.count == 1)
        #expect(file.resources.count == expected.resources)
        #expect(file.assignments.count == expected.assignments)
    }

    @Test func theLagCalendarIsTheProjectsOption() throws {
        // <RelationshipLagCalendar> in each file.
        #expect(try Self.read("mpxj_PredecessorCalendar.xml").lagCalendar == .predecessor)
        #expect(try Self.read("mpxj_SuccessorCalendar.xml").lagCalendar == .successor)
        #expect(try Self.read("mpxj_TwentyFourHourCalendar.xml").lagCalendar == .twentyFourHour)
        #expect(try Self.read("mpxj_ProjectDefaultCalendar.xml").lagCalendar == .project)
    }

    @Test func readsTheProjectCalendarAndActivityAsStored() throws {
        let file = try Self.read("mpxj_PredecessorCalendar.xml")
        // <DataDate>2021-05-17T22:00:00, <PlannedStartDate>2020-09-01T00:00:00, <OutOfSequenceScheduleType>.
        #expect(file.statusDate == (try LocalDateTime(iso: "2021-05-17T22:00")))
        #expect(file.start == (try LocalDateTime(iso: "2020-09-01T00:00")))
        #expect(file.schedulingOptions["OutOfSequenceScheduleType"] == "Retained Logic")
        #expect(file.minutesPerDay == 480)  // <HoursPerDay>8.0
        // "Test Calendar": Monday 07:00:00–11:59:00 and 12:30:00–15:29:00, i.e. up to 12:00 and 15:30.
        let cal = try #require(file.calendars.first)
        #expect(cal.uid == "12002")
        #expect(cal.week[.monday] == [TimeRange(start: 420, end: 720), TimeRange(start: 750, end: 930)])
        #expect(cal.week[.saturday] == [])
        // Activity 140001 A1000 "Test": PlannedDuration 360.0 h, RemainingDuration 0, actual 2021-02-05 08:00 –
        // 2021-04-19 15:30, EarlyStartDate 2021-05-17 22:00, LateStartDate 2021-05-18 07:00, PercentComplete 1.0.
        let task = try #require(file.tasks.first { $0.uid == "140001" })
        #expect(task.code == "A1000")
        #expect(task.parentUID == "WBS36331")
        #expect(task.type == "TT_Task")
        #expect(task.duration == ProjectFile.Duration(minutes: 360 * 60, unit: .hours))
        #expect(task.remainingDuration?.minutes == 0)
        #expect(task.actualStart == (try LocalDateTime(iso: "2021-02-05T08:00")))
        #expect(task.actualFinish == (try LocalDateTime(iso: "2021-04-19T15:30")))
        #expect(task.stored.earlyStart == (try LocalDateTime(iso: "2021-05-17T22:00")))
        #expect(task.stored.lateStart == (try LocalDateTime(iso: "2021-05-18T07:00")))
        #expect(task.percentComplete == 100)
    }

    @Test func readsResourcesRolesAndAssignments() throws {
        let file = try Self.read("mpxj_resource-rates-test.xml")
        // Resource 1316 R1 Labor; ResourceRate from 2022-01-01: PricePerUnit 1, MaxUnitsPerTime 1; Role 332.
        let r = try #require(file.resources.first { $0.uid == "1316" })
        #expect(r.initials == "R1")
        #expect(r.standardRate == 1)
        #expect(r.maxUnits == 100)
        #expect(file.resources.first { $0.uid == "ROLE332" }?.generic == true)
        // ResourceAssignment 6639: activity 35845, PlannedUnits 240, RemainingUnitsPerTime 1.
        let a = try #require(file.assignments.first { $0.uid == "6639" })
        #expect(a.taskUID == "35845")
        #expect(a.work == 240.0 * 60)
        #expect(a.units == 100)
        #expect(file.unmodelled["P6 XML RoleRateNew"] == 2)
    }

    @Test func refusesWhatIsNotP6XML() {
        do {
            _ = try P6XMLReader.read(Data("<?xml version=\"1.0\"?>\n<Project xmlns=\"http://schemas.microsoft.com/project\"/>".utf8))
            Issue.record("an MSPDI file was read as P6 XML")
        } catch {
            #expect(error.element == "Project")
            #expect(error.line == 2)
        }
        #expect(throws: InterchangeError.self) { try P6XMLReader.read(Data("<APIBusinessObjects><Calendar/></APIBusinessObjects>".utf8)) }
    }

    @Test func readsLinksAndReportsDanglingOnes() throws {
        let xml = """
            <?xml version="1.0"?>
            <APIBusinessObjects>
            <Project><ObjectId>1</ObjectId><Id>P</Id><Name>P</Name>
            <Activity><ObjectId>10</ObjectId><Id>A10</Id><Name>a</Name><PlannedDuration>8</PlannedDuration><PrimaryConstraintType>Finish On or Before</PrimaryConstraintType><PrimaryConstraintDate>2024-01-31T17:00:00</PrimaryConstraintDate></Activity>
            <Activity><ObjectId>11</ObjectId><Id>A11</Id><Name>b</Name><Type>Finish Milestone</Type><TotalFloat>-4</TotalFloat></Activity>
            <Relationship><ObjectId>5</ObjectId><PredecessorActivityObjectId>10</PredecessorActivityObjectId><SuccessorActivityObjectId>11</SuccessorActivityObjectId><Type>Start to Start</Type><Lag>16</Lag></Relationship>
            <Relationship><ObjectId>6</ObjectId><PredecessorActivityObjectId>99</PredecessorActivityObjectId><SuccessorActivityObjectId>11</SuccessorActivityObjectId></Relationship>
            </Project>
            </APIBusinessObjects>
            """
        let file = try P6XMLReader.read(Data(xml.utf8))
        #expect(file.links == [ProjectFile.Link(predecessorUID: "10", successorUID: "11", type: .startToStart,
                                                lag: ProjectFile.Lag(.working(minutes: 960), unit: .hours))])
        #expect(file.notices.contains { $0.element == "Relationship ObjectId 6" && $0.line == 7 })
        #expect(file.tasks[0].constraint == .finishNoLaterThan)
        #expect(file.tasks[1].milestone)
        #expect(file.tasks[1].stored.critical == true)
    }

    @Test func readsTheNamedProjectOfSeveral() throws {
        let xml = """
            <?xml version="1.0"?>
            <APIBusinessObjects>
            <Project><ObjectId>1</ObjectId><Id>ALPHA</Id><Name>Alpha</Name>
            <WBS><ObjectId>7</ObjectId><ProjectObjectId>1</ProjectObjectId><ParentObjectId>1</ParentObjectId><Code>A</Code><Name>a</Name></WBS>
            <Activity><ObjectId>10</ObjectId><Id>A10</Id><Name>a</Name><WBSObjectId>7</WBSObjectId></Activity>
            </Project>
            <Project><ObjectId>2</ObjectId><Id>BETA</Id><Name>Beta</Name><WBSCodeSeparator>-</WBSCodeSeparator>
            <WBS><ObjectId>8</ObjectId><ProjectObjectId>2</ProjectObjectId><ParentObjectId>2</ParentObjectId><Code>B</Code><Name>b</Name></WBS>
            <WBS><ObjectId>9</ObjectId><ProjectObjectId>2</ProjectObjectId><ParentObjectId>8</ParentObjectId><Code>C</Code><Name>c</Name></WBS>
            <Activity><ObjectId>20</ObjectId><Id>B20</Id><Name>b</Name><WBSObjectId>9</WBSObjectId></Activity>
            </Project>
            </APIBusinessObjects>
            """
        let first = try P6XMLReader.read(Data(xml.utf8))
        #expect(first.name == "Alpha")
        #expect(first.tasks.map(\.uid) == ["WBS7", "10"])
        #expect(first.notices.contains { $0.element == "Project" && $0.message.contains("'BETA'") })
        let beta = try P6XMLReader.read(Data(xml.utf8), project: "BETA")
        #expect(beta.tasks.map(\.uid) == ["WBS8", "WBS9", "20"])
        #expect(beta.tasks.map(\.wbs) == ["B", "B-C", "B-C"])
        #expect(throws: InterchangeError.self) { try P6XMLReader.read(Data(xml.utf8), project: "GAMMA") }
    }
}
