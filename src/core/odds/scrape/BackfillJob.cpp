#include "BackfillJob.h"

#include "storage/WorkspaceLock.h"

#include "jobs/UnitContext.h"
#include "odds/scrape/BackfillPlan.h"
#include "odds/scrape/BackfillWorker.h"
#include "odds/scrape/PartitionStore.h"

#include "storage/PgConnection.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QSqlError>
#include <QSqlQuery>
#include <QSysInfo>
#include <QUuid>

namespace bfs {

BackfillJob::BackfillJob(BackfillSettings settings, Workspace workspace)
    : m_settings(std::move(settings))
    , m_workspace(std::move(workspace))
    , m_record(m_workspace, QStringLiteral("backfill"))
{
}

BackfillJob::~BackfillJob()
{
    if (m_run && m_run->team)
        m_run->team->stop();
}

void BackfillJob::setLogSink(BackfillLogSink sink)
{
    m_sink = std::move(sink);
}

std::unique_ptr<SnapshotStore> BackfillJob::snapshotsOf(
    const Workspace& workspace, const QString& sport, std::shared_ptr<PgPool> pool)
{
    if (!workspace.isTeam())
        return std::make_unique<SnapshotStore>(workspace.rawDir(), sport);
    if (!pool)
        pool = std::make_shared<PgPool>(*workspace.teamDatabase());
    return std::make_unique<SnapshotStore>(std::move(pool), sport);
}

namespace {
// "host pid 1234 run 1a2b3c4d": unique per run, readable in the Team panel and `status`.
QString runOwner()
{
    return QStringLiteral("%1 pid %2 run %3")
        .arg(QSysInfo::machineHostName())
        .arg(QCoreApplication::applicationPid())
        .arg(QUuid::createUuid().toString(QUuid::Id128).left(8));
}
} // namespace

bool BackfillJob::prepare(UnitContext& context, QString& error)
{
    if (const QString invalid = m_settings.validate(); !invalid.isEmpty()) {
        error = invalid;
        return false;
    }
    // A SQLite workspace has one backfill at a time (its lock file); a team database has any
    // number, which split the dates by claiming them under leases.
    const bool team = m_workspace.isTeam();
    if (!team) {
        m_lock = WorkspaceLock::acquire(m_workspace.dir(), QStringLiteral("backfill"), error);
        if (!m_lock)
            return false;
    }
    DbConnection connection = m_workspace.connect(error);
    if (!connection.isOpen())
        return false;
    PartitionStore partitions(connection.db());
    const QList<QDate> range = m_settings.rangeDates();
    if (!partitions.ensure(m_settings.sport, range, error)
        || (!team && !partitions.resetInterrupted(m_settings.sport, error))) {
        error = QStringLiteral("workspace database: %1").arg(error);
        return false;
    }
    const QString owner = runOwner();
    std::shared_ptr<TeamLink> link;
    std::shared_ptr<PgPool> pool;
    if (team) {
        pool = std::make_shared<PgPool>(*m_workspace.teamDatabase());
        link = std::make_shared<TeamLink>(pool, owner, qint64(m_settings.leaseSeconds) * 1000);
    }
    auto run = std::make_shared<BackfillRun>(
        m_settings, context.workers(), snapshotsOf(m_workspace, m_settings.sport, pool), owner, link);
    run->logSink = m_sink;
    {
        QMutexLocker lock(&m_mutex); // the GUI reads the live quota through m_run
        m_run = run;
    }
    if (!m_run->snapshots.scan(range, !team, error)) {
        error = QStringLiteral("cannot list the stored snapshots: %1").arg(error);
        return false;
    }
    const auto plan = BackfillPlan::make(m_settings, partitions, m_run->snapshots, error);
    if (!plan)
        return false;
    if (link) {
        BackfillRun* shared = m_run.get();
        TeamLink::Hooks hooks;
        hooks.localRemaining = [shared] { return shared->quota.remaining(); };
        hooks.requestsSent = [shared] { return shared->requests.load(); };
        hooks.teamRemaining = [shared](qint64 remaining) { shared->quota.observeRemaining(remaining); };
        hooks.stopped = [shared](const QString& reason) {
            if (!shared->stopRequested.exchange(true)) {
                shared->setStopReason(reason);
                shared->log(BackfillLogLevel::Error,
                    QStringLiteral("stopping: another instance stopped the team: %1").arg(reason));
            }
        };
        hooks.log = [shared](const QString& message) { shared->log(BackfillLogLevel::Warning, message); };
        if (!link->start(std::move(hooks), error))
            return false;
        m_run->limiter.shareSlots([link](int count, double interval) { return link->takeSlots(count, interval); });
    }
    m_run->dates = plan->dates;
    m_run->log(BackfillLogLevel::Info,
        QStringLiteral("plan: %1 of %2 dates to fetch, about %3 requests and %4 credits")
            .arg(plan->dates.size())
            .arg(plan->datesTotal)
            .arg(plan->estimatedRequests)
            .arg(plan->estimatedCredits));

    nlohmann::json config = m_settings.toJson();
    if (team) {
        config["database"] = m_workspace.databaseLabel().toStdString();
        config["lease_s"] = m_settings.leaseSeconds;
        config["owner"] = owner.toStdString();
    }
    if (!team && !m_run->dates.isEmpty()) {
        // The first round is claimed here, on the connection already open, so every worker's
        // first events request leaves as soon as its thread runs (BackfillRun::claimedAhead).
        const qint64 leaseMs = qint64(m_settings.leaseSeconds) * 1000;
        const int first = int(std::min<qsizetype>(context.workers(), m_run->dates.size()));
        m_run->addClaimedAhead(partitions.claim(m_settings, owner, leaseMs, first, error));
        if (!error.isEmpty()) {
            error = QStringLiteral("workspace database: %1").arg(error);
            return false;
        }
    }
    if (m_record.begin(connection, config, error))
        return true;
    QString released;
    if (!team)
        partitions.resetInterrupted(m_settings.sport, released); // the first round goes back to pending
    return false;
}

qint64 BackfillJob::unitCount() const
{
    return m_run ? m_run->dates.size() : 0;
}

std::unique_ptr<JobWorker> BackfillJob::createWorker(int workerIndex)
{
    Q_UNUSED(workerIndex);
    return std::make_unique<BackfillWorker>(m_run, m_workspace);
}

void BackfillJob::fillFromPartitions(const BackfillSettings& settings, const DbConnection& connection,
    const SnapshotStore* snapshots, BackfillSummary& summary)
{
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
    m_run->stores.waitForDone(); // every date waited for its own stores; this joins the threads
    if (m_run->team)
        m_run->team->stop();
    // What is stored now, other instances' answers included (a SQLite workspace has one backfill at
    // a time: what this run stored is in the picture already).
    if (m_run->team)
        m_run->snapshots.scan(m_settings.rangeDates());
    const DbConnection connection = m_workspace.connect(error);
    if (!connection.isOpen())
        return false;
    if (!m_run->team && !m_run->takeAllClaimedAhead().isEmpty()) {
        // Claimed for workers that stopped before taking them (a cancel, an abort): pending again,
        // as the next run's prepare would also set them.
        QString released;
        if (!PartitionStore(connection.db()).resetInterrupted(m_settings.sport, released))
            m_run->log(BackfillLogLevel::Warning,
                QStringLiteral("dates claimed for this run stay running until the next one: %1").arg(released));
    }
    BackfillSummary summary;
    fillFromPartitions(m_settings, connection, &m_run->snapshots, summary);
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
    return m_record.end(connection, context, summary.toJson(), QString(), error);
}

QString BackfillJob::owner() const
{
    QMutexLocker lock(&m_mutex);
    return m_run ? m_run->owner : QString();
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

std::optional<BackfillSummary> BackfillJob::dryRun(
    const BackfillSettings& settings, const Workspace& workspace, QString& error)
{
    DbConnection connection = workspace.connect(error);
    if (!connection.isOpen())
        return std::nullopt;
    PartitionStore partitions(connection.db());
    const auto snapshots = snapshotsOf(workspace, settings.sport);
    if (!snapshots->scan(settings.rangeDates(), false, error))
        return std::nullopt;
    const auto plan = BackfillPlan::make(settings, partitions, *snapshots, error);
    if (!plan)
        return std::nullopt;
    BackfillSummary summary;
    fillFromPartitions(settings, connection, snapshots.get(), summary);
    summary.datesTotal = plan->datesTotal;
    summary.dryRun = true;
    summary.datesToFetch = int(plan->dates.size());
    summary.estimatedRequests = plan->estimatedRequests;
    summary.estimatedCredits = plan->estimatedCredits;
    return summary;
}

} // namespace bfs
