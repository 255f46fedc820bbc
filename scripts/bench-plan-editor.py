#!/usr/bin/env python3
"""Benchmark the plan editor's cell edits against a plain read, side by side.

Starts `gantry serve --demo` on a free port in a temporary directory (or uses --base and --token), then on the
300-activity demo plan ("Core ledger replacement") commits N cell edits with
`PATCH /api/v1/activities/{id}/cells` (durations alternated on different rows, each with the row's current version
in If-Match, taken from the grid and then from the previous answers), and interleaves the same number of plain
`GET /api/v1/activities/{id}`. Per request it records the round trip seen by the client (one keep-alive
connection on 127.0.0.1) and the server's own time from the `Server-Timing: app;dur=<ms>` header, and prints p50,
p95 and max of both, side by side, with the issue's targets: p95 round trip of an edit <= 50 ms and within 4x of
the plain GET's p95.

Examples:
  scripts/bench-plan-editor.py                                   # a debug build in .build/debug
  scripts/bench-plan-editor.py --binary .build-release/release/gantry --edits 1000
  scripts/bench-plan-editor.py --base http://127.0.0.1:8080 --token "$TOKEN" --project BANK-100
  scripts/bench-plan-editor.py --json
"""
import argparse
import http.client
import json
import os
import re
import statistics
import subprocess
import sys
import time
import urllib.parse

import demoserver


class Client:
    """One keep-alive connection with a bearer token; every call is timed."""

    def __init__(self, base, token):
        u = urllib.parse.urlparse(base)
        self.host, self.port = u.hostname, u.port or 80
        self.token = token
        self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)

    def call(self, method, path, body=None, headers=None):
        h = {"Authorization": f"Bearer {self.token}", "Accept": "application/json"}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            h["Content-Type"] = "application/json"
        h.update(headers or {})
        t0 = time.perf_counter()
        try:
            self.conn.request(method, path, body=data, headers=h)
            r = self.conn.getresponse()
            raw = r.read()
        except (http.client.HTTPException, OSError):
            self.conn.close()
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
            self.conn.request(method, path, body=data, headers=h)
            r = self.conn.getresponse()
            raw = r.read()
        rtt = (time.perf_counter() - t0) * 1000
        server = None
        m = re.search(r"app;dur=([0-9.]+)", r.getheader("Server-Timing") or "")
        if m:
            server = float(m.group(1))
        doc = json.loads(raw) if raw and "json" in (r.getheader("Content-Type") or "") else None
        return r.status, doc, rtt, server, len(raw)


def find_project(client, code, name):
    cursor = None
    while True:
        path = "/api/v1/projects?limit=100" + (f"&cursor={urllib.parse.quote(cursor)}" if cursor else "")
        status, doc, *_ = client.call("GET", path)
        if status != 200:
            sys.exit(f"GET {path}: {status} {doc}")
        for p in doc["items"]:
            if (code and p.get("code") == code) or (not code and p.get("name") == name):
                return p
        cursor = doc.get("next_cursor")
        if not cursor:
            sys.exit(f"no project {'with code ' + code if code else 'named ' + repr(name)}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--binary", default=os.environ.get("GANTRY_BIN", ".build/debug/gantry"),
                    help="the gantry binary to serve the demo with (default .build/debug/gantry or $GANTRY_BIN)")
    ap.add_argument("--base", help="use a running server at this URL instead of starting one (needs --token)")
    ap.add_argument("--token", help="a bearer token for --base (gantry token create --user admin)")
    ap.add_argument("--project", help="the project's code (default: the demo's 300-activity 'Core ledger replacement')")
    ap.add_argument("--edits", type=int, default=500, help="cell edits to time (default 500); as many plain GETs")
    ap.add_argument("--warmup", type=int, default=20, help="untimed edits and GETs first (default 20)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON instead of a table")
    args = ap.parse_args()

    proc = workdir = None
    if args.base:
        if not args.token:
            ap.error("--base needs --token")
        base, token = args.base.rstrip("/"), args.token
    else:
        if not os.path.exists(args.binary):
            ap.error(f"{args.binary} does not exist; build gantry first (swift build) or pass --binary")
        proc, port, workdir, _ = demoserver.start(args.binary, "gantry-bench-plan-", "--log-level", "warning")
        base, database = f"http://127.0.0.1:{port}", os.path.join(workdir, "gantry.sqlite")
        token = subprocess.run([os.path.abspath(args.binary), "token", "create", "--user", "admin", "--database", database,
                                "--log-level", "warning"], capture_output=True, text=True, check=True).stdout.strip()
    try:
        client = Client(base, token)
        project = find_project(client, args.project, "Core ledger replacement")
        status, grid, *_ = client.call("GET", f"/api/v1/projects/{project['id']}/grid")
        if status != 200:
            sys.exit(f"grid: {status} {grid}")
        rows = grid["rows"]
        # Rows whose duration can change: leaf tasks not started; each edit alternates a row's duration with +1d.
        editable = [r for r in rows if r["kind"] == "leaf" and not r.get("percent_complete") and not r.get("actual_start")
                    and re.fullmatch(r"\d+(\.\d+)?d", r["duration"] or "")]
        if not editable:
            sys.exit("no task in the plan can take a new duration")
        version = {r["activity_id"]: r["version"] for r in rows}
        original = {r["activity_id"]: float(r["duration"][:-1]) for r in editable}
        flips = {r["activity_id"]: 0 for r in editable}
        results = {"patch": {"rtt": [], "server": [], "bytes": [], "rows": []}, "get": {"rtt": [], "server": [], "bytes": []}}
        refused = 0
        total = args.warmup + args.edits
        for i in range(total):
            row = editable[(i * 7) % len(editable)]  # step through the rows so consecutive edits hit different rows
            aid = row["activity_id"]
            timed = i >= args.warmup
            status, doc, rtt, server, size = client.call("GET", f"/api/v1/activities/{aid}")
            if status != 200:
                sys.exit(f"GET /api/v1/activities/{aid}: {status} {doc}")
            if timed:
                results["get"]["rtt"].append(rtt)
                results["get"]["server"].append(server)
                results["get"]["bytes"].append(size)
            flips[aid] ^= 1
            d = original[aid] + flips[aid]
            duration = f"{int(d) if d == int(d) else d}d"
            status, doc, rtt, server, size = client.call(
                "PATCH", f"/api/v1/activities/{aid}/cells", {"cells": {"duration": duration}},
                {"If-Match": f'"{version[aid]}"'})
            if status == 412 and doc and doc.get("current"):
                refused += 1
                version[aid] = doc["current"]["version"]
                continue
            if status != 200:
                sys.exit(f"PATCH /api/v1/activities/{aid}/cells: {status} {doc}")
            for changed in doc["rows"] + doc.get("moved", []):
                version[changed["activity_id"]] = changed["version"]
            if timed:
                results["patch"]["rtt"].append(rtt)
                results["patch"]["server"].append(server)
                results["patch"]["bytes"].append(size)
                results["patch"]["rows"].append(len(doc["rows"]) + len(doc.get("moved", [])))
    finally:
        if proc:
            demoserver.stop(proc, workdir)

    def figures(r):
        server = [s for s in r["server"] if s is not None]
        return {"n": len(r["rtt"]), "rtt_p50_ms": demoserver.pct(r["rtt"], 50), "rtt_p95_ms": demoserver.pct(r["rtt"], 95), "rtt_max_ms": max(r["rtt"]),
                "server_p50_ms": demoserver.pct(server, 50), "server_p95_ms": demoserver.pct(server, 95),
                "mean_bytes": statistics.mean(r["bytes"])}
    patch, get = figures(results["patch"]), figures(results["get"])
    patch["mean_rows_changed"] = statistics.mean(results["patch"]["rows"])
    ratio = patch["rtt_p95_ms"] / get["rtt_p95_ms"]
    out = {"binary": None if args.base else args.binary, "project": project["code"], "activities": len(rows),
           "patch_cells": patch, "get_activity": get, "p95_ratio": ratio, "refused_412": refused,
           "target_p95_ms_ok": patch["rtt_p95_ms"] <= 50, "target_ratio_ok": ratio <= 4}
    if args.json:
        print(json.dumps(out, indent=2))
        return
    print(f"plan editor, {project['code']} ({len(rows)} activities), {patch['n']} edits and {get['n']} plain GETs, "
          f"one keep-alive connection; {'server ' + base if args.base else args.binary}")
    print()
    head = f"{'request':<34}{'n':>5}{'RTT p50':>10}{'RTT p95':>10}{'RTT max':>10}{'app p50':>10}{'app p95':>10}{'bytes':>9}"
    print(head)
    print("-" * len(head))
    for label, f in (("PATCH /activities/{id}/cells", patch), ("GET /activities/{id}", get)):
        print(f"{label:<34}{f['n']:>5}{f['rtt_p50_ms']:>10.2f}{f['rtt_p95_ms']:>10.2f}{f['rtt_max_ms']:>10.2f}"
              f"{f['server_p50_ms']:>10.2f}{f['server_p95_ms']:>10.2f}{f['mean_bytes']:>9.0f}")
    print()
    print("times in ms; RTT = client round trip, app = Server-Timing app;dur; an edit answered "
          f"{patch['mean_rows_changed']:.1f} changed rows on average; {refused} edits refused with 412")
    print(f"target p95 RTT of an edit <= 50 ms: {patch['rtt_p95_ms']:.1f} ms -> {'met' if out['target_p95_ms_ok'] else 'NOT met'}")
    print(f"target edit p95 within 4x of GET p95: {ratio:.1f}x -> {'met' if out['target_ratio_ok'] else 'NOT met'}")


if __name__ == "__main__":
    main()
