import GantryModel

/// The demo's RAID log and change control, made through the same use cases as the API, by the demo's people (so
/// the governance rules and the audit trail apply): risks (some high, one converted into an issue, one closed),
/// issues, assumptions, a decision with its options' pros and cons, baselines, and change requests in every state
/// in a controlling, a directive and a supportive portfolio. Projects or users the data does not have are skipped.
public struct RAIDDemo: Sendable {
    let store: any Store
    let clock: any Clock

    public init(store: any Store, clock: any Clock) {
        self.store = store
        self.clock = clock
    }

    public func load() async throws {
        let catalog = Catalog(store: store, clock: clock)
        let raid = RAIDLog(store: store, clock: clock)
        let changes = ChangeControl(store: store, clock: clock)
        let users = try await store.read { try await $0.list(User.self, ListQuery()) }
        let projects = try await store.read { try await $0.list(Project.self, ListQuery()) }
        func user(_ name: String) -> User? { users.first { $0.username == name } }
        let today = clock.now().date
        let t0 = clock.now()

        func risk(_ project: Project, _ by: User, _ title: String, p: Int, i: Int, category: String,
                  _ strategy: RiskResponse, plan: String, trigger: String, dueIn: Int, owner: User? = nil) async throws -> Risk {
            try await catalog.create(Risk(
                projectId: project.id, title: title, category: category, probability: p, impact: i,
                ownerId: (owner ?? by).id, responseStrategy: strategy, responsePlan: plan, trigger: trigger,
                dueDate: today.adding(days: dueIn), createdAt: t0, updatedAt: t0), .user(by))
        }
        func change(_ project: Project, _ by: User, _ title: String, scope: String, days: Int, cost: Int64,
                    baseline: String? = nil) async throws -> ChangeRequest {
            try await catalog.create(ChangeRequest(
                projectId: project.id, title: title, description: scope, scopeImpact: scope, scheduleImpactDays: days,
                costImpactMinor: cost, baselineName: baseline, createdAt: t0, updatedAt: t0), .user(by))
        }

        // A controlling portfolio: the PM decides changes within the thresholds, the PMO those above them.
        if let ledger = projects.first(where: { $0.code == "DIG-100" }), let priya = user("priya.pm"),
           let dana = user("dana.director"), let tom = user("tom.team") {
            let pm = Caller.user(priya), pmo = Caller.user(dana)
            _ = try await risk(ledger, priya, "Legacy data fails migration quality checks", p: 4, i: 5,
                               category: "technical", .mitigate,
                               plan: "Profile and cleanse the legacy data in three trial migrations before cut-over.",
                               trigger: "More than 2 % of accounts fail reconciliation in a trial migration", dueIn: 30)
            _ = try await risk(ledger, priya, "Vendor specialists not available for the parallel run", p: 3, i: 4,
                               category: "vendor", .transfer,
                               plan: "Contract named specialists with a penalty clause for substitution.",
                               trigger: "The vendor's staffing plan shows gaps", dueIn: 14, owner: tom)
            _ = try await risk(ledger, priya, "Regulator changes the reporting templates", p: 2, i: 3,
                               category: "regulatory", .accept, plan: "Watch the consultation; budget a contingency.",
                               trigger: "A new consultation paper is published", dueIn: 60)
            let slip = try await risk(ledger, priya, "Core ledger vendor delivers release 2 late", p: 4, i: 4,
                                      category: "vendor", .mitigate, plan: "Weekly delivery reviews with the vendor.",
                                      trigger: "Release 2 misses its code freeze", dueIn: -5)
            _ = try await raid.convert(slip.id, pm)
            let freeze = try await risk(ledger, priya, "Budget freeze in the first quarter", p: 2, i: 4,
                                        category: "financial", .escalate, plan: "Escalate to the steering committee.",
                                        trigger: "Finance announces a freeze", dueIn: 20)
            _ = try await raid.close(freeze.id, reason: "The steering committee confirmed the budget for the year.", pm)
            _ = try await catalog.create(ProjectIssue(
                projectId: ledger.id, title: "Performance test environment unavailable for two weeks",
                description: "The shared environment is booked by another programme.", severity: .high,
                ownerId: priya.id, dueDate: today.adding(days: 10), createdAt: t0, updatedAt: t0), pm)
            _ = try await catalog.create(Assumption(
                projectId: ledger.id, statement: "The legacy ledger vendor supports the parallel run until cut-over.",
                ownerId: priya.id, validateBy: today.adding(days: 21), notes: "Confirm in the support contract renewal.",
                createdAt: t0, updatedAt: t0), pm)
            _ = try await catalog.create(ProjectDecision(
                projectId: ledger.id, title: "Cut-over strategy",
                context: "How to move 2.4 million accounts from the legacy ledger without losing a day of business.",
                options: [
                    DecisionOption(name: "Big bang", pros: ["One cut-over weekend", "No double running"],
                                   cons: ["Every account at risk at once", "Hard to roll back"]),
                    DecisionOption(name: "Phased by product line", pros: ["Lower risk per wave", "Lessons carry to the next wave"],
                                   cons: ["Interfaces run in both ledgers for months", "Longer programme"]),
                    DecisionOption(name: "Parallel run", pros: ["Results compared before switching"],
                                   cons: ["Double the operations effort", "Reconciliation cost"]),
                ],
                chosenOption: "Phased by product line",
                rationale: "The risk of a failed big bang outweighs the cost of running interfaces twice.",
                decidedBy: dana.id, status: .decided, createdAt: t0, updatedAt: t0), pmo)
            _ = try await catalog.create(Baseline(projectId: ledger.id, name: "Original plan", createdAt: t0, updatedAt: t0), pm)

            let small = try await change(ledger, priya, "Move the regulatory reports to phase 2",
                                         scope: "The reports are delivered with the second wave.", days: -5, cost: -500_000,
                                         baseline: "Baseline 2: reports in phase 2")
            _ = try await changes.act(.submit, on: small.id, pm)
            _ = try await changes.act(.approve, on: small.id, pm)
            let big = try await change(ledger, priya, "Add SEPA instant payments",
                                       scope: "Instant credit transfers in and out, with the new fraud checks.",
                                       days: 15, cost: 2_500_000)
            _ = try await changes.act(.submit, on: big.id, pm)  // above both thresholds: waits for the PMO
            let audit = try await change(ledger, priya, "Extra penetration test before go-live",
                                         scope: "An external penetration test of the new channels.", days: 3, cost: 800_000)
            _ = try await changes.act(.submit, on: audit.id, pm)
            _ = try await changes.act(.reject, on: audit.id,
                                      reason: "The group security team tests every release already; no extra budget.", pmo)
            _ = try await change(ledger, priya, "Archive closed accounts before migration",
                                 scope: "Archive accounts closed more than ten years ago.", days: 0, cost: 300_000)
        }

        // A directive portfolio: the PMO decides every change and saves the baselines.
        if let exit = projects.first(where: { $0.code == "INF-107" }), let sam = user("sam.pm"),
           let alex = user("alex.analyst") {
            let pm = Caller.user(sam), pmo = Caller.user(alex)
            _ = try await risk(exit, sam, "Lease of the old data centre ends before the exit", p: 3, i: 5,
                               category: "contractual", .avoid, plan: "Negotiate a three-month extension option now.",
                               trigger: "Migration waves slip by more than two weeks", dueIn: 45)
            _ = try await risk(exit, sam, "Network cut-over window too short", p: 2, i: 2, category: "technical",
                               .accept, plan: "Rehearse the cut-over twice.", trigger: "A rehearsal overruns", dueIn: 30)
            _ = try await catalog.create(ProjectIssue(
                projectId: exit.id, title: "Two legacy applications have no owner", severity: .medium, ownerId: sam.id,
                dueDate: today.adding(days: 7), createdAt: t0, updatedAt: t0), pm)
            _ = try await catalog.create(Baseline(projectId: exit.id, name: "Exit plan v1", createdAt: t0, updatedAt: t0), pmo)
            let lease = try await change(exit, sam, "Extend the lease by one month",
                                         scope: "One more month in the old data centre.", days: 30, cost: 12_000_000)
            _ = try await changes.act(.submit, on: lease.id, pm)
            let wave = try await change(exit, sam, "Merge migration waves 4 and 5",
                                        scope: "One wave instead of two for the test systems.", days: -10, cost: -200_000)
            _ = try await changes.act(.submit, on: wave.id, pm)
            _ = try await changes.act(.defer, on: wave.id, reason: "Decide after wave 3 is done.", pmo)
        }

        // A supportive portfolio: the project's manager decides.
        if let onboarding = projects.first(where: { $0.code == "CX-114" }), let lena = user("lena.pm") {
            let pm = Caller.user(lena)
            _ = try await risk(onboarding, lena, "Identity checks reject too many genuine applicants", p: 3, i: 4,
                               category: "customer", .mitigate, plan: "A/B test two identity providers.",
                               trigger: "Drop-out above 30 % at the identity step", dueIn: 25)
            _ = try await catalog.create(Assumption(
                projectId: onboarding.id, statement: "Customers can photograph their ID with their phone's camera.",
                ownerId: lena.id, validateBy: today.adding(days: 10), createdAt: t0, updatedAt: t0), pm)
            let copy = try await change(onboarding, lena, "Add a Welsh-language version",
                                        scope: "Every onboarding screen in Welsh.", days: 8, cost: 1_500_000)
            _ = try await changes.act(.submit, on: copy.id, pm)
            _ = try await changes.act(.approve, on: copy.id, pm)
            let chat = try await change(onboarding, lena, "Live chat on the onboarding pages",
                                        scope: "A chat window staffed by the contact centre.", days: 12, cost: 900_000)
            _ = try await changes.act(.withdraw, on: chat.id, pm)
        }
    }
}
