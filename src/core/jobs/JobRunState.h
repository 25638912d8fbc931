#pragma once

#include "jobs/JobProgress.h"

#include <QElapsedTimer>
#include <QMutex>
#include <QStringList>
#include <QWaitCondition>

#include <atomic>
#include <memory>

namespace bfs {

class Job;

// Shared state of one run, owned jointly by the engine and its worker runnables so a
// runnable never outlives what it touches. Counters are atomics: workers update them
// without locks and the engine's throttle timer samples them.
class JobRunState {
public:
    std::shared_ptr<Job> job;
    int workers = 1;

    std::atomic<qint64> nextUnit { 0 };
    std::atomic<qint64> done { 0 };
    std::atomic<qint64> total { 0 };
    std::atomic<qint64> items { 0 };
    std::atomic<qint64> failed { 0 };
    std::atomic<bool> canceled { false };
    std::atomic<bool> aborted { false };
    std::atomic<bool> paused { false };
    std::atomic<bool> prepared { false };
    std::atomic<int> runningWorkers { 0 };

    QElapsedTimer clock;

    mutable QMutex mutex; // guards the fields below and pauses
    QWaitCondition resumed;
    QWaitCondition prepareEnded;
    bool prepareOver = false;
    QString abortReason;
    QString error;
    QStringList workerStatus;

    void setStatus(int worker, const QString& status)
    {
        QMutexLocker lock(&mutex);
        if (worker >= 0 && worker < workerStatus.size())
            workerStatus[worker] = status;
    }
    // The workers' threads start with the run and wait here while the job prepares: true when it
    // prepared, false when it failed.
    bool waitForPrepare()
    {
        QMutexLocker lock(&mutex);
        while (!prepareOver)
            prepareEnded.wait(&mutex);
        return prepared.load();
    }
    void endPrepare(bool ok)
    {
        QMutexLocker lock(&mutex);
        prepared = ok;
        prepareOver = true;
        prepareEnded.wakeAll();
    }
    bool waitWhilePaused()
    {
        QMutexLocker lock(&mutex);
        while (paused.load() && !canceled.load())
            resumed.wait(&mutex);
        return !canceled.load();
    }
    void abort(const QString& reason)
    {
        QMutexLocker lock(&mutex);
        if (!aborted.exchange(true))
            abortReason = reason;
        canceled = true;
        resumed.wakeAll();
    }
};

} // namespace bfs
