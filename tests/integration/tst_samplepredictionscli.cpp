// `backfill-studio-cli sample-predictions`: a CSV the evaluate command accepts, deterministic per seed.
#include "TestSupport.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace bfs::test;

class TestSamplePredictionsCli final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void writesAnImportableFile()
    {
        QTemporaryDir dir;
        const QString csv = dir.filePath(QStringLiteral("p.csv"));
        const auto run = runCli({ QStringLiteral("sample-predictions"), QStringLiteral("--out"), csv,
            QStringLiteral("--start"), QStringLiteral("2024-05-01"), QStringLiteral("--end"),
            QStringLiteral("2024-05-03"), QStringLiteral("--seed"), QStringLiteral("5") });
        QCOMPARE(run.exitCode, 0);
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray contents = file.readAll();
        QVERIFY(contents.startsWith("game_date,pitcher_name,team,predicted_strikeouts,actual_strikeouts\n"));

        const QString again = dir.filePath(QStringLiteral("again.csv"));
        QCOMPARE(runCli({ QStringLiteral("sample-predictions"), QStringLiteral("--out"), again,
                            QStringLiteral("--start"), QStringLiteral("2024-05-01"), QStringLiteral("--end"),
                            QStringLiteral("2024-05-03"), QStringLiteral("--seed"), QStringLiteral("5") })
                     .exitCode,
            0);
        QFile second(again);
        QVERIFY(second.open(QIODevice::ReadOnly));
        QCOMPARE(second.readAll(), contents);

        const auto evaluate = runCli({ QStringLiteral("evaluate"), QStringLiteral("--workspace"),
            dir.filePath(QStringLiteral("ws")), QStringLiteral("--predictions"), csv, QStringLiteral("--json") });
        QCOMPARE(evaluate.exitCode, 0);
        const auto json = evaluate.json();
        QCOMPARE(json["predictions"].get<int>(), int(contents.count('\n')) - 1);
        QCOMPARE(json["no_line"].get<int>(), json["predictions"].get<int>()); // no lines loaded yet
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("end-before-start") << QStringList { QStringLiteral("--out"), QStringLiteral("x.csv"),
            QStringLiteral("--start"), QStringLiteral("2024-05-03"), QStringLiteral("--end"),
            QStringLiteral("2024-05-01") } << QStringLiteral("before --start");
        QTest::newRow("bad-date") << QStringList { QStringLiteral("--out"), QStringLiteral("x.csv"),
            QStringLiteral("--start"), QStringLiteral("2024-5-3"), QStringLiteral("--end"),
            QStringLiteral("2024-05-04") }
                                  << QStringLiteral("--start must be a date");
        QTest::newRow("missing-out") << QStringList { QStringLiteral("--start"), QStringLiteral("2024-05-03"),
            QStringLiteral("--end"), QStringLiteral("2024-05-04") }
                                     << QStringLiteral("--out is required");
    }
    void usageErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, messagePart);
        const auto run = runCli(QStringList { QStringLiteral("sample-predictions") } + arguments);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(QString::fromUtf8(run.err).contains(messagePart), run.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestSamplePredictionsCli)
#include "tst_samplepredictionscli.moc"
