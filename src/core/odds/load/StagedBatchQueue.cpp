#include "StagedBatchQueue.h"

#include <chrono>

namespace bfs {

StagedBatchQueue::StagedBatchQueue(std::size_t capacity)
    : m_capacity(capacity)
{
}

bool StagedBatchQueue::push(StagedBatch batch, const std::function<bool()>& stop)
{
    std::unique_lock lock(m_mutex);
    // Timed waits so a cancel (an atomic flag, no notification) is seen promptly.
    while (!m_closed && m_items.size() >= m_capacity) {
        if (stop())
            return false;
        m_notFull.wait_for(lock, std::chrono::milliseconds(50));
    }
    if (m_closed)
        return false;
    m_items.push_back(std::move(batch));
    m_notEmpty.notify_one();
    return true;
}

std::optional<StagedBatch> StagedBatchQueue::pop(int waitMs, bool& closed)
{
    std::unique_lock lock(m_mutex);
    if (m_items.empty() && !m_closed && waitMs > 0)
        m_notEmpty.wait_for(lock, std::chrono::milliseconds(waitMs), [this] { return !m_items.empty() || m_closed; });
    closed = m_closed && m_items.empty();
    if (m_items.empty())
        return std::nullopt;
    StagedBatch batch = std::move(m_items.front());
    m_items.pop_front();
    m_notFull.notify_one();
    return batch;
}

void StagedBatchQueue::close()
{
    std::lock_guard lock(m_mutex);
    m_closed = true;
    m_notEmpty.notify_all();
    m_notFull.notify_all();
}

} // namespace bfs
