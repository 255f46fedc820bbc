"""Issue 4's third journey in real Chromium against `gantry serve --demo`: a project manager writes the period's
status report, overrides a suggested RAG with a comment and submits it; the PMO director returns it with a comment;
the project manager sees it returned, with that comment. Then the executive portfolio report.

Needs what test_browser.py needs (GANTRY_BIN; the `server`, `token` and `browser` fixtures are in conftest.py;
chromium, chromium-driver, selenium). Screenshots go to
GANTRY_SCREENSHOTS (default: a temporary directory).
"""
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from test_browser import arrive, assert_healthy_page, press, shot, sign_in
from test_journey_gates import api

RETURN_COMMENT = "Say how many days the vendor delay costs and what the recovery plan is."
OVERRIDE_COMMENT = "The supplier confirmed a two-week slip yesterday; the numbers do not show it yet."


def test_pm_submits_and_the_pmo_returns_with_a_comment(server, token, browser):
    users = api(server, token, "/users?role=project_manager&limit=100")["items"]
    priya = next(u for u in users if u["username"] == "priya.pm")
    projects = api(server, token, f"/projects?manager_id={priya['id']}&state=active&limit=100")["items"]
    assert projects, "the demo gives priya.pm active projects"

    # The project manager opens one of her projects' reports and starts the current period's report.
    sign_in(browser, server, "priya.pm")
    for project in projects:
        browser.get(server["base"] + f"/projects/{project['id']}")
        arrive(browser, rf"/projects/{project['id']}$")
        browser.find_element(By.ID, "status-reports-link").click()
        arrive(browser, rf"/projects/{project['id']}/reports$")
        assert_healthy_page(browser)
        if browser.find_elements(By.ID, "new-report"):
            break
    else:
        raise AssertionError("none of priya.pm's projects lets her start this period's report")
    shot(browser, "reports-1-history")
    press(browser, "new-report", r"/status-reports/\d+$")
    report_url = browser.current_url
    assert_healthy_page(browser)
    assert browser.find_element(By.ID, "report-status").text == "draft"
    assert browser.find_element(By.ID, "spi").text, "the numbers behind the suggestion are shown"
    assert browser.find_elements(By.CSS_SELECTOR, "#rating-overall .reasons li"), "the suggestion says why"

    # Override the suggested overall colour, with a comment; rate what has no suggestion.
    suggested = browser.find_element(By.ID, "overall-suggested").text
    assert suggested in ("green", "amber", "red")
    override = "amber" if suggested != "amber" else "red"
    Select(browser.find_element(By.ID, "overall")).select_by_value(override)
    browser.find_element(By.ID, "overall_comment").send_keys(OVERRIDE_COMMENT)
    for key in ("schedule", "cost", "scope", "risk"):
        select = Select(browser.find_element(By.ID, key))
        if select.first_selected_option.get_attribute("value") == "unknown":
            select.select_by_value("green")
    browser.find_element(By.ID, "accomplishments").send_keys("Finished the integration tests of release 1.")
    browser.find_element(By.ID, "next_steps").send_keys("Start the pilot with two branches.")
    shot(browser, "reports-2-form")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", browser.find_element(By.ID, "submit-report"))
    press(browser, "submit-report", r"/status-reports/\d+$")
    assert_healthy_page(browser)
    assert browser.current_url == report_url
    assert browser.find_element(By.ID, "report-status").text == "submitted"
    assert browser.find_element(By.ID, "overall-value").text == override
    assert OVERRIDE_COMMENT in browser.find_element(By.ID, "rating-overall").text
    assert not browser.find_elements(By.ID, "accept-report"), "the author does not review her own report"
    shot(browser, "reports-3-submitted")

    # The PMO director opens it and returns it with a comment.
    sign_in(browser, server, "dana.director")
    browser.get(report_url)
    arrive(browser, r"/status-reports/\d+$")
    assert_healthy_page(browser)
    assert browser.find_element(By.ID, "accept-report").is_displayed()
    browser.find_element(By.ID, "return-comment-input").send_keys(RETURN_COMMENT)
    shot(browser, "reports-4-review")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", browser.find_element(By.ID, "return-report"))
    press(browser, "return-report", r"/status-reports/\d+$")
    assert_healthy_page(browser)
    assert browser.find_element(By.ID, "report-status").text == "returned"

    # The project manager sees it returned, with the comment, and can change it again.
    sign_in(browser, server, "priya.pm")
    browser.get(report_url)
    arrive(browser, r"/status-reports/\d+$")
    assert_healthy_page(browser)
    assert browser.find_element(By.ID, "report-status").text == "returned"
    assert browser.find_element(By.ID, "return-comment-text").text == RETURN_COMMENT
    assert browser.find_element(By.ID, "report-form").is_displayed()
    shot(browser, "reports-5-returned")
    browser.find_element(By.CSS_SELECTOR, "nav.crumbs a[href$='/reports']").click()
    arrive(browser, r"/projects/\d+/reports$")
    status = browser.find_element(By.CSS_SELECTOR, f"#reports a[href='{report_url[len(server['base']):]}']")
    assert "returned" in status.find_element(By.XPATH, "../..").text


def test_executive_portfolio_report_prints_without_navigation(server, browser):
    sign_in(browser, server, "eve.exec")
    browser.find_elements(By.CSS_SELECTOR, "a.portfolio-link")[0].click()
    arrive(browser, r"/portfolios/\d+$")
    browser.find_element(By.ID, "portfolio-report-link").click()
    arrive(browser, r"/portfolios/\d+/report$")
    assert_healthy_page(browser)
    rows = browser.find_elements(By.CSS_SELECTOR, "#projects-by-health tbody tr")
    assert rows, "the report lists the portfolio's projects"
    colours = [r.find_element(By.CSS_SELECTOR, ".rag").text for r in rows]
    order = {"red": 0, "amber": 1, "green": 2, "unknown": 3}
    assert colours == sorted(colours, key=order.get), "projects come by health, red first"
    for section in ("escalations", "overdue", "top-risks", "gates"):
        assert browser.find_element(By.ID, section)
    shot(browser, "reports-6-portfolio-report")
    gates = browser.find_element(By.ID, "gates")
    assert gates.find_element(By.ID, "gates-waiting") and gates.find_element(By.ID, "gates-coming-up")
    browser.execute_script("arguments[0].scrollIntoView()", gates)
    shot(browser, "reports-6b-gates")
    # Printed, the page has no navigation and no buttons.
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    assert not browser.find_element(By.CSS_SELECTOR, "header.top").is_displayed()
    assert not browser.find_element(By.ID, "report-csv").is_displayed()
    assert not browser.find_element(By.CSS_SELECTOR, "nav.crumbs").is_displayed()
    assert browser.find_element(By.ID, "projects-by-health").is_displayed()
    shot(browser, "reports-7-print")
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    csv_href = browser.find_element(By.ID, "report-csv").get_attribute("href")
    assert csv_href.endswith("/report.csv")
