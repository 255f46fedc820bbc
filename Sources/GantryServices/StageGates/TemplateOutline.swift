public import GantryModel

/// A template's phases, gates, criteria, deliverables and WBS skeleton written one entry per line, for people who
/// type a template into a form rather than send JSON:
///
///     phase: Initiate | Confirm the business case, the sponsor and the team
///     gate: Initiation gate
///     must: Business case approved | The sponsor signed the business case | evidence
///     should: Strategic fit | Scores 6 or more against the strategic drivers | weight 2
///     deliverable: Project charter
///     task: 1.1 | Kick-off workshop | 2d
///     milestone: 1.M | Charter signed
///
/// `phase:` starts a phase (name, then an optional description); the lines after it belong to it until the next
/// `phase:`. `gate:` names its gate (without it the gate is "<phase> gate"). `must:` and `should:` add a must-meet or
/// should-meet criterion: its name, an optional definition, and options — `evidence` (it can be met only with
/// evidence attached) and `weight N` (a should-meet criterion's weight). `task:` and `milestone:` add WBS items
/// (code | name | duration; a milestone has none). Blank lines and lines starting with `#` are skipped.
public enum TemplateOutline {
    /// The phases and WBS items the text describes, or the problems found, each naming its line.
    public static func parse(_ text: String) -> Result<(phases: [TemplatePhase], wbs: [TemplateItem]), ServiceError> {
        var phases: [TemplatePhase] = []
        var wbs: [TemplateItem] = []
        var problems: [FieldProblem] = []
        var namedGate: Set<Int> = []
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(raw).trimmingCharacters(in: " \t\r")
            if line.isEmpty || line.hasPrefix("#") { continue }
            func fail(_ message: String) { problems.append(FieldProblem(field: "phases", message: "line \(n + 1): \(message)")) }
            guard let colon = line.firstIndex(of: ":") else {
                fail("'\(line)' does not start with phase:, gate:, must:, should:, deliverable:, task: or milestone:")
                continue
            }
            let keyword = line[..<colon].lowercased()
            let parts = line[line.index(after: colon)...].split(separator: "|", omittingEmptySubsequences: false)
                .map { String($0).trimmingCharacters(in: " \t") }
            if keyword == "phase" {
                phases.append(TemplatePhase(name: parts[0], description: parts.dropFirst().joined(separator: " | "),
                                            gate: TemplateGate(name: parts[0].isEmpty ? "" : "\(parts[0]) gate")))
                if parts[0].isEmpty { fail("a phase needs a name") }
                continue
            }
            guard !phases.isEmpty else {
                fail("'\(keyword):' comes before the first 'phase:' line; start with a phase")
                continue
            }
            let p = phases.count - 1
            switch keyword {
            case "gate":
                if namedGate.contains(p) { fail("phase '\(phases[p].name)' already has a gate") }
                namedGate.insert(p)
                phases[p].gate.name = parts.joined(separator: " | ")
            case "must", "should":
                var criterion = GateCriterion(name: parts[0], kind: keyword == "must" ? .mustMeet : .shouldMeet,
                                              definition: parts.count > 1 ? parts[1] : "")
                for option in parts.dropFirst(2) {
                    let words = option.lowercased().split(separator: " ")
                    if words == ["evidence"] {
                        criterion.requiresEvidence = true
                    } else if words.count == 2, words[0] == "weight", let w = Double(words[1]) {
                        criterion.weight = w
                    } else if !option.isEmpty {
                        fail("'\(option)' is not an option of a criterion (write 'evidence' or 'weight 2')")
                    }
                }
                if criterion.name.isEmpty { fail("a criterion needs a name") }
                phases[p].gate.criteria.append(criterion)
            case "deliverable":
                phases[p].deliverables.append(parts.joined(separator: " | "))
            case "task", "milestone":
                let milestone = keyword == "milestone"
                guard parts.count >= 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                    fail("write \(keyword): code | name\(milestone ? "" : " | duration, like task: 1.1 | Kick-off workshop | 2d")")
                    continue
                }
                var duration = WorkDuration.zero
                if parts.count > 2, !parts[2].isEmpty {
                    if let d = WorkDuration(text: parts[2]) { duration = d } else {
                        fail("'\(parts[2])' is not a duration; write a number and a unit: 5d, 3.5h, 2w")
                    }
                }
                if parts.count > 3 { fail("\(keyword): takes code | name | duration, not more") }
                wbs.append(TemplateItem(code: parts[0], name: parts[1], phase: p, duration: duration,
                                        kind: milestone ? .milestone : .leaf))
            default:
                fail("'\(keyword):' is not one of phase:, gate:, must:, should:, deliverable:, task:, milestone:")
            }
        }
        if phases.isEmpty && problems.isEmpty {
            problems.append(FieldProblem(field: "phases", message: "write at least one 'phase:' line"))
        }
        return problems.isEmpty ? .success((phases, wbs)) : .failure(.invalid(problems))
    }

    /// The text form of a template's phases and WBS items: `parse` reads it back to the same values.
    public static func text(phases: [TemplatePhase], wbs: [TemplateItem]) -> String {
        var lines: [String] = []
        for (p, phase) in phases.enumerated() {
            if p > 0 { lines.append("") }
            lines.append("phase: \(phase.name)" + (phase.description.isEmpty ? "" : " | \(phase.description)"))
            lines.append("gate: \(phase.gate.name)")
            for c in phase.gate.criteria {
                var parts = [c.name]
                var options: [String] = []
                if c.requiresEvidence { options.append("evidence") }
                if let w = c.weight { options.append("weight \(w.clean)") }
                if !c.definition.isEmpty || !options.isEmpty { parts.append(c.definition) }
                parts += options
                lines.append("\(c.kind == .mustMeet ? "must" : "should"): " + parts.joined(separator: " | "))
            }
            for d in phase.deliverables { lines.append("deliverable: \(d)") }
            for item in wbs where item.phase == p {
                lines.append(item.kind == .milestone ? "milestone: \(item.code) | \(item.name)"
                                                     : "task: \(item.code) | \(item.name) | \(item.duration)")
            }
        }
        return lines.joined(separator: "\n")
    }
}
