#!/usr/bin/env bash
# `evaluate` at a million predictions: import + evaluate, then evaluate alone, with the
# wall seconds and the maximum resident set size of each (GNU time). The workspace is a
# season backfilled from the built-in simulator and loaded; the CSV is the simulator's
# sample predictions (4,756 rows) repeated to ROWS data rows under one header.
#
# usage: bench/predictions_1m.sh [CLI] [DIR] [ROWS]
#   defaults: build/src/cli/backfill-studio-cli /tmp/big1m 1000000
# The workspace and CSVs in DIR are kept and reused by later runs (delete DIR to rebuild);
# e1.json / e2.json (and e-small.json, the 4,756-row set) are left there for diffing
# against another build's output.
set -euo pipefail
CLI=$(realpath "${1:-build/src/cli/backfill-studio-cli}")
DIR=${2:-/tmp/big1m}
ROWS=${3:-1000000}
START=2024-04-01
END=2024-09-29
mkdir -p "$DIR"
cd "$DIR"

SIM_PID=
cleanup() { [ -n "$SIM_PID" ] && kill "$SIM_PID" 2>/dev/null || true; }
trap cleanup EXIT

if [ ! -f ws/.loaded ]; then
  rm -rf ws
  "$CLI" simulate-api --port 0 --key k >sim.out 2>sim.err &
  SIM_PID=$!
  for _ in $(seq 50); do grep -q listening sim.out 2>/dev/null && break; sleep 0.1; done
  BASE=$(sed -n 's/^listening on //p' sim.out)
  [ -n "$BASE" ] || { echo "simulator did not start" >&2; exit 1; }
  ODDS_API_KEY=k "$CLI" backfill --workspace ws --start "$START" --end "$END" --api-base "$BASE" \
    --rate 1000 --workers 8 --json >/dev/null 2>backfill.err
  kill "$SIM_PID"; SIM_PID=
  "$CLI" load --workspace ws >/dev/null 2>&1
  touch ws/.loaded
fi
if [ ! -f "p$ROWS.csv" ]; then
  "$CLI" sample-predictions --out p.csv --start "$START" --end "$END" --seed 3 >/dev/null
  python3 - "$ROWS" <<'PY'
import sys
rows = int(sys.argv[1])
lines = open("p.csv", encoding="utf-8").read().splitlines()
header, body = lines[0], [l for l in lines[1:] if l.strip()]
with open(f"p{rows}.csv", "w", encoding="utf-8") as out:
    out.write(header + "\n")
    for i in range(rows):
        out.write(body[i % len(body)] + "\n")
PY
fi

# Runs the CLI under GNU time; prints "label seconds cpu_seconds max_rss_MB" (CPU = user + system:
# on a shared machine the wall time depends on who else is running).
measure() {
  local label=$1 out=$2; shift 2
  /usr/bin/time -v "$CLI" "$@" >"$out" 2>time.err || { cat time.err >&2; exit 1; }
  python3 - "$label" <<'PY'
import re, sys
text = open("time.err").read()
wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", text)
h, m, s = wall.group(1), wall.group(2), wall.group(3)
seconds = (int(h) * 3600 if h else 0) + int(m) * 60 + float(s)
cpu = sum(float(re.search(rf"{k} time \(seconds\): ([\d.]+)", text).group(1)) for k in ("User", "System"))
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1))
print(f"{sys.argv[1]:<40} {seconds:8.2f} s {cpu:8.2f} s {rss / 1024:9.1f} MB")
PY
}

printf "%-40s %10s %10s %12s\n" command seconds CPU "max RSS"
measure "evaluate --predictions p.csv (4,756)" e-small-import.json evaluate --workspace ws --predictions p.csv --json
measure "evaluate (4,756)" e-small.json evaluate --workspace ws --json
measure "evaluate --predictions p$ROWS.csv" e1.json evaluate --workspace ws --predictions "p$ROWS.csv" --json
measure "evaluate ($ROWS)" e2.json evaluate --workspace ws --json
