public import GantryModel

/// Who is asking: a user's id and role.
public struct Actor: Sendable, Hashable {
    public var userId: User.ID
    public var role: Role

    public init(userId: User.ID, role: Role) { self.userId = userId; self.role = role }
}

public enum Action: String, Sendable, CaseIterable {
    case view, create, update, delete
}

/// What an action is about, with the ownership facts the decision needs. Permissions are decided per portfolio
/// and per project: a portfolio manager governs the portfolios they own, a project manager the projects they manage.
public enum Subject: Sendable, Hashable {
    case portfolio(ownerId: User.ID?)
    case program(portfolioOwnerId: User.ID?)
    case project(portfolioOwnerId: User.ID?, managerId: User.ID?)
    /// Activities and dependencies of a project.
    case schedule(portfolioOwnerId: User.ID?, managerId: User.ID?)
    case calendar
    case resource
    case user(id: User.ID?)
    /// The audit trail: who changed what, when, before and after. Append-only.
    case auditLog
    /// The PMO's standards: templates and the glossary.
    case standards
    /// An intake request, with who asked and who owns the portfolio it is for.
    case intakeRequest(requesterId: User.ID?, portfolioOwnerId: User.ID?)
    /// A portfolio's scoring model for intake requests.
    case scoringModel(portfolioOwnerId: User.ID?)
    /// A person's absences (leave, training): kept by the PMO and by the person (the user the resource stands for).
    case absence(personId: User.ID?)
    /// A project's money: its budget, funding and progress snapshots (kept like its schedule).
    case finances(portfolioOwnerId: User.ID?, managerId: User.ID?)
    /// A person's timesheets: filled in by the person (the user the resource stands for) and the PMO; approving
    /// their lines is `CostApproval`'s to decide.
    case timesheet(personId: User.ID?)
    /// An expense on a project: entered by whoever spent it, or by the project's manager, its portfolio's owner or
    /// the PMO; approving it is `CostApproval`'s to decide.
    case expense(submitterId: User.ID?, portfolioOwnerId: User.ID?, managerId: User.ID?)
    /// Who stands in for a manager in approving time and expenses: kept by the manager who delegates and the PMO.
    case delegation(delegatorId: User.ID?)

    public var noun: String {
        switch self {
        case .portfolio: "portfolios"
        case .program: "programs"
        case .project: "projects"
        case .schedule: "project schedules"
        case .calendar: "calendars"
        case .resource: "resources"
        case .user: "users"
        case .auditLog: "the audit log"
        case .standards: "PMO standards (templates and the glossary)"
        case .intakeRequest: "intake requests"
        case .scoringModel: "scoring models"
        case .absence: "absences"
        case .finances: "project budgets and funding"
        case .timesheet: "timesheets"
        case .expense: "expenses"
        case .delegation: "approval delegates"
        }
    }
}

/// A permission decision and, when refused, the reason a user is shown.
public enum Decision: Sendable, Equatable {
    case allowed
    case refused(String)

    public var isAllowed: Bool { self == .allowed }
}

/// The foundation's permission policy, one function of (who, what, on what). Services ask it before every read
/// and write; handlers never decide permissions themselves.
///
/// "Change" means create, update and delete unless a row says otherwise.
///
/// | role | may change |
/// |---|---|
/// | admin | everything, including users |
/// | PMO director | every portfolio, program, project, schedule, calendar and resource, and the PMO standards |
/// | PMO analyst | every program, project (not create or delete), schedule, calendar and resource, and the PMO standards |
/// | portfolio manager | the portfolios they own (update only: creating and deleting portfolios is the PMO director's), and the programs, projects and schedules in them |
/// | project manager | the projects they manage (update only: projects are created and closed by the PMO) and their schedules |
/// | team member, executive, requester | nothing (read-only) |
///
/// Intake requests and scoring models:
///
/// | role | intake requests | scoring models |
/// |---|---|---|
/// | admin, PMO director, PMO analyst | all | all |
/// | portfolio manager | their own, and every request for a portfolio they own | those of the portfolios they own |
/// | everyone else except the executive | their own (create them for themselves, change and delete them) | none |
/// | executive | none (read-only) | none |
///
/// A project's budget and funding are kept like its schedule. A person's timesheets are kept by the PMO and the
/// person, and seen also by the portfolio and project managers who approve them; an expense by whoever spent it,
/// the project's manager, its portfolio's owner and the PMO.
///
/// A person's absences are kept by the admin, the PMO and the person themselves (the user their resource stands
/// for); skills, job roles, the capacity settings and what-if scenarios are PMO standards.
///
/// Moving a request through its states (submit, review, approve…) is `IntakeWorkflow`'s to decide.
///
/// Everyone may view portfolios, programs, projects, schedules, calendars and resources; users are listed to the
/// admin and the PMO roles, and each user may see their own record. The audit log is read by the admin and the
/// PMO roles and changed by no one: services append to it as a side effect of every change.
public enum PermissionPolicy {
    public static func decide(_ actor: Actor, _ action: Action, _ subject: Subject) -> Decision {
        if subject == .auditLog {
            guard action == .view else { return .refused("the audit log is append-only: no one may \(action.rawValue) its entries") }
            switch actor.role {
            case .admin, .pmoDirector, .pmoAnalyst: return .allowed
            default: return .refused("only the administrator and the PMO may read the audit log")
            }
        }
        if actor.role == .admin { return .allowed }
        if action == .view { return view(actor, subject) }

        let role = actor.role
        let isPMO = role == .pmoDirector || role == .pmoAnalyst
        switch subject {
        case .portfolio(let owner):
            if role == .pmoDirector { return .allowed }
            if role == .portfolioManager && action == .update {
                return owner == actor.userId ? .allowed
                    : .refused("a portfolio manager may change only the portfolios they own")
            }
        case .program(let owner):
            if isPMO { return .allowed }
            if role == .portfolioManager {
                return owner == actor.userId ? .allowed
                    : .refused("a portfolio manager may change programs only in the portfolios they own")
            }
        case .project(let owner, let manager):
            if role == .pmoDirector { return .allowed }
            if role == .pmoAnalyst && action == .update { return .allowed }
            if role == .portfolioManager {
                return owner == actor.userId ? .allowed
                    : .refused("a portfolio manager may change projects only in the portfolios they own")
            }
            if role == .projectManager && action == .update {
                return manager == actor.userId ? .allowed
                    : .refused("a project manager may change only the projects they manage")
            }
        case .schedule(let owner, let manager), .finances(let owner, let manager):
            if isPMO { return .allowed }
            if role == .portfolioManager {
                return owner == actor.userId ? .allowed
                    : .refused("a portfolio manager may change schedules only in the portfolios they own")
            }
            if role == .projectManager {
                return manager == actor.userId ? .allowed
                    : .refused("a project manager may change only the schedules of the projects they manage")
            }
        case .calendar, .resource, .standards:
            if isPMO { return .allowed }
        case .intakeRequest(let requester, let owner):
            if isPMO { return .allowed }
            if role == .portfolioManager && owner == actor.userId && action != .create { return .allowed }
            if role == .executive { break }
            return requester == actor.userId ? .allowed
                : .refused(action == .create ? "a request is created by its requester (requester_id must be you) or by the PMO"
                           : "only the requester, the portfolio's owner and the PMO may \(action.rawValue) an intake request")
        case .scoringModel(let owner):
            if isPMO { return .allowed }
            if role == .portfolioManager {
                return owner == actor.userId ? .allowed
                    : .refused("a portfolio manager may change only the scoring models of the portfolios they own")
            }
        case .absence(let person):
            if isPMO { return .allowed }
            return person != nil && person == actor.userId ? .allowed
                : .refused("only the PMO and the person themselves may \(action.rawValue) a person's absences")
        case .timesheet(let person):
            if isPMO { return .allowed }
            return person != nil && person == actor.userId ? .allowed
                : .refused("only the PMO and the person themselves may \(action.rawValue) a person's timesheets")
        case .expense(let submitter, let owner, let manager):
            if isPMO { return .allowed }
            if role == .portfolioManager && owner == actor.userId { return .allowed }
            if role == .projectManager && manager == actor.userId { return .allowed }
            if role == .executive || role == .requester { break }
            return submitter == actor.userId ? .allowed
                : .refused("an expense is entered by whoever spent it (submitted_by must be you), the project's manager or the PMO")
        case .delegation(let delegator):
            if isPMO { return .allowed }
            return delegator != nil && delegator == actor.userId ? .allowed
                : .refused("an approval delegate is named by the manager who delegates (delegator_id must be you) or by the PMO")
        case .user, .auditLog:
            break
        }
        return .refused("the \(role.title.lowercased()) role may not \(action.rawValue) \(subject.noun)")
    }

    private static func view(_ actor: Actor, _ subject: Subject) -> Decision {
        if case .timesheet(let person) = subject {
            switch actor.role {
            case .admin, .pmoDirector, .pmoAnalyst, .portfolioManager, .projectManager: return .allowed
            default:
                return person != nil && person == actor.userId ? .allowed
                    : .refused("a person's timesheets are seen by the person, the managers who approve them and the PMO")
            }
        }
        guard case .user(let id) = subject else { return .allowed }
        switch actor.role {
        case .admin, .pmoDirector, .pmoAnalyst: return .allowed
        default:
            return id == actor.userId ? .allowed : .refused("only the administrator and the PMO may see other users")
        }
    }
}
