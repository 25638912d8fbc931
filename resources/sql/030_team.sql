-- Team mode (team.md). The same tables in a SQLite workspace and a team database.
-- Who works on a date and until when: owner = "host pid run", lease_until and renewed_at in ms
-- since the epoch on the database's own clock.
ALTER TABLE partitions ADD COLUMN owner TEXT;
ALTER TABLE partitions ADD COLUMN lease_until BIGINT;
ALTER TABLE partitions ADD COLUMN renewed_at BIGINT;
-- Raw snapshots byte for byte (a team database keeps them here instead of in raw/); loaded_at is
-- set by the phase-2 load that put the snapshot's rows into betting_lines, load_error when its
-- body did not parse (load_run: the load that found it, so that load does not take it again).
CREATE TABLE IF NOT EXISTS raw_snapshots (
    id INTEGER PRIMARY KEY,
    sport TEXT NOT NULL,
    game_date TEXT NOT NULL,
    event_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    body BLOB NOT NULL,
    sha256 TEXT NOT NULL,
    snapshot_time TEXT,
    fetched_at TEXT NOT NULL,
    loaded_at TEXT,
    load_error TEXT,
    load_run TEXT,
    UNIQUE (sport, game_date, event_id, kind)
);
CREATE INDEX IF NOT EXISTS raw_snapshots_unloaded ON raw_snapshots (id) WHERE loaded_at IS NULL;
-- The team's one request pace (GCRA): the time, in ms on the database's clock, from which the
-- next request slot is free. Instances take slots in small batches under the row's lock.
CREATE TABLE IF NOT EXISTS team_rate (
    name TEXT PRIMARY KEY,
    next_slot_ms DOUBLE PRECISION NOT NULL
);
-- Shared facts: the latest x-requests-remaining any instance saw, a 401 that stops every instance.
CREATE TABLE IF NOT EXISTS team_state (
    name TEXT PRIMARY KEY,
    value TEXT,
    updated_ms BIGINT NOT NULL
);
