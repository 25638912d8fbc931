#include "BackfillStatus.h"

#include "PartitionStore.h"
#include "SnapshotStore.h"
#include "storage/Workspace.h"

#include <QDir>
#include <QDirIterator>
#include <QSqlQuery>

namespace bfs {

nlohmann::json phaseProgress(qint64 done, qint64 total)
{
    const double percent = total > 0 ? std::round(1000.0 * double(done) / double(total)) / 10.0 : 0.0;
    return { { "done", done }, { "total", total }, { "percent", percent } };
}

nlohmann::json collectBackfillStatus(const Workspace& workspace, const QString& sport, QString& error)
{
    DbConnection connection = workspace.connect(error);
    if (!connection.isOpen())
        return {};
    PartitionStore partitions(connection.db());
    qint64 final = 0, total = 0, fetchedEvents = 0;
    nlohmann::json failed = nlohmann::json::array();
    nlohmann::json states = { { "pending", 0 }, { "running", 0 }, { "done", 0 }, { "empty", 0 }, { "failed", 0 } };
    for (const PartitionRow& r : partitions.rows(sport)) {
        ++total;
        states[partitionStateName(r.state).toStdString()] = states[partitionStateName(r.state).toStdString()].get<int>() + 1;
        if (r.state == PartitionState::Done || r.state == PartitionState::Empty)
            ++final;
        if (r.state == PartitionState::Failed)
            failed.push_back({ { "date", r.date.toString(Qt::ISODate).toStdString() },
                { "error", r.lastError.toStdString() }, { "attempts", r.attempts } });
    }
    // Phase 2's denominator: event files on disk (events.json lists excluded).
    QDirIterator it(workspace.rawDir() + u'/' + sport, { QStringLiteral("*.json") }, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        if (it.fileName() != SnapshotStore::eventsFileName())
            ++fetchedEvents;
    }
    const qint64 loaded = connection.scalar(QStringLiteral("SELECT COUNT(*) FROM loaded_files")).toLongLong();

    nlohmann::json lastRun;
    QSqlQuery q(connection.db());
    if (q.exec(QStringLiteral("SELECT kind, started_at, ended_at, status, summary_json FROM runs "
                              "WHERE kind = 'backfill' ORDER BY id DESC LIMIT 1"))
        && q.next()) {
        nlohmann::json summary = nlohmann::json::parse(q.value(4).toString().toStdString(), nullptr, false);
        lastRun = { { "kind", q.value(0).toString().toStdString() }, { "started_at", q.value(1).toString().toStdString() },
            { "ended_at", q.value(2).isNull() ? nlohmann::json() : nlohmann::json(q.value(2).toString().toStdString()) },
            { "status", q.value(3).toString().toStdString() } };
        if (!summary.is_discarded() && summary.is_object())
            lastRun["summary"] = summary;
    }
    nlohmann::json quota = nullptr;
    if (lastRun.is_object() && lastRun.contains("summary") && lastRun["summary"].contains("requests_remaining"))
        quota = { { "requests_remaining", lastRun["summary"]["requests_remaining"] } };

    return { { "phase1", phaseProgress(final, total) }, { "phase2", phaseProgress(loaded, fetchedEvents) },
        { "phase3", phaseProgress(0, 0) }, { "coverage", nullptr }, { "readiness", nullptr },
        { "failed_dates", failed }, { "partitions", states }, { "quota", quota }, { "last_run", lastRun } };
}

} // namespace bfs
