#include "JobRecord.h"

#include "RunHistory.h"
#include "jobs/UnitContext.h"

namespace bfs {

JobRecord::JobRecord(Workspace workspace, QString kind)
    : m_workspace(std::move(workspace))
    , m_kind(std::move(kind))
{
}

bool JobRecord::begin(const nlohmann::json& config, QString& error)
{
    m_clock.start();
    const DbConnection connection = m_workspace.connect(error);
    if (!connection.isOpen())
        return false;
    m_id = RunHistory(connection).start(m_kind, config, error);
    if (m_id <= 0) {
        error = QStringLiteral("cannot record the run: %1").arg(error);
        return false;
    }
    return true;
}

bool JobRecord::end(const UnitContext& context, nlohmann::json summary, const QString& failure, QString& error)
{
    if (m_id <= 0)
        return true; // never began: nothing to close
    const QString status = !failure.isEmpty() ? QStringLiteral("failed")
        : context.isAborted()                 ? QStringLiteral("aborted")
        : context.isCanceled()                ? QStringLiteral("cancelled")
                                              : QStringLiteral("completed");
    summary["seconds"] = m_clock.nsecsElapsed() / 1e9;
    summary["workers"] = context.workers();
    if (!failure.isEmpty())
        summary["error"] = failure.toStdString();
    const DbConnection connection = m_workspace.connect(error);
    if (!connection.isOpen())
        return false;
    if (!RunHistory(connection).finish(m_id, status, summary, error)) {
        error = QStringLiteral("cannot record the run's end: %1").arg(error);
        return false;
    }
    return true;
}

} // namespace bfs
