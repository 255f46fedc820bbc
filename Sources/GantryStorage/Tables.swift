import GantryModel

/// How a column holds its value. `json` columns keep structured fields (a calendar's week) as JSON text,
/// so both databases store them the same way.
enum ColumnType: Sendable {
    case int, double, text, bool, json
}

struct Column: Sendable {
    var name: String
    var type: ColumnType
    var nullable: Bool

    static func int(_ n: String, null: Bool = false) -> Column { Column(name: n, type: .int, nullable: null) }
    static func double(_ n: String, null: Bool = false) -> Column { Column(name: n, type: .double, nullable: null) }
    static func text(_ n: String, null: Bool = false) -> Column { Column(name: n, type: .text, nullable: null) }
    static func bool(_ n: String) -> Column { Column(name: n, type: .bool, nullable: false) }
    static func json(_ n: String, null: Bool = false) -> Column { Column(name: n, type: .json, nullable: null) }
}

/// A record table: its name and the columns after `id` and `version`, named as the record's JSON keys.
struct Table: Sendable {
    var name: String
    var columns: [Column]
    var uniques: [[String]]
    var indexes: [[String]]

    var columnNames: Set<String> { Set(columns.map(\.name) + ["id", "version"]) }

    static let stamps: [Column] = [.text("created_at"), .text("updated_at")]

    static let users = Table(
        name: "users",
        columns: [.text("username"), .text("display_name"), .text("email", null: true), .text("role"), .bool("active")]
            + stamps,
        uniques: [["username"]], indexes: [])
    static let portfolios = Table(
        name: "portfolios",
        columns: [.text("code"), .text("name"), .text("description"), .int("owner_id", null: true),
                  .text("governance_mode"), .int("change_cost_threshold_minor"), .int("change_schedule_threshold_days"),
                  .double("rag_green_minimum"), .double("rag_amber_minimum"), .int("rag_overdue_milestones_amber_at"),
                  .int("rag_overdue_milestones_red_at"), .int("rag_open_high_risks_amber_at"), .int("rag_open_high_risks_red_at"),
                  .text("reporting_currency")]
            + stamps,
        uniques: [["code"]], indexes: [["owner_id"]])
    static let programs = Table(
        name: "programs",
        columns: [.int("portfolio_id"), .text("code"), .text("name"), .text("description"),
                  .int("manager_id", null: true), .text("state")] + stamps,
        uniques: [["portfolio_id", "code"]], indexes: [["manager_id"]])
    static let projects = Table(
        name: "projects",
        columns: [.int("portfolio_id"), .int("program_id", null: true), .text("code"), .text("name"),
                  .text("description"), .int("manager_id", null: true), .text("state"), .text("health"),
                  .text("start_date", null: true), .text("finish_date", null: true), .int("calendar_id", null: true),
                  .text("status_date", null: true), .bool("honor_constraints"), .text("critical_float"),
                  .text("report_cadence"), .text("scheduling_rules"), .text("lag_calendar", null: true),
                  .text("total_float", null: true), .bool("open_ends_critical"), .bool("critical_by_longest_path"),
                  .bool("use_expected_finish"),
                  .text("must_finish_by", null: true), .text("currency")]
            + stamps,
        uniques: [["code"]], indexes: [["portfolio_id"], ["program_id"], ["manager_id"], ["calendar_id"]])
    static let activities = Table(
        name: "activities",
        columns: [.int("project_id"), .int("parent_id", null: true), .int("position"), .text("code"), .text("name"),
                  .text("kind"), .text("duration"), .double("percent_complete"), .text("planned_start", null: true),
                  .text("planned_finish", null: true), .int("calendar_id", null: true), .text("constraint_type"),
                  .text("constraint_date", null: true), .text("deadline", null: true), .text("actual_start", null: true),
                  .text("actual_finish", null: true), .text("optimistic_duration", null: true),
                  .text("pessimistic_duration", null: true), .int("priority"), .bool("do_not_level"),
                  .text("leveled_start", null: true), .bool("manually_scheduled"), .text("notes", null: true),
                  .bool("soft_constraint"), .bool("finish_milestone"), .text("secondary_constraint_type", null: true),
                  .text("secondary_constraint_date", null: true), .text("expected_finish", null: true),
                  .text("suspend_date", null: true), .text("resume_date", null: true),
                  .text("derived_dates", null: true), .text("external_early_start", null: true),
                  .text("external_late_finish", null: true), .int("fixed_cost_minor"),
                  .double("physical_percent_complete", null: true)] + stamps,
        uniques: [["project_id", "code"]], indexes: [["parent_id"], ["calendar_id"]])
    static let dependencies = Table(
        name: "dependencies",
        columns: [.int("project_id"), .int("predecessor_id"), .int("successor_id"), .text("type"), .text("lag")]
            + stamps,
        uniques: [["predecessor_id", "successor_id"]], indexes: [["project_id"], ["successor_id"]])
    static let calendars = Table(
        name: "calendars",
        columns: [.text("name"), .json("week"), .json("exceptions")] + stamps,
        uniques: [["name"]], indexes: [])
    static let resources = Table(
        name: "resources",
        columns: [.text("name"), .text("kind"), .text("role"), .json("skills"), .int("cost_rate_minor"),
                  .text("currency"), .double("max_units"), .int("user_id", null: true), .int("calendar_id", null: true),
                  .text("org_unit"), .int("team_id", null: true), .double("capacity_hours_per_week", null: true),
                  .double("capacity_percent")]
            + stamps,
        uniques: [], indexes: [["user_id"], ["calendar_id"]])

    static let assignments = Table(
        name: "assignments",
        columns: [.int("project_id"), .int("activity_id"), .int("resource_id"), .double("units")] + stamps,
        uniques: [["activity_id", "resource_id"]], indexes: [["project_id"], ["resource_id"]])

    static let lessons = Table(
        name: "lessons",
        columns: [.int("project_id"), .text("category"), .text("title"), .text("description"), .text("impact"),
                  .text("recommendation"), .int("owner_id", null: true)] + stamps,
        uniques: [], indexes: [["project_id"]])
    static let trainingRecords = Table(
        name: "training_records",
        columns: [.int("user_id"), .text("kind"), .text("title"), .text("provider"), .text("completed_on", null: true),
                  .text("expires_on", null: true), .text("credential_id")] + stamps,
        uniques: [], indexes: [["user_id"]])
    static let glossary = Table(
        name: "glossary_terms",
        columns: [.text("term"), .text("definition"), .json("aliases")] + stamps,
        uniques: [["term"]], indexes: [])

    static let all: [Table] = [
        users, portfolios, programs, projects, activities, dependencies, calendars, resources, assignments, lessons,
        trainingRecords, glossary, templates, phases,
        intakeRequests, scoringModels,
        risks, assumptions, issues, decisions, changeRequests, baselines,
        statusReports,
        importReports, calendarFeeds,
    ] + capacity + finance

    /// The tables as migration 0001 created them: today's, less what later migrations added. A migration that
    /// adds columns or tables adds them to this list of exclusions, so 0001 keeps creating exactly what it did.
    static let foundation: [Table] = {
        let later: [String: Set<String>] = [
            "portfolios": ["change_cost_threshold_minor", "change_schedule_threshold_days", "rag_green_minimum",
                           "rag_amber_minimum", "rag_overdue_milestones_amber_at", "rag_overdue_milestones_red_at",
                           "rag_open_high_risks_amber_at", "rag_open_high_risks_red_at", "reporting_currency"],
            "projects": ["status_date", "honor_constraints", "critical_float", "report_cadence", "scheduling_rules",
                         "lag_calendar", "total_float", "open_ends_critical", "critical_by_longest_path", "use_expected_finish",
                         "must_finish_by", "currency"],
            "activities": ["constraint_type", "constraint_date", "deadline", "actual_start", "actual_finish",
                           "optimistic_duration", "pessimistic_duration", "priority", "do_not_level", "leveled_start",
                           "manually_scheduled", "notes", "soft_constraint", "finish_milestone",
                           "secondary_constraint_type", "secondary_constraint_date", "expected_finish", "suspend_date",
                           "resume_date", "derived_dates", "external_early_start", "external_late_finish",
                           "fixed_cost_minor", "physical_percent_complete"],
            "resources": ["org_unit", "team_id", "capacity_hours_per_week", "capacity_percent"],
        ]
        return [users, portfolios, programs, projects, activities, dependencies, calendars, resources].map { t in
            var t = t
            t.columns.removeAll { later[t.name]?.contains($0.name) ?? false }
            return t
        }
    }()

    static func of<E: Entity>(_ type: E.Type) -> Table {
        switch type {
        case is User.Type: users
        case is Portfolio.Type: portfolios
        case is Program.Type: programs
        case is Project.Type: projects
        case is Activity.Type: activities
        case is Dependency.Type: dependencies
        case is WorkCalendar.Type: calendars
        case is Resource.Type: resources
        case is Assignment.Type: assignments
        case is LessonLearned.Type: lessons
        case is TrainingRecord.Type: trainingRecords
        case is GlossaryTerm.Type: glossary
        case is IntakeRequest.Type: intakeRequests
        case is ScoringModel.Type: scoringModels
        case is ProjectTemplate.Type: templates
        case is ProjectPhase.Type: phases
        case is Risk.Type: risks
        case is Assumption.Type: assumptions
        case is ProjectIssue.Type: issues
        case is ProjectDecision.Type: decisions
        case is ChangeRequest.Type: changeRequests
        case is Baseline.Type: baselines
        case is StatusReport.Type: statusReports
        case is ImportReport.Type: importReports
        case is CalendarFeed.Type: calendarFeeds
        case is Skill.Type: skills
        case is JobRole.Type: jobRoles
        case is Absence.Type: absences
        case is BackgroundLoad.Type: backgroundLoads
        case is ProjectAllocation.Type: allocations
        case is CapacitySettings.Type: capacitySettings
        case is CapacityScenario.Type: scenarios
        case is CostRate.Type: costRates
        case is ExchangeRate.Type: exchangeRates
        case is BudgetLine.Type: budgetLines
        case is FundingSource.Type: fundingSources
        case is Timesheet.Type: timesheets
        case is TimesheetLine.Type: timesheetLines
        case is Expense.Type: expenses
        case is ClosedPeriod.Type: closedPeriods
        case is ProgressSnapshot.Type: progressSnapshots
        case is ApprovalDelegation.Type: approvalDelegations
        default: fatalError("no table for \(E.self): add it to Table.of")
        }
    }
}
