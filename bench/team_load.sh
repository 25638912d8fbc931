#!/usr/bin/env bash
# Phase 2 into a team database (team.md): the season of bench/generate_season.py (2,400 games,
# ≈115,000 lines) stored in raw_snapshots of a PostgreSQL server started for the purpose, then
# `load --database` timed a few times (each time on an empty betting_lines, every snapshot
# unloaded again). Prints rows/s next to the SQLite figure of bench/load_benchmark.py.
#   bench/team_load.sh build/src/cli/backfill-studio-cli [repeat]
set -euo pipefail
cli=$(realpath "$1")
repeat=${2:-3}
here=$(cd "$(dirname "$0")" && pwd)
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[[ -x "$bin/pg_ctl" ]] || bin=$(dirname "$(command -v pg_ctl)")
work=$(mktemp -d /tmp/bfs-team-bench.XXXXXX)
as_server=()
if [[ $(id -u) -eq 0 ]]; then
  chown nobody:nogroup "$work"
  as_server=(setpriv --reuid=nobody --regid=nogroup --clear-groups --)
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
export PGPASSWORD=bench-pass PGHOST=127.0.0.1 PGPORT=$port PGUSER=bfs
trap '"${as_server[@]}" "$bin/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
echo -n "$PGPASSWORD" > "$work/pw"; [[ ${#as_server[@]} -gt 0 ]] && chown nobody "$work/pw"
"${as_server[@]}" "$bin/initdb" -D "$work/data" -U bfs --pwfile="$work/pw" --auth=scram-sha-256 -E UTF8 --no-locale --no-sync >/dev/null
# Durable settings (fsync on): the figure is what a real server gives, not a test server's.
"${as_server[@]}" "$bin/pg_ctl" -D "$work/data" -l "$work/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories='' -c shared_buffers=256MB -c max_wal_size=4GB" start >/dev/null
"$bin/createdb" bench
url="postgresql://bfs@127.0.0.1:$port/bench"

season=/tmp/bfs-load-bench
[[ -d "$season/raw" ]] || python3 "$here/generate_season.py" --workspace "$season" >/dev/null
"$cli" status --workspace "$work/ws" --database "$url" >/dev/null # creates the schema
# The season's files as raw_snapshots rows (COPY text format, bodies as bytea hex).
python3 - "$season/raw" > "$work/snapshots.copy" <<'PY'
import hashlib, os, sys
root = sys.argv[1]
for sport in sorted(os.listdir(root)):
    for date in sorted(os.listdir(os.path.join(root, sport))):
        for name in sorted(os.listdir(os.path.join(root, sport, date))):
            body = open(os.path.join(root, sport, date, name), "rb").read()
            kind, event = ("events", "") if name == "events.json" else ("odds", name[:-5])
            print("\t".join([sport, date, event, kind, "\\\\x" + body.hex(), hashlib.sha256(body).hexdigest(),
                             "2026-01-01T00:00:00Z"]))
PY
"$bin/psql" -q -d bench -c "\copy raw_snapshots (sport, game_date, event_id, kind, body, sha256, fetched_at) FROM '$work/snapshots.copy'"
echo "snapshots: $("$bin/psql" -Atq -d bench -c "SELECT count(*) FROM raw_snapshots WHERE kind = 'odds'")"
for i in $(seq "$repeat"); do
  "$bin/psql" -q -d bench -c "TRUNCATE betting_lines" -c "UPDATE raw_snapshots SET loaded_at = NULL, load_run = NULL" -c "VACUUM ANALYZE"
  "$cli" load --workspace "$work/ws" --database "$url" ${BFS_LOAD_WORKERS:+--workers $BFS_LOAD_WORKERS} --json 2>/dev/null |
    python3 -c 'import json,sys; d=json.load(sys.stdin); print("run: %d rows in %.3f s = %.0f rows/s (%d workers)" % (d["rows_inserted"], d["seconds"], d["rows_inserted"]/d["seconds"], d["workers"]))'
done
