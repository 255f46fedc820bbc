import GantryGovernance
import GantryModel
import Testing

/// The users the workflow tests speak of.
enum Who {
    static let requester = User.ID(1)
    static let manager = User.ID(2)
    static let pmo = User.ID(3)
    static let stranger = User.ID(4)
}

extension WorkflowActor {
    static let director = WorkflowActor(userId: Who.pmo, role: .pmoDirector)
    static let analyst = WorkflowActor(userId: Who.pmo, role: .pmoAnalyst)
    static let admin = WorkflowActor(userId: Who.pmo, role: .admin)
    /// The manager of the project concerned.
    static let manager = WorkflowActor(userId: Who.manager, role: .projectManager, relations: [.projectManager])
    /// A project manager of some other project.
    static let otherManager = WorkflowActor(userId: Who.stranger, role: .projectManager)
    static let requester = WorkflowActor(userId: Who.requester, role: .requester)

    /// An actor named in a chart column.
    static func named(_ name: String) -> WorkflowActor {
        switch name {
        case "director": .director
        case "analyst": .analyst
        case "admin": .admin
        case "pm": .manager
        case "other pm": .otherManager
        case "owner pfm": WorkflowActor(userId: Who.stranger, role: .portfolioManager, relations: [.portfolioOwner])
        case "sponsor": WorkflowActor(userId: Who.stranger, role: .executive, relations: [.sponsor])
        case "member": WorkflowActor(userId: Who.stranger, role: .teamMember)
        case "exec": WorkflowActor(userId: Who.stranger, role: .executive)
        case "requester": .requester
        default: fatalError("unknown actor \(name)")
        }
    }
}

extension Result where Failure == GovernanceRefusal {
    var refusal: GovernanceRefusal? { if case .failure(let r) = self { r } else { nil } }
    var value: Success? { if case .success(let s) = self { s } else { nil } }
    /// "ok", or the refusal's code.
    var outcome: String {
        switch self {
        case .success: "ok"
        case .failure(let r): r.code.rawValue
        }
    }
}

/// A chart written as rows of `|`-separated cells; the first row is the header.
struct Chart {
    var header: [String]
    var rows: [[String]]

    init(_ text: String) {
        let lines = text.split(separator: "\n").map { line in
            line.split(separator: "|", omittingEmptySubsequences: false).map { cell in
                var s = Substring(cell)
                while s.first?.isWhitespace == true { s = s.dropFirst() }
                while s.last?.isWhitespace == true { s = s.dropLast() }
                return String(s)
            }
        }
        header = lines[0]
        rows = Array(lines.dropFirst())
        for row in rows { precondition(row.count == header.count, "malformed row \(row)") }
    }

    /// Every cell as (row label, column label, value).
    var cells: [(row: String, column: String, value: String)] {
        rows.flatMap { row in zip(header.dropFirst(), row.dropFirst()).map { (row[0], $0, $1) } }
    }
}

/// The checks every successful transition must pass: it is audited, by the actor, from the old state.
func expectAudited<S>(_ transition: Transition<S>?, by actor: WorkflowActor, record: String,
                      sourceLocation: SourceLocation = #_sourceLocation) {
    guard let transition else {
        Issue.record("expected a transition", sourceLocation: sourceLocation)
        return
    }
    #expect(transition.auditEntries.count == 1, sourceLocation: sourceLocation)
    #expect(transition.auditEntries.first?.by == actor.userId, sourceLocation: sourceLocation)
    #expect(transition.auditEntries.first?.record == record, sourceLocation: sourceLocation)
}

func expectRefusal<S>(_ result: Result<S, GovernanceRefusal>, _ code: GovernanceRefusal.Code, mentions words: [String] = [],
                      sourceLocation: SourceLocation = #_sourceLocation) {
    guard let refusal = result.refusal else {
        Issue.record("expected a refusal \(code)", sourceLocation: sourceLocation)
        return
    }
    #expect(refusal.code == code, sourceLocation: sourceLocation)
    #expect(!refusal.reason.isEmpty, "a refusal says why", sourceLocation: sourceLocation)
    for word in words {
        #expect(refusal.reason.contains(word), "\"\(refusal.reason)\" mentions \(word)", sourceLocation: sourceLocation)
    }
}
