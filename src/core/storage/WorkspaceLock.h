#pragma once

#include <QLockFile>
#include <QString>

#include <memory>

namespace bfs {

// One process at a time per workspace for a kind of job: a lock file `<job>.lock` in the
// workspace folder, held for the whole run. A long run is never stale; a dead process's
// lock is taken over. `error` names the process that holds it.
class WorkspaceLock {
public:
    static std::unique_ptr<QLockFile> acquire(const QString& workspaceDir, const QString& job, QString& error);
};

} // namespace bfs
