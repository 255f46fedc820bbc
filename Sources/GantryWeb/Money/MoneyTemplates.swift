/// The money pages' templates (issue #15). `{{x}}` escapes; `{{{x}}}` only for the SVG Gantry rendered and
/// escaped itself. Forms work without script.
enum MoneyTemplates {
    static let all: [(String, String)] = [
        ("timesheetWeek", week), ("approvals", approvals), ("projectMoney", projectMoney), ("projectEVM", evm),
        ("portfolioMoney", portfolioMoney), ("finance", finance),
    ]

    static let week = """
        <nav class="crumbs" aria-label="Breadcrumb"><span aria-current="page">Timesheets</span></nav>
        <h1>Timesheet: {{personName}}, week of {{weekStart}}</h1>
        <p class="subnav"><a href="/timesheets?week={{previousWeek}}{{resourceQuery}}" id="previous-week">← Previous week</a> · <a href="/timesheets?week={{nextWeek}}{{resourceQuery}}" id="next-week">Next week →</a>{{#people}} · <form method="get" action="/timesheets" class="inline"><input type="hidden" name="week" value="{{weekStart}}"><label for="person-pick">Person</label> <select id="person-pick" name="resource_id">{{#options}}<option value="{{id}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/options}}</select> <button type="submit" class="secondary small">Show</button></form>{{/people}}</p>
        <p class="lede">Hours per day against your activities, or leave, training and admin. Save as you go; <strong>Submit week</strong> locks the hours and sends each project's lines to its manager. A rejected line comes back with the reason, ready to correct and submit again.</p>
        {{#closed}}<div class="alert" role="status" id="closed-months"><p>{{closed}} closed by the PMO: hours on those days cannot change.</p></div>{{/closed}}
        {{#formError}}<div class="alert" role="alert" id="form-errors"><p>{{formError}}</p></div>{{/formError}}
        {{#saved}}<div class="notice" role="status" id="saved"><p>{{saved}}</p></div>{{/saved}}
        <form method="post" action="/timesheets" id="timesheet-form"><input type="hidden" name="csrf_token" value="{{csrf}}"><input type="hidden" name="week" value="{{weekStart}}"><input type="hidden" name="resource_id" value="{{resourceId}}"><input type="hidden" name="rows" value="{{rowCount}}">
        <table class="grid" id="timesheet"><caption class="visually-hidden">Hours per day, week of {{weekStart}}</caption>
        <thead><tr><th scope="col">Work</th>{{#days}}<th scope="col" class="num">{{label}}</th>{{/days}}<th scope="col" class="num">Total</th><th scope="col">State</th></tr></thead><tbody>
        {{#rows}}<tr id="line-{{index}}" data-state="{{state}}"><th scope="row">{{#lineId}}<input type="hidden" name="line_{{index}}" value="{{lineId}}">{{/lineId}}{{#locked}}{{label}}<input type="hidden" name="what_{{index}}" value="{{what}}">{{/locked}}{{^locked}}<select name="what_{{index}}" id="what-{{index}}" aria-label="Work for row {{number}}"><option value="">—</option>{{#choices}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{text}}</option>{{/choices}}</select>{{/locked}}</th>
          {{#cells}}<td class="num">{{#locked}}{{hours}}<input type="hidden" name="d_{{index}}_{{day}}" value="{{hours}}">{{/locked}}{{^locked}}<input name="d_{{index}}_{{day}}" id="d-{{index}}-{{day}}" value="{{hours}}" size="4" inputmode="decimal" aria-label="{{dayLabel}} hours, row {{number}}">{{/locked}}</td>{{/cells}}
          <td class="num">{{total}}</td><td>{{stateLabel}}{{#reason}}<br><span class="muted reason">Rejected: {{reason}}</span>{{/reason}}</td></tr>{{/rows}}
        </tbody><tfoot><tr><th scope="row">Total</th>{{#totals}}<td class="num">{{value}}</td>{{/totals}}<td class="num" id="week-total">{{weekTotal}}</td><td></td></tr></tfoot></table>
        {{#mayEdit}}<p><button type="submit" name="action" value="save" id="save-week">Save</button> <button type="submit" name="action" value="submit" id="submit-week">Submit week</button> <button type="submit" name="action" value="prefill" class="secondary" id="prefill-week">Fill from plan</button></p>{{/mayEdit}}
        </form>
        {{#planned}}<h2 id="plan-title">Your planned work this week</h2><ul id="planned">{{#items}}<li>{{project}} {{activity}}: {{hours}} h planned</li>{{/items}}</ul>{{/planned}}
        """

    static let approvals = """
        <nav class="crumbs" aria-label="Breadcrumb"><span aria-current="page">Approvals</span></nav>
        <h1>Approvals</h1>
        <p class="lede">Time and expenses booked to the projects you approve for. Approved hours become actual work and actual cost at the rate in force each day; a rejection goes back to its author with your reason.</p>
        {{#formError}}<div class="alert" role="alert" id="form-errors"><p>{{formError}}</p></div>{{/formError}}
        {{#done}}<div class="notice" role="status" id="decided"><p>{{done}}</p></div>{{/done}}
        <form method="post" action="/approvals" id="approvals-form"><input type="hidden" name="csrf_token" value="{{csrf}}">
        <h2 id="time-title">Time</h2>
        <div role="group" aria-labelledby="time-title"><table class="grid" id="pending-lines"><thead><tr><th scope="col"><span class="visually-hidden">Select</span></th><th scope="col">Project</th><th scope="col">Person</th><th scope="col">Week</th><th scope="col">Activity</th><th scope="col">Hours by day</th><th scope="col" class="num">Total</th></tr></thead><tbody>
        {{#lines}}<tr id="pending-line-{{id}}"><td><input type="checkbox" name="line" value="{{id}}" id="pick-line-{{id}}" aria-label="Select {{person}}'s {{activity}} line"></td><td>{{project}}</td><td>{{person}}</td><td class="date">{{week}}</td><td>{{activity}}</td><td>{{days}}</td><td class="num">{{total}}</td></tr>{{/lines}}
        {{^lines}}<tr><td colspan="7">No time waits for you.</td></tr>{{/lines}}
        </tbody></table></div>
        <h2 id="expenses-title">Expenses</h2>
        <div role="group" aria-labelledby="expenses-title"><table class="grid" id="pending-expenses"><thead><tr><th scope="col"><span class="visually-hidden">Select</span></th><th scope="col">Project</th><th scope="col">Spent on</th><th scope="col">By</th><th scope="col">Description</th><th scope="col">Type</th><th scope="col" class="num">Amount</th></tr></thead><tbody>
        {{#expenses}}<tr id="pending-expense-{{id}}"><td><input type="checkbox" name="expense" value="{{id}}" id="pick-expense-{{id}}" aria-label="Select the expense {{description}}"></td><td>{{project}}</td><td class="date">{{date}}</td><td>{{by}}</td><td>{{description}}</td><td>{{type}}</td><td class="num">{{amount}}</td></tr>{{/expenses}}
        {{^expenses}}<tr><td colspan="7">No expenses wait for you.</td></tr>{{/expenses}}
        </tbody></table></div>
        <p><label for="reason">Reason (to reject)</label><br><textarea id="reason" name="reason" rows="2" cols="60"></textarea></p>
        <p><button type="submit" name="decision" value="approve" id="approve-selected">Approve selected</button> <button type="submit" name="decision" value="reject" class="secondary" id="reject-selected">Reject selected</button></p>
        </form>
        <h2 id="progress-title">Progress from approved time</h2>
        <p>Approved hours are actual work. What the plan still expects (planned work less actual) proposes a % complete; confirm it, or correct it first.</p>
        <table class="grid" id="progress-proposals"><thead><tr><th scope="col">Project</th><th scope="col">Activity</th><th scope="col" class="num">Planned h</th><th scope="col" class="num">Actual h</th><th scope="col" class="num">Remaining h</th><th scope="col" class="num">% now</th><th scope="col">Confirm %</th></tr></thead><tbody>
        {{#proposals}}<tr id="proposal-{{activityId}}"><td>{{project}}</td><td>{{activity}}</td><td class="num">{{planned}}</td><td class="num">{{actual}}</td><td class="num">{{remaining}}</td><td class="num">{{current}}</td><td><form method="post" action="/approvals/progress" class="inline"><input type="hidden" name="csrf_token" value="{{csrf}}"><input type="hidden" name="activity_id" value="{{activityId}}"><input name="percent_complete" value="{{proposed}}" size="5" inputmode="decimal" aria-label="% complete of {{activity}}"> <button type="submit" class="secondary small" id="confirm-{{activityId}}">Confirm</button></form></td></tr>{{/proposals}}
        {{^proposals}}<tr><td colspan="7">Nothing to confirm.</td></tr>{{/proposals}}
        </tbody></table>
        <h2 id="delegates-title">Stand-ins</h2>
        <p>While you are away, a stand-in approves or rejects the time and expenses you would, from the first day through the last. The PMO approves everything anyway; no one approves their own time.</p>
        <table class="grid" id="delegations"><thead><tr><th scope="col">Manager</th><th scope="col">Stand-in</th><th scope="col">From</th><th scope="col">Until</th><th scope="col">Now</th><th scope="col">Note</th><th scope="col"><span class="visually-hidden">Remove</span></th></tr></thead><tbody>
        {{#delegations}}<tr id="delegation-{{id}}"><td>{{delegator}}</td><td>{{delegate}}</td><td class="date">{{starts}}</td><td class="date">{{ends}}</td><td>{{state}}</td><td>{{note}}</td><td>{{#removable}}<form method="post" action="/approvals/delegates/{{id}}/remove" class="inline"><input type="hidden" name="csrf_token" value="{{csrf}}"><button type="submit" class="secondary small" id="remove-delegation-{{id}}" aria-label="Remove {{delegate}} as stand-in for {{delegator}}">Remove</button></form>{{/removable}}</td></tr>{{/delegations}}
        {{^delegations}}<tr><td colspan="7">No stand-ins.</td></tr>{{/delegations}}
        </tbody></table>
        {{#delegateForm}}<form method="post" action="/approvals/delegates" id="delegate-form"><input type="hidden" name="csrf_token" value="{{csrf}}">
        <fieldset><legend>Name a stand-in</legend>
        {{#pmo}}<p><label for="delegator_id">For</label><br><select id="delegator_id" name="delegator_id">{{#managers}}<option value="{{id}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/managers}}</select></p>{{/pmo}}
        <p><label for="delegate_id">Stand-in</label><br><select id="delegate_id" name="delegate_id" required><option value="">— choose —</option>{{#people}}<option value="{{id}}">{{name}}</option>{{/people}}</select></p>
        <p><label for="starts">From</label><br><input type="date" id="starts" name="starts" value="{{today}}" required></p>
        <p><label for="ends">Until (the last day; empty for until removed)</label><br><input type="date" id="ends" name="ends"></p>
        <p><label for="delegate-note">Note</label><br><input id="delegate-note" name="note" size="40"></p>
        <p><button type="submit" id="add-delegate">Name stand-in</button></p>
        </fieldset></form>{{/delegateForm}}
        """

    static let projectMoney = """
        <nav class="crumbs" aria-label="Breadcrumb"><a href="/portfolios">Portfolios</a> › <a href="/portfolios/{{portfolioId}}">{{portfolioCode}}</a> › <a href="/projects/{{projectId}}">{{projectCode}}</a> › <span aria-current="page">Budget and spend</span></nav>
        <h1>{{projectCode}} {{projectName}}: budget, funding and spend</h1>
        <p class="subnav"><a href="/projects/{{projectId}}/evm" id="evm-link">Earned value</a> · Download: <a href="/api/v1/projects/{{projectId}}/money?format=csv" id="money-csv">CSV</a> · <a href="/api/v1/projects/{{projectId}}/money?format=xlsx" id="money-xlsx">Excel</a></p>
        {{#formError}}<div class="alert" role="alert" id="form-errors"><p>{{formError}}</p></div>{{/formError}}
        <dl class="facts" id="money-summary"><dt>Budget (original)</dt><dd id="budget-original">{{budgetOriginal}}</dd><dt>Budget (current)</dt><dd id="budget-current">{{budgetCurrent}}</dd><dt>Funding</dt><dd id="funding-total">{{funding}}</dd><dt>Spent (approved)</dt><dd id="spent-total">{{spent}}</dd><dt>Expenses awaiting approval</dt><dd id="pending-total">{{pending}}</dd></dl>
        {{#fundingGap}}<p class="alert" role="status" id="funding-gap">{{fundingGap}}</p>{{/fundingGap}}
        {{#chart}}<figure class="chart" id="money-chart">{{{chart}}}<figcaption>Budget, funding and approved spend, cumulative by month.</figcaption></figure>{{/chart}}
        <h2 id="months-title">By month</h2>
        <table class="grid" id="money-months"><thead><tr><th scope="col">Month</th><th scope="col" class="num">Budget (original)</th><th scope="col" class="num">Budget (current)</th><th scope="col" class="num">Funded to date</th><th scope="col" class="num">Spent</th></tr></thead><tbody>
        {{#months}}<tr><th scope="row">{{month}}</th><td class="num">{{original}}</td><td class="num">{{current}}</td><td class="num">{{funded}}</td><td class="num">{{spent}}</td></tr>{{/months}}
        {{^months}}<tr><td colspan="5">No budget, funding or spend yet.</td></tr>{{/months}}
        </tbody></table>
        <h2 id="budget-title">Budget lines</h2>
        <table class="grid" id="budget-lines"><thead><tr><th scope="col">Version</th><th scope="col">Month</th><th scope="col">Cost type</th><th scope="col">Capital or operating</th><th scope="col" class="num">Amount</th><th scope="col">Note</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead><tbody>
        {{#budget}}<tr><td>{{version}}</td><td>{{month}}</td><td>{{type}}</td><td>{{expenditure}}</td><td class="num">{{amount}}</td><td>{{note}}</td><td>{{#mayEdit}}<form method="post" action="/projects/{{projectId}}/money/budget/{{id}}/delete" class="inline"><input type="hidden" name="csrf_token" value="{{csrf}}"><button type="submit" class="secondary small">Remove</button></form>{{/mayEdit}}</td></tr>{{/budget}}
        {{^budget}}<tr><td colspan="7">No budget lines.</td></tr>{{/budget}}
        </tbody></table>
        {{#mayEdit}}<form method="post" action="/projects/{{projectId}}/money/budget" class="inline-form" id="budget-form"><input type="hidden" name="csrf_token" value="{{csrf}}">
          <label for="budget-version">Version</label> <select id="budget-version" name="budget_version">{{#versions}}<option value="{{value}}">{{label}}</option>{{/versions}}</select>
          <label for="budget-month">Month</label> <input id="budget-month" name="month" type="month" placeholder="2027-03" required>
          <label for="budget-type">Cost type</label> <select id="budget-type" name="cost_type">{{#costTypes}}<option value="{{value}}">{{label}}</option>{{/costTypes}}</select>
          <label for="budget-exp">Capital or operating</label> <select id="budget-exp" name="expenditure">{{#expenditures}}<option value="{{value}}">{{label}}</option>{{/expenditures}}</select>
          <label for="budget-amount">Amount ({{currency}})</label> <input id="budget-amount" name="amount" size="10" inputmode="decimal" required>
          <label for="budget-note">Note</label> <input id="budget-note" name="note">
          <button type="submit" id="add-budget">Add budget line</button>
        </form>{{/mayEdit}}
        <h2 id="funding-title">Funding</h2>
        <table class="grid" id="funding-sources"><thead><tr><th scope="col">Funder</th><th scope="col">Available from</th><th scope="col" class="num">Amount</th><th scope="col">Note</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead><tbody>
        {{#fundingRows}}<tr><td>{{funder}}</td><td class="date">{{from}}</td><td class="num">{{amount}}</td><td>{{note}}</td><td>{{#mayEdit}}<form method="post" action="/projects/{{projectId}}/money/funding/{{id}}/delete" class="inline"><input type="hidden" name="csrf_token" value="{{csrf}}"><button type="submit" class="secondary small">Remove</button></form>{{/mayEdit}}</td></tr>{{/fundingRows}}
        {{^fundingRows}}<tr><td colspan="5">No funding recorded.</td></tr>{{/fundingRows}}
        </tbody></table>
        {{#mayEdit}}<form method="post" action="/projects/{{projectId}}/money/funding" class="inline-form" id="funding-form"><input type="hidden" name="csrf_token" value="{{csrf}}">
          <label for="funder">Funder</label> <input id="funder" name="funder" required>
          <label for="funding-amount">Amount ({{currency}})</label> <input id="funding-amount" name="amount" size="10" inputmode="decimal" required>
          <label for="funding-from">Available from</label> <input id="funding-from" name="available_from" type="date" required>
          <label for="funding-note">Note</label> <input id="funding-note" name="note">
          <button type="submit" id="add-funding">Add funding</button>
        </form>{{/mayEdit}}
        <h2 id="expense-list-title">Expenses</h2>
        <table class="grid" id="expenses"><thead><tr><th scope="col">Spent on</th><th scope="col">Description</th><th scope="col">Activity</th><th scope="col">Type</th><th scope="col" class="num">Amount</th><th scope="col">State</th></tr></thead><tbody>
        {{#expenses}}<tr id="expense-{{id}}"><td class="date">{{date}}</td><td>{{description}}</td><td>{{activity}}</td><td>{{type}}</td><td class="num">{{amount}}</td><td>{{state}}{{#reason}}<br><span class="muted">{{reason}}</span>{{/reason}}</td></tr>{{/expenses}}
        {{^expenses}}<tr><td colspan="6">No expenses.</td></tr>{{/expenses}}
        </tbody></table>
        {{#mayExpense}}<form method="post" action="/projects/{{projectId}}/money/expenses" class="inline-form" id="expense-form"><input type="hidden" name="csrf_token" value="{{csrf}}">
          <label for="expense-date">Spent on</label> <input id="expense-date" name="spent_on" type="date" required>
          <label for="expense-amount">Amount ({{currency}})</label> <input id="expense-amount" name="amount" size="10" inputmode="decimal" required>
          <label for="expense-type">Cost type</label> <select id="expense-type" name="cost_type">{{#costTypes}}<option value="{{value}}">{{label}}</option>{{/costTypes}}</select>
          <label for="expense-exp">Capital or operating</label> <select id="expense-exp" name="expenditure">{{#expenditures}}<option value="{{value}}">{{label}}</option>{{/expenditures}}</select>
          <label for="expense-activity">Activity</label> <select id="expense-activity" name="activity_id"><option value="">— the project —</option>{{#activities}}<option value="{{id}}">{{code}} {{name}}</option>{{/activities}}</select>
          <label for="expense-description">Description</label> <input id="expense-description" name="description" required>
          <button type="submit" id="add-expense">Submit expense</button>
        </form>{{/mayExpense}}
        """

    static let evm = """
        <nav class="crumbs" aria-label="Breadcrumb"><a href="/portfolios">Portfolios</a> › <a href="/portfolios/{{portfolioId}}">{{portfolioCode}}</a> › <a href="/projects/{{projectId}}">{{projectCode}}</a> › <span aria-current="page">Earned value</span></nav>
        <h1>{{projectCode}} {{projectName}}: earned value</h1>
        <p class="subnav"><a href="/projects/{{projectId}}/money" id="money-link">Budget, funding and spend</a> · Download: <a href="/api/v1/projects/{{projectId}}/evm?format=csv{{query}}" id="evm-csv">CSV</a> · <a href="/api/v1/projects/{{projectId}}/evm?format=xlsx{{query}}" id="evm-xlsx">Excel</a> · <a href="/api/v1/projects/{{projectId}}/evm?{{query}}" id="evm-json">JSON</a></p>
        <form method="get" action="/projects/{{projectId}}/evm" class="inline-form" id="evm-options"><label for="as-of">Status date</label> <input id="as-of" name="as_of" type="date" value="{{statusDate}}"> <label for="baseline-pick">Baseline</label> <select id="baseline-pick" name="baseline_id">{{#baselines}}<option value="{{id}}"{{#selected}} selected{{/selected}}>{{name}}{{#performance}} (performance){{/performance}}</option>{{/baselines}}</select> <button type="submit" class="secondary">Show</button></form>
        {{#formError}}<div class="alert" role="alert" id="form-errors"><p>{{formError}}</p></div>{{/formError}}
        {{#unavailable}}<div class="alert" role="status" id="evm-unavailable"><p>{{unavailable}}</p></div>{{/unavailable}}
        {{#figures}}<p class="lede">Against baseline <strong>{{baseline}}</strong> at the end of {{statusDate}}, in {{currency}}: PV from the baseline's cost over time, EV from % complete (physical % where set), AC from approved timesheets and expenses.</p>
        <table class="grid figures" id="evm-figures"><thead><tr><th scope="col">Measure</th><th scope="col" class="num">Value</th><th scope="col">Meaning</th></tr></thead><tbody>
        {{#rows}}<tr id="evm-{{key}}"><th scope="row">{{label}}</th><td class="num">{{value}}</td><td class="muted">{{meaning}}</td></tr>{{/rows}}
        </tbody></table>{{/figures}}
        {{#chart}}<figure class="chart" id="s-curve">{{{chart}}}<figcaption>PV over the baseline, EV at each recorded status date, AC to date, and the forecast to EAC.</figcaption></figure>{{/chart}}
        {{#mayEdit}}<div class="actions"><form method="post" action="/projects/{{projectId}}/evm/snapshot" class="inline"><input type="hidden" name="csrf_token" value="{{csrf}}"><input type="hidden" name="as_of" value="{{statusDate}}"><button type="submit" class="secondary" id="record-snapshot">Record EV at {{statusDate}}</button></form>{{#baseline}}{{^isPerformance}} <form method="post" action="/projects/{{projectId}}/evm/performance" class="inline"><input type="hidden" name="csrf_token" value="{{csrf}}"><input type="hidden" name="baseline_id" value="{{baselineId}}"><button type="submit" class="secondary" id="make-performance">Measure against this baseline from now on</button></form>{{/isPerformance}}{{/baseline}}</div>{{/mayEdit}}
        {{#hasActivities}}<h2 id="activities-title">By activity</h2>{{/hasActivities}}
        {{#hasActivities}}<table class="grid" id="evm-activities"><thead><tr><th scope="col">Activity</th><th scope="col" class="num">BAC</th><th scope="col" class="num">PV</th><th scope="col" class="num">EV</th><th scope="col" class="num">AC</th><th scope="col" class="num">SPI</th><th scope="col" class="num">CPI</th></tr></thead><tbody>{{/hasActivities}}
        {{#activityRows}}<tr><th scope="row">{{code}} {{name}}</th><td class="num">{{bac}}</td><td class="num">{{pv}}</td><td class="num">{{ev}}</td><td class="num">{{ac}}</td><td class="num">{{spi}}</td><td class="num">{{cpi}}</td></tr>{{/activityRows}}
        {{#hasActivities}}</tbody></table>{{/hasActivities}}
        """

    static let portfolioMoney = """
        <nav class="crumbs" aria-label="Breadcrumb"><a href="/portfolios">Portfolios</a> › <a href="/portfolios/{{portfolioId}}">{{portfolioCode}}</a> › <span aria-current="page">Money and earned value</span></nav>
        <h1>{{portfolioCode}} {{portfolioName}}: money and earned value{{#programName}}, program {{programName}}{{/programName}}</h1>
        <form method="get" action="/portfolios/{{portfolioId}}/money" class="inline-form" id="rollup-options"><label for="program-pick">Program</label> <select id="program-pick" name="program_id"><option value="">— the whole portfolio —</option>{{#programs}}<option value="{{id}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/programs}}</select> <label for="rollup-as-of">Status date</label> <input id="rollup-as-of" name="as_of" type="date"> <button type="submit" class="secondary">Show</button></form>
        <p class="subnav">Download: <a href="/api/v1/portfolios/{{portfolioId}}/evm?format=csv" id="portfolio-evm-csv">CSV</a> · <a href="/api/v1/portfolios/{{portfolioId}}/evm?format=xlsx" id="portfolio-evm-xlsx">Excel</a> · <a href="/api/v1/portfolios/{{portfolioId}}/evm" id="portfolio-evm-json">JSON</a></p>
        <p class="lede">Each project at its own status date, against its performance baseline, in its currency; the total in {{currency}} at {{month}}'s exchange rates.</p>
        {{#problem}}<div class="alert" role="alert" id="rollup-problem"><p>The roll-up is not available: {{problem}}. The PMO keeps exchange rates on the <a href="/finance">finance page</a>.</p></div>{{/problem}}
        {{#total}}<dl class="facts" id="portfolio-totals"><dt>Budget (current)</dt><dd id="portfolio-budget">{{budget}}</dd><dt>Funding</dt><dd id="portfolio-funding">{{funding}}</dd><dt>Spent (approved)</dt><dd id="portfolio-spent">{{spent}}</dd><dt>BAC</dt><dd>{{bac}}</dd><dt>PV</dt><dd>{{pv}}</dd><dt>EV</dt><dd>{{ev}}</dd><dt>AC</dt><dd id="portfolio-ac">{{ac}}</dd><dt>SPI</dt><dd id="portfolio-spi">{{spi}}</dd><dt>CPI</dt><dd id="portfolio-cpi">{{cpi}}</dd><dt>EAC (BAC / CPI)</dt><dd>{{eac}}</dd></dl>{{/total}}
        {{#chart}}<figure class="chart" id="portfolio-money-chart">{{{chart}}}<figcaption>Budget, funding and approved spend of the portfolio, cumulative by month, in {{currency}}.</figcaption></figure>{{/chart}}
        <table class="grid" id="portfolio-projects"><thead><tr><th scope="col">Project</th><th scope="col">Status date</th><th scope="col" class="num">Budget</th><th scope="col" class="num">Funding</th><th scope="col" class="num">Spent</th><th scope="col" class="num">BAC</th><th scope="col" class="num">PV</th><th scope="col" class="num">EV</th><th scope="col" class="num">AC</th><th scope="col" class="num">SPI</th><th scope="col" class="num">CPI</th><th scope="col" class="num">SPI(t)</th><th scope="col">Forecast finish</th></tr></thead><tbody>
        {{#projects}}<tr id="portfolio-project-{{id}}"><th scope="row"><a href="/projects/{{id}}/evm">{{code}}</a> {{name}}</th><td class="date">{{statusDate}}</td><td class="num">{{budget}}</td><td class="num">{{funding}}</td><td class="num">{{spent}}</td>{{#unavailable}}<td colspan="8" class="muted">{{unavailable}}</td>{{/unavailable}}{{^unavailable}}<td class="num">{{bac}}</td><td class="num">{{pv}}</td><td class="num">{{ev}}</td><td class="num">{{ac}}</td><td class="num">{{spi}}</td><td class="num">{{cpi}}</td><td class="num">{{spiT}}</td><td class="date">{{forecast}}</td>{{/unavailable}}</tr>{{/projects}}
        {{^projects}}<tr><td colspan="13">No projects.</td></tr>{{/projects}}
        </tbody></table>
        """

    static let finance = """
        <nav class="crumbs" aria-label="Breadcrumb"><span aria-current="page">Finance</span></nav>
        <h1>Finance settings</h1>
        <p class="lede">The PMO's exchange rates by month, closed months, and cost rates over time for people and roles.</p>
        {{#formError}}<div class="alert" role="alert" id="form-errors"><p>{{formError}}</p></div>{{/formError}}
        <h2 id="closed-title">Closed months</h2>
        <p>Once a month is closed, no timesheet or expense in it changes until it is reopened. Both are in the audit trail.</p>
        <table class="grid" id="closed-months"><thead><tr><th scope="col">Month</th><th scope="col">Closed by</th><th scope="col">Note</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead><tbody>
        {{#closed}}<tr><td>{{month}}</td><td>{{by}}</td><td>{{note}}</td><td>{{#mayManage}}<form method="post" action="/finance/closed/{{id}}/reopen" class="inline"><input type="hidden" name="csrf_token" value="{{csrf}}"><button type="submit" class="secondary small" id="reopen-{{month}}">Reopen</button></form>{{/mayManage}}</td></tr>{{/closed}}
        {{^closed}}<tr><td colspan="4">No month is closed.</td></tr>{{/closed}}
        </tbody></table>
        {{#mayManage}}<form method="post" action="/finance/closed" class="inline-form" id="close-form"><input type="hidden" name="csrf_token" value="{{csrf}}"><label for="close-month">Month</label> <input id="close-month" name="month" type="month" placeholder="2027-03" required> <label for="close-note">Note</label> <input id="close-note" name="note"> <button type="submit" id="close-month-button">Close month</button></form>{{/mayManage}}
        <h2 id="rates-title">Exchange rates</h2>
        <table class="grid" id="exchange-rates"><thead><tr><th scope="col">Month</th><th scope="col">From</th><th scope="col">To</th><th scope="col" class="num">Rate</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead><tbody>
        {{#rates}}<tr><td>{{month}}</td><td>{{from}}</td><td>{{to}}</td><td class="num">{{rate}}</td><td>{{#mayManage}}<form method="post" action="/finance/rates/{{id}}/delete" class="inline"><input type="hidden" name="csrf_token" value="{{csrf}}"><button type="submit" class="secondary small">Remove</button></form>{{/mayManage}}</td></tr>{{/rates}}
        {{^rates}}<tr><td colspan="5">No exchange rates.</td></tr>{{/rates}}
        </tbody></table>
        {{#mayManage}}<form method="post" action="/finance/rates" class="inline-form" id="rate-form"><input type="hidden" name="csrf_token" value="{{csrf}}"><label for="rate-month">Month</label> <input id="rate-month" name="month" type="month" placeholder="2027-03" required> <label for="rate-from">From</label> <input id="rate-from" name="from_currency" size="4" placeholder="USD" required> <label for="rate-to">To</label> <input id="rate-to" name="to_currency" size="4" placeholder="EUR" required> <label for="rate-rate">Rate</label> <input id="rate-rate" name="rate" size="10" inputmode="decimal" placeholder="0.9234" required> <button type="submit" id="add-rate">Add rate</button></form>{{/mayManage}}
        <h2 id="cost-rates-title">Cost rates over time</h2>
        <p>A person is priced by their own rates, else by their role's, else by the rate on their resource record.</p>
        <table class="grid" id="cost-rates"><thead><tr><th scope="col">For</th><th scope="col">From</th><th scope="col" class="num">Per hour</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead><tbody>
        {{#costRates}}<tr><td>{{who}}</td><td class="date">{{from}}</td><td class="num">{{rate}}</td><td>{{#mayManage}}<form method="post" action="/finance/cost-rates/{{id}}/delete" class="inline"><input type="hidden" name="csrf_token" value="{{csrf}}"><button type="submit" class="secondary small">Remove</button></form>{{/mayManage}}</td></tr>{{/costRates}}
        {{^costRates}}<tr><td colspan="4">No rates over time: resources are priced at their own rate.</td></tr>{{/costRates}}
        </tbody></table>
        {{#mayManage}}<form method="post" action="/finance/cost-rates" class="inline-form" id="cost-rate-form"><input type="hidden" name="csrf_token" value="{{csrf}}"><label for="cr-resource">Person</label> <select id="cr-resource" name="resource_id"><option value="">—</option>{{#people}}<option value="{{id}}">{{name}}</option>{{/people}}</select> <label for="cr-role">or role</label> <select id="cr-role" name="role"><option value="">—</option>{{#roles}}<option value="{{name}}">{{name}}</option>{{/roles}}</select> <label for="cr-from">From</label> <input id="cr-from" name="effective_from" type="date" required> <label for="cr-rate">Per hour</label> <input id="cr-rate" name="rate" size="8" inputmode="decimal" required> <label for="cr-currency">Currency</label> <input id="cr-currency" name="currency" size="4" value="EUR" required> <button type="submit" id="add-cost-rate">Add rate</button></form>{{/mayManage}}
        """
}
