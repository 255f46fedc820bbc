"""A real `gantry serve --demo` for the end-to-end tests, on a free port in a temporary directory."""
import os
import re
import socket
import subprocess
import tempfile
import time
import urllib.request

import pytest
from selenium import webdriver


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server():
    binary = os.environ.get("GANTRY_BIN", ".build/debug/gantry")
    assert os.path.exists(binary), f"GANTRY_BIN={binary} does not exist; build gantry first"
    workdir = tempfile.mkdtemp(prefix="gantry-browser-")
    port = free_port()
    log = open(os.path.join(workdir, "server.log"), "w+")
    proc = subprocess.Popen([os.path.abspath(binary), "serve", "--demo", "--port", str(port)],
                            cwd=workdir, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    password = None
    deadline = time.time() + 120
    while time.time() < deadline:
        log.seek(0)
        text = log.read()
        match = re.search(r"password: (\S+)", text)
        if match:
            password = match.group(1)
        try:
            if password and urllib.request.urlopen(base + "/health/ready", timeout=2).status == 200:
                break
        except OSError:
            pass
        assert proc.poll() is None, "gantry serve exited early:\n" + text
        time.sleep(0.3)
    else:
        proc.kill()
        log.seek(0)
        pytest.fail("gantry serve --demo did not become ready in 120 s:\n" + log.read())
    yield {"base": base, "password": password, "database": os.path.join(workdir, "gantry.sqlite")}
    proc.terminate()
    proc.wait(timeout=20)




@pytest.fixture(scope="module")
def token(server):
    """A bearer token for the demo's admin, made by `gantry token create` on the server's database."""
    binary = os.path.abspath(os.environ.get("GANTRY_BIN", ".build/debug/gantry"))
    out = subprocess.run([binary, "token", "create", "--user", "admin", "--database", server["database"],
                          "--log-level", "warning"], capture_output=True, text=True, check=True)
    return out.stdout.strip()


def new_browser(window="1280,900"):
    """Headless Chromium with the browser's console log kept, in a window of `window` pixels."""
    opts = webdriver.ChromeOptions()
    opts.binary_location = "/usr/bin/chromium"
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", f"--window-size={window}"):
        opts.add_argument(a)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=webdriver.ChromeService("/usr/bin/chromedriver"), options=opts)
    driver.implicitly_wait(0)
    return driver


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium for one test module, shared by its tests."""
    driver = new_browser()
    yield driver
    driver.quit()
