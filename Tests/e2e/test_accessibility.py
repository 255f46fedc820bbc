"""Accessibility: axe-core (through axe-selenium-python, which ships axe.min.js and works offline) on the main pages
of a real `gantry serve --demo` in headless Chromium, signed in as the demo admin.

Fails when axe finds a violation of impact "serious" or "critical" and prints every violation it found (rule,
impact, help and the first offending elements), so the failing markup can be found at once. "moderate" and "minor"
findings are printed too, as information.

Needs: GANTRY_BIN, chromium, chromedriver, selenium and axe-selenium-python from PyPI.
"""
import json
import urllib.request

import pytest

Axe = pytest.importorskip("axe_selenium_python", reason="python3 -m pip install axe-selenium-python").Axe

from test_browser import arrive, sign_in

BLOCKING = ("serious", "critical")

# axe-selenium-python ships axe-core 3.1, which predates HTML's <div> groups of <dt>/<dd> inside a <dl> (allowed
# since HTML 5.2, accepted from axe-core 3.5 on); Gantry's fact boxes are such groups, so these two rules of the old
# engine are turned off rather than failing valid markup.
RULES_OFF = {"dlitem": {"enabled": False}, "definition-list": {"enabled": False}}


def api(server, token, path):
    req = urllib.request.Request(server["base"] + path, headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(req, timeout=30) as r:
        return json.loads(r.read())


def first(server, token, path, **match):
    for item in api(server, token, path + "?limit=100")["items"]:
        if all(item.get(k) == v for k, v in match.items()):
            return item
    pytest.fail(f"no item of {path} matches {match}")


def describe(violations):
    lines = []
    for v in violations:
        lines.append(f"- [{v['impact']}] {v['id']}: {v['help']} ({len(v['nodes'])} elements) {v['helpUrl']}")
        for node in v["nodes"][:5]:
            lines.append(f"    {' '.join(node['target']) if isinstance(node['target'][0], str) else node['target']}: "
                         f"{node.get('failureSummary', '').replace(chr(10), ' ')[:300]}")
            lines.append(f"      {node['html'][:200]}")
    return "\n".join(lines)


def scan(driver, server, path, pattern):
    driver.get(server["base"] + path)
    arrive(driver, pattern)
    axe = Axe(driver)
    axe.inject()
    results = axe.run(options=json.dumps({"resultTypes": ["violations"], "rules": RULES_OFF}))  # pasted into the script as is
    violations = results["violations"]
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    if violations:
        print(f"\n{path}: {len(violations)} axe violations\n" + describe(violations))
    return blocking


@pytest.fixture(scope="module")
def pages(server, token):
    """The pages to scan: (path, URL pattern to wait for)."""
    project = first(server, token, "/api/v1/projects", name="Core ledger replacement")
    portfolio = api(server, token, f"/api/v1/portfolios/{project['portfolio_id']}") if project.get("portfolio_id") else \
        api(server, token, "/api/v1/portfolios?limit=1")["items"][0]
    activity = api(server, token, f"/api/v1/projects/{project['id']}/grid")["rows"][-1]["activity_id"]
    return [
        (f"/projects/{project['id']}/plan", rf"/projects/{project['id']}/plan$"),
        (f"/projects/{project['id']}/plan/activities/{activity}", rf"/projects/{project['id']}/plan/activities/{activity}$"),
        (f"/projects/{project['id']}", rf"/projects/{project['id']}$"),
        (f"/portfolios/{portfolio['id']}", rf"/portfolios/{portfolio['id']}$"),
        ("/admin/users", r"/admin/users$"),
        ("/account", r"/account$"),
        ("/my-work", r"/my-work$"),
        ("/capacity", r"/capacity$"),
        ("/capacity/cell?by=role&per=month&key=Developer&period=" + next_month(), r"/capacity/cell\?"),
        ("/capacity/catalogue", r"/capacity/catalogue$"),
        ("/capacity/scenarios", r"/capacity/scenarios$"),
        ("/capacity/leveling", r"/capacity/leveling$"),
        ("/resources", r"/resources$"),
        ("/timesheets?resource_id=" + str(first(server, token, "/api/v1/resources", name="Tom Team")["id"]), r"/timesheets\?"),
        ("/approvals", r"/approvals$"),
        ("/finance", r"/finance$"),
        (f"/projects/{project['id']}/money", rf"/projects/{project['id']}/money$"),
        (f"/projects/{project['id']}/evm", rf"/projects/{project['id']}/evm$"),
        (f"/portfolios/{portfolio['id']}/money", rf"/portfolios/{portfolio['id']}/money$"),
    ]


def next_month():
    """The label of next month, like 2027-01: the capacity demo's allocations start then."""
    import datetime
    today = datetime.date.today()
    year, month = (today.year + 1, 1) if today.month == 12 else (today.year, today.month + 1)
    return f"{year:04d}-{month:02d}"


def test_pages_have_no_serious_or_critical_axe_violations(server, browser, pages):
    sign_in(browser, server, "admin")
    failures = {}
    for path, pattern in pages:
        blocking = scan(browser, server, path, pattern)
        if blocking:
            failures[path] = describe(blocking)
    assert not failures, "serious or critical accessibility violations:\n" + "\n".join(
        f"{path}:\n{text}" for path, text in failures.items())
