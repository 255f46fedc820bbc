/// Where a project (or program) stands in its life.
public enum LifecycleState: String, CaseIterable, Sendable, Codable {
    case proposed, approved, active, onHold = "on_hold", closed, cancelled
}

/// The overall health a project reports (RAG), or `unknown` before its first status report.
public enum Health: String, CaseIterable, Sendable, Codable {
    case green, amber, red, unknown
}

/// How strongly the PMO governs a portfolio (DESIGN.md, "Governance modes").
public enum GovernanceMode: String, CaseIterable, Sendable, Codable {
    case supportive, controlling, directive
}

/// An activity in the WBS is a summary (rolls up its children), a leaf (real work) or a milestone (zero duration).
public enum ActivityKind: String, CaseIterable, Sendable, Codable {
    case summary, leaf, milestone
}

/// The four precedence relations: finish-to-start, start-to-start, finish-to-finish, start-to-finish.
public enum DependencyType: String, CaseIterable, Sendable, Codable {
    case finishToStart = "FS", startToStart = "SS", finishToFinish = "FF", startToFinish = "SF"
}

/// When an activity may be scheduled, with MS Project's names (`PjConstraint`): as soon or as late as possible,
/// or tied to a date (start/finish no earlier or no later than, must start/finish on).
public enum SchedulingConstraint: String, CaseIterable, Sendable, Codable {
    case asap = "ASAP", alap = "ALAP", startNoEarlierThan = "SNET", startNoLaterThan = "SNLT"
    case finishNoEarlierThan = "FNET", finishNoLaterThan = "FNLT", mustStartOn = "MSO", mustFinishOn = "MFO"

    /// Whether the constraint needs a date.
    public var isDated: Bool { self != .asap && self != .alap }
    /// Whether the date is a finish date.
    public var onFinish: Bool { self == .finishNoEarlierThan || self == .finishNoLaterThan || self == .mustFinishOn }
}

/// A resource is a named person, a generic role (a "Senior developer" placeholder) that plans can ask for, a
/// non-human resource with a numeric limit (a test lab, a licence pool, a crane: its max units are how many there
/// are), or a team, whose capacity is its members' (the resources whose `teamId` it is).
public enum ResourceKind: String, CaseIterable, Sendable, Codable {
    case person, role, equipment, team
}

/// What a user is in the PMO. Permissions follow from the role and from what the user owns or manages.
public enum Role: String, CaseIterable, Sendable, Codable {
    case admin
    case pmoDirector = "pmo_director"
    case pmoAnalyst = "pmo_analyst"
    case portfolioManager = "portfolio_manager"
    case projectManager = "project_manager"
    case teamMember = "team_member"
    case executive
    case requester

    public var title: String {
        switch self {
        case .admin: "Administrator"
        case .pmoDirector: "PMO director"
        case .pmoAnalyst: "PMO analyst"
        case .portfolioManager: "Portfolio manager"
        case .projectManager: "Project manager"
        case .teamMember: "Team member"
        case .executive: "Executive"
        case .requester: "Requester"
        }
    }
}
