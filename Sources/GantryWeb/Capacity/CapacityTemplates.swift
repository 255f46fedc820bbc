/// The capacity pages' templates. `{{x}}` escapes; `{{{x}}}` only for the SVG Gantry rendered and escaped itself.
enum CapacityTemplates {
    static let all: [(String, String)] = [("capacity", capacity), ("capacityCell", capacityCell)]

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
        <p class="muted" id="bands">Under-used below {{underBelow}} %, healthy up to {{healthyThrough}} %, at risk up to {{atRiskThrough}} %, over-allocated above. Pipeline weights: {{#weights}}{{state}} {{weight}}{{^-last}}, {{/-last}}{{/weights}}.</p>
        <div class="scroll heatmap-wrap">{{{heatmap}}}</div>
        {{^rowCount}}<p>No resources and no demand in this range.</p>{{/rowCount}}
        <section aria-labelledby="over-title" id="over-allocated">
          <h2 id="over-title">Over-allocated</h2>
          {{#over}}{{#-first}}<ul>{{/-first}}<li><strong>{{overName}}</strong>: over in {{overCount}} periods, most in {{overWorst}} ({{overHours}} h over)</li>{{#-last}}</ul>{{/-last}}{{/over}}
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
          {{#byProject}}{{#-first}}<table class="grid narrow" id="cell-projects"><thead><tr><th scope="col">Project</th><th scope="col" class="num">Hours</th><th scope="col" class="num">Share</th></tr></thead><tbody>{{/-first}}<tr><td><a href="/projects/{{projectId}}"><span class="code">{{projectCode}}</span> {{projectName}}</a></td><td class="num">{{hours}}</td><td class="num">{{share}}</td></tr>{{#-last}}</tbody></table>{{/-last}}{{/byProject}}
          {{^byProject}}<p>No committed demand in this cell.</p>{{/byProject}}
        </section>
        <section aria-labelledby="parts-title">
          <h2 id="parts-title">Activities and allocations</h2>
          {{#committedParts}}{{#-first}}<table class="grid" id="cell-parts"><thead><tr><th scope="col">Project</th><th scope="col">Activity or allocation</th><th scope="col">For</th><th scope="col" class="num">Hours</th></tr></thead><tbody>{{/-first}}<tr class="part-{{source}}"><td>{{#projectId}}<a href="/projects/{{projectId}}">{{projectCode}}</a>{{/projectId}}</td><td>{{name}}</td><td>{{target}}</td><td class="num">{{hours}}</td></tr>{{#-last}}</tbody></table>{{/-last}}{{/committedParts}}
        </section>
        {{#pipelineParts}}{{#-first}}<section aria-labelledby="pipeline-title"><h2 id="pipeline-title">Pipeline (weighted)</h2><table class="grid" id="cell-pipeline"><thead><tr><th scope="col">Project or request</th><th scope="col">What</th><th scope="col">For</th><th scope="col" class="num">Hours</th></tr></thead><tbody>{{/-first}}<tr><td>{{#projectId}}<a href="/projects/{{projectId}}">{{projectCode}}</a>{{/projectId}}{{^projectId}}request{{/projectId}}</td><td>{{name}}</td><td>{{target}}</td><td class="num">{{hours}}</td></tr>{{#-last}}</tbody></table></section>{{/-last}}{{/pipelineParts}}
        <p class="muted">{{rule}}</p>
        """
}
