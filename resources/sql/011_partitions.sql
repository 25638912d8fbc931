-- Phase 1 state (odds-api.md): one row per (sport, calendar date). state is one of
-- pending / running / done / empty / failed; requests and credits accumulate over attempts.
CREATE TABLE IF NOT EXISTS partitions (
    sport TEXT NOT NULL,
    partition_date TEXT NOT NULL,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    requests INTEGER NOT NULL DEFAULT 0,
    credits INTEGER NOT NULL DEFAULT 0,
    events_total INTEGER NOT NULL DEFAULT 0,
    events_fetched INTEGER NOT NULL DEFAULT 0,
    events_missing INTEGER NOT NULL DEFAULT 0,
    started_at TEXT,
    finished_at TEXT,
    seconds DOUBLE PRECISION,
    PRIMARY KEY (sport, partition_date)
);
CREATE INDEX IF NOT EXISTS partitions_state ON partitions (state);
