// The one status the CLI, the Status tab and the report print: every number counted from a
// hand-built workspace, the JSON keys of `status --json`, and an error (never a half-filled
// dashboard) when a part cannot be read.
#include "TestSupport.h"
#include "reports/WorkspaceStatus.h"
#include "storage/Workspace.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace bfs;
using bfs::test::execSql;

class TestWorkspaceStatus : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::optional<Workspace> m_workspace;

    void writeRaw(const QString& date, const QString& name)
    {
        const QString folder = m_workspace->rawDir() + QStringLiteral("/baseball_mlb/") + date;
        QVERIFY(QDir().mkpath(folder));
        QFile file(folder + u'/' + name);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{}");
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        m_workspace = Workspace::open(m_dir.path(), error);
        QVERIFY2(m_workspace, qPrintable(error));
        const QString script = QStringLiteral(
            "INSERT INTO partitions (sport, partition_date, state, attempts, last_error) VALUES "
            "('baseball_mlb', '2024-05-01', 'done', 1, NULL), ('baseball_mlb', '2024-05-02', 'empty', 1, NULL), "
            "('baseball_mlb', '2024-05-03', 'failed', 2, 'event e9: 422 INVALID_MARKET'), "
            "('baseball_mlb', '2024-05-04', 'pending', 0, NULL), ('basketball_nba', '2024-05-01', 'failed', 1, 'x');\n"
            "INSERT INTO loaded_files (path, size, rows, loaded_at) VALUES ('raw/baseball_mlb/2024-05-01/e1.json', 2, "
            "1, 't');\n"
            "INSERT INTO betting_lines (sport, market, game_date, event_id, commence_time, bookmaker, player_name, "
            "player_lookup, point, over_price, under_price, snapshot_time) VALUES ('baseball_mlb', "
            "'pitcher_strikeouts', "
            "'2024-05-01', 'e1', 't', 'dk', 'A B', 'ab', 5.5, -110, -110, 's');\n"
            "INSERT INTO predictions (line_number, game_date, pitcher_name, player_lookup, predicted_strikeouts) "
            "VALUES "
            "(2, '2024-05-01', 'A B', 'ab', 6), (3, '2024-05-01', 'C D', 'cd', 6), (4, '2024-05-02', 'A B', 'ab', 6), "
            "(5, '2024-05-01', 'A B', 'ab', 7);\n"
            "INSERT INTO runs (kind, config_json, started_at, ended_at, status, summary_json) VALUES "
            "('backfill', '{}', '2024-06-01T10:00:00Z', '2024-06-01T10:05:00Z', 'completed', '{\"requests_remaining\": "
            "480}'), "
            "('load', '{}', '2024-06-01T11:00:00Z', NULL, 'running', NULL)");
        QCOMPARE(execSql(m_workspace->databasePath(), script), QString());
        writeRaw(QStringLiteral("2024-05-01"), QStringLiteral("e1.json"));
        writeRaw(QStringLiteral("2024-05-01"), QStringLiteral("e2.json"));
        writeRaw(QStringLiteral("2024-05-01"), QStringLiteral("events.json")); // a list, not an event file
        writeRaw(QStringLiteral("2024-05-03"), QStringLiteral("e3.json"));
    }

    void countsEveryPhase()
    {
        QString error;
        const auto status = WorkspaceStatus::collect(*m_workspace, QStringLiteral("baseball_mlb"), error);
        QVERIFY2(status, qPrintable(error));
        QCOMPARE(status->phase1.done, 2); // done + empty
        QCOMPARE(status->phase1.total, 4); // this sport's dates only
        QCOMPARE(status->phase2.done, 1);
        QCOMPARE(status->phase2.total, 3);
        QCOMPARE(status->phase3.done, 2); // predictions with a line (date and player)
        QCOMPARE(status->phase3.total, 4);
        QCOMPARE(status->coverage, 0.5);
        QCOMPARE(status->failedDates.size(), std::size_t(1));
        QCOMPARE(status->failedDates[0].date, QDate(2024, 5, 3));
        QCOMPARE(status->failedDates[0].error, QStringLiteral("event e9: 422 INVALID_MARKET"));
        QCOMPARE(status->failedDates[0].attempts, 2);
        QCOMPARE(status->requestsRemaining, std::optional<qint64>(480));

        const nlohmann::json json = status->toJson();
        QCOMPARE(json["phase1"]["percent"].get<double>(), 50.0);
        QVERIFY(qAbs(json["phase2"]["percent"].get<double>() - 100.0 / 3) < 1e-12);
        QCOMPARE(json["readiness"].get<std::string>(), std::string("partial"));
        QCOMPARE(json["failed_dates"][0]["date"].get<std::string>(), std::string("2024-05-03"));
        QCOMPARE(json["partitions"]["pending"].get<int>(), 1);
        QCOMPARE(json["partitions"]["failed"].get<int>(), 1);
        QCOMPARE(json["partitions"]["running"].get<int>(), 0);
        QCOMPARE(json["quota"]["requests_remaining"].get<int>(), 480);
        QCOMPARE(json["last_run"]["status"].get<std::string>(), std::string("completed")); // the backfill, not the load
        for (const char* key : { "phase1", "phase2", "phase3", "coverage", "readiness", "failed_dates", "partitions",
                 "quota", "last_run" })
            QVERIFY2(json.contains(key), key);
    }

    void anUnreadablePartIsAnError()
    {
        QTemporaryDir dir;
        QString error;
        const auto workspace = Workspace::open(dir.path(), error);
        QVERIFY(workspace);
        QCOMPARE(execSql(workspace->databasePath(), QStringLiteral("DROP TABLE loaded_files")), QString());
        QVERIFY(!WorkspaceStatus::collect(*workspace, QStringLiteral("baseball_mlb"), error));
        QVERIFY2(error.contains(QStringLiteral("cannot count loaded files")), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestWorkspaceStatus)
#include "tst_workspacestatus.moc"
