#pragma once

#include <QElapsedTimer>
#include <QMutex>

#include <QList>

#include <deque>
#include <functional>
#include <optional>

namespace bfs {

// The global request pace shared by all backfill workers, with two rules:
// - at most `rate` requests start in any one-second window, the first one included, which is
//   what the API's limit counts (below one per second: one per 1/rate s);
// - between them, one request every 1/rate s (GCRA), with a burst of 30 ms worth: workers that
//   come back together under a high rate go together (32 at once at 1000/s), while at the API's
//   30/s and below there is no burst at all, so a few milliseconds of network jitter cannot
//   crowd a window at the server the way back-to-back bursts would.
// When the API answers 429 without saying how long to wait, slowDown() halves the pace for every
// worker at once; after SlowDownHoldSeconds without another one the pace doubles back, step by
// step, to the configured rate.
// An optional fixed gap between consecutive requests comes on top. A caller reserves its slot
// under the lock and waits outside it, so waiting workers never block each other's
// bookkeeping; the wait is sliced so a cancelled run stops promptly.
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

    static constexpr double SlowDownHoldSeconds = 30;

    // A 429 without Retry-After: halves the pace (down to one request per second at the least)
    // and returns the new rate, or nothing when the pace was already lowered within the last
    // second (one burst of 429s is one signal) or cannot go lower.
    std::optional<double> slowDown();

    // Called with the new rate each time the pace comes back up after a slow-down, from inside
    // acquire() (no lock of the limiter held).
    void onPaceRestored(std::function<void(double rate)> callback);

    // The pace now, requests per second.
    double rate() const;

    // Waits for the next slot. Returns false when `cancelled` turned true meanwhile; the
    // slot is not reused (it counts in the window as if its request had been sent).
    bool acquire(const std::function<bool()>& cancelled = {});

private:
    mutable QMutex m_mutex;
    QElapsedTimer m_elapsed;
    Clock m_clock;
    double m_configured; // requests per second as set
    double m_rate; // the pace now: m_configured, or lower after slowDown()
    double m_slowedAt = -1e9; // when the pace last went down or stepped back up
    std::function<void(double)> m_restored;
    double m_interval; // seconds between requests at the pace
    double m_burst; // GCRA tolerance, seconds
    int m_capacity; // requests per window
    double m_window; // seconds
    double m_tat = 0; // GCRA's theoretical arrival time of the next request
    double m_delay; // fixed gap, seconds
    std::deque<double> m_starts; // the last m_capacity start times, oldest first
    double m_lastStart = -1e9;
    SlotSource m_source;
    int m_batch = 1;
    QList<double> m_slots; // reserved team slots, this clock's seconds
    void setPace(double requestsPerSecond);
    std::optional<double> restoreStep(double now);
    double localSlot(double now) const;
    double nextSharedSlot(double now);
};

} // namespace bfs
