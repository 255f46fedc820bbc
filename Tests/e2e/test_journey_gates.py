"""The stage-gate journey in real Chromium against `gantry serve --demo` (issue 4: "a gate blocks the next phase in
controlling mode until the PMO decides go").

In the demo's controlling portfolio a project manager opens the gate of her project's active phase, which has an
unmet must-meet criterion, decides go and sees it refused with the reason, the next phase still pending; then the
PMO director signs in, decides go with a comment, and the next phase shows active.

Needs: GANTRY_BIN (the `server` and `token` fixtures are in conftest.py), Debian's chromium and chromium-driver,
selenium. The browser, `arrive` and the screenshots (GANTRY_SCREENSHOTS) are test_browser.py's.
"""
import json
import urllib.request

import pytest
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from test_browser import arrive, shot, sign_in


def api(server, token, path):
    request = urllib.request.Request(server["base"] + "/api/v1" + path, headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)


def no_errors(driver):
    assert not driver.find_elements(By.CSS_SELECTOR, "section.error"), f"{driver.current_url} shows an error page"
    severe = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert not severe, f"browser errors on {driver.current_url}: {severe}"
    assert len(driver.find_elements(By.TAG_NAME, "h1")) == 1


def phase_statuses(driver):
    """The project page's phases in order: (name, status)."""
    rows = driver.find_elements(By.CSS_SELECTOR, "#phase-table tbody tr")
    return [(r.find_element(By.CSS_SELECTOR, "a.phase-link").text, r.find_element(By.CSS_SELECTOR, ".phase-status").text)
            for r in rows]


@pytest.fixture(scope="module")
def gate(server, token):
    """A project of the demo's controlling portfolio managed by priya.pm whose active phase has an unmet must-meet
    criterion and a phase after it: its portfolio, project and phase."""
    portfolio = api(server, token, "/portfolios?governance_mode=controlling")["items"][0]
    priya = [u for u in api(server, token, "/users?role=project_manager")["items"] if u["username"] == "priya.pm"][0]
    projects = api(server, token, f"/projects?portfolio_id={portfolio['id']}&manager_id={priya['id']}")["items"]
    for project in projects:
        phases = sorted(api(server, token, f"/phases?project_id={project['id']}")["items"], key=lambda p: p["position"])
        for i, phase in enumerate(phases[:-1]):
            unmet = [c["name"] for c in phase["criteria"] if c["kind"] == "must_meet" and c.get("met") is not True]
            if phase["status"] == "active" and phase["gate_status"] == "open" and unmet and phases[i + 1]["status"] == "pending":
                return {"portfolio": portfolio, "project": project, "phase": phase, "next": phases[i + 1], "unmet": unmet}
    pytest.fail("the demo has no project of priya.pm in a controlling portfolio with an open gate and unmet must-meets")


def test_controlling_gate_blocks_until_the_pmo_decides_go(server, browser, gate):
    project, phase, following = gate["project"], gate["phase"], gate["next"]

    # The project manager walks to her project and its active phase's gate.
    sign_in(browser, server, "priya.pm")
    browser.find_element(By.LINK_TEXT, gate["portfolio"]["name"]).click()
    arrive(browser, r"/portfolios/\d+$")
    browser.find_element(By.LINK_TEXT, project["name"]).click()
    arrive(browser, rf"/projects/{project['id']}$")
    no_errors(browser)
    section = browser.find_element(By.ID, "phases")
    assert "Phases and gates" in section.text and "controlling" in section.text
    assert (phase["name"], "active") in phase_statuses(browser)
    browser.execute_script("arguments[0].scrollIntoView()", section)
    shot(browser, "gates-1-project-phases")
    browser.find_element(By.CSS_SELECTOR, f"#phase-{phase['id']} a.phase-link").click()
    arrive(browser, rf"/projects/{project['id']}/phases/{phase['id']}$")
    no_errors(browser)
    assert browser.find_element(By.TAG_NAME, "h1").text == f"Gate: {phase['gate_name']}"
    assert browser.find_element(By.ID, "governance-mode").text == "controlling"
    assert "until a PMO role" in browser.find_element(By.ID, "mode-rule").text
    assert gate["unmet"][0] in browser.find_element(By.ID, "unmet-must-meets").text
    assert not browser.find_elements(By.ID, "decision-kill"), "a PM may not kill in a controlling portfolio"
    shot(browser, "gates-2-gate-as-pm")

    # She decides go: refused, with the reason, and the next phase is still pending.
    assert browser.find_element(By.ID, "decision-go").is_selected()
    browser.find_element(By.ID, "decide-button").click()
    WebDriverWait(browser, 15, ignored_exceptions=(WebDriverException,)).until(lambda d: d.find_elements(By.ID, "gate-error"))
    error = browser.find_element(By.ID, "gate-error").text
    assert "block the next phase until a PMO role decides go" in error, error
    assert gate["unmet"][0] in error
    assert browser.find_element(By.ID, "gate-status").text == "open"
    assert following["name"] in browser.find_element(By.ID, "next-phase").text
    assert "now pending" in browser.find_element(By.CSS_SELECTOR, "p.lede").text
    shot(browser, "gates-3-go-refused")
    browser.find_element(By.ID, "back-to-project").click()
    arrive(browser, rf"/projects/{project['id']}$")
    assert (following["name"], "pending") in phase_statuses(browser)
    assert (phase["name"], "active") in phase_statuses(browser)

    # The PMO director decides go with a comment; the next phase opens.
    sign_in(browser, server, "dana.director")
    browser.get(server["base"] + f"/projects/{project['id']}/phases/{phase['id']}")
    arrive(browser, rf"/phases/{phase['id']}$")
    no_errors(browser)
    assert browser.find_elements(By.ID, "decision-kill"), "the PMO may kill"
    browser.find_element(By.ID, "decision-go").click()
    browser.find_element(By.ID, "decision-comment").send_keys(
        "Evidence reviewed with the sponsor; the open criterion is followed up in the next phase.")
    shot(browser, "gates-4-gate-as-pmo")
    browser.find_element(By.ID, "decide-button").click()
    WebDriverWait(browser, 15, ignored_exceptions=(WebDriverException,)).until(
        lambda d: d.find_element(By.ID, "gate-status").text == "passed")
    no_errors(browser)
    assert not browser.find_elements(By.ID, "gate-error")
    assert browser.find_element(By.ID, "phase-status").text == "completed"
    history = browser.find_element(By.ID, "decisions").text
    assert "Dana Director" in history and "Evidence reviewed with the sponsor" in history
    assert gate["unmet"][0] in history, "the decision records the must-meet criteria it overrode"
    shot(browser, "gates-5-go-recorded")
    browser.find_element(By.ID, "back-to-project").click()
    arrive(browser, rf"/projects/{project['id']}$")
    statuses = phase_statuses(browser)
    assert (phase["name"], "completed") in statuses
    assert (following["name"], "active") in statuses
    assert following["gate_name"] in browser.find_element(By.ID, "next-gate").text
    browser.execute_script("arguments[0].scrollIntoView()", browser.find_element(By.ID, "phases"))
    shot(browser, "gates-6-next-phase-active")


def test_templates_page_lists_the_demo_templates(server, browser):
    sign_in(browser, server, "alex.analyst")
    browser.find_element(By.LINK_TEXT, "Templates").click()
    arrive(browser, r"/templates$")
    no_errors(browser)
    names = [a.text for a in browser.find_elements(By.CSS_SELECTOR, "a.template-link")]
    assert "Standard delivery (waterfall)" in names and "Agile release" in names
    assert browser.find_element(By.ID, "create-template").is_displayed(), "the PMO sees the form"
    shot(browser, "gates-7-templates")
    browser.find_element(By.LINK_TEXT, "Standard delivery (waterfall)").click()
    arrive(browser, r"/templates/\d+$")
    no_errors(browser)
    assert browser.find_element(By.TAG_NAME, "h1").text == "Standard delivery (waterfall)"
    assert "Initiate" in browser.find_element(By.ID, "phase-1-title").text
    shot(browser, "gates-8-template")
