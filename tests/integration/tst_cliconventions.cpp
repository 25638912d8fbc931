// The conventions every command shares (cli.md): a bad flag value is exit 2 with one wording
// that names the flag, what it accepts and what it got; the result goes to stdout (one JSON
// object with --json, text otherwise) and everything else to stderr; help shows the defaults.
#include "TestSupport.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace bfs::test;

class TestCliConventions final : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    QString path(const char* name) const { return m_dir.filePath(QString::fromLatin1(name)); }

private Q_SLOTS:
    void badValues_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        const QString ws = path("ws");
        const QStringList backfill { QStringLiteral("backfill"), QStringLiteral("--workspace"), ws,
            QStringLiteral("--start"), QStringLiteral("2024-05-01"), QStringLiteral("--end"),
            QStringLiteral("2024-05-02"), QStringLiteral("--api-key"), QStringLiteral("k") };
        QTest::newRow("backfill --rate") << (backfill + QStringList { QStringLiteral("--rate"), QStringLiteral("0") })
                                         << QStringLiteral("--rate must be a number > 0, got '0'");
        QTest::newRow("backfill --lead-minutes")
            << (backfill + QStringList { QStringLiteral("--lead-minutes"), QStringLiteral("1441") })
            << QStringLiteral("--lead-minutes must be an integer from 0 to 1440, got '1441'");
        QTest::newRow("backfill --budget")
            << (backfill + QStringList { QStringLiteral("--budget"), QStringLiteral("-3") })
            << QStringLiteral("--budget must be an integer ≥ 0, got '-3'");
        QTest::newRow("backfill --events-time")
            << (backfill + QStringList { QStringLiteral("--events-time"), QStringLiteral("25:00") })
            << QStringLiteral("--events-time must be a time HH:MM (UTC), got '25:00'");
        QTest::newRow("backfill exclusive") << (backfill
            + QStringList { QStringLiteral("--regions"), QStringLiteral("us"), QStringLiteral("--bookmakers"),
                QStringLiteral("dk") }) << QStringLiteral("--regions and --bookmakers are exclusive");
        QTest::newRow("backfill --lease-s alone")
            << (backfill + QStringList { QStringLiteral("--lease-s"), QStringLiteral("30") })
            << QStringLiteral("--lease-s only goes with --database (team mode)");
        QTest::newRow("backfill --dates")
            << (backfill + QStringList { QStringLiteral("--dates"), QStringLiteral("2024-05-01,5/2/2024") })
            << QStringLiteral("--dates: '5/2/2024' is not a date YYYY-MM-DD");
        QTest::newRow("benchmark-features --workers") << QStringList { QStringLiteral("benchmark-features"),
            QStringLiteral("--db"), path("races.sqlite"), QStringLiteral("--workers"),
            QStringLiteral("1,two") } << QStringLiteral("--workers: each count must be between 1 and 64, got 'two'");
        QTest::newRow("backfill --end before --start")
            << QStringList { QStringLiteral("backfill"), QStringLiteral("--workspace"), ws, QStringLiteral("--start"),
                   QStringLiteral("2024-05-02"), QStringLiteral("--end"), QStringLiteral("2024-05-01") }
            << QStringLiteral("--end 2024-05-01 is before --start 2024-05-02");
        QTest::newRow("evaluate --min-edge") << QStringList { QStringLiteral("evaluate"), QStringLiteral("--workspace"),
            ws, QStringLiteral("--min-edge"), QStringLiteral("x") }
                                             << QStringLiteral("--min-edge must be a number ≥ 0, got 'x'");
        QTest::newRow("report --min-edge") << QStringList { QStringLiteral("report"), QStringLiteral("--workspace"), ws,
            QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("--out"), path("r.json"),
            QStringLiteral("--min-edge"), QStringLiteral("-1") }
                                           << QStringLiteral("--min-edge must be a number ≥ 0, got '-1'");
        QTest::newRow("report without --format") << QStringList { QStringLiteral("report"),
            QStringLiteral("--workspace"), ws, QStringLiteral("--out"), path("r.json") }
                                                 << QStringLiteral("--format is required");
        QTest::newRow("simulate-api --error-rate")
            << QStringList { QStringLiteral("simulate-api"), QStringLiteral("--error-rate"), QStringLiteral("1.5") }
            << QStringLiteral("--error-rate must be a number from 0 to 1, got '1.5'");
        QTest::newRow("simulate-api --port") << QStringList { QStringLiteral("simulate-api"), QStringLiteral("--port"),
            QStringLiteral("70000") } << QStringLiteral("--port must be an integer from 0 to 65535, got '70000'");
        QTest::newRow("sample-races --races") << QStringList { QStringLiteral("sample-races"), QStringLiteral("--out"),
            path("r.sqlite"), QStringLiteral("--races"),
            QStringLiteral("0") } << QStringLiteral("--races must be an integer from 1 to 10000000, got '0'");
        QTest::newRow("sample-predictions --seed") << QStringList { QStringLiteral("sample-predictions"),
            QStringLiteral("--out"), path("p.csv"), QStringLiteral("--start"), QStringLiteral("2024-05-01"),
            QStringLiteral("--end"), QStringLiteral("2024-05-01"), QStringLiteral("--seed"), QStringLiteral("-1") }
                                                   << QStringLiteral("--seed must be a non-negative integer, got '-1'");
        QTest::newRow("features --batch-size") << QStringList { QStringLiteral("features"), QStringLiteral("--db"),
            path("races.sqlite"), QStringLiteral("--batch-size"),
            QStringLiteral("0") } << QStringLiteral("--batch-size must be an integer from 1 to 1000000, got '0'");
        QTest::newRow("load --workers") << QStringList { QStringLiteral("load"), QStringLiteral("--workspace"), ws,
            QStringLiteral("--workers"), QStringLiteral("0") }
                                        << QStringLiteral("--workers must be between 1 and 64, got '0'");
    }

    void badValues()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const CliRun run = runCli(arguments);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(
            run.err.contains((QStringLiteral("backfill-studio-cli: error: ") + message).toUtf8()), run.err.constData());
        QVERIFY(run.out.isEmpty());
        QVERIFY2(!QDir(path("ws")).exists(), "nothing is written on a usage error");
    }

    void resultOnStdoutEverythingElseOnStderr()
    {
        const QString csv = path("predictions.csv");
        const QStringList write { QStringLiteral("sample-predictions"), QStringLiteral("--out"), csv,
            QStringLiteral("--start"), QStringLiteral("2024-05-01"), QStringLiteral("--end"),
            QStringLiteral("2024-05-03") };
        CliRun run = runCli(write);
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.startsWith("wrote ") && run.out.contains(csv.toUtf8()), run.out.constData());
        QVERIFY(run.err.isEmpty());
        run = runCli(write + QStringList { QStringLiteral("--json") });
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.json()["predictions"].get<int>() > 0); // stdout is exactly the JSON object

        const QString ws = path("evaluated");
        run = runCli(
            { QStringLiteral("evaluate"), QStringLiteral("--workspace"), ws, QStringLiteral("--predictions"), csv });
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.err.contains("imported "), run.err.constData()); // a note, on stderr
        QVERIFY2(run.out.startsWith("predictions ") && run.out.contains("\nbest min edge "), run.out.constData());
        QVERIFY(!run.out.contains("imported "));
        run = runCli({ QStringLiteral("evaluate"), QStringLiteral("--workspace"), ws, QStringLiteral("--json") });
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.json().contains("accuracy"));

        run = runCli({ QStringLiteral("load"), QStringLiteral("--workspace"), ws });
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.startsWith("loaded 0 files"), run.out.constData());
        run = runCli({ QStringLiteral("status"), QStringLiteral("--workspace"), ws });
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.startsWith("scrape "), run.out.constData());
    }

    void helpShowsTheEngineDefaults()
    {
        const CliRun run = runCli({ QStringLiteral("backfill"), QStringLiteral("--help") });
        QCOMPARE(run.exitCode, 0);
        for (const char* text : { "(default baseball_mlb)", "(default pitcher_strikeouts)", "(default 5)",
                 "(default 15:00)", "(default 60)" })
            QVERIFY2(run.out.contains(text), text);
    }
};

QTEST_GUILESS_MAIN(TestCliConventions)
#include "tst_cliconventions.moc"
