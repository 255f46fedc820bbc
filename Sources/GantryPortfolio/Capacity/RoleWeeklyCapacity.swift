public import GantryModel

// What "when can we start?" and portfolio leveling reason about: each role's supply and load per ISO week, and
// demand profiles by role and week relative to a start. Both engines work on these values only, so the service
// computes the forecast once and asks many questions of it.
//
// ## Time model
// - Weeks are ISO weeks, Monday to Sunday. A start is a Monday; week offset 0 of a profile is the week that
//   begins on that Monday, offset 1 the next one, and so on.
// - Quantities are whole minutes (`Int64`); hours only where they are shown.

/// One role's demand in one week of a profile, relative to the start: "40 h of Developer in week 3".
///
/// A profile is a list of these; entries for the same role and week add up, and entries of 0 minutes are ignored.
/// The service builds profiles from an intake request's role demand ("2 FTE developer for 6 months": see
/// ``steady(role:fte:weeks:hoursPerWeek:fromWeek:)``) or from a not-started project's assignments.
public struct RoleWeekDemand: Hashable, Sendable, Codable {
    public var role: String
    /// Weeks after the start's week: 0 is the week that begins on the start Monday. Never negative.
    public var weekOffset: Int
    public var minutes: Int64

    public init(role: String, weekOffset: Int, minutes: Int64) {
        self.role = role; self.weekOffset = weekOffset; self.minutes = minutes
    }

    public var hours: Double { Double(minutes) / 60 }

    /// `fte` full-time people of `role` for `weeks` weeks from week `fromWeek`: `fte × hoursPerWeek` hours each
    /// week, rounded to whole minutes. "2 FTE developer for 26 weeks" is 26 entries of 80 h (4,800 minutes).
    public static func steady(role: String, fte: Double, weeks: Int, hoursPerWeek: Double = 40,
                              fromWeek: Int = 0) -> [RoleWeekDemand] {
        let minutes = Int64((fte * hoursPerWeek * 60).rounded())
        return (0..<max(0, weeks)).map { RoleWeekDemand(role: role, weekOffset: fromWeek + $0, minutes: minutes) }
    }
}

/// Each role's supply, committed demand and background load per ISO week: the forecast's table by role and week,
/// in a form the start and leveling engines can subtract from.
///
/// **Remaining capacity** of a role in a week = supply − committed − background: the staffed resources of the role
/// (people, generic resources, and work assigned to teams of the role) and committed demand aimed at the role
/// itself (allocations to an unstaffed role). These are exactly the role rows of
/// ``CapacityForecast/table(by:per:bands:)`` by role and week, so a page's heatmap and these engines agree.
/// Weighted pipeline demand is not subtracted: it is not committed. To count a request, take it in first with a
/// scenario (``CapacityChange/commitPipeline(_:allocation:project:)``).
///
/// The first and last weeks may be partial (the forecast's range cuts them); their supply and load are those of
/// the days inside the range.
public struct RoleWeeklyCapacity: Hashable, Sendable, Codable {
    /// The weeks, in order, labelled `2027-W09`.
    public var periods: [CapacityPeriod]
    /// The roles, one row each.
    public var roles: [String]
    /// `[role][week]`, in minutes.
    public var supplyMinutes: [[Int64]]
    public var committedMinutes: [[Int64]]
    public var backgroundMinutes: [[Int64]]
    /// Each role's full-time equivalents (0 when unknown); only carried into the before/after tables.
    public var fte: [Double]

    /// A hand-built capacity of whole weeks from `firstMonday`: one row per role, one column per week, as many
    /// weeks as the rows have. `committedMinutes` and `backgroundMinutes` default to zero, `fte` to 0.
    ///
    /// Throws `not_a_monday` when `firstMonday` is not a Monday, `capacity_shape` when the rows do not all have
    /// the same number of weeks or there is not one row per role, `duplicate_role` when a role is listed twice.
    public init(firstMonday: CalendarDate, roles: [String], supplyMinutes: [[Int64]],
                committedMinutes: [[Int64]]? = nil, backgroundMinutes: [[Int64]]? = nil,
                fte: [Double]? = nil) throws(PortfolioError) {
        try Self.monday(firstMonday, "the capacity's first week")
        let weeks = supplyMinutes.first?.count ?? 0
        let zero = [[Int64]](repeating: [Int64](repeating: 0, count: weeks), count: roles.count)
        let committed = committedMinutes ?? zero, background = backgroundMinutes ?? zero
        for (name, rows) in [("supply", supplyMinutes), ("committed", committed), ("background", background)] {
            guard rows.count == roles.count, rows.allSatisfy({ $0.count == weeks }) else {
                throw PortfolioError(code: "capacity_shape", message:
                    "the \(name) rows must be one per role (\(roles.count)), each of \(weeks) weeks")
            }
        }
        guard Set(roles).count == roles.count else {
            let twice = roles.first { role in roles.filter { $0 == role }.count > 1 } ?? ""
            throw PortfolioError(code: "duplicate_role", message: "role \(twice) is listed twice")
        }
        let fte = fte ?? [Double](repeating: 0, count: roles.count)
        guard fte.count == roles.count else {
            throw PortfolioError(code: "capacity_shape", message: "fte must have one value per role (\(roles.count))")
        }
        self.periods = weeks == 0 ? [] : CapacityPeriod.periods(
            .week, from: firstMonday, through: firstMonday.adding(days: 7 * weeks - 1))
        self.roles = roles
        self.supplyMinutes = supplyMinutes
        self.committedMinutes = committed
        self.backgroundMinutes = background
        self.fte = fte
    }

    /// The role rows of a forecast table by role and week (``CapacityForecast/roleWeeklyCapacity()``).
    /// Throws `not_by_role_and_week` for any other table.
    public init(_ table: CapacityTable) throws(PortfolioError) {
        guard table.grouping == .role, table.periods.allSatisfy({ $0.kind == .week }) else {
            throw PortfolioError(code: "not_by_role_and_week", message:
                "remaining capacity by role needs the forecast's table by role and week")
        }
        periods = table.periods
        roles = table.groups.map(\.key)
        supplyMinutes = table.cells.map { $0.map(\.supplyMinutes) }
        committedMinutes = table.cells.map { $0.map(\.demandMinutes) }
        backgroundMinutes = table.cells.map { $0.map(\.backgroundMinutes) }
        fte = table.cells.map { $0.first?.fte ?? 0 }
    }

    public var weekCount: Int { periods.count }

    /// The Monday of the first week (the range may begin later in that week).
    public var firstMonday: CalendarDate {
        guard let first = periods.first?.first else { return CalendarDate(daysSinceEpoch: 0) }
        return CalendarDate(daysSinceEpoch: Self.mondayOnOrBefore(first.daysSinceEpoch))
    }

    /// The Monday that begins week `index`.
    public func monday(ofWeek index: Int) -> CalendarDate { firstMonday.adding(days: 7 * index) }

    /// The week index of the week that contains `date` (negative before the first week, `weekCount` or more after
    /// the last).
    public func weekIndex(of date: CalendarDate) -> Int {
        (Self.mondayOnOrBefore(date.daysSinceEpoch) - firstMonday.daysSinceEpoch) / 7
    }

    /// Supply − committed − background of `role` in week `week`, in minutes (negative when already over).
    public func remainingMinutes(role: String, week: Int) -> Int64? {
        guard let q = roles.firstIndex(of: role), periods.indices.contains(week) else { return nil }
        return supplyMinutes[q][week] - committedMinutes[q][week] - backgroundMinutes[q][week]
    }

    // MARK: - Shared by the engines

    static func mondayOnOrBefore(_ day: Int) -> Int {
        day - Weekday.allCases.firstIndex(of: CalendarDate(daysSinceEpoch: day).weekday)!
    }

    static func monday(_ date: CalendarDate, _ what: @autoclosure () -> String) throws(PortfolioError) {
        guard date.weekday == .monday else {
            throw PortfolioError(code: "not_a_monday", message:
                "\(what()) is \(date), a \(date.weekday.rawValue.prefix(1).uppercased() + date.weekday.rawValue.dropFirst()); starts are Mondays")
        }
    }

    static func tolerance(_ percent: Double) throws(PortfolioError) {
        guard percent > 0, percent.isFinite else {
            throw PortfolioError(code: "tolerance", message:
                "a utilisation tolerance of \(formatted(percent)) % is not possible; it must be more than 0")
        }
    }

    /// The load each role may carry in each week at `tolerancePercent` of supply, less what is committed already:
    /// `⌊supply × tolerance / 100⌋ − committed − background`, flat `[role × weeks + week]`. Rows for `extraRoles`
    /// (roles a profile names that the capacity has no row for) follow, with no supply.
    func limits(tolerancePercent: Double, extraRoles: Int) -> [Int64] {
        let w = weekCount
        var result = [Int64](repeating: 0, count: (roles.count + extraRoles) * w)
        for q in roles.indices {
            for k in 0..<w {
                let supply = supplyMinutes[q][k]
                let allowed = tolerancePercent == 100 ? supply
                    : Int64((Double(supply) * tolerancePercent / 100).rounded(.down))
                result[q * w + k] = allowed - committedMinutes[q][k] - backgroundMinutes[q][k]
            }
        }
        return result
    }
}

/// A demand profile checked and compiled against a capacity's roles: entries merged per role and week, zeros
/// dropped, ordered by week then role.
struct CompiledProfile {
    var role: [Int] = []
    var offset: [Int] = []
    var minutes: [Int64] = []
    /// The number of weeks from offset 0 to the last week with demand (0 when there is none).
    var length = 0

    var isEmpty: Bool { role.isEmpty }

    /// Compiles `profile`; `roleRow` gives (and, for a role the capacity lacks, makes) a role's row.
    init(_ profile: [RoleWeekDemand], of owner: @autoclosure () -> String,
         roleRow: (String) -> Int) throws(PortfolioError) {
        var merged: [Int: [Int: Int64]] = [:]  // offset → row → minutes
        for entry in profile {
            guard entry.weekOffset >= 0 else {
                throw PortfolioError(code: "negative_value", message:
                    "\(owner()) has demand for \(entry.role) in week offset \(entry.weekOffset); offsets start at 0")
            }
            guard entry.minutes >= 0 else {
                throw PortfolioError(code: "negative_value", message:
                    "\(owner()) asks for \(entry.minutes) minutes of \(entry.role) in week offset \(entry.weekOffset); it must be 0 or more")
            }
            if entry.minutes == 0 { continue }
            merged[entry.weekOffset, default: [:]][roleRow(entry.role), default: 0] += entry.minutes
        }
        for o in merged.keys.sorted() {
            for (q, m) in merged[o]!.sorted(by: { $0.key < $1.key }) {
                role.append(q); offset.append(o); minutes.append(m)
            }
            length = o + 1
        }
    }
}

/// The rows of a capacity plus those a set of profiles adds, by name.
struct RoleRows {
    var names: [String]
    var index: [String: Int]
    let known: Int

    init(_ capacity: RoleWeeklyCapacity) {
        names = capacity.roles
        index = Dictionary(capacity.roles.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        known = names.count
    }

    mutating func row(_ role: String) -> Int {
        if let q = index[role] { return q }
        index[role] = names.count
        names.append(role)
        return names.count - 1
    }

    var extra: Int { names.count - known }
}

/// Minutes as hours for sentences: "62", "40.5" (rounded to 0.1 h, as ``CapacityCell/hours(_:)``).
func hoursText(_ minutes: Int64) -> String { formatted(CapacityCell.hours(minutes), digits: 1) }

/// "a", "a and b", "a, b and c".
func listText(_ items: [String]) -> String {
    switch items.count {
    case 0: ""
    case 1: items[0]
    default: items.dropLast().joined(separator: ", ") + " and " + items.last!
    }
}
