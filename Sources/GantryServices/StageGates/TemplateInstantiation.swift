public import GantryModel

/// Making a project follow a template, inside the caller's transaction: the template's phases become the project's
/// phases (the first active, the rest pending, each gate's criteria copied unassessed), and its WBS skeleton becomes
/// activities: a summary per phase (coded 1, 2, 3, … like the demo's WBS) holding that phase's leaves and milestones
/// in the template's order, chained finish-to-start so the skeleton schedules as a sequence. Codes already used in
/// the project get a suffix (`1.1-2`), so every code stays unique.
///
/// Refused (409) when the template is inactive, when the project already has phases, or when it is closed or
/// cancelled. Every record made is in the audit trail.
public enum TemplateInstantiation {
    /// What applying a template made.
    public struct Made: Sendable {
        public var phases: [ProjectPhase]
        public var activities: [Activity]
        public var dependencies: [Dependency]
    }

    /// The code of the summary activity of phase `index` (from 0).
    public static func summaryCode(_ index: Int) -> String { String(index + 1) }

    /// Applies `template` to `project` as the system (an intake approval, the demo loader).
    public static func apply(_ template: ProjectTemplate, to project: Project, in session: any StoreSession,
                             at now: Timestamp) async throws {
        try await apply(template, to: project, by: .system, in: session, at: now)
    }

    /// Applies `template` to `project` for `caller`, who is named in the audit trail. The caller's permission is
    /// the caller's to check (the project's schedule must be theirs to change).
    @discardableResult
    public static func apply(_ template: ProjectTemplate, to project: Project, by caller: Caller,
                             in session: any StoreSession, at now: Timestamp) async throws -> Made {
        guard template.active else {
            throw ServiceError(.conflict, "template '\(template.name)' is inactive and cannot be applied to a project")
        }
        guard project.state != .closed && project.state != .cancelled else {
            throw ServiceError(.conflict, "project \(project.code) is \(project.state.rawValue): a template is applied to a project that is still going")
        }
        let projectFilter: [String: FilterValue] = ["project_id": .int(project.id.rawValue)]
        let existingPhases = try await session.count(ProjectPhase.self, projectFilter)
        guard existingPhases == 0 else {
            throw ServiceError(.conflict, "project \(project.code) already has \(existingPhases) phases; a template is applied only to a project without phases")
        }

        var made = Made(phases: [], activities: [], dependencies: [])
        for (i, phase) in template.phases.enumerated() {
            let record = try await session.insert(ProjectPhase(
                projectId: project.id, templateId: template.id.rawValue > 0 ? template.id : nil, position: i,
                name: phase.name, description: phase.description, status: i == 0 ? .active : .pending,
                gateName: phase.gate.name, criteria: phase.gate.criteria.map(PhaseCriterion.init), gateStatus: .open,
                deliverables: phase.deliverables, createdAt: now, updatedAt: now))
            made.phases.append(record)
        }

        let activities = try await session.list(Activity.self, ListQuery(filters: projectFilter))
        var codes = Set(activities.map(\.code))
        func unique(_ code: String) -> String {
            var candidate = code, n = 1
            while codes.contains(candidate) { n += 1; candidate = "\(code)-\(n)" }
            codes.insert(candidate)
            return candidate
        }
        let firstPosition = (activities.filter { $0.parentId == nil }.map(\.position).max() ?? -1) + 1
        var previous: Activity?
        for (i, phase) in template.phases.enumerated() {
            let items = template.wbs.filter { $0.phase == i }
            guard !items.isEmpty else { continue }
            let summary = try await session.insert(Activity(
                projectId: project.id, position: firstPosition + i, code: unique(summaryCode(i)), name: phase.name,
                kind: .summary, createdAt: now, updatedAt: now))
            made.activities.append(summary)
            for (k, item) in items.enumerated() {
                let activity = try await session.insert(Activity(
                    projectId: project.id, parentId: summary.id, position: k, code: unique(item.code), name: item.name,
                    kind: item.kind == .milestone ? .milestone : .leaf, duration: item.duration,
                    createdAt: now, updatedAt: now))
                made.activities.append(activity)
                if let previous {
                    made.dependencies.append(try await session.insert(Dependency(
                        projectId: project.id, predecessorId: previous.id, successorId: activity.id, createdAt: now,
                        updatedAt: now)))
                }
                previous = activity
            }
        }
        if !made.activities.isEmpty { try await session.bumpScheduleRevision(of: project.id) }
        for phase in made.phases { try await Audit.record(.create, phase, before: nil, after: phase, by: caller, at: now, in: session) }
        for activity in made.activities {
            try await Audit.record(.create, activity, before: nil, after: activity, by: caller, at: now, in: session)
        }
        for link in made.dependencies { try await Audit.record(.create, link, before: nil, after: link, by: caller, at: now, in: session) }
        // The project reports its status on the template's cadence.
        if let current = try await session.get(Project.self, project.id), current.reportCadence != template.reportCadence {
            var cadenced = current
            cadenced.reportCadence = template.reportCadence
            cadenced.updatedAt = now
            if let saved = try await session.update(cadenced, expectedVersion: current.version) {
                try await Audit.record(.update, saved, before: current, after: saved, by: caller, at: now, in: session)
            }
        }
        return made
    }
}
