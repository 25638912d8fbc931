-- Phase 3-5 input (evaluation.md): the workspace's ONE current prediction set, replaced
-- as a whole by each good import. line_number is the CSV line the row started on.
CREATE TABLE IF NOT EXISTS predictions (
    line_number INTEGER NOT NULL,
    game_date TEXT NOT NULL,
    pitcher_name TEXT NOT NULL,
    player_lookup TEXT NOT NULL,
    predicted_strikeouts DOUBLE PRECISION NOT NULL,
    actual_strikeouts INTEGER,
    recommendation TEXT,
    team TEXT
);
CREATE INDEX IF NOT EXISTS predictions_match ON predictions (game_date, player_lookup);
-- Where the current set came from (at most one row).
CREATE TABLE IF NOT EXISTS prediction_set (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    rows INTEGER NOT NULL
);
