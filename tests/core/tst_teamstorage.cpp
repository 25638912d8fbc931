// Team mode's storage against a real PostgreSQL server this test starts (PgServer): URLs,
// migrations raced by first starts, a newer schema, date claims under leases (expiry, reclaim, a
// stale owner's late result), the team's one rate bucket, and the server's own messages for a
// refused login or an unreachable server — the password never in any of them.
#include "PgServer.h"

#include "odds/scrape/BackfillSettings.h"
#include "odds/scrape/PartitionStore.h"
#include "odds/scrape/TeamLink.h"
#include "reports/WorkspaceStatus.h"
#include "storage/DatabaseUrl.h"
#include "storage/PgConnection.h"
#include "storage/Workspace.h"

#include <QTcpServer>
#include <QTemporaryDir>
#include <QtConcurrent>
#include <QtTest>

using namespace bfs;

class TestTeamStorage : public QObject {
    Q_OBJECT

    test::PgServer m_server;
    int m_databases = 0;

    // A fresh database for one test, and the URL to it.
    DatabaseUrl freshDatabase()
    {
        const QString name = QStringLiteral("t%1").arg(++m_databases);
        QString error;
        if (!m_server.createDatabase(name, error))
            qFatal("createdb: %s", qPrintable(error));
        return *DatabaseUrl::parse(m_server.url(name), error);
    }

    static BackfillSettings week()
    {
        BackfillSettings s;
        s.start = QDate(2024, 5, 1);
        s.end = QDate(2024, 5, 7);
        return s;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (test::PgServer::binDir().isEmpty())
            QSKIP("PostgreSQL's initdb/pg_ctl are not installed (scripts/dev installs them)");
        QString error;
        QVERIFY2(m_server.start(error), qPrintable(error));
        qputenv("PGPASSWORD", test::PgServer::Password);
    }

    void urls_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("shown"); // redacted(), or the error's start
        QTest::addColumn<bool>("valid");
        QTest::newRow("plain") << "postgresql://bfs@db.example:5433/team"
                               << "postgresql://bfs:***@db.example:5433/team" << true;
        QTest::newRow("password hidden") << "postgresql://bfs:hunter2@db:5432/team?sslmode=require"
                                         << "postgresql://bfs:***@db:5432/team?sslmode=require" << true;
        QTest::newRow("password parameter hidden") << "postgres://bfs@db/team?password=hunter2&connect_timeout=3"
                                                   << "postgresql://bfs:***@db:5432/team?connect_timeout=3" << true;
        QTest::newRow("not postgres") << "mysql://bfs:hunter2@db/team"
                                      << "--database: expected postgresql://" << false;
        QTest::newRow("no database") << "postgresql://bfs:hunter2@db:5432"
                                     << "--database: postgresql://bfs:***@db:5432/ needs" << false;
    }
    void urls()
    {
        QFETCH(QString, text);
        QFETCH(QString, shown);
        QFETCH(bool, valid);
        QString error;
        const auto url = DatabaseUrl::parse(text, error);
        QCOMPARE(url.has_value(), valid);
        if (valid)
            QCOMPARE(url->redacted(), shown);
        else
            QVERIFY2(error.startsWith(shown), qPrintable(error));
        QVERIFY(!error.contains(QStringLiteral("hunter2")));
    }

    void migrationsRacedByFirstStartsApplyEachVersionOnce()
    {
        const DatabaseUrl url = freshDatabase();
        QTemporaryDir dir;
        QList<QFuture<QString>> starts;
        QThreadPool pool;
        pool.setMaxThreadCount(6);
        for (int i = 0; i < 6; ++i)
            starts.append(QtConcurrent::run(&pool, [&url, &dir, i] {
                QString error;
                const auto workspace = Workspace::openTeam(dir.filePath(QString::number(i)), url, error);
                return workspace ? QString() : error;
            }));
        for (auto& start : starts)
            QCOMPARE(start.result(), QString());
        QString error;
        const auto db = PgConnection::open(url, error);
        QVERIFY2(db, qPrintable(error));
        const auto rows
            = db->exec("SELECT name, COUNT(*) FROM schema_migrations GROUP BY name ORDER BY name", {}, error);
        QVERIFY2(rows, qPrintable(error));
        QStringList applied;
        for (int r = 0; r < rows->rows(); ++r) {
            applied.append(rows->text(r, 0));
            QCOMPARE(rows->number(r, 1), 1);
        }
        QCOMPARE(applied, schemaVersions());
    }

    void aDatabaseOfANewerVersionIsRefused()
    {
        const DatabaseUrl url = freshDatabase();
        QTemporaryDir dir;
        QString error;
        QVERIFY2(Workspace::openTeam(dir.path(), url, error), qPrintable(error));
        const auto db = PgConnection::open(url, error);
        QVERIFY(db->exec("INSERT INTO schema_migrations VALUES ('999_later.sql', 'x')", error));
        QVERIFY(!Workspace::openTeam(dir.path(), url, error));
        QVERIFY2(error.contains(QStringLiteral("999_later.sql")) && error.contains(schemaVersions().last())
                && error.contains(QStringLiteral("newer")),
            qPrintable(error));
    }

    void aRefusedLoginOrAnUnreachableServerIsTheServersMessage()
    {
        QTemporaryDir dir;
        QString error;
        const auto wrong = DatabaseUrl::parse(
            QStringLiteral("postgresql://bfs:not-the-password@127.0.0.1:%1/postgres").arg(m_server.port()), error);
        QVERIFY(!Workspace::openTeam(dir.path(), *wrong, error));
        QVERIFY2(error.contains(QStringLiteral("password authentication failed")), qPrintable(error));
        QVERIFY2(
            error.contains(QStringLiteral("bfs:***@127.0.0.1")) && !error.contains(QStringLiteral("not-the-password")),
            qPrintable(error));
        // A port nothing listens on: the one the server was given, minus one, is free enough only
        // by chance, so bind one and release it instead.
        quint16 closed = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            closed = probe.serverPort();
        }
        const auto nowhere
            = DatabaseUrl::parse(QStringLiteral("postgresql://bfs@127.0.0.1:%1/team").arg(closed), error);
        QVERIFY(!Workspace::openTeam(dir.path(), *nowhere, error));
        QVERIFY2(error.contains(QStringLiteral("Connection refused")), qPrintable(error));
    }

    void claimsSkipEachOtherAndAnExpiredLeaseIsReclaimed()
    {
        const DatabaseUrl url = freshDatabase();
        QTemporaryDir dir;
        QString error;
        const auto workspace = Workspace::openTeam(dir.path(), url, error);
        QVERIFY2(workspace, qPrintable(error));
        DbConnection a = workspace->connect(error), b = workspace->connect(error);
        QVERIFY2(a.isOpen() && b.isOpen(), qPrintable(error));
        PartitionStore storeA(a.db()), storeB(b.db());
        const BackfillSettings s = week();
        QVERIFY(storeA.ensure(s.sport, s.rangeDates(), error));

        // In date order, never the same date twice while leases hold.
        QCOMPARE(storeA.claim(s, QStringLiteral("A"), 60000, error), QDate(2024, 5, 1));
        QCOMPARE(storeB.claim(s, QStringLiteral("B"), 60000, error), QDate(2024, 5, 2));
        QCOMPARE(storeA.claim(s, QStringLiteral("A"), 60000, error), QDate(2024, 5, 3));
        QVERIFY(error.isEmpty());
        // B waits for A's leases: about a minute from now.
        const auto wait = storeB.nextLeaseExpiry(s, QStringLiteral("B"), error);
        QVERIFY(wait && *wait > 50000 && *wait <= 60000);

        // A's lease on 05-01 runs out (A stopped renewing): B reclaims it before any new date.
        QVERIFY(a.exec(QStringLiteral("UPDATE partitions SET lease_until = lease_until - 120000 "
                                      "WHERE partition_date = '2024-05-01'"),
            error));
        QCOMPARE(storeB.claim(s, QStringLiteral("B"), 60000, error), QDate(2024, 5, 1));

        // A's late result for 05-01 is discarded; B's counts.
        bool held = true;
        PartitionAttempt late;
        late.eventsFetched = 1;
        QVERIFY(
            storeA.finish(s.sport, QDate(2024, 5, 1), PartitionState::Failed, late, QStringLiteral("A"), held, error));
        QVERIFY(!held);
        PartitionAttempt done;
        done.eventsFetched = 15;
        QVERIFY(
            storeB.finish(s.sport, QDate(2024, 5, 1), PartitionState::Done, done, QStringLiteral("B"), held, error));
        QVERIFY(held);
        const auto rows = storeA.rows(s.sport, s.start, s.start);
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first().state, PartitionState::Done);
        QCOMPARE(rows.first().eventsFetched, 15);
        QCOMPARE(rows.first().attempts, 2);

        // A date an owner released (a stop) is not claimed again by that owner in the same run.
        QVERIFY(
            storeA.finish(s.sport, QDate(2024, 5, 3), PartitionState::Pending, {}, QStringLiteral("A"), held, error));
        QCOMPARE(storeA.claim(s, QStringLiteral("A"), 60000, error), QDate(2024, 5, 4));
        QCOMPARE(storeB.claim(s, QStringLiteral("B"), 60000, error), QDate(2024, 5, 3));
    }

    void aBoundFolderOpensItsTeamDatabaseAndListsItsInstances()
    {
        const DatabaseUrl url = freshDatabase();
        QTemporaryDir dir;
        QString error;
        // Bound with a password in the URL: the folder keeps the URL without it.
        QVERIFY2(Workspace::bindTeam(dir.path(), url.withPassword(QStringLiteral("in-the-url-pw")), error),
            qPrintable(error));
        QFile binding(dir.filePath(QStringLiteral("team.json")));
        QVERIFY(binding.open(QIODevice::ReadOnly));
        const QByteArray kept = binding.readAll();
        QVERIFY(kept.contains(url.withoutPassword().toUtf8()) && !kept.contains("in-the-url-pw"));
        const auto workspace = Workspace::open(dir.path(), error);
        QVERIFY2(workspace && workspace->isTeam(), qPrintable(error));
        QCOMPARE(workspace->databaseLabel(), url.redacted());
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("workspace.sqlite"))));

        // One instance holding two dates, another whose lease ran out: only the first is listed.
        DbConnection connection = workspace->connect(error);
        PartitionStore store(connection.db());
        const BackfillSettings s = week();
        QVERIFY(store.ensure(s.sport, s.rangeDates(), error));
        QVERIFY(store.claim(s, QStringLiteral("alpha pid 1 run a"), 60000, error));
        QVERIFY(store.claim(s, QStringLiteral("alpha pid 1 run a"), 60000, error));
        QVERIFY(store.claim(s, QStringLiteral("beta pid 2 run b"), 1, error));
        QTest::qWait(5); // beta's 1 ms lease is over
        const auto instances = TeamInstance::list(*workspace, error);
        QVERIFY2(instances, qPrintable(error));
        QCOMPARE(instances->size(), std::size_t(1));
        QCOMPARE(instances->front().owner, QStringLiteral("alpha pid 1 run a"));
        QCOMPARE(instances->front().runningDates, 2);
        QVERIFY(qAbs(instances->front().lastSeen.secsTo(QDateTime::currentDateTimeUtc())) < 60);

        QVERIFY(Workspace::bindTeam(dir.path(), std::nullopt, error));
        const auto local = Workspace::open(dir.path(), error);
        QVERIFY2(local && !local->isTeam(), qPrintable(error));
    }

    void severalDatesAreClaimedInOneStatementInRunOrder()
    {
        // SQLite (a run's workers waiting together): the next dates in run order, newest first too.
        QTemporaryDir dir;
        QString error;
        const auto local = Workspace::open(dir.path(), error);
        QVERIFY2(local, qPrintable(error));
        DbConnection connection = local->connect(error);
        PartitionStore store(connection.db());
        BackfillSettings s = week();
        QVERIFY(store.ensure(s.sport, s.rangeDates(), error));
        QCOMPARE(store.claim(s, QStringLiteral("run1"), 60000, 3, error),
            QList<QDate>({ QDate(2024, 5, 1), QDate(2024, 5, 2), QDate(2024, 5, 3) }));
        s.newestFirst = true;
        QCOMPARE(store.claim(s, QStringLiteral("run1"), 60000, 2, error),
            QList<QDate>({ QDate(2024, 5, 7), QDate(2024, 5, 6) }));
        // Fewer left than asked for: what is left; then nothing, without an error.
        QCOMPARE(store.claim(s, QStringLiteral("run1"), 60000, 5, error),
            QList<QDate>({ QDate(2024, 5, 5), QDate(2024, 5, 4) }));
        QCOMPARE(store.claim(s, QStringLiteral("run1"), 60000, 5, error), QList<QDate>());
        QVERIFY2(error.isEmpty(), qPrintable(error));

        // PostgreSQL: two claimers' batches never overlap.
        const auto team = Workspace::openTeam(dir.path(), freshDatabase(), error);
        QVERIFY2(team, qPrintable(error));
        DbConnection a = team->connect(error), b = team->connect(error);
        QVERIFY2(a.isOpen() && b.isOpen(), qPrintable(error));
        PartitionStore storeA(a.db()), storeB(b.db());
        const BackfillSettings w = week();
        QVERIFY(storeA.ensure(w.sport, w.rangeDates(), error));
        QCOMPARE(storeA.claim(w, QStringLiteral("A"), 60000, 3, error),
            QList<QDate>({ QDate(2024, 5, 1), QDate(2024, 5, 2), QDate(2024, 5, 3) }));
        QCOMPARE(storeB.claim(w, QStringLiteral("B"), 60000, 3, error),
            QList<QDate>({ QDate(2024, 5, 4), QDate(2024, 5, 5), QDate(2024, 5, 6) }));
        QCOMPARE(storeA.claim(w, QStringLiteral("A"), 60000, 3, error), QList<QDate>({ QDate(2024, 5, 7) }));
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void sqliteClaimsFollowThePlan()
    {
        QTemporaryDir dir;
        QString error;
        const auto workspace = Workspace::open(dir.path(), error);
        QVERIFY2(workspace, qPrintable(error));
        DbConnection connection = workspace->connect(error);
        PartitionStore store(connection.db());
        BackfillSettings s = week();
        s.newestFirst = true;
        QVERIFY(store.ensure(s.sport, s.rangeDates(), error));
        QCOMPARE(store.claim(s, QStringLiteral("run1"), 60000, error), QDate(2024, 5, 7));
        bool held = false;
        QVERIFY(
            store.finish(s.sport, QDate(2024, 5, 7), PartitionState::Done, {}, QStringLiteral("run1"), held, error));
        QVERIFY(held);
        QCOMPARE(store.claim(s, QStringLiteral("run1"), 60000, error), QDate(2024, 5, 6));
        // Explicit dates run whatever their state, once per run.
        BackfillSettings chosen = week();
        chosen.dates = { QDate(2024, 5, 7) };
        QCOMPARE(store.claim(chosen, QStringLiteral("run2"), 60000, error), QDate(2024, 5, 7));
        QCOMPARE(store.claim(chosen, QStringLiteral("run2"), 60000, error), std::nullopt);
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void theTeamsSlotsNeverOverlap()
    {
        // Three instances take slots at once at one request a second: the bucket moves on by
        // exactly one interval per slot taken, so no two slots of the team share a second.
        const DatabaseUrl url = freshDatabase();
        QTemporaryDir dir;
        QString error;
        QVERIFY2(Workspace::openTeam(dir.path(), url, error), qPrintable(error));
        auto pool = std::make_shared<PgPool>(url);
        TeamLink first(pool, QStringLiteral("first"), 60000);
        const auto opening = first.takeSlots(5, 1.0);
        QVERIFY(opening && opening->size() == 5);
        for (int i = 1; i < 5; ++i)
            QCOMPARE(opening->at(i) - opening->at(i - 1), 1.0);
        const auto db = PgConnection::open(url, error);
        const double before = db->exec("SELECT next_slot_ms FROM team_rate", {}, error)->value(0, 0).toDouble();
        QThreadPool threads;
        threads.setMaxThreadCount(3);
        QList<QFuture<int>> takers;
        for (int t = 0; t < 3; ++t)
            takers.append(QtConcurrent::run(&threads, [pool, t] {
                TeamLink link(pool, QStringLiteral("taker %1").arg(t), 60000);
                int taken = 0;
                for (int i = 0; i < 10; ++i)
                    taken += int(link.takeSlots(5, 1.0).value_or(QList<double>()).size());
                return taken;
            }));
        int taken = 0;
        for (auto& f : takers)
            taken += f.result();
        QCOMPARE(taken, 150);
        const double after = db->exec("SELECT next_slot_ms FROM team_rate", {}, error)->value(0, 0).toDouble();
        QCOMPARE(after - before, 150 * 1000.0);
    }
};

QTEST_GUILESS_MAIN(TestTeamStorage)
#include "tst_teamstorage.moc"
