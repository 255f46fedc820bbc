public import GantryModel
public import GantryPortfolio
import Foundation
import GantryGovernance

// Staffing and "when can we start?" on the stored records (issue #14, "Decisions it supports"): the service reads
// what the engines need (`CapacityForecast.staffingSuggestions`, `RoleWeeklyCapacity.earliestStart`) in one
// transaction, and staffing a generic assignment or a role allocation is one audited update.

/// What a staffing page or document needs: the work to staff, the need the engine ranked people for, and the ranking.
public struct StaffingView: Sendable {
    /// What is being staffed.
    public enum Work: Sendable {
        /// A generic resource's assignment to an activity.
        case assignment(Assignment, activity: Activity, generic: Resource)
        /// An allocation of a project to a role.
        case allocation(ProjectAllocation)
    }

    public var work: Work
    public var project: Project
    public var need: StaffingNeed
    /// Best first (at most ``CapacityPlanner/staffingLimit``).
    public var suggestions: [StaffingSuggestion]
    /// The people suggested, for their currency and skills.
    public var people: [Resource.ID: Resource]

    public var needHours: Double { Double(need.minutes) / 60 }

    /// "Developer with Swift at level 3 or more: 48 h between 2027-03-01 and 2027-03-05".
    public var needText: String {
        var text = need.role.map { $0.isEmpty ? "Anyone" : $0 } ?? "Anyone"
        if !need.skills.isEmpty {
            text += " with " + need.skills.map { "\($0.skill) at level \($0.level) or more" }.joined(separator: ", ")
        }
        return text + ": \(Self.hours(need.minutes)) h between \(need.first) and \(need.last)"
    }

    static func hours(_ minutes: Int64) -> String {
        let h = (Double(minutes) / 6).rounded() / 10
        return h == h.rounded() ? String(Int64(h)) : String(h)
    }
}

/// One piece of work waiting for a person: a generic assignment or a role allocation, for the staffing list.
public struct UnstaffedWork: Sendable {
    public enum Kind: String, Sendable { case assignment, allocation }
    public var kind: Kind
    /// The assignment's or the allocation's id.
    public var id: Int64
    public var project: Project
    /// The activity, for an assignment.
    public var activity: Activity?
    /// The generic resource, for an assignment.
    public var generic: Resource?
    /// The role the work is for.
    public var role: String
    public var first: CalendarDate
    public var last: CalendarDate
}

/// "When can we start?" for an intake request, with what it was computed from.
public struct StartView: Sendable {
    public var request: IntakeRequest
    /// The demand by role and week relative to the start, from the request's role demand.
    public var profile: [RoleWeekDemand]
    /// Per role of the request: hours a week and for how many weeks.
    public var roles: [(role: String, hoursPerWeek: Double, weeks: Int)]
    /// The first Monday tried (the Monday on or after today) and the last.
    public var earliest: CalendarDate
    public var latestStart: CalendarDate
    /// The Monday of the desired start's week, when the request names one.
    public var requested: CalendarDate?
    public var answer: EarliestStart
}

extension CapacityPlanner {
    /// How many people a staffing page ranks.
    public static let staffingLimit = 20

    /// The people who could take a generic resource's assignment, best first: the need is the generic resource's
    /// role and skills (its levels are the required minimums), over the activity's planned days, for `units / 100`
    /// of the generic resource's available minutes on those days. Refused (409) when the assignment's resource is
    /// not generic, (422) when the activity has no planned dates.
    public func staffing(assignment id: Assignment.ID, _ caller: Caller) async throws -> StaffingView {
        try caller.require(.view, Resource.listSubject)
        try caller.require(.view, Project.listSubject)
        return try await store.read { session in try await Self.staffingView(assignment: id, caller, in: session) }
    }

    /// The body of ``staffing(assignment:_:)``, not optimized: optimized, Swift 6.3's release compiler crashed on it
    /// (signal 11 in LLVM's coroutine splitting, emitSetAndGetSwiftErrorValueAround), inside the read's closure or
    /// out of it. It runs once per staffing page, so optimization buys nothing here.
    @_optimize(none)
    static func staffingView(assignment id: Assignment.ID, _ caller: Caller, in session: any StoreSession) async throws -> StaffingView {
        guard let assignment = try await session.get(Assignment.self, id) else { throw ServiceError.notFound(Assignment.self, id) }
        try await caller.requireView(Assignment.listSubject) { try await Assignment.subject(of: assignment, in: session) }
        let parts = try await Self.genericParts(of: assignment, in: session)
        let activity = parts.0, generic = parts.1, project = parts.2
        let scope = try Self.plannedScope(of: activity)
        let snapshot = try await Self.snapshot(scope, in: session)
        let first = scope.first, last = scope.last
        // The minutes the assignment asks: units / 100 × the generic resource's available minutes on each day.
        let minutes = Self.askedMinutes(of: generic.id, units: assignment.units, in: snapshot.input)
        let onActivity = try await session.list(Assignment.self, ListQuery(filters: ["activity_id": .int(activity.id.rawValue)]))
        let need = StaffingNeed(role: generic.role, skills: generic.skills, first: first, last: last, minutes: minutes,
                                excluding: Set(onActivity.map(\.resourceId)))
        return try Self.view(.assignment(assignment, activity: activity, generic: generic), project: project, need: need,
                             snapshot: snapshot)
    }

    /// The activity's planned days as a forecast's range, refused when it has none.
    static func plannedScope(of activity: Activity) throws -> CapacityScope {
        guard let first = activity.plannedStart, let last = activity.plannedFinish, first <= last else {
            throw ServiceError(.invalid, "activity \(activity.code) \(activity.name) has no planned dates yet; schedule the project first",
                               problems: [FieldProblem(field: "activity_id", message: "no planned dates")])
        }
        let scope = CapacityScope(first: first, last: last)
        try check(scope)
        return scope
    }

    /// `units / 100 ×` a resource's available minutes over the input's days.
    static func askedMinutes(of resource: Resource.ID, units: Double, in input: CapacityInput) -> Int64 {
        var total: Int64 = 0
        for r in input.resources where r.id == resource {
            for m in r.availableMinutes { total += Int64(m) }
        }
        return Int64((Double(total) * units / 100).rounded())
    }

    /// The people who could take a role allocation, best first: the need is the role (no skills), the allocation's
    /// dates and its hours (hours a week × weekdays / 5, hours a month × the months' share, or a percentage of a
    /// full-time day on each weekday). Refused (409) when it names a resource already.
    public func staffing(allocation id: ProjectAllocation.ID, _ caller: Caller) async throws -> StaffingView {
        try caller.require(.view, Resource.listSubject)
        try caller.require(.view, Project.listSubject)
        return try await store.read { session in
            guard let allocation = try await session.get(ProjectAllocation.self, id) else {
                throw ServiceError.notFound(ProjectAllocation.self, id)
            }
            try await caller.requireView(ProjectAllocation.listSubject) { try await ProjectAllocation.subject(of: allocation, in: session) }
            try Self.checkRoleAllocation(allocation)
            guard let project = try await session.get(Project.self, allocation.projectId) else {
                throw ServiceError.notFound(Project.self, allocation.projectId)
            }
            let scope = CapacityScope(first: allocation.firstDay, last: allocation.lastDay)
            try Self.check(scope)
            let snapshot = try await Self.snapshot(scope, in: session)
            let hours = Self.allocationHours(allocation.unit, allocation.amount, from: allocation.firstDay,
                                             through: allocation.lastDay, hoursPerDay: snapshot.settings.hoursPerDay)
            let need = StaffingNeed(role: allocation.role, first: allocation.firstDay, last: allocation.lastDay,
                                    minutes: Int64((hours * 60).rounded()))
            return try Self.view(.allocation(allocation), project: project, need: need, snapshot: snapshot)
        }
    }

    /// Replaces the generic resource of an assignment by a person: one audited update, checked by the assignment's
    /// rules (the project's schedule permission; the person not on the activity already).
    public func staff(assignment id: Assignment.ID, with person: Resource.ID, _ caller: Caller) async throws -> Assignment {
        let now = clock.now()
        return try await store.write { session in
            guard let assignment = try await session.get(Assignment.self, id) else { throw ServiceError.notFound(Assignment.self, id) }
            _ = try await Self.genericParts(of: assignment, in: session)
            try await Self.checkPerson(person, in: session)
            return try await Catalog.apply({ $0.resourceId = person }, to: assignment, by: caller, at: now, in: session)
        }
    }

    /// Gives a role allocation to a person: sets its resource and clears its role, one audited update.
    public func staff(allocation id: ProjectAllocation.ID, with person: Resource.ID, _ caller: Caller) async throws -> ProjectAllocation {
        let now = clock.now()
        return try await store.write { session in
            guard let allocation = try await session.get(ProjectAllocation.self, id) else {
                throw ServiceError.notFound(ProjectAllocation.self, id)
            }
            try Self.checkRoleAllocation(allocation)
            try await Self.checkPerson(person, in: session)
            return try await Catalog.apply({ $0.resourceId = person; $0.role = "" }, to: allocation, by: caller, at: now, in: session)
        }
    }

    /// The generic assignments and role allocations of projects that are not closed or cancelled, whose work is not
    /// over before `today`: the staffing list, by project code and then date.
    public func unstaffed(_ caller: Caller) async throws -> [UnstaffedWork] {
        try caller.require(.view, Resource.listSubject)
        try caller.require(.view, Project.listSubject)
        try caller.require(.view, Assignment.listSubject)
        let today = clock.now().date
        return try await store.read { session in
            let projects = try await session.list(Project.self, ListQuery()).filter { $0.state != .closed && $0.state != .cancelled }
            let generic = Dictionary(uniqueKeysWithValues: try await session.list(Resource.self, ListQuery())
                .filter { $0.kind == .role }.map { ($0.id, $0) })
            var result: [UnstaffedWork] = []
            for project in projects {
                let byProject: [String: FilterValue] = ["project_id": .int(project.id.rawValue)]
                let assignments = try await session.list(Assignment.self, ListQuery(filters: byProject)).filter { generic[$0.resourceId] != nil }
                if !assignments.isEmpty {
                    let activities = Dictionary(uniqueKeysWithValues: try await session.list(Activity.self, ListQuery(filters: byProject)).map { ($0.id, $0) })
                    for a in assignments {
                        guard let activity = activities[a.activityId], let first = activity.plannedStart,
                              let last = activity.plannedFinish, last >= today, activity.percentComplete < 100 else { continue }
                        let g = generic[a.resourceId]!
                        result.append(UnstaffedWork(kind: .assignment, id: a.id.rawValue, project: project, activity: activity,
                                                    generic: g, role: g.role, first: first, last: last))
                    }
                }
                for al in try await session.list(ProjectAllocation.self, ListQuery(filters: byProject))
                where al.resourceId == nil && !al.role.isEmpty && al.lastDay >= today {
                    result.append(UnstaffedWork(kind: .allocation, id: al.id.rawValue, project: project, role: al.role,
                                                first: al.firstDay, last: al.lastDay))
                }
            }
            return result.sorted { ($0.project.code, $0.first, $0.kind.rawValue, $0.id) < ($1.project.code, $1.first, $1.kind.rawValue, $1.id) }
        }
    }

    // MARK: - When can we start?

    /// How many months past the profile the starts tried run.
    public static let startHorizonMonths = 18.0

    /// The earliest Monday from this week on at which an intake request's role demand fits every role's remaining
    /// capacity (supply − committed − background, pipeline not counted), week by week, with the role that binds
    /// before then and what would let it start on the desired date.
    ///
    /// The profile: each role's FTE × the settings' hours a day × 5 hours every week, for its months as weeks
    /// (a month is 52/12 weeks, rounded up), from the start's week. Starts are tried from the Monday on or after
    /// today to 18 months later; the forecast covers them and the profile's weeks after the last (cut to five years).
    public func whenCanWeStart(request id: IntakeRequest.ID, _ caller: Caller) async throws -> StartView {
        try caller.require(.view, Resource.listSubject)
        try caller.require(.view, Project.listSubject)
        let today = clock.now().date
        return try await store.read { session in
            guard let request = try await session.get(IntakeRequest.self, id) else { throw ServiceError.notFound(IntakeRequest.self, id) }
            try await caller.requireView(IntakeRequest.listSubject) { try await IntakeRequest.subject(of: request, in: session) }
            let settings = try await Self.settings(in: session)
            let hoursPerWeek = settings.hoursPerDay * 5
            var profile: [RoleWeekDemand] = []
            var roles: [(role: String, hoursPerWeek: Double, weeks: Int)] = []
            for d in request.demand where d.fte > 0 && d.months > 0 && !d.role.isEmpty {
                let weeks = Self.weeks(months: d.months)
                profile += RoleWeekDemand.steady(role: d.role, fte: d.fte, weeks: weeks, hoursPerWeek: hoursPerWeek)
                roles.append((d.role, d.fte * hoursPerWeek, weeks))
            }
            guard !profile.isEmpty else {
                throw ServiceError(.invalid, "request \(request.id) asks for no role (role, FTE and months); add its demand first",
                                   problems: [FieldProblem(field: "demand", message: "no role demand")])
            }
            let earliest = Self.mondayOnOrAfter(today)
            let requested = request.desiredStart.map(Self.mondayOnOrBefore)
            let answer = try await Self.earliestStart(profile, earliest: earliest, requested: requested, in: session)
            return StartView(request: request, profile: profile, roles: roles, earliest: earliest,
                             latestStart: answer.1, requested: requested, answer: answer.0)
        }
    }

    /// Computes the forecast by role and week from `earliest` over the horizon and asks the engine.
    static func earliestStart(_ profile: [RoleWeekDemand], earliest: CalendarDate, requested: CalendarDate?,
                              in session: any StoreSession) async throws -> (EarliestStart, CalendarDate) {
        let length = (profile.map(\.weekOffset).max() ?? 0) + 1
        var latestStart = mondayOnOrBefore(adding(months: startHorizonMonths, to: earliest))
        var last = latestStart.adding(days: 7 * length - 1)
        let cap = earliest.adding(days: CapacityScope.maxDays - 1)
        if last > cap {
            last = cap
            latestStart = max(earliest, mondayOnOrBefore(cap.adding(days: -7 * length + 1)))
        }
        let snapshot = try await snapshot(CapacityScope(first: earliest, last: last), in: session)
        let capacity = try forecast(snapshot.input).roleWeeklyCapacity()
        do {
            return (try capacity.earliestStart(EarliestStart.Request(profile: profile, earliest: earliest, requested: requested,
                                                                     latestStart: latestStart)), latestStart)
        } catch {
            throw ServiceError(.invalid, "the earliest start cannot be computed: \(error.message)")
        }
    }

    /// Months as whole weeks, rounded up: a month is 52/12 weeks (6 months are 26 weeks, 1 month 5).
    static func weeks(months: Double) -> Int { Int((months * 52 / 12 - 1e-9).rounded(.up)) }

    static func mondayOnOrAfter(_ date: CalendarDate) -> CalendarDate {
        let back = mondayOnOrBefore(date)
        return back == date ? date : back.adding(days: 7)
    }

    static func mondayOnOrBefore(_ date: CalendarDate) -> CalendarDate {
        date.adding(days: -Weekday.allCases.firstIndex(of: date.weekday)!)
    }

    // MARK: - Shared

    /// The activity, generic resource and project of an assignment; refused (409) when the resource is not generic.
    static func genericParts(of assignment: Assignment, in session: any StoreSession) async throws -> (Activity, Resource, Project) {
        guard let resource = try await session.get(Resource.self, assignment.resourceId) else {
            throw ServiceError.notFound(Resource.self, assignment.resourceId)
        }
        guard resource.kind == .role else {
            throw ServiceError(.conflict, "assignment \(assignment.id) is for \(resource.name), a \(resource.kind.rawValue), not a generic "
                + "resource: only generic (role) assignments are staffed")
        }
        guard let activity = try await session.get(Activity.self, assignment.activityId) else {
            throw ServiceError.notFound(Activity.self, assignment.activityId)
        }
        guard let project = try await session.get(Project.self, assignment.projectId) else {
            throw ServiceError.notFound(Project.self, assignment.projectId)
        }
        return (activity, resource, project)
    }

    static func checkRoleAllocation(_ allocation: ProjectAllocation) throws {
        guard allocation.resourceId == nil, !allocation.role.isEmpty else {
            throw ServiceError(.conflict, "allocation \(allocation.id) names resource \(allocation.resourceId.map(String.init(describing:)) ?? "none") "
                + "already: only allocations to a role are staffed")
        }
    }

    /// Refuses (422, field `resource_id`) a resource that does not exist or is not a person.
    static func checkPerson(_ id: Resource.ID, in session: any StoreSession) async throws {
        guard let person = try await session.get(Resource.self, id) else {
            throw ServiceError.invalid(field: "resource_id", "resource \(id) does not exist")
        }
        guard person.kind == .person else {
            throw ServiceError.invalid(field: "resource_id", "\(person.name) is a \(person.kind.rawValue), not a person: work is staffed with people")
        }
    }

    static func view(_ subject: StaffingView.Work, project: Project, need: StaffingNeed,
                     snapshot: CapacitySnapshot) throws -> StaffingView {
        let forecast = try forecast(snapshot.input)
        let people = snapshot.resources.values.filter { $0.kind == .person }
        // A rate of 0 is a rate nobody entered: unknown, ranked last among equals.
        let rates = Dictionary(uniqueKeysWithValues: people.filter { $0.costRateMinor > 0 }.map { ($0.id, $0.costRateMinor) })
        let suggestions: [StaffingSuggestion]
        do { suggestions = try forecast.staffingSuggestions(for: need, rates: rates, limit: staffingLimit) } catch {
            throw ServiceError(.invalid, "no suggestions can be made: \(error.message)")
        }
        return StaffingView(work: subject, project: project, need: need, suggestions: suggestions,
                            people: Dictionary(uniqueKeysWithValues: people.map { ($0.id, $0) }))
    }
}
