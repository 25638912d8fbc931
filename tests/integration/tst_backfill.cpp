// Odds backfill phase 1 end to end: the real CLI over real HTTP against the simulator on
// loopback, real SQLite, real files.
#include "TestSupport.h"

#include "jobs/JobEngine.h"
#include "odds/scrape/BackfillJob.h"
#include "odds/scrape/SnapshotStore.h"
#include "simulator/SimulatorServer.h"
#include "storage/Workspace.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QHostAddress>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QHttpServerResponse>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace bfs;
using bfs::test::runCli;

namespace {

const QString Key = QStringLiteral("s3cr3t-key-4711");

// Relative path → SHA-1 of every file under raw/.
QMap<QString, QByteArray> rawTree(const QString& workspace)
{
    QMap<QString, QByteArray> tree;
    const QString root = workspace + QStringLiteral("/raw");
    QDirIterator it(root, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile file(path);
        if (file.open(QIODevice::ReadOnly))
            tree.insert(
                QDir(root).relativeFilePath(path), QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha1));
    }
    return tree;
}

QStringList backfillArgs(const QString& workspace, const QString& base, const QString& start, const QString& end)
{
    return { QStringLiteral("backfill"), QStringLiteral("--workspace"), workspace, QStringLiteral("--start"), start,
        QStringLiteral("--end"), end, QStringLiteral("--api-base"), base, QStringLiteral("--rate"),
        QStringLiteral("500"), QStringLiteral("--retry-base-ms"), QStringLiteral("5"), QStringLiteral("--json") };
}

// A hand-written API for hostile or broken answers: `data` is the events list's array body,
// served for every events request with a cost header.
void serveEvents(QHttpServer& server, const QByteArray& data)
{
    server.route(QStringLiteral("/v4/historical/sports/<arg>/events"), [data](const QString&) {
        QHttpServerResponse r(QByteArrayLiteral("application/json"),
            QByteArrayLiteral("{\"timestamp\":\"2024-05-03T15:00:00Z\",\"data\":[") + data + QByteArrayLiteral("]}"));
        r.addHeader(QByteArrayLiteral("x-requests-last"), QByteArrayLiteral("1"));
        return r;
    });
}

// One date (2024-05-03) against a server on loopback `port`.
BackfillSettings oneDateAgainst(quint16 port, int workers)
{
    BackfillSettings settings;
    settings.apiBase = QStringLiteral("http://127.0.0.1:%1").arg(port);
    settings.apiKey = Key;
    settings.start = settings.end = QDate(2024, 5, 3);
    settings.workers = workers;
    settings.rate = 100;
    return settings;
}

} // namespace

class TestBackfill : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void faultsAreRetriedAndNothingIsLostOrDuplicated()
    {
        QTemporaryDir clean, faulty;
        sim::SimulatorOptions options;
        options.seed = 9;
        options.requiredKey = Key;
        sim::SimulatorServer reference(options);
        QString error;
        QVERIFY2(reference.start(0, error), qPrintable(error));
        options.errorRate = 0.15;
        options.rate429 = 0.1;
        options.retryAfterSeconds = 0;
        options.malformedRate = 0.1;
        options.latencyMs = 5;
        sim::SimulatorServer flaky(options);
        QVERIFY2(flaky.start(0, error), qPrintable(error));

        auto args = backfillArgs(
            clean.path(), reference.baseUrl(), QStringLiteral("2024-07-12"), QStringLiteral("2024-07-22"));
        const auto cleanRun = runCli(args + QStringList { QStringLiteral("--workers"), QStringLiteral("3") }, 120000,
            { QStringLiteral("ODDS_API_KEY=") + Key });
        QCOMPARE(cleanRun.exitCode, 0);

        args = backfillArgs(faulty.path(), flaky.baseUrl(), QStringLiteral("2024-07-12"), QStringLiteral("2024-07-22"));
        args << QStringLiteral("--workers") << QStringLiteral("4") << QStringLiteral("--max-retries")
             << QStringLiteral("12") << QStringLiteral("--api-key") << Key;
        const auto run = runCli(args);
        QCOMPARE(run.exitCode, 0);
        const auto s = run.json();
        QCOMPARE(s["dates_total"].get<int>(), 11);
        QCOMPARE(s["dates_done"].get<int>() + s["dates_empty"].get<int>(), 11);
        QCOMPARE(s["dates_empty"].get<int>(), 4); // the all-star break, Monday to Thursday
        QCOMPARE(s["dates_failed"].get<int>(), 0);
        QVERIFY(s["retries"].get<int>() > 0);
        QVERIFY(flaky.faultCount() > 0);
        // Every request is either one stored answer (an events list per date, an odds
        // file per event) or a counted retry: nothing fetched twice, nothing lost.
        QCOMPARE(s["requests"].get<qint64>(),
            11 + s["events_fetched"].get<qint64>() + s["events_missing"].get<qint64>() + s["retries"].get<qint64>());
        QCOMPARE(s["requests"].get<qint64>(), flaky.requestCount());
        QCOMPARE(s["credits_used"].get<qint64>(), flaky.creditsUsed());
        QCOMPARE(rawTree(faulty.path()), rawTree(clean.path()));
        QCOMPARE(s["events_fetched"].get<qint64>(), cleanRun.json()["events_fetched"].get<qint64>());

        QVERIFY(!bfs::test::anyFileContains(faulty.path(), Key.toUtf8()));
        QVERIFY(!run.out.contains(Key.toUtf8()) && !run.err.contains(Key.toUtf8()));

        // A second run fetches nothing: every date is final and every file present.
        const auto again = runCli(args);
        QCOMPARE(again.exitCode, 0);
        QCOMPARE(again.json()["requests"].get<int>(), 0);

        const auto status = runCli(
            { QStringLiteral("status"), QStringLiteral("--workspace"), faulty.path(), QStringLiteral("--json") });
        QCOMPARE(status.exitCode, 0);
        QCOMPARE(status.json()["phase1"]["done"].get<int>(), 11);
        QCOMPARE(status.json()["phase1"]["percent"].get<double>(), 100.0);
        QVERIFY(status.json()["failed_dates"].empty());
    }

    void rateLimitKeepsUnderTheServersLimit()
    {
        sim::SimulatorOptions options;
        options.rateLimit = 20; // the server answers 429 (Retry-After: 1) above 20 requests/s
        sim::SimulatorServer server(options);
        QString error;
        QVERIFY2(server.start(0, error), qPrintable(error));
        const QStringList env { QStringLiteral("ODDS_API_KEY=") + Key };

        // Paced at 10/s over all workers: never limited.
        QTemporaryDir paced;
        auto args
            = backfillArgs(paced.path(), server.baseUrl(), QStringLiteral("2024-06-10"), QStringLiteral("2024-06-11"));
        args.replace(args.indexOf(QStringLiteral("--rate")) + 1, QStringLiteral("10"));
        const auto slow = runCli(args + QStringList { QStringLiteral("--workers"), QStringLiteral("4") }, 120000, env);
        QCOMPARE(slow.exitCode, 0);
        QCOMPARE(slow.json()["retries"].get<int>(), 0);
        QCOMPARE(server.faultCount(), 0);

        // Unpaced: the server pushes back with 429s, which are retried until done.
        QTemporaryDir pushed;
        const auto fast = runCli(
            backfillArgs(pushed.path(), server.baseUrl(), QStringLiteral("2024-06-10"), QStringLiteral("2024-06-11"))
                + QStringList { QStringLiteral("--workers"), QStringLiteral("4") },
            120000, env);
        QCOMPARE(fast.exitCode, 0);
        QVERIFY(fast.json()["retries"].get<int>() > 0);
        QCOMPARE(rawTree(pushed.path()), rawTree(paced.path()));
    }

    void a429WithoutRetryAfterSlowsEveryWorker()
    {
        sim::SimulatorOptions options;
        options.rateLimit = 20;
        options.retryAfterSeconds = -1; // the 429s say nothing of how long to wait
        sim::SimulatorServer server(options);
        QString error;
        QVERIFY2(server.start(0, error), qPrintable(error));
        const QStringList env { QStringLiteral("ODDS_API_KEY=") + Key };
        QTemporaryDir paced, pushed;
        auto args
            = backfillArgs(paced.path(), server.baseUrl(), QStringLiteral("2024-06-10"), QStringLiteral("2024-06-11"));
        args.replace(args.indexOf(QStringLiteral("--rate")) + 1, QStringLiteral("10"));
        QCOMPARE(
            runCli(args + QStringList { QStringLiteral("--workers"), QStringLiteral("4") }, 120000, env).exitCode, 0);

        // Unpaced, with backoffs long enough to outlast a few halvings (the default base is 1 s).
        args
            = backfillArgs(pushed.path(), server.baseUrl(), QStringLiteral("2024-06-10"), QStringLiteral("2024-06-11"));
        args.replace(args.indexOf(QStringLiteral("--retry-base-ms")) + 1, QStringLiteral("200"));
        const auto run = runCli(args
                + QStringList { QStringLiteral("--workers"), QStringLiteral("4"), QStringLiteral("--max-retries"),
                    QStringLiteral("12") },
            120000, env);
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.json()["retries"].get<int>() > 0);
        // The first 429 halves the pace of the whole run (500/s → 250/s), and says so.
        QVERIFY2(
            run.err.contains("429 without Retry-After: every worker now paces at 250 requests/s"), run.err.constData());
        QCOMPARE(run.json()["dates_failed"].get<int>(), 0);
        QCOMPARE(rawTree(pushed.path()), rawTree(paced.path()));
    }

    void killedRunResumesToTheSameFiles()
    {
        QTemporaryDir clean, killed;
        sim::SimulatorOptions options;
        options.seed = 21;
        options.latencyMs = 40;
        sim::SimulatorServer server(options);
        QString error;
        QVERIFY2(server.start(0, error), qPrintable(error));
        const QStringList env { QStringLiteral("ODDS_API_KEY=") + Key };

        const auto range = std::pair { QStringLiteral("2024-05-01"), QStringLiteral("2024-05-06") };
        QCOMPARE(runCli(backfillArgs(clean.path(), server.baseUrl(), range.first, range.second)
                         + QStringList { QStringLiteral("--workers"), QStringLiteral("4") },
                     120000, env)
                     .exitCode,
            0);

        QProcess process;
        auto environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("ODDS_API_KEY"), Key);
        process.setProcessEnvironment(environment);
        process.start(QStringLiteral(BFS_CLI_PATH),
            backfillArgs(killed.path(), server.baseUrl(), range.first, range.second)
                + QStringList { QStringLiteral("--workers"), QStringLiteral("4") });
        QVERIFY(process.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(rawTree(killed.path()).size() >= 12, 60000);
        process.kill(); // SIGKILL: no cleanup runs
        QVERIFY(process.waitForFinished());
        QCOMPARE(process.exitStatus(), QProcess::CrashExit);
        const auto partial = rawTree(killed.path());
        QVERIFY(partial.size() < rawTree(clean.path()).size());

        const auto resumed
            = runCli(backfillArgs(killed.path(), server.baseUrl(), range.first, range.second), 120000, env);
        QCOMPARE(resumed.exitCode, 0);
        QCOMPARE(rawTree(killed.path()), rawTree(clean.path())); // also: no temporary file left
        // Files from before the kill were not fetched again.
        QVERIFY(resumed.json()["requests"].get<qint64>() <= qint64(rawTree(clean.path()).size() - partial.size()) + 4);
    }

    void sigtermCancelsCleanly()
    {
        QTemporaryDir dir;
        sim::SimulatorOptions options;
        options.latencyMs = 50;
        sim::SimulatorServer server(options);
        QString error;
        QVERIFY2(server.start(0, error), qPrintable(error));
        QProcess process;
        auto environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("ODDS_API_KEY"), Key);
        process.setProcessEnvironment(environment);
        process.start(QStringLiteral(BFS_CLI_PATH),
            backfillArgs(dir.path(), server.baseUrl(), QStringLiteral("2024-05-01"), QStringLiteral("2024-05-31"))
                + QStringList { QStringLiteral("--workers"), QStringLiteral("2") });
        QVERIFY(process.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(rawTree(dir.path()).size() >= 5, 60000);
        // A second backfill on the same workspace is refused while this one runs.
        const auto second = runCli(
            backfillArgs(dir.path(), server.baseUrl(), QStringLiteral("2024-05-01"), QStringLiteral("2024-05-02")),
            60000, { QStringLiteral("ODDS_API_KEY=") + Key });
        QCOMPARE(second.exitCode, 3);
        QVERIFY2(second.err.contains("another backfill is running"), second.err.constData());
        process.terminate(); // SIGTERM
        QVERIFY(process.waitForFinished(30000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 130);
        const auto s = nlohmann::json::parse(process.readAllStandardOutput().toStdString());
        QCOMPARE(QString::fromStdString(s["stopped_reason"].get<std::string>()), QStringLiteral("cancelled"));
        QVERIFY(s["dates_done"].get<int>() < 31);
        const QString db = dir.path() + QStringLiteral("/workspace.sqlite");
        QCOMPARE(bfs::test::queryScalar(db, QStringLiteral("SELECT COUNT(*) FROM partitions WHERE state = 'running'")),
            QStringLiteral("0"));
        // Everything fetched before the signal is on disk and counted.
        const auto tree = rawTree(dir.path());
        const auto lists = std::count_if(tree.keyBegin(), tree.keyEnd(),
            [](const QString& path) { return path.endsWith(QStringLiteral("/events.json")); });
        QCOMPARE(s["events_fetched"].get<qint64>(), qint64(tree.size() - lists));
    }

    void aRunCancelledAsItStartsLeavesNoDateClaimed()
    {
        // Prepare claims the first round for every worker; a cancel before the workers take those
        // dates leaves none "running": they are pending again, as if never claimed.
        sim::SimulatorOptions options;
        options.latencyMs = 200;
        sim::SimulatorServer server(options);
        QString error;
        QVERIFY2(server.start(0, error), qPrintable(error));
        QTemporaryDir dir;
        const Workspace workspace = bfs::test::workspaceAt(dir.path());
        BackfillSettings settings;
        settings.apiBase = server.baseUrl();
        settings.apiKey = Key;
        settings.start = QDate(2024, 5, 1);
        settings.end = QDate(2024, 5, 8);
        settings.rate = 500;
        auto job = std::make_shared<BackfillJob>(settings, workspace);
        JobEngine engine;
        engine.setWorkers(4);
        QSignalSpy finished(&engine, &JobEngine::finished);
        QVERIFY(engine.start(job));
        engine.cancel(); // while the job prepares: no worker has taken a date yet
        QVERIFY(finished.wait(60000));
        QCOMPARE(finished.first().first().value<JobResult>().status, JobStatus::Cancelled);
        QCOMPARE(job->summary().stoppedReason, QStringLiteral("cancelled"));
        const QString db = dir.path() + QStringLiteral("/workspace.sqlite");
        QCOMPARE(bfs::test::queryScalar(db, QStringLiteral("SELECT COUNT(*) FROM partitions WHERE state = 'running'")),
            QStringLiteral("0"));
        QCOMPARE(bfs::test::queryScalar(db, QStringLiteral("SELECT COUNT(*) FROM partitions WHERE state = 'pending'")),
            QString::number(8 - job->summary().datesDone));

        // The next run takes them all.
        auto again = std::make_shared<BackfillJob>(settings, workspace);
        JobEngine second;
        second.setWorkers(4);
        QCOMPARE(second.run(again).status, JobStatus::Completed);
        QCOMPARE(again->summary().datesDone + again->summary().datesEmpty, 8);
    }

    void missingEventsAreRecordedNotFailed()
    {
        QTemporaryDir dir;
        sim::SimulatorOptions options;
        options.missingRate = 0.25;
        sim::SimulatorServer server(options);
        QString error;
        QVERIFY2(server.start(0, error), qPrintable(error));
        const auto run = runCli(
            backfillArgs(dir.path(), server.baseUrl(), QStringLiteral("2024-08-01"), QStringLiteral("2024-08-03")),
            120000, { QStringLiteral("ODDS_API_KEY=") + Key });
        QCOMPARE(run.exitCode, 0);
        const auto s = run.json();
        QCOMPARE(s["dates_done"].get<int>(), 3);
        QVERIFY(s["events_missing"].get<int>() > 0);
        const QString db = dir.path() + QStringLiteral("/workspace.sqlite");
        QCOMPARE(bfs::test::queryScalar(db, QStringLiteral("SELECT SUM(events_missing) FROM partitions")),
            QString::number(s["events_missing"].get<int>()));
        QCOMPARE(
            bfs::test::queryScalar(db,
                QStringLiteral("SELECT SUM(events_total) - SUM(events_fetched) - SUM(events_missing) FROM partitions")),
            QStringLiteral("0"));
    }

    void rejectedKeyStopsAtOnce()
    {
        QTemporaryDir dir;
        sim::SimulatorOptions options;
        options.requiredKey = QStringLiteral("the-right-key");
        sim::SimulatorServer server(options);
        QString error;
        QVERIFY2(server.start(0, error), qPrintable(error));
        const auto run = runCli(
            backfillArgs(dir.path(), server.baseUrl(), QStringLiteral("2024-05-01"), QStringLiteral("2024-05-31"))
            + QStringList { QStringLiteral("--workers"), QStringLiteral("3"), QStringLiteral("--api-key"), Key });
        QCOMPARE(run.exitCode, 3);
        const auto s = run.json();
        QVERIFY(QString::fromStdString(s["stopped_reason"].get<std::string>()).contains(QStringLiteral("INVALID_KEY")));
        QVERIFY(server.requestCount() <= 3); // at most the requests already in flight, no retry
        QCOMPARE(s["requests"].get<qint64>(), server.requestCount());
        QVERIFY(!run.out.contains(Key.toUtf8()) && !run.err.contains(Key.toUtf8()));
        QVERIFY(!bfs::test::anyFileContains(dir.path(), Key.toUtf8()));
        for (const auto& line : server.requestLog())
            QVERIFY(line.contains(QStringLiteral("apiKey=***")));
    }

    void budgetStopsCleanlyAndResumes()
    {
        QTemporaryDir dir;
        sim::SimulatorServer server;
        QString error;
        QVERIFY2(server.start(0, error), qPrintable(error));
        const QStringList env { QStringLiteral("ODDS_API_KEY=") + Key };
        const auto args
            = backfillArgs(dir.path(), server.baseUrl(), QStringLiteral("2024-06-01"), QStringLiteral("2024-06-04"));
        const auto stopped = runCli(args
                + QStringList { QStringLiteral("--budget"), QStringLiteral("120"), QStringLiteral("--workers"),
                    QStringLiteral("2") },
            120000, env);
        QCOMPARE(stopped.exitCode, 3);
        const auto s = stopped.json();
        QVERIFY(s["credits_used"].get<qint64>() <= 120);
        QCOMPARE(s["credits_used"].get<qint64>(), server.creditsUsed());
        QVERIFY(QString::fromStdString(s["stopped_reason"].get<std::string>()).contains(QStringLiteral("budget")));
        const QString db = dir.path() + QStringLiteral("/workspace.sqlite");
        QCOMPARE(bfs::test::queryScalar(db, QStringLiteral("SELECT COUNT(*) FROM partitions WHERE state = 'running'")),
            QStringLiteral("0"));
        QVERIFY(s["dates_done"].get<int>() < 4);

        const auto resumed = runCli(args, 120000, env);
        QCOMPARE(resumed.exitCode, 0);
        QCOMPARE(resumed.json()["dates_done"].get<int>(), 4);
        QCOMPARE(resumed.json()["events_fetched"].get<qint64>(), qint64(rawTree(dir.path()).size() - 4));
    }

    void unprocessableFailsTheDateAndRetryFailedRecovers()
    {
        QTemporaryDir dir;
        sim::SimulatorServer server;
        QString error;
        QVERIFY2(server.start(0, error), qPrintable(error));
        const QStringList env { QStringLiteral("ODDS_API_KEY=") + Key };
        const auto args
            = backfillArgs(dir.path(), server.baseUrl(), QStringLiteral("2024-09-28"), QStringLiteral("2024-09-30"));
        const auto bad
            = runCli(args + QStringList { QStringLiteral("--markets"), QStringLiteral("player_points") }, 120000, env);
        QCOMPARE(bad.exitCode, 1);
        QCOMPARE(bad.json()["dates_failed"].get<int>(), 2);
        QCOMPARE(bad.json()["dates_empty"].get<int>(), 1); // September 30: season over
        QVERIFY(QString::fromStdString(bad.json()["failures"][0]["error"].get<std::string>())
                    .contains(QStringLiteral("INVALID_MARKET")));
        const auto status
            = runCli({ QStringLiteral("status"), QStringLiteral("--workspace"), dir.path(), QStringLiteral("--json") });
        QCOMPARE(status.json()["failed_dates"].size(), size_t(2));

        const auto retried = runCli(args + QStringList { QStringLiteral("--retry-failed") }, 120000, env);
        QCOMPARE(retried.exitCode, 0);
        QCOMPARE(retried.json()["dates_done"].get<int>(), 2);
        QCOMPARE(retried.json()["dates_failed"].get<int>(), 0);
    }

    void storedFilesThatAreNotAnswersAreFetchedAgain()
    {
        QTemporaryDir dir;
        sim::SimulatorServer server;
        QString error;
        QVERIFY2(server.start(0, error), qPrintable(error));
        const QStringList env { QStringLiteral("ODDS_API_KEY=") + Key };
        const auto args
            = backfillArgs(dir.path(), server.baseUrl(), QStringLiteral("2024-05-01"), QStringLiteral("2024-05-02"));
        QCOMPARE(runCli(args, 120000, env).exitCode, 0);
        const auto whole = rawTree(dir.path());
        const qint64 before = server.requestCount();

        // What an older version could leave after a full disk: a list cut mid-JSON, an empty event file.
        const QString day1 = dir.path() + QStringLiteral("/raw/baseball_mlb/2024-05-01");
        const QString day2 = dir.path() + QStringLiteral("/raw/baseball_mlb/2024-05-02");
        QFile events(day1 + QStringLiteral("/events.json"));
        QVERIFY(events.open(QIODevice::ReadWrite));
        QVERIFY(events.resize(events.size() / 2));
        events.close();
        const QStringList eventFiles = QDir(day2).entryList({ QStringLiteral("*.json") }, QDir::Files, QDir::Name);
        const QString emptied = eventFiles.first() == u"events.json" ? eventFiles.at(1) : eventFiles.first();
        QFile event(day2 + u'/' + emptied);
        QVERIFY(event.open(QIODevice::WriteOnly | QIODevice::Truncate));
        event.close();
        // …and odds cut mid-JSON under their final name: phase 2 could not read them.
        const QString cut
            = eventFiles.last() == u"events.json" ? eventFiles.at(eventFiles.size() - 2) : eventFiles.last();
        QFile odds(day2 + u'/' + cut);
        QVERIFY(odds.open(QIODevice::ReadWrite));
        QVERIFY(odds.resize(odds.size() - 3));
        odds.close();

        const auto rerun = runCli(
            args + QStringList { QStringLiteral("--dates"), QStringLiteral("2024-05-01,2024-05-02") }, 120000, env);
        QCOMPARE(rerun.exitCode, 0);
        QVERIFY2(rerun.err.contains("2024-05-01: the stored events list does not parse"), rerun.err.constData());
        QVERIFY2(
            rerun.err.contains("2024-05-02: the stored odds of event " + cut.chopped(5).toUtf8() + " do not parse"),
            rerun.err.constData());
        // Exactly the three damaged files were requested again, and the tree is whole.
        QCOMPARE(server.requestCount() - before, qint64(3));
        QCOMPARE(rerun.json()["requests"].get<qint64>(), qint64(3));
        QCOMPARE(rawTree(dir.path()), whole);
    }

    // Nothing listens at --api-base: one clear stop (exit 3) after a few refused connections, every
    // date left pending (not failed), so a run against the right address later does them all.
    void unreachableServerStopsTheRun()
    {
        QTemporaryDir dir;
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const QString base = QStringLiteral("http://127.0.0.1:%1").arg(closed.serverPort());
        closed.close();
        const auto run
            = runCli(backfillArgs(dir.path(), base, QStringLiteral("2024-05-01"), QStringLiteral("2024-05-07"))
                    + QStringList { QStringLiteral("--workers"), QStringLiteral("3") },
                120000, { QStringLiteral("ODDS_API_KEY=") + Key });
        QCOMPARE(run.exitCode, 3);
        const auto json = run.json();
        const QString reason = QString::fromStdString(json["stopped_reason"].get<std::string>());
        QVERIFY2(reason.startsWith(QStringLiteral("cannot reach the API at %1: ").arg(base)), qPrintable(reason));
        QVERIFY2(reason.contains(QStringLiteral("refused")), qPrintable(reason));
        QCOMPARE(json["dates_failed"].get<int>(), 0);
        QCOMPARE(json["dates_done"].get<int>(), 0);
        QCOMPARE(json["failures"].size(), std::size_t(0));
        // Six refused connections in a row stop it; workers already sending may add one each.
        QVERIFY2(json["requests"].get<int>() >= 6 && json["requests"].get<int>() <= 6 + 3, json.dump().c_str());
        QVERIFY2(run.err.count("cannot reach the API") >= 1, run.err.constData());

        // The same workspace against a server that answers: all seven dates are fetched.
        sim::SimulatorServer server;
        QString error;
        QVERIFY2(server.start(0, error), qPrintable(error));
        const auto again = runCli(
            backfillArgs(dir.path(), server.baseUrl(), QStringLiteral("2024-05-01"), QStringLiteral("2024-05-07")),
            120000, { QStringLiteral("ODDS_API_KEY=") + Key });
        QCOMPARE(again.exitCode, 0);
        QCOMPARE(again.json()["dates_done"].get<int>() + again.json()["dates_empty"].get<int>(), 7);
    }

    void dryRunRequestsNothing()
    {
        QTemporaryDir dir;
        sim::SimulatorServer server;
        QString error;
        QVERIFY2(server.start(0, error), qPrintable(error));
        const auto run = runCli(
            backfillArgs(dir.path(), server.baseUrl(), QStringLiteral("2024-05-01"), QStringLiteral("2024-05-10"))
            + QStringList { QStringLiteral("--dry-run") });
        QCOMPARE(run.exitCode, 0);
        const auto s = run.json();
        QCOMPARE(s["plan"]["dates_to_fetch"].get<int>(), 10);
        QCOMPARE(s["plan"]["estimated_requests"].get<int>(), 10 * 16);
        QCOMPARE(s["plan"]["estimated_credits"].get<int>(), 10 * (1 + 15 * 10));
        QCOMPARE(server.requestCount(), 0);
        QVERIFY(rawTree(dir.path()).isEmpty());
    }

    void dryRunWithEventListsPlansRealGames()
    {
        QTemporaryDir dir;
        sim::SimulatorServer server;
        QString error;
        QVERIFY2(server.start(0, error), qPrintable(error));
        const auto args
            = backfillArgs(dir.path(), server.baseUrl(), QStringLiteral("2024-07-13"), QStringLiteral("2024-07-16"));
        const QStringList env { QStringLiteral("ODDS_API_KEY=") + Key };
        const auto plan
            = runCli(args + QStringList { QStringLiteral("--dry-run"), QStringLiteral("--plan-events") }, 120000, env);
        QCOMPARE(plan.exitCode, 0);
        const auto p = plan.json();
        QCOMPARE(p["requests"].get<int>(), 4); // one events list per date, nothing else
        QCOMPARE(p["credits_used"].get<int>(), 2); // the all-star break lists are empty: free
        QCOMPARE(p["dates_empty"].get<int>(), 2);
        QCOMPARE(p["plan"]["dates_to_fetch"].get<int>(), 2);
        const auto run = runCli(args, 120000, env);
        QCOMPARE(run.exitCode, 0);
        const auto r = run.json();
        // The plan was exact: the real run sends the planned odds requests and no list again.
        QCOMPARE(r["requests"].get<int>(), p["plan"]["estimated_requests"].get<int>());
        QCOMPARE(r["credits_used"].get<int>(), p["plan"]["estimated_credits"].get<int>());
    }

    void badInputIsAUsageError_data()
    {
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<QString>("message");
        QTest::newRow("end before start") << QStringList { QStringLiteral("--start"), QStringLiteral("2024-05-02"),
            QStringLiteral("--end"), QStringLiteral("2024-05-01") }
                                          << QStringLiteral("before");
        QTest::newRow("bad date") << QStringList { QStringLiteral("--start"), QStringLiteral("2024-02-30"),
            QStringLiteral("--end"), QStringLiteral("2024-05-01") }
                                  << QStringLiteral("--start");
        QTest::newRow("workers") << QStringList { QStringLiteral("--start"), QStringLiteral("2024-05-01"),
            QStringLiteral("--end"), QStringLiteral("2024-05-01"), QStringLiteral("--workers"), QStringLiteral("65") }
                                 << QStringLiteral("--workers");
        QTest::newRow("odds format") << QStringList { QStringLiteral("--start"), QStringLiteral("2024-05-01"),
            QStringLiteral("--end"), QStringLiteral("2024-05-01"), QStringLiteral("--odds-format"),
            QStringLiteral("fractional") }
                                     << QStringLiteral("--odds-format");
        QTest::newRow("no key") << QStringList { QStringLiteral("--start"), QStringLiteral("2024-05-01"),
            QStringLiteral("--end"), QStringLiteral("2024-05-01") }
                                << QStringLiteral("API key");
    }
    void badInputIsAUsageError()
    {
        QFETCH(QStringList, extra);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString workspace = dir.path() + QStringLiteral("/ws");
        const auto run = runCli(QStringList { QStringLiteral("backfill"), QStringLiteral("--workspace"), workspace,
                                    QStringLiteral("--api-base"), QStringLiteral("http://127.0.0.1:9") }
                + extra,
            60000, { QStringLiteral("ODDS_API_KEY=") });
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(message.toUtf8()), run.err.constData());
        QVERIFY(!QDir(workspace).exists()); // nothing written
    }

    void unsafeEventIdNeverLeavesRaw()
    {
        // A hostile or broken API: one event id that would climb out of raw/.
        QHttpServer server;
        serveEvents(server,
            QByteArrayLiteral("{\"id\":\"../../escape\",\"commence_time\":\"2024-05-03T23:05:00Z\"},"
                              "{\"id\":\"plain_id-1\",\"commence_time\":\"2024-05-04T01:40:00Z\"},"
                              "{\"id\":\"tomorrow\",\"commence_time\":\"2024-05-04T17:05:00Z\"}"));
        // Any other path is an odds request: answer it whatever the router made of the
        // percent-encoded id, so the unsafe event really gets a body to store.
        server.setMissingHandler([](const QHttpServerRequest& request, QHttpServerResponder&& responder) {
            const QByteArray id = request.url().path().section(u'/', 6, -2).toUtf8();
            responder.write(QByteArrayLiteral("{\"timestamp\":\"2024-05-03T22:00:00Z\",\"data\":{\"id\":\"") + id
                    + QByteArrayLiteral("\",\"bookmakers\":[]}}"),
                QByteArrayLiteral("application/json"));
        });
        const quint16 port = server.listen(QHostAddress::LocalHost, 0);
        QVERIFY(port);
        QTemporaryDir dir;
        QString error;
        const QString wsDir = dir.path() + QStringLiteral("/a/ws");
        auto workspace = Workspace::open(wsDir, error);
        QVERIFY2(workspace, qPrintable(error));
        auto job = std::make_shared<BackfillJob>(oneDateAgainst(port, 2), *workspace);
        JobEngine engine; // the engine's local loop lets the in-thread server answer
        engine.setWorkers(2);
        const JobResult result = engine.run(job);
        QCOMPARE(result.status, JobStatus::Completed);
        const auto s = job->summary();
        QCOMPARE(s.datesDone, 1);
        QCOMPARE(s.eventsFetched, 2); // the late game (01:40 UTC next day) counts; tomorrow's does not
        const auto tree = rawTree(wsDir);
        QCOMPARE(tree.size(), 3); // events.json + two event files
        QVERIFY(tree.contains(QStringLiteral("baseball_mlb/2024-05-03/plain_id-1.json")));
        QVERIFY(!tree.contains(QStringLiteral("baseball_mlb/2024-05-03/tomorrow.json")));
        QVERIFY(tree.contains(
            QStringLiteral("baseball_mlb/2024-05-03/") + SnapshotStore::eventFileName(QStringLiteral("../../escape"))));
        for (const QString& path : tree.keys())
            QVERIFY2(path.startsWith(QStringLiteral("baseball_mlb/2024-05-03/")), qPrintable(path));
        QCOMPARE(QDir(dir.path() + QStringLiteral("/a")).entryList(QDir::AllEntries | QDir::NoDotAndDotDot),
            QStringList { QStringLiteral("ws") });
        QVERIFY(!QFile::exists(wsDir + QStringLiteral("/raw/escape.json")));
    }

    void dotIdsAreNeverRequested()
    {
        // Ids "." and ".." would stay path steps even percent-encoded: no request may reach another endpoint.
        QHttpServer server;
        serveEvents(server,
            QByteArrayLiteral("{\"id\":\"..\",\"commence_time\":\"2024-05-03T23:05:00Z\"},"
                              "{\"id\":\".\",\"commence_time\":\"2024-05-03T23:10:00Z\"},"
                              "{\"id\":\"ok-1\",\"commence_time\":\"2024-05-03T23:15:00Z\"}"));
        QStringList paths;
        server.setMissingHandler([&paths](const QHttpServerRequest& request, QHttpServerResponder&& responder) {
            paths << request.url().path();
            responder.write(
                QByteArrayLiteral(
                    "{\"timestamp\":\"2024-05-03T22:00:00Z\",\"data\":{\"id\":\"ok-1\",\"bookmakers\":[]}}"),
                QByteArrayLiteral("application/json"));
        });
        const quint16 port = server.listen(QHostAddress::LocalHost, 0);
        QVERIFY(port);
        QTemporaryDir dir;
        QString error;
        auto workspace = Workspace::open(dir.path(), error);
        QVERIFY2(workspace, qPrintable(error));
        auto job = std::make_shared<BackfillJob>(oneDateAgainst(port, 1), *workspace);
        JobEngine engine;
        engine.setWorkers(1);
        QCOMPARE(engine.run(job).status, JobStatus::Completed);
        QCOMPARE(paths, QStringList { QStringLiteral("/v4/historical/sports/baseball_mlb/events/ok-1/odds") });
        QCOMPARE(job->summary().eventsFetched, 1);
        QCOMPARE(job->summary().eventsMissing, 2);
    }
};

QTEST_GUILESS_MAIN(TestBackfill)
#include "tst_backfill.moc"
