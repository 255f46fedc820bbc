public import GantryModel

/// One activity's part in a project's earned value at a status date.
public struct ProgressItem: Sendable, Equatable {
    /// What the activity weighs in PV and EV: its planned cost, or its working days.
    public var weight: Double
    /// The share of the activity planned to be done by the end of the status date, 0 to 1.
    public var plannedFraction: Double
    /// The share done, 0 to 1 (percent complete / 100).
    public var fractionComplete: Double

    public init(weight: Double, plannedFraction: Double, fractionComplete: Double) {
        self.weight = weight
        self.plannedFraction = plannedFraction
        self.fractionComplete = fractionComplete
    }

    /// The share of `start...finish` (whole days, both included) planned to be done by the end of `statusDate`,
    /// counting only the days `isWorking` accepts: 0 before the start, 1 from the finish on, linear in working days
    /// between. A span with no working day counts every day. Example: ten working days Mon 2026-11-02 to Fri
    /// 11-13 → 0.3 at the end of Wed 11-04, 0.5 at the end of Sat 11-07.
    public static func plannedFraction(start: CalendarDate, finish: CalendarDate, statusDate: CalendarDate,
                                       isWorking: (CalendarDate) -> Bool) -> Double {
        guard statusDate >= start else { return 0 }
        guard statusDate < finish else { return 1 }
        var total = 0, done = 0, day = start
        while day <= finish {
            if isWorking(day) {
                total += 1
                if day <= statusDate { done += 1 }
            }
            day = day.adding(days: 1)
        }
        guard total > 0 else {
            return Double(statusDate.daysSinceEpoch - start.daysSinceEpoch + 1)
                / Double(finish.daysSinceEpoch - start.daysSinceEpoch + 1)
        }
        return Double(done) / Double(total)
    }
}

/// The RAG a status report suggests from the numbers, with every reason (DESIGN.md: "every computed colour records
/// why it was given"):
/// - **schedule** from SPI = EV / PV under the policy's bands, and the overdue milestones as a count signal;
/// - **cost** from CPI = EV / AC, only when the actual cost is known and the values are money;
/// - **risk** from the open high risks as a count signal;
/// - **overall** the worst of all of them (so SPI 0.97 with CPI 0.84 is red);
/// - **scope** has no numbers: no suggestion, the project's manager rates it.
///
/// PV and EV are the items' weights times their planned and done fractions (``ProgressItem``); BAC is the sum of
/// the weights. When the project's earned value was measured in money against its baseline (`measured`), those
/// amounts are the numbers instead, and CPI comes from their actual cost. Pure: the status date, the actual cost
/// and the counts are inputs.
public struct StatusSuggestion: Sendable, Equatable {
    public struct Input: Sendable, Equatable {
        public var items: [ProgressItem]
        /// Whether the weights are money (then CPI can be computed against `actualCost`).
        public var weightsAreMoney: Bool
        /// AC, in the weights' money; `nil` when not entered.
        public var actualCost: Double?
        public var overdueMilestones: Int
        public var openHighRisks: Int
        /// BAC, PV, EV and AC measured in money against the project's baseline (AC from approved time and
        /// expenses); when set, `items`, `weightsAreMoney` and `actualCost` are not used.
        public var measured: EarnedValue?

        public init(items: [ProgressItem], weightsAreMoney: Bool, actualCost: Double? = nil, overdueMilestones: Int = 0,
                    openHighRisks: Int = 0) {
            self.items = items
            self.weightsAreMoney = weightsAreMoney
            self.actualCost = actualCost
            self.overdueMilestones = overdueMilestones
            self.openHighRisks = openHighRisks
        }

        /// Earned value measured in money: SPI is EV / PV and CPI is EV / AC of these amounts.
        public init(measured: EarnedValue, overdueMilestones: Int = 0, openHighRisks: Int = 0) {
            self.init(items: [], weightsAreMoney: true, actualCost: measured.actualCost,
                      overdueMilestones: overdueMilestones, openHighRisks: openHighRisks)
            self.measured = measured
        }
    }

    /// BAC, PV and EV in the weights' unit, and AC (0 when not known).
    public let earnedValue: EarnedValue
    public let schedulePerformanceIndex: Double?
    public let costPerformanceIndex: Double?
    public let overall: RAGAssessment
    public let schedule: RAGAssessment
    public let cost: RAGAssessment
    public let risk: RAGAssessment

    public init(_ input: Input, policy: RAGPolicy = .default) {
        let actual: Double?
        let value: EarnedValue
        if let measured = input.measured {
            actual = measured.actualCost
            value = measured
        } else {
            var bac = 0.0, pv = 0.0, ev = 0.0
            for item in input.items where item.weight > 0 && item.weight.isFinite {
                bac += item.weight
                pv += item.weight * min(max(item.plannedFraction, 0), 1)
                ev += item.weight * min(max(item.fractionComplete, 0), 1)
            }
            actual = input.weightsAreMoney ? input.actualCost : nil
            value = EarnedValue(budgetAtCompletion: bac, plannedValue: pv, earnedValue: ev, actualCost: actual ?? 0)
        }
        earnedValue = value
        schedulePerformanceIndex = value.schedulePerformanceIndex
        costPerformanceIndex = actual == nil ? nil : value.costPerformanceIndex
        var unavailable: String?
        if costPerformanceIndex == nil {
            unavailable = input.measured != nil ? "CPI not available: no time or expense approved yet, so the actual cost is 0"
                : !input.weightsAreMoney ? "CPI not available: the plan has no costed assignments"
                : input.actualCost == nil ? "CPI not available: no actual cost entered"
                : "CPI not available: the actual cost is 0"
        }
        let whole = policy.assessment(of: RAGSignals(
            schedulePerformanceIndex: schedulePerformanceIndex, costPerformanceIndex: costPerformanceIndex,
            overdueMilestones: input.overdueMilestones, openHighRisks: input.openHighRisks))
        func explained(_ a: RAGAssessment) -> RAGAssessment {
            guard let unavailable else { return a }
            return RAGAssessment(status: a.status, reasons: a.reasons.map {
                $0.signal == .costPerformanceIndex && $0.status == .unknown
                    ? RAGReason(signal: $0.signal, status: .unknown, text: unavailable) : $0
            })
        }
        overall = explained(whole)
        schedule = whole.restricted(to: [.schedulePerformanceIndex, .overdueMilestones])
        cost = explained(whole.restricted(to: [.costPerformanceIndex]))
        risk = whole.restricted(to: [.openHighRisks])
    }
}

extension RAGAssessment {
    /// The same reasons for some signals only, with the colour they give together.
    func restricted(to signals: Set<RAGSignal>) -> RAGAssessment {
        let kept = reasons.filter { signals.contains($0.signal) }
        let status = kept.map(\.status).filter { $0 != .unknown }.max { $0.severity < $1.severity } ?? .unknown
        return RAGAssessment(status: status, reasons: kept)
    }
}
