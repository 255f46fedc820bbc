public import GantryModel
import GantryGovernance

extension ProjectHeader {
    /// Why `caller` may not change this project's schedule (reschedule, level), or nil when they may. For edges
    /// that offer those actions only to who may take them; the use cases still check on their own. No I/O: the
    /// header already carries the ownership the permission policy needs.
    public func scheduleChangeRefusal(_ caller: Caller) -> String? {
        do {
            try caller.require(.update, .schedule(portfolioOwnerId: portfolio.ownerId, managerId: project.managerId))
            return nil
        } catch {
            return error.message
        }
    }
}

extension Views {
    /// The projects whose schedule and project records (lessons, RAID, reports) `caller` may change: for forms that
    /// offer a choice of project. The use cases still check on their own.
    public func projectsCallerMayChange(_ caller: Caller) async throws -> [Project] {
        let portfolios = Dictionary(uniqueKeysWithValues: try await catalog.all(Portfolio.self, caller, [:]).map { ($0.id, $0.ownerId) })
        return try await catalog.all(Project.self, caller, [:]).filter { p in
            (try? caller.require(.create, .schedule(portfolioOwnerId: portfolios[p.portfolioId] ?? nil, managerId: p.managerId))) != nil
        }
    }
}
