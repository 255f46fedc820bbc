/// Project templates and the phases and stage gates of a project (issue 4: "templates defined by the PMO: phases,
/// the gates between them with their criteria, a WBS skeleton, required deliverables, default RAID categories,
/// report cadence"; "each phase ends in a gate with criteria (must-meet or should-meet), required evidence (links
/// or file metadata), and a review: the decision go / hold / recycle / kill, by whom, when, with a comment").
///
/// The nested values read strictly: an unknown key, or a value that is not one of an enum's cases, is refused with
/// its path (`phases[2].gate.criteria[0].kind`), so a typo never silently drops a criterion's setting. Keys that
/// have an obvious default (a description, `requires_evidence`, the evidence of a new criterion) may be left out.

/// A gate criterion is a knock-out question (met or not) or a scored one (0–10, weighted).
public enum CriterionKind: String, CaseIterable, Sendable, Codable {
    case mustMeet = "must_meet", shouldMeet = "should_meet"

    public init(from decoder: any Decoder) throws { self = try decodeCase(from: decoder) }
}

/// A WBS skeleton item becomes a leaf activity or a milestone under its phase's summary.
public enum TemplateItemKind: String, CaseIterable, Sendable, Codable {
    case leaf, milestone

    public init(from decoder: any Decoder) throws { self = try decodeCase(from: decoder) }
}

/// How often a project reports status: the cases of the governance target's `ReportingSchedule.Cadence`.
public enum ReportCadence: String, CaseIterable, Sendable, Codable {
    case weekly, biweekly, monthly

    public init(from decoder: any Decoder) throws { self = try decodeCase(from: decoder) }
}

/// Where a phase of a project stands. A project has at most one active phase: the one whose gate is next.
public enum PhaseStatus: String, CaseIterable, Sendable, Codable {
    /// Not started: a phase before it is still open.
    case pending
    /// Under way; its gate waits for a decision (open, on hold or recycled).
    case active
    /// Its gate was passed (go).
    case completed
    /// The project was killed at this gate, or before this phase started.
    case cancelled

    public init(from decoder: any Decoder) throws { self = try decodeCase(from: decoder) }
}

/// A gate's state: the cases of the governance target's `StageGateWorkflow.Status`.
public enum GateStatus: String, CaseIterable, Sendable, Codable {
    case open, onHold = "on_hold", recycled, passed, killed

    public init(from decoder: any Decoder) throws { self = try decodeCase(from: decoder) }

    public var label: String { self == .onHold ? "on hold" : rawValue }
    /// Whether the gate still waits for a decision.
    public var isPending: Bool { self == .open || self == .onHold || self == .recycled }
}

/// A gate decision: the cases of the governance target's `StageGateWorkflow.Decision`.
public enum GateDecision: String, CaseIterable, Sendable, Codable {
    case go, hold, recycle, kill

    public init(from decoder: any Decoder) throws { self = try decodeCase(from: decoder) }
}

public enum EvidenceKind: String, CaseIterable, Sendable, Codable {
    case link, file

    public init(from decoder: any Decoder) throws { self = try decodeCase(from: decoder) }
}

/// A criterion as a template defines it.
public struct GateCriterion: Sendable, Hashable, Codable {
    public var name: String
    public var kind: CriterionKind
    /// What meeting it means, in the PMO's words.
    public var definition: String
    /// A must-meet criterion that can be marked met only with evidence attached.
    public var requiresEvidence: Bool
    /// A should-meet criterion's weight (any positive number; 1 when absent).
    public var weight: Double?

    public init(name: String, kind: CriterionKind, definition: String = "", requiresEvidence: Bool = false,
                weight: Double? = nil) {
        self.name = name; self.kind = kind; self.definition = definition; self.requiresEvidence = requiresEvidence
        self.weight = weight
    }

    public init(from decoder: any Decoder) throws {
        let c = try StrictKeys.container(decoder, ["name", "kind", "definition", "requires_evidence", "weight"])
        name = try c.decode(String.self, forKey: "name")
        kind = try c.decode(CriterionKind.self, forKey: "kind")
        definition = try c.decodeIfPresent(String.self, forKey: "definition") ?? ""
        requiresEvidence = try c.decodeIfPresent(Bool.self, forKey: "requires_evidence") ?? false
        weight = try c.decodeIfPresent(Double.self, forKey: "weight")
    }
}

/// The gate that ends a template's phase.
public struct TemplateGate: Sendable, Hashable, Codable {
    public var name: String
    public var criteria: [GateCriterion]

    public init(name: String, criteria: [GateCriterion] = []) { self.name = name; self.criteria = criteria }

    public init(from decoder: any Decoder) throws {
        let c = try StrictKeys.container(decoder, ["name", "criteria"])
        name = try c.decode(String.self, forKey: "name")
        criteria = try c.decodeIfPresent([GateCriterion].self, forKey: "criteria") ?? []
    }
}

/// A phase of a template, in order: what it is for, the gate that ends it, the deliverables it must produce.
public struct TemplatePhase: Sendable, Hashable, Codable {
    public var name: String
    public var description: String
    public var gate: TemplateGate
    public var deliverables: [String]

    public init(name: String, description: String = "", gate: TemplateGate, deliverables: [String] = []) {
        self.name = name; self.description = description; self.gate = gate; self.deliverables = deliverables
    }

    public init(from decoder: any Decoder) throws {
        let c = try StrictKeys.container(decoder, ["name", "description", "gate", "deliverables"])
        name = try c.decode(String.self, forKey: "name")
        description = try c.decodeIfPresent(String.self, forKey: "description") ?? ""
        gate = try c.decode(TemplateGate.self, forKey: "gate")
        deliverables = try c.decodeIfPresent([String].self, forKey: "deliverables") ?? []
    }
}

/// An item of a template's WBS skeleton: a leaf or a milestone under the summary of phase `phase` (an index into
/// the template's phases, from 0).
public struct TemplateItem: Sendable, Hashable, Codable {
    public var code: String
    public var name: String
    public var phase: Int
    public var duration: WorkDuration
    public var kind: TemplateItemKind

    public init(code: String, name: String, phase: Int, duration: WorkDuration = .zero, kind: TemplateItemKind = .leaf) {
        self.code = code; self.name = name; self.phase = phase; self.duration = duration; self.kind = kind
    }

    public init(from decoder: any Decoder) throws {
        let c = try StrictKeys.container(decoder, ["code", "name", "phase", "duration", "kind"])
        code = try c.decode(String.self, forKey: "code")
        name = try c.decode(String.self, forKey: "name")
        phase = try c.decode(Int.self, forKey: "phase")
        kind = try c.decodeIfPresent(TemplateItemKind.self, forKey: "kind") ?? .leaf
        duration = try c.decodeIfPresent(WorkDuration.self, forKey: "duration") ?? .zero
    }
}

/// A project template, one of the PMO's standards: the phases and gates a project goes through, a WBS skeleton,
/// the RAID categories its log starts with and how often it reports. Applying it to a project copies all this
/// into the project (its phases and activities); later changes to the template do not reach projects made from it.
public struct ProjectTemplate: Entity, Hashable {
    public typealias ID = EntityID<ProjectTemplate>
    public static let kindName = "template"
    public var id: ID
    public var version: Int
    public var name: String
    public var description: String
    public var phases: [TemplatePhase]
    public var wbs: [TemplateItem]
    public var raidCategories: [String]
    public var reportCadence: ReportCadence
    /// Only an active template can be applied to a project.
    public var active: Bool
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(id: ID = ID(0), version: Int = 1, name: String, description: String = "", phases: [TemplatePhase] = [],
                wbs: [TemplateItem] = [], raidCategories: [String] = [], reportCadence: ReportCadence = .monthly,
                active: Bool = true, createdAt: Timestamp, updatedAt: Timestamp) {
        self.id = id; self.version = version; self.name = name; self.description = description; self.phases = phases
        self.wbs = wbs; self.raidCategories = raidCategories; self.reportCadence = reportCadence; self.active = active
        self.createdAt = createdAt; self.updatedAt = updatedAt
    }
}

/// Evidence for a gate criterion: a link (`url`), or the metadata of a file kept elsewhere (`file_name`,
/// `size_bytes`, `media_type`).
public struct GateEvidence: Sendable, Hashable, Codable {
    public var kind: EvidenceKind
    public var label: String
    public var url: String?
    public var fileName: String?
    public var sizeBytes: Int64?
    public var mediaType: String?

    public init(kind: EvidenceKind, label: String, url: String? = nil, fileName: String? = nil, sizeBytes: Int64? = nil,
                mediaType: String? = nil) {
        self.kind = kind; self.label = label; self.url = url; self.fileName = fileName; self.sizeBytes = sizeBytes
        self.mediaType = mediaType
    }

    public static func link(_ label: String, _ url: String) -> GateEvidence { GateEvidence(kind: .link, label: label, url: url) }

    public init(from decoder: any Decoder) throws {
        let c = try StrictKeys.container(decoder, ["kind", "label", "url", "file_name", "size_bytes", "media_type"])
        kind = try c.decode(EvidenceKind.self, forKey: "kind")
        label = try c.decodeIfPresent(String.self, forKey: "label") ?? ""
        url = try c.decodeIfPresent(String.self, forKey: "url")
        fileName = try c.decodeIfPresent(String.self, forKey: "file_name")
        sizeBytes = try c.decodeIfPresent(Int64.self, forKey: "size_bytes")
        mediaType = try c.decodeIfPresent(String.self, forKey: "media_type")
    }
}

/// A criterion of a project's gate: the template's definition with its assessment and evidence.
public struct PhaseCriterion: Sendable, Hashable, Codable {
    public var name: String
    public var kind: CriterionKind
    public var definition: String
    public var requiresEvidence: Bool
    public var weight: Double?
    /// A must-meet criterion's assessment; nil until assessed (and counted as unmet).
    public var met: Bool?
    public var evidence: [GateEvidence]
    /// A should-meet criterion's score, 0 to 10; nil until scored.
    public var score: Double?

    public init(name: String, kind: CriterionKind, definition: String = "", requiresEvidence: Bool = false,
                weight: Double? = nil, met: Bool? = nil, evidence: [GateEvidence] = [], score: Double? = nil) {
        self.name = name; self.kind = kind; self.definition = definition; self.requiresEvidence = requiresEvidence
        self.weight = weight; self.met = met; self.evidence = evidence; self.score = score
    }

    /// A template's criterion, not yet assessed.
    public init(_ criterion: GateCriterion) {
        self.init(name: criterion.name, kind: criterion.kind, definition: criterion.definition,
                  requiresEvidence: criterion.requiresEvidence, weight: criterion.weight)
    }

    public init(from decoder: any Decoder) throws {
        let c = try StrictKeys.container(decoder, ["name", "kind", "definition", "requires_evidence", "weight", "met",
                                                   "evidence", "score"])
        name = try c.decode(String.self, forKey: "name")
        kind = try c.decode(CriterionKind.self, forKey: "kind")
        definition = try c.decodeIfPresent(String.self, forKey: "definition") ?? ""
        requiresEvidence = try c.decodeIfPresent(Bool.self, forKey: "requires_evidence") ?? false
        weight = try c.decodeIfPresent(Double.self, forKey: "weight")
        met = try c.decodeIfPresent(Bool.self, forKey: "met")
        evidence = try c.decodeIfPresent([GateEvidence].self, forKey: "evidence") ?? []
        score = try c.decodeIfPresent(Double.self, forKey: "score")
    }

    public var isMustMeet: Bool { kind == .mustMeet }
}

/// One decision taken at a gate.
public struct GateDecisionRecord: Sendable, Hashable, Codable {
    public var decision: GateDecision
    /// Who decided; nil when the system did (the demo loader).
    public var by: User.ID?
    public var at: Timestamp
    public var comment: String
    /// The must-meet criteria not met when a go was decided (a PMO override, or advice ignored when supportive).
    public var unmetMustMeets: [String]

    public init(decision: GateDecision, by: User.ID?, at: Timestamp, comment: String, unmetMustMeets: [String] = []) {
        self.decision = decision; self.by = by; self.at = at; self.comment = comment; self.unmetMustMeets = unmetMustMeets
    }

    public init(from decoder: any Decoder) throws {
        let c = try StrictKeys.container(decoder, ["decision", "by", "at", "comment", "unmet_must_meets"])
        decision = try c.decode(GateDecision.self, forKey: "decision")
        by = try c.decodeIfPresent(User.ID.self, forKey: "by")
        at = try c.decode(Timestamp.self, forKey: "at")
        comment = try c.decodeIfPresent(String.self, forKey: "comment") ?? ""
        unmetMustMeets = try c.decodeIfPresent([String].self, forKey: "unmet_must_meets") ?? []
    }
}

/// A phase of a project and the gate that ends it. `status`, `gate_status` and `decisions` change only through a
/// gate decision (`POST /api/v1/phases/{id}/decide`), never by a plain update.
public struct ProjectPhase: Entity, Hashable {
    public typealias ID = EntityID<ProjectPhase>
    public static let kindName = "phase"
    public var id: ID
    public var version: Int
    public var projectId: Project.ID
    /// The template the phase was copied from, if any.
    public var templateId: ProjectTemplate.ID?
    /// The phase's place in the project, from 0.
    public var position: Int
    public var name: String
    public var description: String
    public var status: PhaseStatus
    public var gateName: String
    /// When the gate review is planned.
    public var gateDate: CalendarDate?
    public var criteria: [PhaseCriterion]
    public var gateStatus: GateStatus
    /// Every decision taken at the gate, oldest first.
    public var decisions: [GateDecisionRecord]
    /// The deliverables the phase must produce.
    public var deliverables: [String]
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(id: ID = ID(0), version: Int = 1, projectId: Project.ID, templateId: ProjectTemplate.ID? = nil,
                position: Int = 0, name: String, description: String = "", status: PhaseStatus = .pending,
                gateName: String = "", gateDate: CalendarDate? = nil, criteria: [PhaseCriterion] = [],
                gateStatus: GateStatus = .open, decisions: [GateDecisionRecord] = [], deliverables: [String] = [],
                createdAt: Timestamp, updatedAt: Timestamp) {
        self.id = id; self.version = version; self.projectId = projectId; self.templateId = templateId
        self.position = position; self.name = name; self.description = description; self.status = status
        self.gateName = gateName; self.gateDate = gateDate; self.criteria = criteria; self.gateStatus = gateStatus
        self.decisions = decisions; self.deliverables = deliverables; self.createdAt = createdAt; self.updatedAt = updatedAt
    }

    /// The must-meet criteria not (yet) met.
    public var unmetMustMeets: [String] { criteria.filter { $0.isMustMeet && $0.met != true }.map(\.name) }
}

// MARK: strict reading

/// A coding key for any name, so a decoder can list the keys it was given and refuse the ones it does not know.
struct StrictKeys: CodingKey, ExpressibleByStringLiteral {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
    init(stringLiteral value: String) { stringValue = value }

    /// The keyed container of an object whose keys must all be among `known` (snake_case wire names).
    static func container(_ decoder: any Decoder, _ known: Set<String>) throws -> KeyedDecodingContainer<StrictKeys> {
        let c = try decoder.container(keyedBy: StrictKeys.self)
        for key in c.allKeys.sorted(by: { $0.stringValue < $1.stringValue }) where !known.contains(key.stringValue) {
            throw DecodingError.dataCorrupted(.init(
                codingPath: c.codingPath + [key],
                debugDescription: "'\(key.stringValue)' is not a field here; the fields are \(known.sorted().joined(separator: ", "))"))
        }
        return c
    }
}

/// Reads an enum from its raw string, naming the allowed values when the string is none of them.
func decodeCase<E: RawRepresentable & CaseIterable>(from decoder: any Decoder) throws -> E where E.RawValue == String {
    let c = try decoder.singleValueContainer()
    let text = try c.decode(String.self)
    guard let value = E(rawValue: text) else {
        throw DecodingError.dataCorruptedError(
            in: c, debugDescription: "'\(text)' is not one of: \(E.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    return value
}
