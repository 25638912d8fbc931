#!/usr/bin/env python3
"""Writes a synthetic season of raw event-odds files, shaped exactly like The Odds API v4
historical event-odds responses (odds-api.md, endpoint 2), into WORKSPACE/raw/{sport}/{date}/.

Independent of the built-in simulator on purpose: the loader benchmark must not depend on
phase 1. Deterministic for a given --seed."""
import argparse
import datetime as dt
import json
import os
import random

BOOKMAKERS = ["draftkings", "fanduel", "betmgm", "caesars", "pointsbetus", "betrivers", "unibet_us",
              "wynnbet", "bovada", "betonlineag", "mybookieag", "superbook"]
TEAMS = ["New York Yankees", "Boston Red Sox", "Toronto Blue Jays", "Tampa Bay Rays", "Baltimore Orioles",
         "Cleveland Guardians", "Minnesota Twins", "Detroit Tigers", "Chicago White Sox", "Kansas City Royals",
         "Houston Astros", "Seattle Mariners", "Texas Rangers", "Los Angeles Angels", "Oakland Athletics",
         "Atlanta Braves", "Philadelphia Phillies", "New York Mets", "Miami Marlins", "Washington Nationals",
         "Milwaukee Brewers", "Chicago Cubs", "St. Louis Cardinals", "Cincinnati Reds", "Pittsburgh Pirates",
         "Los Angeles Dodgers", "San Diego Padres", "San Francisco Giants", "Arizona Diamondbacks", "Colorado Rockies"]
FIRST = ["Gerrit", "José", "Shohei", "Zack", "Corbin", "Logan", "Spencer", "Tyler", "Kevin", "Lance", "Luis", "A.J."]
LAST = ["Cole", "Berríos", "Ohtani", "Wheeler", "Burnes", "Webb", "Strider", "Glasnow", "Gausman", "McCullers Jr.",
        "Castillo", "Puk", "Nola", "Valdez", "Gallen"]


def american(rng):
    p = rng.choice([-150, -140, -135, -130, -125, -120, -118, -115, -112, -110, -108, -105, 100, 102, 105, 110,
                    115, 120, 125, 130])
    return p


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--workspace", required=True)
    ap.add_argument("--games", type=int, default=2400)
    ap.add_argument("--bookmakers", type=int, default=8)
    ap.add_argument("--points", type=int, default=3)
    ap.add_argument("--games-per-day", type=int, default=15)
    ap.add_argument("--start", default="2024-03-28")
    ap.add_argument("--sport", default="baseball_mlb")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    # Five-man rotations: ~150 starters a season, as in MLB (names repeat, as real ones do).
    rotations = {team: ["%s %s" % (rng.choice(FIRST), rng.choice(LAST)) + ("" if i == 0 else " " + "ABCDE"[i])
                        for i in range(5)] for team in TEAMS}
    day = dt.date.fromisoformat(args.start)
    game = 0
    rows = 0
    while game < args.games:
        folder = os.path.join(args.workspace, "raw", args.sport, day.isoformat())
        os.makedirs(folder, exist_ok=True)
        events = []
        for _ in range(min(args.games_per_day, args.games - game)):
            event_id = "%032x" % rng.getrandbits(128)
            # Evening games start after midnight UTC: their game_date is the day before in New York.
            commence = dt.datetime.combine(day, dt.time(17, 5)) + dt.timedelta(minutes=rng.randrange(0, 9 * 60, 5))
            snapshot = commence - dt.timedelta(hours=1)
            home, away = rng.sample(TEAMS, 2)
            pitchers = [rotations[home][game % 5], rotations[away][game % 5]]
            event = {"id": event_id, "sport_key": args.sport, "sport_title": "MLB", "commence_time": iso(commence),
                     "home_team": home, "away_team": away}
            events.append(event)
            bookmakers = []
            for key in rng.sample(BOOKMAKERS, args.bookmakers):
                outcomes = []
                for pitcher in pitchers:
                    base = rng.choice([4.5, 5.5, 6.5])
                    for i in range(args.points):
                        point = base + i - args.points // 2
                        outcomes.append({"name": "Over", "description": pitcher, "price": american(rng), "point": point})
                        outcomes.append({"name": "Under", "description": pitcher, "price": american(rng), "point": point})
                        rows += 1
                update = iso(snapshot - dt.timedelta(minutes=rng.randrange(1, 30)))
                bookmakers.append({"key": key, "title": key.title(), "last_update": update,
                                   "markets": [{"key": "pitcher_strikeouts", "last_update": update, "outcomes": outcomes}]})
            body = {"timestamp": iso(snapshot), "previous_timestamp": iso(snapshot - dt.timedelta(minutes=5)),
                    "next_timestamp": iso(snapshot + dt.timedelta(minutes=5)), "data": dict(event, bookmakers=bookmakers)}
            with open(os.path.join(folder, event_id + ".json"), "w", encoding="utf-8") as f:
                json.dump(body, f, separators=(",", ":"), ensure_ascii=False)
            game += 1
        stamp = iso(dt.datetime.combine(day, dt.time(15, 0)))
        with open(os.path.join(folder, "events.json"), "w", encoding="utf-8") as f:
            json.dump({"timestamp": stamp, "previous_timestamp": stamp, "next_timestamp": stamp, "data": events}, f,
                      separators=(",", ":"), ensure_ascii=False)
        day += dt.timedelta(days=1)
    print(json.dumps({"files": args.games, "rows": rows}))


if __name__ == "__main__":
    main()
