#include "UnitContext.h"

#include "jobs/Job.h"
#include "jobs/JobRunState.h"

namespace bfs {

UnitContext::UnitContext(std::shared_ptr<JobRunState> state, int workerIndex)
    : m_state(std::move(state))
    , m_workerIndex(workerIndex)
{
}

bool UnitContext::isCanceled() const
{
    return m_state->canceled.load(std::memory_order_relaxed);
}

bool UnitContext::isPaused() const
{
    return m_state->paused.load(std::memory_order_relaxed);
}

bool UnitContext::checkpoint()
{
    if (m_state->paused.load(std::memory_order_relaxed))
        return m_state->waitWhilePaused();
    return !isCanceled();
}

void UnitContext::addItems(qint64 count)
{
    m_state->items.fetch_add(count, std::memory_order_relaxed);
}

void UnitContext::setStatus(const QString& status)
{
    m_state->setStatus(m_workerIndex, status);
}

void UnitContext::abortJob(const QString& reason)
{
    m_state->abort(reason);
}

int UnitContext::workers() const
{
    return m_state->workers;
}

bool UnitContext::isAborted() const
{
    return m_state->aborted.load();
}

qint64 UnitContext::takeUnit()
{
    const qint64 unit = m_state->nextUnit.fetch_add(1);
    return unit < m_state->job->unitCount() ? unit : -1;
}

void UnitContext::finishUnit(qint64 unit, UnitOutcome outcome)
{
    const qint64 weight = m_state->job->unitWeight(unit);
    if (outcome == UnitOutcome::Failed)
        m_state->failed.fetch_add(weight);
    if (outcome != UnitOutcome::Interrupted)
        m_state->done.fetch_add(weight);
}

} // namespace bfs
