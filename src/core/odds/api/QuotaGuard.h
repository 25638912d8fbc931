#pragma once

#include <QMutex>
#include <QString>

#include <optional>

namespace bfs {

// Spending control shared by the workers of one run: keeps the latest x-requests-*
// headers and refuses a request whose estimated cost would take the run past the
// user's budget, or the account below the reserve. Costs in flight are reserved
// first, so several workers cannot overspend together.
class QuotaGuard {
public:
    QuotaGuard(std::optional<qint64> budget, std::optional<qint64> reserve);

    // True and the cost reserved, or false with `reason` set: stop the run.
    bool reserve(qint64 estimatedCost, QString& reason);
    // After the answer: release the reservation, count what the API charged.
    void settle(qint64 estimatedCost, std::optional<qint64> charged, std::optional<qint64> remaining,
        std::optional<qint64> used);

    // Team mode: a lower x-requests-remaining another instance saw; --reserve acts on it.
    void observeRemaining(qint64 remaining);

    qint64 creditsUsed() const;
    std::optional<qint64> remaining() const;
    std::optional<qint64> usedTotal() const;

private:
    mutable QMutex m_mutex;
    std::optional<qint64> m_budget, m_reserve;
    qint64 m_spent = 0;
    qint64 m_inFlight = 0;
    std::optional<qint64> m_remaining, m_used;
};

} // namespace bfs
