#include "BackfillJob.h"

#include "storage/WorkspaceLock.h"

#include "BackfillPlan.h"
#include "BackfillWorker.h"
#include "PartitionStore.h"
#include "jobs/UnitContext.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QSqlError>
#include <QSqlQuery>

namespace bfs {

BackfillJob::BackfillJob(BackfillSettings settings, Workspace workspace)
    : m_settings(std::move(settings))
    , m_workspace(std::move(workspace))
    , m_record(m_workspace, QStringLiteral("backfill"))
{
}

void BackfillJob::setLogSink(BackfillLogSink sink) { m_sink = std::move(sink); }

bool BackfillJob::prepare(UnitContext& context, QString& error)
{
    Q_UNUSED(context);
    if (const QString invalid = m_settings.validate(); !invalid.isEmpty()) {
        error = invalid;
        return false;
    }
    m_lock = WorkspaceLock::acquire(m_workspace.dir(), QStringLiteral("backfill"), error);
    if (!m_lock)
        return false;
    DbConnection connection = m_workspace.connect(error);
    if (!connection.isOpen())
        return false;
    PartitionStore partitions(connection.db());
    const QList<QDate> range = m_settings.rangeDates();
    if (!partitions.ensure(m_settings.sport, range, error) || !partitions.resetInterrupted(m_settings.sport, error)) {
        error = QStringLiteral("workspace database: %1").arg(error);
        return false;
    }
    auto run = std::make_shared<BackfillRun>(m_settings, m_workspace.rawDir());
    run->logSink = m_sink;
    {
        QMutexLocker lock(&m_mutex); // the GUI reads the live quota through m_run
        m_run = run;
    }
    m_run->snapshots.scan(range, true);
    const auto plan = BackfillPlan::make(m_settings, partitions, m_run->snapshots, error);
    if (!plan)
        return false;
    m_run->dates = plan->dates;
    m_run->log(BackfillLogLevel::Info,
        QStringLiteral("plan: %1 of %2 dates to fetch, about %3 requests and %4 credits")
            .arg(plan->dates.size())
            .arg(plan->datesTotal)
            .arg(plan->estimatedRequests)
            .arg(plan->estimatedCredits));

    return m_record.begin(m_settings.toJson(), error);
}

qint64 BackfillJob::unitCount() const { return m_run ? m_run->dates.size() : 0; }

std::unique_ptr<JobWorker> BackfillJob::createWorker(int workerIndex)
{
    Q_UNUSED(workerIndex);
    QString error;
    DbConnection connection = m_workspace.connect(error);
    if (!connection.isOpen())
        throw std::runtime_error(error.toStdString());
    return std::make_unique<BackfillWorker>(m_run, std::move(connection));
}

void BackfillJob::fillFromPartitions(const BackfillSettings& settings, const Workspace& workspace,
    const SnapshotStore* snapshots, BackfillSummary& summary)
{
    QString error;
    DbConnection connection = workspace.connect(error);
    if (!connection.isOpen())
        return;
    PartitionStore partitions(connection.db());
    const auto rows = partitions.rows(settings.sport, settings.start, settings.end);
    summary.datesTotal = int(settings.start.daysTo(settings.end) + 1);
    summary.eventsFetched = 0;
    for (const PartitionRow& r : rows) {
        switch (r.state) {
        case PartitionState::Done:
            ++summary.datesDone;
            break;
        case PartitionState::Empty:
            ++summary.datesEmpty;
            break;
        case PartitionState::Failed:
            ++summary.datesFailed;
            summary.failures.append({ r.date, r.lastError });
            break;
        default:
            break;
        }
        summary.eventsFetched += snapshots ? snapshots->eventFileCount(r.date) : r.eventsFetched;
    }
}

bool BackfillJob::finish(UnitContext& context, QString& error)
{
    Q_UNUSED(context);
    struct Unlock {
        std::unique_ptr<QLockFile>& lock;
        ~Unlock() { lock.reset(); } // after the run's row is written
    } unlock { m_lock };
    if (!m_run)
        return true;
    BackfillSummary summary;
    fillFromPartitions(m_settings, m_workspace, &m_run->snapshots, summary);
    summary.requests = m_run->requests;
    summary.retries = m_run->retries;
    summary.eventsMissing = m_run->eventsMissing;
    summary.creditsUsed = m_run->quota.creditsUsed();
    summary.requestsRemaining = m_run->quota.remaining();
    summary.stoppedReason = m_run->stopReasonText();
    if (summary.stoppedReason.isEmpty() && context.isCanceled())
        summary.stoppedReason = QStringLiteral("cancelled");
    {
        QMutexLocker lock(&m_mutex);
        m_summary = summary;
    }
    return m_record.end(context, summary.toJson(), QString(), error);
}

std::optional<qint64> BackfillJob::liveRequestsRemaining() const
{
    QMutexLocker lock(&m_mutex);
    return m_run ? m_run->quota.remaining() : std::nullopt;
}

BackfillSummary BackfillJob::summary() const
{
    QMutexLocker lock(&m_mutex);
    return m_summary;
}

std::optional<BackfillSummary> BackfillJob::dryRun(const BackfillSettings& settings, const Workspace& workspace,
    QString& error)
{
    DbConnection connection = workspace.connect(error);
    if (!connection.isOpen())
        return std::nullopt;
    PartitionStore partitions(connection.db());
    SnapshotStore snapshots(workspace.rawDir(), settings.sport);
    snapshots.scan(settings.rangeDates());
    const auto plan = BackfillPlan::make(settings, partitions, snapshots, error);
    if (!plan)
        return std::nullopt;
    BackfillSummary summary;
    fillFromPartitions(settings, workspace, &snapshots, summary);
    summary.datesTotal = plan->datesTotal;
    summary.dryRun = true;
    summary.datesToFetch = int(plan->dates.size());
    summary.estimatedRequests = plan->estimatedRequests;
    summary.estimatedCredits = plan->estimatedCredits;
    return summary;
}

} // namespace bfs
