import GantryModel
import GantryServices
import GantryStorage
import Testing

/// The RAID log and change control on a real store (SQLite, and PostgreSQL when configured): the actions apply the
/// governance rules of the portfolio's mode in one transaction with their audit lines, and a refusal says why and
/// changes nothing.
@Suite("RAID log and change control")
struct RAIDAndChangeControlTests {
    static let t = Timestamp.at("2026-11-28T09:00:00.000Z")

    /// A portfolio in one mode (default thresholds: 1,000,000 minor units, 10 days) with one project managed by `pm`,
    /// its owner, the PMO, another project's manager and a team member, and a plan of two activities.
    struct World {
        let store: SQLStore
        let catalog: Catalog
        let raid: RAIDLog
        let changes: ChangeControl
        let director, analyst, pm, otherPM, owner, member: User
        let portfolio: Portfolio
        let project: Project
        let activities: [Activity]

        func auditLines(_ kind: String? = nil) async throws -> [AuditRecord] {
            try await store.read { try await $0.auditLog(AuditQuery(kind: kind, limit: 1000)) }
        }

        func draft(_ title: String, cost: Int64 = 0, days: Int = 0, baseline: String? = nil,
                   by author: User? = nil) async throws -> ChangeRequest {
            try await catalog.create(ChangeRequest(
                projectId: project.id, title: title, scopeImpact: "scope of \(title)", scheduleImpactDays: days,
                costImpactMinor: cost, baselineName: baseline, createdAt: RAIDAndChangeControlTests.t,
                updatedAt: RAIDAndChangeControlTests.t), .user(author ?? pm))
        }

        /// A change request submitted by the project's manager, waiting for a decision.
        func submitted(_ title: String, cost: Int64 = 0, days: Int = 0, baseline: String? = nil) async throws -> ChangeRequest {
            let d = try await draft(title, cost: cost, days: days, baseline: baseline)
            return try await changes.act(.submit, on: d.id, .user(pm))
        }

        func risk(_ title: String, p: Int = 3, i: Int = 4, owner: User? = nil) async throws -> Risk {
            try await catalog.create(Risk(
                projectId: project.id, title: title, description: "what could happen", probability: p, impact: i,
                ownerId: (owner ?? pm).id, trigger: "a sign", dueDate: .at("2026-12-15"),
                createdAt: RAIDAndChangeControlTests.t, updatedAt: RAIDAndChangeControlTests.t), .user(pm))
        }
    }

    static func world(_ store: SQLStore, _ mode: GovernanceMode) async throws -> World {
        let clock = FixedClock(time: t)
        let catalog = Catalog(store: store, clock: clock)
        func user(_ name: String, _ role: Role) async throws -> User {
            try await catalog.create(User(username: name, displayName: name, role: role, createdAt: t, updatedAt: t), .system)
        }
        let director = try await user("dana", .pmoDirector), analyst = try await user("alex", .pmoAnalyst)
        let pm = try await user("priya", .projectManager), otherPM = try await user("marco", .projectManager)
        let owner = try await user("paula", .portfolioManager), member = try await user("tom", .teamMember)
        let portfolio = try await catalog.create(Portfolio(code: "PF", name: "Portfolio", ownerId: owner.id,
                                                           governanceMode: mode, createdAt: t, updatedAt: t), .system)
        let project = try await catalog.create(Project(portfolioId: portfolio.id, code: "P1", name: "Project",
                                                       managerId: pm.id, createdAt: t, updatedAt: t), .system)
        var activities: [Activity] = []
        for (code, start, finish) in [("A", "2026-12-01", "2026-12-04"), ("B", "2026-12-07", "2026-12-11")] {
            activities.append(try await catalog.create(Activity(
                projectId: project.id, code: code, name: "Activity \(code)", duration: .days(4),
                plannedStart: .at(start), plannedFinish: .at(finish), createdAt: t, updatedAt: t), .system))
        }
        return World(store: store, catalog: catalog, raid: RAIDLog(store: store, clock: clock),
                     changes: ChangeControl(store: store, clock: clock), director: director, analyst: analyst, pm: pm,
                     otherPM: otherPM, owner: owner, member: member, portfolio: portfolio, project: project,
                     activities: activities)
    }

    /// The error a use case throws, or nil when it succeeds.
    static func refusal(_ body: () async throws -> Void) async -> ServiceError? {
        do { try await body(); return nil } catch let e as ServiceError { return e } catch {
            Issue.record("not a ServiceError: \(error)")
            return nil
        }
    }

    // MARK: risks

    @Test("a risk's score and level follow probability × impact on every write, and cannot be set",
          arguments: Backend.available)
    func scoring(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let w = try await Self.world(store, .supportive)
            var draft = Risk(projectId: w.project.id, title: "Vendor late", probability: 4, impact: 4, score: 1,
                             level: .low, createdAt: Self.t, updatedAt: Self.t)
            let risk = try await w.catalog.create(draft, .user(w.pm))
            #expect(risk.score == 16 && risk.level == .high)  // 12–25 is high
            let lower = try await w.catalog.update(Risk.self, risk.id, .user(w.pm)) { $0.impact = 1; $0.score = 25 }
            #expect(lower.score == 4 && lower.level == .low)  // 1–4 is low
            let middle = try await w.catalog.update(Risk.self, risk.id, .user(w.pm)) { $0.probability = 5 }
            #expect(middle.score == 5 && middle.level == .medium)  // 5–11 is medium
            #expect(try await w.catalog.all(Risk.self, .system, ["level": .text("medium")]).map(\.id) == [risk.id])

            draft.probability = 6
            draft.impact = 0
            let bad = await Self.refusal { _ = try await w.catalog.create(draft, .user(w.pm)) }
            #expect(bad?.code == .invalid)
            #expect(Set(bad?.problems.map(\.field) ?? []) == ["probability", "impact"])
        }
    }

    @Test("converting a risk creates its issue, linked both ways, in one transaction, and both are audited",
          arguments: Backend.available)
    func convert(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let w = try await Self.world(store, .controlling)
            let risk = try await w.risk("Vendor delivers late", p: 4, i: 5, owner: w.member)
            let before = try await w.auditLines().count

            // The risk's owner may convert it, though a team member may not edit the log.
            let (converted, issue) = try await w.raid.convert(risk.id, .user(w.member))
            #expect(converted.status == .converted)
            #expect(converted.issueId == issue.id)
            #expect(issue.riskId == risk.id)
            #expect(issue.projectId == w.project.id && issue.title == risk.title && issue.ownerId == w.member.id)
            #expect(issue.severity == .critical)  // a high risk scoring 20 or more is a critical issue
            #expect(issue.dueDate == risk.dueDate && issue.status == .open)
            #expect(try await store.read { try await $0.get(ProjectIssue.self, issue.id) } == issue)

            let lines = try await w.auditLines()
            #expect(lines.count == before + 2)
            let riskLine = try #require(lines.first { $0.kind == "risk" })
            #expect(riskLine.action == "convert" && riskLine.userId == w.member.id && riskLine.at == Self.t)
            #expect(riskLine.summary.contains("open → converted"))
            #expect(riskLine.before?.contains("\"status\":\"open\"") == true)
            #expect(riskLine.after?.contains("\"status\":\"converted\"") == true)
            #expect(lines.contains { $0.kind == "issue" && $0.action == "create" && $0.recordId == issue.id.rawValue })

            // Once converted, it cannot be converted again; nothing changes.
            let again = await Self.refusal { _ = try await w.raid.convert(risk.id, .user(w.pm)) }
            #expect(again?.code == .conflict)
            #expect(again?.message.contains("converted") == true)
            #expect(try await w.catalog.all(ProjectIssue.self, .system, [:]).count == 1)

            // Someone who is neither its owner, the project's manager nor the PMO may not.
            let other = try await w.risk("Another")
            let refused = await Self.refusal { _ = try await w.raid.convert(other.id, .user(w.otherPM)) }
            #expect(refused?.code == .forbidden)
            #expect(refused?.message.contains("owner") == true)
            #expect(try await store.read { try await $0.get(Risk.self, other.id) }?.status == .open)
        }
    }

    @Test("closing a risk needs a reason and keeps it; an edit cannot change a risk's status; a closed risk reopens",
          arguments: Backend.available)
    func close(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let w = try await Self.world(store, .directive)
            let risk = try await w.risk("Budget freeze")
            let lines = try await w.auditLines().count

            let blank = await Self.refusal { _ = try await w.raid.close(risk.id, reason: "  ", .user(w.pm)) }
            #expect(blank?.code == .invalid)
            #expect(blank?.problems.map(\.field) == ["reason"])
            #expect(try await store.read { try await $0.get(Risk.self, risk.id) } == risk)
            #expect(try await w.auditLines().count == lines)

            let edit = await Self.refusal {
                _ = try await w.catalog.update(Risk.self, risk.id, .user(w.pm)) { $0.status = .closed }
            }
            #expect(edit?.code == .invalid)
            #expect(edit?.problems.first?.field == "status")
            #expect(edit?.message.contains("/close") == true)
            let created = await Self.refusal {
                _ = try await w.catalog.create(Risk(projectId: w.project.id, title: "x", status: .closed,
                                                    createdAt: Self.t, updatedAt: Self.t), .user(w.pm))
            }
            #expect(created?.problems.first?.field == "status")

            let closed = try await w.raid.close(risk.id, reason: "The budget was confirmed", .user(w.director))
            #expect(closed.status == .closed && closed.closeReason == "The budget was confirmed")
            let line = try #require(try await w.auditLines("risk").first)
            #expect(line.action == "close" && line.userId == w.director.id)
            #expect(line.summary.contains("open → closed") && line.summary.contains("The budget was confirmed"))

            let reopened = try await w.raid.reopen(risk.id, .user(w.pm))
            #expect(reopened.status == .open && reopened.closeReason == nil)
            let reopenAgain = await Self.refusal { _ = try await w.raid.reopen(risk.id, .user(w.pm)) }
            #expect(reopenAgain?.code == .conflict)
        }
    }

    @Test("a decision's chosen option is one of its options; a decided one says why, by whom and when",
          arguments: Backend.available)
    func decisions(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let w = try await Self.world(store, .supportive)
            let options = [DecisionOption(name: "Build", pros: ["fits"], cons: ["slow"]),
                           DecisionOption(name: "Buy", pros: ["fast"], cons: ["licence cost"])]
            let unknown = await Self.refusal {
                _ = try await w.catalog.create(ProjectDecision(
                    projectId: w.project.id, title: "Platform", options: options, chosenOption: "Rent",
                    createdAt: Self.t, updatedAt: Self.t), .user(w.pm))
            }
            #expect(unknown?.problems.map(\.field) == ["chosen_option"])
            #expect(unknown?.message.contains("'Build', 'Buy'") == true)
            let unexplained = await Self.refusal {
                _ = try await w.catalog.create(ProjectDecision(
                    projectId: w.project.id, title: "Platform", options: options, status: .decided,
                    createdAt: Self.t, updatedAt: Self.t), .user(w.pm))
            }
            #expect(Set(unexplained?.problems.map(\.field) ?? []) == ["chosen_option", "rationale"])

            let proposed = try await w.catalog.create(ProjectDecision(
                projectId: w.project.id, title: "Platform", options: options, createdAt: Self.t, updatedAt: Self.t),
                .user(w.pm))
            #expect(proposed.decidedBy == nil && proposed.decidedAt == nil)
            let decided = try await w.catalog.update(ProjectDecision.self, proposed.id, .user(w.pm)) {
                $0.status = .decided; $0.chosenOption = "Buy"; $0.rationale = "Time to market"
            }
            #expect(decided.decidedBy == w.pm.id && decided.decidedAt == Self.t)
            #expect(decided.options == options)
        }
    }

    // MARK: change requests

    /// Who may approve a submitted change, by mode and size; a refusal names the mode (and the threshold crossed).
    struct ApprovalCase: Sendable, CustomTestStringConvertible {
        var mode: GovernanceMode
        var cost: Int64
        var days: Int
        var approver: String
        /// nil: approved; otherwise words the 403's reason must contain.
        var refusal: [String]?
        var testDescription: String {
            "\(approver) approves cost \(cost), \(days) days in \(mode.rawValue) → \(refusal == nil ? "approved" : "refused")"
        }
    }

    static let approvals: [ApprovalCase] = [
        ApprovalCase(mode: .supportive, cost: 5_000_000, days: 40, approver: "pm", refusal: nil),
        ApprovalCase(mode: .controlling, cost: 500_000, days: 5, approver: "pm", refusal: nil),
        ApprovalCase(mode: .controlling, cost: 1_000_000, days: 10, approver: "pm", refusal: nil),  // at, not above
        ApprovalCase(mode: .controlling, cost: 1_000_001, days: 0, approver: "pm",
                     refusal: ["controlling", "cost impact of 1000001 is above the threshold of 1000000"]),
        ApprovalCase(mode: .controlling, cost: 0, days: -11, approver: "pm",
                     refusal: ["schedule impact of 11 days is above the threshold of 10 days"]),
        ApprovalCase(mode: .controlling, cost: 1_000_001, days: 0, approver: "analyst", refusal: nil),
        ApprovalCase(mode: .directive, cost: 100, days: 1, approver: "pm", refusal: ["directive", "PMO"]),
        ApprovalCase(mode: .directive, cost: 100, days: 1, approver: "director", refusal: nil),
        ApprovalCase(mode: .supportive, cost: 100, days: 1, approver: "other pm", refusal: ["project's manager"]),
        ApprovalCase(mode: .supportive, cost: 100, days: 1, approver: "owner", refusal: ["project's manager"]),
        ApprovalCase(mode: .controlling, cost: 100, days: 1, approver: "member", refusal: ["project's manager"]),
    ]

    @Test("who approves a change request follows the mode and the thresholds; a refusal says why and changes nothing",
          arguments: Backend.available, approvals)
    func approval(backend: Backend, case c: ApprovalCase) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let w = try await Self.world(store, c.mode)
            let approver = ["pm": w.pm, "other pm": w.otherPM, "owner": w.owner, "member": w.member, "analyst": w.analyst,
                            "director": w.director][c.approver]!
            let request = try await w.submitted("Change", cost: c.cost, days: c.days)
            #expect(request.status == .submitted && request.submittedAt == Self.t)
            let overThreshold = c.cost > 1_000_000 || abs(c.days) > 10
            #expect(request.requiredApprover == (c.mode == .supportive || (c.mode == .controlling && !overThreshold)
                ? .projectManager : .pmo))
            #expect(request.requiredApproverReason?.contains(c.mode.rawValue) == true)
            let lines = try await w.auditLines().count
            let error = await Self.refusal { _ = try await w.changes.act(.approve, on: request.id, .user(approver)) }
            let stored = try await store.read { try await $0.get(ChangeRequest.self, request.id) }
            if let words = c.refusal {
                #expect(error?.code == .forbidden)
                for word in words { #expect(error?.message.contains(word) == true, "\(error?.message ?? "") mentions \(word)") }
                #expect(stored == request)  // nothing changed
                #expect(try await w.auditLines().count == lines)
            } else {
                #expect(error == nil, "\(error?.message ?? "")")
                #expect(stored?.status == .approved && stored?.decidedBy == approver.id && stored?.decidedAt == Self.t)
                let line = try #require(try await w.auditLines("change_request").first)
                #expect(line.action == "approve" && line.userId == approver.id)
                #expect(line.summary.contains("submitted → approved"))
            }
        }
    }

    @Test("a rejection needs its reason and keeps it; a deferred change is submitted again; a change is withdrawn",
          arguments: Backend.available)
    func rejectDeferWithdraw(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let w = try await Self.world(store, .controlling)
            let request = try await w.submitted("Add a report", cost: 100)
            let missing = await Self.refusal { _ = try await w.changes.act(.reject, on: request.id, .user(w.pm)) }
            #expect(missing?.code == .invalid)
            #expect(missing?.problems.map(\.field) == ["reason"])
            #expect(try await store.read { try await $0.get(ChangeRequest.self, request.id) } == request)

            let rejected = try await w.changes.act(.reject, on: request.id, reason: "Out of scope", .user(w.pm))
            #expect(rejected.status == .rejected && rejected.reason == "Out of scope" && rejected.decidedBy == w.pm.id)
            let line = try #require(try await w.auditLines("change_request").first)
            #expect(line.action == "reject" && line.summary.contains("(Out of scope)"))
            let late = await Self.refusal { _ = try await w.changes.act(.approve, on: request.id, .user(w.director)) }
            #expect(late?.code == .conflict)
            #expect(late?.message.contains("rejected") == true)
            #expect(try await store.read { try await $0.get(ChangeRequest.self, request.id) }?.reason == "Out of scope")

            let later = try await w.submitted("Later", cost: 100)
            let deferred = try await w.changes.act(.defer, on: later.id, reason: "Next quarter", .user(w.pm))
            #expect(deferred.status == .deferred && deferred.reason == "Next quarter")
            let again = try await w.changes.act(.submit, on: later.id, .user(w.pm))
            #expect(again.status == .submitted && again.reason == nil && again.decidedBy == nil)

            let draft = try await w.draft("Maybe")
            let stranger = await Self.refusal { _ = try await w.changes.act(.withdraw, on: draft.id, .user(w.otherPM)) }
            #expect(stranger?.code == .forbidden)
            #expect(try await w.changes.act(.withdraw, on: draft.id, .user(w.pm)).status == .withdrawn)
            // A decided change stays on the record; a withdrawn one may go.
            let keep = await Self.refusal { try await w.catalog.delete(ChangeRequest.self, rejected.id, .user(w.pm)) }
            #expect(keep?.code == .conflict)
            try await w.catalog.delete(ChangeRequest.self, draft.id, .user(w.pm))
        }
    }

    @Test("a change request is edited only as a draft; its decision fields move only through its actions",
          arguments: Backend.available)
    func edits(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let w = try await Self.world(store, .controlling)
            let draft = try await w.draft("Small", cost: 100, by: w.analyst)
            #expect(draft.authorId == w.analyst.id && draft.status == .draft && draft.requiredApprover == nil)
            // Only the author submits it.
            let notAuthor = await Self.refusal { _ = try await w.changes.act(.submit, on: draft.id, .user(w.pm)) }
            #expect(notAuthor?.code == .forbidden)
            #expect(notAuthor?.message.contains("author") == true)

            let bigger = try await w.catalog.update(ChangeRequest.self, draft.id, .user(w.pm)) { $0.costImpactMinor = 2_000_000 }
            #expect(bigger.costImpactMinor == 2_000_000)
            let status = await Self.refusal {
                _ = try await w.catalog.update(ChangeRequest.self, draft.id, .user(w.pm)) { $0.status = .approved }
            }
            #expect(status?.problems.map(\.field) == ["status"])
            #expect(status?.message.contains("/approve") == true)
            let submitted = try await w.changes.act(.submit, on: draft.id, .user(w.analyst))
            #expect(submitted.requiredApprover == .pmo)
            #expect(submitted.requiredApproverReason?.contains("above the threshold") == true)
            let locked = await Self.refusal {
                _ = try await w.catalog.update(ChangeRequest.self, draft.id, .user(w.pm)) { $0.costImpactMinor = 1 }
            }
            #expect(locked?.code == .conflict)
            #expect(locked?.message.contains("only a draft or deferred") == true)
        }
    }

    // MARK: baselines

    @Test("an approved change with a baseline name saves the baseline in the same transaction; a taken name refuses it all",
          arguments: Backend.available)
    func approvalSavesBaseline(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let w = try await Self.world(store, .supportive)
            let request = try await w.submitted("Re-plan", cost: 100, days: 3, baseline: "Baseline 2")
            let approved = try await w.changes.act(.approve, on: request.id, .user(w.pm))
            let baseline = try #require(try await w.catalog.all(Baseline.self, .system, [:]).first)
            #expect(approved.baselineId == baseline.id && approved.baselineName == "Baseline 2")
            #expect(baseline.name == "Baseline 2" && baseline.changeRequestId == request.id && baseline.createdBy == w.pm.id)
            #expect(baseline.activities.map(\.code) == ["A", "B"])
            #expect(baseline.activities[1].plannedStart == .at("2026-12-07"))
            #expect(baseline.activities[1].plannedFinish == .at("2026-12-11"))
            #expect(try await w.auditLines("baseline").map(\.action) == ["create"])

            // The same name again: refused (409), and the approval is not kept either.
            let second = try await w.submitted("Re-plan again", cost: 100)
            let lines = try await w.auditLines().count
            let taken = await Self.refusal {
                _ = try await w.changes.act(.approve, on: second.id, baseline: .named("Baseline 2"), .user(w.pm))
            }
            #expect(taken?.code == .conflict)
            #expect(taken?.message.contains("Baseline 2") == true)
            #expect(try await store.read { try await $0.get(ChangeRequest.self, second.id) } == second)
            #expect(try await w.catalog.all(Baseline.self, .system, [:]).count == 1)
            #expect(try await w.auditLines().count == lines)
            let blank = await Self.refusal {
                _ = try await w.changes.act(.approve, on: second.id, baseline: .named(" "), .user(w.pm))
            }
            #expect(blank?.problems.map(\.field) == ["baseline_name"])
            // Approving without a baseline saves none.
            #expect(try await w.changes.act(.approve, on: second.id, baseline: .none, .user(w.pm)).baselineId == nil)
            #expect(try await w.catalog.all(Baseline.self, .system, [:]).count == 1)
        }
    }

    @Test("a directive portfolio refuses a PM's baseline and lets the PMO save one; elsewhere the PM saves it",
          arguments: Backend.available)
    func baselineRules(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let w = try await Self.world(store, .directive)
            func draft(_ name: String) -> Baseline { Baseline(projectId: w.project.id, name: name, createdAt: Self.t, updatedAt: Self.t) }
            let refused = await Self.refusal { _ = try await w.catalog.create(draft("PM's"), .user(w.pm)) }
            #expect(refused?.code == .forbidden)
            #expect(refused?.message.contains("directive") == true)
            #expect(refused?.message.contains("cannot re-baseline on their own") == true)
            #expect(try await w.catalog.all(Baseline.self, .system, [:]).isEmpty)
            #expect(try await w.auditLines("baseline").isEmpty)

            let saved = try await w.catalog.create(draft("Approved plan"), .user(w.analyst))
            #expect(saved.createdBy == w.analyst.id && saved.activities.count == 2)
            let noDelete = await Self.refusal { try await w.catalog.delete(Baseline.self, saved.id, .user(w.pm)) }
            #expect(noDelete?.code == .forbidden)
            let noChange = await Self.refusal {
                _ = try await w.catalog.update(Baseline.self, saved.id, .user(w.director)) { $0.name = "Renamed" }
            }
            #expect(noChange?.code == .conflict)
            #expect(noChange?.message.contains("never changes") == true)
            let duplicate = await Self.refusal { _ = try await w.catalog.create(draft("Approved plan"), .user(w.director)) }
            #expect(duplicate?.code == .conflict)

            // The portfolio becomes controlling: the PM may baseline (and delete baselines) on their own.
            _ = try await w.catalog.update(Portfolio.self, w.portfolio.id, .user(w.director)) { $0.governanceMode = .controlling }
            let own = try await w.catalog.create(draft("PM's"), .user(w.pm))
            try await w.catalog.delete(Baseline.self, own.id, .user(w.pm))
            // Someone else's project: the permission policy refuses before the mode is asked.
            let stranger = await Self.refusal { _ = try await w.catalog.create(draft("Other"), .user(w.otherPM)) }
            #expect(stranger?.code == .forbidden)
        }
    }

    @Test("the variance against a baseline gives each activity's start and finish slip in days",
          arguments: Backend.available)
    func variance(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let w = try await Self.world(store, .supportive)
            let baseline = try await w.catalog.create(
                Baseline(projectId: w.project.id, name: "Original", createdAt: Self.t, updatedAt: Self.t), .user(w.pm))
            _ = try await w.catalog.update(Activity.self, w.activities[1].id, .system) {
                $0.plannedStart = .at("2026-12-09"); $0.plannedFinish = .at("2026-12-15")
            }
            let added = try await w.catalog.create(Activity(projectId: w.project.id, code: "C", name: "New", createdAt: Self.t,
                                                            updatedAt: Self.t), .system)
            let (_, rows) = try await w.changes.variance(of: baseline.id, .user(w.member))
            #expect(rows.map(\.code) == ["A", "B", "C"])
            #expect(rows[0].change == .same && rows[0].startSlipDays == 0 && rows[0].finishSlipDays == 0)
            #expect(rows[1].change == .moved && rows[1].startSlipDays == 2 && rows[1].finishSlipDays == 4)
            #expect(rows[2].change == .added && rows[2].activityId == added.id && rows[2].startSlipDays == nil)
            try await w.catalog.delete(Activity.self, w.activities[0].id, .system)
            let (_, after) = try await w.changes.variance(of: baseline.id, .user(w.member))
            #expect(after.map(\.change) == [.moved, .added, .removed])
        }
    }

    // MARK: thresholds and the portfolio view

    @Test("a portfolio's change thresholds default to 1,000,000 minor units and 10 days, are edited with it, and move who decides",
          arguments: Backend.available)
    func thresholds(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let w = try await Self.world(store, .controlling)
            #expect(w.portfolio.changeCostThresholdMinor == 1_000_000 && w.portfolio.changeScheduleThresholdDays == 10)
            let bad = await Self.refusal {
                _ = try await w.catalog.update(Portfolio.self, w.portfolio.id, .user(w.owner)) {
                    $0.changeCostThresholdMinor = -1; $0.changeScheduleThresholdDays = 99_999
                }
            }
            #expect(Set(bad?.problems.map(\.field) ?? []) == ["change_cost_threshold_minor", "change_schedule_threshold_days"])
            let big = try await w.submitted("Big", cost: 3_000_000)
            #expect(await Self.refusal { _ = try await w.changes.act(.approve, on: big.id, .user(w.pm)) }?.code == .forbidden)
            // Its owner raises the cost threshold: the same change is now the PM's to decide.
            let raised = try await w.catalog.update(Portfolio.self, w.portfolio.id, .user(w.owner)) {
                $0.changeCostThresholdMinor = 5_000_000
            }
            #expect(raised.changeCostThresholdMinor == 5_000_000)
            #expect(try await w.changes.act(.approve, on: big.id, .user(w.pm)).status == .approved)
            let stranger = await Self.refusal {
                _ = try await w.catalog.update(Portfolio.self, w.portfolio.id, .user(w.pm)) { $0.changeScheduleThresholdDays = 1 }
            }
            #expect(stranger?.code == .forbidden)
        }
    }

    @Test("the portfolio's RAID view gathers every project's items with their project code, filtered and sorted",
          arguments: Backend.available)
    func portfolioView(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let w = try await Self.world(store, .supportive)
            let second = try await w.catalog.create(Project(portfolioId: w.portfolio.id, code: "P2", name: "Second",
                                                            managerId: w.otherPM.id, createdAt: Self.t, updatedAt: Self.t), .system)
            let high = try await w.risk("High", p: 4, i: 4)
            let low = try await w.catalog.create(Risk(projectId: second.id, title: "Low", probability: 1, impact: 2,
                                                      ownerId: w.otherPM.id, createdAt: Self.t, updatedAt: Self.t), .user(w.otherPM))
            let issue = try await w.catalog.create(ProjectIssue(projectId: second.id, title: "Broken", severity: .high,
                                                                dueDate: .at("2026-12-02"), createdAt: Self.t, updatedAt: Self.t),
                                                   .user(w.otherPM))
            _ = try await w.catalog.create(Assumption(projectId: w.project.id, statement: "Staff available",
                                                      validateBy: .at("2026-12-20"), createdAt: Self.t, updatedAt: Self.t),
                                           .user(w.pm))
            let view = try await w.raid.portfolioView(w.portfolio.id, RAIDQuery(), .user(w.member))
            // By score, highest first; items without a score after.
            #expect(view.items.prefix(2).map(\.title) == ["High", "Low"])
            #expect(Set(view.items.dropFirst(2).map(\.title)) == ["Broken", "Staff available"])
            #expect(Set(view.items.map(\.projectCode)) == ["P1", "P2"])
            #expect(view.items.first { $0.id == low.id.rawValue && $0.type == .risk }?.projectCode == "P2")

            func titles(_ parameters: [(String, String)]) async throws -> [String] {
                try await w.raid.portfolioView(w.portfolio.id, try RAIDQuery(parameters: parameters), .user(w.member)).items.map(\.title)
            }
            #expect(try await titles([("type", "risk"), ("sort", "score"), ("order", "asc")]) == ["Low", "High"])
            #expect(try await titles([("level", "high")]) == ["High", "Broken"])  // a risk's level, an issue's severity
            #expect(try await titles([("status", "open"), ("owner_id", "\(w.otherPM.id)")]) == ["Low"])
            #expect(try await titles([("sort", "due")]) == ["Broken", "High", "Staff available", "Low"])  // soonest first
            _ = try await w.raid.close(high.id, reason: "gone", .user(w.pm))
            #expect(try await titles([("type", "risk"), ("status", "closed")]) == ["High"])
            _ = issue
            let wrong = await Self.refusal { _ = try RAIDQuery(parameters: [("type", "risk"), ("status", "resolved")]) }
            #expect(wrong?.problems.map(\.field) == ["status"])
            let unknown = await Self.refusal { _ = try RAIDQuery(parameters: [("colour", "red")]) }
            #expect(unknown?.problems.map(\.field) == ["colour"])
        }
    }

    @Test("a project takes its RAID log, change requests and baselines with it", arguments: Backend.available)
    func projectDelete(backend: Backend) async throws {
        try await TestDatabase.with(backend) { store, _ in
            let w = try await Self.world(store, .supportive)
            let risk = try await w.risk("R")
            _ = try await w.raid.convert(risk.id, .user(w.pm))
            _ = try await w.catalog.create(Assumption(projectId: w.project.id, statement: "S", createdAt: Self.t, updatedAt: Self.t), .system)
            _ = try await w.catalog.create(ProjectDecision(projectId: w.project.id, title: "D", createdAt: Self.t, updatedAt: Self.t), .system)
            _ = try await w.submitted("C", baseline: "B")
            _ = try await w.catalog.create(Baseline(projectId: w.project.id, name: "B0", createdAt: Self.t, updatedAt: Self.t), .system)
            try await w.catalog.delete(Project.self, w.project.id, .system)
            let left = try await store.read { s in
                [try await s.count(Risk.self, [:]), try await s.count(ProjectIssue.self, [:]),
                 try await s.count(Assumption.self, [:]), try await s.count(ProjectDecision.self, [:]),
                 try await s.count(ChangeRequest.self, [:]), try await s.count(Baseline.self, [:])]
            }
            #expect(left == [0, 0, 0, 0, 0, 0])
        }
    }

    @Test("the demo has a RAID log and change requests in every state, made by its people")
    func demo() async throws {
        try await TestDatabase.with(.sqlite) { store, _ in
            let clock = FixedClock(time: .at("2026-11-28T12:00:00Z"))
            _ = try await DemoLoader(store: store, clock: clock, secrets: PlainSecrets())
                .load(DemoData.generate(today: .at("2026-11-28")))
            let catalog = Catalog(store: store, clock: clock)
            let risks = try await catalog.all(Risk.self, .system, [:])
            #expect(risks.count >= 5)
            #expect(risks.contains { $0.level == .high && $0.status == .open })
            #expect(risks.contains { $0.status == .converted && $0.issueId != nil })
            #expect(risks.contains { $0.status == .closed && $0.closeReason != nil })
            #expect(try await catalog.all(ProjectIssue.self, .system, [:]).count >= 2)
            #expect(try await !catalog.all(Assumption.self, .system, [:]).isEmpty)
            let decision = try #require(try await catalog.all(ProjectDecision.self, .system, [:]).first)
            #expect(decision.options.count >= 2 && decision.options.allSatisfy { !$0.pros.isEmpty && !$0.cons.isEmpty })
            let states = Set(try await catalog.all(ChangeRequest.self, .system, [:]).map(\.status))
            #expect(states == Set(ChangeRequestStatus.allCases))
            #expect(try await catalog.all(Baseline.self, .system, [:]).contains { $0.changeRequestId != nil })
            let lines = try await Audit(store: store).entries(AuditQuery(kind: "change_request", action: "approve"), .system)
            #expect(!lines.items.isEmpty && lines.items.allSatisfy { $0.userId != nil })
        }
    }
}
