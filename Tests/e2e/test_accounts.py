"""The accounts journey in a real browser against a real `gantry serve --demo`.

The demo admin creates a user on /admin/users and reads the generated password off the page; the new user signs
in with it, changes the password on /account, signs in again with the new one, makes an API token on /account
that then works for `GET /api/v1/me` over HTTP, and revokes it on the page: from then on the token gets 401 at
once (the serving process forgets a revoked token; no 5 s cache grace).

Needs: GANTRY_BIN, chromium, chromium-driver and selenium (see conftest.py).
"""
import json
import time
import urllib.error
import urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from test_browser import arrive, press, shot


def api_me(server, token):
    """`GET /api/v1/me` with a bearer token: (status, JSON body)."""
    request = urllib.request.Request(server["base"] + "/api/v1/me", headers={"Authorization": "Bearer " + token})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


def sign_in_as(driver, server, username, password):
    driver.delete_all_cookies()
    driver.get(server["base"] + "/login")
    driver.find_element(By.ID, "username").send_keys(username)
    driver.find_element(By.ID, "password").send_keys(password)
    press(driver, "sign-in")


def sign_out(driver):
    driver.find_element(By.CSS_SELECTOR, "form[action='/logout'] button").click()
    arrive(driver, r"/login")


def no_error_page(driver):
    assert not driver.find_elements(By.CSS_SELECTOR, ".alert"), driver.find_element(By.CSS_SELECTOR, ".alert").text


def test_admin_creates_user_who_changes_password_and_manages_a_token(server, browser):
    driver = browser
    username = "e2e.user.%d" % int(time.time())

    # The admin creates the user and reads the password shown once.
    sign_in_as(driver, server, "admin", server["password"])
    arrive(driver, r"/portfolios$")
    driver.find_element(By.ID, "nav-users").click()
    arrive(driver, r"/admin/users$")
    driver.find_element(By.ID, "username").send_keys(username)
    driver.find_element(By.ID, "display_name").send_keys("End To End")
    driver.find_element(By.ID, "email").send_keys("e2e@example.org")
    Select(driver.find_element(By.ID, "role")).select_by_value("project_manager")
    press(driver, "create-user")
    no_error_page(driver)
    generated = driver.find_element(By.ID, "secret-value").text.strip()
    assert len(generated) >= 10, generated
    shot(driver, "accounts-user-created")
    sign_out(driver)

    # The new user signs in with it and changes the password.
    sign_in_as(driver, server, username, generated)
    arrive(driver, r"/portfolios$")
    driver.find_element(By.ID, "nav-account").click()
    arrive(driver, r"/account$")
    assert driver.find_element(By.ID, "account-username").text == username
    new_password = "a much better secret 42"
    driver.find_element(By.ID, "current_password").send_keys(generated)
    driver.find_element(By.ID, "new_password").send_keys(new_password)
    driver.find_element(By.ID, "new_password_again").send_keys(new_password)
    press(driver, "change-password", then=r"/account\?done=password$")
    no_error_page(driver)
    assert "password was changed" in driver.find_element(By.ID, "account-done").text
    sign_out(driver)

    # The old password is refused, the new one works.
    sign_in_as(driver, server, username, generated)
    assert driver.find_elements(By.ID, "login-error"), "the old password must no longer sign in"
    sign_in_as(driver, server, username, new_password)
    arrive(driver, r"/portfolios$")

    # A token made on the account page works over HTTP...
    driver.get(server["base"] + "/account")
    driver.find_element(By.ID, "token_name").send_keys("e2e script")
    press(driver, "create-token")
    no_error_page(driver)
    token = driver.find_element(By.ID, "secret-value").text.strip()
    assert token.startswith("gty_"), token
    status, me = api_me(server, token)
    assert status == 200 and me["username"] == username, (status, me)

    # ...and gets 401 as soon as it is revoked on the page.
    driver.get(server["base"] + "/account")
    row = driver.find_element(By.XPATH, "//tr[td[@class='token-name' and text()='e2e script']]")
    row.find_element(By.CSS_SELECTOR, "button.revoke-token").click()
    arrive(driver, r"/account\?done=revoked$")
    assert not driver.find_elements(By.XPATH, "//td[@class='token-name' and text()='e2e script']")
    status, problem = api_me(server, token)
    assert status == 401, (status, problem)
    shot(driver, "accounts-token-revoked")
    sign_out(driver)
