// BackfillPlan, what a run will fetch and cost before anything is requested (odds-api.md
// phase 1; the dry run prints it, the job runs it): done and empty dates are skipped; with
// retry-failed only failed dates run; chosen dates run whatever their state; dates in run
// order. The estimate: a date without a stored events list costs that 1-credit list plus
// AssumedEventsPerDate odds requests; with a stored list, one odds request per kept event
// without a stored answer; an odds request costs 10 × markets × billed regions.
// Against a real workspace database and raw/ folder.
#include "odds/scrape/BackfillPlan.h"
#include "odds/scrape/PartitionStore.h"
#include "odds/scrape/SnapshotStore.h"
#include "storage/Workspace.h"

#include <QTemporaryDir>
#include <QTest>

using namespace bfs;

namespace {

const QString Sport = QStringLiteral("baseball_mlb");
const QDate May1(2024, 5, 1), May2(2024, 5, 2), May3(2024, 5, 3), May4(2024, 5, 4), May5(2024, 5, 5);

BackfillSettings week()
{
    BackfillSettings s;
    s.start = May1;
    s.end = May5;
    return s;
}

// A plan's dates as "MM-dd MM-dd …".
QString datesOf(const QList<QDate>& dates)
{
    QStringList text;
    for (const QDate& d : dates)
        text.append(d.toString(QStringLiteral("MM-dd")));
    return text.join(u' ');
}

// The events list of endpoint (1) with the given "id commence_time" pairs.
QByteArray eventsList(const QStringList& events)
{
    QByteArray data;
    for (const QString& e : events) {
        const QStringList parts = e.split(u' ');
        if (!data.isEmpty())
            data += ',';
        data += "{\"id\":\"" + parts[0].toUtf8() + "\",\"commence_time\":\"" + parts[1].toUtf8() + "\"}";
    }
    return "{\"timestamp\":\"2024-05-05T15:00:00Z\",\"data\":[" + data + "]}";
}

class Fixture {
public:
    Fixture()
    {
        QString error;
        m_workspace = Workspace::open(m_dir.path(), error);
        if (!m_workspace)
            qFatal("workspace: %s", qPrintable(error));
        m_connection = m_workspace->connect(error);
        m_partitions.emplace(m_connection.db());
    }
    PartitionStore& partitions() { return *m_partitions; }
    QString rawDir() const { return m_dir.filePath(QStringLiteral("raw-plan")); }

    // Puts `date` in `state` the way a run does: claimed (as a chosen date), then finished.
    bool setState(QDate date, PartitionState state)
    {
        QString error;
        BackfillSettings s = week();
        s.dates = { date };
        const QString owner = QStringLiteral("test %1").arg(++m_owners);
        if (!m_partitions->ensure(Sport, { date }, error) || m_partitions->claim(s, owner, 60000, error) != date) {
            qWarning("claim: %s", qPrintable(error));
            return false;
        }
        if (state == PartitionState::Running)
            return true;
        bool held = false;
        if (!m_partitions->finish(Sport, date, state, {}, owner, held, error) || !held) {
            qWarning("finish: %s", qPrintable(error));
            return false;
        }
        return true;
    }

    // Stores answers as phase 1 does; the plan then sees them through a fresh scan, like a dry run.
    bool store(QDate date, const QString& eventId, const QByteArray& bytes)
    {
        QString error;
        SnapshotStore writer(rawDir(), Sport);
        return writer.write(date, eventId, bytes, error);
    }

    std::optional<BackfillPlan> plan(const BackfillSettings& settings)
    {
        SnapshotStore snapshots(rawDir(), Sport);
        QString error;
        if (!snapshots.scan(settings.rangeDates(), false, error)) {
            qWarning("scan: %s", qPrintable(error));
            return std::nullopt;
        }
        return BackfillPlan::make(settings, *m_partitions, snapshots, error);
    }

private:
    QTemporaryDir m_dir;
    std::optional<Workspace> m_workspace;
    DbConnection m_connection;
    std::optional<PartitionStore> m_partitions;
    int m_owners = 0;
};

} // namespace

class TestBackfillPlan : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // May 1 done, May 2 empty, May 3 failed, May 4 running (a killed run), May 5 never seen.
    // Nothing is stored, so each date to run costs 1 + 15 requests and 1 + 15 × 10 credits.
    void selection_data()
    {
        QTest::addColumn<QList<QDate>>("chosen");
        QTest::addColumn<bool>("retryFailed");
        QTest::addColumn<bool>("newestFirst");
        QTest::addColumn<QString>("dates");
        QTest::addColumn<int>("skipped");
        QTest::newRow("done and empty are skipped")
            << QList<QDate>() << false << false << QStringLiteral("05-03 05-04 05-05") << 2;
        QTest::newRow("newest first") << QList<QDate>() << false << true << QStringLiteral("05-05 05-04 05-03") << 2;
        QTest::newRow("retry failed runs only failed")
            << QList<QDate>() << true << false << QStringLiteral("05-03") << 4;
        QTest::newRow("chosen dates run whatever their state, in run order")
            << QList<QDate> { May5, May1, May2 } << false << false << QStringLiteral("05-01 05-02 05-05") << 2;
        QTest::newRow("chosen dates newest first")
            << QList<QDate> { May1, May5, May2 } << false << true << QStringLiteral("05-05 05-02 05-01") << 2;
        QTest::newRow("chosen dates win over retry failed")
            << QList<QDate> { May1 } << true << false << QStringLiteral("05-01") << 4;
        QTest::newRow("a chosen pending date alone")
            << QList<QDate> { May5 } << false << false << QStringLiteral("05-05") << 4;
    }
    void selection()
    {
        QFETCH(QList<QDate>, chosen);
        QFETCH(bool, retryFailed);
        QFETCH(bool, newestFirst);
        QFETCH(QString, dates);
        QFETCH(int, skipped);
        Fixture f;
        QVERIFY(f.setState(May1, PartitionState::Done));
        QVERIFY(f.setState(May2, PartitionState::Empty));
        QVERIFY(f.setState(May3, PartitionState::Failed));
        QVERIFY(f.setState(May4, PartitionState::Running));
        BackfillSettings s = week();
        s.dates = chosen;
        s.retryFailedOnly = retryFailed;
        s.newestFirst = newestFirst;
        const auto plan = f.plan(s);
        QVERIFY(plan);
        QCOMPARE(datesOf(plan->dates), dates);
        QCOMPARE(plan->datesTotal, 5);
        QCOMPARE(plan->datesSkipped, skipped);
        QCOMPARE(plan->datesTotal, plan->datesSkipped + int(plan->dates.size()));
        const qint64 run = plan->dates.size();
        QCOMPARE(plan->estimatedRequests, run * 16);
        QCOMPARE(plan->estimatedCredits, run * 151);
    }

    // A workspace that has never run: every date of the range is pending.
    void freshWorkspace_data()
    {
        QTest::addColumn<QDate>("start");
        QTest::addColumn<QDate>("end");
        QTest::addColumn<int>("total");
        QTest::newRow("one day") << May3 << May3 << 1;
        QTest::newRow("a week") << May1 << QDate(2024, 5, 7) << 7;
        QTest::newRow("across a month end") << QDate(2024, 4, 29) << May2 << 4;
        QTest::newRow("leap year February") << QDate(2024, 2, 27) << QDate(2024, 3, 1) << 4;
        QTest::newRow("no dates (end before start)") << May2 << May1 << 0;
    }
    void freshWorkspace()
    {
        QFETCH(QDate, start);
        QFETCH(QDate, end);
        QFETCH(int, total);
        Fixture f;
        BackfillSettings s;
        s.start = start;
        s.end = end;
        const auto plan = f.plan(s);
        QVERIFY(plan);
        QCOMPARE(plan->datesTotal, total);
        QCOMPARE(plan->datesSkipped, 0);
        QCOMPARE(int(plan->dates.size()), total);
        if (total > 0) {
            QCOMPARE(plan->dates.first(), start);
            QCOMPARE(plan->dates.last(), end);
        }
        QCOMPARE(plan->estimatedRequests, qint64(total) * 16);
        QCOMPARE(plan->estimatedCredits, qint64(total) * 151);
    }

    // What one pending date (May 5) should cost, from what is stored for it.
    // The stored list: g1 17:05Z and g2 01:10Z on May 6 (21:10 in New York) are May 5's games;
    // g3 is May 6's.
    void estimate_data()
    {
        QTest::addColumn<QByteArray>("list"); // empty: no stored list
        QTest::addColumn<QStringList>("storedEvents");
        QTest::addColumn<QStringList>("markets");
        QTest::addColumn<QStringList>("regions");
        QTest::addColumn<QStringList>("bookmakers");
        QTest::addColumn<qint64>("requests");
        QTest::addColumn<qint64>("credits");
        const QStringList one { QStringLiteral("pitcher_strikeouts") };
        const QStringList us { QStringLiteral("us") };
        const QByteArray list = eventsList({ QStringLiteral("g1 2024-05-05T17:05:00Z"),
            QStringLiteral("g2 2024-05-06T01:10:00Z"), QStringLiteral("g3 2024-05-06T17:00:00Z") });
        QStringList eleven, ten;
        for (int i = 0; i < 11; ++i)
            eleven.append(QStringLiteral("book%1").arg(i));
        ten = eleven.mid(0, 10);

        QTest::newRow("nothing stored: the list and 15 assumed events")
            << QByteArray() << QStringList() << one << us << QStringList() << qint64(16) << qint64(151);
        QTest::newRow("two markets, two regions: 40 credits an event")
            << QByteArray() << QStringList()
            << QStringList { QStringLiteral("pitcher_strikeouts"), QStringLiteral("pitcher_outs") }
            << QStringList { QStringLiteral("us"), QStringLiteral("eu") } << QStringList() << qint64(16)
            << qint64(1 + 15 * 40);
        QTest::newRow("ten bookmakers are one region")
            << QByteArray() << QStringList() << one << us << ten << qint64(16) << qint64(151);
        QTest::newRow("eleven bookmakers are two regions")
            << QByteArray() << QStringList() << one << us << eleven << qint64(16) << qint64(1 + 15 * 20);
        QTest::newRow("stored list: its two kept events")
            << list << QStringList() << one << us << QStringList() << qint64(2) << qint64(20);
        QTest::newRow("stored list and one event")
            << list << QStringList { QStringLiteral("g2") } << one << us << QStringList() << qint64(1) << qint64(10);
        QTest::newRow("another date's event stored does not count")
            << list << QStringList { QStringLiteral("g3") } << one << us << QStringList() << qint64(2) << qint64(20);
        QTest::newRow("everything stored costs nothing")
            << list << QStringList { QStringLiteral("g1"), QStringLiteral("g2") } << one << us << QStringList()
            << qint64(0) << qint64(0);
        QTest::newRow("stored list without a game that day")
            << eventsList({ QStringLiteral("g3 2024-05-06T17:00:00Z") }) << QStringList() << one << us << QStringList()
            << qint64(0) << qint64(0);
        QTest::newRow("stored empty list")
            << eventsList({}) << QStringList() << one << us << QStringList() << qint64(0) << qint64(0);
        // The run fetches a stored list that does not parse once more (BackfillWorker), so it
        // costs what a date without a list costs.
        QTest::newRow("stored list that does not parse is fetched again")
            << QByteArray("{\"data\":[{\"id\":\"g1\"") << QStringList() << one << us << QStringList() << qint64(16)
            << qint64(151);
        QTest::newRow("stored error body is fetched again") << QByteArray("{\"message\":\"busy\"}") << QStringList()
                                                            << one << us << QStringList() << qint64(16) << qint64(151);
    }
    void estimate()
    {
        QFETCH(QByteArray, list);
        QFETCH(QStringList, storedEvents);
        QFETCH(QStringList, markets);
        QFETCH(QStringList, regions);
        QFETCH(QStringList, bookmakers);
        QFETCH(qint64, requests);
        QFETCH(qint64, credits);
        Fixture f;
        if (!list.isEmpty())
            QVERIFY(f.store(May5, SnapshotStore::EventsList, list));
        for (const QString& id : storedEvents)
            QVERIFY(f.store(May5, id, QByteArrayLiteral("{\"data\":{}}")));
        BackfillSettings s = week();
        s.start = May5;
        s.markets = markets;
        s.regions = regions;
        s.bookmakers = bookmakers;
        const auto plan = f.plan(s);
        QVERIFY(plan);
        QCOMPARE(datesOf(plan->dates), QStringLiteral("05-05"));
        QCOMPARE(plan->estimatedRequests, requests);
        QCOMPARE(plan->estimatedCredits, credits);
    }

    // Skipped dates cost nothing even when nothing of them is stored; the sum is over run dates.
    void estimateSumsRunDates()
    {
        Fixture f;
        QVERIFY(f.setState(May1, PartitionState::Done));
        QVERIFY(f.setState(May2, PartitionState::Empty));
        QVERIFY(f.store(May3, SnapshotStore::EventsList,
            eventsList({ QStringLiteral("a 2024-05-03T17:00:00Z"), QStringLiteral("b 2024-05-03T23:00:00Z"),
                QStringLiteral("c 2024-05-04T00:30:00Z") })));
        QVERIFY(f.store(May3, QStringLiteral("b"), QByteArrayLiteral("{\"data\":{}}")));
        const auto plan = f.plan(week());
        QVERIFY(plan);
        QCOMPARE(datesOf(plan->dates), QStringLiteral("05-03 05-04 05-05"));
        // May 3: a and c (20:30 in New York) to fetch; May 4 and 5: 16 each.
        QCOMPARE(plan->estimatedRequests, qint64(2 + 16 + 16));
        QCOMPARE(plan->estimatedCredits, qint64(20 + 151 + 151));
    }
};

QTEST_GUILESS_MAIN(TestBackfillPlan)
#include "tst_backfillplan.moc"
