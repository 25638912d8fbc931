#pragma once

#include "storage/RunHistory.h"
#include "storage/Workspace.h"

#include <optional>

namespace bfs {

// Records one run in a workspace's history from start to end, on the calling thread's
// own connection. Without a workspace it does nothing, so callers need no branches.
class RunRecorder {
public:
    // `workspaceDir` empty: no recording. Errors opening the workspace are reported via
    // `error` and leave the recorder inactive (the run itself goes on).
    RunRecorder(const QString& workspaceDir, const QString& kind, const nlohmann::json& config, QString& error);

    bool isActive() const { return m_id > 0; }
    void finish(const QString& status, const nlohmann::json& summary);

private:
    DbConnection m_connection;
    qint64 m_id = 0;
};

} // namespace bfs
