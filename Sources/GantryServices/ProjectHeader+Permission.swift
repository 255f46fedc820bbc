import GantryModel
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
