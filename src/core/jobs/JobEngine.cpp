#include "JobEngine.h"

#include "jobs/JobRunState.h"
#include "jobs/UnitContext.h"

#include <QEventLoop>
#include <QPointer>
#include <QThread>

#include <exception>

namespace bfs {

namespace {

constexpr double RateWindowSeconds = 5.0;

void runWorkerLoop(const std::shared_ptr<JobRunState>& state, int index)
{
    UnitContext context(state, index);
    std::unique_ptr<JobWorker> worker;
    try {
        worker = state->job->createWorker(index);
    } catch (const std::exception& e) {
        state->abort(QStringLiteral("worker %1 could not start: %2").arg(index).arg(QString::fromUtf8(e.what())));
    }
    while (worker && context.checkpoint()) {
        const qint64 unit = context.takeUnit();
        if (unit < 0)
            break;
        UnitOutcome outcome = UnitOutcome::Failed;
        try {
            outcome = worker->run(unit, context);
        } catch (const std::exception& e) {
            context.setStatus(QStringLiteral("error: %1").arg(QString::fromUtf8(e.what())));
        }
        if (outcome != UnitOutcome::Deferred)
            context.finishUnit(unit, outcome);
    }
    if (worker) {
        try {
            worker->flush(context);
        } catch (const std::exception& e) {
            state->abort(QStringLiteral("worker %1 could not finish: %2").arg(index).arg(QString::fromUtf8(e.what())));
        }
    }
    worker.reset(); // per-thread resources go away on their own thread
    context.setStatus(state->canceled ? QStringLiteral("stopped") : QStringLiteral("idle"));
}

} // namespace

QString jobStageName(JobStage stage)
{
    switch (stage) {
    case JobStage::Preparing:
        return QStringLiteral("preparing");
    case JobStage::Running:
        return QStringLiteral("running");
    case JobStage::Finishing:
        return QStringLiteral("finishing");
    case JobStage::Finished:
        return QStringLiteral("finished");
    }
    return {};
}

QString jobStatusName(JobStatus status)
{
    switch (status) {
    case JobStatus::Completed:
        return QStringLiteral("completed");
    case JobStatus::Cancelled:
        return QStringLiteral("cancelled");
    case JobStatus::Aborted:
        return QStringLiteral("aborted");
    case JobStatus::Failed:
        return QStringLiteral("failed");
    }
    return {};
}

int JobEngine::defaultWorkers()
{
    return std::max(1, QThread::idealThreadCount() - 1);
}

JobEngine::JobEngine(QObject* parent)
    : QObject(parent)
    , m_workers(defaultWorkers())
{
    qRegisterMetaType<bfs::JobProgress>();
    qRegisterMetaType<bfs::JobResult>();
    m_timer.setInterval(100);
    connect(&m_timer, &QTimer::timeout, this, [this] { sample(false); });
}

JobEngine::~JobEngine()
{
    if (m_state)
        m_state->abort(QStringLiteral("application is closing"));
    m_pool.waitForDone();
}

void JobEngine::setWorkers(int workers)
{
    m_workers = std::clamp(workers, MinWorkers, MaxWorkers);
}

void JobEngine::setProgressIntervalMs(int ms)
{
    m_timer.setInterval(std::max(10, ms));
}

bool JobEngine::start(std::shared_ptr<Job> job)
{
    if (m_state || !job)
        return false;
    auto state = std::make_shared<JobRunState>();
    state->job = std::move(job);
    state->workers = m_workers;
    state->workerStatus = QStringList(m_workers, QStringLiteral("idle"));
    state->clock.start();
    m_state = state;
    m_window.clear();
    m_emittedAny = false;
    m_pool.setMaxThreadCount(m_workers);

    // Worker 0 prepares while worker 1 starts the other workers' threads, so they exist by the
    // time the job has prepared (started from this thread, 31 of them delayed prepare by ~1.5 ms;
    // from worker 0's, they would follow it). Every worker waits for prepare (waitForPrepare)
    // before its first unit; whichever stops last runs finish() and reports back.
    QPointer<JobEngine> self(this);
    auto finishRun = [state, self] {
        UnitContext context(state, 0);
        QString error;
        if (state->error.isEmpty() && !state->job->finish(context, error)) {
            QMutexLocker lock(&state->mutex);
            state->error = error;
        }
        QMetaObject::invokeMethod(
            self,
            [self] {
                if (self)
                    self->onRunFinished();
            },
            Qt::QueuedConnection);
    };
    auto workerTask = [state, finishRun](int index) {
        if (state->waitForPrepare())
            runWorkerLoop(state, index);
        if (state->runningWorkers.fetch_sub(1) == 1)
            finishRun();
    };
    state->runningWorkers = state->workers;
    QThreadPool* pool = &m_pool;
    m_pool.start([state, workerTask, pool] {
        if (state->workers > 1)
            pool->start([state, workerTask, pool] {
                for (int index = 2; index < state->workers; ++index)
                    pool->start([workerTask, index] { workerTask(index); });
                workerTask(1);
            });
        UnitContext context(state, 0);
        context.setStatus(QStringLiteral("preparing"));
        QString error;
        bool ok = false;
        try {
            ok = state->job->prepare(context, error);
        } catch (const std::exception& e) {
            error = QString::fromUtf8(e.what());
        }
        if (ok) {
            qint64 total = 0;
            const qint64 count = state->job->unitCount();
            for (qint64 unit = 0; unit < count; ++unit)
                total += state->job->unitWeight(unit);
            state->total = total;
        } else {
            QMutexLocker lock(&state->mutex);
            state->error = error.isEmpty() ? QStringLiteral("the job could not start") : error;
        }
        state->endPrepare(ok);
        workerTask(0);
    });
    m_timer.start();
    Q_EMIT started();
    return true;
}

JobResult JobEngine::run(std::shared_ptr<Job> job)
{
    JobResult result;
    QEventLoop loop;
    auto connection = connect(this, &JobEngine::finished, &loop, [&](const JobResult& r) {
        result = r;
        loop.quit();
    });
    if (!start(std::move(job))) {
        disconnect(connection);
        result.status = JobStatus::Failed;
        result.error = QStringLiteral("a job is already running");
        return result;
    }
    loop.exec();
    disconnect(connection);
    return result;
}

bool JobEngine::isPaused() const
{
    return m_state && m_state->paused;
}

void JobEngine::pause()
{
    if (!m_state || m_state->paused.exchange(true))
        return;
    Q_EMIT pausedChanged(true);
    sample(false);
}

void JobEngine::resume()
{
    if (!m_state)
        return;
    {
        QMutexLocker lock(&m_state->mutex);
        if (!m_state->paused.exchange(false))
            return;
        m_state->resumed.wakeAll();
    }
    Q_EMIT pausedChanged(false);
    sample(false);
}

void JobEngine::cancel()
{
    if (!m_state)
        return;
    QMutexLocker lock(&m_state->mutex);
    m_state->canceled = true;
    m_state->resumed.wakeAll();
}

JobProgress JobEngine::progress() const
{
    return m_state ? snapshot() : m_last;
}

JobProgress JobEngine::snapshot() const
{
    const auto& s = *m_state;
    JobProgress p;
    p.done = s.done;
    p.total = s.total;
    p.items = s.items;
    p.failed = s.failed;
    p.workers = s.workers;
    p.paused = s.paused;
    p.elapsedSeconds = s.clock.nsecsElapsed() / 1e9;
    p.stage = !s.prepared ? JobStage::Preparing : s.runningWorkers > 0 ? JobStage::Running : JobStage::Finishing;
    QMutexLocker lock(&s.mutex);
    p.workerStatus = s.workerStatus;
    return p;
}

void JobEngine::sample(bool final)
{
    if (!m_state)
        return;
    JobProgress p = snapshot();
    m_window.emplace_back(p.elapsedSeconds, p.done);
    while (m_window.size() > 2 && m_window.front().first < p.elapsedSeconds - RateWindowSeconds)
        m_window.pop_front();
    const auto& [t0, d0] = m_window.front();
    if (p.elapsedSeconds - t0 > 0.2)
        p.rate = double(p.done - d0) / (p.elapsedSeconds - t0);
    else if (p.elapsedSeconds > 0)
        p.rate = double(p.done) / p.elapsedSeconds;
    if (p.rate > 0 && p.total > 0)
        p.etaSeconds = double(p.total - p.done) / p.rate;
    if (final) {
        p.stage = JobStage::Finished;
        p.etaSeconds = 0;
    }

    // Emit only when something a listener counts has changed, so each count (and the
    // final done == total) is reported exactly once.
    const bool changed = !m_emittedAny || p.done != m_last.done || p.total != m_last.total || p.items != m_last.items
        || p.failed != m_last.failed || p.paused != m_last.paused || p.stage != m_last.stage
        || p.workerStatus != m_last.workerStatus;
    if (!changed)
        return;
    m_last = p;
    m_emittedAny = true;
    Q_EMIT progressChanged(p);
}

void JobEngine::onRunFinished()
{
    m_timer.stop();
    sample(true);
    const auto state = m_state;
    JobResult result;
    result.done = state->done;
    result.total = state->total;
    result.items = state->items;
    result.failed = state->failed;
    result.workers = state->workers;
    result.seconds = state->clock.nsecsElapsed() / 1e9;
    {
        QMutexLocker lock(&state->mutex);
        if (!state->error.isEmpty()) {
            result.status = JobStatus::Failed;
            result.error = state->error;
        } else if (state->aborted) {
            result.status = JobStatus::Aborted;
            result.error = state->abortReason;
        } else if (state->canceled) {
            result.status = JobStatus::Cancelled;
        }
    }
    m_pool.waitForDone(); // the last runnable is returning; join it before the next start()
    m_state.reset();
    Q_EMIT finished(result);
}

} // namespace bfs
