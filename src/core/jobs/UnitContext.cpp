#include "UnitContext.h"

#include "JobRunState.h"

namespace bfs {

UnitContext::UnitContext(std::shared_ptr<JobRunState> state, int workerIndex)
    : m_state(std::move(state))
    , m_workerIndex(workerIndex)
{
}

bool UnitContext::isCanceled() const { return m_state->canceled.load(std::memory_order_relaxed); }

bool UnitContext::checkpoint()
{
    if (m_state->paused.load(std::memory_order_relaxed))
        return m_state->waitWhilePaused();
    return !isCanceled();
}

void UnitContext::addItems(qint64 count) { m_state->items.fetch_add(count, std::memory_order_relaxed); }

void UnitContext::setStatus(const QString& status) { m_state->setStatus(m_workerIndex, status); }

void UnitContext::abortJob(const QString& reason) { m_state->abort(reason); }

} // namespace bfs
