import GantryModel

/// What makes the demo's capacity forecast worth looking at (issue #14): the skill and role catalogues, org units
/// and two teams on the pool, absences and background load in the coming months, and two active projects not yet
/// planned whose allocations ask more developers, testers and infrastructure engineers than there are — so a fresh
/// `serve --demo` shows roles over- and under-used. Dates count from `today`, so the picture stays current.
enum DemoCapacity {
    static let orgUnits: [String: String] = [
        "Developer": "Technology / Engineering", "Tester": "Technology / Engineering",
        "Solution architect": "Technology / Architecture", "Data engineer": "Technology / Data",
        "Infrastructure engineer": "Technology / Platforms", "Project manager": "PMO / Delivery",
        "Business analyst": "PMO / Delivery", "Change manager": "PMO / Change", "UX designer": "Customer / Design",
    ]

    static func load(in s: any StoreSession, today: CalendarDate, at now: Timestamp) async throws {
        var resources = try await s.list(Resource.self, ListQuery())
        // The catalogues: every role and skill the pool uses, described.
        for role in Set(resources.map(\.role)).filter({ !$0.isEmpty }).sorted() {
            _ = try await s.insert(JobRole(name: role, description: "\(role)s of the delivery organisation.",
                                           createdAt: now, updatedAt: now))
        }
        let categories: [String: String] = ["swift": "Engineering", "java": "Engineering", "sql": "Data", "etl": "Data",
                                            "data modelling": "Data", "api design": "Engineering", "linux": "Platforms",
                                            "networking": "Platforms", "postgresql": "Platforms", "cloud": "Architecture"]
        for skill in Set(resources.flatMap { $0.skills.map(\.skill) }).sorted() {
            _ = try await s.insert(Skill(name: skill, category: categories[skill] ?? "Delivery", createdAt: now, updatedAt: now))
        }

        // Org units for everyone; two teams.
        let platform = try await s.insert(Resource(name: "Platform team", kind: .team, role: "Infrastructure engineer",
                                                   orgUnit: "Technology / Platforms", createdAt: now, updatedAt: now))
        let mobile = try await s.insert(Resource(name: "Mobile squad", kind: .team, role: "Developer",
                                                 orgUnit: "Technology / Engineering", createdAt: now, updatedAt: now))
        var mobileMembers = 0
        for i in resources.indices {
            var r = resources[i]
            r.orgUnit = orgUnits[r.role] ?? ""
            if r.kind == .person {
                if r.role == "Infrastructure engineer" || r.role == "Data engineer" { r.teamId = platform.id }
                if ["Developer", "Tester", "UX designer"].contains(r.role) && mobileMembers < 4 { r.teamId = mobile.id; mobileMembers += 1 }
            }
            if let saved = try await s.update(r, expectedVersion: r.version) { resources[i] = saved }
        }

        let people = resources.filter { $0.kind == .person }
        func next(_ weekday: Weekday, after day: CalendarDate) -> CalendarDate {
            var d = day.adding(days: 1)
            while d.weekday != weekday { d = d.adding(days: 1) }
            return d
        }
        let monday = next(.monday, after: today)
        // Absences: leave and training in the coming months, spread over the pool.
        for (k, person) in people.enumerated() where k % 3 == 0 {
            let start = monday.adding(days: 7 * (2 + (k * 5) % 30))
            let kind: AbsenceKind = k % 2 == 0 ? .leave : .training
            let length = kind == .leave ? 11 : 2  // two weeks of leave (Monday to Friday a week later), or three days of training
            _ = try await s.insert(Absence(resourceId: person.id, kind: kind, firstDay: start, lastDay: start.adding(days: length),
                                           note: kind == .leave ? "Annual leave" : "Certification course", createdAt: now, updatedAt: now))
        }
        // A part-time afternoon off every day for two months for one person.
        if let someone = people.first(where: { $0.role == "Business analyst" }) {
            _ = try await s.insert(Absence(resourceId: someone.id, kind: .other, firstDay: monday, lastDay: monday.adding(days: 60),
                                           hoursPerDay: 4, note: "Parental leave, mornings only", createdAt: now, updatedAt: now))
        }
        // Background load: the support rota and service work, and the managers' admin.
        for person in people {
            switch person.role {
            case "Developer", "Infrastructure engineer":
                _ = try await s.insert(BackgroundLoad(resourceId: person.id, name: "Support rota", hoursPerWeek: 8,
                                                      createdAt: now, updatedAt: now))
            case "Project manager":
                _ = try await s.insert(BackgroundLoad(resourceId: person.id, name: "PMO reporting and admin", hoursPerWeek: 4,
                                                      createdAt: now, updatedAt: now))
            case "Tester":
                _ = try await s.insert(BackgroundLoad(resourceId: person.id, name: "Regression runs for live systems", hoursPerWeek: 6,
                                                      firstDay: monday, lastDay: monday.adding(days: 180), createdAt: now, updatedAt: now))
            default: break
            }
        }
    }

    /// Two active projects that have no plan yet, staffed by allocations: the developers, testers and
    /// infrastructure engineers they ask for overload those roles in the coming months.
    static func loadUnplannedProjects(in s: any StoreSession, portfolios: [Portfolio.ID], managers: [String: User],
                                      calendar: WorkCalendar.ID, today: CalendarDate, at now: Timestamp) async throws {
        let monthStart = CalendarDate(year: today.year, month: today.month, day: 1)!
        func month(_ n: Int) -> CalendarDate { CapacityPlanner.adding(months: Double(n), to: monthStart) }
        let projects: [(portfolio: Int, code: String, name: String, manager: String,
                        asks: [(role: String, unit: AllocationUnit, amount: Double, from: Int, months: Int, note: String)])] = [
            (0, DemoData.unplannedProjectCodes[0], "Open banking APIs", "priya.pm", [
                ("Developer", .hoursPerWeek, 120, 1, 6, "Three developers on the API gateway and consent service"),
                ("Tester", .hoursPerWeek, 80, 2, 5, "Two testers from the second month"),
                ("Solution architect", .percent, 50, 1, 3, "Half the architects while the design settles"),
                ("Business analyst", .hoursPerMonth, 160, 1, 4, "One analyst's month on the regulatory requirements"),
            ]),
            (1, DemoData.unplannedProjectCodes[1], "Zero-trust network", "lena.pm", [
                ("Infrastructure engineer", .hoursPerWeek, 120, 1, 8, "Three engineers on segmentation and identity-aware access"),
                ("Developer", .hoursPerWeek, 40, 3, 4, "One developer for the policy automation"),
            ]),
        ]
        for p in projects {
            let project = try await s.insert(Project(
                portfolioId: portfolios[p.portfolio], code: p.code, name: p.name,
                description: "Approved and staffed by allocations; the plan is still to be made.",
                managerId: managers[p.manager]?.id, state: .active, startDate: month(1), finishDate: month(9).adding(days: -1),
                calendarId: calendar, createdAt: now, updatedAt: now))
            for ask in p.asks {
                _ = try await s.insert(ProjectAllocation(
                    projectId: project.id, role: ask.role, unit: ask.unit, amount: ask.amount, firstDay: month(ask.from),
                    lastDay: month(ask.from + ask.months).adding(days: -1), note: ask.note, createdAt: now, updatedAt: now))
            }
        }
    }
}
