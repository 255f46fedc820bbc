public import GantryModel
public import GantryAnalytics
public import FoundationEssentials

/// Earned value and earned schedule as the API, the CLI and the exports write them, fields named by their usual
/// abbreviations in snake case: amounts as exact decimal text in the currency (`"4320.00"`), indices rounded half
/// to even to four places, times in days. An undefined measure is `null`, with its reason under `undefined`.
public struct EarnedValueFigures: Encodable, Sendable, Hashable {
    public var currency: String
    public var bac: String, pv: String, ev: String, ac: String, sv: String, cv: String
    public var spi: String?, cpi: String?
    public var eacTypical: String?, eacAtypical: String?, eacCostAndSchedule: String?, eacBottomUp: String?
    public var etc: String?, vac: String?
    public var tcpiBac: String?, tcpiEac: String?
    /// Earned schedule, actual time's variance, index and the independent estimate of the duration, in days.
    public var es: String?, svT: String?, spiT: String?, ieacT: String?
    public var undefined: [String: String]

    public init(_ amounts: EarnedValueAmounts, schedule: ExactEarnedSchedule? = nil,
                noSchedule: String = "earned schedule needs a baseline that plans cost") {
        let c = amounts.currency
        let m = ExactEarnedValue(amounts)
        var undefined: [String: String] = [:]
        func money(_ d: Decimal) -> String { Self.amount(d, c) }
        func measure(_ key: String, _ value: Measure, money isMoney: Bool) -> String? {
            switch value {
            case .value(let v): return isMoney ? money(v) : Self.ratio(v)
            case .undefined(let reason): undefined[key] = reason; return nil
            }
        }
        currency = c.code
        bac = Self.minor(amounts.budgetAtCompletion); pv = Self.minor(amounts.plannedValue)
        ev = Self.minor(amounts.earnedValue); ac = Self.minor(amounts.actualCost)
        sv = money(m.scheduleVariance); cv = money(m.costVariance)
        spi = measure("spi", m.schedulePerformanceIndex, money: false)
        cpi = measure("cpi", m.costPerformanceIndex, money: false)
        eacTypical = measure("eac_typical", m.estimateAtCompletion(.typical), money: true)
        eacAtypical = measure("eac_atypical", m.estimateAtCompletion(.atypical), money: true)
        eacCostAndSchedule = measure("eac_cost_and_schedule", m.estimateAtCompletion(.costAndSchedule), money: true)
        eacBottomUp = measure("eac_bottom_up", m.estimateAtCompletion(.bottomUp), money: true)
        etc = measure("etc", m.estimateToComplete(.typical), money: true)
        vac = measure("vac", m.varianceAtCompletion(.typical), money: true)
        tcpiBac = measure("tcpi_bac", m.toCompletePerformanceIndexToBudget, money: false)
        tcpiEac = measure("tcpi_eac", m.toCompletePerformanceIndex(toEstimate: .typical), money: false)
        if let s = schedule {
            es = Self.ratio(s.earnedSchedule)
            svT = Self.ratio(s.scheduleVariance)
            spiT = measure("spi_t", s.schedulePerformanceIndex, money: false)
            ieacT = measure("ieac_t", s.independentEstimateAtCompletion, money: false)
        } else {
            for key in ["es", "sv_t", "spi_t", "ieac_t"] { undefined[key] = noSchedule }
        }
        self.undefined = undefined
    }

    /// Exact text of minor units: 432000 EUR → "4320.00".
    public static func minor(_ money: Money) -> String { money.amountText(grouped: false) }

    /// A major-unit amount rounded half to even to the currency's minor unit, as exact text.
    public static func amount(_ value: Decimal, _ currency: Currency) -> String {
        guard let m = try? Money(rounding: value, currency: currency) else { return "\(value)" }
        return minor(m)
    }

    /// Four places, half to even: "0.8929".
    public static func ratio(_ value: Decimal) -> String {
        let r = DecimalRounding.halfEven(value, places: 4)
        var text = "\(r)"
        if !text.contains(".") { text += ".0000" } else {
            let places = text.split(separator: ".")[1].count
            if places < 4 { text += String(repeating: "0", count: 4 - places) }
        }
        return text
    }

    enum CodingKeys: String, CodingKey {
        case currency, bac, pv, ev, ac, sv, cv, spi, cpi
        case eacTypical = "eac_typical", eacAtypical = "eac_atypical", eacCostAndSchedule = "eac_cost_and_schedule"
        case eacBottomUp = "eac_bottom_up"
        case etc, vac
        case tcpiBac = "tcpi_bac", tcpiEac = "tcpi_eac"
        case es
        case svT = "sv_t", spiT = "spi_t", ieacT = "ieac_t"
        case undefined
    }

    /// Nulls are written, so a reader sees every field.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(currency, forKey: .currency)
        for (k, v) in [(CodingKeys.bac, bac), (.pv, pv), (.ev, ev), (.ac, ac), (.sv, sv), (.cv, cv)] { try c.encode(v, forKey: k) }
        for (k, v) in [(CodingKeys.spi, spi), (.cpi, cpi), (.eacTypical, eacTypical), (.eacAtypical, eacAtypical),
                       (.eacCostAndSchedule, eacCostAndSchedule), (.eacBottomUp, eacBottomUp), (.etc, etc), (.vac, vac),
                       (.tcpiBac, tcpiBac), (.tcpiEac, tcpiEac), (.es, es), (.svT, svT), (.spiT, spiT), (.ieacT, ieacT)] {
            try c.encode(v, forKey: k)
        }
        try c.encode(undefined, forKey: .undefined)
    }
}

/// A project's earned value document: the figures, what they were measured against, and each activity's.
public struct EarnedValueDocument: Encodable, Sendable {
    public struct ActivityRow: Encodable, Sendable {
        public var activityId: Int64
        public var code: String
        public var name: String
        public var figures: EarnedValueFigures
    }

    public var projectId: Int64
    public var projectCode: String
    public var statusDate: String
    public var baseline: String?
    public var baselineId: Int64?
    public var unavailable: String?
    public var esDate: String?
    public var forecastFinish: String?
    public var figures: EarnedValueFigures?
    public var activities: [ActivityRow]

    public init(_ r: MoneyReports.ProjectEVM) {
        projectId = r.project.id.rawValue
        projectCode = r.project.code
        statusDate = r.statusDate.description
        baseline = r.baseline?.name
        baselineId = r.baseline?.id.rawValue
        unavailable = r.unavailable
        esDate = r.evm?.earnedScheduleDate?.description
        forecastFinish = r.evm?.forecastFinish?.description
        figures = r.evm.map { EarnedValueFigures($0.total, schedule: $0.earnedSchedule) }
        activities = r.rows.map {
            ActivityRow(activityId: $0.activity.activityId.rawValue, code: $0.activity.code, name: $0.activity.name,
                        figures: EarnedValueFigures($0.amounts, noSchedule: "earned schedule is measured for the project"))
        }
    }
}
