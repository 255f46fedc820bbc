/// The HTML templates (Mustache), compiled into the binary so `gantry serve` needs no files beside it.
/// `{{x}}` escapes HTML; `{{{x}}}` is used only for HTML that Gantry itself rendered.
enum Templates {
    static let layout = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}} · Gantry</title>
        <link rel="stylesheet" href="/assets/gantry.css">
        <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
        </head>
        <body>
        <a class="skip" href="#main">Skip to content</a>
        <header class="top">
          <a class="brand" href="/portfolios" aria-label="Gantry home">Gantry</a>
          {{#user}}
          <nav aria-label="Main">
            <a href="/inbox"{{#navInbox}} aria-current="page"{{/navInbox}}>Inbox</a>
            <a href="/my-work"{{#navWork}} aria-current="page"{{/navWork}} id="nav-my-work">My work</a>
            <a href="/portfolios"{{#navPortfolios}} aria-current="page"{{/navPortfolios}}>Portfolios</a>
            <a href="/resources"{{#navResources}} aria-current="page"{{/navResources}}>Resources</a>
            <a href="/capacity"{{#navCapacity}} aria-current="page"{{/navCapacity}} id="nav-capacity">Capacity</a>
            <a href="/timesheets"{{#navTimesheets}} aria-current="page"{{/navTimesheets}} id="nav-timesheets">Timesheets</a>
            {{#canApprove}}<a href="/approvals"{{#navApprovals}} aria-current="page"{{/navApprovals}} id="nav-approvals">Approvals</a>{{/canApprove}}
            {{#canAudit}}<a href="/finance"{{#navFinance}} aria-current="page"{{/navFinance}} id="nav-finance">Finance</a>{{/canAudit}}
            <a href="/calendars"{{#navCalendars}} aria-current="page"{{/navCalendars}}>Calendars</a>
            <a href="/requests"{{#navIntake}} aria-current="page"{{/navIntake}}>Intake</a>
            <a href="/templates"{{#navTemplates}} aria-current="page"{{/navTemplates}}>Templates</a>
            <a href="/lessons"{{#navLessons}} aria-current="page"{{/navLessons}}>Lessons</a>
            <a href="/training"{{#navTraining}} aria-current="page"{{/navTraining}}>Training</a>
            <a href="/glossary"{{#navGlossary}} aria-current="page"{{/navGlossary}}>Glossary</a>
            {{#canAudit}}<a href="/audit"{{#navAudit}} aria-current="page"{{/navAudit}}>Audit trail</a>{{/canAudit}}
            <a href="/account" id="nav-account"{{#navAccount}} aria-current="page"{{/navAccount}}>Account</a>
            {{#isAdmin}}<a href="/admin/users" id="nav-users"{{#navUsers}} aria-current="page"{{/navUsers}}>Users</a>{{/isAdmin}}
          </nav>
          <div class="who">
            <span>{{displayName}} <span class="role">{{roleTitle}}</span></span>
            <form method="post" action="/logout">
              <input type="hidden" name="csrf_token" value="{{csrf}}">
              <button type="submit" class="link">Sign out</button>
            </form>
          </div>
          {{/user}}
        </header>
        <main id="main" tabindex="-1">
        {{{body}}}
        </main>
        <footer class="foot">Gantry {{version}} · open-source project management office</footer>
        </body>
        </html>
        """

    static let login = """
        <section class="login" aria-labelledby="login-title">
          <h1 id="login-title">Sign in to Gantry</h1>
          {{#error}}<p class="alert" role="alert" id="login-error">{{error}}</p>{{/error}}
          <form method="post" action="/login">
            <input type="hidden" name="csrf_token" value="{{csrf}}">
            <input type="hidden" name="next" value="{{next}}">
            <label for="username">Username</label>
            <input id="username" name="username" autocomplete="username" required autofocus value="{{username}}">
            <label for="password">Password</label>
            <input id="password" name="password" type="password" autocomplete="current-password" required>
            <button type="submit" id="sign-in">Sign in</button>
          </form>
        </section>
        """

    static let portfolios = """
        <h1>Portfolios</h1>
        <p class="lede">{{count}} portfolios, {{projectTotal}} projects.</p>
        {{{recordLinks}}}
        <table class="grid" aria-describedby="portfolios-caption">
          <caption id="portfolios-caption" class="sr">All portfolios with their governance mode and owner</caption>
          <thead><tr><th scope="col">Code</th><th scope="col">Portfolio</th><th scope="col">Governance</th><th scope="col">Owner</th><th scope="col" class="num">Projects</th></tr></thead>
          <tbody>
          {{#rows}}
            <tr><td class="code">{{code}}</td><td><a href="/portfolios/{{id}}" class="portfolio-link">{{name}}</a></td><td><span class="mode mode-{{mode}}">{{mode}}</span></td><td>{{owner}}</td><td class="num">{{projects}}</td></tr>
          {{/rows}}
          {{^rows}}<tr><td colspan="5">No portfolios yet.</td></tr>{{/rows}}
          </tbody>
        </table>
        """

    static let portfolio = """
        <nav class="crumbs" aria-label="Breadcrumb"><a href="/portfolios">Portfolios</a> › <span aria-current="page">{{code}}</span></nav>
        <h1>{{name}}</h1>
        <dl class="facts">
          <div><dt>Governance</dt><dd><span class="mode mode-{{mode}}">{{mode}}</span></dd></div>
          <div><dt>Owner</dt><dd>{{owner}}</dd></div>
          <div><dt>Projects</dt><dd>{{projectCount}}</dd></div>
          <div><dt>Health</dt><dd>{{#health}}<span class="rag rag-{{key}}" title="{{key}}">{{count}} {{key}}</span> {{/health}}</dd></div>
        </dl>
        {{#description}}<p class="lede">{{description}}</p>{{/description}}
        {{{recordLinks}}}
        <nav class="portfolio-links" aria-label="Portfolio governance"><a href="/requests?portfolio_id={{id}}" id="intake-link">Intake queue</a> · <a href="/portfolios/{{id}}/scoring" id="scoring-link">Scoring model</a> · <a href="/portfolios/{{id}}/raid" id="raid-view-link">RAID view: risks, issues, assumptions and decisions of every project</a> · <a href="/portfolios/{{id}}/report" id="portfolio-report-link">Executive portfolio report</a> · <a href="/portfolios/{{id}}/money" id="portfolio-money-link">Money and earned value</a> · <a href="/portfolios/{{id}}/settings" id="settings-link">Governance settings</a></nav>
        {{#groups}}
        <section aria-labelledby="group-{{anchor}}">
          <h2 id="group-{{anchor}}">{{title}}{{#state}} <span class="state">{{state}}</span>{{/state}}</h2>
          <table class="grid">
            <thead><tr><th scope="col">Code</th><th scope="col">Project</th><th scope="col">State</th><th scope="col">Health</th><th scope="col">Manager</th><th scope="col">Start</th><th scope="col">Finish</th></tr></thead>
            <tbody>
            {{#projects}}
              <tr><td class="code">{{code}}</td><td><a href="/projects/{{id}}" class="project-link">{{name}}</a></td><td><span class="state">{{state}}</span></td><td><span class="rag rag-{{health}}">{{health}}</span></td><td>{{manager}}</td><td class="date">{{start}}</td><td class="date">{{finish}}</td></tr>
            {{/projects}}
            {{^projects}}<tr><td colspan="7">No projects.</td></tr>{{/projects}}
            </tbody>
          </table>
        </section>
        {{/groups}}
        {{{interchange}}}
        """

    static let project = """
        <nav class="crumbs" aria-label="Breadcrumb"><a href="/portfolios">Portfolios</a> › <a href="/portfolios/{{portfolioId}}">{{portfolioCode}}</a>{{#program}} › {{program}}{{/program}} › <span aria-current="page">{{code}}</span></nav>
        <h1>{{name}}</h1>
        <dl class="facts">
          <div><dt>State</dt><dd><span class="state">{{state}}</span></dd></div>
          <div><dt>Health</dt><dd><span class="rag rag-{{health}}">{{health}}</span></dd></div>
          <div><dt>Manager</dt><dd>{{manager}}</dd></div>
          <div><dt>Start</dt><dd class="date">{{start}}</dd></div>
          <div><dt>Finish</dt><dd class="date">{{finish}}</dd></div>
          <div><dt>Activities</dt><dd>{{activityCount}} ({{milestoneCount}} milestones)</dd></div>
          <div><dt>Scheduling rules</dt><dd id="scheduling-rules">{{schedulingRules}}</dd></div>
        </dl>
        {{#description}}<p class="lede">{{description}}</p>{{/description}}
        {{{recordLinks}}}
        {{{phases}}}
        <p class="subnav"><a href="/projects/{{projectId}}/plan" id="plan-link"><strong>Edit the plan</strong></a> · <a href="/projects/{{projectId}}/raid" id="raid-link">RAID log</a> · <a href="/projects/{{projectId}}/changes" id="changes-link">Change requests and baselines</a> · <a href="/projects/{{projectId}}/reports" id="status-reports-link">Status reports</a> · <a href="/projects/{{projectId}}/allocations" id="allocations-link">Allocations</a> · <a href="/projects/{{projectId}}/money" id="money-link">Budget and spend</a> · <a href="/projects/{{projectId}}/evm" id="evm-link">Earned value</a> · <a href="/projects/{{projectId}}/start" id="start-link">When could it start?</a></p>
        <p class="subnav" id="downloads">Download: <a href="/api/v1/projects/{{projectId}}/export?format=mspdi" id="export-mspdi">MS Project XML</a> · <a href="/api/v1/projects/{{projectId}}/export?format=xlsx" id="export-xlsx">Excel</a> · <a href="/api/v1/projects/{{projectId}}/export?format=csv" id="export-csv">CSV</a> · <form method="post" action="/projects/{{projectId}}/calendar-feed" class="inline"><input type="hidden" name="csrf_token" value="{{csrf}}"><button type="submit" id="project-feed">Calendar feed</button></form></p>
        {{{actions}}}
        {{{schedule}}}
        """

    /// The schedule part of a project page: the Gantt chart of the stored schedule, its summary and diagnostics,
    /// and the tables. Rendered once per schedule revision and cached, so it holds nothing about the viewer.
    static let schedule = """
        <section aria-labelledby="gantt-title" class="gantt-section">
          <h2 id="gantt-title">Gantt chart</h2>
          {{^computed}}<p class="notice" role="status" id="schedule-state">This project's schedule has not been computed yet: the chart, floats and critical path appear once it is rescheduled.</p>{{/computed}}
          {{#computed}}
          {{#stale}}<p class="notice" role="status" id="schedule-state">The project changed after this schedule was computed ({{computedAt}}, revision {{revision}}): the chart and floats below may be out of date until it is rescheduled.</p>{{/stale}}
          {{^stale}}<p class="muted" id="schedule-state">Up to date: computed {{computedAt}} (revision {{revision}}).</p>{{/stale}}
          <dl class="facts">
            <div><dt>Project start</dt><dd class="date" id="project-start">{{projectStart}}</dd></div>
            <div><dt>Project finish</dt><dd class="date" id="project-finish">{{projectFinish}}</dd></div>
            <div><dt>Duration</dt><dd id="project-duration">{{durationDays}}</dd></div>
            <div><dt>Critical</dt><dd>{{criticalCount}} activities</dd></div>
          </dl>
          {{#criticalPathLong}}<details class="critical-path"><summary><strong>Critical path:</strong> {{criticalPathLength}} activities, {{criticalPathFirst}} → {{criticalPathLast}}</summary>{{/criticalPathLong}}
          <p class="critical-path" id="critical-path">{{^criticalPathLong}}<strong>Critical path:</strong> {{/criticalPathLong}}{{#criticalPath}}<a href="{{href}}" title="{{name}}" class="code">{{code}}</a> {{/criticalPath}}{{^criticalPath}}none{{/criticalPath}}</p>
          {{#criticalPathLong}}</details>{{/criticalPathLong}}
          {{#hasDiagnostics}}
          <h3 id="diagnostics-title">Diagnostics <span class="count">{{diagnosticCount}}</span></h3>
          <ul class="diagnostics" id="diagnostics" aria-labelledby="diagnostics-title">
            {{#diagnostics}}<li class="severity-{{severity}}"><code>{{code}}</code> <span class="severity">{{severity}}</span> {{message}}{{#activities}} <span class="muted">({{activities}})</span>{{/activities}}</li>{{/diagnostics}}
          </ul>
          {{/hasDiagnostics}}
          <div class="scroll gantt-wrap">{{{gantt}}}</div>
          {{/computed}}
        </section>
        <section aria-labelledby="schedule-title">
          <h2 id="schedule-title">Schedule</h2>
          <div class="scroll">
          <table class="grid schedule" id="activities">
            <thead><tr><th scope="col">WBS</th><th scope="col">Activity</th><th scope="col" class="num">Duration</th><th scope="col">Start</th><th scope="col">Finish</th><th scope="col">Late start</th><th scope="col">Late finish</th><th scope="col" class="num">Float</th><th scope="col" class="num">Done</th><th scope="col">Predecessors</th></tr></thead>
            <tbody>
            {{#rows}}
              <tr class="kind-{{kind}}{{#critical}} critical{{/critical}}"><td class="code">{{#href}}<a href="{{href}}" class="activity-link">{{code}}</a>{{/href}}{{^href}}{{code}}{{/href}}</td><td class="name" style="padding-left: {{indent}}rem">{{#milestone}}<span class="diamond" aria-label="Milestone" role="img">◆</span> {{/milestone}}{{#summary}}<strong>{{name}}</strong>{{/summary}}{{^summary}}{{name}}{{/summary}}{{#critical}} <span class="crit" title="On the critical path">critical</span>{{/critical}}</td><td class="num">{{duration}}</td><td class="date">{{start}}</td><td class="date">{{finish}}</td><td class="date">{{lateStart}}</td><td class="date">{{lateFinish}}</td><td class="num">{{float}}</td><td class="num">{{percent}}%</td><td class="preds">{{predecessors}}</td></tr>
            {{/rows}}
            {{^rows}}<tr><td colspan="10">No activities yet.</td></tr>{{/rows}}
            </tbody>
          </table>
          </div>
        </section>
        <section aria-labelledby="deps-title">
          <h2 id="deps-title">Dependencies <span class="count">{{dependencyCount}}</span></h2>
          <div class="scroll">
          <table class="grid" id="dependencies">
            <thead><tr><th scope="col">Predecessor</th><th scope="col">Type</th><th scope="col" class="num">Lag</th><th scope="col">Successor</th></tr></thead>
            <tbody>
            {{#dependencies}}
              <tr><td>{{from}}</td><td><abbr title="{{typeTitle}}">{{type}}</abbr></td><td class="num">{{lag}}</td><td>{{to}}</td></tr>
            {{/dependencies}}
            {{^dependencies}}<tr><td colspan="4">No dependencies.</td></tr>{{/dependencies}}
            </tbody>
          </table>
          </div>
        </section>
        """

    /// The buttons of a project page that change its schedule, for those who may; a note for those who may not.
    static let scheduleActions = """
        {{#mayChange}}
        <div class="actions" id="schedule-actions" role="group" aria-label="Schedule actions">
          <form method="post" action="/projects/{{projectId}}/reschedule"><input type="hidden" name="csrf_token" value="{{csrf}}"><button type="submit" id="reschedule">Reschedule</button></form>
          <form method="post" action="/projects/{{projectId}}/level"><input type="hidden" name="csrf_token" value="{{csrf}}"><button type="submit" id="preview-leveling" class="secondary">Preview leveling</button></form>
          <form method="post" action="/projects/{{projectId}}/risk"><input type="hidden" name="csrf_token" value="{{csrf}}"><button type="submit" id="risk-analysis" class="secondary">Risk analysis</button></form>
        </div>
        {{/mayChange}}
        {{#refusal}}<p class="muted" id="schedule-readonly">Read-only schedule. {{refusal}}</p>{{/refusal}}
        """

    /// Why an activity starts when it does, from the stored schedule.
    static let activity = """
        <nav class="crumbs" aria-label="Breadcrumb"><a href="/portfolios">Portfolios</a> › <a href="/portfolios/{{portfolioId}}">{{portfolioCode}}</a> › <a href="/projects/{{projectId}}" id="back-to-project">{{projectCode}}</a> › <span aria-current="page">{{code}}</span></nav>
        <h1><span class="code">{{code}}</span> {{name}}</h1>
        {{#stale}}<p class="notice" role="status">The project changed after its schedule was computed; these dates may be out of date until it is rescheduled.</p>{{/stale}}
        <dl class="facts">
          <div><dt>Kind</dt><dd>{{kind}}</dd></div>
          <div><dt>Early start</dt><dd class="date" id="early-start">{{earlyStart}}</dd></div>
          <div><dt>Early finish</dt><dd class="date" id="early-finish">{{earlyFinish}}</dd></div>
          <div><dt>Late start</dt><dd class="date" id="late-start">{{lateStart}}</dd></div>
          <div><dt>Late finish</dt><dd class="date" id="late-finish">{{lateFinish}}</dd></div>
          <div><dt>Total float</dt><dd id="total-float">{{totalFloat}}</dd></div>
          <div><dt>Free float</dt><dd id="free-float">{{freeFloat}}</dd></div>
          <div><dt>Critical</dt><dd id="critical">{{#critical}}<span class="crit">yes, on the critical path</span>{{/critical}}{{^critical}}no{{/critical}}</dd></div>
        </dl>
        <section aria-labelledby="why-title" class="why">
          <h2 id="why-title">Why does it start then?</h2>
          <p id="starts-because">It starts {{earlyStart}} because {{because}}.</p>
          {{#driver}}<p>Driven by <a href="{{href}}" id="driver-link" class="activity-link"><span class="code">{{code}}</span> {{name}}</a>: open it to see why that one starts when it does.</p>{{/driver}}
          {{#hasChain}}
          <h3>The driving chain back to the start</h3>
          <ol class="chain" id="driving-chain">
            {{#chain}}<li><a href="{{href}}"><span class="code">{{code}}</span> {{name}}</a> <span class="muted">starts {{start}}</span></li>{{/chain}}
          </ol>
          {{/hasChain}}
        </section>
        {{#hasDrives}}
        <section aria-labelledby="drives-title">
          <h2 id="drives-title">What it drives</h2>
          <ul id="drives">{{#drives}}<li><a href="{{href}}"><span class="code">{{code}}</span> {{name}}</a> <span class="muted">{{because}}</span></li>{{/drives}}</ul>
        </section>
        {{/hasDrives}}
        <p><a href="/projects/{{projectId}}">Back to {{projectCode}} {{projectName}}</a></p>
        """

    /// A leveling preview: the moves, and buttons to apply or discard it.
    static let leveling = """
        <nav class="crumbs" aria-label="Breadcrumb"><a href="/portfolios">Portfolios</a> › <a href="/portfolios/{{portfolioId}}">{{portfolioCode}}</a> › <a href="/projects/{{projectId}}">{{projectCode}}</a> › <span aria-current="page">Leveling preview</span></nav>
        <h1>Leveling preview for {{projectCode}}</h1>
        <dl class="facts">
          <div><dt>Duration before</dt><dd>{{before}}</dd></div>
          <div><dt>Duration after</dt><dd id="duration-after">{{after}}</dd></div>
          <div><dt>Moves</dt><dd id="move-count">{{moveCount}}</dd></div>
          <div><dt>Schedules tried</dt><dd>{{generated}}</dd></div>
        </dl>
        {{#hasNotes}}<details class="notes"><summary>{{noteCount}} notes from the leveler</summary><ul>{{#notes}}<li>{{.}}</li>{{/notes}}</ul></details>{{/hasNotes}}
        <div class="scroll">
        <table class="grid" id="moves">
          <thead><tr><th scope="col">Activity</th><th scope="col">From</th><th scope="col">To</th><th scope="col" class="num">Delay</th><th scope="col">Why</th></tr></thead>
          <tbody>
          {{#moves}}<tr><td><a href="{{href}}"><span class="code">{{code}}</span> {{name}}</a></td><td class="date">{{from}}</td><td class="date">{{to}}</td><td class="num">{{delay}}</td><td>{{reasons}}</td></tr>{{/moves}}
          {{^moves}}<tr><td colspan="5">Leveling moves nothing: no resource is over its capacity.</td></tr>{{/moves}}
          </tbody>
        </table>
        </div>
        <div class="actions">
          <form method="post" action="/projects/{{projectId}}/level/apply"><input type="hidden" name="csrf_token" value="{{csrf}}"><input type="hidden" name="preview_id" value="{{previewId}}"><button type="submit" id="apply-leveling">Apply</button></form>
          <form method="post" action="/projects/{{projectId}}/level/discard"><input type="hidden" name="csrf_token" value="{{csrf}}"><button type="submit" id="discard-leveling" class="secondary">Discard</button></form>
        </div>
        """

    /// A Monte Carlo schedule risk analysis.
    static let risk = """
        <nav class="crumbs" aria-label="Breadcrumb"><a href="/portfolios">Portfolios</a> › <a href="/portfolios/{{portfolioId}}">{{portfolioCode}}</a> › <a href="/projects/{{projectId}}">{{projectCode}}</a> › <span aria-current="page">Risk analysis</span></nav>
        <h1>Schedule risk for {{projectCode}}</h1>
        <p class="lede">{{iterations}} simulated schedules (seed {{seed}}, {{shape}} distribution) over {{estimated}} activities with three-point estimates; the others keep their duration. Mean duration {{mean}}.</p>
        <table class="grid narrow" id="percentiles">
          <thead><tr><th scope="col">Confidence</th><th scope="col" class="num">Working days</th><th scope="col">Finish</th></tr></thead>
          <tbody>{{#percentiles}}<tr><th scope="row">{{label}}</th><td class="num">{{days}}</td><td class="date">{{date}}</td></tr>{{/percentiles}}</tbody>
        </table>
        <h2>Distribution</h2>
        <div class="scroll">{{{histogram}}}</div>
        <h2>Most often critical</h2>
        <table class="grid narrow" id="criticality">
          <thead><tr><th scope="col">Activity</th><th scope="col" class="num">Criticality index</th></tr></thead>
          <tbody>
          {{#criticality}}<tr><td><a href="{{href}}"><span class="code">{{code}}</span> {{name}}</a></td><td class="num">{{percent}}</td></tr>{{/criticality}}
          {{^criticality}}<tr><td colspan="2">No activity was critical.</td></tr>{{/criticality}}
          </tbody>
        </table>
        <p><a href="/projects/{{projectId}}">Back to {{projectCode}} {{projectName}}</a></p>
        """

    static let error = """
        <section class="error" aria-labelledby="error-title">
          <h1 id="error-title">{{title}}</h1>
          <p class="alert" role="alert">{{detail}}</p>
          <p><a href="/portfolios">Back to the portfolios</a></p>
          {{#requestId}}<p class="muted">Request id: <code>{{requestId}}</code></p>{{/requestId}}
        </section>
        """

    static let audit = """
        <h1>Audit trail</h1>
        <p>Every change made through Gantry: who, when, what, with the record before and after. Newest first.</p>
        <form method="get" action="/audit" class="filters" aria-label="Filter the audit trail">
          <label for="kind">Kind</label>
          <select id="kind" name="kind">
            <option value="">any</option>
            {{#kinds}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{value}}</option>{{/kinds}}
          </select>
          <label for="action">Action</label>
          <select id="action" name="action">
            <option value="">any</option>
            {{#actions}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{value}}</option>{{/actions}}
          </select>
          <label for="record_id">Record id</label>
          <input id="record_id" name="record_id" inputmode="numeric" value="{{recordId}}" size="8">
          <button type="submit">Filter</button>
          <a href="/api/v1/audit.csv{{query}}" download>Download CSV</a>
        </form>
        {{^hasRows}}<p>No changes match.</p>{{/hasRows}}
        {{#hasRows}}
        <table class="audit">
          <caption class="visually-hidden">Audit lines</caption>
          <thead><tr><th scope="col">When (UTC)</th><th scope="col">Who</th><th scope="col">Action</th><th scope="col">Record</th><th scope="col">Summary</th></tr></thead>
          <tbody>
          {{#rows}}<tr><td>{{at}}</td><td>{{who}}</td><td>{{action}}</td><td>{{kind}} {{recordId}}</td><td>{{summary}}</td></tr>{{/rows}}
          </tbody>
        </table>
        {{/hasRows}}
        {{#next}}<p><a href="/audit{{next}}" rel="next">Older changes</a></p>{{/next}}
        """
}
