/// The pages of the accounts: `/account` for everyone, `/admin/users` for the administrator. Every form posts
/// with the session's CSRF token; a generated password or a new token is shown once, on the page that answers
/// the form, and never again.
enum AccountTemplates {
    static let all: [(String, String)] = [
        ("account", account), ("accountSecret", secret), ("accountTokens", tokenRows), ("adminUsers", users), ("adminUser", user),
    ]

    static let tokenRows = """
        <table class="grid" id="tokens">
          <thead><tr><th scope="col">Name</th><th scope="col">Created</th><th scope="col">Last used</th><th scope="col"><span class="sr">Revoke</span></th></tr></thead>
          <tbody>
          {{#tokens}}
            <tr id="token-{{id}}"><td class="token-name">{{name}}</td><td class="date">{{created}}</td><td class="date">{{lastUsed}}</td>
            <td><form method="post" action="{{revokeAction}}" class="inline"><input type="hidden" name="csrf_token" value="{{csrf}}"><button type="submit" class="revoke-token" id="revoke-{{id}}" aria-label="Revoke the token {{name}}">Revoke</button></form></td></tr>
          {{/tokens}}
          {{^tokens}}<tr><td colspan="4" id="no-tokens">No API tokens.</td></tr>{{/tokens}}
          </tbody>
        </table>
        """

    static let account = """
        <h1>Your account</h1>
        {{#done}}<p class="notice" role="status" id="account-done">{{done}}</p>{{/done}}
        <dl class="facts">
          <div><dt>Username</dt><dd id="account-username">{{username}}</dd></div>
          <div><dt>Name</dt><dd>{{displayName}}</dd></div>
          <div><dt>Role</dt><dd>{{role}}</dd></div>
          {{#email}}<div><dt>E-mail</dt><dd>{{email}}</dd></div>{{/email}}
        </dl>
        <section aria-labelledby="password-title">
          <h2 id="password-title">Change your password</h2>
          {{#passwordError}}<p class="alert" role="alert" id="password-error">{{passwordError}}</p>{{/passwordError}}
          <p class="muted">At least {{minimum}} characters. Your other sessions are signed out; this one stays signed in.</p>
          <form method="post" action="/account/password" id="password-form">
            <input type="hidden" name="csrf_token" value="{{csrf}}">
            <input type="text" name="username" value="{{username}}" autocomplete="username" hidden>
            <label for="current_password">Current password</label>
            <input id="current_password" name="current_password" type="password" autocomplete="current-password" required>
            <label for="new_password">New password</label>
            <input id="new_password" name="new_password" type="password" autocomplete="new-password" minlength="{{minimum}}" required>
            <label for="new_password_again">New password again</label>
            <input id="new_password_again" name="new_password_again" type="password" autocomplete="new-password" minlength="{{minimum}}" required>
            <button type="submit" id="change-password">Change password</button>
          </form>
        </section>
        <section aria-labelledby="tokens-title">
          <h2 id="tokens-title">API tokens</h2>
          <p class="muted">Scripts send a token as <code>Authorization: Bearer &lt;token&gt;</code>. A token acts as you; revoke one you no longer use.</p>
          {{{tokenTable}}}
          {{#tokenError}}<p class="alert" role="alert" id="token-error">{{tokenError}}</p>{{/tokenError}}
          <form method="post" action="/account/tokens" id="token-form">
            <input type="hidden" name="csrf_token" value="{{csrf}}">
            <label for="token_name">Token name</label>
            <input id="token_name" name="name" maxlength="{{maxName}}" required value="{{tokenName}}">
            <button type="submit" id="create-token">Create token</button>
          </form>
        </section>
        """

    /// A password or token shown once.
    static let secret = """
        <nav class="crumbs" aria-label="Breadcrumb"><a href="{{backHref}}">{{backTitle}}</a> › <span aria-current="page">{{heading}}</span></nav>
        <h1>{{heading}}</h1>
        <p class="notice" role="status">{{explanation}} It is shown only now: copy it before you leave this page.</p>
        <p><label for="secret">{{label}}</label><br>
        <output id="secret" class="code" for="secret"><code id="secret-value">{{secret}}</code></output></p>
        <p><a href="{{backHref}}" id="back">Back to {{backTitle}}</a></p>
        """

    static let users = """
        <h1>Users</h1>
        <table class="grid" id="users">
          <thead><tr><th scope="col">Username</th><th scope="col">Name</th><th scope="col">Role</th><th scope="col">Active</th><th scope="col">Created</th></tr></thead>
          <tbody>
          {{#rows}}
            <tr id="user-{{id}}"><td class="code"><a href="/admin/users/{{id}}" class="user-link">{{username}}</a></td><td>{{displayName}}</td><td>{{role}}</td><td>{{#active}}yes{{/active}}{{^active}}<strong>deactivated</strong>{{/active}}</td><td class="date">{{created}}</td></tr>
          {{/rows}}
          </tbody>
        </table>
        <section aria-labelledby="new-user-title">
          <h2 id="new-user-title">New user</h2>
          {{#error}}<p class="alert" role="alert" id="user-error">{{error}}</p>{{/error}}
          <p class="muted">Gantry generates the password and shows it once; give it to the user, who changes it on their account page.</p>
          <form method="post" action="/admin/users" id="new-user-form">
            <input type="hidden" name="csrf_token" value="{{csrf}}">
            <label for="username">Username</label>
            <input id="username" name="username" required maxlength="64" value="{{username}}" aria-describedby="username-help">
            <small id="username-help">Lowercase letters, digits, '.', '_' and '-'.</small>
            <label for="display_name">Display name</label>
            <input id="display_name" name="display_name" required maxlength="200" value="{{displayName}}">
            <label for="email">E-mail (optional)</label>
            <input id="email" name="email" type="email" maxlength="254" value="{{email}}">
            <label for="role">Role</label>
            <select id="role" name="role">{{#roles}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{title}}</option>{{/roles}}</select>
            <button type="submit" id="create-user">Create user</button>
          </form>
        </section>
        """

    static let user = """
        <nav class="crumbs" aria-label="Breadcrumb"><a href="/admin/users">Users</a> › <span aria-current="page">{{username}}</span></nav>
        <h1>{{displayName}} <span class="code">{{username}}</span></h1>
        {{#done}}<p class="notice" role="status" id="user-done">{{done}}</p>{{/done}}
        {{#error}}<p class="alert" role="alert" id="user-error">{{error}}</p>{{/error}}
        <dl class="facts">
          <div><dt>Role</dt><dd id="user-role">{{roleTitle}}</dd></div>
          <div><dt>Active</dt><dd id="user-active">{{#active}}yes{{/active}}{{^active}}deactivated{{/active}}</dd></div>
          {{#email}}<div><dt>E-mail</dt><dd>{{email}}</dd></div>{{/email}}
          <div><dt>Created</dt><dd class="date">{{created}}</dd></div>
        </dl>
        <section aria-labelledby="role-title">
          <h2 id="role-title">Role</h2>
          <form method="post" action="/admin/users/{{id}}/role" id="role-form">
            <input type="hidden" name="csrf_token" value="{{csrf}}">
            <label for="role">Role</label>
            <select id="role" name="role">{{#roles}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{title}}</option>{{/roles}}</select>
            <button type="submit" id="change-role">Change role</button>
          </form>
        </section>
        <section aria-labelledby="access-title">
          <h2 id="access-title">Access</h2>
          <form method="post" action="/admin/users/{{id}}/active" class="inline" id="active-form">
            <input type="hidden" name="csrf_token" value="{{csrf}}">
            {{#active}}<input type="hidden" name="active" value="false"><button type="submit" id="deactivate">Deactivate</button> <span class="muted">Signs the user out everywhere and deletes their API tokens at once.</span>{{/active}}
            {{^active}}<input type="hidden" name="active" value="true"><button type="submit" id="reactivate">Reactivate</button>{{/active}}
          </form>
          <form method="post" action="/admin/users/{{id}}/password-reset" id="reset-form">
            <input type="hidden" name="csrf_token" value="{{csrf}}">
            <button type="submit" id="reset-password">Reset the password</button> <span class="muted">Generates a new password, shown once, and signs the user out everywhere.</span>
          </form>
        </section>
        <section aria-labelledby="user-tokens-title">
          <h2 id="user-tokens-title">API tokens</h2>
          {{{tokenTable}}}
        </section>
        """
}
