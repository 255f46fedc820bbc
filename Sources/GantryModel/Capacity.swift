/// A skill a resource has, or an assignment needs, with a level from 1 (aware) to 5 (expert).
///
/// Decodes from `{"skill": "Swift", "level": 4}` or, as skills were stored before levels existed, from a plain
/// `"Swift"` (level 3, "practitioner": the middle of the scale, neither claimed expertise nor none).
public struct SkillLevel: Hashable, Sendable, Codable {
    public var skill: String
    public var level: Int

    /// The level a skill named without one is taken to have.
    public static let unstatedLevel = 3

    public init(_ skill: String, level: Int) {
        self.skill = skill
        self.level = level
    }

    enum CodingKeys: String, CodingKey { case skill, level }

    public init(from decoder: any Decoder) throws {
        if let single = try? decoder.singleValueContainer(), let name = try? single.decode(String.self) {
            self.init(name, level: Self.unstatedLevel)
            return
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(try c.decode(String.self, forKey: .skill),
                  level: try c.decodeIfPresent(Int.self, forKey: .level) ?? Self.unstatedLevel)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(skill, forKey: .skill)
        try c.encode(level, forKey: .level)
    }
}
