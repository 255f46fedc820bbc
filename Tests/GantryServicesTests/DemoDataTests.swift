import GantryModel
import GantryServices
import Testing

/// The demo is what a new user sees first; the issue fixes its size and shape.
@Suite("Demo data")
struct DemoDataTests {
    static let today = CalendarDate(year: 2026, month: 11, day: 28)!
    static let data = DemoData.generate(today: today)

    @Test("at least 3 portfolios, one per governance mode, and at least 20 projects")
    func portfolios() {
        #expect(Self.data.portfolios.count >= 3)
        #expect(Set(Self.data.portfolios.map(\.mode)) == Set(GovernanceMode.allCases))
        #expect(Self.data.projects.count >= 20)
        #expect(Set(Self.data.projects.map(\.code)).count == Self.data.projects.count)
    }

    @Test("every project has 20 to 300 activities, summaries, milestones and all four link types")
    func projectShape() {
        for p in Self.data.projects {
            #expect((20...300).contains(p.activities.count), "\(p.code) has \(p.activities.count) activities")
            #expect(p.activities.contains { $0.kind == .summary }, "\(p.code)")
            #expect(p.activities.contains { $0.kind == .milestone }, "\(p.code)")
            #expect(Set(p.links.map(\.type)) == Set(DependencyType.allCases), "\(p.code) uses \(Set(p.links.map(\.type)))")
            #expect(Set(p.activities.map(\.code)).count == p.activities.count, "\(p.code) has duplicate WBS codes")
        }
        #expect(Self.data.projects.contains { $0.activities.count == 300 }, "one project has exactly 300 activities (the benchmark's)")
    }

    @Test("the WBS is well formed: parents are summaries and come before their children")
    func wbs() {
        for p in Self.data.projects {
            for (i, a) in p.activities.enumerated() {
                guard let parent = a.parent else { continue }
                #expect(parent < i)
                #expect(p.activities[parent].kind == .summary)
                #expect(a.code.hasPrefix(p.activities[parent].code + "."), "\(a.code) under \(p.activities[parent].code)")
            }
            for a in p.activities where a.kind == .milestone { #expect(a.days == 0 && a.start == a.finish) }
        }
    }

    @Test("planned dates respect every link (dates as people read them: a finish is the last day worked)")
    func datesRespectLinks() {
        for p in Self.data.projects {
            let acts = p.activities
            for l in p.links {
                let a = acts[l.from], b = acts[l.to]
                switch l.type {
                case .finishToStart:
                    // b starts on a working day after a's last day (a milestone finishes at its start instant).
                    if a.kind == .milestone { #expect(b.start >= a.finish, "\(p.code) \(a.code)→\(b.code)") }
                    else { #expect(b.start > a.finish, "\(p.code) \(a.code) FS \(b.code)") }
                case .startToStart: #expect(b.start >= a.start, "\(p.code) \(a.code) SS \(b.code)")
                case .finishToFinish: #expect(b.finish >= a.finish, "\(p.code) \(a.code) FF \(b.code)")
                case .startToFinish: #expect(b.finish >= a.start, "\(p.code) \(a.code) SF \(b.code)")
                }
            }
            for a in acts where a.kind != .summary {
                #expect(![Weekday.saturday, .sunday].contains(a.start.weekday), "\(p.code) \(a.code) starts on a weekend")
            }
            for (i, s) in acts.enumerated() where s.kind == .summary {
                let kids = acts.filter { $0.parent == i }
                guard !kids.isEmpty else { continue }
                #expect(s.start == kids.map(\.start).min() && s.finish == kids.map(\.finish).max(), "\(p.code) \(s.code) rolls up")
            }
        }
    }

    @Test("40 resources with roles and skills, and a user for every role with the administrator named admin")
    func resourcesAndUsers() {
        #expect(Self.data.resources.count == 40)
        #expect(Self.data.resources.allSatisfy { !$0.role.isEmpty && !$0.skills.isEmpty })
        #expect(Set(Self.data.resources.map(\.kind)) == [.person, .role])
        #expect(Set(Self.data.users.map(\.role)) == Set(Role.allCases))
        #expect(Self.data.users.first { $0.username == "admin" }?.role == .admin)
    }

    @Test("the same seed and day give the same demo")
    func deterministic() {
        let again = DemoData.generate(today: Self.today)
        #expect(again.projects.map(\.code) == Self.data.projects.map(\.code))
        #expect(again.projects.flatMap { $0.activities.map(\.start) } == Self.data.projects.flatMap { $0.activities.map(\.start) })
        #expect(again.projects.map(\.health) == Self.data.projects.map(\.health))
    }
}
