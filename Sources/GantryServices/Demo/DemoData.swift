public import GantryModel
import GantryScheduling

/// A deterministic demo PMO: portfolios in each governance mode, programs, projects of 20 to 300 activities with
/// summaries, milestones and all four link types, dated by the critical path on a working calendar, a resource
/// pool with roles and skills, and a user for every role. Pure: the same seed and day give the same data.
public struct DemoData: Sendable {
    /// The two active projects the loader adds without a plan, staffed by allocations (DemoCapacity).
    public static let unplannedProjectCodes = ["DIG-130", "INF-131"]

    /// The pool resource that stands for the demo's team member (`tom.team`).
    public static let teamMemberResource = "Tom Team"

    public struct DemoUser: Sendable { public var username: String; public var displayName: String; public var role: Role }
    public struct DemoActivity: Sendable {
        public var parent: Int?
        public var position: Int
        public var code: String
        public var name: String
        public var kind: ActivityKind
        public var days: Int
        public var start: CalendarDate
        public var finish: CalendarDate
        public var percent: Double
    }
    public struct DemoLink: Sendable { public var from: Int; public var to: Int; public var type: DependencyType; public var lagDays: Int }
    public struct DemoProject: Sendable {
        public var portfolio: Int
        public var program: Int?
        public var code: String
        public var name: String
        public var description: String
        public var manager: String
        public var state: LifecycleState
        public var health: Health
        public var activities: [DemoActivity]
        public var links: [DemoLink]
    }
    public struct DemoPortfolio: Sendable {
        public var code: String; public var name: String; public var description: String
        public var owner: String; public var mode: GovernanceMode
    }
    public struct DemoProgram: Sendable { public var portfolio: Int; public var code: String; public var name: String; public var manager: String }

    public var users: [DemoUser] = []
    public var calendar: WorkCalendar
    public var resources: [Resource] = []
    public var portfolios: [DemoPortfolio] = []
    public var programs: [DemoProgram] = []
    public var projects: [DemoProject] = []

    public static func generate(seed: UInt64 = 2026, today: CalendarDate) -> DemoData {
        var rng = SplitMix64(seed: seed)
        let t0 = Timestamp(millisecondsSinceEpoch: 0)
        var holidays: [CalendarException] = []
        for year in (today.year - 1)...(today.year + 3) {
            for (name, m, d) in [("New Year's Day", 1, 1), ("Labour Day", 5, 1), ("Christmas Day", 12, 25), ("Boxing Day", 12, 26)] {
                if let day = CalendarDate(year: year, month: m, day: d) { holidays.append(CalendarException(name: name, from: day, to: day)) }
            }
        }
        var data = DemoData(calendar: WorkCalendar(name: "Standard (Mon–Fri 08:00–17:00)", week: .standard, exceptions: holidays,
                                                   createdAt: t0, updatedAt: t0))
        data.users = [
            DemoUser(username: "admin", displayName: "Ada Admin", role: .admin),
            DemoUser(username: "dana.director", displayName: "Dana Director", role: .pmoDirector),
            DemoUser(username: "alex.analyst", displayName: "Alex Analyst", role: .pmoAnalyst),
            DemoUser(username: "paula.portfolio", displayName: "Paula Portfolio", role: .portfolioManager),
            DemoUser(username: "omar.owner", displayName: "Omar Owner", role: .portfolioManager),
            DemoUser(username: "grace.governance", displayName: "Grace Governance", role: .portfolioManager),
            DemoUser(username: "priya.pm", displayName: "Priya Patel", role: .projectManager),
            DemoUser(username: "marco.pm", displayName: "Marco Rossi", role: .projectManager),
            DemoUser(username: "lena.pm", displayName: "Lena Novak", role: .projectManager),
            DemoUser(username: "sam.pm", displayName: "Sam Okafor", role: .projectManager),
            DemoUser(username: "tom.team", displayName: "Tom Team", role: .teamMember),
            DemoUser(username: "eve.exec", displayName: "Eve Executive", role: .executive),
            DemoUser(username: "ray.requester", displayName: "Ray Requester", role: .requester),
        ]
        let managers = ["priya.pm", "marco.pm", "lena.pm", "sam.pm"]

        let roles: [(String, [String], Int64)] = [
            ("Project manager", ["planning", "risk management", "stakeholder management"], 9500),
            ("Business analyst", ["requirements", "process modelling", "workshops"], 8000),
            ("Solution architect", ["architecture", "cloud", "integration"], 12000),
            ("Developer", ["swift", "java", "sql", "api design"], 8500),
            ("Tester", ["test automation", "performance testing"], 7000),
            ("UX designer", ["user research", "prototyping", "accessibility"], 8000),
            ("Data engineer", ["sql", "etl", "data modelling"], 9000),
            ("Infrastructure engineer", ["linux", "networking", "postgresql"], 8500),
            ("Change manager", ["communication", "training"], 7500),
        ]
        let first = ["Anna", "Ben", "Chloe", "David", "Elif", "Farid", "Gita", "Hugo", "Ines", "Jonas", "Kira", "Luca",
                     "Mia", "Noah", "Olga", "Pedro", "Qi", "Rosa", "Sven", "Tara", "Umar", "Vera", "Wei", "Xenia",
                     "Yusuf", "Zoe", "Aiko", "Bram", "Carla", "Dev", "Ewa", "Finn"]
        let last = ["Berg", "Costa", "Dubois", "Eriksen", "Fischer", "Garcia", "Haddad", "Ito", "Jansen", "Kowalski"]
        for i in 0..<32 {
            let (role, skills, rate) = roles[i % roles.count]
            data.resources.append(Resource(
                // The fourth developer is the demo's team member, so "My work" has something to show.
                name: i == 3 ? Self.teamMemberResource : "\(first[i]) \(last[(i * 7) % last.count])", kind: .person, role: role,
                // Levels from the person's index, not the generator, so the rest of the demo stays as it was.
                skills: Array(skills.shuffledPrefix(2 + Int(rng.next() % 2), &rng)).enumerated()
                    .map { k, skill in SkillLevel(skill, level: 2 + (i + 2 * k) % 4) },
                costRateMinor: rate + Int64(rng.next() % 1500), currency: "EUR", maxUnits: i % 5 == 4 ? 50 : 100,
                createdAt: t0, updatedAt: t0))
        }
        for (role, skills, rate) in roles.prefix(8) {
            data.resources.append(Resource(name: "Generic \(role.lowercased())", kind: .role, role: role,
                                           skills: skills.map { SkillLevel($0, level: 3) },
                                           costRateMinor: rate, currency: "EUR", maxUnits: 300, createdAt: t0, updatedAt: t0))
        }

        data.portfolios = [
            DemoPortfolio(code: "DIG", name: "Digital Transformation",
                          description: "Modernising customer-facing and core systems. Controlled by the PMO: must-meet gate criteria block, reports are due monthly.",
                          owner: "paula.portfolio", mode: .controlling),
            DemoPortfolio(code: "INF", name: "Infrastructure & Operations",
                          description: "Data centres, networks and the platforms everything else runs on. Directive governance: the PMO decides every gate.",
                          owner: "omar.owner", mode: .directive),
            DemoPortfolio(code: "CX", name: "Customer Experience",
                          description: "Service design and customer journeys. Supportive governance: templates and advice, project managers decide.",
                          owner: "grace.governance", mode: .supportive),
        ]
        data.programs = [
            DemoProgram(portfolio: 0, code: "CORE", name: "Core Banking Renewal", manager: "priya.pm"),
            DemoProgram(portfolio: 0, code: "DATA", name: "Data Platform", manager: "marco.pm"),
            DemoProgram(portfolio: 1, code: "CLOUD", name: "Cloud Migration", manager: "lena.pm"),
            DemoProgram(portfolio: 2, code: "JOURNEY", name: "Customer Journeys", manager: "sam.pm"),
        ]
        let catalogue: [(portfolio: Int, program: Int?, name: String, size: Int)] = [
            (0, 0, "Core ledger replacement", 300), (0, 0, "Payments hub", 140), (0, 1, "Enterprise data warehouse", 180),
            (0, 1, "Customer 360 analytics", 60), (0, nil, "Mobile banking app 3.0", 120), (0, nil, "Document management", 40),
            (0, nil, "Robotic process automation pilot", 25),
            (1, 2, "Data centre exit", 220), (1, 2, "Kubernetes platform", 90), (1, 2, "Database estate migration", 110),
            (1, nil, "Network refresh", 70), (1, nil, "Identity and access management", 85), (1, nil, "Backup modernisation", 30),
            (1, nil, "Service desk consolidation", 45),
            (2, 3, "Online onboarding", 75), (2, 3, "Complaints journey redesign", 50), (2, 3, "Contact centre telephony", 95),
            (2, nil, "Accessibility remediation", 35), (2, nil, "Customer feedback platform", 55), (2, nil, "Website relaunch", 160),
            (2, nil, "Branch appointment booking", 20),
        ]
        let working = WorkingDays(calendar: data.calendar)
        for (i, entry) in catalogue.enumerated() {
            let startOffset = Int(rng.next() % 400) - 240  // from eight months ago to five months ahead
            let start = working.firstWorking(onOrAfter: today.adding(days: startOffset))
            var project = makeProject(name: entry.name, size: entry.size, start: start, today: today, working: working, rng: &rng)
            project.portfolio = entry.portfolio
            project.program = entry.program
            project.code = "\(data.portfolios[entry.portfolio].code)-\(100 + i)"
            project.manager = managers[i % managers.count]
            let finish = project.activities.map(\.finish).max() ?? start
            if start > today {
                project.state = i % 3 == 0 ? .proposed : .approved
                project.health = .unknown
            } else if finish < today {
                project.state = .closed
                project.health = .green
            } else {
                project.state = i % 9 == 4 ? .onHold : .active
                let roll = rng.next() % 10
                project.health = roll < 6 ? .green : roll < 9 ? .amber : .red
            }
            data.projects.append(project)
        }
        return data
    }

    /// One project: phases as summaries, workstreams under execution, leaves, a milestone closing each phase.
    static func makeProject(name: String, size: Int, start: CalendarDate, today: CalendarDate, working: WorkingDays,
                            rng: inout SplitMix64) -> DemoProject {
        var acts: [DemoActivity] = []
        var durations: [Int] = []
        var links: [DemoLink] = []
        func add(_ parent: Int?, _ code: String, _ name: String, _ kind: ActivityKind, _ days: Int) -> Int {
            let position = acts.filter { $0.parent == parent }.count
            acts.append(DemoActivity(parent: parent, position: position, code: code, name: name, kind: kind, days: days,
                                     start: start, finish: start, percent: 0))
            durations.append(days)
            return acts.count - 1
        }
        let phases = ["Initiation", "Planning", "Execution", "Testing", "Deployment", "Closure"]
        let shares = [0.08, 0.14, 0.48, 0.16, 0.09, 0.05]
        let budget = size - phases.count * 2 - 1  // a summary and a milestone per phase, and the handover milestone
        let verbs = ["Define", "Analyse", "Design", "Build", "Configure", "Integrate", "Review", "Document", "Migrate", "Validate",
                     "Prepare", "Train", "Assess", "Prototype", "Approve"]
        let nouns = ["scope", "requirements", "architecture", "interfaces", "data model", "reports", "security controls",
                     "test cases", "user stories", "runbooks", "training material", "environments", "vendor contract",
                     "business case", "cut-over plan", "release notes"]
        var previousMilestone: Int?
        var leafCounter = 0
        var used = 0
        for (p, phase) in phases.enumerated() {
            let summary = add(nil, "\(p + 1)", phase, .summary, 0)
            var count = p == phases.count - 1 ? budget - used : max(1, Int((Double(budget) * shares[p]).rounded()))
            count = max(1, min(count, budget - used - (phases.count - 1 - p)))
            used += count
            var parents: [Int] = [summary]
            if phase == "Execution" && count >= 12 {
                parents = []
                let streams = min(4, count / 6)
                for s in 0..<streams { parents.append(add(summary, "\(p + 1).\(s + 1)", "Workstream \(["A", "B", "C", "D"][s])", .summary, 0)) }
                count -= streams
            }
            var chainEnds: [Int] = []
            for (k, parent) in parents.enumerated() {
                let share = count / parents.count + (k < count % parents.count ? 1 : 0)
                var prev: Int?
                for j in 0..<share {
                    leafCounter += 1
                    let code = acts[parent].code + ".\(j + 1)"
                    let label = "\(verbs[Int(rng.next() % UInt64(verbs.count))]) \(nouns[Int(rng.next() % UInt64(nouns.count))])"
                    let leaf = add(parent, code, label, .leaf, 1 + Int(rng.next() % 10))
                    if let prev {
                        // Mostly finish-to-start; some overlap with start-to-start and finish-to-finish.
                        let r = rng.next() % 10
                        if r < 6 { links.append(DemoLink(from: prev, to: leaf, type: .finishToStart, lagDays: r == 0 ? 2 : 0)) }
                        else if r < 8 { links.append(DemoLink(from: prev, to: leaf, type: .startToStart, lagDays: 1 + Int(rng.next() % 3))) }
                        else { links.append(DemoLink(from: prev, to: leaf, type: .finishToFinish, lagDays: Int(rng.next() % 3))) }
                    } else if let previousMilestone {
                        links.append(DemoLink(from: previousMilestone, to: leaf, type: .finishToStart, lagDays: 0))
                    }
                    prev = leaf
                }
                if let prev { chainEnds.append(prev) }
            }
            let milestone = add(summary, "\(p + 1).M", "\(phase) complete", .milestone, 0)
            for end in chainEnds { links.append(DemoLink(from: end, to: milestone, type: .finishToStart, lagDays: 0)) }
            previousMilestone = milestone
        }
        // Initiation hands over once planning work starts: a start-to-finish link, so every project has all four types.
        if let planningLeaf = acts.firstIndex(where: { $0.kind == .leaf && $0.code.hasPrefix("2.") }) {
            let handover = add(0, "1.H", "Handover to planning", .milestone, 0)
            links.append(DemoLink(from: planningLeaf, to: handover, type: .startToFinish, lagDays: 0))
        }

        // Small projects may not have drawn every overlap type: turn leaf-to-leaf FS links into the missing ones.
        for missing in [DependencyType.startToStart, .finishToFinish] where !links.contains(where: { $0.type == missing }) {
            let candidates = links.indices.reversed().filter {
                links[$0].type == .finishToStart && links[$0].lagDays == 0 && acts[links[$0].from].kind == .leaf
            }
            // Prefer a link between two leaves; a leaf finishing into its phase's milestone reads as well as FF.
            if let i = candidates.first(where: { acts[links[$0].to].kind == .leaf })
                ?? candidates.first(where: { missing == .finishToFinish && acts[links[$0].to].kind == .milestone }) {
                links[i].type = missing
                links[i].lagDays = missing == .startToStart ? 1 : 0
            }
        }

        let network = DayNetwork(durations: durations, links: links.map {
            DayNetwork.Link(from: $0.from, to: $0.to, type: dayType($0.type), lag: $0.lagDays)
        })
        let schedule = (try? network.criticalPathSchedule()) ?? DaySchedule(
            earlyStart: durations.map { _ in 0 }, earlyFinish: durations, lateStart: durations.map { _ in 0 },
            lateFinish: durations, makespan: durations.max() ?? 0)
        var dates: [CalendarDate] = []
        var d = working.firstWorking(onOrAfter: start)
        for _ in 0...(schedule.makespan + 1) {
            dates.append(d)
            d = working.firstWorking(onOrAfter: d.adding(days: 1))
        }
        for i in acts.indices where acts[i].kind != .summary {
            let es = schedule.earlyStart[i], ef = schedule.earlyFinish[i]
            acts[i].start = dates[max(0, es)]
            // A finish is shown as the last working day worked: offset ef - 1, or the start day for milestones.
            acts[i].finish = dates[max(es, ef - 1)]
            if acts[i].kind == .milestone { acts[i].finish = acts[i].start }
            if acts[i].finish < today { acts[i].percent = 100 }
            else if acts[i].start <= today, acts[i].days > 0 {
                let done = dates.prefix(ef).filter { $0 >= acts[i].start && $0 <= today }.count
                acts[i].percent = min(95, (Double(done) / Double(acts[i].days) * 100).rounded())
            }
        }
        // Summaries roll up their children, deepest first.
        for i in acts.indices.reversed() where acts[i].kind == .summary {
            let kids = acts.indices.filter { acts[$0].parent == i }
            guard !kids.isEmpty else { continue }
            acts[i].start = kids.map { acts[$0].start }.min()!
            acts[i].finish = kids.map { acts[$0].finish }.max()!
            let leafKids = kids.filter { acts[$0].kind != .milestone }
            acts[i].percent = leafKids.isEmpty ? 0 : (leafKids.map { acts[$0].percent }.reduce(0, +) / Double(leafKids.count)).rounded()
            acts[i].days = Swift.max(0, dates.firstIndex(of: acts[i].finish).map { $0 + 1 } ?? 0)
                - (dates.firstIndex(of: acts[i].start) ?? 0)
        }
        return DemoProject(portfolio: 0, program: nil, code: "", name: name,
                           description: "\(name): \(acts.count) activities in six phases, dated by the critical path on the standard calendar.",
                           manager: "", state: .active, health: .green, activities: acts, links: links)
    }

    static func dayType(_ t: DependencyType) -> DayNetwork.LinkType {
        switch t {
        case .finishToStart: .finishToStart
        case .startToStart: .startToStart
        case .finishToFinish: .finishToFinish
        case .startToFinish: .startToFinish
        }
    }
}

/// A small, fast, seedable generator (SplitMix64), so the demo is the same on every machine.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension Array {
    func shuffledPrefix(_ n: Int, _ rng: inout SplitMix64) -> ArraySlice<Element> { shuffled(using: &rng).prefix(n) }
}
