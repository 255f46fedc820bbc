import Foundation
import GantryInterchange
import GantryServices
import Testing

/// Gantry against MPXJ's `PrimaveraScheduler` on 500 generated progressed P6 networks
/// (`p6-differential/`, made by `scripts/p6-differential.py --count 500 --seed 1 --override-share 0`; its README
/// has the versions and the date). Each file stores the dates MPXJ computes for it, so verifying a file compares
/// Gantry with MPXJ activity by activity: 9,209 leaf activities (4,181 complete, 1,290 under way, 3,738 not
/// started), every link type, lags, constraints, two calendars in 195 files, lags on all four P6 lag calendars.
/// Issue 13 asks for agreement on every date and float; Gantry agrees on 9,049 activities in 481 files
/// fully, and must not fall below that. What remains (2026-12-07, 19 files): mostly MPXJ 16.10 keeping the early
/// finish its links give when a start constraint (start on, start on or after) or a start-to-finish /
/// finish-to-finish link moves the early start, so that its early finish is not its early start plus the
/// duration, sometimes before it (net-0193, net-0236, net-0401, net-0423, net-0457, net-0486, net-0491, net-0497,
/// net-0231, net-0232, net-0069, net-0042, net-0137, net-0282, net-0345: Gantry keeps the two consistent); a late
/// start after the late finish under a start-on-or-before date (net-0245); a start-to-finish link from completed
/// work whose actual start with the lag falls before the data date, which MPXJ counts from the logic date and the
/// real P6 files (sixterminal_mtjuliet_update_5) from the actual start (net-0289); the instant of a late date on a
/// 7-day predecessor of work under way (net-0145); and one rule where the real P6 files and MPXJ part: a
/// start-to-start lag from completed work towards work under way, which P6 still counts and MPXJ drops (net-0082).
@Suite("Differential: Gantry against MPXJ on generated progressed P6 networks")
struct P6DifferentialTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("p6-differential")

    @Test("on 500 generated progressed networks Gantry agrees with MPXJ's P6 scheduler at least as often as it did")
    func againstMPXJ() throws {
        let t = try Self.verifyAll(in: Self.folder)
        #expect(t.files == 500)
        #expect(t.tasks == 9_209)
        #expect(t.agree >= 9_049, "\(t.agree) of \(t.tasks) agree; least: \(t.worst.sorted { $0.1 * $1.2 < $1.1 * $0.2 }.prefix(5))")
        #expect(t.full >= 481, "\(t.full) files agree fully")
    }

    /// Every XER file of a folder verified: activities, how many agree on every field, files agreeing in full, the
    /// known-hard categories' tallies, and the files that do not agree in full (name, agreeing, activities).
    struct Totals {
        var files = 0, tasks = 0, agree = 0, full = 0
        var cases: [ScheduleVerification.HardCase: ScheduleVerification.TaskTally] = [:]
        var worst: [(String, Int, Int)] = []
    }

    static func verifyAll(in folder: URL) throws -> Totals {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".xer") }.sorted()
        var t = Totals()
        for name in names {
            let file = try XERReader.read(Data(contentsOf: folder.appendingPathComponent(name)))
            let a = ScheduleVerification.verify(file)
            #expect(a.error == nil, "\(name): \(a.error ?? "")")
            t.files += 1
            t.tasks += a.leaf.tasks
            t.agree += a.leaf.agreeAll
            if a.leaf.agreeAll == a.leaf.tasks { t.full += 1 } else { t.worst.append((name, a.leaf.agreeAll, a.leaf.tasks)) }
            for (k, v) in a.hardCases { t.cases[k, default: .init()] = t.cases[k, default: .init()] + v }
        }
        return t
    }
}

/// The second fixture (`p6-differential-features/`, `scripts/p6-differential.py --features --count 200 --seed 1001
/// --override-share 0`; its README has what it holds and MPXJ's rules for each feature): 200 networks with what the
/// first lacks — 301 level-of-effort and 212 WBS-summary activities, 229 secondary constraints, 111 suspended
/// activities, expected finish dates in 110 files, and total float as finish, start or smallest float. Gantry agrees
/// with MPXJ on 3,713 of 4,036 activities and on every activity of 163 files (2026-12-07), and must not fall below.
/// What remains is mostly MPXJ 16.10's own rules where they break logic or P6's files, which Gantry does not copy:
/// a start-on-or-after date on the day a predecessor finishes (at 17:00) starts the activity that morning, before
/// its predecessor ends (net-0005, net-0136); a start-to-finish link from completed work counts its whole lag from
/// the logic date, where P6's own file (sixterminal_mtjuliet_update_5) counts it from the actual start (net-0171); a
/// secondary finish-on-or-before date lowers the late finish but keeps the late start the successors gave, so the
/// late dates are not the duration apart (net-0133); and a start milestone's late date on a Saturday of the project
/// finish that the 5-day calendar of a level of effort reads as Friday 17:00 (net-0064).
@Suite("Differential: P6 level of effort, WBS summaries, secondary constraints, suspension, expected finish, float types")
struct P6FeatureDifferentialTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("p6-differential-features")

    @Test("on 200 generated networks with P6's own features Gantry agrees with MPXJ at least as often as it did")
    func againstMPXJ() throws {
        let t = try P6DifferentialTests.verifyAll(in: Self.folder)
        #expect(t.files == 200)
        #expect(t.tasks == 4_036)
        #expect(t.agree >= 3_713, "\(t.agree) of \(t.tasks) agree")
        #expect(t.full >= 163, "\(t.full) files agree fully")
        // Level of effort and WBS summaries (counted together), secondary constraints, suspended work.
        #expect(t.cases[.levelOfEffort]?.tasks == 513 && (t.cases[.levelOfEffort]?.agreeAll ?? 0) >= 455)
        #expect(t.cases[.secondaryConstraint]?.tasks == 229 && (t.cases[.secondaryConstraint]?.agreeAll ?? 0) >= 205)
        #expect(t.cases[.suspended]?.tasks == 111 && (t.cases[.suspended]?.agreeAll ?? 0) >= 102)
    }
}
