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
password=$(awk '/password:/ {print $2; exit}' "$work/serve.log")
csrf=$(curl -fs -c "$work/jar" "http://127.0.0.1:$port/login" | sed -n 's/.*name="csrf_token" value="\([^"]*\)".*/\1/p')
curl -fs -b "$work/jar" -c "$work/jar" -o /dev/null -d "csrf_token=$csrf&username=admin&password=$password" "http://127.0.0.1:$port/login"
session=$(awk '$6=="gantry_session" {print $7}' "$work/jar")
project=$(curl -fs -H "$auth" "http://127.0.0.1:$port/api/v1/projects?limit=500" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
count=$(curl -fs -H "$auth" "http://127.0.0.1:$port/api/v1/projects/$project/plan" |
  python3 -c 'import json,sys; print(len(json.load(sys.stdin)["activities"]))')
echo "== project $project has $count activities; wrk -t2 -c$CONNECTIONS -d$DURATION, server and wrk share the machine's $(nproc) cores"

run() { # slug name url [header...]
  local slug=$1; shift
  local name=$1 url=$2 out; shift 2
  local args=()
  for h in "$@"; do args+=(-H "$h"); done
  out=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "${args[@]}" "$url")
  set -- "$name"
  local rps p99 p50 errors
  rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx/ {print $NF}' <<<"$out"); errors=${errors:-0}
  printf '%-44s %12s %10s %10s %8s\n' "$1" "$rps" "$p50" "$p99" "$errors"
  echo "$1|$rps" >"$work/$slug.rps"
}

printf '%-44s %12s %10s %10s %8s\n' "target" "req/s" "p50" "p99" "non-2xx"
etag=$(curl -fs -D - -o /dev/null -H "$auth" "http://127.0.0.1:$port/api/v1/projects/$project/plan" | awk -F': ' 'tolower($1)=="etag" {print $2}' | tr -d '\r')
run 0bare "bare Hummingbird route (GET /bare)" "http://127.0.0.1:$bare_port/bare"
run 1plan "GET plan, $count activities (JSON)" "http://127.0.0.1:$port/api/v1/projects/$project/plan" "$auth"
run 2project "GET the project record (JSON)" "http://127.0.0.1:$port/api/v1/projects/$project" "$auth"
run 3notmodified "GET plan with If-None-Match (304)" "http://127.0.0.1:$port/api/v1/projects/$project/plan" "$auth" "If-None-Match: $etag"
run 4page "project page, $count rows (HTML, session)" "http://127.0.0.1:$port/projects/$project" "Cookie: gantry_session=$session"
python3 - "$work" <<'PY'
import glob, os, sys
w = sys.argv[1]
rows = sorted((os.path.basename(p), open(p).read().strip().split("|")) for p in glob.glob(w + "/*.rps"))
bare = float(rows[0][1][1])
print()
for _, (name, rps) in rows[1:]:
    print(f"{name}: {float(rps) / bare:.2f} of the bare route's throughput")
PY
