/// The capacity pages' templates. `{{x}}` escapes; `{{{x}}}` only for the SVG Gantry rendered and escaped itself.
enum CapacityTemplates {
    static let all: [(String, String)] = [
        ("capacity", capacity), ("capacityCell", capacityCell), ("capacityCatalogue", catalogue),
        ("capacitySettings", settings), ("capacityAllocations", allocations),
    ]

    static let catalogue = """
        <nav class="crumbs" aria-label="Breadcrumb"><a href="/capacity">Capacity</a> › <span aria-current="page">Skills and roles</span></nav>
        <h1>Skills and roles</h1>
        <p class="lede">The PMO's central catalogue: resources, generic needs and allocations choose from it. Renaming a role or a skill renames it on every resource and allocation at once.</p>
        {{#formError}}<div class="alert" role="alert" id="form-errors"><p>{{formError}}</p></div>{{/formError}}
        <section aria-labelledby="roles-title" id="roles">
          <h2 id="roles-title">Job roles</h2>
          <table class="grid" id="role-list"><thead><tr><th scope="col">Role</th><th scope="col">Description</th><th scope="col" class="num">Resources</th><th scope="col" class="num">Allocations</th>{{#mayManage}}<th scope="col">Rename</th><th scope="col"><span class="visually-hidden">Remove</span></th>{{/mayManage}}</tr></thead><tbody>
          {{#roles}}<tr><td>{{name}}</td><td>{{description}}</td><td class="num">{{resources}}</td><td class="num">{{allocations}}</td>{{#mayManage}}<td><form method="post" action="/capacity/catalogue/roles/{{id}}/rename" class="inline"><input type="hidden" name="csrf_token" value="{{csrf}}"><input id="role-rename-{{id}}" aria-label="New name for {{name}}" name="name" value="{{name}}" size="18"> <button type="submit" class="secondary small">Rename</button></form></td><td><form method="post" action="/capacity/catalogue/roles/{{id}}/delete" class="inline"><input type="hidden" name="csrf_token" value="{{csrf}}"><button type="submit" class="secondary small">Remove</button></form></td>{{/mayManage}}</tr>{{/roles}}
          {{^roles}}<tr><td colspan="6">No roles in the catalogue yet.</td></tr>{{/roles}}
          </tbody></table>
          {{#unlistedRoles}}<p class="notice" id="unlisted-roles">In use but not in the catalogue (imported, or typed before it existed): {{unlistedRoles}}. Add them to manage them here.</p>{{/unlistedRoles}}
          {{#mayManage}}<form method="post" action="/capacity/catalogue/roles" class="inline-form" id="role-form"><input type="hidden" name="csrf_token" value="{{csrf}}">
            <label for="role-name">Role</label> <input id="role-name" name="name" required>
            <label for="role-description">Description</label> <input id="role-description" name="description" size="40">
            <button type="submit" id="add-role">Add role</button></form>{{/mayManage}}
        </section>
        <section aria-labelledby="skills-title" id="skills">
          <h2 id="skills-title">Skills</h2>
          <table class="grid" id="skill-list"><thead><tr><th scope="col">Skill</th><th scope="col">Category</th><th scope="col" class="num">Held by</th><th scope="col">Levels (1 aware … 5 expert)</th>{{#mayManage}}<th scope="col">Rename</th><th scope="col"><span class="visually-hidden">Remove</span></th>{{/mayManage}}</tr></thead><tbody>
          {{#skills}}<tr><td>{{name}}</td><td>{{category}}</td><td class="num">{{holders}}</td><td>{{levels}}</td>{{#mayManage}}<td><form method="post" action="/capacity/catalogue/skills/{{id}}/rename" class="inline"><input type="hidden" name="csrf_token" value="{{csrf}}"><input id="skill-rename-{{id}}" aria-label="New name for {{name}}" name="name" value="{{name}}" size="16"> <button type="submit" class="secondary small">Rename</button></form></td><td><form method="post" action="/capacity/catalogue/skills/{{id}}/delete" class="inline"><input type="hidden" name="csrf_token" value="{{csrf}}"><button type="submit" class="secondary small">Remove</button></form></td>{{/mayManage}}</tr>{{/skills}}
          {{^skills}}<tr><td colspan="6">No skills in the catalogue yet.</td></tr>{{/skills}}
          </tbody></table>
          {{#unlistedSkills}}<p class="notice" id="unlisted-skills">Held but not in the catalogue: {{unlistedSkills}}.</p>{{/unlistedSkills}}
          {{#mayManage}}<form method="post" action="/capacity/catalogue/skills" class="inline-form" id="skill-form"><input type="hidden" name="csrf_token" value="{{csrf}}">
            <label for="skill-name">Skill</label> <input id="skill-name" name="name" required>
            <label for="skill-category">Category</label> <input id="skill-category" name="category">
            <button type="submit" id="add-skill">Add skill</button></form>{{/mayManage}}
        </section>
        """

    static let settings = """
        <nav class="crumbs" aria-label="Breadcrumb"><a href="/capacity">Capacity</a> › <span aria-current="page">Settings</span></nav>
        <h1>Capacity settings</h1>
        {{#formError}}<div class="alert" role="alert" id="form-errors"><p>{{formError}}</p></div>{{/formError}}
        <form method="post" action="/capacity/settings" class="stack record-form" id="capacity-settings">
          <input type="hidden" name="csrf_token" value="{{csrf}}">
          <fieldset><legend>Pipeline: the probability that demand in each state becomes real (%)</legend>
          {{#weights}}<div class="field"><label for="weight_{{state}}">{{label}}</label><input id="weight_{{state}}" name="weight_{{state}}" value="{{percent}}"{{^mayManage}} disabled{{/mayManage}}></div>{{/weights}}
          </fieldset>
          <fieldset><legend>Heatmap bands (utilisation %)</legend>
          <div class="field"><label for="healthy_from">Healthy from</label><input id="healthy_from" name="healthy_from" value="{{healthyFrom}}"{{^mayManage}} disabled{{/mayManage}}><span class="hint">Below this a group is under-used</span></div>
          <div class="field"><label for="healthy_through">Healthy up to</label><input id="healthy_through" name="healthy_through" value="{{healthyThrough}}"{{^mayManage}} disabled{{/mayManage}}></div>
          <div class="field"><label for="at_risk_through">At risk up to</label><input id="at_risk_through" name="at_risk_through" value="{{atRiskThrough}}"{{^mayManage}} disabled{{/mayManage}}><span class="hint">Above this a group is over-allocated</span></div>
          </fieldset>
          <div class="field"><label for="hours_per_day">Hours in a full-time day</label><input id="hours_per_day" name="hours_per_day" value="{{hoursPerDay}}"{{^mayManage}} disabled{{/mayManage}}><span class="hint">Turns an intake request's FTE × months into hours</span></div>
          {{#mayManage}}<button type="submit" id="save-settings">Save settings</button>{{/mayManage}}
        </form>
        """

    static let allocations = """
        <nav class="crumbs" aria-label="Breadcrumb"><a href="/portfolios">Portfolios</a> › <a href="/portfolios/{{portfolioId}}">{{portfolioCode}}</a> › <a href="/projects/{{projectId}}">{{projectCode}}</a> › <span aria-current="page">Allocations</span></nav>
        <h1>{{projectCode}} {{projectName}}: allocations</h1>
        <p class="lede">Demand at project level, before (or beside) a plan: a role or a person, hours or % over dates.</p>
        <p class="muted" id="plan-wins">{{rule}}</p>
        {{#formError}}<div class="alert" role="alert" id="form-errors"><p>{{formError}}</p></div>{{/formError}}
        <table class="grid" id="allocation-list"><thead><tr><th scope="col">For</th><th scope="col">Amount</th><th scope="col">From</th><th scope="col">To</th><th scope="col">Note</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead><tbody>
        {{#rows}}<tr><td>{{who}}</td><td>{{amount}}</td><td class="date">{{from}}</td><td class="date">{{to}}</td><td>{{note}}</td><td>{{#mayDelete}}<form method="post" action="/projects/{{projectId}}/allocations/{{id}}/delete" class="inline"><input type="hidden" name="csrf_token" value="{{csrf}}"><button type="submit" class="secondary small">Remove</button></form>{{/mayDelete}}</td></tr>{{/rows}}
        {{^rows}}<tr><td colspan="6">No allocations.</td></tr>{{/rows}}
        </tbody></table>
        {{#mayEdit}}<form method="post" action="/projects/{{projectId}}/allocations" class="inline-form" id="allocation-form"><input type="hidden" name="csrf_token" value="{{csrf}}">
          <label for="alloc-role">Role</label> <select id="alloc-role" name="role"><option value="">—</option>{{#roles}}<option value="{{role}}">{{role}}</option>{{/roles}}</select>
          <label for="alloc-resource">or person</label> <select id="alloc-resource" name="resource_id"><option value="">—</option>{{#people}}<option value="{{rid}}">{{rname}} ({{rrole}})</option>{{/people}}</select>
          <label for="alloc-amount">Amount</label> <input id="alloc-amount" name="amount" size="5" required>
          <select id="alloc-unit" name="unit" aria-label="Unit">{{#units}}<option value="{{unit}}">{{unitLabel}}</option>{{/units}}</select>
          <label for="alloc-first">From</label> <input id="alloc-first" name="first_day" type="date" required>
          <label for="alloc-last">To</label> <input id="alloc-last" name="last_day" type="date" required>
          <label for="alloc-note">Note</label> <input id="alloc-note" name="note">
          <button type="submit" id="add-allocation">Add allocation</button>
        </form>{{/mayEdit}}
        """

    static let capacity = """
        <h1>Capacity</h1>
        <p class="lede">Supply against demand for {{scopeText}}, {{from}} to {{to}}: utilisation is committed demand plus background load over supply. Select a cell to see the projects and activities that make it.</p>
        <p class="subnav"><a href="/resources">Resource pool</a>{{#mayManage}} · <a href="/capacity/catalogue" id="catalogue-link">Skills and roles</a> · <a href="/capacity/settings" id="settings-link">Bands and pipeline weights</a> · <a href="/capacity/scenarios" id="scenarios-link">What-if scenarios</a> · <a href="/capacity/leveling" id="leveling-link">Portfolio leveling</a>{{/mayManage}} · <a href="/capacity/staffing" id="staffing-link">Staffing</a></p>
        <form method="get" action="/capacity" class="filters" id="capacity-filters">
          <fieldset><legend>Portfolios (none ticked: all)</legend>
          {{#portfolios}}<label class="check"><input type="checkbox" name="portfolio" value="{{pid}}"{{#checked}} checked{{/checked}}> <span class="code">{{pcode}}</span> {{pname}}</label> {{/portfolios}}
          </fieldset>
          <label for="from">From</label> <input id="from" name="from" type="date" value="{{from}}">
          <label for="to">To</label> <input id="to" name="to" type="date" value="{{to}}">
          <label for="by">Rows</label> <select id="by" name="by">{{#groupings}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/groupings}}</select>
          <label for="per">Per</label> <select id="per" name="per">{{#periods}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{value}}</option>{{/periods}}</select>
          <label class="check"><input type="checkbox" name="pipeline" value="1" id="pipeline"{{#withPipeline}} checked{{/withPipeline}}> with the weighted pipeline</label>
          <button type="submit" id="show-capacity">Show</button>
        </form>
        {{#withPipeline}}<p class="notice" id="pipeline-note">Utilisation here includes the pipeline, weighted by probability: it is what may come, not what is committed.</p>{{/withPipeline}}
        <div class="legend" id="legend" aria-label="Bands">{{#legend}}<span class="legend-item"><svg width="14" height="14" aria-hidden="true"><rect width="14" height="14" rx="2" fill="{{bandFill}}"/></svg> {{bandName}} (“{{bandWord}}”)</span> {{/legend}}</div>
        <p class="muted" id="bands">Under-used below {{underBelow}} %, healthy up to {{healthyThrough}} %, at risk up to {{atRiskThrough}} %, over-allocated above. Pipeline weights: {{weights}}.</p>
        <div class="scroll heatmap-wrap">{{{heatmap}}}</div>
        {{^rowCount}}<p>No resources and no demand in this range.</p>{{/rowCount}}
        <section aria-labelledby="over-title" id="over-allocated">
          <h2 id="over-title">Over-allocated</h2>
          {{#over}}{{#first()}}<ul>{{/first()}}<li><strong>{{overName}}</strong>: over in {{overCount}} periods, most in {{overWorst}} ({{overHours}} h over)</li>{{#last()}}</ul>{{/last()}}{{/over}}
          {{^over}}<p id="none-over">No group is over-allocated in this range.</p>{{/over}}
        </section>
        <p class="muted" id="plan-wins">{{rule}}</p>
        <p class="subnav" id="capacity-downloads">Download the table: <a href="/api/v1/capacity/export?{{exportQuery}}&amp;format=xlsx" id="capacity-xlsx">Excel</a> · <a href="/api/v1/capacity/export?{{exportQuery}}&amp;format=csv" id="capacity-csv">CSV</a> · <a href="/api/v1/capacity?{{exportQuery}}" id="capacity-json">JSON</a></p>
        """

    static let capacityCell = """
        <nav class="crumbs" aria-label="Breadcrumb"><a href="{{back}}">Capacity</a> › <span aria-current="page">{{group}}, {{period}}</span></nav>
        <h1>{{group}}, {{period}}</h1>
        <p class="lede">{{first}} to {{last}}: <strong id="cell-band"><svg width="14" height="14" aria-hidden="true"><rect width="14" height="14" rx="2" fill="{{bandFill}}"/></svg> {{band}}</strong>, utilisation <strong id="cell-utilisation">{{utilisation}}</strong>.</p>
        <dl class="facts" id="cell-facts">
          <div><dt>Supply</dt><dd>{{supply}} h</dd></div>
          <div><dt>Committed demand</dt><dd id="cell-committed">{{committed}} h</dd></div>
          <div><dt>Background load</dt><dd>{{background}} h</dd></div>
          {{#isOver}}<div><dt>Over by</dt><dd id="cell-over">{{overHours}} h</dd></div>{{/isOver}}
          {{^isOver}}<div><dt>Free</dt><dd id="cell-free">{{free}} h</dd></div>{{/isOver}}
          <div><dt>Pipeline (weighted, not in the utilisation)</dt><dd>{{pipeline}} h</dd></div>
        </dl>
        <section aria-labelledby="projects-title">
          <h2 id="projects-title">By project</h2>
          {{#byProject}}{{#first()}}<table class="grid narrow" id="cell-projects"><thead><tr><th scope="col">Project</th><th scope="col" class="num">Hours</th><th scope="col" class="num">Share</th></tr></thead><tbody>{{/first()}}<tr><td><a href="/projects/{{projectId}}"><span class="code">{{projectCode}}</span> {{projectName}}</a></td><td class="num">{{hours}}</td><td class="num">{{share}}</td></tr>{{#last()}}</tbody></table>{{/last()}}{{/byProject}}
          {{^byProject}}<p>No committed demand in this cell.</p>{{/byProject}}
        </section>
        <section aria-labelledby="parts-title">
          <h2 id="parts-title">Activities and allocations</h2>
          {{#committedParts}}{{#first()}}<table class="grid" id="cell-parts"><thead><tr><th scope="col">Project</th><th scope="col">Activity or allocation</th><th scope="col">For</th><th scope="col" class="num">Hours</th></tr></thead><tbody>{{/first()}}<tr class="part-{{source}}"><td>{{#projectId}}<a href="/projects/{{projectId}}">{{projectCode}}</a>{{/projectId}}</td><td>{{name}}</td><td>{{target}}</td><td class="num">{{hours}}</td></tr>{{#last()}}</tbody></table>{{/last()}}{{/committedParts}}
        </section>
        {{#pipelineParts}}{{#first()}}<section aria-labelledby="pipeline-title"><h2 id="pipeline-title">Pipeline (weighted)</h2><table class="grid" id="cell-pipeline"><thead><tr><th scope="col">Project or request</th><th scope="col">What</th><th scope="col">For</th><th scope="col" class="num">Hours</th></tr></thead><tbody>{{/first()}}<tr><td>{{#projectId}}<a href="/projects/{{projectId}}">{{projectCode}}</a>{{/projectId}}{{^projectId}}request{{/projectId}}</td><td>{{name}}</td><td>{{target}}</td><td class="num">{{hours}}</td></tr>{{#last()}}</tbody></table></section>{{/last()}}{{/pipelineParts}}
        <p class="muted">{{rule}}</p>
        """
}
