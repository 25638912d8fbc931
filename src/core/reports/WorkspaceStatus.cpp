#include "WorkspaceStatus.h"

#include "evaluation/EvaluationStatus.h"
#include "odds/scrape/PartitionStore.h"
#include "odds/scrape/SnapshotStore.h"
#include "storage/Workspace.h"

#include <QDateTime>
#include <QDirIterator>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>

namespace bfs {

nlohmann::json PhaseProgress::toJson() const
{
    return { { "done", done }, { "total", total }, { "percent", percent() } };
}

namespace {

// Instances whose leases have not expired (team.md): owner, its running dates, its last renewal.
bool collectInstances(const DbConnection& connection, std::vector<TeamInstance>& instances, QString& error)
{
    QSqlQuery q(connection.db());
    if (!q.exec(QStringLiteral(
            "SELECT p.owner, COUNT(*), MAX(p.renewed_at), MAX(CAST(t.value AS BIGINT)) FROM partitions p "
            "LEFT JOIN team_state t ON t.name = 'requests ' || p.owner "
            "WHERE p.state = 'running' AND p.lease_until >= %1 GROUP BY p.owner ORDER BY p.owner")
                    .arg(connection.nowMsSql()))) {
        error = QStringLiteral("cannot list the team's instances: %1").arg(q.lastError().text());
        return false;
    }
    while (q.next())
        instances.push_back({ q.value(0).toString(), q.value(1).toInt(),
            QDateTime::fromMSecsSinceEpoch(q.value(2).toLongLong(), Qt::UTC), q.value(3).toLongLong() });
    return true;
}

} // namespace

std::optional<std::vector<TeamInstance>> TeamInstance::list(const Workspace& workspace, QString& error)
{
    const DbConnection connection = workspace.connect(error);
    if (!connection.isOpen())
        return std::nullopt;
    return list(connection, error);
}

std::optional<std::vector<TeamInstance>> TeamInstance::list(const DbConnection& connection, QString& error)
{
    std::vector<TeamInstance> instances;
    if (!collectInstances(connection, instances, error))
        return std::nullopt;
    return instances;
}

std::optional<WorkspaceStatus> WorkspaceStatus::collect(
    const Workspace& workspace, const QString& sport, QString& error)
{
    DbConnection connection = workspace.connect(error);
    if (!connection.isOpen())
        return std::nullopt;
    WorkspaceStatus status;
    status.sport = sport;
    status.team = workspace.isTeam();

    for (const PartitionRow& row : PartitionStore(connection.db()).rows(sport)) {
        ++status.phase1.total;
        ++status.partitions[std::size_t(row.state)];
        if (row.state == PartitionState::Done || row.state == PartitionState::Empty)
            ++status.phase1.done;
        if (row.state == PartitionState::Failed)
            status.failedDates.push_back({ row.date, row.lastError, row.attempts });
    }

    if (workspace.isTeam()) {
        // Phase 2 in a team database: event-odds snapshots stored, and those a load has loaded.
        QSqlQuery snapshots(connection.db());
        if (!snapshots.exec(QStringLiteral("SELECT COUNT(*), COUNT(loaded_at) FROM raw_snapshots WHERE kind = 'odds'"))
            || !snapshots.next()) {
            error = QStringLiteral("cannot count raw snapshots: %1").arg(snapshots.lastError().text());
            return std::nullopt;
        }
        status.phase2 = { snapshots.value(1).toLongLong(), snapshots.value(0).toLongLong() };
        if (!collectInstances(connection, status.instances, error))
            return std::nullopt;
    } else {
        // Phase 2's denominator: event files on disk (events.json lists excluded).
        QDirIterator it(
            workspace.rawDir() + u'/' + sport, { QStringLiteral("*.json") }, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            it.next();
            if (it.fileName() != SnapshotStore::eventsFileName())
                ++status.phase2.total;
        }
        QSqlQuery loaded(connection.db());
        if (!loaded.exec(QStringLiteral("SELECT COUNT(*) FROM loaded_files")) || !loaded.next()) {
            error = QStringLiteral("cannot count loaded files: %1").arg(loaded.lastError().text());
            return std::nullopt;
        }
        status.phase2.done = loaded.value(0).toLongLong();
    }

    const auto evaluation = EvaluationStatus::compute(connection, error);
    if (!evaluation)
        return std::nullopt;
    status.phase3 = { evaluation->matched, evaluation->total };
    status.coverage = evaluation->coverage();
    status.readiness = evaluation->readiness();

    QSqlQuery run(connection.db());
    if (!run.exec(QStringLiteral("SELECT kind, started_at, ended_at, status, summary_json FROM runs "
                                 "WHERE kind = 'backfill' ORDER BY id DESC LIMIT 1"))) {
        error = QStringLiteral("cannot read the run history: %1").arg(run.lastError().text());
        return std::nullopt;
    }
    if (run.next()) {
        const nlohmann::json summary = nlohmann::json::parse(run.value(4).toString().toStdString(), nullptr, false);
        status.lastRun = { { "kind", run.value(0).toString().toStdString() },
            { "started_at", run.value(1).toString().toStdString() },
            { "ended_at",
                run.value(2).isNull() ? nlohmann::json() : nlohmann::json(run.value(2).toString().toStdString()) },
            { "status", run.value(3).toString().toStdString() } };
        if (!summary.is_discarded() && summary.is_object()) {
            status.lastRun["summary"] = summary;
            if (summary.contains("requests_remaining") && summary["requests_remaining"].is_number_integer())
                status.requestsRemaining = summary["requests_remaining"].get<qint64>();
        }
    }
    if (status.team) {
        // The latest value any instance of the team saw, which is newer than one run's summary.
        if (const QVariant remaining
            = connection.scalar(QStringLiteral("SELECT value FROM team_state WHERE name = 'requests_remaining'"));
            remaining.isValid())
            status.requestsRemaining = remaining.toLongLong();
    }
    return status;
}

nlohmann::json WorkspaceStatus::toJson() const
{
    nlohmann::json failed = nlohmann::json::array();
    for (const FailedDate& f : failedDates)
        failed.push_back({ { "date", f.date.toString(Qt::ISODate).toStdString() }, { "error", f.error.toStdString() },
            { "attempts", f.attempts } });
    nlohmann::json states = nlohmann::json::object();
    for (const PartitionState state : { PartitionState::Pending, PartitionState::Running, PartitionState::Done,
             PartitionState::Empty, PartitionState::Failed })
        states[partitionStateName(state).toStdString()] = partitions[std::size_t(state)];
    nlohmann::json json = { { "phase1", phase1.toJson() }, { "phase2", phase2.toJson() }, { "phase3", phase3.toJson() },
        { "coverage", coverage }, { "readiness", Decision::name(readiness).toStdString() }, { "failed_dates", failed },
        { "partitions", states },
        { "quota",
            requestsRemaining ? nlohmann::json { { "requests_remaining", *requestsRemaining } } : nlohmann::json() },
        { "last_run", lastRun } };
    if (team) {
        nlohmann::json list = nlohmann::json::array();
        for (const TeamInstance& i : instances)
            list.push_back({ { "owner", i.owner.toStdString() }, { "running_dates", i.runningDates },
                { "last_seen", i.lastSeen.toString(Qt::ISODateWithMs).toStdString() }, { "requests", i.requests } });
        json["instances"] = list;
    }
    return json;
}

} // namespace bfs
