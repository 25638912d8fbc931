// `backfill-studio-cli load` (cli.md): the real binary against a real workspace.
#include "TestSupport.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <nlohmann/json.hpp>

using nlohmann::json;

namespace {

// An event-odds response as The Odds API returns it: `players` pitchers × 2 points × both
// sides at two bookmakers.
QByteArray eventOdds(const std::string& id, const std::string& commence)
{
    json books = json::array();
    for (const char* key : { "draftkings", "fanduel" }) {
        json outcomes = json::array();
        for (const char* player : { "Gerrit Cole", "Carlos Rodón" }) {
            for (double point : { 5.5, 6.5 }) {
                outcomes.push_back(
                    { { "name", "Over" }, { "description", player }, { "price", -112 }, { "point", point } });
                outcomes.push_back(
                    { { "name", "Under" }, { "description", player }, { "price", -108 }, { "point", point } });
            }
        }
        books.push_back({ { "key", key }, { "title", key }, { "last_update", "2024-05-03T22:01:00Z" },
            { "markets",
                json::array({ { { "key", "pitcher_strikeouts" }, { "last_update", "2024-05-03T22:01:00Z" },
                    { "outcomes", outcomes } } }) } });
    }
    const json body = { { "timestamp", "2024-05-03T22:05:00Z" }, { "previous_timestamp", "2024-05-03T22:00:00Z" },
        { "next_timestamp", "2024-05-03T22:10:00Z" },
        { "data",
            { { "id", id }, { "sport_key", "baseball_mlb" }, { "sport_title", "MLB" }, { "commence_time", commence },
                { "home_team", "New York Yankees" }, { "away_team", "Houston Astros" }, { "bookmakers", books } } } };
    return QByteArray::fromStdString(body.dump());
}

bool writeFile(const QString& path, const QByteArray& bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

// `files` event-odds files named prefix0.json, prefix1.json, … under ws/raw, spread over
// the first 28 days of July 2024.
bool writeEvents(const QString& ws, const QString& prefix, int files)
{
    for (int i = 0; i < files; ++i) {
        const QString id = prefix + QString::number(i);
        const QString day = QStringLiteral("2024-07-%1").arg(1 + i % 28, 2, 10, QLatin1Char('0'));
        if (!writeFile(ws + QStringLiteral("/raw/baseball_mlb/") + day + u'/' + id + QStringLiteral(".json"),
                eventOdds(id.toStdString(), "2024-07-01T23:05:00Z")))
            return false;
    }
    return true;
}

} // namespace

class TestLoadCli : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString workspaceWithFiles(const QString& name)
    {
        const QString ws = m_dir.filePath(name);
        const QString day = ws + QStringLiteral("/raw/baseball_mlb/2024-05-03/");
        writeFile(day + QStringLiteral("events.json"), R"({"timestamp":"2024-05-03T15:00:00Z","data":[]})");
        writeFile(day + QStringLiteral("aaa.json"), eventOdds("aaa", "2024-05-03T23:05:00Z"));
        writeFile(day + QStringLiteral("bbb.json"), eventOdds("bbb", "2024-05-04T02:10:00Z"));
        return ws;
    }

private Q_SLOTS:
    void summaryKeysAndIdempotence()
    {
        const QString ws = workspaceWithFiles(QStringLiteral("keys"));
        const auto first = bfs::test::runCli(
            { QStringLiteral("load"), QStringLiteral("--workspace"), ws, QStringLiteral("--json") });
        QVERIFY2(first.exitCode == 0, first.err.constData());
        const json summary = first.json();
        for (const char* key : { "files_loaded", "files_skipped", "rows_inserted", "rows_total", "seconds" })
            QVERIFY2(summary.contains(key), key);
        QCOMPARE(summary["files_loaded"].get<int>(), 2);
        QCOMPARE(summary["files_skipped"].get<int>(), 0);
        QCOMPARE(summary["rows_inserted"].get<int>(), 16);
        QCOMPARE(summary["rows_total"].get<int>(), 16);
        QVERIFY(summary["seconds"].is_number());
        QVERIFY(!first.err.isEmpty()); // progress goes to stderr
        const QString db = ws + QStringLiteral("/workspace.sqlite");
        QCOMPARE(bfs::test::queryScalar(db, QStringLiteral("SELECT COUNT(DISTINCT game_date) FROM betting_lines")),
            QStringLiteral("1"));

        const auto second = bfs::test::runCli(
            { QStringLiteral("load"), QStringLiteral("--workspace"), ws, QStringLiteral("--json") });
        QCOMPARE(second.exitCode, 0);
        QCOMPARE(second.json()["files_loaded"].get<int>(), 0);
        QCOMPARE(second.json()["files_skipped"].get<int>(), 2);
        QCOMPARE(second.json()["rows_inserted"].get<int>(), 0);
        QCOMPARE(second.json()["rows_total"].get<int>(), 16);

        // Both runs are in the workspace's run history with their summaries.
        QCOMPARE(bfs::test::queryScalar(
                     db, QStringLiteral("SELECT COUNT(*) FROM runs WHERE kind = 'load' AND status = 'completed'")),
            QStringLiteral("2"));
        QCOMPARE(bfs::test::queryScalar(db,
                     QStringLiteral("SELECT json_extract(summary_json, '$.rows_inserted') FROM runs "
                                    "WHERE kind = 'load' ORDER BY id LIMIT 1")),
            QStringLiteral("16"));
    }

    void malformedFileGivesPartialFailure()
    {
        const QString ws = workspaceWithFiles(QStringLiteral("malformed"));
        writeFile(
            ws + QStringLiteral("/raw/baseball_mlb/2024-05-03/ccc.json"), "{\"message\": \"Internal Server Error\"}");
        const auto run = bfs::test::runCli(
            { QStringLiteral("load"), QStringLiteral("--workspace"), ws, QStringLiteral("--json") });
        QCOMPARE(run.exitCode, 1);
        const json summary = run.json();
        QCOMPARE(summary["files_loaded"].get<int>(), 2);
        QCOMPARE(summary["files_failed"].get<int>(), 1);
        QCOMPARE(
            summary["failures"][0]["path"].get<std::string>(), std::string("raw/baseball_mlb/2024-05-03/ccc.json"));
        QVERIFY(run.err.contains("ccc.json"));
    }

    void ndjsonExport()
    {
        const QString ws = workspaceWithFiles(QStringLiteral("ndjson"));
        const QString out = m_dir.filePath(QStringLiteral("lines.ndjson"));
        const auto run = bfs::test::runCli({ QStringLiteral("load"), QStringLiteral("--workspace"), ws,
            QStringLiteral("--ndjson"), out, QStringLiteral("--json") });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(run.json()["ndjson_rows"].get<int>(), 16);
        QFile file(out);
        QVERIFY(file.open(QIODevice::ReadOnly));
        int rows = 0;
        for (const QByteArray& line : file.readAll().split('\n')) {
            if (line.isEmpty())
                continue;
            const json row = json::parse(line.toStdString());
            QCOMPARE(row.size(), std::size_t(17));
            QVERIFY(
                row.contains("player_lookup") && row.contains("snapshot_time") && row.contains("over_implied_prob"));
            QCOMPARE(row["game_date"].get<std::string>(), std::string("2024-05-03"));
            ++rows;
        }
        QCOMPARE(rows, 16);
    }

    void signalStopsCleanly()
    {
        const QString ws = m_dir.filePath(QStringLiteral("signal"));
        const int files = 20000; // long enough to be under way when the signal comes
        QVERIFY(writeEvents(ws, QStringLiteral("s"), files));
        QProcess cli;
        cli.start(QStringLiteral(BFS_CLI_PATH),
            { QStringLiteral("load"), QStringLiteral("--workspace"), ws, QStringLiteral("--json") });
        QVERIFY(cli.waitForStarted());
        // The first progress line on stderr: the load is under way.
        cli.setReadChannel(QProcess::StandardError);
        QTRY_VERIFY_WITH_TIMEOUT(cli.canReadLine() || cli.state() == QProcess::NotRunning, 30000);
        cli.terminate(); // SIGTERM: in-flight files end, whole files only are kept
        QVERIFY(cli.state() == QProcess::NotRunning || cli.waitForFinished(60000));
        QVERIFY2(cli.exitCode() == 130 || cli.exitCode() == 0, qPrintable(QString::number(cli.exitCode())));
        const json summary = json::parse(cli.readAllStandardOutput().toStdString());
        const int loaded = summary["files_loaded"].get<int>();
        qInfo("exit %d after %d of %d files", cli.exitCode(), loaded, files);
        if (cli.exitCode() == 130)
            QVERIFY(summary["cancelled"].get<bool>());
        const QString db = ws + QStringLiteral("/workspace.sqlite");
        QCOMPARE(
            bfs::test::queryScalar(db, QStringLiteral("SELECT COUNT(*) FROM loaded_files")), QString::number(loaded));
        QCOMPARE(bfs::test::queryScalar(db, QStringLiteral("SELECT COUNT(*) FROM betting_lines")),
            QString::number(loaded * 8));

        const auto rest = bfs::test::runCli(
            { QStringLiteral("load"), QStringLiteral("--workspace"), ws, QStringLiteral("--json") });
        QCOMPARE(rest.exitCode, 0);
        QCOMPARE(rest.json()["files_loaded"].get<int>(), files - loaded);
        QCOMPARE(rest.json()["rows_total"].get<int>(), files * 8);
    }

    void secondLoadIsRefusedWhileOneRuns()
    {
        const QString ws = m_dir.filePath(QStringLiteral("concurrent"));
        const int files = 20000; // long enough to be under way when the second load starts
        QVERIFY(writeEvents(ws, QStringLiteral("c"), files));
        QProcess first;
        first.start(QStringLiteral(BFS_CLI_PATH),
            { QStringLiteral("load"), QStringLiteral("--workspace"), ws, QStringLiteral("--json") });
        QVERIFY(first.waitForStarted());
        const qint64 firstPid = first.processId();
        first.setReadChannel(QProcess::StandardError);
        QTRY_VERIFY_WITH_TIMEOUT(first.canReadLine() || first.state() == QProcess::NotRunning, 30000);
        if (first.state() == QProcess::NotRunning)
            QSKIP("the first load finished before the second could start");
        const auto second = bfs::test::runCli(
            { QStringLiteral("load"), QStringLiteral("--workspace"), ws, QStringLiteral("--json") });
        const bool firstStillRan = first.state() != QProcess::NotRunning;
        QVERIFY(first.state() == QProcess::NotRunning || first.waitForFinished(120000));
        QCOMPARE(first.exitCode(), 0);
        const json summary = json::parse(first.readAllStandardOutput().toStdString());
        QCOMPARE(summary["files_loaded"].get<int>(), files);
        QCOMPARE(summary["rows_total"].get<int>(), files * 8);
        if (!firstStillRan && second.exitCode == 0)
            QSKIP("the first load finished while the second was starting");
        QCOMPARE(second.exitCode, 3);
        const QByteArray expected
            = QStringLiteral("another load is running on workspace %1 (process %2)").arg(ws).arg(firstPid).toUtf8();
        QVERIFY2(second.err.contains(expected) || second.out.contains(expected), second.err.constData());
        QCOMPARE(bfs::test::queryScalar(
                     ws + QStringLiteral("/workspace.sqlite"), QStringLiteral("SELECT COUNT(*) FROM betting_lines")),
            QString::number(files * 8));
    }

    // A season into a new workspace is a bulk load: it commits batch by batch without the
    // unique key and builds the key at the end. SIGKILL right after its first commit (the
    // load-commit fault point), then run again: every file loaded once, every row once, and the
    // key is back.
    void killedBulkLoadResumesToTheSameTable()
    {
        const QString ws = m_dir.filePath(QStringLiteral("killed"));
        const int files = 30000; // 240,000 rows: more than one batch of LoadOptions::commitRows
        QVERIFY(writeEvents(ws, QStringLiteral("e"), files));
        const QString db = ws + QStringLiteral("/workspace.sqlite");
        auto loadedFiles
            = [&] { return bfs::test::queryScalar(db, QStringLiteral("SELECT COUNT(*) FROM loaded_files")).toInt(); };

        const auto killed
            = bfs::test::runCli({ QStringLiteral("load"), QStringLiteral("--workspace"), ws, QStringLiteral("--json") },
                120000, { QStringLiteral("BFS_KILL_AT=load-commit:1") });
        QCOMPARE(killed.exitCode, -1); // a crash exit (the SIGKILL), not an exit code
        QVERIFY(killed.out.isEmpty()); // no summary: it never reported success
        const int before = loadedFiles();
        qInfo("killed after %d of %d files", before, files);
        QVERIFY2(before > 0 && before < files, "the first commit is neither empty nor the whole load");
        QCOMPARE(bfs::test::queryScalar(db, QStringLiteral("SELECT COUNT(*) FROM betting_lines")),
            QString::number(before * 8)); // whole files only
        const QString keys = QStringLiteral("SELECT COUNT(*) FROM pragma_index_list('betting_lines') WHERE \"unique\"");
        QCOMPARE(bfs::test::queryScalar(db, keys), QStringLiteral("0")); // killed before the key was rebuilt

        const auto rest = bfs::test::runCli(
            { QStringLiteral("load"), QStringLiteral("--workspace"), ws, QStringLiteral("--json") });
        QCOMPARE(rest.exitCode, 0);
        QCOMPARE(rest.json()["files_skipped"].get<int>(), before);
        QCOMPARE(rest.json()["files_loaded"].get<int>(), files - before);
        QCOMPARE(rest.json()["rows_total"].get<int>(), files * 8);
        QCOMPARE(loadedFiles(), files);
        QCOMPARE(bfs::test::queryScalar(db,
                     QStringLiteral("SELECT COUNT(*) FROM (SELECT 1 FROM betting_lines GROUP BY event_id, bookmaker, "
                                    "market, player_lookup, point, snapshot_time HAVING COUNT(*) > 1)")),
            QStringLiteral("0"));
        QCOMPARE(bfs::test::queryScalar(db, keys), QStringLiteral("1"));
    }

    void missingWorkspaceIsCreated()
    {
        const QString ws = m_dir.filePath(QStringLiteral("new/nested/ws"));
        const auto run = bfs::test::runCli(
            { QStringLiteral("load"), QStringLiteral("--workspace"), ws, QStringLiteral("--json") });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(run.json()["files_loaded"].get<int>(), 0);
        QCOMPARE(run.json()["rows_total"].get<int>(), 0);
        QVERIFY(QFileInfo::exists(ws + QStringLiteral("/workspace.sqlite")));
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("no workspace") << QStringList { QStringLiteral("load") } << QStringLiteral("--workspace");
        QTest::newRow("bad odds format") << QStringList { QStringLiteral("load"), QStringLiteral("--workspace"),
            QStringLiteral("WS"), QStringLiteral("--odds-format"), QStringLiteral("fractional") }
                                         << QStringLiteral("--odds-format");
        QTest::newRow("workspace is a file") << QStringList { QStringLiteral("load"), QStringLiteral("--workspace"),
            QStringLiteral("FILE") } << QStringLiteral("not a folder");
        QTest::newRow("ndjson folder missing") << QStringList { QStringLiteral("load"), QStringLiteral("--workspace"),
            QStringLiteral("WS"), QStringLiteral("--ndjson"), QStringLiteral("/nonexistent/dir/x.ndjson") }
                                               << QStringLiteral("does not exist");
    }
    void usageErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const QString file = m_dir.filePath(QStringLiteral("plain-file"));
        writeFile(file, "x");
        arguments.replaceInStrings(QStringLiteral("FILE"), file);
        arguments.replaceInStrings(QStringLiteral("WS"), m_dir.filePath(QStringLiteral("usage-ws")));
        const auto run = bfs::test::runCli(arguments);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(QString::fromUtf8(run.err).contains(message), run.err.constData());
        QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("usage-ws/workspace.sqlite"))));
    }
};

QTEST_GUILESS_MAIN(TestLoadCli)
#include "tst_loadcli.moc"
