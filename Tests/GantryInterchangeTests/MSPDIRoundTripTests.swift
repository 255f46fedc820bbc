import Foundation
import GantryInterchange
import GantryModel
import Testing

/// Read → write → read over every real MS Project XML file: what the reader got from MS Project's file, the writer
/// gives back so that the reader gets it again. The expected values are the first read of the real file.
@Suite struct MSPDIRoundTripTests {
    static let schedules = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/data/schedules")

    static func files(_ folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: schedules.appendingPathComponent(folder).path)) ?? []
        return names.filter { $0.hasSuffix(".xml") }.sorted().map { folder + "/" + $0 }
    }

    static let all = files("mspdi") + files("mspdi-derived")

    /// What the writer does not write, taken out before comparing: splits and the timephased flag (MSPDI keeps
    /// them in `TimephasedData`, which the model does not hold).
    static func comparable(_ t: ProjectFile.Task) -> ProjectFile.Task {
        var t = t
        t.splits = []
        t.timephased = false
        // A blank row's outline place is wherever the row sits: MS Project gives it none of its own.
        if t.isNull { t.parentUID = nil; t.outlineLevel = 0 }
        return t
    }

    /// The fields of two values of one type that differ ("duration: … ≠ …"), to name them in a failure.
    static func differences<T>(_ a: T, _ b: T) -> String {
        let left = Mirror(reflecting: a).children, right = Mirror(reflecting: b).children
        return zip(left, right).compactMap { l, r in
            let x = String(describing: l.value), y = String(describing: r.value)
            return x == y ? nil : "\(l.label ?? "?"): \(x) ≠ \(y)"
        }.joined(separator: "; ")
    }

    /// A base calendar UID that names no calendar in the file is no base (MS Project 2019 writes
    /// `BaseCalendarUID` 0 on base calendars, with `IsBaseCalendar` 1); the writer cannot write a dangling one.
    static func comparable(_ c: ProjectFile.Calendar, in file: ProjectFile) -> ProjectFile.Calendar {
        var c = c
        if let base = c.baseUID, !file.calendars.contains(where: { $0.uid == base }) { c.baseUID = nil }
        return c
    }


    @Test("every file in mspdi/ and mspdi-derived/ is there to round-trip")
    func findsTheFiles() {
        #expect(Self.files("mspdi").count == 35)
        #expect(Self.all.count > 35)
    }

    @Test("read → write → read keeps every task, link, calendar, resource, assignment and baseline",
          arguments: all)
    func roundTrips(_ path: String) throws {
        let first = try MSPDIReader.read(Data(contentsOf: Self.schedules.appendingPathComponent(path)))
        let written = MSPDIWriter.write(first)
        // For MPXJ (`mpxj_oracle.py inspect`): GANTRY_INTERCHANGE_SAMPLES=/some/dir keeps every written file.
        if let dir = ProcessInfo.processInfo.environment["GANTRY_INTERCHANGE_SAMPLES"] {
            let name = path.replacingOccurrences(of: "/", with: "__")
            try written.write(to: URL(fileURLWithPath: dir).appendingPathComponent(name))
        }
        let again = try MSPDIReader.read(written)

        #expect(again.name == first.name)
        #expect(again.start == first.start)
        #expect(again.finish == first.finish)
        #expect(again.statusDate == first.statusDate)
        #expect(again.calendarUID == first.calendarUID)
        #expect(again.minutesPerDay == first.minutesPerDay)
        #expect(again.honorConstraints == first.honorConstraints)

        #expect(again.tasks.count == first.tasks.count)
        for (a, b) in zip(first.tasks, again.tasks) {
            #expect(Self.comparable(b) == Self.comparable(a),
                    "task UID \(a.uid): \(Self.differences(Self.comparable(a), Self.comparable(b)))")
        }
        func key(_ l: ProjectFile.Link) -> String { "\(l.successorUID)<-\(l.predecessorUID)" }
        #expect(again.links.count == first.links.count)
        let linksAgain = Dictionary(grouping: again.links, by: key)
        for l in first.links {
            #expect(linksAgain[key(l)]?.contains(l) == true, "link \(key(l)) \(l.type) \(l.lag)")
        }
        // Calendars: identity, base, exceptions as read, and the week they resolve to (a base calendar's day the
        // file left open is the standard day, which the writer states).
        #expect(again.calendars.count == first.calendars.count)
        for (a, b) in zip(first.calendars, again.calendars) {
            #expect(Self.comparable(b, in: again).baseUID == Self.comparable(a, in: first).baseUID, "calendar UID \(a.uid) base")
            #expect(b.uid == a.uid)
            #expect(b.name == a.name)
            #expect(b.exceptions == a.exceptions, "calendar UID \(a.uid) exceptions")
            #expect(again.resolvedCalendar(b.uid)?.week == first.resolvedCalendar(a.uid)?.week, "calendar UID \(a.uid) week")
        }
        #expect(again.resources.count == first.resources.count)
        for (a, b) in zip(first.resources, again.resources) {
            #expect(b == a, "resource UID \(a.uid): \(Self.differences(a, b))")
        }
        #expect(again.assignments.count == first.assignments.count)
        for (a, b) in zip(first.assignments, again.assignments) {
            #expect(b == a, "assignment UID \(a.uid): \(Self.differences(a, b))")
        }
    }

    @Test("a project of 12,000 tasks and links (over 10 MB of XML) writes and reads back whole")
    func writesALargeProject() throws {
        let day = CalendarDate(year: 2026, month: 1, day: 5) ?? CalendarDate(daysSinceEpoch: 0)
        let n = 12_000
        let tasks = (1...n).map { i in
            ProjectFile.Task(uid: String(i), rowID: i, name: "Task \(i)", wbs: String(i),
                             duration: .init(minutes: Double(480 * (i % 5 + 1))),
                             start: LocalDateTime(date: day.adding(days: i % 300), minuteOfDay: 480))
        }
        let links = (2...n).map { ProjectFile.Link(predecessorUID: String($0 - 1), successorUID: String($0)) }
        let file = ProjectFile(format: .mspdi, name: "Large", calendars: [.init(uid: "1", name: "Standard")],
                               tasks: tasks, links: links)
        let clock = ContinuousClock()
        var data = Data()
        let elapsed = clock.measure { data = MSPDIWriter.write(file) }
        if let dir = ProcessInfo.processInfo.environment["GANTRY_INTERCHANGE_SAMPLES"] {
            try data.write(to: URL(fileURLWithPath: dir).appendingPathComponent("large.xml"))
        }
        print("MSPDIWriter: \(n) tasks, \(n - 1) links, \(data.count) bytes written in \(elapsed)")
        let again = try MSPDIReader.read(data)
        #expect(again.tasks.count == n)
        #expect(again.links.count == n - 1)
        #expect(again.tasks.last?.name == "Task \(n)")
    }
}
