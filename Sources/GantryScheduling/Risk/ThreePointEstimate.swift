import Foundation

/// An optimistic, most likely and pessimistic duration (a ≤ m ≤ b), read as a triangular or a PERT-beta
/// distribution (DOMAIN.md §4.1).
public struct ThreePointEstimate: Sendable, Hashable {
    public enum Shape: String, Sendable, Hashable, CaseIterable, Codable { case triangular, pert }

    public var optimistic: Double
    public var mostLikely: Double
    public var pessimistic: Double
    public var shape: Shape

    /// Nil unless a ≤ m ≤ b and all are finite.
    public init?(_ a: Double, _ m: Double, _ b: Double, shape: Shape = .pert) {
        guard a.isFinite, m.isFinite, b.isFinite, a <= m, m <= b else { return nil }
        optimistic = a; mostLikely = m; pessimistic = b; self.shape = shape
    }

    /// PERT: `(a + 4m + b) / 6`; triangular: `(a + m + b) / 3`.
    public var mean: Double {
        switch shape {
        case .pert: (optimistic + 4 * mostLikely + pessimistic) / 6
        case .triangular: (optimistic + mostLikely + pessimistic) / 3
        }
    }

    /// PERT: `((b − a) / 6)²`; triangular: `(a² + m² + b² − am − ab − mb) / 18`.
    public var variance: Double {
        let a = optimistic, m = mostLikely, b = pessimistic
        switch shape {
        case .pert: return ((b - a) / 6) * ((b - a) / 6)
        case .triangular: return (a * a + m * m + b * b - a * m - a * b - m * b) / 18
        }
    }

    /// The triangular distribution's quantile: `a + √(p(b − a)(m − a))` below the mode's share, else
    /// `b − √((1 − p)(b − a)(b − m))`.
    public static func triangularQuantile(_ p: Double, a: Double, m: Double, b: Double) -> Double {
        guard b > a else { return a }
        let fc = (m - a) / (b - a)
        return p < fc ? a + ((p * (b - a) * (m - a))).squareRoot() : b - (((1 - p) * (b - a) * (b - m))).squareRoot()
    }

    /// One draw. PERT-beta uses α = 1 + 4(m − a)/(b − a) and β = 1 + 4(b − m)/(b − a) on [a, b].
    public func sample(_ rng: inout some RandomNumberGenerator) -> Double {
        let a = optimistic, m = mostLikely, b = pessimistic
        guard b > a else { return a }
        switch shape {
        case .triangular:
            return Self.triangularQuantile(Double.random(in: 0..<1, using: &rng), a: a, m: m, b: b)
        case .pert:
            let alpha = 1 + 4 * (m - a) / (b - a), beta = 1 + 4 * (b - m) / (b - a)
            let x = Self.gamma(alpha, &rng), y = Self.gamma(beta, &rng)
            return a + (b - a) * x / (x + y)
        }
    }

    /// Marsaglia–Tsang gamma sampling (shape ≥ 1 here).
    static func gamma(_ shape: Double, _ rng: inout some RandomNumberGenerator) -> Double {
        let d = shape - 1.0 / 3.0, c = 1 / (9 * d).squareRoot()
        while true {
            var x = 0.0, v = 0.0
            repeat {
                x = normal(&rng)
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = Double.random(in: 0..<1, using: &rng)
            if u < 1 - 0.0331 * x * x * x * x { return d * v }
            if log(u) < 0.5 * x * x + d * (1 - v + log(v)) { return d * v }
        }
    }

    /// A standard normal draw (Box–Muller).
    static func normal(_ rng: inout some RandomNumberGenerator) -> Double {
        let u1 = Double.random(in: Double.ulpOfOne..<1, using: &rng), u2 = Double.random(in: 0..<1, using: &rng)
        return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
    }
}

/// The normal approximation of classic PERT: the mean and variance summed along one path.
public struct PERTPathEstimate: Sendable, Hashable {
    public var mean: Double
    public var variance: Double

    public init(mean: Double, variance: Double) { self.mean = mean; self.variance = variance }

    /// `P(T ≤ x) = Φ((x − μ)/σ)`.
    public func probability(finishingBy x: Double) -> Double {
        guard variance > 0 else { return x >= mean ? 1 : 0 }
        return 0.5 * erfc(-(x - mean) / (variance * 2).squareRoot())
    }

    /// The duration finished by with probability `p`: `μ + σ Φ⁻¹(p)`.
    public func quantile(_ p: Double) -> Double {
        mean + variance.squareRoot() * Self.inverseNormal(p)
    }

    /// Φ⁻¹ by bisection on `erfc`: exact to 1e-12, plenty for reporting.
    static func inverseNormal(_ p: Double) -> Double {
        var lo = -40.0, hi = 40.0
        for _ in 0..<200 {
            let mid = (lo + hi) / 2
            if 0.5 * erfc(-mid / 2.0.squareRoot()) < p { lo = mid } else { hi = mid }
        }
        return (lo + hi) / 2
    }
}
