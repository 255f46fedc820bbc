import GantryScheduling
import Testing

/// A network written the way DOMAIN.md writes it: named activities with durations and their predecessors.
struct NamedNetwork {
    var names: [String] = []
    var durations: [Int] = []
    var links: [DayNetwork.Link] = []

    mutating func add(_ name: String, _ duration: Int, after preds: [(String, DayNetwork.LinkType, Int)] = []) {
        names.append(name)
        durations.append(duration)
        for (p, type, lag) in preds {
            guard let from = names.firstIndex(of: p) else { fatalError("\(p) is not defined before \(name)") }
            links.append(DayNetwork.Link(from: from, to: names.count - 1, type: type, lag: lag))
        }
    }

    /// Finish-to-start with no lag, the textbook default.
    mutating func add(_ name: String, _ duration: Int, fsAfter preds: [String]) {
        add(name, duration, after: preds.map { ($0, .finishToStart, 0) })
    }

    var network: DayNetwork { DayNetwork(durations: durations, links: links) }

    /// ES/EF/LS/LF/TF per activity, for comparing a whole table at once.
    func rows(_ s: DaySchedule) -> [String: [Int]] {
        var rows: [String: [Int]] = [:]
        for (i, name) in names.enumerated() {
            rows[name] = [s.earlyStart[i], s.earlyFinish[i], s.lateStart[i], s.lateFinish[i], s.totalFloat[i]]
        }
        return rows
    }

    func critical(_ s: DaySchedule) -> [String] { names.indices.filter { s.totalFloat[$0] == 0 }.map { names[$0] } }
}

@Suite("Critical path on a whole-day network")
struct CriticalPathTests {
    /// DOMAIN.md §2.4(b), case 9: A (3); B (2) FS+2 A; C (2) SS A; D (4) SS+1 B; E (1) SF+3 C; F (2) FF+3 C;
    /// G (4) SS+1 D and FS E; H (3) SF+2 F and FS G.
    static let engineer4Free: NamedNetwork = {
        var n = NamedNetwork()
        n.add("A", 3)
        n.add("B", 2, after: [("A", .finishToStart, 2)])
        n.add("C", 2, after: [("A", .startToStart, 0)])
        n.add("D", 4, after: [("B", .startToStart, 1)])
        n.add("E", 1, after: [("C", .startToFinish, 3)])
        n.add("F", 2, after: [("C", .finishToFinish, 3)])
        n.add("G", 4, after: [("D", .startToStart, 1), ("E", .finishToStart, 0)])
        n.add("H", 3, after: [("F", .startToFinish, 2), ("G", .finishToStart, 0)])
        return n
    }()

    /// DOMAIN.md §2.4(f) and domain-cases.json case 7 [S: PyPI criticalpath 0.1.5 tests.py].
    /// Rows are ES/EF/LS/LF; TF = LS − ES.
    @Test("the criticalpath package's network: T 14, critical A-D-E")
    func criticalpathPackage() throws {
        var n = NamedNetwork()
        n.add("A", 3)
        n.add("B", 3, fsAfter: ["A"])
        n.add("C", 4, fsAfter: ["A"])
        n.add("D", 6, fsAfter: ["A"])
        n.add("E", 5, fsAfter: ["B", "C", "D"])
        let s = try n.network.criticalPathSchedule()
        #expect(s.makespan == 14)
        #expect(n.rows(s) == [
            "A": [0, 3, 0, 3, 0], "B": [3, 6, 6, 9, 3], "C": [3, 7, 5, 9, 2], "D": [3, 9, 3, 9, 0], "E": [9, 14, 9, 14, 0],
        ])
        #expect(n.critical(s) == ["A", "D", "E"])
    }

    /// DOMAIN.md §2.4(b) and domain-cases.json case 9 [S: Engineer4Free via neoneye/PlanExe; X: MPXJ
    /// MicrosoftScheduler]: all four link types with lags. Rows are ES/EF/LS/LF/TF.
    @Test("Engineer4Free's network with all four link types and lags: T 14, critical A, B, D, G, H")
    func allLinkTypes() throws {
        let n = Self.engineer4Free
        let s = try n.network.criticalPathSchedule()
        #expect(s.makespan == 14)
        #expect(n.rows(s) == [
            "A": [0, 3, 0, 3, 0], "B": [5, 7, 5, 7, 0], "C": [0, 2, 4, 6, 4], "D": [6, 10, 6, 10, 0],
            "E": [2, 3, 6, 7, 4], "F": [3, 5, 12, 14, 9], "G": [7, 11, 7, 11, 0], "H": [11, 14, 11, 14, 0],
        ])
        #expect(n.critical(s) == ["A", "B", "D", "G", "H"])
    }

    /// DOMAIN.md §2.4(c) and domain-cases.json case 10 [S: James Marion "Lags Part 1" via PlanExe].
    @Test("James Marion's lags network: T 18, C floats 3")
    func lagsPartOne() throws {
        var n = NamedNetwork()
        n.add("A", 2)
        n.add("B", 4, after: [("A", .finishToStart, 5)])
        n.add("C", 3, after: [("B", .startToStart, 3)])
        n.add("D", 5, fsAfter: ["B"])
        n.add("E", 2, fsAfter: ["C", "D"])
        let s = try n.network.criticalPathSchedule()
        #expect(s.makespan == 18)
        #expect(n.rows(s) == [
            "A": [0, 2, 0, 2, 0], "B": [7, 11, 7, 11, 0], "C": [10, 13, 13, 16, 3], "D": [11, 16, 11, 16, 0],
            "E": [16, 18, 16, 18, 0],
        ])
        #expect(n.critical(s) == ["A", "B", "D", "E"])
    }

    /// DOMAIN.md §2.4(e) and domain-cases.json case 12 [S: Joshua Emmanuel via PlanExe]: two start and two end nodes.
    @Test("Joshua Emmanuel's network with two starts and two ends: T 32, critical B-D-E-F")
    func twoStartsTwoEnds() throws {
        var n = NamedNetwork()
        n.add("A", 7)
        n.add("B", 9)
        n.add("C", 12, fsAfter: ["A"])
        n.add("D", 8, fsAfter: ["A", "B"])
        n.add("E", 9, fsAfter: ["D"])
        n.add("F", 6, fsAfter: ["C", "E"])
        n.add("G", 5, fsAfter: ["E"])
        let s = try n.network.criticalPathSchedule()
        #expect(s.makespan == 32)
        #expect(n.rows(s) == [
            "A": [0, 7, 2, 9, 2], "B": [0, 9, 0, 9, 0], "C": [7, 19, 14, 26, 7], "D": [9, 17, 9, 17, 0],
            "E": [17, 26, 17, 26, 0], "F": [26, 32, 26, 32, 0], "G": [26, 31, 27, 32, 1],
        ])
        #expect(n.critical(s) == ["B", "D", "E", "F"])
    }

    /// DOMAIN.md §2.4(g) and domain-cases.json case 13 [S: PlanExe single-link tests]: A = 3, B = 4.
    @Test("one link between A (3 days) and B (4 days) places B", arguments: [
        (DayNetwork.LinkType.finishToStart, 2, 5, 9, 9),
        (.finishToFinish, 2, 1, 5, 5),
        (.startToFinish, 6, 2, 6, 6),
        (.startToStart, 2, 2, 6, 6),
    ])
    func singleLink(type: DayNetwork.LinkType, lag: Int, start: Int, finish: Int, makespan: Int) throws {
        let s = try DayNetwork(durations: [3, 4], links: [.init(from: 0, to: 1, type: type, lag: lag)]).criticalPathSchedule()
        #expect(s.earlyStart[1] == start)
        #expect(s.earlyFinish[1] == finish)
        #expect(s.makespan == makespan)
    }

    /// DOMAIN.md §2.4(g), last row [S: PlanExe]: A = 4 and B = 3 linked by both SS and FF+2 gives B 3–6, T 6.
    @Test("two links between the same pair both hold")
    func twoLinksOnePair() throws {
        let s = try DayNetwork(durations: [4, 3], links: [
            .init(from: 0, to: 1, type: .startToStart), .init(from: 0, to: 1, type: .finishToFinish, lag: 2),
        ]).criticalPathSchedule()
        #expect([s.earlyStart[1], s.earlyFinish[1], s.makespan] == [3, 6, 6])
    }

    /// Negative lags (leads), worked by hand with the formulas of DOMAIN.md §2.1. A = 3, B = 4 unless stated.
    /// - FS−2: ES_B = EF_A − 2 = 1, EF_B = 5 = T. Backward: LF_A = LS_B + 2 = 3, so A is critical too.
    /// - SS−1: ES_B = max(0, 0 − 1) = 0: nothing starts before the project (the engine's rule; MS Project would let
    ///   B start a day early, DOMAIN.md §2.5). T = 4. Backward: LF_A = LS_B + 1 + d_A = 0 + 1 + 3 = 4, TF_A = 1.
    /// - FF−1 with A = 2, B = 3 (the case of DOMAIN.md §2.6): EF_B ≥ EF_A − 1 = 1 puts ES_B at max(0, −2) = 0; T = 3.
    ///   LF_A = min(T, LF_B + 1) = 3, LS_A = 1, TF_A = 1 — the "capped at total slack" value §2.6 quotes for A.
    /// - SF−1 with X = 5 FS before A: ES_A = 5, EF_B ≥ ES_A − 1 = 4, so ES_B = 0 (d_B = 4); T = 8.
    ///   B has no successor: LF_B = 8, TF_B = 4. LF_A = min(8, LF_B + 1 + d_A) = 8, TF_A = 0.
    @Test("a lead pulls the successor earlier, but not before the project start")
    func negativeLags() throws {
        let fs = try DayNetwork(durations: [3, 4], links: [.init(from: 0, to: 1, type: .finishToStart, lag: -2)])
            .criticalPathSchedule()
        #expect(fs.earlyStart == [0, 1] && fs.makespan == 5 && fs.totalFloat == [0, 0])

        let ss = try DayNetwork(durations: [3, 4], links: [.init(from: 0, to: 1, type: .startToStart, lag: -1)])
            .criticalPathSchedule()
        #expect(ss.earlyStart == [0, 0] && ss.makespan == 4)
        #expect(ss.lateStart == [1, 0] && ss.totalFloat == [1, 0])

        let ff = try DayNetwork(durations: [2, 3], links: [.init(from: 0, to: 1, type: .finishToFinish, lag: -1)])
            .criticalPathSchedule()
        #expect(ff.earlyStart == [0, 0] && ff.makespan == 3)
        #expect(ff.lateFinish == [3, 3] && ff.totalFloat == [1, 0])

        let sf = try DayNetwork(durations: [3, 4, 5], links: [
            .init(from: 2, to: 0, type: .finishToStart), .init(from: 0, to: 1, type: .startToFinish, lag: -1),
        ]).criticalPathSchedule()
        #expect(sf.earlyStart == [5, 0, 0] && sf.makespan == 8)
        #expect(sf.totalFloat == [0, 4, 0])
    }

    /// Hand-worked: X (2) → Y (3) FS−1 → Z (2) SS+2. ES_Y = 2 − 1 = 1, ES_Z = 1 + 2 = 3, EF_Z = 5; EF_Y = 4; T = 5.
    /// Backward: LF_Z = 5, LS_Z = 3; LF_Y = min(5, LS_Z − 2 + d_Y) = min(5, 4) = 4; LF_X = LS_Y + 1 = 2.
    @Test("a lead and a lag along one chain")
    func mixedChain() throws {
        let s = try DayNetwork(durations: [2, 3, 2], links: [
            .init(from: 0, to: 1, type: .finishToStart, lag: -1), .init(from: 1, to: 2, type: .startToStart, lag: 2),
        ]).criticalPathSchedule()
        #expect(s.earlyStart == [0, 1, 3])
        #expect(s.lateFinish == [2, 4, 5])
        #expect(s.makespan == 5)
    }

    @Test("milestones take no time and an empty network takes none")
    func milestones() throws {
        let empty = try DayNetwork(durations: [], links: []).criticalPathSchedule()
        #expect(empty.makespan == 0 && empty.earlyStart.isEmpty)
        // Start milestone → A (4) → finish milestone: the milestones sit at 0 and 4 and are critical.
        let s = try DayNetwork(durations: [0, 4, 0], links: [
            .init(from: 0, to: 1, type: .finishToStart), .init(from: 1, to: 2, type: .finishToStart),
        ]).criticalPathSchedule()
        #expect(s.earlyStart == [0, 0, 4] && s.earlyFinish == [0, 4, 4] && s.totalFloat == [0, 0, 0])
    }

    @Test("links that close a loop are refused, naming the loop in link order")
    func cycle() {
        let network = DayNetwork(durations: [1, 2, 3, 4], links: [
            .init(from: 0, to: 1, type: .finishToStart), .init(from: 1, to: 2, type: .startToStart, lag: 1),
            .init(from: 2, to: 3, type: .finishToFinish), .init(from: 3, to: 1, type: .startToFinish),
        ])
        #expect(throws: DayScheduleError.dependencyCycle([1, 2, 3, 1])) { try network.criticalPathSchedule() }
    }

    @Test("the same network gives the same schedule every time")
    func deterministic() throws {
        var rng = SplitMix64(seed: 42)
        let network = RandomNetworks.make(&rng)
        #expect(try network.criticalPathSchedule() == network.criticalPathSchedule())
    }
}
