import GantryModel
import GantryPortfolio
import Testing

@Suite("Capacity benchmark: when can we start? and leveling (issue #14)")
struct CapacityBenchmarkTests {
    /// The clock ticks once per reading, so each timed step reads 1; the run still answers both questions.
    @Test("the benchmark also times one start request and the leveling of every project")
    func decisions() throws {
        var tick: UInt64 = 0
        let timing = try CapacityBenchmark.run(.small) { tick += 1; return tick }
        #expect(timing.roleCapacityNanoseconds == 1 && timing.earliestStartNanoseconds == 1)
        #expect(timing.levelingNanoseconds == 1)
        #expect(timing.startsTried > 0)
        #expect(timing.levelingProjects == CapacityBenchmark.Size.small.projects)
        #expect(timing.overHoursAfter <= timing.overHoursBefore)
    }

    /// Each project's profile adds up to its assignments at units × 480 minutes a weekday.
    @Test("leveling projects carry their assignments' demand; every fifth project may not move")
    func projects() throws {
        let input = CapacityBenchmark.organisation(.small)
        let projects = CapacityBenchmark.levelingProjects(input)
        for project in projects {
            var expected: Int64 = 0
            for a in input.assignments where a.project == project.id {
                for d in a.first.daysSinceEpoch...a.last.daysSinceEpoch
                where !CalendarDate(daysSinceEpoch: d).weekday.isWeekend { expected += Int64((480 * a.units / 100).rounded()) }
            }
            #expect(project.profile.reduce(0) { $0 + $1.minutes } == expected)
            #expect(project.plannedStart.weekday == .monday)
            #expect(project.mayMove == (project.id.rawValue % 5 != 0))
        }
    }
}
