/// The efficient frontier: the best attainable value V*(B) as the budget B varies, every other rule (capacity,
/// forced decisions, dependencies) held fixed (DOMAIN.md §5.3). It is what PWA's cost-analysis chart draws:
/// where the curve is flat, more money buys nothing; where it is steep, a little more money buys a lot.
///
/// Each point is an exact ``PortfolioSelection/optimal(nodeLimit:)`` at that budget, so V* is non-decreasing in
/// B (a selection that fits a budget fits every larger one). A budget at which the forced-in projects do not fit
/// is a point with no value and the reasons.
public struct EfficientFrontier<ID: Hashable & Comparable & Sendable>: Sendable {
    public struct Point: Hashable, Sendable {
        public var budget: Double
        /// V*(budget); `nil` when no selection is feasible at this budget.
        public var value: Double?
        /// The optimal selection at this budget (in candidate order), its cost and status.
        public var result: PortfolioSelection<ID>.Result
    }

    /// One point per budget, in the order the budgets were given.
    public let points: [Point]

    /// Solves `selection` at each budget (its own budget is ignored).
    public init(_ selection: PortfolioSelection<ID>, budgets: some Sequence<Double>, nodeLimit: Int = 5_000_000) throws {
        var problem = selection
        points = try budgets.map { budget in
            problem.budget = budget
            let result = try problem.optimal(nodeLimit: nodeLimit)
            return Point(budget: budget, value: result.status == .infeasible ? nil : result.value, result: result)
        }
    }
}
