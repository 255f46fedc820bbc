#!/usr/bin/env bash
# Leveling benchmark: `gantry bench psplib` beside OR-Tools CP-SAT (one worker) on the same PSPLIB files and time
# limit. Runs the two one after the other, so they do not compete for cores (other work on the machine still can:
# say so when quoting figures).
#
# Usage: scripts/bench-psplib.sh [--time S] [--sets j30,j120] [--peer-time S] [--no-peer] [--out DIR]
#   --time S       seconds per instance for both solvers (default 1)
#   --sets LIST    PSPLIB sets under $PSPLIB_DIR (default j30,j120)
#   --peer-time S  a different limit for CP-SAT (default: --time)
#   --no-peer      only Gantry
#   --out DIR      where JSON, CSV and logs go (default bench-results/psplib)
# Needs: python3 with ortools and psplib (python3 -m pip install --break-system-packages ortools psplib).
set -euo pipefail
cd "$(dirname "$0")/.."

TIME=1; SETS=j30,j120; PEER_TIME=""; PEER=1; OUT=bench-results/psplib
while [ $# -gt 0 ]; do
  case "$1" in
    --time) TIME=$2; shift 2 ;;
    --sets) SETS=$2; shift 2 ;;
    --peer-time) PEER_TIME=$2; shift 2 ;;
    --no-peer) PEER=0; shift ;;
    --out) OUT=$2; shift 2 ;;
    -h|--help) sed -n 2,13p "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
PEER_TIME=${PEER_TIME:-$TIME}
DATA=${PSPLIB_DIR:-../shared/data/psplib}
TOOLS=${PSPLIB_TOOLS:-../shared/tools}
mkdir -p "$OUT"

swift build -c release --scratch-path .build-release --product gantry >&2
GANTRY=.build-release/release/gantry

for SET in ${SETS//,/ }; do
  echo "== $SET: gantry, ${TIME} s per instance" >&2
  "$GANTRY" bench psplib "$DATA/$SET" --time-limit "$TIME" --json 2>"$OUT/gantry-$SET-$TIME.log" | tee "$OUT/gantry-$SET-$TIME.json"
  "$GANTRY" bench psplib "$DATA/$SET" --single-pass LFT --scheme serial --json 2>/dev/null > "$OUT/gantry-$SET-single-serial.json"
  "$GANTRY" bench psplib "$DATA/$SET" --single-pass LFT --scheme parallel --json 2>/dev/null > "$OUT/gantry-$SET-single-parallel.json"
  if [ "$PEER" = 1 ]; then
    echo "== $SET: CP-SAT, ${PEER_TIME} s per instance, 1 worker" >&2
    ls "$DATA/$SET"/*.sm | sort -V > "$OUT/files-$SET.txt"
    python3 "$TOOLS/cpsat_rcpsp.py" $(cat "$OUT/files-$SET.txt") --time "$PEER_TIME" --workers 1 \
      --csv "$OUT/cpsat-$SET-$PEER_TIME.csv" > "$OUT/cpsat-$SET-$PEER_TIME.log"
  fi
done

python3 - "$OUT" "$TIME" "$PEER_TIME" "$PEER" ${SETS//,/ } <<'PY'
import csv, json, os, sys
out, t, pt, peer, sets = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] == "1", sys.argv[5:]
print(f"{'set':6s} {'solver':22s} {'n':>4s} {'% > ub':>8s} {'% > cpm':>8s} {'at ub':>6s} {'infeas':>6s} {'mean s':>8s} {'p95 s':>8s} {'schedules':>12s}")
for s in sets:
    g = json.load(open(f"{out}/gantry-{s}-{t}.json"))["sets"][s]
    print(f"{s:6s} {'gantry GA+FBI ' + t + ' s':22s} {g['instances']:4d} {g['mean_gap_ub_pct']:8.3f} {g['mean_gap_cpm_pct']:8.2f} "
          f"{g['at_ub']:6d} {g['infeasible']:6d} {g['mean_seconds']:8.4f} {g['p95_seconds']:8.4f} {g['schedules']:12d}")
    for scheme in ("serial", "parallel"):
        p = f"{out}/gantry-{s}-single-{scheme}.json"
        if os.path.exists(p):
            g = json.load(open(p))["sets"][s]
            print(f"{s:6s} {'gantry LFT ' + scheme:22s} {g['instances']:4d} {g['mean_gap_ub_pct']:8.3f} {g['mean_gap_cpm_pct']:8.2f} "
                  f"{g['at_ub']:6d} {g['infeasible']:6d} {g['mean_seconds']:8.6f} {g['p95_seconds']:8.6f} {g['schedules']:12d}")
    p = f"{out}/cpsat-{s}-{pt}.csv"
    if peer and os.path.exists(p):
        rows = list(csv.DictReader(open(p)))
        ok = [r for r in rows if r["makespan"] not in ("", "None")]
        walls = sorted(float(r["solve_s"]) for r in rows)
        p95 = walls[max(0, -(-95 * len(walls) // 100) - 1)] if walls else 0
        print(f"{s:6s} {'CP-SAT 1 worker ' + pt + ' s':22s} {len(rows):4d} "
              f"{sum(float(r['dev_best_ub_pct']) for r in ok) / max(1, len(ok)):8.3f} "
              f"{sum(float(r['dev_cpm_pct']) for r in ok) / max(1, len(ok)):8.2f} "
              f"{sum(int(r['makespan']) <= int(r['best_ub']) for r in ok):6d} {len(rows) - len(ok):6d} "
              f"{sum(walls) / max(1, len(walls)):8.4f} {p95:8.4f} {'-':>12s}")
PY
