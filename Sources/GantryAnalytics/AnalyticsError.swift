/// Why an analytics value could not be made: a stable `code` callers may match on (codes can be added without
/// breaking them) and a `message` for people. Only configuration and decisions that would be meaningless are
/// refused this way; a computation that is merely undefined (IRR without a sign change) returns `nil` instead.
public struct AnalyticsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable, snake_case: `invalid_bands`, `invalid_thresholds`, `override_comment_required`,
    /// `override_status_required`.
    public let code: String
    public let message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}
