"""What the benchmark scripts share: a throw-away `gantry serve --demo` on a free port, stopped and removed after,
and percentiles. Imported by scripts/bench-plan-editor.py and scripts/bench-plan-page.py (run from anywhere: each
script's folder is on Python's path)."""
import http.client
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(binary, prefix, *args, password=False):
    """`gantry serve --demo` (with `args`) in a new temporary directory, once /health/ready answers (and, with
    `password`, once the demo's admin password is printed). Returns (process, port, workdir, password or None);
    exits with the server's log when it stops early or is not ready in 180 s."""
    workdir = tempfile.mkdtemp(prefix=prefix)
    port = free_port()
    log = open(os.path.join(workdir, "server.log"), "w+")
    proc = subprocess.Popen([os.path.abspath(binary), "serve", "--demo", "--port", str(port), *args],
                            cwd=workdir, stdout=log, stderr=subprocess.STDOUT)
    found, deadline = None, time.time() + 180
    while time.time() < deadline:
        log.seek(0)
        text = log.read()
        m = re.search(r"password: (\S+)", text)
        if m:
            found = m.group(1)
        if proc.poll() is not None:
            sys.exit("gantry serve exited early:\n" + text)
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            c.request("GET", "/health/ready")
            if c.getresponse().status == 200 and (found or not password):
                return proc, port, workdir, found
        except OSError:
            pass
        time.sleep(0.3)
    proc.kill()
    log.seek(0)
    sys.exit("gantry serve --demo did not become ready in 180 s:\n" + log.read())


def stop(proc, workdir):
    """Stops the server (killed after 20 s) and removes its directory."""
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
    shutil.rmtree(workdir, ignore_errors=True)


def pct(values, p):
    """The p-th percentile, interpolated between the nearest ranks; NaN for no values."""
    if not values:
        return float("nan")
    s = sorted(values)
    k = (len(s) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)
