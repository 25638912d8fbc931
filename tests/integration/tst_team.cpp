// Team mode as a user runs it (team.md): several real CLI processes against the simulator and a
// real PostgreSQL server this test starts. One instance is SIGKILLed mid-run and restarted; every
// date ends done or empty, nothing is fetched twice beyond the killed instance's in-flight
// requests, betting_lines equals a single-machine SQLite run row for row (two loads at once), the
// evaluation is byte-identical, three instances stay within one rate together, a 401 stops every
// instance, and neither the password nor the API key appears in any output or in the database.
#include "PgServer.h"
#include "TestSupport.h"

#include "simulator/SimulatorServer.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

using namespace bfs;
using namespace bfs::test;

namespace {

constexpr const char* Key = "team-key-Zq81";

// A CLI process running in the background.
class Instance {
public:
    Instance(const QStringList& arguments, const QStringList& env)
    {
        auto environment = QProcessEnvironment::systemEnvironment();
        for (const QString& pair : env)
            environment.insert(pair.section(u'=', 0, 0), pair.section(u'=', 1));
        m_process.setProcessEnvironment(environment);
        m_process.start(QStringLiteral(BFS_CLI_PATH), arguments);
        m_process.waitForStarted();
    }
    CliRun wait(int ms = 180000)
    {
        CliRun run;
        if (!m_process.waitForFinished(ms)) {
            m_process.kill();
            m_process.waitForFinished();
            run.err = "timed out";
            return run;
        }
        run.exitCode = m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
        run.out = m_process.readAllStandardOutput();
        run.err = m_process.readAllStandardError();
        return run;
    }
    void killHard() { ::kill(pid_t(m_process.processId()), SIGKILL); }

private:
    QProcess m_process;
};

QStringList sortedLines(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QStringList lines = QString::fromUtf8(file.readAll()).split(u'\n', Qt::SkipEmptyParts);
    lines.sort();
    return lines;
}

} // namespace

class TestTeam : public QObject {
    Q_OBJECT

    PgServer m_server;
    int m_databases = 0;
    QStringList m_outputs; // every stdout and stderr, for the secret check

    QString freshDatabase()
    {
        const QString name = QStringLiteral("team%1").arg(++m_databases);
        QString error;
        if (!m_server.createDatabase(name, error))
            qFatal("createdb: %s", qPrintable(error));
        return m_server.url(name);
    }
    QStringList env() const
    {
        return m_server.environment() + QStringList { QStringLiteral("ODDS_API_KEY=") + QString::fromLatin1(Key) };
    }

    QStringList backfill(const QString& workspace, const QString& database, const QString& base, const QString& end,
        const QStringList& more = {}) const
    {
        QStringList args { QStringLiteral("backfill"), QStringLiteral("--workspace"), workspace,
            QStringLiteral("--start"), QStringLiteral("2024-04-01"), QStringLiteral("--end"), end,
            QStringLiteral("--api-base"), base, QStringLiteral("--retry-base-ms"), QStringLiteral("5"),
            QStringLiteral("--json") };
        if (!database.isEmpty())
            args << QStringLiteral("--database") << database;
        return args + more;
    }
    CliRun keep(CliRun run)
    {
        m_outputs << QString::fromUtf8(run.out) << QString::fromUtf8(run.err);
        return run;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (PgServer::binDir().isEmpty())
            QSKIP("PostgreSQL's initdb/pg_ctl are not installed (scripts/dev installs them)");
        QString error;
        QVERIFY2(m_server.start(error), qPrintable(error));
    }

    void threeInstancesOneKilledMatchASingleMachineRun()
    {
        QTemporaryDir dir;
        const QString end = QStringLiteral("2024-04-12");
        sim::SimulatorOptions options;
        options.requiredKey = QString::fromLatin1(Key);
        options.latencyMs = 40;

        // The single-machine reference: a SQLite workspace, one instance.
        sim::SimulatorServer single(options);
        QString error;
        QVERIFY2(single.start(0, error), qPrintable(error));
        const CliRun reference = keep(runCli(
            backfill(dir.filePath(QStringLiteral("single")), {}, single.baseUrl(), end,
                { QStringLiteral("--workers"), QStringLiteral("4"), QStringLiteral("--rate"), QStringLiteral("200") }),
            180000, env()));
        QCOMPARE(reference.exitCode, 0);
        const qint64 singleCredits = single.creditsUsed();

        // The team: three instances on three "machines" (folders), one database, one API.
        sim::SimulatorServer api(options);
        QVERIFY2(api.start(0, error), qPrintable(error));
        const QString database = freshDatabase();
        const QStringList teamFlags { QStringLiteral("--workers"), QStringLiteral("2"), QStringLiteral("--rate"),
            QStringLiteral("200"), QStringLiteral("--lease-s"), QStringLiteral("5") };
        Instance a(backfill(dir.filePath(QStringLiteral("a")), database, api.baseUrl(), end, teamFlags), env());
        Instance b(backfill(dir.filePath(QStringLiteral("b")), database, api.baseUrl(), end, teamFlags), env());
        auto c = std::make_unique<Instance>(
            backfill(dir.filePath(QStringLiteral("c")), database, api.baseUrl(), end, teamFlags), env());
        // Kill c once the team is well under way (credits spent), mid-date.
        QTRY_VERIFY_WITH_TIMEOUT(api.creditsUsed() > singleCredits / 4, 60000);
        c->killHard();
        QCOMPARE(c->wait().exitCode, -1);
        const CliRun ra = keep(a.wait()), rb = keep(b.wait());
        QCOMPARE(ra.exitCode, 0);
        QCOMPARE(rb.exitCode, 0);
        // c restarted: whatever its leases held comes back after 5 s and is finished.
        const CliRun rc = keep(runCli(
            backfill(dir.filePath(QStringLiteral("c")), database, api.baseUrl(), end, teamFlags), 180000, env()));
        QCOMPARE(rc.exitCode, 0);
        for (const CliRun* run : { &ra, &rb, &rc }) {
            const auto summary = run->json();
            QCOMPARE(summary["dates_total"].get<int>(), 12);
            QCOMPARE(summary["dates_done"].get<int>() + summary["dates_empty"].get<int>(), 12);
            QCOMPARE(summary["events_fetched"], reference.json()["events_fetched"]);
        }
        // Nothing fetched twice but the killed instance's in-flight requests: two workers, an
        // odds request each (10 credits: one market, one region).
        QVERIFY2(api.creditsUsed() >= singleCredits && api.creditsUsed() <= singleCredits + 2 * 10,
            qPrintable(QStringLiteral("team %1 credits, single machine %2").arg(api.creditsUsed()).arg(singleCredits)));

        // Phase 2: two loads at once from two machines, then the lines against the SQLite run's.
        Instance loadA({ QStringLiteral("load"), QStringLiteral("--workspace"), dir.filePath(QStringLiteral("a")),
                           QStringLiteral("--database"), database, QStringLiteral("--json") },
            env());
        Instance loadB({ QStringLiteral("load"), QStringLiteral("--workspace"), dir.filePath(QStringLiteral("b")),
                           QStringLiteral("--database"), database, QStringLiteral("--json") },
            env());
        const CliRun la = keep(loadA.wait()), lb = keep(loadB.wait());
        QCOMPARE(la.exitCode, 0);
        QCOMPARE(lb.exitCode, 0);
        const CliRun singleLoad = keep(runCli(
            { QStringLiteral("load"), QStringLiteral("--workspace"), dir.filePath(QStringLiteral("single")),
                QStringLiteral("--ndjson"), dir.filePath(QStringLiteral("single.ndjson")), QStringLiteral("--json") },
            180000, env()));
        QCOMPARE(singleLoad.exitCode, 0);
        const qint64 rows = singleLoad.json()["rows_total"].get<qint64>();
        QVERIFY(rows > 1000);
        QCOMPARE(la.json()["rows_inserted"].get<qint64>() + lb.json()["rows_inserted"].get<qint64>(), rows);
        QCOMPARE(la.json()["files_loaded"].get<qint64>() + lb.json()["files_loaded"].get<qint64>(),
            singleLoad.json()["files_loaded"].get<qint64>());
        const CliRun again
            = keep(runCli({ QStringLiteral("load"), QStringLiteral("--workspace"), dir.filePath(QStringLiteral("a")),
                              QStringLiteral("--database"), database, QStringLiteral("--ndjson"),
                              dir.filePath(QStringLiteral("team.ndjson")), QStringLiteral("--json") },
                180000, env()));
        QCOMPARE(again.exitCode, 0);
        QCOMPARE(again.json()["rows_inserted"].get<qint64>(), 0);
        QCOMPARE(again.json()["rows_total"].get<qint64>(), rows);
        QCOMPARE(sortedLines(dir.filePath(QStringLiteral("team.ndjson"))),
            sortedLines(dir.filePath(QStringLiteral("single.ndjson"))));

        // Phases 3–5 give the same numbers, byte for byte.
        const QString csv = dir.filePath(QStringLiteral("predictions.csv"));
        QCOMPARE(keep(runCli({ QStringLiteral("sample-predictions"), QStringLiteral("--out"), csv,
                          QStringLiteral("--start"), QStringLiteral("2024-04-01"), QStringLiteral("--end"), end }))
                     .exitCode,
            0);
        const CliRun teamEval
            = keep(runCli({ QStringLiteral("evaluate"), QStringLiteral("--workspace"),
                              dir.filePath(QStringLiteral("a")), QStringLiteral("--database"), database,
                              QStringLiteral("--predictions"), csv, QStringLiteral("--json") },
                180000, env()));
        const CliRun singleEval = keep(
            runCli({ QStringLiteral("evaluate"), QStringLiteral("--workspace"), dir.filePath(QStringLiteral("single")),
                       QStringLiteral("--predictions"), csv, QStringLiteral("--json") },
                180000, env()));
        QCOMPARE(teamEval.exitCode, 0);
        QVERIFY(teamEval.json()["bets"].get<int>() > 0);
        QCOMPARE(teamEval.out, singleEval.out);

        // status: every date done, every snapshot loaded, no live instance left.
        const CliRun status
            = keep(runCli({ QStringLiteral("status"), QStringLiteral("--workspace"), dir.filePath(QStringLiteral("b")),
                              QStringLiteral("--database"), database, QStringLiteral("--json") },
                60000, env()));
        QCOMPARE(status.exitCode, 0);
        const auto s = status.json();
        QCOMPARE(s["phase1"]["done"].get<int>(), 12);
        QCOMPARE(s["phase2"]["done"], s["phase2"]["total"]);
        QCOMPARE(s["instances"], nlohmann::json::array());

        // export-raw writes the same raw/ tree as the single machine's.
        const CliRun exported = keep(runCli({ QStringLiteral("export-raw"), QStringLiteral("--database"), database,
                                                QStringLiteral("--out"), dir.filePath(QStringLiteral("export")) },
            60000, env()));
        QCOMPARE(exported.exitCode, 0);
        QDirIterator files(dir.filePath(QStringLiteral("single/raw")), QDir::Files, QDirIterator::Subdirectories);
        int compared = 0;
        while (files.hasNext()) {
            const QString path = files.next();
            QFile mine(path),
                theirs(dir.filePath(QStringLiteral("export/raw/"))
                    + QDir(dir.filePath(QStringLiteral("single/raw"))).relativeFilePath(path));
            QVERIFY2(mine.open(QIODevice::ReadOnly) && theirs.open(QIODevice::ReadOnly), qPrintable(theirs.fileName()));
            QCOMPARE(theirs.readAll(), mine.readAll());
            ++compared;
        }
        QVERIFY(compared > 100);

        // Secrets: nowhere in what the user saw, in the database or in the folders.
        QString dumpError;
        const QByteArray dump = m_server.dump(database.section(u'/', -1), dumpError);
        QVERIFY2(dump.contains("betting_lines"), qPrintable(dumpError));
        for (const QByteArray& secret : { QByteArray(PgServer::Password), QByteArray(Key) }) {
            QVERIFY(!dump.contains(secret));
            QVERIFY(!m_outputs.join(u'\n').toUtf8().contains(secret));
            QVERIFY(!bfs::test::anyFileContains(dir.path(), secret));
        }
    }

    void threeInstancesStayWithinOneRate()
    {
        // The API allows 20 requests a second (a bucket of 20); three instances at --rate 20 each
        // must share it: no 429, so no retry. Each pacing alone, they would send 60/s.
        QTemporaryDir dir;
        sim::SimulatorOptions options;
        options.requiredKey = QString::fromLatin1(Key);
        options.rateLimit = 20;
        sim::SimulatorServer api(options);
        QString error;
        QVERIFY2(api.start(0, error), qPrintable(error));
        const QString database = freshDatabase();
        const QStringList flags { QStringLiteral("--workers"), QStringLiteral("1"), QStringLiteral("--rate"),
            QStringLiteral("20") };
        std::vector<std::unique_ptr<Instance>> team;
        for (const char* name : { "a", "b", "c" })
            team.push_back(std::make_unique<Instance>(backfill(dir.filePath(QString::fromLatin1(name)), database,
                                                          api.baseUrl(), QStringLiteral("2024-04-06"), flags),
                env()));
        qint64 requests = 0;
        for (auto& instance : team) {
            const CliRun run = keep(instance->wait());
            QCOMPARE(run.exitCode, 0);
            QCOMPARE(run.json()["retries"].get<int>(), 0);
            requests += run.json()["requests"].get<qint64>();
            QVERIFY(run.json()["requests"].get<qint64>() > 10); // each instance did its share
        }
        QVERIFY(requests > 60);
    }

    void a401StopsEveryInstance()
    {
        QTemporaryDir dir;
        sim::SimulatorOptions options;
        options.requiredKey = QString::fromLatin1(Key);
        options.latencyMs = 20;
        sim::SimulatorServer api(options);
        QString error;
        QVERIFY2(api.start(0, error), qPrintable(error));
        const QString database = freshDatabase();
        Instance steady(
            backfill(dir.filePath(QStringLiteral("a")), database, api.baseUrl(), QStringLiteral("2024-06-30"),
                { QStringLiteral("--workers"), QStringLiteral("1"), QStringLiteral("--rate"), QStringLiteral("5") }),
            env());
        QTRY_VERIFY_WITH_TIMEOUT(api.creditsUsed() > 0, 30000);
        // Another machine of the team with a revoked key.
        const CliRun revoked = keep(
            runCli(backfill(dir.filePath(QStringLiteral("b")), database, api.baseUrl(), QStringLiteral("2024-06-30"),
                       { QStringLiteral("--api-key"), QStringLiteral("revoked-key") }),
                60000, m_server.environment()));
        QCOMPARE(revoked.exitCode, 3);
        const CliRun stopped = keep(steady.wait(30000));
        QCOMPARE(stopped.exitCode, 3);
        const QString reason = QString::fromStdString(stopped.json()["stopped_reason"].get<std::string>());
        QVERIFY2(reason.contains(QStringLiteral("401")), qPrintable(reason));
        QVERIFY(stopped.json()["dates_done"].get<int>() < 91);
    }

    void aRefusedLoginIsExit3WithTheServersMessage()
    {
        QTemporaryDir dir;
        const QString url = QStringLiteral("postgresql://bfs:wrong-Pass-77@127.0.0.1:%1/postgres").arg(m_server.port());
        const CliRun run = runCli(
            { QStringLiteral("status"), QStringLiteral("--workspace"), dir.path(), QStringLiteral("--database"), url });
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(run.err.contains("password authentication failed for user \"bfs\""), run.err.constData());
        QVERIFY(run.err.contains("bfs:***@127.0.0.1"));
        QVERIFY(!run.err.contains("wrong-Pass-77") && !run.out.contains("wrong-Pass-77"));
        const CliRun malformed = runCli({ QStringLiteral("status"), QStringLiteral("--workspace"), dir.path(),
            QStringLiteral("--database"), QStringLiteral("mysql://bfs:wrong-Pass-77@x/y") });
        QCOMPARE(malformed.exitCode, 2);
        QVERIFY(!malformed.err.contains("wrong-Pass-77"));
    }
};

QTEST_GUILESS_MAIN(TestTeam)
#include "tst_team.moc"
