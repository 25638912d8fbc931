#include "JobRecord.h"

#include "jobs/UnitContext.h"
#include "storage/RunHistory.h"

namespace bfs {

JobRecord::JobRecord(Workspace workspace, QString kind)
    : m_workspace(std::move(workspace))
    , m_kind(std::move(kind))
{
}

JobStatus JobRecord::status(const UnitContext& context, const QString& failure)
{
    return !failure.isEmpty()  ? JobStatus::Failed
        : context.isAborted()  ? JobStatus::Aborted
        : context.isCanceled() ? JobStatus::Cancelled
                               : JobStatus::Completed;
}

bool JobRecord::begin(const nlohmann::json& config, QString& error)
{
    m_clock.start();
    const DbConnection connection = m_workspace.connect(error);
    if (!connection.isOpen())
        return false;
    m_id = RunHistory(connection).start(m_kind, config, error); // its error names the run
    return m_id > 0;
}

bool JobRecord::end(const UnitContext& context, nlohmann::json summary, const QString& failure, QString& error)
{
    summary["seconds"] = m_clock.nsecsElapsed() / 1e9;
    summary["workers"] = context.workers();
    if (!failure.isEmpty())
        summary["error"] = failure.toStdString();
    return end(status(context, failure), summary, error);
}

bool JobRecord::end(JobStatus status, const nlohmann::json& summary, QString& error)
{
    if (m_id <= 0)
        return true; // never began: nothing to close
    const DbConnection connection = m_workspace.connect(error);
    if (!connection.isOpen())
        return false;
    return RunHistory(connection).finish(m_id, jobStatusName(status), summary, error);
}

} // namespace bfs
