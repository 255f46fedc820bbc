import GantryModel

/// How allocations read on pages: "40 h a week", "120 h a month", "50 % of capacity".
enum AllocationText {
    static func amount(_ a: ProjectAllocation) -> String {
        switch a.unit {
        case .hoursPerWeek: "\(Pages.number(a.amount)) h a week"
        case .hoursPerMonth: "\(Pages.number(a.amount)) h a month"
        case .percent: "\(Pages.number(a.amount)) % of capacity"
        }
    }

    static let unitOptions: [(value: String, label: String)] = [
        ("hours_per_week", "hours a week"), ("hours_per_month", "hours a month"), ("percent", "% of capacity"),
    ]
}
