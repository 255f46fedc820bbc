/// A weighted scoring model (WSM): how a PMO turns "models for assessing pending requests" into one number per
/// request and a ranked queue (DOMAIN.md §5.1).
///
/// ## How a score is computed
/// 1. Each criterion has a raw **weight** ≥ 0. Weights are normalised by their sum, so `0.4, 0.3, 0.2, 0.1`
///    and `4, 3, 2, 1` mean the same model. A negative weight, or all weights zero, is refused.
/// 2. Each criterion has a **scale** (`min...max`) and a **direction**. A rating `x` is normalised to `[0, 1]`:
///    `(x − min)/(max − min)` when higher is better, `(max − x)/(max − min)` when lower is better (risk, cost).
/// 3. The request's score is `Σ w_c · n_c`, reported on ``scoreScale`` (default `0...10`, the scale most
///    scoring sheets use): `score = lower + (upper − lower) · Σ w_c · n_c`. With every criterion rated 0–10,
///    the score is simply `Σ w_c · x_c`, which is the textbook formula.
///
/// Every score carries its ``Breakdown``: each criterion's rating, normalised value, weight and the points it
/// contributed, so the UI can show *how* a request got its number, not just the number.
///
/// ## How requests are ranked
/// ``ranking(of:)`` orders candidates by, in turn:
/// 1. higher score;
/// 2. higher normalised score on the **first** criterion (list the most strategic criterion first);
/// 3. lower cost, when given (a candidate without a cost comes after any candidate with one);
/// 4. smaller id.
///
/// Scores are compared after rounding to 9 decimal places, so two candidates whose scores differ only by
/// floating-point noise (7.0 computed as 2.4 + 2.7 + 1.0 + 0.9 and as 3.6 + 1.2 + 1.6 + 0.6) tie, and the
/// order is a strict total order. Each ranked entry records which rule put it ahead of the next one.
public struct WeightedScore: Hashable, Sendable {
    /// Whether a high rating is good (strategic fit, NPV) or bad (risk, cost).
    public enum Direction: String, Hashable, Sendable, Codable, CaseIterable {
        case higherIsBetter = "higher_is_better"
        case lowerIsBetter = "lower_is_better"
    }

    /// One thing requests are rated on.
    public struct Criterion: Hashable, Sendable, Codable {
        /// A stable key ("strategic_fit"); ratings are given by key.
        public var key: String
        /// The name shown to people ("Strategic fit").
        public var name: String
        /// What a rating means, shown next to the criterion ("10 = directly delivers a board objective").
        public var definition: String
        /// The raw weight as entered (≥ 0); the model normalises all weights to sum to 1.
        public var weight: Double
        /// The lowest and highest rating allowed.
        public var scale: ClosedRange<Double>
        public var direction: Direction

        public init(key: String, name: String? = nil, definition: String = "", weight: Double,
                    scale: ClosedRange<Double> = 0...10, direction: Direction = .higherIsBetter) {
            self.key = key
            self.name = name ?? key
            self.definition = definition
            self.weight = weight
            self.scale = scale
            self.direction = direction
        }
    }

    /// What one criterion contributed to a score.
    public struct Contribution: Hashable, Sendable, Codable {
        public var criterion: String
        /// The rating as given, on the criterion's own scale.
        public var rating: Double
        /// The rating mapped to `[0, 1]`, inverted when lower is better.
        public var normalised: Double
        /// The normalised weight (all weights sum to 1).
        public var weight: Double
        /// `weight · normalised`, on the model's score scale (these sum to the score minus the scale's lower end).
        public var points: Double
    }

    /// A score with the arithmetic that produced it.
    public struct Breakdown: Hashable, Sendable, Codable {
        public var score: Double
        public var contributions: [Contribution]
        /// One line per criterion and a total, e.g.
        /// `Strategic fit: 8 on 0–10, higher is better → 0.8 × weight 0.4 = 3.2 points`.
        public var explanation: [String]
    }

    /// Something to score and rank: an intake request or a project.
    public struct Candidate<ID: Comparable & Hashable & Sendable>: Hashable, Sendable {
        public var id: ID
        /// Ratings by criterion key; every criterion must be rated.
        public var ratings: [String: Double]
        /// The cost, used only to break ties (lower first); `nil` when unknown.
        public var cost: Double?

        public init(id: ID, ratings: [String: Double], cost: Double? = nil) {
            self.id = id
            self.ratings = ratings
            self.cost = cost
        }
    }

    /// The rule that put a ranked candidate ahead of the one after it.
    public enum RankingRule: String, Hashable, Sendable, Codable {
        case score
        case firstCriterion = "first_criterion"
        case cost
        case id
    }

    /// A candidate's place in the queue.
    public struct Ranked<ID: Comparable & Hashable & Sendable>: Hashable, Sendable {
        /// 1-based and distinct: ties are broken, never shared.
        public var rank: Int
        public var id: ID
        public var breakdown: Breakdown
        public var cost: Double?
        /// Why this candidate comes before the next one; `nil` for the last.
        public var aheadOfNextBy: RankingRule?
    }

    /// The criteria as given, in order (the first one breaks ties).
    public let criteria: [Criterion]
    /// The normalised weights, in criterion order; they sum to 1.
    public let weights: [Double]
    /// The range scores are reported on.
    public let scoreScale: ClosedRange<Double>

    /// Builds a model, refusing what cannot be scored: no criteria, duplicate keys, a negative or non-finite
    /// weight, all weights zero, an empty or non-finite scale.
    public init(criteria: [Criterion], scoreScale: ClosedRange<Double> = 0...10) throws {
        guard !criteria.isEmpty else {
            throw PortfolioError(code: "no_criteria", message: "a scoring model needs at least one criterion")
        }
        var seen = Set<String>()
        for c in criteria {
            guard seen.insert(c.key).inserted else {
                throw PortfolioError(code: "duplicate_criterion", message: "criterion \(c.key) appears twice")
            }
            guard c.weight.isFinite, c.weight >= 0 else {
                throw PortfolioError(code: "negative_weight",
                                     message: "criterion \(c.key) has weight \(c.weight); weights must be ≥ 0")
            }
            guard c.scale.lowerBound.isFinite, c.scale.upperBound.isFinite, c.scale.upperBound > c.scale.lowerBound
            else {
                throw PortfolioError(code: "invalid_scale",
                                     message: "criterion \(c.key) needs a scale with max > min")
            }
        }
        guard scoreScale.lowerBound.isFinite, scoreScale.upperBound.isFinite,
              scoreScale.upperBound > scoreScale.lowerBound else {
            throw PortfolioError(code: "invalid_scale", message: "the score scale needs max > min")
        }
        let total = criteria.reduce(0) { $0 + $1.weight }
        guard total > 0 else {
            throw PortfolioError(code: "zero_weights", message: "at least one criterion needs a positive weight")
        }
        self.criteria = criteria
        self.weights = criteria.map { $0.weight / total }
        self.scoreScale = scoreScale
    }

    /// Scores one set of ratings. Throws `missing_rating`, `unknown_criterion` or `rating_out_of_scale`.
    public func score(_ ratings: [String: Double]) throws -> Breakdown {
        for key in ratings.keys where !criteria.contains(where: { $0.key == key }) {
            throw PortfolioError(code: "unknown_criterion", message: "no criterion has the key \(key)")
        }
        let span = scoreScale.upperBound - scoreScale.lowerBound
        var contributions: [Contribution] = []
        var lines: [String] = []
        var sum = 0.0
        for (c, w) in zip(criteria, weights) {
            guard let x = ratings[c.key] else {
                throw PortfolioError(code: "missing_rating", message: "criterion \(c.key) is not rated")
            }
            guard x.isFinite, c.scale.contains(x) else {
                throw PortfolioError(
                    code: "rating_out_of_scale",
                    message: "rating \(formatted(x)) for \(c.key) is outside \(formatted(c.scale.lowerBound))–\(formatted(c.scale.upperBound))")
            }
            let width = c.scale.upperBound - c.scale.lowerBound
            let n = c.direction == .higherIsBetter ? (x - c.scale.lowerBound) / width
                                                   : (c.scale.upperBound - x) / width
            let points = w * n * span
            sum += w * n
            contributions.append(Contribution(criterion: c.key, rating: x, normalised: n, weight: w, points: points))
            let direction = c.direction == .higherIsBetter ? "higher is better" : "lower is better, inverted"
            lines.append("\(c.name): \(formatted(x)) on \(formatted(c.scale.lowerBound))–\(formatted(c.scale.upperBound)), "
                         + "\(direction) → \(formatted(n)) × weight \(formatted(w)) = \(formatted(points)) points")
        }
        let score = scoreScale.lowerBound + span * sum
        lines.append("score = \(formatted(score)) on \(formatted(scoreScale.lowerBound))–\(formatted(scoreScale.upperBound))")
        return Breakdown(score: score, contributions: contributions, explanation: lines)
    }

    /// Scores every candidate and orders them by the documented tie-break (see the type's documentation).
    public func ranking<ID>(of candidates: [Candidate<ID>]) throws -> [Ranked<ID>] {
        var seen = Set<ID>()
        for c in candidates where !seen.insert(c.id).inserted {
            throw PortfolioError(code: "duplicate_candidate", message: "candidate \(c.id) appears twice")
        }
        for c in candidates {
            if let cost = c.cost, !cost.isFinite {
                throw PortfolioError(code: "invalid_cost", message: "candidate \(c.id) has cost \(cost)")
            }
        }
        let scored = try candidates.map { (candidate: $0, breakdown: try score($0.ratings)) }
        let sorted = scored.sorted { Self.decidingRule($0.candidate, $0.breakdown, $1.candidate, $1.breakdown)?.aFirst ?? false }
        return sorted.enumerated().map { index, entry in
            let next = index + 1 < sorted.count ? sorted[index + 1] : nil
            return Ranked(rank: index + 1, id: entry.candidate.id, breakdown: entry.breakdown, cost: entry.candidate.cost,
                          aheadOfNextBy: next.flatMap {
                              Self.decidingRule(entry.candidate, entry.breakdown, $0.candidate, $0.breakdown)?.rule
                          })
        }
    }

    /// The first rule that separates `a` from `b`, and whether it puts `a` first; `nil` only when equal in all.
    private static func decidingRule<ID>(_ a: Candidate<ID>, _ sa: Breakdown, _ b: Candidate<ID>, _ sb: Breakdown)
        -> (rule: RankingRule, aFirst: Bool)? {
        let qa = quantised(sa.score), qb = quantised(sb.score)
        if qa != qb { return (.score, qa > qb) }
        let fa = quantised(sa.contributions.first?.normalised ?? 0)
        let fb = quantised(sb.contributions.first?.normalised ?? 0)
        if fa != fb { return (.firstCriterion, fa > fb) }
        let ca = a.cost ?? .infinity, cb = b.cost ?? .infinity
        if ca != cb { return (.cost, ca < cb) }
        if a.id != b.id { return (.id, a.id < b.id) }
        return nil
    }

    /// Scores compare after rounding to 9 decimals, so floating-point noise does not decide a rank.
    private static func quantised(_ x: Double) -> Double { (x * 1e9).rounded() }
}
