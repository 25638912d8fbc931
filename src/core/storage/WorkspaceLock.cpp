#include "WorkspaceLock.h"

namespace bfs {

std::unique_ptr<QLockFile> WorkspaceLock::acquire(const QString& workspaceDir, const QString& job, QString& error)
{
    auto lock = std::make_unique<QLockFile>(workspaceDir + u'/' + job + QStringLiteral(".lock"));
    lock->setStaleLockTime(0); // a long run is not stale; a dead process is
    if (lock->tryLock(0))
        return lock;
    qint64 pid = 0;
    QString host, app;
    lock->getLockInfo(&pid, &host, &app);
    error = lock->error() == QLockFile::LockFailedError
        ? QStringLiteral("another %1 is running on workspace %2 (process %3)").arg(job, workspaceDir).arg(pid)
        : QStringLiteral("cannot create %1 in workspace %2").arg(job + QStringLiteral(".lock"), workspaceDir);
    return nullptr;
}

} // namespace bfs
