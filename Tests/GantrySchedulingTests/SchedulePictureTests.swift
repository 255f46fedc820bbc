import GantryModel
import GantryScheduling
import Testing

/// Schedules as pictures (after OpenProject's schedule helpers): a chart in day units states the network and the
/// expected result at once. Each row is `name | bar | annotations`:
/// - the bar is where the activity must land: `#` critical, `X` not critical, `=` a summary, `M` a milestone at
///   that day, `.` idle; an activity's duration is the length of its bar;
/// - annotations, comma-separated: `FS A+2` (also SS, FF, SF; `-2` a lead), `in Phase` (a part of summary
///   Phase), `summary`, `SNET 4` (also SNLT, FNET, FNLT, MSO, MFO: a day; finish days are the end of the bar),
///   `ALAP`, `deadline 6`, `manual` (the bar is fixed by hand), `done` (actual dates are the bar),
///   `started 1` (actual start 1, not finished);
/// - a line `status 3` sets the status date, a line `! code: A, B` is an expected diagnostic.
/// The test builds the network from the chart, schedules it and draws the result the same way: the whole
/// picture must come back unchanged.
struct SchedulePicture {
    var rows: [(name: String, bar: String, notes: String)] = []
    var status: Int64? = nil
    var diagnostics: [String] = []

    init(_ text: String) {
        for raw in text.split(separator: "\n") {
            let line = raw.trimmingCharacters(in: " ")
            if line.isEmpty { continue }
            if line.hasPrefix("status ") { status = Int64(line.dropFirst(7)); continue }
            if line.hasPrefix("!") { diagnostics.append(String(line)); continue }
            let parts = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: " ") }
            rows.append((parts[0], parts[1], parts.count > 2 ? parts[2] : ""))
        }
    }

    func input() -> ScheduleInput {
        var activities: [ScheduleInput.Activity] = []
        var links: [ScheduleInput.Link] = []
        func index(_ name: String) -> Int { rows.firstIndex { $0.name == name }! }
        for row in rows {
            let chars = Array(row.bar)
            let first = chars.firstIndex { $0 != "." } ?? 0
            let last = chars.lastIndex { $0 != "." } ?? 0
            let isMilestone = chars[first] == "M"
            let length = isMilestone ? 0 : Int64(last - first + 1)
            let notes = row.notes.split(separator: ",").map { $0.trimmingCharacters(in: " ") }
            var a = ScheduleInput.Activity(name: row.name, duration: length,
                                           kind: notes.contains("summary") ? .summary : isMilestone ? .milestone : .leaf)
            for note in notes {
                let w = note.split(separator: " ").map(String.init)
                switch w.first ?? "" {
                case "in": a.parent = index(w[1])
                case "FS", "SS", "FF", "SF":
                    let type = DependencyType(rawValue: w[0])!
                    var target = w[1], lag: Int64 = 0
                    if let sign = target.firstIndex(where: { $0 == "+" || $0 == "-" }) {
                        lag = Int64(target[sign...].filter { $0 != "+" })!
                        target = String(target[..<sign])
                    }
                    links.append(.init(from: index(target), to: activities.count, type: type, lag: .working(lag)))
                case "ALAP": a.constraint = .alap
                case "deadline": a.deadline = Int64(w[1])
                case "manual": a.manualStart = Int64(first); a.manualFinish = Int64(first) + length
                case "done": a.actualStart = Int64(first); a.actualFinish = Int64(first) + length
                case "started": a.actualStart = Int64(w[1])
                default:
                    if let kind = ScheduleInput.ConstraintKind(rawValue: w[0]), w.count > 1 {
                        a.constraint = kind; a.constraintDate = Int64(w[1])
                    }
                }
            }
            activities.append(a)
        }
        return ScheduleInput(activities: activities, links: links, statusDate: status)
    }

    /// The picture of a schedule: the same rows and notes, bars where the engine put them.
    func draw(_ s: CriticalPathSchedule, diagnostics found: [ScheduleDiagnostic]) -> String {
        var out: [String] = []
        if let status { out.append("status \(status)") }
        let width = rows.map(\.bar.count).max() ?? 0
        let nameWidth = rows.map(\.name.count).max() ?? 0
        for (i, row) in rows.enumerated() {
            var bar = Array(repeating: Character("."), count: width)
            let es = Int(s.earlyStart[i]), ef = Int(s.earlyFinish[i])
            let summary = row.notes.split(separator: ",").contains { $0.trimmingCharacters(in: " ") == "summary" }
            if es == ef, !summary {
                if es >= 0 && es < width { bar[es] = "M" }
            } else {
                for t in max(0, es)..<min(width, max(es, ef)) { bar[t] = summary ? "=" : s.critical[i] ? "#" : "X" }
            }
            let name = row.name + String(repeating: " ", count: nameWidth - row.name.count)
            out.append("\(name) |\(String(bar))|" + (row.notes.isEmpty ? "" : " \(row.notes)"))
        }
        for d in found {
            out.append("! \(d.code.rawValue): " + d.activities.map { rows[$0].name }.joined(separator: ", "))
        }
        return out.joined(separator: "\n")
    }

    /// The picture as written, normalised the way `draw` writes it.
    var normalised: String {
        var out: [String] = []
        if let status { out.append("status \(status)") }
        let nameWidth = rows.map(\.name.count).max() ?? 0
        for row in rows {
            let name = row.name + String(repeating: " ", count: nameWidth - row.name.count)
            out.append("\(name) |\(row.bar)|" + (row.notes.isEmpty ? "" : " \(row.notes)"))
        }
        return (out + diagnostics).joined(separator: "\n")
    }
}

extension String {
    func trimmingCharacters(in set: Character) -> String {
        var s = Substring(self)
        while s.first == set { s = s.dropFirst() }
        while s.last == set { s = s.dropLast() }
        return String(s)
    }
}

extension Substring {
    func trimmingCharacters(in set: Character) -> String { String(self).trimmingCharacters(in: set) }
}

@Suite("Schedules as pictures")
struct SchedulePictureTests {
    static let pictures: [(String, String)] = [
        ("finish-to-start chain with a branch that has float", """
        Dig   |###.......|
        Pour  |...##.....| FS Dig
        Cure  |.....#####| FS Pour
        Paint |XX........|
        """),
        // DOMAIN.md §2.4(b), case 9 [S]: the published ES/EF table, drawn.
        ("all four link types with lags (Engineer4Free)", """
        A |###...........|
        B |.....##.......| FS A+2
        C |XX............| SS A
        D |......####....| SS B+1
        E |..X...........| SF C+3
        F |...XX.........| FF C+3
        G |.......####...| SS D+1, FS E
        H |...........###| SF F+2, FS G
        """),
        ("a lead pulls a successor into its predecessor; a milestone marks the end", """
        Frame  |####......|
        Roof   |..###.....| FS Frame-2
        Inspect|.....M....| FS Roof
        """),
        ("summaries span their parts; a link into a summary holds every part", """
        Phase1 |=====.....| summary
        Spec   |###.......| in Phase1
        Review |...##.....| in Phase1, FS Spec
        Phase2 |.....=====| summary, FS Phase1
        Build  |.....#####| in Phase2
        Doc    |.....XX...| in Phase2
        """),
        ("start-no-earlier-than delays; as-late-as-possible waits for the end (and so has no float)", """
        A |XX........|
        B |....XX....| FS A, SNET 4
        C |########..|
        D |.....###..| ALAP
        """),
        ("a start-no-later-than that the links break: the constraint holds, float goes negative", """
        A |###.......|
        B |..##......| FS A, SNLT 2
        C |#####.....|
        ! negative_float: A
        """),
        ("a missed deadline is reported and shows as negative float", """
        A |####......| deadline 3
        B |....##....| FS A
        ! negative_float: A
        ! deadline_missed: A
        """),
        ("progress at a status date: done work stays, started work resumes, the rest waits", """
        status 3
        A |XXX.......| done
        B |.#####....| started 1
        C |...###....| FS A
        D |...XX.....|
        """),
        ("a manually scheduled activity keeps its dates even before its links allow", """
        A |####......|
        B |..XX......| FS A, manual
        C |....##....| FS A
        ! manual_date_conflict: B, A
        """),
    ]

    @Test("the engine draws the picture it was given", arguments: pictures.indices)
    func picture(_ k: Int) throws {
        let (_, text) = Self.pictures[k]
        let picture = SchedulePicture(text)
        let schedule = try picture.input().criticalPath()
        #expect(picture.draw(schedule, diagnostics: schedule.diagnostics) == picture.normalised, "\(Self.pictures[k].0)")
    }
}
