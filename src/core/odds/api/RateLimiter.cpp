#include "RateLimiter.h"

#include <QThread>

#include <algorithm>
#include <cmath>

namespace bfs {

namespace {
constexpr double BurstSeconds = 0.032; // 32 requests at 1000/s, one at 30/s
}

RateLimiter::RateLimiter(double requestsPerSecond, int delayMs, Clock clock)
    : m_clock(std::move(clock))
    , m_configured(requestsPerSecond)
    , m_delay(std::max(0, delayMs) / 1000.0)
{
    setPace(requestsPerSecond);
    m_elapsed.start();
    if (!m_clock.now)
        m_clock.now = [this] { return m_elapsed.nsecsElapsed() / 1e9; };
    if (!m_clock.sleep)
        m_clock.sleep = [](double seconds) { QThread::usleep(static_cast<unsigned long>(seconds * 1e6)); };
}

void RateLimiter::setPace(double requestsPerSecond)
{
    m_rate = requestsPerSecond;
    m_interval = requestsPerSecond > 0 ? 1.0 / requestsPerSecond : 0;
    m_burst = std::max(0.0, std::floor(requestsPerSecond * BurstSeconds + 1e-9) - 1) * m_interval;
    m_capacity = requestsPerSecond >= 1 ? int(std::min(1e6, std::floor(requestsPerSecond))) : 1;
    m_window = requestsPerSecond >= 1 ? 1.0 : m_interval;
    while (int(m_starts.size()) > m_capacity)
        m_starts.pop_front(); // the window counts the newest starts
}

std::optional<double> RateLimiter::slowDown()
{
    QMutexLocker lock(&m_mutex);
    const double now = m_clock.now();
    const double floor = std::min(1.0, m_configured);
    if (m_interval <= 0 || now - m_slowedAt < 1.0 || m_rate <= floor)
        return std::nullopt;
    setPace(std::max(floor, m_rate / 2));
    m_slowedAt = now;
    return m_rate;
}

void RateLimiter::onPaceRestored(std::function<void(double rate)> callback)
{
    QMutexLocker lock(&m_mutex);
    m_restored = std::move(callback);
}

double RateLimiter::rate() const
{
    QMutexLocker lock(&m_mutex);
    return m_rate;
}

std::optional<double> RateLimiter::restoreStep(double now)
{
    if (m_rate >= m_configured || now - m_slowedAt < SlowDownHoldSeconds)
        return std::nullopt;
    setPace(std::min(m_configured, m_rate * 2));
    m_slowedAt = now;
    return m_rate;
}

void RateLimiter::shareSlots(SlotSource source)
{
    QMutexLocker lock(&m_mutex);
    m_source = std::move(source);
    // About a tenth of a second's worth per trip to the database, at most 50.
    m_batch = m_interval > 0 ? std::clamp(int(0.1 / m_interval), 1, 50) : 1;
}

double RateLimiter::nextSharedSlot(double now)
{
    // A slot more than one interval old is dropped: sending on it now could crowd the slot
    // another instance holds next.
    while (!m_slots.isEmpty() && m_slots.front() < now - m_interval)
        m_slots.removeFirst();
    if (m_slots.isEmpty()) {
        const auto taken = m_source(m_batch, m_interval);
        if (!taken)
            return localSlot(now); // the bucket is out of reach: pace alone meanwhile
        const double base = m_clock.now();
        for (const double offset : *taken)
            m_slots.append(base + offset);
    }
    return m_slots.takeFirst();
}

double RateLimiter::localSlot(double now) const
{
    if (m_interval <= 0)
        return now;
    const double paced = std::max(now, m_tat - m_burst);
    if (int(m_starts.size()) < m_capacity)
        return paced;
    return std::max(paced, m_starts.front() + m_window); // when the oldest start leaves the window
}

bool RateLimiter::acquire(const std::function<bool()>& cancelled)
{
    double startAt = 0;
    std::optional<double> restored;
    std::function<void(double)> notify;
    {
        QMutexLocker lock(&m_mutex);
        const double now = m_clock.now();
        if ((restored = restoreStep(now)))
            notify = m_restored;
        // The request starts at its paced slot once the window has room, and not before the fixed
        // gap after the previous request. Reserved starts never go backwards, so m_starts stays sorted.
        const double slot = m_source && m_interval > 0 ? nextSharedSlot(now) : localSlot(now);
        startAt = std::max({ now, slot, m_lastStart + m_delay });
        m_lastStart = startAt;
        m_tat = std::max(m_tat, startAt) + m_interval;
        m_starts.push_back(startAt);
        if (int(m_starts.size()) > m_capacity)
            m_starts.pop_front();
    }
    if (restored && notify)
        notify(*restored);
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
