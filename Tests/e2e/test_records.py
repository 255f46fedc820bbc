"""Records in the browser, in real headless Chromium against `gantry serve --demo`: the demo's administrator creates
a portfolio and, in it, a project from a template on a calendar through the forms, renames the project, adds a
resource with a cost rate and a calendar with a holiday, and sees each listed, with no error page on the way.

Needs what test_browser.py needs (GANTRY_BIN, chromium, chromium-driver, selenium).
"""
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from test_browser import arrive, assert_healthy_page, press, shot, sign_in


def fill(browser, field_id, text):
    element = browser.find_element(By.ID, field_id)
    element.clear()
    element.send_keys(text)


def choose_first(browser, select_id):
    """Picks the first real option of a select (the one after "none")."""
    select = Select(browser.find_element(By.ID, select_id))
    options = [o for o in select.options if o.get_attribute("value")]
    assert options, f"#{select_id} offers nothing to choose"
    select.select_by_value(options[0].get_attribute("value"))
    return options[0].text


def test_admin_creates_records_through_the_forms(server, browser):
    sign_in(browser, server, "admin")

    # A portfolio, from the portfolio list.
    browser.find_element(By.ID, "new-portfolio").click()
    arrive(browser, r"/portfolios/new$")
    assert_healthy_page(browser)
    fill(browser, "code", "E2E")
    fill(browser, "name", "End-to-end portfolio")
    Select(browser.find_element(By.ID, "governance_mode")).select_by_value("controlling")
    press(browser, "save-record", r"/portfolios/\d+$")
    assert_healthy_page(browser)
    assert browser.find_element(By.TAG_NAME, "h1").text == "End-to-end portfolio"

    # A project in it, from a template, on a calendar, with a manager and a start.
    browser.find_element(By.ID, "new-project").click()
    arrive(browser, r"/portfolios/\d+/projects/new$")
    assert_healthy_page(browser)
    assert Select(browser.find_element(By.ID, "portfolio_id")).first_selected_option.text.startswith("E2E ")
    fill(browser, "code", "E2E-1")
    fill(browser, "name", "Browser-made project")
    template = choose_first(browser, "template_id")
    choose_first(browser, "calendar_id")
    choose_first(browser, "manager_id")
    fill(browser, "start_date", "2027-01-04")
    shot(browser, "records-1-new-project")
    press(browser, "save-record", r"/projects/\d+$")
    assert_healthy_page(browser)
    assert browser.find_element(By.TAG_NAME, "h1").text == "Browser-made project"
    assert browser.find_elements(By.CSS_SELECTOR, "#activities tbody tr.kind-summary"), \
        f"the template {template} gave the project its WBS skeleton"

    # Rename it.
    browser.find_element(By.ID, "edit-project").click()
    arrive(browser, r"/projects/\d+/edit$")
    assert_healthy_page(browser)
    fill(browser, "name", "Browser-made project, renamed")
    press(browser, "save-record", r"/projects/\d+$")
    assert_healthy_page(browser)
    assert browser.find_element(By.TAG_NAME, "h1").text == "Browser-made project, renamed"

    # A resource with a cost rate, listed in the pool.
    browser.find_element(By.LINK_TEXT, "Resources").click()
    arrive(browser, r"/resources$")
    assert_healthy_page(browser)
    browser.find_element(By.ID, "new-resource").click()
    arrive(browser, r"/resources/new$")
    fill(browser, "name", "Erin Endtoend")
    # The role comes from the PMO's catalogue; skills carry levels (3 when none is written).
    Select(browser.find_element(By.ID, "role")).select_by_value("Tester")
    fill(browser, "skills", "selenium 4, pytest")
    fill(browser, "cost_rate", "85.50")
    fill(browser, "currency", "EUR")
    press(browser, "save-record", r"/resources/\d+$")
    assert_healthy_page(browser)
    assert browser.find_element(By.ID, "cost-rate").text == "85.50 EUR/h"
    assert browser.find_element(By.ID, "skills").text == "selenium 4, pytest 3"
    browser.find_element(By.LINK_TEXT, "Resources").click()
    arrive(browser, r"/resources$")
    row = [r for r in browser.find_elements(By.CSS_SELECTOR, "#resources tbody tr") if "Erin Endtoend" in r.text]
    assert row and "85.50 EUR/h" in row[0].text

    # A calendar with a holiday, listed.
    browser.find_element(By.LINK_TEXT, "Calendars").click()
    arrive(browser, r"/calendars$")
    assert_healthy_page(browser)
    browser.find_element(By.ID, "new-calendar").click()
    arrive(browser, r"/calendars/new$")
    fill(browser, "name", "E2E calendar")
    assert browser.find_element(By.ID, "monday").get_attribute("value") == "08:00-12:00, 13:00-17:00"
    fill(browser, "friday", "08:00-12:00")
    fill(browser, "exceptions", "2027-12-25 | Christmas Day")
    press(browser, "save-record", r"/calendars/\d+$")
    assert_healthy_page(browser)
    holidays = browser.find_elements(By.CSS_SELECTOR, "#exceptions tbody tr")
    assert len(holidays) == 1 and "Christmas Day" in holidays[0].text and "holiday" in holidays[0].text
    browser.find_element(By.LINK_TEXT, "Calendars").click()
    arrive(browser, r"/calendars$")
    assert_healthy_page(browser)
    assert "E2E calendar" in [a.text for a in browser.find_elements(By.CSS_SELECTOR, "#calendars a.calendar-link")]
    shot(browser, "records-2-calendars")
