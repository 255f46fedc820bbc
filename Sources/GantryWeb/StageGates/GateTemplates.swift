/// The HTML (Mustache) of the template pages, the project page's "Phases and gates" section and the gate page.
enum GateTemplates {
    static let all: [(String, String)] = [
        ("templates", templates), ("templateDetail", templateDetail), ("phasesSection", phasesSection), ("gate", gate),
    ]

    /// How to write a template's phases in the form: shown beside the text area.
    static let outlineHelp = """
        <details class="notes" id="outline-help" open>
          <summary>How to write the phases</summary>
          <p>One entry per line; indentation does not matter, blank lines and lines starting with <code>#</code> are skipped.</p>
          <ul>
            <li><code>phase: Name | description</code> starts a phase; the lines after it belong to it.</li>
            <li><code>gate: Name</code> names the gate that ends the phase (without it: "<em>phase</em> gate").</li>
            <li><code>must: Name | definition | evidence</code> adds a must-meet criterion; <code>evidence</code> (optional) means it can be met only with evidence attached.</li>
            <li><code>should: Name | definition | weight 2</code> adds a should-meet criterion, scored 0–10; the weight is optional (1).</li>
            <li><code>deliverable: Name</code> adds a required deliverable.</li>
            <li><code>task: 1.1 | Name | 5d</code> and <code>milestone: 1.M | Name</code> add WBS items under the phase's summary.</li>
          </ul>
          <p>Errors name the line, or the field as the API names it (<code>phases[1].gate.criteria[0].name</code>: the second phase's first criterion).</p>
        </details>
        """

    static let templates = """
        <h1>Project templates</h1>
        <p class="lede">The PMO's standard ways to run a project: phases, the gate that ends each with its criteria, required deliverables, a WBS skeleton, RAID categories and a report cadence. A project made from a template gets a copy: changing the template later does not change the project.</p>
        <table class="grid" id="templates">
          <thead><tr><th scope="col">Template</th><th scope="col" class="num">Phases</th><th scope="col" class="num">Criteria</th><th scope="col" class="num">WBS items</th><th scope="col">Report cadence</th><th scope="col">Active</th><th scope="col" class="num">Projects</th></tr></thead>
          <tbody>
          {{#rows}}<tr><td><a href="/templates/{{id}}" class="template-link">{{name}}</a></td><td class="num">{{phases}}</td><td class="num">{{criteria}}</td><td class="num">{{items}}</td><td>{{cadence}}</td><td>{{active}}</td><td class="num">{{projects}}</td></tr>{{/rows}}
          {{^rows}}<tr><td colspan="7">No templates yet.</td></tr>{{/rows}}
          </tbody>
        </table>
        {{#mayCreate}}
        <section aria-labelledby="new-template-title" id="new-template">
          <h2 id="new-template-title">New template</h2>
          {{#hasErrors}}<div class="alert" role="alert" id="template-errors"><p>The template was not saved:</p><ul>{{#errors}}<li><code>{{field}}</code> {{message}}</li>{{/errors}}</ul></div>{{/hasErrors}}
          <form method="post" action="/templates" class="stack">
            <input type="hidden" name="csrf_token" value="{{csrf}}">
            <label for="t-name">Name</label>
            <input id="t-name" name="name" value="{{formName}}" required maxlength="200">
            <label for="t-description">Description</label>
            <textarea id="t-description" name="description" rows="2">{{formDescription}}</textarea>
            <label for="t-cadence">Report cadence</label>
            <select id="t-cadence" name="report_cadence">{{#cadences}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{value}}</option>{{/cadences}}</select>
            <label for="t-raid">RAID categories <span class="muted">(separated by commas)</span></label>
            <input id="t-raid" name="raid_categories" value="{{formRaid}}">
            <label for="t-outline">Phases, gates and WBS skeleton</label>
            <textarea id="t-outline" name="outline" rows="16" class="mono" aria-describedby="outline-help" required>{{formOutline}}</textarea>
            {{{help}}}
            <button type="submit" id="create-template">Create template</button>
          </form>
        </section>
        {{/mayCreate}}
        """

    static let templateDetail = """
        <nav class="crumbs" aria-label="Breadcrumb"><a href="/templates">Templates</a> › <span aria-current="page">{{name}}</span></nav>
        <h1>{{name}}</h1>
        <dl class="facts">
          <div><dt>Phases</dt><dd>{{phaseCount}}</dd></div>
          <div><dt>Report cadence</dt><dd id="report-cadence">{{cadence}}</dd></div>
          <div><dt>Active</dt><dd id="template-active">{{active}}</dd></div>
          <div><dt>Projects made from it</dt><dd>{{projects}}</dd></div>
        </dl>
        {{#mayToggle}}<form method="post" action="/templates/{{id}}/active" class="actions"><input type="hidden" name="csrf_token" value="{{csrf}}"><input type="hidden" name="active" value="{{toggleTo}}"><button type="submit" class="secondary" id="toggle-template">{{toggleLabel}}</button></form>{{/mayToggle}}
        {{#description}}<p class="lede">{{description}}</p>{{/description}}
        {{#phases}}
        <section aria-labelledby="phase-{{n}}-title" class="template-phase">
          <h2 id="phase-{{n}}-title">{{n}}. {{name}}</h2>
          {{#description}}<p>{{description}}</p>{{/description}}
          <h3>Gate: {{gate}}</h3>
          <table class="grid criteria">
            <thead><tr><th scope="col">Criterion</th><th scope="col">Kind</th><th scope="col">Definition</th><th scope="col">Evidence</th></tr></thead>
            <tbody>
            {{#criteria}}<tr><td>{{name}}</td><td>{{kind}}{{#weight}} (weight {{weight}}){{/weight}}</td><td>{{definition}}</td><td>{{evidence}}</td></tr>{{/criteria}}
            {{^criteria}}<tr><td colspan="4">No criteria.</td></tr>{{/criteria}}
            </tbody>
          </table>
          {{#deliverables}}<p><strong>Required deliverables:</strong> {{deliverables}}</p>{{/deliverables}}
          {{#hasItems}}
          <table class="grid narrow">
            <thead><tr><th scope="col">WBS</th><th scope="col">Item</th><th scope="col">Kind</th><th scope="col" class="num">Duration</th></tr></thead>
            <tbody>{{#items}}<tr><td class="code">{{code}}</td><td>{{name}}</td><td>{{kind}}</td><td class="num">{{duration}}</td></tr>{{/items}}</tbody>
          </table>
          {{/hasItems}}
        </section>
        {{/phases}}
        <h2>RAID categories</h2>
        <p id="raid-categories">{{raid}}</p>
        <details><summary>The template as text (for a new template)</summary><pre class="outline" id="template-outline">{{outline}}</pre></details>
        """

    /// The "Phases and gates" section of a project page.
    static let phasesSection = """
        <section aria-labelledby="phases-title" id="phases">
          <h2 id="phases-title">Phases and gates</h2>
          <p class="muted">Governance: <span class="mode mode-{{mode}}">{{mode}}</span>. {{modeRule}}</p>
          {{#nextGate}}<p id="next-gate">Next gate: <a href="{{href}}" class="gate-link">{{gate}}</a> ending {{phase}}{{#date}}, planned {{date}}{{/date}} — gate {{status}}{{#unmet}}, unmet must-meet: {{unmet}}{{/unmet}}.</p>{{/nextGate}}
          {{#hasPhases}}
          <table class="grid" id="phase-table">
            <thead><tr><th scope="col" class="num">#</th><th scope="col">Phase</th><th scope="col">Status</th><th scope="col">Gate</th><th scope="col">Gate status</th><th scope="col">Gate date</th><th scope="col">Must-meet met</th></tr></thead>
            <tbody>
            {{#rows}}<tr id="phase-{{id}}" class="phase phase-{{status}}"><td class="num">{{n}}</td><td><a href="{{href}}" class="phase-link">{{name}}</a></td><td><span class="state phase-status">{{status}}</span></td><td>{{gate}}</td><td><span class="state gate-status">{{gateStatus}}</span></td><td class="date">{{date}}</td><td>{{met}}</td></tr>{{/rows}}
            </tbody>
          </table>
          {{/hasPhases}}
          {{^hasPhases}}
          <p id="no-phases">This project has no phases yet.</p>
          {{#templates}}
          <form method="post" action="/projects/{{projectId}}/apply-template" class="gate-form" id="apply-template-form">
            <input type="hidden" name="csrf_token" value="{{csrf}}">
            <label for="apply-template">Apply a template</label>
            <select id="apply-template" name="template_id">{{#options}}<option value="{{id}}">{{name}}</option>{{/options}}</select>
            <button type="submit" id="apply-template-button">Apply</button>
          </form>
          {{/templates}}
          {{/hasPhases}}
        </section>
        """

    static let gate = """
        <nav class="crumbs" aria-label="Breadcrumb"><a href="/portfolios">Portfolios</a> › <a href="/portfolios/{{portfolioId}}">{{portfolioCode}}</a> › <a href="/projects/{{projectId}}" id="back-to-project">{{projectCode}}</a> › <span aria-current="page">{{phaseName}}</span></nav>
        <h1>Gate: {{gateName}}</h1>
        <p class="lede">Ends phase {{n}} of {{count}}, <strong>{{phaseName}}</strong>, of {{projectCode}} {{projectName}}{{#next}}; a go opens <strong id="next-phase">{{next}}</strong> (now {{nextStatus}}){{/next}}{{^next}}; it is the project's last phase{{/next}}.</p>
        {{#error}}<p class="alert" role="alert" id="gate-error"><strong>Not recorded.</strong> {{error}}</p>{{/error}}
        <dl class="facts">
          <div><dt>Phase</dt><dd><span class="state" id="phase-status">{{phaseStatus}}</span></dd></div>
          <div><dt>Gate</dt><dd><span class="state" id="gate-status">{{gateStatus}}</span></dd></div>
          <div><dt>Gate date</dt><dd class="date" id="gate-date">{{gateDate}}</dd></div>
          <div><dt>Must-meet met</dt><dd id="must-meet-count">{{metCount}} of {{mustCount}}</dd></div>
          <div><dt>Should-meet score</dt><dd id="weighted-score">{{score}}</dd></div>
          <div><dt>Governance</dt><dd><span class="mode mode-{{mode}}" id="governance-mode">{{mode}}</span></dd></div>
        </dl>
        <p class="notice" id="mode-rule"><strong>A {{mode}} portfolio.</strong> {{modeRule}}</p>
        {{#description}}<p>{{{description}}}</p>{{/description}}
        {{#deliverables}}<p><strong>Required deliverables:</strong> {{deliverables}}</p>{{/deliverables}}
        <section aria-labelledby="criteria-title">
          <h2 id="criteria-title">Criteria</h2>
          {{#unmet}}<p id="unmet-must-meets">Unmet must-meet criteria: <strong>{{unmet}}</strong></p>{{/unmet}}
          <div class="scroll">
          <table class="grid" id="criteria">
            <thead><tr><th scope="col">Criterion</th><th scope="col">Kind</th><th scope="col">Assessment</th><th scope="col">Evidence</th>{{#mayWork}}<th scope="col">Update</th>{{/mayWork}}</tr></thead>
            <tbody>
            {{#criteria}}
            <tr id="criterion-{{index}}" class="criterion">
              <td><strong class="criterion-name">{{name}}</strong>{{#definition}}<br><span class="muted">{{{definition}}}</span>{{/definition}}</td>
              <td>{{kind}}{{#requiresEvidence}}<br><span class="muted">evidence required</span>{{/requiresEvidence}}</td>
              <td class="assessment {{assessClass}}">{{assessment}}</td>
              <td class="evidence">{{#evidence}}<div>{{#url}}<a href="{{url}}" rel="noopener noreferrer">{{label}}</a>{{/url}}{{^url}}{{label}}{{/url}}{{#file}} <span class="muted">({{file}})</span>{{/file}}</div>{{/evidence}}{{^evidence}}<span class="muted">none</span>{{/evidence}}</td>
              {{#mayWork}}<td>{{#mayChange}}
                <form method="post" action="/projects/{{projectId}}/phases/{{phaseId}}/criteria" class="gate-form">
                  <input type="hidden" name="csrf_token" value="{{csrf}}"><input type="hidden" name="index" value="{{index}}"><input type="hidden" name="name" value="{{name}}">
                  {{#mayAssess}}<label for="met-{{index}}">Assessment</label><select id="met-{{index}}" name="met">{{#metOptions}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/metOptions}}</select>{{/mayAssess}}
                  {{#mayScore}}<label for="score-{{index}}">Score</label><input id="score-{{index}}" name="score" type="number" min="0" max="10" step="0.5" size="4" value="{{scoreValue}}">{{/mayScore}}
                  {{#mayAttach}}<label for="label-{{index}}">Evidence</label><input id="label-{{index}}" name="evidence_label" placeholder="label" size="14"><label for="url-{{index}}" class="sr">Evidence link</label><input id="url-{{index}}" name="evidence_url" type="url" placeholder="https://…" size="22">{{/mayAttach}}
                  <button type="submit" id="save-criterion-{{index}}">Save</button>
                </form>{{/mayChange}}</td>{{/mayWork}}
            </tr>
            {{/criteria}}
            {{^criteria}}<tr><td colspan="5">This gate has no criteria.</td></tr>{{/criteria}}
            </tbody>
          </table>
          </div>
          {{#workNote}}<p class="muted" id="criteria-readonly">{{workNote}}</p>{{/workNote}}
        </section>
        <section aria-labelledby="decisions-title">
          <h2 id="decisions-title">Decisions</h2>
          <table class="grid" id="decisions">
            <thead><tr><th scope="col">When (UTC)</th><th scope="col">Decision</th><th scope="col">By</th><th scope="col">Comment</th><th scope="col">Unmet must-meet at the time</th></tr></thead>
            <tbody>
            {{#decisions}}<tr><td class="date">{{at}}</td><td><span class="state decision">{{decision}}</span></td><td>{{by}}</td><td>{{comment}}</td><td>{{unmet}}</td></tr>{{/decisions}}
            {{^decisions}}<tr><td colspan="5">No decision yet.</td></tr>{{/decisions}}
            </tbody>
          </table>
        </section>
        <section aria-labelledby="decide-title" id="decide">
          <h2 id="decide-title">Decide the gate</h2>
          {{#mayDecide}}
          <form method="post" action="/projects/{{projectId}}/phases/{{phaseId}}/decide" class="stack" id="decision-form">
            <input type="hidden" name="csrf_token" value="{{csrf}}"><input type="hidden" name="version" value="{{version}}">
            <fieldset class="decision">
              <legend>Decision</legend>
              <label><input type="radio" name="decision" value="go" id="decision-go" checked> Go: complete {{phaseName}}{{#next}} and open {{next}}{{/next}}</label>
              <label><input type="radio" name="decision" value="hold" id="decision-hold"> Hold: park the gate until it can be decided</label>
              <label><input type="radio" name="decision" value="recycle" id="decision-recycle"> Recycle: rework the phase and review the gate again</label>
              {{#mayKill}}<label><input type="radio" name="decision" value="kill" id="decision-kill"> Kill: stop the project</label>{{/mayKill}}
            </fieldset>
            <label for="decision-comment">Comment <span class="muted">(needed for hold, recycle and kill, and for a go over unmet must-meet criteria)</span></label>
            <textarea id="decision-comment" name="comment" rows="3" maxlength="5000">{{comment}}</textarea>
            <button type="submit" id="decide-button">Record the decision</button>
          </form>
          {{/mayDecide}}
          {{#decideRefusal}}<p class="muted" id="decide-readonly">{{decideRefusal}}</p>{{/decideRefusal}}
        </section>
        <p><a href="/projects/{{projectId}}">Back to {{projectCode}} {{projectName}}</a></p>
        """
}
