/// The RAID log's and change control's pages (Mustache, compiled in). `{{x}}` escapes HTML.
enum RAIDTemplates {
    static let all: [(String, String)] = [
        ("raidPortfolio", portfolio), ("raidProject", project), ("changesProject", changes),
        ("changeRequest", changeRequest),
    ]

    /// The few styles these pages need beyond the shared stylesheet.
    static let style = """
        <style>
        .subnav { margin: .25rem 0 1rem; }
        .raid-filters { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: end; margin: 1rem 0; }
        .raid-filters label, .raid-form label { display: block; font-size: .85rem; color: #555; }
        .raid-form { display: grid; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); gap: .5rem 1rem; margin: .5rem 0 1rem; }
        .raid-form .wide { grid-column: 1 / -1; }
        .raid-form input, .raid-form select, .raid-form textarea { width: 100%; }
        .inline { display: inline-flex; gap: .25rem; align-items: center; margin: 0; }
        .level-high, .severity-critical, .severity-high { color: #a4161a; font-weight: 600; }
        .level-medium, .severity-medium { color: #8a5a00; }
        .options li { margin-bottom: .35rem; }
        .chosen { font-weight: 600; }
        .slip-late { color: #a4161a; }
        .slip-early { color: #1b6e2a; }
        th a { color: inherit; }
        </style>
        """

    static let portfolio = style + """
        <nav class="crumbs" aria-label="Breadcrumb"><a href="/portfolios">Portfolios</a> › <a href="/portfolios/{{portfolioId}}">{{portfolioCode}}</a> › <span aria-current="page">RAID view</span></nav>
        <h1>RAID view: {{portfolioName}}</h1>
        <p class="lede">Risks, issues, assumptions and decisions of every project in the portfolio: <span id="item-count">{{count}}</span> items match.</p>
        <form method="get" action="/portfolios/{{portfolioId}}/raid" class="raid-filters" id="raid-filters" aria-label="Filter and sort the RAID view">
          <div><label for="type">Type</label><select id="type" name="type"><option value="">any</option>{{#types}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{value}}</option>{{/types}}</select></div>
          <div><label for="status">Status</label><select id="status" name="status"><option value="">any</option>{{#statuses}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{value}}</option>{{/statuses}}</select></div>
          <div><label for="owner_id">Owner</label><select id="owner_id" name="owner_id"><option value="">anyone</option>{{#owners}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/owners}}</select></div>
          <div><label for="level">Level or severity</label><select id="level" name="level"><option value="">any</option>{{#levels}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{value}}</option>{{/levels}}</select></div>
          <div><label for="sort">Sort by</label><select id="sort" name="sort">{{#sorts}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/sorts}}</select></div>
          <div><label for="order">Order</label><select id="order" name="order">{{#orders}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/orders}}</select></div>
          <div><button type="submit" id="apply-filters">Apply</button> <a href="/portfolios/{{portfolioId}}/raid" id="clear-filters">Clear</a></div>
        </form>
        <div class="scroll">
        <table class="grid" id="raid-items">
          <caption class="sr">RAID items, sorted by {{sortLabel}}</caption>
          <thead><tr><th scope="col">Type</th><th scope="col">Project</th><th scope="col">Item</th><th scope="col">Status</th><th scope="col">Owner</th><th scope="col">Level</th>{{#columns}}<th scope="col"{{#num}} class="num"{{/num}} aria-sort="{{ariaSort}}"><a href="{{href}}" id="sort-{{key}}">{{label}}{{arrow}}</a></th>{{/columns}}</tr></thead>
          <tbody>
          {{#items}}<tr class="raid-item" data-type="{{type}}" data-id="{{id}}"><td>{{type}}</td><td class="code"><a href="/projects/{{projectId}}/raid">{{projectCode}}</a></td><td><a href="/projects/{{projectId}}/raid#{{type}}-{{id}}">{{title}}</a></td><td><span class="state">{{status}}</span></td><td>{{owner}}</td><td>{{#level}}<span class="level-{{level}} severity-{{level}}">{{level}}</span>{{/level}}</td><td class="num score">{{score}}</td><td class="date due">{{due}}</td><td class="date updated">{{updated}}</td></tr>
          {{/items}}
          {{^items}}<tr><td colspan="9">Nothing matches these filters.</td></tr>{{/items}}
          </tbody>
        </table>
        </div>
        """

    static let project = style + """
        <nav class="crumbs" aria-label="Breadcrumb"><a href="/portfolios">Portfolios</a> › <a href="/portfolios/{{portfolioId}}">{{portfolioCode}}</a> › <a href="/projects/{{projectId}}">{{projectCode}}</a> › <span aria-current="page">RAID log</span></nav>
        <h1>RAID log: {{projectCode}} {{projectName}}</h1>
        <p class="subnav"><a href="/projects/{{projectId}}">Schedule</a> · <a href="/projects/{{projectId}}/changes">Change requests and baselines</a> · <a href="/portfolios/{{portfolioId}}/raid">The portfolio's RAID view</a></p>
        {{#error}}<p class="alert" role="alert" id="raid-error">{{error}}</p>{{/error}}
        {{#readOnly}}<p class="muted" id="raid-readonly">Read-only log. {{readOnly}}</p>{{/readOnly}}

        <section aria-labelledby="risks-title">
          <h2 id="risks-title">Risks <span class="count">{{riskCount}}</span></h2>
          <div class="scroll">
          <table class="grid" id="risks">
            <thead><tr><th scope="col">Risk</th><th scope="col">Category</th><th scope="col" class="num">Probability × impact</th><th scope="col" class="num">Score</th><th scope="col">Level</th><th scope="col">Owner</th><th scope="col">Response</th><th scope="col">Due</th><th scope="col">Status</th><th scope="col">Actions</th></tr></thead>
            <tbody>
            {{#risks}}<tr id="risk-{{id}}"><td><strong>{{title}}</strong>{{#trigger}}<br><span class="muted">Trigger: {{trigger}}</span>{{/trigger}}</td><td>{{category}}</td><td class="num" title="{{explanation}}">{{probability}} × {{impact}}</td><td class="num">{{score}}</td><td><span class="level-{{level}}">{{level}}</span></td><td>{{owner}}</td><td>{{strategy}}{{#plan}}: {{plan}}{{/plan}}</td><td class="date">{{due}}</td><td><span class="state">{{status}}</span>{{#closeReason}}<br><span class="muted">{{closeReason}}</span>{{/closeReason}}{{#issueId}}<br><a href="#issue-{{issueId}}">issue {{issueId}}</a>{{/issueId}}</td>
              <td>{{#actionable}}<form method="post" action="/risks/{{id}}/convert" class="inline"><input type="hidden" name="csrf_token" value="{{csrf}}"><button type="submit" class="secondary" id="convert-{{id}}">Convert to issue</button></form>
              <form method="post" action="/risks/{{id}}/close" class="inline"><input type="hidden" name="csrf_token" value="{{csrf}}"><label class="sr" for="close-reason-{{id}}">Reason to close</label><input id="close-reason-{{id}}" name="reason" placeholder="reason to close" size="16"><button type="submit" class="secondary" id="close-{{id}}">Close</button></form>{{/actionable}}</td></tr>
            {{/risks}}
            {{^risks}}<tr><td colspan="10">No risks recorded.</td></tr>{{/risks}}
            </tbody>
          </table>
          </div>
          {{#mayEdit}}
          <details id="add-risk"><summary>Add a risk</summary>
          <form method="post" action="/projects/{{projectId}}/raid/risks" class="raid-form">
            <input type="hidden" name="csrf_token" value="{{csrf}}">
            <div class="wide"><label for="risk-title">Title</label><input id="risk-title" name="title" required maxlength="200"></div>
            <div><label for="risk-category">Category</label><input id="risk-category" name="category" maxlength="100" list="raid-categories"><datalist id="raid-categories">{{#categories}}<option value="{{.}}">{{/categories}}</datalist></div>
            <div><label for="risk-probability">Probability (1 rare – 5 almost certain)</label><select id="risk-probability" name="probability">{{#scale}}<option value="{{value}}"{{#middle}} selected{{/middle}}>{{value}} {{probability}}</option>{{/scale}}</select></div>
            <div><label for="risk-impact">Impact (1 negligible – 5 severe)</label><select id="risk-impact" name="impact">{{#scale}}<option value="{{value}}"{{#middle}} selected{{/middle}}>{{value}} {{impact}}</option>{{/scale}}</select></div>
            <div><label for="risk-owner">Owner</label><select id="risk-owner" name="owner_id"><option value="">nobody yet</option>{{#people}}<option value="{{value}}">{{label}}</option>{{/people}}</select></div>
            <div><label for="risk-strategy">Response strategy</label><select id="risk-strategy" name="response_strategy">{{#strategies}}<option value="{{.}}">{{.}}</option>{{/strategies}}</select></div>
            <div><label for="risk-due">Due</label><input id="risk-due" name="due_date" type="date"></div>
            <div class="wide"><label for="risk-plan">Response plan</label><textarea id="risk-plan" name="response_plan" rows="2"></textarea></div>
            <div class="wide"><label for="risk-trigger">Trigger</label><input id="risk-trigger" name="trigger"></div>
            <div class="wide"><label for="risk-description">Description</label><textarea id="risk-description" name="description" rows="2"></textarea></div>
            <div><button type="submit" id="add-risk-button">Add the risk</button></div>
          </form>
          </details>
          {{/mayEdit}}
        </section>

        <section aria-labelledby="issues-title">
          <h2 id="issues-title">Issues <span class="count">{{issueCount}}</span></h2>
          <div class="scroll">
          <table class="grid" id="issues">
            <thead><tr><th scope="col">Issue</th><th scope="col">Severity</th><th scope="col">Owner</th><th scope="col">Due</th><th scope="col">Status</th><th scope="col">Resolution</th><th scope="col">From risk</th></tr></thead>
            <tbody>
            {{#issues}}<tr id="issue-{{id}}"><td><strong>{{title}}</strong>{{#description}}<br><span class="muted">{{description}}</span>{{/description}}</td><td><span class="severity-{{severity}}">{{severity}}</span></td><td>{{owner}}</td><td class="date">{{due}}</td><td><span class="state">{{status}}</span></td><td>{{resolution}}</td><td>{{#riskId}}<a href="#risk-{{riskId}}">risk {{riskId}}</a>{{/riskId}}</td></tr>
            {{/issues}}
            {{^issues}}<tr><td colspan="7">No issues recorded.</td></tr>{{/issues}}
            </tbody>
          </table>
          </div>
          {{#mayEdit}}
          <details id="add-issue"><summary>Add an issue</summary>
          <form method="post" action="/projects/{{projectId}}/raid/issues" class="raid-form">
            <input type="hidden" name="csrf_token" value="{{csrf}}">
            <div class="wide"><label for="issue-title">Title</label><input id="issue-title" name="title" required maxlength="200"></div>
            <div><label for="issue-severity">Severity</label><select id="issue-severity" name="severity">{{#severities}}<option value="{{.}}">{{.}}</option>{{/severities}}</select></div>
            <div><label for="issue-owner">Owner</label><select id="issue-owner" name="owner_id"><option value="">nobody yet</option>{{#people}}<option value="{{value}}">{{label}}</option>{{/people}}</select></div>
            <div><label for="issue-due">Due</label><input id="issue-due" name="due_date" type="date"></div>
            <div class="wide"><label for="issue-description">Description</label><textarea id="issue-description" name="description" rows="2"></textarea></div>
            <div><button type="submit" id="add-issue-button">Add the issue</button></div>
          </form>
          </details>
          {{/mayEdit}}
        </section>

        <section aria-labelledby="assumptions-title">
          <h2 id="assumptions-title">Assumptions <span class="count">{{assumptionCount}}</span></h2>
          <table class="grid" id="assumptions">
            <thead><tr><th scope="col">Assumption</th><th scope="col">Owner</th><th scope="col">Validate by</th><th scope="col">Status</th><th scope="col">Notes</th></tr></thead>
            <tbody>
            {{#assumptions}}<tr id="assumption-{{id}}"><td>{{statement}}</td><td>{{owner}}</td><td class="date">{{validateBy}}</td><td><span class="state">{{status}}</span></td><td>{{notes}}</td></tr>
            {{/assumptions}}
            {{^assumptions}}<tr><td colspan="5">No assumptions recorded.</td></tr>{{/assumptions}}
            </tbody>
          </table>
          {{#mayEdit}}
          <details id="add-assumption"><summary>Add an assumption</summary>
          <form method="post" action="/projects/{{projectId}}/raid/assumptions" class="raid-form">
            <input type="hidden" name="csrf_token" value="{{csrf}}">
            <div class="wide"><label for="assumption-statement">Statement</label><input id="assumption-statement" name="statement" required maxlength="2000"></div>
            <div><label for="assumption-owner">Owner</label><select id="assumption-owner" name="owner_id"><option value="">nobody yet</option>{{#people}}<option value="{{value}}">{{label}}</option>{{/people}}</select></div>
            <div><label for="assumption-validate">Validate by</label><input id="assumption-validate" name="validate_by" type="date"></div>
            <div class="wide"><label for="assumption-notes">Notes</label><textarea id="assumption-notes" name="notes" rows="2"></textarea></div>
            <div><button type="submit" id="add-assumption-button">Add the assumption</button></div>
          </form>
          </details>
          {{/mayEdit}}
        </section>

        <section aria-labelledby="decisions-title">
          <h2 id="decisions-title">Decisions <span class="count">{{decisionCount}}</span></h2>
          {{#decisions}}
          <article id="decision-{{id}}" class="decision">
            <h3>{{title}} <span class="state">{{status}}</span></h3>
            {{#context}}<p>{{context}}</p>{{/context}}
            <ul class="options">
              {{#options}}<li{{#chosen}} class="chosen"{{/chosen}}>{{name}}{{#chosen}} (chosen){{/chosen}}{{#pros}}<br><span class="muted">Pros:</span> {{pros}}{{/pros}}{{#cons}}<br><span class="muted">Cons:</span> {{cons}}{{/cons}}</li>{{/options}}
            </ul>
            {{#rationale}}<p><strong>Rationale:</strong> {{rationale}}</p>{{/rationale}}
            {{#decided}}<p class="muted">Decided by {{decidedBy}} on {{decidedAt}}.</p>{{/decided}}
          </article>
          {{/decisions}}
          {{^decisions}}<p>No decisions recorded.</p>{{/decisions}}
          {{#mayEdit}}
          <details id="add-decision"><summary>Record a decision</summary>
          <form method="post" action="/projects/{{projectId}}/raid/decisions" class="raid-form">
            <input type="hidden" name="csrf_token" value="{{csrf}}">
            <div class="wide"><label for="decision-title">Title</label><input id="decision-title" name="title" required maxlength="200"></div>
            <div class="wide"><label for="decision-context">Context</label><textarea id="decision-context" name="context" rows="2"></textarea></div>
            <div class="wide"><label for="decision-options">Options, one a line: name | pros separated by ; | cons separated by ;</label><textarea id="decision-options" name="options" rows="3" placeholder="Big bang | one weekend; no double running | hard to roll back"></textarea></div>
            <div><label for="decision-chosen">Chosen option (its name)</label><input id="decision-chosen" name="chosen_option"></div>
            <div><label for="decision-status">Status</label><select id="decision-status" name="status"><option value="proposed">proposed</option><option value="decided">decided</option></select></div>
            <div class="wide"><label for="decision-rationale">Rationale</label><textarea id="decision-rationale" name="rationale" rows="2"></textarea></div>
            <div><button type="submit" id="add-decision-button">Record the decision</button></div>
          </form>
          </details>
          {{/mayEdit}}
        </section>
        """

    static let changes = style + """
        <nav class="crumbs" aria-label="Breadcrumb"><a href="/portfolios">Portfolios</a> › <a href="/portfolios/{{portfolioId}}">{{portfolioCode}}</a> › <a href="/projects/{{projectId}}">{{projectCode}}</a> › <span aria-current="page">Change requests</span></nav>
        <h1>Change requests and baselines: {{projectCode}} {{projectName}}</h1>
        <p class="subnav"><a href="/projects/{{projectId}}">Schedule</a> · <a href="/projects/{{projectId}}/raid">RAID log</a></p>
        {{#error}}<p class="alert" role="alert" id="changes-error">{{error}}</p>{{/error}}
        <dl class="facts">
          <div><dt>Governance</dt><dd><span class="mode mode-{{mode}}">{{mode}}</span></dd></div>
          <div><dt>PMO decides changes</dt><dd id="who-decides">{{whoDecides}}</dd></div>
        </dl>
        <section aria-labelledby="requests-title">
          <h2 id="requests-title">Change requests <span class="count">{{requestCount}}</span></h2>
          <div class="scroll">
          <table class="grid" id="change-requests">
            <thead><tr><th scope="col">Change</th><th scope="col">Status</th><th scope="col" class="num">Schedule</th><th scope="col" class="num">Cost</th><th scope="col">Decided by</th><th scope="col">Author</th><th scope="col">Updated</th></tr></thead>
            <tbody>
            {{#requests}}<tr id="change-request-{{id}}"><td><a href="/change-requests/{{id}}" class="change-request-link">{{title}}</a></td><td><span class="state">{{status}}</span></td><td class="num">{{schedule}}</td><td class="num">{{cost}}</td><td>{{approver}}</td><td>{{author}}</td><td class="date">{{updated}}</td></tr>
            {{/requests}}
            {{^requests}}<tr><td colspan="7">No change requests.</td></tr>{{/requests}}
            </tbody>
          </table>
          </div>
          {{#mayRaise}}
          <details id="raise-change"{{#openRaise}} open{{/openRaise}}><summary>Raise a change request</summary>
          <form method="post" action="/projects/{{projectId}}/changes" class="raid-form">
            <input type="hidden" name="csrf_token" value="{{csrf}}">
            <div class="wide"><label for="cr-title">Title</label><input id="cr-title" name="title" required maxlength="200"></div>
            <div class="wide"><label for="cr-scope">Impact on scope</label><textarea id="cr-scope" name="scope_impact" rows="2"></textarea></div>
            <div><label for="cr-days">Impact on schedule (calendar days, negative: earlier)</label><input id="cr-days" name="schedule_impact_days" inputmode="numeric" value="0"></div>
            <div><label for="cr-cost">Impact on cost (e.g. 12500.00, negative: a saving)</label><input id="cr-cost" name="cost_impact" inputmode="decimal" value="0"></div>
            <div><label for="cr-currency">Currency</label><input id="cr-currency" name="currency" value="EUR" maxlength="3" size="4"></div>
            <div><label for="cr-baseline">Save a baseline on approval, named</label><input id="cr-baseline" name="baseline_name" maxlength="200"></div>
            <div class="wide"><label for="cr-budget">Changes to the current budget, applied on approval: one cell a line, <code>month cost-type capital|operating amount</code>, like <code>2027-03 labour operating 12000.00</code> (the cost impact is then their difference from the budget)</label><textarea id="cr-budget" name="budget_changes" rows="2"></textarea></div>
            <div class="wide"><label for="cr-description">Description</label><textarea id="cr-description" name="description" rows="2"></textarea></div>
            <div><button type="submit" id="raise-change-button">Save as draft</button></div>
          </form>
          </details>
          {{/mayRaise}}
          {{#raiseRefusal}}<p class="muted" id="raise-readonly">{{raiseRefusal}}</p>{{/raiseRefusal}}
        </section>
        <section aria-labelledby="baselines-title">
          <h2 id="baselines-title">Baselines <span class="count">{{baselineCount}}</span></h2>
          <table class="grid" id="baselines">
            <thead><tr><th scope="col">Baseline</th><th scope="col">Saved</th><th scope="col">By</th><th scope="col">From change request</th><th scope="col" class="num">Activities</th></tr></thead>
            <tbody>
            {{#baselines}}<tr id="baseline-{{id}}"><td><a href="?baseline={{id}}#variance-title">{{name}}</a></td><td class="date">{{created}}</td><td>{{by}}</td><td>{{#changeRequestId}}<a href="/change-requests/{{changeRequestId}}">change request {{changeRequestId}}</a>{{/changeRequestId}}</td><td class="num">{{activityCount}}</td></tr>
            {{/baselines}}
            {{^baselines}}<tr><td colspan="5">No baselines saved yet.</td></tr>{{/baselines}}
            </tbody>
          </table>
          {{#maySaveBaseline}}
          <form method="post" action="/projects/{{projectId}}/baselines" class="raid-form" id="save-baseline">
            <input type="hidden" name="csrf_token" value="{{csrf}}">
            <div><label for="baseline-name">Save the current plan as a baseline named</label><input id="baseline-name" name="name" required maxlength="200"></div>
            <div><button type="submit" id="save-baseline-button" class="secondary">Save baseline</button></div>
          </form>
          {{/maySaveBaseline}}
          {{#baselineRefusal}}<p class="muted" id="baseline-readonly">{{baselineRefusal}}</p>{{/baselineRefusal}}
        </section>
        {{#compared}}
        <section aria-labelledby="variance-title">
          <h2 id="variance-title">Variance: “{{comparedName}}” against {{againstName}}</h2>
          <form method="get" action="/projects/{{projectId}}/changes" class="raid-filters" aria-label="Choose the baseline to compare with">
            <div><label for="baseline">Baseline</label><select id="baseline" name="baseline">{{#baselineChoices}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/baselineChoices}}</select></div>
            <div><label for="against">against</label><select id="against" name="against">{{#againstChoices}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/againstChoices}}</select></div>
            <div><button type="submit" id="compare">Compare</button></div>
          </form>
          <p class="muted">Slips in calendar days between the baseline's planned dates and the current plan's: positive is later.</p>
          <div class="scroll">
          <table class="grid" id="variance">
            <thead><tr><th scope="col">Activity</th><th scope="col">Baseline start</th><th scope="col">Baseline finish</th><th scope="col">Start</th><th scope="col">Finish</th><th scope="col" class="num">Start slip</th><th scope="col" class="num">Finish slip</th>{{#withCosts}}<th scope="col" class="num">Cost before</th><th scope="col" class="num">Cost after</th>{{/withCosts}}<th scope="col">Change</th></tr></thead>
            <tbody>
            {{#variance}}<tr data-code="{{code}}"><td><span class="code">{{code}}</span> {{name}}</td><td class="date">{{baselineStart}}</td><td class="date">{{baselineFinish}}</td><td class="date">{{currentStart}}</td><td class="date">{{currentFinish}}</td><td class="num {{startClass}}">{{startSlip}}</td><td class="num {{finishClass}}">{{finishSlip}}</td>{{#withCosts}}<td class="num">{{costBefore}}</td><td class="num">{{costAfter}}</td>{{/withCosts}}<td>{{change}}</td></tr>
            {{/variance}}
            {{^variance}}<tr><td colspan="8">The project has no activities.</td></tr>{{/variance}}
            </tbody>
          </table>
          </div>
        </section>
        {{/compared}}
        """

    static let changeRequest = style + """
        <nav class="crumbs" aria-label="Breadcrumb"><a href="/portfolios">Portfolios</a> › <a href="/portfolios/{{portfolioId}}">{{portfolioCode}}</a> › <a href="/projects/{{projectId}}">{{projectCode}}</a> › <a href="/projects/{{projectId}}/changes">Change requests</a> › <span aria-current="page">{{id}}</span></nav>
        <h1>Change request: {{title}}</h1>
        {{#error}}<p class="alert" role="alert" id="action-error">{{error}}</p>{{/error}}
        <dl class="facts">
          <div><dt>Status</dt><dd><span class="state" id="cr-status">{{status}}</span></dd></div>
          <div><dt>Author</dt><dd>{{author}}</dd></div>
          <div><dt>Governance</dt><dd><span class="mode mode-{{mode}}">{{mode}}</span></dd></div>
          <div><dt>Schedule impact</dt><dd id="cr-schedule">{{schedule}}</dd></div>
          <div><dt>Cost impact</dt><dd id="cr-cost">{{cost}}</dd></div>
          {{#budgetChanges}}<div><dt>Current budget on approval</dt><dd id="cr-budget-changes">{{budgetChanges}}</dd></div>{{/budgetChanges}}
          {{#submittedAt}}<div><dt>Submitted</dt><dd>{{submittedAt}}</dd></div>{{/submittedAt}}
          {{#decidedBy}}<div><dt>Decided by</dt><dd id="cr-decided-by">{{decidedBy}} ({{decidedAt}})</dd></div>{{/decidedBy}}
        </dl>
        <section aria-labelledby="approver-title">
          <h2 id="approver-title">Who must decide</h2>
          <p id="required-approver"><strong>{{approver}}</strong>{{#provisional}} (if it were submitted now){{/provisional}}: {{approverReason}}.</p>
        </section>
        <section aria-labelledby="impact-title">
          <h2 id="impact-title">Impact</h2>
          <p><strong>Scope:</strong> {{#scope}}{{scope}}{{/scope}}{{^scope}}none stated{{/scope}}</p>
          {{#description}}<p>{{description}}</p>{{/description}}
          {{#reason}}<p id="cr-reason"><strong>Reason given:</strong> {{reason}}</p>{{/reason}}
          {{#baselineName}}<p id="cr-baseline"><strong>Baseline:</strong> {{#baselineId}}saved as <a href="/projects/{{projectId}}/changes?baseline={{baselineId}}#variance-title">{{baselineName}}</a>{{/baselineId}}{{^baselineId}}“{{baselineName}}” is saved when it is approved{{/baselineId}}</p>{{/baselineName}}
        </section>
        <section aria-labelledby="actions-title">
          <h2 id="actions-title">Actions</h2>
          <div class="actions" role="group" aria-label="Change request actions">
          {{#maySubmit}}<form method="post" action="/change-requests/{{id}}/submit"><input type="hidden" name="csrf_token" value="{{csrf}}"><button type="submit" id="submit-change">Submit</button></form>{{/maySubmit}}
          {{#mayApprove}}<form method="post" action="/change-requests/{{id}}/approve" class="inline"><input type="hidden" name="csrf_token" value="{{csrf}}"><label for="approve-baseline">Save baseline as</label><input id="approve-baseline" name="baseline_name" value="{{baselineName}}" placeholder="(no baseline)" size="20"><button type="submit" id="approve-change">Approve</button></form>{{/mayApprove}}
          {{#mayReject}}<form method="post" action="/change-requests/{{id}}/reject" class="inline"><input type="hidden" name="csrf_token" value="{{csrf}}"><label for="reject-reason">Reason</label><input id="reject-reason" name="reason" size="24"><button type="submit" id="reject-change" class="secondary">Reject</button></form>{{/mayReject}}
          {{#mayDefer}}<form method="post" action="/change-requests/{{id}}/defer" class="inline"><input type="hidden" name="csrf_token" value="{{csrf}}"><label for="defer-reason">Reason</label><input id="defer-reason" name="reason" size="20"><button type="submit" id="defer-change" class="secondary">Defer</button></form>{{/mayDefer}}
          {{#mayWithdraw}}<form method="post" action="/change-requests/{{id}}/withdraw"><input type="hidden" name="csrf_token" value="{{csrf}}"><button type="submit" id="withdraw-change" class="secondary">Withdraw</button></form>{{/mayWithdraw}}
          </div>
          {{#decisionRefusal}}<p class="notice" id="decision-refusal">You cannot decide this change request: {{decisionRefusal}}.</p>{{/decisionRefusal}}
          {{#noActions}}<p class="muted" id="no-actions">No action is open to you on this change request.</p>{{/noActions}}
        </section>
        """
}
