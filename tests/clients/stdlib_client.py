#!/usr/bin/env python3
"""The simulator against a client that is not ours: Python's standard library, which
percent-encodes query values the way `requests` does (":" as %3A, "," as %2C).

usage: stdlib_client.py PATH/TO/backfill-studio-cli
Starts `simulate-api` on free loopback ports and checks what a real client of The Odds
API relies on: the events list and its filters (eventIds, commenceTimeFrom/To), odds for
every market the simulator accepts, dateFormat, the quota headers and the billing per
market, the 401 / 422 / 404 / 429 bodies, gzip when asked for it, and the 204 empty
snapshot of `--rate-204`. Exit 0 when every check holds.
"""
import datetime
import gzip
import hashlib
import json
import socket
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request

KEY = "stdlib-client-key"
QUOTA = 1_000_000
SPORT = "baseball_mlb"
EVENTS_PATH = f"/v4/historical/sports/{SPORT}/events"
PITCHER_MARKETS = ["pitcher_strikeouts", "pitcher_outs", "pitcher_hits_allowed", "pitcher_walks",
                   "pitcher_earned_runs"]
BATTER_MARKETS = ["batter_strikeouts", "batter_hits", "batter_walks", "batter_total_bases",
                  "batter_home_runs", "batter_rbis"]
# Plausible points per market: what US books hang on these props.
POINTS = {"pitcher_strikeouts": (4.5, 7.5), "pitcher_outs": (15.5, 18.5), "pitcher_hits_allowed": (4.5, 6.5),
          "pitcher_walks": (1.5, 2.5), "pitcher_earned_runs": (1.5, 3.5), "batter_strikeouts": (0.5, 1.5),
          "batter_hits": (0.5, 1.5), "batter_walks": (0.5, 0.5), "batter_total_bases": (1.5, 1.5),
          "batter_home_runs": (0.5, 0.5), "batter_rbis": (0.5, 0.5)}
# One day of seed 7's pitcher_strikeouts answers, as main served them before the other
# markets existed (tst_simulatedseason's strikeoutAnswersAreUnchanged hashes the same bytes).
STRIKEOUTS_SEED7_SHA256 = "85b1046e07fde08577f25a513acfe3749068cca1324aed84275b4aad4b459115"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(base, path, params, headers=None):
    url = f"{base}{path}?{urllib.parse.urlencode(params)}"
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as reply:
            return reply.status, {k.lower(): v for k, v in reply.headers.items()}, reply.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def iso_seconds(text):
    check(isinstance(text, str) and text.endswith("Z"), f"not an ISO time in UTC: {text!r}")
    return int(datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ")
               .replace(tzinfo=datetime.timezone.utc).timestamp())


def iso(seconds):
    return datetime.datetime.fromtimestamp(seconds, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def check_error(reply, status, code, what):
    got, _, body = reply
    check(got == status, f"{what}: {got}, expected {status}: {body[:200]!r}")
    error = json.loads(body)
    check(isinstance(error.get("message"), str) and error["message"], f"{what}: no message in {error}")
    check(error.get("error_code") == code, f"{what}: error_code {error.get('error_code')}, expected {code}")


def start(cli, *flags):
    port = free_port()
    server = subprocess.Popen([cli, "simulate-api", "--port", str(port), *flags],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    if "listening" not in server.stdout.readline():
        server.terminate()
        server.wait(timeout=30)
        raise AssertionError(f"the simulator did not start with {flags}")
    return server, f"http://127.0.0.1:{port}"


class Quota:
    """Follows x-requests-* over a run: every answer bills x-requests-last, used and
    remaining add up to the quota."""

    def __init__(self):
        self.used = 0

    def follow(self, headers, what, expected_cost=None):
        for header in ("x-requests-remaining", "x-requests-used", "x-requests-last"):
            check(header in headers, f"{what}: header {header} missing")
        last, used, remaining = (int(headers[h]) for h in
                                 ("x-requests-last", "x-requests-used", "x-requests-remaining"))
        if expected_cost is not None:
            check(last == expected_cost, f"{what}: x-requests-last {last}, expected {expected_cost}")
        check(used == self.used + last, f"{what}: x-requests-used {used}, expected {self.used} + {last}")
        check(used + remaining == QUOTA, f"{what}: used {used} + remaining {remaining} is not the quota")
        self.used = used


def check_odds(body, market, players=None):
    """The shape odds-api.md documents, for one market: bookmakers, each with that market,
    outcomes in Over/Under pairs for one player and one point, numeric points and prices."""
    data = json.loads(body)["data"]
    check(isinstance(data, dict), f"{market}: data is not an object")
    check(data["bookmakers"], f"{market}: no bookmakers")
    low, high = POINTS[market]
    named = set()
    for book in data["bookmakers"]:
        keys = [m["key"] for m in book["markets"]]
        check(keys == [market], f"{market}: {book['key']} lists markets {keys}")
        outcomes = book["markets"][0]["outcomes"]
        check(outcomes and len(outcomes) % 2 == 0, f"{market}: {book['key']} has {len(outcomes)} outcomes")
        for over, under in zip(outcomes[::2], outcomes[1::2]):
            check(over["name"] == "Over" and under["name"] == "Under", f"{market}: not an Over/Under pair")
            check(isinstance(over["description"], str) and over["description"].strip(),
                  f"{market}: outcome without a player: {over}")
            check(over["description"] == under["description"], f"{market}: pair of two players")
            check(is_number(over["point"]) and over["point"] == under["point"], f"{market}: points {over}, {under}")
            check(low <= over["point"] <= high and over["point"] % 1 == 0.5,
                  f"{market}: point {over['point']} outside {low}…{high}")
            for outcome in (over, under):
                check(isinstance(outcome["price"], int) and (outcome["price"] <= -100 or outcome["price"] >= 100),
                      f"{market}: American price {outcome['price']!r}")
            if players is not None:
                check(over["description"] in players, f"{market}: {over['description']} does not play in this game")
            named.add(over["description"])
    return named


def strikeouts_hash(base):
    """Seed 7's strikeout answers for 2024-05-01, fetched the way the hash was made."""
    params = {"apiKey": KEY, "date": "2024-05-01T15:00:00Z"}
    status, _, events = get(base, EVENTS_PATH, params)
    check(status == 200, f"seed 7 events: {status}")
    parts = [events]
    for event in json.loads(events)["data"]:
        at = iso(iso_seconds(event["commence_time"]) - 3600)
        path = f"{EVENTS_PATH}/{event['id']}/odds"
        for regions, odds_format in (("us", "american"), ("us,us2", "decimal")):
            status, _, body = get(base, path, {"apiKey": KEY, "date": at, "regions": regions,
                                               "markets": "pitcher_strikeouts", "oddsFormat": odds_format})
            check(status == 200, f"seed 7 odds: {status}")
            parts.append(body)
    return hashlib.sha256(b"\n".join(parts)).hexdigest()


def main():
    cli = sys.argv[1]
    servers = []
    try:
        server, base = start(cli, "--key", KEY, "--seed", "7", "--quota", str(QUOTA))
        servers.append(server)
        quota = Quota()
        date = "2024-05-01T15:00:00Z"
        check("%3A" in urllib.parse.urlencode({"date": date}), "urlencode no longer encodes ':'")

        # Events.
        status, headers, body = get(base, EVENTS_PATH, {"apiKey": KEY, "date": date})
        check(status == 200, f"events: {status} {body[:200]!r}")
        quota.follow(headers, "events", expected_cost=1)
        listing = json.loads(body)
        events = listing["data"]
        check(len(events) > 10, f"events: {len(events)} games on 2024-05-01")
        check(iso_seconds(listing["timestamp"]) <= iso_seconds(date), "events: snapshot after the date asked")
        for event in events:
            check(set(event) >= {"id", "sport_key", "sport_title", "commence_time", "home_team", "away_team"},
                  f"events: fields {sorted(event)}")
            check(iso_seconds(event["commence_time"]) > iso_seconds(date), "events: a game already started")

        # Odds for each market: lines, billing 10 x markets x regions.
        event = events[0]
        odds_path = f"{EVENTS_PATH}/{urllib.parse.quote(event['id'], safe='')}/odds"
        at = iso(iso_seconds(event["commence_time"]) - 3600)
        for market in PITCHER_MARKETS + BATTER_MARKETS:
            params = {"apiKey": KEY, "date": at, "markets": market, "regions": "us,us2", "oddsFormat": "american"}
            status, headers, body = get(base, odds_path, params)
            check(status == 200, f"{market}: {status} {body[:200]!r}")
            quota.follow(headers, market, expected_cost=10 * 1 * 2)
            named = check_odds(body, market)
            check(len(named) >= (10 if market.startswith("batter_") else 2),
                  f"{market}: only {len(named)} players priced")
            again = get(base, odds_path, params)
            check(again[2] == body, f"{market}: the same request answered other bytes")
            quota.follow(again[1], f"{market} again")

        every = PITCHER_MARKETS + BATTER_MARKETS
        params = {"apiKey": KEY, "date": at, "markets": ",".join(every), "regions": "us", "oddsFormat": "american"}
        check("%2C" in urllib.parse.urlencode(params), "urlencode no longer encodes ','")
        status, headers, body = get(base, odds_path, params)
        check(status == 200, f"all markets: {status} {body[:200]!r}")
        returned = {m["key"] for b in json.loads(body)["data"]["bookmakers"] for m in b["markets"]}
        check(returned == set(every), f"all markets: returned {sorted(returned)}")
        quota.follow(headers, "all markets", expected_cost=10 * len(every) * 1)

        params = {"apiKey": KEY, "date": at, "markets": "pitcher_outs,batter_hits",
                  "bookmakers": "draftkings,fanduel", "oddsFormat": "decimal"}
        status, headers, body = get(base, odds_path, params)
        check(status == 200, f"bookmakers: {status} {body[:200]!r}")
        books = json.loads(body)["data"]["bookmakers"]
        check({b["key"] for b in books} <= {"draftkings", "fanduel"} and books, f"bookmakers: {[b['key'] for b in books]}")
        markets_returned = len({m["key"] for b in books for m in b["markets"]})
        quota.follow(headers, "bookmakers", expected_cost=10 * markets_returned * 1)
        prices = [o["price"] for b in books for m in b["markets"] for o in m["outcomes"]]
        check(all(isinstance(p, float) and p > 1 for p in prices), "decimal: prices are not decimal odds")

        # Errors: JSON bodies with a message, as the API answers.
        check_error(get(base, EVENTS_PATH, {"date": date}), 401, "MISSING_KEY", "no key")
        check_error(get(base, EVENTS_PATH, {"apiKey": "wrong", "date": date}), 401, "INVALID_KEY", "bad key")
        check_error(get(base, EVENTS_PATH, {"apiKey": KEY, "date": "2024-05-01"}), 422,
                    "INVALID_HISTORICAL_TIMESTAMP", "bad date")
        check_error(get(base, odds_path, {"apiKey": KEY, "date": at, "markets": "pitcher_strikeouts,batter_dunks",
                                          "regions": "us"}), 422, "INVALID_MARKET", "unknown market")
        unknown = "0123456789abcdef0123456789abcdef"
        check_error(get(base, f"{EVENTS_PATH}/{unknown}/odds", {"apiKey": KEY, "date": at, "regions": "us",
                                                                "markets": "pitcher_outs"}),
                    404, "EVENT_NOT_FOUND", "unknown event")
        check_error(get(base, "/v4/historical/sports/curling/events", {"apiKey": KEY, "date": date}), 404,
                    "UNKNOWN_SPORT", "unknown sport")

        # eventIds filters the list; bad ids are refused, not ignored.
        wanted = [events[4]["id"], events[1]["id"]]
        status, headers, body = get(base, EVENTS_PATH, {"apiKey": KEY, "date": date, "eventIds": ",".join(wanted)})
        check(status == 200, f"eventIds: {status} {body[:200]!r}")
        quota.follow(headers, "eventIds", expected_cost=1)
        check([e["id"] for e in json.loads(body)["data"]] == [events[1]["id"], events[4]["id"]],
              f"eventIds: {body[:300]!r}")
        status, headers, body = get(base, EVENTS_PATH, {"apiKey": KEY, "date": date, "eventIds": unknown})
        check(status == 200 and json.loads(body)["data"] == [], f"eventIds unknown: {status} {body[:200]!r}")
        quota.follow(headers, "eventIds unknown", expected_cost=0)
        check_error(get(base, EVENTS_PATH, {"apiKey": KEY, "date": date, "eventIds": "../etc"}), 422,
                    "INVALID_EVENT_ID", "eventIds malformed")
        check_error(get(base, EVENTS_PATH, {"apiKey": KEY, "date": date, "eventIds": ""}), 422,
                    "INVALID_EVENT_ID", "eventIds empty")

        # commenceTimeFrom / commenceTimeTo, inclusive.
        low, high = events[3]["commence_time"], events[9]["commence_time"]
        expected = [e["id"] for e in events if iso_seconds(low) <= iso_seconds(e["commence_time"]) <= iso_seconds(high)]
        check(0 < len(expected) < len(events), "commenceTime: the window holds no game, or every game")
        status, _, body = get(base, EVENTS_PATH, {"apiKey": KEY, "date": date, "commenceTimeFrom": low,
                                                  "commenceTimeTo": high})
        check(status == 200, f"commenceTime: {status} {body[:200]!r}")
        check([e["id"] for e in json.loads(body)["data"]] == expected, "commenceTime: not the games in the window")
        status, _, body = get(base, EVENTS_PATH, {"apiKey": KEY, "date": date, "commenceTimeFrom": high})
        check([e["id"] for e in json.loads(body)["data"]]
              == [e["id"] for e in events if iso_seconds(e["commence_time"]) >= iso_seconds(high)],
              "commenceTimeFrom alone")
        check_error(get(base, EVENTS_PATH, {"apiKey": KEY, "date": date, "commenceTimeFrom": "yesterday"}), 422,
                    "INVALID_COMMENCE_TIME_FROM", "commenceTimeFrom malformed")
        check_error(get(base, EVENTS_PATH, {"apiKey": KEY, "date": date, "commenceTimeTo": "2024-05-02"}), 422,
                    "INVALID_COMMENCE_TIME_TO", "commenceTimeTo without a time")

        # dateFormat.
        status, _, body = get(base, EVENTS_PATH, {"apiKey": KEY, "date": date, "dateFormat": "unix"})
        check(status == 200, f"dateFormat=unix: {status} {body[:200]!r}")
        unix = json.loads(body)
        check(unix["timestamp"] == iso_seconds(listing["timestamp"]), f"dateFormat=unix: timestamp {unix['timestamp']!r}")
        check([e["commence_time"] for e in unix["data"]] == [iso_seconds(e["commence_time"]) for e in events],
              "dateFormat=unix: commence_time is not unix seconds")
        status, _, body = get(base, EVENTS_PATH, {"apiKey": KEY, "date": date, "dateFormat": "iso"})
        check(json.loads(body) == listing, "dateFormat=iso is not the default answer")
        status, _, body = get(base, odds_path, {"apiKey": KEY, "date": at, "regions": "us", "markets": "batter_hits",
                                                "oddsFormat": "american", "dateFormat": "unix"})
        check(status == 200, f"odds dateFormat=unix: {status}")
        data = json.loads(body)["data"]
        check(data["commence_time"] == iso_seconds(event["commence_time"]), "odds dateFormat=unix: commence_time")
        check(all(isinstance(b["last_update"], int) and all(isinstance(m["last_update"], int) for m in b["markets"])
                  for b in data["bookmakers"]), "odds dateFormat=unix: last_update is not unix seconds")
        check_error(get(base, EVENTS_PATH, {"apiKey": KEY, "date": date, "dateFormat": "epoch"}), 422,
                    "INVALID_DATE_FORMAT", "dateFormat unknown")

        # gzip when asked for, the same JSON inside; identity otherwise.
        odds_params = {"apiKey": KEY, "date": at, "regions": "us,us2", "markets": "pitcher_outs,batter_rbis",
                       "oddsFormat": "american"}
        bad_market = dict(odds_params, markets="batter_dunks")
        for what, path, params in (("events", EVENTS_PATH, {"apiKey": KEY, "date": date}),
                                   ("odds", odds_path, odds_params), ("422", odds_path, bad_market)):
            plain = get(base, path, params)
            packed = get(base, path, params, {"Accept-Encoding": "gzip"})
            check(packed[0] == plain[0], f"gzip {what}: status {packed[0]}, uncompressed {plain[0]}")
            check("content-encoding" not in plain[1], f"gzip {what}: compressed without being asked")
            check(packed[1].get("content-encoding") == "gzip", f"gzip {what}: Content-Encoding {packed[1]}")
            check(packed[2][:2] == b"\x1f\x8b", f"gzip {what}: not a gzip member")
            check(int(packed[1]["content-length"]) == len(packed[2]), f"gzip {what}: Content-Length")
            check(gzip.decompress(packed[2]) == plain[2], f"gzip {what}: another JSON inside")
            json.loads(gzip.decompress(packed[2]))
        refused = get(base, EVENTS_PATH, {"apiKey": KEY, "date": date}, {"Accept-Encoding": "gzip;q=0, identity"})
        check("content-encoding" not in refused[1] and json.loads(refused[2]) == listing, "gzip;q=0 answered gzip")

        # The strikeout lines did not move when the other markets arrived.
        digest = strikeouts_hash(base)
        check(digest == STRIKEOUTS_SEED7_SHA256, f"seed 7 strikeout answers changed: {digest}")

        # 429 with Retry-After.
        limited, limited_base = start(cli, "--rate-429", "1", "--retry-after", "3")
        servers.append(limited)
        reply = get(limited_base, EVENTS_PATH, {"apiKey": KEY, "date": date})
        check_error(reply, 429, "EXCEEDED_FREQ_LIMIT", "429")
        check(reply[1].get("retry-after") == "3", f"429: Retry-After {reply[1].get('retry-after')}")

        # --rate-204: event odds answered 204 No Content, nothing billed; events unchanged.
        empty, empty_base = start(cli, "--seed", "7", "--rate-204", "1")
        servers.append(empty)
        status, _, body = get(empty_base, EVENTS_PATH, {"apiKey": KEY, "date": date})
        check(status == 200 and json.loads(body) == listing, f"--rate-204 events: {status}")
        for market in ("pitcher_strikeouts", "batter_hits"):
            status, headers, body = get(empty_base, odds_path, dict(odds_params, markets=market))
            check(status == 204 and body == b"", f"--rate-204 {market}: {status} {body[:100]!r}")
            check(headers.get("x-requests-last") == "0", f"--rate-204: billed {headers.get('x-requests-last')}")
        usage = subprocess.run([cli, "simulate-api", "--rate-204", "1.5"], capture_output=True, text=True, timeout=30)
        check(usage.returncode == 2 and "rate-204" in usage.stderr, f"--rate-204 1.5: exit {usage.returncode}")

        print(f"stdlib client: {len(events)} events, {len(every)} markets priced and billed, filters, dateFormat, "
              f"gzip, 401/422/404/429 and 204 as the API answers")
        return 0
    except AssertionError as failure:
        print(f"FAIL: {failure}", file=sys.stderr)
        return 1
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(main())
