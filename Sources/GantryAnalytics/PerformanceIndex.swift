/// Performance indices are ratios; a ratio whose denominator is zero is absent, never NaN or infinity
/// (DESIGN.md, "Time and numbers"). The analytics engine grows from here (earned value, capacity, RAG).
public enum PerformanceIndex {
    /// `numerator / denominator`, or `nil` when the denominator is zero or either value is not finite.
    public static func ratio(_ numerator: Double, _ denominator: Double) -> Double? {
        guard denominator != 0, numerator.isFinite, denominator.isFinite else { return nil }
        return numerator / denominator
    }
}
