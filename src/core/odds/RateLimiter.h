#pragma once

#include <QElapsedTimer>
#include <QMutex>

#include <functional>

namespace bfs {

// The global request pace shared by all backfill workers: a token bucket of `rate`
// requests per second (bursts up to one second's worth) plus an optional fixed gap
// between consecutive requests. A caller reserves its slot under the lock and waits
// outside it, so waiting workers never block each other's bookkeeping; the wait is
// sliced so a cancelled run stops promptly.
class RateLimiter {
public:
    RateLimiter(double requestsPerSecond, int delayMs = 0);

    // Waits for the next slot. Returns false (slot given back) when `cancelled`
    // turned true meanwhile.
    bool acquire(const std::function<bool()>& cancelled = {});

private:
    QMutex m_mutex;
    QElapsedTimer m_clock;
    double m_interval; // seconds between requests at the sustained rate
    double m_burst;    // requests allowed back to back
    double m_delay;    // fixed gap, seconds
    double m_tat = 0;  // theoretical arrival time (GCRA) of the next request
    double m_lastStart = -1e9;
};

} // namespace bfs
