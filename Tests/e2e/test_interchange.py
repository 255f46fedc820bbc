"""Plans in and out, end to end against `gantry serve --demo`:

- The PMO director uploads a real MS Project file on a portfolio page, reads the import report (counts that match
  what an independent reader counts in the file, warnings, agreement with the stored dates), opens the project and
  finds the download links; a truncated file is refused with the line named and nothing imported.
- Over the API: the export of an imported project is MS Project XML that MPXJ reads back with the same tasks, links,
  resources and assignments as the original (MPXJ is the reference reader of these formats), and the Excel export
  opens in openpyxl with real cell types and column widths.
- A calendar feed is made and read without signing in.

Needs what test_browser.py needs, plus `pip install openpyxl mpxj JPype1` and Java (MPXJ runs on the JVM).
"""
import json
import os
import re
import subprocess
import urllib.request
import uuid

import pytest
from selenium.webdriver.common.by import By

from test_browser import arrive, assert_healthy_page, press, shot, sign_in

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared"))
SCHEDULES = os.path.join(SHARED, "data", "schedules")
SAMPLE = os.path.join(SCHEDULES, "mspdi", "mpxj_legacy_sample.xml")


def summary(path):
    """Counts from shared/tools/mspdi_summary.py, a reader independent of Gantry's."""
    out = subprocess.run(["python3", os.path.join(SHARED, "tools", "mspdi_summary.py"), path],
                         capture_output=True, text=True, check=True).stdout.splitlines()
    header, row = out[0].split(), out[1].split()
    return {"tasks": int(row[1]), "links": int(row[4])}


def mpxj_inspect(path):
    """MPXJ's own reading of a file (shared/tools/mpxj_oracle.py inspect): tasks, relations, resources, ..."""
    out = subprocess.run(["python3", os.path.join(SHARED, "tools", "mpxj_oracle.py"), "inspect", path],
                         capture_output=True, text=True, check=True).stdout.splitlines()
    return json.loads(out[0])


def api(server, token, method, path, body=None, headers=None):
    request = urllib.request.Request(server["base"] + path, data=body, method=method,
                                     headers={"Authorization": "Bearer " + token, **(headers or {})})
    try:
        with urllib.request.urlopen(request) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


def multipart(path, fields=None):
    boundary = "gantry" + uuid.uuid4().hex
    parts = []
    for name, value in (fields or {}).items():
        parts.append(f"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n".encode())
    with open(path, "rb") as f:
        data = f.read()
    parts.append(f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{os.path.basename(path)}\"\r\n"
                 f"Content-Type: application/octet-stream\r\n\r\n".encode() + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), {"Content-Type": f"multipart/form-data; boundary={boundary}"}


def portfolio_id(server, token, code):
    _, _, body = api(server, token, "GET", "/api/v1/portfolios")
    return [p["id"] for p in json.loads(body)["items"] if p["code"] == code][0]


def test_pmo_imports_a_plan_and_reads_the_report(server, browser, tmp_path):
    expected = summary(SAMPLE)
    sign_in(browser, server, "dana.director")
    browser.find_element(By.LINK_TEXT, "Digital Transformation").click()
    arrive(browser, r"/portfolios/\d+$")
    portfolio_url = browser.current_url
    browser.find_element(By.ID, "import-file").send_keys(SAMPLE)
    browser.find_element(By.ID, "import-code").send_keys("SAMPLE")
    press(browser, "import-submit", then=r"/imports/\d+$")
    assert_healthy_page(browser)
    shot(browser, "import-1-report")
    assert "MS Project XML" in browser.find_element(By.ID, "import-summary").text
    counts = {row.find_element(By.TAG_NAME, "th").get_attribute("textContent").strip():
              int(row.find_element(By.TAG_NAME, "td").get_attribute("textContent"))
              for row in browser.find_elements(By.CSS_SELECTOR, "#import-counts tr")}
    assert counts["Activities"] == expected["tasks"], counts
    assert counts["Links"] == expected["links"], counts
    total = browser.find_element(By.ID, "agreement-total").text
    assert re.search(r"\d+ of \d+ tasks", total), total

    browser.find_element(By.ID, "imported-project").click()
    arrive(browser, r"/projects/\d+$")
    assert_healthy_page(browser)
    assert browser.find_element(By.TAG_NAME, "h1").text
    for link in ("export-mspdi", "export-xlsx", "export-csv"):
        assert "/export?format=" in browser.find_element(By.ID, link).get_attribute("href")
    shot(browser, "import-2-project")

    # A truncated file is refused with the place named, and the portfolio keeps what it had.
    broken = tmp_path / "broken.xml"
    with open(SAMPLE, "rb") as f:
        broken.write_bytes(f.read()[:5000])
    browser.get(portfolio_url)
    before = len(browser.find_elements(By.CSS_SELECTOR, "a.project-link"))
    browser.find_element(By.ID, "import-file").send_keys(str(broken))
    press(browser, "import-submit")
    error = browser.find_element(By.ID, "import-error").text
    assert "broken.xml" in error and "line" in error, error
    shot(browser, "import-3-refused")
    browser.get(portfolio_url)
    assert len(browser.find_elements(By.CSS_SELECTOR, "a.project-link")) == before


def test_export_is_read_back_by_mpxj_and_opens_in_excel(server, token, tmp_path):
    if os.environ.get("CI") != "true":  # CI installs them (.ci/run); elsewhere they are optional
        pytest.importorskip("openpyxl")
        pytest.importorskip("mpxj")
    portfolio = portfolio_id(server, token, "INF")
    body, headers = multipart(SAMPLE, {"code": "ROUNDTRIP"})
    status, _, raw = api(server, token, "POST", f"/api/v1/portfolios/{portfolio}/imports", body, headers)
    assert status == 201, raw
    report = json.loads(raw)
    project = report["project_id"]

    status, headers, xml = api(server, token, "GET", f"/api/v1/projects/{project}/export?format=mspdi")
    assert status == 200 and headers["Content-Type"].startswith("application/xml")
    exported = tmp_path / "roundtrip.xml"
    exported.write_bytes(xml)
    original, back = mpxj_inspect(SAMPLE), mpxj_inspect(str(exported))
    for key in ("tasks", "summary", "relations"):
        assert back[key] == original[key], (key, original, back)
    # MPXJ also counts MS Project's "unassigned" placeholder resource and assignments, which Gantry does not keep:
    # what it reads back is exactly what the import kept.
    counts = report["counts"]
    assert back["resources"] == counts["resources_created"] + counts["resources_reused"], (counts, back)
    assert back["assignments"] == counts["assignments"], (counts, back)

    # The export imports again with the same counts: nothing lost on the way round.
    body, headers = multipart(str(exported), {"code": "ROUNDTRIP2"})
    status, _, raw = api(server, token, "POST", f"/api/v1/portfolios/{portfolio}/imports", body, headers)
    assert status == 201, raw
    again = json.loads(raw)["counts"]
    for key in ("activities", "summaries", "milestones", "dependencies", "assignments", "baselines"):
        assert again[key] == report["counts"][key], (key, report["counts"], again)

    import openpyxl
    status, headers, data = api(server, token, "GET", f"/api/v1/projects/{project}/export?format=xlsx")
    assert status == 200
    path = tmp_path / "plan.xlsx"
    path.write_bytes(data)
    sheet = openpyxl.load_workbook(path).active
    header = [c.value for c in sheet[1]]
    assert header[:6] == ["WBS", "Activity", "Kind", "Duration", "Start", "Finish"]
    assert sheet.max_row == report["counts"]["activities"] + 1
    starts = [sheet.cell(row=r, column=5).value for r in range(2, sheet.max_row + 1)]
    assert all(hasattr(s, "year") for s in starts if s is not None), "start dates are real dates"
    assert sheet.column_dimensions["B"].width >= 30
    criticals = {sheet.cell(row=r, column=11).value for r in range(2, sheet.max_row + 1)}
    assert criticals <= {True, False, None}


def test_calendar_feed_reads_without_signing_in(server, token):
    portfolio = portfolio_id(server, token, "DIG")
    status, _, raw = api(server, token, "POST", f"/api/v1/portfolios/{portfolio}/calendar-feed")
    assert status == 201, raw
    url = json.loads(raw)["url"]
    with urllib.request.urlopen(url) as r:
        text = r.read().decode()
        assert r.headers["Content-Type"].startswith("text/calendar")
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.rstrip().endswith("END:VCALENDAR")
    assert "BEGIN:VEVENT" in text and "DTSTART;VALUE=DATE:" in text
    try:
        urllib.request.urlopen(url.replace("/feeds/", "/feeds/x"))
        raise AssertionError("a wrong token was served")
    except urllib.error.HTTPError as e:
        assert e.code == 404


FEATURES = os.path.join(HERE, "..", "GantryServicesTests", "p6-differential-features", "net-0017.xer")


def stored_task(path, name):
    """A TASK row of an XER file by its name, read here (not by Gantry): the dates P6's scheduler stored."""
    lines = open(path, encoding="utf-8").read().split("\n")
    table, fields = None, []
    for line in lines:
        cells = line.rstrip("\r").split("\t")
        if cells[0] == "%T":
            table = cells[1]
        elif cells[0] == "%F":
            fields = cells[1:]
        elif cells[0] == "%R" and table == "TASK":
            row = dict(zip(fields, cells[1:]))
            if row["task_name"] == name:
                return row
    raise KeyError(name)


def test_a_p6_project_with_level_of_effort_keeps_p6s_dates_and_options(server, browser, token):
    """A PMO imports a P6 schedule that uses level of effort, WBS summaries, expected finish dates and start float:
    the project keeps P6's options (shown on its page, changed on its form), and a level-of-effort row's dates in
    the plan are those the file stores; its activity form shows its type, which a planner can change."""
    sign_in(browser, server, "dana.director")
    browser.find_element(By.LINK_TEXT, "Digital Transformation").click()
    arrive(browser, r"/portfolios/\d+$")
    browser.find_element(By.ID, "import-file").send_keys(os.path.abspath(FEATURES))
    browser.find_element(By.ID, "import-code").send_keys("P6LOE")
    press(browser, "import-submit", then=r"/imports/\d+$")
    assert "Primavera" in browser.find_element(By.ID, "import-summary").text
    browser.find_element(By.ID, "imported-project").click()
    arrive(browser, r"/projects/\d+$")
    project = re.search(r"/projects/(\d+)$", browser.current_url).group(1)
    rules = browser.find_element(By.ID, "scheduling-rules").text
    assert "Primavera P6" in rules and "start float" in rules and "expected finish dates used" in rules, rules
    shot(browser, "p6-1-project")

    # The level of effort's dates are the file's.
    status, _, body = api(server, token, "GET", f"/api/v1/projects/{project}/grid")
    assert status == 200
    rows = json.loads(body)["rows"]
    loe = [r for r in rows if r["activity_type"] == "level_of_effort"]
    assert len(loe) == 3 and any(r["activity_type"] == "wbs_summary" for r in rows)
    for r in loe:
        stored = stored_task(FEATURES, r["name"])
        start = stored["act_start_date"] or stored["restart_date"]
        finish = stored["act_end_date"] or stored["reend_date"]
        assert r["finish"].replace("T", " ")[:16] == finish, (r["name"], r["finish"], finish)
        assert r["start"].replace("T", " ")[:16] == start or r["start"][11:16] == "08:00" and start[11:] == "17:00", (r["name"], r["start"], start)

    # The activity form shows the type; a planner makes the level of effort a task and back.
    row = loe[0]
    browser.get(f"{server['base']}/projects/{project}/plan/activities/{row['activity_id']}")
    field = browser.find_element(By.ID, "f-activity_type")
    assert field.get_attribute("value") == "level_of_effort"
    field.clear()
    field.send_keys("task")
    press(browser, "save-activity", then=rf"/projects/{project}/plan")
    status, _, body = api(server, token, "GET", f"/api/v1/projects/{project}/grid")
    assert [r for r in json.loads(body)["rows"] if r["activity_id"] == row["activity_id"]][0]["activity_type"] == "task"

    # The project form changes the P6 options.
    browser.get(f"{server['base']}/projects/{project}/edit")
    from selenium.webdriver.support.ui import Select
    Select(browser.find_element(By.ID, "total_float")).select_by_value("finish")
    Select(browser.find_element(By.ID, "open_ends_critical")).select_by_value("yes")
    press(browser, "save-record", then=rf"/projects/{project}$")
    rules = browser.find_element(By.ID, "scheduling-rules").text
    assert "finish float" in rules and "open-ended activities critical" in rules, rules
    shot(browser, "p6-2-options")
