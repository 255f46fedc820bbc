/// Which projects to fund: maximise total value under a budget and per-role-per-period capacity, with the
/// PMO's forced-in / forced-out decisions and the dependencies between projects (DOMAIN.md §5.3).
///
/// ## The model
/// Choose `x_p ∈ {0, 1}` for every candidate to maximise `Σ value_p · x_p` subject to
/// - `Σ cost_p · x_p ≤ budget` (when a budget is given);
/// - for every capacity bucket (role r, period t): `Σ demand_prt · x_p ≤ capacity_rt`
///   (a bucket without a capacity is unconstrained);
/// - `x_p = 1` for forced-in projects, `x_p = 0` for forced-out ones;
/// - `x_p ≤ x_q` for "p requires q"; `x_p + x_q ≤ 1` for "p and q are mutually exclusive".
///
/// ## The answer is exact and deterministic
/// ``optimal(nodeLimit:)`` is a depth-first branch and bound: projects are branched on in order of value per
/// unit of cost (include first), forcing and dependencies are propagated at every node, and a node is cut off
/// when its bound — the smallest of the fractional-knapsack (LP) bounds over the budget and over each capacity
/// bucket — cannot beat the best selection found. The start incumbent is the greedy baseline.
/// Among selections of equal value (to 1e-9, relative) the winner is the one with, in turn, the lower cost,
/// fewer projects, and the earliest-listed project where they differ; so the same input always gives the same
/// selection, whatever the search order.
///
/// ## When nothing is feasible
/// Forced decisions can contradict the constraints: forced-in projects over the budget or a capacity, a project
/// forced in and out, forced-in projects that exclude each other or require a forced-out one. Then the result's
/// ``Result/status`` is ``Status/infeasible`` and ``Result/infeasibilities`` says which projects and which rule,
/// e.g. "forced-in projects A (40), F (15) cost 55, over the budget of 50 by 5". Malformed input (a duplicate
/// id, a negative cost, a rule naming an unknown project) throws a ``PortfolioError`` instead.
///
/// ## A baseline
/// ``greedyByRatio()`` takes projects by value per unit cost while they fit, the rule of thumb the optimizer is
/// compared with (case 31 at budget 90: greedy 190, optimal 200).
public struct PortfolioSelection<ID: Hashable & Comparable & Sendable>: Sendable {
    /// A role in a period: the unit capacity is given for and demand is counted in.
    public struct Bucket: Hashable, Sendable, Codable {
        public var role: String
        /// The period's index on the caller's grid (week or month number).
        public var period: Int

        public init(role: String, period: Int = 0) {
            self.role = role
            self.period = period
        }
    }

    /// A project (or request) that may be selected.
    public struct Candidate: Hashable, Sendable {
        public var id: ID
        /// Strategic value, e.g. the weighted score; may be any finite number.
        public var value: Double
        /// Cost in the budget's unit; finite and ≥ 0.
        public var cost: Double
        /// Demand per bucket (FTE, hours: the capacity's unit); finite and ≥ 0.
        public var demand: [Bucket: Double]

        public init(id: ID, value: Double, cost: Double, demand: [Bucket: Double] = [:]) {
            self.id = id
            self.value = value
            self.cost = cost
            self.demand = demand
        }
    }

    /// A PMO decision on one project: the optimizer chooses (`auto`), or it must be in, or out.
    public enum Decision: String, Hashable, Sendable, Codable {
        case auto
        case forcedIn = "forced_in"
        case forcedOut = "forced_out"
    }

    public enum Status: String, Hashable, Sendable, Codable {
        /// The selection is proven best.
        case optimal
        /// The search stopped at its node limit; the selection is the best found, feasible, not proven best.
        case nodeLimitReached = "node_limit_reached"
        /// No selection satisfies the forced decisions and the constraints; see the infeasibilities.
        case infeasible
    }

    /// Why no selection is possible, with a stable code.
    public struct Infeasibility: Hashable, Sendable {
        /// `forced_in_over_budget`, `forced_in_over_capacity`, `forced_in_and_out`, `forced_in_excluded`,
        /// `forced_in_requires_forced_out`.
        public var code: String
        /// The projects involved, in candidate order.
        public var projects: [ID]
        public var message: String
    }

    /// A selection and what it uses.
    public struct Result: Hashable, Sendable {
        public var status: Status
        /// The selected projects, in candidate order; empty when infeasible.
        public var selected: [ID]
        public var value: Double
        public var cost: Double
        /// Demand of the selection per bucket that has a capacity.
        public var usage: [Bucket: Double]
        public var infeasibilities: [Infeasibility]
        /// Search nodes visited (0 for the greedy baseline).
        public var nodes: Int
    }

    public var candidates: [Candidate]
    /// The budget limit; `nil` for none.
    public var budget: Double?
    /// Capacity per bucket; buckets not listed are unconstrained.
    public var capacity: [Bucket: Double]
    /// Decisions by project; projects not listed are `auto`.
    public var decisions: [ID: Decision]
    /// "p requires q" as `(p, q)`: p may be selected only with q.
    public var requirements: [(project: ID, requires: ID)]
    /// Pairs of which at most one may be selected.
    public var exclusions: [(ID, ID)]

    public init(candidates: [Candidate], budget: Double? = nil, capacity: [Bucket: Double] = [:],
                decisions: [ID: Decision] = [:], requirements: [(project: ID, requires: ID)] = [],
                exclusions: [(ID, ID)] = []) {
        self.candidates = candidates
        self.budget = budget
        self.capacity = capacity
        self.decisions = decisions
        self.requirements = requirements
        self.exclusions = exclusions
    }

    /// The exact optimum (see the type's documentation). `nodeLimit` bounds the search for very large inputs;
    /// when it is reached the status says so and the best selection found is returned.
    public func optimal(nodeLimit: Int = 5_000_000) throws -> Result {
        var search = try Search(self)
        return search.optimal(nodeLimit: nodeLimit)
    }

    /// The greedy baseline: forced-in projects (with what they require) first, then the others by value per unit
    /// of cost (higher first; zero cost first of all; ties by higher value, then candidate order), each taken
    /// with the projects it requires when all of them fit and no rule forbids them.
    public func greedyByRatio() throws -> Result {
        var search = try Search(self)
        return search.greedy()
    }
}
