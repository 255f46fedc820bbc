public import GantryModel
import GantryScheduling

/// What leveling proposes for a project: each moved activity with its old and new start and the reasons.
public struct LevelingPreviewDocument: Codable, Sendable, Hashable {
    public struct Move: Codable, Sendable, Hashable {
        public var activityId: Activity.ID
        public var code: String
        public var name: String
        public var from: LocalDateTime
        public var to: LocalDateTime
        public var delayDays: Int
        public var reasons: [String]
    }
    public var previewId: Int64
    public var projectId: Project.ID
    public var revision: Int64
    public var createdAt: Timestamp
    /// The project's length in working days before and after leveling.
    public var durationDaysBefore: Int
    public var durationDaysAfter: Int
    public var schedulesGenerated: Int
    public var moves: [Move]
    public var notes: [String]
}

/// Resource leveling of a project on whole working days of its calendar: non-summary activities and their links
/// become a resource-constrained problem (resources' max units are the capacities, assignments' units the
/// demands), solved by the leveling engine from the critical-path dates. Activities marked do-not-level, started
/// or scheduled by hand keep their start. Pure: records in, a preview out.
struct ProjectLeveling {
    let network: ProjectNetwork
    let schedule: CriticalPathSchedule
    let assignments: [Assignment]
    let resources: [Resource.ID: Resource]
    /// Calendars of resources that have their own (other than the project's): no capacity on their days off.
    var resourceCalendars: [Resource.ID: CompiledCalendar] = [:]

    func preview(revision: Int64, at now: Timestamp) throws -> LevelingPreviewDocument {
        let cal = network.calendar
        let perDay = network.minutesPerDay
        let origin = cal.working(at: network.input.projectStart)
        let acts = network.activities
        // Leaves and milestones take part; summaries are spans of them.
        let members = acts.indices.filter { acts[$0].kind != .summary }
        var slot: [Int: Int] = [:]
        for (k, i) in members.enumerated() { slot[i] = k }
        func day(_ t: WallMinute) -> Int { Int((cal.working(at: t) - origin) / perDay) }
        let durations = members.map { i in
            acts[i].kind == .milestone ? 0 : Int((network.input.activities[i].duration + perDay - 1) / perDay)
        }
        let release = members.map { max(0, day(schedule.earlyStart[$0])) }

        var leavesUnder: [Int: [Int]] = [:]
        func leaves(_ i: Int) -> [Int] {
            if let known = leavesUnder[i] { return known }
            guard acts[i].kind == .summary else { return [i] }
            let kids = acts.indices.filter { acts[$0].parentId == acts[i].id }.flatMap(leaves)
            leavesUnder[i] = kids
            return kids
        }
        var precedences: [RCPSPInstance.Precedence] = []
        for link in network.input.links {
            let lag: Int
            switch link.lag {
            case .working(let m): lag = Int((Double(m) / Double(perDay)).rounded())
            case .elapsed(let m): lag = Int((Double(m) / 1440 * 5 / 7).rounded())
            case .percent: lag = 0
            }
            for p in leaves(link.from) {
                for s in leaves(link.to) {
                    guard let a = slot[p], let b = slot[s], a != b else { continue }
                    switch link.type {
                    case .finishToStart: precedences.append(.finishToStart(a, b, durations: durations, lag: lag))
                    case .startToStart: precedences.append(.startToStart(a, b, lag: lag))
                    case .finishToFinish: precedences.append(.finishToFinish(a, b, durations: durations, lag: lag))
                    case .startToFinish: precedences.append(.startToFinish(a, b, durations: durations, lag: lag))
                    }
                }
            }
        }

        var notes: [String] = []
        let used = resources.keys.sorted()
        var column: [Resource.ID: Int] = [:]
        for (k, r) in used.enumerated() { column[r] = k }
        let capacities = used.map { max(1, Int(resources[$0]!.maxUnits.rounded())) }
        var demands = [Int](repeating: 0, count: members.count * used.count)
        for a in assignments {
            guard let i = network.index[a.activityId], let k = slot[i], let r = column[a.resourceId] else { continue }
            var units = Int(a.units.rounded())
            if units > capacities[r] {
                notes.append("\(acts[i].code) asks for \(units)% of \(resources[a.resourceId]!.name), who has \(capacities[r])%; leveled as \(capacities[r])%")
                units = capacities[r]
            }
            demands[k * used.count + r] += units
        }
        for k in members.indices {
            for r in used.indices where demands[k * used.count + r] > capacities[r] { demands[k * used.count + r] = capacities[r] }
        }
        let fixed: [Int?] = members.enumerated().map { k, i in
            let a = acts[i]
            return a.doNotLevel || a.actualStart != nil || a.manuallyScheduled ? release[k] : nil
        }
        // A resource's own calendar: day by day over the horizon, full capacity on its working days, none otherwise.
        let horizon = (release.max() ?? 0) + durations.reduce(0, +) + 1
        let profiles: [[Int]?] = used.enumerated().map { k, rid in
            guard let own = resourceCalendars[rid] else { return nil }
            return (0..<horizon).map { d in
                let date = WallTime.date(of: cal.startInstant(ofWorking: origin + Int64(d) * perDay))
                return own.isWorkingDay(date) ? capacities[k] : 0
            }
        }
        let instance = RCPSPInstance(
            durations: durations, capacities: capacities, demands: demands, precedences: precedences,
            capacityProfiles: profiles.contains { $0 != nil } ? profiles : [],
            releaseTimes: release, fixedStarts: fixed, priorities: members.map { acts[$0].priority })
        let leveler: Leveler
        do { leveler = try Leveler(instance) } catch {
            throw ServiceError(.invalid, "the project cannot be leveled: \(error)")
        }
        let result = leveler.improve(LevelingOptions(seed: 1, maxSchedules: 3000))
        let before = members.indices.map { release[$0] + durations[$0] }.max() ?? 0
        let moves = leveler.moves(result).filter { $0.to > release[$0.activity] }.map { m -> LevelingPreviewDocument.Move in
            let i = members[m.activity]
            let reasons = m.reasons.map { reason -> String in
                switch reason {
                case .predecessor(let p): return "its predecessor \(acts[members[p]].code) moved"
                case .resource(let r): return "\(resources[used[r]]!.name) is fully booked at the earlier start"
                }
            }
            func date(_ d: Int) -> LocalDateTime {
                LocalDateTime(minutesSinceEpoch: cal.startInstant(ofWorking: origin + Int64(d) * perDay))
            }
            return .init(activityId: acts[i].id, code: acts[i].code, name: acts[i].name,
                         from: LocalDateTime(minutesSinceEpoch: schedule.earlyStart[i]), to: date(m.to),
                         delayDays: m.to - release[m.activity], reasons: reasons)
        }
        if used.isEmpty { notes.append("no resources are assigned in this project, so there is nothing to level") }
        return LevelingPreviewDocument(
            previewId: 0, projectId: network.project.id, revision: revision, createdAt: now,
            durationDaysBefore: before, durationDaysAfter: max(result.makespan, before == 0 ? 0 : result.makespan),
            schedulesGenerated: result.schedulesGenerated, moves: moves, notes: notes)
    }
}
