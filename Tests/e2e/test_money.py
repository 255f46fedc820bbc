"""Time and money in real headless Chromium against `gantry serve --demo` (issue #15): a team member fills in and
submits a week; the project's manager rejects one line with a reason and approves the rest; the project's actual
cost and CPI change on its earned value page by exactly the approved line's priced cost, the rejected line goes back
to the team member with the reason, and the next status report's suggested CPI is the earned value page's.

The demo (DemoMoney.swift) gives its projects a performance baseline with costs, so earned value is measured, and
assigns the team member `tom.team` to activities of active projects.

Needs what test_browser.py needs (GANTRY_BIN, chromium, chromium-driver, selenium).
"""
import datetime
import json
import urllib.error
import urllib.request
from decimal import Decimal

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from test_browser import arrive, assert_healthy_page, press, shot, sign_in

REASON = "Thursday was the offsite: book it as admin time, not to the project."


def api(server, token, path, method="GET", body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(server["base"] + "/api/v1" + path, data=data, method=method,
                                     headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def new_status_report(server, token, project_id):
    """The project's report for the first period from this month on that has none yet (the demo wrote some)."""
    day = datetime.date.today().replace(day=1)
    for _ in range(24):
        try:
            return api(server, token, f"/projects/{project_id}/status-reports", method="POST", body={"period_start": str(day)})
        except urllib.error.HTTPError as e:
            if e.code != 409:
                raise AssertionError(f"starting a status report: {e.code} {e.read().decode()}")
        day = (day + datetime.timedelta(days=32)).replace(day=1)
    raise AssertionError("every period of the next two years already has a status report")


def monday(day):
    return day - datetime.timedelta(days=day.weekday())


def pick_project(server, token, tom_resource):
    """An active project where tom.team has work in the week that ends at its status date (or one before it), that
    measures earned value, with a manager: (project, manager's username, week, bookable activities)."""
    users = {u["id"]: u["username"] for u in api(server, token, "/users?limit=500")["items"]}
    for project in api(server, token, "/projects?state=active&limit=500")["items"]:
        if not project.get("manager_id"):
            continue
        evm = api(server, token, f"/projects/{project['id']}/evm")
        if not evm.get("figures"):
            continue
        status = datetime.date.fromisoformat(evm["status_date"])
        for back in range(0, 9):
            week = monday(status) - datetime.timedelta(days=7 * back)
            view = api(server, token, f"/timesheets/week?resource_id={tom_resource}&week={week}")
            mine = [b for b in view["bookable"] if b["project_id"] == project["id"]]
            if mine and not view["closed_months"]:
                return project, users[project["manager_id"]], week, mine
    raise AssertionError("the demo has no active project with earned value where tom.team has open work before its status date")


def test_a_week_submitted_one_line_rejected_the_rest_approved_and_cpi_moves(server, browser, token):
    tom = next(r for r in api(server, token, "/resources?limit=500")["items"] if r["name"] == "Tom Team")
    project, manager, week, bookable = pick_project(server, token, tom["id"])
    before = api(server, token, f"/projects/{project['id']}/evm")["figures"]
    activity = bookable[0]
    had = {l["id"] for l in api(server, token, f"/timesheets/week?resource_id={tom['id']}&week={week}")["lines"]}

    # The team member opens Timesheets, goes to the week, books 8 h Monday to Wednesday and 6 h Thursday on one
    # activity (two lines), and submits.
    sign_in(browser, server, "tom.team")
    browser.find_element(By.ID, "nav-timesheets").click()
    arrive(browser, r"/timesheets")
    browser.get(server["base"] + f"/timesheets?week={week}")
    arrive(browser, rf"/timesheets\?week={week}")
    assert_healthy_page(browser)
    value = f"a:{project['id']}/{activity['activity_id']}"
    rows = browser.find_elements(By.CSS_SELECTOR, "#timesheet tbody tr[data-state='new']")
    assert len(rows) >= 2, "the week offers two empty rows"
    first, second = [r.get_attribute("id").split("-")[1] for r in rows[:2]]
    Select(browser.find_element(By.ID, f"what-{first}")).select_by_value(value)
    for day in range(3):
        browser.find_element(By.ID, f"d-{first}-{day}").send_keys("8")
    Select(browser.find_element(By.ID, f"what-{second}")).select_by_value(value)
    browser.find_element(By.ID, f"d-{second}-3").send_keys("6")
    shot(browser, "money-1-week")
    press(browser, "save-week", r"/timesheets\?week=")
    assert "Saved" in browser.find_element(By.ID, "saved").text
    press(browser, "submit-week", r"/timesheets\?week=")
    assert "Submitted" in browser.find_element(By.ID, "saved").text
    lines = [l for l in api(server, token, f"/timesheets/week?resource_id={tom['id']}&week={week}")["lines"]
             if l["id"] not in had]
    assert len(lines) == 2 and all(l["state"] == "submitted" for l in lines), lines
    for l in lines:
        assert browser.find_element(By.CSS_SELECTOR, f"#timesheet tr[data-state='submitted'] input[value='{l['id']}']")
    thursday = next(l for l in lines if l["minutes"][3] == 360)
    monday_to_wednesday = next(l for l in lines if l["minutes"][:3] == [480, 480, 480])

    # The project's manager rejects the Thursday line with the reason, then approves the rest.
    sign_in(browser, server, manager)
    browser.find_element(By.ID, "nav-approvals").click()
    arrive(browser, r"/approvals$")
    assert_healthy_page(browser)
    shot(browser, "money-2-approvals")
    browser.find_element(By.ID, f"pick-line-{thursday['id']}").click()
    press(browser, "reject-selected", r"/approvals")
    assert "reason" in browser.find_element(By.ID, "form-errors").text, "a rejection without a reason is refused"
    browser.get_log("browser")  # that refusal was a 422, as it should be: not an error of the next page
    browser.find_element(By.ID, f"pick-line-{thursday['id']}").click()
    browser.find_element(By.ID, "reason").send_keys(REASON)
    press(browser, "reject-selected", r"/approvals\?done=")
    assert "Rejected 1 item" in browser.find_element(By.ID, "decided").text
    assert not browser.find_elements(By.ID, f"pending-line-{thursday['id']}")
    browser.find_element(By.ID, f"pick-line-{monday_to_wednesday['id']}").click()
    press(browser, "approve-selected", r"/approvals\?done=")
    assert "Approved 1 item" in browser.find_element(By.ID, "decided").text

    # The approved line is priced; the rejected one is not, and keeps the reason.
    approved = api(server, token, f"/timesheet-lines/{monday_to_wednesday['id']}")
    rejected = api(server, token, f"/timesheet-lines/{thursday['id']}")
    assert approved["state"] == "approved" and approved["cost_minor"] > 0
    assert rejected["state"] == "rejected" and rejected["reason"] == REASON and rejected.get("cost_minor") is None

    # The earned value page: AC grew by exactly the approved cost, and CPI moved with it.
    browser.get(server["base"] + f"/projects/{project['id']}/evm")
    arrive(browser, rf"/projects/{project['id']}/evm")
    assert_healthy_page(browser)
    shot(browser, "money-3-evm")
    after = api(server, token, f"/projects/{project['id']}/evm")["figures"]
    cost = Decimal(approved["cost_minor"]) / 100
    assert Decimal(after["ac"]) - Decimal(before["ac"]) == cost
    ev = Decimal(after["ev"])
    if ev > 0:
        expected = (ev / Decimal(after["ac"])).quantize(Decimal("0.0001"))
        assert Decimal(after["cpi"]) == expected
        assert after["cpi"] != before.get("cpi")
    page_ac = browser.find_element(By.CSS_SELECTOR, "#evm-ac td").text
    assert page_ac.endswith(after["ac"]), (page_ac, after["ac"])
    assert browser.find_elements(By.CSS_SELECTOR, "#s-curve svg"), "the S-curve is drawn"

    # The next status report's suggestion takes its CPI from the same numbers.
    report = new_status_report(server, token, project["id"])
    if after.get("cpi") is not None:
        assert abs(Decimal(str(report["cpi"])) - Decimal(after["cpi"])) < Decimal("0.00005"), (report["cpi"], after["cpi"])
    assert report["actual_cost_minor"] == int(Decimal(after["ac"]) * 100)

    # The team member sees the rejected line with the reason, open to correct.
    sign_in(browser, server, "tom.team")
    browser.get(server["base"] + f"/timesheets?week={week}")
    arrive(browser, rf"/timesheets\?week={week}")
    assert REASON in browser.find_element(By.ID, "timesheet").text
    assert "rejected" in [r.get_attribute("data-state") for r in browser.find_elements(By.CSS_SELECTOR, "#timesheet tbody tr")]
    shot(browser, "money-4-rejected")
