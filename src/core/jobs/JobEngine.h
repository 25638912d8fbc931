#pragma once

#include "jobs/Job.h"
#include "jobs/JobProgress.h"

#include <QObject>
#include <QThreadPool>
#include <QTimer>

#include <deque>
#include <memory>

namespace bfs {

class JobRunState;

// Runs a Job's units on its own QThreadPool, one worker slot per thread, units handed
// out from one shared queue. Aggregates progress in atomics and emits it at a bounded
// rate (progressChanged) on the thread the engine lives in, so widgets and the CLI's
// progress line are plain listeners. Pause stops handing out work; cancel lets
// in-flight units end cleanly; nothing is ever killed.
class JobEngine : public QObject {
    Q_OBJECT
public:
    static constexpr int MinWorkers = 1;
    static constexpr int MaxWorkers = 64;
    static int defaultWorkers(); // max(1, idealThreadCount() - 1)

    explicit JobEngine(QObject* parent = nullptr);
    ~JobEngine() override; // cancels and waits for in-flight units

    void setWorkers(int workers); // clamped to MinWorkers…MaxWorkers
    int workers() const { return m_workers; }
    void setProgressIntervalMs(int ms);

    // Starts asynchronously; false when a job is already running.
    bool start(std::shared_ptr<Job> job);
    // Starts and spins a local event loop until the job ends (CLI, tests).
    JobResult run(std::shared_ptr<Job> job);

    bool isRunning() const { return m_state != nullptr; }
    bool isPaused() const;
    JobProgress progress() const;

public Q_SLOTS:
    void pause();
    void resume();
    void cancel();

Q_SIGNALS:
    void started();
    void progressChanged(const bfs::JobProgress& progress);
    void pausedChanged(bool paused);
    void finished(const bfs::JobResult& result);

private:
    void onRunFinished();
    void sample(bool final);
    JobProgress snapshot() const;

    int m_workers;
    QThreadPool m_pool;
    QTimer m_timer;
    std::shared_ptr<JobRunState> m_state;
    std::deque<std::pair<double, qint64>> m_window; // (seconds, done) samples for the rate
    JobProgress m_last;
    bool m_emittedAny = false;
};

} // namespace bfs
