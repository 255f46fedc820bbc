"""The plan editor (issue #12) in real headless Chromium against a real `gantry serve --demo`.

A project manager types a plan into the grid with the keyboard only and checks the finish and the critical path
against the standard calendar (Mon–Fri, 08–12 and 13–17, the demo's holidays), indents rows under a summary and
pastes rows from a spreadsheet; bars are dragged on the Gantt chart to move them and to link them; progress is
updated as of a status date; two sessions edit the same cell and the second sees both values; a team member
records progress on My work and may not change the plan; the per-activity form works without JavaScript; and a
fixed cost and a physical % complete are typed into their cells, a wrong amount refused at its cell.

Expected dates come from the small calendar below, never from the server's own answers.
Needs what test_browser.py needs (GANTRY_BIN, chromium, chromium-driver, selenium).
"""
import datetime
import http.cookiejar
import json
import re
import urllib.error
import urllib.parse
import urllib.request

import pytest
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import new_browser
from test_browser import arrive, assert_healthy_page, press, shot, sign_in

WAIT = 30
START = datetime.date(2027, 3, 1)  # a Monday, far from the demo's holidays
assert START.weekday() == 0


# ---- the standard calendar: Mon–Fri working days, the demo's four holidays a year ----

def working(day):
    return day.weekday() < 5 and (day.month, day.day) not in {(1, 1), (5, 1), (12, 25), (12, 26)}


def workday(index):
    """The date of working day `index` counted from START (0 is START)."""
    day = START
    while not working(day):
        day += datetime.timedelta(days=1)
    for _ in range(index):
        day += datetime.timedelta(days=1)
        while not working(day):
            day += datetime.timedelta(days=1)
    return day


def schedule(plan):
    """A forward and backward pass over `plan` (name, working days, [(predecessor row, type, lag days)]), in working
    days counted from START: returns each row's (start date, finish date) and the rows with no total float."""
    es, ef = {}, {}
    for i, (_, d, preds) in enumerate(plan, start=1):
        s = 0
        for p, kind, lag in preds:
            s = max(s, (ef[p] if kind == "FS" else es[p]) + lag)
        es[i], ef[i] = s, s + d
    end = max(ef.values())
    ls, lf = {}, {}
    for i in range(len(plan), 0, -1):
        f = end
        for j, (_, _, preds) in enumerate(plan, start=1):
            for p, kind, lag in preds:
                if p == i:
                    f = min(f, ls[j] - lag if kind == "FS" else ls[j] - lag + plan[i - 1][1])
        lf[i], ls[i] = f, f - plan[i - 1][1]
    dates = {}
    for i, (_, d, _) in enumerate(plan, start=1):
        # A task runs from 08:00 on its first day to 17:00 on its last; a milestone sits at 17:00 of the day before.
        dates[i] = (workday(es[i]) if d else workday(es[i] - 1), workday(ef[i] - 1))
    critical = [i for i in range(1, len(plan) + 1) if ls[i] == es[i]]
    return dates, critical, workday(end - 1)


# ---- HTTP and the API ----

def api(server, token, method, path, body=None, headers=None):
    h = {"Authorization": "Bearer " + token, "Accept": "application/json"}
    if body is not None:
        h["Content-Type"] = "application/json"
    h.update(headers or {})
    request = urllib.request.Request(server["base"] + "/api/v1" + path, method=method, headers=h,
                                     data=None if body is None else json.dumps(body).encode())
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def ok(result, status=(200, 201)):
    code, body = result
    assert code in ((status,) if isinstance(status, int) else status), f"{code}: {body}"
    return body


def new_project(server, token, code, rows=()):
    """A project on the demo's standard calendar starting on START, managed by Priya, with `rows` (cells) added."""
    calendars = ok(api(server, token, "GET", "/calendars"))
    calendars = calendars["items"] if isinstance(calendars, dict) else calendars
    standard = [c for c in calendars if c["name"].startswith("Standard")][0]
    users = ok(api(server, token, "GET", "/users"))
    users = users["items"] if isinstance(users, dict) else users
    priya = [u for u in users if u["username"] == "priya.pm"][0]
    project = ok(api(server, token, "POST", "/projects", {
        "portfolio_id": 1, "code": code, "name": f"Plan editor {code}", "calendar_id": standard["id"],
        "start_date": START.isoformat(), "manager_id": priya["id"]}))
    for cells in rows:
        ok(api(server, token, "POST", f"/projects/{project['id']}/grid/rows", {"cells": cells}), 201)
    return project["id"]


def grid_rows(server, token, project):
    return ok(api(server, token, "GET", f"/projects/{project}/grid"))["rows"]


class Session:
    """A signed-in browser-less session (cookies and the CSRF token) for the pages without JavaScript."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    def __init__(self, server, username):
        self.base = server["base"]
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), self.NoRedirect)
        page = self.get("/login")[1]
        status, _, headers = self.post("/login", {"csrf_token": self.csrf(page), "username": username,
                                                  "password": server["password"]}, with_headers=True)
        assert status == 303, f"sign-in as {username} answered {status}"

    @staticmethod
    def csrf(page):
        return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)

    def get(self, path):
        try:
            with self.opener.open(self.base + path, timeout=30) as r:
                return r.status, r.read().decode()
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode()

    def post(self, path, form, with_headers=False):
        data = urllib.parse.urlencode(form).encode()
        try:
            with self.opener.open(self.base + path, data=data, timeout=30) as r:
                result = (r.status, r.read().decode(), r.headers)
        except urllib.error.HTTPError as e:
            result = (e.code, e.read().decode(), e.headers)
        return result if with_headers else result[:2]


# ---- the grid in the browser ----

@pytest.fixture(scope="module")
def wide():
    """A wide window, so the grid and the chart sit side by side."""
    driver = new_browser("1600,1000")
    yield driver
    driver.quit()


def wait(driver, condition, message, timeout=WAIT):
    return WebDriverWait(driver, timeout, ignored_exceptions=(WebDriverException,)).until(condition, message)


def open_plan(driver, server, project):
    driver.get(f"{server['base']}/projects/{project}/plan")
    arrive(driver, rf"/projects/{project}/plan")
    wait(driver, lambda d: d.find_elements(By.ID, "new-row") or d.find_elements(By.ID, "read-only"),
         "the plan page did not get its new-activity row (plan.js did not run?)")


def idle(driver):
    """True when the grid has no request in flight (plan.js marks it aria-busy meanwhile)."""
    return driver.execute_script("var g = document.getElementById('plan-grid'); return !!g && g.getAttribute('aria-busy') !== 'true'")


def focused_cell(driver):
    """(row number or 'new', column, editing?) of the focused element of the grid, or None."""
    return driver.execute_script("""
        var a = document.activeElement; if (!a) { return null; }
        var editing = a.classList.contains('cell-input');
        var td = a.closest('td[role=gridcell]'); if (!td) { return null; }
        var tr = td.parentElement;
        return [tr.id === 'new-row' ? 'new' : tr.dataset.row, td.dataset.col, editing, td.tabIndex];""")


def wait_focus(driver, row, col):
    """Waits until the grid is idle and the cell (row, col) has the focus, not editing, the one in the tab order."""
    wait(driver, lambda d: idle(d) and focused_cell(d) == [str(row), col, False, 0],
         f"focus did not settle on row {row}, {col}")
    tab_stops = driver.execute_script("return document.querySelectorAll('#plan-grid [tabindex=\"0\"]').length")
    assert tab_stops == 1, f"the grid has {tab_stops} cells in the tab order; the ARIA grid pattern wants one"


def keys(driver, *sequence):
    ActionChains(driver).send_keys(*sequence).perform()


def cell(driver, row, col):
    return driver.find_element(By.CSS_SELECTOR, f"#plan-rows tr[data-row='{row}'] td[data-col='{col}']")


def shown_rows(driver):
    return driver.execute_script("return Array.prototype.map.call(document.querySelectorAll('#plan-rows tr[data-id]'),"
                                 " function (tr) { return tr.querySelector('td[data-col=name]').textContent; })")


def browser_errors(driver, expected_statuses=()):
    """Severe browser log entries, but for the network's report of a status the test expects (a 412 conflict)."""
    return [e for e in driver.get_log("browser") if e["level"] == "SEVERE"
            and not (e.get("source") == "network" and any(f"status of {s} " in e["message"] for s in expected_statuses))]


# ---- 1. typing a plan with the keyboard ----

PLAN = [  # name, duration typed, working days, predecessors typed, predecessors as (row, type, lag)
    ("Design", "5d", 5, "", []),
    ("Build", "3d", 3, "1", [(1, "FS", 0)]),
    ("Test", "2d", 2, "2", [(2, "FS", 0)]),
    ("Docs", "4d", 4, "2SS+1d", [(2, "SS", 1)]),
    ("Review", "1d", 1, "3,4", [(3, "FS", 0), (4, "FS", 0)]),
    ("Train", "2w", 10, "1", [(1, "FS", 0)]),
    ("Deploy", "2d", 2, "5,6", [(5, "FS", 0), (6, "FS", 0)]),
    ("Go live", "0", 0, "7", [(7, "FS", 0)]),
]


def test_a_project_manager_types_a_plan_with_the_keyboard(server, wide, token):
    driver = wide
    # The admin makes the project through the portfolio's form, on the standard calendar, managed by Priya.
    sign_in(driver, server, "admin")
    driver.get(server["base"] + "/portfolios/1")
    driver.find_element(By.ID, "new-project").click()
    arrive(driver, r"/portfolios/1/projects/new$")
    driver.find_element(By.ID, "code").send_keys("KEY-1")
    driver.find_element(By.ID, "name").send_keys("Typed plan")
    calendar = Select(driver.find_element(By.ID, "calendar_id"))
    calendar.select_by_visible_text([o.text for o in calendar.options if o.text.startswith("Standard")][0])
    Select(driver.find_element(By.ID, "manager_id")).select_by_visible_text("Priya Patel (Project manager)")
    driver.find_element(By.ID, "start_date").send_keys(START.isoformat())
    press(driver, "save-record", r"/projects/\d+$")
    assert_healthy_page(driver)
    project = int(re.search(r"/projects/(\d+)$", driver.current_url).group(1))

    # Priya, its manager, opens the empty plan.
    sign_in(driver, server, "priya.pm")
    open_plan(driver, server, project)
    assert_healthy_page(driver)
    grid = driver.find_element(By.ID, "plan-grid")
    assert grid.get_attribute("role") == "grid"
    placeholder = driver.find_element(By.CSS_SELECTOR, "#new-row td[data-col=name]")
    assert placeholder.text == "Type a name to add an activity"
    assert placeholder.get_attribute("tabindex") == "0"

    # Into the grid by the keyboard: Tab from the toolbar's last control reaches the one cell in the tab order.
    driver.execute_script("document.getElementById('delete-row').focus()")
    keys(driver, Keys.TAB)
    wait_focus(driver, "new", "name")

    for number, (name, duration, _, predecessors, _) in enumerate(PLAN, start=1):
        keys(driver, name, Keys.TAB)
        wait_focus(driver, number, "duration")
        if predecessors:
            keys(driver, duration, Keys.TAB)
            wait_focus(driver, number, "start")
            keys(driver, Keys.TAB)
            wait_focus(driver, number, "finish")
            keys(driver, Keys.TAB)
            wait_focus(driver, number, "predecessors")
            keys(driver, predecessors, Keys.ENTER)
        else:
            keys(driver, duration, Keys.ENTER)
        # Enter above the row for a new activity goes to its name, ready for the next one.
        wait_focus(driver, "new", "name")
    shot(driver, "plan-1-typed")

    assert shown_rows(driver) == [p[0] for p in PLAN]
    dates, critical, finish = schedule([(p[0], p[2], p[4]) for p in PLAN])
    for number, (start, end) in dates.items():
        assert cell(driver, number, "start").text == start.isoformat(), f"row {number} start"
        assert cell(driver, number, "finish").text == end.isoformat(), f"row {number} finish"
    assert cell(driver, 4, "predecessors").text == "2SS+1d"
    assert cell(driver, 8, "duration").text == "0d (milestone)"
    assert driver.find_element(By.ID, "plan-finish").text == finish.isoformat() == "2027-03-23"
    assert driver.find_element(By.ID, "plan-critical").text == " → ".join(map(str, critical)) == "1 → 6 → 7 → 8"
    for number in range(1, 9):
        classes = driver.find_element(By.CSS_SELECTOR, f"#plan-rows tr[data-row='{number}']").get_attribute("class").split()
        assert ("critical" in classes) == (number in critical), f"row {number} critical marking"
    # What the page shows after a reload is what the script showed.
    open_plan(driver, server, project)
    assert driver.find_element(By.ID, "plan-finish").text == finish.isoformat()
    assert driver.find_element(By.ID, "plan-critical").text == " → ".join(map(str, critical))
    assert not browser_errors(driver)

    # Indent Test, Docs and Review under Build with Alt+Shift+→: Build becomes their summary.
    cell(driver, 1, "name").click()
    wait_focus(driver, 1, "name")
    keys(driver, Keys.ARROW_DOWN, Keys.ARROW_DOWN)
    wait_focus(driver, 3, "name")
    for number in (3, 4, 5):
        ActionChains(driver).key_down(Keys.ALT).key_down(Keys.SHIFT).send_keys(Keys.ARROW_RIGHT) \
            .key_up(Keys.SHIFT).key_up(Keys.ALT).perform()
        wait(driver, lambda d: "d1" in cell(d, number, "name").get_attribute("class").split(), f"row {number} indented")
        wait_focus(driver, number, "name")
        if number < 5:
            keys(driver, Keys.ARROW_DOWN)
            wait_focus(driver, number + 1, "name")
    for number in (3, 4, 5):
        assert "d1" in cell(driver, number, "name").get_attribute("class").split()
    for number in (1, 2, 6, 7, 8):
        assert "d0" in cell(driver, number, "name").get_attribute("class").split()
    assert "kind-summary" in driver.find_element(By.CSS_SELECTOR, "#plan-rows tr[data-row='2']").get_attribute("class")
    assert cell(driver, 2, "duration").get_attribute("aria-readonly") == "true"
    shot(driver, "plan-1-indented")

    # Paste five rows from a spreadsheet onto the row for a new activity.
    driver.find_element(By.CSS_SELECTOR, "#new-row td[data-col=name]").click()
    wait_focus(driver, "new", "name")
    pasted = [(f"Pasted {i}", f"{i}d") for i in range(1, 6)]
    text = "\n".join(f"{n}\t{d}" for n, d in pasted) + "\n"
    driver.execute_script("""
        var dt = new DataTransfer(); dt.setData('text/plain', arguments[0]);
        document.activeElement.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));""", text)
    wait(driver, lambda d: idle(d) and len(shown_rows(d)) == 13, "five pasted rows did not appear")
    assert shown_rows(driver)[8:] == [n for n, _ in pasted]
    for i, (_, d) in enumerate(pasted, start=9):
        assert cell(driver, i, "duration").text == d
        assert cell(driver, i, "start").text == START.isoformat(), "a pasted row with no link starts with the project"
        assert cell(driver, i, "finish").text == workday(int(d[:-1]) - 1).isoformat()
    assert not browser_errors(driver)


# ---- 2. the Gantt chart: drag to move, drag to link ----

def bar(driver, number):
    row_id = driver.find_element(By.CSS_SELECTOR, f"#plan-rows tr[data-row='{number}']").get_attribute("data-id")
    return driver.find_element(By.CSS_SELECTOR, f"#gantt-frame .gantt-bar.leaf[data-id='{row_id}']")


def test_dragging_bars_moves_and_links_them(server, wide, token):
    driver = wide
    project = new_project(server, token, "DRAG-1", [
        {"name": "First", "duration": "2d"},
        {"name": "Second", "duration": "3d", "predecessors": "1"},
        {"name": "Third", "duration": "2d"},
    ])
    sign_in(driver, server, "priya.pm")
    open_plan(driver, server, project)
    assert cell(driver, 2, "start").text == workday(2).isoformat()

    # Drag First three working days... to the right by the day width the chart declares: its start moves, and the
    # successor's start with it.
    frame = driver.find_element(By.ID, "gantt-frame")
    day_width = float(frame.get_attribute("data-day-width"))
    scale = driver.execute_script("var s = document.querySelector('#gantt-frame svg'); return s.getScreenCTM().a;")
    first = bar(driver, 1)
    width = first.rect["width"]
    # Grab it left of its middle (its right end resizes), drag by two days (Mon 1 Mar -> Wed 3 Mar).
    ActionChains(driver).move_to_element_with_offset(first, -int(width / 4), 0).click_and_hold() \
        .move_by_offset(int(day_width * scale), 0).move_by_offset(int(day_width * scale), 0).release().perform()
    moved = START + datetime.timedelta(days=2)
    wait(driver, lambda d: idle(d) and cell(d, 1, "start").text == moved.isoformat(), "dragging First did not move it")
    assert cell(driver, 1, "constraint_type").text == "SNET"
    # Second follows First: it starts the working day after First's two days, Wed-Thu -> Fri.
    wait(driver, lambda d: cell(d, 2, "start").text == workday(4).isoformat(), "Second did not follow First")
    assert cell(driver, 3, "start").text == START.isoformat(), "Third, unlinked, stays"
    shot(driver, "plan-2-moved")

    # From the dot at Second's end to Third's bar: Third now follows Second (finish-to-start).
    wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#gantt-frame .gantt-handle"), "no link handles on the chart")
    second_id = driver.find_element(By.CSS_SELECTOR, "#plan-rows tr[data-row='2']").get_attribute("data-id")
    handle = driver.find_element(By.CSS_SELECTOR, f"#gantt-frame .gantt-handle[data-id='{second_id}']")
    third = bar(driver, 3)
    ActionChains(driver).move_to_element(handle).click_and_hold().move_by_offset(5, 5).move_to_element(third) \
        .release().perform()
    wait(driver, lambda d: idle(d) and cell(d, 3, "predecessors").text == "2", "the drag did not link Second to Third")
    second_finish = cell(driver, 2, "finish").text
    assert second_finish == workday(6).isoformat()
    wait(driver, lambda d: cell(d, 3, "start").text == workday(7).isoformat(), "Third did not move after Second")
    links = driver.find_elements(By.CSS_SELECTOR, "#gantt-frame path.gantt-link")
    assert len(links) == 2, "the chart draws both links"

    # Clicking the new link opens its editor.
    driver.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', { bubbles: true }))",
                          driver.find_element(By.CSS_SELECTOR, "#gantt-frame path.gantt-link[data-from='1'][data-to='2']"))
    editor = driver.find_element(By.ID, "link-editor")
    wait(driver, lambda d: editor.is_displayed(), "the link editor did not open")
    assert "row 2 to row 3" in editor.text
    assert Select(driver.find_element(By.ID, "link-type")).first_selected_option.text == "FS"
    shot(driver, "plan-2-linked")
    assert not browser_errors(driver)


def row_offsets(driver):
    """Per shown row: (activity id, the grid row's middle, the chart's row middle for that activity), in screen
    pixels. The chart's row is the stripe band the bar sits in (its middle is the bar's middle)."""
    return driver.execute_script("""
        var out = [];
        document.querySelectorAll('#plan-rows tr[data-id]').forEach(function (tr) {
          var b = document.querySelector('#gantt-frame .gantt-bar[data-id="' + tr.dataset.id + '"]');
          if (!b) { return; }
          var r = tr.getBoundingClientRect(), q = b.getBoundingClientRect();
          out.push([tr.dataset.id, (r.top + r.bottom) / 2, (q.top + q.bottom) / 2]);
        });
        return out;""")


def test_the_grid_and_the_chart_line_up_and_scroll_together(server, wide, token):
    driver = wide
    rows = [{"name": f"Step {i}", "duration": f"{1 + i % 3}d", "predecessors": str(i - 1) if i > 1 else ""}
            for i in range(1, 61)]
    project = new_project(server, token, "ALIGN-1", rows)
    sign_in(driver, server, "priya.pm")
    open_plan(driver, server, project)
    before = row_offsets(driver)
    assert len(before) == 60
    for aid, grid_mid, bar_mid in before:
        assert abs(grid_mid - bar_mid) <= 2, f"activity {aid}: grid row at {grid_mid:.1f}px, its bar at {bar_mid:.1f}px"
    # Scrolling the grid scrolls the chart with it (and back), so each row stays beside its bar.
    driver.execute_script("document.querySelector('.plan-grid-wrap').scrollTop = 400")
    wait(driver, lambda d: d.execute_script("return document.getElementById('plan-gantt').scrollTop") >= 300,
         "the chart did not scroll with the grid")
    after = row_offsets(driver)
    assert after[0][1] < before[0][1] - 300, "the grid did not scroll"
    for aid, grid_mid, bar_mid in after:
        assert abs(grid_mid - bar_mid) <= 2, f"after scrolling, activity {aid}: grid row at {grid_mid:.1f}px, its bar at {bar_mid:.1f}px"
    driver.execute_script("document.getElementById('plan-gantt').scrollTop = 0")
    wait(driver, lambda d: d.execute_script("return document.querySelector('.plan-grid-wrap').scrollTop") == 0,
         "the grid did not scroll with the chart")
    shot(driver, "plan-2-aligned")
    assert not browser_errors(driver)


# ---- 3. progress as of a status date ----

def test_update_progress_as_of_the_status_date(server, wide, token):
    driver = wide
    project = new_project(server, token, "PROG-1", [
        {"name": "Started", "duration": "10d"},
        {"name": "After", "duration": "5d", "predecessors": "1"},
    ])
    sign_in(driver, server, "priya.pm")
    open_plan(driver, server, project)
    assert not driver.find_elements(By.CSS_SELECTOR, "#gantt-frame polyline.progress-line")
    status = workday(4)  # Friday of the first week: five of Started's ten days are done
    field = driver.find_element(By.ID, "status-date")
    driver.execute_script("arguments[0].value = arguments[1]", field, status.isoformat())
    press(driver, "update-progress", rf"/projects/{project}/plan")
    wait(driver, lambda d: d.find_elements(By.ID, "new-row"), "the plan did not come back")
    assert_healthy_page(driver)
    assert driver.find_element(By.ID, "plan-status-date").text == status.isoformat()
    assert cell(driver, 1, "percent_complete").text == "50%"
    assert cell(driver, 1, "start").text == START.isoformat()
    assert cell(driver, 1, "finish").text == workday(9).isoformat()
    assert driver.find_elements(By.CSS_SELECTOR, "#gantt-frame polyline.progress-line")
    assert driver.find_elements(By.CSS_SELECTOR, "#gantt-frame line.status-date")

    # Nothing of After is done by then; it stays after Started. Moving the status date on with nothing reported
    # moves Started's remaining work after the status date.
    status2 = workday(12)
    field = driver.find_element(By.ID, "status-date")
    driver.execute_script("arguments[0].value = arguments[1]", field, status2.isoformat())
    press(driver, "update-progress", rf"/projects/{project}/plan")
    wait(driver, lambda d: d.find_elements(By.ID, "new-row"), "the plan did not come back")
    assert driver.find_element(By.ID, "plan-status-date").text == status2.isoformat()
    assert cell(driver, 1, "percent_complete").text == "100%"
    assert cell(driver, 2, "percent_complete").text == "60%"
    assert cell(driver, 2, "start").text == workday(10).isoformat()
    assert driver.find_elements(By.CSS_SELECTOR, "#gantt-frame polyline.progress-line")
    assert driver.find_elements(By.CSS_SELECTOR, "#gantt-frame line.status-date")
    shot(driver, "plan-3-progress")


# ---- 4. two sessions edit the same cell ----

def test_two_sessions_editing_the_same_cell_see_both_values(server, wide, token):
    project = new_project(server, token, "CONF-1", [{"name": "Shared", "duration": "3d"}])
    first, second = wide, new_browser("1600,1000")
    try:
        sign_in(first, server, "priya.pm")
        sign_in(second, server, "admin")
        open_plan(first, server, project)
        open_plan(second, server, project)
        # Both open the duration cell; Priya saves 4d first.
        for d in (first, second):
            cell(d, 1, "duration").click()
            wait_focus(d, 1, "duration")
        keys(second, Keys.ENTER)
        wait(second, lambda d: focused_cell(d) == ["1", "duration", True, 0], "Enter did not open the cell")
        ActionChains(second).key_down(Keys.CONTROL).send_keys("a").key_up(Keys.CONTROL).send_keys("6d").perform()
        keys(first, "4d", Keys.ENTER)
        wait(first, lambda d: idle(d) and cell(d, 1, "duration").text == "4d", "Priya's 4d was not saved")

        # The admin, still on the old version, saves 6d: refused, with both values, nothing lost.
        keys(second, Keys.ENTER)
        box = wait(second, lambda d: d.find_element(By.ID, "conflict"), "no conflict box")
        wait(second, lambda d: idle(d), "still saving")
        assert second.find_element(By.ID, "conflict-theirs").text == "4d"
        assert second.find_element(By.ID, "conflict-yours").text == "6d"
        assert "Priya Patel" in box.text or "priya.pm" in box.text, box.text
        assert box.get_attribute("role") == "alert"
        typed = second.find_element(By.CSS_SELECTOR, "#plan-rows tr[data-row='1'] td[data-col=duration] input.cell-input")
        assert typed.get_attribute("value") == "6d", "the typed value is kept while the user decides"
        shot(second, "plan-4-conflict")

        second.find_element(By.ID, "conflict-mine").click()
        wait(second, lambda d: idle(d) and not d.find_elements(By.ID, "conflict") and cell(d, 1, "duration").text == "6d",
             "Apply mine did not save 6d")
        assert cell(second, 1, "finish").text == workday(5).isoformat()
        assert ok(api(server, token, "GET", f"/projects/{project}/grid"))["rows"][0]["duration"] == "6d"
        # Priya's page notices the change by polling.
        wait(first, lambda d: cell(d, 1, "duration").text == "6d", "the other session did not see 6d")
        assert not browser_errors(second, expected_statuses=(412,))
    finally:
        second.quit()


# ---- 5. a team member: My work, and a read-only plan ----

def test_a_team_member_records_progress_but_cannot_edit_the_plan(server, wide, token):
    driver = wide
    users = ok(api(server, token, "GET", "/users"))
    users = users["items"] if isinstance(users, dict) else users
    tom = [u for u in users if u["username"] == "tom.team"][0]
    resources = ok(api(server, token, "GET", "/resources"))
    resources = resources["items"] if isinstance(resources, dict) else resources
    mine = [r for r in resources if r.get("user_id") == tom["id"]]
    if mine:
        resource = mine[0]
    else:
        resource = ok(api(server, token, "POST", "/resources", {"name": "Tom Team", "user_id": tom["id"]}), 201)
    project = new_project(server, token, "TEAM-1", [{"name": "Tom's task", "duration": "4d"}, {"name": "Not his", "duration": "2d"}])

    # Priya assigns Tom through the grid's Resources cell.
    sign_in(driver, server, "priya.pm")
    open_plan(driver, server, project)
    cell(driver, 1, "resources").click()
    wait_focus(driver, 1, "resources")
    keys(driver, resource["name"], Keys.ENTER)
    wait(driver, lambda d: idle(d) and cell(d, 1, "resources").text == resource["name"], "the assignment was not saved")

    # Tom's work lists the task; he records half of it done.
    sign_in(driver, server, "tom.team")
    driver.get(server["base"] + "/my-work")
    assert_healthy_page(driver)
    rows = grid_rows(server, token, project)
    task = rows[0]["activity_id"]
    row = driver.find_element(By.ID, f"work-{task}")
    assert "Tom's task" in row.text
    assert not driver.find_elements(By.ID, f"work-{rows[1]['activity_id']}")
    field = driver.find_element(By.ID, f"pc-{task}")
    field.clear()
    field.send_keys("50")
    press(driver, f"save-{task}", r"/my-work")
    assert "saved progress" in driver.find_element(By.ID, "work-message").text
    assert driver.find_element(By.ID, f"pc-{task}").get_attribute("value") == "50"
    assert grid_rows(server, token, project)[0]["percent_complete"] == 50

    # The plan is his to read, not to change.
    open_plan(driver, server, project)
    refused = driver.find_elements(By.ID, "read-only")
    if refused:
        assert "You can read this plan but not change it" in refused[0].text
        assert not driver.find_elements(By.ID, "new-row")
        assert not driver.find_elements(By.ID, "add-form")
        cells = driver.find_elements(By.CSS_SELECTOR, "#plan-rows td[role=gridcell]")
        assert cells and all(c.get_attribute("aria-readonly") == "true" for c in cells)
        cell(driver, 1, "duration").click()
        keys(driver, "9d")
        assert not driver.find_elements(By.CSS_SELECTOR, "#plan-grid input.cell-input"), "a read-only cell opened"
    else:
        assert "Forbidden" in driver.title
    # The API refuses his edit as well, and the form post too.
    session = Session(server, "tom.team")
    status, page = session.get(f"/projects/{project}/plan/activities/{task}")
    assert status == 200 and 'id="activity-form"' not in page
    status, _ = session.post(f"/projects/{project}/plan/activities/{task}",
                             {"csrf_token": Session.csrf(session.get("/my-work")[1]), "duration": "9d"})
    assert status == 403
    assert grid_rows(server, token, project)[0]["duration"] == "4d"


# ---- 6. without JavaScript: the form per activity ----

def test_the_activity_form_works_without_javascript(server, token):
    project = new_project(server, token, "FORM-1", [{"name": "Formed", "duration": "3d"}])
    task = grid_rows(server, token, project)[0]["activity_id"]
    session = Session(server, "priya.pm")
    path = f"/projects/{project}/plan/activities/{task}"
    status, page = session.get(path)
    assert status == 200
    assert 'id="activity-form"' in page and "<script" not in page.split("</main>")[0].split("<main")[-1]
    version = re.search(r'name="version" value="(\d+)"', page).group(1)

    status, _, headers = session.post(path, {"csrf_token": Session.csrf(page), "version": version, "duration": "7d"},
                                      with_headers=True)
    assert status == 303 and re.search(rf"/projects/{project}/plan\?msg=saved", headers["Location"])
    row = grid_rows(server, token, project)[0]
    assert row["duration"] == "7d"
    assert row["finish"][:10] == workday(6).isoformat()

    status, page = session.get(path)
    version = re.search(r'name="version" value="(\d+)"', page).group(1)
    status, page = session.post(path, {"csrf_token": Session.csrf(page), "version": version, "duration": "five days"})
    assert status == 422
    field = re.search(r'<input id="f-duration"[^>]*>', page).group(0)
    assert 'aria-invalid="true"' in field and 'value="five days"' in field and 'aria-describedby="e-duration"' in field
    error = re.search(r'<p class="field-error" id="e-duration">([^<]+)</p>', page)
    assert error and error.group(1).strip()
    # The error sits right after its field.
    assert page.index(field) < page.index('id="e-duration"') < page.index('for="f-code"') or \
        page.index(field) < page.index('id="e-duration"') < page.index('for="f-start"')
    assert grid_rows(server, token, project)[0]["duration"] == "7d", "the refused duration changed nothing"


# ---- 7. money and measured progress in the grid ----

def test_a_fixed_cost_typed_into_the_grid_is_saved(server, wide, token):
    driver = wide
    project = new_project(server, token, "COST-1", [{"name": "Bought in", "duration": "3d"}])
    currency = ok(api(server, token, "GET", f"/projects/{project}"))["currency"]
    sign_in(driver, server, "priya.pm")
    open_plan(driver, server, project)
    header = driver.find_element(By.CSS_SELECTOR, "#plan-grid thead th[data-col=fixed_cost]")
    assert header.text == f"Fixed cost ({currency})"
    assert cell(driver, 1, "fixed_cost").text == "0.00"
    assert cell(driver, 1, "physical_percent_complete").text == ""

    # Typing into the focused cell replaces it; Enter saves: shown grouped, kept as typed, stored in minor units.
    cell(driver, 1, "fixed_cost").click()
    wait_focus(driver, 1, "fixed_cost")
    keys(driver, "1,250.5", Keys.ENTER)
    wait(driver, lambda d: idle(d) and cell(d, 1, "fixed_cost").text == "1,250.50", "the fixed cost was not saved")
    assert cell(driver, 1, "fixed_cost").get_attribute("data-value") == "1250.50"
    assert grid_rows(server, token, project)[0]["fixed_cost_minor"] == 125050
    shot(driver, "plan-7-fixed-cost")

    # More decimals than the currency has: refused at the cell with the reason, nothing saved; Esc gives it back.
    cell(driver, 1, "fixed_cost").click()
    wait_focus(driver, 1, "fixed_cost")
    keys(driver, "9.999", Keys.ENTER)
    box = wait(driver, lambda d: d.find_element(By.ID, "cell-error"), "a fixed cost of 9.999 was not refused")
    wait(driver, idle, "still saving")
    assert "Fixed cost" in box.text and "2 decimal places" in box.text, box.text
    keys(driver, Keys.ESCAPE)
    wait(driver, lambda d: cell(d, 1, "fixed_cost").text == "1,250.50", "Esc did not give the saved amount back")
    assert grid_rows(server, token, project)[0]["fixed_cost_minor"] == 125050

    # Physical % complete: typed, then emptied to clear it.
    cell(driver, 1, "physical_percent_complete").click()
    wait_focus(driver, 1, "physical_percent_complete")
    keys(driver, "40", Keys.ENTER)
    wait(driver, lambda d: idle(d) and cell(d, 1, "physical_percent_complete").text == "40%", "the physical % was not saved")
    assert grid_rows(server, token, project)[0]["physical_percent_complete"] == 40
    cell(driver, 1, "physical_percent_complete").click()
    wait_focus(driver, 1, "physical_percent_complete")
    keys(driver, Keys.ENTER)
    wait(driver, lambda d: focused_cell(d) == ["1", "physical_percent_complete", True, 0], "Enter did not open the cell")
    ActionChains(driver).key_down(Keys.CONTROL).send_keys("a").key_up(Keys.CONTROL).send_keys(Keys.DELETE, Keys.ENTER).perform()
    wait(driver, lambda d: idle(d) and cell(d, 1, "physical_percent_complete").text == "", "the physical % was not cleared")
    assert grid_rows(server, token, project)[0].get("physical_percent_complete") is None

    # What the page shows after a reload is what the script showed.
    open_plan(driver, server, project)
    assert cell(driver, 1, "fixed_cost").text == "1,250.50"
    assert cell(driver, 1, "physical_percent_complete").text == ""
    assert not browser_errors(driver, expected_statuses=(422,))
