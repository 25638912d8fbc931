// OpenDates, the backfill's shared odds requests, without a network or a clock: which request
// a worker gets (its own date's first, else the oldest open date's), what a date adds up to when
// its requests were sent by several workers, how a failure or a stop ends handing out a date's
// requests, and when a helper with nothing to do leaves.
#include "jobs/JobRunState.h"
#include "jobs/UnitContext.h"
#include "odds/scrape/OpenDates.h"
#include "odds/scrape/SnapshotStore.h"

#include <QTest>

#include <thread>

using namespace bfs;

namespace {

QList<EventRef> events(const QString& prefix, int count)
{
    QList<EventRef> list;
    for (int i = 0; i < count; ++i)
        list.append({ prefix + QString::number(i), QDateTime(QDate(2024, 5, 1), QTime(23, 0), Qt::UTC) });
    return list;
}

OpenDates::TaskResult fetched(qint64 credits = 10)
{
    OpenDates::TaskResult r;
    r.requests = 1;
    r.credits = credits;
    r.fetched = true;
    return r;
}

const QDate first(2024, 5, 1);
const QDate second(2024, 5, 2);

} // namespace

class TestOpenDates : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void ownDateFirstThenTheOldest()
    {
        OpenDates open;
        open.open(first, events(QStringLiteral("a"), 2), {});
        open.open(second, events(QStringLiteral("b"), 2), {});
        QCOMPARE(open.take(second)->event.id, QStringLiteral("b0"));
        QCOMPARE(open.take()->event.id, QStringLiteral("a0")); // a helper: the oldest open date
        QCOMPARE(open.take(second)->event.id, QStringLiteral("b1"));
        const auto helped = open.take(second); // nothing of its own left: the other date's
        QCOMPARE(helped->date, first);
        QCOMPARE(helped->event.id, QStringLiteral("a1"));
        QCOMPARE(helped->position, 2);
        QCOMPARE(helped->count, 2);
        QVERIFY(!open.take());
    }

    void aDateAddsUpWhoeverSentItsRequests()
    {
        OpenDates open;
        PartitionAttempt sofar;
        sofar.requests = 1; // the events list
        sofar.credits = 1;
        sofar.eventsTotal = 4;
        sofar.eventsFetched = 1; // one already stored
        open.open(first, events(QStringLiteral("a"), 3), sofar);
        const auto t1 = open.take(first), t2 = open.take(), t3 = open.take();
        open.report(*t2, fetched(20));
        OpenDates::TaskResult missing;
        missing.requests = 1;
        missing.missing = true;
        open.report(*t3, missing);
        OpenDates::TaskResult retried = fetched(10);
        retried.requests = 3;
        open.report(*t1, retried);
        PartitionState state = PartitionState::Running;
        const PartitionAttempt a = open.close(first, state);
        QCOMPARE(state, PartitionState::Done);
        QCOMPARE(a.requests, qint64(1 + 1 + 1 + 3));
        QCOMPARE(a.credits, qint64(1 + 20 + 10));
        QCOMPARE(a.eventsTotal, 4);
        QCOMPARE(a.eventsFetched, 1 + 2);
        QCOMPARE(a.eventsMissing, 1);
        QVERIFY(a.error.isEmpty());
    }

    void aFailureStopsTheDateAndKeepsTheFirstError()
    {
        OpenDates open;
        open.open(first, events(QStringLiteral("a"), 5), {});
        open.open(second, events(QStringLiteral("b"), 1), {});
        const auto t1 = open.take(first), t2 = open.take(first);
        OpenDates::TaskResult failed;
        failed.requests = 1;
        failed.stop = PartitionState::Failed;
        failed.error = QStringLiteral("event a0: 422 INVALID_MARKET");
        open.report(*t1, failed);
        // No request of the failed date is handed out any more; the other date's still are.
        const auto next = open.take(first);
        QCOMPARE(next->date, second);
        OpenDates::TaskResult stopped;
        stopped.stop = PartitionState::Pending;
        open.report(*t2, stopped);
        PartitionState state = PartitionState::Running;
        const PartitionAttempt a = open.close(first, state);
        QCOMPARE(state, PartitionState::Failed); // a failure outranks the stop
        QCOMPARE(a.error, QStringLiteral("event a0: 422 INVALID_MARKET"));
        open.report(*next, fetched());
        QCOMPARE(open.close(second, state).eventsFetched, 1);
        QCOMPARE(state, PartitionState::Done);
    }

    void aStoppedRequestLeavesTheDatePending()
    {
        OpenDates open;
        open.open(first, events(QStringLiteral("a"), 3), {});
        const auto t = open.take(first);
        OpenDates::TaskResult stopped;
        stopped.stop = PartitionState::Pending;
        open.report(*t, stopped);
        QVERIFY(!open.take(first));
        PartitionState state = PartitionState::Running;
        open.close(first, state);
        QCOMPARE(state, PartitionState::Pending);
    }

    void waitingEndsWhenTheOwnDateSettlesOrNoDateCanOpen()
    {
        auto run = std::make_shared<JobRunState>();
        UnitContext context(run, 0);
        OpenDates open;
        open.open(first, events(QStringLiteral("a"), 1), {});
        QVERIFY(open.waitForWork({ first }, context)); // a request to take
        const auto t = open.take(first);
        open.report(*t, fetched());
        QVERIFY(!open.waitForWork({ first }, context)); // settled: the claimer records it
        PartitionState state;
        open.close(first, state);
        open.leaveUnitLoop(); // the units are all taken: no date opens any more, nothing left
        QVERIFY(!open.waitForWork({}, context));
    }

    void aWorkerMovesOnWhenFewRequestsAreLeftAndWaitsForAnyOfItsDates()
    {
        auto run = std::make_shared<JobRunState>();
        UnitContext context(run, 0);
        OpenDates open;
        open.open(first, events(QStringLiteral("a"), 3), {});
        QVERIFY(!open.runningLow(3)); // three left to take for three workers
        QVERIFY(open.runningLow(4));
        const auto t1 = open.take(first);
        QVERIFY(open.runningLow(3));
        open.open(second, events(QStringLiteral("b"), 1), {});
        QVERIFY(!open.runningLow(3)); // two of the first and one of the second
        const auto t2 = open.take(first);
        const auto t3 = open.take(first);
        const auto t4 = open.take(second);
        QVERIFY(!open.isSettled(first) && !open.isSettled(second));
        open.report(*t4, fetched());
        QVERIFY(open.isSettled(second));
        QVERIFY(!open.waitForWork({ first, second }, context)); // the second settled: record it
        PartitionState state;
        open.close(second, state);
        for (const auto& t : { t1, t2, t3 })
            open.report(*t, fetched());
        QVERIFY(!open.waitForWork({ first }, context));
        QCOMPARE(open.close(first, state).eventsFetched, 3);
        // No date can open any more: never "running low", the last requests just drain.
        open.leaveUnitLoop();
        QVERIFY(!open.runningLow(100));
    }

    void helpersLeaveWhileTheLastRequestsAreInFlight()
    {
        // Nothing to take and no date can open: a helper goes (its teardown overlaps the last
        // answers) even though a request is still in flight; the claimer records the date.
        auto run = std::make_shared<JobRunState>();
        UnitContext context(run, 0);
        OpenDates open;
        open.open(first, events(QStringLiteral("a"), 1), {});
        const auto t = open.take();
        open.leaveUnitLoop();
        QVERIFY(!open.waitForWork({}, context));
        open.report(*t, fetched());
        QVERIFY(!open.waitForWork({ first }, context));
    }

    void helpersWaitForADateBeingOpened()
    {
        // The units are all taken, but a worker is still fetching its date's events list: what it
        // opens is work for the helpers.
        auto run = std::make_shared<JobRunState>();
        UnitContext context(run, 0);
        OpenDates open;
        open.startOpening();
        open.leaveUnitLoop();
        std::thread opener([&] {
            open.open(first, events(QStringLiteral("a"), 2), {});
            open.stopOpening();
        });
        QVERIFY(open.waitForWork({}, context)); // not gone before the date opened
        opener.join();
        QVERIFY(open.take());
        // A claim that found no date left also ends the waiting.
        OpenDates none;
        none.startOpening();
        none.stopOpening(true);
        QVERIFY(!none.waitForWork({}, context));
    }

    void aDateSettlesOnlyOnceItsEventsListIsStored()
    {
        // The claimer stores the fetched events list on the store threads while the odds run: the
        // date is not recorded before that store reports, and a failed store fails the date.
        auto run = std::make_shared<JobRunState>();
        UnitContext context(run, 0);
        const OpenDates::Task list { first, { SnapshotStore::EventsList, {} }, 0, 1 };
        OpenDates open;
        open.open(first, events(QStringLiteral("a"), 1), {}, 1);
        open.report(*open.take(first), fetched());
        QVERIFY(!open.take(first));
        open.report(list, {}); // stored: counted as neither a request nor a fetched event
        QVERIFY(!open.waitForWork({ first }, context));
        PartitionState state;
        const PartitionAttempt a = open.close(first, state);
        QCOMPARE(state, PartitionState::Done);
        QCOMPARE(a.eventsFetched, 1);
        QCOMPARE(a.requests, 1);

        open.open(second, events(QStringLiteral("b"), 2), {}, 1);
        OpenDates::TaskResult failed;
        failed.stop = PartitionState::Failed;
        failed.error = QStringLiteral("cannot write events.json: No space left on device");
        open.report({ second, { SnapshotStore::EventsList, {} }, 0, 2 }, failed);
        QVERIFY(!open.take(second)); // no odds request of a failed date is handed out
        QVERIFY(!open.waitForWork({ second }, context));
        QCOMPARE(open.close(second, state).error, failed.error);
        QCOMPARE(state, PartitionState::Failed);
    }

    void aCancelledHelperLeaves()
    {
        auto run = std::make_shared<JobRunState>();
        UnitContext context(run, 0);
        OpenDates open;
        open.startOpening(); // a worker still opening a date: a helper would wait for it
        run->canceled = true;
        QVERIFY(!open.waitForWork({}, context));
    }
};

QTEST_GUILESS_MAIN(TestOpenDates)
#include "tst_opendates.moc"
