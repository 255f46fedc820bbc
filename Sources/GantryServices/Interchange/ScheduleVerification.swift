public import GantryInterchange
public import GantryModel
public import GantryScheduling

/// Gantry's engine against the dates another tool stored: re-schedules a `ProjectFile` from its own start (and,
/// for Primavera, its data date) and compares, task by task, what the file stores with what Gantry computes.
///
/// The rules of the comparison are MPXJ's (`MicrosoftSchedulerComparator`, and `../shared/tools/mpxj_oracle.py`
/// which scores MPXJ's schedulers on the same corpus), so the two can be put side by side:
/// - a field is compared only when the file stores a value for it;
/// - two dates are equal when less than one working minute apart on the task's calendar (so 17:00 and the next
///   working day's 08:00 are the same instant);
/// - slack is compared in the unit the file shows it in, truncated to two decimals;
/// - Critical is compared too (MPXJ does not).
/// Leaf tasks are what the agreement figure counts. Summary tasks (roll-ups) and manually scheduled tasks (which
/// keep their dates) are counted apart; null, inactive and external tasks and the project summary row are left
/// out. Each task also names the known-hard categories it falls in (split, resource-driven, timephased…), so a
/// report can say where the misses come from.
///
/// Pure: values in, values out. Scheduling problems never throw: a dependency cycle is the result's `error`.
public enum ScheduleVerification {
    /// What is compared per task, in report order.
    public enum Field: String, CaseIterable, Sendable, Hashable, Codable {
        case start, finish
        case earlyStart = "early_start", earlyFinish = "early_finish"
        case lateStart = "late_start", lateFinish = "late_finish"
        case totalSlack = "total_slack", freeSlack = "free_slack"
        case critical
    }

    /// Why a task may disagree that is known to be hard (or out of Gantry's model), named per task.
    public enum HardCase: String, CaseIterable, Sendable, Hashable, Codable {
        /// MS Project split the work into pieces; Gantry schedules a task as one piece.
        case split
        /// Effort-driven / resource-dependent: the dates follow the resources' work and units.
        case resourceDriven = "resource_driven"
        /// The file holds timephased data (contoured work) for the task.
        case timephased
        /// The duration is elapsed time (nights and weekends count).
        case elapsedDuration = "elapsed_duration"
        /// An incoming link has an elapsed lag.
        case elapsedLag = "elapsed_lag"
        /// Started but not finished: dates depend on how remaining work is placed.
        case inProgress = "in_progress"
        /// Scheduled on a resource's calendar rather than its own or the project's.
        case resourceCalendar = "resource_calendar"
        /// A Primavera level-of-effort or WBS-summary activity: its dates span its links, or its WBS node's work.
        case levelOfEffort = "level_of_effort"
        /// A link to or from another project, left out of scheduling.
        case externalLink = "external_link"
        /// A Primavera secondary constraint: a second limit on the early or the late dates.
        case secondaryConstraint = "secondary_constraint"
        /// Primavera suspend and resume dates: the remaining work starts no earlier than the resume date.
        case suspended
        /// The file contradicts itself: MS Project gives a task that nothing follows (no successor of its own or of
        /// a summary above it), with no deadline and no constraint that limits its late dates, the project's finish
        /// as its late finish ("the latest date that a task can finish without delaying the finish of the
        /// project", Late Finish field, MS Project help), and this task stores another one while the file's project
        /// finish is the latest finish of its tasks. Its late dates were saved from an earlier calculation; no
        /// scheduler can reproduce them from the file.
        case staleLateFinish = "stale_late_finish"
    }

    /// Agreement on one field: how many compared values were equal.
    public struct Tally: Sendable, Hashable, Codable {
        public var agree: Int
        public var compared: Int
        public init(agree: Int = 0, compared: Int = 0) { self.agree = agree; self.compared = compared }
        /// Percent equal; `nil` when nothing was compared.
        public var percent: Double? { compared == 0 ? nil : 100 * Double(agree) / Double(compared) }
        public mutating func add(_ equal: Bool) { compared += 1; if equal { agree += 1 } }
        public static func + (a: Tally, b: Tally) -> Tally { Tally(agree: a.agree + b.agree, compared: a.compared + b.compared) }
    }

    /// Whether a group of tasks agrees on every compared field.
    public struct TaskTally: Sendable, Hashable, Codable {
        public var tasks: Int
        public var agreeAll: Int
        public init(tasks: Int = 0, agreeAll: Int = 0) { self.tasks = tasks; self.agreeAll = agreeAll }
        public var percent: Double? { tasks == 0 ? nil : 100 * Double(agreeAll) / Double(tasks) }
        public mutating func add(_ all: Bool) { tasks += 1; if all { agreeAll += 1 } }
        public static func + (a: TaskTally, b: TaskTally) -> TaskTally { TaskTally(tasks: a.tasks + b.tasks, agreeAll: a.agreeAll + b.agreeAll) }
    }

    /// One field of one task where Gantry and the file differ: both values as text (dates `yyyy-MM-ddTHH:mm`,
    /// slack in the file's unit).
    public struct Mismatch: Sendable, Hashable, Codable {
        public enum Role: String, Sendable, Hashable, Codable { case leaf, summary, manual }
        public var taskUID: String
        public var rowID: Int?
        public var name: String
        public var role: Role
        public var field: Field
        public var stored: String
        public var ours: String
        public var hardCases: [HardCase]
    }

    /// The comparison of one file.
    public struct FileAgreement: Sendable, Hashable {
        public var format: ProjectFile.Format
        public var name: String
        /// Automatically scheduled non-summary tasks with at least one stored field: what the figure counts.
        public var leaf: TaskTally
        public var summary: TaskTally
        public var manual: TaskTally
        /// Per field, over leaf tasks.
        public var byField: [Field: Tally]
        /// Per known-hard category, over leaf tasks.
        public var hardCases: [HardCase: TaskTally]
        /// Leaf and manual tasks whose stored late finish contradicts the file's own project finish (see
        /// `HardCase.staleLateFinish`); already counted in `leaf` or `manual`.
        public var stale: TaskTally
        /// Every differing field, leaf tasks first, in file order.
        public var mismatches: [Mismatch]
        /// Why the file could not be scheduled (a dependency cycle, named); every leaf task then counts as a miss.
        public var error: String?
        /// What the mapping and the engine noticed (dropped links, unknown calendars, negative float…).
        public var notes: [String]

        public init(format: ProjectFile.Format, name: String) {
            self.format = format; self.name = name; leaf = TaskTally(); summary = TaskTally(); manual = TaskTally()
            byField = [:]; hardCases = [:]; stale = TaskTally(); mismatches = []; error = nil
            notes = []
        }
    }

    // MARK: Mapping

    /// A `ProjectFile` as the engine's input, with the way back from activities to the file's tasks.
    public struct EngineInput: Sendable {
        public var input: ScheduleInput
        /// `input.activities[i]` is `file.tasks[taskOfActivity[i]]`.
        public var taskOfActivity: [Int]
        /// For each file task, its activity (nil when left out: null, inactive, external, the project row).
        public var activityOfTask: [Int?]
        /// The calendar (an index into `input.calendars`) each activity's dates are compared on: the task's own or
        /// the project's, as MPXJ compares, even when its resources' calendars scheduled it.
        public var compareCalendar: [Int]
        /// The known-hard categories of each file task.
        public var hardCases: [[HardCase]]
        public var notes: [String]
    }

    /// Builds the engine's input from a file: every calendar it uses compiled (index 0 the project's), each task
    /// on its calendar, durations in working or elapsed minutes, summaries with their parents, manual tasks with
    /// their dates, actual dates and remaining work, constraints and deadlines, links with their lags on the lag
    /// calendar the authoring tool uses.
    public static func engineInput(for file: ProjectFile) -> EngineInput {
        var notes: [String] = []
        let isPrimavera = file.isPrimavera
        let projectStart = startInstant(of: file)
        let (from, through) = horizon(of: file, start: projectStart)

        // Calendars: compiled once each, on demand; index 0 is the project calendar.
        var compiled: [CompiledCalendar] = []
        var position: [String: Int] = [:]
        func compile(_ uid: String?) -> Int? {
            guard let uid else { return nil }
            if let p = position[uid] { return p }
            guard let value = file.resolvedCalendar(uid) else {
                notes.append("calendar \(uid) is not in the file; the project calendar is used")
                return nil
            }
            do {
                let c = try CompiledCalendar(week: value.week, exceptions: value.exceptions, from: from, through: through,
                                             name: value.name.isEmpty ? "calendar \(uid)" : value.name,
                                             minutesPerDay: Int64(max(1, file.minutesPerDay)))
                position[uid] = compiled.count
                compiled.append(c)
                return compiled.count - 1
            } catch {
                notes.append("calendar \(uid) cannot be used (\(error.description)); the project calendar is used")
                return nil
            }
        }
        if compile(file.calendarUID) == nil {
            // No usable project calendar: MS Project's standard week.
            compiled.insert(standardCalendar(perDay: file.minutesPerDay), at: 0)
            for (k, v) in position { position[k] = v + 1 }
        }

        // MS Project schedules a task that has work resources (and is not fixed-duration) by its assignments:
        // each assignment's work, at its units, on its resource's calendar; the task ends when the last one does
        // (MPXJ's MicrosoftScheduler does the same). Gantry schedules an activity on one calendar, so it takes the
        // assignment that runs longest: the most weeks of its calendar's working time.
        var resourceCalendar: [String: String] = [:]
        var workResource: Set<String> = []
        for r in file.resources {
            if let c = r.calendarUID { resourceCalendar[r.uid] = c }
            if r.kind == .work { workResource.insert(r.uid) }
        }
        var assignmentsOf: [String: [ProjectFile.Assignment]] = [:]
        if file.format == .mspdi {
            for a in file.assignments where workResource.contains(a.resourceUID) && a.units > 0 {
                assignmentsOf[a.taskUID, default: []].append(a)
            }
        }

        // Which tasks take part.
        var activityOfTask = [Int?](repeating: nil, count: file.tasks.count)
        var taskOfActivity: [Int] = []
        var indexOfUID: [String: Int] = [:]
        for (t, task) in file.tasks.enumerated() {
            if task.isNull || !task.active || task.external || isProjectRow(task) { continue }
            guard indexOfUID[task.uid] == nil else {
                notes.append("task UID \(task.uid) appears twice; the second is left out")
                continue
            }
            activityOfTask[t] = taskOfActivity.count
            indexOfUID[task.uid] = taskOfActivity.count
            taskOfActivity.append(t)
        }

        var hard = [[HardCase]](repeating: [], count: file.tasks.count)
        var compareCalendar: [Int] = []
        // Tasks whose resources work on different calendars, each with its assignments' spans: see below.
        var parts: [(activity: Int, spans: [(calendar: Int, minutes: Int64)])] = []
        var activities: [ScheduleInput.Activity] = []
        activities.reserveCapacity(taskOfActivity.count)
        let lagOnTwentyFourHours = file.lagCalendar == .twentyFourHour
        for t in taskOfActivity {
            let task = file.tasks[t]
            var cases: [HardCase] = []
            let ownCalendar = compile(task.calendarUID) ?? 0
            var calendar = ownCalendar
            let duration = task.duration ?? .zero
            // A P6 milestone takes no time, whatever planned duration the file still carries for it.
            var minutes = isPrimavera && task.milestone ? 0 : clampMinutes(duration.minutes)
            // Each assignment as the time it takes on its calendar (resource-scheduled tasks only).
            var spans: [(calendar: Int, minutes: Int64)] = []
            if !task.summary, !duration.elapsed, !isFixedDuration(task), let list = assignmentsOf[task.uid] {
                spans = assignmentSpans(list, ownCalendar: task.calendarUID, resourceCalendar: resourceCalendar,
                                        compile: compile)
            }
            if let driving = longestSpan(spans, calendars: { compiled[$0] }) {
                if driving.calendar != ownCalendar { cases.append(.resourceCalendar) }
                calendar = driving.calendar
                minutes = driving.minutes
            }
            if !task.summary, !duration.elapsed, task.splits.count > 1 {
                // A split task in MS Project keeps its pieces apart: its span, start to finish, is its duration plus
                // the working time of the gaps between the pieces (a split stays in the task as it moves).
                let c = compiled[calendar]
                var gaps: Int64 = 0
                for (a, b) in zip(task.splits, task.splits.dropFirst()) {
                    gaps += max(0, c.working(at: b.start.minutesSinceEpoch) - c.working(at: a.finish.minutesSinceEpoch))
                }
                minutes = clampMinutes(Double(minutes) + Double(gaps))
            }
            // A task whose work resources keep different calendars starts when its first assignment starts and
            // ends when its last one ends (a day shift's and a night shift's work side by side): it is scheduled as
            // a summary over one part per assignment, each on its resource's calendar. Not for work already
            // started, manual or split tasks: their dates come from the file.
            let sideBySide = !task.manual && task.actualStart == nil && task.splits.count < 2
                && Set(spans.map(\.calendar)).count > 1
            compareCalendar.append(ownCalendar)
            var a = ScheduleInput.Activity(
                name: label(task), duration: task.summary ? 0 : minutes, kind: task.summary ? .summary : .leaf,
                elapsed: duration.elapsed && !task.summary, calendar: calendar, parent: nil,
                constraint: task.constraint, constraintDate: task.constraintDate?.minutesSinceEpoch,
                deadline: task.deadline?.minutesSinceEpoch)
            a.softConstraint = task.softConstraint
            a.finishMilestone = task.type == "TT_FinMile"
            if isPrimavera { Self.primavera(task, into: &a, file: file) }
            if file.format == .ganttProject, !task.summary, task.constraint == .asap, let s = task.start {
                // GanttProject has no scheduler from a project start: a task starts where its user put it, and its
                // dependencies only push it later. Its own start is therefore a start-no-earlier-than.
                a.constraint = .startNoEarlierThan
                a.constraintDate = s.minutesSinceEpoch
            }
            if !task.summary {
                // A manual task keeps its dates, started or not (its actual dates only shape its late dates).
                if task.manual, let s = task.start, let f = task.finish {
                    a.manualStart = s.minutesSinceEpoch
                    a.manualFinish = max(s, f).minutesSinceEpoch
                }
                if let s = task.actualStart, !task.manual || task.start == nil || task.finish == nil {
                    a.actualStart = s.minutesSinceEpoch
                    a.actualFinish = task.actualFinish?.minutesSinceEpoch
                    // Primavera resumes the remaining work at the data date; MS Project keeps the task in one
                    // piece from its actual start (the remaining work follows the actual work).
                    if isPrimavera, task.actualFinish == nil, let rem = task.remainingDuration {
                        a.remaining = clampMinutes(rem.minutes)
                    }
                    if task.actualFinish == nil { cases.append(.inProgress) }
                }
            }
            if duration.elapsed { cases.append(.elapsedDuration) }
            if !task.splits.isEmpty { cases.append(.split) }
            if task.resourceDriven { cases.append(.resourceDriven) }
            if task.timephased { cases.append(.timephased) }
            if task.derivedDates != nil { cases.append(.levelOfEffort) }
            if task.secondaryConstraint != nil { cases.append(.secondaryConstraint) }
            if task.suspended { cases.append(.suspended) }
            hard[t] = cases
            if sideBySide {
                parts.append((activities.count, spans))
                a.kind = .summary
                a.duration = 0
            }
            activities.append(a)
        }
        // Parents: the nearest enclosing summary that takes part (a left-out summary passes its parent on).
        var parentOfUID: [String: String] = [:]
        for task in file.tasks { if let p = task.parentUID, parentOfUID[task.uid] == nil { parentOfUID[task.uid] = p } }
        for (i, t) in taskOfActivity.enumerated() {
            var p = file.tasks[t].parentUID
            var steps = 0
            while let uid = p, steps < 256 {
                if let j = indexOfUID[uid], activities[j].kind == .summary, j != i { activities[i].parent = j; break }
                p = parentOfUID[uid]
                steps += 1
            }
        }

        // The parts of the tasks scheduled over their assignments, after every task (indices of tasks stay put);
        // each keeps its task's constraint and deadline.
        for (i, spans) in parts {
            let whole = activities[i]
            for (k, span) in spans.enumerated() {
                activities.append(ScheduleInput.Activity(
                    name: "\(whole.name), assignment \(k + 1)", duration: span.minutes, kind: .leaf, elapsed: false,
                    calendar: span.calendar, parent: i, constraint: whole.constraint,
                    constraintDate: whole.constraintDate, deadline: whole.deadline))
            }
            activities[i].constraint = .asap
            activities[i].constraintDate = nil
            activities[i].deadline = nil
        }

        var links: [ScheduleInput.Link] = []
        links.reserveCapacity(file.links.count)
        var dropped = 0
        for link in file.links {
            let pt = indexOfUID[link.predecessorUID], st = indexOfUID[link.successorUID]
            if link.crossProject != nil {
                for t in [pt, st].compactMap({ $0 }) { appendOnce(&hard[taskOfActivity[t]], .externalLink) }
                continue
            }
            guard let p = pt, let s = st else { dropped += 1; continue }
            let lag: ScheduleInput.Lag
            switch link.lag.amount {
            case .working(let m): lag = lagOnTwentyFourHours ? .elapsed(clampMinutes(m)) : .working(clampMinutes(m))
            case .elapsed(let m):
                lag = .elapsed(clampMinutes(m))
                if m != 0 { appendOnce(&hard[taskOfActivity[s]], .elapsedLag) }
            case .percent(let x): lag = .percent(x.isFinite ? max(-1e6, min(1e6, x)) : 0)
            }
            links.append(ScheduleInput.Link(from: p, to: s, type: link.type, lag: lag))
        }
        if dropped > 0 {
            notes.append("\(dropped) link\(dropped == 1 ? "" : "s") to null, inactive, external or missing tasks left out")
        }

        // P6 calls an activity critical at a total float at or below the project's threshold (PROJECT
        // `critical_drtn_hr_cnt`, hours) unless it defines critical as the longest path.
        var criticalFloat: Int64 = 0
        if isPrimavera, file.schedulingOptions["critical_path_type"] != "CT_DrivPath",
           let hours = file.schedulingOptions["critical_drtn_hr_cnt"].flatMap({ Double($0) }), hours.isFinite, hours > 0 {
            criticalFloat = Int64((hours * 60).rounded())
        }
        var options = ScheduleInput.Options(
            constraintsBeatLinks: file.honorConstraints, criticalFloat: criticalFloat,
            constraintsBeforeProjectStart: !isPrimavera,
            finishBy: isPrimavera ? file.mustFinishBy?.minutesSinceEpoch : nil,
            floatFrom: isPrimavera && file.schedulingOptions["sched_use_project_end_date_for_float"] == "Y"
                ? file.finish?.minutesSinceEpoch : nil)
        options.follow(file.schedulingRules)
        options.countLags(on: file.lagCalendar)
        if isPrimavera {
            options.totalFloat = file.totalFloat
            options.openEndsCritical = file.openEndsCritical
            options.criticalByLongestPath = file.criticalByLongestPath
        }
        let input = ScheduleInput(
            activities: activities, links: links, calendars: compiled, projectStart: projectStart,
            statusDate: isPrimavera ? file.statusDate.map { max($0.minutesSinceEpoch, projectStart) } : nil,
            options: options)
        return EngineInput(input: input, taskOfActivity: taskOfActivity, activityOfTask: activityOfTask,
                           compareCalendar: compareCalendar, hardCases: hard, notes: notes)
    }

    // MARK: Comparison

    /// Re-schedules the file and compares every task's stored dates, slack and criticality with Gantry's.
    /// `mismatchLimit` caps how many differing fields are kept for the report (the counts are always complete).
    public static func verify(_ file: ProjectFile, mismatchLimit: Int = .max) -> FileAgreement {
        let mapped = engineInput(for: file)
        var result = FileAgreement(format: file.format, name: file.name)
        result.notes = mapped.notes
        let schedule: CriticalPathSchedule
        do {
            schedule = try mapped.input.criticalPath()
        } catch {
            result.error = error.description
            // Nothing scheduled: every leaf task with a stored value counts, and none agrees.
            for (t, task) in file.tasks.enumerated() where mapped.activityOfTask[t] != nil && hasStoredValue(task) {
                if task.summary { result.summary.add(false) } else if task.manual { result.manual.add(false) } else {
                    result.leaf.add(false)
                }
            }
            return result
        }
        result.notes += schedule.diagnostics.filter { $0.severity != .info }.map(\.description)
        let input = mapped.input
        let isMSProject = file.format == .mspdi || file.format == .ganttProject
        let isPrimavera = file.isPrimavera

        var leafMismatches: [Mismatch] = [], otherMismatches: [Mismatch] = []
        var hasSuccessor = [Bool](repeating: false, count: mapped.input.activities.count)
        for l in mapped.input.links { hasSuccessor[l.from] = true }
        let stale = staleLateFinishes(file, mapped, hasSuccessor: hasSuccessor)
        var linked: Set<String> = []
        let assigned = Set(file.assignments.filter { $0.units > 0 }.map(\.taskUID))
        for l in file.links where l.crossProject == nil { linked.insert(l.predecessorUID); linked.insert(l.successorUID) }
        for (t, task) in file.tasks.enumerated() {
            guard let i = mapped.activityOfTask[t], hasStoredValue(task) else { continue }
            let activity = input.activities[i]
            let isStale = stale.contains(t)
            let hardCases = mapped.hardCases[t] + (isStale ? [.staleLateFinish] : [])
            let cal = input.calendars[mapped.compareCalendar[i]]
            let started = task.actualStart != nil, finished = task.actualFinish != nil
            var es = schedule.earlyStart[i], ef = schedule.earlyFinish[i]
            var ls = schedule.lateStart[i], lf = schedule.lateFinish[i]
            if isMSProject && !task.summary && started && (!task.manual || finished) {
                // MS Project stores a started task's late start as its actual start, a finished one's late
                // finish as its actual finish (a manual task in progress keeps its late start by its duration).
                ls = es
                if finished { lf = ef }
            }
            // Start and finish as the tool shows them: actual dates once started, late dates for MS Project's ALAP
            // work (P6's ALAP moves the early dates themselves, as late as the successors' early dates allow).
            let alap = activity.constraint == .alap && !started && !task.summary && !isPrimavera
            let shownStart = alap ? ls : es, shownFinish = alap ? lf : ef
            if activity.derived != nil {
                // A level-of-effort or WBS-summary activity: its early start is where its remaining work starts.
                if !finished, !schedule.remainingStart.isEmpty, let r = schedule.remainingStart[i] { es = r }
            } else if isPrimavera && !task.summary && started && !finished, let left = activity.remaining, !activity.elapsed {
                // P6 stores an activity under way with the early and late start of its remaining work: where that
                // work resumes (the data date, or later under retained logic), and its late finish less it.
                // An expected finish sets the early finish, and the length of the remaining work is from where it
                // resumes to there.
                let length = activity.expectedFinish != nil && !schedule.remainingStart.isEmpty
                    ? schedule.remainingStart[i].map { max(0, cal.working(at: ef) - cal.working(at: $0)) } ?? left : left
                es = Self.start(of: length, finishingAt: ef, on: cal)
                ls = Self.start(of: length, finishingAt: lf, on: cal)
            }
            if isPrimavera && !task.summary && finished && activity.derived == nil, let dataDate = file.statusDate?.minutesSinceEpoch {
                // P6 stores a completed activity's early dates at its logic date: the data date, or later behind
                // a predecessor not yet done; its late start and finish are one date, what its successors allow,
                // or without successors the project's finish (`ScheduleInput.Options.progressedLogic`).
                let logic = schedule.completedLogic.isEmpty ? nil : schedule.completedLogic[i]
                es = logic ?? dataDate; ef = es
            }
            if activity.kind == .leaf, activity.duration == 0, !finished, activity.derived == nil {
                // A milestone shows its late date where its early one is shown when they are the same instant.
                if cal.working(at: ls) == cal.working(at: es) { ls = es; lf = es }
            }
            if task.summary {
                es = min(es, ef); ls = min(ls, lf)
            }
            // Slack in working minutes of the task's calendar; an elapsed-duration task's in wall-clock minutes.
            let startSlack = activity.elapsed ? ls - es : cal.working(at: ls) - cal.working(at: es)
            let finishSlack = activity.elapsed ? lf - ef : cal.working(at: lf) - cal.working(at: ef)
            // MS Project's total slack is the smaller of start and finish slack, finish slack once work has
            // started or when the task is manually scheduled (its dates need not sit in working time: a manual
            // task from 07:00 to 16:00 on an 08:00–17:00 calendar stores its finish slack); Primavera's (by
            // default) is finish float.
            let total: Int64
            if finished {
                total = 0
            } else if isPrimavera {
                // P6's project option: finish float (its default), start float, or the smaller (finish float
                // once work has started).
                switch input.options.totalFloat {
                case .start: total = startSlack
                case .smallest, .startThenFinish: total = started ? finishSlack : min(startSlack, finishSlack)
                case .finish: total = finishSlack
                }
            } else {
                total = (started || task.manual || !isMSProject) ? finishSlack : min(startSlack, finishSlack)
            }
            // Free slack: the engine's, over the task's successors; without successors, MS Project (and MPXJ)
            // store the total slack.
            // Primavera's is the engine's (`FreeFloatRule.primavera`), none where an expected finish is set.
            let free: Int64 = finished ? 0
                : isPrimavera && !task.summary ? (task.expectedFinish != nil ? 0 : schedule.freeFloat[i])
                : (task.summary || !hasSuccessor[i]) ? max(0, total) : schedule.freeFloat[i]
            // MS Project leaves a manually scheduled task without links or resources off the critical path,
            // whatever its slack (all 250 such tasks with zero slack in the corpus store Critical 0; the 3 that
            // store 1 have resources).
            let critical = input.options.criticalByLongestPath ? !finished && schedule.critical[i]
                : !finished && (total <= input.options.criticalFloat || (input.options.openEndsCritical && !hasSuccessor[i]))
                && !(task.manual && !linked.contains(task.uid) && !assigned.contains(task.uid))

            let role: Mismatch.Role = task.summary ? .summary : task.manual ? .manual : .leaf
            var all = true
            func compareDate(_ field: Field, _ stored: LocalDateTime?, _ ours: WallMinute) {
                guard let stored else { return }
                let equal = cal.working(at: stored.minutesSinceEpoch) == cal.working(at: ours)
                record(field, equal, stored.formatted(), LocalDateTime(minutesSinceEpoch: ours).formatted())
            }
            func compareSlack(_ field: Field, _ stored: ProjectFile.Duration?, _ ours: Int64) {
                guard let stored else { return }
                let per = minutesPerUnit(stored, file: file, calendar: cal)
                let a = truncated(stored.minutes / per), b = truncated(Double(ours) / per)
                record(field, a == b, format(stored.minutes / per, stored), format(Double(ours) / per, stored))
            }
            func record(_ field: Field, _ equal: Bool, _ stored: String, _ ours: String) {
                if role == .leaf { result.byField[field, default: Tally()].add(equal) }
                guard !equal else { return }
                all = false
                guard leafMismatches.count + otherMismatches.count < mismatchLimit else { return }
                let m = Mismatch(taskUID: task.uid, rowID: task.rowID, name: task.name, role: role, field: field,
                                 stored: stored, ours: ours,
                                 hardCases: hardCases)
                if role == .leaf { leafMismatches.append(m) } else { otherMismatches.append(m) }
            }
            compareDate(.start, task.start, shownStart)
            compareDate(.finish, task.finish, shownFinish)
            compareDate(.earlyStart, task.stored.earlyStart, es)
            compareDate(.earlyFinish, task.stored.earlyFinish, ef)
            compareDate(.lateStart, task.stored.lateStart, ls)
            compareDate(.lateFinish, task.stored.lateFinish, lf)
            compareSlack(.totalSlack, task.stored.totalSlack, total)
            compareSlack(.freeSlack, task.stored.freeSlack, free)
            // P6 calls an activity critical by its total float (or its longest-path flag); a file that stores no
            // total float for an activity has not scheduled it, so there is no criticality to compare. Nor is there
            // in an MS Project file that stores neither slack nor late dates for a task: whatever wrote it did not
            // calculate it (mpxj_legacy_sample1.xml stores Critical 0 on every task, the project row included,
            // where MS Project's own save of the same plan, mpxj_legacy_sample.xml, stores 1 on the critical ones).
            let scheduled = task.stored.totalSlack != nil
                || (!isPrimavera && (task.stored.lateStart != nil || task.stored.lateFinish != nil))
            if let c = task.stored.critical, scheduled {
                record(.critical, c == critical, String(c), String(critical))
            }
            if isStale { result.stale.add(all) }
            switch role {
            case .summary: result.summary.add(all)
            case .manual: result.manual.add(all)
            case .leaf:
                result.leaf.add(all)
                for h in hardCases { result.hardCases[h, default: TaskTally()].add(all) }
            }
        }
        result.mismatches = leafMismatches + otherMismatches
        return result
    }

    // MARK: Helpers

    /// What P6 adds to an activity: a secondary constraint, an expected finish (when the project uses them), a
    /// resume date after the data date for suspended work, and the level-of-effort and WBS-summary types.
    static func primavera(_ task: ProjectFile.Task, into a: inout ScheduleInput.Activity, file: ProjectFile) {
        if let c = task.secondaryConstraint, let d = task.secondaryConstraintDate {
            a.secondaryConstraint = c
            a.secondaryConstraintDate = d.minutesSinceEpoch
        }
        if file.useExpectedFinish { a.expectedFinish = task.expectedFinish?.minutesSinceEpoch }
        a.externalEarlyStart = task.externalEarlyStart?.minutesSinceEpoch
        a.externalLateFinish = task.externalLateFinish?.minutesSinceEpoch
        a.suspend(at: task.suspendDate?.minutesSinceEpoch, resumingAt: task.resumeDate?.minutesSinceEpoch,
                  statusDate: file.statusDate?.minutesSinceEpoch)
        a.derived = task.derivedDates
    }

    /// Where `remaining` working minutes that finish at `finish` start on `calendar`.
    static func start(of remaining: Int64, finishingAt finish: Int64, on calendar: CompiledCalendar) -> Int64 {
        calendar.startInstant(ofWorking: calendar.working(at: finish) - remaining)
    }

    /// The MS Project tasks (indices into `file.tasks`) whose stored late finish the file itself contradicts: see
    /// `HardCase.staleLateFinish`. Uses only what the file stores, never Gantry's dates: the project's `FinishDate`
    /// (when it is the latest stored finish of the tasks, so the project finish is not itself stale) brought back to
    /// the end of working time on the task's calendar (its own, and the one its resources schedule it on), against
    /// the task's stored late finish.
    static func staleLateFinishes(_ file: ProjectFile, _ mapped: EngineInput, hasSuccessor: [Bool]) -> Set<Int> {
        guard file.format == .mspdi, file.scheduleFromStart, let projectFinish = file.finish?.minutesSinceEpoch
        else { return [] }
        let input = mapped.input
        let projectCalendar = input.calendars[0]
        var latest = Int64.min
        for (t, task) in file.tasks.enumerated() where mapped.activityOfTask[t] != nil && !task.summary {
            if let f = task.finish?.minutesSinceEpoch { latest = max(latest, f) }
        }
        guard latest != .min, projectCalendar.working(at: latest) == projectCalendar.working(at: projectFinish)
        else { return [] }
        // A finish-limiting constraint after the project finish moves every late date to it (Microsoft KB 182899:
        // the late finish is the latest a task can finish without delaying "the project finish date or the last
        // constraint date, whichever is later"); such a file is not judged.
        let limiting: Set<SchedulingConstraint> = [.finishNoLaterThan, .startNoLaterThan, .mustFinishOn, .mustStartOn]
        if file.tasks.contains(where: { limiting.contains($0.constraint) && ($0.constraintDate?.minutesSinceEpoch ?? .min) > projectFinish }) {
            return []
        }
        // Followed: a successor of its own, or of any summary above it.
        let n = input.activities.count
        var followed = [Bool?](repeating: nil, count: n)
        func isFollowed(_ i: Int) -> Bool {
            var chain: [Int] = []
            var j: Int? = i
            var answer = false
            while let k = j {
                if let known = followed[k] { answer = known; break }
                if hasSuccessor[k] { answer = true; break }
                chain.append(k)
                j = input.activities[k].parent
                if chain.count > n { break }
            }
            for k in chain { followed[k] = answer }
            return answer
        }
        var out: Set<Int> = []
        for (t, task) in file.tasks.enumerated() {
            guard let i = mapped.activityOfTask[t], !task.summary, task.actualFinish == nil,
                  let stored = task.stored.lateFinish?.minutesSinceEpoch, task.deadline == nil,
                  [.asap, .alap, .startNoEarlierThan, .finishNoEarlierThan].contains(task.constraint),
                  !isFollowed(i) else { continue }
            let a = input.activities[i]
            if a.elapsed {
                if stored != projectFinish { out.insert(t) }
                continue
            }
            let calendars = Set([mapped.compareCalendar[i], a.calendar]).map { input.calendars[$0] }
            if calendars.allSatisfy({ c in
                c.working(at: stored) != c.working(at: c.finishInstant(ofWorking: c.working(at: projectFinish))) }) {
                out.insert(t)
            }
        }
        return out
    }

    /// The assignment that decides a resource-scheduled task's finish when the task is put on one calendar: of
    /// the assignments' spans (see `assignmentSpans`), the one that spans the most weeks of its calendar's working
    /// time. `nil` when no assignment states its work.
    static func longestSpan(_ spans: [(calendar: Int, minutes: Int64)], calendars: (Int) -> CompiledCalendar)
        -> (calendar: Int, minutes: Int64)? {
        var best: (calendar: Int, minutes: Int64, weeks: Double)?
        for span in spans {
            let weeks = Double(span.minutes) / Double(max(1, calendars(span.calendar).minutesPerWeek))
            if best.map({ weeks > $0.weeks }) ?? true { best = (span.calendar, span.minutes, weeks) }
        }
        return best.map { ($0.calendar, $0.minutes) }
    }

    /// Each assignment that states its work, as the time it takes: work × 100 / units minutes (stretched by its
    /// contour) on its resource's calendar, else the task's, else the project's.
    static func assignmentSpans(_ list: [ProjectFile.Assignment], ownCalendar: String?, resourceCalendar: [String: String],
                                compile: (String?) -> Int?) -> [(calendar: Int, minutes: Int64)] {
        list.compactMap { a in
            guard let work = a.work, work.isFinite, work >= 0 else { return nil }
            // A span that is not a whole number of minutes (a contour's 40 h ÷ 0.7) ends inside its last minute,
            // which the file's dates (to the second) and the comparison (to the minute) show as that minute.
            let span = work * 100 / max(a.units, 1e-6) / contourMeanLoad(a.workContour)
            let minutes = clampMinutes((span + 1e-6).rounded(.down))
            return (compile(resourceCalendar[a.resourceUID]) ?? compile(ownCalendar) ?? 0, minutes)
        }
    }

    /// The mean share of the assignment's units that a built-in work contour loads over its span. MS Project cuts a
    /// contoured assignment's span into ten equal parts and works each at a fixed percentage of the units (back
    /// loaded 10, 15, 25, 50, 50, 75, 75, 100, 100, 100; front loaded the reverse; double peak, early peak, late
    /// peak and bell five tenths of the span in all; turtle seven tenths), so the same work stretches over
    /// work ÷ (units × mean load). Flat, and contoured-by-hand (8: its shape is in timephased data), count as 1.
    static func contourMeanLoad(_ contour: Int) -> Double {
        switch contour {
        case 1, 2: return 0.6
        case 3, 4, 5, 6: return 0.5
        case 7: return 0.7
        default: return 1
        }
    }

    /// Whether the file stores any of the compared values for a task (MPXJ counts only such tasks).
    static func hasStoredValue(_ t: ProjectFile.Task) -> Bool {
        t.start != nil || t.finish != nil || t.stored.earlyStart != nil || t.stored.earlyFinish != nil
            || t.stored.lateStart != nil || t.stored.lateFinish != nil || t.stored.totalSlack != nil
            || t.stored.freeSlack != nil || t.stored.critical != nil
    }

    /// MS Project's project summary row (ID 0, outline level 0): a roll-up of the whole file, not a task.
    static func isProjectRow(_ t: ProjectFile.Task) -> Bool { t.outlineLevel == 0 || t.rowID == 0 }

    /// MSPDI `Type` 1 (or a reader's name for it): the duration holds whatever the resources do.
    static func isFixedDuration(_ t: ProjectFile.Task) -> Bool {
        if t.type.isEmpty { return false }
        let type = t.type.lowercased()
        return type == "1" || type.contains("fixedduration") || type.contains("fixed duration")
    }

    static func label(_ t: ProjectFile.Task) -> String {
        let id = t.rowID.map { "ID \($0)" } ?? "UID \(t.uid)"
        return t.name.isEmpty ? id : "\(id) '\(t.name)'"
    }

    static func appendOnce(_ list: inout [HardCase], _ h: HardCase) { if !list.contains(h) { list.append(h) } }

    /// Minutes as the engine's integers, clamped so absurd values cannot overflow (± about 1,900 years).
    static func clampMinutes(_ m: Double) -> Int64 {
        guard m.isFinite else { return 0 }
        return Int64(max(-1e9, min(1e9, m)).rounded())
    }

    /// Where scheduling starts: the file's start, else its earliest task date, else its status date.
    static func startInstant(of file: ProjectFile) -> WallMinute {
        if let s = file.start { return s.minutesSinceEpoch }
        let dates = file.tasks.compactMap { $0.start ?? $0.stored.earlyStart ?? $0.actualStart }
        if let first = dates.min() { return first.minutesSinceEpoch }
        return file.statusDate?.minutesSinceEpoch ?? 0
    }

    /// The days calendars are compiled over: the file's dates with a margin, at most 60 years.
    static func horizon(of file: ProjectFile, start: WallMinute) -> (CalendarDate, CalendarDate) {
        var lo = start, hi = start
        func see(_ d: LocalDateTime?) {
            guard let d else { return }
            lo = min(lo, d.minutesSinceEpoch); hi = max(hi, d.minutesSinceEpoch)
        }
        see(file.finish); see(file.statusDate)
        for t in file.tasks {
            see(t.start); see(t.finish); see(t.actualStart); see(t.actualFinish); see(t.constraintDate)
            see(t.deadline); see(t.stored.lateFinish); see(t.stored.earlyFinish)
        }
        let startDay = WallTime.day(of: start)
        let loDay = max(WallTime.day(of: lo), startDay - 366 * 20) - 370
        let hiDay = min(WallTime.day(of: hi), startDay + 366 * 30) + 366 * 5
        return (CalendarDate(daysSinceEpoch: Int(loDay)), CalendarDate(daysSinceEpoch: Int(hiDay)))
    }

    static func standardCalendar(perDay: Int) -> CompiledCalendar {
        // The standard week always has working time, so this cannot fail; 24 hours is the fallback of a fallback.
        (try? CompiledCalendar(week: .standard, name: "Standard", minutesPerDay: Int64(max(1, perDay))))
            ?? CompiledCalendar.twentyFourHour()
    }

    /// Minutes in one of the unit a slack value is shown in (MPXJ converts with the project's hours per day and
    /// week and days per month; elapsed units are wall-clock).
    static func minutesPerUnit(_ d: ProjectFile.Duration, file: ProjectFile, calendar: CompiledCalendar) -> Double {
        let perDay = Double(max(1, file.minutesPerDay)), perWeek = Double(max(1, file.minutesPerWeek))
        switch (d.unit, d.elapsed) {
        case (.minutes, _), (.percent, _): return 1
        case (.hours, _): return 60
        case (.days, false): return perDay
        case (.days, true): return 1440
        case (.weeks, false): return perWeek
        case (.weeks, true): return 10080
        case (.months, false): return perDay * Double(max(1, file.daysPerMonth))
        case (.months, true): return 43200
        }
    }

    /// MPXJ's comparison of durations: the value in the stored unit, truncated to two decimals.
    static func truncated(_ x: Double) -> Int64 {
        guard x.isFinite else { return 0 }
        return Int64((max(-1e15, min(1e15, x)) * 100).rounded(.towardZero))
    }

    static func format(_ value: Double, _ d: ProjectFile.Duration) -> String {
        let unit: String
        switch d.unit {
        case .minutes: unit = "m"
        case .hours: unit = "h"
        case .days: unit = "d"
        case .weeks: unit = "w"
        case .months: unit = "mo"
        case .percent: unit = "m"
        }
        let rounded = (value * 100).rounded() / 100
        return "\(rounded)\(d.elapsed ? "e" : "")\(unit)"
    }
}
