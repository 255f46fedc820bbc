#!/usr/bin/env bash
# HTTP load benchmark (not part of the tests): GET a 300-activity project with 64 connections, next to a bare
# Hummingbird route in the same run, on a release build. Needs wrk (apt-get install wrk). Traffic stays on
# 127.0.0.1 and every run is bounded by DURATION.
#
#   scripts/bench-http.sh                 # 15 s per target
#   DURATION=30s scripts/bench-http.sh
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-15s}
CONNECTIONS=${CONNECTIONS:-64}
command -v wrk >/dev/null || { echo "error: wrk is missing: apt-get install wrk" >&2; exit 1; }

BIN=${GANTRY_BIN:-.build-release/release/gantry}
if [ ! -x "$BIN" ]; then
  echo "== building release (several minutes the first time)"
  swift build -c release --product gantry --scratch-path .build-release
fi
BIN=$(readlink -f "$BIN")

work=$(mktemp -d)
cleanup() { kill "${gantry_pid:-}" "${bare_pid:-}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

port=$((20000 + RANDOM % 20000)); bare_port=$((port + 1))
(cd "$work" && exec "$BIN" serve --demo --port "$port" --log-level warning >"$work/serve.log" 2>&1) &
gantry_pid=$!
"$BIN" bench bare-server --port "$bare_port" >"$work/bare.log" 2>&1 &
bare_pid=$!
for _ in $(seq 1 600); do
  curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && curl -fs "http://127.0.0.1:$bare_port/bare" >/dev/null 2>&1 && break
  sleep 0.2
done
token=$("$BIN" token create --user admin --database "$work/gantry.sqlite" --log-level warning)
auth="Authorization: Bearer $token"
project=$(curl -fs -H "$auth" "http://127.0.0.1:$port/api/v1/projects?limit=500" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
count=$(curl -fs -H "$auth" "http://127.0.0.1:$port/api/v1/projects/$project/plan" |
  python3 -c 'import json,sys; print(len(json.load(sys.stdin)["activities"]))')
echo "== project $project has $count activities; wrk -t2 -c$CONNECTIONS -d$DURATION, server and wrk share the machine's $(nproc) cores"

run() { # name url [header]
  local out
  if [ -n "${3:-}" ]; then out=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -H "$3" "$2"); else out=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "$2"); fi
  local rps p99 p50 errors
  rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx/ {print $NF}' <<<"$out"); errors=${errors:-0}
  printf '%-44s %12s %10s %10s %8s\n' "$1" "$rps" "$p50" "$p99" "$errors"
  echo "$rps" >"$work/$(echo "$1" | tr -c 'a-z0-9' '_').rps"
}

printf '%-44s %12s %10s %10s %8s\n' "target" "req/s" "p50" "p99" "non-2xx"
run "bare Hummingbird route (GET /bare)" "http://127.0.0.1:$bare_port/bare"
run "Gantry API plan, $count activities (JSON)" "http://127.0.0.1:$port/api/v1/projects/$project/plan" "$auth"
run "Gantry API one project (JSON)" "http://127.0.0.1:$port/api/v1/projects/$project" "$auth"
python3 - "$work" <<'PY'
import glob, os, sys
w = sys.argv[1]
rates = {os.path.basename(p)[:-4]: float(open(p).read()) for p in glob.glob(w + "/*.rps")}
bare = next(v for k, v in rates.items() if k.startswith("bare"))
for k, v in sorted(rates.items()):
    if not k.startswith("bare"):
        print(f"{k}: {v / bare:.2f} of the bare route's throughput")
PY
