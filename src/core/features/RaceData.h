#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace bfs {

// Sentinels for NULL in the compact in-memory layout (a NaN double, a negative id).
inline constexpr double NullNumber = std::numeric_limits<double>::quiet_NaN();
inline constexpr int NullId = -1;
inline constexpr int NullPosition = std::numeric_limits<int>::min();
inline bool isNull(double value)
{
    return std::isnan(value);
}

// One `results` row of an eligible race, joined to its `runners` row.
struct Entry {
    int horse = NullId; // interned horse_id
    int jockey = NullId; // interned jockey_id (NullId: runner row missing or NULL)
    int trainer = NullId; // interned trainer_id
    int position = NullPosition;
    double draw = NullNumber;
    double lbs = NullNumber;
    double ofr = NullNumber;

    bool isRun() const { return position != NullPosition; }
    bool finished() const { return position >= 1 && position < 900; }
    bool won() const { return position == 1; }
    bool placed() const { return position >= 1 && position <= 3; }
};

// An eligible race (not abandoned, at least one results row, valid date).
struct Race {
    std::string raceId;
    std::string date; // YYYY-MM-DD
    int day = 0; // days since 1970-01-01
    int course = NullId;
    int going = NullId; // interned lower-case going
    double distance = NullNumber;
    uint32_t firstEntry = 0; // into RaceData::entries
    uint32_t entryCount = 0;
};

// Everything feature generation needs from the race database, in (date, race_id)
// order, with identifiers interned to small integers.
struct RaceData {
    std::vector<Race> races; // eligible races, sorted by (date, race_id)
    std::vector<Entry> entries; // grouped by race, in race order
    std::vector<std::string> horseIds; // interned id → text
    int jockeyCount = 0;
    int trainerCount = 0;
    // What the reader skipped, for the summary and the log.
    int64_t abandonedRaces = 0;
    int64_t racesWithoutResults = 0;
    int64_t racesWithBadDate = 0;
    std::string firstBadDateRace; // the first such race's id and date text, for the warning
    std::string firstBadDate;
    int64_t orphanResults = 0; // results rows whose race is not in `races`
    int64_t missingRunnerRows = 0; // results rows without a runners row
};

} // namespace bfs
