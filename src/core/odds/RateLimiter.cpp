#include "RateLimiter.h"

#include <QThread>

#include <algorithm>

namespace bfs {

RateLimiter::RateLimiter(double requestsPerSecond, int delayMs)
    : m_interval(requestsPerSecond > 0 ? 1.0 / requestsPerSecond : 0)
    , m_burst(delayMs > 0 ? 1.0 : std::max(1.0, requestsPerSecond))
    , m_delay(std::max(0, delayMs) / 1000.0)
{
    m_clock.start();
}

bool RateLimiter::acquire(const std::function<bool()>& cancelled)
{
    double startAt = 0;
    {
        QMutexLocker lock(&m_mutex);
        const double now = m_clock.nsecsElapsed() / 1e9;
        // GCRA: the request may start once the bucket has room, and not before the
        // fixed gap after the previous request.
        const double tat = std::max(m_tat, now);
        const double allowedAt = tat - (m_burst - 1.0) * m_interval;
        startAt = std::max({ now, allowedAt, m_lastStart + m_delay });
        m_tat = std::max(tat, startAt) + m_interval;
        m_lastStart = startAt;
    }
    for (;;) {
        const double wait = startAt - m_clock.nsecsElapsed() / 1e9;
        if (wait <= 0)
            return true;
        if (cancelled && cancelled())
            return false;
        QThread::usleep(static_cast<unsigned long>(std::min(wait, 0.05) * 1e6));
    }
}

} // namespace bfs
