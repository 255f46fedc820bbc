public import GantryModel

/// Bands over a performance index: green at or above ``greenMinimum``, amber at or above ``amberMinimum``, red
/// below. There is no universal standard (PRINCE2 defines the reporting, not the thresholds; DOMAIN.md §7); the
/// defaults, 0.95 and 0.85, are the public "Understanding EVA" deck's.
public struct RAGBands: Sendable, Equatable, Codable {
    public let greenMinimum: Double
    public let amberMinimum: Double

    /// Green ≥ 0.95, amber ≥ 0.85, red below.
    public static let `default` = RAGBands(uncheckedGreenMinimum: 0.95, amberMinimum: 0.85)

    /// Throws `invalid_bands` unless both are finite and `amberMinimum ≤ greenMinimum`.
    public init(greenMinimum: Double, amberMinimum: Double) throws(AnalyticsError) {
        guard greenMinimum.isFinite, amberMinimum.isFinite, amberMinimum <= greenMinimum else {
            throw AnalyticsError(
                code: "invalid_bands",
                message: "the amber minimum (\(amberMinimum)) must be finite and not above the green minimum (\(greenMinimum))"
            )
        }
        self.init(uncheckedGreenMinimum: greenMinimum, amberMinimum: amberMinimum)
    }

    private init(uncheckedGreenMinimum: Double, amberMinimum: Double) {
        self.greenMinimum = uncheckedGreenMinimum
        self.amberMinimum = amberMinimum
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            greenMinimum: container.decode(Double.self, forKey: .greenMinimum),
            amberMinimum: container.decode(Double.self, forKey: .amberMinimum)
        )
    }

    /// The colour of an index.
    public func status(of index: Double) -> Health {
        index >= greenMinimum ? .green : index >= amberMinimum ? .amber : .red
    }
}

/// Thresholds over a count of bad things (overdue milestones, open high risks): amber from ``amberAt``, red from
/// ``redAt``, green below ``amberAt``.
public struct CountThresholds: Sendable, Equatable, Codable {
    public let amberAt: Int
    public let redAt: Int

    /// Throws `invalid_thresholds` unless `1 ≤ amberAt ≤ redAt`.
    public init(amberAt: Int, redAt: Int) throws(AnalyticsError) {
        guard amberAt >= 1, amberAt <= redAt else {
            throw AnalyticsError(
                code: "invalid_thresholds",
                message: "amber at \(amberAt) and red at \(redAt): need 1 ≤ amber ≤ red"
            )
        }
        self.amberAt = amberAt
        self.redAt = redAt
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            amberAt: container.decode(Int.self, forKey: .amberAt), redAt: container.decode(Int.self, forKey: .redAt)
        )
    }

    /// The colour of a count.
    public func status(of count: Int) -> Health {
        count >= redAt ? .red : count >= amberAt ? .amber : .green
    }
}

/// The numbers a suggested RAG is computed from; a `nil` signal is not known and is not judged.
public struct RAGSignals: Sendable, Equatable, Codable {
    public var schedulePerformanceIndex: Double?
    public var costPerformanceIndex: Double?
    public var overdueMilestones: Int?
    public var openHighRisks: Int?

    public init(
        schedulePerformanceIndex: Double? = nil,
        costPerformanceIndex: Double? = nil,
        overdueMilestones: Int? = nil,
        openHighRisks: Int? = nil
    ) {
        self.schedulePerformanceIndex = schedulePerformanceIndex
        self.costPerformanceIndex = costPerformanceIndex
        self.overdueMilestones = overdueMilestones
        self.openHighRisks = openHighRisks
    }
}

/// How Gantry suggests a status report's RAG: the **worst** of the colours of SPI and CPI under ``indexBands``
/// (so SPI 0.97 with CPI 0.84 is red), and of the optional count signals under their thresholds. Every judged
/// signal leaves a ``RAGReason``, so the colour always says why (DESIGN.md: "every computed colour records why
/// it was given"). The policy is configuration, per portfolio; ``default`` documents Gantry's defaults.
/// Example (case 39): with the default bands, 0.95 → green, 0.949 → amber, 0.85 → amber, 0.849 → red.
public struct RAGPolicy: Sendable, Equatable, Codable {
    public var indexBands: RAGBands
    /// `nil` leaves overdue milestones out of the colour.
    public var overdueMilestones: CountThresholds?
    /// `nil` leaves open high risks out of the colour.
    public var openHighRisks: CountThresholds?

    public init(indexBands: RAGBands = .default, overdueMilestones: CountThresholds?, openHighRisks: CountThresholds?) {
        self.indexBands = indexBands
        self.overdueMilestones = overdueMilestones
        self.openHighRisks = openHighRisks
    }

    /// Bands 0.95 / 0.85 on the worst of SPI and CPI; overdue milestones amber from 1 and red from 3; open high
    /// risks amber from 1 and red from 3. The count thresholds are Gantry's own choice (no public standard).
    public static let `default` = RAGPolicy(
        indexBands: .default,
        overdueMilestones: try! CountThresholds(amberAt: 1, redAt: 3),
        openHighRisks: try! CountThresholds(amberAt: 1, redAt: 3)
    )

    /// The suggested colour and its reasons; `unknown` when no signal could be judged.
    public func assessment(of signals: RAGSignals) -> RAGAssessment {
        var reasons: [RAGReason] = []
        for (signal, value) in [(RAGSignal.schedulePerformanceIndex, signals.schedulePerformanceIndex),
                                (.costPerformanceIndex, signals.costPerformanceIndex)] {
            guard let value else {
                reasons.append(RAGReason(signal: signal, status: .unknown, text: "\(signal.label) not available"))
                continue
            }
            reasons.append(indexReason(signal, value))
        }
        for (signal, count, thresholds) in [(RAGSignal.overdueMilestones, signals.overdueMilestones, overdueMilestones),
                                            (.openHighRisks, signals.openHighRisks, openHighRisks)] {
            guard let count, let thresholds else { continue }
            let status = thresholds.status(of: count)
            let rule = switch status {
            case .red: "at or above \(thresholds.redAt)"
            case .amber: "at or above \(thresholds.amberAt), below \(thresholds.redAt)"
            default: "below \(thresholds.amberAt)"
            }
            reasons.append(RAGReason(signal: signal, status: status, text: "\(signal.label) \(count) \(rule) → \(status.rawValue)"))
        }
        let judged = reasons.map(\.status).filter { $0 != .unknown }
        let status = judged.max { $0.severity < $1.severity } ?? .unknown
        return RAGAssessment(status: status, reasons: reasons)
    }

    private func indexReason(_ signal: RAGSignal, _ value: Double) -> RAGReason {
        let bands = indexBands
        let status = bands.status(of: value)
        let rule = switch status {
        case .green: "at or above \(Self.format(bands.greenMinimum))"
        case .amber: "below \(Self.format(bands.greenMinimum)), at or above \(Self.format(bands.amberMinimum))"
        default: "below \(Self.format(bands.amberMinimum))"
        }
        let threshold = status == .red ? bands.amberMinimum : status == .amber ? bands.greenMinimum : bands.greenMinimum
        return RAGReason(
            signal: signal, status: status,
            text: "\(signal.label) \(Self.format(value, beside: threshold)) \(rule) → \(status.rawValue)"
        )
    }

    /// Two decimals, or more when two decimals would make a value look equal to the threshold it is not
    /// (0.849 against 0.85 prints "0.849", not "0.85").
    static func format(_ value: Double, beside threshold: Double? = nil) -> String {
        var digits = 2
        while digits < 6, let threshold, value != threshold,
              fixed(value, digits) == fixed(threshold, digits) { digits += 1 }
        return fixed(value, digits)
    }

    private static func fixed(_ value: Double, _ digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        guard scaled < 1e15 else { return String(value) }
        let whole = Int(scaled) / Int(scale), fraction = Int(scaled) % Int(scale)
        var decimals = String(fraction)
        decimals = String(repeating: "0", count: digits - decimals.count) + decimals
        while decimals.count > 2, decimals.hasSuffix("0") { decimals.removeLast() }
        return (value < 0 && scaled != 0 ? "-" : "") + "\(whole).\(decimals)"
    }
}

/// A signal a RAG colour can come from.
public enum RAGSignal: String, CaseIterable, Sendable, Codable {
    case schedulePerformanceIndex = "spi"
    case costPerformanceIndex = "cpi"
    case overdueMilestones = "overdue_milestones"
    case openHighRisks = "open_high_risks"

    /// How a reason names it.
    public var label: String {
        switch self {
        case .schedulePerformanceIndex: "SPI"
        case .costPerformanceIndex: "CPI"
        case .overdueMilestones: "overdue milestones"
        case .openHighRisks: "open high risks"
        }
    }
}

/// Why one signal has the colour it has, in words: "SPI 0.84 below 0.85 → red".
public struct RAGReason: Sendable, Equatable, Codable {
    public let signal: RAGSignal
    /// The signal's own colour; `unknown` when it was not available.
    public let status: Health
    public let text: String
}

/// A suggested colour and every reason behind it.
public struct RAGAssessment: Sendable, Equatable, Codable {
    /// The worst colour among the judged signals; `unknown` when none could be judged.
    public let status: Health
    /// One reason per signal considered, in the order SPI, CPI, overdue milestones, open high risks.
    public let reasons: [RAGReason]

    /// The reasons that gave the colour (those of the same colour as ``status``).
    public var decidingReasons: [RAGReason] { reasons.filter { $0.status == status } }
}

extension Health {
    /// Worse is larger: unknown < green < amber < red.
    var severity: Int {
        switch self {
        case .unknown: 0
        case .green: 1
        case .amber: 2
        case .red: 3
        }
    }
}
