#include "RunRecorder.h"

namespace bfs {

RunRecorder::RunRecorder(const QString& workspaceDir, const QString& kind, const nlohmann::json& config, QString& error)
{
    if (workspaceDir.isEmpty())
        return;
    const auto workspace = Workspace::open(workspaceDir, error);
    if (!workspace)
        return;
    m_connection = workspace->connect(error);
    if (m_connection.isOpen())
        m_id = RunHistory(m_connection).start(kind, config, error);
}

void RunRecorder::finish(const QString& status, const nlohmann::json& summary)
{
    if (!isActive())
        return;
    QString ignored; // a history row that cannot be closed must not fail the run
    RunHistory(m_connection).finish(m_id, status, summary, ignored);
    m_id = 0;
}

} // namespace bfs
