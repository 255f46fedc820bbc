import Foundation
import GantryInterchange
import GantryModel
import Testing

/// A 100 MB MS Project file: read whole with every task and link, and, cut short near its end, refused with the
/// line named. (Time is measured by `gantry bench interchange --generate`, never asserted here.)
@Suite("A 100 MB file")
struct LargeFileTests {
    static func plan(tasks n: Int) -> ProjectFile {
        let day = [TimeRange(start: 480, end: 720), TimeRange(start: 780, end: 1020)]
        var file = ProjectFile(format: .mspdi, name: "Large", start: try? LocalDateTime(iso: "2027-01-04T08:00"),
                               calendarUID: "1")
        file.calendars = [.init(uid: "1", name: "Standard", week: [.monday: day, .tuesday: day, .wednesday: day,
                                                                   .thursday: day, .friday: day, .saturday: [], .sunday: []])]
        for i in 0..<n {
            file.tasks.append(.init(uid: String(i + 1), rowID: i + 1, name: "Task \(i + 1) of a large plan",
                                    wbs: String(i + 1), duration: .init(minutes: Double(480 * (1 + i % 5)), unit: .days)))
            if i > 0 {
                file.links.append(.init(predecessorUID: String(i), successorUID: String(i + 1),
                                        type: DependencyType.allCases[i % 4],
                                        lag: .init(.working(minutes: Double(60 * (i % 3))), unit: .hours)))
            }
        }
        return file
    }

    /// Just over 100 MB: the size of a thousand tasks tells how many make it.
    static let generated: (data: Data, tasks: Int) = {
        let perTask = Double(MSPDIWriter.write(plan(tasks: 1000)).count) / 1000
        let n = Int(100_000_000 / perTask * 1.02) + 1
        return (MSPDIWriter.write(plan(tasks: n)), n)
    }()

    @Test("read whole: every task and link")
    func readsWhole() throws {
        #expect(Self.generated.data.count >= 100_000_000)
        let file = try ProjectFileReader.read(Self.generated.data)
        #expect(file.tasks.count == Self.generated.tasks)
        #expect(file.links.count == Self.generated.tasks - 1)
        #expect(file.tasks.last?.name == "Task \(file.tasks.count) of a large plan")
    }

    @Test("cut short near the end: refused, naming the line")
    func truncated() {
        let cut = Self.generated.data.prefix(Self.generated.data.count - 5000)
        do {
            _ = try ProjectFileReader.read(Data(cut))
            Issue.record("a file cut short was read")
        } catch {
            #expect(error.line != nil)
            #expect(!error.message.isEmpty)
        }
    }
}
