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
        {{#programs}}{{#first()}}<span class="muted">Edit a program:</span>{{/first()}} <a href="/programs/{{programId}}/edit" class="program-edit-link">{{programCode}}</a>{{/programs}}</p>
        """

    static let resourcePool = """
        <h1>Resources</h1>
        <p class="lede">{{count}} people, generic roles, teams and equipment in the pool. <a href="/capacity">Capacity forecast</a> · <a href="/capacity/catalogue">Skills and roles</a></p>
        {{#mayCreate}}<p class="record-links"><a href="/resources/new" class="button" id="new-resource">New resource</a></p>{{/mayCreate}}
        <div class="scroll">
        <table class="grid" id="resources">
          <thead><tr><th scope="col">Name</th><th scope="col">Kind</th><th scope="col">Role</th><th scope="col">Skills (level 1–5)</th><th scope="col">Org unit</th><th scope="col">Team</th><th scope="col" class="num">Cost rate</th><th scope="col" class="num">Max units</th><th scope="col">Capacity</th><th scope="col">Calendar</th></tr></thead>
          <tbody>
          {{#rows}}<tr><td><a href="/resources/{{id}}" class="resource-link">{{name}}</a></td><td>{{kind}}</td><td>{{role}}</td><td>{{skills}}</td><td>{{orgUnit}}</td><td>{{team}}</td><td class="num rate">{{rate}}</td><td class="num">{{units}}</td><td>{{capacity}}</td><td>{{calendar}}</td></tr>{{/rows}}
          {{^rows}}<tr><td colspan="10">No resources yet.</td></tr>{{/rows}}
          </tbody>
        </table>
        </div>
        """

    static let resourcePage = """
        <nav class="crumbs" aria-label="Breadcrumb"><a href="/resources">Resources</a> › <span aria-current="page">{{name}}</span></nav>
        <h1>{{name}}</h1>
        {{#formError}}<div class="alert" role="alert" id="form-errors"><p>{{formError}}</p></div>{{/formError}}
        <dl class="facts">
          <div><dt>Kind</dt><dd>{{kind}}</dd></div>
          <div><dt>Role</dt><dd>{{role}}{{^role}}—{{/role}}</dd></div>
          <div><dt>Skills</dt><dd id="skills">{{skills}}{{^skills}}—{{/skills}}</dd></div>
          <div><dt>Org unit</dt><dd>{{orgUnit}}{{^orgUnit}}—{{/orgUnit}}</dd></div>
          <div><dt>Team</dt><dd>{{#teamId}}<a href="/resources/{{teamId}}">{{teamName}}</a>{{/teamId}}{{^teamId}}—{{/teamId}}</dd></div>
          <div><dt>Cost rate</dt><dd id="cost-rate">{{rate}}</dd></div>
          <div><dt>Max units</dt><dd>{{units}}</dd></div>
          <div><dt>Capacity</dt><dd id="capacity">{{capacity}}</dd></div>
          <div><dt>Calendar</dt><dd>{{#calendarId}}<a href="/calendars/{{calendarId}}">{{calendar}}</a>{{/calendarId}}{{^calendarId}}the project's{{/calendarId}}</dd></div>
          {{#user}}<div><dt>User</dt><dd>{{user}}</dd></div>{{/user}}
        </dl>
        {{#mayEdit}}<p class="record-links"><a href="/resources/{{id}}/edit" class="button secondary" id="edit-resource">Edit</a></p>{{/mayEdit}}
        {{#isTeam}}<section aria-labelledby="members-title" id="members">
          <h2 id="members-title">Members</h2>
          {{#members}}{{#first()}}<ul>{{/first()}}<li><a href="/resources/{{memberId}}">{{memberName}}</a> <span class="muted">{{memberRole}}</span></li>{{#last()}}</ul>{{/last()}}{{/members}}
          {{^members}}<p>No members yet: a resource joins the team by naming it as its team.</p>{{/members}}
        </section>{{/isTeam}}
        <section aria-labelledby="absences-title" id="absences">
          <h2 id="absences-title">Absences</h2>
          {{#absences}}{{#first()}}<table class="grid narrow" id="absence-list"><thead><tr><th scope="col">Why</th><th scope="col">From</th><th scope="col">To</th><th scope="col">Time</th><th scope="col">Note</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead><tbody>{{/first()}}<tr><td>{{absenceKind}}</td><td class="date">{{from}}</td><td class="date">{{to}}</td><td>{{hours}}</td><td>{{absenceNote}}</td><td>{{#mayDelete}}<form method="post" action="/resources/{{id}}/absences/{{absenceId}}/delete"><input type="hidden" name="csrf_token" value="{{csrf}}"><button type="submit" class="secondary small">Remove</button></form>{{/mayDelete}}</td></tr>{{#last()}}</tbody></table>{{/last()}}{{/absences}}
          {{^absences}}<p id="no-absences">No absences entered.</p>{{/absences}}
          {{#mayAddAbsence}}<form method="post" action="/resources/{{id}}/absences" class="inline-form" id="absence-form">
            <input type="hidden" name="csrf_token" value="{{csrf}}">
            <label for="absence-kind">Why</label> <select id="absence-kind" name="kind">{{#absenceKinds}}<option value="{{kindValue}}">{{kindValue}}</option>{{/absenceKinds}}</select>
            <label for="absence-first">From</label> <input id="absence-first" name="first_day" type="date" required>
            <label for="absence-last">To</label> <input id="absence-last" name="last_day" type="date">
            <label for="absence-hours">Hours a day (empty: whole days)</label> <input id="absence-hours" name="hours_per_day" size="4">
            <label for="absence-note">Note</label> <input id="absence-note" name="note">
            <button type="submit" id="add-absence">Add absence</button>
          </form>{{/mayAddAbsence}}
        </section>
        <section aria-labelledby="background-title" id="background">
          <h2 id="background-title">Background load</h2>
          <p class="muted">Recurring non-project work, taken from capacity every week before any project's.</p>
          {{#loads}}{{#first()}}<table class="grid narrow" id="load-list"><thead><tr><th scope="col">Work</th><th scope="col" class="num">Hours</th><th scope="col">From</th><th scope="col">Until</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead><tbody>{{/first()}}<tr><td>{{loadName}}</td><td class="num">{{loadHours}}</td><td class="date">{{loadFrom}}</td><td class="date">{{loadTo}}</td><td>{{#mayDelete}}<form method="post" action="/resources/{{id}}/background/{{loadId}}/delete"><input type="hidden" name="csrf_token" value="{{csrf}}"><button type="submit" class="secondary small">Remove</button></form>{{/mayDelete}}</td></tr>{{#last()}}</tbody></table>{{/last()}}{{/loads}}
          {{^loads}}<p id="no-loads">No background load.</p>{{/loads}}
          {{#mayAddLoad}}<form method="post" action="/resources/{{id}}/background" class="inline-form" id="load-form">
            <input type="hidden" name="csrf_token" value="{{csrf}}">
            <label for="load-name">Work</label> <input id="load-name" name="name" required placeholder="Support rota">
            <label for="load-hours">Hours a week</label> <input id="load-hours" name="hours_per_week" size="4" required>
            <label for="load-first">From</label> <input id="load-first" name="first_day" type="date">
            <label for="load-last">Until</label> <input id="load-last" name="last_day" type="date">
            <button type="submit" id="add-load">Add background load</button>
          </form>{{/mayAddLoad}}
        </section>
        {{#allocations}}{{#first()}}<section aria-labelledby="alloc-title" id="allocations"><h2 id="alloc-title">Allocated to projects</h2><table class="grid narrow"><thead><tr><th scope="col">Project</th><th scope="col">Amount</th><th scope="col">From</th><th scope="col">To</th></tr></thead><tbody>{{/first()}}<tr><td><a href="/projects/{{allocProjectId}}/allocations">{{allocProjectCode}}</a></td><td>{{allocAmount}}</td><td class="date">{{allocFrom}}</td><td class="date">{{allocTo}}</td></tr>{{#last()}}</tbody></table></section>{{/last()}}{{/allocations}}
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
          {{#projects}}{{#first()}}<h3>Projects</h3><ul id="used-projects">{{/first()}}<li><a href="/projects/{{projectId}}"><span class="code">{{projectCode}}</span> {{projectName}}</a></li>{{#last()}}</ul>{{/last()}}{{/projects}}
          {{#activities}}{{#first()}}<h3>Activities</h3><ul id="used-activities">{{/first()}}<li><a href="/projects/{{projectId}}">{{projectCode}}</a> <span class="code">{{activityCode}}</span> {{activityName}}</li>{{#last()}}</ul>{{/last()}}{{/activities}}
          {{#resources}}{{#first()}}<h3>Resources</h3><ul id="used-resources">{{/first()}}<li><a href="/resources/{{resourceId}}">{{resourceName}}</a></li>{{#last()}}</ul>{{/last()}}{{/resources}}
        </section>
        """
}
