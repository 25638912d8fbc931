#include "RateLimiter.h"

#include <QThread>

#include <algorithm>

namespace bfs {

RateLimiter::RateLimiter(double requestsPerSecond, int delayMs, Clock clock)
    : m_clock(std::move(clock))
    , m_interval(requestsPerSecond > 0 ? 1.0 / requestsPerSecond : 0)
    , m_delay(std::max(0, delayMs) / 1000.0)
{
    m_elapsed.start();
    if (!m_clock.now)
        m_clock.now = [this] { return m_elapsed.nsecsElapsed() / 1e9; };
    if (!m_clock.sleep)
        m_clock.sleep = [](double seconds) { QThread::usleep(static_cast<unsigned long>(seconds * 1e6)); };
}

bool RateLimiter::acquire(const std::function<bool()>& cancelled)
{
    double startAt = 0;
    {
        QMutexLocker lock(&m_mutex);
        const double now = m_clock.now();
        // GCRA with no burst: the request starts at its theoretical arrival time, and not
        // before the fixed gap after the previous request.
        startAt = std::max({ now, m_tat, m_lastStart + m_delay });
        m_tat = startAt + m_interval;
        m_lastStart = startAt;
    }
    for (;;) {
        const double wait = startAt - m_clock.now();
        if (wait <= 0)
            return true;
        if (cancelled && cancelled())
            return false;
        m_clock.sleep(std::min(wait, 0.05));
    }
}

} // namespace bfs
