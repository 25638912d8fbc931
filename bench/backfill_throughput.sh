#!/usr/bin/env bash
# Odds backfill phase-1 throughput against the built-in simulator with a fixed latency and
# no rate limit: requests/s per worker count, against the latency bound
# (workers × 1000 / latency_ms requests/s), and the speedup over one worker.
#
# usage: bench/backfill_throughput.sh [CLI] [LATENCY_MS] [START] [END] [WORKERS...]
#   defaults: build/src/cli/backfill-studio-cli 100 2024-05-01 2024-05-24 1 2 4 8
set -euo pipefail
CLI=${1:-build/src/cli/backfill-studio-cli}
LATENCY=${2:-100}
START=${3:-2024-05-01}
END=${4:-2024-05-24}
shift $(( $# > 4 ? 4 : $# )) || true
WORKERS=("$@")
[ ${#WORKERS[@]} -eq 0 ] && WORKERS=(1 2 4 8)

TMP=$(mktemp -d)
SIM_PID=
cleanup() { [ -n "$SIM_PID" ] && kill "$SIM_PID" 2>/dev/null || true; rm -rf "$TMP"; }
trap cleanup EXIT

"$CLI" simulate-api --port 0 --latency-ms "$LATENCY" --seed 42 >"$TMP/sim.out" 2>"$TMP/sim.err" &
SIM_PID=$!
for _ in $(seq 50); do grep -q listening "$TMP/sim.out" 2>/dev/null && break; sleep 0.1; done
BASE=$(sed -n 's/^listening on //p' "$TMP/sim.out")
[ -n "$BASE" ] || { echo "simulator did not start" >&2; exit 1; }

printf "%-8s %-9s %-9s %-10s %-9s %-8s\n" workers requests seconds "req/s" "bound" speedup
BASE_RATE=
for W in "${WORKERS[@]}"; do
  WS="$TMP/ws-$W"
  "$CLI" backfill --workspace "$WS" --start "$START" --end "$END" --api-base "$BASE" --api-key bench \
    --workers "$W" --rate 10000 --json 2>/dev/null >"$TMP/out-$W.json"
  python3 - "$TMP/out-$W.json" "$W" "$LATENCY" "${BASE_RATE:-0}" >"$TMP/line" <<'PY'
import json, sys
s = json.load(open(sys.argv[1])); w = int(sys.argv[2]); lat = float(sys.argv[3]); base = float(sys.argv[4])
rate = s["requests"] / s["seconds"]
bound = w * 1000.0 / lat
speed = rate / base if base > 0 else 1.0
print(f"{w:<8} {s['requests']:<9} {s['seconds']:<9.2f} {rate:<10.1f} {bound:<9.0f} {speed:<8.2f} {rate}")
PY
  LINE=$(cat "$TMP/line")
  echo "${LINE% *}"
  [ -z "$BASE_RATE" ] && BASE_RATE=${LINE##* }
done
