public import GantryModel

/// How a forecast's rows are formed.
///
/// Rows by role, team and organisation unit partition the pool: each resource is in exactly one row, and the rows
/// add up to the whole. Rows by resource and by skill overlap: a person with three skills is in three skill rows,
/// and a team's row (the sum of the team's own demand and its members') stands beside its members' rows.
public enum CapacityGrouping: Hashable, Sendable, Codable {
    /// One row per resource; a team's row is the team with its members (supply, demand and background summed).
    case resource
    case role
    /// One row per skill, counting every resource that has the skill at `minimumLevel` or above.
    case skill(minimumLevel: Int)
    /// One row per team (its members and the work assigned to the team), and one for resources in no team.
    case team
    case orgUnit
}

/// A row of a forecast.
public struct CapacityGroup: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable {
        case resource, role, skill, team
        case orgUnit = "org_unit"
        /// Demand for a role not yet staffed (an allocation or pipeline demand for a role), in a view that is not
        /// by role: it has no supply, and shows what is still to be staffed.
        case unstaffedRole = "unstaffed_role"
    }

    public var kind: Kind
    /// The resource id, the role, the skill, the team's resource id or the org unit; empty for "no team", "no
    /// skill", "no role", "no org unit".
    public var key: String
    /// What people read: the resource's name, the role, "no team".
    public var name: String

    public init(kind: Kind, key: String, name: String) {
        self.kind = kind; self.key = key; self.name = name
    }
}

/// The heatmap's bands: how utilisation maps to a word. Configuration with documented defaults (DOMAIN.md §6:
/// policy, not a standard).
///
/// With the defaults: below 80 % **under-used**; from 80 % up to and including 100 % **healthy**; above 100 % up
/// to and including 110 % **at risk**; above 110 % **over-allocated**. A period with demand but no supply is
/// over-allocated (with no percentage); one with neither is **no capacity**.
public struct CapacityBands: Hashable, Sendable, Codable {
    /// Utilisation below this is under-used (default 80).
    public var healthyFrom: Double
    /// Utilisation up to and including this is healthy (default 100).
    public var healthyThrough: Double
    /// Utilisation up to and including this is at risk; above it, over-allocated (default 110).
    public var atRiskThrough: Double

    public init(healthyFrom: Double = 80, healthyThrough: Double = 100, atRiskThrough: Double = 110) {
        self.healthyFrom = healthyFrom; self.healthyThrough = healthyThrough; self.atRiskThrough = atRiskThrough
    }

    public static let standard = CapacityBands()

    /// The band of `load` minutes against `supply` minutes, compared exactly (`load × 100` against
    /// `threshold × supply`), so 110 % is at risk and not over-allocated through rounding.
    public func band(load: Int64, supply: Int64) -> CapacityBand {
        if supply <= 0 { return load > 0 ? .overAllocated : .noCapacity }
        let scaled = Double(load) * 100
        let s = Double(supply)
        if scaled < healthyFrom * s { return .underUsed }
        if scaled <= healthyThrough * s { return .healthy }
        if scaled <= atRiskThrough * s { return .atRisk }
        return .overAllocated
    }
}

/// A heatmap band, with its name in words so that colour is never the only signal.
public enum CapacityBand: String, Hashable, Sendable, Codable, CaseIterable {
    case underUsed = "under_used"
    case healthy
    case atRisk = "at_risk"
    case overAllocated = "over_allocated"
    /// No supply and no demand.
    case noCapacity = "no_capacity"

    /// "under-used", "healthy", "at risk", "over-allocated", "no capacity".
    public var label: String {
        switch self {
        case .underUsed: "under-used"
        case .healthy: "healthy"
        case .atRisk: "at risk"
        case .overAllocated: "over-allocated"
        case .noCapacity: "no capacity"
        }
    }
}

/// One row × one period of a forecast.
///
/// - **load** = committed demand + background.
/// - **utilisation %** = load / supply × 100; absent when supply is 0 (the band then says over-allocated if there
///   is any load). Pipeline demand is not in it: see ``utilisationWithPipelinePercent``.
/// - **free** = supply − load when positive, else 0; **over** = load − supply when positive, else 0.
public struct CapacityCell: Hashable, Sendable, Codable {
    public var supplyMinutes: Int64
    /// Committed demand: assignments and allocations (the plan winning where both exist).
    public var demandMinutes: Int64
    /// Pipeline demand, weighted by its state's probability.
    public var pipelineMinutes: Int64
    public var backgroundMinutes: Int64
    /// The group's full-time equivalents: Σ max units / 100 × capacity share (2.5 for 1.0 + 1.0 + 0.5).
    public var fte: Double
    public var band: CapacityBand

    public init(supplyMinutes: Int64, demandMinutes: Int64, pipelineMinutes: Int64, backgroundMinutes: Int64,
                fte: Double, band: CapacityBand) {
        self.supplyMinutes = supplyMinutes; self.demandMinutes = demandMinutes
        self.pipelineMinutes = pipelineMinutes; self.backgroundMinutes = backgroundMinutes; self.fte = fte
        self.band = band
    }

    public var loadMinutes: Int64 { demandMinutes + backgroundMinutes }
    public var freeMinutes: Int64 { max(0, supplyMinutes - loadMinutes) }
    public var overMinutes: Int64 { max(0, loadMinutes - supplyMinutes) }

    /// (demand + background) / supply × 100, unrounded; `nil` when supply is 0.
    public var utilisationPercent: Double? {
        supplyMinutes > 0 ? Double(loadMinutes) * 100 / Double(supplyMinutes) : nil
    }

    /// (demand + background + weighted pipeline) / supply × 100; `nil` when supply is 0.
    public var utilisationWithPipelinePercent: Double? {
        supplyMinutes > 0 ? Double(loadMinutes + pipelineMinutes) * 100 / Double(supplyMinutes) : nil
    }

    /// The over-allocation in full-time equivalents of this period: over / (supply / fte); `nil` without supply.
    public var overFTE: Double? {
        supplyMinutes > 0 && fte > 0 ? Double(overMinutes) * fte / Double(supplyMinutes) : nil
    }

    public var supplyHours: Double { Double(supplyMinutes) / 60 }
    public var demandHours: Double { Double(demandMinutes) / 60 }
    public var pipelineHours: Double { Double(pipelineMinutes) / 60 }
    public var backgroundHours: Double { Double(backgroundMinutes) / 60 }
    public var freeHours: Double { Double(freeMinutes) / 60 }
    public var overHours: Double { Double(overMinutes) / 60 }

    /// Minutes as hours rounded to 0.1, for the edges (page, CSV, JSON): `hours(2_430)` is 40.5.
    public static func hours(_ minutes: Int64) -> Double { (Double(minutes) / 6).rounded() / 10 }
}

/// A forecast: rows × periods.
public struct CapacityTable: Hashable, Sendable, Codable {
    public var grouping: CapacityGrouping
    public var periods: [CapacityPeriod]
    public var groups: [CapacityGroup]
    /// `cells[group][period]`.
    public var cells: [[CapacityCell]]
    public var bands: CapacityBands

    public init(grouping: CapacityGrouping, periods: [CapacityPeriod], groups: [CapacityGroup],
                cells: [[CapacityCell]], bands: CapacityBands) {
        self.grouping = grouping; self.periods = periods; self.groups = groups; self.cells = cells
        self.bands = bands
    }

    /// The cell of the row named `key` (of any kind) in the period labelled `label`.
    public func cell(_ key: String, _ label: String) -> CapacityCell? {
        guard let g = groups.firstIndex(where: { $0.key == key }),
              let p = periods.firstIndex(where: { $0.label == label }) else { return nil }
        return cells[g][p]
    }
}

/// What makes one cell's demand: every assignment, allocation and pipeline item that puts minutes in it.
/// The committed parts add up exactly to the cell's `demandMinutes`, the pipeline parts to its `pipelineMinutes`.
public struct CapacityDrillDown: Hashable, Sendable, Codable {
    public struct Part: Hashable, Sendable, Codable {
        public enum Source: Hashable, Sendable, Codable {
            case assignment(Assignment.ID, activity: Activity.ID, activityName: String)
            case allocation(CapacityAllocation.ID)
            case pipeline(PipelineDemand.ID, PipelineDemand.Source, name: String)
        }

        public var source: Source
        /// The project, when the part belongs to one (a pipeline request has none).
        public var project: Project.ID?
        public var target: DemandTarget
        public var minutes: Int64

        public var hours: Double { Double(minutes) / 60 }
    }

    public var group: CapacityGroup
    public var period: CapacityPeriod
    public var cell: CapacityCell
    /// Assignments and allocations, largest first (then by source).
    public var committed: [Part]
    /// Weighted pipeline demand, largest first.
    public var pipeline: [Part]

    /// A project's share of a cell's committed demand.
    public struct ProjectShare: Hashable, Sendable, Codable {
        public var project: Project.ID
        public var minutes: Int64
        public var hours: Double { Double(minutes) / 60 }
    }

    /// The committed parts added up per project, largest first (then by project id); they add up to the cell's
    /// demand, since every committed part belongs to a project.
    public var committedByProject: [ProjectShare] {
        var totals: [Project.ID: Int64] = [:]
        for part in committed { if let project = part.project { totals[project, default: 0] += part.minutes } }
        return totals.map { ProjectShare(project: $0.key, minutes: $0.value) }
            .sorted { $0.minutes != $1.minutes ? $0.minutes > $1.minutes : $0.project < $1.project }
    }
}
