"""The browser test: real headless Chromium, driven by selenium, against a real `gantry serve --demo`.

It signs in through the login form, walks portfolio list -> portfolio -> project, and fails when a page shows an
error, the browser logs one, or the markup loses what keyboard and screen-reader users need.

Needs: GANTRY_BIN (the built gantry executable; the `server` fixture is in conftest.py), Debian's chromium and
chromium-driver, and selenium from PyPI.
Screenshots go to GANTRY_SCREENSHOTS (default: a temporary directory).
"""
import os
import re
import tempfile

from selenium.webdriver.common.action_chains import ActionChains
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait


def arrive(driver, pattern):
    """Waits (up to 15 s) until the browser has loaded a page whose URL matches `pattern`."""
    WebDriverWait(driver, 15, ignored_exceptions=(WebDriverException,)).until(lambda d: re.search(pattern, d.current_url)
                                    and d.execute_script("return document.readyState") == "complete")




SHOTS = os.environ.get("GANTRY_SCREENSHOTS") or tempfile.mkdtemp(prefix="gantry-shots-")


def shot(driver, name):
    os.makedirs(SHOTS, exist_ok=True)
    driver.save_screenshot(os.path.join(SHOTS, name + ".png"))


def sign_in(driver, server, username):
    """Signs in through the login form as a demo user (they all have the printed password)."""
    driver.delete_all_cookies()
    driver.get(server["base"] + "/login")
    driver.find_element(By.ID, "username").send_keys(username)
    driver.find_element(By.ID, "password").send_keys(server["password"])
    driver.find_element(By.ID, "sign-in").click()
    arrive(driver, r"/portfolios$")
    driver.get_log("browser")  # forget what the sign-in logged


def press(driver, element_id, then=None):
    """Clicks a button that posts a form and waits until the next page has replaced this one, even when it comes
    back to the same URL; with `then`, also until the URL matches it. The old page is marked in its window object,
    which a new document does not have; errors while the page is being swapped are retried."""
    driver.execute_script("window.gantryOldPage = true")
    driver.find_element(By.ID, element_id).click()
    WebDriverWait(driver, 15, ignored_exceptions=(WebDriverException,)).until(lambda d: d.execute_script(
        "return window.gantryOldPage === undefined && document.readyState === 'complete'"))
    if then:
        arrive(driver, then)


def assert_healthy_page(driver):
    """No error page, no alert, no severe browser log entry, and the landmarks a keyboard user needs."""
    title = driver.title
    for bad in ("Not Found", "Internal Server Error", "Forbidden", "Bad Request", "Unprocessable"):
        assert bad not in title, f"{driver.current_url} shows an error page: {title}"
    assert not driver.find_elements(By.CSS_SELECTOR, "section.error"), f"{driver.current_url} shows an error"
    alerts = [a.text for a in driver.find_elements(By.CSS_SELECTOR, "[role=alert]") if a.text.strip()]
    assert not alerts, f"{driver.current_url} shows an alert: {alerts}"
    severe = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert not severe, f"browser errors on {driver.current_url}: {severe}"
    assert driver.find_element(By.TAG_NAME, "main"), "no <main> landmark"
    assert len(driver.find_elements(By.TAG_NAME, "h1")) == 1, "a page has exactly one h1"
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"


def test_wrong_password_is_refused_with_a_message(server, browser):
    browser.get(server["base"] + "/")
    browser.find_element(By.ID, "username").send_keys("admin")
    browser.find_element(By.ID, "password").send_keys("not the password")
    browser.find_element(By.ID, "sign-in").click()
    WebDriverWait(browser, 15).until(EC.presence_of_element_located((By.ID, "login-error")))
    error = browser.find_element(By.ID, "login-error")
    assert "Wrong username or password" in error.text
    assert "/login" in browser.current_url


def test_sign_in_and_walk_portfolio_to_project(server, browser):
    browser.delete_all_cookies()
    browser.get_log("browser")  # forget what earlier tests logged (the refused sign-in's 401)
    browser.get(server["base"] + "/")
    assert "/login" in browser.current_url
    assert browser.find_element(By.CSS_SELECTOR, "label[for=username]").text == "Username"
    assert browser.find_element(By.CSS_SELECTOR, "label[for=password]").text == "Password"
    shot(browser, "1-login")
    assert browser.switch_to.active_element.get_attribute("id") == "username", "the username field has focus"

    browser.find_element(By.ID, "username").send_keys("admin")
    browser.find_element(By.ID, "password").send_keys(server["password"])
    browser.find_element(By.ID, "password").send_keys(Keys.ENTER)  # submit with the keyboard
    arrive(browser, r"/portfolios$")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Portfolios"
    assert_healthy_page(browser)
    # Keyboard: the first Tab stop on a page is the skip link, and it leads to the main content.
    ActionChains(browser).send_keys(Keys.TAB).perform()
    assert browser.switch_to.active_element.get_attribute("class") == "skip"
    links = browser.find_elements(By.CSS_SELECTOR, "a.portfolio-link")
    assert len(links) >= 3, "the demo has at least three portfolios"
    shot(browser, "2-portfolios")

    name = links[0].text
    links[0].click()
    arrive(browser, r"/portfolios/\d+$")
    assert browser.find_element(By.TAG_NAME, "h1").text == name
    assert_healthy_page(browser)
    projects = browser.find_elements(By.CSS_SELECTOR, "a.project-link")
    assert len(projects) >= 5
    health = {e.text for e in browser.find_elements(By.CSS_SELECTOR, "td .rag")}
    assert health <= {"green", "amber", "red", "unknown"} and health
    shot(browser, "3-portfolio")

    project_name = projects[0].text
    projects[0].click()
    arrive(browser, r"/projects/\d+$")
    assert browser.find_element(By.TAG_NAME, "h1").text == project_name
    assert_healthy_page(browser)
    rows = browser.find_elements(By.CSS_SELECTOR, "#activities tbody tr")
    assert 20 <= len(rows) <= 300
    assert browser.find_elements(By.CSS_SELECTOR, "#activities tr.kind-summary")
    assert browser.find_elements(By.CSS_SELECTOR, "#activities [aria-label=Milestone]")
    indents = {r.find_element(By.CSS_SELECTOR, "td.name").get_attribute("style") for r in rows}
    assert len(indents) >= 2, "the WBS is indented by depth"
    types = {e.text for e in browser.find_elements(By.CSS_SELECTOR, "#dependencies abbr")}
    assert types == {"FS", "SS", "FF", "SF"}, f"the demo project uses all four link types, saw {types}"
    shot(browser, "4-project")

    # Back to the portfolio through the breadcrumb, then sign out.
    browser.find_element(By.CSS_SELECTOR, "nav.crumbs a[href^='/portfolios/']").click()
    arrive(browser, r"/portfolios/\d+$")
    assert_healthy_page(browser)
    browser.find_element(By.CSS_SELECTOR, ".who button").click()
    arrive(browser, r"/login")
    browser.get(server["base"] + "/portfolios")
    assert "/login" in browser.current_url, "after signing out the pages need a new sign-in"


def test_a_missing_project_shows_a_readable_error(server, browser):
    browser.delete_all_cookies()
    browser.get(server["base"] + "/login")
    browser.find_element(By.ID, "username").send_keys("eve.exec")
    browser.find_element(By.ID, "password").send_keys(server["password"])
    browser.find_element(By.ID, "sign-in").click()
    arrive(browser, r"/portfolios$")
    browser.get(server["base"] + "/projects/987654")
    assert "does not exist" in browser.find_element(By.CSS_SELECTOR, "[role=alert]").text


def test_gantt_explanation_and_reschedule(server, browser):
    """The project page draws the stored schedule; an activity explains its start; Reschedule comes back to the page."""
    browser.delete_all_cookies()
    browser.get(server["base"] + "/login")
    browser.find_element(By.ID, "username").send_keys("admin")
    browser.find_element(By.ID, "password").send_keys(server["password"])
    browser.find_element(By.ID, "sign-in").click()
    arrive(browser, r"/portfolios$")
    browser.get_log("browser")
    browser.find_elements(By.CSS_SELECTOR, "a.portfolio-link")[0].click()
    arrive(browser, r"/portfolios/\d+$")
    browser.find_elements(By.CSS_SELECTOR, "a.project-link")[0].click()
    arrive(browser, r"/projects/\d+$")
    project_url = browser.current_url
    assert_healthy_page(browser)

    chart = browser.find_element(By.CSS_SELECTOR, "svg.gantt[role=img]")
    assert chart.is_displayed()
    bars = browser.find_elements(By.CSS_SELECTOR, "svg.gantt .gantt-bar")
    rows = browser.find_elements(By.CSS_SELECTOR, "#activities tbody tr")
    assert len(bars) == len(rows), "one bar per activity"
    assert browser.find_elements(By.CSS_SELECTOR, "svg.gantt .gantt-bar.critical"), "the critical path is drawn"
    assert browser.find_elements(By.CSS_SELECTOR, "#critical-path a")  # (folded in a <details> when long)
    assert "Up to date" in browser.find_element(By.ID, "schedule-state").text
    shot(browser, "5-gantt")

    # An activity that a link drives: its label in the chart leads to the explanation.
    driven = [r for r in rows if r.find_element(By.CSS_SELECTOR, "td.preds").text.strip()
              and "kind-summary" not in r.get_attribute("class")]
    assert driven, "the demo project has linked activities"
    code = driven[0].find_element(By.CSS_SELECTOR, "td.code").text
    label = [a for a in browser.find_elements(By.CSS_SELECTOR, "svg.gantt a")
             if a.find_element(By.CSS_SELECTOR, "tspan.gantt-code").text == code][0]
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", label)
    label.click()
    arrive(browser, r"/projects/\d+/activities/\d+$")
    assert_healthy_page(browser)
    assert "Why" in browser.find_element(By.ID, "why-title").text
    because = browser.find_element(By.ID, "starts-because").text
    assert because.startswith("It starts") and "because" in because
    shot(browser, "6-why")
    drivers = browser.find_elements(By.ID, "driver-link")
    if drivers:  # walk one step back along the driving chain
        drivers[0].click()
        arrive(browser, r"/projects/\d+/activities/\d+$")
        assert_healthy_page(browser)
        assert browser.find_element(By.ID, "starts-because").text
        browser.back()
        arrive(browser, r"/projects/\d+/activities/\d+$")
    browser.back()
    arrive(browser, r"/projects/\d+$")

    browser.find_element(By.ID, "reschedule").click()
    arrive(browser, r"/projects/\d+$")
    assert browser.current_url == project_url
    assert_healthy_page(browser)
    assert "Up to date" in browser.find_element(By.ID, "schedule-state").text
    assert browser.find_elements(By.CSS_SELECTOR, "svg.gantt .gantt-bar.critical")
    shot(browser, "7-rescheduled")
