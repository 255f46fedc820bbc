public import GantryModel
import GantryGovernance

/// A project's status reports as its page shows them: the history, the periods a new report can be started for,
/// whether the viewer may start one, and whether the project's report is late.
public struct ProjectReportsView: Sendable {
    public var header: ProjectHeader
    /// The latest period first.
    public var reports: [StatusReport]
    public var names: [User.ID: String]
    /// Today's period and the one before it, each with its report when there is one.
    public var current: (start: CalendarDate, end: CalendarDate, report: StatusReport?)
    public var previous: (start: CalendarDate, end: CalendarDate, report: StatusReport?)
    /// Why the viewer may not start a report, or nil when they may.
    public var startRefusal: String?
    public var overdue: OverdueReport?
}

/// One status report as its page shows it, with what the viewer may do with it.
public struct StatusReportView: Sendable {
    public var report: StatusReport
    public var header: ProjectHeader
    public var author: User?
    public var reviewer: User?
    /// The author or the project's manager, while the report is a draft or returned.
    public var mayEdit: Bool
    /// A PMO role, while the report is submitted.
    public var mayReview: Bool
}

extension StatusReports {
    public func projectReports(_ id: Project.ID, views: Views, _ caller: Caller) async throws -> ProjectReportsView {
        let header = try await views.projectHeader(id, caller)
        let reports = try await history(id, caller)
        let today = clock.now().date
        let schedule = ReportingSchedule.aligned(header.project.reportCadence.workflow, from: today)
        let current = (start: schedule.anchor, end: schedule.periodStart(1))
        let previous = (start: schedule.periodStart(-1), end: schedule.anchor)
        let ids = Set(reports.map(\.authorId))
        let names = try await store.read { session in
            var names: [User.ID: String] = [:]
            for id in ids { names[id] = try await session.get(User.self, id)?.displayName }
            return names
        }
        return ProjectReportsView(
            header: header, reports: reports, names: names,
            current: (current.start, current.end, reports.first { $0.periodStart == current.start }),
            previous: (previous.start, previous.end, reports.first { $0.periodStart == previous.start }),
            startRefusal: header.scheduleChangeRefusal(caller),
            overdue: try await overdue(portfolio: header.portfolio.id, caller).first { $0.projectId == id })
    }

    public func view(_ id: StatusReport.ID, views: Views, _ caller: Caller) async throws -> StatusReportView {
        let report = try await catalog.get(StatusReport.self, id, caller)
        let header = try await views.projectHeader(report.projectId, caller)
        let (author, reviewer) = try await store.read { session in
            (try await session.get(User.self, report.authorId),
             try await report.reviewedBy.asyncMap { try await session.get(User.self, $0) } ?? nil)
        }
        let actor = Self.actor(caller, authorId: report.authorId, project: header.project, portfolio: header.portfolio)
        let mayEdit = (report.status == .draft || report.status == .returned)
            && (actor.userId == report.authorId || actor.managesProject)
            && header.scheduleChangeRefusal(caller) == nil
        let mayReview = (try? Self.decide(.accept, on: report.workflowState, by: actor)) != nil
        return StatusReportView(report: report, header: header, author: author, reviewer: reviewer, mayEdit: mayEdit,
                                mayReview: mayReview)
    }
}
