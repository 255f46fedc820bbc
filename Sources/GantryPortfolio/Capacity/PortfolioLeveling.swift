public import GantryModel

/// A project to level across the portfolio: its demand by role and week relative to its start, where it is
/// planned to start, how important it is and whether it may move.
public struct LevelingProject: Hashable, Sendable, Codable, Identifiable {
    public var id: Project.ID
    public var name: String
    public var profile: [RoleWeekDemand]
    /// A Monday.
    public var plannedStart: CalendarDate
    /// Lower is more important (1 before 2); ties go to the lower project id. The intake score's rank or a set order.
    public var priority: Int
    /// Whether the project may move: true for one not started yet.
    public var mayMove: Bool

    public init(id: Project.ID, name: String = "", profile: [RoleWeekDemand], plannedStart: CalendarDate,
                priority: Int, mayMove: Bool = true) {
        self.id = id; self.name = name; self.profile = profile; self.plannedStart = plannedStart
        self.priority = priority; self.mayMove = mayMove
    }
}

/// A proposal of start shifts across a portfolio so that no role is over its capacity, or is over as little as
/// possible (issue #14, "Portfolio leveling"). Nothing is applied: the page shows the moves, their reasons and
/// the utilisation before and after, and the service applies or discards them. See
/// ``RoleWeeklyCapacity/leveling(_:options:)``.
public struct PortfolioLeveling: Hashable, Sendable, Codable {
    public struct Options: Hashable, Sendable, Codable {
        /// The most weeks a project may move later; `nil` for as far as the capacity's weeks allow.
        public var maxShiftWeeks: Int?
        /// How full a role may be, as a percentage of its supply (default 100).
        public var tolerancePercent: Double
        /// The bands of the before and after tables.
        public var bands: CapacityBands

        public init(maxShiftWeeks: Int? = nil, tolerancePercent: Double = 100, bands: CapacityBands = .standard) {
            self.maxShiftWeeks = maxShiftWeeks; self.tolerancePercent = tolerancePercent; self.bands = bands
        }
    }

    /// Where a project did not fit: the role and week with its largest shortfall.
    public struct Conflict: Hashable, Sendable, Codable {
        public var role: String
        /// The Monday of the week.
        public var week: CalendarDate
        public var demandMinutes: Int64
        /// What the role had left that week, at the tolerance, when the project was placed (negative when over).
        public var remainingMinutes: Int64
        public var shortMinutes: Int64
        /// The project placed before it that takes the most of that role that week (higher priority, or a project
        /// that may not move); `nil` when work outside the leveling (the capacity's own load) is what fills it.
        public var takenBy: Project.ID?

        public init(role: String, week: CalendarDate, demandMinutes: Int64, remainingMinutes: Int64,
                    shortMinutes: Int64, takenBy: Project.ID?) {
            self.role = role; self.week = week; self.demandMinutes = demandMinutes
            self.remainingMinutes = remainingMinutes; self.shortMinutes = shortMinutes; self.takenBy = takenBy
        }
    }

    /// A project proposed to start later.
    public struct Move: Hashable, Sendable, Codable {
        public var project: Project.ID
        public var name: String
        public var from: CalendarDate
        public var to: CalendarDate
        public var shiftWeeks: Int
        /// Whether every week fits at the new start; false when nothing within reach fitted and the new start is
        /// where the over-allocation is least.
        public var fits: Bool
        /// The over-allocation (beyond the tolerance) it adds at its new start; 0 when it fits.
        public var overMinutes: Int64
        /// What forced it: its largest shortfall at its planned start.
        public var conflict: Conflict
        public var reason: String
    }

    /// A project that stays at its planned start.
    public struct Unmoved: Hashable, Sendable, Codable {
        public var project: Project.ID
        public var name: String
        public var start: CalendarDate
        public var mayMove: Bool
        public var fits: Bool
        /// The over-allocation (beyond the tolerance) it adds where it stays.
        public var overMinutes: Int64
        /// Its largest shortfall there, when it does not fit.
        public var conflict: Conflict?
        public var reason: String
    }

    /// In the order they were placed (priority order).
    public var moves: [Move]
    /// Projects that may not move first, then the others in priority order.
    public var unmoved: [Unmoved]
    /// Every project at its planned start: role rows by week, demand = committed + the projects' demand.
    public var before: CapacityTable
    /// Every project at its proposed start.
    public var after: CapacityTable
    /// Σ over roles and weeks of (load − supply) where positive, at planned and at proposed starts. Load is
    /// committed + background + the projects' demand; over-allocation is counted against supply (100 %), whatever
    /// the tolerance.
    public var overMinutesBefore: Int64
    public var overMinutesAfter: Int64

    public var overHoursBefore: Double { Double(overMinutesBefore) / 60 }
    public var overHoursAfter: Double { Double(overMinutesAfter) / 60 }
}

extension RoleWeeklyCapacity {
    /// Proposes start shifts for `projects` against this capacity, which must be what remains after everything
    /// that is not in `projects` (running work, allocations, background).
    ///
    /// The serial schedule-generation scheme applied to whole projects:
    /// 1. Projects that may not move are placed at their planned starts first and take their capacity.
    /// 2. The others, in priority order (lower number first, ties by project id), are each placed at the earliest
    ///    week from their planned start (at most ``PortfolioLeveling/Options/maxShiftWeeks`` later) where every
    ///    week of their profile fits the remaining capacity at the tolerance. When no such week exists, at the one
    ///    where the over-allocation they add is least (ties: the earliest). Their demand is then subtracted.
    ///
    /// A project moves only while its whole profile stays inside the capacity's weeks; weeks of a planned start
    /// that lie outside them are not checked (there is nothing to check them against). Projects never move
    /// earlier than planned.
    ///
    /// Why not the engine's RCPSP leveler (GantryScheduling's `Leveler`): this target depends on the model only,
    /// and the RCPSP generator places activities of constant demand under hard capacities, pushing an activity as
    /// late as needed. Here a unit is a whole project whose demand changes week by week and per role, capacities
    /// are already exceeded by live work, and a project that cannot fit within reach must still be placed where it
    /// hurts least. The scheme is the same (priority list, earliest feasible start, subtract); the unit and the
    /// fallback are not.
    ///
    /// Cost: per project, one pass over its profile for each start tried (two when nothing fits), on flat weekly
    /// limits. Throws `not_a_monday`, `duplicate_project`, `negative_value` (profile, or a negative maximum
    /// shift) and `tolerance`.
    public func leveling(_ projects: [LevelingProject],
                         options: PortfolioLeveling.Options = .init()) throws(PortfolioError) -> PortfolioLeveling {
        try Self.tolerance(options.tolerancePercent)
        if let m = options.maxShiftWeeks, m < 0 {
            throw PortfolioError(code: "negative_value", message:
                "a maximum shift of \(m) weeks is not possible; it must be 0 or more")
        }
        var rows = RoleRows(self)
        var profiles: [CompiledProfile] = []
        var seen: Set<Project.ID> = []
        for p in projects {
            let owner = "project \(p.id)\(p.name.isEmpty ? "" : " (\(p.name))")"
            try Self.monday(p.plannedStart, "the planned start of \(owner)")
            guard seen.insert(p.id).inserted else {
                throw PortfolioError(code: "duplicate_project", message: "\(owner) is listed twice")
            }
            profiles.append(try CompiledProfile(p.profile, of: owner, roleRow: { rows.row($0) }))
        }
        let w = weekCount
        let roleCount = rows.names.count
        var limit = limits(tolerancePercent: options.tolerancePercent, extraRoles: rows.extra)
        var usedBy = [[(project: Int, minutes: Int64)]](repeating: [], count: roleCount * w)
        let planned = projects.map { weekIndex(of: $0.plannedStart) }
        var chosen = planned

        /// The largest shortfall of project `j` at start week `s`, against the limits as they are now.
        func conflict(_ j: Int, at s: Int) -> PortfolioLeveling.Conflict? {
            let p = profiles[j]
            var best: (e: Int, short: Int64)?
            for e in p.role.indices {
                let k = s + p.offset[e]
                guard k >= 0, k < w else { continue }
                let short = p.minutes[e] - limit[p.role[e] * w + k]
                if short > 0, short > (best?.short ?? 0) { best = (e, short) }
            }
            guard let (e, short) = best else { return nil }
            let q = p.role[e], k = s + p.offset[e]
            let taker = usedBy[q * w + k].max { $0.minutes != $1.minutes ? $0.minutes < $1.minutes : $0.project > $1.project }
            return .init(role: rows.names[q], week: monday(ofWeek: k), demandMinutes: p.minutes[e],
                         remainingMinutes: limit[q * w + k], shortMinutes: short,
                         takenBy: taker.map { projects[$0.project].id })
        }
        /// Whether project `j` fits at start week `s`.
        func fits(_ j: Int, at s: Int) -> Bool {
            let p = profiles[j]
            return limit.withUnsafeBufferPointer { l in
                for e in p.role.indices {
                    let k = s + p.offset[e]
                    if k >= 0, k < w, p.minutes[e] > l[p.role[e] * w + k] { return false }
                }
                return true
            }
        }
        /// The over-allocation project `j` would add at start week `s`.
        func added(_ j: Int, at s: Int) -> Int64 {
            let p = profiles[j]
            var sum: Int64 = 0
            limit.withUnsafeBufferPointer { l in
                for e in p.role.indices {
                    let k = s + p.offset[e]
                    guard k >= 0, k < w else { continue }
                    let left = l[p.role[e] * w + k]
                    sum += max(0, p.minutes[e] - left) - max(0, -left)
                }
            }
            return sum
        }
        func place(_ j: Int, at s: Int) {
            let p = profiles[j]
            for e in p.role.indices {
                let k = s + p.offset[e]
                guard k >= 0, k < w else { continue }
                limit[p.role[e] * w + k] -= p.minutes[e]
                usedBy[p.role[e] * w + k].append((j, p.minutes[e]))
            }
            chosen[j] = s
        }
        func label(_ j: Int) -> String {
            let p = projects[j]
            return "project \(p.id) (\(p.name.isEmpty ? "" : "\(p.name), ")priority \(p.priority))"
        }
        func because(_ c: PortfolioLeveling.Conflict, at date: CalendarDate) -> String {
            let left = c.remainingMinutes >= 0 ? "\(hoursText(c.remainingMinutes)) h left"
                : "already \(hoursText(-c.remainingMinutes)) h over"
            let by = c.takenBy.flatMap { id in projects.firstIndex { $0.id == id } }
                .map { ", taken by \(label($0))" } ?? " by work that does not move"
            return "At \(date), \(c.role) is \(hoursText(c.shortMinutes)) h short in the week of \(c.week) "
                + "(needs \(hoursText(c.demandMinutes)) h, \(left)\(by))."
        }

        var moves: [PortfolioLeveling.Move] = []
        var unmoved: [PortfolioLeveling.Unmoved] = []
        for j in projects.indices where !projects[j].mayMove {
            let c = conflict(j, at: planned[j])
            let over = added(j, at: planned[j])
            place(j, at: planned[j])
            unmoved.append(.init(project: projects[j].id, name: projects[j].name, start: projects[j].plannedStart,
                                 mayMove: false, fits: c == nil, overMinutes: over, conflict: c,
                                 reason: "It may not move: it stays at \(projects[j].plannedStart)."
                                    + (c.map { " " + because($0, at: projects[j].plannedStart) } ?? "")))
        }
        let order = projects.indices.filter { projects[$0].mayMove }.sorted {
            let a = projects[$0], b = projects[$1]
            return a.priority != b.priority ? a.priority < b.priority : a.id < b.id
        }
        for j in order {
            let s0 = planned[j]
            let from = projects[j].plannedStart
            // Shifts tried: 0, then as far as the maximum shift and the capacity's weeks allow.
            let inside = w - max(profiles[j].length, 1) - s0
            let reach = max(0, min(options.maxShiftWeeks ?? Int.max, inside))
            guard let first = conflict(j, at: s0) else {
                place(j, at: s0)
                unmoved.append(.init(project: projects[j].id, name: projects[j].name, start: from, mayMove: true,
                                     fits: true, overMinutes: 0, conflict: nil,
                                     reason: "It fits at its planned start, \(from)."))
                continue
            }
            var shift: Int?
            if reach >= 1 { shift = (1...reach).first { fits(j, at: s0 + $0) } }
            let fitted = shift != nil
            var over: Int64 = 0
            if shift == nil {
                var best = (shift: 0, over: added(j, at: s0))
                if reach >= 1 {
                    for d in 1...reach where best.over > 0 {
                        let x = added(j, at: s0 + d)
                        if x < best.over { best = (d, x) }
                    }
                }
                shift = best.shift
                over = best.over
            }
            let d = shift!
            place(j, at: s0 + d)
            let to = monday(ofWeek: s0 + d)
            let cause = because(first, at: from)
            let within = reach == 0 ? "It cannot move later within the capacity's weeks"
                + (options.maxShiftWeeks == 0 ? " (no shift is allowed)" : "")
                : "No start within \(reach == 1 ? "1 week" : "\(reach) weeks") of \(from) fits"
            if d == 0 {
                unmoved.append(.init(project: projects[j].id, name: projects[j].name, start: from, mayMove: true,
                                     fits: false, overMinutes: over, conflict: first,
                                     reason: "\(within); its planned start over-allocates least "
                                        + "(\(hoursText(over)) h over). \(cause)"))
            } else {
                let weeks = d == 1 ? "1 week" : "\(d) weeks"
                let reason = fitted
                    ? "Moved \(weeks) later, to \(to), the first start where every week fits. \(cause)"
                    : "\(within); moved \(weeks) later, to \(to), where it over-allocates least "
                        + "(\(hoursText(over)) h over). \(cause)"
                moves.append(.init(project: projects[j].id, name: projects[j].name, from: from, to: to,
                                   shiftWeeks: d, fits: fitted, overMinutes: over, conflict: first, reason: reason))
            }
        }

        // Before and after.
        func table(_ starts: [Int]) -> (CapacityTable, Int64) {
            var demand = [Int64](repeating: 0, count: roleCount * w)
            for j in projects.indices {
                let p = profiles[j]
                for e in p.role.indices {
                    let k = starts[j] + p.offset[e]
                    if k >= 0, k < w { demand[p.role[e] * w + k] += p.minutes[e] }
                }
            }
            var over: Int64 = 0
            var cells: [[CapacityCell]] = []
            for q in 0..<roleCount {
                let known = q < roles.count
                cells.append((0..<w).map { k in
                    let supply = known ? supplyMinutes[q][k] : 0
                    let committed = (known ? committedMinutes[q][k] : 0) + demand[q * w + k]
                    let background = known ? backgroundMinutes[q][k] : 0
                    over += max(0, committed + background - supply)
                    return CapacityCell(supplyMinutes: supply, demandMinutes: committed, pipelineMinutes: 0,
                                        backgroundMinutes: background, fte: known ? fte[q] : 0,
                                        band: options.bands.band(load: committed + background, supply: supply))
                })
            }
            let groups = rows.names.map { CapacityGroup(kind: .role, key: $0, name: $0.isEmpty ? "no role" : $0) }
            return (CapacityTable(grouping: .role, periods: periods, groups: groups, cells: cells,
                                  bands: options.bands), over)
        }
        let (before, overBefore) = table(planned)
        let (after, overAfter) = table(chosen)
        return PortfolioLeveling(moves: moves, unmoved: unmoved, before: before, after: after,
                                 overMinutesBefore: overBefore, overMinutesAfter: overAfter)
    }
}
