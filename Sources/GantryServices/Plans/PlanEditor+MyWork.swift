public import GantryModel
import GantryGovernance

/// A team member's assigned activities across projects, for recording their own progress (MS Project Online's
/// "my tasks", without a timesheet).
public struct MyWork: Codable, Sendable, Hashable {
    public enum Bucket: String, Codable, Sendable, CaseIterable {
        case late, thisWeek = "this_week", nextWeek = "next_week", later, done
    }

    public struct Item: Codable, Sendable, Hashable {
        public var activityId: Activity.ID
        public var version: Int
        public var projectId: Project.ID
        public var projectCode: String
        public var projectName: String
        public var code: String
        public var name: String
        public var plannedStart: CalendarDate?
        public var plannedFinish: CalendarDate?
        public var duration: String
        public var percentComplete: Double
        public var actualStart: LocalDateTime?
        public var actualFinish: LocalDateTime?
        /// The resources of the caller's on it, with units (`Dana Director[50%]`).
        public var assignedAs: String
        public var bucket: Bucket
    }

    public var today: CalendarDate
    public var weekStart: CalendarDate
    /// The pool resources that stand for the caller (a resource's `user_id`).
    public var resources: [String]
    public var items: [Item]
}

extension PlanEditor {
    /// The fields a team member records on their own assignments; nothing else is theirs to change.
    public static let progressColumns = ["percent_complete", "remaining", "actual_start", "actual_finish"]

    /// What the caller is assigned to, through the pool resources that stand for them, grouped as late, this
    /// week, next week, later and done (weeks start on Monday).
    public func myWork(_ caller: Caller) async throws -> MyWork {
        let today = clock.now().date
        guard let me = caller.userId else { throw ServiceError(.badRequest, "My work is a signed-in user's own list") }
        return try await store.read { session in
            let resources = try await session.list(Resource.self, ListQuery(filters: ["user_id": .int(me.rawValue)]))
            let weekStart = today.adding(days: -Self.weekdayIndex(today))
            var items: [MyWork.Item] = []
            var projects: [Project.ID: Project] = [:]
            var byActivity: [Activity.ID: [PlanNotation.ResourceUnits]] = [:]
            for r in resources {
                for x in try await session.list(Assignment.self, ListQuery(filters: ["resource_id": .int(r.id.rawValue)])) {
                    byActivity[x.activityId, default: []].append(.init(name: r.name, units: x.units))
                }
            }
            for (id, staffing) in byActivity {
                guard let a = try await session.get(Activity.self, id) else { continue }
                if projects[a.projectId] == nil { projects[a.projectId] = try await session.get(Project.self, a.projectId) }
                guard let p = projects[a.projectId] else { continue }
                let bucket: MyWork.Bucket
                if a.percentComplete >= 100 || a.actualFinish != nil {
                    bucket = .done
                } else if let f = a.plannedFinish, f < today {
                    bucket = .late
                } else if (a.plannedStart ?? today) < weekStart.adding(days: 7) {
                    bucket = .thisWeek
                } else if (a.plannedStart ?? today) < weekStart.adding(days: 14) {
                    bucket = .nextWeek
                } else {
                    bucket = .later
                }
                items.append(MyWork.Item(
                    activityId: a.id, version: a.version, projectId: p.id, projectCode: p.code, projectName: p.name,
                    code: a.code, name: a.name, plannedStart: a.plannedStart, plannedFinish: a.plannedFinish,
                    duration: a.duration.description, percentComplete: a.percentComplete, actualStart: a.actualStart,
                    actualFinish: a.actualFinish, assignedAs: PlanNotation.text(staffing), bucket: bucket))
            }
            items.sort { ($0.plannedStart ?? today, $0.projectCode, $0.code) < ($1.plannedStart ?? today, $1.projectCode, $1.code) }
            return MyWork(today: today, weekStart: weekStart, resources: resources.map(\.name).sorted(), items: items)
        }
    }

    /// A team member records progress (percent complete, remaining work, actual dates) on an activity they are
    /// assigned to; whoever may edit the plan may do the same. Any other column is refused.
    public func recordProgress(_ activityId: Activity.ID, cells: [String: String], ifVersion: Int?, _ caller: Caller) async throws -> PlanChange {
        for key in cells.keys where !Self.progressColumns.contains(key) {
            throw ServiceError.invalid(field: key, "\(key) is not progress: on My work you record \(Self.progressColumns.joined(separator: ", ")); the project manager changes the rest")
        }
        guard !cells.isEmpty else { throw ServiceError.invalid(field: "percent_complete", "record at least one of \(Self.progressColumns.joined(separator: ", "))") }
        let now = clock.now()
        return try await store.write { session in
            guard let activity = try await session.get(Activity.self, activityId) else { throw ServiceError.notFound(Activity.self, activityId) }
            let project = try await Self.project(activity.projectId, in: session)
            // Either the caller may edit the plan, or the activity is theirs: either way its change is permitted.
            do {
                try caller.require(.update, try await scheduleSubject(project, in: session))
            } catch let refusal as ServiceError where refusal.code == .forbidden {
                guard let me = caller.userId else { throw refusal }
                let mine = Set(try await session.list(Resource.self, ListQuery(filters: ["user_id": .int(me.rawValue)])).map(\.id))
                let staffed = try await session.list(Assignment.self, ListQuery(filters: ["activity_id": .int(activity.id.rawValue)]))
                guard staffed.contains(where: { mine.contains($0.resourceId) }) else {
                    throw ServiceError(.forbidden, "Not allowed: you are not assigned to \(activity.code) \(activity.name), so its progress is not yours to record.")
                }
            }
            try await Self.refuseIfChanged(activity, since: ifVersion, project, yours: cells, today: now.date, in: session)
            let before = try await kept.before(project, in: session, today: now.date)
            var messages: [String] = []
            let saved = try await Self.apply(cells, to: activity, plan: before, by: caller, at: now, in: session,
                                             messages: &messages)
            return try await Self.finish(project, before: before, changed: saved, cells: cells, at: now, in: session,
                                         kept: kept, messages: messages)
        }
    }

    /// Monday 0 … Sunday 6.
    static func weekdayIndex(_ d: CalendarDate) -> Int {
        // 1970-01-01 was a Thursday.
        ((d.daysSinceEpoch % 7) + 7 + 3) % 7
    }
}
