"""The capacity forecast in real headless Chromium against `gantry serve --demo` (issue #14): the PMO director sees an
over-allocated role on the heatmap, drills into a cell and finds the activities and allocations that make it, then
builds a what-if scenario that moves the project causing the overload, sees the over-allocation gone in the
scenario's heatmap while the live one is unchanged, and commits it, after which the live heatmap agrees.

The demo (DemoCapacity.swift) staffs the active, unplanned project DIG-130 "Open banking APIs" with allocations
asking 120 h a week of developers from next month for six months: more than the demo's developers have free.

Needs what test_browser.py needs (GANTRY_BIN, chromium, chromium-driver, selenium).
"""
import json
import urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from test_browser import arrive, assert_healthy_page, press, shot, sign_in


def cells(browser, svg_id, group):
    """{period label: band} of one heatmap row."""
    found = browser.find_elements(By.CSS_SELECTOR, f'#{svg_id} a.heat-cell[data-group="{group}"]')
    return {a.get_attribute("data-period"): a.get_attribute("data-band") for a in found}


def api(server, token, path, method="GET"):
    request = urllib.request.Request(server["base"] + path, method=method, headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request) as response:
        return json.loads(response.read())


def test_heatmap_drill_down_and_a_scenario_that_removes_the_over_allocation(server, browser, token):
    sign_in(browser, server, "dana.director")
    browser.find_element(By.ID, "nav-capacity").click()
    arrive(browser, r"/capacity$")
    assert_healthy_page(browser)
    shot(browser, "capacity-1-heatmap")

    # The heatmap by role and month shows developers over-allocated, in words as well as colour.
    live = cells(browser, "heatmap", "Developer")
    over = [p for p, band in live.items() if band == "over_allocated"]
    assert over, f"no over-allocated developer month on the demo's heatmap: {live}"
    first_over = browser.find_element(
        By.CSS_SELECTOR, f'#heatmap a.heat-cell[data-group="Developer"][data-period="{over[0]}"]')
    assert "over" in first_over.text, "the cell writes its band, colour is not the only signal"
    assert "Developer" in browser.find_element(By.ID, "over-allocated").text
    assert "plan wins" in browser.find_element(By.ID, "plan-wins").text

    # A month of DIG-130's allocation: its drill-down names the allocation and planned activities with their hours.
    dig = next(p for p in api(server, token, "/api/v1/projects?limit=200")["items"] if p["code"] == "DIG-130")
    month = next(p for p in over if p >= (dig["start_date"] or "")[:7])
    browser.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))",
                           browser.find_element(By.CSS_SELECTOR, f'#heatmap a.heat-cell[data-group="Developer"][data-period="{month}"]'))
    arrive(browser, r"/capacity/cell\?")
    assert_healthy_page(browser)
    shot(browser, "capacity-2-drill-down")
    assert browser.find_element(By.TAG_NAME, "h1").text == f"Developer, {month}"
    projects = browser.find_element(By.ID, "cell-projects").text
    assert "DIG-130" in projects
    parts = browser.find_elements(By.CSS_SELECTOR, "#cell-parts tbody tr")
    assert any("allocation" in r.get_attribute("class") and "DIG-130" in r.text for r in parts)
    activities = [r for r in parts if "part-assignment" in r.get_attribute("class")]
    assert activities and all(r.find_elements(By.TAG_NAME, "td")[1].text.strip() for r in activities), \
        "each planned part names its activity"

    # A scenario that moves DIG-130 30 weeks later.
    browser.get(server["base"] + "/capacity/scenarios")
    browser.find_element(By.ID, "scenario-name").send_keys("Open banking after the summer")
    press(browser, "new-scenario", r"/capacity/scenarios/\d+$")
    assert_healthy_page(browser)
    Select(browser.find_element(By.ID, "shift-project")).select_by_visible_text("DIG-130 Open banking APIs (active)")
    browser.find_element(By.ID, "shift-weeks").send_keys("30")
    press(browser, "add-shift", r"/capacity/scenarios/\d+$")
    assert_healthy_page(browser)
    shot(browser, "capacity-3-scenario")
    assert "Shift DIG-130 Open banking APIs by 210 days" in browser.find_element(By.ID, "change-list").text
    before = float(browser.find_element(By.ID, "over-before").text.split()[0])
    after = float(browser.find_element(By.ID, "over-after").text.split()[0])
    assert after < before, f"moving DIG-130 should lower the over-allocation ({before} h → {after} h)"
    scenario_after = cells(browser, "heatmap-after", "Developer")
    scenario_live = cells(browser, "heatmap-before", "Developer")
    assert scenario_live[month] == "over_allocated"
    # The months DIG-130's allocation made over-allocated are no longer so once it moves (others' overload may stay).
    freed = [p for p, band in scenario_live.items()
             if band == "over_allocated" and scenario_after[p] != "over_allocated"]
    assert freed, f"the scenario removes no developer over-allocation: live {scenario_live}, after {scenario_after}"

    # Nothing live changed yet.
    assert api(server, token, f"/api/v1/projects/{dig['id']}")["start_date"] == dig["start_date"]

    # Commit: the project moves, and the live heatmap agrees with the scenario.
    press(browser, "commit-scenario", r"/capacity/scenarios/\d+\?committed=1$")
    assert_healthy_page(browser)
    assert browser.find_element(By.ID, "scenario-state").text == "committed"
    moved = api(server, token, f"/api/v1/projects/{dig['id']}")
    assert moved["start_date"] != dig["start_date"]
    browser.get(server["base"] + "/capacity")
    now_live = cells(browser, "heatmap", "Developer")
    assert all(now_live[p] != "over_allocated" for p in freed), f"live after the commit: {now_live}"
    audit = api(server, token, "/api/v1/audit?kind=scenario&limit=5")["items"]
    assert any((entry.get("after") or {}).get("state") == "committed" for entry in audit), "the commit is in the audit trail"
    moves = api(server, token, f"/api/v1/audit?kind=project&limit=20")["items"]
    assert any(entry["record_id"] == dig["id"] and entry["action"] == "update" for entry in moves), \
        "the project's move is in the audit trail"


def test_staffing_a_generic_assignment_and_when_a_request_could_start(server, browser, token):
    """The demo assigns some activities to generic resources ("Generic developer"): the PMO director opens the
    staffing list, asks who could take one, and assigns the first-ranked person; the assignment then names them.
    An intake request with role demand says when it could start."""
    sign_in(browser, server, "dana.director")
    browser.get(server["base"] + "/capacity")
    browser.find_element(By.ID, "staffing-link").click()
    arrive(browser, r"/capacity/staffing$")
    assert_healthy_page(browser)
    rows = browser.find_elements(By.CSS_SELECTOR, "#unstaffed tbody tr")
    assert rows and rows[0].find_elements(By.TAG_NAME, "a"), "the demo has generic work waiting for a person"
    rows[0].find_element(By.LINK_TEXT, "Who could take it?").click()
    arrive(browser, r"/capacity/staffing/(assignments|allocations)/\d+$")
    assert_healthy_page(browser)
    shot(browser, "capacity-4-staffing")
    kind, ident = browser.current_url.rsplit("/", 2)[-2:]
    ranked = browser.find_elements(By.CSS_SELECTOR, "#suggestions tbody tr")
    assert ranked, "someone is suggested"
    cells_of_first = ranked[0].find_elements(By.TAG_NAME, "td")
    assert cells_of_first[0].text == "1" and cells_of_first[7].text.strip(), "the first rank is explained in words"
    button = ranked[0].find_element(By.CSS_SELECTOR, "button[id^=assign-]")
    person = int(button.get_attribute("id").split("-")[1])
    press(browser, button.get_attribute("id"), r"/capacity/staffing\?staffed=")
    assert_healthy_page(browser)
    assert browser.find_element(By.ID, "staffed").text
    if kind == "assignments":
        assert api(server, token, f"/api/v1/assignments/{ident}")["resource_id"] == person
    else:
        assert api(server, token, f"/api/v1/allocations/{ident}")["resource_id"] == person

    # A pending request with role demand: its page says when it could start, and which role binds.
    requests = api(server, token, "/api/v1/requests?limit=100")["items"]
    pending = next(r for r in requests if r["status"] in ("submitted", "in_review") and r["demand"])
    browser.get(server["base"] + f"/requests/{pending['id']}")
    assert_healthy_page(browser)
    assert browser.find_element(By.ID, "earliest-start").text.strip()
