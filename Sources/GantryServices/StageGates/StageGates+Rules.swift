public import GantryModel
public import GantryGovernance

/// Templates are PMO standards: the PMO changes them, everyone reads them. A template that projects were made from
/// is not deleted (409): it is made inactive (`active: false`), which stops it being applied to new projects and
/// keeps the record of where those projects' phases came from.
extension ProjectTemplate: ManagedEntity {
    public static func subject(of r: ProjectTemplate, in session: any StoreSession) async throws -> Subject { .standards }
    public static let listSubject = Subject.standards
    public static let filters: [String: FilterKind] = [
        "report_cadence": .oneOf(ReportCadence.allCases.map(\.rawValue)), "q": .search(["name", "description"]),
    ]

    public static func validate(_ r: ProjectTemplate, existing: ProjectTemplate?, in session: any StoreSession) async throws {
        var c = Checks()
        c.text("name", r.name, max: 200)
        c.text("description", r.description, max: 10_000, required: false)
        if r.phases.isEmpty { c.fail("phases", "phases: a template needs at least one phase") }
        if r.phases.count > 30 { c.fail("phases", "phases: at most 30 phases (there are \(r.phases.count))") }
        var phaseNames: Set<String> = []
        for (i, phase) in r.phases.enumerated() {
            let at = "phases[\(i)]"
            c.text("\(at).name", phase.name, max: 200)
            if !phaseNames.insert(phase.name.lowercased()).inserted {
                c.fail("\(at).name", "\(at).name: the template already has a phase named '\(phase.name)'")
            }
            c.text("\(at).description", phase.description, max: 5_000, required: false)
            c.text("\(at).gate.name", phase.gate.name, max: 200)
            c.criteria(phase.gate.criteria.map(PhaseCriterion.init), at: "\(at).gate.criteria")
            c.deliverables(phase.deliverables, at: "\(at).deliverables")
        }
        if r.wbs.count > 500 { c.fail("wbs", "wbs: at most 500 items (there are \(r.wbs.count))") }
        let summaries = Set(r.phases.indices.map(TemplateInstantiation.summaryCode))
        var codes: Set<String> = []
        for (k, item) in r.wbs.enumerated() {
            let at = "wbs[\(k)]"
            c.code("\(at).code", item.code, max: 64)
            if summaries.contains(item.code) {
                c.fail("\(at).code", "\(at).code '\(item.code)' is the code of phase \(item.code)'s summary; give the item its own, like \(item.code).1")
            } else if !codes.insert(item.code).inserted {
                c.fail("\(at).code", "\(at).code: another item already has the code '\(item.code)'")
            }
            c.text("\(at).name", item.name, max: 200)
            if !r.phases.indices.contains(item.phase) {
                c.fail("\(at).phase", "\(at).phase is the index of a phase, from 0 to \(max(0, r.phases.count - 1)) (it is \(item.phase))")
            }
            if item.duration.value < 0 || !item.duration.value.isFinite || item.duration.minutes() > 60 * 24 * 366 * 50 {
                c.fail("\(at).duration", "\(at).duration must be from 0 up to 50 years, like 5d (it is \(item.duration))")
            }
            if item.kind == .milestone && item.duration.value != 0 {
                c.fail("\(at).duration", "\(at) is a milestone: it has no duration (it is \(item.duration)); make it a leaf or set 0d")
            }
        }
        if r.raidCategories.count > 30 {
            c.fail("raid_categories", "raid_categories: at most 30 (there are \(r.raidCategories.count))")
        }
        var categories: Set<String> = []
        for (i, category) in r.raidCategories.enumerated() {
            c.text("raid_categories[\(i)]", category, max: 100)
            if !categories.insert(category.lowercased()).inserted {
                c.fail("raid_categories[\(i)]", "raid_categories[\(i)]: '\(category)' is listed twice")
            }
        }
        try c.throwIfAny()
        try await ensureUnique(r, ["name": .text(r.name)], "a template named '\(r.name)' already exists", in: session)
    }

    /// Refused while projects have phases made from it: make it inactive instead.
    public static func prepareDelete(_ r: ProjectTemplate, in session: any StoreSession) async throws {
        let phases = try await session.list(ProjectPhase.self, ListQuery(filters: ["template_id": .int(r.id.rawValue)]))
        let projects = Set(phases.map(\.projectId)).count
        if projects > 0 {
            throw ServiceError(.conflict, "template '\(r.name)' is in use: \(projects) project\(projects == 1 ? " was" : "s were") made from it; set active to false to stop applying it to new projects")
        }
    }
}

/// A project's phases belong to its schedule's team (the project's manager, the portfolio's owner, the PMO), and
/// everyone reads them. Their criteria are worked on by plain updates, under the stage-gate rules of the
/// portfolio's governance mode (StageGateWorkflow); their status, gate status and decisions change only through a
/// gate decision.
extension ProjectPhase: ManagedEntity {
    public static func subject(of r: ProjectPhase, in session: any StoreSession) async throws -> Subject {
        try await scheduleSubject(r.projectId, in: session)
    }
    public static let listSubject = Subject.schedule(portfolioOwnerId: nil, managerId: nil)
    public static let filters: [String: FilterKind] = [
        "project_id": .reference, "template_id": .reference, "status": .oneOf(PhaseStatus.allCases.map(\.rawValue)),
        "gate_status": .oneOf(GateStatus.allCases.map(\.rawValue)),
    ]

    static func decideAction(_ id: ID) -> String { "POST /api/v1/phases/\(id)/decide" }

    public static func validate(_ r: ProjectPhase, existing: ProjectPhase?, in session: any StoreSession) async throws {
        var c = Checks()
        c.text("name", r.name, max: 200)
        c.text("description", r.description, max: 5_000, required: false)
        c.text("gate_name", r.gateName, max: 200)
        if !(0...1000).contains(r.position) { c.fail("position", "position must be from 0 to 1000 (it is \(r.position))") }
        c.criteria(r.criteria, at: "criteria")
        c.deliverables(r.deliverables, at: "deliverables")
        if let existing {
            let action = decideAction(r.id)
            if r.status != existing.status {
                c.fail("status", "status changes only through a gate decision (\(action)), not by an update")
            }
            if r.gateStatus != existing.gateStatus {
                c.fail("gate_status", "gate_status changes only through a gate decision (\(action)), not by an update")
            }
            if r.decisions != existing.decisions {
                c.fail("decisions", "decisions are recorded only by \(action), never edited")
            }
            if r.projectId != existing.projectId { c.fail("project_id", "a phase cannot move to another project") }
            if r.position != existing.position {
                c.fail("position", "a phase keeps its place in the project (it is at position \(existing.position))")
            }
            if r.templateId != existing.templateId { c.fail("template_id", "template_id records where the phase came from and does not change") }
        } else {
            if r.status != .pending && r.status != .active {
                c.fail("status", "a new phase is pending or active; it is completed or cancelled only by a gate decision")
            }
            if r.gateStatus != .open { c.fail("gate_status", "a new phase's gate is open; it changes only by a gate decision") }
            if !r.decisions.isEmpty { c.fail("decisions", "a new phase has no decisions; they are recorded by the decide action") }
            for (i, criterion) in r.criteria.enumerated() where criterion.met != nil || criterion.score != nil {
                c.fail("criteria[\(i)]", "criteria[\(i)]: a new phase's criteria start unassessed; assess them by updating the phase")
            }
        }
        try await c.exists("project_id", r.projectId, Project.self, in: session)
        try await c.exists("template_id", r.templateId, ProjectTemplate.self, in: session)
        try c.throwIfAny()
        try await ensureUnique(r, ["project_id": .int(r.projectId.rawValue), "position": .int(Int64(r.position))],
                               "project \(r.projectId) already has a phase at position \(r.position)", in: session)
        if existing == nil && r.status == .active,
           try await session.count(ProjectPhase.self, ["project_id": .int(r.projectId.rawValue), "status": .text(PhaseStatus.active.rawValue)]) > 0 {
            throw ServiceError(.conflict, "project \(r.projectId) already has an active phase; a new phase starts pending")
        }
    }

    /// Only a phase that has not started may be deleted: an active phase's gate is decided (a kill ends the project),
    /// and a completed or cancelled phase is part of the project's record. Deleting the project takes them all.
    public static func prepareDelete(_ r: ProjectPhase, in session: any StoreSession) async throws {
        guard r.status == .pending else {
            throw ServiceError(.conflict, "phase '\(r.name)' is \(r.status.rawValue): only a pending phase may be deleted; an active phase's gate is decided with \(decideAction(r.id))")
        }
    }

    /// A change to the criteria is the stage-gate workflow's: evidence attached, must-meet criteria assessed and
    /// should-meet ones scored by whom the portfolio's mode allows, while the gate waits for a decision. Adding,
    /// removing or redefining criteria is the PMO's outside a supportive portfolio.
    public static func authorize(change r: ProjectPhase, from existing: ProjectPhase, by caller: Caller,
                                 in session: any StoreSession) async throws {
        guard r.criteria != existing.criteria, caller != .system else { return }
        guard let project = try await session.get(Project.self, r.projectId),
              let portfolio = try await session.get(Portfolio.self, project.portfolioId) else { return }
        let actor = StageGates.actor(caller, project: project, portfolio: portfolio)
        let context = StageGateWorkflow.Context(mode: portfolio.governanceMode)
        let mode = portfolio.governanceMode

        func shape(_ list: [PhaseCriterion]) -> [PhaseCriterion] {
            list.map { PhaseCriterion(name: $0.name, kind: $0.kind, definition: $0.definition,
                                      requiresEvidence: $0.requiresEvidence, weight: $0.weight) }
        }
        let old = Dictionary(existing.criteria.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        // The gate as it stood, with the criteria as they are now defined.
        var state = existing.gateState
        state.criteria = r.criteria.map { now in
            var criterion = PhaseCriterion(name: now.name, kind: now.kind, definition: now.definition,
                                           requiresEvidence: now.requiresEvidence, weight: now.weight)
            if let before = old[now.name] { criterion.met = before.met; criterion.score = before.score; criterion.evidence = before.evidence }
            return criterion.workflow
        }
        func run(_ command: StageGateWorkflow.Command, field: String, keep: Bool = true) throws {
            switch StageGateWorkflow.decide(command, on: state, by: actor, in: context) {
            case .failure(let refusal): throw refusal.serviceError(field: field)
            case .success(let transition): if keep { state = transition.state }
            }
        }
        if shape(r.criteria) != shape(existing.criteria) {
            guard existing.gateStatus.isPending else {
                throw ServiceError(.conflict, "the gate is \(existing.gateStatus.label) and its criteria can no longer change")
            }
            guard actor.isPMO || actor.managesProject else {
                throw ServiceError(.forbidden, "Not allowed: only the project's manager or a PMO role may work on its gates.")
            }
            if mode != .supportive && !actor.isPMO {
                throw ServiceError(.forbidden, "Not allowed: in a \(mode.rawValue) portfolio, only a PMO role adds, removes or redefines a gate's criteria.")
            }
        }
        for (i, now) in r.criteria.enumerated() {
            let before = old[now.name] ?? PhaseCriterion(name: now.name, kind: now.kind)
            if before.evidence != now.evidence {
                if now.evidence.starts(with: before.evidence) {
                    for item in now.evidence.dropFirst(before.evidence.count) {
                        try run(.attachEvidence(criterion: now.name, item.workflow), field: "criteria[\(i)].evidence")
                    }
                } else {
                    // Evidence removed or changed: whoever may attach evidence may correct it.
                    try run(.attachEvidence(criterion: now.name, .link(url: "", title: "")), field: "criteria[\(i)].evidence", keep: false)
                    if let index = state.criteria.firstIndex(where: { $0.name == now.name }) {
                        state.criteria[index].evidence = now.evidence.map(\.workflow)
                    }
                }
            }
            if now.isMustMeet && now.met != before.met {
                if let met = now.met {
                    try run(.assess(criterion: now.name, met: met), field: "criteria[\(i)].met")
                } else {
                    // Back to "not assessed": whoever may assess it may withdraw the assessment.
                    try run(.assess(criterion: now.name, met: false), field: "criteria[\(i)].met", keep: false)
                }
            }
            if !now.isMustMeet && now.score != before.score {
                if let score = now.score {
                    try run(.score(criterion: now.name, score: score), field: "criteria[\(i)].score")
                } else {
                    try run(.score(criterion: now.name, score: 0), field: "criteria[\(i)].score", keep: false)
                }
            }
        }
    }
}

extension Checks {
    /// A gate's criteria at `at` (`criteria`, `phases[2].gate.criteria`): named once each, weights and scores where
    /// they belong, evidence well formed, and a criterion that needs evidence met only with some.
    mutating func criteria(_ list: [PhaseCriterion], at path: String) {
        if list.count > 50 { fail(path, "\(path): at most 50 criteria (there are \(list.count))") }
        var names: Set<String> = []
        for (j, criterion) in list.enumerated() {
            let at = "\(path)[\(j)]"
            text("\(at).name", criterion.name, max: 200)
            if !names.insert(criterion.name).inserted {
                fail("\(at).name", "\(at).name: the gate already has a criterion named '\(criterion.name)'")
            }
            text("\(at).definition", criterion.definition, max: 5_000, required: false)
            if let weight = criterion.weight {
                if criterion.isMustMeet {
                    fail("\(at).weight", "\(at).weight: a must-meet criterion is met or not; only should-meet criteria have a weight")
                } else if !weight.isFinite || weight <= 0 || weight > 1000 {
                    fail("\(at).weight", "\(at).weight must be above 0 and at most 1000 (it is \(weight.clean))")
                }
            }
            if criterion.met != nil && !criterion.isMustMeet {
                fail("\(at).met", "\(at).met: a should-meet criterion is scored (score 0–10), not met")
            }
            if let score = criterion.score {
                if criterion.isMustMeet {
                    fail("\(at).score", "\(at).score: a must-meet criterion is met or not, not scored")
                } else {
                    range("\(at).score", score, 0...10)
                }
            }
            if criterion.met == true && criterion.requiresEvidence && criterion.evidence.isEmpty {
                fail("\(at).met", "\(at).met: '\(criterion.name)' can be marked met only with evidence attached")
            }
            if criterion.evidence.count > 50 { fail("\(at).evidence", "\(at).evidence: at most 50 items") }
            for (k, evidence) in criterion.evidence.enumerated() {
                self.evidence(evidence, at: "\(at).evidence[\(k)]")
            }
        }
    }

    mutating func evidence(_ e: GateEvidence, at path: String) {
        text("\(path).label", e.label, max: 200)
        switch e.kind {
        case .link:
            if let url = e.url {
                let lower = url.lowercased()
                if !(lower.hasPrefix("https://") || lower.hasPrefix("http://")) || url.count < 10 || url.count > 2000
                    || url.contains(where: { $0.isWhitespace }) {
                    fail("\(path).url", "\(path).url '\(url)' is not a web address (http:// or https://, no spaces, at most 2000 characters)")
                }
            } else {
                fail("\(path).url", "\(path).url is required for a link")
            }
            for (field, value) in [("file_name", e.fileName), ("media_type", e.mediaType)] where value != nil {
                fail("\(path).\(field)", "\(path).\(field) belongs to file evidence, not to a link")
            }
            if e.sizeBytes != nil { fail("\(path).size_bytes", "\(path).size_bytes belongs to file evidence, not to a link") }
        case .file:
            if let name = e.fileName { text("\(path).file_name", name, max: 255) } else {
                fail("\(path).file_name", "\(path).file_name is required for a file")
            }
            if let size = e.sizeBytes, size < 0 { fail("\(path).size_bytes", "\(path).size_bytes must not be negative") }
            if let type = e.mediaType, type.count > 100 || type.split(separator: "/").count != 2 {
                fail("\(path).media_type", "\(path).media_type '\(type)' is not a media type like application/pdf")
            }
            if let url = e.url, !(url.lowercased().hasPrefix("https://") || url.lowercased().hasPrefix("http://")) || url.count > 2000 {
                fail("\(path).url", "\(path).url '\(url)' is not a web address (http:// or https://)")
            }
        }
    }

    mutating func deliverables(_ list: [String], at path: String) {
        if list.count > 50 { fail(path, "\(path): at most 50 deliverables (there are \(list.count))") }
        for (i, deliverable) in list.enumerated() { text("\(path)[\(i)]", deliverable, max: 200) }
    }
}

// MARK: the model's gate values and the governance workflow's

extension GateStatus {
    init(_ status: StageGateWorkflow.Status) {
        switch status {
        case .open: self = .open
        case .onHold: self = .onHold
        case .recycled: self = .recycled
        case .passed: self = .passed
        case .killed: self = .killed
        }
    }

    var workflow: StageGateWorkflow.Status {
        switch self {
        case .open: .open
        case .onHold: .onHold
        case .recycled: .recycled
        case .passed: .passed
        case .killed: .killed
        }
    }
}

extension GateDecision {
    init(_ decision: StageGateWorkflow.Decision) {
        switch decision {
        case .go: self = .go
        case .hold: self = .hold
        case .recycle: self = .recycle
        case .kill: self = .kill
        }
    }

    var workflow: StageGateWorkflow.Decision {
        switch self {
        case .go: .go
        case .hold: .hold
        case .recycle: .recycle
        case .kill: .kill
        }
    }
}

extension ReportCadence {
    /// The reporting schedule's cadence for a template's report cadence.
    public var workflow: ReportingSchedule.Cadence {
        switch self {
        case .weekly: .weekly
        case .biweekly: .biweekly
        case .monthly: .monthly
        }
    }
}

extension GateEvidence {
    var workflow: StageGateWorkflow.Evidence {
        switch kind {
        case .link: .link(url: url ?? "", title: label)
        case .file: .file(name: fileName ?? label, mediaType: mediaType ?? "", bytes: sizeBytes ?? 0)
        }
    }
}

extension PhaseCriterion {
    var workflow: StageGateWorkflow.Criterion {
        StageGateWorkflow.Criterion(
            name: name, kind: isMustMeet ? .mustMeet : .shouldMeet(weight: weight ?? 1), requiresEvidence: requiresEvidence,
            met: met, score: score, evidence: evidence.map(\.workflow))
    }
}

extension ProjectPhase {
    /// The gate as the stage-gate workflow sees it.
    public var gateState: StageGateWorkflow.State {
        StageGateWorkflow.State(
            status: gateStatus.workflow, criteria: criteria.map(\.workflow),
            decisions: decisions.map { StageGateWorkflow.Record(decision: $0.decision.workflow, by: $0.by ?? User.ID(0),
                                                                 comment: $0.comment, unmetMustMeets: $0.unmetMustMeets) })
    }
}
