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
/// fully, and must not fall below that. What remains is named in the issue's notes (start-to-finish links next to
/// progress, start/finish-on-or-before on work under way, lags next to progress, a start milestone after a
/// predecessor whose free float counts to it, and one rule where the real P6 files and MPXJ part: a start-to-start lag from
/// completed work towards work under way, which P6 still counts and MPXJ drops).
@Suite("Differential: Gantry against MPXJ on generated progressed P6 networks")
struct P6DifferentialTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("p6-differential")

    @Test("on 500 generated progressed networks Gantry agrees with MPXJ's P6 scheduler at least as often as it did")
    func againstMPXJ() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter { $0.hasSuffix(".xer") }.sorted()
        #expect(names.count == 500)
        var tasks = 0, agree = 0, full = 0
        var worst: [(String, Int, Int)] = []
        for name in names {
            let file = try XERReader.read(Data(contentsOf: Self.folder.appendingPathComponent(name)))
            let a = ScheduleVerification.verify(file)
            #expect(a.error == nil, "\(name): \(a.error ?? "")")
            tasks += a.leaf.tasks
            agree += a.leaf.agreeAll
            if a.leaf.agreeAll == a.leaf.tasks { full += 1 } else { worst.append((name, a.leaf.agreeAll, a.leaf.tasks)) }
        }
        #expect(tasks == 9_209)
        #expect(agree >= 9_049, "\(agree) of \(tasks) agree; least: \(worst.sorted { $0.1 * $1.2 < $1.1 * $0.2 }.prefix(5))")
        #expect(full >= 481, "\(full) files agree fully")
    }
}
