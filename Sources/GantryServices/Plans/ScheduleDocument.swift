public import GantryModel
import GantryScheduling

/// A project's computed schedule as stored and served: dates as local date-times, floats in working minutes and
/// days, the critical path, every activity's driver in words, and the diagnostics.
public struct ScheduleDocument: Codable, Sendable, Hashable {
    public struct Row: Codable, Sendable, Hashable {
        public var activityId: Activity.ID
        public var code: String
        public var name: String
        public var kind: ActivityKind
        public var depth: Int
        public var earlyStart: LocalDateTime
        public var earlyFinish: LocalDateTime
        public var lateStart: LocalDateTime
        public var lateFinish: LocalDateTime
        public var totalFloatMinutes: Int64
        public var freeFloatMinutes: Int64
        public var totalFloatDays: Double
        public var critical: Bool
        /// Why the activity starts when it does, in words ("after 1.2 Design finishes (FS)").
        public var startsBecause: String
        /// The dependency that drives the start, when a link does.
        public var drivingDependencyId: Dependency.ID?
        public var drivingActivityId: Activity.ID?
    }

    public struct Diagnostic: Codable, Sendable, Hashable {
        public var code: String
        public var severity: String
        public var message: String
        public var activityIds: [Activity.ID]
    }

    public var projectId: Project.ID
    public var revision: Int64
    public var computedAt: Timestamp
    public var projectStart: LocalDateTime
    public var projectFinish: LocalDateTime
    public var durationDays: Double
    public var criticalPath: [Activity.ID]
    public var activities: [Row]
    public var diagnostics: [Diagnostic]
    /// Whether the project changed since this was computed (filled in when read, not stored).
    public var current: Bool?

    public func row(_ id: Activity.ID) -> Row? { activities.first { $0.activityId == id } }
}

extension ProjectNetwork {
    /// The document for a schedule the engine computed on this network.
    func document(_ s: CriticalPathSchedule, revision: Int64, at time: Timestamp) -> ScheduleDocument {
        let ids = activities.map(\.id)
        let dependencyById = Dictionary(dependencies.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        func label(_ i: Int) -> String { "\(activities[i].code) \(activities[i].name)" }
        var rows: [ScheduleDocument.Row] = []
        for (i, a) in activities.enumerated() {
            var because = ""
            var depId: Dependency.ID? = nil, predId: Activity.ID? = nil
            switch s.driver[i] {
            case .projectStart: because = "the project starts then"
            case .statusDate: because = "work not yet done waits for the status date"
            case .link(let k):
                let link = input.links[k]
                let d = dependencyById[linkDependency[k]]
                depId = d?.id; predId = ids[link.from]
                let lag = d.map { $0.lag.value == 0 ? "" : " \($0.lag.value > 0 ? "+" : "")\($0.lag)" } ?? ""
                switch link.type {
                case .finishToStart: because = "it follows \(label(link.from)) (FS\(lag)): starts when that finishes"
                case .startToStart: because = "it follows \(label(link.from)) (SS\(lag)): starts when that starts"
                case .finishToFinish: because = "\(label(link.from)) must finish first (FF\(lag)): its finish sets the start"
                case .startToFinish: because = "\(label(link.from)) must start first (SF\(lag)): its start sets the finish"
                }
            case .constraint:
                if a.leveledStart != nil && a.constraintType == .asap {
                    because = "leveling moved it to \(a.leveledStart!.formatted()) so its resources are not overloaded"
                } else {
                    because = "its \(a.constraintType.rawValue) constraint \(a.constraintDate?.formatted() ?? "")"
                }
            case .actualStart: because = "it actually started then"
            case .manual: because = "it is scheduled by hand"
            case .asLateAsPossible: because = "it is as late as possible without delaying its successors or the project"
            case .rollup: because = "a summary starts with its earliest part"
            }
            rows.append(ScheduleDocument.Row(
                activityId: a.id, code: a.code, name: a.name, kind: a.kind, depth: depths[i],
                earlyStart: LocalDateTime(minutesSinceEpoch: s.earlyStart[i]),
                earlyFinish: LocalDateTime(minutesSinceEpoch: s.earlyFinish[i]),
                lateStart: LocalDateTime(minutesSinceEpoch: s.lateStart[i]),
                lateFinish: LocalDateTime(minutesSinceEpoch: s.lateFinish[i]),
                totalFloatMinutes: s.totalFloat[i], freeFloatMinutes: s.freeFloat[i],
                totalFloatDays: (days(s.totalFloat[i]) * 100).rounded() / 100, critical: s.critical[i],
                startsBecause: because, drivingDependencyId: depId, drivingActivityId: predId))
        }
        return ScheduleDocument(
            projectId: project.id, revision: revision, computedAt: time,
            projectStart: LocalDateTime(minutesSinceEpoch: s.projectStart),
            projectFinish: LocalDateTime(minutesSinceEpoch: s.projectFinish),
            durationDays: (days(s.makespan) * 100).rounded() / 100,
            criticalPath: s.longestPath.map { ids[$0] }, activities: rows,
            diagnostics: s.diagnostics.map {
                .init(code: $0.code.rawValue, severity: $0.severity.rawValue, message: $0.message,
                      activityIds: $0.activities.filter { $0 >= 0 && $0 < ids.count }.map { ids[$0] })
            })
    }
}
