#pragma once

#include "features/RaceData.h"

#include <cstdint>
#include <vector>

namespace bfs {

// Per-entity run histories sorted by (date, race_id), built once from RaceData and
// then read concurrently by every compute worker (immutable after build()).
// Horses keep their full run list (a career is short: a linear scan is fastest);
// jockeys, trainers and jockey–trainer pairs keep day arrays with prefix win counts,
// so any date window is two binary searches.
class HistoryIndex {
public:
    // A span of one entity's runs: days ascending, and wins[i] = wins in the first i.
    struct Window {
        int64_t runs = 0;
        int64_t wins = 0;
    };
    struct HorseRun {
        int day;
        uint32_t race;
        int position;
    };

    explicit HistoryIndex(const RaceData& data);

    // h's runs strictly before `day`: [begin, end).
    const HorseRun* horseRunsBegin(int horse) const { return m_horseRuns.data() + m_horseOffsets[size_t(horse)]; }
    const HorseRun* horseRunsBefore(int horse, int day) const;

    // Runs with day in [fromDay, toDay) ridden by `jockey` / trained by `trainer`.
    Window jockey(int jockey, int fromDay, int toDay) const { return window(m_jockeys, jockey, fromDay, toDay); }
    Window trainer(int trainer, int fromDay, int toDay) const { return window(m_trainers, trainer, fromDay, toDay); }
    // All runs before `day` with the pair of entry `entry`'s jockey and trainer.
    Window pairBefore(uint32_t entry, int day) const;

private:
    struct Series { // CSR over entities
        std::vector<uint32_t> offsets; // entity → first index; size entities + 1
        std::vector<int> days;
        std::vector<uint32_t> winsPrefix; // size days + entities (one extra slot per entity)
    };
    static void buildSeries(Series& series, int entities, const RaceData& data, const std::vector<int>& entityOfEntry);
    static Window window(const Series& series, int entity, int fromDay, int toDay);

    std::vector<uint32_t> m_horseOffsets;
    std::vector<HorseRun> m_horseRuns;
    Series m_jockeys;
    Series m_trainers;
    Series m_pairs;
    std::vector<int> m_pairOfEntry;
};

} // namespace bfs
