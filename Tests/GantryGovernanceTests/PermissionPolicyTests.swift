import GantryGovernance
import GantryModel
import Testing

/// The permission policy written out as a table, cell by cell, from the rules in `PermissionPolicy`'s doc comment
/// (the spec):
///
/// | role | may change |
/// |---|---|
/// | admin | everything, including users |
/// | PMO director | every portfolio, program, project, schedule, calendar and resource, and the PMO standards |
/// | PMO analyst | every program, project (not create or delete), schedule, calendar and resource, and the PMO standards |
/// | portfolio manager | the portfolios they own, and the programs, projects and schedules in them |
/// | project manager | the projects they manage and their schedules |
/// | team member, executive, requester | nothing (read-only) |
///
/// Intake requests: the PMO changes all; a portfolio manager changes (not creates) the requests for portfolios
/// they own; everyone but the executive creates, changes and deletes their own. Scoring models: the PMO, and a
/// portfolio manager for the portfolios they own.
///
/// "Everyone may view portfolios, programs, projects, schedules, calendars and resources; users are listed to the
/// admin and the PMO roles, and each user may see their own record. The audit log is read by the admin and the
/// PMO roles and changed by no one."
///
/// "Change" means create, update and delete unless the doc comment's row says "update only".
/// The asker is always user 1 ("me"); "other" is user 2; "none" is no owner or manager.
/// Each cell lists the actions allowed: V view, C create, U update, D delete; `-` marks one refused.
@Suite("Permission policy")
struct PermissionPolicyTests {
    static let me = User.ID(1)
    static let other = User.ID(2)

    static let roles: [Role] = [.admin, .pmoDirector, .pmoAnalyst, .portfolioManager, .projectManager, .teamMember,
                                .executive, .requester]

    static let chart = """
        subject                          | admin | director | analyst | pfm  | pm   | member | exec | requester
        portfolio(owner: me)             | VCUD  | VCUD     | V---    | V-U- | V--- | V---   | V--- | V---
        portfolio(owner: other)          | VCUD  | VCUD     | V---    | V--- | V--- | V---   | V--- | V---
        portfolio(owner: none)           | VCUD  | VCUD     | V---    | V--- | V--- | V---   | V--- | V---
        program(owner: me)               | VCUD  | VCUD     | VCUD    | VCUD | V--- | V---   | V--- | V---
        program(owner: other)            | VCUD  | VCUD     | VCUD    | V--- | V--- | V---   | V--- | V---
        program(owner: none)             | VCUD  | VCUD     | VCUD    | V--- | V--- | V---   | V--- | V---
        project(owner: me, pm: me)       | VCUD  | VCUD     | V-U-    | VCUD | V-U- | V---   | V--- | V---
        project(owner: me, pm: other)    | VCUD  | VCUD     | V-U-    | VCUD | V--- | V---   | V--- | V---
        project(owner: other, pm: me)    | VCUD  | VCUD     | V-U-    | V--- | V-U- | V---   | V--- | V---
        project(owner: other, pm: other) | VCUD  | VCUD     | V-U-    | V--- | V--- | V---   | V--- | V---
        project(owner: none, pm: none)   | VCUD  | VCUD     | V-U-    | V--- | V--- | V---   | V--- | V---
        schedule(owner: me, pm: me)      | VCUD  | VCUD     | VCUD    | VCUD | VCUD | V---   | V--- | V---
        schedule(owner: me, pm: other)   | VCUD  | VCUD     | VCUD    | VCUD | V--- | V---   | V--- | V---
        schedule(owner: other, pm: me)   | VCUD  | VCUD     | VCUD    | V--- | VCUD | V---   | V--- | V---
        schedule(owner: other, pm: other)| VCUD  | VCUD     | VCUD    | V--- | V--- | V---   | V--- | V---
        schedule(owner: none, pm: none)  | VCUD  | VCUD     | VCUD    | V--- | V--- | V---   | V--- | V---
        calendar                         | VCUD  | VCUD     | VCUD    | V--- | V--- | V---   | V--- | V---
        resource                         | VCUD  | VCUD     | VCUD    | V--- | V--- | V---   | V--- | V---
        user(me)                         | VCUD  | V---     | V---    | V--- | V--- | V---   | V--- | V---
        user(other)                      | VCUD  | V---     | V---    | ---- | ---- | ----   | ---- | ----
        user(none)                       | VCUD  | V---     | V---    | ---- | ---- | ----   | ---- | ----
        audit log                        | V---  | V---     | V---    | ---- | ---- | ----   | ---- | ----
        standards                        | VCUD  | VCUD     | VCUD    | V--- | V--- | V---   | V--- | V---
        request(req: me, owner: other)   | VCUD  | VCUD     | VCUD    | VCUD | VCUD | VCUD   | V--- | VCUD
        request(req: other, owner: me)   | VCUD  | VCUD     | VCUD    | V-UD | V--- | V---   | V--- | V---
        request(req: other, owner: other)| VCUD  | VCUD     | VCUD    | V--- | V--- | V---   | V--- | V---
        scoring(owner: me)               | VCUD  | VCUD     | VCUD    | VCUD | V--- | V---   | V--- | V---
        scoring(owner: other)            | VCUD  | VCUD     | VCUD    | V--- | V--- | V---   | V--- | V---
        """

    static func subject(_ name: String) -> Subject {
        func who(_ s: String) -> User.ID? { s == "me" ? me : s == "other" ? other : nil }
        let inner = name.drop { $0 != "(" }.dropFirst().dropLast()
        let values = inner.split(separator: ",").map { part in
            String(part.split(separator: ":").last ?? part).trimmingCharacters()
        }
        switch name.prefix { $0 != "(" } {
        case "portfolio": return .portfolio(ownerId: who(values[0]))
        case "program": return .program(portfolioOwnerId: who(values[0]))
        case "project": return .project(portfolioOwnerId: who(values[0]), managerId: who(values[1]))
        case "schedule": return .schedule(portfolioOwnerId: who(values[0]), managerId: who(values[1]))
        case "calendar": return .calendar
        case "resource": return .resource
        case "user": return .user(id: who(values[0]))
        case "audit log": return .auditLog
        case "standards": return .standards
        case "request": return .intakeRequest(requesterId: who(values[0]), portfolioOwnerId: who(values[1]))
        case "scoring": return .scoringModel(portfolioOwnerId: who(values[0]))
        default: fatalError("unknown subject \(name)")
        }
    }

    struct Cell: Sendable, CustomTestStringConvertible {
        var role: Role
        var action: Action
        var subjectName: String
        var allowed: Bool

        var testDescription: String { "\(role.title.lowercased()) \(action.rawValue) \(subjectName)" }
    }

    static let cells: [Cell] = {
        let rows = chart.split(separator: "\n").dropFirst()
        var cells: [Cell] = []
        for row in rows {
            let columns = row.split(separator: "|").map { String($0).trimmingCharacters() }
            precondition(columns.count == roles.count + 1, "malformed row \(row)")
            for (role, grant) in zip(roles, columns.dropFirst()) {
                precondition(grant.count == 4, "malformed cell in \(row)")
                for (action, letter) in zip(Action.allCases, grant) {
                    precondition(letter == "-" || letter == action.rawValue.uppercased().first!, "cell \(grant) in \(row)")
                    cells.append(Cell(role: role, action: action, subjectName: columns[0], allowed: letter != "-"))
                }
            }
        }
        return cells
    }()

    @Test("the table covers every role, action and subject")
    func coverage() {
        #expect(Set(Self.cells.map(\.role)) == Set(Role.allCases))
        #expect(Self.roles.count == Role.allCases.count)
        #expect(Action.allCases == [.view, .create, .update, .delete], "the chart's columns are V, C, U, D")
        #expect(Self.cells.count == 28 * 8 * 4)
        // Every kind of subject appears.
        let kinds = Set(Self.cells.map { Self.subject($0.subjectName).noun })
        #expect(kinds == ["portfolios", "programs", "projects", "project schedules", "calendars", "resources", "users",
                          "the audit log", "PMO standards (templates and the glossary)", "intake requests",
                          "scoring models"])
    }

    @Test("each role may do what the table says, and nothing more", arguments: cells)
    func decide(cell: Cell) {
        let actor = Actor(userId: Self.me, role: cell.role)
        let decision = PermissionPolicy.decide(actor, cell.action, Self.subject(cell.subjectName))
        #expect(decision.isAllowed == cell.allowed)
        if case .refused(let reason) = decision {
            #expect(!reason.trimmingCharacters().isEmpty, "a refusal says why")
        }
    }

    @Test("a refusal names what was refused")
    func reasons() {
        func reason(_ role: Role, _ action: Action, _ subject: Subject) -> String? {
            if case .refused(let r) = PermissionPolicy.decide(Actor(userId: Self.me, role: role), action, subject) {
                return r
            }
            return nil
        }
        #expect(reason(.teamMember, .update, .calendar)?.contains("calendars") == true)
        #expect(reason(.executive, .delete, .project(portfolioOwnerId: nil, managerId: nil))?.contains("delete") == true)
        #expect(reason(.portfolioManager, .update, .portfolio(ownerId: Self.other))?.contains("own") == true)
        #expect(reason(.projectManager, .update, .schedule(portfolioOwnerId: nil, managerId: Self.other))?.contains("manage") == true)
        #expect(reason(.requester, .view, .user(id: Self.other))?.isEmpty == false)
        #expect(reason(.admin, .delete, .user(id: Self.other)) == nil)
    }

    @Test("ownership is by the asker's id, not by the role alone")
    func ownershipFollowsTheAsker() {
        let subject = Subject.schedule(portfolioOwnerId: Self.other, managerId: Self.other)
        #expect(PermissionPolicy.decide(Actor(userId: Self.other, role: .projectManager), .update, subject).isAllowed)
        #expect(!PermissionPolicy.decide(Actor(userId: Self.me, role: .projectManager), .update, subject).isAllowed)
        #expect(PermissionPolicy.decide(Actor(userId: Self.other, role: .portfolioManager), .delete, subject).isAllowed)
        #expect(!PermissionPolicy.decide(Actor(userId: Self.me, role: .portfolioManager), .delete, subject).isAllowed)
        // A portfolio without an owner is nobody's to change but the PMO's.
        let unowned = Subject.program(portfolioOwnerId: nil)
        #expect(!PermissionPolicy.decide(Actor(userId: Self.me, role: .portfolioManager), .create, unowned).isAllowed)
    }
}

extension String {
    func trimmingCharacters() -> String {
        var s = Substring(self)
        while s.first?.isWhitespace == true { s = s.dropFirst() }
        while s.last?.isWhitespace == true { s = s.dropLast() }
        return String(s)
    }
}
