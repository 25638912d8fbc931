// The `features`, `benchmark-features` and `sample-races` commands as a script sees
// them: flags, exit codes, JSON keys, messages, and nothing written on bad input.
#include "TestSupport.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace bfs::test;

class TestFeaturesCli : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_races;

    QString path(const QString& name) const { return m_dir.filePath(name); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_races = path(QStringLiteral("races.sqlite"));
        const CliRun run = runCli({ QStringLiteral("sample-races"), QStringLiteral("--out"), m_races,
            QStringLiteral("--races"), QStringLiteral("1500"), QStringLiteral("--seed"), QStringLiteral("3") });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(queryScalar(m_races, QStringLiteral("SELECT count(*) FROM races")), QStringLiteral("1500"));
    }

    void featuresJsonSummary()
    {
        const CliRun run
            = runCli({ QStringLiteral("features"), QStringLiteral("--db"), m_races, QStringLiteral("--workers"),
                QStringLiteral("2"), QStringLiteral("--batch-size"), QStringLiteral("50"), QStringLiteral("--json") });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const auto json = run.json();
        for (const char* key : { "races", "runners", "workers", "seconds", "stages" })
            QVERIFY2(json.contains(key), key);
        for (const char* key : { "read", "compute", "write" })
            QVERIFY2(json["stages"].contains(key), key);
        QCOMPARE(json["workers"].get<int>(), 2);
        const QString races = queryScalar(m_races, QStringLiteral("SELECT count(DISTINCT race_id) FROM features"));
        const QString runners = queryScalar(m_races, QStringLiteral("SELECT count(*) FROM features"));
        QCOMPARE(QString::number(json["races"].get<qint64>()), races);
        QCOMPARE(QString::number(json["runners"].get<qint64>()), runners);
        QVERIFY(json["runners"].get<qint64>() > 13000);
        QVERIFY2(run.err.contains("races"), "human progress goes to stderr");
    }

    void testModeAndLimit_data()
    {
        QTest::addColumn<QStringList>("flags");
        QTest::addColumn<int>("races");
        QTest::newRow("--test") << QStringList { QStringLiteral("--test") } << 100;
        QTest::newRow("--limit 250") << QStringList { QStringLiteral("--limit"), QStringLiteral("250") } << 250;
    }
    void testModeAndLimit()
    {
        QFETCH(QStringList, flags);
        QFETCH(int, races);
        const QString out = path(QStringLiteral("limit-%1.sqlite").arg(races));
        const CliRun run = runCli(QStringList { QStringLiteral("features"), QStringLiteral("--db"), m_races,
                                      QStringLiteral("--out-db"), out, QStringLiteral("--json") }
            + flags);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(run.json()["races"].get<int>(), races);
        QCOMPARE(
            queryScalar(out, QStringLiteral("SELECT count(DISTINCT race_id) FROM features")), QString::number(races));
        // The first N eligible races in (date, race_id) order.
        QCOMPARE(queryScalar(out, QStringLiteral("SELECT max(date) FROM features")),
            queryScalar(m_races,
                QStringLiteral("SELECT max(date) FROM (SELECT date FROM races r WHERE coalesce(is_abandoned, 0) != 1 "
                               "AND EXISTS (SELECT 1 FROM results s WHERE s.race_id = r.race_id) "
                               "ORDER BY date, race_id LIMIT %1)")
                    .arg(races)));
    }

    void badInputExitsTwoAndWritesNothing_data()
    {
        QTest::addColumn<QString>("setup"); // SQL for the database, "" = none, "text" = not SQLite
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<QString>("message");
        QTest::newRow("missing file") << QString() << QStringList() << QStringLiteral("not found");
        QTest::newRow("not a SQLite file")
            << QStringLiteral("text") << QStringList() << QStringLiteral("is not a SQLite database");
        QTest::newRow("missing results table")
            << QStringLiteral("CREATE TABLE races (race_id, date, course_id, distance_f, going, is_abandoned);"
                              "CREATE TABLE runners (race_id, horse_id, jockey_id, trainer_id, draw, lbs, ofr);")
            << QStringList() << QStringLiteral("table 'results' is missing");
        QTest::newRow("missing column") << QStringLiteral(
            "CREATE TABLE races (race_id, date, course_id, distance_f, going, is_abandoned);"
            "CREATE TABLE runners (race_id, horse_id, jockey_id, trainer_id, draw, lbs);"
            "CREATE TABLE results (race_id, horse_id, position_int);")
                                        << QStringList() << QStringLiteral("table 'runners' has no column 'ofr'");
        QTest::newRow("--workers 0") << QStringLiteral("sample")
                                     << QStringList { QStringLiteral("--workers"), QStringLiteral("0") }
                                     << QStringLiteral("--workers must be between 1 and 64");
        QTest::newRow("--workers 65") << QStringLiteral("sample")
                                      << QStringList { QStringLiteral("--workers"), QStringLiteral("65") }
                                      << QStringLiteral("--workers must be between 1 and 64, got '65'");
        QTest::newRow("--limit junk") << QStringLiteral("sample")
                                      << QStringList { QStringLiteral("--limit"), QStringLiteral("ten") }
                                      << QStringLiteral("--limit must be an integer");
        QTest::newRow("unknown flag") << QStringLiteral("sample") << QStringList { QStringLiteral("--frobnicate") }
                                      << QStringLiteral("frobnicate");
    }
    void badInputExitsTwoAndWritesNothing()
    {
        QFETCH(QString, setup);
        QFETCH(QStringList, extra);
        QFETCH(QString, message);
        const QString db = path(
            QStringLiteral("bad-%1.sqlite").arg(QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'_')));
        const QString out = db + QStringLiteral(".out");
        if (setup == QStringLiteral("text")) {
            QFile file(db);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("race_id,date\nr1,2024-01-01\n");
        } else if (setup == QStringLiteral("sample")) {
            QVERIFY(QFile::copy(m_races, db));
            QCOMPARE(execSql(db, QStringLiteral("DROP TABLE IF EXISTS features")), QString());
        } else if (!setup.isEmpty()) {
            QCOMPARE(execSql(db, setup), QString());
        }
        const QByteArray before = QFileInfo::exists(db) ? [&] { QFile f(db); f.open(QIODevice::ReadOnly); return f.readAll(); }() : QByteArray();
        const CliRun run = runCli(
            QStringList { QStringLiteral("features"), QStringLiteral("--db"), db, QStringLiteral("--out-db"), out }
            + extra);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(QString::fromUtf8(run.err).contains(message), run.err.constData());
        QVERIFY2(!QFileInfo::exists(out), "no output database is created on bad input");
        if (!before.isEmpty()) {
            QFile f(db);
            QVERIFY(f.open(QIODevice::ReadOnly));
            QVERIFY2(f.readAll() == before, "the input database is unchanged");
        }
    }

    void benchmarkReportsSpeedupAgainstOneWorker()
    {
        const CliRun run = runCli(
            { QStringLiteral("benchmark-features"), QStringLiteral("--db"), m_races, QStringLiteral("--workers"),
                QStringLiteral("1,2"), QStringLiteral("--limit"), QStringLiteral("300"), QStringLiteral("--json") });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const auto runs = run.json()["runs"];
        QCOMPARE(int(runs.size()), 2);
        QCOMPARE(runs[0]["workers"].get<int>(), 1);
        QCOMPARE(runs[1]["workers"].get<int>(), 2);
        QCOMPARE(runs[0]["speedup"].get<double>(), 1.0);
        const double seconds1 = runs[0]["seconds"].get<double>(), seconds2 = runs[1]["seconds"].get<double>();
        QVERIFY(seconds1 > 0 && seconds2 > 0);
        QVERIFY(qFuzzyCompare(runs[1]["speedup"].get<double>(), seconds1 / seconds2));
        QVERIFY(qFuzzyCompare(runs[1]["efficiency"].get<double>(), seconds1 / seconds2 / 2));
        for (const char* key : { "read", "compute", "write" })
            QVERIFY(runs[1]["stages"].contains(key));
        QVERIFY2(queryScalar(m_races, QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name='features'"))
                == QStringLiteral("1"),
            "benchmark writes to a scratch database, never dropping the user's table");
    }

    void runsAreRecordedInAWorkspace()
    {
        const QString workspace = path(QStringLiteral("workspace"));
        const CliRun run = runCli({ QStringLiteral("features"), QStringLiteral("--db"), m_races,
            QStringLiteral("--out-db"), path(QStringLiteral("history.sqlite")), QStringLiteral("--test"),
            QStringLiteral("--workspace"), workspace });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QString db = workspace + QStringLiteral("/workspace.sqlite");
        QCOMPARE(queryScalar(db, QStringLiteral("SELECT kind || ' ' || status FROM runs")),
            QStringLiteral("features completed"));
        QCOMPARE(queryScalar(db, QStringLiteral("SELECT json_extract(summary_json, '$.races') FROM runs")),
            QStringLiteral("100"));
        QCOMPARE(queryScalar(db, QStringLiteral("SELECT json_extract(config_json, '$.limit') FROM runs")),
            QStringLiteral("100"));
    }

    void benchmarkRejectsBadWorkerList()
    {
        const CliRun run = runCli({ QStringLiteral("benchmark-features"), QStringLiteral("--db"), m_races,
            QStringLiteral("--workers"), QStringLiteral("1,0") });
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains("between 1 and 64"));
    }

    void sampleRacesIsDeterministic()
    {
        const QString a = path(QStringLiteral("s1.sqlite")), b = path(QStringLiteral("s2.sqlite"));
        for (const QString& out : { a, b })
            QCOMPARE(runCli({ QStringLiteral("sample-races"), QStringLiteral("--out"), out, QStringLiteral("--races"),
                                QStringLiteral("200"), QStringLiteral("--seed"), QStringLiteral("9") })
                         .exitCode,
                0);
        const QString digest
            = QStringLiteral("SELECT group_concat(race_id || horse_id || coalesce(position_int, '-')) FROM results");
        QCOMPARE(queryScalar(a, digest), queryScalar(b, digest));
        QCOMPARE(runCli({ QStringLiteral("sample-races"), QStringLiteral("--out"), a, QStringLiteral("--races"),
                            QStringLiteral("0") })
                     .exitCode,
            2);
    }
};

QTEST_GUILESS_MAIN(TestFeaturesCli)
#include "tst_featurescli.moc"
