public import GantryServices

/// What the web edge needs from the application layer, wired by the composition root.
public struct Backend: Sendable {
    public var catalog: Catalog
    public var accounts: Accounts
    public var views: Views
    public var scheduling: Scheduling
    public var plans: PlanEditor
    public var audit: Audit
    public var intake: Intake
    public var inbox: Inbox
    public var gates: StageGates
    public var raid: RAIDLog
    public var changes: ChangeControl
    public var reports: StatusReports
    public var interchange: Interchange
    public var records: Records
    public var capacity: CapacityPlanner
    public var timesheets: Timesheets
    public var money: MoneyReports
    /// Succeeds when the database answers (`/health/ready`).
    public var ready: @Sendable () async throws -> Void
    /// Prometheus text exposition for `/metrics`.
    public var metrics: @Sendable () -> String

    public init(store: any Store, clock: any Clock, secrets: any Secrets,
                metrics: @escaping @Sendable () -> String = { "" }) {
        catalog = Catalog(store: store, clock: clock)
        accounts = Accounts(store: store, clock: clock, secrets: secrets)
        views = Views(store: store, catalog: catalog)
        scheduling = Scheduling(store: store, clock: clock)
        plans = PlanEditor(store: store, clock: clock)
        audit = Audit(store: store)
        intake = Intake(store: store, clock: clock)
        inbox = Inbox(store: store, clock: clock)
        gates = StageGates(store: store, clock: clock)
        raid = RAIDLog(store: store, clock: clock)
        changes = ChangeControl(store: store, clock: clock)
        reports = StatusReports(store: store, clock: clock)
        interchange = Interchange(store: store, clock: clock, secrets: secrets)
        records = Records(store: store, clock: clock)
        capacity = CapacityPlanner(store: store, clock: clock)
        timesheets = Timesheets(store: store, clock: clock)
        money = MoneyReports(store: store, clock: clock)
        ready = { try await store.ping() }
        self.metrics = metrics
    }
}
