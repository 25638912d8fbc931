#include "HistoryIndex.h"

#include <algorithm>
#include <unordered_map>

namespace bfs {

namespace {
template <typename Entity> std::vector<int> entityOfEntries(const RaceData& data, Entity&& entityOf)
{
    std::vector<int> ids(data.entries.size());
    for (size_t i = 0; i < data.entries.size(); ++i)
        ids[i] = data.entries[i].isRun() ? entityOf(data.entries[i]) : NullId;
    return ids;
}
} // namespace

HistoryIndex::HistoryIndex(const RaceData& data)
{
    const size_t horses = data.horseIds.size();
    m_horseOffsets.assign(horses + 1, 0);
    for (const auto& entry : data.entries) {
        if (entry.isRun())
            ++m_horseOffsets[size_t(entry.horse) + 1];
    }
    for (size_t h = 0; h < horses; ++h)
        m_horseOffsets[h + 1] += m_horseOffsets[h];
    m_horseRuns.resize(m_horseOffsets[horses]);
    std::vector<uint32_t> cursor(m_horseOffsets.begin(), m_horseOffsets.end() - 1);
    // Races are already in (date, race_id) order, so each list comes out sorted.
    for (uint32_t r = 0; r < data.races.size(); ++r) {
        const Race& race = data.races[r];
        for (uint32_t e = race.firstEntry; e < race.firstEntry + race.entryCount; ++e) {
            const Entry& entry = data.entries[e];
            if (entry.isRun())
                m_horseRuns[cursor[size_t(entry.horse)]++] = { race.day, r, entry.position };
        }
    }

    buildSeries(m_jockeys, data.jockeyCount, data, entityOfEntries(data, [](const Entry& e) { return e.jockey; }));
    buildSeries(m_trainers, data.trainerCount, data, entityOfEntries(data, [](const Entry& e) { return e.trainer; }));

    std::unordered_map<uint64_t, int> pairIds;
    m_pairOfEntry.assign(data.entries.size(), NullId);
    for (size_t i = 0; i < data.entries.size(); ++i) {
        const Entry& entry = data.entries[i];
        if (entry.jockey == NullId || entry.trainer == NullId)
            continue;
        const uint64_t key = (uint64_t(uint32_t(entry.jockey)) << 32) | uint32_t(entry.trainer);
        m_pairOfEntry[i] = pairIds.try_emplace(key, int(pairIds.size())).first->second;
    }
    std::vector<int> pairRuns(data.entries.size(), NullId);
    for (size_t i = 0; i < data.entries.size(); ++i)
        pairRuns[i] = data.entries[i].isRun() ? m_pairOfEntry[i] : NullId;
    buildSeries(m_pairs, int(pairIds.size()), data, pairRuns);
}

void HistoryIndex::buildSeries(
    Series& series, int entities, const RaceData& data, const std::vector<int>& entityOfEntry)
{
    series.offsets.assign(size_t(entities) + 1, 0);
    for (const int entity : entityOfEntry) {
        if (entity != NullId)
            ++series.offsets[size_t(entity) + 1];
    }
    for (int i = 0; i < entities; ++i)
        series.offsets[size_t(i) + 1] += series.offsets[size_t(i)];
    series.days.resize(series.offsets.back());
    std::vector<uint8_t> wins(series.days.size());
    std::vector<uint32_t> cursor(series.offsets.begin(), series.offsets.end() - 1);
    for (const Race& race : data.races) {
        for (uint32_t e = race.firstEntry; e < race.firstEntry + race.entryCount; ++e) {
            const int entity = entityOfEntry[e];
            if (entity == NullId)
                continue;
            const uint32_t slot = cursor[size_t(entity)]++;
            series.days[slot] = race.day;
            wins[slot] = data.entries[e].won() ? 1 : 0;
        }
    }
    // winsPrefix for entity k occupies [offsets[k] + k, offsets[k+1] + k], one more
    // slot than its runs so the prefix can start at 0.
    series.winsPrefix.assign(series.days.size() + size_t(entities), 0);
    for (int k = 0; k < entities; ++k) {
        const uint32_t begin = series.offsets[size_t(k)], end = series.offsets[size_t(k) + 1];
        uint32_t* prefix = series.winsPrefix.data() + begin + uint32_t(k);
        for (uint32_t i = begin; i < end; ++i)
            prefix[i - begin + 1] = prefix[i - begin] + wins[i];
    }
}

HistoryIndex::Window HistoryIndex::window(const Series& series, int entity, int fromDay, int toDay)
{
    if (entity == NullId)
        return {};
    const uint32_t begin = series.offsets[size_t(entity)], end = series.offsets[size_t(entity) + 1];
    const int* days = series.days.data();
    const auto lo = uint32_t(std::lower_bound(days + begin, days + end, fromDay) - days);
    const auto hi = uint32_t(std::lower_bound(days + lo, days + end, toDay) - days);
    const uint32_t* prefix = series.winsPrefix.data() + begin + uint32_t(entity);
    return { int64_t(hi - lo), int64_t(prefix[hi - begin] - prefix[lo - begin]) };
}

HistoryIndex::Window HistoryIndex::pairBefore(uint32_t entry, int day) const
{
    return window(m_pairs, m_pairOfEntry[entry], std::numeric_limits<int>::min(), day);
}

const HistoryIndex::HorseRun* HistoryIndex::horseRunsBefore(int horse, int day) const
{
    const HorseRun* begin = horseRunsBegin(horse);
    const HorseRun* end = m_horseRuns.data() + m_horseOffsets[size_t(horse) + 1];
    return std::lower_bound(begin, end, day, [](const HorseRun& run, int d) { return run.day < d; });
}

} // namespace bfs
