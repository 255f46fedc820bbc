import Foundation
import GantryAnalytics
import GantryModel
import Testing

/// Reads the earned value and earned schedule cases of `../shared/data/oracles/domain-cases.json`.
enum EVMCases {
    static let file = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/data/oracles/domain-cases.json")

    static func `case`(_ id: Int) throws -> [String: Any] {
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any]
        let cases = json?["cases"] as? [[String: Any]] ?? []
        return try #require(cases.first { ($0["id"] as? Int) == id })
    }

    /// A JSON number as the Decimal it is printed as (0.35 is 0.35, not the Double nearest to it).
    static func decimal(_ value: Any?) throws -> Decimal {
        // Swift prints a Double in the fewest digits that read back as it: 0.35 → "0.35".
        let number = try #require(value as? NSNumber)
        return try #require(Decimal(string: "\(number.doubleValue)"))
    }

    static func decimals(_ value: Any?) throws -> [Decimal] {
        try #require(value as? [Any]).map(decimal)
    }

    /// The number of decimals the expected value is printed with ("0.9722222" → 7, "725000" → 0).
    static func places(_ expected: Decimal) -> Int {
        let text = expected.description
        guard let dot = text.firstIndex(of: ".") else { return 0 }
        return text.distance(from: dot, to: text.endIndex) - 1
    }

    /// The exact value, rounded half to even to the decimals the oracle prints, equals the oracle: exact to the
    /// oracle's own precision, no tolerance.
    static func matches(_ actual: Measure, _ expected: Any?) throws -> Bool {
        let want = try decimal(expected)
        guard let got = actual.rounded(places: places(want)) else { return false }
        return got == want
    }

    static func matches(_ actual: Decimal, _ expected: Any?) throws -> Bool {
        try matches(.value(actual), expected)
    }
}

/// Expected values are read from domain-cases.json (cases 1–6) at run time, never computed here; values in
/// comments are worked by hand.
@Suite("Exact earned value")
struct ExactEarnedValueTests {
    /// A case of the simple model (BAC, cumulative planned fractions, period, % complete, actual costs) computed
    /// exactly, with PV, EV, AC, SV, CV, SPI and CPI checked against the case; its expected values for the rest.
    static func simpleModel(case n: Int, actualCosts key: String, cumulative: Bool) throws -> (ExactEarnedValue, [String: Any]) {
        let c = try EVMCases.case(n)
        let input = try #require(c["input"] as? [String: Any]), want = try #require(c["expected"] as? [String: Any])
        let period = try #require(input["t"] as? Int)
        let bac = try EVMCases.decimal(input["bac"]), fractions = try EVMCases.decimals(input["schedule"])
        let done = try EVMCases.decimal(input["pct_complete"]), costs = try EVMCases.decimals(input[key])
        let ev = try #require(ExactEarnedValue(
            budgetAtCompletion: bac, plannedFractions: fractions, period: period, percentComplete: done,
            actualCosts: costs, actualCostsAreCumulative: cumulative
        ))
        #expect(try EVMCases.matches(ev.plannedValue, want["pv"]))
        #expect(try EVMCases.matches(ev.earnedValue, want["ev"]))
        #expect(try EVMCases.matches(ev.actualCost, want["ac"]))
        #expect(try EVMCases.matches(ev.scheduleVariance, want["sv"]))
        #expect(try EVMCases.matches(ev.costVariance, want["cv"]))
        #expect(try EVMCases.matches(ev.schedulePerformanceIndex, want["spi"]))
        #expect(try EVMCases.matches(ev.costPerformanceIndex, want["cpi"]))
        return (ev, want)
    }

    @Test("case 1 [S PRA tests]: AC from a cumulative series")
    func case1() throws {
        let (ev, _) = try Self.simpleModel(case: 1, actualCosts: "ac_cumulative", cumulative: true)
        // SPI = 35,000 / 40,000 = 0.875 with nothing left over: exactly 7/8.
        #expect(ev.schedulePerformanceIndex == .value(Decimal(string: "0.875")!))
    }

    @Test("case 2 [S PRA book]: AC from period costs, the EACs, ETC, VAC and both TCPIs")
    func case2() throws {
        let (ev, want) = try Self.simpleModel(case: 2, actualCosts: "ac_period", cumulative: false)
        #expect(try EVMCases.matches(ev.estimateAtCompletion(.typical), want["eac_bac_over_cpi"]))
        #expect(try EVMCases.matches(ev.estimateAtCompletion(.atypical), want["eac_ac_plus_bac_minus_ev"]))
        #expect(try EVMCases.matches(ev.estimateAtCompletion(.costAndSchedule), want["eac_cpi_spi"]))
        #expect(try EVMCases.matches(ev.estimateToComplete(.typical), want["etc_cpi"]))
        #expect(try EVMCases.matches(ev.varianceAtCompletion(.typical), want["vac_typ"]))
        #expect(try EVMCases.matches(ev.toCompletePerformanceIndexToBudget, want["tcpi_bac"]))
        #expect(try EVMCases.matches(ev.toCompletePerformanceIndex(toEstimate: .typical), want["tcpi_eac_typ"]))
        // Dividing last keeps whole amounts whole: 500,000 × 290,000 / 200,000 = 725,000 exactly, and
        // 290,000 + 300,000 × 290,000 × 250,000 / 200,000² = 290,000 + 543,750 = 833,750 exactly.
        #expect(ev.estimateAtCompletion(.typical) == .value(725_000))
        #expect(ev.estimateAtCompletion(.costAndSchedule) == .value(833_750))
        // DOMAIN.md §1.2 extension [D]: bottom-up ETC 410,000 → EAC 290,000 + 410,000 = 700,000, VAC −200,000.
        let bottomUp = ExactEarnedValue(
            budgetAtCompletion: ev.budgetAtCompletion, plannedValue: ev.plannedValue, earnedValue: ev.earnedValue,
            actualCost: ev.actualCost, bottomUpEstimateToComplete: 410_000
        )
        #expect(bottomUp.estimateAtCompletion(.bottomUp) == .value(700_000))
        #expect(bottomUp.varianceAtCompletion(.bottomUp) == .value(-200_000))
        #expect(ev.estimateAtCompletion(.bottomUp).reason?.contains("no bottom-up ETC") == true)
    }

    @Test("case 3 [S PRA tests]: the EAC formulas on given indices, TCPI and VAC")
    func case3() throws {
        let c = try EVMCases.case(3)
        let inputs = try #require(c["input"] as? [[String: Any]]), want = try #require(c["expected"] as? [Any])
        let d = { (row: Int, key: String) throws -> Decimal in try EVMCases.decimal(inputs[row][key]) }
        let dOrNil = { (row: Int, key: String) throws -> Decimal? in
            inputs[row][key] == nil ? nil : try EVMCases.decimal(inputs[row][key])
        }
        let methods: [ExactEstimateMethod] = [.typical, .atypical, .costAndSchedule]
        for (row, method) in methods.enumerated() {
            #expect(inputs[row]["method"] as? String == ["typical", "atypical", "combined"][row])
            let eac = method.estimate(
                budgetAtCompletion: try d(row, "bac"), earnedValue: try dOrNil(row, "ev") ?? 0,
                actualCost: try dOrNil(row, "ac") ?? 0, costPerformanceIndex: try dOrNil(row, "cpi"),
                schedulePerformanceIndex: try dOrNil(row, "spi")
            )
            #expect(try EVMCases.matches(eac, want[row]), "\(method)")
        }
        let tcpiBAC = ExactEarnedValue.toCompletePerformanceIndex(
            budgetAtCompletion: try d(3, "bac"), earnedValue: try d(3, "ev"), actualCost: try d(3, "ac"),
            target: try d(3, "bac"))
        #expect(try EVMCases.matches(tcpiBAC, want[3]))
        let tcpiEAC = ExactEarnedValue.toCompletePerformanceIndex(
            budgetAtCompletion: try d(4, "bac"), earnedValue: try d(4, "ev"), actualCost: try d(4, "ac"),
            target: try d(4, "eac"))
        #expect(try EVMCases.matches(tcpiEAC, want[4]))
        #expect(try EVMCases.matches(try d(5, "bac") - d(5, "eac"), want[5]))
        // The combined EAC as money: 63,000 + 65,000 / 0.72 = 153,277.777… → EUR 153,277.78 (not a tie).
        let combined = ExactEstimateMethod.costAndSchedule.estimate(
            budgetAtCompletion: 100_000, earnedValue: 35_000, actualCost: 63_000,
            costPerformanceIndex: Decimal(string: "0.8"), schedulePerformanceIndex: Decimal(string: "0.9"))
        #expect(try combined.money(.eur) == Money(minorUnits: 15_327_778, currency: .eur))
    }

    @Test("case 4 [S public test]: earned schedule and the cost side on one baseline")
    func case4() throws {
        let c = try EVMCases.case(4)
        let input = try #require(c["input"] as? [String: Any]), want = try #require(c["expected"] as? [String: Any])
        var running = Decimal(0)
        let cumulative = try EVMCases.decimals(input["pv_period"]).map { running += $0; return running }
        let at = try EVMCases.decimal(input["at"])
        let es = try #require(ExactEarnedSchedule(
            cumulativePlannedValue: cumulative, earnedValue: EVMCases.decimal(input["ev_cum"]), actualTime: at))
        #expect(es.plannedDuration == (try EVMCases.decimal(input["pd"])))
        #expect(try EVMCases.matches(es.earnedSchedule, want["es"]))
        #expect(try EVMCases.matches(es.schedulePerformanceIndex, want["spi_t"]))
        #expect(try EVMCases.matches(es.scheduleVariance, want["sv_t"]))
        #expect(try EVMCases.matches(es.independentEstimateAtCompletion, want["ieac_t"]))
        #expect(try EVMCases.matches(es.toCompleteSchedulePerformanceIndex, want["tspi"]))
        // PV at AT = 3 is the cumulative PV through period 3 (60).
        let ev = ExactEarnedValue(
            budgetAtCompletion: try EVMCases.decimal(input["bac"]), plannedValue: cumulative[3 - 1],
            earnedValue: try EVMCases.decimal(input["ev_cum"]), actualCost: try EVMCases.decimal(input["ac_cum"]))
        #expect(try EVMCases.matches(ev.toCompletePerformanceIndexToBudget, want["tcpi_bac"]))
        #expect(try EVMCases.matches(ev.estimateAtCompletion(.typical), want["ieac_cpi"]))
        #expect(try EVMCases.matches(ev.estimateAtCompletion(.costAndSchedule), want["ieac_cpi_spi"]))
        #expect(try EVMCases.matches(ev.estimateAtCompletion(.atypical), want["eac_atypical"]))
        #expect(try EVMCases.matches(ev.toCompletePerformanceIndex(toEstimate: .atypical), want["tcpi_eac_atypical"]))
        // ES = 2 + (45 − 30) / (60 − 30) = 2.5 exactly; IEAC(t) = 5 × 3 / 2.5 = 6 exactly.
        #expect(es.earnedSchedule == Decimal(string: "2.5"))
        #expect(es.independentEstimateAtCompletion == .value(6))
    }

    @Test("case 5 [S public test]: ES at the edges, capped at PD, the later period on a flat baseline")
    func case5() throws {
        let c = try EVMCases.case(5)
        let input = try #require(c["input"] as? [String: Any]), want = try #require(c["expected"] as? [String: Any])
        let pv = try EVMCases.decimals(input["pv_cum"])
        let evs = try EVMCases.decimals(input["ev"]), expected = try #require(want["es"] as? [Any])
        #expect(evs.count == expected.count)
        for (ev, es) in zip(evs, expected) {
            let got = try #require(ExactEarnedSchedule(cumulativePlannedValue: pv, earnedValue: ev, actualTime: 1))
            #expect(try EVMCases.matches(got.earnedSchedule, es), "EV \(ev)")
        }
        let flat = try #require(input["flat_case"] as? [String: Any])
        let got = try #require(ExactEarnedSchedule(
            cumulativePlannedValue: EVMCases.decimals(flat["pv_cum"]), earnedValue: EVMCases.decimal(flat["ev"]),
            actualTime: 1))
        #expect(try EVMCases.matches(got.earnedSchedule, want["flat_case_es"]))
    }

    @Test("case 5 in minor units: the integer form gives the same ES, 0, 0.5, 2, 3.5, 4, 4 and 2 on the flat baseline")
    func case5Minor() throws {
        for (ev, es) in [(Int64(0), "0"), (5, "0.5"), (30, "2"), (80, "3.5"), (100, "4"), (120, "4")] {
            let got = try #require(ExactEarnedSchedule(cumulativePlannedValueMinor: [10, 30, 60, 100], earnedValueMinor: ev, actualTime: 1))
            #expect(got.earnedSchedule == Decimal(string: es), "EV \(ev)")
            #expect(got.plannedDuration == 4)
        }
        #expect(ExactEarnedSchedule(cumulativePlannedValueMinor: [10, 10, 20], earnedValueMinor: 10, actualTime: 1)?.earnedSchedule == 2)
        #expect(ExactEarnedSchedule(cumulativePlannedValueMinor: [], earnedValueMinor: 10, actualTime: 1) == nil)
    }

    @Test("case 6 [D Lipke]: a late finish keeps SPI at 1 but SPI(t) below it")
    func case6() throws {
        let c = try EVMCases.case(6)
        let input = try #require(c["input"] as? [String: Any]), want = try #require(c["expected"] as? [String: Any])
        let pv = try EVMCases.decimals(input["pv_cum"]), ev = try EVMCases.decimal(input["ev"])
        let at = try EVMCases.decimal(input["at"])
        let es = try #require(ExactEarnedSchedule(cumulativePlannedValue: pv, earnedValue: ev, actualTime: at))
        #expect(try EVMCases.matches(es.earnedSchedule, want["es"]))
        #expect(try EVMCases.matches(es.schedulePerformanceIndex, want["spi_t"]))
        #expect(try EVMCases.matches(es.scheduleVariance, want["sv_t"]))
        // Past the baseline's end PV is the final cumulative PV (100), so SPI = 100 / 100.
        let spi = ExactEarnedValue(budgetAtCompletion: 100, plannedValue: pv.last!, earnedValue: ev, actualCost: 1)
        #expect(try EVMCases.matches(spi.schedulePerformanceIndex, want["spi"]))
    }

    @Test("undefined ratios are absent with the reason, never NaN or 0")
    func undefinedRatios() throws {
        let start = ExactEarnedValue(budgetAtCompletion: 1_000, plannedValue: 0, earnedValue: 0, actualCost: 0)
        #expect(start.costPerformanceIndex.value == nil)
        #expect(start.costPerformanceIndex.reason?.contains("AC is 0") == true)
        #expect(start.schedulePerformanceIndex.reason?.contains("PV is 0") == true)
        #expect(start.estimateAtCompletion(.typical).value == nil)
        #expect(start.estimateAtCompletion(.costAndSchedule).value == nil)
        #expect(start.toCompletePerformanceIndex(toEstimate: .typical).reason?.hasPrefix("TCPI to EAC") == true)
        // The atypical EAC needs no index: 0 + (1,000 − 0) = 1,000.
        #expect(start.estimateAtCompletion(.atypical) == .value(1_000))
        // Spent to the budget: BAC − AC = 0.
        let spent = ExactEarnedValue(budgetAtCompletion: 1_000, plannedValue: 900, earnedValue: 800, actualCost: 1_000)
        #expect(spent.toCompletePerformanceIndexToBudget.reason?.contains("AC equals BAC") == true)
        let es = try #require(ExactEarnedSchedule(cumulativePlannedValue: [10, 20], earnedValue: 0, actualTime: 0))
        #expect(es.schedulePerformanceIndex.reason?.contains("AT is 0") == true)
        #expect(es.independentEstimateAtCompletion.value == nil)
    }
}

@Suite("Earned value roll-ups")
struct EarnedValueRollUpTests {
    static let july = CalendarMonth(year: 2026, month: 7)!

    static func amounts(_ c: Currency, bac: Int64, pv: Int64, ev: Int64, ac: Int64, etc: Int64? = nil) throws
        -> EarnedValueAmounts {
        try EarnedValueAmounts(
            budgetAtCompletion: Money(minorUnits: bac, currency: c), plannedValue: Money(minorUnits: pv, currency: c),
            earnedValue: Money(minorUnits: ev, currency: c), actualCost: Money(minorUnits: ac, currency: c),
            bottomUpEstimateToComplete: etc.map { Money(minorUnits: $0, currency: c) })
    }

    @Test("activities add up exactly; indices come from the sums")
    func activities() throws {
        // A: BAC 10.00, PV 5.00, EV 4.00, AC 2.00 (CPI 2); B: BAC 10.00, PV 5.00, EV 1.00, AC 8.00 (CPI 0.125).
        // Sums: BAC 20.00, PV 10.00, EV 5.00, AC 10.00 → CPI 5 / 10 = 0.5 (the average of 2 and 0.125 is 1.0625).
        let a = try Self.amounts(.eur, bac: 1_000, pv: 500, ev: 400, ac: 200, etc: 300)
        let b = try Self.amounts(.eur, bac: 1_000, pv: 500, ev: 100, ac: 800)
        let sum = try EarnedValueAmounts.sum([a, b], currency: .eur)
        #expect(sum.budgetAtCompletion.minorUnits == 2_000)
        #expect(sum.actualCost.minorUnits == 1_000)
        #expect(sum.bottomUpEstimateToComplete == nil)  // B has no bottom-up ETC, so the total has none
        #expect(ExactEarnedValue(sum).costPerformanceIndex == .value(Decimal(string: "0.5")!))
        #expect(throws: MoneyError.self) { try EarnedValueAmounts.sum([a, Self.amounts(.usd, bac: 1, pv: 1, ev: 1, ac: 1)], currency: .eur) }
        #expect(throws: MoneyError.self) {
            try EarnedValueAmounts(budgetAtCompletion: Money(minorUnits: 1, currency: .eur),
                                   plannedValue: Money(minorUnits: 1, currency: .usd),
                                   earnedValue: Money(minorUnits: 1, currency: .eur),
                                   actualCost: Money(minorUnits: 1, currency: .eur))
        }
    }

    @Test("two projects in two currencies roll up in the reporting currency at the month's rate")
    func twoCurrencies() throws {
        var rates = ExchangeRates()
        try rates.set(Decimal(string: "0.92")!, from: .usd, to: .eur, in: Self.july)
        // Project A in EUR: BAC 100,000.00, PV 50,000.00, EV 40,000.00, AC 45,000.00.
        let a = try Self.amounts(.eur, bac: 10_000_000, pv: 5_000_000, ev: 4_000_000, ac: 4_500_000)
        // Project B in USD: BAC 50,000.00, PV 25,000.00, EV 25,000.00, AC 20,000.00; at 0.92 EUR per USD that is
        // BAC 46,000.00, PV 23,000.00, EV 23,000.00, AC 18,400.00 EUR.
        let b = try Self.amounts(.usd, bac: 5_000_000, pv: 2_500_000, ev: 2_500_000, ac: 2_000_000)
        let total = try EarnedValueAmounts.rollUp([a, b], to: .eur, in: Self.july, rates: rates)
        // Sums: BAC 146,000.00, PV 73,000.00, EV 63,000.00, AC 63,400.00 EUR.
        #expect(total.currency == .eur)
        #expect(total.budgetAtCompletion.formatted == "EUR 146,000.00")
        #expect(total.plannedValue.formatted == "EUR 73,000.00")
        #expect(total.earnedValue.formatted == "EUR 63,000.00")
        #expect(total.actualCost.formatted == "EUR 63,400.00")
        let ev = ExactEarnedValue(total)
        // SV = 63,000 − 73,000 = −10,000; CV = 63,000 − 63,400 = −400.
        #expect(ev.scheduleVariance == -10_000)
        #expect(ev.costVariance == -400)
        // SPI = 63,000 / 73,000 = 0.86301369…; CPI = 63,000 / 63,400 = 0.99369085… — from the sums. The
        // average of the projects' CPIs, (40/45 + 25/20) / 2 = 1.0694…, would say under budget; it is not.
        #expect(ev.schedulePerformanceIndex.rounded(places: 7) == Decimal(string: "0.8630137"))
        #expect(ev.costPerformanceIndex.rounded(places: 7) == Decimal(string: "0.9936909"))
    }

    @Test("a roll-up with a missing rate fails naming the month and both currencies")
    func missingRate() throws {
        let b = try Self.amounts(.usd, bac: 100, pv: 100, ev: 100, ac: 100)
        let august = CalendarMonth(year: 2026, month: 8)!
        let error = #expect(throws: MoneyError.self) {
            try EarnedValueAmounts.rollUp([b], to: .eur, in: august, rates: ExchangeRates())
        }
        #expect(error?.code == "missing_exchange_rate")
        #expect(error?.message.contains("2026-08") == true)
        #expect(error?.message.contains("USD") == true)
        #expect(error?.message.contains("EUR") == true)
    }
}
