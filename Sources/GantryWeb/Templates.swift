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
            <a href="/portfolios"{{#navPortfolios}} aria-current="page"{{/navPortfolios}}>Portfolios</a>
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
        </dl>
        {{#description}}<p class="lede">{{description}}</p>{{/description}}
        {{{schedule}}}
        """

    /// The schedule tables of a project page: rendered once per schedule revision and cached.
    static let schedule = """
        <section aria-labelledby="schedule-title">
          <h2 id="schedule-title">Schedule</h2>
          <div class="scroll">
          <table class="grid schedule" id="activities">
            <thead><tr><th scope="col">WBS</th><th scope="col">Activity</th><th scope="col" class="num">Duration</th><th scope="col">Start</th><th scope="col">Finish</th><th scope="col" class="num">Done</th><th scope="col">Predecessors</th></tr></thead>
            <tbody>
            {{#rows}}
              <tr class="kind-{{kind}}"><td class="code">{{code}}</td><td class="name" style="padding-left: {{indent}}rem">{{#milestone}}<span class="diamond" aria-label="Milestone" role="img">◆</span> {{/milestone}}{{#summary}}<strong>{{name}}</strong>{{/summary}}{{^summary}}{{name}}{{/summary}}</td><td class="num">{{duration}}</td><td class="date">{{start}}</td><td class="date">{{finish}}</td><td class="num">{{percent}}%</td><td class="preds">{{predecessors}}</td></tr>
            {{/rows}}
            {{^rows}}<tr><td colspan="7">No activities yet.</td></tr>{{/rows}}
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

    static let error = """
        <section class="error" aria-labelledby="error-title">
          <h1 id="error-title">{{title}}</h1>
          <p class="alert" role="alert">{{detail}}</p>
          <p><a href="/portfolios">Back to the portfolios</a></p>
          {{#requestId}}<p class="muted">Request id: <code>{{requestId}}</code></p>{{/requestId}}
        </section>
        """
}
