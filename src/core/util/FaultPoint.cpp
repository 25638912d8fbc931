#include "FaultPoint.h"

#include <QByteArray>
#include <QtGlobal>

#include <atomic>
#include <csignal>
#include <cstdlib>

#ifndef Q_OS_WIN
#include <unistd.h>
#endif

namespace bfs {

namespace {

struct KillAt {
    QByteArray name; // empty: no fault injected
    int at = 1;
};

const KillAt& killAt()
{
    static const KillAt target = [] {
        KillAt k;
        const QByteArray value = qgetenv("BFS_KILL_AT");
        const qsizetype colon = value.indexOf(':');
        k.name = colon < 0 ? value : value.left(colon);
        if (colon >= 0)
            k.at = qMax(1, value.mid(colon + 1).toInt());
        return k;
    }();
    return target;
}

} // namespace

void faultPoint(const char* name)
{
    const KillAt& target = killAt();
    if (target.name.isEmpty() || target.name != name)
        return;
    static std::atomic<int> hits { 0 };
    if (++hits == target.at) {
#ifndef Q_OS_WIN
        ::kill(::getpid(), SIGKILL);
#else
        std::abort();
#endif
    }
}

} // namespace bfs
