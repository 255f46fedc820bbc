/// Saaty's random index RI(n): the mean consistency index of random reciprocal n×n matrices. The consistency
/// ratio divides by it, `CR = CI / RI(n)`, so **the same matrix has a different CR under different tables**
/// (DOMAIN.md §5.2, case 28: CR 0.074 with Saaty 1980, 0.080 with Donegan–Dodd). Always say which table a CR
/// used; Gantry's default is ``saaty1980``.
public struct RandomIndexTable: Hashable, Sendable, Codable {
    /// A stable name for storage and display: `saaty_1980`, `saaty_2005`, `donegan_dodd`.
    public var name: String
    /// RI by matrix order n. Orders 1 and 2 are never looked up (CR is 0 by definition there).
    public var values: [Int: Double]

    public init(name: String, values: [Int: Double]) {
        self.name = name
        self.values = values
    }

    /// RI(n), or `nil` when the table has no entry for n.
    public func randomIndex(order n: Int) -> Double? { values[n] }

    /// Saaty (1980), the table most public code copies; n = 11 from Olddays/MMTools `AHP.m`. The default.
    public static let saaty1980 = RandomIndexTable(name: "saaty_1980", values: [
        1: 0, 2: 0, 3: 0.58, 4: 0.90, 5: 1.12, 6: 1.24, 7: 1.32, 8: 1.41, 9: 1.45, 10: 1.49, 11: 1.51,
    ])

    /// Saaty (2005, ANP book p. 31), ahpy's `random_index='saaty'`.
    public static let saaty2005 = RandomIndexTable(name: "saaty_2005", values: [
        3: 0.52, 4: 0.89, 5: 1.11, 6: 1.25, 7: 1.35, 8: 1.40, 9: 1.45, 10: 1.49, 11: 1.52,
    ])

    /// Donegan & Dodd (1991), ahpy's default `'dd'`.
    public static let doneganDodd = RandomIndexTable(name: "donegan_dodd", values: [
        3: 0.4914, 4: 0.8286, 5: 1.0591, 6: 1.1797, 7: 1.2519, 8: 1.3171, 9: 1.3733, 10: 1.4055, 11: 1.4213,
    ])
}
