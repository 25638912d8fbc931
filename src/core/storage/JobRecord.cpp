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
    const DbConnection connection = m_workspace.connect(error);
    return connection.isOpen() && begin(connection, config, error);
}

bool JobRecord::begin(const DbConnection& connection, const nlohmann::json& config, QString& error)
{
    m_clock.start();
    m_id = RunHistory(connection).start(m_kind, config, error); // its error names the run
    return m_id > 0;
}

nlohmann::json JobRecord::closing(const UnitContext& context, nlohmann::json summary, const QString& failure) const
{
    summary["seconds"] = m_clock.nsecsElapsed() / 1e9;
    summary["workers"] = context.workers();
    if (!failure.isEmpty())
        summary["error"] = failure.toStdString();
    return summary;
}

bool JobRecord::end(const UnitContext& context, nlohmann::json summary, const QString& failure, QString& error)
{
    return end(status(context, failure), closing(context, std::move(summary), failure), error);
}

bool JobRecord::end(const DbConnection& connection, const UnitContext& context, nlohmann::json summary,
    const QString& failure, QString& error)
{
    if (m_id <= 0)
        return true; // never began: nothing to close
    return RunHistory(connection)
        .finish(m_id, jobStatusName(status(context, failure)), closing(context, std::move(summary), failure), error);
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
