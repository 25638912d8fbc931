#!/usr/bin/env bash
# Odds backfill phase-1 throughput against the built-in simulator with a fixed latency: for each
# worker count, requests/s against the bound min(workers / latency, rate), and what the simulator's
# own request log shows (a fresh simulator per run, --request-log):
#   idle_s    time between the first arrival and the last answer with no request in flight
#   max_1s    the most requests that arrived within any one second (the API counts this window)
#   lat_ms    the simulator's mean answer time (its timers run late on a loaded machine: the bound
#             assumes the nominal latency, so ratio can only reach about LATENCY / lat_ms)
#
# usage: bench/backfill_throughput.sh [options]
#   --cli PATH       default build/src/cli/backfill-studio-cli
#   --latency MS     simulator latency (±25 % jitter), default 100
#   --start D --end D  default 2024-05-01 … 2024-05-24
#   --dates D,D      only these dates of the range (a short catch-up: 2024-06-24,2024-08-26 have
#                    10 games each)
#   --rate R         the backfill's --rate, default 1000 (the bound is then the workers')
#   --workers "N…"   default "8 16 32"
#   --repeat K       runs per worker count, the median reported, default 1
#   --keep DIR       keep workspaces and request logs in DIR
set -euo pipefail
CLI=build/src/cli/backfill-studio-cli
LATENCY=100
START=2024-05-01
END=2024-05-24
RATE=1000
WORKERS="8 16 32"
REPEAT=1
KEEP=
DATES=()
while (($#)); do
  case "$1" in
    --cli) CLI=$2; shift 2 ;;
    --latency) LATENCY=$2; shift 2 ;;
    --start) START=$2; shift 2 ;;
    --end) END=$2; shift 2 ;;
    --rate) RATE=$2; shift 2 ;;
    --dates) DATES=(--dates "$2"); shift 2 ;;
    --workers) WORKERS=$2; shift 2 ;;
    --repeat) REPEAT=$2; shift 2 ;;
    --keep) KEEP=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

TMP=${KEEP:-$(mktemp -d)}
mkdir -p "$TMP"
SIM_PID=
cleanup() {
  [ -n "$SIM_PID" ] && kill "$SIM_PID" 2>/dev/null || true
  [ -z "$KEEP" ] && rm -rf "$TMP"
  return 0
}
trap cleanup EXIT

start_simulator() { # $1: request log
  rm -f "$TMP/sim.out"
  "$CLI" simulate-api --port 0 --latency-ms "$LATENCY" --seed 42 --request-log "$1" >"$TMP/sim.out" 2>"$TMP/sim.err" &
  SIM_PID=$!
  for _ in $(seq 100); do grep -q listening "$TMP/sim.out" 2>/dev/null && break; sleep 0.05; done
  BASE=$(sed -n 's/^listening on //p' "$TMP/sim.out")
  [ -n "$BASE" ] || { echo "simulator did not start" >&2; exit 1; }
}

stop_simulator() {
  kill -TERM "$SIM_PID"
  wait "$SIM_PID" || true
  SIM_PID=
}

echo "latency ${LATENCY} ms, ${START} … ${END} ${DATES[*]}, --rate ${RATE}"
printf "%-8s %-9s %-9s %-9s %-7s %-7s %-8s %-7s %-7s\n" workers requests seconds "req/s" bound ratio idle_s max_1s lat_ms
for W in $WORKERS; do
  for R in $(seq "$REPEAT"); do
    LOG="$TMP/requests-$W-$R.tsv"
    start_simulator "$LOG"
    WS="$TMP/ws-$W-$R"
    rm -rf "$WS"
    "$CLI" backfill --workspace "$WS" --start "$START" --end "$END" --api-base "$BASE" --api-key bench \
      "${DATES[@]}" --workers "$W" --rate "$RATE" --json 2>"$TMP/err-$W-$R" >"$TMP/out-$W-$R.json" || true
    stop_simulator
  done
  python3 - "$TMP" "$W" "$REPEAT" "$LATENCY" "$RATE" <<'PY'
import json, statistics, sys
tmp, w, repeat, lat, rate = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
rows = []
for r in range(1, repeat + 1):
    s = json.load(open(f"{tmp}/out-{w}-{r}.json"))
    spans = []
    for line in open(f"{tmp}/requests-{w}-{r}.tsv").read().splitlines()[1:]:
        a, b = line.split("\t")[:2]
        spans.append((float(a) / 1000, float(b) / 1000 if b != "-" else float(a) / 1000))
    spans.sort()
    idle, covered = 0.0, spans[0][0] if spans else 0.0
    for a, b in spans:  # gaps in the union of [arrived, answered]
        if a > covered:
            idle += a - covered
        covered = max(covered, b)
    arrivals = [a for a, _ in spans]
    busiest, j = 0, 0
    for i, a in enumerate(arrivals):
        while arrivals[j] <= a - 1.0:
            j += 1
        busiest = max(busiest, i - j + 1)
    latency = sum(b - a for a, b in spans) / len(spans) * 1000
    rows.append((s["requests"] / s["seconds"], s["requests"], s["seconds"], idle, busiest, latency, s))
rows.sort(key=lambda x: x[0])
rps, requests, seconds, idle, busiest, latency, s = rows[len(rows) // 2]
if s["dates_failed"] or s["stopped_reason"]:
    print(f"warning: {s['dates_failed']} failed dates, stopped: {s['stopped_reason']}", file=sys.stderr)
bound = min(w * 1000.0 / lat, rate)
print(f"{w:<8} {requests:<9} {seconds:<9.2f} {rps:<9.1f} {bound:<7.0f} {rps / bound:<7.2f} {idle:<8.2f} {busiest:<7} {latency:<7.1f}")
PY
done
