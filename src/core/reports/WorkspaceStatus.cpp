#include "WorkspaceStatus.h"

#include "evaluation/EvaluationStatus.h"
#include "odds/PartitionStore.h"
#include "odds/SnapshotStore.h"
#include "storage/Workspace.h"

#include <QDirIterator>
#include <QSqlError>
#include <QSqlQuery>

namespace bfs {

nlohmann::json PhaseProgress::toJson() const { return { { "done", done }, { "total", total }, { "percent", percent() } }; }

std::optional<WorkspaceStatus> WorkspaceStatus::collect(const Workspace& workspace, const QString& sport, QString& error)
{
    DbConnection connection = workspace.connect(error);
    if (!connection.isOpen())
        return std::nullopt;
    WorkspaceStatus status;
    status.sport = sport;

    for (const PartitionRow& row : PartitionStore(connection.db()).rows(sport)) {
        ++status.phase1.total;
        ++status.partitions[std::size_t(row.state)];
        if (row.state == PartitionState::Done || row.state == PartitionState::Empty)
            ++status.phase1.done;
        if (row.state == PartitionState::Failed)
            status.failedDates.push_back({ row.date, row.lastError, row.attempts });
    }

    // Phase 2's denominator: event files on disk (events.json lists excluded).
    QDirIterator it(workspace.rawDir() + u'/' + sport, { QStringLiteral("*.json") }, QDir::Files, QDirIterator::Subdirectories);
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
            { "ended_at", run.value(2).isNull() ? nlohmann::json() : nlohmann::json(run.value(2).toString().toStdString()) },
            { "status", run.value(3).toString().toStdString() } };
        if (!summary.is_discarded() && summary.is_object()) {
            status.lastRun["summary"] = summary;
            if (summary.contains("requests_remaining") && summary["requests_remaining"].is_number_integer())
                status.requestsRemaining = summary["requests_remaining"].get<qint64>();
        }
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
    for (const PartitionState state :
        { PartitionState::Pending, PartitionState::Running, PartitionState::Done, PartitionState::Empty, PartitionState::Failed })
        states[partitionStateName(state).toStdString()] = partitions[std::size_t(state)];
    return { { "phase1", phase1.toJson() }, { "phase2", phase2.toJson() }, { "phase3", phase3.toJson() },
        { "coverage", coverage }, { "readiness", Decision::name(readiness).toStdString() }, { "failed_dates", failed },
        { "partitions", states },
        { "quota", requestsRemaining ? nlohmann::json { { "requests_remaining", *requestsRemaining } } : nlohmann::json() },
        { "last_run", lastRun } };
}

} // namespace bfs
