import GantryModel
import GantryServices
import Testing

/// The portfolio RAID view's query and a baseline's variance: pure, no store.
@Suite("RAID view query and baseline variance")
struct RAIDQueryTests {
    static let t0 = Timestamp(millisecondsSinceEpoch: 1_800_000_000_000)

    static func item(_ type: RAIDItem.Kind, _ id: Int64, score: Int? = nil, level: String? = nil, due: String? = nil,
                     status: String = "open", owner: Int64? = nil, minutesAgo: Int64 = 0) -> RAIDItem {
        var i = RAIDItem(type: type, id: id, projectId: Project.ID(1), projectCode: "P", title: "\(type.rawValue) \(id)",
                         status: status, ownerId: owner.map { User.ID($0) }, score: score, level: level,
                         due: due.flatMap { CalendarDate(iso: $0) }, updatedAt: t0.adding(seconds: -60 * minutesAgo))
        i.ownerName = nil
        return i
    }

    static let items = [
        item(.risk, 1, score: 20, level: "high", due: "2026-12-10", minutesAgo: 5),
        item(.risk, 2, score: 4, level: "low", due: "2026-12-01", status: "closed", owner: 7, minutesAgo: 1),
        item(.issue, 3, level: "high", due: "2026-12-05", owner: 7, minutesAgo: 9),
        item(.assumption, 4, minutesAgo: 2),
        item(.decision, 5, status: "decided", minutesAgo: 3),
    ]

    static func ids(_ parameters: [(String, String)]) throws -> [Int64] {
        try RAIDQuery(parameters: parameters).apply(items).map(\.id)
    }

    @Test("by default: highest score first, then the unscored by their last change")
    func defaults() throws {
        let q = try RAIDQuery(parameters: [])
        #expect(q.sort == .score && !q.ascending)
        #expect(try Self.ids([]) == [1, 2, 4, 5, 3])
    }

    @Test("each sort in both orders; items without the value come last either way")
    func sorting() throws {
        #expect(try Self.ids([("sort", "score"), ("order", "asc")]) == [2, 1, 4, 5, 3])
        #expect(try Self.ids([("sort", "due")]) == [2, 3, 1, 4, 5])  // soonest first by default
        #expect(try Self.ids([("sort", "due"), ("order", "desc")]) == [1, 3, 2, 4, 5])
        #expect(try Self.ids([("sort", "updated_at")]) == [2, 4, 5, 1, 3])  // latest change first
        #expect(try Self.ids([("sort", "updated_at"), ("order", "asc")]) == [3, 1, 5, 4, 2])
    }

    @Test("filters combine; an empty value means any")
    func filters() throws {
        #expect(try Self.ids([("type", "risk")]) == [1, 2])
        #expect(try Self.ids([("level", "high")]) == [1, 3])
        #expect(try Self.ids([("status", "open"), ("owner_id", "7")]) == [3])
        #expect(try Self.ids([("type", "decision"), ("status", "decided")]) == [5])
        #expect(try Self.ids([("type", ""), ("status", ""), ("level", ""), ("owner_id", ""), ("sort", ""), ("order", "")])
            == [1, 2, 4, 5, 3])
    }

    @Test("a value the view does not know is refused, naming the parameter", arguments: [
        ("type", "risks"), ("status", "pending"), ("owner_id", "me"), ("level", "severe"), ("sort", "title"),
        ("order", "up"), ("colour", "red"),
    ])
    func refusals(parameter: String, value: String) {
        #expect(throws: ServiceError.self) { _ = try RAIDQuery(parameters: [(parameter, value)]) }
        do {
            _ = try RAIDQuery(parameters: [(parameter, value)])
        } catch let error as ServiceError {
            #expect(error.code == .invalid && error.problems.map(\.field) == [parameter])
        } catch {
            Issue.record("\(error)")
        }
        // A status that exists, but not for the type asked for.
        #expect(throws: ServiceError.self) { _ = try RAIDQuery(parameters: [("type", "assumption"), ("status", "resolved")]) }
    }

    @Test("variance: slips in calendar days, positive later; activities added and removed since the baseline")
    func variance() {
        func day(_ s: String) -> CalendarDate { CalendarDate(iso: s)! }
        func activity(_ id: Int64, _ code: String, _ start: String?, _ finish: String?) -> Activity {
            Activity(id: Activity.ID(id), projectId: Project.ID(1), code: code, name: code, plannedStart: start.map(day),
                     plannedFinish: finish.map(day), createdAt: Self.t0, updatedAt: Self.t0)
        }
        let baseline = Baseline(projectId: Project.ID(1), name: "B", activities: [
            BaselineActivity(activityId: Activity.ID(1), code: "A", name: "A", plannedStart: day("2026-12-01"),
                             plannedFinish: day("2026-12-04"), duration: .days(4)),
            BaselineActivity(activityId: Activity.ID(2), code: "B", name: "B", plannedStart: day("2026-12-07"),
                             plannedFinish: day("2026-12-11"), duration: .days(5)),
            BaselineActivity(activityId: Activity.ID(3), code: "C", name: "C", plannedStart: day("2026-12-14"),
                             plannedFinish: day("2026-12-14"), duration: .zero),
            BaselineActivity(activityId: Activity.ID(5), code: "E", name: "E", plannedStart: nil, plannedFinish: nil,
                             duration: .zero),
        ], createdAt: Self.t0, updatedAt: Self.t0)
        let rows = BaselineVariance.rows(baseline: baseline, current: [
            activity(1, "A", "2026-12-01", "2026-12-04"),
            activity(2, "B", "2026-12-03", "2026-12-14"),  // starts 4 days earlier, finishes 3 days later
            activity(4, "D", "2026-12-15", "2026-12-16"),
            activity(5, "E", "2026-12-20", nil),  // dated since the baseline: moved, no slip to measure
        ])
        #expect(rows.map(\.code) == ["A", "B", "D", "E", "C"])
        #expect(rows.map(\.change) == [.same, .moved, .added, .moved, .removed])
        #expect(rows[0].startSlipDays == 0 && rows[0].finishSlipDays == 0)
        #expect(rows[1].startSlipDays == -4 && rows[1].finishSlipDays == 3)
        #expect(rows[2].startSlipDays == nil && rows[2].baselineStart == nil)
        #expect(rows[3].startSlipDays == nil && rows[3].finishSlipDays == nil)
        #expect(rows[4].baselineFinish == day("2026-12-14") && rows[4].currentStart == nil)
    }
}
