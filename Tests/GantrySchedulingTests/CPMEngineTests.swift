import Foundation
import GantryModel
import GantryScheduling
import Testing

/// A network for the engine, written as DOMAIN.md writes one: named activities in order, each with its links.
struct EngineNetwork {
    var activities: [ScheduleInput.Activity] = []
    var links: [ScheduleInput.Link] = []
    var calendars: [CompiledCalendar] = []
    var projectStart: WallMinute = 0
    var statusDate: WallMinute? = nil
    var options = ScheduleInput.Options()
    /// One day in the network's units: 1 without a calendar, 480 working minutes on the standard one.
    var day: Int64 = 1

    func index(_ name: String) -> Int {
        guard let i = activities.firstIndex(where: { $0.name == name }) else { fatalError("no activity \(name)") }
        return i
    }

    @discardableResult
    mutating func add(_ name: String, _ days: Int64, _ kind: ActivityKind = .leaf, parent: String? = nil,
                      after preds: [(String, DependencyType, Int64)] = []) -> Int {
        var a = ScheduleInput.Activity(name: name, duration: days * day, kind: kind)
        a.parent = parent.map(index)
        activities.append(a)
        for (p, type, lag) in preds {
            links.append(.init(from: index(p), to: activities.count - 1, type: type, lag: .working(lag * day)))
        }
        return activities.count - 1
    }

    mutating func update(_ name: String, _ change: (inout ScheduleInput.Activity) -> Void) {
        change(&activities[index(name)])
    }

    var input: ScheduleInput {
        ScheduleInput(activities: activities, links: links, calendars: calendars, projectStart: projectStart,
                      statusDate: statusDate, options: options)
    }

    func schedule() throws -> CriticalPathSchedule { try input.criticalPath() }

    func names(_ indices: [Int]) -> [String] { indices.map { activities[$0].name } }
}

/// The standard calendar (Mon–Fri 08:00–12:00, 13:00–17:00) over 2018, with the given holidays.
func standardCalendar(holidays: [String] = []) throws -> CompiledCalendar {
    let days = holidays.map { CalendarDate(iso: $0)! }
    return try CompiledCalendar(
        week: .standard, exceptions: days.map { CalendarException(name: "holiday", from: $0, to: $0) },
        from: CalendarDate(iso: "2018-01-01")!, through: CalendarDate(iso: "2018-12-31")!, minutesPerDay: 480)
}

func wall(_ text: String) throws -> WallMinute { try WallTime.parse(text) }

@Suite("Critical path engine: floats, drivers, longest path")
struct CPMEngineTests {
    /// DOMAIN.md §2.4(b), case 9 [S + X MPXJ]: the published free floats (FF column) and the longest path.
    @Test("all four link types: free floats and the longest path A, B, D, G, H")
    func allLinkTypesFreeFloat() throws {
        let named = CriticalPathTests.engineer4Free
        let input = named.network.scheduleInput
        let s = try input.criticalPath()
        let ff = Dictionary(uniqueKeysWithValues: named.names.enumerated().map { ($1, s.freeFloat[$0]) })
        #expect(ff == ["A": 0, "B": 0, "C": 0, "D": 0, "E": 4, "F": 9, "G": 0, "H": 0])
        #expect(s.longestPath.map { named.names[$0] } == ["A", "B", "D", "G", "H"])
        #expect(s.critical.indices.filter { s.critical[$0] }.map { named.names[$0] } == ["A", "B", "D", "G", "H"])
        #expect(s.makespan == 14)
        // Why does G start on day 7? Its SS+1 link from D (D starts on 6), not E.
        let g = named.names.firstIndex(of: "G")!
        #expect(s.driver[g] == .link(input.links.firstIndex { $0.to == g && $0.type == .startToStart }!))
        #expect(s.driver[0] == .projectStart)
    }

    /// Cases 10 and 12 [S]: the published FF column.
    @Test("free float of the 'Lags part 1' and Joshua Emmanuel networks")
    func freeFloatTables() throws {
        var lags = EngineNetwork()
        lags.add("A", 2)
        lags.add("B", 4, after: [("A", .finishToStart, 5)])
        lags.add("C", 3, after: [("B", .startToStart, 3)])
        lags.add("D", 5, after: [("B", .finishToStart, 0)])
        lags.add("E", 2, after: [("C", .finishToStart, 0), ("D", .finishToStart, 0)])
        #expect(try lags.schedule().freeFloat == [0, 0, 3, 0, 0])

        var je = EngineNetwork()
        je.add("A", 7); je.add("B", 9)
        je.add("C", 12, after: [("A", .finishToStart, 0)])
        je.add("D", 8, after: [("A", .finishToStart, 0), ("B", .finishToStart, 0)])
        je.add("E", 9, after: [("D", .finishToStart, 0)])
        je.add("F", 6, after: [("C", .finishToStart, 0), ("E", .finishToStart, 0)])
        je.add("G", 5, after: [("E", .finishToStart, 0)])
        let s = try je.schedule()
        #expect(s.freeFloat == [0, 0, 7, 0, 0, 0, 1])
        #expect(s.totalFloat == [2, 0, 7, 0, 0, 0, 1])
        #expect(je.names(s.longestPath) == ["B", "D", "E", "F"])
    }

    /// DOMAIN.md §2.6 quirk 1: A 2d → B 3d, FF −1d. MS Project stores free slack 1d (capped at total slack);
    /// MPXJ computes 2d. Gantry matches MS Project (DESIGN.md).
    @Test("free float under a negative FF lag is capped at total float, as MS Project stores it")
    func negativeFinishLagQuirk() throws {
        var n = EngineNetwork()
        n.add("A", 2)
        n.add("B", 3, after: [("A", .finishToFinish, -1)])
        let s = try n.schedule()
        #expect(s.totalFloat[0] == 1)
        #expect(s.freeFloat[0] == 1)
    }

    @Test("a loop is a dependency_cycle that names its activities in link order")
    func cycleNamed() throws {
        var n = EngineNetwork()
        n.add("Design", 2)
        n.add("Build", 3, after: [("Design", .finishToStart, 0)])
        n.add("Test", 1, after: [("Build", .finishToStart, 0)])
        n.links.append(.init(from: 2, to: 0))
        do {
            _ = try n.schedule()
            Issue.record("a loop must not schedule")
        } catch let error as ScheduleFailure {
            #expect(error.diagnostic.code == .dependencyCycle)
            #expect(n.names(error.diagnostic.activities) == ["Design", "Build", "Test", "Design"])
            #expect(error.diagnostic.message.contains("Design → Build → Test → Design"))
        }
    }

    @Test("a link to itself is a loop of one; a link between a summary and its part is dropped with invalid_link")
    func invalidLinks() throws {
        var n = EngineNetwork()
        n.add("Phase", 0, .summary)
        n.add("A", 2, parent: "Phase")
        n.links.append(.init(from: 1, to: 1))
        #expect(throws: ScheduleFailure.self) { try n.schedule() }
        n.links = [.init(from: 0, to: 1), .init(from: 1, to: 7)]
        let s = try n.schedule()
        #expect(s.diagnostics.filter { $0.code == .invalidLink }.count == 2)
        #expect(s.earlyFinish[1] == 2)
    }

    @Test("percent lags count a share of the predecessor's duration")
    func percentLag() throws {
        var n = EngineNetwork()
        n.add("A", 10)
        n.add("B", 2)
        n.links.append(.init(from: 0, to: 1, type: .startToStart, lag: .percent(40)))
        let s = try n.schedule()
        #expect(s.earlyStart[1] == 4)
    }
}

@Suite("Critical path engine on the standard calendar (MS Project semantics)")
struct CPMCalendarTests {
    /// Case 15 [X MPXJ]: a holiday inside an activity.
    @Test("a holiday inside A moves its finish to Mon 03-05 17:00 and B to 03-06 08:00 → 03-07 17:00")
    func holiday() throws {
        var n = EngineNetwork()
        n.day = 480
        n.calendars = [try standardCalendar(holidays: ["2018-02-28"])]
        n.projectStart = try wall("2018-02-26T08:00")
        n.add("A", 5)
        n.add("B", 2, after: [("A", .finishToStart, 0)])
        let s = try n.schedule()
        #expect(s.earlyStart[0] == (try wall("2018-02-26T08:00")))
        #expect(s.earlyFinish[0] == (try wall("2018-03-05T17:00")))
        #expect(s.earlyStart[1] == (try wall("2018-03-06T08:00")))
        #expect(s.earlyFinish[1] == (try wall("2018-03-07T17:00")))
        #expect(s.lateStart == s.earlyStart)
        #expect(s.lateFinish == s.earlyFinish)
        #expect(s.totalFloat == [0, 0])
        #expect(s.makespan == 7 * 480)
    }

    /// Case 16 [X MPXJ MicrosoftScheduler; S MS docs: constraints beat links by default]: every constraint on B
    /// in A 3d → B 2d with C 10d in parallel, from Mon 2018-02-26. Dates and floats come from the JSON file.
    @Test("constraints on B: dates, late dates, total and free float as MS Project computes them",
          arguments: ["SNET B 2018-03-05", "MSO B 2018-03-06", "FNLT B 2018-03-09 17:00", "MFO B 2018-03-08 17:00",
                      "ALAP B", "FNET B 2018-03-07 17:00", "SNLT B 2018-02-28 08:00 (violated)"])
    func constraint(caseName: String) throws {
        let oracle = try DomainCases.case(16)
        let expected = try #require((oracle["expected"] as? [String: Any])?[caseName] as? [String: [String: String]])
        let words = caseName.split(separator: " ").map(String.init)
        let kind = try #require(ScheduleInput.ConstraintKind(rawValue: words[0]))
        var date: WallMinute? = nil
        if words.count > 2 {
            let time = words.count > 3 && words[3].contains(":") ? words[3] : "08:00"
            date = try wall("\(words[2])T\(time)")
        }
        var n = EngineNetwork()
        n.day = 480
        n.calendars = [try standardCalendar()]
        n.projectStart = try wall("2018-02-26T08:00")
        n.add("A", 3)
        n.add("B", 2, after: [("A", .finishToStart, 0)])
        n.add("C", 10)
        n.update("B") { $0.constraint = kind; $0.constraintDate = date }
        let s = try n.schedule()
        for (name, row) in expected {
            let i = n.index(name)
            #expect(s.earlyStart[i] == (try wall(row["start"]!)), "\(name) start")
            #expect(s.earlyFinish[i] == (try wall(row["finish"]!)), "\(name) finish")
            #expect(s.lateStart[i] == (try wall(row["LS"]!)), "\(name) late start")
            #expect(s.lateFinish[i] == (try wall(row["LF"]!)), "\(name) late finish")
            #expect(s.totalFloat[i] == DomainCases.minutes(row["TF"]!), "\(name) total float")
            #expect(s.freeFloat[i] == DomainCases.minutes(row["FF"]!), "\(name) free float")
        }
        if kind == .startNoLaterThan {
            #expect(s.diagnostics.contains { $0.code == .negativeFloat && $0.activities == [n.index("A")] })
        }
    }

    @Test("when links win, a constraint they break is a constraint_conflict and the dates follow the links")
    func linksWin() throws {
        var n = EngineNetwork()
        n.day = 480
        n.calendars = [try standardCalendar()]
        n.projectStart = try wall("2018-02-26T08:00")
        n.options.constraintsBeatLinks = false
        n.add("A", 3)
        n.add("B", 2, after: [("A", .finishToStart, 0)])
        n.update("B") { $0.constraint = .startNoLaterThan; $0.constraintDate = try? wall("2018-02-28T08:00") }
        let s = try n.schedule()
        #expect(s.earlyStart[1] == (try wall("2018-03-01T08:00")))
        #expect(s.diagnostics.contains { $0.code == .constraintConflict && $0.activities == [1] })
        #expect(!s.diagnostics.contains { $0.code == .negativeFloat })
    }

    /// P6's two ways with out-of-sequence progress (P6 Professional help, "Schedule Options: retained logic /
    /// progress override"): B started before its predecessor A finished. With retained logic B's remaining work
    /// waits for A; with progress override (and by default) it resumes at the status date.
    /// A: 5 days, not started, so from the status date 2 to 7. B: 4 days after A, started at 1 with 2 days left.
    /// C: 1 day after B.
    @Test("retained logic holds an out-of-sequence activity's remaining work behind its unfinished predecessor")
    func retainedLogic() throws {
        var n = EngineNetwork()
        n.statusDate = 2
        n.add("A", 5)
        n.add("B", 4, after: [("A", .finishToStart, 0)])
        n.add("C", 1, after: [("B", .finishToStart, 0)])
        n.update("B") { $0.actualStart = 1; $0.remaining = 2 }
        let override = try n.schedule()
        #expect(override.earlyFinish[n.index("A")] == 7)
        #expect(override.earlyFinish[n.index("B")] == 4)
        #expect(override.earlyStart[n.index("C")] == 4)
        n.options.retainedLogic = true
        let retained = try n.schedule()
        #expect(retained.earlyStart[n.index("B")] == 1, "the actual start stays")
        #expect(retained.earlyFinish[n.index("B")] == 9)
        #expect(retained.earlyStart[n.index("C")] == 9)
        #expect(retained.projectFinish == 10)
    }

    /// Primavera's logic through progressed work (`Options.progressedLogic`), status date 2. A: 5 days, not started,
    /// so 2–7. B: 3 days after A, yet already done (0–1, out of sequence). C: 2 days after B; D: 1 day after C.
    /// E: 4 days, started at 1 with 2 days left (2–4), before D. Following B's actual finish, C would start at the
    /// status date; through B's logic it waits for A: C 7–9, D 9–10, and B sits at 7 (its logic date), its late
    /// date C's late start, 7. E's late finish is D's late start, 9, and its late start keeps its 2 days left: 7.
    @Test("a completed activity passes its predecessors' logic on, and work under way keeps its remaining duration late")
    func progressedLogic() throws {
        var n = EngineNetwork()
        n.statusDate = 2
        n.add("A", 5)
        n.add("B", 3, after: [("A", .finishToStart, 0)])
        n.add("C", 2, after: [("B", .finishToStart, 0)])
        n.add("E", 4)
        n.add("D", 1, after: [("C", .finishToStart, 0), ("E", .finishToStart, 0)])
        n.update("B") { $0.actualStart = 0; $0.actualFinish = 1 }
        n.update("E") { $0.actualStart = 1; $0.remaining = 2 }
        let actual = try n.schedule()
        #expect(actual.earlyStart[n.index("C")] == 2)
        #expect(actual.projectFinish == 7)
        // E's late finish is D's late start, 6; its whole span from its actual start (3 days) puts its late start at 3.
        #expect(actual.lateStart[n.index("E")] == 3)
        #expect(actual.completedLogic.isEmpty)

        n.options.progressedLogic = true
        let p6 = try n.schedule()
        #expect(p6.earlyStart[n.index("B")] == 0 && p6.earlyFinish[n.index("B")] == 1, "B's actual dates stay")
        #expect(p6.completedLogic[n.index("B")] == 7)
        #expect(p6.completedLogic[n.index("A")] == nil)
        #expect(p6.earlyStart[n.index("C")] == 7)
        #expect(p6.earlyFinish[n.index("D")] == 10)
        #expect(p6.projectFinish == 10)
        #expect(p6.lateStart[n.index("B")] == 7 && p6.lateFinish[n.index("B")] == 7)
        #expect(p6.lateFinish[n.index("A")] == 7)
        #expect(p6.totalFloat[n.index("A")] == 0)
        #expect(p6.earlyFinish[n.index("E")] == 4)
        #expect(p6.lateFinish[n.index("E")] == 9)
        #expect(p6.lateStart[n.index("E")] == 7)
    }

    /// As late as possible, by each tool's rule. C (4 days) and A (1 day, ALAP) both precede B (1 day); D (6 days)
    /// runs beside them, so the project ends at 6. MS Project's ALAP takes A's total float: A is pinned at its
    /// late start (B's late start 5 less 1 = 4) and B, following it, starts at 5. P6's "as late as possible based
    /// on available free float" (Oracle's P6 help on the constraint) takes only A's free float: A ends where B
    /// may start by its other predecessor, 4, so A runs 3–4 and B stays at 4.
    @Test("as late as possible takes the total float under MS Project's rules, only the free float under P6's")
    func alapByTool() throws {
        var n = EngineNetwork()
        n.add("C", 4)
        n.add("A", 1)
        n.add("B", 1, after: [("A", .finishToStart, 0), ("C", .finishToStart, 0)])
        n.add("D", 6)
        n.update("A") { $0.constraint = .alap }
        let ms = try n.schedule()
        #expect(ms.earlyStart[n.index("A")] == 4)
        #expect(ms.earlyStart[n.index("B")] == 5)
        n.options.progressedLogic = true
        let p6 = try n.schedule()
        #expect(p6.earlyStart[n.index("A")] == 3)
        #expect(p6.earlyFinish[n.index("A")] == 4)
        #expect(p6.earlyStart[n.index("B")] == 4)
        #expect(p6.projectFinish == 6)
        // The same under P6's progress override (xer-progressed/jaggelas_test.xer: A1690, as late as possible,
        // finishes where its successor A1700 starts, 06-18 09:40, not at its late finish, 07-09 17:00).
        n.options = ScheduleInput.Options()
        n.options.follow(.p6ProgressOverride)
        let override = try n.schedule()
        #expect(override.earlyStart[n.index("A")] == 3)
        #expect(override.earlyStart[n.index("B")] == 4)
    }

    /// Work under way held by a start-to-start link (`Options.progressedLogic`), status date 10. P: 10 days, started
    /// at 2 with 4 left, so 10–14. S: 3 days, SS +3 after P: 10–13. U: 10 days after S: 13–23. Backward, U's late
    /// start 13 is S's late finish, so S's late start is 10. P has run 8 days since it started, more than the 3-day
    /// lag, so the lag no longer holds it: P may start its remaining work at 10 and finish its 4 days by 14, no
    /// float. By the whole lag and the whole duration it would have to finish by 7 + 10 = 17.
    @Test("work under way is held by a start-to-start link for what remains of it, less the lag already run")
    func progressedStartToStart() throws {
        var n = EngineNetwork()
        n.statusDate = 10
        n.add("P", 10)
        n.add("S", 3, after: [("P", .startToStart, 3)])
        n.add("U", 10, after: [("S", .finishToStart, 0)])
        n.update("P") { $0.actualStart = 2; $0.remaining = 4 }
        let whole = try n.schedule()
        #expect(whole.lateFinish[n.index("P")] == 17)
        n.options.progressedLogic = true
        let p6 = try n.schedule()
        #expect(p6.earlyFinish[n.index("P")] == 14)
        #expect(p6.lateStart[n.index("S")] == 10)
        #expect(p6.lateFinish[n.index("P")] == 14)
        #expect(p6.lateStart[n.index("P")] == 10)
        #expect(p6.totalFloat[n.index("P")] == 0)
    }

    /// A lag after completed work (`Options.progressedLogic`), status date 10. K was done 0–6; L (2 days) follows
    /// it FS +6, so it may start at 12 and finishes at 14. Backward, L's late start is 12; of the 6-day lag, 4 ran
    /// between K's finish and the status date, so K's late date is 2 before 12: 10 (ignoring the lag gives 12,
    /// the whole lag 6). With floats computed from a project end of 20 (`floatFrom`), L's late finish is 20 and
    /// K's late date 16; an end before the early finish changes nothing.
    @Test("a completed activity's late date keeps what of a lag has not run by the status date; floats can count from a later project end")
    func progressedLagAndFloatFrom() throws {
        var n = EngineNetwork()
        n.statusDate = 10
        n.add("K", 6)
        n.add("L", 2, after: [("K", .finishToStart, 6)])
        n.update("K") { $0.actualStart = 0; $0.actualFinish = 6 }
        n.options.progressedLogic = true
        let s = try n.schedule()
        #expect(s.earlyStart[n.index("L")] == 12)
        #expect(s.projectFinish == 14)
        #expect(s.lateStart[n.index("K")] == 10 && s.lateFinish[n.index("K")] == 10)
        n.options.floatFrom = 20
        let later = try n.schedule()
        #expect(later.lateFinish[n.index("L")] == 20)
        #expect(later.totalFloat[n.index("L")] == 6)
        #expect(later.lateStart[n.index("K")] == 16)
        n.options.floatFrom = 13
        #expect(try n.schedule().lateFinish[n.index("L")] == 14)
    }

    /// A finish-to-finish lag from completed work (`Options.progressedLogic`), status date 10, the rule MPXJ's P6
    /// scheduler stores in p6-differential/net-0288 (Task 3, FF +4 days from Task 0, done in 8 days: early
    /// finish 8 days after the data date, not 4). K was done 0–8; S (6 days) follows it FF +4, a lag no longer
    /// than K's 8 days of work: it counts twice from K's logic date, the status date, so S finishes at 18 and
    /// starts at 12 (what of the lag has not run since K's finish would give 10). A (5 days) runs 10–15; J, done
    /// 0–2 out of sequence after it, sits at 15; T (3 days) follows J FF +4, a lag longer than J's 2 days of
    /// work: from J's actual finish, 2 + 4 = 6, so T starts at the status date, 10–13 (from J's logic date it
    /// would finish at 19).
    @Test("a finish-to-finish lag from completed work counts from the actual finish, or twice from the logic date")
    func progressedFinishToFinishFromDone() throws {
        var n = EngineNetwork()
        n.statusDate = 10
        n.add("K", 8)
        n.add("S", 6, after: [("K", .finishToFinish, 4)])
        n.add("A", 5)
        n.add("J", 2, after: [("A", .finishToStart, 0)])
        n.add("T", 3, after: [("J", .finishToFinish, 4)])
        n.update("K") { $0.actualStart = 0; $0.actualFinish = 8 }
        n.update("J") { $0.actualStart = 0; $0.actualFinish = 2 }
        n.options.progressedLogic = true
        n.options.retainedLogic = true
        let s = try n.schedule()
        #expect(s.earlyStart[n.index("S")] == 12)
        #expect(s.earlyFinish[n.index("S")] == 18)
        #expect(s.completedLogic[n.index("J")] == 15)
        #expect(s.earlyStart[n.index("T")] == 10)
        #expect(s.earlyFinish[n.index("T")] == 13)
    }

    /// A start-to-finish link towards work under way (`Options.progressedLogic`), status date 10, the rule MPXJ's P6
    /// scheduler stores in p6-differential/net-0198 (Task 7, under way, starts its remaining work at the logic date
    /// of Finish MS 4, done, SF 0) and net-0494 (Task 4 at where Task 3's remaining work starts). Q (6 days) runs
    /// 10–16; P, done 0–4 out of sequence after it, sits at 16; W, started at 8 with 3 days left, follows P SF 0:
    /// its remaining work starts at 16 and ends at 19 (the link from a finished predecessor held nothing before).
    /// R (3 days) runs 10–13; U, started at 2 with 4 days left, waits for it: 13–17; V, started at 5 with 2 days
    /// left, follows U SF 0 and resumes where U does, 13–15 (finishing there would put it at 11–13).
    @Test("a start-to-finish link holds work under way at where its started predecessor's logic starts")
    func progressedStartToFinishTowardsWorkUnderWay() throws {
        var n = EngineNetwork()
        n.statusDate = 10
        n.add("Q", 6)
        n.add("P", 4, after: [("Q", .finishToStart, 0)])
        n.add("W", 5, after: [("P", .startToFinish, 0)])
        n.add("R", 3)
        n.add("U", 8, after: [("R", .finishToStart, 0)])
        n.add("V", 7, after: [("U", .startToFinish, 0)])
        n.update("P") { $0.actualStart = 0; $0.actualFinish = 4 }
        n.update("W") { $0.actualStart = 8; $0.remaining = 3 }
        n.update("U") { $0.actualStart = 2; $0.remaining = 4 }
        n.update("V") { $0.actualStart = 5; $0.remaining = 2 }
        n.options.progressedLogic = true
        n.options.retainedLogic = true
        let s = try n.schedule()
        #expect(s.completedLogic[n.index("P")] == 16)
        #expect(s.earlyFinish[n.index("W")] == 19)
        #expect(s.earlyFinish[n.index("U")] == 17)
        #expect(s.earlyFinish[n.index("V")] == 15)
    }

    /// A start-to-finish link between completed activities (`Options.progressedLogic`), status date 10, as MPXJ's
    /// P6 scheduler stores p6-differential/net-0115 (Task 15, done, SF +32 h from Task 12, done, whose logic date is
    /// after the data date: Task 15 sits at the data date). A (5 days) runs 10–15; P, done 0–2 out of sequence
    /// after it, sits at 15. F, done 1–3, follows P SF +2: with a lag, no later than the status date, 10. G, done
    /// 1–3, follows P SF 0: at P's logic date, 15.
    @Test("a start-to-finish link with a lag between completed activities holds the successor no later than the status date")
    func progressedStartToFinishBetweenDoneWork() throws {
        var n = EngineNetwork()
        n.statusDate = 10
        n.add("A", 5)
        n.add("P", 2, after: [("A", .finishToStart, 0)])
        n.add("F", 2, after: [("P", .startToFinish, 2)])
        n.add("G", 2, after: [("P", .startToFinish, 0)])
        n.update("P") { $0.actualStart = 0; $0.actualFinish = 2 }
        n.update("F") { $0.actualStart = 1; $0.actualFinish = 3 }
        n.update("G") { $0.actualStart = 1; $0.actualFinish = 3 }
        n.options.progressedLogic = true
        n.options.retainedLogic = true
        let s = try n.schedule()
        #expect(s.completedLogic[n.index("P")] == 15)
        #expect(s.completedLogic[n.index("F")] == 10)
        #expect(s.completedLogic[n.index("G")] == 15)
    }

    /// A start-to-finish link between two activities under way, backward (`Options.progressedLogic`), status date
    /// 10, as MPXJ's P6 scheduler stores p6-differential/net-0298 (Task 1, under way, late-finishes its whole
    /// length after Task 2's late finish: 01-14 17:00 + 80 h = 01-28 17:00). T, started at 6 with 2 days left,
    /// runs 10–12, then Z (15 days) 12–27. P, started at 2 with 4 days left (10–14, 12 days from its actual
    /// start), precedes T SF 0: its late finish is T's, 12, plus its 12 days, 24, and its late start 20 — not T's
    /// late finish taken as P's latest start, which would give 16.
    @Test("between two activities under way a start-to-finish link late-finishes the predecessor its whole length after the successor")
    func progressedStartToFinishBackward() throws {
        var n = EngineNetwork()
        n.statusDate = 10
        n.add("T", 8)
        n.add("Z", 15, after: [("T", .finishToStart, 0)])
        n.add("P", 8, after: [])
        n.links.append(.init(from: n.index("P"), to: n.index("T"), type: .startToFinish))
        n.update("T") { $0.actualStart = 6; $0.remaining = 2 }
        n.update("P") { $0.actualStart = 2; $0.remaining = 4 }
        n.options.progressedLogic = true
        n.options.retainedLogic = true
        let s = try n.schedule()
        #expect(s.earlyFinish[n.index("T")] == 12 && s.lateFinish[n.index("T")] == 12)
        #expect(s.projectFinish == 27)
        #expect(s.lateFinish[n.index("P")] == 24)
        #expect(s.lateStart[n.index("P")] == 20)
    }

    /// A lead on a start-to-start link from work under way, backward (`Options.progressedLogic`), status date 10, as
    /// MPXJ's P6 scheduler stores p6-differential/net-0432 (Task 6, under way with 4 h left, SS −8 h to Task 7:
    /// Task 6 late-starts at Task 7's late start). P, started at 8 with 1 day left, runs 10–11; S (4 days) follows
    /// it SS −2 and runs 10–14; Z (10 days) runs 10–20. S's late start is 16, and so is P's (late finish 17): the
    /// lead does not let P start later than S (by it, P would late-finish at 19).
    @Test("a lead on a start-to-start link from work under way does not move its late dates")
    func progressedStartToStartLeadBackward() throws {
        var n = EngineNetwork()
        n.statusDate = 10
        n.add("P", 3)
        n.add("S", 4, after: [("P", .startToStart, -2)])
        n.add("Z", 10)
        n.update("P") { $0.actualStart = 8; $0.remaining = 1 }
        n.options.progressedLogic = true
        n.options.retainedLogic = true
        let s = try n.schedule()
        #expect(s.earlyStart[n.index("S")] == 10)
        #expect(s.lateStart[n.index("S")] == 16)
        #expect(s.lateFinish[n.index("P")] == 17)
    }

    /// A lead on a finish-to-start link from work not started towards completed work, backward
    /// (`Options.progressedLogic`), status date 10, as MPXJ's P6 scheduler stores p6-differential/net-0335 (Task 7,
    /// not started, FS −16 h to Task 10, done: Task 7 late-finishes at Task 10's late date). K was done 0–4 and L
    /// (5 days) follows it, 10–15, so K's late date is 10. B (2 days, not started) precedes K FS −3: it
    /// late-finishes at K's late date, 10 (total float −2), not 3 days after it.
    @Test("a finish-to-start link from work not started towards completed work keeps no lag backward")
    func progressedFinishToStartTowardsDoneWork() throws {
        var n = EngineNetwork()
        n.statusDate = 10
        n.add("B", 2)
        n.add("K", 4, after: [("B", .finishToStart, -3)])
        n.add("L", 5, after: [("K", .finishToStart, 0)])
        n.update("K") { $0.actualStart = 0; $0.actualFinish = 4 }
        n.options.progressedLogic = true
        n.options.retainedLogic = true
        let s = try n.schedule()
        #expect(s.earlyStart[n.index("L")] == 10)
        #expect(s.lateFinish[n.index("K")] == 10)
        #expect(s.lateFinish[n.index("B")] == 10)
        #expect(s.totalFloat[n.index("B")] == -2)
    }

    /// P6's progress override with work completed after the status date, the shape of xer-progressed/jaggelas_test.xer
    /// (M1030, a finish milestone done at 17:00 on the data date; its successor A10290 starts at the data date,
    /// 09:40, in P6's stored dates). Status date 10. K was done 2–12; L (3 days) follows it FS 0, M (2 days) FS +1.
    /// Under progress override K holds them back no further than the status date: L runs 10–13 and M 11–13
    /// (following K's actual finish they would start at 12 and 13).
    @Test("under P6's progress override completed work holds its successors no further than the status date")
    func progressOverrideCompletedAfterStatusDate() throws {
        var n = EngineNetwork()
        n.statusDate = 10
        n.add("K", 4)
        n.add("L", 3, after: [("K", .finishToStart, 0)])
        n.add("M", 2, after: [("K", .finishToStart, 1)])
        n.update("K") { $0.actualStart = 2; $0.actualFinish = 12 }
        n.options.follow(.p6ProgressOverride)
        let s = try n.schedule()
        #expect(s.earlyStart[n.index("L")] == 10)
        #expect(s.earlyStart[n.index("M")] == 11)
    }

    /// P6's progress override backward, the shape of xer-progressed/jaggelas_test.xer (A1100, not started, FF 0 to
    /// A1090, done in January: P6 late-finishes A1100 in July, from its other successor, with 360 h of float, not
    /// at A1090's actual finish). Status date 10. K was done 0–4 out of sequence; B (2 days) precedes it and L (5
    /// days), so runs 10–12 with L 12–17; C (2 days) precedes only K; Z (10 days) runs 10–20. K's actual dates
    /// limit neither: B late-finishes at L's late start, 15, and C at the project finish, 20, with 8 days of free
    /// float (against K's actual finish both would have large negative float and no free float).
    @Test("under P6's progress override completed work limits neither its predecessors' late dates nor their free float")
    func progressOverrideBackward() throws {
        var n = EngineNetwork()
        n.statusDate = 10
        n.add("B", 2)
        n.add("C", 2)
        n.add("K", 4, after: [("B", .finishToStart, 0), ("C", .finishToStart, 0)])
        n.add("L", 5, after: [("B", .finishToStart, 0)])
        n.add("Z", 10)
        n.update("K") { $0.actualStart = 0; $0.actualFinish = 4 }
        n.options.follow(.p6ProgressOverride)
        let s = try n.schedule()
        #expect(s.projectFinish == 20)
        #expect(s.lateFinish[n.index("B")] == 15)
        #expect(s.lateFinish[n.index("C")] == 20)
        #expect(s.totalFloat[n.index("C")] == 8)
        #expect(s.freeFloat[n.index("C")] == 8)
    }

    /// A mandatory date before the status date, under P6's rules, the shape of xer-progressed/jaggelas_test.xer
    /// (M1040, a finish milestone not reached, mandatory finish 07:00 on the data date: P6 stores its early dates at
    /// the data date, 09:40, its late dates at the mandatory date and 1.67 h of negative float). Status date 10; M
    /// must finish on 8: early at 10, late at 8, total float −2. X (3 days) must start on 12, after the status
    /// date: 12–15.
    @Test("under P6's rules a mandatory date before the status date leaves the early dates at the status date")
    func mandatoryBeforeStatusDate() throws {
        var n = EngineNetwork()
        n.statusDate = 10
        n.add("M", 0, .milestone)
        n.add("X", 3)
        n.update("M") { $0.constraint = .mustFinishOn; $0.constraintDate = 8; $0.finishMilestone = true }
        n.update("X") { $0.constraint = .mustStartOn; $0.constraintDate = 12 }
        for rules in [SchedulingRules.p6, .p6ProgressOverride] {
            n.options = ScheduleInput.Options()
            n.options.follow(rules)
            let s = try n.schedule()
            #expect(s.earlyStart[n.index("M")] == 10, "\(rules)")
            #expect(s.lateFinish[n.index("M")] == 8, "\(rules)")
            #expect(s.totalFloat[n.index("M")] == -2, "\(rules)")
            #expect(s.earlyStart[n.index("X")] == 12, "\(rules)")
        }
    }

    /// P6's progress override and work started out of sequence, backward: the shape of
    /// xer-progressed/jaggelas_test.xer (A9410, under way, FS −80 h to A9510, started before it: P6 late-finishes
    /// A9410 at its FF successor's late finish and counts its free float to that one only). Status date 10. P,
    /// started at 5 with 4 days left, runs 10–14; S, started at 8 with 2 days left although P precedes it FS,
    /// resumes at 10; Z (10 days) runs 10–20. The link S was started against limits neither P's late finish (20,
    /// not S's late start 18) nor its free float (6, to the project finish).
    @Test("under P6's progress override a link to work started out of sequence limits neither late dates nor free float")
    func progressOverrideOutOfSequenceBackward() throws {
        var n = EngineNetwork()
        n.statusDate = 10
        n.add("P", 9)
        n.add("S", 4, after: [("P", .finishToStart, 0)])
        n.add("Z", 10)
        n.update("P") { $0.actualStart = 5; $0.remaining = 4 }
        n.update("S") { $0.actualStart = 8; $0.remaining = 2 }
        n.options.follow(.p6ProgressOverride)
        let s = try n.schedule()
        #expect(s.earlyFinish[n.index("P")] == 14)
        #expect(s.earlyFinish[n.index("S")] == 12)
        #expect(s.lateFinish[n.index("P")] == 20)
        #expect(s.freeFloat[n.index("P")] == 6)
    }

    /// Free float with negative total float: A 5 days, then B 3 days, B to start no earlier than 7 and the project
    /// to finish by 6. B runs 7–10, so A could slip 2 days before B moves (free float 2); B must finish by 6, so
    /// its late start is 3, A's late finish 3 and its total float −2. MS Project stores free float 0 there (kept
    /// within total float); Primavera stores the 2 days (`FreeFloatRule.primavera`).
    @Test("Primavera keeps free float where total float is negative; MS Project does not")
    func freeFloatBeyondTotal() throws {
        var n = EngineNetwork()
        n.add("A", 5)
        n.add("B", 3, after: [("A", .finishToStart, 0)])
        n.update("B") { $0.constraint = .startNoEarlierThan; $0.constraintDate = 7 }
        n.options.finishBy = 6
        let msp = try n.schedule()
        #expect(msp.totalFloat[n.index("A")] == -2)
        #expect(msp.freeFloat[n.index("A")] == 0)
        n.options.freeFloat = .primavera
        let p6 = try n.schedule()
        #expect(p6.totalFloat[n.index("A")] == -2)
        #expect(p6.freeFloat[n.index("A")] == 2)
    }

    /// Progress recorded around the status date 10 (`progressedLogic` with retained logic). X (4 days) has an
    /// actual start of 12, after the status date, and 3 days left: its remaining work starts at the status date,
    /// 10–13. Y was done 8–11, finishing after the status date; Z (2 days) after it starts at Y's logic date, the
    /// status date: 10–12. V (5 days) started at 2 with 2 days left, but waits for Q (5 days from 10) under
    /// retained logic: 15–17; U (1 day) SS +1 after V follows where V's remaining work starts, 15, not V's actual
    /// start. Following actual dates instead: X 12–15, Z 11–13, U 10.
    @Test("under Primavera's rules work resumes at the status date and links follow the logic of progressed work")
    func progressedAroundStatusDate() throws {
        var n = EngineNetwork()
        n.statusDate = 10
        n.add("X", 4)
        n.add("Y", 3)
        n.add("Z", 2, after: [("Y", .finishToStart, 0)])
        n.add("Q", 5)
        n.add("V", 5, after: [("Q", .finishToStart, 0)])
        n.add("U", 1, after: [("V", .startToStart, 1)])
        n.update("X") { $0.actualStart = 12; $0.remaining = 3 }
        n.update("Y") { $0.actualStart = 8; $0.actualFinish = 11 }
        n.update("V") { $0.actualStart = 2; $0.remaining = 2 }
        n.options.retainedLogic = true
        let actual = try n.schedule()
        #expect(actual.earlyFinish[n.index("X")] == 15)
        #expect(actual.earlyStart[n.index("Z")] == 11)
        #expect(actual.earlyStart[n.index("U")] == 10)
        n.options.progressedLogic = true
        let p6 = try n.schedule()
        #expect(p6.earlyFinish[n.index("X")] == 13)
        #expect(p6.earlyStart[n.index("X")] == 12, "the actual start stays the start")
        #expect(p6.completedLogic[n.index("Y")] == 10)
        #expect(p6.earlyStart[n.index("Z")] == 10)
        #expect(p6.earlyFinish[n.index("V")] == 17)
        #expect(p6.earlyStart[n.index("U")] == 15)
        #expect(p6.completedLogic[n.index("V")] == nil)
    }

    /// P6's "Start On" against its "Mandatory Start": A 5 days, then B 3 days, B to start on 3. Mandatory, B
    /// starts at 3 whatever A says. Start On (`softConstraint`), A's link starts B at 5 (no earlier than 3 holds),
    /// and B must finish by 3 + 3 = 6: its late start is 3, two days short (total float −2), and A's too.
    @Test("P6's Start On bounds the dates each way and lets links move the activity; Mandatory Start holds it")
    func softStartOn() throws {
        var n = EngineNetwork()
        n.add("A", 5)
        n.add("B", 3, after: [("A", .finishToStart, 0)])
        n.update("B") { $0.constraint = .mustStartOn; $0.constraintDate = 3 }
        let mandatory = try n.schedule()
        #expect(mandatory.earlyStart[n.index("B")] == 3)
        n.update("B") { $0.softConstraint = true }
        let soft = try n.schedule()
        #expect(soft.earlyStart[n.index("B")] == 5)
        #expect(soft.lateFinish[n.index("B")] == 6)
        #expect(soft.totalFloat[n.index("B")] == -2)
        #expect(soft.totalFloat[n.index("A")] == -2)
        n.update("B") { $0.constraintDate = 7 }
        #expect(try n.schedule().earlyStart[n.index("B")] == 7, "no earlier than its date")
    }

    /// P6's must-finish-by date: late dates work back from it, earlier than the early finish giving negative float
    /// (A 5 days then B 3 days finish at 8; by 6, B's late finish is 6 and A's 3: two days short each).
    @Test("a must-finish-by date is where late dates start, with negative float when the plan runs past it")
    func finishBy() throws {
        var n = EngineNetwork()
        n.add("A", 5)
        n.add("B", 3, after: [("A", .finishToStart, 0)])
        n.options.finishBy = 6
        let s = try n.schedule()
        #expect(s.projectFinish == 8)
        #expect(s.lateFinish[n.index("B")] == 6)
        #expect(s.lateFinish[n.index("A")] == 3)
        #expect(s.totalFloat[n.index("A")] == -2)
        n.options.finishBy = 10
        #expect(try n.schedule().totalFloat[n.index("B")] == 2)
    }

    /// Primavera's "finish on or before" (MPXJ's PrimaveraScheduler forward pass has no case for it; its backward
    /// pass takes the date as the late finish): A 5 days then B 3 days with B to finish by 6. Early dates follow
    /// the links (B 5–8); B's late finish is 6, so it is two days short.
    @Test("under Primavera's rule a finish-no-later-than constraint limits late dates only")
    func noLaterThanLateOnly() throws {
        var n = EngineNetwork()
        n.add("A", 5)
        n.add("B", 3, after: [("A", .finishToStart, 0)])
        n.update("B") { $0.constraint = .finishNoLaterThan; $0.constraintDate = 6 }
        n.options.noLaterThanMovesEarlyDates = false
        let p6 = try n.schedule()
        #expect(p6.earlyStart[n.index("B")] == 5)
        #expect(p6.earlyFinish[n.index("B")] == 8)
        #expect(p6.lateFinish[n.index("B")] == 6)
        #expect(p6.totalFloat[n.index("B")] == -2)
        n.options.noLaterThanMovesEarlyDates = true
        #expect(try n.schedule().earlyFinish[n.index("B")] == 6, "MS Project honouring its constraints moves B back")
    }

    /// DOMAIN.md §2.5: a link can pull a task before the project start — a finish-to-start lead longer than its
    /// predecessor (A 2 days, B after A with −5 days would start at −3) or a start-to-finish link (C 2 days must
    /// finish when A starts, at 0, so would start at −2). Gantry holds them at the project start and says so,
    /// naming the task and the link.
    @Test("a task a link would pull before the project start is held there with a diagnostic naming it and the link")
    func beforeProjectStart() throws {
        var n = EngineNetwork()
        n.add("A", 2)
        n.add("B", 1, after: [("A", .finishToStart, -5)])
        n.add("C", 2, after: [("A", .startToFinish, 0)])
        n.add("D", 1, after: [("A", .finishToStart, 0)])
        let s = try n.schedule()
        #expect(s.earlyStart[n.index("B")] == 0)
        #expect(s.earlyStart[n.index("C")] == 0)
        let found = s.diagnostics.filter { $0.code == .startBeforeProjectStart }
        #expect(found.map(\.activities) == [[n.index("B"), n.index("A")], [n.index("C"), n.index("A")]])
        #expect(found.first?.message == "B would start before the project start by its FS link from A; it is held at the project start")
        #expect(found.last?.message.contains("SF link from A") == true)
    }

    @Test("elapsed lags count nights and weekends; working lags do not")
    func elapsedLag() throws {
        var n = EngineNetwork()
        n.day = 480
        n.calendars = [try standardCalendar()]
        n.projectStart = try wall("2018-03-01T08:00")  // a Thursday
        n.add("Pour", 2)  // Thu–Fri, finishes Fri 17:00
        n.add("Cure", 1)
        n.add("Strip", 1)
        n.links.append(.init(from: 0, to: 1, lag: .elapsed(2 * 1440)))  // Fri 17:00 + 48 h = Sun 17:00 → Mon 08:00
        n.links.append(.init(from: 0, to: 2, lag: .working(2 * 480)))  // two working days: Wed 08:00
        let s = try n.schedule()
        #expect(s.earlyStart[1] == (try wall("2018-03-05T08:00")))
        #expect(s.earlyStart[2] == (try wall("2018-03-07T08:00")))
    }

    /// P6's 24-hour lag calendar from completed work, the shape of p6-differential/net-0088 (Task 3 → Task 5, FS
    /// 40 h, MPXJ's Task 5 starts the day after the data date at 08:00). Status date Thursday 08:00; K was done
    /// Tuesday 08:00 to Wednesday 12:00; L follows it FS +40 h elapsed. 20 h of the lag ran between K's finish
    /// and the status date; the other 20 h run from K's logic date, the status date, Thursday 08:00: Friday 04:00,
    /// so L starts Friday 08:00 — not Thursday 13:00, as the 20 h would give counted from Wednesday 17:00, the
    /// same working minute as Thursday 08:00.
    @Test("a 24-hour lag from a P6 logic date runs from the instant the date names, not the working minute")
    func elapsedLagFromLogicDate() throws {
        var n = EngineNetwork()
        n.day = 480
        n.calendars = [try standardCalendar()]
        n.projectStart = try wall("2018-02-26T08:00")
        n.statusDate = try wall("2018-03-01T08:00")
        n.add("K", 2)
        n.add("L", 1)
        n.links.append(.init(from: 0, to: 1, lag: .elapsed(40 * 60)))
        n.update("K") { $0.actualStart = try? wall("2018-02-27T08:00"); $0.actualFinish = try? wall("2018-02-28T12:00") }
        n.options.progressedLogic = true
        n.options.retainedLogic = true
        let s = try n.schedule()
        #expect(s.earlyStart[1] == (try wall("2018-03-02T08:00")))
    }

    @Test("an activity on a 24-hour calendar and elapsed durations schedule on wall time")
    func mixedCalendars() throws {
        var n = EngineNetwork()
        n.day = 480
        n.calendars = [try standardCalendar(), CompiledCalendar.twentyFourHour()]
        n.projectStart = try wall("2018-03-02T08:00")  // a Friday
        n.add("Prepare", 1)  // Fri 08:00–17:00
        n.add("Monitor", 0)
        n.update("Monitor") { $0.duration = 24 * 60; $0.calendar = 1 }  // 24 h on the 24-hour calendar
        n.add("Dry", 0)
        n.update("Dry") { $0.duration = 3 * 1440; $0.elapsed = true }  // three calendar days
        n.links.append(.init(from: 0, to: 1))
        n.links.append(.init(from: 0, to: 2))
        let s = try n.schedule()
        #expect(s.earlyStart[1] == (try wall("2018-03-02T17:00")))
        #expect(s.earlyFinish[1] == (try wall("2018-03-03T17:00")))
        #expect(s.earlyFinish[2] == (try wall("2018-03-05T17:00")))
    }
}

/// Reads `../shared/data/oracles/domain-cases.json`.
enum DomainCases {
    static let file = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/data/oracles/domain-cases.json")

    static func `case`(_ id: Int) throws -> [String: Any] {
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any]
        let cases = json?["cases"] as? [[String: Any]] ?? []
        guard let c = cases.first(where: { ($0["id"] as? Int) == id }) else { throw CocoaError(.fileReadCorruptFile) }
        return c
    }

    /// "5.0d" or "0.0h" as working minutes (8-hour days).
    static func minutes(_ text: String) -> Int64 {
        let value = Double(text.dropLast()) ?? .nan
        return Int64((text.hasSuffix("d") ? value * 480 : value * 60).rounded())
    }
}
