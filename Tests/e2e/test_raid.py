"""Browser journeys through the RAID log and change control, in real headless Chromium against `gantry serve --demo`.

- The PMO director filters and sorts the portfolio's RAID view, opens a project's RAID log, and approves a change
  request above the thresholds of a controlling portfolio, saving a baseline whose variance the project then shows.
- A project manager adds a risk, sees a close without a reason refused with the reason, converts a risk into an
  issue, raises a change request above the thresholds and sees why they cannot approve it.

Needs what test_browser.py needs (GANTRY_BIN, chromium, chromium-driver, selenium).
"""
import re

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from test_browser import arrive, assert_healthy_page, press, shot, sign_in


def open_project(browser, portfolio_name, code):
    """From the portfolio list to a project's page, by clicking."""
    browser.find_element(By.LINK_TEXT, portfolio_name).click()
    arrive(browser, r"/portfolios/\d+$")
    row = [r for r in browser.find_elements(By.CSS_SELECTOR, "table.grid tbody tr")
           if r.find_element(By.CSS_SELECTOR, "td.code").text == code][0]
    row.find_element(By.CSS_SELECTOR, "a.project-link").click()
    arrive(browser, r"/projects/\d+$")


def column(browser, css):
    return [td.text for td in browser.find_elements(By.CSS_SELECTOR, "#raid-items tbody tr.raid-item " + css)]


def test_pmo_filters_the_raid_view_and_approves_a_change(server, browser):
    sign_in(browser, server, "dana.director")
    browser.find_element(By.LINK_TEXT, "Digital Transformation").click()
    arrive(browser, r"/portfolios/\d+$")
    browser.find_element(By.ID, "raid-view-link").click()
    arrive(browser, r"/portfolios/\d+/raid$")
    assert_healthy_page(browser)
    assert browser.find_element(By.TAG_NAME, "h1").text == "RAID view: Digital Transformation"
    scores = [int(s) for s in column(browser, "td.score") if s]
    assert scores and scores == sorted(scores, reverse=True), "by default the highest score comes first"
    assert {"risk", "issue", "assumption", "decision"} <= set(column(browser, "td:first-child"))
    shot(browser, "raid-1-portfolio")

    # Filter: high risks only.
    Select(browser.find_element(By.ID, "type")).select_by_value("risk")
    Select(browser.find_element(By.ID, "level")).select_by_value("high")
    browser.find_element(By.ID, "apply-filters").click()
    arrive(browser, r"/raid\?.*type=risk")
    assert_healthy_page(browser)
    assert set(column(browser, "td:first-child")) == {"risk"}
    assert set(column(browser, "td:nth-child(6)")) == {"high"}
    assert Select(browser.find_element(By.ID, "type")).first_selected_option.get_attribute("value") == "risk"
    high = len(column(browser, "td:first-child"))
    assert high >= 2

    # Sort by the due column, then reverse it.
    browser.find_element(By.ID, "sort-due").click()
    arrive(browser, r"sort=due")
    dues = [d for d in column(browser, "td.due") if d]
    assert dues == sorted(dues), "soonest first"
    assert len(column(browser, "td:first-child")) == high, "sorting keeps the filters"
    assert browser.find_element(By.ID, "sort-due").find_element(By.XPATH, "..").get_attribute("aria-sort") == "ascending"
    browser.find_element(By.ID, "sort-due").click()
    arrive(browser, r"order=desc")
    dues = [d for d in column(browser, "td.due") if d]
    assert dues == sorted(dues, reverse=True)
    shot(browser, "raid-2-filtered")

    # Into a project's RAID log from the view.
    browser.find_element(By.CSS_SELECTOR, "#raid-items tbody td.code a").click()
    arrive(browser, r"/projects/\d+/raid$")
    assert_healthy_page(browser)
    assert browser.find_elements(By.CSS_SELECTOR, "#risks tbody tr[id^=risk-]")

    # The change request waiting for the PMO in DIG-100.
    browser.get(server["base"] + "/portfolios")
    open_project(browser, "Digital Transformation", "DIG-100")
    browser.find_element(By.ID, "changes-link").click()
    arrive(browser, r"/projects/\d+/changes$")
    assert_healthy_page(browser)
    browser.find_element(By.LINK_TEXT, "Add SEPA instant payments").click()
    arrive(browser, r"/change-requests/\d+$")
    assert_healthy_page(browser)
    assert browser.find_element(By.ID, "cr-status").text == "submitted"
    who = browser.find_element(By.ID, "required-approver").text
    assert who.startswith("A PMO role") and "above the threshold" in who
    field = browser.find_element(By.ID, "approve-baseline")
    field.clear()
    field.send_keys("Baseline 3: instant payments")
    press(browser, "approve-change")
    assert_healthy_page(browser)
    assert browser.find_element(By.ID, "cr-status").text == "approved"
    assert "Dana Director" in browser.find_element(By.ID, "cr-decided-by").text
    shot(browser, "raid-3-approved")
    browser.find_element(By.LINK_TEXT, "Baseline 3: instant payments").click()
    arrive(browser, r"/projects/\d+/changes\?baseline=\d+")
    assert_healthy_page(browser)
    assert "Baseline 3: instant payments" in browser.find_element(By.ID, "variance-title").text
    assert browser.find_elements(By.CSS_SELECTOR, "#variance tbody tr")


def test_pm_keeps_the_raid_log_and_raises_a_change(server, browser):
    sign_in(browser, server, "priya.pm")
    open_project(browser, "Digital Transformation", "DIG-100")
    browser.find_element(By.ID, "raid-link").click()
    arrive(browser, r"/projects/\d+/raid$")
    assert_healthy_page(browser)
    project_raid = browser.current_url
    assert "Phased by product line (chosen)" in browser.find_element(By.ID, "decisions-title").find_element(By.XPATH, "..").text

    # Add a risk through the form.
    browser.find_element(By.CSS_SELECTOR, "#add-risk summary").click()
    browser.find_element(By.ID, "risk-title").send_keys("Key architect leaves")
    Select(browser.find_element(By.ID, "risk-probability")).select_by_value("4")
    Select(browser.find_element(By.ID, "risk-impact")).select_by_value("4")
    Select(browser.find_element(By.ID, "risk-strategy")).select_by_value("mitigate")
    press(browser, "add-risk-button")
    assert_healthy_page(browser)
    row = [r for r in browser.find_elements(By.CSS_SELECTOR, "#risks tbody tr") if "Key architect leaves" in r.text][0]
    risk_id = row.get_attribute("id").split("-")[1]
    assert "16" in row.text and "high" in row.text

    # Closing without a reason is refused, with the reason, and the risk stays open.
    press(browser, f"close-{risk_id}")
    alert = browser.find_element(By.ID, "raid-error")
    assert "closed only with a reason" in alert.text
    shot(browser, "raid-4-refused")
    assert "open" in browser.find_element(By.ID, f"risk-{risk_id}").text
    browser.get_log("browser")  # forget the refusal's 422, which was the point

    # Converting it makes an issue linked back to it.
    browser.get(project_raid)
    press(browser, f"convert-{risk_id}")
    assert_healthy_page(browser)
    assert "converted" in browser.find_element(By.ID, f"risk-{risk_id}").text
    issue = [r for r in browser.find_elements(By.CSS_SELECTOR, "#issues tbody tr") if "Key architect leaves" in r.text][0]
    assert f"risk {risk_id}" in issue.text

    # A change above the controlling thresholds: the PM submits it and sees why the PMO must decide.
    browser.find_element(By.LINK_TEXT, "Change requests and baselines").click()
    arrive(browser, r"/projects/\d+/changes$")
    browser.find_element(By.CSS_SELECTOR, "#raise-change summary").click()
    browser.find_element(By.ID, "cr-title").send_keys("Second data centre for the ledger")
    browser.find_element(By.ID, "cr-scope").send_keys("Run the ledger active-active in two data centres.")
    days = browser.find_element(By.ID, "cr-days")
    days.clear()
    days.send_keys("20")
    cost = browser.find_element(By.ID, "cr-cost")
    cost.clear()
    cost.send_keys("150000")
    press(browser, "raise-change-button")
    assert_healthy_page(browser)
    assert browser.find_element(By.ID, "cr-cost").text == "150,000.00 EUR"
    press(browser, "submit-change")
    assert browser.find_element(By.ID, "cr-status").text == "submitted"
    assert not browser.find_elements(By.ID, "approve-change")
    refusal = browser.find_element(By.ID, "decision-refusal").text
    assert re.search(r"controlling portfolio, this change needs a PMO role", refusal)
    shot(browser, "raid-5-waiting")
