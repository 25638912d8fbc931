#include "FeatureCalculator.h"

#include <cmath>

namespace bfs {

namespace {
constexpr int WindowDays = 365;
constexpr double DistanceTolerance = 0.5;
constexpr int Form3Runs = 3;

double ratio(int64_t numerator, int64_t denominator)
{
    return denominator > 0 ? double(numerator) / double(denominator) : NullNumber;
}
} // namespace

FeatureCalculator::FeatureCalculator(const RaceData& data, const HistoryIndex& index)
    : m_data(data)
    , m_index(index)
{
}

void FeatureCalculator::computeRace(uint32_t raceIndex, std::vector<FeatureRow>& out) const
{
    const Race& race = m_data.races[raceIndex];
    const Entry* entries = m_data.entries.data() + race.firstEntry;
    const uint32_t count = race.entryCount;

    // Race-level aggregates: mean weight of rows with a weight.
    double lbsSum = 0;
    int lbsCount = 0;
    for (uint32_t i = 0; i < count; ++i) {
        if (!isNull(entries[i].lbs)) {
            lbsSum += entries[i].lbs;
            ++lbsCount;
        }
    }
    const double meanLbs = lbsCount > 0 ? lbsSum / lbsCount : NullNumber;

    for (uint32_t i = 0; i < count; ++i) {
        const Entry& entry = entries[i];
        FeatureRow row;
        row.race = raceIndex;
        row.horse = entry.horse;

        // Horse history: every run strictly before the race's date.
        const HistoryIndex::HorseRun* begin = m_index.horseRunsBegin(entry.horse);
        const HistoryIndex::HorseRun* end = m_index.horseRunsBefore(entry.horse, race.day);
        int64_t runs = 0, wins = 0, places = 0, finished = 0, courseRuns = 0, courseWins = 0, distanceWins = 0;
        int64_t goingRuns = 0, goingWins = 0;
        double positionSum = 0;
        for (const auto* run = begin; run != end; ++run) {
            const Race& past = m_data.races[run->race];
            const bool won = run->position == 1;
            ++runs;
            wins += won;
            places += run->position >= 1 && run->position <= 3;
            if (run->position >= 1 && run->position < 900) {
                ++finished;
                positionSum += run->position;
            }
            if (race.course != NullId && past.course == race.course) {
                ++courseRuns;
                courseWins += won;
            }
            if (won && !isNull(race.distance) && !isNull(past.distance)
                && std::abs(past.distance - race.distance) <= DistanceTolerance)
                ++distanceWins;
            if (race.going != NullId && past.going == race.going) {
                ++goingRuns;
                goingWins += won;
            }
        }
        row.horseRuns = runs;
        row.horseWins = wins;
        row.horseWinRate = ratio(wins, runs);
        row.horsePlaceRate = ratio(places, runs);
        row.horseAvgPosition = finished > 0 ? positionSum / double(finished) : NullNumber;
        // The three most recent finished runs (filter first, then recency).
        double formSum = 0;
        int formRuns = 0;
        for (const auto* run = end; run != begin && formRuns < Form3Runs;) {
            --run;
            if (run->position >= 1 && run->position < 900) {
                formSum += run->position;
                ++formRuns;
            }
        }
        row.horseForm3 = formRuns > 0 ? formSum / formRuns : NullNumber;
        if (end != begin) {
            const auto& last = *(end - 1);
            row.daysSinceLastRun = race.day - last.day;
            const double lastDistance = m_data.races[last.race].distance;
            row.distanceChangeF
                = isNull(race.distance) || isNull(lastDistance) ? NullNumber : race.distance - lastDistance;
        } else {
            row.distanceChangeF = NullNumber;
        }
        row.courseRuns = courseRuns;
        row.courseWins = courseWins;
        row.distanceWins = distanceWins;
        row.goingWinRate = ratio(goingWins, goingRuns);

        // Connections: 365-day windows for jockey and trainer, all time for the pair.
        const auto jockey = m_index.jockey(entry.jockey, race.day - WindowDays, race.day);
        row.jockeyRides365 = jockey.runs;
        row.jockeyWinRate365 = ratio(jockey.wins, jockey.runs);
        const auto trainer = m_index.trainer(entry.trainer, race.day - WindowDays, race.day);
        row.trainerRuns365 = trainer.runs;
        row.trainerWinRate365 = ratio(trainer.wins, trainer.runs);
        const auto pair = m_index.pairBefore(race.firstEntry + i, race.day);
        row.jtRuns = pair.runs;
        row.jtWinRate = ratio(pair.wins, pair.runs);

        // Race context.
        row.fieldSize = count;
        row.weightDiffLbs = isNull(entry.lbs) || isNull(meanLbs) ? NullNumber : entry.lbs - meanLbs;
        if (!isNull(entry.ofr)) {
            int64_t greater = 0;
            for (uint32_t j = 0; j < count; ++j)
                greater += !isNull(entries[j].ofr) && entries[j].ofr > entry.ofr;
            row.ofrRank = 1 + greater;
        }
        row.drawPct = isNull(entry.draw) ? NullNumber : entry.draw / double(count);

        // Labels.
        if (entry.isRun()) {
            row.position = entry.position;
            row.won = entry.won() ? 1 : 0;
            row.placed = entry.placed() ? 1 : 0;
        }
        out.push_back(row);
    }
}

} // namespace bfs
