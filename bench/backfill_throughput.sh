#!/usr/bin/env bash
# Odds backfill phase-1 throughput against the built-in simulator with a fixed latency: for each
# worker count, requests/s against the bound min(workers / latency, rate), and what the simulator's
# own request log shows (a fresh simulator per run, --request-log):
#   idle_s    time between the first arrival and the last answer with no request in flight
#   max_1s    the most requests that arrived within any one second (the API counts this window)
#   lat_ms    the simulator's mean answer time (the ±25 % jitter of seed 42 averages ~101 ms over
#             the default range's 348 requests; the bound assumes the nominal latency)
#   ideal     the ratio a client with no cost of its own would reach with the same answer times:
#             `workers` requests in flight from the first instant, each date's events list first (in
#             run order), then its odds, the oldest open date's first, the i-th request sent taking
#             the simulator's i-th answer time; what separates ratio from ideal is the client
#             (and the machine it shares with the simulator). "-" when the rate is the bound.
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
printf "%-8s %-9s %-9s %-9s %-7s %-7s %-8s %-7s %-7s %-6s\n" workers requests seconds "req/s" bound ratio idle_s max_1s lat_ms ideal
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
import glob, heapq, json, os, statistics, sys
tmp, w, repeat, lat, rate = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])


def ideal_seconds(workspace, answer_times):
    """Makespan of the zero-cost client described at the top, or None without a complete picture."""
    dates = sorted(glob.glob(f"{workspace}/raw/*/*"))
    odds = {os.path.basename(d): sum(1 for f in os.listdir(d) if f != "events.json") for d in dates}
    if not dates or len(odds) + sum(odds.values()) > len(answer_times):
        return None
    times, lists, open_dates, flight, free, end = iter(answer_times), sorted(odds), [], [], w, 0.0

    def send(now):
        nonlocal free
        while free and (lists or open_dates):
            if lists:
                heapq.heappush(flight, (now + next(times), lists.pop(0)))
            else:
                day = open_dates[0]
                odds[day] -= 1
                if not odds[day]:
                    open_dates.pop(0)
                heapq.heappush(flight, (now + next(times), None))
            free -= 1

    send(0.0)
    while flight:
        end, listed = heapq.heappop(flight)
        free += 1
        if listed and odds[listed]:
            open_dates.append(listed)
        send(end)
    return end


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
    ideal = ideal_seconds(f"{tmp}/ws-{w}-{r}", [b - a for a, b in spans])  # spans are in arrival order
    rows.append((s["requests"] / s["seconds"], s["requests"], s["seconds"], idle, busiest, latency, ideal, s))
rows.sort(key=lambda x: x[0])
rps, requests, seconds, idle, busiest, latency, ideal, s = rows[len(rows) // 2]
if s["dates_failed"] or s["stopped_reason"]:
    print(f"warning: {s['dates_failed']} failed dates, stopped: {s['stopped_reason']}", file=sys.stderr)
bound = min(w * 1000.0 / lat, rate)
ideal_text = f"{requests / ideal / bound:.2f}" if ideal and rate >= w * 1000.0 / lat else "-"
print(f"{w:<8} {requests:<9} {seconds:<9.2f} {rps:<9.1f} {bound:<7.0f} {rps / bound:<7.2f} {idle:<8.2f} {busiest:<7} {latency:<7.1f} {ideal_text:<6}")
PY
done
