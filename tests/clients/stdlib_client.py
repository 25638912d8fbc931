#!/usr/bin/env python3
"""The simulator against a client that is not ours: Python's standard library, which
percent-encodes query values the way `requests` does (":" as %3A, "," as %2C).

usage: stdlib_client.py PATH/TO/backfill-studio-cli
Starts `simulate-api` on a free loopback port and checks events, odds for every bookmaker
asked for, the quota headers, and the 401 / 422 / 404 bodies. Exit 0 when every check holds.
"""
import json
import socket
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request

KEY = "stdlib-client-key"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(base, path, params):
    url = f"{base}{path}?{urllib.parse.urlencode(params)}"
    try:
        with urllib.request.urlopen(url, timeout=30) as reply:
            return reply.status, dict(reply.headers), reply.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def main():
    cli = sys.argv[1]
    port = free_port()
    server = subprocess.Popen([cli, "simulate-api", "--port", str(port), "--key", KEY],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        check("listening" in server.stdout.readline(), "the simulator did not start")
        base = f"http://127.0.0.1:{port}"
        events_path = "/v4/historical/sports/baseball_mlb/events"
        date = "2024-05-01T15:00:00Z"
        check("%3A" in urllib.parse.urlencode({"date": date}), "urlencode no longer encodes ':'")

        status, headers, body = get(base, events_path, {"apiKey": KEY, "date": date})
        check(status == 200, f"events: {status} {body[:200]!r}")
        events = json.loads(body)["data"]
        check(len(events) > 0, "events: no games on 2024-05-01")
        lower = {k.lower(): v for k, v in headers.items()}
        for header in ("x-requests-remaining", "x-requests-used", "x-requests-last"):
            check(header in lower, f"events: header {header} missing")

        odds_path = f"{events_path}/{urllib.parse.quote(events[0]['id'], safe='')}/odds"
        params = {"apiKey": KEY, "date": "2024-05-01T22:00:00Z", "markets": "pitcher_strikeouts",
                  "bookmakers": "draftkings,fanduel", "oddsFormat": "american"}
        check("%2C" in urllib.parse.urlencode(params), "urlencode no longer encodes ','")
        status, headers, body = get(base, odds_path, params)
        check(status == 200, f"odds: {status} {body[:200]!r}")
        books = sorted(b["key"] for b in json.loads(body)["data"]["bookmakers"])
        check(books == ["draftkings", "fanduel"], f"odds: bookmakers {books}, expected draftkings and fanduel")

        status, _, body = get(base, events_path, {"apiKey": "wrong", "date": date})
        check(status == 401 and "message" in json.loads(body), f"bad key: {status} {body[:200]!r}")
        status, _, body = get(base, events_path, {"apiKey": KEY, "date": "2024-05-01"})
        check(status == 422 and json.loads(body).get("error_code") == "INVALID_HISTORICAL_TIMESTAMP",
              f"bad date: {status} {body[:200]!r}")
        status, _, body = get(base, "/v4/historical/sports/curling/events", {"apiKey": KEY, "date": date})
        check(status == 404, f"unknown sport: {status} {body[:200]!r}")
        print(f"stdlib client: {len(events)} events, odds from {', '.join(books)}, 401/422/404 as the API answers")
        return 0
    except AssertionError as failure:
        print(f"FAIL: {failure}", file=sys.stderr)
        return 1
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(main())
