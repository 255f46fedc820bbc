"""Journey 1 of issue 4, in real headless Chromium against `gantry serve --demo`: a requester submits a project
request, the PMO sees it scored and ranked in the queue, takes it into review and approves it with a template, and
the new project exists with the template's phases.
"""
import re

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from test_browser import arrive, assert_healthy_page, press, shot, sign_in


def test_request_is_scored_ranked_approved_and_becomes_a_project(server, browser):
    sign_in(browser, server, "ray.requester")
    browser.get_log("browser")
    browser.find_element(By.LINK_TEXT, "Intake").click()
    arrive(browser, r"/requests")
    assert_healthy_page(browser)
    browser.find_element(By.ID, "new-request").click()
    arrive(browser, r"/requests/new")
    portfolio = Select(browser.find_element(By.ID, "portfolio_id")).first_selected_option.text
    form = {
        "title": "Warehouse robots pilot",
        "problem": "Pickers walk twelve kilometres a shift.",
        "goal": "Robots bring the shelves; picking time halves.",
        "periods": "Year 0, 40000, 0\nYear 1, 0, 5000\nYear 2, 0, 8000\nYear 3, 0, 12000\nYear 4, 0, 30000",
        "demand": "Automation engineer, 2, 6",
    }
    for field, value in form.items():
        browser.find_element(By.ID, field).send_keys(value)
    browser.find_element(By.ID, "discount_rate").clear()
    browser.find_element(By.ID, "discount_rate").send_keys("8")
    ratings = browser.find_elements(By.CSS_SELECTOR, "#ratings input")
    assert ratings, "the portfolio's scoring criteria are on the form"
    for r in ratings:
        r.clear()
        r.send_keys("5" if "strategic_fit" in r.get_attribute("id") else "1")
    shot(browser, "intake-1-form")
    browser.find_element(By.ID, "save-request").click()
    arrive(browser, r"/requests/\d+$")
    assert_healthy_page(browser)
    url = browser.current_url
    # DOMAIN.md case 32: these net flows at 8 % have an NPV of 3,065.22 with the first flow at t = 0.
    assert browser.find_element(By.ID, "npv").text == "3,065.22"
    assert browser.find_element(By.ID, "request-status").text == "draft"
    press(browser, "submit-request", re.escape(url) + "$")
    assert browser.find_element(By.ID, "request-status").text == "submitted"
    assert not browser.find_elements(By.ID, "review-request"), "a requester does not review"
    shot(browser, "intake-2-submitted")

    sign_in(browser, server, "dana.director")
    browser.find_element(By.LINK_TEXT, "Intake").click()
    arrive(browser, r"/requests")
    Select(browser.find_element(By.ID, "portfolio_id")).select_by_visible_text(portfolio)
    browser.find_element(By.CSS_SELECTOR, "form.filters button").click()
    arrive(browser, r"/requests\?portfolio_id=\d+")
    row = browser.find_element(By.XPATH, "//table[@id='queue']//tr[td/a[text()='Warehouse robots pilot']]")
    cells = [c.text for c in row.find_elements(By.TAG_NAME, "td")]
    assert cells[0].isdigit(), f"the request has a rank in the queue: {cells}"
    assert re.match(r"\d+\.\d\d", cells[3]), f"the request has a score: {cells}"
    shot(browser, "intake-3-queue")
    row.find_element(By.CSS_SELECTOR, "a.request-link").click()
    arrive(browser, re.escape(url) + "$")
    explanation = browser.find_element(By.ID, "score-explanation").text
    assert "Strategic fit" in explanation and "score =" in explanation, "how the score was computed is shown"
    press(browser, "review-request", re.escape(url) + "$")
    assert browser.find_element(By.ID, "request-status").text == "in review"

    template = Select(browser.find_element(By.ID, "template_id"))
    template.select_by_visible_text("Standard delivery (waterfall)")
    code = browser.find_element(By.ID, "project_code")
    code.clear()
    code.send_keys("ROBOT-1")
    Select(browser.find_element(By.ID, "manager_id")).select_by_visible_text("Priya Patel")
    shot(browser, "intake-4-approve")
    press(browser, "approve-request", re.escape(url) + "$")
    assert_healthy_page(browser)
    assert browser.find_element(By.ID, "request-status").text == "approved"
    browser.find_element(By.CSS_SELECTOR, "#created-project a").click()
    arrive(browser, r"/projects/\d+$")
    assert_healthy_page(browser)
    assert browser.find_element(By.TAG_NAME, "h1").text == "Warehouse robots pilot"
    phases = [a.text for a in browser.find_elements(By.CSS_SELECTOR, "#phase-table a.phase-link")]
    assert phases[:2] == ["Initiate", "Plan"], f"the template's phases: {phases}"
    statuses = [s.text for s in browser.find_elements(By.CSS_SELECTOR, "#phase-table .phase-status")]
    assert statuses[0] == "active" and set(statuses[1:]) == {"pending"}
    shot(browser, "intake-5-project")
