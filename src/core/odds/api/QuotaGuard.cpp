#include "QuotaGuard.h"

namespace bfs {

QuotaGuard::QuotaGuard(std::optional<qint64> budget, std::optional<qint64> reserve)
    : m_budget(budget)
    , m_reserve(reserve)
{
}

bool QuotaGuard::reserve(qint64 cost, QString& reason)
{
    QMutexLocker lock(&m_mutex);
    if (m_budget && m_spent + m_inFlight + cost > *m_budget) {
        reason = QStringLiteral("budget of %1 credits reached (%2 spent, next request costs up to %3)")
                     .arg(*m_budget)
                     .arg(m_spent)
                     .arg(cost);
        return false;
    }
    if (m_reserve && m_remaining && *m_remaining - m_inFlight - cost < *m_reserve) {
        reason = QStringLiteral("x-requests-remaining %1 would fall below the reserve of %2 credits")
                     .arg(*m_remaining)
                     .arg(*m_reserve);
        return false;
    }
    m_inFlight += cost;
    return true;
}

void QuotaGuard::settle(
    qint64 cost, std::optional<qint64> charged, std::optional<qint64> remaining, std::optional<qint64> used)
{
    QMutexLocker lock(&m_mutex);
    m_inFlight = std::max<qint64>(0, m_inFlight - cost);
    if (charged)
        m_spent += *charged;
    if (remaining)
        m_remaining = remaining;
    if (used)
        m_used = used;
}

void QuotaGuard::observeRemaining(qint64 remaining)
{
    QMutexLocker lock(&m_mutex);
    if (!m_remaining || remaining < *m_remaining)
        m_remaining = remaining;
}

qint64 QuotaGuard::creditsUsed() const
{
    QMutexLocker lock(&m_mutex);
    return m_spent;
}

std::optional<qint64> QuotaGuard::remaining() const
{
    QMutexLocker lock(&m_mutex);
    return m_remaining;
}

std::optional<qint64> QuotaGuard::usedTotal() const
{
    QMutexLocker lock(&m_mutex);
    return m_used;
}

} // namespace bfs
