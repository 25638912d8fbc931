// Feature generation against a hand-built race database (tests/data/races_fixture.sql):
// every column's value computed by hand, the point-in-time rules, NULL rules, TEXT
// numbers, idempotent rewrites, --limit, output database, cancel consistency.
#include "TestSupport.h"
#include "features/FeatureJob.h"
#include "features/FeatureWriter.h"
#include "features/SampleRaceDb.h"
#include "jobs/JobEngine.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace bfs;
using bfs::test::execSql;
using bfs::test::queryScalar;

namespace bfs {
char* toString(JobStatus status)
{
    return qstrdup(qPrintable(jobStatusName(status)));
}
} // namespace bfs

namespace {

QString fixtureScript()
{
    QFile file(QStringLiteral(BFS_TEST_DATA "/races_fixture.sql"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing fixture");
    return QString::fromUtf8(file.readAll());
}

FeatureRunSummary generate(const QString& db, qint64 limit = 0, const QString& out = {}, int workers = 2)
{
    FeatureSettings settings;
    settings.database = db;
    settings.outputDatabase = out;
    settings.workers = workers;
    settings.limit = limit;
    settings.batchSize = 1; // one race per unit: many units even on the tiny fixture
    JobEngine engine;
    return runFeatureJob(settings, engine);
}

// The whole table as text, in key order: equal snapshots mean equal tables.
QString snapshot(const QString& db)
{
    QStringList columns;
    for (const QString& c : FeatureWriter::columnNames())
        columns << QStringLiteral("coalesce(quote(%1), 'NULL')").arg(c);
    return queryScalar(db,
        QStringLiteral("SELECT group_concat(r, '\n') FROM (SELECT %1 AS r FROM features ORDER BY race_id, horse_id)")
            .arg(columns.join(QStringLiteral(" || '|' || "))));
}

} // namespace

class TestFeatures : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_db;

    QString freshFixture(const QString& name)
    {
        const QString path = m_dir.filePath(name);
        QFile::remove(path);
        const QString error = execSql(path, fixtureScript());
        if (!error.isEmpty())
            qFatal("fixture: %s", qPrintable(error));
        return path;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_db = freshFixture(QStringLiteral("races.sqlite"));
        const FeatureRunSummary summary = generate(m_db);
        QCOMPARE(summary.status, JobStatus::Completed);
        QCOMPARE(summary.races, 7); // r4 abandoned, r7 without results
        QCOMPARE(summary.runners, 16); // results rows of the eligible races
    }

    void value_data()
    {
        QTest::addColumn<QString>("race");
        QTest::addColumn<QString>("horse");
        QTest::addColumn<QString>("column");
        QTest::addColumn<QString>("expected"); // "NULL" or a number
        auto row = [](const char* name, const char* race, const char* horse, const char* column, const char* expected) {
            QTest::newRow(name) << QString::fromLatin1(race) << QString::fromLatin1(horse)
                                << QString::fromLatin1(column) << QString::fromLatin1(expected);
        };
        // r1, 2024-01-10. H1's only earlier run: r0a (2023-03-01, won, C2, 6f, Firm).
        row("r1 H1 horse_runs", "r1", "H1", "horse_runs", "1");
        row("r1 H1 horse_wins", "r1", "H1", "horse_wins", "1");
        row("r1 H1 win rate", "r1", "H1", "horse_win_rate", "1");
        row("r1 H1 place rate", "r1", "H1", "horse_place_rate", "1");
        row("r1 H1 avg position", "r1", "H1", "horse_avg_position", "1");
        row("r1 H1 form3", "r1", "H1", "horse_form3", "1");
        row("r1 H1 days since (2023-03-01)", "r1", "H1", "days_since_last_run", "315");
        row("r1 H1 distance change 8-6", "r1", "H1", "distance_change_f", "2");
        row("r1 H1 course runs (never at C1)", "r1", "H1", "course_runs", "0");
        row("r1 H1 course wins", "r1", "H1", "course_wins", "0");
        row("r1 H1 distance wins (6f is 2f away)", "r1", "H1", "distance_wins", "0");
        row("r1 H1 going (never on good) NULL", "r1", "H1", "going_win_rate", "NULL");
        row("r1 H1 jockey J1 rides (r0a, r0b)", "r1", "H1", "jockey_rides_365", "2");
        row("r1 H1 jockey J1 rate", "r1", "H1", "jockey_win_rate_365", "1");
        row("r1 H1 trainer T1 runs (r0a, r0b H3)", "r1", "H1", "trainer_runs_365", "2");
        row("r1 H1 trainer T1 rate", "r1", "H1", "trainer_win_rate_365", "0.5");
        row("r1 H1 jt runs", "r1", "H1", "jt_runs", "1");
        row("r1 H1 jt rate", "r1", "H1", "jt_win_rate", "1");
        row("r1 H1 field size (4 results rows)", "r1", "H1", "field_size", "4");
        row("r1 H1 weight diff 130 - mean(130,126)", "r1", "H1", "weight_diff_lbs", "2");
        row("r1 H1 ofr rank behind tied 85s", "r1", "H1", "ofr_rank", "3");
        row("r1 H1 draw pct 3/4", "r1", "H1", "draw_pct", "0.75");
        row("r1 H1 position (TEXT '2')", "r1", "H1", "position", "2");
        row("r1 H1 won", "r1", "H1", "won", "0");
        row("r1 H1 placed", "r1", "H1", "placed", "1");
        row("r1 H2 days since (2023-03-02)", "r1", "H2", "days_since_last_run", "314");
        row("r1 H2 jockey J2 rides (r0b H3)", "r1", "H2", "jockey_rides_365", "1");
        row("r1 H2 jockey J2 rate", "r1", "H2", "jockey_win_rate_365", "0");
        row("r1 H2 jt (J2,T1) rate", "r1", "H2", "jt_win_rate", "0");
        row("r1 H2 weight diff", "r1", "H2", "weight_diff_lbs", "-2");
        row("r1 H2 ofr tie ranks 1", "r1", "H2", "ofr_rank", "1");
        row("r1 H3 ofr tie ranks 1", "r1", "H3", "ofr_rank", "1");
        row("r1 H3 junk lbs -> NULL", "r1", "H3", "weight_diff_lbs", "NULL");
        row("r1 H3 TEXT draw 2/4", "r1", "H3", "draw_pct", "0.5");
        row("r1 H3 non-finisher position", "r1", "H3", "position", "905");
        row("r1 H3 non-finisher won", "r1", "H3", "won", "0");
        row("r1 H3 non-finisher placed", "r1", "H3", "placed", "0");
        row("r1 H3 place rate", "r1", "H3", "horse_place_rate", "1");
        row("r1 H3 avg position", "r1", "H3", "horse_avg_position", "2");
        row("r1 H4 no history runs", "r1", "H4", "horse_runs", "0");
        row("r1 H4 no history rate NULL", "r1", "H4", "horse_win_rate", "NULL");
        row("r1 H4 no history avg NULL", "r1", "H4", "horse_avg_position", "NULL");
        row("r1 H4 no history form3 NULL", "r1", "H4", "horse_form3", "NULL");
        row("r1 H4 no history days NULL", "r1", "H4", "days_since_last_run", "NULL");
        row("r1 H4 no history distance change NULL", "r1", "H4", "distance_change_f", "NULL");
        row("r1 H4 missing runner row: jockey rides 0", "r1", "H4", "jockey_rides_365", "0");
        row("r1 H4 missing runner row: jockey rate NULL", "r1", "H4", "jockey_win_rate_365", "NULL");
        row("r1 H4 missing runner row: trainer runs 0", "r1", "H4", "trainer_runs_365", "0");
        row("r1 H4 missing runner row: jt runs 0", "r1", "H4", "jt_runs", "0");
        row("r1 H4 missing runner row: jt rate NULL", "r1", "H4", "jt_win_rate", "NULL");
        row("r1 H4 missing runner row: ofr rank NULL", "r1", "H4", "ofr_rank", "NULL");
        row("r1 H4 missing runner row: draw NULL", "r1", "H4", "draw_pct", "NULL");
        row("r1 H4 NULL position", "r1", "H4", "position", "NULL");
        row("r1 H4 NULL position won NULL", "r1", "H4", "won", "NULL");
        row("r1 H4 NULL position placed NULL", "r1", "H4", "placed", "NULL");
        // r2, the same day as r1: r1 never counts (strictly earlier dates only).
        row("r2 H4 same-day run not history", "r2", "H4", "horse_runs", "0");
        row("r2 H4 same-day jockey ride excluded", "r2", "H4", "jockey_rides_365", "1");
        row("r2 H4 same-day jockey rate", "r2", "H4", "jockey_win_rate_365", "0");
        row("r2 H4 same-day trainer run excluded", "r2", "H4", "trainer_runs_365", "1");
        row("r2 H4 trainer rate", "r2", "H4", "trainer_win_rate_365", "1");
        row("r2 H4 jt none", "r2", "H4", "jt_runs", "0");
        row("r2 H4 INTEGER distance is fine", "r2", "H4", "field_size", "1");
        row("r2 H4 only weight -> diff 0", "r2", "H4", "weight_diff_lbs", "0");
        // r3, 2024-02-01 at C1, '8.5' as TEXT, going 'GOOD'.
        row("r3 H1 runs", "r3", "H1", "horse_runs", "2");
        row("r3 H1 win rate", "r3", "H1", "horse_win_rate", "0.5");
        row("r3 H1 avg position", "r3", "H1", "horse_avg_position", "1.5");
        row("r3 H1 days since", "r3", "H1", "days_since_last_run", "22");
        row("r3 H1 TEXT distance change 8.5-8", "r3", "H1", "distance_change_f", "0.5");
        row("r3 H1 course runs", "r3", "H1", "course_runs", "1");
        row("r3 H1 course wins", "r3", "H1", "course_wins", "0");
        row("r3 H1 going case-insensitive", "r3", "H1", "going_win_rate", "0");
        row("r3 H1 jockey J1 rides incl. non-finisher", "r3", "H1", "jockey_rides_365", "4");
        row("r3 H1 jockey J1 rate", "r3", "H1", "jockey_win_rate_365", "0.5");
        row("r3 H1 trainer T1", "r3", "H1", "trainer_runs_365", "4");
        row("r3 H1 jt (J1,T1)", "r3", "H1", "jt_runs", "2");
        row("r3 H1 jt rate", "r3", "H1", "jt_win_rate", "0.5");
        row("r3 H2 distance wins within 0.5f", "r3", "H2", "distance_wins", "1");
        row("r3 H2 course wins", "r3", "H2", "course_wins", "1");
        row("r3 H2 going win rate", "r3", "H2", "going_win_rate", "1");
        row("r3 H4 NULL-position run not counted", "r3", "H4", "horse_runs", "1");
        row("r3 H4 distance change 8.5-10", "r3", "H4", "distance_change_f", "-1.5");
        row("r3 H4 going soft vs good NULL", "r3", "H4", "going_win_rate", "NULL");
        // r5, 2024-03-01: r4 (abandoned, H1 won) never counts; window starts 2023-03-02.
        row("r5 H1 abandoned race ignored", "r5", "H1", "horse_runs", "3");
        row("r5 H1 wins", "r5", "H1", "horse_wins", "2");
        row("r5 H1 avg position", "r5", "H1", "horse_avg_position", "1.3333333333");
        row("r5 H1 days since (leap February)", "r5", "H1", "days_since_last_run", "29");
        row("r5 H1 distance change", "r5", "H1", "distance_change_f", "3.5");
        row("r5 H1 course runs", "r5", "H1", "course_runs", "2");
        row("r5 H1 NULL going -> NULL rate", "r5", "H1", "going_win_rate", "NULL");
        row("r5 H1 365-day window excludes 2023-03-01", "r5", "H1", "jockey_rides_365", "5");
        row("r5 H1 jockey rate", "r5", "H1", "jockey_win_rate_365", "0.4");
        row("r5 H1 trainer window", "r5", "H1", "trainer_runs_365", "4");
        row("r5 H1 jt all time keeps 2023-03-01", "r5", "H1", "jt_runs", "3");
        row("r5 H1 jt rate", "r5", "H1", "jt_win_rate", "0.6666666667");
        row("r5 H3 form3 skips non-finisher", "r5", "H3", "horse_form3", "2");
        row("r5 H3 place rate", "r5", "H3", "horse_place_rate", "0.5");
        row("r5 H3 days since", "r5", "H3", "days_since_last_run", "51");
        row("r5 H2 avg position", "r5", "H2", "horse_avg_position", "1.6666666667");
        // r6, 2025-03-01, junk distance 'abc'.
        row("r6 H1 form3 = 3 most recent finished", "r6", "H1", "horse_form3", "2.3333333333");
        row("r6 H1 avg of 4 runs", "r6", "H1", "horse_avg_position", "2");
        row("r6 H1 place rate", "r6", "H1", "horse_place_rate", "0.75");
        row("r6 H1 days since", "r6", "H1", "days_since_last_run", "365");
        row("r6 H1 junk distance -> change NULL", "r6", "H1", "distance_change_f", "NULL");
        row("r6 H1 junk distance -> distance wins 0", "r6", "H1", "distance_wins", "0");
        row("r6 H1 course C2", "r6", "H1", "course_runs", "1");
        row("r6 H1 window starts on 2024-03-01", "r6", "H1", "jockey_rides_365", "2");
        row("r6 H1 window rate", "r6", "H1", "jockey_win_rate_365", "0");
        row("r6 H4 position 902", "r6", "H4", "position", "902");
    }
    void value()
    {
        QFETCH(QString, race);
        QFETCH(QString, horse);
        QFETCH(QString, column);
        QFETCH(QString, expected);
        const QString actual = queryScalar(m_db,
            QStringLiteral("SELECT %1 FROM features WHERE race_id = '%2' AND horse_id = '%3'")
                .arg(column, race, horse));
        if (expected == QStringLiteral("NULL") || actual == QStringLiteral("NULL")) {
            QCOMPARE(actual, expected);
            return;
        }
        bool ok = false;
        const double value = actual.toDouble(&ok);
        QVERIFY2(ok, qPrintable(QStringLiteral("not a number: %1").arg(actual)));
        QVERIFY2(std::abs(value - expected.toDouble()) < 1e-9,
            qPrintable(QStringLiteral("%1 = %2, expected %3").arg(column, actual, expected)));
    }

    void onlyEligibleRacesAreWritten()
    {
        QCOMPARE(queryScalar(m_db,
                     QStringLiteral("SELECT group_concat(race_id) FROM (SELECT DISTINCT race_id FROM "
                                    "features ORDER BY race_id)")),
            QStringLiteral("r0a,r0b,r1,r2,r3,r5,r6"));
        QCOMPARE(queryScalar(m_db, QStringLiteral("SELECT date FROM features WHERE race_id = 'r3' LIMIT 1")),
            QStringLiteral("2024-02-01"));
    }

    void countsAreIntegersRatesAreReal()
    {
        QCOMPARE(queryScalar(m_db,
                     QStringLiteral("SELECT typeof(horse_runs) FROM features WHERE race_id='r5' AND horse_id='H1'")),
            QStringLiteral("integer"));
        QCOMPARE(
            queryScalar(m_db,
                QStringLiteral("SELECT typeof(horse_win_rate) FROM features WHERE race_id='r5' AND horse_id='H1'")),
            QStringLiteral("real"));
        QCOMPARE(
            queryScalar(m_db,
                QStringLiteral("SELECT typeof(horse_avg_position) FROM features WHERE race_id='r1' AND horse_id='H1'")),
            QStringLiteral("real"));
    }

    void rerunReplacesRowsWithoutDuplicates_data()
    {
        QTest::addColumn<int>("workers");
        QTest::newRow("1 worker") << 1;
        QTest::newRow("3 workers") << 3;
    }
    void rerunReplacesRowsWithoutDuplicates()
    {
        QFETCH(int, workers);
        const QString before = snapshot(m_db);
        QVERIFY(!before.isEmpty());
        const auto summary = generate(m_db, 0, {}, workers);
        QCOMPARE(summary.status, JobStatus::Completed);
        QCOMPARE(summary.runners, 16);
        QCOMPARE(queryScalar(m_db, QStringLiteral("SELECT count(*) FROM features")), QStringLiteral("16"));
        QCOMPARE(snapshot(m_db), before);
        // The key index survives the bulk rewrite.
        QCOMPARE(
            queryScalar(m_db, QStringLiteral("SELECT count(*) FROM pragma_index_list('features') WHERE \"unique\"")),
            QStringLiteral("1"));
    }

    void limitTakesFirstRacesAndKeepsOthers()
    {
        const QString db = freshFixture(QStringLiteral("limit.sqlite"));
        auto summary = generate(db, 3);
        QCOMPARE(summary.races, 3);
        QCOMPARE(queryScalar(db,
                     QStringLiteral("SELECT group_concat(race_id) FROM (SELECT DISTINCT race_id FROM "
                                    "features ORDER BY race_id)")),
            QStringLiteral("r0a,r0b,r1"));
        // Full run, then tamper with r6 and r1; a --limit 3 run rewrites r1 only.
        generate(db);
        QCOMPARE(execSql(db, QStringLiteral("UPDATE features SET horse_runs = 99 WHERE race_id IN ('r1', 'r6')")),
            QString());
        summary = generate(db, 3);
        QCOMPARE(summary.runners, 7);
        QCOMPARE(
            queryScalar(db, QStringLiteral("SELECT horse_runs FROM features WHERE race_id='r1' AND horse_id='H1'")),
            QStringLiteral("1"));
        QCOMPARE(
            queryScalar(db, QStringLiteral("SELECT horse_runs FROM features WHERE race_id='r6' AND horse_id='H1'")),
            QStringLiteral("99"));
        QCOMPARE(queryScalar(db, QStringLiteral("SELECT count(*) FROM features")), QStringLiteral("16"));
    }

    // A race whose date is not YYYY-MM-DD cannot be placed in time: it is skipped, counted
    // under its reason and named in the warning, never dropped without a word.
    void racesWithBadDatesAreCountedAndNamed()
    {
        const QString db = freshFixture(QStringLiteral("baddates.sqlite"));
        QCOMPARE(execSql(db,
                     QStringLiteral("INSERT INTO races VALUES ('r8', '2024/05/01', 'C1', '8', 'Good', NULL, 'x'),"
                                    " ('r9', '2024-02-30', 'C1', '8', 'Good', NULL, 'x');"
                                    "INSERT INTO runners VALUES ('r8', 'H1', 'J1', 'T1', '1', '130', '90', 'h'),"
                                    " ('r9', 'H1', 'J1', 'T1', '1', '130', '90', 'h');"
                                    "INSERT INTO results VALUES ('r8', 'H1', 1, '0'), ('r9', 'H1', 1, '0');")),
            QString());
        const auto summary = generate(db);
        QCOMPARE(summary.status, JobStatus::Completed);
        QCOMPARE(summary.races, 7);
        QCOMPARE(summary.skippedBadDate, 2);
        QCOMPARE(summary.skippedAbandoned, 1); // r4
        QCOMPARE(summary.skippedNoResults, 1); // r7
        QCOMPARE(summary.warning(),
            QStringLiteral("2 races skipped: the date is not YYYY-MM-DD (first: race r8, date '2024/05/01')"));
        const auto skipped = summary.toJson().at("races_skipped");
        QCOMPARE(skipped.at("bad_date").get<int>(), 2);
        QCOMPARE(skipped.at("abandoned").get<int>(), 1);
        QCOMPARE(skipped.at("no_results").get<int>(), 1);
        QCOMPARE(queryScalar(db, QStringLiteral("SELECT count(*) FROM features WHERE race_id IN ('r8', 'r9')")),
            QStringLiteral("0"));
        QCOMPARE(generate(m_db).warning(), QString()); // the clean fixture warns of nothing
    }

    void outputDatabaseLeavesInputUntouched()
    {
        const QString db = freshFixture(QStringLiteral("input.sqlite"));
        const QString out = m_dir.filePath(QStringLiteral("out/features.sqlite"));
        QDir().mkpath(m_dir.filePath(QStringLiteral("out")));
        const auto summary = generate(db, 0, out);
        QCOMPARE(summary.status, JobStatus::Completed);
        QCOMPARE(queryScalar(out, QStringLiteral("SELECT count(*) FROM features")), QStringLiteral("16"));
        QCOMPARE(queryScalar(db, QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = 'features'")),
            QStringLiteral("0"));
        QCOMPARE(snapshot(out), snapshot(m_db));
    }

    void progressCountsRacesAndRunners()
    {
        const QString db = freshFixture(QStringLiteral("progress.sqlite"));
        FeatureSettings settings;
        settings.database = db;
        settings.workers = 2;
        settings.batchSize = 2;
        JobEngine engine;
        engine.setWorkers(2);
        QSignalSpy progress(&engine, &JobEngine::progressChanged);
        const JobResult result = engine.run(std::make_shared<FeatureJob>(settings));
        QCOMPARE(result.status, JobStatus::Completed);
        QCOMPARE(result.total, 7);
        QCOMPARE(result.done, 7);
        QCOMPARE(result.items, 16);
        const auto last = progress.last().at(0).value<JobProgress>();
        QCOMPARE(last.done, 7);
        QCOMPARE(last.items, 16);
    }

    // The job records its own run in the workspace it is given, success and failure alike.
    void runRecordsItself()
    {
        const QString workspace = m_dir.filePath(QStringLiteral("history-ws"));
        FeatureSettings settings;
        settings.database = freshFixture(QStringLiteral("recorded.sqlite"));
        settings.workers = 2;
        settings.workspace = workspace;
        JobEngine engine;
        QCOMPARE(runFeatureJob(settings, engine).status, JobStatus::Completed);
        const QString history = workspace + QStringLiteral("/workspace.sqlite");
        QCOMPARE(queryScalar(history, QStringLiteral("SELECT status FROM runs WHERE kind = 'features'")),
            QStringLiteral("completed"));
        const auto summary = nlohmann::json::parse(
            queryScalar(history, QStringLiteral("SELECT summary_json FROM runs WHERE kind = 'features'"))
                .toStdString());
        QCOMPARE(summary["races"].get<int>(), 7);
        QCOMPARE(summary["runners"].get<int>(), 16);
        QCOMPARE(summary["workers"].get<int>(), 2);
        const auto config = nlohmann::json::parse(
            queryScalar(history, QStringLiteral("SELECT config_json FROM runs WHERE kind = 'features'")).toStdString());
        QCOMPARE(config["db"].get<std::string>(), settings.database.toStdString());

        settings.database = m_dir.filePath(QStringLiteral("not-a-race-db.sqlite"));
        QCOMPARE(execSql(settings.database, QStringLiteral("CREATE TABLE x (a)")), QString());
        QCOMPARE(runFeatureJob(settings, engine).status, JobStatus::Failed);
        QCOMPARE(queryScalar(history,
                     QStringLiteral("SELECT COUNT(*) FROM runs WHERE kind = 'features' AND status = 'failed' "
                                    "AND summary_json LIKE '%\"error\"%'")),
            QStringLiteral("1"));
    }

    void badLayoutFailsWithoutWriting_data()
    {
        QTest::addColumn<QString>("mutation");
        QTest::addColumn<QString>("message");
        QTest::newRow("results table missing")
            << QStringLiteral("DROP TABLE results") << QStringLiteral("table 'results' is missing");
        QTest::newRow("position_int missing") << QStringLiteral("ALTER TABLE results DROP COLUMN position_int")
                                              << QStringLiteral("table 'results' has no column 'position_int'");
        QTest::newRow("going missing") << QStringLiteral("ALTER TABLE races DROP COLUMN going")
                                       << QStringLiteral("table 'races' has no column 'going'");
    }
    void badLayoutFailsWithoutWriting()
    {
        QFETCH(QString, mutation);
        QFETCH(QString, message);
        const QString db = freshFixture(QStringLiteral("bad.sqlite"));
        QCOMPARE(execSql(db, mutation), QString());
        const auto summary = generate(db);
        QCOMPARE(summary.status, JobStatus::Failed);
        QVERIFY2(summary.error.contains(message), qPrintable(summary.error));
        QCOMPARE(queryScalar(db, QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = 'features'")),
            QStringLiteral("0"));
    }

    void cancelMidRunLeavesEveryRaceWhole()
    {
        const QString db = m_dir.filePath(QStringLiteral("sample.sqlite"));
        QString error;
        QVERIFY2(writeSampleRaceDb(db, { 6000, 7 }, error), qPrintable(error));
        QCOMPARE(generate(db).status, JobStatus::Completed);
        const QString full = snapshot(db);
        const QString fullCount = queryScalar(db, QStringLiteral("SELECT count(*) FROM features"));

        // A second run cancelled part-way: finished races are rewritten (to the same
        // values), the others keep their rows, nothing is lost or duplicated.
        FeatureSettings settings;
        settings.database = db;
        settings.workers = 1;
        settings.batchSize = 5;
        JobEngine engine;
        engine.setWorkers(1);
        engine.setProgressIntervalMs(10);
        connect(&engine, &JobEngine::progressChanged, &engine, [&engine](const JobProgress& p) {
            if (p.done > 0)
                engine.cancel();
        });
        auto job = std::make_shared<FeatureJob>(settings);
        const JobResult result = engine.run(job);
        QCOMPARE(result.status, JobStatus::Cancelled);
        QVERIFY(result.done < result.total);
        QCOMPARE(queryScalar(db, QStringLiteral("SELECT count(*) FROM features")), fullCount);
        QCOMPARE(snapshot(db), full);

        // The same on an empty table: only whole races appear.
        QCOMPARE(execSql(db, QStringLiteral("DROP TABLE features")), QString());
        auto job2 = std::make_shared<FeatureJob>(settings);
        const JobResult second = engine.run(job2);
        QCOMPARE(second.status, JobStatus::Cancelled);
        const auto written = job2->summary(second);
        QVERIFY(written.races > 0);
        QVERIFY(written.races < 5980);
        QCOMPARE(queryScalar(db, QStringLiteral("SELECT count(DISTINCT race_id) FROM features")),
            QString::number(written.races));
        QCOMPARE(queryScalar(db,
                     QStringLiteral("SELECT count(*) FROM (SELECT race_id FROM features GROUP BY race_id "
                                    "HAVING count(*) != max(field_size))")),
            QStringLiteral("0"));
    }

    void sampleDatabaseIsDeterministicAndMessy()
    {
        const QString a = m_dir.filePath(QStringLiteral("a.sqlite"));
        const QString b = m_dir.filePath(QStringLiteral("b.sqlite"));
        QString error;
        QVERIFY(writeSampleRaceDb(a, { 800, 42 }, error));
        QVERIFY(writeSampleRaceDb(b, { 800, 42 }, error));
        const QString digest
            = QStringLiteral("SELECT (SELECT group_concat(race_id || date || coalesce(distance_f,'') || "
                             "coalesce(going,''), ',') FROM races)"
                             " || (SELECT group_concat(horse_id || coalesce(position_int,'-'), ',') FROM results)");
        QCOMPARE(queryScalar(a, digest), queryScalar(b, digest));
        QCOMPARE(queryScalar(a, QStringLiteral("SELECT count(*) FROM races")), QStringLiteral("800"));
        QVERIFY(
            queryScalar(a, QStringLiteral("SELECT count(*) FROM results WHERE typeof(position_int) = 'text'")).toInt()
            > 0);
        QVERIFY(queryScalar(a, QStringLiteral("SELECT count(*) FROM results WHERE position_int >= 900")).toInt() > 0);
        QVERIFY(
            queryScalar(a, QStringLiteral("SELECT count(*) FROM runners WHERE ofr = '-' OR draw IS NULL")).toInt() > 0);
        const double perRace = queryScalar(a, QStringLiteral("SELECT count(*) * 1.0 / 800 FROM results")).toDouble();
        QVERIFY2(perRace > 9 && perRace < 10.5, qPrintable(QString::number(perRace)));
    }
};

QTEST_GUILESS_MAIN(TestFeatures)
#include "tst_features.moc"
