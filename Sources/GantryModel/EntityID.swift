/// A typed identifier: `Project.ID` and `Activity.ID` are different types even though both are stored as integers,
/// so a project id can never be passed where an activity id is expected.
public struct EntityID<Entity>: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: Int64

    public init(rawValue: Int64) { self.rawValue = rawValue }
    public init(_ rawValue: Int64) { self.rawValue = rawValue }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { String(rawValue) }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// What every stored Gantry record has: a typed id and a version that increases with every update
/// (exposed as the ETag; an update that names an older version is refused).
public protocol Entity: Codable, Sendable, Identifiable where ID == EntityID<Self> {
    var id: ID { get set }
    var version: Int { get set }
    var createdAt: Timestamp { get set }
    var updatedAt: Timestamp { get set }
    /// The singular name used in messages ("project 12 does not exist").
    static var kindName: String { get }
}
