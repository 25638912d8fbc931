// HistoryIndex, the per-entity histories every feature of features.md is read from: a run is
// a results row with a position (non-finishers such as 900 count as runs, not wins; a NULL
// position is not a run); horse runs strictly before a day, in (date, race) order; jockey and
// trainer counts over [from, to) day windows; jockey–trainer pairs all time before a day. The
// fixture's expected values are counted by hand; a seeded random season is then checked
// against a direct count over its entries.
#include "features/HistoryIndex.h"

#include <QRandomGenerator>
#include <QTest>

#include <limits>

using namespace bfs;

namespace {

constexpr int N = NullPosition;
constexpr int Min = std::numeric_limits<int>::min();
constexpr int Max = std::numeric_limits<int>::max();

struct Runner {
    int horse;
    int jockey;
    int trainer;
    int position;
};
struct RaceSpec {
    int day;
    std::vector<Runner> runners;
};

// Races given in (date, race_id) order, as RaceData holds them.
RaceData makeData(int horses, int jockeys, int trainers, const std::vector<RaceSpec>& races)
{
    RaceData data;
    for (int h = 0; h < horses; ++h)
        data.horseIds.push_back(
            std::string("h").append(std::to_string(h))); // not "h" + …: GCC 12's -Wrestrict false positive
    data.jockeyCount = jockeys;
    data.trainerCount = trainers;
    for (const RaceSpec& spec : races) {
        Race race;
        race.raceId = std::string("r").append(std::to_string(data.races.size()));
        race.day = spec.day;
        race.firstEntry = uint32_t(data.entries.size());
        race.entryCount = uint32_t(spec.runners.size());
        for (const Runner& r : spec.runners) {
            Entry entry;
            entry.horse = r.horse;
            entry.jockey = r.jockey;
            entry.trainer = r.trainer;
            entry.position = r.position;
            data.entries.push_back(entry);
        }
        data.races.push_back(race);
    }
    return data;
}

// Horses 0 (A), 1 (B), 2 (C: never runs), 3 (D: only rows without a position); jockeys 0–3
// (2 never rides); trainers 0–2 (2 never trains). Entry numbers in the comments.
const RaceData& fixture()
{
    static const RaceData data = makeData(4, 4, 3,
        {
            { 100, { { 0, 0, 0, 1 }, { 1, 1, 0, 2 }, { 3, 0, 1, N } } }, // r0: e0 e1 e2
            { 100, { { 1, 3, 1, 1 } } }, // r1 (same day): e3
            { 150, { { 0, 1, 0, 3 }, { 1, 0, 0, 1 } } }, // r2: e4 e5
            { 465, { { 0, 0, 0, 900 }, { 1, 0, 1, 1 }, { 3, 3, NullId, N } } }, // r3 (100 + 365): e6 e7 e8
            { 466, { { 0, 0, 0, 1 }, { 1, NullId, 1, 4 } } }, // r4: e9 e10
            { 500, { { 0, 0, 0, 2 }, { 1, 1, 0, 1 } } }, // r5: e11 e12
        });
    return data;
}

// "day/race/position" of each run in [begin, end).
QStringList describe(const HistoryIndex::HorseRun* begin, const HistoryIndex::HorseRun* end)
{
    QStringList runs;
    for (const auto* run = begin; run != end; ++run)
        runs.append(QStringLiteral("%1/%2/%3").arg(run->day).arg(run->race).arg(run->position));
    return runs;
}

QStringList list(const char* text)
{
    return QString::fromLatin1(text).split(u' ', Qt::SkipEmptyParts);
}

} // namespace

class TestHistoryIndex : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void horseRunsBefore_data()
    {
        QTest::addColumn<int>("horse");
        QTest::addColumn<int>("day");
        QTest::addColumn<QStringList>("runs");
        QTest::newRow("A before its first day") << 0 << 100 << QStringList();
        QTest::newRow("A the day after") << 0 << 101 << list("100/0/1");
        QTest::newRow("A: a same-day run is not before") << 0 << 465 << list("100/0/1 150/2/3");
        QTest::newRow("A: a fall (900) is a run") << 0 << 466 << list("100/0/1 150/2/3 465/3/900");
        QTest::newRow("A: all") << 0 << 1000 << list("100/0/1 150/2/3 465/3/900 466/4/1 500/5/2");
        QTest::newRow("A from the end of time") << 0 << Max << list("100/0/1 150/2/3 465/3/900 466/4/1 500/5/2");
        QTest::newRow("A before the start of time") << 0 << Min << QStringList();
        QTest::newRow("B: two races on one day, in race order") << 1 << 101 << list("100/0/2 100/1/1");
        QTest::newRow("B: all") << 1 << 501 << list("100/0/2 100/1/1 150/2/1 465/3/1 466/4/4 500/5/1");
        QTest::newRow("B: up to its last run") << 1 << 500 << list("100/0/2 100/1/1 150/2/1 465/3/1 466/4/4");
        QTest::newRow("C never ran") << 2 << Max << QStringList();
        QTest::newRow("D: rows without a position are not runs") << 3 << Max << QStringList();
    }
    void horseRunsBefore()
    {
        QFETCH(int, horse);
        QFETCH(int, day);
        QFETCH(QStringList, runs);
        const HistoryIndex index(fixture());
        QCOMPARE(describe(index.horseRunsBegin(horse), index.horseRunsBefore(horse, day)), runs);
    }

    void windows_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<int>("entity");
        QTest::addColumn<int>("from");
        QTest::addColumn<int>("to");
        QTest::addColumn<int>("runs");
        QTest::addColumn<int>("wins");
        // Jockey 0 rides on days 100 (win), 150 (win), 465 (fell), 465 (win), 466 (win), 500;
        // its mount in r0 without a position is not a ride.
        QTest::newRow("jockey 0 all time") << QStringLiteral("jockey") << 0 << Min << Max << 6 << 4;
        QTest::newRow("jockey 0 from is inclusive") << QStringLiteral("jockey") << 0 << 100 << 466 << 4 << 3;
        QTest::newRow("jockey 0 365 days before 466") << QStringLiteral("jockey") << 0 << 466 - 365 << 466 << 3 << 2;
        QTest::newRow("jockey 0 to is exclusive") << QStringLiteral("jockey") << 0 << 101 << 465 << 1 << 1;
        QTest::newRow("jockey 0 one day, two rides") << QStringLiteral("jockey") << 0 << 465 << 466 << 2 << 1;
        QTest::newRow("jockey 0 365 days before 500") << QStringLiteral("jockey") << 0 << 500 - 365 << 500 << 4 << 3;
        QTest::newRow("jockey 0 last day only") << QStringLiteral("jockey") << 0 << 500 << 501 << 1 << 0;
        QTest::newRow("jockey 0 after its last ride") << QStringLiteral("jockey") << 0 << 501 << Max << 0 << 0;
        QTest::newRow("jockey 0 before its first ride") << QStringLiteral("jockey") << 0 << Min << 100 << 0 << 0;
        QTest::newRow("jockey 0 empty window") << QStringLiteral("jockey") << 0 << 200 << 200 << 0 << 0;
        QTest::newRow("jockey 0 reversed window") << QStringLiteral("jockey") << 0 << 466 << 150 << 0 << 0;
        QTest::newRow("jockey 1 all time") << QStringLiteral("jockey") << 1 << Min << Max << 3 << 1;
        QTest::newRow("jockey 1 before its win") << QStringLiteral("jockey") << 1 << 100 << 500 << 2 << 0;
        QTest::newRow("jockey 1 around its win") << QStringLiteral("jockey") << 1 << 151 << 501 << 1 << 1;
        QTest::newRow("jockey 2 never rode") << QStringLiteral("jockey") << 2 << Min << Max << 0 << 0;
        QTest::newRow("jockey 3: a row without a position is not a ride")
            << QStringLiteral("jockey") << 3 << Min << Max << 1 << 1;
        QTest::newRow("NULL jockey matches nothing") << QStringLiteral("jockey") << int(NullId) << Min << Max << 0 << 0;
        // Trainer 0 runs on days 100 (win), 100, 150, 150 (win), 465 (fell), 466 (win), 500, 500 (win).
        QTest::newRow("trainer 0 all time") << QStringLiteral("trainer") << 0 << Min << Max << 8 << 4;
        QTest::newRow("trainer 0 one day") << QStringLiteral("trainer") << 0 << 100 << 101 << 2 << 1;
        QTest::newRow("trainer 0 middle") << QStringLiteral("trainer") << 0 << 150 << 466 << 3 << 1;
        QTest::newRow("trainer 0 end") << QStringLiteral("trainer") << 0 << 466 << 501 << 3 << 2;
        QTest::newRow("trainer 1: a row without a position is not a run")
            << QStringLiteral("trainer") << 1 << Min << Max << 3 << 2;
        QTest::newRow("trainer 1 middle") << QStringLiteral("trainer") << 1 << 101 << 466 << 1 << 1;
        QTest::newRow("trainer 2 never trained") << QStringLiteral("trainer") << 2 << Min << Max << 0 << 0;
        QTest::newRow("NULL trainer matches nothing")
            << QStringLiteral("trainer") << int(NullId) << Min << Max << 0 << 0;
    }
    void windows()
    {
        QFETCH(QString, kind);
        QFETCH(int, entity);
        QFETCH(int, from);
        QFETCH(int, to);
        QFETCH(int, runs);
        QFETCH(int, wins);
        const HistoryIndex index(fixture());
        const auto window = kind == u"jockey" ? index.jockey(entity, from, to) : index.trainer(entity, from, to);
        QCOMPARE(window.runs, int64_t(runs));
        QCOMPARE(window.wins, int64_t(wins));
    }

    // Pairs: e0, e5, e6 (fell), e9, e11 are (jockey 0, trainer 0) on days 100 (win), 150 (win),
    // 465, 466 (win), 500; e1, e4, e12 are (1, 0) on 100, 150, 500 (win); e7 is (0, 1) on 465
    // (win), e2 (0, 1) has no position; e3 is (3, 1) on 100 (win); e8 and e10 lack one side.
    void pairBefore_data()
    {
        QTest::addColumn<int>("entry");
        QTest::addColumn<int>("day");
        QTest::addColumn<int>("runs");
        QTest::addColumn<int>("wins");
        QTest::newRow("first run of the pair") << 0 << 100 << 0 << 0;
        QTest::newRow("second run") << 5 << 150 << 1 << 1;
        QTest::newRow("third run") << 6 << 465 << 2 << 2;
        QTest::newRow("after a fall") << 9 << 466 << 3 << 2;
        QTest::newRow("last run") << 11 << 500 << 4 << 3;
        QTest::newRow("all of the pair") << 11 << Max << 5 << 3;
        QTest::newRow("same jockey, other trainer is another pair") << 7 << Max << 1 << 1;
        QTest::newRow("same day is not before") << 7 << 465 << 0 << 0;
        QTest::newRow("the day after") << 7 << 466 << 1 << 1;
        QTest::newRow("an entry without a position has its pair's history") << 2 << 1000 << 1 << 1;
        QTest::newRow("other jockey, same trainer") << 12 << 500 << 2 << 0;
        QTest::newRow("pair on the first day") << 3 << 101 << 1 << 1;
        QTest::newRow("NULL trainer: no pair") << 8 << Max << 0 << 0;
        QTest::newRow("NULL jockey: no pair") << 10 << Max << 0 << 0;
    }
    void pairBefore()
    {
        QFETCH(int, entry);
        QFETCH(int, day);
        QFETCH(int, runs);
        QFETCH(int, wins);
        const HistoryIndex index(fixture());
        const auto window = index.pairBefore(uint32_t(entry), day);
        QCOMPARE(window.runs, int64_t(runs));
        QCOMPARE(window.wins, int64_t(wins));
    }

    void emptyData()
    {
        const HistoryIndex none(RaceData {});
        QCOMPARE(none.jockey(NullId, Min, Max).runs, int64_t(0));
        QCOMPARE(none.trainer(NullId, Min, Max).wins, int64_t(0));

        // Entities without a single race.
        const RaceData idle = makeData(2, 2, 2, {});
        const HistoryIndex index(idle);
        for (int e = 0; e < 2; ++e) {
            QCOMPARE(index.horseRunsBefore(e, Max), index.horseRunsBegin(e));
            QCOMPARE(index.jockey(e, Min, Max).runs, int64_t(0));
            QCOMPARE(index.trainer(e, Min, Max).runs, int64_t(0));
        }

        // Races whose rows have no position: no runs anywhere, but entries keep their pair.
        const RaceData unplaced = makeData(1, 1, 1, { { 10, { { 0, 0, 0, N } } }, { 20, { { 0, 0, 0, N } } } });
        const HistoryIndex noRuns(unplaced);
        QCOMPARE(noRuns.horseRunsBefore(0, Max), noRuns.horseRunsBegin(0));
        QCOMPARE(noRuns.jockey(0, Min, Max).runs, int64_t(0));
        QCOMPARE(noRuns.pairBefore(1, Max).runs, int64_t(0));
    }

    // A seeded random season, every query against a count over the entries themselves.
    void randomSeasonMatchesDirectCount()
    {
        QRandomGenerator random(20240501);
        constexpr int Horses = 40, Jockeys = 12, Trainers = 9;
        std::vector<RaceSpec> specs;
        int day = 19000;
        for (int r = 0; r < 300; ++r) {
            day += int(random.bounded(3)); // several races a day, some days apart
            RaceSpec spec { day, {} };
            const int field = int(random.bounded(1, 9));
            for (int i = 0; i < field; ++i) {
                const int roll = int(random.bounded(20));
                const int position = roll == 0 ? N : roll == 1 ? 900 + int(random.bounded(3)) : i + 1;
                const int jockey = random.bounded(10) == 0 ? int(NullId) : int(random.bounded(Jockeys));
                const int trainer = random.bounded(10) == 0 ? int(NullId) : int(random.bounded(Trainers));
                spec.runners.push_back({ int(random.bounded(Horses)), jockey, trainer, position });
            }
            specs.push_back(spec);
        }
        const RaceData data = makeData(Horses, Jockeys, Trainers, specs);
        const HistoryIndex index(data);
        auto dayOf = [&data](size_t e) {
            for (const Race& race : data.races) {
                if (e >= race.firstEntry && e < race.firstEntry + race.entryCount)
                    return race.day;
            }
            return 0;
        };
        std::vector<int> entryDay(data.entries.size());
        for (size_t e = 0; e < data.entries.size(); ++e)
            entryDay[e] = dayOf(e);

        for (int q = 0; q < 2000; ++q) {
            const int from = 19000 + int(random.bounded(700)) - 50;
            const int to = from + int(random.bounded(400));
            const int jockey = int(random.bounded(Jockeys));
            const int trainer = int(random.bounded(Trainers));
            int64_t jockeyRuns = 0, jockeyWins = 0, trainerRuns = 0, trainerWins = 0;
            for (size_t e = 0; e < data.entries.size(); ++e) {
                const Entry& entry = data.entries[e];
                if (!entry.isRun() || entryDay[e] < from || entryDay[e] >= to)
                    continue;
                if (entry.jockey == jockey) {
                    ++jockeyRuns;
                    jockeyWins += entry.won();
                }
                if (entry.trainer == trainer) {
                    ++trainerRuns;
                    trainerWins += entry.won();
                }
            }
            QCOMPARE(index.jockey(jockey, from, to).runs, jockeyRuns);
            QCOMPARE(index.jockey(jockey, from, to).wins, jockeyWins);
            QCOMPARE(index.trainer(trainer, from, to).runs, trainerRuns);
            QCOMPARE(index.trainer(trainer, from, to).wins, trainerWins);

            const int horse = int(random.bounded(Horses));
            QStringList expected;
            for (uint32_t r = 0; r < data.races.size(); ++r) {
                const Race& race = data.races[r];
                for (uint32_t e = race.firstEntry; e < race.firstEntry + race.entryCount; ++e) {
                    const Entry& entry = data.entries[e];
                    if (entry.horse == horse && entry.isRun() && race.day < to)
                        expected.append(QStringLiteral("%1/%2/%3").arg(race.day).arg(r).arg(entry.position));
                }
            }
            QCOMPARE(describe(index.horseRunsBegin(horse), index.horseRunsBefore(horse, to)), expected);

            const auto entry = uint32_t(random.bounded(uint32_t(data.entries.size())));
            const Entry& self = data.entries[entry];
            int64_t pairRuns = 0, pairWins = 0;
            if (self.jockey != NullId && self.trainer != NullId) {
                for (size_t e = 0; e < data.entries.size(); ++e) {
                    const Entry& other = data.entries[e];
                    if (other.isRun() && other.jockey == self.jockey && other.trainer == self.trainer
                        && entryDay[e] < to) {
                        ++pairRuns;
                        pairWins += other.won();
                    }
                }
            }
            QCOMPARE(index.pairBefore(entry, to).runs, pairRuns);
            QCOMPARE(index.pairBefore(entry, to).wins, pairWins);
        }
    }
};

QTEST_GUILESS_MAIN(TestHistoryIndex)
#include "tst_historyindex.moc"
