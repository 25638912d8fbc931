// JobEngine: the queue → pool machinery every job runs on.
#include "jobs/JobEngine.h"
#include "jobs/UnitContext.h"

#include <QSemaphore>
#include <QSignalSpy>
#include <QTest>

#include <atomic>
#include <functional>

using namespace bfs;

namespace bfs {
// QCOMPARE prints a JobStatus by name (found by ADL).
char* toString(JobStatus status)
{
    return qstrdup(qPrintable(jobStatusName(status)));
}
} // namespace bfs

namespace {

// A job whose units run a caller-supplied function and record concurrency.
class LambdaJob final : public Job {
public:
    LambdaJob(qint64 units, std::function<UnitOutcome(qint64, UnitContext&)> body, qint64 weight = 1)
        : m_units(units)
        , m_weight(weight)
        , m_body(std::move(body))
    {
    }
    qint64 unitCount() const override { return m_units; }
    qint64 unitWeight(qint64) const override { return m_weight; }
    std::unique_ptr<JobWorker> createWorker(int) override
    {
        ++workersCreated;
        return std::make_unique<Worker>(*this);
    }
    bool prepare(UnitContext&, QString& error) override
    {
        error = prepareError;
        return prepareError.isEmpty();
    }
    bool finish(UnitContext&, QString&) override
    {
        ++finishCalls;
        return true;
    }

    std::atomic<int> active { 0 };
    std::atomic<int> maxActive { 0 };
    std::atomic<int> started { 0 };
    std::atomic<int> workersCreated { 0 };
    std::atomic<int> finishCalls { 0 };
    QString prepareError;

private:
    struct Worker final : JobWorker {
        explicit Worker(LambdaJob& job)
            : job(job)
        {
        }
        UnitOutcome run(qint64 unit, UnitContext& context) override
        {
            ++job.started;
            const int now = ++job.active;
            int seen = job.maxActive;
            while (now > seen && !job.maxActive.compare_exchange_weak(seen, now)) { }
            const auto outcome = job.m_body(unit, context);
            --job.active;
            return outcome;
        }
        LambdaJob& job;
    };
    qint64 m_units;
    qint64 m_weight;
    std::function<UnitOutcome(qint64, UnitContext&)> m_body;
};

// A job whose workers defer every odd unit and report it from flush(): unit 1 failed, the rest done.
class DeferringJob final : public Job {
public:
    qint64 unitCount() const override { return 10; }
    std::unique_ptr<JobWorker> createWorker(int) override { return std::make_unique<Worker>(); }

private:
    struct Worker final : JobWorker {
        UnitOutcome run(qint64 unit, UnitContext&) override
        {
            if (unit % 2 == 0)
                return UnitOutcome::Done;
            deferred.append(unit);
            return UnitOutcome::Deferred;
        }
        void flush(UnitContext& context) override
        {
            for (const qint64 unit : std::as_const(deferred))
                context.finishUnit(unit, unit == 1 ? UnitOutcome::Failed : UnitOutcome::Done);
        }
        QList<qint64> deferred;
    };
};

} // namespace

class TestJobEngine : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void defaultWorkersIsCoresMinusOne()
    {
        QCOMPARE(JobEngine::defaultWorkers(), std::max(1, QThread::idealThreadCount() - 1));
        JobEngine engine;
        QCOMPARE(engine.workers(), JobEngine::defaultWorkers());
        engine.setWorkers(0);
        QCOMPARE(engine.workers(), 1);
        engine.setWorkers(65);
        QCOMPARE(engine.workers(), 64);
    }

    void progressReachesTotalExactlyOnce()
    {
        JobEngine engine;
        engine.setWorkers(3);
        engine.setProgressIntervalMs(10);
        auto job = std::make_shared<LambdaJob>(
            200,
            [](qint64, UnitContext& context) {
                context.addItems(10);
                return UnitOutcome::Done;
            },
            5);
        QSignalSpy progress(&engine, &JobEngine::progressChanged);
        const JobResult result = engine.run(job);
        QCOMPARE(result.status, JobStatus::Completed);
        QCOMPARE(result.done, 1000);
        QCOMPARE(result.total, 1000);
        QCOMPARE(result.items, 2000);
        QCOMPARE(result.workers, 3);
        QCOMPARE(job->started.load(), 200);
        QCOMPARE(job->finishCalls.load(), 1);
        int atTotal = 0;
        qint64 previous = -1;
        for (const auto& args : progress) {
            const auto p = args.at(0).value<JobProgress>();
            QVERIFY2(p.done >= previous, "progress never goes backwards");
            previous = p.done;
            if (p.total > 0 && p.done == p.total)
                ++atTotal;
        }
        QCOMPARE(atTotal, 1);
        QCOMPARE(progress.last().at(0).value<JobProgress>().stage, JobStage::Finished);
    }

    void workerCountIsHonoured_data()
    {
        QTest::addColumn<int>("workers");
        QTest::newRow("1") << 1;
        QTest::newRow("2") << 2;
        QTest::newRow("4") << 4;
        QTest::newRow("8") << 8;
    }
    void workerCountIsHonoured()
    {
        QFETCH(int, workers);
        JobEngine engine;
        engine.setWorkers(workers);
        // The first `workers` units wait at a gate that opens when the last of them arrives, so
        // the run completes only if the pool runs `workers` units at once; maxActive shows it
        // never runs more. (The acquire's bound only turns a broken pool into a failure, not a hang.)
        QSemaphore gate;
        std::atomic<int> arrived { 0 };
        std::atomic<bool> gateTimedOut { false };
        auto job = std::make_shared<LambdaJob>(workers * 4, [&](qint64, UnitContext&) {
            if (++arrived == workers)
                gate.release(workers * 4);
            if (!gate.tryAcquire(1, 30000))
                gateTimedOut = true;
            return UnitOutcome::Done;
        });
        const JobResult result = engine.run(job);
        QCOMPARE(result.status, JobStatus::Completed);
        QVERIFY2(!gateTimedOut, "fewer units ran at once than the pool has workers");
        QCOMPARE(job->maxActive.load(), workers);
        QCOMPARE(job->workersCreated.load(), workers);
    }

    void pauseStopsHandingOutUnitsAndResumeFinishes()
    {
        JobEngine engine;
        engine.setWorkers(2);
        QSemaphore gate;
        // Set for as long as the engine is paused: a unit starting then is a violation, seen by the
        // unit itself instead of by waiting a while and counting.
        std::atomic<bool> pausedNow { false };
        std::atomic<int> startedWhilePaused { 0 };
        auto job = std::make_shared<LambdaJob>(20, [&](qint64, UnitContext&) {
            if (pausedNow)
                ++startedWhilePaused;
            gate.acquire();
            return UnitOutcome::Done;
        });
        QSignalSpy finished(&engine, &JobEngine::finished);
        QSignalSpy paused(&engine, &JobEngine::pausedChanged);
        QVERIFY(engine.start(job));
        gate.release(2); // two units may finish
        QTRY_COMPARE(job->started.load(), 4); // 2 done, 2 more blocked on the gate
        pausedNow = true;
        engine.pause();
        QVERIFY(engine.isPaused());
        gate.release(2); // the in-flight units end; no new unit may start while paused
        QTRY_COMPARE(engine.progress().done, 4);
        QCOMPARE(job->started.load(), 4);
        pausedNow = false;
        engine.resume();
        gate.release(100);
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(finished.at(0).at(0).value<JobResult>().status, JobStatus::Completed);
        QCOMPARE(finished.at(0).at(0).value<JobResult>().done, 20);
        QCOMPARE(paused.count(), 2);
        QCOMPARE(startedWhilePaused.load(), 0);
    }

    void cancelEndsInFlightUnitsCleanly()
    {
        JobEngine engine;
        engine.setWorkers(2);
        std::atomic<int> completed { 0 }, interrupted { 0 };
        auto job = std::make_shared<LambdaJob>(1000, [&](qint64, UnitContext& context) {
            for (int i = 0; i < 1000; ++i) {
                if (!context.checkpoint()) {
                    ++interrupted;
                    return UnitOutcome::Interrupted;
                }
                QThread::usleep(20);
            }
            ++completed;
            return UnitOutcome::Done;
        });
        QSignalSpy finished(&engine, &JobEngine::finished);
        QVERIFY(engine.start(job));
        QTRY_VERIFY(engine.progress().done >= 2);
        engine.cancel();
        QTRY_COMPARE(finished.count(), 1);
        const auto result = finished.at(0).at(0).value<JobResult>();
        QCOMPARE(result.status, JobStatus::Cancelled);
        QVERIFY(result.done < 1000);
        // Done counts the units that completed, never the ones cancel interrupted; every started
        // unit is one or the other.
        QCOMPARE(result.done, qint64(completed.load()));
        QCOMPARE(completed.load() + interrupted.load(), job->started.load());
        QCOMPARE(job->finishCalls.load(), 1);
        QVERIFY(!engine.isRunning());
    }

    void cancelWhilePausedDoesNotHang()
    {
        JobEngine engine;
        engine.setWorkers(2);
        auto job = std::make_shared<LambdaJob>(100, [](qint64, UnitContext&) { return UnitOutcome::Done; });
        QSignalSpy finished(&engine, &JobEngine::finished);
        engine.pause(); // no effect before start
        QVERIFY(engine.start(job));
        engine.pause();
        engine.cancel();
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(finished.at(0).at(0).value<JobResult>().status, JobStatus::Cancelled);
    }

    void abortStopsEveryWorkerWithTheReason()
    {
        JobEngine engine;
        engine.setWorkers(4);
        auto job = std::make_shared<LambdaJob>(10000, [](qint64 unit, UnitContext& context) {
            if (unit == 10)
                context.abortJob(QStringLiteral("401 INVALID_KEY: API key is not valid"));
            return UnitOutcome::Done;
        });
        const JobResult result = engine.run(job);
        QCOMPARE(result.status, JobStatus::Aborted);
        QCOMPARE(result.error, QStringLiteral("401 INVALID_KEY: API key is not valid"));
        QVERIFY(job->started.load() < 10000);
    }

    void failedUnitsAreCountedAndTheRunGoesOn()
    {
        JobEngine engine;
        engine.setWorkers(2);
        auto job = std::make_shared<LambdaJob>(
            10, [](qint64 unit, UnitContext&) { return unit % 5 == 0 ? UnitOutcome::Failed : UnitOutcome::Done; });
        const JobResult result = engine.run(job);
        QCOMPARE(result.status, JobStatus::Completed);
        QCOMPARE(result.done, 10);
        QCOMPARE(result.failed, 2);
    }

    void deferredUnitsCountOnceWhenTheWorkerReportsThem()
    {
        JobEngine engine;
        engine.setWorkers(3);
        QSignalSpy progress(&engine, &JobEngine::progressChanged);
        const JobResult result = engine.run(std::make_shared<DeferringJob>());
        QCOMPARE(result.status, JobStatus::Completed);
        QCOMPARE(result.done, 10);
        QCOMPARE(result.failed, 1);
        QCOMPARE(progress.last().first().value<JobProgress>().done, 10);
    }

    void prepareFailureRunsNoUnit()
    {
        JobEngine engine;
        auto job = std::make_shared<LambdaJob>(10, [](qint64, UnitContext&) { return UnitOutcome::Done; });
        job->prepareError = QStringLiteral("table 'results' is missing");
        const JobResult result = engine.run(job);
        QCOMPARE(result.status, JobStatus::Failed);
        QCOMPARE(result.error, QStringLiteral("table 'results' is missing"));
        QCOMPARE(job->started.load(), 0);
        QCOMPARE(job->finishCalls.load(), 0);
    }

    void secondStartWhileRunningIsRefused()
    {
        JobEngine engine;
        QSemaphore gate;
        auto job = std::make_shared<LambdaJob>(2, [&gate](qint64, UnitContext&) {
            gate.acquire();
            return UnitOutcome::Done;
        });
        QSignalSpy finished(&engine, &JobEngine::finished);
        QVERIFY(engine.start(job));
        QVERIFY(!engine.start(job));
        gate.release(2);
        QTRY_COMPARE(finished.count(), 1);
        QVERIFY(engine.start(std::make_shared<LambdaJob>(1, [](qint64, UnitContext&) { return UnitOutcome::Done; })));
        QTRY_COMPARE(finished.count(), 2);
    }
};

QTEST_GUILESS_MAIN(TestJobEngine)
#include "tst_jobengine.moc"
