/// The templates of the record pages: one form page for every kind, the links that lead to it, the resource pool and
/// the calendars. `{{x}}` escapes; `{{{x}}}` only for HTML Gantry rendered.
enum RecordTemplates {
    static let all: [(String, String)] = [
        ("recordForm", recordForm), ("recordLinks", recordLinks), ("resourcePool", resourcePool),
        ("resourcePage", resourcePage), ("calendarList", calendarList), ("calendarPage", calendarPage),
    ]

    /// A record's form: each field with its problem beside it (`aria-describedby`), the problems listed on top, and
    /// for an existing record its close and delete buttons.
    static let recordForm = """
        <nav class="crumbs" aria-label="Breadcrumb">{{#crumbs}}<a href="{{crumbHref}}">{{crumbLabel}}</a> › {{/crumbs}}<span aria-current="page">{{here}}</span></nav>
        <h1>{{heading}}</h1>
        {{#hasProblems}}<div class="alert" role="alert" id="form-errors"><p>{{problemLead}}</p><ul>{{#problems}}<li>{{#problemField}}<strong>{{problemField}}</strong>: {{/problemField}}{{problemMessage}}</li>{{/problems}}</ul></div>{{/hasProblems}}
        {{#notes}}<p class="notice">{{noteText}}</p>{{/notes}}
        <form method="post" action="{{action}}" class="stack record-form" id="{{formId}}">
          <input type="hidden" name="csrf_token" value="{{csrf}}">
          {{#version}}<input type="hidden" name="version" value="{{version}}">{{/version}}
          {{#fields}}
          <div class="field{{#fError}} has-error{{/fError}}" id="field-{{fName}}">
            <label for="{{fName}}">{{fLabel}}</label>
            {{#fSelect}}<select id="{{fName}}" name="{{fName}}"{{#fError}} aria-invalid="true" aria-describedby="{{fName}}-error"{{/fError}}{{#fDisabled}} disabled{{/fDisabled}}>{{#fOptions}}<option value="{{oValue}}"{{#oSelected}} selected{{/oSelected}}>{{oLabel}}</option>{{/fOptions}}</select>{{/fSelect}}
            {{#fArea}}<textarea id="{{fName}}" name="{{fName}}" rows="4"{{#fError}} aria-invalid="true" aria-describedby="{{fName}}-error"{{/fError}}{{#fDisabled}} disabled{{/fDisabled}}>{{fValue}}</textarea>{{/fArea}}
            {{#fInput}}<input id="{{fName}}" name="{{fName}}" value="{{fValue}}"{{#fPlaceholder}} placeholder="{{fPlaceholder}}"{{/fPlaceholder}}{{#fError}} aria-invalid="true" aria-describedby="{{fName}}-error"{{/fError}}{{#fDisabled}} disabled{{/fDisabled}}>{{/fInput}}
            {{#fHint}}<span class="hint">{{fHint}}</span>{{/fHint}}
            {{#fError}}<span class="field-error" id="{{fName}}-error">{{fError}}</span>{{/fError}}
          </div>
          {{/fields}}
          <button type="submit" id="save-record">{{submit}}</button>
        </form>
        {{#closeAction}}<form method="post" action="{{closeAction}}" class="record-action"><input type="hidden" name="csrf_token" value="{{csrf}}">{{#version}}<input type="hidden" name="version" value="{{version}}">{{/version}}<button type="submit" id="close-record" class="secondary">{{closeLabel}}</button></form>{{/closeAction}}
        {{#deleteAction}}<form method="post" action="{{deleteAction}}" class="record-action"><input type="hidden" name="csrf_token" value="{{csrf}}">{{#version}}<input type="hidden" name="version" value="{{version}}">{{/version}}<button type="submit" id="delete-record" class="danger">{{deleteLabel}}</button></form>{{/deleteAction}}
        """

    static let recordLinks = """
        <p class="record-links">{{#newPortfolio}}<a href="/portfolios/new" class="button" id="new-portfolio">New portfolio</a>{{/newPortfolio}}{{#editPortfolio}}<a href="/portfolios/{{portfolioId}}/edit" class="button secondary" id="edit-portfolio">Edit portfolio</a> {{/editPortfolio}}{{#newProgram}}<a href="/portfolios/{{portfolioId}}/programs/new" class="button secondary" id="new-program">New program</a> {{/newProgram}}{{#newProject}}<a href="/portfolios/{{portfolioId}}/projects/new" class="button" id="new-project">New project</a>{{/newProject}}{{#editProject}}<a href="/projects/{{projectId}}/edit" class="button secondary" id="edit-project">Edit</a>{{/editProject}}
        {{#programs}}{{#-first}}<span class="muted">Edit a program:</span>{{/-first}} <a href="/programs/{{programId}}/edit" class="program-edit-link">{{programCode}}</a>{{/programs}}</p>
        """

    static let resourcePool = """
        <h1>Resources</h1>
        <p class="lede">{{count}} people and generic roles in the pool.</p>
        {{#mayCreate}}<p class="record-links"><a href="/resources/new" class="button" id="new-resource">New resource</a></p>{{/mayCreate}}
        <div class="scroll">
        <table class="grid" id="resources">
          <thead><tr><th scope="col">Name</th><th scope="col">Kind</th><th scope="col">Role</th><th scope="col">Skills</th><th scope="col" class="num">Cost rate</th><th scope="col" class="num">Max units</th><th scope="col">Calendar</th></tr></thead>
          <tbody>
          {{#rows}}<tr><td><a href="/resources/{{id}}" class="resource-link">{{name}}</a></td><td>{{kind}}</td><td>{{role}}</td><td>{{skills}}</td><td class="num rate">{{rate}}</td><td class="num">{{units}}</td><td>{{calendar}}</td></tr>{{/rows}}
          {{^rows}}<tr><td colspan="7">No resources yet.</td></tr>{{/rows}}
          </tbody>
        </table>
        </div>
        """

    static let resourcePage = """
        <nav class="crumbs" aria-label="Breadcrumb"><a href="/resources">Resources</a> › <span aria-current="page">{{name}}</span></nav>
        <h1>{{name}}</h1>
        <dl class="facts">
          <div><dt>Kind</dt><dd>{{kind}}</dd></div>
          <div><dt>Role</dt><dd>{{role}}{{^role}}—{{/role}}</dd></div>
          <div><dt>Skills</dt><dd>{{skills}}{{^skills}}—{{/skills}}</dd></div>
          <div><dt>Cost rate</dt><dd id="cost-rate">{{rate}}</dd></div>
          <div><dt>Max units</dt><dd>{{units}}</dd></div>
          <div><dt>Calendar</dt><dd>{{#calendarId}}<a href="/calendars/{{calendarId}}">{{calendar}}</a>{{/calendarId}}{{^calendarId}}the project's{{/calendarId}}</dd></div>
          {{#user}}<div><dt>User</dt><dd>{{user}}</dd></div>{{/user}}
        </dl>
        {{#mayEdit}}<p class="record-links"><a href="/resources/{{id}}/edit" class="button secondary" id="edit-resource">Edit</a></p>{{/mayEdit}}
        <section aria-labelledby="assigned-title">
          <h2 id="assigned-title">Assigned to <span class="count">{{assignmentCount}}</span></h2>
          {{#projects}}
          <h3><a href="/projects/{{projectId}}" class="project-link"><span class="code">{{projectCode}}</span> {{projectName}}</a> <span class="muted">{{total}} in all</span></h3>
          <table class="grid narrow">
            <thead><tr><th scope="col">Activity</th><th scope="col" class="num">Units</th></tr></thead>
            <tbody>{{#work}}<tr><td><span class="code">{{activityCode}}</span> {{activityName}}</td><td class="num">{{units}}</td></tr>{{/work}}</tbody>
          </table>
          {{/projects}}
          {{^projects}}<p id="no-assignments">Not assigned to any activity.</p>{{/projects}}
        </section>
        """

    static let calendarList = """
        <h1>Calendars</h1>
        <p class="lede">{{count}} working calendars.</p>
        {{#mayCreate}}<p class="record-links"><a href="/calendars/new" class="button" id="new-calendar">New calendar</a></p>{{/mayCreate}}
        <table class="grid" id="calendars">
          <thead><tr><th scope="col">Calendar</th><th scope="col">Working days</th><th scope="col" class="num">Hours a week</th><th scope="col" class="num">Exceptions</th></tr></thead>
          <tbody>
          {{#rows}}<tr><td><a href="/calendars/{{id}}" class="calendar-link">{{name}}</a></td><td>{{days}}</td><td class="num">{{hours}}</td><td class="num">{{exceptions}}</td></tr>{{/rows}}
          {{^rows}}<tr><td colspan="4">No calendars yet.</td></tr>{{/rows}}
          </tbody>
        </table>
        """

    static let calendarPage = """
        <nav class="crumbs" aria-label="Breadcrumb"><a href="/calendars">Calendars</a> › <span aria-current="page">{{name}}</span></nav>
        <h1>{{name}}</h1>
        {{#mayEdit}}<p class="record-links"><a href="/calendars/{{id}}/edit" class="button secondary" id="edit-calendar">Edit</a></p>{{/mayEdit}}
        <h2>Working week <span class="count">{{hours}}</span></h2>
        <table class="grid narrow" id="week">
          <tbody>{{#week}}<tr><th scope="row">{{day}}</th><td>{{ranges}}</td></tr>{{/week}}</tbody>
        </table>
        <h2>Exceptions</h2>
        {{#hasExceptions}}
        <table class="grid" id="exceptions">
          <thead><tr><th scope="col">Name</th><th scope="col">From</th><th scope="col">To</th><th scope="col">Working time</th><th scope="col">Repeats</th></tr></thead>
          <tbody>{{#exceptions}}<tr><td>{{exName}}</td><td class="date">{{from}}</td><td class="date">{{to}}</td><td>{{kind}}</td><td>{{repeats}}</td></tr>{{/exceptions}}</tbody>
        </table>
        {{/hasExceptions}}
        {{^hasExceptions}}<p>No exceptions: every week is the working week.</p>{{/hasExceptions}}
        <section aria-labelledby="used-title" id="used-by">
          <h2 id="used-title">Used by</h2>
          {{^used}}<p id="unused">No project, activity or resource uses this calendar.</p>{{/used}}
          {{#projects}}{{#-first}}<h3>Projects</h3><ul id="used-projects">{{/-first}}<li><a href="/projects/{{projectId}}"><span class="code">{{projectCode}}</span> {{projectName}}</a></li>{{#-last}}</ul>{{/-last}}{{/projects}}
          {{#activities}}{{#-first}}<h3>Activities</h3><ul id="used-activities">{{/-first}}<li><a href="/projects/{{projectId}}">{{projectCode}}</a> <span class="code">{{activityCode}}</span> {{activityName}}</li>{{#-last}}</ul>{{/-last}}{{/activities}}
          {{#resources}}{{#-first}}<h3>Resources</h3><ul id="used-resources">{{/-first}}<li><a href="/resources/{{resourceId}}">{{resourceName}}</a></li>{{#-last}}</ul>{{/-last}}{{/resources}}
        </section>
        """
}
