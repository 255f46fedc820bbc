import GantryModel

/// The critical path of a resource-constrained instance ignores its resources: a distance `S[to] ≥ S[from] + δ`
/// is a finish-to-start link when δ is the predecessor's duration (PSPLIB's links), a start-to-start link with
/// lag δ otherwise. Time is the instance's periods (no calendar).
extension RCPSPInstance {
    public func scheduleInput(names: [String]? = nil) -> ScheduleInput {
        let activities = durations.enumerated().map { j, d in
            ScheduleInput.Activity(name: names?[j] ?? String(j + 1), duration: Int64(d), kind: d == 0 ? .milestone : .leaf)
        }
        let links = precedences.map { p in
            p.delta == durations[p.from]
                ? ScheduleInput.Link(from: p.from, to: p.to, type: .finishToStart)
                : ScheduleInput.Link(from: p.from, to: p.to, type: .startToStart, lag: .working(Int64(p.delta)))
        }
        return ScheduleInput(activities: activities, links: links)
    }
}
