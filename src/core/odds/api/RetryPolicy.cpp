#include "RetryPolicy.h"

#include <QRandomGenerator>

#include <algorithm>

namespace bfs {

RetryPolicy::RetryPolicy(int maxRetries, int baseMs, int capMs)
    : m_maxRetries(std::max(0, maxRetries))
    , m_baseMs(std::max(0, baseMs))
    , m_capMs(std::max(0, capMs))
{
}

int RetryPolicy::ceilingMs(int attempt) const
{
    const qint64 grown = qint64(m_baseMs) << std::clamp(attempt, 0, 30);
    return int(std::min<qint64>(m_capMs, grown));
}

int RetryPolicy::delayMs(int attempt, std::optional<int> retryAfterSeconds) const
{
    if (retryAfterSeconds && *retryAfterSeconds >= 0)
        return int(std::min<qint64>(qint64(*retryAfterSeconds) * 1000, std::max(m_capMs, 1000)));
    const int ceiling = ceilingMs(attempt);
    return ceiling <= 0 ? 0 : int(QRandomGenerator::global()->bounded(ceiling + 1));
}

} // namespace bfs
