import GantryModel
import GantryScheduling
import Testing

/// Primavera P6's activity types and scheduling options that other tools lack, on small networks in plain units
/// (no calendars) so each expected value can be worked by hand from P6's rules as its documentation states them:
/// level-of-effort activities span their links; WBS-summary activities span the unfinished work of their WBS
/// node; a secondary constraint adds a second limit; an expected finish sets the early finish of work not done;
/// suspended work resumes at its resume date; open-ended activities can be made critical. Nothing is scheduled
/// from a level-of-effort or WBS-summary activity.
@Suite("P6 activity types and options")
struct P6OptionsTests {
    typealias A = ScheduleInput.Activity

    static func p6(_ activities: [A], _ links: [ScheduleInput.Link], status: WallMinute? = nil) -> ScheduleInput {
        var options = ScheduleInput.Options()
        options.follow(.p6)
        options.totalFloat = .finish
        return ScheduleInput(activities: activities, links: links, statusDate: status, options: options)
    }

    static func loe(_ name: String) -> A { var a = A(name: name, duration: 0); a.derived = .levelOfEffort; return a }

    /// A (4) → B (6) by FS; D (15) alone sets the project finish at 15. L is a level of effort from A's start
    /// (A SS→L) to B's finish (B FF→L), with a successor E (2) by L FS→E.
    /// L: early start A's 0, early finish B's 10; late start A's late start 15−6−4 = 5, late finish B's 15; its
    /// finish float 15 − 10 = 5, no free float. E is not held by L: it starts at 0.
    @Test("a level-of-effort activity spans its links and holds nothing back")
    func levelOfEffort() throws {
        let input = Self.p6(
            [A(name: "A", duration: 4), A(name: "B", duration: 6), Self.loe("L"), A(name: "D", duration: 15), A(name: "E", duration: 2)],
            [.init(from: 0, to: 1), .init(from: 0, to: 2, type: .startToStart), .init(from: 1, to: 2, type: .finishToFinish),
             .init(from: 2, to: 4)])
        let s = try input.criticalPath()
        #expect([s.earlyStart[2], s.earlyFinish[2], s.lateStart[2], s.lateFinish[2]] == [0, 10, 5, 15])
        #expect(s.totalFloat[2] == 5)
        #expect(s.freeFloat[2] == 0)
        #expect(s.earlyStart[4] == 0)
        #expect(s.projectFinish == 15)
    }

    /// The same level of effort with the status date at 6: A done (0–4), B under way since 4. L started with A, so
    /// 0 is its actual start and its remaining work starts at the status date; it still finishes with B at 10.
    @Test("a level of effort started before the data date resumes at it")
    func levelOfEffortUnderWay() throws {
        var a = A(name: "A", duration: 4); a.actualStart = 0; a.actualFinish = 4
        var b = A(name: "B", duration: 6); b.actualStart = 4; b.remaining = 4
        let input = Self.p6([a, b, Self.loe("L"), A(name: "D", duration: 15)],
                            [.init(from: 0, to: 1), .init(from: 0, to: 2, type: .startToStart), .init(from: 1, to: 2, type: .finishToFinish)],
                            status: 6)
        let s = try input.criticalPath()
        #expect(s.earlyStart[2] == 0)
        #expect(s.remainingStart[2] == 6)
        #expect(s.earlyFinish[2] == 10)
    }

    /// WBS node S holds A (4) → B (6) and W, a WBS summary; C (3) and D (15) are outside. W spans A and B: early
    /// 0–10, late A's late start 5 to B's late finish 15. Once A is done (status 4), W spans B alone: its remaining
    /// work starts where B's does, 4; D, not started, starts at the data date too and finishes at 19, so B's (and
    /// W's) late start is 19 − 6 = 13.
    @Test("a WBS summary spans the unfinished activities of its node")
    func wbsSummary() throws {
        var w = A(name: "W", duration: 0, parent: 0); w.derived = .wbsSummary
        let activities = [A(name: "S", duration: 0, kind: .summary), A(name: "A", duration: 4, parent: 0),
                          A(name: "B", duration: 6, parent: 0), w, A(name: "C", duration: 3), A(name: "D", duration: 15)]
        let s = try Self.p6(activities, [.init(from: 1, to: 2)]).criticalPath()
        #expect([s.earlyStart[3], s.earlyFinish[3], s.lateStart[3], s.lateFinish[3]] == [0, 10, 5, 15])

        var progressed = activities
        progressed[1].actualStart = 0; progressed[1].actualFinish = 4
        let t = try Self.p6(progressed, [.init(from: 1, to: 2)], status: 4).criticalPath()
        #expect(t.remainingStart[3] == 4)
        #expect(t.earlyFinish[3] == 10)
        #expect(t.lateStart[3] == 13)
    }

    /// B (5) after A (5) has a primary start-on-or-after 2 and a secondary finish-on-or-before 8: links start it
    /// at 5, so it finishes at 10; its late finish is 8 and its float −2. A secondary start-on-or-after 7 on C (3)
    /// after A starts it at 7.
    @Test("a secondary constraint limits the late dates (on or before) or the early dates (on or after)")
    func secondaryConstraint() throws {
        var b = A(name: "B", duration: 5, constraint: .startNoEarlierThan, constraintDate: 2)
        b.secondaryConstraint = .finishNoLaterThan; b.secondaryConstraintDate = 8
        var c = A(name: "C", duration: 3)
        c.secondaryConstraint = .startNoEarlierThan; c.secondaryConstraintDate = 7
        let s = try Self.p6([A(name: "A", duration: 5), b, c], [.init(from: 0, to: 1), .init(from: 0, to: 2)]).criticalPath()
        #expect(s.earlyStart[1] == 5 && s.earlyFinish[1] == 10)
        #expect(s.lateFinish[1] == 8)
        #expect(s.totalFloat[1] == -2)
        #expect(s.earlyStart[2] == 7)
    }

    /// A (4) → B (6) → C (2); B is expected to finish at 12 rather than 10: C starts at 12, and B keeps the
    /// length 8 on its late dates (late start 4). An expected finish before the early start is not used.
    @Test("an expected finish sets the early finish and the length")
    func expectedFinish() throws {
        var b = A(name: "B", duration: 6); b.expectedFinish = 12
        let links: [ScheduleInput.Link] = [.init(from: 0, to: 1), .init(from: 1, to: 2)]
        let s = try Self.p6([A(name: "A", duration: 4), b, A(name: "C", duration: 2)], links).criticalPath()
        #expect(s.earlyFinish[1] == 12 && s.earlyStart[2] == 12)
        #expect(s.lateStart[1] == 4 && s.totalFloat[1] == 0)

        b.expectedFinish = 3
        let t = try Self.p6([A(name: "A", duration: 4), b, A(name: "C", duration: 2)], links).criticalPath()
        #expect(t.earlyFinish[1] == 10)
    }

    /// A (10) started at 0 with 6 left, status date 4, suspended and resuming at 8: its remaining work starts at
    /// 8 and it finishes at 14, not 10.
    @Test("suspended work resumes at its resume date")
    func resume() throws {
        var a = A(name: "A", duration: 10); a.actualStart = 0; a.remaining = 6; a.resume = 8
        let s = try Self.p6([a, A(name: "B", duration: 1)], [.init(from: 0, to: 1)], status: 4).criticalPath()
        #expect(s.remainingStart[0] == 8)
        #expect(s.earlyFinish[0] == 14 && s.earlyStart[1] == 14)
    }

    /// A (5) → B (3), A → C (1): C has 2 of float and is not critical, unless open-ended activities are critical
    /// (nothing follows it); A is followed, so its criticality stays its float's.
    @Test("open-ended activities can be made critical")
    func openEnds() throws {
        var input = Self.p6([A(name: "A", duration: 5), A(name: "B", duration: 3), A(name: "C", duration: 1)],
                            [.init(from: 0, to: 1), .init(from: 0, to: 2)])
        #expect(try input.criticalPath().critical == [true, true, false])
        input.options.openEndsCritical = true
        #expect(try input.criticalPath().critical == [true, true, true])
    }
}

extension P6OptionsTests {
    /// A (5) → B (3) and C (8) alone both end at 8, and D (2) after A ends at 7. By float A, B and C are critical
    /// (none has float) and D is not (1 of float); on the longest paths the same, both chains being longest (a tie is
    /// two longest paths). With a critical float of 1, D is critical by float but still not on a longest path.
    @Test("critical on the longest paths, ties included, rather than by a float threshold")
    func longestPath() throws {
        var input = Self.p6([A(name: "A", duration: 5), A(name: "B", duration: 3), A(name: "C", duration: 8), A(name: "D", duration: 2)],
                            [.init(from: 0, to: 1), .init(from: 0, to: 3)])
        input.options.criticalFloat = 1
        #expect(try input.criticalPath().critical == [true, true, true, true])
        input.options.criticalByLongestPath = true
        #expect(try input.criticalPath().critical == [true, true, true, false])
    }
}

extension P6OptionsTests {
    /// A (4) → B (6); B's predecessor in another project allows it to start at 6 at the earliest, and A's successor
    /// there needs A finished by 3: B runs 6–12, and A's late finish is 3 (−1 of float) rather than B's late start 6.
    @Test("external early start and late finish stand for links to other projects")
    func external() throws {
        var a = A(name: "A", duration: 4); a.externalLateFinish = 3
        var b = A(name: "B", duration: 6); b.externalEarlyStart = 6
        let s = try Self.p6([a, b], [.init(from: 0, to: 1)]).criticalPath()
        #expect(s.earlyStart[1] == 6 && s.earlyFinish[1] == 12)
        #expect(s.lateFinish[0] == 3 && s.totalFloat[0] == -1)
    }
}

extension P6OptionsTests {
    /// P6's three ways with out-of-sequence progress, on the documented example: A1 (5) → A2 (4) → A3 (3), A2 done
    /// from 2 to 12 before A1 started, the data date 10. Retained logic: A3 waits for A1 (10–15), starting at 15.
    /// Progress override: A3 starts at the data date, 10. Actual dates: A3 starts when A2 actually finished, 12.
    @Test("retained logic, progress override and actual dates schedule the successor of out-of-sequence work apart")
    func outOfSequence() throws {
        var a2 = A(name: "A2", duration: 4); a2.actualStart = 2; a2.actualFinish = 12
        func start(_ rules: SchedulingRules) throws -> WallMinute {
            var options = ScheduleInput.Options()
            options.follow(rules)
            let input = ScheduleInput(activities: [A(name: "A1", duration: 5), a2, A(name: "A3", duration: 3)],
                                      links: [.init(from: 0, to: 1), .init(from: 1, to: 2)], statusDate: 10, options: options)
            return try input.criticalPath().earlyStart[2]
        }
        #expect(try start(.p6) == 15)
        #expect(try start(.p6ProgressOverride) == 10)
        #expect(try start(.p6ActualDates) == 12)
    }
}
