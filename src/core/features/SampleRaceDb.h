#pragma once

#include <QString>

#include <functional>

namespace bfs {

struct SampleRaceOptions {
    int races = 45000;
    quint64 seed = 1;
};

// Writes a race database in the racing-API layout (features.md) with the messy cases a
// real one has: numbers stored as TEXT (some junk), abandoned races, races without
// results, non-finishers (position ≥ 900), NULL positions, missing runner rows, NULL
// draws, weights and ratings, tied ratings, extra tables and columns. Deterministic for
// a seed on every platform (own PRNG, no std distributions). ~9.8 runners per race.
// Written to a temporary file and renamed, so a half-written database never appears.
// `progress(done, total)` may return false to cancel.
bool writeSampleRaceDb(const QString& path, const SampleRaceOptions& options, QString& error,
    const std::function<bool(int, int)>& progress = {});

} // namespace bfs
