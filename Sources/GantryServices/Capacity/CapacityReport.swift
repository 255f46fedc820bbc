public import GantryModel
public import GantryPortfolio

/// A forecast as the CLI's and the API's JSON give it: per group and period the supply, committed demand, weighted
/// pipeline, background, free and over-allocated hours (rounded to 0.1 h), the utilisation % (absent when there is
/// no supply) and the band in words. Keys are written snake_case by the encoders of both edges.
public struct CapacityReport: Encodable, Sendable, Hashable {
    public struct Cell: Encodable, Sendable, Hashable {
        public var period: String
        public var first: String
        public var last: String
        public var supplyHours: Double
        public var demandHours: Double
        public var pipelineHours: Double
        public var backgroundHours: Double
        public var freeHours: Double
        public var overHours: Double
        /// (demand + background) / supply × 100, to 0.1; nil when there is no supply.
        public var utilisationPct: Double?
        /// The same with the weighted pipeline added.
        public var utilisationWithPipelinePct: Double?
        public var band: String
    }

    public struct Group: Encodable, Sendable, Hashable {
        public var kind: String
        public var key: String
        public var name: String
        public var fte: Double
        public var periods: [Cell]
    }

    public var from: String
    public var to: String
    public var by: String
    public var per: String
    /// The portfolios' codes whose projects make the demand (all when the request named none).
    public var portfolios: [String]
    public var bands: [String: Double]
    public var pipelineWeights: [String: Double]
    public var planWinsRule: String
    public var groups: [Group]

    public init(_ snapshot: CapacitySnapshot, _ table: CapacityTable) {
        from = snapshot.scope.first.description
        to = snapshot.scope.last.description
        by = table.grouping.text
        per = table.periods.first?.kind.rawValue ?? "week"
        portfolios = snapshot.portfolios.map(\.code).sorted()
        bands = ["healthy_from": table.bands.healthyFrom, "healthy_through": table.bands.healthyThrough,
                 "at_risk_through": table.bands.atRiskThrough]
        pipelineWeights = snapshot.input.pipelineWeights.weights
        planWinsRule = CapacityForecast.planWinsRule
        groups = table.groups.enumerated().map { g, group in
            Group(kind: group.kind.rawValue, key: group.key, name: group.name,
                  fte: (table.cells[g].first?.fte ?? 0).rounded(toPlaces: 2),
                  periods: table.periods.enumerated().map { p, period in Self.cell(table.cells[g][p], period) })
        }
    }

    static func cell(_ c: CapacityCell, _ period: CapacityPeriod) -> Cell {
        Cell(period: period.label, first: period.first.description, last: period.last.description,
             supplyHours: CapacityCell.hours(c.supplyMinutes), demandHours: CapacityCell.hours(c.demandMinutes),
             pipelineHours: CapacityCell.hours(c.pipelineMinutes), backgroundHours: CapacityCell.hours(c.backgroundMinutes),
             freeHours: CapacityCell.hours(c.freeMinutes), overHours: CapacityCell.hours(c.overMinutes),
             utilisationPct: c.utilisationPercent.map { $0.rounded(toPlaces: 1) },
             utilisationWithPipelinePct: c.utilisationWithPipelinePercent.map { $0.rounded(toPlaces: 1) },
             band: c.band.rawValue)
    }
}

/// One cell's drill-down as JSON: each project's and activity's hours in it.
public struct CapacityDrillDownReport: Encodable, Sendable, Hashable {
    public struct Part: Encodable, Sendable, Hashable {
        /// `assignment`, `allocation` or `pipeline`.
        public var source: String
        public var projectId: Int64?
        public var projectCode: String?
        public var activityId: Int64?
        /// The activity, the allocation ("allocation: 40 h a week of Developer") or the pipeline item.
        public var name: String
        /// Who the demand is for: the resource's name or "role Developer".
        public var target: String
        public var hours: Double
    }

    public var group: String
    public var period: String
    public var first: String
    public var last: String
    public var cell: CapacityReport.Cell
    public var committed: [Part]
    public var pipeline: [Part]

    public init(_ snapshot: CapacitySnapshot, _ drill: CapacityDrillDown) {
        group = drill.group.name
        period = drill.period.label
        first = drill.period.first.description
        last = drill.period.last.description
        cell = CapacityReport.cell(drill.cell, drill.period)
        committed = drill.committed.map { Self.part($0, snapshot) }
        pipeline = drill.pipeline.map { Self.part($0, snapshot) }
    }

    static func part(_ p: CapacityDrillDown.Part, _ snapshot: CapacitySnapshot) -> Part {
        let project = p.project.flatMap { snapshot.projects[$0] }
        let target: String = switch p.target {
        case .resource(let id): snapshot.resources[id]?.name ?? "resource \(id)"
        case .role(let role): "role \(role)"
        }
        switch p.source {
        case .assignment(_, let activity, let name):
            return Part(source: "assignment", projectId: p.project?.rawValue, projectCode: project?.code,
                        activityId: activity.rawValue, name: name, target: target, hours: CapacityCell.hours(p.minutes))
        case .allocation(let id):
            let stored = snapshot.allocations[ProjectAllocation.ID(id.rawValue)]
            let what = stored.map { "allocation \($0.id)\($0.note.isEmpty ? "" : ": \($0.note)")" } ?? "allocation \(id)"
            return Part(source: "allocation", projectId: p.project?.rawValue, projectCode: project?.code, activityId: nil,
                        name: what, target: target, hours: CapacityCell.hours(p.minutes))
        case .pipeline(_, _, let name):
            return Part(source: "pipeline", projectId: p.project?.rawValue, projectCode: project?.code, activityId: nil,
                        name: name, target: target, hours: CapacityCell.hours(p.minutes))
        }
    }
}

extension Double {
    func rounded(toPlaces places: Int) -> Double {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        return (self * scale).rounded() / scale
    }
}
