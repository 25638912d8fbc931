// `backfill-studio-cli evaluate`: the real binary, its exit codes and its JSON contract (cli.md).
#include "TestSupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace bfs::test;

class TestEvaluateCli final : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_workspace;

    QString write(const char* name, const QByteArray& contents)
    {
        QFile file(m_dir.filePath(QString::fromLatin1(name)));
        file.open(QIODevice::WriteOnly);
        file.write(contents);
        return file.fileName();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_workspace = m_dir.filePath(QStringLiteral("ws"));
        // A first run creates the workspace (and its schema) from scratch.
        const auto first = runCli(
            { QStringLiteral("evaluate"), QStringLiteral("--workspace"), m_workspace, QStringLiteral("--predictions"),
                write("p.csv",
                    "\xEF\xBB\xBFpitcher_name,game_date,predicted_strikeouts,actual_strikeouts\r\n"
                    "Jos\xC3\xA9 Berr\xC3\xADos,2024-05-01,7.5,8\r\n"
                    "\"McCullers, Lance Jr.\",2024-05-01,3.9,5\r\n"
                    "Nobody Known,2024-05-01,5,5\r\n"),
                QStringLiteral("--json") });
        QCOMPARE(first.exitCode, 0);
        QCOMPARE(first.json()["with_line"].get<int>(), 0);
        QCOMPARE(
            execSql(m_workspace + QStringLiteral("/workspace.sqlite"),
                QStringLiteral("INSERT INTO betting_lines (sport, market, game_date, event_id, commence_time, "
                               "bookmaker, player_name, player_lookup, point, over_price, under_price, snapshot_time) "
                               "VALUES ('baseball_mlb', 'pitcher_strikeouts', '2024-05-01', 'e1', 't', 'dk', "
                               "'José Berríos', 'joseberrios', 6.5, -110, -110, '2024-05-01T22:00:00Z');\n"
                               "INSERT INTO betting_lines (sport, market, game_date, event_id, commence_time, "
                               "bookmaker, player_name, player_lookup, point, over_price, under_price, snapshot_time) "
                               "VALUES ('baseball_mlb', 'pitcher_strikeouts', '2024-05-01', 'e2', 't', 'dk', "
                               "'Lance McCullers Jr.', 'mccullerslance', 4.5, -110, -110, '2024-05-01T22:00:00Z')")),
            QString());
    }

    void jsonKeys()
    {
        const auto run = runCli(
            { QStringLiteral("evaluate"), QStringLiteral("--workspace"), m_workspace, QStringLiteral("--json") });
        QCOMPARE(run.exitCode, 0);
        const auto json = run.json();
        for (const char* key : { "predictions", "with_line", "coverage", "bets", "wins", "losses", "pushes", "passes",
                 "no_line", "ungraded", "hit_rate", "wilson_low", "wilson_high", "breakeven", "z", "p_value",
                 "significant", "roi_110", "roi_market", "decision", "readiness", "by_side", "by_edge_bucket",
                 "by_month", "by_bookmaker", "threshold_sweep", "matches" })
            QVERIFY2(json.contains(key), key);
        for (const char* split : { "by_side", "by_edge_bucket", "by_month", "by_bookmaker" }) {
            for (const auto& [name, group] : json[split].items()) {
                for (const char* key : { "n", "wins", "losses", "hit_rate", "roi_110" })
                    QVERIFY2(group.contains(key),
                        qPrintable(QStringLiteral("%1.%2.%3")
                                       .arg(QLatin1String(split), QString::fromStdString(name), QLatin1String(key))));
            }
        }
        QCOMPARE(json["threshold_sweep"].size(), std::size_t(13));
        for (const auto& point : json["threshold_sweep"]) {
            for (const char* key : { "min_edge", "n", "wins", "losses", "hit_rate", "roi_110" })
                QVERIFY2(point.contains(key), key);
        }
        QCOMPARE(json["predictions"].get<int>(), 3);
        QCOMPARE(json["with_line"].get<int>(), 2);
        // Berríos: 7.5 vs 6.5 → OVER, 8 → WIN. McCullers: 3.9 vs 4.5 → UNDER, 5 → LOSS.
        QCOMPARE(json["wins"].get<int>(), 1);
        QCOMPARE(json["losses"].get<int>(), 1);
        QCOMPARE(json["hit_rate"].get<double>(), 0.5);
        QCOMPARE(json["coverage"].get<double>(), 2.0 / 3); // a fraction, not a percentage
        QCOMPARE(json["breakeven"].get<double>(), 110.0 / 210);
        QCOMPARE(json["matches"].size(), std::size_t(3));
        const auto& match = json["matches"][0];
        for (const char* key :
            { "game_date", "pitcher_name", "player_lookup", "line", "edge", "recommendation", "result" })
            QVERIFY2(match.contains(key), key);
        QCOMPARE(match["pitcher_name"].get<std::string>(), std::string("José Berríos"));
        QCOMPARE(match["player_lookup"].get<std::string>(), std::string("joseberrios"));
        QCOMPARE(match["result"].get<std::string>(), std::string("WIN"));
        QCOMPARE(json["matches"][2]["result"].get<std::string>(), std::string("NO_LINE"));
    }

    void recordsTheRun()
    {
        const QString db = m_workspace + QStringLiteral("/workspace.sqlite");
        const QString before = queryScalar(db, QStringLiteral("SELECT COUNT(*) FROM runs WHERE kind = 'evaluate'"));
        const auto run = runCli({ QStringLiteral("evaluate"), QStringLiteral("--workspace"), m_workspace,
            QStringLiteral("--min-edge"), QStringLiteral("0.75"), QStringLiteral("--json") });
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(queryScalar(db, QStringLiteral("SELECT COUNT(*) FROM runs WHERE kind = 'evaluate'")),
            QString::number(before.toInt() + 1));
        const auto summary = nlohmann::json::parse(queryScalar(
            db, QStringLiteral("SELECT summary_json FROM runs WHERE kind = 'evaluate' ORDER BY id DESC LIMIT 1"))
                                                       .toStdString());
        QCOMPARE(summary["min_edge"].get<double>(), 0.75);
        QVERIFY(summary["decision"] == run.json()["decision"]);
        QVERIFY(!summary.contains("matches"));
        QCOMPARE(
            queryScalar(db, QStringLiteral("SELECT status FROM runs WHERE kind = 'evaluate' ORDER BY id DESC LIMIT 1")),
            QStringLiteral("completed"));
    }

    void minEdge()
    {
        const auto run = runCli({ QStringLiteral("evaluate"), QStringLiteral("--workspace"), m_workspace,
            QStringLiteral("--min-edge"), QStringLiteral("1"), QStringLiteral("--json") });
        QCOMPARE(run.exitCode, 0);
        const auto json = run.json();
        QCOMPARE(json["min_edge"].get<double>(), 1.0);
        QCOMPARE(json["wins"].get<int>(), 1);
        QCOMPARE(json["passes"].get<int>(), 1);
        QCOMPARE(json["matches"][1]["result"].get<std::string>(), std::string("PASS"));
    }

    void badInput_data()
    {
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("bad-csv-line-number") << QStringList {
            QStringLiteral("--predictions"),
            write("bad.csv", "game_date,pitcher_name,predicted_strikeouts\n2024-05-01,A,6\n2024-05-01,B,lots\n")
        } << QStringLiteral("bad.csv line 3, column predicted_strikeouts: 'lots' is not a number");
        QTest::newRow("missing-column") << QStringList { QStringLiteral("--predictions"),
            write("nocol.csv", "game_date,pitcher_name\n2024-05-01,A\n") }
                                        << QStringLiteral("missing required column predicted_strikeouts");
        QTest::newRow("empty-file") << QStringList { QStringLiteral("--predictions"), write("empty.csv", "") }
                                    << QStringLiteral("empty");
        QTest::newRow("header-only") << QStringList { QStringLiteral("--predictions"),
            write("header-only.csv", "game_date,pitcher_name,predicted_strikeouts\n") }
                                     << QStringLiteral("header-only.csv has a header and no rows");
        QTest::newRow("huge-name") << QStringList { QStringLiteral("--predictions"),
            write("huge.csv",
                QByteArray("game_date,pitcher_name,predicted_strikeouts\n2024-05-01,")
                    + QByteArray(2 * 1024 * 1024, 'n') + QByteArray(",6\n")) }
                                   << QStringLiteral(
                                          "line 2, column pitcher_name: is 2097152 characters long (at most 200)");
        QTest::newRow("negative-min-edge") << QStringList { QStringLiteral("--min-edge"), QStringLiteral("-1") }
                                           << QStringLiteral("--min-edge must be a number");
        QTest::newRow("text-min-edge") << QStringList { QStringLiteral("--min-edge"), QStringLiteral("half") }
                                       << QStringLiteral("--min-edge must be a number");
    }
    void badInput()
    {
        QFETCH(QStringList, extra);
        QFETCH(QString, messagePart);
        const auto run = runCli(QStringList { QStringLiteral("evaluate"), QStringLiteral("--workspace"), m_workspace,
                                    QStringLiteral("--json") }
            + extra);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(QString::fromUtf8(run.err).contains(messagePart), run.err.constData());
        QVERIFY(run.out.isEmpty());
        // Nothing changed: the previous set is still there, and no run was recorded.
        QCOMPARE(queryScalar(m_workspace + QStringLiteral("/workspace.sqlite"),
                     QStringLiteral("SELECT COUNT(*) FROM runs WHERE kind = 'evaluate' AND status <> 'completed'")),
            QStringLiteral("0"));
        QCOMPARE(queryScalar(m_workspace + QStringLiteral("/workspace.sqlite"),
                     QStringLiteral("SELECT COUNT(*) FROM predictions")),
            QStringLiteral("3"));
    }

    void statusReportsPhase3()
    {
        const auto run = runCli(
            { QStringLiteral("status"), QStringLiteral("--workspace"), m_workspace, QStringLiteral("--json") });
        QCOMPARE(run.exitCode, 0);
        const auto json = run.json();
        QCOMPARE(json["phase3"]["done"].get<int>(), 2);
        QCOMPARE(json["phase3"]["total"].get<int>(), 3);
        QVERIFY(qAbs(json["phase3"]["percent"].get<double>() - 200.0 / 3) < 1e-9);
        QCOMPARE(json["coverage"].get<double>(), 2.0 / 3);
        QCOMPARE(json["readiness"].get<std::string>(), std::string("partial"));
    }

    void missingWorkspaceFlag()
    {
        const auto run = runCli({ QStringLiteral("evaluate"), QStringLiteral("--json") });
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains("--workspace"));
    }

    void missingWorkspaceIsNotCreated()
    {
        const QString dir = m_dir.filePath(QStringLiteral("typo-ws"));
        const auto run = runCli({ QStringLiteral("evaluate"), QStringLiteral("--workspace"), dir });
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains("does not exist"));
        QVERIFY(!QFileInfo::exists(dir));
    }

    void emptyWorkspace()
    {
        const QString dir = m_dir.filePath(QStringLiteral("empty-ws"));
        QVERIFY(QDir().mkpath(dir));
        const auto run = runCli({ QStringLiteral("evaluate"), QStringLiteral("--workspace"), dir });
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains("no predictions"));
    }
};

QTEST_GUILESS_MAIN(TestEvaluateCli)
#include "tst_evaluatecli.moc"
