#pragma once

#include <QElapsedTimer>
#include <QMutex>

#include <QList>

#include <functional>
#include <optional>

namespace bfs {

// The global request pace shared by all backfill workers: `rate` requests per second,
// one every 1/rate s (GCRA without burst, so no one-second window — the first one
// included — ever holds more than rate + 1 requests, which is what the API's limit
// counts), plus an optional fixed gap between consecutive requests. A caller reserves its slot under the lock and waits
// outside it, so waiting workers never block each other's bookkeeping; the wait is
// sliced so a cancelled run stops promptly.
class RateLimiter {
public:
    // The time source: seconds on a monotonic clock, and a sleep of at most the given
    // seconds. Tests pass a simulated clock; the default is QElapsedTimer + usleep.
    struct Clock {
        std::function<double()> now;
        std::function<void(double)> sleep;
    };

    RateLimiter(double requestsPerSecond, int delayMs = 0, Clock clock = {});

    // Team mode: the slots come from the team's one bucket (TeamLink::takeSlots), `batch` at a
    // time; each call returns their start times in seconds from now, or nothing when the bucket
    // cannot be reached (then this process paces itself alone until it can).
    using SlotSource = std::function<std::optional<QList<double>>(int count, double interval)>;
    void shareSlots(SlotSource source);

    // Waits for the next slot. Returns false when `cancelled` turned true meanwhile; the
    // slot is not reused (the next caller still waits its full interval).
    bool acquire(const std::function<bool()>& cancelled = {});

private:
    QMutex m_mutex;
    QElapsedTimer m_elapsed;
    Clock m_clock;
    double m_interval; // seconds between requests at the sustained rate
    double m_delay; // fixed gap, seconds
    double m_tat = 0; // theoretical arrival time (GCRA) of the next request
    double m_lastStart = -1e9;
    SlotSource m_source;
    int m_batch = 1;
    QList<double> m_slots; // reserved team slots, this clock's seconds
    double nextSharedSlot(double now);
};

} // namespace bfs
