#pragma once

#include <cstdint>
#include <limits>

namespace bfs {

inline constexpr int64_t NullCount = std::numeric_limits<int64_t>::min();

// One row of the `features` table (features.md), NULLs as NaN / NullCount.
// Column order and names live in FeatureWriter.
struct FeatureRow {
    uint32_t race = 0; // index into RaceData::races
    int horse = 0; // interned horse id
    int64_t horseRuns = 0;
    int64_t horseWins = 0;
    double horseWinRate = 0;
    double horsePlaceRate = 0;
    double horseAvgPosition = 0;
    double horseForm3 = 0;
    int64_t daysSinceLastRun = NullCount;
    double distanceChangeF = 0;
    int64_t courseRuns = 0;
    int64_t courseWins = 0;
    int64_t distanceWins = 0;
    double goingWinRate = 0;
    int64_t jockeyRides365 = 0;
    double jockeyWinRate365 = 0;
    int64_t trainerRuns365 = 0;
    double trainerWinRate365 = 0;
    int64_t jtRuns = 0;
    double jtWinRate = 0;
    int64_t fieldSize = 0;
    double weightDiffLbs = 0;
    int64_t ofrRank = NullCount;
    double drawPct = 0;
    int64_t position = NullCount;
    int64_t won = NullCount;
    int64_t placed = NullCount;
};

} // namespace bfs
