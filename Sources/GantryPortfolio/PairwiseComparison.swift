import Foundation

/// A pairwise comparison of strategic drivers (or any criteria) by Saaty's Analytic Hierarchy Process, and the
/// weights it implies (DOMAIN.md §5.2).
///
/// ## The judgements
/// `A[i][j]` says how much more important item i is than item j on Saaty's 1–9 scale: 1 equal, 3 moderate,
/// 5 strong, 7 very strong, 9 extreme, 2/4/6/8 in between; the reciprocals 1/2 … 1/9 say the opposite. People
/// give only the upper triangle (`n(n−1)/2` judgements); the matrix is completed as `A[j][i] = 1/A[i][j]`,
/// `A[i][i] = 1`. Every judgement must be positive and within `1/9 … 9` (intermediate values such as 2.5 are
/// allowed; 0.111 is accepted for 1/9).
///
/// ## The weights
/// - ``Method/principalEigenvector`` (Saaty's definition, the default): the principal right eigenvector of `A`,
///   normalised to sum to 1, found by power iteration `w ← Aw / Σ(Aw)` until no component moves by more than
///   1e-12. A positive matrix has a unique positive principal eigenvector (Perron–Frobenius), so this converges.
///   `λmax = Σ(Aw)` for the converged `w`.
/// - ``Method/geometricMean``: each weight is the geometric mean of its row, normalised. A close approximation
///   (car example: Cost .5042 instead of .5101); `λmax` is then estimated as the mean of `(Aw)_i / w_i`.
///
/// ## Consistency
/// `CI = (λmax − n)/(n − 1)` and `CR = CI / RI(n)` with RI from a ``RandomIndexTable`` (Saaty 1980 by default).
/// For n ≤ 2 every reciprocal matrix is consistent and CR = 0 by definition. The judgements are accepted when
/// `CR ≤ threshold` (default 0.10, a setting, not a constant); above it the result carries a warning naming the
/// judgement that disagrees most with the weights.
///
/// Note: Microsoft PWA's "consistency ratio" runs the other way (near 1 is consistent, warning below 0.75).
/// Gantry's CR is always Saaty's; never show the two side by side.
public struct PairwiseComparison: Hashable, Sendable {
    /// How weights are derived from the matrix.
    public enum Method: String, Hashable, Sendable, Codable, CaseIterable {
        case principalEigenvector = "principal_eigenvector"
        case geometricMean = "geometric_mean"
    }

    /// One judgement set against what the weights imply for it.
    public struct Judgement: Hashable, Sendable, Codable {
        public var first: String
        public var second: String
        /// `A[first][second]` as given.
        public var given: Double
        /// `w[first] / w[second]`: the judgement that would be perfectly consistent with the weights.
        public var implied: Double
    }

    /// Weights and consistency, with the method and table that produced them.
    public struct Result: Hashable, Sendable, Codable {
        public var method: Method
        public var labels: [String]
        /// In label order; they sum to 1.
        public var weights: [Double]
        public var lambdaMax: Double
        public var consistencyIndex: Double
        /// The table's name, so a stored CR always says which RI it used.
        public var randomIndexTable: String
        /// RI(n) from the table; `nil` for n ≤ 2 (not needed) or when the table has no entry for n.
        public var randomIndex: Double?
        /// Saaty's CR; 0 for n ≤ 2; `nil` when the table has no RI for n.
        public var consistencyRatio: Double?
        public var threshold: Double
        /// `CR ≤ threshold`; false when CR is unknown.
        public var isConsistent: Bool
        /// Set when the judgements are not accepted as consistent, for people.
        public var warning: String?
        /// The judgement whose given value is furthest (by ratio) from what the weights imply; `nil` for n ≤ 1.
        public var mostInconsistent: Judgement?
        /// Power-iteration steps taken (0 for the geometric mean).
        public var iterations: Int

        /// The weight of one label, or `nil` if there is no such label.
        public func weight(of label: String) -> Double? {
            labels.firstIndex(of: label).map { weights[$0] }
        }
    }

    /// The items compared, in matrix order.
    public let labels: [String]
    /// The full reciprocal matrix, completed from the upper triangle.
    public let matrix: [[Double]]

    /// Builds the comparison from the upper triangle: `upperTriangle[i]` holds `A[i][i+1] … A[i][n−1]`
    /// (a final empty row may be left out). Throws `invalid_judgement`, `duplicate_label`, `shape`.
    public init(labels: [String], upperTriangle: [[Double]]) throws {
        let n = labels.count
        try Self.checkLabels(labels)
        let rows = upperTriangle.count == n ? upperTriangle : upperTriangle + [[]]
        guard n == 0 || rows.count == n, rows.enumerated().allSatisfy({ $0.element.count == n - 1 - $0.offset }) else {
            throw PortfolioError(code: "shape", message: "an upper triangle for \(n) items has rows of \(n - 1), \(n - 2), … 0 judgements")
        }
        var a = Array(repeating: Array(repeating: 1.0, count: n), count: n)
        for i in 0..<n {
            for (k, value) in rows[i].enumerated() {
                let j = i + 1 + k
                try Self.check(value, labels[i], labels[j])
                a[i][j] = value
                a[j][i] = 1 / value
            }
        }
        self.labels = labels
        self.matrix = a
    }

    /// Builds the comparison from a full matrix, checking that the diagonal is 1 and `A[j][i] · A[i][j] = 1`
    /// (to 1e-6, so 1/3 written as 0.3333333 passes). The matrix is then rebuilt from its upper triangle.
    public init(labels: [String], matrix: [[Double]]) throws {
        let n = labels.count
        guard matrix.count == n, matrix.allSatisfy({ $0.count == n }) else {
            throw PortfolioError(code: "shape", message: "a comparison of \(n) items needs an \(n)×\(n) matrix")
        }
        for i in 0..<n {
            guard abs(matrix[i][i] - 1) <= 1e-9 else {
                throw PortfolioError(code: "not_reciprocal", message: "\(labels[i]) compared with itself must be 1")
            }
            for j in (i + 1)..<max(n, i + 1) {
                try Self.check(matrix[i][j], labels[i], labels[j])
                try Self.check(matrix[j][i], labels[j], labels[i])
                guard abs(matrix[i][j] * matrix[j][i] - 1) <= 1e-6 else {
                    throw PortfolioError(
                        code: "not_reciprocal",
                        message: "\(labels[i]) vs \(labels[j]) is \(formatted(matrix[i][j])) but \(labels[j]) vs \(labels[i]) is \(formatted(matrix[j][i])), not its reciprocal")
                }
            }
        }
        try self.init(labels: labels, upperTriangle: (0..<n).map { i in Array(matrix[i][(i + 1)...]) })
    }

    private static func checkLabels(_ labels: [String]) throws {
        guard !labels.isEmpty else { throw PortfolioError(code: "shape", message: "nothing to compare") }
        var seen = Set<String>()
        for label in labels where !seen.insert(label).inserted {
            throw PortfolioError(code: "duplicate_label", message: "\(label) appears twice")
        }
    }

    private static func check(_ value: Double, _ a: String, _ b: String) throws {
        guard value.isFinite, value > 0, value >= (1.0 / 9) * (1 - 1e-3), value <= 9 else {
            throw PortfolioError(code: "invalid_judgement",
                                 message: "\(a) vs \(b) is \(formatted(value)); judgements are positive, from 1/9 to 9")
        }
    }

    /// The weights by `method`, with λmax, CI and CR against `randomIndex` at `threshold`.
    public func weights(method: Method = .principalEigenvector, randomIndex table: RandomIndexTable = .saaty1980,
                        threshold: Double = 0.10) -> Result {
        let n = labels.count
        var iterations = 0
        var w: [Double]
        let lambda: Double
        switch method {
        case .principalEigenvector:
            w = Array(repeating: 1 / Double(n), count: n)
            var sum = 1.0
            while iterations < 100_000 {
                iterations += 1
                let product = multiply(w)
                sum = product.reduce(0, +)
                let next = product.map { $0 / sum }
                let change = zip(next, w).map { abs($0 - $1) }.max() ?? 0
                w = next
                if change <= 1e-12 { break }
            }
            lambda = multiply(w).reduce(0, +)
        case .geometricMean:
            let means = matrix.map { row in exp(row.map { log($0) }.reduce(0, +) / Double(n)) }
            let total = means.reduce(0, +)
            w = means.map { $0 / total }
            let product = multiply(w)
            lambda = zip(product, w).map { $0 / $1 }.reduce(0, +) / Double(n)
        }

        let ci = n <= 2 ? 0 : (lambda - Double(n)) / Double(n - 1)
        let ri = n <= 2 ? nil : table.randomIndex(order: n)
        let cr: Double? = n <= 2 ? 0 : ri.flatMap { $0 > 0 ? ci / $0 : nil }

        var worst: Judgement?
        var worstDeviation = -1.0
        for i in 0..<n {
            for j in (i + 1)..<max(n, i + 1) {
                let implied = w[i] / w[j]
                let deviation = abs(log(matrix[i][j] / implied))
                if deviation > worstDeviation + 1e-12 {
                    worstDeviation = deviation
                    worst = Judgement(first: labels[i], second: labels[j], given: matrix[i][j], implied: implied)
                }
            }
        }

        let isConsistent = cr.map { $0 <= threshold } ?? false
        var warning: String?
        if let cr, !isConsistent {
            warning = "The judgements are inconsistent: CR \(formatted(cr, digits: 3)) is above \(formatted(threshold)) "
                + "(random index \(table.name), n = \(n))."
            if let worst {
                warning! += " \(worst.first) vs \(worst.second) is \(formatted(worst.given, digits: 2)) but the weights imply "
                    + "\(formatted(worst.implied, digits: 2)); revisit that judgement first."
            }
        } else if cr == nil {
            warning = "The random index table \(table.name) has no entry for n = \(n), so the consistency ratio is unknown."
        }
        return Result(method: method, labels: labels, weights: w, lambdaMax: lambda, consistencyIndex: ci,
                      randomIndexTable: table.name, randomIndex: ri, consistencyRatio: cr, threshold: threshold,
                      isConsistent: isConsistent, warning: warning, mostInconsistent: worst, iterations: iterations)
    }

    private func multiply(_ w: [Double]) -> [Double] {
        matrix.map { row in zip(row, w).reduce(0) { $0 + $1.0 * $1.1 } }
    }
}
