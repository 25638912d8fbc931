-- Phase 2 output (odds-api.md): one row per (event, bookmaker, market, player, point, snapshot).
CREATE TABLE IF NOT EXISTS betting_lines (
    sport TEXT NOT NULL,
    market TEXT NOT NULL,
    game_date TEXT NOT NULL,
    event_id TEXT NOT NULL,
    commence_time TEXT NOT NULL,
    home_team TEXT,
    away_team TEXT,
    bookmaker TEXT NOT NULL,
    player_name TEXT NOT NULL,
    player_lookup TEXT NOT NULL,
    point DOUBLE PRECISION NOT NULL,
    over_price INTEGER,
    under_price INTEGER,
    over_implied_prob DOUBLE PRECISION,
    under_implied_prob DOUBLE PRECISION,
    last_update TEXT,
    snapshot_time TEXT NOT NULL
);
-- The unique key as a named index (not a table constraint) so a bulk load can build it
-- once at the end instead of maintaining it row by row (LineWriter).
CREATE UNIQUE INDEX IF NOT EXISTS betting_lines_key ON betting_lines (event_id, bookmaker, market, player_lookup, point, snapshot_time);
CREATE INDEX IF NOT EXISTS betting_lines_match ON betting_lines (market, game_date, player_lookup);
-- Raw files already loaded into betting_lines (phase 2 is incremental).
CREATE TABLE IF NOT EXISTS loaded_files (
    path TEXT PRIMARY KEY,
    size BIGINT NOT NULL,
    rows INTEGER NOT NULL,
    loaded_at TEXT NOT NULL
);
