import GantryModel

extension CapacityForecast {
    /// The forecast table: one row per group of `grouping`, one column per period of `kind` over the range.
    public func table(by grouping: CapacityGrouping, per kind: CapacityPeriodKind,
                      bands: CapacityBands = .standard) -> CapacityTable {
        let periods = CapacityPeriod.periods(kind, from: input.first, through: input.last)
        let p = periods.count
        var periodOfDay = [Int](repeating: 0, count: dayCount)
        for (k, period) in periods.enumerated() {
            for i in (period.first.daysSinceEpoch - day0)...(period.last.daysSinceEpoch - day0) { periodOfDay[i] = k }
        }
        let m = membership(grouping)
        let g = m.groups.count
        let zero = [[Int64]](repeating: [Int64](repeating: 0, count: p), count: g)
        var sup = zero, dem = zero, pip = zero, bg = zero
        var fteSum = [Double](repeating: 0, count: g)

        @inline(__always) func byPeriod(_ days: [Int64]) -> [Int64] {
            var sums = [Int64](repeating: 0, count: p)
            days.withUnsafeBufferPointer { d in
                periodOfDay.withUnsafeBufferPointer { pod in
                    for i in 0..<d.count where d[i] != 0 { sums[pod[i]] += d[i] }
                }
            }
            return sums
        }
        @inline(__always) func add(_ sums: [Int64], into target: inout [[Int64]], _ groups: [Int]) {
            for group in groups { for k in 0..<p { target[group][k] += sums[k] } }
        }
        for r in input.resources.indices {
            let groups = m.ofResource[r]
            guard !groups.isEmpty else { continue }
            add(byPeriod(supply[r]), into: &sup, groups)
            add(byPeriod(committed[r]), into: &dem, groups)
            add(byPeriod(pipeline[r]), into: &pip, groups)
            add(byPeriod(background[r]), into: &bg, groups)
            for group in groups { fteSum[group] += fte[r] }
        }
        for q in roles.indices {
            add(byPeriod(roleCommitted[q]), into: &dem, [m.ofRole[q]])
            add(byPeriod(rolePipeline[q]), into: &pip, [m.ofRole[q]])
        }
        var cells: [[CapacityCell]] = []
        cells.reserveCapacity(g)
        for group in 0..<g {
            var row: [CapacityCell] = []
            row.reserveCapacity(p)
            for k in 0..<p {
                row.append(CapacityCell(
                    supplyMinutes: sup[group][k], demandMinutes: dem[group][k], pipelineMinutes: pip[group][k],
                    backgroundMinutes: bg[group][k], fte: fteSum[group],
                    band: bands.band(load: dem[group][k] + bg[group][k], supply: sup[group][k])))
            }
            cells.append(row)
        }
        return CapacityTable(grouping: grouping, periods: periods, groups: m.groups, cells: cells, bands: bands)
    }

    /// The assignments, allocations and pipeline items that make the cell of `group` in `period` under `grouping`,
    /// with the minutes each puts there. `period` is one of the table's periods (or any days inside the range).
    public func drillDown(_ group: CapacityGroup, in period: CapacityPeriod, grouping: CapacityGrouping,
                          bands: CapacityBands = .standard) throws(PortfolioError) -> CapacityDrillDown {
        let m = membership(grouping)
        guard let g = m.groups.firstIndex(where: { $0.kind == group.kind && $0.key == group.key }) else {
            throw PortfolioError(code: "unknown_group", message:
                "there is no \(group.kind.rawValue) row \(group.key.isEmpty ? group.name : group.key) in this forecast")
        }
        let lo = max(period.first.daysSinceEpoch - day0, 0)
        let hi = min(period.last.daysSinceEpoch - day0, dayCount - 1)
        guard lo <= hi else {
            throw PortfolioError(code: "period_outside_range", message:
                "the period \(period.label) (\(period.first) to \(period.last)) is outside the forecast's range \(input.first) to \(input.last)")
        }
        var isMember = [Bool](repeating: false, count: input.resources.count)
        var sup: Int64 = 0, dem: Int64 = 0, pip: Int64 = 0, bg: Int64 = 0, fteSum = 0.0
        for r in input.resources.indices where m.ofResource[r].contains(g) {
            isMember[r] = true
            fteSum += fte[r]
            for i in lo...hi {
                sup += supply[r][i]; dem += committed[r][i]; pip += pipeline[r][i]; bg += background[r][i]
            }
        }
        var isMemberRole = [Bool](repeating: false, count: roles.count)
        for q in roles.indices where m.ofRole[q] == g {
            isMemberRole[q] = true
            for i in lo...hi { dem += roleCommitted[q][i]; pip += rolePipeline[q][i] }
        }
        func belongs(_ t: DemandTarget) -> Bool {
            switch target(t) {
            case .resource(let r): isMember[r]
            case .role(let q): isMemberRole[q]
            }
        }
        let firstDay = period.first.daysSinceEpoch, lastDay = period.last.daysSinceEpoch
        var committedParts: [(Int, CapacityDrillDown.Part)] = []
        var pipelineParts: [(Int, CapacityDrillDown.Part)] = []
        for (k, a) in input.assignments.enumerated() where isMember[assignmentResource[k]]
            && a.first.daysSinceEpoch <= lastDay && a.last.daysSinceEpoch >= firstDay {
            var sum: Int64 = 0
            spread(a, resource: assignmentResource[k], through: hi) { i, x in if i >= lo { sum += x } }
            if sum != 0 {
                committedParts.append((k, .init(
                    source: .assignment(a.id, activity: a.activity, activityName: a.activityName),
                    project: a.project, target: .resource(a.resource), minutes: sum)))
            }
        }
        var roleSupplyByDay: [[Int64]]?
        for (k, al) in input.allocations.enumerated() where belongs(al.target)
            && al.first.daysSinceEpoch <= lastDay && al.last.daysSinceEpoch >= firstDay {
            if case .role = al.target, case .percentOfCapacity = al.rate, roleSupplyByDay == nil {
                roleSupplyByDay = roleSupply()
            }
            var sum: Int64 = 0
            spread(al, roleSupply: roleSupplyByDay ?? [], through: hi) { i, x in if i >= lo { sum += x } }
            if sum != 0 {
                committedParts.append((input.assignments.count + k, .init(
                    source: .allocation(al.id), project: al.project, target: al.target, minutes: sum)))
            }
        }
        for (k, item) in input.pipeline.enumerated() where belongs(item.target)
            && item.first.daysSinceEpoch <= lastDay && item.last.daysSinceEpoch >= firstDay {
            var sum: Int64 = 0
            spread(item, through: hi) { i, x in if i >= lo { sum += x } }
            if sum != 0 {
                let project: Project.ID? = if case .project(let id) = item.source { id } else { nil }
                pipelineParts.append((k, .init(
                    source: .pipeline(item.id, item.source, name: item.name), project: project,
                    target: item.target, minutes: sum)))
            }
        }
        func ordered(_ parts: [(Int, CapacityDrillDown.Part)]) -> [CapacityDrillDown.Part] {
            parts.sorted { $0.1.minutes != $1.1.minutes ? $0.1.minutes > $1.1.minutes : $0.0 < $1.0 }.map(\.1)
        }
        let cell = CapacityCell(supplyMinutes: sup, demandMinutes: dem, pipelineMinutes: pip, backgroundMinutes: bg,
                                fte: fteSum, band: bands.band(load: dem + bg, supply: sup))
        return CapacityDrillDown(group: m.groups[g], period: period, cell: cell,
                                 committed: ordered(committedParts), pipeline: ordered(pipelineParts))
    }

    /// Which rows each resource and each demanded role fall in.
    struct Membership {
        var groups: [CapacityGroup]
        /// Per resource, the rows it counts in (one, except by skill and a team member's row by resource).
        var ofResource: [[Int]]
        /// Per role named by a role target, the row its demand counts in.
        var ofRole: [Int]
    }

    func membership(_ grouping: CapacityGrouping) -> Membership {
        var groups: [CapacityGroup] = []
        var index: [CapacityGroup: Int] = [:]
        func row(_ kind: CapacityGroup.Kind, _ key: String, _ name: String) -> Int {
            let group = CapacityGroup(kind: kind, key: key, name: name)
            if let known = index[group] { return known }
            index[group] = groups.count
            groups.append(group)
            return groups.count - 1
        }
        func resourceRow(_ r: Int, kind: CapacityGroup.Kind) -> Int {
            let resource = input.resources[r]
            return row(kind, String(resource.id.rawValue), resource.name)
        }
        var ofResource: [[Int]] = []
        ofResource.reserveCapacity(input.resources.count)
        for (r, resource) in input.resources.enumerated() {
            switch grouping {
            case .resource:
                var rows = [resourceRow(r, kind: .resource)]
                if let team = resource.team, let t = resourceIndex[team] { rows.append(resourceRow(t, kind: .resource)) }
                ofResource.append(rows)
            case .role:
                ofResource.append([row(.role, resource.role, resource.role.isEmpty ? "no role" : resource.role)])
            case .skill(let minimumLevel):
                let skills = resource.skills.filter { $0.level >= minimumLevel }
                ofResource.append(skills.isEmpty ? [row(.skill, "", "no skill")]
                    : Array(Set(skills.map { row(.skill, $0.skill, $0.skill) })).sorted())
            case .team:
                if resource.kind == .team {
                    ofResource.append([resourceRow(r, kind: .team)])
                } else if let team = resource.team, let t = resourceIndex[team] {
                    ofResource.append([resourceRow(t, kind: .team)])
                } else {
                    ofResource.append([row(.team, "", "no team")])
                }
            case .orgUnit:
                ofResource.append([row(.orgUnit, resource.orgUnit, resource.orgUnit.isEmpty ? "no org unit" : resource.orgUnit)])
            }
        }
        let ofRole = roles.map { role in
            if case .role = grouping { row(.role, role, role.isEmpty ? "no role" : role) }
            else { row(.unstaffedRole, role, "\(role) (not staffed)") }
        }
        // Rows in a stable order: by resource as the pool lists them; otherwise by name, the "no …" row and the
        // roles not staffed last.
        if case .resource = grouping { return Membership(groups: groups, ofResource: ofResource, ofRole: ofRole) }
        let order = groups.indices.sorted { a, b in
            let x = groups[a], y = groups[b]
            let rankX = x.kind == .unstaffedRole ? 2 : (x.key.isEmpty ? 1 : 0)
            let rankY = y.kind == .unstaffedRole ? 2 : (y.key.isEmpty ? 1 : 0)
            if rankX != rankY { return rankX < rankY }
            if x.name != y.name { return x.name < y.name }
            return x.key < y.key
        }
        var newIndex = [Int](repeating: 0, count: groups.count)
        for (position, old) in order.enumerated() { newIndex[old] = position }
        return Membership(groups: order.map { groups[$0] }, ofResource: ofResource.map { $0.map { newIndex[$0] } },
                          ofRole: ofRole.map { newIndex[$0] })
    }
}
