public import GantryModel

/// A project's status report for one period: draft → submitted → accepted, or returned (with a comment) → draft
/// again.
///
/// | command | from | who | to | effects |
/// |---|---|---|---|---|
/// | rate(dimension, colour, comment) | draft | the author or the project's manager | draft | audit |
/// | submit | draft | the author or the project's manager | submitted | notify the PMO, audit |
/// | accept | submitted | a PMO role | accepted | notify the author, audit |
/// | return(comment) | submitted | a PMO role; a comment is required | returned | notify the author with the comment, audit |
/// | revise | returned | the author or the project's manager | draft | audit |
///
/// A rating that differs from the colour suggested from the numbers (SPI, CPI, overdue milestones, open high risks;
/// computed elsewhere) is a manual override and needs a comment. Review is the PMO's in every mode; what the mode
/// changes is whether a late report is flagged (`ReportingSchedule`).
public enum StatusReportWorkflow {
    public enum Status: String, Sendable, Hashable, CaseIterable {
        case draft, submitted, accepted, returned
    }

    public enum Dimension: String, Sendable, Hashable, CaseIterable {
        case overall, schedule, cost, scope, risk
    }

    /// One RAG rating: the colour suggested from the numbers (when there is one), the colour given, and the comment
    /// that explains an override.
    public struct Rating: Sendable, Hashable {
        public var suggested: Health?
        public var value: Health
        public var comment: String?

        public init(suggested: Health? = nil, value: Health, comment: String? = nil) {
            self.suggested = suggested; self.value = value; self.comment = comment
        }

        /// Whether the colour given differs from the one suggested.
        public var isOverride: Bool { suggested.map { $0 != value } ?? false }
    }

    public struct State: Sendable, Hashable {
        public var status: Status
        public var authorId: User.ID
        /// The colours suggested from the numbers, per dimension, before anyone rates.
        public var suggested: [Dimension: Health]
        public var ratings: [Dimension: Rating]
        /// The PMO's comment when it returned the report.
        public var returnComment: String?

        public init(status: Status = .draft, authorId: User.ID, suggested: [Dimension: Health] = [:],
                    ratings: [Dimension: Rating] = [:], returnComment: String? = nil) {
            self.status = status; self.authorId = authorId; self.suggested = suggested; self.ratings = ratings
            self.returnComment = returnComment
        }
    }

    public enum Command: Sendable, Hashable {
        case rate(Dimension, Health, comment: String?)
        case submit
        case accept
        case `return`(comment: String)
        case revise

        var name: String {
            switch self {
            case .rate: "rated"
            case .submit: "submitted"
            case .accept: "accepted"
            case .return: "returned"
            case .revise: "revised"
            }
        }
    }

    public static func decide(_ command: Command, on state: State, by actor: WorkflowActor) -> WorkflowResult<State> {
        let from = state.status
        let allowedFrom: Status
        switch command {
        case .rate, .submit: allowedFrom = .draft
        case .accept, .return: allowedFrom = .submitted
        case .revise: allowedFrom = .returned
        }
        guard from == allowedFrom else {
            return .failure(GovernanceRefusal(.invalidTransition,
                "a status report that is \(from.rawValue) cannot be \(command.name)"))
        }
        let isAuthor = actor.userId == state.authorId || actor.managesProject

        var next = state
        var effects: [GovernanceEffect] = []
        var note: String?
        switch command {
        case .rate, .submit, .revise:
            guard isAuthor else {
                return .failure(GovernanceRefusal(.notAuthor,
                    "only the report's author or the project's manager may edit, submit or revise it"))
            }
            switch command {
            case .rate(let dimension, let colour, let comment):
                guard colour != .unknown else {
                    return .failure(GovernanceRefusal(.outOfRange, "a rating is green, amber or red"))
                }
                let suggested = state.suggested[dimension]
                let rating = Rating(suggested: suggested, value: colour,
                                    comment: comment.flatMap { $0.isBlank ? nil : $0 })
                if let suggested, rating.isOverride, rating.comment == nil {
                    return .failure(GovernanceRefusal(.commentRequired,
                        "rating \(dimension.rawValue) \(colour.rawValue) instead of the suggested "
                            + "\(suggested.rawValue) is a manual override and needs a comment"))
                }
                next.ratings[dimension] = rating
                note = "\(dimension.rawValue) \(state.ratings[dimension]?.value.rawValue ?? "unrated") → "
                    + "\(colour.rawValue)" + (rating.comment.map { ": \($0)" } ?? "")
            case .submit:
                next.status = .submitted
                effects.append(.notify(.pmo, reason: "a status report waits for review"))
            default:
                next.status = .draft
            }
        case .accept, .return:
            guard actor.isPMO else {
                return .failure(GovernanceRefusal(.pmoRequired, "only a PMO role may accept or return a status report"))
            }
            if case .return(let comment) = command {
                guard !comment.isBlank else {
                    return .failure(GovernanceRefusal(.commentRequired,
                        "a status report is returned only with a comment that says what to change"))
                }
                next.status = .returned
                next.returnComment = comment
                note = comment
                effects.append(.notify(.user(state.authorId), reason: "your status report was returned: \(comment)"))
            } else {
                next.status = .accepted
                effects.append(.notify(.user(state.authorId), reason: "your status report was accepted"))
            }
        }
        effects.append(.audit(AuditEntry(record: "status report", by: actor.userId, before: from.rawValue,
                                         after: next.status.rawValue, note: note)))
        return .success(Transition(state: next, effects: effects))
    }
}

/// When a project's status reports are due and whether one is overdue. Pure: today is an input.
///
/// Reporting periods are half-open: the first starts on `anchor`, each lasts one cadence (a week, two weeks, or a
/// month — monthly periods start on the anchor's day of the month, or the month's last day when it is shorter). The
/// report for a period `[start, end)` is due on `end + graceDays` and is overdue from the day after.
///
/// In a controlling or directive portfolio an overdue report is flagged and the project's manager and the PMO are
/// told; in a supportive portfolio reports are advice, so the check reports the lateness but asks for nothing.
public struct ReportingSchedule: Sendable, Hashable {
    public enum Cadence: String, Sendable, Hashable, CaseIterable {
        case weekly, biweekly, monthly
    }

    public var cadence: Cadence
    public var anchor: CalendarDate
    public var graceDays: Int

    public init(cadence: Cadence, anchor: CalendarDate, graceDays: Int = 0) {
        self.cadence = cadence; self.anchor = anchor; self.graceDays = graceDays
    }

    /// The start of the period `index` (0 is the first).
    public func periodStart(_ index: Int) -> CalendarDate {
        switch cadence {
        case .weekly: return anchor.adding(days: 7 * index)
        case .biweekly: return anchor.adding(days: 14 * index)
        case .monthly:
            let months = anchor.year * 12 + (anchor.month - 1) + index
            let year = months / 12, month = months % 12 + 1
            let day = min(anchor.day, CalendarDate.daysIn(month: month, year: year))
            return CalendarDate(year: year, month: month, day: day)!
        }
    }

    /// The index of the period that starts on `date`, or of the first one starting after it.
    func periodIndex(startingOnOrAfter date: CalendarDate) -> Int {
        var index = 0
        while periodStart(index) < date { index += 1 }
        return index
    }

    public enum Due: Sendable, Hashable {
        /// The next report (for the period ending, exclusive, on `periodEnd`) is due on `dueOn`.
        case onTime(periodEnd: CalendarDate, dueOn: CalendarDate)
        /// The report for the period ending on `periodEnd` was due on `dueOn` and is `daysLate` days late;
        /// `missedPeriods` reports are late in all.
        case overdue(periodEnd: CalendarDate, dueOn: CalendarDate, daysLate: Int, missedPeriods: Int)
    }

    public struct Check: Sendable, Hashable {
        public var due: Due
        public var effects: [GovernanceEffect]

        public init(due: Due, effects: [GovernanceEffect]) { self.due = due; self.effects = effects }
    }

    /// Whether a report is overdue on `today`, given the end (exclusive) of the last period a submitted report
    /// covers (`nil` when none has been submitted). An end that falls inside a period counts as covering that
    /// period too: the next report due is for the first period starting on or after it.
    public func check(lastCoveredPeriodEnd: CalendarDate?, today: CalendarDate, mode: GovernanceMode) -> Check {
        let first = lastCoveredPeriodEnd.map(periodIndex(startingOnOrAfter:)) ?? 0
        let end = periodStart(first + 1)
        let dueOn = end.adding(days: graceDays)
        guard today > dueOn else { return Check(due: .onTime(periodEnd: end, dueOn: dueOn), effects: []) }
        var missed = 1
        while periodStart(first + missed + 1).adding(days: graceDays) < today { missed += 1 }
        let daysLate = today.daysSinceEpoch - dueOn.daysSinceEpoch
        let due = Due.overdue(periodEnd: end, dueOn: dueOn, daysLate: daysLate, missedPeriods: missed)
        guard mode != .supportive else { return Check(due: due, effects: []) }
        let reason = "the status report for the period ending \(end) was due on \(dueOn) and is \(daysLate) "
            + (daysLate == 1 ? "day" : "days") + " late"
        return Check(due: due, effects: [.flagOverdueReport(periodEnd: end, daysLate: daysLate),
                                         .notify(.projectManager, reason: reason), .notify(.pmo, reason: reason)])
    }
}
