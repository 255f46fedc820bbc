public import GantryModel

extension CapacityForecast {
    /// A resource's free minutes from `first` to `last` (both included, clipped to the forecast's range): the sum
    /// over the days of supply − committed demand − background, each day counted as 0 when it is over.
    ///
    /// Work assigned to a resource's team counts against the team, not against its members, and weighted pipeline
    /// demand is not subtracted (it is not committed). `nil` when the resource is not in the pool.
    public func freeMinutes(of resource: Resource.ID, from first: CalendarDate,
                            through last: CalendarDate) -> Int64? {
        guard let r = resourceIndex[resource] else { return nil }
        return freeMinutes(r, max(first.daysSinceEpoch - day0, 0), min(last.daysSinceEpoch - day0, dayCount - 1))
    }

    /// Remaining capacity per role per ISO week: the forecast's table by role and week as a
    /// ``RoleWeeklyCapacity``, for ``RoleWeeklyCapacity/earliestStart(_:)`` and
    /// ``RoleWeeklyCapacity/leveling(_:options:)``. Compute it once and ask it many questions.
    public func roleWeeklyCapacity() -> RoleWeeklyCapacity {
        // A table by role and week is always accepted.
        try! RoleWeeklyCapacity(table(by: .role, per: .week))
    }

    /// Free minutes of resource index `r` over day indices `lo...hi` (none when `lo > hi`).
    func freeMinutes(_ r: Int, _ lo: Int, _ hi: Int) -> Int64 {
        guard lo <= hi else { return 0 }
        var free: Int64 = 0
        let s = supply[r], c = committed[r], b = background[r]
        for i in lo...hi { free += max(0, s[i] - c[i] - b[i]) }
        return free
    }

    /// The index of a resource in the pool.
    func index(of resource: Resource.ID) -> Int? { resourceIndex[resource] }
}
