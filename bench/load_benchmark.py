#!/usr/bin/env python3
"""Phase 2 load benchmark: a full simulated season of raw event-odds files
(generate_season.py: ~2,400 games x 8 bookmakers x 2 pitchers x 3 points ≈ 115,000
betting lines), loaded into a fresh workspace database by `backfill-studio-cli load`.
Prints rows/s per repeat and the best.

    bench/load_benchmark.py --cli build/src/cli/backfill-studio-cli [--dir /tmp/bfs-load-bench]
        [--games 2400] [--bookmakers 8] [--points 3] [--repeat 3] [--workers N]
"""
import argparse
import json
import os
import resource
import shutil
import subprocess
import sys

here = os.path.dirname(os.path.abspath(__file__))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--dir", default="/tmp/bfs-load-bench")
    ap.add_argument("--games", type=int, default=2400)
    ap.add_argument("--bookmakers", type=int, default=8)
    ap.add_argument("--points", type=int, default=3)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--workers", type=int)
    args = ap.parse_args()

    stamp = os.path.join(args.dir, "season.json")
    wanted = {"games": args.games, "bookmakers": args.bookmakers, "points": args.points}
    if not os.path.exists(stamp) or json.load(open(stamp)).get("wanted") != wanted:
        shutil.rmtree(args.dir, ignore_errors=True)
        out = subprocess.run([sys.executable, os.path.join(here, "generate_season.py"), "--workspace", args.dir,
                              "--games", str(args.games), "--bookmakers", str(args.bookmakers),
                              "--points", str(args.points)], check=True, capture_output=True, text=True).stdout
        json.dump({"wanted": wanted, "generated": json.loads(out)}, open(stamp, "w"))

    best = None
    for i in range(args.repeat):
        for suffix in ("", "-wal", "-shm"):
            try:
                os.remove(os.path.join(args.dir, "workspace.sqlite" + suffix))
            except FileNotFoundError:
                pass
        cmd = [args.cli, "load", "--workspace", args.dir, "--json"]
        if args.workers:
            cmd += ["--workers", str(args.workers)]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        run = subprocess.run(cmd, capture_output=True, text=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        if run.returncode != 0:
            sys.exit("load failed (%d): %s" % (run.returncode, run.stderr))
        summary = json.loads(run.stdout)
        rate = summary["rows_inserted"] / summary["seconds"]
        # CPU time shows what the load costs when other processes share the cores.
        print("run %d: %d files, %d rows in %.3f s wall (%.3f s CPU) = %.0f rows/s" % (
            i + 1, summary["files_loaded"], summary["rows_inserted"], summary["seconds"], cpu, rate))
        best = rate if best is None else max(best, rate)
    print("best: %.0f rows/s" % best)


if __name__ == "__main__":
    main()
