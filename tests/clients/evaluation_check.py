#!/usr/bin/env python3
"""`evaluate --json` against an independent computation from evaluation.md, on a season.

usage: evaluation_check.py PATH/TO/backfill-studio-cli

Runs the real pipeline on a simulated 2024 season (simulate-api → backfill → load →
sample-predictions → evaluate) and recomputes, in plain Python from the spec alone,
phases 3–5 and the "Depth" keys (accuracy, by_pitcher, bankroll, kelly_fraction,
recommended_min_edge, market_comparison) from the workspace's betting_lines and the
predictions CSV. Every number must agree to 1e-6, every count, order and null exactly.
Exit 0 when they all do.
"""
import csv
import json
import math
import os
import sqlite3
import subprocess
import sys
import tempfile
import unicodedata

START, END, SEED = "2024-04-01", "2024-09-29", "42"
MIN_EDGES = (0.5, 1.25)
TOLERANCE = 1e-6
BREAKEVEN = 110 / 210
WIN = 100 / 110


def lookup(name):
    text = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).lower()
    kept = [t for t in text.split() if "".join(c for c in t if c.isalpha()) not in ("jr", "sr", "ii", "iii", "iv")]
    return "".join(c for c in "".join(kept) if "a" <= c <= "z")


def implied(american):
    return 100 / (american + 100) if american > 0 else -american / (-american + 100)


def decimal(american):
    return 1 + american / 100 if american > 0 else 1 + 100 / -american


def match_lines(rows):
    """Phase 3 for one (date, player): the kept line per bookmaker and the consensus point."""
    by_book = {}
    for row in rows:
        by_book.setdefault(row["bookmaker"], []).append(row)
    kept = {}
    for book, book_rows in by_book.items():
        latest = max(r["snapshot_time"] for r in book_rows)
        candidates = [r for r in book_rows if r["snapshot_time"] == latest]

        def distance(r):
            o, u = r["over_implied_prob"], r["under_implied_prob"]
            return abs(o - u) if o is not None and u is not None else math.inf
        kept[book] = min(candidates, key=lambda r: (distance(r), r["point"]))
    counts = {}
    for r in kept.values():
        counts[r["point"]] = counts.get(r["point"], 0) + 1
    consensus = min(counts, key=lambda p: (-counts[p], p))
    return consensus, list(kept.values())


def grade(line, side, actual):
    if side == "PASS":
        return "PASS"
    if actual is None:
        return "UNGRADED"
    if actual == line:
        return "PUSH"
    won = actual > line if side == "OVER" else actual < line
    return "WIN" if won else "LOSS"


def recommend(edge, min_edge):
    if edge >= min_edge - 1e-9:
        return "OVER"
    if edge <= -min_edge + 1e-9:
        return "UNDER"
    return "PASS"


def poisson_over(lam, line):
    if lam <= 0:
        return 0.0
    pmf = [math.exp(-lam) * lam ** k / math.factorial(k) for k in range(int(math.floor(line)) + 1)]
    above = 1 - sum(pmf)
    push = pmf[-1] if line == math.floor(line) else 0.0
    return above / (1 - push)


def expected(predictions, lines, min_edge):
    graded = []  # (index, prediction, line, books, side, result)
    for i, p in enumerate(predictions):
        key = (p["game_date"], p["player_lookup"])
        if key not in lines:
            continue
        consensus, books = lines[key]
        side = recommend(p["predicted"] - consensus, min_edge)
        graded.append((i, p, consensus, books, side, grade(consensus, side, p["actual"])))
    decided = [g for g in graded if g[5] in ("WIN", "LOSS")]

    def rates(wins, n):
        return (wins / n if n else None), ((wins * WIN - (n - wins)) / n if n else None)

    errors = [p["predicted"] - p["actual"] for p in predictions if p["actual"] is not None]
    n = len(errors)
    accuracy = {"n": n, "mae": sum(map(abs, errors)) / n if n else None,
                "rmse": math.sqrt(sum(e * e for e in errors) / n) if n else None,
                "bias": sum(errors) / n if n else None}
    for k in (1, 2, 3):
        accuracy[f"within_{k}"] = sum(1 for e in errors if abs(e) <= k) / n if n else None

    names, pitcher_errors = {}, {}
    for p in predictions:
        names.setdefault(p["player_lookup"], p["pitcher_name"])
        if p["actual"] is not None:
            pitcher_errors.setdefault(p["player_lookup"], []).append(p["predicted"] - p["actual"])
    pitchers = {}
    for _, p, _, _, side, result in decided:
        s = pitchers.setdefault(p["player_lookup"], {"wins": 0, "losses": 0, "OVER": 0, "UNDER": 0})
        s["wins" if result == "WIN" else "losses"] += 1
        s[side] += 1
    by_pitcher = []
    for key, s in pitchers.items():
        count = s["wins"] + s["losses"]
        hit, roi = rates(s["wins"], count)
        errs = pitcher_errors.get(key, [])
        by_pitcher.append({"player_lookup": key, "pitcher_name": names[key], "n": count, "wins": s["wins"],
                           "losses": s["losses"], "hit_rate": hit, "roi_110": roi, "over": s["OVER"],
                           "under": s["UNDER"], "bias": sum(errs) / len(errs) if errs else None})
    by_pitcher.sort(key=lambda r: (-r["n"], r["player_lookup"]))

    units = peak = drawdown = 0.0
    streak = {"WIN": 0, "LOSS": 0}
    longest = {"WIN": 0, "LOSS": 0}
    for _, _, _, _, _, result in sorted(decided, key=lambda g: (g[1]["game_date"], g[1]["player_lookup"], g[0])):
        units += WIN if result == "WIN" else -1
        peak = max(peak, units)
        drawdown = max(drawdown, peak - units)
        other = "LOSS" if result == "WIN" else "WIN"
        streak[result] += 1
        streak[other] = 0
        longest[result] = max(longest[result], streak[result])
    bankroll = {"units": units, "max_drawdown": drawdown, "longest_winning_streak": longest["WIN"],
                "longest_losing_streak": longest["LOSS"]}

    wins = sum(1 for g in decided if g[5] == "WIN")
    hit, _ = rates(wins, len(decided))
    kelly = max(0.0, (hit * WIN - (1 - hit)) / WIN) if hit is not None else None

    sweep = []
    for step in range(13):
        threshold = step * 0.25
        w = l = 0
        for _, p, consensus, _, _, _ in graded:
            result = grade(consensus, recommend(p["predicted"] - consensus, threshold), p["actual"])
            w += result == "WIN"
            l += result == "LOSS"
        sweep.append((threshold, w + l, rates(w, w + l)[1]))
    eligible = [(roi, threshold) for threshold, count, roi in sweep if count >= 50]
    best = max(roi for roi, _ in eligible) if eligible else None
    recommended = min(t for roi, t in eligible if roi == best) if eligible else None

    model_sq = market_sq = 0.0
    scored = 0
    for _, p, consensus, books, side, result in decided:
        quoting = [b for b in books if b["point"] == consensus and b["over_price"] and b["under_price"]]
        if not quoting:
            continue
        market_over = sum(implied(b["over_price"]) / (implied(b["over_price"]) + implied(b["under_price"]))
                          for b in quoting) / len(quoting)
        model_over = poisson_over(p["predicted"], consensus)
        model, market = (model_over, market_over) if side == "OVER" else (1 - model_over, 1 - market_over)
        outcome = 1.0 if result == "WIN" else 0.0
        model_sq += (model - outcome) ** 2
        market_sq += (market - outcome) ** 2
        scored += 1
    market = {"n": scored, "brier_model": model_sq / scored if scored else None,
              "brier_market": market_sq / scored if scored else None,
              "beats_market": scored > 0 and model_sq < market_sq}

    return {"n": len(decided), "wins": wins, "hit_rate": hit, "accuracy": accuracy, "by_pitcher": by_pitcher,
            "bankroll": bankroll, "kelly_fraction": kelly, "recommended_min_edge": recommended,
            "market_comparison": market}


def compare(path, got, want, problems):
    if isinstance(want, dict):
        if not isinstance(got, dict):
            problems.append(f"{path}: {got!r} is not an object")
            return
        for key, value in want.items():
            if key not in got:
                problems.append(f"{path}.{key} missing")
            else:
                compare(f"{path}.{key}", got[key], value, problems)
    elif isinstance(want, list):
        if not isinstance(got, list) or len(got) != len(want):
            problems.append(f"{path}: {len(got) if isinstance(got, list) else got!r} entries, expected {len(want)}")
            return
        for i, (g, w) in enumerate(zip(got, want)):
            compare(f"{path}[{i}]", g, w, problems)
    elif isinstance(want, bool) or want is None or isinstance(want, str):
        if got != want:
            problems.append(f"{path}: {got!r}, expected {want!r}")
    elif isinstance(want, int):
        if got != want:
            problems.append(f"{path}: {got!r}, expected {want!r}")
    elif got is None or abs(got - want) > TOLERANCE:
        problems.append(f"{path}: {got!r}, expected {want!r}")


def vary(csv_path):
    """What real files hold and the sample does not: a pitcher written a second way (every 11th
    row gains " Jr.", the same player_lookup) and games not graded yet (every 13th row)."""
    with open(csv_path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        fields, rows = reader.fieldnames, list(reader)
    for i, row in enumerate(rows):
        if i % 11 == 5:
            row["pitcher_name"] += " Jr."
        if i % 13 == 7:
            row["actual_strikeouts"] = ""
    with open(csv_path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)


def run(cli, *args):
    return subprocess.run([cli, *args], check=True, capture_output=True, text=True, timeout=300).stdout


def main():
    cli = sys.argv[1]
    with tempfile.TemporaryDirectory() as tmp:
        workspace, csv_path = os.path.join(tmp, "ws"), os.path.join(tmp, "predictions.csv")
        simulator = subprocess.Popen([cli, "simulate-api", "--port", "0", "--seed", SEED], stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, text=True)
        try:
            line = simulator.stdout.readline()
            if not line.startswith("listening on "):
                sys.exit(f"simulator did not start: {line!r}")
            base = line.split()[-1]
            run(cli, "backfill", "--workspace", workspace, "--start", START, "--end", END, "--api-base", base,
                "--api-key", "check", "--workers", "2", "--rate", "10000", "--json")
        finally:
            simulator.terminate()
            simulator.wait()
        run(cli, "load", "--workspace", workspace, "--json")
        run(cli, "sample-predictions", "--out", csv_path, "--start", START, "--end", END, "--seed", SEED)
        vary(csv_path)

        with open(csv_path, encoding="utf-8-sig", newline="") as f:
            predictions = [{"game_date": r["game_date"], "pitcher_name": r["pitcher_name"],
                            "player_lookup": lookup(r["pitcher_name"]), "predicted": float(r["predicted_strikeouts"]),
                            "actual": int(r["actual_strikeouts"]) if r["actual_strikeouts"].strip() else None}
                           for r in csv.DictReader(f)]
        db = sqlite3.connect(os.path.join(workspace, "workspace.sqlite"))
        db.row_factory = sqlite3.Row
        grouped = {}
        for row in db.execute("SELECT game_date, player_lookup, bookmaker, point, over_price, under_price, "
                              "over_implied_prob, under_implied_prob, snapshot_time FROM betting_lines "
                              "WHERE market = 'pitcher_strikeouts'"):
            grouped.setdefault((row["game_date"], row["player_lookup"]), []).append(dict(row))
        db.close()
        lines = {key: match_lines(rows) for key, rows in grouped.items()}

        problems = []
        imported = False
        for min_edge in MIN_EDGES:
            args = ["evaluate", "--workspace", workspace, "--min-edge", str(min_edge), "--json"]
            if not imported:
                args[3:3] = ["--predictions", csv_path]
                imported = True
            got = json.loads(run(cli, *args))
            want = expected(predictions, lines, min_edge)
            if want["n"] < 500 or not want["by_pitcher"] or want["recommended_min_edge"] is None:
                problems.append(f"min_edge {min_edge}: the season is too thin to check anything ({want['n']} bets)")
            compare(f"min_edge {min_edge}", got, want, problems)
            print(f"min_edge {min_edge}: {want['n']} bets, {len(want['by_pitcher'])} pitchers, "
                  f"market n {want['market_comparison']['n']}, recommended {want['recommended_min_edge']}")
        for problem in problems[:40]:
            print(problem)
        sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
