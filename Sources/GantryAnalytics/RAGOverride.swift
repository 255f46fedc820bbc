public import GantryModel

/// A person's colour in place of the suggested one. The comment is required: a PMO must be able to read why the
/// numbers were overruled (DOMAIN.md §7: "record why a colour was set").
public struct RAGOverride: Sendable, Equatable, Codable {
    public let status: Health
    /// Why, in the person's words; never blank.
    public let comment: String

    /// Throws `override_comment_required` when the comment is blank, `override_status_required` when the status
    /// is `unknown`. The comment is kept trimmed.
    public init(status: Health, comment: String) throws(AnalyticsError) {
        guard status != .unknown else {
            throw AnalyticsError(code: "override_status_required", message: "an override must choose green, amber or red")
        }
        let trimmed = String(comment.drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
        guard !trimmed.isEmpty else {
            throw AnalyticsError(code: "override_comment_required", message: "an override of the RAG status needs a comment saying why")
        }
        self.status = status
        self.comment = trimmed
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            status: container.decode(Health.self, forKey: .status),
            comment: container.decode(String.self, forKey: .comment)
        )
    }
}
